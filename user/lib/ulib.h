/*
 * ulib.h - the user runtime: system call stubs (generated from the one
 * list), formatted output, strings, and a few task helpers.
 */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"
#include "lib/fmt.h"
#include "lib/string.h"
#include "iocap/ioports.h"

#define X(name, nargs, path, params) long sys_##name(SYSARGS_PARAMS(nargs, params));
SYSCALL_LIST(X)
#undef X

long syscall_int80(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
long syscall_sysenter(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int puts(const char *s);
void exit(int code) __attribute__((noreturn));
const char *strerror(long err);

/* spawn a boot module by name with a space-separated argument string. */
int spawn(const char *name, const char *args);
int spawn_flags(const char *name, const char *args, unsigned flags);
/* Derives IoPorts(base, count, rights) from the cap in src into the empty slot dst. */
long cap_derive(unsigned src, unsigned dst, unsigned base, unsigned count, unsigned rights);
/*
 * Spawns name suspended and gives it grants[0..n-1], derived from the
 * IoPorts cap in src through the empty slot scratch, in its slots 0..n-1.
 * The caller resumes it.  On failure the child is killed (the caller still
 * reaps it) and the error is returned.
 */
int spawn_granted(const char *name, const char *args, unsigned src, unsigned scratch,
		  const struct ioports *grants, int n);
int streq(const char *a, const char *b);
/* Decimal digits at the start of s (0 if none). */
unsigned atou(const char *s);
/* A hex number without 0x, as the test programs take ports; no checks (they are given good ones). */
unsigned xtou(const char *s);
/* Program arguments: is word one of them; the value of the first key=value one, or 0. */
int arg_has(int argc, char **argv, const char *word);
const char *arg_value(int argc, char **argv, const char *key);
/* The slot of a service named in the manifest's uses= (init passes `uses=a,b`), or -1. */
int service_slot(int argc, char **argv, const char *service);

#endif

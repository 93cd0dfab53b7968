/*
 * cmdline.h - words of the kernel command line (Multiboot's string after
 * the kernel's name): `kpanic`, `bench`, `iobitmap=eager`, `fuzz`,
 * `invariants=N`.  One parser, so every option is found the same way.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

/* Whether word stands as a whole, space-separated word in args. */
int cmdline_has(const char *args, const char *word);
/* The decimal N of a `key=N` word in args, or -1 when there is none. */
long cmdline_number(const char *args, const char *key);

#endif

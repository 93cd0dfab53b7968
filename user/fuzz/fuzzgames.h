/*
 * fuzzgames.h - one system call made with chosen EFLAGS (user/fuzz/fuzzasm.S).
 */
#ifndef USER_FUZZ_FUZZGAMES_H
#define USER_FUZZ_FUZZGAMES_H

#include <stdint.h>

struct fz_flags_req {
	uint32_t eflags;
	uint32_t how;          /* 0: popf; 1: iret */
	uint32_t gate;         /* 0: int 0x80; 1: sysenter */
	uint32_t nr, a0, a1, a2, a3;
	uint32_t flags_after;  /* out */
	long ret;              /* out */
	uint32_t cs;           /* the iret frame's cs (its low 16 bits); 0: the caller's */
};

void fz_flags_call(struct fz_flags_req *r);

#define FL_CF   0x00000001u
#define FL_TF   0x00000100u
#define FL_IF   0x00000200u
#define FL_DF   0x00000400u
#define FL_IOPL 0x00003000u
#define FL_NT   0x00004000u
#define FL_RF   0x00010000u
#define FL_VM   0x00020000u
#define FL_AC   0x00040000u
#define FL_VIF  0x00080000u
#define FL_VIP  0x00100000u
#define FL_ID   0x00200000u

#endif

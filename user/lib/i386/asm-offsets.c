/*
 * asm-offsets.c (user) - the struct fields the user runtime's assembly
 * reads: struct fz_flags_req (fuzzasm.S).
 * Compiled with -S only, like the kernel's arch/i386/asm-offsets.c; the
 * markers become build/gen/uasm-offsets.h (docs/build.md, "Generated
 * headers").
 */
#include "arch/i386/asmconst.h"
#include "user/fuzz/fuzzgames.h"

void uasm_offsets(void);

void uasm_offsets(void)
{
	ASM_OFFSET(FZ_EFLAGS, struct fz_flags_req, eflags);
	ASM_OFFSET(FZ_HOW, struct fz_flags_req, how);
	ASM_OFFSET(FZ_GATE, struct fz_flags_req, gate);
	ASM_OFFSET(FZ_NR, struct fz_flags_req, nr);
	ASM_OFFSET(FZ_A0, struct fz_flags_req, a0);
	ASM_OFFSET(FZ_A1, struct fz_flags_req, a1);
	ASM_OFFSET(FZ_A2, struct fz_flags_req, a2);
	ASM_OFFSET(FZ_A3, struct fz_flags_req, a3);
	ASM_OFFSET(FZ_FLAGS_AFTER, struct fz_flags_req, flags_after);
	ASM_OFFSET(FZ_RET, struct fz_flags_req, ret);
	ASM_OFFSET(FZ_CS, struct fz_flags_req, cs);
}

/*
 * iopl.h - the Iopl capability's one effect: the EFLAGS value ring 3 runs
 * with.  Every EFLAGS the kernel itself puts into a ring-3 frame (spawn,
 * restart, and task_io_refresh when the Iopl cap comes or goes) passes
 * through eflags_sanitize, so that ring 3 can never raise IOPL itself: IOPL
 * is 3 exactly when the task holds Iopl.  No system call sets a task's
 * EFLAGS from values it passes.
 *
 * popf and iret in ring 3 cannot change IOPL (the CPU ignores those bits
 * below CPL 0), nor IF unless IOPL is 3, nor VM, VIF or VIP; that is the
 * hardware's half, and the frame the CPU pushes on a trap is returned as
 * it came but for IF (below).  This is the kernel's half.  Where an
 * emulator breaks the hardware's half (QEMU's TCG takes VM from a ring-3
 * iret), the trap path ends the task (kernel/proc/fault.c vm86_fault).
 *
 * The names carry an EFL_ prefix so they cannot clash with arch/i386/mmu.h.
 */
#ifndef IOCAP_IOPL_H
#define IOCAP_IOPL_H

#include <stdbool.h>
#include <stdint.h>

#define EFL_CF    0x00000001u   /* carry */
#define EFL_FIXED 0x00000002u   /* bit 1: reserved, always reads as 1 */
#define EFL_PF    0x00000004u   /* parity */
#define EFL_AF    0x00000010u   /* adjust */
#define EFL_ZF    0x00000040u   /* zero */
#define EFL_SF    0x00000080u   /* sign */
#define EFL_TF    0x00000100u   /* trap (single step) */
#define EFL_IF    0x00000200u   /* interrupts enabled */
#define EFL_DF    0x00000400u   /* direction */
#define EFL_OF    0x00000800u   /* overflow */
#define EFL_IOPL  0x00003000u   /* I/O privilege level, 2 bits */
#define EFL_IOPL3 0x00003000u
#define EFL_NT    0x00004000u   /* nested task */
#define EFL_RF    0x00010000u   /* resume (suppresses one instruction breakpoint) */
#define EFL_VM    0x00020000u   /* virtual-8086 mode */
#define EFL_AC    0x00040000u   /* alignment check */
#define EFL_VIF   0x00080000u   /* virtual IF (VME/PVI only) */
#define EFL_VIP   0x00100000u   /* virtual interrupt pending (VME/PVI only) */
#define EFL_ID    0x00200000u   /* CPUID available (toggleable) */

/*
 * The flags ring 3 may set as it likes:
 * - CF PF AF ZF SF OF: arithmetic results; they are the task's own state.
 * - TF: single stepping a task traps into the kernel (#DB), which handles
 *   ring-3 #DB already; it grants nothing.
 * - DF: the task's own; the kernel's entry paths clear it before C runs.
 * - RF: only suppresses instruction breakpoints for one instruction, and a
 *   debugger resuming after one needs it.
 * - AC: alignment checking of ring-3 accesses (if CR0.AM is set) faults
 *   only the task itself (#AC).
 * - ID: toggled by CPUID detection code; it changes nothing.
 */
#define EFL_USER_MASK (EFL_CF | EFL_PF | EFL_AF | EFL_ZF | EFL_SF | EFL_OF | \
		       EFL_TF | EFL_DF | EFL_RF | EFL_AC | EFL_ID)

/*
 * The EFLAGS to load on return to ring 3: the EFL_USER_MASK bits of
 * user_eflags, and fixed values for the rest:
 * - IOPL = 3 if holds_iopl, else 0: the whole point of the Iopl cap, and
 *   never what the task asked for.
 * - IF = 1: a task that could return with interrupts off would stop the
 *   timer and so the scheduler.  An Iopl holder may still `cli` in ring 3
 *   (that is what Iopl grants), but no state passing through the kernel
 *   keeps IF clear: besides this function, an int 0x80 call sets IF in its
 *   frame on entry (kernel/api/trap.c), a resumed fault sets it (kernel/
 *   fault.c), and sysenter leaves with `sti; sysexit`.  What a holder needs
 *   IF clear for is a short run of port accesses this CPU must not
 *   interrupt; a system call or a fault inside one ends it anyway (the
 *   kernel may switch tasks there, with interrupts on), so the rule costs
 *   nothing legitimate.
 * - VM = 0: iret with VM set enters virtual-8086 mode, where port and IOPL
 *   rules differ and iodecode.h's 32-bit assumption breaks.  (A task's own
 *   iret at CPL 3 cannot set VM on hardware; QEMU's TCG lets it, and the
 *   kernel ends a task it finds in that mode: kernel/proc/fault.c vm86_fault.)
 * - NT = 0: iret with NT set does a hardware task switch through the TSS
 *   back link, which Portcullis never uses (#TS at best).
 * - VIF, VIP = 0: meaningful only with VME/PVI, which are off; leaving VIP
 *   set would make a later sti fault if they were ever turned on.
 * - bit 1 = 1 and bits 3, 5, 15, 22-31 = 0: reserved, fixed by the CPU.
 */
uint32_t eflags_sanitize(uint32_t user_eflags, bool holds_iopl);

#endif

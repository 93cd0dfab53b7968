/*
 * ipc.S - the user side of the IPC system calls, which return more than
 * eax: the message comes back in ebx (badge), esi (tag), edi and ebp
 * (words 0 and 1), so one stub loads a struct ipc_msg into those
 * registers, enters through sysenter, and stores them back.
 *
 *   long ipc_sys(unsigned nr, unsigned slot, struct ipc_msg *m)
 *   struct ipc_msg { unsigned tag, w0, w1, badge; }   (user/lib/ipc.h)
 */
#include "gen/uasm-offsets.h"   /* MSG_x: struct ipc_msg (user/lib/i386/asm-offsets.c) */

	.text
	.globl ipc_sys
ipc_sys:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %eax
	movl 24(%esp), %ebx
	movl 28(%esp), %ecx
	movl MSG_TAG(%ecx), %esi
	movl MSG_W0(%ecx), %edi
	movl MSG_W1(%ecx), %ebp
	pushl %ecx
	movl %esp, %ecx
	movl $1f, %edx
	sysenter
1:	popl %ecx
	movl %esi, MSG_TAG(%ecx)
	movl %edi, MSG_W0(%ecx)
	movl %ebp, MSG_W1(%ecx)
	movl %ebx, MSG_BADGE(%ecx)
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

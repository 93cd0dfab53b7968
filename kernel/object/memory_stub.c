/*
 * memory_stub.c - the memory calls' place in the table until the memory
 * objects exist (issue 13, in progress): each refuses with E_NOSYS, as an
 * unknown call would.  Removed by the change that implements them.
 */
#include "kernel/object/decode.h"

SYSCALL(mem_retype)
{
	return user_error(E_NOSYS);
}

SYSCALL(mem_map)
{
	return user_error(E_NOSYS);
}

SYSCALL(mem_unmap)
{
	return user_error(E_NOSYS);
}

SYSCALL(mem_protect)
{
	return user_error(E_NOSYS);
}

/*
 * memsmoke.h - the memory calls' smoke test (user/usertests/memsmoke.c);
 * the full property suite of issue 13 lives beside it.
 */
#ifndef USER_USERTESTS_MEMSMOKE_H
#define USER_USERTESTS_MEMSMOKE_H

int t_mem_core_smoke(void);
int t_mem_core_mmio_smoke(void);

#endif

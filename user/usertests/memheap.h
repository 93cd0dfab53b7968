/*
 * memheap.h - the user runtime's memory, from the outside (memheap.c):
 * malloc in a program given a budget, and a buffer shared by two tasks.
 * The words that usertests and user/progs/memuser.c agree on.
 */
#ifndef USER_USERTESTS_MEMHEAP_H
#define USER_USERTESTS_MEMHEAP_H

#define MEMUSER_MAGIC  0x5AFEB0F5u
#define MEMUSER_ANSWER 0x0A115EEDu

int t_malloc_grows_by_retype_and_map(void);
int t_malloc_without_budget_returns_null(void);
int t_shbuf_shared_by_two_tasks(void);

#endif

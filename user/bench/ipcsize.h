/*
 * ipcsize.h - the IPC round trip against the words and caps a message
 * carries (ipcsize.c).
 */
#ifndef USER_BENCH_IPCSIZE_H
#define USER_BENCH_IPCSIZE_H

#include "user/bench/harness.h"

/* Prints ipc_words_<n> and ipc_caps_<n>; 0 if one could not be measured. */
int ipcsize_figures(const struct bench_cfg *c);
/* `bench ipcecho`: the server that answers each call in the shape it came. */
int ipcsize_server(void);

#endif

/*
 * system.h - the root task's normal mode: the manifest's drivers, their
 * supervision, and the shell's window onto both (user/init/system.c).
 */
#ifndef USER_INIT_SYSTEM_H
#define USER_INIT_SYSTEM_H

/* Starts everything drivers.conf names and serves forever; 1 if it could not start. */
int run_system(void);

#endif

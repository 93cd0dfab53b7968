/*
 * disk.h - the disk figures: reading and writing the ATA disk through the
 * block service (drivers/ata), in requests of several sizes (disk.c).
 */
#ifndef USER_BENCH_DISK_H
#define USER_BENCH_DISK_H

#include "user/bench/harness.h"

/* Prints the figures; 0 if one could not be measured. */
int disk_figures(const struct bench_cfg *c);

#endif

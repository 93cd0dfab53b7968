/*
 * manifest.h - the root task's driver manifest: which tasks init starts
 * and exactly which capabilities each one gets.  The text format, every
 * key and every rule are described in docs/manifest.md; the default
 * manifest is drivers.conf at the top of the tree.
 *
 * Pure C with no library at all (only <stdint.h>, <stddef.h>,
 * <stdbool.h>): compiled freestanding into init and natively for the host
 * unit tests (tests/unit/test_manifest.c).  No recursion, no allocation.
 */
#ifndef USER_INIT_MANIFEST_H
#define USER_INIT_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#define MANIFEST_MAX_ENTRIES  16   /* tasks per manifest */
#define MANIFEST_MAX_RANGES   8    /* ports= ranges per task */
#define MANIFEST_MAX_IRQS     4    /* irq= lines per task */
#define MANIFEST_MAX_USES     4    /* uses= services per task */
#define MANIFEST_MAX_MMIO     2    /* mmio= ranges per task */
#define MANIFEST_MMIO_END     0xFEC00000u  /* device memory from here up is the kernel's */
#define MANIFEST_PAGE         4096u
#define MANIFEST_NAME_MAX     15   /* task and service names, without the NUL */
#define MANIFEST_ARGS_MAX     63   /* args="..." text, without the NUL */
#define MANIFEST_LINE_MAX     255  /* bytes per line, without "\n" or "\r\n" */
#define MANIFEST_RESTARTS_MAX 100
#define MANIFEST_RESTARTS_DEFAULT 3

/* Ports base..base+count-1; 1 <= count and base + count <= 0x10000. */
struct manifest_range {
	uint16_t base;
	uint32_t count;
};

/* Device memory base..base + pages * 4 KiB - 1; base page-aligned. */
struct manifest_mmio {
	uint32_t base;
	uint32_t pages;
};

/* One task.  Strings are NUL-terminated; unused fields are zero. */
struct manifest_entry {
	char name[MANIFEST_NAME_MAX + 1];        /* = its ELF boot module's name */
	struct manifest_range ports[MANIFEST_MAX_RANGES];
	int nports;
	uint16_t irq_mask;                       /* bit n = IRQ line n; never 0 or 2 */
	struct manifest_mmio mmio[MANIFEST_MAX_MMIO];
	int nmmio;
	char provides[MANIFEST_NAME_MAX + 1];    /* "" when it provides nothing */
	char uses[MANIFEST_MAX_USES][MANIFEST_NAME_MAX + 1];
	int nuses;
	int restarts;                            /* quick failures tolerated */
	int klog;                                /* 1: may read the kernel log */
	int admin;                               /* 1: may ask init to kill, restart, start */
	uint16_t dma_mask;                       /* DMA engines (abi/dma.h DMA_x bits), from dma= */
	int pcicfg;                              /* 1: PCI configuration through the kernel */
	char args[MANIFEST_ARGS_MAX + 1];        /* "" when none */
	int line;                                /* where it is, 1-based */
};

/* The tasks in file order. */
struct manifest {
	struct manifest_entry e[MANIFEST_MAX_ENTRIES];
	int n;
};

/* The first error: 1-based line and column (in bytes), and what is wrong. */
struct manifest_error {
	int line, col;
	char msg[80];
};

/*
 * Parses len bytes of text (not NUL-terminated; text may be NULL when len
 * is 0) into *m.  Returns 0 with m->n tasks (0 for an empty or
 * comment-only text) and err->line 0 and err->msg "", or -1 at the first
 * error with its place and message in *err and m->n 0 (the rest of *m is
 * then meaningless).  err may be NULL.  On success every rule of
 * docs/manifest.md holds: no port, IRQ line, DMA engine or page of device memory has two owners, no service
 * two providers, and every used service has a provider.  Never reads
 * text[len] or beyond.
 */
int manifest_parse(const char *text, size_t len, struct manifest *m,
		   struct manifest_error *err);

/* The index of the task that provides service, or -1 (also for ""). */
int manifest_find_provider(const struct manifest *m, const char *service);

#endif

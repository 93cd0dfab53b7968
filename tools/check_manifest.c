/*
 * check_manifest.c - `make check-manifest [MANIFEST=file]`: the root task's
 * manifest checked on the host, by init's own parser (user/init/manifest.c,
 * compiled natively as the unit tests do), before anything boots.  Prints
 * what each task would be granted, or the first error as file:line:col
 * and exits 1.  A broken manifest in a boot brings up only the console and
 * the shell (user/init/system.c); this finds the mistake first.
 */
#include <stdio.h>
#include <stdlib.h>

#include "user/init/manifest.h"

static void print_entry(const struct manifest_entry *e)
{
	printf("  %-15s", e->name);
	for (int i = 0; i < e->nports; i++)
		printf("%s0x%x-0x%x", i ? "," : " ports=", e->ports[i].base,
		       e->ports[i].base + e->ports[i].count - 1);
	for (int i = 0; i < e->nmmio; i++)
		printf("%s0x%x-0x%x", i ? "," : " mmio=", e->mmio[i].base,
		       e->mmio[i].base + e->mmio[i].pages * MANIFEST_PAGE - 1);
	for (int line = 0, first = 1; line < 16; line++)
		if (e->irq_mask & (1u << line)) {
			printf("%s%d", first ? " irq=" : ",", line);
			first = 0;
		}
	static const char *const dma[] = { "ide0", "ide1", "isa0", "isa1", "isa2", "isa3", "isa4", "isa5",
					   "isa6", "isa7" };
	for (unsigned k = 0, first = 1; k < sizeof(dma) / sizeof(dma[0]); k++)
		if (e->dma_mask & (1u << k)) {
			printf("%s%s", first ? " dma=" : ",", dma[k]);
			first = 0;
		}
	if (e->provides[0])
		printf(" provides=%s", e->provides);
	for (int i = 0; i < e->nuses; i++)
		printf("%s%s", i ? "," : " uses=", e->uses[i]);
	printf(" restarts=%d%s%s", e->restarts, e->klog ? " klog" : "", e->admin ? " admin" : "");
	if (e->args[0])
		printf(" args=\"%s\"", e->args);
	printf("\n");
}

int main(int argc, char **argv)
{
	static char text[1 << 16];
	static struct manifest m;
	struct manifest_error err;
	const char *path = argc > 1 ? argv[1] : "drivers.conf";
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 2;
	}
	size_t len = fread(text, 1, sizeof(text), f);
	int too_big = !feof(f);
	fclose(f);
	if (too_big) {
		fprintf(stderr, "%s: larger than %zu bytes\n", path, sizeof(text));
		return 1;
	}
	if (manifest_parse(text, len, &m, &err)) {
		fprintf(stderr, "%s:%d:%d: %s\n", path, err.line, err.col, err.msg);
		return 1;
	}
	printf("%s: %d tasks, every rule holds (docs/manifest.md)\n", path, m.n);
	for (int i = 0; i < m.n; i++)
		print_entry(&m.e[i]);
	return 0;
}

/*
 * module.c - the table of boot modules.  The data stays where the boot
 * loader put it (kmem.c reserved those frames); we only remember names.
 */
#include "kernel/lib.h"
#include "kernel/boot/module.h"
#include "kernel/boot/multiboot.h"

static struct module modules[MAX_MODULES];
static int nmodules;

void module_basename(const char *path, char *out, uint32_t outlen)
{
	const char *start = path, *p = path;
	if (outlen == 0)
		return;
	for (; *p && *p != ' '; p++)
		if (*p == '/')
			start = p + 1;
	uint32_t len = (uint32_t)(p - start);
	if (len >= outlen)
		len = outlen - 1;
	memcpy(out, start, len);
	out[len] = '\0';
}

void modules_init(const struct multiboot_info *mbi)
{
	if (!(mbi->flags & MBI_FLAG_MODS))
		return;
	const struct multiboot_mod *m = (const struct multiboot_mod *)mbi->mods_addr;
	for (uint32_t i = 0; i < mbi->mods_count && nmodules < MAX_MODULES; i++) {
		struct module *mod = &modules[nmodules++];
		module_basename(m[i].string ? (const char *)m[i].string : "?", mod->name, sizeof(mod->name));
		mod->start = (const void *)m[i].start;
		mod->size = m[i].end - m[i].start;
		kprintf("module %s: %u bytes at 0x%08x\n", mod->name, mod->size, m[i].start);
	}
}

const struct module *module_find(const char *name)
{
	for (int i = 0; i < nmodules; i++)
		if (!strcmp(modules[i].name, name))
			return &modules[i];
	return 0;
}

/*
 * module.h - boot modules (the user programs the boot loader loaded), named
 * by the base name of their path: "/boot/usertests args" -> "usertests".
 */
#ifndef KERNEL_MODULE_H
#define KERNEL_MODULE_H

#include <stdint.h>

#define MAX_MODULES 32
#define MODULE_NAME 24

struct module {
	char name[MODULE_NAME];
	const void *start;
	uint32_t size;
};

struct multiboot_info;
void modules_init(const struct multiboot_info *mbi);
const struct module *module_find(const char *name);
/* Writes the base name of the first word of path into out (pure helper). */
void module_basename(const char *path, char *out, uint32_t outlen);

#endif

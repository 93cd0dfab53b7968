/*
 * test_elf.c - kernel/proc/elf.c, ELF32 executable validation.  Each test starts
 * from a valid image description (a text R-X and a data RW segment, laid
 * out with the host's <elf.h>, independently of elf.c's own structs),
 * breaks one field, and serialises it into a heap block of exactly the
 * image's size, so a read past `size` is an AddressSanitizer error.
 * The real user programs from `make user` are parsed too.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "kernel/proc/elf.h"
#include "tests/unit/unit.h"

/* The window spawn.c allows: user space minus the stack and its guard. */
#define LO 0x40000000u
#define HI 0xBFFF7000u

#define TEXT_VA  0x40000000u
#define TEXT_OFF 0x1000u
#define TEXT_SZ  0x100u
#define DATA_VA  0x40001000u
#define DATA_OFF 0x1100u
#define DATA_FSZ 0x20u
#define DATA_MSZ 0x2000u
#define IMG_SIZE 0x1120u
#define ENTRY    (TEXT_VA + 0x10u)
#define MAX_PH   16

static struct {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[MAX_PH];
	uint32_t size;          /* bytes in the file */
} im;

static uint8_t *file;
static struct elf_info info;

static Elf32_Phdr *add_ph(uint32_t type, uint32_t flags, uint32_t off, uint32_t va,
			  uint32_t filesz, uint32_t memsz)
{
	ck_assert_uint_lt(im.eh.e_phnum, MAX_PH);
	Elf32_Phdr *ph = &im.ph[im.eh.e_phnum++];
	*ph = (Elf32_Phdr){ .p_type = type, .p_offset = off, .p_vaddr = va, .p_paddr = va,
			    .p_filesz = filesz, .p_memsz = memsz, .p_flags = flags,
			    .p_align = 0x1000 };
	return ph;
}

static void setup(void)
{
	memset(&im, 0, sizeof(im));
	memcpy(im.eh.e_ident, ELFMAG, SELFMAG);
	im.eh.e_ident[EI_CLASS] = ELFCLASS32;
	im.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im.eh.e_ident[EI_VERSION] = EV_CURRENT;
	im.eh.e_type = ET_EXEC;
	im.eh.e_machine = EM_386;
	im.eh.e_version = EV_CURRENT;
	im.eh.e_entry = ENTRY;
	im.eh.e_phoff = sizeof(Elf32_Ehdr);
	im.eh.e_ehsize = sizeof(Elf32_Ehdr);
	im.eh.e_phentsize = sizeof(Elf32_Phdr);
	add_ph(PT_LOAD, PF_R | PF_X, TEXT_OFF, TEXT_VA, TEXT_SZ, TEXT_SZ);
	add_ph(PT_LOAD, PF_R | PF_W, DATA_OFF, DATA_VA, DATA_FSZ, DATA_MSZ);
	im.size = IMG_SIZE;
}

static void teardown(void)
{
	free(file);
	file = NULL;
}

/* Copies what fits of src to file[off..] (off may lie past the end). */
static void put(uint64_t off, const void *src, uint64_t len)
{
	if (off >= im.size)
		return;
	if (len > im.size - off)
		len = im.size - off;
	memcpy(file + off, src, len);
}

/* Serialises im into a block of exactly im.size bytes and parses it. */
static int parse_window(uint32_t lo, uint32_t hi)
{
	free(file);
	file = malloc(im.size);
	ck_assert_ptr_nonnull(file);
	for (uint32_t i = 0; i < im.size; i++)
		file[i] = (uint8_t)(i * 7 + 1);
	put(0, &im.eh, sizeof(im.eh));
	uint32_t n = im.eh.e_phnum < MAX_PH ? im.eh.e_phnum : MAX_PH;
	put(im.eh.e_phoff, im.ph, (uint64_t)n * sizeof(Elf32_Phdr));
	memset(&info, 0xA5, sizeof(info));
	return elf_parse(file, im.size, lo, hi, &info);
}

static int parse(void)
{
	return parse_window(LO, HI);
}

static void assert_seg(int i, uint32_t va, uint32_t memsz, uint32_t off, uint32_t filesz,
		       int writable, int exec)
{
	ck_assert_uint_eq(info.seg[i].vaddr, va);
	ck_assert_uint_eq(info.seg[i].memsz, memsz);
	ck_assert_uint_eq(info.seg[i].offset, off);
	ck_assert_uint_eq(info.seg[i].filesz, filesz);
	ck_assert_int_eq(info.seg[i].writable, writable);
	ck_assert_int_eq(info.seg[i].exec, exec);
}

START_TEST(test_valid_image_reports_segments_and_entry)
{
	ck_assert_int_eq(parse(), 0);
	ck_assert_uint_eq(info.entry, ENTRY);
	ck_assert_int_eq(info.nseg, 2);
	assert_seg(0, TEXT_VA, TEXT_SZ, TEXT_OFF, TEXT_SZ, 0, 1);
	assert_seg(1, DATA_VA, DATA_MSZ, DATA_OFF, DATA_FSZ, 1, 0);
}
END_TEST

START_TEST(test_bad_magic_rejected)
{
	for (int i = 0; i < SELFMAG; i++) {
		setup();
		im.eh.e_ident[i] ^= 0x20;
		ck_assert_msg(parse() == -E_NOEXEC, "ident[%d] altered but accepted", i);
	}
}
END_TEST

START_TEST(test_class64_rejected)
{
	im.eh.e_ident[EI_CLASS] = ELFCLASS64;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_big_endian_rejected)
{
	im.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_ident_version_zero_rejected)
{
	im.eh.e_ident[EI_VERSION] = EV_NONE;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_type_dyn_rejected)
{
	im.eh.e_type = ET_DYN;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_machine_x86_64_rejected)
{
	im.eh.e_machine = EM_X86_64;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_version_zero_rejected)
{
	im.eh.e_version = EV_NONE;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_wrong_phentsize_rejected)
{
	im.eh.e_phentsize = sizeof(Elf64_Phdr);
	ck_assert_int_eq(parse(), -E_NOEXEC);
	im.eh.e_phentsize = sizeof(Elf32_Phdr) - 1;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_phnum_zero_rejected)
{
	im.eh.e_phnum = 0;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_phoff_beyond_size_rejected)
{
	im.eh.e_phoff = IMG_SIZE + 4;
	ck_assert_int_eq(parse(), -E_NOEXEC);
	/* The table starts inside the file but its second entry does not fit. */
	im.eh.e_phoff = IMG_SIZE - sizeof(Elf32_Phdr);
	ck_assert_int_eq(parse(), -E_NOEXEC);
	/* The largest count: 65535 entries cannot fit in the file. */
	im.eh.e_phoff = sizeof(Elf32_Ehdr);
	im.eh.e_phnum = 0xFFFF;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_phoff_plus_table_overflow_rejected)
{
	/* phoff + 2*32 wraps to 0x30, which would be inside the file. */
	im.eh.e_phoff = 0xFFFFFFF0u;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_truncated_header_rejected)
{
	static const uint32_t sizes[] = { 0, 4, 16, sizeof(Elf32_Ehdr) - 1 };
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		im.size = sizes[i];
		ck_assert_msg(parse() == -E_NOEXEC, "%u-byte image accepted", sizes[i]);
	}
}
END_TEST

START_TEST(test_filesz_above_memsz_rejected)
{
	im.ph[0].p_filesz = TEXT_SZ + 1;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_segment_beyond_file_rejected)
{
	/* The data segment's file bytes end exactly at the end of the image. */
	im.ph[1].p_filesz = DATA_FSZ + 1;
	ck_assert_int_eq(parse(), -E_NOEXEC);
	setup();
	im.ph[1].p_offset = IMG_SIZE + 0x100;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_segment_offset_overflow_rejected)
{
	/* offset + filesz wraps to 0x100. */
	im.ph[1].p_offset = 0xFFFFFF00u;
	im.ph[1].p_filesz = 0x200;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_vaddr_below_lo_rejected)
{
	im.ph[0].p_vaddr = LO - 0x1000;
	im.eh.e_entry = LO - 0x1000 + 0x10;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_vaddr_at_or_above_hi_rejected)
{
	im.ph[1].p_vaddr = HI;
	ck_assert_int_eq(parse(), -E_NOEXEC);
	im.ph[1].p_vaddr = 0xFFFFF000u;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_segment_ending_at_hi_accepted)
{
	im.ph[1].p_vaddr = HI - DATA_MSZ;
	ck_assert_int_eq(parse(), 0);
	ck_assert_uint_eq(info.seg[1].vaddr, HI - DATA_MSZ);
}
END_TEST

START_TEST(test_segment_past_hi_rejected)
{
	im.ph[1].p_vaddr = HI - DATA_MSZ + 1;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_segment_wrapping_past_4g_rejected)
{
	/* vaddr + memsz wraps to 0x6000, below hi. */
	im.ph[1].p_vaddr = 0xBFFF6000u;
	im.ph[1].p_memsz = 0x40010000u;
	ck_assert_int_eq(parse(), -E_NOEXEC);
	/* The same with the window reaching the top of the address space. */
	im.ph[1].p_vaddr = 0xFFFFE000u;
	im.ph[1].p_memsz = 0x3000u;
	ck_assert_int_eq(parse_window(LO, 0xFFFFFFFFu), -E_NOEXEC);
}
END_TEST

START_TEST(test_overlapping_segments_rejected)
{
	/* Data starts inside text. */
	im.ph[1].p_vaddr = TEXT_VA + TEXT_SZ - 1;
	ck_assert_int_eq(parse(), -E_NOEXEC);
	/* Data starts below text and covers all of it. */
	setup();
	im.ph[0].p_vaddr = LO + 0x1000;
	im.eh.e_entry = LO + 0x1000;
	im.ph[1].p_vaddr = LO;
	im.ph[1].p_memsz = 0x3000;
	ck_assert_int_eq(parse(), -E_NOEXEC);
	/* Text, the first header, starts in the last byte of data. */
	setup();
	im.ph[0].p_vaddr = DATA_VA + DATA_MSZ - 1;
	im.eh.e_entry = DATA_VA + DATA_MSZ - 1;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_adjacent_segments_accepted)
{
	im.ph[1].p_vaddr = TEXT_VA + TEXT_SZ;
	ck_assert_int_eq(parse(), 0);
	ck_assert_int_eq(info.nseg, 2);
}
END_TEST

/* n PT_LOAD segments, one page apart; the first is the text with the entry. */
static void many_segments(int n)
{
	im.eh.e_phnum = 1;
	for (int i = 1; i < n; i++)
		add_ph(PT_LOAD, PF_R | PF_W, DATA_OFF, DATA_VA + (uint32_t)i * 0x1000, 0x10, 0x10);
}

START_TEST(test_max_segments_accepted)
{
	many_segments(ELF_MAX_SEGS);
	ck_assert_int_eq(parse(), 0);
	ck_assert_int_eq(info.nseg, ELF_MAX_SEGS);
	assert_seg(ELF_MAX_SEGS - 1, DATA_VA + (ELF_MAX_SEGS - 1) * 0x1000, 0x10, DATA_OFF, 0x10, 1, 0);
}
END_TEST

START_TEST(test_too_many_segments_rejected)
{
	many_segments(ELF_MAX_SEGS + 1);
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_entry_outside_segments_rejected)
{
	im.eh.e_entry = DATA_VA + DATA_MSZ + 0x1000;
	ck_assert_int_eq(parse(), -E_NOEXEC);
	im.eh.e_entry = 0;
	ck_assert_int_eq(parse(), -E_NOEXEC);
	/* One byte past the end of the text. */
	im.eh.e_entry = TEXT_VA + TEXT_SZ;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_entry_at_text_bounds_accepted)
{
	im.eh.e_entry = TEXT_VA;
	ck_assert_int_eq(parse(), 0);
	im.eh.e_entry = TEXT_VA + TEXT_SZ - 1;
	ck_assert_int_eq(parse(), 0);
	ck_assert_uint_eq(info.entry, TEXT_VA + TEXT_SZ - 1);
}
END_TEST

START_TEST(test_entry_in_non_exec_segment_rejected)
{
	im.eh.e_entry = DATA_VA + 0x10;
	ck_assert_int_eq(parse(), -E_NOEXEC);
}
END_TEST

START_TEST(test_empty_load_segment_skipped)
{
	/* memsz and filesz 0: address and offset are never looked at. */
	add_ph(PT_LOAD, PF_R | PF_W | PF_X, 0xFFFFFFF0u, 0, 0, 0);
	add_ph(PT_LOAD, PF_R, IMG_SIZE + 0x1000, TEXT_VA + 4, 0, 0);
	ck_assert_int_eq(parse(), 0);
	ck_assert_int_eq(info.nseg, 2);
	assert_seg(1, DATA_VA, DATA_MSZ, DATA_OFF, DATA_FSZ, 1, 0);
}
END_TEST

START_TEST(test_non_load_headers_ignored)
{
	/* Garbage addresses and offsets that a PT_LOAD could never have. */
	add_ph(PT_NOTE, PF_R, 0xFFFFFFF0u, 0, 0x100, 0x10);
	add_ph(PT_GNU_STACK, PF_R | PF_W | PF_X, 0, 0, 0, 0);
	add_ph(PT_NULL, 0, IMG_SIZE + 1, TEXT_VA, 0x10, 0x10);
	ck_assert_int_eq(parse(), 0);
	ck_assert_int_eq(info.nseg, 2);
}
END_TEST

START_TEST(test_non_load_headers_do_not_count_toward_max)
{
	many_segments(ELF_MAX_SEGS);
	add_ph(PT_NOTE, PF_R, DATA_OFF, 0, DATA_FSZ, DATA_FSZ);
	add_ph(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
	ck_assert_int_eq(parse(), 0);
	ck_assert_int_eq(info.nseg, ELF_MAX_SEGS);
}
END_TEST

/* Reads a whole file into a block of exactly its size; NULL if absent. */
static uint8_t *read_file(const char *path, uint32_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	ck_assert_int_gt(n, 0);
	rewind(f);
	uint8_t *buf = malloc((size_t)n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*size = (uint32_t)n;
	return buf;
}

/* Parses one user program; 0 if the file does not exist. */
static int check_user_program(const char *path)
{
	uint32_t size;
	uint8_t *img = read_file(path, &size);
	if (!img)
		return 0;
	memset(&info, 0xA5, sizeof(info));
	ck_assert_msg(elf_parse(img, size, LO, HI, &info) == 0, "%s rejected", path);
	ck_assert_int_ge(info.nseg, 1);
	int entry_in_text = 0;
	for (int s = 0; s < info.nseg; s++)
		if (info.seg[s].exec && info.entry - info.seg[s].vaddr < info.seg[s].memsz)
			entry_in_text = 1;
	ck_assert_msg(entry_in_text, "%s: entry 0x%x not in text", path, info.entry);
	free(img);
	return 1;
}

/*
 * `make test-unit` builds the programs first and passes their directory
 * and names (UNIT_USER_DIR, UNIT_USER_PROGS), so there a missing program
 * is a failure; a hand run without them tries the usual five, if built.
 */
START_TEST(test_real_user_programs_accepted)
{
	const char *dir = getenv("UNIT_USER_DIR");
	const char *list = getenv("UNIT_USER_PROGS");
	char names[1024];
	snprintf(names, sizeof(names), "%s", list ? list : "init hello spin fault usertests");
	for (char *save, *name = strtok_r(names, " ", &save); name; name = strtok_r(NULL, " ", &save)) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir ? dir : "build/user", name);
		ck_assert_msg(check_user_program(path) || !dir, "%s is missing (make user)", path);
	}
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("elf");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_valid_image_reports_segments_and_entry);
	tcase_add_test(tc, test_bad_magic_rejected);
	tcase_add_test(tc, test_class64_rejected);
	tcase_add_test(tc, test_big_endian_rejected);
	tcase_add_test(tc, test_ident_version_zero_rejected);
	tcase_add_test(tc, test_type_dyn_rejected);
	tcase_add_test(tc, test_machine_x86_64_rejected);
	tcase_add_test(tc, test_version_zero_rejected);
	tcase_add_test(tc, test_wrong_phentsize_rejected);
	tcase_add_test(tc, test_phnum_zero_rejected);
	tcase_add_test(tc, test_phoff_beyond_size_rejected);
	tcase_add_test(tc, test_phoff_plus_table_overflow_rejected);
	tcase_add_test(tc, test_truncated_header_rejected);
	tcase_add_test(tc, test_filesz_above_memsz_rejected);
	tcase_add_test(tc, test_segment_beyond_file_rejected);
	tcase_add_test(tc, test_segment_offset_overflow_rejected);
	tcase_add_test(tc, test_vaddr_below_lo_rejected);
	tcase_add_test(tc, test_vaddr_at_or_above_hi_rejected);
	tcase_add_test(tc, test_segment_ending_at_hi_accepted);
	tcase_add_test(tc, test_segment_past_hi_rejected);
	tcase_add_test(tc, test_segment_wrapping_past_4g_rejected);
	tcase_add_test(tc, test_overlapping_segments_rejected);
	tcase_add_test(tc, test_adjacent_segments_accepted);
	tcase_add_test(tc, test_max_segments_accepted);
	tcase_add_test(tc, test_too_many_segments_rejected);
	tcase_add_test(tc, test_entry_outside_segments_rejected);
	tcase_add_test(tc, test_entry_at_text_bounds_accepted);
	tcase_add_test(tc, test_entry_in_non_exec_segment_rejected);
	tcase_add_test(tc, test_empty_load_segment_skipped);
	tcase_add_test(tc, test_non_load_headers_ignored);
	tcase_add_test(tc, test_non_load_headers_do_not_count_toward_max);
	tcase_add_test(tc, test_real_user_programs_accepted);
	suite_add_tcase(s, tc);
	return s;
}

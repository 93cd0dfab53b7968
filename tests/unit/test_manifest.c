/*
 * test_manifest.c - user/init/manifest.c, the driver manifest parser.
 * Every text is copied into a heap block of exactly its length (no NUL
 * after it), so a read past len is an AddressSanitizer error.  Each
 * validation rule has a test that checks the line, the column and a piece
 * of the message; the top-level drivers.conf is read from the repository
 * (make runs the tests from its root) and must give exactly the entries
 * below.  The fuzz tests check every result against rules of their own
 * (check_result), independently of the parser.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/dma.h"
#include "user/init/manifest.h"
#include "tests/unit/unit.h"

#define DEFAULT_MANIFEST "drivers.conf"

static struct manifest m;
static struct manifest_error err;

/* Parses len bytes of text from a heap block of exactly that size. */
static int parse_n(const char *text, size_t len)
{
	char *buf = malloc(len);
	ck_assert_ptr_nonnull(buf);
	memcpy(buf, text, len);
	memset(&m, 0xA5, sizeof(m));
	memset(&err, 0xA5, sizeof(err));
	int r = manifest_parse(buf, len, &m, &err);
	free(buf);
	return r;
}

static int parse(const char *text)
{
	return parse_n(text, strlen(text));
}

#define EXPECT_OK(text)                                                           \
	do {                                                                      \
		const char *t_ = (text);                                          \
		int r_ = parse(t_);                                               \
		ck_assert_msg(r_ == 0, "rejected (%d:%d %s):\n%s", err.line, err.col, \
			      err.msg, t_);                                       \
		ck_assert_int_eq(err.line, 0);                                    \
		ck_assert_str_eq(err.msg, "");                                    \
	} while (0)

static void expect_err_n(const char *text, size_t len, int line, int col, const char *part)
{
	int r = parse_n(text, len);
	ck_assert_msg(r == -1, "accepted:\n%.*s", (int)len, text);
	ck_assert_msg(err.line == line && err.col == col && strstr(err.msg, part),
		      "want %d:%d \"%s\", got %d:%d \"%s\" for:\n%.*s", line, col, part,
		      err.line, err.col, err.msg, (int)len, text);
	ck_assert_uint_lt(strlen(err.msg), sizeof(err.msg));
	ck_assert_int_eq(m.n, 0);
}

#define EXPECT_ERR(text, line, col, part) \
	do { const char *t_ = (text); expect_err_n(t_, strlen(t_), line, col, part); } while (0)

/* A table of texts that must fail where and how each says. */
struct bad {
	const char *text;
	int line, col;
	const char *part;
};

static void expect_each(const struct bad *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		EXPECT_ERR(b[i].text, b[i].line, b[i].col, b[i].part);
}

/* ---- the default manifest ---- */

static const struct manifest_entry want_default[] = {
	{ .name = "uart16550", .ports = { { 0x3f8, 8 } }, .nports = 1, .irq_mask = 1u << 4,
	  .provides = "console", .restarts = 3, .klog = 1 },
	{ .name = "ps2kbd", .ports = { { 0x60, 1 }, { 0x64, 1 } }, .nports = 2,
	  .irq_mask = 1u << 1, .uses = { "console" }, .nuses = 1, .restarts = 3 },
	{ .name = "rtc", .ports = { { 0x70, 2 } }, .nports = 1, .irq_mask = 1u << 8,
	  .provides = "rtc", .uses = { "console" }, .nuses = 1, .restarts = 3 },
	{ .name = "pci", .pcicfg = 1, .provides = "pci", .uses = { "console" }, .nuses = 1,
	  .restarts = 3 },
	{ .name = "ata", .ports = { { 0x1f0, 8 }, { 0x3f6, 1 } }, .nports = 2,
	  .irq_mask = 1u << 14, .provides = "block", .uses = { "console" }, .nuses = 1,
	  .restarts = 3, .dma_mask = DMA_IDE0 },
	{ .name = "vga", .ports = { { 0x3d4, 2 } }, .nports = 1, .mmio = { { 0xb8000, 8 } },
	  .nmmio = 1, .uses = { "console" }, .nuses = 1, .restarts = 3 },
	{ .name = "floppy", .ports = { { 0x3f0, 6 }, { 0x3f7, 1 } }, .nports = 2, .irq_mask = 1u << 6,
	  .dma_mask = DMA_ISA(2), .provides = "floppy", .uses = { "console" }, .nuses = 1,
	  .restarts = 3 },
	{ .name = "shell", .uses = { "rtc", "block", "pci", "floppy" }, .nuses = 4,
	  .restarts = 3, .admin = 1, .args = "prompt" },
};
#define NDEFAULT ((int)(sizeof(want_default) / sizeof(want_default[0])))

/* The whole file in a heap block of exactly its size; *len its size. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s (run from the repository root)", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	ck_assert_int_gt(size, 0);
	rewind(f);
	char *buf = malloc((size_t)size);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*len = (size_t)size;
	return buf;
}

/* The 1-based line of text whose first field is name, or 0. */
static int line_of(const char *text, size_t len, const char *name)
{
	size_t n = strlen(name);
	int line = 1;
	for (size_t i = 0; i < len; line++) {
		while (i < len && (text[i] == ' ' || text[i] == '\t'))
			i++;
		if (len - i > n && memcmp(text + i, name, n) == 0 &&
		    (text[i + n] == ' ' || text[i + n] == '\t' || text[i + n] == '\r' ||
		     text[i + n] == '\n'))
			return line;
		while (i < len && text[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

static void expect_entry(const struct manifest_entry *got, const struct manifest_entry *want,
			 int line)
{
	ck_assert_str_eq(got->name, want->name);
	ck_assert_mem_eq(got->name, want->name, sizeof(got->name));
	ck_assert_int_eq(got->nports, want->nports);
	for (int i = 0; i < MANIFEST_MAX_RANGES; i++) {
		ck_assert_uint_eq(got->ports[i].base, want->ports[i].base);
		ck_assert_uint_eq(got->ports[i].count, want->ports[i].count);
	}
	ck_assert_uint_eq(got->irq_mask, want->irq_mask);
	ck_assert_int_eq(got->nmmio, want->nmmio);
	for (int i = 0; i < MANIFEST_MAX_MMIO; i++) {
		ck_assert_uint_eq(got->mmio[i].base, want->mmio[i].base);
		ck_assert_uint_eq(got->mmio[i].pages, want->mmio[i].pages);
	}
	ck_assert_mem_eq(got->provides, want->provides, sizeof(got->provides));
	ck_assert_int_eq(got->nuses, want->nuses);
	ck_assert_mem_eq(got->uses, want->uses, sizeof(got->uses));
	ck_assert_int_eq(got->restarts, want->restarts);
	ck_assert_int_eq(got->klog, want->klog);
	ck_assert_int_eq(got->admin, want->admin);
	ck_assert_uint_eq(got->dma_mask, want->dma_mask);
	ck_assert_int_eq(got->pcicfg, want->pcicfg);
	ck_assert_mem_eq(got->args, want->args, sizeof(got->args));
	ck_assert_int_eq(got->line, line);
}

static void expect_default(const char *text, size_t len)
{
	int r = parse_n(text, len);
	ck_assert_msg(r == 0, "%d:%d %s", err.line, err.col, err.msg);
	ck_assert_int_eq(m.n, NDEFAULT);
	for (int i = 0; i < NDEFAULT; i++) {
		int line = line_of(text, len, want_default[i].name);
		ck_assert_int_gt(line, 0);
		expect_entry(&m.e[i], &want_default[i], line);
	}
}

START_TEST(test_default_file_gives_expected_entries)
{
	size_t len;
	char *text = read_file(DEFAULT_MANIFEST, &len);
	expect_default(text, len);
	free(text);
}
END_TEST

START_TEST(test_default_file_crlf)
{
	size_t len, n = 0;
	char *text = read_file(DEFAULT_MANIFEST, &len);
	char *crlf = malloc(2 * len);
	ck_assert_ptr_nonnull(crlf);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = text[i];
	}
	ck_assert_uint_gt(n, len);
	expect_default(crlf, n);
	free(crlf);
	free(text);
}
END_TEST

START_TEST(test_default_file_without_final_newline)
{
	size_t len;
	char *text = read_file(DEFAULT_MANIFEST, &len);
	ck_assert_int_eq(text[len - 1], '\n');
	expect_default(text, len - 1);
	free(text);
}
END_TEST

START_TEST(test_find_provider)
{
	size_t len;
	char *text = read_file(DEFAULT_MANIFEST, &len);
	ck_assert_int_eq(parse_n(text, len), 0);
	free(text);
	ck_assert_int_eq(manifest_find_provider(&m, "console"), 0);
	ck_assert_int_eq(manifest_find_provider(&m, "rtc"), 2);
	ck_assert_int_eq(manifest_find_provider(&m, "pci"), 3);
	ck_assert_int_eq(manifest_find_provider(&m, "block"), 4);
	ck_assert_int_eq(manifest_find_provider(&m, "consol"), -1);
	ck_assert_int_eq(manifest_find_provider(&m, "net"), -1);
	/* Tasks that provide nothing have provides "": it is no service. */
	ck_assert_int_eq(manifest_find_provider(&m, ""), -1);
}
END_TEST

/* ---- what is accepted ---- */

START_TEST(test_empty_input)
{
	ck_assert_int_eq(parse_n("", 0), 0);
	ck_assert_int_eq(m.n, 0);
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.msg, "");
	memset(&m, 0xA5, sizeof(m));
	ck_assert_int_eq(manifest_parse(NULL, 0, &m, &err), 0);
	ck_assert_int_eq(m.n, 0);
}
END_TEST

START_TEST(test_comment_and_blank_lines_only)
{
	EXPECT_OK("# just a comment\n   # indented\n\n\t \r\n#\n");
	ck_assert_int_eq(m.n, 0);
	EXPECT_OK("   ");
	ck_assert_int_eq(m.n, 0);
	EXPECT_OK("\n\n\n");
	ck_assert_int_eq(m.n, 0);
	EXPECT_OK("# é, \x01 and \xff are fine in a comment");
	ck_assert_int_eq(m.n, 0);
}
END_TEST

START_TEST(test_defaults_of_a_bare_name)
{
	EXPECT_OK("\n\nhello\n");
	ck_assert_int_eq(m.n, 1);
	static const struct manifest_entry want = { .name = "hello", .restarts = 3 };
	expect_entry(&m.e[0], &want, 3);
}
END_TEST

START_TEST(test_whitespace_and_comments_between_fields)
{
	EXPECT_OK("\t a\tports=0x60\r irq=1#comment ports=0x70\n b#c\n");
	ck_assert_int_eq(m.n, 2);
	ck_assert_str_eq(m.e[0].name, "a");
	ck_assert_int_eq(m.e[0].nports, 1);
	ck_assert_uint_eq(m.e[0].ports[0].base, 0x60);
	ck_assert_uint_eq(m.e[0].irq_mask, 1u << 1);
	ck_assert_str_eq(m.e[1].name, "b");
	ck_assert_int_eq(m.e[1].line, 2);
	/* A lone CR is whitespace, not a line end. */
	EXPECT_OK("a\rklog\r\r\nb klog");
	ck_assert_int_eq(m.n, 2);
	ck_assert_int_eq(m.e[0].klog, 1);
	ck_assert_int_eq(m.e[1].line, 2);
}
END_TEST

START_TEST(test_last_line_without_newline)
{
	EXPECT_OK("a ports=0x60");
	ck_assert_int_eq(m.n, 1);
	ck_assert_uint_eq(m.e[0].ports[0].base, 0x60);
	EXPECT_OK("a\nb args=\"x\"");
	ck_assert_str_eq(m.e[1].args, "x");
	EXPECT_OK("a\n# last");
	ck_assert_int_eq(m.n, 1);
}
END_TEST

START_TEST(test_port_edges)
{
	EXPECT_OK("a ports=0xFFFF");
	ck_assert_uint_eq(m.e[0].ports[0].base, 0xFFFF);
	ck_assert_uint_eq(m.e[0].ports[0].count, 1);
	/* Port 0 parses, and is the kernel's (the 8237): the error names it. */
	EXPECT_ERR("a ports=0-0xffff", 1, 9, "port 0x0 is the kernel's");
	EXPECT_OK("a ports=0x8901-0xffff");
	ck_assert_uint_eq(m.e[0].ports[0].base, 0x8901);
	ck_assert_uint_eq(m.e[0].ports[0].count, 0x10000 - 0x8901);
	EXPECT_ERR("a ports=0xfff8-0xffff,0", 1, 23, "port 0x0 is the kernel's");
	EXPECT_OK("a ports=0xfff8-0xffff,0x10");
	ck_assert_uint_eq(m.e[0].ports[0].count, 8);
	ck_assert_uint_eq(m.e[0].ports[1].base, 0x10);
	ck_assert_uint_eq(m.e[0].ports[1].count, 1);
	EXPECT_OK("a ports=0x105-0x105");
	ck_assert_uint_eq(m.e[0].ports[0].count, 1);
}
END_TEST

START_TEST(test_decimal_and_hex_numbers)
{
	EXPECT_OK("a ports=96,100,1008-1015 irq=12 restarts=10");
	ck_assert_uint_eq(m.e[0].ports[0].base, 0x60);
	ck_assert_uint_eq(m.e[0].ports[1].base, 0x64);
	ck_assert_uint_eq(m.e[0].ports[2].base, 0x3f0);
	ck_assert_uint_eq(m.e[0].ports[2].count, 8);
	ck_assert_uint_eq(m.e[0].irq_mask, 1u << 12);
	ck_assert_int_eq(m.e[0].restarts, 10);
	EXPECT_OK("a ports=0X3F8-0x3fF irq=0xe restarts=0x64");
	ck_assert_uint_eq(m.e[0].ports[0].base, 0x3f8);
	ck_assert_uint_eq(m.e[0].ports[0].count, 8);
	ck_assert_uint_eq(m.e[0].irq_mask, 1u << 14);
	ck_assert_int_eq(m.e[0].restarts, 100);
	/* No octal: a leading zero is still decimal. */
	EXPECT_OK("a ports=0100 irq=09");
	ck_assert_uint_eq(m.e[0].ports[0].base, 100);
	ck_assert_uint_eq(m.e[0].irq_mask, 1u << 9);
	EXPECT_OK("a ports=0x0000000000000060");
	ck_assert_uint_eq(m.e[0].ports[0].base, 0x60);
}
END_TEST

START_TEST(test_restarts_edges)
{
	EXPECT_OK("a restarts=0");
	ck_assert_int_eq(m.e[0].restarts, 0);
	EXPECT_OK("a restarts=100");
	ck_assert_int_eq(m.e[0].restarts, 100);
	EXPECT_ERR("a restarts=101", 1, 12, "restarts past 100");
	EXPECT_ERR("a restarts=4294967296", 1, 12, "restarts past 100");
}
END_TEST

START_TEST(test_irq_lines_allowed)
{
	EXPECT_OK("a irq=1,3\nb irq=4,5,6,7\nc irq=15,14,8,9\nd irq=10,11,12,13");
	ck_assert_uint_eq(m.e[0].irq_mask, 0x000a);
	ck_assert_uint_eq(m.e[1].irq_mask, 0x00f0);
	ck_assert_uint_eq(m.e[2].irq_mask, 0xc300);
	ck_assert_uint_eq(m.e[3].irq_mask, 0x3c00);
}
END_TEST

START_TEST(test_args)
{
	EXPECT_OK("a args=\"\"");
	ck_assert_str_eq(m.e[0].args, "");
	EXPECT_OK("a args=\"-v  x # not a comment\" klog # a comment");
	ck_assert_str_eq(m.e[0].args, "-v  x # not a comment");
	ck_assert_int_eq(m.e[0].klog, 1);
	char line[128], want[64];
	memset(want, 'x', 63);
	want[63] = '\0';
	snprintf(line, sizeof(line), "a args=\"%s\"", want);
	EXPECT_OK(line);
	ck_assert_str_eq(m.e[0].args, want);
	snprintf(line, sizeof(line), "a args=\"%sy\"", want);
	EXPECT_ERR(line, 1, 72, "args longer than 63");
	EXPECT_ERR("a args=prompt", 1, 8, "args must be quoted");
	EXPECT_ERR("a args=", 1, 8, "args must be quoted");
	EXPECT_ERR("a args=x\"y\"", 1, 8, "args must be quoted");
	EXPECT_ERR("a args=\"x\"y", 1, 11, "text after closing quote");
	EXPECT_ERR("a args=\"x\"\"y\"", 1, 11, "text after closing quote");
	EXPECT_ERR("a args=\"x\ty\"", 1, 10, "bad character in args");
	EXPECT_ERR("a args=\"caf\xc3\xa9\"", 1, 12, "bad character in args");
	EXPECT_ERR("a args=\"x\x7f\"", 1, 10, "bad character in args");
}
END_TEST

START_TEST(test_forward_use_of_a_later_provider)
{
	EXPECT_OK("a uses=x\np provides=x");
	ck_assert_int_eq(m.n, 2);
	ck_assert_str_eq(m.e[0].uses[0], "x");
	ck_assert_int_eq(manifest_find_provider(&m, "x"), 1);
}
END_TEST

START_TEST(test_adjacent_ranges_have_different_owners)
{
	EXPECT_OK("a ports=0x110-0x11f\nb ports=0x120-0x12f,0x10f\nc ports=0x130,0x10e");
	ck_assert_int_eq(m.n, 3);
}
END_TEST

START_TEST(test_err_may_be_null)
{
	ck_assert_int_eq(manifest_parse("a irq=0", 7, &m, NULL), -1);
	ck_assert_int_eq(m.n, 0);
	ck_assert_int_eq(manifest_parse("a irq=1", 7, &m, NULL), 0);
	ck_assert_int_eq(m.n, 1);
}
END_TEST

/* ---- limits: exactly at the limit passes, one over fails ---- */

START_TEST(test_max_tasks)
{
	char text[512];
	size_t n = 0;
	for (int i = 0; i < MANIFEST_MAX_ENTRIES; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "# task %d\nt%d\n", i, i);
	EXPECT_OK(text);
	ck_assert_int_eq(m.n, MANIFEST_MAX_ENTRIES);
	ck_assert_str_eq(m.e[15].name, "t15");
	ck_assert_int_eq(m.e[15].line, 32);
	snprintf(text + n, sizeof(text) - n, "\n  t16\n");
	EXPECT_ERR(text, 34, 3, "too many tasks (max 16)");
}
END_TEST

START_TEST(test_max_ranges)
{
	EXPECT_OK("a ports=0x101,0x102,0x103,0x104,0x105,0x106,0x107,0x110-0x120");
	ck_assert_int_eq(m.e[0].nports, MANIFEST_MAX_RANGES);
	ck_assert_uint_eq(m.e[0].ports[7].base, 0x110);
	ck_assert_uint_eq(m.e[0].ports[7].count, 0x11);
	EXPECT_ERR("a ports=0x101,0x102,0x103,0x104,0x105,0x106,0x107,0x108,0x109", 1, 57,
		   "too many port ranges (max 8)");
}
END_TEST

START_TEST(test_max_irqs)
{
	EXPECT_OK("a irq=1,3,4,5");
	ck_assert_uint_eq(m.e[0].irq_mask, 0x3a);
	EXPECT_ERR("a irq=1,3,4,5,6", 1, 15, "too many irqs (max 4)");
}
END_TEST

START_TEST(test_max_uses)
{
	const char *providers = "p provides=s1\nq provides=s2\nr provides=s3\ns provides=s4\n"
				"t provides=s5\n";
	char text[256];
	snprintf(text, sizeof(text), "%sa uses=s1,s2,s3,s4", providers);
	EXPECT_OK(text);
	ck_assert_int_eq(m.e[5].nuses, MANIFEST_MAX_USES);
	ck_assert_str_eq(m.e[5].uses[3], "s4");
	snprintf(text, sizeof(text), "%sa uses=s1,s2,s3,s4,s5", providers);
	EXPECT_ERR(text, 6, 20, "too many uses (max 4)");
}
END_TEST

START_TEST(test_name_lengths)
{
	EXPECT_OK("abcdefghijklmno provides=abcdefghijklmno\nb uses=abcdefghijklmno");
	ck_assert_str_eq(m.e[0].name, "abcdefghijklmno");
	ck_assert_str_eq(m.e[0].provides, "abcdefghijklmno");
	ck_assert_str_eq(m.e[1].uses[0], "abcdefghijklmno");
	EXPECT_ERR("abcdefghijklmnop", 1, 16, "task name longer than 15");
	EXPECT_ERR("a provides=abcdefghijklmnop", 1, 27, "service name longer than 15");
	EXPECT_ERR("p provides=x\na uses=x,abcdefghijklmnop", 2, 25, "service name longer than 15");
}
END_TEST

/*
 * 16 tasks, each with 8 port ranges, 4 uses, 15-char names and 63 chars of
 * args (IRQ lines would not fit in 255 bytes too; test_max_irqs has them).
 */
START_TEST(test_everything_at_its_limit)
{
	static char text[MANIFEST_MAX_ENTRIES * 256];
	char args[MANIFEST_ARGS_MAX + 1];
	size_t n = 0;
	memset(args, '~', MANIFEST_ARGS_MAX);
	args[MANIFEST_ARGS_MAX] = '\0';
	for (int i = 0; i < MANIFEST_MAX_ENTRIES; i++) {
		/* Clear of the kernel-owned ports (iocap/ioowned.h), as wide in text as before. */
		int p = 0x100 + i * 8, range = 0x1000 + i * 0x100;
		size_t start = n;
		n += (size_t)snprintf(text + n, sizeof(text) - n,
			"task-%010d ports=%d,%d,%d,%d,%d,%d,%d,0x%x-0x%x provides=service-%07d "
			"uses=service-%07d,service-%07d,service-%07d,service-%07d "
			"restarts=100 klog args=\"%s\"\n",
			i, p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, range, range + 0xff,
			i, (i + 1) % 16, (i + 2) % 16, (i + 3) % 16, (i + 4) % 16, args);
		ck_assert_uint_le(n - start - 1, MANIFEST_LINE_MAX);
	}
	EXPECT_OK(text);
	ck_assert_int_eq(m.n, MANIFEST_MAX_ENTRIES);
	for (int i = 0; i < m.n; i++) {
		ck_assert_uint_eq(strlen(m.e[i].name), MANIFEST_NAME_MAX);
		ck_assert_uint_eq(strlen(m.e[i].provides), MANIFEST_NAME_MAX);
		ck_assert_int_eq(m.e[i].nports, MANIFEST_MAX_RANGES);
		ck_assert_uint_eq(m.e[i].ports[7].base, 0x1000 + i * 0x100);
		ck_assert_uint_eq(m.e[i].ports[7].count, 0x100);
		ck_assert_int_eq(m.e[i].nuses, MANIFEST_MAX_USES);
		ck_assert_uint_eq(strlen(m.e[i].uses[3]), MANIFEST_NAME_MAX);
		ck_assert_int_eq(m.e[i].restarts, 100);
		ck_assert_int_eq(m.e[i].klog, 1);
		ck_assert_str_eq(m.e[i].args, args);
	}
}
END_TEST

START_TEST(test_line_length)
{
	char text[300];
	memset(text, ' ', sizeof(text));
	memcpy(text, "a", 1);
	memcpy(text + 250, "klog", 4);           /* ends at column 254 */
	expect_err_n(text, 256, 1, 256, "line longer than 255");
	ck_assert_int_eq(parse_n(text, 255), 0);
	ck_assert_int_eq(m.e[0].klog, 1);
	/* The line end ("\n" or "\r\n") is not part of the line. */
	text[255] = '\n';
	ck_assert_int_eq(parse_n(text, 256), 0);
	text[255] = '\r';
	text[256] = '\n';
	ck_assert_int_eq(parse_n(text, 257), 0);
	text[256] = ' ';
	text[257] = '\r';
	expect_err_n(text, 258, 1, 256, "line longer than 255");
	/* Comments too, and on any line. */
	memset(text, '#', sizeof(text));
	text[0] = '\n';
	ck_assert_int_eq(parse_n(text, 256), 0);
	expect_err_n(text, 257, 2, 256, "line longer than 255");
}
END_TEST

/* ---- each validation error, with its place ---- */

START_TEST(test_unknown_key)
{
	EXPECT_ERR("a ports=0x3f8 color=red\n", 1, 15, "unknown key color");
	EXPECT_ERR("a\n\nb foo\n", 3, 3, "unknown key foo");
	EXPECT_ERR("a KLOG", 1, 3, "unknown key KLOG");
	EXPECT_ERR("a port=1", 1, 3, "unknown key port");
	EXPECT_ERR("a portsx=1", 1, 3, "unknown key portsx");
	EXPECT_ERR("a =5", 1, 3, "missing key");
	EXPECT_ERR("a ports", 1, 8, "ports needs a value");
	EXPECT_ERR("a uses", 1, 7, "uses needs a value");
	EXPECT_ERR("a klog=1", 1, 7, "klog takes no value");
	EXPECT_ERR("a klog=", 1, 7, "klog takes no value");
	EXPECT_ERR("a admin=yes", 1, 8, "admin takes no value");
	EXPECT_ERR("a admin admin", 1, 9, "duplicate key admin");
}
END_TEST

START_TEST(test_malformed_number)
{
	EXPECT_ERR("a ports=0x", 1, 9, "malformed number");
	EXPECT_ERR("a ports=12a", 1, 9, "malformed number");
	EXPECT_ERR("a ports=0xg0", 1, 9, "malformed number");
	EXPECT_ERR("a ports=-5", 1, 9, "malformed number");
	EXPECT_ERR("a ports=5-", 1, 11, "malformed number");
	EXPECT_ERR("a ports=1-2-3", 1, 11, "malformed number");
	EXPECT_ERR("a ports=0x60 irq=+4", 1, 18, "malformed number");
	EXPECT_ERR("a irq=1.5", 1, 7, "malformed number");
	EXPECT_ERR("a restarts=x", 1, 12, "malformed number");
	EXPECT_ERR("a restarts=", 1, 12, "malformed number");
	EXPECT_ERR("a restarts=-1", 1, 12, "malformed number");
	EXPECT_ERR("a ports=\"0x60\"", 1, 9, "malformed number");
}
END_TEST

START_TEST(test_out_of_range)
{
	EXPECT_ERR("a ports=0x10000", 1, 9, "port past 0xffff");
	EXPECT_ERR("a ports=65536", 1, 9, "port past 0xffff");
	EXPECT_ERR("a ports=0-0x10000", 1, 11, "port past 0xffff");
	/* Huge numbers saturate; they never wrap around into range. */
	EXPECT_ERR("a ports=0x100000060", 1, 9, "port past 0xffff");
	EXPECT_ERR("a ports=4294967392", 1, 9, "port past 0xffff");
	EXPECT_ERR("a ports=99999999999999999999999999", 1, 9, "port past 0xffff");
	EXPECT_ERR("a irq=0", 1, 7, "irq 0 is the kernel's timer");
	EXPECT_ERR("a irq=1,0x2", 1, 9, "irq 2 is the PIC cascade");
	EXPECT_ERR("a irq=16", 1, 7, "irq past 15");
	EXPECT_ERR("a irq=4294967297", 1, 7, "irq past 15");
	EXPECT_ERR("a ports=0x64-0x60", 1, 14, "range end below its start");
}
END_TEST

START_TEST(test_empty_list_element)
{
	EXPECT_ERR("a ports=", 1, 9, "empty list element");
	EXPECT_ERR("a ports=0x60,,0x64", 1, 14, "empty list element");
	EXPECT_ERR("a ports=0x60,", 1, 14, "empty list element");
	EXPECT_ERR("a ports=,0x60", 1, 9, "empty list element");
	EXPECT_ERR("a irq=", 1, 7, "empty list element");
	EXPECT_ERR("a irq=1,", 1, 9, "empty list element");
	EXPECT_ERR("b provides=x\na uses=", 2, 8, "empty list element");
	EXPECT_ERR("b provides=x\na uses=x,,y", 2, 10, "empty list element");
	EXPECT_ERR("a provides=", 1, 12, "empty service name");
	EXPECT_ERR("a provides=x,y", 1, 13, "provides takes one service name");
}
END_TEST

START_TEST(test_duplicate_key)
{
	EXPECT_ERR("a ports=0x101 ports=0x102", 1, 15, "duplicate key ports");
	EXPECT_ERR("a irq=1 irq=3", 1, 9, "duplicate key irq");
	EXPECT_ERR("a provides=x provides=x", 1, 14, "duplicate key provides");
	EXPECT_ERR("a uses=x uses=y", 1, 10, "duplicate key uses");
	EXPECT_ERR("a restarts=1 restarts=1", 1, 14, "duplicate key restarts");
	EXPECT_ERR("a klog klog", 1, 8, "duplicate key klog");
	EXPECT_ERR("a args=\"\" args=\"\"", 1, 11, "duplicate key args");
	/* Keys belong to one line: the next task may use them again. */
	EXPECT_OK("a klog irq=1\nb klog irq=3");
}
END_TEST

START_TEST(test_bad_name_characters)
{
	EXPECT_OK("0-_z\n-\n_");
	ck_assert_str_eq(m.e[0].name, "0-_z");
	EXPECT_ERR("Uart", 1, 1, "bad character 'U' in task name");
	EXPECT_ERR("a.b", 1, 2, "bad character '.' in task name");
	EXPECT_ERR("  ports=0x60", 1, 8, "bad character '=' in task name");
	EXPECT_ERR("ab\x01", 1, 3, "bad character 0x1 in task name");
	EXPECT_ERR("caf\xc3\xa9", 1, 4, "bad character 0xc3 in task name");
	EXPECT_ERR("a provides=Console", 1, 12, "bad character 'C' in service name");
	EXPECT_ERR("p provides=x\na uses=x,y/z", 2, 11, "bad character '/' in service name");
}
END_TEST

START_TEST(test_duplicate_task_name)
{
	EXPECT_ERR("a\nb\n a\n", 3, 2, "duplicate task name a (first on line 1)");
}
END_TEST

START_TEST(test_init_is_not_a_task)
{
	EXPECT_ERR("a\n  init restarts=1\n", 2, 3, "init is the root task, not a task of the manifest");
	EXPECT_OK("initrd\ninit2\n");
	ck_assert_int_eq(m.n, 2);
}
END_TEST

/* pcicfg: a flag, never on the console (slot 20 is its SLOT_INTR). */
START_TEST(test_pcicfg_flag)
{
	EXPECT_OK("pci pcicfg provides=pci\n");
	ck_assert_int_eq(m.e[0].pcicfg, 1);
	EXPECT_OK("pci provides=pci\n");
	ck_assert_int_eq(m.e[0].pcicfg, 0);
	static const struct bad cases[] = {
		{ "pci pcicfg=1\n", 1, 11, "pcicfg takes no value" },
		{ "pci pcicfg pcicfg\n", 1, 12, "duplicate key pcicfg" },
		{ "con provides=console pcicfg\n", 1, 22, "pcicfg on the console" },
		{ "con klog pcicfg provides=console\n", 1, 10, "pcicfg on the console" },
		/* Slot 20 holds one of SLOT_DMA and SLOT_PCICFG. */
		{ "pci pcicfg dma=ide1\n", 1, 5, "pcicfg with dma=" },
		{ "pci dma=isa3 provides=pci pcicfg\n", 1, 27, "pcicfg with dma=" },
	};
	expect_each(cases, sizeof(cases) / sizeof(cases[0]));
}
END_TEST

/* The ports the kernel owns (iocap/ioowned.h) are in no grant: the 8237, PCI configuration, the PIC. */
START_TEST(test_kernel_owned_ports_refused)
{
	static const struct bad cases[] = {
		{ "pci ports=0xcf8-0xcff\n", 1, 11, "port 0xcf8 is the kernel's (PCI configuration)" },
		{ "a ports=0x60\nfloppy ports=0x3f0-0x3f7,0x04\n", 2, 26,
		  "port 0x4 is the kernel's (the 8237 DMA controller (channels 0-3))" },
		{ "a ports=0x80-0x81\n", 1, 9, "port 0x81 is the kernel's (the 8237 page registers)" },
		{ "a ports=0x1f0-0x1f7,0xbf-0xc0", 1, 21, "port 0xc0 is the kernel's" },
		{ "a ports=0x3f8,0x20", 1, 15, "port 0x20 is the kernel's (the master PIC)" },
		{ "a ports=0x8900", 1, 9, "port 0x8900 is the kernel's" },
		{ "a ports=0xcf0-0xcf8", 1, 9, "port 0xcf8 is the kernel's" },
	};
	expect_each(cases, sizeof(cases) / sizeof(cases[0]));
	/* Their neighbours are grantable. */
	EXPECT_OK("a ports=0x10-0x1f,0x80,0x90-0x9f,0xe0-0xe8,0xcf0-0xcf7,0xd00\n");
}
END_TEST

START_TEST(test_port_overlap_between_tasks)
{
	EXPECT_ERR("uart ports=0x3f8-0x3ff\nrogue ports=0x60,0x3fc\n", 2, 18,
		   "port 0x3fc in both uart and rogue (a port has one owner)");
	EXPECT_ERR("a ports=0x10-0x1f\nb ports=0x18-0x30", 2, 9, "port 0x18 in both a and b");
	EXPECT_ERR("a ports=0x10-0x1f\nb ports=0-0x10", 2, 9, "port 0x10 in both a and b");
	EXPECT_ERR("a ports=0x10-0x1f\nb ports=0-0xffff", 2, 9, "port 0x10 in both a and b");
	EXPECT_ERR("a ports=0xffff\nb ports=0xfff0-0xffff", 2, 9, "port 0xffff in both a and b");
	EXPECT_ERR("a ports=0x101\nb ports=0x102\nc ports=0x103,0x101", 3, 15, "port 0x101 in both a and c");
}
END_TEST

START_TEST(test_port_overlap_within_task)
{
	EXPECT_ERR("a ports=0x60-0x64,0x62", 1, 19, "port 0x62 listed twice in this task");
	EXPECT_ERR("a ports=0x105,0x105", 1, 15, "port 0x105 listed twice in this task");
	EXPECT_ERR("a ports=0x10,0-0xffff", 1, 14, "port 0x10 listed twice in this task");
}
END_TEST

START_TEST(test_irq_in_two_places)
{
	EXPECT_ERR("a irq=4\nb irq=3,4", 2, 9, "irq 4 in both a and b");
	EXPECT_ERR("a irq=15\nb\nc irq=15", 3, 7, "irq 15 in both a and c");
	EXPECT_ERR("a irq=4,4", 1, 9, "irq 4 listed twice in this task");
}
END_TEST

START_TEST(test_two_providers)
{
	EXPECT_ERR("a provides=console\nb provides=console", 2, 12,
		   "service console provided by both a and b");
}
END_TEST

START_TEST(test_uses_unknown_service)
{
	EXPECT_ERR("a uses=console\n", 1, 8, "no task provides console");
	EXPECT_ERR("p provides=x\na uses=x,y\n", 2, 10, "no task provides y");
	/* It is checked after the last line: a later error comes first. */
	EXPECT_ERR("a uses=nobody\nb ports=zz", 2, 9, "malformed number");
}
END_TEST

START_TEST(test_uses_own_service)
{
	EXPECT_ERR("a provides=x uses=x", 1, 19, "task uses its own service x");
	EXPECT_ERR("b provides=y\na uses=y,x provides=x", 2, 10, "task uses its own service x");
}
END_TEST

START_TEST(test_uses_one_service_twice)
{
	EXPECT_ERR("p provides=x\na uses=x,x", 2, 10, "uses x twice");
}
END_TEST

START_TEST(test_unterminated_quote)
{
	EXPECT_ERR("a args=\"hello\nb", 1, 8, "unterminated quote");
	EXPECT_ERR("a args=\"abc", 1, 8, "unterminated quote");
	EXPECT_ERR("a args=\"a\" \"b", 1, 12, "unterminated quote");
	EXPECT_ERR("a\"b", 1, 2, "unterminated quote");
	/* CR is not a line end, so it cannot close a line's quote either. */
	EXPECT_ERR("a args=\"x\r\nb", 1, 8, "unterminated quote");
}
END_TEST

START_TEST(test_nul_byte_is_an_error)
{
	expect_err_n("a ports=0x60\0\n", 14, 1, 13, "NUL byte");
	expect_err_n("# \0\na", 5, 1, 3, "NUL byte");
	expect_err_n("\0", 1, 1, 1, "NUL byte");
	expect_err_n("a\n\0", 3, 2, 1, "NUL byte");
	expect_err_n("a args=\"x\0y\"", 12, 1, 10, "NUL byte");
}
END_TEST

/* mmio=: page-aligned physical ranges, one owner each, never the kernel's top. */
START_TEST(test_mmio_ranges)
{
	EXPECT_OK("a mmio=0xb8000-0xbffff,0xa0000-0xa0fff\nb mmio=0xc0000-0xc0fff");
	ck_assert_int_eq(m.e[0].nmmio, 2);
	ck_assert_uint_eq(m.e[0].mmio[0].base, 0xb8000);
	ck_assert_uint_eq(m.e[0].mmio[0].pages, 8);
	ck_assert_uint_eq(m.e[0].mmio[1].base, 0xa0000);
	ck_assert_uint_eq(m.e[0].mmio[1].pages, 1);
	ck_assert_uint_eq(m.e[1].mmio[0].base, 0xc0000);
	/* The last grantable page ends just below 0xfec00000. */
	EXPECT_OK("a mmio=0xfebff000-0xfebfffff");
	ck_assert_uint_eq(m.e[0].mmio[0].pages, 1);
	EXPECT_OK("a mmio=4096-8191");
	ck_assert_uint_eq(m.e[0].mmio[0].base, 0x1000);
	/* Ports and mmio are owned apart: the same numbers do not clash. */
	EXPECT_OK("a ports=0x1000 mmio=0x1000-0x1fff");
	ck_assert_int_eq(m.e[0].nports, 1);
	ck_assert_int_eq(m.e[0].nmmio, 1);
}
END_TEST

/* A bad manifest and where it is reported: text, line, column, message. */
struct err_case {
	const char *text;
	int line, col;
	const char *msg;
};

static void expect_errors(const struct err_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		EXPECT_ERR(c[i].text, c[i].line, c[i].col, c[i].msg);
}

/* Each bad mmio= and dma=. */
static const struct err_case mmio_dma_errors[] = {
	{ "a mmio=0xb8000", 1, 8, "mmio takes ranges A-B" },
	{ "a mmio=0xb8001-0xbffff", 1, 8, "mmio range not page-aligned" },
	{ "a mmio=0xb8000-0xbfffe", 1, 8, "mmio range not page-aligned" },
	{ "a mmio=0xb8000-0xb7fff", 1, 16, "range end below its start" },
	{ "a mmio=0xfec00000-0xfec00fff", 1, 8, "mmio at or above 0xfec00000 is the kernel's" },
	{ "a mmio=0xfebff000-0xffffffff", 1, 8, "mmio at or above 0xfec00000 is the kernel's" },
	/* Huge numbers saturate; they never wrap around into range. */
	{ "a mmio=0x1000-0x100000fff", 1, 8, "mmio at or above 0xfec00000 is the kernel's" },
	{ "a mmio=0x1000-zz", 1, 15, "malformed number" },
	{ "a mmio=", 1, 8, "empty list element" },
	{ "a mmio=0x1000-0x1fff,0x2000-0x2fff,0x3000-0x3fff", 1, 36, "too many mmio ranges (max 2)" },
	{ "a mmio=0xb8000-0xbffff\nb mmio=0xbf000-0xc0fff", 2, 8,
	  "mmio 0xbf000 in both a and b (device memory has one owner)" },
	{ "a mmio=0x1000-0x2fff,0x2000-0x2fff", 1, 22, "mmio 0x2000 listed twice in this task" },
	{ "a mmio=0x1000-0x1fff mmio=0x3000-0x3fff", 1, 22, "duplicate key mmio" },
	/* dma= (issue 15): one owner per engine, the cascade is no channel, the console's slot is taken. */
	{ "a dma=isa4", 1, 7, "isa4 is the 8237 cascade" },
	{ "a dma=", 1, 7, "empty list element" },
	{ "a dma=ide0,", 1, 12, "empty list element" },
	{ "a dma=ide0,ide0", 1, 12, "dma ide0 listed twice in this task" },
	{ "a dma=ide0\nb dma=ide1,ide0", 2, 12, "dma ide0 in both a and b" },
	{ "a dma=ide0 dma=ide1", 1, 12, "duplicate key dma" },
	{ "a provides=console dma=ide0", 1, 1, "the console takes no dma=" },
};

START_TEST(test_mmio_and_dma_errors)
{
	expect_errors(mmio_dma_errors, sizeof(mmio_dma_errors) / sizeof(mmio_dma_errors[0]));
}
END_TEST

/* dma=: engines by name, one owner each (docs/manifest.md, docs/dma.md). */
START_TEST(test_dma_engines)
{
	EXPECT_OK("a dma=ide0\nb dma=ide1,isa2,isa0,isa7,isa5");
	ck_assert_uint_eq(m.e[0].dma_mask, DMA_IDE0);
	ck_assert_uint_eq(m.e[1].dma_mask, DMA_IDE1 | DMA_ISA(2) | DMA_ISA(0) | DMA_ISA(7) | DMA_ISA(5));
	EXPECT_OK("a ports=0x1f0 dma=isa3");
	ck_assert_uint_eq(m.e[0].dma_mask, DMA_ISA(3));
	EXPECT_OK("a");
	ck_assert_uint_eq(m.e[0].dma_mask, 0);
}
END_TEST


START_TEST(test_dma_unknown_names)
{
	/* Names are exact: case, length and number all count. */
	static const char *const unknown[] = { "a dma=ide2", "a dma=IDE0", "a dma=ide", "a dma=ide00", "a dma=isa8" };
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		EXPECT_ERR(unknown[i], 1, 7, "dma takes ide0, ide1, isa0-isa3, isa5-isa7");
}
END_TEST

START_TEST(test_first_error_wins)
{
	EXPECT_ERR("a ports=zz\nb ports=yy", 1, 9, "malformed number");
	EXPECT_ERR("a ports=zz irq=0", 1, 9, "malformed number");
	EXPECT_ERR("a irq=0 ports=zz", 1, 7, "irq 0");
}
END_TEST

/* ---- fuzzing ---- */

static uint32_t rng = 0x2545F491u;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng % n;
}

static bool valid_name(const char *s)
{
	size_t n = strnlen(s, MANIFEST_NAME_MAX + 1);
	if (n == 0 || n > MANIFEST_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_-", s[i]))
			return false;
	return true;
}

/*
 * The result of parsing text must obey every rule, checked here without
 * the parser's help; a failure must point inside the text.  Returns r.
 */
static int check_result(const char *text, size_t len, int r)
{
	int nlines = 1;
	for (size_t i = 0; i < len; i++)
		nlines += text[i] == '\n';
	if (r != 0) {
		ck_assert_int_eq(r, -1);
		ck_assert_int_eq(m.n, 0);
		ck_assert_int_ge(err.line, 1);
		ck_assert_int_le(err.line, nlines);
		size_t i = 0, linelen = 0;
		for (int l = 1; l < err.line; i++)
			l += text[i] == '\n';
		while (i + linelen < len && text[i + linelen] != '\n')
			linelen++;
		ck_assert_int_ge(err.col, 1);
		ck_assert_int_le(err.col, (int)linelen + 1);
		ck_assert_uint_gt(strnlen(err.msg, sizeof(err.msg)), 0);
		ck_assert_uint_lt(strnlen(err.msg, sizeof(err.msg)), sizeof(err.msg));
		return r;
	}
	ck_assert_int_eq(err.line, 0);
	ck_assert_int_ge(m.n, 0);
	ck_assert_int_le(m.n, MANIFEST_MAX_ENTRIES);
	for (int i = 0; i < m.n; i++) {
		const struct manifest_entry *e = &m.e[i];
		ck_assert(valid_name(e->name));
		ck_assert_int_ge(e->line, i ? m.e[i - 1].line + 1 : 1);
		ck_assert_int_le(e->line, nlines);
		ck_assert_int_ge(e->nports, 0);
		ck_assert_int_le(e->nports, MANIFEST_MAX_RANGES);
		ck_assert_uint_eq(e->irq_mask & 0x0005, 0);
		ck_assert_int_le(__builtin_popcount(e->irq_mask), MANIFEST_MAX_IRQS);
		ck_assert(e->provides[0] == '\0' || valid_name(e->provides));
		ck_assert_int_ge(e->nuses, 0);
		ck_assert_int_le(e->nuses, MANIFEST_MAX_USES);
		ck_assert_int_ge(e->restarts, 0);
		ck_assert_int_le(e->restarts, MANIFEST_RESTARTS_MAX);
		ck_assert(e->klog == 0 || e->klog == 1);
		ck_assert_uint_le(strnlen(e->args, sizeof(e->args)), MANIFEST_ARGS_MAX);
		for (const char *a = e->args; *a; a++)
			ck_assert(*a >= 0x20 && *a <= 0x7e);
		for (int u = 0; u < e->nuses; u++) {
			ck_assert(valid_name(e->uses[u]));
			ck_assert_str_ne(e->uses[u], e->provides);
			for (int v = 0; v < u; v++)
				ck_assert_str_ne(e->uses[u], e->uses[v]);
			int prov = -1;
			for (int j = 0; j < m.n; j++)
				if (!strcmp(m.e[j].provides, e->uses[u]))
					prov = j;
			ck_assert_int_ge(prov, 0);
			ck_assert_int_eq(manifest_find_provider(&m, e->uses[u]), prov);
		}
		for (int k = 0; k < e->nports; k++) {
			uint32_t b = e->ports[k].base, c = e->ports[k].count;
			ck_assert_uint_ge(c, 1);
			ck_assert_uint_le(b + c, 0x10000);
		}
		ck_assert_int_ge(e->nmmio, 0);
		ck_assert_int_le(e->nmmio, MANIFEST_MAX_MMIO);
		for (int k = 0; k < e->nmmio; k++) {
			uint64_t b = e->mmio[k].base, n = e->mmio[k].pages;
			ck_assert_uint_eq(b % 4096, 0);
			ck_assert_uint_ge(n, 1);
			ck_assert(b + n * 4096 <= 0xFEC00000u);
		}
		for (int j = 0; j < i; j++) {
			const struct manifest_entry *o = &m.e[j];
			ck_assert_str_ne(e->name, o->name);
			ck_assert_uint_eq(e->irq_mask & o->irq_mask, 0);
			ck_assert(e->provides[0] == '\0' || strcmp(e->provides, o->provides));
		}
	}
	/* One owner per port: every pair of ranges, same task or not. */
	for (int i = 0; i < m.n; i++)
		for (int k = 0; k < m.e[i].nports; k++)
			for (int j = 0; j <= i; j++)
				for (int l = 0; l < (j == i ? k : m.e[j].nports); l++) {
					uint32_t a = m.e[i].ports[k].base, ac = m.e[i].ports[k].count;
					uint32_t b = m.e[j].ports[l].base, bc = m.e[j].ports[l].count;
					ck_assert(a + ac <= b || b + bc <= a);
				}
	/* One owner per page of device memory, likewise. */
	for (int i = 0; i < m.n; i++)
		for (int k = 0; k < m.e[i].nmmio; k++)
			for (int j = 0; j <= i; j++)
				for (int l = 0; l < (j == i ? k : m.e[j].nmmio); l++) {
					uint64_t a = m.e[i].mmio[k].base, an = m.e[i].mmio[k].pages * 4096ull;
					uint64_t b = m.e[j].mmio[l].base, bn = m.e[j].mmio[l].pages * 4096ull;
					ck_assert(a + an <= b || b + bn <= a);
				}
	return r;
}

static int fuzz_one(const char *text, size_t len)
{
	return check_result(text, len, parse_n(text, len));
}

/* Bytes a manifest is made of, so random text gets past the first field. */
static const char interesting[] = "abcxyz0123456789-_,=#\" \t\r\n\n\n\0\xff"
				  "portsirqprovidesuseskloargsrestartmmio";

START_TEST(test_fuzz_random_bytes)
{
	char buf[600];
	for (int iter = 0; iter < 4000; iter++) {
		size_t len = rnd(sizeof(buf) + 1);
		for (size_t i = 0; i < len; i++)
			buf[i] = rnd(2) ? (char)rnd(256)
					: interesting[rnd(sizeof(interesting) - 1)];
		fuzz_one(buf, len);
	}
}
END_TEST

START_TEST(test_fuzz_mutated_default)
{
	size_t len;
	char *text = read_file(DEFAULT_MANIFEST, &len);
	char *buf = malloc(2 * len + 64);
	int ok = 0, failed = 0;
	ck_assert_ptr_nonnull(buf);
	for (int iter = 0; iter < 6000; iter++) {
		size_t n = len;
		memcpy(buf, text, len);
		for (int k = 1 + (int)rnd(4); k > 0 && n > 0; k--) {
			size_t at = rnd((uint32_t)n);
			char c = rnd(3) ? interesting[rnd(sizeof(interesting) - 1)] : (char)rnd(256);
			switch (rnd(5)) {
			case 0: /* replace */
				buf[at] = c;
				break;
			case 1: /* insert */
				memmove(buf + at + 1, buf + at, n - at);
				buf[at] = c;
				n++;
				break;
			case 2: /* delete */
				memmove(buf + at, buf + at + 1, n - at - 1);
				n--;
				break;
			case 3: /* cut the end off */
				n = at;
				break;
			default: { /* repeat a stretch, e.g. a whole task line */
				size_t span = 1 + rnd(40);
				if (span > n - at)
					span = n - at;
				if (n + span > 2 * len + 64)
					break;
				memmove(buf + at + span, buf + at, n - at);
				n += span;
				break;
			}
			}
		}
		if (fuzz_one(buf, n) == 0)
			ok++;
		else
			failed++;
	}
	/* Both outcomes must be common, or the mutations test little. */
	ck_assert_int_gt(ok, 500);
	ck_assert_int_gt(failed, 500);
	free(buf);
	free(text);
}
END_TEST

/* Lines put together from plausible fields, many of them valid. */
START_TEST(test_fuzz_plausible_lines)
{
	static const char *const names[] = { "a", "b", "c", "d", "e", "uart", "ata" };
	static const char *const svc[] = { "s", "t", "u", "console" };
	char text[4096];
	int ok = 0, failed = 0;
	for (int iter = 0; iter < 4000; iter++) {
		size_t n = 0;
		for (int line = rnd(8); line > 0; line--) {
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s", rnd(4) ? "" : " ",
					      names[rnd(7)]);
			for (int f = rnd(5); f > 0; f--) {
				uint32_t a = rnd(2) ? rnd(0x20) : rnd(0x10002), b = a + rnd(3);
				const char *sep = rnd(8) ? " " : rnd(2) ? "\t" : "\r";
				switch (rnd(8)) {
				case 0:
					n += (size_t)snprintf(text + n, sizeof(text) - n,
							      "%sports=0x%x-0x%x,%u", sep, a, b,
							      rnd(0x30));
					break;
				case 1:
					n += (size_t)snprintf(text + n, sizeof(text) - n, "%sirq=%u",
							      sep, rnd(17));
					break;
				case 2:
					n += (size_t)snprintf(text + n, sizeof(text) - n,
							      "%sprovides=%s", sep, svc[rnd(4)]);
					break;
				case 3:
					n += (size_t)snprintf(text + n, sizeof(text) - n,
							      "%suses=%s,%s", sep, svc[rnd(4)],
							      svc[rnd(4)]);
					break;
				case 4:
					n += (size_t)snprintf(text + n, sizeof(text) - n,
							      "%srestarts=%u", sep, rnd(110));
					break;
				case 5:
					n += (size_t)snprintf(text + n, sizeof(text) - n, "%sklog", sep);
					break;
				case 6:
					n += (size_t)snprintf(text + n, sizeof(text) - n,
							      "%sargs=\"%.*s\"", sep, (int)rnd(70),
							      "x y z # 0123456789012345678901234567890"
							      "12345678901234567890123456789");
					break;
				default:
					n += (size_t)snprintf(text + n, sizeof(text) - n, " # %u", a);
					break;
				}
			}
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s", rnd(4) ? "\n" : "\r\n");
		}
		/* Now and then without the last byte, the final newline. */
		if (fuzz_one(text, n - (n && rnd(4) == 0)) == 0)
			ok++;
		else
			failed++;
	}
	ck_assert_int_gt(ok, 400);
	ck_assert_int_gt(failed, 400);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("manifest");
	TCase *tc = tcase_create("accepted");
	tcase_add_test(tc, test_default_file_gives_expected_entries);
	tcase_add_test(tc, test_default_file_crlf);
	tcase_add_test(tc, test_default_file_without_final_newline);
	tcase_add_test(tc, test_find_provider);
	tcase_add_test(tc, test_empty_input);
	tcase_add_test(tc, test_comment_and_blank_lines_only);
	tcase_add_test(tc, test_defaults_of_a_bare_name);
	tcase_add_test(tc, test_whitespace_and_comments_between_fields);
	tcase_add_test(tc, test_last_line_without_newline);
	tcase_add_test(tc, test_port_edges);
	tcase_add_test(tc, test_decimal_and_hex_numbers);
	tcase_add_test(tc, test_restarts_edges);
	tcase_add_test(tc, test_irq_lines_allowed);
	tcase_add_test(tc, test_args);
	tcase_add_test(tc, test_forward_use_of_a_later_provider);
	tcase_add_test(tc, test_adjacent_ranges_have_different_owners);
	tcase_add_test(tc, test_err_may_be_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_max_tasks);
	tcase_add_test(tc, test_max_ranges);
	tcase_add_test(tc, test_max_irqs);
	tcase_add_test(tc, test_max_uses);
	tcase_add_test(tc, test_name_lengths);
	tcase_add_test(tc, test_everything_at_its_limit);
	tcase_add_test(tc, test_line_length);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_unknown_key);
	tcase_add_test(tc, test_malformed_number);
	tcase_add_test(tc, test_out_of_range);
	tcase_add_test(tc, test_empty_list_element);
	tcase_add_test(tc, test_duplicate_key);
	tcase_add_test(tc, test_bad_name_characters);
	tcase_add_test(tc, test_duplicate_task_name);
	tcase_add_test(tc, test_init_is_not_a_task);
	tcase_add_test(tc, test_kernel_owned_ports_refused);
	tcase_add_test(tc, test_pcicfg_flag);
	tcase_add_test(tc, test_port_overlap_between_tasks);
	tcase_add_test(tc, test_port_overlap_within_task);
	tcase_add_test(tc, test_irq_in_two_places);
	tcase_add_test(tc, test_mmio_ranges);
	tcase_add_test(tc, test_mmio_and_dma_errors);
	tcase_add_test(tc, test_two_providers);
	tcase_add_test(tc, test_uses_unknown_service);
	tcase_add_test(tc, test_uses_own_service);
	tcase_add_test(tc, test_uses_one_service_twice);
	tcase_add_test(tc, test_unterminated_quote);
	tcase_add_test(tc, test_nul_byte_is_an_error);
	tcase_add_test(tc, test_first_error_wins);
	suite_add_tcase(s, tc);

	tc = tcase_create("fuzz");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dma_engines);
	tcase_add_test(tc, test_dma_unknown_names);
	tcase_add_test(tc, test_fuzz_random_bytes);
	tcase_add_test(tc, test_fuzz_mutated_default);
	tcase_add_test(tc, test_fuzz_plausible_lines);
	suite_add_tcase(s, tc);
	return s;
}

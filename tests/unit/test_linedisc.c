/*
 * test_linedisc.c - drivers/uart16550/linedisc.c, the console's line
 * discipline: echo, editing, Enter, the line length limit, the ring of
 * completed lines and taking lines out of it.  The line discipline is a
 * heap block filled with garbage before linedisc_init, so a field that
 * init forgets shows up and a write past it is an AddressSanitizer error.
 * Every echo goes into one buffer that the tests compare.
 */
#include <stdlib.h>
#include <string.h>

#include "drivers/uart16550/linedisc.h"
#include "tests/unit/unit.h"

static struct linedisc *ld;
static char echoed[4 * LD_COOKED];
static unsigned nechoed;

static void echo(const char *p, unsigned n)
{
	ck_assert_uint_le(nechoed + n, sizeof(echoed));
	memcpy(echoed + nechoed, p, n);
	nechoed += n;
}

static void setup(void)
{
	ld = malloc(sizeof(*ld));
	ck_assert_ptr_nonnull(ld);
	memset(ld, 0xA5, sizeof(*ld));
	linedisc_init(ld);
	nechoed = 0;
}

static void teardown(void)
{
	free(ld);
}

static void type_n(const char *s, unsigned n)
{
	linedisc_input(ld, s, n, echo);
}

static void type(const char *s)
{
	type_n(s, (unsigned)strlen(s));
}

/* The echo since the last call is exactly want. */
static void assert_echo(const char *want, unsigned n)
{
	ck_assert_msg(nechoed == n && !memcmp(echoed, want, n), "echoed %u bytes \"%.*s\", want \"%.*s\"",
		      nechoed, (int)nechoed, echoed, (int)n, want);
	nechoed = 0;
}

#define ASSERT_ECHO(s) assert_echo(s, sizeof(s) - 1)

/* The next take (max bytes) returns exactly want. */
static void assert_take(unsigned max, const char *want, unsigned n)
{
	char buf[LD_COOKED + 16];
	ck_assert_uint_le(max, sizeof(buf));
	memset(buf, 0x5A, sizeof(buf));
	unsigned got = linedisc_take(ld, buf, max);
	ck_assert_msg(got == n && !memcmp(buf, want, n), "took %u bytes \"%.*s\", want \"%.*s\"",
		      got, (int)got, buf, (int)n, want);
	for (unsigned i = got; i < sizeof(buf); i++)
		ck_assert_msg(buf[i] == 0x5A, "take wrote past its count at %u", i);
}

#define ASSERT_TAKE(max, s) assert_take(max, s, sizeof(s) - 1)

START_TEST(test_init_is_empty)
{
	ck_assert(!linedisc_ready(ld));
	ASSERT_TAKE(100, "");
	ck_assert_uint_eq(ld->dropped, 0);
	/* The first byte is not taken as the LF of a CRLF. */
	type("\n");
	ck_assert(linedisc_ready(ld));
	ASSERT_TAKE(100, "\n");
}
END_TEST

START_TEST(test_typed_bytes_echo_and_enter_completes_the_line)
{
	type("ls -l");
	ASSERT_ECHO("ls -l");
	ck_assert(!linedisc_ready(ld));
	ASSERT_TAKE(100, "");                      /* nothing readable before Enter */
	type("\r");
	ASSERT_ECHO("\n");
	ck_assert(linedisc_ready(ld));
	ASSERT_TAKE(100, "ls -l\n");
	ck_assert(!linedisc_ready(ld));
	ASSERT_TAKE(100, "");
}
END_TEST

START_TEST(test_backspace)
{
	type("\b");
	type("\x7f");
	ASSERT_ECHO("");                           /* at the start: nothing, not even an echo */
	type("ab\b");
	ASSERT_ECHO("ab\b \b");
	type("c\x7f\x7f\x7f\b");
	ASSERT_ECHO("c\b \b\b \b");                /* two to erase, then nothing */
	type("xy\by\r");
	ASSERT_TAKE(100, "xy\n");
}
END_TEST

START_TEST(test_ctrl_u_forgets_the_line)
{
	type("\x15");
	ASSERT_ECHO("");
	type("abc\x15");
	ASSERT_ECHO("abc\b \b\b \b\b \b");
	type("\x15");
	ASSERT_ECHO("");
	type("x\n");
	ASSERT_TAKE(100, "x\n");
	ck_assert(!linedisc_ready(ld));
}
END_TEST

START_TEST(test_cr_lf_and_crlf_are_one_enter_each)
{
	type("a\r");
	type("b\n");
	type("c\r\n");
	type("d\r");
	type("\n");                                /* a CRLF split across two reads */
	type("e\n\r");                             /* LF then CR: two */
	ASSERT_ECHO("a\nb\nc\nd\ne\n\n");
	ck_assert_uint_eq(ld->lines, 6);
	ASSERT_TAKE(100, "a\n");
	ASSERT_TAKE(100, "b\n");
	ASSERT_TAKE(100, "c\n");
	ASSERT_TAKE(100, "d\n");
	ASSERT_TAKE(100, "e\n");
	ASSERT_TAKE(100, "\n");
	/* Two CRs are two Enters; a byte between CR and LF makes the LF an Enter. */
	type("\r\r\n");
	type("\rf\n");
	ASSERT_TAKE(100, "\n");
	ASSERT_TAKE(100, "\n");
	ASSERT_TAKE(100, "\n");
	ASSERT_TAKE(100, "f\n");
	ck_assert(!linedisc_ready(ld));
}
END_TEST

START_TEST(test_line_length_limit)
{
	char many[3 * LD_LINE], want[LD_LINE + 1];
	memset(many, 'a', sizeof(many));
	type_n(many, sizeof(many));
	/* LD_LINE - 1 bytes are kept and echoed; the rest are neither. */
	assert_echo(many, LD_LINE - 1);
	/* Editing still works at the limit. */
	type("\bZQ");
	ASSERT_ECHO("\b \bZ");
	type("\n");
	memset(want, 'a', LD_LINE - 2);
	want[LD_LINE - 2] = 'Z';
	want[LD_LINE - 1] = '\n';
	assert_take(sizeof(want), want, LD_LINE);
	ck_assert(!linedisc_ready(ld));
}
END_TEST

START_TEST(test_non_printables_are_ignored)
{
	static const char junk[] = { 0x00, 0x01, 0x07, 0x0B, 0x0C, 0x1B, 0x1F,
				     (char)0x80, (char)0x9B, (char)0xC3, (char)0xFF };
	type_n(junk, sizeof(junk));
	ASSERT_ECHO("");
	ck_assert_uint_eq(ld->len, 0);
	type(" ~\t");
	type_n(junk, sizeof(junk));
	type("!\r");
	ASSERT_ECHO(" ~\t!\n");
	ASSERT_TAKE(100, " ~\t!\n");
}
END_TEST

/* Issue 11: Ctrl-C forgets the line and the lines typed ahead, and is counted for init. */
START_TEST(test_ctrl_c_drops_everything_typed_and_counts)
{
	type("ahead\nhalf");
	ASSERT_ECHO("ahead\nhalf");
	type("\x03");
	ASSERT_ECHO("^C\n");
	ck_assert_uint_eq(ld->interrupts, 1);
	ck_assert(!linedisc_ready(ld));
	ck_assert_uint_eq(ld->len, 0);
	type("ps\r\x03\x03");
	ck_assert_uint_eq(ld->interrupts, 3);
	type("help\r");
	ASSERT_ECHO("ps\n^C\n^C\nhelp\n");
	ASSERT_TAKE(100, "help\n");
	ck_assert(!linedisc_ready(ld));
}
END_TEST

/* Issue 11: arrow keys on a serial terminal (ESC [ A, ESC O D...) and Ctrl-D type nothing. */
START_TEST(test_escape_sequences_and_ctrl_d_type_nothing)
{
	type("\x1b[A\x1b[B\x1bOD\x1b[1;5C\x1b[15~\x04");
	ASSERT_ECHO("");
	ck_assert_uint_eq(ld->len, 0);
	type("d\x1b[Da\x04te\r");
	ASSERT_ECHO("date\n");
	ASSERT_TAKE(100, "date\n");
	type("\x1b");                    /* split across two inputs */
	type("[C");
	type("x\r");
	ASSERT_TAKE(100, "x\n");
	ck_assert_uint_eq(ld->interrupts, 0);
}
END_TEST

START_TEST(test_take_returns_one_line_at_a_time_and_respects_max)
{
	type("one\ntwo\nhello\n");
	ASSERT_TAKE(100, "one\n");
	ASSERT_TAKE(100, "two\n");
	ASSERT_TAKE(0, "");
	ASSERT_TAKE(2, "he");
	ck_assert(linedisc_ready(ld));              /* the rest of the line is still there */
	ASSERT_TAKE(3, "llo");
	ck_assert(linedisc_ready(ld));
	ASSERT_TAKE(1, "\n");
	ck_assert(!linedisc_ready(ld));
	ASSERT_TAKE(100, "");
	/* A line being edited is never handed out, even with room for it. */
	type("abc");
	ASSERT_TAKE(100, "");
	type("\n");
	ASSERT_TAKE(4, "abc\n");
}
END_TEST

/* Lines of n bytes (n - 1 letters, then Enter), each of its own letter from *next. */
static void type_line(unsigned n, char *next)
{
	char buf[LD_LINE];
	ck_assert_uint_le(n, LD_LINE);
	memset(buf, *next, n - 1);
	buf[n - 1] = '\n';
	type_n(buf, n);
	*next = *next == 'z' ? 'a' : (char)(*next + 1);
}

static void take_line(unsigned n, char *next)
{
	char want[LD_LINE];
	memset(want, *next, n - 1);
	want[n - 1] = '\n';
	assert_take(sizeof(want), want, n);
	*next = *next == 'z' ? 'a' : (char)(*next + 1);
}

START_TEST(test_full_ring_drops_whole_lines)
{
	char in = 'a', out = 'a';
	/* 5 * 100 bytes, then one of 11: 511 of 512. */
	for (int i = 0; i < 5; i++)
		type_line(100, &in);
	type_line(11, &in);
	ck_assert_uint_eq(ld->dropped, 0);
	/* Two bytes do not fit: that line goes whole, and is counted. */
	type_line(2, &in);
	ck_assert_uint_eq(ld->dropped, 1);
	/* One byte (an empty line) does: the ring is exactly full. */
	type("\n");
	ck_assert_uint_eq(ld->dropped, 1);
	type_line(2, &in);
	type("\n");
	ck_assert_uint_eq(ld->dropped, 3);
	ck_assert_uint_eq(ld->lines, 7);
	nechoed = 0;
	/* Everything that was kept comes out whole and in order. */
	for (int i = 0; i < 5; i++)
		take_line(100, &out);
	take_line(11, &out);
	ASSERT_TAKE(100, "\n");
	ck_assert(!linedisc_ready(ld));             /* the dropped lines never show */
	/* The ring is empty again and works across its wrap. */
	out = in;
	for (int round = 0; round < 12; round++) {
		nechoed = 0;
		type_line(LD_LINE, &in);
		type_line(37, &in);
		take_line(LD_LINE, &out);
		take_line(37, &out);
	}
	ck_assert_uint_eq(ld->dropped, 3);
	ck_assert(!linedisc_ready(ld));
}
END_TEST

/* A line dropped while one is half taken: the half line is still completed. */
START_TEST(test_drop_while_a_line_is_half_taken)
{
	char in = 'a', out = 'a';
	for (int i = 0; i < 4; i++)
		type_line(LD_LINE, &in);                    /* 512: full */
	ASSERT_TAKE(10, "aaaaaaaaaa");
	type_line(11, &in);                             /* 11 bytes: does not fit in 10 */
	ck_assert_uint_eq(ld->dropped, 1);
	type_line(10, &in);                             /* fits exactly */
	ck_assert_uint_eq(ld->dropped, 1);
	char rest[LD_LINE];
	memset(rest, 'a', LD_LINE - 11);
	rest[LD_LINE - 11] = '\n';
	assert_take(sizeof(rest), rest, LD_LINE - 10);
	out = 'b';
	for (int i = 1; i < 4; i++)
		take_line(LD_LINE, &out);
	out = 'f';
	take_line(10, &out);
	ck_assert(!linedisc_ready(ld));
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("linedisc");
	TCase *tc = tcase_create("linedisc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_init_is_empty);
	tcase_add_test(tc, test_typed_bytes_echo_and_enter_completes_the_line);
	tcase_add_test(tc, test_backspace);
	tcase_add_test(tc, test_ctrl_u_forgets_the_line);
	tcase_add_test(tc, test_cr_lf_and_crlf_are_one_enter_each);
	tcase_add_test(tc, test_line_length_limit);
	tcase_add_test(tc, test_non_printables_are_ignored);
	tcase_add_test(tc, test_ctrl_c_drops_everything_typed_and_counts);
	tcase_add_test(tc, test_escape_sequences_and_ctrl_d_type_nothing);
	tcase_add_test(tc, test_take_returns_one_line_at_a_time_and_respects_max);
	tcase_add_test(tc, test_full_ring_drops_whole_lines);
	tcase_add_test(tc, test_drop_while_a_line_is_half_taken);
	suite_add_tcase(s, tc);
	return s;
}

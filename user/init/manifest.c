/*
 * manifest.c - parser of the root task's driver manifest (docs/manifest.md).
 *
 * The text is read one line at a time and each line one field at a time,
 * left to right; the first thing wrong stops the parse with its line,
 * column and a short message.  Rules between tasks are checked as soon as
 * the field that could break them is read, against the tasks before it:
 * a port range against every earlier range, an IRQ line against every
 * earlier task's lines, a provided service against every earlier provider.
 * Only `uses=` must wait for the end, since its provider may come later.
 *
 * Every read of the text is an index below the current line's length,
 * and the line ends are found by an index below len, so nothing past
 * text[len - 1] is ever read.  No library functions: the freestanding
 * build links none but the user runtime's.
 */
#include <stdarg.h>
#include <stdbool.h>

#include "abi/dma.h"
#include "iocap/ioowned.h"
#include "user/init/manifest.h"

#define STR2(x) #x
#define STR(x) STR2(x)

/* Bytes off..off+len-1 of the current line. */
struct span {
	size_t off, len;
};

struct parser {
	const char *line;       /* the current line */
	size_t len;             /* its length, without the '\n' */
	int lineno;
	struct manifest *m;
	struct manifest_error *err;
	unsigned keys;          /* the keys seen on the current line, bit per enum key */
	size_t pcicfg_off;      /* where the current line's pcicfg flag is */
	/* Where each uses= element was, for the checks after the last line. */
	uint16_t uses_off[MANIFEST_MAX_ENTRIES][MANIFEST_MAX_USES];
};

enum key { K_PORTS, K_IRQ, K_PROVIDES, K_USES, K_RESTARTS, K_KLOG, K_ARGS, K_ADMIN, K_MMIO, K_DMA, K_PCICFG,
	   K_COUNT };
static const char *const key_names[K_COUNT] = {
	"ports", "irq", "provides", "uses", "restarts", "klog", "args", "admin", "mmio", "dma", "pcicfg",
};

/* dma= names, by engine bit (abi/dma.h): 0 ide0, 1 ide1, 2 + n isa<n>; isa4 is the 8237 cascade. */
static const char *const dma_names[DMA_ENGINES] = {
	"ide0", "ide1", "isa0", "isa1", "isa2", "isa3", "isa4", "isa5", "isa6", "isa7",
};

/* ---- small string helpers (no libc) ---- */

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static bool span_is(const struct parser *p, struct span s, const char *lit)
{
	size_t i;
	for (i = 0; i < s.len; i++)
		if (lit[i] == '\0' || lit[i] != p->line[s.off + i])
			return false;
	return lit[i] == '\0';
}

/* s as a C string cut to size - 1 bytes; unprintable bytes become '?'. */
static void span_copy(const struct parser *p, struct span s, char *dst, size_t size)
{
	size_t i;
	for (i = 0; i < s.len && i < size - 1; i++) {
		char c = p->line[s.off + i];
		dst[i] = c >= 0x20 && c <= 0x7e ? c : '?';
	}
	dst[i] = '\0';
}

/* v as "0x3f8" (base 16) or "14" (base 10) in buf[12]. */
static const char *num_str(char *buf, uint32_t v, unsigned base)
{
	char tmp[10];
	int n = 0, i = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (base == 16) {
		buf[i++] = '0';
		buf[i++] = 'x';
	}
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return buf;
}

/*
 * Records the error at byte off of the current line; the message is the
 * concatenation of the strings up to the NULL that FAIL appends, cut to
 * fit.  Always returns -1.
 */
__attribute__((sentinel))
static int fail_(struct parser *p, size_t off, const char *first, ...)
{
	struct manifest_error *e = p->err;
	size_t n = 0;
	va_list ap;
	e->line = p->lineno;
	e->col = (int)off + 1;
	va_start(ap, first);
	for (const char *s = first; s; s = va_arg(ap, const char *))
		while (*s && n < sizeof(e->msg) - 1)
			e->msg[n++] = *s++;
	va_end(ap);
	e->msg[n] = '\0';
	return -1;
}
#define FAIL(p, off, ...) fail_((p), (off), __VA_ARGS__, (const char *)NULL)

/* ---- fields ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/*
 * The next field from *pos: 1 with its span, 0 at the end of the line or
 * at a '#' (a comment), -1 for a quote that is never closed.  A field ends
 * at whitespace or '#', except between double quotes.
 */
static int next_field(struct parser *p, size_t *pos, struct span *f)
{
	size_t i = *pos;
	while (i < p->len && is_space(p->line[i]))
		i++;
	if (i == p->len || p->line[i] == '#')
		return 0;
	f->off = i;
	while (i < p->len && !is_space(p->line[i]) && p->line[i] != '#') {
		if (p->line[i] == '"') {
			size_t quote = i++;
			while (i < p->len && p->line[i] != '"')
				i++;
			if (i == p->len)
				return FAIL(p, quote, "unterminated quote");
		}
		i++;
	}
	f->len = i - f->off;
	*pos = i;
	return 1;
}

/*
 * Comma-list elements of list, left to right; *at starts at list.off.  An
 * empty list is one empty element, and "a," ends with an empty one.
 */
static bool next_elem(const struct parser *p, struct span list, size_t *at, struct span *el)
{
	size_t end = list.off + list.len, i = *at;
	if (i > end)
		return false;
	while (i < end && p->line[i] != ',')
		i++;
	el->off = *at;
	el->len = i - *at;
	*at = i + 1;
	return true;
}

/* A task or service name: 1-15 of [a-z0-9_-]; copied to dst[16]. */
static int get_name(struct parser *p, struct span s, const char *what, char *dst)
{
	if (s.len == 0)
		return FAIL(p, s.off, "empty ", what);
	for (size_t i = 0; i < s.len; i++) {
		char c = p->line[s.off + i];
		if (is_name_char(c))
			continue;
		char shown[12] = { '\'', c, '\'', 0 };
		return FAIL(p, s.off + i, "bad character ",
			    c > 0x20 && c <= 0x7e ? shown : num_str(shown, (uint8_t)c, 16),
			    " in ", what);
	}
	if (s.len > MANIFEST_NAME_MAX)
		return FAIL(p, s.off + MANIFEST_NAME_MAX, what, " longer than " STR(MANIFEST_NAME_MAX) " chars");
	span_copy(p, s, dst, MANIFEST_NAME_MAX + 1);
	return 0;
}

/*
 * A number, "0x1F0" / "0x1f0" or decimal "496" (no octal: "010" is ten).
 * Values saturate at NUM_BIG, so a huge number is out of range for every
 * caller instead of wrapping around into range (mmio= refuses 0xffffffff:
 * it is above MANIFEST_MMIO_END).
 */
#define NUM_BIG 0xFFFFFFFFu
static int get_num(struct parser *p, struct span s, uint32_t *v)
{
	const char *t = p->line + s.off;
	uint64_t base = 10, x = 0;
	size_t i = 0;
	if (s.len == 0)
		return FAIL(p, s.off, "malformed number");
	if (s.len > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
		base = 16;
		i = 2;
	}
	for (; i < s.len; i++) {
		char c = t[i];
		uint64_t d = c >= '0' && c <= '9' ? (uint64_t)(c - '0')
			   : c >= 'a' && c <= 'f' ? (uint64_t)(c - 'a' + 10)
			   : c >= 'A' && c <= 'F' ? (uint64_t)(c - 'A' + 10) : 99;
		if (d >= base)
			return FAIL(p, s.off, "malformed number");
		x = x * base + d;
		if (x > NUM_BIG)
			x = NUM_BIG;
	}
	*v = (uint32_t)x;
	return 0;
}

static int get_port(struct parser *p, struct span s, uint32_t *port)
{
	if (get_num(p, s, port))
		return -1;
	if (*port > 0xFFFF)
		return FAIL(p, s.off, "port past 0xffff");
	return 0;
}

/* ---- keys ---- */

/* How many ranges of a kind (K_PORTS or K_MMIO) task o has, and range j's first and last. */
static int ranges_of(const struct manifest_entry *o, enum key kind)
{
	return kind == K_PORTS ? o->nports : o->nmmio;
}

static void range_of(const struct manifest_entry *o, enum key kind, int j, uint32_t *b, uint32_t *end)
{
	if (kind == K_PORTS) {
		*b = o->ports[j].base;
		*end = *b + o->ports[j].count - 1;
	} else {
		*b = o->mmio[j].base;
		*end = *b + (o->mmio[j].pages - 1) * MANIFEST_PAGE + (MANIFEST_PAGE - 1);
	}
}

/*
 * lo..hi (ports, or device memory) against every earlier range of the same
 * kind: the earlier tasks', then (i == m->n) this task's own.  One owner each.
 */
static int check_owner(struct parser *p, const struct manifest_entry *e, struct span el,
		       enum key kind, uint32_t lo, uint32_t hi)
{
	const char *what = kind == K_PORTS ? "port " : "mmio ";
	char hx[12];
	for (int i = 0; i <= p->m->n; i++) {
		const struct manifest_entry *o = &p->m->e[i];
		for (int j = 0; j < ranges_of(o, kind); j++) {
			uint32_t b, end;
			range_of(o, kind, j, &b, &end);
			if (lo > end || hi < b)
				continue;
			num_str(hx, lo > b ? lo : b, 16);
			if (o == e)
				return FAIL(p, el.off, what, hx, " listed twice in this task");
			return FAIL(p, el.off, what, hx, " in both ", o->name, " and ", e->name,
				    kind == K_PORTS ? " (a port has one owner)" : " (device memory has one owner)");
		}
	}
	return 0;
}

/*
 * A list element that is to be a range, "A-B" or, when one number is
 * allowed (dash_msg NULL), "A": not empty, not one more than the task may
 * have (have of max), its numbers read by get, its end not below its start.
 */
static int get_range(struct parser *p, struct span el, int have, int max, const char *too_many,
		     const char *dash_msg, int (*get)(struct parser *, struct span, uint32_t *),
		     uint32_t *lo, uint32_t *hi)
{
	size_t dash = 0;
	if (el.len == 0)
		return FAIL(p, el.off, "empty list element");
	if (have == max)
		return FAIL(p, el.off, too_many);
	while (dash < el.len && p->line[el.off + dash] != '-')
		dash++;
	if (dash == el.len && dash_msg)
		return FAIL(p, el.off, dash_msg);
	if (get(p, (struct span){ el.off, dash }, lo))
		return -1;
	*hi = *lo;
	if (dash == el.len)
		return 0;
	struct span b = { el.off + dash + 1, el.len - dash - 1 };
	if (get(p, b, hi))
		return -1;
	if (*hi < *lo)
		return FAIL(p, b.off, "range end below its start");
	return 0;
}

/*
 * The kernel is the first owner of some ports (iocap/ioowned.h: the 8237,
 * PCI configuration, the PIC, ...): no task may list one.  The fixed ones
 * only; an IDE bus master's, found at boot, init's cap_derive refuses.
 */
static int check_kernel_owned(struct parser *p, struct span el, uint32_t lo, uint32_t hi)
{
	struct ioowned own;
	uint32_t port;
	char hx[12];
	ioowned_init(&own);
	const struct ioowned_range *r = ioowned_first(&own, lo, hi - lo + 1, &port);
	if (!r)
		return 0;
	num_str(hx, port, 16);
	return FAIL(p, el.off, "port ", hx, " is the kernel's (", r->what, ")");
}

/* One element of ports=: "A" or "A-B", checked against every earlier range and the kernel's. */
static int add_range(struct parser *p, struct manifest_entry *e, struct span el)
{
	uint32_t lo, hi;
	if (get_range(p, el, e->nports, MANIFEST_MAX_RANGES,
		      "too many port ranges (max " STR(MANIFEST_MAX_RANGES) ")", NULL, get_port, &lo, &hi))
		return -1;
	if (check_owner(p, e, el, K_PORTS, lo, hi) || check_kernel_owned(p, el, lo, hi))
		return -1;
	e->ports[e->nports].base = (uint16_t)lo;
	e->ports[e->nports].count = hi - lo + 1;
	e->nports++;
	return 0;
}

/*
 * One element of mmio=: "A-B", whole pages below MANIFEST_MMIO_END,
 * checked against every earlier range.  Whether it is device memory at
 * all is the kernel's to say: init's cap_mint from its Mmio caps refuses
 * anything else when the task starts.
 */
static int add_mmio(struct parser *p, struct manifest_entry *e, struct span el)
{
	uint32_t lo, hi;
	if (get_range(p, el, e->nmmio, MANIFEST_MAX_MMIO,
		      "too many mmio ranges (max " STR(MANIFEST_MAX_MMIO) ")", "mmio takes ranges A-B",
		      get_num, &lo, &hi))
		return -1;
	if (lo % MANIFEST_PAGE || (hi + 1) % MANIFEST_PAGE)
		return FAIL(p, el.off, "mmio range not page-aligned");
	if (hi >= MANIFEST_MMIO_END)
		return FAIL(p, el.off, "mmio at or above 0xfec00000 is the kernel's");
	if (check_owner(p, e, el, K_MMIO, lo, hi))
		return -1;
	e->mmio[e->nmmio].base = lo;
	e->mmio[e->nmmio].pages = (hi - lo) / MANIFEST_PAGE + 1;
	e->nmmio++;
	return 0;
}

static int add_irq(struct parser *p, struct manifest_entry *e, struct span el)
{
	uint32_t irq;
	int held = 0;
	char dec[12];
	if (el.len == 0)
		return FAIL(p, el.off, "empty list element");
	for (int i = 0; i < 16; i++)
		held += (e->irq_mask >> i) & 1;
	if (held == MANIFEST_MAX_IRQS)
		return FAIL(p, el.off, "too many irqs (max " STR(MANIFEST_MAX_IRQS) ")");
	if (get_num(p, el, &irq))
		return -1;
	if (irq == 0)
		return FAIL(p, el.off, "irq 0 is the kernel's timer");
	if (irq == 2)
		return FAIL(p, el.off, "irq 2 is the PIC cascade");
	if (irq > 15)
		return FAIL(p, el.off, "irq past 15");
	num_str(dec, irq, 10);
	if (e->irq_mask & (1u << irq))
		return FAIL(p, el.off, "irq ", dec, " listed twice in this task");
	for (int i = 0; i < p->m->n; i++)
		if (p->m->e[i].irq_mask & (1u << irq))
			return FAIL(p, el.off, "irq ", dec, " in both ", p->m->e[i].name, " and ",
				    e->name);
	e->irq_mask |= (uint16_t)(1u << irq);
	return 0;
}

/* One element of dma=: an engine by name, held by no other task. */
static int add_dma(struct parser *p, struct manifest_entry *e, struct span el)
{
	unsigned k;
	if (el.len == 0)
		return FAIL(p, el.off, "empty list element");
	for (k = 0; k < DMA_ENGINES && !span_is(p, el, dma_names[k]); k++)
		;
	if (k == DMA_ENGINES)
		return FAIL(p, el.off, "dma takes ide0, ide1, isa0-isa3, isa5-isa7");
	if (k == 6)
		return FAIL(p, el.off, "isa4 is the 8237 cascade, not a channel");
	if (e->dma_mask & (1u << k))
		return FAIL(p, el.off, "dma ", dma_names[k], " listed twice in this task");
	for (int i = 0; i < p->m->n; i++)
		if (p->m->e[i].dma_mask & (1u << k))
			return FAIL(p, el.off, "dma ", dma_names[k], " in both ", p->m->e[i].name, " and ",
				    e->name);
	e->dma_mask |= (uint16_t)(1u << k);
	return 0;
}

static int set_provides(struct parser *p, struct manifest_entry *e, struct span v)
{
	for (size_t i = 0; i < v.len; i++)
		if (p->line[v.off + i] == ',')
			return FAIL(p, v.off + i, "provides takes one service name");
	if (get_name(p, v, "service name", e->provides))
		return -1;
	for (int i = 0; i < p->m->n; i++)
		if (streq(p->m->e[i].provides, e->provides))
			return FAIL(p, v.off, "service ", e->provides, " provided by both ",
				    p->m->e[i].name, " and ", e->name);
	return 0;
}

static int add_use(struct parser *p, struct manifest_entry *e, struct span el)
{
	char *u = e->uses[e->nuses];
	if (el.len == 0)
		return FAIL(p, el.off, "empty list element");
	if (e->nuses == MANIFEST_MAX_USES)
		return FAIL(p, el.off, "too many uses (max " STR(MANIFEST_MAX_USES) ")");
	if (get_name(p, el, "service name", u))
		return -1;
	for (int i = 0; i < e->nuses; i++)
		if (streq(e->uses[i], u))
			return FAIL(p, el.off, "uses ", u, " twice");
	p->uses_off[p->m->n][e->nuses++] = (uint16_t)el.off;
	return 0;
}

/* args="...": printable ASCII, no escapes, the quotes are not part of it. */
static int set_args(struct parser *p, struct manifest_entry *e, struct span v)
{
	size_t close = v.off + 1, end = v.off + v.len;
	if (v.len == 0 || p->line[v.off] != '"')
		return FAIL(p, v.off, "args must be quoted: args=\"...\"");
	/* next_field paired this quote with the next one inside the field. */
	while (close < end && p->line[close] != '"')
		close++;
	if (close + 1 != end)
		return FAIL(p, close + 1, "text after closing quote");
	struct span s = { v.off + 1, close - v.off - 1 };
	if (s.len > MANIFEST_ARGS_MAX)
		return FAIL(p, s.off + MANIFEST_ARGS_MAX, "args longer than " STR(MANIFEST_ARGS_MAX) " chars");
	for (size_t i = 0; i < s.len; i++) {
		char c = p->line[s.off + i];
		if (c < 0x20 || c > 0x7e)
			return FAIL(p, s.off + i, "bad character in args");
	}
	span_copy(p, s, e->args, sizeof(e->args));
	return 0;
}

/* One key field: a flag ("klog", "admin", "pcicfg") or "key=value". */
static int parse_key(struct parser *p, struct manifest_entry *e, struct span f)
{
	struct span key = { f.off, 0 }, v;
	char shown[24];
	int k;
	while (key.len < f.len && p->line[f.off + key.len] != '=')
		key.len++;
	v.off = f.off + key.len + 1;
	v.len = key.len < f.len ? f.len - key.len - 1 : 0;
	if (key.len == 0)
		return FAIL(p, f.off, "missing key before '='");
	for (k = 0; k < K_COUNT && !span_is(p, key, key_names[k]); k++)
		;
	if (k == K_COUNT) {
		span_copy(p, key, shown, sizeof(shown));
		return FAIL(p, f.off, "unknown key ", shown);
	}
	if (p->keys & (1u << k))
		return FAIL(p, f.off, "duplicate key ", key_names[k]);
	p->keys |= 1u << k;
	if (k == K_KLOG || k == K_ADMIN || k == K_PCICFG) {
		if (key.len < f.len)
			return FAIL(p, f.off + key.len, key_names[k], " takes no value");
		*(k == K_KLOG ? &e->klog : k == K_ADMIN ? &e->admin : &e->pcicfg) = 1;
		if (k == K_PCICFG)
			p->pcicfg_off = f.off;
		return 0;
	}
	if (key.len == f.len)
		return FAIL(p, f.off + key.len, key_names[k], " needs a value: ", key_names[k], "=...");

	struct span el;
	size_t at = v.off;
	switch (k) {
	case K_PORTS:
		while (next_elem(p, v, &at, &el))
			if (add_range(p, e, el))
				return -1;
		return 0;
	case K_IRQ:
		while (next_elem(p, v, &at, &el))
			if (add_irq(p, e, el))
				return -1;
		return 0;
	case K_USES:
		while (next_elem(p, v, &at, &el))
			if (add_use(p, e, el))
				return -1;
		return 0;
	case K_MMIO:
		while (next_elem(p, v, &at, &el))
			if (add_mmio(p, e, el))
				return -1;
		return 0;
	case K_DMA:
		while (next_elem(p, v, &at, &el))
			if (add_dma(p, e, el))
				return -1;
		return 0;
	case K_PROVIDES:
		return set_provides(p, e, v);
	case K_ARGS:
		return set_args(p, e, v);
	default: { /* K_RESTARTS; K_KLOG was handled above */
		uint32_t n;
		if (get_num(p, v, &n))
			return -1;
		if (n > MANIFEST_RESTARTS_MAX)
			return FAIL(p, v.off, "restarts past " STR(MANIFEST_RESTARTS_MAX));
		e->restarts = (int)n;
		return 0;
	}
	}
}

/* ---- lines ---- */

/* Whole-line rules, before any field is read. */
static int check_line(struct parser *p)
{
	size_t chars = p->len;
	for (size_t i = 0; i < p->len; i++)
		if (p->line[i] == '\0')
			return FAIL(p, i, "NUL byte");
	if (chars && p->line[chars - 1] == '\r')
		chars--;
	if (chars > MANIFEST_LINE_MAX)
		return FAIL(p, MANIFEST_LINE_MAX, "line longer than " STR(MANIFEST_LINE_MAX) " chars");
	return 0;
}

/* A blank or comment line, or one task: its name, then its keys. */
static int parse_line(struct parser *p)
{
	struct manifest *m = p->m;
	struct manifest_entry *e = &m->e[m->n];
	struct span f;
	size_t pos = 0;
	char ln[12];
	int r = next_field(p, &pos, &f);
	if (r <= 0)
		return r;
	if (m->n == MANIFEST_MAX_ENTRIES)
		return FAIL(p, f.off, "too many tasks (max " STR(MANIFEST_MAX_ENTRIES) ")");
	if (get_name(p, f, "task name", e->name))
		return -1;
	/* init is the root task that reads this file: a second one would start everything again. */
	if (streq(e->name, "init"))
		return FAIL(p, f.off, "init is the root task, not a task of the manifest");
	for (int i = 0; i < m->n; i++)
		if (streq(m->e[i].name, e->name))
			return FAIL(p, f.off, "duplicate task name ", e->name, " (first on line ",
				    num_str(ln, (uint32_t)m->e[i].line, 10), ")");
	e->restarts = MANIFEST_RESTARTS_DEFAULT;
	e->line = p->lineno;
	p->keys = 0;
	while ((r = next_field(p, &pos, &f)) > 0)
		if (parse_key(p, e, f))
			return -1;
	if (r < 0)
		return -1;
	for (int u = 0; u < e->nuses; u++)
		if (e->provides[0] && streq(e->uses[u], e->provides))
			return FAIL(p, p->uses_off[m->n][u], "task uses its own service ", e->provides);
	/* Slot 20 holds one of them: the console's SLOT_INTR, SLOT_DMA or SLOT_PCICFG (user/lib/slots.h). */
	if (e->dma_mask && streq(e->provides, "console"))
		return FAIL(p, 0, "the console takes no dma=");
	if (e->pcicfg && streq(e->provides, "console"))
		return FAIL(p, p->pcicfg_off, "pcicfg on the console (its slot 20 is taken)");
	if (e->pcicfg && e->dma_mask)
		return FAIL(p, p->pcicfg_off, "pcicfg with dma= (both would take slot 20)");
	m->n++;
	return 0;
}

/* After the last line: every used service has a provider somewhere. */
static int check_uses(struct parser *p)
{
	for (int i = 0; i < p->m->n; i++) {
		const struct manifest_entry *e = &p->m->e[i];
		for (int u = 0; u < e->nuses; u++) {
			if (manifest_find_provider(p->m, e->uses[u]) >= 0)
				continue;
			p->lineno = e->line;
			return FAIL(p, p->uses_off[i][u], "no task provides ", e->uses[u]);
		}
	}
	return 0;
}

int manifest_parse(const char *text, size_t len, struct manifest *m,
		   struct manifest_error *err)
{
	struct manifest_error scratch;
	struct parser p = { .m = m, .err = err ? err : &scratch };
	size_t pos = 0;
	for (size_t i = 0; i < sizeof(*m); i++)
		((unsigned char *)m)[i] = 0;
	p.err->line = p.err->col = 0;
	p.err->msg[0] = '\0';
	while (pos < len) {
		size_t end = pos;
		while (end < len && text[end] != '\n')
			end++;
		p.line = text + pos;
		p.len = end - pos;
		p.lineno++;
		if (check_line(&p) || parse_line(&p)) {
			m->n = 0;
			return -1;
		}
		pos = end + 1;
	}
	if (check_uses(&p)) {
		m->n = 0;
		return -1;
	}
	return 0;
}

int manifest_find_provider(const struct manifest *m, const char *service)
{
	if (!service[0])
		return -1;
	for (int i = 0; i < m->n; i++)
		if (streq(m->e[i].provides, service))
			return i;
	return -1;
}

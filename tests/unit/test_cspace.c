/*
 * test_cspace.c - kernel/object/cspace.c, capability slots and the derivation
 * tree.  The NSPACES test spaces are separate heap blocks, filled with
 * garbage before cspace_init, so a write past a space is an
 * AddressSanitizer error and a field that init forgets shows up.
 * check_tree() walks every slot of every space and checks that the
 * parent/child/sibling links agree with each other, point only at occupied
 * slots of these spaces and hold no cycle; every test ends with it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "kernel/object/cap.h"
#include "tests/unit/unit.h"

#define NSPACES 3
#define NCAPS (NSPACES * CSPACE_SLOTS)

static struct cspace *sp[NSPACES];

/* A capability value to install: type, plus the range for IoPorts. */
static struct cap val_buf;
static const struct cap *V(enum cap_type type, const struct ioports *io)
{
	memset(&val_buf, 0, sizeof(val_buf));
	val_buf.type = type;
	if (io)
		val_buf.io = *io;
	return &val_buf;
}

static void setup(void)
{
	for (int s = 0; s < NSPACES; s++) {
		sp[s] = malloc(sizeof(*sp[s]));
		ck_assert_ptr_nonnull(sp[s]);
		memset(sp[s], 0xA5, sizeof(*sp[s]));
		cspace_init(sp[s]);
	}
}

static void teardown(void)
{
	for (int s = 0; s < NSPACES; s++)
		free(sp[s]);
}

/* Slot n of test space s. */
static struct cap *S(int s, int n)
{
	return &sp[s]->slot[n];
}

/* The test space c is a slot of (and its index in *n), or -1. */
static int space_of(const struct cap *c, int *n)
{
	uintptr_t p = (uintptr_t)c;
	for (int s = 0; s < NSPACES; s++) {
		uintptr_t base = (uintptr_t)sp[s]->slot;
		if (p >= base && p < base + sizeof(sp[s]->slot)) {
			if ((p - base) % sizeof(struct cap))
				return -1;
			*n = (int)((p - base) / sizeof(struct cap));
			return s;
		}
	}
	return -1;
}

static int is_slot(const struct cap *c)
{
	int n;
	return space_of(c, &n) >= 0;
}

/* "s1[5]" for messages; four buffers, so one message may name four caps. */
static const char *nm(const struct cap *c)
{
	static char buf[4][32];
	static int next;
	char *b = buf[next++ % 4];
	int n, s = space_of(c, &n);
	if (s >= 0)
		snprintf(b, sizeof(buf[0]), "s%d[%d]", s, n);
	else
		snprintf(b, sizeof(buf[0]), "%p", (const void *)c);
	return b;
}

/*
 * The derivation tree invariant over all slots of all test spaces: every
 * slot belongs to its space; empty slots hold no links; every link of an
 * occupied slot points at an occupied slot of a test space; parent,
 * first_child and the doubly linked sibling list agree in both directions;
 * roots have no siblings; each cap is listed exactly once by its parent and
 * nothing else is listed; no parent chain or sibling list is a cycle.
 */
static void check_tree(void)
{
	int with_parent = 0, listed = 0;
	for (int s = 0; s < NSPACES; s++) {
		for (int n = 0; n < CSPACE_SLOTS; n++) {
			struct cap *c = S(s, n);
			ck_assert_msg(c->space == sp[s], "%s: space pointer is wrong", nm(c));
			if (c->type == CAP_NULL) {
				ck_assert_msg(!c->parent && !c->first_child && !c->next_sibling &&
					      !c->prev_sibling, "%s: empty slot with tree links", nm(c));
				continue;
			}
			ck_assert_msg(c->type < CAP_TYPE_COUNT, "%s: bad type %d", nm(c), c->type);
			int depth = 0;
			for (struct cap *a = c->parent; a; a = a->parent) {
				ck_assert_msg(is_slot(a) && a->type != CAP_NULL,
					      "%s: ancestor %s is not an occupied slot", nm(c), nm(a));
				ck_assert_msg(a != c && ++depth < NCAPS, "%s: cycle in parent chain", nm(c));
			}
			if (c->parent) {
				int found = 0, k = 0;
				with_parent++;
				for (struct cap *x = c->parent->first_child; x; x = x->next_sibling) {
					ck_assert_msg(is_slot(x) && ++k <= NCAPS,
						      "%s: child list of %s is broken", nm(c), nm(c->parent));
					found += x == c;
				}
				ck_assert_msg(found == 1, "%s: listed %d times by its parent %s",
					      nm(c), found, nm(c->parent));
			} else {
				ck_assert_msg(!c->prev_sibling && !c->next_sibling,
					      "%s: root with siblings", nm(c));
			}
			if (c->prev_sibling) {
				ck_assert_msg(is_slot(c->prev_sibling), "%s: bad prev_sibling", nm(c));
				ck_assert_msg(c->prev_sibling->next_sibling == c &&
					      c->prev_sibling->parent == c->parent,
					      "%s: prev_sibling %s does not link back", nm(c), nm(c->prev_sibling));
			} else if (c->parent) {
				ck_assert_msg(c->parent->first_child == c,
					      "%s: no prev_sibling but not first child of %s", nm(c), nm(c->parent));
			}
			if (c->next_sibling) {
				ck_assert_msg(is_slot(c->next_sibling), "%s: bad next_sibling", nm(c));
				ck_assert_msg(c->next_sibling->prev_sibling == c &&
					      c->next_sibling->parent == c->parent,
					      "%s: next_sibling %s does not link back", nm(c), nm(c->next_sibling));
			}
			int k = 0;
			for (struct cap *x = c->first_child; x; x = x->next_sibling) {
				ck_assert_msg(is_slot(x) && x->type != CAP_NULL && ++k <= NCAPS,
					      "%s: child list is broken at %s", nm(c), nm(x));
				ck_assert_msg(x->parent == c, "%s: child %s has parent %s",
					      nm(c), nm(x), nm(x->parent));
				listed++;
			}
			if (c->first_child)
				ck_assert_msg(!c->first_child->prev_sibling,
					      "%s: first child %s has a prev_sibling", nm(c), nm(c->first_child));
		}
	}
	ck_assert_int_eq(listed, with_parent);
}

static struct ioports io_val(uint16_t base, uint32_t count, uint32_t rights)
{
	struct ioports io;
	memset(&io, 0, sizeof(io));
	io.base = base;
	io.count = count;
	io.rights = rights;
	return io;
}

static int io_eq(const struct ioports *a, const struct ioports *b)
{
	return a->base == b->base && a->count == b->count && a->rights == b->rights;
}

/* A root IoPorts cap [base, base+count) with all rights in slot n of s. */
static struct cap *root_at(int s, int n, uint16_t base, uint32_t count)
{
	struct cap *c = 0;
	struct ioports io = io_val(base, count, IOR_ALL);
	ck_assert_int_eq(cap_empty_slot(sp[s], (uint32_t)n, &c), 0);
	ck_assert_ptr_eq(c, S(s, n));
	cap_install_root(c, V(CAP_IOPORTS, &io));
	return c;
}

/* A copy of parent in slot n of s, as the cap_copy system call makes it. */
static struct cap *child_at(struct cap *parent, int s, int n)
{
	struct cap *c = 0;
	ck_assert_int_eq(cap_empty_slot(sp[s], (uint32_t)n, &c), 0);
	ck_assert_ptr_eq(c, S(s, n));
	cap_insert_child(parent, c, parent);
	return c;
}

static int nchildren(const struct cap *p)
{
	int k = 0;
	for (const struct cap *x = p->first_child; x && k <= NCAPS; x = x->next_sibling)
		k++;
	return k;
}

static int is_child(const struct cap *p, const struct cap *c)
{
	int k = 0;
	for (const struct cap *x = p->first_child; x && k <= NCAPS; x = x->next_sibling, k++)
		if (x == c)
			return 1;
	return 0;
}

static int is_empty(int s, int n)
{
	struct cap *c = 0;
	return cap_lookup(sp[s], (uint32_t)n, &c) == -E_EMPTY && c == 0 &&
	       S(s, n)->type == CAP_NULL;
}

#define ASSERT_EMPTY(s, n) ck_assert_msg(is_empty(s, n), "s%d[%d] is not empty", s, n)
#define ASSERT_HELD(c)                                                          \
	do {                                                                    \
		struct cap *got_ = 0;                                           \
		int sl_, sp_ = space_of(c, &sl_);                               \
		ck_assert_int_ge(sp_, 0);                                       \
		ck_assert_msg(cap_lookup(sp[sp_], (uint32_t)sl_, &got_) == 0 && \
			      got_ == (c), "%s is not held", nm(c));            \
	} while (0)

static void clear_changed(void)
{
	for (int s = 0; s < NSPACES; s++)
		sp[s]->changed = 0;
}

static void assert_changed(int s0, int s1, int s2)
{
	ck_assert_int_eq(!!sp[0]->changed, s0);
	ck_assert_int_eq(!!sp[1]->changed, s1);
	ck_assert_int_eq(!!sp[2]->changed, s2);
}

START_TEST(test_init_empties_every_slot)
{
	for (int s = 0; s < NSPACES; s++) {
		ck_assert_int_eq(sp[s]->changed, 0);
		for (int n = 0; n < CSPACE_SLOTS; n++) {
			struct cap *c = S(s, n);
			ck_assert_int_eq(c->type, CAP_NULL);
			ck_assert_ptr_eq(c->space, sp[s]);
			ck_assert(!c->parent && !c->first_child && !c->next_sibling && !c->prev_sibling);
		}
	}
	check_tree();
}
END_TEST

START_TEST(test_lookup_bad_slot)
{
	static const uint32_t bad[] = { CSPACE_SLOTS, CSPACE_SLOTS + 1, 1000,
					0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFEu, 0xFFFFFFFFu };
	root_at(0, CSPACE_SLOTS - 1, 0x60, 1);
	struct cap dummy;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct cap *sentinel = &dummy, *c = sentinel;
		ck_assert_int_eq(cap_lookup(sp[0], bad[i], &c), -E_BADSLOT);
		ck_assert_ptr_eq(c, sentinel);
		ck_assert_int_eq(cap_empty_slot(sp[0], bad[i], &c), -E_BADSLOT);
		ck_assert_ptr_eq(c, sentinel);
	}
	check_tree();
}
END_TEST

START_TEST(test_lookup_empty_slot)
{
	struct cap dummy;
	for (uint32_t n = 0; n < CSPACE_SLOTS; n++) {
		struct cap *sentinel = &dummy, *c = sentinel;
		ck_assert_int_eq(cap_lookup(sp[1], n, &c), -E_EMPTY);
		ck_assert_ptr_eq(c, sentinel);
		ck_assert_int_eq(cap_empty_slot(sp[1], n, &c), 0);
		ck_assert_ptr_eq(c, S(1, n));
	}
	check_tree();
}
END_TEST

START_TEST(test_lookup_filled_slot)
{
	struct cap *a = root_at(0, 0, 0x60, 1);
	struct cap *b = root_at(0, CSPACE_SLOTS - 1, 0x3F8, 8);
	struct cap *c = child_at(a, 2, 17);
	struct cap *got = 0;
	ck_assert_int_eq(cap_lookup(sp[0], 0, &got), 0);
	ck_assert_ptr_eq(got, a);
	ck_assert_int_eq(cap_lookup(sp[0], CSPACE_SLOTS - 1, &got), 0);
	ck_assert_ptr_eq(got, b);
	ck_assert_int_eq(got->type, CAP_IOPORTS);
	ck_assert_uint_eq(got->io.base, 0x3F8);
	ck_assert_uint_eq(got->io.count, 8);
	ck_assert_int_eq(cap_lookup(sp[2], 17, &got), 0);
	ck_assert_ptr_eq(got, c);
	/* The same slot number in another space is a different, empty slot. */
	ASSERT_EMPTY(1, 0);
	ASSERT_EMPTY(2, 0);
	ASSERT_EMPTY(0, 17);
	check_tree();
}
END_TEST

START_TEST(test_empty_slot_on_occupied_is_full)
{
	root_at(1, 3, 0x60, 1);
	cap_install_root(S(1, 4), V(CAP_IOPL, 0));
	struct cap dummy, *sentinel = &dummy, *c = sentinel;
	ck_assert_int_eq(cap_empty_slot(sp[1], 3, &c), -E_FULL);
	ck_assert_ptr_eq(c, sentinel);
	ck_assert_int_eq(cap_empty_slot(sp[1], 4, &c), -E_FULL);
	ck_assert_ptr_eq(c, sentinel);
	/* Still free: the neighbours and the same slot of another space. */
	ck_assert_int_eq(cap_empty_slot(sp[1], 2, &c), 0);
	ck_assert_ptr_eq(c, S(1, 2));
	ck_assert_int_eq(cap_empty_slot(sp[0], 3, &c), 0);
	ck_assert_ptr_eq(c, S(0, 3));
	check_tree();
}
END_TEST

START_TEST(test_install_root_has_no_parent)
{
	struct ioports io = io_val(0x70, 2, IOR_READ);
	cap_install_root(S(2, 9), V(CAP_IOPORTS, &io));
	cap_install_root(S(2, 10), V(CAP_IOPL, 0));
	struct cap *c = S(2, 9);
	ck_assert_int_eq(c->type, CAP_IOPORTS);
	ck_assert(io_eq(&c->io, &io));
	ck_assert_ptr_eq(c->space, sp[2]);
	ck_assert(!c->parent && !c->first_child && !c->next_sibling && !c->prev_sibling);
	ck_assert_int_eq(S(2, 10)->type, CAP_IOPL);
	ck_assert(!S(2, 10)->parent && !S(2, 10)->next_sibling);
	check_tree();
}
END_TEST

START_TEST(test_insert_child_links_parent_and_child)
{
	struct cap *p = root_at(0, 4, 0x60, 16);
	struct cap *c = child_at(p, 1, 8);
	ck_assert_ptr_eq(p->first_child, c);
	ck_assert_ptr_eq(c->parent, p);
	ck_assert_ptr_null(c->prev_sibling);
	ck_assert_ptr_null(c->next_sibling);
	ck_assert_ptr_null(c->first_child);
	ck_assert_ptr_eq(c->space, sp[1]);
	ck_assert_ptr_null(p->parent);
	/* A grandchild hangs under the child, not under p. */
	struct cap *g = child_at(c, 2, 0);
	ck_assert_ptr_eq(g->parent, c);
	ck_assert_ptr_eq(c->first_child, g);
	ck_assert_int_eq(nchildren(p), 1);
	check_tree();
}
END_TEST

START_TEST(test_insert_several_children)
{
	struct cap *p = root_at(0, 0, 0x60, 16);
	struct cap *q = root_at(1, 0, 0x70, 2);
	struct cap *kids[5] = {
		child_at(p, 0, 1), child_at(p, 1, 1), child_at(p, 2, 1),
		child_at(p, 2, 31), child_at(p, 0, 30),
	};
	struct cap *qk[2] = { child_at(q, 1, 2), child_at(q, 0, 2) };
	ck_assert_int_eq(nchildren(p), 5);
	for (int i = 0; i < 5; i++) {
		ck_assert_ptr_eq(kids[i]->parent, p);
		ck_assert_msg(is_child(p, kids[i]), "child %d not listed", i);
		ck_assert(!is_child(q, kids[i]));
	}
	ck_assert_int_eq(nchildren(q), 2);
	for (int i = 0; i < 2; i++) {
		ck_assert_ptr_eq(qk[i]->parent, q);
		ck_assert(is_child(q, qk[i]) && !is_child(p, qk[i]));
	}
	check_tree();
}
END_TEST

START_TEST(test_insert_child_copies_value)
{
	struct cap *p = root_at(0, 0, 0x60, 16);
	struct ioports io = io_val(0x64, 4, IOR_WRITE), want = io;
	cap_insert_child(p, S(1, 5), V(CAP_IOPORTS, &io));
	io = io_val(0x1234, 99, IOR_ALL);
	ck_assert_int_eq(S(1, 5)->type, CAP_IOPORTS);
	ck_assert(io_eq(&S(1, 5)->io, &want));
	/* The parent's value is untouched. */
	struct ioports pio = io_val(0x60, 16, IOR_ALL);
	ck_assert(io_eq(&p->io, &pio));
	/* No io: the value is zeroed, even over a stale one in a reused slot. */
	cap_delete(S(1, 5));
	cap_insert_child(p, S(1, 5), V(CAP_IOPL, 0));
	struct ioports zero = io_val(0, 0, 0);
	ck_assert_int_eq(S(1, 5)->type, CAP_IOPL);
	ck_assert(io_eq(&S(1, 5)->io, &zero));
	cap_delete(S(1, 5));
	cap_install_root(S(1, 5), V(CAP_IOPL, 0));
	ck_assert(io_eq(&S(1, 5)->io, &zero));
	check_tree();
}
END_TEST

START_TEST(test_install_and_insert_set_changed)
{
	clear_changed();
	struct cap *p = root_at(1, 0, 0x60, 16);
	assert_changed(0, 1, 0);
	clear_changed();
	child_at(p, 2, 3);
	assert_changed(0, 0, 1);
	clear_changed();
	child_at(p, 1, 3);
	assert_changed(0, 1, 0);
	check_tree();
}
END_TEST

START_TEST(test_move_sets_changed_on_both_spaces)
{
	struct cap *p = root_at(0, 0, 0x60, 16);
	child_at(p, 0, 1);
	clear_changed();
	cap_move(S(0, 1), S(2, 1));
	assert_changed(1, 0, 1);
	clear_changed();
	cap_move(S(2, 1), S(1, 1));
	assert_changed(0, 1, 1);
	clear_changed();
	cap_move(S(1, 1), S(1, 2));
	assert_changed(0, 1, 0);
	check_tree();
}
END_TEST

START_TEST(test_delete_revoke_clear_set_changed)
{
	struct cap *p = root_at(0, 0, 0x60, 16);
	struct cap *a = child_at(p, 1, 0);
	child_at(a, 2, 0);
	child_at(p, 2, 1);
	root_at(1, 5, 0x70, 1);
	clear_changed();
	cap_delete(S(1, 5));
	assert_changed(0, 1, 0);
	/* Revoke empties slots in spaces 1 and 2 only. */
	clear_changed();
	cap_revoke(p);
	ck_assert_int_eq(sp[1]->changed, 1);
	ck_assert_int_eq(sp[2]->changed, 1);
	clear_changed();
	child_at(p, 0, 7);
	clear_changed();
	cspace_clear(sp[0]);
	assert_changed(1, 0, 0);
	check_tree();
}
END_TEST

START_TEST(test_delete_leaf)
{
	struct cap *p = root_at(0, 0, 0x60, 16);
	struct cap *c1 = child_at(p, 0, 1);
	struct cap *c2 = child_at(p, 1, 0);
	struct cap *c3 = child_at(p, 2, 0);
	struct cap *c4 = child_at(p, 2, 1);
	check_tree();
	/* Wherever the leaf sits in its parent's list: middle, first, last. */
	struct cap *order[4] = { c2, c4, c1, c3 };
	for (int i = 0; i < 4; i++) {
		int n, s = space_of(order[i], &n);
		cap_delete(order[i]);
		ASSERT_EMPTY(s, n);
		ck_assert(!is_child(p, order[i]));
		ck_assert_int_eq(nchildren(p), 3 - i);
		for (int j = i + 1; j < 4; j++) {
			ck_assert(is_child(p, order[j]));
			ASSERT_HELD(order[j]);
		}
		check_tree();
	}
	ck_assert_ptr_null(p->first_child);
	ASSERT_HELD(p);
	/* A root leaf. */
	struct cap *r = root_at(2, 5, 0x70, 1);
	cap_delete(r);
	ASSERT_EMPTY(2, 5);
	check_tree();
}
END_TEST

START_TEST(test_delete_middle_node_moves_children_up)
{
	struct cap *g = root_at(0, 0, 0x60, 16);
	struct cap *o = child_at(g, 2, 1);
	struct cap *m = child_at(g, 1, 0);
	struct cap *k1 = child_at(m, 2, 0);
	struct cap *k2 = child_at(m, 0, 1);
	struct cap *k21 = child_at(k2, 1, 1);
	cap_delete(m);
	ASSERT_EMPTY(1, 0);
	ck_assert_ptr_eq(k1->parent, g);
	ck_assert_ptr_eq(k2->parent, g);
	ck_assert(is_child(g, k1) && is_child(g, k2) && is_child(g, o));
	ck_assert_int_eq(nchildren(g), 3);
	ck_assert_ptr_eq(k21->parent, k2);
	ASSERT_HELD(k1);
	ASSERT_HELD(k21);
	check_tree();
	/* The grandparent's revoke still reaches them. */
	cap_revoke(g);
	ASSERT_EMPTY(2, 0);
	ASSERT_EMPTY(0, 1);
	ASSERT_EMPTY(1, 1);
	ASSERT_EMPTY(2, 1);
	ASSERT_HELD(g);
	ck_assert_ptr_null(g->first_child);
	check_tree();
}
END_TEST

START_TEST(test_delete_root_children_become_roots)
{
	struct cap *r = root_at(0, 0, 0x60, 16);
	struct cap *c1 = child_at(r, 1, 0);
	struct cap *c2 = child_at(r, 2, 0);
	struct cap *c3 = child_at(r, 0, 2);
	struct cap *g = child_at(c2, 0, 1);
	cap_delete(r);
	ASSERT_EMPTY(0, 0);
	struct cap *kids[3] = { c1, c2, c3 };
	struct ioports want = io_val(0x60, 16, IOR_ALL);
	for (int i = 0; i < 3; i++) {
		ASSERT_HELD(kids[i]);
		ck_assert_ptr_null(kids[i]->parent);
		ck_assert_ptr_null(kids[i]->prev_sibling);
		ck_assert_ptr_null(kids[i]->next_sibling);
		ck_assert(io_eq(&kids[i]->io, &want));
	}
	ck_assert_ptr_eq(g->parent, c2);
	ck_assert_ptr_eq(c2->first_child, g);
	check_tree();
	/* They stay valid: revocable and deletable on their own. */
	cap_revoke(c2);
	ASSERT_EMPTY(0, 1);
	ASSERT_HELD(c2);
	cap_delete(c1);
	ASSERT_EMPTY(1, 0);
	ASSERT_HELD(c3);
	child_at(c3, 1, 0);
	check_tree();
}
END_TEST

START_TEST(test_revoke_removes_all_descendants)
{
	struct cap *r = root_at(0, 0, 0x60, 16);
	struct cap *sa = child_at(r, 1, 0);
	child_at(sa, 2, 0);
	struct cap *x = child_at(r, 0, 1);       /* between sa and sb in r's list */
	child_at(r, 2, 1);
	struct cap *x1 = child_at(x, 1, 1);
	struct cap *x2 = child_at(x, 2, 2);
	child_at(x, 0, 2);
	struct cap *x11 = child_at(x1, 2, 3);
	child_at(x1, 0, 3);
	struct cap *x111 = child_at(x11, 1, 2);
	child_at(x111, 0, 4);
	child_at(x2, 1, 3);
	struct cap *u = root_at(1, 10, 0x70, 2);
	struct cap *u1 = child_at(u, 2, 10);
	child_at(u1, 0, 10);
	check_tree();
	/* Everything outside x's subtree must come through byte for byte. */
	static const int keep[][2] = { { 0, 0 }, { 1, 0 }, { 2, 0 }, { 2, 1 },
				       { 1, 10 }, { 2, 10 }, { 0, 10 } };
	static const int gone[][2] = { { 1, 1 }, { 2, 2 }, { 0, 2 }, { 2, 3 },
				       { 0, 3 }, { 1, 2 }, { 0, 4 }, { 1, 3 } };
	struct cap before[7];
	for (int i = 0; i < 7; i++)
		memcpy(&before[i], S(keep[i][0], keep[i][1]), sizeof(before[i]));
	struct ioports xio = x->io;
	struct cap *xparent = x->parent, *xprev = x->prev_sibling, *xnext = x->next_sibling;
	clear_changed();
	cap_revoke(x);
	for (int i = 0; i < 8; i++)
		ck_assert_msg(is_empty(gone[i][0], gone[i][1]), "s%d[%d] survived the revoke",
			      gone[i][0], gone[i][1]);
	for (int i = 0; i < 7; i++)
		ck_assert_msg(!memcmp(&before[i], S(keep[i][0], keep[i][1]), sizeof(before[i])),
			      "s%d[%d] changed", keep[i][0], keep[i][1]);
	ASSERT_HELD(x);
	ck_assert_ptr_null(x->first_child);
	ck_assert_ptr_eq(x->parent, xparent);
	ck_assert_ptr_eq(x->prev_sibling, xprev);
	ck_assert_ptr_eq(x->next_sibling, xnext);
	ck_assert(io_eq(&x->io, &xio));
	assert_changed(1, 1, 1);
	check_tree();
}
END_TEST

START_TEST(test_revoke_leaf_is_noop)
{
	struct cap *r = root_at(0, 0, 0x60, 16);
	struct cap *a = child_at(r, 1, 0);
	struct cap *leaf = child_at(a, 2, 0);
	child_at(a, 0, 1);
	struct cap *lone = root_at(2, 31, 0x70, 1);
	clear_changed();
	struct cspace before[NSPACES];
	for (int s = 0; s < NSPACES; s++)
		memcpy(&before[s], sp[s], sizeof(before[s]));
	cap_revoke(leaf);
	cap_revoke(lone);
	for (int s = 0; s < NSPACES; s++)
		ck_assert_msg(!memcmp(&before[s], sp[s], sizeof(before[s])), "space %d changed", s);
	check_tree();
}
END_TEST

START_TEST(test_revoke_deep_chain)
{
	/* 64 levels, alternating between the slots of spaces 0 and 1. */
	struct cap *top = root_at(0, 0, 0x60, 16), *c = top;
	for (int i = 1; i < 2 * CSPACE_SLOTS; i++)
		c = child_at(c, i % 2, i / 2);
	ck_assert_ptr_eq(c, S(1, CSPACE_SLOTS - 1));
	int depth = 0;
	for (struct cap *a = c; a->parent; a = a->parent)
		depth++;
	ck_assert_int_eq(depth, 2 * CSPACE_SLOTS - 1);
	check_tree();
	cap_revoke(top);
	for (int i = 1; i < 2 * CSPACE_SLOTS; i++)
		ck_assert_msg(is_empty(i % 2, i / 2), "level %d survived", i);
	ASSERT_HELD(top);
	ck_assert_ptr_null(top->first_child);
	check_tree();
}
END_TEST

START_TEST(test_move_keeps_tree_position)
{
	struct cap *p = root_at(0, 0, 0x60, 16);
	struct cap *a = child_at(p, 0, 1);
	struct cap *m = S(1, 5);
	struct ioports mio = io_val(0x62, 3, IOR_READ);
	cap_insert_child(p, m, V(CAP_IOPORTS, &mio));
	struct cap *b = child_at(p, 2, 2);            /* p's list: b, m, a */
	struct cap *c1 = child_at(m, 0, 3);
	struct cap *c2 = child_at(m, 2, 4);           /* m's list: c2, c1 */
	struct cap *g = child_at(c2, 1, 6);
	ck_assert_ptr_eq(b->next_sibling, m);
	struct cap *d = S(2, 17);
	cap_move(m, d);
	ck_assert_int_eq(d->type, CAP_IOPORTS);
	ck_assert(io_eq(&d->io, &mio));
	ck_assert_ptr_eq(d->space, sp[2]);
	ck_assert_ptr_eq(d->parent, p);
	ck_assert_ptr_eq(p->first_child, b);
	ck_assert_ptr_eq(b->next_sibling, d);
	ck_assert_ptr_eq(d->prev_sibling, b);
	ck_assert_ptr_eq(d->next_sibling, a);
	ck_assert_ptr_eq(a->prev_sibling, d);
	ck_assert_ptr_eq(d->first_child, c2);
	ck_assert_ptr_eq(c2->next_sibling, c1);
	ck_assert_ptr_eq(c1->parent, d);
	ck_assert_ptr_eq(c2->parent, d);
	ck_assert_ptr_eq(g->parent, c2);
	/* The source slot is empty, unlinked and reusable. */
	ASSERT_EMPTY(1, 5);
	ck_assert(!m->parent && !m->first_child && !m->next_sibling && !m->prev_sibling);
	ck_assert_ptr_eq(m->space, sp[1]);
	check_tree();
	struct cap *reuse = child_at(a, 1, 5);
	ck_assert_ptr_eq(reuse, m);
	ck_assert_ptr_eq(a->first_child, m);
	ck_assert_int_eq(nchildren(d), 2);
	check_tree();
}
END_TEST

START_TEST(test_move_first_last_and_root)
{
	struct cap *r = root_at(0, 0, 0x60, 16);
	struct cap *last = child_at(r, 0, 1);
	child_at(r, 1, 1);
	struct cap *first = child_at(r, 2, 1);        /* r's list: first, mid, last */
	struct cap *k = child_at(first, 0, 2);
	/* The first child: the parent's first_child follows it. */
	cap_move(first, S(1, 20));
	ck_assert_ptr_eq(r->first_child, S(1, 20));
	ck_assert_ptr_eq(k->parent, S(1, 20));
	ASSERT_EMPTY(2, 1);
	check_tree();
	/* The last child, within the same space. */
	cap_move(last, S(0, 21));
	ck_assert_ptr_eq(S(0, 21)->parent, r);
	ck_assert_ptr_null(S(0, 21)->next_sibling);
	ck_assert_ptr_eq(S(0, 21)->prev_sibling->next_sibling, S(0, 21));
	ASSERT_EMPTY(0, 1);
	check_tree();
	/* The root: its children follow it and it stays a root. */
	cap_move(r, S(2, 0));
	ck_assert_ptr_null(S(2, 0)->parent);
	ck_assert_int_eq(nchildren(S(2, 0)), 3);
	for (struct cap *x = S(2, 0)->first_child; x; x = x->next_sibling)
		ck_assert_ptr_eq(x->parent, S(2, 0));
	ASSERT_EMPTY(0, 0);
	check_tree();
}
END_TEST

START_TEST(test_move_then_revoke_parent_removes_moved)
{
	struct cap *p = root_at(0, 0, 0x60, 16);
	struct cap *m = child_at(p, 0, 1);
	child_at(p, 0, 2);
	child_at(m, 2, 0);
	cap_move(m, S(1, 3));
	cap_move(S(1, 3), S(2, 30));
	check_tree();
	cap_revoke(p);
	ASSERT_EMPTY(0, 1);
	ASSERT_EMPTY(1, 3);
	ASSERT_EMPTY(2, 30);
	ASSERT_EMPTY(0, 2);
	ASSERT_EMPTY(2, 0);
	ASSERT_HELD(p);
	ck_assert_ptr_null(p->first_child);
	check_tree();
}
END_TEST

START_TEST(test_move_cap_with_children_then_revoke)
{
	struct cap *p = root_at(1, 9, 0x60, 16);
	struct cap *m = child_at(p, 0, 2);
	child_at(m, 0, 3);
	struct cap *c2 = child_at(m, 2, 0);
	child_at(c2, 1, 9 + 1);
	struct cap *sib = child_at(p, 2, 5);
	struct cap *d = S(1, 0);
	cap_move(m, d);
	check_tree();
	cap_revoke(d);
	ASSERT_EMPTY(0, 3);
	ASSERT_EMPTY(2, 0);
	ASSERT_EMPTY(1, 10);
	ASSERT_EMPTY(0, 2);
	ASSERT_HELD(d);
	ck_assert_ptr_null(d->first_child);
	ck_assert_ptr_eq(d->parent, p);
	ASSERT_HELD(sib);
	ck_assert_int_eq(nchildren(p), 2);
	check_tree();
}
END_TEST

START_TEST(test_clear_empties_every_slot)
{
	/*
	 * All 32 slots of space 0 in one tree (the k-th cap, at slot k*13 mod
	 * 32, is a child of cap k/2), so children sit both before and after
	 * their parents' slots; an unrelated tree in space 1.
	 */
	struct cap *made[CSPACE_SLOTS];
	for (int k = 0; k < CSPACE_SLOTS; k++) {
		int n = k * 13 % CSPACE_SLOTS;
		made[k] = k ? child_at(made[k / 2], 0, n) : root_at(0, n, 0x60, 16);
	}
	struct cap *u = root_at(1, 0, 0x70, 2);
	child_at(u, 1, 1);
	check_tree();
	clear_changed();
	struct cspace before1;
	memcpy(&before1, sp[1], sizeof(before1));
	cspace_clear(sp[0]);
	for (int n = 0; n < CSPACE_SLOTS; n++)
		ASSERT_EMPTY(0, n);
	ck_assert_int_eq(sp[0]->changed, 1);
	ck_assert(!memcmp(&before1, sp[1], sizeof(before1)));
	check_tree();
	/* The space is usable again. */
	root_at(0, 13, 0x60, 1);
	check_tree();
}
END_TEST

START_TEST(test_clear_keeps_derived_caps_in_other_spaces)
{
	struct cap *e = root_at(1, 0, 0x60, 16);
	struct cap *a = child_at(e, 0, 5);
	struct cap *b = child_at(a, 0, 2);             /* in an earlier slot */
	struct cap *d1 = child_at(b, 2, 0);
	struct cap *d11 = child_at(d1, 1, 1);
	struct cap *d2 = child_at(a, 2, 1);
	struct cap *r = root_at(0, 7, 0x70, 8);
	struct cap *c = child_at(r, 0, 3);
	struct cap *f1 = child_at(c, 2, 2);
	struct cap *f2 = child_at(r, 1, 2);
	struct cap *f21 = child_at(f2, 0, 9);
	struct cap *f211 = child_at(f21, 2, 3);
	check_tree();
	cspace_clear(sp[0]);
	for (int n = 0; n < CSPACE_SLOTS; n++)
		ASSERT_EMPTY(0, n);
	check_tree();
	/* Each survivor hangs under its nearest surviving ancestor, or is a root. */
	ck_assert_ptr_eq(d1->parent, e);
	ck_assert_ptr_eq(d2->parent, e);
	ck_assert_int_eq(nchildren(e), 2);
	ck_assert_ptr_eq(d11->parent, d1);
	ck_assert_ptr_null(f1->parent);
	ck_assert_ptr_null(f2->parent);
	ck_assert_ptr_eq(f211->parent, f2);
	struct cap *all[] = { e, d1, d11, d2, f1, f2, f211 };
	for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		ASSERT_HELD(all[i]);
	/* Still revocable from above. */
	cap_revoke(e);
	ASSERT_EMPTY(2, 0);
	ASSERT_EMPTY(1, 1);
	ASSERT_EMPTY(2, 1);
	cap_revoke(f2);
	ASSERT_EMPTY(2, 3);
	ASSERT_HELD(f1);
	ASSERT_HELD(f2);
	ASSERT_HELD(e);
	check_tree();
}
END_TEST

/*
 * A restart keeps what the parent gave (cap_give) and drops the rest:
 * caps the task made from a given one, copied in, or was moved by anyone
 * but cap_give.  A given cap moved on and back is no longer given.
 */
START_TEST(test_reset_keeps_only_given_caps)
{
	struct cap *r = root_at(0, 0, 0x60, 16);
	struct cap *g1 = child_at(r, 0, 1);
	struct cap *g2 = child_at(r, 0, 2);
	struct cap *g3 = child_at(r, 0, 3);
	cap_give(g1, S(1, 0));
	cap_give(g2, S(1, 1));
	cap_give(g3, S(1, 2));
	struct cap *own = child_at(S(1, 0), 1, 20);    /* derived by the task itself */
	struct cap *mine = child_at(r, 0, 4);
	cap_move(mine, S(1, 21));                    /* received, not given */
	cap_move(S(1, 2), S(1, 22));                 /* a given cap it moved about */
	cap_delete(S(1, 1));                         /* a given cap it dropped */
	ck_assert_int_eq(S(1, 0)->given, 1);
	ck_assert_int_eq(S(1, 22)->given, 0);
	check_tree();
	sp[1]->changed = 0;
	cspace_reset(sp[1]);
	check_tree();
	ASSERT_HELD(S(1, 0));
	ck_assert_ptr_eq(S(1, 0)->parent, r);
	for (int n = 1; n < CSPACE_SLOTS; n++)
		ASSERT_EMPTY(1, n);
	ck_assert_int_eq(sp[1]->changed, 1);
	ck_assert_int_eq(nchildren(r), 1);
	(void)own;
	/* A slot that held a given cap is plain again once reused. */
	struct cap *again = child_at(r, 1, 1);
	ck_assert_int_eq(again->given, 0);
	cspace_reset(sp[1]);
	ASSERT_EMPTY(1, 1);
	ASSERT_HELD(S(1, 0));
}
END_TEST


/* ---- the one way out of a slot: cap_gone_hook ---- */

#define MAX_GONE 64
static struct gone_call {
	struct cap val;
	struct cspace *from;
	uint32_t slot;
	enum cap_type type_now;        /* the slot's type when the hook ran */
	int refs_seen;                 /* cap_ref_hook -1 calls made before it */
} gone[MAX_GONE];
static int ngone, nref_down;

static void record_gone(const struct cap *val, struct cspace *from, uint32_t slot)
{
	ck_assert_int_lt(ngone, MAX_GONE);
	gone[ngone] = (struct gone_call){ *val, from, slot, from->slot[slot].type, nref_down };
	ngone++;
}

static void count_ref(const struct cap *c, int delta)
{
	(void)c;
	if (delta < 0)
		nref_down++;
}

static void hooks_on(void)
{
	ngone = nref_down = 0;
	cap_gone_hook = record_gone;
	cap_ref_hook = count_ref;
}

static void hooks_off(void)
{
	cap_gone_hook = 0;
	cap_ref_hook = 0;
}

static void assert_gone(int i, int s, int n, enum cap_type type)
{
	ck_assert_ptr_eq(gone[i].from, sp[s]);
	ck_assert_uint_eq(gone[i].slot, (uint32_t)n);
	ck_assert_int_eq(gone[i].val.type, type);
	ck_assert_int_eq(gone[i].type_now, CAP_NULL);     /* the slot is already empty */
}

START_TEST(test_gone_hook_not_called_for_new_caps)
{
	hooks_on();
	cap_install_root(S(0, 0), V(CAP_IRQ, 0));
	cap_insert_child(S(0, 0), S(1, 3), V(CAP_IRQ, 0));
	ck_assert_int_eq(ngone, 0);
	hooks_off();
	check_tree();
}
END_TEST

START_TEST(test_gone_hook_on_delete_before_the_ref_drop)
{
	cap_install_root(S(0, 0), V(CAP_KLOG, 0));
	cap_insert_child(S(0, 0), S(1, 7), V(CAP_KLOG, 0));
	hooks_on();
	cap_delete(S(1, 7));
	ck_assert_int_eq(ngone, 1);
	assert_gone(0, 1, 7, CAP_KLOG);
	ck_assert_int_eq(gone[0].refs_seen, 0);
	ck_assert_int_eq(nref_down, 1);
	hooks_off();
	check_tree();
}
END_TEST

START_TEST(test_gone_hook_on_move_names_the_old_slot)
{
	struct cap irq = { .type = CAP_IRQ, .irq_mask = 0x60 };
	cap_install_root(S(0, 0), &irq);
	cap_insert_child(S(0, 0), S(0, 5), &irq);
	hooks_on();
	cap_move(S(0, 5), S(2, 9));
	ck_assert_int_eq(ngone, 1);
	assert_gone(0, 0, 5, CAP_IRQ);
	ck_assert_uint_eq(gone[0].val.irq_mask, 0x60);   /* the cap as it was */
	ck_assert_int_eq(nref_down, 0);                   /* a move keeps its reference */
	ck_assert_int_eq(S(2, 9)->type, CAP_IRQ);
	hooks_off();
	check_tree();
}
END_TEST

START_TEST(test_gone_hook_once_per_revoked_cap)
{
	cap_install_root(S(0, 0), V(CAP_IRQ, 0));
	cap_insert_child(S(0, 0), S(1, 1), V(CAP_IRQ, 0));
	cap_insert_child(S(1, 1), S(2, 2), V(CAP_IRQ, 0));
	cap_insert_child(S(0, 0), S(2, 3), V(CAP_IRQ, 0));
	hooks_on();
	cap_revoke(S(0, 0));
	ck_assert_int_eq(ngone, 3);
	ck_assert_int_eq(nref_down, 3);
	int seen = 0;
	for (int i = 0; i < ngone; i++) {
		ck_assert_int_eq(gone[i].type_now, CAP_NULL);
		int s, n;
		s = gone[i].from == sp[1] ? 1 : gone[i].from == sp[2] ? 2 : -1;
		n = (int)gone[i].slot;
		seen |= s == 1 && n == 1 ? 1 : s == 2 && n == 2 ? 2 : s == 2 && n == 3 ? 4 : 8;
	}
	ck_assert_int_eq(seen, 7);
	ck_assert_int_eq(S(0, 0)->type, CAP_IRQ);         /* revoke keeps the cap itself */
	hooks_off();
	check_tree();
}
END_TEST

START_TEST(test_gone_hook_for_every_slot_cleared)
{
	for (int n = 0; n < CSPACE_SLOTS; n += 3)
		cap_install_root(S(1, n), V(CAP_IRQ, 0));
	hooks_on();
	cspace_clear(sp[1]);
	ck_assert_int_eq(ngone, (CSPACE_SLOTS + 2) / 3);
	for (int i = 0; i < ngone; i++)
		assert_gone(i, 1, (int)gone[i].slot, CAP_IRQ);
	hooks_off();
	check_tree();
}
END_TEST

/*
 * IoPorts and Iopl name no object and get no notice (cap.h): deleted,
 * revoked or moved, they tell neither hook; caps_commit ends what they
 * enabled (io_changed, the next test).
 */
START_TEST(test_no_hooks_for_io_caps)
{
	struct ioports ports = { .base = 0x60, .count = 4, .rights = 3 };
	struct cap io = { .type = CAP_IOPORTS, .io = ports };
	cap_install_root(S(0, 0), &io);
	cap_insert_child(S(0, 0), S(1, 1), &io);
	cap_install_root(S(1, 2), V(CAP_IOPL, 0));
	hooks_on();
	cap_move(S(1, 2), S(2, 2));
	cap_revoke(S(0, 0));
	cap_delete(S(2, 2));
	cap_delete(S(0, 0));
	ck_assert_int_eq(ngone, 0);
	ck_assert_int_eq(nref_down, 0);
	ck_assert_int_eq(S(1, 1)->type, CAP_NULL);
	ck_assert_int_eq(S(2, 2)->type, CAP_NULL);
	ck_assert_int_eq(S(0, 0)->type, CAP_NULL);
	hooks_off();
	check_tree();
}
END_TEST

/*
 * io_changed tells caps_commit to rebuild the I/O bitmap and IOPL: set by
 * every IoPorts or Iopl cap that comes, moves or goes, and by nothing
 * else (a Frame's insert, move and delete change no port).
 */
START_TEST(test_io_changed_only_for_io_caps)
{
	static const enum cap_type io[] = { CAP_IOPORTS, CAP_IOPL }, other[] = { CAP_FRAME, CAP_ENDPOINT, CAP_UNTYPED };
	struct ioports ports = { .base = 0x60, .count = 4, .rights = 3 };
	for (int k = 0; k < 5; k++) {
		int is_io = k < 2;
		enum cap_type t = is_io ? io[k] : other[k - 2];
		for (int s = 0; s < 2; s++)
			sp[s]->io_changed = sp[s]->changed = 0;
		int grew = is_io ? CS_IO_GREW : 0, shrank = is_io ? CS_IO_SHRANK : 0;
		cap_install_root(S(0, 1), V(t, t == CAP_IOPORTS ? &ports : 0));
		ck_assert_int_eq(sp[0]->changed, 1);
		ck_assert_int_eq(sp[0]->io_changed, grew);
		sp[0]->io_changed = 0;
		cap_insert_child(S(0, 1), S(0, 2), V(t, t == CAP_IOPORTS ? &ports : 0));
		ck_assert_int_eq(sp[0]->io_changed, grew);
		sp[0]->io_changed = 0;
		/* A move is a loss for the source, which other CPUs may be running, and a gain for the destination. */
		cap_move(S(0, 2), S(1, 3));
		ck_assert_int_eq(sp[0]->io_changed, shrank);
		ck_assert_int_eq(sp[1]->io_changed, grew);
		ck_assert_int_eq(sp[1]->changed, 1);
		sp[1]->io_changed = 0;
		cap_delete(S(1, 3));
		ck_assert_int_eq(sp[1]->io_changed, shrank);
		sp[0]->io_changed = 0;
		cap_revoke(S(0, 1));
		cap_delete(S(0, 1));
		ck_assert_int_eq(sp[0]->io_changed, shrank);
		ASSERT_EMPTY(0, 1);
	}
}
END_TEST

/*
 * The commit's work list: an IoPorts or Iopl cap that comes or goes sets
 * its space's bit in cspace_io_dirty, and an IoPorts cap widens the
 * window by its bytes and is in io_slots while it is there; a Frame
 * does none of these.
 */
START_TEST(test_io_dirty_bit_and_window)
{
	struct ioports com2 = { .base = 0x2F8, .count = 8, .rights = 3 },
		       odd = { .base = 0x3F7, .count = 3, .rights = 3 };
	sp[0]->id = 5;
	sp[1]->id = 37;
	memset(cspace_io_dirty, 0, sizeof(cspace_io_dirty));
	cap_install_root(S(0, 1), V(CAP_FRAME, 0));
	ck_assert_uint_eq(cspace_io_dirty[0] | cspace_io_dirty[1], 0);
	ck_assert_uint_ge(sp[0]->io_window.lo, sp[0]->io_window.hi);
	cap_install_root(S(0, 2), V(CAP_IOPORTS, &com2));
	ck_assert_uint_eq(cspace_io_dirty[0], 1u << 5);
	ck_assert_uint_eq(sp[0]->io_window.lo, 0x2F8 / 8);
	ck_assert_uint_eq(sp[0]->io_window.hi, 0x2F8 / 8 + 1);
	cap_install_root(S(0, 3), V(CAP_IOPORTS, &odd));
	ck_assert_uint_eq(sp[0]->io_window.hi, 0x3F9 / 8 + 1);
	ck_assert_uint_eq(sp[0]->io_slots, (1u << 2) | (1u << 3));   /* the Frame in slot 1 is not one */
	cap_move(S(0, 2), S(1, 4));
	ck_assert_uint_eq(sp[0]->io_slots, 1u << 3);
	ck_assert_uint_eq(sp[1]->io_slots, 1u << 4);
	ck_assert_uint_eq(cspace_io_dirty[1], 1u << 5);
	ck_assert_uint_eq(sp[1]->io_window.lo, 0x2F8 / 8);
	ck_assert_uint_eq(sp[1]->io_window.hi, 0x2F8 / 8 + 1);
	cap_install_root(S(1, 5), V(CAP_IOPL, 0));
	cap_delete(S(0, 1));
	cap_delete(S(0, 3));
	cap_delete(S(1, 4));
	cap_delete(S(1, 5));
	ck_assert_uint_eq(sp[0]->io_slots | sp[1]->io_slots, 0);
	check_tree();
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("cspace");
	TCase *tc = tcase_create("cspace");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_init_empties_every_slot);
	tcase_add_test(tc, test_lookup_bad_slot);
	tcase_add_test(tc, test_lookup_empty_slot);
	tcase_add_test(tc, test_lookup_filled_slot);
	tcase_add_test(tc, test_empty_slot_on_occupied_is_full);
	tcase_add_test(tc, test_install_root_has_no_parent);
	tcase_add_test(tc, test_insert_child_links_parent_and_child);
	tcase_add_test(tc, test_insert_several_children);
	tcase_add_test(tc, test_insert_child_copies_value);
	tcase_add_test(tc, test_install_and_insert_set_changed);
	tcase_add_test(tc, test_move_sets_changed_on_both_spaces);
	tcase_add_test(tc, test_delete_revoke_clear_set_changed);
	tcase_add_test(tc, test_delete_leaf);
	tcase_add_test(tc, test_delete_middle_node_moves_children_up);
	tcase_add_test(tc, test_delete_root_children_become_roots);
	tcase_add_test(tc, test_revoke_removes_all_descendants);
	tcase_add_test(tc, test_revoke_leaf_is_noop);
	tcase_add_test(tc, test_revoke_deep_chain);
	tcase_add_test(tc, test_move_keeps_tree_position);
	tcase_add_test(tc, test_move_first_last_and_root);
	tcase_add_test(tc, test_move_then_revoke_parent_removes_moved);
	tcase_add_test(tc, test_move_cap_with_children_then_revoke);
	tcase_add_test(tc, test_clear_empties_every_slot);
	tcase_add_test(tc, test_clear_keeps_derived_caps_in_other_spaces);
	tcase_add_test(tc, test_reset_keeps_only_given_caps);
	tcase_add_test(tc, test_gone_hook_not_called_for_new_caps);
	tcase_add_test(tc, test_gone_hook_on_delete_before_the_ref_drop);
	tcase_add_test(tc, test_gone_hook_on_move_names_the_old_slot);
	tcase_add_test(tc, test_gone_hook_once_per_revoked_cap);
	tcase_add_test(tc, test_gone_hook_for_every_slot_cleared);
	tcase_add_test(tc, test_no_hooks_for_io_caps);
	tcase_add_test(tc, test_io_changed_only_for_io_caps);
	tcase_add_test(tc, test_io_dirty_bit_and_window);
	suite_add_tcase(s, tc);
	return s;
}

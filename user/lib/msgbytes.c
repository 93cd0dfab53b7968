/*
 * msgbytes.c - bytes in a message (user/lib/proto.h): the count in w0,
 * the bytes packed little-endian in w1 and then utcb mr[2..23].
 */
#include "user/lib/ipc.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"

static unsigned char *slot_byte(struct ipc_msg *m, unsigned i)
{
	if (i < 4)
		return (unsigned char *)&m->w1 + i;
	return (unsigned char *)&utcb()->mr[IPC_REG_WORDS + (i - 4) / 4] + (i - 4) % 4;
}

unsigned msg_put_bytes(struct ipc_msg *m, unsigned label, const void *buf, unsigned n)
{
	const unsigned char *p = buf;
	if (n > PROTO_BYTES)
		n = PROTO_BYTES;
	m->w0 = n;
	m->w1 = 0;
	for (unsigned i = 0; i < n; i++)
		*slot_byte(m, i) = p[i];
	unsigned words = n <= 4 ? 2 : 2 + (n - 4 + 3) / 4;
	m->tag = IPC_TAG(label, words, 0);
	return n;
}

unsigned msg_get_bytes(struct ipc_msg *m, void *buf, unsigned max)
{
	unsigned char *p = buf;
	unsigned n = m->w0;
	unsigned have = IPC_TAG_WORDS(m->tag) < 2 ? 0 : 4 + 4 * (IPC_TAG_WORDS(m->tag) - 2);
	if (n > have)
		n = have;
	if (n > max)
		n = max;
	for (unsigned i = 0; i < n; i++)
		p[i] = *slot_byte(m, i);
	return n;
}

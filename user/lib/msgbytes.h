/*
 * msgbytes.h - packing bytes into a message and out again (user/lib/proto.h).
 */
#ifndef USER_LIB_MSGBYTES_H
#define USER_LIB_MSGBYTES_H

#include "user/lib/ipc.h"

/* Up to PROTO_BYTES of buf into m with the given label; returns how many went. */
unsigned msg_put_bytes(struct ipc_msg *m, unsigned label, const void *buf, unsigned n);
/* The bytes of a received m (count in w0, never more than the tag carries) into buf. */
unsigned msg_get_bytes(struct ipc_msg *m, void *buf, unsigned max);

#endif

/* drvstart.c - a driver started as the root task will start it (drvstart.h). */
#include "user/lib/slots.h"
#include "user/usertests/drvstart.h"

#define SLOT_ROOT_IOPORTS 0
#define SLOT_ROOT_IRQ     2

static long give(int tid, unsigned slot)
{
	return sys_cap_transfer(DRV_SCRATCH, tid, slot);
}

static long grant(int tid, const struct drv_spec *s)
{
	long r = 0;
	for (int i = 0; !r && i < s->nports; i++) {
		const struct ioports *p = &s->ports[i];
		r = cap_derive(SLOT_ROOT_IOPORTS, DRV_SCRATCH, p->base, p->count, p->rights);
		if (!r)
			r = give(tid, SLOT_PORTS(i));
	}
	if (!r && s->pcicfg) {
		r = sys_cap_copy(ROOT_SLOT_PCICFG, DRV_SCRATCH);
		if (!r)
			r = give(tid, SLOT_PCICFG);
	}
	for (unsigned line = 0, i = 0; !r && line < IRQ_LINES; line++)
		if (s->irq_lines & (1u << line)) {
			r = sys_cap_mint(SLOT_ROOT_IRQ, DRV_SCRATCH, 1u << line, 0);
			if (!r)
				r = give(tid, SLOT_IRQ(i++));
		}
	if (!r)
		r = sys_ep_create(DRV_EP);
	if (!r)
		r = sys_cap_mint(DRV_EP, DRV_CLIENT, s->badge, EPR_SEND);
	if (!r)
		r = sys_cap_transfer(DRV_EP, tid, SLOT_SERVICE);
	return r;
}

int drv_start(const struct drv_spec *s)
{
	int tid = spawn_flags(s->name, "", SPAWN_SUSPENDED);
	if (tid < 0)
		return tid;
	long r = grant(tid, s);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		printf("# starting %s: %s\n", s->name, strerror(r));
		drv_stop(tid);
		return (int)r;
	}
	return tid;
}

int drv_stop(int tid)
{
	struct exitinfo e;
	long k = sys_kill(tid);      /* E_SRCH: it has already exited */
	int ok = (k == 0 || k == -E_SRCH) && sys_wait(tid, &e) == tid;
	sys_cap_delete(DRV_SCRATCH);
	sys_cap_delete(DRV_EP);
	sys_cap_delete(DRV_CLIENT);
	sys_cap_delete(DRV_RECV);
	return ok ? 0 : -1;
}

int drv_run(const struct drv_spec *s, int (*body)(void))
{
	int tid = drv_start(s);
	CHECK(tid > 0);
	int r = body();
	CHECK_EQ(drv_stop(tid), 0);
	return r;
}

long drv_call(unsigned slot, unsigned label, unsigned w0, unsigned w1, struct ipc_msg *reply)
{
	*reply = ipc_msg(label, w0, w1);
	long r = ipc_call(slot, reply);
	return r ? r : -(long)IPC_TAG_LABEL(reply->tag);
}

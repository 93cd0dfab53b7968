/*
 * drvstart.h - starting a driver from a test the way the root task will
 * (docs/drivers.md): suspended, with exactly its ports and IRQ lines in the
 * slots of user/lib/slots.h and its service endpoint in SLOT_SERVICE; the
 * test keeps a badged send-only cap to call it.
 */
#ifndef USER_USERTESTS_DRVSTART_H
#define USER_USERTESTS_DRVSTART_H
#include "user/lib/ipc.h"
#include "user/usertests/ut.h"

/* usertests' slots for driver tests (iotests uses 6..11; 0-5 are the root caps from init). */
#define DRV_SCRATCH 12
#define DRV_EP      13
#define DRV_CLIENT  14    /* the test's cap to the driver */
#define DRV_RECV    15    /* caps the driver sends back */

struct drv_spec {
	const char *name;
	const struct ioports *ports;
	int nports;
	unsigned irq_lines;   /* a mask: each line goes to the next SLOT_IRQ(i) */
	unsigned badge;       /* of the test's cap in DRV_CLIENT */
	int pcicfg;           /* 1: a copy of usertests' PciCfg in SLOT_PCICFG, as `pcicfg` gives */
};

/* Starts the driver, running; returns its tid or -E_x (nothing is left behind). */
int drv_start(const struct drv_spec *s);
/* Kills and reaps it and drops the test's caps to it; 0 if all went. */
int drv_stop(int tid);
/* Starts the driver, runs body, stops it: body's result, or 1 if start or stop failed. */
int drv_run(const struct drv_spec *s, int (*body)(void));
/* A call: 0, the driver's E_x status as -E_x, or the IPC error. */
long drv_call(unsigned slot, unsigned label, unsigned w0, unsigned w1, struct ipc_msg *reply);

#endif

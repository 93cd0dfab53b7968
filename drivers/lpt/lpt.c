/*
 * lpt.c - the first parallel port (0x378-0x37A, IRQ 7), printing its
 * argument string: the example driver that docs/howto-driver.md builds.
 * Small on purpose; drivers/rtc shows the fuller shape (serving clients and
 * interrupts from one ipc_recv loop).
 *
 * The port runs in its oldest mode: put a byte on the data lines, pulse
 * strobe, and the printer acknowledges it with an interrupt (when control
 * bit 4 enables it).  So every byte is one interrupt, which makes the IRQ
 * path easy to see: one notification, one status read, one irq_ack.
 *
 * Slots (user/lib/slots.h): SLOT_PORTS(0) = 0x378-0x37a, SLOT_IRQ(0) =
 * line 7; SLOT_FREE is its own (the notification).
 */
#include "user/lib/i386/uarch.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define LPT_DATA    0x378
#define LPT_STATUS  0x379
#define LPT_CONTROL 0x37A
#define LPT_IRQ     7
#define SLOT_NTF    SLOT_FREE       /* the notification the IRQ signals */

#define CTL_STROBE  0x01            /* strobe (the register holds its complement) */
#define CTL_INIT    0x04            /* clear: reset the printer */
#define CTL_SELECT  0x08
#define CTL_INTEN   0x10            /* interrupt on acknowledge */

/* Binds IRQ 7 to a notification of our own; 0 or the E_x why not. */
static long setup_irq(void)
{
	long r = sys_ntf_create(SLOT_NTF);
	if (!r)
		r = sys_irq_bind(SLOT_IRQ(0), SLOT_NTF);
	return r;
}

/* Waits for the acknowledge of the byte just strobed; 0, or the E_x of the wait. */
static long wait_ack(void)
{
	long r = sys_ntf_wait(SLOT_NTF);
	if (r < 0)
		return r;
	u_inb(LPT_STATUS);              /* reading status ends the interrupt */
	return sys_irq_ack(SLOT_IRQ(0)); /* the kernel masked the line: unmask it */
}

static long put_byte(uint8_t c)
{
	uint8_t ctl = CTL_INIT | CTL_SELECT | CTL_INTEN;
	u_outb(LPT_DATA, c);
	u_outb(LPT_CONTROL, ctl | CTL_STROBE);
	u_outb(LPT_CONTROL, ctl);
	return wait_ack();
}

/* Prints the arguments, space-separated, and a newline; the bytes acknowledged. */
static unsigned print_line(int argc, char **argv)
{
	unsigned n = 0;
	for (int i = 1; i < argc; i++) {
		if (i > 1 && put_byte(' ') == 0)
			n++;
		for (const char *p = argv[i]; *p; p++)
			if (put_byte((uint8_t)*p) == 0)
				n++;
	}
	if (put_byte('\n') == 0)
		n++;
	return n;
}

int main(int argc, char **argv)
{
	uint8_t status = u_inb(LPT_STATUS);     /* no system call: the bitmap lets it through */
	if (status == 0xFF) {
		printf("lpt: no printer port at 0x%x (status reads 0xff)\n", LPT_DATA);
		return 1;
	}
	long r = setup_irq();
	if (r) {
		printf("lpt: no interrupt: %s\n", strerror(r));
		return 1;
	}
	u_outb(LPT_CONTROL, CTL_INIT | CTL_SELECT | CTL_INTEN);
	unsigned n = print_line(argc, argv);
	printf("lpt: status 0x%02x; printed %u bytes, each acknowledged by IRQ %d\n", status, n,
	       LPT_IRQ);
	/* A driver does not end: init would report the exit and leave it stopped. */
	for (;;)
		sys_sleep(1000);
}

/*
 * klogtests.c - the kernel log ring read through the KLog cap, its
 * notification, and COM1 handed to a console-like task and taken back.
 * usertests holds every port and KLog and must not count as the console
 * itself: its TAP output reaches COM1 only while the kernel prints there.
 */
#include "user/usertests/ipctests.h"

static char text[2048];

/* Reads whatever is unread, keeping the newest bytes that fit in text; < 0 on error. */
static long klog_take(void)
{
	unsigned long kept = 0;
	long n = 0;
	for (int i = 0; i < 64; i++) {
		if (kept == sizeof(text) - 1)
			kept = 0;
		n = sys_klog_read(S_KLOG, text + kept, sizeof(text) - 1 - kept);
		if (n <= 0)
			break;
		kept += (unsigned long)n;
	}
	text[kept] = '\0';
	return n < 0 ? n : (long)kept;
}

static const char *find(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!memcmp(hay, needle, n))
			return hay;
	return 0;
}

int t_klog_read(void)
{
	char want[40];
	ipc_fresh();
	CHECK(klog_take() >= 0);
	CHECK_EQ(sys_klog_read(S_KLOG, text, sizeof(text)), 0);   /* all read */
	unsigned marker = 0xC0DE0000u ^ (unsigned)sys_uptime();
	fmt_snprintf(want, sizeof(want), "klog marker %x", marker);
	printf("# %s\n", want);
	/* Bad buffers fail and lose nothing: the marker is still there to read. */
	CHECK_EQ(sys_klog_read(S_KLOG, 0, 16), -E_FAULT);
	CHECK_EQ(sys_klog_read(S_KLOG, (void *)0x00100000u, 16), -E_FAULT);
	CHECK_EQ(sys_klog_read(S_KLOG, (void *)(uintptr_t)t_klog_read, 16), -E_FAULT);
	CHECK_EQ(sys_klog_read(S_KLOG, (void *)0xBFFFFFF0u, 0x20), -E_FAULT);
	CHECK_EQ(sys_klog_read(S_KLOG, text, 0), 0);
	CHECK_EQ(sys_klog_read(S_D, text, 16), -E_EMPTY);
	CHECK_EQ(sys_klog_read(S_ALL, text, 16), -E_TYPE);
	CHECK_EQ(sys_klog_read(32, text, 16), -E_BADSLOT);
	CHECK(klog_take() > 0);
	CHECK(find(text, want) != 0);
	return 0;
}

/* Nothing may be printed between giving the peer COM1 + KLog and its exit: COM1 is not ours. */
int t_klog_console_handover(void)
{
	ipc_fresh();
	CHECK(klog_take() >= 0);
	int con = peer_spawn("klogreader");
	CHECK(con > 0);
	CHECK_EQ(peer_give(con, S_KLOG, 0, GIVE_COPY, 0), 0);
	CHECK_EQ(cap_derive(S_ALL, S_TMP, 0x3F8, 8, IOR_ALL), 0);
	CHECK_EQ(sys_cap_transfer(S_TMP, con, 1), 0);
	CHECK_EQ(sys_resume(con), 0);
	CHECK_EQ(peer_exit(con), 0);
	CHECK(klog_take() > 0);
	const char *given = find(text, "COM1 now belongs to ipcpeer");
	CHECK(given != 0);
	CHECK(find(given, "COM1 is the kernel's again") != 0);
	return 0;
}

int t_klog_bind_signals(void)
{
	ipc_fresh();
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_A, 0, NTR_WAIT), 0);
	CHECK_EQ(sys_klog_bind(S_ALL, S_NTF), -E_TYPE);
	CHECK_EQ(sys_klog_bind(S_KLOG, S_EP), -E_TYPE);
	CHECK_EQ(sys_klog_bind(S_KLOG, S_A), -E_PERM);
	CHECK_EQ(sys_klog_bind(S_KLOG, S_D), -E_EMPTY);
	CHECK_EQ(sys_klog_bind(S_KLOG, S_NTF), 0);
	CHECK_EQ(polled(S_NTF), 1); /* a new reader is told at once */
	CHECK(klog_take() >= 0);
	CHECK_EQ(polled(S_NTF), 0); /* nothing new */
	printf("# klog: news for the reader\n");
	CHECK_EQ(polled(S_NTF), 1);
	return 0;
}

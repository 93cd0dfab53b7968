/*
 * lbench.c - the Linux column of `make bench` (docs/bench.md, "Linux").
 *
 * Built with `gcc -m32 -static` and run as /init of a cpio initramfs by
 * bench/linux.sh, on Debian's i386 kernel in the same QEMU machine as
 * Portcullis' bench.  It times the same kinds of operations with the same
 * harness (user/bench/measure.c: batches, warm-up, loop overhead taken off,
 * median/min/max), prints one `BENCH linux_<name> ...` line per figure on
 * the serial console, and powers the machine off.
 *
 * The kernel command line gives accel=, batches= and iters= (read from
 * /proc/cmdline).  Every process runs SCHED_FIFO on CPU 0 with RT
 * throttling off, so nothing else runs unless a measured task blocks, just
 * as Portcullis' bench and its children are the only runnable tasks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/reboot.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "user/lib/i386/uarch.h"
#include "user/bench/harness.h"
#include "bench/linux/lbench.h"

#define PORT_GRANTED 0x2FF   /* COM2's scratch register: ioperm(0x2F8, 8) */
#define PORT_DENIED  0x2F7   /* just below COM2, the port rogue tries */

static struct bench_cfg cfg;
static char cmdline[1024];
static int failed;

/* ---- each side's own part of harness.h ---- */

static const char *cmdline_value(const char *key, char *buf, size_t n)
{
	size_t k = strlen(key);
	for (const char *p = cmdline; (p = strstr(p, key)); p += k)
		if ((p == cmdline || p[-1] == ' ') && p[k] == '=') {
			size_t i = 0;
			for (p += k + 1; *p && *p != ' ' && *p != '\n' && i + 1 < n; p++)
				buf[i++] = *p;
			buf[i] = 0;
			return buf;
		}
	return NULL;
}

void bench_config(struct bench_cfg *c, int argc, char **argv)
{
	static char accel[32];
	char v[32];
	(void)argc;
	(void)argv;
	*c = (struct bench_cfg){ "unknown", "ticks", 21, 1000, 0, 0 };
	if (cmdline_value("accel", accel, sizeof(accel)))
		c->accel = accel;
	if (!strcmp(c->accel, "tcg-icount"))
		c->unit = "insns";
	else if (!strcmp(c->accel, "tcg") || !strcmp(c->accel, "kvm"))
		c->unit = "cycles";
	if (cmdline_value("batches", v, sizeof(v)))
		c->batches = bench_clamp_batches((unsigned)strtoul(v, NULL, 10));
	if (cmdline_value("iters", v, sizeof(v)) && strtoul(v, NULL, 10))
		c->iters = (unsigned)strtoul(v, NULL, 10);
}

/*
 * One timer tick in TSC units: CLOCK_MONOTONIC_COARSE moves once per tick
 * (this kernel has periodic ticks, HZ=250, no NO_HZ).  Read through the vDSO.
 */
static long coarse_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

void bench_calibrate(struct bench_cfg *c)
{
	long t = coarse_ns(), t1;
	while ((t1 = coarse_ns()) == t)
		;
	uint64_t t0 = u_rdtsc();
	while (coarse_ns() == t1)
		;
	c->tick = (uint32_t)(u_rdtsc() - t0);
}

void bench_print(const struct bench_cfg *c, const char *name, const struct bench_stats *s)
{
	printf("BENCH linux_%s accel=%s unit=%s median=%u min=%u max=%u n=%u\n", name, c->accel,
	       c->unit, s->median, s->min, s->max, s->n);
	fflush(stdout);
}

/* ---- the operations ---- */

static void *vsyscall;   /* __kernel_vsyscall, from AT_SYSINFO */

static void op_getppid_int80(void)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "0"((long)SYS_getppid) : "memory");
}

/* What glibc does for every system call: call the vDSO's entry with eax = number. */
static void op_getppid_vdso(void)
{
	long r;
	__asm__ volatile("call *%[f]" : "=a"(r) : "0"((long)SYS_getppid), [f] "m"(vsyscall)
			 : "memory", "ecx", "edx");
}

static void op_inb_granted(void)
{
	u_inb(PORT_GRANTED);
}

static volatile unsigned long segv_count;

/* The denied inb is `in (%dx), %al`, one byte (0xec): resume after it. */
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	unsigned char *eip = (unsigned char *)uc->uc_mcontext.gregs[REG_EIP];
	(void)sig;
	(void)si;
	if (uc->uc_mcontext.gregs[REG_TRAPNO] != 13 || *eip != 0xec) {
		static const char msg[] = "linux: unexpected SIGSEGV\n";
		write(1, msg, sizeof(msg) - 1);
		_exit(3);
	}
	uc->uc_mcontext.gregs[REG_EIP] += 1;
	segv_count++;
}

static void op_inb_denied(void)
{
	uint8_t v;
	__asm__ volatile("inb %w1, %b0" : "=a"(v) : "d"((uint16_t)PORT_DENIED) : "memory");
}

static int pipe_ab[2], pipe_ba[2];

static void op_pipe(void)
{
	char ch = 0;
	if (write(pipe_ab[1], &ch, 1) != 1 || read(pipe_ba[0], &ch, 1) != 1)
		_exit(4);
}

volatile int *futex_word;

static long futex(volatile int *w, int op, int val)
{
	return syscall(SYS_futex, w, op, val, NULL, NULL, 0);
}

/* One round trip: hand the word to the partner, sleep until it hands it back. */
void op_futex(void)
{
	__atomic_store_n(futex_word, 1, __ATOMIC_SEQ_CST);
	futex(futex_word, FUTEX_WAKE, 1);
	while (__atomic_load_n(futex_word, __ATOMIC_SEQ_CST) == 1)
		futex(futex_word, FUTEX_WAIT, 1);
}

static void op_yield(void)
{
	sched_yield();
}

/*
 * Memory: the counterparts of Portcullis' mem_* figures.  An anonymous
 * private mapping with MAP_POPULATE is allocated, zeroed and mapped by the
 * one mmap call, and freed by munmap: what mem_cycle_<n> does (retype,
 * map, unmap, delete).
 */
static size_t map_bytes;
static char *prot_page;
static int prot_flags = PROT_READ | PROT_WRITE;

static void op_mmap_munmap(void)
{
	void *p = mmap(NULL, map_bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED || munmap(p, map_bytes))
		_exit(5);
}

static void op_mprotect(void)
{
	prot_flags ^= PROT_WRITE;
	if (mprotect(prot_page, 4096, prot_flags))
		_exit(6);
}

static void mmap_figures(void)
{
	static const unsigned sizes[] = { 1, 4, 16, 64 };
	char name[32];
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		map_bytes = (size_t)sizes[i] * 4096;
		snprintf(name, sizeof(name), "mmap_munmap_%u", sizes[i]);
		bench_figure(&cfg, name, op_mmap_munmap, 1);
	}
}

/*
 * One populated page between two PROT_NONE pages of the same reservation:
 * whichever protection it has, it never merges with a neighbour, so each
 * mprotect changes one page of one VMA, as mem_protect changes one page.
 */
static void mprotect_figure(void)
{
	char *r = mmap(NULL, 3 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	prot_page = r + 4096;
	if (r == MAP_FAILED || mmap(prot_page, 4096, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0) != prot_page) {
		printf("linux: mmap: %s\n", strerror(errno));
		failed = 1;
		return;
	}
	bench_figure(&cfg, "mprotect", op_mprotect, 1);
	munmap(r, 3 * 4096);
}

/* ---- processes ---- */

pid_t start(void (*fn)(void *), void *arg)
{
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		fn(arg);
		fflush(stdout);
		_exit(0);
	}
	if (p < 0)
		printf("linux: fork: %s\n", strerror(errno));
	return p;
}

int finish(pid_t p, const char *what)
{
	int st;
	if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st)) {
		printf("linux: %s failed\n", what);
		failed = 1;
		return 0;
	}
	return 1;
}

static void stop(pid_t p)
{
	if (p > 0) {
		kill(p, SIGKILL);
		waitpid(p, NULL, 0);
	}
}

static void child_port_in(void *arg)
{
	(void)arg;
	if (ioperm(0x2F8, 8, 1)) {
		printf("linux: ioperm: %s\n", strerror(errno));
		_exit(1);
	}
	bench_figure(&cfg, "port_in_ioperm", op_inb_granted, 1);
}

static void child_gp_trap(void *arg)
{
	struct sigaction sa;
	struct bench_stats s;
	(void)arg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	bench_measure(&cfg, op_inb_denied, 1, &s);
	if (!segv_count)
		_exit(1);
	bench_print(&cfg, "gp_trap_sigsegv", &s);
}

static void pipe_partner(void *arg)
{
	char ch;
	(void)arg;
	close(pipe_ab[1]);
	close(pipe_ba[0]);
	while (read(pipe_ab[0], &ch, 1) == 1)
		if (write(pipe_ba[1], &ch, 1) != 1)
			break;
}

static void pipe_measurer(void *arg)
{
	(void)arg;
	close(pipe_ab[0]);
	close(pipe_ba[1]);
	bench_figure(&cfg, "pipe_pingpong", op_pipe, 1);
}

void futex_partner(void *arg)
{
	(void)arg;
	for (;;) {
		while (__atomic_load_n(futex_word, __ATOMIC_SEQ_CST) == 0)
			futex(futex_word, FUTEX_WAIT, 0);
		__atomic_store_n(futex_word, 0, __ATOMIC_SEQ_CST);
		futex(futex_word, FUTEX_WAKE, 1);
	}
}

static void futex_measurer(void *arg)
{
	(void)arg;
	bench_figure(&cfg, "futex_pingpong", op_futex, 1);
}

/* A round trip to a partner process: pipe_pingpong, futex_pingpong. */
static void round_trip(void (*partner)(void *), void (*measurer)(void *), const char *what)
{
	pid_t p = start(partner, NULL);
	pid_t m = start(measurer, NULL);
	finish(m, what);
	stop(p);
}

struct side {
	unsigned from[2], num[2];
	int n;
};

struct pair {
	const char *name;
	struct side measurer, partner;
	uint32_t solo;
};

static void grant(const struct side *s)
{
	for (int i = 0; i < s->n; i++)
		if (ioperm(s->from[i], s->num[i], 1)) {
			printf("linux: ioperm(%#x, %u): %s\n", s->from[i], s->num[i], strerror(errno));
			_exit(1);
		}
}

static void yield_partner(void *arg)
{
	grant(&((const struct pair *)arg)->partner);
	bench_spin(op_yield);
}

static void yield_measurer(void *arg)
{
	const struct pair *pr = arg;
	struct bench_stats s;
	grant(&pr->measurer);
	bench_measure(&cfg, op_yield, 2, &s);
	if (s.median <= pr->solo) {
		printf("linux: %s: %u %s per yield, not above a yield without a switch (%u): "
		       "the two processes did not alternate\n", pr->name, s.median, cfg.unit, pr->solo);
		_exit(1);
	}
	bench_print(&cfg, pr->name, &s);
}

#define COM2 { 0x2F8 }, { 8 }, 1
#define PS2  { 0x60, 0x64 }, { 1, 1 }, 2
#define NONE { 0 }, { 0 }, 0
#define SPACE { 0 }, { 65536 }, 1   /* every port: an 8 KiB bitmap */

static struct pair pairs[] = {
	{ "switch_noports", { NONE }, { NONE }, 0 },
	{ "switch_ports_one", { COM2 }, { NONE }, 0 },
	{ "switch_ports_two", { COM2 }, { PS2 }, 0 },
	{ "switch_ports_wide", { SPACE }, { COM2 }, 0 },
};

/* ---- the machine ---- */

static void write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, s, strlen(s)) < 0)
		printf("linux: cannot write %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void read_file(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	ssize_t r = fd < 0 ? -1 : read(fd, buf, n - 1);
	buf[r > 0 ? r : 0] = 0;
	if (fd >= 0)
		close(fd);
}

/* /dev, /proc and /sys, and the console as stdin/out/err. */
static void setup_machine(void)
{
	mkdir("/dev", 0755);
	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	int fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* The vDSO's entry as patched at boot: sysenter, syscall or plain int $0x80. */
static const char *vdso_gate(const unsigned char *f)
{
	for (int i = 0; i < 64; i++) {
		if (f[i] == 0x0f && f[i + 1] == 0x34)
			return "sysenter";
		if (f[i] == 0x0f && f[i + 1] == 0x05)
			return "syscall";
		if (f[i] == 0xcd && f[i + 1] == 0x80)
			return "int80";
	}
	return "unknown";
}

/* One line per CPU vulnerability the kernel reports: what mitigations it runs. */
static void print_mitigations(void)
{
	static const char *const v[] = { "meltdown", "spectre_v1", "spectre_v2",
					 "spec_store_bypass", "mds", "l1tf" };
	char buf[160], path[96];
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/vulnerabilities/%s", v[i]);
		read_file(path, buf, sizeof(buf));
		buf[strcspn(buf, "\n")] = 0;
		printf("linux: %s: %s\n", v[i], buf);
	}
}

/* The value of one field of /proc/cpuinfo (the first CPU's). */
static void cpuinfo(const char *field, char *out, size_t n)
{
	char buf[4096];
	read_file("/proc/cpuinfo", buf, sizeof(buf));
	char *p = strstr(buf, field);
	p = p ? strchr(p, ':') : NULL;
	snprintf(out, n, "%s", p ? p + 2 : "unknown");
	out[strcspn(out, "\n")] = 0;
}

static void run(void)
{
	struct utsname u;
	struct sched_param sp = { .sched_priority = 50 };
	struct bench_stats solo;
	char model[128], flags[512];
	cpu_set_t cpu0;

	read_file("/proc/cmdline", cmdline, sizeof(cmdline));
	bench_config(&cfg, 0, NULL);
	uname(&u);
	cpuinfo("model name", model, sizeof(model));
	cpuinfo("flags", flags, sizeof(flags));
	vsyscall = (void *)getauxval(AT_SYSINFO);
	printf("linux: Linux benchmarks accel=%s unit=%s batches=%u iters=%u\n", cfg.accel,
	       cfg.unit, cfg.batches, cfg.iters);
	printf("linux: kernel %s %s %s, cpu \"%s\", %ld cpu(s), vdso gate %s\n", u.sysname,
	       u.release, u.version, model, sysconf(_SC_NPROCESSORS_ONLN),
	       vsyscall ? vdso_gate(vsyscall) : "none");
	printf("linux: cpu flags %s\n", flags);
	print_mitigations();
	if (!vsyscall) {
		printf("linux: no AT_SYSINFO\n");
		failed = 1;
		return;
	}

	/* Inherited by every child: FIFO, CPU 0, and no RT throttling to cut in. */
	write_file("/proc/sys/kernel/sched_rt_runtime_us", "-1");
	CPU_ZERO(&cpu0);
	CPU_SET(0, &cpu0);
	if (sched_setaffinity(0, sizeof(cpu0), &cpu0) || sched_setscheduler(0, SCHED_FIFO, &sp)) {
		printf("linux: cannot run SCHED_FIFO on CPU 0: %s\n", strerror(errno));
		failed = 1;
		return;
	}

	bench_calibrate(&cfg);
	printf("linux: one timer tick is %u %s\n", cfg.tick, cfg.unit);
	bench_loop_overhead(&cfg, 1);
	bench_figure(&cfg, "null_syscall_int80", op_getppid_int80, 1);
	bench_figure(&cfg, "null_syscall_vdso", op_getppid_vdso, 1);
	finish(start(child_port_in, NULL), "port_in_ioperm");
	finish(start(child_gp_trap, NULL), "gp_trap_sigsegv");

	if (pipe(pipe_ab) || pipe(pipe_ba)) {
		printf("linux: pipe: %s\n", strerror(errno));
		failed = 1;
	} else {
		round_trip(pipe_partner, pipe_measurer, "pipe_pingpong");
		close(pipe_ab[0]);
		close(pipe_ab[1]);
		close(pipe_ba[0]);
		close(pipe_ba[1]);
	}

	futex_word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (futex_word == MAP_FAILED) {
		printf("linux: mmap: %s\n", strerror(errno));
		failed = 1;
	} else {
		round_trip(futex_partner, futex_measurer, "futex_pingpong");
	}

	mmap_figures();
	mprotect_figure();

	/* A yield with nobody to switch to: what a pair must exceed to prove it switches. */
	bench_measure(&cfg, op_yield, 1, &solo);
	for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		pairs[i].solo = solo.median;
		pid_t p = start(yield_partner, &pairs[i]);
		pid_t m = start(yield_measurer, &pairs[i]);
		finish(m, pairs[i].name);
		stop(p);
	}
	printf("linux: a yield with nothing to switch to: %u %s (each switch_* figure must exceed it)\n",
	       solo.median, cfg.unit);

	/* Only now more CPUs: every figure above ran with CPU 0 alone online. */
	int online = smp_online(LBENCH_CPUS);
	printf("linux: %d cpu(s) online for the SMP figures\n", online);
	if (!smp_figures(&cfg, online))
		failed = 1;
}

int main(void)
{
	if (getpid() == 1)
		setup_machine();
	run();
	printf("linux: %s\n", failed ? "FAILED" : "done");
	fflush(stdout);
	sync();
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return failed;
}

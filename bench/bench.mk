# bench/bench.mk - the benchmarks (included by the top-level Makefile, which
# defines QEMU_BASE and the `all` and `deps` targets).  docs/bench.md has
# the figures' definitions.
#
#   make bench                      every figure on the best accelerator that
#                                   works here; results in bench/out/
#   make bench BENCH_ACCEL=tcg      choose: tcg-icount, tcg, kvm or bochs (Bochs
#                                   boots build/portcullis-bench{,-eager}.iso)
#   make bench BENCH_ARGS="batches=31 iters=2000"   more batches, longer ones
#   make test-bench                 smoke test: two short tcg-icount runs
#                                   whose figures must be well-formed and equal
#   make bench-docs                 docs/bench-results.md (and its plot) from
#                                   bench/out/results.csv against bench/targets;
#                                   make bench runs it at its end
#   make test-bench-docs            bench/docs.sh on fixture runs: verdicts
#                                   and "not measured" judged right
#   make bench-linux                the same kinds of figures on Debian's i386
#                                   Linux in the same QEMU machine (tcg-icount
#                                   unless BENCH_ACCEL); then both columns
#   make bench-linux LINUX_PKG=linux-image-6.1.0-50-686   another kernel package
#   make test-bench-linux           its smoke test (not part of make test: it
#                                   downloads the kernel): two short runs

BENCH_OUT     ?= bench/out
BENCH_ARGS    ?=
BENCH_TIMEOUT ?= 300

.PHONY: bench bench-account bench-docs bench-profile test-bench test-bench-docs bench-linux bench-linux-deps test-bench-linux

# Bochs boots GRUB ISOs (tests/boot/bochs.mk), one per boot of bench/run.sh.
ifeq ($(BENCH_ACCEL),bochs)
bench: $(BENCH_ISO) $(BENCH_EAGER_ISO) $(DISK) bochsrc
endif

bench: deps all ## the benchmarks: table, bench/out/results.{csv,json}; BENCH_ACCEL=kvm|tcg|tcg-icount|bochs (docs/bench.md)
	@mkdir -p $(BENCH_OUT)
	BENCH_BOCHS_ISOS="$(BENCH_ISO) $(BENCH_EAGER_ISO)" \
		sh bench/run.sh "$(QEMU_BASE)" $(BENCH_TIMEOUT) $(BENCH_OUT) $(BENCH_ARGS)
ifeq ($(BENCH_ACCEL),bochs)
	@cp $(BENCH_OUT)/results.csv $(BENCH_OUT)/bochs-results.csv
	@echo "bench: the Bochs column of docs/bench-results.md is $(BENCH_OUT)/bochs-results.csv;" \
		"make bench (QEMU) writes the page with it"
else
	@$(MAKE) --no-print-directory bench-docs
endif

# The page of figures and verdicts (docs/bench-results.md, bench/targets).
bench-docs: ## docs/bench-results.md and its plot from the last make bench (bench/out), judged against bench/targets
	@BENCH_QEMU_CPU="$(QEMU_CPU)" sh bench/docs.sh $(BENCH_OUT) docs/bench-results.md

test-bench-docs: ## bench/docs.sh on fixture results: a figure over its target is missed, a missing one not measured
	sh tests/bench/docs_test.sh

# Where one operation's instructions go (bench/profile.sh); OP=op_call etc.
OP ?= op_null_sysenter
bench-profile: all ## OP=op_call: one traced benchmark boot, one iteration of OP split by function
	@mkdir -p bench/out
	sh bench/profile.sh "$(QEMU_BASE)" $(OP)

bench-account: all ## docs/bench-account.md: one traced boot, each issue 16 figure by function and source line
	@mkdir -p bench/out
	BENCH_QEMU_CPU=$(QEMU_CPU) sh bench/account.sh "$(QEMU_BASE)"

test-bench: all ## two short tcg-icount runs of bench: every figure present, well-formed, identical
	@mkdir -p bench/out
	sh bench/smoke.sh "$(QEMU_BASE)" 60

# ---- the Linux column (docs/bench.md, "Linux") ----
# Debian's kernel package is downloaded once into $(LINUX_DIR) (never
# installed); lbench is a static 32-bit program (glibc's pthreads for the
# SMP figures, bench/linux/smp.c), /init of a cpio initramfs.
# It links user/bench/measure.c, Portcullis' own batches and statistics,
# built with the same code-generation flags as the user programs.  The
# archive is the same bytes in every checkout (mtime 0, no inode numbers):
# the kernel's work on it counts in the figures' min and max.
LINUX_DIR    := $(BUILD)/linux
LINUX_PKG    ?=
LBENCH_FLAGS := -std=gnu11 -O2 -static -no-pie -fno-pic -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -mno-sse -mno-mmx -mno-80387 -pthread -Wall -Wextra -Werror -I.
LBENCH_SRCS  := bench/linux/lbench.c bench/linux/smp.c user/bench/measure.c
LBENCH_HDRS  := bench/linux/lbench.h user/bench/harness.h user/lib/i386/uarch.h

bench-linux-deps: ## (helper) fetch Debian's Linux 6.1 into build/linux/ and build its initramfs
	@sh tools/deps.sh cpio gnuplot-nox

$(LINUX_DIR)/lbench: $(LBENCH_SRCS) $(LBENCH_HDRS) | bench-linux-deps
	@mkdir -p $(dir $@)
	@echo "  CC    $@ (gcc -m32 -static)"
	$(Q)gcc -m32 $(LBENCH_FLAGS) -o $@ $(LBENCH_SRCS)

$(LINUX_DIR)/initramfs.cpio: $(LINUX_DIR)/lbench
	@echo "  CPIO  $@"
	$(Q)rm -rf $(LINUX_DIR)/initramfs && mkdir -p $(LINUX_DIR)/initramfs && \
		cp $< $(LINUX_DIR)/initramfs/init && touch -d @0 $(LINUX_DIR)/initramfs/init && \
		cd $(LINUX_DIR)/initramfs && \
		echo init | cpio -o -H newc --quiet --reproducible --owner=0:0 > ../initramfs.cpio

bench-linux: bench-linux-deps $(LINUX_DIR)/initramfs.cpio ## the same kinds of figures on Linux 6.1 in the same QEMU machine, side by side with bench
	sh bench/linux/kernel.sh $(LINUX_DIR) $(LINUX_PKG)
	@mkdir -p $(BENCH_OUT)
	sh bench/linux.sh "$(QEMU_MACHINE)" $(BENCH_TIMEOUT) $(BENCH_OUT) $(LINUX_DIR)/vmlinuz \
		$(LINUX_DIR)/initramfs.cpio $(LINUX_DIR)/package $(BENCH_ARGS)

LINUX_FIGURES := $(addprefix linux_,loop_overhead null_syscall_int80 null_syscall_vdso \
	port_in_ioperm gp_trap_sigsegv pipe_pingpong futex_pingpong switch_noports \
	switch_ports_one switch_ports_two switch_ports_wide mmap_munmap_1 mmap_munmap_4 mmap_munmap_16 \
	mmap_munmap_64 mprotect munmap_cpus1 munmap_cpus2 munmap_cpus4 mprotect_cpus1 mprotect_cpus2 \
	mprotect_cpus4 futex_pingpong_samecpu futex_pingpong_xcpu)

# Two short tcg-icount runs: every figure once, well-formed, identical.
test-bench-linux: bench-linux-deps $(LINUX_DIR)/initramfs.cpio ## two short tcg-icount runs of bench-linux (downloads the kernel; not in test)
	sh bench/linux/kernel.sh $(LINUX_DIR) $(LINUX_PKG)
	@mkdir -p bench/out
	@for i in 1 2; do \
		BENCH_ACCEL=tcg-icount sh bench/linux.sh "$(QEMU_MACHINE)" 120 bench/out/linux-smoke-$$i \
			$(LINUX_DIR)/vmlinuz $(LINUX_DIR)/initramfs.cpio $(LINUX_DIR)/package batches=3 iters=20 \
			> bench/out/linux-smoke-$$i.txt 2>&1 || { cat bench/out/linux-smoke-$$i.txt; exit 1; }; \
	done
	@cat bench/out/linux-smoke-1.txt
	BENCH_EXPECTED="$(LINUX_FIGURES)" sh bench/check.sh bench/out/linux-smoke-1/linux-results.csv \
		bench/out/linux-smoke-2/linux-results.csv

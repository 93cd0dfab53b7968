# tests/boot/bochs.mk - the GRUB ISOs and the Bochs targets (included by the
# top-level Makefile, which defines BUILD, KERNEL, USER_BINS, DISK and `deps`).
#
#   make iso         $(BUILD)/portcullis.iso: GRUB, the kernel, every user program;
#                    boots the system (drivers.conf, the drivers, the shell)
#   make bochs       boot it in Bochs headless, COM1 on this terminal; Ctrl-C ends it
#   make test-bochs-shell  boot it in Bochs, type the shell test's commands on COM1
#                    (and one on the PS/2 keyboard), check every answer
#   make test-bochs  the demo ($(BUILD)/portcullis-demo.iso) in Bochs: check its output
#   make bochs-trace the rogue scenario ($(BUILD)/portcullis-rogue.iso) in Bochs:
#                    Bochs' own #GP records against the kernel's IOFAULT lines
#   make test-bochs-trace  bochs-trace, then its matcher on doctored logs
#   make test-bochs-usertests  the ring-3 test suite in Bochs, BOCHS_CPUS CPUs
#   make test-bochs-revoke the port/IOPL revoke tests in Bochs under each
#                    quantum of BOCHS_REVOKE_QUANTA
#
# docs/bochs.md describes the bochsrc options and the log files.

ISO          := $(BUILD)/portcullis.iso
DEMO_ISO     := $(BUILD)/portcullis-demo.iso
ROGUE_ISO    := $(BUILD)/portcullis-rogue.iso
TEST_ISO     := $(BUILD)/portcullis-test.iso
REVOKE_ISO   := $(BUILD)/portcullis-revoke.iso
# The benchmarks in Bochs (bench/bench.mk): the two boots of bench/run.sh.
BENCH_ISO       := $(BUILD)/portcullis-bench.iso
BENCH_EAGER_ISO := $(BUILD)/portcullis-bench-eager.iso
ISO_CFG_IN   := tools/grub.cfg.in
ISO_MODULES  := $(notdir $(BOOT_MODULES))
BOCHS_TEST   := tests/boot/bochs_boot_test.sh
BOCHS_TRACE  := tests/boot/bochs_trace.sh
BOCHS_SHELL  := tests/boot/bochs_shell.py
# Hard limit in seconds for one Bochs test run (Bochs is killed then).
BOCHS_TIMEOUT ?= 120
BOCHS_USERTESTS := tests/boot/bochs_usertests.sh
# The whole usertests suite takes minutes in Bochs: its own limit.
BOCHS_UT_TIMEOUT ?= 900

# CPUs in Bochs: CPUS, the QEMU machine's variable (2; `make bochs CPUS=4`).
# bochsrc says count=2 too, for a Bochs started by hand.  BOCHS_QUANTUM:
# the instructions each CPU runs in its turn (Bochs takes 1-32; 16 is its
# default and bochsrc's).  The targets pass them as a `cpu:` line after
# the bochsrc, which overrides only those two settings.
BOCHS_CPUS = $(CPUS)
BOCHS_QUANTUM ?= 16
# The revoke tests (usertests' only= name prefixes) and the quanta
# test-bochs-revoke runs them under; quantum 16 is test-bochs-usertests'.
BOCHS_REVOKE_TESTS ?= io_revoke,io_delete,io_switch,iopl_,ipc_grant_ioports,life_io,smp_
BOCHS_REVOKE_QUANTA ?= 1 5 32
# The list is in the revoke ISO's grub.cfg: a stamp that changes with it
# rebuilds the ISO (written only by the targets that boot it).
REVOKE_STAMP := $(BUILD)/bochs-revoke-tests
ifneq ($(filter test test-bochs-revoke $(REVOKE_ISO),$(MAKECMDGOALS)),)
$(shell mkdir -p $(BUILD); [ "$$(cat $(REVOKE_STAMP) 2>/dev/null)" = "$(BOCHS_REVOKE_TESTS)" ] || \
	echo "$(BOCHS_REVOKE_TESTS)" > $(REVOKE_STAMP))
endif

# The kernel starts the module named "init" as the root task: keep it first.
ifneq ($(firstword $(ISO_MODULES)),init)
$(error bochs.mk: USER_BINS must list init first, not "$(firstword $(ISO_MODULES))")
endif

iso: $(ISO) ## build/portcullis.iso, a GRUB rescue ISO that boots the system

# Seven ISOs, alike but for the GRUB entry they boot (a headless boot must
# not wait at a menu): the system, the demo for test-bochs, the rogue
# scenario for bochs-trace, the benchmarks' two boots for
# `make bench BENCH_ACCEL=bochs`, and the usertests, all or the revoke
# ones, for test-bochs-usertests and test-bochs-revoke. Each has its own staging tree, rebuilt
# from scratch, so a program removed from USER_BINS does not linger.
# grub-mkrescue is chatty: its output goes to $(BUILD)/grub-mkrescue.log
# (-demo.log, -rogue.log, -bench.log, -bench-eager.log for the others) and
# is shown only when it fails.
# `deps` is order-only: it checks the packages but never forces a rebuild.
$(ISO): ISO_DIR := $(BUILD)/iso
$(ISO): ISO_DEFAULT := system
$(ISO): ISO_LOG := $(BUILD)/grub-mkrescue.log
$(DEMO_ISO): ISO_DIR := $(BUILD)/iso-demo
$(DEMO_ISO): ISO_DEFAULT := demo
$(DEMO_ISO): ISO_LOG := $(BUILD)/grub-mkrescue-demo.log
$(ROGUE_ISO): ISO_DIR := $(BUILD)/iso-rogue
$(ROGUE_ISO): ISO_DEFAULT := rogue
$(ROGUE_ISO): ISO_LOG := $(BUILD)/grub-mkrescue-rogue.log
$(BENCH_ISO): ISO_DIR := $(BUILD)/iso-bench
$(BENCH_ISO): ISO_DEFAULT := bench
$(BENCH_ISO): ISO_LOG := $(BUILD)/grub-mkrescue-bench.log
$(BENCH_EAGER_ISO): ISO_DIR := $(BUILD)/iso-bench-eager
$(BENCH_EAGER_ISO): ISO_DEFAULT := bench-eager
$(BENCH_EAGER_ISO): ISO_LOG := $(BUILD)/grub-mkrescue-bench-eager.log
$(TEST_ISO): ISO_DIR := $(BUILD)/iso-test
$(TEST_ISO): ISO_DEFAULT := test
$(TEST_ISO): ISO_LOG := $(BUILD)/grub-mkrescue-test.log
$(REVOKE_ISO): ISO_DIR := $(BUILD)/iso-revoke
$(REVOKE_ISO): ISO_DEFAULT := test-revoke
$(REVOKE_ISO): ISO_LOG := $(BUILD)/grub-mkrescue-revoke.log
$(REVOKE_ISO): $(REVOKE_STAMP)
$(REVOKE_STAMP):
	mkdir -p $(BUILD)
	echo "$(BOCHS_REVOKE_TESTS)" > $@
$(ISO) $(DEMO_ISO) $(ROGUE_ISO) $(BENCH_ISO) $(BENCH_EAGER_ISO) $(TEST_ISO) $(REVOKE_ISO): $(KERNEL) $(BOOT_MODULES) $(ISO_CFG_IN) tests/boot/bochs.mk | deps
	rm -rf $(ISO_DIR)
	mkdir -p $(ISO_DIR)/boot/grub
	cp $(KERNEL) $(BOOT_MODULES) $(ISO_DIR)/boot/
	awk -v mods="$(ISO_MODULES)" -v def="$(ISO_DEFAULT)" -v only="$(BOCHS_REVOKE_TESTS)" '/^@MODULES@$$/ { \
		n = split(mods, m, " "); \
		for (i = 1; i <= n; i++) printf "\tmodule /boot/%s /boot/%s\n", m[i], m[i]; \
		next } /^set default=@DEFAULT@$$/ { print "set default=" def; next } \
		{ gsub(/@ONLY@/, only); print }' $(ISO_CFG_IN) > $(ISO_DIR)/boot/grub/grub.cfg
	grub-mkrescue -o $@.tmp $(ISO_DIR) > $(ISO_LOG) 2>&1 || \
		{ cat $(ISO_LOG); rm -f $@.tmp; exit 1; }
	mv $@.tmp $@
	@echo "iso: $@ (default entry: $(ISO_DEFAULT); $(ISO_MODULES))"

# COM1 on this terminal (or, without one, shown until the limit): no time
# limit unless BOCHS_RUN_TIMEOUT is set.
bochs: $(ISO) $(DISK) $(FLOPPY) bochsrc ## boot the ISO in Bochs (top-level bochsrc), COM1 on this terminal; CPUS=N (default 2), BOCHS_QUANTUM=Q (docs/bochs.md)
	python3 $(BOCHS_SHELL) run --iso $(ISO) --timeout $(or $(BOCHS_RUN_TIMEOUT),0) \
		--cpus $(BOCHS_CPUS) --quantum $(BOCHS_QUANTUM)

# The shell test of test-boot, in Bochs: COM1 on a socket, one command typed
# on the PS/2 keyboard; transcript in $(BUILD)/bochs-shell-transcript.txt.
# One CPU until the open SMP bug of docs/smp.md ("Open: the VGA mirror
# lags on several CPUs") is found: with 2, the screen check sometimes sees
# vga runnable and not drawing for 20 s.  BOCHS_SHELL_CPUS=2 shows it.
BOCHS_SHELL_CPUS ?= 1
test-bochs-shell: $(ISO) $(DISK) $(FLOPPY) bochsrc ## the shell test in Bochs with BOCHS_SHELL_CPUS (1) CPUs (COM1 on a socket, one command on the PS/2 keyboard)
	python3 $(BOCHS_SHELL) test --iso $(ISO) --timeout $(BOCHS_TIMEOUT) \
		--cpus $(BOCHS_SHELL_CPUS) --quantum $(BOCHS_QUANTUM)

test-bochs: $(DEMO_ISO) $(DISK) $(FLOPPY) bochsrc ## the demo ISO in Bochs: banner, root task, init: demo done
	sh $(BOCHS_TEST) --iso $(DEMO_ISO) --timeout $(BOCHS_TIMEOUT)

# The rogue scenario in Bochs: Bochs' own #GP records lined up with the
# kernel's IOFAULT lines by EIP; prints the table, fails on any mismatch.
# The breakpoint goes on the kernel's #GP entry, read from kernel.sym.
bochs-trace: $(ROGUE_ISO) $(KERNEL) $(DISK) $(FLOPPY) bochsrc ## Bochs' own #GP records lined up with the kernel's IOFAULT lines; fails on a mismatch
	sh $(BOCHS_TRACE) --timeout $(BOCHS_TIMEOUT)

# The same, then the matcher on copies of those logs with one record deleted
# (or altered) per case: each copy must fail.
test-bochs-trace: bochs-trace ## bochs-trace, then its matcher on doctored logs, which must fail
	sh $(BOCHS_TRACE) --selftest

# The ring-3 test suite in Bochs with BOCHS_CPUS CPUs (2): the TAP verdict,
# every CPU up.  Logs: $(BUILD)/test-bochs-usertests{,-com1,-console}.log.
test-bochs-usertests: $(TEST_ISO) $(DISK) $(FLOPPY) bochsrc ## the usertests in Bochs with BOCHS_CPUS (2) CPUs, quantum BOCHS_QUANTUM (16)
	$(mkdisk)
	$(mkfloppy)
	sh $(BOCHS_USERTESTS) --iso $(TEST_ISO) --cpus $(BOCHS_CPUS) --quantum $(BOCHS_QUANTUM) \
		--name test-bochs-usertests --timeout $(BOCHS_UT_TIMEOUT)

# The port and IOPL revoke tests (BOCHS_REVOKE_TESTS) in Bochs with
# BOCHS_CPUS CPUs, once per quantum of BOCHS_REVOKE_QUANTA: each quantum
# interleaves the CPUs differently.  Logs: $(BUILD)/test-bochs-revoke-qQ*.log.
test-bochs-revoke: $(REVOKE_ISO) $(DISK) $(FLOPPY) bochsrc ## the port/IOPL revoke usertests in Bochs, 2 CPUs, each quantum of BOCHS_REVOKE_QUANTA
	$(mkdisk)
	$(mkfloppy)
	@for q in $(BOCHS_REVOKE_QUANTA); do \
		sh $(BOCHS_USERTESTS) --iso $(REVOKE_ISO) --cpus $(BOCHS_CPUS) --quantum $$q \
			--name test-bochs-revoke-q$$q --timeout $(BOCHS_TIMEOUT) || exit 1; \
	done

# Portcullis - i386 capability microkernel.
# `make run` boots the demo in QEMU; `make test` runs every test.
# See README.md for the other targets.

BUILD   := build
QEMU    := qemu-system-i386
TIMEOUT ?= 240
# The usertests under -smp 4: four vCPU threads share this 2-core box's cores.
SMP_TIMEOUT ?= 400

# ---- toolchain ----
# Everything that names an installed package's files (the compiler choice,
# the 32-bit libgcc, Check's flags) comes from build/toolchain.mk, which is
# made after tools/deps.sh has installed the packages; make then restarts
# and reads it.  Nothing is probed while make parses, so the very first
# `make run` or `make test` on a fresh machine works (issue 10).
TOOLCHAIN_MK := $(BUILD)/toolchain.mk
NODEPS_GOALS := clean test-fresh help check-help check-docs check-layers
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(TOOLCHAIN_MK)
endif
$(TOOLCHAIN_MK): tools/deps.sh tools/toolchain.sh
	@sh tools/deps.sh
	@mkdir -p $(dir $@)
	$(Q)sh tools/toolchain.sh > $@.tmp && mv $@.tmp $@
LD32    := ld -m elf_i386

DEBUG   ?= 1
CFLAGS32 := -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -mno-sse -mno-mmx -mno-80387 -O2 -ggdb \
	-Wall -Wextra -Werror -MD -MP -I.
ifeq ($(DEBUG),1)
CFLAGS32 += -DDEBUG
endif
# The assertions on the benchmarked paths (KASSERT_HOT, kernel/lib.h): left
# out of the kernel that make bench and most tests boot; make test-asserts
# builds one with them in.
HOT_ASSERTS ?= 0
ifeq ($(HOT_ASSERTS),1)
CFLAGS32 += -DKASSERT_HOT_ON
endif
ASFLAGS32 := -ffreestanding -fno-pic -fno-pie -ggdb -MD -MP -I. -I$(BUILD) -D__ASSEMBLER__
ifeq ($(HOT_ASSERTS),1)
ASFLAGS32 += -DKASSERT_HOT_ON
endif

# ---- generated headers ----
# Every number assembly takes from C (trap-frame offsets, struct fields,
# system call numbers) comes from the compiler: asm-offsets.c is compiled
# with -S only, never linked, and tools/asm-offsets.sh turns its markers
# into #defines (docs/build.md, "Generated headers").  The kernel's .S
# files include gen/asm-offsets.h, the user runtime's gen/uasm-offsets.h.
GEN          := $(BUILD)/gen
ASM_OFFSETS  := $(GEN)/asm-offsets.h
UASM_OFFSETS := $(GEN)/uasm-offsets.h
# Named as targets, so that make never takes them for intermediates.
$(ASM_OFFSETS): $(GEN)/asm-offsets.s
$(UASM_OFFSETS): $(GEN)/uasm-offsets.s
$(GEN)/asm-offsets.s: arch/i386/asm-offsets.c
$(GEN)/uasm-offsets.s: user/lib/i386/asm-offsets.c
$(GEN)/%.s:
	@mkdir -p $(dir $@)
	@echo "  CC -S $(filter %.c,$^)"
	$(Q)$(CC32) $(CFLAGS32) -S $(filter %.c,$^) -o $@
$(GEN)/%.h: $(GEN)/%.s tools/asm-offsets.sh
	@echo "  GEN   $@"
	$(Q)sh tools/asm-offsets.sh GEN_$(subst -,_,$*)_H < $< > $@.tmp && mv $@.tmp $@

# ---- sources ----
# The kernel is every .c and .S under arch/i386/ and kernel/ (one level of
# subsystem folders), iocap/ and lib/: a new file is built by being there.
# asm-offsets.c is compiled with -S only (above), never linked.
ARCH_SRCS   := $(filter-out arch/i386/asm-offsets.c,$(wildcard arch/i386/*.c arch/i386/*.S))
KERNEL_SRCS := $(wildcard kernel/*.c kernel/*/*.c)
IOCAP_SRCS  := $(wildcard iocap/*.c)
LIB_SRCS    := $(wildcard lib/*.c lib/i386/*.S)
KOBJS := $(patsubst %,$(BUILD)/k/%.o,$(ARCH_SRCS) $(KERNEL_SRCS) $(IOCAP_SRCS) $(LIB_SRCS))

# The user runtime every program links: user/lib/ (C and its i386 half)
# and the freestanding helpers in lib/ that the kernel links too.
ULIB_SRCS := $(filter-out user/lib/i386/asm-offsets.c,$(wildcard user/lib/*.c user/lib/i386/*.c user/lib/i386/*.S)) \
	$(LIB_SRCS)
ULIB_OBJS := $(patsubst %,$(BUILD)/u/%.o,$(ULIB_SRCS))
# Every user program is one folder of user/ or drivers/ (all its .c and .S
# files) or one file of user/progs/; its name is the folder's or file's.
# <name>_EXTRA names what it borrows from another folder.  init comes first:
# it is the first boot module, the one the kernel starts.
PROG_DIRS  := $(filter-out user/lib/ user/progs/,$(wildcard user/*/ drivers/*/))
PROG_FILES := $(wildcard user/progs/*.c)
PROG_NAMES := $(notdir $(patsubst %/,%,$(PROG_DIRS))) $(basename $(notdir $(PROG_FILES)))
USER_PROGS := init $(sort $(filter-out init,$(PROG_NAMES)))
USER_BINS  := $(addprefix $(BUILD)/user/,$(USER_PROGS))
$(foreach d,$(PROG_DIRS),$(eval $(notdir $(patsubst %/,%,$(d)))_SRCS := $(wildcard $(d)*.c $(d)*.S)))
$(foreach f,$(PROG_FILES),$(eval $(basename $(notdir $(f)))_SRCS := $(f)))
init_EXTRA      := drivers/rogue/access.c iocap/ioowned.c iocap/ioports.c
pci_EXTRA       := iocap/pciwalk.c
usertests_EXTRA := iocap/ioports.c iocap/ioowned.c iocap/pcicap.c drivers/rtc/rtcdate.c user/init/manifest.c
bench_EXTRA     := user/init/manifest.c iocap/ioowned.c iocap/ioports.c

KERNEL := $(BUILD)/kernel.elf
# The ATA driver's disk (QEMU and Bochs primary master): zeroed but for a
# signature in sector 0 that states the size.  8064 sectors = 8 cylinders x
# 16 heads x 63 sectors, the geometry bochsrc gives it.
DISK         := $(BUILD)/disk.img
DISK_SECTORS := 8064
# The secondary slave (QEMU and Bochs; the secondary master is a CD-ROM in
# both): the usertests' own disk for DMA through the secondary bus master,
# while the ata driver owns the primary channel (docs/dma.md, "Tests").
DISK1        := $(BUILD)/disk1.img
define mkdisk
	@mkdir -p $(BUILD)
	$(Q)dd if=/dev/zero of=$(DISK) bs=512 count=$(DISK_SECTORS) status=none
	$(Q)printf 'PORTCULLIS-DISK sectors=%u\n' $(DISK_SECTORS) | dd of=$(DISK) conv=notrunc status=none
	$(Q)dd if=/dev/zero of=$(DISK1) bs=512 count=$(DISK_SECTORS) status=none
endef
# The floppy driver's diskette (QEMU -drive if=floppy, Bochs floppya:): a
# 1.44 MB image, 80 cylinders x 2 heads x 18 sectors, zeroed but for a
# signature in sector 0 like the disk's.
FLOPPY         := $(BUILD)/floppy.img
FLOPPY_SECTORS := 2880
define mkfloppy
	@mkdir -p $(BUILD)
	$(Q)dd if=/dev/zero of=$(FLOPPY) bs=512 count=$(FLOPPY_SECTORS) status=none
	$(Q)printf 'PORTCULLIS-FLOPPY sectors=%u\n' $(FLOPPY_SECTORS) | dd of=$(FLOPPY) conv=notrunc status=none
endef
# V=1 shows full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all kernel user iso run run-nox run-vga run-rogue debug qemu-gdb gdb test-debug bochs bochs-trace test test-unit check-manifest \
	test-asserts \
	help check-help check-docs check-layers \
	test-boot test-boot-cpus test-bochs test-bochs-shell test-bochs-trace test-bochs-usertests test-bochs-revoke test-fresh deps clean
all: $(KERNEL) user $(DISK) $(FLOPPY) ## kernel build/kernel.elf (+ .sym, .asm listings), user programs in build/user/, the disk and floppy images

kernel: $(KERNEL) ## build/kernel.elf only
user: $(USER_BINS) ## the user programs in build/user/ only

# The IPC fast path runs without a frame pointer: ebp is one more register
# where every spill counts (kernel/api/fastpath.c says why backtraces lose nothing).
CFLAGS_fastpath.c := -fomit-frame-pointer
$(BUILD)/k/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC32) $(CFLAGS32) $(CFLAGS_$(notdir $<)) -c $< -o $@
$(BUILD)/k/%.S.o: %.S $(ASM_OFFSETS)
	@mkdir -p $(dir $@)
	@echo "  AS    $<"
	$(Q)$(CC32) $(ASFLAGS32) -c $< -o $@
$(BUILD)/u/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC32) $(CFLAGS32) $(CFLAGS_$(notdir $<)) -c $< -o $@
$(BUILD)/u/%.S.o: %.S $(UASM_OFFSETS)
	@mkdir -p $(dir $@)
	@echo "  AS    $<"
	$(Q)$(CC32) $(ASFLAGS32) -c $< -o $@

# Two links: the first gives the addresses for the symbol table that the
# second embeds (.ksyms precedes .bss, so no function moves).
$(BUILD)/ksyms_empty.S:
	@mkdir -p $(dir $@)
	$(Q)printf '\t.section .ksyms,"a"\n\t.globl ksym_count, ksym_table, ksym_names\n\t.align 4\nksym_count: .long 0\nksym_table:\nksym_names: .byte 0\n' > $@
$(BUILD)/%.o: $(BUILD)/%.S
	$(Q)$(CC32) $(ASFLAGS32) -c $< -o $@
$(BUILD)/kernel.pass1.elf: $(KOBJS) $(BUILD)/ksyms_empty.o arch/i386/kernel.ld
	@echo "  LD    $@"
	$(Q)$(LD32) -T arch/i386/kernel.ld -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -o $@ $(KOBJS) $(BUILD)/ksyms_empty.o $(LIBGCC)
$(BUILD)/ksyms.S: $(BUILD)/kernel.pass1.elf tools/mksyms.sh
	$(Q)sh tools/mksyms.sh $< > $@
$(KERNEL): $(KOBJS) $(BUILD)/ksyms.o arch/i386/kernel.ld
	@echo "  LD    $@"
	$(Q)$(LD32) -T arch/i386/kernel.ld -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -o $@ $(KOBJS) $(BUILD)/ksyms.o $(LIBGCC)
	@nm -n $(BUILD)/kernel.pass1.elf | grep -i ' t ' > $(BUILD)/syms1.txt
	@nm -n $@ | grep -i ' t ' > $(BUILD)/syms2.txt
	@cmp -s $(BUILD)/syms1.txt $(BUILD)/syms2.txt || { echo "ksyms: text moved between links"; exit 1; }
	$(Q)nm -n $@ > $(BUILD)/kernel.sym
	$(Q)objdump -d -S $@ > $(BUILD)/kernel.asm

define user_prog
$(BUILD)/user/$(1): $(ULIB_OBJS) $(patsubst %,$(BUILD)/u/%.o,$($(1)_SRCS) $($(1)_EXTRA)) user/lib/i386/user.ld
	@mkdir -p $$(dir $$@)
	@echo "  LD    $$@"
	$(Q)$(LD32) -T user/lib/i386/user.ld -z max-page-size=0x1000 -z noexecstack -o $$@ $(ULIB_OBJS) \
		$(patsubst %,$(BUILD)/u/%.o,$($(1)_SRCS) $($(1)_EXTRA)) $(LIBGCC)
endef
$(foreach p,$(USER_PROGS),$(eval $(call user_prog,$(p))))

$(DISK): | $(DISK1)
	$(mkdisk)
$(DISK1):
	@mkdir -p $(BUILD)
	$(Q)dd if=/dev/zero of=$(DISK1) bs=512 count=$(DISK_SECTORS) status=none
$(FLOPPY):
	$(mkfloppy)

# ---- running ----
# init must come first: the kernel starts the module named "init".
empty    :=
space    := $(empty) $(empty)
comma    := ,
# drivers.conf (the root task's manifest) is a module too, read by init.
BOOT_MODULES := $(USER_BINS) drivers.conf
MODULES  := $(subst $(space),$(comma),$(strip $(BOOT_MODULES)))
QEMU_CPU ?= pentium3
# CPUs in the QEMU machine (and Bochs'), every one scheduling tasks
# (docs/smp.md).  One socket each, because SeaBIOS lists only the first
# CPU of a package in its MP table.
CPUS ?= 2
# The machine alone: bench-linux boots Linux in it too (bench/bench.mk).
QEMU_MACHINE = $(QEMU) -M pc -cpu $(QEMU_CPU) -m 128 -smp $(CPUS),sockets=$(CPUS) -no-reboot
QEMU_BASE = $(QEMU_MACHINE) -kernel $(KERNEL) \
	-initrd "$(MODULES)" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-drive file=$(DISK),format=raw,if=ide,index=0 -drive file=$(DISK1),format=raw,if=ide,index=3 \
	-drive file=$(FLOPPY),format=raw,if=floppy,index=0
# The usertests boots add a function with MSI and MSI-X capabilities
# (dmaports_msi_refused; the pc machine has none of its own).  Not in
# QEMU_BASE: the shell test lists every function of the machine.
QEMU_MSI := -device e1000e,romfile=

deps: ## install the Debian packages the build needs (tools/deps.sh; as root)
	@sh tools/deps.sh

# The wrong-ports experiment: the rogue's narration and the trapped accesses.
# ROGUE="<ports> <access>..." chooses them (docs/iocap.md), e.g.
#   make run-rogue ROGUE="0x60,0x64 inb:0x60 inb:0x61 outw:0x63 cli"
# Without ROGUE: the scenario `make test` checks.
ROGUE ?=
run-rogue: deps all ## QEMU: the wrong-ports experiment, checked; ROGUE="<ports> <access>..." chooses (docs/iocap.md)
	sh tests/boot/rogue_test.sh "$(QEMU_BASE)" $(TIMEOUT) "$(ROGUE)"

# The VGA screen (drivers/vga mirrors the console there) opens in a window
# as well when an X display answers (tools/has_display.py): QEMU draws it
# with Debian's qemu-system-gui, which is installed then, like every other
# package.  Without a display, run-vga shows that screen in this terminal.
run: deps all ## boot the system in QEMU: the shell on this terminal (Ctrl-A X quits), the VGA screen in a window when there is a display, kernel log in build/debugcon.log
	@screen=none; if python3 tools/has_display.py; then sh tools/deps.sh qemu-system-gui || true; \
		$(QEMU) -display help 2>/dev/null | grep -qx gtk && screen=gtk; fi; \
	[ $$screen = gtk ] || echo "run: the shell on COM1 here; the VGA screen: make run-vga, or make run with a display"; \
	$(QEMU_BASE) -display $$screen -serial mon:stdio -debugcon file:$(BUILD)/debugcon.log

run-nox: run ## the same as run

# The VGA screen too (drivers/vga mirrors the console there): QEMU's window
# when DISPLAY is set (gtk: Debian's qemu-system-gui), COM1 on this
# terminal; otherwise the screen on this terminal (curses; Alt-2 then
# `quit` ends it), typed on with the PS/2 keyboard, COM1 in build/serial.log.
# RUN_DISPLAY=<QEMU -display value> chooses.
RUN_DISPLAY ?= $(if $(DISPLAY),gtk,curses)
run-vga: deps all ## boot in QEMU with the VGA screen: a window if DISPLAY is set, else curses here (COM1 in build/serial.log)
	$(QEMU_BASE) -display $(RUN_DISPLAY) -debugcon file:$(BUILD)/debugcon.log \
		$(if $(filter curses,$(RUN_DISPLAY)),-serial file:$(BUILD)/serial.log,-serial mon:stdio)

# Debugging (docs/debugging.md, tools/debug.sh), xv6-style: `make qemu-gdb`
# in one terminal (QEMU halted, the shell on that terminal) and `make gdb`
# in another; or `make debug` for both at once (COM1 in build/serial.log),
# QEMU stopped when gdb exits.  GDBPORT chooses the port.
qemu-gdb: deps all ## QEMU halted for gdb, the shell on this terminal (then make gdb in another; docs/debugging.md)
	@sh tools/debug.sh qemu-gdb "$(QEMU_BASE)"

gdb: ## gdb attached to the QEMU that make qemu-gdb started
	@sh tools/debug.sh gdb

debug: deps all ## QEMU and gdb in one terminal (COM1 in build/serial.log); QEMU stops when gdb exits
	@sh tools/debug.sh debug "$(QEMU_BASE)"

# gdb -batch attaches, stops at kmain, reads a symbol and quits; QEMU must be gone.
test-debug: all ## the debugging targets with gdb -batch (tests/boot/debug_test.sh)
	sh tests/boot/debug_test.sh "$(QEMU_BASE)"

# A manifest checked on the host with init's own parser (docs/manifest.md).
MANIFEST ?= drivers.conf
HOST_CC  ?= cc
check-manifest: $(BUILD)/host/check_manifest ## check drivers.conf (or MANIFEST=file) on the host with init's own parser
	$(BUILD)/host/check_manifest $(MANIFEST)
CHECK_MANIFEST_SRCS := tools/check_manifest.c user/init/manifest.c iocap/ioowned.c iocap/ioports.c
$(BUILD)/host/check_manifest: $(CHECK_MANIFEST_SRCS) user/init/manifest.h iocap/ioowned.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC $@"
	$(Q)$(HOST_CC) -std=gnu11 -O1 -Wall -Wextra -Werror -I. -o $@ $(CHECK_MANIFEST_SRCS)

test: deps test-unit check-manifest test-iocap check-help check-docs check-layers check-model test-boot test-asserts test-fuzz test-debug test-bench test-bench-docs test-bochs test-bochs-shell test-bochs-trace test-bochs-usertests test-bochs-revoke ## every suite: test-unit, check-manifest, test-iocap, check-help, check-docs, check-layers, check-model, test-boot, test-asserts, test-fuzz, test-debug, test-bench, test-bench-docs, test-bochs*
	@echo "make test: all suites passed"

# The README's two commands on a pristine Debian 12 (debootstrap, chroot; as
# root): `make test` must pass the first time, `make run` reach the shell.
# Tests the commit at HEAD, never the work tree.  Not part of `make test`.
test-fresh: ## as root: the quick start on a pristine Debian 12 chroot, HEAD cloned in (docs/build.md)
	bash tests/fresh/fresh_debian.sh . $(BUILD)/fresh

# A fresh disk and floppy: the tests never see what an earlier run wrote.
# The VGA screen test on one CPU until docs/smp.md's open bug (the VGA
# mirror lags on several CPUs) is found.
test-boot: all ## QEMU TCG: usertests (TAP, on CPUS=2, also under -smp 1 and 4; the io tests with iobitmap=eager), panic report, rogue, keyboard, shell, bad-manifest, example-driver and VGA screen boots
	$(mkdisk)
	$(mkfloppy)
	sh tests/boot/qemu_boot_test.sh "$(QEMU_BASE) $(QEMU_MSI)" $(TIMEOUT)
	sh tests/boot/qemu_smp_test.sh "$(QEMU_BASE) $(QEMU_MSI)" $(TIMEOUT) 1
	sh tests/boot/qemu_smp_test.sh "$(QEMU_BASE) $(QEMU_MSI)" $(SMP_TIMEOUT) 4
	sh tests/boot/qemu_pic_test.sh "$(QEMU_BASE)" 90
	sh tests/boot/qemu_boot_test.sh "$(QEMU_BASE)" 90 "test only=io iobitmap=eager" test-eager
	sh tests/boot/qemu_panic_test.sh "$(QEMU_BASE)" 60
	sh tests/boot/rogue_test.sh "$(QEMU_BASE)" $(TIMEOUT)
	sh tests/boot/kbd_test.sh "$(QEMU_BASE)" 60
	sh tests/boot/qemu_boot_test.sh "$(QEMU_BASE) -M i8042=off" 60 "test nokbd" test-nokbd
	python3 tests/boot/shell_test.py "$(QEMU_BASE)" $(TIMEOUT) $(BUILD)
	python3 tests/boot/manifest_error_test.py "$(QEMU_BASE)" 60 $(BUILD)
	python3 tests/boot/lpt_test.py "$(QEMU_BASE)" 90 $(BUILD)
	python3 tests/boot/vga_test.py "$(QEMU_BASE) -smp 1,sockets=1" 120 $(BUILD)

# Every boot suite above on 1 and on 4 CPUs (make test runs them on
# CPUS=2, and the usertests alone on 1 and 4): about three times
# test-boot's time, so not part of make test (docs/smp.md, "Tests").
test-boot-cpus: all ## QEMU TCG: the whole test-boot suite with CPUS=1, then CPUS=4
	$(MAKE) --no-print-directory test-boot CPUS=1
	$(MAKE) --no-print-directory test-boot CPUS=4 TIMEOUT=$(SMP_TIMEOUT)

# The same user programs on a kernel with the hot-path assertions compiled
# in (HOT_ASSERTS=1, built apart in build/asserts/): the usertests, then a
# short fuzz run with the invariant checker (docs/architecture.md, "Invariants").
ASSERTS_KERNEL := $(BUILD)/asserts/kernel.elf
ASSERTS_QEMU    = $(subst -kernel $(KERNEL) ,-kernel $(ASSERTS_KERNEL) ,$(QEMU_BASE))
ASSERTS_CALLS  := 30000
test-asserts: all ## QEMU TCG: usertests and a short fuzz run on a kernel with the hot-path KASSERTs in (HOT_ASSERTS=1)
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/asserts TOOLCHAIN_MK=$(TOOLCHAIN_MK) HOT_ASSERTS=1 $(ASSERTS_KERNEL)
	$(mkdisk)
	$(mkfloppy)
	sh tests/boot/qemu_boot_test.sh "$(ASSERTS_QEMU) $(QEMU_MSI)" $(TIMEOUT) test test-asserts
	python3 tests/fuzz/fuzz_run.py --qemu "$(ASSERTS_QEMU)" --seed $(FUZZ_TEST_SEED) \
		--calls $(ASSERTS_CALLS) --tasks $(TASKS) --hang $(FUZZ_HANG) --timeout 300 --name test-asserts-fuzz

clean: ## remove build/
	rm -rf $(BUILD)

# `make help` is read from the makefiles: "## text" at the end of a rule
# line documents that target (tools/help.sh).  check-help, part of `make
# test`, fails when a .PHONY target has no such line, so the list cannot
# fall behind the rules.
HELP_FILES = $(filter Makefile %.mk,$(filter-out $(TOOLCHAIN_MK),$(MAKEFILE_LIST)))
help: ## this list
	@echo "make targets (README.md has the details; docs/README.md indexes the docs):"
	@sh tools/help.sh list $(HELP_FILES)
check-help: ## fail if a .PHONY target of the makefiles has no help line
	@sh tools/help.sh check $(HELP_FILES)
check-docs: ## fail if a docs/ page is missing from docs/README.md, or a named docs/ page does not exist
	@sh tools/check_docs.sh
# The include structure (docs/architecture.md, "Layers"): seL4 gates its
# build on the same kind of check (tools/circular_includes.py).
check-layers: ## fail on a header include cycle, a pure layer (iocap/, abi/, lib/) including outside itself, or a knot of more than 5 kernel modules (tools/layers.py; --report lists the knots)
	@python3 tools/layers.py

# Host unit tests (Check), the ISO/Bochs targets and the benchmarks live in
# their own files.
include tests/unit/unit.mk
include tests/unit/iocap.mk
include tests/boot/bochs.mk
include tests/fuzz/fuzz.mk
include tests/model/model.mk
include bench/bench.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# tests/unit/unit.mk - host unit tests of the pure kernel and driver modules, with Check
# (included by the top-level Makefile, which defines BUILD, USER_PROGS and
# `user`).
#
#   make test-unit                        build and run every test binary
#   make test-unit CK_VERBOSITY=verbose   also list each passing test
#   make test-unit UNIT_KNOWN_BUGS=1      also run the tests of known, unfixed
#                                         kernel bugs (they fail until fixed)
#
# Each kernel module is compiled natively for the host, on its own, into
# $(BUILD)/unit/test_<module> together with its test file, the shared
# runner and the fakes of the kernel symbols it calls (nothing else from
# the kernel is linked, so an unexpected dependency fails the link).
# lib/string.c is never linked: the host libc provides those functions.
# AddressSanitizer and UBSan are on; Check forks per test, so a sanitizer
# abort fails that test and the run goes on.

# Each known bug's test sits behind #ifdef KNOWN_BUG_<name> in its test file.
UNIT_KNOWN_BUG_LIST :=
UNIT_KNOWN_BUGS ?=
UNIT_DIR     := $(BUILD)/unit$(if $(UNIT_KNOWN_BUGS),-known-bugs)
UNIT_CC      ?= gcc
UNIT_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# KASSERT_HOT_ON: the host tests check the hot-path assertions too (kernel/lib.h).
UNIT_CFLAGS  := -std=gnu11 -O1 -g -Wall -Wextra -Werror -MD -MP -I. $(UNIT_SAN) -DKASSERT_HOT_ON \
	$(CHECK_CFLAGS) \
	$(if $(UNIT_KNOWN_BUGS),$(addprefix -DKNOWN_BUG_,$(UNIT_KNOWN_BUG_LIST)))
UNIT_LDLIBS  = $(CHECK_LIBS)
CK_VERBOSITY ?= normal

# test name -> the sources linked with tests/unit/test_<name>.c
UNIT_TESTS     := frame elf usercopy fmt module cspace manifest rtcdate pcicfg scancode \
		  ipc linedisc shellargs access fpu supervise fuzzrand cmdline exit \
		  memobj memrange mapdb heapcore vgatext fwtables ioredir prd \
		  isarange busmaster canary
unit_frame     := kernel/mm/frame.c
unit_elf       := kernel/proc/elf.c
unit_usercopy  := kernel/mm/usercopy.c tests/unit/fake_vm.c
unit_fmt       := lib/fmt.c
unit_module    := kernel/boot/module.c tests/unit/fake_log.c
unit_cspace    := kernel/object/cspace.c iocap/iobitmap.c tests/unit/fake_panic.c
unit_manifest  := user/init/manifest.c iocap/ioowned.c iocap/ioports.c
unit_rtcdate   := drivers/rtc/rtcdate.c
unit_pcicfg    := drivers/pci/pcicfg.c
unit_scancode  := drivers/ps2kbd/scancode.c
unit_ipc       := kernel/object/ipc.c kernel/object/notify.c kernel/object/cspace.c iocap/iobitmap.c kernel/object/lifecycle.c \
		  tests/unit/fake_sched.c tests/unit/fake_panic.c tests/unit/fake_memcap.c
unit_linedisc  := drivers/uart16550/linedisc.c
unit_vgatext   := drivers/vga/vgatext.c
unit_shellargs := user/shell/args.c
unit_access    := drivers/rogue/access.c
unit_fpu       := kernel/proc/fpu.c tests/unit/fake_panic.c
unit_cmdline   := kernel/boot/cmdline.c
unit_supervise := kernel/proc/faultstop.c kernel/object/ipc.c kernel/object/notify.c kernel/object/cspace.c iocap/iobitmap.c kernel/object/lifecycle.c \
		  tests/unit/fake_sched.c tests/unit/fake_panic.c tests/unit/fake_memcap.c
unit_fuzzrand  := user/fuzz/fuzzrand.c
unit_exit      := kernel/api/exit.c tests/unit/fake_panic.c
unit_memobj    := kernel/mm/memobj.c tests/unit/fake_panic.c
unit_memrange  :=
unit_mapdb     := kernel/mm/mapdb.c tests/unit/fake_panic.c
unit_busmaster := kernel/dma/busmaster.c iocap/pcicap.c iocap/pciwalk.c
unit_heapcore  := user/lib/heapcore.c
unit_fwtables  := kernel/smp/fwtables.c
unit_ioredir   := arch/i386/ioredir.c
unit_prd       := kernel/dma/prd.c
unit_isarange  := kernel/dma/isarange.c
unit_canary    := kernel/dma/canary.c

UNIT_BINS := $(addprefix $(UNIT_DIR)/test_,$(UNIT_TESTS))

.PHONY: test-unit unit-check-lib
# The ELF tests also parse the real user programs, hence `user`.
test-unit: user $(UNIT_BINS) ## host unit tests with Check (tests/unit/)
	@fail=0; for t in $(UNIT_BINS); do \
		echo "== $$t"; \
		CK_VERBOSITY=$(CK_VERBOSITY) UNIT_USER_DIR=$(BUILD)/user \
			UNIT_USER_PROGS="$(USER_PROGS)" $$t || fail=1; \
	done; \
	if [ $$fail = 0 ]; then echo "unit tests: all passed"; \
	else echo "unit tests: FAILED"; fi; exit $$fail

unit-check-lib: ## (helper) fail with the apt-get line when Check is missing
	@pkg-config --exists check || { echo "unit tests need Check: apt-get install check pkg-config"; exit 1; }

# On i386 a uint32_t holds a pointer; modules_init (not under test) casts
# Multiboot addresses that way, which a 64-bit host warns about.
$(UNIT_DIR)/kernel/boot/module.o: UNIT_CFLAGS += -Wno-int-to-pointer-cast

$(UNIT_DIR)/%.o: %.c | unit-check-lib
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -c $< -o $@

define unit_test
$(UNIT_DIR)/test_$(1): $(patsubst %.c,$(UNIT_DIR)/%.o,tests/unit/test_$(1).c tests/unit/runner.c $(unit_$(1)))
	$$(UNIT_CC) $$(UNIT_SAN) -o $$@ $$^ $$(UNIT_LDLIBS)
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_test,$(t))))

# tests/boot/bochs.mk - the GRUB ISO and the Bochs targets (included by the
# top-level Makefile, which defines BUILD, KERNEL, USER_BINS and `deps`).
#
#   make iso         $(BUILD)/portcullis.iso: GRUB, the kernel, every user program
#   make bochs       boot the ISO in Bochs headless, show COM1; Ctrl-C ends it
#   make test-bochs  boot the ISO in Bochs, check the demo's output, report
#
# docs/bochs.md describes the bochsrc options and the log files.

ISO          := $(BUILD)/portcullis.iso
ISO_DIR      := $(BUILD)/iso
ISO_CFG_IN   := tools/grub.cfg.in
ISO_MODULES  := $(notdir $(USER_BINS))
BOCHS_TEST   := tests/boot/bochs_boot_test.sh
# Hard limit in seconds for one `make test-bochs` run (Bochs is killed then).
BOCHS_TIMEOUT ?= 120

# The kernel starts the module named "init" as the root task: keep it first.
ifneq ($(firstword $(ISO_MODULES)),init)
$(error bochs.mk: USER_BINS must list init first, not "$(firstword $(ISO_MODULES))")
endif

iso: $(ISO)

# The staging tree is rebuilt from scratch, so a program removed from
# USER_BINS does not linger in the ISO. grub-mkrescue is chatty: its output
# goes to $(BUILD)/grub-mkrescue.log and is shown only when it fails.
# `deps` is order-only: it checks the packages but never forces a rebuild.
$(ISO): $(KERNEL) $(USER_BINS) $(ISO_CFG_IN) tests/boot/bochs.mk | deps
	rm -rf $(ISO_DIR)
	mkdir -p $(ISO_DIR)/boot/grub
	cp $(KERNEL) $(USER_BINS) $(ISO_DIR)/boot/
	awk -v mods="$(ISO_MODULES)" '/^@MODULES@$$/ { \
		n = split(mods, m, " "); \
		for (i = 1; i <= n; i++) printf "\tmodule /boot/%s /boot/%s\n", m[i], m[i]; \
		next } { print }' $(ISO_CFG_IN) > $(ISO_DIR)/boot/grub/grub.cfg
	grub-mkrescue -o $@.tmp $(ISO_DIR) > $(BUILD)/grub-mkrescue.log 2>&1 || \
		{ cat $(BUILD)/grub-mkrescue.log; rm -f $@.tmp; exit 1; }
	mv $@.tmp $@
	@echo "iso: $@ ($(ISO_MODULES))"

# Interactive (or CI) run: no time limit unless BOCHS_RUN_TIMEOUT is set.
bochs: $(ISO) bochsrc
	sh $(BOCHS_TEST) --run --timeout $(or $(BOCHS_RUN_TIMEOUT),0)

test-bochs: $(ISO) bochsrc
	sh $(BOCHS_TEST) --timeout $(BOCHS_TIMEOUT)

# tests/unit/iocap.mk - host unit tests (Check) for iocap/, plus a
# freestanding -m32 compile of every iocap/*.c with the kernel's flags, so a
# change that builds on the host but not in the kernel fails here first.
# Included by the top-level Makefile (which sets BUILD); also usable alone:
#
#   make -f tests/unit/iocap.mk test-iocap
#   make test-iocap CK_VERBOSITY=verbose      also list each passing test
#
# Everything goes to $(BUILD)/unit-iocap/.  All variables start with
# IOCAP_UT_ so they cannot collide with the Makefile or the other .mk files.

BUILD ?= build

IOCAP_UT_DIR    := $(BUILD)/unit-iocap
IOCAP_UT_LIB    := $(wildcard iocap/*.c)
IOCAP_UT_TESTS  := $(wildcard tests/unit/test_iocap_*.c)
IOCAP_UT_RUNNER := $(IOCAP_UT_DIR)/test_iocap

IOCAP_UT_CC          ?= gcc
# From build/toolchain.mk when included; alone, asked of pkg-config when used.
CHECK_CFLAGS ?= $(shell pkg-config --cflags check)
CHECK_LIBS   ?= $(shell pkg-config --libs check)
IOCAP_UT_CHECK_FLAGS = $(CHECK_CFLAGS)
IOCAP_UT_CHECK_LIBS  = $(CHECK_LIBS)
# The sanitizers turn a decoder read past `avail` or a bitmap write past
# 8192 bytes into a failing test instead of luck (Check forks per test).
IOCAP_UT_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
IOCAP_UT_CFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -Werror -MD -MP -I. $(IOCAP_UT_SAN) \
	$(IOCAP_UT_CHECK_FLAGS)
IOCAP_UT_VERBOSITY := $(if $(CK_VERBOSITY),$(CK_VERBOSITY),normal)

# The kernel's compiler when included from the top-level Makefile.
IOCAP_UT_CC32     := $(if $(CC32),$(CC32),gcc -m32)
IOCAP_UT_CFLAGS32 := -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-mno-sse -mno-mmx -mno-80387 -O2 -Wall -Wextra -Werror -MD -MP -I.

IOCAP_UT_HOST_OBJS := $(patsubst %.c,$(IOCAP_UT_DIR)/host/%.o,$(IOCAP_UT_LIB) $(IOCAP_UT_TESTS))
IOCAP_UT_M32_OBJS  := $(patsubst %.c,$(IOCAP_UT_DIR)/m32/%.o,$(IOCAP_UT_LIB))

.PHONY: test-iocap iocap-m32 iocap-check-lib

test-iocap: $(IOCAP_UT_RUNNER) iocap-m32 ## Check tests of iocap/, and its -m32 freestanding build
	CK_VERBOSITY=$(IOCAP_UT_VERBOSITY) $(IOCAP_UT_RUNNER)

iocap-m32: $(IOCAP_UT_M32_OBJS) ## (helper of test-iocap) iocap/ built -m32 freestanding

iocap-check-lib: ## (helper) fail with the apt-get line when Check is missing
	@test -n "$(IOCAP_UT_CHECK_LIBS)" || { echo "test-iocap: Check not found by pkg-config" \
		"(Debian: apt-get install check pkg-config)"; exit 1; }

$(IOCAP_UT_DIR)/host/%.o: %.c | iocap-check-lib
	@mkdir -p $(dir $@)
	$(IOCAP_UT_CC) $(IOCAP_UT_CFLAGS) -c $< -o $@

$(IOCAP_UT_RUNNER): $(IOCAP_UT_HOST_OBJS)
	$(IOCAP_UT_CC) $(IOCAP_UT_SAN) -o $@ $^ $(IOCAP_UT_CHECK_LIBS)

$(IOCAP_UT_DIR)/m32/%.o: %.c
	@mkdir -p $(dir $@)
	$(IOCAP_UT_CC32) $(IOCAP_UT_CFLAGS32) -c $< -o $@

-include $(IOCAP_UT_HOST_OBJS:.o=.d) $(IOCAP_UT_M32_OBJS:.o=.d)

# tests/fuzz/fuzz.mk - the system call fuzzer and the invariant checker
# (docs/fuzz.md; included by the top-level Makefile).
#
#   make fuzz                          one long run: SEED=1, CALLS=1000000
#   make fuzz SEED=7 CALLS=5000000     another seed, longer
#   make fuzz SEEDS="1 2 3 4"          one run per seed, in turn
#   make fuzz KNOWN_UNFIXED=           leave nothing out (finds the defects below)
#   make fuzz ICOUNT=1                 deterministic (-icount): replays exactly
#   make test-fuzz                     the short run `make test` makes
#
# KNOWN_UNFIXED: the issue-11 defects whose triggers the fuzzer leaves out
# (user/fuzz/fuzz.h, KNOWN_UNFIXED_LIST, says which operation each one
# is).  Delete a number once its fix is merged.
KNOWN_UNFIXED ?=
SEED      ?= 1
SEEDS     ?= $(SEED)
CALLS     ?= 1000000
TASKS     ?= 4
ICOUNT    ?= 0
FUZZ_HANG ?= 60
# More kernel arguments, e.g. FUZZ_KARGS=invariants=1000 (the checker's period).
FUZZ_KARGS ?=
# make test: a fixed seed, about 30 s of TCG on an idle machine (every
# operation in: about 3,500 calls a second).
FUZZ_TEST_SEED  := 11
FUZZ_TEST_CALLS := 100000

FUZZ_KU   = $(subst $(space),$(comma),$(strip $(KNOWN_UNFIXED)))
FUZZ_RUN  = python3 tests/fuzz/fuzz_run.py --qemu "$(QEMU_BASE)" --ku "$(FUZZ_KU)" \
	--tasks $(TASKS) --hang $(FUZZ_HANG) $(if $(FUZZ_KARGS),--extra "$(FUZZ_KARGS)") $(if $(filter 1,$(ICOUNT)),--icount)

.PHONY: fuzz test-fuzz
fuzz: deps all ## the system call fuzzer with the invariant checker: SEED=, CALLS=, SEEDS=, TASKS=, ICOUNT=1 (docs/fuzz.md)
	@status=0; for s in $(SEEDS); do \
		$(FUZZ_RUN) --seed $$s --calls $(CALLS) --name fuzz-$$s --table || status=1; \
	done; exit $$status

# The same seed with 4 CPUs, deterministic (-icount: the vCPUs take turns,
# so a failure replays): the big lock, the kicks, the live sets and the
# invariant checker's SMP checks under every call the fuzzer makes.
FUZZ_SMP_CALLS := 20000
test-fuzz: all ## a short fuzz run: seed 11, 100,000 calls; then 20,000 with 4 CPUs under -icount
	$(FUZZ_RUN) --seed $(FUZZ_TEST_SEED) --calls $(FUZZ_TEST_CALLS) --timeout 300 --name test-fuzz
	python3 tests/fuzz/fuzz_run.py --qemu "$(QEMU_BASE) -smp 4,sockets=4" --ku "$(FUZZ_KU)" \
		--tasks $(TASKS) --hang $(FUZZ_HANG) --icount --seed $(FUZZ_TEST_SEED) \
		--calls $(FUZZ_SMP_CALLS) --timeout 300 --name test-fuzz-smp4

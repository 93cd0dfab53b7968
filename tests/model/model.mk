# tests/model/model.mk - model checking of the SMP shootdown and port/IOPL
# revoke protocols with spin (docs/smp.md, "Model checking").  Included by
# the top-level Makefile; everything goes to $(BUILD)/model/.
#
#   make check-model           every model: no error in any interleaving
#   make check-model-mutants   every mutant: spin must find its error
#
# All variables start with MODEL_ so they cannot collide with the others.

BUILD ?= build

MODEL_DIR := $(BUILD)/model
MODEL_RUN := sh tests/model/check.sh $(MODEL_DIR)
# model:mutant pairs; each mutant removes or reorders one step the
# protocol needs.
MODEL_MUTANTS := shootdown:NO_ACK_WAIT shootdown:NO_SPIN_SERVICE shootdown:LATE_LIVE \
	iorevoke:NO_PORT_ACK_WAIT iorevoke:NO_IOPL_ACK_WAIT iorevoke:NO_SPIN_SERVICE

.PHONY: check-model check-model-mutants

check-model: deps check-model-mutants ## spin: the shootdown and port/IOPL revoke models (tests/model/) have no error or deadlock in any interleaving, and each mutant's error is found
	@set -e; for n in 2 3 4; do \
		NCPU=$$n $(MODEL_RUN) tests/model/shootdown.pml; \
		NCPU=$$n $(MODEL_RUN) tests/model/iorevoke.pml; \
	done

check-model-mutants: deps ## spin: each protocol mutant (ack wait removed, lock spinners not serving IPIs) makes the checker find an error
	@set -e; for m in $(MODEL_MUTANTS); do \
		$(MODEL_RUN) tests/model/$${m%%:*}.pml -D$${m#*:}; \
	done

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

BENCH_OUT     ?= bench/out
BENCH_ARGS    ?=
BENCH_TIMEOUT ?= 300

.PHONY: bench test-bench

# Bochs boots GRUB ISOs (tests/boot/bochs.mk), one per boot of bench/run.sh.
ifeq ($(BENCH_ACCEL),bochs)
bench: $(BENCH_ISO) $(BENCH_EAGER_ISO) $(DISK) bochsrc
endif

bench: deps all
	@mkdir -p $(BENCH_OUT)
	BENCH_BOCHS_ISOS="$(BENCH_ISO) $(BENCH_EAGER_ISO)" \
		sh bench/run.sh "$(QEMU_BASE)" $(BENCH_TIMEOUT) $(BENCH_OUT) $(BENCH_ARGS)

test-bench: all
	@mkdir -p bench/out
	sh bench/smoke.sh "$(QEMU_BASE)" 60

#!/bin/sh
# smoke.sh "QEMU COMMAND" TIMEOUT
# make test-bench: two short runs of bench/run.sh under tcg-icount, then
# bench/check.sh on both.  It checks that the harness works, not speed.
set -u
qemu="$1"
limit="$2"
for i in 1 2; do
	BENCH_ACCEL=tcg-icount sh bench/run.sh "$qemu" "$limit" bench/out/smoke-$i batches=3 iters=20 \
		> bench/out/smoke-$i.txt 2>&1 || { cat bench/out/smoke-$i.txt; echo "bench smoke: run $i failed"; exit 1; }
done
cat bench/out/smoke-1.txt
sh bench/check.sh bench/out/smoke-1/results.csv bench/out/smoke-2/results.csv

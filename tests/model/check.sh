#!/bin/sh
# check.sh - runs spin on one Promela model of tests/model/ (docs/smp.md,
# "Model checking"): generates the verifier, compiles it and searches every
# interleaving for an assertion violation or an invalid end state (a
# deadlock).  A mutant (a -D flag that breaks the protocol) must instead
# make spin find an error, so the model provably can fail.
#
#   check.sh OUTDIR MODEL.pml                 pass if spin finds no error
#   check.sh OUTDIR MODEL.pml -DMUTANT        pass if spin finds one
#
# NCPU=n in the environment sets the number of CPUs (the models' default: 3).
#
# The counterexample of a failure is printed (spin -t), replayed from the
# trail pan wrote in OUTDIR.
set -eu
out=$1 model=$2 mutant=${3:-}
ncpu=${NCPU:+-DNCPU=$NCPU}
name=$(basename "$model" .pml)${NCPU:+-$NCPU}${mutant:+-${mutant#-D}}
dir=$out/$name
rm -rf "$dir" && mkdir -p "$dir"
cp "$model" "$dir/model.pml"
cd "$dir"
spin $ncpu $mutant -a model.pml > spin.log
# -DSAFETY: assertions and invalid end states only (no cycles to find);
# -w: pan.c's generated code trips gcc's -Wstringop-overflow heuristics.
gcc -O2 -w -DSAFETY -o pan pan.c
# -m: the search depth bound; a truncated search would prove nothing.
./pan -m100000 > pan.log || true
errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' pan.log)
states=$(sed -n 's/^ *\([0-9]*\) states, stored.*/\1/p' pan.log)
if grep -q "max search depth too small" pan.log; then
	echo "model: $name: search truncated (pan -m)"; exit 1
fi
if [ -z "$mutant" ]; then
	if [ "$errors" = 0 ]; then
		echo "model: $name: no error in $states states"; exit 0
	fi
	echo "model: $name: spin found an error:"
else
	if [ "${errors:-0}" != 0 ]; then
		echo "model: $name: spin finds the bug: $(grep -m1 '^pan:1:' pan.log)"; exit 0
	fi
	echo "model: $name: the mutant passed: the model cannot fail ($states states)"; exit 1
fi
grep '^pan:1:' pan.log || true
spin $ncpu $mutant -t -p model.pml | tail -40
exit 1

#!/bin/sh
# rogue_test.sh "QEMU COMMAND" TIMEOUT [PORTS ACCESS...]
# Boots the wrong-ports experiment (init "rogue") under QEMU TCG and shows
# the rogue's own narration next to the kernel's IOFAULT lines.
#   No PORTS: the checked scenario of `make test`: the IOFAULT lines must
#   be exactly the expected list (one per denied access, none for the
#   permitted ones), then a stubborn rogue is given up on.
#   PORTS ACCESS... (`make run-rogue ROGUE="0x60,0x64 inb:0x60 inb:0x61"`):
#   the user's experiment: every access the grant denies must be trapped
#   (one IOFAULT line each), every one it allows must go through.
# Either way the system must still be up at the end.
set -u
qemu="$1"
limit="${2:-120}"
words="${3:-}"
log=build/rogue.log
mkdir -p build
# shellcheck disable=SC2086
timeout --foreground -k 5 "$limit" $qemu -accel tcg -append "rogue $words" -display none \
	-serial "file:$log" -debugcon "file:build/rogue-debugcon.log" </dev/null
rc=$?
tr -d '\r' < "$log" > build/rogue-clean.log
grep '^IOFAULT' build/rogue-clean.log > build/rogue-iofaults.txt
echo "The rogue's narration and the kernel's IOFAULT lines:"
grep -E '^(IOFAULT|rogue|init: (rogue|supervisor))' build/rogue-clean.log | sed 's/^/  /'
status=0
fail() { echo "not ok - $*"; status=1; }
if [ -z "$words" ]; then
	# What each denied access must look like (eip varies with the build).
	cat > build/rogue-expected.txt <<'EXP'
op=in port=0x02f7 width=1 holds=0x2f8-0x2ff action=restarted
op=out port=0x0300 width=1 holds=0x2f8-0x2ff action=restarted
op=in port=0x02ff width=2 holds=0x2f8-0x2ff action=restarted
op=in port=0x0064 width=1 holds=0x2f8-0x2ff action=restarted
op=out port=0x0021 width=1 holds=0x2f8-0x2ff action=restarted
op=in port=0xfffe width=4 holds=0x2f8-0x2ff action=restarted
op=ins port=0x01f0 width=1 holds=0x2f8-0x2ff action=restarted
op=cli port=- width=- holds=0x2f8-0x2ff action=restarted
op=in port=0x0064 width=1 holds=0x2f8-0x2ff action=restarted
op=in port=0x0064 width=1 holds=0x2f8-0x2ff action=restarted
op=in port=0x0064 width=1 holds=0x2f8-0x2ff action=killed
EXP
	sed 's/^IOFAULT task=rogue eip=0x[0-9a-f]\{8\} //' build/rogue-iofaults.txt > build/rogue-got.txt
	diff -u build/rogue-expected.txt build/rogue-got.txt ||
		fail "IOFAULT lines differ from the expected list"
	n=$(grep -c "read its own ports" build/rogue-clean.log)
	[ "$n" -eq 12 ] || fail "own-port reads: $n of 12 incarnations"
else
	denied=$(grep -c ': must trap$' build/rogue-clean.log)
	got=$(grep -c 'action=restarted' build/rogue-iofaults.txt)
	[ "$got" -eq "$denied" ] || fail "$denied accesses must trap, $got IOFAULT lines"
	grep -q "rogue: all $denied denied accesses were trapped; exiting" build/rogue-clean.log ||
		fail "the rogue did not finish its accesses"
fi
grep -q "NOT trapped" build/rogue-clean.log && fail "a denied access was not trapped"
grep -q "init: rogue scenario done; the system is still up" build/rogue-clean.log ||
	fail "the system did not finish the scenario"
[ "$rc" -eq 1 ] || fail "QEMU exit status $rc (want 1)"
if [ $status -eq 0 ]; then
	echo "rogue scenario (QEMU TCG): $(wc -l < build/rogue-iofaults.txt) IOFAULT lines as expected"
else
	echo "rogue scenario: FAILED"; tail -30 build/rogue-clean.log
fi
exit $status

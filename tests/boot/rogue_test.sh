#!/bin/sh
# rogue_test.sh "QEMU COMMAND" TIMEOUT
# Boots the wrong-ports scenario (init "rogue") under QEMU TCG, prints the
# IOFAULT lines, and checks them against the expected list: exactly one line
# per denied access, none for the permitted ones, and the system still up.
set -u
qemu="$1"
limit="${2:-120}"
log=build/rogue.log
mkdir -p build
# shellcheck disable=SC2086
timeout --foreground -k 5 "$limit" $qemu -accel tcg -append rogue -display none \
	-serial "file:$log" -debugcon "file:build/rogue-debugcon.log" </dev/null
rc=$?
tr -d '\r' < "$log" | grep '^IOFAULT' > build/rogue-iofaults.txt
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
echo "IOFAULT lines from the rogue scenario:"
cat build/rogue-iofaults.txt
status=0
sed 's/^IOFAULT task=rogue eip=0x[0-9a-f]\{8\} //' build/rogue-iofaults.txt > build/rogue-got.txt
if ! diff -u build/rogue-expected.txt build/rogue-got.txt; then
	echo "not ok - IOFAULT lines differ from the expected list"; status=1
fi
n=$(grep -c "read its own ports" "$log")
[ "$n" -eq 12 ] || { echo "not ok - own-port reads: $n of 12 incarnations"; status=1; }
grep -q "NOT trapped" "$log" && { echo "not ok - a denied access was not trapped"; status=1; }
grep -q "init: rogue scenario done; the system is still up" "$log" ||
	{ echo "not ok - the system did not finish the scenario"; status=1; }
[ "$rc" -eq 1 ] || { echo "not ok - QEMU exit status $rc (want 1)"; status=1; }
if [ $status -eq 0 ]; then
	echo "rogue scenario (QEMU TCG): $(wc -l < build/rogue-iofaults.txt) IOFAULT lines as expected"
else
	echo "rogue scenario: FAILED"; tail -30 "$log"
fi
exit $status

#!/bin/sh
# debug_test.sh "QEMU COMMAND" - the debugging targets (tools/debug.sh),
# without a terminal: gdb -batch attaches, stops at kmain and reads a
# symbol; QEMU runs in a session of its own (gdb's Ctrl-C cannot reach
# it); it is gone when `make debug`'s gdb exits; a second QEMU is refused
# while one runs; `make gdb` refuses a QEMU that is not there (a stale
# pidfile) instead of attaching to something else.  Issue 11: QEMU ran in
# gdb's process group and outlived gdb, and the next `make debug`
# attached to the old one.
set -u
qemu="$1"
# A port of this test's own, so that a developer's `make qemu-gdb` is left alone.
GDBPORT=${GDBPORT:-$((31000 + $(id -u) % 2000))}
export GDBPORT
pidfile=build/qemu-gdb.pid
cmds=build/debug-test.gdb
log=build/debug-test.log
status=0
ok() { echo "ok - $*"; }
fail() { echo "not ok - $*"; status=1; }
check() { if eval "$1"; then ok "$2"; else fail "$2"; fi; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

cat > $cmds <<'GDB'
continue
info symbol $pc
printf "session check: stopped in %s\n", "kmain"
GDB
export GDB_FLAGS="-batch -x $cmds"

# 1. make debug: gdb in front, QEMU behind in its own session, gone once gdb is.
timeout -k 5 60 sh tools/debug.sh debug "$qemu" > $log 2>&1 &
runner=$!
qpid=
for _ in $(seq 50); do
	[ -s $pidfile ] && qpid=$(cat $pidfile) && break
	sleep 0.2
done
check 'alive "$qpid"' "make debug: QEMU started (pid ${qpid:-none})"
if alive "$qpid"; then
	qsid=$(ps -o sid= -p "$qpid" | tr -d ' ')
	rsid=$(ps -o sid= -p "$runner" | tr -d ' ')
	check '[ "$qsid" = "$qpid" ] && [ "$qsid" != "$rsid" ]' \
		"make debug: QEMU leads a session of its own ($qsid), not gdb's ($rsid)"
fi
wait $runner
check 'grep -q "Breakpoint 1, kmain" $log' "make debug: gdb attached and stopped at kmain"
check 'grep -q "^kmain in section .text" $log' "make debug: gdb read the symbol at the stop"
check '! alive "$qpid"' "make debug: QEMU is gone once gdb exited"
check '[ ! -e $pidfile ]' "make debug: its pidfile is gone"

# 2. make qemu-gdb, then make gdb; a second QEMU is refused while it runs.
sh tools/debug.sh qemu-gdb "$qemu" > build/debug-test-qemu.log 2>&1 </dev/null &
qpid=
for _ in $(seq 50); do
	[ -s $pidfile ] && qpid=$(cat $pidfile) && break
	sleep 0.2
done
check 'alive "$qpid"' "make qemu-gdb: QEMU waits (pid ${qpid:-none})"
sh tools/debug.sh qemu-gdb "$qemu" > build/debug-test-second.log 2>&1 </dev/null
check '[ $? -ne 0 ] && grep -q "already runs" build/debug-test-second.log' \
	"a second make qemu-gdb is refused while one runs"
sh tools/debug.sh debug "$qemu" > build/debug-test-second.log 2>&1 </dev/null
check '[ $? -ne 0 ] && grep -q "already runs" build/debug-test-second.log' \
	"make debug is refused too, rather than attaching to the old QEMU"
timeout -k 5 60 sh tools/debug.sh gdb > $log 2>&1
check 'grep -q "attaching to QEMU pid $qpid" $log && grep -q "Breakpoint 1, kmain" $log' \
	"make gdb: attached to that QEMU and stopped at kmain"
check 'alive "$qpid"' "make qemu-gdb: QEMU outlives gdb (it is the user's to quit)"
kill "$qpid" 2>/dev/null
for _ in $(seq 25); do alive "$qpid" || break; sleep 0.2; done
check '! alive "$qpid"' "make qemu-gdb: QEMU stopped"

# 3. Nothing runs (or only a stale pidfile is left): make gdb says so and attaches to nothing.
echo 999999 > $pidfile
timeout -k 5 30 sh tools/debug.sh gdb > $log 2>&1
check '[ $? -ne 0 ] && grep -q "no QEMU waits" $log && ! grep -q "target remote\|Remote debugging" $log' \
	"make gdb with a stale pidfile refuses"
rm -f $pidfile

[ $status -eq 0 ] && echo "debug targets (QEMU TCG, gdb -batch): passed" || echo "debug targets: FAILED"
exit $status

#!/bin/sh
# debug.sh - QEMU under gdb without losing either (docs/debugging.md).
#   debug.sh qemu-gdb "QEMU COMMAND"   QEMU halted at its first instruction,
#       waiting for gdb on $GDBPORT, COM1 (the shell) on this terminal, the
#       kernel log in build/debugcon.log.  It runs in a session of its own,
#       so no signal meant for another program (gdb's Ctrl-C) reaches it;
#       Ctrl-A X quits it.  Its pid is in build/qemu-gdb.pid.
#   debug.sh gdb                       gdb with the kernel's symbols,
#       attached to the QEMU of that pidfile, and only to it: no pidfile, a
#       dead pid or a pid that is not that QEMU is an error, never a silent
#       attach to an old QEMU on the same port.
#   debug.sh debug "QEMU COMMAND"      both from one terminal: QEMU (own
#       session, COM1 in build/serial.log) and gdb in the foreground; when
#       gdb exits, however it exits, QEMU is stopped.
# GDBPORT (default 25000 + uid % 5000, as xv6 does) keeps users apart on a
# shared machine; GDB_FLAGS adds gdb options (e.g. -batch -ex ...).
set -u
what="$1"
qemu="${2:-}"
build=build
pidfile=$build/qemu-gdb.pid
port="${GDBPORT:-$((25000 + $(id -u) % 5000))}"
kernel=$build/kernel.elf
mkdir -p $build

# The pid of the QEMU of the pidfile if it still runs (and is a QEMU), else nothing.
live_qemu() {
	[ -f $pidfile ] || return 1
	pid=$(cat $pidfile)
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
		tr '\0' ' ' < /proc/"$pid"/cmdline 2>/dev/null | grep -q -- "-gdb tcp:127.0.0.1:$port" ||
		return 1
	echo "$pid"
}

port_busy() {
	ss -Hltn "sport = :$port" 2>/dev/null | grep -q .
}

refuse_second() {
	if pid=$(live_qemu); then
		echo "debug: a QEMU for gdb already runs (pid $pid, port $port): use it (make gdb) or stop it (kill $pid)" >&2
		exit 1
	fi
	if port_busy; then
		echo "debug: port $port is taken by another program; choose another: GDBPORT=..." >&2
		exit 1
	fi
	rm -f $pidfile
}

# The QEMU options every mode shares: halted, gdb stub on our port only, a pidfile.
stub="-S -gdb tcp:127.0.0.1:$port -pidfile $pidfile -debugcon file:$build/debugcon.log -display none"

start_gdb() {
	# shellcheck disable=SC2086
	exec_or_run="$1"
	set -- -q -ex 'set architecture i386' -ex "target remote 127.0.0.1:$port" -ex 'break kmain'
	if [ "$exec_or_run" = exec ]; then
		# shellcheck disable=SC2086
		exec gdb "$@" ${GDB_FLAGS:-} $kernel
	fi
	# shellcheck disable=SC2086
	gdb "$@" ${GDB_FLAGS:-} $kernel
}

case "$what" in
qemu-gdb)
	refuse_second
	echo "debug: QEMU waits for gdb on port $port: run 'make gdb' in another terminal. Ctrl-A X quits."
	# shellcheck disable=SC2086
	setsid -w $qemu $stub -serial mon:stdio
	rc=$?
	rm -f $pidfile
	exit $rc
	;;
gdb)
	if ! pid=$(live_qemu); then
		echo "debug: no QEMU waits for gdb on port $port (run 'make qemu-gdb' first)" >&2
		exit 1
	fi
	echo "debug: attaching to QEMU pid $pid on port $port"
	start_gdb exec
	;;
debug)
	refuse_second
	# shellcheck disable=SC2086
	setsid $qemu $stub -serial file:$build/serial.log </dev/null &
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		live_qemu >/dev/null && break
		sleep 0.2
	done
	if ! pid=$(live_qemu); then
		echo "debug: QEMU did not start" >&2
		exit 1
	fi
	stop() {
		kill "$pid" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$pid" 2>/dev/null
		rm -f $pidfile
	}
	trap stop EXIT
	trap 'exit 130' INT TERM HUP
	echo "debug: QEMU pid $pid waits on port $port; COM1 goes to $build/serial.log; it stops when gdb exits"
	start_gdb run
	;;
*)
	echo "usage: debug.sh qemu-gdb|gdb|debug [QEMU COMMAND]" >&2
	exit 2
	;;
esac

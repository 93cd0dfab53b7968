# shellcheck shell=sh
# bochs_run.sh - sourced by the scripts that boot Bochs headless until the
# guest powers off (tests/boot/bochs_trace.sh, bench/bochs.sh).
#
# bochs_run PIDFILE CONSOLE LIMIT OPTION...
#   Runs $BOCHS (default bochs) -q -unlock -f $BOCHSRC (default bochsrc)
#   OPTION... and waits for it to exit; OPTIONs (none may hold a single
#   quote) follow -f, so they override the bochsrc.  As in
#   bochs_boot_test.sh, `script` gives the curses display a pty of its own
#   (its stdin is /dev/null, so our terminal is never touched), and
#   `timeout` SIGKILLs Bochs after LIMIT seconds or 2 s after passing on a
#   SIGTERM/SIGHUP, which Bochs would only answer in its debugger.  The
#   inner sh writes Bochs' own pid to PIDFILE (it execs Bochs), so that
#   SIGINT, SIGTERM or SIGHUP to the caller kills Bochs by that pid; the
#   caller's say() then reports it and the caller exits 130, 143 or 129.
#   Sets BOCHS_STATUS: script's exit status (137 when `timeout` killed Bochs).
# bochs_pid PIDFILE: the pid of the Bochs that bochs_run started.
bochs_pid() { cat "$1" 2>/dev/null; }

bochs_stop() {
	trap '' INT TERM HUP
	bochs_p=$(bochs_pid "$bochs_pidfile")
	if [ -n "$bochs_p" ] && grep -qs bochs "/proc/$bochs_p/cmdline"; then
		kill -KILL "$bochs_p" 2>/dev/null
	else    # no pid yet: script passes SIGTERM on, timeout kills 2 s later
		kill -TERM "$bochs_script" 2>/dev/null
	fi
	wait "$bochs_script" 2>/dev/null
}

bochs_run() {
	bochs_pidfile=$1
	bochs_cmd="exec timeout -s KILL -k 2 $3 sh -c 'echo \$\$ > \"\$0\"; exec \"\$@\"' '$1' \
'${BOCHS:-bochs}' -q -unlock -f '${BOCHSRC:-bochsrc}'"
	bochs_console=$2
	shift 3
	for bochs_o in "$@"; do bochs_cmd="$bochs_cmd '$bochs_o'"; done
	rm -f "$bochs_pidfile"
	TERM=xterm SHELL=/bin/sh script -qfec "$bochs_cmd" /dev/null < /dev/null > "$bochs_console" 2>&1 &
	bochs_script=$!
	trap 'bochs_stop; say "stopped (SIGINT), Bochs killed"; exit 130' INT
	trap 'bochs_stop; say "stopped (SIGTERM), Bochs killed"; exit 143' TERM
	trap 'bochs_stop; say "stopped (SIGHUP), Bochs killed"; exit 129' HUP
	wait "$bochs_script"
	BOCHS_STATUS=$?
	trap - INT TERM HUP
}

# shellcheck shell=sh
# usertests_verdict.sh - sourced by the boots that run user/usertests
# (qemu_boot_test.sh, kbd_test.sh; in Bochs, bochs_usertests.sh, which
# passes RC 1 for a run that ended by itself).
#
# usertests_verdict TITLE LOG RC LIMIT SECS [WHY]
# Shows the TAP lines and diagnostics of LOG and passes only if QEMU's exit
# status RC is 1 (the guest wrote 0 to isa-debug-exit), the TAP plan is
# complete, no test failed, init reported PASSED and there was no panic.
# WHY: reasons to fail the caller found already ("" if none).  Prints
# "TITLE: N/N passed in SECSs" (", S skipped" when some were: a skip is a
# TAP "ok", "# SKIP why", and is not counted as passed) or the reasons and
# the log's tail; returns 0 or 1.
usertests_verdict() {
	v_log=$2 v_rc=$3 v_limit=$4 v_why=${6:-}
	v_plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)\r*$/\1/p' "$v_log" | head -1)
	v_oks=$(grep -cE '^ok [0-9]+ - ' "$v_log")
	v_fails=$(grep -cE '^not ok [0-9]+ - ' "$v_log")
	v_skips=$(grep -acE '^ok [0-9]+ - .* # SKIP' "$v_log")
	grep -aE '^(not )?ok [0-9]+ - |^# ' "$v_log" | tr -d '\r'

	if [ "$v_rc" -eq 124 ] || [ "$v_rc" -eq 137 ]; then v_why="$v_why timeout after ${v_limit}s;"; fi
	if [ "$v_rc" -ne 1 ]; then v_why="$v_why QEMU exit status $v_rc (want 1: isa-debug-exit 0);"; fi
	if [ -z "$v_plan" ]; then v_why="$v_why no TAP plan;"; v_plan=0; fi
	if [ "$v_fails" -ne 0 ]; then v_why="$v_why $v_fails test(s) failed;"; fi
	if [ "$v_oks" -ne "$v_plan" ]; then v_why="$v_why $v_oks ok of plan $v_plan;"; fi
	grep -q "init: usertests PASSED" "$v_log" || v_why="$v_why init did not report PASSED;"
	if grep -q "PANIC" "$v_log"; then v_why="$v_why kernel panic;"; fi

	if [ -z "$v_why" ]; then
		if [ "$v_skips" -eq 0 ]; then
			echo "$1: $v_oks/$v_plan passed in $5s"
		else
			echo "$1: $((v_oks - v_skips))/$v_plan passed, $v_skips skipped in $5s"
		fi
		return 0
	fi
	echo "$1: FAILED:$v_why"
	echo "---- last 60 lines of $v_log ----"
	tail -n 60 "$v_log"
	return 1
}

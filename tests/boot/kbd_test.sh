#!/bin/sh
# kbd_test.sh "QEMU COMMAND" TIMEOUT
# The keyboard test: boots with `test kbd` (usertests runs only
# t_kbd_typed_text, drivers/ps2kbd with the test playing the console) and
# a QEMU monitor on a unix socket.  When the guest prints "# kbd: ready",
# sendkeys.py types KEYS below through the monitor's sendkey; the guest
# checks the characters the driver sent it against the text these keys
# make (typed_text in user/usertests/drvtests_kbd.c) and that they came
# through IRQ 1.  Passes only if the keys were sent and the usual verdict
# on usertests' output passes (usertests_verdict.sh).
set -u
qemu="$1"
limit="${2:-60}"
log=build/test-kbd.log
e9=build/test-kbd-debugcon.log
mon=build/test-kbd-monitor.sock
# "Hello, World!\n" then "Ab\t8\b\004\n": Up (E0 48) must vanish, keypad 8 (48) must not.
KEYS="shift-h e l l o comma spc shift-w o r l d shift-1 ret
caps_lock a caps_lock b tab up kp_8 backspace ctrl-d kp_enter"
HOLD_MS=30     # 30 ms between scan code bytes: drvtests_kbd.c counts on it

mkdir -p build
rm -f "$log" "$mon"
start=$(date +%s.%N)
# shellcheck disable=SC2086
timeout --foreground -k 5 "$limit" $qemu -accel tcg -append "test kbd" -display none \
	-serial "file:$log" -debugcon "file:$e9" -monitor "unix:$mon,server,nowait" </dev/null &
qemu_pid=$!
# shellcheck disable=SC2086
python3 tests/boot/sendkeys.py "$mon" "$log" "# kbd: ready" "$limit" "$HOLD_MS" $KEYS
sent=$?
# Without the keys the guest would wait for them until the timeout.
[ "$sent" -ne 0 ] && kill "$qemu_pid" 2>/dev/null
wait "$qemu_pid"
rc=$?
secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")
rm -f "$mon"

grep '^ps2kbd' "$log" | tr -d '\r'
why=""
[ "$sent" -ne 0 ] && why=" the keys were not sent;"
# shellcheck source=tests/boot/usertests_verdict.sh
. "$(dirname "$0")/usertests_verdict.sh"
usertests_verdict "keyboard test (QEMU TCG, keys from the monitor)" "$log" "$rc" "$limit" "$secs" "$why"

# accel.sh - sourced by bench/run.sh and bench/linux.sh: accel_qemu ACCEL
# prints "$qemu" with the flags that make QEMU that accelerator.  KVM runs
# the host's CPU model: the point is the real machine's cost, not pentium3's.
# shellcheck disable=SC2154  # qemu: the caller's first argument
accel_qemu() {
	case "$1" in
	tcg-icount) echo "$qemu -accel tcg -icount shift=0,sleep=off" ;;
	tcg) echo "$qemu -accel tcg" ;;
	kvm) echo "$qemu -enable-kvm" | sed 's/-cpu [^ ]*/-cpu host/' ;;
	bochs) echo "bochs" ;;    # bench/run.sh boots Bochs itself (bench/bochs.sh)
	*) echo "bench: unknown accelerator '$1' (tcg-icount, tcg, kvm or bochs)" >&2; exit 1 ;;
	esac
}

#!/bin/sh
# kernel.sh DIR [PACKAGE]
# Puts Debian's i386 kernel in DIR/vmlinuz (and its config in DIR/config,
# its name and version in DIR/package) for bench/linux.sh.  The package is
# downloaded with `apt-get download` and unpacked, never installed.  PACKAGE
# defaults to what Debian's linux-image-686 metapackage depends on (the 686
# flavour, no PAE: QEMU's pentium3 has no PAE).  A kernel already in DIR is
# used again without any network access, unless PACKAGE names another one.
#
# The host's architecture is amd64, so this uses its own apt state in
# DIR/apt (i386 package lists from the host's own Debian sources, the
# suites named after this release's codename); nothing in /etc or /var
# changes, and root is not needed.
set -u
dir="$1"
want="${2:-}"
die() {
	echo "bench-linux: $*" >&2
	exit 1
}
mkdir -p "$dir" || die "cannot create $dir"
dir=$(cd "$dir" && pwd)

if [ -s "$dir/vmlinuz" ] && [ -s "$dir/package" ]; then
	have=$(cut -d' ' -f1 "$dir/package")
	if [ -z "$want" ] || [ "$want" = "$have" ]; then
		echo "bench-linux: kernel $(cat "$dir/package") (cached in $dir)"
		exit 0
	fi
fi

command -v apt-get > /dev/null || die "apt-get is needed to fetch Debian's kernel"
apt="$dir/apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/prefs" || die "cannot create $apt"

# One-line i386 entries for the host's Debian suites: every enabled deb
# source (deb822 .sources or one-line .list) whose suite is CODENAME,
# CODENAME-updates or CODENAME-security.
# shellcheck disable=SC1091
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ -n "$codename" ] || die "/etc/os-release names no VERSION_CODENAME"
{
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] && cat "$f" && echo
	done
} | awk -v c="$codename" '
function flush() {
	if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no")
		for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
			if (s[j] == c || s[j] == c "-updates" || s[j] == c "-security")
				printf "deb [arch=i386%s] %s %s %s\n", (key != "" ? " signed-by=" key : ""), u[i], s[j], comps
	types = ""; enabled = ""; key = ""; comps = ""; nu = 0; ns = 0
}
/^[ \t]*$/ { flush(); next }
/^#/ { next }
{ field = tolower($1); sub(/:$/, "", field); $1 = ""; sub(/^ +/, "") }
field == "types" { types = $0 }
field == "enabled" { enabled = $0 }
field == "uris" { nu = split($0, u, " ") }
field == "suites" { ns = split($0, s, " ") }
field == "components" { comps = $0 }
field == "signed-by" { key = $0 }
END { flush() }' > "$apt/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
	[ -r "$f" ] || continue
	awk -v c="$codename" '$1 == "deb" {
		opts = ""; i = 2
		if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; opts = ""; for (k = 2; k <= i; k++) opts = opts " " $k; i++ }
		gsub(/[][]/, "", opts); gsub(/arch=[^ ]*/, "", opts)
		if ($(i + 1) == c || $(i + 1) == c "-updates" || $(i + 1) == c "-security") {
			printf "deb [arch=i386%s] %s %s", opts, $i, $(i + 1)
			for (k = i + 2; k <= NF; k++) printf " %s", $k
			print ""
		}
	}' "$f"
done >> "$apt/sources.list"
[ -s "$apt/sources.list" ] || die "no Debian $codename source in /etc/apt to fetch the kernel from"

aptopts="-q -o APT::Architecture=i386 -o APT::Architectures::=i386 \
-o Dir::Etc::SourceList=$apt/sources.list -o Dir::Etc::SourceParts=$apt/parts \
-o Dir::Etc::PreferencesParts=$apt/prefs -o Dir::State::Lists=$apt/lists \
-o Dir::Cache=$apt/cache -o Dir::State::status=/dev/null"
[ "$(id -u)" -eq 0 ] && aptopts="$aptopts -o APT::Sandbox::User=root"

echo "bench-linux: fetching the i386 package lists for $codename"
# A list that fails (a mirror in mid-sync) only matters if the kernel is then missing.
# shellcheck disable=SC2086
apt-get $aptopts update > "$apt/update.log" 2>&1 || echo "bench-linux: apt-get update reported errors (see $apt/update.log); going on"
if [ -z "$want" ]; then
	# shellcheck disable=SC2086
	want=$(apt-cache $aptopts depends linux-image-686 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
	[ -n "$want" ] || die "linux-image-686 not found in the i386 lists (see $apt/update.log)"
fi
# shellcheck disable=SC2086
version=$(apt-cache $aptopts policy "$want" 2>/dev/null | awk '$1 == "Candidate:" { print $2 }')
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
	die "no package $want in the i386 lists"
fi

echo "bench-linux: downloading $want $version"
rm -f "$dir"/*.deb
# shellcheck disable=SC2086
(cd "$dir" && apt-get $aptopts download "$want") || die "apt-get download $want failed"
deb=$(find "$dir" -maxdepth 1 -name "${want}_*.deb" | head -n 1)
[ -n "$deb" ] || die "apt-get download left no $want .deb in $dir"

# dpkg -x without the modules: the benchmark needs only boot/.
rm -rf "$dir/pkg"
mkdir -p "$dir/pkg"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir/pkg" ./boot || die "cannot unpack $deb"
cp "$dir"/pkg/boot/vmlinuz-* "$dir/vmlinuz" && cp "$dir"/pkg/boot/config-* "$dir/config" ||
	die "$deb has no boot/vmlinuz-*"
rm -f "$deb"
echo "$want $version" > "$dir/package"
echo "bench-linux: kernel $want $version in $dir"

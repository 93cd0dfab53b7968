#!/bin/sh
# help.sh - `make help` and its check, both read from the makefiles
# themselves so the list cannot drift from the rules: a target is
# documented by "## text" at the end of its rule line.
#
#   help.sh list FILE...    one "target  text" line per documented rule
#   help.sh check FILE...   exit 1, naming them, if a .PHONY target of FILE...
#                           has no "## " line
set -eu
mode=$1; shift

documented() {
	# target: prerequisites ## text  ->  "target<TAB>text"
	sed -n 's/^\([A-Za-z0-9_.-][A-Za-z0-9_. -]*\):[^=].*## \(.*\)$/\1\t\2/p;
		s/^\([A-Za-z0-9_.-][A-Za-z0-9_. -]*\):## \(.*\)$/\1\t\2/p' "$@"
}

phony() {
	# .PHONY lines, backslash continuations joined.
	awk '/^\.PHONY:/ { on = 1; sub(/^\.PHONY:/, "") }
	     on { line = $0; sub(/\\$/, "", line); print line; if ($0 !~ /\\$/) on = 0 }' "$@" |
		tr ' \t' '\n\n' | sed '/^$/d' | sort -u
}

case $mode in
list)
	documented "$@" | awk -F '\t' '{ printf "  %-18s %s\n", $1, $2 }'
	;;
check)
	documented "$@" | cut -f1 | tr ' ' '\n' | sed '/^$/d' | sort -u > "${TMPDIR:-/tmp}/help.$$"
	missing=$(phony "$@" | comm -23 - "${TMPDIR:-/tmp}/help.$$")
	rm -f "${TMPDIR:-/tmp}/help.$$"
	if [ -n "$missing" ]; then
		echo "make help: .PHONY targets without a '## ' line:" $missing >&2
		exit 1
	fi
	echo "make help: every .PHONY target is documented"
	;;
*)
	echo "usage: help.sh list|check FILE..." >&2
	exit 2
	;;
esac

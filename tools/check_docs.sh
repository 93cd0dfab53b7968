#!/bin/sh
# check_docs.sh - the docs index cannot fall behind: every page in docs/
# has its line in docs/README.md, and every docs/<page>.md that a tracked
# file names exists.  Exit 1, naming them, otherwise (make check-docs).
set -eu
bad=0
for f in docs/*.md; do
	page=${f#docs/}
	[ "$page" = README.md ] && continue
	grep -q "](${page})" docs/README.md || { echo "docs/README.md: no line for $page"; bad=1; }
done
for ref in $(git ls-files | grep -v '^docs/.*\.png$' |
		xargs grep -ohE 'docs/[A-Za-z0-9_-]+\.md' 2>/dev/null | sort -u); do
	[ -e "$ref" ] || { echo "named but missing: $ref ($(git grep -l "$ref" | tr '\n' ' '))"; bad=1; }
done
[ $bad = 0 ] && echo "docs: index complete, every docs/ page named exists"
exit $bad

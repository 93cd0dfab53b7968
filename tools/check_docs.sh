#!/bin/sh
# check_docs.sh - the docs index cannot fall behind: every page in docs/
# has its line in docs/README.md, every docs/<page>.md that a tracked
# file names exists, and every source path the docs name exists.  Exit 1, naming them, otherwise (make check-docs).
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
# Every source path the docs and README name exists, so a moved file
# cannot leave its walkthroughs pointing at nothing.
for ref in $(cat README.md docs/*.md |
		grep -ohE '(kernel|arch|iocap|lib|abi|user|drivers|tests|tools|bench)/[A-Za-z0-9_./-]+[.](c|h|S|py|sh|mk|ld)\b' | sort -u); do
	[ -e "$ref" ] || { echo "named but missing: $ref ($(grep -l "$ref" README.md docs/*.md | tr '\n' ' '))"; bad=1; }
done
[ $bad = 0 ] && echo "docs: index complete, every docs/ page and source path named exists"
exit $bad

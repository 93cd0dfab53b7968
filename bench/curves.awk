# curves.awk - the scaling curves of a results.csv (issue 16; docs/bench.md,
# "The scaling curves"), as bench/run.sh prints them and bench/curves.sh
# plots them.  A series is every figure <base>_<n> with the same base (at
# least two n; the disk figures aside, whose unit is per KiB and whose
# counts vary): its median at each n, the slope per unit of n between
# neighbouring points, and a least-squares line over all of them.  What n
# counts, the figure some series have as their n = 0 point, and their
# Linux counterparts are in bench/curves.conf (read from the top of the
# tree).
#   awk -F, [-v dir=DIR] [-v linux=LINUX.csv] -f bench/curves.awk results.csv
# With dir, writes for bench/curves.sh: DIR/series.tsv (one series a line:
# base, x label, what one operation is, log x or not, the Linux family's
# base), DIR/<base>.dat (n, median, tic label), DIR/<base>.ref (reference lines:
# title, value) and DIR/<base>.linux (n, median of the Linux family, if
# any).  Linux rows count only from a run with the same accelerator and
# unit.

# What bench/curves.conf says of a series, as "x label|per what|n = 0 figure|Linux lines|Linux family".
function meta(b) {
	return b in conf ? conf[b] : "n|operation|||"
}
function fmtnum(v) { return v == int(v) ? sprintf("%+d", v) : sprintf("%+.1f", v) }
BEGIN {
	while ((getline l < "bench/curves.conf") > 0)
		if (l !~ /^#/ && (k = index(l, "|")))
			conf[substr(l, 1, k - 1)] = substr(l, k + 1)
	if (linux != "")
		while ((getline l < linux) > 0) {
			split(l, f, ",")
			if (f[1] == "name")
				continue
			lx[f[1]] = f[4]
			laccel = f[2] "," f[3]
		}
}
NR == 1 { next }
{ med[$1] = $4; accel = $2; unit = $3 }
$1 !~ /^(ata_|linux_)/ && match($1, /_[0-9]+$/) {
	b = substr($1, 1, RSTART - 1)
	if (!(b in cnt))
		order[++nb] = b
	k = ++cnt[b]
	xs[b, k] = substr($1, RSTART + 1) + 0
	vs[b, k] = $4
}
END {
	if (laccel != "" && laccel != accel "," unit) {
		print "curves: no Linux lines: Linux ran as " laccel ", Portcullis as " accel "," unit
		split("", lx)
	}
	if (dir != "")
		printf "" > (dir "/series.tsv")
	for (s = 1; s <= nb; s++) {
		b = order[s]
		split(meta(b), m, "|")
		n = cnt[b]
		if (n < 2)
			continue
		# The points in ascending n, then the figure at n = 0 in front if there is one.
		for (i = 1; i <= n; i++) { px[i] = xs[b, i]; pv[i] = vs[b, i] }
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && px[j - 1] > px[j]; j--) {
				t = px[j]; px[j] = px[j - 1]; px[j - 1] = t
				t = pv[j]; pv[j] = pv[j - 1]; pv[j - 1] = t
			}
		lo = px[1]
		if (m[3] != "" && (m[3] in med)) {
			for (i = n; i >= 1; i--) { px[i + 1] = px[i]; pv[i + 1] = pv[i] }
			px[1] = 0; pv[1] = med[m[3]]; n++
		}
		printf "%s_<n>: %s per %s, against n = %s\n", b, unit, m[2], m[1]
		line = sprintf("  %-7s", "n:")
		for (i = 1; i <= n; i++)
			line = line sprintf(" %8s", px[i] (i == 1 && m[3] != "" && lo > 0 ? "*" : ""))
		print line
		line = sprintf("  %-7s", "median:")
		for (i = 1; i <= n; i++)
			line = line sprintf(" %8s", pv[i])
		print line
		line = "  slope:"
		for (i = 2; i <= n; i++)
			line = line sprintf(" %s", fmtnum((pv[i] - pv[i - 1]) / (px[i] - px[i - 1])) " (" px[i - 1] "-" px[i] ")")
		print line
		sx = sy = sxy = sxx = 0
		for (i = 1; i <= n; i++) { sx += px[i]; sy += pv[i]; sxy += px[i] * pv[i]; sxx += px[i] * px[i] }
		d = n * sxx - sx * sx
		a = d ? (n * sxy - sx * sy) / d : 0
		printf "  least squares: %s %s per unit of n, %+.0f at n = 0%s\n", sprintf("%+.2f", a), unit,
			(sy - a * sx) / n, (m[3] != "" && lo > 0 ? " (* n = 0 is " m[3] ")" : "")
		if (dir == "")
			continue
		# n from 1 up over a factor of 16 or more: a log scale, the n = 0 figure a line.
		logx = lo >= 1 && px[n] / lo >= 16
		printf "%s\t%s\t%s\t%d\t%s\n", b, m[1], m[2], logx, m[5] > (dir "/series.tsv")
		fn = dir "/" b ".dat"
		printf "" > fn
		# The n = 0 figure's tic names it.
		for (i = 1; i <= n; i++)
			if (!logx || px[i] > 0)
				printf "%s\t%s\t%s\n", px[i], pv[i],
					(i == 1 && m[3] != "" && lo > 0 ? "0 (" m[3] ")" : px[i]) > fn
		close(fn)
		fn = dir "/" b ".ref"
		printf "" > fn
		if (logx && m[3] != "" && px[1] == 0)
			printf "%s (n = 0)\t%s\n", m[3], pv[1] > fn
		k = split(m[4], lf, " ")
		for (i = 1; i <= k; i++)
			if (lf[i] in lx)
				printf "%s (Linux)\t%s\n", lf[i], lx[lf[i]] > fn
		close(fn)
		fn = dir "/" b ".linux"
		printf "" > fn
		close(fn)
		if (m[5] != "")
			for (l in lx)
				if (index(l, m[5] "_") == 1 && substr(l, length(m[5]) + 2) ~ /^[0-9]+$/)
					printf "%s\t%s\n", substr(l, length(m[5]) + 2), lx[l] | ("sort -n > " fn)
		close("sort -n > " fn)
	}
	printf "(%s, %s, medians; slope: the cost of one more unit of n between two points)\n", unit, accel
}

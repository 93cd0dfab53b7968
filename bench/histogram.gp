# histogram.gp - the style the benchmark plots share (bench/compare.sh's
# bench/out/bench.png, bench/docs.sh's docs/bench-results.png): clustered
# bars from a tab-separated file ("-" = not measured), on a log axis whose
# floor is 0.5, so that a figure of 1 (an `in` under icount) still shows
# as a bar instead of vanishing into the axis (issue 16, "Also").
set datafile separator "\t"
set datafile missing "-"
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [0.5:*]
set grid ytics
set key top left

# results.awk - BENCH lines (docs/bench.md) into CSV and JSON, for
# bench/run.sh and bench/linux.sh:
#   awk -v csv=FILE -v json=FILE [-v kernel=K -v cpu=C] -f bench/results.awk BENCH-LINES
# BENCH <name> accel=A unit=U median=M min=m max=x n=N [ipis=I] becomes the
# CSV row name,accel,unit,median,min,max,n,ipis (ipis empty when the line
# has none: the SMP figures count the IPIs per operation) and one object
# of the JSON's "figures" (with "ipis" only when counted).  kernel and cpu
# (the Linux run's) are added to the JSON when given.
function val(f) { sub(/^[a-z]+=/, "", f); return f }
function str(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
{ name[NR] = $2; accel = val($3); unit = val($4)
  med[NR] = val($5); lo[NR] = val($6); hi[NR] = val($7); n[NR] = val($8)
  ipis[NR] = $9 ~ /^ipis=/ ? val($9) : "" }
END {
	print "name,accel,unit,median,min,max,n,ipis" > csv
	printf "{\"accel\": \"%s\", \"unit\": \"%s\", ", accel, unit > json
	if (kernel != "")
		printf "\"kernel\": %s, ", str(kernel) > json
	if (cpu != "")
		printf "\"cpu\": %s, ", str(cpu) > json
	printf "\"figures\": [" > json
	for (i = 1; i <= NR; i++) {
		printf "%s,%s,%s,%s,%s,%s,%s,%s\n", name[i], accel, unit, med[i], lo[i], hi[i], n[i], ipis[i] > csv
		printf "%s\n  {\"name\": \"%s\", \"median\": %s, \"min\": %s, \"max\": %s, \"n\": %s%s}",
			(i > 1 ? "," : ""), name[i], med[i], lo[i], hi[i], n[i],
			(ipis[i] == "" ? "" : ", \"ipis\": " ipis[i]) > json
	}
	print "\n]}" > json
}

#!/usr/bin/env bash
# Draws load.sh's throughput results as SVG bar charts with gnuplot, one pair per database:
#
#   benchmarks/charts.sh <results dir | throughput.tsv> [out dir]      (out dir: beside the tsv)
#
#   throughput-<db>.svg   requests per second (column 5), per case and app
#   allocation-<db>.svg   bytes allocated per request (column 9; skipped, with a message, for files
#                         written before load.sh recorded it)
#
# Each bar is the median over the runs of that (db, app, case); its whisker spans the lowest to the
# highest run. Apps and cases come from the file, in the order they first appear, so a run with other
# APPS or CASES needs no change here. The same file gives the same SVG bytes (no dates, no paths in it).
set -euo pipefail

log() { printf '[charts] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $0 <results dir | throughput.tsv> [out dir]"
TSV=$1
[ -d "$TSV" ] && TSV=$TSV/throughput.tsv
[ -f "$TSV" ] || die "no such file: $TSV"
OUT_DIR=${2:-$(dirname "$TSV")}
mkdir -p "$OUT_DIR"

if ! command -v gnuplot >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing gnuplot (Debian package gnuplot-nox)"
    apt-get install -y -qq gnuplot-nox >/dev/null || { apt-get update -qq && apt-get install -y -qq gnuplot-nox >/dev/null; }
  else
    die "gnuplot is missing: sudo apt-get install gnuplot-nox"
  fi
fi
gnuplot -e 'set terminal' 2>&1 | grep -qw svg || die "this gnuplot has no svg terminal: sudo apt-get install gnuplot-nox"

# gnuplot_script <db> <column> <what> <axis label> <label format>: the whole gnuplot script of one
# chart, data included (a datablock), so that gnuplot reads nothing but its standard input.
gnuplot_script() {
  LC_ALL=C awk -F'\t' -v db="$1" -v col="$2" -v what="$3" -v ylabel="$4" -v fmt="$5" '
    function numeric(v) { return v ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }
    function quote(s) { gsub(/["\\]/, "", s); return "\"" s "\"" }
    # the median, lowest and highest of the n values in v[1..n]; sorts v
    function stats(v, n,    i, j, t) {
      for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      lo = v[1]; hi = v[n]
    }
    NF >= 5 {
      if (!($3 in app_seen)) { app_seen[$3] = 1; all_apps[++n_all_apps] = $3 }
      if (!($4 in case_seen)) { case_seen[$4] = 1; all_cases[++n_all_cases] = $4 }
      if ($2 != db || NF < col || !numeric($col)) next
      k = $3 SUBSEP $4
      vals[k, ++count[k]] = $col + 0
      has_app[$3] = 1; has_case[$4] = 1
    }
    END {
      for (i = 1; i <= n_all_apps; i++) if (all_apps[i] in has_app) apps[++n_apps] = all_apps[i]
      for (i = 1; i <= n_all_cases; i++) if (all_cases[i] in has_case) cases[++n_cases] = all_cases[i]
      if (n_apps == 0) exit 3
      top = 0; runs_min = -1; runs_max = 0
      for (c = 1; c <= n_cases; c++) {
        row = quote(cases[c])
        for (a = 1; a <= n_apps; a++) {
          k = apps[a] SUBSEP cases[c]
          n = count[k] + 0
          if (n == 0) { row = row " NaN NaN NaN"; continue }
          delete v
          for (i = 1; i <= n; i++) v[i] = vals[k, i]
          stats(v, n)
          row = row sprintf(" %.10g %.10g %.10g", med, lo, hi)
          if (hi > top) top = hi
          if (runs_min < 0 || n < runs_min) runs_min = n
          if (n > runs_max) runs_max = n
        }
        rows[c] = row
      }
      if (top <= 0) top = 1
      if (runs_max == 1) runs = "one run"
      else runs = "median of " ((runs_min == runs_max) ? runs_min : runs_min "–" runs_max) " runs; whiskers: lowest to highest run"
      # bars of one case side by side, one bar gap between cases
      gap = 1
      width = 160 + n_cases * (n_apps + gap) * 26
      if (width < 800) width = 800
      height = 560
      print "set encoding utf8"
      printf "set terminal svg size %d,%d fixed noenhanced font \"sans-serif,14\" linewidth 1.2 background rgb \"#ffffff\"\n", width, height
      printf "set title %s font \",16\"\n", quote(what " on " db ": " runs)
      print "set style data histograms"
      printf "set style histogram errorbars gap %d lw 1.2\n", gap
      print "set style fill solid 0.9 border rgb \"#333333\""
      print "set errorbars linecolor rgb \"#000000\""
      print "set border 3 lc rgb \"#333333\""
      print "set grid ytics lc rgb \"#dddddd\" lt 1"
      print "set xtics nomirror scale 0 font \",13\""
      print "set ytics nomirror"
      print "set format y \"%.0f\""
      printf "set ylabel %s\n", quote(ylabel)
      # room above the highest whisker for the rotated figure
      printf "set yrange [0:%.10g]\n", top * 1.22
      printf "set xrange [-0.6:%g]\n", n_cases - 0.4
      print "set key outside bottom center horizontal Left reverse noautotitle samplen 1.5 width 1 height 1 font \",13\""
      # the Okabe-Ito colour-blind safe palette, yellow last
      split("#0072B2 #E69F00 #009E73 #D55E00 #CC79A7 #56B4E9 #666666 #F0E442", colours, " ")
      for (i = 1; i <= 8; i++) printf "set linetype %d lc rgb \"%s\"\n", i, colours[i]
      print "set linetype cycle 8"
      print "$data << EOD"
      for (c = 1; c <= n_cases; c++) print rows[c]
      print "EOD"
      plot = "plot"
      for (a = 1; a <= n_apps; a++) {
        m = 3 * a - 1
        fill = (a > 8) ? sprintf(" fs pattern %d border rgb \"#333333\"", (a - 1) / 8 % 7 + 1) : ""
        plot = plot sprintf("%s $data using %d:%d:%d%s title %s lt %d%s", (a > 1 ? "," : ""), m, m + 1, m + 2,
          (a == 1 ? ":xtic(1)" : ""), quote(apps[a]), a, fill)
      }
      # the median of each bar, written above its whisker; a bar is 1 / (apps + gap) wide, a case centred on its row
      for (a = 1; a <= n_apps; a++) {
        m = 3 * a - 1
        plot = plot sprintf(", $data using ($0 + %.10g):($%d + %.10g):(sprintf(\"%s\", $%d)) with labels rotate by 90 left font \",11\" tc rgb \"#333333\" notitle",
          (a - (n_apps + 1) / 2) / (n_apps + gap), m + 2, top * 0.015, fmt, m)
      }
      print plot
    }' "$TSV"
}

# chart <db> <column> <file> <what> <axis label> <label format>
chart() {
  local db=$1 col=$2 file=$3 script
  script=$(gnuplot_script "$db" "$col" "$4" "$5" "$6") || { log "no figures in column $col for $db: no $file"; return 0; }
  printf '%s\n' "$script" | LC_NUMERIC=C gnuplot >"$file.tmp" && mv "$file.tmp" "$file" || { rm -f "$file.tmp"; die "gnuplot failed on $file"; }
  log "wrote $file"
}

dbs=$(LC_ALL=C awk -F'\t' 'NF >= 5 && !seen[$2]++ { print $2 }' "$TSV")
[ -n "$dbs" ] || die "no results in $TSV"
has_allocation=$(LC_ALL=C awk -F'\t' 'NF >= 9 && $9 ~ /^[0-9.]+$/ { print "yes"; exit }' "$TSV")
[ -n "$has_allocation" ] || log "$TSV has no column 9 (bytes allocated per request; older load.sh): no allocation charts"
for db in $dbs; do
  case "$db" in */* | .* | "") die "unusable database name '$db'" ;; esac
  chart "$db" 5 "$OUT_DIR/throughput-$db.svg" "Requests per second" "requests per second (higher is better)" "%.0f"
  if [ -n "$has_allocation" ]; then
    chart "$db" 9 "$OUT_DIR/allocation-$db.svg" "Heap bytes allocated per request" "bytes per request, whole JVM (lower is better)" "%.0f"
  fi
done

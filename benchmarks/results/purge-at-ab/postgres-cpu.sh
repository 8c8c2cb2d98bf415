#!/bin/bash
# Every second: epoch seconds and the summed user+system clock ticks of all postgres processes.
while true; do
  t=0
  for p in $(pgrep -x postgres); do
    s=$(cut -d' ' -f14,15 /proc/$p/stat 2>/dev/null) || continue
    set -- $s; t=$((t + ${1:-0} + ${2:-0}))
  done
  echo "$(date +%s) $t"
  sleep 1
done

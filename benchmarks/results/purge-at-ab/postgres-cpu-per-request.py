"""PostgreSQL CPU per request for each case of load.sh's log (the second figure in benchmarks/README's purge
index table): postgres-cpu.sh's samples (epoch seconds, summed clock ticks of all postgres processes, 100 per
second), taken over each case's measured window, the DURATION (8 s) that ends at the case's log line.
Usage: python3 postgres-cpu-per-request.py load.log postgres-cpu-ticks.log"""
import datetime
import re
import statistics
import sys

log, ticks = sys.argv[1], sys.argv[2]
samples = [tuple(map(int, line.split())) for line in open(ticks) if len(line.split()) == 2]


def at(t):
    return min(samples, key=lambda s: abs(s[0] - t))


results = {}
app = None
for line in open(log):
    m = re.search(r'run (\d+)/\d+, postgres: (\S+)', line)
    if m:
        app = m.group(2)
        continue
    m = re.search(r'\[load (\d\d):(\d\d):(\d\d)\]\s+(\S+): ([\d.]+) requests/s', line)
    if m and app:
        end = int(datetime.datetime(2026, 12, 1, *map(int, m.group(1, 2, 3)), tzinfo=datetime.timezone.utc).timestamp())
        (t1, c1), (t0, c0) = at(end), at(end - 8)
        rate = float(m.group(5))
        results.setdefault((app, m.group(4)), []).append((c1 - c0) * 10_000 / ((t1 - t0) * rate))
for (app, case), values in sorted(results.items()):
    print(f"{app}\t{case}\t{' '.join(f'{v:.0f}' for v in values)}\tmedian {statistics.median(values):.0f} µs")

#!/usr/bin/env python3
"""What each request cost, by who did the work, from async-profiler's collapsed stacks.

    profile-attribution.py <collapsed file> <requests> <cpu|alloc>

The file is async-profiler's "collapsed,total" output: one line per distinct stack, frames separated by
";", then the stack's total (nanoseconds for cpu, bytes for alloc). Every sample is charged to the
innermost sessionmap frame on its stack (dev.sessionmap, the benchmark apps' own controllers excepted)
together with the frame it called, so "SecureCookieCodec.seal -> Cipher.doFinal" is the JDK's work that
sessionmap asked for. Two kinds of stack under a sessionmap frame are not sessionmap's work and are
counted apart: the rest of the filter chain (Spring MVC, the controller; sessionmap's filter only passes
the request on) and the container committing the response through sessionmap's guarded output stream
(the socket write, header encoding). Prints a Markdown summary per request.
"""
import collections
import sys

OURS = ("dev/sessionmap/", "dev.sessionmap.")
APPS = ("dev/sessionmap/benchmarks/", "dev.sessionmap.benchmarks.")


def short(frame):
    """A frame without its package: Class.method."""
    return frame.rsplit("/", 1)[-1]


def attribute(stacks):
    """(totals by group, by our innermost frame, leaf frames by our innermost frame)."""
    groups = collections.Counter()
    ours = collections.Counter()
    leaves = collections.defaultdict(collections.Counter)
    for line in stacks:
        stack, _, value = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        value = int(value)
        frames = stack.split(";")
        inner = [i for i, f in enumerate(frames) if f.startswith(OURS) and not f.startswith(APPS)]
        if not inner:
            groups["framework, JDK and JVM outside sessionmap's frames"] += value
            continue
        i = inner[-1]
        called = frames[i + 1] if i + 1 < len(frames) else ""
        if "ApplicationFilterChain.doFilter" in called:
            groups["the rest of the filter chain: Spring MVC and the controller"] += value
        elif "CoyoteOutputStream" in called:
            groups["the container committing the response through sessionmap's stream"] += value
        else:
            groups["sessionmap's own work (and what it calls)"] += value
            key = short(frames[i]) + (" -> " + short(called) if called and i + 1 < len(frames) - 1 else "")
            ours[key] += value
            leaves[key][short(frames[-1])] += value
    return groups, ours, leaves


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("cpu", "alloc"):
        sys.exit(__doc__)
    path, requests, event = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if requests <= 0:
        sys.exit("no requests were measured")
    with open(path, encoding="utf-8") as stacks:
        groups, ours, leaves = attribute(stacks)
    if event == "cpu":
        unit, scale, fmt = "µs", 1e-3, "{:,.2f}"
    else:
        unit, scale, fmt = "bytes", 1.0, "{:,.0f}"

    def per_request(value):
        return fmt.format(value * scale / requests)

    total = sum(groups.values())
    print(f"{'CPU' if event == 'cpu' else 'Heap allocated'} per request ({unit}), {requests:,} requests,"
          f" from {path.rsplit('/', 1)[-1]}:")
    print()
    print(f"| who | {unit} per request |")
    print("| --- | ---: |")
    print(f"| everything the profiler saw | {per_request(total)} |")
    for group, value in groups.most_common():
        print(f"| {group} | {per_request(value)} |")
    print()
    print(f"sessionmap's own work by innermost sessionmap frame -> the frame it called (top 40; {unit} per request,"
          " then the leaf frames that took most):")
    print()
    print(f"| frame | {unit} | leaves |")
    print("| --- | ---: | --- |")
    for key, value in ours.most_common(40):
        top = ", ".join(f"{leaf} {per_request(v)}" for leaf, v in leaves[key].most_common(3))
        print(f"| {key} | {per_request(value)} | {top} |")


if __name__ == "__main__":
    main()

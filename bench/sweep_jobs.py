#!/usr/bin/python3
"""`qscale sweep --jobs 2` against `--jobs 1` on the same sweep, in one run.

Runs bench/sweep_jobs.yaml (8 small points) from scratch with --jobs 1 and --jobs 2, alternating,
`--reps` times each, and prints the wall time of each (min / median / max) and the speed-up
(median jobs-1 time / median jobs-2 time). Each run gets a fresh output directory.

  /usr/bin/python3 bench/sweep_jobs.py [--reps 3] [--qscale build/bin/qscale] [--out out/bench]

Writes OUT/sweep_jobs.json (every time) and OUT/sweep_jobs.md (the table), each atomically.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import require_executable, write_atomically  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--qscale", default="build/bin/qscale")
    ap.add_argument("--spec", default="bench/sweep_jobs.yaml")
    ap.add_argument("--out", default="out/bench")
    args = ap.parse_args()
    require_executable(args.qscale)
    os.makedirs(args.out, exist_ok=True)
    times = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as scratch:
        for rep in range(args.reps):
            for jobs in (1, 2):
                out = os.path.join(scratch, f"j{jobs}")
                shutil.rmtree(out, ignore_errors=True)
                print(f"bench: rep {rep + 1}/{args.reps}, --jobs {jobs}", file=sys.stderr,
                      flush=True)
                start = time.monotonic()
                subprocess.run([args.qscale, "sweep", args.spec, "--jobs", str(jobs), "--out",
                                out, "--quiet"], check=True, stdout=subprocess.DEVNULL)
                times[jobs].append(time.monotonic() - start)
    med = {j: statistics.median(t) for j, t in times.items()}
    lines = ["| --jobs | wall s min / median / max |", "|---|---|"]
    for j, t in times.items():
        lines.append(f"| {j} | {min(t):.1f} / {med[j]:.1f} / {max(t):.1f} s |")
    lines.append(f"\nspeed-up of --jobs 2 over --jobs 1 (median times): {med[1] / med[2]:.2f}x")
    text = "\n".join(lines) + "\n"
    write_atomically(os.path.join(args.out, "sweep_jobs.json"),
                     json.dumps({"schema": "qscale.bench_sweep_jobs/1", "seconds": times,
                                 "speedup": med[1] / med[2]}, indent=1) + "\n")
    write_atomically(os.path.join(args.out, "sweep_jobs.md"), text)
    print(text)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Does Verilator's --threads help the rtl fidelity? The compute core, verilated twice, raced.

Verilates rtl/core/accel_core.sv as the rtl fidelity's ws_exact_16x16 core (the parameters and
options read from sim/CMakeLists.txt and cmake/QscaleRtl.cmake) once with --threads 1 and once with
--threads N, each with bench/verilator_threads_main.cc, which clocks it through the same 300,000
cycles of seeded inputs. Runs the two alternately, `--reps` times each, checks that both raised
the same outputs (digest), and prints cycles/s (min / median / max) of each and the median
ratio threads-N / threads-1.

  /usr/bin/python3 bench/verilator_threads.py [--threads 2] [--reps 6] [--out out/bench]

Builds under OUT/verilator_threads/ (about a minute per build on 2 cores); writes
OUT/verilator_threads.json (every run) and OUT/verilator_threads.md (the table), atomically.
"""
import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import write_atomically  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORE = "ws_exact_16x16"
# qscale_sim_array keyword -> accel_core parameter (sim/CMakeLists.txt passes them the same way).
PARAMETER_OF = {"ROWS": "Rows", "COLS": "Cols", "KIND": "MulKind", "SP2_COLS": "Sp2Cols",
                "WEIGHT": "WeightWidth", "ACT": "ActWidth", "SP2_CODE": "Sp2CodeBits",
                "ACC": "AccWidth"}


def build_flags():
    """The Verilator options (QSCALE_VERILATOR_ARGS of cmake/QscaleRtl.cmake) and the -G
    parameters of CORE (its qscale_sim_array line in sim/CMakeLists.txt), read from the build
    files so the race verilates what the rtl fidelity runs."""
    def read(relative, pattern):
        with open(os.path.join(ROOT, relative)) as f:
            found = re.search(pattern, f.read(), re.DOTALL)
        if not found:
            sys.exit(f"verilator_threads: {relative} has no match for {pattern!r}; update "
                     "bench/verilator_threads.py to the build files")
        return found.group(1).split()
    options = read("cmake/QscaleRtl.cmake", r"set\(QSCALE_VERILATOR_ARGS ([^)]*)\)")
    words = read("sim/CMakeLists.txt", r"qscale_sim_array\(" + CORE + r" ([^)]*)\)")
    keywords = dict(zip(words[::2], words[1::2]))
    if keywords.get("TOP") != "accel_core":
        sys.exit(f"verilator_threads: {CORE} is no longer an accel_core in sim/CMakeLists.txt")
    return options, [f"-G{PARAMETER_OF[k]}={v}" for k, v in keywords.items() if k != "TOP"]


def build(threads, out, options, parameters):
    """Verilates and compiles the core with `threads`; returns the executable's path."""
    mdir = os.path.join(out, f"threads{threads}")
    rtl = glob.glob(os.path.join(ROOT, "rtl", "**", "*.sv"), recursive=True)
    rtl.sort(key=lambda f: (not f.endswith("_pkg.sv"), f))  # the package first
    log = os.path.join(out, f"build{threads}.log")
    with open(log, "w") as f:
        code = subprocess.call(
            ["verilator", "--cc", "--exe", "--build", "-j", "2", "--top", "accel_core",
             "--threads", str(threads), "-Mdir", mdir, "-MAKEFLAGS", "OPT_FAST=-O3",
             "-CFLAGS", f"-I{ROOT}"]
            + options + parameters + rtl
            + [os.path.join(ROOT, "bench", "verilator_threads_main.cc")],
            stdout=f, stderr=subprocess.STDOUT)
    if code != 0:
        sys.exit(f"verilator_threads: building with --threads {threads} failed; see {log}")
    return os.path.join(mdir, "Vaccel_core")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2, help="the threaded build's --threads")
    ap.add_argument("--reps", type=int, default=6)
    ap.add_argument("--out", default="out/bench")
    args = ap.parse_args()
    if shutil.which("verilator") is None:
        sys.exit("verilator_threads: verilator is not on PATH; install it (bash scripts/setup.sh "
                 "does, with the rest of the build)")
    cores = os.cpu_count() or 1
    if not 2 <= args.threads <= cores or args.reps < 1:
        sys.exit(f"verilator_threads: --threads must be in 2..{cores} (this machine's cores; a "
                 "verilated model refuses more threads than it can run) and --reps at least 1")
    out = os.path.join(args.out, "verilator_threads")
    os.makedirs(out, exist_ok=True)
    options, parameters = build_flags()
    binaries = {t: build(t, out, options, parameters) for t in (1, args.threads)}
    runs = {t: [] for t in binaries}
    for rep in range(args.reps):
        for t in (binaries if rep % 2 == 0 else reversed(list(binaries))):
            proc = subprocess.run([binaries[t]], capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"verilator_threads: {binaries[t]} failed ({proc.returncode}):\n"
                         f"{proc.stderr}")
            runs[t].append(json.loads(proc.stdout))
    digests = {r["digest"] for t in runs for r in runs[t]}
    if len(digests) != 1:
        sys.exit(f"verilator_threads: the builds raised different outputs (digests {digests})")
    speed = {t: sorted(r["cycles"] / r["seconds"] for r in runs[t]) for t in runs}
    lines = ["| --threads | runs | cycles/s min / median / max |", "|---|---|---|"]
    for t, v in speed.items():
        lines.append(f"| {t} | {len(v)} | {v[0]:.3g} / {statistics.median(v):.3g} / {v[-1]:.3g} |")
    ratio = statistics.median(speed[args.threads]) / statistics.median(speed[1])
    lines += ["", f"--threads {args.threads} / --threads 1, median cycles/s: {ratio:.2f}x "
              f"(both raised the same outputs, digest {digests.pop()})."]
    text = "\n".join(lines) + "\n"
    write_atomically(os.path.join(args.out, "verilator_threads.json"),
                     json.dumps({"runs": {str(t): r for t, r in runs.items()}}, indent=1) + "\n")
    write_atomically(os.path.join(args.out, "verilator_threads.md"), text)
    print(text)


if __name__ == "__main__":
    main()

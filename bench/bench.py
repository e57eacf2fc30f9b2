#!/usr/bin/python3
"""qscale's speed and memory benchmark: golden, fast and rtl on the same workloads, in one run.

Every measurement is one `qscale run` process (SystemC elaborates once per process); its JSON
report gives the evaluation's host seconds (quantization and loading excluded), MACs and cycles,
and wait4() gives its peak resident memory. Repetitions are interleaved, so a noisy neighbour
hits every case alike; the table shows min / median / max and, for the targets of
docs/performance.md, each case's MAC/s relative to the golden engine's on the same workload, two
ways: best sample over golden's best sample, and the median over reps of the ratio within a rep
(the cases of one rep run seconds apart).

  /usr/bin/python3 bench/bench.py [--reps 7] [--quick] [--only lenet5,resnet8,resnet18]
                                  [--out out/bench] [--qscale build/bin/qscale]
                                  [--compare PREVIOUS/bench.json]

Writes OUT/bench.json (every sample) and OUT/bench.md (the tables), each atomically.
`--quick` cuts image counts ~5x (a smoke run, not for the docs). `--compare` adds a table of how
far each figure (best and median MAC/s, both ratios to golden) moved since an earlier run's
bench.json: the run-to-run reproducibility docs/performance.md reports.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# name, network, {fidelity: images}; rtl only where a verilated array exists (16x16, exact).
# Image counts give every sample one to a few seconds of evaluation on this machine kind: shorter
# samples scatter by more than 10% from run to run on a shared machine.
WORKLOADS = [
    ("lenet5", "models/lenet5_fmnist.onnx", {"golden": 10000, "fast": 10000, "rtl": 200}),
    ("resnet8", "models/resnet8_fmnist.onnx", {"golden": 2000, "fast": 2000, "rtl": 16}),
    ("resnet18", "configs/topologies/resnet18.csv", {"golden": 8, "fast": 8}),
]
ARRAYS = [8, 16, 32]
RTL_ARRAYS = [16]
COMMON = ["quant.scheme=int8", "accelerator.multiplier=exact", "quant.rounding=nearest"]


def cases(only, quick):
    """(workload, array, fidelity, network, images); golden once per workload (no array)."""
    out = []
    for name, network, images in WORKLOADS:
        if only and name not in only:
            continue
        scale = 5 if quick else 1
        for fidelity, count in images.items():
            count = max(1, count // scale)
            arrays = [16] if fidelity == "golden" else (RTL_ARRAYS if fidelity == "rtl" else ARRAYS)
            for n in arrays:
                out.append((name, n, fidelity, network, count))
    return out


def measure(qscale, case, scratch):
    """One process; returns the sample dict."""
    name, n, fidelity, network, images = case
    report_path = os.path.join(scratch, "r.json")
    args = [qscale, "run", "configs/default.yaml", "--quiet", "--json", report_path,
            "--images", str(images), "--set", f"network={network}",
            "--set", f"sim.fidelity={fidelity}", "--set", f"accelerator.rows={n}",
            "--set", f"accelerator.cols={n}", "--set", f"sim.batch={min(images, 64)}"]
    for s in COMMON:
        args += ["--set", s]
    # stderr to a file, not a pipe: a pipe nobody reads until wait4() returns can fill and stall
    # the child.
    with open(os.path.join(scratch, "stderr.txt"), "w+") as err:
        start = time.monotonic()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
        wall = time.monotonic() - start
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"bench: {' '.join(args)} failed ({proc.returncode}):\n{err.read()}")
    with open(report_path) as f:
        r = json.load(f)
    host = r["host"]
    cycles = r.get("cycles", {}).get("total", 0)
    return {"workload": name, "array": n, "fidelity": fidelity, "images": images,
            "macs_per_s": host["simulated_macs_per_s"], "seconds": host["seconds"],
            "seconds_per_image": host["seconds"] / images,
            "cycles_per_s": host.get("simulated_cycles_per_s", 0.0), "cycles": cycles,
            "process_seconds": wall, "peak_rss_mib": usage.ru_maxrss / 1024.0}


def key(s):
    return (s["workload"], s["array"], s["fidelity"])


def fmt_si(v, unit):
    for div, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if v >= div:
            return f"{v / div:.3g} {prefix}{unit}"
    return f"{v:.3g} {unit}"


def spread(values):
    """The largest distance of a sample from the median, in percent of the median."""
    med = statistics.median(values)
    return 100.0 * max(abs(v - med) for v in values) / med


def paired_ratios(samples):
    """{case key: median over reps of MAC/s / the golden MAC/s of the same rep and workload}.

    A rep measures every case of a workload within seconds, while the machine's load drifts
    over minutes, so a paired ratio cancels most of the drift. Samples without a rep (older
    bench.json files) pair by order: a case's n-th sample is rep n."""
    golden, by_case = {}, {}
    for s in samples:
        rep = s.get("rep", len(by_case.get(key(s), [])))
        if s["fidelity"] == "golden":
            golden[(s["workload"], rep)] = s["macs_per_s"]
        by_case.setdefault(key(s), []).append((rep, s["macs_per_s"]))
    out = {}
    for k, values in by_case.items():
        paired = [m / golden[(k[0], rep)] for rep, m in values if (k[0], rep) in golden]
        if paired:
            out[k] = statistics.median(paired)
    return out


def summarize(samples):
    """{case key: dict} with the case's samples, best (max) and median MAC/s, and its ratios to
    the golden engine on the same workload: best over best, and the median paired ratio."""
    groups = {}
    for s in samples:
        groups.setdefault(key(s), []).append(s)
    paired = paired_ratios(samples)
    out = {}
    for k, g in groups.items():
        macs = sorted(x["macs_per_s"] for x in g)
        out[k] = {"samples": g, "macs": macs, "best": macs[-1], "median": statistics.median(macs)}
    golden_of = {k[0]: c for k, c in out.items() if k[2] == "golden"}
    for k, c in out.items():
        golden = golden_of.get(k[0])
        c["ratio_best"] = c["best"] / golden["best"] if golden else None
        c["ratio_paired"] = paired.get(k)
    return out


def case_order(k):
    return (k[0], ["golden", "fast", "rtl"].index(k[2]), k[1])


def case_cells(k):
    return f"| {k[0]} | {'-' if k[2] == 'golden' else f'{k[1]}x{k[1]}'} | {k[2]} "


def tables(samples):
    summary = summarize(samples)
    lines = ["| workload | array | fidelity | images | MAC/s min / median / max | spread % "
             "| cycles/s (median) | s / image (median) | peak RSS MiB (max) "
             "| vs golden: best / paired median |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for k in sorted(summary, key=case_order):
        c = summary[k]
        g, macs = c["samples"], c["macs"]
        cyc = statistics.median(x["cycles_per_s"] for x in g)
        spi = statistics.median(x["seconds_per_image"] for x in g)
        rss = max(x["peak_rss_mib"] for x in g)
        ratio = (f"{c['ratio_best']:.3f}x / {c['ratio_paired']:.3f}x"
                 if c["ratio_best"] is not None and c["ratio_paired"] is not None else "-")
        lines.append(case_cells(k) +
                     f"| {g[0]['images']} | {fmt_si(macs[0], 'MAC/s')} / "
                     f"{fmt_si(c['median'], 'MAC/s')} / {fmt_si(macs[-1], 'MAC/s')} "
                     f"| {spread(macs):.1f} % | {fmt_si(cyc, 'cycles/s') if cyc else '-'} "
                     f"| {spi:.4g} s | {rss:.0f} MiB | {ratio} |")
    return "\n".join(lines) + "\n"


def comparison(previous, samples, previous_path):
    """Markdown: this run's figures against a previous run's, case by case."""
    before, now = summarize(previous), summarize(samples)
    common = [k for k in sorted(now, key=case_order) if k in before]
    if not common:
        sys.exit(f"bench: {previous_path} has no case in common with this run")
    figures = [("best MAC/s", "best"), ("median MAC/s", "median"),
               ("best vs golden", "ratio_best"), ("paired median vs golden", "ratio_paired")]
    lines = [f"Against {previous_path}: change = this run / previous - 1.", "",
             "| workload | array | fidelity | " + " | ".join(f"{name} change %" for name, _ in figures)
             + " |", "|---|---|---|" + "---|" * len(figures)]
    worst = {field: (0.0, None) for _, field in figures}
    for k in common:
        cells = []
        for _, field in figures:
            v0, v1 = before[k][field], now[k][field]
            if v0 is None or v1 is None or (field.startswith("ratio") and k[2] == "golden"):
                cells.append("-")
                continue
            change = 100.0 * (v1 / v0 - 1.0)
            worst[field] = max(worst[field], (abs(change), k), key=lambda x: x[0])
            cells.append(f"{change:+.1f} %")
        lines.append(case_cells(k) + "| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Largest change: " + "; ".join(
        f"{name} {worst[field][0]:.1f} %"
        + (f" ({' '.join(map(str, worst[field][1]))})" if worst[field][1] else "")
        for name, field in figures) + ".")
    return "\n".join(lines) + "\n"


def load_previous(path):
    """The samples of an earlier bench.json; exits with one message if it is not one."""
    try:
        with open(path) as f:
            data = json.load(f)
        if data.get("schema") != "qscale.bench/1":
            raise ValueError("not a qscale.bench/1 file")
        return data["samples"]
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"bench: --compare {path}: {e}; give the bench.json of an earlier run")


def require_executable(path):
    """Exits with one message when the qscale binary is not built."""
    if not os.access(path, os.X_OK):
        sys.exit(f"bench: {path} is not an executable; build first (bash scripts/run.sh)")


def write_atomically(path, text):
    """Writes `text` to `path` through a temporary file in the same directory."""
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp.")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--out", default="out/bench")
    ap.add_argument("--qscale", default="build/bin/qscale")
    ap.add_argument("--compare", default="",
                    help="an earlier run's bench.json: adds how far each figure moved")
    args = ap.parse_args()
    require_executable(args.qscale)
    previous = load_previous(args.compare) if args.compare else None
    os.makedirs(args.out, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    todo = cases(only, args.quick)
    samples = []
    with tempfile.TemporaryDirectory() as scratch:
        for rep in range(args.reps):
            for i, case in enumerate(todo):
                print(f"bench: rep {rep + 1}/{args.reps}, case {i + 1}/{len(todo)}: "
                      f"{case[0]} {case[1]}x{case[1]} {case[2]} ({case[4]} images)",
                      file=sys.stderr, flush=True)
                samples.append(dict(measure(args.qscale, case, scratch), rep=rep))
    text = tables(samples)
    if previous is not None:
        text += "\n" + comparison(previous, samples, args.compare)
    write_atomically(os.path.join(args.out, "bench.json"),
                     json.dumps({"schema": "qscale.bench/1", "reps": args.reps,
                                 "samples": samples}, indent=1) + "\n")
    write_atomically(os.path.join(args.out, "bench.md"), text)
    print(text)


if __name__ == "__main__":
    main()

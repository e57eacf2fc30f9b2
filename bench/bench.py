#!/usr/bin/python3
"""qscale's speed and memory benchmark: fast and rtl against the golden engine, in one run.

Every case (workload, array, fidelity) is one `qscale bench` process (SystemC elaborates once per
process). It times the golden engine and the case's accelerator on the same images, alternately
(golden first, then accelerator first, ...), a pair of samples at a time, so a host that slows
down for seconds slows both members of a pair alike. `--reps` runs every case that many times,
cases interleaved. Then one `qscale run` per job (each case, and golden per workload) on a
sample's images gives, from wait4(), the peak resident memory a user's run of it holds.
Per case the table shows min / median / max MAC/s over all samples, and the case's MAC/s
relative to the golden engine, two ways:
  paired: the median over every pair of the ratio within the pair (the headline figure);
  best:   the case's fastest sample over golden's fastest in the same process, median over reps.
A workload's golden row pools the golden samples of all its cases. The rtl cases run a second
time with `--threads 1`: rtl simulates on one core, and against golden on one core too ("per
core" rows) its ratio no longer depends on how much of the second core the host gives.
Before each rep and after the last, bin/qscale_host_probe times a fixed double GEMM on one
thread and on two (nothing of qscale in it): the host table shows how fast the machine itself
was, so a change between two runs can be told apart from a change of the host.

  /usr/bin/python3 bench/bench.py [--reps 3] [--quick] [--only lenet5,resnet8,resnet18]
                                  [--out out/bench] [--qscale build/bin/qscale]
                                  [--probe build/bin/qscale_host_probe]
                                  [--compare PREVIOUS/bench.json] [--render RUN/bench.json]

Writes OUT/bench.json (every pair of every process, every probe) and OUT/bench.md (the tables),
each atomically. `--quick` runs 2 pairs per process (a smoke run, not for the docs). `--compare`
adds a table of how far each figure (median and best MAC/s, both ratios to golden) moved since an
earlier run's bench.json: the run-to-run reproducibility docs/performance.md reports. `--render`
measures nothing: it prints the tables of a finished run's bench.json (with --compare, against
another), e.g. after a change to how they are drawn.
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Records may carry "threads" and the file "host" (the probes): both optional, so files written
# before them still read (as threads 0, no host table).
SCHEMA = "qscale.bench/2"

# name, network, {(fidelity, threads): (images per accelerator sample, images per golden sample,
# pairs)}; threads 0 is one per core. rtl only where a verilated array exists (16x16, exact). A
# sample takes 0.1-1 s on this machine kind: long enough to dwarf timer and batch overheads,
# short enough that a pair sees one host.
WORKLOADS = [
    ("lenet5", "models/lenet5_fmnist.onnx",
     {("fast", 0): (2500, 2500, 11), ("rtl", 0): (80, 2500, 7), ("rtl", 1): (80, 1250, 7)}),
    ("resnet8", "models/resnet8_fmnist.onnx",
     {("fast", 0): (250, 250, 11), ("rtl", 0): (6, 250, 7), ("rtl", 1): (6, 125, 7)}),
    ("resnet18", "configs/topologies/resnet18.csv", {("fast", 0): (8, 8, 5)}),
]
PROBE_PAIRS = 10  # ~3 s per probe
ARRAYS = [8, 16, 32]
RTL_ARRAYS = [16]
COMMON = ["quant.scheme=int8", "accelerator.multiplier=exact", "quant.rounding=nearest"]


# One `qscale bench` process's job: `images` per accelerator sample, `golden_images` per golden
# sample, `threads` 0 for one per core.
Case = collections.namedtuple(
    "Case", "workload array fidelity network images golden_images pairs threads")


def cases(only, quick):
    """Every Case of the run."""
    out = []
    for name, network, plans in WORKLOADS:
        if only and name not in only:
            continue
        for (fidelity, threads), (images, golden_images, pairs) in plans.items():
            for n in RTL_ARRAYS if fidelity == "rtl" else ARRAYS:
                out.append(Case(name, n, fidelity, network, images, golden_images,
                                2 if quick else pairs, threads))
    return out


def run_process(args, scratch):
    """Runs `args` to its end; returns (peak RSS in MiB, wall seconds). Exits with the command's
    stderr when it fails."""
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
    return usage.ru_maxrss / 1024.0, wall


def job_options(network, fidelity, n, images):
    """The --set options of a case's job, shared by `qscale bench` and `qscale run`."""
    out = []
    for s in [f"network={network}", f"sim.fidelity={fidelity}", f"accelerator.rows={n}",
              f"accelerator.cols={n}", f"sim.batch={min(images, 64)}"] + COMMON:
        out += ["--set", s]
    return out


def measure(qscale, case, scratch):
    """One `qscale bench` process; returns its qscale.bench_pairs/1 record with the case's names,
    the process's peak RSS (MiB, both engines and the simulator) and wall time (s)."""
    pairs_path = os.path.join(scratch, "pairs.json")
    rss, wall = run_process(
        [qscale, "bench", "configs/default.yaml", "--quiet", "--json", pairs_path,
         "--images", str(case.images), "--golden-images", str(case.golden_images),
         "--pairs", str(case.pairs)]
        + (["--threads", str(case.threads)] if case.threads else [])
        + job_options(case.network, case.fidelity, case.array, case.images), scratch)
    with open(pairs_path) as f:
        record = json.load(f)
    record.update(workload=case.workload, array=case.array, threads=case.threads,
                  process_seconds=wall, peak_rss_mib=rss)
    return record


def run_memory(qscale, case, fidelity, scratch):
    """The peak RSS (MiB) of the `qscale run` the case times (`fidelity` golden: the golden
    engine alone on the golden sample's images): what a user's run of that job holds."""
    count = case.golden_images if fidelity == "golden" else case.images
    rss, _ = run_process([qscale, "run", "configs/default.yaml", "--quiet", "--images", str(count)]
                         + job_options(case.network, fidelity, case.array, count), scratch)
    return {"workload": case.workload, "array": 0 if fidelity == "golden" else case.array,
            "fidelity": fidelity, "images": count, "peak_rss_mib": rss}


def probe(path, scratch):
    """One qscale_host_probe run: its qscale.host_probe/1 record."""
    out = os.path.join(scratch, "probe.json")
    with open(out, "w") as f, open(os.path.join(scratch, "stderr.txt"), "w+") as err:
        code = subprocess.call([path, "--pairs", str(PROBE_PAIRS)], stdout=f, stderr=err)
        if code != 0:
            err.seek(0)
            sys.exit(f"bench: {path} failed ({code}):\n{err.read()}")
    with open(out) as f:
        return json.load(f)


def key(record):
    """(workload, array, fidelity, threads); threads 0 is one per core (files from before the
    per-core cases have no threads)."""
    return (record["workload"], record["array"], record["fidelity"], record.get("threads", 0))


def golden_key(workload, threads):
    return (workload, 0, "golden", threads)


def macs_per_s(record, images, seconds):
    return record["macs_per_image"] * images / seconds


def fmt_si(v, unit):
    for div, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if v >= div:
            return f"{v / div:.3g} {prefix}{unit}"
    return f"{v:.3g} {unit}"


def summarize(records, memory=()):
    """{case key: dict} for every case and every workload's golden engine (array 0): its MAC/s
    samples (sorted), best and median, the case's two ratios to golden, per-sample host figures,
    and the peak RSS of `qscale run` on the job (from `memory`)."""
    out = {}

    def entry(k):
        return out.setdefault(k, {"macs": [], "cycles_per_s": [], "seconds_per_image": [],
                                  "rss": [], "best_ratios": [], "paired": [], "images": 0})

    for r in records:
        case, golden = entry(key(r)), entry(golden_key(r["workload"], key(r)[3]))
        case["images"], golden["images"] = r["images"], r["golden_images"]
        best_g = best_a = 0.0
        for p in r["pairs"]:
            g = macs_per_s(r, r["golden_images"], p["golden_s"])
            a = macs_per_s(r, r["images"], p["accelerator_s"])
            golden["macs"].append(g)
            golden["seconds_per_image"].append(p["golden_s"] / r["golden_images"])
            case["macs"].append(a)
            case["seconds_per_image"].append(p["accelerator_s"] / r["images"])
            case["cycles_per_s"].append(p["cycles"] / p["accelerator_s"])
            case["paired"].append(a / g)
            best_g, best_a = max(best_g, g), max(best_a, a)
        case["best_ratios"].append(best_a / best_g)
    for m in memory:
        if key(m) in out:  # no threads in a memory record: the rows of threads 0 (all cores)
            out[key(m)]["rss"].append(m["peak_rss_mib"])
    for k, c in out.items():
        c["macs"].sort()
        c["best"] = c["macs"][-1]
        c["median"] = statistics.median(c["macs"])
        golden = k[2] == "golden"
        c["ratio_best"] = None if golden else statistics.median(c["best_ratios"])
        c["ratio_paired"] = None if golden else statistics.median(c["paired"])
    return out


def spread(values):
    """The largest distance of a sample from the median, in percent of the median."""
    med = statistics.median(values)
    return 100.0 * max(abs(v - med) for v in values) / med


def case_order(k):
    return (k[0], k[3], ["golden", "fast", "rtl"].index(k[2]), k[1])


def fidelity_name(k):
    return k[2] + (f", {k[3]} thread{'s' if k[3] > 1 else ''}" if k[3] else "")


def case_cells(k):
    return f"| {k[0]} | {'-' if k[2] == 'golden' else f'{k[1]}x{k[1]}'} | {fidelity_name(k)} "


def case_label(k):
    return " ".join([k[0]] + ([] if k[2] == "golden" else [f"{k[1]}x{k[1]}"]) + [fidelity_name(k)])


def host_summary(probes):
    """{"one thread" / "two threads": sorted GMAC/s of every probe sample}."""
    out = {"one thread": [], "two threads": []}
    for p in probes:
        for name, field in (("one thread", "one_thread_s"), ("two threads", "two_threads_s")):
            out[name] += [p["macs_per_sample"] / s / 1e9 for s in p[field]]
    return {name: sorted(v) for name, v in out.items() if v}


def host_table(probes):
    """Markdown: the host probe's double-GEMM speed over the run, one row per thread count."""
    lines = ["| host probe (double GEMM, nothing of qscale) | samples | GMAC/s min / median / max "
             "| spread % |", "|---|---|---|---|"]
    for name, v in host_summary(probes).items():
        lines.append(f"| {name} | {len(v)} | {v[0]:.2f} / {statistics.median(v):.2f} / "
                     f"{v[-1]:.2f} | {spread(v):.1f} % |")
    return "\n".join(lines) + "\n"


def tables(records, memory):
    summary = summarize(records, memory)
    lines = ["| workload | array | fidelity | images / sample | samples "
             "| MAC/s min / median / max | spread % | cycles/s (median) | s / image (median) "
             "| peak RSS of qscale run | vs golden: paired / best |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for k in sorted(summary, key=case_order):
        c = summary[k]
        macs = c["macs"]
        cyc = statistics.median(c["cycles_per_s"]) if c["cycles_per_s"] else 0.0
        spi = statistics.median(c["seconds_per_image"])
        rss = f"{max(c['rss']):.0f} MiB" if c["rss"] else "-"
        ratio = ("-" if c["ratio_best"] is None
                 else f"{c['ratio_paired']:.3f}x / {c['ratio_best']:.3f}x")
        lines.append(case_cells(k) +
                     f"| {c['images']} | {len(macs)} | {fmt_si(macs[0], 'MAC/s')} / "
                     f"{fmt_si(c['median'], 'MAC/s')} / {fmt_si(macs[-1], 'MAC/s')} "
                     f"| {spread(macs):.1f} % | {fmt_si(cyc, 'cycles/s') if cyc else '-'} "
                     f"| {spi:.4g} s | {rss} | {ratio} |")
    return "\n".join(lines) + "\n"


FIGURES = [("median MAC/s", "median"), ("paired vs golden", "ratio_paired"),
           ("best MAC/s", "best"), ("best vs golden", "ratio_best")]


def comparison(previous, records, probes, previous_path):
    """Markdown: this run's figures against a previous run's (its bench.json), case by case, the
    largest change of each figure, and how far the host probe's medians moved."""
    before, now = summarize(previous["records"]), summarize(records)
    common = [k for k in sorted(now, key=case_order) if k in before]
    if not common:
        sys.exit(f"bench: {previous_path} has no case in common with this run")
    lines = [f"Against {previous_path}: change = this run / previous - 1.", "",
             "| workload | array | fidelity | "
             + " | ".join(f"{name} change %" for name, _ in FIGURES) + " |",
             "|---|---|---|" + "---|" * len(FIGURES)]
    worst = {field: (0.0, None) for _, field in FIGURES}
    for k in common:
        cells = []
        for _, field in FIGURES:
            v0, v1 = before[k][field], now[k][field]
            if v0 is None or v1 is None:
                cells.append("-")
                continue
            change = 100.0 * (v1 / v0 - 1.0)
            worst[field] = max(worst[field], (abs(change), k), key=lambda x: x[0])
            cells.append(f"{change:+.1f} %")
        lines.append(case_cells(k) + "| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Largest change: " + "; ".join(
        f"{name} {worst[field][0]:.1f} %"
        + (f" ({case_label(worst[field][1])})" if worst[field][1] else "")
        for name, field in FIGURES) + ".")
    host_before, host_now = host_summary(previous.get("host", [])), host_summary(probes)
    moved = []
    for name, v in host_before.items():
        if name in host_now:
            change = 100.0 * (statistics.median(host_now[name]) / statistics.median(v) - 1.0)
            moved.append(f"{name} {change:+.1f} %")
    if moved:
        lines += ["", "Host probe, change of the median GMAC/s: " + "; ".join(moved) + "."]
    return "\n".join(lines) + "\n"


def report(records, memory, probes, previous, previous_path):
    """The run's markdown: the case table, the host table (when probed) and, with `previous`
    (an earlier bench.json), the comparison."""
    text = tables(records, memory)
    if probes:
        text += "\n" + host_table(probes)
    if previous is not None:
        text += "\n" + comparison(previous, records, probes, previous_path)
    return text


def load_run(path, option):
    """An earlier run's bench.json (records, memory, host probes); exits with one message naming
    `option` if it is not one."""
    try:
        with open(path) as f:
            data = json.load(f)
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} file (schema {data.get('schema')!r}; files from "
                             "before qscale bench cannot be read)")
        if not isinstance(data.get("records"), list):
            raise ValueError("no records")
        return data
    except (OSError, ValueError) as e:
        sys.exit(f"bench: {option} {path}: {e}; give the bench.json of an earlier run")


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
    ap.add_argument("--reps", type=int, default=3, help="processes per case (default 3)")
    ap.add_argument("--quick", action="store_true", help="2 pairs per process: a smoke run")
    ap.add_argument("--only", default="", help="workloads, e.g. lenet5,resnet18")
    ap.add_argument("--out", default="out/bench")
    ap.add_argument("--qscale", default="build/bin/qscale")
    ap.add_argument("--probe", default="build/bin/qscale_host_probe")
    ap.add_argument("--compare", default="",
                    help="an earlier run's bench.json: adds how far each figure moved")
    ap.add_argument("--render", default="",
                    help="a finished run's bench.json: print its tables, measure nothing")
    args = ap.parse_args()
    if args.reps < 1:
        sys.exit("bench: --reps must be at least 1")
    previous = load_run(args.compare, "--compare") if args.compare else None
    if args.render:
        run = load_run(args.render, "--render")
        print(report(run["records"], run.get("memory", []), run.get("host", []), previous,
                     args.compare))
        return
    require_executable(args.qscale)
    require_executable(args.probe)
    os.makedirs(args.out, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    todo = cases(only, args.quick)
    if not todo:
        sys.exit(f"bench: --only {args.only}: no such workload "
                 f"(workloads: {', '.join(w[0] for w in WORKLOADS)})")
    records, memory, probes = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for rep in range(args.reps):
            print(f"bench: rep {rep + 1}/{args.reps}, host probe", file=sys.stderr, flush=True)
            probes.append(dict(probe(args.probe, scratch), rep=rep))
            for i, case in enumerate(todo):
                print(f"bench: rep {rep + 1}/{args.reps}, case {i + 1}/{len(todo)}: "
                      f"{case.workload} {case.array}x{case.array} {case.fidelity}"
                      f"{f' --threads {case.threads}' if case.threads else ''} "
                      f"({case.pairs} pairs)",
                      file=sys.stderr, flush=True)
                records.append(dict(measure(args.qscale, case, scratch), rep=rep))
        print("bench: host probe after the last rep", file=sys.stderr, flush=True)
        probes.append(dict(probe(args.probe, scratch), rep=args.reps))
        print("bench: peak memory of qscale run, one process per job", file=sys.stderr,
              flush=True)
        # A --threads 1 case's job is its all-cores twin's: its memory is measured once, there.
        for case in (c for c in todo if not c.threads):
            if not any(m["workload"] == case.workload and m["fidelity"] == "golden"
                       for m in memory):
                memory.append(run_memory(args.qscale, case, "golden", scratch))
            memory.append(run_memory(args.qscale, case, case.fidelity, scratch))
    text = report(records, memory, probes, previous, args.compare)
    write_atomically(os.path.join(args.out, "bench.json"),
                     json.dumps({"schema": SCHEMA, "reps": args.reps, "records": records,
                                 "memory": memory, "host": probes}, indent=1) + "\n")
    write_atomically(os.path.join(args.out, "bench.md"), text)
    print(text)


if __name__ == "__main__":
    main()

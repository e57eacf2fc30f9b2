#!/usr/bin/python3
"""Cycles, stalls, utilization and DRAM traffic of every scheme on the default accelerator.

Runs `build/bin/qscale run configs/default.yaml` in `fast` fidelity once per (network, setting),
keeps each JSON report under --out (finished points are not run again), and prints a Markdown
table per network.

  /usr/bin/python3 scripts/accelerator_table.py [--models lenet5_fmnist,resnet8_fmnist]
                                                [--images N] [--out DIR]
"""
import argparse
import os

from cached_report import cached_report

# (tag, label, --set overrides)
POINTS = [
    ("int8", "int8, exact multiplier", ["quant.scheme=int8", "accelerator.multiplier=exact"]),
    ("fixed", "fixed, exact multiplier", ["quant.scheme=fixed", "accelerator.multiplier=exact"]),
    ("qsq", "qsq, csd multiplier (quality 3)", ["quant.scheme=qsq"]),
    ("nuuq8", "nuuq N=8, exact multiplier", ["quant.scheme=nuuq", "quant.nuuq.levels=8",
                                             "accelerator.multiplier=exact"]),
    ("nuuq8_bs", "nuuq N=8, bit-serial multiplier", ["quant.scheme=nuuq", "quant.nuuq.levels=8",
                                                     "accelerator.multiplier=bitserial"]),
    ("msq", "msq, 8 SP2 + 8 exact columns", ["quant.scheme=msq"]),
    ("int8_os", "int8, exact, output stationary", ["quant.scheme=int8",
                                                   "accelerator.multiplier=exact",
                                                   "accelerator.dataflow=os"]),
]


def run(model, tag, sets, images, out):
    return cached_report(os.path.join(out, f"{model}_{tag}_{images}.json"),
                         [f"network=models/{model}.onnx", "sim.fidelity=fast",
                          f"dataset.images={images}"] + sets, f"{model} {tag}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="lenet5_fmnist,resnet8_fmnist")
    parser.add_argument("--images", type=int, default=10000)
    parser.add_argument("--out", default="out/accelerator_table")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for model in args.models.split(","):
        print(f"\n### {model} on the default 16x16 array at 500 MHz ({args.images} images, fast)\n")
        print("| setting | top-1 | cycles / image | ms / image | stall | utilization "
              "| DRAM KiB / image (weights) | host s |")
        print("|---|---|---|---|---|---|---|---|")
        for tag, label, sets in POINTS:
            r = run(model, tag, sets, args.images, args.out)
            n = r["accuracy"]["images"]
            c = r["cycles"]
            d = r["traffic"]["dram_bits"]
            dram = (d["weights"] + d["inputs"] + d["outputs"]) / 8192 / n
            print(f"| {label} | {100 * r['accuracy']['top1']:.2f}% | {c['total'] / n:,.0f} "
                  f"| {1e3 * c['seconds_at_clock'] / n:.4f} | {100 * c['stall'] / c['total']:.1f}% "
                  f"| {100 * r['utilization']:.1f}% | {dram:.1f} ({d['weights'] / 8192 / n:.2f}) "
                  f"| {r['host']['seconds']:.1f} |", flush=True)


if __name__ == "__main__":
    main()

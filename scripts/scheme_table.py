#!/usr/bin/python3
"""Accuracy and memory of every quantization scheme on the trained networks (golden engine).

Runs `build/bin/qscale run configs/default.yaml` once per (network, scheme setting) on all test
images, keeps each JSON report under --out (a finished point is not run again, so an interrupted
table resumes), and prints a Markdown table: top-1, loss vs float, weight memory vs fp32 and int8,
zero weights, and the scheme's own figures.

  /usr/bin/python3 scripts/scheme_table.py [--models lenet5_fmnist,resnet8_fmnist] [--out DIR]
"""
import argparse
import os

from cached_report import cached_report

# (tag, label, --set overrides)
POINTS = [
    ("float", "float", ["quant.scheme=float"]),
    ("int8", "int8 (exact multiplier)", ["quant.scheme=int8", "accelerator.multiplier=exact"]),
    ("fixed", "fixed (budget 1%)", ["quant.scheme=fixed", "accelerator.multiplier=exact"]),
    ("qsq_q8", "qsq 7 levels, exact product", ["quant.scheme=qsq", "accelerator.csd_quality=8"]),
    ("qsq_q4", "qsq 7 levels, CSD quality 4", ["quant.scheme=qsq", "accelerator.csd_quality=4"]),
    ("qsq_q3", "qsq 7 levels, CSD quality 3", ["quant.scheme=qsq", "accelerator.csd_quality=3"]),
    ("qsq_q2", "qsq 7 levels, CSD quality 2", ["quant.scheme=qsq", "accelerator.csd_quality=2"]),
    ("qsq_q1", "qsq 7 levels, CSD quality 1", ["quant.scheme=qsq", "accelerator.csd_quality=1"]),
    ("qsq5", "qsq 5 levels, exact product", ["quant.scheme=qsq", "quant.qsq.levels=5",
                                             "accelerator.csd_quality=8"]),
    ("qsq3", "qsq 3 levels, exact product", ["quant.scheme=qsq", "quant.qsq.levels=3",
                                             "accelerator.csd_quality=8"]),
    ("nuuq8", "nuuq N=8", ["quant.scheme=nuuq", "quant.nuuq.levels=8"]),
    ("nuuq5", "nuuq N=5", ["quant.scheme=nuuq", "quant.nuuq.levels=5"]),
    ("nuuq4", "nuuq N=4", ["quant.scheme=nuuq", "quant.nuuq.levels=4"]),
    ("nuuq3", "nuuq N=3", ["quant.scheme=nuuq", "quant.nuuq.levels=3"]),
    ("msq", "msq 4-bit, SP2 0.5, 10% 8-bit", ["quant.scheme=msq"]),
]


def run(model, tag, sets, out):
    return cached_report(os.path.join(out, f"{model}_{tag}.json"),
                         [f"network=models/{model}.onnx", "sim.fidelity=golden"] + sets,
                         f"{model} {tag}")


def extra(report):
    d = report.get("quant", {}).get("details", {})
    layers = report.get("quant", {}).get("layers", [])
    if "memory_vs_8bit_ratio" in d:
        return (f"memory {d['memory_vs_8bit_ratio']:.2f}x, mult. cost "
                f"{d['multiplication_cost_vs_8bit_ratio']:.2f}x (operands "
                f"{d['operand_multiplication_cost_vs_8bit_ratio']:.2f}x) of 8-bit")
    if layers and "stored_bits_per_weight" in layers[0]["details"]:
        bits = sum(l["code_bits"] for l in layers) / sum(l["weights"] for l in layers)
        eq = layers[0]["details"]["equivalent_bits_per_weight"]
        return f"{eq:.2f} equivalent, {bits:.3f} stored bits/weight"
    if layers and "sp2_rows" in layers[0]["details"]:
        rows = int(sum(l["details"]["rows"] for l in layers))
        sp2 = int(sum(l["details"]["sp2_rows"] for l in layers))
        return f"SP2 rows {sp2}/{rows}"
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="lenet5_fmnist,resnet8_fmnist")
    parser.add_argument("--out", default="out/scheme_table")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for model in args.models.split(","):
        print(f"\n### {model} (10,000 Fashion-MNIST test images, golden engine)\n")
        print("| scheme | top-1 | loss vs float (points) | weights vs fp32 | weights vs int8 "
              "| zero weights | scheme figures |")
        print("|---|---|---|---|---|---|---|")
        for tag, label, sets in POINTS:
            r = run(model, tag, sets, args.out)
            top1 = 100 * r["accuracy"]["top1"]
            loss = 100 * (r["accuracy"]["float_top1"] - r["accuracy"]["top1"])
            mem = r["memory"]["weight_bits"] / r["memory"]["float_bits"]
            int8 = r["memory"].get("int8_bits")
            vs8 = f"{r['memory']['weight_bits'] / int8:.3f}x" if int8 else "-"
            zeros = r.get("quant", {}).get("zero_weight_fraction")
            zero = f"{100 * zeros:.1f}%" if zeros is not None else "-"
            print(f"| {label} | {top1:.2f}% | {loss:+.2f} | {mem:.3f}x | {vs8} | {zero} "
                  f"| {extra(r)} |", flush=True)


if __name__ == "__main__":
    main()

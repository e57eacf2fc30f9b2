#!/usr/bin/env python3
"""rtl fidelity acceptance: for each network and scheme (default multipliers of
configs/default.yaml), run `qscale run` at sim.fidelity fast and rtl on the same images and
check that the logits (accuracy.logits_digest), the accuracy and every cycle figure are
identical. Prints a Markdown table (and writes it with --table FILE) with the cycles and the
rtl speed (simulated cycles per host second).

  scripts/rtl_acceptance.py [--images 100] [--networks lenet5_fmnist,resnet8_fmnist]
                            [--schemes int8,fixed,qsq,nuuq,msq] [--qscale build/bin/qscale]
                            [--table FILE] [--scratch DIR]

Exit status 1 if any pair differs. Minutes per network at 100 images (the rtl runs dominate).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def run(qscale, network, scheme, fidelity, images, scratch):
    out = os.path.join(scratch, f"{os.path.basename(network)}_{scheme}_{fidelity}.json")
    cmd = [qscale, "run", "configs/default.yaml", "--quiet", "--images", str(images),
           "--set", f"network={network}", "--set", f"quant.scheme={scheme}",
           "--set", f"sim.fidelity={fidelity}", "--json", out]
    start = time.time()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    with open(out) as f:
        return json.load(f), wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--networks", default="lenet5_fmnist,resnet8_fmnist")
    parser.add_argument("--schemes", default="int8,fixed,qsq,nuuq,msq")
    parser.add_argument("--qscale", default="build/bin/qscale")
    parser.add_argument("--table")
    parser.add_argument("--scratch")
    args = parser.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    scratch = args.scratch or tempfile.mkdtemp(prefix="qscale_rtl_acceptance_")
    os.makedirs(scratch, exist_ok=True)

    rows = ["| network | scheme | datapath | cycles (fast = rtl) | logits | top1 | "
            "rtl cycles/s | rtl s | fast s |",
            "|---|---|---|---|---|---|---|---|---|"]
    failed = False
    for net in args.networks.split(","):
        network = f"models/{net}.onnx"
        for scheme in args.schemes.split(","):
            fast, fast_wall = run(args.qscale, network, scheme, "fast", args.images, scratch)
            rtl, rtl_wall = run(args.qscale, network, scheme, "rtl", args.images, scratch)
            same = (fast["cycles"] == rtl["cycles"] and
                    fast["accuracy"]["logits_digest"] == rtl["accuracy"]["logits_digest"] and
                    fast["accuracy"]["top1"] == rtl["accuracy"]["top1"] and
                    fast.get("traffic") == rtl.get("traffic"))
            failed |= not same
            speed = rtl["host"].get("simulated_cycles_per_s", 0)
            rows.append(
                f"| {net} | {scheme} | {rtl['quant']['datapath']} | {rtl['cycles']['total']:,}"
                f"{'' if same else ' DIFFERS'} | "
                f"{'identical' if same else 'DIFFER'} ({rtl['accuracy']['logits_digest'][:8]}) | "
                f"{100 * rtl['accuracy']['top1']:.1f}% | {speed:,.0f} | {rtl_wall:.0f} | "
                f"{fast_wall:.0f} |")
            print(rows[-1], flush=True)
    table = "\n".join(rows) + "\n"
    print(f"\n{args.images} images per run\n\n{table}")
    if args.table:
        with open(args.table, "w") as f:
            f.write(f"{args.images} images per run\n\n{table}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

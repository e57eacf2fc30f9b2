#!/usr/bin/python3
"""Plots a sweep's results (qscale sweep): accuracy vs energy per inference with the Pareto front
highlighted, and cycles per image vs area, as PNG files beside the results.

  /usr/bin/python3 scripts/plot_sweep.py DIR [--label KEY]

DIR holds results.csv and pareto.csv. Without energy figures (runs without an energy model)
cycles per image stand in on the x axis; without area the second plot uses the array's PE count
from the accelerator.rows/cols axes when the sweep has them, and is skipped otherwise. Each point
is labelled with its value of --label (an axis key) when given.
"""
import argparse
import csv
import os
import sys

try:
    import matplotlib
except ImportError:
    sys.exit("plot_sweep.py needs Debian's matplotlib for /usr/bin/python3: "
             "bash scripts/install_packages.sh python3-matplotlib")

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path, newline="") as f:
        return [row for row in csv.DictReader(f) if row.get("status") == "ok"]


def number(row, key):
    value = row.get(key, "")
    return float(value) if value not in ("", None) else None


def save(fig, path):
    tmp = path + ".partial.png"
    fig.savefig(tmp, dpi=120, bbox_inches="tight")
    os.replace(tmp, path)
    print(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    rows = read(os.path.join(args.dir, "results.csv"))
    front = {row["id"] for row in read(os.path.join(args.dir, "pareto.csv"))}
    if not rows:
        sys.exit(f"{args.dir}: no finished points in results.csv")

    energy = all(number(r, "energy_pj_per_image") is not None for r in rows)
    xkey = "energy_pj_per_image" if energy else "cycles_per_image"
    xscale = 1e-6 if energy else 1.0
    xlabel = "energy per inference (uJ)" if energy else "cycles per image (no energy figures)"
    fig, ax = plt.subplots(figsize=(7, 5))
    for on_front in (False, True):
        pts = [r for r in rows if (r["id"] in front) == on_front]
        ax.scatter([number(r, xkey) * xscale for r in pts],
                   [100 * number(r, "top1") for r in pts],
                   s=40 if on_front else 18, c="tab:red" if on_front else "tab:blue",
                   label="Pareto front" if on_front else "points", zorder=3 if on_front else 2)
    front_pts = sorted((number(r, xkey) * xscale, 100 * number(r, "top1"))
                       for r in rows if r["id"] in front)
    if len(front_pts) > 1:
        ax.plot(*zip(*front_pts), c="tab:red", lw=1, zorder=1)
    if args.label:
        for r in rows:
            ax.annotate(r.get(args.label, ""), (number(r, xkey) * xscale, 100 * number(r, "top1")),
                        fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("top-1 accuracy (%)")
    ax.set_title(os.path.basename(os.path.normpath(args.dir)))
    ax.grid(alpha=0.3)
    ax.legend()
    save(fig, os.path.join(args.dir, "accuracy_vs_energy.png"))
    plt.close(fig)

    if all(number(r, "area_um2") is not None for r in rows):
        areas = [number(r, "area_um2") * 1e-6 for r in rows]
        alabel = "accelerator area (mm^2)"
    elif all(r.get("accelerator.rows") and r.get("accelerator.cols") for r in rows):
        areas = [float(r["accelerator.rows"]) * float(r["accelerator.cols"]) for r in rows]
        alabel = "array PEs (rows x cols; no area figures)"
    else:
        print("no area figures and no array-size axes: cycles_vs_area.png skipped")
        return
    fig, ax = plt.subplots(figsize=(7, 5))
    ax.scatter(areas, [number(r, "cycles_per_image") for r in rows],
               c=["tab:red" if r["id"] in front else "tab:blue" for r in rows], s=24)
    ax.set_xlabel(alabel)
    ax.set_ylabel("cycles per image")
    ax.set_yscale("log")
    ax.grid(alpha=0.3)
    save(fig, os.path.join(args.dir, "cycles_vs_area.png"))
    plt.close(fig)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Plots a sweep's results (qscale sweep): accuracy vs energy per inference and cycles per image
vs area, as PNG files beside the results.

  /usr/bin/python3 scripts/plot_sweep.py DIR [--label KEY] [--color KEY]

Points are coloured by --color (an axis key; default quant.scheme when swept); points on the
sweep's Pareto front over all four objectives (pareto.csv: top-1, energy, area, cycles) are
ringed in black, and the line is each plot's own two-objective front.

DIR holds results.csv and pareto.csv. Without energy figures (runs without an energy model)
cycles per image stand in on the x axis; without area the second plot uses the array's PE count
from the accelerator.rows/cols axes when the sweep has them, and is skipped otherwise. Each point
is labelled with its value of --label (an axis key) when given. A plot whose figures some point
lacks (top-1 of runs without a test set, cycles of float runs) is skipped with a message.
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


def front_2d(points, maximize_y):
    """The (x, y) points no other point beats on both (x smaller, y larger or smaller), by x."""
    out = []
    for x, y in sorted(points, key=lambda p: (p[0], -p[1] if maximize_y else p[1])):
        if not out or (y > out[-1][1] if maximize_y else y < out[-1][1]):
            out.append((x, y))
    return out


def scatter(ax, rows, xs, ys, front, color_key):
    """Points coloured by their value of color_key, the 4-objective front ringed, and a legend."""
    groups = {}
    for r, x, y in zip(rows, xs, ys):
        groups.setdefault(r.get(color_key, "") if color_key else "", []).append((r, x, y))
    for name, pts in groups.items():
        ax.scatter([p[1] for p in pts], [p[2] for p in pts], s=26, label=name or "points",
                   zorder=3)
    ringed = [(x, y) for r, x, y in zip(rows, xs, ys) if r["id"] in front]
    if ringed:
        ax.scatter(*zip(*ringed), s=90, facecolors="none", edgecolors="black", linewidths=0.8,
                   label="Pareto front (4 objectives)", zorder=4)


def save(fig, path):
    tmp = path + ".partial.png"
    fig.savefig(tmp, dpi=120, bbox_inches="tight")
    os.replace(tmp, path)
    print(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--label", default="", help="annotate each point with this axis key")
    parser.add_argument("--color", default="quant.scheme", help="colour points by this axis key")
    args = parser.parse_args()
    rows = read(os.path.join(args.dir, "results.csv"))
    front = {row["id"] for row in read(os.path.join(args.dir, "pareto.csv"))}
    if not rows:
        sys.exit(f"{args.dir}: no finished points in results.csv")

    color = args.color if args.color and all(args.color in r for r in rows) else ""
    title = os.path.basename(os.path.normpath(args.dir))
    if all(number(r, "top1") is not None for r in rows):
        plot_accuracy(args, rows, front, color, title)
    else:
        print(f"{os.path.join(args.dir, 'results.csv')}: no top1 figure for every point (runs "
              "without a test set, e.g. on a topology, report no accuracy): "
              "accuracy_vs_energy.png skipped")
    plot_cycles(args, rows, front, color, title)


def plot_accuracy(args, rows, front, color, title):
    """accuracy_vs_energy.png: top-1 against energy per inference (or cycles per image)."""
    energy = all(number(r, "energy_pj_per_image") is not None for r in rows)
    xkey = "energy_pj_per_image" if energy else "cycles_per_image"
    if not all(number(r, xkey) is not None for r in rows):
        print("no energy or cycle figure for every point: accuracy_vs_energy.png skipped")
        return
    xscale = 1e-6 if energy else 1.0
    xlabel = "energy per inference (uJ)" if energy else "cycles per image (no energy figures)"
    xs = [number(r, xkey) * xscale for r in rows]
    ys = [100 * number(r, "top1") for r in rows]
    fig, ax = plt.subplots(figsize=(7, 5))
    scatter(ax, rows, xs, ys, front, color)
    ax.plot(*zip(*front_2d(zip(xs, ys), maximize_y=True)), c="gray", lw=1, zorder=1,
            drawstyle="steps-post", label="front: top-1 vs " + ("energy" if energy else "cycles"))
    if args.label:
        for r, x, y in zip(rows, xs, ys):
            ax.annotate(r.get(args.label, ""), (x, y), fontsize=7, xytext=(3, 3),
                        textcoords="offset points")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("top-1 accuracy (%)")
    ax.set_title(f"{title}: accuracy vs energy")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    save(fig, os.path.join(args.dir, "accuracy_vs_energy.png"))
    plt.close(fig)


def plot_cycles(args, rows, front, color, title):
    """cycles_vs_area.png: cycles per image against area (or the array's PE count)."""
    if all(number(r, "area_um2") is not None for r in rows):
        areas = [number(r, "area_um2") * 1e-6 for r in rows]
        alabel = "accelerator area (mm^2)"
    elif all(r.get("accelerator.rows") and r.get("accelerator.cols") for r in rows):
        areas = [float(r["accelerator.rows"]) * float(r["accelerator.cols"]) for r in rows]
        alabel = "array PEs (rows x cols; no area figures)"
    else:
        print("no area figures and no array-size axes: cycles_vs_area.png skipped")
        return
    cycles = [number(r, "cycles_per_image") for r in rows]
    if None in cycles:
        print("no cycle figure for every point: cycles_vs_area.png skipped")
        return
    fig, ax = plt.subplots(figsize=(7, 5))
    scatter(ax, rows, areas, cycles, front, color)
    ax.plot(*zip(*front_2d(zip(areas, cycles), maximize_y=False)), c="gray", lw=1, zorder=1,
            drawstyle="steps-post", label="front: cycles vs area")
    ax.set_xlabel(alabel)
    ax.set_ylabel("cycles per image")
    ax.set_yscale("log")
    ax.set_title(f"{title}: cycles vs area")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    save(fig, os.path.join(args.dir, "cycles_vs_area.png"))
    plt.close(fig)


if __name__ == "__main__":
    main()

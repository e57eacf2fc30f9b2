"""Weight quantizers of models/qat.py: the qsq, nuuq and msq level sets and assignment rules of
DESIGN.md section 1, written to give exactly the values the C++ quantizers (src/quant/) hold.

Every array is float64 (numpy or torch); a weight matrix is [rows, k], one row per output
channel (the C++ layer's rows, im2col order). Rounding is half away from zero (std::round,
std::lround), ties between levels go where the C++ sends them. What mirrors what:

  qsq   qsq_fit            <- FitQsqVector: Lloyd from the std x {0.5, 0.75, 1, 1.5, 2} starts
        qsq_lloyd          <- qsq.cc Lloyd (assign to the nearest level, least-squares refit)
        qsq_frac_bits      <- QuantizeQsqWeights: F, the most fractional bits that fit every scale
        qsq_quantize       <- QuantizeQsqWeights' code choice against the stored integer scales
        qsq_exact          <- qsq.cc ExactStoredScales: the (F, scales) the C++ recovers from
                              weights already on a QSQ level set
  nuuq  nuuq_levels        <- NuuqLevels: quantile starts, assign / update / snap, Separate
        nuuq_separate      <- nuuq.cc Separate
        nuuq_nearest       <- nuuq.cc NearestLevel (lower level on ties)
        nuuq_exact_lut     <- nuuq.cc ExactGridLevels: the LUT the C++ recovers from a channel
                              already on at most N grid points (unused entries filled 0, 1, -1, ..)
  msq   msq_assignment     <- QuantizeMsqWeights: alpha grid {0.50..1.00} x max|w|, 8-bit rows by
                              4-bit error, SP2 rows by (SP2 error - fixed error)
        msq_formats        <- msq.cc FixedFormat / Sp2Format (golden::Sp2Weight)
        msq_nearest        <- msq.cc Nearest (lower level on ties)

QAT-only rules (what makes the fine-tuned weights a fixed point of the C++ quantizer):
  qsq   a vector's scale is a param_bits-bit integer times the layer's 2^-F, F as the C++ picks it.
  nuuq  the grid unit is u = |outermost level| / (2^(B-1) - 1), so the outermost level is exactly
        +-(2^(B-1) - 1) u and max|w_q| = that level: QuantizeNuuqWeights' u = max|w| / (2^(B-1)-1)
        then recomputes the same u (nuuq_snap).
  msq   alpha is rounded to float32 and every format's largest level is alpha itself, so
        max|w_q| = alpha and the C++ grid's factor 1.00 recovers it with zero error.
"""

import functools
import math

import numpy as np
import torch

QSQ_STARTS = (0.5, 0.75, 1.0, 1.5, 2.0)
MSQ_ALPHA_STEPS = 11
MSQ_HIGH_BITS = 8
NUUQ_ON_GRID = 1e-4  # grid units; mirrors nuuq.cc kOnGrid


def round_half_away(x):
    """std::round for numpy arrays, torch tensors and floats."""
    if isinstance(x, torch.Tensor):
        return torch.sign(x) * torch.floor(torch.abs(x) + 0.5)
    if isinstance(x, np.ndarray):
        return np.sign(x) * np.floor(np.abs(x) + 0.5)
    return math.copysign(math.floor(abs(x) + 0.5), x)


def to_float32(x):
    """The float32 value of a float64 tensor, kept as float64."""
    return x.to(torch.float32).to(torch.float64)


# ----------------------------------------------------------------------------------------------
# qsq
# ----------------------------------------------------------------------------------------------

def qsq_max_e(levels):
    return {7: 3, 5: 2, 3: 1}[levels]


def qsq_multipliers(levels):
    """{0, 1, -1, 2, -2, 4, -4} up to `levels` entries, in qsq.cc Multipliers order."""
    out = [0.0]
    for e in range(1, qsq_max_e(levels) + 1):
        out += [2.0 ** (e - 1), -(2.0 ** (e - 1))]
    return torch.tensor(out, dtype=torch.float64)


def qsq_assign(w, scale, mults):
    """The multiplier l of each weight's nearest level l * scale (0 first on ties)."""
    d = (w[:, :, None] - mults[None, None, :] * scale[:, None, None]).abs()
    return mults[d.argmin(dim=2)]


def qsq_lloyd(w, scale, mults, iterations=100):
    """Lloyd iterations per row from `scale` [rows] until a row's assignment stops changing."""
    scale = scale.clone()
    assigned = torch.full_like(w, float("nan"))
    active = torch.ones(w.shape[0], dtype=torch.bool)
    for _ in range(iterations):
        l = qsq_assign(w, scale, mults)
        changed = (l != assigned).any(dim=1) & active
        assigned = torch.where(changed[:, None], l, assigned)
        active = changed
        if not bool(active.any()):
            break
        sll = (assigned * assigned).sum(dim=1)
        slx = (assigned * w).sum(dim=1)
        refit = active & (sll > 0)
        scale = torch.where(refit, (slx / torch.where(sll > 0, sll, torch.ones_like(sll))).abs(),
                            scale)
        active = refit
    return scale


def qsq_error(w, scale, mults):
    return ((w - qsq_assign(w, scale, mults) * scale[:, None]) ** 2).sum(dim=1)


def qsq_fit(w, levels):
    """FitQsqVector on every row of w (mean off): the scale with the least squared error."""
    mults = qsq_multipliers(levels)
    n = w.shape[1]
    average = w.sum(dim=1) / n
    std = torch.sqrt(torch.clamp((w * w).sum(dim=1) / n - average * average, min=0.0))
    best = torch.zeros(w.shape[0], dtype=torch.float64)
    best_error = torch.full((w.shape[0],), float("inf"), dtype=torch.float64)
    for start in QSQ_STARTS:
        fit = qsq_lloyd(w, std * start, mults)
        error = qsq_error(w, fit, mults)
        better = error < best_error
        best = torch.where(better, fit, best)
        best_error = torch.where(better, error, best_error)
    return best


def qsq_frac_bits(largest, param_bits):
    top = 2.0 ** (param_bits - 1) - 1
    if largest <= 0:
        return 0
    frac = math.floor(math.log2(top / largest))
    while round_half_away(largest * 2.0 ** frac) > top:
        frac -= 1
    return frac


def qsq_quantize(w, scale, levels, param_bits):
    """Stored form of real scales [rows]: (w_q, integer scales, F). w_q = l * S * 2^-F."""
    top = 2.0 ** (param_bits - 1) - 1
    frac = qsq_frac_bits(float(scale.max()), param_bits)
    stored = torch.clamp(round_half_away(scale * 2.0 ** frac), 0.0, top)
    step = stored * 2.0 ** -frac
    w_q = qsq_assign(w, step, qsq_multipliers(levels)) * step[:, None]
    return w_q, stored, frac


def qsq_exact(w, levels, param_bits):
    """ExactStoredScales: (F, stored scales) reproducing w exactly, or None (see qsq.cc)."""
    top = 2 ** (param_bits - 1) - 1
    w = np.asarray(w, dtype=np.float64)
    if not w.any():
        return 0, [0.0] * w.shape[0]
    candidates = []  # per row: valid scales, largest first
    for row in w:
        mags = np.abs(row[row != 0])
        if mags.size == 0:
            candidates.append([0.0])
            continue
        m = float(mags.min())
        valid = []
        for j in range(qsq_max_e(levels)):
            c = m / 2.0 ** j
            ratio = mags / c
            if all(r in [2.0 ** i for i in range(qsq_max_e(levels))] for r in set(ratio.tolist())):
                valid.append(c)
        if not valid:
            return None
        candidates.append(valid)

    def pick(frac):
        out = []
        for valid in candidates:
            ok = [c * 2.0 ** frac for c in valid
                  if c == 0 or (float(c * 2.0 ** frac).is_integer() and 1 <= c * 2.0 ** frac <= top)]
            if not ok:
                return None
            out.append(ok[0])
        return out

    for frac in range(200, -201, -1):
        stored = pick(frac)
        if stored is not None:
            return frac, stored
    return None


# ----------------------------------------------------------------------------------------------
# nuuq
# ----------------------------------------------------------------------------------------------

def nuuq_separate(levels, lo, hi):
    """Separate: sorted, distinct, inside [lo, hi] (levels: list of ints)."""
    levels = sorted(levels)
    n = len(levels)
    for j in range(1, n):
        levels[j] = max(levels[j], levels[j - 1] + 1)
    for j in range(n - 1, -1, -1):
        levels[j] = min(levels[j], hi - (n - 1 - j))
    for j in range(n):
        levels[j] = max(levels[j], lo + j)
    return levels


def nuuq_nearest(x, levels):
    """NearestLevel: index of the nearest of ascending `levels` (numpy), lower on ties."""
    levels = np.asarray(levels, dtype=np.float64)
    hi = np.searchsorted(levels, x, side="left")
    hi_c = np.clip(hi, 1, len(levels) - 1)
    lower = (x - levels[hi_c - 1]) <= (levels[hi_c] - x)
    out = np.where(lower, hi_c - 1, hi_c)
    out = np.where(hi == 0, 0, out)
    return np.where(hi >= len(levels), len(levels) - 1, out)


def nuuq_levels(values, n_levels, grid_bits, max_iterations=200):
    """NuuqLevels: the ascending grid integers k-means picks for `values` (grid units)."""
    hi = (1 << (grid_bits - 1)) - 1
    lo = -hi - 1
    s = np.sort(np.asarray(values, dtype=np.float64))
    n = s.size
    snap = lambda x: int(min(max(round_half_away(float(x)), lo), hi))
    cent = [snap(s[min(n - 1, int((j + 0.5) * n / n_levels))]) for j in range(n_levels)]
    cent = nuuq_separate(cent, lo, hi)
    assigned = np.full(n, -1)
    for _ in range(max_iterations):
        idx = nuuq_nearest(s, cent)
        changed = bool((idx != assigned).any())
        assigned = idx
        if not changed:
            break
        for j in range(n_levels):
            members = s[idx == j]
            if members.size:
                cent[j] = snap(members.sum() / members.size)
        cent = nuuq_separate(cent, lo, hi)
    return cent


def nuuq_snap(levels, grid_bits):
    """Real levels [rows, N] -> (integer levels [rows, N], u [rows]), u from the outermost level
    rounded to float32, so that the outermost level is exactly +-(2^(B-1) - 1) u."""
    top = (1 << (grid_bits - 1)) - 1
    outer = to_float32(levels.abs().max(dim=1).values)
    u = torch.where(outer > 0, outer / top, torch.ones_like(outer))
    ints = torch.clamp(round_half_away(levels / u[:, None]), -top, top)
    rows = [nuuq_separate([int(v) for v in row], -top, top) for row in ints.tolist()]
    return torch.tensor(rows, dtype=torch.float64), u


def nuuq_assign(w, levels):
    """Index of each weight's nearest level (levels [rows, N] ascending; lower on ties)."""
    d = (w[:, :, None] - levels[:, None, :]).abs()
    return d.argmin(dim=2)


def nuuq_kmeans_step(w, levels):
    """One assign / update step of k-means on real levels [rows, N]; empty clusters stay."""
    idx = nuuq_assign(w, levels)
    onehot = torch.nn.functional.one_hot(idx, levels.shape[1]).to(torch.float64)
    count = onehot.sum(dim=1)
    total = (onehot * w[:, :, None]).sum(dim=1)
    means = torch.where(count > 0, total / torch.clamp(count, min=1.0), levels)
    return means.sort(dim=1).values


def nuuq_quantize(w, ints, u):
    """w_q = L[nearest] * u (the dequantized weights QuantizeNuuqWeights reproduces)."""
    idx = nuuq_assign(w / u[:, None], ints)
    return torch.gather(ints, 1, idx) * u[:, None]


def nuuq_exact_lut(values, n_levels, grid_bits):
    """ExactGridLevels: the distinct grid points of `values` (grid units), filled with the
    unused points 0, 1, -1, 2, -2, ... up to N, ascending; None if not on <= N grid points."""
    hi = (1 << (grid_bits - 1)) - 1
    lo = -hi - 1
    values = np.asarray(values, dtype=np.float64)
    points = round_half_away(values)
    if np.abs(values - points).max() > NUUQ_ON_GRID or points.min() < lo or points.max() > hi:
        return None
    lut = sorted(set(int(p) for p in points))
    if len(lut) > n_levels:
        return None
    g = 0
    while len(lut) < n_levels:
        for c in ([0] if g == 0 else [g, -g]):
            if lo <= c <= hi and c not in lut and len(lut) < n_levels:
                lut.append(c)
        g += 1
    return sorted(lut)


# ----------------------------------------------------------------------------------------------
# msq
# ----------------------------------------------------------------------------------------------

def sp2_weight(code, bits):
    """golden::Sp2Weight: w_int of an m-bit SP2 code."""
    m1, m2 = bits // 2, (bits - 1) // 2
    f = (1 << m1) - 1
    c2 = code & ((1 << m2) - 1)
    c1 = (code >> m2) & ((1 << m1) - 1)
    mag = (1 << (f - c1) if c1 else 0) + (1 << (f - c2) if c2 else 0)
    return -mag if (code >> (bits - 1)) & 1 else mag


@functools.lru_cache(maxsize=None)
def msq_formats(bits):
    """(fixed, sp2) formats at `bits`: dicts with unit (real value of one w_int step, in units of
    alpha), the ascending w_int levels and their values (w_int * unit)."""
    top = (1 << (bits - 1)) - 1
    fixed_ints = np.arange(-top, top + 1, dtype=np.float64)
    sp2_f = (1 << (bits // 2)) - 1
    sp2_ints = np.array(sorted(set(sp2_weight(c, bits) for c in range(1 << bits))), dtype=np.float64)
    fixed = {"sp2": False, "bits": bits, "unit": 1.0 / top, "ints": fixed_ints}
    sp2 = {"sp2": True, "bits": bits, "unit": 2.0 ** -sp2_f, "ints": sp2_ints}
    for f in (fixed, sp2):
        f["values"] = f["ints"] * f["unit"]
    return fixed, sp2


def msq_nearest(fmt, x):
    return nuuq_nearest(x, fmt["values"])


def msq_row_error(fmt, w, alpha):
    idx = msq_nearest(fmt, w / alpha)
    return ((w - alpha * fmt["values"][idx]) ** 2).sum(axis=1)


def msq_assignment(w, bits=4, sp2_ratio=0.5, high_ratio=0.1):
    """QuantizeMsqWeights' format choice for w [rows, k] (numpy float64 of the float32 weights):
    (alpha, high [rows] bool, sp2 [rows] bool)."""
    rows = w.shape[0]
    lo_fixed, lo_sp2 = msq_formats(bits)
    hi_fixed, hi_sp2 = msq_formats(MSQ_HIGH_BITS)
    high_rows = int(round_half_away(high_ratio * rows))
    sp2_rows = int(round_half_away(sp2_ratio * rows))
    max_abs = float(np.abs(w).max()) or 1.0
    best = None
    for step in range(MSQ_ALPHA_STEPS):
        alpha = max_abs * (0.5 + 0.05 * step)
        fl, sl = msq_row_error(lo_fixed, w, alpha), msq_row_error(lo_sp2, w, alpha)
        fh, sh = msq_row_error(hi_fixed, w, alpha), msq_row_error(hi_sp2, w, alpha)
        high = np.zeros(rows, dtype=bool)
        high[np.argsort(-np.minimum(fl, sl), kind="stable")[:high_rows]] = True
        preference = np.where(high, sh - fh, sl - fl)
        sp2 = np.zeros(rows, dtype=bool)
        sp2[np.argsort(preference, kind="stable")[:sp2_rows]] = True
        error = float(np.where(high, np.where(sp2, sh, fh), np.where(sp2, sl, fl)).sum())
        if best is None or error < best[0]:
            best = (error, alpha, high, sp2)
    return best[1], best[2], best[3]


def msq_quantize(w, alpha, high, sp2, bits=4):
    """Nearest levels of w [rows, k] (numpy) in each row's format at alpha (a float32 value):
    (w_q = w_int * (alpha * unit), w_int, per-row weight scale alpha * unit)."""
    lo, hi = msq_formats(bits), msq_formats(MSQ_HIGH_BITS)
    w_int = np.zeros_like(w)
    row_scale = np.zeros(w.shape[0])
    for is_high, fmts in ((False, lo), (True, hi)):
        for is_sp2, fmt in ((False, fmts[0]), (True, fmts[1])):
            rows = (np.asarray(high, dtype=bool) == is_high) & (np.asarray(sp2, dtype=bool) == is_sp2)
            if rows.any():
                w_int[rows] = fmt["ints"][msq_nearest(fmt, w[rows] / alpha)]
                row_scale[rows] = alpha * fmt["unit"]
    return w_int * row_scale[:, None], w_int, row_scale

#!/usr/bin/python3
"""Mutation check of the RTL regressions (rtl/README.md, "Mutation check").

For each RTL unit, makes small single-site changes to its SystemVerilog (flip an operator, swap a
comparison, drop a bit, flip a constant, swap the arms of a ?:, remove an inversion) in a scratch
copy of the tree, rebuilds that unit's regression test there and runs it. A mutant is *killed*
when the test fails (or hangs), or when it passes but the unit's lint or synthesis tests
(rtl_lint.<unit>*, rtl_synth.<unit>*: e.g. an undriven net) fail; it *survives* when all pass,
and is *stillborn* when it does not build (Verilator or the C++ compiler rejects it; not
counted). A survivor listed in EQUIVALENT below, with the reason it cannot change any output, is
reported as *equivalent* and not counted; any other survivor fails the run. Prints one line per
mutant and a caught/total table per unit, and writes the table, the equivalent mutants with
their reasons and any survivors as Markdown (--table).

Usage: scripts/mutate_rtl.py [--units pe,mul_csd] [--max-per-unit N] [--scratch DIR]
                             [--table FILE] [--jobs 2]
Needs what the build needs (cmake, ninja, verilator, g++). Takes minutes per unit: every mutant
re-verilates and recompiles its test's model library. Not run in CI.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# unit -> (file under rtl/, test target, gtest filter): every module of rtl/. The package
# qscale_pkg is not a unit: its functions only compute widths of declarations. The cores'
# regression is the simulator's rtl fidelity (tests/sim: one process per TEST, as SystemC
# elaborates once per process).
UNITS = {
    "flop_en": ("common/flop_en.sv", "rtl_mul_exact_test", "*"),
    "valid_reg": ("common/valid_reg.sv", "rtl_decoders_test", "*"),
    "sat_add": ("common/sat_add.sv", "rtl_acc_sat_test", "*"),
    "acc_sat": ("common/acc_sat.sv", "rtl_acc_sat_test", "*"),
    "qsq_decoder": ("decoders/qsq_decoder.sv", "rtl_decoders_test", "QsqDecoderRtl.*"),
    "nuuq_decoder": ("decoders/nuuq_decoder.sv", "rtl_decoders_test", "NuuqDecoderRtl.*"),
    "sp2_decoder": ("decoders/sp2_decoder.sv", "rtl_decoders_test", "Sp2DecoderRtl.*"),
    "decoder_bank": ("decoders/decoder_bank.sv", "rtl_decoders_test", "DecoderBankRtl.*"),
    "mul_exact": ("multipliers/mul_exact.sv", "rtl_mul_exact_test", "*"),
    "csd_recoder": ("multipliers/csd_recoder.sv", "rtl_multipliers_test",
                    "CsdRecoderRtl.*:MulCsdRtl.*"),
    "mul_csd_rows": ("multipliers/mul_csd_rows.sv", "rtl_multipliers_test",
                     "MulCsdRowsRtl.*:MulCsdRtl.*"),
    "mul_csd": ("multipliers/mul_csd.sv", "rtl_multipliers_test", "MulCsdRtl.*"),
    "mul_sp2": ("multipliers/mul_sp2.sv", "rtl_multipliers_test", "MulSp2Rtl.*"),
    "mul_bitserial": ("multipliers/mul_bitserial.sv", "rtl_multipliers_test", "MulBitSerialRtl.*"),
    "csd_recoder_bank": ("multipliers/csd_recoder_bank.sv", "rtl_arrays_test", "*"),
    "pe_mac": ("pe/pe_mac.sv", "rtl_pe_test", "*"),
    "pe": ("pe/pe.sv", "rtl_pe_test", "*"),
    "pe_os": ("pe/pe_os.sv", "rtl_arrays_test", "PeArrayOsRtl.*"),
    "pe_array": ("pe/pe_array.sv", "rtl_arrays_test", "PeArrayRtl.*"),
    "pe_array_os": ("pe/pe_array_os.sv", "rtl_arrays_test", "PeArrayOsRtl.*"),
    "accel_core": ("core/accel_core.sv", "sim_accelerator_test",
                   "Accelerator.Rtl*-Accelerator.RtlOutputStationary*"),
    "accel_core_os": ("core/accel_core_os.sv", "sim_accelerator_test",
                      "Accelerator.RtlOutputStationary*"),
}

# Lines never mutated: declarations of parameters and ports, elaboration checks, generate
# headers (their changes do not elaborate or only rename).
SKIP = re.compile(r"^\s*(parameter|localparam|input|output|module|endmodule|\$error|end\b|"
                  r"begin\b|\)|\.[a-z_]+\s*(\(|,|$))|\bgenvar\b|: gen_")


def _scan(code, start, stop):
    """Index of the first position >= start at nesting depth 0 where stop(code, i) holds, or at
    which a bracket closes below depth 0; len(code) if none."""
    depth = 0
    for i in range(start, len(code)):
        ch = code[i]
        if depth == 0 and stop(code, i):
            return i
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                return i
            depth -= 1
    return len(code)


def ternary_swap(code):
    """`c ? a : b` -> `c ? b : a` for the first ?: of the line, or None."""
    q = code.find(" ? ")
    if q < 0:
        return None
    colon = _scan(code, q + 3, lambda c, i: c.startswith(" : ", i))
    if not code.startswith(" : ", colon):
        return None
    end = _scan(code, colon + 3, lambda c, i: c[i] in ";,")
    a, b = code[q + 3:colon].strip(), code[colon + 3:end].strip()
    if a == b:
        return None
    return code[:q + 3] + b + " : " + a + code[end:]


# (name, pattern, replacement): every match of the pattern, one at a time, is a mutant.
OPERATORS = [
    ("plus->minus", r"(?<=\S) \+ (?=\S)", " - "),
    ("minus->plus", r"(?<=[\w\)\]]) - (?=\S)", " + "),
    ("lt->le", r" < ", " <= "),
    ("gt->ge", r" > ", " >= "),
    ("ge->gt", r" >= ", " > "),
    ("eq->ne", r" == ", " != "),
    ("ne->eq", r" != ", " == "),
    ("and->or", r" & ", " | "),
    ("or->and", r" \| ", " & "),
    ("land->lor", r" && ", " || "),
    ("lor->land", r" \|\| ", " && "),
    ("drop-not", r"~(?=[\w(])", ""),
    ("drop-lnot", r"!(?=[\w(])(?!=)", ""),
    ("one->zero", r"1'b1", "1'b0"),
    ("zero->one", r"1'b0", "1'b1"),
    ("fill0->fill1", r"= '0;", "= '1;"),
    ("shl-more", r"<<< ?1\b", "<<< 2"),
    ("shr-more", r">> 1\b", ">> 2"),
    ("drop-bit", r"-1:0\]", "-2:0]"),
    ("slice-up", r":1\]", ":2]"),
    ("cast-one", r"'\(1\)", "'(2)"),
    ("mul->add", r" \* ", " + "),
    # Not for one-letter names: those are loop indices, cast only to size a constant.
    ("zero-extend", r"(\w+)'\(([A-Za-z_]\w+)\)", r"\1'({1'b0, \2})"),
    ("unsigned", r"logic signed ", "logic "),
]

# On port-connection lines (`.port (signal)`) only: an enable or valid stuck at 1.
CONNECTION = re.compile(r"^\s*\.\w+\s*\(")
CONNECTION_OPERATORS = [
    ("stuck-enable",
     r"(?<=\.)(en_i|load_i|wload_i|valid_i|in_valid_i|act_valid_i|shift_i)(\s*)\(([^)]+)\)",
     r"\1\2(1'b1)"),
]


# Survivors that are equivalent to the original (they cannot change any output), found by the
# runs and reviewed by hand: (unit, operator, text in the *mutated* line, reason). Dropping the
# top bit of an unused or zero-topped net also passes simulation, but the lint tests reject the
# width mismatch, so those are not here.
_UNSIGNED = ("every extension in this RTL is an explicit size cast of a signed port, and the "
             "net is only added, subtracted, negated, multiplied or shifted left at its own "
             "width, or connected to a port of that width: the same bits either way")
_READ_WHEN_BUSY = ("read only while busy, and the accept that sets busy writes it first; after "
                   "reset nothing is busy")
EQUIVALENT = [
    ("sat_add", "gt->ge", "if (sum >= MaxAcc)", "at sum == MaxAcc both branches give MaxAcc"),
    ("acc_sat", "unsigned", "acc_d, acc_q", _UNSIGNED),
    ("qsq_decoder", "unsigned", "scale_ext, magnitude, weight_d", _UNSIGNED),
    ("nuuq_decoder", "unsigned", "weight_d;", _UNSIGNED),
    ("mul_exact", "unsigned", "prod_d;", _UNSIGNED),
    ("mul_csd_rows", "unsigned", "prod_d;", _UNSIGNED),
    ("mul_csd_rows", "unsigned", "row_act, term;", _UNSIGNED),
    ("csd_recoder", "lt->le", "for (int r = 0; r <= Rows", "the extra row r = Rows is never "
     "written: a W-digit CSD word has at most Rows = ceil(W/2) non-zero digits, so no digit has "
     "Rows digits above it"),
    ("mul_sp2", "unsigned", "act1, act2, sum, prod_d;", _UNSIGNED),
    ("mul_bitserial", "unsigned", "prod_q;", _UNSIGNED),
    ("mul_bitserial", "unsigned", "first, term, sum;", "every operand of these nets is already "
     "SumWidth bits wide: they are only added, subtracted, sliced or concatenated"),
    ("mul_bitserial", "fill0->fill1", "bit_q       <= '1;", _READ_WHEN_BUSY),
    ("mul_bitserial", "fill0->fill1", "act_q       <= '1;", _READ_WHEN_BUSY),
    ("mul_bitserial", "fill0->fill1", "high_q      <= '1;", _READ_WHEN_BUSY),
    ("mul_bitserial", "fill0->fill1", "low_q       <= '1;", _READ_WHEN_BUSY),
    ("pe_mac", "unsigned", "prod;", _UNSIGNED),
    ("pe_mac", "zero-extend", "WordWidth'({1'b0, held_q})", "held_q is unsigned: its cast "
     "to WordWidth already zero-extends"),
    ("pe", "unsigned", "act_q;", _UNSIGNED),
    ("pe", "unsigned", "psum_d, psum_q;", _UNSIGNED),
    ("pe_os", "unsigned", "act_q;", _UNSIGNED),
    ("pe_os", "unsigned", "acc_d, acc_q;", _UNSIGNED),
    ("pe_os", "fill0->fill1", "act_q       <= '1;", "an activation only counts with act_valid, "
     "which resets to 0"),
    ("pe_array", "gt->ge", "Sp2WordWidth >= WeightWidth", "at equal widths both choices are equal"),
    ("pe_array_os", "gt->ge", "Sp2WordWidth >= WeightWidth", "at equal widths both choices are "
     "equal"),
]


def equivalence(unit, name, line):
    for u, op, text, reason in EQUIVALENT:
        if u == unit and op == name and text in line:
            return reason
    return None


def code_and_comment(line):
    i = line.find("//")
    return (line, "") if i < 0 else (line[:i], line[i:])


def mutants(text):
    """(description, operator, mutated line, mutated text) for every single-site mutation."""
    lines = text.split("\n")
    in_block_comment = False
    out = []
    for n, line in enumerate(lines):
        if "/*" in line and "*/" not in line:
            in_block_comment = True
        if in_block_comment:
            if "*/" in line:
                in_block_comment = False
            continue
        code, comment = code_and_comment(line)
        if CONNECTION.search(code):
            operators = CONNECTION_OPERATORS
        elif not code.strip() or SKIP.search(code):
            continue
        else:
            operators = OPERATORS
        code_nc = re.sub(r"/\*.*?\*/", lambda m: " " * len(m.group(0)), code)
        for name, pattern, repl in operators:
            for m in re.finditer(pattern, code_nc):
                new_code = code[:m.start()] + m.expand(repl) + code[m.end():]
                mutated = lines[:n] + [new_code + comment] + lines[n + 1:]
                desc = "line %d col %d %s `%s`: %s" % (n + 1, m.start() + 1, name, m.group(0),
                                                        code.strip())
                out.append((desc, name, new_code, "\n".join(mutated)))
        swapped = ternary_swap(code_nc) if operators is OPERATORS else None
        if swapped is not None:
            mutated = lines[:n] + [swapped + comment] + lines[n + 1:]
            out.append(("line %d ternary-swap: %s" % (n + 1, code.strip()), "ternary-swap",
                        swapped, "\n".join(mutated)))
    return [m for m in out if m[3] != text]  # drop replacements that change nothing


def sample(items, limit):
    if limit <= 0 or len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def run(cmd, cwd, timeout):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        return p.returncode, p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return None, "timeout"


def prepare(scratch, jobs, targets):
    src = os.path.join(scratch, "src")
    build = os.path.join(scratch, "build")
    # A fresh build every run: copytree keeps the sources' times, which may be older than a
    # previous run's mutant outputs, so ninja would take those as up to date.
    for d in (src, build):
        if os.path.isdir(d):
            shutil.rmtree(d)
    ignore = shutil.ignore_patterns("build", ".git", "out")
    shutil.copytree(REPO, src, ignore=ignore)
    rc, log = run(["cmake", "-S", src, "-B", build, "-G", "Ninja",
                   "-DCMAKE_BUILD_TYPE=Release"], scratch, 1800)
    if rc != 0:
        sys.exit("configure failed:\n" + log[-3000:])
    rc, log = run(["ninja", "-j%d" % jobs] + sorted(targets), build, 3600)
    if rc != 0:
        sys.exit("baseline build failed:\n" + log[-3000:])
    return src, build


def test_binary(build, target):
    """The test binary of `target` and whether it runs one process per TEST (tests/sim)."""
    for folder, per_test in (("rtl", False), ("sim", True)):
        path = os.path.join(build, "tests", folder, target)
        if os.path.exists(path):
            return path, per_test
    sys.exit("no test binary %s under %s/tests/{rtl,sim}" % (target, build))


def run_tests(src, build, target, flt, timeout):
    """Runs the tests of `target` that `flt` selects; (return code, log), None on a timeout.
    tests/sim binaries run each TEST in a process of its own, in the source tree (as ctest)."""
    binary, per_test = test_binary(build, target)
    if not per_test:
        return run([binary, "--gtest_filter=" + flt], build, timeout)
    rc, listing = run([binary, "--gtest_list_tests", "--gtest_filter=" + flt], src, 60)
    if rc != 0:
        return rc, listing
    tests, suite = [], ""
    for line in listing.splitlines():
        if line and not line.startswith(" "):
            suite = line.strip()
        elif line.strip():
            tests.append(suite + line.split()[0])
    if not tests:
        return 1, "no test matches " + flt
    log = ""
    for test in tests:
        rc, out = run([binary, "--gtest_filter=" + test], src, timeout)
        log += out
        if rc != 0:
            return rc, log
    return 0, log


def lint_and_synth(build, unit):
    """Runs the unit's lint and synthesis tests (every variant); True when they all pass."""
    rc, _ = run(["ctest", "-R", r"^rtl_(lint|synth)\.%s(\..*)?$" % unit, "--no-tests=error"],
                build, 1800)
    return rc == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--units", default=",".join(UNITS))
    ap.add_argument("--max-per-unit", type=int, default=60)
    ap.add_argument("--scratch", default="/tmp/qscale_mutate")
    ap.add_argument("--table", default="")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    units = [u for u in args.units.split(",") if u]
    for u in units:
        if u not in UNITS:
            sys.exit("unknown unit %s (known: %s)" % (u, ", ".join(UNITS)))

    src, build = prepare(args.scratch, args.jobs, {UNITS[u][1] for u in units})
    for u in units:  # The baseline must pass, else every mutant would look killed.
        target, flt = UNITS[u][1], UNITS[u][2]
        rc, log = run_tests(src, build, target, flt, 600)
        if rc != 0:
            sys.exit("baseline test %s (%s) fails:\n%s" % (target, flt, log[-3000:]))

    results = {}
    survivors = []
    equivalents = []
    for u in units:
        rel, target, flt = UNITS[u]
        path = os.path.join(src, "rtl", rel)
        original = open(path).read()
        all_mutants = mutants(original)
        chosen = sample(all_mutants, args.max_per_unit)
        killed = survived = stillborn = equivalent = 0
        try:
            for desc, name, line, text in chosen:
                with open(path, "w") as f:
                    f.write(text)
                start = time.time()
                rc, log = run(["ninja", "-j%d" % args.jobs, target], build, 1800)
                if rc != 0:
                    stillborn += 1
                    verdict = "stillborn"
                else:
                    rc, log = run_tests(src, build, target, flt, 300)
                    reason = equivalence(u, name, line)
                    if rc == 0 and not lint_and_synth(build, u):
                        killed += 1
                        verdict = "killed (lint/synth)"
                    elif rc == 0 and reason:
                        equivalent += 1
                        equivalents.append((u, desc, reason))
                        verdict = "equivalent"
                        desc += "  [" + reason + "]"
                    elif rc == 0:
                        survived += 1
                        survivors.append((u, desc))
                        verdict = "SURVIVED"
                    else:
                        killed += 1
                        verdict = "killed" + (" (timeout)" if rc is None else "")
                print("%-13s %-19s %5.0fs  %s" % (u, verdict, time.time() - start, desc),
                      flush=True)
        finally:
            with open(path, "w") as f:
                f.write(original)
        results[u] = (len(all_mutants), len(chosen), killed, survived, stillborn, equivalent)

    rows = ["| unit | generated | run | stillborn | equivalent | caught / total |",
            "|---|---|---|---|---|---|"]
    tk = tt = tg = tr = tsb = teq = 0
    for u in units:
        gen, ran, k, s, sb, eq = results[u]
        rows.append("| %s | %d | %d | %d | %d | %d / %d |" % (u, gen, ran, sb, eq, k, k + s))
        tk, tt, tg, tr, tsb, teq = tk + k, tt + k + s, tg + gen, tr + ran, tsb + sb, teq + eq
    rows.append("| **all** | %d | %d | %d | %d | **%d / %d** |" % (tg, tr, tsb, teq, tk, tt))
    table = "\n".join(rows)
    print("\n" + table)
    if survivors:
        print("\nSurvivors:")
        for u, d in survivors:
            print("  %s: %s" % (u, d))
    if args.table:
        with open(args.table, "w") as f:
            f.write(table + "\n")
            if equivalents:
                f.write("\nEquivalent (not counted):\n" +
                        "".join("- %s: %s. *%s.*\n" % e for e in equivalents))
            if survivors:
                f.write("\nSurvivors:\n" + "".join("- %s: %s\n" % s for s in survivors))
    return 0 if not survivors else 1


if __name__ == "__main__":
    sys.exit(main())

"""SPEC §8 cases for run_acceptance.py: float activation tables and random float networks
(the §8 JSON), generated and checked with float_model.py. See acceptance/README.md."""
import random

import float_model as fm
import spec_model as sm

# formats of at most 8 bits (every row checked), and the 16-bit ones (rows sampled)
SMALL = ["e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "float(3,4)", "float(1,1,specials=FINITE)",
         "float(2,2,bias=3,specials=FN)", "float(4,2,bias=1)"]
LARGE = ["binary16", "bfloat16"]
SAMPLE = 600  # tau rows checked per 16-bit table (plus the 64 at each end and around 0)


def policies(fmt):
    return ["SATFINITE"] + (["INF"] if fmt.specials == "IEEE" else []) + (
        ["NAN"] if fmt.specials == "FN" else [])


def activation_cases(level):
    """(activation, format name, rounding, overflow). quick: per activation 4 (format, mode,
    policy) combinations staggered over the small formats and every policy, plus a 16-bit
    table for every fifth activation; full: every small format and every mode, policies cycling, plus both 16-bit
    formats in two modes; exhaustive: small formats x modes x policies."""
    cases = []
    for a, act in enumerate(sm.ACTIVATIONS):
        if level == "exhaustive":
            for name in SMALL:
                for r in sm.ROUNDINGS:
                    for o in policies(fm.parse_format(name)):
                        cases.append((act, name, r, o))
            continue
        if level == "full":
            for i, name in enumerate(SMALL):
                pols = policies(fm.parse_format(name))
                for j, r in enumerate(sm.ROUNDINGS):
                    cases.append((act, name, r, pols[(i + j + a) % len(pols)]))
            for name in LARGE:
                cases.append((act, name, sm.ROUNDINGS[a % 9], "INF"))
                cases.append((act, name, "CEILING" if a % 2 else "FLOOR", "SATFINITE"))
            continue
        for t in range(4):
            name = SMALL[(a + 3 * t) % len(SMALL)]
            pols = policies(fm.parse_format(name))
            cases.append((act, name, sm.ROUNDINGS[(2 * a + 5 * t) % 9], pols[(a + t) % len(pols)]))
        if a % 15 == 7:  # one 16-bit table in the quick grid (each costs seconds of mpmath)
            cases.append((act, LARGE[a % 2], sm.ROUNDINGS[(a * 4) % 9], ["INF", "SATFINITE"][a % 2]))
    return cases


def activation_argv(case):
    act, name, r, o = case
    return ["activation", act, "--format", name, "--rounding", r, "--overflow", o, "--csv"]


def _sample_rows(n, rng):
    idx = set(range(min(64, n))) | set(range(max(0, n - 64), n))
    idx |= set(range(max(0, n // 2 - 64), min(n, n // 2 + 64)))
    idx |= set(rng.sample(range(n), min(n, SAMPLE)))
    return idx


def _parse_value(s):
    s = s.strip()
    if s in (fm.INF, fm.NINF, fm.NAN):
        return s
    return sm.Fraction(__import__("decimal").Decimal(s))


def check_activation(tally, case, result, shell):
    act, name, rnd, ovf = case
    cmd, rc, out, err = result
    where = "$ " + shell(cmd)
    if rc != 0:
        tally.fail("%s\n  exit code %d: %s" % (where, rc, err.strip()[:500]))
        return
    fmt = fm.parse_format(name)
    ar = fm.FloatArithmetic(fmt, rnd, ovf)
    lines = [ln.strip() for ln in out.splitlines() if ln.strip()]
    if not lines or not lines[0].startswith("z_code,tau_code"):
        tally.fail("%s\n  header %r, expected z_code,tau_code,..." % (where, lines[:1]))
        return
    rows = [ln.split(",") for ln in lines[1:]]
    finite = [r for r in rows if _is_finite_bits(fmt, r[0])]
    if len(finite) != len(fmt.values):
        tally.fail("%s\n  %d rows with a finite z, expected %d (every finite value once)" % (
            where, len(finite), len(fmt.values)))
    check = _sample_rows(len(rows), random.Random(len(rows))) if fmt.n > 8 else range(len(rows))
    fi = 0
    for i, row in enumerate(rows):
        try:
            zb, tb = int(row[0]), int(row[1])
            z = fmt.decode(zb)
        except (ValueError, IndexError):
            tally.fail("%s\n  unparsable row %r" % (where, ",".join(row)))
            continue
        problems = []
        if fm.is_finite(z):
            if fi < len(fmt.values) and z != fmt.values[fi]:
                problems.append("z %s, expected %s (every finite value in increasing order)"
                                % (z, fmt.values[fi]))
            if zb != fmt.encode(z):
                problems.append("z_code %d is not the pattern %d of %s (-0 is written as +0)"
                                % (zb, fmt.encode(z), z))
            fi += 1
        if i in check or not fm.is_finite(z):
            want = ar.tau(act, z)
            if tb != fmt.encode(want):
                problems.append("tau_code %d, expected %d = %s (sigma at z = %s)" % (
                    tb, fmt.encode(want), fm.exact_decimal(want), fm.exact_decimal(z)))
        problems += _decimal_problems(fmt, row[2:4], [zb, tb])
        if problems:
            tally.fail("%s\n  row %s: %s" % (where, ",".join(row), "; ".join(problems)))
        else:
            tally.ok()


def _is_finite_bits(fmt, text):
    try:
        return fm.is_finite(fmt.decode(int(text)))
    except ValueError:
        return True  # reported by the row check


def _decimal_problems(fmt, cells, bits):
    """SPEC §8 value columns: exact decimals or inf / -inf / nan, agreeing with the codes."""
    out = []
    for cell, b in zip(cells, bits):
        try:
            v = _parse_value(cell)
        except Exception:
            out.append("unparsable value %r" % cell)
            continue
        try:
            want = fmt.decode(b)
        except ValueError:
            out.append("code %d out of range" % b)
            continue
        if v != want or (want == 0 and cell.startswith("-")):
            out.append("value %s does not match the code %d (%s)" % (
                cell, b, fm.exact_decimal(want)))
    return out


# ---------------------------------------------------------------------------------------------
# random float networks (SPEC §8 JSON: parameters as bit patterns)


def random_network(rng, fmt, rounding, overflow, accumulation, activation, d, big=None):
    vals = fmt.values
    one = 1 if 1 in vals else None
    tiny = [v for v in vals if v != 0 and abs(v) <= vals[len(vals) // 2 + 2]]
    binary = one is not None and rng.random() < 0.2
    # under INF/NAN, large weights often enough that sums overflow into inf/NaN and the
    # specials travel through the activations and later layers
    if big is None:
        big = 0.3 if overflow != "SATFINITE" else 0.1

    def weight():
        u = rng.random()
        if u < 0.15:
            return 0
        if u < 0.4 and one is not None:
            return rng.choice([one, -one])
        if u < 0.4 + big:
            return rng.choice([fmt.omega, -fmt.omega, vals[-2], vals[1]])
        if u < 0.5 + big:
            return rng.choice(tiny)
        return rng.choice(vals)

    def bias():
        return 0 if rng.random() < 0.2 else rng.choice(vals)

    enc = fmt.encode
    layers = []
    width_in = d
    hidden = rng.randint(1, 3)
    for li in range(hidden + 1):
        width = rng.randint(1, 2) if li == hidden else rng.randint(1, 4)
        layer = []
        for _ in range(width):
            if binary:
                srcs = list(range(width_in))
                rng.shuffle(srcs)
                ws = [[s, enc(rng.choice([one, -one]))] for s in srcs]
            else:
                k = 0 if rng.random() < 0.05 else rng.randint(1, width_in)
                ws = [[s, enc(weight())] for s in rng.sample(range(width_in), k)]
            layer.append({"bias": enc(bias()), "weights": ws})
        layers.append(layer)
        width_in = width
    return {
        "fxnet": 1,
        "format": fmt.json(),
        "arithmetic": {"rounding": rounding, "overflow": overflow, "accumulation": accumulation},
        "activation": activation,
        "inputs": d,
        "layers": layers,
        "meta": {"generator": "acceptance/float_cases.py", "format": fmt.name, "binary": binary},
    }


def network_cases(level, seed):
    """quick: one network per rounding x accumulation (18), formats and policies cycling;
    full/exhaustive: three. d as large as |F|^d <= 4096 allows, at most 3."""
    rng = random.Random(seed)
    reps = 1 if level == "quick" else 3
    nets = []
    i = 0
    for rep in range(reps):
        for r in sm.ROUNDINGS:
            for acc in sm.ACCUMULATIONS:
                fmt = fm.parse_format(SMALL[i % len(SMALL)])
                pols = policies(fmt)
                o = pols[(i // len(SMALL) + rep) % len(pols)]
                act = sm.ACTIVATIONS[(i * 7 + rep) % len(sm.ACTIVATIONS)]
                dmax = max(dd for dd in (1, 2, 3) if len(fmt.values) ** dd <= 4096)
                d = 1 + (i % dmax)
                nets.append(random_network(rng, fmt, r, o, acc, act, d))
                i += 1
    # overflow-heavy networks: every format with specials, its INF/NAN policy, activations
    # that let inf through (identity, relu, leaky_relu, elu, softplus, ...) or absorb it
    unbounded = ["identity", "relu", "leaky_relu", "elu", "softplus", "silu", "mish", "gelu",
                 "gelu_tanh", "hardswish", "sigmoid", "tanh"]
    j = 0
    for rep in range(reps):
        for name in SMALL:
            fmt = fm.parse_format(name)
            if fmt.specials == "FINITE":
                continue
            r = ["HALF_EVEN", "UP", "HALF_UP", "CEILING", "FLOOR"][j % 5]
            dmax = max(dd for dd in (1, 2, 3) if len(fmt.values) ** dd <= 4096)
            nets.append(random_network(rng, fmt, r, policies(fmt)[1], sm.ACCUMULATIONS[j % 2],
                                       unbounded[j % len(unbounded)], 1 + j % dmax, big=0.6))
            j += 1
    return nets


def _points(vals, d):
    if d == 0:
        yield ()
        return
    for v in vals:  # x0 slowest
        for rest in _points(vals, d - 1):
            yield (v,) + rest


def check_network(tally, obj, path, result, shell):
    cmd, rc, out, err = result
    where = "$ " + shell(cmd)
    if rc != 0:
        tally.fail("%s\n  exit code %d: %s" % (where, rc, err.strip()[:500]))
        return
    net = fm.FloatNetwork(obj)
    fmt, d = net.fmt, net.inputs
    outs = len(obj["layers"][-1])
    ycols = ["y_code"] if outs == 1 else ["y%d_code" % i for i in range(outs)]
    want_header = ",".join(["x%d_code" % i for i in range(d)] + ycols)
    lines = [ln.strip() for ln in out.splitlines() if ln.strip()]
    if not lines or lines[0] != want_header:
        tally.fail("%s\n  header %r, expected %r" % (where, lines[:1], want_header))
        return
    rows = lines[1:]
    points = list(_points(fmt.values, d))
    if len(rows) != len(points):
        tally.fail("%s\n  %d rows, expected %d (every finite input once)" % (
            where, len(rows), len(points)))
    for x, row in zip(points, rows):
        want = [fmt.encode(v) for v in list(x) + net.evaluate(x)]
        got = row.split(",")
        if got != [str(b) for b in want]:
            tally.fail("%s\n  row %s: expected %s (network %s)" % (
                where, row, ",".join(str(b) for b in want), path))
        else:
            tally.ok()


# ---------------------------------------------------------------------------------------------
# bad input (issue #15's acceptance): exit 2, one line naming the option / JSON path / value, no
# stack trace, no file left behind


def bad_input_cases(workdir):
    """(label, argv, tokens one of which the message must contain, a path that must not exist)."""
    import copy
    import json
    import os

    good = {"fxnet": 1, "format": fm.parse_format("e5m2").json(),
            "arithmetic": {"rounding": "HALF_EVEN", "overflow": "INF", "accumulation": "PER_OP"},
            "activation": "relu", "inputs": 1,
            "layers": [[{"bias": 0, "weights": [[0, 60]]}], [{"bias": 0, "weights": [[0, 60]]}]],
            "meta": {}}

    def net(name, edit):
        obj = copy.deepcopy(good)
        edit(obj)
        path = os.path.join(workdir, "float-bad-%s.json" % name)
        with open(path, "w") as fh:
            json.dump(obj, fh)
        return path

    plot = os.path.join(workdir, "float-bad-plot.svg")
    if os.path.exists(plot):
        os.remove(plot)
    ok = net("good", lambda o: None)
    cases = [
        ("format float(0,3)", ["activation", "relu", "--format", "float(0,3)", "--csv"],
         ["float(0,3)", "--format"], None),
        ("format float(9,9)", ["activation", "relu", "--format", "float(9,9)", "--plot", plot],
         ["float(9,9)", "--format"], plot),
        ("e4m3 with INF", ["activation", "relu", "--format", "e4m3", "--overflow", "INF", "--csv"],
         ["INF", "--overflow"], None),
        ("e5m2 with NAN", ["activation", "relu", "--format", "e5m2", "--overflow", "NAN", "--csv"],
         ["NAN", "--overflow"], None),
        ("float with SATURATE", ["activation", "relu", "--format", "e2m1", "--overflow", "SATURATE",
                                 "--csv"], ["SATURATE", "--overflow"], None),
        ("NaN bias", ["eval", net("nan", lambda o: o["layers"][0][0].update(bias=127)), "--all", "--csv"],
         ["layers"], None),
        ("inf weight", ["eval", net("inf", lambda o: o["layers"][1][0]["weights"][0].__setitem__(1, 124)),
                        "--all", "--csv"], ["layers"], None),
        ("-inf weight", ["eval", net("ninf", lambda o: o["layers"][1][0]["weights"][0].__setitem__(1, 252)),
                         "--all", "--csv"], ["layers"], None),
        ("pattern 256", ["eval", net("range", lambda o: o["layers"][0][0].update(bias=256)), "--all",
                         "--csv"], ["layers"], None),
        ("fixed overflow name", ["eval", net("ovf", lambda o: o["arithmetic"].update(overflow="SATURATE")),
                                 "--all", "--csv"], ["overflow", "SATURATE"], None),
        ("-inf input", ["eval", ok, "--input=-inf"], ["--input", "-inf", "inf"], None),
        ("nan input", ["eval", ok, "--input=nan"], ["--input", "nan", "NaN"], None),
    ]
    return cases


def check_bad_input(tally, case, result, shell):
    import os
    label, _, tokens, absent = case
    cmd, rc, out, err = result
    where = "$ " + shell(cmd)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    problems = []
    if rc != 2:
        problems.append("exit code %d, expected 2" % rc)
    if len(lines) != 1:
        problems.append("%d lines on stderr, expected one" % len(lines))
    if "Exception" in err or "\tat " in err:
        problems.append("a stack trace")
    if not any(t.lower() in err.lower() for t in tokens):
        problems.append("the message names none of %s" % tokens)
    if absent and os.path.exists(absent):
        problems.append("left %s behind" % absent)
    if problems:
        tally.fail("%s\n  bad input (%s): %s; stderr: %s" % (where, label, "; ".join(problems),
                                                             err.strip()[:300]))
    else:
        tally.ok()

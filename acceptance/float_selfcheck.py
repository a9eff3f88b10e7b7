#!/usr/bin/env python3
"""Self-check of the SPEC §8 model (float_model.py) against oracles that share no code with it.

  1. the SPEC's table: presets' largest finite values, e4m3's 56 = 1.0, float(1,1,FINITE);
  2. MPFR (gmpy2): every pair of finite operands of e4m3, e5m2, e3m2, e2m3, e2m1, float(3,4),
     (+) and (*), all nine modes and every overflow policy the format allows. MPFR rounds
     with precision m + 1, emin set for the format's subnormals and `subnormalize`; it has five
     of the nine modes (HALF_EVEN, DOWN, UP, FLOOR, CEILING); the four other nearest modes are
     taken from MPFR's two directed neighbours and an exact comparison with their midpoint.
     With IEEE specials and INF, MPFR's own overflow (emax of the format) is the oracle for
     its five modes, and special operands (inf, NaN) are checked the same way;
  3. MPFR: tau of all 15 activations at every finite z of those formats in all nine modes,
     from a 400-bit MPFR evaluation of the plain SPEC §6 formula enclosed by a relative 2^-300
     (exact where MPFR reports no inexact operation);
  4. numpy's float16 (if numpy is there): binary16 HALF_EVEN conversions of random and hard
     doubles, and (+), (*) of random pairs (numpy computes them in float32, which is
     innocuous double rounding: 24 >= 2*11 + 2).

Run with a python that has gmpy2 and mpmath (Debian: python3-gmpy2 python3-mpmath, e.g.
/usr/bin/python3 acceptance/float_selfcheck.py). Exit code 1 on any disagreement.
Options: --formats 'e4m3 e2m1'  --skip-tau  --skip-ops  --random N (numpy samples).
"""
import argparse
import os
import random
import sys
import time
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import float_model as fm  # noqa: E402
import spec_model as sm  # noqa: E402

import gmpy2  # noqa: E402
from gmpy2 import mpfr  # noqa: E402

FORMATS = ["e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "float(3,4)"]
MPFR_MODES = {"HALF_EVEN": gmpy2.RoundToNearest, "DOWN": gmpy2.RoundToZero,
              "UP": gmpy2.RoundAwayZero, "FLOOR": gmpy2.RoundDown, "CEILING": gmpy2.RoundUp}
WIDE = gmpy2.context(precision=1200, emin=gmpy2.get_emin_min(), emax=gmpy2.get_emax_max())


def policies(fmt):
    return ["SATFINITE"] + (["INF"] if fmt.specials == "IEEE" else []) + (
        ["NAN"] if fmt.specials == "FN" else [])


def to_model(x):
    """An MPFR value as the model writes values (Fraction or special)."""
    if gmpy2.is_nan(x):
        return fm.NAN
    if gmpy2.is_infinite(x):
        return fm.INF if x > 0 else fm.NINF
    n, d = x.as_integer_ratio()
    return Fraction(int(n), int(d))


def to_mpfr(v):
    if v == fm.INF:
        return mpfr("inf")
    if v == fm.NINF:
        return mpfr("-inf")
    if v == fm.NAN:
        return mpfr("nan")
    return WIDE.div(mpfr(v.numerator, 1200), mpfr(v.denominator, 1200))  # exact: dyadic


class Oracle:
    """Rounding onto the format's grid by MPFR alone (never by the model)."""

    def __init__(self, fmt):
        self.fmt = fmt
        prec, emin = fmt.m + 1, fmt.emin - fmt.m + 1  # MPFR: x = 0.1b..b * 2^exp
        self.ctx = {r: gmpy2.context(precision=prec, emin=emin, emax=1 << 20, subnormalize=True,
                                     round=mode) for r, mode in MPFR_MODES.items()}
        if fmt.specials == "IEEE":
            emax = (1 << fmt.e) - 2 - fmt.bias + 1  # the top finite binade, MPFR's convention
            self.ieee = {r: gmpy2.context(precision=prec, emin=emin, emax=emax, subnormalize=True,
                                          round=mode) for r, mode in MPFR_MODES.items()}
        self.omega = to_mpfr(fmt.omega)

    def unbounded(self, op, args):
        """The rounded result in each of the nine modes, exponent range unbounded above."""
        res = {r: getattr(c, op)(*args) for r, c in self.ctx.items()}
        lo, hi = res["FLOOR"], res["CEILING"]
        x = getattr(WIDE, op)(*args)  # exact for the operations used (or an enclosure end)
        if lo == hi:
            return {r: lo for r in sm.ROUNDINGS}, x
        mid = WIDE.div(WIDE.add(lo, hi), 2)
        pos = x > 0
        small, big = (lo, hi) if pos else (hi, lo)
        out = dict(res)
        if x < mid:
            near = lo
        elif x > mid:
            near = hi
        else:
            near = None
        out["HALF_UP"] = near if near is not None else big
        out["HALF_DOWN"] = near if near is not None else small
        out["HALF_CEILING"] = near if near is not None else hi
        out["HALF_FLOOR"] = near if near is not None else lo
        # consistency of MPFR's own modes with the neighbours
        assert res["DOWN"] == small and res["UP"] == big, (args, res)
        assert near is None or res["HALF_EVEN"] == near, (args, res)
        return out, x

    def round_all(self, op, args, pols):
        """{(mode, policy): model-style value} for every mode and policy."""
        pre, _ = self.unbounded(op, args)
        out = {}
        for r in sm.ROUNDINGS:
            v = pre[r]
            for p in pols:
                if abs(v) <= self.omega:
                    out[r, p] = to_model(v)
                elif p == "SATFINITE":
                    out[r, p] = to_model(self.omega if v > 0 else -self.omega)
                elif p == "INF" and r in MPFR_MODES:
                    out[r, p] = to_model(getattr(self.ieee[r], op)(*args))  # MPFR's overflow
                else:  # the four other nearest modes (INF), or NAN: SPEC §8's rule
                    away = r.startswith("HALF_") or r == "UP" or (r == "CEILING" and v > 0) or (
                        r == "FLOOR" and v < 0)
                    big = self.omega if v > 0 else -self.omega
                    if not away:
                        out[r, p] = to_model(big)
                    else:
                        out[r, p] = fm.NAN if p == "NAN" else (fm.INF if v > 0 else fm.NINF)
        return out


def check_table(report):
    for name, omega in fm.TABLE_OMEGA.items():
        f = fm.parse_format(name.upper())
        if f.omega != omega:
            report("table: %s largest %s, SPEC %s" % (name, f.omega, omega))
    bf = fm.parse_format("bfloat16").omega
    if abs(float(bf) - 3.39e38) > 0.01e38:
        report("table: bfloat16 largest %s" % float(bf))
    if fm.parse_format("float8_e4m3fn").decode(56) != 1:
        report("e4m3 pattern 56 is not 1.0")
    vals = fm.parse_format("float(1,1,specials=FINITE)").values
    if vals != [Fraction(v) for v in (-3, -2, -1, 0, 1, 2, 3)]:
        report("float(1,1,specials=FINITE) values %s" % vals)
    for alias, name in fm.ALIASES.items():
        if fm.parse_format(alias).json() != fm.parse_format(name).json():
            report("alias %s" % alias)


def check_ops(name, report):
    fmt = fm.parse_format(name)
    orc = Oracle(fmt)
    pols = policies(fmt)
    model = {(r, p): fm.FloatArithmetic(fmt, r, p) for r in sm.ROUNDINGS for p in pols}
    vals = fmt.values
    mp = [to_mpfr(v) for v in vals]
    memo = {}  # model results per exact value (rounding depends on the exact result only)
    pairs = 0
    for op, exact in (("add", lambda a, b: a + b), ("mul", lambda a, b: a * b)):
        for i, a in enumerate(vals):
            for j, b in enumerate(vals):
                want = orc.round_all(op, (mp[i], mp[j]), pols)
                x = exact(a, b)
                got = memo.get(x)
                if got is None:
                    got = {k: getattr(ar, op)(a, b) for k, ar in model.items()}
                    memo[x] = got
                pairs += 1
                if got != want:
                    bad = [k for k in want if got[k] != want[k]]
                    report("%s %s(%s, %s) %s: model %s, MPFR %s" % (
                        name, op, a, b, bad[0], got[bad[0]], want[bad[0]]))
    specials = 0
    if fmt.specials == "IEEE":
        sp = [fm.INF, fm.NINF, fm.NAN]
        for r in MPFR_MODES:
            ar = fm.FloatArithmetic(fmt, r, "INF")
            for a in sp + vals:
                for b in sp:
                    for (u, v) in ((a, b), (b, a)):
                        for op in ("add", "mul"):
                            want = to_model(getattr(orc.ieee[r], op)(to_mpfr(u), to_mpfr(v)))
                            got = getattr(ar, op)(u, v)
                            specials += 1
                            if got != want:
                                report("%s %s %s(%s, %s): model %s, MPFR %s" % (
                                    name, r, op, u, v, got, want))
    return pairs, len(memo), specials


# ---------------------------------------------------------------------------------------------
# tau: the plain SPEC §6 formulas in MPFR (cancellation-free spellings where the plain one
# cancels: gelu with erfc, gelu_tanh's (1 + tanh u) / 2 = 1 / (1 + e^-2u))

def mpfr_plain(c, name, z):
    """sigma(z) by the plain SPEC §6 formula (no cancellation where it is used)."""
    half = mpfr("0.5")
    if name == "identity":
        return c.plus(z)
    if name == "relu":
        return c.plus(z) if z > 0 else mpfr(0)
    if name == "leaky_relu":
        return c.plus(z) if z >= 0 else c.div(z, 100)
    if name == "hardtanh":
        return min(mpfr(1), max(mpfr(-1), c.plus(z)))
    if name == "hardsigmoid":
        return min(mpfr(1), max(mpfr(0), c.div(c.add(z, 3), 6)))
    if name == "hardswish":
        if z <= -3:
            return mpfr(0)
        if z >= 3:
            return c.plus(z)
        return c.div(c.mul(z, c.add(z, 3)), 6)
    if name == "step":
        return mpfr(1) if z >= 0 else mpfr(0)
    if name == "sigmoid":
        return c.div(1, c.add(1, c.exp(-z)))
    if name == "tanh":
        return c.tanh(z)
    if name == "elu":
        return c.plus(z) if z > 0 else c.expm1(z)
    if name == "softplus":
        return c.log1p(c.exp(z))
    if name == "silu":
        return c.div(z, c.add(1, c.exp(-z)))
    if name == "mish":
        return c.mul(z, c.tanh(c.log1p(c.exp(z))))
    if name == "gelu":
        return c.mul(c.mul(half, z), c.erfc(c.div(-z, c.sqrt(2))))
    if name == "gelu_tanh":
        return c.div(z, c.add(1, c.exp(c.mul(-2, gelu_tanh_u(c, z)))))
    raise KeyError(name)


def gelu_tanh_u(c, z):
    k = c.sqrt(c.div(2, c.const_pi()))
    return c.mul(k, c.add(z, c.mul(mpfr("0.044715", 400), c.mul(z, c.mul(z, z)))))


def mpfr_split(c, name, z):
    """sigma(z) = A + B, A exact: where sigma(z) approaches a grid value (its tail) the plain
    formula cancels, so B = sigma(z) - A is computed on its own; elsewhere A = 0."""
    if z > 0 and name in ("sigmoid", "tanh", "softplus", "silu", "mish", "gelu", "gelu_tanh"):
        if name == "sigmoid":
            return mpfr(1), c.div(-1, c.add(1, c.exp(z)))
        if name == "tanh":
            return mpfr(1), c.div(-2, c.add(1, c.exp(c.mul(2, z))))
        if name == "softplus":
            return z, c.log1p(c.exp(-z))
        if name == "silu":
            return z, c.div(-z, c.add(1, c.exp(z)))
        if name == "mish":
            e1 = c.add(1, c.exp(z))
            return z, c.div(c.mul(-2, z), c.add(1, c.mul(e1, e1)))
        if name == "gelu":
            return z, c.mul(c.div(-z, 2), c.erfc(c.div(z, c.sqrt(2))))
        return z, c.div(-z, c.add(1, c.exp(c.mul(2, gelu_tanh_u(c, z)))))
    if z < 0 and name in ("tanh", "elu"):
        if name == "tanh":
            return mpfr(-1), c.div(2, c.add(1, c.exp(c.mul(-2, z))))
        return mpfr(-1), c.exp(z)
    return mpfr(0), mpfr_plain(c, name, z)


EXACT = gmpy2.context(precision=2400, emin=gmpy2.get_emin_min(), emax=gmpy2.get_emax_max())


def enclosure(c, name, z):
    """Points whose roundings (all equal) are sigma(z)'s: [sigma(z)] when MPFR computed it
    exactly, else A + B (1 -+ 2^-300); a B below |A| 2^-1500 (where A, a grid value or +-1,
    is a multiple of every boundary spacing >= 2^-40 of these formats, so no boundary lies
    between A and A + B) is replaced by sign(B) |A| 2^-1500."""
    c.clear_flags()
    a, b = mpfr_split(c, name, z)
    if not c.inexact:
        return [EXACT.add(a, b)]
    if b == 0 and (c.underflow or c.overflow):
        # beyond this MPFR build's exponent range (about 2^-(2^30)): MPFR returns a zero with
        # the sign of the exact result; |B| < 2^-(2^29) is all that matters then
        tiny = WIDE.div_2exp(mpfr(1), 1 << 29)
        b = -tiny if gmpy2.is_signed(b) else tiny
        return [EXACT.add(a, WIDE.div_2exp(abs(a), 1500) * (1 if b > 0 else -1))] if a else [b]
    eps = WIDE.div_2exp(abs(b), 300)
    ends = []
    for bb in (WIDE.sub(b, eps), WIDE.add(b, eps)):
        if a != 0 and abs(bb) < WIDE.div_2exp(abs(a), 1500):
            bb = WIDE.div_2exp(abs(a), 1500) * (1 if b > 0 else -1)
        EXACT.clear_flags()
        ends.append(EXACT.add(a, bb))
        assert not EXACT.inexact
    return ends


def check_tau(name, report):
    fmt = fm.parse_format(name)
    orc = Oracle(fmt)
    pols = policies(fmt)
    model = {(r, p): fm.FloatArithmetic(fmt, r, p) for r in sm.ROUNDINGS for p in pols}
    c = gmpy2.context(precision=400, emin=gmpy2.get_emin_min(), emax=gmpy2.get_emax_max())
    n = undecided = 0
    for act in sm.ACTIVATIONS:
        for z in fmt.values:
            ends = enclosure(c, act, to_mpfr(z))
            outs = [orc.round_all("plus", (e,), pols) for e in ends]
            n += 1
            if any(o != outs[0] for o in outs):
                undecided += 1
                report("%s %s(%s): MPFR enclosure straddles a boundary" % (name, act, z))
                continue
            for k, ar in model.items():
                got = ar.tau(act, z)
                if got != outs[0][k]:
                    report("%s %s(%s) %s: model %s, MPFR %s" % (name, act, z, k, got, outs[0][k]))
    # SPEC §8's stated limits
    if fmt.specials == "IEEE":
        ar = fm.FloatArithmetic(fmt, "HALF_EVEN", "INF")
        for act, z, want in (("relu", fm.NINF, 0), ("sigmoid", fm.INF, 1), ("elu", fm.NINF, -1),
                             ("identity", fm.INF, fm.INF), ("identity", fm.NINF, fm.NINF),
                             ("gelu", fm.NAN, fm.NAN)):
            if ar.tau(act, z) != want:
                report("%s %s(%s) = %s, SPEC %s" % (name, act, z, ar.tau(act, z), want))
    return n, undecided


def check_numpy(samples, report):
    try:
        import numpy as np
    except ImportError:
        print("numpy: not installed, skipped")
        return
    f16 = fm.parse_format("binary16")
    ar = fm.FloatArithmetic(f16, "HALF_EVEN", "INF")
    rng = random.Random(15)

    def np_value(h):
        h = np.float16(h)
        if np.isnan(h):
            return fm.NAN
        if np.isinf(h):
            return fm.INF if h > 0 else fm.NINF
        return Fraction(float(h))

    hard = []
    for v in f16.values[-40:] + f16.values[len(f16.values) // 2 - 40:len(f16.values) // 2 + 40]:
        for d in (Fraction(1, 1 << 26), Fraction(1, 1 << 14), Fraction(1, 1 << 11)):
            hard += [v + v * d, v - v * d]
    hard += [Fraction(65520), Fraction(65519), Fraction(65536), Fraction(1, 1 << 25),
             Fraction(3, 1 << 26), Fraction(1, 1 << 26)]
    conv = 0
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(samples):
            x = Fraction(rng.uniform(-1, 1) * 2.0 ** rng.randint(-30, 17))
            hard.append(x)
        for x in hard:
            x = Fraction(float(x))  # the double numpy sees
            conv += 1
            if np_value(float(x)) != ar.rho(x):
                report("binary16 rho(%s): model %s, numpy %s" % (x, ar.rho(x), np_value(float(x))))
        vals = f16.values
        ops = 0
        for i in range(samples):
            a, b = rng.choice(vals), rng.choice(vals)
            if rng.random() < 0.3:  # near cancellation / near overflow
                b = -a + rng.choice(vals[len(vals) // 2 - 50:len(vals) // 2 + 50])
                b = ar.rho(b)
            for op, npf in (("add", lambda u, v: u + v), ("mul", lambda u, v: u * v)):
                got = getattr(ar, op)(a, b)
                want = np_value(npf(np.float16(float(a)), np.float16(float(b))))
                ops += 1
                if got != want:
                    report("binary16 %s(%s, %s): model %s, numpy %s" % (op, a, b, got, want))
    print("numpy float16: %d conversions and %d operations checked" % (conv, ops))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--formats", default=" ".join(FORMATS), help="space-separated")
    ap.add_argument("--skip-ops", action="store_true")
    ap.add_argument("--skip-tau", action="store_true")
    ap.add_argument("--random", type=int, default=100000, help="numpy samples")
    args = ap.parse_args(argv)
    fails = []

    def report(msg):
        fails.append(msg)
        if len(fails) <= 30:
            print("DISAGREE " + msg, flush=True)

    t0 = time.time()
    check_table(report)
    for name in args.formats.split():
        if not args.skip_ops:
            pairs, distinct, specials = check_ops(name, report)
            print("%s: %d operand pairs x 2 ops (%d distinct exact results) x 9 modes x %s, "
                  "%d special-operand cases: %.0f s" % (
                      name, pairs // 2, distinct, "/".join(policies(fm.parse_format(name))),
                      specials, time.time() - t0), flush=True)
        if not args.skip_tau:
            n, und = check_tau(name, report)
            print("%s: tau at %d (activation, z) x 9 modes, %d undecided: %.0f s" % (
                name, n, und, time.time() - t0), flush=True)
    check_numpy(args.random, report)
    print("%d disagreements in %.0f s" % (len(fails), time.time() - t0))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

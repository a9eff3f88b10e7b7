"""An independent model of SPEC §8 (floating-point formats), written from the SPEC alone.

Values are exact: a finite value is a fractions.Fraction, the three specials are the strings
INF, NINF and NAN. `rho` rounds by the binade's spacing with the nine modes of §2 (the same
`round_ratio` as the fixed-point model), THEN applies the overflow policy; the transcendental
activations reuse the fixed-point model's `A + B` splitting of sigma and mpmath, with the float
grid's rounding boundaries in place of the fixed-point ones.

Nothing here reads or imports fxnet's Java sources. Bit patterns are decoded with the §8 formula
(sign, biased exponent B, trailing bits T) and nothing else; no property of fxnet's internal
code numbering is assumed.
"""
from fractions import Fraction
import math
import re

import mpmath

import spec_model as sm

INF, NINF, NAN = "inf", "-inf", "nan"
SPECIALS = ("IEEE", "FN", "FINITE")
FLOAT_OVERFLOWS = ["SATFINITE", "INF", "NAN"]
NEAREST = {"HALF_EVEN", "HALF_UP", "HALF_DOWN", "HALF_CEILING", "HALF_FLOOR"}

# SPEC §8 named formats: name -> (e, m, bias, specials); aliases map onto names
PRESETS = {
    "binary16": (5, 10, 15, "IEEE"),
    "bfloat16": (8, 7, 127, "IEEE"),
    "e5m2": (5, 2, 15, "IEEE"),
    "e4m3": (4, 3, 7, "FN"),
    "e3m2": (3, 2, 3, "FINITE"),
    "e2m3": (2, 3, 1, "FINITE"),
    "e2m1": (2, 1, 1, "FINITE"),
}
ALIASES = {"float16": "binary16", "half": "binary16", "float8_e5m2": "e5m2",
           "float8_e4m3fn": "e4m3", "float6_e3m2fn": "e3m2", "float6_e2m3fn": "e2m3",
           "float4_e2m1fn": "e2m1"}
# the largest finite values the SPEC's table states (checked by the self-check)
TABLE_OMEGA = {"binary16": 65504, "e5m2": 57344, "e4m3": 448, "e3m2": 28, "e2m3": Fraction(15, 2),
               "e2m1": 6}


def floor_log2(x):
    """floor(log2 x) of a positive Fraction, exactly."""
    x = Fraction(x)
    e = x.numerator.bit_length() - x.denominator.bit_length()
    # 2^(e-1) < x < 2^(e+1): fix by one comparison
    return e if x >= Fraction(2) ** e else e - 1


def pow2(e):
    return Fraction(1 << e) if e >= 0 else Fraction(1, 1 << -e)


class FloatFormat:
    """E = (e, m, bias, specials) of SPEC §8, decoded pattern by pattern."""

    def __init__(self, e, m, bias=None, specials="IEEE", name=None):
        if e < 1 or m < 0:
            raise ValueError("need e >= 1 and m >= 0")
        if specials not in SPECIALS:
            raise ValueError("unknown specials " + specials)
        self.e, self.m = e, m
        self.bias = (1 << (e - 1)) - 1 if bias is None else bias
        self.specials = specials
        self.n = 1 + e + m
        self.emin = 1 - self.bias
        self.name = name or self.spelling()
        self.sign_bit = 1 << (e + m)
        self._decoded = [self._decode(b) for b in range(1 << self.n)]
        fin = {v for v in self._decoded if isinstance(v, Fraction)}
        shift = max(v.denominator for v in fin).bit_length()  # v * 2^shift is an integer
        fin = sorted(fin, key=lambda v: (v.numerator << shift) // v.denominator)
        self.values = fin  # every finite value once (-0 identified with 0), increasing
        self.omega = fin[-1]
        self.bits_of = {}
        for b, v in enumerate(self._decoded):
            if v == 0 and b != 0:
                continue  # -0 is written as +0
            if v == NAN:
                continue
            self.bits_of.setdefault(v, b)
        if self.has_nan():
            self.bits_of[NAN] = (1 << (e + m)) - 1  # sign 0, exponent and trailing bits all 1

    def spelling(self):
        return "float(%d,%d,bias=%d,specials=%s)" % (self.e, self.m, self.bias, self.specials)

    def _decode(self, bits):
        """SPEC §8's table and formulas, for one n-bit pattern."""
        s = bits >> (self.e + self.m)
        big_b = (bits >> self.m) & ((1 << self.e) - 1)
        t = bits & ((1 << self.m) - 1)
        top = (1 << self.e) - 1
        if self.specials == "IEEE" and big_b == top:
            if t == 0:
                return NINF if s else INF
            return NAN
        if self.specials == "FN" and big_b == top and t == (1 << self.m) - 1:
            return NAN
        if big_b == 0:
            v = t * pow2(1 - self.bias - self.m)
        else:
            v = ((1 << self.m) + t) * pow2(big_b - self.bias - self.m)
        return -v if s else v

    def decode(self, bits):
        if not 0 <= bits < (1 << self.n):
            raise ValueError("bit pattern %d out of range for %s" % (bits, self.name))
        return self._decoded[bits]

    def encode(self, v):
        return self.bits_of[v]

    def has_inf(self):
        return self.specials == "IEEE"

    def has_nan(self):
        return self.specials != "FINITE"

    def json(self):
        return {"exponentBits": self.e, "mantissaBits": self.m, "bias": self.bias,
                "specials": self.specials}

    def __repr__(self):
        return "FloatFormat(%s)" % self.name


_FLOAT_RE = re.compile(r"^float\((\d+),(\d+)((?:,[a-z]+=[^,()]+)*)\)$")


_parsed = {}


def parse_format(text):
    """A SPEC §8 --format spelling: a preset or alias (any case), or float(E,M[,bias=B][,specials=S])."""
    key = text.strip().lower().replace(" ", "")
    key = ALIASES.get(key, key)
    hit = _parsed.get(key)
    if hit is None:
        hit = _parse_format(text)
        _parsed[key] = hit
    return hit


def _parse_format(text):
    t = text.strip().lower().replace(" ", "")
    t = ALIASES.get(t, t)
    if t in PRESETS:
        e, m, b, s = PRESETS[t]
        return FloatFormat(e, m, b, s, name=t)
    mt = _FLOAT_RE.match(t)
    if not mt:
        raise ValueError("not a float format: " + text)
    e, m = int(mt.group(1)), int(mt.group(2))
    kw = dict(p.split("=") for p in mt.group(3).split(",") if p)
    bias = int(kw.pop("bias")) if "bias" in kw else None
    specials = kw.pop("specials", "ieee").upper()
    if kw:
        raise ValueError("unknown keys %s in %s" % (sorted(kw), text))
    return FloatFormat(e, m, bias, specials, name=text)


def is_finite(v):
    return isinstance(v, Fraction)


class FloatArithmetic:
    """rho, (+), (*) and tau of SPEC §8 on exact values."""

    def __init__(self, fmt, rounding="HALF_EVEN", overflow="SATFINITE"):
        if rounding not in sm.ROUNDINGS:
            raise ValueError("unknown rounding " + rounding)
        if overflow not in FLOAT_OVERFLOWS:
            raise ValueError("unknown overflow " + overflow)
        if overflow == "INF" and fmt.specials != "IEEE":
            raise ValueError("INF needs IEEE specials")
        if overflow == "NAN" and fmt.specials != "FN":
            raise ValueError("NAN needs FN specials")
        self.fmt, self.rounding, self.overflow = fmt, rounding, overflow

    def spacing(self, v):
        """u = 2^(E - m), E = max(floor(log2 |v|), emin), of the binade of v != 0."""
        return pow2(max(floor_log2(abs(v)), self.fmt.emin) - self.fmt.m)

    def rho(self, v):
        """SPEC §8 rho of an exact value (Fraction) or a special (rounded to itself)."""
        if not is_finite(v):
            return v
        if v == 0:
            return Fraction(0)
        u = self.spacing(v)
        c = v / u
        r = sm.round_ratio(c.numerator, c.denominator, self.rounding) * u
        if abs(r) <= self.fmt.omega:
            return r
        return self._overflow(r > 0)

    def _overflow(self, positive):
        big = self.fmt.omega if positive else -self.fmt.omega
        if self.overflow == "SATFINITE":
            return big
        r = self.rounding
        away = r in NEAREST or r == "UP" or (r == "CEILING" and positive) or (
            r == "FLOOR" and not positive)
        if not away:
            return big
        if self.overflow == "INF":
            return INF if positive else NINF
        return NAN

    def add(self, a, b):
        if a == NAN or b == NAN:
            return NAN
        if not is_finite(a) or not is_finite(b):
            if {a, b} == {INF, NINF}:
                return NAN
            return a if not is_finite(a) else b
        return self.rho(a + b)

    def mul(self, a, b):
        if a == NAN or b == NAN:
            return NAN
        if not is_finite(a) or not is_finite(b):
            if a == 0 or b == 0:
                return NAN
            neg = (a == NINF or (is_finite(a) and a < 0)) != (b == NINF or (is_finite(b) and b < 0))
            return NINF if neg else INF
        return self.rho(a * b)

    def wide(self, bias, terms):
        """rho(bias + sum w*y) with the exact sum; IEEE rules when a term is special."""
        prods = [(w, y) for w, y in terms]
        special = [self.mul_exact(w, y) for w, y in prods]
        vals = [bias] + special
        if NAN in vals or (INF in vals and NINF in vals):
            return NAN
        if INF in vals:
            return INF
        if NINF in vals:
            return NINF
        return self.rho(sum(vals, Fraction(0)))

    @staticmethod
    def mul_exact(w, y):
        """w * y without rounding (w finite): IEEE rules for special y."""
        if is_finite(y):
            return w * y
        if y == NAN or w == 0:
            return NAN
        return INF if (y == INF) == (w > 0) else NINF

    # ---------------------------------------------------------------------------------------
    # tau

    def tau(self, name, z):
        if z == NAN:
            return NAN
        if z in (INF, NINF):
            return self.rho(LIMITS[name][0 if z == INF else 1])
        return self.rho(sigma_proxy(name, z, self.fmt.emin, self.fmt.m))


# sigma at +inf and -inf (SPEC §8: the limits)
LIMITS = {
    "identity": (INF, NINF), "relu": (INF, Fraction(0)), "leaky_relu": (INF, NINF),
    "sigmoid": (Fraction(1), Fraction(0)), "tanh": (Fraction(1), Fraction(-1)),
    "elu": (INF, Fraction(-1)), "softplus": (INF, Fraction(0)), "silu": (INF, Fraction(0)),
    "mish": (INF, Fraction(0)), "gelu": (INF, Fraction(0)), "gelu_tanh": (INF, Fraction(0)),
    "hardtanh": (Fraction(1), Fraction(-1)), "hardsigmoid": (Fraction(1), Fraction(0)),
    "hardswish": (INF, Fraction(0)), "step": (Fraction(1), Fraction(0)),
}


# ---------------------------------------------------------------------------------------------
# correctly rounded sigma on a float grid: a rational proxy in the same open cell between
# consecutive rounding boundaries (grid points and midpoints, of every binade, beyond Omega too)


def _gap(a, emin, m):
    """A positive lower bound on the distance from the dyadic a to the nearest rounding boundary
    other than a itself: every boundary k*u/2 is a multiple of g = 2^(emin - m - 1)."""
    g = pow2(emin - m - 1)
    r = a / g
    if r.denominator == 1:
        return g
    fl = r.numerator // r.denominator
    return min(r - fl, fl + 1 - r) * g


def _cell_proxy(lo, hi, emin, m):
    """(2k+1)/4 * u when the closed interval [lo, hi] lies strictly inside one cell
    (k u/2, (k+1) u/2) of one binade, else None."""
    if lo <= 0 <= hi:
        return None
    e_lo = max(floor_log2(abs(lo)), emin)
    e_hi = max(floor_log2(abs(hi)), emin)
    if e_lo != e_hi:
        return None
    u = pow2(e_lo - m)
    t_lo, t_hi = 2 * lo / u, 2 * hi / u
    k = math.floor(t_lo)
    if t_lo == k or math.floor(t_hi) != k or t_hi == k + 1:
        return None
    return Fraction(2 * k + 1, 4) * u


def _float_cell(name, z, emin, m, prec):
    with mpmath.workprec(prec):
        a, b = sm._split(name, z)
        if b == 0 or not mpmath.isfinite(b):
            return None
        d = _gap(a, emin, m)
        if mpmath.mag(b) < floor_log2(d) - 2:
            # |B| < d/4 and its sign is certain: sigma(z) is strictly between a and a +- d/4,
            # where no boundary lies; a +- d/2 is in the same cell
            return a + d / 2 if b > 0 else a - d / 2
        bf = _to_fraction(b)
    err = abs(bf) / (Fraction(2) ** (prec - 64))
    return _cell_proxy(a + bf - err, a + bf + err, emin, m)


def _to_fraction(x):
    """An mpf as a Fraction of Python ints (mpmath's gmpy2 backend hands out mpz, whose
    Fractions turn into gmpy2 mpq under arithmetic)."""
    sign, man, exp, _ = mpmath.mpf(x)._mpf_
    f = Fraction(int(man)) * pow2(int(exp))
    return -f if sign else f


_cache = {}


def sigma_proxy(name, z, emin, m):
    """sigma(z) where it is rational, else a rational that every mode rounds (and every
    overflow policy treats) like sigma(z) on the grid (emin, m) with unbounded exponent."""
    z = Fraction(z)
    if name in sm.RATIONAL:
        return sm.sigma_rational(name, z)
    if z == 0 and name in sm.EXACT_AT_ZERO:
        return sm.EXACT_AT_ZERO[name]
    if name == "elu" and z > 0:
        return z
    key = (name, z, emin, m)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    prec = 128
    while True:
        p1 = _float_cell(name, z, emin, m, prec)
        # accept only when two precisions land in the same cell
        if p1 is not None and _float_cell(name, z, emin, m, 2 * prec) == p1:
            break
        prec *= 2
        if prec > sm.MAX_PREC:
            raise ArithmeticError("cannot separate %s(%s) from a rounding boundary" % (name, z))
    _cache[key] = p1
    return p1


# ---------------------------------------------------------------------------------------------
# SPEC §8 networks: the §5 JSON with a float format, parameters as bit patterns


class FloatNetwork:
    def __init__(self, obj):
        self.obj = obj
        fm = obj["format"]
        self.fmt = FloatFormat(fm["exponentBits"], fm["mantissaBits"], fm.get("bias"),
                               fm.get("specials", "IEEE"))
        ari = obj["arithmetic"]
        self.ar = FloatArithmetic(self.fmt, ari["rounding"], ari["overflow"])
        self.accumulation = ari["accumulation"]
        if self.accumulation not in sm.ACCUMULATIONS:
            raise ValueError("unknown accumulation")
        self.activation = obj["activation"]
        if self.activation not in sm.ACTIVATIONS:
            raise ValueError("unknown activation")
        self.inputs = obj["inputs"]
        dec = self.fmt.decode
        self.layers = [[(dec(nr["bias"]), [(s, dec(w)) for s, w in nr["weights"]]) for nr in layer]
                       for layer in obj["layers"]]
        for layer in self.layers:
            for b, ws in layer:
                if not is_finite(b) or not all(is_finite(w) for _, w in ws):
                    raise ValueError("non-finite parameter")
        self._tau = {}
        self._acc = {}

    def tau(self, v):
        t = self._tau.get(v)
        if t is None:
            t = self.ar.tau(self.activation, v)
            self._tau[v] = t
        return t

    def neuron(self, bias, weights, y):
        ar = self.ar
        if self.accumulation == "PER_OP":
            acc = bias
            for s, w in weights:
                acc = ar.add(acc, ar.mul(w, y[s]))
            return acc
        return ar.wide(bias, [(w, y[s]) for s, w in weights])

    def evaluate(self, x):
        """Values (Fractions / specials) in, values out. A neuron's accumulator depends only on
        the values of its sources, so it is computed once per (neuron, source values) and
        remembered: many points share the values of the hidden layers."""
        y = list(x)
        last = len(self.layers) - 1
        for li, layer in enumerate(self.layers):
            accs = []
            for j, (b, ws) in enumerate(layer):
                key = (li, j) + tuple(y[s] for s, _ in ws)
                acc = self._acc.get(key)
                if acc is None:
                    acc = self.neuron(b, ws, y)
                    self._acc[key] = acc
                accs.append(acc)
            y = accs if li == last else [self.tau(a) for a in accs]
        return y


def exact_decimal(v):
    """SPEC §8's value column: exact decimal, or inf / -inf / nan."""
    if not is_finite(v):
        return v
    if v == 0:
        return "0"
    num, den = v.numerator, v.denominator
    k = den.bit_length() - 1  # den = 2^k
    digits = str(abs(num) * 5 ** k)
    if k:
        digits = digits.rjust(k + 1, "0")
        digits = (digits[:-k] + "." + digits[-k:]).rstrip("0").rstrip(".")
    return ("-" if num < 0 else "") + digits

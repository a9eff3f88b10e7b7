"""An independent model of fxnet's SPEC (docs/SPEC.md), written from the SPEC alone.

Exact arithmetic uses fractions.Fraction; the transcendental activations use mpmath with
increasing precision until sigma(z) * 2^q is provably inside one open interval
(k/2, (k+1)/2), which is all that any of the nine rounding modes needs to know.

Nothing here reads or imports fxnet's Java sources.
"""
from fractions import Fraction
import math

import mpmath

# --------------------------------------------------------------------------------------------
# SPEC §1 formats


class Format:
    """F = (p, q, encoding); values are integer codes k times eps = 2^-q."""

    def __init__(self, p, q, encoding="SYMMETRIC"):
        if encoding not in ("SYMMETRIC", "TWOS_COMPLEMENT"):
            raise ValueError("unknown encoding " + encoding)
        self.p, self.q, self.encoding = p, q, encoding
        self.n = 1 + p + q
        top = 1 << (p + q)
        self.kmax = top - 1
        self.kmin = -top if encoding == "TWOS_COMPLEMENT" else -(top - 1)

    def codes(self):
        return range(self.kmin, self.kmax + 1)

    def size(self):
        return self.kmax - self.kmin + 1

    def value(self, code):
        return Fraction(code, 1 << self.q)

    def contains(self, code):
        return self.kmin <= code <= self.kmax

    def key(self):
        return (self.p, self.q, self.encoding)

    def __repr__(self):
        return "Format(p=%d,q=%d,%s)" % self.key()


# --------------------------------------------------------------------------------------------
# SPEC §2 rounding rho: round c = x * 2^q to an integer, THEN handle overflow of the code

ROUNDINGS = ["HALF_EVEN", "HALF_UP", "HALF_DOWN", "HALF_CEILING", "HALF_FLOOR",
             "UP", "DOWN", "CEILING", "FLOOR"]
OVERFLOWS = ["SATURATE", "WRAP"]
ACCUMULATIONS = ["PER_OP", "WIDE"]


def round_ratio(num, den, mode):
    """Round the exact rational num/den (den > 0) to an integer with one of the nine modes."""
    fl = num // den  # floor
    rem = num - fl * den  # 0 <= rem < den
    if rem == 0:
        return fl
    positive = num > 0
    if mode == "FLOOR":
        return fl
    if mode == "CEILING":
        return fl + 1
    if mode == "DOWN":  # toward zero
        return fl if positive else fl + 1
    if mode == "UP":  # away from zero
        return fl + 1 if positive else fl
    twice = 2 * rem
    if twice < den:
        return fl
    if twice > den:
        return fl + 1
    # exact tie between fl and fl + 1
    if mode == "HALF_EVEN":
        return fl if fl % 2 == 0 else fl + 1
    if mode == "HALF_UP":  # ties away from zero
        return fl + 1 if positive else fl
    if mode == "HALF_DOWN":  # ties toward zero
        return fl if positive else fl + 1
    if mode == "HALF_CEILING":
        return fl + 1
    if mode == "HALF_FLOOR":
        return fl
    raise ValueError("unknown rounding " + mode)


def round_to_integer(c, mode):
    c = Fraction(c)
    return round_ratio(c.numerator, c.denominator, mode)


class Arithmetic:
    def __init__(self, fmt, rounding="HALF_EVEN", overflow="SATURATE"):
        if rounding not in ROUNDINGS:
            raise ValueError("unknown rounding " + rounding)
        if overflow not in OVERFLOWS:
            raise ValueError("unknown overflow " + overflow)
        if overflow == "WRAP" and fmt.encoding != "TWOS_COMPLEMENT":
            raise ValueError("WRAP needs TWOS_COMPLEMENT")
        self.fmt, self.rounding, self.overflow = fmt, rounding, overflow

    def overflow_code(self, k):
        f = self.fmt
        if f.kmin <= k <= f.kmax:
            return k
        if self.overflow == "SATURATE":
            return f.kmax if k > f.kmax else f.kmin
        half = 1 << (f.n - 1)  # = 2^(p+q)
        return ((k + half) % (1 << f.n)) - half

    def rho_scaled(self, c):
        """rho given c = x * 2^q (exact rational)."""
        return self.overflow_code(round_to_integer(c, self.rounding))

    def rho(self, x):
        return self.rho_scaled(Fraction(x) * (1 << self.fmt.q))

    def add(self, a, b):  # codes
        return self.overflow_code(a + b)

    def rho_ratio(self, num, den):
        """rho given c = num/den exactly."""
        return self.overflow_code(round_ratio(num, den, self.rounding))

    def mul(self, a, b):  # codes: a*eps * b*eps = (a*b) * eps^2 -> c = a*b / 2^q
        return self.rho_ratio(a * b, 1 << self.fmt.q)


# --------------------------------------------------------------------------------------------
# SPEC §6 activations.  For each activation and each grid point z we need, for c = sigma(z)*2^q,
# either c exactly (rational cases) or a proxy rational in the same open half-unit interval
# (k/2, (k+1)/2): every rounding mode gives the same integer for c and for its proxy.

ACTIVATIONS = ["identity", "relu", "leaky_relu", "sigmoid", "tanh", "elu", "softplus", "silu",
               "mish", "gelu", "gelu_tanh", "hardtanh", "hardsigmoid", "hardswish", "step"]

RATIONAL = {"identity", "relu", "leaky_relu", "hardtanh", "hardsigmoid", "hardswish", "step"}


def sigma_rational(name, z):
    z = Fraction(z)
    if name == "identity":
        return z
    if name == "relu":
        return max(Fraction(0), z)
    if name == "leaky_relu":
        return z if z >= 0 else z / 100
    if name == "hardtanh":
        return min(Fraction(1), max(Fraction(-1), z))
    if name == "hardsigmoid":
        return min(Fraction(1), max(Fraction(0), z / 6 + Fraction(1, 2)))
    if name == "hardswish":
        return z * sigma_rational("hardsigmoid", z)
    if name == "step":
        return Fraction(1) if z >= 0 else Fraction(0)
    raise KeyError(name)


# Exact values at z = 0 of the transcendental ones (e^0 = 1 makes them rational there);
# softplus(0) = ln 2 is irrational and is evaluated like any other point.
EXACT_AT_ZERO = {"sigmoid": Fraction(1, 2), "tanh": Fraction(0), "elu": Fraction(0),
                 "silu": Fraction(0), "mish": Fraction(0), "gelu": Fraction(0),
                 "gelu_tanh": Fraction(0)}

GELU_TANH_C = Fraction(44715, 1000000)  # 0.044715 exactly


def _split(name, z):
    """sigma(z) = A + B with A an exact Fraction and B an mpf computed (at the current mpmath
    precision) with small *relative* error, chosen so that no cancellation happens inside B.
    For nonzero z and the transcendental activations, B != 0 (Lindemann-Weierstrass: e^z,
    erf(z/sqrt2), ... are transcendental at nonzero rational z, so sigma(z) is not rational)."""
    mp = mpmath.mp
    zf = mpmath.mpf(z.numerator) / z.denominator  # exact: z is dyadic and fits the precision
    pos = z > 0
    if name == "sigmoid":
        # z>0: 1 - 1/(1+e^z);  z<0: 1/(1+e^-z)
        if pos:
            return Fraction(1), -1 / (1 + mpmath.exp(zf))
        return Fraction(0), 1 / (1 + mpmath.exp(-zf))
    if name == "tanh":
        # z>0: 1 - 2/(1+e^2z);  z<0: -1 + 2/(1+e^-2z)
        if pos:
            return Fraction(1), -2 / (1 + mpmath.exp(2 * zf))
        return Fraction(-1), 2 / (1 + mpmath.exp(-2 * zf))
    if name == "elu":  # z > 0 is handled as the exact rational z
        return Fraction(-1), mpmath.exp(zf)  # e^z - 1 = -1 + e^z
    if name == "softplus":
        # z>0: z + ln(1+e^-z);  z<=0: ln(1+e^z)
        if pos:
            return z, mpmath.log1p(mpmath.exp(-zf))
        return Fraction(0), mpmath.log1p(mpmath.exp(zf))
    if name == "silu":
        # z>0: z - z/(1+e^z);  z<0: z/(1+e^-z)
        if pos:
            return z, -zf / (1 + mpmath.exp(zf))
        return Fraction(0), zf / (1 + mpmath.exp(-zf))
    if name == "mish":
        # tanh(ln(1+e^z)) = ((1+e^z)^2 - 1)/((1+e^z)^2 + 1)
        # z>0: z - 2z/(1+(1+e^z)^2);  z<0: z * e^z (2+e^z) / ((1+e^z)^2 + 1)
        e = mpmath.exp(zf)
        s = (1 + e) ** 2
        if pos:
            return z, -2 * zf / (1 + s)
        return Fraction(0), zf * e * (2 + e) / (s + 1)
    if name == "gelu":
        # z Phi(z), Phi(z) = erfc(-z/sqrt2)/2;  z>0: z - (z/2) erfc(z/sqrt2)
        r = zf / mpmath.sqrt(2)
        if pos:
            return z, -(zf / 2) * mpmath.erfc(r)
        return Fraction(0), (zf / 2) * mpmath.erfc(-r)
    if name == "gelu_tanh":
        # (z/2)(1 + tanh u) = z / (1 + e^-2u), u = sqrt(2/pi)(z + 0.044715 z^3)
        c = mpmath.mpf(GELU_TANH_C.numerator) / GELU_TANH_C.denominator
        u = mpmath.sqrt(2 / mp.pi) * (zf + c * zf ** 3)
        if pos:
            return z, -zf / (1 + mpmath.exp(2 * u))
        return Fraction(0), zf / (1 + mpmath.exp(-2 * u))
    raise KeyError(name)


def _mpf_to_fraction(x):
    sign, man, exp, _ = mpmath.mpf(x)._mpf_
    if man == 0:
        if exp != 0:
            raise ArithmeticError("not a finite number: %s" % x)
        return Fraction(0)
    f = Fraction(man) * (Fraction(2) ** exp)
    return -f if sign else f


def _half_interval(name, z, q, prec):
    """Index k with sigma(z)*2^q provably in (k/2, (k+1)/2), or None if not separated at prec.
    B is trusted to relative error 2^-(prec-64): mpmath's functions are accurate to a few ulps
    and the worst condition number amplifying argument rounding here (erfc at |z|/sqrt2,
    exp at 2u for gelu_tanh) is below 2^24 for |z| <= 2^10, far inside the 64-bit margin."""
    with mpmath.workprec(prec):
        a, b = _split(name, z)
        if b == 0 or not mpmath.isfinite(b):
            return None
        if mpmath.mag(b) + q < -40:
            # |B| 2^q < 2^-40 (and its sign is certain, the relative error being < 1): c lies
            # strictly between the exact c_A = A 2^q and c_A +- 2^-40; boundaries are k/2 and
            # no boundary other than c_A itself is that close to c_A, whose denominator is <= 2^q.
            ca2 = 2 * a * (1 << q)
            return math.floor(ca2) if b > 0 else math.ceil(ca2) - 1
        bf = _mpf_to_fraction(b)
    err = abs(bf) / (Fraction(2) ** (prec - 64))
    scale = 1 << q
    lo = (a + bf - err) * scale
    hi = (a + bf + err) * scale
    k = math.floor(2 * lo)
    if Fraction(k, 2) == lo or hi >= Fraction(k + 1, 2):
        return None
    return k


_cache = {}
MAX_PREC = 1 << 17


def scaled_sigma(name, z, q):
    """A rational that every rounding mode rounds like c = sigma(z)*2^q: c itself where it is
    rational, else (2k+1)/4 where c is in the open interval (k/2, (k+1)/2)."""
    z = Fraction(z)
    if name in RATIONAL:
        return sigma_rational(name, z) * (1 << q)
    if z == 0 and name in EXACT_AT_ZERO:
        return EXACT_AT_ZERO[name] * (1 << q)
    if name == "elu" and z > 0:
        return z * (1 << q)
    key = (name, z, q)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    prec = 128
    while True:
        k1 = _half_interval(name, z, q, prec)
        # accept only when two independent precisions agree
        if k1 is not None and _half_interval(name, z, q, 2 * prec) == k1:
            break
        prec *= 2
        if prec > MAX_PREC:
            raise ArithmeticError("cannot separate %s(%s)*2^%d from a boundary" % (name, z, q))
    proxy = Fraction(2 * k1 + 1, 4)
    _cache[key] = proxy
    return proxy


def tau(ar, name, zcode):
    """tau(z) = rho(sigma(z)) on codes."""
    q = ar.fmt.q
    return ar.rho_scaled(scaled_sigma(name, Fraction(zcode, 1 << q), q))


def activation_table(ar, name):
    return [(k, tau(ar, name, k)) for k in ar.fmt.codes()]


# --------------------------------------------------------------------------------------------
# SPEC §4/§5 networks


class Network:
    def __init__(self, obj):
        self.obj = obj
        fm = obj["format"]
        self.fmt = Format(fm["intBits"], fm["fracBits"], fm.get("encoding", "SYMMETRIC"))
        ari = obj["arithmetic"]
        self.ar = Arithmetic(self.fmt, ari["rounding"], ari["overflow"])
        self.accumulation = ari["accumulation"]
        if self.accumulation not in ACCUMULATIONS:
            raise ValueError("unknown accumulation")
        self.activation = obj["activation"]
        if self.activation not in ACTIVATIONS:
            raise ValueError("unknown activation")
        self.inputs = obj["inputs"]
        self.layers = obj["layers"]
        self._tau = {}

    def tau(self, code):
        t = self._tau.get(code)
        if t is None:
            t = tau(self.ar, self.activation, code)
            self._tau[code] = t
        return t

    def neuron(self, neuron, y):
        ar = self.ar
        b = neuron["bias"]
        if self.accumulation == "PER_OP":
            acc = b
            for s, w in neuron["weights"]:
                acc = ar.add(acc, ar.mul(w, y[s]))
            return acc
        # WIDE: rho(b + sum w*y), exact sum, one rounding; in units of eps^2
        total = b * (1 << self.fmt.q) + sum(w * y[s] for s, w in neuron["weights"])
        return ar.rho_ratio(total, 1 << self.fmt.q)

    def evaluate(self, x):
        y = list(x)
        last = len(self.layers) - 1
        for li, layer in enumerate(self.layers):
            accs = [self.neuron(nr, y) for nr in layer]
            y = accs if li == last else [self.tau(a) for a in accs]
        return y


# --------------------------------------------------------------------------------------------
# self-check of the A + B formulas against plain double-precision formulas of SPEC §6, where
# the double value is far from a rounding boundary: `python3 spec_model.py`


def _self_check():
    def d_sigma(name, z):
        if name == "sigmoid":
            return 1 / (1 + math.exp(-z))
        if name == "tanh":
            return math.tanh(z)
        if name == "elu":
            return z if z > 0 else math.exp(z) - 1
        if name == "softplus":
            return math.log(1 + math.exp(z))
        if name == "silu":
            return z / (1 + math.exp(-z))
        if name == "mish":
            return z * math.tanh(math.log(1 + math.exp(z)))
        if name == "gelu":
            return z / 2 * (1 + math.erf(z / math.sqrt(2)))
        if name == "gelu_tanh":
            return z / 2 * (1 + math.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z ** 3)))
        return float(sigma_rational(name, Fraction(z)))

    checked = 0
    for q in range(0, 9):
        for k in range(-12 << q, (12 << q) + 1):
            z = Fraction(k, 1 << q)
            for name in ACTIVATIONS:
                c = d_sigma(name, float(z)) * (1 << q)
                proxy = scaled_sigma(name, z, q)
                if abs(2 * c - round(2 * c)) < 1e-6:
                    continue  # too near a boundary for doubles to judge
                if math.floor(2 * c) != math.floor(2 * proxy):
                    raise AssertionError("%s(%s) q=%d: double %r, model %s" % (name, z, q, c, proxy))
                checked += 1
    print("self-check: %d points agree with double precision" % checked)


if __name__ == "__main__":
    _self_check()

#!/usr/bin/env python3
"""Black-box acceptance run: fxnet's CLI against the independent SPEC model in spec_model.py.

  (1) `fxnet activation NAME ... --csv` on a grid of formats x roundings x overflows x
      activations, every row compared with tau = rho(sigma(z)) computed here;
  (2) random networks (SPEC §5 JSON) of every rounding, overflow, encoding, accumulation and
      every activation, `fxnet eval NET.json --all --csv`, every point of F^d compared;
  (3) the SPEC §5 example network, which must compute 0.5 * [x >= 0.5] in p=2, q=1;
  (4) with --float: SPEC §8 float formats, `fxnet activation NAME --format F ... --csv` and
      `fxnet eval NET.json --all --csv` on random float networks (float_cases.py).

Prints `N passed, M failed` on its own line and exits 1 on any mismatch (2 on a usage error).
See acceptance/README.md.
"""
import argparse
import concurrent.futures
import json
import os
import random
import socket
import subprocess
import sys
import time
from decimal import Decimal
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spec_model as sm  # noqa: E402
import float_cases as fc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# (encoding, overflow) pairs: WRAP exists only for two's complement
ENC_OVF = [("SYMMETRIC", "SATURATE"), ("TWOS_COMPLEMENT", "SATURATE"),
           ("TWOS_COMPLEMENT", "WRAP")]
# every (p, q) with p + q <= 5, plus larger ones (many fractional bits; many integer bits,
# i.e. |z| up to 256 where the tails of gelu, mish, softplus, tanh, ... are extreme)
FORMATS = [(p, s - p) for s in range(6) for p in range(s + 1)] + [(2, 6), (8, 2)]

SPEC_EXAMPLE = {
    "fxnet": 1,
    "format": {"intBits": 2, "fracBits": 1, "encoding": "SYMMETRIC"},
    "arithmetic": {"rounding": "HALF_EVEN", "overflow": "SATURATE", "accumulation": "PER_OP"},
    "activation": "relu",
    "inputs": 1,
    "layers": [
        [{"bias": 0, "weights": [[0, 2]]}, {"bias": -1, "weights": [[0, 2]]}],
        [{"bias": 0, "weights": [[0, 2], [1, -2]]}]
    ],
    "meta": {}
}


# --------------------------------------------------------------------------------------------
# the grids


def product_cases(formats, activations):
    """The Cartesian product: given formats x 27 modes x given activations."""
    return [(act, p, q, e, r, o) for act in activations for (p, q) in formats
            for r in sm.ROUNDINGS for (e, o) in ENC_OVF]


def activation_cases(level):
    """(activation, p, q, encoding, rounding, overflow) tuples.
    full: for every activation all 9 roundings x 3 (encoding, overflow) = 27 calls, their formats
    cycling through all 23 formats (so every activation meets every format and every mode);
    quick: 4 of those 27 per activation on the small formats, staggered so that all 27 modes and
    all small formats occur, plus p=8,q=2 in FLOOR/DOWN and p=2,q=6 in CEILING/UP;
    exhaustive: the whole Cartesian product."""
    modes = [(r, e, o) for r in sm.ROUNDINGS for (e, o) in ENC_OVF]  # 27
    cases = []
    for a, act in enumerate(sm.ACTIVATIONS):
        if level == "exhaustive":
            for (p, q) in FORMATS:
                for (r, e, o) in modes:
                    cases.append((act, p, q, e, r, o))
            continue
        if level == "full":
            for j in range(27):
                r, e, o = modes[j]
                p, q = FORMATS[(j + 5 * a) % len(FORMATS)]
                cases.append((act, p, q, e, r, o))
            continue
        for t in range(4):
            j = (a * 4 + t * 7) % 27
            r, e, o = modes[j]
            p, q = FORMATS[(7 * j + 3 * a) % (len(FORMATS) - 2)]  # the small formats
            cases.append((act, p, q, e, r, o))
        # the large formats in directed modes, where the tails of sigma sit just beside a
        # rounding boundary (gelu(256) = 256 - 10^-14000...: FLOOR/DOWN give 256 - eps)
        e1, o1 = ENC_OVF[a % 3]
        e2, o2 = ENC_OVF[(a + 1) % 3]
        cases.append((act, 8, 2, e1, "FLOOR" if a % 2 else "DOWN", o1))
        cases.append((act, 2, 6, e2, "CEILING" if a % 2 else "UP", o2))
    return cases


def random_network(rng, fmt, rounding, overflow, accumulation, activation, d):
    codes = list(fmt.codes())
    one = 1 << fmt.q if fmt.contains(1 << fmt.q) else None
    binary = one is not None and rng.random() < 0.2

    def weight():
        u = rng.random()
        if u < 0.15:
            return 0
        if u < 0.45 and one is not None:
            return rng.choice([one, -one])
        if u < 0.55:
            return rng.choice([fmt.kmin, fmt.kmax])
        return rng.choice(codes)

    def bias():
        return 0 if rng.random() < 0.2 else rng.choice(codes)

    layers = []
    width_in = d
    hidden = rng.randint(1, 3)
    for li in range(hidden + 1):
        last = li == hidden
        width = rng.randint(1, 2) if last else rng.randint(1, 4)
        layer = []
        for _ in range(width):
            if binary:
                srcs = list(range(width_in))  # dense, weights +-1 (order still shuffled)
                rng.shuffle(srcs)
                ws = [[s, rng.choice([one, -one])] for s in srcs]
            else:
                # occasionally no source at all: the neuron is its bias (SPEC §4 allows an
                # empty list; it is not a missing field)
                k = 0 if rng.random() < 0.05 else rng.randint(1, width_in)
                srcs = rng.sample(range(width_in), k)  # random subset in random order
                ws = [[s, weight()] for s in srcs]
            layer.append({"bias": bias(), "weights": ws})
        layers.append(layer)
        width_in = width
    return {
        "fxnet": 1,
        "format": {"intBits": fmt.p, "fracBits": fmt.q, "encoding": fmt.encoding},
        "arithmetic": {"rounding": rounding, "overflow": overflow,
                       "accumulation": accumulation},
        "activation": activation,
        "inputs": d,
        "layers": layers,
        "meta": {"generator": "acceptance/run_acceptance.py", "binary": binary},
    }


def network_cases(level, seed):
    """One random network per (rounding, encoding+overflow, accumulation) = 54 (quick), three
    (full/exhaustive); activations cycle so that each occurs; d in 1..3 with F^d small."""
    rng = random.Random(seed)
    reps = 1 if level == "quick" else 3
    nets = []
    i = 0
    for rep in range(reps):
        for r in sm.ROUNDINGS:
            for (e, o) in ENC_OVF:
                for acc in sm.ACCUMULATIONS:
                    act = sm.ACTIVATIONS[(i * 7 + rep) % len(sm.ACTIVATIONS)]
                    d = 1 + (i % 3)
                    total = {1: rng.randint(0, 6), 2: rng.randint(0, 4), 3: rng.randint(0, 3)}[d]
                    p = rng.randint(0, total)
                    fmt = sm.Format(p, total - p, e)
                    nets.append(random_network(rng, fmt, r, o, acc, act, d))
                    i += 1
    return nets


# --------------------------------------------------------------------------------------------
# running fxnet


class Runner:
    """Runs one fxnet call: a new process (the launcher, `java -jar` or `java -cp ... Main`), or,
    with --server, a request to the in-process command line of the test JVM
    (src/test/java/dev/fxnet/acceptance/InProcessCli.java) for every call but the ones that
    real() picks, which still start a process."""

    def __init__(self, args):
        if args.classpath:
            self.base = [args.java] + args.jvm_opt + ["-cp", args.classpath, "dev.fxnet.cli.Main"]
        elif args.jar:
            self.base = [args.java] + args.jvm_opt + ["-jar", args.jar]
        else:
            self.base = [args.launcher]
        self.timeout = args.call_timeout
        self.server = args.server
        self.real_every = args.real_every

    def real(self, index, first_of_kind):
        """With --server: whether job `index` still runs as a process of its own: the first job
        of each kind and every --real-every-th one, so that the process path (exit status,
        stdout and stderr as separate streams) stays checked on every kind of call."""
        if self.server is None:
            return True
        return first_of_kind or (self.real_every > 0 and index % self.real_every == 0)

    def run(self, argv, real=True):
        if not real:
            return self.ask_server(argv)
        cmd = self.base + argv
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=self.timeout, text=True)
            return cmd, p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            return cmd, -1, "", "timed out after %ss" % self.timeout

    def ask_server(self, argv):
        cmd = ["<in-process>", "fxnet"] + argv
        try:
            with socket.create_connection(("127.0.0.1", self.server), timeout=self.timeout) as s:
                s.sendall((json.dumps(argv) + "\n").encode("utf-8"))
                chunks = []
                while True:
                    b = s.recv(1 << 16)
                    if not b:
                        break
                    chunks.append(b)
        except OSError as e:
            return cmd, -1, "", "in-process call failed: %s" % e
        if not chunks:
            return cmd, -1, "", "in-process call ended without a reply"
        reply = json.loads(b"".join(chunks).decode("utf-8"))
        return cmd, reply["exit"], reply["stdout"], reply["stderr"]


SHORTEN = {}  # long arguments (the class path) shown by a short name in reports


def shell(cmd):
    cmd = [SHORTEN.get(c, c) for c in cmd]
    return " ".join("'%s'" % c if any(ch in c for ch in " <>,;") else c for c in cmd)


class Tally:
    def __init__(self, max_report):
        self.passed = 0
        self.failed = 0
        self.reports = []
        self.max_report = max_report

    def ok(self, n=1):
        self.passed += n

    def fail(self, text):
        self.failed += 1
        if len(self.reports) < self.max_report:
            self.reports.append(text)


def decimal_value(s):
    return Fraction(Decimal(s))


def parse_csv(out):
    lines = [ln for ln in out.splitlines() if ln.strip() != ""]
    if not lines:
        return None, []
    return lines[0].strip(), [ln.strip().split(",") for ln in lines[1:]]


def check_activation(tally, case, result):
    act, p, q, enc, rnd, ovf = case
    cmd, rc, out, err = result
    where = "$ " + shell(cmd)
    if rc != 0:
        tally.fail("%s\n  exit code %d: %s" % (where, rc, err.strip()[:500]))
        return
    fmt = sm.Format(p, q, enc)
    ar = sm.Arithmetic(fmt, rnd, ovf)
    header, rows = parse_csv(out)
    if header is None or not header.startswith("z_code,tau_code"):
        tally.fail("%s\n  header %r, expected z_code,tau_code,..." % (where, header))
        return
    codes = list(fmt.codes())
    if len(rows) != len(codes):
        tally.fail("%s\n  %d rows, expected %d (one per code)" % (where, len(rows), len(codes)))
    for k, row in zip(codes, rows):
        try:
            zc, tc = int(row[0]), int(row[1])
        except (ValueError, IndexError):
            tally.fail("%s\n  unparsable row %r" % (where, ",".join(row)))
            continue
        want = sm.tau(ar, act, k)
        problems = []
        if zc != k:
            problems.append("z_code %d, expected %d" % (zc, k))
        if tc != want:
            problems.append("tau_code %d, expected %d (sigma(z) at z = %s)" % (
                tc, want, fmt.value(k)))
        if len(row) >= 4:
            try:
                if decimal_value(row[2]) != fmt.value(zc) or decimal_value(row[3]) != fmt.value(tc):
                    problems.append("decimals %s,%s do not match the codes" % (row[2], row[3]))
            except Exception:
                problems.append("unparsable decimals %s,%s" % (row[2], row[3]))
        if problems:
            tally.fail("%s\n  row %s: %s" % (where, ",".join(row), "; ".join(problems)))
        else:
            tally.ok()


def all_points(fmt, d):
    codes = list(fmt.codes())
    if d == 0:
        yield ()
        return
    for k in codes:  # x0 slowest
        for rest in all_points(fmt, d - 1):
            yield (k,) + rest


def check_network(tally, obj, path, result, closed_form=None):
    cmd, rc, out, err = result
    where = "$ " + shell(cmd)
    if rc != 0:
        tally.fail("%s\n  exit code %d: %s" % (where, rc, err.strip()[:500]))
        return
    net = sm.Network(obj)
    d = net.inputs
    outs = len(obj["layers"][-1])
    ycols = ["y_code"] if outs == 1 else ["y%d_code" % i for i in range(outs)]
    want_header = ",".join(["x%d_code" % i for i in range(d)] + ycols)
    header, rows = parse_csv(out)
    if header != want_header:
        tally.fail("%s\n  header %r, expected %r" % (where, header, want_header))
        return
    points = list(all_points(net.fmt, d))
    if len(rows) != len(points):
        tally.fail("%s\n  %d rows, expected %d (|F|^d)" % (where, len(rows), len(points)))
    for x, row in zip(points, rows):
        try:
            got = [int(v) for v in row]
        except ValueError:
            tally.fail("%s\n  unparsable row %r" % (where, ",".join(row)))
            continue
        want = list(x) + net.evaluate(x)
        if closed_form is not None:
            cf = list(x) + closed_form(x)
            if cf != want:
                tally.fail("%s\n  the SPEC model itself gives %s at x = %s, closed form %s" % (
                    where, want[d:], x, cf[d:]))
                continue
        if got != want:
            tally.fail("%s\n  row %s: expected %s (network %s)" % (
                where, ",".join(row), ",".join(str(v) for v in want), path))
        else:
            tally.ok()


def add_float_jobs(jobs, lvl, args):
    """SPEC §8: float activation tables and random float networks (float_cases.py)."""
    for case in fc.activation_cases(lvl):
        jobs.append(("fact", case, fc.activation_argv(case)))
    for i, obj in enumerate(fc.network_cases(lvl, args.seed)):
        path = os.path.join(args.workdir, "float-net-%03d.json" % i)
        with open(path, "w") as fh:
            json.dump(obj, fh, indent=1)
        jobs.append(("fnet", (obj, path), ["eval", path, "--all", "--csv"]))
    for case in fc.bad_input_cases(args.workdir):
        jobs.append(("fbad", case, case[1]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    how = ap.add_mutually_exclusive_group()
    how.add_argument("--classpath", help="run `java -cp CLASSPATH dev.fxnet.cli.Main`")
    how.add_argument("--jar", help="run `java -jar JAR` (e.g. fxnet-core/target/fxnet.jar)")
    how.add_argument("--launcher", default=os.path.join(ROOT, "fxnet"),
                     help="the fxnet launcher script (default: the repository's ./fxnet)")
    ap.add_argument("--server", type=int, metavar="PORT",
                    help="send the calls to the in-process fxnet of a test JVM listening on this "
                         "loopback port (InProcessCli) instead of starting a process each; the "
                         "calls that --real-every picks still start one (needs --classpath, "
                         "--jar or the launcher for those)")
    ap.add_argument("--real-every", type=int, default=40, metavar="K",
                    help="with --server: the first call of each kind and every K-th call still "
                         "run as a process of their own (0: only the first of each kind)")
    ap.add_argument("--java", default="java", help="java executable for --classpath/--jar")
    ap.add_argument("--jvm-opt", action="append", default=None,
                    help="JVM option for --classpath/--jar (repeatable; default: fast startup "
                         "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss8m)")
    level = ap.add_mutually_exclusive_group()
    level.add_argument("--full", action="store_true",
                       help="405 activation tables and 162 networks (a few minutes)")
    level.add_argument("--exhaustive", action="store_true",
                       help="every format x mode x activation: 9315 tables (about an hour)")
    ap.add_argument("--formats", help="instead of the grid: activation tables for these formats "
                    "(e.g. '8,2 2,6 0,9') in all 27 modes (networks as usual unless --only)")
    ap.add_argument("--activations", help="with --formats: comma-separated activations "
                    "(default all 15)")
    ap.add_argument("--seed", type=int, default=20260401, help="seed of the random networks")
    ap.add_argument("--jobs", type=int, default=2, help="concurrent fxnet processes")
    ap.add_argument("--workdir", default=os.path.join(ROOT, "target", "acceptance"),
                    help="where the generated network files go")
    ap.add_argument("--max-report", type=int, default=25, help="mismatches listed in detail")
    ap.add_argument("--call-timeout", type=float, default=300)
    ap.add_argument("--only", choices=["activations", "networks", "float"],
                    help="run one part only (float: the SPEC §8 cases alone)")
    ap.add_argument("--float", action="store_true",
                    help="add the SPEC §8 float cases (activation tables over float formats, "
                         "random float networks)")
    args = ap.parse_args(argv)
    if args.jvm_opt is None:
        args.jvm_opt = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]
    lvl = "exhaustive" if args.exhaustive else "full" if args.full else "quick"
    if args.activations and not args.formats:
        ap.error("--activations needs --formats")

    t0 = time.time()
    runner = Runner(args)
    tally = Tally(args.max_report)
    os.makedirs(args.workdir, exist_ok=True)

    jobs = []  # (kind, payload, argv)
    if args.only == "float" or args.float:
        add_float_jobs(jobs, lvl, args)
    if args.only in (None, "activations"):
        if args.formats:
            fl = [tuple(int(v) for v in f.split(",")) for f in args.formats.split()]
            acts = args.activations.split(",") if args.activations else sm.ACTIVATIONS
            for a in acts:
                if a not in sm.ACTIVATIONS:
                    ap.error("unknown activation " + a)
            grid = product_cases(fl, acts)
        else:
            grid = activation_cases(lvl)
        for case in grid:
            act, p, q, enc, rnd, ovf = case
            jobs.append(("act", case, ["activation", act, "--int-bits", str(p),
                                       "--frac-bits", str(q), "--encoding", enc,
                                       "--rounding", rnd, "--overflow", ovf, "--csv"]))
    if args.only in (None, "networks"):
        ex = os.path.join(args.workdir, "spec-example.json")
        with open(ex, "w") as fh:
            json.dump(SPEC_EXAMPLE, fh, indent=1)
        jobs.append(("spec", (SPEC_EXAMPLE, ex), ["eval", ex, "--all", "--csv"]))
        for i, obj in enumerate(network_cases(lvl, args.seed)):
            path = os.path.join(args.workdir, "net-%03d.json" % i)
            with open(path, "w") as fh:
                json.dump(obj, fh, indent=1)
            jobs.append(("net", (obj, path), ["eval", path, "--all", "--csv"]))

    n_act = sum(1 for j in jobs if j[0] in ("act", "fact"))
    n_net = len(jobs) - n_act
    if args.classpath:
        SHORTEN[args.classpath] = "$CP"
        print("CP=" + args.classpath)
    label = lvl + (", tables for formats " + args.formats if args.formats else "")
    print("fxnet acceptance (%s): %d activation tables, %d networks, %d fxnet calls via %s"
          % (label, n_act, n_net, len(jobs), shell(runner.base)), flush=True)

    kinds = set()
    real = []
    for i, (kind, _, _) in enumerate(jobs):
        real.append(runner.real(i, kind not in kinds))
        kinds.add(kind)
    if args.server is not None:
        print("%d calls in-process (loopback port %d), %d as processes of their own"
              % (real.count(False), args.server, real.count(True)), flush=True)

    rows_act = rows_net = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(runner.run, argv, r) for (_, _, argv), r in zip(jobs, real)]
        for (kind, payload, _), fut in zip(jobs, futures):
            before = tally.passed + tally.failed
            res = fut.result()
            if kind == "act":
                check_activation(tally, payload, res)
                rows_act += tally.passed + tally.failed - before
            elif kind == "fact":
                fc.check_activation(tally, payload, res, shell)
                rows_act += tally.passed + tally.failed - before
            elif kind == "fbad":
                fc.check_bad_input(tally, payload, res, shell)
            elif kind == "fnet":
                obj, path = payload
                fc.check_network(tally, obj, path, res, shell)
                rows_net += tally.passed + tally.failed - before
            elif kind == "spec":
                obj, path = payload
                check_network(tally, obj, path, res,
                              closed_form=lambda x: [1 if x[0] >= 1 else 0])  # 0.5*[x>=0.5]
                rows_net += tally.passed + tally.failed - before
            else:
                obj, path = payload
                check_network(tally, obj, path, res)
                rows_net += tally.passed + tally.failed - before

    for r in tally.reports:
        print("MISMATCH " + r)
    if tally.failed > len(tally.reports):
        print("... and %d more mismatches" % (tally.failed - len(tally.reports)))
    print("checked %d activation-table rows and %d network points in %.1f s"
          % (rows_act, rows_net, time.time() - t0))
    print("%d passed, %d failed" % (tally.passed, tally.failed))
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Times our Rust programs against asyncio, uvloop, trio, Go and Node.

Run it through `bench/run` (which builds the Rust side and installs
hyperfine); `bench/run --help` lists the options. The peers are uvloop and
trio (installed from PyPI into target/bench-venv, which this script
creates), Go (built with the machine's `go` into target/bench-peers/go)
and Node (the machine's `node`); one whose toolchain is missing is skipped
with a note. For every scenario and every round it runs every program in
turn (the order rotates each round), each first once under this script,
which checks what it printed and reads its peak memory and CPU time from
the kernel (ru_maxrss, ru_utime and ru_stime, through GNU time, the same
for every language), then under hyperfine for the timing. It prints
medians and Rust/Python ratios, and writes
bench/results.md, bench/results.svg and bench/README.md's block between
`<!-- bench:begin -->` and `<!-- bench:end -->`, each through a temporary
file and a rename, so no file is ever left half written.

Plain Python 3.8+, standard library only; run it with `python3 -I`.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The sizes of the full suite and of --quick (a smoke test of the script).
FULL = {
    "rounds": 3,
    "countasync_runs": 3,
    "tasks": [10**4, 10**5, 10**6],
    "tiny": 10,
    "queue_items": 400_000,
    "consumers": [10, 10_000],
    "threads": 10**4,
}
QUICK = {
    "rounds": 1,
    "countasync_runs": 2,
    "tasks": [10**3, 10**4],
    "tiny": 10,
    "queue_items": 20_000,
    "consumers": [10, 10_000],
    "threads": 10**3,
    # Sizes this small say nothing about the targets: no verdicts.
    "judge": False,
}
PRODUCERS = 5
# The bounded queue's capacity (the Go channel buffer).
BOUND = 1024
# The bounded queue's targets at 10 consumers: Rust's items per second
# over Go's at least this, in at most this much peak memory.
BOUNDED_OVER_GO = 1.2
BOUNDED_PEAK = 20 * 1024 * 1024
# countasync's and the sleeping tasks' one second: no program that sleeps
# it can finish sooner.
SLEEP = 1.0
# No run may hang the suite: Python's 10^6 tasks take about a minute.
TIMEOUT_S = 600


class BenchError(Exception):
    """A run failed or printed something wrong: the suite stops."""


# ---------------------------------------------------------------- checks
# Each check reads what a program printed, raises BenchError if it is not
# what the scenario promises, and returns the figure it reported (if any).

COUNTASYNC_RE = re.compile(
    r"^countasync executed in (\d+\.\d\d) seconds\.$", re.M
)
CONSUMED_RE = re.compile(
    r"^Consumed (\d+) items, each exactly once, "
    r"at (\d+(?:\.\d+)?) items per second\.$",
    re.M,
)


def check_countasync(out):
    lines = out.splitlines()
    if lines[:6] != ["One"] * 3 + ["Two"] * 3:
        raise BenchError("countasync did not print One x3, Two x3")
    m = COUNTASYNC_RE.search(out)
    if not m:
        raise BenchError("countasync printed no 'executed in' line")
    return float(m.group(1))


def check_consumed(out, expected):
    """The queue scenario's promise: every item counted, exactly once."""
    m = CONSUMED_RE.search(out)
    if not m:
        raise BenchError(
            "no 'Consumed N items, each exactly once' line in:\n" + out
        )
    got = int(m.group(1))
    if got != expected:
        raise BenchError(f"consumed {got} items, expected {expected}")
    return float(m.group(2))


def check_nothing(out):
    return None


# ------------------------------------------------------------ measuring

GNU_TIME = "/usr/bin/time"


def run_checked(argv, timeout=TIMEOUT_S):
    """Runs argv once; returns (stdout, peak RSS in bytes, CPU seconds).

    The CPU time is user plus system, of the process and its children
    (ru_utime + ru_stime), at GNU time's resolution of 10 ms.

    The peak RSS is the kernel's ru_maxrss of the child, which GNU time
    reads with wait4, the same way for both languages. Why GNU time and
    not os.wait4 here: Linux counts the peak of the process image that
    exec replaced, and a child forked from this Python script starts as a
    copy of it (about 17 MB), which would hide a small program's own peak.
    GNU time's own image is about 1 MB, below every program measured.
    """
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = os.path.join(tmp, "rss")
        try:
            done = subprocess.run(
                [GNU_TIME, "-f", "%U %S %M", "-o", rss_file, *argv],
                capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise BenchError(f"{shlex.join(argv)} ran over {timeout} s")
        out = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0:
            raise BenchError(
                f"{shlex.join(argv)} exited with {done.returncode}:\n"
                + done.stderr.decode("utf-8", "replace") + out)
        with open(rss_file) as f:
            text = f.read()
    return out, parse_gnu_time(text), parse_gnu_cpu(text)


def parse_gnu_time(text):
    """Peak RSS in bytes from GNU time's `-f "%U %S %M"` output (kilobytes).

    The number ends the last line: GNU time puts a note about a failed
    command's exit status before it.
    """
    return int(text.split()[-1]) * 1024


def parse_gnu_cpu(text):
    """User plus system seconds from GNU time's `-f "%U %S %M"` output."""
    user, system, _ = text.strip().splitlines()[-1].split()
    return float(user) + float(system)


def hyperfine(argv, runs):
    """Times argv with hyperfine; returns the wall times in seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        export = os.path.join(tmp, "h.json")
        cmd = [
            "hyperfine", "-N", "--style", "none", "--runs", str(runs),
            "--export-json", export, shlex.join(argv),
        ]
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=TIMEOUT_S * runs)
        if done.returncode != 0:
            raise BenchError(
                f"hyperfine failed on {shlex.join(argv)}:\n"
                + done.stderr.decode("utf-8", "replace")
            )
        with open(export) as f:
            return parse_hyperfine(json.load(f))


def parse_hyperfine(data):
    """The list of wall times of hyperfine's one benchmarked command."""
    (result,) = data["results"]
    if any(code != 0 for code in result.get("exit_codes", [])):
        raise BenchError(f"{result['command']} failed under hyperfine")
    return [float(t) for t in result["times"]]


class Case:
    """One program at one size: its runs' times, peaks and reports."""

    def __init__(self, key, side, argv, runs, check):
        self.key, self.side, self.argv = key, side, argv
        self.runs, self.check = runs, check
        self.times, self.rss, self.reported = [], [], []
        self.cpu = []

    def measure(self):
        out, rss, cpu = run_checked(self.argv)
        self.rss.append(rss)
        self.cpu.append(cpu)
        reported = self.check(out)
        if reported is not None:
            self.reported.append(reported)
        if self.runs:
            self.times.extend(hyperfine(self.argv, self.runs))


def median(xs):
    return statistics.median(xs) if xs else None


# ---------------------------------------------------------------- peers
# The other runtimes a reader would weigh, each doing the same work as the
# Rust and Python programs (bench/peers/). A peer is a function from a
# program's name (countasync, tasks, asyncq) and its arguments to the
# command that runs it; preparing one that cannot run here yields a note
# instead, and the suite goes on without it.

PEERS = ["uvloop", "trio", "go", "node"]
SIDES = ["rust", "python", *PEERS]
SIDE_NAMES = {"rust": "Rust (tokio)", "python": "Python asyncio",
              "uvloop": "Python uvloop", "trio": "Python trio",
              "go": "Go", "node": "Node"}
PEERS_DIR = os.path.join(HERE, "peers")
# The programs each peer has. Only Go has the OS threads scenario: a
# goroutine locked to its thread keeps it for life. uvloop and trio would
# run the very threads Python runs, and Node's worker threads are each a
# whole JavaScript engine, not a sleeping thread.
EVERY_RUNTIME = ("countasync", "tasks", "asyncq")
PEER_PROGRAMS = {"uvloop": EVERY_RUNTIME, "trio": EVERY_RUNTIME,
                 "node": EVERY_RUNTIME, "go": (*EVERY_RUNTIME, "threads")}
# What the venv gets from PyPI, by import name (the same as the package's).
VENV_PACKAGES = {"uvloop": "uvloop", "trio": "trio"}


def quiet(argv, cwd=None, timeout=TIMEOUT_S):
    """Runs argv; returns (ok, its output, for a note)."""
    try:
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                              timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, str(e)
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def prepare_venv(sides, python, target_dir):
    """uvloop or trio or both, in a venv of the benchmarked interpreter.

    Returns ({side: peer}, {side: version}, notes). The venv's own
    interpreter is its bin/python, a link to `python`: run through the
    link, so that it finds the venv's packages.
    """
    venv = os.path.join(target_dir, "bench-venv")
    vpy = os.path.join(venv, "bin", "python")
    notes = []
    if not os.path.exists(vpy):
        print(f"creating {venv} (python -m venv)", flush=True)
        ok, out = quiet([python, "-m", "venv", venv])
        if not ok:
            return {}, {}, [f"{' and '.join(sides)} skipped: python -m "
                            f"venv failed ({last_line(out)})"]
    peers, versions = {}, {}
    for side in sides:
        package = VENV_PACKAGES[side]
        probe = [vpy, "-I", "-c",
                 f"import {side}; print({side}.__version__)"]
        ok, out = quiet(probe)
        if not ok:
            print(f"installing {package} from PyPI into {venv}", flush=True)
            ok, out = quiet([vpy, "-m", "pip", "install", "--quiet",
                             package])
            if ok:
                ok, out = quiet(probe)
        if not ok:
            notes.append(f"{side} skipped: pip install {package} failed "
                         f"({last_line(out)})")
            continue
        versions[side] = f"{side} {out}"
        if side == "uvloop":
            peers[side] = (lambda prog, args: [
                vpy, "-I", os.path.join(PEERS_DIR, "python",
                                        "with_uvloop.py"),
                f"{prog}.py", *args])
        else:
            peers[side] = (lambda prog, args: [
                vpy, "-I", os.path.join(PEERS_DIR, "python",
                                        f"trio_{prog}.py"), *args])
    return peers, versions, notes


def prepare_go(target_dir):
    """The Go programs, built with the machine's go into target/."""
    if not shutil.which("go"):
        return None, None, ("go skipped: no go on PATH (Debian's package: "
                            "apt-get install golang-go)")
    out_dir = os.path.join(target_dir, "bench-peers", "go")
    os.makedirs(out_dir, exist_ok=True)
    ok, out = quiet(["go", "build", "-o", out_dir + os.sep, "./..."],
                    cwd=os.path.join(PEERS_DIR, "go"))
    if not ok:
        return None, None, f"go skipped: go build failed ({last_line(out)})"
    _, version = quiet(["go", "version"])
    return ((lambda prog, args: [os.path.join(out_dir, prog), *args]),
            version, None)


def prepare_node():
    """The Node programs, run by the machine's node (18 or later)."""
    node = shutil.which("node")
    if not node:
        return None, None, "node skipped: no node on PATH"
    ok, version = quiet([node, "--version"])
    m = re.match(r"v(\d+)\.", version)
    if not ok or not m or int(m.group(1)) < 18:
        return None, None, (f"node skipped: {version or 'no version'}; "
                            "the programs need Node 18 or later")
    return ((lambda prog, args: [
        node, os.path.join(PEERS_DIR, "node", f"{prog}.mjs"), *args]),
        f"Node {version}", None)


def prepare_peers(wanted, python, target_dir):
    """Every wanted peer that can run here: ({side: peer}, versions, notes)."""
    peers, versions, notes = {}, [], []
    in_venv = [side for side in VENV_PACKAGES if side in wanted]
    if in_venv:
        got, vers, n = prepare_venv(in_venv, python, target_dir)
        notes += n
        for side in in_venv:
            if side in got:
                peers[side] = got[side]
                versions.append(vers[side])
    for side, prepare in (("go", lambda: prepare_go(target_dir)),
                          ("node", prepare_node)):
        if side not in wanted:
            continue
        peer, version, note = prepare()
        if peer:
            peers[side] = peer
            versions.append(version)
        else:
            notes.append(note)
    return peers, versions, notes


# ------------------------------------------------------------ scenarios

def build_cases(sizes, rust_dir, python, peers=None):
    """Groups of cases, one per scenario, in the order the suite runs them.

    Each group holds the Rust case, the Python asyncio case and one
    case per peer that has the program (PEER_PROGRAMS).
    """
    peers = peers or {}

    def rust(name, *args):
        return [os.path.join(rust_dir, name), *map(str, args)]

    def py(script, *args):
        # -I: the interpreter starts as a clean install would, ignoring
        # PYTHON* variables, user site-packages and the script's folder.
        path = os.path.join(HERE, "python", script)
        return [python, "-I", path, *map(str, args)]

    groups = []

    def group(key, runs, check, rust_argv, py_argv, prog=None, args=()):
        cases = []
        if rust_argv:
            cases.append(Case(key, "rust", rust_argv, runs, check))
        cases.append(Case(key, "python", py_argv, runs, check))
        if prog:
            for side, peer in peers.items():
                if prog not in PEER_PROGRAMS.get(side, ()):
                    continue
                argv = peer(prog, [str(a) for a in args])
                cases.append(Case(key, side, argv, runs, check))
        groups.append(cases)

    group("countasync", sizes["countasync_runs"], check_countasync,
          rust("countasync"), py("countasync.py"), "countasync")
    # The tiny size is measured for memory only: it is the baseline that
    # bytes per task subtracts, the program's own footprint.
    for n in [sizes["tiny"], *sizes["tasks"]]:
        runs = 0 if n == sizes["tiny"] else (1 if n >= 10**6 else 2)
        group(f"tasks-{n}", runs, check_nothing,
              rust("tasks-bench", "tasks", n),
              py("tasks.py", "-n", n), "tasks", ["-n", n])
    for n, runs in [(sizes["tiny"], 0), (sizes["threads"], 2)]:
        group(f"threads-{n}", runs, check_nothing,
              rust("tasks-bench", "threads", n),
              py("threads.py", "-n", n), "threads", ["-n", n])
    items = sizes["queue_items"]
    for bound in (0, BOUND):
        for c in sizes["consumers"]:
            total = PRODUCERS * items

            def check(out, total=total):
                return check_consumed(out, total)

            args = ["-p", PRODUCERS, "-c", c, "--items", items]
            if bound:
                bounded = [*args, "--maxsize", bound]
                group(f"queue-bounded-{c}", 3, check,
                      rust("asyncq-bench", *bounded),
                      py("asyncq.py", *bounded), "asyncq", bounded)
            else:
                group(f"queue-{c}", 3, check,
                      rust("asyncq-bench", *args), py("asyncq.py", *args),
                      "asyncq", args)
    return groups


# The scenarios --scenarios chooses from, each the first word of its
# cases' keys (tasks-10000, queue-bounded-10).
SCENARIOS = ["countasync", "tasks", "threads", "queue"]


def scenario_of(key):
    return key.split("-")[0]


def rotate(cases, rnd):
    """The order of one round: each round starts one program later."""
    k = rnd % len(cases)
    return cases[k:] + cases[:k]


# -------------------------------------------------------------- summary

def bytes_per(peak, baseline, n):
    """Bytes per task: the growth of peak RSS over the tiny run, per task."""
    if peak is None or baseline is None or not n:
        return None
    return (peak - baseline) / n


def summarize(cases, sizes):
    """Medians, ratios and the targets, from the measured cases."""
    med = {}
    for (key, side), case in cases.items():
        med[key, side] = {
            "time": median(case.times),
            "rss": median(case.rss),
            "cpu": median(case.cpu),
            "reported": median(case.reported),
            "samples": len(case.times),
        }

    def get(key, side, what):
        return med.get((key, side), {}).get(what)

    rows = []  # (label, rust, python, unit) with unit in time/rate/bytes

    def time_row(label, key):
        rows.append((label, get(key, "rust", "time"),
                     get(key, "python", "time"), "time"))

    time_row("countasync, whole process", "countasync")
    for n in sizes["tasks"]:
        time_row(f"{n:,} sleeping tasks", f"tasks-{n}")
    time_row(f"{sizes['threads']:,} sleeping OS threads",
             f"threads-{sizes['threads']}")

    mem = []  # (label, rust peak, python peak, rust B/task, python B/task)
    for kind, ns in [("tasks", sizes["tasks"]),
                     ("threads", [sizes["threads"]])]:
        for n in ns:
            per = {}
            for side in ("rust", "python"):
                per[side] = bytes_per(
                    get(f"{kind}-{n}", side, "rss"),
                    get(f"{kind}-{sizes['tiny']}", side, "rss"), n)
            mem.append((f"{n:,} {kind}",
                        get(f"{kind}-{n}", "rust", "rss"),
                        get(f"{kind}-{n}", "python", "rss"),
                        per["rust"], per["python"]))

    total = PRODUCERS * sizes["queue_items"]
    queue = []  # (label, rust items/s, python items/s, reported r, p)
    for c in sizes["consumers"]:
        key = f"queue-{c}"
        rate = {}
        for side in ("rust", "python"):
            t = get(key, side, "time")
            rate[side] = total / t if t else None
        label = f"queue, {PRODUCERS} producers, {c:,} consumers"
        queue.append((label, rate["rust"], rate["python"],
                      get(key, "rust", "reported"),
                      get(key, "python", "reported")))
        rows.append((label, rate["rust"], rate["python"], "rate"))

    return {"rows": rows, "memory": mem, "queue": queue,
            "targets": targets(get, sizes), "medians": med,
            "runtimes": runtime_rows(get, sizes)}


def scenarios(sizes):
    """(key, label, tasks or threads per run, items per run) per scenario."""
    out = [("countasync", "countasync, whole process", None, None)]
    for n in sizes["tasks"]:
        out.append((f"tasks-{n}", f"{n:,} sleeping tasks", n, None))
    n = sizes["threads"]
    out.append((f"threads-{n}", f"{n:,} sleeping OS threads", n, None))
    total = PRODUCERS * sizes["queue_items"]
    for c in sizes["consumers"]:
        out.append((f"queue-{c}", f"queue, {PRODUCERS} producers, {c:,} "
                    "consumers", None, total))
    for c in sizes["consumers"]:
        out.append((f"queue-bounded-{c}", f"queue bounded to {BOUND:,}, "
                    f"{PRODUCERS} producers, {c:,} consumers", None, total))
    return out


def runtime_rows(get, sizes):
    """Every runtime measured in every scenario, with its ratio to Rust.

    Rows of (scenario label, side, wall s, CPU s, peak bytes, bytes per
    task or thread, items per second, wall time over Rust's): the ratio
    reads 2.00x for a program that took twice Rust's time, which for a
    queue is half Rust's items per second.
    """
    rows = []
    for key, label, n, items in scenarios(sizes):
        rust = get(key, "rust", "time")
        for side in SIDES:
            wall = get(key, side, "time")
            rss = get(key, side, "rss")
            if wall is None and rss is None:
                continue
            per = None
            if n:
                kind = key.split("-")[0]
                per = bytes_per(rss, get(f"{kind}-{sizes['tiny']}", side,
                                         "rss"), n)
            rate = items / wall if items and wall else None
            rows.append((label, side, wall, get(key, side, "cpu"), rss, per,
                         rate, ratio(wall, rust)))
    return rows


def ratio(a, b):
    return a / b if a is not None and b else None


def targets(get, sizes):
    """The numbers the suite aims for, each with what was measured.

    A target whose size was not part of this run reads "not measured"
    rather than passing or failing, and with sizes too small to judge by
    (--quick: sizes["judge"] false) every target reads "not judged".
    Where the target is a time ratio of programs that sleep one second,
    the best any program could do is also shown: one second over
    Python's time. A target below that floor cannot be met on this
    machine however fast Rust is.
    """
    out = []

    judge = sizes.get("judge", True)

    def add(text, value, shown, ok, floor=None):
        verdict = ("not measured" if value is None else
                   "not judged (quick sizes)" if not judge else
                   "met" if ok(value) else "NOT MET")
        out.append((text, shown if value is not None else "-",
                    fmt_ratio(floor) if floor is not None else "",
                    verdict))

    def sleep_floor(key):
        return ratio(SLEEP, get(key, "python", "time"))

    r = ratio(get("countasync", "rust", "time"),
              get("countasync", "python", "time"))
    add("countasync whole process: Rust at most 0.92 of Python's time",
        r, fmt_ratio(r), lambda v: v <= 0.92, sleep_floor("countasync"))
    r = ratio(get("tasks-100000", "rust", "time"),
              get("tasks-100000", "python", "time"))
    add("100,000 tasks: Rust at most a third of Python's time",
        r, fmt_ratio(r), lambda v: v <= 1 / 3, sleep_floor("tasks-100000"))
    t = get("tasks-1000000", "rust", "time")
    add("1,000,000 tasks: Rust at most 2.5 s wall",
        t, fmt_time(t), lambda v: v <= 2.5)
    b = bytes_per(get("tasks-1000000", "rust", "rss"),
                  get(f"tasks-{sizes['tiny']}", "rust", "rss"), 10**6)
    add("1,000,000 tasks: Rust at most 500 bytes of peak memory per task",
        b, fmt_bytes(b), lambda v: v <= 500)
    total = PRODUCERS * sizes["queue_items"]
    for c in sizes["consumers"]:
        key = f"queue-{c}"
        rt, pt = get(key, "rust", "time"), get(key, "python", "time")
        # Same item count on both sides: the rate ratio is the inverse
        # of the time ratio.
        r = ratio(pt, rt)
        add(f"queue at {c:,} consumers: Rust at least 4x Python's "
            f"items per second ({total:,} items)",
            r, fmt_ratio(r), lambda v: v >= 4)
    key = "queue-bounded-10"
    r = ratio(get(key, "go", "time"), get(key, "rust", "time"))
    add(f"queue bounded to {BOUND:,} at 10 consumers: Rust at least "
        f"{BOUNDED_OVER_GO}x Go's items per second ({total:,} items)",
        r, fmt_ratio(r), lambda v: v >= BOUNDED_OVER_GO)
    peak = get(key, "rust", "rss")
    add(f"queue bounded to {BOUND:,} at 10 consumers: Rust at most "
        f"{fmt_bytes(BOUNDED_PEAK)} peak memory",
        peak, fmt_bytes(peak), lambda v: v <= BOUNDED_PEAK)
    for key, label, _, _ in scenarios(sizes):
        side, r = closest_peer(get, key)
        shown = (f"{SIDE_NAMES[side]} next, at {fmt_ratio(r)} Rust's time"
                 if side else "-")
        add(f"{label}: Rust ahead of every other runtime", r, shown,
            lambda v: v >= 1)
    return out


def closest_peer(get, key):
    """The runtime nearest Rust's wall time in one scenario, and its time
    over Rust's (above 1: Rust is ahead): (None, None) if there is none."""
    rust = get(key, "rust", "time")
    others = [(get(key, side, "time"), side) for side in SIDES[1:]
              if get(key, side, "time") is not None]
    if rust is None or not others:
        return None, None
    best, side = min(others)
    return side, best / rust


# ----------------------------------------------------------- formatting

def fmt_time(t):
    if t is None:
        return "-"
    return f"{t:.3f} s" if t < 10 else f"{t:.1f} s"


def fmt_rate(r):
    if r is None:
        return "-"
    if r >= 1e6:
        return f"{r / 1e6:.2f} M/s"
    return f"{r / 1e3:.0f} k/s"


def fmt_bytes(b):
    if b is None:
        return "-"
    if abs(b) >= 1024 * 1024:
        return f"{b / 1024 / 1024:.1f} MiB"
    if abs(b) >= 10 * 1024:
        return f"{b / 1024:.1f} KiB"
    return f"{b:,.0f} B"


def fmt_ratio(r):
    return "-" if r is None else f"{r:.2f}x"


def fmt(value, unit):
    return {"time": fmt_time, "rate": fmt_rate, "bytes": fmt_bytes}[unit](
        value)


def markdown_tables(summary):
    """The results as markdown tables: times, queue, memory, targets."""
    lines = [
        "| scenario | Rust | Python | Rust/Python |",
        "|---|---|---|---|",
    ]
    for label, rust, python, unit in summary["rows"]:
        r = ratio(rust, python)
        note = ("" if r is None else
                " (time)" if unit == "time" else " (items per second)")
        lines.append(f"| {label} | {fmt(rust, unit)} | {fmt(python, unit)}"
                     f" | {fmt_ratio(r)}{note} |")
    lines += [
        "",
        "| peak memory | Rust | Python | Rust, per task or thread "
        "| Python, per task or thread |",
        "|---|---|---|---|---|",
    ]
    for label, rust, python, rust_per, py_per in summary["memory"]:
        lines.append(
            f"| {label} | {fmt_bytes(rust)} | {fmt_bytes(python)}"
            f" | {fmt_bytes(rust_per)} | {fmt_bytes(py_per)} |")
    lines += [
        "",
        "| scenario | runtime | wall | CPU (user+sys) | peak memory "
        "| per task or thread | items per second | wall / Rust's |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, side, wall, cpu, rss, per, rate, r in summary["runtimes"]:
        lines.append(
            f"| {label} | {SIDE_NAMES[side]} | {fmt_time(wall)} "
            f"| {fmt_time(cpu)} | {fmt_bytes(rss)} | {fmt_bytes(per)} "
            f"| {fmt_rate(rate)} | {fmt_ratio(r)} |")
    lines += ["", "| target | measured | best possible | verdict |",
              "|---|---|---|---|"]
    for text, shown, floor, verdict in summary["targets"]:
        lines.append(f"| {text} | {shown} | {floor} | {verdict} |")
    return lines


# ------------------------------------------------------------- the plot

# One colour per runtime, in SIDES order: Rust's and Python's own, then
# the peers'.
COLOURS = {"rust": "#ce422b", "python": "#3776ab", "uvloop": "#e69f00",
           "trio": "#8e7cc3", "go": "#00add8", "node": "#3c873a"}


def log_ticks(lo, hi):
    """Powers of ten from below lo to just above hi.

    A value barely above the lowest power would draw as no bar at all
    (1.003 s over a 1 s axis), so the axis then starts a power lower.
    """
    import math

    a = math.floor(math.log10(lo))
    if lo < 2 * 10.0**a:
        a -= 1
    b = math.ceil(math.log10(hi))
    if a == b:
        b += 1
    return [10.0**e for e in range(a, b + 1)]


def svg_panel(x, y, w, h, title, groups, unit, sides):
    """A log-scale grouped bar chart, a bar per side in each group.

    groups are (label, {side: value}); a side with no value in a group
    reads n/a. Each bar's value is written upwards from its top, so that
    six bars to a group stay legible.
    """
    import math

    values = [v for _, vals in groups for v in vals.values() if v and v > 0]
    parts = [f'<text x="{x}" y="{y - 50}" font-weight="bold">'
             f"{esc(title)}</text>"]
    if not values:
        parts.append(f'<text x="{x}" y="{y + 20}">not measured</text>')
        return parts
    ticks = log_ticks(min(values), max(values))
    lo, hi = math.log10(ticks[0]), math.log10(ticks[-1])

    def ypos(v):
        return y + h - (math.log10(v) - lo) / (hi - lo) * h

    for t in ticks:
        ty = ypos(t)
        parts.append(f'<line x1="{x}" y1="{ty:.1f}" x2="{x + w}" '
                     f'y2="{ty:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{x - 6}" y="{ty + 4:.1f}" '
                     f'text-anchor="end" font-size="11">'
                     f"{esc(fmt_tick(t, unit))}</text>")
    slot = w / len(groups)
    bar = min(40, slot / (len(sides) + 1))
    for i, (label, vals) in enumerate(groups):
        cx = x + slot * (i + 0.5)
        left = cx - bar * len(sides) / 2
        for j, side in enumerate(sides):
            v = vals.get(side)
            bx = left + j * bar
            mid = bx + bar / 2 - 1
            if not v or v <= 0:
                parts.append(f'<text x="{mid:.1f}" y="{y + h - 4}" '
                             f'text-anchor="middle" font-size="8">'
                             f"n/a</text>")
                continue
            top = ypos(v)
            parts.append(f'<rect x="{bx:.1f}" y="{top:.1f}" '
                         f'width="{bar - 2:.1f}" '
                         f'height="{y + h - top:.1f}" '
                         f'fill="{COLOURS[side]}"/>')
            parts.append(f'<text x="{mid + 3:.1f}" y="{top - 3:.1f}" '
                         f'transform="rotate(-90 {mid + 3:.1f} '
                         f'{top - 3:.1f})" font-size="9">'
                         f"{esc(fmt(v, unit))}</text>")
        parts.append(f'<text x="{cx:.1f}" y="{y + h + 16}" '
                     f'text-anchor="middle" font-size="11">'
                     f"{esc(label)}</text>")
    parts.append(f'<line x1="{x}" y1="{y + h}" x2="{x + w}" y2="{y + h}" '
                 f'stroke="#333"/>')
    return parts


def fmt_tick(t, unit):
    if unit == "time":
        return f"{t:g} s"
    if unit == "rate":
        return f"{t / 1e6:g} M/s" if t >= 1e6 else f"{t / 1e3:g} k/s"
    return f"{t:,.0f} B"


def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def render_svg(summary, heading):
    """The whole picture, every runtime measured: times, queue rates
    (unbounded and bounded) and bytes per task."""
    times, rates, per = {}, {}, {}
    for label, side, wall, _, _, per_task, rate, _ in summary["runtimes"]:
        if label.startswith("queue"):
            rates.setdefault(short(label), {})[side] = rate
        else:
            times.setdefault(short(label), {})[side] = wall
        if per_task is not None:
            per.setdefault(short(label), {})[side] = per_task
    seen = {side for _, side, *_ in summary["runtimes"]}
    sides = [side for side in SIDES if side in seen] or ["rust", "python"]
    width, panel_h = 820, 200
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="1000" font-family="sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="20" y="24" font-size="15" font-weight="bold">'
        f"{esc(heading)}</text>",
    ]
    for i, side in enumerate(sides):
        lx = 20 + i * 132
        parts.append(f'<rect x="{lx}" y="36" width="12" height="12" '
                     f'fill="{COLOURS[side]}"/>')
        parts.append(f'<text x="{lx + 18}" y="46">'
                     f"{esc(SIDE_NAMES[side])}</text>")
    parts += svg_panel(90, 120, 700, panel_h,
                       "Wall time, whole process (log scale, lower is "
                       "better)", list(times.items()), "time", sides)
    parts += svg_panel(90, 430, 700, panel_h,
                       "Queue items per second (log scale, higher is "
                       "better)", list(rates.items()), "rate", sides)
    parts += svg_panel(90, 740, 700, panel_h,
                       "Peak memory per task or thread (log scale, lower "
                       "is better)", list(per.items()), "bytes", sides)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def short(label):
    """A scenario's label, short enough to sit under its bars."""
    m = re.match(r"queue bounded to ([\d,]+), \d+ producers, (.*)$", label)
    if m:
        return f"{m.group(2)}, max {m.group(1)}"
    return (label.replace(" sleeping", "").replace(", whole process", "")
            .replace(f"queue, {PRODUCERS} producers, ", ""))


# ------------------------------------------------------------- writing

def write_atomic(path, text):
    """Writes text to path through a temporary file and a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-",
                               suffix=os.path.basename(path))
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        # mkstemp makes the file 0600; keep the permissions of a
        # normal checked-out file.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def replace_block(text, block, begin=BEGIN, end_marker=END,
                  name="bench/README.md"):
    """text with what lies between the markers replaced by block."""
    start, end = text.find(begin), text.find(end_marker)
    if start < 0 or end < start:
        raise BenchError(f"{name} has no {begin} ... {end_marker} block")
    return text[: start + len(begin)] + "\n" + block + "\n" + text[end:]


# The top-level README's glance at the results, between these markers.
GLANCE_BEGIN, GLANCE_END = "<!-- bench-glance:begin -->", \
    "<!-- bench-glance:end -->"
# Its rows: (scenario key, what is shown, its unit).
GLANCE = [("tasks-1000000", "time", "1,000,000 sleeping tasks, wall time"),
          ("tasks-1000000", "per", "1,000,000 sleeping tasks, bytes per task"),
          ("threads-10000", "time", "10,000 sleeping OS threads, wall time"),
          ("queue-10", "rate", "queue, 10 consumers, items per second"),
          ("queue-bounded-10", "rate",
           f"queue bounded to {BOUND:,}, 10 consumers, items per second"),
          ("queue-bounded-10000", "rate",
           f"queue bounded to {BOUND:,}, 10,000 consumers, items per second")]


def glance(summary, when, info):
    """The top-level README's table: a few scenarios, every runtime."""
    cell = {}
    for label, side, wall, _, _, per, rate, _ in summary["runtimes"]:
        cell[label, side] = {"time": fmt_time(wall), "per": fmt_bytes(per),
                             "rate": fmt_rate(rate)}
    # The glance names its rows by the full suite's keys.
    labels = {key: label for key, label, _, _ in scenarios(FULL)}
    sides = [side for side in SIDES
             if any(k[1] == side for k in cell)]
    lines = [textwrap.fill(
                 f"Measured {when} by `bench/run` on {info['nproc']} CPUs "
                 f"({info['model']}); every figure, the machine and its "
                 "load: [bench/README.md](bench/README.md).", 76), "",
             "| | " + " | ".join(SIDE_NAMES[s] for s in sides) + " |",
             "|---|" + "---|" * len(sides)]
    for key, what, text in GLANCE:
        row = [cell.get((labels.get(key), s), {}).get(what, "-")
               for s in sides]
        lines.append(f"| {text} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def machine():
    """What the numbers came from."""

    def cmd(*argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "unknown"

    model = "unknown"
    mem = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    os_name = "unknown"
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {
        "cpus": str(os.cpu_count()),
        "nproc": cmd("nproc"),
        "model": model,
        "memory": mem,
        "os": os_name,
        "kernel": platform.release(),
        "rustc": cmd("rustc", "--version"),
        "hyperfine": cmd("hyperfine", "--version"),
    }


def report(summary, sizes, info, quick, when, python, loads,
           versions=(), notes=()):
    """results.md, the README block and the plot's heading.

    versions names the peers that ran (uvloop 0.21.0, go version ...);
    notes says why the others did not.
    """
    kind = ("with small sizes and one round, on a machine others were "
            "using: a smoke test of the suite. `bench/run` on an idle "
            "machine replaces it" if quick else
            f"{sizes['rounds']} round{'s' if sizes['rounds'] != 1 else ''}")
    mach = (f"{info['nproc']} CPUs ({info['model']}), {info['memory']}, "
            f"{info['os']}, Linux {info['kernel']}; {info['rustc']}; "
            f"Python {platform.python_version()} ({python}); "
            f"{info['hyperfine']}")
    if versions:
        mach += "; peers: " + ", ".join(versions)
    how = [
        ("**Quick run, not the benchmark.** " if quick else "")
        + f"Measured {when} by `bench/run{' --quick' if quick else ''}`, "
        f"{kind}.",
        f"Machine: {mach}. Load average (1, 5, 15 min) before and after, "
        "with how idle the CPUs were just then: "
        f"{loads[0]} / {loads[1]}.",
        "Times are hyperfine's wall time of the whole process, the median "
        "of every run of every round; every program takes its turn, in an "
        "order that rotates each round. Peak memory and CPU time (user + "
        "system) are the kernel's ru_maxrss, ru_utime and ru_stime of the "
        "process (GNU time's %M, %U and %S, at 10 ms), read the same way "
        "for every runtime, median of one checked run per round; "
        "per task it is (peak at N - peak at "
        f"N={sizes['tiny']}) / N. Queue rates are "
        f"{PRODUCERS * sizes['queue_items']:,} items "
        "divided by the median wall time; every program prints the count "
        "it consumed, and the suite stops if it is not exactly "
        f"producers x items. The bounded queue holds at most {BOUND:,} "
        "items.",
    ]
    if notes:
        how.append("Not measured in this run: " + "; ".join(notes) + ".")
    # Wrapped, so that the README's source reads like the rest of it.
    how = "\n\n".join(textwrap.fill(p, 76) for p in how).split("\n")
    tables = markdown_tables(summary)
    reported = ["", "What the queue programs report themselves (their own "
                "clock, from the queue's creation to the last item; "
                "excludes start-up), median of the checked runs:", "",
                "| queue | Rust | Python |", "|---|---|---|"]
    for label, _, _, rust, python in summary["queue"]:
        reported.append(f"| {label} | {fmt_rate(rust)} | "
                        f"{fmt_rate(python)} |")
    samples = ["", "Runs per median (timed by hyperfine):", ""]
    for (key, side), m in sorted(summary["medians"].items()):
        samples.append(f"- `{key}` {side}: {m['samples']} timed, "
                       f"peak {fmt_bytes(m['rss'])}")
    results = "\n".join(
        ["# Our Rust against every runtime: benchmark results", "",
         "Written by `bench/run`; do not edit by hand.", ""]
        + how + [""] + tables + reported + samples) + "\n"
    readme = "\n".join(
        how + ["", "![Every runtime: wall time, queue rate, memory per "
               "task](results.svg)", ""]
        + tables + ["", "Details, and how many runs each median took: "
                    "[results.md](results.md)."])
    measured = [side for side in SIDES
                if any(row[1] == side for row in summary["runtimes"])]
    heading = (", ".join(SIDE_NAMES[side] for side in measured)
               + (" - QUICK RUN, not the benchmark" if quick else "")
               + f" - {info['nproc']} CPUs, {when}")
    return results, readme, heading


# ----------------------------------------------------------------- main

def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="bench/run",
        description="Time the Rust programs against Python asyncio, uvloop, "
        "trio, Go and Node.")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes and one round: checks that the "
                        "suite works, in about a minute")
    parser.add_argument("--rounds", type=int,
                        help="rounds (default 3, or 1 with --quick)")
    parser.add_argument("--no-write", action="store_true",
                        help="print the results only; leave bench/results.* "
                        "and bench/README.md alone")
    parser.add_argument("--allow-missing", action="store_true",
                        help="skip the scenarios of Rust programs that are "
                        "not in the workspace yet, instead of failing")
    parser.add_argument("--skip", action="append", default=[],
                        metavar="PROGRAM",
                        help="treat this Rust program as not built "
                        "(bench/run passes the ones that failed to build)")
    parser.add_argument("--rust-dir",
                        default=os.path.join(ROOT, "target", "release"),
                        help="folder of the release binaries "
                        "(default: target/release)")
    parser.add_argument("--peers", default=",".join(PEERS),
                        help="the peers to run, of "
                        f"{','.join(PEERS)} (default: all; "
                        "one that cannot run here is skipped with a note)")
    parser.add_argument("--no-peers", action="store_true",
                        help="Rust and Python asyncio only")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help="the scenarios to run, of "
                        f"{','.join(SCENARIOS)} (default: all; the others "
                        "read 'not measured')")
    args = parser.parse_args(argv)
    chosen = [name for name in args.scenarios.split(",") if name]
    for name in chosen:
        if name not in SCENARIOS:
            parser.error(f"unknown scenario {name!r}; the scenarios are "
                         + ", ".join(SCENARIOS))
    wanted = [] if args.no_peers else [
        p for p in args.peers.split(",") if p]
    for p in wanted:
        if p not in PEERS:
            parser.error(f"unknown peer {p!r}; the peers are "
                         + ", ".join(PEERS))
    sizes = dict(QUICK if args.quick else FULL)
    if args.rounds is not None:
        if not 1 <= args.rounds <= 100:
            parser.error("--rounds must be between 1 and 100")
        sizes["rounds"] = args.rounds

    # The interpreter itself, not a wrapper such as a pyenv shim, whose
    # own start-up would be timed as Python's.
    python = os.path.realpath(sys.executable)
    # The peers' builds and venv go beside the Rust build, in target/.
    target_dir = os.path.dirname(os.path.abspath(args.rust_dir))
    peers, versions, notes = prepare_peers(wanted, python, target_dir)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    left = [name for name in SCENARIOS if name not in chosen]
    if left:
        notes.append(f"the {', '.join(left)} scenarios (this run chose "
                     f"`--scenarios {','.join(chosen)}`)")
    groups = [g for g in build_cases(sizes, args.rust_dir, python, peers)
              if scenario_of(g[0].key) in chosen]
    skipped = {os.path.join(args.rust_dir, name) for name in args.skip}
    missing = sorted({c.argv[0] for group in groups for c in group
                      if c.side == "rust" and (
                          c.argv[0] in skipped
                          or not os.path.exists(c.argv[0]))})
    if missing and not args.allow_missing:
        print("error: not built: " + ", ".join(missing), file=sys.stderr)
        return 1
    for path in missing:
        print(f"warning: {path} not built: its scenarios are skipped and "
              "read 'not measured'", file=sys.stderr)
    groups = [g for g in groups
              if not any(c.side == "rust" and c.argv[0] in missing
                         for c in g)]

    loads = [load()]
    when = datetime.date.today().isoformat()
    cases = {}
    for rnd in range(sizes["rounds"]):
        for group in groups:
            # Take turns, and rotate the order each round, so that no
            # runtime always runs on a machine another just warmed.
            for case in rotate(group, rnd):
                cases[case.key, case.side] = case
                print(f"round {rnd + 1}/{sizes['rounds']}: {case.side:6} "
                      f"{case.key}", flush=True)
                case.measure()
    loads.append(load())

    summary = summarize(cases, sizes)
    print()
    print("\n".join(markdown_tables(summary)))
    if args.no_write:
        return 0
    info = machine()
    results, block, heading = report(summary, sizes, info, args.quick,
                                     when, python, loads, versions, notes)
    # A quick run's sizes are too small to judge by: it never replaces
    # the tracked results, only writes beside the build.
    out = os.path.join(ROOT, "target", "bench-quick") if args.quick else HERE
    os.makedirs(out, exist_ok=True)
    write_atomic(os.path.join(out, "results.md"), results)
    write_atomic(os.path.join(out, "results.svg"),
                 render_svg(summary, heading))
    readme = os.path.join(out, "README.md")
    if args.quick:
        text = f"# Quick run\n\n{BEGIN}\n{END}\n"
    else:
        with open(readme) as f:
            text = f.read()
    write_atomic(readme, replace_block(text, block))
    if not args.quick:
        top = os.path.join(ROOT, "README.md")
        with open(top) as f:
            text = f.read()
        write_atomic(top, replace_block(text, glance(summary, when, info),
                                        GLANCE_BEGIN, GLANCE_END,
                                        "README.md"))
    shown = os.path.relpath(out, ROOT)
    print(f"\nwrote {shown}/results.md, results.svg and README.md's "
          "bench block")
    return 0


def load(seconds=3.0):
    """The load average and how idle the CPUs were over the last seconds.

    The load average trails the machine by minutes; the idle share of
    /proc/stat's CPU time over a few seconds says what it is doing now.
    """
    try:
        with open("/proc/loadavg") as f:
            average = " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"
    before = cpu_times()
    time.sleep(seconds)
    after = cpu_times()
    if before is None or after is None:
        return average
    busy, idle = (a - b for a, b in zip(after, before))
    if busy + idle <= 0:
        return average
    return f"{average} (CPUs {100 * idle / (busy + idle):.0f}% idle " \
        f"over {seconds:g} s)"


def cpu_times():
    """(busy, idle) jiffies of every CPU together, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = sum(fields[3:5])  # idle and iowait
    return sum(fields[:8]) - idle, idle


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)

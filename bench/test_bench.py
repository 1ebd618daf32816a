#!/usr/bin/env python3
"""Fast checks of bench.py's parsing, arithmetic and file handling.

Runs nothing slow and needs nothing installed: `python3 -I bench/test_bench.py`
(under a second). The suite itself is too slow for CI; this is not.
"""

import contextlib
import importlib.util
import io
import os
import shutil
import sys
import tempfile
import unittest
from unittest import mock

# Leave no __pycache__ folder in the checkout.
sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "bench", os.path.join(HERE, "bench.py"))
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


class Checks(unittest.TestCase):
    def test_consumed_count_must_match(self):
        out = ("Consumed 100 items, each exactly once, at 2329198 items "
               "per second.\nProgram completed in 0.00004 seconds.\n")
        self.assertEqual(bench.check_consumed(out, 100), 2329198.0)
        with self.assertRaises(bench.BenchError):
            bench.check_consumed(out, 101)

    def test_consumed_line_must_be_there(self):
        with self.assertRaises(bench.BenchError):
            bench.check_consumed("Program completed in 1.0 seconds.\n", 0)

    def test_countasync_output(self):
        good = "One\nOne\nOne\nTwo\nTwo\nTwo\n" \
            "countasync executed in 1.00 seconds.\n"
        self.assertEqual(bench.check_countasync(good), 1.0)
        with self.assertRaises(bench.BenchError):
            bench.check_countasync(good.replace("Two\nTwo", "Two\nOne"))

    def test_gnu_time_output(self):
        self.assertEqual(bench.parse_gnu_time("2612\n"), 2612 * 1024)
        failed = "Command exited with non-zero status 1\n2612\n"
        self.assertEqual(bench.parse_gnu_time(failed), 2612 * 1024)

    def test_gnu_time_cpu(self):
        out = "0.25 0.50 2612\n"
        self.assertEqual(bench.parse_gnu_time(out), 2612 * 1024)
        self.assertEqual(bench.parse_gnu_cpu(out), 0.75)
        failed = "Command exited with non-zero status 1\n1.00 0.00 2612\n"
        self.assertEqual(bench.parse_gnu_cpu(failed), 1.0)

    def test_hyperfine_json(self):
        data = {"results": [{"command": "x", "times": [1.5, 1.25],
                             "exit_codes": [0, 0]}]}
        self.assertEqual(bench.parse_hyperfine(data), [1.5, 1.25])
        data["results"][0]["exit_codes"] = [0, 1]
        with self.assertRaises(bench.BenchError):
            bench.parse_hyperfine(data)


class Summary(unittest.TestCase):
    SIZES = {"rounds": 1, "countasync_runs": 1, "tasks": [1000],
             "tiny": 10, "queue_items": 100, "consumers": [10],
             "threads": 1000}

    def case(self, key, side, times, rss):
        c = bench.Case(key, side, ["x"], 1, bench.check_nothing)
        c.times, c.rss = times, rss
        return (key, side), c

    def summary(self):
        cases = dict([
            self.case("countasync", "rust", [1.0, 1.2, 1.1], [1]),
            self.case("countasync", "python", [2.0, 2.2, 2.1], [1]),
            self.case("tasks-10", "rust", [], [1000]),
            self.case("tasks-10", "python", [], [2000]),
            self.case("tasks-1000", "rust", [1.0], [1000 + 400 * 1000]),
            self.case("tasks-1000", "python", [2.0], [2000 + 1600 * 1000]),
            self.case("queue-10", "rust", [0.5], [1]),
            self.case("queue-10", "python", [4.0], [1]),
        ])
        return bench.summarize(cases, self.SIZES)

    def test_medians_and_ratio(self):
        rows = {label: (r, p) for label, r, p, _ in self.summary()["rows"]}
        self.assertEqual(rows["countasync, whole process"], (1.1, 2.1))

    def test_bytes_per_task_subtracts_the_tiny_run(self):
        mem = {m[0]: m for m in self.summary()["memory"]}
        self.assertEqual(mem["1,000 tasks"][3], 400)
        self.assertEqual(mem["1,000 tasks"][4], 1600)

    def test_queue_rate_is_items_over_time(self):
        rows = {label: (r, p) for label, r, p, _ in self.summary()["rows"]}
        self.assertEqual(rows["queue, 5 producers, 10 consumers"],
                         (500 / 0.5, 500 / 4.0))

    def test_targets(self):
        verdicts = {t[0].split(":")[0]: t[3]
                    for t in self.summary()["targets"]}
        # 1.1 / 2.1 = 0.52 of Python's time; 8x the items per second.
        self.assertEqual(verdicts["countasync whole process"], "met")
        self.assertEqual(verdicts["queue at 10 consumers"], "met")
        # Sizes this run did not include are neither met nor failed.
        self.assertEqual(verdicts["100,000 tasks"], "not measured")

    def test_target_not_met(self):
        cases = dict([
            self.case("countasync", "rust", [1.0], [1]),
            self.case("countasync", "python", [1.05], [1]),
        ])
        s = bench.summarize(cases, self.SIZES)
        self.assertEqual(s["targets"][0][3], "NOT MET")
        # One second of sleep over Python's 1.05 s: 0.95x at best.
        self.assertEqual(s["targets"][0][2], bench.fmt_ratio(1 / 1.05))

    def runtimes(self):
        cases = dict([
            self.case("tasks-10", "rust", [], [1000]),
            self.case("tasks-10", "go", [], [3000]),
            self.case("tasks-1000", "rust", [1.0, 1.2], [1000 + 400 * 1000]),
            self.case("tasks-1000", "go", [3.0], [3000 + 2000 * 1000]),
            self.case("queue-10", "rust", [0.5], [1]),
            self.case("queue-10", "node", [2.0], [1]),
            self.case("queue-bounded-10", "go", [0.25], [1]),
        ])
        cases["tasks-1000", "go"].cpu = [0.5, 0.25, 0.75]
        rows = bench.summarize(cases, self.SIZES)["runtimes"]
        return {(r[0], r[1]): r[2:] for r in rows}

    def test_runtime_rows_ratio_to_rust(self):
        rows = self.runtimes()
        wall, cpu, rss, per, rate, r = rows["1,000 sleeping tasks", "go"]
        self.assertEqual(wall, 3.0)
        # Go took 3 s against Rust's median of 1.1 s.
        self.assertAlmostEqual(r, 3.0 / 1.1)
        self.assertEqual(rows["1,000 sleeping tasks", "rust"][5], 1.0)
        self.assertEqual(cpu, 0.5)  # the median of the checked runs

    def test_runtime_rows_bytes_per_task_from_own_baseline(self):
        rows = self.runtimes()
        self.assertEqual(rows["1,000 sleeping tasks", "go"][3], 2000)
        self.assertEqual(rows["1,000 sleeping tasks", "rust"][3], 400)

    def test_runtime_rows_queue_rate(self):
        rows = self.runtimes()
        node = rows["queue, 5 producers, 10 consumers", "node"]
        self.assertEqual(node[4], 500 / 2.0)
        self.assertEqual(node[5], 4.0)
        # No Rust figure in this bounded queue: a rate, but no ratio.
        go = rows["queue bounded to 1,024, 5 producers, 10 consumers", "go"]
        self.assertEqual(go[4], 500 / 0.25)
        self.assertIsNone(go[5])

    def bounded_targets(self, rust_time, rust_peak, sizes=None):
        cases = dict([
            self.case("queue-bounded-10", "rust", [rust_time], [rust_peak]),
            self.case("queue-bounded-10", "go", [0.6], [1]),
        ])
        targets = bench.summarize(cases, sizes or self.SIZES)["targets"]
        return {t[0].split(": ")[1].split(" ")[2]: t
                for t in targets if t[0].startswith("queue bounded")}

    def test_bounded_queue_targets(self):
        # 0.6 s over 0.5 s: 1.2x Go's items per second, in 20 MiB.
        t = self.bounded_targets(0.5, 20 * 1024 * 1024)
        self.assertEqual(t["least"][1:], ("1.20x", "", "met"))
        self.assertEqual(t["most"][1:], ("20.0 MiB", "", "met"))
        t = self.bounded_targets(0.55, 21 * 1024 * 1024)
        self.assertEqual(t["least"][3], "NOT MET")
        self.assertEqual(t["most"][3], "NOT MET")

    def test_rust_ahead_of_every_other_runtime(self):
        cases = dict([
            self.case("tasks-1000", "rust", [1.0], [1]),
            self.case("tasks-1000", "python", [3.0], [1]),
            self.case("tasks-1000", "go", [1.25], [1]),
            self.case("queue-10", "rust", [0.5], [1]),
            self.case("queue-10", "node", [0.4], [1]),
            self.case("queue-10", "go", [2.0], [1]),
        ])
        targets = {t[0]: t[1:] for t in
                   bench.summarize(cases, self.SIZES)["targets"]
                   if "ahead of every" in t[0]}
        ahead = "Rust ahead of every other runtime"
        # Go is nearest, at 1.25 s against Rust's 1 s.
        self.assertEqual(targets[f"1,000 sleeping tasks: {ahead}"],
                         ("Go next, at 1.25x Rust's time", "", "met"))
        # Node took 0.4 s against Rust's 0.5 s: Rust is behind.
        self.assertEqual(
            targets[f"queue, 5 producers, 10 consumers: {ahead}"],
            ("Node next, at 0.80x Rust's time", "", "NOT MET"))
        self.assertEqual(targets[f"countasync, whole process: {ahead}"],
                         ("-", "", "not measured"))

    def test_glance_shows_every_runtime_measured(self):
        cases = dict([
            self.case("tasks-10", "rust", [], [1000]),
            self.case("tasks-10", "go", [], [3000]),
            self.case("tasks-1000000", "rust", [1.5], [1000 + 450 * 10**6]),
            self.case("tasks-1000000", "go", [3.5], [3000 + 2700 * 10**6]),
            self.case("queue-bounded-10", "go", [0.5], [1]),
        ])
        sizes = dict(self.SIZES, tasks=[10**6])
        info = {"nproc": 2, "model": "AMD EPYC"}
        text = bench.glance(bench.summarize(cases, sizes), "2026-11-22", info)
        lines = text.splitlines()
        self.assertIn("| | Rust (tokio) | Go |", lines)
        self.assertIn("| 1,000,000 sleeping tasks, wall time | 1.500 s "
                      "| 3.500 s |", lines)
        self.assertIn("| 1,000,000 sleeping tasks, bytes per task | 450 B "
                      "| 2,700 B |", lines)
        # Go's bounded queue: 5 x 100 items in 0.5 s; Rust not measured.
        self.assertIn("| queue bounded to 1,024, 10 consumers, items per "
                      "second | - | 1 k/s |", lines)

    def test_quick_sizes_give_no_verdict(self):
        t = self.bounded_targets(0.5, 1, dict(self.SIZES, judge=False))
        self.assertEqual(t["least"][1:], ("1.20x", "",
                                          "not judged (quick sizes)"))
        quick = dict(bench.QUICK)
        cases = dict([
            self.case("countasync", "rust", [1.0], [1]),
            self.case("countasync", "python", [2.0], [1]),
        ])
        verdicts = {t[3] for t in bench.summarize(cases, quick)["targets"]}
        self.assertEqual(verdicts, {"not judged (quick sizes)",
                                    "not measured"})
        self.assertTrue(bench.FULL.get("judge", True))

    def test_svg_is_well_formed(self):
        import xml.dom.minidom

        svg = bench.render_svg(self.summary(), "a <heading> & more")
        xml.dom.minidom.parseString(svg)
        self.assertIn("&lt;heading&gt;", svg)

    def test_svg_shows_every_peer_measured(self):
        import xml.dom.minidom

        summary = bench.summarize(dict([
            self.case("tasks-10", "rust", [], [1000]),
            self.case("tasks-10", "trio", [], [3000]),
            self.case("tasks-1000", "rust", [1.0], [401000]),
            self.case("tasks-1000", "trio", [9.0], [903000]),
            self.case("queue-bounded-10", "go", [0.25], [1]),
            self.case("queue-bounded-10", "rust", [0.2], [1]),
        ]), self.SIZES)
        svg = bench.render_svg(summary, "h")
        xml.dom.minidom.parseString(svg)
        for side in ("rust", "trio", "go"):
            self.assertIn(bench.SIDE_NAMES[side], svg)
            self.assertIn(f'fill="{bench.COLOURS[side]}"', svg)
        self.assertNotIn(bench.SIDE_NAMES["node"], svg)
        self.assertIn("10 consumers, max 1,024", svg)
        self.assertIn("9.000 s", svg)  # trio's time, drawn


class Scenarios(unittest.TestCase):
    def test_rotate_gives_each_program_each_place(self):
        firsts = [bench.rotate(["a", "b", "c"], r)[0] for r in range(3)]
        self.assertEqual(firsts, ["a", "b", "c"])
        self.assertEqual(bench.rotate(["r", "p"], 1), ["p", "r"])

    def test_peers_join_the_scenarios_they_have_programs_for(self):
        peers = {side: (lambda prog, args, side=side: [side, prog, *args])
                 for side in ("go", "node")}
        groups = bench.build_cases(Summary.SIZES, "/r", "/py", peers)
        sides = {g[0].key: [c.side for c in g] for g in groups}
        self.assertEqual(sides["tasks-1000"], ["rust", "python", "go", "node"])
        # Only Go has OS threads of its own to weigh.
        self.assertEqual(sides["threads-1000"], ["rust", "python", "go"])
        self.assertEqual(sides["queue-bounded-10"],
                         ["rust", "python", "go", "node"])
        bounded = {c.side: c.argv for g in groups for c in g
                   if c.key == "queue-bounded-10"}
        args = ["-p", "5", "-c", "10", "--items", "100", "--maxsize", "1024"]
        self.assertEqual(bounded["go"], ["go", "asyncq", *args])
        self.assertEqual(bounded["rust"], ["/r/asyncq-bench", *args])
        self.assertEqual(bounded["python"][-len(args):], args)
        threads = {c.side: c.argv for g in groups for c in g
                   if c.key == "threads-1000"}
        self.assertEqual(threads["go"], ["go", "threads", "-n", "1000"])

    def test_every_case_belongs_to_a_scenario(self):
        groups = bench.build_cases(Summary.SIZES, "/r", "/py")
        self.assertEqual({bench.scenario_of(g[0].key) for g in groups},
                         set(bench.SCENARIOS))
        self.assertEqual(bench.scenario_of("queue-bounded-10"), "queue")


class Writes(unittest.TestCase):
    """What a run writes, with the programs and the timing stubbed out."""

    COUNTASYNC = "One\nOne\nOne\nTwo\nTwo\nTwo\n" \
        "countasync executed in 1.00 seconds.\n"

    def run_main(self, *args):
        tmp = tempfile.mkdtemp(prefix="bench-test-")
        self.addCleanup(shutil.rmtree, tmp)
        root = os.path.join(tmp, "checkout")
        here = os.path.join(root, "bench")
        rust_dir = os.path.join(root, "target", "release")
        os.makedirs(here)
        os.makedirs(rust_dir)
        open(os.path.join(rust_dir, "countasync"), "w").close()
        files = {
            os.path.join(root, "README.md"):
                f"top\n{bench.GLANCE_BEGIN}\nold\n{bench.GLANCE_END}\n",
            os.path.join(here, "README.md"):
                f"bench\n{bench.BEGIN}\nold\n{bench.END}\n",
        }
        for path, text in files.items():
            with open(path, "w") as f:
                f.write(text)
        stubs = {"ROOT": root, "HERE": here,
                 "run_checked": lambda argv: (self.COUNTASYNC, 3 << 20, 0.01),
                 "hyperfine": lambda argv, runs: [1.003] * runs,
                 "load": lambda: "0.00 0.00 0.00"}
        with contextlib.ExitStack() as stack:
            for name, value in stubs.items():
                stack.enter_context(mock.patch.object(bench, name, value))
            stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
            code = bench.main(["--rust-dir", rust_dir, "--no-peers",
                               "--scenarios", "countasync", *args])
        self.assertEqual(code, 0)
        written = {}
        for path in files:
            with open(path) as f:
                written[path] = f.read()
        return root, files, written

    def test_quick_leaves_tracked_files_alone(self):
        root, files, written = self.run_main("--quick")
        self.assertEqual(written, files)
        quick = os.path.join(root, "target", "bench-quick")
        self.assertEqual(sorted(os.listdir(quick)),
                         ["README.md", "results.md", "results.svg"])
        with open(os.path.join(quick, "results.md")) as f:
            self.assertIn("not judged (quick sizes)", f.read())

    def test_full_run_rewrites_both_blocks(self):
        root, files, written = self.run_main("--rounds", "1")
        top, own = (written[os.path.join(root, "README.md")],
                    written[os.path.join(root, "bench", "README.md")])
        self.assertTrue(top.startswith("top\n"))
        self.assertNotIn("\nold\n", top)
        self.assertIn("| | Rust (tokio) | Python asyncio |", top)
        self.assertNotIn("\nold\n", own)
        self.assertIn("| countasync, whole process | 1.003 s | 1.003 s |",
                      own)
        self.assertFalse(os.path.exists(
            os.path.join(root, "target", "bench-quick")))


class Load(unittest.TestCase):
    @unittest.skipUnless(os.path.exists("/proc/stat"), "needs Linux")
    def test_load_says_how_idle_the_cpus_are_now(self):
        self.assertRegex(
            bench.load(0.2),
            r"^[0-9.]+ [0-9.]+ [0-9.]+ \(CPUs [0-9]+% idle over 0.2 s\)$")


class Files(unittest.TestCase):
    def test_replace_block_keeps_the_rest(self):
        text = "a\n<!-- bench:begin -->\nold\n<!-- bench:end -->\nb\n"
        self.assertEqual(
            bench.replace_block(text, "new"),
            "a\n<!-- bench:begin -->\nnew\n<!-- bench:end -->\nb\n")

    def test_replace_block_needs_markers(self):
        with self.assertRaises(bench.BenchError):
            bench.replace_block("no markers\n", "new")

    def test_write_atomic_leaves_no_temporary_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "results.md")
            bench.write_atomic(path, "one\n")
            bench.write_atomic(path, "two\n")
            with open(path) as f:
                self.assertEqual(f.read(), "two\n")
            self.assertEqual(os.listdir(tmp), ["results.md"])

    def test_log_ticks_cover_the_values(self):
        ticks = bench.log_ticks(0.9, 52)
        self.assertEqual(ticks[0], 0.1)
        self.assertEqual(ticks[-1], 100.0)


if __name__ == "__main__":
    unittest.main()

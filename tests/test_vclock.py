"""Tests of tests/vclock.py, the virtual-clock runner for the Python twins.

Each test writes a small script into a temporary directory, runs it with
``python3 tests/vclock.py SCRIPT ...`` and checks what it prints. Scripts
that must finish quickly measure their own real duration with
``time.clock_gettime(time.CLOCK_MONOTONIC)``, a clock the runner leaves
alone. Run them with::

    python3 -I tests/test_vclock.py
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

VCLOCK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vclock.py")

# A script's own real running time, printed as "real SECONDS" on its last line.
REAL_START = "import time as _t; _real0 = _t.clock_gettime(_t.CLOCK_MONOTONIC)\n"
REAL_END = '\nprint("real", _t.clock_gettime(_t.CLOCK_MONOTONIC) - _real0)\n'


class VclockTest(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = tmp.name

    def write(self, source, name="script.py"):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(source))
        return path

    def run_vclock(self, *args, timeout=30):
        return subprocess.run(
            [sys.executable, VCLOCK, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.dir,
        )

    def run_script(self, source, *args, timed=False):
        """Runs ``source`` on the virtual clock, checks that it succeeds, and
        returns its output lines (without the real-time line, which must
        show well under a second when ``timed``)."""
        if timed:
            source = REAL_START + textwrap.dedent(source) + REAL_END
        result = self.run_vclock(self.write(source), *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        if timed:
            label, real = lines.pop().split()
            self.assertEqual(label, "real")
            # A real run of each of these scripts sleeps for a second or more.
            self.assertLess(float(real), 0.9, "the script took real time")
        return lines

    # -- asyncio ---------------------------------------------------------

    def test_gathered_sleeps_take_one_virtual_second(self):
        lines = self.run_script(
            """
            import asyncio, time

            async def count():
                print("One")
                await asyncio.sleep(1)
                print("Two")

            async def main():
                await asyncio.gather(count(), count(), count())

            s = time.perf_counter()
            asyncio.run(main())
            print(f"executed in {time.perf_counter() - s:0.2f} seconds.")
            """,
            timed=True,
        )
        self.assertEqual(lines, ["One"] * 3 + ["Two"] * 3 + ["executed in 1.00 seconds."])

    def test_twelve_hour_sleep_ends_at_once(self):
        lines = self.run_script(
            """
            import asyncio, time
            s = time.perf_counter()
            asyncio.run(asyncio.sleep(12 * 3600))
            print(f"{time.perf_counter() - s:0.2f}")
            time.sleep(12 * 3600)
            print(f"{time.perf_counter() - s:0.2f}")
            """,
            timed=True,
        )
        self.assertEqual(lines, ["43200.00", "86400.00"])

    def test_every_loop_is_virtual(self):
        lines = self.run_script(
            """
            import asyncio
            loop = asyncio.new_event_loop()
            start = loop.time()
            loop.run_until_complete(asyncio.sleep(100))
            print(f"{loop.time() - start:.3f}")
            loop.close()
            with asyncio.Runner() as runner:
                runner.run(asyncio.sleep(5))
                print(f"{runner.get_loop().time() - start:.3f}")
            """,
            timed=True,
        )
        self.assertEqual(lines, ["100.000", "105.000"])

    def test_timers_due_together_fire_in_the_order_they_were_set(self):
        # A sleeps 6 s from the start; B sleeps 5 s, then 1 s. In a real run
        # B's second sleep starts a little after 5 s, so A wakes first. The
        # two other sleeps shape asyncio's timer heap so that, were the two
        # deadlines exactly equal, B would come out first.
        lines = self.run_script(
            """
            import asyncio

            async def a():
                await asyncio.sleep(6)
                print("A")

            async def b():
                await asyncio.sleep(5)
                await asyncio.sleep(1)
                print("B")

            async def main():
                await asyncio.gather(a(), b(), asyncio.sleep(5.5), asyncio.sleep(5.5))

            asyncio.run(main())
            """
        )
        self.assertEqual(lines, ["A", "B"])

    def test_many_timers_due_together_keep_their_order(self):
        # Every task's sleeps add up to 6 s. Its last sleep starts at
        # 0, 5, 4, 3, 2 or 1 s (by i % 6), so that is the order they end in.
        # With all deadlines exactly equal, asyncio's heap would mix them.
        lines = self.run_script(
            """
            import asyncio

            async def sleeper(i):
                first = 6 - i % 6
                await asyncio.sleep(first)
                if first < 6:
                    await asyncio.sleep(6 - first)
                print(f"T{i}")

            async def main():
                await asyncio.gather(*(sleeper(i) for i in range(10)))

            asyncio.run(main())
            """
        )
        self.assertEqual(" ".join(lines), "T0 T6 T5 T4 T3 T9 T2 T8 T1 T7")

    def test_readings_between_waits_are_not_lost(self):
        # C reads the clock often before its one 6 s sleep; B's second sleep
        # starts after a wait at 5 s, so it must still end after C's.
        lines = self.run_script(
            """
            import asyncio, time

            async def b():
                await asyncio.sleep(5)
                await asyncio.sleep(1)
                print("B")

            async def c():
                for _ in range(1000):
                    time.perf_counter()
                await asyncio.sleep(6)
                print("C")

            async def main():
                await asyncio.gather(b(), c())

            asyncio.run(main())
            """
        )
        self.assertEqual(lines, ["C", "B"])

    def test_real_sockets_still_work(self):
        lines = self.run_script(
            """
            import asyncio, time

            async def handle(reader, writer):
                line = await reader.readline()
                await asyncio.sleep(1)
                writer.write(b"echo " + line)
                await writer.drain()
                writer.close()

            async def client(port, i):
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(f"hi {i}\\n".encode())
                data = await reader.readline()
                writer.close()
                return data.decode().strip()

            async def main():
                server = await asyncio.start_server(handle, "127.0.0.1", 0)
                port = server.sockets[0].getsockname()[1]
                s = time.perf_counter()
                replies = await asyncio.gather(*(client(port, i) for i in range(3)))
                print(replies, f"{time.perf_counter() - s:0.2f}")
                server.close()
                await server.wait_closed()

            asyncio.run(main())
            """,
            timed=True,
        )
        self.assertEqual(lines, ["['echo hi 0', 'echo hi 1', 'echo hi 2'] 1.00"])

    # -- blocking sleeps and threads ---------------------------------------

    def test_blocking_sleep_advances_the_clock_at_once(self):
        lines = self.run_script(
            """
            import asyncio, time
            s, m, w = time.perf_counter(), time.monotonic_ns(), time.time()
            time.sleep(2)
            print(f"{time.perf_counter() - s:.6f}")
            print(round((time.monotonic_ns() - m) / 1e9, 6), round(time.time() - w, 6))

            async def blocker():
                time.sleep(1)

            async def main():
                await asyncio.gather(blocker(), blocker(), blocker())

            s = time.perf_counter()
            asyncio.run(main())
            print(f"{time.perf_counter() - s:0.2f}")
            """,
            timed=True,
        )
        self.assertEqual(lines, ["2.000000", "2.0 2.0", "3.00"])

    def test_executor_sleeps_overlap_and_finish(self):
        lines = self.run_script(
            """
            import asyncio, time

            async def main():
                loop = asyncio.get_running_loop()
                s = time.perf_counter()
                await asyncio.gather(*(loop.run_in_executor(None, time.sleep, 1) for _ in range(3)))
                print(f"run_in_executor {time.perf_counter() - s:0.2f}")
                s = time.perf_counter()
                await asyncio.gather(*(asyncio.to_thread(time.sleep, 2) for _ in range(3)))
                print(f"to_thread {time.perf_counter() - s:0.2f}")

            asyncio.run(main())
            """,
            timed=True,
        )
        self.assertEqual(lines, ["run_in_executor 1.00", "to_thread 2.00"])

    def test_thread_and_loop_sleeps_interleave(self):
        lines = self.run_script(
            """
            import asyncio, time

            def work(n):
                time.sleep(n)
                print(f"{time.perf_counter():.2f} thread slept {n}")

            async def tick():
                for i in range(4):
                    await asyncio.sleep(0.5)
                    print(f"{time.perf_counter():.2f} tick")

            async def main():
                loop = asyncio.get_running_loop()
                await asyncio.gather(loop.run_in_executor(None, work, 1.25), tick())

            asyncio.run(main())
            """,
            timed=True,
        )
        self.assertEqual(
            lines,
            ["0.50 tick", "1.00 tick", "1.25 thread slept 1.25", "1.50 tick", "2.00 tick"],
        )

    def test_threads_and_their_waits(self):
        lines = self.run_script(
            """
            import queue, threading, time
            s = time.perf_counter()
            threads = [threading.Thread(target=time.sleep, args=(1,)) for _ in range(50)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            print(f"threads {time.perf_counter() - s:0.2f}")
            s = time.perf_counter()
            print(threading.Event().wait(5), f"{time.perf_counter() - s:0.2f}")
            s = time.perf_counter()
            try:
                queue.Queue().get(timeout=2)
            except queue.Empty:
                print(f"empty {time.perf_counter() - s:0.2f}")
            s = time.perf_counter()
            timer = threading.Timer(3, lambda: print(f"timer {time.perf_counter() - s:0.2f}"))
            timer.start()
            timer.join()
            """,
            timed=True,
        )
        self.assertEqual(lines, ["threads 1.00", "False 5.00", "empty 2.00", "timer 3.00"])

    def test_thread_blocked_out_of_sight_does_not_hang(self):
        # SimpleQueue.get blocks in C, where the runner cannot see it.
        lines = self.run_script(
            """
            import queue, threading, time
            q = queue.SimpleQueue()

            def producer():
                time.sleep(1)
                q.put("item")

            threading.Thread(target=producer).start()
            print(q.get(), f"{time.perf_counter():0.2f}")
            """
        )
        self.assertEqual(lines, ["item 1.00"])

    def test_daemon_threads_stop_with_the_program(self):
        lines = self.run_script(
            """
            import threading, time

            def beat():
                while True:
                    time.sleep(1)
                    print(f"beat {time.perf_counter():.1f}", flush=True)

            threading.Thread(target=beat, daemon=True).start()
            time.sleep(2.5)
            print("main done", flush=True)
            threading.Timer(1, print, ("timer",)).start()
            """
        )
        self.assertEqual(lines, ["beat 1.0", "beat 2.0", "main done", "beat 3.0", "timer"])

    # -- wall clock and random ---------------------------------------------

    def test_wall_clock_moves_with_the_virtual_clock(self):
        lines = self.run_script(
            """
            import asyncio, datetime as dt_module, time
            from datetime import date, datetime
            real = time.clock_gettime(time.CLOCK_REALTIME)
            print(abs(time.time() - real) < 60)
            a, sa = datetime.now(), time.strftime("%X")
            time.sleep(90)
            asyncio.run(asyncio.sleep(3600))
            b, sb = datetime.now(), time.strftime("%X")
            print((b - a).total_seconds())
            clock = (datetime.strptime(sb, "%X") - datetime.strptime(sa, "%X")).total_seconds()
            print(clock % 86400)
            print(datetime.today() - a >= dt_module.timedelta(seconds=3690))
            print(time.localtime().tm_hour == b.hour, time.ctime() == time.asctime())
            print(type(a) is dt_module.datetime, isinstance(a, date))
            print(repr(a)[:18], repr(date.today())[:14])
            """
        )
        self.assertEqual(
            lines,
            [
                "True",
                "3690.0",
                "3690.0",
                "True",
                "True True",
                "True True",
                "datetime.datetime( datetime.date(",
            ],
        )

    def test_random_starts_seeded_with_444(self):
        lines = self.run_script(
            """
            import random, sys
            print(random.random() == random.Random(444).random())
            random.seed(int(sys.argv[1]))
            print(random.random() == random.Random(7).random())
            """,
            "7",
        )
        self.assertEqual(lines, ["True", "True"])

    # -- the command line --------------------------------------------------

    def test_schedule_markers_follow_each_coroutine(self):
        script = self.write(
            """
            import asyncio

            async def nap(n, lock):
                print("start", n)
                async with lock:
                    await asyncio.sleep(n)
                print("end", n)

            async def main():
                lock = asyncio.Lock()
                await asyncio.gather(nap(2, lock), nap(1, lock))

            asyncio.run(main())
            """
        )
        env = dict(os.environ, SCHEDULE_MARKERS="1")
        result = subprocess.run(
            [sys.executable, VCLOCK, script], capture_output=True, text=True, env=env, timeout=30
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        own, events = [], []
        # (str.splitlines would split at the record separator too.)
        for line in result.stdout.rstrip("\n").split("\n"):
            if line.startswith("\x1e"):
                events.append(json.loads(line[1:]))
            else:
                own.append(line)
        self.assertEqual(own, ["start 2", "start 1", "end 2", "end 1"])
        naps = [(e["t"], e["co"], e["event"], e.get("wait")) for e in events if e["fn"] == "nap"]
        # The first nap takes the lock and sleeps; the second waits for the
        # lock, sleeps after the first, and each finishes (wait null).
        self.assertEqual(
            naps,
            [
                (0.0, 2, "resume", None),
                (0.0, 2, "suspend", "sleep"),
                (0.0, 3, "resume", None),
                (0.0, 3, "suspend", "Lock.acquire"),
                (2.0, 2, "resume", None),
                (2.0, 2, "suspend", None),
                (2.0, 3, "resume", None),
                (2.0, 3, "suspend", "sleep"),
                (3.0, 3, "resume", None),
                (3.0, 3, "suspend", None),
            ],
        )
        mains = [e for e in events if e["fn"] == "main"]
        self.assertEqual([e["co"] for e in mains], [1] * len(mains))
        self.assertEqual({e["line"] for e in events if e["fn"] == "nap"}, {4})

    def test_no_markers_unless_asked(self):
        out = self.run_script(
            """
            import asyncio
            asyncio.run(asyncio.sleep(1))
            print("done")
            """
        )
        self.assertEqual(out, ["done"])

    def test_script_gets_argv_and_runs_as_main(self):
        path = self.write("import sys\nprint(__name__, sys.argv)\n")
        result = self.run_vclock(path, "a", "--b", "c d")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, f"__main__ {[path, 'a', '--b', 'c d']}\n")

    def test_system_exit_passes_through(self):
        result = self.run_vclock(self.write("import sys\nprint('before')\nsys.exit(3)\n"))
        self.assertEqual((result.returncode, result.stdout), (3, "before\n"))
        result = self.run_vclock(self.write("import sys\nsys.exit('bye')\n"))
        self.assertEqual((result.returncode, result.stderr), (1, "bye\n"))

    def test_uncaught_exception_prints_traceback_and_exits_1(self):
        path = self.write("def f():\n    1 / 0\n\nf()\n")
        result = self.run_vclock(path)
        self.assertEqual(result.returncode, 1)
        first = result.stderr.splitlines()[0]
        self.assertEqual(first, "Traceback (most recent call last):", result.stderr)
        self.assertIn("ZeroDivisionError: division by zero", result.stderr)
        self.assertIn(f'File "{path}", line 4', result.stderr.splitlines()[1])
        self.assertNotIn("vclock.py", result.stderr)
        self.assertNotIn("runpy", result.stderr)

    def test_keyboard_interrupt_ends_the_process_as_python_does(self):
        path = self.write("raise KeyboardInterrupt\n")
        direct = subprocess.run([sys.executable, path], capture_output=True, text=True, timeout=30)
        result = self.run_vclock(path)
        self.assertEqual(result.returncode, direct.returncode)
        self.assertTrue(result.stderr.endswith("KeyboardInterrupt\n"), result.stderr)

    def test_usage_errors_exit_2(self):
        result = self.run_vclock()
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        self.assertEqual(len(result.stderr.splitlines()), 1)
        self.assertIn("usage", result.stderr)
        result = self.run_vclock(os.path.join(self.dir, "missing.py"))
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.splitlines()), 1)
        self.assertIn("missing.py", result.stderr)


if __name__ == "__main__":
    unittest.main()

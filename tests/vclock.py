#!/usr/bin/env python3
"""Run a Python script on a virtual clock: its sleeps end at once, yet every
time it reads is the time a real run would show.

Usage::

    python3 tests/vclock.py SCRIPT [ARG ...]

runs SCRIPT unchanged, as ``python3 SCRIPT ARG ...`` would: as the
``__main__`` module, with ``sys.argv == [SCRIPT, ARG, ...]`` and, unless
Python runs in isolated or safe-path mode (``-I``, ``-P``), the script's
directory first on ``sys.path``. (One difference: ``__file__`` is the path
as given, where Python makes it absolute.) The exit status is the
script's: a ``SystemExit`` passes through with its code, an uncaught
exception prints its traceback, starting in the script, and exits with
status 1, and an uncaught ``KeyboardInterrupt`` ends the process as
Python does. Given no script, or one that does not exist, the runner
prints one line on standard error and exits with status 2. It needs only
the standard library, Python 3.11 or later, on a Unix.

The virtual clock
-----------------

The clock is one module-level object, ``CLOCK``, shared by everything
below. It counts whole picoseconds in Python integers and starts at 0:
``time.monotonic()``, ``time.perf_counter()`` and every event loop's
``loop.time()`` return the elapsed virtual time, 0.0 at the start.
Wall-clock readings (``time.time()``, ``datetime.now()``, ...) are the
real wall-clock time when the runner started, cut to a whole microsecond,
plus the elapsed virtual time. The clock moves forward in two ways only.

Waiting. When every thread of the program waits (in ``time.sleep``, in an
idle event loop, on a condition, a queue or a join), the clock jumps to
the earliest moment one of those waits ends, and that waiter wakes. So
``asyncio.sleep(3600)`` returns at once with the clock an hour later, and
a program that sleeps for twelve hours ends in milliseconds. Running code
costs no virtual time.

Reading. Every reading of the clock moves it on by one picosecond after
it is read. On a real machine the clock moves between two readings, so a
sleep started later ends later, and a task woken by a timer starts its
next sleep a little after the instant it was due. asyncio keeps its timers
in a heap ordered by deadline alone, and timers with exactly equal
deadlines come out in an order that depends on the heap's shape, not on
which was scheduled first. The clock therefore keeps two counts: the
ideal time, which only waits move, and the number of readings so far,
which only readings move; a reading returns their sum. A jump sets the
ideal time to the deadline's and keeps every reading counted, so a
deadline set later is later than one set earlier for the same ideal
instant, however many waits lie between them. (asyncio stores a timer's
deadline as a float; the runner takes its ideal time from the latest
reading before the timer was set, which is exact for ``call_later``, and
so ``asyncio.sleep``, and for ``loop.call_at(loop.time() + delay)``.)
Timers due at the same ideal instant then fire in the order they were
set, as in a real run: a
task that slept 6 s from the start wakes before one that slept 5 s and
then 1 s. The steps are far too small to show in printed durations such
as ``f"{elapsed:0.2f}"``, or in the microseconds of ``datetime.now()``.

Readings are returned as floats, which cannot hold every picosecond: near
10 s a float resolves about 2e-15 s, near 1e5 s (28 hours) only about
1.5e-11 s. Far into a run two readings may therefore convert to the same
float, and asyncio timers due at the same ideal instant may again fire in
heap order. The ``*_ns`` functions return whole nanoseconds, so
consecutive readings of those are usually equal.

What is patched, and why
------------------------

Before the script runs, the runner replaces these so that they follow the
virtual clock:

* asyncio's event loops. The event loop policy, and the names
  ``asyncio.SelectorEventLoop`` and ``asyncio.DefaultEventLoopPolicy``,
  are replaced, so every loop the script creates (``asyncio.run``,
  ``asyncio.new_event_loop``, ``asyncio.get_event_loop``,
  ``asyncio.Runner``) is a :class:`VirtualEventLoop`. Its ``time()`` is the
  virtual clock, and its selector never sleeps through a timeout: it polls
  the file descriptors (the loop's own wake-up pipe and any sockets or
  pipes the script uses) without waiting and returns whatever is ready;
  when nothing is, the loop waits on the virtual clock as described above,
  so with no other thread running the clock jumps to the loop's next
  timer. A timeout of 0 never moves the clock. With no timer scheduled,
  or while another thread runs, the loop blocks for real until a file
  descriptor is ready: data on a socket, a wake-up from another thread
  (``call_soon_threadsafe``, a finished ``run_in_executor`` job), or the
  clock reaching the loop's next timer while another thread waits.

* ``time.perf_counter``, ``time.perf_counter_ns``, ``time.monotonic``,
  ``time.monotonic_ns``, ``time.time`` and ``time.time_ns``, which scripts
  use to time themselves and to stamp their output.

* ``time.localtime``, ``time.gmtime``, ``time.strftime``, ``time.ctime``
  and ``time.asctime`` when called without an explicit time, so that a
  printed time of day (``time.strftime("%X")``) moves with the virtual
  clock. Given a time, they behave as usual.

* ``datetime.datetime`` and ``datetime.date``. They are C types whose
  methods cannot be replaced, so the module's attributes become subclasses
  whose ``now()``, ``today()`` and ``utcnow()`` read the virtual wall
  clock. This happens before the script runs, so ``from datetime import
  datetime`` in the script gets the subclass. The subclasses print as the
  originals do, pickle under the original names, and ``isinstance`` treats
  the original types and the subclasses as the same.

* ``time.sleep``, which blocks its thread until the virtual clock has
  moved on by the given time. In a single-threaded program that is at
  once: the clock jumps by the full duration, which is what a blocked
  thread costs, and nothing else runs meanwhile (a ``time.sleep`` inside a
  coroutine holds up the whole event loop, as it does for real).

* Threads, so that the runner knows when every thread waits. It counts
  the threads that run: the main thread, and each ``threading.Thread``
  the script starts, until it ends. Waits it can see do not count:
  ``time.sleep``, an idle virtual event loop, ``threading.Condition.wait``
  (and so ``Event.wait``, ``Semaphore.acquire``, ``Barrier.wait``,
  ``queue.Queue.get``, ``threading.Timer`` and waits for
  ``concurrent.futures`` results), ``Thread.join``, and an idle
  ``ThreadPoolExecutor`` worker, whose work queue is replaced by one the
  runner can see. Whoever wakes a waiter counts it as running again before
  it stops counting itself, so the clock cannot jump in between. The
  timeouts of these waits are virtual too; the ``threading`` and ``queue``
  modules measure them with ``time.monotonic``, bound before the script
  ran, so those references are replaced as well. Sleeping threads
  therefore overlap as they do for real: three ``loop.run_in_executor(None,
  time.sleep, 1)`` gathered take one virtual second, and a worker's
  two-second sleep ends after the loop's one-second ``asyncio.sleep``.
  Once the script's main code is done, the clock runs on while non-daemon
  threads wait for a time, and stops when only daemon threads do, since
  Python then stops them.

* ``random``, seeded with ``random.seed(444)``, the default seed of the
  Rust examples, so that a script that does not seed draws the same
  numbers in every run. The script may seed it again.

Recording the schedule
----------------------

With ``SCHEDULE_MARKERS=1`` in the environment, the runner also reports
each time a coroutine defined in the script resumes and each time it
suspends, interleaved with the script's own output: one line on standard
output per event, a record separator (``\x1e``) and then a JSON object::

    {"t": 1.0, "co": 3, "fn": "count", "line": 17, "event": "suspend",
     "wait": "sleep"}

``t`` is the ideal virtual time in seconds (the readings' picoseconds left
out); ``co`` numbers the coroutine, from 1 in the order they first ran;
``fn`` and ``line`` are its function's name and first line; ``wait``, on a
suspension, is the qualified name of the innermost function that
suspended (``sleep``, ``Lock.acquire``, ``Queue.get``, or the coroutine's
own name when it awaits a future directly), and ``null`` when the
coroutine ended; ``"cancelled": true`` then says that it ended by raising
while its task was being cancelled. It comes from ``sys.setprofile`` on the thread that
starts the script, which sees a coroutine's frame called each time it is
resumed and return each time it yields.

Limits
------

* A thread blocked somewhere the runner cannot see (a plain
  ``Lock.acquire``, ``queue.SimpleQueue.get``, a socket read in a thread,
  ``os.waitpid``) still counts as running, and the clock would wait for
  it forever. A watchdog thread therefore looks for a standstill: when for
  0.25 s of real time no other thread used the CPU and no wait began or
  ended, it takes the running threads to be blocked and moves the clock on
  to the next deadline. Such programs run correctly, but each of those
  steps takes 0.25 s of real time.

* Real input and output takes no virtual time, so a virtual timeout that
  races real work (``wait_for`` on a child process or a remote server)
  expires at once unless the result is already there.

* A program that waits for time to pass without waiting (a loop of
  ``await asyncio.sleep(0)``, or ``while time.time() < t: pass``) never
  sees it pass: readings move the clock by a picosecond each, nothing
  more.

* Other clocks follow real time: ``time.clock_gettime``, the CPU clocks
  (``time.process_time``, ``time.thread_time``), the timeouts of C-level
  locks and sockets, and the timeouts of ``subprocess``. Code that waits
  for real-world events by polling with ``time.sleep`` (as ``subprocess``
  does for a timeout) sleeps on the virtual clock, so such timeouts may
  expire early.

* Only the standard event loop becomes virtual: a script that installs
  another loop implementation (uvloop), or gives a loop its own selector,
  runs that loop in real time.
"""

import _thread
import asyncio
import asyncio.selector_events
import concurrent.futures.thread
import copyreg
import datetime
import dis
import heapq
import itertools
import operator
import os
import queue
import random
import runpy
import selectors
import sys
import threading
import time
import weakref
from collections import deque

__all__ = ["CLOCK", "VirtualClock", "VirtualEventLoop", "VirtualEventLoopPolicy", "install", "main"]

#: The seed the Rust examples use when given no ``--seed``.
DEFAULT_SEED = 444

#: Picoseconds in a second.
PS_PER_S = 10**12

#: How long (real seconds) nothing may happen before the watchdog assumes
#: that the threads still counted as running are blocked, and how often it
#: looks.
STANDSTILL = 0.25
WATCH_INTERVAL = 0.02
#: CPU time (seconds) the other threads may use in one WATCH_INTERVAL and
#: still count as standing still.
IDLE_CPU = 0.0005

# The real functions, captured before anything is patched.
_real_sleep = time.sleep
_real_time_ns = time.time_ns
_real_monotonic = time.monotonic
_real_process_time = time.process_time
_real_thread_time = time.thread_time
_real_localtime = time.localtime
_real_gmtime = time.gmtime
_real_strftime = time.strftime
_real_asctime = time.asctime
_real_thread_start = threading.Thread.start
_real_thread_bootstrap_inner = threading.Thread._bootstrap_inner
_real_thread_join = threading.Thread.join
_real_executor_init = concurrent.futures.thread.ThreadPoolExecutor.__init__
_RealSelectorEventLoop = asyncio.SelectorEventLoop
_RealDefaultPolicy = asyncio.DefaultEventLoopPolicy
_real_write_to_self = asyncio.selector_events.BaseSelectorEventLoop._write_to_self
_RealDate = datetime.date
_RealDateTime = datetime.datetime


def _seconds_to_ps(seconds, *, ceil=False):
    """Converts a duration in seconds (an int or a float) to whole
    picoseconds, exactly: to the nearest, or rounded up with ``ceil``.
    Raises as ``time.sleep`` does for a value that is not a number, NaN,
    or infinite."""
    if isinstance(seconds, float):
        if seconds != seconds:
            raise ValueError("Invalid value NaN (not a number)")
        if seconds in (float("inf"), float("-inf")):
            raise OverflowError("timestamp too large to convert to C _PyTime_t")
        num, den = seconds.as_integer_ratio()
    else:
        num, den = operator.index(seconds), 1
    if ceil:
        return -((-num * PS_PER_S) // den)
    return (2 * num * PS_PER_S + den) // (2 * den)


class _When(float):
    """An event loop timer's deadline: a float, as asyncio expects, that
    also carries the picosecond reading it stands for (``key``) and the
    ideal time within it (``ideal``), so that the clock can jump to it
    without losing the count of readings."""


class _ThreadInfo:
    """What the clock knows about one thread."""

    __slots__ = ("counted", "daemon", "bootstrapped", "finished", "joiners")

    def __init__(self, counted, daemon):
        # Whether the thread counts as running while it is not waiting.
        self.counted = counted
        self.daemon = daemon
        self.bootstrapped = False
        self.finished = False
        self.joiners = []


class _Waiter:
    """One wait of one thread: ``time.sleep``, a condition, a join, a work
    queue (all of which block on ``gate``), or an idle event loop (which
    blocks in its selector, and is woken through its self-pipe)."""

    __slots__ = (
        "gate", "counted", "daemon", "idle", "in_heap", "claimed",
        "reason", "loop_ref", "ident", "self_woken",
    )

    def __init__(self, counted, daemon, loop=None):
        self.counted = counted
        self.daemon = daemon
        self.idle = False
        self.in_heap = False
        self.claimed = False
        self.reason = None
        self.self_woken = False
        self.ident = _thread.get_ident()
        if loop is None:
            self.gate = _thread.allocate_lock()
            self.gate.acquire()
            self.loop_ref = None
        else:
            self.gate = None
            self.loop_ref = weakref.ref(loop)


_tls = _thread._local()


def _current_info():
    return getattr(_tls, "info", None)


class VirtualClock:
    """The virtual clock, and the bookkeeping of which threads run and which
    wait that decides when it may jump. One instance, ``CLOCK``, is shared
    by everything the runner patches."""

    def __init__(self):
        self._lock = _thread.RLock()
        # The reading is _ideal + _offset: _ideal is the time an ideal
        # machine would show, moved only by waits; _offset counts the
        # readings so far, one picosecond each, and never goes back, so a
        # deadline set later is always later than one set earlier for the
        # same ideal instant, however many waits lie between them.
        self._ideal = 0
        self._offset = 0
        self._wall_origin_ps = (_real_time_ns() // 1000) * 10**6
        self._running = 0  # counted threads not waiting
        # A heap of (reading due, sequence, waiter, ideal time due); woken
        # waiters stay in it until they reach the top.
        self._deadlines = []
        self._seq = 0
        self._version = 0  # bumped whenever a wait begins or ends
        self._live_deadlines = 0  # pending deadlines of non-daemon threads
        self._ending = False  # the script is done
        self._watchdog = False

    # -- readings ---------------------------------------------------------

    def read_ps(self):
        """The elapsed virtual time in picoseconds; moves the clock on by one."""
        with self._lock:
            ps = self._ideal + self._offset
            self._offset += 1
            return ps

    def monotonic(self):
        """Elapsed virtual seconds (``time.monotonic``, ``loop.time()``)."""
        return self.read_ps() / PS_PER_S

    def monotonic_ns(self):
        return self.read_ps() // 1000

    def time(self):
        """Virtual wall-clock seconds since the epoch."""
        return (self._wall_origin_ps + self.read_ps()) / PS_PER_S

    def time_ns(self):
        return (self._wall_origin_ps + self.read_ps()) // 1000

    def wall_seconds_micros(self):
        """The virtual wall clock as whole seconds since the epoch and the
        microseconds after them."""
        us = (self._wall_origin_ps + self.read_ps()) // 10**6
        return divmod(us, 10**6)

    # -- waiting ----------------------------------------------------------

    def new_waiter(self, loop=None):
        info = _current_info()
        if info is None:
            return _Waiter(False, True, loop)
        return _Waiter(info.counted, info.daemon, loop)

    def go_idle(self, waiter, delay_ps=None, timer=None):
        """Marks ``waiter``'s thread as waiting, until ``delay_ps`` from now
        at the latest (None: until woken), or until an event loop's next
        ``timer`` (a :class:`_When`) if that comes first. Returns False if
        the waiter was woken before it began to wait."""
        with self._lock:
            if waiter.claimed:
                return False
            waiter.idle = True
            if waiter.counted:
                self._running -= 1
            if delay_ps is not None:
                ideal = self._ideal + delay_ps
                key = ideal + self._offset
                self._offset += 1
                if timer is not None and timer.key <= key:
                    ideal, key = timer.ideal, timer.key
                self._seq += 1
                heapq.heappush(self._deadlines, (key, self._seq, waiter, ideal))
                waiter.in_heap = True
                if not waiter.daemon:
                    self._live_deadlines += 1
            self._version += 1
            self._advance()
            return True

    def wake(self, waiter, reason, signal=True):
        """Wakes ``waiter`` (unless someone already did), counting its
        thread as running again. Returns whether this call woke it."""
        with self._lock:
            return self._wake(waiter, reason, signal)

    def finish(self, waiter):
        """Ends a wait however it ended; returns why it ended."""
        with self._lock:
            if not waiter.claimed:
                self._claim(waiter, "finished")
            return waiter.reason

    def timer_deadline(self, when):
        """Wraps an event loop timer's deadline (seconds on this clock) in a
        :class:`_When` that also records the ideal time it stands for. The
        deadline is taken to be the latest reading plus a delay, as
        ``call_later`` and ``loop.time() + delay`` make it."""
        if isinstance(when, _When) or not -1e300 < when < 1e300:
            return when
        tagged = _When(when)
        key = round(when * PS_PER_S)
        with self._lock:
            tagged.ideal = key - max(self._offset - 1, 0)
        tagged.key = key
        return tagged

    def sleep_ps(self, ps):
        """Blocks the calling thread for ``ps`` virtual picoseconds."""
        waiter = self.new_waiter()
        try:
            self.go_idle(waiter, ps)
            waiter.gate.acquire()
        finally:
            self.finish(waiter)

    def _claim(self, waiter, reason):
        waiter.claimed = True
        waiter.reason = reason
        if waiter.idle and waiter.counted:
            self._running += 1
        if waiter.in_heap and not waiter.daemon:
            self._live_deadlines -= 1
        waiter.in_heap = False
        self._version += 1

    def _wake(self, waiter, reason, signal=True):
        if waiter.claimed:
            return False
        self._claim(waiter, reason)
        if waiter.gate is not None:
            waiter.gate.release()
        elif signal:
            if waiter.ident == _thread.get_ident():
                waiter.self_woken = True
            else:
                loop = waiter.loop_ref()
                if loop is not None:
                    _real_write_to_self(loop)
        return True

    def _pop_stale(self):
        heap = self._deadlines
        while heap and heap[0][2].claimed:
            heapq.heappop(heap)

    def _jump_to_next(self):
        self._pop_stale()
        if not self._deadlines:
            return False
        if self._ending and not self._live_deadlines:
            # Only daemon threads wait for a time: the program is over, and
            # in a real run they would be stopped now.
            return False
        _, _, waiter, ideal = heapq.heappop(self._deadlines)
        if ideal > self._ideal:
            self._ideal = ideal
        self._wake(waiter, "timeout")
        return True

    def _advance(self):
        # With no thread running, the next deadline is the next thing that
        # can happen: jump there and wake that waiter only.
        while self._running <= 0 and self._jump_to_next():
            pass

    # -- threads ----------------------------------------------------------

    def thread_starting(self, info):
        with self._lock:
            if info.counted:
                self._running += 1
            self._version += 1
            if not self._watchdog:
                self._watchdog = True
                _thread.start_new_thread(self._watch, ())

    def thread_start_failed(self, info):
        with self._lock:
            if not info.bootstrapped and info.counted:
                info.counted = False
                self._running -= 1
                self._version += 1
                self._advance()

    def thread_bootstrapped(self, info):
        with self._lock:
            info.bootstrapped = True

    def thread_finished(self, info):
        with self._lock:
            info.finished = True
            for waiter in info.joiners:
                self._wake(waiter, "ended")
            info.joiners.clear()
            if info.counted:
                info.counted = False
                self._running -= 1
            self._version += 1
            self._advance()

    def add_joiner(self, info, waiter):
        with self._lock:
            if info.finished:
                return False
            info.joiners.append(waiter)
            return True

    def script_done(self):
        """The main thread has run the script; it no longer counts as
        running while Python waits for the other non-daemon threads, and
        the clock stops once only daemon threads wait for a time."""
        info = _current_info()
        with self._lock:
            self._ending = True
            if info is not None and info.counted:
                info.counted = False
                self._running -= 1
                self._version += 1
                self._advance()

    def _watch(self):
        """The watchdog: if for STANDSTILL real seconds no other thread used
        the CPU and no wait began or ended, while threads count as running
        and a deadline is pending, those threads are blocked where the
        clock cannot see: jump to the next deadline anyway."""
        version = None
        since = _real_monotonic()
        cpu = _real_process_time() - _real_thread_time()
        while True:
            _real_sleep(WATCH_INTERVAL)
            now = _real_monotonic()
            # CPU time the process used outside this thread: a thread that
            # computes uses some, a blocked one none.
            cpu, used = _real_process_time() - _real_thread_time(), cpu
            used = cpu - used
            with self._lock:
                if self._version != version or used > IDLE_CPU:
                    version, since = self._version, now
                elif now - since >= STANDSTILL:
                    if self._running > 0:
                        self._jump_to_next()
                    version, since = self._version, now


CLOCK = VirtualClock()


# -- time ------------------------------------------------------------------


def _perf_counter():
    return CLOCK.monotonic()


def _perf_counter_ns():
    return CLOCK.monotonic_ns()


def _monotonic():
    return CLOCK.monotonic()


def _monotonic_ns():
    return CLOCK.monotonic_ns()


def _time():
    return CLOCK.time()


def _time_ns():
    return CLOCK.time_ns()


def _wall_seconds():
    return CLOCK.wall_seconds_micros()[0]


def _localtime(secs=None):
    return _real_localtime(_wall_seconds() if secs is None else secs)


def _gmtime(secs=None):
    return _real_gmtime(_wall_seconds() if secs is None else secs)


def _strftime(format, t=None):
    return _real_strftime(format, _real_localtime(_wall_seconds()) if t is None else t)


def _asctime(t=None):
    return _real_asctime(_real_localtime(_wall_seconds()) if t is None else t)


def _ctime(secs=None):
    return _real_asctime(_real_localtime(_wall_seconds() if secs is None else secs))


def _sleep(secs):
    ps = _seconds_to_ps(secs)
    if ps < 0:
        raise ValueError("sleep length must be non-negative")
    if ps == 0:
        _real_sleep(0)
        return
    CLOCK.sleep_ps(ps)


# -- threading -------------------------------------------------------------


def _condition_wait(self, timeout=None):
    # threading.Condition.wait, with the wait made visible to the clock.
    if not self._is_owned():
        raise RuntimeError("cannot wait on un-acquired lock")
    waiter = CLOCK.new_waiter()
    self._waiters.append(waiter)
    saved_state = self._release_save()
    gotit = False
    try:
        if timeout is not None and timeout <= 0:
            gotit = CLOCK.finish(waiter) == "notified"
        else:
            delay = None
            if timeout is not None and timeout != float("inf"):
                delay = _seconds_to_ps(timeout, ceil=True)
            CLOCK.go_idle(waiter, delay)
            waiter.gate.acquire()
            gotit = waiter.reason == "notified"
        return gotit
    finally:
        CLOCK.finish(waiter)
        self._acquire_restore(saved_state)
        if not gotit:
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass


def _condition_notify(self, n=1):
    if not self._is_owned():
        raise RuntimeError("cannot notify on un-acquired lock")
    waiters = self._waiters
    while n > 0 and waiters:
        waiter = waiters.popleft()
        if isinstance(waiter, _Waiter):
            if CLOCK.wake(waiter, "notified"):
                n -= 1
        else:  # a raw lock, from a wait begun before the patch
            waiter.release()
            n -= 1


def _thread_start(self):
    if self._started.is_set():
        return _real_thread_start(self)  # raises
    info = _ThreadInfo(counted=True, daemon=self.daemon)
    self._vclock_info = info
    CLOCK.thread_starting(info)
    try:
        _real_thread_start(self)
    except BaseException:
        CLOCK.thread_start_failed(info)
        raise


def _thread_bootstrap_inner(self):
    info = self.__dict__.get("_vclock_info")
    if info is None:
        return _real_thread_bootstrap_inner(self)
    _tls.info = info
    CLOCK.thread_bootstrapped(info)
    try:
        return _real_thread_bootstrap_inner(self)
    finally:
        CLOCK.thread_finished(info)


def _thread_join(self, timeout=None):
    info = self.__dict__.get("_vclock_info")
    if (
        info is None
        or not self._started.is_set()
        or self is threading.current_thread()
        or (timeout is not None and timeout <= 0)
    ):
        return _real_thread_join(self, timeout)
    waiter = CLOCK.new_waiter()
    if CLOCK.add_joiner(info, waiter):
        delay = None
        if timeout is not None and timeout != float("inf"):
            delay = _seconds_to_ps(timeout, ceil=True)
        try:
            CLOCK.go_idle(waiter, delay)
            waiter.gate.acquire()
        finally:
            CLOCK.finish(waiter)
    if info.finished:
        # The thread's Python code is done; wait (for real, briefly) for
        # the thread itself to end.
        _real_thread_join(self)


class _WorkQueue:
    """The work queue of a ThreadPoolExecutor: a ``queue.SimpleQueue`` whose
    blocking ``get`` is a wait the clock can see, so that idle workers do
    not count as running. Like SimpleQueue, ``put`` takes no lock."""

    def __init__(self):
        self._items = deque()
        self._getters = deque()

    def put(self, item, block=True, timeout=None):
        self._items.append(item)
        while self._getters:
            try:
                waiter = self._getters.popleft()
            except IndexError:
                break
            if CLOCK.wake(waiter, "notified"):
                break

    def put_nowait(self, item):
        self.put(item)

    def get(self, block=True, timeout=None):
        while True:
            try:
                return self._items.popleft()
            except IndexError:
                pass
            if not block:
                raise queue.Empty
            waiter = CLOCK.new_waiter()
            self._getters.append(waiter)
            try:
                if not self._items:
                    CLOCK.go_idle(waiter)
                    waiter.gate.acquire()
            finally:
                CLOCK.finish(waiter)

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        return not self._items

    def qsize(self):
        return len(self._items)


def _executor_init(self, *args, **kwargs):
    _real_executor_init(self, *args, **kwargs)
    self._work_queue = _WorkQueue()


# -- datetime --------------------------------------------------------------


class _SameTypeMeta(type):
    """Makes isinstance and issubclass treat a patched datetime class and
    the original C type as one."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, cls._vclock_real)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls._vclock_real)


class _VirtualDate(_RealDate, metaclass=_SameTypeMeta):
    __slots__ = ()
    _vclock_real = _RealDate

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_wall_seconds())


class _VirtualDateTime(_RealDateTime, metaclass=_SameTypeMeta):
    __slots__ = ()
    _vclock_real = _RealDateTime

    @classmethod
    def now(cls, tz=None):
        seconds, micros = CLOCK.wall_seconds_micros()
        return cls.fromtimestamp(seconds, tz).replace(microsecond=micros)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        seconds, micros = CLOCK.wall_seconds_micros()
        utc = cls.fromtimestamp(seconds, datetime.timezone.utc)
        return utc.replace(tzinfo=None, microsecond=micros)


for _cls, _name in ((_VirtualDate, "date"), (_VirtualDateTime, "datetime")):
    _cls.__module__ = "datetime"
    _cls.__qualname__ = _name
    # The C types' repr prints the type's name: keep "datetime.date(...)".
    _cls.__name__ = "datetime." + _name
del _cls, _name


def _reduce_as(cls):
    def reduce(obj):
        return (cls, obj.__reduce__()[1])

    return reduce


# -- asyncio ---------------------------------------------------------------


class _VirtualSelector(selectors.DefaultSelector):
    """A selector that polls instead of sleeping through a timeout, and
    otherwise waits on the virtual clock."""

    _loop_ref = None
    _waiter = None

    def select(self, timeout=None):
        loop = self._loop_ref() if self._loop_ref is not None else None
        if loop is None or (timeout is not None and timeout <= 0):
            return super().select(timeout)
        # Published before the poll, so that a wake-up from another thread
        # from now on counts this thread as running again.
        waiter = CLOCK.new_waiter(loop)
        self._waiter = waiter
        try:
            ready = super().select(0)
            if ready:
                return ready
            delay = timer = None
            if timeout is not None:
                delay = _seconds_to_ps(timeout, ceil=True)
                scheduled = getattr(loop, "_scheduled", None)
                if scheduled and isinstance(scheduled[0]._when, _When):
                    timer = scheduled[0]._when
            CLOCK.go_idle(waiter, delay, timer)
            if waiter.self_woken:
                return []  # the clock jumped to this loop's next timer
            # Wait for real: for a socket, or for another thread to write
            # the self-pipe (a call_soon_threadsafe, or the clock reaching
            # this loop's deadline while another thread waited last).
            return super().select(None)
        finally:
            self._waiter = None
            CLOCK.finish(waiter)


class VirtualEventLoop(_RealSelectorEventLoop):
    """An asyncio selector event loop on the virtual clock."""

    def __init__(self, selector=None):
        if selector is None:
            selector = _VirtualSelector()
            selector._loop_ref = weakref.ref(self)
        super().__init__(selector)

    def time(self):
        return CLOCK.monotonic()

    def call_at(self, when, callback, *args, context=None):
        if when is not None:
            when = CLOCK.timer_deadline(when)
        return super().call_at(when, callback, *args, context=context)

    def _write_to_self(self):
        waiter = getattr(self._selector, "_waiter", None)
        if waiter is not None:
            CLOCK.wake(waiter, "woken", signal=False)
        super()._write_to_self()


class VirtualEventLoopPolicy(_RealDefaultPolicy):
    """The default event loop policy, making virtual-time loops."""

    _loop_factory = VirtualEventLoop


# -- installing ------------------------------------------------------------

_installed = False


def install():
    """Puts this process on the virtual clock, as the module's documentation
    describes. Call it from the main thread before the program starts any
    thread; later calls do nothing."""
    global _installed
    if _installed:
        return
    _installed = True

    main_info = _ThreadInfo(counted=True, daemon=False)
    main_info.bootstrapped = True
    _tls.info = main_info
    with CLOCK._lock:
        CLOCK._running += 1

    time.perf_counter = _perf_counter
    time.perf_counter_ns = _perf_counter_ns
    time.monotonic = _monotonic
    time.monotonic_ns = _monotonic_ns
    time.time = _time
    time.time_ns = _time_ns
    time.localtime = _localtime
    time.gmtime = _gmtime
    time.strftime = _strftime
    time.asctime = _asctime
    time.ctime = _ctime
    time.sleep = _sleep
    # Bound by name when these modules were imported; their timeouts must
    # be measured on the same clock as their waits.
    if getattr(threading, "_time", None) is _real_monotonic:
        threading._time = _monotonic
    if getattr(queue, "time", None) is _real_monotonic:
        queue.time = _monotonic

    threading.Condition.wait = _condition_wait
    threading.Condition.notify = _condition_notify
    threading.Thread.start = _thread_start
    threading.Thread._bootstrap_inner = _thread_bootstrap_inner
    threading.Thread.join = _thread_join
    concurrent.futures.thread.ThreadPoolExecutor.__init__ = _executor_init

    datetime.date = _VirtualDate
    datetime.datetime = _VirtualDateTime
    # Originals (datetime.min, dt.date(), ...) pickle as the patched names.
    copyreg.pickle(_RealDate, _reduce_as(_VirtualDate))
    copyreg.pickle(_RealDateTime, _reduce_as(_VirtualDateTime))

    asyncio.SelectorEventLoop = VirtualEventLoop
    asyncio.DefaultEventLoopPolicy = VirtualEventLoopPolicy
    unix_events = sys.modules.get("asyncio.unix_events")
    if unix_events is not None:
        unix_events.SelectorEventLoop = VirtualEventLoop
        unix_events.DefaultEventLoopPolicy = VirtualEventLoopPolicy
    asyncio.set_event_loop_policy(VirtualEventLoopPolicy())

    random.seed(DEFAULT_SEED)


def _excepthook_without_runner(previous):
    """An excepthook that leaves this runner's and runpy's frames out of
    the traceback, which then starts in the script, as a plain run's does."""

    def hook(exc_type, exc, tb):
        while tb is not None and (
            tb.tb_frame.f_globals is globals() or tb.tb_frame.f_globals.get("__name__") == "runpy"
        ):
            tb = tb.tb_next
        if isinstance(exc, BaseException):
            exc = exc.with_traceback(tb)
        previous(exc_type, exc, tb)

    return hook


#: The instruction a suspended frame stopped at.
_YIELD_VALUE = dis.opmap["YIELD_VALUE"]
_RETURN_VALUE = dis.opmap["RETURN_VALUE"]
_CO_COROUTINE = 0x80


def _schedule_profiler(script, write):
    """A ``sys.setprofile`` function that writes, through ``write``, a
    marker line for each resumption and suspension of a coroutine whose
    code is in the file ``script`` (see "Recording the schedule")."""
    import json

    script = os.path.realpath(script)
    ours = {}  # code object -> whether it is a coroutine of the script
    codes = {}  # code object -> its bytecode, read once
    live = {}  # id(frame) -> the coroutine's number
    numbers = itertools.count(1)
    innermost = [None]  # what the innermost yielding frame was

    def is_ours(code):
        found = ours.get(code)
        if found is None:
            found = bool(code.co_flags & _CO_COROUTINE) and (
                os.path.realpath(code.co_filename) == script
            )
            ours[code] = found
        return found

    def yielded(frame):
        code = frame.f_code
        raw = codes.get(code)
        if raw is None:
            raw = codes[code] = code.co_code
        i = frame.f_lasti
        return 0 <= i < len(raw) and raw[i] == _YIELD_VALUE

    def cancelled(frame):
        """Whether a coroutine that ended did so by raising while its task
        was being cancelled."""
        code = frame.f_code
        raw = codes.get(code) or code.co_code
        i = frame.f_lasti
        if 0 <= i < len(raw) and raw[i] == _RETURN_VALUE:
            return False
        try:
            task = asyncio.current_task()
        except RuntimeError:
            return False
        return task is not None and task.cancelling() > 0

    def mark(event, frame, number, wait=None):
        code = frame.f_code
        t = CLOCK._ideal / PS_PER_S
        record = {"t": t, "co": number, "fn": code.co_name, "line": code.co_firstlineno, "event": event}
        if event == "suspend":
            record["wait"] = wait
            if wait is None and cancelled(frame):
                record["cancelled"] = True
        write("\x1e" + json.dumps(record) + "\n")

    def profile(frame, event, arg):
        if event == "call":
            innermost[0] = None
            if is_ours(frame.f_code):
                key = id(frame)
                number = live.get(key)
                if number is None:
                    number = live[key] = next(numbers)
                mark("resume", frame, number)
        elif event == "return":
            code = frame.f_code
            suspended = yielded(frame)
            if is_ours(code):
                number = live.get(id(frame))
                if number is not None:
                    if suspended:
                        mark("suspend", frame, number, innermost[0] or code.co_qualname)
                    else:
                        del live[id(frame)]
                        mark("suspend", frame, number)
            if suspended and innermost[0] is None:
                innermost[0] = code.co_qualname

    return profile


def main(argv=None):
    """Runs ``argv[1]`` with arguments ``argv[2:]`` on the virtual clock.
    Returns 2 for a usage error; otherwise the script's own exit (or
    exception) passes through."""
    argv = sys.argv if argv is None else argv
    prog = os.path.basename(argv[0]) if argv and argv[0] else "vclock.py"
    usage = f"usage: {prog} SCRIPT [ARG ...]  (runs SCRIPT on a virtual clock)"
    if len(argv) < 2:
        print(usage, file=sys.stderr)
        return 2
    script = argv[1]
    if script in ("-h", "--help"):
        print(usage)
        return 0
    if not os.path.exists(script):
        path = os.path.abspath(script)
        message = f"can't open file {path!r}: [Errno 2] No such file or directory"
        print(f"{prog}: {message}", file=sys.stderr)
        return 2
    sys.argv = [script, *argv[2:]]
    if not sys.flags.safe_path and sys.path:
        # Python puts the script's directory first, where this runner's is.
        sys.path[0] = os.path.dirname(os.path.realpath(script))
    install()
    sys.excepthook = _excepthook_without_runner(sys.excepthook)
    if os.environ.get("SCHEDULE_MARKERS") == "1":
        sys.setprofile(_schedule_profiler(script, lambda line: sys.stdout.write(line)))
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.setprofile(None)
        # Python now waits for the script's other threads; let them run on.
        CLOCK.script_done()
    return 0


if __name__ == "__main__":
    sys.exit(main())

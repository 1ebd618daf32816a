//! The Python twins: run `examples-crates/NAME/NAME.py` on the virtual
//! clock (`tests/vclock.py`) and check that it prints what the Rust does.
//!
//! The Python is `python3` from the `PATH`, or `$TWIN_PYTHON` (CI points it
//! at a virtual environment that has aiohttp, for the network twins).

use std::process::Command;
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;

use crate::{
    diff, normalize, root, run, same_but_for_jitter, schedule, start_command,
    Run,
};

/// The Python that runs the twins: the interpreter itself, asked once,
/// so that a launcher in between (pyenv's shim adds a tenth of a second)
/// is not paid for on every run.
pub fn python() -> String {
    static PYTHON: OnceLock<String> = OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let named = std::env::var("TWIN_PYTHON")
                .unwrap_or_else(|_| "python3".into());
            Command::new(&named)
                .args(["-I", "-c", "import sys; print(sys.executable)"])
                .output()
                .ok()
                .filter(|out| out.status.success())
                .map(|out| {
                    String::from_utf8_lossy(&out.stdout).trim().to_string()
                })
                .filter(|path| !path.is_empty())
                .unwrap_or(named)
        })
        .clone()
}

/// How long a twin may run before it counts as hung and is killed. The
/// heaviest, threads-vs-tasks's, starts thousands of threads and takes
/// 11 s on a quiet 2-core machine; with every test running beside it,
/// several times that.
pub const TWIN_LIMIT: Duration = Duration::from_secs(180);

/// Runs `NAME.py ARGS` on the virtual clock, killed after [`TWIN_LIMIT`].
pub fn twin(name: &str, args: &[&str]) -> Run {
    let script = root()
        .join("examples-crates")
        .join(name)
        .join(format!("{name}.py"));
    let vclock = root().join("tests/vclock.py");
    let mut command = Command::new(python());
    command.arg("-I").arg(vclock).arg(script).args(args);
    let _turn = cpu_turn();
    start_command(&mut command, &format!("{name}.py")).finish(TWIN_LIMIT)
}

/// A turn to run a CPU-bound program (a twin on the virtual clock does in
/// a tenth of a second what takes seconds in real time), held until the
/// value is dropped. At most one per core at once: the tests run side by
/// side, and a burst of twins would otherwise starve the real-time tests
/// of the CPU their bounds assume.
pub fn cpu_turn() -> CpuTurn {
    let mut free = FREE.lock().unwrap_or_else(|e| e.into_inner());
    if free.is_none() {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        *free = Some(cores);
    }
    while *free == Some(0) {
        free = RETURNED.wait(free).unwrap_or_else(|e| e.into_inner());
    }
    *free = free.map(|n| n - 1);
    CpuTurn(())
}

static FREE: Mutex<Option<usize>> = Mutex::new(None);
static RETURNED: Condvar = Condvar::new();

/// A turn from [`cpu_turn`]; dropping it gives the turn back.
#[derive(Debug)]
pub struct CpuTurn(());

impl Drop for CpuTurn {
    fn drop(&mut self) {
        let mut free = FREE.lock().unwrap_or_else(|e| e.into_inner());
        *free = free.map(|n| n + 1);
        RETURNED.notify_one();
    }
}

/// Runs `NAME.py ARGS` with plain Python, in real time (the network twins,
/// which talk to a real server), killed after a minute.
pub fn twin_real_time(name: &str, args: &[&str]) -> Run {
    let script = root()
        .join("examples-crates")
        .join(name)
        .join(format!("{name}.py"));
    let mut command = Command::new(python());
    command.arg("-I").arg(script).args(args);
    start_command(&mut command, &format!("{name}.py"))
        .finish(Duration::from_secs(60))
}

/// Whether the twins' Python has aiohttp, which the network twins need.
/// Without it those comparisons are skipped with a note, so a reader
/// with a bare `python3` can still run the suite; with `REQUIRE_TWINS=1`
/// (as CI sets) a missing aiohttp fails instead.
pub fn has_aiohttp() -> bool {
    static HAS: OnceLock<bool> = OnceLock::new();
    *HAS.get_or_init(|| {
        let found = Command::new(python())
            .args(["-I", "-c", "import aiohttp"])
            .output()
            .is_ok_and(|out| out.status.success());
        if !found {
            let required =
                std::env::var_os("REQUIRE_TWINS").is_some_and(|v| v == "1");
            assert!(
                !required,
                "REQUIRE_TWINS=1, but {} has no aiohttp",
                python()
            );
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "note: {} has no aiohttp; the network twins are skipped",
                python()
            );
        }
        found
    })
}

/// Both sides' standard output, as printed.
#[derive(Debug)]
pub struct Pair {
    /// The Rust binary's.
    pub rust: String,
    /// The Python twin's.
    pub python: String,
}

/// Runs the Rust binary with `args` and `--virtual-time`, and the twin
/// with `args` on the virtual clock, and checks that both succeed and
/// print the same lines after [`normalize`]; fails with a line diff.
pub fn same_output(name: &str, args: &[&str]) -> Pair {
    let mut rust_args = args.to_vec();
    rust_args.push("--virtual-time");
    compare(name, args, &rust_args, normalize)
}

/// [`same_output`] for a Rust binary with no virtual clock: it runs in
/// real time, so durations and pictures may differ as real clocks make
/// them ([`same_but_for_jitter`]).
pub fn same_output_real_time(name: &str, args: &[&str]) -> Pair {
    compare_schedules(name, args, args, normalize, true)
}

/// Runs the Rust binary with `rust_args` and the twin with `args` on the
/// virtual clock, and checks that both succeed and that `mask` makes
/// their outputs equal (or equal but for a real clock's jitter).
///
/// Where the example has schedules ([`schedule::has_schedule`]), both run
/// with their markers on, and the two schedules must be the same or
/// differ only as the example's `schedule.md` lists.
pub fn compare(
    name: &str,
    args: &[&str],
    rust_args: &[&str],
    mask: impl Fn(&str) -> String,
) -> Pair {
    // chess plays on the virtual clock unless told otherwise.
    let real_time = if name == "chess" {
        rust_args.contains(&"--real-time")
    } else {
        !rust_args.contains(&"--virtual-time")
    };
    compare_schedules(name, args, rust_args, mask, real_time)
}

fn compare_schedules(
    name: &str,
    args: &[&str],
    rust_args: &[&str],
    mask: impl Fn(&str) -> String,
    real_time: bool,
) -> Pair {
    let markers = schedule::has_schedule(name);
    let (rust, py) = if markers {
        let rust = schedule::run_rust(name, rust_args).success().stdout;
        (rust, schedule::run_python(name, args))
    } else {
        (run(name, rust_args).success().stdout, twin(name, args))
    };
    assert_eq!(
        py.code,
        Some(0),
        "{name}.py {args:?} failed:\n{}",
        py.stderr
    );
    let (rust, python) = if markers {
        let rec = schedule::recording(name, &py.stdout, &rust);
        schedule::assert_listed(
            name,
            args,
            &rec,
            schedule::tolerance(real_time),
        );
        (
            pages::schedule::split(&rust).0,
            pages::schedule::split(&py.stdout).0,
        )
    } else {
        (rust, py.stdout)
    };
    assert_same(name, args, &rust, &python, &mask);
    Pair { rust, python }
}

/// Fails with a line diff unless `mask(rust) == mask(python)` (or they
/// differ only by a real clock's jitter).
pub fn assert_same(
    name: &str,
    args: &[&str],
    rust: &str,
    python: &str,
    mask: &impl Fn(&str) -> String,
) {
    let (r, p) = (mask(rust), mask(python));
    if r != p && !same_but_for_jitter(&r, &p) {
        panic!(
            "{name} {args:?}: the Rust (+) and its Python twin (-) differ:\n{}",
            diff::lines(&p, &r)
        );
    }
}

/// How many random configurations a sweep runs: `quick` in a plain
/// `cargo test`, `full` when `SWEEP=full` (as `.ci/run` sets).
pub fn sweep_size(quick: usize, full: usize) -> usize {
    if std::env::var_os("SWEEP").is_some_and(|v| v == "full") {
        full
    } else {
        quick
    }
}

/// Says how many configurations a sweep ran. It writes to stderr itself,
/// not through `eprintln!`, which the test harness would capture and show
/// only on failure, so the count shows in every `cargo test` run.
pub fn report_sweep(name: &str, ran: usize) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "sweep {name}: {ran} configurations, 0 differed"
    );
}

/// A small deterministic generator for sweep configurations (SplitMix64),
/// so that a failing configuration can be rerun from the seed printed.
#[derive(Debug)]
pub struct Configs(u64);

impl Configs {
    /// Starts from `seed`.
    pub fn new(seed: u64) -> Self {
        Configs(seed)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        lo + z % (hi - lo + 1)
    }
}

//! Helpers for the integration tests: run an example's real binary, and
//! check it against the transcripts its own header shows.
//!
//! The examples are separate packages, so cargo does not hand their binary
//! paths to this crate. [`bin`] builds an example's binary once per test
//! run, with the same cargo and profile that are running the tests, and
//! finds it beside the test executable.

pub mod diff;
pub mod schedule;
pub mod twin;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

/// The path of an example's binary. The first call builds every binary
/// in the workspace at once (one quick `cargo build` when nothing changed),
/// with the same cargo and profile that are running the tests. If the
/// workspace does not build, each example is built on its own instead,
/// so that one broken example fails only its own tests.
pub fn bin(name: &str) -> PathBuf {
    static WORKSPACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    static ALONE: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let dir = profile_dir();
    let built =
        *WORKSPACE.get_or_init(|| cargo_build(&["--workspace", "--bins"]));
    if !built {
        let mut alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
        if !alone.iter().any(|b| b == name) {
            assert!(
                cargo_build(&["-p", name, "--bin", name]),
                "building {name} failed"
            );
            alone.push(name.to_string());
        }
    }
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "no binary {}", path.display());
    path
}

/// `target/<profile>`, where cargo puts the binaries.
fn profile_dir() -> PathBuf {
    // target/<profile>/deps/<test> -> target/<profile>
    let exe = std::env::current_exe().expect("test executable path");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps")
        .to_path_buf()
}

/// Runs `cargo build --quiet ARGS` in the workspace, in the profile the
/// tests were built in; whether it succeeded.
fn cargo_build(args: &[&str]) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = Command::new(cargo);
    build
        .current_dir(root())
        .args(["build", "--quiet"])
        .args(args);
    // Cargo hands the test its own package's variables. Passed on, they
    // would change what build scripts see (ring's reads
    // CARGO_MANIFEST_DIR), so the nested build would rebuild them, and
    // the next plain build rebuild them back.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        let prefixes = [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_CRATE_",
            "CARGO_BIN_",
        ];
        let names = ["CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR", "OUT_DIR"];
        if prefixes.iter().any(|p| key.starts_with(p)) || names.contains(&&*key)
        {
            build.env_remove(&*key);
        }
    }
    if profile_dir().file_name().is_some_and(|p| p == "release") {
        build.arg("--release");
    }
    build.status().is_ok_and(|s| s.success())
}

/// The folder every program a test starts gets as its `TMPDIR`, so that
/// nothing a run writes by default lands in the system's temp folder.
pub fn test_tmp() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let target = exe
        .ancestors()
        .nth(3)
        .expect("target/<profile>/deps/<test>")
        .to_path_buf();
    let dir = target.join("test-tmp");
    std::fs::create_dir_all(&dir).expect("test setup");
    dir
}

/// What a finished run printed, how it ended and how long it took.
#[derive(Debug, Clone)]
pub struct Run {
    /// Standard output, as text.
    pub stdout: String,
    /// Standard error, as text.
    pub stderr: String,
    /// The exit status code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// The signal that ended it, if one did (`SIGINT` is 2, `SIGPIPE`
    /// 13, `SIGTERM` 15).
    pub signal: Option<i32>,
    /// Wall time from spawn to exit.
    pub wall: Duration,
}

impl Run {
    /// Asserts a clean exit (status 0), showing stderr if not.
    pub fn success(self) -> Self {
        assert_eq!(self.code, Some(0), "stderr:\n{}", self.stderr);
        self
    }

    /// Asserts a usage error: status 2, and clap's message on stderr
    /// (`error: ...`, then how to get help), no panic.
    pub fn usage_error(self) -> Self {
        assert_eq!(self.code, Some(2), "stdout:\n{}", self.stdout);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(self.stderr.starts_with("error: "), "{}", self.stderr);
        self
    }

    /// Asserts a failure at run time: status 1, and a message on stderr
    /// that is no panic.
    pub fn failure(self) -> Self {
        assert_eq!(self.code, Some(1), "stdout:\n{}", self.stdout);
        assert!(!self.stderr.trim().is_empty(), "no message on stderr");
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }
}

/// An example started in the background, its output collected as it
/// comes, so that a test can act on what it has printed so far.
#[derive(Debug)]
pub struct Running {
    child: Child,
    label: String,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
    start: Instant,
}

/// Starts an example with `args` in the background.
pub fn start(name: &str, args: &[&str]) -> Running {
    // Built first, so that no build is timed; the clock starts before the
    // spawn, so that a program that began to run before `spawn` returned
    // (a busy machine may schedule it first) is not timed short.
    start_command(Command::new(bin(name)).args(args), name)
}

/// Starts `command` in the background, as [`start`] does an example.
pub fn start_command(command: &mut Command, label: &str) -> Running {
    let start = Instant::now();
    let mut child = command
        .env("TMPDIR", test_tmp())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example starts");
    let stdout = Arc::new(Mutex::new(String::new()));
    let stderr = Arc::new(Mutex::new(String::new()));
    let out = child.stdout.take().expect("piped stdout");
    let err = child.stderr.take().expect("piped stderr");
    let readers =
        vec![collect(out, stdout.clone()), collect(err, stderr.clone())];
    Running {
        child,
        label: format!("{label} {:?}", command.get_args().collect::<Vec<_>>()),
        stdout,
        stderr,
        readers,
        start,
    }
}

/// Appends what `from` gives to `into` as it arrives, until it closes.
fn collect(
    mut from: impl Read + Send + 'static,
    into: Arc<Mutex<String>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            let text = String::from_utf8_lossy(&buf[..n]);
            lock(&into).push_str(&text);
        }
    })
}

fn lock(text: &Mutex<String>) -> std::sync::MutexGuard<'_, String> {
    text.lock().unwrap_or_else(|e| e.into_inner())
}

impl Running {
    /// Waits until `ready(stdout, stderr)` holds for what has been printed
    /// so far; fails the test (killing the example) after `limit`, or if
    /// the example ends first.
    pub fn wait_for(
        &mut self,
        limit: Duration,
        ready: impl Fn(&str, &str) -> bool,
    ) {
        let waited = Instant::now();
        loop {
            if ready(&lock(&self.stdout), &lock(&self.stderr)) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "{} ended ({status}) before it was ready:\n{}\n{}",
                    self.label,
                    lock(&self.stdout),
                    lock(&self.stderr)
                );
            }
            if waited.elapsed() > limit {
                let _ = self.child.kill();
                panic!("{} not ready after {limit:?}", self.label);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Whether the example has installed a handler for SIGINT (Linux's
    /// `/proc/PID/status`, `SigCgt`): from then on Ctrl-C is its to
    /// handle, however far it has got.
    pub fn catches_sigint(&self) -> bool {
        let status = std::fs::read_to_string(format!(
            "/proc/{}/status",
            self.child.id()
        ))
        .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("SigCgt:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            // SIGINT is signal 2, bit 1 of the mask.
            .is_some_and(|mask| mask & (1 << 1) != 0)
    }

    /// Waits until [`Running::catches_sigint`]; fails the test after
    /// `limit`, or if the example ends first.
    pub fn wait_until_catching_sigint(&mut self, limit: Duration) {
        let waited = Instant::now();
        while !self.catches_sigint() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("{} ended ({status}) early", self.label);
            }
            if waited.elapsed() > limit {
                let _ = self.child.kill();
                panic!("{} no SIGINT handler after {limit:?}", self.label);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Sends SIGINT, as Ctrl-C in a terminal does, and waits for the
    /// example to end. Returns the run and how long it took to end after
    /// the signal (killed, and the test failed, after ten seconds).
    pub fn interrupt(self) -> (Run, Duration) {
        self.signal("INT")
    }

    /// Sends the signal `name` (`"INT"`, `"TERM"`) and waits for the
    /// example to end, as [`Running::interrupt`] does.
    pub fn signal(self, name: &str) -> (Run, Duration) {
        let pid = self.child.id().to_string();
        // From before the signal is sent: `kill` may return after the
        // example has begun to stop.
        let signalled = Instant::now();
        let sent = Command::new("kill")
            .args([format!("-{name}"), pid.clone()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -{name} {pid} failed");
        let run = self.finish(Duration::from_secs(10));
        (run, signalled.elapsed())
    }

    /// Waits for the example to end by itself; kills it and fails the
    /// test if it runs for longer than `limit` from its start.
    pub fn finish(mut self, limit: Duration) -> Run {
        let status = loop {
            if let Some(status) =
                self.child.try_wait().expect("wait for the example")
            {
                break status;
            }
            if self.start.elapsed() > limit {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("{} still running after {limit:?}", self.label);
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let wall = self.start.elapsed();
        for reader in self.readers.drain(..) {
            reader.join().expect("output reader");
        }
        let stdout = std::mem::take(&mut *lock(&self.stdout));
        let stderr = std::mem::take(&mut *lock(&self.stderr));
        #[cfg(unix)]
        let signal = std::os::unix::process::ExitStatusExt::signal(&status);
        #[cfg(not(unix))]
        let signal = None;
        Run {
            stdout,
            stderr,
            code: status.code(),
            signal,
            wall,
        }
    }
}

/// Runs an example with `args`; a run that outlasts `limit` is killed and
/// fails the test, so a hang can never stall the suite.
pub fn run_with_limit(name: &str, args: &[&str], limit: Duration) -> Run {
    start(name, args).finish(limit)
}

/// Runs an example with `args`, killed after a minute.
pub fn run(name: &str, args: &[&str]) -> Run {
    run_with_limit(name, args, Duration::from_secs(60))
}

/// One `$ cargo run -p NAME -- ARGS` block from an example's header:
/// the reading pages' type, so that the pages and the tests read headers
/// by one rule.
pub use pages::Transcript;

/// The transcripts in an example's `//!` header: every fenced `text` block
/// that starts with `$ cargo run -p NAME` (see
/// [`pages::header_transcripts`]).
pub fn header_transcripts(name: &str) -> Vec<Transcript> {
    let path = root()
        .join("examples-crates")
        .join(name)
        .join("src/main.rs");
    let source = std::fs::read_to_string(&path).expect("example source");
    pages::header_transcripts(&source, name)
}

/// Runs every transcript in an example's header and checks that the
/// program prints exactly that (after [`normalize`]). Returns how many
/// were checked, and fails if there were none.
///
/// A transcript run under `--virtual-time` (or by a program whose clock is
/// virtual by default) must match exactly. One that ran in real time may
/// differ where a real clock does: a duration by a little, a timeline's
/// bar edges by a few columns ([`same_but_for_jitter`]).
///
/// On a mismatch the test prints a line diff. With `UPDATE_TRANSCRIPTS=1`
/// it instead writes what the program printed into the header, for the
/// author to review with `git diff`.
pub fn check_header_transcripts(name: &str) -> usize {
    let transcripts = header_transcripts(name);
    assert!(
        !transcripts.is_empty(),
        "{name}'s header shows no transcript"
    );
    let update =
        std::env::var_os("UPDATE_TRANSCRIPTS").is_some_and(|v| v == "1");
    for t in &transcripts {
        let args: Vec<&str> = t.args.iter().map(String::as_str).collect();
        let run = run(name, &args).success();
        let (got, want) = (normalize(&run.stdout), normalize(&t.expected));
        if got == want || same_but_for_jitter(&got, &want) {
            continue;
        }
        if update {
            rewrite_transcript(name, t, &run.stdout);
            continue;
        }
        panic!(
            "`{name} {}` does not print what its header shows \
             (UPDATE_TRANSCRIPTS=1 rewrites the header):\n{}",
            t.args.join(" "),
            diff::lines(&want, &got)
        );
    }
    transcripts.len()
}

/// Replaces the lines of transcript `t` in `name`'s header with `stdout`.
fn rewrite_transcript(name: &str, t: &Transcript, stdout: &str) {
    let path = root()
        .join("examples-crates")
        .join(name)
        .join("src/main.rs");
    let source = std::fs::read_to_string(&path).expect("example source");
    let quote = |text: &str| -> String {
        text.lines()
            .map(|l| {
                if l.is_empty() {
                    "//!\n".to_string()
                } else {
                    format!("//! {l}\n")
                }
            })
            .collect()
    };
    let old = quote(&t.expected);
    let new = quote(stdout);
    assert!(
        source.contains(&old),
        "transcript not found in {}",
        path.display()
    );
    std::fs::write(&path, source.replacen(&old, &new, 1))
        .expect("header rewritten");
    eprintln!("rewrote a transcript in {}", path.display());
}

/// Whether two outputs of a real-time run differ only as real clocks make
/// them on a loaded machine: line for line, the same words but for
/// numbers within a tenth of each other (or of 1), and picture rows with
/// the same marks in the same order, each stretch within four columns of
/// the other's length. The real-time tests bound the times exactly; this
/// only asks that the run looks like the one shown.
pub fn same_but_for_jitter(got: &str, want: &str) -> bool {
    let (got, want): (Vec<&str>, Vec<&str>) =
        (got.lines().collect(), want.lines().collect());
    got.len() == want.len()
        && got
            .iter()
            .zip(&want)
            .all(|(g, w)| g == w || numbers_close(g, w) || bars_close(g, w))
}

fn numbers_close(got: &str, want: &str) -> bool {
    let (g, w): (Vec<&str>, Vec<&str>) =
        (got.split(' ').collect(), want.split(' ').collect());
    g.len() == w.len()
        && g.iter().zip(&w).all(|(a, b)| {
            a == b
                || match (a.parse::<f64>(), b.parse::<f64>()) {
                    (Ok(x), Ok(y)) => (x - y).abs() <= 0.1 * y.abs().max(1.0),
                    _ => false,
                }
        })
}

fn bars_close(got: &str, want: &str) -> bool {
    let runs = |line: &str| -> Vec<(char, usize)> {
        let mut out: Vec<(char, usize)> = Vec::new();
        for c in line.chars() {
            match out.last_mut() {
                Some((last, n)) if *last == c => *n += 1,
                _ => out.push((c, 1)),
            }
        }
        out
    };
    let (g, w) = (runs(got), runs(want));
    g.len() == w.len()
        && g.iter()
            .zip(&w)
            .all(|((a, n), (b, m))| a == b && n.abs_diff(*m) <= 4)
}

/// Masks what no seed or paused clock can reproduce, and nothing else:
/// - wall-clock timestamps (`10:53:24` or `10:53:24.500115`) become their
///   offset from the first timestamp in the text (`T+1` or `T+1.000000`),
///   so the time between lines is still checked exactly;
/// - items of 10 hex digits in angle brackets (`<377b1e8f82>`, bytes from
///   the operating system) become `<hex>`;
/// - the port after `127.0.0.1:` (the free port a local test or demo
///   server got) becomes `PORT`, as in `http://127.0.0.1:PORT/`.
pub fn normalize(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut first: Option<i64> = None;
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if boundary {
            if let Some((micros, len, precise)) = timestamp(&bytes[i..]) {
                let base = *first.get_or_insert(micros);
                let offset = (micros - base).rem_euclid(86_400_000_000);
                if precise {
                    out.push_str(&format!(
                        "T+{}.{:06}",
                        offset / 1_000_000,
                        offset % 1_000_000
                    ));
                } else {
                    out.push_str(&format!("T+{}", offset / 1_000_000));
                }
                i += len;
                continue;
            }
            if bytes[i] == b'<'
                && bytes.len() >= i + 12
                && bytes[i + 1..i + 11].iter().all(u8::is_ascii_hexdigit)
                && bytes[i + 11] == b'>'
            {
                out.push_str("<hex>");
                i += 12;
                continue;
            }
            let host = b"127.0.0.1:";
            let port = bytes[i..].get(host.len()..).map_or(0, |b| {
                b.iter().take_while(|c| c.is_ascii_digit()).count()
            });
            if bytes[i..].starts_with(host) && port > 0 {
                out.push_str("127.0.0.1:PORT");
                i += host.len() + port;
                continue;
            }
        }
        let ch = text[i..].chars().next().expect("char boundary");
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Parses `HH:MM:SS` or `HH:MM:SS.ffffff` at the start of `b`: the time in
/// microseconds since midnight, its length, and whether it had micros.
fn timestamp(b: &[u8]) -> Option<(i64, usize, bool)> {
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let num = |s: &[u8]| -> i64 {
        s.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0'))
    };
    if b.len() < 8
        || !digits(&b[0..2])
        || b[2] != b':'
        || !digits(&b[3..5])
        || b[5] != b':'
        || !digits(&b[6..8])
    {
        return None;
    }
    let secs = num(&b[0..2]) * 3600 + num(&b[3..5]) * 60 + num(&b[6..8]);
    let precise = b.len() >= 15 && b[8] == b'.' && digits(&b[9..15]);
    let (len, micros) = if precise {
        (15, secs * 1_000_000 + num(&b[9..15]))
    } else {
        (8, secs * 1_000_000)
    };
    if b.get(len).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((micros, len, precise))
}

/// The number of seconds in a line such as `... executed in 1.00 seconds.`
/// or `... completed in 9.00000 seconds.`: the number before `seconds`.
pub fn reported_seconds(output: &str) -> f64 {
    let words: Vec<&str> = output.split_whitespace().collect();
    let at = words
        .iter()
        .rposition(|w| w.starts_with("seconds"))
        .expect("a line ending in `seconds`");
    words[at - 1].parse().expect("a number of seconds")
}

/// Each line of `stdout` that starts with a timestamp, as (seconds since
/// the first timestamp, the rest of the line), read through [`normalize`].
pub fn offsets(stdout: &str) -> Vec<(f64, String)> {
    normalize(stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("T+")?.split_once(' '))
        .map(|(t, text)| (t.parse().expect("an offset"), text.to_string()))
        .collect()
}

/// A port on 127.0.0.1 that refuses connections for as long as this
/// lives: a socket is bound to it but never listens. A port bound and
/// released at once could be handed to another test's server meanwhile,
/// which would then answer where a refusal was expected.
#[derive(Debug)]
pub struct RefusedPort(tokio::net::TcpSocket);

impl RefusedPort {
    pub fn new() -> Self {
        let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
        let any = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        socket.bind(any).expect("a free port");
        Self(socket)
    }

    /// `http://127.0.0.1:PORT/` with `path` after the slash.
    pub fn url(&self, path: &str) -> String {
        let port = self.0.local_addr().expect("its address").port();
        format!("http://127.0.0.1:{port}/{path}")
    }
}

impl Default for RefusedPort {
    fn default() -> Self {
        Self::new()
    }
}

/// A fresh, empty folder for one test:
/// `target/test-tmp/<prefix>-<pid>-<test>`.
pub fn scratch(prefix: &str, test: &str) -> PathBuf {
    let dir =
        test_tmp().join(format!("{prefix}-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("test setup");
    dir
}

/// The names in `dir`, sorted, hidden (partial) files included.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("test setup")
        .map(|e| {
            let name = e.expect("test setup").file_name();
            name.to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Checks the `--timeline` picture of `name` (gather, as-completed): two
/// tasks, `t` of 3 s and `t2` of 10 s, start together, `t`'s row ends 3 s
/// along the 10 s axis and `t2`'s at its end. So they overlapped: the
/// whole took 10 s, not 3 + 10.
pub fn check_t_and_t2_overlap(name: &str) {
    let run = run(name, &["--virtual-time", "--timeline"]).success();
    // The rows: a label `t` or `t2`, then bars (not `t done: True`).
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| matches!(l.split(' ').next(), Some("t" | "t2")))
        .filter(|l| l.contains('#'))
        .collect();
    // gather runs one task on its own first, 3 s, then the two.
    let first_run = name == "gather";
    assert_eq!(rows.len(), if first_run { 3 } else { 2 }, "{}", run.stdout);
    let (t, t2) = (rows[rows.len() - 2], rows[rows.len() - 1]);
    assert!(t2.starts_with("t2 "), "{}", run.stdout);
    let start = |row: &str| row.find('#').expect("a start on the row");
    let end = |row: &str| row.rfind('#').expect("an end on the row");
    assert_eq!(start(t), start(t2), "{}", run.stdout);
    let (short, long) = (end(t) - start(t), end(t2) - start(t2));
    assert!((long * 3).abs_diff(short * 10) <= 10, "{}", run.stdout);
    if first_run {
        // The second run starts where the first ended, 3 s in, and the
        // whole takes 13 s.
        assert!(end(rows[0]).abs_diff(start(t)) <= 1, "{}", run.stdout);
        assert!(
            short.abs_diff(end(rows[0]) - start(rows[0])) <= 1,
            "{}",
            run.stdout
        );
    } else {
        assert!(run.stdout.contains(" 10s\n"), "{}", run.stdout);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_become_offsets() {
        let text = "10:53:24.500115 a\n10:53:25.504662 b\n";
        assert_eq!(normalize(text), "T+0.000000 a\nT+1.004547 b\n");
        let text = "Start: 23:59:59\nEnd: 00:00:09\n";
        assert_eq!(normalize(text), "Start: T+0\nEnd: T+10\n");
    }

    #[test]
    fn only_whole_timestamps_and_hex_items_are_masked() {
        let text = "took 11.00 seconds <377b1e8f82> <377b1e8f8> 1:00:00\n";
        assert_eq!(
            normalize(text),
            "took 11.00 seconds <hex> <377b1e8f8> 1:00:00\n"
        );
        assert_eq!(normalize("112:00:00"), "112:00:00");
    }

    #[test]
    fn local_ports_are_masked() {
        let text = "Fetched http://127.0.0.1:36461/example... 7 bytes\n";
        assert_eq!(
            normalize(text),
            "Fetched http://127.0.0.1:PORT/example... 7 bytes\n"
        );
        // Only a port after the loopback address, and only digits.
        assert_eq!(
            normalize("10.0.0.1:80 127.0.0.1:x"),
            "10.0.0.1:80 127.0.0.1:x"
        );
    }

    #[test]
    fn seconds_are_found() {
        assert_eq!(reported_seconds("x executed in 1.01 seconds.\n"), 1.01);
        assert_eq!(reported_seconds("completed in 9.00000 seconds."), 9.0);
    }
}

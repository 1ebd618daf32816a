//! Where a sleeping task's memory goes, for the bench's bytes per task.
//!
//! `tasks-bench tasks 1000000` peaks at about 450 bytes a task. This
//! program takes that apart. It spawns N tasks of one kind on the same
//! one-thread runtime, lets each be polled once (a `sleep` registers its
//! timer then), and reports, per task:
//!
//! - what the future itself takes (`size_of_val`),
//! - every allocation made, by size and alignment, counted by a global
//!   allocator that wraps the system's (glibc's malloc) and records only
//!   while the tasks are spawned and first polled,
//! - how much the resident memory grew (`VmRSS` in `/proc/self/status`),
//!   of which whatever was not asked for is what the allocator adds.
//!
//! ```text
//! $ cargo run --release -p task-memory -- 100000
//! ```
//!
//! Linux only (it reads `/proc`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Mutex;
use std::time::Duration;

use clap::{value_parser, Parser};

/// Spawns N tasks of each kind and reports their memory.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// Tasks of each kind.
    #[arg(default_value_t = 100_000,
          value_parser = value_parser!(u32).range(1_000..=2_000_000))]
    n: u32,
}

/// The system allocator, counting allocations by size and alignment while
/// `RECORDING` is set. The table is fixed (no allocation inside the
/// allocator); sizes beyond it are counted in the last row.
struct Counting;

static RECORDING: AtomicBool = AtomicBool::new(false);
const ROWS: usize = 16;
/// (size, alignment, count), the first `ROWS - 1` distinct layouts seen.
static SEEN: Mutex<[(usize, usize, usize); ROWS]> =
    Mutex::new([(0, 0, 0); ROWS]);

fn record(layout: Layout) {
    let Ok(mut seen) = SEEN.lock() else { return };
    let key = (layout.size(), layout.align());
    let at = seen
        .iter()
        .position(|&(s, a, n)| (s, a) == key || n == 0)
        .unwrap_or(ROWS - 1);
    seen[at].0 = key.0;
    seen[at].1 = key.1;
    seen[at].2 += 1;
}

// The workspace's only unsafe code: a global allocator can only be
// declared through this unsafe trait.
// SAFETY: every call is passed on to the system allocator unchanged;
// recording only counts, and never allocates.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if RECORDING.load(Relaxed) {
            record(layout);
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The resident memory of this process, in bytes.
fn rss() -> usize {
    let status =
        std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .map_or(0, |kb: usize| kb * 1024)
}

/// Spawns `n` tasks made by `make`, polls each once, and prints where
/// their memory went.
async fn measure<F>(what: &str, n: usize, make: impl Fn() -> F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let future_size = std::mem::size_of_val(&make());
    *SEEN.lock().expect("table") = [(0, 0, 0); ROWS];
    let before = rss();
    RECORDING.store(true, Relaxed);
    for _ in 0..n {
        // Detached: a handle kept per task would add its own 8 B.
        drop(tokio::spawn(make()));
    }
    // Every task runs once while this one sleeps: a `sleep` registers its
    // timer with the runtime at its first poll.
    tokio::time::sleep(Duration::from_millis(50)).await;
    RECORDING.store(false, Relaxed);
    let grew = rss().saturating_sub(before);
    let seen = *SEEN.lock().expect("table");
    println!("{n} tasks of {what} (the future: {future_size} B)");
    let mut asked = 0;
    let (mut rare, mut rare_bytes) = (0, 0);
    for (size, align, count) in seen.into_iter().filter(|r| r.2 > 0) {
        asked += size * count;
        // A buffer that doubles as it grows is allocated a few times in
        // all, not once a task: summed on one line.
        if count * 2 < n {
            rare += count;
            rare_bytes += size * count;
            continue;
        }
        let per = count as f64 / n as f64;
        println!(
            "  {per:.2} allocations per task of {size} B, aligned to {align} B"
        );
    }
    if rare > 0 {
        let per = rare_bytes as f64 / n as f64;
        println!(
            "  {per:.1} B per task in {rare} larger allocations, buffers \
             that grow by doubling"
        );
    }
    let asked = asked as f64 / n as f64;
    let grew = grew as f64 / n as f64;
    println!(
        "  asked for {asked:.0} B per task; resident memory grew \
         {grew:.0} B per task; the allocator's share {:.0} B",
        grew - asked
    );
}

fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let n = cli.n as usize;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        measure("std::future::pending()", n, std::future::pending).await;
        measure("tokio::time::sleep(1 s)", n, || {
            tokio::time::sleep(Duration::from_secs(1))
        })
        .await;
    });
    Ok(())
}

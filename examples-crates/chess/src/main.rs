//! Judit Polgár's chess exhibition, played synchronously and asynchronously.
//!
//! Judit plays 24 opponents, moving in 5 s to their 55 s, 30 move pairs a
//! game. One game at a time takes 12 hours. Walking from board to board,
//! it takes one: the replies overlap; her own moves (24 x 30 x 5 s, the
//! hour) cannot, for she is one person. Then the last reply takes 55 s.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "Basic
//! concepts" (an example it takes from Miguel Grinberg, told in words).
//!
//! The clock is virtual: 13 hours pass in a blink. `--real-time --scale
//! F` plays it out, each move lasting `F` of its length (default 0.001:
//! about 47 s). `--timeline` draws the staircase of games, then the boards
//! waiting for Judit (`.`) between her moves and their own (`-`).
//!
//! ```text
//! $ cargo run -p chess
//! Synchronous exhibition, one game at a time: 12:00:00 (1440 moves).
//! Asynchronous exhibition, one move per board: 1:00:55 (1440 moves).
//! Judit's own moves, which cannot overlap: 1:00:00.
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `judit = asyncio.Lock()` | `Arc::new(Mutex::new(()))` (fair) |
//! | `async with judit:` | `{ let _judit_here = judit.lock().await; .. }` |
//! | `sum(await asyncio.gather(*boards))` | `JoinSet`, `join_all`, `sum` |
//! | `asyncio.run(main(args))`, virtual clock | `Builder::start_paused` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |

use std::error::Error;
use std::sync::Arc;
use std::time::Duration;

use clap::{error::ErrorKind, CommandFactory, Parser};
use common::Timeline; // port-only
use tokio::runtime::Builder;
use tokio::sync::Mutex;
use tokio::task::JoinSet;
use tokio::time::{sleep, Instant};
use tracing::{debug_span, info_span, Instrument};

/// Judit Polgár's exhibition, played both ways on a virtual clock.
#[derive(Parser, Debug, Clone, Copy)]
#[command(version, allow_negative_numbers = true)]
struct Cli {
    #[arg(long, default_value_t = 24, value_parser = 1..=1000)]
    opponents: i64,
    #[arg(long, default_value_t = 5, value_parser = 0..=86_400)]
    judit_secs: i64,
    #[arg(long, default_value_t = 55, value_parser = 0..=86_400)]
    opponent_secs: i64,
    #[arg(long, default_value_t = 30, value_parser = 1..=100)]
    pairs: i64,
    /// Play it out on the real clock, every move scaled by --scale.
    #[arg(long)]
    real_time: bool,
    /// With --real-time: how long a simulated second lasts (default 0.001).
    #[arg(long, requires = "real_time")]
    scale: Option<f64>,
    #[command(flatten)] // port-only
    timeline: Timeline, // port-only
}

// step: scaled
fn scaled(args: Cli, secs: i64) -> Duration {
    Duration::from_secs_f64(secs as f64 * args.scale.unwrap_or(1.0))
}

// step: game
async fn game(judit: Arc<Mutex<()>>, args: Cli) -> i64 {
    let mut moves = 0;
    for _ in 0..args.pairs {
        {
            let waiting = debug_span!("waiting for Judit");
            let _judit_here = judit.lock().instrument(waiting).await;
            sleep(scaled(args, args.judit_secs)).await;
        } // She walks on.
        sleep(scaled(args, args.opponent_secs)).await;
        moves += 2;
    }
    moves
}

// step: hms
fn hms(d: Duration, args: Cli) -> String {
    let s = (d.as_secs_f64() / args.scale.unwrap_or(1.0)).round() as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

// step: main
async fn async_main(args: Cli) {
    let s = Instant::now();
    let judit = Arc::new(Mutex::new(()));
    let mut moves = 0;
    let exhibition = async {
        for board in 1..=args.opponents {
            let game = game(judit.clone(), args);
            moves += game.instrument(info_span!("game", n = board)).await;
        }
    };
    let span = info_span!("Synchronous exhibition");
    exhibition.instrument(span).await;
    let how = "Synchronous exhibition, one game at a time";
    println!("{how}: {} ({moves} moves).", hms(s.elapsed(), args));
    let s = Instant::now();
    let judit = Arc::new(Mutex::new(()));
    let exhibition = async {
        let mut boards = JoinSet::new();
        for board in 1..=args.opponents {
            let game = game(judit.clone(), args);
            boards.spawn(game.instrument(info_span!("board", n = board)));
        }
        boards.join_all().await.into_iter().sum()
    };
    let span = info_span!("Asynchronous exhibition");
    let moves: i64 = exhibition.instrument(span).await;
    let how = "Asynchronous exhibition, one move per board";
    println!("{how}: {} ({moves} moves).", hms(s.elapsed(), args));
    let hers = hms(scaled(args, args.judit_secs * moves / 2), args);
    println!("Judit's own moves, which cannot overlap: {hers}.");
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let mut args = Cli::parse();
    args.scale = args.scale.or(args.real_time.then_some(0.001));
    // Under 0.0001 a 5 s move lasts under half of tokio's timer's 1 ms.
    if !(0.0001..=1.0).contains(&args.scale.unwrap_or(1.0)) {
        Cli::command()
            .error(ErrorKind::ValueValidation, "--scale must be in 0.0001..=1")
            .exit();
    }
    // A real exhibition takes 13 hours: the virtual clock is the default.
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all().start_paused(!args.real_time);
    let _extras = args.timeline.setup(); // port-only
    runtime.build()?.block_on(async_main(args));
    Ok(())
}

//! Judit Polgár's chess exhibition, played synchronously and asynchronously.
//!
//! Judit plays 24 opponents; her moves take 5 s, theirs 55 s, and a game is
//! 30 move pairs. Played one game at a time the exhibition takes 12 hours.
//! Walking from board to board, making one move at each and leaving the
//! opponent to think while she moves elsewhere, it takes about one hour:
//! the opponents' 55 s overlap, and only Judit's own 5 s moves cannot,
//! because she is one person. The simulation gives `1:00:55`, not the
//! article's round hour: the hour is Judit's own moving time (24 x 30 x 5
//! s), and after her very last move the last opponent still takes 55 s to
//! reply.
//!
//! From `004_889b89e9c64afa5a.txt`, "Basic concepts" (an example the article
//! takes from Miguel Grinberg). The article tells it in words; this program
//! plays it out.
//!
//! It runs on tokio's paused clock unless told otherwise, so thirteen hours
//! pass in well under a second:
//!
//! ```text
//! $ cargo run -p chess
//! Synchronous exhibition, one game at a time: 12:00:00 (1440 moves).
//! Asynchronous exhibition, one move per board: 1:00:55 (1440 moves).
//! Judit's own moves took 1:00:00 in each exhibition.
//! Asynchronously she waited 0:00:55 for her opponents' replies.
//! ```
//!
//! `--real-time --scale 0.001` plays it for real with every move a
//! thousandth as long (at least 47 s in all). The flags `--opponents`,
//! `--judit-secs`, `--opponent-secs` and `--pairs` change the exhibition.
//! `--timeline` draws both exhibitions: the synchronous staircase, one game
//! after another over twelve hours, and the asynchronous hour in which every
//! board waits (`.`) for Judit, gets her move (`#`) and thinks (`-`). With
//! four boards and two move pairs the picture is small enough to see Judit
//! hop from board to board:
//!
//! ```text
//! $ cargo run -p chess -- --opponents 4 --pairs 2 --timeline
//! Synchronous exhibition, one game at a time: 0:08:00 (16 moves).
//! Asynchronous exhibition, one move per board: 0:02:15 (16 moves).
//! Judit's own moves took 0:00:40 in each exhibition.
//! Asynchronously she waited 0:01:35 for her opponents' replies.
//!
//! Synchronous exhibition:
//! game 1  #------#------#
//! game 2                #------#------#
//! game 3                              #-------#------#
//! game 4                                             #------#------#
//!         +-----------+-----------+-----------+-----------+-----------+
//!         0           100         200         300         400         500s
//!         # running   - sleeping (thread free)
//!
//! Asynchronous exhibition:
//! board 1  ##----------------------##----------------------#
//! board 2  #.##----------------------##----------------------#
//! board 3  #...##----------------------##----------------------#
//! board 4  #.....##----------------------##----------------------#
//!          +-------+-------+-------+-------+-------+-------+-------+
//!          0       20      40      60      80      100     120     140s
//!          # running   . waiting (queue, lock, semaphore)
//!          - sleeping (thread free)
//! ```
//!
//! | Python idea | Rust |
//! |---|---|
//! | one game: `async def game()` awaiting each move | `async fn game()` awaiting `sleep` for each move |
//! | synchronous: `for board in boards: await game(board)` | `for board in 1..=n { game(...).await }` |
//! | asynchronous: `asyncio.gather(*(game(b) for b in boards))` | `JoinSet::spawn` per board, then `join_next` |
//! | Judit, one person for all boards (`asyncio.Lock`) | `tokio::sync::Mutex<Judit>`, fair: boards get her in turn |
//! | `await asyncio.sleep(55)` (the opponent thinks) | `tokio::time::sleep(Duration::from_secs(55)).await` |
//! | `str(timedelta(seconds=s))` | `hms(d)`: `12:00:00`, `1:00:55` |

use std::sync::Arc;
use std::time::Duration;

use clap::{value_parser, Parser};
use common::{CommonArgs, Row};
use tokio::sync::Mutex;
use tokio::task::JoinSet;
use tokio::time::{sleep, Instant};

/// The most moves one run may simulate (opponents x pairs), so that the
/// simulation ends in seconds even on the paused clock.
const MAX_GAME_PAIRS: u64 = 100_000;

/// The most boards, and the most move pairs per game. The product is what
/// [`MAX_GAME_PAIRS`] bounds; this bounds each factor first, so that the
/// product cannot overflow before it is checked.
const MAX_COUNT: u64 = 10_000;

/// The longest move, in seconds: a day. With at most [`MAX_GAME_PAIRS`]
/// pairs of two such moves the exhibition lasts at most 548 years, which
/// every sum of durations here holds without overflowing.
const MAX_MOVE_SECS: u64 = 86_400;

/// How long a simulated second lasts with `--real-time` and no `--scale`.
const DEFAULT_SCALE: f64 = 0.001;

/// The smallest `--scale`. tokio's timer counts whole milliseconds, and
/// at this scale a five-second move already lasts only half of one, so
/// smaller scales would measure the timer, not the exhibition; far
/// smaller ones would make the real times, divided back by the scale,
/// too large for a `Duration`.
const MIN_SCALE: f64 = 0.0001;

/// Judit Polgár's simultaneous exhibition, played both ways.
///
/// Runs on tokio's paused (virtual) clock by default: the 13 simulated
/// hours pass in well under a second, and every total is exact. Use
/// --real-time to play it for real, with every move scaled by --scale.
#[derive(Parser, Debug)]
struct Cli {
    /// Number of opponents, one board each.
    #[arg(long, default_value_t = 24, allow_negative_numbers = true,
          value_parser = value_parser!(u64).range(1..=MAX_COUNT))]
    opponents: u64,

    /// Seconds Judit takes for one move.
    #[arg(long, default_value_t = 5,
          allow_negative_numbers = true,
          value_parser = value_parser!(u64).range(0..=MAX_MOVE_SECS))]
    judit_secs: u64,

    /// Seconds an opponent takes for one move.
    #[arg(long, default_value_t = 55,
          allow_negative_numbers = true,
          value_parser = value_parser!(u64).range(0..=MAX_MOVE_SECS))]
    opponent_secs: u64,

    /// Move pairs per game (Judit's move and the opponent's reply).
    #[arg(long, default_value_t = 30, allow_negative_numbers = true,
          value_parser = value_parser!(u64).range(1..=MAX_COUNT))]
    pairs: u64,

    /// Play in real time instead of on the paused clock.
    #[arg(long, conflicts_with = "virtual_time")]
    real_time: bool,

    /// With --real-time: how long a simulated second really lasts, in
    /// seconds (the default, 0.001, plays 13 hours in about 47 s).
    #[arg(long, allow_negative_numbers = true)]
    scale: Option<f64>,

    #[command(flatten)]
    common: CommonArgs,
}

/// How long moves take, in simulated seconds, and how long a simulated
/// second really lasts.
#[derive(Debug, Clone, Copy)]
struct Timing {
    judit: Duration,
    opponent: Duration,
    pairs: u64,
}

/// Judit herself. Whoever holds the lock has her at their board.
#[derive(Debug, Default)]
struct Judit {
    moves: u64,
    /// Time she spent making moves.
    busy: Duration,
}

/// One game at one board: `pairs` times, wait for Judit, get her move,
/// then the opponent thinks and replies. Returns the opponent's moves.
async fn game(judit: Arc<Mutex<Judit>>, t: Timing, row: Row) -> u64 {
    let mut replies = 0;
    for _ in 0..t.pairs {
        // Judit is one person: a board gets her only when no other board
        // has her. tokio's mutex is fair (first come, first served), so
        // the boards get her in turn and she walks round the room.
        let mut judit_here = row.waiting(judit.lock()).await;
        let began = Instant::now();
        // Her move keeps her at this board: the lock is held across the
        // sleep, which is the point. (The row shows it as running.)
        sleep(t.judit).await;
        judit_here.moves += 1;
        judit_here.busy += began.elapsed();
        // She walks on; the opponent thinks, and nobody else waits for it.
        drop(judit_here);
        row.sleeping(sleep(t.opponent)).await;
        replies += 1;
    }
    replies
}

/// `H:MM:SS`, the way Python prints a `timedelta` of whole seconds.
fn hms(d: Duration) -> String {
    let s = d.as_secs_f64().round() as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut cli: Cli = common::exit::parse();
    // Checked here and not with clap's `requires`: clap names the missing
    // flag on a second line, which a one-line message would leave out.
    let scale = match (cli.real_time, cli.scale) {
        (true, scale) => scale.unwrap_or(DEFAULT_SCALE),
        (false, None) => 1.0,
        (false, Some(_)) => {
            common::exit::usage_error("--scale needs --real-time")
        }
    };
    if !(MIN_SCALE..=1.0).contains(&scale) {
        common::exit::usage_error(format_args!(
            "--scale must be at least {MIN_SCALE} and at most 1"
        ));
    }
    if cli.opponents * cli.pairs > MAX_GAME_PAIRS {
        common::exit::usage_error(format!(
            "at most {MAX_GAME_PAIRS} move pairs in all \
                         (--opponents times --pairs)"
        ));
    }
    // The paused clock is the default here, not an option: a real
    // exhibition takes thirteen hours.
    cli.common.virtual_time = !cli.real_time;
    let timing = Timing {
        judit: Duration::from_secs_f64(cli.judit_secs as f64 * scale),
        opponent: Duration::from_secs_f64(cli.opponent_secs as f64 * scale),
        pairs: cli.pairs,
    };
    // Real time is reported as exhibition time: what it would have been at
    // full length.
    let unscaled = |d: Duration| d.div_f64(scale);
    let n = cli.opponents;

    // A boxed error is a deliberate simplification: a game that panicked
    // is the only error left, and it should end the program.
    cli.common.run(async {
        // Synchronous: Judit sits at one board until its game is over, then
        // moves on. The same `game` as below, awaited one at a time.
        let sync_clock = cli.common.clock();
        let sync_timeline = cli.common.timeline(&sync_clock);
        let judit = Arc::new(Mutex::new(Judit::default()));
        let mut sync_moves = 0;
        for board in 1..=n {
            let row = sync_timeline.row(format!("game {board}"));
            sync_moves += game(judit.clone(), timing, row).await;
        }
        let sync_total = sync_clock.elapsed();
        sync_moves += judit.lock().await.moves;

        // Asynchronous: every board is its own task, all started at once.
        // They overlap wherever they only wait for an opponent; where they
        // need Judit, the mutex makes them take turns.
        let async_clock = cli.common.clock();
        let async_timeline = cli.common.timeline(&async_clock);
        let judit = Arc::new(Mutex::new(Judit::default()));
        let mut boards = JoinSet::new();
        for board in 1..=n {
            let row = async_timeline.row(format!("board {board}"));
            boards.spawn(game(judit.clone(), timing, row));
        }
        let mut async_moves = 0;
        while let Some(replies) = boards.join_next().await {
            async_moves += replies?;
        }
        let async_total = async_clock.elapsed();
        let judit = judit.lock().await;
        async_moves += judit.moves;

        println!(
            "Synchronous exhibition, one game at a time: {} \
             ({sync_moves} moves).",
            hms(unscaled(sync_total))
        );
        println!(
            "Asynchronous exhibition, one move per board: {} \
             ({async_moves} moves).",
            hms(unscaled(async_total))
        );
        println!(
            "Judit's own moves took {} in each exhibition.",
            hms(unscaled(judit.busy))
        );
        println!(
            "Asynchronously she waited {} for her opponents' replies.",
            hms(unscaled(async_total.saturating_sub(judit.busy)))
        );
        if cli.real_time {
            println!(
                "Played in real time at scale {}: {:.2} s and {:.2} s.",
                scale,
                sync_total.as_secs_f64(),
                async_total.as_secs_f64()
            );
        }
        if cli.common.timeline {
            println!("\nSynchronous exhibition:\n{}", sync_timeline.render());
            println!("\nAsynchronous exhibition:\n{}", async_timeline.render());
        }
        Ok(())
    })?
}

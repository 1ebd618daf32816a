//! chess: twelve hours one game at a time, about one walking from board to
//! board, on a virtual clock unless told to play it out in real time.

use std::time::Duration;
use tests::twin::{compare, report_sweep, sweep_size, Configs, Pair};
use tests::{check_header_transcripts, normalize, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("chess"), 1);
}

/// `H:MM:SS` of a number of seconds, computed here from the article's
/// figures, not read back from the program.
fn hms(s: u64) -> String {
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Seconds in an `H:MM:SS` total on the line that starts with `prefix`.
fn total(stdout: &str, prefix: &str) -> u64 {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} line in\n{stdout}"));
    let word = line
        .split_whitespace()
        .find(|w| {
            w.contains(':') && w.starts_with(|c: char| c.is_ascii_digit())
        })
        .unwrap_or_else(|| panic!("no H:MM:SS in {line}"));
    let parts: Vec<u64> = word
        .split(':')
        .map(|p| p.parse().expect("digits"))
        .collect();
    parts[0] * 3600 + parts[1] * 60 + parts[2]
}

/// The Rust (on its default virtual clock: it has no `--virtual-time`)
/// against the twin on the virtual clock.
fn same_output(args: &[&str]) -> Pair {
    compare("chess", args, args, normalize)
}

#[test]
fn the_articles_totals_as_the_twin_prints_them() {
    let pair = same_output(&[]);
    let (games, judit, opponent, pairs) = (24, 5, 55, 30);
    // Synchronous: (55 + 5) * 30 per game, 24 games in a row: 12 hours.
    let sync = games * (judit + opponent) * pairs;
    assert_eq!(sync, 12 * 3600);
    // Asynchronous: Judit's 24 x 30 moves of 5 s back to back (her round
    // of 24 boards, 120 s, outlasts an opponent's 55 s, so she never waits
    // until the end), then the last opponent's last reply.
    let moving = games * pairs * judit;
    let moves = games * pairs * 2;
    let lines: Vec<&str> = pair.rust.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "Synchronous exhibition, one game at a time: {} ({moves} \
                 moves).",
                hms(sync)
            ),
            format!(
                "Asynchronous exhibition, one move per board: {} ({moves} \
                 moves).",
                hms(moving + opponent)
            ),
            format!(
                "Judit's own moves, which cannot overlap: {}.",
                hms(moving)
            ),
        ]
    );
}

#[test]
fn thirteen_hours_take_seconds_in_real_time() {
    // Thirteen simulated hours on the virtual clock.
    let run = run("chess", &[]).success();
    assert!(run.wall < Duration::from_secs(10), "{:?}", run.wall);
}

#[test]
fn judit_is_one_person() {
    // If her moves could overlap, 100 boards would take one game's time,
    // (5 + 55) x 2 s. As one person she makes 100 x 2 moves of 5 s in a
    // row, and the last reply comes 55 s after her last move.
    let pair = same_output(&["--opponents", "100", "--pairs", "2"]);
    let asynchronous = total(&pair.rust, "Asynchronous");
    assert_eq!(asynchronous, 100 * 2 * 5 + 55, "{}", pair.rust);
}

#[test]
fn opponents_overlap_when_judit_is_quick() {
    // Two boards: Judit's round (10 s) is shorter than a reply (55 s), so
    // the opponents set the pace: 5 + 55, 5 + 55 at board 1, board 2 five
    // seconds behind.
    let pair = same_output(&["--opponents", "2", "--pairs", "2"]);
    let asynchronous = total(&pair.rust, "Asynchronous");
    assert_eq!(asynchronous, 5 + (5 + 55) * 2, "{}", pair.rust);
}

#[test]
fn sweep_against_the_twin() {
    let n = sweep_size(20, 50);
    let mut c = Configs::new(24);
    for _ in 0..n {
        let opponents = c.range(1, 30).to_string();
        let pairs = c.range(1, 10).to_string();
        let judit = c.range(0, 20).to_string();
        let opponent = c.range(0, 120).to_string();
        let args = [
            "--opponents",
            &opponents,
            "--pairs",
            &pairs,
            "--judit-secs",
            &judit,
            "--opponent-secs",
            &opponent,
        ];
        let pair = same_output(&args);
        // Whatever the figures, the synchronous exhibition is every move
        // in a row, and the asynchronous one no longer than that, nor
        // shorter than Judit's own moves.
        let (o, p) = (c_num(&opponents), c_num(&pairs));
        let (j, r) = (c_num(&judit), c_num(&opponent));
        let sync = total(&pair.rust, "Synchronous");
        let asynchronous = total(&pair.rust, "Asynchronous");
        assert_eq!(sync, o * p * (j + r), "{args:?}");
        assert!(asynchronous <= sync, "{args:?}\n{}", pair.rust);
        assert!(asynchronous >= o * p * j, "{args:?}\n{}", pair.rust);
    }
    report_sweep("chess", n);
}

fn c_num(text: &str) -> u64 {
    text.parse().expect("a number")
}

#[test]
fn timeline_shows_a_staircase_and_judit_walking() {
    let args = ["--opponents", "3", "--pairs", "2", "--timeline"];
    let run = run("chess", &args).success();
    let out = &run.stdout;
    assert!(out.contains("\nSynchronous exhibition:\n"), "{out}");
    assert!(out.contains("\nAsynchronous exhibition:\n"), "{out}");
    // Two pictures, each with its own axis: 360 s, then 130 s.
    assert!(out.contains("400s") && out.contains("140s"), "{out}");
    let bars = |prefix: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with(prefix))
            .map(|l| l[prefix.len() + 3..].to_string())
            .collect()
    };
    let games = bars("game ");
    let boards = bars("board ");
    assert_eq!((games.len(), boards.len()), (3, 3), "{out}");
    // One game after another: each starts later than the one before,
    // and nobody ever waits for Judit.
    let first = |bar: &String| bar.find('#').unwrap_or(usize::MAX);
    assert!(first(&games[0]) < first(&games[1]), "{out}");
    assert!(first(&games[1]) < first(&games[2]), "{out}");
    assert!(games.iter().all(|g| !g.contains('.')), "{out}");
    // Every board starts at once. Board 1 has Judit at once; the others
    // wait (`.`) for her first, board 3 twice as long as board 2, then
    // leave the thread free (`-`) through her move and their opponent's.
    // Her round of three boards (15 s) is shorter than a reply (55 s), so
    // after the first move nobody waits for her again.
    assert!(boards.iter().all(|b| first(b) == 0), "{out}");
    assert!(boards[0].starts_with("#-"), "{out}");
    assert!(boards[1].starts_with("#.#-"), "{out}");
    assert!(boards[2].starts_with("#...#-"), "{out}");
    for board in &boards {
        assert!(board.rfind('.') < board.find('-'), "{out}");
    }
    assert!(out.contains(". waiting (queue, lock, semaphore)"), "{out}");
}

#[test]
fn real_time_with_durations_scaled_down() {
    // Three boards, two pairs, at 1/200: 360 s synchronously (1.8 s real)
    // and 130 s asynchronously (0.65 s real): board 3 gets Judit's first
    // move at 10-15 s and her second at 70-75 s, and replies until 130 s.
    let args = [
        "--opponents",
        "3",
        "--pairs",
        "2",
        "--real-time",
        "--scale",
        "0.005",
    ];
    let run = run("chess", &args).success();
    let sync = total(&run.stdout, "Synchronous");
    let asynchronous = total(&run.stdout, "Asynchronous");
    // Exact lower bounds: a sleep never ends early. Upper bounds halfway
    // to the wrong answer: the synchronous exhibition would take 1.5x as
    // long if every move took half again as long, and the asynchronous
    // one as long as the synchronous one if the games did not overlap.
    assert!((360..540).contains(&sync), "{}", run.stdout);
    assert!((130..245).contains(&asynchronous), "{}", run.stdout);
    assert!(run.wall >= Duration::from_secs_f64(2.45), "{:?}", run.wall);
}

#[test]
fn bad_input_is_a_usage_error() {
    for args in [
        &["--opponents", "0"][..],
        &["--opponents", "many"],
        &["--opponents", "1001"],
        &["--pairs", "-3"],
        &["--pairs", "101"],
        &["--judit-secs", "86401"],
    ] {
        let bad = run("chess", args).usage_error();
        assert!(bad.stderr.contains(args[0]), "{args:?}: {}", bad.stderr);
    }
    for scale in ["0", "2", "NaN", "-1"] {
        let bad = run("chess", &["--real-time", "--scale", scale]);
        let bad = bad.usage_error();
        assert!(bad.stderr.contains("--scale"), "{}", bad.stderr);
    }
    // --scale only means something in real time, and it says so.
    let bad = run("chess", &["--scale", "0.1"]).usage_error();
    assert!(bad.stderr.contains("--real-time"), "{}", bad.stderr);
}

#[test]
fn offers_one_choice_of_clock() {
    // Virtual by default; there is no flag to ask for it again.
    run("chess", &["--virtual-time"]).usage_error();
    run("chess", &["--seed", "1"]).usage_error();
    let version = run("chess", &["--version"]).success();
    assert!(version.stdout.starts_with("chess "), "{}", version.stdout);
}

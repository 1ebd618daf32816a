//! chess: twelve hours one game at a time, about one walking from board to
//! board, on the paused clock by default.

use std::time::Duration;
use tests::{check_header_transcripts, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("chess"), 2);
}

/// `H:MM:SS` of a number of seconds, computed here from the article's
/// figures, not read back from the program.
fn hms(s: u64) -> String {
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[test]
fn the_articles_totals() {
    let run = run("chess", &[]).success();
    let (games, judit, opponent, pairs) = (24, 5, 55, 30);
    // Synchronous: (55 + 5) * 30 per game, 24 games in a row: 12 hours.
    let sync = games * (judit + opponent) * pairs;
    assert_eq!(sync, 12 * 3600);
    // Asynchronous: Judit's 24 x 30 moves of 5 s back to back (her round
    // of 24 boards, 120 s, outlasts an opponent's 55 s, so she never waits
    // until the end), then the last opponent's last reply.
    let moving = games * pairs * judit;
    let asynchronous = moving + opponent;
    let moves = games * pairs * 2;
    let lines: Vec<&str> = run.stdout.lines().collect();
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
                hms(asynchronous)
            ),
            format!(
                "Judit's own moves took {} in each exhibition.",
                hms(moving)
            ),
            format!(
                "Asynchronously she waited {} for her opponents' replies.",
                hms(opponent)
            ),
        ]
    );
}

#[test]
fn thirteen_hours_take_seconds_in_real_time() {
    // Thirteen simulated hours on the paused clock.
    let run = run("chess", &[]).success();
    assert!(run.wall < Duration::from_secs(10), "{:?}", run.wall);
}

#[test]
fn judit_is_one_person() {
    // If her moves could overlap, 100 boards would take one game's time,
    // (5 + 55) x 2 s. As one person she makes 100 x 2 moves of 5 s in a
    // row, and the last reply comes 55 s after her last move.
    let args = ["--opponents", "100", "--pairs", "2"];
    let run = run("chess", &args).success();
    let expected = hms(100 * 2 * 5 + 55);
    assert!(
        run.stdout
            .contains(&format!("one move per board: {expected} ")),
        "{}",
        run.stdout
    );
}

#[test]
fn opponents_overlap_when_judit_is_quick() {
    // Two boards: Judit's round (10 s) is shorter than a reply (55 s), so
    // the opponents set the pace: 5 + 55, 5 + 55 at board 1, board 2 five
    // seconds behind.
    let args = ["--opponents", "2", "--pairs", "2"];
    let run = run("chess", &args).success();
    let expected = hms(5 + (5 + 55) * 2);
    assert!(
        run.stdout
            .contains(&format!("one move per board: {expected} ")),
        "{}",
        run.stdout
    );
}

#[test]
fn timeline_shows_a_staircase_and_judit_walking() {
    let args = ["--opponents", "3", "--pairs", "2", "--timeline"];
    let run = run("chess", &args).success();
    let start = |prefix: &str| -> Vec<usize> {
        run.stdout
            .lines()
            .filter(|l| l.starts_with(prefix))
            .map(|l| l[prefix.len() + 3..].find('#').unwrap_or(usize::MAX))
            .collect()
    };
    let games = start("game ");
    let boards = start("board ");
    assert_eq!((games.len(), boards.len()), (3, 3), "{}", run.stdout);
    // One game after another: each starts later than the one before.
    assert!(games[0] < games[1] && games[1] < games[2], "{}", run.stdout);
    // Every board starts at once; the later ones wait (`.`) for Judit.
    assert!(boards.iter().all(|&b| b == boards[0]), "{}", run.stdout);
    assert!(run.stdout.contains("board 3  #."), "{}", run.stdout);
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
    let last = run.stdout.lines().last().unwrap_or_default();
    let secs: Vec<f64> = last
        .split([' ', ':'])
        .filter_map(|w| w.trim_end_matches('.').parse().ok())
        .collect();
    assert_eq!(secs.len(), 3, "{last}");
    let (sync, asynchronous) = (secs[1], secs[2]);
    // Exact lower bounds; upper bounds halfway to the wrong answer: the
    // synchronous exhibition would take 1.5x as long if a move took half
    // again as long, and the asynchronous one as long as the synchronous
    // one if the games did not overlap.
    assert!((1.8..2.7).contains(&sync), "{last}");
    assert!((0.65..1.225).contains(&asynchronous), "{last}");
    assert!(run.wall >= Duration::from_secs_f64(2.45), "{:?}", run.wall);
}

#[test]
fn bad_input_is_a_usage_error() {
    run("chess", &["--opponents", "0"]).usage_error();
    run("chess", &["--opponents", "many"]).usage_error();
    run("chess", &["--pairs", "-3"]).usage_error();
    let product = run("chess", &["--opponents", "10000", "--pairs", "10000"]);
    assert!(product.usage_error().stderr.contains("move pairs"));
    let scale = run("chess", &["--real-time", "--scale", "0"]).usage_error();
    assert!(scale.stderr.contains("--scale"), "{}", scale.stderr);
    run("chess", &["--real-time", "--scale", "2"]).usage_error();
    run("chess", &["--real-time", "--scale", "NaN"]).usage_error();
    // --scale only means something in real time.
    run("chess", &["--scale", "0.1"]).usage_error();
    run("chess", &["--real-time", "--virtual-time"]).usage_error();
}

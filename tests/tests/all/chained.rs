//! chained: chains interleave, equal wake-ups keep the order asyncio
//! gives them, and the output is the Python twin's, seed for seed.

use std::time::Duration;
use tests::twin::{compare, report_sweep, same_output, sweep_size, Configs};
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    // `9 6 3` as in the article, with `--timeline`.
    assert_eq!(check_header_transcripts("chained"), 1);
}

/// The article's printed run of `python3 chained.py 9 6 3`, with the two
/// durations its real run measured as `8.01` and `11.01` set to the ideal
/// `8.00` and `11.00` that the paused clock gives.
const ARTICLE_9_6_3: &str = r#"
part1(9) sleeping for 4 seconds.
part1(6) sleeping for 4 seconds.
part1(3) sleeping for 0 seconds.
Returning part1(3) == result3-1.
part2(3, 'result3-1') sleeping for 4 seconds.
Returning part1(9) == result9-1.
part2(9, 'result9-1') sleeping for 7 seconds.
Returning part1(6) == result6-1.
part2(6, 'result6-1') sleeping for 4 seconds.
Returning part2(3, 'result3-1') == result3-2 derived from result3-1.
-->Chained result3 => result3-2 derived from result3-1 (took 4.00 seconds).
Returning part2(6, 'result6-1') == result6-2 derived from result6-1.
-->Chained result6 => result6-2 derived from result6-1 (took 8.00 seconds).
Returning part2(9, 'result9-1') == result9-2 derived from result9-1.
-->Chained result9 => result9-2 derived from result9-1 (took 11.00 seconds).
Program finished in 11.00 seconds.
"#;

#[test]
fn the_articles_run_line_for_line() {
    let run = run("chained", &["9", "6", "3", "--virtual-time"]).success();
    assert_eq!(run.stdout, &ARTICLE_9_6_3[1..]);
    // Every sleep here starts at 0 s, so asyncio defines the whole order,
    // and the twin must print exactly the same.
    same_output("chained", &["9", "6", "3"]);
}

// The references below were printed by the article's program, completed
// (`random.seed(N)`, `asyncio.run(main(*args))`), under CPython 3.11.7 on
// a virtual-time event loop (its `time()` jumped to the next deadline
// and moved on 1 ps per reading). Every line is the same as a real run's but
// for the durations' last digit. Where two sleeps that began at different
// instants end at the same one, asyncio leaves their order open (see
// `by_instant`); these references show one valid order, the one the Rust
// port prints, and the twin is compared with them where order is defined.

/// `chained.py 5 5 5 5` with `random.seed(7)`: at 6 s part2 of the first
/// chain (asleep since 5 s) and part1 of the third (asleep since 0 s) end
/// together; the third goes first here, and either order is valid.
const PYTHON_SEED_7: &str = r#"
part1(5) sleeping for 5 seconds.
part1(5) sleeping for 2 seconds.
part1(5) sleeping for 6 seconds.
part1(5) sleeping for 10 seconds.
Returning part1(5) == result5-1.
part2(5, 'result5-1') sleeping for 0 seconds.
Returning part2(5, 'result5-1') == result5-2 derived from result5-1.
-->Chained result5 => result5-2 derived from result5-1 (took 2.00 seconds).
Returning part1(5) == result5-1.
part2(5, 'result5-1') sleeping for 1 seconds.
Returning part1(5) == result5-1.
part2(5, 'result5-1') sleeping for 8 seconds.
Returning part2(5, 'result5-1') == result5-2 derived from result5-1.
-->Chained result5 => result5-2 derived from result5-1 (took 6.00 seconds).
Returning part1(5) == result5-1.
part2(5, 'result5-1') sleeping for 1 seconds.
Returning part2(5, 'result5-1') == result5-2 derived from result5-1.
-->Chained result5 => result5-2 derived from result5-1 (took 11.00 seconds).
Returning part2(5, 'result5-1') == result5-2 derived from result5-1.
-->Chained result5 => result5-2 derived from result5-1 (took 14.00 seconds).
Program finished in 14.00 seconds.
"#;

/// `chained.py 1 0 -3 10 2 2` with `random.seed(1)`: negative numbers, and
/// chains with the same number.
const PYTHON_SEED_1: &str = r#"
part1(1) sleeping for 2 seconds.
part1(0) sleeping for 9 seconds.
part1(-3) sleeping for 1 seconds.
part1(10) sleeping for 4 seconds.
part1(2) sleeping for 1 seconds.
part1(2) sleeping for 7 seconds.
Returning part1(-3) == result-3-1.
part2(-3, 'result-3-1') sleeping for 7 seconds.
Returning part1(2) == result2-1.
part2(2, 'result2-1') sleeping for 7 seconds.
Returning part1(1) == result1-1.
part2(1, 'result1-1') sleeping for 10 seconds.
Returning part1(10) == result10-1.
part2(10, 'result10-1') sleeping for 6 seconds.
Returning part1(2) == result2-1.
part2(2, 'result2-1') sleeping for 3 seconds.
Returning part2(-3, 'result-3-1') == result-3-2 derived from result-3-1.
-->Chained result-3 => result-3-2 derived from result-3-1 (took 8.00 seconds).
Returning part2(2, 'result2-1') == result2-2 derived from result2-1.
-->Chained result2 => result2-2 derived from result2-1 (took 8.00 seconds).
Returning part1(0) == result0-1.
part2(0, 'result0-1') sleeping for 1 seconds.
Returning part2(10, 'result10-1') == result10-2 derived from result10-1.
-->Chained result10 => result10-2 derived from result10-1 (took 10.00 seconds).
Returning part2(2, 'result2-1') == result2-2 derived from result2-1.
-->Chained result2 => result2-2 derived from result2-1 (took 10.00 seconds).
Returning part2(0, 'result0-1') == result0-2 derived from result0-1.
-->Chained result0 => result0-2 derived from result0-1 (took 10.00 seconds).
Returning part2(1, 'result1-1') == result1-2 derived from result1-1.
-->Chained result1 => result1-2 derived from result1-1 (took 12.00 seconds).
Program finished in 12.00 seconds.
"#;

/// `chained.py 11 12 ... 22` with `random.seed(2024)`: at 8 s four sleeps
/// end together, begun at 0, 2, 4 and 7 s.
const PYTHON_SEED_2024: &str = r#"
part1(11) sleeping for 7 seconds.
part1(12) sleeping for 2 seconds.
part1(13) sleeping for 9 seconds.
part1(14) sleeping for 4 seconds.
part1(15) sleeping for 3 seconds.
part1(16) sleeping for 6 seconds.
part1(17) sleeping for 4 seconds.
part1(18) sleeping for 8 seconds.
part1(19) sleeping for 3 seconds.
part1(20) sleeping for 10 seconds.
part1(21) sleeping for 7 seconds.
part1(22) sleeping for 5 seconds.
Returning part1(12) == result12-1.
part2(12, 'result12-1') sleeping for 6 seconds.
Returning part1(15) == result15-1.
part2(15, 'result15-1') sleeping for 8 seconds.
Returning part1(19) == result19-1.
part2(19, 'result19-1') sleeping for 9 seconds.
Returning part1(14) == result14-1.
part2(14, 'result14-1') sleeping for 3 seconds.
Returning part1(17) == result17-1.
part2(17, 'result17-1') sleeping for 4 seconds.
Returning part1(22) == result22-1.
part2(22, 'result22-1') sleeping for 8 seconds.
Returning part1(16) == result16-1.
part2(16, 'result16-1') sleeping for 5 seconds.
Returning part1(11) == result11-1.
part2(11, 'result11-1') sleeping for 8 seconds.
Returning part1(21) == result21-1.
part2(21, 'result21-1') sleeping for 1 seconds.
Returning part2(14, 'result14-1') == result14-2 derived from result14-1.
-->Chained result14 => result14-2 derived from result14-1 (took 7.00 seconds).
Returning part1(18) == result18-1.
part2(18, 'result18-1') sleeping for 3 seconds.
Returning part2(12, 'result12-1') == result12-2 derived from result12-1.
-->Chained result12 => result12-2 derived from result12-1 (took 8.00 seconds).
Returning part2(17, 'result17-1') == result17-2 derived from result17-1.
-->Chained result17 => result17-2 derived from result17-1 (took 8.00 seconds).
Returning part2(21, 'result21-1') == result21-2 derived from result21-1.
-->Chained result21 => result21-2 derived from result21-1 (took 8.00 seconds).
Returning part1(13) == result13-1.
part2(13, 'result13-1') sleeping for 7 seconds.
Returning part1(20) == result20-1.
part2(20, 'result20-1') sleeping for 10 seconds.
Returning part2(15, 'result15-1') == result15-2 derived from result15-1.
-->Chained result15 => result15-2 derived from result15-1 (took 11.00 seconds).
Returning part2(16, 'result16-1') == result16-2 derived from result16-1.
-->Chained result16 => result16-2 derived from result16-1 (took 11.00 seconds).
Returning part2(18, 'result18-1') == result18-2 derived from result18-1.
-->Chained result18 => result18-2 derived from result18-1 (took 11.00 seconds).
Returning part2(19, 'result19-1') == result19-2 derived from result19-1.
-->Chained result19 => result19-2 derived from result19-1 (took 12.00 seconds).
Returning part2(22, 'result22-1') == result22-2 derived from result22-1.
-->Chained result22 => result22-2 derived from result22-1 (took 13.00 seconds).
Returning part2(11, 'result11-1') == result11-2 derived from result11-1.
-->Chained result11 => result11-2 derived from result11-1 (took 15.00 seconds).
Returning part2(13, 'result13-1') == result13-2 derived from result13-1.
-->Chained result13 => result13-2 derived from result13-1 (took 16.00 seconds).
Returning part2(20, 'result20-1') == result20-2 derived from result20-1.
-->Chained result20 => result20-2 derived from result20-1 (took 20.00 seconds).
Program finished in 20.00 seconds.
"#;

const REFERENCES: [(&[&str], &str); 3] = [
    (&["5", "5", "5", "5", "--seed", "7"], PYTHON_SEED_7),
    (
        &["1", "0", "-3", "10", "2", "2", "--seed", "1"],
        PYTHON_SEED_1,
    ),
    (
        &[
            "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21",
            "22", "--seed", "2024",
        ],
        PYTHON_SEED_2024,
    ),
];

#[test]
fn the_recorded_python_runs_line_for_line() {
    for (args, python) in REFERENCES {
        let mut args = args.to_vec();
        args.push("--virtual-time");
        let run = run("chained", &args).success();
        assert_eq!(run.stdout, &python[1..], "chained {args:?}");
        assert_eq!(by_instant(&run.stdout), by_instant(&python[1..]));
    }
}

#[test]
fn same_output_as_python_for_other_arguments() {
    for (args, _) in REFERENCES {
        compare_with_twin(args);
    }
    // Two `sleep(0)`s at 0 s: asyncio resumes the tasks in the order they
    // yielded, and so the second draws the second part2 sleep. (tokio's
    // `yield_now` resumed the last to yield first, so chain 2 drew 6 s.)
    let pair = same_output("chained", &["1", "2", "--seed", "165"]);
    assert!(pair.rust.contains("part2(2, 'result2-1') sleeping for 1 s"));
    // Found by the sweep when the port still used `yield_now`: two
    // part1s sleep 0 s among eleven chains.
    let args = "11 6 0 4 0 3 -3 3 1 -3 11 --seed 764032";
    compare_with_twin(&args.split(' ').collect::<Vec<_>>());
}

/// Runs the Rust port (`--virtual-time`) and the twin with `args`, and
/// checks that they print the same lines at the same instants, in the
/// same order wherever asyncio defines it ([`by_instant`]). Returns
/// whether the outputs were identical as well.
fn compare_with_twin(args: &[&str]) -> bool {
    let mut rust_args = args.to_vec();
    rust_args.push("--virtual-time");
    let pair = compare("chained", args, &rust_args, by_instant);
    pair.rust == pair.python
}

/// One chain while an output is read back: its number, which part it is
/// in, when that part's sleep began and ends, and whether it was a
/// `sleep(0)`.
struct Chain {
    n: String,
    part: u8,
    began: u64,
    ends: u64,
    yielded: bool,
}

/// What every valid order of `chained`'s output shares, as text to
/// compare: each line with the instant it is printed at, in order of
/// instant, and within an instant grouped by what woke the chain.
///
/// asyncio keeps its timers in one heap ordered by deadline. Sleeps begun
/// at the same instant get deadlines in the order they began (a real
/// clock moves on between them), so they end in that order, and tasks
/// that yield with `sleep(0)` resume in the order they yielded. But two
/// sleeps begun at different instants that end at the same one (one
/// began at 3 s for 10 s, the other at 10 s for 3 s) have deadlines that
/// differ only by how late each start was in a real run: asyncio leaves
/// their order open. (The twin's virtual clock orders them by when each
/// sleep was set, as tokio's timer does, so the runs are usually identical
/// too; the sweep says how many were.)
/// Only a part2 can be in such a tie (every part1 begins at 0 s), and a
/// part2 that ends draws no random number, so the numbers drawn are the
/// same in every valid order; only the order of such lines may differ.
fn by_instant(out: &str) -> String {
    let mut chains: Vec<Chain> = Vec::new();
    // (instant, group, text): group 0 starts, 1+began for a timer begun
    // then, u64::MAX for a resumption after `sleep(0)`.
    let mut blocks: Vec<(u64, u64, String)> = Vec::new();
    let mut lines = out.lines();
    let mut last = 0;
    let secs = |l: &str| -> u64 {
        let after = l.rsplit("sleeping for ").next().unwrap_or("");
        after
            .trim_end_matches(" seconds.")
            .parse()
            .expect("a sleep")
    };
    while let Some(line) = lines.next() {
        let (part, n) = if let Some(r) = line.strip_prefix("part1(") {
            let n = r.split(')').next().unwrap_or("").to_string();
            let ends = secs(line);
            let yielded = ends == 0;
            chains.push(Chain {
                n,
                part: 1,
                began: 0,
                ends,
                yielded,
            });
            blocks.push((0, 0, line.to_string()));
            continue;
        } else if let Some(r) = line.strip_prefix("Returning part1(") {
            (1, r.split(')').next().unwrap_or(""))
        } else if let Some(r) = line.strip_prefix("Returning part2(") {
            (2, r.split(',').next().unwrap_or(""))
        } else {
            blocks.push((u64::MAX, 0, line.to_string()));
            continue;
        };
        // Of the chains with this number in this part, the one whose
        // sleep ends first (chains alike in both print alike).
        let c = chains
            .iter_mut()
            .filter(|c| c.n == n && c.part == part)
            .min_by_key(|c| c.ends)
            .expect("a line of a chain that is in that part");
        let next = lines.next().unwrap_or("");
        let at = c.ends;
        let group = if c.yielded { u64::MAX } else { 1 + c.began };
        if at < last {
            blocks.push((at, 0, format!("OUT OF TIME ORDER: {line}")));
        }
        last = at;
        blocks.push((at, group, format!("{line}\n{next}")));
        c.part = part + 1;
        if part == 1 {
            (c.began, c.ends, c.yielded) =
                (at, at + secs(next), secs(next) == 0);
        }
    }
    // A stable sort: within one instant and group, the printed order.
    blocks.sort_by_key(|&(at, group, _)| (at, group));
    let text: Vec<String> = blocks
        .iter()
        .map(|(at, _, l)| format!("{at}: {l}"))
        .collect();
    text.join("\n")
}

/// `out` with the two-line block starting at line `at` and the next one
/// swapped.
fn swap_blocks(out: &str, at: usize) -> String {
    let mut lines: Vec<&str> = out.lines().collect();
    lines[at..at + 4].rotate_left(2);
    lines.join("\n") + "\n"
}

#[test]
fn by_instant_keeps_only_the_order_asyncio_defines() {
    // At 4 s part1(9) and part1(6) end, both begun at 0 s: asyncio resumes
    // them in the order they began, so the other order is wrong.
    let article = &ARTICLE_9_6_3[1..];
    let at = article
        .lines()
        .position(|l| l.starts_with("Returning part1(9"));
    let wrong = swap_blocks(article, at.expect("part1(9) returns"));
    assert_ne!(by_instant(article), by_instant(&wrong));
    // At 6 s a part1 begun at 0 s and a part2 begun at 5 s end: either
    // order is valid.
    let seed_7 = &PYTHON_SEED_7[1..];
    let at = seed_7.lines().position(|l| l.ends_with("for 8 seconds."));
    let other = swap_blocks(seed_7, at.expect("the 8 s sleep") - 1);
    assert_ne!(seed_7, other);
    assert_eq!(by_instant(seed_7), by_instant(&other));
}

#[test]
fn sweep_random_chains_against_the_twin() {
    // 1 to 30 chains of numbers in -3..=12 (repeats and negatives
    // included), each with its own seed.
    let n = sweep_size(20, 100);
    let mut c = Configs::new(0xc4a1);
    let mut identical = 0;
    for _ in 0..n {
        let chains = c.range(1, 30);
        let mut args: Vec<String> = (0..chains)
            .map(|_| (c.range(0, 15) as i64 - 3).to_string())
            .collect();
        args.push("--seed".into());
        args.push(c.range(0, 1_000_000).to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        identical += usize::from(compare_with_twin(&args));
    }
    report_sweep("chained", n);
    eprintln!(
        "sweep chained: {identical} of {n} identical line for line, the \
         rest the same but for ties asyncio leaves open"
    );
}

#[test]
fn default_arguments_are_1_2_3() {
    let default = run("chained", &["--virtual-time"]).success();
    let explicit = run("chained", &["1", "2", "3", "--virtual-time"]).success();
    assert_eq!(default.stdout, explicit.stdout);
    assert!(default.stdout.starts_with("part1(1) sleeping"));
    same_output("chained", &[]);
}

#[test]
fn timeline_shows_each_chain_until_it_ends() {
    let args = ["9", "6", "3", "--virtual-time", "--timeline"];
    let run = run("chained", &args).success();
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("chain "))
        .collect();
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    // Each bar runs at 0 s, waits, runs again where its part1 ends (4 s
    // for all three) and ends with its chain: 11, 8 and 4 s.
    let ends: Vec<usize> = rows.iter().map(|r| r.trim_end().len()).collect();
    assert!(ends[0] > ends[1] && ends[1] > ends[2], "{rows:?}");
    for row in &rows {
        let bar = &row["chain 9  ".len()..];
        assert!(bar.starts_with("#-") && bar.ends_with('#'), "{row}");
    }
}

#[test]
fn real_time_takes_the_longest_chain_not_the_sum() {
    // With seed 971, `1 2 3` sleeps 15 s in all, but the longest chain
    // sleeps 5 s (both are read from the printed lines below, not assumed).
    let run = run("chained", &["1", "2", "3", "--seed", "971"]).success();
    let slept = |line: &str| -> f64 {
        let after = line.split("sleeping for ").nth(1).unwrap_or("0");
        after
            .split(' ')
            .next()
            .unwrap_or("0")
            .parse()
            .unwrap_or(0.0)
    };
    let total: f64 = run.stdout.lines().map(slept).sum();
    assert_eq!(total, 15.0, "{}", run.stdout);
    let reported = reported_seconds(&run.stdout);
    // A sleep never ends early, so 5 s is an exact lower bound; the upper
    // bound is halfway to 15 s, what running the chains in a row would take.
    assert!((5.0..10.0).contains(&reported), "reported {reported}");
    assert!(run.wall >= Duration::from_secs(5), "{:?}", run.wall);
    assert!(run.wall < Duration::from_secs(10), "{:?}", run.wall);
    let longest = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("-->Chained"))
        .map(reported_seconds)
        .fold(0.0, f64::max);
    assert!((5.0..5.5).contains(&longest), "longest chain {longest}");
}

#[test]
fn bad_input_is_a_usage_error() {
    let word = run("chained", &["nine"]).usage_error();
    assert!(word.stderr.contains("nine"), "{}", word.stderr);
    let huge = run("chained", &["99999999999999999999"]).usage_error();
    assert!(huge.stderr.contains("too large"), "{}", huge.stderr);
    run("chained", &["1.5"]).usage_error();
    run("chained", &["--seed", "-1"]).usage_error();
    run("chained", &["--seed", "x"]).usage_error();
    let bogus = run("chained", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    let version = run("chained", &["--version"]).success();
    assert!(version.stdout.starts_with("chained "), "{}", version.stdout);
}

//! chained: chains interleave, equal wake-ups keep the order they slept
//! in, and the output is the Python original's, seed for seed.

use std::time::Duration;
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    // `9 6 3` as in the article, and the same with `--timeline`.
    assert_eq!(check_header_transcripts("chained"), 2);
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
}

// The references below were printed by the article's program, completed
// (`random.seed(N)`, `asyncio.run(main(*args))`), under CPython 3.11.7 on
// a virtual-time event loop: a `SelectorEventLoop` whose `time()` jumps to
// the next deadline instead of sleeping and moves on 1 ps per reading, the
// way a real clock moves on between calls. So a sleep that starts later
// has a later deadline, and sleeps that end at the same ideal instant
// resume in the order they went to sleep, as in a real run. Every line is
// the same as a real run's but for the durations' last digit.

/// `chained.py 5 5 5 5` with `random.seed(7)`: at 6 s part2 of the first
/// chain (asleep since 5 s) and part1 of the third (asleep since 0 s) end
/// together, and the third goes first.
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

#[test]
fn same_output_as_python_for_other_arguments() {
    let cases: [(&[&str], &str); 3] = [
        (&["5", "5", "5", "5", "--seed", "7"], PYTHON_SEED_7),
        (
            &["1", "0", "-3", "10", "2", "2", "--seed", "1"],
            PYTHON_SEED_1,
        ),
        (
            &[
                "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
                "21", "22", "--seed", "2024",
            ],
            PYTHON_SEED_2024,
        ),
    ];
    for (args, python) in cases {
        let mut args = args.to_vec();
        args.push("--virtual-time");
        let run = run("chained", &args).success();
        assert_eq!(run.stdout, &python[1..], "chained {args:?}");
    }
}

#[test]
fn default_arguments_are_1_2_3() {
    let default = run("chained", &["--virtual-time"]).success();
    let explicit = run("chained", &["1", "2", "3", "--virtual-time"]).success();
    assert_eq!(default.stdout, explicit.stdout);
    assert!(default.stdout.starts_with("part1(1) sleeping"));
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
}

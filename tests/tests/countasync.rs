//! countasync: three gathered one-second sleeps take one second, not three.

use std::time::Duration;
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    // The header holds the plain run and the `--timeline` picture.
    assert_eq!(check_header_transcripts("countasync"), 2);
}

#[test]
fn virtual_time_is_exact() {
    let run = run("countasync", &["--virtual-time"]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..6], ["One", "One", "One", "Two", "Two", "Two"]);
    assert_eq!(lines[6], "countasync executed in 1.00 seconds.");
    assert_eq!(lines.len(), 7);
}

#[test]
fn real_time_takes_one_second_not_three() {
    let run = run("countasync", &[]).success();
    let reported = reported_seconds(&run.stdout);
    // A sleep never ends early, so the lower bounds are exact. The upper
    // bounds sit halfway to the wrong answer (3 s if the sleeps did not
    // overlap), so a loaded machine cannot make them fail.
    assert!((1.0..2.0).contains(&reported), "reported {reported}");
    assert!(run.wall >= Duration::from_secs(1), "{:?}", run.wall);
    assert!(run.wall < Duration::from_secs(2), "{:?}", run.wall);
}

#[test]
fn timeline_has_three_overlapping_rows() {
    let run = run("countasync", &["--virtual-time", "--timeline"]).success();
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("count "))
        .collect();
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    for (i, row) in rows.iter().enumerate() {
        assert!(row.starts_with(&format!("count {}", i + 1)));
        // Each bar starts at time zero and sleeps right across the axis.
        let bar = &row["count 1  ".len()..];
        assert!(bar.starts_with("#-") && bar.ends_with("-#"), "{row}");
    }
    assert!(rows.windows(2).all(|w| w[0][7..] == w[1][7..]));
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("countasync", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    let seed = run("countasync", &["--seed", "x"]).usage_error();
    assert!(seed.stderr.contains("--seed"), "{}", seed.stderr);
}

//! countasync: three gathered one-second sleeps take one second, not three.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("countasync"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("countasync", &[]);
    let lines: Vec<&str> = pair.rust.lines().collect();
    assert_eq!(lines[..6], ["One", "One", "One", "Two", "Two", "Two"]);
    assert_eq!(lines[6], "countasync executed in 1.00 seconds.");
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
        // Each bar starts at time zero and is pending right across.
        let bar = &row["count 1  ".len()..];
        assert!(bar.starts_with("#-") && bar.ends_with("-#"), "{row}");
    }
    assert!(rows.windows(2).all(|w| w[0][7..] == w[1][7..]));
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("countasync", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // It draws no random numbers, so it takes no seed.
    run("countasync", &["--seed", "1"]).usage_error();
    let version = run("countasync", &["--version"]).success();
    assert!(
        version.stdout.starts_with("countasync "),
        "{}",
        version.stdout
    );
}

//! asyncq: the article's run, every item consumed exactly once, the end
//! when the queue is drained, and bad counts refused.

use std::collections::HashMap;
use std::time::Duration;
use tests::{check_header_transcripts, normalize, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("asyncq"), 2);
}

/// The article's printed run of `python3 asyncq.py -p 2 -c 5`, with the
/// times items waited (real: 0.00009 to 0.00022 s) and the total (real:
/// 9.00954 s) set to the ideal figures the paused clock gives.
const ARTICLE_P2_C5: &str = r#"
Producer 0 sleeping for 3 seconds.
Producer 1 sleeping for 3 seconds.
Consumer 0 sleeping for 4 seconds.
Consumer 1 sleeping for 3 seconds.
Consumer 2 sleeping for 3 seconds.
Consumer 3 sleeping for 5 seconds.
Consumer 4 sleeping for 4 seconds.
Producer 0 added <377b1e8f82> to queue.
Producer 0 sleeping for 5 seconds.
Producer 1 added <413b8802f8> to queue.
Consumer 1 got element <377b1e8f82> in 0.00000 seconds.
Consumer 1 sleeping for 3 seconds.
Consumer 2 got element <413b8802f8> in 0.00000 seconds.
Consumer 2 sleeping for 4 seconds.
Producer 0 added <06c055b3ab> to queue.
Producer 0 sleeping for 1 seconds.
Consumer 0 got element <06c055b3ab> in 0.00000 seconds.
Consumer 0 sleeping for 4 seconds.
Producer 0 added <17a8613276> to queue.
Consumer 4 got element <17a8613276> in 0.00000 seconds.
Consumer 4 sleeping for 5 seconds.
Program completed in 9.00000 seconds.
"#;

#[test]
fn the_articles_run_line_for_line() {
    let run = run("asyncq", &["-p", "2", "-c", "5", "--virtual-time"]);
    let run = run.success();
    // Only the random bytes differ (masked by `normalize`).
    assert_eq!(normalize(&run.stdout), normalize(&ARTICLE_P2_C5[1..]));
}

/// The items a run printed as added and as got, each with its count.
fn tally(stdout: &str) -> (HashMap<&str, usize>, HashMap<&str, usize>) {
    let mut added = HashMap::new();
    let mut got = HashMap::new();
    for line in stdout.lines() {
        let item = line.split(['<', '>']).nth(1);
        if let Some(item) = item {
            if line.contains(" added <") {
                *added.entry(item).or_insert(0) += 1;
            } else if line.contains(" got element <") {
                *got.entry(item).or_insert(0) += 1;
            }
        }
    }
    (added, got)
}

#[test]
fn every_item_is_consumed_exactly_once() {
    let combos: [(&str, &str); 6] = [
        ("1", "1"),
        ("2", "5"),
        ("5", "2"),
        ("3", "40"),
        ("8", "3"),
        ("0", "4"),
    ];
    for seed in 1..=8 {
        for (p, c) in combos {
            let seed = seed.to_string();
            let args = ["-p", p, "-c", c, "--seed", &seed, "--virtual-time"];
            let run = run("asyncq", &args).success();
            let (added, got) = tally(&run.stdout);
            // Each producer puts 1 to 5 items.
            let nprod: usize = p.parse().unwrap();
            assert!(added.len() >= nprod && added.len() <= 5 * nprod);
            assert!(added.values().all(|&n| n == 1), "{args:?}");
            assert_eq!(added, got, "{args:?}:\n{}", run.stdout);
        }
    }
}

#[test]
fn no_producers_ends_at_once() {
    let run = run("asyncq", &["-p", "0", "-c", "5", "--virtual-time"]);
    // The consumers are cancelled before they ever run, as in Python.
    assert_eq!(
        run.success().stdout,
        "Program completed in 0.00000 seconds.\n"
    );
}

#[test]
fn far_more_consumers_than_items() {
    let args = ["-p", "2", "-c", "500", "--virtual-time"];
    let run = run("asyncq", &args).success();
    let (added, got) = tally(&run.stdout);
    assert!(!added.is_empty() && added.len() <= 10);
    assert_eq!(added, got);
    let sleepers = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("Consumer ") && l.contains(" sleeping"))
        .count();
    assert!(sleepers >= 500, "{sleepers}");
}

#[test]
fn real_time_quiet_throughput_mode_counts_every_item() {
    let args = [
        "-p",
        "5",
        "-c",
        "10",
        "--no-sleep",
        "--quiet",
        "--items",
        "2000",
    ];
    let run = run("asyncq", &args).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    // 5 producers x 2000 items.
    assert!(
        lines[0].starts_with("Consumed 10000 items, each exactly once, at "),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(" items per second."));
    assert!(lines[1].starts_with("Program completed in "));
    // Without sleeps there is nothing to wait for.
    assert!(reported_seconds(lines[1]) < 5.0);
}

#[test]
fn items_sets_each_producers_count() {
    let args = ["-p", "3", "-c", "2", "--items", "4", "--virtual-time"];
    let run = run("asyncq", &args).success();
    let (added, got) = tally(&run.stdout);
    assert_eq!(added.len(), 12);
    assert_eq!(added, got);
}

#[test]
fn a_hundred_thousand_consumers_in_virtual_time() {
    let args = ["-p", "5", "-c", "100000", "--virtual-time"];
    let run = run("asyncq", &args).success();
    let (added, got) = tally(&run.stdout);
    assert!(added.len() >= 5);
    assert_eq!(added, got);
    assert!(run.stdout.contains("Consumer 99999 sleeping for "));
}

#[test]
fn a_hundred_thousand_consumers_in_real_time() {
    // On the real clock, starting 100000 tasks takes a noticeable moment,
    // so the consumers' sleeps start later than on the paused clock and
    // the run goes differently; what must hold is every item consumed once
    // and the end coming when the last item is processed. The last item is
    // put after its producer's sleeps, all printed (an exact lower bound),
    // and taken at most 5 s later, by a consumer whose sleep ends, plus
    // the start-up moment.
    let real = run("asyncq", &["-p", "5", "-c", "100000"]).success();
    let (added, got) = tally(&real.stdout);
    assert!(added.len() >= 5);
    assert_eq!(added, got);
    let mut slept = HashMap::new();
    for line in real.stdout.lines() {
        if let Some(rest) = line.strip_prefix("Producer ") {
            if let Some((name, secs)) = rest.split_once(" sleeping for ") {
                let secs: f64 =
                    secs.trim_end_matches(" seconds.").parse().unwrap();
                *slept.entry(name).or_insert(0.0) += secs;
            }
        }
    }
    let last_put = slept.values().copied().fold(0.0, f64::max);
    let reported = reported_seconds(&real.stdout);
    assert!(
        reported >= last_put && reported < last_put + 7.5,
        "{reported} vs {last_put}"
    );
    assert!(real.wall >= Duration::from_secs_f64(last_put));
}

#[test]
fn bad_counts_are_usage_errors() {
    let none = run("asyncq", &["-p", "2", "-c", "0"]).usage_error();
    assert!(none.stderr.contains("consumer"), "{}", none.stderr);
    run("asyncq", &["-p", "-1"]).usage_error();
    run("asyncq", &["-c", "many"]).usage_error();
    run("asyncq", &["-c", "100000000000"]).usage_error();
    run("asyncq", &["-p", "1000000"]).usage_error();
    let items = run("asyncq", &["-p", "1000", "--items", "100000"]);
    assert!(items.usage_error().stderr.contains("items"));
    // With nothing to produce, no consumer is needed: ends at once.
    run("asyncq", &["-p", "0", "-c", "0"]).success();
}

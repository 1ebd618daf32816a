//! asyncq: the article's run, the same run as the Python twin's item for
//! item, every item consumed exactly once, the end when the queue is
//! drained, and bad counts refused.

use std::collections::HashMap;
use std::time::Duration;
use tests::twin::{compare, report_sweep, sweep_size, twin, Configs};
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    // A short run (`-p 1 -c 1 --seed 20`); the article's run is checked
    // below, line for line.
    assert_eq!(check_header_transcripts("asyncq"), 1);
}

#[test]
fn timeline_draws_the_wait_on_the_queue() {
    // The header's run: the consumer waits on the empty queue from 1 s to
    // 3 s, inside `q.get()`, whose span draws it waiting (`.`); the
    // producer only sleeps (`-`).
    let args = ["-p", "1", "-c", "1", "--seed", "20", "--virtual-time"];
    let mut args = args.to_vec();
    args.push("--timeline");
    let run = run("asyncq", &args).success();
    let row = |label: &str| -> &str {
        let line = run.stdout.lines().find(|l| l.starts_with(label));
        line.unwrap_or_else(|| panic!("no `{label}` row:\n{}", run.stdout))
    };
    let consumer = &row("consumer 0")["consumer 0  ".len()..];
    let waits = consumer.contains("#.") && consumer.contains(".#");
    assert!(consumer.starts_with("#-") && waits, "{consumer}");
    let producer = row("producer 0");
    assert!(!producer.contains('.'), "{producer}");
    assert!(run.stdout.contains(". waiting (queue"), "{}", run.stdout);
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
    // Only the random bytes differ; which consumer got which item is the
    // article's.
    assert_eq!(number_items(&run.stdout), number_items(&ARTICLE_P2_C5[1..]));
    same_as_twin(&["-p", "2", "-c", "5"]);
}

/// `stdout` with each random item numbered in the order it first appears
/// (`<item 3>`), so that comparing two runs checks which consumer got
/// which item, though the bytes differ from run to run.
fn number_items(stdout: &str) -> String {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::new();
    for line in stdout.lines() {
        let item = line.split(['<', '>']).nth(1).filter(|i| {
            i.len() == 10 && i.bytes().all(|b| b.is_ascii_hexdigit())
        });
        let Some(item) = item else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let k = seen.iter().position(|s| *s == item).unwrap_or_else(|| {
            seen.push(item);
            seen.len() - 1
        });
        out.push_str(&line.replace(item, &format!("item {k}")));
        out.push('\n');
    }
    out
}

/// The items a run printed as added and as got, each with its count.
fn tally(stdout: &str) -> (HashMap<&str, usize>, HashMap<&str, usize>) {
    let mut added = HashMap::new();
    let mut got = HashMap::new();
    for line in stdout.lines() {
        if let Some(item) = line.split(['<', '>']).nth(1) {
            if line.contains(" added <") {
                *added.entry(item).or_insert(0) += 1;
            } else if line.contains(" got element <") {
                *got.entry(item).or_insert(0) += 1;
            }
        }
    }
    (added, got)
}

/// Every item added once and got once, and the end line last.
fn assert_each_item_once(stdout: &str, context: &str) {
    let (added, got) = tally(stdout);
    assert!(added.values().all(|&n| n == 1), "{context}:\n{stdout}");
    assert_eq!(added, got, "{context}:\n{stdout}");
    let last = stdout.lines().last().unwrap_or("");
    assert!(last.starts_with("Program completed in "), "{context}");
}

/// Runs the Rust port (`--virtual-time`) and the twin with `args`; both
/// print the same lines, item for item ([`number_items`]).
///
/// Sleeps begun at different instants may end at the same one; asyncio
/// leaves the order of such timers to the clock. The twin's virtual clock
/// orders them by when they were set, as tokio's timer does, and every
/// other order here (ready tasks first in, first out; the longest-waiting
/// getter woken first) is asyncio's own, so the runs agree line for line.
fn same_as_twin(args: &[&str]) {
    let mut rust_args = args.to_vec();
    rust_args.push("--virtual-time");
    let pair = compare("asyncq", args, &rust_args, number_items);
    let context = format!("asyncq {args:?}");
    assert_each_item_once(&pair.rust, &context);
    assert_each_item_once(&pair.python, &context);
}

#[test]
fn sweep_random_queues_against_the_twin() {
    // 0 to 20 producers and consumers, each configuration with its own
    // seed. Producers without consumers are refused by both.
    let n = sweep_size(20, 100);
    let mut c = Configs::new(0xa5c9);
    for _ in 0..n {
        let (p, k) = (c.range(0, 20).to_string(), c.range(0, 20).to_string());
        let seed = c.range(0, 1_000_000).to_string();
        let args = ["-p", &p, "-c", &k, "--seed", &seed];
        if p != "0" && k == "0" {
            refused_by_both(&args);
        } else {
            same_as_twin(&args);
        }
    }
    report_sweep("asyncq", n);
}

/// Both sides refuse `args`: status 2, nothing on stdout.
fn refused_by_both(args: &[&str]) {
    let rust = run("asyncq", args).usage_error();
    assert!(rust.stderr.contains("consumer"), "{}", rust.stderr);
    assert_eq!(rust.stdout, "");
    let python = twin("asyncq", args);
    assert_eq!(python.code, Some(2), "{}", python.stderr);
    assert_eq!(python.stdout, "");
}

#[test]
fn no_producers_or_no_consumers() {
    // With no producers, the consumers are cancelled before they ever
    // run, as in Python; with producers, none at all is refused by both.
    for args in [["-p", "0", "-c", "5"], ["-p", "0", "-c", "0"]] {
        same_as_twin(&args);
        let mut args = args.to_vec();
        args.push("--virtual-time");
        let run = run("asyncq", &args).success();
        assert_eq!(run.stdout, "Program completed in 0.00000 seconds.\n");
    }
    refused_by_both(&["-p", "2", "-c", "0"]);
}

#[test]
fn every_item_is_consumed_exactly_once() {
    let combos = [("1", "1"), ("5", "2"), ("3", "40"), ("8", "3")];
    for seed in 1..=8 {
        for (p, c) in combos {
            let seed = seed.to_string();
            let args = ["-p", p, "-c", c, "--seed", &seed, "--virtual-time"];
            let run = run("asyncq", &args).success();
            let (added, _) = tally(&run.stdout);
            // Each producer puts 1 to 5 items.
            let nprod: usize = p.parse().unwrap_or(0);
            assert!((nprod..=5 * nprod).contains(&added.len()));
            assert_each_item_once(&run.stdout, &format!("{args:?}"));
        }
    }
}

#[test]
fn far_more_consumers_than_items() {
    let args = ["-p", "2", "-c", "500", "--virtual-time"];
    let run = run("asyncq", &args).success();
    assert_each_item_once(&run.stdout, "-p 2 -c 500");
    let sleepers = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("Consumer ") && l.contains(" sleeping"))
        .count();
    assert!(sleepers >= 500, "{sleepers}");
}

#[test]
fn ten_thousand_consumers_in_virtual_time() {
    let args = ["-p", "5", "-c", "10000", "--virtual-time"];
    let run = run("asyncq", &args).success();
    assert_each_item_once(&run.stdout, "-p 5 -c 10000");
    assert!(run.stdout.contains("Consumer 9999 sleeping for "));
}

#[test]
fn real_time_ten_thousand_consumers() {
    // On the real clock, starting 10000 tasks takes a noticeable moment,
    // so the consumers' sleeps start later than on the paused clock and
    // the run goes differently; what must hold is every item consumed once
    // and the end coming when the last item is processed. The last item is
    // put after its producer's sleeps, all printed (an exact lower bound),
    // and taken at most 5 s later, by a consumer whose sleep ends, plus
    // the start-up moment.
    let real = run("asyncq", &["-p", "5", "-c", "10000"]).success();
    assert_each_item_once(&real.stdout, "real time");
    let mut slept = HashMap::new();
    for line in real.stdout.lines() {
        if let Some(rest) = line.strip_prefix("Producer ") {
            if let Some((name, secs)) = rest.split_once(" sleeping for ") {
                let secs: f64 =
                    secs.trim_end_matches(" seconds.").parse().unwrap_or(0.0);
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
    run("asyncq", &["-p", "-1"]).usage_error();
    run("asyncq", &["-c", "many"]).usage_error();
    run("asyncq", &["-c", "100000000000"]).usage_error();
    run("asyncq", &["-p", "1000000"]).usage_error();
    run("asyncq", &["--seed", "-1"]).usage_error();
    // Benchmark options live in `bench/asyncq-bench`, not in the lesson.
    run("asyncq", &["--items", "5"]).usage_error();
    let bogus = run("asyncq", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    let version = run("asyncq", &["--version"]).success();
    assert!(version.stdout.starts_with("asyncq "), "{}", version.stdout);
}

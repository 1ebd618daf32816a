//! Bad input, for every example in one place: `--help` works, an unknown
//! flag is refused, and each example's own bad values end the program
//! with status 2 and clap's message (1 and a message naming what failed,
//! for what can only fail at run time), never with a panic, a hang or a
//! file left half written.
//!
//! The examples are listed from `examples-crates/` when the tests run, so
//! a new one is covered at once, and `every_option_has_a_row` fails until
//! each option of it that takes a value has a row in [`BAD`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use tests::{root, run_with_limit};

/// How long a run may take before it counts as a hang. A mistake is
/// refused at once; the slowest row, a download that fails among others
/// that succeed, takes about a second.
const LIMIT: Duration = Duration::from_secs(10);

/// A number too large for any integer type the examples use.
const HUGE: &str = "99999999999999999999999";

/// Each example's own bad values: the example, its arguments, the exit
/// status, and a word the message must contain.
///
/// An argument starting with `@` is a path in a fresh scratch folder set
/// up by [`scratch`]: `@file` (an empty file), `@dir` (an empty folder),
/// `@urls.txt` (a list whose third line is no http URL), `@blocked` (a
/// folder where a folder stands in the way of the first demo download);
/// any other name there does not exist. Tests run as root, who can read
/// and write everything, so "unreadable" is a folder given where a file
/// is read, and "unwritable" is a path under a regular file, or a folder
/// given where a file is written. `{refused}` is a URL on 127.0.0.1 whose
/// port nobody listens on.
#[rustfmt::skip]
const BAD: &[Row] = &[
    // Files named on the command line are checked before anything is
    // served, crawled or written.
    ("areq", &["--urls", "@missing", "--out", "@out.txt"], 2, "cannot read"),
    ("areq", &["--urls", "@dir", "--out", "@out.txt"], 2, "cannot read"),
    ("areq", &["--urls", "@urls.txt", "--out", "@out.txt"], 2, "urls.txt:3"),
    ("areq", &["--out", "@file/sub/out.txt"], 2, "cannot write"),
    ("areq", &["--out", "@dir"], 2, "folder"),
    ("areq", &["--out", "@new/"], 2, "folder"),
    ("areq", &["--limit", "0"], 2, "1..=1000"),
    ("areq", &["--limit", "many"], 2, "--limit"),
    ("areq", &["--limit", "1001"], 2, "1..=1000"),
    ("areq", &["--timeout-ms", "-1"], 2, "--timeout-ms"),
    ("areq", &["--timeout-ms", "3600001"], 2, "3600000"),
    ("areq", &["--max-bytes", "0"], 2, "--max-bytes"),
    ("areq", &["--max-bytes", HUGE], 2, "too large"),
    // Each page in flight is held whole: the product is what fills memory.
    ("areq", &["--limit", "1000", "--max-bytes", "1073741824",
               "--out", "@out.txt"], 2, "at most 4 GiB"),

    ("asyncq", &["-p", "two"], 2, "--nprod"),
    ("asyncq", &["-p", "-1"], 2, "--nprod"),
    ("asyncq", &["-p", "100001"], 2, "0..=100000"),
    ("asyncq", &["-c", "1000001"], 2, "0..=1000000"),
    ("asyncq", &["-c", HUGE], 2, "too large"),
    // Nobody would ever take the items out: Python waits forever.
    ("asyncq", &["-p", "2", "-c", "0"], 2, "consumer"),

    ("chained", &["nine"], 2, "nine"),
    ("chained", &["1.5"], 2, "1.5"),
    ("chained", &[HUGE], 2, "too large"),

    ("chess", &["--opponents", "0"], 2, "1..=1000"),
    ("chess", &["--opponents", "many"], 2, "--opponents"),
    ("chess", &["--opponents", HUGE], 2, "too large"),
    ("chess", &["--pairs", "-3"], 2, "--pairs"),
    ("chess", &["--pairs", "101"], 2, "1..=100"),
    ("chess", &["--judit-secs", "x"], 2, "--judit-secs"),
    ("chess", &["--opponent-secs", "86401"], 2, "0..=86400"),
    ("chess", &["--real-time", "--scale", "0"], 2, "0.0001..=1"),
    // Was a panic: real times divided by the scale overflowed.
    ("chess", &["--real-time", "--scale", "1e-300"], 2, "0.0001..=1"),
    ("chess", &["--real-time", "--scale", "2"], 2, "0.0001..=1"),
    ("chess", &["--real-time", "--scale", "NaN"], 2, "--scale"),
    ("chess", &["--real-time", "--scale", "fast"], 2, "--scale"),
    ("chess", &["--scale", "0.1"], 2, "--real-time"),

    // The folder is checked before the demo server starts.
    ("downloader", &["--out-dir", "@missing"], 2, "not a folder"),
    ("downloader", &["--out-dir", "@file"], 2, "not a folder"),
    ("downloader", &["--out-dir", "@file/sub"], 2, "not a folder"),
    ("downloader", &["ftp://example.com/a.zip"], 2, "ftp"),
    ("downloader", &["example.com/a.zip"], 2, "not a URL"),
    ("downloader", &["http://127.0.0.1:9/", "--out-dir", "@dir"], 2,
     "cannot name"),
    ("downloader", &["http://127.0.0.1:9/a.zip", "http://127.0.0.1:9/b/a.zip",
                     "--out-dir", "@dir"], 2, "both"),
    ("downloader", &["--timeout-ms", "0"], 2, "1..=3600000"),
    ("downloader", &["--timeout-ms", "-5"], 2, "--timeout-ms"),
    ("downloader", &["--max-bytes", "x"], 2, "--max-bytes"),
    ("downloader", &["--max-bytes", "1099511627777"], 2, "1099511627776"),
    // Only the download itself finds the folder in its way.
    ("downloader", &["--out-dir", "@blocked"], 1, "1 of 3 downloads failed"),

    ("fetch-urls", &["example.com"], 2, "not a URL"),
    ("fetch-urls", &["ftp://example.com/"], 2, "ftp"),
    ("fetch-urls", &["--timeout-ms", "0"], 2, "1..=3600000"),
    ("fetch-urls", &["--max-bytes", "lots"], 2, "--max-bytes"),
    ("fetch-urls", &["--max-bytes", "-5"], 2, "--max-bytes"),
    ("fetch-urls", &["--max-bytes", "1073741825"], 2, "1073741824"),
    // Every body is held until all are in.
    ("fetch-urls", &["--max-bytes", "1073741824", "http://a/", "http://b/",
                     "http://c/", "http://d/", "http://e/"], 2,
     "at most 4 GiB"),
    ("fetch-urls", &["{refused}"], 1, "1 of 1 URLs failed"),

    ("semaphore", &["--jobs", "0"], 2, "1..=1000000"),
    ("semaphore", &["--jobs", "ten"], 2, "--jobs"),
    ("semaphore", &["--jobs", "1000001"], 2, "1..=1000000"),
    ("semaphore", &["--limit", "-1"], 2, "1..=1000000"),
    ("semaphore", &["--limit", HUGE], 2, "too large"),

    ("threads-vs-tasks", &["-n", "0"], 2, "1..=10000000"),
    ("threads-vs-tasks", &["-n", "many"], 2, "-n"),
    ("threads-vs-tasks", &["-n", "10000001"], 2, "1..=10000000"),
    ("threads-vs-tasks", &["-n", HUGE], 2, "too large"),

    ("workers", &["--gather", "now"], 2, "now"),
];

/// `--seed`, which every example on the shared flags has.
const BAD_SEEDS: &[(&[&str], &str)] = &[
    (&["--seed", "nine"], "--seed"),
    (&["--seed", "-1"], "-1"),
    (&["--seed", HUGE], "too large"),
    (&["--seed"], "--seed"),
];

/// Every example, from `examples-crates/`, sorted.
fn examples() -> Vec<String> {
    let dir = root().join("examples-crates");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples-crates/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.join("Cargo.toml").is_file())
        .map(|path| {
            let name = path.file_name().expect("a crate folder's name");
            name.to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no examples in {}", dir.display());
    names
}

fn help(name: &str) -> String {
    run_with_limit(name, &["--help"], LIMIT).success().stdout
}

#[test]
fn every_example_has_help_and_refuses_an_unknown_flag() {
    for name in examples() {
        let text = help(&name);
        assert!(text.contains("Usage:"), "{name} --help:\n{text}");
        let run = run_with_limit(&name, &["--no-such-flag"], LIMIT);
        let run = run.usage_error();
        assert!(run.stderr.contains("--no-such-flag"), "{run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
    }
}

#[test]
fn the_table_names_only_real_examples() {
    let examples = examples();
    for (name, ..) in BAD {
        assert!(examples.iter().any(|e| e == name), "no example {name}");
    }
}

/// The options in an example's `--help` that take a value, each with its
/// spellings: `["-p", "--nprod"]` for `-p, --nprod <NPROD>`.
fn options_with_values(help: &str) -> Vec<Vec<String>> {
    help.lines()
        .map(str::trim_start)
        .filter(|line| line.starts_with('-'))
        .filter_map(|line| {
            let words: Vec<&str> = line
                .split([' ', ','])
                .take_while(|w| w.is_empty() || w.starts_with(['-', '<']))
                .filter(|w| !w.is_empty())
                .collect();
            let (names, value): (Vec<&str>, Vec<&str>) =
                words.into_iter().partition(|w| w.starts_with('-'));
            let names = names.into_iter().map(String::from).collect();
            (!value.is_empty()).then_some(names)
        })
        .collect()
}

#[test]
fn options_are_read_from_help() {
    let help =
        "Options:\n  -p, --nprod <NPROD>  Producers [default: 5]\n      \
                --quiet          No lines\n  -n <N>  How many\n";
    let found = options_with_values(help);
    assert_eq!(found, [vec!["-p", "--nprod"], vec!["-n"]]);
}

#[test]
fn every_option_has_a_row() {
    for name in examples() {
        let text = help(&name);
        let rows: Vec<&[&str]> = BAD
            .iter()
            .filter(|(example, ..)| *example == name)
            .map(|(_, args, ..)| *args)
            .collect();
        for names in options_with_values(&text) {
            // The shared `--seed` has rows of its own, for every example.
            if names == ["--seed"] {
                continue;
            }
            let given = |args: &&[&str]| {
                names.iter().any(|n| args.contains(&n.as_str()))
            };
            assert!(rows.iter().any(given), "{name} {names:?}: no row in BAD");
        }
        if text.contains("\nArguments:\n") {
            let positional = |args: &&[&str]| {
                args.first().is_some_and(|a| !a.starts_with(['-', '@']))
            };
            assert!(
                rows.iter().any(positional),
                "{name}'s arguments have no row in BAD"
            );
        }
    }
}

/// A fresh scratch folder for one row, holding what the `@` paths of
/// [`BAD`] name.
fn scratch(row: usize) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("bad-input-{}-{row}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("dir")).expect("test setup");
    std::fs::write(dir.join("file"), "").expect("test setup");
    let urls = "# a comment\n\nftp://example.com/\n";
    std::fs::write(dir.join("urls.txt"), urls).expect("test setup");
    let in_the_way = dir.join("blocked/python-3.8.4-docs-html.zip");
    std::fs::create_dir_all(in_the_way).expect("test setup");
    dir
}

/// Every path under `dir`, relative, folders ending in `/`, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).expect("a scratch folder") {
            let path = entry.expect("a directory entry").path();
            let relative = path.strip_prefix(dir).expect("under dir");
            let mut name = relative.to_string_lossy().into_owned();
            if path.is_dir() {
                name.push('/');
                todo.push(path);
            }
            found.push(name);
        }
    }
    found.sort();
    found
}

/// One row of [`BAD`].
type Row = (&'static str, &'static [&'static str], i32, &'static str);

/// Runs one row and checks how it ended.
fn check_row(row: usize, (name, args, status, word): Row) {
    let dir = scratch(row);
    let before = tree(&dir);
    let refusing = tests::RefusedPort::new();
    let refused = refusing.url("page");
    let args: Vec<String> = args
        .iter()
        .map(|arg| match arg.strip_prefix('@') {
            Some(path) => dir.join(path).to_string_lossy().into_owned(),
            None => arg.replace("{refused}", &refused),
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Printed, so that a failing row is named in the test's output.
    println!("row {row}: {name} {args:?}");
    let run = run_with_limit(name, &args, LIMIT);
    let after = tree(&dir);
    if status == 2 {
        let run = run.usage_error();
        assert!(run.stderr.contains(word), "no {word:?} in {run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
        // Refused before anything was written: not a file more or less.
        assert_eq!(after, before, "{run:?}");
    } else {
        assert_eq!(status, 1, "row {row}: a status the table cannot mean");
        let run = run.failure();
        assert!(run.stderr.contains(word), "no {word:?} in {run:?}");
        // What did arrive is whole; nothing unfinished is left behind.
        let partial = after
            .iter()
            .find(|p| p.ends_with(".part") || p.ends_with(".probe"));
        assert_eq!(partial, None, "{run:?}");
    }
    std::fs::remove_dir_all(&dir).expect("scratch cleanup");
}

#[test]
fn each_examples_bad_values_are_refused() {
    for (row, &entry) in BAD.iter().enumerate() {
        check_row(row, entry);
    }
}

#[test]
fn a_bad_seed_is_refused_by_every_example_that_takes_one() {
    let mut checked = 0;
    for name in examples() {
        if !help(&name).contains("--seed <N>") {
            continue;
        }
        for (args, word) in BAD_SEEDS {
            let run = run_with_limit(&name, args, LIMIT).usage_error();
            assert!(run.stderr.contains(word), "no {word:?} in {run:?}");
            assert!(run.stdout.is_empty(), "{run:?}");
            checked += 1;
        }
    }
    assert!(checked > 0, "no example takes --seed");
}

/// clap's message names what was wrong and says where help is, whatever
/// the mistake: a misspelt flag, a flag that needs another, a missing
/// value, a value with a line break in it.
#[test]
fn clap_errors_name_the_mistake_and_point_to_help() {
    let cases: &[(&str, &[&str], &str)] = &[
        ("semaphore", &["--job", "5"], "--jobs"),
        ("chess", &["--scale", "0.5"], "--real-time"),
        ("threads-vs-tasks", &["-n"], "-n"),
        ("chained", &["1\n2"], "invalid value"),
    ];
    for (name, args, word) in cases {
        let run = run_with_limit(name, args, LIMIT).usage_error();
        assert!(run.stderr.contains(word), "no {word:?} in {run:?}");
        assert!(run.stderr.contains("--help"), "{run:?}");
    }
    // A path with a line break, in the examples' own messages: quoted,
    // so the break is shown as `\n` and cannot forge a line.
    let odd = std::env::temp_dir().join("no\nsuch");
    let odd = odd.to_str().expect("a UTF-8 path");
    let run = run_with_limit("areq", &["--urls", odd], LIMIT).usage_error();
    assert!(run.stderr.contains("no\\nsuch"), "{run:?}");
    let run = run_with_limit("downloader", &["--out-dir", odd], LIMIT);
    assert!(run.usage_error().stderr.contains("no\\nsuch"));
}

//! The schedules each page replays: for every example with tasks, the
//! run its page replays, recorded from both programs with their markers
//! on (`examples-crates/NAME/replay.json`, which `UPDATE_TRANSCRIPTS=1`
//! rewrites), the two schedules the same or differing only as the
//! example's `schedule.md` lists, and every listed difference still
//! there. The sweeps compare the schedules of their configurations too
//! (`tests::twin::compare`).

use pages::page_args;
use pages::schedule::{compare, Recording};
use tests::schedule::{
    examples, listing, recording, run_once, same_recording, tolerance,
    unexplained,
};
use tests::{header_transcripts, root, run};

/// The arguments of the run `name`'s page replays: its `schedule.md`'s
/// `run:` line, or else the run its page shows.
fn replayed_args(name: &str) -> Vec<String> {
    listing(name)
        .run
        .unwrap_or_else(|| page_args(&header_transcripts(name)))
}

/// Records a run of `name` with `args`: both programs, markers on; and
/// whether the Rust ran on the real clock.
fn record(name: &str, args: &[String]) -> (Recording, bool) {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let help = run(name, &["--help"]).success().stdout;
    let mut rust_args = args.clone();
    let virtual_time = help.contains("--virtual-time");
    if virtual_time {
        rust_args.push("--virtual-time");
    }
    let real_time = !virtual_time && name != "chess";
    let rust = run_once(false, name, &rust_args).success().stdout;
    let python = run_once(true, name, &args);
    assert_eq!(python.code, Some(0), "{name}: {}", python.stderr);
    let mut rec = recording(name, &python.stdout, &rust);
    rec.python.args = args.iter().map(|a| a.to_string()).collect();
    rec.rust.args = rust_args.iter().map(|a| a.to_string()).collect();
    rec.real_clock = real_time;
    (rec, real_time)
}

#[test]
fn each_example_with_tasks_replays_both_schedules_the_same_or_explained() {
    let names = examples();
    assert!(names.len() >= 16, "{names:?}");
    let runs: Vec<_> = names
        .into_iter()
        .map(|name| {
            std::thread::spawn(move || {
                let page = record(&name, &replayed_args(&name));
                (name, page)
            })
        })
        .collect();
    let update =
        std::env::var_os("UPDATE_TRANSCRIPTS").is_some_and(|v| v == "1");
    let mut problems = Vec::new();
    for handle in runs {
        let (name, (rec, real_time)) = handle.join().expect("a run");
        assert!(!rec.python.events.is_empty(), "{name}: no Python events");
        assert!(!rec.rust.events.is_empty(), "{name}: no Rust events");
        let args: Vec<&str> =
            rec.python.args.iter().map(String::as_str).collect();
        problems.extend(unexplained(&name, &args, &rec, tolerance(real_time)));
        let found = compare(&rec, tolerance(real_time));
        for listed in listing(&name).listed {
            let found = match &listed.shown_by {
                None => found.clone(),
                Some(args) => {
                    let args: Vec<String> =
                        args.split_whitespace().map(str::to_string).collect();
                    let (other, real_time) = record(&name, &args);
                    compare(&other, tolerance(real_time))
                }
            };
            if !listed.kinds().any(|k| found.iter().any(|d| d.kind == k)) {
                problems.push(format!(
                    "{name}: schedule.md lists `{}`, which its run{} no longer shows",
                    listed.kind,
                    listed.shown_by.map(|a| format!(" with {a}")).unwrap_or_default()
                ));
            }
        }
        let path = root()
            .join("examples-crates")
            .join(&name)
            .join("replay.json");
        let kept: Option<Recording> = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok());
        let current = kept
            .as_ref()
            .is_some_and(|k| same_recording(k, &rec, tolerance(real_time)));
        if !current {
            if update {
                let text =
                    serde_json::to_string_pretty(&rec).expect("plain data");
                std::fs::write(&path, text + "\n")
                    .expect("replay.json written");
            } else {
                problems.push(format!(
                    "{}: not what the programs record (UPDATE_TRANSCRIPTS=1 rewrites)",
                    path.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

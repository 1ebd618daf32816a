//! What each reading page shows as the two programs' output: the files
//! `output.python.txt` and `output.rust.txt` beside each example, for the
//! run its page names (its header's first run, without the port's flags).
//! Both come from the virtual clock (in real time where the Rust has
//! none), and each must be what its program prints now, times of day and
//! random bytes masked. `UPDATE_TRANSCRIPTS=1` rewrites them.

use pages::{output_file, page_args, timeline_file, Lang, NETWORK};
use tests::twin::twin;
use tests::{header_transcripts, normalize, root, run, same_but_for_jitter};

/// Whether `kept` still says what `printed` says. threads-vs-tasks
/// measures the machine it runs on (time, memory), so only its words and
/// its counts of finished tasks and threads are compared.
fn same(name: &str, kept: &str, printed: &str) -> bool {
    let (k, p) = (normalize(kept), normalize(printed));
    if REAL_TIME.contains(&name) {
        return shape(&k) == shape(&p);
    }
    if name == "threads-vs-tasks" {
        return measured(&k) == measured(&p);
    }
    k == p || same_but_for_jitter(&p, &k)
}

/// The examples that block a real thread, so that their times and the
/// lengths of their pictures' bars move from run to run.
const REAL_TIME: [&str; 2] = ["countsync", "blocking"];

/// What a real-time run shows for sure: each line's words, a bar as the
/// order of its marks (`=` then `-`, however long each), no numbers, and
/// no axis (a run a hundredth of a second long adds a tick).
fn shape(text: &str) -> Vec<String> {
    let axis = |line: &str| {
        let t = line.trim();
        t.starts_with('+')
            || t.chars().all(|c| c.is_ascii_digit() || " .s".contains(c))
    };
    text.lines()
        .filter(|line| !axis(line))
        .map(|line| {
            let mut out = String::new();
            for c in line.chars() {
                let c = if c.is_ascii_digit() { '0' } else { c };
                if !(out.ends_with(c) && "=-#. 0".contains(c)) {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

/// `text` with every measured figure (a number with a decimal point:
/// seconds, MiB) written `N`; the counts, whole numbers, stay.
fn measured(text: &str) -> String {
    text.split_inclusive([' ', '\n'])
        .map(|word| {
            let bare = word.trim_end();
            let figure = bare.contains('.') && bare.parse::<f64>().is_ok();
            if figure {
                format!("N{}", &word[bare.len()..])
            } else {
                word.to_string()
            }
        })
        .collect()
}

#[test]
fn each_page_shows_what_both_programs_print() {
    let update =
        std::env::var_os("UPDATE_TRANSCRIPTS").is_some_and(|v| v == "1");
    let names: Vec<String> = pages::example_crates(&root())
        .into_iter()
        .filter(|n| !NETWORK.contains(&n.as_str()))
        .collect();
    let runs: Vec<_> = names
        .into_iter()
        .map(|name| {
            std::thread::spawn(move || {
                let args = page_args(&header_transcripts(&name));
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let help = run(&name, &["--help"]).success().stdout;
                let mut rust_args = args.clone();
                if help.contains("--virtual-time") {
                    rust_args.push("--virtual-time");
                }
                let rust = run(&name, &rust_args).success().stdout;
                let python = twin(&name, &args);
                assert_eq!(python.code, Some(0), "{name}: {}", python.stderr);
                // The picture the page draws: what `--timeline` adds.
                let picture = if help.contains("--timeline") {
                    rust_args.push("--timeline");
                    let drawn = run(&name, &rust_args).success().stdout;
                    // On the virtual clock the output before the picture
                    // is the plain run's; in real time it may differ by a
                    // millisecond, and the picture is found by its axis.
                    let picture = match drawn.strip_prefix(&rust) {
                        Some(rest) => rest.trim_start_matches('\n').to_string(),
                        None => {
                            pages::timeline::split(&drawn)
                                .unwrap_or_else(|| panic!("{name}: no picture"))
                                .2
                        }
                    };
                    Some(picture)
                } else {
                    None
                };
                (name, rust, python.stdout, picture)
            })
        })
        .collect();
    let mut stale = Vec::new();
    for handle in runs {
        let (name, rust, python, picture) = handle.join().expect("a run");
        let mut kept = vec![
            (output_file(&root(), &name, Lang::Rust), rust),
            (output_file(&root(), &name, Lang::Python), python),
        ];
        let picture_file = timeline_file(&root(), &name);
        match picture {
            Some(picture) => kept.push((picture_file, picture)),
            None => assert!(!picture_file.exists(), "{name}: draws nothing"),
        }
        for (path, printed) in kept {
            let kept = std::fs::read_to_string(&path).unwrap_or_default();
            if same(&name, &kept, &printed) {
                continue;
            }
            if update {
                std::fs::write(&path, &printed).expect("output written");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "not what the program prints (UPDATE_TRANSCRIPTS=1 rewrites):\n{}",
        stale.join("\n")
    );
}

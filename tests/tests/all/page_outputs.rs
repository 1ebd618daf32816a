//! What each reading page shows as the two programs' output: the files
//! `output.python.txt` and `output.rust.txt` beside each example, for the
//! run its page names (its header's first run, without the port's flags).
//! Both come from the virtual clock (in real time where the Rust has
//! none), and each must be what its program prints now, times of day and
//! random bytes masked. `UPDATE_TRANSCRIPTS=1` rewrites them.
//!
//! The network examples' pages show another run: both programs against
//! one local demo site, in real time, as their pages' commands say; the
//! files keep it with the site's port masked.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use demo_server::{sites, DemoServer, Reply};
use pages::schedule::split;
use pages::{output_file, page_args, timeline_file, Lang, NETWORK};
use tests::schedule::{has_schedule, run_once};
use tests::twin::{has_aiohttp, python, twin};
use tests::{
    bin, header_transcripts, normalize, root, run, same_but_for_jitter,
    scratch, start_command,
};

/// Whether `kept` still says what `printed` says. threads-vs-tasks
/// measures the machine it runs on (time, memory), and downloader the
/// real time its downloads took, so only their words and counts are
/// compared. areq's file gets each page's lines as the page answers, so
/// the file's lines are compared in any order.
fn same(name: &str, kept: &str, printed: &str) -> bool {
    let (k, p) = (normalize(kept), normalize(printed));
    if REAL_TIME.contains(&name) {
        return shape(&k) == shape(&p);
    }
    if name == "threads-vs-tasks" || name == "downloader" {
        return measured(&k) == measured(&p);
    }
    if name == "areq" {
        return file_in_any_order(&k) == file_in_any_order(&p);
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

/// The lines of `text`, those of the file it shows (after `$ cat FILE`
/// and the file's header line) sorted.
fn file_in_any_order(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(cat) = lines.iter().position(|l| l.starts_with("$ cat ")) {
        let body = (cat + 2).min(lines.len());
        lines[body..].sort_unstable();
    }
    lines
}

/// Compares `printed` with what `path` keeps for `name`'s page: rewrites
/// it under `UPDATE_TRANSCRIPTS=1`, or returns its path if stale.
fn keep(name: &str, path: &Path, printed: &str) -> Option<String> {
    let update =
        std::env::var_os("UPDATE_TRANSCRIPTS").is_some_and(|v| v == "1");
    let kept = std::fs::read_to_string(path).unwrap_or_default();
    if same(name, &kept, printed) {
        return None;
    }
    if update {
        std::fs::write(path, printed).expect("output written");
        return None;
    }
    Some(path.display().to_string())
}

#[test]
fn each_page_shows_what_both_programs_print() {
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
                // Where the page replays this run, its schedules come
                // from the same two runs (`tests::schedule::run_once`).
                let (rust, python) = if has_schedule(&name) {
                    let rust = run_once(false, &name, &rust_args).success();
                    let mut python = run_once(true, &name, &args);
                    python.stdout = split(&python.stdout).0;
                    (split(&rust.stdout).0, python)
                } else {
                    (
                        run(&name, &rust_args).success().stdout,
                        twin(&name, &args),
                    )
                };
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
            stale.extend(keep(&name, &path, &printed));
        }
    }
    assert!(
        stale.is_empty(),
        "not what the program prints (UPDATE_TRANSCRIPTS=1 rewrites):\n{}",
        stale.join("\n")
    );
}

#[test]
fn real_time_each_network_page_shows_what_both_print_from_the_demo_site() {
    // Skipped, with a note, without aiohttp (failed with REQUIRE_TWINS=1).
    if !has_aiohttp() {
        eprintln!("note: the network pages' outputs are not checked");
        return;
    }
    let runs: Vec<_> = NETWORK
        .iter()
        .map(|&name| std::thread::spawn(move || (name, demo_run(name))))
        .collect();
    let mut stale = Vec::new();
    for handle in runs {
        let (name, printed) = handle.join().expect("a run");
        assert!(!timeline_file(&root(), name).exists(), "{name}: a picture");
        for (lang, printed) in printed {
            let path = output_file(&root(), name, lang);
            stale.extend(keep(name, &path, &printed));
        }
    }
    assert!(
        stale.is_empty(),
        "not what the program prints (UPDATE_TRANSCRIPTS=1 rewrites):\n{}",
        stale.join("\n")
    );
}

/// Serves `name`'s demo site and runs the two commands its page shows
/// against it, `PORT` their port, each in a scratch folder of its own:
/// what each printed, and then the file it wrote, if the page names one
/// (`--out FILE`), after a `$ cat FILE` line, as a terminal shows them;
/// the port masked.
fn demo_run(name: &'static str) -> Vec<(Lang, String)> {
    let (site, paths): (fn(&str) -> Reply, Vec<&str>) = match name {
        "fetch-urls" => (sites::fetch_urls, sites::FETCH_URLS_PATHS.into()),
        "areq" => (sites::areq, sites::AREQ_PATHS.into()),
        "downloader" => {
            (sites::downloader, sites::DOWNLOADS.map(|(p, _)| p).into())
        }
        _ => panic!("{name}: no demo site"),
    };
    let server = DemoServer::start_in_thread(site).expect("the demo site");
    let urls: Vec<String> =
        paths.iter().map(|p| normalize(&server.url(p))).collect();
    assert_eq!(urls, pages::demo_urls(name), "{name}: the site's pages");
    let page = pages::load(&root(), name)
        .unwrap_or_else(|e| panic!("{name} has no page: {e:?}"));
    let port = format!("127.0.0.1:{}", server.addr().port());
    let args = pages::demo_args(name);
    let out = args.iter().skip_while(|a| *a != "--out").nth(1);
    let script = root().join("examples-crates").join(name);
    let script = script.join(format!("{name}.py"));
    let sides = [
        (
            Lang::Rust,
            page.rust_command,
            format!("cargo run -p {name} --"),
            quoted(&bin(name)),
        ),
        (
            Lang::Python,
            page.python_command,
            format!("python3 examples-crates/{name}/{name}.py"),
            format!("{} -I {}", quoted(Path::new(&python())), quoted(&script)),
        ),
    ];
    sides
        .into_iter()
        .map(|(lang, shown, program, path)| {
            assert!(shown.contains(&program), "{name}: {shown}");
            let line = shown.replacen(&program, &path, 1);
            let line = line.replace("127.0.0.1:PORT", &port);
            let dir = scratch("page-outputs", &format!("{name}-{lang:?}"));
            let mut sh = Command::new("sh");
            sh.arg("-c").arg(&line).current_dir(&dir);
            let run =
                start_command(&mut sh, &shown).finish(Duration::from_secs(60));
            assert_eq!(run.code, Some(0), "{shown}:\n{}", run.stderr);
            let mut printed = run.stdout;
            if let Some(out) = out {
                let file = std::fs::read_to_string(dir.join(out))
                    .unwrap_or_else(|e| panic!("{shown}: {out}: {e}"));
                printed.push_str(&format!("$ cat {out}\n{file}"));
            }
            let _ = std::fs::remove_dir_all(&dir);
            (lang, normalize(&printed))
        })
        .collect()
}

/// `path` quoted for `sh`.
fn quoted(path: &Path) -> String {
    let text = path.to_str().expect("a UTF-8 path");
    format!("'{}'", text.replace('\'', r"'\''"))
}

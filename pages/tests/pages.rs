//! The pages are true to the code: every example has one, the two
//! programs' step markers agree, every link lands, and every transcript a
//! page shows is one the tests run.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use pages::{align, root, site, steps, unescape, Lang, ORDER};

/// The site, generated once into this test binary's own scratch folder.
fn generated() -> &'static (pages::Site, PathBuf) {
    static SITE: std::sync::OnceLock<(pages::Site, PathBuf)> =
        std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pages");
        let site = site(&root());
        pages::write(&site, &out).expect("pages written");
        (site, out)
    })
}

/// The examples that have both a Python twin and a Rust port.
fn with_twins() -> Vec<String> {
    pages::example_crates(&root())
        .into_iter()
        .filter(|n| {
            root()
                .join("examples-crates")
                .join(n)
                .join(format!("{n}.py"))
                .is_file()
        })
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_example_has_a_page() {
    let (site, out) = generated();
    assert!(
        site.missing.is_empty(),
        "examples without a page:\n{}",
        pages::missing_report(&site.missing)
    );
    for name in pages::example_crates(&root()) {
        let page = out.join(pages::page_file(&name));
        assert!(page.is_file(), "no page {}", page.display());
    }
    let index = read(&out.join("index.html"));
    for e in &site.examples {
        let link = format!("href=\"{}\"", pages::page_file(&e.name));
        assert!(index.contains(&link), "the index has no link to {}", e.name);
    }
}

#[test]
fn the_reading_order_names_every_example_once() {
    let listed: BTreeSet<&str> = ORDER.iter().copied().collect();
    assert_eq!(listed.len(), ORDER.len(), "a name twice in pages::ORDER");
    let present = pages::example_crates(&root());
    let present: BTreeSet<&str> = present.iter().map(String::as_str).collect();
    assert_eq!(
        listed, present,
        "pages::ORDER (pages/src/lib.rs) must list exactly the crates in \
         examples-crates/"
    );
}

#[test]
fn step_markers_agree_in_every_example_with_a_twin() {
    let mut problems = Vec::new();
    for name in with_twins() {
        let dir = root().join("examples-crates").join(&name);
        let py_file = format!("{name}.py");
        let python = steps(&read(&dir.join(&py_file)), Lang::Python, &py_file);
        let rust =
            steps(&read(&dir.join("src/main.rs")), Lang::Rust, "src/main.rs");
        match (python, rust) {
            (Ok(p), Ok(r)) => {
                if let Err(e) = align(&p, &r, &py_file) {
                    problems
                        .extend(e.into_iter().map(|e| format!("{name}: {e}")));
                }
                let shared = p
                    .steps
                    .iter()
                    .filter(|s| r.steps.iter().any(|t| t.name == s.name))
                    .count();
                if shared == 0 {
                    problems.push(format!("{name}: no step on both sides"));
                }
            }
            (p, r) => {
                for e in p.err().into_iter().chain(r.err()).flatten() {
                    problems.push(format!("{name}: {e}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

const RUST: &str = "//! Header.\n\nuse std::time::Duration;\n\n\
    // step: count\nfn count() {}\n\n// step: main\nfn main() {}\n";
const PYTHON: &str = "\"\"\"Doc.\"\"\"\n\nimport time\n\n\
    # step: count\ndef count():\n    pass\n\n# step: main\nmain()\n";

fn rust_and_python(
    rust: &str,
    python: &str,
) -> Result<Vec<pages::Row>, String> {
    let r = steps(rust, Lang::Rust, "src/main.rs").map_err(|e| e.join("; "))?;
    let p = steps(python, Lang::Python, "x.py").map_err(|e| e.join("; "))?;
    align(&p, &r, "x.py").map_err(|e| e.join("; "))
}

#[test]
fn the_checker_accepts_matching_markers_and_one_sided_steps() {
    let rows = rust_and_python(RUST, PYTHON).expect("they agree");
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, [pages::PREAMBLE, "count", "main"]);
    assert_eq!(rows[1].rust.as_deref(), Some("fn count() {}"));
    assert_eq!(rows[1].python.as_deref(), Some("def count():\n    pass"));
    let rust = RUST.replace(
        "// step: main",
        "// step: cli\nstruct Cli;\n\n// step: main",
    );
    let rows = rust_and_python(&rust, PYTHON).expect("one-sided is fine");
    assert_eq!(rows[2].name, "cli");
    assert_eq!(
        (rows[2].python.is_none(), rows[2].rust.is_some()),
        (true, true)
    );
}

#[test]
fn the_checker_refuses_broken_markers() {
    let cases = [
        (
            "missing",
            RUST.replace("// step: count\n", "")
                .replace("// step: main\n", ""),
            PYTHON.to_string(),
            "no `// step: NAME` markers",
        ),
        (
            "misspelt",
            RUST.replace("// step: main", "//step: main"),
            PYTHON.to_string(),
            "must read",
        ),
        (
            "duplicated",
            RUST.replace("// step: main", "// step: count"),
            PYTHON.to_string(),
            "marked twice",
        ),
        (
            "unnamed",
            RUST.to_string(),
            PYTHON.replace("# step: main", "# step:"),
            "without a name",
        ),
        (
            "not a word",
            RUST.to_string(),
            PYTHON.replace("# step: main", "# step: Main part"),
            "not one short lowercase word",
        ),
        (
            "empty",
            RUST.replace("fn count() {}", ""),
            PYTHON.to_string(),
            "has no code",
        ),
        (
            "out of order",
            RUST.to_string(),
            PYTHON
                .replace("# step: count", "# step: TMP")
                .replace("# step: main", "# step: count")
                .replace("# step: TMP", "# step: main"),
            "different order",
        ),
    ];
    for (case, rust, python, says) in cases {
        match rust_and_python(&rust, &python) {
            Ok(_) => panic!("{case}: accepted"),
            Err(e) => assert!(e.contains(says), "{case}: {e}"),
        }
    }
}

/// The elements of `html` marked `data-part="PART"` (not the scripts'
/// selectors that look for them).
fn parts(html: &str, part: &str) -> usize {
    let mut markup = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        markup.push_str(&rest[..at]);
        rest = rest[at..]
            .find("</script>")
            .map_or("", |end| &rest[at + end..]);
    }
    markup.push_str(rest);
    markup.matches(&format!("data-part=\"{part}\"")).count()
}

#[test]
fn every_page_has_its_parts() {
    let (site, out) = generated();
    for e in &site.examples {
        let html = read(&out.join(pages::page_file(&e.name)));
        let steps = e.rows.len();
        assert_eq!(parts(&html, "prose"), steps, "{}: prose per step", e.name);
        for part in ["output-python", "output-rust", "copy-rust", "copy-python"]
        {
            assert_eq!(parts(&html, part), 1, "{}: {part}", e.name);
        }
        assert!(!e.output_python.trim().is_empty(), "{}", e.name);
        assert!(!e.output_rust.trim().is_empty(), "{}", e.name);
        let text = unescape(&html);
        assert!(text.contains(&e.python_command), "{}", e.name);
        assert!(text.contains(&e.rust_command), "{}", e.name);
    }
}

#[test]
fn every_example_with_tasks_replays_both_schedules() {
    let (site, out) = generated();
    let mut replayed = Vec::new();
    for e in &site.examples {
        let html = read(&out.join(pages::page_file(&e.name)));
        let Some(replay) = &e.replay else {
            assert_eq!(parts(&html, "replay"), 0, "{}", e.name);
            continue;
        };
        replayed.push(e.name.as_str());
        assert_eq!(parts(&html, "replay"), 1, "{}: the replay", e.name);
        assert!(html.contains("id=\"replay-data\""), "{}", e.name);
        for (lang, side) in [
            ("python", &replay.recording.python),
            ("rust", &replay.recording.rust),
        ] {
            let file = out.join(format!("schedules/{}.{lang}.json", e.name));
            let events: Vec<serde_json::Value> =
                serde_json::from_str(&read(&file)).expect("a JSON list");
            assert_eq!(events.len(), side.events.len(), "{}", file.display());
            assert!(!events.is_empty(), "{}: empty", file.display());
            for event in &events {
                let keys: BTreeSet<&str> = event
                    .as_object()
                    .expect("an object")
                    .keys()
                    .map(String::as_str)
                    .collect();
                assert_eq!(
                    keys,
                    BTreeSet::from(["t", "task", "step", "event"])
                );
                assert!(event["t"].is_f64(), "{event}");
                let kind = event["event"].as_str().expect("a string");
                assert!(["resume", "suspend"].contains(&kind), "{event}");
            }
        }
        // Each listed difference is shown, with its reason.
        let shown = unescape(&pages::strip_tags(&html));
        let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        let words = |html: &str| {
            let text = unescape(&pages::strip_tags(html));
            text.split_whitespace()
                .take(12)
                .collect::<Vec<_>>()
                .join(" ")
        };
        for listed in &replay.listing.listed {
            for part in [&listed.title, &listed.prose] {
                assert!(
                    shown.contains(&words(part)),
                    "{}: {}",
                    e.name,
                    words(part)
                );
            }
        }
    }
    // Every example whose twin runs an event loop and whose Rust draws
    // rows: all but countsync (no event loop), asyncgen (one task, its
    // `main`), threads-vs-tasks (a million bare sleeps) and the network
    // examples (whose order is the network's).
    let expected: Vec<String> = pages::example_crates(&root())
        .into_iter()
        .filter(|n| {
            let dir = root().join("examples-crates").join(n);
            let rust = std::fs::read_to_string(dir.join("src/main.rs"))
                .unwrap_or_default();
            let py = std::fs::read_to_string(dir.join(format!("{n}.py")))
                .unwrap_or_default();
            pages::schedule::has_tasks(&rust, &py)
        })
        .collect();
    let mut replayed: Vec<String> =
        replayed.iter().map(|n| n.to_string()).collect();
    replayed.sort();
    assert_eq!(replayed, expected);
    assert!(replayed.len() >= 16, "{replayed:?}");
    for name in ["countasync", "chess", "semaphore", "asyncq"] {
        assert!(replayed.iter().any(|n| n == name), "{name} is not replayed");
    }
}

#[test]
fn each_steps_prose_names_exactly_the_rust_steps() {
    for name in pages::example_crates(&root()) {
        let dir = root().join("examples-crates").join(&name);
        let prose = read(&dir.join("steps.md"));
        let sections: Vec<String> = pages::sections(&prose)
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| n != "article")
            .collect();
        let source = read(&dir.join("src/main.rs"));
        let rust: Vec<String> = steps(&source, Lang::Rust, "main.rs")
            .expect("steps")
            .steps
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(sections, rust, "{name}: steps.md against src/main.rs");
        for (step, text) in pages::sections(&prose) {
            assert!(!text.trim().is_empty(), "{name}: `{step}` says nothing");
        }
    }
}

#[test]
fn timing_lessons_draw_their_timeline() {
    let (site, out) = generated();
    let mut drawn = Vec::new();
    for e in &site.examples {
        let html = read(&out.join(pages::page_file(&e.name)));
        if parts(&html, "timeline") > 0 {
            assert!(html.contains("<svg class=\"timeline\""), "{}", e.name);
            drawn.push(e.name.as_str());
        }
    }
    for name in [
        "countasync",
        "countsync",
        "blocking",
        "chess",
        "chained",
        "asyncq",
        "semaphore",
        "gather",
        "as-completed",
        "lazy",
        "say-after",
        "say-after-tasks",
        "three-coroutines",
        "hello-world",
        "say-hello",
        "workers",
        "worker-cancel",
    ] {
        assert!(drawn.contains(&name), "{name} has no timeline: {drawn:?}");
    }
}

#[test]
fn the_cheatsheet_links_each_row_to_a_page() {
    let (site, out) = generated();
    let index = read(&out.join("index.html"));
    let start = index
        .find("data-part=\"cheatsheet\"")
        .expect("a cheatsheet");
    let table =
        &index[start..index[start..].find("</table>").expect("end") + start];
    let rows = table.matches("<tr>").count() - 1;
    assert!(rows >= 20, "{rows} rows");
    let links = attribute_values(table, "href");
    assert_eq!(links.len(), rows, "a row without its page");
    for link in links {
        assert!(
            site.examples
                .iter()
                .any(|e| pages::page_file(&e.name) == link),
            "{link}"
        );
    }
}

#[test]
fn rules_shows_the_compilers_errors_and_asyncq_its_queue() {
    let (_, out) = generated();
    let rules = unescape(&read(&out.join("rules.html")));
    assert!(
        rules.contains("error[E0728]"),
        "no rustc error on the rules page"
    );
    assert!(
        rules.contains("SyntaxError"),
        "no Python error on the rules page"
    );
    let asyncq = unescape(&read(&out.join("asyncq.html")));
    assert!(asyncq.contains("src/queue.rs"), "asyncq shows no queue");
    assert!(asyncq.contains("task_done"), "asyncq shows no task_done");
}

fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let key = format!(" {attribute}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            &rest[..rest.find('"').expect("closed attribute")]
        })
        .collect()
}

#[test]
fn no_link_dangles_and_nothing_is_fetched() {
    let (site, out) = generated();
    let pages = site
        .files
        .iter()
        .filter(|(file, _)| file.ends_with(".html"));
    for (file, html) in pages {
        let ids: HashSet<&str> =
            attribute_values(html, "id").into_iter().collect();
        for href in attribute_values(html, "href") {
            let href = unescape(href);
            if href.starts_with("https://play.rust-lang.org/?") {
                // The Playground, with the program in the address.
                continue;
            }
            if href.starts_with("https://") {
                // Only the articles' own addresses leave the site.
                assert!(
                    pages::ARTICLES.iter().any(|a| a.2 == Some(href.as_str())),
                    "{file}: unexpected outside link {href}"
                );
                continue;
            }
            let (target, fragment) =
                href.split_once('#').unwrap_or((&href, ""));
            assert!(
                !target.contains(':') && !target.starts_with('/'),
                "{file}: {href}"
            );
            if !target.is_empty() {
                assert!(target.ends_with(".html"), "{file}: {href}");
                assert!(out.join(target).is_file(), "{file}: {href} dangles");
            }
            if !fragment.is_empty() {
                let page = if target.is_empty() {
                    html.clone()
                } else {
                    read(&out.join(target))
                };
                assert!(
                    page.contains(&format!(" id=\"{fragment}\""))
                        || (target.is_empty() && ids.contains(fragment)),
                    "{file}: {href} names no element"
                );
            }
        }
        for tag in ["<link", "<img", "<iframe", "<script src", "<object"] {
            assert!(!html.contains(tag), "{file}: loads something ({tag})");
        }
        let style = &html[html.find("<style>").expect("a style sheet")
            ..html.find("</style>").expect("its end")];
        for fetch in ["url(", "@import"] {
            assert!(!style.contains(fetch), "{file}: the CSS loads ({fetch})");
        }
        assert!(
            !attribute_values(html, "src").iter().any(|s| !s.is_empty()),
            "{file}"
        );
    }
}

#[test]
fn the_path_names_every_example_once() {
    let path: BTreeSet<&str> = pages::PATH.iter().map(|(n, _)| *n).collect();
    assert_eq!(path.len(), pages::PATH.len(), "a name twice in pages::PATH");
    let listed: BTreeSet<&str> = ORDER.iter().copied().collect();
    assert_eq!(path, listed, "pages::PATH and pages::ORDER");
}

#[test]
fn prev_and_next_follow_the_reading_order() {
    let (site, out) = generated();
    let names: Vec<&str> =
        site.examples.iter().map(|e| e.name.as_str()).collect();
    for (i, name) in names.iter().enumerate() {
        let html = read(&out.join(pages::page_file(name)));
        let prev = i
            .checked_sub(1)
            .map_or("index.html".into(), |p| pages::page_file(names[p]));
        let next = names
            .get(i + 1)
            .map_or("index.html".into(), |n| pages::page_file(n));
        assert!(
            html.contains(&format!("rel=\"prev\" href=\"{prev}\"")),
            "{name}"
        );
        assert!(
            html.contains(&format!("rel=\"next\" href=\"{next}\"")),
            "{name}"
        );
    }
}

#[test]
fn every_step_is_shown_and_no_marker() {
    let (site, out) = generated();
    for e in &site.examples {
        let html = read(&out.join(pages::page_file(&e.name)));
        assert!(!html.contains("step: "), "{}: a marker on the page", e.name);
        for row in &e.rows {
            for (lang, code) in [("Python", &row.python), ("Rust", &row.rust)] {
                let label = format!(
                    "<span class=\"lang {}\">{lang}</span> \u{b7} <span class=\"name\">{}</span>",
                    if lang == "Python" { "py" } else { "rs" },
                    row.name
                );
                assert!(
                    unescape(&html).contains(&label),
                    "{}: no {lang} cell for {}",
                    e.name,
                    row.name
                );
                if let Some(code) = code {
                    let text = unescape(&pages::strip_tags(&html));
                    assert!(
                        text.contains(code.as_str()),
                        "{}: {} not shown whole",
                        e.name,
                        row.name
                    );
                }
            }
        }
    }
}

#[test]
fn writing_replaces_only_its_own_folder() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pages-write");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("scratch");
    let site = site(&root());
    let out = scratch.join("site");
    pages::write(&site, &out).expect("first write");
    std::fs::write(out.join("stale.html"), "old").expect("stale file");
    pages::write(&site, &out).expect("second write");
    assert!(
        !out.join("stale.html").exists(),
        "the old folder was not replaced"
    );
    assert!(out.join("index.html").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(&scratch)
        .expect("scratch")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary folders left: {leftovers:?}");
    let foreign = scratch.join("foreign");
    std::fs::create_dir_all(&foreign).expect("folder");
    std::fs::write(foreign.join("keep.txt"), "mine").expect("file");
    assert!(
        pages::write(&site, &foreign).is_err(),
        "replaced a foreign folder"
    );
    assert!(foreign.join("keep.txt").is_file());
}

#[test]
fn the_from_line_gives_title_and_sections() {
    let a = pages::article(
        "From Real Python's \"Async IO in Python: A Complete Walkthrough\", \
         \"The Event Loop and asyncio.run()\": a coroutine called in \
         isolation \"has little effect\" until it is tied to the loop.",
    )
    .expect("an article");
    assert_eq!(a.title, "Async IO in Python: A Complete Walkthrough");
    assert_eq!(a.sections, ["The Event Loop and asyncio.run()"]);
    assert!(!a.notes);
    let a = pages::article(
        "From \"Asyncio in Python\" (DEV Community), \"Running Multiple \
         Coroutines\" and \"Gathering Tasks\". So that \"x\" shows.",
    )
    .expect("an article");
    assert_eq!(a.by, "published on DEV Community");
    assert_eq!(
        a.sections,
        ["Running Multiple Coroutines", "Gathering Tasks"]
    );
    let a = pages::article(
        "From the notes on Real Python's \"Async IO in Python: A Complete \
         Walkthrough\", \"Limit concurrency\" (`sem = \"a\"`).",
    )
    .expect("an article");
    assert!(a.notes);
    assert_eq!(a.sections, ["Limit concurrency"]);
    assert!(pages::article("From `004_x.txt`, \"Using a Queue\".").is_err());
}

#[test]
fn the_index_follows_the_readmes_table() {
    let readme = read(&pages::root().join("README.md"));
    let table = readme
        .split("<!-- examples:begin -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- examples:end -->").next())
        .expect("README.md's examples table");
    // The crate is the second column, in backticks.
    let crates: Vec<&str> = table
        .lines()
        .filter_map(|row| row.split(" | ").nth(1))
        .filter_map(|cell| cell.strip_prefix('`')?.strip_suffix('`'))
        .collect();
    assert_eq!(crates, pages::ORDER, "README.md's table and pages::ORDER");
}

#[test]
fn each_page_copies_the_standalone_program() {
    let (site, out) = generated();
    for e in &site.examples {
        let html = read(&out.join(pages::page_file(&e.name)));
        let at = html
            .find("data-part=\"copy-rust\"")
            .unwrap_or_else(|| panic!("{}: no copy-rust part", e.name));
        let copied = attribute_values(&html[at..], "data-copy")
            .first()
            .map(|text| unescape(text))
            .unwrap_or_else(|| panic!("{}: nothing to copy", e.name));
        let crate_dir = out.join("standalone").join(&e.name);
        let main = read(&crate_dir.join("src/main.rs"));
        assert_eq!(copied, main, "{}: the button copies another text", e.name);
        assert!(!main.contains("port-only"), "{}", e.name);
        assert!(!main.contains("// step:"), "{}", e.name);
        let manifest = read(&crate_dir.join("Cargo.toml"));
        assert!(!manifest.contains("path ="), "{}: {manifest}", e.name);
        assert!(!manifest.contains("workspace"), "{}: {manifest}", e.name);
    }
    let members = read(&out.join("standalone/Cargo.toml"));
    assert!(members.contains("\"countasync\""), "{members}");
}

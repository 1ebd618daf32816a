//! The shape every example keeps, so that it reads beside its article:
//! its size against its Python twin's, the lesson's functions free of
//! timeline plumbing, headers within 80 columns, step markers that pair
//! with the twin's, sources a reader can find, and Rust a reader can take
//! home: tokio's own runtime, this project named only on the marked
//! lines, nothing unix-only outside `#[cfg(unix)]`.

use std::path::PathBuf;
use tests::root;

/// Every example crate, by folder name.
fn examples() -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(root().join("examples-crates"))
            .expect("examples-crates/")
            .map(|e| {
                e.expect("entry").file_name().to_string_lossy().into_owned()
            })
            .collect();
    names.sort();
    assert!(names.len() >= 22, "{names:?}");
    names
}

fn source(name: &str) -> String {
    let path = root()
        .join("examples-crates")
        .join(name)
        .join("src/main.rs");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn twin(name: &str) -> String {
    let path = root()
        .join("examples-crates")
        .join(name)
        .join(format!("{name}.py"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lines of Rust that do something: no comments, `use` lines, blank lines
/// or lines that only close brackets.
fn rust_code_lines(text: &str) -> usize {
    text.lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("//") && !l.starts_with("use ")
        })
        .filter(|l| !l.chars().all(|c| "})];,".contains(c)))
        .count()
}

/// Lines of Python that do something: no comments, docstrings, imports or
/// blank lines.
fn python_code_lines(text: &str) -> usize {
    let mut count = 0;
    let mut in_doc = false;
    for line in text.lines().map(str::trim) {
        let quotes = line.matches("\"\"\"").count();
        if in_doc {
            in_doc = quotes % 2 == 0;
            continue;
        }
        if line.starts_with("\"\"\"") {
            in_doc = quotes == 1;
            continue;
        }
        let import = line.starts_with("import ") || line.starts_with("from ");
        if !line.is_empty() && !line.starts_with('#') && !import {
            count += 1;
        }
    }
    count
}

#[test]
fn every_example_has_a_python_twin() {
    for name in examples() {
        let path = root()
            .join("examples-crates")
            .join(&name)
            .join(format!("{name}.py"));
        assert!(path.exists(), "{name} has no twin {}", path.display());
    }
}

#[test]
fn examples_fit_their_budget() {
    let mut over = Vec::new();
    for name in examples() {
        let rust = source(&name);
        let lines = rust.lines().count();
        let limit = match name.as_str() {
            "fetch-urls" | "areq" | "downloader" => 250,
            _ => 150,
        };
        if lines > limit {
            over.push(format!("{name}: {lines} lines, budget {limit}"));
        }
        let code = rust_code_lines(&rust);
        let python = python_code_lines(&twin(&name));
        if code > 2 * python + 10 {
            over.push(format!("{name}: {code} code lines, twin {python}"));
        }
    }
    assert!(over.is_empty(), "over budget:\n{}", over.join("\n"));
}

#[test]
fn lines_fit_80_columns() {
    for name in examples() {
        for (n, line) in source(&name).lines().enumerate() {
            let width = line.chars().count();
            assert!(
                width <= 80,
                "{name}/src/main.rs:{}: {width} columns",
                n + 1
            );
        }
    }
}

#[test]
fn lesson_functions_carry_no_timeline() {
    for name in examples() {
        let rust = source(&name);
        for bad in [
            "row: Row",
            "row.sleeping(",
            "row.waiting(",
            ".blocked(",
            "CommonArgs",
            "block_for(",
        ] {
            assert!(!rust.contains(bad), "{name}: `{bad}` in the lesson");
        }
    }
}

/// The step names in `text`, in order, from lines `<prefix> step: NAME`.
fn steps(text: &str, prefix: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            l.trim().strip_prefix(prefix)?.trim().strip_prefix("step:")
        })
        .map(|s| s.trim().to_string())
        .collect()
}

#[test]
fn step_markers_pair_with_the_twin() {
    for name in examples() {
        let rust = steps(&source(&name), "//");
        let python = steps(&twin(&name), "#");
        for (side, list) in [("Rust", &rust), ("Python", &python)] {
            assert!(!list.is_empty(), "{name}: no step markers in the {side}");
            assert!(
                list.iter().all(|s| !s.is_empty()),
                "{name}: an empty step name ({side})"
            );
            let mut sorted = list.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(
                sorted.len(),
                list.len(),
                "{name}: a step named twice ({side})"
            );
        }
        // Steps on both sides come in the same order.
        let shared_r: Vec<&String> =
            rust.iter().filter(|s| python.contains(s)).collect();
        let shared_p: Vec<&String> =
            python.iter().filter(|s| rust.contains(s)).collect();
        assert_eq!(shared_r, shared_p, "{name}: steps in another order");
        assert!(!shared_r.is_empty(), "{name}: no step on both sides");
    }
}

#[test]
fn headers_cite_articles_by_title() {
    for name in examples() {
        let header: String = source(&name)
            .lines()
            .filter_map(|l| l.strip_prefix("//!"))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            header.contains("From "),
            "{name}: the header names no source"
        );
    }
}

/// Files a reader gets with a clone, as git lists them, and the files
/// not yet added.
fn repository_files() -> Vec<PathBuf> {
    let out = std::process::Command::new("git")
        .args(["ls-files", "--cached", "--others", "--exclude-standard"])
        .current_dir(root())
        .output()
        .expect("git runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| root().join(l))
        .collect()
}

#[test]
fn no_file_names_our_copies_of_the_articles() {
    // Spelt in pieces, so that this file does not name them itself.
    let internal =
        [["..", "/shared"].concat(), ["shared", "/articles"].concat()];
    for path in repository_files() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for word in &internal {
            assert!(!text.contains(word), "{} mentions {word}", path.display());
        }
        // Our copies are named by three digits, `_`, sixteen hex digits
        // and `.txt`.
        let bytes = text.as_bytes();
        let found = bytes.windows(24).any(|w| {
            w[..3].iter().all(u8::is_ascii_digit)
                && w[3] == b'_'
                && w[4..20]
                    .iter()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
                && &w[20..24] == b".txt"
        });
        assert!(
            !found,
            "{} names an article by our file name",
            path.display()
        );
    }
}

#[test]
fn counting_code_lines() {
    let rust = "//! header\nuse x;\n\nfn f() {\n    // why\n    g();\n}\n";
    assert_eq!(rust_code_lines(rust), 2);
    let py = "\"\"\"doc\nmore\n\"\"\"\nimport asyncio\n\n# c\nasync def f():\n    pass\n";
    assert_eq!(python_code_lines(py), 2);
    assert_eq!(python_code_lines("\"\"\"one line\"\"\"\nx = 1\n"), 1);
}

/// Every `.rs` file of example `name`, with its path under the example.
fn sources(name: &str) -> Vec<(String, String)> {
    let dir = root().join("examples-crates").join(name).join("src");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("src/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a source");
            let file = p.file_name().expect("a name").to_string_lossy();
            (format!("{name}/src/{file}"), text)
        })
        .collect();
    files.sort();
    files
}

/// Whether `line` names one of this project's own crates.
fn names_the_project(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    ["common", "common_net", "demo_server"].iter().any(|krate| {
        code.match_indices(krate).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            let after = code[at + krate.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && matches!(after, Some(':') | Some(';') | Some(','))
        })
    })
}

#[test]
fn the_project_is_named_only_on_marked_lines() {
    for name in examples() {
        for (path, text) in sources(&name) {
            let naming: Vec<&str> =
                text.lines().filter(|l| names_the_project(l)).collect();
            for line in &naming {
                assert!(
                    line.trim_end().ends_with("// port-only"),
                    "{path}: names the project on an unmarked line: {line}"
                );
            }
            let common = naming
                .iter()
                .filter(|l| {
                    l.split("//").next().unwrap_or("").contains("common")
                })
                .count();
            let most = if path.ends_with("/main.rs") { 2 } else { 0 };
            assert!(common <= most, "{path}: {common} lines name `common`");
        }
    }
    assert!(names_the_project("use common::Extras; // port-only"));
    assert!(names_the_project("    let x = common_net::demo(); "));
    assert!(!names_the_project("// common::Extras in a comment"));
    assert!(!names_the_project("let uncommon = 1;"));
}

#[test]
fn asyncio_run_is_a_current_thread_tokio_runtime() {
    for name in examples() {
        let python = twin(&name);
        let rust = source(&name);
        if python.contains("asyncio.run(") {
            let builder = rust.contains("Builder::new_current_thread()")
                && rust.contains(".block_on(");
            let attribute =
                rust.contains("#[tokio::main(flavor = \"current_thread\"");
            assert!(builder || attribute, "{name}: no current-thread runtime");
        }
        for bad in ["})??", "Ok::<", "#[tokio::main]\n"] {
            assert!(!rust.contains(bad), "{name}: `{bad}`");
        }
    }
}

/// The steps that only the Rust has, and why: a Python program reads its
/// options with a few argparse lines inside its main step, where clap
/// declares them as a struct of their own.
const RUST_ONLY_STEPS: &[&str] = &["cli"];

#[test]
fn every_python_step_has_a_rust_step_of_its_name() {
    for name in examples() {
        let rust = steps(&source(&name), "//");
        let python = steps(&twin(&name), "#");
        for step in &python {
            assert!(rust.contains(step), "{name}: no Rust step `{step}`");
        }
        for step in &rust {
            assert!(
                python.contains(step) || RUST_ONLY_STEPS.contains(&&**step),
                "{name}: Rust step `{step}` has no Python step and is not \
                 in RUST_ONLY_STEPS"
            );
        }
    }
}

/// Every Rust file a reader may build on their own machine: the
/// examples, the asyncio mirrors and the crates behind the extras.
fn portable_sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut todo: Vec<PathBuf> = [
        "examples-crates",
        "compat",
        "common",
        "common-net",
        "demo-server",
    ]
    .iter()
    .map(|d| root().join(d))
    .collect();
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source");
                let shown = path.strip_prefix(root()).unwrap_or(&path);
                files.push((shown.display().to_string(), text));
            }
        }
    }
    files
}

/// The lines of `text` that use a unix-only API outside `#[cfg(unix)]`:
/// the attribute must stand on the line itself or on one of the five
/// before it (an item's attributes and doc lines).
fn ungated_unix(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let unix_only = ["::unix::", "os::unix", "libc::", "SignalKind"]
            .iter()
            .any(|api| code.contains(api));
        let gated = lines[i.saturating_sub(5)..=i]
            .iter()
            .any(|l| l.contains("cfg(unix)"));
        if unix_only && !gated {
            found.push(format!("{}: {}", i + 1, line.trim()));
        }
    }
    found
}

#[test]
fn nothing_unix_only_sits_outside_cfg_unix() {
    let mut ungated = Vec::new();
    for (path, text) in portable_sources() {
        for line in ungated_unix(&text) {
            ungated.push(format!("{path}:{line}"));
        }
    }
    assert!(ungated.is_empty(), "unix-only:\n{}", ungated.join("\n"));
    let gated = "#[cfg(unix)]\nuse tokio::signal::unix::signal;\n";
    assert!(ungated_unix(gated).is_empty());
    let bare = "fn f() {\n    let s = tokio::signal::unix::signal(x);\n}\n";
    assert_eq!(ungated_unix(bare).len(), 1);
}

//! The shape every example keeps, so that it reads beside its article:
//! its size against its Python twin's, the lesson's functions free of
//! timeline plumbing, headers within 80 columns, step markers that pair
//! with the twin's, and sources a reader can find.

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
            "fetch-urls" | "areq" | "downloader" => 200,
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

//! rules: Python's compiler rejects `yield from` in an `async def` and
//! `await` in a plain `def`, and accepts the other two; the Rust binary
//! says the same of Python. The Rust half of each rule is checked by the
//! `rules` crate itself: its doctests, and `tests/error_codes.rs`.

use std::process::Command;
use tests::twin::{assert_same, python, twin_real_time};
use tests::{check_header_transcripts, normalize, root, run};

/// The line the Rust binary prints below each of the twin's lines.
const RUST: &str = "  Rust: ";

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("rules"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let rust = run("rules", &[]).success().stdout;
    let py = twin_real_time("rules", &[]);
    assert_eq!(py.code, Some(0), "rules.py failed:\n{}", py.stderr);
    // Each of the twin's lines, then the Rust binary's own line about the
    // same rule: the Rust prints both, the twin only the first.
    let lines: Vec<&str> = rust.lines().collect();
    assert_eq!(lines.len(), 8, "{rust}");
    for pair in lines.chunks(2) {
        assert!(!pair[0].starts_with(RUST), "{rust}");
        assert!(pair[1].starts_with(RUST), "{rust}");
    }
    let python_lines: String = lines
        .iter()
        .step_by(2)
        .map(|line| format!("{line}\n"))
        .collect();
    assert_same("rules", &[], &python_lines, &py.stdout, &normalize);
    // The verdicts themselves: the two right examples compile, one to a
    // coroutine function and one to an async generator; the two wrong
    // ones are SyntaxErrors.
    let verdicts: Vec<&str> = py.stdout.lines().collect();
    assert!(verdicts[0].ends_with(": compiles, a coroutine function"));
    assert!(verdicts[1].ends_with(": compiles, an async generator function"));
    assert!(verdicts[2].contains(": SyntaxError: "), "{}", py.stdout);
    assert!(verdicts[3].contains(": SyntaxError: "), "{}", py.stdout);
}

/// Every error code the binary names is one a lesson in the library is
/// marked with, which the `rules` crate's own tests check against rustc.
#[test]
fn names_only_the_codes_its_lessons_check() {
    let lib = root().join("examples-crates/rules/src/lib.rs");
    let lib = std::fs::read_to_string(lib).expect("lib.rs");
    let fences: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("/// ```compile_fail"))
        .collect();
    let out = run("rules", &[]).success().stdout;
    let codes: Vec<&str> = out
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() == 5 && w.starts_with("E0"))
        .collect();
    assert_eq!(codes, ["E0658", "E0727", "E0728"], "{out}");
    for code in codes {
        assert!(
            fences.iter().any(|f| f.contains(code)),
            "{code}: {fences:?}"
        );
    }
}

/// Asks Python's `compile()` about the twin's four sources directly,
/// without the twin's own `verdict()`.
#[test]
fn python_rejects_exactly_the_two_wrong_examples() {
    let check = r#"
import sys
sys.path.insert(0, sys.argv[1])
import rules
for name in ["F", "G", "M", "SYNC_M"]:
    try:
        compile(getattr(rules, name), name, "exec")
        print(name, "compiles")
    except SyntaxError as err:
        print(name, "SyntaxError", err.lineno)
"#;
    // `-B`: importing the twin writes no `__pycache__` into the tree.
    let out = Command::new(python())
        .args(["-I", "-B", "-c", check])
        .arg(root().join("examples-crates/rules"))
        .output()
        .expect("python runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The errors are on the line with `yield from` or `await`, the
    // second of each function, not at its `def`.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "F compiles\nG compiles\nM SyntaxError 2\nSYNC_M SyntaxError 2\n"
    );
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("rules", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // Nothing here sleeps or draws: no virtual clock, no seed.
    run("rules", &["--virtual-time"]).usage_error();
    run("rules", &["--seed", "1"]).usage_error();
    let version = run("rules", &["--version"]).success();
    assert!(version.stdout.starts_with("rules "), "{}", version.stdout);
}

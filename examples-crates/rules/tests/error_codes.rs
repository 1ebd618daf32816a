//! Each `compile_fail` example in `src/lib.rs` fails with exactly the
//! error codes its fence names (`compile_fail,E0728`).
//!
//! Stable rustdoc checks only that such an example fails to compile, not
//! why, so a lesson could fail for a reason it does not teach (a typo, a
//! missing import) and still pass. This test compiles each example alone,
//! as a library, with the rustc that `RUSTC` names (or `rustc`), and
//! reads the codes from its JSON diagnostics.

mod compile_fail;

use compile_fail::{examples, Example};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What rustc reported for one example.
#[derive(Debug)]
struct Errors {
    /// The codes of its errors, sorted, without repeats.
    codes: Vec<String>,
    /// The messages of its errors that have no code (syntax errors).
    uncoded: Vec<String>,
}

/// Compiles `example` as a library crate of its own in `dir`.
fn rustc(example: &Example, dir: &Path) -> Errors {
    let file = dir.join(format!("example_{}.rs", example.line));
    std::fs::write(&file, &example.source).expect("scratch file");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc)
        // The crate's folder, so that a toolchain file there would apply.
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--edition", "2021", "--crate-type", "lib"])
        .args(["--error-format", "json", "--emit", "metadata"])
        .args(["-A", "warnings", "--out-dir"])
        .arg(dir)
        .arg(&file)
        .output()
        .expect("rustc runs");
    assert!(!output.status.success(), "lib.rs:{} compiles", example.line);
    let mut errors = Errors {
        codes: Vec::new(),
        uncoded: Vec::new(),
    };
    // One JSON object per line. A quote inside a JSON string is escaped,
    // so the first `"message":` and `"code":` are the diagnostic's own,
    // not those of its children or explanation.
    for diagnostic in String::from_utf8_lossy(&output.stderr).lines() {
        if !diagnostic.contains(r#""level":"error""#) {
            continue;
        }
        let message = field(diagnostic, r#""message":""#, '"');
        if message.starts_with("aborting due to") {
            continue;
        }
        match field(diagnostic, r#""code":"#, ',') {
            "null" => errors.uncoded.push(message.to_string()),
            _ => errors
                .codes
                .push(field(diagnostic, r#""code":{"code":""#, '"').into()),
        }
    }
    errors.codes.sort();
    errors.codes.dedup();
    errors
}

/// The text after the first `key` in `json`, up to `end`.
fn field<'a>(json: &'a str, key: &str, end: char) -> &'a str {
    let (_, rest) = json.split_once(key).unwrap_or(("", ""));
    rest.split(end).next().unwrap_or("")
}

/// A fresh folder for this test's files, under cargo's scratch folder
/// for integration tests.
fn scratch() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("rules-error-codes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

#[test]
fn each_compile_fail_example_fails_with_the_codes_it_names() {
    let examples = examples();
    // E0277, E0308, E0658 + E0727, E0658 (yield from), E0728.
    assert_eq!(examples.len(), 5, "{examples:#?}");
    let dir = scratch();
    for example in &examples {
        let errors = rustc(example, &dir);
        assert_eq!(
            errors.codes, example.codes,
            "lib.rs:{}: rustc says {errors:?}",
            example.line
        );
        // `yield from` is a syntax error, which has no code: the fence
        // can only name the other error rustc reports. Check the syntax
        // error is there, and that no other example has one.
        let syntax = example.source.contains("yield from");
        assert_eq!(
            !errors.uncoded.is_empty(),
            syntax,
            "lib.rs:{}: {errors:?}",
            example.line
        );
        if syntax {
            assert!(errors.uncoded[0].contains("found `gen`"), "{errors:?}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_rule_of_the_article_has_its_code() {
    let named: Vec<String> =
        examples().into_iter().flat_map(|e| e.codes).collect();
    // await outside async, yield in async, not awaitable, not awaited.
    for code in ["E0728", "E0727", "E0277", "E0308"] {
        assert!(named.iter().any(|c| c == code), "no {code} in {named:?}");
    }
}

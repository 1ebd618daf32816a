//! The `compile_fail` examples in `src/lib.rs`, as rustdoc compiles them:
//! read by `error_codes.rs` (for their codes) and `lessons.rs` (for
//! their place in `lessons.md`).

use std::path::Path;

/// A `compile_fail` example from the library's documentation.
#[derive(Debug)]
pub struct Example {
    /// Its fence's line in `src/lib.rs`, for messages.
    pub line: usize,
    /// The error codes its fence names, sorted.
    pub codes: Vec<String>,
    /// Its code, hidden lines (`# ...`) included, as rustdoc compiles it.
    pub source: String,
}

/// Every `compile_fail` example in `src/lib.rs`, in order.
pub fn examples() -> Vec<Example> {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs");
    let text = std::fs::read_to_string(lib).expect("src/lib.rs");
    let mut found = Vec::new();
    // Inside a fenced block: `Some(Some(..))` if it is `compile_fail`.
    let mut block: Option<Option<Example>> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start();
        let Some(doc) = line
            .strip_prefix("///")
            .or_else(|| line.strip_prefix("//!"))
        else {
            continue;
        };
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        if let Some(info) = doc.strip_prefix("```") {
            match block.take() {
                None => block = Some(fence(info, i + 1)),
                Some(Some(example)) => found.push(example),
                Some(None) => {}
            }
        } else if let Some(Some(example)) = &mut block {
            // rustdoc hides `# ` lines from the page but compiles them.
            let code = match doc {
                "#" => "",
                _ => doc.strip_prefix("# ").unwrap_or(doc),
            };
            example.source.push_str(code);
            example.source.push('\n');
        }
    }
    assert!(block.is_none(), "an unclosed code block in lib.rs");
    found
}

/// A new example if the fence's `info` string says `compile_fail`.
fn fence(info: &str, line: usize) -> Option<Example> {
    let words: Vec<&str> = info.split(',').map(str::trim).collect();
    if !words.contains(&"compile_fail") {
        return None;
    }
    let mut codes: Vec<String> = words
        .iter()
        .filter(|w| w.len() == 5 && w.starts_with('E'))
        .map(|w| w.to_string())
        .collect();
    codes.sort();
    Some(Example {
        line,
        codes,
        source: String::new(),
    })
}

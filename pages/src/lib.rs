//! The reading pages: one static HTML page per example with its Python
//! twin and its Rust port side by side, step against step, and an index.
//!
//! Everything on a page comes from the two files themselves: the Rust's
//! `//!` header (what it shows, the article it ports, the transcripts,
//! the Python -> Rust table) and the `// step: NAME` / `# step: NAME`
//! markers that cut both programs into the same steps. The README's
//! example table gives the order. A page needs nothing from elsewhere: the
//! style sheet and the few lines of script are inline, and the code is
//! highlighted here, once, not in the browser.

pub mod highlight;
mod render;
pub mod schedule;
pub mod standalone;
pub mod timeline;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use highlight::Lang;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("pages/ sits in the workspace root")
        .to_path_buf()
}

/// `text` with the five HTML special characters escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The text of escaped HTML: the entities [`escape`] and the template
/// engine write (`&lt;`, `&#x2f;`, `&#39;`) turned back into characters.
pub fn unescape(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "amp" => Some('&'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#')?.parse().ok())
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `html` without its tags (no comments or scripts expected).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The lines of a Rust source's `//!` header, without the `//! ` prefix.
pub fn header_lines(source: &str) -> Vec<&str> {
    source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect()
}

/// One `$ cargo run -p NAME -- ARGS` block of a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    /// The command line as the header shows it, without the `$ `.
    pub command: String,
    /// The arguments after `--`.
    pub args: Vec<String>,
    /// The lines the header shows below the command.
    pub expected: String,
}

/// The transcripts in the header of `name`'s `source`: every fenced
/// `text` block that starts with `$ cargo run -p NAME`. The tests read
/// headers through this function too, so a page shows exactly the
/// transcripts they run.
pub fn header_transcripts(source: &str, name: &str) -> Vec<Transcript> {
    let header = header_lines(source);
    let command = format!("$ cargo run -p {name}");
    let mut found = Vec::new();
    let mut lines = header.iter();
    while let Some(line) = lines.next() {
        if line.trim() != "```text" {
            continue;
        }
        let block: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim() != "```")
            .copied()
            .collect();
        let Some(first) = block.first() else { continue };
        let Some(rest) = first.strip_prefix(&command) else {
            continue;
        };
        let args = rest
            .trim()
            .strip_prefix("--")
            .unwrap_or("")
            .split_whitespace()
            .map(String::from)
            .collect();
        let mut expected = block[1..].join("\n");
        expected.push('\n');
        let shown = first.strip_prefix("$ ").unwrap_or(first);
        found.push(Transcript {
            command: shown.trim_end().to_string(),
            args,
            expected,
        });
    }
    found
}

/// A part of the header, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph, its lines joined by spaces (inline markdown).
    Paragraph(String),
    /// A fenced block's lines, and its info string (`text`).
    Fence(String, Vec<String>),
    /// A markdown table's rows of cells; the separator row left out.
    Table(Vec<Vec<String>>),
}

/// The header of `source`, as paragraphs, fenced blocks and tables.
pub fn header_blocks(source: &str) -> Vec<Block> {
    let lines = header_lines(source);
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            i += 1;
        } else if let Some(info) = line.trim().strip_prefix("```") {
            let body: Vec<String> = lines[i + 1..]
                .iter()
                .take_while(|l| l.trim() != "```")
                .map(|l| l.to_string())
                .collect();
            i += body.len() + 2;
            blocks.push(Block::Fence(info.trim().to_string(), body));
        } else if line.starts_with('|') {
            let mut rows = Vec::new();
            while i < lines.len() && lines[i].starts_with('|') {
                let cells = split_row(lines[i]);
                let separator = cells.iter().all(|c| {
                    !c.is_empty() && c.chars().all(|x| "-: ".contains(x))
                });
                if !separator {
                    rows.push(cells);
                }
                i += 1;
            }
            blocks.push(Block::Table(rows));
        } else {
            let mut text = Vec::new();
            while i < lines.len()
                && !lines[i].trim().is_empty()
                && !lines[i].trim().starts_with("```")
                && !lines[i].starts_with('|')
            {
                text.push(lines[i].trim());
                i += 1;
            }
            blocks.push(Block::Paragraph(text.join(" ")));
        }
    }
    blocks
}

/// The cells of a markdown table row: split at `|` outside backticks,
/// `\|` kept as `|`.
pub fn split_row(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut cells = vec![String::new()];
    let mut code = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let cell = cells.last_mut().expect("one cell at least");
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '`' => {
                code = !code;
                cell.push(c);
            }
            '|' if !code => cells.push(String::new()),
            c => cell.push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// Inline markdown as HTML: `code` spans, the rest escaped.
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    for (n, part) in text.split('`').enumerate() {
        if n % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// An article, as `articles/README.md` says to cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The title, as the article gives it.
    pub title: &'static str,
    /// Author and/or publisher.
    pub by: &'static str,
    /// Where it can be read, where known.
    pub url: Option<&'static str>,
    /// Whether the header cites the notes page that quotes it.
    pub notes: bool,
    /// The sections the header names, in its order.
    pub sections: Vec<String>,
}

/// The five articles: title, author or publisher, address where known.
pub const ARTICLES: &[(&str, &str, Option<&str>)] = &[
    (
        "Async IO in Python: A Complete Walkthrough",
        "Brad Solomon, Real Python",
        Some("https://realpython.com/async-io-python/"),
    ),
    (
        "Asynchronous I/O (asyncio)",
        "personal notes by Petter Holt Juliussen",
        None,
    ),
    ("A Guide to Python asyncio", "published on Medium", None),
    (
        "An Introduction to Python Async IO",
        "a Python tutorial blog",
        None,
    ),
    ("Asyncio in Python", "published on DEV Community", None),
];

/// The quoted strings of `text`'s first sentence that stand outside
/// parentheses, in order, each with whether only commas, spaces, `and`
/// or parentheses stand between it and the one before (a list of
/// sections, not a quote in a sentence).
fn quoted_in_first_sentence(text: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut between = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '"' => {
                let start = i + 1;
                let len = chars[start..].iter().position(|c| *c == '"');
                let Some(len) = len else { break };
                if depth == 0 {
                    let words = between
                        .split([',', ' '])
                        .filter(|w| !w.is_empty() && *w != "and")
                        .count();
                    let quote = chars[start..start + len].iter().collect();
                    found.push((quote, words == 0));
                    between.clear();
                }
                i = start + len;
            }
            '.' if depth == 0
                && chars.get(i + 1).is_none_or(|c| c.is_whitespace()) =>
            {
                break
            }
            c if depth == 0 => between.push(c),
            _ => {}
        }
        i += 1;
    }
    found
}

/// The article a `From ...` paragraph cites, with its sections.
pub fn article(from: &str) -> Result<Article, String> {
    let quoted = quoted_in_first_sentence(from);
    let position = quoted
        .iter()
        .position(|q| ARTICLES.iter().any(|a| a.0 == q.0.as_str()));
    let Some(position) = position else {
        return Err("its header's `From ...` line names no article by \
                    its exact title (see the articles table in README.md)"
            .into());
    };
    let (title, by, url) = *ARTICLES
        .iter()
        .find(|a| a.0 == quoted[position].0)
        .expect("found above");
    Ok(Article {
        title,
        by,
        url,
        notes: from.starts_with("From the notes on")
            || from.starts_with("From notes on"),
        sections: quoted[position + 1..]
            .iter()
            .take_while(|q| q.1)
            .map(|q| q.0.clone())
            .collect(),
    })
}

/// One step of a program: the code under a `step:` marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The marker's name.
    pub name: String,
    /// The marker's line number in the file (from 1).
    pub line: usize,
    /// The code up to the next marker, markers left out, without the
    /// blank lines at either end.
    pub code: String,
}

/// A program cut at its markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Steps {
    /// The code before the first marker, after the header or docstring.
    pub preamble: String,
    /// The steps in file order.
    pub steps: Vec<Step>,
}

fn trim_blank_lines(lines: &[&str]) -> String {
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].join("\n"),
        _ => String::new(),
    }
}

/// How many leading lines of a Python file are its shebang and module
/// docstring.
fn python_prologue(lines: &[&str]) -> usize {
    let mut i = 0;
    if lines.first().is_some_and(|l| l.starts_with("#!")) {
        i = 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let Some(first) = lines.get(i) else { return i };
    let first = first.trim_start_matches(['r', 'R']);
    for quote in ["\"\"\"", "'''"] {
        if let Some(rest) = first.strip_prefix(quote) {
            if rest.contains(quote) {
                return i + 1;
            }
            let close = lines[i + 1..].iter().position(|l| l.contains(quote));
            return close.map_or(lines.len(), |c| i + c + 2);
        }
    }
    i
}

/// `source` (`file` names it in messages) cut at its step markers: the
/// problems with its markers if it has any.
pub fn steps(
    source: &str,
    lang: Lang,
    file: &str,
) -> Result<Steps, Vec<String>> {
    let lines: Vec<&str> = source.lines().collect();
    let (skip, comment) = match lang {
        Lang::Rust => (header_lines(source).len(), "//"),
        Lang::Python => (python_prologue(&lines), "#"),
    };
    let marker = format!("{comment} step:");
    let mut problems = Vec::new();
    let mut preamble = Vec::new();
    let mut steps: Vec<(String, usize, Vec<&str>)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, line) in lines.iter().enumerate().skip(skip) {
        let number = n + 1;
        let trimmed = line.trim();
        // A comment that looks like a marker but is not spelled as one
        // (`//step:`, `# Step:`) is a marker gone missing.
        let loose = trimmed
            .strip_prefix(comment)
            .map(|r| r.trim_start_matches(['/', '#', '!', ' ']))
            .is_some_and(|r| r.to_lowercase().starts_with("step:"));
        let Some(name) = trimmed.strip_prefix(&marker) else {
            if loose {
                problems.push(format!(
                    "{file}:{number}: a step marker must read \
                     `{marker} NAME`, not `{trimmed}`"
                ));
            }
            match steps.last_mut() {
                Some(step) => step.2.push(line),
                None => preamble.push(*line),
            }
            continue;
        };
        let name = name.trim();
        if name.is_empty() {
            problems
                .push(format!("{file}:{number}: a step marker without a name"));
        } else if !name.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
        }) || !name.starts_with(|c: char| c.is_ascii_lowercase())
        {
            problems.push(format!(
                "{file}:{number}: step name `{name}` is not one short \
                 lowercase word"
            ));
        } else if let Some(first) = seen.get(name) {
            problems.push(format!(
                "{file}:{number}: step `{name}` is marked twice (first on \
                 line {first})"
            ));
        }
        seen.entry(name.to_string()).or_insert(number);
        steps.push((name.to_string(), number, Vec::new()));
    }
    if steps.is_empty() {
        problems.push(format!("{file} has no `{marker} NAME` markers"));
    }
    let steps: Vec<Step> = steps
        .into_iter()
        .map(|(name, line, code)| Step {
            name,
            line,
            code: trim_blank_lines(&code),
        })
        .collect();
    for step in &steps {
        if step.code.is_empty() && !step.name.is_empty() {
            problems.push(format!(
                "{file}:{}: step `{}` has no code before the next marker",
                step.line, step.name
            ));
        }
    }
    if problems.is_empty() {
        Ok(Steps {
            preamble: trim_blank_lines(&preamble),
            steps,
        })
    } else {
        Err(problems)
    }
}

/// One row of the side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The step's name.
    pub name: String,
    /// The Python's code for it, if the Python has the step.
    pub python: Option<String>,
    /// The Rust's code for it, if the Rust has the step.
    pub rust: Option<String>,
}

/// The rows of the two programs side by side: the steps both have, in
/// their common order, and each one-sided step where it stands. Fails if
/// the steps both have come in a different order.
pub fn align(
    python: &Steps,
    rust: &Steps,
    py_file: &str,
) -> Result<Vec<Row>, Vec<String>> {
    let py: Vec<&Step> = python.steps.iter().collect();
    let rs: Vec<&Step> = rust.steps.iter().collect();
    let in_py = |n: &str| py.iter().any(|s| s.name == n);
    let in_rs = |n: &str| rs.iter().any(|s| s.name == n);
    let common_py: Vec<&str> = py
        .iter()
        .map(|s| s.name.as_str())
        .filter(|n| in_rs(n))
        .collect();
    let common_rs: Vec<&str> = rs
        .iter()
        .map(|s| s.name.as_str())
        .filter(|n| in_py(n))
        .collect();
    if common_py != common_rs {
        return Err(vec![format!(
            "the steps both files have come in a different order: {} in \
             {py_file}, {} in src/main.rs",
            common_py.join(", "),
            common_rs.join(", ")
        )]);
    }
    let mut rows = Vec::new();
    if !python.preamble.is_empty() || !rust.preamble.is_empty() {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        rows.push(Row {
            name: PREAMBLE.to_string(),
            python: some(&python.preamble),
            rust: some(&rust.preamble),
        });
    }
    let (mut i, mut j) = (0, 0);
    while i < py.len() || j < rs.len() {
        if i < py.len() && !in_rs(&py[i].name) {
            rows.push(Row {
                name: py[i].name.clone(),
                python: Some(py[i].code.clone()),
                rust: None,
            });
            i += 1;
        } else if j < rs.len() && !in_py(&rs[j].name) {
            rows.push(Row {
                name: rs[j].name.clone(),
                python: None,
                rust: Some(rs[j].code.clone()),
            });
            j += 1;
        } else {
            rows.push(Row {
                name: py[i].name.clone(),
                python: Some(py[i].code.clone()),
                rust: Some(rs[j].code.clone()),
            });
            i += 1;
            j += 1;
        }
    }
    Ok(rows)
}

/// The name of the row for the code above the first marker.
pub const PREAMBLE: &str = "top of file";

/// The examples in reading order: by article (the order of the articles
/// table in the README), and within an article in the order of its
/// sections. The index groups them by the article each header cites; a
/// test checks that this list names exactly the crates in
/// `examples-crates/`. (The README's example table is generated, so the
/// order lives here rather than being parsed from it.)
pub const ORDER: &[&str] = &[
    // "Async IO in Python: A Complete Walkthrough"
    "countasync",
    "countsync",
    "chess",
    "chained",
    "asyncq",
    "rules",
    "asyncgen",
    "lazy",
    "threads-vs-tasks",
    "blocking",
    "areq",
    // The notes on the walkthrough.
    "gather",
    "as-completed",
    "semaphore",
    // "A Guide to Python asyncio"
    "say-after",
    "say-after-tasks",
    "worker-cancel",
    "downloader",
    // "An Introduction to Python Async IO"
    "hello-world",
    "three-coroutines",
    // "Asyncio in Python"
    "say-hello",
    "workers",
    "fetch-urls",
];

/// The crates in `examples-crates/`, sorted.
pub fn example_crates(root: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(root.join("examples-crates"))
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter(|e| e.path().join("Cargo.toml").is_file())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
    names.sort();
    names
}

/// Everything one page shows.
#[derive(Debug, Clone)]
pub struct Example {
    /// The crate.
    pub name: String,
    /// The Python twin's file name.
    pub python_file: String,
    /// The header's first paragraph: what the example shows.
    pub lead: String,
    /// The header's other paragraphs before the `From` line.
    pub about: Vec<String>,
    /// The `From` paragraph.
    pub from: String,
    /// The article it cites.
    pub article: Article,
    /// The paragraphs after the `From` line (how to run it).
    pub run_notes: Vec<String>,
    /// The header's transcripts.
    pub transcripts: Vec<Transcript>,
    /// The Python -> Rust table, header row first.
    pub table: Vec<Vec<String>>,
    /// The side-by-side rows.
    pub rows: Vec<Row>,
    /// The standalone copy's `src/main.rs`, whole.
    pub rust_copy: String,
    /// The Rust Playground with the copy in it, if it can run it.
    pub playground: Option<String>,
    /// What the page is about, as a reader would look for it.
    pub title: String,
    /// Each step's prose, as HTML, by step name (`steps.md`).
    pub prose: HashMap<String, String>,
    /// What the article printed for this program, and how ours differs
    /// (as HTML), where it printed a run.
    pub article_run: Option<(String, String)>,
    /// The Python twin, whole, without its step markers.
    pub python_copy: String,
    /// The modules besides `main.rs` that the copy holds: the asyncio
    /// mirrors and the example's own helpers.
    pub mirrors: Vec<Mirror>,
    /// The commands of the run the page shows, and what each printed.
    pub python_command: String,
    /// See [`Example::python_command`].
    pub rust_command: String,
    /// What the Python twin printed (`output.python.txt`).
    pub output_python: String,
    /// What the Rust printed (`output.rust.txt`).
    pub output_rust: String,
    /// How the two outputs may differ, if they may.
    pub output_note: String,
    /// Whether the Rust ran on the real clock (it blocks the thread).
    pub real_time: bool,
    /// The `--timeline` picture as the program prints it, if it draws one
    /// (`output.timeline.txt`).
    pub timeline_text: String,
    /// The command that draws it.
    pub timeline_command: String,
    /// The compiler's lessons (`lessons.md`), as HTML, if it has any.
    pub lessons: Option<String>,
    /// The run its page replays, where it has tasks: both schedules
    /// (`replay.json`) and their listed differences (`schedule.md`).
    pub replay: Option<Replay>,
}

/// An example's replay: its recorded run and its listed differences.
#[derive(Debug, Clone)]
pub struct Replay {
    /// Both programs' schedules and outputs.
    pub recording: schedule::Recording,
    /// How they differ, and why.
    pub listing: schedule::Listing,
}

/// Reads `dir`'s `replay.json` and `schedule.md`, where the example has
/// tasks; what is wrong, if anything is.
fn replay(
    dir: &Path,
    rust: &str,
    python: Option<&str>,
) -> Result<Option<Replay>, String> {
    if !python.is_some_and(|p| schedule::has_tasks(rust, p)) {
        return Ok(None);
    }
    let text =
        std::fs::read_to_string(dir.join("replay.json")).map_err(|_| {
            "no replay.json: `UPDATE_TRANSCRIPTS=1 cargo test` records it"
                .to_string()
        })?;
    let recording =
        serde_json::from_str(&text).map_err(|e| format!("replay.json: {e}"))?;
    let listing = match std::fs::read_to_string(dir.join("schedule.md")) {
        Ok(text) => {
            schedule::listing(&text).map_err(|e| format!("schedule.md: {e}"))?
        }
        Err(_) => schedule::Listing::default(),
    };
    Ok(Some(Replay { recording, listing }))
}

/// A module of the standalone copy besides `main.rs`.
#[derive(Debug, Clone)]
pub struct Mirror {
    /// Its file in the copy: `src/queue.rs`.
    pub file: String,
    /// The first line of its `//!` comment.
    pub summary: String,
    /// Its code.
    pub code: String,
}

/// Markdown (a step's prose, a note) as HTML.
pub fn markdown(text: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new(text);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// A `steps.md`: each `## NAME` section's Markdown, in order.
pub fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut fence = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fence = !fence;
        }
        match line.strip_prefix("## ").filter(|_| !fence) {
            Some(name) => out.push((name.trim().to_string(), String::new())),
            None => {
                if let Some((_, body)) = out.last_mut() {
                    body.push_str(line);
                    body.push('\n');
                }
            }
        }
    }
    out
}

/// The article's run in an `## article` section: its first fenced block,
/// and the Markdown after it.
fn article_run(section: &str) -> Option<(String, String)> {
    let start = section.find("```")?;
    let body_start = start + section[start..].find('\n')? + 1;
    let end = body_start + section[body_start..].find("\n```")?;
    let text = section[body_start..end].to_string() + "\n";
    let after = &section[end + 4..];
    let after = after.split_once('\n').map_or("", |(_, rest)| rest);
    Some((text, markdown(after.trim())))
}

/// What each example is about, in the order a newcomer should read them:
/// the path the index starts with, and each page's title.
pub const PATH: &[(&str, &str)] = &[
    ("say-hello", "A coroutine: async fn and .await"),
    ("hello-world", "Giving the thread up at an await"),
    ("countasync", "gather: three sleeps at once"),
    ("countsync", "time.sleep blocks: the same, synchronously"),
    ("say-after", "Awaiting coroutines one after another"),
    ("say-after-tasks", "create_task: tokio::spawn"),
    ("three-coroutines", "Tasks that finish in their own order"),
    (
        "workers",
        "create_task or gather: results in argument order",
    ),
    ("lazy", "Futures are lazy; spawned tasks are not"),
    ("gather", "gather of tasks, and what a task is"),
    ("as-completed", "as_completed: results as they finish"),
    ("chained", "Chaining coroutines"),
    ("asyncgen", "Async generators: a Stream"),
    ("rules", "The rules of async, checked by the compiler"),
    ("blocking", "Blocking calls and run_in_executor"),
    ("threads-vs-tasks", "A million tasks, thousands of threads"),
    ("semaphore", "Semaphore: limiting concurrency"),
    ("asyncq", "Queue and join: producers and consumers"),
    ("worker-cancel", "Cancelling a task"),
    ("chess", "Lock: one player, many boards"),
    ("fetch-urls", "Fetching URLs with one shared client"),
    ("areq", "A crawler: limits, links and one file"),
    ("downloader", "Downloading files whole or not at all"),
];

/// The title of `name`'s page: its concept, or its crate name.
pub fn concept(name: &str) -> String {
    PATH.iter()
        .find(|(n, _)| *n == name)
        .map_or_else(|| name.to_string(), |(_, title)| title.to_string())
}

/// A row of the cheat sheet on the index: the README's Python -> Rust
/// table, each row with the example that shows it.
#[derive(Debug, Clone)]
pub struct CheatRow {
    /// The Python, as the README writes it (Markdown inline code).
    pub python: String,
    /// The Rust.
    pub rust: String,
    /// The crate whose page shows it.
    pub example: String,
}

/// The README's Python -> Rust table, read from `readme`: the rows whose
/// last column names an example.
pub fn cheatsheet(readme: &str) -> Vec<CheatRow> {
    let Some(start) = readme.find("## Python -> Rust") else {
        return Vec::new();
    };
    readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .filter_map(|line| {
            let cells = split_row(line);
            let example = cells.last()?.trim_matches('`').to_string();
            (cells.len() >= 4).then(|| CheatRow {
                python: cells[0].clone(),
                rust: cells[1].clone(),
                example,
            })
        })
        .collect()
}

/// Reads example `name`: everything its page needs, or every problem
/// that keeps it from having a page.
pub fn load(root: &Path, name: &str) -> Result<Example, Vec<String>> {
    let dir = root.join("examples-crates").join(name);
    let python_file = format!("{name}.py");
    // The page shows the program a reader takes home: the standalone
    // copy, without the lines that set up the port's extras.
    let copy = standalone::standalone(root, name).map_err(|e| vec![e])?;
    let source = std::fs::read_to_string(dir.join("src/main.rs"))
        .map_err(|e| vec![format!("src/main.rs: {e}")])?;
    let rust = standalone::copy_source(&source).0;
    let mut problems = Vec::new();
    let python = match std::fs::read_to_string(dir.join(&python_file)) {
        Ok(p) => Some(p),
        Err(_) => {
            problems.push(format!("no Python twin {python_file}"));
            None
        }
    };
    let rs_steps = steps(&rust, Lang::Rust, "src/main.rs");
    let virtual_time =
        source.contains("Extras") || source.contains("VirtualTime");
    let prose = match std::fs::read_to_string(dir.join("steps.md")) {
        Ok(text) => sections(&text),
        Err(_) => {
            problems.push("no steps.md: the prose beside each step".into());
            Vec::new()
        }
    };
    let py_steps = python
        .as_deref()
        .map(|p| steps(p, Lang::Python, &python_file));
    let mut rows = Vec::new();
    match (&py_steps, &rs_steps) {
        (Some(Ok(p)), Ok(r)) => match align(p, r, &python_file) {
            Ok(r) => rows = r,
            Err(e) => problems.extend(e),
        },
        (p, r) => {
            if let Some(Err(e)) = p {
                problems.extend(e.iter().cloned());
            }
            if let Err(e) = r {
                problems.extend(e.iter().cloned());
            }
        }
    }
    let blocks = header_blocks(&rust);
    let paragraphs: Vec<(usize, &String)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) => Some((i, p)),
            _ => None,
        })
        .collect();
    let from = paragraphs.iter().find(|(_, p)| p.starts_with("From "));
    let lead = paragraphs.first().map(|p| p.1.clone()).unwrap_or_default();
    if lead.is_empty() {
        problems.push("src/main.rs has no `//!` header".into());
    }
    let mut article_found = None;
    let (mut about, mut run_notes) = (Vec::new(), Vec::new());
    match from {
        None => problems.push("its header has no `From ...` line".into()),
        Some((at, text)) => {
            match article(text) {
                Ok(a) => article_found = Some(a),
                Err(e) => problems.push(e),
            }
            for (i, p) in paragraphs.iter().skip(1) {
                if i < at {
                    about.push(p.to_string());
                } else if i > at {
                    run_notes.push(p.to_string());
                }
            }
        }
    }
    let transcripts = header_transcripts(&rust, name);
    let shown = shown_args(name, &transcripts);
    if transcripts.is_empty() {
        problems.push(format!(
            "its header shows no ```text block starting `$ cargo run -p \
             {name}`, the only transcripts the tests run"
        ));
    }
    let table = blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(rows) => Some(rows.clone()),
            _ => None,
        })
        .unwrap_or_default();
    if table.is_empty() {
        problems.push("its header has no Python -> Rust table".into());
    }
    let replay = replay(&dir, &source, python.as_deref()).unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    match article_found {
        Some(article) if problems.is_empty() => Ok(Example {
            title: concept(name),
            prose: prose
                .iter()
                .filter(|(step, _)| step != "article")
                .map(|(step, text)| (step.clone(), markdown(text)))
                .collect(),
            article_run: prose
                .iter()
                .find(|(step, _)| step == "article")
                .and_then(|(_, text)| article_run(text)),
            python_copy: python
                .as_deref()
                .map(without_python_markers)
                .unwrap_or_default(),
            mirrors: copy
                .files
                .iter()
                .filter(|(path, _)| {
                    path.ends_with(".rs") && path != "src/main.rs"
                })
                .map(|(path, code)| Mirror {
                    file: path.clone(),
                    summary: code
                        .lines()
                        .find_map(|l| l.strip_prefix("//! "))
                        .unwrap_or("")
                        .to_string(),
                    code: code.clone(),
                })
                .collect(),
            python_command: python_command(name, &shown),
            rust_command: rust_command(name, &shown, virtual_time),
            output_python: read_or_empty(&output_file(
                root,
                name,
                Lang::Python,
            )),
            output_rust: read_or_empty(&output_file(root, name, Lang::Rust)),
            output_note: output_note(
                name,
                &read_or_empty(&output_file(root, name, Lang::Python)),
                &read_or_empty(&output_file(root, name, Lang::Rust)),
            ),
            real_time: !virtual_time,
            timeline_text: read_or_empty(&timeline_file(root, name)),
            timeline_command: timeline_command(
                name,
                &page_args(&transcripts),
                virtual_time,
            ),
            lessons: std::fs::read_to_string(dir.join("lessons.md"))
                .ok()
                .map(|text| markdown(&text)),
            replay,
            name: name.to_string(),
            python_file,
            lead,
            about,
            from: from.map(|f| f.1.clone()).unwrap_or_default(),
            article,
            run_notes,
            transcripts,
            table,
            rows,
            playground: copy.playground_url(),
            rust_copy: copy.main_rs().to_string(),
        }),
        _ => Err(problems),
    }
}

/// The generated site, in memory.
#[derive(Debug)]
pub struct Site {
    /// File name and contents of each page, the index first.
    pub files: Vec<(String, String)>,
    /// The examples, in page order.
    pub examples: Vec<Example>,
    /// The examples that have no page, with what they lack.
    pub missing: Vec<(String, Vec<String>)>,
}

/// The file name of `name`'s page.
pub fn page_file(name: &str) -> String {
    format!("{name}.html")
}

/// The crates in `examples-crates/` in reading order: those [`ORDER`]
/// names, then any it does not, sorted.
pub fn reading_order(root: &Path) -> Vec<String> {
    let present = example_crates(root);
    let mut order: Vec<String> = ORDER
        .iter()
        .filter(|n| present.iter().any(|p| p == *n))
        .map(|n| n.to_string())
        .collect();
    for name in present {
        if !order.contains(&name) {
            order.push(name);
        }
    }
    order
}

/// Builds every page of the examples under `root`.
pub fn site(root: &Path) -> Site {
    let mut missing = Vec::new();
    let mut loaded = Vec::new();
    for name in reading_order(root) {
        match load(root, &name) {
            Ok(example) => loaded.push(example),
            Err(problems) => missing.push((name, problems)),
        }
    }
    // In the order of the path a newcomer follows.
    let rank = |e: &Example| {
        PATH.iter()
            .position(|(n, _)| *n == e.name)
            .unwrap_or(PATH.len())
    };
    loaded.sort_by_key(rank);
    let examples = loaded;
    let readme =
        std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    let index = render::index(
        &examples,
        &missing,
        &cheatsheet(&readme),
        &repository(root),
    );
    let mut files = vec![("index.html".to_string(), index)];
    for (i, example) in examples.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &examples[p]);
        let next = examples.get(i + 1);
        files.push((
            page_file(&example.name),
            render::page(example, prev, next),
        ));
    }
    // Each replayed run's two schedules, as files of their own.
    for example in &examples {
        if let Some(replay) = &example.replay {
            let rec = &replay.recording;
            for (lang, side) in [("python", &rec.python), ("rust", &rec.rust)] {
                files.push((
                    format!("schedules/{}.{lang}.json", example.name),
                    schedule::schedule_json(&side.events),
                ));
            }
        }
    }
    // Every example as a crate of its own, to build outside this
    // workspace.
    match standalone::all(root, &example_crates(root)) {
        Ok(copies) => files.extend(
            copies
                .into_iter()
                .map(|(path, text)| (format!("standalone/{path}"), text)),
        ),
        Err(e) => missing.push(("standalone".to_string(), vec![e])),
    }
    Site {
        files,
        examples,
        missing,
    }
}

/// The file that marks a folder as ours, so that `write` never replaces a
/// folder it did not make.
pub const STAMP: &str = ".pages";

/// Writes `site` into `out` whole: into a new folder beside it first,
/// which then takes `out`'s place, so that `out` never holds half a site.
/// Refuses to replace an `out` that is neither empty nor made by us.
pub fn write(site: &Site, out: &Path) -> Result<(), String> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = parent.unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("{}: {e}", parent.display()))?;
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .next()
            .is_none();
        if !empty && !out.join(STAMP).is_file() {
            return Err(format!(
                "{} exists and holds no generated pages; not replacing it",
                out.display()
            ));
        }
    }
    let base = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{}: not a folder name", out.display()))?;
    let pid = std::process::id();
    let fresh = parent.join(format!(".{base}.new-{pid}"));
    let old = parent.join(format!(".{base}.old-{pid}"));
    let _ = std::fs::remove_dir_all(&fresh);
    let result = (|| -> std::io::Result<()> {
        std::fs::create_dir(&fresh)?;
        for (name, text) in &site.files {
            let path = fresh.join(name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, text)?;
        }
        std::fs::write(
            fresh.join(STAMP),
            "generated by `cargo run -p pages`\n",
        )?;
        if out.exists() {
            std::fs::rename(out, &old)?;
        }
        std::fs::rename(&fresh, out)?;
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_dir_all(&fresh);
        format!("writing {}: {e}", out.display())
    })
}

/// Where the pages go by default: `pages` in cargo's target folder
/// (`CARGO_TARGET_DIR`, or the workspace's `target/`).
pub fn default_out(root: &Path) -> PathBuf {
    // A relative CARGO_TARGET_DIR is relative to where cargo was started,
    // as cargo itself reads it.
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("pages")
}

/// The problems of the examples without a page, one line each.
pub fn missing_report(missing: &[(String, Vec<String>)]) -> String {
    let mut out = String::new();
    for (name, problems) in missing {
        let _ = writeln!(out, "  {name}: {}", problems.join("; "));
    }
    out
}

/// The port's own flags, which the Python twin does not take.
pub const PORT_FLAGS: [&str; 2] = ["--virtual-time", "--timeline"];

/// The arguments of the run a page shows for both programs: the first
/// header transcript's, without the port's own flags.
pub fn page_args(transcripts: &[Transcript]) -> Vec<String> {
    transcripts
        .first()
        .map(|t| {
            t.args
                .iter()
                .filter(|a| !PORT_FLAGS.contains(&a.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The network examples, whose runs need a web server.
pub const NETWORK: [&str; 3] = ["areq", "downloader", "fetch-urls"];

/// The pages of the local demo site a network page's run fetches (the
/// `demo-server` crate's `sites`; the tests check that they are), `PORT`
/// standing for the port the site got. The Python twin has no demo site
/// of its own, so both programs are given these URLs.
pub fn demo_urls(name: &str) -> Vec<String> {
    let paths: &[&str] = match name {
        "fetch-urls" => &["/example.com/", "/httpbin.org/get", "/python.org/"],
        "areq" => &["/", "/about.html", "/blog/", "/missing.html"],
        "downloader" => &[
            "/ftp/python/doc/3.8.4/python-3.8.4-docs-html.zip",
            "/ftp/python/doc/3.8.5/python-3.8.5-docs-html.zip",
            "/ftp/python/doc/3.8.6/python-3.8.6-docs-html.zip",
        ],
        _ => &[],
    };
    paths
        .iter()
        .map(|path| format!("http://127.0.0.1:PORT{path}"))
        .collect()
}

/// A network page's arguments: the demo site's URLs. areq reads its URLs
/// from a file: standard input, fed by the `printf` its command starts
/// with (`demo_input`); it writes its links to `foundurls.txt`.
pub fn demo_args(name: &str) -> Vec<String> {
    match name {
        "areq" => ["--urls", "/dev/stdin", "--out", "foundurls.txt"]
            .map(String::from)
            .to_vec(),
        _ => demo_urls(name),
    }
}

/// What a page's command starts with: for areq, the `printf` that hands
/// it the demo site's URLs, one a line; nothing for the others.
fn demo_input(name: &str) -> String {
    if demo_args(name).iter().any(|a| a == "/dev/stdin") {
        format!("printf '%s\\n' {} | ", demo_urls(name).join(" "))
    } else {
        String::new()
    }
}

/// The arguments of the run a page shows: a network page's run against
/// the local demo site ([`demo_args`]), any other's [`page_args`].
pub fn shown_args(name: &str, transcripts: &[Transcript]) -> Vec<String> {
    if NETWORK.contains(&name) {
        demo_args(name)
    } else {
        page_args(transcripts)
    }
}

/// Where a page's two outputs are kept: `output.python.txt` and
/// `output.rust.txt` beside the example's sources, written and checked by
/// the tests (`UPDATE_TRANSCRIPTS=1` rewrites them).
pub fn output_file(root: &Path, name: &str, lang: Lang) -> PathBuf {
    let side = match lang {
        Lang::Python => "python",
        Lang::Rust => "rust",
    };
    root.join("examples-crates")
        .join(name)
        .join(format!("output.{side}.txt"))
}

/// The file's text, or nothing if it cannot be read.
fn read_or_empty(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A Python twin without its `# step:` lines.
fn without_python_markers(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("# step:"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// How to run the twin for the page's run.
pub fn python_command(name: &str, args: &[String]) -> String {
    let input = demo_input(name);
    let mut command =
        format!("{input}python3 examples-crates/{name}/{name}.py");
    for arg in args {
        command.push(' ');
        command.push_str(arg);
    }
    command
}

/// How to run the Rust for the page's run: on the virtual clock where it
/// has one.
pub fn rust_command(name: &str, args: &[String], virtual_time: bool) -> String {
    let mut command = format!("{}cargo run -p {name} --", demo_input(name));
    if virtual_time {
        command.push_str(" --virtual-time");
    }
    for arg in args {
        command.push(' ');
        command.push_str(arg);
    }
    if command.ends_with(" --") {
        command.truncate(command.len() - 3);
    }
    command
}

/// How to draw the page's timeline.
pub fn timeline_command(
    name: &str,
    args: &[String],
    virtual_time: bool,
) -> String {
    let mut command = rust_command(name, args, virtual_time);
    if !command.contains(" -- ") && !command.ends_with(" --") {
        command.push_str(" --");
    }
    command.push_str(" --timeline");
    command
}

/// Where a page's timeline picture is kept, beside its outputs.
pub fn timeline_file(root: &Path, name: &str) -> PathBuf {
    root.join("examples-crates")
        .join(name)
        .join("output.timeline.txt")
}

/// What may differ between the page's two outputs, and why.
fn output_note(name: &str, python: &str, rust: &str) -> String {
    if python == rust {
        return "The two print the same, line for line.".to_string();
    }
    let mut reasons = Vec::new();
    if name == "gather" {
        reasons.push(
            "`type(t)` names a Python class, `type_name_of_val` a Rust type",
        );
    }
    if name == "asyncq" {
        reasons.push("the items, random bytes from the operating system");
    }
    if name == "areq" {
        reasons.push(
            "the order the pages answered in, which is the order of the \
             file's lines",
        );
    } else if NETWORK.contains(&name) {
        reasons.push("the time the network took, in real time");
    }
    let timestamp = |text: &str| {
        text.split(|c: char| !c.is_ascii_digit() && c != ':')
            .any(|w| w.len() == 8 && w.matches(':').count() == 2)
    };
    if timestamp(python) {
        reasons.push(
            "the time of day each run started (the gaps between \
             timestamps are the same)",
        );
    }
    if name == "threads-vs-tasks" {
        reasons.push("the times and memory measured on the machine");
    }
    if reasons.is_empty() {
        reasons.push("the times a real clock adds to a blocked thread");
    }
    format!(
        "Where the two differ, it is what no clock can make equal: {}.",
        reasons.join("; ")
    )
}

/// Where a reader clones the project from: its `origin` remote, or this
/// checkout itself.
fn repository(root: &Path) -> String {
    std::process::Command::new("git")
        .args(["remote", "get-url", "origin"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| root.display().to_string())
}

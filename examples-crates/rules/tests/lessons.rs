//! `lessons.md` shows what the two compilers say, and it says it still.
//!
//! Each `## ` section of `lessons.md` is a lesson: a ```python block, a
//! ```text block with what Python says of it, a ```rust block, a ```text
//! block with what rustc says of it, then prose. This test compiles each
//! Rust block as `lesson.rs` with `rustc --edition 2021 --crate-type lib`
//! (the rustc that `RUSTC` names, or `rustc`) and each Python block with
//! `compile()` (the Python that `TWIN_PYTHON` names, or `python3`), and
//! checks that the text blocks are what they print. The Rust blocks are
//! the library's `compile_fail` examples, each with one lesson.
//!
//! `UPDATE_LESSONS=1 cargo test -p rules --test lessons` rewrites the
//! text blocks instead, for review with `git diff` (after a new rustc,
//! say, whose words have changed).

mod compile_fail;

use std::io::Write;
use std::path::{Path, PathBuf, MAIN_SEPARATOR};
use std::process::{Command, Stdio};

/// What Python says of the source on its stdin, in the lines it would
/// end with: `compile()`'s SyntaxError if it refuses the source; if not,
/// what the program prints when it runs, then its exception and its
/// RuntimeWarnings ("coroutine ... was never awaited"), each as
/// `Type: message`, the last line of Python's own report. Other warnings
/// (asyncio's deprecations) are not the lessons', so they are ignored.
const PYTHON_SAYS: &str = r#"
import sys
import warnings

source = sys.stdin.read()
try:
    code = compile(source, "lesson.py", "exec")
except SyntaxError as error:
    print(f"SyntaxError: {error.msg}")
    sys.exit()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("ignore")
    warnings.simplefilter("always", RuntimeWarning)
    try:
        exec(code, {"__name__": "__main__"})
    except Exception as error:
        print(f"{type(error).__name__}: {error}")
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
"#;

/// A piece of `lessons.md`: a line outside code blocks, or a block.
#[derive(Debug)]
enum Chunk {
    /// The line, without its newline.
    Line(String),
    /// A fenced block: its info string (`rust`) and its lines, each
    /// ending in a newline.
    Block { info: String, body: String },
}

/// The kinds of block a lesson has, in order.
const BLOCKS: [&str; 4] = ["python", "text", "rust", "text"];

/// A lesson: its title and its four blocks, as indexes into the chunks.
#[derive(Debug)]
struct Lesson {
    title: String,
    blocks: [usize; 4],
}

fn lessons_md() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons.md")
}

/// `lessons.md` in chunks.
fn chunks(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (open.take(), line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().into(), "".into())),
            (None, None) => chunks.push(Chunk::Line(line.into())),
            (Some((info, body)), Some("")) => {
                chunks.push(Chunk::Block { info, body })
            }
            (Some((info, mut body)), _) => {
                body.push_str(line);
                body.push('\n');
                open = Some((info, body));
            }
        }
    }
    assert!(open.is_none(), "an unclosed code block in lessons.md");
    chunks
}

/// `chunks` as the text of `lessons.md` again.
fn render(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .map(|chunk| match chunk {
            Chunk::Line(line) => format!("{line}\n"),
            Chunk::Block { info, body } => format!("```{info}\n{body}```\n"),
        })
        .collect()
}

/// The lessons, each checked for its four blocks in order and its prose
/// after them.
fn lessons(chunks: &[Chunk]) -> Vec<Lesson> {
    // Each section: its title, its blocks, and whether prose has come.
    let mut sections: Vec<(String, Vec<usize>, bool)> = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        match (chunk, sections.last_mut()) {
            (Chunk::Line(line), _) if line.starts_with("## ") => {
                sections.push((line[3..].trim().into(), Vec::new(), false))
            }
            (Chunk::Block { .. }, Some((title, blocks, prose))) => {
                assert!(!*prose, "{title}: prose before a block");
                blocks.push(i);
            }
            (Chunk::Line(line), Some((title, blocks, prose)))
                if !line.trim().is_empty() =>
            {
                let n = blocks.len();
                assert_eq!(n, 4, "{title}: prose after {n} blocks, not 4");
                *prose = true;
            }
            _ => {} // blank lines, and the introduction
        }
    }
    sections
        .into_iter()
        .map(|(title, blocks, prose)| {
            let infos: Vec<&str> = blocks
                .iter()
                .map(|&i| match &chunks[i] {
                    Chunk::Block { info, .. } => info.as_str(),
                    Chunk::Line(_) => unreachable!(),
                })
                .collect();
            assert_eq!(infos, BLOCKS, "{title}: its blocks");
            assert!(prose, "{title}: no prose after its blocks");
            let blocks = blocks.try_into().expect("four blocks");
            Lesson { title, blocks }
        })
        .collect()
}

/// The body of block `i`.
fn body(chunks: &[Chunk], i: usize) -> &str {
    match &chunks[i] {
        Chunk::Block { body, .. } => body,
        Chunk::Line(_) => unreachable!("chunk {i} is a block"),
    }
}

/// What `python3` says of `code`: see [`PYTHON_SAYS`].
fn python_says(code: &str) -> String {
    let python =
        std::env::var("TWIN_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut child = Command::new(&python)
        .args(["-I", "-c", PYTHON_SAYS])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{python}: {e}"));
    // Python reads it all before it prints, so the write cannot block.
    let mut stdin = child.stdin.take().expect("python's stdin");
    stdin.write_all(code.as_bytes()).expect("python's stdin");
    drop(stdin);
    let output = child.wait_with_output().expect("python runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.is_empty(), "{stderr}");
    String::from_utf8(output.stdout).expect("UTF-8 from python")
}

/// What rustc says of `code`, compiled as `lesson.rs` in `dir`.
fn rustc_says(code: &str, dir: &Path) -> String {
    std::fs::create_dir_all(dir).expect("scratch folder");
    let file = dir.join("lesson.rs");
    std::fs::write(&file, code).expect("scratch file");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    // Run from the crate's folder, so that a toolchain file there would
    // apply. rustc's own `--remap-path-prefix` then names the file
    // `lesson.rs`, as it would if run in `dir`.
    let mut remap = dir.as_os_str().to_owned();
    remap.push(format!("{MAIN_SEPARATOR}="));
    let output = Command::new(rustc)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--edition", "2021", "--crate-type", "lib"])
        .args(["--color", "never", "--remap-path-prefix"])
        .arg(remap)
        .arg("--out-dir")
        .arg(dir)
        .arg(&file)
        .output()
        .expect("rustc runs");
    assert!(!output.status.success(), "it compiles:\n{code}");
    String::from_utf8(output.stderr).expect("UTF-8 from rustc")
}

/// The codes of the errors in rustc's report, sorted, without repeats.
fn codes(report: &str) -> Vec<String> {
    let mut codes: Vec<String> = report
        .lines()
        .filter_map(|l| l.strip_prefix("error[")?.split_once(']'))
        .map(|(code, _)| code.to_string())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// A fresh folder for this test's files, under cargo's scratch folder
/// for integration tests.
fn scratch() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("rules-lessons-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn each_lesson_shows_what_python_and_rustc_say() {
    let path = lessons_md();
    let text = std::fs::read_to_string(&path).expect("lessons.md");
    let mut chunks = chunks(&text);
    assert_eq!(render(&chunks), text, "lessons.md reads back unchanged");
    let lessons = lessons(&chunks);
    assert!(!lessons.is_empty(), "lessons.md has no lessons");
    let dir = scratch();
    // Every lesson at once, on a thread each: a few tiny programs, so a
    // few tenths of a second in all.
    let said: Vec<(String, String)> = std::thread::scope(|s| {
        let runs: Vec<_> = lessons
            .iter()
            .enumerate()
            .map(|(n, lesson)| {
                let python = body(&chunks, lesson.blocks[0]);
                let rust = body(&chunks, lesson.blocks[2]);
                let dir = dir.join(n.to_string());
                s.spawn(move || (python_says(python), rustc_says(rust, &dir)))
            })
            .collect();
        runs.into_iter()
            .map(|run| run.join().expect("a lesson's compilers ran"))
            .collect()
    });
    std::fs::remove_dir_all(&dir).expect("scratch folder");

    let update = std::env::var_os("UPDATE_LESSONS").is_some_and(|v| v == "1");
    let mut wrong = Vec::new();
    for (lesson, (python, rustc)) in lessons.iter().zip(said) {
        for (block, says) in
            [(lesson.blocks[1], python), (lesson.blocks[3], rustc)]
        {
            let Chunk::Block { body, .. } = &mut chunks[block] else {
                unreachable!("a lesson's block")
            };
            if *body != says {
                wrong.push(format!(
                    "## {}\n--- lessons.md has:\n{body}--- it says:\n{says}",
                    lesson.title
                ));
                *body = says;
            }
        }
    }
    if update {
        std::fs::write(&path, render(&chunks)).expect("lessons.md");
        return;
    }
    assert!(
        wrong.is_empty(),
        "lessons.md does not show what the compilers say \
         (UPDATE_LESSONS=1 rewrites it):\n{}",
        wrong.join("\n")
    );
}

/// Each lesson's Rust is a `compile_fail` example of the library, so the
/// page teaches what the doctests check, and each example has a lesson.
/// Its text shows the codes the example's fence names, no more or fewer.
#[test]
fn each_compile_fail_example_has_its_lesson() {
    let text = std::fs::read_to_string(lessons_md()).expect("lessons.md");
    let chunks = chunks(&text);
    let lessons = lessons(&chunks);
    let examples = compile_fail::examples();
    assert_eq!(lessons.len(), examples.len(), "one lesson per example");
    for example in &examples {
        let lesson = lessons
            .iter()
            .find(|l| body(&chunks, l.blocks[2]) == example.source)
            .unwrap_or_else(|| {
                panic!("lib.rs:{}: no lesson shows it", example.line)
            });
        let rustc = body(&chunks, lesson.blocks[3]);
        assert_eq!(codes(rustc), example.codes, "{}", lesson.title);
    }
}

//! The HTML of the pages: the index, one page per example, the inline
//! style sheet and the few lines of script (copy buttons, arrow keys).
//! Every page reads fully without the script.

use std::fmt::Write as _;

use crate::highlight::{highlight, Lang};
use crate::{escape, inline, page_file, timeline, Example, Row, PREAMBLE};

const SITE: &str = "Python asyncio, read side by side in Rust";

const CSS: &str = r#"
:root {
  --bg: #fcfcfb; --fg: #1f2328; --muted: #59636e; --line: #d8dee4;
  --code-bg: #f4f6f8; --panel: #ffffff; --link: #0a58b8;
  --py: #2f6ea3; --rs: #a8430f;
  --k: #8036c9; --s: #0a6b35; --c: #6b7480; --n: #a15200; --m: #0550ae;
  --a: #7d6400; --t: #0b6479; --f: #9a3412; --b: #0550ae;
  --tl-run: #2563c9; --tl-sleep: #93b4e6; --tl-wait: #b7860b;
  --tl-block: #c4352b; --tl-axis: #7b8591;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14161a; --fg: #e3e6ea; --muted: #9aa3ad; --line: #2f353d;
    --code-bg: #1c1f24; --panel: #181b20; --link: #86b7f5;
    --py: #7fb4e3; --rs: #f0946a;
    --k: #cfa6ff; --s: #86dca4; --c: #8d96a0; --n: #f4b46b; --m: #7cc0ff;
    --a: #e0c36a; --t: #6fd0e4; --f: #ffab70; --b: #7cc0ff;
    --tl-run: #6aa2ff; --tl-sleep: #3f5f8f; --tl-wait: #d3a638;
    --tl-block: #f26b5f; --tl-axis: #8d96a0;
  }
}
html { color-scheme: light dark; }
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto,
    "Noto Sans", "DejaVu Sans", sans-serif;
}
a { color: var(--link); }
.page { max-width: 1360px; margin: 0 auto; padding: 0 20px 24px; }
.narrow { max-width: 52em; }
pre, code, kbd {
  font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo,
    Consolas, monospace;
  font-size: 13px;
}
p code, li code, td code, th code, figcaption code {
  background: var(--code-bg); padding: 1px 4px; border-radius: 4px;
  overflow-wrap: anywhere;
}
pre {
  margin: 0; white-space: pre-wrap; overflow-wrap: anywhere;
  line-height: 1.45; tab-size: 4;
}
h1 { font-size: 30px; margin: 8px 0 4px; }
h2 {
  font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px;
  border-bottom: 1px solid var(--line);
}
.topbar {
  display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline;
  justify-content: space-between; padding: 14px 0 6px;
  border-bottom: 1px solid var(--line); font-size: 14px;
}
.topbar .site { color: var(--muted); text-decoration: none; }
.topbar .site:hover { text-decoration: underline; }
.pager { display: flex; gap: 12px; flex-wrap: wrap; }
.pager a { text-decoration: none; }
.pager a:hover { text-decoration: underline; }
.keys { color: var(--muted); font-size: 13px; }
.source { color: var(--muted); margin: 0 0 10px; }
.lead { font-size: 19px; margin: 6px 0 14px; max-width: 52em; }
.about p { max-width: 52em; }
.cite {
  border-left: 3px solid var(--line); padding: 2px 0 2px 12px;
  margin: 14px 0; max-width: 52em;
}
.cite p { margin: 4px 0; }
.run {
  display: flex; align-items: center; gap: 10px; flex-wrap: wrap;
  margin: 16px 0;
}
.run .cmd, .cmdline .cmd {
  background: var(--code-bg); border: 1px solid var(--line);
  border-radius: 6px; padding: 6px 10px; overflow-wrap: anywhere;
}
button.copy {
  font: 13px system-ui, sans-serif; padding: 5px 12px; cursor: pointer;
  border: 1px solid var(--line); border-radius: 6px;
  background: var(--panel); color: var(--fg);
}
button.copy:hover { border-color: var(--muted); }
.nojs button.copy { display: none; }
.heads, .step {
  display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  gap: 0 18px;
}
.heads { font-weight: 600; padding-bottom: 6px; }
.heads .py, .label .py { color: var(--py); }
.heads .rs, .label .rs { color: var(--rs); }
.heads code { font-weight: 400; color: var(--muted); }
.step { padding: 10px 0; border-top: 1px solid var(--line); }
.cell { min-width: 0; display: flex; flex-direction: column; }
.label {
  font-size: 12px; color: var(--muted); margin: 0 0 4px;
  letter-spacing: .02em;
}
.label .lang { font-weight: 600; }
.label .name { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.cell pre {
  flex: 1; background: var(--code-bg); padding: 8px 10px;
  border-radius: 6px; border-left: 3px solid var(--py);
}
.cell.rust pre { border-left-color: var(--rs); }
.cell .none {
  flex: 1; margin: 0; padding: 8px 10px; border-radius: 6px;
  border: 1px dashed var(--line); color: var(--muted); font-size: 14px;
  font-style: italic;
}
.k { color: var(--k); } .s { color: var(--s); }
.c { color: var(--c); font-style: italic; } .n { color: var(--n); }
.m { color: var(--m); } .a { color: var(--a); } .t { color: var(--t); }
.f { color: var(--f); font-weight: 600; } .b { color: var(--b); }
.transcript { margin: 18px 0 26px; }
.cmdline { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
pre.output {
  margin-top: 8px; background: var(--code-bg); padding: 10px 12px;
  border-radius: 6px; border: 1px solid var(--line);
}
figure.picture {
  margin: 12px 0 0; display: grid; gap: 12px 18px; align-items: start;
  grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
}
figure.picture figcaption { grid-column: 1 / -1; }
figure.picture .text { container-type: inline-size; min-width: 0; }
/* The text picture keeps its columns: its font shrinks to fit the box. */
pre.picture {
  margin: 0; white-space: pre;
  font-size: min(13px, calc((100cqi - 26px) / (var(--cols) * 0.61)));
}
svg.timeline { width: 100%; height: auto; display: block; }
.cmd .w { white-space: nowrap; }
pre.code .line { display: block; padding-left: 4ch; text-indent: -4ch; }
svg.timeline text {
  fill: var(--fg); font: 12px ui-monospace, "DejaVu Sans Mono", monospace;
}
svg.timeline .tl-tick, svg.timeline .tl-legend { fill: var(--muted); }
.tl-run { fill: var(--tl-run); } .tl-sleep { fill: var(--tl-sleep); }
.tl-wait { fill: var(--tl-wait); } .tl-block { fill: var(--tl-block); }
.tl-axis { stroke: var(--tl-axis); stroke-width: 1; }
figcaption { color: var(--muted); font-size: 14px; margin-top: 4px; }
table { border-collapse: collapse; margin: 8px 0; max-width: 100%; }
th, td {
  text-align: left; vertical-align: top; padding: 6px 10px;
  border-bottom: 1px solid var(--line);
}
th { font-size: 14px; }
.groups section { margin-bottom: 8px; }
.groups ol { padding-left: 1.4em; }
.groups li { margin: 6px 0; }
.groups .teaches { color: var(--muted); }
.groups li > a code { font-size: 15px; font-weight: 600; }
kbd {
  border: 1px solid var(--line); border-bottom-width: 2px;
  border-radius: 4px; padding: 0 5px; font-size: 12px;
  background: var(--panel);
}
.missing { color: var(--muted); }
.bottom { margin-top: 36px; border-top: 1px solid var(--line); }
@media (max-width: 900px) {
  .page { padding: 0 12px 24px; }
  .heads { display: none; }
  .step, figure.picture { grid-template-columns: minmax(0, 1fr); gap: 10px; }
  h1 { font-size: 26px; }
  .lead { font-size: 17px; }
  table, thead, tbody, tr, th, td { display: block; }
  thead { display: none; }
  tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  td { border: 0; padding: 2px 0; }
  td:first-child::before { content: "Python: "; color: var(--py); }
  td:nth-child(2)::before { content: "Rust: "; color: var(--rs); }
}
"#;

const SCRIPT: &str = r#"
document.documentElement.classList.remove("nojs");
for (const b of document.querySelectorAll("button.copy")) {
  b.addEventListener("click", async () => {
    const text = b.dataset.copy;
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = "Copied";
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById(b.dataset.for));
      const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
      b.textContent = "Selected: press Ctrl+C";
    }
    setTimeout(() => { b.textContent = "Copy"; }, 2000);
  });
}
document.addEventListener("keydown", (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const t = e.target;
  if (t && t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
  const rel = { ArrowLeft: "prev", ArrowRight: "next" }[e.key];
  const link = rel && document.querySelector(`a[rel="${rel}"]`);
  if (link) { e.preventDefault(); location.href = link.href; }
});
"#;

fn document(title: &str, description: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\" class=\"nojs\">\n<head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"description\" content=\"{}\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <div class=\"page\">\n{body}\n</div>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape(description),
        escape(title)
    )
}

/// A command as HTML, each word kept whole when the line wraps.
fn command_html(command: &str) -> String {
    command
        .split(' ')
        .map(|w| format!("<span class=\"w\">{}</span>", escape(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A copy button for `text`, whose visible copy is element `id`.
fn copy_button(text: &str, id: &str) -> String {
    format!(
        "<button type=\"button\" class=\"copy\" data-copy=\"{}\" \
         data-for=\"{id}\" aria-label=\"Copy the command {}\">Copy</button>",
        escape(text),
        escape(text)
    )
}

fn cite(e: &Example) -> String {
    let a = &e.article;
    let title = match a.url {
        Some(url) => format!(
            "<a href=\"{}\">\u{201c}{}\u{201d}</a>",
            escape(url),
            escape(a.title)
        ),
        None => format!("\u{201c}{}\u{201d}", escape(a.title)),
    };
    let notes = if a.notes { "Notes on " } else { "" };
    let sections = a
        .sections
        .iter()
        .map(|s| format!("\u{201c}{}\u{201d}", escape(s)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = format!("{notes}{title} ({})", escape(a.by));
    if !sections.is_empty() {
        let word = if a.sections.len() == 1 {
            "section"
        } else {
            "sections"
        };
        let _ = write!(out, ", {word} {sections}");
    }
    out
}

/// The top or bottom navigation of a page.
fn pager(
    prev: Option<&Example>,
    next: Option<&Example>,
    class: &str,
) -> String {
    let link = |e: Option<&Example>, rel: &str, arrow: &str| match e {
        Some(e) if rel == "prev" => format!(
            "<a rel=\"prev\" href=\"{}\">{arrow} {}</a>",
            page_file(&e.name),
            escape(&e.name)
        ),
        Some(e) => format!(
            "<a rel=\"next\" href=\"{}\">{} {arrow}</a>",
            page_file(&e.name),
            escape(&e.name)
        ),
        None => format!(
            "<a rel=\"{rel}\" href=\"index.html\">{}</a>",
            if rel == "prev" {
                format!("{arrow} all examples")
            } else {
                format!("all examples {arrow}")
            }
        ),
    };
    format!(
        "<nav class=\"topbar {class}\" aria-label=\"Examples\">\
         <a class=\"site\" href=\"index.html\">{SITE}</a>\
         <span class=\"pager\">{}{}<span class=\"keys\">or the \
         <kbd>\u{2190}</kbd> <kbd>\u{2192}</kbd> keys</span></span></nav>",
        link(prev, "prev", "\u{2190}"),
        link(next, "next", "\u{2192}"),
    )
}

fn cell(lang: Lang, step: &str, code: Option<&str>, other_has: bool) -> String {
    let (class, label) = match lang {
        Lang::Python => ("python", "Python"),
        Lang::Rust => ("rust", "Rust"),
    };
    let short = match lang {
        Lang::Python => "py",
        Lang::Rust => "rs",
    };
    let head = format!(
        "<div class=\"label\"><span class=\"lang {short}\">{label}</span> \
         \u{00b7} <span class=\"name\">{}</span></div>",
        escape(step)
    );
    let body =
        match code {
            Some(code) => format!(
                "<pre class=\"code\"><code>{}</code></pre>",
                highlight(code, lang)
                    .split('\n')
                    .map(|line| format!("<span class=\"line\">{line}\n</span>"))
                    .collect::<String>()
            ),
            None if other_has => {
                format!(
            "<p class=\"none\">No {label} counterpart: this step is the \
             {}'s alone.</p>",
            if lang == Lang::Python { "Rust" } else { "Python" }
        )
            }
            None => "<p class=\"none\">(empty)</p>".to_string(),
        };
    format!("<div class=\"cell {class}\">{head}{body}</div>")
}

fn step_row(row: &Row, index: usize) -> String {
    let id = if row.name == PREAMBLE {
        "top".to_string()
    } else {
        format!("step-{}", row.name)
    };
    format!(
        "<section class=\"step\" id=\"{}\" aria-label=\"Step {}: {}\" \
         data-step=\"{index}\">{}{}</section>\n",
        escape(&id),
        index + 1,
        escape(&row.name),
        cell(
            Lang::Python,
            &row.name,
            row.python.as_deref(),
            row.rust.is_some()
        ),
        cell(
            Lang::Rust,
            &row.name,
            row.rust.as_deref(),
            row.python.is_some()
        ),
    )
}

fn table(rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table>\n");
    for (i, row) in rows.iter().enumerate() {
        let tag = if i == 0 { "th" } else { "td" };
        if i == 0 {
            out.push_str("<thead>");
        } else if i == 1 {
            out.push_str("<tbody>");
        }
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<{tag}>{}</{tag}>", inline(cell));
        }
        out.push_str("</tr>");
        if i == 0 {
            out.push_str("</thead>\n");
        }
        out.push('\n');
    }
    if rows.len() > 1 {
        out.push_str("</tbody>");
    }
    out.push_str("</table>\n");
    out
}

/// One transcript: its command with a copy button, what the program
/// prints, and its `--timeline` picture as SVG beside the picture's text.
/// The `pre` elements hold the transcript exactly, cut before the
/// picture; `data-gap` says a blank line stood between the two parts.
fn transcript(t: &crate::Transcript, i: usize) -> String {
    let id = format!("cmd-{i}");
    let mut b = format!(
        "<div class=\"transcript\">\n<div class=\"cmdline\"><code \
         class=\"cmd\" id=\"{id}\">$ {}</code>{}</div>\n",
        command_html(&t.command),
        copy_button(&t.command, &id),
    );
    let Some((output, gap, text)) = timeline::split(&t.expected) else {
        let _ = writeln!(
            b,
            "<pre class=\"output\">{}</pre>\n</div>",
            escape(&t.expected)
        );
        return b;
    };
    if !output.is_empty() {
        let _ = writeln!(b, "<pre class=\"output\">{}</pre>", escape(&output));
    }
    let picture = timeline::parse(&text).expect("split found a picture");
    let columns = text.lines().map(|l| l.chars().count()).max().unwrap_or(1);
    let describe = format!(
        "The timeline of {}: {} rows over the time axis; the same picture \
         as text follows.",
        t.command,
        picture.rows.len()
    );
    let _ = write!(
        b,
        "<figure class=\"picture\"><div class=\"drawn\">{}</div>\
         <div class=\"text\"><pre class=\"output picture\" data-gap=\"{}\" \
         style=\"--cols: {columns}\">{}</pre></div>\
         <figcaption>The <code>--timeline</code> picture, drawn (left or \
         above) and as the program prints it.</figcaption></figure>\n</div>\n",
        timeline::svg(&picture, &format!("tl-{i}"), &describe),
        u8::from(gap),
        escape(&text)
    );
    b
}

/// The whole Rust program to copy, the crate it sits in, and the
/// Playground where it can run there.
fn take_home(e: &Example) -> String {
    let mut b =
        String::from("<div class=\"take-home\" data-part=\"copy-rust\">\n<p>");
    let _ = write!(
        b,
        "<button type=\"button\" class=\"copy\" data-copy=\"{}\" \
         aria-label=\"Copy the whole Rust program\">Copy Rust</button> \
         The whole program, as a crate of its own: \
         <code>target/pages/standalone/{}/</code> (<code>Cargo.toml</code> \
         and <code>src/</code>), built with published crates only.",
        escape(&e.rust_copy),
        escape(&e.name)
    );
    if let Some(url) = &e.playground {
        let _ = write!(
            b,
            " <a class=\"playground\" href=\"{}\">Run on the Playground</a>",
            escape(url)
        );
    }
    b.push_str("</p>\n</div>\n");
    b
}

/// The page of `e`, linking to `prev` and `next` (the index where none).
pub fn page(
    e: &Example,
    prev: Option<&Example>,
    next: Option<&Example>,
) -> String {
    let mut b = String::new();
    b.push_str(&pager(prev, next, "top"));
    b.push_str("\n<main>\n<header>\n");
    let _ = write!(
        b,
        "<h1>{}</h1>\n<p class=\"source\">{}</p>\n<p class=\"lead\">{}</p>\n",
        escape(&e.name),
        cite(e),
        inline(&e.lead)
    );
    b.push_str("</header>\n<div class=\"about\">\n");
    for p in &e.about {
        let _ = writeln!(b, "<p>{}</p>", inline(p));
    }
    let _ = writeln!(b, "<div class=\"cite\"><p>{}</p></div>", inline(&e.from));
    // The first transcript's command: the run the header shows first.
    let command = e.transcripts.first().map_or_else(
        || format!("cargo run -p {}", e.name),
        |t| t.command.clone(),
    );
    let _ = writeln!(
        b,
        "<div class=\"run\"><span>Run it:</span> <code class=\"cmd\" \
         id=\"run-cmd\">{}</code>{}</div>",
        command_html(&command),
        copy_button(&command, "run-cmd")
    );
    b.push_str("</div>\n");

    let _ = write!(
        b,
        "<h2 id=\"code\">The two programs, step by step</h2>\n\
         <div class=\"steps\">\n<div class=\"heads\" aria-hidden=\"true\">\
         <div class=\"py\">Python twin <code>{}</code></div>\
         <div class=\"rs\">Rust port <code>src/main.rs</code></div></div>\n",
        escape(&e.python_file)
    );
    for (i, row) in e.rows.iter().enumerate() {
        b.push_str(&step_row(row, i));
    }
    b.push_str("</div>\n");
    b.push_str(&take_home(e));

    b.push_str("<h2 id=\"run\">What it prints</h2>\n");
    for p in &e.run_notes {
        let _ = writeln!(b, "<p class=\"narrow\">{}</p>", inline(p));
    }
    for (i, t) in e.transcripts.iter().enumerate() {
        b.push_str(&transcript(t, i));
    }
    if !e.table.is_empty() {
        b.push_str("<h2 id=\"table\">Python \u{2192} Rust</h2>\n");
        b.push_str(&table(&e.table));
    }
    b.push_str("</main>\n");
    b.push_str(&pager(prev, next, "bottom"));
    let title = format!("{} \u{2014} {SITE}", e.name);
    document(&title, &e.lead, &b)
}

/// The index: the examples grouped by article, and those not ready.
pub fn index(
    examples: &[Example],
    missing: &[(String, Vec<String>)],
) -> String {
    let mut b = String::new();
    let first = examples.first().map(|e| {
        format!(
            "<a rel=\"next\" href=\"{}\">{} \u{2192}</a>",
            page_file(&e.name),
            escape(&e.name)
        )
    });
    let _ = writeln!(
        b,
        "<nav class=\"topbar\" aria-label=\"Examples\"><span \
         class=\"site\">{SITE}</span><span class=\"pager\">{}</span></nav>",
        first.unwrap_or_default()
    );
    let _ = write!(
        b,
        "<main>\n<h1>{SITE}</h1>\n<p class=\"lead\">Each example of five \
         Python asyncio articles, its Python program and its Rust port side \
         by side, step against step, with what it prints.</p>\n\
         <p class=\"narrow\">Every page is generated from the two programs \
         by <code>cargo run -p pages</code>; the tests check that what the \
         pages show is what the programs print. Move between the examples \
         with the links at the top of each page or the <kbd>\u{2190}</kbd> \
         <kbd>\u{2192}</kbd> keys.</p>\n<div class=\"groups\">\n"
    );
    let mut n = 0;
    let mut i = 0;
    while i < examples.len() {
        let a = &examples[i].article;
        let title = match a.url {
            Some(url) => format!(
                "<a href=\"{}\">\u{201c}{}\u{201d}</a>",
                escape(url),
                escape(a.title)
            ),
            None => format!("\u{201c}{}\u{201d}", escape(a.title)),
        };
        let (heading, by) = if a.notes {
            (
                format!("Notes on {title}"),
                "a notes page quoting the article",
            )
        } else {
            (title, a.by)
        };
        let _ = write!(
            b,
            "<section>\n<h2>{heading}</h2>\n<p class=\"source\">{}</p>\n<ol \
             start=\"{}\">\n",
            escape(by),
            n + 1
        );
        while i < examples.len()
            && (examples[i].article.title, examples[i].article.notes)
                == (a.title, a.notes)
        {
            let e = &examples[i];
            let sections = e
                .article
                .sections
                .iter()
                .map(|s| format!("\u{201c}{}\u{201d}", escape(s)))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                b,
                "<li><a href=\"{}\"><code>{}</code></a> <span \
                 class=\"source\">{sections}</span><br><span \
                 class=\"teaches\">{}</span></li>",
                page_file(&e.name),
                escape(&e.name),
                inline(&e.lead)
            );
            i += 1;
            n += 1;
        }
        b.push_str("</ol>\n</section>\n");
    }
    b.push_str("</div>\n");
    if !missing.is_empty() {
        b.push_str(
            "<section class=\"missing\">\n<h2>Not side by side yet</h2>\n\
             <p>These examples have no page yet; what each one lacks:</p>\n<ul>\n",
        );
        for (name, problems) in missing {
            let _ = writeln!(
                b,
                "<li><code>{}</code>: {}</li>",
                escape(name),
                problems
                    .iter()
                    .map(|p| inline(p))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        b.push_str("</ul>\n</section>\n");
    }
    b.push_str("</main>\n");
    document(SITE, "The examples, grouped by article", &b)
}

//! The pages' HTML: the templates in `pages/templates/` filled in with
//! what each example holds. The template engine escapes every value
//! unless the template marks it `safe`; only HTML made here is (the
//! highlighted code, the drawn timeline, the prose rendered from
//! Markdown), and each is escaped where it is made.

use minijinja::{context, Environment};
use serde::Serialize;

use crate::highlight::{highlight, Lang};
use crate::{escape, inline, page_file, timeline, Example};

/// The site's name, on every page.
pub const SITE: &str = "Python asyncio, read side by side in Rust";

/// The templates, compiled into the generator so that it runs from
/// anywhere.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    let templates = [
        ("base.html", include_str!("../templates/base.html")),
        ("macros.html", include_str!("../templates/macros.html")),
        ("page.html", include_str!("../templates/page.html")),
        ("index.html", include_str!("../templates/index.html")),
    ];
    for (name, text) in templates {
        env.add_template(name, text)
            .unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    // A command's words, each kept whole where the line wraps.
    env.add_filter("words", |text: String| -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    });
    env.add_global("site", SITE);
    env.add_global("css", include_str!("../templates/style.css"));
    env.add_global("script", include_str!("../templates/script.js"));
    env
}

fn render(template: &str, ctx: minijinja::Value) -> String {
    environment()
        .get_template(template)
        .and_then(|t| t.render(ctx))
        .unwrap_or_else(|e| panic!("rendering {template}: {e:#}"))
}

/// A link to an example's page.
#[derive(Debug, Serialize)]
struct Link {
    file: String,
    title: String,
    name: String,
    lead: String,
}

fn link(e: &Example) -> Link {
    Link {
        file: page_file(&e.name),
        title: e.title.clone(),
        name: e.name.clone(),
        lead: inline(&e.lead),
    }
}

/// One side-by-side row, as the template shows it.
#[derive(Debug, Serialize)]
struct StepView {
    id: String,
    name: String,
    prose: String,
    python: Option<String>,
    rust: Option<String>,
}

#[derive(Debug, Serialize)]
struct MirrorView {
    file: String,
    summary: String,
    code: String,
}

#[derive(Debug, Serialize)]
struct TimelineView {
    title: Option<String>,
    svg: String,
}

#[derive(Debug, Serialize)]
struct ArticleRunView {
    text: String,
    note: String,
}

#[derive(Debug, Serialize)]
struct PageView {
    name: String,
    title: String,
    lead: String,
    cite: String,
    about: Vec<String>,
    python_file: String,
    rows: Vec<StepView>,
    python_copy: String,
    rust_copy: String,
    playground: Option<String>,
    mirrors: Vec<MirrorView>,
    open_mirrors: bool,
    python_command: String,
    rust_command: String,
    output_python: String,
    output_rust: String,
    output_note: String,
    real_time: bool,
    timelines: Vec<TimelineView>,
    timeline_text: String,
    timeline_command: String,
    article_run: Option<ArticleRunView>,
    table: Vec<Vec<String>>,
    lessons: Option<String>,
    replay: Option<ReplayView>,
}

#[derive(Debug, Serialize)]
struct ReplayView {
    /// The player's data, JSON made safe inside a `<script>`.
    data: String,
    differences: Vec<crate::schedule::Listed>,
    same: bool,
    real_clock: bool,
    python_command: String,
    rust_command: String,
}

/// What the replay's script reads: both sides' events and output, every
/// task, the frames that step both sides together, and each step's id.
fn replay_view(e: &Example, replay: &crate::Replay) -> ReplayView {
    use crate::schedule::{compare, frames, tolerance};
    let rec = &replay.recording;
    let tolerance = tolerance(rec.real_clock);
    let mut tasks: Vec<&str> = Vec::new();
    for ev in rec.python.events.iter().chain(&rec.rust.events) {
        if !tasks.contains(&ev.task.as_str()) {
            tasks.push(&ev.task);
        }
    }
    let steps: std::collections::BTreeMap<&str, String> = rec
        .python
        .events
        .iter()
        .chain(&rec.rust.events)
        .map(|ev| (ev.step.as_str(), format!("step-{}", ev.step)))
        .collect();
    let side = |s: &crate::schedule::Side| serde_json::json!({ "events": s.events, "output": s.output });
    let data = serde_json::json!({
        "python": side(&rec.python),
        "rust": side(&rec.rust),
        "tasks": tasks,
        "frames": frames(rec, tolerance),
        "steps": steps,
    });
    let data = data.to_string().replace("</", "<\\/");
    let join = |args: &[String]| {
        args.iter().map(|a| format!(" {a}")).collect::<String>()
    };
    let py_args = join(&rec.python.args);
    let rs_args = join(&rec.rust.args);
    let name = &e.name;
    ReplayView {
        data,
        differences: replay.listing.listed.clone(),
        same: replay.listing.listed.is_empty()
            && compare(rec, tolerance).is_empty(),
        real_clock: rec.real_clock,
        python_command: format!(
            "SCHEDULE_MARKERS=1 python3 tests/vclock.py examples-crates/{name}/{name}.py{py_args}"
        ),
        rust_command: if rs_args.is_empty() {
            format!("SCHEDULE_MARKERS=1 cargo run -p {name}")
        } else {
            format!("SCHEDULE_MARKERS=1 cargo run -p {name} --{rs_args}")
        },
    }
}

/// Code as highlighted HTML, one `span.line` a line so that a wrapped
/// line keeps its indentation and hangs under itself.
fn code_html(code: &str, lang: Lang) -> String {
    highlight(code, lang)
        .split('\n')
        .zip(code.split('\n'))
        .map(|(html, plain)| {
            let indent = plain.len() - plain.trim_start().len();
            format!("<span class=\"line\" style=\"--indent: {indent}\">{html}\n</span>")
        })
        .collect()
}

/// The article `e` cites, with its title linked where it has an address.
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
    let title = if a.notes {
        format!("a notes page on {title}")
    } else {
        format!("{title} ({})", escape(a.by))
    };
    let sections: Vec<String> = a
        .sections
        .iter()
        .map(|s| format!("\u{201c}{}\u{201d}", escape(s)))
        .collect();
    if sections.is_empty() {
        title
    } else {
        format!("{title}, {}", sections.join(", "))
    }
}

/// The page of `e`, linking to `prev` and `next` (the index where none).
pub fn page(
    e: &Example,
    prev: Option<&Example>,
    next: Option<&Example>,
) -> String {
    let rows = e
        .rows
        .iter()
        .map(|row| {
            let id = if row.name == crate::PREAMBLE {
                "top-of-file".to_string()
            } else {
                format!("step-{}", row.name)
            };
            let prose = e.prose.get(&row.name).cloned().unwrap_or_else(|| {
                if row.name == crate::PREAMBLE {
                    "<p>What each program brings in before its first step, \
                     the modules it imports and the crates it uses.</p>"
                        .to_string()
                } else {
                    String::new()
                }
            });
            StepView {
                id,
                name: row.name.clone(),
                prose,
                python: row
                    .python
                    .as_deref()
                    .map(|c| code_html(c, Lang::Python)),
                rust: row.rust.as_deref().map(|c| code_html(c, Lang::Rust)),
            }
        })
        .collect();
    let mut timelines = Vec::new();
    for (title, picture) in timeline::pictures(&e.timeline_text) {
        let id = format!("tl-{}", timelines.len() + 1);
        let describe = format!(
            "When each task of {} ran: {} rows over the time axis.",
            e.name,
            picture.rows.len()
        );
        timelines.push(TimelineView {
            title,
            svg: timeline::svg(&picture, &id, &describe),
        });
    }
    let view = PageView {
        name: e.name.clone(),
        title: e.title.clone(),
        lead: inline(&e.lead),
        cite: cite(e),
        about: e.about.iter().map(|p| inline(p)).collect(),
        python_file: e.python_file.clone(),
        rows,
        python_copy: e.python_copy.clone(),
        rust_copy: e.rust_copy.clone(),
        playground: e.playground.clone(),
        mirrors: e
            .mirrors
            .iter()
            .map(|m| MirrorView {
                file: m.file.clone(),
                summary: m.summary.clone(),
                code: code_html(&m.code, Lang::Rust),
            })
            .collect(),
        open_mirrors: e.name == "asyncq",
        python_command: e.python_command.clone(),
        rust_command: e.rust_command.clone(),
        output_python: e.output_python.clone(),
        output_rust: e.output_rust.clone(),
        output_note: inline(&e.output_note),
        real_time: e.real_time,
        timelines,
        timeline_text: e.timeline_text.clone(),
        timeline_command: e.timeline_command.clone(),
        article_run: e.article_run.as_ref().map(|(text, note)| {
            ArticleRunView {
                text: text.clone(),
                note: note.clone(),
            }
        }),
        lessons: e.lessons.clone(),
        replay: e.replay.as_ref().map(|r| replay_view(e, r)),
        table: e
            .table
            .iter()
            .map(|row| row.iter().map(|c| inline(c)).collect())
            .collect(),
    };
    render(
        "page.html",
        context! {
            title => format!("{} \u{2014} {SITE}", e.title),
            description => e.lead.clone(),
            e => view,
            prev => prev.map(link),
            next => next.map(link),
        },
    )
}

#[derive(Debug, Serialize)]
struct ArticleView {
    title: &'static str,
    by: &'static str,
    url: Option<&'static str>,
    examples: Vec<Link>,
}

#[derive(Debug, Serialize)]
struct CheatRow {
    python: String,
    rust: String,
    file: String,
    title: String,
}

#[derive(Debug, Serialize)]
struct MissingView {
    name: String,
    problems: Vec<String>,
}

/// The index: the path through the examples, the cheat sheet, the
/// articles, and how to run them.
pub fn index(
    examples: &[Example],
    missing: &[(String, Vec<String>)],
    cheatsheet: &[crate::CheatRow],
    repository: &str,
) -> String {
    let articles = crate::ARTICLES
        .iter()
        .map(|(title, by, url)| ArticleView {
            title,
            by,
            url: *url,
            examples: examples
                .iter()
                .filter(|e| e.article.title == *title)
                .map(link)
                .collect(),
        })
        .filter(|a| !a.examples.is_empty())
        .collect::<Vec<_>>();
    let cheatsheet: Vec<CheatRow> = cheatsheet
        .iter()
        .filter_map(|row| {
            let e = examples.iter().find(|e| e.name == row.example)?;
            Some(CheatRow {
                python: inline(&row.python),
                rust: inline(&row.rust),
                file: page_file(&e.name),
                title: e.title.clone(),
            })
        })
        .collect();
    let repository_dir = repository
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .rsplit(['/', ':'])
        .next()
        .unwrap_or("asyncio-in-rust")
        .to_string();
    render(
        "index.html",
        context! {
            title => SITE,
            description => "Python asyncio examples beside their Rust ports, step by step",
            examples => examples.iter().map(link).collect::<Vec<_>>(),
            cheatsheet => cheatsheet,
            articles => articles,
            repository => repository,
            repository_dir => repository_dir,
            missing => missing
                .iter()
                .map(|(name, problems)| MissingView {
                    name: name.clone(),
                    problems: problems.clone(),
                })
                .collect::<Vec<_>>(),
        },
    )
}

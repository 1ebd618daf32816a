//! `cargo run -p pages [-- --out DIR] [--allow-missing]`: writes the
//! reading pages (an index and one page per example) into `DIR`, by
//! default `target/pages/`, and prints the address to open.
//!
//! An example without its Python twin or its step markers has no page;
//! the program lists what each such example lacks and ends with status 1,
//! after writing the pages it could (status 0 with `--allow-missing`).

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: pages [--out DIR] [--allow-missing]";

fn main() -> ExitCode {
    let mut out = None;
    let mut allow_missing = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => match args.next() {
                Some(dir) => out = Some(PathBuf::from(dir)),
                None => return usage("--out needs a folder"),
            },
            "--allow-missing" => allow_missing = true,
            "-h" | "--help" => {
                println!(
                    "Writes the side-by-side reading pages of the examples.\n\n\
                     {USAGE}\n\n  --out DIR         where to write them \
                     (default: target/pages)\n  --allow-missing   \
                     status 0 even if some examples have no page yet"
                );
                return ExitCode::SUCCESS;
            }
            other => match other.strip_prefix("--out=") {
                Some(dir) => out = Some(PathBuf::from(dir)),
                None => {
                    return usage(&format!("unexpected argument `{other}`"))
                }
            },
        }
    }
    let root = pages::root();
    let out = out.unwrap_or_else(|| pages::default_out(&root));
    let out = match std::path::absolute(&out) {
        Ok(path) => path,
        Err(e) => return fail(&format!("{}: {e}", out.display())),
    };
    let site = pages::site(&root);
    if let Err(e) = pages::write(&site, &out) {
        return fail(&e);
    }
    println!(
        "pages: {} example pages written; open file://{}",
        site.examples.len(),
        out.join("index.html").display()
    );
    if site.missing.is_empty() {
        return ExitCode::SUCCESS;
    }
    let what = if allow_missing { "warning" } else { "error" };
    eprintln!(
        "pages: {what}: {} examples have no page yet:\n{}",
        site.missing.len(),
        pages::missing_report(&site.missing).trim_end()
    );
    if allow_missing {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("pages: {message} (try --help)");
    ExitCode::from(2)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("pages: {message}");
    ExitCode::FAILURE
}

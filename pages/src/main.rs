//! `cargo run -p pages [-- --out DIR] [--allow-missing]`: writes the
//! reading pages (an index and one page per example) and each example as
//! a crate of its own into `DIR`, by default `target/pages/`, and prints
//! the address to open.
//!
//! An example without its Python twin, its step markers or its prose has
//! no page; the program lists what each such example lacks and ends with
//! status 1, after writing the pages it could (status 0 with
//! `--allow-missing`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes the side-by-side reading pages of the examples.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// Where to write them (default: target/pages).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Status 0 even if some examples have no page yet.
    #[arg(long)]
    allow_missing: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = pages::root();
    let out = cli.out.unwrap_or_else(|| pages::default_out(&root));
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
    let what = if cli.allow_missing {
        "warning"
    } else {
        "error"
    };
    eprintln!(
        "pages: {what}: {} examples have no page yet:\n{}",
        site.missing.len(),
        pages::missing_report(&site.missing).trim_end()
    );
    if cli.allow_missing {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("pages: {message}");
    ExitCode::FAILURE
}

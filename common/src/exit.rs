//! How every example ends when it cannot do what it was asked: a mistake
//! on the command line, or Ctrl-C.
//!
//! A mistake is one line on stderr and exit status 2, the status clap and
//! Python's argparse both use. Ctrl-C stops the work, lets whatever the
//! work had open clean up (a half-downloaded file is removed, an output
//! file is either the old one or the new one, never a mix), says
//! `interrupted` and exits with 130, the status a shell gives a program
//! killed by Ctrl-C (128 + SIGINT's number, 2).

use std::fmt::Display;
use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::process;
use std::time::Duration;

use clap::error::ErrorKind;

/// The exit status for a mistake in how the program was called.
pub const USAGE: i32 = 2;

/// The exit status after Ctrl-C.
pub const INTERRUPTED: i32 = 130;

/// How long the tasks still running get to finish their clean-up after
/// Ctrl-C, before the program exits anyway.
pub const CLEANUP_TIME: Duration = Duration::from_millis(500);

/// This program's name, as it was run: `countasync`, whatever the path.
pub fn program_name() -> String {
    std::env::args_os()
        .next()
        .as_deref()
        .and_then(|arg0| Path::new(arg0).file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "example".to_string())
}

/// Parses the command line into `C`, like `C::parse()`, but reports a
/// mistake in one line:
///
/// ```text
/// countasync: invalid value 'x' for '--seed <N>': invalid digit found in string (try --help)
/// ```
///
/// instead of clap's paragraph with a usage summary. `--help` and
/// `--version` print as usual and exit 0.
pub fn parse<C: clap::Parser>() -> C {
    C::try_parse().unwrap_or_else(|err| exit_on(&err))
}

/// Ends the program as clap's `err.exit()` would, with the message cut
/// to its first line (see [`parse`]).
pub fn exit_on(err: &clap::Error) -> ! {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        err.exit()
    }
    usage_error(first_line(&err.to_string()))
}

/// clap's message without its `error: ` label, usage and tips.
fn first_line(rendered: &str) -> &str {
    let line = rendered.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line)
}

/// Says `NAME: message (try --help)` on stderr and exits with status 2:
/// for a value that parsed but makes no sense, such as a count too large
/// to run, or a file that cannot be read.
pub fn usage_error(message: impl Display) -> ! {
    eprintln!("{}: {message} (try --help)", program_name());
    process::exit(USAGE)
}

/// Says `NAME: message` on stderr and exits with status 1: for what went
/// wrong while the program ran.
pub fn failure(message: impl Display) -> ! {
    let _ = std::io::stdout().flush();
    eprintln!("{}: {message}", program_name());
    process::exit(1)
}

/// Runs `future` to completion on `runtime`, or until Ctrl-C.
///
/// On Ctrl-C the future is dropped at once, which cancels whatever it was
/// awaiting and runs its destructors; then the runtime shuts down, which
/// does the same for every task it spawned, giving them [`CLEANUP_TIME`]
/// at most. What was printed is flushed, `NAME: interrupted` goes to
/// stderr, and the program exits with status 130.
///
/// The handler is installed before `future` first runs, so Ctrl-C at any
/// moment after the first line of output is caught.
pub fn run_interruptible<F: Future>(
    runtime: tokio::runtime::Runtime,
    future: F,
) -> F::Output {
    let finished = runtime.block_on(async {
        tokio::pin!(future);
        let caught = tokio::select! {
            // Polled first: installs the handler before the work starts.
            biased;
            caught = tokio::signal::ctrl_c() => caught.is_ok(),
            out = &mut future => return Some(out),
        };
        // Without a handler (none could be installed), Ctrl-C keeps its
        // default meaning, and the work goes on.
        if caught {
            None
        } else {
            Some(future.await)
        }
    });
    match finished {
        Some(out) => out,
        None => {
            runtime.shutdown_timeout(CLEANUP_TIME);
            interrupted()
        }
    }
}

/// Flushes stdout, says `NAME: interrupted` and exits with status 130.
pub fn interrupted() -> ! {
    let _ = std::io::stdout().flush();
    eprintln!("{}: interrupted", program_name());
    process::exit(INTERRUPTED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    #[command(name = "prog")]
    struct Cli {
        #[arg(long)]
        count: u32,
    }

    #[test]
    fn a_clap_error_becomes_its_first_line() {
        let err = Cli::try_parse_from(["prog", "--count", "x"]).unwrap_err();
        let line = first_line(&err.to_string()).to_string();
        assert!(line.starts_with("invalid value 'x' for '--count"), "{line}");
        assert!(!line.contains('\n'));
        let err = Cli::try_parse_from(["prog", "--bogus"]).unwrap_err();
        assert_eq!(
            first_line(&err.to_string()),
            "unexpected argument '--bogus' found"
        );
    }

    #[test]
    fn first_line_of_anything() {
        assert_eq!(first_line(""), "");
        assert_eq!(first_line("no label\nmore"), "no label");
    }
}

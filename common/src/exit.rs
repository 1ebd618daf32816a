//! How every example ends when it cannot do what it was asked: a mistake
//! on the command line, Ctrl-C or SIGTERM, or output that cannot be
//! written.
//!
//! A mistake is one line on stderr and exit status 2, the status clap and
//! Python's argparse both use. Ctrl-C stops the work, lets whatever the
//! work had open clean up (a half-downloaded file is removed, an output
//! file is either the old one or the new one, never a mix), says
//! `interrupted` and exits with 130, the status a shell gives a program
//! killed by Ctrl-C (128 + SIGINT's number, 2). SIGTERM does the same,
//! says `terminated` and exits with 143 (128 + 15). A closed pipe (`| head`)
//! ends the program quietly with 141; any other failed write to stdout or
//! stderr is one line and status 1.

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

/// The exit status after SIGTERM.
pub const TERMINATED: i32 = 143;

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
    quiet_on_closed_output();
    C::try_parse().unwrap_or_else(|err| exit_on(&err))
}

/// Ends the program as clap's `err.exit()` would, with the message cut
/// to its first line (see [`parse`]).
pub fn exit_on(err: &clap::Error) -> ! {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // Help asked for, but unwritable (`--help >/dev/full`) is no
        // success.
        match err.print().and_then(|()| std::io::stdout().flush()) {
            Ok(()) => process::exit(0),
            Err(e) => output_failed(&e, 1),
        }
    }
    usage_error(first_paragraph(&err.to_string()))
}

/// clap's message without its `error: ` label, usage and tips: its first
/// paragraph, whose lines (such as `[possible values: ...]`, or the
/// names of missing arguments) are joined into one.
fn first_paragraph(rendered: &str) -> String {
    let text = rendered.strip_prefix("error: ").unwrap_or(rendered);
    let lines: Vec<&str> = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    lines.join(" ")
}

/// `message` with its line breaks and other control characters written
/// as escapes (`\n`), so that it stays one line whatever it quotes.
fn one_line(message: impl Display) -> String {
    escaped(&message.to_string())
}

/// `text` as it may safely reach a terminal, a log or a TSV column: every
/// control character (a tab, a line break, the escape that starts a
/// cursor movement) and every invisible one (a byte-order mark, a
/// zero-width space, a bidirectional override) is written as an escape
/// (`\t`, `\u{1b}`, `\u{feff}`), so that text from outside (a URL, a
/// server's message) can neither forge a line or a column nor hide.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` would act on a terminal or not show at all: the control
/// characters, the line and paragraph separators, and the invisible
/// format characters (zero-width spaces and joiners, direction marks and
/// overrides, the byte-order mark, the invisible operators).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}'
            | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}' | '\u{ffa0}' | '\u{fff0}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e0fff}')
}

/// Says `NAME: message (try --help)` on stderr and exits with status 2:
/// for a value that parsed but makes no sense, such as a count too large
/// to run, or a file that cannot be read.
pub fn usage_error(message: impl Display) -> ! {
    // A message that cannot be written changes nothing: the status says it.
    let _ = writeln!(
        std::io::stderr(),
        "{}: {} (try --help)",
        program_name(),
        one_line(message)
    );
    process::exit(USAGE)
}

/// Says `NAME: message` on stderr and exits with status 1: for what went
/// wrong while the program ran.
pub fn failure(message: impl Display) -> ! {
    let _ = std::io::stdout().flush();
    let _ = writeln!(
        std::io::stderr(),
        "{}: {}",
        program_name(),
        one_line(message)
    );
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
    match until_stopped(&runtime, future) {
        Ok(out) => out,
        Err(stop) => {
            runtime.shutdown_timeout(CLEANUP_TIME);
            stop.exit()
        }
    }
}

/// [`run_interruptible`] for a runtime the caller keeps (to read its clock
/// before and after, say): on Ctrl-C the future is dropped, but the tasks
/// it spawned are left to end with the process.
pub fn block_on_interruptible<F: Future>(
    runtime: &tokio::runtime::Runtime,
    future: F,
) -> F::Output {
    until_stopped(runtime, future).unwrap_or_else(|stop| stop.exit())
}

/// Runs the blocking function `f` on a thread of its own while this one
/// waits for it or for Ctrl-C, for the examples that run no tasks: once
/// any runtime has caught Ctrl-C, the signal no longer ends the program
/// by itself. On Ctrl-C the program ends as in [`run_interruptible`],
/// with `f`'s thread and whatever it started still running.
///
/// `f` runs outside any runtime, so tokio's clock there is the real one.
pub fn run_blocking_interruptible<T, F>(f: F) -> std::io::Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (done, result) = tokio::sync::oneshot::channel();
    let worker = std::thread::Builder::new().spawn(move || {
        // Nobody is left to receive only if the program is ending anyway.
        let _ = done.send(f());
    })?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    match block_on_interruptible(&runtime, result) {
        Ok(out) => Ok(out),
        // The sender was dropped without a value: `f` panicked. Join the
        // thread to pass its panic on, as calling `f` here would.
        Err(_) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => Err(std::io::Error::other("the worker thread vanished")),
        },
    }
}

/// Why the work was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Interrupted,
    Terminated,
}

impl Stop {
    fn exit(self) -> ! {
        match self {
            Stop::Interrupted => interrupted(),
            Stop::Terminated => terminated(),
        }
    }
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM, whichever comes first; never,
/// if no handler could be installed (the signal then keeps its default
/// meaning).
async fn stop_signal() -> Stop {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).ok();
    let term = async {
        match term.as_mut() {
            Some(term) => term.recv().await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        biased;
        caught = tokio::signal::ctrl_c() => match caught {
            Ok(()) => Stop::Interrupted,
            Err(_) => std::future::pending().await,
        },
        _ = term => Stop::Terminated,
    }
}

/// Drives `future` on `runtime` until it ends (`Ok`) or a stop signal
/// comes (`Err`, the future dropped).
fn until_stopped<F: Future>(
    runtime: &tokio::runtime::Runtime,
    future: F,
) -> Result<F::Output, Stop> {
    runtime.block_on(async {
        tokio::pin!(future);
        tokio::select! {
            // Polled first: installs the handlers before the work starts.
            biased;
            stop = stop_signal() => Err(stop),
            out = &mut future => Ok(out),
        }
    })
}

/// Flushes stdout, says `NAME: interrupted` and exits with status 130.
pub fn interrupted() -> ! {
    let _ = std::io::stdout().flush();
    let _ = writeln!(std::io::stderr(), "{}: interrupted", program_name());
    process::exit(INTERRUPTED)
}

/// Flushes stdout, says `NAME: terminated` and exits with status 143
/// (128 + SIGTERM's number, 15), after SIGTERM: what `kill`, `timeout`,
/// systemd and docker send. The clean-up is Ctrl-C's.
pub fn terminated() -> ! {
    let _ = std::io::stdout().flush();
    let _ = writeln!(std::io::stderr(), "{}: terminated", program_name());
    process::exit(TERMINATED)
}

/// The exit status when a program's output is a pipe that was closed
/// (`| head`): 141, the status a shell reports for a program that SIGPIPE
/// ended, as it ends GNU tools, but reached quietly, with no message.
pub const CLOSED_PIPE: i32 = 141;

/// Makes a failed write to stdout or stderr end the program as a command
/// line tool should, instead of with a panic and a backtrace.
///
/// Rust programs start with SIGPIPE ignored, so printing into a closed
/// pipe returns an error, and `println!` panics on it. A panic hook runs
/// before anything unwinds (and before tokio catches a task's panic), so
/// this one ends the program at once: quietly with [`CLOSED_PIPE`] for a
/// closed pipe; for any other write error (a full disk, `>/dev/full`) with
/// one line on stderr, if stderr can still take it, and status 1. Ending
/// before unwinding also keeps a `Drop` guard that prints from running
/// during the unwind, where a second failed print would abort. Every
/// other panic goes to the default hook, as before.
pub fn quiet_on_closed_output() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to std") {
            if message.contains("Broken pipe") {
                process::exit(CLOSED_PIPE);
            }
            let _ = writeln!(
                std::io::stderr(),
                "{}: cannot write the output: {}",
                program_name(),
                message.split_once(": ").map_or(message, |(_, why)| why)
            );
            process::exit(1);
        }
        default(info);
    }));
}

/// Ends the program after output could not be written: quietly with
/// [`CLOSED_PIPE`] for a closed pipe, otherwise with one line on stderr
/// and `status`.
pub fn output_failed(err: &std::io::Error, status: i32) -> ! {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        process::exit(CLOSED_PIPE);
    }
    let _ = writeln!(
        std::io::stderr(),
        "{}: cannot write the output: {err}",
        program_name()
    );
    process::exit(status)
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
        let line = first_paragraph(&err.to_string());
        assert!(line.starts_with("invalid value 'x' for '--count"), "{line}");
        assert!(!line.contains('\n'));
        let err = Cli::try_parse_from(["prog", "--bogus"]).unwrap_err();
        assert_eq!(
            first_paragraph(&err.to_string()),
            "unexpected argument '--bogus' found"
        );
    }

    #[test]
    fn a_missing_argument_is_named_on_the_same_line() {
        let err = Cli::try_parse_from(["prog"]).unwrap_err();
        let line = first_paragraph(&err.to_string());
        assert!(line.ends_with("not provided: --count <COUNT>"), "{line}");
    }

    #[test]
    fn first_paragraph_of_anything() {
        assert_eq!(first_paragraph(""), "");
        assert_eq!(first_paragraph("error: a\n  b\n\nUsage: c"), "a b");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(one_line("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(one_line("plain, 'quoted'"), "plain, 'quoted'");
    }

    #[test]
    fn what_would_act_or_hide_is_escaped() {
        assert_eq!(escaped("a\tb\r\nc"), "a\\tb\\r\\nc");
        assert_eq!(escaped("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(escaped("\u{feff}http://a/"), "\\u{feff}http://a/");
        assert_eq!(escaped("x\u{200b}y\u{202e}z"), "x\\u{200b}y\\u{202e}z");
        assert_eq!(escaped("\u{85}\u{2028}"), "\\u{85}\\u{2028}");
        assert_eq!(escaped("café ünïcode, \\ 日本"), "café ünïcode, \\ 日本");
    }
}

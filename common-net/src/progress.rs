//! One progress bar per download on a terminal, plain lines elsewhere.

use std::io::IsTerminal;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// Where the download bars are drawn: on stderr, and only when it is a
/// terminal; in a pipe or a log, bars would be escape codes, so a plain
/// `Downloading URL` line takes each one's place.
pub struct Progress {
    bars: Option<(MultiProgress, ProgressStyle)>,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("bars", &self.bars.is_some())
            .finish()
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress {
    /// Bars if stderr is a terminal.
    pub fn new() -> Self {
        let style = ProgressStyle::with_template(
            "{msg:28} [{bar:30}] {bytes:>10}/{total_bytes:10}",
        )
        .map(|s| s.progress_chars("=> "));
        let terminal = std::io::stderr().is_terminal();
        Progress {
            bars: style
                .ok()
                .filter(|_| terminal)
                .map(|s| (MultiProgress::new(), s)),
        }
    }

    /// A bar for downloading `url` as `name`, or a hidden one after a
    /// `Downloading URL` line. Set its length and advance it as bytes
    /// arrive.
    pub fn bar(&self, name: &str, url: &str) -> ProgressBar {
        match &self.bars {
            Some((bars, style)) => {
                let bar = bars.add(ProgressBar::new(0));
                bar.set_style(style.clone());
                bar.set_message(name.to_string());
                bar
            }
            None => {
                eprintln!("Downloading {}", common::exit::escaped(url));
                ProgressBar::hidden()
            }
        }
    }
}

//! One progress bar per download on a terminal (indicatif's), and a plain
//! `Downloading URL` line elsewhere, as the twin prints: in a pipe or a
//! log, bars would be escape codes.

use std::io::IsTerminal;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// Where the bars are drawn: on stderr, if it is a terminal.
pub struct Bars(Option<(MultiProgress, ProgressStyle)>);

impl Bars {
    /// Bars if stderr is a terminal, lines if not.
    pub fn new() -> Bars {
        let template = "{msg:28} [{bar:30}] {bytes:>10}/{total_bytes:10}";
        let style = ProgressStyle::with_template(template).ok();
        let style = style.map(|s| s.progress_chars("=> "));
        let terminal = std::io::stderr().is_terminal();
        Bars(
            style
                .filter(|_| terminal)
                .map(|s| (MultiProgress::new(), s)),
        )
    }

    /// A bar for downloading `url` as `name`, or a hidden one after a
    /// `Downloading URL` line. Set its length and advance it as bytes
    /// arrive.
    pub fn bar(&self, name: &str, url: &str) -> ProgressBar {
        let Some((bars, style)) = &self.0 else {
            eprintln!("Downloading {url}");
            return ProgressBar::hidden();
        };
        let bar = bars.add(ProgressBar::new(0).with_style(style.clone()));
        bar.with_message(name.to_string())
    }
}

//! What comes from outside the program (a URL it was given, a server's
//! words, where a server redirects it), checked or escaped before it is
//! followed or printed.
//!
//! A server chooses what its errors say, and a URL may hold anything.
//! Printed as they are, a line break would forge a line of output, a tab
//! a column, an escape sequence would move the terminal's cursor, and an
//! invisible character (a byte-order mark, a direction override) would
//! hide what a URL really is. Python prints them as they are. This program
//! refuses such a URL, and writes such a character in a server's words as
//! its escape (`\n`, `\u{1b}`). `str::escape_debug` nearly does that, but
//! it also escapes quotes and backslashes, and leaves the Hangul fillers.

use std::error::Error;

use reqwest::redirect::{Action, Attempt};
use reqwest::Url;

/// Whether `c` would act on a terminal or not show at all: the control
/// characters, the line and paragraph separators, and the invisible
/// format characters (zero-width spaces and joiners, direction marks and
/// overrides, the byte-order mark, fillers, variation selectors, tags).
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

/// `text` with every hidden character written as its escape: one line,
/// showing what it holds.
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

/// Checks that `url` is an http or https URL with nothing hidden in it:
/// no valid URL holds a control or invisible character.
pub fn web_url(url: &str) -> Result<(), String> {
    if url.chars().any(is_hidden) {
        return Err("a control or invisible character in it".into());
    }
    match Url::parse(url)
        .map_err(|e| format!("not a URL: {e}"))?
        .scheme()
    {
        "http" | "https" => Ok(()),
        other => Err(format!("`{other}:` URLs are not supported")),
    }
}

/// The client's redirect policy, for `Policy::custom`: follow a redirect
/// only to another web page, and ten at most. reqwest itself refuses to
/// follow one to `file:` or `data:`, but says only "URL scheme is not
/// allowed", not that a redirect led there.
pub fn web_only(attempt: Attempt) -> Action {
    if attempt.previous().len() >= 10 {
        return attempt.error("more than ten redirects");
    }
    match attempt.url().scheme() {
        "http" | "https" => attempt.follow(),
        other => {
            let why = format!("a redirect to a `{other}:` URL");
            attempt.error(why)
        }
    }
}

/// A one-line reason for a failed request: `HTTP status 404 Not Found`,
/// `timed out`, or the innermost cause (`Connection refused (os error
/// 111)`), escaped. reqwest's own message names the URL, which the
/// program prints beside it anyway.
pub fn why(err: reqwest::Error) -> String {
    if let Some(status) = err.status() {
        return format!("HTTP status {status}");
    }
    if err.is_timeout() {
        return "timed out".into();
    }
    let mut cause: &dyn Error = &err;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    escaped(&cause.to_string())
}

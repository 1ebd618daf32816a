//! A small syntax highlighter for the two languages on the pages, run at
//! generation time so that the pages need no script to colour their code.
//!
//! It knows only what a reader's eye uses: comments, strings, numbers,
//! keywords, macros, attributes or decorators, type names and the names
//! a definition introduces. Everything else passes through, escaped.

use crate::escape;

/// Which tokenizer to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Rust.
    Rust,
    /// Python 3.
    Python,
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn",
    "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let",
    "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while",
];

const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break",
    "class", "continue", "def", "del", "elif", "else", "except", "finally",
    "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

const PYTHON_BUILTINS: &[&str] = &[
    "print",
    "range",
    "len",
    "int",
    "str",
    "list",
    "dict",
    "set",
    "tuple",
    "float",
    "bool",
    "open",
    "isinstance",
    "sum",
    "min",
    "max",
    "sorted",
    "enumerate",
    "zip",
    "repr",
    "iter",
    "next",
    "any",
    "all",
    "bytes",
];

/// `code` as HTML: escaped, with `<span class="..">` around each token
/// worth a colour. Classes: `c` comment, `s` string, `n` number, `k`
/// keyword, `m` macro, `a` attribute or decorator, `t` type, `f` a name
/// being defined, `b` a Python builtin.
pub fn highlight(code: &str, lang: Lang) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len() * 2);
    let mut i = 0;
    // The keyword before the current identifier, to mark `fn NAME`.
    let mut defining = false;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let class = match lang {
            Lang::Rust => rust_token(&chars, &mut i),
            Lang::Python => python_token(&chars, &mut i),
        };
        if let Some(mut class) = class {
            let text: String = chars[start..i].iter().collect();
            if class == "i" {
                class = if defining {
                    "f"
                } else {
                    ident_class(&text, lang, chars.get(i).copied())
                };
                defining = matches!(
                    text.as_str(),
                    "fn" | "def" | "class" | "struct" | "enum" | "trait"
                );
            } else if !c.is_whitespace() {
                defining = false;
            }
            if class.is_empty() {
                out.push_str(&escape(&text));
            } else {
                push_span(&mut out, class, &text);
            }
        } else {
            if !c.is_whitespace() {
                defining = false;
            }
            out.push_str(&escape(&c.to_string()));
            i += 1;
        }
    }
    out
}

fn push_span(out: &mut String, class: &str, text: &str) {
    // A token that spans lines is closed and reopened at each line end,
    // so that every line of the page stands on its own.
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str(&format!(
                "<span class=\"{class}\">{}</span>",
                escape(line)
            ));
        }
    }
}

fn ident_class(word: &str, lang: Lang, next: Option<char>) -> &'static str {
    let keywords = match lang {
        Lang::Rust => RUST_KEYWORDS,
        Lang::Python => PYTHON_KEYWORDS,
    };
    if keywords.contains(&word) {
        "k"
    } else if lang == Lang::Python
        && PYTHON_BUILTINS.contains(&word)
        && next == Some('(')
    {
        "b"
    } else if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        "t"
    } else {
        ""
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Moves `i` past the identifier at `i`.
fn skip_ident(chars: &[char], i: &mut usize) {
    while *i < chars.len() && is_ident(chars[*i]) {
        *i += 1;
    }
}

/// Moves `i` past the number at `i` (digits, `_`, letters of a suffix or
/// exponent, and a `.` only when a digit follows, so `1..=3` stays apart).
fn skip_number(chars: &[char], i: &mut usize) {
    while *i < chars.len() {
        let c = chars[*i];
        let dot =
            c == '.' && chars.get(*i + 1).is_some_and(char::is_ascii_digit);
        if !(is_ident(c) || dot) {
            break;
        }
        *i += 1;
    }
}

/// Moves `i` past a quoted string whose opening `quote` (one or three
/// characters) starts at `i`; backslash escapes unless `raw`. With
/// `one_line`, an unclosed string ends before the line's end.
fn skip_quoted(
    chars: &[char],
    i: &mut usize,
    quote: &[char],
    raw: bool,
    one_line: bool,
) {
    *i += quote.len();
    while *i < chars.len() {
        if chars[*i] == '\\' && !raw {
            *i += 2;
            continue;
        }
        if chars[*i..].starts_with(quote) {
            *i += quote.len();
            return;
        }
        if one_line && chars[*i] == '\n' {
            return;
        }
        *i += 1;
    }
    *i = (*i).min(chars.len());
}

fn to_eol(chars: &[char], i: &mut usize) {
    while *i < chars.len() && chars[*i] != '\n' {
        *i += 1;
    }
}

/// One Rust token at `i`: moves past it and returns its class (`i` for an
/// identifier, to be classed by the caller), or `None` for a character
/// that is no token.
fn rust_token(chars: &[char], i: &mut usize) -> Option<&'static str> {
    let c = chars[*i];
    let next = chars.get(*i + 1).copied();
    if c == '/' && next == Some('/') {
        to_eol(chars, i);
        return Some("c");
    }
    if c == '/' && next == Some('*') {
        *i += 2;
        while *i < chars.len() && !chars[*i..].starts_with(&['*', '/']) {
            *i += 1;
        }
        *i = (*i + 2).min(chars.len());
        return Some("c");
    }
    if c == '"' {
        skip_quoted(chars, i, &['"'], false, false);
        return Some("s");
    }
    // Raw and byte strings: r"..", r#".."#, b"..", br"..".
    if c == 'r' || c == 'b' {
        let mut j = *i + 1;
        if c == 'b' && chars.get(j) == Some(&'r') {
            j += 1;
        }
        let hashes = chars[j..].iter().take_while(|&&h| h == '#').count();
        let raw = c == 'r' || j > *i + 1;
        if chars.get(j + hashes) == Some(&'"') && (raw || hashes == 0) {
            let mut close = vec!['"'];
            close.extend(std::iter::repeat_n('#', hashes));
            *i = j + hashes + 1;
            while *i < chars.len() && !chars[*i..].starts_with(&close) {
                if chars[*i] == '\\' && !raw {
                    *i += 1;
                }
                *i += 1;
            }
            *i = (*i + close.len()).min(chars.len());
            return Some("s");
        }
    }
    if c == '\'' {
        // A char literal ('a', '\n', '\'') or a lifetime ('a).
        if next == Some('\\') {
            skip_quoted(chars, i, &['\''], false, true);
            return Some("s");
        }
        if chars.get(*i + 2) == Some(&'\'') {
            *i += 3;
            return Some("s");
        }
        *i += 1;
        skip_ident(chars, i);
        return Some("t");
    }
    if c == '#' && (next == Some('[') || next == Some('!')) {
        let mut depth = 0;
        while *i < chars.len() {
            match chars[*i] {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        *i += 1;
                        break;
                    }
                }
                _ => {}
            }
            *i += 1;
        }
        return Some("a");
    }
    if c.is_ascii_digit() {
        skip_number(chars, i);
        return Some("n");
    }
    if is_ident_start(c) {
        skip_ident(chars, i);
        let bang =
            chars.get(*i) == Some(&'!') && chars.get(*i + 1) != Some(&'=');
        if bang {
            *i += 1;
            return Some("m");
        }
        return Some("i");
    }
    None
}

/// One Python token at `i`, as [`rust_token`] does for Rust.
fn python_token(chars: &[char], i: &mut usize) -> Option<&'static str> {
    let c = chars[*i];
    if c == '#' {
        to_eol(chars, i);
        return Some("c");
    }
    // A string, with up to two prefix letters (f, r, b, u, rb, fr, ...).
    let prefix = chars[*i..]
        .iter()
        .take(2)
        .take_while(|p| "rRbBfFuU".contains(**p))
        .count();
    let word_before = *i > 0 && is_ident(chars[*i - 1]);
    if let Some(&q) = chars.get(*i + prefix) {
        if (q == '"' || q == '\'') && !word_before {
            let raw = chars[*i..*i + prefix]
                .iter()
                .any(|p| *p == 'r' || *p == 'R');
            *i += prefix;
            let triple = [q, q, q];
            if chars[*i..].starts_with(&triple) {
                skip_quoted(chars, i, &triple, raw, false);
            } else {
                skip_quoted(chars, i, &[q], raw, true);
            }
            return Some("s");
        }
    }
    if c == '@' && chars.get(*i + 1).copied().is_some_and(is_ident_start) {
        *i += 1;
        while *i < chars.len() && (is_ident(chars[*i]) || chars[*i] == '.') {
            *i += 1;
        }
        return Some("a");
    }
    if c.is_ascii_digit() {
        skip_number(chars, i);
        return Some("n");
    }
    if is_ident_start(c) {
        skip_ident(chars, i);
        return Some("i");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_tokens() {
        let html = highlight(
            "fn count() { println!(\"One\"); } // hi\nlet x = 1..=3;",
            Lang::Rust,
        );
        assert!(html.contains("<span class=\"k\">fn</span>"), "{html}");
        assert!(html.contains("<span class=\"f\">count</span>"), "{html}");
        assert!(html.contains("<span class=\"m\">println!</span>"), "{html}");
        assert!(html.contains("<span class=\"s\">&quot;One&quot;</span>"));
        assert!(html.contains("<span class=\"c\">// hi</span>"), "{html}");
        assert!(html.contains("<span class=\"n\">1</span>..="), "{html}");
    }

    #[test]
    fn rust_lifetimes_chars_and_attributes() {
        let html = highlight(
            "#[derive(Debug)]\nfn f<'a>(c: char) { let _ = 'x'; }",
            Lang::Rust,
        );
        assert!(html.contains("<span class=\"a\">#[derive(Debug)]</span>"));
        assert!(html.contains("<span class=\"t\">&#39;a</span>"), "{html}");
        assert!(html.contains("<span class=\"s\">&#39;x&#39;</span>"));
    }

    #[test]
    fn python_tokens() {
        let html = highlight(
            "async def main():\n    print(f\"{x:0.2f} s\")  # c\n",
            Lang::Python,
        );
        assert!(html.contains("<span class=\"k\">async</span>"), "{html}");
        assert!(html.contains("<span class=\"f\">main</span>"), "{html}");
        assert!(html.contains("<span class=\"b\">print</span>"), "{html}");
        assert!(html.contains("<span class=\"s\">f&quot;{x:0.2f} s&quot;"));
        assert!(html.contains("<span class=\"c\"># c</span>"), "{html}");
    }

    #[test]
    fn multiline_strings_are_split_per_line() {
        let html = highlight("x = \"\"\"a\nb\"\"\"", Lang::Python);
        assert!(html.contains("<span class=\"s\">&quot;&quot;&quot;a</span>"));
        assert!(html.contains("\n<span class=\"s\">b&quot;&quot;&quot;"));
    }

    #[test]
    fn text_survives() {
        for (code, lang) in [
            ("a < b && c > d; 'x'", Lang::Rust),
            ("if a < b: print('&')", Lang::Python),
        ] {
            let html = highlight(code, lang);
            assert_eq!(crate::unescape(&crate::strip_tags(&html)), code);
        }
    }
}

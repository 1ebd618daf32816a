//! The `--timeline` text picture, read back and drawn as SVG.
//!
//! The picture (see `common`'s drawing) is a block of rows, each a label
//! then one character per time cell (`#` running, `-` sleeping with the
//! thread free, `.` waiting, `=` blocking the thread, space: not there),
//! an axis ruler of `+` and `-`, a line of tick labels, and a legend of
//! `C meaning` entries three spaces apart.

use crate::escape;

/// A picture found in a transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Label and cells of each row, top to bottom.
    pub rows: Vec<(String, String)>,
    /// The ruler's columns: `+` at each tick.
    pub ruler: String,
    /// The tick labels, each with the column it starts at.
    pub ticks: Vec<(usize, String)>,
    /// The legend's entries: symbol and meaning.
    pub legend: Vec<(char, String)>,
    /// A line such as `... and 3 more rows` under the rows, if any.
    pub more: Option<String>,
}

fn is_ruler(line: &str) -> bool {
    let t = line.trim();
    t.len() > 2
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| c == '+' || c == '-')
}

/// The picture in `transcript`, if it has one.
pub fn parse(transcript: &str) -> Option<Picture> {
    let lines: Vec<&str> = transcript.lines().collect();
    let axis = lines.iter().position(|l| is_ruler(l))?;
    let offset = lines[axis].find('+')?;
    let ruler = lines[axis][offset..].to_string();
    let mut first = axis;
    while first > 0 && !lines[first - 1].trim().is_empty() {
        first -= 1;
    }
    let mut rows = Vec::new();
    let mut more = None;
    for line in &lines[first..axis] {
        if line.starts_with("... and ") {
            more = Some(line.to_string());
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let cut = offset.min(chars.len());
        let label: String = chars[..cut].iter().collect();
        let cells: String = chars[cut..].iter().collect();
        if !cells.chars().all(|c| " #-.=".contains(c)) {
            return None;
        }
        rows.push((label.trim_end().to_string(), cells));
    }
    if rows.is_empty() {
        return None;
    }
    let mut ticks = Vec::new();
    if let Some(line) = lines.get(axis + 1) {
        let chars: Vec<char> = line.chars().collect();
        let mut col = 0;
        while col < chars.len() {
            if chars[col] == ' ' {
                col += 1;
                continue;
            }
            let start = col;
            while col < chars.len() && chars[col] != ' ' {
                col += 1;
            }
            let word: String = chars[start..col].iter().collect();
            ticks.push((start.saturating_sub(offset), word));
        }
    }
    let mut legend = Vec::new();
    for line in lines.iter().skip(axis + 2) {
        if line.trim().is_empty() {
            break;
        }
        for entry in line.trim().split("   ") {
            let mut chars = entry.trim().chars();
            let (Some(symbol), Some(' ')) = (chars.next(), chars.next()) else {
                continue;
            };
            legend.push((symbol, chars.as_str().trim().to_string()));
        }
    }
    Some(Picture {
        rows,
        ruler,
        ticks,
        legend,
        more,
    })
}

/// `transcript` cut before its picture: the program's own lines, whether
/// a blank line stood between them and the picture, and the picture's
/// lines, so that `output + ("\n" if gap) + picture == transcript`.
/// `None` if it has no picture.
pub fn split(transcript: &str) -> Option<(String, bool, String)> {
    parse(transcript)?;
    let lines: Vec<&str> = transcript.split_inclusive('\n').collect();
    let axis = lines.iter().position(|l| is_ruler(l))?;
    let mut first = axis;
    while first > 0 && !lines[first - 1].trim().is_empty() {
        first -= 1;
    }
    let gap = first > 0;
    let output = lines[..first.saturating_sub(1)].concat();
    let output = if gap { output } else { String::new() };
    Some((output, gap, lines[first..].concat()))
}

/// Every picture of a `--timeline` run's picture text, in order, each
/// with its title where it has one (`chess` draws two: `Synchronous
/// exhibition:` and `Asynchronous exhibition:`). Pictures are separated
/// by blank lines; a title is the line ending in `:` above its rows.
pub fn pictures(text: &str) -> Vec<(Option<String>, Picture)> {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let block = block.trim_matches('\n');
        let (first, rest) = block.split_once('\n').unwrap_or((block, ""));
        let titled = first.ends_with(':') && !first.starts_with(' ');
        let (title, body) = if titled {
            (Some(first.trim_end_matches(':').to_string()), rest)
        } else {
            (None, block)
        };
        if let Some(picture) = parse(body) {
            out.push((title, picture));
        }
    }
    out
}

/// The CSS class and the bar's height and vertical offset, in a row 18
/// units tall, for a cell symbol: a different shape as well as colour,
/// so that the picture reads without colour too.
fn style(symbol: char) -> (&'static str, f64, f64) {
    match symbol {
        '#' => ("tl-run", 12.0, 3.0),
        '=' => ("tl-block", 10.0, 4.0),
        '.' => ("tl-wait", 4.0, 7.0),
        _ => ("tl-sleep", 4.0, 7.0),
    }
}

/// The picture as an inline SVG element; `id` names its title, which
/// says `describe`.
pub fn svg(p: &Picture, id: &str, describe: &str) -> String {
    const CELL: f64 = 8.0;
    const ROW: f64 = 18.0;
    const CHAR: f64 = 7.2;
    let label_chars = p.rows.iter().map(|r| r.0.chars().count()).max();
    let left = label_chars.unwrap_or(0) as f64 * CHAR + 12.0;
    let columns = p.ruler.chars().count().max(
        p.rows
            .iter()
            .map(|r| r.1.chars().count())
            .max()
            .unwrap_or(0),
    );
    let right = left + columns as f64 * CELL;
    let mut s = String::new();
    let mut y = 4.0;
    let mut body = String::new();
    for (label, cells) in &p.rows {
        body.push_str(&format!(
            "<text class=\"tl-label\" x=\"{:.1}\" y=\"{:.1}\" \
             text-anchor=\"end\">{}</text>",
            left - 8.0,
            y + 13.0,
            escape(label)
        ));
        let cells: Vec<char> = cells.chars().collect();
        let mut col = 0;
        while col < cells.len() {
            let symbol = cells[col];
            let start = col;
            while col < cells.len() && cells[col] == symbol {
                col += 1;
            }
            if symbol == ' ' {
                continue;
            }
            let (class, height, top) = style(symbol);
            body.push_str(&format!(
                "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" \
                 width=\"{:.1}\" height=\"{height:.1}\" rx=\"1.5\"/>",
                left + start as f64 * CELL,
                y + top,
                (col - start) as f64 * CELL
            ));
        }
        y += ROW;
    }
    if let Some(more) = &p.more {
        body.push_str(&format!(
            "<text class=\"tl-label\" x=\"{left:.1}\" y=\"{:.1}\">{}</text>",
            y + 13.0,
            escape(more)
        ));
        y += ROW;
    }
    // The axis: a line, a tick at each `+`, the labels centred under
    // them (the text picture starts each label at its tick).
    y += 4.0;
    body.push_str(&format!(
        "<line class=\"tl-axis\" x1=\"{left:.1}\" y1=\"{y:.1}\" \
         x2=\"{:.1}\" y2=\"{y:.1}\"/>",
        right - CELL
    ));
    for (col, c) in p.ruler.chars().enumerate() {
        if c == '+' {
            let x = left + col as f64 * CELL;
            body.push_str(&format!(
                "<line class=\"tl-axis\" x1=\"{x:.1}\" y1=\"{:.1}\" \
                 x2=\"{x:.1}\" y2=\"{:.1}\"/>",
                y - 3.0,
                y + 3.0
            ));
        }
    }
    y += 16.0;
    for (col, word) in &p.ticks {
        body.push_str(&format!(
            "<text class=\"tl-tick\" x=\"{:.1}\" y=\"{y:.1}\" \
             text-anchor=\"middle\">{}</text>",
            left + *col as f64 * CELL,
            escape(word)
        ));
    }
    // The legend, one swatch and its meaning per entry, in one line.
    y += 10.0;
    let mut x = left;
    for (symbol, meaning) in &p.legend {
        let (class, height, top) = style(*symbol);
        body.push_str(&format!(
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" \
             width=\"16\" height=\"{height:.1}\" rx=\"1.5\"/>\
             <text class=\"tl-legend\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            y + top,
            x + 22.0,
            y + 13.0,
            escape(meaning)
        ));
        x += 22.0 + meaning.chars().count() as f64 * CHAR + 24.0;
    }
    y += ROW + 4.0;
    let width = right.max(x) + 28.0;
    s.push_str(&format!(
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {width:.0} {y:.0}\" width=\"{width:.0}\" \
         height=\"{y:.0}\" role=\"img\" aria-labelledby=\"{id}\">\
         <title id=\"{id}\">{}</title>{body}</svg>",
        escape(describe),
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const PICTURE: &str = "\
One
countasync executed in 1.00 seconds.

count 1  #-----#
count 2   ==..
         +-----+
         0.0   1.0s
         # running   - waiting (thread free)
         = blocking the thread
";

    #[test]
    fn reads_rows_axis_ticks_and_legend() {
        let p = parse(PICTURE).expect("a picture");
        assert_eq!(
            p.rows,
            vec![
                ("count 1".to_string(), "#-----#".to_string()),
                ("count 2".to_string(), " ==..".to_string()),
            ]
        );
        assert_eq!(p.ruler, "+-----+");
        assert_eq!(
            p.ticks,
            vec![(0, "0.0".to_string()), (6, "1.0s".to_string())]
        );
        assert_eq!(
            p.legend,
            vec![
                ('#', "running".to_string()),
                ('-', "waiting (thread free)".to_string()),
                ('=', "blocking the thread".to_string()),
            ]
        );
        let svg = svg(&p, "tl-1", "timeline");
        assert_eq!(svg.matches("<rect class=\"tl-run\"").count(), 3);
        assert!(svg.contains("count 2"));
    }

    #[test]
    fn split_rejoins() {
        let (output, gap, picture) = split(PICTURE).expect("a picture");
        assert!(gap);
        assert!(output.ends_with("seconds.\n"), "{output}");
        assert!(picture.starts_with("count 1"), "{picture}");
        assert_eq!(format!("{output}\n{picture}"), PICTURE);
        let alone = &PICTURE[PICTURE.find("count 1").expect("rows")..];
        assert_eq!(split(alone), Some((String::new(), false, alone.into())));
    }

    #[test]
    fn titled_pictures_are_told_apart() {
        let rows = &PICTURE[PICTURE.find("count 1").expect("rows")..];
        let text = format!("First:\n{rows}\nSecond:\n{rows}");
        let found = pictures(&text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0.as_deref(), Some("First"));
        assert_eq!(found[1].0.as_deref(), Some("Second"));
        assert_eq!(found[1].1.rows.len(), 2);
        assert_eq!(pictures(rows).len(), 1);
        assert_eq!(pictures(rows)[0].0, None);
    }

    #[test]
    fn no_picture_no_svg() {
        assert_eq!(parse("One\nTwo\n"), None);
    }
}

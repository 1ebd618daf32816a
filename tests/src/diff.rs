//! A line diff for test failures: what was expected against what came.

/// `want` and `got` as a unified-style line diff: `-` for lines only in
/// `want`, `+` for lines only in `got`, two spaces for lines in both.
/// Outputs here are short, so the longest common subsequence is found
/// by the plain quadratic table.
pub fn lines(want: &str, got: &str) -> String {
    let a: Vec<&str> = want.lines().collect();
    let b: Vec<&str> = got.lines().collect();
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len()
            && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1])
        {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        } else {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn shows_what_changed() {
        let diff = super::lines("a\nb\nc\n", "a\nx\nc\nd\n");
        assert_eq!(diff, "  a\n- b\n+ x\n  c\n+ d\n");
        assert_eq!(super::lines("", "a"), "+ a\n");
        assert_eq!(super::lines("same\n", "same\n"), "  same\n");
    }
}

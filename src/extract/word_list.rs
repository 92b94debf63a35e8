//! Word-list data files (`abbreviations.txt`, `titles.txt`, `date_words/`, `quotes/words/`):
//! one entry a line, blank lines and `#` comments left out. Every such list is read here.

/// The entries of a word-list file's text, each trimmed, in file order.
pub fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_no_entries() {
        let got: Vec<&str> = entries("# a list\nmr\n\n  mrs \n# end\n").collect();
        assert_eq!(got, ["mr", "mrs"]);
    }
}

//! Given names of the US Census Bureau's 1990 lists (`given_names.txt`, built by
//! `scripts/census-names`, never edited by hand): whether a word is one. Names written in
//! capitals are cased with it; the index's identities tell a misspelling from a name with it.

use std::collections::HashSet;
use std::sync::LazyLock;

static GIVEN_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| super::word_list::entries(include_str!("given_names.txt")).collect());

/// Whether `word`, in any case, is a given name of the Census lists: "Jon" is one, "Joh" none.
pub fn is_given_name(word: &str) -> bool {
    if word.chars().any(char::is_uppercase) {
        GIVEN_NAMES.contains(word.to_lowercase().as_str())
    } else {
        GIVEN_NAMES.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_given_names_in_any_case() {
        assert!(is_given_name("jon") && is_given_name("TAD") && is_given_name("Rich"));
        assert!(!is_given_name("Joh") && !is_given_name("CNN") && !is_given_name(""));
    }
}

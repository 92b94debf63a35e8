//! Given names of the US Census Bureau's 1990 lists (`given_names.txt`, built by
//! `scripts/census-names`, never edited by hand): whether a word is one, and the sex that
//! bears it, when one bears 80% of it (`given_name_sexes.txt`, built alike).
//! Names written in capitals are cased with the first; the index's identities tell a
//! misspelling from a name with it; "he" and "she" find their person with the second.

use std::collections::{HashMap, HashSet};
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

static SEXES: LazyLock<HashMap<&'static str, bool>> = LazyLock::new(|| {
    super::word_list::entries(include_str!("given_name_sexes.txt"))
        .filter_map(|l| l.split_once(' '))
        .map(|(name, sex)| (name, sex == "F"))
        .collect()
});

/// Some(true) for a given name the Census lists give women 80% of ("Hillary"), Some(false) for
/// one they give men 80% of ("Bill"), None for one both bear ("Taylor"), a frequent surname
/// ("Li", "Kim") or none.
pub fn given_name_feminine(word: &str) -> Option<bool> {
    SEXES.get(word.to_lowercase().as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_given_names_have_a_sex_when_one_bears_them() {
        assert_eq!(given_name_feminine("Hillary"), Some(true));
        assert_eq!(given_name_feminine("BILL"), Some(false));
        assert_eq!(given_name_feminine("Taylor"), None);
        assert_eq!(given_name_feminine("Kim"), None, "a frequent surname");
        assert_eq!(given_name_feminine("Zzyzx"), None);
    }

    #[test]
    fn census_given_names_in_any_case() {
        assert!(is_given_name("jon") && is_given_name("TAD") && is_given_name("Rich"));
        assert!(!is_given_name("Joh") && !is_given_name("CNN") && !is_given_name(""));
    }
}

//! First names that tell a person's gender, for resolving "he" and "she". The list
//! (`first_names.txt`) is built from data by `scripts/first-names` (CoNLL-2003 person names and
//! the pronouns that follow them), not by hand; a name absent from it takes the sex the Census
//! lists give it ([`crate::extract::given_names::given_name_feminine`]), else is unknown.

use std::collections::HashMap;
use std::sync::OnceLock;

fn table() -> &'static HashMap<&'static str, bool> {
    static TABLE: OnceLock<HashMap<&'static str, bool>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("first_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, g) = l.split_once(' ')?;
                Some((name, g == "F"))
            })
            .collect()
    })
}

/// Some(true) for a first name mostly borne by women, Some(false) by men, None if unknown.
pub fn first_name_feminine(name: &str) -> Option<bool> {
    table()
        .get(name)
        .copied()
        .or_else(|| crate::extract::given_names::given_name_feminine(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learnt_names_have_a_gender() {
        assert_eq!(first_name_feminine("Margaret"), Some(true));
        assert_eq!(
            first_name_feminine("Hillary"),
            Some(true),
            "from the Census lists"
        );
        assert_eq!(first_name_feminine("Zzyzx"), None);
    }
}

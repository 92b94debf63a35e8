//! Word lists for attribution: speech/report verbs in all their inflections, and the small
//! closed classes (auxiliaries, pronouns, titles, determiners) that the clause patterns need.
//! Each list is a data file in `words/` (one word a line, `#` comments), one file per concept.
//! Lookups are case-insensitive on ASCII and allocate nothing. It owns no patterns: those live
//! in `reported.rs` and `speaker.rs`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How a cue verb form relates to its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    /// said, says, told: takes its subject on the left or, inverted, on the right.
    Finite,
    /// saying, telling: its subject is the clause's subject ("…, saying that …").
    Participle,
    /// say, tell: finite only after a plural subject, never after "to".
    Base,
}

/// Lower-cases an ASCII word into `buf`; `None` for words that cannot be in a lexicon.
fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

/// Whether `word` starts with an upper-case letter.
pub fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The words of a word-list file: one a line, blank lines and `#` comments left out.
fn words(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `word` is in the word-list file `list`, ignoring ASCII case: a hash set built
/// once, so that a lookup does not scan the list (these run for every token).
fn in_set(word: &str, cell: &'static OnceLock<HashSet<&'static str>>, list: &'static str) -> bool {
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| cell.get_or_init(|| words(list).collect()).contains(w))
}

/// Whether `word` equals one of `list`, ignoring ASCII case.
pub fn is_one_of(word: &str, list: &[&str]) -> bool {
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| list.contains(&w))
}

/// The cue form of `word` when it is a speech or report verb.
pub fn cue_form(word: &str) -> Option<CueForm> {
    static MAP: OnceLock<HashMap<&'static str, CueForm>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (list, form) in [
            (BASE, CueForm::Base),
            (PARTICIPLE, CueForm::Participle),
            (FINITE, CueForm::Finite),
        ] {
            for w in words(list) {
                m.insert(w, form);
            }
        }
        m
    });
    let mut buf = [0u8; 24];
    map.get(lower(word, &mut buf)?).copied()
}

/// Verb forms that can only be read as a cue when a clause or quote follows them directly
/// ("added that …", "continued: …"); alone they are too often not speech ("added 200 jobs").
pub fn needs_clause(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, NEEDS_CLAUSE)
}

const NEEDS_CLAUSE: &str = include_str!("words/cue_needs_clause.txt");

/// Past and present tense forms, and past participles used in passives or perfects.
const FINITE: &str = include_str!("words/cue_finite.txt");

const PARTICIPLE: &str = include_str!("words/cue_participle.txt");

const BASE: &str = include_str!("words/cue_base.txt");

/// Auxiliaries and adverbs that sit between a subject and its cue ("has also said").
pub fn is_aux_or_adverb(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    // Besides the list, any lower-case -ly adverb: "Trump jokingly said".
    in_set(word, &SET, AUX_OR_ADVERB)
        || (word.len() > 4
            && word.ends_with("ly")
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && !is_one_of(word, &["family", "rally", "assembly", "daily", "supply"]))
}

const AUX_OR_ADVERB: &str = include_str!("words/aux_or_adverb.txt");

/// Personal pronouns that can name a speaker outside a quote.
pub fn is_subject_pronoun(word: &str) -> bool {
    is_one_of(word, &["he", "she", "they", "it", "we", "i", "you"])
}

/// Grammatical gender of a pronoun: Some(true) for feminine, Some(false) masculine.
pub fn pronoun_feminine(word: &str) -> Option<bool> {
    if is_one_of(word, &["she", "her", "hers", "herself"]) {
        Some(true)
    } else if is_one_of(word, &["he", "him", "his", "himself"]) {
        Some(false)
    } else {
        None
    }
}

/// Determiners and possessives that open a noun phrase.
pub fn is_determiner(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, DETERMINER)
}

const DETERMINER: &str = include_str!("words/determiners.txt");

/// Words right before a quoted name that make it a title: "on", "show", "book", "titled".
pub fn is_title_cue(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, TITLE_CUE)
}

const TITLE_CUE: &str = include_str!("words/title_cues.txt");

/// Possessive determiners: "his", "its", "their".
pub fn is_possessive_determiner(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, POSSESSIVE)
}

const POSSESSIVE: &str = include_str!("words/possessives.txt");

/// Abbreviations after which a period does not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, ABBREVIATION)
}

const ABBREVIATION: &str = include_str!("words/abbreviations.txt");

/// Titles before a name: they tell gender (Mr, Mrs) or an office (President).
pub fn title_feminine(word: &str) -> Option<bool> {
    if is_one_of(
        word,
        &[
            "mrs",
            "ms",
            "miss",
            "madam",
            "madame",
            "lady",
            "congresswoman",
        ],
    ) {
        Some(true)
    } else if is_one_of(word, &["mr", "sir", "lord", "congressman"]) {
        Some(false)
    } else {
        None
    }
}

/// Words that are titles or offices when written before a name.
pub fn is_title(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, TITLE)
}

const TITLE: &str = include_str!("words/titles.txt");

/// Office nouns that, with "the", point to the person the article names with that title.
pub fn is_role_noun(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, ROLE_NOUN)
}

const ROLE_NOUN: &str = include_str!("words/role_nouns.txt");

/// Words that end a noun phrase read leftwards from a cue: clause openers, conjunctions,
/// prepositions that do not sit inside names, verbs of being.
pub fn is_np_stop(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, NP_STOP)
}

const NP_STOP: &str = include_str!("words/np_stops.txt");

/// Lower-case nouns that often head a speaker phrase ("a spokesman", "officials").
pub fn is_speaker_noun(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, SPEAKER_NOUN)
}

const SPEAKER_NOUN: &str = include_str!("words/speaker_nouns.txt");

/// Object pronouns and plain objects that "tell", "ask", "remind" take before their clause.
pub fn is_tell_object(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, TELL_OBJECT)
}

const TELL_OBJECT: &str = include_str!("words/tell_objects.txt");

/// Whether `word` followed by `next` is a name rather than a modal: "Will wrote", "May said"
/// (a modal is never followed by a finite cue).
pub fn is_name_not_modal(word: &str, next: &str) -> bool {
    is_cap(word) && is_one_of(word, &["will", "may"]) && cue_form(next) == Some(CueForm::Finite)
}

/// Prepositions and time words that open an adjunct after a cue ("said in a statement").
pub fn is_adjunct_opener(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, ADJUNCT_OPENER)
}

const ADJUNCT_OPENER: &str = include_str!("words/adjunct_openers.txt");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms_ignore_case() {
        assert_eq!(cue_form("Said"), Some(CueForm::Finite));
        assert_eq!(cue_form("saying"), Some(CueForm::Participle));
        assert_eq!(cue_form("say"), Some(CueForm::Base));
        assert_eq!(cue_form("Putin"), None);
        assert_eq!(cue_form("“said”"), None);
    }

    #[test]
    fn gender_from_titles_and_pronouns() {
        assert_eq!(title_feminine("Mrs"), Some(true));
        assert_eq!(title_feminine("Mr"), Some(false));
        assert_eq!(pronoun_feminine("She"), Some(true));
        assert_eq!(pronoun_feminine("they"), None);
    }
}

//! Word lists for attribution: speech/report verbs in all their inflections, and the small
//! closed classes (auxiliaries, pronouns, titles, determiners) that the clause patterns need.
//! Each list is a data file in `words/` (one word a line, `#` comments), one file per concept.
//! Lookups are case-insensitive on ASCII and allocate nothing. It owns no patterns: those live
//! in `reported.rs` and `speaker.rs`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::extract::word_list::entries;

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

/// The last run of letters and digits in `text` ("" when `text` ends in another mark):
/// "said on ABC" -> "ABC".
pub fn last_word(text: &str) -> &str {
    text.rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// Whether `word` starts with an upper-case letter.
pub fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word` is in the word-list file `list`, ignoring ASCII case: a hash set built
/// once, so that a lookup does not scan the list (these run for every token).
fn in_set(word: &str, cell: &'static OnceLock<HashSet<&'static str>>, list: &'static str) -> bool {
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| cell.get_or_init(|| entries(list).collect()).contains(w))
}

/// `pub fn $name(word) -> bool`: whether `word` is in the word-list file `words/$file`,
/// ignoring ASCII case, through a hash set built once (these run for every token).
macro_rules! word_list {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub fn $name(word: &str) -> bool {
            static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
            in_set(word, &SET, include_str!(concat!("words/", $file)))
        }
    };
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
            for w in entries(list) {
                m.insert(w, form);
            }
        }
        m
    });
    let mut buf = [0u8; 24];
    map.get(lower(word, &mut buf)?).copied()
}

word_list! {
    /// Verb forms that can only be read as a cue when a clause or quote follows them directly
    /// ("added that …", "continued: …"); alone they are too often not speech ("added 200 jobs").
    needs_clause, "cue_needs_clause.txt"
}

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
            && !is_ly_noun(word))
}

const AUX_OR_ADVERB: &str = include_str!("words/aux_or_adverb.txt");

/// Personal pronouns that can name a speaker outside a quote.
pub fn is_subject_pronoun(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, include_str!("words/subject_pronouns.txt"))
}

/// Grammatical gender of a pronoun: Some(true) for feminine, Some(false) masculine.
pub fn pronoun_feminine(word: &str) -> Option<bool> {
    if is_feminine_pronoun(word) {
        Some(true)
    } else if is_masculine_pronoun(word) {
        Some(false)
    } else {
        None
    }
}

word_list! {
    /// Determiners and possessives that open a noun phrase.
    is_determiner, "determiners.txt"
}

word_list! {
    /// Words right before a quoted name that make it a title: "on", "show", "book", "titled".
    is_title_cue, "title_cues.txt"
}

word_list! {
    /// Possessive determiners: "his", "its", "their".
    is_possessive_determiner, "possessives.txt"
}

pub use crate::extract::token::is_abbreviation;

/// Whether the word right before a name tells a woman (`Some(true)`: "Mrs", "wife") or a
/// man (`Some(false)`: "Mr", "son"); `None` for any other word ("President").
pub fn title_feminine(word: &str) -> Option<bool> {
    if is_feminine_title(word) {
        Some(true)
    } else if is_masculine_title(word) {
        Some(false)
    } else {
        None
    }
}

word_list! {
    /// Descriptions that stand before a name in a speaker phrase but are no title: "former",
    /// "Democratic", "billionaire".
    is_name_description, "name_descriptions.txt"
}

/// Whether `word` may stand before a name in a speaker phrase: a title or office
/// ([`crate::extract::canon::is_title`]: "Sen.", "spokeswoman") or a description ("former").
pub fn is_title(word: &str) -> bool {
    crate::extract::canon::is_title(word) || is_name_description(word)
}

word_list! {
    /// Office nouns that, with "the", point to the person the article names with that title.
    is_role_noun, "role_nouns.txt"
}

word_list! {
    /// Words that end a noun phrase read leftwards from a cue: clause openers, conjunctions,
    /// prepositions that do not sit inside names, verbs of being.
    is_np_stop, "np_stops.txt"
}

word_list! {
    /// Lower-case nouns that often head a speaker phrase ("a spokesman", "officials").
    is_speaker_noun, "speaker_nouns.txt"
}

word_list! {
    /// Object pronouns and plain objects that "tell", "ask", "remind" take before their clause.
    is_tell_object, "tell_objects.txt"
}

/// Whether `word` followed by `next` is a name rather than a modal: "Will wrote", "May said"
/// (a modal is never followed by a finite cue).
pub fn is_name_not_modal(word: &str, next: &str) -> bool {
    is_cap(word) && is_one_of(word, &["will", "may"]) && cue_form(next) == Some(CueForm::Finite)
}

word_list! {
    /// Prepositions and time words that open an adjunct after a cue ("said in a statement").
    is_adjunct_opener, "adjunct_openers.txt"
}

word_list! {
    /// Forms of "be" that make a passive or a progressive ("was asked", "is promising").
    is_be, "be_forms.txt"
}

word_list! {
    /// Words that carry a clause, so that a phrase holding one is no subject.
    is_clause_marker, "clause_markers.txt"
}

word_list! {
    /// Subordinators, conjunctions and relative pronouns after which a clause starts.
    is_clause_opener, "clause_openers.txt"
}

word_list! {
    /// Words right after a cue that open no content of its ("said and", "said to").
    is_complement_stop, "complement_stops.txt"
}

word_list! {
    /// Words that open a reported clause: "that", "whether", "if".
    is_complementizer, "complementizers.txt"
}

word_list! {
    /// Conjunctions that join two clauses or open one: "but", "and", "yet", "so", "then".
    is_coordinator, "coordinators.txt"
}

word_list! {
    /// Cue verbs that take their hearer before their content ("told reporters that").
    is_cue_with_hearer, "cue_with_hearer.txt"
}

word_list! {
    /// Common irregular past tenses ("took", "gave"), read as a finite verb.
    is_irregular_past, "irregular_pasts.txt"
}

word_list! {
    /// Words that open an adverbial before a sentence's subject ("Back on CNBC, …").
    is_sentence_opener, "sentence_openers.txt"
}

word_list! {
    /// Words that end a time phrase opening a sentence ("Eight years ago,").
    is_time_noun, "time_nouns.txt"
}

word_list! {
    /// Question words that open a clause a cue governs ("noted how …").
    is_wh_word, "wh_words.txt"
}

word_list! {
    /// Verbs that with "back" are a cue ("shot back").
    turns_back, "back_verbs.txt"
}

word_list! {
    /// Words before a cue form that make it no attribution ("to say", "to be called").
    is_cue_blocker, "cue_blockers.txt"
}

word_list! {
    /// Articles: "the", "a", "an".
    is_article, "articles.txt"
}

word_list! {
    /// Verbs whose object speaks the infinitive cue after them ("prompted Trump to say").
    is_prompting_verb, "prompting_verbs.txt"
}

word_list! {
    /// Prepositions before a participle cue ("by saying", "after noting").
    is_participle_preposition, "participle_prepositions.txt"
}

word_list! {
    /// Singular determiners, after which a base-form cue is a noun ("a rare note").
    is_singular_determiner, "singular_determiners.txt"
}

word_list! {
    /// Auxiliaries (modals, "be", "have") that make a phrase before them a clause's subject.
    is_auxiliary, "auxiliaries.txt"
}

word_list! {
    /// Relative pronouns that open a clause with its own subject: "which", "who", "whom".
    is_relative_pronoun, "relative_pronouns.txt"
}

word_list! {
    /// Prepositions that sit inside a noun phrase ("the secretary of state").
    is_phrase_preposition, "phrase_prepositions.txt"
}

word_list! {
    /// Capitalised words that open a sentence rather than coordinate ("Yet another said").
    is_sentence_adverb, "sentence_adverbs.txt"
}

word_list! {
    /// Indefinite pronouns that speak for their group ("others wrote").
    is_indefinite_pronoun, "indefinite_pronouns.txt"
}

word_list! {
    /// Prepositions of a place or audience phrase after a speaker ("a man in the back").
    is_place_preposition, "place_prepositions.txt"
}

word_list! {
    /// Prepositions after an inverted cue that open no speaker ("said of the request").
    is_topic_preposition, "topic_prepositions.txt"
}

word_list! {
    /// Words that usually start a sentence ("The", "He", "But").
    is_sentence_starter, "sentence_starters.txt"
}

word_list! {
    /// Function words inside a title-cased name of a work ("The Art of the Deal").
    is_title_small_word, "title_small_words.txt"
}

word_list! {
    /// Words in -ly that are no adverb ("family", "rally").
    is_ly_noun, "ly_nouns.txt"
}

word_list! {
    /// Feminine pronouns: "she", "her", "hers", "herself".
    is_feminine_pronoun, "feminine_pronouns.txt"
}

word_list! {
    /// Masculine pronouns: "he", "him", "his", "himself".
    is_masculine_pronoun, "masculine_pronouns.txt"
}

word_list! {
    /// Words before a name that tell a woman: "Mrs", "Lady", "spokeswoman", "wife".
    is_feminine_title, "feminine_titles.txt"
}

word_list! {
    /// Words before a name that tell a man: "Mr", "Sir", "spokesman", "son".
    is_masculine_title, "masculine_titles.txt"
}

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
        assert_eq!(title_feminine("wife"), Some(true));
        assert_eq!(title_feminine("son"), Some(false));
        assert_eq!(title_feminine("President"), None);
        assert_eq!(pronoun_feminine("She"), Some(true));
        assert_eq!(pronoun_feminine("they"), None);
    }
}

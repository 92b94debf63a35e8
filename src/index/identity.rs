//! Archive-wide identities: which of the index's canonical names are one person (or one
//! organisation). Each article names people its own way ("Donald J. Trump", "Donald Trump",
//! a bare "Trump" it could not resolve); this groups those names by their structure and by how
//! often each is quoted or mentioned, never by a list of known people.
//!
//! Rules, applied in this order to names with their counts:
//! - **fold**: case, leading titles and middle initials go ("Sen. Paul D. Ryan" ~ "Paul Ryan");
//!   generational suffixes stay ("Donald Trump Jr." is someone else). Two names that differ only
//!   in different middle initials ("George W. Bush", "George H.W. Bush") are two people, and the
//!   form without initials goes to the one that dominates it.
//! - **periods**: a name with and without the periods of its abbreviations is one ("F.B.I."
//!   ~ "FBI", "St. Louis" ~ "St Louis"), in the same case ("La." is no "L.A.").
//! - **acronyms**: a name of capitals joins the one longer name, no person's, whose words'
//!   first letters spell it ("DNC" ~ "Democratic National Committee"), when at least half the
//!   articles that write it name that name too.
//! - **middle names**: a name whose words are a part of a longer one, same first and last
//!   word ("Hillary Clinton" in "Hillary Rodham Clinton"), joins it when only one identity
//!   has it. Here and in spelling, the tagger must read one of the two as a person.
//! - **spelling**: same surname, a first name that is a known short form ("Ed", "Edward";
//!   `given_name_forms.txt`; a rarer one, `nicknames.txt`, only where an article names both,
//!   the full name has middle initials or the surname is too rare for the Census list:
//!   "Sandy", "Sandra"; "Gabby Giffords") of one at least as common, a prefix
//!   ("Geoff", "Geoffrey"; not a feminine form, "Eric", "Erica") of one three times as
//!   common, or one letter off
//!   ("Hilary") of one ten times as common, three times when the variant is in one article
//!   only and no article names both. Accents fold ("François" ~ "Francois").
//! - **variants**: a first name one letter off a given name (a letter changed, added,
//!   dropped or swapped with the next: "Daivd"; the US Census lists, `extract/given_names.txt`)
//!   that is none, in one article and never beside it, is its misspelling at any count ("Joh
//!   Husted" ~ "Jon Husted"); when neither is a given name, a one-off joins the one at least
//!   as common ("Sergei" ~ "Sergey"), and so does a one-off two letters off that sounds the
//!   same, its consonants spelt another way (Double Metaphone: "Adolf" ~ "Adolph"); two given
//!   names ("Carla", "Carly") only the spelling rule joins, or a slip of the pen in the one
//!   article that writes it beside the name (two letters swapped, an inner vowel, a letter
//!   doubled: "Dan" beside "Don"); two letters swapped in one article are a misspelling of
//!   the name more than one article writes, at any count ("Kristen" ~ "Kirsten"). A middle
//!   name spelt two ways that are not both given names is one name even in one article
//!   ("Osman Abou Laban" ~ "Osman Abu Laban"). Both names must read as people's (one, for a
//!   middle name), and neither differing word be a common word ("Time Warner").
//! - **initials for a first name**: "C Hodgson" joins the one person of the surname whose
//!   first name begins with C, three times as common, when their middle names and initials
//!   agree; ten times when it has middle names the other lacks ("B. Hussein Obama").
//! - **misspelt words**: a name in one article whose one differing word no list knows (no
//!   common word, given name or surname of the Census lists, `surnames.txt`) joins the name
//!   three times as common with that word one edit away inside it, first and last letters
//!   kept ("Alan Greespan" ~ "Alan Greenspan", "Exchange Comission"); a plural, a demonym or
//!   a surname of its own ("Africans", "Clarke", "O'Neil") is another word, and so is a word
//!   in the tagger's vocabulary. A slip of the pen beside the name needs no count ("Angela
//!   Correy" beside "Angela Corey"), nor two letters swapped between two words no list knows
//!   ("Eli Stoklos" ~ "Eli Stokols").
//! - **suffixes**: a formal name with middle initials and a generational suffix, or a name
//!   with a numeral, joins the same name without them, at least as common, when no article
//!   names both ("James B. Comey Jr." ~ "James Comey", "Joe Manchin III" ~ "Joe Manchin");
//!   "Donald Trump Jr." and "Duncan Hunter Sr." stay a son and a father.
//! - **name order**: a two-word name in one article, reversed, is the person of that name at
//!   least as common ("Yimou Zhang" ~ "Zhang Yimou"); both must read as people's names.
//! - **fragments**: a tagger's fusion of words before a full name ("Fox News Sean Hannity",
//!   "Telling Jeb Bush") joins that name when the name is at least as common.
//! - **surnames**: a one-word name (or a particle and a word, "De Blasio", when a longer name
//!   ends with them: `extract/surname_particles.txt`) joins the person with that surname who
//!   has at least two thirds of the surname's count ("Obama" -> "Barack Obama"); otherwise it
//!   stays its own.
//!   A first name is none unless the archive's full names end with it more often than they
//!   begin with it ("Blair", "Howard"; not "Michael").
//!   A place, organisation or nationality ("Israel", "Cuban") is no surname, nor among entities
//!   a common word ("Black"; the index's knowledge counts a word someone was quoted under
//!   alone, "Pence", as none, and so is one after a title when one person has that surname:
//!   "Mr. Sessions");
//!   among speakers, who were quoted, a common word is ("Pence").
//! - **fragments before a surname**: a surname after one or two capitalised words that are each
//!   a title or another name ("Texas Sen. Cruz"), or among speakers a common word ("Claim
//!   Trump"), joins the person it stands for; among entities "Stop Trump" is a movement, but
//!   a common word that is no given name, in the one article of its fragment, which names the
//!   person, before a surname it reads as a person's name with, is a headline's or a
//!   sentence's first word ("Chasing Trump and Cruz was Rubio").
//!
//! The canonical name of an identity is its most counted full name, a given name's spelling
//! before its misspelling. The grouping is a pure function of the names, their counts and the
//! articles that name them, so an index rebuilt or merged from the same documents gets the
//! same identities.

use crate::extract::given_names::is_given_name;

/// Share of a surname's count its dominant person needs for a bare surname to join them (and,
/// in a question, for the surname to mean them alone).
pub const SURNAME_SHARE: f64 = 2.0 / 3.0;
/// Among entities, a full name seen once is too little evidence to take a bare surname (a
/// tagger's "Great Wall", "Santa Monica"); a speaker was quoted, so once is enough.
const MIN_FULL_ENTITY: u64 = 2;
/// A bare surname may be at most this many times as common as the person it joins.
const BARE_RATIO: u64 = 4;
/// How many times more common a spelling must be for a variant to join it.
const SPELLING_RATIO: u64 = 3;
/// How many times more common a name must be for a one-letter variant ("Hilary") to join it
/// when one article names both: "Ivana Trump" there is not a misspelt "Ivanka Trump". A
/// variant no article writes beside the name needs [`SPELLING_RATIO`].
const TYPO_RATIO: u64 = 10;
/// The ratio that marks a one-off misspelling of a given name: it joins the given name's
/// identity at any count, and the given name stays the canonical name ("Joh Husted", 3
/// quotes in one article, is "Jon Husted").
const TOWARD_GIVEN_NAME: u64 = 0;
/// Shortest short form of a first name ("Ed" is too short: "Ed"/"Edna").
const MIN_SHORT_FORM: usize = 3;
/// Shortest word a misspelling is told in: "Ivana"/"Ivanka" may be, "ABC"/"NBC" never.
const MIN_MISSPELT_WORD: usize = 5;

/// A name split for comparison: lower-cased words without titles, initials apart.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parsed {
    /// Words without middle initials (lower case), suffix included.
    words: Vec<String>,
    /// The same words as written, for questions about a written word ("Time" in "Time
    /// Warner" is a common word).
    written: Vec<String>,
    /// Middle initials, letters only and sorted: "hw" for "H.W." and for its slip "W.H.".
    initials: String,
}

/// The capitals an acronym of `name` would be: the first letters of its words but function
/// words, when it has two or more such words each capitalised ("Federal Bureau of
/// Investigation" -> "FBI"); `None` otherwise.
fn initials_of(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !crate::extract::quotes::is_title_small_word(w))
        .collect();
    (words.len() >= 2
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase())))
    .then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

fn is_initial(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    !letters.is_empty()
        && letters.len() <= 3
        && letters.iter().all(|c| c.is_alphabetic())
        && (letters.len() == 1 || word.contains('.'))
}

/// `name` split, knowing nothing of it: two or three capitals inside it stay a word.
#[cfg(test)]
fn parse(name: &str) -> Parsed {
    parse_with(name, &|_| false)
}

/// `name` split; `is_person` is asked about a name written in mixed case with two or three
/// capitals inside it: in a person's name they are initials ("George HW Bush"), in another
/// name a word ("Advanced NMR Systems", "Bank OF Korea").
fn parse_with(name: &str, is_person: &dyn Fn(&str) -> bool) -> Parsed {
    let cleaned = crate::extract::canon::clean(name, crate::article::EntityKind::Misc);
    // "D.N.C." alone is an acronym.
    let several_words = cleaned.split_whitespace().nth(1).is_some();
    // Each word lower-cased without accents, and as written.
    let mut raw: Vec<(String, String)> = cleaned
        .split_whitespace()
        .flat_map(|w| {
            // Brackets, quotation marks and apostrophes around a word are not its letters
            // ("Bob]", "Lyin'"); run-together initials are initials ("C.V." is "C. V.").
            let w = w.trim_matches(|c: char| "[](){}\"“”'’,".contains(c));
            let letters: Vec<&str> = w.split_inclusive('.').collect();
            let pieces = if several_words
                && letters.len() > 1
                && letters
                    .iter()
                    .all(|l| l.chars().count() == 2 && l.ends_with('.'))
            {
                letters
            } else {
                vec![w]
            };
            pieces
                .into_iter()
                .map(|piece| (without_accents(&piece.to_lowercase()), piece.to_string()))
        })
        .filter(|(w, _)| !w.is_empty())
        .collect();
    // A sentence's period after the last word ("Fox News Channel.") is no part of the name;
    // an initial's ("Title I.") or a suffix's ("Jr.") is.
    if let Some((last, as_written)) = raw.last_mut()
        && last.len() > 3
        && last.ends_with('.')
        && !is_suffix(last)
    {
        last.pop();
        as_written.pop();
    }
    // Titles go before a full name ("Sen. Paul Ryan"); before a single word only an
    // abbreviated one ("Mr. Trump"): "Justice Department" is no Department.
    // A saint's "St." names a place, a saint or a team ("St. Louis Cardinals"), never stands
    // before a person's name.
    while raw.len() > 1
        && crate::extract::canon::is_title(&raw[0].0)
        && raw[0].0.trim_end_matches('.') != "st"
        && (raw.len() > 2
            || raw[0].0.ends_with('.')
            || matches!(raw[0].0.as_str(), "mr" | "mrs" | "ms"))
    {
        raw.remove(0);
    }
    let mut words = Vec::new();
    let mut written = Vec::new();
    let mut initials = String::new();
    let n = raw.len();
    let ends_with_suffix = raw.last().is_some_and(|(w, _)| is_suffix(w));
    let mixed_case = cleaned.chars().any(char::is_lowercase);
    let mut of_a_person: Option<bool> = None;
    for (i, (w, as_written)) in raw.into_iter().enumerate() {
        let last_name_word = i + 1 == n || (i + 2 == n && ends_with_suffix);
        let mut capitals = || {
            mixed_case
                && (2..=3).contains(&as_written.chars().count())
                && as_written.chars().all(char::is_uppercase)
                && !is_suffix(&w)
                && *of_a_person.get_or_insert_with(|| is_person(name))
        };
        if i > 0 && !last_name_word && (is_initial(&w) || capitals()) {
            initials.extend(w.chars().filter(|c| *c != '.'));
        } else {
            words.push(w);
            written.push(as_written);
        }
    }
    let mut letters: Vec<char> = initials.chars().collect();
    letters.sort_unstable();
    let initials = letters.into_iter().collect();
    Parsed {
        words,
        written,
        initials,
    }
}

/// `word` without combining accents ("françois" -> "francois"): one name written with and
/// without them.
fn without_accents(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// (short form, full name) pairs of a list of one full name a line, then its forms.
type FormPairs = std::collections::HashSet<(&'static str, &'static str)>;

fn form_pairs(list: &'static str) -> FormPairs {
    crate::extract::word_list::entries(list)
        .flat_map(|line| {
            let mut words = line.split_whitespace();
            let full = words.next().unwrap_or("");
            words.map(move |short| (short, full))
        })
        .collect()
}

/// Common short forms of given names (`given_name_forms.txt`).
static GIVEN_NAME_FORMS: std::sync::LazyLock<FormPairs> =
    std::sync::LazyLock::new(|| form_pairs(include_str!("given_name_forms.txt")));

/// Rarer short forms (`nicknames.txt`, built by `scripts/nicknames`): "Gary" is one of
/// Garrett's, but more often a name of its own.
static NICKNAMES: std::sync::LazyLock<FormPairs> =
    std::sync::LazyLock::new(|| form_pairs(include_str!("nicknames.txt")));

/// Whether one of two given names is a common short form of the other ("ed", "edward").
fn is_short_form_of(a: &str, b: &str) -> bool {
    GIVEN_NAME_FORMS.contains(&(a, b)) || GIVEN_NAME_FORMS.contains(&(b, a))
}

/// Whether one of two given names is a rarer short form of the other ("sandy", "sandra").
fn is_nickname_of(a: &str, b: &str) -> bool {
    NICKNAMES.contains(&(a, b)) || NICKNAMES.contains(&(b, a))
}

/// Endings that make a feminine given name of another (`feminine_name_endings.txt`): "Erica"
/// is no long form of "Eric".
static FEMININE_ENDINGS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::extract::word_list::entries(include_str!("feminine_name_endings.txt")).collect()
    });

/// Generational suffixes tell a son from his father.
fn is_suffix(word: &str) -> bool {
    crate::extract::canon::is_generational_suffix(word)
}

/// The surname: the last word before a suffix.
fn surname(words: &[String]) -> Option<&str> {
    match words {
        [.., s, x] if is_suffix(x) => Some(s),
        [.., s] => Some(s),
        [] => None,
    }
}

/// Whether the middle initials of `short` are those of `long`, or, when `long` has none, those
/// of all the middle names `long` has beyond it: "B.J. Cooper" fits "B. Jay Cooper"; "George
/// W. Bush" neither "George HW Bush" nor "George Herbert Walker Bush".
fn initials_fit(short: &Parsed, long: &Parsed) -> bool {
    if short.initials.is_empty() || short.initials == long.initials {
        return true;
    }
    if !long.initials.is_empty() {
        return false;
    }
    let middle = long
        .words
        .get(1..long.words.len().saturating_sub(1))
        .unwrap_or(&[]);
    let mut letters: Vec<char> = middle
        .iter()
        .filter(|w| !short.words.contains(w))
        .filter_map(|w| w.chars().next())
        .collect();
    letters.sort_unstable();
    short.initials.chars().eq(letters)
}

fn is_subsequence(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// How two first or middle names spelt nearly alike stand to the given-name list: "Carla"
/// and "Carly" are both given names, so two names; "Joh" is none, a misspelling of "Jon".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// Not spelt nearly alike, or both given names.
    Apart,
    /// One letter apart; the first is the given name, the other its variant.
    Given,
    /// One letter apart; the first is a variant of the other, a given name.
    OfGiven,
    /// One letter apart; neither is a given name ("Sergei", "Sergey"): the more common stands.
    Neither,
    /// Two letters apart and sounding alike, not both given names ("Adolf", "Adolph";
    /// "Aleksei", "Alexei"): one name spelt two ways, the more common stands.
    SoundAlike,
}

/// How `a` and `b`, `distance` edits apart (a swap of two letters is one), stand to the
/// given-name list.
fn variant(a: &str, b: &str, distance: usize) -> Variant {
    match (distance, is_given_name(a), is_given_name(b)) {
        (_, true, true) => Variant::Apart,
        (1, true, false) => Variant::Given,
        (1, false, true) => Variant::OfGiven,
        (1, false, false) => Variant::Neither,
        (2, _, _) if sounds_alike(a, b) => Variant::SoundAlike,
        _ => Variant::Apart,
    }
}

/// Whether two words are one sound with its consonants spelt two ways: the same Double
/// Metaphone code in full length ("adolf" and "adolph" are ATLF) and the same vowels in order.
/// The code drops inner vowels, so "bjorn" and "bjarne" (PJRN) are two names.
fn sounds_alike(a: &str, b: &str) -> bool {
    let vowels = |w: &str| -> String { w.chars().filter(|c| "aeiouy".contains(*c)).collect() };
    // The encoder cuts strings at byte offsets: letters only ASCII has ("Władysław" panics it).
    a.is_ascii()
        && b.is_ascii()
        && vowels(a) == vowels(b)
        && rphonetic::DoubleMetaphone::new(None).is_double_metaphone_equal(a, b, false)
}

/// Whether two spellings of a word are one slip of the pen apart, the slips that keep its
/// sound and letters: two neighbouring letters swapped ("Adbulhadi", "Abdulhadi"), one vowel
/// for another inside the word ("Dan", "Don"; a last letter may make another name, "Carla",
/// "Carly"), or a letter doubled ("Hilary", "Hillary"). A letter added or changed otherwise
/// is another name ("Ivana", "Ivanka"; "Eric", "Erica"; "Joh", "Jon").
fn is_slip(a: &str, b: &str) -> bool {
    if is_swap(a, b) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let is_vowel = |c: char| "aeiou".contains(c);
    if a.len() == b.len() {
        let mut differ = (0..a.len()).filter(|&i| a[i] != b[i]);
        return match (differ.next(), differ.next()) {
            (Some(i), None) => i + 1 < a.len() && is_vowel(a[i]) && is_vowel(b[i]),
            _ => false,
        };
    }
    let (short, long) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    long.len() == short.len() + 1
        && (1..long.len()).any(|i| {
            long[i] == long[i - 1] && long[..i] == short[..i] && long[i + 1..] == short[i..]
        })
}

/// Whether two spellings of a word differ by two neighbouring letters swapped ("kristen",
/// "kirsten"): two letters differ, and one edit turns one into the other.
fn is_swap(a: &str, b: &str) -> bool {
    strsim::hamming(a, b) == Ok(2) && strsim::osa_distance(a, b) == 1
}

/// The one identity among `targets` (identity root, times more common it must be), with the
/// strictest ratio of its names' (one named beside the variant in an article makes it a name
/// of someone else's); `None` when there are none or several.
fn only_target(mut targets: Vec<(usize, u64)>) -> Option<(usize, u64)> {
    targets.sort_unstable_by_key(|&(root, ratio)| (root, std::cmp::Reverse(ratio)));
    targets.dedup_by_key(|&mut (root, _)| root);
    match targets.as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

/// Surnames of the US Census Bureau's 1990 list (`surnames.txt`, built by
/// `scripts/census-names`): "clarke" is a surname, "greespan" none.
static SURNAMES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::extract::word_list::entries(include_str!("surnames.txt")).collect()
    });

/// Whether a name's surname is too rare for the Census list (fewer than about a hundred
/// bearers in 1990): two people of it in one archive, one with a short form of the other's
/// first name, are most likely one ("Gabby Giffords", "Gabrielle Giffords"); two "Johnson"s
/// are not.
fn is_rare_surname(words: &[String]) -> bool {
    surname(words).is_some_and(|s| {
        let letters: String = s.chars().filter(|c| c.is_alphabetic()).collect();
        letters.chars().count() >= MIN_MISSPELT_WORD && !SURNAMES.contains(letters.as_str())
    })
}

/// Whether word `k` of a name is a word no list knows: no common word, given name, surname,
/// first name or other name ("greespan", "comission"), so it may be a misspelling. The Census
/// lists write names in letters only ("oneil" for "O'Neil").
fn is_unknown_word(p: &Parsed, k: usize, know: &dyn Knowledge) -> bool {
    let written = p.written[k].as_str();
    let word = p.words[k].as_str();
    let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    // A word without digits ("737-800") and no numeral ("XLVIII").
    !word.chars().any(char::is_numeric)
        && letters.chars().count() >= MIN_MISSPELT_WORD
        && !letters.chars().all(|c| "ivxlcdm".contains(c))
        && !is_given_name(&letters)
        && !SURNAMES.contains(letters.as_str())
        && !know.is_common_word(written)
        && !know.is_first_name(written)
        && !know.is_other_name(written)
}

/// Whether `variant` misspells `word`: one edit apart (a swap of two letters is one), both
/// long enough to tell, with the same first and last letters.
fn is_misspelling(variant: &str, word: &str) -> bool {
    let ends = |w: &str| (w.chars().next(), w.chars().next_back());
    variant.chars().count() >= MIN_MISSPELT_WORD
        && word.chars().count() >= MIN_MISSPELT_WORD
        && ends(variant) == ends(word)
        && strsim::osa_distance(variant, word) == 1
}

/// The letter of a one-letter initial ("b." or "b"), if `word` is one.
fn initial_letter(word: &str) -> Option<char> {
    let mut letters = word.chars().filter(|c| *c != '.');
    match (letters.next(), letters.next()) {
        (Some(c), None) if c.is_alphabetic() => Some(c),
        _ => None,
    }
}

/// Which names are a surname alone: one word ("Obama"), or a particle and a word ("De
/// Blasio") when a longer name ends with the same two ("Bill de Blasio").
fn bare_surnames(parsed: &[Parsed]) -> Vec<bool> {
    let ends: std::collections::HashSet<&[String]> = parsed
        .iter()
        .filter(|p| p.words.len() >= 3)
        .map(|p| &p.words[p.words.len() - 2..])
        .collect();
    parsed
        .iter()
        .map(|p| match p.words.as_slice() {
            [_] => true,
            [particle, _] => {
                crate::extract::canon::is_surname_particle(particle)
                    && ends.contains(p.words.as_slice())
            }
            _ => false,
        })
        .collect()
}

/// Union-find over name indexes; the root is the best-standing member ([`Groups::better`]).
struct Groups<'a> {
    parent: Vec<usize>,
    /// Summed counts of each root's members.
    sums: Vec<u64>,
    /// How many names each root's identity has.
    sizes: Vec<usize>,
    /// The count each root stands with against another: its own, or a misspelling's joined
    /// toward it when that is higher ([`Groups::union_toward`]).
    standing: Vec<u64>,
    /// Whether each name is a bare surname ([`bare_surnames`]).
    bare: &'a [bool],
    names: &'a [String],
}

impl Groups<'_> {
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// The better representative of two: a full name before a bare surname, then more counted,
    /// then shorter, then first in order.
    fn better(&self, a: usize, b: usize) -> usize {
        let key = |i: usize| {
            (
                self.bare[i],
                std::cmp::Reverse(self.standing[i]),
                self.names[i].len(),
                i,
            )
        };
        if key(a) <= key(b) { a } else { b }
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let root = self.better(ra, rb);
            let other = if root == ra { rb } else { ra };
            self.join(other, root);
        }
    }

    /// Joins `a`'s identity to `b`'s, whose root stays the root and stands with the higher
    /// of the two counts.
    fn union_toward(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.standing[rb] = self.standing[rb].max(self.standing[ra]);
            self.join(ra, rb);
        }
    }

    /// Puts root `other` under root `root`.
    fn join(&mut self, other: usize, root: usize) {
        self.parent[other] = root;
        self.sums[root] += self.sums[other];
        self.sizes[root] += self.sizes[other];
    }

    /// Whether `i` is its identity's only name.
    fn alone(&mut self, i: usize) -> bool {
        let root = self.find(i);
        self.sizes[root] == 1
    }

    /// The summed count of `i`'s identity.
    fn total(&mut self, i: usize) -> u64 {
        let root = self.find(i);
        self.sums[root]
    }
}

/// What the grouping asks about words and names (the entity tagger's knowledge in the index;
/// a stand-in in tests).
pub trait Knowledge {
    /// Whether a full name, read alone, names a person.
    fn is_person(&self, name: &str) -> bool;
    /// Whether a word is common in lower case ("claim", "team", "bill").
    fn is_common_word(&self, word: &str) -> bool;
    /// Whether a word is in the tagger's vocabulary, in any case ("capital", "giuliani"): a
    /// word spelt as news spells it.
    fn is_known_word(&self, word: &str) -> bool;
    /// Whether a word is a known first name ("Bill", "Mark").
    fn is_first_name(&self, word: &str) -> bool;
    /// Whether a word alone names a place, an organisation or another thing and never a
    /// person ("Israel", "Cuban").
    fn is_other_name(&self, word: &str) -> bool;
}

/// Which table names come from: it decides whether a bare common word can be a surname.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Speakers: each was quoted, so a bare one is someone's name even when it is also a
    /// common word ("Pence", "Price").
    Speakers,
    /// Entities: a bare common word may be the word itself ("Black voters", "the Hill").
    Entities,
}

/// Groups `names` (with their counts: quotes for speakers, articles for entities) into
/// identities: for each name, the index of its identity's canonical name. `shared(a, b)` is
/// how many articles name both (`shared(a, a)`: how many name `a`; 0 when not known): an
/// article that writes "Ivana Trump" and "Ivanka Trump" means two people, not a misspelling.
pub fn identities(
    names: &[String],
    counts: &[u64],
    know: &dyn Knowledge,
    table: Table,
    shared: &dyn Fn(usize, usize) -> u64,
) -> Vec<usize> {
    let together = |a: usize, b: usize| shared(a, b) > 0;
    let articles = |a: usize| match shared(a, a) {
        0 => counts[a],
        n => n,
    };
    let parsed: Vec<Parsed> = names
        .iter()
        .map(|n| parse_with(n, &|n| know.is_person(n)))
        .collect();
    let is_bare = bare_surnames(&parsed);
    let mut g = Groups {
        parent: (0..names.len()).collect(),
        sums: counts.to_vec(),
        sizes: vec![1; names.len()],
        standing: counts.to_vec(),
        bare: &is_bare,
        names,
    };
    // Names by surname, for every rule below.
    let mut by_surname: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, p) in parsed.iter().enumerate() {
        if let Some(s) = surname(&p.words) {
            by_surname.entry(s).or_default().push(i);
        }
    }
    // Fold: same words once titles and initials are gone.
    let mut by_fold: std::collections::BTreeMap<&[String], Vec<usize>> = Default::default();
    for (i, p) in parsed.iter().enumerate() {
        if !p.words.is_empty() {
            by_fold.entry(p.words.as_slice()).or_default().push(i);
        }
    }
    for members in by_fold.values() {
        let mut variants: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
        for &i in members {
            variants.entry(&parsed[i].initials).or_default().push(i);
        }
        for v in variants.values() {
            for &i in &v[1..] {
                g.union(v[0], i);
            }
        }
        let initialled: Vec<usize> = variants
            .iter()
            .filter(|(k, _)| !k.is_empty())
            .map(|(_, v)| v[0])
            .collect();
        if let Some(plain) = variants.get("").map(|v| v[0]) {
            match initialled.as_slice() {
                [] => {}
                [only] => g.union(plain, *only),
                several => {
                    let sums: Vec<u64> = several.iter().map(|&i| g.total(i)).collect();
                    let all: u64 = sums.iter().sum();
                    if let Some((k, top)) = sums.iter().enumerate().max_by_key(|(_, s)| **s)
                        && *top as f64 >= SURNAME_SHARE * all as f64
                    {
                        g.union(plain, several[k]);
                    }
                }
            }
        }
    }
    // Periods: a name with and without the periods of its abbreviations is one ("F.B.I." ~
    // "FBI", "St. Louis" ~ "St Louis", "R.J. Reynolds" ~ "RJ Reynolds"). Case stays: "La."
    // (Louisiana) is no "L.A.".
    let mut by_letters: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, name) in names.iter().enumerate() {
        let words: Vec<String> = name
            .split_whitespace()
            .map(|w| w.replace('.', ""))
            .filter(|w| !w.is_empty())
            .collect();
        // One word with a period only at its end is an abbreviation of its own ("Mass.", "Mo.").
        let name = name.trim();
        let abbreviation =
            words.len() == 1 && name.ends_with('.') && !name.trim_end_matches('.').contains('.');
        if !words.is_empty() && !abbreviation {
            by_letters.entry(words.join(" ")).or_default().push(i);
        }
    }
    for same in by_letters.values() {
        for &i in &same[1..] {
            g.union(same[0], i);
        }
    }
    // Acronyms: a name of capitals spelt by the first letters of one longer name's words
    // ("DNC" ~ "Democratic National Committee", "FBI" ~ "Federal Bureau of Investigation"),
    // when at least half the articles that write the acronym spell it out so (an article's
    // "Assistive Mouse Adapter" is not every article's "AMA"); people have no acronym.
    let mut by_initials: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, name) in names.iter().enumerate() {
        if let Some(initials) = initials_of(name) {
            by_initials.entry(initials).or_default().push(i);
        }
    }
    for (a, name) in names.iter().enumerate() {
        let letters = name.replace('.', "");
        if !(2..=6).contains(&letters.len()) || !letters.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let Some(spelt) = by_initials.get(&letters) else {
            continue;
        };
        let mut roots: Vec<usize> = spelt
            .iter()
            .copied()
            .filter(|&b| {
                2 * shared(a, b) >= articles(a) && shared(a, b) > 0 && !know.is_person(&names[b])
            })
            .map(|b| g.find(b))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [only] = roots.as_slice() {
            g.union(a, *only);
        }
    }
    for members in by_surname.values() {
        // Full names of the surname. In each rule below the tagger must read at least one of
        // two names as a person's ("Stan Greenberg"; "Stanley B. Greenberg" alone it does not).
        let named: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !is_bare[i] && !parsed[i].words.is_empty())
            .collect();
        let person: std::collections::HashMap<usize, bool> = named
            .iter()
            .map(|&i| (i, know.is_person(&names[i])))
            .collect();
        let either_person =
            |a: usize, b: usize| person.get(&a) == Some(&true) || person.get(&b) == Some(&true);
        let both_person =
            |a: usize, b: usize| person.get(&a) == Some(&true) && person.get(&b) == Some(&true);
        // Middle names: "Hillary Clinton" inside "Hillary Rodham Clinton".
        for &a in &named {
            let wa = &parsed[a].words;
            let mut longer: Vec<usize> = named
                .iter()
                .copied()
                .filter(|&b| {
                    let wb = &parsed[b].words;
                    wb.len() > wa.len()
                        && wb[0] == wa[0]
                        && wb.last() == wa.last()
                        && is_subsequence(wa, wb)
                        && initials_fit(&parsed[a], &parsed[b])
                        && either_person(a, b)
                })
                .map(|b| g.find(b))
                .collect();
            longer.sort_unstable();
            longer.dedup();
            if let [only] = longer.as_slice() {
                g.union(a, *only);
            }
        }
        // Spelling: a short form or a one- or two-letter variant of a much more common first
        // name, or a one-off variant of a given name or of a word no list knows.
        for &a in &named {
            let wa = &parsed[a].words;
            let own = g.find(a);
            // Each candidate with the times more common it must be: a known short form
            // ("Ed", "Edward") once, a prefix ("Geoff") three times, a misspelling ten;
            // [`TOWARD_GIVEN_NAME`]: a one-off misspelling of a given name at any count.
            let targets: Vec<(usize, u64)> = named
                .iter()
                .copied()
                .filter_map(|b| {
                    let wb = &parsed[b].words;
                    if wb.len() != wa.len() || !either_person(a, b) {
                        return None;
                    }
                    // The one word that differs: the first name or a middle name.
                    let mut differ = (0..wa.len()).filter(|&k| wa[k] != wb[k]);
                    let (Some(k), None) = (differ.next(), differ.next()) else {
                        return None;
                    };
                    let (fa, fb) = (&wa[k], &wb[k]);
                    if is_suffix(fa) || is_suffix(fb) {
                        return None;
                    }
                    // The two first names by length, and the name with the longer one.
                    let (short, long, long_name) = if fa.len() <= fb.len() {
                        (fa, fb, b)
                    } else {
                        (fb, fa, a)
                    };
                    // Variants are of names the tagger reads as people's, never common words
                    // ("Time Warner" is no "Tim Warner"); a middle name's, when it reads
                    // one of the two so, first name and surname the same ("Osman Abou
                    // Laban", "Osman Abu Laban").
                    // Edits with a swap of two letters as one ("Daivd", "David").
                    let distance = strsim::osa_distance(fa, fb);
                    let people = both_person(a, b) || k > 0 && either_person(a, b);
                    let near = distance <= 2
                        && people
                        && short.chars().count() >= MIN_SHORT_FORM
                        && !know.is_common_word(&parsed[a].written[k])
                        && !know.is_common_word(&parsed[b].written[k]);
                    let variant = match near {
                        true => variant(fa, fb, distance),
                        false => Variant::Apart,
                    };
                    // A one-off that no article writes beside the other name is a variant
                    // of it.
                    let one_off = |x: usize| articles(x) == 1 && !together(a, b);
                    let ratio = match variant {
                        // A slip of the pen beside the name, in the one article that writes
                        // it, even between two given names ("Dan" for "Don").
                        _ if near
                            && k == 0
                            && together(a, b)
                            && articles(a) == 1
                            && is_slip(fa, fb) =>
                        {
                            1
                        }
                        // Two letters swapped in one article, never beside the name, are
                        // that name's misspelling when more than one article writes the name
                        // ("Kristen" once for "Kirsten").
                        _ if near && k == 0 && one_off(a) && articles(b) > 1 && is_swap(fa, fb) => {
                            TOWARD_GIVEN_NAME
                        }
                        Variant::Given if one_off(b) => return None,
                        Variant::OfGiven if one_off(a) => TOWARD_GIVEN_NAME,
                        Variant::Neither | Variant::SoundAlike if one_off(a) => 1,
                        // A middle name spelt two ways is one whatever the articles: one name
                        // with the same first name and surname ("Osman Abou Laban", "Osman
                        // Abu Laban") is one person, even in one article.
                        Variant::Given
                        | Variant::OfGiven
                        | Variant::Neither
                        | Variant::SoundAlike
                            if k > 0 =>
                        {
                            1
                        }
                        _ if k > 0 => return None,
                        _ if is_short_form_of(fa, fb) => 1,
                        // A rarer short form is one person's where an article names both,
                        // beside a formal name ("Rudolph W. Giuliani") or of a surname too
                        // rare for the Census list ("Gabby Giffords"); "Garrett Johnson"
                        // quoted once is no "Gary Johnson".
                        _ if is_nickname_of(fa, fb)
                            && (together(a, b)
                                || !parsed[long_name].initials.is_empty()
                                || is_rare_surname(wa)) =>
                        {
                            1
                        }
                        _ if short.chars().count() >= MIN_SHORT_FORM
                            && long.len() > short.len()
                            && long.starts_with(short.as_str())
                            && !FEMININE_ENDINGS.contains(&long[short.len()..]) =>
                        {
                            SPELLING_RATIO
                        }
                        _ if short.chars().count() >= MIN_MISSPELT_WORD && distance == 1 => {
                            // A misspelling that an article writes beside the name, or that
                            // is in more than one article, may be someone else's name.
                            if together(a, b) || articles(a) > 1 {
                                TYPO_RATIO
                            } else {
                                SPELLING_RATIO
                            }
                        }
                        _ => return None,
                    };
                    Some((g.find(b), ratio))
                })
                .filter(|&(rb, _)| rb != own)
                .collect();
            // A misspelling alone goes toward the given name; one already in a group of its
            // own joins as a one-off does, at least as common.
            match only_target(targets) {
                Some((only, TOWARD_GIVEN_NAME)) if g.alone(a) => g.union_toward(a, only),
                Some((only, TOWARD_GIVEN_NAME)) if g.total(only) >= g.total(own) => {
                    g.union(a, only)
                }
                Some((only, ratio))
                    if ratio != TOWARD_GIVEN_NAME && g.total(only) >= ratio * g.total(own) =>
                {
                    g.union(a, only)
                }
                _ => {}
            }
        }
        // Initials for a first name: "C Hodgson" is the one person of the surname whose
        // first name begins with C, three times as common, when their middle names and
        // initials agree; ten times when the initialled name has middle names the other lacks
        // ("B. Hussein Obama" ~ "Barack Obama"; "J. Thomas Clark" is no "Joe Clark").
        for &a in &named {
            let wa = &parsed[a].words;
            let Some(letter) = initial_letter(&wa[0]) else {
                continue;
            };
            let middle = &wa[1..wa.len() - 1];
            let targets: Vec<(usize, u64)> = named
                .iter()
                .copied()
                .filter_map(|b| {
                    let wb = &parsed[b].words;
                    let fits = wb.len() >= 2
                        && initial_letter(&wb[0]).is_none()
                        && wb[0].starts_with(letter)
                        && wb.last() == wa.last()
                        && either_person(a, b);
                    if !fits {
                        return None;
                    }
                    let their_middle = &wb[1..wb.len() - 1];
                    let ratio =
                        if middle == their_middle && parsed[a].initials == parsed[b].initials {
                            SPELLING_RATIO
                        } else if their_middle.is_empty() && parsed[b].initials.is_empty() {
                            TYPO_RATIO
                        } else {
                            return None;
                        };
                    Some((g.find(b), ratio))
                })
                .collect();
            if let Some((only, ratio)) = only_target(targets)
                && only != g.find(a)
                && g.total(only) >= ratio * g.total(a)
            {
                g.union(a, only);
            }
        }
    }
    // Misspelt words: a name in one article whose one differing word no list knows ("Alan
    // Greespan", "Securities and Exchange Comission") is the name three times as common with
    // that word spelt one edit away, inside the word: its first and last letters stay, so a
    // plural, a demonym or another surname ("Africans", "Clarke") is no misspelling. It may
    // be beside the right spelling ("Rahm Emanual" once among four "Emanuel"s), but two first
    // names of a person in one article may be two people's.
    let mut by_masked: std::collections::BTreeMap<(usize, String, Vec<&str>), Vec<usize>> =
        Default::default();
    // Keyed also by the word's first and last letters, which a misspelling keeps: groups stay
    // small ("the ..." names are many).
    for (i, p) in parsed.iter().enumerate() {
        if p.words.len() >= 2 {
            for (k, word) in p.words.iter().enumerate() {
                if word.chars().count() < MIN_MISSPELT_WORD {
                    continue;
                }
                let ends: String = word.chars().take(1).chain(word.chars().last()).collect();
                let mut rest: Vec<&str> = p.words.iter().map(String::as_str).collect();
                rest.remove(k);
                by_masked.entry((k, ends, rest)).or_default().push(i);
            }
        }
    }
    for ((k, _, _), members) in &by_masked {
        let k = *k;
        for &a in members {
            // A word news writes is no misspelling, though an archive may know it as a name
            // ("Capital" quoted alone).
            if members.len() < 2
                || articles(a) != 1
                || !is_unknown_word(&parsed[a], k, know)
                || know.is_known_word(&parsed[a].written[k])
            {
                continue;
            }
            let spelt_right: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&b| is_misspelling(&parsed[a].words[k], &parsed[b].words[k]))
                .collect();
            if k == 0 && spelt_right.iter().any(|&b| together(a, b)) && know.is_person(&names[a]) {
                continue;
            }
            // A slip of the pen beside the right spelling needs no count ("Angela Correy
            // [sic]" beside "Angela Corey").
            // Nor does a swap of two letters between two words no list knows, wherever it is
            // ("Eli Stoklos" in one article, "Eli Stokols" in another).
            let targets: Vec<(usize, u64)> = spelt_right
                .iter()
                .map(|&b| {
                    let (wa, wb) = (&parsed[a].words[k], &parsed[b].words[k]);
                    let slip = together(a, b) && is_slip(wa, wb)
                        || is_swap(wa, wb) && is_unknown_word(&parsed[b], k, know);
                    (g.find(b), if slip { 1 } else { SPELLING_RATIO })
                })
                .collect();
            if let Some((only, ratio)) = only_target(targets)
                && only != g.find(a)
                && g.total(only) >= ratio * g.total(a)
            {
                // The right spelling stays canonical, however often the one-off was quoted.
                g.union_toward(a, only);
            }
        }
    }
    // Suffixes: a formal full name, initials and suffix ("James B. Comey Jr."), or a name
    // with a numeral ("Joe Manchin III"), is the plain name (Joe Manchin) when no article
    // names both. "Jr." and "Sr." tell two living men apart, and a son is mostly called by
    // his name and suffix alone ("Donald Trump Jr."); a numeral marks a lineage, and its
    // bearer is the one called by the plain name. An article that names both names two people.
    for (a, p) in parsed.iter().enumerate() {
        let [plain @ .., last] = p.words.as_slice() else {
            continue;
        };
        let numeral = crate::extract::canon::is_numeral_suffix(last);
        if plain.len() < 2 || !is_suffix(last) || (p.initials.is_empty() && !numeral) {
            continue;
        }
        if let Some(members) = by_fold.get(plain) {
            let b = members[0];
            let (ra, rb) = (g.find(a), g.find(b));
            if ra != rb
                && !members.iter().any(|&m| together(a, m))
                && g.total(rb) >= g.total(ra)
                && know.is_person(&names[b])
            {
                g.union(a, b);
            }
        }
    }
    // Name order: a two-word name in one article whose words reversed are a person's name at
    // least as common is that person, written surname first ("Farook Syed" in a tweet,
    // "Yimou Zhang" for Zhang Yimou). Both must read as people's names: "Western Pacific" is
    // no "Pacific Western".
    for (a, p) in parsed.iter().enumerate() {
        let [first, last] = p.words.as_slice() else {
            continue;
        };
        if is_bare[a] || is_suffix(last) || articles(a) != 1 {
            continue;
        }
        let reversed = [last.clone(), first.clone()];
        if let Some(members) = by_fold.get(reversed.as_slice()) {
            let b = members[0];
            let (ra, rb) = (g.find(a), g.find(b));
            if ra != rb
                && g.total(rb) >= g.total(ra)
                && know.is_person(&names[a])
                && know.is_person(&names[b])
            {
                g.union(a, b);
            }
        }
    }
    // Fragments: words fused before a person's full name of two or more words.
    let fold_of: std::collections::HashMap<&[String], usize> =
        by_fold.iter().map(|(k, v)| (*k, v[0])).collect();
    for (a, p) in parsed.iter().enumerate() {
        for cut in 1..p.words.len().saturating_sub(1) {
            let tail = &p.words[cut..];
            if let Some(&b) = fold_of.get(tail) {
                let first = names[a].split_whitespace().next().unwrap_or("");
                let (ra, rb) = (g.find(a), g.find(b));
                if ra != rb
                    && !know.is_first_name(first)
                    && (know.is_common_word(first) || !know.is_person(&names[a]))
                    && g.total(rb) >= g.total(ra)
                    && know.is_person(&names[rb])
                {
                    g.union(a, b);
                }
                break;
            }
        }
    }
    // Full names by their first word: a first name ("Blair", "Howard") is a surname in an
    // archive whose people's names end with it at least as often as they begin with it.
    let mut by_first: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, p) in parsed.iter().enumerate() {
        if let [first, _, ..] = p.words.as_slice() {
            by_first.entry(first.as_str()).or_default().push(i);
        }
    }
    let people_count = |ids: &mut dyn Iterator<Item = usize>| -> u64 {
        ids.filter(|&i| know.is_person(&names[i]))
            .map(|i| counts[i])
            .sum()
    };
    // Surnames: a bare surname joins the person who dominates it, among every full name
    // ending with it ("American" is no surname: "African American" outweighs any person).
    for members in by_surname.values() {
        let bare: Vec<usize> = members.iter().copied().filter(|&i| is_bare[i]).collect();
        if bare.is_empty() {
            continue;
        }
        let mut full: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !is_bare[i])
            .map(|i| g.find(i))
            .collect();
        full.sort_unstable();
        full.dedup();
        let all: u64 = full.iter().map(|&r| g.total(r)).sum();
        let bare_total: u64 = bare.iter().map(|&i| counts[i]).sum();
        let people: Vec<usize> = full
            .iter()
            .copied()
            .filter(|&r| know.is_person(&names[r]))
            .collect();
        let top = people
            .iter()
            .copied()
            .max_by_key(|&r| (g.total(r), std::cmp::Reverse(r)));
        // The bare word must read as a surname: no first name ("Mike"; "Blair" is one where
        // full names end with it more often than they begin with it), acronym ("NFL"),
        // place, organisation or nationality ("Israel", "Cuban"), and among entities no
        // common word ("Black").
        let word = names[bare[0]].split_whitespace().last().unwrap_or("");
        let first_name = know.is_first_name(word) && {
            let key = parsed[bare[0]].words.last().map_or("", String::as_str);
            let first = by_first
                .get(key)
                .map_or(0, |ids| people_count(&mut ids.iter().copied()));
            let last = people_count(&mut members.iter().copied().filter(|&i| !is_bare[i]));
            first >= last
        };
        // A title before a common word makes it the surname of the one person who has it
        // ("Mr. Sessions"); of several ("Mr. Singer" beside Paul and Mark Singer) it stays.
        let titled = bare.iter().any(|&i| {
            let written: Vec<&str> = names[i].split_whitespace().collect();
            written.len() == 2
                && parsed[i].words.len() == 1
                && crate::extract::canon::is_title(written[0])
        });
        let surname_like =
            (table == Table::Speakers || titled && people.len() == 1 || !know.is_common_word(word))
                && !first_name
                && word.chars().any(char::is_lowercase)
                && !know.is_other_name(word);
        if let Some(top) = top
            && surname_like
        {
            let t = g.total(top);
            if t as f64 >= SURNAME_SHARE * all as f64
                && (table == Table::Speakers || t >= MIN_FULL_ENTITY)
                && t * BARE_RATIO >= bare_total
            {
                for &i in &bare {
                    g.union(i, top);
                }
            }
        }
    }
    // Fragments before a surname ("Texas Sen. Cruz", a speaker "Claim Trump"): the surname of
    // a person after one or two capitalised words that are each a title or another name, or
    // among speakers a common word, and no first name. Among entities a common word before a
    // surname may name a thing of its own ("Stop Trump" is a movement), unless the fragment is
    // in one article only, that article names the person, the fragment alone reads as a
    // person's name and the word is no given name ("Chasing Trump and Cruz was Rubio").
    for (a, p) in parsed.iter().enumerate() {
        let [_, .., last] = p.words.as_slice() else {
            continue;
        };
        let Some(&b) = fold_of.get(std::slice::from_ref(last)) else {
            continue;
        };
        let written: Vec<&str> = names[a].split_whitespace().collect();
        let Some((_, before)) = written.split_last() else {
            continue;
        };
        if before.len() > 2 || !before.iter().all(|w| w.starts_with(char::is_uppercase)) {
            continue; // "Friends of Abe", "National Diversity Coalition for Trump": names of their own
        }
        let rb = g.find(b);
        let one_off_beside = table == Table::Entities
            && before.len() == 1
            && articles(a) == 1
            && know.is_person(&names[a])
            && !is_given_name(before[0])
            && by_surname
                .get(last.as_str())
                .is_some_and(|same| same.iter().any(|&j| together(a, j) && g.find(j) == rb));
        if rb != g.find(a)
            && !is_bare[rb]
            && g.total(rb) >= g.total(a)
            && before.iter().all(|w| {
                (know.is_common_word(w) && (table == Table::Speakers || one_off_beside)
                    || know.is_other_name(w)
                    || crate::extract::canon::is_title(w))
                    && !know.is_first_name(w)
            })
            && know.is_person(&names[rb])
        {
            g.union(a, b);
        }
    }
    (0..names.len()).map(|i| g.find(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tagger's stand-in: things are no person ("Stanley" is a bank's, "Syed Farook" and
    /// "Osman Abou Laban" it reads as no name); "Claim", "Bill", "Pence", "Time", "Stop" and
    /// "Rich" are common words.
    struct StandIn;
    impl Knowledge for StandIn {
        fn is_person(&self, name: &str) -> bool {
            !name.contains("House")
                && !name.contains("News")
                && !["Commission", "Committee", "Adapter"]
                    .iter()
                    .any(|thing| name.ends_with(thing))
                && !name.contains("Stanley")
                && name != "African American"
                && name != "Syed Farook"
                && name != "Osman Abou Laban"
        }
        fn is_common_word(&self, word: &str) -> bool {
            matches!(word, "Claim" | "Bill" | "Pence" | "Time" | "Stop" | "Rich")
        }
        fn is_known_word(&self, word: &str) -> bool {
            self.is_common_word(word) || word == "Capital"
        }
        fn is_first_name(&self, word: &str) -> bool {
            matches!(word, "Bill" | "Blair" | "Michael" | "José" | "Howard")
        }
        fn is_other_name(&self, word: &str) -> bool {
            matches!(word, "Israel" | "House")
        }
    }

    fn group(list: &[(&str, u64)]) -> Vec<(String, String)> {
        group_in(Table::Entities, list)
    }

    fn group_in(table: Table, list: &[(&str, u64)]) -> Vec<(String, String)> {
        let names: Vec<String> = list.iter().map(|(n, _)| n.to_string()).collect();
        let counts: Vec<u64> = list.iter().map(|(_, c)| *c).collect();
        // As though one article named them all: no spelling is a one-off, no suffix alone.
        let reps = identities(&names, &counts, &StandIn, table, &|_, _| 1);
        names
            .iter()
            .zip(reps)
            .map(|(n, r)| (n.clone(), names[r].clone()))
            .collect()
    }

    fn rep_of<'a>(g: &'a [(String, String)], name: &str) -> &'a str {
        &g.iter().find(|(n, _)| n == name).unwrap().1
    }

    #[test]
    fn fragments_before_a_surname_join_its_person_names_of_their_own_do_not() {
        let list = [
            ("Ted Cruz", 40),
            ("Cruz", 5),
            ("Israel Sen. Cruz", 1),
            ("Claim Cruz", 1),
            ("Friends of Cruz", 1),
            ("Bill Cruz", 2),
        ];
        for table in [Table::Speakers, Table::Entities] {
            let g = group_in(table, &list);
            assert_eq!(
                rep_of(&g, "Israel Sen. Cruz"),
                "Ted Cruz",
                "a place and a title"
            );
            assert_eq!(rep_of(&g, "Friends of Cruz"), "Friends of Cruz");
            assert_eq!(rep_of(&g, "Bill Cruz"), "Bill Cruz", "a first name");
        }
        let speakers = group_in(Table::Speakers, &list);
        assert_eq!(
            rep_of(&speakers, "Claim Cruz"),
            "Ted Cruz",
            "a fragment speaks"
        );
    }

    #[test]
    fn among_entities_a_common_word_before_a_surname_joins_only_beside_the_person_once() {
        // Ted Cruz, Cruz, then fragments, each alone in its articles unless paired below.
        let list = [
            ("Ted Cruz", 40),
            ("Cruz", 5),
            ("Claim Cruz", 1),
            ("Stop Cruz", 3),
            ("Rich Cruz", 1),
            ("Time Cruz", 1),
        ];
        let beside = [(0, 2), (0, 3), (0, 4)];
        let reps = reps_where(&list, Table::Entities, &beside);
        assert_eq!(reps[2], 0, "a one-off in an article naming Ted Cruz");
        assert_eq!(
            reps[3], 3,
            "three articles: a thing of its own (\"Stop Trump\")"
        );
        assert_eq!(reps[4], 4, "a given name (\"Rich Heffley\")");
        assert_eq!(reps[5], 5, "no article names Ted Cruz beside it");
    }

    #[test]
    fn initials_titles_and_bare_surnames_fold() {
        let g = group(&[
            ("Donald Trump", 923),
            ("Donald J. Trump", 185),
            ("Trump", 17),
            ("Claim Trump", 1),
            ("Ivanka Trump", 16),
            ("Ivana Trump", 6),
            ("Melania Trump", 10),
            ("Donald Trump Jr", 2),
            ("President Obama", 3),
            ("Barack Obama", 102),
            ("Obama", 85),
            ("Michelle Obama", 2),
        ]);
        for n in ["Donald J. Trump", "Trump", "Donald Trump"] {
            assert_eq!(rep_of(&g, n), "Donald Trump", "{n}");
        }
        assert_eq!(rep_of(&g, "Ivanka Trump"), "Ivanka Trump");
        assert_eq!(rep_of(&g, "Ivana Trump"), "Ivana Trump");
        assert_eq!(rep_of(&g, "Melania Trump"), "Melania Trump");
        assert_eq!(rep_of(&g, "Donald Trump Jr"), "Donald Trump Jr");
        assert_eq!(rep_of(&g, "Obama"), "Barack Obama");
        assert_eq!(rep_of(&g, "Michelle Obama"), "Michelle Obama");
    }

    #[test]
    fn different_middle_initials_are_different_people() {
        let g = group(&[
            ("George W. Bush", 4),
            ("George H.W. Bush", 3),
            ("George Bush", 2),
            ("Jeb Bush", 53),
            ("John Ellis Bush", 8),
        ]);
        assert_ne!(rep_of(&g, "George W. Bush"), rep_of(&g, "George H.W. Bush"));
        assert_eq!(
            rep_of(&g, "George Bush"),
            "George Bush",
            "neither dominates"
        );
        assert_eq!(rep_of(&g, "John Ellis Bush"), "John Ellis Bush");
    }

    #[test]
    fn middle_names_spellings_and_fragments() {
        let g = group(&[
            ("Hillary Clinton", 670),
            ("Hillary Rodham Clinton", 29),
            ("Hilary Clinton", 8),
            ("Bill Clinton", 17),
            ("Clinton", 5),
            ("Sean Hannity", 26),
            ("Fox News Sean Hannity", 1),
            ("Geoff Garin", 20),
            ("Geoffrey Garin", 2),
            ("Ed Rendell", 18),
            ("Edward G. Rendell", 7),
            ("Dana Bash", 1),
            ("Dan Bash", 1),
            ("Eric Garner", 3),
            ("Erica Garner", 1),
        ]);
        assert_eq!(rep_of(&g, "Hillary Rodham Clinton"), "Hillary Clinton");
        assert_eq!(rep_of(&g, "Hilary Clinton"), "Hillary Clinton");
        assert_eq!(rep_of(&g, "Clinton"), "Hillary Clinton");
        assert_eq!(rep_of(&g, "Bill Clinton"), "Bill Clinton");
        assert_eq!(rep_of(&g, "Fox News Sean Hannity"), "Sean Hannity");
        assert_eq!(rep_of(&g, "Geoffrey Garin"), "Geoff Garin");
        assert_eq!(
            rep_of(&g, "Edward G. Rendell"),
            "Ed Rendell",
            "a known short form"
        );
        assert_ne!(rep_of(&g, "Dana Bash"), rep_of(&g, "Dan Bash"));
        assert_eq!(
            rep_of(&g, "Erica Garner"),
            "Erica Garner",
            "a feminine form"
        );
    }

    #[test]
    fn short_forms_accents_and_particles_fold() {
        let g = group(&[
            ("Peter T. King", 5),
            ("Pete King", 2),
            ("Edna Smith", 3),
            ("Ed Smith", 1),
            ("Chris Hayes", 4),
            ("Christopher Hayes", 2),
            ("Christine Hayes", 2),
            ("François Hollande", 6),
            ("Francois Hollande", 1),
            ("Bill de Blasio", 4),
            ("De Blasio", 4),
            ("Fernand St Germain", 6),
            ("St Germain", 2),
            ("Van Jones", 3),
            ("Jones", 9),
            ("Stan Greenberg", 9),
            ("Stanley B. Greenberg", 2),
            ("Syed Rizwan Farook", 2),
            ("Syed Farook", 1),
            ("Lyin' Ted", 2),
            ("Lyin Ted", 1),
            ("Bob Corker", 2),
            ("Bob] Corker", 1),
            ("C. V. Starr", 1),
            ("C.V. Starr", 1),
            ("Fox News Channel", 4),
            ("Fox News Channel.", 1),
            ("Title I", 2),
            ("Title I.", 1),
        ]);
        assert_eq!(
            rep_of(&g, "Pete King"),
            "Peter T. King",
            "a known form, fewer"
        );
        assert_eq!(
            rep_of(&g, "Ed Smith"),
            "Ed Smith",
            "\"Ed\" is no form of Edna"
        );
        assert_eq!(
            rep_of(&g, "Chris Hayes"),
            "Chris Hayes",
            "a form of two full names of the surname"
        );
        assert_eq!(rep_of(&g, "Francois Hollande"), "François Hollande");
        assert_eq!(
            rep_of(&g, "De Blasio"),
            "Bill de Blasio",
            "a particle and a surname is the surname alone"
        );
        assert_eq!(
            rep_of(&g, "St Germain"),
            "Fernand St Germain",
            "\"St\" without its period is a particle too"
        );
        assert_eq!(
            rep_of(&g, "Van Jones"),
            "Van Jones",
            "no longer name ends so"
        );
        assert_eq!(
            rep_of(&g, "Stanley B. Greenberg"),
            "Stan Greenberg",
            "one of the two read as a person is enough"
        );
        assert_eq!(
            rep_of(&g, "Syed Farook"),
            "Syed Rizwan Farook",
            "so for middle names"
        );
        assert_eq!(
            rep_of(&g, "Bob] Corker"),
            "Bob Corker",
            "a bracket is no letter"
        );
        assert_eq!(rep_of(&g, "C.V. Starr"), rep_of(&g, "C. V. Starr"));
        assert_eq!(rep_of(&g, "Lyin Ted"), "Lyin' Ted");
        assert_eq!(rep_of(&g, "Fox News Channel."), "Fox News Channel");
        assert_eq!(
            parse("Title I.").words,
            ["title", "i."],
            "an initial keeps its period"
        );
        assert_eq!(
            rep_of(&g, "Title I."),
            rep_of(&g, "Title I"),
            "periods fold"
        );
    }

    /// Identities of `list` where each name is in as many articles as its count, and one
    /// article names both names of each pair of `together`.
    fn reps_where(list: &[(&str, u64)], table: Table, together: &[(usize, usize)]) -> Vec<usize> {
        let names: Vec<String> = list.iter().map(|(n, _)| n.to_string()).collect();
        let counts: Vec<u64> = list.iter().map(|(_, c)| *c).collect();
        let shared = |a: usize, b: usize| match a == b {
            true => counts[a],
            false => u64::from(together.contains(&(a.min(b), a.max(b)))),
        };
        identities(&names, &counts, &StandIn, table, &shared)
    }

    #[test]
    fn an_acronym_joins_the_name_its_articles_spell_out() {
        let list = [
            ("Federal Election Commission", 5),
            ("FEC", 2),
            ("Assistive Mouse Adapter", 1),
            ("AMA", 3),
            ("Democratic National Committee", 4),
            ("D.N.C.", 1),
            ("Daniel Nathan Cohen", 2),
            ("DNC", 1),
        ];
        // FEC in both its articles beside its name; AMA in one of three; "D.N.C." and "DNC"
        // each beside both names, but a person has no acronym.
        let reps = reps_where(
            &list,
            Table::Entities,
            &[(0, 1), (2, 3), (4, 5), (5, 6), (4, 7), (6, 7)],
        );
        assert_eq!(reps[1], 0, "FEC");
        assert_eq!(reps[3], 3, "AMA is not the one article's adapter");
        assert_eq!(reps[5], 4, "D.N.C.");
        assert_eq!(reps[7], 4, "DNC");
        assert_eq!(reps[6], 6, "Daniel Nathan Cohen");
    }

    #[test]
    fn a_misspelling_no_article_writes_beside_the_name_joins_it() {
        let list = [
            ("Madeleine Albright", 3),
            ("Madeline Albright", 1),
            ("Melanie Verveer", 3),
            ("Melanne Verveer", 1),
            ("Ivanka Trump", 6),
            ("Ivana Trump", 2),
        ];
        // One article names both Verveers; none names both Albrights.
        let reps = reps_where(&list, Table::Entities, &[(2, 3)]);
        assert_eq!(reps[1], 0, "Madeline Albright is Madeleine Albright");
        assert_ne!(reps[3], reps[2], "an article tells the two apart");
        assert_ne!(
            reps[5], reps[4],
            "a spelling of two articles is no misspelling"
        );
        let apart = reps_where(&list, Table::Entities, &[]);
        assert_eq!(apart[3], apart[2]);
    }

    #[test]
    fn a_slip_of_the_pen_beside_the_name_is_the_name() {
        assert!(is_slip("adbulhadi", "abdulhadi"), "two letters swapped");
        assert!(is_slip("dan", "don"), "an inner vowel");
        assert!(is_slip("hilary", "hillary") && is_slip("hillary", "hilary"));
        assert!(!is_slip("carla", "carly"), "a last letter");
        assert!(!is_slip("ivana", "ivanka") && !is_slip("eric", "erica"));
        assert!(!is_slip("joh", "jon"), "a consonant");
        assert!(!is_slip("dan", "dan"));
        let list = [
            ("Dan Smith", 1),
            ("Don Smith", 1),
            ("Ivana Trump", 1),
            ("Ivanka Trump", 2),
            ("Jan Jones", 1),
            ("Jon Jones", 1),
        ];
        // One article names both Smiths and both Trumps.
        let reps = reps_where(&list, Table::Entities, &[(0, 1), (2, 3)]);
        assert_eq!(reps[0], reps[1], "a slip beside the name");
        assert_ne!(reps[2], reps[3], "another name beside hers");
        assert_ne!(reps[4], reps[5], "in two articles, two people");
    }

    #[test]
    fn two_letters_swapped_in_one_article_join_the_name_more_articles_write() {
        assert!(is_swap("kristen", "kirsten") && !is_swap("kristen", "kristin"));
        assert!(!is_swap("ab", "abc") && !is_swap("abc", "abc"));
        let list = [
            ("Kristen Gillibrand", 3),
            ("Kirsten Gillibrand", 2),
            ("Jan Jones", 1),
            ("Jon Jones", 2),
        ];
        let names = list.map(|(n, _)| n.to_string());
        let counts = list.map(|(_, c)| c);
        // Kristen's three quotes are in one article; each other name is in two, Jan in one.
        let articles = [1, 2, 1, 2];
        let in_articles = |spread: &[u64]| {
            identities(&names, &counts, &StandIn, Table::Speakers, &|a, b| {
                if a == b { spread[a] } else { 0 }
            })
        };
        let reps = in_articles(&articles);
        assert_eq!(reps[0], 1, "the spelling of two articles stands");
        assert_eq!(reps[1], 1);
        assert_ne!(reps[2], reps[3], "another vowel is another name elsewhere");
        let reps = in_articles(&[1, 1, 1, 1]);
        assert_ne!(reps[0], reps[1], "one article each: no spelling stands");
    }

    #[test]
    fn a_rarer_short_form_joins_beside_its_full_name_or_a_formal_one() {
        assert!(is_nickname_of("sandy", "sandra") && is_nickname_of("sandra", "sandy"));
        assert!(!is_nickname_of("andrew", "andrea"), "two full names");
        assert!(!is_nickname_of("ian", "john"), "no letters in common");
        assert!(!is_nickname_of("edwin", "edwina"), "a feminine form");
        let list = [
            ("Sandy Paradis", 11),
            ("Sandra Paradis", 7),
            ("Rudy Giuliani", 11),
            ("Rudolph W. Giuliani", 2),
            ("Gary Johnson", 9),
            ("Garrett Johnson", 1),
        ];
        // One article names both Paradises.
        let reps = reps_where(&list, Table::Speakers, &[(0, 1)]);
        assert_eq!(reps[1], 0, "one article names her both ways");
        assert_eq!(reps[3], 2, "a formal name with a middle initial");
        assert_ne!(
            reps[5], reps[4],
            "Garrett, quoted once elsewhere, is no Gary"
        );
        let apart = reps_where(&list, Table::Speakers, &[]);
        assert_ne!(apart[1], apart[0], "in two articles, two people");
        let rare = [
            ("Gabby Giffords", 2),
            ("Gabrielle Giffords", 1),
            ("Andy Williams", 2),
            ("Andrea Williams", 1),
        ];
        let reps = reps_where(&rare, Table::Entities, &[]);
        assert_eq!(reps[1], 0, "a surname too rare for the Census list");
        assert_ne!(reps[3], reps[2], "a common surname: two people");
        let short_initialled = [("Rudy W. Giuliani", 2), ("Rudolph Giuliani", 11)];
        let reps = reps_where(&short_initialled, Table::Speakers, &[]);
        assert_ne!(reps[0], reps[1], "the initials must be the full name's");
    }

    #[test]
    fn a_one_off_variant_of_a_given_name_joins_it_two_given_names_stay_two() {
        let list = [
            ("Joh Husted", 1),
            ("Jon Husted", 1),
            ("Carly Smith", 1),
            ("Carla Smith", 1),
            ("Sergei Lavrov", 1),
            ("Sergey Lavrov", 1),
            ("Joh Kasich", 1),
            ("Jon Kasich", 1),
            ("Sayed Haddad", 2),
            ("Syed Haddad", 2),
            ("Tim Warner", 1),
            ("Time Warner", 1),
        ];
        // One article names both Kasichs.
        let reps = reps_where(&list, Table::Entities, &[(6, 7)]);
        assert_eq!(
            reps[0], 1,
            "Joh is no given name: Jon Husted stands for both"
        );
        assert_eq!(reps[1], 1);
        assert_ne!(reps[2], reps[3], "Carly and Carla are both given names");
        assert_eq!(reps[4], reps[5], "neither spelling is a given name");
        assert_ne!(reps[6], reps[7], "an article tells the two apart");
        assert_ne!(reps[8], reps[9], "each spelling is in two articles");
        assert_ne!(reps[10], reps[11], "a common word is no misspelt name");
    }

    #[test]
    fn a_misspelling_joined_toward_its_given_name_keeps_the_given_name_canonical() {
        let list = [
            ("Joh Husted", 3),
            ("Jon Husted", 1),
            ("Fox News Jon Husted", 2),
        ];
        // Each in one article of its own.
        let reps = identities(
            &list.map(|(n, _)| n.to_string()),
            &list.map(|(_, c)| c),
            &StandIn,
            Table::Speakers,
            &|a, b| u64::from(a == b),
        );
        assert_eq!(
            reps,
            [1, 1, 1],
            "a later fragment does not become canonical"
        );
    }

    #[test]
    fn a_misspelling_with_names_of_its_own_does_not_take_them_to_the_given_name() {
        let list = [("Joh Husted", 1), ("Joh Q. Husted", 5), ("Jon Husted", 1)];
        let reps = reps_where(&list, Table::Entities, &[]);
        assert_eq!(reps[0], reps[1], "the plain name joins the initialled one");
        assert_ne!(
            reps[0], reps[2],
            "five articles write Joh: Jon's one does not take them"
        );
    }

    #[test]
    fn a_one_off_spelling_of_the_same_sound_joins_the_name() {
        assert!(sounds_alike("adolf", "adolph"));
        assert!(sounds_alike("aleksei", "alexei"));
        assert!(!sounds_alike("adolf", "rudolf"));
        assert!(!sounds_alike("bjorn", "bjarne"), "other vowels");
        assert!(
            !sounds_alike("władysław", "wladyslaw"),
            "ASCII only, and no panic"
        );
        let typo = [("Daivd Peterson", 1), ("David Peterson", 1)];
        assert_eq!(
            reps_where(&typo, Table::Entities, &[]),
            [1, 1],
            "two letters swapped are one edit, toward the given name"
        );
        let list = [
            ("Adolf Hitler", 1),
            ("Adolph Hitler", 1),
            ("Aleksei Navalny", 1),
            ("Alexei Navalny", 3),
            ("Steven Jones", 1),
            ("Stephen Jones", 1),
            ("Bjorn Pedersen", 1),
            ("Bjarne Pedersen", 1),
        ];
        let reps = reps_where(&list, Table::Entities, &[]);
        assert_eq!(reps[0], reps[1], "Adolf and Adolph sound the same");
        assert_eq!(reps[0], 0, "at equal counts the shorter spelling stands");
        assert_eq!(reps[2], 3, "the more common spelling stands");
        assert_ne!(reps[4], reps[5], "Steven and Stephen are both given names");
        assert_ne!(reps[6], reps[7], "Bjorn and Bjarne sound apart");
    }

    #[test]
    fn a_one_off_misspelt_word_joins_the_name_spelt_right() {
        let list = [
            ("Alan Greenspan", 6),
            ("Alan Greespan", 1),
            ("Securities and Exchange Commission", 9),
            ("Securities and Exchange Comission", 1),
            ("South African", 9),
            ("South Africans", 1),
            ("Charles Clarke", 9),
            ("Charles Clark", 1),
            ("James O'Neill", 5),
            ("James O'Neil", 1),
            ("Robert Houston", 9),
            ("Robert Huston", 1),
            ("Piedmont Aviation", 6),
            ("Piedmont Avaition", 1),
            ("Hecla Mining", 2),
            ("Hecla Minging", 1),
            ("Boeing 737-800", 9),
            ("Boeing 737-900", 1),
            ("Super Bowl XLVII", 9),
            ("Super Bowl XLVIII", 1),
            ("Texas Appellate Court", 1),
            ("Texas Appelate Court", 1),
            ("Coats Viyella", 1),
            ("Coats Vieylla", 1),
            ("Eli Stokols", 1),
            ("Eli Stoklos", 1),
            ("Kirk Nieman", 1),
            ("Kirk Neiman", 1),
            ("Foothill Capital", 1),
            ("Foothill Captial", 1),
        ];
        // One article names both Piedmonts, one both Texas courts.
        let reps = reps_where(&list, Table::Entities, &[(12, 13), (20, 21)]);
        assert_eq!(
            reps[21], reps[20],
            "a slip of the pen beside the name, at any count"
        );
        assert_eq!(
            reps[23], reps[22],
            "two letters swapped between two words no list knows, in two articles"
        );
        assert_eq!(
            reps[13], 12,
            "a misspelling beside the right spelling is one too"
        );
        assert_eq!(reps[1], 0, "Greespan is no word");
        assert_eq!(reps[3], 2, "a letter dropped inside a word");
        assert_ne!(reps[5], reps[4], "a plural is another word");
        assert_ne!(reps[7], reps[6], "Clark is a surname of its own");
        assert_ne!(reps[9], reps[8], "so is O'Neil");
        assert_ne!(reps[11], reps[10], "and Huston");
        assert_ne!(reps[15], reps[14], "two articles against one are too few");
        assert_ne!(reps[17], reps[16], "a number is no misspelt word");
        assert_ne!(reps[19], reps[18], "nor a numeral");
        assert_eq!(reps[24], reps[25], "a surname's letters swapped");
        assert_ne!(
            reps[26], reps[27],
            "one of them a surname of the Census list"
        );
        assert_eq!(
            (reps[28], reps[29]),
            (28, 28),
            "a word news writes is the right spelling, though a name here"
        );
    }

    #[test]
    fn abbreviations_with_and_without_periods_are_one_name() {
        let list = [
            ("FBI", 10),
            ("F.B.I.", 2),
            ("St. Louis", 5),
            ("St Louis", 2),
            ("George H.W. Bush", 5),
            ("George HW Bush", 1),
            ("George W. Bush", 20),
            ("George Bush", 9),
            ("La.", 3),
            ("L.A.", 3),
            ("Mo.", 3),
            ("MO", 3),
            ("B.J. Cooper", 1),
            ("B. Jay Cooper", 2),
        ];
        let reps = reps_where(&list, Table::Entities, &[]);
        assert_eq!(reps[1], 0);
        assert_eq!(reps[3], reps[2]);
        assert_eq!(reps[5], 4);
        assert_eq!(
            parse("George W.H. Bush").initials,
            "hw",
            "initials in either order"
        );
        assert_ne!(reps[6], reps[4], "other initials, another man");
        assert_eq!(
            reps[7], 6,
            "the plain name goes to the one who dominates it"
        );
        assert_ne!(reps[8], reps[9], "Louisiana is no Los Angeles");
        assert_ne!(reps[10], reps[11], "an abbreviation is a word of its own");
        assert_eq!(
            parse("St. Louis").words,
            ["st.", "louis"],
            "St. Louis is no Louis"
        );
        assert_eq!(parse("St. Louis Cardinals").words.len(), 3);
        let person = parse_with("George HW Bush", &|_| true);
        assert_eq!((person.words.len(), person.initials.as_str()), (2, "hw"));
        assert_eq!(parse_with("Bank OF Korea", &|_| false).words.len(), 3);
        let walker = parse("George Herbert Walker Bush");
        assert!(
            !initials_fit(&parse("George W. Bush"), &walker),
            "one initial for two names"
        );
        assert!(initials_fit(&parse("George H.W. Bush"), &walker));
        assert!(initials_fit(
            &parse("Del E. Webb Properties"),
            &parse("Del E. Webb Investment Properties")
        ));
        assert_eq!(reps[12], reps[13], "an initial for a middle name");
    }

    #[test]
    fn a_middle_name_spelt_two_ways_is_one_person_even_in_one_article() {
        let list = [
            ("Osman Abou Laban", 1),
            ("Osman Abu Laban", 1),
            ("John Paul Jones", 1),
            ("John Paula Jones", 1),
            ("Ana Abou Laban", 1),
            ("Ana Abu Laban", 2),
        ];
        let reps = reps_where(&list, Table::Entities, &[(0, 1), (2, 3)]);
        assert_eq!(
            reps[0], reps[1],
            "Abou and Abu are one word, one name read as a person's"
        );
        assert_ne!(reps[2], reps[3], "Paul and Paula are two given names");
        assert_eq!(reps[4], 5, "the more common spelling stands");
    }

    #[test]
    fn an_initial_for_a_first_name_joins_the_one_person_it_fits() {
        let list = [
            ("Barack Obama", 30),
            ("B. Hussein Obama", 1),
            ("Bill Cosby", 5),
            ("B. Cosby", 2),
            ("John Smith", 5),
            ("Jane Smith", 5),
            ("J. Smith", 1),
            ("Adam Lee Jones", 9),
            ("A. Paul Jones", 1),
        ];
        let reps = reps_where(&list, Table::Entities, &[]);
        assert_eq!(reps[1], 0, "B. is Barack, Hussein a middle name");
        assert_eq!(reps[3], 3, "not three times as common");
        assert_eq!(reps[6], 6, "two Smiths begin with J");
        assert_eq!(reps[8], 8, "Adam Lee Jones has no middle name Paul");
    }

    #[test]
    fn a_name_written_surname_first_is_the_person_things_stay() {
        let list = [
            ("Zhang Yimou", 2),
            ("Yimou Zhang", 1),
            ("Pacific House", 2),
            ("House Pacific", 1),
            ("Grant Taylor", 2),
            ("Taylor Grant", 2),
        ];
        let reps = reps_where(&list, Table::Entities, &[]);
        assert_eq!(reps[1], 0, "Yimou Zhang is Zhang Yimou");
        assert_ne!(reps[3], reps[2], "no person's name");
        assert_ne!(reps[5], reps[4], "each in two articles: two people");
    }

    #[test]
    fn a_suffix_joins_the_plain_name_unless_an_article_names_both() {
        let list = [
            ("James Comey", 24),
            ("James B. Comey Jr.", 1),
            ("Donald Trump", 100),
            ("Donald Trump Jr.", 5),
            ("Joe Manchin", 3),
            ("Joe Manchin III", 1),
            ("Verdery", 3),
            ("C. Stewart Verdery Jr.", 2),
            ("Duncan Hunter", 3),
            ("Duncan Hunter Sr.", 1),
        ];
        let reps = reps_where(&list, Table::Speakers, &[(2, 3)]);
        assert_eq!(reps[1], 0, "Comey Jr. is James Comey");
        assert_ne!(reps[3], reps[2], "father and son, named in one article");
        assert_eq!(reps[5], 4, "a numeral is dropped in the plain name");
        assert_ne!(reps[9], reps[8], "no formal name: a father's");
        assert_eq!(
            reps[6], 7,
            "the only full name of a surname may have a suffix"
        );
        let apart = reps_where(&list, Table::Speakers, &[]);
        assert_ne!(apart[3], apart[2], "a son is called by his name and suffix");
    }

    #[test]
    fn a_quoted_common_word_is_a_surname_an_acronym_is_not() {
        let list = [
            ("Mike Pence", 35),
            ("Pence", 2),
            ("Mitch McConnell", 18),
            ("McConnell", 1),
            ("Nancy Nfl", 5),
            ("NFL", 3),
            ("Steve Israel", 5),
            ("Israel", 2),
        ];
        let names: Vec<String> = list.iter().map(|(n, _)| n.to_string()).collect();
        let counts: Vec<u64> = list.iter().map(|(_, c)| *c).collect();
        let rep = |table| -> Vec<String> {
            identities(&names, &counts, &StandIn, table, &|_, _| 0)
                .into_iter()
                .map(|r| names[r].clone())
                .collect()
        };
        let speakers = rep(Table::Speakers);
        assert_eq!(speakers[1], "Mike Pence");
        assert_eq!(speakers[3], "Mitch McConnell");
        assert_eq!(speakers[5], "NFL");
        assert_eq!(speakers[7], "Israel", "a place");
        let entities = rep(Table::Entities);
        assert_eq!(entities[1], "Pence", "a common word among entities");
        assert_eq!(entities[3], "Mitch McConnell");
    }

    #[test]
    fn surnames_without_a_dominant_person_or_of_things_stay() {
        let g = group(&[
            ("Ghazala Khan", 10),
            ("Sadiq Khan", 7),
            ("Khizr Khan", 6),
            ("Khan", 5),
            ("White House", 12),
            ("House", 4),
            ("African American", 233),
            ("Joe American", 1),
            ("American", 224),
        ]);
        assert_eq!(rep_of(&g, "Khan"), "Khan");
        assert_eq!(rep_of(&g, "House"), "House");
        assert_eq!(rep_of(&g, "American"), "American");
    }

    #[test]
    fn a_common_word_after_a_title_is_the_one_person_of_that_surname() {
        let one = group(&[("Mike Pence", 3), ("Mr. Pence", 1)]);
        assert_eq!(rep_of(&one, "Mr. Pence"), "Mike Pence");
        let two = group(&[("Mike Pence", 3), ("Karen Pence", 1), ("Mr. Pence", 1)]);
        assert_eq!(
            rep_of(&two, "Mr. Pence"),
            "Mr. Pence",
            "two people of the surname"
        );
        let plain = group(&[("Mike Pence", 3), ("Pence", 1)]);
        assert_eq!(
            rep_of(&plain, "Pence"),
            "Pence",
            "without a title, a common word"
        );
    }

    #[test]
    fn a_first_name_the_archive_writes_as_a_surname_is_one() {
        let g = group_in(
            Table::Speakers,
            &[
                ("Tony Blair", 309),
                ("Ian Blair", 3),
                ("Blair", 4),
                ("Blair Underwood", 1),
                ("George Michael", 7),
                ("Michael Howard", 261),
                ("Michael", 1),
            ],
        );
        assert_eq!(
            rep_of(&g, "Blair"),
            "Tony Blair",
            "written last far more than first"
        );
        assert_eq!(
            rep_of(&g, "Michael"),
            "Michael",
            "written first far more than last"
        );
        // Accents fold on both sides; organisations are no people's names.
        let g = group_in(
            Table::Speakers,
            &[
                ("Michael José", 10),
                ("José Mourinho", 200),
                ("José", 3),
                ("Michael Howard", 20),
                ("Howard House", 500),
                ("Howard", 4),
            ],
        );
        assert_eq!(rep_of(&g, "José"), "José", "a first name here");
        assert_eq!(
            rep_of(&g, "Howard"),
            "Michael Howard",
            "a surname of people"
        );
    }
}

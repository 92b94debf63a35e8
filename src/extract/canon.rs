//! Canonical names: each mention gets the article's fullest form of its name, with aliases
//! folded ("Putin" -> "Vladimir Putin", "U.S." -> "United States"), so that the same name
//! reads the same across articles.
//!
//! Steps per mention: white space collapsed and apostrophes straightened; a possessive "'s",
//! a leading "the" and (for people) leading titles ("President", "Mr.", "Sen.") dropped;
//! capitals-only names true-cased ("VLADIMIR PUTIN" -> "Vladimir Putin", "BANK OF AMERICA" ->
//! "Bank of America", "NATO" stays);
//! company suffixes dropped ("Acme Corp." -> "Acme"); the alias table applied, and but for a
//! person's name the US states' abbreviations (`us_states.txt`: "N.J." -> "New Jersey"). Then,
//! within the article, named patterns correct the tagger's types and spans (a first word no name
//! begins with: "Ill. Eksili", "If Cruz"; a list of people, a surname of the article's
//! person, a place in apposition before a name, a numeral the tagger left out, a knight's
//! first name: "Sir Howard"), and a person named by part of a longer
//! name of the same type ("Putin"; "Leonard Hill" in "Leonard Dozier Hill III") takes the
//! longest such name, unless two different full names compete or the longer one is a
//! headline's fusion.

use crate::article::{Entity, EntityKind, Span};
use crate::extract::given_names::is_given_name;
use crate::extract::ner;

/// Titles and offices written before a person's name ("Sen.", "spokeswoman"), one a line
/// (`titles.txt`), lower case and without a trailing period.
static TITLES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| super::word_list::entries(include_str!("titles.txt")).collect());

/// A US state's names (`us_states.txt`).
struct UsState {
    name: &'static str,
    /// As news writes them after a city: "Calif.", "Kans.".
    abbreviations: Vec<&'static str>,
    /// "CA".
    postal: &'static str,
}

static US_STATES: std::sync::LazyLock<Vec<UsState>> = std::sync::LazyLock::new(|| {
    super::word_list::entries(include_str!("us_states.txt"))
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let name = fields.next()?;
            let abbreviations = fields.next()?.split(',').filter(|a| *a != "-").collect();
            let postal = fields.next()?;
            Some(UsState {
                name,
                abbreviations,
                postal,
            })
        })
        .collect()
});

/// The state a news abbreviation stands for: "N.J." -> "New Jersey"; none for "NJ" or "Ark"
/// (canonicalize also reads "Okla" right after a city and a comma as "Okla.").
fn state_by_abbreviation(word: &str) -> Option<&'static str> {
    US_STATES
        .iter()
        .find(|s| s.abbreviations.contains(&word))
        .map(|s| s.name)
}

/// Whether the text before `start` is a capitalised word and a comma, as a city is written
/// before its state ("Shawnee, Okla").
fn after_a_city(body: &str, start: usize) -> bool {
    body[..start]
        .strip_suffix(' ')
        .and_then(|b| b.strip_suffix(','))
        .and_then(|b| b.rsplit([' ', '\n']).next())
        .is_some_and(|w| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase))
}

/// Named pattern `party_and_state_label`: the label after a legislator's name, a party's
/// letter and a state ("Marco Rubio (R-Fla.)", "D-NY", "I-Vt", "R-Texas"), names that state;
/// its last period may be the sentence's ("R-Fla").
fn state_of_party_label(name: &str) -> Option<&'static str> {
    let state = name
        .strip_prefix("R-")
        .or_else(|| name.strip_prefix("D-"))
        .or_else(|| name.strip_prefix("I-"))?;
    US_STATES
        .iter()
        .find(|s| {
            s.name == state
                || s.postal == state
                || s.abbreviations
                    .iter()
                    .any(|a| *a == state || a.strip_suffix('.') == Some(state))
        })
        .map(|s| s.name)
}

/// Honorifics only a person's name takes ("Mr.", "Ms."), one a line (`honorifics.txt`), lower
/// case and without a trailing period.
static HONORIFICS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        super::word_list::entries(include_str!("honorifics.txt")).collect()
    });

/// Particles that begin a surname ("de", "van", "bin"), one a line (`surname_particles.txt`),
/// lower case.
static PARTICLES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        super::word_list::entries(include_str!("surname_particles.txt")).collect()
    });

/// Whether `word` (lower case) is a particle that begins a surname: "de", "van", "bin".
pub fn is_surname_particle(word: &str) -> bool {
    PARTICLES.contains(word)
}

/// Whether `word` (trailing punctuation aside) is a Roman numeral of two letters or more in
/// capitals, written the standard way: "II", "XIV", "VIII"; not "LIL" or "IIII".
fn is_roman_numeral(word: &str) -> bool {
    let w = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let Some(values) = w.chars().map(value).collect::<Option<Vec<i64>>>() else {
        return false;
    };
    let n: i64 = values
        .iter()
        .enumerate()
        .map(|(k, &v)| match values.get(k + 1) {
            Some(&next) if next > v => -v,
            _ => v,
        })
        .sum();
    let mut standard = String::new();
    let mut rest = n;
    for (v, s) in [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while rest >= v {
            standard.push_str(s);
            rest -= v;
        }
    }
    w.len() >= 2 && standard == w
}

/// Generational suffixes that end a person's name ("Jr.", "III"), lower case, no period.
const GENERATIONAL_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];
/// Whether `word` is a generational suffix, in any case, with or without its period ("Jr.",
/// "III").
pub fn is_generational_suffix(word: &str) -> bool {
    GENERATIONAL_SUFFIXES.contains(&bare(word).as_str())
}

/// Whether `word` is a numeral suffix ("III", "iv"), in any case, with or without a period.
pub fn is_numeral_suffix(word: &str) -> bool {
    NUMERAL_SUFFIXES.contains(&bare(word).as_str())
}

/// The numerals among [`GENERATIONAL_SUFFIXES`]: a lineage's ("Joe Manchin III"), not a
/// living father's and son's.
const NUMERAL_SUFFIXES: &[&str] = &["ii", "iii", "iv"];

/// Company-form suffixes dropped from organisation names.
const ORG_SUFFIXES: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "ltd",
    "llc",
    "plc",
    "co",
    "n.v",
    "s.a",
    "ag",
    "gmbh",
    "limited",
    "incorporated",
    "l.p",
    "lp",
    "llp",
    "s.p.a",
    "spa",
    "bv",
    "nv",
    "sa",
    "ab",
    "asa",
    "oyj",
];

/// Very common abbreviations and alternative names that denote exactly the same thing.
const ALIASES: &[(&str, &str)] = &[
    ("U.S.", "United States"),
    ("U.S", "United States"),
    ("US", "United States"),
    ("U.S.A.", "United States"),
    ("USA", "United States"),
    ("United States of America", "United States"),
    ("U.K.", "United Kingdom"),
    ("UK", "United Kingdom"),
    (
        "United Kingdom of Great Britain and Northern Ireland",
        "United Kingdom",
    ),
    ("U.N.", "United Nations"),
    ("UN", "United Nations"),
    ("E.U.", "European Union"),
    ("EU", "European Union"),
    ("U.S.S.R.", "Soviet Union"),
    ("USSR", "Soviet Union"),
    ("UAE", "United Arab Emirates"),
    ("U.A.E.", "United Arab Emirates"),
    ("IMF", "International Monetary Fund"),
    ("EC", "European Community"),
    ("E.C.", "European Community"),
    ("UNICEF", "United Nations Children's Fund"),
    ("WTO", "World Trade Organization"),
    ("OPEC", "Organization of the Petroleum Exporting Countries"),
    ("Fed", "Federal Reserve"),
    ("PRC", "China"),
    ("People's Republic of China", "China"),
    ("Russian Federation", "Russia"),
    ("Republic of Korea", "South Korea"),
    ("ROK", "South Korea"),
    ("DPRK", "North Korea"),
];

/// Gives every tagged mention its canonical name within this article.
pub fn canonicalize(body: &str, mut mentions: Vec<(Span, EntityKind)>) -> Vec<Entity> {
    let mut names: Vec<String> = mentions
        .iter()
        .map(|(span, kind)| clean(span.text(body), *kind))
        .collect();
    acronym_as_written(&mentions, &mut names, body);
    for (mention, name) in mentions.iter_mut().zip(names.iter_mut()) {
        if let Some(state) = state_of_party_label(name) {
            *mention = (mention.0, EntityKind::Location);
            *name = state.to_string();
        } else if mention.1 != EntityKind::Person
            && after_a_city(body, mention.0.start)
            && let Some(state) = state_by_abbreviation(&format!("{name}."))
        {
            // "Shawnee, Okla, is": wire copy writes the abbreviation without its period.
            *mention = (mention.0, EntityKind::Location);
            *name = state.to_string();
        }
    }
    let in_headline = in_headlines(body, &mentions);
    word_no_name_begins_with(&mut mentions, &mut names, body, &in_headline);
    person_in_list_of_people(&mut mentions, &mut names, body);
    person_by_honorific(&mut mentions, &mut names, body);
    person_named_by_surname(&mut mentions, &mut names, body);
    surname_of_earlier_person(&mut mentions, &mut names, body);
    person_after_comma(&mut mentions, &mut names, body);
    let generation = suffix_after_a_name(&mentions, &mut names, body);
    knight_by_first_name(&mentions, &mut names, body);
    let (candidates, text_full_names) = full_name_candidates(&mentions, &names, &in_headline);
    let resolved: Vec<String> = names
        .iter()
        .zip(&mentions)
        .zip(&in_headline)
        .zip(&generation)
        .map(|(((name, (span, kind)), headline), generation)| {
            if *kind != EntityKind::Person || *generation {
                return name.clone();
            }
            if *headline
                && let Some(known) = text_full_names
                    .iter()
                    .copied()
                    .filter(|c| ends_with_words(name, c))
                    .max_by_key(|c| c.len())
            {
                return known.to_string();
            }
            fuller_name(name, candidates.iter().copied())
                .or_else(|| full_name_of_initials(name, candidates.iter().copied()))
                .or_else(|| {
                    // After a title a lone name is a surname ("Mr Howard") or a knight's
                    // first name ("Dame Edna"), which `knight_by_first_name` reads.
                    let before = body[..span.start].trim_end();
                    let written = span.text(body).split_whitespace().next().unwrap_or("");
                    let prev = before.rsplit(' ').next().unwrap_or("");
                    let titled =
                        prev.starts_with(char::is_uppercase) && is_title(prev) || is_title(written);
                    (!titled)
                        .then(|| full_name_of_first_name(name, candidates.iter().copied()))
                        .flatten()
                })
                .unwrap_or_else(|| name.clone())
        })
        .collect();
    mentions
        .into_iter()
        .zip(resolved)
        .map(|((span, kind), canonical)| {
            let canonical = if canonical.is_empty() {
                span.text(body)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                canonical
            };
            Entity {
                span,
                kind,
                canonical,
            }
        })
        .collect()
}

/// Named pattern `acronym_as_written`: one word in capitals that names an organisation or
/// another thing, in a line written in mixed case, is written so on purpose ("MSNBC",
/// "ISIS"): it keeps its capitals rather than being true-cased as a capitals-only headline's
/// words are ("Msnbc", "Isis"). A common word stays true-cased ("VOTE AGAIN", "PARTY"), and
/// so do people and places: a dateline writes "PARIS —" in a line of mixed case. So does a
/// word the article writes elsewhere in small letters: a transcript's "OBAMA:" is Obama.
fn acronym_as_written(mentions: &[(Span, EntityKind)], names: &mut [String], body: &str) {
    let mut lower_body: Option<String> = None;
    for ((span, kind), name) in mentions.iter().zip(names.iter_mut()) {
        if matches!(kind, EntityKind::Person | EntityKind::Location)
            || name.contains(' ')
            || ner::usual_case(name) == Some(ner::UsualCase::Lower)
        {
            continue;
        }
        let line_start = body[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = body[span.end..]
            .find('\n')
            .map_or(body.len(), |i| span.end + i);
        let line_has_case = body[line_start..line_end].chars().any(char::is_lowercase);
        let written = span
            .text(body)
            .trim_end_matches("'s")
            .trim_end_matches("'S")
            .trim_end_matches(['\'', '\u{2019}']);
        if line_has_case
            && *name != written
            && written.chars().any(char::is_uppercase)
            && !written.chars().any(char::is_lowercase)
            && name.to_uppercase() == written.to_uppercase()
        {
            let lower = lower_body.get_or_insert_with(|| body.to_ascii_lowercase());
            if !written_in_small_letters(body, lower, written) {
                *name = written.to_string();
            }
        }
    }
}

/// Whether `body` (with `lower`, its ASCII lower case) writes the word `word` somewhere with
/// small letters ("Obama" beside a transcript's "OBAMA:").
fn written_in_small_letters(body: &str, lower: &str, word: &str) -> bool {
    let needle = word.to_ascii_lowercase();
    let is_word_byte = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    lower.match_indices(&needle).any(|(at, _)| {
        let end = at + needle.len();
        !is_word_byte(at.checked_sub(1).and_then(|i| lower.as_bytes().get(i)))
            && !is_word_byte(lower.as_bytes().get(end))
            && body
                .get(at..end)
                .is_some_and(|w| w.chars().any(char::is_lowercase))
    })
}

/// The article's person names a shorter one may stand for, and its full names written
/// outside title-case lines. Named pattern
/// `headline_words_before_a_name`: a name read in a title-case line (a headline: "Ted Cruz
/// Refuses to Disavow Lindsey Graham Endorsement") that ends with a full name of the text
/// ("Lindsey Graham") is that name with the headline's words before it, so it is none.
fn full_name_candidates<'a>(
    mentions: &[(Span, EntityKind)],
    names: &'a [String],
    in_headline: &[bool],
) -> (Vec<&'a str>, Vec<&'a str>) {
    let people: Vec<(bool, &str)> = mentions
        .iter()
        .zip(names)
        .zip(in_headline)
        .filter(|(((_, kind), _), _)| *kind == EntityKind::Person)
        .map(|((_, name), headline)| (*headline, name.as_str()))
        .collect();
    let text_full_names: Vec<&str> = people
        .iter()
        .filter(|(title, name)| !title && name.contains(' '))
        .map(|(_, name)| *name)
        .collect();
    let candidates = people
        .iter()
        .filter(|(title, name)| {
            !title
                || !text_full_names
                    .iter()
                    .any(|full| full != name && ends_with_words(name, full))
        })
        .map(|(_, name)| *name)
        .collect();
    (candidates, text_full_names)
}

/// Whether `name`'s last words are the words of `tail`, and there are more before them.
fn ends_with_words(name: &str, tail: &str) -> bool {
    name.len() > tail.len()
        && name.ends_with(tail)
        && name[..name.len() - tail.len()].ends_with(' ')
}

/// For each mention, whether its line is a headline: title-cased, in a text with case. Each
/// line is read once, however many mentions it holds.
fn in_headlines(body: &str, mentions: &[(Span, EntityKind)]) -> Vec<bool> {
    if mentions.is_empty() || ner::is_caseless_text(body) {
        return vec![false; mentions.len()];
    }
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut titled: std::collections::HashMap<usize, bool> = Default::default();
    mentions
        .iter()
        .map(|(span, _)| {
            let line = line_starts
                .partition_point(|&s| s <= span.start)
                .saturating_sub(1);
            *titled.entry(line).or_insert_with(|| {
                let start = line_starts[line];
                let end = line_starts
                    .get(line + 1)
                    .map_or(body.len(), |&next| next - 1);
                body.get(start..end).is_some_and(is_title_case_line)
            })
        })
        .collect()
}

/// Whether a line is title-cased, as a headline is: at least four words of four letters or
/// more, and at least 80% of them capitalised.
fn is_title_case_line(line: &str) -> bool {
    let long: Vec<&str> = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    long.len() >= 4 && capitalised * 10 >= long.len() * 8
}

/// Named pattern `word_no_name_begins_with`: the first word of a person mention of two or
/// more words is none of the name when no person's name begins with it:
/// - an abbreviation that keeps its period and is no title (titles are gone already):
///   "Mount Prospect, Ill. Eksili donated", where the tagger read on past a sentence's end;
/// - where a capital says nothing (a sentence's first word, after an opening quote, in a
///   headline), a word that opens a clause or a verb of speech ("If Cruz loses", "Says
///   Clinton would stack"), or before a full name a word news writes in lower case
///   ("Musician Alan Wass"), unless it is a first name, the tagger's gazetteer begins a
///   person's name with it or the article writes the name so where a capital tells. "Rich
///   Heffley" and "Rand Paul" begin sentences too. A mention of another type after a word
///   that opens a clause, whose rest is the surname of a person of the article, is that
///   person ("If Cruz" read as an organisation).
fn word_no_name_begins_with(
    mentions: &mut [(Span, EntityKind)],
    names: &mut [String],
    body: &str,
    in_headline: &[bool],
) {
    let capital_tells: Vec<bool> = mentions
        .iter()
        .zip(in_headline)
        .map(|((span, _), headline)| !headline && !begins_sentence(body, span.start))
        .collect();
    for i in 0..mentions.len() {
        let (span, kind) = mentions[i];
        let text = span.text(body);
        let Some((first, rest)) = text.split_once(char::is_whitespace) else {
            continue;
        };
        let rest = rest.trim_start();
        let written_first = names[i].split(' ').next() == Some(first);
        if !written_first
            || !rest
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
            || crate::extract::quotes::first_name_feminine(first.trim_end_matches('.')).is_some()
        {
            continue;
        }
        let person = kind == EntityKind::Person;
        let abbreviation = person
            && first.len() > 1
            && first.ends_with('.')
            && crate::extract::token::is_abbreviation(&first[..first.len() - 1]);
        // Another type's mention ("If Cruz" read as an organisation) is the surname of a
        // person of the article after such a word.
        let surname_of_person = !rest.contains(char::is_whitespace)
            && (0..mentions.len())
                .any(|j| mentions[j].1 == EntityKind::Person && ends_with_words(&names[j], rest));
        // Before a surname alone, only a word that opens a clause or a verb of speech: "Rich
        // Heffley" and "Rand Paul" begin sentences too.
        let no_name_word = crate::extract::quotes::opens_clause_or_speech(first)
            && (person || surname_of_person)
            || person
                && rest.contains(char::is_whitespace)
                && ner::usual_case(first) == Some(ner::UsualCase::Lower);
        let lower_word = !capital_tells[i]
            && no_name_word
            && !ner::begins_person_names(first)
            && !(0..mentions.len()).any(|j| capital_tells[j] && names[j] == names[i]);
        if abbreviation || lower_word {
            mentions[i] = (
                Span::new(span.end - rest.len(), span.end),
                EntityKind::Person,
            );
            names[i] = clean(rest, EntityKind::Person);
        }
    }
}

/// Whether a word at `start` begins a sentence, a line or a quote, where its capital says
/// nothing of a name.
fn begins_sentence(body: &str, start: usize) -> bool {
    let before = body
        .get(..start)
        .unwrap_or("")
        .trim_end_matches([' ', '\t']);
    before.is_empty()
        || before.ends_with(['\n', '.', '?', '!', ':', '"', '\u{201C}', '\u{2018}', '('])
}

/// Named pattern `person_after_comma`: a person mention that runs over a comma is a place
/// or organisation in apposition before the name ("the chancellor of Baylor University,
/// Starr has dealt"), whether the tagger read it so or a pattern above retyped it: the
/// person is the capitalised words after the last comma. A generational suffix after a
/// comma ("Martin Luther King, Jr.") stays part of the name.
fn person_after_comma(mentions: &mut [(Span, EntityKind)], names: &mut [String], body: &str) {
    for (mention, name) in mentions.iter_mut().zip(names.iter_mut()) {
        let (span, kind) = *mention;
        let text = span.text(body);
        let Some(comma) = text.rfind(',') else {
            continue;
        };
        let after = &text[comma + 1..];
        let words: Vec<&str> = after.split_whitespace().collect();
        let suffix = words.len() == 1 && is_generational_suffix(words[0]);
        if kind != EntityKind::Person
            || suffix
            || words.is_empty()
            || !words.iter().all(|w| is_capitalised_word(w))
        {
            continue;
        }
        let start = span.start + comma + 1 + (after.len() - after.trim_start().len());
        mention.0 = Span::new(start, span.end);
        *name = clean(mention.0.text(body), EntityKind::Person);
    }
}

/// Named pattern `suffix_after_a_name`: a generational suffix right after a person's name
/// that the tagger left out. A numeral is part of the name ("Brent Bozell III said"); a "Jr."
/// or "Sr." marks the name as one generation's ("his father, Brent Bozell, Jr., was"), so no
/// numbered name of the article takes it (across the archive, `index::identity` tells a son
/// from his father). Returns, for each mention, whether a "Jr." or "Sr." follows it.
fn suffix_after_a_name(
    mentions: &[(Span, EntityKind)],
    names: &mut [String],
    body: &str,
) -> Vec<bool> {
    let mut generation = vec![false; mentions.len()];
    for (((span, kind), name), generation) in
        mentions.iter().zip(names.iter_mut()).zip(&mut generation)
    {
        let has_suffix = name.rsplit(' ').next().is_some_and(is_generational_suffix);
        if *kind != EntityKind::Person || has_suffix || !name.contains(' ') {
            continue;
        }
        let Some(rest) = body.get(span.end..) else {
            continue;
        };
        let after_comma = rest.strip_prefix(',').unwrap_or(rest);
        let Some(after_space) = after_comma.strip_prefix(' ') else {
            continue;
        };
        let word_len = after_space
            .find(|c: char| !(c.is_alphanumeric() || c == '.'))
            .unwrap_or(after_space.len());
        let word = after_space[..word_len].trim_end_matches('.');
        if !word.starts_with(char::is_uppercase) {
            continue;
        }
        if is_numeral_suffix(word) {
            *name = format!("{name} {word}");
        } else if is_generational_suffix(word) {
            *generation = true;
        }
    }
    generation
}

/// Titles that British usage puts before a first name alone, as written: "Sir Howard Newby …
/// Sir Howard said" is Howard Newby, never a Mr Howard ("No sir." is no title).
const FIRST_NAME_TITLES: &[&str] = &["Sir", "Dame", "SIR", "DAME"];

/// Named pattern `knight_by_first_name`: a one-word person name written after "Sir" or
/// "Dame" (inside the mention or just before it) is the first name of the article's one full
/// person name that begins with it and is itself written after the title ("Sir Howard Newby,
/// … Sir Howard said"). With no such name, or two ("Sir Howard Newby", "Sir Howard
/// Stringer"), it stays as it is.
fn knight_by_first_name(mentions: &[(Span, EntityKind)], names: &mut [String], body: &str) {
    let titled = |span: &Span| {
        let text = span.text(body);
        let inside = text.split_whitespace().next().filter(|w| *w != text);
        let before = body
            .get(..span.start)
            .and_then(|b| b.split_whitespace().next_back());
        [inside, before]
            .into_iter()
            .flatten()
            .any(|w| FIRST_NAME_TITLES.contains(&w))
    };
    let knights: Vec<String> = mentions
        .iter()
        .zip(names.iter())
        .filter(|((span, kind), name)| {
            *kind == EntityKind::Person && name.contains(' ') && titled(span)
        })
        .map(|(_, name)| name.clone())
        .collect();
    for ((span, kind), name) in mentions.iter().zip(names.iter_mut()) {
        if *kind != EntityKind::Person || name.contains(' ') || name.is_empty() || !titled(span) {
            continue;
        }
        let mut owners: Vec<&String> = knights
            .iter()
            .filter(|full| full.split(' ').next() == Some(name.as_str()))
            .collect();
        owners.sort_unstable();
        owners.dedup();
        if let [only] = owners.as_slice() {
            *name = (*only).clone();
        }
    }
}

/// Named pattern `person_in_list_of_people`: in a list of three or more names joined by
/// commas and "and" ("John Leguizamo, Zoe Saldana, America Ferrera, Gina Rodriguez"), a
/// member the tagger read as a place, organisation or other name is a person's when every
/// other member is a person, at least two of them named in full, and it is shaped as a
/// person's name: two or three words news writes capitalised, the last no place's or
/// organisation's name alone, no company suffix. A list names things of one kind; this is
/// the label consistency of coordination.
fn person_in_list_of_people(mentions: &mut [(Span, EntityKind)], names: &mut [String], body: &str) {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].0.start);
    let joined = |a: usize, b: usize| {
        let (end, start) = (mentions[a].0.end, mentions[b].0.start);
        end <= start
            && body.get(end..start).is_some_and(|between| {
                matches!(
                    between
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .as_str(),
                    "," | "and" | ", and"
                )
            })
    };
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for (n, &i) in order.iter().enumerate() {
        match lists.last_mut() {
            Some(list) if n > 0 && joined(order[n - 1], i) => list.push(i),
            _ => lists.push(vec![i]),
        }
    }
    for list in lists.into_iter().filter(|l| l.len() >= 3) {
        let odd: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&i| mentions[i].1 != EntityKind::Person)
            .collect();
        let full_people = list
            .iter()
            .filter(|&&i| mentions[i].1 == EntityKind::Person && names[i].contains(' '))
            .count();
        if odd.len() != 1 || full_people < 2 {
            continue;
        }
        let i = odd[0];
        let raw = clean(mentions[i].0.text(body), EntityKind::Person);
        let words: Vec<&str> = raw.split(' ').collect();
        let person_shaped = (2..=3).contains(&words.len())
            && words.iter().all(|w| {
                is_capitalised_word(w)
                    && !is_title(w)
                    && !ORG_SUFFIXES.contains(&bare(w).as_str())
                    && ner::usual_case(w).is_none_or(|c| c == ner::UsualCase::Capitalised)
            })
            && words.last().is_some_and(|w| !ner::names_no_person(w));
        if person_shaped {
            mentions[i].1 = EntityKind::Person;
            names[i] = raw;
        }
    }
}

/// Named pattern `person_by_honorific`: a name of one to three capitalised words after an
/// honorific only people take ("Mr.", "Ms", or "MR." with its period) is a person's, whatever
/// type the tagger gave it ("Mr. Peck" read as an organisation, "Mr. Band" as a place, "Ms
/// Greer" as another name); the article's full name then stands for it as for any surname.
/// Brands are written so too ("Mr. Steak Inc", "MS Net", "Mrs Fields"): a company's name
/// (its suffix tells) is none, and a name holding a word
/// news writes in lower case counts only when a person of the article ends with its last
/// word ("Douglas J. Band … Mr. Band").
fn person_by_honorific(mentions: &mut [(Span, EntityKind)], names: &mut [String], body: &str) {
    let surnames: std::collections::HashSet<&str> = mentions
        .iter()
        .zip(names.iter())
        .filter(|((_, kind), _)| *kind == EntityKind::Person)
        .filter_map(|(_, name)| name.rsplit(' ').next())
        .collect();
    let retyped: Vec<usize> = (0..mentions.len())
        .filter(|&i| {
            let (span, kind) = mentions[i];
            let mut words = span.text(body).split_whitespace();
            let honorific = words.next().is_some_and(|w| {
                let titled = w.chars().skip(1).all(|c| !c.is_uppercase());
                (titled || w.ends_with('.')) && HONORIFICS.contains(bare(w).as_str())
            });
            let rest: Vec<&str> = words.collect();
            let Some(last) = rest.last() else {
                return false;
            };
            let common_word = rest
                .iter()
                .any(|w| ner::usual_case(w) == Some(ner::UsualCase::Lower));
            kind != EntityKind::Person
                && honorific
                && rest.len() <= 3
                && rest.iter().all(|w| is_capitalised_word(w))
                && !ORG_SUFFIXES.contains(&bare(last).as_str())
                && (!common_word || surnames.contains(last))
        })
        .collect();
    for i in retyped {
        mentions[i].1 = EntityKind::Person;
        names[i] = clean(mentions[i].0.text(body), EntityKind::Person);
    }
}

/// Named pattern `person_named_by_surname`: a name of two or three capitalised words the
/// tagger read as an organisation, place or other name is a person's when the article also
/// calls a person by its last word alone ("actress America Ferrera … Ferrera told HuffPost",
/// "call on Rahm Emanuel to resign … Emanuel said"). The reverse of
/// [`surname_of_earlier_person`], with three guards: the bare surname counts only where it
/// is written in mixed case (a capitals-only headline's "VOLGOGRAD" read as a person says
/// little); every word but a leading title is one news writes with a capital ("Stop Trump",
/// "Common Core" are not names); and the words before the surname name no place or
/// organisation of the article ("New Hampshire Sanders" where New Hampshire is a place).
/// A generational suffix after the words is part of the name ("Brent Bozell III … Bozell
/// says").
fn person_named_by_surname(mentions: &mut [(Span, EntityKind)], names: &mut [String], body: &str) {
    let bare_people: std::collections::HashSet<&str> = mentions
        .iter()
        .zip(names.iter())
        .filter(|((span, kind), name)| {
            *kind == EntityKind::Person
                && !name.contains(' ')
                && span.text(body).chars().any(char::is_lowercase)
        })
        .map(|(_, name)| name.as_str())
        .collect();
    let things: std::collections::HashSet<&str> = mentions
        .iter()
        .zip(names.iter())
        .filter(|((_, kind), _)| matches!(kind, EntityKind::Location | EntityKind::Organization))
        .map(|(_, name)| name.as_str())
        .collect();
    let retyped: Vec<usize> = (0..mentions.len())
        .filter(|&i| {
            let mut words: Vec<&str> = names[i].split(' ').collect();
            if words.len() > 2 && words.last().is_some_and(|w| is_generational_suffix(w)) {
                words.pop();
            }
            let untitled: Vec<&str> = words.iter().copied().skip_while(|w| is_title(w)).collect();
            let Some((last, given)) = untitled.split_last() else {
                return false;
            };
            mentions[i].1 != EntityKind::Person
                && (2..=3).contains(&words.len())
                && words.iter().all(|w| is_capitalised_word(w))
                && bare_people.contains(last)
                && untitled
                    .iter()
                    .all(|w| ner::usual_case(w).is_none_or(|c| c == ner::UsualCase::Capitalised))
                && !things.contains(given.join(" ").as_str())
                && !given.iter().any(|w| things.contains(w))
        })
        .collect();
    for i in retyped {
        mentions[i].1 = EntityKind::Person;
        names[i] = clean(mentions[i].0.text(body), EntityKind::Person);
    }
}

/// A word written as names are: a capital, then at least one lower-case letter ("Ferrera",
/// "McDonald"; not "NATO", "of" or "3M").
fn is_capitalised_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase)
}

/// Named pattern `surname_of_earlier_person`: one word the tagger read as a place,
/// organisation or other name is a person's when an earlier person mention of the article
/// ends with it ("John Bolton … Bolton said", where the tagger's gazetteer knows Bolton as a
/// football club). Articles name a person in full before using the surname alone. Acronyms
/// ("NATO") keep their reading.
fn surname_of_earlier_person(
    mentions: &mut [(Span, EntityKind)],
    names: &mut [String],
    body: &str,
) {
    let mut surnames: std::collections::HashSet<String> = Default::default();
    for i in 0..mentions.len() {
        let kind = mentions[i].1;
        if kind == EntityKind::Person {
            if let Some((_, last)) = names[i].rsplit_once(' ') {
                surnames.insert(last.to_string());
            }
        } else if !names[i].contains(' ')
            && names[i].chars().any(char::is_lowercase)
            && surnames.contains(&names[i])
        {
            mentions[i].1 = EntityKind::Person;
            names[i] = clean(mentions[i].0.text(body), EntityKind::Person);
        }
    }
}

/// The longest name among `others` that [`extends`] `name`; `None` when there is none or two
/// different ones.
fn fuller_name<'a>(name: &str, others: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<&str> = None;
    for other in others.filter(|other| extends(name, other)) {
        best = match best {
            None => Some(other),
            Some(b) if b == other || extends(other, b) => Some(b),
            Some(b) if extends(b, other) => Some(other),
            Some(_) => return None, // "Bill Clinton" vs "Hillary Clinton"
        };
    }
    best.map(str::to_string)
}

/// Named pattern `full_name_of_initials`: a name of initials and a surname ("E. J. Mannix",
/// "C Hodgson") is the article's one full name of that surname whose first name begins with
/// the first initial and whose middle names or initials, if any, begin with the others
/// ("Eddie Mannix"; "Robert Walter Scherer" is no "R.P. Scherer"); `None` when there is none
/// or two ("Chris" and "Charlie Hodgson"). An initial is one capital, with or without a
/// period, or capitals each with one ("B.J."); "JR" and "TJ" are names of their own.
fn full_name_of_initials<'a>(name: &str, others: impl Iterator<Item = &'a str>) -> Option<String> {
    let is_initials = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
        let periods = w.chars().filter(|c| *c == '.').count();
        (1..=3).contains(&letters.len())
            && letters.iter().all(|c| c.is_uppercase())
            && (letters.len() == 1 || periods == letters.len())
    };
    let words: Vec<&str> = name.split(' ').collect();
    let (last, given) = words.split_last()?;
    if given.is_empty() || !given.iter().all(|w| is_initials(w)) {
        return None;
    }
    let letters: Vec<char> = given
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_uppercase())
        .collect();
    let (first_letter, middle_letters) = letters.split_first()?;
    let mut found: Vec<&str> = others
        .filter(|other| {
            let ow: Vec<&str> = other.split(' ').collect();
            let [first, middle @ .., surname] = ow.as_slice() else {
                return false;
            };
            surname == last
                && !is_initials(first)
                && first.starts_with(*first_letter)
                && first.chars().any(char::is_lowercase)
                && middle
                    .iter()
                    .filter_map(|w| w.chars().next())
                    .all(|c| middle_letters.contains(&c))
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [only] => Some((*only).to_string()),
        _ => None,
    }
}

/// Named pattern `full_name_of_first_name`: a given name alone ("Hillary", "Bernie") is the
/// article's one full name that begins with it ("Hillary Clinton", or "Hillary Rodham
/// Clinton" that extends it); `None` when two people have it ("Donald Trump", "Donald Trump
/// Jr."), when it is no given name of the Census lists, or when a name of the article ends
/// with it (then it is a surname: "Thomas" beside "Clarence Thomas").
fn full_name_of_first_name<'a>(
    name: &str,
    others: impl Iterator<Item = &'a str> + Clone,
) -> Option<String> {
    if name.contains(' ') || !is_given_name(name) {
        return None;
    }
    let several = |other: &&str| other.contains(' ');
    if others
        .clone()
        .filter(several)
        .any(|other| other.rsplit(' ').next() == Some(name))
    {
        return None;
    }
    let begun: Vec<&str> = others
        .filter(several)
        .filter(|other| other.split(' ').next() == Some(name))
        .collect();
    let mut longest: Vec<&str> = begun
        .iter()
        .copied()
        .filter(|b| !begun.iter().any(|c| c != b && extends(b, c)))
        .collect();
    longest.sort_unstable();
    longest.dedup();
    match longest.as_slice() {
        [only] => Some((*only).to_string()),
        _ => None,
    }
}

/// Whether the person name `long` is a fuller form of `short`: it has all of `short`'s words
/// in order and more, and ends with the same word ("Blair" -> "Tony Blair", never "Tony
/// Blair" -> "Cherie Blair"), or with it and a numeral ("Leonard Dozier Hill III" of "Leonard
/// Hill", "Brent Bozell III" of "Brent Bozell"; a "Jr." is someone's son).
pub fn extends(short: &str, long: &str) -> bool {
    let sw: Vec<&str> = short.split(' ').collect();
    let mut lw: Vec<&str> = long.split(' ').collect();
    let Some(&last) = sw.last() else {
        return false;
    };
    let numbered =
        lw.len() > 2 && lw.last() != Some(&last) && lw.last().is_some_and(|w| is_numeral_suffix(w));
    if numbered {
        lw.pop();
    }
    (lw.len() > sw.len() || numbered && lw.len() == sw.len())
        && lw.last() == Some(&last)
        && is_subsequence(&sw, &lw)
}

fn is_subsequence(short: &[&str], long: &[&str]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// Whether `word` is a title that may stand before a person's name ("Sen.", "President").
pub fn is_title(word: &str) -> bool {
    TITLES.contains(bare(word).as_str())
}

fn bare(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// One mention's name, cleaned as the module documentation says.
pub fn clean(text: &str, kind: EntityKind) -> String {
    let straight = text.replace(['\u{2019}', '\u{2018}', '\u{02BC}'], "'");
    let mut words: Vec<&str> = straight.split_whitespace().collect();
    // Possessive, as a separate token or glued on.
    if let Some(last) = words.last_mut() {
        if *last == "'s" || *last == "'" {
            words.pop();
        } else if let Some(stem) = last.strip_suffix("'s").or_else(|| last.strip_suffix('\'')) {
            *last = stem;
        }
    }
    if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
        words.remove(0);
    }
    if kind == EntityKind::Person {
        while words.len() > 1 && TITLES.contains(bare(words[0]).as_str()) {
            words.remove(0);
        }
    }
    if kind == EntityKind::Organization {
        while words.len() > 1 && ORG_SUFFIXES.contains(&bare(words[words.len() - 1]).as_str()) {
            words.pop();
            if let Some(last) = words.last_mut() {
                *last = last.trim_end_matches(',');
            }
        }
    }
    let joined = words.join(" ");
    let cased = if joined.chars().any(char::is_lowercase) || !joined.chars().any(char::is_uppercase)
    {
        joined
    } else {
        truecase_name(&joined, kind)
    };
    let state = (kind != EntityKind::Person)
        .then(|| state_by_abbreviation(&cased))
        .flatten();
    match ALIASES.iter().find(|(a, _)| *a == cased) {
        Some((_, full)) => (*full).to_string(),
        None => state.map_or(cased, str::to_string),
    }
}

/// "VLADIMIR PUTIN" -> "Vladimir Putin", "NATO" -> "NATO": the usual spelling of each word
/// from the model's true-case table, else title case for long words and capitals for short
/// ones (likely acronyms). Inside a name, a function word of two letters or more goes to lower
/// case ("BANK OF AMERICA" -> "Bank of America"). Short words that are no acronym are
/// title-cased: in a person's name a given name, a surname's particle or any word of three
/// letters, numerals aside ("TAD DEVINE", "CHARLES DE GAULLE"; "LOUIS XIV" stays); in another
/// name of several words a word of three letters news writes in lower case ("NEW YORK").
fn truecase_name(name: &str, kind: EntityKind) -> String {
    let table = ner::model().map(|m| &m.truecase);
    let several = name.contains(' ');
    let person = kind == EntityKind::Person;
    name.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if let Some(t) = table.and_then(|t| t.get(&lower)) {
                return t.clone();
            }
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if person && i > 0 && is_roman_numeral(w) {
                return w.to_string(); // "LOUIS XIV", "HENRY VIII"
            }
            let written_lower = matches!(
                ner::usual_case(w),
                Some(ner::UsualCase::Lower | ner::UsualCase::Mixed)
            );
            if i > 0
                && letters > 1
                && written_lower
                && crate::extract::quotes::is_title_small_word(w)
            {
                return lower;
            }
            // Two capitals are more often an acronym than a word ("US TV"), unless a person's
            // name: it holds no acronym the table does not know, and each of its words is cased
            // alike wherever it stands ("LEW" as "Jacob J. LEW" is).
            let a_word = if person {
                is_given_name(w) || is_surname_particle(&lower) || letters > 2
            } else {
                several && letters > 2 && written_lower
            };
            if (letters <= 3 && !a_word) || w.contains('.') {
                w.to_string()
            } else {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As [`canon`], each mention found after the one before it.
    fn canon_in_order(body: &str, mentions: &[(&str, EntityKind)]) -> Vec<String> {
        let mut from = 0;
        let spans: Vec<(Span, EntityKind)> = mentions
            .iter()
            .map(|(m, k)| {
                let start = from + body[from..].find(m).unwrap();
                from = start + m.len();
                (Span::new(start, start + m.len()), *k)
            })
            .collect();
        canonicalize(body, spans)
            .into_iter()
            .map(|e| e.canonical)
            .collect()
    }

    /// The canonical names of mentions given by their text (first occurrence), with kinds.
    fn canon(body: &str, mentions: &[(&str, EntityKind)]) -> Vec<String> {
        kinds(body, mentions).into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn surname_takes_the_full_name_and_titles_go() {
        let body =
            "Putin said so. President Vladimir Putin accused the West. Putin's aides agreed.";
        let got = canon(
            body,
            &[
                ("Putin", EntityKind::Person),
                ("President Vladimir Putin", EntityKind::Person),
                ("Putin's", EntityKind::Person),
            ],
        );
        assert_eq!(got, ["Vladimir Putin", "Vladimir Putin", "Vladimir Putin"]);
    }

    /// `canonicalize` over mentions given by their text (first occurrence), with kinds.
    fn kinds(body: &str, mentions: &[(&str, EntityKind)]) -> Vec<(EntityKind, String)> {
        let spans: Vec<(Span, EntityKind)> = mentions
            .iter()
            .map(|(m, k)| {
                let start = body.find(m).unwrap();
                (Span::new(start, start + m.len()), *k)
            })
            .collect();
        canonicalize(body, spans)
            .into_iter()
            .map(|e| (e.kind, e.canonical))
            .collect()
    }

    #[test]
    fn person_after_comma_takes_the_name_after_an_apposition() {
        let body = "Kenneth Starr spoke. Now the chancellor of Baylor University, Starr has dealt \
                    with it. Starr said so. Martin Luther King, Jr. spoke. Smith, of Ohio, said.";
        let got = kinds(
            body,
            &[
                ("Kenneth Starr", EntityKind::Person),
                ("Baylor University, Starr", EntityKind::Person),
                ("Martin Luther King, Jr.", EntityKind::Person),
                ("Smith, of Ohio", EntityKind::Person),
            ],
        );
        assert_eq!(got[1], (EntityKind::Person, "Kenneth Starr".to_string()));
        assert_eq!(got[2].1, "Martin Luther King, Jr.", "a suffix stays");
        assert_eq!(
            got[3].1, "Smith, of Ohio",
            "only capitalised words make a name"
        );
    }

    #[test]
    fn headline_words_before_a_name_are_no_part_of_it() {
        let body = "Ted Cruz Refuses to Disavow Lindsey Graham Endorsement.\n\n\
                    Sen. Ted Cruz refuses to disavow the endorsement of Sen. Lindsey Graham. \
                    Graham said so.\n\nVladimir Putin Warns West Over Sanctions\n\nPutin spoke.";
        // `word` where `context` is first written.
        let at = |context: &str, word: &str| {
            let start = body.find(context).unwrap() + context.find(word).unwrap();
            (Span::new(start, start + word.len()), EntityKind::Person)
        };
        let got = canonicalize(
            body,
            vec![
                at("Disavow Lindsey Graham", "Disavow Lindsey Graham"),
                at("Sen. Lindsey Graham", "Sen. Lindsey Graham"),
                at("Graham said", "Graham"),
                at("Vladimir Putin", "Vladimir Putin"),
                at("Putin spoke", "Putin"),
            ],
        );
        let names: Vec<&str> = got.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(
            names,
            [
                "Lindsey Graham",
                "Lindsey Graham",
                "Lindsey Graham",
                "Vladimir Putin",
                "Vladimir Putin"
            ],
            "a headline's full name still names a bare surname of the text"
        );
        // A text in capitals has no headline to tell apart.
        let body = "PRESIDENT CHARLES DE GAULLE SPOKE TODAY IN PARIS.\n\nDE GAULLE LEFT.";
        let last = body.rfind("DE GAULLE").unwrap();
        let got = canonicalize(
            body,
            vec![
                (Span::new(10, 27), EntityKind::Person),
                (Span::new(last, last + 9), EntityKind::Person),
            ],
        );
        assert_eq!(got[0].canonical, got[1].canonical);
        assert!(got[0].canonical.starts_with("Charles"), "{got:?}");
    }

    #[test]
    fn a_bare_surname_in_capitals_takes_the_full_name_its_words_cased_alike() {
        let body = "TREASURY SECRETARY JACOB J. LEW SPOKE TODAY IN PARIS.\n\nLEW LEFT EARLY.";
        let full = body.find("JACOB").unwrap();
        let bare = body.rfind("LEW").unwrap();
        let got = canonicalize(
            body,
            vec![
                (Span::new(full, full + 12), EntityKind::Person),
                (Span::new(bare, bare + 3), EntityKind::Person),
            ],
        );
        assert_eq!(got[0].canonical, "Jacob J. Lew");
        assert_eq!(got[1].canonical, "Jacob J. Lew", "{got:?}");
    }

    #[test]
    fn word_no_name_begins_with_is_no_part_of_the_name() {
        let body = "Bilal Eksili lives in Mount Prospect, Ill. Eksili gave. Ted Cruz ran. \
                    If Cruz loses, so be it. Rand Paul left; Matt Paul stayed. Musician Alan \
                    Wass sang. If Cruz wins, fine. After School Matters, a charity.";
        let at = |phrase: &str| {
            let start = body.find(phrase).unwrap();
            (Span::new(start, start + phrase.len()), EntityKind::Person)
        };
        let got = canonicalize(
            body,
            [
                "Bilal Eksili",
                "Ill. Eksili",
                "Ted Cruz",
                "If Cruz",
                "Rand Paul",
                "Matt Paul",
            ]
            .into_iter()
            .chain(["Musician Alan Wass"])
            .map(at)
            .collect(),
        );
        let names: Vec<&str> = got.iter().map(|e| e.canonical.as_str()).collect();
        let wins = body.find("If Cruz wins").unwrap();
        let after = body.find("After School").unwrap();
        let other_types = canonicalize(
            body,
            vec![
                (
                    Span::new(body.find("Ted").unwrap(), body.find(" ran").unwrap()),
                    EntityKind::Person,
                ),
                (Span::new(wins, wins + 7), EntityKind::Organization),
                (
                    Span::new(after, after + "After School Matters".len()),
                    EntityKind::Organization,
                ),
            ],
        );
        let kinds: Vec<(EntityKind, &str)> = other_types
            .iter()
            .map(|e| (e.kind, e.canonical.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (EntityKind::Person, "Ted Cruz"),
                (EntityKind::Person, "Ted Cruz"),
                (EntityKind::Organization, "After School Matters")
            ],
            "another type's mention becomes the person only when its rest is their surname"
        );
        assert_eq!(
            names,
            [
                "Bilal Eksili",
                "Bilal Eksili",
                "Ted Cruz",
                "Ted Cruz",
                "Rand Paul",
                "Matt Paul",
                "Alan Wass"
            ]
        );
        assert_eq!(
            got[1].span.text(body),
            "Eksili",
            "the span loses the word too"
        );
    }

    #[test]
    fn suffix_after_a_name_takes_a_numeral_the_tagger_left_out() {
        let body = "Brent Bozell III spoke. Bozell says.";
        let got = canon_in_order(
            body,
            &[
                ("Brent Bozell", EntityKind::Person),
                ("Bozell", EntityKind::Person),
            ],
        );
        assert_eq!(got, ["Brent Bozell III", "Brent Bozell III"]);
        // A numeral ends the name without the sentence's period.
        let got = canon_in_order(
            "They met Henry Ford II.",
            &[("Henry Ford", EntityKind::Person)],
        );
        assert_eq!(got, ["Henry Ford II"]);
        // A father's "Jr." keeps his name from his numbered son's.
        let body = "His father, Brent Bozell, Jr., was a writer. Brent Bozell III said so.";
        let got = canon_in_order(
            body,
            &[
                ("Brent Bozell", EntityKind::Person),
                ("Brent Bozell III", EntityKind::Person),
            ],
        );
        assert_eq!(got, ["Brent Bozell", "Brent Bozell III"]);
        // "Jr." marks a son the archive tells apart by its own rules; a word that only
        // begins like a numeral is none.
        for body in ["Brent Bozell, Jr. wrote it.", "Brent Bozell IIIx wrote it."] {
            let got = canon_in_order(body, &[("Brent Bozell", EntityKind::Person)]);
            assert_eq!(got, ["Brent Bozell"], "{body}");
        }
    }

    #[test]
    fn person_named_by_surname_reads_a_numbered_name_as_the_surname_person() {
        let body = "Brent Bozell III spoke. World War II ended. Bozell says. War said so.";
        let got = kinds(
            body,
            &[
                ("Brent Bozell III", EntityKind::Misc),
                ("World War II", EntityKind::Misc),
                ("Bozell", EntityKind::Person),
            ],
        );
        assert_eq!(got[0], (EntityKind::Person, "Brent Bozell III".to_string()));
        assert_eq!(got[1].0, EntityKind::Misc, "no person is called War");
        assert_eq!(got[2].1, "Brent Bozell III");
    }

    #[test]
    fn full_name_of_initials_reads_initials_as_the_one_name_they_fit() {
        let body = "Eddie Mannix ran MGM. Without E. J. Mannix, nothing. C Hodgson kicked.";
        let got = canon_in_order(
            body,
            &[
                ("Eddie Mannix", EntityKind::Person),
                ("E. J. Mannix", EntityKind::Person),
                ("C Hodgson", EntityKind::Person),
            ],
        );
        assert_eq!(got[1], "Eddie Mannix");
        assert_eq!(got[2], "C Hodgson", "no full name of the surname");
        let body = "Chris Hodgson and Charlie Hodgson played. C Hodgson kicked. \
                    Robert W. Scherer spoke. R.P. Scherer did not.";
        let got = canon_in_order(
            body,
            &[
                ("Chris Hodgson", EntityKind::Person),
                ("Charlie Hodgson", EntityKind::Person),
                ("C Hodgson", EntityKind::Person),
                ("Robert W. Scherer", EntityKind::Person),
                ("R.P. Scherer", EntityKind::Person),
            ],
        );
        assert_eq!(got[2], "C Hodgson", "two names fit");
        assert_eq!(got[4], "R.P. Scherer", "the middle initials conflict");
        let body = "Robert Walter Scherer spoke. R.P. Scherer did not. JR Smith scored. \
                    Jaden Smith watched.";
        let got = canon_in_order(
            body,
            &[
                ("Robert Walter Scherer", EntityKind::Person),
                ("R.P. Scherer", EntityKind::Person),
                ("JR Smith", EntityKind::Person),
                ("Jaden Smith", EntityKind::Person),
            ],
        );
        assert_eq!(
            got[1], "R.P. Scherer",
            "a middle name conflicts as its initial would"
        );
        assert_eq!(
            got[2], "JR Smith",
            "two capitals without periods are a name"
        );
    }

    #[test]
    fn a_plain_name_takes_its_numbered_full_name() {
        let body =
            "Leonard Dozier Hill III lost the farm. Leonard Hill's widow, Anita, thanked him.";
        let got = canon(
            body,
            &[
                ("Leonard Dozier Hill III", EntityKind::Person),
                ("Leonard Hill", EntityKind::Person),
            ],
        );
        assert_eq!(got[1], "Leonard Dozier Hill III");
        // A son ("Jr.") is no fuller name of his father.
        let body = "Donald Trump Jr. spoke. Donald Trump agreed.";
        let got = canon(
            body,
            &[
                ("Donald Trump Jr.", EntityKind::Person),
                ("Donald Trump", EntityKind::Person),
            ],
        );
        assert_eq!(got[1], "Donald Trump");
    }

    #[test]
    fn knight_by_first_name_reads_sir_and_a_first_name_as_the_knight() {
        let body = "The council's chief, Sir Howard Newby, spoke. Sir Howard said so. \
                    Michael Howard agreed. Mr Howard left.";
        let got = canon(
            body,
            &[
                ("Howard Newby", EntityKind::Person),
                ("Sir Howard", EntityKind::Person),
                ("Michael Howard", EntityKind::Person),
                ("Mr Howard", EntityKind::Person),
            ],
        );
        assert_eq!(got[1], "Howard Newby", "Sir and a first name: the knight");
        assert_eq!(got[3], "Michael Howard", "Mr and a surname: not the knight");
        // The title just before the mention counts as well.
        let body = "Dame Judi Dench starred. Dame Judi said it was fun.";
        let got = canon(
            body,
            &[
                ("Judi Dench", EntityKind::Person),
                ("Judi", EntityKind::Person),
            ],
        );
        assert_eq!(got[1], "Judi Dench");
        // Two knights of one first name: neither.
        let body = "Sir Howard Newby and Sir Howard Stringer met. Sir Howard said no.";
        let got = canon(
            body,
            &[
                ("Howard Newby", EntityKind::Person),
                ("Howard Stringer", EntityKind::Person),
                ("Sir Howard", EntityKind::Person),
            ],
        );
        assert_eq!(got[2], "Howard");
        // "sir" as a word is no title, and the knight is one written as a knight.
        let body =
            "Howard Stern asked. No sir. Howard laughed. Edna O'Brien wrote. Dame Edna waved.";
        let got = canon_in_order(
            body,
            &[
                ("Howard Stern", EntityKind::Person),
                ("Howard", EntityKind::Person),
                ("Edna O'Brien", EntityKind::Person),
                ("Edna", EntityKind::Person),
            ],
        );
        assert_eq!(
            got[1], "Howard Stern",
            "the one full name beginning with Howard"
        );
        assert_eq!(got[3], "Edna");
    }

    #[test]
    fn person_in_list_of_people_reads_the_odd_member_as_a_person() {
        let body = "John Leguizamo, Zoe Saldana, America Ferrera, Gina Rodriguez and more. \
                    Hillary Clinton, Bernie Sanders and Goldman Sachs Inc. \
                    Ann Lee, Bob Hope and Acme Corp. Ohio, Texas and Ford Motor. \
                    Obama, Biden and Pixar Studios.";
        let got = kinds(
            body,
            &[
                ("John Leguizamo", EntityKind::Person),
                ("Zoe Saldana", EntityKind::Person),
                ("America Ferrera", EntityKind::Organization),
                ("Gina Rodriguez", EntityKind::Person),
                ("Hillary Clinton", EntityKind::Person),
                ("Bernie Sanders", EntityKind::Person),
                ("Goldman Sachs Inc", EntityKind::Organization),
                ("Ann Lee", EntityKind::Person),
                ("Bob Hope", EntityKind::Person),
                ("Acme Corp", EntityKind::Organization),
                ("Ohio", EntityKind::Location),
                ("Texas", EntityKind::Location),
                ("Ford Motor", EntityKind::Organization),
                ("Obama", EntityKind::Person),
                ("Biden", EntityKind::Person),
                ("Pixar Studios", EntityKind::Organization),
            ],
        );
        assert_eq!(got[2], (EntityKind::Person, "America Ferrera".to_string()));
        assert_eq!(
            got[6].0,
            EntityKind::Organization,
            "a company suffix: no person"
        );
        assert_eq!(
            got[9].0,
            EntityKind::Organization,
            "a company suffix: no person"
        );
        assert_eq!(got[12].0, EntityKind::Organization, "a list of places");
        assert_eq!(
            got[15].0,
            EntityKind::Organization,
            "no member named in full"
        );
    }

    #[test]
    fn surname_of_earlier_person_reads_a_later_bare_surname_as_them() {
        let body = "John Bolton spoke. Bolton said so. NATO agreed.";
        let got = canonicalize(
            body,
            vec![
                (Span::new(0, 11), EntityKind::Person),
                (Span::new(19, 25), EntityKind::Organization),
                (Span::new(35, 39), EntityKind::Organization),
            ],
        );
        assert_eq!(got[1].kind, EntityKind::Person);
        assert_eq!(got[1].canonical, "John Bolton");
        assert_eq!(
            got[2].kind,
            EntityKind::Organization,
            "an acronym keeps its reading"
        );
        // Only an earlier full name: the surname before it keeps the tagger's reading.
        let body = "Bolton said so. John Bolton spoke.";
        let got = canonicalize(
            body,
            vec![
                (Span::new(0, 6), EntityKind::Organization),
                (Span::new(16, 27), EntityKind::Person),
            ],
        );
        assert_eq!(got[0].kind, EntityKind::Organization);
        assert_eq!(got[0].canonical, "Bolton");
    }

    #[test]
    fn full_name_of_first_name_needs_one_person_of_that_first_name() {
        let body = "Hillary Rodham Clinton spoke. Hillary Clinton left. Hillary smiled. \
                    Donald Trump and Donald Trump Jr. came. Donald waved. Clarence Thomas and \
                    Thomas Friedman met. Thomas wrote. Zelda laughed.";
        let got = canon_in_order(
            body,
            &[
                ("Hillary Rodham Clinton", EntityKind::Person),
                ("Hillary Clinton", EntityKind::Person),
                ("Hillary", EntityKind::Person),
                ("Donald Trump", EntityKind::Person),
                ("Donald Trump Jr.", EntityKind::Person),
                ("Donald", EntityKind::Person),
                ("Clarence Thomas", EntityKind::Person),
                ("Thomas Friedman", EntityKind::Person),
                ("Thomas", EntityKind::Person),
                ("Zelda", EntityKind::Person),
            ],
        );
        assert_eq!(got[2], "Hillary Rodham Clinton");
        assert_eq!(got[5], "Donald", "two people are called Donald");
        assert_eq!(got[8], "Clarence Thomas", "a surname of the article first");
        assert_eq!(got[9], "Zelda", "nobody of that first name");
    }

    #[test]
    fn acronym_as_written_keeps_its_capitals_in_a_mixed_case_line() {
        let body = "MSNBC said ISIS's fighters left.\nMSNBC SAYS KREMLIN LIED\nBARACK OBAMA spoke.\n\
                    PARIS — The KREMLIN said. The PARTY met.\nOBAMA: Mr. Obama spoke.";
        let got = canon_in_order(
            body,
            &[
                ("MSNBC", EntityKind::Organization),
                ("ISIS", EntityKind::Organization),
                ("MSNBC", EntityKind::Organization),
                ("KREMLIN", EntityKind::Organization),
                ("BARACK OBAMA", EntityKind::Person),
                ("PARIS", EntityKind::Location),
                ("KREMLIN", EntityKind::Organization),
                ("PARTY", EntityKind::Organization),
                ("OBAMA", EntityKind::Organization),
            ],
        );
        assert_eq!(
            got,
            [
                "MSNBC",
                "ISIS",
                "Msnbc",
                "Kremlin",
                "Barack Obama",
                "Paris",
                "KREMLIN",
                "Party",
                "Barack Obama"
            ]
        );
    }

    #[test]
    fn person_by_honorific_reads_any_type_as_a_person() {
        let body = "Robert Peck founded it. Mr. Peck left. Douglas J. Band and Mr. Band said so. \
                    Dr Pepper sold. Ms Greer wrote. Mr. Peck's Big Day Out Of Town. Mrs Fields \
                    opened. Mr. Wok Inc grew. MS Net runs. Mr. Sanders Is Not.";
        let got = kinds(
            body,
            &[
                ("Robert Peck", EntityKind::Person),
                ("Mr. Peck", EntityKind::Organization),
                ("Douglas J. Band", EntityKind::Person),
                ("Mr. Band", EntityKind::Location),
                ("Dr Pepper", EntityKind::Organization),
                ("Ms Greer", EntityKind::Misc),
                ("Mr. Peck's Big Day Out Of Town", EntityKind::Misc),
                ("Mrs Fields", EntityKind::Organization),
                ("Mr. Wok Inc", EntityKind::Organization),
                ("MS Net", EntityKind::Misc),
                ("Mr. Sanders Is Not", EntityKind::Misc),
            ],
        );
        let kinds: Vec<EntityKind> = got.iter().map(|(k, _)| *k).collect();
        let names: Vec<&str> = got.iter().map(|(_, n)| n.as_str()).collect();
        use EntityKind::{Misc, Organization, Person};
        assert_eq!(
            kinds,
            [
                Person,
                Person,
                Person,
                Person,
                Organization,
                Person,
                Misc,
                Organization,
                Organization,
                Misc,
                Misc
            ]
        );
        assert_eq!(
            names[..6],
            [
                "Robert Peck",
                "Robert Peck",
                "Douglas J. Band",
                "Douglas J. Band",
                "Dr Pepper",
                "Greer"
            ]
        );
    }

    #[test]
    fn person_named_by_surname_reads_a_full_name_as_the_surname_person() {
        let body = "actress America Ferrera wrote. Ferrera told HuffPost. ROTOR VOLGOGRAD won. \
                    New Hampshire voters. New Hampshire Sanders. VOLGOGRAD said. Sanders spoke. \
                    Rotor Volgograd lost. Stop Sanders rallied. Spokeswoman Haley Sanders said.";
        // The first `word` of the first place where `context` is written.
        let at = |context: &str, word: &str| {
            let start = body.find(context).unwrap() + context.find(word).unwrap();
            Span::new(start, start + word.len())
        };
        let got = canonicalize(
            body,
            vec![
                (
                    at("America Ferrera", "America Ferrera"),
                    EntityKind::Organization,
                ),
                (at("Ferrera told", "Ferrera"), EntityKind::Person),
                (
                    at("New Hampshire voters", "New Hampshire"),
                    EntityKind::Location,
                ),
                (
                    at("New Hampshire Sanders", "New Hampshire Sanders"),
                    EntityKind::Organization,
                ),
                (at("VOLGOGRAD said", "VOLGOGRAD"), EntityKind::Person),
                (at("Sanders spoke", "Sanders"), EntityKind::Person),
                (
                    at("Rotor Volgograd", "Rotor Volgograd"),
                    EntityKind::Organization,
                ),
                (at("Stop Sanders", "Stop Sanders"), EntityKind::Organization),
                (
                    at("Spokeswoman Haley Sanders", "Spokeswoman Haley Sanders"),
                    EntityKind::Organization,
                ),
            ],
        );
        assert_eq!(got[0].kind, EntityKind::Person);
        assert_eq!(got[0].canonical, "America Ferrera");
        assert_eq!(
            got[1].canonical, "America Ferrera",
            "the surname takes the full name"
        );
        assert_eq!(
            got[3].kind,
            EntityKind::Organization,
            "a name whose first words are a place of the article stays"
        );
        assert_eq!(
            got[6].kind,
            EntityKind::Organization,
            "a person read only in capitals is no evidence"
        );
        assert_eq!(got[7].kind, EntityKind::Organization, "\"stop\" is no name");
        assert_eq!(got[8].kind, EntityKind::Person, "a title may lead");
        assert_eq!(got[8].canonical, "Haley Sanders");
    }

    #[test]
    fn competing_full_names_leave_the_surname_alone() {
        let body = "Bill Clinton met Hillary Clinton. Clinton spoke.";
        let got = canon(
            body,
            &[
                ("Bill Clinton", EntityKind::Person),
                ("Hillary Clinton", EntityKind::Person),
                ("Clinton spoke", EntityKind::Person),
            ],
        );
        assert_eq!(got[2], "Clinton spoke");
        let got = canon(
            "Clinton and Bill Clinton",
            &[
                ("Clinton", EntityKind::Person),
                ("Bill Clinton", EntityKind::Person),
            ],
        );
        assert_eq!(got, ["Bill Clinton", "Bill Clinton"]);
    }

    #[test]
    fn aliases_fold_and_types_do_not_mix() {
        let body = "the U.S.' refusal, the US, the U.N. and EU officials; Moscow's demands";
        let got = canon(
            body,
            &[
                ("U.S.'", EntityKind::Location),
                ("US", EntityKind::Location),
                ("U.N.", EntityKind::Organization),
                ("EU", EntityKind::Organization),
                ("Moscow's", EntityKind::Location),
            ],
        );
        assert_eq!(
            got,
            [
                "United States",
                "United States",
                "United Nations",
                "European Union",
                "Moscow"
            ]
        );
    }

    #[test]
    fn capitals_and_company_forms() {
        assert_eq!(clean("NATO", EntityKind::Organization), "NATO");
        assert_eq!(
            clean("N.J.", EntityKind::Location),
            "New Jersey",
            "a state's abbreviation"
        );
        assert_eq!(clean("Calif.", EntityKind::Location), "California");
        assert_eq!(
            clean("Ark", EntityKind::Location),
            "Ark",
            "without its period"
        );
        assert_eq!(clean("Mass.", EntityKind::Organization), "Massachusetts");
        assert_eq!(
            clean("Miss.", EntityKind::Person),
            "Miss.",
            "no person's name"
        );
        for label in ["R-Fla.", "R-Fla", "R-FL", "R-Florida"] {
            assert_eq!(state_of_party_label(label), Some("Florida"), "{label}");
        }
        assert_eq!(state_of_party_label("D-N.Y"), Some("New York"));
        assert_eq!(state_of_party_label("R-Texas"), Some("Texas"));
        assert_eq!(state_of_party_label("I-VT"), Some("Vermont"));
        assert_eq!(state_of_party_label("A-Fla"), None);
        assert_eq!(state_of_party_label("R-Flo"), None);
        let body = "Marco Rubio (R-Fla.) spoke in Shawnee, Okla, and Ill Wind played.";
        assert_eq!(
            kinds(
                body,
                &[
                    ("R-Fla", EntityKind::Organization),
                    ("Okla", EntityKind::Organization),
                    ("Ill", EntityKind::Misc),
                ]
            ),
            [
                (EntityKind::Location, "Florida".to_string()),
                (EntityKind::Location, "Oklahoma".to_string()),
                (EntityKind::Misc, "Ill".to_string()),
            ]
        );
        assert_eq!(
            clean("BANK OF AMERICA", EntityKind::Organization),
            "Bank of America"
        );
        assert_eq!(clean("NEW YORK", EntityKind::Location), "New York");
        assert_eq!(clean("TAD DEVINE", EntityKind::Person), "Tad Devine");
        assert_eq!(
            clean("WHO", EntityKind::Organization),
            "WHO",
            "one short word in capitals is an acronym"
        );
        assert_eq!(clean("US TV", EntityKind::Misc), "US TV", "two capitals");
        assert_eq!(
            clean("AL GORE", EntityKind::Person),
            "Al Gore",
            "a given name"
        );
        for (caps, cased) in [
            ("JEB BUSH", "Jeb Bush"),
            ("CHARLES DE GAULLE", "Charles De Gaulle"),
            ("LEW", "Lew"),
            ("JACOB J. LEW", "Jacob J. Lew"),
            ("JOE MANCHIN III", "Joe Manchin III"),
            ("LOUIS XIV", "Louis XIV"),
            ("HENRY VIII", "Henry VIII"),
            ("JOHN A SMITH", "John A Smith"),
        ] {
            assert_eq!(clean(caps, EntityKind::Person), cased, "a person's name");
        }
        assert_eq!(
            clean("LAWRENCE OF ARABIA", EntityKind::Person),
            "Lawrence of Arabia"
        );
        assert_eq!(clean("VITAMIN A", EntityKind::Misc), "Vitamin A");
        assert_eq!(clean("REAL IRA", EntityKind::Organization), "Real IRA");
        assert!(is_roman_numeral("XIV,") && is_roman_numeral("VIII") && is_roman_numeral("II"));
        assert!(!is_roman_numeral("LIL") && !is_roman_numeral("IIII") && !is_roman_numeral("I"));
        assert_eq!(clean("Acme Corp.", EntityKind::Organization), "Acme");
        assert_eq!(
            clean("Acme Holdings, Inc.", EntityKind::Organization),
            "Acme Holdings"
        );
        assert_eq!(clean("Putin\u{2019}s", EntityKind::Person), "Putin");
        assert_eq!(
            clean("Presidents Obama", EntityKind::Person),
            "Obama",
            "a plural office"
        );
        assert_eq!(
            clean("Federal\n  Reserve", EntityKind::Organization),
            "Federal Reserve"
        );
        assert_eq!(clean("Mr. Smith", EntityKind::Person), "Smith");
        if ner::model().is_some() {
            let name = clean("HAROLD MACMILLAN", EntityKind::Person);
            assert!(
                name.starts_with("Harold M") && name.eq_ignore_ascii_case("harold macmillan"),
                "{name}"
            );
        }
    }
}

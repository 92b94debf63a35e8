//! Speaker mentions and their resolution. A mention is the noun phrase that names who speaks:
//! read leftwards from a cue ("Spokeswoman Haley Morris says"), or rightwards in inverted
//! attributions ("…," said Mr. Smith). Resolution maps it to the article's canonical PER/ORG
//! name: names through the entities (surnames to full names), pronouns to the nearest
//! compatible earlier speaker or person, role nouns ("the president") to the person the
//! article names with that title. It answers `None` rather than guess.

use super::View;
use super::lexicon::{
    is_abbreviation, is_article, is_cap, is_determiner, is_indefinite_pronoun, is_np_stop,
    is_one_of, is_place_preposition, is_possessive_determiner, is_role_noun, is_sentence_adverb,
    is_speaker_noun, is_subject_pronoun, is_title, is_topic_preposition, pronoun_feminine,
    title_feminine,
};
use super::names;
use crate::article::{Entity, EntityKind, Span};

use crate::extract::canon::extends;
use crate::extract::token::is_word;

/// A possessive clitic token: 's, ’s, or a bare apostrophe (Sanders').
fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’" | "'S" | "’S")
}

fn is_initial(w: &str) -> bool {
    w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// The noun phrase ending at token `head` (inclusive), read leftwards, not before token `lo`.
pub fn mention_left(v: &View, lo: usize, head: usize) -> Option<Span> {
    // "Sen. Marco Rubio (R-Fla.) said": the phrase runs on over a short parenthesis.
    let end = v.span(head).end;
    let head = match v.word(head) {
        ")" if !v.quoted(head) => (head.saturating_sub(6).max(lo)..head)
            .rev()
            .find(|&t| v.word(t) == "(")
            .and_then(|t| t.checked_sub(1))
            .filter(|&t| t >= lo)?,
        _ => head,
    };
    let w = v.word(head);
    if v.quoted(head) || !is_word(w) {
        return None;
    }
    // "Yet another said", "others wrote": an indefinite pronoun speaks for its group, unless
    // it ends a coordinated subject ("Roe and Dunn both said", "Smith and others said").
    let prev = if head > lo { v.word(head - 1) } else { "" };
    let coordinated = is_one_of(prev, &["and", "or"]) || is_cap(prev) && !is_sentence_adverb(prev);
    if is_subject_pronoun(w) || is_indefinite_pronoun(w) && !coordinated {
        return Some(v.span(head));
    }
    // "said Beck, who said …": the mention is the antecedent with its relative pronoun
    // (annotators mark either), resolved through the name inside it.
    if is_one_of(w, &["who"]) {
        let antecedent = head
            .checked_sub(2)
            .filter(|&t| t >= lo && v.word(t + 1) == ",")
            .and_then(|t| mention_left(v, lo, t))
            .filter(|a| !is_subject_pronoun(a.text(v.body)));
        return Some(Span::new(
            antecedent.map_or(v.span(head).start, |a| a.start),
            end,
        ));
    }
    // A phrase never ends with an article ("the last claim") or a stop word, unless that
    // is a name like "Will" before a finite cue.
    if (is_np_stop(w) && !super::lexicon::is_name_not_modal(w, v.word(head + 1))) || is_article(w) {
        return None;
    }
    let mut start = head;
    let mut lowers = 0;
    // A phrase opened by a determiner names a speaker whatever its head: "the board said",
    // "another supporter wrote".
    let mut opened_by_det = false;
    let mut k = head;
    while k > lo {
        k -= 1;
        let w = v.word(k);
        if v.quoted(k) {
            break;
        }
        if w == "." && k > lo && {
            let p = v.word(k - 1);
            is_abbreviation(p) || is_initial(p)
        } {
            continue;
        }
        if w == "-" || w == "&" || is_possessive(w) {
            continue;
        }
        if !is_word(w) {
            break;
        }
        if is_determiner(w) {
            start = k;
            // Not a possessive: "its main demands that …" is no speaker.
            opened_by_det = !is_possessive_determiner(w);
            break;
        }
        if is_cap(w) && !is_np_stop(w) {
            start = k;
            continue;
        }
        if is_one_of(w, &["of", "for"]) {
            continue;
        }
        if !is_cap(w) && !is_np_stop(w) && super::lexicon::cue_form(w).is_none() {
            lowers += 1;
            if lowers > 3 {
                break;
            }
            start = k;
            continue;
        }
        break;
    }
    let h = v.word(head);
    if !(is_cap(h) || is_speaker_noun(h) || is_title(h) || opened_by_det) {
        return None;
    }
    // "a man in the back yelled", "a staffer at the hearing wondered": a place phrase after
    // the speaker belongs to the speaker's phrase, not the other way round.
    // "a source speaking to Fox News said", "the Republican from Texas said": likewise.
    let possessive_det = is_one_of(v.word(start), &["his", "her", "their", "its", "our"]);
    if (opened_by_det || possessive_det || is_cap(v.word(start)))
        && start >= lo + 2
        && !v.quoted(start - 1)
        && is_place_preposition(v.word(start - 1))
        && let Some(outer) = mention_left(v, lo, start - 2)
        && !is_subject_pronoun(outer.text(v.body))
    {
        return Some(Span::new(outer.start, end));
    }
    // "A letter from the Legion obtained by The Associated Press warns": the phrase is the
    // noun before the participle and its agent.
    if start >= lo + 3
        && !v.quoted(start - 1)
        && is_one_of(v.word(start - 1), &["by"])
        && {
            let p = v.word(start - 2);
            p.len() > 4
                && (p.ends_with("ed") || p.ends_with("en"))
                && p.starts_with(|c: char| c.is_ascii_lowercase())
        }
        && let Some(outer) = mention_left(v, lo, start - 3)
        && !is_subject_pronoun(outer.text(v.body))
    {
        return Some(Span::new(outer.start, end));
    }
    Some(Span::new(v.span(start).start, end))
}

/// The noun phrase starting at token `first`, read rightwards, before token `hi`.
pub fn mention_right(v: &View, first: usize, hi: usize) -> Option<Span> {
    if first >= hi {
        return None;
    }
    let w = v.word(first);
    if v.quoted(first) || !is_word(w) {
        return None;
    }
    if is_subject_pronoun(w) {
        return Some(v.span(first));
    }
    // "said of Chaffetz's request": what follows is no speaker.
    if is_topic_preposition(w) {
        return None;
    }
    let mut end = None;
    let mut lowers = 0;
    let opened_by_det = is_determiner(w);
    // Whether the last word was a head (a name or a speaker noun): a plain lower-case word
    // after one is the verb ("Trump welcomed", "the senator closed"), not more of the phrase.
    let mut after_head = false;
    // "Clinton's introducer": the noun after a possessive heads the phrase.
    let mut after_possessive = false;
    let mut k = first;
    while k < hi {
        let w = v.word(k);
        if v.quoted(k) {
            break;
        }
        let possessed = std::mem::take(&mut after_possessive);
        if w == "." && k > first && {
            let p = v.word(k - 1);
            is_abbreviation(p) || is_initial(p)
        } {
            k += 1;
            continue;
        }
        if w == "-" || w == "&" || is_possessive(w) {
            after_head = false;
            after_possessive = is_possessive(w) && end.is_some();
            k += 1;
            continue;
        }
        if !is_word(w) {
            break;
        }
        // "said Will Doyle": a capitalised stop word before another name word is a name.
        let name_word = is_cap(w)
            && (!is_np_stop(w)
                || k + 1 < hi && is_cap(v.word(k + 1)) && !is_np_stop(v.word(k + 1)));
        if is_determiner(w) || name_word {
            end = Some(k);
            after_head = !is_determiner(w);
        } else if is_one_of(w, &["of", "for"]) && end.is_some() {
            // a connector inside the phrase: kept only if a word follows
            after_head = false;
        } else if opened_by_det && k == first + 1 && is_cap(w) {
            // "a Wednesday editorial": a capitalised modifier after the article.
            after_head = false;
        } else if !is_np_stop(w)
            && (super::lexicon::cue_form(w).is_none() || opened_by_det && is_speaker_noun(w))
        {
            // ("noted a report for Oxfam": after an article a cue form is a noun.)
            // "Blaze co-host": a hyphened word is a noun by its last part.
            let last = w.rsplit('-').next().unwrap_or(w);
            let noun = is_speaker_noun(last) || is_title(last);
            if after_head && !noun {
                break;
            }
            after_head = noun;
            // "said master of ceremonies Asab Al-Tabchi": lower-case words count once a
            // name, a determiner or a speaker noun shows the phrase is one.
            lowers += 1;
            if lowers > 4 {
                break;
            }
            if opened_by_det || possessed || noun {
                end = Some(k);
            }
        } else {
            break;
        }
        k += 1;
    }
    // A lone article names nobody: "pledged a “revolution”".
    end.filter(|&e| e > first || !is_article(v.word(first)))
        .map(|e| Span::new(v.span(first).start, v.span(e).end))
}

/// A person the article names, with what it says about them.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    feminine: Option<bool>,
    /// Mentions of this name carry both genders ("Mr. Khan" and "Ms. Khan"): it tells none.
    mixed: bool,
}

/// Resolves speaker mentions of one article to canonical names.
pub struct Resolver<'a> {
    body: &'a str,
    entities: &'a [Entity],
    people: Vec<Person>,
    /// Quoted spans (marks included): names inside them are not antecedents.
    quoted: Vec<Span>,
}

/// A canonical name without leading titles or a trailing possessive.
fn clean_name(name: &str) -> String {
    let name = name
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 {
        let w = words[0].trim_end_matches('.');
        if is_title(w) || is_one_of(w, &["the"]) {
            words.remove(0);
        } else {
            break;
        }
    }
    words.join(" ")
}

/// The speaker name of an entity: a person's canonical name without titles; an
/// organisation's or a place's as it is, since words such as "State" describe a person only
/// ("State Sen. Ray Holmberg", but "the State Department").
fn speaker_name(e: &Entity) -> String {
    if e.kind == EntityKind::Person {
        clean_name(&e.canonical)
    } else {
        e.canonical.clone()
    }
}

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

impl<'a> Resolver<'a> {
    pub fn new(body: &'a str, entities: &'a [Entity], quoted: Vec<Span>) -> Self {
        let mut people: Vec<Person> = Vec::new();
        for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
            let name = clean_name(&e.canonical);
            if name.is_empty() {
                continue;
            }
            // The word right before the mention (or its first) tells gender: "Mrs. Clinton",
            // "her son, Humayun Khan".
            let before = body[..e.span.start].trim_end().trim_end_matches(['.', ',']);
            let prev_word = super::lexicon::last_word(before);
            let first_in = e
                .span
                .text(body)
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let feminine = title_feminine(prev_word)
                .or_else(|| title_feminine(first_in))
                .or_else(|| names::first_name_feminine(name.split(' ').next().unwrap_or("")));
            match people.iter_mut().find(|p| p.name == name) {
                Some(p) => {
                    if feminine.is_some() && p.feminine.is_some() && feminine != p.feminine {
                        p.mixed = true;
                    }
                    p.feminine = if p.mixed {
                        None
                    } else {
                        p.feminine.or(feminine)
                    };
                }
                None => people.push(Person {
                    name,
                    feminine,
                    mixed: false,
                }),
            }
        }
        // A surname-only person takes the gender of the full name it stands for, and back,
        // when the article gives that surname to one full name only: "Mr. Khan" says nothing
        // of Ghazala Khan when Humayun Khan is named too.
        for i in 0..people.len() {
            if people[i].feminine.is_some() || people[i].mixed {
                continue;
            }
            let last = last_word(&people[i].name);
            let same_surname = || people.iter().filter(|p| last_word(&p.name) == last);
            if same_surname().filter(|p| p.name.contains(' ')).count() == 1 {
                people[i].feminine = same_surname().filter(|p| !p.mixed).find_map(|p| p.feminine);
            }
        }
        Resolver {
            body,
            entities,
            people,
            quoted,
        }
    }

    /// The full name for a (possibly partial) person name met at byte `at`: the longest person
    /// name of the article that extends it (its words in order, ending with the same word).
    /// When two people share it (Tony and Cherie Blair), the one the text is about at `at`:
    /// the one named last before it, else first after it; gender rules one out when known.
    fn full_name(&self, name: &str, feminine: Option<bool>, at: usize) -> String {
        let fits = |p: &&Person| {
            extends(name, &p.name)
                && !matches!((feminine, p.feminine), (Some(a), Some(b)) if a != b)
        };
        let candidates: Vec<&Person> = self.people.iter().filter(fits).collect();
        // Of names that extend one another ("Hillary Clinton", "Hillary Rodham Clinton") the
        // longest speaks for all; different people stay apart.
        let people: Vec<&Person> = candidates
            .iter()
            .copied()
            .filter(|p| !candidates.iter().any(|q| extends(&p.name, &q.name)))
            .collect();
        let distance = |p: &Person| {
            self.entities
                .iter()
                .filter(|e| e.kind == EntityKind::Person && clean_name(&e.canonical) == p.name)
                .map(|e| {
                    if e.span.start <= at {
                        (0, at - e.span.start)
                    } else {
                        (1, e.span.start - at)
                    }
                })
                .min()
                .unwrap_or((2, 0))
        };
        people
            .into_iter()
            .min_by_key(|p| distance(p))
            .map_or_else(|| name.to_string(), |p| p.name.clone())
    }

    /// Person for a name the article gives a person, else organisation.
    pub fn kind_of(&self, name: &str) -> EntityKind {
        if self.people.iter().any(|p| p.name == name) {
            EntityKind::Person
        } else {
            EntityKind::Organization
        }
    }

    fn gender_of(&self, name: &str) -> Option<bool> {
        self.people
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.feminine)
    }

    /// The canonical name for the mention `m`, with `previous` the speakers resolved so far
    /// (position, name, kind) for pronouns.
    pub fn resolve(&self, m: Span, previous: &[(usize, String, EntityKind)]) -> Option<String> {
        let text = m.text(self.body);
        // Entities inside the mention: the last person, else the last organisation, of the
        // phrase's head — before an appositive, a relative clause or a prepositional phrase
        // ("Tom Hale, an adviser to Jeb Bush", "Jeffrey Lewis of the Martin Center").
        let head_end = [", ", " of ", " at ", " for ", " from ", " with ", " who "]
            .iter()
            .filter_map(|sep| text.find(sep))
            .min()
            .map_or(m.end, |i| m.start + i);
        let inside = |kind| {
            let of_kind = |e: &&Entity| e.kind == kind && e.span.start >= m.start;
            self.entities
                .iter()
                .rfind(|e| of_kind(e) && e.span.end <= head_end)
                .or_else(|| {
                    self.entities
                        .iter()
                        .rfind(|e| of_kind(e) && e.span.end <= m.end)
                })
        };
        if let Some(e) = inside(EntityKind::Person) {
            let name = clean_name(&e.canonical);
            if !name.is_empty() {
                let before = &self.body[m.start..e.span.start];
                let title_g = before
                    .split(|c: char| !c.is_alphanumeric())
                    .rfind(|w| !w.is_empty())
                    .and_then(title_feminine)
                    .or_else(|| {
                        e.span
                            .text(self.body)
                            .split(|c: char| !c.is_alphanumeric())
                            .next()
                            .and_then(title_feminine)
                    });
                return Some(self.full_name(&name, title_g, e.span.start));
            }
        }
        // An organisation, else a place standing for its government ("the Kremlin said",
        // "Russia has insisted").
        if let Some(e) = inside(EntityKind::Organization).or_else(|| inside(EntityKind::Location)) {
            let name = speaker_name(e);
            if !name.is_empty() {
                return Some(name);
            }
        }
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.last().is_some_and(|w| is_one_of(w, &["who"])) {
            // The name right before ", who".
            let who = m.end.saturating_sub(3);
            let e = self.entities.iter().rev().find(|e| e.span.end <= who)?;
            let gap = self.body.get(e.span.end..who)?;
            if gap.trim() != "," || !matches!(e.kind, EntityKind::Person | EntityKind::Organization)
            {
                return None;
            }
            let name = speaker_name(e);
            return Some(if e.kind == EntityKind::Person {
                self.full_name(&name, None, e.span.start)
            } else {
                name
            });
        }
        // "It said", "the company said": the organisation that spoke last, as wire copy
        // refers to a company once named; not when another organisation or place is named
        // since ("the U.S. responded … Still, it signaled" is not the Kremlin's).
        if words.len() == 1 && is_one_of(words[0], &["it"])
            || words.len() == 2
                && is_one_of(words[0], &["the"])
                && is_one_of(words[1], &["company"])
        {
            let (pos, name, _) = previous
                .iter()
                .rev()
                .filter(|(pos, _, _)| *pos < m.start)
                .take(4)
                .find(|(_, _, kind)| *kind == EntityKind::Organization)?;
            let other_since = self.entities.iter().any(|e| {
                e.span.start > *pos
                    && e.span.end <= m.start
                    && matches!(e.kind, EntityKind::Organization | EntityKind::Location)
                    && speaker_name(e) != *name
            });
            return (!other_since).then(|| name.clone());
        }
        if words.len() == 1 && is_subject_pronoun(words[0]) {
            let fem = pronoun_feminine(words[0]);
            fem?; // they, we, I: not resolved
            return previous
                .iter()
                .rev()
                .filter(|(pos, _, kind)| *pos < m.start && *kind == EntityKind::Person)
                .take(4)
                .find(|(_, name, _)| self.gender_of(name).is_none_or(|g| Some(g) == fem))
                .map(|(_, name, _)| name.clone())
                .or_else(|| self.nearest_person(m.start, fem));
        }
        // "the president": the person the article names with that title.
        if words.first().is_some_and(|w| is_one_of(w, &["the"]))
            && let Some(role) = words.iter().rev().find(|w| is_role_noun(w))
        {
            return self.titled_person(role);
        }
        None
    }

    /// "The official said", "the statement said", "the ministry said": a definite phrase of
    /// lower-case words names whom the article last named with its head noun — an earlier
    /// speaker mention holding the noun ("a Texaco spokesman"), or followed by it in its clause
    /// ("the Finance Ministry said in a statement"), or an organisation whose name holds it
    /// ("the Central Bank").
    /// `earlier` holds the speaker mentions before, in text order, with their names; an
    /// antecedent that was not resolved leaves the phrase unresolved too.
    pub fn definite_antecedent(
        &self,
        m: Span,
        earlier: &[(Span, Option<String>)],
    ) -> Option<String> {
        let words: Vec<&str> = m.text(self.body).split_whitespace().collect();
        let [first, .., head] = words.as_slice() else {
            return None;
        };
        if !is_one_of(first, &["the"])
            || words.len() > 3
            || !words[1..]
                .iter()
                .all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        {
            return None;
        }
        // In a speaker's words the noun is the head ("a Texaco spokesman", "said in a
        // statement", "a U.S. Official", "Secretary of State Henry Kissinger"), not a
        // capitalised modifier of a lower-case noun ("Union secretary Ross Wilson"), which only
        // an organisation's own name answers for.
        let holds = |text: &str| {
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            words.iter().enumerate().any(|(i, w)| {
                *w == *head
                    || w.eq_ignore_ascii_case(head)
                        && words
                            .get(i + 1)
                            .is_none_or(|n| is_cap(n) || is_one_of(n, &["of", "for"]))
            })
        };
        let names = |text: &str| {
            text.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case(head))
        };
        let clause_after = |s: Span| {
            let rest = self.body.get(s.end..).unwrap_or("");
            let end = rest
                .char_indices()
                .take_while(|&(i, _)| i < 80)
                .find(|&(_, c)| matches!(c, '.' | ';' | '"' | '“' | '”'))
                .map_or(rest.len().min(80), |(i, _)| i);
            rest.get(..end).unwrap_or("")
        };
        let speaker = earlier
            .iter()
            .rev()
            .filter(|(s, _)| s.end <= m.start)
            .find(|(s, _)| holds(s.text(self.body)) || holds(clause_after(*s)));
        let organisation = self.entities.iter().rfind(|e| {
            e.kind == EntityKind::Organization
                && e.span.end <= m.start
                && names(e.span.text(self.body))
        });
        match (speaker, organisation) {
            // An organisation named in the speaker's phrase or after it: by its own name.
            (Some((s, _)), Some(e)) if e.span.start > s.start => Some(speaker_name(e)),
            (Some((_, name)), _) => name.clone(),
            (None, Some(e)) => Some(speaker_name(e)),
            (None, None) => None,
        }
    }

    /// The nearest person mentioned before `pos` outside quotes, of a compatible gender.
    fn nearest_person(&self, pos: usize, fem: Option<bool>) -> Option<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person && e.span.end <= pos)
            .filter(|e| {
                !self
                    .quoted
                    .iter()
                    .any(|q| q.start <= e.span.start && e.span.end <= q.end)
            })
            .rev()
            .take(6)
            .map(|e| {
                // A surname two people share is the one of the pronoun's gender ("Ebeling
                // … she said" beside Betsy and Tom Ebeling).
                let n = clean_name(&e.canonical);
                self.full_name(&n, fem, e.span.start)
            })
            .find(|n| self.gender_of(n).is_none_or(|g| Some(g) == fem))
    }

    /// The person written right after `role` as a title ("President Vladimir Putin").
    fn titled_person(&self, role: &str) -> Option<String> {
        let mut found: Option<String> = None;
        for e in self
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
        {
            let before = self.body[..e.span.start].trim_end();
            let prev = before
                .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
                .next()
                .unwrap_or("");
            let own_first = e.span.text(self.body).split(' ').next().unwrap_or("");
            if prev.eq_ignore_ascii_case(role) || own_first.eq_ignore_ascii_case(role) {
                let name = self.full_name(&clean_name(&e.canonical), None, e.span.start);
                match &found {
                    Some(f) if *f != name => return None, // two people hold it: ambiguous
                    _ => found = Some(name),
                }
            }
        }
        found
    }
}

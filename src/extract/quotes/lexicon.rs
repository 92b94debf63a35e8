//! Word lists for attribution: speech/report verbs in all their inflections, and the small
//! closed classes (auxiliaries, pronouns, titles, determiners) that the clause patterns need.
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

/// Whether `word` is in the long word list `list`, ignoring ASCII case: a hash set built
/// once, so that a lookup does not scan the list (these run for every token).
fn in_set(
    word: &str,
    cell: &'static OnceLock<HashSet<&'static str>>,
    list: &'static [&'static str],
) -> bool {
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| {
        cell.get_or_init(|| list.iter().copied().collect())
            .contains(w)
    })
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
            for w in list {
                m.insert(*w, form);
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
    is_one_of(
        word,
        &[
            "added",
            "adds",
            "continued",
            "continues",
            "reported",
            "reports",
            "stated",
            "noted",
            "notes",
            "called",
            "calls",
            "posted",
            "posts",
            "cited",
            "cites",
            "read",
            "reads",
            // "wrote legislation": an object, not words.
            "wrote",
            "writes",
            // "snapped a photo", "protested the decision", "swore an oath"
            "snapped",
            "protested",
            "lectured",
            "swore",
        ],
    )
}

/// Past and present tense forms, and past participles used in passives or perfects.
const FINITE: &[&str] = &[
    "said",
    "says",
    // Manner-of-speaking verbs.
    "fumed",
    "fumes",
    "mused",
    "muses",
    "opined",
    "opines",
    "scoffed",
    "scoffs",
    "snapped",
    "bragged",
    "brags",
    "chided",
    "chides",
    "pleaded",
    "pleads",
    "whispered",
    "whispers",
    "muttered",
    "mutters",
    "gushed",
    "gushes",
    "raved",
    "ranted",
    "grumbled",
    "grumbles",
    "groused",
    "griped",
    "gripes",
    "marveled",
    "marvelled",
    "marvels",
    "lectured",
    "affirmed",
    "affirms",
    "protested",
    "disagreed",
    "disagrees",
    "swore",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "written",
    "asked",
    "asks",
    "noted",
    "notes",
    "announced",
    "announces",
    "suggested",
    "suggests",
    "tweeted",
    "tweets",
    "argued",
    "argues",
    "explained",
    "explains",
    "accused",
    "accuses",
    "criticized",
    "criticizes",
    "criticised",
    "responded",
    "responds",
    "declared",
    "declares",
    "acknowledged",
    "acknowledges",
    "claimed",
    "claims",
    "warned",
    "warns",
    "insisted",
    "insists",
    "denied",
    "denies",
    "stated",
    "cited",
    "cites",
    "recalled",
    "recalls",
    "urged",
    "urges",
    "vowed",
    "vows",
    "promised",
    "promises",
    "replied",
    "replies",
    "admitted",
    "admits",
    "predicted",
    "predicts",
    "asserted",
    "asserts",
    "contended",
    "contends",
    "complained",
    "complains",
    "confirmed",
    "confirms",
    "described",
    "describes",
    "called",
    "calls",
    "reported",
    "reports",
    "continued",
    "continues",
    "defended",
    "defends",
    "praised",
    "praises",
    "questioned",
    "questions",
    "rejected",
    "rejects",
    "revealed",
    "reveals",
    "mentioned",
    "mentions",
    "emphasized",
    "emphasizes",
    "stressed",
    "stresses",
    "concluded",
    "concludes",
    "declined",
    "declines",
    "refused",
    "refuses",
    "agreed",
    "agrees",
    "reiterated",
    "reiterates",
    "observed",
    "observes",
    "pointed",
    "points",
    "joked",
    "jokes",
    "quipped",
    "quips",
    "boasted",
    "boasts",
    "conceded",
    "concedes",
    "countered",
    "counters",
    "lamented",
    "laments",
    "remarked",
    "remarks",
    "announced",
    "proclaimed",
    "proclaims",
    "posted",
    "blasted",
    "slammed",
    "mocked",
    "attacked",
    "charged",
    "alleged",
    "alleges",
    "disputed",
    "disputes",
    "testified",
    "testifies",
    "shouted",
    "yelled",
    "told",
    "informed",
    "reminded",
    "reminds",
    "assured",
    "assures",
    "believes",
    "believed",
    "thinks",
    "predicted",
    "estimated",
    "estimates",
    "wondered",
    "wonders",
    "speculated",
    "hinted",
    "signaled",
    "signalled",
    "indicated",
    "indicates",
    "endorsed",
    "endorses",
    "demanded",
    "demands",
    "threatened",
    "threatens",
    "pledged",
    "pledges",
    "read",
    "reads",
    "answered",
    "answers",
    "mocks",
    "retorted",
    "retorts",
    "exclaimed",
    "confessed",
    "confesses",
    "chanted",
    "barked",
    "surmised",
    "elaborated",
    "elaborates",
    "shouts",
    "yells",
    "interjected",
    "cautioned",
    "cautions",
    "recounted",
    "recounts",
    "retaliated",
];

const PARTICIPLE: &[&str] = &[
    "saying",
    "telling",
    "adding",
    "writing",
    "asking",
    "noting",
    "announcing",
    "suggesting",
    "tweeting",
    "arguing",
    "explaining",
    "accusing",
    "criticizing",
    "criticising",
    "responding",
    "declaring",
    "acknowledging",
    "claiming",
    "warning",
    "insisting",
    "denying",
    "stating",
    "citing",
    "recalling",
    "urging",
    "vowing",
    "promising",
    "replying",
    "admitting",
    "predicting",
    "asserting",
    "contending",
    "complaining",
    "confirming",
    "describing",
    "calling",
    "reporting",
    "defending",
    "praising",
    "questioning",
    "rejecting",
    "revealing",
    "mentioning",
    "emphasizing",
    "stressing",
    "concluding",
    "declining",
    "refusing",
    "reiterating",
    "observing",
    "pointing",
    "joking",
    "quipping",
    "boasting",
    "conceding",
    "countering",
    "lamenting",
    "remarking",
    "proclaiming",
    "posting",
    "blasting",
    "slamming",
    "mocking",
    "attacking",
    "charging",
    "alleging",
    "disputing",
    "testifying",
    "reminding",
    "assuring",
    "informing",
    "pledging",
    "demanding",
    "threatening",
    "signaling",
    "indicating",
    "answering",
    "retorting",
    "exclaiming",
    "chanting",
    "shouting",
    "cautioning",
    "recounting",
];

const BASE: &[&str] = &[
    "say",
    "tell",
    "write",
    "ask",
    "note",
    "suggest",
    "tweet",
    "argue",
    "explain",
    "accuse",
    "criticize",
    "respond",
    "declare",
    "acknowledge",
    "claim",
    "warn",
    "insist",
    "deny",
    "cite",
    "recall",
    "urge",
    "vow",
    "promise",
    "reply",
    "admit",
    "predict",
    "assert",
    "contend",
    "complain",
    "confirm",
    "describe",
    "report",
    "believe",
    "think",
    "agree",
    "concede",
    "allege",
    "estimate",
    "point",
    "stress",
    "emphasize",
    "reject",
    "question",
    "insist",
    "answer",
];

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

const AUX_OR_ADVERB: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "also",
    "later",
    "then",
    "previously",
    "recently",
    "repeatedly",
    "again",
    "once",
    "often",
    "frequently",
    "already",
    "reportedly",
    "allegedly",
    "publicly",
    "privately",
    "separately",
    "similarly",
    "simply",
    "bluntly",
    "flatly",
    "quickly",
    "angrily",
    "famously",
    "further",
    "even",
    "just",
    "only",
    "would",
    "will",
    "could",
    "might",
    "may",
    "can",
    "should",
    "did",
    "does",
    "do",
    "not",
    "never",
    "always",
    "still",
    "first",
    "last",
    "since",
    "long",
    "subsequently",
    "earlier",
    "since",
    "originally",
    "initially",
    "ultimately",
    "finally",
    "openly",
    "directly",
    "specifically",
    "explicitly",
    "correctly",
    "falsely",
    "wrongly",
    "rightly",
    "been",
];

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

const DETERMINER: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
    "some", "many", "several", "two", "three", "other", "another", "one", "most", "both", "all",
];

/// Abbreviations after which a period does not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, ABBREVIATION)
}

const ABBREVIATION: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "sens", "rep", "reps", "gov", "gen", "jr", "sr", "lt",
    "col", "capt", "sgt", "rev", "prof", "no", "inc", "corp", "co", "ltd", "vs", "jan", "feb",
    "aug", "sept", "sep", "oct", "nov", "dec", "ft", "mt", "adm", "maj", "pres", "gens", "messrs",
    "ariz", "calif", "fla", "mass", "conn", "penn", "wash", "mich", "minn", "ill", "ind", "tenn",
    "okla", "nev", "colo", "wis", "va", "ga", "la", "pa", "md", "mo", "ky", "ala", "ark", "del",
    "kan", "neb", "ore", "vt", "wyo", "lb", "lbs", "est", "approx", "etc", "al",
];

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

const TITLE: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "gen",
    "general",
    "president",
    "vice",
    "secretary",
    "minister",
    "prime",
    "chancellor",
    "mayor",
    "judge",
    "justice",
    "speaker",
    "leader",
    "chairman",
    "chairwoman",
    "congressman",
    "congresswoman",
    "former",
    "candidate",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "director",
    "attorney",
    "sheriff",
    "chief",
    "adm",
    "lt",
    "col",
    "capt",
    "sgt",
    "rev",
    "prof",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "lord",
    "sir",
    "dame",
    "madam",
    "democrat",
    "republican",
    "democratic",
    "presidential",
    "hopeful",
    "nominee",
    "state",
    "foreign",
    "u.s.",
    "sens",
    "reps",
    "gop",
    "first",
    "lady",
    "billionaire",
    "businessman",
    "host",
    "anchor",
    "commissioner",
    "councilman",
    "councilwoman",
    "president-elect",
    "mogul",
];

/// Office nouns that, with "the", point to the person the article names with that title.
pub fn is_role_noun(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, ROLE_NOUN)
}

const ROLE_NOUN: &[&str] = &[
    "president",
    "senator",
    "governor",
    "minister",
    "secretary",
    "mayor",
    "chancellor",
    "speaker",
    "congressman",
    "congresswoman",
    "candidate",
    "nominee",
    "chairman",
    "chairwoman",
    "director",
    "judge",
    "ambassador",
    "president-elect",
];

/// Words that end a noun phrase read leftwards from a cue: clause openers, conjunctions,
/// prepositions that do not sit inside names, verbs of being.
pub fn is_np_stop(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, NP_STOP)
}

const NP_STOP: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "while",
    "as",
    "because",
    "if",
    "but",
    "or",
    "nor",
    "so",
    "than",
    "then",
    "after",
    "before",
    "since",
    "where",
    "why",
    "how",
    "what",
    "although",
    "though",
    "until",
    "unless",
    "whether",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "not",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "into",
    "about",
    "during",
    "to",
    "over",
    "under",
    "against",
    "without",
    "through",
    "also",
    "and",
    "yet",
    "just",
    "even",
    "said",
    "says",
    "told",
    "according",
    "there",
    "here",
    "it's",
    "this",
    "last",
    "ago",
    "today",
    "yesterday",
    "tonight",
    "morning",
    "evening",
    "week",
    "year",
    "month",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "like",
    "unlike",
    "instead",
    "however",
    "meanwhile",
    "now",
    "too",
    "very",
];

/// Lower-case nouns that often head a speaker phrase ("a spokesman", "officials").
pub fn is_speaker_noun(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, SPEAKER_NOUN)
}

const SPEAKER_NOUN: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "official",
    "officials",
    "aide",
    "aides",
    "campaign",
    "advisers",
    "adviser",
    "advisor",
    "advisors",
    "staff",
    "statement",
    "report",
    "reports",
    "analysts",
    "analyst",
    "experts",
    "expert",
    "critics",
    "supporters",
    "voters",
    "sources",
    "source",
    "people",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "president",
    "senator",
    "governor",
    "candidate",
    "candidates",
    "nominee",
    "leaders",
    "leader",
    "poll",
    "polls",
    "survey",
    "study",
    "data",
    "group",
    "committee",
    "administration",
    "department",
    "agency",
    "police",
    "prosecutors",
    "investigators",
    "democrats",
    "republicans",
    "members",
    "member",
    "strategist",
    "strategists",
    "operative",
    "operatives",
    "observers",
    "residents",
    "organizers",
    "researchers",
    "economists",
    "scholars",
    "historians",
    "pollster",
    "pollsters",
    "reporters",
    "journalists",
    "writer",
    "columnist",
    "editor",
    "author",
    "authors",
    "man",
    "woman",
    "men",
    "women",
    "chairman",
    "chairwoman",
    "director",
    "secretary",
    "minister",
    "mayor",
    "judge",
    "court",
    "ruling",
    "memo",
    "letter",
    "document",
    "documents",
    "filing",
    "website",
    "ad",
    "email",
    "emails",
    "tweet",
    "post",
    "delegates",
    "lawmakers",
    "legislators",
    "senators",
    "congressman",
    "congresswoman",
    "representatives",
    "party",
    "team",
    "office",
    "officer",
    "officers",
    "friend",
    "friends",
    "son",
    "daughter",
    "wife",
    "husband",
    "father",
    "mother",
    "executive",
    "ceo",
    "founder",
    "manager",
    "chief",
    "speaker",
    "conservatives",
    "liberals",
    "activists",
    "protesters",
    "students",
    "americans",
    "others",
    "many",
    "some",
    "both",
    "neither",
    "everyone",
    "someone",
    "nobody",
    "government",
    "company",
    "organization",
    "network",
    "newspaper",
    "paper",
    "article",
    "story",
    "book",
    "release",
    "announcement",
    "anchor",
    "host",
    "moderator",
    "commentator",
    "pundit",
    "pundits",
    "insiders",
    "donors",
    "donor",
    "allies",
    "ally",
    "opponents",
    "opponent",
    "rival",
    "rivals",
    "diplomats",
];

/// Object pronouns and plain objects that "tell", "ask", "remind" take before their clause.
pub fn is_tell_object(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_set(word, &SET, TELL_OBJECT)
}

const TELL_OBJECT: &[&str] = &[
    "him",
    "her",
    "them",
    "me",
    "us",
    "you",
    "reporters",
    "supporters",
    "voters",
    "journalists",
    "listeners",
    "viewers",
    "readers",
    "audiences",
    "crowd",
    "audience",
    "it",
];

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

const ADJUNCT_OPENER: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "to",
    "from",
    "with",
    "via",
    "through",
    "while",
    "when",
    "last",
    "this",
    "late",
    "early",
    "earlier",
    "later",
    "recently",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "again",
    "also",
    "previously",
    "repeatedly",
    "publicly",
    "privately",
    "flatly",
    "bluntly",
    "simply",
    "once",
    "then",
    "now",
    "afterward",
    "afterwards",
    "onstage",
    "backstage",
    "here",
    "there",
    "by",
    "over",
    "under",
    "of",
    "about",
];

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

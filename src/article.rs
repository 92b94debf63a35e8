//! The types that flow through the pipeline: a [`Record`] read from a file, and the
//! [`Analysis`] that extraction derives from it. Offsets are byte offsets into `Record::body`
//! (always on char boundaries); output layers convert them to character offsets.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// One article as read from disk, before any extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Metadata id, else the path (plus `#N` for the N-th record of a multi-record file).
    pub id: String,
    /// The file this record came from, as given on the command line (lossy UTF-8).
    pub path: String,
    /// The headline, when the format gives one.
    pub title: Option<String>,
    /// The article's text, as read (after decoding); every span points into it.
    pub body: String,
    /// A date string from structured metadata (JSON field, HTML meta, header block), unparsed.
    pub date_meta: Option<RawDate>,
    /// A dateline such as "WASHINGTON, Feb 26 (Reuters) -", when the format carries it apart.
    pub dateline: Option<String>,
    /// The publication or agency, when the metadata names it.
    pub source: Option<String>,
    /// The article's address, when the metadata gives it.
    pub url: Option<String>,
    /// The byline, when the metadata gives it.
    pub author: Option<String>,
    /// The dates a web page states, unparsed, each with the place it was found (empty for
    /// other formats); `extract::page_date` chooses among them.
    pub page_dates: Vec<PageDate>,
}

/// A date string found on a web page and the place it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct PageDate {
    /// The date as written.
    pub text: String,
    /// Where it was found.
    pub cue: DateCue,
}

/// Where on a web page a date was stated, most reliable first (the order is the reliability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateCue {
    /// A publication date in metadata: `<meta>` tags, JSON-LD, microdata
    /// (`itemprop="datePublished"`), `<time pubdate>`.
    Published,
    /// The page's own URL (`<link rel="canonical">`, `og:url`): `/2019/03/12/…`.
    Url,
    /// Text of a byline or date element (class, id or itemprop naming a date, time, byline,
    /// meta line) outside comments and sidebars.
    Byline,
    /// Visible text just around the headline (a dateline, "Veröffentlicht am 12.03.2019").
    NearTitle,
    /// A `<time datetime>` outside comments and sidebars.
    TimeElement,
    /// The date of last modification in metadata (`article:modified_time`, `dateModified`).
    Modified,
    /// Text of a byline or date element before the headline: the site's header bar ("lun. 5
    /// août 2019 Édition du matin", today's date when the page was saved), a teaser above it.
    BylineBeforeTitle,
    /// A date anywhere in the article's visible text.
    PageText,
    /// A byline or date element inside a footer or share bar (not comments or lists of other
    /// articles): "Dieser Artikel wurde am 14. Dezember 2015 … veröffentlicht".
    MarkedBoilerplate,
    /// The path of the page's main image (`og:image`): `/files/2016/05/04/…`.
    ImageUrl,
    /// Any date in the text of a footer, aside or share bar (not comments or lists of other
    /// articles): "Copyright © 19.12.2019", `<aside>` "Datum 12.01.2017".
    BoilerplateText,
    /// Any date in the text of a sidebar (not its comments or lists of other articles): "Mise
    /// en ligne 23 mai 2019".
    SidebarText,
    /// Text of a link to the page's own URL (this article's teaser in a list of articles).
    OwnTeaser,
}

/// A date string and where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDate {
    /// The date as written.
    pub text: String,
    /// Where it was found.
    pub origin: DateSource,
}

/// Where a publication date came from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A structured field: a JSON `date`, an HTML meta tag.
    Metadata,
    /// A text file's header block (`Date: …`).
    Header,
    /// The dateline before the story ("WASHINGTON, Feb 26 (Reuters) -").
    Dateline,
    /// The file's path (`…/2016/10/05/…`).
    Path,
    /// The article's URL.
    Url,
    /// The article's text.
    Text,
}

/// A publication date: the instant (UTC, for the index) and how to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct PubDate {
    /// The instant, in UTC.
    pub utc: DateTime<Utc>,
    /// ISO 8601: `2022-02-01`, or a full RFC 3339 time with its original offset where known.
    pub display: String,
    /// Where the date came from.
    pub source: DateSource,
}

/// A byte range in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// The byte after the last one.
    pub end: usize,
}

impl Span {
    /// The bytes `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// Whether it holds no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// Its text in `body` (empty when it does not fit `body`).
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }
}

/// CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// A company, party, agency or other organisation.
    #[serde(rename = "ORG")]
    Organization,
    /// A place.
    #[serde(rename = "LOC")]
    Location,
    /// Any other name: nationalities, events, works.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityKind {
    /// The CoNLL tag: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
        }
    }
}

/// A named-entity mention with the article's canonical name for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The mention in the body.
    pub span: Span,
    /// Its type.
    pub kind: EntityKind,
    /// The fullest form in the article, aliases folded ("U.S." -> "United States").
    pub canonical: String,
}

/// Words in the text: a cue verb or a speaker mention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    /// The words in the body.
    pub span: Span,
}

/// A quote or a piece of reported speech.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// What is said, without its quotation marks.
    pub span: Span,
    /// Inside quotation marks (partial quotes too); false for reported speech.
    pub direct: bool,
    /// The verb or phrase that attributes it ("said", "according to").
    pub cue: Option<Mention>,
    /// The words that name or refer to the speaker ("he", "Mr. Putin").
    pub speaker_mention: Option<Mention>,
    /// The speaker resolved to a canonical name, or `None` rather than a guess.
    pub speaker: Option<String>,
}

/// Everything extraction derives from one record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// The publication date, when one was found.
    pub date: Option<PubDate>,
    /// The named entities, in body order.
    pub entities: Vec<Entity>,
    /// The quotes and reported speech, in body order.
    pub quotes: Vec<Quote>,
}

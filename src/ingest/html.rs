//! HTML pages: title, site name, the main text and every date the page states.
//!
//! Title: `og:title`, else `<title>`, else JSON-LD `headline`, else the first `<h1>`. Body: the
//! `trafilatura` crate's main text (readability fallback on) when it finds 250 characters or
//! more; else the `<p>`s of the `<article>` with the most paragraph text, else every `<p>`, else
//! the text runs of `<body>`, never inside script, style, nav, header, footer, aside or form;
//! either way without the paragraphs that are blocks of the page's marked boilerplate (nav,
//! aside, footer, classes naming comments, related articles, sharing, newsletters) or short
//! blocks mostly of link text (pointers to other pages: "Read also: …", related headlines).
//! Dates: every candidate with its cue (`DateCue`: publication metadata, JSON-LD, microdata,
//! the canonical URL, bylines, the text around the headline, `<time>`, modification metadata,
//! bylines before the headline, page text, last resorts: footers' and asides' date lines and
//! text), outside comments,
//! sidebars and lists of other articles (the headline's ancestors are never either);
//! `extract::page_date` chooses. A page with a title but no main text is still an article.
//! Trees are walked without recursion; pages nested over 1,000 elements deep are refused.

use std::collections::HashMap;

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::article::{DateCue, PageDate, Record};
use crate::ingest::{Parsed, Refusal};

/// Elements whose content is never article text (`rt`, `rp`: a ruby annotation's reading,
/// the furigana over 子ども, is not the text).
const EXCLUDED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "svg",
    "iframe",
    "head",
    "figcaption",
    "menu",
    "dialog",
    "rt",
    "rp",
];

/// Block elements that end a run of text in the fallback reader (pages without `<p>`).
const BLOCKS: &[&str] = &[
    "div",
    "section",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "p",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "tr",
    "main",
    "article",
    "body",
];

/// `<meta>` names of the publication date, most trusted first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "date_published",
    "published_time",
    "published-date",
    "published_date",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "pub_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date.published",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_online_date",
    "citation_date",
    "prism.publicationdate",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "rnews:datepublished",
    "cxenseparse:recs:publishtime",
    "article:post_date",
    "shareaholic:article_published_time",
    "og:regdate",
    "bt:pubdate",
    "displaydate",
    "datecreated",
    "date",
    "created",
    "release_date",
    "releasedate",
];

/// `<meta>` names of the date of last modification.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "date_modified",
    "dc.date.modified",
    "dcterms.modified",
    "shareaholic:article_modified_time",
    "last-modified",
    "lastmod",
    "modified",
    "revised",
    "updated",
];

/// Words in a `<meta>` name not listed above that say it holds the publication date
/// (`five_hundred_pixels:uploaded`, `zdf:publicationdate`, `dcterms:created`), unless a word
/// of [`NOT_PUBLISHED_META_WORDS`] is there too.
const PUBLISHED_META_WORDS: &[&str] = &[
    "publish",
    "publication",
    "pubdate",
    "upload",
    "created",
    "issued",
];

/// Words in a `<meta>` name not listed above that say it holds the date of last modification
/// (`dateupdate`, `article_updatetime`).
const MODIFIED_META_WORDS: &[&str] = &["modif", "updat"];

/// Words that keep a `<meta>` name from naming the publication date (`article:publisher`,
/// `lastpublisheddate`, `article:expiration_time`).
const NOT_PUBLISHED_META_WORDS: &[&str] =
    &["publisher", "last", "expir", "modif", "updat", "creator"];

/// JSON-LD keys holding dates, and what kind of date each is.
const JSON_LD_DATES: &[(&str, DateCue)] = &[
    ("datePublished", DateCue::Published),
    ("dateCreated", DateCue::Published),
    ("uploadDate", DateCue::Published),
    ("dateModified", DateCue::Modified),
];

/// Elements whose content is never the page's own text for dates.
const NOT_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "button", "select", "svg",
    "iframe", "head", "option", "textarea",
];

/// Parts of a class or id that mark boilerplate: comments, sidebars, lists of other articles.
const BOILERPLATE_MARKS: &[&str] = &[
    "comment",
    "sidebar",
    "related",
    "footer",
    "widget",
    "share",
    "social",
    "teaser",
    "recommend",
    "newsletter",
    "breadcrumb",
    "cookie",
    "advert",
    "promo",
    "popular",
    "mostread",
    "navigation",
    "menu",
    "reply",
];

/// Parts of a class or id that mark comments or lists of other articles, whose dates are never
/// the page's own, even as a last resort.
const OTHER_ARTICLES_MARKS: &[&str] = &[
    "comment",
    "reply",
    "sidebar",
    "related",
    "teaser",
    "recommend",
    "popular",
    "mostread",
    "widget",
    "newsletter",
    "navigation",
    "menu",
    "breadcrumb",
];

/// Parts of a class, id or itemprop that mark a byline or date line.
const DATE_MARKS: &[&str] = &[
    "date", "time", "byline", "posted", "publish", "datum", "dateline", "meta", "zeit", "fecha",
];

/// Reads an HTML page: one article (title, date and main text; see the module comment), its
/// bytes decoded in the encoding its `<meta>` declares when they are not UTF-8, and without stray
/// NUL bytes.
pub fn parse(display: &str, bytes: &[u8]) -> Parsed {
    let without_nuls: Vec<u8>;
    let bytes = if stray_nuls(bytes) {
        without_nuls = bytes.iter().copied().filter(|b| *b != 0).collect();
        &without_nuls
    } else {
        bytes
    };
    super::one_article(display, bytes, declared_encoding(bytes), read)
}

/// At most one NUL byte per this many bytes is a stray one: HTML parsers drop NULs (a parse error
/// in the HTML standard), so a page with a few is text, not binary data (a UTF-16 page without a
/// BOM is half NULs).
const STRAY_NUL_EVERY: usize = 1000;

fn stray_nuls(bytes: &[u8]) -> bool {
    let nuls = bytes.iter().filter(|b| **b == 0).count();
    nuls > 0 && nuls * STRAY_NUL_EVERY <= bytes.len()
}

/// How far into a page its `<meta>` encoding declaration is looked for (the HTML standard's
/// prescan reads 1,024 bytes; archived pages often have scripts injected before it).
const ENCODING_SCAN: usize = 64 * 1024;

/// The encoding the page's first `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=…">` names, read from the bytes (`charset` attributes of
/// scripts are the script's, not the page's).
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(ENCODING_SCAN)).unwrap_or(bytes);
    let head = head.to_ascii_lowercase();
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut rest = head.as_slice();
    while let Some(at) = find(rest, b"<meta") {
        let tag_and_after = rest.get(at..).unwrap_or_default();
        let end = tag_and_after
            .iter()
            .position(|&c| c == b'>')
            .unwrap_or(tag_and_after.len());
        let tag = tag_and_after.get(..end).unwrap_or_default();
        if let Some(c) = find(tag, b"charset=") {
            let value = tag.get(c + b"charset=".len()..).unwrap_or_default();
            let value = value
                .iter()
                .position(|c| !matches!(c, b'"' | b'\'' | b' '))
                .and_then(|start| value.get(start..))
                .unwrap_or_default();
            let len = value
                .iter()
                .position(|c| {
                    !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
                })
                .unwrap_or(value.len());
            if let Some(enc) = value.get(..len).and_then(encoding_rs::Encoding::for_label) {
                return Some(enc);
            }
        }
        rest = tag_and_after.get(end..).unwrap_or_default();
    }
    None
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// Whitespace runs collapsed to one space, ends trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `content` of `<meta>` tags by their `property`/`name`/`itemprop` (lower-cased).
fn metas(doc: &Html) -> Vec<(String, String)> {
    let Some(sel) = selector("meta") else {
        return Vec::new();
    };
    doc.select(&sel)
        .filter_map(|m| {
            let v = m.value();
            let key = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"))
                .or_else(|| v.attr("http-equiv"))?;
            let content = collapse(v.attr("content")?);
            (!content.is_empty()).then(|| (key.trim().to_ascii_lowercase(), content))
        })
        .collect()
}

fn meta<'a>(metas: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        metas
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    })
}

fn first_text(doc: &Html, sel: &str) -> Option<String> {
    let sel = selector(sel)?;
    doc.select(&sel)
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// JSON-LD objects' string field `key` (also inside `@graph` and arrays), found without
/// recursion.
fn json_ld(doc: &Html, key: &str) -> Option<String> {
    let sel = selector(r#"script[type="application/ld+json"]"#)?;
    for script in doc.select(&sel) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Object(o) => {
                    if let Some(found) = o.get(key) {
                        match found {
                            Value::String(s) if !s.trim().is_empty() => {
                                return Some(collapse(s));
                            }
                            Value::Object(inner) => {
                                if let Some(Value::String(s)) = inner.get("name") {
                                    return Some(collapse(s));
                                }
                            }
                            _ => {}
                        }
                    }
                    stack.extend(o.values().rev());
                }
                Value::Array(a) => stack.extend(a.iter().rev()),
                _ => {}
            }
        }
    }
    None
}

fn name(node: &Node) -> Option<&str> {
    node.as_element().map(|e| e.name())
}

/// One step of a depth-first walk over a subtree.
enum Step<'a> {
    /// Entering a node: the visitor returns whether to walk its children.
    Enter(NodeRef<'a, Node>),
    /// Leaving a node, after its children (the visitor's answer is ignored).
    Leave(NodeRef<'a, Node>),
}

/// Walks the subtree under `root` depth first without recursion (pages nest deeply), telling
/// `visit` of every node entered and left.
fn walk<'a>(root: NodeRef<'a, Node>, mut visit: impl FnMut(Step<'a>) -> bool) {
    let mut node = root;
    'walk: loop {
        if visit(Step::Enter(node))
            && let Some(child) = node.first_child()
        {
            node = child;
            continue;
        }
        // Leave `node` and every ancestor that has no next sibling.
        loop {
            visit(Step::Leave(node));
            if node == root {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(p) => node = p,
                None => break 'walk,
            }
        }
    }
}

/// The paragraphs under `root`, skipping excluded elements; with `paragraphs == false`, every
/// run of text between block elements instead (for pages without `<p>`).
fn collect(root: ElementRef<'_>, paragraphs: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut in_p = 0usize;
    let flush = |buf: &mut String, out: &mut Vec<String>| {
        let t = collapse(buf);
        if !t.is_empty() {
            out.push(t);
        }
        buf.clear();
    };
    walk(*root, |step| match step {
        Step::Enter(node) => {
            let value = node.value();
            let tag = name(value);
            if let Node::Text(t) = value
                && (!paragraphs || in_p > 0)
            {
                buf.push_str(t);
                buf.push(' ');
            }
            if paragraphs && tag == Some("p") {
                in_p += 1;
            }
            if !paragraphs && tag.is_some_and(|t| BLOCKS.contains(&t)) {
                flush(&mut buf, &mut out);
            }
            !tag.is_some_and(|t| EXCLUDED.contains(&t))
        }
        Step::Leave(node) => {
            let tag = name(node.value());
            if paragraphs && tag == Some("p") {
                in_p = in_p.saturating_sub(1);
                if in_p == 0 {
                    flush(&mut buf, &mut out);
                }
            }
            if !paragraphs && tag.is_some_and(|t| BLOCKS.contains(&t)) {
                flush(&mut buf, &mut out);
            }
            true
        }
    });
    flush(&mut buf, &mut out);
    out
}

/// The article's paragraphs: the `<article>` with the most paragraph text, else every `<p>`
/// of the page, else text runs of the page body.
fn body(doc: &Html) -> String {
    let articles = selector("article")
        .map(|s| doc.select(&s).collect::<Vec<_>>())
        .unwrap_or_default();
    let best = articles
        .into_iter()
        .map(|a| collect(a, true))
        .max_by_key(|ps| ps.iter().map(String::len).sum::<usize>())
        .filter(|ps| !ps.is_empty());
    let paragraphs = best.unwrap_or_else(|| {
        let all = collect(doc.root_element(), true);
        if all.is_empty() {
            let body = selector("body").and_then(|s| doc.select(&s).next());
            body.map(|b| collect(b, false)).unwrap_or_default()
        } else {
            all
        }
    });
    paragraphs.join("\n\n")
}

/// Pages nested deeper than this are refused: html5ever's tree building is quadratic in the
/// nesting depth, and no real page comes near it.
const MAX_DEPTH: usize = 1000;

/// Pages nested deeper than this are read by the hand-written reader alone: the crate walks the
/// tree recursively, and a thread's stack must hold it.
const CRATE_MAX_DEPTH: usize = 256;

/// Elements that never hold content or close themselves implicitly, so sloppy pages that leave
/// them open do not look deep.
const NO_DEPTH: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "option", "td", "th", "tr", "dt", "dd", "param",
];

/// A cheap estimate of the deepest element nesting, from the tags alone.
fn nesting_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            end += 1;
        }
        if end == start {
            continue;
        }
        let tag = text.get(start..end).unwrap_or("").to_ascii_lowercase();
        if NO_DEPTH.contains(&tag.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let gt = b.get(end..).and_then(|r| r.iter().position(|&c| c == b'>'));
            let self_closing = gt.is_some_and(|g| g > 0 && b.get(end + g - 1) == Some(&b'/'));
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// Shorter crate output is not trusted (on a tiny page its fallback keeps navigation): the
/// hand-written reader reads the page instead.
const MIN_CRATE_TEXT: usize = 250;

/// The main text as the `trafilatura` crate finds it (its readability fallback on, ruby
/// readings pruned first), one paragraph per block of its output; `None` when it finds nothing
/// or fails.
fn main_text(html: &str) -> Option<String> {
    let opts = trafilatura::Options::default()
        .with_fallback(true)
        .with_prune_selector("rt, rp");
    let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        trafilatura::extract(html, &opts)
    }))
    .ok()?
    .ok()?;
    let fragment = Html::parse_fragment(&found.content_html);
    let text = collect(fragment.root_element(), false).join("\n\n");
    (text.trim().len() >= MIN_CRATE_TEXT).then_some(text)
}

/// What the page's markup says of one of its text blocks (as [`collect`] splits text at block
/// elements), over every place the same text appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BlockKind {
    /// Inside the page's marked boilerplate somewhere: `<nav>`, `<aside>`, `<footer>`, or an
    /// element whose class or id names comments, related articles, sharing, newsletters,
    /// teasers (`BOILERPLATE_MARKS`), never the headline or its ancestors.
    boilerplate: bool,
    /// A pointer to another page everywhere it appears (see [`is_pointer`]).
    pointer: bool,
}

/// A share of a block's characters inside links from which a short block is a pointer to
/// another page ("Read also: <a>…</a>", a related headline), in tenths. Chosen on webtext/
/// (0.5-0.7 with 15-25 to 120-300 characters all give F1 0.921-0.922 on both halves).
const POINTER_LINK_TENTHS: usize = 6;

/// Characters (not counting spaces) of a block that may be a pointer: shorter is a label or
/// a name, longer is a paragraph with links in it.
const POINTER_CHARS: std::ops::Range<usize> = 20..150;

/// Named pattern `pointer_block`: a short block whose text is mostly inside links, outside a
/// table cell (tables of products or results link their names): "Lea también: <a>Impiden
/// ingreso a Nicaragua…</a>", "<h2><a>Alcaldía de Panamá licita…</a></h2>" in a list of other
/// stories. `chars` and `link_chars` count characters other than spaces.
fn is_pointer(chars: usize, link_chars: usize, in_cell: bool) -> bool {
    !in_cell && POINTER_CHARS.contains(&chars) && link_chars * 10 >= chars * POINTER_LINK_TENTHS
}

/// The page's text blocks and what its markup says of each ([`BlockKind`]), in one walk.
fn page_blocks(doc: &Html, headline: &[ego_tree::NodeId]) -> HashMap<String, BlockKind> {
    /// The block being read.
    #[derive(Default)]
    struct Open {
        text: String,
        chars: usize,
        link_chars: usize,
    }
    let mut out: HashMap<String, BlockKind> = HashMap::new();
    let mut open = Open::default();
    let mut links = 0usize;
    // The marked boilerplate elements and the block elements the walk is inside.
    let mut marked: Vec<ego_tree::NodeId> = Vec::new();
    let mut blocks: Vec<&str> = Vec::new();
    let mut flush = |open: &mut Open, in_boilerplate: bool, in_cell: bool| {
        let text = collapse(&open.text);
        if !text.is_empty() {
            let pointer = is_pointer(open.chars, open.link_chars, in_cell);
            let kind = out.entry(text).or_insert(BlockKind {
                boilerplate: in_boilerplate,
                pointer,
            });
            kind.boilerplate |= in_boilerplate;
            kind.pointer &= pointer;
        }
        *open = Open::default();
    };
    let in_cell = |blocks: &[&str]| blocks.last().is_some_and(|t| matches!(*t, "td" | "th"));
    walk(*doc.root_element(), |step| match step {
        Step::Enter(node) => match node.value() {
            Node::Text(t) => {
                open.text.push_str(t);
                open.text.push(' ');
                let chars = t.chars().filter(|c| !c.is_whitespace()).count();
                open.chars += chars;
                if links > 0 {
                    open.link_chars += chars;
                }
                true
            }
            Node::Element(e) => {
                let tag = e.name();
                if NOT_TEXT.contains(&tag) && !matches!(tag, "nav" | "aside" | "footer") {
                    return false;
                }
                let structural = matches!(tag, "html" | "body" | "main" | "article")
                    || headline.contains(&node.id());
                let is_marked = !structural
                    && (matches!(tag, "nav" | "aside" | "footer") || boilerplate_marked(e));
                let is_block = BLOCKS.contains(&tag);
                if is_block || is_marked {
                    flush(&mut open, !marked.is_empty(), in_cell(&blocks));
                }
                if is_marked {
                    marked.push(node.id());
                }
                if is_block {
                    blocks.push(tag);
                }
                if tag == "a" {
                    links += 1;
                }
                true
            }
            _ => true,
        },
        Step::Leave(node) => {
            if let Node::Element(e) = node.value() {
                let tag = e.name();
                let closes_mark = marked.last() == Some(&node.id());
                let is_block = BLOCKS.contains(&tag);
                if is_block || closes_mark {
                    flush(&mut open, !marked.is_empty(), in_cell(&blocks));
                }
                if closes_mark {
                    marked.pop();
                }
                if is_block {
                    blocks.pop();
                }
                if tag == "a" {
                    links = links.saturating_sub(1);
                }
            }
            true
        }
    });
    flush(&mut open, !marked.is_empty(), in_cell(&blocks));
    out
}

/// The body without the paragraphs that are blocks of the page's marked boilerplate (a
/// "Related Coverage" label, a newsletter box the extractor kept) or pointers to other pages
/// ([`is_pointer`]), unless that would drop half of it.
fn without_boilerplate(body: String, blocks: &HashMap<String, BlockKind>) -> String {
    let kept: Vec<&str> = body
        .split("\n\n")
        .filter(|p| !blocks.get(*p).is_some_and(|k| k.boilerplate || k.pointer))
        .collect();
    if kept.iter().map(|p| p.len()).sum::<usize>() * 2 < body.len() {
        return body;
    }
    kept.join("\n\n")
}

/// The lower-cased words of an element's class names and id (split at `-` and `_`), one list
/// per name, with its itemprop when `with_itemprop`.
fn name_words(e: &scraper::node::Element, with_itemprop: bool) -> Vec<Vec<String>> {
    let itemprop = with_itemprop.then(|| e.attr("itemprop")).flatten();
    let names = e.attr("class").unwrap_or("").split_whitespace();
    names
        .chain(e.attr("id"))
        .chain(itemprop)
        .map(|n| {
            n.split(['-', '_'])
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        })
        .collect()
}

/// A word names a mark when it is the mark, or the mark with a plural or camel-case tail
/// ("comments", "commentList", "datePublished").
fn names_mark(word: &str, marks: &[&str]) -> bool {
    marks.iter().any(|m| {
        word.strip_prefix(m).is_some_and(|rest| {
            rest.is_empty() || rest == "s" || !rest.starts_with(char::is_lowercase)
        }) || word == *m
    })
}

/// A byline or date element: a class, id or itemprop word naming a date, time, byline or meta
/// line, or a name containing one ("entry-date", "postdate", "datePublished").
fn date_marked(e: &scraper::node::Element) -> bool {
    let itemprop = e.attr("itemprop").unwrap_or("").to_ascii_lowercase();
    itemprop.contains("date")
        || name_words(e, false)
            .iter()
            .flatten()
            .any(|w| DATE_MARKS.iter().any(|m| w.contains(m)) && !w.contains("update"))
}

/// Words of a class or id that name the article itself (`post`, `entry-content`).
const CONTENT_WORDS: &[&str] = &[
    "content", "main", "article", "body", "post", "entry", "hentry", "blog", "story",
];

/// An element one of whose class or id names is made of content words only: Blogger's posts sit
/// in `<div class="widget Blog">`, which is no widget.
fn content_named(e: &scraper::node::Element) -> bool {
    name_words(e, false)
        .iter()
        .any(|words| !words.is_empty() && words.iter().all(|w| CONTENT_WORDS.contains(&w.as_str())))
}

/// Boilerplate: a class or id word naming comments, sidebars, related articles, sharing
/// (`post-comments`, `sidebar`), unless the same name also says it is the content or a date,
/// or another of its names is the content alone.
fn boilerplate_marked(e: &scraper::node::Element) -> bool {
    if content_named(e) {
        return false;
    }
    name_words(e, false).iter().any(|words| {
        let content = words.iter().any(|w| {
            matches!(w.as_str(), "content" | "main" | "article" | "body")
                || DATE_MARKS.iter().any(|m| w.contains(m))
        });
        !content && words.iter().any(|w| names_mark(w, BOILERPLATE_MARKS))
    })
}

/// The page's headline element and its ancestors: the first `<h1>` whose text the title holds
/// (or that holds the title), else the first `<h1>`. None of them is a sidebar, a menu or a list
/// of other articles, whatever its class says (`mainwrap sidebar`,
/// `gallery--wrapper__with-sidebar`, `navigation-overlay-wrapper`).
fn headline_path(doc: &Html, title: Option<&str>) -> Vec<ego_tree::NodeId> {
    let Some(sel) = selector("h1") else {
        return Vec::new();
    };
    let h1s: Vec<ElementRef> = doc.select(&sel).collect();
    let title = title.map(str::to_lowercase).unwrap_or_default();
    let names_title = |e: &&ElementRef| {
        let t = collapse(&e.text().collect::<String>()).to_lowercase();
        !t.is_empty() && !title.is_empty() && (title.contains(&t) || t.contains(&title))
    };
    let Some(h1) = h1s.iter().find(names_title).or(h1s.first()) else {
        return Vec::new();
    };
    h1.ancestors().map(|a| a.id()).chain([h1.id()]).collect()
}

/// Longest text of one footer, aside or share bar kept for a last-resort date, and how many.
const MAX_REGION_TEXT: usize = 3000;
const MAX_REGIONS: usize = 20;

/// Dated places inside boilerplate that is not comments or other articles (footers, asides,
/// share bars), for a last-resort date: the texts of byline and date elements there, and each
/// region's whole text.
#[derive(Default)]
struct BoilerplateDates {
    marked: Vec<String>,
    regions: Vec<String>,
}

fn marked_in_boilerplate(doc: &Html, headline: &[ego_tree::NodeId]) -> BoilerplateDates {
    let mut out = BoilerplateDates::default();
    // The boilerplate elements the walk is inside, the date element being read, and the text
    // of the outermost boilerplate region so far.
    let mut boilerplate = Vec::new();
    let mut open = None;
    let mut region = String::new();
    walk(*doc.root_element(), |step| match step {
        Step::Enter(node) => {
            let e = match node.value() {
                Node::Element(e) => e,
                Node::Text(t) => {
                    if !boilerplate.is_empty() && region.len() < MAX_REGION_TEXT {
                        region.push_str(t);
                    }
                    return true;
                }
                _ => return true,
            };
            let tag = e.name();
            let structural = matches!(tag, "html" | "body" | "main" | "article")
                || headline.contains(&node.id());
            if NOT_TEXT.contains(&tag) && tag != "footer" && tag != "aside" {
                return false;
            }
            let other = !content_named(e)
                && name_words(e, false)
                    .iter()
                    .flatten()
                    .any(|w| names_mark(w, OTHER_ARTICLES_MARKS));
            if other && !structural {
                return false;
            }
            if tag == "footer" || tag == "aside" || (!structural && boilerplate_marked(e)) {
                boilerplate.push(node);
            }
            if !boilerplate.is_empty() && open.is_none() && (tag == "time" || date_marked(e)) {
                let text: String = ElementRef::wrap(node)
                    .map(|r| r.text().collect())
                    .unwrap_or_default();
                let text = collapse(&text);
                if !text.is_empty() && out.marked.len() < 20 {
                    out.marked.push(text.chars().take(300).collect());
                }
                open = Some(node);
            }
            if !boilerplate.is_empty() && BLOCKS.contains(&tag) {
                region.push('\n');
            }
            true
        }
        Step::Leave(node) => {
            if boilerplate.last() == Some(&node) {
                boilerplate.pop();
                if boilerplate.is_empty() {
                    let text = collapse(slice(&region, 0, MAX_REGION_TEXT));
                    if !text.is_empty() && out.regions.len() < MAX_REGIONS {
                        out.regions.push(text);
                    }
                    region.clear();
                }
            } else if !boilerplate.is_empty()
                && name(node.value()).is_some_and(|t| BLOCKS.contains(&t))
            {
                region.push('\n');
            }
            if open == Some(node) {
                open = None;
            }
            true
        }
    });
    out
}

/// The text of each sidebar (a class or id naming one: `sidebar`, `podcast-description__sidebar`),
/// without the comments and lists of other articles inside it, for a date when the page states
/// none elsewhere: some pages put their byline there ("Mise en ligne 23 mai 2019", a `<time>`
/// beside the headline) or wrap the whole page in one (`mainwrap single-default sidebar`).
fn sidebar_texts(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    let mut open = None;
    let mut text = String::new();
    walk(*doc.root_element(), |step| match step {
        Step::Enter(node) => match node.value() {
            Node::Text(t) => {
                if open.is_some() && text.len() < MAX_REGION_TEXT {
                    text.push_str(t);
                }
                true
            }
            Node::Element(e) => {
                if NOT_TEXT.contains(&e.name()) {
                    return false;
                }
                let words = name_words(e, false);
                let names = |marks: &[&str]| words.iter().flatten().any(|w| names_mark(w, marks));
                let sidebar = names(&["sidebar"]);
                if open.is_none() {
                    if sidebar && out.len() < MAX_REGIONS {
                        open = Some(node);
                    }
                    return true;
                }
                if !sidebar && !content_named(e) && names(OTHER_ARTICLES_MARKS) {
                    return false;
                }
                if BLOCKS.contains(&e.name()) {
                    text.push('\n');
                }
                true
            }
            _ => true,
        },
        Step::Leave(node) => {
            if open == Some(node) {
                let t = collapse(slice(&text, 0, MAX_REGION_TEXT));
                if !t.is_empty() {
                    out.push(t);
                }
                text.clear();
                open = None;
            } else if open.is_some() && name(node.value()).is_some_and(|t| BLOCKS.contains(&t)) {
                text.push('\n');
            }
            true
        }
    });
    out
}

/// The visible text of a page for date finding, without boilerplate (comments, sidebars,
/// navigation): the whole text, the byline and date elements' texts, where the first `<h1>`
/// starts and ends in it, and the `datetime` of `<time>` elements.
#[derive(Default)]
struct VisibleText {
    text: String,
    /// Each byline's text and where it starts in `text`.
    bylines: Vec<(usize, String)>,
    h1: Option<(usize, usize)>,
    times: Vec<String>,
}

/// How much visible text just before the headline (a kicker line: "Sport | 02.02.2022") and
/// just after it (the dateline) is read for the header's date, in characters. Chosen on
/// htmldate/ (before / after 0/100, 0/300, 40/100, 80/100, 80/200, 150/100, 150/150: 80/100
/// best on both halves); longer windows after reach the article's own sentences ("the rules
/// in force since 28.01.2022").
const NEAR_TITLE_BEFORE: usize = 80;
const NEAR_TITLE_AFTER: usize = 100;

/// The visible text around the headline at `start..end` of `text` (the headline itself left
/// out, so a date in it is no dateline): the last [`NEAR_TITLE_BEFORE`] characters before it and
/// the first [`NEAR_TITLE_AFTER`] after it, joined by " | " (no sentence runs across).
fn near_title(text: &str, start: usize, end: usize) -> String {
    let before = collapse(slice(
        text,
        start.saturating_sub(4 * NEAR_TITLE_BEFORE),
        start,
    ));
    let skip = before.chars().count().saturating_sub(NEAR_TITLE_BEFORE);
    let before: String = before.chars().skip(skip).collect();
    let after: String = collapse(slice(text, end, end + 4 * NEAR_TITLE_AFTER))
        .chars()
        .take(NEAR_TITLE_AFTER)
        .collect();
    match (before.is_empty(), after.is_empty()) {
        (true, _) => after,
        (false, true) => before,
        (false, false) => format!("{before} | {after}"),
    }
}

/// Visible text kept for date finding (bytes of text nodes that are not whitespace only).
const MAX_VISIBLE: usize = 200_000;

fn visible_text(doc: &Html, headline: &[ego_tree::NodeId]) -> VisibleText {
    let mut out = VisibleText::default();
    let root = doc.root_element();
    // The node that opened the current byline, and where its text starts.
    let mut byline = None;
    let mut h1_open = None;
    // Whether the last step left an element: sibling elements with no text between them are
    // separate words (`<span>28.09.19</span><span>12:44</span>`, `<span>18</span><span>2009</span>`).
    let mut after_element = false;
    // Bytes of text nodes that are more than whitespace.
    let mut words = 0;
    walk(*root, |step| match step {
        Step::Enter(node) => match node.value() {
            Node::Text(t) => {
                // Indentation between elements does not count against the limit (some pages
                // indent hundreds of kilobytes of markup before the article).
                if words < MAX_VISIBLE {
                    out.text.push_str(t);
                    if !t.trim().is_empty() {
                        words += t.len();
                    }
                }
                after_element = false;
                true
            }
            Node::Element(e) => {
                if after_element {
                    out.text.push(' ');
                    after_element = false;
                }
                let tag = e.name();
                let structural = matches!(tag, "html" | "body" | "main" | "article")
                    || headline.contains(&node.id());
                if NOT_TEXT.contains(&tag) || (!structural && boilerplate_marked(e)) {
                    return false;
                }
                if tag == "time"
                    && let Some(dt) = e.attr("datetime")
                {
                    out.times.push(dt.to_string());
                }
                if byline.is_none() && (tag == "time" || date_marked(e)) {
                    byline = Some((node, out.text.len()));
                }
                if tag == "h1" && out.h1.is_none() && h1_open.is_none() {
                    h1_open = Some((node, out.text.len()));
                }
                if BLOCKS.contains(&tag) || tag == "p" {
                    out.text.push('\n');
                }
                true
            }
            _ => true,
        },
        Step::Leave(node) => {
            if let Node::Element(e) = node.value() {
                after_element = true;
                if BLOCKS.contains(&e.name()) || e.name() == "p" {
                    out.text.push('\n');
                }
                if let Some((opened, start)) = byline
                    && opened == node
                {
                    let t = out.text.get(start..).unwrap_or("");
                    let t = collapse(t);
                    if !t.is_empty() && out.bylines.len() < 20 {
                        out.bylines.push((start, t.chars().take(300).collect()));
                    }
                    byline = None;
                }
                if let Some((opened, start)) = h1_open
                    && opened == node
                {
                    out.h1 = Some((start, out.text.len()));
                    h1_open = None;
                }
            }
            true
        }
    });
    out
}

/// `s[from..to]` with both ends moved back onto char boundaries.
fn slice(s: &str, from: usize, to: usize) -> &str {
    let fix = |mut i: usize| {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    s.get(fix(from)..fix(to)).unwrap_or("")
}

/// A date key's string values in JSON-LD text that does not parse as JSON.
fn raw_json_values(text: &str, key: &str, cue: DateCue, out: &mut Vec<PageDate>) {
    let quoted = format!("\"{key}\"");
    for (i, _) in text.match_indices(&quoted) {
        let rest = text.get(i + quoted.len()..).unwrap_or("").trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        if let Some(end) = rest.find('"') {
            push(out, rest.get(..end).unwrap_or(""), cue);
        }
    }
}

fn push(out: &mut Vec<PageDate>, text: &str, cue: DateCue) {
    let text = collapse(text);
    if !text.is_empty() && text.len() <= 200 {
        out.push(PageDate { text, cue });
    }
}

/// Dates in JSON-LD (also inside `@graph` and arrays), walked without recursion; comments'
/// and reviews' dates are not the page's.
fn json_ld_dates(doc: &Html, out: &mut Vec<PageDate>) {
    let Some(sel) = selector(r#"script[type="application/ld+json"]"#) else {
        return;
    };
    for script in doc.select(&sel) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            for (key, cue) in JSON_LD_DATES {
                raw_json_values(&text, key, *cue, out);
            }
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Object(o) => {
                    let kind = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
                    if kind.contains("Comment") || kind.contains("Review") {
                        continue;
                    }
                    for (key, cue) in JSON_LD_DATES {
                        if let Some(Value::String(d)) = o.get(*key) {
                            push(out, d, *cue);
                        }
                    }
                    stack.extend(o.values().rev());
                }
                Value::Array(a) => stack.extend(a.iter().rev()),
                _ => {}
            }
        }
    }
}

/// Every date the page states, each with its cue (`extract::page_date` chooses).
fn page_dates(
    doc: &Html,
    metas: &[(String, String)],
    url: Option<&str>,
    headline: &[ego_tree::NodeId],
) -> Vec<PageDate> {
    let mut out = Vec::new();
    for key in PUBLISHED_META {
        for (k, v) in metas {
            if k == key {
                push(&mut out, v, DateCue::Published);
            }
        }
    }
    for (k, v) in metas {
        if k == "parsely-page" {
            raw_json_values(v, "pub_date", DateCue::Published, &mut out);
        }
    }
    json_ld_dates(doc, &mut out);
    let unlisted = |k: &str, words: &[&str]| {
        !PUBLISHED_META.contains(&k)
            && !MODIFIED_META.contains(&k)
            && words.iter().any(|w| k.contains(w))
    };
    // Microdata and the old `pubdate` / hAtom markers on elements.
    if let Some(sel) = selector("[itemprop], time[pubdate], abbr.published, .published[title]") {
        for e in doc.select(&sel) {
            let v = e.value();
            if v.name() == "meta" {
                continue;
            }
            let prop = v.attr("itemprop").unwrap_or("").to_ascii_lowercase();
            let cue = match prop.as_str() {
                "datepublished" | "datecreated" => DateCue::Published,
                "datemodified" => DateCue::Modified,
                "" => DateCue::Published,
                _ => continue,
            };
            let text: String;
            let value = match v.attr("content").or(v.attr("datetime")).or(v.attr("title")) {
                Some(a) => a,
                None => {
                    text = e.text().collect();
                    &text
                }
            };
            push(&mut out, value, cue);
        }
    }
    for (k, v) in metas {
        let dublin_core_date = matches!(k.as_str(), "dc:date" | "dcterms:date");
        let named = unlisted(k, PUBLISHED_META_WORDS)
            && !NOT_PUBLISHED_META_WORDS.iter().any(|w| k.contains(w));
        if dublin_core_date || named {
            push(&mut out, v, DateCue::Published);
        }
    }
    for key in MODIFIED_META {
        for (k, v) in metas {
            if k == key {
                push(&mut out, v, DateCue::Modified);
            }
        }
    }
    for (k, v) in metas {
        if unlisted(k, MODIFIED_META_WORDS) && !k.contains("expir") {
            push(&mut out, v, DateCue::Modified);
        }
    }
    if let Some(u) = url {
        push(&mut out, u, DateCue::Url);
    }
    for (k, v) in metas {
        if k == "og:url" || k == "twitter:url" {
            push(&mut out, v, DateCue::Url);
        }
    }
    let seen = visible_text(doc, headline);
    for (at, b) in &seen.bylines {
        let before_title = seen.h1.is_some_and(|(start, _)| *at < start);
        let cue = if before_title {
            DateCue::BylineBeforeTitle
        } else {
            DateCue::Byline
        };
        push(&mut out, b, cue);
    }
    if let Some((start, end)) = seen.h1 {
        let near = near_title(&seen.text, start, end);
        if !near.is_empty() {
            out.push(PageDate {
                text: near,
                cue: DateCue::NearTitle,
            });
        }
    }
    for t in &seen.times {
        push(&mut out, t, DateCue::TimeElement);
    }
    let boilerplate = marked_in_boilerplate(doc, headline);
    for b in &boilerplate.marked {
        push(&mut out, b, DateCue::MarkedBoilerplate);
    }
    for (k, v) in metas {
        if k == "og:image" || k == "twitter:image" {
            push(&mut out, v, DateCue::ImageUrl);
        }
    }
    let from_title = seen.h1.map_or(0, |(start, _)| start);
    for text in [slice(&seen.text, from_title, seen.text.len()), &seen.text] {
        if !text.trim().is_empty() {
            out.push(PageDate {
                text: text.to_string(),
                cue: DateCue::PageText,
            });
        }
    }
    for text in &boilerplate.regions {
        out.push(PageDate {
            text: text.clone(),
            cue: DateCue::BoilerplateText,
        });
    }
    for text in sidebar_texts(doc) {
        out.push(PageDate {
            text,
            cue: DateCue::SidebarText,
        });
    }
    if let Some(u) = url {
        for text in links_to_itself(doc, u) {
            push(&mut out, &text, DateCue::OwnTeaser);
        }
    }
    out
}

/// The path of a URL or link (`https://x.org/a/b/?q#f` and `/a/b` are both `/a/b`).
fn url_path(u: &str) -> &str {
    let rest = u
        .split_once("://")
        .map_or(u, |(_, r)| r.find('/').map_or("", |i| &r[i..]));
    rest.split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/')
}

/// How many links to the page itself are read.
const MAX_OWN_LINKS: usize = 5;

/// The texts of links to the page's own URL (a list of articles that includes this one, with
/// its date: `<a href="/menschenrechte-achten"><div class="authored">10.11.2021</div>…`); none
/// when the URL has no path.
fn links_to_itself(doc: &Html, url: &str) -> Vec<String> {
    let own = url_path(url);
    let Some(sel) = selector("a[href]").filter(|_| !own.is_empty()) else {
        return Vec::new();
    };
    doc.select(&sel)
        .filter(|a| a.value().attr("href").is_some_and(|h| url_path(h) == own))
        .map(|a| a.text().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.trim().is_empty())
        .take(MAX_OWN_LINKS)
        .collect()
}

/// Reads one decoded HTML page into a record; the error is the skip reason. A page with a
/// title but no main text is still an article.
pub fn read(display: &str, text: &str) -> Result<Record, Refusal> {
    let depth = nesting_depth(text);
    if depth > MAX_DEPTH {
        return Err(Refusal::TooDeep {
            depth,
            limit: MAX_DEPTH,
        });
    }
    let doc = Html::parse_document(text);
    let metas = metas(&doc);
    let title = meta(&metas, &["og:title", "twitter:title"])
        .map(str::to_string)
        .or_else(|| first_text(&doc, "title"))
        .or_else(|| json_ld(&doc, "headline"))
        .or_else(|| first_text(&doc, "h1"));
    let crate_text = (depth <= CRATE_MAX_DEPTH)
        .then(|| main_text(text))
        .flatten();
    let headline = headline_path(&doc, title.as_deref());
    let body = without_boilerplate(
        crate_text.unwrap_or_else(|| body(&doc)),
        &page_blocks(&doc, &headline),
    );
    if body.trim().is_empty() && title.is_none() {
        return Err(Refusal::NoArticleText);
    }
    let url = selector(r#"link[rel="canonical"]"#)
        .and_then(|sel| {
            doc.select(&sel)
                .find_map(|l| l.value().attr("href"))
                .map(collapse)
        })
        .or_else(|| meta(&metas, &["og:url"]).map(str::to_string));
    let page_dates = page_dates(&doc, &metas, url.as_deref(), &headline);
    Ok(Record {
        id: display.to_string(),
        path: display.to_string(),
        title,
        body,
        date_meta: None,
        dateline: None,
        source: meta(&metas, &["og:site_name", "application-name"])
            .map(str::to_string)
            .or_else(|| json_ld(&doc, "publisher")),
        url,
        author: meta(&metas, &["author", "article:author", "byl"]).map(str::to_string),
        page_dates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Blair defends Iraq stance - Example News</title>
<meta property="og:title" content="Blair defends Iraq stance">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2005-02-01T10:00:00+00:00">
<style>p { color: red }</style><script>var p = "<p>not text</p>";</script>
</head><body>
<nav><p>Home</p><a href="/">News</a></nav>
<header><p>Site banner</p></header>
<article><h1>Blair defends Iraq stance</h1>
<p>Tony Blair has defended   his decision
to go to war.</p>
<script>track();</script>
<p>"I stand by it," he said.</p>
<aside><p>Related: other story</p></aside>
</article>
<footer><p>Copyright</p></footer>
</body></html>"#;

    #[test]
    fn article_page() {
        let r = read("a.html", PAGE).unwrap();
        assert_eq!(r.title.as_deref(), Some("Blair defends Iraq stance"));
        assert_eq!(r.source.as_deref(), Some("Example News"));
        assert!(r.page_dates.contains(&PageDate {
            text: "2005-02-01T10:00:00+00:00".into(),
            cue: DateCue::Published
        }));
        assert!(
            r.body
                .contains("Tony Blair has defended his decision to go to war."),
            "{}",
            r.body
        );
        for boilerplate in ["Home", "Site banner", "Related", "Copyright", "track()"] {
            assert!(!r.body.contains(boilerplate), "{}", r.body);
        }
    }

    #[test]
    fn no_article_element_uses_all_paragraphs_outside_navigation() {
        let page = r#"<html><head><title>T</title></head><body><nav><p>Menu</p></nav>
<div><p>First paragraph.</p><div><p>Second &amp; last.</p></div></div>
<time datetime="2016-03-11">March 11</time><footer><p>(c)</p></footer></body></html>"#;
        let r = read("b.html", page).unwrap();
        assert_eq!(r.title.as_deref(), Some("T"));
        assert!(r.body.contains("Second & last."), "{}", r.body);
        assert!(
            !r.body.contains("Menu") && !r.body.contains("(c)"),
            "{}",
            r.body
        );
        assert!(r.page_dates.contains(&PageDate {
            text: "2016-03-11".into(),
            cue: DateCue::TimeElement
        }));
    }

    #[test]
    fn json_ld_date_and_div_only_page() {
        let page = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H","datePublished":"2022-02-01T10:00:00+03:00"}]}
</script></head><body><div>Only a div of text.</div><nav>menu</nav></body></html>"#;
        let r = read("c.html", page).unwrap();
        assert!(r.page_dates.contains(&PageDate {
            text: "2022-02-01T10:00:00+03:00".into(),
            cue: DateCue::Published
        }));
        assert_eq!(r.title.as_deref(), Some("H"));
        assert_eq!(r.body, "Only a div of text.");
    }

    #[test]
    fn script_only_page_is_skipped() {
        let page = "<html><head><style>body{}</style></head><body><script>alert(1)</script><noscript>enable js</noscript></body></html>";
        assert_eq!(read("d.html", page).unwrap_err(), Refusal::NoArticleText);
        assert_eq!(read("e.html", "").unwrap_err(), Refusal::NoArticleText);
    }

    #[test]
    fn dates_from_every_place_the_page_states_them() {
        let page = r#"<html><head><title>T</title>
<link rel="canonical" href="https://x.org/2019/03/12/story.html">
<meta name="parsely-page" content='{"title": "T", "pub_date": "2019-03-12T08:00:00Z"}'>
<meta property="article:modified_time" content="2019-03-14T08:00:00Z">
</head><body><div class="post-comments"><span class="date">1. April 2019</span></div>
<h1>T</h1><div class="entry-meta">Veröffentlicht am 12. März 2019</div>
<span itemprop="datePublished" content="2019-03-12">12.03.2019</span>
<p>Text of the article, long enough to be one.</p>
<div class="post-footer"><span class="date">Posted 13.03.2019</span></div>
<div class="related-posts"><div class="share"><span class="date">2.4.2019</span></div></div>
<meta property="og:image" content="https://x.org/files/2019/03/11/a.png">
</body></html>"#;
        let r = read("d.html", page).unwrap();
        let has = |text: &str, cue: DateCue| {
            r.page_dates
                .iter()
                .any(|d| d.cue == cue && d.text.contains(text))
        };
        assert!(
            has("2019-03-12T08:00:00Z", DateCue::Published),
            "{:?}",
            r.page_dates
        );
        assert!(has("2019-03-12", DateCue::Published));
        assert!(has("2019-03-14T08:00:00Z", DateCue::Modified));
        assert!(has("https://x.org/2019/03/12/story.html", DateCue::Url));
        assert!(has("Veröffentlicht am 12. März 2019", DateCue::Byline));
        assert!(has("Veröffentlicht am 12. März 2019", DateCue::NearTitle));
        // The date inside the comments is no candidate.
        assert!(!has("1. April 2019", DateCue::Byline));
        assert!(!has("1. April 2019", DateCue::PageText));
        assert!(!has("1. April 2019", DateCue::MarkedBoilerplate));
        // A footer's date line is a last resort; one in a list of other articles is not.
        assert!(has("Posted 13.03.2019", DateCue::MarkedBoilerplate));
        assert!(!has("Posted 13.03.2019", DateCue::Byline));
        assert!(!has("2.4.2019", DateCue::MarkedBoilerplate));
        assert!(has("files/2019/03/11/a.png", DateCue::ImageUrl));
    }

    #[test]
    fn the_dateline_is_read_around_the_headline_not_in_it() {
        let text = format!(
            "{}Sport | 02.02.2022\nWochenbericht 14. - 20. Januar 2022\nVon A. B., 3. Februar 2022 {}",
            "Menü ".repeat(40),
            "und der Text. ".repeat(40)
        );
        let start = text.find("Wochenbericht").unwrap();
        let end = text.find("\nVon").unwrap();
        let near = near_title(&text, start, end);
        assert!(
            near.contains("Menü Sport | 02.02.2022 | Von A. B., 3. Februar 2022 und der Text."),
            "{near}"
        );
        assert!(!near.contains("Januar"), "{near}");
        assert_eq!(
            near.chars().count(),
            NEAR_TITLE_BEFORE + 3 + NEAR_TITLE_AFTER
        );
        assert_eq!(near_title("Titel und Text", 0, 5), "und Text");
    }

    #[test]
    fn a_date_element_before_the_headline_is_a_weaker_cue() {
        let page = r#"<html><head><title>Story</title></head><body>
<div class="header-date">lun. 5 août 2019 Édition du matin</div>
<h1>Story</h1><p class="byline">Par A. B., 27 juin 2019</p><p>Text.</p></body></html>"#;
        let r = read("b.html", page).unwrap();
        let cue_of = |text: &str| {
            r.page_dates
                .iter()
                .find(|d| d.text.contains(text))
                .map(|d| d.cue)
        };
        assert_eq!(cue_of("5 août 2019"), Some(DateCue::BylineBeforeTitle));
        assert_eq!(cue_of("Par A. B."), Some(DateCue::Byline));
    }

    /// The texts of a record's date candidates with `cue`, in order.
    fn texts_of(r: &Record, cue: DateCue) -> Vec<&str> {
        r.page_dates
            .iter()
            .filter(|d| d.cue == cue)
            .map(|d| d.text.as_str())
            .collect()
    }

    #[test]
    fn sibling_elements_are_separate_words() {
        let page = r#"<html><head><title>T</title></head><body><h1>T</h1>
<div class="date"><span>28.09.19</span><span>12:44</span></div>
<div class="datum"><span class="monat">Feb</span> <span>18</span><span>2009</span></div>
<p>Te<b>x</b>t.</p></body></html>"#;
        let r = read("g.html", page).unwrap();
        let bylines = texts_of(&r, DateCue::Byline);
        assert_eq!(bylines, ["28.09.19 12:44", "Feb 18 2009"]);
        // Inline markup inside a word does not split it.
        assert!(
            r.page_dates
                .iter()
                .any(|d| d.cue == DateCue::PageText && d.text.contains("Text."))
        );
    }

    #[test]
    fn a_widget_named_as_the_content_is_read_for_dates() {
        let page = r#"<html><head><title>T</title></head><body>
<div class="widget Blog"><h2 class="date-header"><span>Samstag, 5. Oktober 2013</span></h2>
<p>Text of the post.</p></div><div class="widget Label"><span class="date">6. Oktober 2013</span></div>
</body></html>"#;
        let r = read("w.html", page).unwrap();
        let bylines = texts_of(&r, DateCue::Byline);
        assert_eq!(bylines, ["Samstag, 5. Oktober 2013"]);
    }

    #[test]
    fn the_headline_s_ancestors_are_no_sidebar_and_footers_are_a_last_resort() {
        let page = r#"<html><head><title>Story - Site</title>
<meta property="five_hundred_pixels:uploaded" content="2013-02-16T04:36:36-05:00">
<meta property="article:publisher" content="https://x.org/2001/01/01/about">
</head><body><div class="mainwrap sidebar"><h1>Story</h1>
<div class="meta">Posted on September 21, 2020</div><p>Text.</p></div>
<div class="sidebar"><span class="date">22.09.2020</span></div>
<footer><p>Copyright © 19.12.2019 - 12:14 h</p></footer>
<aside class="related"><p>Other story, 1.1.2019</p></aside></body></html>"#;
        let r = read("s.html", page).unwrap();
        let has = |text: &str, cue: DateCue| {
            r.page_dates
                .iter()
                .any(|d| d.cue == cue && d.text.contains(text))
        };
        assert!(
            has("Posted on September 21, 2020", DateCue::Byline),
            "{:?}",
            r.page_dates
        );
        assert!(!has("22.09.2020", DateCue::Byline));
        assert!(has("2013-02-16T04:36:36-05:00", DateCue::Published));
        assert!(!has("2001/01/01", DateCue::Published));
        assert!(has("Copyright © 19.12.2019", DateCue::BoilerplateText));
        assert!(!has("1.1.2019", DateCue::BoilerplateText));
    }

    #[test]
    fn a_sidebar_s_text_is_the_last_resort_for_a_date() {
        let page = r#"<html><head><title>Podcast</title></head><body><article>
<div class="podcast-description__content"><p>What the podcast is about.</p></div>
<div class="podcast-description__sidebar"><p class="title">Mise en ligne</p>
<p class="content">23 mai 2019</p><div class="comments"><p>Nice! 24 mai 2019</p></div>
<ul class="related-list"><li>Other one, 1 mai 2019</li></ul></div></article></body></html>"#;
        let r = read("p.html", page).unwrap();
        assert_eq!(
            texts_of(&r, DateCue::SidebarText),
            ["Mise en ligne 23 mai 2019"]
        );
    }

    #[test]
    fn links_to_the_page_itself_are_its_teasers() {
        for (u, want) in [
            (
                "https://www.awo.org/menschenrechte-achten/?x=1#top",
                "/menschenrechte-achten",
            ),
            ("/menschenrechte-achten", "/menschenrechte-achten"),
            ("https://www.awo.org/", ""),
            ("https://www.awo.org", ""),
        ] {
            assert_eq!(url_path(u), want, "{u}");
        }
        let page = r#"<html><head><title>Menschenrechte achten</title>
<link rel="canonical" href="https://www.awo.org/menschenrechte-achten"></head><body>
<h1>Menschenrechte achten</h1><p>Text.</p><div class="teaser-list">
<a href="/andere-meldung"><div class="authored">09.11.2021</div><h2>Andere</h2></a>
<a href="/menschenrechte-achten"><div class="authored">10.11.2021</div><h2>Menschenrechte achten</h2></a>
<a href="https://www.awo.org/">Start 1.1.2020</a></div></body></html>"#;
        let r = read("o.html", page).unwrap();
        assert_eq!(
            texts_of(&r, DateCue::OwnTeaser),
            ["10.11.2021 Menschenrechte achten"]
        );
        // A page without a path of its own has no teaser of itself.
        let home = page.replace("awo.org/menschenrechte-achten\"", "awo.org/\"");
        let r = read("o.html", &home).unwrap();
        assert!(texts_of(&r, DateCue::OwnTeaser).is_empty());
    }

    #[test]
    fn indentation_does_not_use_up_the_visible_text() {
        let indent = " \n".repeat(150_000);
        let page = format!(
            "<html><head><title>T</title></head><body><div>{indent}<span>menu</span>{indent}</div>\
             <h1>T</h1><div class=\"publish-date\">Von DTB 4.&thinsp;2.&thinsp;2022.</div>\
             <p>Text.</p></body></html>"
        );
        let r = read("i.html", &page).unwrap();
        assert_eq!(texts_of(&r, DateCue::Byline), ["Von DTB 4. 2. 2022."]);
    }

    #[test]
    fn paragraphs_of_marked_boilerplate_leave_the_body() {
        let page = r#"<html><head><title>T</title></head><body><article><h1>T</h1>
<p>The first paragraph of the story, long enough to be one.</p>
<div class="related-coverage"><p>Related Coverage</p></div>
<p>The second paragraph of the story.</p></article></body></html>"#;
        let r = read("r.html", page).unwrap();
        assert!(r.body.contains("second paragraph"), "{}", r.body);
        assert!(!r.body.contains("Related Coverage"), "{}", r.body);
        let menu = BlockKind {
            boilerplate: true,
            pointer: false,
        };
        let blocks: HashMap<String, BlockKind> = [("Menu".to_string(), menu)].into();
        assert_eq!(
            without_boilerplate("A paragraph of the story.\n\nMenu".into(), &blocks),
            "A paragraph of the story."
        );
        // Never half the text.
        assert_eq!(
            without_boilerplate("A\n\nMenu".into(), &blocks),
            "A\n\nMenu"
        );
    }

    #[test]
    fn short_blocks_of_link_text_are_pointers_to_other_pages() {
        // The named pattern: share of link text, length, table cells.
        assert!(is_pointer(60, 50, false));
        assert!(is_pointer(20, 12, false));
        assert!(!is_pointer(60, 30, false), "a sentence with a link in it");
        assert!(!is_pointer(12, 12, false), "a label or a name");
        assert!(!is_pointer(400, 400, false), "a paragraph");
        assert!(!is_pointer(60, 60, true), "a product's name in a table");
        let page = r#"<html><body><article><h1>Title</h1>
<p>The minister said on Tuesday that the budget would be cut by a tenth next year.</p>
<p>Lea también: <a href="/x">Impiden ingreso a Nicaragua a reportero y camarógrafo</a></p>
<ul><li><a href="/toc">Where the budget is cut first</a></li></ul>
<h2>Where the budget is cut first</h2>
<table><tr><td><a href="/p">Dr. Oetker Vanillin-Zucker, 8 g</a></td></tr></table>
<p>She <a href="/m">told reporters</a> that no ministry would be spared the cuts.</p>
</article></body></html>"#;
        let blocks = page_blocks(&Html::parse_document(page), &[]);
        let pointer = |t: &str| blocks.get(t).map(|k| k.pointer);
        assert_eq!(
            pointer("Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo"),
            Some(true)
        );
        assert_eq!(
            pointer("Where the budget is cut first"),
            Some(false),
            "also a heading"
        );
        assert_eq!(pointer("Dr. Oetker Vanillin-Zucker, 8 g"), Some(false));
        assert_eq!(
            pointer("She told reporters that no ministry would be spared the cuts."),
            Some(false)
        );
        let body = "The minister said on Tuesday that the budget would be cut by a tenth next year.\n\n\
                    Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo";
        assert_eq!(
            without_boilerplate(body.into(), &blocks),
            "The minister said on Tuesday that the budget would be cut by a tenth next year."
        );
    }

    #[test]
    fn a_page_is_read_in_the_encoding_its_meta_declares() {
        let page = |head: &str, body: &[u8]| {
            let mut b = format!("<html><head>{head}<title>T</title></head><body><p>").into_bytes();
            b.extend_from_slice(body);
            b.extend_from_slice(b"</p></body></html>");
            b
        };
        let gb = page(
            r#"<script src="a.js" charset="utf-8"></script><meta http-equiv="Content-Type" content="text/html; charset=gb2312"/>"#,
            b"\xd6\xd0\xce\xc4",
        );
        assert_eq!(declared_encoding(&gb), Some(encoding_rs::GBK));
        let r = parse("gb.html", &gb);
        assert_eq!(r.records.first().map(|r| r.body.as_str()), Some("中文"));
        let cp1250 = page(r#"<meta charset='windows-1250'>"#, b"umow\xea");
        assert_eq!(declared_encoding(&cp1250), Some(encoding_rs::WINDOWS_1250));
        assert_eq!(declared_encoding(&page("", b"x")), None);
        // A stray NUL is dropped; a page of NULs is still binary.
        let mut nul = page("", b"Text with a stray NUL");
        nul.insert(nul.len() - 20, 0); // inside "NUL"
        nul.extend(std::iter::repeat_n(b' ', 1000));
        let r = parse("nul.html", &nul);
        assert_eq!(
            r.records.first().map(|r| r.body.as_str()),
            Some("Text with a stray NUL")
        );
        assert!(!parse("bin.html", &[0u8; 64]).skips.is_empty());
    }

    #[test]
    fn ruby_readings_are_not_text() {
        let sentence = "<ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt><rp>)</rp></ruby>をなくすための法律ができました。";
        // Long enough for the crate, and short for the hand-written reader.
        for n in [12, 1] {
            let page = format!(
                "<html><head><title>T</title></head><body><article><h1>T</h1><p>{}</p></article></body></html>",
                sentence.repeat(n)
            );
            let r = read("ruby.html", &page).unwrap();
            // (The hand-written reader joins text nodes with a space: "子 どもへの".)
            assert!(
                n == 1 || r.body.contains("子どもへの虐待をなくすための法律"),
                "{}",
                r.body
            );
            assert!(!r.body.contains("ぎゃくたい"), "{}", r.body);
        }
    }

    #[test]
    fn a_titled_page_without_main_text_is_an_article() {
        let page = "<html><head><title>Only a headline</title></head><body></body></html>";
        let r = read("t.html", page).unwrap();
        assert_eq!(r.title.as_deref(), Some("Only a headline"));
        assert_eq!(r.body, "");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(900),
            "</div>".repeat(900)
        );
        let r = read("deep.html", &page).unwrap();
        assert_eq!(r.body, "deep text");
        let page = format!("{}<p>deep text</p>", "<div><span>".repeat(100_000));
        assert!(matches!(
            read("deep.html", &page).unwrap_err(),
            Refusal::TooDeep {
                limit: MAX_DEPTH,
                ..
            }
        ));
        // Unclosed paragraphs and list items are not depth.
        let page = format!("<ul>{}</ul>", "<li><p>item".repeat(5_000));
        assert!(read("flat.html", &page).is_ok());
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..512)) {
            let p = parse("p.html", &b);
            prop_assert_eq!(p.records.len() + p.skips.len(), 1);
        }

        #[test]
        fn arbitrary_markup_never_panics(s in "(<(p|article|nav|div|script|time datetime=\"x\")>|</(p|article|nav|div|script)>|[a-z .&;])*") {
            if let Ok(r) = read("p.html", &s) {
                prop_assert!(!r.body.trim().is_empty());
            }
        }
    }
}

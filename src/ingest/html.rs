//! HTML pages: title, publication date, site name and the article's paragraphs.
//!
//! Title: `og:title`, else `<title>`, else the first `<h1>`. Date: `article:published_time`
//! (and the usual meta variants), else the first `<time datetime>`, else JSON-LD
//! `datePublished`. Body: the `<p>`s of the `<article>` with the most paragraph text, else all
//! `<p>`s; never inside script, style, nav, header, footer, aside, form. A page without any such
//! text is skipped ("no article text"). The tree is walked without recursion, so deeply nested
//! markup cannot overflow the stack.

use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::article::{DateSource, RawDate, Record};
use crate::ingest::Parsed;

/// Elements whose content is never article text.
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
    "blockquote",
    "pre",
    "dd",
    "dt",
    "tr",
    "main",
    "article",
    "body",
];

const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
];

pub fn parse(display: &str, bytes: &[u8]) -> Parsed {
    super::one_article(display, bytes, read)
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
                .or_else(|| v.attr("itemprop"))?;
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

/// The paragraphs under `root`, skipping excluded elements; with `paragraphs == false`, every
/// run of text between block elements instead (for pages without `<p>`).
fn collect(root: ElementRef<'_>, paragraphs: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut in_p = 0usize;
    let root_node = *root;
    let mut node = root_node;
    let flush = |buf: &mut String, out: &mut Vec<String>| {
        let t = collapse(buf);
        if !t.is_empty() {
            out.push(t);
        }
        buf.clear();
    };
    'walk: loop {
        // Enter `node`.
        let value = node.value();
        let tag = name(value);
        let excluded = tag.is_some_and(|t| EXCLUDED.contains(&t));
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
        if !excluded && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        // Leave `node` and every ancestor that has no next sibling.
        loop {
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
            if node == root_node {
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

/// Reads one decoded HTML page into a record; the error is the skip reason.
pub fn read(display: &str, text: &str) -> Result<Record, String> {
    let depth = nesting_depth(text);
    if depth > MAX_DEPTH {
        return Err(format!(
            "HTML nested about {depth} elements deep, over the limit of {MAX_DEPTH}"
        ));
    }
    let doc = Html::parse_document(text);
    let body = body(&doc);
    if body.trim().is_empty() {
        return Err("no article text".into());
    }
    let metas = metas(&doc);
    let title = meta(&metas, &["og:title", "twitter:title"])
        .map(str::to_string)
        .or_else(|| first_text(&doc, "title"))
        .or_else(|| json_ld(&doc, "headline"))
        .or_else(|| first_text(&doc, "h1"));
    let date = meta(&metas, DATE_META)
        .map(str::to_string)
        .or_else(|| {
            let sel = selector("time[datetime]")?;
            doc.select(&sel)
                .filter_map(|t| t.value().attr("datetime"))
                .map(collapse)
                .find(|d| !d.is_empty())
        })
        .or_else(|| json_ld(&doc, "datePublished"));
    let url = meta(&metas, &["og:url"]).map(str::to_string).or_else(|| {
        let sel = selector(r#"link[rel="canonical"]"#)?;
        doc.select(&sel)
            .find_map(|l| l.value().attr("href"))
            .map(collapse)
    });
    Ok(Record {
        id: display.to_string(),
        path: display.to_string(),
        title,
        body,
        date_meta: date.map(|text| RawDate {
            text,
            origin: DateSource::Metadata,
        }),
        dateline: None,
        source: meta(&metas, &["og:site_name", "application-name"])
            .map(str::to_string)
            .or_else(|| json_ld(&doc, "publisher")),
        url,
        author: meta(&metas, &["author", "article:author", "byl"]).map(str::to_string),
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
        assert_eq!(r.date_meta.unwrap().text, "2005-02-01T10:00:00+00:00");
        assert_eq!(
            r.body,
            "Tony Blair has defended his decision to go to war.\n\n\"I stand by it,\" he said."
        );
    }

    #[test]
    fn no_article_element_uses_all_paragraphs_outside_navigation() {
        let page = r#"<html><head><title>T</title></head><body><nav><p>Menu</p></nav>
<div><p>First paragraph.</p><div><p>Second &amp; last.</p></div></div>
<time datetime="2016-03-11">March 11</time><footer><p>(c)</p></footer></body></html>"#;
        let r = read("b.html", page).unwrap();
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.body, "First paragraph.\n\nSecond & last.");
        assert_eq!(r.date_meta.unwrap().text, "2016-03-11");
    }

    #[test]
    fn json_ld_date_and_div_only_page() {
        let page = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H","datePublished":"2022-02-01T10:00:00+03:00"}]}
</script></head><body><div>Only a div of text.</div><nav>menu</nav></body></html>"#;
        let r = read("c.html", page).unwrap();
        assert_eq!(r.date_meta.unwrap().text, "2022-02-01T10:00:00+03:00");
        assert_eq!(r.title.as_deref(), Some("H"));
        assert_eq!(r.body, "Only a div of text.");
    }

    #[test]
    fn script_only_page_is_skipped() {
        let page = "<html><head><style>body{}</style></head><body><script>alert(1)</script><noscript>enable js</noscript></body></html>";
        assert_eq!(read("d.html", page).unwrap_err(), "no article text");
        assert_eq!(read("e.html", "").unwrap_err(), "no article text");
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
        assert!(read("deep.html", &page).unwrap_err().contains("nested"));
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

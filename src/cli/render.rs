//! Human-readable output: search hits with highlighted snippets, the index summary, stats,
//! and the `--explain` view of a plan.

use std::io::{self, Write};

use crate::cli::stats::Stats;
use crate::index::writer::Summary;
use crate::search::run::Response;
use crate::search::understand::{Kind, Plan};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// The snippet with highlighted words: colour on a terminal, `[word]`-free plain text else.
fn highlighted(snippet: &str, highlights: &[[usize; 2]], color: bool) -> String {
    if !color {
        return snippet.to_string();
    }
    let mut out = String::with_capacity(snippet.len() + highlights.len() * 12);
    let mut open = highlights.iter().peekable();
    for (i, c) in snippet.chars().enumerate() {
        if let Some([s, _]) = open.peek()
            && *s == i
        {
            out.push_str(HIGHLIGHT);
        }
        out.push(c);
        if let Some([_, e]) = open.peek()
            && *e == i + 1
        {
            out.push_str(RESET);
            open.next();
        }
    }
    out
}

pub fn hits(out: &mut impl Write, resp: &Response, color: bool) -> io::Result<()> {
    let (b, d, r) = if color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    for note in &resp.interpretation.notes {
        writeln!(out, "note: {note}")?;
    }
    if resp.hits.is_empty() {
        writeln!(out, "no hits for {:?}", resp.query)?;
        return Ok(());
    }
    for h in &resp.hits {
        let date = h
            .date
            .as_deref()
            .map_or("unknown date", |d| d.get(..10).unwrap_or(d));
        let title = h.title.as_deref().unwrap_or("(untitled)");
        writeln!(out, "{b}{}. {title}{r}", h.rank)?;
        let mut meta = format!("{date} · {}", h.path);
        if let Some(s) = &h.source {
            meta.push_str(&format!(" · {s}"));
        }
        if h.duplicates > 0 {
            meta.push_str(&format!(" · also in {} more", h.duplicates));
        }
        writeln!(out, "   {d}{meta}{r}")?;
        let snippet = highlighted(&h.snippet, &h.highlights, color);
        match h.kind {
            Kind::Quote => {
                let who = h.speaker.as_deref().unwrap_or("unknown speaker");
                writeln!(out, "   {b}{who}{r}: {snippet}")?;
            }
            Kind::Article => writeln!(out, "   {snippet}")?,
        }
        writeln!(out)?;
    }
    let shown = resp.hits.last().map_or(0, |h| h.rank);
    writeln!(out, "{d}{shown} of {} matching documents{r}", resp.total)?;
    Ok(())
}

pub fn explain(out: &mut impl Write, plan: &Plan) -> io::Result<()> {
    writeln!(out, "query understood as ({}):", plan.mode)?;
    if let Some(s) = &plan.syntax {
        writeln!(out, "  syntax: {s}")?;
    }
    if let Some(i) = plan.intent {
        writeln!(out, "  intent: {i}")?;
    }
    if !plan.speakers.is_empty() {
        writeln!(out, "  speaker: {}", plan.speakers.join(" | "))?;
    }
    if !plan.entities.is_empty() {
        writeln!(out, "  entity: {}", plan.entities.join(" | "))?;
    }
    if !plan.boost_entities.is_empty() {
        writeln!(out, "  boost entities: {}", plan.boost_entities.join(", "))?;
    }
    if plan.since.is_some() || plan.until.is_some() {
        let d = |x: Option<chrono::NaiveDate>| x.map_or("…".to_string(), |d| d.to_string());
        writeln!(out, "  dates: {} to {}", d(plan.since), d(plan.until))?;
    }
    if let Some(k) = plan.kind {
        writeln!(out, "  only: {k:?}")?;
    }
    for t in &plan.terms {
        let forms: Vec<String> = t.forms.iter().map(|f| f.join(" ")).collect();
        let mut line = format!("  term {}: {}", t.word, forms.join(" | "));
        if !t.expansions.is_empty() {
            line.push_str(&format!(" (+ {})", t.expansions.join(", ")));
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out)
}

pub fn summary(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    for skip in &s.skipped {
        writeln!(out, "skipped {}: {}", skip.path, skip.reason)?;
    }
    writeln!(
        out,
        "{} added, {} updated, {} removed, {} unchanged, {} skipped; the index holds {} articles and {} quotes ({:.2} s)",
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.skipped.len(),
        s.articles,
        s.quotes,
        s.seconds
    )
}

pub fn stats(out: &mut impl Write, s: &Stats) -> io::Result<()> {
    writeln!(out, "articles  {}", s.articles)?;
    writeln!(out, "quotes    {}", s.quotes)?;
    writeln!(out, "files     {}", s.files)?;
    writeln!(out, "speakers  {}", s.speakers)?;
    writeln!(out, "entities  {}", s.entities)?;
    let range = match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "unknown".into(),
    };
    writeln!(out, "dates     {range}")?;
    writeln!(out, "size      {:.1} MB", s.index_bytes as f64 / 1e6)?;
    if !s.top_speakers.is_empty() {
        writeln!(out, "\ntop speakers (quotes)")?;
        for n in &s.top_speakers {
            writeln!(out, "  {:>6}  {}", n.count, n.name)?;
        }
    }
    if !s.top_entities.is_empty() {
        writeln!(out, "\ntop entities (articles)")?;
        for n in &s.top_entities {
            writeln!(out, "  {:>6}  {}", n.count, n.name)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_wrap_matched_chars() {
        let s = highlighted("an expanded NATO", &[[3, 11], [12, 16]], true);
        assert_eq!(
            s,
            format!("an {HIGHLIGHT}expanded{RESET} {HIGHLIGHT}NATO{RESET}")
        );
        assert_eq!(
            highlighted("an expanded NATO", &[[3, 11]], false),
            "an expanded NATO"
        );
    }
}

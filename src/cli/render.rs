//! Human-readable output: search hits with highlighted snippets, the index summary, stats,
//! the `--explain` view of a plan, timelines as bar charts, facet tables, saved searches and
//! their reports.

use std::io::{self, Write};

use crate::index::check::Report as CheckReport;
use crate::index::stats::{NameCount, Stats};
use crate::index::watch::SavedSearch;
use crate::index::writer::Summary;
use crate::search::alerts::Report;
use crate::search::facets::FacetCounts;
use crate::search::run::Response;
use crate::search::timeline::Timeline;
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

/// The hits of a search, ranked, for a terminal (`color`: highlights in bold).
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

/// How a query was understood (`--explain`).
pub fn explain(out: &mut impl Write, plan: &Plan) -> io::Result<()> {
    writeln!(out, "query understood as ({}):", plan.mode.as_str())?;
    if let Some(s) = &plan.syntax {
        writeln!(out, "  syntax: {s}")?;
    }
    if let Some(i) = plan.intent {
        writeln!(out, "  intent: {}", i.as_str())?;
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

/// What an index run changed.
pub fn summary(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    for skip in &s.skipped {
        writeln!(out, "skipped {}: {}", skip.path, skip.reason)?;
    }
    if s.rebuilt {
        writeln!(
            out,
            "the index was damaged: rebuilt from the archive and swapped in"
        )?;
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

/// `newsdex check`: one line per problem, then the verdict.
pub fn check(out: &mut impl Write, dir: &std::path::Path, r: &CheckReport) -> io::Result<()> {
    for p in &r.problems {
        writeln!(out, "{}: {}", dir.join(&p.file).display(), p.problem)?;
    }
    if r.ok() {
        writeln!(
            out,
            "index {} is sound: {} segments, {} files checked, {} documents",
            dir.display(),
            r.segments,
            r.files_checked,
            r.documents
        )
    } else {
        let mend = if r.index_mends_all() {
            "the next `newsdex index` run rewrites the name tables"
        } else {
            "`newsdex index --full PATH…` rebuilds it from the archive"
        };
        writeln!(
            out,
            "index {}: {} problem{}; {mend}",
            dir.display(),
            r.problems.len(),
            if r.problems.len() == 1 { "" } else { "s" }
        )
    }
}

/// The figures of `newsdex stats`.
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
            name_count(out, n)?;
        }
    }
    if !s.top_entities.is_empty() {
        writeln!(out, "\ntop entities (articles)")?;
        for n in &s.top_entities {
            name_count(out, n)?;
        }
    }
    Ok(())
}

/// How many of an identity's other names a stats line shows.
const SHOWN_ALIASES: usize = 3;

fn name_count(out: &mut impl Write, n: &NameCount) -> io::Result<()> {
    write!(out, "  {:>6}  {}", n.count, n.name)?;
    if !n.aliases.is_empty() {
        let shown: Vec<&str> = n
            .aliases
            .iter()
            .take(SHOWN_ALIASES)
            .map(String::as_str)
            .collect();
        let more = n.aliases.len() - shown.len();
        write!(out, " (also {}", shown.join(", "))?;
        if more > 0 {
            write!(out, " and {more} more")?;
        }
        write!(out, ")")?;
    }
    writeln!(out)
}

/// Widest bar of a timeline, in characters.
const BAR_WIDTH: usize = 50;
/// How many new hits of each saved search an index run's summary lists.
pub const INDEX_REPORT_HITS: usize = 5;

/// A bar of `count` against `max`, in eighths of a block.
fn bar(count: u64, max: u64) -> String {
    if max == 0 || count == 0 {
        return String::new();
    }
    let eighths = ((count as f64 / max as f64) * (BAR_WIDTH * 8) as f64).round() as usize;
    let eighths = eighths.max(1);
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
    }
    s
}

/// The timeline as one line a period: name, bar, count; then the undated matches.
pub fn timeline(out: &mut impl Write, t: &Timeline, total: usize) -> io::Result<()> {
    let max = t.periods.iter().map(|p| p.count).max().unwrap_or(0);
    let label = t.periods.iter().map(|p| p.period.len()).max().unwrap_or(0);
    let digits = max.to_string().len();
    writeln!(out, "\nmatches per {:?} ({total} in all)", t.interval)?;
    for p in &t.periods {
        let b = bar(p.count, max);
        writeln!(out, "  {:<label$}  {:>digits$}  {b}", p.period, p.count)?;
    }
    if t.periods.is_empty() {
        writeln!(out, "  no dated matches")?;
    }
    if t.undated > 0 {
        writeln!(out, "  {:<label$}  {:>digits$}", "undated", t.undated)?;
    }
    Ok(())
}

/// One facet's top names with their counts.
pub fn facet(out: &mut impl Write, f: &FacetCounts) -> io::Result<()> {
    let what = match f.counted {
        Kind::Quote => "quotes",
        Kind::Article => "articles",
    };
    writeln!(out, "\ntop {} ({what})", f.facet.name())?;
    if f.top.is_empty() {
        writeln!(out, "  none")?;
    }
    for n in &f.top {
        writeln!(out, "  {:>6}  {}", n.count, n.name)?;
    }
    Ok(())
}

/// One saved search on a line: name, query, filters.
pub fn saved_search(out: &mut impl Write, s: &SavedSearch) -> io::Result<()> {
    let mut line = format!("{}  {:?}", s.name, s.query);
    for (flag, v) in [
        ("--speaker", &s.speaker),
        ("--entity", &s.entity),
        ("--since", &s.since),
        ("--until", &s.until),
    ] {
        if let Some(v) = v {
            line.push_str(&format!(" {flag} {v:?}"));
        }
    }
    match s.kind.as_deref() {
        Some("quote") => line.push_str(" --quotes"),
        Some("article") => line.push_str(" --articles"),
        _ => {}
    }
    if let Some(at) = &s.last_report {
        line.push_str(&format!("  (last report {at})"));
    }
    writeln!(out, "{line}")
}

/// What is new for a saved search: a headline, then up to `shown` hits (all when `None`).
pub fn watch_report(out: &mut impl Write, r: &Report, shown: Option<usize>) -> io::Result<()> {
    let what = if r.new == 1 { "match" } else { "matches" };
    writeln!(out, "{}: {} new {what}", r.name, r.new)?;
    let shown = shown.unwrap_or(usize::MAX);
    for h in r.hits.iter().take(shown) {
        let date = h
            .date
            .as_deref()
            .map_or("unknown date", |d| d.get(..10).unwrap_or(d));
        let title = h.title.as_deref().unwrap_or("");
        match h.kind {
            Kind::Quote => writeln!(
                out,
                "  {date} · {} · {:?} — {title}",
                h.speaker.as_deref().unwrap_or("unknown speaker"),
                h.quote.as_deref().unwrap_or("")
            )?,
            Kind::Article => writeln!(out, "  {date} · article · {title}")?,
        }
    }
    if r.hits.len() > shown {
        writeln!(
            out,
            "  … and {} more (all of them under --json)",
            r.hits.len() - shown
        )?;
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

    #[test]
    fn bars_scale_to_the_largest_count() {
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(10, 10).chars().count(), BAR_WIDTH);
        assert_eq!(bar(5, 10), "█".repeat(BAR_WIDTH / 2));
        // A count above zero is never an empty bar.
        assert_eq!(bar(1, 1_000_000), "▏");
    }
}

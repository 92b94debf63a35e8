//! `newsdex watch`: saved searches kept in the index directory, and the reports of what is
//! new for them (also printed by every `newsdex index` run).

use std::io::Write;
use std::path::Path;

use crate::cli::args::{WatchAddArgs, WatchCommand, WatchRunArgs};
use crate::cli::{EXIT_NOTHING, EXIT_OK, render};
use crate::index::watch::{SavedSearch, Watches};
use crate::search::alerts::{self, Report};
use crate::search::run::Engine;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// `newsdex watch`: saved searches (add, list, remove, run).
pub fn run(dir: &Path, cmd: WatchCommand) -> anyhow::Result<u8> {
    match cmd {
        WatchCommand::Add(args) => add(dir, args),
        WatchCommand::List { json } => list(dir, json),
        WatchCommand::Remove { name } => {
            crate::index::Store::open(dir)?;
            let mut watches = Watches::load(dir)?;
            watches.remove(&name)?;
            watches.save()?;
            println!("removed saved search {name}");
            Ok(EXIT_OK)
        }
        WatchCommand::Run(args) => run_one(dir, args),
    }
}

fn add(dir: &Path, args: WatchAddArgs) -> anyhow::Result<u8> {
    crate::index::watch::check_name(&args.name)?;
    let engine = Engine::open(dir)?;
    let f = &args.filters;
    let saved = SavedSearch {
        name: args.name.clone(),
        query: args.query.join(" "),
        speaker: f.speaker.clone(),
        entity: f.entity.clone(),
        since: f.since.clone(),
        until: f.until.clone(),
        kind: if f.quotes {
            Some("quote".into())
        } else if f.articles {
            Some("article".into())
        } else {
            None
        },
        created: chrono::Utc::now().to_rfc3339(),
        last_report: None,
    };
    // What matches today counts as reported: the next index run tells only what is new.
    let seen = alerts::current_keys(&engine, &saved, today())?;
    let n = seen.len();
    let mut watches = Watches::load(dir)?;
    watches.add(saved, seen)?;
    watches.save()?;
    println!(
        "saved search {}: {n} current matches; `newsdex index` will report new ones",
        args.name
    );
    Ok(EXIT_OK)
}

fn list(dir: &Path, json: bool) -> anyhow::Result<u8> {
    crate::index::Store::open(dir)?;
    let watches = Watches::load(dir)?;
    let all: Vec<&SavedSearch> = watches.searches().collect();
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(&all)?)?;
    } else if all.is_empty() {
        writeln!(
            out,
            "no saved searches (add one with `newsdex watch add NAME QUERY`)"
        )?;
    } else {
        for s in all {
            render::saved_search(&mut out, s)?;
        }
    }
    Ok(EXIT_OK)
}

fn run_one(dir: &Path, args: WatchRunArgs) -> anyhow::Result<u8> {
    let engine = Engine::open(dir)?;
    let mut watches = Watches::load(dir)?;
    let mut out = std::io::stdout().lock();
    if args.since_last {
        let report = alerts::report(&engine, &mut watches, &args.name, today())?;
        watches.save()?;
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&report)?)?;
        } else {
            render::watch_report(&mut out, &report, None)?;
        }
        return Ok(if report.new == 0 {
            EXIT_NOTHING
        } else {
            EXIT_OK
        });
    }
    if args.limit == 0 {
        anyhow::bail!("invalid --limit: must be at least 1");
    }
    let saved = watches.get(&args.name)?;
    let req = crate::search::run::Request {
        limit: args.limit,
        ..alerts::request(saved, today())
    };
    let resp = engine.search(&req)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&resp)?)?;
    } else {
        render::hits(&mut out, &resp, false)?;
    }
    Ok(if resp.hits.is_empty() {
        EXIT_NOTHING
    } else {
        EXIT_OK
    })
}

/// Reports every saved search of the index in `dir` after an index run (none: no work).
pub fn report_all(dir: &Path) -> anyhow::Result<Vec<Report>> {
    let mut watches = Watches::load(dir)?;
    if watches.is_empty() {
        return Ok(Vec::new());
    }
    let engine = Engine::open(dir)?;
    let reports = alerts::report_all(&engine, &mut watches, today())?;
    watches.save()?;
    Ok(reports)
}

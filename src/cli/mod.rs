//! The command line: argument definitions ([`args`]), the commands, human and JSON
//! rendering ([`render`]), the progress bar ([`progress`]) and exit codes. `main.rs` only
//! parses, calls [`run`], and exits. `export`, `watch` and `extract --json` have a file each
//! ([`export`], [`watch`], [`extract_json`]); [`plot`] draws `--plot`.
//!
//! A new flag goes in [`args`] and reaches the library here as a typed value; a library
//! error names a [`Param`](crate::error::Param), and [`args::flag_of`] names its flag.

pub mod args;
pub mod export;
pub mod extract_json;
pub mod plot;
pub mod progress;
pub mod render;
pub mod watch;

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Context as _;

use crate::cli::args::{
    CheckArgs, ColorChoice, Command, ExtractArgs, FacetName, Filters, IndexArgs, MergeArgs,
    SearchArgs, SortOrder, StatsArgs, TimelineInterval,
};
use crate::index::Store;
use crate::index::writer::{self, UpdateOptions};
use crate::search::facets::{self, Facet};
use crate::search::run::{Engine, Request, Response, Sort};
use crate::search::timeline::{self, Interval};
use crate::search::understand::Kind;
pub use args::Cli;

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: a search found nothing (like grep); `check` found a problem.
pub const EXIT_NOTHING: u8 = 1;

/// Runs one command; the error is printed by `main` as one line, with exit status 2.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    command(cli).map_err(named_flags)
}

/// The library names a bad value; the command line names the flag or argument it came from,
/// and the commands that repair a damaged index.
fn named_flags(e: anyhow::Error) -> anyhow::Error {
    match e.downcast_ref::<crate::Error>() {
        Some(crate::Error::Invalid { what, message }) => {
            anyhow::anyhow!("invalid {}: {message}", args::flag_of(*what))
        }
        Some(crate::Error::CorruptIndex { .. }) => anyhow::anyhow!(
            "{e:#} (`newsdex check` lists the damage; `newsdex index --full` rebuilds it from the archive)"
        ),
        _ => e,
    }
}

fn command(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Index(args) => index(&cli.index, args),
        Command::Search(args) => search(&cli.index, args),
        Command::Extract(args) => extract(args),
        Command::Stats(args) => stats_cmd(&cli.index, args),
        Command::Merge(args) => merge(&cli.index, args),
        Command::Check(args) => check(&cli.index, args),
        Command::Export(args) => export::run(&cli.index, args),
        Command::Watch(cmd) => watch::run(&cli.index, cmd),
        Command::Completions(args) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut cmd, "newsdex", &mut std::io::stdout());
            Ok(EXIT_OK)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
            Ok(EXIT_OK)
        }
    }
}

fn merge(out: &std::path::Path, args: MergeArgs) -> anyhow::Result<u8> {
    let s = crate::index::merge::merge(&args.shards, out)?;
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
    } else {
        println!(
            "merged {} shards into {}: {} files, {} articles, {} quotes in {:.1}s",
            s.shards,
            out.display(),
            s.files,
            s.articles,
            s.quotes,
            s.seconds
        );
    }
    Ok(EXIT_OK)
}

fn index(dir: &std::path::Path, args: IndexArgs) -> anyhow::Result<u8> {
    let opts = UpdateOptions {
        full: args.full,
        max_file_size: args.max_file_size,
        wait: args.wait.map(std::time::Duration::from_secs),
        threads: match args.threads {
            Some(n) => writer::Threads::new(usize::from(n))?,
            None => writer::Threads::cores(),
        },
        memory: writer::MemoryBudget::from_mb(args.memory)?,
    };
    let listed = args.files_from.as_deref().map(read_file_list).transpose()?;
    let scope = match &listed {
        Some(files) => writer::Scope::Files(files),
        None => writer::Scope::Roots(&args.paths),
    };
    // Before the index is created: a mistyped path must not leave an empty one behind.
    scope.exists()?;
    let show = !args.quiet && std::io::stderr().is_terminal();
    let bar = progress::Bar::new(show);
    let summary = if args.full && crate::index::check::is_damaged(dir) {
        writer::rebuild(dir, scope, &opts, &bar)?
    } else {
        let store = Store::open_or_create(dir)?;
        match scope {
            writer::Scope::Files(files) => writer::update_files(&store, files, &opts, &bar)?,
            writer::Scope::Roots(roots) => writer::update(&store, roots, &opts, &bar)?,
        }
    };
    let reports = watch::report_all(dir)?;
    if args.json {
        let mut out = serde_json::to_value(&summary)?;
        out["watches"] = serde_json::to_value(&reports)?;
        println!("{out}");
    } else {
        let mut out = std::io::stdout().lock();
        render::summary(&mut out, &summary)?;
        for report in &reports {
            render::watch_report(&mut out, report, Some(render::INDEX_REPORT_HITS))?;
        }
    }
    Ok(EXIT_OK)
}

/// The paths of `--files-from FILE` (`-`: standard input).
fn read_file_list(from: &std::path::Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    if from == std::path::Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read --files-from standard input")?;
    } else {
        bytes = std::fs::read(from)
            .with_context(|| format!("cannot read --files-from file {}", from.display()))?;
    }
    Ok(writer::parse_file_list(&bytes))
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// A request with `filters` and the defaults of `newsdex search`.
fn filtered_request(query: String, filters: &Filters) -> Request {
    Request {
        query,
        limit: 10,
        offset: 0,
        speaker: filters.speaker.clone(),
        entity: filters.entity.clone(),
        since: filters.since.clone(),
        until: filters.until.clone(),
        kind: if filters.quotes {
            Some(Kind::Quote)
        } else if filters.articles {
            Some(Kind::Article)
        } else {
            None
        },
        sort: Sort::Relevance,
        collapse: true,
        today: chrono::Local::now().date_naive(),
    }
}

fn request(args: &SearchArgs, query: String) -> Request {
    Request {
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortOrder::Relevance => Sort::Relevance,
            SortOrder::Date => Sort::Date,
        },
        collapse: !args.no_collapse,
        ..filtered_request(query, &args.filters)
    }
}

/// What `--timeline` and `--facets` add to a search.
struct Extras {
    timeline: Option<timeline::Timeline>,
    facets: Vec<facets::FacetCounts>,
}

fn extras(engine: &Engine, args: &SearchArgs, req: &Request) -> anyhow::Result<Extras> {
    if args.timeline.is_none() && args.facets.is_empty() {
        return Ok(Extras {
            timeline: None,
            facets: Vec::new(),
        });
    }
    let matches = engine.matching(req)?;
    let timeline = match args.timeline {
        Some(i) => Some(timeline::count(
            &matches,
            match i {
                TimelineInterval::Day => Interval::Day,
                TimelineInterval::Week => Interval::Week,
                TimelineInterval::Month => Interval::Month,
                TimelineInterval::Year => Interval::Year,
            },
        )?),
        None => None,
    };
    let mut wanted: Vec<Facet> = Vec::new();
    for f in &args.facets {
        let facet = match f {
            FacetName::Speaker => Facet::Speaker,
            FacetName::Entity => Facet::Entity,
            FacetName::Source => Facet::Source,
        };
        if !wanted.contains(&facet) {
            wanted.push(facet);
        }
    }
    let facets = if wanted.is_empty() {
        Vec::new()
    } else {
        facets::count(&matches, &wanted)?
    };
    Ok(Extras { timeline, facets })
}

/// A response as JSON, with `timeline` (and `undated`) and `facets` when asked for.
fn response_json(resp: &Response, extras: &Extras) -> anyhow::Result<serde_json::Value> {
    let mut out = serde_json::to_value(resp)?;
    if let Some(t) = &extras.timeline {
        out["interval"] = serde_json::to_value(t.interval)?;
        out["timeline"] = serde_json::to_value(&t.periods)?;
        out["undated"] = t.undated.into();
    }
    if !extras.facets.is_empty() {
        let mut map = serde_json::Map::new();
        for f in &extras.facets {
            map.insert(f.facet.name().into(), serde_json::to_value(&f.top)?);
        }
        out["facets"] = map.into();
    }
    Ok(out)
}

fn search(dir: &std::path::Path, args: SearchArgs) -> anyhow::Result<u8> {
    if args.limit == 0 {
        anyhow::bail!("invalid --limit: must be at least 1");
    }
    let engine = Engine::open(dir)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(batch) = &args.batch {
        let file = std::fs::File::open(batch)
            .with_context(|| format!("cannot read --batch file {}", batch.display()))?;
        let mut any = false;
        for line in std::io::BufReader::new(file).lines() {
            let line =
                line.with_context(|| format!("cannot read --batch file {}", batch.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let req = request(&args, line);
            let resp = engine.search(&req)?;
            any |= !resp.hits.is_empty();
            let extras = extras(&engine, &args, &req)?;
            writeln!(out, "{}", response_json(&resp, &extras)?)?;
        }
        out.flush()?;
        return Ok(if any { EXIT_OK } else { EXIT_NOTHING });
    }
    let req = request(&args, args.query.join(" "));
    let resp = engine.search(&req)?;
    let extras = extras(&engine, &args, &req)?;
    if let (Some(path), Some(t)) = (&args.plot, &extras.timeline) {
        std::fs::write(path, plot::svg(t, &resp.query))
            .with_context(|| format!("cannot write --plot file {}", path.display()))?;
    }
    if args.json {
        writeln!(out, "{}", response_json(&resp, &extras)?)?;
    } else {
        if args.explain {
            render::explain(&mut out, &resp.interpretation)?;
        }
        render::hits(&mut out, &resp, color_enabled(args.color))?;
        if let Some(t) = &extras.timeline {
            render::timeline(&mut out, t, resp.total)?;
        }
        for f in &extras.facets {
            render::facet(&mut out, f)?;
        }
    }
    out.flush()?;
    // The process ends here: unmapping the index file by file as the engine drops costs
    // more than a search on a large archive, and the kernel releases it all at exit anyway.
    std::mem::forget(engine);
    Ok(if resp.hits.is_empty() {
        EXIT_NOTHING
    } else {
        EXIT_OK
    })
}

fn extract(args: ExtractArgs) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    crate::pipeline::run(
        crate::pipeline::Scope::Roots(&args.paths),
        args.max_file_size,
        &extract_json::JsonLines,
        |skip| eprintln!("newsdex: skipped {}: {}", skip.path, skip.reason),
        |lines| -> anyhow::Result<()> {
            for l in lines {
                writeln!(out, "{l}")?;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(EXIT_OK)
}

fn check(dir: &std::path::Path, args: CheckArgs) -> anyhow::Result<u8> {
    let report = crate::index::check::check(dir)?;
    if args.json {
        let mut out = serde_json::to_value(&report)?;
        out["ok"] = report.ok().into();
        println!("{out}");
    } else {
        render::check(&mut std::io::stdout().lock(), dir, &report)?;
    }
    Ok(if report.ok() { EXIT_OK } else { EXIT_NOTHING })
}

fn stats_cmd(dir: &std::path::Path, args: StatsArgs) -> anyhow::Result<u8> {
    let store = Store::open(dir)?;
    let s = crate::index::stats::collect(&store, (args.top > 0).then_some(args.top))?;
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
    } else {
        render::stats(&mut std::io::stdout().lock(), &s)?;
    }
    Ok(EXIT_OK)
}

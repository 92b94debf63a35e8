//! Command-line arguments (clap derive). The interface is fixed by the README: scripts
//! depend on every flag here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "newsdex",
    version,
    about = "Index a news archive and search it: quotes, speakers, entities, dates."
)]
/// The command line.
pub struct Cli {
    /// Index directory.
    #[arg(long, global = true, env = "NEWSDEX_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands of `newsdex`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index files and folders (default: corpus/). Re-running reads only new or changed files.
    Index(IndexArgs),
    /// Search the index: query syntax or plain English.
    Search(SearchArgs),
    /// Run ingest and extraction without indexing; print one JSON object per article.
    Extract(ExtractArgs),
    /// Show what the index holds.
    Stats(StatsArgs),
    /// Merge shard indexes into --index, replacing it atomically.
    Merge(MergeArgs),
    /// Verify the index: checksums, manifest, name tables; one line per problem (exit 1).
    Check(CheckArgs),
    /// Write every match of a search (the whole index without a query) as CSV or JSON Lines.
    Export(ExportArgs),
    /// Saved searches: each `newsdex index` run reports what is new for them.
    #[command(subcommand)]
    Watch(WatchCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Arguments of `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Index exactly the files listed in FILE (one path a line, `-` for standard input):
    /// indexed files no longer listed are removed.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub files_from: Option<PathBuf>,
    /// Re-read every file, even unchanged ones; a damaged index is rebuilt beside it from
    /// the archive and swapped in once committed.
    #[arg(long)]
    pub full: bool,
    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Wait up to SECONDS for another indexer to finish instead of failing at once.
    #[arg(long, num_args = 0..=1, default_missing_value = "3600", value_name = "SECONDS")]
    pub wait: Option<u64>,
    /// Threads for extraction and for indexing [default: the number of cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// Memory budget of the index writer, in MB (at least 15 per writer thread).
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(u64::from(crate::index::writer::MIN_MEMORY_MB_PER_THREAD)..=65_536))]
    pub memory: u64,
}

/// The order of search hits (`--sort`): `relevance` (best match first) or `date` (newest
/// first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(
    missing_docs,
    reason = "clap shows a variant's doc comment as the value's help, which would change --help"
)]
pub enum SortOrder {
    Relevance,
    Date,
}

/// Whether to colour the output (`--color`): `auto` (on a terminal, unless `NO_COLOR` is
/// set), `always` or `never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(
    missing_docs,
    reason = "clap shows a variant's doc comment as the value's help, which would change --help"
)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Arguments of `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: field syntax (`speaker:putin nato`) or plain English.
    pub query: Vec<String>,
    /// Number of hits to show.
    #[arg(short = 'n', long, default_value_t = 10, allow_negative_numbers = true)]
    pub limit: usize,
    /// Skip this many hits first.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub offset: usize,
    /// Print hits as JSON.
    #[arg(long)]
    pub json: bool,
    /// Speaker, entity, date and kind filters.
    #[command(flatten)]
    pub filters: Filters,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortOrder::Relevance)]
    pub sort: SortOrder,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Show how the query was understood.
    #[arg(long)]
    pub explain: bool,
    /// Show every copy of a quote or article instead of collapsing duplicates.
    #[arg(long)]
    pub no_collapse: bool,
    /// Run one query per line of FILE (JSON output, one object per line).
    #[arg(long, value_name = "FILE")]
    pub batch: Option<PathBuf>,
    /// Count the matches per period of the query's date range (a bar chart; `timeline` in JSON).
    #[arg(long, value_enum, value_name = "INTERVAL")]
    pub timeline: Option<TimelineInterval>,
    /// Also draw the timeline as an SVG chart in FILE.
    #[arg(long, value_name = "FILE.svg", requires = "timeline")]
    pub plot: Option<PathBuf>,
    /// The top 10 speakers, entities or sources among all matches, with counts.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FACET,...")]
    pub facets: Vec<FacetName>,
}

/// The filters every search-like command takes.
#[derive(Debug, Clone, Default, Args)]
pub struct Filters {
    /// Only quotes by this speaker (canonical name or alias).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only articles or quotes mentioning this entity.
    #[arg(long)]
    pub entity: Option<String>,
    /// Only from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only up to this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only quotes.
    #[arg(long, conflicts_with = "articles")]
    pub quotes: bool,
    /// Only articles.
    #[arg(long)]
    pub articles: bool,
}

/// The period a timeline counts matches by (`--timeline`): calendar days, ISO weeks,
/// calendar months or calendar years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(
    missing_docs,
    reason = "clap shows a variant's doc comment as the value's help, which would change --help"
)]
pub enum TimelineInterval {
    Day,
    Week,
    Month,
    Year,
}

/// A facet `--facets` counts: speakers (counting quotes), entities or sources (counting
/// articles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(
    missing_docs,
    reason = "clap shows a variant's doc comment as the value's help, which would change --help"
)]
pub enum FacetName {
    Speaker,
    Entity,
    Source,
}

/// The output format of `newsdex export` (`--format`): CSV with a header line, or JSON
/// Lines (one object a line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(
    missing_docs,
    reason = "clap shows a variant's doc comment as the value's help, which would change --help"
)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

/// Arguments of `newsdex export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The query (as for `search`); none exports the whole index.
    pub query: Vec<String>,
    /// Output format: CSV with a header line, or one JSON object a line.
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Speaker, entity, date and kind filters.
    #[command(flatten)]
    pub filters: Filters,
}

/// The subcommands of `newsdex watch`.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Save a search under NAME; later index runs report its new matches.
    Add(WatchAddArgs),
    /// List the saved searches.
    List {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete a saved search.
    Remove {
        /// The saved search's name.
        name: String,
    },
    /// Run a saved search: its hits, or with --since-last only its matches new since the last
    /// report (which then counts as seen).
    Run(WatchRunArgs),
}

/// Arguments of `newsdex watch add`.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// A name for the search (letters, digits, `-`, `_`, `.`).
    pub name: String,
    /// The query (as for `search`).
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Speaker, entity, date and kind filters.
    #[command(flatten)]
    pub filters: Filters,
}

/// Arguments of `newsdex watch run`.
#[derive(Debug, Args)]
pub struct WatchRunArgs {
    /// The saved search's name.
    pub name: String,
    /// Only the matches that are new since the last report, and mark them seen.
    #[arg(long)]
    pub since_last: bool,
    /// Number of hits to show (without --since-last).
    #[arg(short = 'n', long, default_value_t = 10)]
    pub limit: usize,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `newsdex completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `newsdex extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines (the only output format).
    #[arg(long)]
    pub json: bool,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

/// Arguments of `newsdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    /// How many speakers and entities to list, most counted first (0: all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
}

/// Arguments of `newsdex check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the report as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `newsdex merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shard indexes to merge.
    #[arg(required = true, value_name = "SHARD_INDEX")]
    pub shards: Vec<PathBuf>,
    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// The flag or argument that gives `param`, named in error messages.
pub fn flag_of(param: crate::error::Param) -> &'static str {
    use crate::error::Param;
    match param {
        Param::Threads => "--threads",
        Param::Memory => "--memory",
        Param::Since => "--since",
        Param::Until => "--until",
        Param::Timeline => "--timeline",
        Param::Shards => "SHARD_INDEX",
        Param::MergeOutput => "--index",
        Param::SavedSearchName => "NAME",
        Param::SavedSearches => "watch",
    }
}

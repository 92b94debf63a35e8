//! Ingest: from paths on disk to [`Record`]s. Walking, format detection, decoding and one
//! reader per format. A bad file or record becomes a [`Skip`] with a reason (a [`Refusal`],
//! or a reader's own message); it never stops the run.
//!
//! A new format is a reader of its own file returning [`Parsed`], a [`Format`] variant with
//! its extensions in [`detect`], and its arm in [`parse`]. What an article says (dates,
//! names, quotes) is not read here but in [`crate::extract`].

pub mod decode;
pub mod html;
pub mod json;
pub mod refusal;
pub mod text;
pub mod walk;

use std::path::Path;

use crate::article::Record;

pub use refusal::Refusal;
pub use walk::{SourceFile, walk};

/// Files larger than this, compressed or decompressed, are skipped unless the caller sets
/// another limit.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 100 * 1024 * 1024;

/// A file size limit as a skip reason states it: `104857600 bytes (100 MiB)`.
fn file_size_limit(limit: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if limit >= MIB && limit.is_multiple_of(MIB) {
        format!("{limit} bytes ({} MiB)", limit / MIB)
    } else {
        format!("{limit} bytes")
    }
}

/// Articles (and JSON Lines lines) larger than this are skipped: extraction holds a few times
/// an article's size in memory, so this bounds memory whatever the input.
pub const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

/// Something that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skip {
    /// The file (and, inside it, the record) not indexed, as shown to the user.
    pub path: String,
    /// Why, in one line.
    pub reason: String,
}

impl Skip {
    /// A skip of `path` for `reason`.
    pub fn new(path: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        Skip {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
}

/// What one file yielded: its articles, and the records inside it that were skipped.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The articles, in file order.
    pub records: Vec<Record>,
    /// The records that were skipped, and why.
    pub skips: Vec<Skip>,
}

/// The formats newsdex reads, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, optionally with a `Key: value` header block (`.txt`, `.text`).
    Text,
    /// One JSON object or an array of them (`.json`).
    Json,
    /// One JSON object a line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// A web page (`.html`, `.htm`).
    Html,
}

/// The format of a file from its name, looking through a `.gz` suffix; `None` when newsdex
/// does not read such files. Returns whether the file is gzipped.
pub fn detect(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_string(), true),
        None => (name, false),
    };
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    let format = match ext {
        "txt" | "text" => Format::Text,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "html" | "htm" => Format::Html,
        _ => return None,
    };
    Some((format, gz))
}

/// Reads a file's bytes, enforcing the size limit. The error is the skip to report.
pub fn load(file: &SourceFile, max_size: u64) -> Result<Vec<u8>, Skip> {
    if file.size > max_size {
        return Err(Skip::new(
            &file.display,
            format!(
                "file is {} bytes, over the file size limit of {}",
                file.size,
                file_size_limit(max_size)
            ),
        ));
    }
    std::fs::read(&file.path).map_err(|e| Skip::new(&file.display, format!("cannot read: {e}")))
}

/// Content hash used for change detection.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Parses a file's bytes into records. `display` is the path used for ids and messages;
/// a `.gz` that expands to over `max_size` bytes is skipped, as is any article over
/// [`MAX_RECORD_BYTES`].
///
/// A truncated or corrupt `.gz` is skipped whole, except JSON Lines: there the complete lines
/// before the break are kept, and a skip says where the data broke off.
pub fn parse(display: &str, format: Format, gzipped: bool, bytes: &[u8], max_size: u64) -> Parsed {
    let mut parsed = parse_any_size(display, format, gzipped, bytes, max_size);
    let (records, over): (Vec<Record>, Vec<Record>) = std::mem::take(&mut parsed.records)
        .into_iter()
        .partition(|r| r.body.len() <= MAX_RECORD_BYTES);
    parsed.records = records;
    for r in over {
        let what = (r.id != display).then_some(r.id.as_str());
        parsed
            .skips
            .push(Skip::new(display, too_large(what, r.body.len())));
    }
    parsed
}

/// The skip reason of a record over [`MAX_RECORD_BYTES`]; `what` names it within its file.
pub fn too_large(what: Option<&str>, bytes: usize) -> String {
    let what = what.map(|w| format!("{w}: ")).unwrap_or_default();
    format!("{what}article is {bytes} bytes, over the limit of {MAX_RECORD_BYTES} per article")
}

fn parse_any_size(
    display: &str,
    format: Format,
    gzipped: bool,
    bytes: &[u8],
    max_size: u64,
) -> Parsed {
    let owned;
    let bytes = if gzipped {
        let (out, err) = decode::gunzip_partial(bytes, max_size);
        if let Some(reason) = err {
            return broken_gzip(display, format, out, reason);
        }
        owned = out;
        &owned[..]
    } else {
        bytes
    };
    match format {
        Format::Text => text::parse(display, bytes),
        Format::Json => json::parse(display, bytes, false),
        Format::JsonLines => json::parse(display, bytes, true),
        Format::Html => html::parse(display, bytes),
    }
}

/// What is kept of a broken gzip stream: the whole lines of a JSON Lines file, nothing else.
fn broken_gzip(display: &str, format: Format, mut out: Vec<u8>, reason: String) -> Parsed {
    let cut = out.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    if format != Format::JsonLines || cut == 0 {
        return Parsed {
            records: Vec::new(),
            skips: vec![Skip::new(display, reason)],
        };
    }
    out.truncate(cut);
    let mut parsed = json::parse(display, &out, true);
    let lines = out.iter().filter(|&&b| b == b'\n').count();
    parsed.skips.push(Skip::new(
        display,
        format!("{reason} after line {lines}; the records before it were kept"),
    ));
    parsed
}

/// Decodes a file's text (in the encoding it declares, if any, when it is not UTF-8); the error
/// is the `Parsed` holding the skip that says why.
fn decoded(
    display: &str,
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<String, Parsed> {
    decode::text_declared(bytes, declared).map_err(|reason| Parsed {
        records: Vec::new(),
        skips: vec![Skip::new(display, reason)],
    })
}

/// Parses a file that holds one article with `read`, whose error becomes the skip reason.
fn one_article(
    display: &str,
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
    read: fn(&str, &str) -> Result<Record, Refusal>,
) -> Parsed {
    let text = match decoded(display, bytes, declared) {
        Ok(t) => t,
        Err(parsed) => return parsed,
    };
    let mut parsed = Parsed::default();
    match read(display, &text) {
        Ok(record) => parsed.records.push(record),
        Err(reason) => parsed.skips.push(Skip::new(display, reason)),
    }
    parsed
}

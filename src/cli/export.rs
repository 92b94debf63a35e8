//! `newsdex export`: every match of a search, streamed as CSV (with a header line) or JSON
//! Lines, one row per article or quote.

use std::io::Write;
use std::path::Path;

use crate::cli::args::{ExportArgs, ExportFormat};
use crate::cli::{EXIT_NOTHING, EXIT_OK};
use crate::search::export::{self, COLUMNS};
use crate::search::run::Engine;

/// One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(out: &mut impl Write, value: &str) -> std::io::Result<()> {
    if value.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", value.replace('"', "\"\""))
    } else {
        out.write_all(value.as_bytes())
    }
}

/// One CSV line.
pub fn csv_line<'a>(
    out: &mut impl Write,
    values: impl IntoIterator<Item = &'a str>,
) -> std::io::Result<()> {
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        csv_field(out, v)?;
    }
    out.write_all(b"\n")
}

/// `newsdex export`: streams every match of a search to standard output.
pub fn run(dir: &Path, args: ExportArgs) -> anyhow::Result<u8> {
    let engine = Engine::open(dir)?;
    let req = super::filtered_request(args.query.join(" "), &args.filters);
    let matches = engine.matching(&req)?;
    for note in &matches.plan.notes {
        eprintln!("newsdex: note: {note}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut rows = 0u64;
    let written = (|| -> anyhow::Result<()> {
        if args.format == ExportFormat::Csv {
            csv_line(&mut out, COLUMNS)?;
        }
        export::rows(&matches, |row| {
            rows += 1;
            let w = match args.format {
                ExportFormat::Csv => csv_line(&mut out, row.values()),
                ExportFormat::Jsonl => serde_json::to_writer(&mut out, &row)
                    .map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n")),
            };
            w.map_err(|e| crate::Error::io("stdout", e))
        })?;
        out.flush()?;
        Ok(())
    })();
    if let Err(e) = written {
        // A reader that stops early (`| head`) is no error.
        let broken_pipe = e.chain().any(|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        });
        if !broken_pipe {
            return Err(e);
        }
    }
    std::mem::forget(engine);
    Ok(if rows == 0 { EXIT_NOTHING } else { EXIT_OK })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut out = Vec::new();
        csv_line(&mut out, ["a", "b,c", "say \"no\"", "two\nlines", ""]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"no\"\"\",\"two\nlines\",\n"
        );
    }
}

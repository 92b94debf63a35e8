use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use newsdex::cli::Cli;
use newsdex::cli::args::Command;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsdex: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => {
            let (files, skips) = newsdex::ingest::walk(&args.paths)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for skip in skips {
                eprintln!("newsdex: skipped {}: {}", skip.path, skip.reason);
            }
            for file in &files {
                let bytes = match newsdex::ingest::load(file, args.max_file_size) {
                    Ok(b) => b,
                    Err(skip) => {
                        eprintln!("newsdex: skipped {}: {}", skip.path, skip.reason);
                        continue;
                    }
                };
                let Some((format, gz)) = newsdex::ingest::detect(&file.path) else {
                    continue;
                };
                let parsed = newsdex::ingest::parse(&file.display, format, gz, &bytes);
                for skip in parsed.skips {
                    eprintln!("newsdex: skipped {}: {}", skip.path, skip.reason);
                }
                for record in parsed.records {
                    let analysis = newsdex::extract::analyze(&record);
                    let v = newsdex::cli::extract_json::record_json(&record, &analysis);
                    writeln!(out, "{v}")?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        _ => anyhow::bail!("not implemented yet"),
    }
}

//! Rebuilds the shipped entity models: `train-ner [--caseless] CONLL_TRAIN OUT_MODEL
//! [UNLABELED_DIR...]` (`models/ner.bin`; with `--caseless`, `models/ner-caseless.bin`).
//! Without unlabeled folders, the news folders beside the CoNLL data (`../reuters21578`,
//! `../bbc` relative to the training file's folder) are used when present.
//!
//! `train-ner --eval CONLL CASED_MODEL [CASELESS_MODEL]` scores model files on CoNLL text as
//! it is, upper-cased and lower-cased (gold tokens and sentences, the shipped choice between
//! the two models), to compare trainings on held-out data without rebuilding newsdex.
//!
//! `train-ner --bench PATH...` instead times the shipped model: load time, then tokenizing,
//! tagging and canonicalizing the article bodies found under PATH (JSON Lines `body` fields or
//! text files), on one core. `train-ner --check-tokens CONLL` checks the tokenizer against
//! CoNLL tokens.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use newsdex::extract::ner::cluster::{self, Corpus};
use newsdex::extract::ner::train::{Options, train};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--bench") {
        return bench(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("--eval") {
        return eval(&args[1..]);
    }
    if let [flag, file] = args.as_slice()
        && flag == "--check-tokens"
    {
        return check_tokens(file);
    }
    let caseless = args.first().map(String::as_str) == Some("--caseless");
    let [conll, out, rest @ ..] = &args[usize::from(caseless)..] else {
        eprintln!("usage: train-ner [--caseless] CONLL_TRAIN OUT_MODEL [UNLABELED_DIR...]");
        return ExitCode::from(2);
    };
    let conll = PathBuf::from(conll);
    let mut opts = Options {
        caseless,
        ..Options::default()
    };
    if caseless {
        // A third, finer level of word classes: upper-cased F1 +0.3 and +0.6 on two held-out
        // fifths of eng.train (the cased model is left as it was).
        opts.cluster_sizes = vec![40, 160, 640];
    }
    if let Ok(e) = std::env::var("NER_EPOCHS") {
        let Ok(epochs) = e.trim().parse() else {
            eprintln!("train-ner: NER_EPOCHS must be a whole number, not {e:?}");
            return ExitCode::from(2);
        };
        opts.epochs = epochs;
    }
    if let Ok(c) = std::env::var("NER_CLUSTERS") {
        // Cluster counts, coarse to fine, e.g. "64,256"; empty for none.
        let sizes: Result<Vec<usize>, _> = c
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::parse)
            .collect();
        let Ok(sizes) = sizes else {
            eprintln!(
                "train-ner: NER_CLUSTERS must be whole numbers separated by commas, not {c:?}"
            );
            return ExitCode::from(2);
        };
        opts.cluster_sizes = sizes;
    }
    let unlabeled: Vec<PathBuf> = if rest.is_empty() {
        let data = conll
            .parent()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
            .unwrap_or_default();
        ["reuters21578", "bbc"]
            .iter()
            .map(|d| data.join(d))
            .filter(|p| p.is_dir())
            .collect()
    } else {
        rest.iter().map(PathBuf::from).collect()
    };
    let started = std::time::Instant::now();
    let Ok(text) = std::fs::read_to_string(&conll) else {
        eprintln!("train-ner: cannot read {}", conll.display());
        return ExitCode::from(1);
    };
    let mut corpus = Corpus::default();
    for dir in &unlabeled {
        if let Err(e) = read_unlabeled(dir, &mut corpus) {
            eprintln!("train-ner: {e}");
            return ExitCode::from(1);
        }
    }
    let model = train(&text, corpus, &opts, |line| {
        eprintln!("[{:6.1}s] {line}", started.elapsed().as_secs_f64())
    });
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("train-ner: {out}: {e}");
        return ExitCode::from(1);
    }
    eprintln!(
        "wrote {out}: {} bytes, {} features, {:.1}s",
        bytes.len(),
        model.n_features(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Adds the news files under `path` to the corpus, in file-name order.
fn read_unlabeled(path: &Path, corpus: &mut Corpus) -> Result<(), String> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        cluster::add_news_file(ext, &String::from_utf8_lossy(&bytes), corpus);
    }
    Ok(())
}

fn bench(paths: &[String]) -> ExitCode {
    let t = std::time::Instant::now();
    let loaded = newsdex::extract::ner::model().is_some();
    let load = t.elapsed();
    if !loaded {
        eprintln!("train-ner: the shipped model did not load");
        return ExitCode::from(1);
    }
    let mut bodies = Vec::new();
    for p in paths {
        for e in walkdir::WalkDir::new(p).into_iter().filter_map(Result::ok) {
            if !e.file_type().is_file() {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            if e.path().extension().is_some_and(|x| x == "jsonl") {
                for line in text.lines() {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                        && let Some(b) = v.get("body").and_then(|b| b.as_str())
                    {
                        bodies.push(b.to_string());
                    }
                }
            } else {
                bodies.push(text);
            }
        }
    }
    let bytes: usize = bodies.iter().map(String::len).sum();
    let t = std::time::Instant::now();
    let cpu0 = cpu_seconds();
    let mut n_tokens = 0;
    let mut n_entities = 0;
    for b in &bodies {
        let tokens = newsdex::extract::token::tokenize(b);
        let mentions = newsdex::extract::ner::tag(b, &tokens);
        n_tokens += tokens.len();
        n_entities += newsdex::extract::canon::canonicalize(b, mentions).len();
    }
    let wall = t.elapsed().as_secs_f64();
    let secs = cpu_seconds().map_or(wall, |c| c - cpu0.unwrap_or(0.0));
    let t = std::time::Instant::now();
    for b in &bodies {
        std::hint::black_box(newsdex::extract::token::tokenize(b));
    }
    let tok_secs = t.elapsed().as_secs_f64();
    let cpu0 = cpu_seconds();
    for _ in 0..10 {
        std::hint::black_box(
            newsdex::extract::ner::model::Model::from_bytes(newsdex::extract::ner::model_bytes())
                .is_ok(),
        );
    }
    if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
        println!(
            "model decode: {:.1} ms CPU on average over 10 loads",
            (b - a) * 100.0
        );
    }
    if let Some(m) = newsdex::extract::ner::model() {
        println!(
            "model load: {:.1} ms ({} features, {} gazetteer words, {} phrases, {} clustered words, {} true-case words)",
            load.as_secs_f64() * 1e3,
            m.n_features(),
            m.lex.gaz_tokens.len(),
            m.lex.phrase_list.len(),
            m.lex.clusters.len(),
            m.truecase.len()
        );
    }
    println!(
        "{} articles, {:.1} MB, {} tokens, {} entities: tokenize+tag+canonicalize {:.2} s CPU ({:.2} s wall) = {:.2} MB/s on one core (tokenize alone {:.1} MB/s wall)",
        bodies.len(),
        bytes as f64 / 1e6,
        n_tokens,
        n_entities,
        secs,
        wall,
        bytes as f64 / 1e6 / secs,
        bytes as f64 / 1e6 / tok_secs
    );
    ExitCode::SUCCESS
}

/// Scores model files on a CoNLL file in three cases; see the top comment.
fn eval(args: &[String]) -> ExitCode {
    use newsdex::extract::ner::model::Model;
    let [conll, cased, rest @ ..] = args else {
        eprintln!("usage: train-ner --eval CONLL CASED_MODEL [CASELESS_MODEL]");
        return ExitCode::from(2);
    };
    let load = |path: &String| -> Option<Model> {
        let bytes = std::fs::read(path)
            .map_err(|e| eprintln!("train-ner: {path}: {e}"))
            .ok()?;
        Model::from_bytes(&bytes)
            .map_err(|e| eprintln!("train-ner: {path}: {e}"))
            .ok()
    };
    let Ok(text) = std::fs::read_to_string(conll) else {
        eprintln!("train-ner: cannot read {conll}");
        return ExitCode::from(1);
    };
    let Some(cased) = load(cased) else {
        return ExitCode::from(1);
    };
    let caseless = match rest.first() {
        Some(p) => match load(p) {
            Some(m) => Some(m),
            None => return ExitCode::from(1),
        },
        None => None,
    };
    let docs = newsdex::extract::ner::train::read_conll(&text);
    const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
    let mut summary = Vec::new();
    for case in ["mixed", "upper", "lower"] {
        // [correct, predicted, gold] per type.
        let mut counts = [[0usize; 3]; 4];
        for d in &docs {
            let mut body = String::new();
            let mut tokens = Vec::new();
            let mut gold = std::collections::HashSet::new();
            for s in &d.sents {
                let first = tokens.len();
                for w in &s.words {
                    let start = body.len();
                    body.push_str(&recase(w, case));
                    tokens.push(newsdex::extract::token::Token {
                        span: newsdex::article::Span::new(start, body.len()),
                    });
                    body.push(' ');
                }
                body.pop();
                body.push('\n');
                for (a, b, t) in newsdex::extract::ner::train::entities(&s.tags) {
                    gold.insert((first + a, first + b, t));
                }
            }
            let model = newsdex::extract::ner::choose(&cased, caseless.as_ref(), &body);
            let by_start: std::collections::HashMap<usize, usize> = tokens
                .iter()
                .enumerate()
                .map(|(i, t)| (t.span.start, i))
                .collect();
            let by_end: std::collections::HashMap<usize, usize> = tokens
                .iter()
                .enumerate()
                .map(|(i, t)| (t.span.end, i + 1))
                .collect();
            let mut pred = std::collections::HashSet::new();
            for (span, kind) in newsdex::extract::ner::tag_with(model, &body, &tokens) {
                let t = TYPES.iter().position(|x| *x == kind.as_str()).unwrap_or(0);
                if let (Some(&a), Some(&b)) = (by_start.get(&span.start), by_end.get(&span.end)) {
                    pred.insert((a, b, t));
                }
            }
            for &(_, _, t) in &gold {
                counts[t][2] += 1;
            }
            for p in &pred {
                counts[p.2][1] += 1;
                counts[p.2][0] += usize::from(gold.contains(p));
            }
        }
        let f1 = |c: [usize; 3]| {
            let p = c[0] as f64 / c[1].max(1) as f64;
            let r = c[0] as f64 / c[2].max(1) as f64;
            if p + r > 0.0 {
                200.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let total = counts
            .iter()
            .fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
        let per_type: Vec<String> = TYPES
            .iter()
            .zip(counts)
            .map(|(t, c)| format!("{t} {:.2}", f1(c)))
            .collect();
        println!("{case}: F1 {:.2} ({})", f1(total), per_type.join(", "));
        summary.push(format!("{case} {:.2}", f1(total)));
    }
    println!("F1 {}", summary.join(" "));
    ExitCode::SUCCESS
}

/// A word in the given case ("mixed" keeps it), each character mapped only where its mapping
/// is one character, as the eval script does.
fn recase(w: &str, case: &str) -> String {
    w.chars()
        .map(|c| {
            let mut m: Vec<char> = match case {
                "upper" => c.to_uppercase().collect(),
                "lower" => c.to_lowercase().collect(),
                _ => vec![c],
            };
            if m.len() == 1 { m.remove(0) } else { c }
        })
        .collect()
}

/// Counts CoNLL sentences whose space-joined words the tokenizer does not give back.
fn check_tokens(file: &str) -> ExitCode {
    let Ok(text) = std::fs::read_to_string(file) else {
        eprintln!("train-ner: cannot read {file}");
        return ExitCode::from(1);
    };
    let docs = newsdex::extract::ner::train::read_conll(&text);
    let (mut total, mut bad) = (0, 0);
    for s in docs.iter().flat_map(|d| &d.sents) {
        total += 1;
        let line = s.words.join(" ");
        let got: Vec<&str> = newsdex::extract::token::tokenize(&line)
            .iter()
            .map(|t| t.text(&line))
            .collect();
        if got != s.words {
            bad += 1;
            if bad <= 15 {
                println!("{line}\n  -> {}", got.join(" | "));
            }
        }
    }
    println!("{bad} of {total} sentences tokenized differently");
    ExitCode::SUCCESS
}

/// This process' user + system CPU time (Linux), to measure speed on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

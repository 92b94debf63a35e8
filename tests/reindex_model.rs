//! Model-based testing of re-indexing (issue 16), as SQLite and FoundationDB test themselves:
//! random sequences of operations on an archive of real articles (`corpus/`, `tests/fixtures/`)
//! — add, change, delete, rename, touch without change, truncate to zero, replace by a binary
//! file, a file growing while `newsdex index` reads it — with `newsdex index` after each step,
//! sometimes killed mid-run (SIGKILL), sometimes on a nearly full disk. After each step the
//! index holds exactly the articles of the files present, each once (a killed or failed run:
//! exactly those of the last commit); at the end of each sequence its rows, counts and a few
//! searches equal a fresh build's.
//!
//! `cargo test --test reindex_model` runs a few hundred cycles; `NEWSDEX_MODEL_CYCLES=N` runs
//! about N (`scripts/reindex-model`: 2,000). The nearly full disk is a small tmpfs, so it needs
//! mount privileges; without them the disk-full faults are left out, with the reason printed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;
use tempfile::TempDir;

mod common;

/// Steps per sequence (one sequence is one archive, one index and one fresh build at its end).
const STEPS: usize = 25;
/// Sequences in a plain `cargo test` run.
const CI_SEQUENCES: u32 = 8;

/// The articles the archive is made of: whole files that hold one article each (text, HTML;
/// their id is their path, or the `ID:` line of a text's header block), and JSON records that
/// files of 1 to 3 records are made of. Each id is in the pool once.
struct Pool {
    texts: Vec<(Vec<u8>, Option<String>)>,
    pages: Vec<Vec<u8>>,
    /// `(id, line)`: one JSON Lines record.
    records: Vec<(String, String)>,
}

impl Pool {
    fn load() -> Pool {
        let mut texts = Vec::new();
        let mut pages = Vec::new();
        let mut records = Vec::new();
        let mut add_record = |v: &Value| {
            let id = v["id"].as_str().unwrap().to_string();
            if !records.iter().any(|(i, _)| *i == id) {
                records.push((id, v.to_string()));
            }
        };
        for root in ["corpus", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
                let entry = entry.unwrap();
                let path = entry.path();
                let name = path.to_string_lossy();
                let bytes = || std::fs::read(path).unwrap();
                if name.ends_with(".txt") {
                    let text = bytes();
                    let id = header_id(&text);
                    if id.is_none() || !texts.iter().any(|(_, i)| *i == id) {
                        texts.push((text, id));
                    }
                } else if name.ends_with(".html") {
                    pages.push(bytes());
                } else if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
                    let mut text = String::new();
                    let raw = bytes();
                    if name.ends_with(".gz") {
                        use std::io::Read;
                        flate2::read::GzDecoder::new(&raw[..])
                            .read_to_string(&mut text)
                            .unwrap();
                    } else {
                        text = String::from_utf8(raw).unwrap();
                    }
                    for line in text.lines().filter(|l| !l.trim().is_empty()) {
                        add_record(&serde_json::from_str(line).unwrap());
                    }
                } else if name.ends_with(".json") {
                    let v: Value = serde_json::from_slice(&bytes()).unwrap();
                    v.as_array().unwrap().iter().for_each(&mut add_record);
                }
            }
        }
        assert!(texts.len() > 20 && pages.len() >= 2 && records.len() > 50);
        Pool {
            texts,
            pages,
            records,
        }
    }
}

/// The id an `ID:` line of a text's header block (its first lines, up to a blank one) gives.
fn header_id(text: &[u8]) -> Option<String> {
    String::from_utf8_lossy(text)
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .find_map(|l| l.strip_prefix("ID:").map(|id| id.trim().to_string()))
}

/// What one file of the archive holds, as the model sees it.
#[derive(Debug, Clone)]
enum Holds {
    /// One article (text or HTML), its id given or else the file's path.
    Article(Option<String>),
    /// These records of the pool (a JSON Lines file).
    Records(Vec<usize>),
    /// Nothing: an empty file.
    Empty,
    /// Nothing that is an article: a binary file.
    Binary,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Page,
    Lines,
}

impl Kind {
    fn ext(self) -> &'static str {
        match self {
            Kind::Text => "txt",
            Kind::Page => "html",
            Kind::Lines => "jsonl",
        }
    }

    fn of(path: &Path) -> Kind {
        match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => Kind::Text,
            Some("html") => Kind::Page,
            _ => Kind::Lines,
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    Add(Kind, Index),
    /// A copy under a new name: a JSON Lines copy holds the same records (ids).
    Copy(Index, bool),
    Change(Index, Index),
    Delete(Index),
    Rename(Index, bool),
    Touch(Index),
    Truncate(Index),
    Binary(Index, u16),
    /// Appended to while the index runs.
    Grow(Index),
    /// Nothing changes.
    Again,
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    None,
    /// SIGKILL after this fraction of a typical run.
    Kill(f64),
    /// The index's disk has only this many bytes free during the run.
    DiskFull(u32),
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::Text), Just(Kind::Page), Just(Kind::Lines)]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (kind(), any::<Index>()).prop_map(|(k, i)| Op::Add(k, i)),
        2 => (any::<Index>(), any::<bool>()).prop_map(|(f, d)| Op::Copy(f, d)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(f, i)| Op::Change(f, i)),
        2 => any::<Index>().prop_map(Op::Delete),
        2 => (any::<Index>(), any::<bool>()).prop_map(|(f, d)| Op::Rename(f, d)),
        2 => any::<Index>().prop_map(Op::Touch),
        1 => any::<Index>().prop_map(Op::Truncate),
        1 => (any::<Index>(), 16u16..4096).prop_map(|(f, n)| Op::Binary(f, n)),
        2 => any::<Index>().prop_map(Op::Grow),
        1 => Just(Op::Again),
    ]
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        14 => Just(Fault::None),
        3 => (0.0..1.2f64).prop_map(Fault::Kill),
        3 => (0u32..400_000).prop_map(Fault::DiskFull),
    ]
}

/// Totals over every sequence, printed at the end.
#[derive(Debug, Default)]
struct Tally {
    sequences: u64,
    cycles: u64,
    kills: u64,
    disk_full_runs: u64,
    disk_full_failures: u64,
    /// Bytes of files no commit uses, right after the runs that failed for space.
    orphaned_after_failure: u64,
    /// The same at the end of each sequence, after a run that succeeded.
    orphaned_at_end: u64,
    grown_while_read: u64,
    lost: u64,
    duplicated: u64,
    fresh_builds: u64,
}

/// The newsdex binary.
fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("newsdex")
}

fn index_command(index: &Path, archive: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("--index")
        .arg(index)
        .arg("index")
        .arg(archive)
        .args(["--json", "--quiet", "-j", "2", "--memory", "40"])
        .env_remove("NEWSDEX_INDEX")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// The article rows of the index: `(path, article id)`, one per article document.
fn articles(index: &Path) -> Vec<(String, String)> {
    rows(index, &["--articles"])
        .into_iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["article_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every row `newsdex export --format jsonl` writes, with `flags`.
fn rows(index: &Path, flags: &[&str]) -> Vec<Value> {
    if !index.join("meta.json").exists() {
        return Vec::new();
    }
    let out = common::newsdex(index)
        .args(["export", "--format", "jsonl"])
        .args(flags)
        .output()
        .unwrap();
    // Exit 1 is an export with no match.
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(common::json)
        .collect()
}

/// One sequence's archive, index and model.
struct World<'p> {
    pool: &'p Pool,
    archive: PathBuf,
    index: PathBuf,
    /// The tmpfs the index is on, when it could be mounted.
    disk: Option<PathBuf>,
    files: BTreeMap<PathBuf, Holds>,
    /// What the index held after the last step: `(path, ids)`.
    committed: BTreeMap<String, BTreeSet<String>>,
    next_name: u64,
    /// A typical run's wall time, for the kill points.
    typical: Duration,
    tally: &'p mut Tally,
}

/// The key newsdex files an article under: its canonical path, as text.
fn key(path: &Path) -> String {
    path.canonicalize().unwrap().to_string_lossy().into_owned()
}

impl World<'_> {
    fn pick(&self, i: &Index) -> Option<PathBuf> {
        (!self.files.is_empty())
            .then(|| self.files.keys().nth(i.index(self.files.len())))?
            .cloned()
    }

    fn new_path(&mut self, kind: Kind, deep: bool) -> PathBuf {
        self.next_name += 1;
        let dir = if deep {
            self.archive.join(format!("d{}", self.next_name % 3))
        } else {
            self.archive.clone()
        };
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(format!("f{:04}.{}", self.next_name, kind.ext()))
    }

    /// `n` records no file holds, from the `pick`th on.
    fn free_records(&self, pick: usize, n: usize) -> Vec<usize> {
        let held: BTreeSet<usize> = self
            .files
            .values()
            .filter_map(|h| match h {
                Holds::Records(rs) => Some(rs.iter().copied()),
                _ => None,
            })
            .flatten()
            .collect();
        let free: Vec<usize> = (0..self.pool.records.len())
            .filter(|r| !held.contains(r))
            .collect();
        let start = pick % free.len().max(1);
        free.iter()
            .cycle()
            .skip(start)
            .take(n.min(free.len()))
            .copied()
            .collect()
    }

    /// Writes new content for `path` (its kind by its name) and records it in the model.
    fn write_new(&mut self, path: &Path, pick: usize) {
        let (bytes, holds) = match Kind::of(path) {
            Kind::Text => {
                let (text, id) = &self.pool.texts[pick % self.pool.texts.len()];
                (text.clone(), Holds::Article(id.clone()))
            }
            Kind::Page => (
                self.pool.pages[pick % self.pool.pages.len()].clone(),
                Holds::Article(None),
            ),
            Kind::Lines => {
                let n = 1 + pick % 3;
                let rs = self.free_records(pick, n);
                let mut text = String::new();
                for &r in &rs {
                    text.push_str(&self.pool.records[r].1);
                    text.push('\n');
                }
                let holds = if rs.is_empty() {
                    Holds::Empty
                } else {
                    Holds::Records(rs)
                };
                (text.into_bytes(), holds)
            }
        };
        std::fs::write(path, bytes).unwrap();
        self.files.insert(path.to_path_buf(), holds);
    }

    /// What the index must hold for the archive as it is: each article id once, under one of
    /// the files holding it.
    fn expected(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (path, holds) in &self.files {
            let k = key(path);
            let ids: Vec<String> = match holds {
                Holds::Article(id) => vec![id.clone().unwrap_or_else(|| k.clone())],
                Holds::Records(rs) => rs.iter().map(|&r| self.pool.records[r].0.clone()).collect(),
                Holds::Empty | Holds::Binary => continue,
            };
            for id in ids {
                out.entry(id).or_default().insert(k.clone());
            }
        }
        out
    }

    /// Applies `op` to the archive; a growing file comes back with the records still to append.
    fn apply(&mut self, op: &Op) -> Option<(PathBuf, Vec<Vec<u8>>)> {
        match op {
            Op::Add(kind, pick) => {
                let path = self.new_path(*kind, pick.index(2) == 1);
                self.write_new(&path, pick.index(1 << 20));
            }
            Op::Copy(f, deep) => {
                let from = self.pick(f)?;
                let to = self.new_path(Kind::of(&from), *deep);
                std::fs::copy(&from, &to).unwrap();
                let holds = self.files[&from].clone();
                self.files.insert(to, holds);
            }
            Op::Change(f, pick) => {
                let path = self.pick(f)?;
                self.write_new(&path, pick.index(1 << 20));
            }
            Op::Delete(f) => {
                let path = self.pick(f)?;
                std::fs::remove_file(&path).unwrap();
                self.files.remove(&path);
            }
            Op::Rename(f, deep) => {
                let from = self.pick(f)?;
                let to = self.new_path(Kind::of(&from), *deep);
                std::fs::rename(&from, &to).unwrap();
                let holds = self.files.remove(&from).unwrap();
                self.files.insert(to, holds);
            }
            Op::Touch(f) => {
                let path = self.pick(f)?;
                let file = std::fs::File::options().write(true).open(&path).unwrap();
                file.set_modified(SystemTime::now() + Duration::from_secs(self.next_name % 7 + 1))
                    .unwrap();
                self.next_name += 1;
            }
            Op::Truncate(f) => {
                let path = self.pick(f)?;
                std::fs::File::create(&path).unwrap();
                self.files.insert(path, Holds::Empty);
            }
            Op::Binary(f, n) => {
                let path = self.pick(f)?;
                let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
                let mut x = *n as u32 | 1;
                bytes.extend((0..*n).map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x as u8
                }));
                std::fs::write(&path, bytes).unwrap();
                self.files.insert(path, Holds::Binary);
            }
            Op::Grow(f) => {
                let path = self.pick(f)?;
                // Text grows by paragraphs of another article (the id stays the path), JSON
                // Lines by records no file holds, each written in two halves.
                let chunks: Vec<Vec<u8>> = match (Kind::of(&path), self.files.get(&path)?) {
                    (Kind::Lines, Holds::Records(_) | Holds::Empty) => {
                        let mut rs = match self.files.get(&path) {
                            Some(Holds::Records(rs)) => rs.clone(),
                            _ => Vec::new(),
                        };
                        let new = self.free_records(f.index(1 << 20), 3);
                        let lines = new
                            .iter()
                            .map(|&r| format!("{}\n", self.pool.records[r].1).into_bytes())
                            .collect();
                        rs.extend(new);
                        if !rs.is_empty() {
                            self.files.insert(path.clone(), Holds::Records(rs));
                        }
                        lines
                    }
                    // Only a text named by its path: two files of one id hold one text.
                    (Kind::Text, Holds::Article(None) | Holds::Empty) => {
                        self.files.insert(path.clone(), Holds::Article(None));
                        let plain: Vec<&Vec<u8>> = self
                            .pool
                            .texts
                            .iter()
                            .filter_map(|(t, id)| id.is_none().then_some(t))
                            .collect();
                        let more = f.get(&plain);
                        more.split(|&b| b == b'\n')
                            .filter(|l| !l.is_empty())
                            .take(6)
                            .map(|l| [b"\n", l].concat())
                            .collect()
                    }
                    _ => return None,
                };
                return Some((path, chunks));
            }
            Op::Again => {}
        }
        None
    }

    /// Runs `newsdex index` under `fault`, appending `grow` to its file meanwhile. Returns
    /// whether the run may not have committed (killed, or failed for space).
    fn run(&mut self, fault: Fault, grow: Option<(PathBuf, Vec<Vec<u8>>)>) -> bool {
        let ballast = match (fault, &self.disk) {
            (Fault::DiskFull(free), Some(disk)) => Some(common::Ballast::fill(disk, free as u64)),
            _ => None,
        };
        let started = Instant::now();
        let mut child = index_command(&self.index, &self.archive).spawn().unwrap();
        let grower = grow.map(|(path, chunks)| {
            self.tally.grown_while_read += 1;
            std::thread::spawn(move || {
                let mut f = std::fs::File::options().append(true).open(path).unwrap();
                for chunk in chunks {
                    let (a, b) = chunk.split_at(chunk.len() / 2);
                    for half in [a, b] {
                        f.write_all(half).unwrap();
                        f.flush().unwrap();
                        std::thread::sleep(Duration::from_millis(3));
                    }
                }
            })
        });
        let mut uncertain = false;
        if let Fault::Kill(fraction) = fault {
            std::thread::sleep(self.typical.mul_f64(fraction));
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap();
                self.tally.kills += 1;
                uncertain = true;
            }
        }
        let out = child.wait_with_output().unwrap();
        if let Some(g) = grower {
            g.join().unwrap();
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        if ballast.is_some() {
            self.tally.disk_full_runs += 1;
        }
        if !uncertain {
            if out.status.success() {
                if matches!(fault, Fault::None) {
                    let t = started.elapsed();
                    self.typical = (self.typical * 3 + t) / 4;
                }
            } else {
                // Only a full disk may fail a run, with one readable line.
                assert!(
                    ballast.is_some() && stderr.contains("No space left on device"),
                    "newsdex index failed: {stderr}"
                );
                assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
                self.tally.disk_full_failures += 1;
                uncertain = true;
                // Counted and reported (`no_disk_full_failure_leaves_orphaned_bytes` asserts
                // it). A first run that failed leaves no commit to compare with.
                if self.index.join("meta.json").exists() {
                    self.tally.orphaned_after_failure += common::orphaned_bytes(&self.index);
                }
            }
        }
        uncertain
    }

    /// Checks the index against the model after a step. `uncertain`: the run may not have
    /// committed, so the last commit is allowed too. `grown`: the file that grew during the
    /// run may hold any part of what it was given.
    fn check(&mut self, uncertain: bool, grown: Option<&Path>) -> Result<(), TestCaseError> {
        let rows = articles(&self.index);
        let mut held: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        let mut duplicated = 0;
        for (path, id) in &rows {
            if !seen.insert(id.clone()) {
                duplicated += 1;
            }
            held.entry(path.clone()).or_default().insert(id.clone());
        }
        let expected = self.expected();
        let grown = grown.map(key);
        // Every id held is expected, under a file that holds it; every expected id is held,
        // but for those only the file still growing during the run holds.
        let ok_now = held.iter().all(|(path, ids)| {
            ids.iter()
                .all(|id| expected.get(id).is_some_and(|paths| paths.contains(path)))
        }) && expected.iter().all(|(id, paths)| {
            seen.contains(id)
                || grown
                    .as_ref()
                    .is_some_and(|g| paths.len() == 1 && paths.contains(g))
        });
        let ok = ok_now || (uncertain && held == self.committed);
        let lost = if ok {
            0
        } else {
            expected.keys().filter(|id| !seen.contains(*id)).count() as u64
        };
        self.tally.lost += lost;
        self.tally.duplicated += duplicated;
        prop_assert_eq!(duplicated, 0, "duplicated articles: {:?}", rows);
        prop_assert!(
            ok,
            "index holds {:#?}\nexpected {:#?}\n(last commit {:#?}, uncertain {})",
            held,
            expected,
            self.committed,
            uncertain
        );
        self.committed = held;
        Ok(())
    }

    /// The index against a fresh build of the archive: every row, the counts, a few searches.
    fn compare_with_fresh(&mut self, scratch: &Path) -> Result<(), TestCaseError> {
        let fresh = scratch.join("fresh");
        let _ = std::fs::remove_dir_all(&fresh);
        let out = index_command(&fresh, &self.archive).output().unwrap();
        prop_assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.tally.fresh_builds += 1;
        let sorted = |index: &Path| {
            // Of two files with one id either may hold its article: rows without their path.
            let mut r: Vec<String> = rows(index, &[])
                .into_iter()
                .map(|mut row| {
                    row.as_object_mut().unwrap().remove("path");
                    row.to_string()
                })
                .collect();
            r.sort();
            r
        };
        prop_assert_eq!(sorted(&self.index), sorted(&fresh));
        if self.index.join("meta.json").exists() {
            prop_assert_eq!(common::counts(&self.index), common::counts(&fresh));
            // Articles and quotes apart: a search shows an article or its best quote, and
            // which is best depends on statistics that count deleted documents.
            for (query, only) in [
                ("said", "--articles"),
                ("said", "--quotes"),
                ("government minister", "--articles"),
                ("speaker:clinton", "--quotes"),
            ] {
                let hits = |index: &Path| {
                    let mut h: Vec<String> =
                        common::top_hits(index, query, &["--no-collapse", only], 1000)
                            .into_iter()
                            .map(|(_, doc)| doc)
                            .collect();
                    h.sort();
                    h
                };
                prop_assert_eq!(hits(&self.index), hits(&fresh), "{} {}", query, only);
            }
        }
        Ok(())
    }
}

fn sequence(
    pool: &Pool,
    disk: Option<&Path>,
    steps: &[(Op, Fault)],
    tally: &mut Tally,
) -> Result<(), TestCaseError> {
    let scratch = TempDir::new().unwrap();
    let archive = scratch.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let index = match disk {
        Some(d) => {
            let _ = std::fs::remove_dir_all(d.join("index"));
            d.join("index")
        }
        None => scratch.path().join("index"),
    };
    tally.sequences += 1;
    let mut world = World {
        pool,
        archive: archive.canonicalize().unwrap(),
        index,
        disk: disk.map(Path::to_path_buf),
        files: BTreeMap::new(),
        committed: BTreeMap::new(),
        next_name: 0,
        typical: Duration::from_millis(300),
        tally,
    };
    // A few files to start from.
    for (i, kind) in [Kind::Text, Kind::Lines, Kind::Page, Kind::Text]
        .iter()
        .enumerate()
    {
        let path = world.new_path(*kind, false);
        world.write_new(&path, i * 7);
    }
    for (op, fault) in steps {
        let grow = world.apply(op);
        let grown = grow.as_ref().map(|(p, _)| p.clone());
        let uncertain = world.run(*fault, grow);
        world.tally.cycles += 1;
        world.check(uncertain, grown.as_deref())?;
    }
    // A last plain run settles a growing file or a failed run; then the fresh build.
    let uncertain = world.run(Fault::None, None);
    world.check(uncertain, None)?;
    if world.index.join("meta.json").exists() {
        world.tally.orphaned_at_end += common::orphaned_bytes(&world.index);
    }
    world.compare_with_fresh(scratch.path())
}

/// Runs about `cycles` re-index cycles and prints what they injected.
fn run_model(cycles: u64) {
    let pool = Pool::load();
    let mount_dir = TempDir::new().unwrap();
    let disk = match common::Tmpfs::mount(&mount_dir.path().join("disk"), "24m") {
        Ok(d) => Some(d),
        Err(reason) => {
            println!("disk-full faults left out: cannot mount a small tmpfs ({reason})");
            None
        }
    };
    let disk_path = disk.as_ref().map(|d| d.0.clone());
    let sequences = cycles.div_ceil(STEPS as u64).max(1) as u32;
    let mut runner = TestRunner::new(Config {
        cases: sequences,
        // Each shrink step replays a whole sequence.
        max_shrink_iters: 16,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = std::cell::RefCell::new(Tally::default());
    let started = Instant::now();
    let strategy = proptest::collection::vec((op(), fault()), STEPS);
    let result = runner.run(&strategy, |steps| {
        sequence(&pool, disk_path.as_deref(), &steps, &mut tally.borrow_mut())
    });
    let tally = tally.into_inner();
    println!(
        "reindex model: {} sequences, {} cycles, {} kills, {} disk-full runs ({} failed for space), \
         {} files grown while read, {} fresh builds compared; lost {}, duplicated {}; \
         orphaned bytes after failed runs {}, at the ends of sequences {}; {:.1} s",
        tally.sequences,
        tally.cycles,
        tally.kills,
        tally.disk_full_runs,
        tally.disk_full_failures,
        tally.grown_while_read,
        tally.fresh_builds,
        tally.lost,
        tally.duplicated,
        tally.orphaned_after_failure,
        tally.orphaned_at_end,
        started.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn random_reindex_cycles_keep_exactly_the_articles_of_the_files_present() {
    let cycles = std::env::var("NEWSDEX_MODEL_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_SEQUENCES as u64 * STEPS as u64);
    run_model(cycles);
}

/// A file and its copy hold the same articles once; removing or changing either gives the
/// other's back (the copy read last had replaced them).
#[test]
fn removing_one_of_two_copies_keeps_their_articles() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::copy("tests/fixtures/reuters-3.jsonl", archive.join("a.jsonl")).unwrap();
    std::fs::copy("tests/fixtures/reuters-3.jsonl", archive.join("b.jsonl")).unwrap();
    std::fs::copy("corpus/time/time-017.txt", archive.join("c.txt")).unwrap();
    std::fs::copy("corpus/time/time-017.txt", archive.join("d.txt")).unwrap();
    let index = dir.path().join("index");
    let run = || {
        let out = index_command(&index, &archive).output().unwrap();
        common::success_json(out)
    };
    run();
    let both = common::counts(&index);
    assert_eq!(both.0, 4, "each id once");
    std::fs::remove_file(archive.join("b.jsonl")).unwrap();
    std::fs::remove_file(archive.join("d.txt")).unwrap();
    run();
    assert_eq!(common::counts(&index), both);
    // A copy changed to other articles gives the first file's back too.
    std::fs::copy(archive.join("a.jsonl"), archive.join("e.jsonl")).unwrap();
    run();
    std::fs::copy(
        "tests/fixtures/reuters-headlines.jsonl",
        archive.join("e.jsonl"),
    )
    .unwrap();
    run();
    let fresh = dir.path().join("fresh");
    common::success_json(index_command(&fresh, &archive).output().unwrap());
    assert_eq!(common::counts(&index), common::counts(&fresh));
    let ids = |index: &Path| {
        let mut a: Vec<String> = articles(index).into_iter().map(|(_, id)| id).collect();
        a.sort();
        a
    };
    assert_eq!(ids(&index), ids(&fresh));
}

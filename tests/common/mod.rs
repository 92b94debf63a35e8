//! Helpers shared by the end-to-end tests: running the `newsdex` binary on a given index and
//! reading its JSON output.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks
#![allow(dead_code)] // each test crate uses its own subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// `newsdex --index INDEX`, isolated from the caller's environment and colours.
pub fn newsdex(index: &Path) -> Command {
    let mut c = Command::cargo_bin("newsdex").unwrap();
    c.arg("--index")
        .arg(index)
        .env_remove("NEWSDEX_INDEX")
        .env("NO_COLOR", "1");
    c
}

/// Parses JSON output, showing it when it is not JSON.
pub fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(out)))
}

/// The JSON stdout of a run that must succeed (its stderr is shown when it did not).
pub fn success_json(out: Output) -> Value {
    assert!(
        out.status.success(),
        "newsdex failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out.stdout)
}

/// The index's article and quote counts, from `stats --json`.
pub fn counts(index: &Path) -> (u64, u64) {
    let s = success_json(newsdex(index).args(["stats", "--json"]).output().unwrap());
    (
        s["articles"].as_u64().unwrap(),
        s["quotes"].as_u64().unwrap(),
    )
}

/// The first `n` hits of `search QUERY FLAGS… --json`, in their order: each its score and
/// `kind article_id quote`.
pub fn top_hits(index: &Path, query: &str, flags: &[&str], n: usize) -> Vec<(f64, String)> {
    let out = newsdex(index)
        .args(["search", "--json", "-n", &n.to_string()])
        .args(flags)
        .arg(query)
        .output()
        .unwrap();
    json(&out.stdout)["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let doc = format!("{} {} {}", h["kind"], h["article_id"], h["quote"]);
            (h["score"].as_f64().unwrap(), doc)
        })
        .collect()
}

/// The data set at `path` (a path under `../shared`, such as `"../shared/data/reuters21578"`)
/// when it exists. When it is absent — a user's clone has no `../shared` — prints to stderr why
/// the test is skipped and returns `None`, unless `NEWSDEX_REQUIRE_DATA=1` (CI sets it), where
/// it panics.
///
/// `let Some(reuters) = common::shared_data(REUTERS) else { return };`
pub fn shared_data(path: impl AsRef<Path>) -> Option<PathBuf> {
    let path = path.as_ref();
    if path.exists() {
        return Some(path.to_path_buf());
    }
    let required = std::env::var("NEWSDEX_REQUIRE_DATA").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{} is absent and NEWSDEX_REQUIRE_DATA=1 requires it",
        path.display()
    );
    // Straight to stderr, past the test harness's capture of `println!`, so that a user's
    // `cargo test` shows why a test did nothing.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {} is absent (set NEWSDEX_REQUIRE_DATA=1 to fail instead)",
        path.display()
    );
    None
}

/// A mounted tmpfs (a small disk to fill), unmounted on drop. Mounting needs privileges:
/// the error says why it failed.
pub struct Tmpfs(pub PathBuf);

impl Tmpfs {
    pub fn mount(dir: &Path, size: &str) -> Result<Tmpfs, String> {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(Tmpfs(dir.to_path_buf()))
    }

    pub fn resize(&self, size: &str) {
        let status = std::process::Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success(), "remount failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Bytes of the files in `index` that its last commit does not use: not a segment of
/// `meta.json`, nor tantivy's and newsdex's own bookkeeping files.
pub fn orphaned_bytes(index: &Path) -> u64 {
    let meta: Value =
        serde_json::from_slice(&std::fs::read(index.join("meta.json")).unwrap()).unwrap();
    let live: std::collections::HashSet<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    let mut orphaned = 0;
    for entry in std::fs::read_dir(index).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let segment = name.split('.').next().unwrap_or_default();
        let known = live.contains(segment)
            || [
                "meta.json",
                ".managed.json",
                ".tantivy-meta.lock",
                ".tantivy-writer.lock",
            ]
            .contains(&name.as_str())
            || (name.starts_with("newsdex-") && name.ends_with(".cache"));
        if !known {
            eprintln!("orphaned: {name}");
            orphaned += entry.metadata().unwrap().len();
        }
    }
    orphaned
}

/// Bytes free for an unprivileged writer on the file system holding `path`.
pub fn free_bytes(path: &Path) -> u64 {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid NUL-terminated path and a statvfs to fill.
    assert_eq!(unsafe { libc::statvfs(c.as_ptr(), &mut s) }, 0);
    s.f_bavail as u64 * s.f_frsize as u64
}

/// A file in `disk` that fills its tmpfs but for `free` bytes; removed on drop, even when an
/// assertion fails, so that later runs get their disk back.
pub struct Ballast(PathBuf);

impl Ballast {
    pub fn fill(disk: &Path, free: u64) -> Ballast {
        let path = disk.join("ballast");
        let avail = free_bytes(disk);
        let mut f = std::fs::File::create(&path).unwrap();
        let block = vec![0u8; 1 << 16];
        let mut left = avail.saturating_sub(free);
        while left > 0 {
            let n = left.min(block.len() as u64) as usize;
            if std::io::Write::write_all(&mut f, &block[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        Ballast(path)
    }
}

impl Drop for Ballast {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

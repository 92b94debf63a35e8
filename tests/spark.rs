//! The Spark job (`spark/newsdex_spark.py`) in Spark's local mode on the repository's
//! `corpus/`: its merged index holds what one plain `newsdex index` of the same files holds,
//! and a re-run reads no file. Needs Java and PySpark (the virtual environment that
//! `scripts/spark-check` caches, or `spark-submit` on PATH); skips with the reason without
//! them. The standalone cluster, the kill and the real corpora are `scripts/spark-check`'s.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;

fn spark_submit() -> Result<PathBuf, String> {
    let java = std::env::var_os("JAVA_HOME").is_some()
        || Command::new("java").arg("-version").output().is_ok();
    if !java {
        return Err("no Java".into());
    }
    let cache = std::env::var_os("NEWSDEX_SPARK_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/newsdex-spark")));
    if let Some(venv) = cache.map(|c| c.join("venv/bin/spark-submit"))
        && venv.is_file()
    {
        return Ok(venv);
    }
    if Command::new("spark-submit")
        .arg("--version")
        .output()
        .is_ok()
    {
        return Ok(PathBuf::from("spark-submit"));
    }
    Err(
        "no PySpark (run scripts/spark-check once to install it, or put spark-submit on PATH)"
            .into(),
    )
}

fn run_job(submit: &Path, out: &Path, archive: &Path) -> Value {
    let newsdex = assert_cmd::cargo::cargo_bin("newsdex");
    let mut cmd = Command::new(submit);
    // A virtual environment's spark-submit finds PySpark through its own python.
    if let Some(bin) = submit.parent().filter(|b| b.join("python").is_file()) {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![bin.to_path_buf()];
        dirs.extend(std::env::split_paths(&path));
        cmd.env("PATH", std::env::join_paths(dirs).unwrap())
            .env("PYSPARK_PYTHON", bin.join("python"))
            .env("PYSPARK_DRIVER_PYTHON", bin.join("python"));
    }
    let result = cmd
        .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
        .args(["--conf", "spark.driver.host=127.0.0.1"])
        .arg("spark/newsdex_spark.py")
        .arg("--newsdex")
        .arg(&newsdex)
        .args(["--shards", "3", "--out"])
        .arg(out)
        .arg(archive)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "spark-submit failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    let report = std::fs::read(out.join("last-run.json")).unwrap();
    common::json(&report)
}

#[test]
fn spark_job_in_local_mode_equals_one_index() {
    let submit = match spark_submit() {
        Ok(s) => s,
        Err(reason) => {
            println!("skipped: {reason}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("corpus");
    for entry in walkdir::WalkDir::new("corpus") {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let out = dir.path().join("out");
    let first = run_job(&submit, &out, &archive);
    // The job runs newsdex in the archive's folder: the plain index is built from there too.
    let plain = dir.path().join("plain");
    let mut index = common::newsdex(&plain);
    index.current_dir(&archive).args(["index", ".", "--quiet"]);
    assert!(index.output().unwrap().status.success());
    let stats = common::success_json(
        common::newsdex(&plain)
            .args(["stats", "--json"])
            .output()
            .unwrap(),
    );
    for key in ["articles", "quotes", "files"] {
        assert_eq!(first["merged"][key], stats[key], "{key}: {first}");
    }
    let again = run_job(&submit, &out, &archive);
    let read: u64 = again["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["read"].as_u64().unwrap())
        .sum();
    assert_eq!(read, 0, "{again}");
    assert_eq!(again["merged"]["articles"], stats["articles"]);
}

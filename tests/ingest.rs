//! End to end: `newsdex extract --json` on every article format, on the Latin-1 BBC file, and
//! on a folder of bad inputs generated here (nothing binary is committed).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `newsdex extract --json ARGS` in `cwd`; returns the records, stderr and exit code.
fn extract(cwd: &Path, args: &[&std::ffi::OsStr]) -> (Vec<Value>, String, i32) {
    // `extract` opens no index; the one named is never created.
    let out = common::newsdex(Path::new("unused-index"))
        .current_dir(cwd)
        .arg("extract")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        records,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn extract_one(path: &Path) -> (Vec<Value>, String) {
    let (records, stderr, code) =
        extract(Path::new(env!("CARGO_MANIFEST_DIR")), &[path.as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    (records, stderr)
}

#[test]
fn bbc_latin1_text_with_title_line() {
    let path = fixture("bbc-sport-199.txt");
    let (records, stderr) = extract_one(&path);
    assert_eq!(stderr, "");
    let r = &records[0];
    assert_eq!(r["title"], "Chelsea sack Mutu");
    let body = r["body"].as_str().unwrap();
    assert!(body.starts_with("Chelsea have sacked Adrian Mutu"));
    assert!(body.contains("£15.8m"), "Latin-1 £ must decode");
    assert_eq!(r["date"], Value::Null);
    // Id = path for a file without metadata id; the path is shown relative to the cwd.
    assert_eq!(r["id"], r["path"]);
    assert!(
        r["path"]
            .as_str()
            .unwrap()
            .ends_with("tests/fixtures/bbc-sport-199.txt")
    );
    // The body is the file's text verbatim (after the title line).
    let bytes = std::fs::read(&path).unwrap();
    let text: String = bytes.iter().map(|&b| b as char).collect();
    assert!(text.contains(body));
}

#[test]
fn time_text_with_header_block() {
    let (records, _) = extract_one(&fixture("time-417.txt"));
    let r = &records[0];
    assert_eq!(r["id"], "time-417");
    assert_eq!(r["title"], "TIME 1963-08-23 page 30");
    assert_eq!(r["date"], "1963-08-23");
    assert_eq!(r["date_source"], "header");
    assert_eq!(r["source"], "TIME");
    assert!(
        r["body"]
            .as_str()
            .unwrap()
            .starts_with("GREAT BRITAIN OMEN ON AVON")
    );
}

#[test]
fn seed_article_has_no_title_and_no_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed/000_24f06f2ccdc2f1d3.txt");
    let (records, _) = extract_one(&path);
    let r = &records[0];
    assert_eq!(r["title"], Value::Null);
    assert_eq!(r["date"], Value::Null);
    assert_eq!(r["date_source"], Value::Null);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(r["body"].as_str().unwrap(), text.trim_end());
}

#[test]
fn reuters_json_lines() {
    let (records, stderr) = extract_one(&fixture("reuters-3.jsonl"));
    assert_eq!(stderr, "");
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["reuters-1", "reuters-2", "reuters-3"]);
    assert_eq!(records[0]["title"], "BAHIA COCOA REVIEW");
    assert_eq!(records[0]["date"], "1987-02-26T15:01:01Z");
    assert_eq!(records[0]["date_source"], "metadata");
    assert_eq!(records[0]["source"], "Reuters");
    assert!(
        records[0]["body"]
            .as_str()
            .unwrap()
            .starts_with("Showers continued")
    );
}

#[test]
fn polnear_json_array() {
    let (records, _) = extract_one(&fixture("polnear-2.json"));
    assert_eq!(records.len(), 2);
    assert_eq!(
        records[1]["id"],
        "polnear-politico_2015-11-11_clinton-blasts-trump-over-deport"
    );
    assert_eq!(
        records[1]["title"],
        "Clinton blasts Trump over 'deportation force' idea"
    );
    assert_eq!(records[1]["date"], "2015-11-11");
    assert_eq!(records[1]["source"], "politico");
    assert!(
        records[1]["body"]
            .as_str()
            .unwrap()
            .starts_with("Hillary Clinton")
    );
}

#[test]
fn html_page_from_the_corpus() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/html/reuters-10004.html");
    let (records, _) = extract_one(&path);
    let r = &records[0];
    assert_eq!(r["title"], "Key U.S. House Member Opposes Cftc User Plan");
    assert_eq!(r["date"], "1987-03-26T12:17:26Z");
    assert_eq!(r["source"], "Reuters");
    assert!(
        r["id"]
            .as_str()
            .unwrap()
            .ends_with("corpus/html/reuters-10004.html")
    );
    let body = r["body"].as_str().unwrap();
    for junk in [
        "dataLayer",
        "tracking",
        "Subscribe",
        "Privacy",
        "Related:",
        "loadAd",
        "By Reuters staff",
    ] {
        assert!(!body.contains(junk), "{junk} leaked into the body: {body}");
    }
    assert!(body.contains("\n\n"), "paragraphs are kept apart");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzipped_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = std::fs::read(fixture("reuters-3.jsonl")).unwrap();
    std::fs::write(dir.path().join("r.jsonl.gz"), gzip(&lines)).unwrap();
    let (records, stderr, code) = extract(dir.path(), &["r.jsonl.gz".as_ref()]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(records.len(), 3);
    assert_eq!(records[2]["id"], "reuters-3");
    assert_eq!(records[2]["date"], "1987-02-26T15:03:27Z");
}

/// The skip line for `path`, asserting there is exactly one.
fn skip_line<'a>(stderr: &'a str, path: &str) -> &'a str {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with(&format!("newsdex: skipped {path}: ")))
        .collect();
    assert_eq!(lines.len(), 1, "one skip line for {path} in:\n{stderr}");
    lines[0]
}

#[test]
fn bad_inputs_are_skipped_with_reasons_and_good_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    let w = |name: &str, data: &[u8]| std::fs::write(bad.join(name), data).unwrap();

    // Decodes: invalid UTF-8, UTF-16 with a BOM.
    w(
        "invalid-utf8.txt",
        b"Prices rose 5\xff percent, the minister said.\n",
    );
    let mut utf16 = vec![0xff, 0xfe];
    for u in "Blair wins third term\n\nTony Blair said “we will listen”.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    w("utf16.txt", &utf16);
    // Binary and empty.
    w("nul.txt", b"some text\0with a NUL byte\n");
    w(
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
    );
    w("empty.txt", b"");
    w("blank.txt", b"  \n\t\n\r\n");
    // JSON: absurd nesting, wrong field types, a broken line between good ones.
    w("deep.json", "[".repeat(10_000).as_bytes());
    w(
        "types.json",
        br#"{"title": ["Iraq vote"], "date": 5, "body": "MPs voted on Iraq.", "id": 42, "author": {"x": 1}}"#,
    );
    w(
        "lines.jsonl",
        b"{\"id\": \"good-1\", \"body\": \"First story.\"}\n{\"id\": \"bad\", \"body\": \n{\"id\": \"good-3\", \"body\": \"Third story.\"}\n",
    );
    // Truncated gzip: JSON Lines keeps the complete records before the break; text is skipped.
    let many: String = (1..=400)
        .map(|i| format!("{{\"id\": \"gz-{i}\", \"body\": \"Story number {i} about the election campaign.\"}}\n"))
        .collect();
    let gz = gzip(many.as_bytes());
    w("cut.jsonl.gz", &gz[..gz.len() / 2]);
    let gz = gzip(b"A headline\n\nSome body text that is long enough to compress.\n");
    w("cut.txt.gz", &gz[..gz.len() - 12]);
    // HTML with only scripts and styles.
    w(
        "script.html",
        b"<html><head><style>p{}</style><script>var x = '<p>no</p>';</script></head><body><script>run()</script></body></html>",
    );
    // A symlink loop, a link to itself, and a file name that is not UTF-8.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::fs::create_dir(bad.join("sub")).unwrap();
        std::os::unix::fs::symlink(&bad, bad.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(bad.join("self.txt"), bad.join("self.txt")).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(bad.join(name), "Café society\n\nThe story.\n").unwrap();
    }

    let (records, stderr, code) = extract(dir.path(), &["bad".as_ref()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let by_path = |suffix: &str| -> Vec<&Value> {
        records
            .iter()
            .filter(|r| r["path"].as_str().unwrap().ends_with(suffix))
            .collect()
    };
    let r = by_path("invalid-utf8.txt");
    assert_eq!(r.len(), 1);
    assert!(r[0]["body"].as_str().unwrap().starts_with("Prices rose 5"));
    let r = by_path("utf16.txt");
    assert_eq!(r[0]["title"], "Blair wins third term");
    assert_eq!(r[0]["body"], "Tony Blair said “we will listen”.");
    let r = by_path("types.json");
    assert_eq!(
        (&r[0]["id"], &r[0]["title"], &r[0]["date"]),
        (&"42".into(), &"Iraq vote".into(), &Value::Null)
    );
    let ids: Vec<&str> = by_path("lines.jsonl")
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["good-1", "good-3"]);
    let kept = by_path("cut.jsonl.gz");
    assert!(!kept.is_empty() && kept.len() < 400, "{}", kept.len());
    assert_eq!(kept[0]["id"], "gz-1");

    assert!(skip_line(&stderr, "bad/nul.txt").contains("binary file (contains NUL bytes)"));
    assert!(skip_line(&stderr, "bad/image.txt").contains("binary file (PNG image)"));
    assert!(skip_line(&stderr, "bad/empty.txt").ends_with(": empty article"));
    assert!(skip_line(&stderr, "bad/blank.txt").ends_with(": empty article"));
    assert!(skip_line(&stderr, "bad/deep.json").contains("recursion limit"));
    assert!(skip_line(&stderr, "bad/lines.jsonl").contains(": line 2: invalid JSON"));
    assert!(skip_line(&stderr, "bad/cut.jsonl.gz").contains("truncated gzip data after line"));
    assert!(skip_line(&stderr, "bad/cut.txt.gz").contains("gzip"));
    assert!(skip_line(&stderr, "bad/script.html").ends_with(": no article text"));
    #[cfg(unix)]
    {
        assert!(skip_line(&stderr, "bad/self.txt").ends_with(": symlink loop"));
        assert!(skip_line(&stderr, "bad/sub/loop").contains("symlink loop"));
        let r = by_path("caf\u{fffd}e9.txt");
        assert_eq!(r.len(), 1, "non-UTF-8 name indexed under its escaped name");
        assert_eq!(r[0]["title"], "Café society");
    }
    // Every stderr line is a one-line skip.
    for line in stderr.lines() {
        assert!(line.starts_with("newsdex: skipped bad/"), "{line}");
    }
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_skip() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("secret.txt");
    std::fs::write(&f, "Secret\n\nText.\n").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&f).is_ok() {
        // Running as root: permissions do not apply, nothing to test.
        return;
    }
    let (records, stderr, code) = extract(dir.path(), &["secret.txt".as_ref()]);
    assert_eq!(code, 0);
    assert!(records.is_empty());
    assert!(skip_line(&stderr, "secret.txt").contains("cannot read"));
}

#[test]
fn missing_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (records, stderr, code) = extract(dir.path(), &["no-such-folder".as_ref()]);
    assert_eq!(code, 2);
    assert!(records.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no-such-folder"), "{stderr}");
}

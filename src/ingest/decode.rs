//! Bytes to text: gzip, and character encodings (UTF-8, UTF-16 with BOM, the encoding a file
//! declares, Windows-1252), and the refusal of binary data. Owns no format knowledge beyond "is
//! this text at all".

use std::io::Read;

use super::Refusal;

/// Decompresses gzip data of at most `limit` bytes; the error is a skip reason.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let (out, err) = gunzip_partial(bytes, limit);
    match err {
        None => Ok(out),
        Some(e) => Err(e),
    }
}

/// Decompresses as much gzip data as can be read: the bytes before any break, and the reason
/// for the break (truncated or corrupt stream). Data that expands to over `limit` bytes is
/// refused whole: it is first decompressed without being kept, so a decompression bomb costs
/// the time to expand `limit` bytes and no memory.
pub fn gunzip_partial(bytes: &[u8], limit: u64) -> (Vec<u8>, Option<String>) {
    let (size, _) = expand(bytes, limit, |_| {});
    if size > limit {
        return (
            Vec::new(),
            Some(format!(
                "gzip data expands to over the file size limit of {}",
                super::file_size_limit(limit)
            )),
        );
    }
    let mut out = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let (_, err) = expand(bytes, limit, |chunk| out.extend_from_slice(chunk));
    (out, err)
}

/// Streams the decompressed bytes (up to `limit + 1` of them) to `sink`; returns how many
/// there were and why the stream broke, if it did.
fn expand(bytes: &[u8], limit: u64, mut sink: impl FnMut(&[u8])) -> (u64, Option<String>) {
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return (size, None),
            Ok(n) => {
                size += n as u64;
                sink(buf.get(..n).unwrap_or_default());
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let what = if e.kind() == std::io::ErrorKind::UnexpectedEof {
                    "truncated gzip data".to_string()
                } else {
                    format!("broken gzip data: {e}")
                };
                return (size, Some(what));
            }
        }
    }
}

/// Known binary formats by their first bytes, for a clear skip reason.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data (name the file .gz)"),
        (b"\x7fELF", "ELF executable"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"SQLite format 3\x00", "SQLite database"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, name)| *name)
}

/// Whether a char is a control character that text does not contain (tab, newlines and form
/// feed are text).
fn is_binary_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{fffd}'
}

/// Refuses decoded text that is mostly control characters (binary data decoded as text).
fn check_text(text: &str) -> Result<(), Refusal> {
    if text.contains('\0') {
        return Err(Refusal::NulBytes);
    }
    // Look at a prefix: enough to judge, and a 10 MB line stays cheap.
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if is_binary_control(c) {
            bad += 1;
        }
    }
    if total >= 8 && bad * 10 > total {
        return Err(Refusal::ControlCharacters { bad, total });
    }
    Ok(())
}

/// UTF-16 without a BOM: many NULs, all on one side of each code unit.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    if sample.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        if pair.first() == Some(&0) {
            even += 1;
        }
        if pair.get(1) == Some(&0) {
            odd += 1;
        }
    }
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether invalid UTF-8 looks like broken UTF-8 (valid multi-byte sequences outnumber the
/// invalid bytes) rather than a single-byte encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multi = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    valid_multi > invalid
}

/// Decodes text: a BOM wins, then UTF-8, then Windows-1252 (or lossy UTF-8 when the bytes are
/// mostly UTF-8 with a few broken sequences). Binary data is refused.
pub fn text(bytes: &[u8]) -> Result<String, Refusal> {
    text_declared(bytes, None)
}

/// As [`text`], for a file that declares its encoding (an HTML page's `<meta charset>`): bytes
/// that are not UTF-8 are read in the declared encoding instead of Windows-1252, when it is an
/// ASCII-compatible one other than UTF-8 (`gb2312`, `windows-1250`).
pub fn text_declared(
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<String, Refusal> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
        check_text(&s)?;
        return Ok(s.into_owned());
    }
    if let Some(kind) = magic(bytes) {
        return Err(Refusal::Signature(kind));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(bytes);
        check_text(&s)?;
        return Ok(s.into_owned());
    }
    if bytes.contains(&0) {
        return Err(Refusal::NulBytes);
    }
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) if mostly_utf8(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        Err(_) => {
            let enc = declared
                .filter(|e| e.is_ascii_compatible() && **e != *encoding_rs::UTF_8)
                .unwrap_or(encoding_rs::WINDOWS_1252);
            let (s, _) = enc.decode_without_bom_handling(bytes);
            s.into_owned()
        }
    };
    check_text(&s)?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn utf8_and_bom() {
        assert_eq!(text("Café €5".as_bytes()).unwrap(), "Café €5");
        assert_eq!(text(b"\xef\xbb\xbfHello").unwrap(), "Hello");
        let mut le = vec![0xff, 0xfe];
        for u in "Blair said “yes”".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(text(&le).unwrap(), "Blair said “yes”");
        let mut be = vec![0xfe, 0xff];
        for u in "Brown".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(text(&be).unwrap(), "Brown");
    }

    #[test]
    fn utf16_without_bom_is_text() {
        let mut le = Vec::new();
        for u in "Iraq war vote in parliament".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(text(&le).unwrap(), "Iraq war vote in parliament");
    }

    #[test]
    fn latin1_falls_back_to_windows_1252() {
        assert_eq!(
            text(b"a \xa315.8m signing, \x93quoted\x94").unwrap(),
            "a £15.8m signing, “quoted”"
        );
    }

    #[test]
    fn a_declared_encoding_reads_bytes_that_are_not_utf8() {
        let gb = b"\xd6\xd0\xce\xc4 news"; // "中文" in GB2312
        assert_eq!(
            text_declared(gb, Some(encoding_rs::GBK)).unwrap(),
            "中文 news"
        );
        let cp1250 = b"Zgoda PE na umow\xea o handlu, \xb9"; // "ę", "ą"
        assert_eq!(
            text_declared(cp1250, Some(encoding_rs::WINDOWS_1250)).unwrap(),
            "Zgoda PE na umowę o handlu, ą"
        );
        // A false UTF-8 declaration leaves the Windows-1252 fallback; valid UTF-8 stays UTF-8.
        assert_eq!(
            text_declared(b"a \xa315", Some(encoding_rs::UTF_8)).unwrap(),
            "a £15"
        );
        assert_eq!(
            text_declared("Café".as_bytes(), Some(encoding_rs::WINDOWS_1250)).unwrap(),
            "Café"
        );
    }

    #[test]
    fn broken_utf8_decodes_lossily() {
        let mut b = "Prime Minister – “we will” ".as_bytes().to_vec();
        b.push(0xff);
        let s = text(&b).unwrap();
        assert!(s.starts_with("Prime Minister – “we will”"), "{s}");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(text(b"abc\0def").unwrap_err(), Refusal::NulBytes);
        let png = text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(png, Refusal::Signature("PNG image"));
        assert_eq!(png.to_string(), "binary file (PNG image)");
        let controls: Vec<u8> = (1u8..32).cycle().take(200).collect();
        assert!(matches!(
            text(&controls).unwrap_err(),
            Refusal::ControlCharacters { total: 200, .. }
        ));
    }

    #[test]
    fn gzip_roundtrip_and_truncation() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&b"line one\nline two\n".repeat(1000))
            .unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(gunzip(&gz, 18_000).unwrap().len(), 18_000);
        let (part, err) = gunzip_partial(gz.get(..gz.len() / 2).unwrap(), 18_000);
        assert!(err.unwrap().contains("truncated"));
        assert!(part.len() < 18_000);
        assert!(gunzip(b"not gzip", 18_000).is_err());
        let (none, err) = gunzip_partial(&gz, 17_999);
        assert!(none.is_empty());
        assert_eq!(
            err.as_deref(),
            Some("gzip data expands to over the file size limit of 17999 bytes")
        );
    }
}

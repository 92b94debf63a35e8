//! Bytes to text: gzip, and character encodings (UTF-8, UTF-16 with BOM, Windows-1252).

use std::io::Read;

/// Decompresses gzip data; the error is a skip reason.
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| format!("broken gzip data: {e}"))?;
    Ok(out)
}

/// Decodes text: a BOM wins, then UTF-8, then Windows-1252. Binary data is an error.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(s.into_owned());
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(s.into_owned())
        }
    }
}

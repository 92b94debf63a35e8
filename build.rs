//! Two things the build owns:
//! - Links the command-line binaries as position-dependent executables on Linux. A search is
//!   one short process, and a position-independent binary makes the dynamic loader apply some
//!   45,000 relocations at every start, each first write to a page costing a copy-on-write
//!   fault: about a tenth of a whole query's time on a small archive.
//! - Fingerprints the sources and models the binary is built from (`NEWSDEX_SOURCE_HASH`): a
//!   name table saved by a binary of other sources is stale, since the grouping rules, the
//!   word lists and the tagger that reads names as people's all live there.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let mut files = Vec::new();
    for dir in ["src", "models"] {
        println!("cargo:rerun-if-changed={dir}");
        files.extend(
            walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path()),
        );
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for file in &files {
        hasher.update(file.to_string_lossy().as_bytes());
        hasher.update(&std::fs::read(file).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=NEWSDEX_SOURCE_HASH={:016x}",
        hasher.digest()
    );
    println!("cargo:rerun-if-changed=build.rs");
}

//! Two things the build owns:
//! - Links the command-line binaries as position-dependent executables on Linux. A search is
//!   one short process, and a position-independent binary makes the dynamic loader apply some
//!   45,000 relocations at every start, each first write to a page costing a copy-on-write
//!   fault: about a tenth of a whole query's time on a small archive.
//! - Fingerprints the sources, models and locked dependencies the binary is built from
//!   (`NEWSDEX_SOURCE_HASH`): a
//!   name table saved by a binary of other sources is stale, since the grouping rules, the
//!   word lists and the tagger that reads names as people's all live there.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let mut files = vec![std::path::PathBuf::from("Cargo.lock")];
    println!("cargo:rerun-if-changed=Cargo.lock");
    for dir in ["src", "models"] {
        println!("cargo:rerun-if-changed={dir}");
        files.extend(
            walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                // Hidden files (an editor's swap file) are no sources.
                .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path()),
        );
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for file in &files {
        // The same tree hashes the same on every system.
        hasher.update(file.to_string_lossy().replace('\\', "/").as_bytes());
        hasher.update(&std::fs::read(file).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=NEWSDEX_SOURCE_HASH={:016x}",
        hasher.digest()
    );
    println!("cargo:rerun-if-changed=build.rs");
}

//! Links the command-line binaries as position-dependent executables on Linux. A search is
//! one short process, and a position-independent binary makes the dynamic loader apply some
//! 45,000 relocations at every start, each first write to a page costing a copy-on-write
//! fault: about a tenth of a whole query's time on a small archive.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

//! The command line: argument definitions, human and JSON rendering, progress, exit codes.
//! `main.rs` only parses, calls [`run`], and exits.

pub mod args;
pub mod extract_json;
pub mod render;

pub use args::Cli;

//! Human-readable output of search hits and summaries.

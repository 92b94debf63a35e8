//! The indexing progress bar (indicatif, on stderr, only on a terminal): files, articles,
//! MB/s, elapsed time and ETA.

use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::index::writer::Progress;

/// The progress bar of `newsdex index` (drawn only on a terminal).
pub struct Bar {
    bar: Option<ProgressBar>,
    files: AtomicU64,
    articles: AtomicU64,
}

impl Bar {
    /// A bar, drawn when `show`.
    pub fn new(show: bool) -> Bar {
        Bar {
            bar: show.then(|| ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())),
            files: AtomicU64::new(0),
            articles: AtomicU64::new(0),
        }
    }
}

impl Progress for Bar {
    fn start(&self, files: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(bytes);
            let style = ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} [{elapsed_precise}, ETA {eta}]",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message(format!("0/{files} files"));
        }
    }

    fn advance(&self, bytes: u64, articles: u64) {
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        let articles = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{files} files, {articles} articles"));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

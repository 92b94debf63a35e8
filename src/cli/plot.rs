//! `--plot FILE.svg`: the timeline as a standalone SVG bar chart (one bar a period, zero
//! periods included), for a browser or a story's graphics desk.

use std::fmt::Write;

use crate::search::timeline::Timeline;

const HEIGHT: f64 = 360.0;
const MARGIN_LEFT: f64 = 60.0;
const MARGIN_RIGHT: f64 = 20.0;
const MARGIN_TOP: f64 = 40.0;
const MARGIN_BOTTOM: f64 = 70.0;
/// Most period labels under the axis; the others are left out so labels never overlap.
const MAX_LABELS: usize = 24;

/// Text with `&`, `<`, `>` and `"` escaped for XML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round step for `ticks` axis ticks up to `max` (1, 2 or 5 times a power of ten).
fn tick_step(max: u64, ticks: u64) -> u64 {
    let raw = (max as f64 / ticks as f64).max(1.0);
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    step.round().max(1.0) as u64
}

/// The chart of `t`, titled with the query.
pub fn svg(t: &Timeline, query: &str) -> String {
    let n = t.periods.len().max(1);
    let slot = (900.0 / n as f64).clamp(2.0, 40.0);
    let plot_w = slot * n as f64;
    let width = MARGIN_LEFT + plot_w + MARGIN_RIGHT;
    let plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
    let max = t.periods.iter().map(|p| p.count).max().unwrap_or(0).max(1);
    let step = tick_step(max, 5);
    let top = max.div_ceil(step) * step;
    let y = |v: u64| MARGIN_TOP + plot_h - plot_h * v as f64 / top as f64;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{HEIGHT:.0}" viewBox="0 0 {width:.0} {HEIGHT:.0}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let title = if query.trim().is_empty() {
        "all articles and quotes".to_string()
    } else {
        query.to_string()
    };
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN_LEFT}" y="22" font-size="14" font-weight="bold">{} — matches per {:?}{}</text>"#,
        escape(&title),
        t.interval,
        if t.undated > 0 {
            format!(" ({} undated not shown)", t.undated)
        } else {
            String::new()
        }
    );
    let mut v = 0;
    while v <= top {
        let yy = y(v);
        let _ = writeln!(
            s,
            r##"<line x1="{MARGIN_LEFT}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{v}</text>"##,
            MARGIN_LEFT + plot_w,
            MARGIN_LEFT - 6.0,
            yy + 4.0
        );
        v += step;
    }
    let every = t.periods.len().div_ceil(MAX_LABELS).max(1);
    for (i, p) in t.periods.iter().enumerate() {
        let x = MARGIN_LEFT + slot * i as f64;
        let h = MARGIN_TOP + plot_h - y(p.count);
        let _ = writeln!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="#3b6ea8"><title>{}: {}</title></rect>"##,
            x + slot * 0.1,
            y(p.count),
            slot * 0.8,
            escape(&p.period),
            p.count
        );
        if i % every == 0 {
            let lx = x + slot / 2.0;
            let ly = MARGIN_TOP + plot_h + 12.0;
            let _ = writeln!(
                s,
                r#"<text x="{lx:.1}" y="{ly:.1}" text-anchor="end" transform="rotate(-45 {lx:.1} {ly:.1})">{}</text>"#,
                escape(&p.period)
            );
        }
    }
    let _ = writeln!(
        s,
        r##"<line x1="{MARGIN_LEFT}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#333"/>"##,
        MARGIN_LEFT + plot_w,
        MARGIN_TOP + plot_h,
        MARGIN_TOP + plot_h
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::timeline::{Interval, Period};

    #[test]
    fn one_bar_a_period_and_escaped_text() {
        let t = Timeline {
            interval: Interval::Month,
            periods: ["1987-02", "1987-03", "1987-04"]
                .iter()
                .zip([4, 0, 9])
                .map(|(p, count)| Period {
                    period: p.to_string(),
                    count,
                })
                .collect(),
            undated: 2,
        };
        let svg = svg(&t, "oil & <gas>");
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<rect x=").count(), 3);
        assert!(svg.contains("<title>1987-03: 0</title>"));
        assert!(svg.contains("oil &amp; &lt;gas&gt;"));
        assert!(svg.contains("2 undated"));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(12, 5), 5);
        assert_eq!(tick_step(100, 5), 20);
        assert_eq!(tick_step(3, 5), 1);
    }
}

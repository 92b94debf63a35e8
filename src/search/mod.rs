//! Search: [`understand`] reads a query into a [`Plan`](understand::Plan), [`run`] turns the
//! plan into tantivy queries, ranks, collapses duplicates and cuts [`snippet`]s.
//! [`matches`](mod@matches) walks every match of a plan, for [`export`], [`timeline`],
//! [`facets`] and [`alerts`]. [`ranking`] holds the ranking constants, [`ties`] the order of
//! equal hits, [`title`] the title a hit shows.
//!
//! Something new a query can mean goes in [`understand`] (into the `Plan`) and [`run`]; a new
//! count over all matches walks [`matches`](mod@matches) as [`timeline`] and [`facets`] do.
//! Rendering is the CLI's.

pub mod alerts;
pub mod export;
pub mod facets;
pub mod matches;
pub mod ranking;
pub mod run;
pub mod snippet;
pub mod ties;
pub mod timeline;
pub mod title;
pub mod understand;

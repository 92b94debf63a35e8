//! Search: [`understand`] reads a query into a [`Plan`](understand::Plan), [`run`] turns the
//! plan into tantivy queries, ranks, collapses duplicates and cuts [`snippet`]s.
//! [`matches`](mod@matches) walks every match of a plan, for [`export`], [`timeline`],
//! [`facets`] and [`alerts`].

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

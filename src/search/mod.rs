//! Search: [`understand`] reads a query into a [`Plan`](understand::Plan), [`run`] turns the
//! plan into tantivy queries, ranks, collapses duplicates and cuts [`snippet`]s.

pub mod ranking;
pub mod run;
pub mod snippet;
pub mod understand;

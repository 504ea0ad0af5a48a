//! framelens: compare how news sources frame the same events through the words they choose.
//!
//! The library is the whole program; the binary (`main.rs`, `cli.rs`) only
//! parses arguments, runs a command and prints errors. See ARCHITECTURE.md for the data flow and each module's invariants.

#![forbid(unsafe_code)]
// No panics on user data in the library: unwrap/expect/panic!/unchecked
// indexing are errors outside tests. Modules that still need an exception
// carry an `allow` with its reason.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

#[allow(
    clippy::indexing_slicing,
    reason = "indices over the model's own vectors: documents and rows of a Dtm, vectors sized by its vocabulary; no index comes from input"
)]
pub mod analysis;
#[allow(
    clippy::indexing_slicing,
    reason = "token and segment offsets come from unicode-segmentation over the same text; fuzzed (fuzz/analyzer) and property-tested (tests/properties.rs)"
)]
pub mod analyze;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over series, ticks and labels that the chart code builds itself"
)]
pub mod chart;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over rows and columns that each command builds itself, not over input"
)]
pub mod commands;
pub mod corpus;
#[allow(
    clippy::indexing_slicing,
    reason = "term ids index vectors sized by the vocabulary that issued them; no index comes from input"
)]
pub mod count;
pub mod diag;
pub mod error;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over the generator's own word and weight tables"
)]
pub mod generate;
pub mod language;
pub mod lexicon;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over table columns that the table code builds itself"
)]
pub mod output;
#[allow(
    clippy::indexing_slicing,
    reason = "the writer indexes vectors it sorted itself; the reader takes every field through checked accessors"
)]
pub mod partial;
#[allow(
    clippy::indexing_slicing,
    reason = "worker slots are indexed by rayon's thread index, and the slots are sized to the pool"
)]
pub mod pipeline;
pub mod progress;
pub mod report;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over vectors built together with equal lengths (terms x documents, a/b/c/d tables); no index comes from input"
)]
pub mod stats;

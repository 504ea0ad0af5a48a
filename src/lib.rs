//! framelens: compare how news sources frame the same events through the words they choose.
//!
//! The library is the whole program; `main.rs` only parses arguments and prints
//! errors. See ARCHITECTURE.md for the data flow and each module's invariants.

pub mod analyze;
pub mod chart;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod count;
pub mod error;
pub mod lexicon;
pub mod output;
pub mod partial;
pub mod pipeline;
pub mod report;
pub mod stats;

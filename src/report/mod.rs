//! framelens report
pub mod write;

//! Statistics: pure functions over counts. Nothing here does I/O or can fail on
//! user data; every module opens with its formula and reference.

pub mod articles;
pub mod cluster;
pub mod keyness;
pub mod rng;
pub mod similarity;
pub mod tfidf;

//! README.md (being written).
use super::charts::ChartFile;
use super::model::Report;

pub fn readme(report: &Report, charts: &[ChartFile]) -> String {
    let _ = (report, charts);
    String::new()
}

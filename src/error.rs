//! Library errors. Every variant that touches input names the file and, where
//! there is one, the line.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Malformed input: `path:line: message` (line 0 = the file as a whole).
    #[error("{}", fmt_at(path, *line, message))]
    Input {
        path: PathBuf,
        line: u64,
        message: String,
    },
    /// `report --check`: the committed reports differ from a fresh run.
    #[error("{0}")]
    Stale(String),
    /// A bad setting or argument that is not tied to a file (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Something went wrong inside framelens, not in the input or the
    /// arguments: a worker thread that could not start or stopped, a
    /// serializer that failed on framelens's own data, a count past what an id
    /// can hold (exit 1).
    #[error("internal error: {0}")]
    Internal(String),
}

fn fmt_at(path: &std::path::Path, line: u64, message: &str) -> String {
    if line == 0 {
        format!("{}: {}", path.display(), message)
    } else {
        format!("{}:{}: {}", path.display(), line, message)
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
    pub fn input(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

//! Library errors. Every variant that touches input names the file and, where
//! there is one, the line and column: `path:line:column: message`, the format
//! of every warning too.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Malformed input: `path:line:column: message`, `path:line: message`
    /// when the column is unknown (0), `path: message` for the file as a
    /// whole (line 0).
    #[error("{}", at(path.display(), *line, *column, message))]
    Input {
        path: PathBuf,
        line: u64,
        column: u64,
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

/// `path:line:column: message`, leaving out a column or line of 0: the one
/// format of every input error and every warning.
pub fn at(path: impl std::fmt::Display, line: u64, column: u64, message: &str) -> String {
    match (line, column) {
        (0, _) => format!("{path}: {message}"),
        (l, 0) => format!("{path}:{l}: {message}"),
        (l, c) => format!("{path}:{l}:{c}: {message}"),
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
        Error::input_at(path, line, 0, message)
    }
    /// An input error at a line and column (1-based; 0 = unknown).
    pub fn input_at(
        path: impl Into<PathBuf>,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        Error::Input {
            path: path.into(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// A problem that does not stop the run (a reader's, a lexicon's); sorts by
/// file, line and column; shown as `path:line:column: message`
/// (`path:line: message` without a column, `path: message` for the whole file,
/// the message alone for one about the run rather than a file: [`Warning::about_run`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub path: PathBuf,
    /// 1-based line; 0 = the file as a whole.
    pub line: u64,
    /// 1-based column (characters); 0 = unknown.
    pub column: u64,
    pub message: String,
}

impl Warning {
    /// A warning about the run as a whole (an option's effect), not a file.
    pub fn about_run(message: impl Into<String>) -> Warning {
        Warning::new(PathBuf::new(), 0, message)
    }

    pub fn new(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Warning {
        Warning {
            path: path.into(),
            line,
            column: 0,
            message: message.into(),
        }
    }
}

/// By the path's bytes (not its components: `a-b` before `a/b`, as the
/// strings sort), then line, column and message.
impl Ord for Warning {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.path.as_os_str(), self.line, self.column, &self.message).cmp(&(
            other.path.as_os_str(),
            other.line,
            other.column,
            &other.message,
        ))
    }
}

impl PartialOrd for Warning {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&at(
            self.path.display(),
            self.line,
            self.column,
            &self.message,
        ))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

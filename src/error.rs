//! Errors, as structured variants: each names the file or input it is about.

use std::path::PathBuf;

/// Anything that can go wrong in tupu.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An article file was read but cannot be used as an article.
    #[error("{path}: {problem}")]
    BadArticle { path: PathBuf, problem: String },
    /// One line of a JSON Lines file is not an article.
    #[error("{path}:{line}: {problem}")]
    BadJsonLine {
        path: PathBuf,
        line: usize,
        problem: String,
    },
    /// A lexicon file has a malformed line.
    #[error("{path}:{line}: {problem}")]
    BadLexicon {
        path: PathBuf,
        line: usize,
        problem: String,
    },
    /// A SPARQL query that does not parse.
    #[error("bad SPARQL query: {0}")]
    QuerySyntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    /// A query that parsed but failed while running.
    #[error("query failed: {0}")]
    QueryEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// A query that does not parse, explained: where, and what is wrong in words.
    #[error("bad SPARQL query at line {line}, column {column}: {problem}\n  {excerpt}")]
    BadQuery {
        line: usize,
        column: usize,
        problem: String,
        /// The line of the query with a caret under the column.
        excerpt: String,
    },
    /// A query refused before it runs: too long, too deeply nested, too many branches.
    #[error("query refused: {0}")]
    QueryTooComplex(String),
    /// An answer over the cap on rows or triples (`tupu serve --max-rows`).
    #[error("the answer has more than {limit} {what}, the most this server sends; add LIMIT (and OFFSET to page)")]
    AnswerTooLarge { limit: usize, what: &'static str },
    /// A query that ran out of time.
    #[error("query stopped after {0} s (the --timeout); narrow it down or add LIMIT")]
    QueryTimeout(f64),
    /// The embedded store refused an operation.
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// A file in the store folder is damaged.
    #[error("{path}: damaged store file: {problem}")]
    CorruptStore { path: PathBuf, problem: String },
    /// A folder given as a store that holds none (only `ingest` creates stores).
    #[error("{0}: not a tupu store (no articles/ folder); give the folder `tupu ingest` wrote, or ingest first")]
    NotAStore(PathBuf),
    /// A SPARQL server used as the store refused a request or could not be reached.
    #[error("{url}: {problem}")]
    Remote { url: String, problem: String },
    /// An article id that is not in the store.
    #[error("no article with id {0} in the store")]
    UnknownArticle(String),
    /// The user asked for something that does not make sense.
    #[error("{0}")]
    Usage(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Names the real output file in an error that happened while writing to it (writers
    /// deep inside export and query only know they write to "the output").
    pub fn for_output(self, target: &std::path::Path) -> Self {
        match self {
            Error::Io { path, source }
                if path.as_os_str() == "<output>" || path.as_os_str() == "<stdout>" =>
            {
                Error::Io {
                    path: target.to_path_buf(),
                    source,
                }
            }
            other => other,
        }
    }

    /// True when the error is a closed output pipe (`tupu … | head`), which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

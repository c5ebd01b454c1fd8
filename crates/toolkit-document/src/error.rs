use thiserror::Error;

/// Why a resume could not be read. Messages are lower-case, one line, no trailing period.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("no resume text found")]
    NoText,
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file looks binary, not text (a NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error("invalid UTF-8 on line {line}: save the file as UTF-8")]
    InvalidUtf8 { line: usize },
    #[error(
        "line {line} is {length} characters long, over the limit of {limit}: this is not resume text"
    )]
    LineTooLong {
        line: usize,
        length: usize,
        limit: usize,
    },
    #[error("the text inflates to more than {limit} bytes, over the input size limit")]
    TextTooLarge { limit: u64 },
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("not a JSON Resume: {0}")]
    NotJsonResume(String),
    #[error("legacy Word .doc is not supported: save it as .docx or PDF")]
    LegacyDoc,
    #[error("the archive has {count} entries, over the limit of {limit}")]
    TooManyEntries { count: usize, limit: usize },
    #[error("the archive inflates to more than {limit} bytes: refusing a possible zip bomb")]
    InflateLimit { limit: u64 },
    #[error("unreadable DOCX: {0}")]
    Docx(String),
    #[error("unreadable PDF: {0}")]
    Pdf(String),
    #[error("no text layer: export the resume as a text-based PDF or DOCX")]
    NoTextLayer,
    #[error("the PDF is encrypted: export an unprotected copy")]
    Encrypted,
    #[error("the text cannot be decoded ({0}): export the resume again with standard fonts")]
    Garbled(String),
}

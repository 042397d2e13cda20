//! Backups: the one file that keeps a freelancer's business records safe when
//! the browser's storage is lost (DOMAIN practice 10).
//!
//! # Format (version 2, written since 0.2)
//!
//! One compact JSON document, one store per line:
//!
//! ```json
//! {"format":"cobro-backup","schema_version":2,"exported_at":"2026-03-01T09:30:00Z",
//!  "app_version":"0.1.0","sha256":"<64 lowercase hex>","digests":{…},"data":{
//! "profile":{…},
//! …
//! "steps":[…]}}
//! ```
//!
//! published as `schema/backup-v2.schema.json` at the repository root. See [`v2`] for the
//! exact layout and what the checksum covers: the bytes of each store as written, so an export
//! is assembled from storage without writing records again and an import is checked with the
//! browser's SHA-256 ([`open`], then [`read`] with the digests).
//!
//! * **Version 1** (pretty-printed, records sorted by id) hashed the *canonical* form of the typed
//!   data ([`canonical_json`]), so a re-indented or re-ordered file still verified. Such files
//!   still read, checked that way; their data is the same as version 2's.
//! * **Byte-order mark**: a leading UTF-8 BOM (what some Windows editors add on
//!   save) is stripped and reported as a note in [`Backup::notes`], not an
//!   error: it cannot change the data, and refusing it would only strand users.
//! * **Parsing** goes: size limit → BOM → nesting depth → long texts → the envelope as written
//!   (for the current version: checksum over the bytes, then every record typed straight from
//!   its text) → otherwise the whole file as a JSON tree: format tag → `schema_version` (older
//!   versions migrated by pure functions in [`migrate`], newer ones refused by name) → types,
//!   record by record so that every bad record is reported with its JSON path → checksum → the
//!   semantic rules of [`validate`]. Every problem found is reported, each with a JSON path
//!   (`$.data.invoices[3].client_id`) and a machine [`ProblemCode`]. A record reads only what
//!   it would write back (unknown fields and amounts as numbers are refused by the model
//!   itself), so the fast path accepts exactly what the per-record path accepts.

mod canonical;
mod format;
pub mod merge;
pub mod migrate;
pub mod v2;
mod validate;

pub use canonical::{
    canonical_json, changed_stores, checksum, checksum_and_digests, left_out, optional, sorted, store_key,
    STORES,
};
pub use format::{
    open, open_text, parse, parse_bytes, parse_with, read, read_per_record, ExportError, Opened, Spans,
};
pub use merge::{
    merge, preview, Conflict, ConflictKind, MergeError, MergeOutcome, MergeSummary, Preview, Store,
    StoreCounts,
};
pub use v2::export;
pub use validate::{numbering_notes, validate, validate_with_notes, Verdict};

use crate::model::{Dataset, DocKind, Stamp};
use crate::money::MoneyError;
use crate::numbering::SequenceProblem;
use crate::validity::Rule;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;
use thiserror::Error;

/// Value of the `format` tag that marks a Cobro backup.
pub const FORMAT_TAG: &str = "cobro-backup";

/// The backup format version this code writes; older versions are migrated on read.
pub const SCHEMA_VERSION: u32 = 2;

/// Files above this size are refused before parsing, so a wrong or hostile file
/// cannot exhaust a phone's memory. A real freelancer's decade is a few MB, but the
/// benchmark history (10 000 invoices with their follow-up steps and contacts) is
/// about 63 MB and must still restore: 128 MiB leaves it twice that room.
pub const MAX_BACKUP_BYTES: usize = 128 * 1024 * 1024;

/// Deepest nesting of arrays/objects accepted; real backups need fewer than ten
/// levels, and refusing early keeps hostile files from exhausting the stack.
pub const MAX_DEPTH: usize = 32;

/// Longest text (string value or key) a backup may hold, in bytes. The longest real one
/// is the business logo as a data URL (a 200 KB image is about 270 KB of base64); a
/// string of several megabytes is junk or an attack and is refused by its path.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// Longest echo of the file's own content in a problem's message or path: a hostile
/// file must not turn an error message into megabytes of text.
pub const MAX_ECHO_CHARS: usize = 120;

/// Dates outside these years are treated as typing mistakes.
pub const MIN_YEAR: i32 = 2000;
pub const MAX_YEAR: i32 = 2100;

/// A parsed, checked backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub exported_at: Stamp,
    pub app_version: String,
    /// The checksum the file declared (empty for versions that had none).
    pub sha256: String,
    /// The backup format version the file was written in, before migration.
    pub source_version: u32,
    /// Records in file order (already migrated to the current version).
    pub data: Dataset,
    /// Things worth telling the user that did not stop the import (BOM
    /// stripped, migrated from an older version, checksum mismatch accepted,
    /// numbering gaps and the like from [`numbering_notes`]).
    pub notes: Vec<Problem>,
    /// Where each record is in the file's bytes (current-format files only): storage can keep
    /// those bytes instead of writing every record again.
    pub spans: Option<Spans>,
}

/// How strict [`parse_with`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Import even though the checksum does not match (the user chose to
    /// override after seeing [`ProblemCode::ChecksumMismatch`]); all other
    /// checks still apply and the mismatch is kept as a note.
    pub accept_checksum_mismatch: bool,
    /// Size limit in bytes, [`MAX_BACKUP_BYTES`] by default.
    pub max_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            accept_checksum_mismatch: false,
            max_bytes: MAX_BACKUP_BYTES,
        }
    }
}

/// One thing wrong with (or worth noting about) a backup, located by a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// JSONPath of the offending value, e.g. `$.data.invoices[3].client_id`; `$` is the whole file.
    pub path: String,
    #[serde(flatten)]
    pub code: ProblemCode,
}

impl Problem {
    pub fn new(path: impl Into<String>, code: ProblemCode) -> Self {
        Self {
            path: clamp(path.into()),
            code: code.clamped(),
        }
    }

    /// The plain-words explanation (English; the UI translates from [`ProblemCode`]).
    pub fn message(&self) -> String {
        self.code.to_string()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.code)
    }
}

/// What is wrong, as data the UI can translate; `Display` gives plain English.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ProblemCode {
    #[error("the file is {size} bytes, more than the {limit} bytes a backup may have")]
    TooLarge { size: usize, limit: usize },
    #[error(
        "the file is not UTF-8 text (the byte at position {offset} cannot be read): \
         was it saved in another encoding, or is it not a backup at all?"
    )]
    NotUtf8 { offset: usize },
    #[error("the file started with an invisible byte-order mark, which was ignored")]
    BomStripped,
    #[error("this text is {len} bytes long, more than the {limit} bytes any text in a backup may have")]
    TextTooLong { len: usize, limit: usize },
    #[error("the file nests deeper than {limit} levels, which no Cobro backup does")]
    TooDeep { limit: usize },
    #[error("the file is not valid JSON: {detail}")]
    NotJson {
        /// Where the reading stopped (1-based; 0 when unknown).
        line: usize,
        column: usize,
        /// The JSON reader's own words (English, technical).
        detail: String,
    },
    #[error("this is not a Cobro backup (its format tag is {found})")]
    NotCobroBackup { found: String },
    #[error(
        "this backup was made by a newer version of Cobro (backup format version {found}); \
         this app reads versions up to {supported}: update the app to open it"
    )]
    FutureVersion { found: u64, supported: u32 },
    #[error("the backup format version must be a whole number, not {found}")]
    InvalidVersion { found: String },
    #[error("this backup was converted from the older format version {from} to version {to}")]
    Migrated { from: u32, to: u32 },
    #[error("this older backup has no checksum, so it cannot be checked for damage")]
    NoChecksum,
    #[error("this older backup could not be converted: {detail}")]
    MigrationFailed { detail: String },
    #[error("this required field is missing")]
    Missing,
    #[error("this field is not part of a Cobro backup")]
    UnknownField,
    #[error("wrong type or value: {detail}")]
    WrongType { detail: String },
    #[error(
        "the checksum does not match the data (the file says {expected}, the data gives {actual}): \
         the file was changed or damaged after it was exported{}",
        edited_text(.edited)
    )]
    ChecksumMismatch {
        expected: String,
        actual: String,
        /// Which kinds of records differ from what was exported, from the file's per-store
        /// `digests`: `None` when the file has none (written before they existed), empty
        /// when every store matches (only the checksum itself was edited).
        edited: Option<Vec<Store>>,
    },
    #[error("the id “{id}” is used by more than one record (also at {other})")]
    DuplicateId { id: String, other: String },
    #[error("refers to {} “{id}”, which does not exist", target_name(*.target))]
    MissingReference { target: Store, id: String },
    #[error(
        "refers to series “{id}”, which numbers {} documents, not {} documents",
        kind_name(*.actual),
        kind_name(*.expected)
    )]
    WrongSeriesKind {
        id: String,
        expected: DocKind,
        actual: DocKind,
    },
    #[error("the number “{number}” is also used by {other} in the same series")]
    DuplicateNumber { number: String, other: String },
    #[error("the amounts cannot be computed: {error}")]
    InvalidAmounts {
        #[serde(serialize_with = "as_text")]
        error: MoneyError,
    },
    #[error("the amount must be more than zero, not {amount}")]
    NotPositive { amount: Decimal },
    #[error("the date {date} is outside the years {MIN_YEAR}–{MAX_YEAR}")]
    DateOutOfRange { date: NaiveDate },
    #[error("the due date {due} is before the issue date {issued}")]
    DueBeforeIssue { due: NaiveDate, issued: NaiveDate },
    #[error("unknown currency code “{code}”")]
    UnknownCurrency { code: String },
    #[error("{what}")]
    Inconsistent {
        #[serde(serialize_with = "as_text")]
        what: Inconsistency,
    },
    /// A numbering finding (gap, date order, pattern, counter): reported, never blocking.
    #[error("numbering: {finding}")]
    Numbering {
        #[serde(serialize_with = "as_text")]
        finding: SequenceProblem,
    },
    /// A record breaks one of the checks of [`crate::validity`] that refuse.
    #[error("{rule}")]
    Invalid {
        #[serde(serialize_with = "as_text")]
        rule: Rule,
    },
    /// A value this version's forms would not accept (a NIF with a wrong check letter, an
    /// email without a domain, an over-long text…), written by an older version: restored as
    /// it is, to be corrected the next time the record is edited. A note, never blocking.
    #[error("kept as it is, but worth correcting: {rule}")]
    KeptAsIs {
        #[serde(serialize_with = "as_text")]
        rule: Rule,
    },
    /// A value an older version accepted and this one cannot keep, repaired on restore
    /// without losing anything (see [`migrate::repair`]). A note, never blocking.
    #[error("{repair}")]
    Repaired {
        #[serde(serialize_with = "as_text")]
        repair: Repair,
    },
}

/// Records that do not fit together, found by [`validate`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Inconsistency {
    #[error("an issued document needs a number")]
    NoNumber,
    #[error("credit note “{id}” is about another invoice")]
    CreditNoteOfAnotherInvoice { id: String },
    #[error("the credit note's client is not the invoice's client")]
    CreditNoteClient,
    #[error("the credit note is in {note}, its invoice in {invoice}")]
    CreditNoteCurrency { note: String, invoice: String },
    #[error("a payment cannot be recorded against a draft invoice")]
    PaymentOnDraft,
    #[error("the late-payment rate {rate_pct} % for {year}-{half} is not a half-year's rate (half 1 or 2, year 2000–2100, 0–100 %)")]
    LateRate { year: i32, half: u8, rate_pct: Decimal },
    #[error("the half-year {year}-{half} has two late-payment rates")]
    LateRateTwice { year: i32, half: u8 },
    #[error("a debt written off, handed to legal or reopened must name its invoice")]
    ClosingWithoutInvoice,
    #[error("a payment is replaced by one of another invoice")]
    ReplacedByOtherInvoice,
}

/// A value repaired on restore (see [`migrate::repair`]).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Repair {
    /// A credit limit of zero or less limits nothing: it was removed.
    #[error("the credit limit {amount} was not more than zero and was removed")]
    CreditLimitCleared { amount: Decimal },
}

/// Serialises a typed detail as its English sentence (the JSON form of a problem is for
/// tools and logs; the UI translates the typed value).
fn as_text<T: fmt::Display, S: serde::Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// What a store's records are called in an English message.
pub fn target_name(store: Store) -> &'static str {
    match store {
        Store::Profile => "profile",
        Store::Settings => "settings",
        Store::PaymentMethods => "payment method",
        Store::Series => "series",
        Store::Clients => "client",
        Store::Items => "item",
        Store::Quotes => "quote",
        Store::Invoices => "invoice",
        Store::CreditNotes => "credit note",
        Store::Payments => "payment",
        Store::Contacts => "contact",
        Store::Steps => "follow-up step",
        Store::Recurring => "recurring schedule",
    }
}

fn kind_name(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Invoice => "invoice",
        DocKind::CreditNote => "credit note",
        DocKind::Quote => "quote",
    }
}

/// `text` cut to [`MAX_ECHO_CHARS`] characters, marked with "…" when cut.
fn clamp(text: String) -> String {
    match text.char_indices().nth(MAX_ECHO_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

impl ProblemCode {
    /// The same problem with every text that may echo the file cut short (see [`clamp`]).
    fn clamped(self) -> Self {
        match self {
            Self::NotJson { line, column, detail } => Self::NotJson {
                line,
                column,
                detail: clamp(detail),
            },
            Self::NotCobroBackup { found } => Self::NotCobroBackup { found: clamp(found) },
            Self::InvalidVersion { found } => Self::InvalidVersion { found: clamp(found) },
            Self::MigrationFailed { detail } => Self::MigrationFailed {
                detail: clamp(detail),
            },
            Self::WrongType { detail } => Self::WrongType {
                detail: clamp(detail),
            },
            Self::DuplicateId { id, other } => Self::DuplicateId {
                id: clamp(id),
                other: clamp(other),
            },
            Self::MissingReference { target, id } => Self::MissingReference {
                target,
                id: clamp(id),
            },
            Self::WrongSeriesKind { id, expected, actual } => Self::WrongSeriesKind {
                id: clamp(id),
                expected,
                actual,
            },
            Self::Inconsistent {
                what: Inconsistency::CreditNoteOfAnotherInvoice { id },
            } => Self::Inconsistent {
                what: Inconsistency::CreditNoteOfAnotherInvoice { id: clamp(id) },
            },
            Self::DuplicateNumber { number, other } => Self::DuplicateNumber {
                number: clamp(number),
                other: clamp(other),
            },
            Self::UnknownCurrency { code } => Self::UnknownCurrency { code: clamp(code) },
            other => other,
        }
    }

    /// Notes describe what happened to a readable file; they never block an import.
    pub fn is_note(&self) -> bool {
        matches!(
            self,
            Self::BomStripped
                | Self::Migrated { .. }
                | Self::NoChecksum
                | Self::Numbering { .. }
                | Self::KeptAsIs { .. }
                | Self::Repaired { .. }
        )
    }
}

/// The tail of the checksum message naming what was edited.
fn edited_text(edited: &Option<Vec<Store>>) -> String {
    match edited.as_deref() {
        None => String::new(),
        Some([]) => "; the records all match what was exported, only the checksum was changed".into(),
        Some(stores) => {
            let names: Vec<&str> = stores.iter().map(|s| store_key(*s)).collect();
            format!("; edited after export: {}", names.join(", "))
        }
    }
}

/// Every problem that stopped a backup from being read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", render(.problems))]
pub struct BackupErrors {
    pub problems: Vec<Problem>,
}

fn render(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    format!(
        "the backup cannot be imported ({} problem(s)):\n{}",
        problems.len(),
        lines.join("\n")
    )
}

impl BackupErrors {
    /// True when the only thing wrong is the checksum: the UI may then offer
    /// "import anyway", calling [`parse_with`] with `accept_checksum_mismatch`.
    pub fn only_checksum_mismatch(&self) -> bool {
        !self.problems.is_empty()
            && self
                .problems
                .iter()
                .all(|p| matches!(p.code, ProblemCode::ChecksumMismatch { .. }))
    }

    /// What a checksum mismatch says was edited (see [`ProblemCode::ChecksumMismatch`]):
    /// `None` when there is no mismatch or the file cannot tell.
    pub fn edited_stores(&self) -> Option<&[Store]> {
        self.problems.iter().find_map(|p| match &p.code {
            ProblemCode::ChecksumMismatch { edited, .. } => edited.as_deref(),
            _ => None,
        })
    }
}

/// `base.key`, or `base["key"]` when the key is not a plain identifier.
pub(crate) fn child(base: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{base}.{key}")
    } else {
        format!("{base}[{}]", serde_json::Value::String(key.to_string()))
    }
}

/// `base[index]`.
pub(crate) fn index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

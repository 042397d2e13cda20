//! Writing and reading the backup file: the envelope, the limits that protect
//! the reader, and per-record type checks that say exactly where a value is wrong.

use super::{
    canonical, canonical::STORES, child, index, merge::Store, migrate, numbering_notes, v2,
    validate_with_notes, Backup, BackupErrors, ParseOptions, Problem, ProblemCode, FORMAT_TAG, MAX_DEPTH,
    MAX_TEXT_BYTES, SCHEMA_VERSION,
};
use crate::model::{
    AppSettings, BusinessProfile, CatalogItem, Client, ContactEntry, CreditNote, Dataset, FollowUpStep,
    Invoice, NumberingSeries, Payment, PaymentMethod, Quote, RecurringSchedule, Stamp,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use thiserror::Error;

/// Writing a backup failed (cannot happen with the model's types; kept so
/// that the core never panics).
#[derive(Debug, Error)]
#[error("the backup could not be written: {0}")]
pub struct ExportError(#[from] serde_json::Error);

/// A backup file opened for reading: the size, encoding, nesting and text-length limits are
/// checked, and for a current-format file the exact bytes of each store are known, which is
/// what its checksum covers (the app hashes them with the browser's SHA-256, see [`read`]).
pub struct Opened<'a> {
    /// The file's text, after a byte-order mark if there was one.
    text: &'a str,
    notes: Vec<Problem>,
    probe: Probe<'a>,
}

/// What a first look at the file found.
enum Probe<'a> {
    /// A current-format file read in one pass exactly as [`super::v2`] writes it: the envelope,
    /// every record typed straight from the text, and where each store and record is.
    V2(Box<OnePass<'a>>),
    /// A current-format file with something wrong in it: the stores found, for the checksum
    /// (the per-record path then says what is wrong).
    V2Loose(Vec<(Store, &'a RawValue)>),
    /// Anything else: an older or newer version, or not a backup at all.
    Other,
}

/// A current-format file as read in one pass.
struct OnePass<'a> {
    format: String,
    exported_at: Stamp,
    app_version: String,
    sha256: String,
    digests: BTreeMap<String, String>,
    /// Each store's value as it stands in the text (what its digest covers), in file order.
    stores: Vec<(Store, &'a str)>,
    data: Dataset,
    spans: Spans,
    /// The length of the longest of the parts that between them hold every text literal of the
    /// file: the envelope around `data`, the profile, the settings, and each record (between
    /// those there are only the keys of `data`, each a store's name, and punctuation).
    longest_part: usize,
}

/// A cursor over the text for [`one_pass`]: JSON's structure by hand, every value by serde.
struct Walk<'a> {
    text: &'a str,
    at: usize,
}

impl Walk<'_> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.text.as_bytes().get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.at += 1)
    }

    /// One value, typed by serde from where the cursor is; the cursor moves past it.
    fn value<T: DeserializeOwned>(&mut self) -> Option<T> {
        self.skip_ws();
        let mut values = serde_json::Deserializer::from_str(self.text.get(self.at..)?).into_iter::<T>();
        let v = values.next()?.ok()?;
        self.at += values.byte_offset();
        Some(v)
    }

    /// `,` (more to come: true) or `close` (no more: false).
    fn next_or(&mut self, close: u8) -> Option<bool> {
        match self.peek()? {
            b',' => {
                self.at += 1;
                Some(true)
            }
            b if b == close => {
                self.at += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// A list of records, each typed and located (`base` turns positions in the text into
    /// positions in the bytes given to [`open`]).
    fn records<T: DeserializeOwned>(
        &mut self,
        base: usize,
        spans: &mut Vec<std::ops::Range<usize>>,
    ) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(out);
        }
        loop {
            self.skip_ws();
            let start = self.at;
            // Typed straight into the list: a record moved through `value`'s `Option`s is
            // copied once more for each (hundreds of bytes for an invoice).
            let mut values = serde_json::Deserializer::from_str(self.text.get(start..)?).into_iter::<T>();
            match values.next() {
                Some(Ok(record)) => out.push(record),
                _ => return None,
            }
            self.at += values.byte_offset();
            spans.push(base + start..base + self.at);
            if !self.next_or(b']')? {
                return Some(out);
            }
        }
    }
}

/// The fast path: a current-format file read in one pass, as [`super::v2`] writes it (any
/// order of keys, any whitespace), every record typed straight from its place in the text.
/// `None` at the first thing that differs (an unknown or repeated key, a record that does not
/// read, anything after the end): the per-record path then reads the file and says what is
/// wrong. Finding the stores and records by scanning first took more time than typing them.
fn one_pass(text: &str, base: usize) -> Option<OnePass<'_>> {
    let mut w = Walk { text, at: 0 };
    let (mut format, mut version, mut exported_at, mut app_version, mut sha256, mut digests, mut data) =
        (None, None, None, None, None, None, None);
    let mut data_len = 0;
    w.eat(b'{')?;
    loop {
        let key: String = w.value()?;
        w.eat(b':')?;
        let fresh = match key.as_str() {
            "format" => format.replace(w.value::<String>()?).is_none(),
            "schema_version" => version.replace(w.value::<u64>()?).is_none(),
            "exported_at" => exported_at.replace(w.value::<Stamp>()?).is_none(),
            "app_version" => app_version.replace(w.value::<String>()?).is_none(),
            "sha256" => sha256.replace(w.value::<String>()?).is_none(),
            "digests" => digests.replace(w.value::<BTreeMap<String, String>>()?).is_none(),
            "data" => {
                w.skip_ws();
                let start = w.at;
                let read = one_pass_data(&mut w, base)?;
                data_len = w.at - start;
                data.replace(read).is_none()
            }
            _ => return None,
        };
        if !fresh {
            return None;
        }
        if !w.next_or(b'}')? {
            break;
        }
    }
    w.skip_ws();
    if w.at != text.len() || version? != 2 {
        return None;
    }
    let (stores, data, spans) = data?;
    let records = spans.by_kind.iter().flatten().map(ExactSizeIterator::len);
    let single = stores
        .iter()
        .filter(|(s, _)| matches!(s, Store::Profile | Store::Settings))
        .map(|(_, t)| t.len());
    let longest_part = records.chain(single).fold(text.len() - data_len, usize::max);
    Some(OnePass {
        format: format?,
        exported_at: exported_at?,
        app_version: app_version?,
        sha256: sha256?,
        digests: digests?,
        stores,
        data,
        spans,
        longest_part,
    })
}

type DataRead<'a> = (Vec<(Store, &'a str)>, Dataset, Spans);

/// The `data` object of [`one_pass`]: every store once, each record typed and located.
fn one_pass_data<'a>(w: &mut Walk<'a>, base: usize) -> Option<DataRead<'a>> {
    use crate::pack::Kind;
    let mut data = Dataset::default();
    let mut spans = Spans {
        by_kind: vec![Vec::new(); Kind::ALL.len()],
    };
    let mut stores: Vec<(Store, &str)> = Vec::with_capacity(STORES.len());
    let slot = |kind: Kind| Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    w.eat(b'{')?;
    loop {
        let key: String = w.value()?;
        let store = canonical::store_of_key(&key)?;
        if stores.iter().any(|(s, _)| *s == store) {
            return None;
        }
        w.eat(b':')?;
        w.skip_ws();
        let start = w.at;
        macro_rules! list {
            ($field:ident, $kind:expr) => {{
                let at = spans.by_kind.get_mut(slot($kind))?;
                data.$field = w.records(base, at)?;
            }};
        }
        match store {
            Store::Profile => data.profile = w.value()?,
            Store::Settings => data.settings = w.value()?,
            Store::PaymentMethods => list!(payment_methods, Kind::PaymentMethods),
            Store::Series => list!(series, Kind::Series),
            Store::Clients => list!(clients, Kind::Clients),
            Store::Items => list!(items, Kind::Items),
            Store::Quotes => list!(quotes, Kind::Quotes),
            Store::Invoices => list!(invoices, Kind::Invoices),
            Store::CreditNotes => list!(credit_notes, Kind::CreditNotes),
            Store::Payments => list!(payments, Kind::Payments),
            Store::Contacts => list!(contacts, Kind::Contacts),
            Store::Steps => list!(steps, Kind::Steps),
            Store::Recurring => list!(recurring, Kind::Recurring),
        }
        stores.push((store, w.text.get(start..w.at)?));
        if !w.next_or(b'}')? {
            break;
        }
    }
    let complete = STORES
        .into_iter()
        .all(|s| canonical::optional(s) || stores.iter().any(|(found, _)| *found == s));
    complete.then_some((stores, data, spans))
}

/// Just enough of any file to tell a current-format one and find its stores.
#[derive(Deserialize)]
struct Peek<'a> {
    schema_version: Option<Value>,
    #[serde(borrow)]
    data: Option<BTreeMap<std::borrow::Cow<'a, str>, &'a RawValue>>,
}

/// Where each record of a current-format file is in the bytes given to [`open`], by kind (in
/// [`crate::pack::Kind::ALL`] order) and in file order: storage keeps those bytes as they are
/// instead of writing every record again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spans {
    pub by_kind: Vec<Vec<std::ops::Range<usize>>>,
}

impl Spans {
    /// The spans of the records of `kind`, in the order of the dataset's list.
    pub fn of(&self, kind: crate::pack::Kind) -> &[std::ops::Range<usize>] {
        crate::pack::Kind::ALL
            .iter()
            .position(|k| *k == kind)
            .and_then(|i| self.by_kind.get(i))
            .map_or(&[], Vec::as_slice)
    }
}

/// Check the limits of a file given as the user's bytes: a file that is not UTF-8 text is
/// refused by name ([`ProblemCode::NotUtf8`]) instead of being read with replacement
/// characters, which would only show up later as a confusing checksum mismatch or a garbled name.
pub fn open(bytes: &[u8], opts: ParseOptions) -> Result<Opened<'_>, BackupErrors> {
    if bytes.len() > opts.max_bytes {
        return Err(fail(
            "$",
            ProblemCode::TooLarge {
                size: bytes.len(),
                limit: opts.max_bytes,
            },
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => open_text(text, opts),
        Err(e) => Err(fail(
            "$",
            ProblemCode::NotUtf8 {
                offset: e.valid_up_to(),
            },
        )),
    }
}

/// [`open`] for a file already held as text.
pub fn open_text(text: &str, opts: ParseOptions) -> Result<Opened<'_>, BackupErrors> {
    let mut notes = Vec::new();
    if text.len() > opts.max_bytes {
        return Err(fail(
            "$",
            ProblemCode::TooLarge {
                size: text.len(),
                limit: opts.max_bytes,
            },
        ));
    }
    let (text, offset) = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            notes.push(Problem::new("$", ProblemCode::BomStripped));
            (rest, '\u{feff}'.len_utf8())
        }
        None => (text, 0),
    };
    // A file the one pass reads is within the limits the scan checks whenever no part of it
    // that holds text literals is longer than the limit for one: the model nests a few levels
    // only (and serde_json stops at 128, so reading a deeper file first is safe), and a literal
    // is no longer than the part that holds it. Then the scan (an eighth of the instructions of
    // typing such a file, every byte looked at) would find nothing; for any other file it runs
    // first, as before.
    let one = one_pass(text, offset);
    if one.as_ref().is_none_or(|r| r.longest_part > MAX_TEXT_BYTES) {
        let scanned = scan(text);
        if scanned.depth > MAX_DEPTH {
            return Err(fail("$", ProblemCode::TooDeep { limit: MAX_DEPTH }));
        }
        if !scanned.long.is_empty() {
            return Err(long_texts(text, &scanned.long));
        }
    }
    let probe = match one {
        Some(read) => Probe::V2(Box::new(read)),
        None => probe(text),
    };
    Ok(Opened { text, notes, probe })
}

/// What a file the one pass does not read is.
fn probe(text: &str) -> Probe<'_> {
    let Ok(peek) = serde_json::from_str::<Peek>(text) else {
        return Probe::Other;
    };
    if peek.schema_version.as_ref().and_then(Value::as_u64) != Some(2) {
        return Probe::Other;
    }
    let stores = peek
        .data
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| Some((canonical::store_of_key(&k)?, v)))
        .collect();
    Probe::V2Loose(stores)
}

impl<'a> Opened<'a> {
    /// The bytes whose SHA-256 the checksum of a current-format file is made of, one per store
    /// found in it (none for older files, whose checksum the core computes itself).
    pub fn to_hash(&self) -> Vec<(Store, &'a [u8])> {
        match &self.probe {
            Probe::V2(read) => read.stores.iter().map(|(s, t)| (*s, t.as_bytes())).collect(),
            Probe::V2Loose(stores) => stores.iter().map(|(s, v)| (*s, v.get().as_bytes())).collect(),
            Probe::Other => Vec::new(),
        }
    }

    fn digests(&self, given: Option<Vec<(Store, String)>>) -> Vec<(Store, String)> {
        given.unwrap_or_else(|| {
            self.to_hash()
                .into_iter()
                .map(|(s, b)| (s, v2::digest(b)))
                .collect()
        })
    }
}

/// Read and check a backup from the file's bytes, as picked by the user.
pub fn parse_bytes(bytes: &[u8], opts: ParseOptions) -> Result<Backup, BackupErrors> {
    read(open(bytes, opts)?, None, opts)
}

/// Read and check a backup with the default (strict) options.
pub fn parse(text: &str) -> Result<Backup, BackupErrors> {
    parse_with(text, ParseOptions::default())
}

/// Read and check a backup; every problem found is returned, each with its JSON path.
pub fn parse_with(text: &str, opts: ParseOptions) -> Result<Backup, BackupErrors> {
    read(open_text(text, opts)?, None, opts)
}

/// Read and check an opened file. `digests` are the SHA-256 (lowercase hex) of each of
/// [`Opened::to_hash`]'s byte strings, if the caller computed them (the app, with WebCrypto);
/// `None` computes them here.
pub fn read(
    opened: Opened<'_>,
    digests: Option<Vec<(Store, String)>>,
    opts: ParseOptions,
) -> Result<Backup, BackupErrors> {
    let actual = opened.digests(digests);
    let Opened { text, notes, probe } = opened;
    match probe {
        Probe::V2(one) if one.format == FORMAT_TAG && is_sha256_hex(&one.sha256) => {
            // Straight from the bytes only when they are exactly the ones exported: an edited
            // file (even one accepted knowingly) goes through every check of the per-record path.
            let Some(declared) = typed_digests(one.digests.clone()) else {
                return general(text, notes, opts, &actual);
            };
            if bytes_mismatch(&one.sha256, &declared, &actual).is_some() {
                return general(text, notes, opts, &actual);
            }
            let OnePass {
                exported_at,
                app_version,
                sha256,
                data,
                spans,
                ..
            } = *one;
            let read = Read {
                exported_at,
                app_version,
                sha256: Some(sha256),
                digests: Some(declared),
                data,
                actual_checksum: None,
            };
            finish(read, 2, Check::Bytes(None), Some(spans), notes, opts)
        }
        Probe::V2(_) | Probe::V2Loose(_) => general(text, notes, opts, &actual),
        Probe::Other => match read_canonical(text) {
            Some(read) => {
                let check = Check::Canonical;
                finish(read, 1, check, None, notes, opts)
            }
            None => general(text, notes, opts, &actual),
        },
    }
}

/// [`read`] through the per-record path alone, even for a file the fast paths would take, so
/// that tests can check that both accept the same files and read the same data.
#[doc(hidden)]
pub fn read_per_record(opened: Opened<'_>, opts: ParseOptions) -> Result<Backup, BackupErrors> {
    let actual = opened.digests(None);
    general(opened.text, opened.notes, opts, &actual)
}

/// The checksum problem of a current-format file, if its bytes are not the ones it declares.
fn bytes_mismatch(
    declared_root: &str,
    declared: &[(Store, String)],
    actual: &[(Store, String)],
) -> Option<Problem> {
    let actual_root = v2::root(actual);
    let edited: Vec<Store> = STORES
        .into_iter()
        .filter(|store| {
            let of = |list: &[(Store, String)]| list.iter().find(|(s, _)| s == store).map(|(_, d)| d.clone());
            // An optional store neither declared nor in the file is simply not there.
            if canonical::optional(*store) && of(declared).is_none() && of(actual).is_none() {
                return false;
            }
            of(declared).is_none() || of(declared) != of(actual)
        })
        .collect();
    if declared_root == actual_root && edited.is_empty() {
        return None;
    }
    Some(Problem::new(
        "$.sha256",
        ProblemCode::ChecksumMismatch {
            expected: declared_root.to_owned(),
            actual: actual_root,
            edited: Some(edited),
        },
    ))
}

/// How a file's checksum is checked, by format version.
enum Check {
    /// Version 0 had none.
    None,
    /// Version 1: SHA-256 of the canonical form of the typed data ([`canonical`]).
    Canonical,
    /// Version 2: the bytes, compared before typing (the mismatch found, if any).
    Bytes(Option<Problem>),
}

/// The per-record path: the whole file as a JSON tree, every field typed with its path, so
/// that every problem is found and located. Runs for older versions and for any file the
/// fast paths could not read as it is.
fn general(
    text: &str,
    mut notes: Vec<Problem>,
    opts: ParseOptions,
    v2_digests: &[(Store, String)],
) -> Result<Backup, BackupErrors> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        fail(
            "$",
            ProblemCode::NotJson {
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            },
        )
    })?;
    let Value::Object(top) = value else {
        return Err(fail(
            "$",
            ProblemCode::NotCobroBackup {
                found: "not a JSON object".into(),
            },
        ));
    };
    match top.get("format") {
        Some(Value::String(s)) if s == FORMAT_TAG => {}
        Some(other) => {
            return Err(fail(
                "$.format",
                ProblemCode::NotCobroBackup {
                    found: other.to_string(),
                },
            ))
        }
        None => {
            return Err(fail(
                "$.format",
                ProblemCode::NotCobroBackup {
                    found: "missing".into(),
                },
            ))
        }
    }
    let source_version =
        read_version(top.get("schema_version")).map_err(|code| fail("$.schema_version", code))?;
    let top = if source_version < SCHEMA_VERSION {
        let migrated = migrate::migrate(Value::Object(top), source_version).map_err(|e| {
            fail(
                "$",
                ProblemCode::MigrationFailed {
                    detail: e.to_string(),
                },
            )
        })?;
        // Version 1 → 2 changed only how the checksum is computed, not the data: nothing to say.
        if source_version == 0 {
            notes.push(Problem::new(
                "$.schema_version",
                ProblemCode::Migrated {
                    from: source_version,
                    to: SCHEMA_VERSION,
                },
            ));
        }
        match migrated {
            Value::Object(m) => m,
            _ => {
                return Err(fail(
                    "$",
                    ProblemCode::MigrationFailed {
                        detail: "the result is not an object".into(),
                    },
                ))
            }
        }
    } else {
        top
    };

    let mut problems = Vec::new();
    for key in top.keys() {
        if ![
            "format",
            "schema_version",
            "exported_at",
            "app_version",
            "sha256",
            "digests",
            "data",
        ]
        .contains(&key.as_str())
        {
            problems.push(Problem::new(child("$", key), ProblemCode::UnknownField));
        }
    }
    let exported_at = field::<Stamp>(&top, "$", "exported_at", &mut problems);
    let app_version = field::<String>(&top, "$", "app_version", &mut problems);
    let sha256 = match top.get("sha256") {
        None if source_version == 0 => {
            notes.push(Problem::new("$.sha256", ProblemCode::NoChecksum));
            None
        }
        None => {
            problems.push(Problem::new("$.sha256", ProblemCode::Missing));
            None
        }
        Some(Value::String(s)) if is_sha256_hex(s) => Some(s.clone()),
        Some(_) => {
            problems.push(Problem::new(
                "$.sha256",
                ProblemCode::WrongType {
                    detail: "expected 64 lowercase hexadecimal digits".into(),
                },
            ));
            None
        }
    };
    let digests = top.get("digests").and_then(|v| read_digests(v, &mut problems));
    // Since version 2 the digests are what the checksum is made of: a file must carry them.
    if source_version >= 2 && top.get("digests").is_none() {
        problems.push(Problem::new("$.digests", ProblemCode::Missing));
    }
    let data = match top.get("data") {
        Some(v) => read_dataset(v, "$.data", &mut problems),
        None => {
            problems.push(Problem::new("$.data", ProblemCode::Missing));
            None
        }
    };
    let (Some(exported_at), Some(app_version), Some(data), true) =
        (exported_at, app_version, data, problems.is_empty())
    else {
        return Err(BackupErrors { problems });
    };
    let check = match (source_version, &sha256) {
        (0, _) | (_, None) => Check::None,
        (1, Some(_)) => Check::Canonical,
        (_, Some(root)) => Check::Bytes(bytes_mismatch(
            root,
            digests.as_deref().unwrap_or(&[]),
            v2_digests,
        )),
    };
    let read = Read {
        exported_at,
        app_version,
        sha256,
        digests,
        data,
        actual_checksum: None,
    };
    finish(read, source_version, check, None, notes, opts)
}

/// A backup error with one problem.
fn fail(path: &str, code: ProblemCode) -> BackupErrors {
    BackupErrors {
        problems: vec![Problem::new(path, code)],
    }
}

/// What a well-typed file said, read by either path.
struct Read {
    exported_at: Stamp,
    app_version: String,
    /// The checksum the file declares (`None` for old versions that had none).
    sha256: Option<String>,
    /// The per-store digests the file declares (`None` for files written before them).
    digests: Option<Vec<(Store, String)>>,
    data: Dataset,
    /// The data's checksum when reading it already gave it.
    actual_checksum: Option<String>,
}

/// The checks every well-typed file goes through: checksum, then the semantic rules.
fn finish(
    read: Read,
    source_version: u32,
    check: Check,
    mut spans: Option<Spans>,
    mut notes: Vec<Problem>,
    opts: ParseOptions,
) -> Result<Backup, BackupErrors> {
    let Read {
        exported_at,
        app_version,
        sha256,
        digests,
        mut data,
        actual_checksum,
    } = read;
    let mut problems = Vec::new();
    let mismatch = match (check, &sha256) {
        (Check::Bytes(p), _) => p,
        (Check::Canonical, Some(expected)) => {
            let actual = match actual_checksum {
                Some(a) => a,
                None => canonical::checksum(&data).map_err(|e| {
                    fail(
                        "$.data",
                        ProblemCode::WrongType {
                            detail: e.to_string(),
                        },
                    )
                })?,
            };
            (*expected != actual).then(|| {
                // Only on a mismatch: which stores differ from the digests the file declares.
                let edited = match &digests {
                    Some(declared) => canonical::changed_stores(&canonical::sorted(&data), declared).ok(),
                    None => None,
                };
                Problem::new(
                    "$.sha256",
                    ProblemCode::ChecksumMismatch {
                        expected: expected.clone(),
                        actual,
                        edited,
                    },
                )
            })
        }
        (Check::Canonical | Check::None, _) => None,
    };
    if let Some(p) = mismatch {
        if opts.accept_checksum_mismatch {
            notes.push(p);
        } else {
            problems.push(p);
        }
    }
    // After the checksum, which covers what was written: then what older versions accepted and
    // this one cannot keep is repaired (the repaired records are written anew, not kept as bytes).
    let repaired = migrate::repair(&mut data);
    if !repaired.is_empty() {
        spans = None;
    }
    let verdict = validate_with_notes(&data);
    problems.extend(verdict.problems);
    if !problems.is_empty() {
        return Err(BackupErrors { problems });
    }
    notes.extend(repaired);
    notes.extend(verdict.notes);
    notes.extend(numbering_notes(&data));
    Ok(Backup {
        exported_at,
        app_version,
        sha256: sha256.unwrap_or_default(),
        source_version,
        data,
        notes,
        spans,
    })
}

/// The envelope of a current-version file, typed field by field, with `data` left as its text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnvelope<'a> {
    format: &'a str,
    schema_version: u64,
    exported_at: Stamp,
    app_version: String,
    sha256: &'a str,
    #[serde(default)]
    digests: Option<BTreeMap<String, String>>,
    #[serde(borrow)]
    data: &'a RawValue,
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Fast path for the usual file, one [`export`] wrote: the envelope and the dataset are
/// deserialised straight from the text, with no JSON tree in between, and accepted only when
/// the dataset written back compactly is the file's `data` text byte for byte, apart from
/// the whitespace between tokens. That identity means the tree the per-record path builds
/// would equal the data's own, so every check of that path (all stores present, no unknown
/// fields, amounts as strings, the same kinds) would pass; anything else, however harmless,
/// returns `None` and that path runs, finding and locating each problem. The compact text is
/// also what the checksum hashes, so it is made once.
fn read_canonical(text: &str) -> Option<Read> {
    let env: RawEnvelope = serde_json::from_str(text).ok()?;
    if env.format != FORMAT_TAG || env.schema_version != 1 || !is_sha256_hex(env.sha256) {
        return None;
    }
    let raw = env.data.get();
    let data: Dataset = serde_json::from_str(raw).ok()?;
    // Written back into room for the whole text at once: growing a string of tens of
    // megabytes by doubling copies it again and again.
    let mut compact = Vec::with_capacity(raw.len());
    serde_json::to_writer(&mut compact, &data).ok()?;
    let compact = String::from_utf8(compact).ok()?;
    if !same_apart_from_layout(raw.as_bytes(), compact.as_bytes()) {
        return None;
    }
    let actual_checksum = Some(canonical::checksum_given(&data, &compact).ok()?);
    let digests = match env.digests {
        Some(map) => Some(typed_digests(map)?),
        None => None,
    };
    Some(Read {
        exported_at: env.exported_at,
        app_version: env.app_version,
        sha256: Some(env.sha256.to_owned()),
        digests,
        data,
        actual_checksum,
    })
}

/// The `digests` object as stores and hashes, when every key names a store and every
/// value is a SHA-256 (otherwise the per-field path reports what is wrong).
fn typed_digests(map: BTreeMap<String, String>) -> Option<Vec<(Store, String)>> {
    map.into_iter()
        .map(|(k, v)| Some((canonical::store_of_key(&k)?, v)).filter(|(_, v)| is_sha256_hex(v)))
        .collect()
}

/// The optional `digests` envelope field: an object from store keys to SHA-256 hex.
fn read_digests(v: &Value, problems: &mut Vec<Problem>) -> Option<Vec<(Store, String)>> {
    let Value::Object(map) = v else {
        problems.push(Problem::new(
            "$.digests",
            ProblemCode::WrongType {
                detail: "expected an object".into(),
            },
        ));
        return None;
    };
    let before = problems.len();
    let mut digests = Vec::with_capacity(map.len());
    for (key, d) in map {
        let path = child("$.digests", key);
        match (canonical::store_of_key(key), d) {
            (None, _) => problems.push(Problem::new(path, ProblemCode::UnknownField)),
            (Some(store), Value::String(s)) if is_sha256_hex(s) => digests.push((store, s.clone())),
            (Some(_), _) => problems.push(Problem::new(
                path,
                ProblemCode::WrongType {
                    detail: "expected 64 lowercase hexadecimal digits".into(),
                },
            )),
        }
    }
    (problems.len() == before).then_some(digests)
}

/// Whether `text` is the compact JSON `compact` with only whitespace (JSON's: space, tab,
/// newline, carriage return) added between tokens; inside strings every byte must match.
fn same_apart_from_layout(text: &[u8], compact: &[u8]) -> bool {
    let mut expected = compact.iter();
    let (mut in_string, mut escaped) = (false, false);
    for &b in text {
        if !in_string && matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            continue;
        }
        if expected.next() != Some(&b) {
            return false;
        }
        if !in_string {
            in_string = b == b'"';
        } else if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'"' {
            in_string = false;
        }
    }
    expected.next().is_none()
}

/// `schema_version` as a supported version number, or why it is not one.
fn read_version(v: Option<&Value>) -> Result<u32, ProblemCode> {
    let v = v.ok_or(ProblemCode::Missing)?;
    let n = v
        .as_u64()
        .ok_or_else(|| ProblemCode::InvalidVersion { found: v.to_string() })?;
    if n > u64::from(SCHEMA_VERSION) {
        return Err(ProblemCode::FutureVersion {
            found: n,
            supported: SCHEMA_VERSION,
        });
    }
    u32::try_from(n).map_err(|_| ProblemCode::InvalidVersion { found: v.to_string() })
}

/// What one pass over the raw text finds, before any parser sees it: the deepest `[`/`{`
/// nesting outside strings (a hostile file is refused before a parser ever recurses into it)
/// and the byte ranges of the string literals (values or keys, escapes counted as written)
/// longer than [`MAX_TEXT_BYTES`] (a literal left open at the end counts up to the end).
struct Scan {
    depth: usize,
    long: Vec<std::ops::Range<usize>>,
}

/// Bytes of `x` equal to `c`, as the high bit of each byte: exact for the lowest one, which
/// is the only one read (the borrow can only mark bytes above a true match).
fn bytes_equal(x: u64, c: u8) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let y = x ^ (LO * u64::from(c));
    y.wrapping_sub(LO) & !y & HI
}

/// Years of records are tens of megabytes, mostly inside strings: the inside of a string is
/// skipped eight bytes at a time, up to the next quote or backslash.
fn scan(text: &str) -> Scan {
    let b = text.as_bytes();
    let (mut depth, mut max, mut long) = (0usize, 0usize, Vec::new());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                i = start;
                loop {
                    while let Some(chunk) = b.get(i..i + 8) {
                        let mut word = [0u8; 8];
                        word.copy_from_slice(chunk);
                        let x = u64::from_le_bytes(word);
                        let hit = bytes_equal(x, b'"') | bytes_equal(x, b'\\');
                        if hit != 0 {
                            i += (hit.trailing_zeros() / 8) as usize;
                            break;
                        }
                        i += 8;
                    }
                    match b.get(i) {
                        None => {
                            if b.len() - start > MAX_TEXT_BYTES {
                                long.push(start..b.len());
                            }
                            return Scan { depth: max, long };
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => {
                            if i - start > MAX_TEXT_BYTES {
                                long.push(start..i);
                            }
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Scan { depth: max, long }
}

#[cfg(test)]
fn nesting_depth(text: &str) -> usize {
    scan(text).depth
}

/// Where the `long` literals are, each as a problem with its JSON path. Each is replaced by
/// a short marker first, so only the rest of the file is parsed to find the paths.
fn long_texts(text: &str, long: &[std::ops::Range<usize>]) -> BackupErrors {
    const MARK: &str = "\u{0}cobro-too-long-";
    let mut short = String::with_capacity(text.len().min(1 << 20));
    let mut from = 0;
    for (i, r) in long.iter().enumerate() {
        short.push_str(text.get(from..r.start).unwrap_or_default());
        short.push_str(&format!("\\u0000cobro-too-long-{i}"));
        from = r.end;
    }
    short.push_str(text.get(from..).unwrap_or_default());
    let len_of = |marker: &str| {
        marker
            .strip_prefix(MARK)
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| long.get(i))
            .map(|r| r.len())
    };
    fn walk(v: &Value, path: &str, len_of: &dyn Fn(&str) -> Option<usize>, problems: &mut Vec<Problem>) {
        let too_long = |len: usize| ProblemCode::TextTooLong {
            len,
            limit: MAX_TEXT_BYTES,
        };
        match v {
            Value::String(s) => {
                if let Some(len) = len_of(s) {
                    problems.push(Problem::new(path, too_long(len)));
                }
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, x)| walk(x, &index(path, i), len_of, problems)),
            Value::Object(map) => {
                for (k, x) in map {
                    match len_of(k) {
                        Some(len) => problems.push(Problem::new(path, too_long(len))),
                        None => walk(x, &child(path, k), len_of, problems),
                    }
                }
            }
            _ => {}
        }
    }
    match serde_json::from_str::<Value>(&short) {
        Err(e) => fail(
            "$",
            ProblemCode::NotJson {
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            },
        ),
        Ok(v) => {
            let mut problems = Vec::new();
            walk(&v, "$", &len_of, &mut problems);
            BackupErrors { problems }
        }
    }
}

/// A required field of an object, typed; problems are recorded with their path.
fn field<T: DeserializeOwned + Serialize>(
    obj: &Map<String, Value>,
    base: &str,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let path = child(base, key);
    match obj.get(key) {
        Some(v) => record(v, &path, problems),
        None => {
            problems.push(Problem::new(path, ProblemCode::Missing));
            None
        }
    }
}

/// Each store read record by record, so one bad record does not hide the others.
fn read_dataset(v: &Value, base: &str, problems: &mut Vec<Problem>) -> Option<Dataset> {
    let Value::Object(obj) = v else {
        problems.push(Problem::new(
            base,
            ProblemCode::WrongType {
                detail: "expected an object".into(),
            },
        ));
        return None;
    };
    for key in obj.keys() {
        if canonical::store_of_key(key).is_none() {
            problems.push(Problem::new(child(base, key), ProblemCode::UnknownField));
        }
    }
    // Fast path for the usual, clean backup: the whole dataset in one go, accepted only if
    // writing it back gives exactly the JSON that was read. Identical JSON means every check
    // of the per-record path below would pass (all stores present, no unknown fields, the
    // same kinds), so that path, which finds and locates each problem, runs only when needed.
    if let Ok(data) = <Dataset as Deserialize>::deserialize(v) {
        if serde_json::to_value(&data).is_ok_and(|back| back == *v) {
            return Some(data);
        }
    }
    let before = problems.len();
    let profile = field::<BusinessProfile>(obj, base, "profile", problems);
    let settings = field::<AppSettings>(obj, base, "settings", problems);
    let data = Dataset {
        profile: profile.unwrap_or_default(),
        settings: settings.unwrap_or_default(),
        payment_methods: list::<PaymentMethod>(obj, base, "payment_methods", problems),
        series: list::<NumberingSeries>(obj, base, "series", problems),
        clients: list::<Client>(obj, base, "clients", problems),
        items: list::<CatalogItem>(obj, base, "items", problems),
        quotes: list::<Quote>(obj, base, "quotes", problems),
        invoices: list::<Invoice>(obj, base, "invoices", problems),
        credit_notes: list::<CreditNote>(obj, base, "credit_notes", problems),
        payments: list::<Payment>(obj, base, "payments", problems),
        contacts: list::<ContactEntry>(obj, base, "contacts", problems),
        steps: list::<FollowUpStep>(obj, base, "steps", problems),
        // Optional (see `canonical::optional`): a file without it has no schedules.
        recurring: if obj.contains_key("recurring") {
            list::<RecurringSchedule>(obj, base, "recurring", problems)
        } else {
            Vec::new()
        },
    };
    (problems.len() == before).then_some(data)
}

fn list<T: DeserializeOwned + Serialize>(
    obj: &Map<String, Value>,
    base: &str,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    let path = child(base, key);
    match obj.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| record(v, &index(&path, i), problems))
            .collect(),
        Some(_) => {
            problems.push(Problem::new(
                path,
                ProblemCode::WrongType {
                    detail: "expected a list".into(),
                },
            ));
            Vec::new()
        }
        None => {
            problems.push(Problem::new(path, ProblemCode::Missing));
            Vec::new()
        }
    }
}

/// One value as `T`. Besides serde's own checks, the value must contain
/// nothing that `T` would silently drop (unknown fields) and the same JSON
/// kinds `T` writes (e.g. amounts as strings, not lossy numbers).
fn record<T: DeserializeOwned + Serialize>(v: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<T> {
    // Deserializing from `&Value` borrows instead of cloning every record.
    match T::deserialize(v) {
        Ok(t) => {
            match serde_json::to_value(&t) {
                Ok(back) => same_shape(v, &back, path, problems),
                Err(e) => problems.push(Problem::new(
                    path,
                    ProblemCode::WrongType {
                        detail: e.to_string(),
                    },
                )),
            }
            Some(t)
        }
        Err(e) => {
            problems.push(locate::<T>(v, path, &e.to_string()));
            None
        }
    }
}

/// serde's "invalid type" message in the words the rest of the problems use: the model reads
/// amounts only from text, so a number there reads "expected text, found a number" instead of
/// naming a Rust type.
fn plain_detail(msg: &str) -> String {
    let Some((found, expected)) = msg
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return msg.to_string();
    };
    let found = match found.split(' ').next().unwrap_or_default() {
        "floating" | "integer" => "a number",
        "string" => "text",
        "map" => "an object",
        "sequence" => "a list",
        "boolean" => "true or false",
        "null" | "unit" => "null",
        _ => return msg.to_string(),
    };
    let expected = if expected.contains("Decimal") || expected == "a string" {
        "text"
    } else {
        expected
    };
    format!("expected {expected}, found {found}")
}

fn same_shape(orig: &Value, back: &Value, path: &str, problems: &mut Vec<Problem>) {
    match (orig, back) {
        (Value::Object(o), Value::Object(b)) => {
            for (k, ov) in o {
                match b.get(k) {
                    Some(bv) => same_shape(ov, bv, &child(path, k), problems),
                    None => problems.push(Problem::new(child(path, k), ProblemCode::UnknownField)),
                }
            }
        }
        (Value::Array(o), Value::Array(b)) => {
            for (i, (ov, bv)) in o.iter().zip(b).enumerate() {
                same_shape(ov, bv, &index(path, i), problems);
            }
        }
        _ if kind(orig) == kind(back) => {}
        _ => problems.push(Problem::new(
            path,
            ProblemCode::WrongType {
                detail: format!("expected {}, found {}", kind(back), kind(orig)),
            },
        )),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// One step into a JSON value.
#[derive(Clone)]
enum Seg {
    Key(String),
    Idx(usize),
}

fn at<'v>(v: &'v Value, segs: &[Seg]) -> Option<&'v Value> {
    segs.iter().try_fold(v, |v, s| match s {
        Seg::Key(k) => v.get(k),
        Seg::Idx(i) => v.get(i),
    })
}

fn at_mut<'v>(v: &'v mut Value, segs: &[Seg]) -> Option<&'v mut Value> {
    segs.iter().try_fold(v, |v, s| match s {
        Seg::Key(k) => v.get_mut(k),
        Seg::Idx(i) => v.get_mut(i),
    })
}

fn render_path(base: &str, segs: &[Seg]) -> String {
    segs.iter().fold(base.to_string(), |p, s| match s {
        Seg::Key(k) => child(&p, k),
        Seg::Idx(i) => index(&p, *i),
    })
}

/// Where inside `v` serde's (path-less) error is. serde reports the first bad
/// value it meets, so removing the culprit changes the error while removing an
/// innocent sibling does not; descending that way finds the deepest culprit.
/// A missing field is found the other way round: adding it where it belongs
/// changes the error, adding it anywhere else is ignored.
fn locate<T: DeserializeOwned>(v: &Value, base: &str, msg: &str) -> Problem {
    let differs = |trial: Value| T::deserialize(&trial).err().map(|e| e.to_string()).as_deref() != Some(msg);
    if let Some(name) = msg
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        let mut queue: Vec<Vec<Seg>> = vec![Vec::new()];
        while let Some(segs) = queue.pop() {
            let Some(node) = at(v, &segs) else { continue };
            let children: Vec<Seg> = match node {
                Value::Object(m) => {
                    if !m.contains_key(name) {
                        let mut trial = v.clone();
                        if let Some(Value::Object(tm)) = at_mut(&mut trial, &segs) {
                            tm.insert(name.to_string(), Value::Null);
                        }
                        if differs(trial) {
                            let mut found = segs.clone();
                            found.push(Seg::Key(name.to_string()));
                            return Problem::new(render_path(base, &found), ProblemCode::Missing);
                        }
                    }
                    m.keys().map(|k| Seg::Key(k.clone())).collect()
                }
                Value::Array(a) => (0..a.len()).map(Seg::Idx).collect(),
                _ => Vec::new(),
            };
            for c in children.into_iter().rev() {
                let mut next = segs.clone();
                next.push(c);
                queue.push(next);
            }
        }
        return Problem::new(
            base,
            ProblemCode::WrongType {
                detail: msg.to_string(),
            },
        );
    }
    let mut segs: Vec<Seg> = Vec::new();
    loop {
        let children: Vec<Seg> = match at(v, &segs) {
            Some(Value::Object(m)) => m.keys().map(|k| Seg::Key(k.clone())).collect(),
            Some(Value::Array(a)) => (0..a.len()).map(Seg::Idx).collect(),
            _ => break,
        };
        let culprit = children.into_iter().find(|c| {
            let mut trial = v.clone();
            match (at_mut(&mut trial, &segs), c) {
                (Some(Value::Object(m)), Seg::Key(k)) => {
                    m.remove(k);
                }
                (Some(Value::Array(a)), Seg::Idx(i)) if *i < a.len() => {
                    a.remove(*i);
                }
                _ => return false,
            }
            differs(trial)
        });
        match culprit {
            Some(c) => segs.push(c),
            None => break,
        }
    }
    // The model refuses unknown fields itself (`deny_unknown_fields`); the culprit found is the field.
    let code = if msg.starts_with("unknown field `") {
        ProblemCode::UnknownField
    } else {
        ProblemCode::WrongType {
            detail: plain_detail(msg),
        }
    };
    Problem::new(render_path(base, &segs), code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_compare_ignores_whitespace_between_tokens_only() {
        let same = |a: &str, b: &str| same_apart_from_layout(a.as_bytes(), b.as_bytes());
        assert!(same("{ \"a\" :\n\t[1, \"x y\"]\r\n}", r#"{"a":[1,"x y"]}"#));
        assert!(
            !same(r#"{"a":"x  y"}"#, r#"{"a":"x y"}"#),
            "spaces inside a string count"
        );
        assert!(
            same(r#"{"a":"q\" }"}"#, r#"{"a":"q\" }"}"#),
            "an escaped quote stays inside"
        );
        assert!(!same(r#"{"a":"q\"  }"}"#, r#"{"a":"q\" }"}"#));
        assert!(
            same(r#"["\\", 1]"#, r#"["\\",1]"#),
            "an escaped backslash ends the escape"
        );
        assert!(!same(r#"{"a":1}"#, r#"{"a":1,"b":2}"#), "missing tail");
        assert!(!same(r#"{"a":1,"b":2}"#, r#"{"a":1}"#), "extra tail");
        assert!(!same(r#"{"a":"1"}"#, r#"{"a":1}"#));
    }

    fn demo_backup() -> (Dataset, String) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let data = crate::demo::generate(crate::demo::DemoSpec {
            clients: 5,
            invoices: 40,
            seed: 9,
            today,
        });
        let at = today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
        let text = v1_text(&data, at);
        (data, text)
    }

    /// A version-1 file, as that version wrote it: records sorted by id, pretty-printed, the
    /// checksum over the canonical form (the reader keeps reading such files).
    pub(crate) fn v1_text(data: &Dataset, at: Stamp) -> String {
        #[derive(Serialize)]
        struct Envelope<'a> {
            format: &'a str,
            schema_version: u32,
            exported_at: &'a Stamp,
            app_version: &'a str,
            sha256: &'a str,
            digests: BTreeMap<&'static str, String>,
            data: &'a Dataset,
        }
        let data = canonical::sorted(data);
        let (sha256, digests) = canonical::checksum_and_digests(&data).expect("digests");
        let env = Envelope {
            format: FORMAT_TAG,
            schema_version: 1,
            exported_at: &at,
            app_version: "test",
            sha256: &sha256,
            digests: digests
                .into_iter()
                .map(|(s, d)| (canonical::store_key(s), d))
                .collect(),
            data: &data,
        };
        let mut text = serde_json::to_string_pretty(&env).expect("text");
        text.push('\n');
        text
    }

    #[test]
    fn a_current_file_reads_straight_from_its_bytes_with_each_record_located() {
        let (data, _) = demo_backup();
        let at = chrono::DateTime::from_timestamp(1_772_366_400, 0).unwrap_or_default();
        let text = crate::backup::export(&data, at, "test").expect("export");
        let opened = open_text(&text, ParseOptions::default()).expect("open");
        assert!(matches!(opened.probe, Probe::V2(_)), "the fast path");
        assert_eq!(opened.to_hash().len(), STORES.len());
        let backup = read(opened, None, ParseOptions::default()).expect("read");
        let spans = backup.spans.clone().expect("spans of a current file");
        use crate::pack::Kind;
        let written = |kind: Kind| -> Vec<String> {
            let d = &backup.data;
            let w = |r: &dyn erased::Ser| r.json();
            match kind {
                Kind::Invoices => d.invoices.iter().map(|r| w(r)).collect(),
                Kind::Steps => d.steps.iter().map(|r| w(r)).collect(),
                _ => d.contacts.iter().map(|r| w(r)).collect(),
            }
        };
        for kind in [Kind::Invoices, Kind::Steps, Kind::Contacts] {
            let at = spans.of(kind);
            let texts = written(kind);
            assert_eq!(at.len(), texts.len(), "{kind:?}");
            for (span, t) in at.iter().zip(texts) {
                assert_eq!(&text[span.clone()], t, "{kind:?}: the record's own bytes");
            }
        }
        // The same file read through the per-record path gives the same data.
        let top: Value = serde_json::from_str(&text).expect("json");
        let mut problems = Vec::new();
        assert_eq!(
            read_dataset(&top["data"], "$.data", &mut problems),
            Some(backup.data.clone())
        );
        assert!(problems.is_empty());
        // Sorted as version 1 sorted it, it is the same business.
        assert_eq!(canonical::sorted(&backup.data), canonical::sorted(&data));
    }

    mod erased {
        pub trait Ser {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Ser for T {
            fn json(&self) -> String {
                serde_json::to_string(self).expect("write")
            }
        }
    }

    /// The per-record path alone, as the file would be read without the fast path.
    fn slow(text: &str) -> (Option<Dataset>, Vec<Problem>) {
        let top: Value = serde_json::from_str(text).expect("json");
        let mut problems = Vec::new();
        let data = read_dataset(&top["data"], "$.data", &mut problems);
        (data, problems)
    }

    #[test]
    fn an_exported_file_takes_the_fast_path_and_reads_as_the_slow_one() {
        let (data, text) = demo_backup();
        let read = read_canonical(&text).expect("fast path");
        assert_eq!(read.data, canonical::sorted(&data));
        assert_eq!(slow(&text), (Some(read.data.clone()), vec![]));
        assert_eq!(
            read.actual_checksum,
            Some(canonical::checksum(&data).expect("sum"))
        );
        // Re-indented with tabs (JSON strings never span lines): still the fast path.
        let tabbed: String = text
            .lines()
            .map(|l| format!("\t{}\r\n", l.trim_start()))
            .collect();
        let again = read_canonical(&tabbed).expect("fast path");
        assert_eq!(again.data, read.data);
        // Keys in another order: the slow path reads it, to the same data.
        let reordered: Value = serde_json::from_str(&text).expect("json");
        let reordered = serde_json::to_string(&reordered).expect("text");
        assert!(read_canonical(&reordered).is_none());
        assert_eq!(parse(&reordered).map(|b| b.data), Ok(read.data));
    }

    #[test]
    fn anything_but_the_exact_data_leaves_the_fast_path() {
        let (_, text) = demo_backup();
        let amount = text.find("\"amount\": \"").expect("a payment amount");
        let end = amount + text[amount..].find(",\n").expect("end of the amount");
        let value = text[amount + 11..end].trim_matches('"').to_owned();
        for changed in [
            // An amount as a (lossy) number, an unknown field, an unknown top-level key.
            format!("{}\"amount\": {value}{}", &text[..amount], &text[end..]),
            text.replacen("\"notes\": \"\"", "\"notes\": \"\", \"extra\": 1", 1),
            text.replacen("{\n  \"format\"", "{\n  \"extra\": 1,\n  \"format\"", 1),
        ] {
            assert_ne!(changed, text);
            assert!(read_canonical(&changed).is_none(), "{}", &changed[..200]);
            assert!(parse(&changed).is_err());
        }
    }

    /// The plain definition [`scan`] must agree with: byte by byte.
    fn scan_plain(text: &str) -> (usize, Vec<std::ops::Range<usize>>, bool) {
        let (mut depth, mut max, mut in_string, mut escaped, mut start, mut long) =
            (0usize, 0, false, false, 0, vec![]);
        for (i, b) in text.bytes().enumerate() {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => {
                        in_string = false;
                        if i - start > MAX_TEXT_BYTES {
                            long.push(start..i);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => (in_string, start) = (true, i + 1),
                b'[' | b'{' => {
                    depth += 1;
                    max = max.max(depth);
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if in_string && text.len() - start > MAX_TEXT_BYTES {
            long.push(start..text.len());
        }
        (max, long, in_string)
    }

    #[test]
    fn the_fast_scan_agrees_with_the_plain_one() {
        let mut texts = vec![
            r#"{"a":"[[[{{{\"[["}"#.to_string(),
            r#"[["\\",["x\"y",[1]]],{"k":"\u005b"}]"#.to_string(),
            "[\"unterminated".to_string(),
            "[\"ends in a backslash\\".to_string(),
        ];
        // Quotes and escapes at every offset around the eight-byte steps.
        for at in 0..20 {
            let mut body = "x".repeat(at);
            body.push_str("\\\"");
            body.push_str(&"y".repeat(20 - at));
            texts.push(format!("[[\"{body}\",[{{}}]]]"));
            texts.push(format!("[\"{}\\\\\",[[]]]", "z".repeat(at)));
        }
        let big = format!(
            "[\"{}\",\"{}\\\"q\"]",
            "a".repeat(MAX_TEXT_BYTES + 1),
            "b".repeat(MAX_TEXT_BYTES + 9)
        );
        texts.push(big);
        texts.push(format!("[\"{}", "c".repeat(MAX_TEXT_BYTES + 3)));
        for t in &texts {
            let fast = scan(t);
            let (depth, long, _) = scan_plain(t);
            assert_eq!(
                (fast.depth, fast.long),
                (depth, long),
                "{}",
                &t[..t.len().min(80)]
            );
        }
    }

    #[test]
    fn the_scan_is_left_out_only_when_it_would_find_nothing() {
        let (data, _) = demo_backup();
        let at = chrono::DateTime::from_timestamp(1_772_366_400, 0).unwrap_or_default();
        let file = |data: &Dataset, app: &str| crate::backup::export(data, at, app).expect("export");
        let too_long = |len: usize| ProblemCode::TextTooLong {
            len,
            limit: MAX_TEXT_BYTES,
        };
        let mut texts = vec![file(&data, "test")];
        // Texts at the limit and over it, in a record, in the profile and in the envelope.
        for len in [MAX_TEXT_BYTES - 2, MAX_TEXT_BYTES, MAX_TEXT_BYTES + 1] {
            let mut d = data.clone();
            d.clients[0].notes = "n".repeat(len);
            texts.push(file(&d, "test"));
            let mut d = data.clone();
            d.profile.logo_data_url = Some("l".repeat(len));
            texts.push(file(&d, "test"));
            texts.push(file(&data, &"v".repeat(len)));
        }
        for text in &texts {
            let one = one_pass(text, 0).expect("the one pass reads every one");
            let scanned = scan(text);
            assert!(scanned.depth <= MAX_DEPTH);
            if one.longest_part <= MAX_TEXT_BYTES {
                assert!(scanned.long.is_empty(), "{}", one.longest_part);
            }
            let over = text.contains(&"n".repeat(MAX_TEXT_BYTES + 1))
                || text.contains(&"l".repeat(MAX_TEXT_BYTES + 1))
                || text.contains(&"v".repeat(MAX_TEXT_BYTES + 1));
            match open_text(text, ParseOptions::default()) {
                Ok(opened) => assert!(!over && matches!(opened.probe, Probe::V2(_))),
                Err(e) => {
                    assert!(over);
                    assert_eq!(e.problems.len(), 1);
                    assert_eq!(e.problems[0].code, too_long(MAX_TEXT_BYTES + 1));
                }
            }
        }
    }

    #[test]
    fn depth_ignores_brackets_inside_strings() {
        assert_eq!(nesting_depth(r#"{"a":"[[[{{{\"[["}"#), 1);
        assert_eq!(nesting_depth("[[[]]]"), 3);
    }
}

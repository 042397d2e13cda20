//! Writing and reading the backup file: the envelope, the limits that protect
//! the reader, and per-record type checks that say exactly where a value is wrong.

use super::{
    canonical, child, index, migrate, numbering_notes, validate, Backup, BackupErrors, ParseOptions, Problem,
    ProblemCode, FORMAT_TAG, MAX_DEPTH, SCHEMA_VERSION,
};
use crate::model::{
    AppSettings, BusinessProfile, CatalogItem, Client, ContactEntry, CreditNote, Dataset, FollowUpStep,
    Invoice, NumberingSeries, Payment, PaymentMethod, Quote, Stamp,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

/// Writing a backup failed (cannot happen with the model's types; kept so
/// that the core never panics).
#[derive(Debug, Error)]
#[error("the backup could not be written: {0}")]
pub struct ExportError(#[from] serde_json::Error);

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'a str,
    schema_version: u32,
    exported_at: &'a Stamp,
    app_version: &'a str,
    sha256: &'a str,
    data: &'a Dataset,
}

/// The backup file for `data`: records sorted by id, pretty-printed, ending in a newline.
pub fn export(data: &Dataset, exported_at: Stamp, app_version: &str) -> Result<String, ExportError> {
    let data = canonical::sorted(data);
    let sha256 = canonical::checksum(&data)?;
    let envelope = Envelope {
        format: FORMAT_TAG,
        schema_version: SCHEMA_VERSION,
        exported_at: &exported_at,
        app_version,
        sha256: &sha256,
        data: &data,
    };
    let mut text = serde_json::to_string_pretty(&envelope)?;
    text.push('\n');
    Ok(text)
}

/// Read and check a backup with the default (strict) options.
pub fn parse(text: &str) -> Result<Backup, BackupErrors> {
    parse_with(text, ParseOptions::default())
}

/// Read and check a backup; every problem found is returned, each with its JSON path.
pub fn parse_with(text: &str, opts: ParseOptions) -> Result<Backup, BackupErrors> {
    let fail = |path: &str, code| BackupErrors {
        problems: vec![Problem::new(path, code)],
    };
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
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            notes.push(Problem::new("$", ProblemCode::BomStripped));
            rest
        }
        None => text,
    };
    if nesting_depth(text) > MAX_DEPTH {
        return Err(fail("$", ProblemCode::TooDeep { limit: MAX_DEPTH }));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        fail(
            "$",
            ProblemCode::NotJson {
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
        notes.push(Problem::new(
            "$.schema_version",
            ProblemCode::Migrated {
                from: source_version,
                to: SCHEMA_VERSION,
            },
        ));
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
        None if source_version < SCHEMA_VERSION => {
            notes.push(Problem::new("$.sha256", ProblemCode::NoChecksum));
            None
        }
        None => {
            problems.push(Problem::new("$.sha256", ProblemCode::Missing));
            None
        }
        Some(Value::String(s))
            if s.len() == 64
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            Some(s.clone())
        }
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

    if let Some(expected) = &sha256 {
        let actual = canonical::checksum(&data).map_err(|e| {
            fail(
                "$.data",
                ProblemCode::WrongType {
                    detail: e.to_string(),
                },
            )
        })?;
        if *expected != actual {
            let p = Problem::new(
                "$.sha256",
                ProblemCode::ChecksumMismatch {
                    expected: expected.clone(),
                    actual,
                },
            );
            if opts.accept_checksum_mismatch {
                notes.push(p);
            } else {
                problems.push(p);
            }
        }
    }
    problems.extend(validate(&data));
    if !problems.is_empty() {
        return Err(BackupErrors { problems });
    }
    notes.extend(numbering_notes(&data));
    Ok(Backup {
        exported_at,
        app_version,
        sha256: sha256.unwrap_or_default(),
        source_version,
        data,
        notes,
    })
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

/// Deepest `[`/`{` nesting outside strings, counted on the raw text so that a
/// hostile file is refused before a parser ever recurses into it.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
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
    const STORES: [&str; 12] = [
        "profile",
        "settings",
        "payment_methods",
        "series",
        "clients",
        "items",
        "quotes",
        "invoices",
        "credit_notes",
        "payments",
        "contacts",
        "steps",
    ];
    for key in obj.keys() {
        if !STORES.contains(&key.as_str()) {
            problems.push(Problem::new(child(base, key), ProblemCode::UnknownField));
        }
    }
    // Fast path for the usual, clean backup: the whole dataset in one go, accepted only if
    // writing it back gives exactly the JSON that was read. Identical JSON means every check
    // of the per-record path below would pass (all stores present, no unknown fields, the
    // same kinds), so that path, which finds and locates each problem, runs only when needed.
    if let Ok(data) = Dataset::deserialize(v) {
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
    Problem::new(
        render_path(base, &segs),
        ProblemCode::WrongType {
            detail: msg.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_brackets_inside_strings() {
        assert_eq!(nesting_depth(r#"{"a":"[[[{{{\"[["}"#), 1);
        assert_eq!(nesting_depth("[[[]]]"), 3);
    }
}

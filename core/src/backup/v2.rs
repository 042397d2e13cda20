//! The current backup file, format version 2: compact JSON whose checksum covers the bytes as
//! written, store by store.
//!
//! Version 1 hashed a canonical re-serialisation (every record sorted by id and written again),
//! so exporting or checking an import meant writing years of records a second time. Hashing the
//! bytes lets the app assemble an export straight from what storage holds and check an import
//! with the browser's own SHA-256, and lets storage keep each record's bytes from the file.
//!
//! ```text
//! {"format":"cobro-backup","schema_version":2,"exported_at":"…","app_version":"…",
//!  "sha256":"<root>","digests":{"profile":"<hex>",…,"steps":"<hex>"},"data":{
//! "profile":{…},
//! "settings":{…},
//! "payment_methods":[…],
//! …
//! "steps":[…]}}
//! ```
//!
//! * `digests[store]`: SHA-256 of that store's value exactly as it stands in the file, from its
//!   first byte (`{` or `[`) to its last, as 64 lowercase hex digits.
//! * `sha256`: SHA-256 of one line per store, in the order above, `<store>:<digest>\n` (see
//!   [`root`]): a file whose digests were edited to match edited records no longer matches it.
//! * Records come in storage order ([`crate::pack::layout`]); any order reads.
//! * Whitespace between tokens is allowed on reading, but it is part of the bytes hashed: a
//!   re-indented file reads as edited (it can still be imported by accepting that).

use super::canonical::{left_out, optional, store_key, STORES};
use super::{ExportError, Store, FORMAT_TAG, SCHEMA_VERSION};
use crate::model::{Dataset, Stamp};
use crate::pack::{self, Kind};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The `sha256` field: SHA-256 of `<store>:<digest>\n` for every store, in [`STORES`] order. A
/// store missing from `digests` hashes as an empty digest, so it cannot match a complete file;
/// an [`optional`] store missing from them is left out of the hash, as it is of the file.
pub fn root(digests: &[(Store, String)]) -> String {
    let mut h = Sha256::new();
    for store in STORES {
        let found = digests.iter().find(|(s, _)| *s == store);
        if found.is_none() && optional(store) {
            continue;
        }
        let d = found.map_or("", |(_, d)| d.as_str());
        h.update(store_key(store));
        h.update(":");
        h.update(d);
        h.update("\n");
    }
    hex(&h.finalize())
}

/// SHA-256 of `bytes` as 64 lowercase hex digits (what the app gets from WebCrypto instead).
pub fn digest(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

/// What precedes a store's value in the file: its key, after a newline (and the comma that
/// ends the store before it), so that a file read in a text editor shows one store per line.
pub fn before_store(store: Store) -> String {
    let comma = if store == STORES[0] { "" } else { "," };
    format!("{comma}\n\"{}\":", store_key(store))
}

/// What ends the file after the last store.
pub const TAIL: &str = "}}\n";

/// Everything before the first store: the envelope with its checksum and digests, up to and
/// including `"data":{`. `digests` must hold one entry per store written (every store but the
/// [`optional`] ones left out).
pub fn head(
    exported_at: &Stamp,
    app_version: &str,
    digests: &[(Store, String)],
) -> Result<String, ExportError> {
    #[derive(Serialize)]
    struct Head<'a> {
        format: &'a str,
        schema_version: u32,
        exported_at: &'a Stamp,
        app_version: &'a str,
        sha256: String,
    }
    let head = serde_json::to_string(&Head {
        format: FORMAT_TAG,
        schema_version: SCHEMA_VERSION,
        exported_at,
        app_version,
        sha256: root(digests),
    })?;
    // The object's closing brace gives way to the digests and the opening of `data`.
    let mut out = head.strip_suffix('}').unwrap_or(&head).to_string();
    out.push_str(",\"digests\":{");
    for (i, store) in STORES.into_iter().enumerate() {
        let found = digests.iter().find(|(s, _)| *s == store);
        if found.is_none() && optional(store) {
            continue;
        }
        let d = found.map_or("", |(_, d)| d.as_str());
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{}\":\"{d}\"", store_key(store));
    }
    out.push_str("},\"data\":{");
    Ok(out)
}

/// The kind of records a store holds (`None` for the profile and the settings).
pub fn kind_of(store: Store) -> Option<Kind> {
    Some(match store {
        Store::Profile | Store::Settings => return None,
        Store::PaymentMethods => Kind::PaymentMethods,
        Store::Series => Kind::Series,
        Store::Clients => Kind::Clients,
        Store::Items => Kind::Items,
        Store::Quotes => Kind::Quotes,
        Store::Invoices => Kind::Invoices,
        Store::CreditNotes => Kind::CreditNotes,
        Store::Payments => Kind::Payments,
        Store::Contacts => Kind::Contacts,
        Store::Steps => Kind::Steps,
        Store::Recurring => Kind::Recurring,
    })
}

/// The backup file for `data`, records in storage order: each store joined from the same pack
/// bytes storage holds ([`pack::encode`], [`pack::join`]), so the app's export of the same data,
/// assembled from its packs, is this file byte for byte.
pub fn export(data: &Dataset, exported_at: Stamp, app_version: &str) -> Result<String, ExportError> {
    let packs = pack::encode(data)?;
    let mut values = Vec::with_capacity(STORES.len());
    for store in STORES {
        if left_out(data, store) {
            continue;
        }
        let value = match kind_of(store) {
            None if store == Store::Profile => serde_json::to_vec(&data.profile)?,
            None => serde_json::to_vec(&data.settings)?,
            Some(kind) => {
                let of_kind: Vec<&[u8]> = packs
                    .iter()
                    .filter(|(id, _)| id.kind == kind)
                    .map(|(_, b)| b.as_slice())
                    .collect();
                pack::join(&of_kind)
            }
        };
        values.push((store, value));
    }
    let digests: Vec<(Store, String)> = values.iter().map(|(s, v)| (*s, digest(v))).collect();
    let mut out = head(&exported_at, app_version, &digests)?.into_bytes();
    out.reserve(values.iter().map(|(_, v)| v.len() + 24).sum::<usize>() + TAIL.len());
    for (store, v) in &values {
        out.extend_from_slice(before_store(*store).as_bytes());
        out.extend_from_slice(v);
    }
    out.extend_from_slice(TAIL.as_bytes());
    // serde_json writes UTF-8 and the frame is ASCII.
    String::from_utf8(out).map_err(|e| ExportError::from(<serde_json::Error as serde::ser::Error>::custom(e)))
}

/// The digests of each store of a current-format file's text, as its bytes stand (the stores
/// found under `data`, in file order; `None` when the text is not an object with a `data` object).
pub fn digests_of(text: &str) -> Option<Vec<(Store, String)>> {
    #[derive(serde::Deserialize)]
    struct Data<'a> {
        #[serde(borrow)]
        data: std::collections::BTreeMap<std::borrow::Cow<'a, str>, &'a serde_json::value::RawValue>,
    }
    let d: Data = serde_json::from_str(text).ok()?;
    // In the stores' order (the order of the file), not the map's.
    Some(
        STORES
            .into_iter()
            .filter_map(|s| Some((s, digest(d.data.get(store_key(s))?.get().as_bytes()))))
            .collect(),
    )
}

/// The same file with its `digests` and `sha256` made to match its bytes as they are, every
/// other byte untouched: for tools and tests that edit a file on purpose (the hostile-file
/// corpus signs its edits as an attacker who knows the format would). `None` when the file
/// has no `data`, `digests` or `sha256` to work with.
pub fn reseal(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Fields<'a> {
        #[serde(borrow)]
        sha256: &'a serde_json::value::RawValue,
        #[serde(borrow)]
        digests: &'a serde_json::value::RawValue,
    }
    let digests = digests_of(text)?;
    let f: Fields = serde_json::from_str(text).ok()?;
    let at = |raw: &serde_json::value::RawValue| {
        let start = (raw.get().as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        Some(start..start + raw.get().len())
    };
    let object: serde_json::Map<String, serde_json::Value> = digests
        .iter()
        .map(|(s, d)| (store_key(*s).to_string(), serde_json::Value::String(d.clone())))
        .collect();
    let mut edits = [
        (at(f.sha256)?, format!("\"{}\"", root(&digests))),
        (at(f.digests)?, serde_json::to_string(&object).ok()?),
    ];
    // From the end, so that the first edit does not move the second.
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (range, new) in edits {
        out.replace_range(range, &new);
    }
    Some(out)
}

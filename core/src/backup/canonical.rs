//! The canonical form of a dataset: one byte string per set of records, so a
//! checksum can tell "same data" from "changed data" whatever order the
//! records happen to be stored in.

use crate::model::Dataset;
use sha2::{Digest, Sha256};

/// The dataset with every record list sorted by `id` (byte order; a stable
/// sort, so records sharing an id, which `validate` reports, keep their order).
pub fn sorted(data: &Dataset) -> Dataset {
    let mut d = data.clone();
    crate::order::sort_by(&mut d.payment_methods, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.series, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.clients, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.items, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.quotes, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.invoices, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.credit_notes, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.payments, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.contacts, |a, b| a.id.cmp(&b.id));
    crate::order::sort_by(&mut d.steps, |a, b| a.id.cmp(&b.id));
    d
}

/// Canonical data: [`sorted`] serialised compactly (no whitespace, fields in
/// model declaration order, amounts as strings keeping their scale).
pub fn canonical_json(data: &Dataset) -> Result<String, serde_json::Error> {
    serde_json::to_string(&sorted(data))
}

/// SHA-256 of [`canonical_json`], as 64 lowercase hex digits.
pub fn checksum(data: &Dataset) -> Result<String, serde_json::Error> {
    Ok(digest(&canonical_json(data)?))
}

/// [`checksum`] when the caller already holds `data`'s compact JSON: a dataset already in
/// canonical order (what [`crate::backup::export`] writes) is hashed from it, with no copy
/// and no second serialisation.
pub(crate) fn checksum_given(data: &Dataset, compact: &str) -> Result<String, serde_json::Error> {
    if in_canonical_order(data) {
        Ok(digest(compact))
    } else {
        checksum(data)
    }
}

/// Every record list already sorted as [`sorted`] sorts it (then sorting changes nothing).
fn in_canonical_order(d: &Dataset) -> bool {
    fn by_id<T>(list: &[T], id: impl Fn(&T) -> &str) -> bool {
        list.windows(2).all(|w| match w {
            [a, b] => id(a) <= id(b),
            _ => true,
        })
    }
    by_id(&d.payment_methods, |r| &r.id)
        && by_id(&d.series, |r| &r.id)
        && by_id(&d.clients, |r| &r.id)
        && by_id(&d.items, |r| &r.id)
        && by_id(&d.quotes, |r| &r.id)
        && by_id(&d.invoices, |r| &r.id)
        && by_id(&d.credit_notes, |r| &r.id)
        && by_id(&d.payments, |r| &r.id)
        && by_id(&d.contacts, |r| &r.id)
        && by_id(&d.steps, |r| &r.id)
}

fn digest(json: &str) -> String {
    hex(&Sha256::digest(json.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_of_known_digest() {
        // SHA-256("abc"), FIPS 180-2 test vector.
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

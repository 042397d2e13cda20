//! The canonical form of a dataset: one byte string per set of records, so a
//! checksum can tell "same data" from "changed data" whatever order the
//! records happen to be stored in.

use super::merge::Store;
use crate::model::Dataset;
use serde::Serialize;
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
    crate::order::sort_by(&mut d.recurring, |a, b| a.id.cmp(&b.id));
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
        && by_id(&d.recurring, |r| &r.id)
}

/// Every store in the order of [`Dataset`]'s fields, which is the order of the canonical JSON.
pub const STORES: [Store; 13] = [
    Store::Profile,
    Store::Settings,
    Store::PaymentMethods,
    Store::Series,
    Store::Clients,
    Store::Items,
    Store::Quotes,
    Store::Invoices,
    Store::CreditNotes,
    Store::Payments,
    Store::Contacts,
    Store::Steps,
    Store::Recurring,
];

/// Stores added to the format after it was published, left out of a file (and of its digests
/// and checksum) when they hold no record: data without them is written byte for byte as
/// before they existed, older versions of Cobro still read it, and older files still verify.
pub fn optional(store: Store) -> bool {
    matches!(store, Store::Recurring)
}

/// Whether `data` leaves `store` out of a file (an [`optional`] store with no record).
pub fn left_out(data: &Dataset, store: Store) -> bool {
    optional(store) && data.recurring.is_empty()
}

/// The key of a store in a backup's `data` object (and in its `digests`).
pub fn store_key(store: Store) -> &'static str {
    match store {
        Store::Profile => "profile",
        Store::Settings => "settings",
        Store::PaymentMethods => "payment_methods",
        Store::Series => "series",
        Store::Clients => "clients",
        Store::Items => "items",
        Store::Quotes => "quotes",
        Store::Invoices => "invoices",
        Store::CreditNotes => "credit_notes",
        Store::Payments => "payments",
        Store::Contacts => "contacts",
        Store::Steps => "steps",
        Store::Recurring => "recurring",
    }
}

/// The store a `data` key names.
pub fn store_of_key(key: &str) -> Option<Store> {
    STORES.into_iter().find(|s| store_key(*s) == key)
}

/// [`checksum`] and, per store, the SHA-256 of that store's canonical JSON (the value
/// [`canonical_json`] holds under the store's key). The per-store digests let a reader say
/// *which* kinds of records were edited when the checksum does not match. `data` must
/// already be [`sorted`]; each store is serialised once and the whole checksum is hashed
/// from the same pieces, so this costs no more than [`checksum`] alone.
pub fn checksum_and_digests(data: &Dataset) -> Result<(String, Vec<(Store, String)>), serde_json::Error> {
    let mut whole = Sha256::new();
    let mut digests = Vec::with_capacity(STORES.len());
    for (i, store) in STORES.into_iter().enumerate() {
        if left_out(data, store) {
            continue;
        }
        let part = store_json(data, store)?;
        whole.update(if i == 0 { "{\"" } else { ",\"" });
        whole.update(store_key(store));
        whole.update("\":");
        whole.update(part.as_bytes());
        digests.push((store, digest(&part)));
    }
    whole.update("}");
    Ok((super::v2::hex(&whole.finalize()), digests))
}

/// The stores of `data` whose digest differs from `declared` (a store the file did not
/// list counts as changed). `data` must already be [`sorted`].
pub fn changed_stores(data: &Dataset, declared: &[(Store, String)]) -> Result<Vec<Store>, serde_json::Error> {
    let mut changed = Vec::new();
    for store in STORES {
        let expected = declared
            .iter()
            .find(|(s, _)| *s == store)
            .map(|(_, d)| d.as_str());
        if expected.is_none() && left_out(data, store) {
            continue;
        }
        if expected != Some(digest(&store_json(data, store)?).as_str()) {
            changed.push(store);
        }
    }
    Ok(changed)
}

/// One store of `data` as compact JSON.
fn store_json(data: &Dataset, store: Store) -> Result<String, serde_json::Error> {
    fn json<T: Serialize + ?Sized>(v: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(v)
    }
    match store {
        Store::Profile => json(&data.profile),
        Store::Settings => json(&data.settings),
        Store::PaymentMethods => json(&data.payment_methods),
        Store::Series => json(&data.series),
        Store::Clients => json(&data.clients),
        Store::Items => json(&data.items),
        Store::Quotes => json(&data.quotes),
        Store::Invoices => json(&data.invoices),
        Store::CreditNotes => json(&data.credit_notes),
        Store::Payments => json(&data.payments),
        Store::Contacts => json(&data.contacts),
        Store::Steps => json(&data.steps),
        Store::Recurring => json(&data.recurring),
    }
}

fn digest(json: &str) -> String {
    super::v2::digest(json.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_of_known_digest() {
        // SHA-256("abc"), FIPS 180-2 test vector.
        assert_eq!(
            super::super::v2::hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn per_store_pieces_hash_to_the_whole_checksum() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let data = sorted(&crate::demo::generate(crate::demo::DemoSpec {
            clients: 4,
            invoices: 25,
            seed: 3,
            today,
        }));
        let (whole, digests) = checksum_and_digests(&data).expect("digests");
        assert_eq!(whole, checksum(&data).expect("checksum"));
        assert_eq!(digests.len(), STORES.len());
        assert_eq!(changed_stores(&data, &digests).expect("compare"), vec![]);
        let mut edited = data.clone();
        if let Some(p) = edited.payments.first_mut() {
            p.note.push('!');
        }
        assert_eq!(
            changed_stores(&edited, &digests).expect("compare"),
            vec![Store::Payments]
        );
        for s in STORES {
            assert_eq!(store_of_key(store_key(s)), Some(s));
        }
    }
}

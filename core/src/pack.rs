//! How records are grouped for storage: the browser's database holds a few hundred *packs*
//! (one JSON array of records each) instead of one entry per record. Measured in Chromium,
//! 124 000 single puts take over 20 s and reading them back 2.6 s, while the same bytes as
//! 256 packs take 0.2 s and 0.1 s; a restore of years of data, an export and a start-up are
//! bounded by that difference. Pure, so the layout is tested natively.
//!
//! - A **family** is an invoice with everything that hangs from it: its follow-up steps,
//!   payments, credit notes and the contacts about it. A contact about no invoice stays with
//!   its client's loose contacts (family key = the client id). A family is never split, so one
//!   user action rewrites the few packs of one family.
//! - A family is **hot** while it is daily work: a draft, an invoice with an open follow-up
//!   step, or an issued invoice still owed and not closed (it always has a current step, see
//!   [`crate::follow_up`]). Every agenda item comes from a hot family, so the start-up reads hot
//!   packs first and shows the agenda before the settled history (most of years of data) is
//!   read. See [`is_hot`].
//! - The records of one kind in one class are spread over a fixed number of buckets by a stable
//!   hash of the family key (or of the id for kinds outside families), so packs stay small.

use crate::ledger::IdMap;
use crate::model::{
    AppSettings, BusinessProfile, CatalogItem, Client, ContactEntry, CreditNote, Dataset, FollowUpStep, Id,
    Invoice, NumberingSeries, Payment, PaymentMethod, Quote, RecurringSchedule, StepState,
};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::hash::BuildHasherDefault;
use std::str::FromStr;

/// A kind of record kept in packs (the profile and the settings are single records kept apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    PaymentMethods,
    Series,
    Clients,
    Items,
    Quotes,
    Invoices,
    CreditNotes,
    Payments,
    Contacts,
    Steps,
    /// Recurring-invoice schedules: few, and read at start-up (the catch-up runs on opening).
    Recurring,
}

impl Kind {
    /// Every kind, in the order of [`Dataset`]'s fields (the order of a backup file).
    pub const ALL: [Kind; 11] = [
        Kind::PaymentMethods,
        Kind::Series,
        Kind::Clients,
        Kind::Items,
        Kind::Quotes,
        Kind::Invoices,
        Kind::CreditNotes,
        Kind::Payments,
        Kind::Contacts,
        Kind::Steps,
        Kind::Recurring,
    ];

    /// The name used in pack ids, the same as the key in a backup's `data`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::PaymentMethods => "payment_methods",
            Kind::Series => "series",
            Kind::Clients => "clients",
            Kind::Items => "items",
            Kind::Quotes => "quotes",
            Kind::Invoices => "invoices",
            Kind::CreditNotes => "credit_notes",
            Kind::Payments => "payments",
            Kind::Contacts => "contacts",
            Kind::Steps => "steps",
            Kind::Recurring => "recurring",
        }
    }

    /// Whether records of this kind belong to a family (and so to the hot or cold class).
    pub fn in_family(self) -> bool {
        matches!(
            self,
            Kind::Invoices | Kind::CreditNotes | Kind::Payments | Kind::Contacts | Kind::Steps
        )
    }

    /// The class of a kind outside families: what every screen needs from the start (small),
    /// or the quotes, which only their own screens and the client page show.
    fn own_class(self) -> Class {
        match self {
            Kind::Quotes => Class::Cold,
            _ => Class::Start,
        }
    }
}

/// When a pack is read: its ids sort by class, so one key range reads everything the start-up
/// needs ([`Class::Start`] and [`Class::Hot`], ids below [`LATER_FROM`]) and another the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// Small kinds every screen needs: clients, series, payment methods, catalogue items.
    Start,
    /// Hot families.
    Hot,
    /// Cold families and the quotes.
    Cold,
}

impl Class {
    fn letter(self) -> char {
        match self {
            Class::Start => 'a',
            Class::Hot => 'b',
            Class::Cold => 'c',
        }
    }
}

/// Pack ids from this one on (in string order) hold what the start-up does not need.
pub const LATER_FROM: &str = "c";

/// Buckets per kind and class: enough that a pack of ten years of data stays in the low
/// hundreds of kilobytes (one user action decodes and rewrites only the packs of one family),
/// few enough that a small business has a few dozen packs. Fixed: a record's pack never
/// depends on how much else is stored.
pub fn buckets(class: Class, kind: Kind) -> u16 {
    match (class, kind) {
        (Class::Start, Kind::Clients) => 8,
        (Class::Start, _) => 1,
        (Class::Hot, _) => 8,
        (Class::Cold, Kind::Quotes) => 16,
        (Class::Cold, _) => 64,
    }
}

/// One pack: which kind of record, of which class, in which bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PackId {
    pub class: Class,
    pub kind: Kind,
    pub bucket: u16,
}

impl PackId {
    /// The pack of a record of a kind outside families, by its id.
    pub fn of_record(kind: Kind, id: &str) -> PackId {
        let class = kind.own_class();
        PackId {
            class,
            kind,
            bucket: bucket_of(id, buckets(class, kind)),
        }
    }

    /// The pack of the `kind` records of the family `family`, hot or cold.
    pub fn of_family(kind: Kind, family: &str, hot: bool) -> PackId {
        let class = if hot { Class::Hot } else { Class::Cold };
        PackId {
            class,
            kind,
            bucket: bucket_of(family, buckets(class, kind)),
        }
    }
}

/// `b.steps.07`: class letter, kind, two-digit bucket. The string order of ids is the order
/// IndexedDB keeps them in (ASCII), and so the order of the records in an export.
impl fmt::Display for PackId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{:02}",
            self.class.letter(),
            self.kind.key(),
            self.bucket
        )
    }
}

impl PartialOrd for PackId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The order of the ids as text (see [`fmt::Display`]), without writing them out.
impl Ord for PackId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.class
            .cmp(&other.class)
            .then_with(|| self.kind.key().cmp(other.kind.key()))
            .then_with(|| self.bucket.cmp(&other.bucket))
    }
}

/// A string that is not a pack id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a pack of this version of Cobro")]
pub struct NotAPack(pub String);

impl FromStr for PackId {
    type Err = NotAPack;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || NotAPack(s.chars().take(40).collect());
        let mut parts = s.split('.');
        let (Some(class), Some(kind), Some(bucket), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let class = match class {
            "a" => Class::Start,
            "b" => Class::Hot,
            "c" => Class::Cold,
            _ => return Err(bad()),
        };
        let kind = Kind::ALL.into_iter().find(|k| k.key() == kind).ok_or_else(bad)?;
        let bucket: u16 = bucket.parse().map_err(|_| bad())?;
        let id = PackId { class, kind, bucket };
        // Only the ids this layout produces: a pack of a kind in a class it never lives in, or
        // beyond the buckets, would hold records no lookup ever finds.
        let valid_class = if kind.in_family() {
            class != Class::Start
        } else {
            class == kind.own_class()
        };
        if valid_class && bucket < buckets(class, kind) && format!("{id}") == s {
            Ok(id)
        } else {
            Err(bad())
        }
    }
}

/// FNV-1a (32 bits) of the key, reduced to `n` buckets: stable across versions and platforms,
/// which a layout kept on disk needs (std's hasher is seeded and may change).
pub fn bucket_of(key: &str, n: u16) -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    // n is at least 1 by construction of `buckets`; max(1) keeps a zero from panicking.
    let n = u32::from(n.max(1));
    u16::try_from(h % n).unwrap_or(0)
}

/// The family a contact belongs to: its invoice's, or its client's loose contacts.
pub fn contact_family(c: &ContactEntry) -> &str {
    c.invoice_id.as_deref().unwrap_or(&c.client_id)
}

/// Whether a family is daily work and read at start-up: a draft (being written), an invoice
/// with an open follow-up step, or an issued invoice that is still followed up: not cancelled,
/// not written off, and owing money (`owed` answers that, asked last because it is the costly
/// part; a balance that cannot be computed counts as owing). The agenda lists exactly the
/// invoices followed up, and counts those with legal, so it can be shown from the hot
/// families alone.
pub fn is_hot<'a>(
    invoice: Option<&Invoice>,
    mut steps: impl Iterator<Item = &'a FollowUpStep>,
    contacts: impl IntoIterator<Item = &'a ContactEntry>,
    owed: impl FnOnce() -> bool,
) -> bool {
    let Some(inv) = invoice else {
        return steps.any(|s| s.state == StepState::Open);
    };
    if inv.number.is_none() || steps.any(|s| s.state == StepState::Open) {
        return true;
    }
    let closed = crate::follow_up::closure(contacts, chrono::NaiveDate::MAX);
    inv.cancelled_by.is_none()
        && closed.is_none_or(|c| c.kind == crate::follow_up::ClosureKind::Legal)
        && owed()
}

/// One family's records, owned: what storage reads and writes as a unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Family {
    /// The invoice id (or, for loose contacts, the client id) that the records hang from.
    pub key: Id,
    /// The invoice (none for loose contacts, or while a record points to a missing invoice;
    /// more than one only in data that `backup::validate` would refuse).
    pub invoices: Vec<Invoice>,
    pub steps: Vec<FollowUpStep>,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNote>,
    pub contacts: Vec<ContactEntry>,
}

impl Family {
    /// An empty family (nothing stored under `key` yet).
    pub fn new(key: impl Into<Id>) -> Self {
        Family {
            key: key.into(),
            ..Family::default()
        }
    }

    /// See [`is_hot`].
    pub fn is_hot(&self) -> bool {
        is_hot(self.invoices.first(), self.steps.iter(), &self.contacts, || {
            let Some(inv) = self.invoice() else {
                return false;
            };
            let payments: Vec<&Payment> = self.payments.iter().collect();
            let notes: Vec<&CreditNote> = self.credit_notes.iter().collect();
            crate::lifecycle::balance(inv, &payments, &notes)
                .map_or(true, |b| b.owed > rust_decimal::Decimal::ZERO)
        })
    }

    pub fn is_empty(&self) -> bool {
        self.invoices.is_empty()
            && self.steps.is_empty()
            && self.payments.is_empty()
            && self.credit_notes.is_empty()
            && self.contacts.is_empty()
    }

    /// The invoice, if the family has one.
    pub fn invoice(&self) -> Option<&Invoice> {
        self.invoices.first()
    }
}

/// Records addressed by id.
pub trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($ty:ty),*) => {
        $(impl HasId for $ty {
            fn id(&self) -> &str {
                &self.id
            }
        })*
    };
}
has_id!(
    PaymentMethod,
    NumberingSeries,
    Client,
    CatalogItem,
    Quote,
    Invoice,
    CreditNote,
    Payment,
    ContactEntry,
    FollowUpStep,
    RecurringSchedule
);

/// Where every record of a dataset is stored: for each pack (in id order), the positions of
/// its records in the dataset's list of that kind, in list order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub packs: Vec<(PackId, Vec<usize>)>,
}

type IdSet<'a> = HashSet<&'a str, BuildHasherDefault<crate::ledger::IdHasher>>;

/// The hot family keys of a dataset (see [`is_hot`]).
fn hot_families(data: &Dataset) -> IdSet<'_> {
    let mut hot = IdSet::default();
    hot.extend(
        data.steps
            .iter()
            .filter(|s| s.state == StepState::Open)
            .map(|s| s.invoice_id.as_str()),
    );
    let ledger = crate::ledger::Ledger::new(data);
    for (index, inv) in data.invoices.iter().enumerate() {
        if hot.contains(inv.id.as_str()) {
            continue;
        }
        let followed = is_hot(
            Some(inv),
            std::iter::empty(),
            ledger.closings_of_index(index).iter().copied(),
            || {
                ledger
                    .balance_ref(index)
                    .is_none_or(|b| b.as_ref().map_or(true, |b| b.owed > rust_decimal::Decimal::ZERO))
            },
        );
        if followed {
            hot.insert(inv.id.as_str());
        }
    }
    hot
}

/// The packs `data` is stored in. Deterministic: the same data gives the same layout, so an
/// export of a restored backup lists its records in the same order.
pub fn layout(data: &Dataset) -> Layout {
    let hot = hot_families(data);
    let mut packs: BTreeMap<PackId, Vec<usize>> = BTreeMap::new();
    let mut own = |kind: Kind, ids: &mut dyn Iterator<Item = &str>| {
        for (i, id) in ids.enumerate() {
            packs.entry(PackId::of_record(kind, id)).or_default().push(i);
        }
    };
    own(
        Kind::PaymentMethods,
        &mut data.payment_methods.iter().map(|r| r.id.as_str()),
    );
    own(Kind::Series, &mut data.series.iter().map(|r| r.id.as_str()));
    own(Kind::Clients, &mut data.clients.iter().map(|r| r.id.as_str()));
    own(Kind::Items, &mut data.items.iter().map(|r| r.id.as_str()));
    own(Kind::Quotes, &mut data.quotes.iter().map(|r| r.id.as_str()));
    own(Kind::Recurring, &mut data.recurring.iter().map(|r| r.id.as_str()));
    let mut fam = |kind: Kind, keys: &mut dyn Iterator<Item = &str>| {
        for (i, key) in keys.enumerate() {
            let id = PackId::of_family(kind, key, hot.contains(key));
            packs.entry(id).or_default().push(i);
        }
    };
    fam(Kind::Invoices, &mut data.invoices.iter().map(|r| r.id.as_str()));
    fam(
        Kind::CreditNotes,
        &mut data.credit_notes.iter().map(|r| r.invoice_id.as_str()),
    );
    fam(
        Kind::Payments,
        &mut data.payments.iter().map(|r| r.invoice_id.as_str()),
    );
    fam(Kind::Contacts, &mut data.contacts.iter().map(contact_family));
    fam(Kind::Steps, &mut data.steps.iter().map(|r| r.invoice_id.as_str()));
    Layout {
        packs: packs.into_iter().collect(),
    }
}

/// The bytes of one pack: its records as one JSON array, each written as serde writes it.
fn array<T: serde::Serialize>(list: &[T], positions: &[usize]) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(positions.len() * 256 + 2);
    out.push(b'[');
    for (n, &i) in positions.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        if let Some(r) = list.get(i) {
            serde_json::to_writer(&mut out, r)?;
        }
    }
    out.push(b']');
    Ok(out)
}

/// Every pack of `data` with its bytes, in id order (see [`layout`]).
pub fn encode(data: &Dataset) -> Result<Vec<(PackId, Vec<u8>)>, serde_json::Error> {
    layout(data)
        .packs
        .into_iter()
        .map(|(id, at)| {
            let bytes = match id.kind {
                Kind::PaymentMethods => array(&data.payment_methods, &at),
                Kind::Series => array(&data.series, &at),
                Kind::Clients => array(&data.clients, &at),
                Kind::Items => array(&data.items, &at),
                Kind::Quotes => array(&data.quotes, &at),
                Kind::Invoices => array(&data.invoices, &at),
                Kind::CreditNotes => array(&data.credit_notes, &at),
                Kind::Payments => array(&data.payments, &at),
                Kind::Contacts => array(&data.contacts, &at),
                Kind::Steps => array(&data.steps, &at),
                Kind::Recurring => array(&data.recurring, &at),
            }?;
            Ok((id, bytes))
        })
        .collect()
}

/// [`encode`] from the file the records were read from: `spans` say where each record's bytes
/// are in `file` (a verified current-format backup, see `backup::Spans`), so no record is
/// written again. `None` if the spans do not match the dataset's lists.
pub fn encode_spans(
    data: &Dataset,
    spans: &crate::backup::Spans,
    file: &[u8],
) -> Option<Vec<(PackId, Vec<u8>)>> {
    layout(data)
        .packs
        .into_iter()
        .map(|(id, at)| {
            let of = spans.of(id.kind);
            let len = at
                .iter()
                .map(|&i| of.get(i).map_or(0, |r| r.len() + 1))
                .sum::<usize>();
            let mut out = Vec::with_capacity(len + 2);
            out.push(b'[');
            for (n, &i) in at.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(file.get(of.get(i)?.clone())?);
            }
            out.push(b']');
            Some((id, out))
        })
        .collect()
}

/// A store's value in a backup file from the bytes of its packs, in id order: one JSON array
/// holding the records of them all (`[` + their contents joined by commas + `]`).
pub fn join(packs: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(packs.iter().map(|p| p.len()).sum::<usize>() + 2);
    out.push(b'[');
    for p in packs {
        let inner = p.get(1..p.len().saturating_sub(1)).unwrap_or_default();
        if inner.is_empty() {
            continue;
        }
        if out.len() > 1 {
            out.push(b',');
        }
        out.extend_from_slice(inner);
    }
    out.push(b']');
    out
}

/// The families of `data` with the given keys (empty ones for keys with no records).
pub fn families(data: &Dataset, keys: &[&str]) -> Vec<Family> {
    let mut at: IdMap<&str, usize> = IdMap::default();
    let mut out: Vec<Family> = Vec::with_capacity(keys.len());
    for k in keys {
        at.entry(k).or_insert_with(|| {
            out.push(Family::new(*k));
            out.len() - 1
        });
    }
    let mut put = |key: &str, f: &mut dyn FnMut(&mut Family)| {
        if let Some(fam) = at.get(key).and_then(|&i| out.get_mut(i)) {
            f(fam);
        }
    };
    for r in &data.invoices {
        put(&r.id, &mut |f| f.invoices.push(r.clone()));
    }
    for r in &data.steps {
        put(&r.invoice_id, &mut |f| f.steps.push(r.clone()));
    }
    for r in &data.payments {
        put(&r.invoice_id, &mut |f| f.payments.push(r.clone()));
    }
    for r in &data.credit_notes {
        put(&r.invoice_id, &mut |f| f.credit_notes.push(r.clone()));
    }
    for r in &data.contacts {
        put(contact_family(r), &mut |f| f.contacts.push(r.clone()));
    }
    out
}

/// A record of a kind outside families, written by one storage write.
// A client (with its own collection policy) is the largest; a write holds a handful of these,
// so boxing them would only add an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Own {
    PaymentMethod(PaymentMethod),
    Series(NumberingSeries),
    Client(Client),
    Item(CatalogItem),
    Quote(Quote),
    Recurring(RecurringSchedule),
}

/// What one committed write changed, so a dataset held in memory can be brought up to date
/// without reading everything again (which took seconds with years of data).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// Families written, each in full: it replaces every record of its key.
    pub families: Vec<Family>,
    /// Records outside families written (inserted or replaced by id).
    pub own: Vec<Own>,
    /// Records outside families deleted, by kind and id.
    pub removed: Vec<(Kind, Id)>,
    pub profile: Option<BusinessProfile>,
    pub settings: Option<AppSettings>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.families.is_empty()
            && self.own.is_empty()
            && self.removed.is_empty()
            && self.profile.is_none()
            && self.settings.is_none()
    }
}

/// Insert or replace `record` by id in `list`.
pub fn upsert_by_id<T: HasId + Clone>(list: &mut Vec<T>, record: &T) {
    match list.iter_mut().find(|r| r.id() == record.id()) {
        Some(r) => *r = record.clone(),
        None => list.push(record.clone()),
    }
}

/// Bring `data` to the state after `changes` (what reading everything again would give,
/// up to the order of records, which no rule depends on).
pub fn apply(data: &mut Dataset, changes: &Changes) {
    if !changes.families.is_empty() {
        let keys: IdSet = changes.families.iter().map(|f| f.key.as_str()).collect();
        // Owned copies of the keys: the retain below borrows `data` mutably.
        let keys: HashSet<String, BuildHasherDefault<crate::ledger::IdHasher>> =
            keys.into_iter().map(str::to_owned).collect();
        data.invoices.retain(|r| !keys.contains(r.id.as_str()));
        data.steps.retain(|r| !keys.contains(r.invoice_id.as_str()));
        data.payments.retain(|r| !keys.contains(r.invoice_id.as_str()));
        data.credit_notes
            .retain(|r| !keys.contains(r.invoice_id.as_str()));
        data.contacts.retain(|r| !keys.contains(contact_family(r)));
        for f in &changes.families {
            data.invoices.extend(f.invoices.iter().cloned());
            data.steps.extend(f.steps.iter().cloned());
            data.payments.extend(f.payments.iter().cloned());
            data.credit_notes.extend(f.credit_notes.iter().cloned());
            data.contacts.extend(f.contacts.iter().cloned());
        }
    }
    for own in &changes.own {
        match own {
            Own::PaymentMethod(r) => upsert_by_id(&mut data.payment_methods, r),
            Own::Series(r) => upsert_by_id(&mut data.series, r),
            Own::Client(r) => upsert_by_id(&mut data.clients, r),
            Own::Item(r) => upsert_by_id(&mut data.items, r),
            Own::Quote(r) => upsert_by_id(&mut data.quotes, r),
            Own::Recurring(r) => upsert_by_id(&mut data.recurring, r),
        }
    }
    for (kind, id) in &changes.removed {
        match kind {
            Kind::PaymentMethods => data.payment_methods.retain(|r| r.id != *id),
            Kind::Series => data.series.retain(|r| r.id != *id),
            Kind::Clients => data.clients.retain(|r| r.id != *id),
            Kind::Items => data.items.retain(|r| r.id != *id),
            Kind::Quotes => data.quotes.retain(|r| r.id != *id),
            Kind::Recurring => data.recurring.retain(|r| r.id != *id),
            // Family records are removed by writing their family without them.
            Kind::Invoices | Kind::CreditNotes | Kind::Payments | Kind::Contacts | Kind::Steps => {}
        }
    }
    if let Some(p) = &changes.profile {
        data.profile = p.clone();
    }
    if let Some(s) = &changes.settings {
        data.settings = s.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_parse_back_in_their_string_order() {
        let mut all = Vec::new();
        for kind in Kind::ALL {
            for class in [Class::Start, Class::Hot, Class::Cold] {
                let valid = if kind.in_family() {
                    class != Class::Start
                } else {
                    class == kind.own_class()
                };
                if !valid {
                    continue;
                }
                for bucket in 0..buckets(class, kind) {
                    all.push(PackId { class, kind, bucket });
                }
            }
        }
        for id in &all {
            assert_eq!(id.to_string().parse::<PackId>(), Ok(*id), "{id}");
        }
        let mut by_text = all.clone();
        by_text.sort_by_key(|id| id.to_string());
        let mut by_ord = all.clone();
        by_ord.sort();
        assert_eq!(by_text, by_ord, "Ord must be the string order IndexedDB keeps");
        // Start and hot packs sort before LATER_FROM, cold ones from it on.
        for id in &all {
            assert_eq!(
                id.to_string().as_str() < LATER_FROM,
                id.class != Class::Cold,
                "{id}"
            );
        }
        for bad in [
            "",
            "b.steps",
            "b.steps.7",
            "a.steps.00",
            "b.quotes.00",
            "c.steps.64",
            "x.steps.00",
            "b.steps.00.1",
        ] {
            assert!(bad.parse::<PackId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn buckets_are_stable_and_spread() {
        // Fixed values: a layout on disk must never move because the hash changed.
        assert_eq!(bucket_of("", 64), (0x811c_9dc5u32 % 64) as u16);
        assert_eq!(bucket_of("a", 1_000), (0xe40c_292cu32 % 1_000) as u16);
        let mut seen = [0u32; 64];
        for i in 0..6_400 {
            seen[usize::from(bucket_of(&format!("00000000-0000-4000-8000-{i:012}"), 64))] += 1;
        }
        assert!(seen.iter().all(|&n| (50..=150).contains(&n)), "{seen:?}");
    }
}

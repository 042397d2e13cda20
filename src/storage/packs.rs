//! Records in packs (see `cobro_core::pack` for the layout and `keys` for the schema): the
//! packs one transaction reads, decoded once, changed in memory and written back at the end,
//! and the changes that brings, for the app's data in memory and for the other tabs.
//!
//! An operation reads what its rule needs (a family's ten packs, a client's pack, the series),
//! asks the core, puts the results back with [`Packs::put_family`] or [`Packs::put_own`], and
//! [`Packs::finish`] writes only the packs that changed, inside the same transaction.

use super::error::{OpError, StorageError};
use super::keys::PACKS;
use super::records::Record;
use super::tx::{RawPack, Tx};
use crate::platform::clock;
use cobro_core::pack::{self, buckets, Changes, Class, Family, Kind, PackId};
use cobro_core::validity::{self, Invalid};
use cobro_core::{
    CatalogItem, Client, ContactEntry, CreditNote, Dataset, FollowUpStep, Invoice, NumberingSeries, Payment,
    PaymentMethod, Quote, RecurringSchedule,
};
use std::collections::{BTreeMap, BTreeSet};

/// The records of one pack, typed by kind (public only so that [`Record`] can name it).
#[doc(hidden)]
pub enum List {
    PaymentMethods(Vec<PaymentMethod>),
    Series(Vec<NumberingSeries>),
    Clients(Vec<Client>),
    Items(Vec<CatalogItem>),
    Quotes(Vec<Quote>),
    Invoices(Vec<Invoice>),
    CreditNotes(Vec<CreditNote>),
    Payments(Vec<Payment>),
    Contacts(Vec<ContactEntry>),
    Steps(Vec<FollowUpStep>),
    Recurring(Vec<RecurringSchedule>),
}

/// `f` applied to the list inside, whatever its kind.
macro_rules! each {
    ($list:expr, $v:ident => $e:expr) => {
        match $list {
            List::PaymentMethods($v) => $e,
            List::Series($v) => $e,
            List::Clients($v) => $e,
            List::Items($v) => $e,
            List::Quotes($v) => $e,
            List::Invoices($v) => $e,
            List::CreditNotes($v) => $e,
            List::Payments($v) => $e,
            List::Contacts($v) => $e,
            List::Steps($v) => $e,
            List::Recurring($v) => $e,
        }
    };
}

fn unreadable(id: &str, e: serde_json::Error) -> StorageError {
    StorageError::other(
        "read",
        PACKS,
        format!("the records of {id} do not fit this version of Cobro ({e})"),
    )
}

impl List {
    fn empty(kind: Kind) -> Self {
        match kind {
            Kind::PaymentMethods => List::PaymentMethods(Vec::new()),
            Kind::Series => List::Series(Vec::new()),
            Kind::Clients => List::Clients(Vec::new()),
            Kind::Items => List::Items(Vec::new()),
            Kind::Quotes => List::Quotes(Vec::new()),
            Kind::Invoices => List::Invoices(Vec::new()),
            Kind::CreditNotes => List::CreditNotes(Vec::new()),
            Kind::Payments => List::Payments(Vec::new()),
            Kind::Contacts => List::Contacts(Vec::new()),
            Kind::Steps => List::Steps(Vec::new()),
            Kind::Recurring => List::Recurring(Vec::new()),
        }
    }

    /// The records of a pack of `kind` from its bytes (`id` names it in an error). The bytes
    /// are checked as UTF-8 once, as a whole: read as text, serde_json does not check each
    /// string again, which it does for bytes.
    fn decode(kind: Kind, bytes: &[u8], id: &str) -> Result<Self, StorageError> {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            StorageError::other("read", PACKS, format!("the records of {id} are not UTF-8 text"))
        })?;
        let e = |e| unreadable(id, e);
        Ok(match kind {
            Kind::PaymentMethods => List::PaymentMethods(serde_json::from_str(text).map_err(e)?),
            Kind::Series => List::Series(serde_json::from_str(text).map_err(e)?),
            Kind::Clients => List::Clients(serde_json::from_str(text).map_err(e)?),
            Kind::Items => List::Items(serde_json::from_str(text).map_err(e)?),
            Kind::Quotes => List::Quotes(serde_json::from_str(text).map_err(e)?),
            Kind::Invoices => List::Invoices(serde_json::from_str(text).map_err(e)?),
            Kind::CreditNotes => List::CreditNotes(serde_json::from_str(text).map_err(e)?),
            Kind::Payments => List::Payments(serde_json::from_str(text).map_err(e)?),
            Kind::Contacts => List::Contacts(serde_json::from_str(text).map_err(e)?),
            Kind::Steps => List::Steps(serde_json::from_str(text).map_err(e)?),
            Kind::Recurring => List::Recurring(serde_json::from_str(text).map_err(e)?),
        })
    }

    fn encode(&self) -> Result<Vec<u8>, StorageError> {
        each!(self, v => serde_json::to_vec(v))
            .map_err(|e| StorageError::other("write", PACKS, e.to_string()))
    }

    fn is_empty(&self) -> bool {
        each!(self, v => v.is_empty())
    }

    /// Drop the records of family `key`; how many there were.
    fn remove_family(&mut self, key: &str) -> usize {
        let before = each!(self, v => v.len());
        match self {
            List::Invoices(v) => v.retain(|r| r.id != key),
            List::CreditNotes(v) => v.retain(|r| r.invoice_id != key),
            List::Payments(v) => v.retain(|r| r.invoice_id != key),
            List::Contacts(v) => v.retain(|r| pack::contact_family(r) != key),
            List::Steps(v) => v.retain(|r| r.invoice_id != key),
            _ => {}
        }
        before - each!(self, v => v.len())
    }

    /// Add this list's kind of records of `f`; how many.
    fn add_family(&mut self, f: &Family) -> usize {
        match self {
            List::Invoices(v) => v.extend(f.invoices.iter().cloned()),
            List::CreditNotes(v) => v.extend(f.credit_notes.iter().cloned()),
            List::Payments(v) => v.extend(f.payments.iter().cloned()),
            List::Contacts(v) => v.extend(f.contacts.iter().cloned()),
            List::Steps(v) => v.extend(f.steps.iter().cloned()),
            _ => return 0,
        }
        match self {
            List::Invoices(_) => f.invoices.len(),
            List::CreditNotes(_) => f.credit_notes.len(),
            List::Payments(_) => f.payments.len(),
            List::Contacts(_) => f.contacts.len(),
            List::Steps(_) => f.steps.len(),
            _ => 0,
        }
    }

    /// Copy this list's records of family `key` into `f`.
    fn gather(&self, key: &str, f: &mut Family) {
        match self {
            List::Invoices(v) => f.invoices.extend(v.iter().filter(|r| r.id == key).cloned()),
            List::CreditNotes(v) => f
                .credit_notes
                .extend(v.iter().filter(|r| r.invoice_id == key).cloned()),
            List::Payments(v) => f
                .payments
                .extend(v.iter().filter(|r| r.invoice_id == key).cloned()),
            List::Contacts(v) => f
                .contacts
                .extend(v.iter().filter(|r| pack::contact_family(r) == key).cloned()),
            List::Steps(v) => f.steps.extend(v.iter().filter(|r| r.invoice_id == key).cloned()),
            _ => {}
        }
    }

    /// Append the records to the dataset's list of their kind.
    fn into_dataset(self, data: &mut Dataset) {
        match self {
            List::PaymentMethods(v) => data.payment_methods.extend(v),
            List::Series(v) => data.series.extend(v),
            List::Clients(v) => data.clients.extend(v),
            List::Items(v) => data.items.extend(v),
            List::Quotes(v) => data.quotes.extend(v),
            List::Invoices(v) => data.invoices.extend(v),
            List::CreditNotes(v) => data.credit_notes.extend(v),
            List::Payments(v) => data.payments.extend(v),
            List::Contacts(v) => data.contacts.extend(v),
            List::Steps(v) => data.steps.extend(v),
            List::Recurring(v) => data.recurring.extend(v),
        }
    }
}

/// Kinds whose records belong to families.
const FAMILY_KINDS: [Kind; 5] = [
    Kind::Invoices,
    Kind::CreditNotes,
    Kind::Payments,
    Kind::Contacts,
    Kind::Steps,
];

/// Every pack a family's records can be in: each family kind, hot and cold.
fn family_packs(key: &str) -> Vec<PackId> {
    FAMILY_KINDS
        .into_iter()
        .flat_map(|kind| [true, false].map(|hot| PackId::of_family(kind, key, hot)))
        .collect()
}

/// Every pack records of `kind` can be in.
fn packs_of_kind(kind: Kind) -> Vec<PackId> {
    let classes: &[Class] = if kind.in_family() {
        &[Class::Hot, Class::Cold]
    } else if kind == Kind::Quotes {
        &[Class::Cold]
    } else {
        &[Class::Start]
    };
    classes
        .iter()
        .flat_map(|&class| (0..buckets(class, kind)).map(move |bucket| PackId { class, kind, bucket }))
        .collect()
}

/// The records of a raw pack, appended to `data`.
pub(crate) fn read_into(data: &mut Dataset, raw: &RawPack) -> Result<(), StorageError> {
    let id: PackId = raw
        .id
        .parse()
        .map_err(|e: pack::NotAPack| StorageError::other("read", PACKS, e.to_string()))?;
    List::decode(id.kind, &raw.data.to_vec(), &raw.id)?.into_dataset(data);
    Ok(())
}

/// What one transaction wrote: the changes for the data in memory, and the kinds of records
/// for the other tabs.
#[derive(Default)]
pub(crate) struct Written {
    pub changes: Changes,
    pub kinds: BTreeSet<Kind>,
}

struct Slot {
    list: List,
    dirty: bool,
}

/// The packs one transaction has read, decoded, and what it changed in them.
pub(crate) struct Packs<'t, 'a> {
    tx: &'t Tx<'a>,
    slots: BTreeMap<PackId, Slot>,
    written: Written,
}

impl<'t, 'a> Packs<'t, 'a> {
    pub(crate) fn new(tx: &'t Tx<'a>) -> Self {
        Self {
            tx,
            slots: BTreeMap::new(),
            written: Written::default(),
        }
    }

    /// Read the packs not read yet, all requests made before the first answer is awaited.
    async fn load(&mut self, ids: &[PackId]) -> Result<(), StorageError> {
        let mut missing: Vec<PackId> = ids
            .iter()
            .filter(|id| !self.slots.contains_key(id))
            .copied()
            .collect();
        missing.sort();
        missing.dedup();
        let names: Vec<String> = missing.iter().map(ToString::to_string).collect();
        let mut pending = Vec::with_capacity(names.len());
        for name in &names {
            pending.push(self.tx.pack(name)?);
        }
        for (id, request) in missing.into_iter().zip(pending) {
            let list = match request.await? {
                Some(raw) => List::decode(id.kind, &raw.data.to_vec(), &raw.id)?,
                None => List::empty(id.kind),
            };
            self.slots.insert(id, Slot { list, dirty: false });
        }
        Ok(())
    }

    fn records<R: Record>(&mut self, id: &PackId) -> Option<&mut Vec<R>> {
        self.slots.get_mut(id).and_then(|s| R::in_list(&mut s.list))
    }

    /// Every record of family `key` (an empty family when there is none).
    pub(crate) async fn family(&mut self, key: &str) -> Result<Family, StorageError> {
        let ids = family_packs(key);
        self.load(&ids).await?;
        let mut f = Family::new(key);
        for id in &ids {
            if let Some(slot) = self.slots.get(id) {
                slot.list.gather(key, &mut f);
            }
        }
        Ok(f)
    }

    /// Store `f` in full, in the packs of its class now (hot or cold), removing its records
    /// from wherever they were. The family must have been read with [`Packs::family`]. Refused
    /// (nothing changed) when a record it changes breaks a rule of `cobro_core::validity`
    /// that the stored copy did not: whatever is stored, a backup restores.
    pub(crate) fn put_family(&mut self, f: Family) -> Result<(), Invalid> {
        let mut before = Family::new(f.key.clone());
        for id in family_packs(&f.key) {
            if let Some(slot) = self.slots.get(&id) {
                slot.list.gather(&f.key, &mut before);
            }
        }
        validity::check_family(&before, &f, clock::today())?;
        let hot = f.is_hot();
        for id in family_packs(&f.key) {
            let Some(slot) = self.slots.get_mut(&id) else {
                continue;
            };
            let removed = slot.list.remove_family(&f.key);
            let added = if (id.class == Class::Hot) == hot {
                slot.list.add_family(&f)
            } else {
                0
            };
            if removed + added > 0 {
                slot.dirty = true;
                self.written.kinds.insert(id.kind);
            }
        }
        self.written.changes.families.push(f);
        Ok(())
    }

    /// The record `id` of a kind outside families.
    pub(crate) async fn own<R: Record>(&mut self, id: &str) -> Result<Option<R>, StorageError> {
        let pack = PackId::of_record(R::KIND, id);
        self.load(&[pack]).await?;
        Ok(self
            .records::<R>(&pack)
            .and_then(|v| v.iter().find(|r| r.id() == id).cloned()))
    }

    /// Insert or replace a record of a kind outside families; refused (nothing changed) when it
    /// breaks a rule of `cobro_core::validity` that the stored copy did not.
    pub(crate) async fn put_own<R: Record>(&mut self, record: R) -> Result<(), OpError> {
        let pack = PackId::of_record(R::KIND, record.id());
        self.load(&[pack]).await?;
        if let Some(list) = self.records::<R>(&pack) {
            let old = list.iter().find(|r| r.id() == record.id());
            validity::check_write(old, &record, clock::today())?;
            pack::upsert_by_id(list, &record);
        }
        self.touch(pack);
        if let Some(own) = record.own() {
            self.written.changes.own.push(own);
        }
        Ok(())
    }

    /// Delete a record of a kind outside families; whether it was there.
    pub(crate) async fn remove_own<R: Record>(&mut self, id: &str) -> Result<bool, StorageError> {
        let pack = PackId::of_record(R::KIND, id);
        self.load(&[pack]).await?;
        let removed = self.records::<R>(&pack).is_some_and(|v| {
            let before = v.len();
            v.retain(|r| r.id() != id);
            v.len() < before
        });
        if removed {
            self.touch(pack);
            self.written.changes.removed.push((R::KIND, id.to_string()));
        }
        Ok(removed)
    }

    /// Every record of a kind, from every pack it can be in.
    pub(crate) async fn all<R: Record>(&mut self) -> Result<Vec<R>, StorageError> {
        let ids = packs_of_kind(R::KIND);
        self.load(&ids).await?;
        let mut out = Vec::new();
        for id in &ids {
            if let Some(v) = self.records::<R>(id) {
                out.extend(v.iter().cloned());
            }
        }
        Ok(out)
    }

    fn touch(&mut self, pack: PackId) {
        if let Some(slot) = self.slots.get_mut(&pack) {
            slot.dirty = true;
        }
        self.written.kinds.insert(pack.kind);
    }

    /// Record that the singletons were written (their requests are the caller's).
    pub(crate) fn wrote_meta(
        &mut self,
        profile: Option<cobro_core::BusinessProfile>,
        settings: Option<cobro_core::AppSettings>,
    ) {
        if profile.is_some() {
            self.written.changes.profile = profile;
        }
        if settings.is_some() {
            self.written.changes.settings = settings;
        }
    }

    /// Write every pack that changed (deleting those left empty) and say what was written.
    pub(crate) fn finish(self) -> Result<Written, StorageError> {
        for (id, slot) in &self.slots {
            if !slot.dirty {
                continue;
            }
            let name = id.to_string();
            if slot.list.is_empty() {
                self.tx.delete_pack(&name)?;
            } else {
                self.tx.put_pack(&name, &slot.list.encode()?)?;
            }
        }
        Ok(self.written)
    }
}

/// Replace every pack with those of `data` (restores and merges), in the transaction `tx`,
/// which must have cleared the packs first. `file` gives the records' own bytes when the
/// backup they were read from was verified (see `cobro_core::backup::Spans`), so that none is
/// written again; otherwise each pack is written from the records.
pub(crate) fn write_dataset(
    tx: &Tx<'_>,
    data: &Dataset,
    file: Option<(&cobro_core::backup::Spans, &[u8])>,
) -> Result<(), StorageError> {
    let packs = match file.and_then(|(spans, bytes)| pack::encode_spans(data, spans, bytes)) {
        Some(packs) => packs,
        None => pack::encode(data).map_err(|e| StorageError::other("write", PACKS, e.to_string()))?,
    };
    for (id, bytes) in packs {
        tx.put_pack(&id.to_string(), &bytes)?;
    }
    Ok(())
}

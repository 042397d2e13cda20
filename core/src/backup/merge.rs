//! Merging a backup into the data already in the browser, record by record,
//! so restoring an older file on a second device loses nothing: the newer
//! copy of each record wins, and issued document numbers are never duplicated
//! or silently changed (a clash blocks the merge for the user to resolve).

use crate::model::{
    CatalogItem, Client, ContactEntry, CreditNote, Dataset, FollowUpStep, Id, Invoice, NumberingSeries,
    Payment, PaymentMethod, Quote, RecurringSchedule, Stamp,
};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use thiserror::Error;

/// A kind of record, for per-store counts and conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Store {
    Profile,
    Settings,
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
    /// Recurring-invoice schedules (optional in a file: see `canonical::optional`).
    Recurring,
}

/// What a merge does to one store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StoreCounts {
    /// Only in the incoming data: added.
    pub added: usize,
    /// In both, the incoming copy is newer: replaces the current one.
    pub updated: usize,
    /// In both and identical.
    pub unchanged: usize,
    /// In both, the current copy is newer (or equally new): kept.
    pub kept: usize,
}

/// Something the user should look at before (or instead of) merging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub store: Store,
    /// The incoming record concerned (empty for profile and settings).
    pub id: Id,
    pub kind: ConflictKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConflictKind {
    /// Both copies claim the same last change but differ; the current copy is kept.
    #[error("both copies were changed at the same moment but differ; the current one is kept")]
    SameStampDifferentContent,
    /// An issued document would share its series and number with another document.
    #[error("number “{number}” is already used by another document in the same series (id “{other_id}”)")]
    NumberTaken {
        series_id: Id,
        number: String,
        other_id: Id,
    },
    /// The same issued document carries a different number (or none) in the incoming data.
    #[error("this issued document is numbered “{current}” here but “{incoming}” in the backup")]
    NumberChanged { current: String, incoming: String },
}

impl ConflictKind {
    /// Number conflicts block the merge: issued documents are never renumbered silently.
    pub fn blocks(&self) -> bool {
        !matches!(self, Self::SameStampDifferentContent)
    }
}

/// Per-store counts and conflicts of a merge.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MergeSummary {
    pub counts: Vec<(Store, StoreCounts)>,
    pub conflicts: Vec<Conflict>,
}

impl MergeSummary {
    pub fn blocked(&self) -> bool {
        self.conflicts.iter().any(|c| c.kind.blocks())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    pub data: Dataset,
    pub summary: MergeSummary,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MergeError {
    #[error("the backup cannot be merged: {} document number conflict(s) must be resolved first", .conflicts.len())]
    NumberConflicts {
        conflicts: Vec<Conflict>,
        summary: MergeSummary,
    },
}

/// Merge `incoming` into `current` by id; newer `updated_at` wins, series
/// counters take the maximum, number clashes block the merge.
pub fn merge(current: &Dataset, incoming: &Dataset) -> Result<MergeOutcome, MergeError> {
    let (data, summary) = merge_inner(current, incoming);
    if summary.blocked() {
        let conflicts = summary
            .conflicts
            .iter()
            .filter(|c| c.kind.blocks())
            .cloned()
            .collect();
        return Err(MergeError::NumberConflicts { conflicts, summary });
    }
    Ok(MergeOutcome { data, summary })
}

/// What importing `incoming` would bring, shown before the user decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// Records per store in the incoming data.
    pub records: Vec<(Store, usize)>,
    /// Earliest and latest issue date of the incoming quotes, invoices and credit notes.
    pub documents_from: Option<NaiveDate>,
    pub documents_to: Option<NaiveDate>,
    /// What merging into the current data would do (conflicts included).
    pub merge: MergeSummary,
}

pub fn preview(current: &Dataset, incoming: &Dataset) -> Preview {
    let d = incoming;
    let dates = d
        .quotes
        .iter()
        .map(|q| q.issue_date)
        .chain(d.invoices.iter().map(|i| i.issue_date))
        .chain(d.credit_notes.iter().map(|c| c.issue_date));
    let (from, to) = dates.fold(
        (None, None),
        |(lo, hi): (Option<NaiveDate>, Option<NaiveDate>), x| {
            (Some(lo.map_or(x, |l| l.min(x))), Some(hi.map_or(x, |h| h.max(x))))
        },
    );
    Preview {
        records: vec![
            (Store::PaymentMethods, d.payment_methods.len()),
            (Store::Series, d.series.len()),
            (Store::Clients, d.clients.len()),
            (Store::Items, d.items.len()),
            (Store::Quotes, d.quotes.len()),
            (Store::Invoices, d.invoices.len()),
            (Store::CreditNotes, d.credit_notes.len()),
            (Store::Payments, d.payments.len()),
            (Store::Contacts, d.contacts.len()),
            (Store::Steps, d.steps.len()),
            (Store::Recurring, d.recurring.len()),
        ],
        documents_from: from,
        documents_to: to,
        merge: merge_inner(current, incoming).1,
    }
}

/// A record that merges by id and last change.
trait Record: Clone + PartialEq {
    fn id(&self) -> &str;
    fn stamp(&self) -> Stamp;
    /// Combine two differing copies of the same record; `newer` is the one that wins.
    fn combine(newer: &Self, _older: &Self) -> Self {
        newer.clone()
    }
    /// Series and number, for issued documents.
    fn number(&self) -> Option<(&str, &str)> {
        None
    }
}

macro_rules! record {
    ($($t:ty),*) => {$(
        impl Record for $t {
            fn id(&self) -> &str { &self.id }
            fn stamp(&self) -> Stamp { self.updated_at }
        }
    )*};
}
record!(
    PaymentMethod,
    Client,
    CatalogItem,
    Payment,
    ContactEntry,
    FollowUpStep
);

macro_rules! numbered {
    ($($t:ty),*) => {$(
        impl Record for $t {
            fn id(&self) -> &str { &self.id }
            fn stamp(&self) -> Stamp { self.updated_at }
            fn number(&self) -> Option<(&str, &str)> {
                self.number.as_deref().map(|n| (self.series_id.as_str(), n))
            }
        }
    )*};
}
numbered!(Quote, Invoice, CreditNote);

impl Record for RecurringSchedule {
    fn id(&self) -> &str {
        &self.id
    }
    fn stamp(&self) -> Stamp {
        self.updated_at
    }
    /// The cursor never goes back: a date made on either side stays made (its draft's id is
    /// the same on both, so the drafts themselves merge by id).
    fn combine(newer: &Self, older: &Self) -> Self {
        let mut s = newer.clone();
        s.made = s.made.max(older.made);
        s.done_through = s.done_through.max(older.done_through);
        s
    }
}

impl Record for NumberingSeries {
    fn id(&self) -> &str {
        &self.id
    }
    fn stamp(&self) -> Stamp {
        self.updated_at
    }
    /// Counters never go back: a number used on either side stays used.
    fn combine(newer: &Self, older: &Self) -> Self {
        let mut s = newer.clone();
        for (year, n) in &older.last {
            let e = s.last.entry(*year).or_insert(0);
            *e = (*e).max(*n);
        }
        s
    }
}

fn merge_inner(current: &Dataset, incoming: &Dataset) -> (Dataset, MergeSummary) {
    let mut sum = MergeSummary::default();
    let (profile, profile_counts) = single(
        &current.profile,
        current.profile.updated_at,
        &incoming.profile,
        incoming.profile.updated_at,
        Store::Profile,
        &mut sum.conflicts,
    );
    let (settings, settings_counts) = single(
        &current.settings,
        current.settings.updated_at,
        &incoming.settings,
        incoming.settings.updated_at,
        Store::Settings,
        &mut sum.conflicts,
    );
    sum.counts.push((Store::Profile, profile_counts));
    sum.counts.push((Store::Settings, settings_counts));
    let data = Dataset {
        profile,
        settings,
        payment_methods: store(
            &current.payment_methods,
            &incoming.payment_methods,
            Store::PaymentMethods,
            &mut sum,
        ),
        series: store(&current.series, &incoming.series, Store::Series, &mut sum),
        clients: store(&current.clients, &incoming.clients, Store::Clients, &mut sum),
        items: store(&current.items, &incoming.items, Store::Items, &mut sum),
        quotes: store(&current.quotes, &incoming.quotes, Store::Quotes, &mut sum),
        invoices: store(&current.invoices, &incoming.invoices, Store::Invoices, &mut sum),
        credit_notes: store(
            &current.credit_notes,
            &incoming.credit_notes,
            Store::CreditNotes,
            &mut sum,
        ),
        payments: store(&current.payments, &incoming.payments, Store::Payments, &mut sum),
        contacts: store(&current.contacts, &incoming.contacts, Store::Contacts, &mut sum),
        steps: store(&current.steps, &incoming.steps, Store::Steps, &mut sum),
        recurring: store(
            &current.recurring,
            &incoming.recurring,
            Store::Recurring,
            &mut sum,
        ),
    };
    number_clashes(&data.quotes, &incoming.quotes, Store::Quotes, &mut sum.conflicts);
    number_clashes(
        &data.invoices,
        &incoming.invoices,
        Store::Invoices,
        &mut sum.conflicts,
    );
    number_clashes(
        &data.credit_notes,
        &incoming.credit_notes,
        Store::CreditNotes,
        &mut sum.conflicts,
    );
    (data, sum)
}

fn single<T: Clone + PartialEq>(
    cur: &T,
    cur_stamp: Option<Stamp>,
    inc: &T,
    inc_stamp: Option<Stamp>,
    store: Store,
    conflicts: &mut Vec<Conflict>,
) -> (T, StoreCounts) {
    let mut counts = StoreCounts::default();
    let winner = if cur == inc {
        counts.unchanged = 1;
        cur
    } else if inc_stamp > cur_stamp {
        counts.updated = 1;
        inc
    } else {
        if inc_stamp == cur_stamp {
            conflicts.push(Conflict {
                store,
                id: Id::new(),
                kind: ConflictKind::SameStampDifferentContent,
            });
        }
        counts.kept = 1;
        cur
    };
    (winner.clone(), counts)
}

fn store<T: Record>(current: &[T], incoming: &[T], which: Store, sum: &mut MergeSummary) -> Vec<T> {
    let mut counts = StoreCounts::default();
    let by_id: HashMap<&str, &T> = incoming.iter().map(|r| (r.id(), r)).collect();
    let mut out = Vec::with_capacity(current.len() + incoming.len());
    for cur in current {
        let Some(&inc) = by_id.get(cur.id()) else {
            out.push(cur.clone());
            continue;
        };
        if cur == inc {
            counts.unchanged += 1;
            out.push(cur.clone());
            continue;
        }
        if let Some(kind) = renumbered(cur, inc) {
            sum.conflicts.push(Conflict {
                store: which,
                id: inc.id().to_string(),
                kind,
            });
        }
        let merged = if inc.stamp() > cur.stamp() {
            T::combine(inc, cur)
        } else {
            if inc.stamp() == cur.stamp() {
                sum.conflicts.push(Conflict {
                    store: which,
                    id: inc.id().to_string(),
                    kind: ConflictKind::SameStampDifferentContent,
                });
            }
            T::combine(cur, inc)
        };
        if merged == *cur {
            counts.kept += 1;
        } else {
            counts.updated += 1;
        }
        out.push(merged);
    }
    let current_ids: HashMap<&str, ()> = current.iter().map(|r| (r.id(), ())).collect();
    for inc in incoming {
        if !current_ids.contains_key(inc.id()) {
            counts.added += 1;
            out.push(inc.clone());
        }
    }
    sum.counts.push((which, counts));
    out
}

/// An issued document must keep its number whichever copy is newer.
fn renumbered<T: Record>(cur: &T, inc: &T) -> Option<ConflictKind> {
    let (_, current) = cur.number()?;
    let incoming = inc.number().map(|(_, n)| n).unwrap_or_default();
    (current != incoming || cur.number().map(|(s, _)| s) != inc.number().map(|(s, _)| s)).then(|| {
        ConflictKind::NumberChanged {
            current: current.to_string(),
            incoming: incoming.to_string(),
        }
    })
}

/// Two different documents of the merged data sharing series and number;
/// reported against the incoming one.
fn number_clashes<T: Record>(merged: &[T], incoming: &[T], which: Store, conflicts: &mut Vec<Conflict>) {
    let incoming_ids: HashMap<&str, ()> = incoming.iter().map(|r| (r.id(), ())).collect();
    let mut owner: HashMap<(&str, &str), &str> = HashMap::new();
    for doc in merged {
        let Some(key) = doc.number() else { continue };
        match owner.get(&key) {
            Some(&other) => {
                let (id, other_id) = if incoming_ids.contains_key(doc.id()) {
                    (doc.id(), other)
                } else {
                    (other, doc.id())
                };
                conflicts.push(Conflict {
                    store: which,
                    id: id.to_string(),
                    kind: ConflictKind::NumberTaken {
                        series_id: key.0.to_string(),
                        number: key.1.to_string(),
                        other_id: other_id.to_string(),
                    },
                });
            }
            None => {
                owner.insert(key, doc.id());
            }
        }
    }
}

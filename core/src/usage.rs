//! What refers to a client, a catalogue item or a payment method, and so whether it can be
//! deleted or only archived. A record some document, payment or contact names is archived:
//! hidden from the pickers of new work, kept (and shown) wherever it is named. One that
//! nothing names can be deleted outright. Storage asks [`check_delete`] again inside the
//! transaction that deletes, so a document written meanwhile in another tab stops it.

use crate::model::{CatalogItem, Client, Dataset, Line, PaymentMethod, Stamp};
use serde::Serialize;
use thiserror::Error;

/// A record that others may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Client(&'a str),
    Item(&'a str),
    Method(&'a str),
}

/// How many records of each kind name a target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    pub invoices: usize,
    pub quotes: usize,
    pub credit_notes: usize,
    pub payments: usize,
    pub contacts: usize,
    /// Clients that prefer the payment method.
    pub clients: usize,
}

impl Usage {
    pub fn is_unused(&self) -> bool {
        *self == Self::default()
    }
}

/// Why a record cannot be deleted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UsageError {
    #[error(
        "it is still named by {} invoices, {} quotes, {} credit notes, {} payments, {} contacts and {} clients: archive it instead",
        .0.invoices, .0.quotes, .0.credit_notes, .0.payments, .0.contacts, .0.clients
    )]
    InUse(Usage),
}

fn names_item(lines: &[Line], id: &str) -> bool {
    lines.iter().any(|l| l.item_id.as_deref() == Some(id))
}

/// Every record of `data` that names `target`, counted by kind.
pub fn usage(data: &Dataset, target: Target) -> Usage {
    match target {
        Target::Client(id) => Usage {
            invoices: data.invoices.iter().filter(|i| i.client_id == id).count(),
            quotes: data.quotes.iter().filter(|q| q.client_id == id).count(),
            credit_notes: data.credit_notes.iter().filter(|c| c.client_id == id).count(),
            contacts: data.contacts.iter().filter(|c| c.client_id == id).count(),
            ..Usage::default()
        },
        Target::Item(id) => Usage {
            invoices: data.invoices.iter().filter(|i| names_item(&i.lines, id)).count(),
            quotes: data.quotes.iter().filter(|q| names_item(&q.lines, id)).count(),
            credit_notes: data
                .credit_notes
                .iter()
                .filter(|c| names_item(&c.lines, id))
                .count(),
            ..Usage::default()
        },
        Target::Method(id) => Usage {
            invoices: data
                .invoices
                .iter()
                .filter(|i| i.payment_method_ids.iter().any(|m| m == id))
                .count(),
            payments: data
                .payments
                .iter()
                .filter(|p| p.method_id.as_deref() == Some(id))
                .count(),
            clients: data
                .clients
                .iter()
                .filter(|c| c.preferred_payment_method_ids.iter().any(|m| m == id))
                .count(),
            ..Usage::default()
        },
    }
}

/// `Ok` when nothing names `target`, so deleting it loses nothing.
pub fn check_delete(data: &Dataset, target: Target) -> Result<(), UsageError> {
    let used = usage(data, target);
    if used.is_unused() {
        Ok(())
    } else {
        Err(UsageError::InUse(used))
    }
}

/// Records that can be archived and show up in pickers.
pub trait Archivable {
    fn id(&self) -> &str;
    fn archived(&self) -> bool;
    /// The same record, archived or restored at `now`.
    fn with_archived(&self, archived: bool, now: Stamp) -> Self;
}

macro_rules! archivable {
    ($($ty:ty),*) => {$(
        impl Archivable for $ty {
            fn id(&self) -> &str {
                &self.id
            }
            fn archived(&self) -> bool {
                self.archived
            }
            fn with_archived(&self, archived: bool, now: Stamp) -> Self {
                Self {
                    archived,
                    updated_at: now,
                    ..self.clone()
                }
            }
        }
    )*};
}

archivable!(Client, CatalogItem, PaymentMethod);

/// What a picker of new work offers: the records that are not archived, plus the one `keep`
/// names even if archived (the record a draft already names stays shown and selected).
pub fn pickable<'a, R: Archivable>(records: &'a [R], keep: Option<&str>) -> Vec<&'a R> {
    records
        .iter()
        .filter(|r| !r.archived() || keep == Some(r.id()))
        .collect()
}

/// The archived records, for their own view (where they can be restored).
pub fn archived<R: Archivable>(records: &[R]) -> Vec<&R> {
    records.iter().filter(|r| r.archived()).collect()
}

//! A read-only index over a [`Dataset`]: the joins every screen, report and
//! check needs (payments, credit notes and steps of an invoice; a client by id),
//! built once in O(n) so that nothing downstream scans the whole dataset per invoice.
//!
//! It also remembers each invoice's balance once computed: the agenda, the
//! report and the status of every row all ask for it, and computing it (the
//! invoice's totals) is the costly part of every daily screen. The dataset is
//! borrowed immutably for the ledger's whole life, so a remembered balance can
//! never go stale. The same holds for the indexes some screens need, built on
//! their first use: open steps by due date (the agenda), dense keys of clients
//! and currencies and the latest promised dates (the report).

use crate::lifecycle::{self, Balance, InvoiceStatus};
use crate::model::{Client, CreditNote, Dataset, FollowUpStep, Invoice, Outcome, Payment, Stamp, StepState};
use crate::money::MoneyError;
use chrono::NaiveDate;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hash map keyed by record ids. The default hasher resists crafted keys,
/// which a user's own data does not need, and is several times slower on
/// 36-character ids: hashing was most of the cost of building the ledger.
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A small multiplicative hasher (the Fx scheme, eight bytes at a time) with
/// a final mix so that the low bits the table indexes by depend on every byte.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl IdHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut tail = [0u8; 8];
            for (t, b) in tail.iter_mut().zip(rest) {
                *t = *b;
            }
            self.add(u64::from_le_bytes(tail) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        let x = self.0;
        (x ^ (x >> 32)).wrapping_mul(Self::K) ^ (x >> 29)
    }
}

pub struct Ledger<'a> {
    pub data: &'a Dataset,
    /// Client id → position in `data.clients` (the last one when ids repeat).
    clients: IdMap<&'a str, usize>,
    /// Every invoice id seen (on an invoice, payment, credit note or step) → its group.
    groups: IdMap<&'a str, usize>,
    /// By group: position in `data.invoices` of the invoice with that id (the last one when
    /// ids repeat, as a map would keep); `None` for records pointing to a missing invoice.
    invoice_of_group: Vec<Option<usize>>,
    /// By position in `data.invoices`: its group, so position-based questions need no hashing.
    group_of_invoice: Vec<usize>,
    payments: Grouped<&'a Payment>,
    credit_notes: Grouped<&'a CreditNote>,
    steps: Grouped<&'a FollowUpStep>,
    /// By position in `data.invoices`: its balance, computed on first use.
    balances: Vec<OnceCell<Result<Balance, MoneyError>>>,
    /// By position in `data.steps`: its group.
    group_of_step: Vec<usize>,
    // Indexes some screens need, built on first use. They hold positions rather than
    // references, so that the ledger stays covariant in `'a` (a cell of references would not).
    /// The agenda's: open steps by due date.
    open_steps: OnceCell<Vec<OpenStep>>,
    /// The report's: clients and currencies of the invoices, and promised dates by group.
    client_keys: OnceCell<Keys>,
    /// By client key: the position of the client record in `data.clients`, if there is one.
    client_records: OnceCell<Vec<Option<usize>>>,
    currency_keys: OnceCell<Keys>,
    promises: OnceCell<Vec<Option<NaiveDate>>>,
}

/// Records of one kind laid out by group in one list (stable: file order within a group),
/// `start[g]..start[g + 1]` being group `g`'s: one allocation per kind instead of one per invoice.
struct Grouped<T> {
    items: Vec<T>,
    start: Vec<usize>,
}

impl<T> Grouped<T> {
    fn of(&self, g: usize) -> &[T] {
        match (self.start.get(g), self.start.get(g + 1)) {
            (Some(&from), Some(&to)) => self.items.get(from..to).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl<T: Copy> Grouped<T> {
    /// `records` with their groups (`of[i]` is the group of `records[i]`), counting-sorted.
    fn new(records: impl Iterator<Item = T>, of: &[usize], groups: usize) -> Self {
        let mut start = vec![0; groups + 1];
        for g in of {
            if let Some(n) = start.get_mut(g + 1) {
                *n += 1;
            }
        }
        for g in 1..start.len() {
            let before = start.get(g - 1).copied().unwrap_or(0);
            if let Some(n) = start.get_mut(g) {
                *n += before;
            }
        }
        let mut next = start.clone();
        let mut slots: Vec<Option<T>> = vec![None; of.len()];
        for (record, g) in records.zip(of) {
            let Some(at) = next.get_mut(*g) else { continue };
            if let Some(slot) = slots.get_mut(*at) {
                *slot = Some(record);
            }
            *at += 1;
        }
        Self {
            items: slots.into_iter().flatten().collect(),
            start,
        }
    }
}

/// An open follow-up step: its due date, its position in `data.steps` and the position of its
/// invoice in `data.invoices` (`None` when the invoice is missing).
#[derive(Clone, Copy)]
pub(crate) struct OpenStep {
    pub due: NaiveDate,
    pub step: usize,
    pub invoice: Option<usize>,
}

/// The distinct values of one text field of the invoices (client id, currency), numbered
/// densely so that totals per value live in a list, reached with no hashing or comparing.
pub(crate) struct Keys {
    /// By position in `data.invoices`: the key of its value.
    pub of_invoice: Vec<usize>,
    /// By key: the position of the first invoice with that value.
    pub first_invoice: Vec<usize>,
}

impl Keys {
    fn new<'a>(invoices: &'a [Invoice], field: impl Fn(&'a Invoice) -> &'a str) -> Self {
        let mut keys = Grouper::default();
        let of_invoice: Vec<usize> = invoices.iter().map(|i| keys.group(field(i))).collect();
        let mut first_invoice = vec![usize::MAX; keys.groups.len()];
        for (i, k) in of_invoice.iter().enumerate() {
            if let Some(first) = first_invoice.get_mut(*k) {
                *first = (*first).min(i);
            }
        }
        Self {
            of_invoice,
            first_invoice,
        }
    }
}

/// Hands out the group of each invoice id while the ledger is built. Records of one invoice
/// usually come together (the schedule plans an invoice's steps at once), so the last id is
/// compared before hashing.
#[derive(Default)]
struct Grouper<'a> {
    groups: IdMap<&'a str, usize>,
    last: Option<(&'a str, usize)>,
}

impl<'a> Grouper<'a> {
    fn group(&mut self, invoice_id: &'a str) -> usize {
        if let Some((id, g)) = self.last {
            if id == invoice_id {
                return g;
            }
        }
        let next = self.groups.len();
        let g = *self.groups.entry(invoice_id).or_insert(next);
        self.last = Some((invoice_id, g));
        g
    }
}

impl<'a> Ledger<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        let mut grouper = Grouper::default();
        grouper.groups.reserve(data.invoices.len());
        let group_of_invoice: Vec<usize> = data.invoices.iter().map(|i| grouper.group(&i.id)).collect();
        let of_payment: Vec<usize> = data
            .payments
            .iter()
            .map(|p| grouper.group(&p.invoice_id))
            .collect();
        let of_credit_note: Vec<usize> = data
            .credit_notes
            .iter()
            .map(|c| grouper.group(&c.invoice_id))
            .collect();
        let of_step: Vec<usize> = data.steps.iter().map(|s| grouper.group(&s.invoice_id)).collect();
        let groups = grouper.groups.len();
        let mut invoice_of_group = vec![None; groups];
        for (i, g) in group_of_invoice.iter().enumerate() {
            if let Some(last) = invoice_of_group.get_mut(*g) {
                *last = Some(i);
            }
        }
        Self {
            data,
            clients: data
                .clients
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect(),
            groups: grouper.groups,
            invoice_of_group,
            group_of_invoice,
            payments: Grouped::new(data.payments.iter(), &of_payment, groups),
            credit_notes: Grouped::new(data.credit_notes.iter(), &of_credit_note, groups),
            steps: Grouped::new(data.steps.iter(), &of_step, groups),
            group_of_step: of_step,
            balances: data.invoices.iter().map(|_| OnceCell::new()).collect(),
            open_steps: OnceCell::new(),
            client_keys: OnceCell::new(),
            client_records: OnceCell::new(),
            currency_keys: OnceCell::new(),
            promises: OnceCell::new(),
        }
    }

    pub fn client(&self, id: &str) -> Option<&'a Client> {
        self.clients.get(id).and_then(|i| self.data.clients.get(*i))
    }

    pub fn invoice(&self, id: &str) -> Option<&'a Invoice> {
        self.invoice_index(id).and_then(|i| self.data.invoices.get(i))
    }

    /// Position in `data.invoices` of the invoice with this id, for the `*_of_index` questions.
    pub fn invoice_index(&self, id: &str) -> Option<usize> {
        self.groups
            .get(id)
            .and_then(|g| self.invoice_of_group.get(*g).copied().flatten())
    }

    fn by_id<'s, T>(&'s self, lists: &'s Grouped<&'a T>, invoice_id: &str) -> &'s [&'a T] {
        self.groups.get(invoice_id).map_or(&[], |g| lists.of(*g))
    }

    fn by_index<'s, T>(&'s self, lists: &'s Grouped<&'a T>, index: usize) -> &'s [&'a T] {
        self.group_of_invoice.get(index).map_or(&[], |g| lists.of(*g))
    }

    pub fn payments_of(&self, invoice_id: &str) -> &[&'a Payment] {
        self.by_id(&self.payments, invoice_id)
    }

    pub fn credit_notes_of(&self, invoice_id: &str) -> &[&'a CreditNote] {
        self.by_id(&self.credit_notes, invoice_id)
    }

    pub fn steps_of(&self, invoice_id: &str) -> &[&'a FollowUpStep] {
        self.by_id(&self.steps, invoice_id)
    }

    /// [`Self::payments_of`] the invoice at `index` in `data.invoices`, without hashing its id.
    pub fn payments_of_index(&self, index: usize) -> &[&'a Payment] {
        self.by_index(&self.payments, index)
    }

    /// [`Self::credit_notes_of`] the invoice at `index` in `data.invoices`.
    pub fn credit_notes_of_index(&self, index: usize) -> &[&'a CreditNote] {
        self.by_index(&self.credit_notes, index)
    }

    /// The invoice's balance today (all its payments and credit notes). Computed once per
    /// invoice of the dataset; an invoice that is not the dataset's own record (an edited
    /// copy, say) is computed afresh every time, so it is never answered from a stale entry.
    pub fn balance(&self, inv: &Invoice) -> Result<Balance, MoneyError> {
        let own = self.invoice_index(&inv.id).filter(|i| {
            self.data
                .invoices
                .get(*i)
                .is_some_and(|own| std::ptr::eq(own, inv))
        });
        match own.and_then(|i| self.balance_of_index(i)) {
            Some(b) => b,
            None => lifecycle::balance(inv, self.payments_of(&inv.id), self.credit_notes_of(&inv.id)),
        }
    }

    /// [`Self::balance`] of the invoice at `index` in `data.invoices`; `None` if there is none.
    pub fn balance_of_index(&self, index: usize) -> Option<Result<Balance, MoneyError>> {
        let inv = self.data.invoices.get(index)?;
        let cell = self.balances.get(index)?;
        let b = cell.get_or_init(|| {
            lifecycle::balance(
                inv,
                self.payments_of_index(index),
                self.credit_notes_of_index(index),
            )
        });
        Some(b.clone())
    }

    pub fn status(&self, inv: &Invoice, today: NaiveDate) -> Result<InvoiceStatus, MoneyError> {
        Ok(lifecycle::status(inv, &self.balance(inv)?, today))
    }

    /// Every open step, earliest due first (file order among steps due the same day): the
    /// agenda reads a date range of it instead of every step.
    pub(crate) fn open_steps(&self) -> &[OpenStep] {
        self.open_steps.get_or_init(|| {
            let mut open: Vec<OpenStep> = self
                .data
                .steps
                .iter()
                .zip(&self.group_of_step)
                .enumerate()
                .filter(|(_, (s, _))| s.state == StepState::Open)
                .map(|(i, (s, g))| OpenStep {
                    due: s.due,
                    step: i,
                    invoice: self.invoice_of_group.get(*g).copied().flatten(),
                })
                .collect();
            open.sort_by_key(|o| o.due);
            open
        })
    }

    /// Dense keys of the clients the invoices point to (client ids that may name no record).
    pub(crate) fn client_keys(&self) -> &Keys {
        self.client_keys
            .get_or_init(|| Keys::new(&self.data.invoices, |i| &i.client_id))
    }

    /// Dense keys of the invoices' currency codes.
    pub(crate) fn currency_keys(&self) -> &Keys {
        self.currency_keys
            .get_or_init(|| Keys::new(&self.data.invoices, |i| &i.currency))
    }

    /// The client record of the client key `key` (see [`Self::client_keys`]), if there is one.
    pub(crate) fn client_of_key(&self, key: usize) -> Option<&'a Client> {
        let records = self.client_records.get_or_init(|| {
            let invoices = &self.data.invoices;
            let first = &self.client_keys().first_invoice;
            first
                .iter()
                .map(|i| {
                    invoices
                        .get(*i)
                        .and_then(|inv| self.clients.get(inv.client_id.as_str()).copied())
                })
                .collect()
        });
        records
            .get(key)
            .copied()
            .flatten()
            .and_then(|at| self.data.clients.get(at))
    }

    /// The client record of the invoice at `index` in `data.invoices`, without hashing its id.
    pub(crate) fn client_of_index(&self, index: usize) -> Option<&'a Client> {
        let key = self.client_keys().of_invoice.get(index)?;
        self.client_of_key(*key)
    }

    /// The promised date of the latest promise to pay logged for the invoice at `index` (latest
    /// by contact date, then by when it was recorded; the first logged on a full tie).
    pub(crate) fn promised_of_index(&self, index: usize) -> Option<NaiveDate> {
        let promises = self.promises.get_or_init(|| {
            let mut latest: Vec<Option<(NaiveDate, Stamp, NaiveDate)>> =
                vec![None; self.invoice_of_group.len()];
            for c in &self.data.contacts {
                let (Some(inv), Outcome::PromisedToPay { date }) = (&c.invoice_id, &c.outcome) else {
                    continue;
                };
                let Some(slot) = self.groups.get(inv.as_str()).and_then(|g| latest.get_mut(*g)) else {
                    continue;
                };
                if slot.is_none_or(|(day, at, _)| (c.date, c.updated_at) > (day, at)) {
                    *slot = Some((c.date, c.updated_at, *date));
                }
            }
            latest
                .into_iter()
                .map(|l| l.map(|(_, _, promised)| promised))
                .collect()
        });
        self.group_of_invoice
            .get(index)
            .and_then(|g| promises.get(*g).copied().flatten())
    }
}

//! A read-only index over a [`Dataset`]: the joins every screen, report and
//! check needs (payments, credit notes and steps of an invoice; a client by id),
//! built once in O(n) so that nothing downstream scans the whole dataset per invoice.
//!
//! It also remembers each invoice's balance once computed: the agenda, the
//! report and the status of every row all ask for it, and computing it (the
//! invoice's totals) is the costly part of every daily screen. The dataset is
//! borrowed immutably for the ledger's whole life, so a remembered balance can
//! never go stale.

use crate::lifecycle::{self, Balance, InvoiceStatus};
use crate::model::{Client, CreditNote, Dataset, FollowUpStep, Invoice, Payment};
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
    clients: IdMap<&'a str, &'a Client>,
    /// Every invoice id seen (on an invoice, payment, credit note or step) → its group.
    groups: IdMap<&'a str, usize>,
    /// By group: position in `data.invoices` of the invoice with that id (the last one when
    /// ids repeat, as a map would keep); `None` for records pointing to a missing invoice.
    invoice_of_group: Vec<Option<usize>>,
    /// By position in `data.invoices`: its group, so position-based questions need no hashing.
    group_of_invoice: Vec<usize>,
    payments: Vec<Vec<&'a Payment>>,
    credit_notes: Vec<Vec<&'a CreditNote>>,
    steps: Vec<Vec<&'a FollowUpStep>>,
    /// By position in `data.invoices`: its balance, computed on first use.
    balances: Vec<OnceCell<Result<Balance, MoneyError>>>,
}

impl<'a> Ledger<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        let mut ledger = Self {
            data,
            clients: data.clients.iter().map(|c| (c.id.as_str(), c)).collect(),
            groups: IdMap::default(),
            invoice_of_group: Vec::new(),
            group_of_invoice: Vec::with_capacity(data.invoices.len()),
            payments: Vec::new(),
            credit_notes: Vec::new(),
            steps: Vec::new(),
            balances: data.invoices.iter().map(|_| OnceCell::new()).collect(),
        };
        ledger.groups.reserve(data.invoices.len());
        for (i, inv) in data.invoices.iter().enumerate() {
            let g = ledger.group(&inv.id);
            if let Some(last) = ledger.invoice_of_group.get_mut(g) {
                *last = Some(i);
            }
            ledger.group_of_invoice.push(g);
        }
        for p in &data.payments {
            let g = ledger.group(&p.invoice_id);
            ledger.payments.get_mut(g).into_iter().for_each(|v| v.push(p));
        }
        for c in &data.credit_notes {
            let g = ledger.group(&c.invoice_id);
            ledger.credit_notes.get_mut(g).into_iter().for_each(|v| v.push(c));
        }
        for s in &data.steps {
            let g = ledger.group(&s.invoice_id);
            ledger.steps.get_mut(g).into_iter().for_each(|v| v.push(s));
        }
        ledger
    }

    /// The group of an invoice id, created empty the first time the id is seen.
    fn group(&mut self, invoice_id: &'a str) -> usize {
        let next = self.invoice_of_group.len();
        let g = *self.groups.entry(invoice_id).or_insert(next);
        if g == next {
            self.invoice_of_group.push(None);
            self.payments.push(Vec::new());
            self.credit_notes.push(Vec::new());
            self.steps.push(Vec::new());
        }
        g
    }

    pub fn client(&self, id: &str) -> Option<&'a Client> {
        self.clients.get(id).copied()
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

    fn by_id<'s, T>(&'s self, lists: &'s [Vec<&'a T>], invoice_id: &str) -> &'s [&'a T] {
        self.groups
            .get(invoice_id)
            .and_then(|g| lists.get(*g))
            .map_or(&[], Vec::as_slice)
    }

    fn by_index<'s, T>(&'s self, lists: &'s [Vec<&'a T>], index: usize) -> &'s [&'a T] {
        self.group_of_invoice
            .get(index)
            .and_then(|g| lists.get(*g))
            .map_or(&[], Vec::as_slice)
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
}

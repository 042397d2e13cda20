//! A read-only index over a [`Dataset`]: the joins every screen, report and
//! check needs (payments, credit notes and steps of an invoice; a client by id),
//! built once in O(n) so that nothing downstream scans the whole dataset per invoice.
//!
//! It also remembers each invoice's balance once computed: the agenda, the
//! report and the status of every row all ask for it, and computing it (the
//! invoice's totals) is the costly part of every daily screen. The dataset is
//! borrowed immutably for the ledger's whole life, so a remembered balance can
//! never go stale. The same holds for the indexes some screens need, built on
//! their first use: steps and contacts by invoice (the agenda), dense keys of
//! clients and currencies, their texts and the latest promised dates (the report).

use crate::lifecycle::{self, Balance, Charge, InvoiceStatus};
use crate::model::{
    Client, ContactEntry, CreditNote, Dataset, FollowUpStep, Invoice, Outcome, Payment, Stamp,
};
use crate::money::MoneyError;
use crate::tax;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// A hash map keyed by record ids. The default hasher resists crafted keys,
/// which a user's own data does not need, and is several times slower on
/// 36-character ids: hashing was most of the cost of building the ledger.
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A small multiplicative hasher (the Fx scheme, eight bytes at a time) with a final mix
/// (MurmurHash3's) so that every bit of every byte reaches the low bits the table indexes by:
/// ids that differ only in their last characters (counters) still spread over the table.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl IdHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Few instructions per id: every step and payment hashes one when the ledger is built
        // (in the app's order, by id, no two in a row share an invoice).
        let mut rest = bytes;
        while let Some((word, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            rest = tail;
        }
        if !rest.is_empty() {
            // The last eight bytes as one word (overlapping the previous one) rather than the
            // remaining bytes one by one; big-endian, so the very last bytes weigh most.
            let last8 = bytes.len().checked_sub(8).and_then(|from| bytes.get(from..));
            let last = match last8.and_then(|b| b.first_chunk::<8>()) {
                Some(word) => u64::from_be_bytes(*word),
                None => rest
                    .iter()
                    .rev()
                    .fold(0u64, |word, b| (word << 8) | u64::from(*b)),
            };
            self.add(last ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}

/// The first eight bytes of `text` as a word (0 when it is shorter).
#[inline(always)]
fn word_or_zero(text: &str) -> u64 {
    text.as_bytes()
        .first_chunk::<8>()
        .map_or(0, |w| u64::from_le_bytes(*w))
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
    /// The payments that count (not voided), by group.
    payments: Grouped<&'a Payment>,
    /// The voided ones, kept apart so that nothing adds them up by mistake.
    voided_payments: Grouped<&'a Payment>,
    credit_notes: Grouped<&'a CreditNote>,
    /// Aligned with `credit_notes`' items: the position of each in `data.credit_notes`.
    credit_note_at: Vec<usize>,
    /// The steps of each invoice, grouped the first time a screen asks for them: grouping them
    /// reads the invoice id of every step of years of history, which a ledger built for the
    /// backup or the invoice list never needs.
    ///
    /// A cell of references makes the ledger invariant in `'a` (a `&Ledger<'long>` is not a
    /// `&Ledger<'short>`): code that keeps a ledger behind a reference names both lifetimes.
    steps: OnceCell<StepGroups<'a>>,
    /// The contact log of each invoice, grouped the first time a screen asks (the agenda's
    /// cards and closing facts). Contacts about no invoice, or a missing one, are left out.
    contacts: OnceCell<Grouped<&'a ContactEntry>>,
    /// The closing facts (written off, handed to legal, reopened) of each invoice: few, so
    /// grouping them costs one look at each contact's outcome, and every report asks.
    closings: OnceCell<Grouped<&'a ContactEntry>>,
    // What is remembered once computed, and the indexes some screens need, built on first use.
    /// By position in `data.invoices`: its balance with every payment and credit note.
    balances: OnceCell<Vec<OnceCell<Result<Balance, MoneyError>>>>,
    /// By position in `data.invoices`: its total and early-payment offer, so that its balance
    /// on an earlier day (reports look back) costs no tax computation.
    charges: OnceCell<Vec<OnceCell<Result<Charge, MoneyError>>>>,
    /// By position in `data.credit_notes`: its total.
    credit_note_totals: OnceCell<Vec<OnceCell<Result<Decimal, MoneyError>>>>,
    /// By position in `data.invoices`: the days of its payments and credit notes that the
    /// report's questions "as of a day" turn on.
    events: OnceCell<Vec<Events>>,
    /// The report's: clients and currencies of the invoices, and promised dates by group.
    client_keys: OnceCell<Keys>,
    /// By client key: the position of the client record in `data.clients`, if there is one.
    client_records: OnceCell<Vec<Option<usize>>>,
    /// Client keys in the order the report lists clients: by name, then id.
    client_order: OnceCell<Vec<usize>>,
    /// By client key: its id and legal name, shared with every report rather than copied into it.
    client_texts: OnceCell<Vec<ClientTexts>>,
    currency_keys: OnceCell<Keys>,
    /// By currency key: its code, shared with every report rather than copied into it.
    currency_codes: OnceCell<Vec<Arc<str>>>,
    /// By currency key: its minor units (`None` for an unknown code).
    currency_units: OnceCell<Vec<Option<u32>>>,
}

/// Records of one kind laid out by group in one list (stable: file order within a group),
/// `start[g]..start[g + 1]` being group `g`'s: one allocation per kind instead of one per invoice.
struct Grouped<T> {
    items: Vec<T>,
    start: Vec<usize>,
}

impl<T> Grouped<T> {
    fn of(&self, g: usize) -> &[T] {
        self.range(g).and_then(|r| self.items.get(r)).unwrap_or(&[])
    }

    fn range(&self, g: usize) -> Option<std::ops::Range<usize>> {
        match (self.start.get(g), self.start.get(g + 1)) {
            (Some(&from), Some(&to)) => Some(from..to),
            _ => None,
        }
    }
}

impl<'a, R> Grouped<&'a R> {
    /// `records` laid out by group (`of[i]` is the group of `records[i]`), with the position in
    /// `records` of each item.
    fn new(records: &'a [R], of: &[usize], groups: usize) -> (Self, Vec<usize>) {
        let (order, start) = counting_sort(of, groups);
        let items = order.iter().filter_map(|i| records.get(*i)).collect();
        (Self { items, start }, order)
    }

    /// [`Self::new`] over the records `keep` accepts only.
    fn select(records: &'a [R], keep: impl Fn(&R) -> bool, of: &[usize], groups: usize) -> Self {
        let (at, of_kept): (Vec<usize>, Vec<usize>) = records
            .iter()
            .zip(of)
            .enumerate()
            .filter(|(_, (r, _))| keep(r))
            .map(|(i, (_, g))| (i, *g))
            .unzip();
        let (order, start) = counting_sort(&of_kept, groups);
        let items = order
            .iter()
            .filter_map(|i| at.get(*i))
            .filter_map(|i| records.get(*i))
            .collect();
        Self { items, start }
    }
}

/// The positions `0..of.len()` ordered by their group `of[i]` (stable), and where each of the
/// `groups` groups starts in that order (with the end as a last entry).
fn counting_sort(of: &[usize], groups: usize) -> (Vec<usize>, Vec<usize>) {
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
    let mut order = vec![0; of.len()];
    for (i, g) in of.iter().enumerate() {
        let Some(at) = next.get_mut(*g) else { continue };
        if let Some(slot) = order.get_mut(*at) {
            *slot = i;
        }
        *at += 1;
    }
    (order, start)
}

/// The steps laid out by invoice (see [`Ledger::steps_of`]).
struct StepGroups<'a> {
    grouped: Grouped<&'a FollowUpStep>,
    /// Invoice ids that only steps name (no invoice, payment or credit note), numbered after
    /// the ledger's own groups.
    only_steps: IdMap<&'a str, usize>,
}

/// What the report asks of every invoice, in a few bytes: its dates, and the days its figures
/// "as of a day" depend on (from its payments and credit notes). The report reads this for
/// each invoice instead of the invoice record itself, many times larger.
#[derive(Clone, Copy, Default)]
pub(crate) struct Events {
    /// Issued (numbered), not a draft.
    pub issued: bool,
    pub issue: NaiveDate,
    pub due: NaiveDate,
    /// The latest day of a payment or credit note: from then on its balance is the final one.
    pub last: Option<NaiveDate>,
    /// When it is cancelled (`cancelled_by`): the day of that credit note, or
    /// `NaiveDate::MIN` when the note cannot be found (cancelled whatever the day).
    pub cancelled_on: Option<NaiveDate>,
}

impl Events {
    pub(crate) fn of(inv: &Invoice, payments: &[&Payment], credit_notes: &[&CreditNote]) -> Self {
        let last = payments
            .iter()
            .map(|p| p.date)
            .chain(credit_notes.iter().map(|c| c.issue_date))
            .max();
        let cancelled_on = inv.cancelled_by.as_ref().map(|cn_id| {
            credit_notes
                .iter()
                .find(|c| &c.id == cn_id)
                .map_or(NaiveDate::MIN, |c| c.issue_date)
        });
        Self {
            issued: inv.number.is_some(),
            issue: inv.issue_date,
            due: inv.due_date,
            last,
            cancelled_on,
        }
    }

    /// Cancelled by a credit note dated on or before `date` (or by one that cannot be found).
    pub(crate) fn cancelled_at(&self, date: NaiveDate) -> bool {
        self.cancelled_on.is_some_and(|d| d <= date)
    }

    /// A dispute was open at the end of `date` (opened by then, not resolved by then).
    pub(crate) fn disputed_on(&self, inv: &Invoice, date: NaiveDate) -> bool {
        inv.disputes
            .iter()
            .any(|d| d.opened <= date && d.resolved.is_none_or(|r| r > date))
    }
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

/// The texts of a client key a report shows: its id and its legal name ("" for a client id that
/// names no record).
#[derive(Clone)]
pub(crate) struct ClientTexts {
    pub id: Arc<str>,
    pub legal_name: Arc<str>,
}

/// A closing fact: written off, handed to legal, or reopened.
fn is_closing(c: &ContactEntry) -> bool {
    matches!(
        c.outcome,
        Outcome::WrittenOff | Outcome::HandedToLegal | Outcome::Reopened
    )
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
            // The first eight bytes first: in the app's order (by id) this is never the same
            // invoice, and telling so should not cost a full comparison.
            if word_or_zero(id) == word_or_zero(invoice_id) && id == invoice_id {
                return g;
            }
        }
        let next = self.groups.len();
        let g = *self.groups.entry(invoice_id).or_insert(next);
        self.last = Some((invoice_id, g));
        g
    }
}

/// `n` empty cells.
fn cells<T>(n: usize) -> Vec<OnceCell<T>> {
    let mut v = Vec::with_capacity(n);
    v.resize_with(n, OnceCell::new);
    v
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
        let groups = grouper.groups.len();
        let mut invoice_of_group = vec![None; groups];
        for (i, g) in group_of_invoice.iter().enumerate() {
            if let Some(last) = invoice_of_group.get_mut(*g) {
                *last = Some(i);
            }
        }
        // Voided payments count nowhere: every balance, report and screen reads the others.
        let (payments, voided_payments) = if data.payments.iter().all(Payment::counts) {
            let (payments, _) = Grouped::new(&data.payments, &of_payment, groups);
            let none = Grouped::select(&data.payments, |_| false, &of_payment, groups);
            (payments, none)
        } else {
            (
                Grouped::select(&data.payments, Payment::counts, &of_payment, groups),
                Grouped::select(&data.payments, |p| !p.counts(), &of_payment, groups),
            )
        };
        let (credit_notes, credit_note_at) = Grouped::new(&data.credit_notes, &of_credit_note, groups);
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
            payments,
            voided_payments,
            credit_notes,
            credit_note_at,
            steps: OnceCell::new(),
            contacts: OnceCell::new(),
            closings: OnceCell::new(),
            balances: OnceCell::new(),
            charges: OnceCell::new(),
            credit_note_totals: OnceCell::new(),
            events: OnceCell::new(),
            client_keys: OnceCell::new(),
            client_records: OnceCell::new(),
            client_order: OnceCell::new(),
            client_texts: OnceCell::new(),
            currency_keys: OnceCell::new(),
            currency_codes: OnceCell::new(),
            currency_units: OnceCell::new(),
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

    /// Position in `data.invoices` of this very record (not merely one with its id), so that
    /// what is remembered of the dataset's record is never answered for an edited copy.
    pub(crate) fn own_index(&self, inv: &Invoice) -> Option<usize> {
        self.invoice_index(&inv.id).filter(|i| {
            self.data
                .invoices
                .get(*i)
                .is_some_and(|own| std::ptr::eq(own, inv))
        })
    }

    fn by_id<'s, T>(&'s self, lists: &'s Grouped<&'a T>, invoice_id: &str) -> &'s [&'a T] {
        self.groups.get(invoice_id).map_or(&[], |g| lists.of(*g))
    }

    fn by_index<'s, T>(&'s self, lists: &'s Grouped<&'a T>, index: usize) -> &'s [&'a T] {
        self.group_of_invoice.get(index).map_or(&[], |g| lists.of(*g))
    }

    /// The invoice's payments that count (voided ones left out).
    pub fn payments_of(&self, invoice_id: &str) -> &[&'a Payment] {
        self.by_id(&self.payments, invoice_id)
    }

    /// The invoice's voided payments, kept on file.
    pub fn voided_payments_of(&self, invoice_id: &str) -> &[&'a Payment] {
        self.by_id(&self.voided_payments, invoice_id)
    }

    pub fn credit_notes_of(&self, invoice_id: &str) -> &[&'a CreditNote] {
        self.by_id(&self.credit_notes, invoice_id)
    }

    pub fn steps_of(&self, invoice_id: &str) -> &[&'a FollowUpStep] {
        let steps = self.step_groups();
        let group = self
            .groups
            .get(invoice_id)
            .or_else(|| steps.only_steps.get(invoice_id));
        group.map_or(&[], |g| steps.grouped.of(*g))
    }

    /// [`Self::steps_of`] the invoice at `index` in `data.invoices`, without hashing its id.
    pub fn steps_of_index(&self, index: usize) -> &[&'a FollowUpStep] {
        let steps = self.step_groups();
        self.group_of_invoice
            .get(index)
            .map_or(&[], |g| steps.grouped.of(*g))
    }

    /// The contact log about the invoice `invoice_id`, in file order.
    pub fn contacts_of(&self, invoice_id: &str) -> &[&'a ContactEntry] {
        let contacts = self.contact_groups();
        self.groups.get(invoice_id).map_or(&[], |g| contacts.of(*g))
    }

    /// [`Self::contacts_of`] the invoice at `index` in `data.invoices`.
    pub fn contacts_of_index(&self, index: usize) -> &[&'a ContactEntry] {
        let contacts = self.contact_groups();
        self.group_of_invoice.get(index).map_or(&[], |g| contacts.of(*g))
    }

    fn contact_groups(&self) -> &Grouped<&'a ContactEntry> {
        self.contacts.get_or_init(|| self.group_contacts(|_| true))
    }

    /// The closing facts about the invoice at `index` (see [`crate::follow_up::closure`]).
    pub fn closings_of_index(&self, index: usize) -> &[&'a ContactEntry] {
        let closings = self.closings.get_or_init(|| self.group_contacts(is_closing));
        self.group_of_invoice.get(index).map_or(&[], |g| closings.of(*g))
    }

    /// [`Self::closings_of_index`] by invoice id.
    pub fn closings_of(&self, invoice_id: &str) -> &[&'a ContactEntry] {
        let closings = self.closings.get_or_init(|| self.group_contacts(is_closing));
        self.groups.get(invoice_id).map_or(&[], |g| closings.of(*g))
    }

    /// The contacts `keep` keeps, grouped by invoice (file order within one).
    fn group_contacts(&self, keep: fn(&ContactEntry) -> bool) -> Grouped<&'a ContactEntry> {
        let groups = self.invoice_of_group.len();
        let kept: Vec<(usize, &'a ContactEntry)> = self
            .data
            .contacts
            .iter()
            .filter(|c| keep(c))
            .filter_map(|c| Some((*self.groups.get(c.invoice_id.as_deref()?)?, c)))
            .collect();
        let of: Vec<usize> = kept.iter().map(|(g, _)| *g).collect();
        let (order, start) = counting_sort(&of, groups);
        let items = order
            .iter()
            .filter_map(|i| kept.get(*i).map(|(_, c)| *c))
            .collect();
        Grouped { items, start }
    }

    fn step_groups(&self) -> &StepGroups<'a> {
        self.steps.get_or_init(|| {
            let known = self.invoice_of_group.len();
            let mut only_steps: IdMap<&'a str, usize> = IdMap::default();
            let mut last: Option<(&'a str, usize)> = None;
            let mut of_step = Vec::with_capacity(self.data.steps.len());
            for s in &self.data.steps {
                let id = s.invoice_id.as_str();
                let g = match last {
                    Some((l, g)) if word_or_zero(l) == word_or_zero(id) && l == id => g,
                    _ => match self.groups.get(id) {
                        Some(g) => *g,
                        None => {
                            let next = known + only_steps.len();
                            *only_steps.entry(id).or_insert(next)
                        }
                    },
                };
                last = Some((id, g));
                of_step.push(g);
            }
            let (grouped, _) = Grouped::new(&self.data.steps, &of_step, known + only_steps.len());
            StepGroups { grouped, only_steps }
        })
    }

    /// [`Self::payments_of`] the invoice at `index` in `data.invoices`, without hashing its id.
    pub fn payments_of_index(&self, index: usize) -> &[&'a Payment] {
        self.by_index(&self.payments, index)
    }

    /// [`Self::credit_notes_of`] the invoice at `index` in `data.invoices`.
    pub fn credit_notes_of_index(&self, index: usize) -> &[&'a CreditNote] {
        self.by_index(&self.credit_notes, index)
    }

    /// The credit notes of the invoice at `index` with the position of each in `data.credit_notes`.
    fn credit_notes_at(&self, index: usize) -> impl Iterator<Item = (&'a CreditNote, usize)> + '_ {
        let range = self
            .group_of_invoice
            .get(index)
            .and_then(|g| self.credit_notes.range(*g))
            .unwrap_or(0..0);
        let notes = self.credit_notes.items.get(range.clone()).unwrap_or(&[]);
        let at = self.credit_note_at.get(range).unwrap_or(&[]);
        notes.iter().copied().zip(at.iter().copied())
    }

    /// The invoice's balance today (all its payments and credit notes). Computed once per
    /// invoice of the dataset; an invoice that is not the dataset's own record (an edited
    /// copy, say) is computed afresh every time, so it is never answered from a stale entry.
    pub fn balance(&self, inv: &Invoice) -> Result<Balance, MoneyError> {
        match self.own_index(inv).and_then(|i| self.balance_of_index(i)) {
            Some(b) => b,
            None => lifecycle::balance(inv, self.payments_of(&inv.id), self.credit_notes_of(&inv.id)),
        }
    }

    /// [`Self::balance`] of the invoice at `index` in `data.invoices`; `None` if there is none.
    pub fn balance_of_index(&self, index: usize) -> Option<Result<Balance, MoneyError>> {
        self.balance_ref(index).cloned()
    }

    /// [`Self::balance_of_index`], borrowed from where the ledger keeps it.
    pub(crate) fn balance_ref(&self, index: usize) -> Option<&Result<Balance, MoneyError>> {
        let inv = self.data.invoices.get(index)?;
        let cell = self
            .balances
            .get_or_init(|| cells(self.data.invoices.len()))
            .get(index)?;
        Some(cell.get_or_init(|| {
            let charge = match self.charge_of_index(index) {
                Some(Ok(charge)) => charge,
                Some(Err(e)) => return Err(e.clone()),
                None => {
                    return lifecycle::balance(
                        inv,
                        self.payments_of_index(index),
                        self.credit_notes_of_index(index),
                    )
                }
            };
            let credited = self.credited(index, |_| true)?;
            lifecycle::balance_of(
                charge,
                credited,
                self.payments_of_index(index).iter().copied(),
                &inv.currency,
            )
        }))
    }

    /// The balance of the invoice at `index` at the end of `date`: payments and credit notes
    /// dated after it left out (as [`lifecycle::balance`] over those records would give it).
    pub(crate) fn balance_on(&self, index: usize, date: NaiveDate) -> Option<Result<Balance, MoneyError>> {
        let inv = self.data.invoices.get(index)?;
        let charge = match self.charge_of_index(index)? {
            Ok(charge) => charge,
            Err(e) => return Some(Err(e.clone())),
        };
        let credited = match self.credited(index, |c| c.issue_date <= date) {
            Ok(credited) => credited,
            Err(e) => return Some(Err(e)),
        };
        let payments = self
            .payments_of_index(index)
            .iter()
            .copied()
            .filter(|p| p.date <= date);
        Some(lifecycle::balance_of(charge, credited, payments, &inv.currency))
    }

    fn charge_of_index(&self, index: usize) -> Option<&Result<Charge, MoneyError>> {
        let inv = self.data.invoices.get(index)?;
        let cell = self
            .charges
            .get_or_init(|| cells(self.data.invoices.len()))
            .get(index)?;
        Some(cell.get_or_init(|| lifecycle::charge_in(inv, self.units_of_index(index))))
    }

    /// [`crate::money::minor_units`] of the currency of the invoice at `index`, looked up once
    /// per currency of the dataset rather than once per invoice.
    fn units_of_index(&self, index: usize) -> Option<u32> {
        let keys = self.currency_keys();
        let units = self.currency_units.get_or_init(|| {
            let invoices = &self.data.invoices;
            let code = |i: &usize| invoices.get(*i).map_or("", |inv| inv.currency.as_str());
            keys.first_invoice
                .iter()
                .map(|i| crate::money::minor_units(code(i)))
                .collect()
        });
        match keys.of_invoice.get(index).and_then(|k| units.get(*k)) {
            Some(units) => *units,
            None => crate::money::minor_units(&self.data.invoices.get(index)?.currency),
        }
    }

    /// What the numbered credit notes of the invoice at `index` that `counts` took off it, each
    /// note's total computed once.
    fn credited(&self, index: usize, counts: impl Fn(&CreditNote) -> bool) -> Result<Decimal, MoneyError> {
        let totals = self
            .credit_note_totals
            .get_or_init(|| cells(self.data.credit_notes.len()));
        let numbered = self
            .credit_notes_at(index)
            .filter(|(c, _)| c.number.is_some() && counts(c));
        lifecycle::credited_sum(numbered.map(|(c, at)| match totals.get(at) {
            Some(cell) => cell.get_or_init(|| tax::credit_note_total(c)).clone(),
            None => tax::credit_note_total(c),
        }))
    }

    /// The [`Events`] of every invoice, by position in `data.invoices`.
    pub(crate) fn events(&self) -> &[Events] {
        self.events.get_or_init(|| {
            self.data
                .invoices
                .iter()
                .enumerate()
                .map(|(i, inv)| Events::of(inv, self.payments_of_index(i), self.credit_notes_of_index(i)))
                .collect()
        })
    }

    pub fn status(&self, inv: &Invoice, today: NaiveDate) -> Result<InvoiceStatus, MoneyError> {
        Ok(lifecycle::status(inv, &self.balance(inv)?, today))
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

    /// The client id of client key `key` (see [`Self::client_keys`]).
    pub(crate) fn client_id_of_key(&self, key: usize) -> &'a str {
        match self.client_of_key(key) {
            // The same text, read from the client record the caller reads next anyway.
            Some(client) => &client.id,
            None => self.invoices_client_id(key),
        }
    }

    /// The client id of client key `key` as its first invoice writes it.
    fn invoices_client_id(&self, key: usize) -> &'a str {
        let invoices = &self.data.invoices;
        self.client_keys()
            .first_invoice
            .get(key)
            .and_then(|i| invoices.get(*i))
            .map_or("", |i| i.client_id.as_str())
    }

    /// The client record of the client key `key` (see [`Self::client_keys`]), if there is one.
    pub(crate) fn client_of_key(&self, key: usize) -> Option<&'a Client> {
        let records = self.client_records.get_or_init(|| {
            (0..self.client_keys().first_invoice.len())
                .map(|key| self.clients.get(self.invoices_client_id(key)).copied())
                .collect()
        });
        records
            .get(key)
            .copied()
            .flatten()
            .and_then(|at| self.data.clients.get(at))
    }

    /// Every client key in the report's order: by legal name ignoring case ("" for a missing
    /// record), then by id. Names do not change during the ledger's life, so the order is
    /// worked out once rather than on every report.
    pub(crate) fn clients_in_order(&self) -> &[usize] {
        self.client_order.get_or_init(|| {
            let mut keys: Vec<(String, &str, usize)> = (0..self.client_keys().first_invoice.len())
                .map(|key| {
                    let name = self
                        .client_of_key(key)
                        .map_or(String::new(), |c| c.legal_name.to_lowercase());
                    (name, self.client_id_of_key(key), key)
                })
                .collect();
            keys.sort_unstable();
            keys.into_iter().map(|(_, _, key)| key).collect()
        })
    }

    /// The [`ClientTexts`] of every client key (see [`Self::client_keys`]).
    pub(crate) fn client_texts(&self) -> &[ClientTexts] {
        self.client_texts.get_or_init(|| {
            (0..self.client_keys().first_invoice.len())
                .map(|key| ClientTexts {
                    id: Arc::from(self.client_id_of_key(key)),
                    legal_name: Arc::from(self.client_of_key(key).map_or("", |c| c.legal_name.as_str())),
                })
                .collect()
        })
    }

    /// The code of every currency key (see [`Self::currency_keys`]).
    pub(crate) fn currency_codes(&self) -> &[Arc<str>] {
        self.currency_codes.get_or_init(|| {
            let invoices = &self.data.invoices;
            self.currency_keys()
                .first_invoice
                .iter()
                .map(|i| Arc::from(invoices.get(*i).map_or("", |inv| inv.currency.as_str())))
                .collect()
        })
    }

    /// The client record of the invoice at `index` in `data.invoices`, without hashing its id.
    pub(crate) fn client_of_index(&self, index: usize) -> Option<&'a Client> {
        let key = self.client_keys().of_invoice.get(index)?;
        self.client_of_key(*key)
    }

    /// The promised date of the latest promise to pay logged for the invoice at `index` on or
    /// before `as_of` (latest by contact date, then by when it was recorded; the first logged
    /// on a full tie): what was known of the client's word at the end of that day.
    pub(crate) fn promised_of_index(&self, index: usize, as_of: NaiveDate) -> Option<NaiveDate> {
        let mut latest: Option<(NaiveDate, Stamp, NaiveDate)> = None;
        for c in self.contacts_of_index(index) {
            let Outcome::PromisedToPay { date } = c.outcome else {
                continue;
            };
            if c.date <= as_of && latest.is_none_or(|(day, at, _)| (c.date, c.updated_at) > (day, at)) {
                latest = Some((c.date, c.updated_at, date));
            }
        }
        latest.map(|(_, _, promised)| promised)
    }
}

#[cfg(test)]
mod tests {
    use super::IdHasher;
    use std::collections::HashSet;
    use std::hash::{Hash, Hasher};

    fn bucket(id: &str, bits: u32) -> u64 {
        let mut h = IdHasher::default();
        id.hash(&mut h);
        h.finish() & ((1 << bits) - 1)
    }

    /// Ids that differ only in a few characters (counters at the end, in the middle, a UUID's
    /// random digits) still spread over a table's buckets about as well as random numbers do:
    /// 4 096 random keys in 4 096 buckets fill about 2 590 of them.
    #[test]
    fn structured_ids_spread_over_the_buckets() {
        let patterns: [fn(u32) -> String; 9] = [
            |i| format!("{i}"),
            |i| format!("{i:08}"),
            |i| format!("INV-{i:04}"),
            |i| format!("INV-{i:06}"),
            |i| format!("INV-000000{i:06}"),
            |i| format!("{i:032}"),
            |i| format!("invoice-{i:08}-imported-from-holded"),
            |i| format!("{:08x}-0000-4000-8000-{:012x}", i.wrapping_mul(2_654_435_761), i),
            |i| format!("00000000-0000-4000-8000-{i:012}"),
        ];
        for (p, make) in patterns.iter().enumerate() {
            let buckets: HashSet<u64> = (0..4096).map(|i| bucket(&make(i), 12)).collect();
            assert!(buckets.len() > 2400, "pattern {p}: {} buckets", buckets.len());
        }
    }
}

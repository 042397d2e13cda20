//! The numbers of practice 7 ("no measurement"): outstanding and overdue
//! amounts, ageing buckets, DSO, payment behaviour per client, delinquency and
//! the payments to expect in the coming weeks, all derived from the ledger on
//! demand so they can never drift from the invoices and payments they describe.
//!
//! **Closing facts.** An invoice written off (a closing fact of its contact log, see
//! [`crate::follow_up::closure`]) is no longer outstanding from the day it was written off: its
//! amount is reported apart ([`CurrencyFigures::written_off`]) and leaves every figure of what
//! is owed (outstanding, overdue, ageing, expected, receivables for DSO, clients' amounts). One
//! handed to legal is still owed and stays in them; [`CurrencyFigures::with_legal`] says how
//! much of it is with a lawyer or agency.
//!
//! **As of `today`.** Every fact is read as it stood at the end of `today`: payments, credit
//! notes, closing facts, disputes and promises dated later are left out, so a report on a past
//! day says what was known that day.
//!
//! **Currencies are never mixed.** Every money figure is grouped by the
//! invoice's ISO 4217 code (`BTreeMap<String, …>` keyed by the code): EUR and
//! USD receivables are reported side by side, never added together. Counts and
//! day averages, which have no currency, are reported across all currencies.
//!
//! The report is rebuilt on every change of the data and lists every client, so what it holds
//! per client is cheap to make and to drop: texts (client ids and names, currency codes) are
//! shared with the ledger ([`Arc<str>`]) rather than copied, and a client's amounts per currency
//! are a [`PerCurrency`], which keeps the first currency inline, rather than a map. Copying the
//! texts and building and dropping two maps per client were about a fifth of a warm report.
//!
//! Amounts are sums of already rounded balances (no division happens on
//! money); ratios are rounded with [`money::ROUNDING`] to one decimal place:
//! days (averages, DSO) in days, shares in percent.

use crate::follow_up::{self, ClosureKind};
use crate::ledger::{ClientTexts, Events, Keys, Ledger};
use crate::lifecycle::{self, Balance};
use crate::model::{CreditNote, Dataset, Invoice, Payment};
use crate::money::{self, MoneyError};
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;
use thiserror::Error;

/// How many clients [`CurrencyFigures::top_late_payers`] lists.
pub const TOP_LATE_PAYERS: usize = 10;
/// How many ISO weeks [`ExpectedPayments::weeks`] covers, starting with the current one.
pub const EXPECTED_WEEKS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReportError {
    #[error("the report period starts on {from}, after it ends on {to}")]
    InvalidPeriod { from: NaiveDate, to: NaiveDate },
    #[error("invoice {invoice}: {source}")]
    Invoice { invoice: String, source: MoneyError },
    #[error("the amounts are too large to add up")]
    Overflow,
    #[error("a date of the report is outside the supported calendar")]
    DateOutOfRange,
}

/// An inclusive range of days the period figures (sales, DSO, payments) cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Number of days in the period, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The calendar month `date` falls in, first to last day.
    pub fn month_of(date: NaiveDate) -> Result<Period, ReportError> {
        let from = date.with_day(1).ok_or(ReportError::DateOutOfRange)?;
        let to = from
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .ok_or(ReportError::DateOutOfRange)?;
        Ok(Period { from, to })
    }
}

/// An amount and how many invoices make it up.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Bucket {
    pub amount: Decimal,
    pub count: usize,
}

/// The ageing bucket of an amount, by days past its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum AgeBucket {
    /// Not yet due (due today or later).
    Current,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

/// Which bucket `days_past_due` (today − due date; ≤ 0 when not yet due) falls in.
pub fn age_bucket(days_past_due: i64) -> AgeBucket {
    match days_past_due {
        i64::MIN..=0 => AgeBucket::Current,
        1..=30 => AgeBucket::Days1To30,
        31..=60 => AgeBucket::Days31To60,
        61..=90 => AgeBucket::Days61To90,
        _ => AgeBucket::Over90,
    }
}

/// What is owed today split by how late it is; the buckets add up to the outstanding amount.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Ageing {
    pub current: Bucket,
    pub days_1_30: Bucket,
    pub days_31_60: Bucket,
    pub days_61_90: Bucket,
    pub over_90: Bucket,
}

impl Ageing {
    pub fn bucket(&self, which: AgeBucket) -> &Bucket {
        match which {
            AgeBucket::Current => &self.current,
            AgeBucket::Days1To30 => &self.days_1_30,
            AgeBucket::Days31To60 => &self.days_31_60,
            AgeBucket::Days61To90 => &self.days_61_90,
            AgeBucket::Over90 => &self.over_90,
        }
    }

    fn bucket_mut(&mut self, which: AgeBucket) -> &mut Bucket {
        match which {
            AgeBucket::Current => &mut self.current,
            AgeBucket::Days1To30 => &mut self.days_1_30,
            AgeBucket::Days31To60 => &mut self.days_31_60,
            AgeBucket::Days61To90 => &mut self.days_61_90,
            AgeBucket::Over90 => &mut self.over_90,
        }
    }
}

/// Money expected in one ISO week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekExpected {
    /// Monday of the week.
    pub monday: NaiveDate,
    pub iso_year: i32,
    pub iso_week: u32,
    pub expected: Bucket,
}

/// Cash the open invoices should bring in soon.
///
/// An open invoice (owed > 0 today, no unresolved dispute) is expected on its
/// *expected date*: the date of the latest promise to pay logged for it if
/// that date is today or later, otherwise its due date if that is today or
/// later. An invoice already past due without such a promise is not expected
/// on any date and counts nowhere here (it shows in the overdue figures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedPayments {
    /// Expected from today to today + 6 days (7 days including today).
    pub next_7_days: Bucket,
    /// Expected from today to today + 29 days (30 days including today).
    pub next_30_days: Bucket,
    /// [`EXPECTED_WEEKS`] ISO weeks, the first being the week containing today.
    pub weeks: Vec<WeekExpected>,
}

impl ExpectedPayments {
    fn new(today: NaiveDate) -> Self {
        let monday = monday_of(today);
        let weeks = (0..EXPECTED_WEEKS as u64)
            .filter_map(|i| monday.checked_add_days(Days::new(7 * i)))
            .map(|monday| {
                let w = monday.iso_week();
                WeekExpected {
                    monday,
                    iso_year: w.year(),
                    iso_week: w.week(),
                    expected: Bucket::default(),
                }
            })
            .collect();
        Self {
            next_7_days: Bucket::default(),
            next_30_days: Bucket::default(),
            weeks,
        }
    }
}

/// A client with money overdue, for the "who is late" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LatePayer {
    pub client_id: Arc<str>,
    pub legal_name: Arc<str>,
    /// Overdue in this list's currency.
    pub overdue: Decimal,
    /// The client's overdue invoices in this list's currency.
    pub overdue_count: usize,
    /// The client's [`ClientStats::average_days_late`].
    pub average_days_late: Option<Decimal>,
}

/// All money figures of one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrencyFigures {
    /// Σ owed today of issued, non-cancelled invoices.
    pub outstanding: Decimal,
    /// Invoices with something owed today.
    pub open_count: usize,
    /// Σ owed today of invoices whose due date is before today.
    pub overdue: Decimal,
    pub overdue_count: usize,
    /// overdue ÷ outstanding in percent (delinquency by amount); `None` when nothing is outstanding.
    pub overdue_amount_pct: Option<Decimal>,
    /// overdue_count ÷ open_count in percent (delinquency by invoices); `None` when nothing is open.
    pub overdue_invoices_pct: Option<Decimal>,
    pub ageing: Ageing,
    /// Σ owed at the end of the period (payments and credit notes dated after it ignored).
    pub receivables_at_period_end: Decimal,
    /// Σ (total − credited as of the period end) of invoices issued in the period.
    pub credit_sales: Decimal,
    /// Days sales outstanding over the period, see [`dso`].
    pub dso: Option<Decimal>,
    pub expected: ExpectedPayments,
    /// Clients with money overdue in this currency, most overdue first, then the
    /// latest payers; at most [`TOP_LATE_PAYERS`].
    pub top_late_payers: Vec<LatePayer>,
    /// Owed on invoices written off by today: no longer counted in any figure above.
    pub written_off: Bucket,
    /// Owed on invoices handed to legal by today: still in the figures above.
    pub with_legal: Bucket,
}

impl CurrencyFigures {
    fn new(today: NaiveDate) -> Self {
        Self {
            outstanding: Decimal::ZERO,
            open_count: 0,
            overdue: Decimal::ZERO,
            overdue_count: 0,
            overdue_amount_pct: None,
            overdue_invoices_pct: None,
            ageing: Ageing::default(),
            receivables_at_period_end: Decimal::ZERO,
            credit_sales: Decimal::ZERO,
            dso: None,
            expected: ExpectedPayments::new(today),
            top_late_payers: Vec::new(),
            written_off: Bucket::default(),
            with_legal: Bucket::default(),
        }
    }
}

/// How one client pays.
///
/// "Paid in the period" means: the invoice stopped owing anything on a day
/// inside the period and at least one payment went into it. That day (the
/// *settlement date*) is the date of the payment, or credit note, that brought
/// what is owed to zero; later payments are overpayments and do not move it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientStats {
    pub client_id: Arc<str>,
    /// Empty when the invoices point to a client that no longer exists.
    pub legal_name: Arc<str>,
    /// Non-cancelled invoices issued in the period.
    pub invoices_issued: usize,
    /// Invoices paid in full in the period.
    pub paid_count: usize,
    /// Mean of (settlement date − issue date) over invoices paid in the period.
    pub average_days_to_pay: Option<Decimal>,
    /// Share of the invoices paid in the period that were settled after their due date, in percent.
    pub paid_late_pct: Option<Decimal>,
    /// How late the client is, on average, counting what is still unpaid: the mean of
    /// (settlement date − due date) over the invoices paid late in the period and of
    /// (today − due date) over its invoices overdue today. A client who never pays is the
    /// latest of all, not one with no lateness.
    pub average_days_late: Option<Decimal>,
    /// Invoices with something owed today.
    pub open_count: usize,
    pub overdue_count: usize,
    /// Owed today, per currency.
    pub outstanding: PerCurrency,
    /// Owed today on overdue invoices, per currency.
    pub overdue: PerCurrency,
}

/// Amounts by currency code, as a `BTreeMap<String, Decimal>` holds them (one per code, in code
/// order) and serialised as one is (a JSON object), made for the one or two currencies a client
/// owes in: the first is kept inline, so that most clients' figures allocate nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PerCurrency {
    /// The first code in order and its amount.
    first: Option<(Arc<str>, Decimal)>,
    /// The other codes in order, all after `first`'s.
    rest: Vec<(Arc<str>, Decimal)>,
}

impl PerCurrency {
    /// The amount of `code`, if there is one.
    pub fn get(&self, code: &str) -> Option<&Decimal> {
        self.iter().find(|(c, _)| *c == code).map(|(_, amount)| amount)
    }

    /// `(code, amount)` in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Decimal)> {
        self.first
            .iter()
            .chain(&self.rest)
            .map(|(code, amount)| (&**code, amount))
    }

    pub fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.rest.len()
    }

    pub fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    /// Sets the amount of `code`, in its place in code order.
    fn insert(&mut self, code: Arc<str>, amount: Decimal) {
        let Some(first) = &mut self.first else {
            self.first = Some((code, amount));
            return;
        };
        match code.cmp(&first.0) {
            Ordering::Equal => first.1 = amount,
            Ordering::Less => {
                let second = std::mem::replace(first, (code, amount));
                self.rest.insert(0, second);
            }
            Ordering::Greater => match self.rest.binary_search_by(|(c, _)| c.cmp(&code)) {
                Ok(at) => {
                    if let Some(entry) = self.rest.get_mut(at) {
                        entry.1 = amount;
                    }
                }
                Err(at) => self.rest.insert(at, (code, amount)),
            },
        }
    }
}

/// Holds the same amounts as the map, so that a report can be checked against a plain sum.
impl PartialEq<BTreeMap<String, Decimal>> for PerCurrency {
    fn eq(&self, map: &BTreeMap<String, Decimal>) -> bool {
        self.len() == map.len()
            && self
                .iter()
                .eq(map.iter().map(|(code, amount)| (code.as_str(), amount)))
    }
}

impl Serialize for PerCurrency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// The collections dashboard as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub today: NaiveDate,
    pub period: Period,
    /// Money figures per ISO 4217 code; only currencies with something to show.
    pub currencies: BTreeMap<String, CurrencyFigures>,
    /// Invoices with something owed today, all currencies.
    pub open_count: usize,
    pub overdue_count: usize,
    /// overdue_count ÷ open_count in percent; `None` when nothing is open.
    pub overdue_invoices_pct: Option<Decimal>,
    /// Clients with an invoice issued in the period, paid in the period or open today, by name.
    pub clients: Vec<ClientStats>,
}

/// Days sales outstanding: how many days of sales are still unpaid.
///
/// `DSO = receivables at the end of the period ÷ credit sales in the period × days in the period`
///
/// where *receivables* is what issued, non-cancelled invoices (issued on or
/// before the period end) still owed at the end of the period, counting only
/// payments and credit notes dated on or before that day; *credit sales* is
/// the sum of the totals of the invoices issued in the period less what credit
/// notes dated on or before the period end took off them (a cancelled invoice
/// is no sale); *days* counts both ends. Both amounts are in one currency.
/// Rounded to one decimal place; `None` when there were no sales.
pub fn dso(receivables: Decimal, credit_sales: Decimal, days: i64) -> Result<Option<Decimal>, ReportError> {
    if credit_sales <= Decimal::ZERO {
        return Ok(None);
    }
    let value = receivables
        .checked_mul(Decimal::from(days))
        .and_then(|x| x.checked_div(credit_sales))
        .ok_or(ReportError::Overflow)?;
    Ok(Some(one_decimal(value)))
}

/// The balance of an invoice as it stood at the end of `date`: payments and
/// credit notes dated after it are left out.
pub fn balance_as_of(ledger: &Ledger, inv: &Invoice, date: NaiveDate) -> Result<Balance, MoneyError> {
    InvoiceView::new(ledger, inv).balance_on(date)
}

/// What the client owed on `inv` at the end of `date`: zero for a draft, an
/// invoice issued later, or one cancelled by a credit note dated on or before `date`.
pub fn owed_as_of(ledger: &Ledger, inv: &Invoice, date: NaiveDate) -> Result<Decimal, MoneyError> {
    Ok(InvoiceView::new(ledger, inv)
        .receivable_at(date)?
        .map_or(Decimal::ZERO, |b| b.owed))
}

/// One invoice with its payments and credit notes, answering "as of a day" from what the
/// ledger remembers of it: its final balance (what any day after its last event gets) and its
/// charge, so that an earlier day only adds up the payments and credit notes dated by then.
struct InvoiceView<'l, 'a> {
    ledger: &'l Ledger<'a>,
    inv: &'l Invoice,
    /// Position in the dataset when `inv` is the dataset's own record; `None` for any other
    /// record (an edited copy), which is then computed afresh, never answered from memory.
    index: Option<usize>,
    events: Events,
    /// The final balance, once asked for: where the ledger keeps it, or (for a record that is
    /// not the dataset's own) computed here.
    full: Option<&'l Result<Balance, MoneyError>>,
    own_full: Option<Result<Balance, MoneyError>>,
}

/// The figures of a balance the report adds up. Kept small on purpose: it is handed back for
/// every invoice and day asked about, and a value of more than 64 bytes is moved with a slow
/// block copy at the size-first optimisation level the app is built with.
#[derive(Clone, Copy)]
struct Owed {
    total: Decimal,
    credited: Decimal,
    owed: Decimal,
}

impl From<&Balance> for Owed {
    fn from(b: &Balance) -> Self {
        Self {
            total: b.total,
            credited: b.credited,
            owed: b.owed,
        }
    }
}

impl<'l, 'a: 'l> InvoiceView<'l, 'a> {
    fn new(ledger: &'l Ledger<'a>, inv: &'l Invoice) -> Self {
        match ledger.own_index(inv) {
            Some(index) => {
                let events = ledger.events().get(index).copied().unwrap_or_default();
                Self::at(ledger, index, inv, events)
            }
            None => Self {
                ledger,
                inv,
                index: None,
                events: Events::of(inv, ledger.payments_of(&inv.id), ledger.credit_notes_of(&inv.id)),
                full: None,
                own_full: None,
            },
        }
    }

    /// The invoice at `index` in the dataset, whose [`Events`] are `events`: found by
    /// position, with no lookup by id.
    fn at(ledger: &'l Ledger<'a>, index: usize, inv: &'l Invoice, events: Events) -> Self {
        Self {
            ledger,
            inv,
            index: Some(index),
            events,
            full: None,
            own_full: None,
        }
    }

    fn payments(&self) -> &'l [&'l Payment] {
        match self.index {
            Some(i) => self.ledger.payments_of_index(i),
            None => self.ledger.payments_of(&self.inv.id),
        }
    }

    fn credit_notes(&self) -> &'l [&'l CreditNote] {
        match self.index {
            Some(i) => self.ledger.credit_notes_of_index(i),
            None => self.ledger.credit_notes_of(&self.inv.id),
        }
    }

    fn full(&mut self) -> Result<&Balance, MoneyError> {
        // The ledger remembers it, so the agenda and later reports do not compute it again.
        if self.full.is_none() {
            self.full = self.index.and_then(|i| self.ledger.balance_ref(i));
        }
        let full = match self.full {
            Some(b) => b,
            None => {
                let (inv, payments, credit_notes) = (self.inv, self.payments(), self.credit_notes());
                self.own_full
                    .get_or_insert_with(|| lifecycle::balance(inv, payments, credit_notes))
            }
        };
        full.as_ref().map_err(Clone::clone)
    }

    fn balance_at(&mut self, date: NaiveDate) -> Result<Owed, MoneyError> {
        if self.events.last.is_none_or(|last| last <= date) {
            return self.full().map(Owed::from);
        }
        self.balance_on(date).map(|b| Owed::from(&b))
    }

    /// The whole balance at the end of `date`, for [`balance_as_of`].
    fn balance_on(&mut self, date: NaiveDate) -> Result<Balance, MoneyError> {
        if self.events.last.is_none_or(|last| last <= date) {
            return self.full().cloned();
        }
        if let Some(b) = self.index.and_then(|i| self.ledger.balance_on(i, date)) {
            return b;
        }
        let payments: Vec<&Payment> = self
            .payments()
            .iter()
            .copied()
            .filter(|p| p.date <= date)
            .collect();
        let credit_notes: Vec<&CreditNote> = self
            .credit_notes()
            .iter()
            .copied()
            .filter(|c| c.issue_date <= date)
            .collect();
        lifecycle::balance(self.inv, &payments, &credit_notes)
    }

    /// Cancelled by a credit note dated on or before `date` (or by one that cannot be found).
    fn cancelled_at(&self, date: NaiveDate) -> bool {
        self.events.cancelled_at(date)
    }

    /// The balance if the invoice was a receivable at the end of `date`: issued by then, not
    /// cancelled and not written off by then.
    fn receivable_at(&mut self, date: NaiveDate) -> Result<Option<Owed>, MoneyError> {
        if !self.events.issued || self.events.issue > date || self.cancelled_at(date) {
            return Ok(None);
        }
        if self.closed_at(date) == Some(ClosureKind::WrittenOff) {
            return Ok(None);
        }
        self.balance_at(date).map(Some)
    }

    /// The closing fact in force at the end of `date`, if any.
    fn closed_at(&self, date: NaiveDate) -> Option<ClosureKind> {
        let facts = match self.index {
            Some(i) => self.ledger.closings_of_index(i),
            None => self.ledger.closings_of(&self.inv.id),
        };
        if facts.is_empty() {
            return None;
        }
        follow_up::closure(facts.iter().copied(), date).map(|c| c.kind)
    }

    /// The day the invoice stopped owing anything, if it was paid (not just
    /// credited) in full and that day falls in `period`.
    fn settled_in(&mut self, period: Period) -> Result<Option<NaiveDate>, MoneyError> {
        // Settlement happens on an event day, so none after the period began means none in it.
        let Some(last) = self.events.last.filter(|d| *d >= period.from) else {
            return Ok(None);
        };
        if !self.events.issued || self.cancelled_at(last) {
            return Ok(None);
        }
        let full = self.full()?;
        if !full.owed.is_zero() || full.paid <= Decimal::ZERO {
            return Ok(None);
        }
        // The earlier event days in order, each the earliest one after the previous: an invoice
        // has a handful of payments, so this needs no list of its own.
        let (payments, credit_notes) = (self.payments(), self.credit_notes());
        let mut after: Option<NaiveDate> = None;
        loop {
            let days = payments
                .iter()
                .map(|p| p.date)
                .chain(credit_notes.iter().map(|c| c.issue_date));
            let next = days.filter(|d| *d < last && after.is_none_or(|a| *d > a)).min();
            let Some(d) = next.filter(|d| *d <= period.to) else {
                break;
            };
            let b = self.balance_on(d)?;
            if b.owed.is_zero() && b.paid > Decimal::ZERO {
                return Ok(Some(d).filter(|d| period.contains(*d)));
            }
            after = Some(d);
        }
        Ok(Some(last).filter(|d| period.contains(*d)))
    }

    fn error(&self, source: MoneyError) -> ReportError {
        let invoice = self.inv.number.clone().unwrap_or_else(|| self.inv.id.clone());
        ReportError::Invoice { invoice, source }
    }
}

/// Running totals of one client while the invoices are read.
#[derive(Default, Clone, Copy)]
struct ClientAcc {
    invoices_issued: usize,
    paid_count: usize,
    days_to_pay: i64,
    late_count: usize,
    days_late: i64,
    open_count: usize,
    overdue_count: usize,
    /// Σ (today − due date) over the invoices overdue today.
    days_overdue_open: i64,
    /// The first of this client's [`OwedIn`] entries (one per currency it owes in).
    owed: Option<usize>,
}

/// The running totals of the client of the invoice at `index`, started on first use.
fn client_acc<'c>(
    clients: &'c mut [Option<ClientAcc>],
    keys: &Keys,
    index: usize,
) -> Option<&'c mut ClientAcc> {
    keys.of_invoice
        .get(index)
        .and_then(|k| clients.get_mut(*k))
        .map(|c| c.get_or_insert_with(ClientAcc::default))
}

/// What one client owes in one currency: an entry in a list shared by all clients, linked per
/// client, so that a client's sums cost no allocation of their own.
struct OwedIn {
    /// The currency key (see [`Ledger::currency_keys`]).
    currency: usize,
    outstanding: Decimal,
    /// Started when an overdue amount is first added.
    overdue: Option<Decimal>,
    /// Invoices overdue in this currency.
    overdue_count: usize,
    /// The client's next entry.
    next: Option<usize>,
}

/// Adds `amount` to what the client of `acc` owes in currency `cur` (and to its overdue sum
/// when `overdue`), starting the entry on first use.
fn add_owed(
    acc: &mut ClientAcc,
    owed: &mut Vec<OwedIn>,
    cur: usize,
    amount: Decimal,
    overdue: bool,
) -> Result<(), ReportError> {
    let mut at = acc.owed;
    while let Some(i) = at {
        match owed.get(i) {
            Some(entry) if entry.currency != cur => at = entry.next,
            _ => break,
        }
    }
    let i = match at {
        Some(i) => i,
        None => {
            owed.push(OwedIn {
                currency: cur,
                outstanding: Decimal::ZERO,
                overdue: None,
                overdue_count: 0,
                next: acc.owed,
            });
            acc.owed = Some(owed.len() - 1);
            owed.len() - 1
        }
    };
    let Some(entry) = owed.get_mut(i) else {
        return Ok(());
    };
    add(&mut entry.outstanding, amount)?;
    if overdue {
        add(entry.overdue.get_or_insert(Decimal::ZERO), amount)?;
        entry.overdue_count += 1;
    }
    Ok(())
}

/// The figures of currency `key`, started on first use.
fn figures(
    currencies: &mut [Option<CurrencyFigures>],
    key: usize,
    today: NaiveDate,
) -> Option<&mut CurrencyFigures> {
    currencies
        .get_mut(key)
        .map(|f| f.get_or_insert_with(|| CurrencyFigures::new(today)))
}

/// Build the report in one pass over the invoices.
pub fn report<'a>(ledger: &Ledger<'a>, today: NaiveDate, period: Period) -> Result<Report, ReportError> {
    if period.from > period.to {
        return Err(ReportError::InvalidPeriod {
            from: period.from,
            to: period.to,
        });
    }
    let week0 = monday_of(today);
    let (today_n, week0_n) = (day_number(today), day_number(week0));
    let data: &'a Dataset = ledger.data;
    // By the ledger's dense keys of currencies and clients, so no invoice costs a lookup by
    // text or an allocation; a currency or client gets figures once one of its invoices counts.
    let codes = ledger.currency_keys();
    let mut currencies: Vec<Option<CurrencyFigures>> = Vec::new();
    currencies.resize_with(codes.first_invoice.len(), || None);
    let keys = ledger.client_keys();
    let mut clients: Vec<Option<ClientAcc>> = vec![None; keys.first_invoice.len()];
    let mut owed: Vec<OwedIn> = Vec::new();

    // Each invoice's few facts are read from the ledger's compact list, not from the record.
    let issued = data.invoices.iter().zip(ledger.events()).enumerate();
    for (index, (inv, events)) in issued.filter(|(_, (_, e))| e.issued) {
        let mut view = InvoiceView::at(ledger, index, inv, *events);
        let Some(&cur) = codes.of_invoice.get(index) else {
            continue;
        };
        // Today: outstanding, overdue, ageing, expected.
        // A match, not `map_err`: the Ok value would be copied into a larger Result first.
        let now = match view.receivable_at(today) {
            Ok(now) => now,
            Err(e) => return Err(view.error(e)),
        };
        let closed = view.closed_at(today);
        if closed == Some(ClosureKind::WrittenOff) && !view.cancelled_at(today) && events.issue <= today {
            let b = match view.balance_at(today) {
                Ok(b) => b,
                Err(e) => return Err(view.error(e)),
            };
            if positive(b.owed) {
                if let Some(f) = figures(&mut currencies, cur, today) {
                    add_to_bucket(&mut f.written_off, b.owed)?;
                }
            }
        }
        if let Some(b) = now.filter(|b| positive(b.owed)) {
            let days_past_due = today_n - day_number(events.due);
            if let Some(c) = client_acc(&mut clients, keys, index) {
                add_owed(c, &mut owed, cur, b.owed, days_past_due > 0)?;
                c.open_count += 1;
                if days_past_due > 0 {
                    c.overdue_count += 1;
                    c.days_overdue_open += days_past_due;
                }
            }
            if let Some(f) = figures(&mut currencies, cur, today) {
                add(&mut f.outstanding, b.owed)?;
                f.open_count += 1;
                add_to_bucket(f.ageing.bucket_mut(age_bucket(days_past_due)), b.owed)?;
                if days_past_due > 0 {
                    add(&mut f.overdue, b.owed)?;
                    f.overdue_count += 1;
                }
                if closed == Some(ClosureKind::Legal) {
                    add_to_bucket(&mut f.with_legal, b.owed)?;
                }
                // As known at the end of today: a promise logged later, or a dispute opened
                // later, did not exist yet.
                let promised = ledger.promised_of_index(index, today).filter(|d| *d >= today);
                let expected_on = promised.or(Some(events.due).filter(|d| *d >= today));
                let disputed = events.disputed_on(inv, today);
                if let Some(day) = expected_on.filter(|_| !disputed) {
                    let ahead = day_number(day) - today_n;
                    if ahead < 7 {
                        add_to_bucket(&mut f.expected.next_7_days, b.owed)?;
                    }
                    if ahead < 30 {
                        add_to_bucket(&mut f.expected.next_30_days, b.owed)?;
                    }
                    let week = usize::try_from((day_number(day) - week0_n) / 7).ok();
                    if let Some(w) = week.and_then(|w| f.expected.weeks.get_mut(w)) {
                        add_to_bucket(&mut w.expected, b.owed)?;
                    }
                }
            }
        }

        // Period: receivables at its end and sales in it, for DSO.
        // The period usually ends today: the same question, already answered.
        let at_end = if period.to == today {
            now
        } else {
            match view.receivable_at(period.to) {
                Ok(at_end) => at_end,
                Err(e) => return Err(view.error(e)),
            }
        };
        if let Some(b) = at_end.as_ref().filter(|b| positive(b.owed)) {
            if let Some(f) = figures(&mut currencies, cur, today) {
                add(&mut f.receivables_at_period_end, b.owed)?;
            }
        }
        if period.contains(events.issue) {
            if let Some(b) = at_end {
                if let Some(f) = figures(&mut currencies, cur, today) {
                    add(
                        &mut f.credit_sales,
                        lifecycle::at_least_zero(b.total - b.credited),
                    )?;
                }
            }
            if !view.cancelled_at(today) {
                if let Some(c) = client_acc(&mut clients, keys, index) {
                    c.invoices_issued += 1;
                }
            }
        }

        // Payment behaviour: invoices settled in the period.
        let settled = match view.settled_in(period) {
            Ok(settled) => settled,
            Err(e) => return Err(view.error(e)),
        };
        if let Some(settled) = settled {
            let Some(c) = client_acc(&mut clients, keys, index) else {
                continue;
            };
            c.paid_count += 1;
            let settled_n = day_number(settled);
            c.days_to_pay += settled_n - day_number(events.issue);
            let late = settled_n - day_number(events.due);
            if late > 0 {
                c.late_count += 1;
                c.days_late += late;
            }
        }
    }

    let (client_texts, currency_codes) = (ledger.client_texts(), ledger.currency_codes());
    let mut currencies: BTreeMap<&str, (usize, CurrencyFigures)> = currencies
        .into_iter()
        .enumerate()
        .filter_map(|(key, f)| Some((&**currency_codes.get(key)?, (key, f?))))
        .collect();
    // Clients in the ledger's order of names (worked out once per ledger), and as each one is
    // listed, its place among the latest payers of every currency it has overdue money in.
    let mut stats: Vec<ClientStats> = Vec::with_capacity(clients.iter().flatten().count());
    let mut late: Vec<Vec<Late>> = (0..codes.first_invoice.len()).map(|_| Vec::new()).collect();
    for key in ledger.clients_in_order() {
        let Some(acc) = clients.get(*key).copied().flatten() else {
            continue;
        };
        let Some(texts) = client_texts.get(*key) else {
            continue;
        };
        let s = client_stats(texts, acc, &owed, currency_codes)?;
        let mut at = acc.owed;
        while let Some(entry) = at.and_then(|i| owed.get(i)) {
            at = entry.next;
            let Some(overdue) = entry.overdue.filter(|a| *a > Decimal::ZERO) else {
                continue;
            };
            if let Some(top) = late.get_mut(entry.currency) {
                rank_late(
                    top,
                    Late {
                        at: stats.len(),
                        overdue,
                        overdue_count: entry.overdue_count,
                        average_days_late: s.average_days_late,
                    },
                );
            }
        }
        stats.push(s);
    }

    let (mut open_count, mut overdue_count) = (0, 0);
    for (key, f) in currencies.values_mut() {
        open_count += f.open_count;
        overdue_count += f.overdue_count;
        f.overdue_amount_pct = percent(f.overdue, f.outstanding)?;
        f.overdue_invoices_pct = percent(Decimal::from(f.overdue_count), Decimal::from(f.open_count))?;
        f.dso = dso(f.receivables_at_period_end, f.credit_sales, period.days())?;
        f.top_late_payers = late
            .get(*key)
            .map(|top| top_late_payers(top, &stats))
            .unwrap_or_default();
    }
    let currencies = currencies
        .into_iter()
        .map(|(code, (_, f))| (code.to_owned(), f))
        .collect();
    Ok(Report {
        today,
        period,
        currencies,
        open_count,
        overdue_count,
        overdue_invoices_pct: percent(Decimal::from(overdue_count), Decimal::from(open_count))?,
        clients: stats,
    })
}

/// One currency's DSO chart: `(month end, DSO of that month)`, oldest first.
pub type DsoSeries = Vec<(NaiveDate, Option<Decimal>)>;

/// DSO of each of the last `months` complete calendar months (the current
/// month counts only when `today` is its last day), oldest first, per currency.
///
/// Each point is `(month end, DSO of that month)` with the month as the period
/// of [`dso`]: receivables are what was owed at that month end (payments and
/// credit notes dated later ignored), not today's balances. Every currency with
/// a receivable or a sale in those months gets all `months` points.
pub fn dso_series<'a>(
    ledger: &Ledger<'a>,
    today: NaiveDate,
    months: u32,
) -> Result<BTreeMap<String, DsoSeries>, ReportError> {
    let this_month = Period::month_of(today)?;
    let last_end = if this_month.to == today {
        today
    } else {
        this_month.from.pred_opt().ok_or(ReportError::DateOutOfRange)?
    };
    let mut periods = Vec::with_capacity(months as usize);
    for back in (0..months).rev() {
        let day = last_end
            .checked_sub_months(Months::new(back))
            .ok_or(ReportError::DateOutOfRange)?;
        periods.push(Period::month_of(day)?);
    }
    let Some(first) = periods.first().map(|p| p.from) else {
        return Ok(BTreeMap::new());
    };

    // Per currency and month: (receivables at the month end, credit sales in the month).
    let mut sums: BTreeMap<&'a str, Vec<(Decimal, Decimal)>> = BTreeMap::new();
    let data: &'a Dataset = ledger.data;
    let issued = data.invoices.iter().zip(ledger.events()).enumerate();
    for (index, (inv, events)) in issued.filter(|(_, (_, e))| e.issued && e.issue <= last_end) {
        let mut view = InvoiceView::at(ledger, index, inv, *events);
        let unchanged = view.events.last.is_none_or(|d| d < first);
        if unchanged && inv.issue_date < first {
            // Nothing happened to it during the series: skip it if it owed nothing all along.
            let owed = view.full().map(|b| b.owed);
            let owed = owed.map_err(|e| view.error(e))?;
            if owed.is_zero() || view.cancelled_at(first) {
                continue;
            }
        }
        let row = sums
            .entry(inv.currency.as_str())
            .or_insert_with(|| vec![(Decimal::ZERO, Decimal::ZERO); periods.len()]);
        for (p, (receivables, sales)) in periods.iter().zip(row.iter_mut()) {
            let Some(b) = view.receivable_at(p.to).map_err(|e| view.error(e))? else {
                continue;
            };
            add(receivables, b.owed)?;
            if p.contains(inv.issue_date) {
                add(sales, lifecycle::at_least_zero(b.total - b.credited))?;
            }
        }
    }
    sums.into_iter()
        .map(|(code, row)| {
            let points = periods
                .iter()
                .zip(row)
                .map(|(p, (rec, sales))| Ok((p.to, dso(rec, sales, p.days())?)))
                .collect::<Result<Vec<_>, ReportError>>()?;
            Ok((code.to_owned(), points))
        })
        .collect()
}

fn client_stats(
    texts: &ClientTexts,
    acc: ClientAcc,
    owed: &[OwedIn],
    codes: &[Arc<str>],
) -> Result<ClientStats, ReportError> {
    let mut outstanding = PerCurrency::default();
    let mut overdue = PerCurrency::default();
    let mut at = acc.owed;
    while let Some(entry) = at.and_then(|i| owed.get(i)) {
        at = entry.next;
        let Some(code) = codes.get(entry.currency) else {
            continue;
        };
        outstanding.insert(code.clone(), entry.outstanding);
        if let Some(amount) = entry.overdue {
            overdue.insert(code.clone(), amount);
        }
    }
    Ok(ClientStats {
        client_id: texts.id.clone(),
        legal_name: texts.legal_name.clone(),
        invoices_issued: acc.invoices_issued,
        paid_count: acc.paid_count,
        average_days_to_pay: average(acc.days_to_pay, acc.paid_count)?,
        paid_late_pct: percent(Decimal::from(acc.late_count), Decimal::from(acc.paid_count))?,
        average_days_late: average(
            acc.days_late + acc.days_overdue_open,
            acc.late_count + acc.overdue_count,
        )?,
        open_count: acc.open_count,
        overdue_count: acc.overdue_count,
        outstanding,
        overdue,
    })
}

/// A client with money overdue in one currency, while the list of late payers is drawn up.
#[derive(Clone, Copy)]
struct Late {
    /// Its place in the report's list of clients.
    at: usize,
    overdue: Decimal,
    /// The client's overdue invoices in this currency.
    overdue_count: usize,
    average_days_late: Option<Decimal>,
}

/// The order of the late payers: most overdue first; ties go to the client who pays later
/// (`None` = no late history, last); then the order of the report's list of clients.
fn later_payer(a: &Late, b: &Late) -> Ordering {
    b.overdue
        .cmp(&a.overdue)
        .then_with(|| b.average_days_late.cmp(&a.average_days_late))
}

/// Puts `candidate` in its place among the first [`TOP_LATE_PAYERS`] of `top` (which is in
/// [`later_payer`] order), after any equal one: the candidates come in the order of the list
/// of clients, so this is the stable order, and only ten clients are ever kept and moved.
fn rank_late(top: &mut Vec<Late>, candidate: Late) {
    // Most clients rank below a full list's last: one comparison tells, not a search.
    if top.len() >= TOP_LATE_PAYERS
        && top
            .last()
            .is_some_and(|last| later_payer(last, &candidate) != Ordering::Greater)
    {
        return;
    }
    let at = top.partition_point(|kept| later_payer(kept, &candidate) != Ordering::Greater);
    if at < TOP_LATE_PAYERS {
        top.insert(at, candidate);
        top.truncate(TOP_LATE_PAYERS);
    }
}

fn top_late_payers(top: &[Late], stats: &[ClientStats]) -> Vec<LatePayer> {
    top.iter()
        .filter_map(|l| {
            let s = stats.get(l.at)?;
            Some(LatePayer {
                client_id: s.client_id.clone(),
                legal_name: s.legal_name.clone(),
                overdue: l.overdue,
                overdue_count: l.overdue_count,
                average_days_late: s.average_days_late,
            })
        })
        .collect()
}

/// Days since the start of the calendar: differences of these are differences of dates, with
/// one conversion per date instead of two per difference (`today` is converted once).
#[inline(always)]
pub(crate) fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// A sum too large for a `Decimal`, which the report gives as [`ReportError::Overflow`]. Its own
/// empty type so that the many additions of a report hand back a byte, not a whole error.
struct Overflow;

impl From<Overflow> for ReportError {
    fn from(_: Overflow) -> Self {
        ReportError::Overflow
    }
}

#[inline(always)]
fn add(acc: &mut Decimal, amount: Decimal) -> Result<(), Overflow> {
    *acc = acc.checked_add(amount).ok_or(Overflow)?;
    Ok(())
}

/// `amount > 0`, without comparing `Decimal`s.
#[inline(always)]
fn positive(amount: Decimal) -> bool {
    !amount.is_zero() && !amount.is_sign_negative()
}

#[inline(always)]
fn add_to_bucket(bucket: &mut Bucket, amount: Decimal) -> Result<(), Overflow> {
    bucket.count += 1;
    add(&mut bucket.amount, amount)
}

fn one_decimal(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(1, money::ROUNDING)
}

/// `part × factor ÷ whole`, one decimal place; `None` when `whole` is zero.
fn ratio(part: Decimal, whole: Decimal, factor: Decimal) -> Result<Option<Decimal>, ReportError> {
    if whole.is_zero() {
        return Ok(None);
    }
    let product = part.checked_mul(factor).ok_or(ReportError::Overflow)?;
    // Division answers a plain zero for any zero, and the dividend itself for a divisor of
    // exactly 1 (a client with one invoice): no need to pay for a division, three per client.
    if product.is_zero() {
        return Ok(Some(Decimal::ZERO));
    }
    if whole.scale() == 0 && whole.mantissa() == 1 {
        return Ok(Some(one_decimal(product)));
    }
    let value = product.checked_div(whole).ok_or(ReportError::Overflow)?;
    Ok(Some(one_decimal(value)))
}

/// `part ÷ whole` in percent, one decimal place; `None` when `whole` is zero.
fn percent(part: Decimal, whole: Decimal) -> Result<Option<Decimal>, ReportError> {
    ratio(part, whole, Decimal::ONE_HUNDRED)
}

/// Mean of `count` day counts summing to `total`, one decimal place; `None` when there are none.
fn average(total: i64, count: usize) -> Result<Option<Decimal>, ReportError> {
    ratio(Decimal::from(total), Decimal::from(count), Decimal::ONE)
}

#[cfg(test)]
mod tests {
    use super::PerCurrency;
    use rust_decimal::Decimal;
    use std::collections::BTreeMap;
    use std::sync::Arc;

    /// Whatever order the codes come in (a client's currencies are met in the order of its
    /// invoices), the amounts read and serialise as the map of the same entries does.
    #[test]
    fn per_currency_is_a_map_in_code_order() {
        let orders: [&[&str]; 6] = [
            &["EUR"],
            &["USD", "EUR"],
            &["EUR", "USD", "GBP"],
            &["USD", "GBP", "EUR", "CHF"],
            &["b", "a", "B", "", "ab"],
            &["EUR", "USD", "EUR"],
        ];
        for codes in orders {
            let mut per = PerCurrency::default();
            let mut map = BTreeMap::new();
            for (i, code) in codes.iter().enumerate() {
                let amount = Decimal::new(i as i64 + 1, 2);
                per.insert(Arc::from(*code), amount);
                map.insert(code.to_string(), amount);
            }
            assert_eq!(per, map, "{codes:?}");
            assert_eq!(per.len(), map.len());
            for code in codes.iter().chain(&["XXX"]) {
                assert_eq!(per.get(code), map.get(*code), "{codes:?} {code}");
            }
            let json = serde_json::to_string(&per).expect("json");
            assert_eq!(json, serde_json::to_string(&map).expect("map json"), "{codes:?}");
        }
        let empty = PerCurrency::default();
        assert!(empty.is_empty());
        assert_eq!(serde_json::to_string(&empty).expect("json"), "{}");
    }
}

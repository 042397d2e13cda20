//! What collecting an invoice is worth now: the one ranking of the agenda, the calendar and the
//! command line (DOMAIN practice 4: "who to contact and why, highest priority first").
//!
//! **Worth** ([`worth`]) grows with four things, each for a reason:
//! - the **amount owed**, in the book's reference currency (below): more money, more worth;
//! - the **days the invoice is overdue** (not the step's: a receipt check put off for three
//!   months is not urgent because it was put off): `× (30 + days) / 30`, so a month late
//!   doubles it and the oldest debts rise instead of sinking;
//! - the **step's severity** ([`severity_pct`]): a formal letter or an escalation moves money
//!   that reminders did not; a dispute review is mostly listening;
//! - **promises broken**: `× (2 + n) / 2` for each promised date that passed unpaid (at most 4
//!   counted): a client who promised and did not pay needs the call most.
//!
//! **Currencies are never compared at face value.** An amount in another currency than the
//! reference one counts as the reference amount *at the same rank* in its own book: the
//! owed amounts of each currency are sorted, an amount's place among its own currency's
//! (its quantile, ties sharing the middle place) picks the reference-currency amount at the
//! same quantile ([`Scale`]). So the largest debt in pounds weighs like the largest in euros,
//! a median one like a median one, with no exchange rate to keep up to date. The reference
//! currency is the one with the most owed invoices (the app's default currency on a tie, then
//! the first code): where nearly everything is in euros, euros keep their own amounts.
//!
//! Ties, in order: more days overdue, the earlier step date, then invoice number and id, so the
//! order is the same from one day and one device to the next.

use crate::model::StepKind;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Most broken promises that count (more say nothing new).
pub const MAX_BROKEN_PROMISES: u32 = 4;

/// How much a step of this kind weighs, in percent: what acting on it now tends to move.
pub fn severity_pct(kind: StepKind) -> u32 {
    match kind {
        StepKind::DisputeReview => 75,
        StepKind::ReceiptCheck | StepKind::PreDue => 100,
        StepKind::DueDay => 125,
        StepKind::Reminder | StepKind::Recontact => 150,
        // Nothing is paid before the invoice is sent; a broken promise is the call that counts.
        StepKind::SendInvoice | StepKind::PromiseCheck | StepKind::FormalLetter => 200,
        StepKind::Escalation => 250,
    }
}

/// What collecting an invoice is worth now (see the module doc): `owed` in the reference
/// currency × `(30 + days overdue) / 30` × severity × `(2 + broken promises) / 2`, to the
/// cent. Not yet due counts as 0 days overdue.
pub fn worth(owed: Decimal, days_overdue: i64, kind: StepKind, promises_broken: u32) -> Decimal {
    let late = Decimal::from(30 + days_overdue.max(0));
    let broken = Decimal::from(2 + promises_broken.min(MAX_BROKEN_PROMISES));
    let severity = Decimal::from(severity_pct(kind));
    // 30 × 100 × 2 = 6000: one division at the end keeps it exact until the rounding.
    owed.checked_mul(late)
        .and_then(|x| x.checked_mul(severity))
        .and_then(|x| x.checked_mul(broken))
        .and_then(|x| x.checked_div(Decimal::from(6000)))
        .map_or(Decimal::MAX, |x| {
            x.round_dp_with_strategy(2, crate::money::ROUNDING)
        })
}

/// The book of owed amounts per currency, for counting an amount in the reference currency
/// (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct Scale {
    reference: String,
    /// Each currency's owed amounts, sorted.
    books: BTreeMap<String, Vec<Decimal>>,
}

impl Scale {
    /// The scale of these `(currency, owed)` amounts; `preferred` wins a tie for reference.
    pub fn new<'a>(owed: impl IntoIterator<Item = (&'a str, Decimal)>, preferred: &str) -> Self {
        let mut books: BTreeMap<String, Vec<Decimal>> = BTreeMap::new();
        for (code, amount) in owed {
            match books.get_mut(code) {
                Some(book) => book.push(amount),
                None => {
                    books.insert(code.to_owned(), vec![amount]);
                }
            }
        }
        for book in books.values_mut() {
            book.sort_unstable();
        }
        let reference = books
            .iter()
            .max_by(|(a, x), (b, y)| {
                x.len()
                    .cmp(&y.len())
                    .then_with(|| (*a == preferred).cmp(&(*b == preferred)))
                    .then_with(|| b.cmp(a))
            })
            .map(|(code, _)| code.clone())
            .unwrap_or_else(|| preferred.to_owned());
        Self { reference, books }
    }

    /// The currency amounts are counted in.
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// `amount` in `currency` counted in the reference currency: itself in the reference
    /// currency (or when there is nothing to compare with), else the reference amount at the
    /// same quantile.
    pub fn to_reference(&self, currency: &str, amount: Decimal) -> Decimal {
        if currency == self.reference {
            return amount;
        }
        let (Some(own), Some(refs)) = (self.books.get(currency), self.books.get(&self.reference)) else {
            return amount;
        };
        if own.is_empty() || refs.is_empty() {
            return amount;
        }
        let below = own.partition_point(|a| *a < amount);
        let up_to = own.partition_point(|a| *a <= amount);
        // Twice the quantile's numerator, in whole numbers: (below + up_to) / 2 / n.
        let twice = (below + up_to) as u128;
        let n = own.len() as u128;
        let m = refs.len() as u128;
        let at = usize::try_from(twice * m / (2 * n)).unwrap_or(usize::MAX);
        refs.get(at.min(refs.len() - 1)).copied().unwrap_or(amount)
    }
}

/// What the ranking compares of an item.
#[derive(Debug, Clone, Copy)]
pub struct Rank<'a> {
    pub worth: Decimal,
    pub days_overdue: i64,
    pub due: chrono::NaiveDate,
    pub number: &'a str,
    pub id: &'a str,
}

/// The order of the agenda: higher worth first, then more days overdue, then the earlier step
/// date, then invoice number and id.
pub fn order(a: &Rank, b: &Rank) -> Ordering {
    b.worth
        .cmp(&a.worth)
        .then_with(|| b.days_overdue.cmp(&a.days_overdue))
        .then_with(|| a.due.cmp(&b.due))
        .then_with(|| a.number.cmp(b.number))
        .then_with(|| a.id.cmp(b.id))
}

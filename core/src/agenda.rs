//! The daily agenda: who to contact today and why, highest priority first (practice 4), and
//! what is coming. Old or small debts must never slip out of sight, so nothing is capped or
//! hidden: every due open step of every collectible invoice is listed.
//!
//! Items borrow the records (no copies), and the agenda reads only the open steps of its date
//! range from the [`Ledger`]'s index of open steps by due date, so years of history stay cheap.

use crate::ledger::{Ledger, OpenStep};
use crate::lifecycle;
use crate::model::{Client, FollowUpStep, Invoice};
use crate::report::day_number;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

/// One contact to make: the step, the invoice it is about, who to call and how urgent it is.
///
/// It borrows the records themselves rather than copying fields, so the screen (and the
/// reminder text) can show anything they hold at no cost; the accessors cover what every row
/// shows and absorb a missing client or number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem<'a> {
    /// Its `due` is the snoozed date if it was snoozed (`snoozed_from` then says the planned one).
    pub step: &'a FollowUpStep,
    /// Number, PO, currency and due date of the invoice the step is about.
    pub invoice: &'a Invoice,
    /// `None` when the client record is missing: the debt is listed anyway.
    pub client: Option<&'a Client>,
    /// Still owed on the invoice; `None` if it could not be computed (bad data to fix), in
    /// which case the item is still listed.
    pub owed: Option<Decimal>,
    /// Today − the step's due date: positive when late, 0 today, negative when upcoming.
    pub step_days_late: i64,
    /// Today − the invoice's due date: negative means days left until it is due.
    pub days_past_invoice_due: i64,
    /// Amount at risk × days the step is late (0 for steps due today or later), in the invoice's
    /// currency units: there are no exchange rates, so currencies compare at face value.
    pub priority: Decimal,
}

impl<'a> AgendaItem<'a> {
    /// The invoice's number ("" cannot happen: drafts never reach the agenda).
    pub fn invoice_number(&self) -> &'a str {
        self.invoice.number.as_deref().unwrap_or("")
    }

    /// The client's legal name, or "" if the record is missing.
    pub fn client_name(&self) -> &'a str {
        self.client.map_or("", |c| &c.legal_name)
    }

    /// Who to ask for at the client's accounts payable ("" if unknown).
    pub fn ap_contact_name(&self) -> &'a str {
        self.client.map_or("", |c| &c.ap_contact_name)
    }

    /// Where to write ("" if unknown).
    pub fn ap_contact_email(&self) -> &'a str {
        self.client.map_or("", |c| &c.ap_contact_email)
    }

    /// Where to call ("" if unknown).
    pub fn ap_contact_phone(&self) -> &'a str {
        self.client.map_or("", |c| &c.ap_contact_phone)
    }
}

/// Steps to act on today: every open step due on or before `today` of every collectible invoice
/// (see [`collectible`]), ordered by [`priority_order`].
pub fn agenda<'a>(ledger: &Ledger<'a>, today: NaiveDate) -> Vec<AgendaItem<'a>> {
    let open = ledger.open_steps();
    let due = open.partition_point(|o| o.due <= today);
    let items = items_due(ledger, open.get(..due).unwrap_or(&[]), today);
    sorted(items, false)
}

/// Steps due after `today` and up to `today + days`, earliest first (then as [`priority_order`]).
pub fn upcoming<'a>(ledger: &Ledger<'a>, today: NaiveDate, days: u32) -> Vec<AgendaItem<'a>> {
    let end = today
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let open = ledger.open_steps();
    let from = open.partition_point(|o| o.due <= today);
    let to = open.partition_point(|o| o.due <= end).max(from);
    let items = items_due(ledger, open.get(from..to).unwrap_or(&[]), today);
    sorted(items, true)
}

/// Whether an invoice's follow-up should be worked on: issued (numbered), not cancelled and not
/// paused by an unresolved dispute. Whether anything is still owed is checked separately, only
/// for invoices that have a step to show, because computing a balance is the costly part.
pub fn collectible(inv: &Invoice) -> bool {
    inv.number.is_some() && inv.cancelled_by.is_none() && lifecycle::current_dispute(inv).is_none()
}

/// The order of the agenda, highest priority first:
/// 1. late steps (due before today) before steps due today;
/// 2. larger amount at risk × days late first, so a big, old debt leads;
/// 3. then the oldest step first, so among equals nothing old sinks to the bottom;
/// 4. then the larger amount owed (this orders today's steps, whose score is 0);
/// 5. then invoice number, kind and step id, so the order is stable from day to day.
///
/// Every step is listed whatever its rank: the order decides what comes first, never what shows.
pub fn priority_order(a: &AgendaItem, b: &AgendaItem) -> Ordering {
    let late = |i: &AgendaItem| i.step_days_late > 0;
    late(b)
        .cmp(&late(a))
        .then_with(|| cmp_decimal(b.priority, a.priority))
        .then_with(|| a.step.due.cmp(&b.step.due))
        .then_with(|| b.owed.cmp(&a.owed))
        .then_with(|| texts_order(a, b))
}

/// `Decimal::cmp` with an exact fast path for equal scales (scores of one currency).
fn cmp_decimal(a: Decimal, b: Decimal) -> Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(&b)
    }
}

/// The money parts of [`priority_order`] as whole numbers of one common scale, so that the
/// sort compares integers instead of `Decimal`s and moves small keys instead of whole items.
/// The numbers are 64-bit (cents up to 10^17 fit) rather than 128: half the key to move and
/// compare, and any amount that does not fit sends the list to the sort that compares items.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    /// The step's due date when the list is ordered by it first ([`upcoming`]), else a constant.
    due_first: NaiveDate,
    /// Late steps first.
    not_late: bool,
    /// The priority, negated so that the larger comes first.
    priority: i64,
    due: NaiveDate,
    /// Owed, negated (larger first), and an unknown amount last.
    owed_unknown: bool,
    owed: i64,
}

/// `items` in [`priority_order`] (by due date first when `by_due`), with the items that tie on
/// every field in the order they came (file order among steps due the same day).
///
/// The sort runs over [`Rank`]s, falling back on comparing the items for the texts (invoice
/// number, step id) only on a tie; amounts that do not fit the common scale are sorted by
/// comparing the items throughout.
fn sorted(mut items: Vec<AgendaItem<'_>>, by_due: bool) -> Vec<AgendaItem<'_>> {
    let amounts = items.iter().flat_map(|i| [Some(i.priority), i.owed]).flatten();
    let scale = amounts.clone().map(|a| a.scale()).max().unwrap_or(0);
    // `amount` as a whole number of 10^-scale, negated, if it fits.
    let whole = |amount: Decimal| -> Option<i64> {
        let shift = usize::try_from(scale.checked_sub(amount.scale())?).ok()?;
        let value = amount
            .mantissa()
            .checked_mul(*crate::money::POWERS_OF_TEN.get(shift)?)?
            .checked_neg()?;
        i64::try_from(value).ok()
    };
    let rank = |i: &AgendaItem| -> Option<Rank> {
        Some(Rank {
            due_first: if by_due { i.step.due } else { NaiveDate::MIN },
            not_late: i.step_days_late <= 0,
            priority: whole(i.priority)?,
            due: i.step.due,
            owed_unknown: i.owed.is_none(),
            owed: match i.owed {
                Some(owed) => whole(owed)?,
                None => 0,
            },
        })
    };
    // Pushed into a list of the right size: collecting through an `Option` cannot tell the
    // length beforehand and grows the list step by step.
    let mut ranks: Vec<(Rank, usize)> = Vec::with_capacity(items.len());
    let ranked = items
        .iter()
        .enumerate()
        .all(|(at, i)| rank(i).map(|r| ranks.push((r, at))).is_some());
    if !ranked {
        // Amounts too large for a common scale (only bad data has them): compare the items.
        if by_due {
            crate::order::sort_by(&mut items, |a, b| {
                a.step.due.cmp(&b.step.due).then_with(|| priority_order(a, b))
            });
        } else {
            crate::order::sort_by(&mut items, priority_order);
        }
        return items;
    }
    ranks.sort_unstable_by(|(x, a), (y, b)| {
        x.cmp(y)
            .then_with(|| match (items.get(*a), items.get(*b)) {
                (Some(i), Some(j)) => texts_order(i, j),
                _ => Ordering::Equal,
            })
            .then(a.cmp(b))
    });
    let mut out = Vec::with_capacity(ranks.len());
    out.extend(ranks.iter().filter_map(|(_, at)| items.get(*at).cloned()));
    out
}

/// The last criteria of [`priority_order`]: invoice number, step kind, step id.
fn texts_order(a: &AgendaItem, b: &AgendaItem) -> Ordering {
    a.invoice
        .number
        .cmp(&b.invoice.number)
        .then_with(|| a.step.kind.cmp(&b.step.kind))
        .then_with(|| a.step.id.cmp(&b.step.id))
}

/// The invoice side of an agenda item.
#[derive(Clone, Copy)]
struct Target<'a> {
    inv: &'a Invoice,
    client: Option<&'a Client>,
    owed: Option<Decimal>,
}

/// The invoice at `index`, if its follow-up is to be worked on now: collectible and still
/// owing money (a balance that cannot be computed counts as owing, so the debt stays visible).
fn target<'a>(ledger: &Ledger<'a>, index: usize) -> Option<Target<'a>> {
    let inv = ledger.data.invoices.get(index).filter(|i| collectible(i))?;
    let owed = ledger
        .balance_ref(index)
        .and_then(|b| b.as_ref().ok())
        .map(|b| b.owed);
    if owed.is_some_and(|o| o <= Decimal::ZERO) {
        return None; // paid (or credited) in full
    }
    Some(Target {
        inv,
        client: ledger.client_of_index(index),
        owed,
    })
}

/// The items of `open` (steps of the ledger's open-step index, so already in the wanted date
/// range) on collectible invoices that still owe money. Only these steps are read: closed and
/// out-of-range ones, most of years of history, cost nothing.
fn items_due<'a>(ledger: &Ledger<'a>, open: &[OpenStep], today: NaiveDate) -> Vec<AgendaItem<'a>> {
    let steps = &ledger.data.steps;
    let today_n = day_number(today);
    // Most open steps of the range make an item: room for all of them at once.
    let mut items = Vec::with_capacity(open.len());
    items.extend(open.iter().filter_map(|o| {
        let t = target(ledger, o.invoice?)?;
        Some(item(steps.get(o.step)?, &t, today_n))
    }));
    items
}

/// The item of `step` on `t` as of the day numbered `today_n` (see [`day_number`]).
fn item<'a>(step: &'a FollowUpStep, t: &Target<'a>, today_n: i64) -> AgendaItem<'a> {
    let step_days_late = today_n - day_number(step.due);
    let priority = t
        .owed
        .unwrap_or(Decimal::ZERO)
        .checked_mul(Decimal::from(step_days_late.max(0)))
        .unwrap_or(Decimal::MAX);
    AgendaItem {
        step,
        invoice: t.inv,
        client: t.client,
        owed: t.owed,
        step_days_late,
        days_past_invoice_due: today_n - day_number(t.inv.due_date),
        priority,
    }
}

#[cfg(test)]
mod tests {
    use super::cmp_decimal;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn decimal_order_is_exact_within_and_across_scales() {
        let values = [
            "-3.50", "-0", "0", "0.001", "0.01", "1", "1.000", "1.001", "2.5", "100", "99.999",
        ];
        for a in values {
            for b in values {
                let (x, y) = (Decimal::from_str(a).expect("a"), Decimal::from_str(b).expect("b"));
                assert_eq!(cmp_decimal(x, y), x.cmp(&y), "{a} vs {b}");
            }
        }
    }
}

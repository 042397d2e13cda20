//! The daily agenda: who to contact today and why, highest priority first (practice 4), and
//! what is coming. Old or small debts must never slip out of sight, so nothing is capped or
//! hidden: every due open step of every collectible invoice is listed.
//!
//! Items borrow from the dataset (no string copies), so building the agenda over ten thousand
//! invoices stays a single cheap pass over the [`Ledger`]'s indexes.

use crate::ledger::Ledger;
use crate::model::{Channel, Client, FollowUpStep, Invoice, StepKind, StepState};
use crate::schedule;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

/// One contact to make: the step, the invoice it is about and who to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem<'a> {
    pub step_id: &'a str,
    pub kind: StepKind,
    pub channel: Channel,
    /// When the step is due (the snoozed date if it was snoozed).
    pub due: NaiveDate,
    pub snoozed_from: Option<NaiveDate>,
    /// Today − due: positive when the step is late, 0 today, negative when upcoming.
    pub step_days_late: i64,
    pub invoice_id: &'a str,
    pub invoice_number: &'a str,
    pub po_number: &'a str,
    pub client_id: &'a str,
    /// Empty when the client record is missing (the debt is still listed).
    pub client_name: &'a str,
    pub ap_contact_name: &'a str,
    pub ap_contact_email: &'a str,
    pub ap_contact_phone: &'a str,
    /// Still owed on the invoice; `None` if it could not be computed (bad data to fix), in
    /// which case the item is still listed.
    pub owed: Option<Decimal>,
    pub currency: &'a str,
    /// Today − the invoice's due date: negative means days left until it is due.
    pub days_past_invoice_due: i64,
    /// Amount at risk × days the step is late (0 for steps due today or later), in the invoice's
    /// currency units: there are no exchange rates, so currencies compare at face value.
    pub priority: Decimal,
}

/// Steps to act on today: every open step due on or before `today` of every collectible invoice
/// (see [`collectible`]), ordered by [`priority_order`].
pub fn agenda<'a>(ledger: &Ledger<'a>, today: NaiveDate) -> Vec<AgendaItem<'a>> {
    let mut items = items_due(ledger, today, |due| due <= today);
    items.sort_unstable_by(priority_order);
    items
}

/// Steps due after `today` and up to `today + days`, earliest first (then as [`priority_order`]).
pub fn upcoming<'a>(ledger: &Ledger<'a>, today: NaiveDate, days: u32) -> Vec<AgendaItem<'a>> {
    let end = today
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let mut items = items_due(ledger, today, |due| due > today && due <= end);
    items.sort_unstable_by(|a, b| a.due.cmp(&b.due).then_with(|| priority_order(a, b)));
    items
}

/// Whether an invoice's follow-up should be worked on: issued (numbered), not cancelled and not
/// paused by an unresolved dispute. Whether anything is still owed is checked separately, only
/// for invoices that have a step to show, because computing a balance is the costly part.
pub fn collectible(inv: &Invoice) -> bool {
    inv.number.is_some() && inv.cancelled_by.is_none() && !schedule::is_paused(inv)
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
        .then_with(|| b.priority.cmp(&a.priority))
        .then_with(|| a.due.cmp(&b.due))
        .then_with(|| b.owed.cmp(&a.owed))
        .then_with(|| a.invoice_number.cmp(b.invoice_number))
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| a.step_id.cmp(b.step_id))
}

/// Open steps whose due date passes `wanted`, on collectible invoices that still owe money.
fn items_due<'a>(
    ledger: &Ledger<'a>,
    today: NaiveDate,
    wanted: impl Fn(NaiveDate) -> bool,
) -> Vec<AgendaItem<'a>> {
    let mut items = Vec::new();
    for inv in ledger.data.invoices.iter().filter(|i| collectible(i)) {
        let mut due_steps = ledger
            .steps_of(&inv.id)
            .iter()
            .copied()
            .filter(|s| s.state == StepState::Open && wanted(s.due))
            .peekable();
        if due_steps.peek().is_none() {
            continue;
        }
        let owed = ledger.balance(inv).ok().map(|b| b.owed);
        if owed.is_some_and(|o| o <= Decimal::ZERO) {
            continue; // paid (or credited) in full
        }
        let client = ledger.client(&inv.client_id);
        items.extend(due_steps.map(|s| item(s, inv, client, owed, today)));
    }
    items
}

fn item<'a>(
    step: &'a FollowUpStep,
    inv: &'a Invoice,
    client: Option<&'a Client>,
    owed: Option<Decimal>,
    today: NaiveDate,
) -> AgendaItem<'a> {
    let step_days_late = (today - step.due).num_days();
    let at_risk = owed.unwrap_or(Decimal::ZERO);
    let priority = at_risk
        .checked_mul(Decimal::from(step_days_late.max(0)))
        .unwrap_or(Decimal::MAX);
    let text = |f: fn(&'a Client) -> &'a str| client.map_or("", f);
    AgendaItem {
        step_id: &step.id,
        kind: step.kind,
        channel: step.channel,
        due: step.due,
        snoozed_from: step.snoozed_from,
        step_days_late,
        invoice_id: &inv.id,
        invoice_number: inv.number.as_deref().unwrap_or(""),
        po_number: &inv.po_number,
        client_id: &inv.client_id,
        client_name: text(|c| &c.legal_name),
        ap_contact_name: text(|c| &c.ap_contact_name),
        ap_contact_email: text(|c| &c.ap_contact_email),
        ap_contact_phone: text(|c| &c.ap_contact_phone),
        owed,
        currency: &inv.currency,
        days_past_invoice_due: (today - inv.due_date).num_days(),
        priority,
    }
}

//! Where an invoice's follow-up stands on a day, derived from its facts every time: its one
//! current step, the earlier steps that step supersedes, and whether it is closed.
//!
//! The stored steps are the policy's plan and what the user did with it (done, skipped,
//! snoozed); everything else follows from the facts (sending, disputes, payments, credit notes,
//! the contact log), so a correction of any fact is reflected at once, with nothing to
//! re-plan. Three steps are never planned ahead but derived when they are due, and stored only
//! once the user acts on them (done or snoozed):
//! - **send it** ([`StepKind::SendInvoice`]): an issued invoice not marked sent, the policy's
//!   `send_after_issue` days after its issue date (DOMAIN practice 1);
//! - **dispute review** ([`StepKind::DisputeReview`]): an open dispute, `dispute_review_after`
//!   days after it opened, then `dispute_review_every` days after the last review done;
//! - **re-contact** ([`StepKind::Recontact`]): an owed invoice past its last step,
//!   `recontact_every` days after the last date planned or done in its follow-up (so also
//!   when the last step was left undone).
//!
//! So every issued invoice that is owed and not closed has exactly one current step, always
//! ([`current`]); it is the one card of the agenda once it is due. When several of its steps
//! are due at once (the user was away), the most advanced one is current and the others are
//! listed as superseded by it: acting on it closes them as such (`schedule::settle`).
//!
//! **Closing facts** are entries of the contact log ([`Outcome::WrittenOff`],
//! [`Outcome::HandedToLegal`], [`Outcome::Reopened`]): each has its date and note, travels with
//! the invoice and merges like any other record. The latest of them by date says whether the
//! invoice is closed ([`closure`]).

use crate::lifecycle;
use crate::model::{CollectionPolicy, ContactEntry, FollowUpStep, Id, Invoice, Outcome, StepKind, StepState};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use rust_decimal::Decimal;
use serde::Serialize;

/// Everything the follow-up of one invoice is derived from.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub invoice: &'a Invoice,
    /// Its follow-up steps, in any order.
    pub steps: &'a [&'a FollowUpStep],
    /// The contact log about it, in any order.
    pub contacts: &'a [&'a ContactEntry],
    /// What is still owed on it; `None` when it cannot be computed (bad data), which counts
    /// as owed so that the debt stays in sight.
    pub owed: Option<Decimal>,
    /// Cancelled by a credit note (by the day asked about).
    pub cancelled: bool,
}

/// How an invoice's follow-up was closed while money was still owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureKind {
    /// Given up as uncollectable: reported apart, no longer outstanding.
    WrittenOff,
    /// Handed to a lawyer or a collection agency: still owed, followed up there.
    Legal,
}

/// The closing fact in force: which, since when and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closure<'a> {
    pub kind: ClosureKind,
    pub date: NaiveDate,
    pub note: &'a str,
}

/// A closing fact (written off, handed to legal) or its undoing (reopened).
fn is_closing(outcome: &Outcome) -> bool {
    matches!(
        outcome,
        Outcome::WrittenOff | Outcome::HandedToLegal | Outcome::Reopened
    )
}

/// The closing fact in force at the end of `as_of`: the latest closing or reopening entry dated
/// by then (by date, then by when it was recorded, then by id), if it closes.
pub fn closure<'a>(
    contacts: impl IntoIterator<Item = &'a ContactEntry>,
    as_of: NaiveDate,
) -> Option<Closure<'a>> {
    let latest = contacts
        .into_iter()
        .filter(|c| c.date <= as_of && is_closing(&c.outcome))
        .max_by(|a, b| (a.date, a.updated_at, &a.id).cmp(&(b.date, b.updated_at, &b.id)))?;
    let kind = match latest.outcome {
        Outcome::WrittenOff => ClosureKind::WrittenOff,
        Outcome::HandedToLegal => ClosureKind::Legal,
        _ => return None,
    };
    Some(Closure {
        kind,
        date: latest.date,
        note: &latest.note,
    })
}

/// Which part of the follow-up an invoice is in. A step belongs to one part ([`phase_of`]); only
/// steps of the invoice's part can be current, the others wait (a dispute pauses the policy's
/// steps) or are left over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Issued, not marked sent: the task is to send it.
    Unsent,
    /// The policy's steps, promise checks and re-contacts.
    Policy,
    /// An open dispute: only its review.
    Disputed,
}

/// The part of the follow-up a step of this kind belongs to.
pub fn phase_of(kind: StepKind) -> Phase {
    match kind {
        StepKind::SendInvoice => Phase::Unsent,
        StepKind::DisputeReview => Phase::Disputed,
        _ => Phase::Policy,
    }
}

/// The part of the follow-up the invoice is in, or `None` when it has no follow-up on `today`:
/// a draft (or issued later), cancelled by a credit note, nothing owed, or closed by a closing
/// fact.
pub fn phase(facts: &Facts, today: NaiveDate) -> Option<Phase> {
    let inv = facts.invoice;
    if inv.number.is_none() || inv.issue_date > today || facts.cancelled {
        return None;
    }
    if facts.owed.is_some_and(|o| o <= Decimal::ZERO) {
        return None;
    }
    if closure(facts.contacts.iter().copied(), today).is_some() {
        return None;
    }
    Some(if lifecycle::current_dispute(inv).is_some() {
        Phase::Disputed
    } else if inv.sent.is_none() {
        Phase::Unsent
    } else {
        Phase::Policy
    })
}

/// Which step a card showed, so that acting on it later (in a transaction, over data that may
/// have changed meanwhile) acts on that step or on none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StepRef {
    pub kind: StepKind,
    /// The stored step, or `None` for a step derived from the facts.
    pub step_id: Option<Id>,
    /// The date the policy gave it (before any snooze).
    pub planned: NaiveDate,
}

/// An invoice's current step: the one thing to do about it next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current<'a> {
    pub kind: StepKind,
    /// The stored step; `None` when it is derived from the facts (stored once acted on).
    pub step: Option<&'a FollowUpStep>,
    /// When it is to be done (a snoozed date included).
    pub due: NaiveDate,
    /// When the policy put it, before any snooze.
    pub planned: NaiveDate,
    /// Set when the user put it off; the original date is `planned`.
    pub snoozed: bool,
    /// Earlier open steps of the invoice, due by the day asked about, that this one makes
    /// pointless: acting on it closes them as superseded.
    pub supersedes: Vec<&'a FollowUpStep>,
}

impl Current<'_> {
    /// Due on or before `today`: a card on the agenda.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.due <= today
    }

    /// The reference a card keeps (see [`StepRef`]).
    pub fn reference(&self) -> StepRef {
        StepRef {
            kind: self.kind,
            step_id: self.step.map(|s| s.id.clone()),
            planned: self.planned,
        }
    }

    /// Whether `r` names this step.
    pub fn matches(&self, r: &StepRef) -> bool {
        self.kind == r.kind
            && match (self.step, &r.step_id) {
                (Some(s), Some(id)) => &s.id == id,
                (None, None) => self.planned == r.planned,
                _ => false,
            }
    }
}

/// The date a stored step was planned for, before any snooze.
pub fn planned(step: &FollowUpStep) -> NaiveDate {
    step.snoozed_from.unwrap_or(step.due)
}

/// `date` + `days` (negative goes back), then moved off the weekend if the policy asks; the
/// last day of the calendar when it would fall beyond it.
pub fn policy_date(date: NaiveDate, days: i64, policy: &CollectionPolicy) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    let day = if days >= 0 {
        date.checked_add_days(n)
    } else {
        date.checked_sub_days(n)
    };
    let day = day.unwrap_or(if days >= 0 { NaiveDate::MAX } else { NaiveDate::MIN });
    if !policy.shift_weekends_to_monday {
        return day;
    }
    let shift = match day.weekday() {
        Weekday::Sat => 2,
        Weekday::Sun => 1,
        _ => 0,
    };
    day.checked_add_days(Days::new(shift)).unwrap_or(day)
}

/// The order of "advance" among steps of the policy that fall due together: the later planned
/// date is the more advanced; on the same date, the later kind in the policy's order.
fn advance(step: &FollowUpStep) -> (NaiveDate, u8) {
    (planned(step), kind_rank(step.kind))
}

/// The policy's order of kinds, gentlest first.
pub fn kind_rank(kind: StepKind) -> u8 {
    match kind {
        StepKind::SendInvoice => 0,
        StepKind::ReceiptCheck => 1,
        StepKind::PreDue => 2,
        StepKind::DueDay => 3,
        StepKind::Reminder => 4,
        StepKind::PromiseCheck => 5,
        StepKind::FormalLetter => 6,
        StepKind::Escalation => 7,
        StepKind::Recontact => 8,
        StepKind::DisputeReview => 9,
    }
}

fn is_open(s: &FollowUpStep) -> bool {
    s.state == StepState::Open
}

/// The day a done step was done, if it was.
fn done_on(s: &FollowUpStep) -> Option<NaiveDate> {
    match s.state {
        StepState::Done { date } => Some(date),
        _ => None,
    }
}

/// The invoice's current step on `today` under `policy`, or `None` when it has no follow-up
/// (see [`phase`]). Always `Some` for an issued invoice that is owed and not closed.
///
/// - **Unsent**: an open "send it" step (snoozed), else one derived `send_after_issue` days
///   after the issue date, or `recontact_every` days after a "send it" already done (the
///   sending was not recorded).
/// - **Disputed**: an open review (snoozed), else one derived `dispute_review_after` days
///   after the dispute opened or `dispute_review_every` days after the last review done,
///   whichever is later. The policy's steps wait.
/// - **Policy**: of the open steps due by `today`, the most advanced ([`advance`]), which
///   supersedes the others; if none is due, the earliest open step. After the last of them, a
///   re-contact `recontact_every` days after the latest date planned or done (an open step's
///   date, a step done, a contact logged, the sending, the due date): it is the most advanced
///   of all once due, so an invoice left alone past its last step, or with no step left, is
///   contacted again, then every `recontact_every` days after each contact.
pub fn current<'a>(facts: &Facts<'a>, policy: &CollectionPolicy, today: NaiveDate) -> Option<Current<'a>> {
    let phase = phase(facts, today)?;
    let inv = facts.invoice;
    // A review left open by an earlier dispute is not this dispute's.
    let since = match phase {
        Phase::Disputed => lifecycle::current_dispute(inv).map_or(NaiveDate::MIN, |d| d.opened),
        _ => NaiveDate::MIN,
    };
    let open = || {
        facts
            .steps
            .iter()
            .copied()
            .filter(move |s| is_open(s) && phase_of(s.kind) == phase && planned(s) >= since)
    };
    let stored = |s: &'a FollowUpStep| Current {
        kind: s.kind,
        step: Some(s),
        due: s.due,
        planned: planned(s),
        snoozed: s.snoozed_from.is_some(),
        supersedes: Vec::new(),
    };
    let derived = |kind: StepKind, planned: NaiveDate| Current {
        kind,
        step: None,
        due: planned,
        planned,
        snoozed: false,
        supersedes: Vec::new(),
    };
    let last_done = |kind: StepKind, after: NaiveDate| {
        facts
            .steps
            .iter()
            .filter(|s| s.kind == kind)
            .filter_map(|s| done_on(s))
            .filter(|d| *d >= after)
            .max()
    };
    match phase {
        Phase::Unsent | Phase::Disputed => {
            // One open step of the part at most in practice; the earliest if several.
            if let Some(s) = open().min_by_key(|s| (s.due, &s.id)) {
                let mut c = stored(s);
                c.supersedes = open().filter(|o| o.id != s.id && o.due <= today).collect();
                return Some(c);
            }
            Some(match phase {
                Phase::Unsent => {
                    let first = policy_date(inv.issue_date, policy.send_after_issue, policy);
                    let again = last_done(StepKind::SendInvoice, inv.issue_date)
                        .map(|d| policy_date(d, policy.recontact_every.max(1), policy));
                    derived(StepKind::SendInvoice, again.map_or(first, |a| a.max(first)))
                }
                _ => {
                    let opened = lifecycle::current_dispute(inv).map_or(inv.issue_date, |d| d.opened);
                    let first = policy_date(opened, policy.dispute_review_after, policy);
                    let again = last_done(StepKind::DisputeReview, opened)
                        .map(|d| policy_date(d, policy.dispute_review_every.max(1), policy));
                    derived(StepKind::DisputeReview, again.map_or(first, |a| a.max(first)))
                }
            })
        }
        Phase::Policy => {
            // The re-contact comes `recontact_every` days after the last thing planned or done:
            // an open step's date (snoozed or not), a step done, a contact logged, a dispute
            // resolved, the sending, the due date. A step skipped or superseded never happened.
            let anchor = facts
                .steps
                .iter()
                .filter(|s| phase_of(s.kind) == Phase::Policy)
                .filter_map(|s| match s.state {
                    StepState::Open => Some(s.due),
                    StepState::Done { date } => Some(date),
                    // Skipped or superseded: that contact never happened.
                    _ => None,
                })
                .chain(
                    facts
                        .contacts
                        .iter()
                        .filter(|c| !is_closing(&c.outcome))
                        .map(|c| c.date)
                        .filter(|d| *d <= today),
                )
                .chain(
                    inv.disputes
                        .iter()
                        .filter_map(|d| d.resolved)
                        .filter(|d| *d <= today),
                )
                .chain(inv.sent.as_ref().map(|s| s.date))
                .chain([inv.due_date])
                .max()
                .unwrap_or(inv.due_date);
            let mut recontact = policy_date(anchor, policy.recontact_every.max(1), policy);
            // Reopened after a closing fact, with nothing left open and nothing done since: the
            // follow-up resumes on the day it was reopened.
            let reopened = facts
                .contacts
                .iter()
                .filter(|c| c.outcome == Outcome::Reopened && c.date <= today)
                .map(|c| c.date)
                .max();
            if let Some(day) = reopened.filter(|d| *d > anchor) {
                if open().next().is_none() {
                    recontact = day;
                }
            }
            let mut due_now: Vec<&'a FollowUpStep> = open().filter(|s| s.due <= today).collect();
            crate::order::sort_by(&mut due_now, |a, b| (advance(a), &a.id).cmp(&(advance(b), &b.id)));
            if recontact <= today {
                // Left alone past the last step: contacting again is what to do, and it
                // supersedes whatever is still open.
                let mut c = derived(StepKind::Recontact, recontact);
                c.supersedes = due_now;
                return Some(c);
            }
            if let Some(top) = due_now.pop() {
                let mut c = stored(top);
                c.supersedes = due_now;
                return Some(c);
            }
            if let Some(next) =
                open().min_by(|a, b| (a.due, advance(a), &a.id).cmp(&(b.due, advance(b), &b.id)))
            {
                return Some(stored(next));
            }
            Some(derived(StepKind::Recontact, recontact))
        }
    }
}

/// How many promises to pay the client made about this invoice whose date has passed by
/// `today` while the invoice is still owed (each one was broken: the money did not come).
pub fn promises_broken(facts: &Facts, today: NaiveDate) -> u32 {
    if facts.owed.is_some_and(|o| o <= Decimal::ZERO) {
        return 0;
    }
    let n = facts
        .contacts
        .iter()
        .filter(|c| c.date <= today)
        .filter(|c| matches!(c.outcome, Outcome::PromisedToPay { date } if date < today))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How many reminders about the invoice's lateness were really sent (done), so that a text
/// never calls itself the second reminder when the first was skipped or superseded.
pub fn reminders_sent(facts: &Facts) -> u32 {
    let n = facts
        .steps
        .iter()
        .filter(|s| matches!(s.kind, StepKind::Reminder | StepKind::Recontact))
        .filter(|s| done_on(s).is_some())
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The day the formal letter was sent (done), if it was.
pub fn letter_sent(facts: &Facts) -> Option<NaiveDate> {
    facts
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::FormalLetter)
        .filter_map(|s| done_on(s))
        .max()
}

/// The latest promised date logged for the invoice (by contact date, then by when it was
/// recorded), on or before `today`'s contacts.
pub fn promised_date(facts: &Facts, today: NaiveDate) -> Option<NaiveDate> {
    facts
        .contacts
        .iter()
        .filter(|c| c.date <= today)
        .filter_map(|c| match c.outcome {
            Outcome::PromisedToPay { date } => Some((c.date, c.updated_at, date)),
            _ => None,
        })
        .max()
        .map(|(_, _, d)| d)
}

/// What was last done about the invoice, and when, as a card says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastDone<'a> {
    pub date: NaiveDate,
    pub what: LastWhat<'a>,
}

/// The kind of the last thing done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LastWhat<'a> {
    /// The invoice was sent.
    Sent { channel: crate::model::Channel },
    /// A contact was logged (with the step it answered, if any).
    Contact {
        channel: crate::model::Channel,
        outcome: &'a Outcome,
        step: Option<StepKind>,
    },
}

/// The latest of the contacts logged (on or before `today`) and the sending.
pub fn last_done<'a>(facts: &Facts<'a>, today: NaiveDate) -> Option<LastDone<'a>> {
    let contact = facts
        .contacts
        .iter()
        .filter(|c| c.date <= today)
        .max_by(|a, b| (a.date, a.updated_at, &a.id).cmp(&(b.date, b.updated_at, &b.id)));
    let sent = facts.invoice.sent.as_ref().filter(|s| s.date <= today);
    match (contact, sent) {
        (Some(c), s) if s.is_none_or(|s| c.date >= s.date) => {
            let step = c
                .step_id
                .as_ref()
                .and_then(|id| facts.steps.iter().find(|s| &s.id == id))
                .map(|s| s.kind);
            Some(LastDone {
                date: c.date,
                what: LastWhat::Contact {
                    channel: c.channel,
                    outcome: &c.outcome,
                    step,
                },
            })
        }
        (_, Some(s)) => Some(LastDone {
            date: s.date,
            what: LastWhat::Sent { channel: s.channel },
        }),
        _ => None,
    }
}

/// Runs `f` on the facts of a stored family (an invoice with its steps, payments, credit
/// notes and contacts, as storage reads it for one write), as of now: what storage asks before
/// acting on an invoice's current step. `None` for a family without its invoice.
pub fn with_family<R>(fam: &crate::pack::Family, f: impl FnOnce(&Facts) -> R) -> Option<R> {
    let invoice = fam.invoice()?;
    let steps: Vec<&FollowUpStep> = fam.steps.iter().collect();
    let contacts: Vec<&ContactEntry> = fam.contacts.iter().collect();
    let payments: Vec<&crate::model::Payment> = fam.payments.iter().collect();
    let notes: Vec<&crate::model::CreditNote> = fam.credit_notes.iter().collect();
    let owed = lifecycle::balance(invoice, &payments, &notes)
        .ok()
        .map(|b| b.owed);
    Some(f(&Facts {
        invoice,
        steps: &steps,
        contacts: &contacts,
        owed,
        cancelled: invoice.cancelled_by.is_some(),
    }))
}

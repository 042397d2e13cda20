//! Follow-up schedule: the collection policy applied to one invoice, and how facts change it.
//!
//! Practice 4 of the domain ("no system") asks for the same written policy applied to every
//! invoice. [`plan`] turns a [`CollectionPolicy`] into dated [`FollowUpStep`]s when an invoice is
//! sent; the `on_*` handlers are the only way facts (payment, promise, dispute resolution,
//! re-sending) change those steps. Handlers are pure: they read the invoice's current steps and
//! return only the steps they changed or created, stamped `now`, for the caller to upsert by id
//! (so a backup merge sees exactly which records changed).
//!
//! Decisions recorded here so they live in one place:
//! - **Payment in full** marks open steps `Superseded`, not `Done`: `Done` means "this contact
//!   happened on that date", and no contact happened; the payment made it unnecessary.
//! - **A dispute pauses** without touching any step: the pause is derived from the invoice's own
//!   facts ([`crate::lifecycle::current_dispute`]), and while it lasts the invoice's current
//!   step is its review ([`crate::follow_up`]). Nothing is rewritten while the dispute is open,
//!   so nothing can be lost if it is reopened, edited or merged from another device. When it is
//!   resolved, [`on_dispute_resolved`] resumes.
//! - **One current step per invoice** ([`crate::follow_up::current`]): acting on it settles it
//!   and supersedes the earlier ones it covers ([`settle`], [`settle_shown`]); snoozing moves the
//!   whole invoice ([`snooze_invoice`]). The steps the follow-up derives (send it, dispute
//!   review, re-contact) are stored only when acted on.
//! - **Channels** are suggestions ([`suggested_channel`]); the user may contact any other way.
//! - **Weekend shift** (when the policy asks for it) applies to every date the schedule computes,
//!   but never to a date the user chose with [`snooze`].

use crate::follow_up::{self, Current, Facts, Phase};
use crate::model::{
    Channel, Client, CollectionPolicy, Dispute, FollowUpStep, Id, Invoice, Stamp, StepKind, StepState,
};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use thiserror::Error;

/// Why a change to the schedule was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScheduleError {
    #[error("this {kind} is already {state}; only an open step can be changed")]
    NotOpen { kind: &'static str, state: &'static str },
    #[error("cannot postpone to {to}: that date is already past (today is {today})")]
    SnoozeInPast { to: NaiveDate, today: NaiveDate },
    #[error("please say why this step is skipped")]
    EmptyReason,
    #[error("the dispute is not resolved yet, so the follow-up stays paused")]
    DisputeNotResolved,
    #[error("the dispute cannot be resolved on {resolved} before it was opened on {opened}")]
    ResolvedBeforeOpened { opened: NaiveDate, resolved: NaiveDate },
    #[error("the date is too far from today to schedule")]
    DateOutOfRange,
}

/// Reason stored on a pre-due step that would come too early to make sense.
pub const PRE_DUE_TOO_EARLY: &str =
    "the pre-due contact would fall on or before the receipt check, so the receipt check covers it";

/// The policy that governs a client's invoices: the client's own override wins over the app's.
pub fn effective_policy<'a>(
    settings_policy: &'a CollectionPolicy,
    client: &'a Client,
) -> &'a CollectionPolicy {
    client.policy_override.as_ref().unwrap_or(settings_policy)
}

/// The channel we suggest for a step. `nth` counts steps of the same kind from 0 (only reminders
/// use it). Written reminders come first because they leave a trace; from the second reminder on
/// a phone call, since emails have already been ignored. Promise checks and escalations are
/// calls: a broken promise or a payment plan is negotiated by voice, a meeting being the user's
/// call. The formal letter is, by definition, a letter (burofax or registered mail in Spain).
///
/// Sending the invoice is an email; a re-contact after the policy and a dispute review are
/// calls: a debt that outlived the whole policy, or a disagreement, is talked through.
pub fn suggested_channel(kind: StepKind, nth: usize) -> Channel {
    match kind {
        StepKind::ReceiptCheck | StepKind::PreDue | StepKind::DueDay | StepKind::SendInvoice => {
            Channel::Email
        }
        StepKind::Reminder if nth == 0 => Channel::Email,
        StepKind::Reminder
        | StepKind::PromiseCheck
        | StepKind::Escalation
        | StepKind::Recontact
        | StepKind::DisputeReview => Channel::Phone,
        StepKind::FormalLetter => Channel::Letter,
    }
}

/// `date` plus `days` (negative goes back); `None` beyond the calendar's range.
fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let n = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(n)
    } else {
        date.checked_sub_days(n)
    }
}

/// The day a contact computed as `base + offset` actually happens under `policy`.
fn step_date(base: NaiveDate, offset: i64, policy: &CollectionPolicy) -> Option<NaiveDate> {
    let day = add_days(base, offset)?;
    if !policy.shift_weekends_to_monday {
        return Some(day);
    }
    match day.weekday() {
        Weekday::Sat => add_days(day, 2),
        Weekday::Sun => add_days(day, 1),
        _ => Some(day),
    }
}

fn new_step(
    inv: &Invoice,
    kind: StepKind,
    nth: usize,
    due: NaiveDate,
    state: StepState,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> FollowUpStep {
    FollowUpStep {
        id: new_id(),
        invoice_id: inv.id.clone(),
        kind,
        due,
        channel: suggested_channel(kind, nth),
        state,
        snoozed_from: None,
        updated_at: now,
    }
}

/// The steps of an invoice sent on `sent_on` under `policy`, earliest first.
///
/// The pre-due contact is created already `Skipped` (with [`PRE_DUE_TOO_EARLY`]) when it falls on
/// or before the receipt check, or before the sending: with short terms the receipt check is
/// the pre-due contact. It is kept rather than omitted so the user sees why it will not happen.
/// Dates are compared after the weekend shift, i.e. on the days the contacts really happen.
/// A step whose date would fall outside the calendar (absurd offsets) is left out.
pub fn plan(
    inv: &Invoice,
    sent_on: NaiveDate,
    policy: &CollectionPolicy,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Vec<FollowUpStep> {
    let due = inv.due_date;
    let receipt = step_date(sent_on, policy.receipt_check_after_send, policy);
    let pre_due = policy
        .pre_due_before_due
        .checked_neg()
        .and_then(|back| step_date(due, back, policy));
    let pre_due_state = match pre_due {
        Some(day) if day < sent_on || receipt.is_some_and(|r| day <= r) => StepState::Skipped {
            reason: PRE_DUE_TOO_EARLY.to_owned(),
        },
        _ => StepState::Open,
    };

    let mut wanted: Vec<(StepKind, usize, Option<NaiveDate>, StepState)> = vec![
        (StepKind::ReceiptCheck, 0, receipt, StepState::Open),
        (StepKind::PreDue, 0, pre_due, pre_due_state),
    ];
    if policy.due_day_reminder {
        wanted.push((StepKind::DueDay, 0, step_date(due, 0, policy), StepState::Open));
    }
    for (nth, &after) in policy.reminders_after_due.iter().enumerate() {
        wanted.push((
            StepKind::Reminder,
            nth,
            step_date(due, after, policy),
            StepState::Open,
        ));
    }
    wanted.push((
        StepKind::FormalLetter,
        0,
        step_date(due, policy.formal_letter_after_due, policy),
        StepState::Open,
    ));
    wanted.push((
        StepKind::Escalation,
        0,
        step_date(due, policy.escalation_after_due, policy),
        StepState::Open,
    ));

    let mut steps: Vec<FollowUpStep> = wanted
        .into_iter()
        .filter_map(|(kind, nth, day, state)| day.map(|d| new_step(inv, kind, nth, d, state, new_id, now)))
        .collect();
    // Stable: steps on the same day keep the policy's order.
    crate::order::sort_by_key(&mut steps, |s| s.due);
    steps
}

fn is_open(step: &FollowUpStep) -> bool {
    step.state == StepState::Open
}

/// `step` with `state`, stamped `now`.
fn with_state(step: &FollowUpStep, state: StepState, now: Stamp) -> FollowUpStep {
    FollowUpStep {
        state,
        updated_at: now,
        ..step.clone()
    }
}

/// `step` moved to `due`, stamped `now`.
fn moved(step: &FollowUpStep, due: NaiveDate, now: Stamp) -> FollowUpStep {
    FollowUpStep {
        due,
        updated_at: now,
        ..step.clone()
    }
}

/// The invoice was paid in full: every open step is closed as `Superseded` (see module doc).
/// Returns the changed steps.
pub fn on_paid_in_full(steps: &[FollowUpStep], now: Stamp) -> Vec<FollowUpStep> {
    steps
        .iter()
        .filter(|s| is_open(s))
        .map(|s| with_state(s, StepState::Superseded, now))
        .collect()
}

/// The client promised to pay on `promised`: a promise check is added at `promised +
/// policy.promise_check_after`, so the next contact is that check.
///
/// - Open gentle contacts (receipt check, pre-due, due day, reminders) due before the check are
///   superseded: chasing someone who just promised is pointless.
/// - Any earlier open promise check is superseded, whatever its date: the new promise replaces it.
/// - An open formal letter or escalation due before the check is moved to the day after it
///   (weekend-shifted): a broken promise is exactly when it is due, so it must not be lost.
/// - Steps on or after the check are kept unchanged.
///
/// Returns the changed steps followed by the new check.
pub fn on_promise(
    steps: &[FollowUpStep],
    promised: NaiveDate,
    policy: &CollectionPolicy,
    inv: &Invoice,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Result<Vec<FollowUpStep>, ScheduleError> {
    let check =
        step_date(promised, policy.promise_check_after, policy).ok_or(ScheduleError::DateOutOfRange)?;
    let after_check = step_date(check, 1, policy).ok_or(ScheduleError::DateOutOfRange)?;
    let mut out: Vec<FollowUpStep> = steps
        .iter()
        .filter(|s| is_open(s))
        .filter_map(|s| match s.kind {
            StepKind::PromiseCheck => Some(with_state(s, StepState::Superseded, now)),
            _ if s.due >= check => None,
            StepKind::FormalLetter | StepKind::Escalation => Some(moved(s, after_check, now)),
            _ => Some(with_state(s, StepState::Superseded, now)),
        })
        .collect();
    out.push(new_step(
        inv,
        StepKind::PromiseCheck,
        0,
        check,
        StepState::Open,
        new_id,
        now,
    ));
    Ok(out)
}

/// The dispute was resolved: the follow-up resumes the day after (weekend-shifted).
///
/// Open steps that fell due while it was open (due from `opened` to `resolved`, inclusive) were
/// not acted on. Rather than firing all of them at once, the most advanced one (latest due; on a
/// tie the later kind in the policy's order) is moved to the day after the resolution and the
/// others are superseded: the follow-up resumes at the level the invoice has reached. Steps due
/// later are kept. A review of the dispute still open (snoozed) is superseded: there is nothing
/// left to review. Returns the changed steps.
pub fn on_dispute_resolved(
    steps: &[FollowUpStep],
    dispute: &Dispute,
    policy: &CollectionPolicy,
    now: Stamp,
) -> Result<Vec<FollowUpStep>, ScheduleError> {
    let resolved = dispute.resolved.ok_or(ScheduleError::DisputeNotResolved)?;
    if resolved < dispute.opened {
        return Err(ScheduleError::ResolvedBeforeOpened {
            opened: dispute.opened,
            resolved,
        });
    }
    let resume = step_date(resolved, 1, policy).ok_or(ScheduleError::DateOutOfRange)?;
    let reviews = steps
        .iter()
        .filter(|s| is_open(s) && s.kind == StepKind::DisputeReview)
        .map(|s| with_state(s, StepState::Superseded, now));
    let paused: Vec<&FollowUpStep> = steps
        .iter()
        .filter(|s| is_open(s) && s.kind != StepKind::DisputeReview)
        .filter(|s| s.due >= dispute.opened && s.due <= resolved)
        .collect();
    let Some(latest) = paused.iter().copied().max_by_key(|s| (s.due, s.kind)) else {
        return Ok(reviews.collect());
    };
    Ok(paused
        .iter()
        .map(|s| {
            if s.id == latest.id {
                moved(s, resume, now)
            } else {
                with_state(s, StepState::Superseded, now)
            }
        })
        .chain(reviews)
        .collect())
}

/// The invoice was marked sent on `sent_on` (the sending is already on `sent`): the first
/// sending plans the policy's steps ([`plan`]); a later one is a re-sending ([`on_resend`]).
/// An open "send it" step is done on that day either way. Returns the changed and new steps.
pub fn on_sent(
    steps: &[FollowUpStep],
    sent: &Invoice,
    sent_on: NaiveDate,
    policy: &CollectionPolicy,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Result<Vec<FollowUpStep>, ScheduleError> {
    let planned = steps.iter().any(|s| follow_up::phase_of(s.kind) == Phase::Policy);
    let mut out = if planned {
        on_resend(steps, sent_on, policy, sent, new_id, now)?
    } else {
        plan(sent, sent_on, policy, new_id, now)
    };
    out.extend(
        steps
            .iter()
            .filter(|s| is_open(s) && s.kind == StepKind::SendInvoice)
            .map(|s| with_state(s, StepState::Done { date: sent_on }, now)),
    );
    Ok(out)
}

/// The invoice's current step was done on `date`: it is stored done (a derived step is stored
/// now, with a new id) and the earlier open steps it supersedes are closed as superseded
/// (recorded, not dropped). Returns the changed and new steps; the done one first.
pub fn settle(
    current: &Current,
    inv: &Invoice,
    date: NaiveDate,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Vec<FollowUpStep> {
    let done = match current.step {
        Some(s) => with_state(s, StepState::Done { date }, now),
        None => new_step(
            inv,
            current.kind,
            0,
            current.planned,
            StepState::Done { date },
            new_id,
            now,
        ),
    };
    let mut out = vec![done];
    out.extend(
        current
            .supersedes
            .iter()
            .filter(|s| is_open(s))
            .map(|s| with_state(s, StepState::Superseded, now)),
    );
    out
}

/// The card of an invoice showed `shown`, and the user acted on it on `date`: if it is still
/// the invoice's current step on `today`, it is settled ([`settle`]); if it is not but names a
/// stored step still open, that step alone is done; otherwise nothing changes (another tab or
/// a later fact already moved on; the contact is logged all the same).
#[allow(clippy::too_many_arguments)]
pub fn settle_shown(
    facts: &Facts,
    policy: &CollectionPolicy,
    today: NaiveDate,
    shown: &follow_up::StepRef,
    date: NaiveDate,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Vec<FollowUpStep> {
    if let Some(c) = follow_up::current(facts, policy, today).filter(|c| c.matches(shown)) {
        return settle(&c, facts.invoice, date, new_id, now);
    }
    shown
        .step_id
        .as_ref()
        .and_then(|id| facts.steps.iter().find(|s| &s.id == id && is_open(s)))
        .map(|s| vec![with_state(s, StepState::Done { date }, now)])
        .unwrap_or_default()
}

/// Put the whole invoice off until `to` (today or later): every open step of its current part
/// of the follow-up that falls before `to` moves to `to`, keeping the date it was planned for;
/// a derived current step is stored, open, on `to`. So the invoice's card comes back on `to`,
/// whatever falls due meanwhile, showing the most advanced step by then.
pub fn snooze_invoice(
    facts: &Facts,
    current: &Current,
    to: NaiveDate,
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Result<Vec<FollowUpStep>, ScheduleError> {
    if to < today {
        return Err(ScheduleError::SnoozeInPast { to, today });
    }
    let part = follow_up::phase_of(current.kind);
    let mut out: Vec<FollowUpStep> = facts
        .steps
        .iter()
        .filter(|s| is_open(s) && follow_up::phase_of(s.kind) == part && s.due < to)
        .map(|s| FollowUpStep {
            snoozed_from: s.snoozed_from.or(Some(s.due)),
            ..moved(s, to, now)
        })
        .collect();
    if current.step.is_none() && current.due < to {
        let mut s = new_step(facts.invoice, current.kind, 0, to, StepState::Open, new_id, now);
        s.snoozed_from = Some(current.planned);
        out.push(s);
    }
    Ok(out)
}

/// A closing fact (written off, handed to legal) was logged: every open step is closed as
/// superseded. Reopening needs nothing here: the follow-up is derived again from the facts.
pub fn on_closed(steps: &[FollowUpStep], now: Stamp) -> Vec<FollowUpStep> {
    on_paid_in_full(steps, now)
}

/// The client said they never received the invoice and it was sent again on `sent_on`: any open
/// receipt check is superseded and a new one is planned after the new sending.
/// Returns the changed steps followed by the new check.
pub fn on_resend(
    steps: &[FollowUpStep],
    sent_on: NaiveDate,
    policy: &CollectionPolicy,
    inv: &Invoice,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Result<Vec<FollowUpStep>, ScheduleError> {
    let check =
        step_date(sent_on, policy.receipt_check_after_send, policy).ok_or(ScheduleError::DateOutOfRange)?;
    let mut out: Vec<FollowUpStep> = steps
        .iter()
        .filter(|s| is_open(s) && s.kind == StepKind::ReceiptCheck)
        .map(|s| with_state(s, StepState::Superseded, now))
        .collect();
    out.push(new_step(
        inv,
        StepKind::ReceiptCheck,
        0,
        check,
        StepState::Open,
        new_id,
        now,
    ));
    Ok(out)
}

/// The step kind in plain words, as messages and the command-line agenda name it.
pub fn kind_label(kind: StepKind) -> &'static str {
    match kind {
        StepKind::ReceiptCheck => "receipt check",
        StepKind::PreDue => "pre-due contact",
        StepKind::DueDay => "due-day reminder",
        StepKind::Reminder => "reminder",
        StepKind::FormalLetter => "formal letter",
        StepKind::Escalation => "escalation",
        StepKind::PromiseCheck => "promise check",
        StepKind::SendInvoice => "send the invoice",
        StepKind::Recontact => "re-contact",
        StepKind::DisputeReview => "dispute review",
    }
}

/// Refuses to change a step that is no longer open.
fn ensure_open(step: &FollowUpStep) -> Result<(), ScheduleError> {
    let state = match step.state {
        StepState::Open => return Ok(()),
        StepState::Done { .. } => "done",
        StepState::Skipped { .. } => "skipped",
        StepState::Superseded => "closed by a later event",
    };
    Err(ScheduleError::NotOpen {
        kind: kind_label(step.kind),
        state,
    })
}

/// The contact of an open step happened on `date`.
pub fn on_step_done(step: &FollowUpStep, date: NaiveDate, now: Stamp) -> Result<FollowUpStep, ScheduleError> {
    ensure_open(step)?;
    Ok(with_state(step, StepState::Done { date }, now))
}

/// Postpone an open step to `to` (today or later). `snoozed_from` keeps the originally planned
/// date across repeated snoozes, so the user can see how long it has been put off.
pub fn snooze(
    step: &FollowUpStep,
    to: NaiveDate,
    today: NaiveDate,
    now: Stamp,
) -> Result<FollowUpStep, ScheduleError> {
    ensure_open(step)?;
    if to < today {
        return Err(ScheduleError::SnoozeInPast { to, today });
    }
    Ok(FollowUpStep {
        snoozed_from: step.snoozed_from.or(Some(step.due)),
        ..moved(step, to, now)
    })
}

/// Decide not to make an open step's contact, saying why.
pub fn skip(step: &FollowUpStep, reason: &str, now: Stamp) -> Result<FollowUpStep, ScheduleError> {
    ensure_open(step)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ScheduleError::EmptyReason);
    }
    Ok(with_state(
        step,
        StepState::Skipped {
            reason: reason.to_owned(),
        },
        now,
    ))
}

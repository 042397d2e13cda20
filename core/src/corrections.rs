//! Putting payments right. A payment is recorded only on a day that has happened and, beyond
//! what is owed, only once the user confirmed the excess; one that settles the invoice with
//! its early-payment discount writes the discount down (amount and rule). A wrong payment is
//! never deleted: it is **voided** (kept on file with the day and the reason, counted nowhere)
//! or **corrected**, which is a void naming the payment recorded in its place, in one step.
//!
//! Why void-and-replace rather than editing in place: a payment may already be in an export
//! the accountant holds, or on another device; a record that changes amount under the same id
//! would silently rewrite that history, while a voided original next to its replacement says
//! what happened, when and why, and merges by id like every record (the newer copy, the void,
//! wins). Every figure follows from one fact ([`Payment::counts`]): balances, statuses, the
//! ledger, reports and CSV exports leave voided payments out, and the follow-up steps a
//! settling payment had closed ([`Payment::closed_steps`]) open again when voiding it leaves
//! the invoice owed.

use crate::ledger::Ledger;
use crate::lifecycle::{self, Balance};
use crate::model::{
    CreditNote, EarlyDiscountTaken, FollowUpStep, Id, Invoice, Payment, PaymentMethod, PaymentVoid, Stamp,
    StepState,
};
use crate::money::MoneyError;
use crate::report::Period;
use crate::tax;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use thiserror::Error;

/// Why a payment cannot be recorded, voided or corrected as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PaymentError {
    #[error("a payment must be more than zero, not {amount}")]
    NotPositive { amount: Decimal },
    #[error("the payment date {date} is in the future (today is {today})")]
    InFuture { date: NaiveDate, today: NaiveDate },
    #[error("this invoice is still a draft: issue it first")]
    NotIssued,
    #[error("this invoice was cancelled by a credit note")]
    Cancelled,
    /// Asked before it is written: the payment is more than what is owed, by `by` (`owed`: what
    /// it would settle, with the early-payment discount when paid in time).
    #[error("the payment is {by} {currency} more than the {owed} {currency} owed")]
    Overpayment {
        by: Decimal,
        owed: Decimal,
        currency: String,
    },
    #[error("the payment “{id}” does not exist")]
    NotFound { id: Id },
    #[error("the payment belongs to another invoice")]
    OtherInvoice,
    #[error("this payment was already voided")]
    AlreadyVoided,
    #[error("say why the payment is voided")]
    EmptyReason,
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// What a payment would do if recorded now: shown while it is typed, checked when saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentPreview {
    /// Owed before it (the payment it corrects left out).
    pub owed_before: Decimal,
    /// Owed after it.
    pub owed_after: Decimal,
    /// How much more it is than what it can settle: the overpayment it creates (zero when it
    /// fits). A non-zero excess must be confirmed.
    pub excess: Decimal,
    /// The part of it that settles what is owed (its amount less the excess; with the
    /// early-payment discount when it earns it).
    pub settling: Decimal,
    /// The early-payment discount it settles the invoice with, if it does.
    pub discount: Option<EarlyDiscountTaken>,
    /// Nothing is owed after it.
    pub settles: bool,
}

/// The records a payment operation changes, for the caller to store in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentChange {
    /// New or changed payments: the one recorded, the one voided, or both for a correction.
    pub payments: Vec<Payment>,
    /// Steps closed (the invoice is settled) or opened again (it is owed again).
    pub steps: Vec<FollowUpStep>,
    /// The invoice's balance afterwards.
    pub balance: Balance,
}

/// An invoice's records as an operation reads them: its payments (voided ones included), its
/// credit notes and its follow-up steps. Records of other invoices in these lists are ignored.
#[derive(Debug, Clone, Copy)]
pub struct InvoiceRecords<'a> {
    pub invoice: &'a Invoice,
    pub payments: &'a [Payment],
    pub credit_notes: &'a [CreditNote],
    pub steps: &'a [FollowUpStep],
}

impl<'a> InvoiceRecords<'a> {
    fn balance_without(&self, left_out: &[&str], extra: Option<&Payment>) -> Result<Balance, MoneyError> {
        let mut pays: Vec<&Payment> = self
            .payments
            .iter()
            .filter(|p| p.invoice_id == self.invoice.id && !left_out.contains(&p.id.as_str()))
            .collect();
        pays.extend(extra);
        let cns: Vec<&CreditNote> = self
            .credit_notes
            .iter()
            .filter(|c| c.invoice_id == self.invoice.id)
            .collect();
        lifecycle::balance(self.invoice, &pays, &cns)
    }

    fn find(&self, id: &str) -> Result<&'a Payment, PaymentError> {
        self.payments
            .iter()
            .find(|p| p.id == id && p.invoice_id == self.invoice.id)
            .ok_or_else(|| PaymentError::NotFound { id: id.into() })
    }
}

/// The checks every new payment passes: an issued, live invoice; more than zero; not dated
/// after `today`.
fn check_new(inv: &Invoice, p: &Payment, today: NaiveDate) -> Result<(), PaymentError> {
    if inv.number.is_none() {
        return Err(PaymentError::NotIssued);
    }
    if inv.cancelled_by.is_some() {
        return Err(PaymentError::Cancelled);
    }
    if p.invoice_id != inv.id {
        return Err(PaymentError::OtherInvoice);
    }
    if p.amount <= Decimal::ZERO {
        return Err(PaymentError::NotPositive { amount: p.amount });
    }
    if p.date > today {
        return Err(PaymentError::InFuture { date: p.date, today });
    }
    Ok(())
}

/// What `candidate` would do to the invoice, in place of the payment `replacing` (a
/// correction) when given, or added to the others. Refused like a save would be, except for
/// the overpayment, which the preview reports as its `excess`.
pub fn preview(
    records: &InvoiceRecords,
    candidate: &Payment,
    replacing: Option<&str>,
    today: NaiveDate,
) -> Result<PaymentPreview, PaymentError> {
    check_new(records.invoice, candidate, today)?;
    let mut left_out = vec![candidate.id.as_str()];
    left_out.extend(replacing);
    let before = records.balance_without(&left_out, None)?;
    // Without a discount of its own, so that the rule decides whether it earns one.
    let plain = Payment {
        early_discount: None,
        voided: None,
        ..candidate.clone()
    };
    let after = records.balance_without(&left_out, Some(&plain))?;
    let discount = (before.early_discount.is_zero() && !after.early_discount.is_zero())
        .then_some(records.invoice.early_payment.as_ref())
        .flatten()
        .map(|terms| EarlyDiscountTaken {
            amount: after.early_discount,
            discount_pct: terms.discount_pct,
            within_days: terms.within_days,
        });
    let excess = lifecycle::at_least_zero(
        after
            .overpaid
            .checked_sub(before.overpaid)
            .ok_or(MoneyError::Overflow)?,
    );
    Ok(PaymentPreview {
        owed_before: before.owed,
        owed_after: after.owed,
        excess,
        settling: candidate.amount.checked_sub(excess).ok_or(MoneyError::Overflow)?,
        discount,
        settles: after.owed.is_zero(),
    })
}

/// Record `payment` on its invoice. Refused on a day after `today`, and beyond what is owed
/// unless `confirmed_excess` is at least the excess (the user saw and accepted that figure).
/// A payment that settles the invoice closes its open steps and keeps their ids; one that
/// earns the early-payment discount carries it.
pub fn record_payment(
    records: &InvoiceRecords,
    payment: &Payment,
    today: NaiveDate,
    confirmed_excess: Option<Decimal>,
    now: Stamp,
) -> Result<PaymentChange, PaymentError> {
    record_in_place_of(records, payment, None, today, confirmed_excess, now)
}

fn record_in_place_of(
    records: &InvoiceRecords,
    payment: &Payment,
    replacing: Option<&str>,
    today: NaiveDate,
    confirmed_excess: Option<Decimal>,
    now: Stamp,
) -> Result<PaymentChange, PaymentError> {
    let seen = preview(records, payment, replacing, today)?;
    if seen.excess > confirmed_excess.unwrap_or(Decimal::ZERO) {
        return Err(PaymentError::Overpayment {
            by: seen.excess,
            owed: seen.settling,
            currency: records.invoice.currency.clone(),
        });
    }
    let closed: Vec<FollowUpStep> = if seen.settles {
        records
            .steps
            .iter()
            .filter(|s| s.state == StepState::Open && s.invoice_id == records.invoice.id)
            .map(|s| with_state(s, StepState::Superseded, now))
            .collect()
    } else {
        Vec::new()
    };
    let recorded = Payment {
        early_discount: seen.discount,
        closed_steps: closed.iter().map(|s| s.id.clone()).collect(),
        voided: None,
        updated_at: now,
        ..payment.clone()
    };
    let mut left_out = vec![recorded.id.as_str()];
    left_out.extend(replacing);
    let balance = records.balance_without(&left_out, Some(&recorded))?;
    Ok(PaymentChange {
        payments: vec![recorded],
        steps: closed,
        balance,
    })
}

/// Void a payment: it stays on file with `today` and `reason`, and counts nowhere from now on.
/// When the invoice is owed again, the steps the payments had closed open again.
pub fn void_payment(
    records: &InvoiceRecords,
    payment_id: &str,
    reason: &str,
    today: NaiveDate,
    now: Stamp,
) -> Result<PaymentChange, PaymentError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(PaymentError::EmptyReason);
    }
    let old = records.find(payment_id)?;
    let voided = voided(old, reason, None, today, now)?;
    let balance = records.balance_without(&[payment_id], Some(&voided))?;
    let steps = reopened(records, &balance, now);
    Ok(PaymentChange {
        payments: vec![voided],
        steps,
        balance,
    })
}

/// Correct a payment: `old_id` is voided (with `reason`, which may be empty: the replacement
/// says why) and `new` recorded in its place, under the same checks as a new payment. The
/// steps end as they would after the void and then the new payment.
#[allow(clippy::too_many_arguments)]
pub fn correct_payment(
    records: &InvoiceRecords,
    old_id: &str,
    new: &Payment,
    reason: &str,
    today: NaiveDate,
    confirmed_excess: Option<Decimal>,
    now: Stamp,
) -> Result<PaymentChange, PaymentError> {
    let old = records.find(old_id)?;
    if new.id == old.id {
        return Err(PaymentError::NotFound { id: new.id.clone() });
    }
    let voided = voided(old, reason.trim(), Some(new.id.clone()), today, now)?;
    // First the void on its own: the steps it opens again are then the new payment's to close.
    let after_void = records.balance_without(&[old_id], Some(&voided))?;
    let mut steps: Vec<FollowUpStep> = records.steps.to_vec();
    let mut changed = reopened(records, &after_void, now);
    for s in &changed {
        crate::pack::upsert_by_id(&mut steps, s);
    }
    let mut payments: Vec<Payment> = records.payments.to_vec();
    crate::pack::upsert_by_id(&mut payments, &voided);
    let voided_state = InvoiceRecords {
        payments: &payments,
        steps: &steps,
        ..*records
    };
    let recorded = record_in_place_of(&voided_state, new, None, today, confirmed_excess, now)?;
    for s in recorded.steps {
        crate::pack::upsert_by_id(&mut changed, &s);
    }
    let mut out = vec![voided];
    out.extend(recorded.payments);
    Ok(PaymentChange {
        payments: out,
        steps: changed,
        balance: recorded.balance,
    })
}

fn voided(
    old: &Payment,
    reason: &str,
    replaced_by: Option<Id>,
    today: NaiveDate,
    now: Stamp,
) -> Result<Payment, PaymentError> {
    if !old.counts() {
        return Err(PaymentError::AlreadyVoided);
    }
    Ok(Payment {
        voided: Some(PaymentVoid {
            date: today,
            reason: reason.into(),
            replaced_by,
        }),
        updated_at: now,
        ..old.clone()
    })
}

/// The steps the invoice's payments closed by settling it, opened again when `balance` says
/// it is owed again (and it is a live claim). A payment written down before the closed steps
/// were kept on it closed them in the same write, stamped with the same instant.
fn reopened(records: &InvoiceRecords, balance: &Balance, now: Stamp) -> Vec<FollowUpStep> {
    let inv = records.invoice;
    if balance.owed.is_zero() || inv.cancelled_by.is_some() || inv.number.is_none() {
        return Vec::new();
    }
    let closed_by = |s: &FollowUpStep, p: &Payment| {
        if p.closed_steps.is_empty() {
            s.updated_at == p.updated_at
        } else {
            p.closed_steps.contains(&s.id)
        }
    };
    records
        .steps
        .iter()
        .filter(|s| s.state == StepState::Superseded && s.invoice_id == inv.id)
        .filter(|s| {
            records
                .payments
                .iter()
                .any(|p| p.invoice_id == inv.id && closed_by(s, p))
        })
        .map(|s| with_state(s, StepState::Open, now))
        .collect()
}

fn with_state(step: &FollowUpStep, state: StepState, now: Stamp) -> FollowUpStep {
    FollowUpStep {
        state,
        updated_at: now,
        ..step.clone()
    }
}

/// One payment as the invoice page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRow {
    pub id: Id,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub method_id: Option<Id>,
    /// The method's label ("" when none or unknown).
    pub method: String,
    pub note: String,
    pub discount: Option<EarlyDiscountTaken>,
    pub voided: Option<PaymentVoid>,
    /// The date and amount of the payment this one corrected, if any.
    pub corrects: Option<(NaiveDate, Decimal)>,
    /// It can be corrected or voided (it counts, and its invoice is still a live claim for a
    /// correction; voiding is always possible).
    pub can_correct: bool,
    pub can_void: bool,
}

/// What the invoice page shows of an invoice's payments: every payment (voided ones too,
/// newest first) and the early-payment discount taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentsView {
    pub currency: String,
    pub rows: Vec<PaymentRow>,
    /// The early-payment discount granted in the balance and the rule it followed.
    pub discount: Option<EarlyDiscountTaken>,
}

/// The [`PaymentsView`] of an invoice (`None` when there is no such invoice).
pub fn payments_view(ledger: &Ledger, invoice_id: &str) -> Option<PaymentsView> {
    let inv = ledger.invoice(invoice_id)?;
    let live = inv.cancelled_by.is_none() && inv.number.is_some();
    let all: Vec<&Payment> = ledger
        .payments_of(invoice_id)
        .iter()
        .chain(ledger.voided_payments_of(invoice_id))
        .copied()
        .collect();
    let label = |id: &Option<Id>| {
        id.as_ref()
            .and_then(|id| ledger.data.payment_methods.iter().find(|m| &m.id == id))
            .map(|m| m.label.clone())
            .unwrap_or_default()
    };
    let mut rows: Vec<PaymentRow> = all
        .iter()
        .map(|p| PaymentRow {
            id: p.id.clone(),
            date: p.date,
            amount: p.amount,
            method_id: p.method_id.clone(),
            method: label(&p.method_id),
            note: p.note.clone(),
            discount: p.early_discount.clone(),
            voided: p.voided.clone(),
            corrects: all
                .iter()
                .find(|o| o.voided.as_ref().and_then(|v| v.replaced_by.as_ref()) == Some(&p.id))
                .map(|o| (o.date, o.amount)),
            can_correct: p.counts() && live,
            can_void: p.counts(),
        })
        .collect();
    // Newest first; on one day what counts comes before what was taken back, so that a
    // correction stands above the payment it replaces however the two were stamped.
    crate::order::sort_by(&mut rows, |a, b| {
        let stamp = |r: &PaymentRow| all.iter().find(|p| p.id == r.id).map(|p| p.updated_at);
        let key = |r: &PaymentRow| (r.date, r.voided.is_none(), stamp(r));
        key(b).cmp(&key(a)).then_with(|| b.id.cmp(&a.id))
    });
    let discount = ledger.balance(inv).ok().and_then(|b| {
        let taken = all
            .iter()
            .filter(|p| p.counts())
            .find_map(|p| p.early_discount.clone());
        match (taken, &inv.early_payment) {
            (Some(t), _) => Some(EarlyDiscountTaken {
                amount: b.early_discount,
                ..t
            }),
            (None, Some(terms)) if !b.early_discount.is_zero() => Some(EarlyDiscountTaken {
                amount: b.early_discount,
                discount_pct: terms.discount_pct,
                within_days: terms.within_days,
            }),
            _ => None,
        }
    });
    Some(PaymentsView {
        currency: inv.currency.clone(),
        rows,
        discount,
    })
}

/// What the payment form starts from: the amount that settles the invoice on `date` (the
/// early-payment amount while it applies), the methods to offer (the invoice's own first,
/// archived ones left out unless `keep` names one) and the offer itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayFormStart {
    pub currency: String,
    pub suggested: Decimal,
    /// (id, label).
    pub methods: Vec<(Id, String)>,
    /// The early-payment offer still open on `date`: percentage, deadline and amount to pay.
    pub offer: Option<(Decimal, NaiveDate, Decimal)>,
}

/// The [`PayFormStart`] of an invoice on `date` (`None` when there is no such invoice).
pub fn pay_form_start(
    ledger: &Ledger,
    invoice_id: &str,
    date: NaiveDate,
    keep: Option<&str>,
) -> Option<PayFormStart> {
    let inv = ledger.invoice(invoice_id)?;
    let balance = ledger.balance(inv).ok()?;
    let suggested = crate::collect::suggested_payment(inv, &balance, date).unwrap_or(balance.owed);
    let offer = tax::invoice_totals(inv)
        .ok()
        .and_then(|t| tax::early_payment_offer(inv, &t).ok().flatten())
        .filter(|o| date <= o.deadline && balance.paid.is_zero() && balance.credited.is_zero())
        .map(|o| (o.discount_pct, o.deadline, o.amount));
    let mut methods: Vec<&PaymentMethod> = crate::usage::pickable(&ledger.data.payment_methods, keep);
    crate::order::sort_by_key(&mut methods, |m| !inv.payment_method_ids.contains(&m.id));
    Some(PayFormStart {
        currency: inv.currency.clone(),
        suggested,
        methods: methods.iter().map(|m| (m.id.clone(), m.label.clone())).collect(),
        offer,
    })
}

/// The early-payment discounts granted on invoices whose last payment is dated in `period`,
/// per currency code in code order (what the discounts cost the business in that period).
pub fn discounts_granted(ledger: &Ledger, period: Period) -> Vec<(String, Decimal)> {
    let mut out: std::collections::BTreeMap<&str, Decimal> = std::collections::BTreeMap::new();
    for inv in &ledger.data.invoices {
        if inv.early_payment.is_none() || inv.number.is_none() {
            continue;
        }
        let Ok(b) = ledger.balance(inv) else { continue };
        if b.early_discount.is_zero() {
            continue;
        }
        let last = ledger.payments_of(&inv.id).iter().map(|p| p.date).max();
        if last.is_some_and(|d| period.contains(d)) {
            let sum = out.entry(inv.currency.as_str()).or_default();
            *sum = sum.saturating_add(b.early_discount);
        }
    }
    out.into_iter().map(|(c, d)| (c.to_string(), d)).collect()
}

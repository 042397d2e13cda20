//! Invoice and quote lifecycle: state derived from facts, legal transitions, quote → invoice.
//!
//! An invoice's state is never stored: [`status`] derives it from the recorded
//! facts (number, sending, receipt, disputes, payments, credit notes) and today,
//! so it can never disagree with them. Every change is a pure function that
//! returns the changed copy or a [`LifecycleError`] saying in plain words why
//! the change is not allowed; the caller stores the result. Issued invoices are
//! never edited: they are corrected or cancelled with a credit note.
// CONTRACT (helper B implements): keep these names and signatures; add the transitions.

use crate::model::{
    Client, CreditNote, Dispute, DocKind, Id, Invoice, Line, NumberingSeries, Payment, Quote, QuoteState,
    Receipt, Sending, Stamp,
};
use crate::money::{self, MoneyError};
use crate::numbering::{self, NumberingError};
use crate::tax::{self, EarlyPaymentOffer};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The state shown to the user, derived from the invoice's facts and today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Issued,
    Sent,
    ReceiptConfirmed,
    PartiallyPaid,
    Paid,
    Overdue,
    Disputed,
    Cancelled,
}

/// What an invoice is worth and what is still owed on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    pub total: Decimal,
    /// Σ totals of the credit notes that reference it.
    pub credited: Decimal,
    pub paid: Decimal,
    /// Early-payment discount granted because it was paid in time.
    pub early_discount: Decimal,
    /// Never negative.
    pub owed: Decimal,
    /// Paid beyond what was owed (flagged to the user).
    pub overpaid: Decimal,
}

/// Balance of one invoice given its payments and credit notes.
///
/// Only numbered credit notes count (a draft corrects nothing). The
/// early-payment discount is granted when the payments made on or before the
/// offer's deadline cover the discounted amount; after a partial credit note the
/// discount shrinks in proportion to what is left to pay, so it is never
/// granted on money the client no longer owes.
pub fn balance(
    inv: &Invoice,
    payments: &[&Payment],
    credit_notes: &[&CreditNote],
) -> Result<Balance, MoneyError> {
    let charge = charge(inv)?;
    let credited = credited_total(credit_notes)?;
    balance_of(&charge, credited, payments.iter().copied(), &inv.currency)
}

/// What an invoice charges, from the invoice alone: its total and its early-payment offer.
/// Computing it (the invoice's totals) is the costly part of a balance, so the ledger keeps
/// it: the balance on another day then only adds up payments and credit notes again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Charge {
    pub total: Decimal,
    /// Kept as computed and answered only where [`balance`] asks for it (after the credit
    /// notes and the payments), so that an invalid offer is reported exactly as before.
    pub offer: Result<Option<EarlyPaymentOffer>, MoneyError>,
}

/// The [`Charge`] of `inv`.
pub(crate) fn charge(inv: &Invoice) -> Result<Charge, MoneyError> {
    charge_in(inv, money::minor_units(&inv.currency))
}

/// [`charge`] with `units` = [`money::minor_units`] of the invoice's currency already known.
pub(crate) fn charge_in(inv: &Invoice, units: Option<u32>) -> Result<Charge, MoneyError> {
    let total = tax::total_in(
        &inv.lines,
        inv.invoice_discount_pct,
        inv.withholding_pct,
        &inv.currency,
        units,
    )?;
    Ok(Charge {
        total,
        offer: tax::early_payment_offer_in(inv, total, units),
    })
}

/// The balance of an invoice that charges `charge`, of which credit notes took `credited`
/// (see [`credited_sum`]), with these payments (`currency` is the invoice's).
///
/// A voided payment counts for nothing ([`Payment::counts`]). The early-payment discount is the
/// one the payments recorded when they settled the invoice with it
/// ([`crate::corrections::record_payment`]); payments recorded before discounts were written
/// down earn it by the rule of [`early_discount`], as they always did.
pub(crate) fn balance_of<'p>(
    charge: &Charge,
    credited: Decimal,
    payments: impl Iterator<Item = &'p Payment> + Clone,
    currency: &str,
) -> Result<Balance, MoneyError> {
    let total = charge.total;
    let payments = payments.filter(|p| p.counts());
    let paid = sum(payments.clone().map(|p| p.amount))?;
    let mut recorded = payments
        .clone()
        .filter_map(|p| p.early_discount.as_ref())
        .peekable();
    let early_discount = if recorded.peek().is_some() {
        charge.offer.clone()?;
        sum(recorded.map(|d| d.amount))?
    } else {
        match &charge.offer {
            Ok(Some(offer)) => early_discount(offer, total, credited, payments, currency)?,
            Ok(None) => Decimal::ZERO,
            Err(e) => return Err(e.clone()),
        }
    };
    let due = at_least_zero(sub(sub(total, credited)?, early_discount)?);
    Ok(Balance {
        total,
        credited,
        paid,
        early_discount,
        owed: at_least_zero(sub(due, paid)?),
        overpaid: at_least_zero(sub(paid, due)?),
    })
}

/// The discount earned under `offer`, or zero if the client did not pay enough in time.
fn early_discount<'p>(
    offer: &EarlyPaymentOffer,
    total: Decimal,
    credited: Decimal,
    payments: impl Iterator<Item = &'p Payment>,
    currency: &str,
) -> Result<Decimal, MoneyError> {
    let net = sub(total, credited)?;
    if total <= Decimal::ZERO || net <= Decimal::ZERO {
        return Ok(Decimal::ZERO);
    }
    let saving = if credited.is_zero() {
        offer.saving
    } else {
        let scaled = offer
            .saving
            .checked_mul(net)
            .and_then(|x| x.checked_div(total))
            .ok_or(MoneyError::Overflow)?;
        money::round(scaled, currency)?
    };
    let to_pay = sub(net, saving)?;
    let in_time = payments.filter(|p| p.date <= offer.deadline);
    let paid_in_time = sum(in_time.map(|p| p.amount))?;
    let earned = paid_in_time > Decimal::ZERO && paid_in_time >= to_pay;
    Ok(if earned { saving } else { Decimal::ZERO })
}

/// Σ totals of the numbered credit notes: the one definition of "credited".
fn credited_total(credit_notes: &[&CreditNote]) -> Result<Decimal, MoneyError> {
    let numbered = credit_notes.iter().filter(|cn| cn.number.is_some());
    credited_sum(numbered.map(|cn| tax::credit_note_total(cn)))
}

/// Σ of the totals of the numbered credit notes, given those totals in their order: the first
/// that could not be computed is the error, even after a sum that overflowed.
pub(crate) fn credited_sum(
    totals: impl Iterator<Item = Result<Decimal, MoneyError>>,
) -> Result<Decimal, MoneyError> {
    let mut sum = Some(Decimal::ZERO);
    for total in totals {
        let total = total?;
        sum = sum.and_then(|s| s.checked_add(total));
    }
    tax::overflowed(sum)
}

fn sum(mut values: impl Iterator<Item = Decimal>) -> Result<Decimal, MoneyError> {
    values.try_fold(Decimal::ZERO, |acc, v| tax::overflowed(acc.checked_add(v)))
}

/// `x.max(Decimal::ZERO)` without comparing: `Decimal::max` keeps `x` unless it is below
/// zero, so a zero keeps its scale and sign (0.00 stays 0.00, as every balance prints it).
#[inline(always)]
pub(crate) fn at_least_zero(x: Decimal) -> Decimal {
    if x.is_sign_negative() && !x.is_zero() {
        Decimal::ZERO
    } else {
        x
    }
}

#[inline(always)]
fn sub(a: Decimal, b: Decimal) -> Result<Decimal, MoneyError> {
    tax::overflowed(a.checked_sub(b))
}

/// Status on `today`. The first rule that holds wins:
///
/// 1. **Draft**: no number yet.
/// 2. **Cancelled**: a full credit note cancelled it, or credit notes cover its total.
/// 3. **Paid**: nothing owed, and it was worth something or something was paid.
/// 4. **Disputed**: the last dispute is unresolved (it pauses the chasing,
///    so it shows before overdue).
/// 5. **Overdue**: today is after the due date (the due date itself is not
///    overdue) and something is owed.
/// 6. **PartiallyPaid**: some money received.
/// 7. **ReceiptConfirmed**, 8. **Sent**, 9. **Issued**: how far delivery got.
pub fn status(inv: &Invoice, balance: &Balance, today: NaiveDate) -> InvoiceStatus {
    let zero = Decimal::ZERO;
    if inv.number.is_none() {
        InvoiceStatus::Draft
    } else if inv.cancelled_by.is_some() || (balance.credited > zero && balance.credited >= balance.total) {
        InvoiceStatus::Cancelled
    } else if balance.owed.is_zero() && (balance.total > zero || balance.paid > zero) {
        InvoiceStatus::Paid
    } else if current_dispute(inv).is_some() {
        InvoiceStatus::Disputed
    } else if today > inv.due_date && balance.owed > zero {
        InvoiceStatus::Overdue
    } else if balance.paid > zero {
        InvoiceStatus::PartiallyPaid
    } else if inv.receipt.is_some() {
        InvoiceStatus::ReceiptConfirmed
    } else if inv.sent.is_some() {
        InvoiceStatus::Sent
    } else {
        InvoiceStatus::Issued
    }
}

/// The dispute that is still open (the last one, unresolved), which pauses the follow-up.
pub fn current_dispute(inv: &Invoice) -> Option<&Dispute> {
    inv.disputes.last().filter(|d| d.resolved.is_none())
}

/// Due date = issue date + the client's payment terms in days (saturating at
/// the last representable date rather than failing).
pub fn due_date(issue: NaiveDate, terms_days: u32) -> NaiveDate {
    issue
        .checked_add_days(Days::new(u64::from(terms_days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Why a draft cannot be issued yet. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftProblem {
    #[error("the invoice has no lines")]
    NoLines,
    #[error("line {line} has no description")]
    LineWithoutDescription { line: usize },
    #[error("this client requires a purchase-order (PO) number on every invoice")]
    PoMissing,
    #[error("the due date ({due}) is before the issue date ({issue})")]
    DueBeforeIssue { issue: NaiveDate, due: NaiveDate },
    #[error("unknown currency code “{0}”")]
    UnknownCurrency(String),
    #[error("the total is negative ({0}): reduce an invoice with a credit note instead")]
    NegativeTotal(Decimal),
    #[error("the total is zero: an invoice must charge something")]
    ZeroTotal,
    #[error("the invoice is addressed to a different client")]
    ClientMismatch,
    #[error("{0}")]
    Amounts(MoneyError),
}

/// Why a change to an invoice or quote is refused. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LifecycleError {
    #[error("this invoice is still a draft: issue it first")]
    NotIssued,
    #[error("this invoice is already issued as {number}")]
    AlreadyIssued { number: String },
    #[error("invoice {number} is issued and cannot be edited: correct it with a credit note")]
    NotEditable { number: String },
    #[error("this invoice was cancelled by a credit note")]
    Cancelled,
    #[error("the draft cannot be issued: {}", join(.0))]
    InvalidDraft(Vec<DraftProblem>),
    #[error("the invoice has not been sent yet: record the sending first")]
    NotSent,
    #[error("the invoice already has an open dispute")]
    DisputeAlreadyOpen,
    #[error("the invoice has no open dispute")]
    NoOpenDispute,
    #[error("a reason is needed")]
    EmptyReason,
    #[error("the {event} date ({date}) cannot be before the {reference} ({earliest})")]
    TooEarly {
        event: &'static str,
        date: NaiveDate,
        reference: &'static str,
        earliest: NaiveDate,
    },
    #[error("this numbering series is for {}, not for {}", kind_name(*found), kind_name(*expected))]
    WrongSeriesKind { expected: DocKind, found: DocKind },
    #[error("the document belongs to another numbering series")]
    WrongSeries { expected: Id, found: Id },
    #[error("the document belongs to another client")]
    ClientMismatch,
    #[error("the document has no lines")]
    NoLines,
    #[error("there is nothing to credit: the credit note's total is {total}")]
    NothingToCredit { total: Decimal },
    #[error(
        "the credit note ({requested} {currency}) is more than what is left to credit on the invoice ({remaining} {currency})"
    )]
    CreditExceedsRemaining {
        requested: Decimal,
        remaining: Decimal,
        currency: String,
    },
    #[error("cannot {action} a quote that is {state}")]
    QuoteTransition {
        action: &'static str,
        state: &'static str,
    },
    #[error("this quote already has its number, {number}")]
    QuoteAlreadyNumbered { number: String },
    #[error("this quote has already been turned into an invoice")]
    QuoteAlreadyInvoiced,
    #[error("line {line} of the invoice: {problem}")]
    CreditLine { line: usize, problem: CreditLineProblem },
    #[error("nothing to credit: give a quantity or an amount for at least one line")]
    NothingPicked,
    #[error(transparent)]
    Numbering(#[from] NumberingError),
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// Why what a partial credit note takes back from one line is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CreditLineProblem {
    #[error("the invoice has no such line")]
    NoSuchLine,
    #[error("the quantity or amount must be more than zero")]
    NotPositive,
    #[error("at most {max} units can be credited")]
    QuantityAbove { max: Decimal },
    #[error("at most {max} can be credited")]
    AmountAbove { max: Decimal },
    #[error("at most {max} decimals")]
    TooManyDecimals { max: u32 },
}

fn join(problems: &[DraftProblem]) -> String {
    let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    texts.join("; ")
}

fn kind_name(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Invoice => "invoices",
        DocKind::CreditNote => "credit notes",
        DocKind::Quote => "quotes",
    }
}

/// Everything that keeps a draft from being issued; empty means it can be.
pub fn validate_draft(inv: &Invoice, client: &Client) -> Result<(), Vec<DraftProblem>> {
    let mut problems = Vec::new();
    if inv.client_id != client.id {
        problems.push(DraftProblem::ClientMismatch);
    }
    if inv.lines.is_empty() {
        problems.push(DraftProblem::NoLines);
    }
    for (i, line) in inv.lines.iter().enumerate() {
        if line.description.trim().is_empty() {
            problems.push(DraftProblem::LineWithoutDescription { line: i + 1 });
        }
    }
    if client.po_required && inv.po_number.trim().is_empty() {
        problems.push(DraftProblem::PoMissing);
    }
    if inv.due_date < inv.issue_date {
        problems.push(DraftProblem::DueBeforeIssue {
            issue: inv.issue_date,
            due: inv.due_date,
        });
    }
    if money::minor_units(&inv.currency).is_none() {
        problems.push(DraftProblem::UnknownCurrency(inv.currency.clone()));
    } else {
        match tax::invoice_totals(inv) {
            Ok(t) if t.total < Decimal::ZERO => problems.push(DraftProblem::NegativeTotal(t.total)),
            // An empty invoice already says so (no lines).
            Ok(t) if t.total.is_zero() && !inv.lines.is_empty() => problems.push(DraftProblem::ZeroTotal),
            Ok(_) => {}
            Err(e) => problems.push(DraftProblem::Amounts(e)),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Issues a valid draft: gives it the next number of `series` (returned updated,
/// to be stored together with the invoice).
pub fn issue_invoice(
    draft: &Invoice,
    client: &Client,
    series: &NumberingSeries,
    now: Stamp,
) -> Result<(Invoice, NumberingSeries), LifecycleError> {
    if let Some(number) = &draft.number {
        return Err(LifecycleError::AlreadyIssued {
            number: number.clone(),
        });
    }
    check_series(series, DocKind::Invoice, &draft.series_id)?;
    validate_draft(draft, client).map_err(LifecycleError::InvalidDraft)?;
    let (number, series) = numbering::next_number(series, draft.issue_date, now)?;
    let issued = Invoice {
        number: Some(number),
        updated_at: now,
        ..draft.clone()
    };
    Ok((issued, series))
}

fn check_kind(series: &NumberingSeries, kind: DocKind) -> Result<(), LifecycleError> {
    if series.kind == kind {
        Ok(())
    } else {
        Err(LifecycleError::WrongSeriesKind {
            expected: kind,
            found: series.kind,
        })
    }
}

/// The series numbers this kind of document and is the one the document names.
fn check_series(series: &NumberingSeries, kind: DocKind, id: &str) -> Result<(), LifecycleError> {
    check_kind(series, kind)?;
    if series.id != id {
        return Err(LifecycleError::WrongSeries {
            expected: id.into(),
            found: series.id.clone(),
        });
    }
    Ok(())
}

/// The guard every edit of an invoice goes through: only drafts can be edited.
pub fn ensure_editable(inv: &Invoice) -> Result<(), LifecycleError> {
    match &inv.number {
        Some(number) => Err(LifecycleError::NotEditable {
            number: number.clone(),
        }),
        None => Ok(()),
    }
}

/// Issued and not cancelled: the invoice is still a live claim.
fn ensure_live(inv: &Invoice) -> Result<(), LifecycleError> {
    if inv.number.is_none() {
        Err(LifecycleError::NotIssued)
    } else if inv.cancelled_by.is_some() {
        Err(LifecycleError::Cancelled)
    } else {
        Ok(())
    }
}

fn not_before(
    event: &'static str,
    date: NaiveDate,
    reference: &'static str,
    earliest: NaiveDate,
) -> Result<(), LifecycleError> {
    if date < earliest {
        Err(LifecycleError::TooEarly {
            event,
            date,
            reference,
            earliest,
        })
    } else {
        Ok(())
    }
}

/// Records that the invoice was sent; sending again replaces the record (the
/// follow-up restarts from the new date), and a confirmed receipt is kept.
pub fn mark_sent(inv: &Invoice, sending: Sending, now: Stamp) -> Result<Invoice, LifecycleError> {
    ensure_live(inv)?;
    not_before("sending", sending.date, "issue date", inv.issue_date)?;
    Ok(Invoice {
        sent: Some(sending),
        updated_at: now,
        ..inv.clone()
    })
}

/// Records that the client's accounts-payable contact confirmed they have it.
pub fn confirm_receipt(inv: &Invoice, receipt: Receipt, now: Stamp) -> Result<Invoice, LifecycleError> {
    ensure_live(inv)?;
    let sent = inv.sent.as_ref().ok_or(LifecycleError::NotSent)?;
    not_before("receipt", receipt.date, "sending date", sent.date)?;
    Ok(Invoice {
        receipt: Some(receipt),
        updated_at: now,
        ..inv.clone()
    })
}

/// Opens a dispute, which pauses the follow-up until it is resolved.
pub fn open_dispute(
    inv: &Invoice,
    date: NaiveDate,
    reason: &str,
    now: Stamp,
) -> Result<Invoice, LifecycleError> {
    ensure_live(inv)?;
    if reason.trim().is_empty() {
        return Err(LifecycleError::EmptyReason);
    }
    if current_dispute(inv).is_some() {
        return Err(LifecycleError::DisputeAlreadyOpen);
    }
    not_before("dispute", date, "issue date", inv.issue_date)?;
    if let Some(resolved) = inv.disputes.last().and_then(|d| d.resolved) {
        not_before("dispute", date, "end of the previous dispute", resolved)?;
    }
    let mut out = inv.clone();
    out.disputes.push(Dispute {
        opened: date,
        reason: reason.trim().into(),
        resolved: None,
    });
    out.updated_at = now;
    Ok(out)
}

/// Closes the open dispute; the follow-up resumes.
pub fn resolve_dispute(inv: &Invoice, date: NaiveDate, now: Stamp) -> Result<Invoice, LifecycleError> {
    let opened = current_dispute(inv).ok_or(LifecycleError::NoOpenDispute)?.opened;
    not_before("resolution", date, "opening of the dispute", opened)?;
    let mut out = inv.clone();
    if let Some(last) = out.disputes.last_mut() {
        last.resolved = Some(date);
    }
    out.updated_at = now;
    Ok(out)
}

/// What a credit note takes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditScope {
    /// The whole invoice: same lines, and the invoice is marked cancelled.
    Full,
    /// These lines (priced like the invoice: its discount and withholding apply).
    Lines(Vec<Line>),
}

/// A request for a credit note (factura rectificativa).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditRequest {
    pub scope: CreditScope,
    pub reason: String,
    pub date: NaiveDate,
}

/// Makes the numbered credit note that corrects or cancels an issued invoice.
/// `earlier` are the invoice's existing credit notes: together they can never
/// take back more than the invoice total. Returns the credit note, the updated
/// credit-note series and the invoice (marked cancelled when the credit is full).
pub fn credit_note_for(
    inv: &Invoice,
    earlier: &[&CreditNote],
    client: &Client,
    request: CreditRequest,
    series: &NumberingSeries,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Result<(CreditNote, NumberingSeries, Invoice), LifecycleError> {
    ensure_live(inv)?;
    if client.id != inv.client_id {
        return Err(LifecycleError::ClientMismatch);
    }
    check_kind(series, DocKind::CreditNote)?;
    if request.reason.trim().is_empty() {
        return Err(LifecycleError::EmptyReason);
    }
    not_before("credit note", request.date, "invoice date", inv.issue_date)?;
    let full = request.scope == CreditScope::Full;
    let lines = match request.scope {
        CreditScope::Full => inv.lines.clone(),
        CreditScope::Lines(lines) if lines.is_empty() => return Err(LifecycleError::NoLines),
        CreditScope::Lines(lines) => lines,
    };
    let mut note = CreditNote {
        id: new_id(),
        series_id: series.id.clone(),
        number: None,
        invoice_id: inv.id.clone(),
        client_id: inv.client_id.clone(),
        issue_date: request.date,
        reason: request.reason.trim().into(),
        currency: inv.currency.clone(),
        lines,
        withholding_pct: inv.withholding_pct,
        invoice_discount_pct: inv.invoice_discount_pct,
        full_cancellation: full,
        updated_at: now,
    };
    let requested = tax::credit_note_totals(&note)?.total;
    if requested <= Decimal::ZERO {
        return Err(LifecycleError::NothingToCredit { total: requested });
    }
    let mine: Vec<&CreditNote> = earlier
        .iter()
        .copied()
        .filter(|cn| cn.invoice_id == inv.id)
        .collect();
    let remaining = sub(tax::invoice_totals(inv)?.total, credited_total(&mine)?)?;
    if requested > remaining {
        return Err(LifecycleError::CreditExceedsRemaining {
            requested,
            remaining,
            currency: inv.currency.clone(),
        });
    }
    let (number, series) = numbering::next_number(series, request.date, now)?;
    note.number = Some(number);
    let mut invoice = inv.clone();
    if full {
        invoice.cancelled_by = Some(note.id.clone());
        invoice.updated_at = now;
    }
    Ok((note, series, invoice))
}

fn quote_state_name(state: &QuoteState) -> &'static str {
    match state {
        QuoteState::Draft => "still a draft",
        QuoteState::Sent { .. } => "sent",
        QuoteState::Accepted { .. } => "accepted",
        QuoteState::Rejected { .. } => "rejected",
    }
}

pub(crate) fn quote_transition(action: &'static str, quote: &Quote) -> LifecycleError {
    LifecycleError::QuoteTransition {
        action,
        state: quote_state_name(&quote.state),
    }
}

/// Gives a quote the next number of its own series (quotes are numbered when sent).
pub fn issue_quote_number(
    quote: &Quote,
    series: &NumberingSeries,
    now: Stamp,
) -> Result<(Quote, NumberingSeries), LifecycleError> {
    if let Some(number) = &quote.number {
        return Err(LifecycleError::QuoteAlreadyNumbered {
            number: number.clone(),
        });
    }
    check_series(series, DocKind::Quote, &quote.series_id)?;
    let (number, series) = numbering::next_number(series, quote.issue_date, now)?;
    let numbered = Quote {
        number: Some(number),
        updated_at: now,
        ..quote.clone()
    };
    Ok((numbered, series))
}

/// Sends a draft quote (numbering it) or re-sends a sent one (new date, same
/// number; the series comes back unchanged).
pub fn mark_quote_sent(
    quote: &Quote,
    series: &NumberingSeries,
    date: NaiveDate,
    now: Stamp,
) -> Result<(Quote, NumberingSeries), LifecycleError> {
    if !matches!(quote.state, QuoteState::Draft | QuoteState::Sent { .. }) {
        return Err(quote_transition("send", quote));
    }
    if quote.lines.is_empty() {
        return Err(LifecycleError::NoLines);
    }
    not_before("sending", date, "quote date", quote.issue_date)?;
    let (mut sent, series) = match quote.number {
        Some(_) => (quote.clone(), series.clone()),
        None => issue_quote_number(quote, series, now)?,
    };
    sent.state = QuoteState::Sent { date };
    sent.updated_at = now;
    Ok((sent, series))
}

/// The client accepted a sent quote.
pub fn accept_quote(quote: &Quote, date: NaiveDate, now: Stamp) -> Result<Quote, LifecycleError> {
    answer_quote(quote, "accept", QuoteState::Accepted { date }, date, now)
}

/// The client turned down a sent quote.
pub fn reject_quote(quote: &Quote, date: NaiveDate, now: Stamp) -> Result<Quote, LifecycleError> {
    answer_quote(quote, "reject", QuoteState::Rejected { date }, date, now)
}

/// Only a sent quote gets an answer, and not before it was sent.
fn answer_quote(
    quote: &Quote,
    action: &'static str,
    state: QuoteState,
    date: NaiveDate,
    now: Stamp,
) -> Result<Quote, LifecycleError> {
    let QuoteState::Sent { date: sent } = quote.state else {
        return Err(quote_transition(action, quote));
    };
    not_before("answer", date, "sending date", sent)?;
    Ok(Quote {
        state,
        updated_at: now,
        ..quote.clone()
    })
}

/// The invoice draft an accepted quote becomes, without retyping: same client,
/// PO, currency, lines, withholding, discounts (the invoice's and the early-payment
/// offer), notes and payment methods (the client's preferred ones when the quote named
/// none); due date from the client's terms. The quote comes back linked to it,
/// so it can be invoiced only once.
pub fn quote_to_invoice_draft(
    quote: &Quote,
    client: &Client,
    invoice_series_id: &str,
    issue_date: NaiveDate,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Result<(Invoice, Quote), LifecycleError> {
    if !matches!(quote.state, QuoteState::Accepted { .. }) {
        return Err(quote_transition("invoice", quote));
    }
    if quote.invoice_id.is_some() {
        return Err(LifecycleError::QuoteAlreadyInvoiced);
    }
    if client.id != quote.client_id {
        return Err(LifecycleError::ClientMismatch);
    }
    let invoice = Invoice {
        id: new_id(),
        series_id: invoice_series_id.into(),
        number: None,
        client_id: quote.client_id.clone(),
        po_number: quote.po_number.clone(),
        issue_date,
        delivery_date: None,
        due_date: due_date(issue_date, client.payment_terms_days),
        currency: quote.currency.clone(),
        lines: quote.lines.clone(),
        withholding_pct: quote.withholding_pct,
        invoice_discount_pct: quote.invoice_discount_pct,
        early_payment: quote.early_payment.clone(),
        payment_method_ids: if quote.payment_method_ids.is_empty() {
            client.preferred_payment_method_ids.clone()
        } else {
            quote.payment_method_ids.clone()
        },
        notes: quote.notes.clone(),
        quote_id: Some(quote.id.clone()),
        sent: None,
        receipt: None,
        disputes: Vec::new(),
        cancelled_by: None,
        updated_at: now,
    };
    let linked = Quote {
        invoice_id: Some(invoice.id.clone()),
        updated_at: now,
        ..quote.clone()
    };
    Ok((invoice, linked))
}

/// What a partial credit note takes back from one line of the invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditBy {
    /// Some of its units, at the invoiced price and discount.
    Quantity(Decimal),
    /// An amount off the line (before VAT, at the line's own price level): a price
    /// correction, "400 off", whatever the quantity.
    Amount(Decimal),
}

/// One line of the invoice (from 0) and what to take back from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditPick {
    pub line: usize,
    pub by: CreditBy,
}

/// The most a partial credit note can take back from one invoice line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditLimit {
    /// Its units.
    pub quantity: Decimal,
    /// Its amount after its own discount, as the invoice prints it.
    pub amount: Decimal,
}

/// The limits of every line of `inv`, in order.
pub fn credit_limits(inv: &Invoice) -> Result<Vec<CreditLimit>, MoneyError> {
    let totals = tax::invoice_totals(inv)?;
    Ok(inv
        .lines
        .iter()
        .zip(totals.line_amounts)
        .map(|(l, amount)| CreditLimit {
            quantity: l.quantity,
            amount,
        })
        .collect())
}

/// The lines of a partial credit note for `picks` (a zero pick is no pick). A quantity keeps
/// the line's price and discount; an amount becomes one unit at that price, no discount,
/// same VAT, so 400 off a 2 400 line credits exactly 400 (plus its VAT). The invoice's own
/// discount and withholding apply to the credit note as to the invoice.
pub fn credit_lines(inv: &Invoice, picks: &[CreditPick]) -> Result<Vec<Line>, LifecycleError> {
    let limits = credit_limits(inv)?;
    let minor = money::minor_units(&inv.currency).unwrap_or(2);
    let mut out = Vec::new();
    for pick in picks {
        let refuse = |problem| LifecycleError::CreditLine {
            line: pick.line + 1,
            problem,
        };
        let (Some(line), Some(limit)) = (inv.lines.get(pick.line), limits.get(pick.line)) else {
            return Err(refuse(CreditLineProblem::NoSuchLine));
        };
        let value = match pick.by {
            CreditBy::Quantity(v) | CreditBy::Amount(v) => v,
        };
        if value.is_zero() {
            continue;
        }
        if value.is_sign_negative() {
            return Err(refuse(CreditLineProblem::NotPositive));
        }
        let credited = match pick.by {
            CreditBy::Quantity(q) => {
                if q.normalize().scale() > money::QUANTITY_DECIMALS {
                    return Err(refuse(CreditLineProblem::TooManyDecimals {
                        max: money::QUANTITY_DECIMALS,
                    }));
                }
                if q > limit.quantity {
                    return Err(refuse(CreditLineProblem::QuantityAbove { max: limit.quantity }));
                }
                Line {
                    quantity: q,
                    ..line.clone()
                }
            }
            CreditBy::Amount(a) => {
                if a.normalize().scale() > minor {
                    return Err(refuse(CreditLineProblem::TooManyDecimals { max: minor }));
                }
                if a > limit.amount {
                    return Err(refuse(CreditLineProblem::AmountAbove { max: limit.amount }));
                }
                Line {
                    quantity: Decimal::ONE,
                    unit_price: a,
                    discount_pct: Decimal::ZERO,
                    ..line.clone()
                }
            }
        };
        out.push(credited);
    }
    if out.is_empty() {
        return Err(LifecycleError::NothingPicked);
    }
    Ok(out)
}

/// What an invoice comes to after its credit notes: the figures a credit note prints under
/// "corrected amounts" (the invoice, what earlier notes took, this note, what is left).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub invoice_total: Decimal,
    /// Σ the numbered notes of the invoice issued before this one.
    pub earlier: Decimal,
    pub this_note: Decimal,
    /// invoice − earlier − this note.
    pub resulting: Decimal,
}

/// The correction `note` makes to `inv`, `all` being the invoice's credit notes (the note
/// among them or not): earlier notes are the numbered ones issued before it (by date,
/// then number).
pub fn correction(inv: &Invoice, note: &CreditNote, all: &[&CreditNote]) -> Result<Correction, MoneyError> {
    let invoice_total = tax::invoice_total(inv)?;
    let this_note = tax::credit_note_total(note)?;
    let before = |cn: &&&CreditNote| {
        cn.id != note.id
            && cn.invoice_id == inv.id
            && cn.number.is_some()
            && (cn.issue_date, cn.number.as_deref()) < (note.issue_date, note.number.as_deref())
    };
    let earlier = credited_sum(all.iter().filter(before).map(|cn| tax::credit_note_total(cn)))?;
    Ok(Correction {
        invoice_total,
        earlier,
        this_note,
        resulting: sub(sub(invoice_total, earlier)?, this_note)?,
    })
}

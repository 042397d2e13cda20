//! The rules of a draft before it is a document: what a new invoice or quote starts with,
//! what choosing a client fills in, which VAT choices the editor offers, how long a quote
//! is valid, what issuing will do (the number it takes), and which drafts may be deleted.

use crate::draft_input::{self, DraftInput, LineInput};
use crate::lifecycle::{self, LifecycleError};
use crate::model::{
    AppSettings, Client, Id, Invoice, Line, NumberingSeries, Quote, QuoteState, Stamp, VatRate,
};
use crate::numbering;
use crate::tax;
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

/// Days a new quote stays valid (the usual offer in Spain: thirty days).
pub const QUOTE_VALID_DAYS: u64 = 30;

/// The VAT rates offered first, in this order (Spain: general, reduced, super-reduced, zero).
pub const STANDARD_RATES: [u32; 4] = [21, 10, 4, 0];

/// A line as a new draft starts it: one unit at zero with the default VAT.
pub fn blank_line(vat: &VatRate) -> Line {
    Line {
        item_id: None,
        description: String::new(),
        quantity: Decimal::ONE,
        unit_price: Decimal::ZERO,
        discount_pct: Decimal::ZERO,
        vat: vat.clone(),
    }
}

/// A new invoice draft: today, due after the default terms, the default currency, VAT and
/// withholding, one blank line, the invoice series of the settings.
pub fn new_invoice(settings: &AppSettings, today: NaiveDate, id: Id, now: Stamp) -> Invoice {
    Invoice {
        id,
        series_id: settings.invoice_series_id.clone().unwrap_or_default(),
        number: None,
        client_id: String::new(),
        po_number: String::new(),
        issue_date: today,
        delivery_date: None,
        due_date: lifecycle::due_date(today, settings.default_payment_terms_days),
        currency: settings.default_currency.clone(),
        lines: vec![blank_line(&settings.default_vat)],
        withholding_pct: settings.default_withholding_pct,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: Vec::new(),
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: Vec::new(),
        cancelled_by: None,
        updated_at: now,
    }
}

/// A new quote: today, valid for [`QUOTE_VALID_DAYS`], the defaults of the settings.
pub fn new_quote(settings: &AppSettings, today: NaiveDate, id: Id, now: Stamp) -> Quote {
    Quote {
        id,
        series_id: settings.quote_series_id.clone().unwrap_or_default(),
        number: None,
        client_id: String::new(),
        po_number: String::new(),
        issue_date: today,
        valid_until: valid_until(today),
        currency: settings.default_currency.clone(),
        lines: vec![blank_line(&settings.default_vat)],
        withholding_pct: settings.default_withholding_pct,
        invoice_discount_pct: Decimal::ZERO,
        notes: String::new(),
        payment_method_ids: Vec::new(),
        early_payment: None,
        state: QuoteState::Draft,
        invoice_id: None,
        updated_at: now,
    }
}

/// The default end of a quote's validity: [`QUOTE_VALID_DAYS`] after its date.
pub fn valid_until(issue: NaiveDate) -> Option<NaiveDate> {
    issue.checked_add_days(Days::new(QUOTE_VALID_DAYS))
}

/// A sent quote whose validity ended before `today` and got no answer.
pub fn quote_expired(q: &Quote, today: NaiveDate) -> bool {
    matches!(q.state, QuoteState::Sent { .. }) && q.valid_until.is_some_and(|v| v < today)
}

/// Which kind of document a draft becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftKind {
    Invoice,
    Quote,
}

/// What choosing `client` fills in: the client's currency; for an invoice, the due date after
/// the client's terms and the payment methods the client prefers (when it has any).
pub fn choose_client(input: &mut DraftInput, client: &Client, kind: DraftKind) {
    input.client = client.id.clone();
    input.currency = client.currency.clone();
    if !client.preferred_payment_method_ids.is_empty() {
        input.methods = client.preferred_payment_method_ids.clone();
    }
    if kind == DraftKind::Invoice {
        move_due_date(input, client.payment_terms_days);
    }
}

/// After the issue date moved: the due date follows at `terms_days` (an invoice), the
/// validity keeps its length (a quote). Nothing moves while the issue date is not a date.
pub fn issue_date_changed(input: &mut DraftInput, kind: DraftKind, terms_days: u32, old_issue: &str) {
    match kind {
        DraftKind::Invoice => move_due_date(input, terms_days),
        DraftKind::Quote => {
            let (Ok(old), Ok(new), Ok(valid)) = (
                old_issue.trim().parse::<NaiveDate>(),
                input.issue_date.trim().parse::<NaiveDate>(),
                input.valid_until.trim().parse::<NaiveDate>(),
            ) else {
                return;
            };
            let length = (valid - old).num_days();
            if let Some(moved) = u64::try_from(length)
                .ok()
                .and_then(|n| new.checked_add_days(Days::new(n)))
            {
                input.valid_until = moved.to_string();
            }
        }
    }
}

fn move_due_date(input: &mut DraftInput, terms_days: u32) {
    if let Ok(issue) = input.issue_date.trim().parse::<NaiveDate>() {
        input.due_date = lifecycle::due_date(issue, terms_days).to_string();
    }
}

/// A new blank line as typed text.
pub fn blank_line_input(vat: &VatRate) -> LineInput {
    // Whole numbers and a select's value: the same text in every language.
    LineInput::from_line(&blank_line(vat), crate::model::Lang::En)
}

/// One VAT choice of the line editor: the select's value and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatChoice {
    /// "21", "7.5" or [`draft_input::EXEMPT`].
    pub value: String,
    /// `None` for the exemption.
    pub rate: Option<Decimal>,
}

/// The VAT choices for a line whose choice is `current`: the standard rates, then `current`
/// if it is another rate (an item or an older invoice at 7.5 % keeps it), then the exemption.
pub fn vat_choices(current: &str) -> Vec<VatChoice> {
    let mut out: Vec<VatChoice> = STANDARD_RATES
        .iter()
        .map(|r| VatChoice {
            value: r.to_string(),
            rate: Some(Decimal::from(*r)),
        })
        .collect();
    let cur = current.trim();
    if cur != draft_input::EXEMPT && !cur.is_empty() {
        if let Ok(rate) = cur.parse::<Decimal>() {
            if !out.iter().any(|c| c.rate == Some(rate)) {
                out.push(VatChoice {
                    value: rate.normalize().to_string(),
                    rate: Some(rate),
                });
            }
        }
    }
    out.push(VatChoice {
        value: draft_input::EXEMPT.to_string(),
        rate: None,
    });
    out
}

/// What issuing a draft will do, shown before the user confirms it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuePreview {
    /// The number it will take.
    pub number: String,
    pub client_name: String,
    pub total: Decimal,
    pub currency: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
}

/// The preview of issuing `draft` for `client` from `series`: the number
/// ([`numbering::peek_next`] of the issue year), or the refusal issuing would give, since
/// the preview asks [`lifecycle::issue_invoice`] itself.
pub fn issue_preview(
    draft: &Invoice,
    client: &Client,
    series: &NumberingSeries,
) -> Result<IssuePreview, LifecycleError> {
    let (issued, _) = lifecycle::issue_invoice(draft, client, series, draft.updated_at)?;
    let number = numbering::peek_next(series, draft.issue_date.year());
    debug_assert_eq!(issued.number.as_deref(), Some(number.as_str()));
    Ok(IssuePreview {
        number,
        client_name: client.legal_name.clone(),
        total: tax::invoice_total(draft)?,
        currency: draft.currency.clone(),
        issue_date: draft.issue_date,
        due_date: draft.due_date,
    })
}

/// Only a draft invoice may be deleted: an issued one is a legal document (correct it with a
/// credit note).
pub fn ensure_invoice_deletable(inv: &Invoice) -> Result<(), LifecycleError> {
    lifecycle::ensure_editable(inv)
}

/// Only a quote in draft is edited: once sent, the client has it as it is.
pub fn ensure_quote_editable(q: &Quote) -> Result<(), LifecycleError> {
    match q.state {
        QuoteState::Draft => Ok(()),
        _ => Err(lifecycle::quote_transition("edit", q)),
    }
}

/// Only a quote still in draft, never numbered, may be deleted: a sent quote is a document
/// the client has.
pub fn ensure_quote_deletable(q: &Quote) -> Result<(), LifecycleError> {
    if let Some(number) = &q.number {
        return Err(LifecycleError::QuoteAlreadyNumbered {
            number: number.clone(),
        });
    }
    match q.state {
        QuoteState::Draft => Ok(()),
        _ => Err(lifecycle::quote_transition("delete", q)),
    }
}

/// The quote an invoice draft was made from, unlinked once the draft is deleted, so the
/// accepted quote can be invoiced again.
pub fn unlink_quote(quote: &Quote, deleted_invoice: &str, now: Stamp) -> Option<Quote> {
    (quote.invoice_id.as_deref() == Some(deleted_invoice)).then(|| Quote {
        invoice_id: None,
        updated_at: now,
        ..quote.clone()
    })
}

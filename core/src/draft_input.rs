//! What the user typed into a draft (an invoice or a quote) as text, valid or not, and how
//! it becomes a document: every field parsed at once, each problem named at its field.
//!
//! The editor keeps a [`DraftInput`] and never anything else, so nothing typed is lost
//! while a field is wrong (an exempt line still without its reason, a price of "12,,5"):
//! the input is kept as it is, and the record is written only when [`parse_invoice`] or
//! [`parse_quote`] accept it, i.e. when it is a record the backup would restore.

use crate::lifecycle::DraftProblem;
use crate::model::{EarlyPaymentTerms, Id, Invoice, Lang, Line, Quote, VatRate};
use crate::money::{self, MoneyError};
use crate::tax;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The value of the VAT choice that means "exempt" (the others are rates: "21").
pub const EXEMPT: &str = "exempt";

/// The text of every field of the draft editor, exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DraftInput {
    /// The chosen client's id ("" while none is chosen).
    pub client: String,
    pub po: String,
    /// Dates as `<input type="date">` gives them: `2026-03-01`, or "".
    pub issue_date: String,
    pub delivery_date: String,
    /// Invoices only.
    pub due_date: String,
    /// Quotes only.
    pub valid_until: String,
    pub currency: String,
    pub withholding: String,
    pub discount: String,
    pub early_pct: String,
    pub early_days: String,
    pub methods: Vec<Id>,
    pub notes: String,
    pub lines: Vec<LineInput>,
}

/// One line as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct LineInput {
    /// The catalogue item it came from ("" for none).
    pub item: String,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    /// A rate ("21", "7.5") or [`EXEMPT`].
    pub vat: String,
    /// The legal ground of an exemption.
    pub reason: String,
}

/// A field of the editor, as problems name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    Client,
    /// The numbering series (set in Settings, not in the editor).
    Series,
    Po,
    IssueDate,
    DeliveryDate,
    DueDate,
    ValidUntil,
    Currency,
    Withholding,
    Discount,
    EarlyPct,
    EarlyDays,
    /// The lines as a whole (none at all, a total that cannot be computed).
    Lines,
    /// A field of line `line` (from 0).
    Line {
        line: usize,
        field: LineField,
    },
}

/// A field of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineField {
    Description,
    Quantity,
    UnitPrice,
    Discount,
    Vat,
    Reason,
}

/// What is wrong with one field. Translated by the UI at the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputProblem {
    /// Required and empty.
    Missing,
    NotADate(String),
    NotANumber(String),
    /// Not a whole number of days.
    NotWholeDays(String),
    Negative,
    /// Above the field's largest value (100 for a percentage).
    TooLarge {
        max: Decimal,
    },
    TooManyDecimals {
        max: u32,
    },
    UnknownCurrency(String),
    /// The amounts cannot be computed (far beyond anything invoiced).
    Overflow,
    /// An exempt line must say why (the legal ground).
    ExemptWithoutReason,
    /// The due date is before the issue date.
    DueBeforeIssue,
    /// A quote valid until before its own date.
    ValidBeforeIssue,
    /// An early-payment discount must leave something to pay.
    EarlyDiscountTooHigh,
    /// A problem that only stops issuing (a line without description, the PO the client
    /// requires, a total of zero): the draft is saved, but cannot be issued yet.
    Issue(DraftProblem),
}

/// One problem at one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: FieldId,
    pub problem: InputProblem,
}

impl FieldProblem {
    fn new(field: FieldId, problem: InputProblem) -> Self {
        Self { field, problem }
    }
}

/// Largest early-payment discount: 100 % would make the invoice free when paid on time.
const MAX_EARLY_PCT: Decimal = Decimal::from_parts(9999, 0, 0, false, 2);

impl LineInput {
    /// The text of a stored line.
    pub fn from_line(line: &Line, lang: Lang) -> Self {
        let (vat, reason) = vat_text(&line.vat);
        Self {
            item: line.item_id.clone().unwrap_or_default(),
            description: line.description.clone(),
            quantity: show(line.quantity, lang),
            unit_price: show(line.unit_price, lang),
            discount: show_pct(line.discount_pct, lang),
            vat,
            reason,
        }
    }
}

/// The VAT choice and the exemption reason a stored treatment is edited as.
pub fn vat_text(vat: &VatRate) -> (String, String) {
    match vat {
        // The VAT choice is a select's value: the same in every language.
        VatRate::Rate(r) => (r.normalize().to_string(), String::new()),
        VatRate::Exempt(why) => (EXEMPT.to_string(), why.clone()),
    }
}

/// A stored decimal as it is shown back in an input, in the UI's language without grouping
/// and without trailing zeros (`1,5` / `1.5`, `21`): it reads back unchanged.
pub fn show(d: Decimal, lang: Lang) -> String {
    crate::locale::input_decimal(d, lang)
}

/// A percentage shown back in an input: empty for zero, so the field reads as "none".
fn show_pct(d: Decimal, lang: Lang) -> String {
    if d.is_zero() {
        String::new()
    } else {
        show(d, lang)
    }
}

/// The early-payment discount and days as edited ("" and "" for none).
fn early_text(terms: Option<&EarlyPaymentTerms>, lang: Lang) -> (String, String) {
    terms.map_or_else(Default::default, |e| {
        (show(e.discount_pct, lang), e.within_days.to_string())
    })
}

impl DraftInput {
    /// The text of a stored invoice draft.
    pub fn from_invoice(inv: &Invoice, lang: Lang) -> Self {
        let early = early_text(inv.early_payment.as_ref(), lang);
        Self {
            client: inv.client_id.clone(),
            po: inv.po_number.clone(),
            issue_date: inv.issue_date.to_string(),
            delivery_date: inv.delivery_date.map(|d| d.to_string()).unwrap_or_default(),
            due_date: inv.due_date.to_string(),
            valid_until: String::new(),
            currency: inv.currency.clone(),
            withholding: show_pct(inv.withholding_pct, lang),
            discount: show_pct(inv.invoice_discount_pct, lang),
            early_pct: early.0,
            early_days: early.1,
            methods: inv.payment_method_ids.clone(),
            notes: inv.notes.clone(),
            lines: inv.lines.iter().map(|l| LineInput::from_line(l, lang)).collect(),
        }
    }

    /// The text of a stored quote.
    pub fn from_quote(q: &Quote, lang: Lang) -> Self {
        let early = early_text(q.early_payment.as_ref(), lang);
        Self {
            client: q.client_id.clone(),
            po: q.po_number.clone(),
            issue_date: q.issue_date.to_string(),
            delivery_date: String::new(),
            due_date: String::new(),
            valid_until: q.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            currency: q.currency.clone(),
            withholding: show_pct(q.withholding_pct, lang),
            discount: show_pct(q.invoice_discount_pct, lang),
            early_pct: early.0,
            early_days: early.1,
            methods: q.payment_method_ids.clone(),
            notes: q.notes.clone(),
            lines: q.lines.iter().map(|l| LineInput::from_line(l, lang)).collect(),
        }
    }
}

/// Collects the problems of one parse.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn push(&mut self, field: FieldId, problem: InputProblem) {
        self.0.push(FieldProblem::new(field, problem));
    }

    /// The value, or `None` with its problem recorded.
    fn take<T>(&mut self, field: FieldId, r: Result<T, InputProblem>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(p) => {
                self.push(field, p);
                None
            }
        }
    }
}

/// A money refusal as the problem of the field it came from.
fn from_money(e: MoneyError) -> InputProblem {
    match e {
        MoneyError::Negative { .. } => InputProblem::Negative,
        MoneyError::OutOfRange { field, .. } => InputProblem::TooLarge {
            max: match field {
                "quantity" => money::MAX_QUANTITY,
                f if f.contains("discount") || f.contains("withholding") || f.contains("VAT") => {
                    Decimal::ONE_HUNDRED
                }
                _ => money::MAX_AMOUNT,
            },
        },
        MoneyError::TooManyDecimals { max, .. } => InputProblem::TooManyDecimals { max },
        MoneyError::NotANumber(s) => InputProblem::NotANumber(s),
        MoneyError::UnknownCurrency(c) => InputProblem::UnknownCurrency(c),
        MoneyError::Overflow => InputProblem::Overflow,
        MoneyError::Line { error, .. } => from_money(*error),
    }
}

/// A typed number (Spanish or English style).
fn number(text: &str) -> Result<Decimal, InputProblem> {
    money::parse_amount(text).map_err(from_money)
}

/// A percentage, empty meaning zero.
fn percent(field: &'static str, text: &str) -> Result<Decimal, InputProblem> {
    if text.trim().is_empty() {
        return Ok(Decimal::ZERO);
    }
    money::check_percent(field, number(text)?).map_err(from_money)
}

/// A required date as the date input gives it.
fn date(text: &str) -> Result<NaiveDate, InputProblem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(InputProblem::Missing);
    }
    t.parse().map_err(|_| InputProblem::NotADate(t.to_string()))
}

/// An optional date: empty is none.
fn optional_date(text: &str) -> Result<Option<NaiveDate>, InputProblem> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date(text).map(Some)
    }
}

/// The early-payment terms: none while the discount is empty.
fn early_terms(input: &DraftInput, p: &mut Problems) -> Option<Option<EarlyPaymentTerms>> {
    if input.early_pct.trim().is_empty() {
        return Some(None);
    }
    let pct = p.take(
        FieldId::EarlyPct,
        percent("early-payment discount", &input.early_pct).and_then(|v| {
            if v > MAX_EARLY_PCT {
                Err(InputProblem::EarlyDiscountTooHigh)
            } else {
                Ok(v)
            }
        }),
    );
    let days_text = input.early_days.trim();
    let days = p.take(
        FieldId::EarlyDays,
        if days_text.is_empty() {
            Err(InputProblem::Missing)
        } else {
            days_text
                .parse::<u32>()
                .map_err(|_| InputProblem::NotWholeDays(days_text.to_string()))
        },
    );
    Some(Some(EarlyPaymentTerms {
        discount_pct: pct?,
        within_days: days?,
    }))
}

/// One line, or `None` with its problems recorded.
fn line(i: usize, l: &LineInput, p: &mut Problems) -> Option<Line> {
    let at = |field| FieldId::Line { line: i, field };
    let quantity = p.take(
        at(LineField::Quantity),
        number(&l.quantity).and_then(|q| money::check_quantity("quantity", q).map_err(from_money)),
    );
    let unit_price = p.take(
        at(LineField::UnitPrice),
        number(&l.unit_price).and_then(|v| money::check_price("unit price", v).map_err(from_money)),
    );
    let discount_pct = p.take(at(LineField::Discount), percent("line discount", &l.discount));
    let vat = if l.vat == EXEMPT {
        let reason = l.reason.trim();
        if reason.is_empty() {
            p.push(at(LineField::Reason), InputProblem::ExemptWithoutReason);
            None
        } else {
            Some(VatRate::Exempt(reason.to_string()))
        }
    } else {
        p.take(at(LineField::Vat), percent("VAT rate", &l.vat).map(VatRate::Rate))
    };
    Some(Line {
        item_id: (!l.item.is_empty()).then(|| l.item.clone()),
        description: l.description.clone(),
        quantity: quantity?,
        unit_price: unit_price?,
        discount_pct: discount_pct?,
        vat: vat?,
    })
}

/// The parts invoices and quotes share, parsed.
struct Common {
    issue_date: NaiveDate,
    currency: String,
    withholding: Decimal,
    discount: Decimal,
    early: Option<EarlyPaymentTerms>,
    lines: Vec<Line>,
}

fn common(input: &DraftInput, p: &mut Problems) -> Option<Common> {
    if input.client.trim().is_empty() {
        p.push(FieldId::Client, InputProblem::Missing);
    }
    let issue_date = p.take(FieldId::IssueDate, date(&input.issue_date));
    let currency = p.take(
        FieldId::Currency,
        if input.currency.trim().is_empty() {
            Err(InputProblem::Missing)
        } else {
            money::parse_currency(&input.currency).map_err(from_money)
        },
    );
    let withholding = p.take(FieldId::Withholding, percent("withholding", &input.withholding));
    let discount = p.take(FieldId::Discount, percent("invoice discount", &input.discount));
    let early = early_terms(input, p);
    let lines: Vec<Option<Line>> = input
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| line(i, l, p))
        .collect();
    let lines: Option<Vec<Line>> = lines.into_iter().collect();
    let (lines, currency, withholding, discount) = (lines?, currency?, withholding?, discount?);
    // Each value is in range: what is left is the sum being too large to compute.
    if let Err(e) = tax::totals(&lines, discount, withholding, &currency) {
        let field = match &e {
            MoneyError::Line { line, .. } => FieldId::Line {
                line: line.saturating_sub(1),
                field: LineField::UnitPrice,
            },
            _ => FieldId::Lines,
        };
        p.push(field, from_money(e));
        return None;
    }
    if input.client.trim().is_empty() {
        return None;
    }
    Some(Common {
        issue_date: issue_date?,
        currency,
        withholding,
        discount,
        early: early?,
        lines,
    })
}

/// The invoice draft the input describes (`base` gives what the editor does not show: id,
/// series, links), or every problem that keeps it from being stored.
pub fn parse_invoice(input: &DraftInput, base: &Invoice) -> Result<Invoice, Vec<FieldProblem>> {
    let mut p = Problems::default();
    if base.series_id.is_empty() {
        p.push(FieldId::Series, InputProblem::Missing);
    }
    let common = common(input, &mut p);
    let due = p.take(FieldId::DueDate, date(&input.due_date));
    let delivery = p.take(FieldId::DeliveryDate, optional_date(&input.delivery_date));
    if let (Some(c), Some(due)) = (&common, due) {
        if due < c.issue_date {
            p.push(FieldId::DueDate, InputProblem::DueBeforeIssue);
        }
    }
    let (Some(c), Some(due_date), Some(delivery_date), true) = (common, due, delivery, p.0.is_empty()) else {
        return Err(p.0);
    };
    let inv = Invoice {
        client_id: input.client.trim().to_string(),
        po_number: input.po.trim().to_string(),
        issue_date: c.issue_date,
        delivery_date,
        due_date,
        currency: c.currency,
        lines: c.lines,
        withholding_pct: c.withholding,
        invoice_discount_pct: c.discount,
        early_payment: c.early,
        payment_method_ids: input.methods.clone(),
        notes: input.notes.clone(),
        ..base.clone()
    };
    // The terms are in range; only a deadline past the calendar's end is left to refuse.
    if let Err(e) = tax::invoice_total(&inv).and_then(|t| tax::early_payment_offer_on(&inv, t)) {
        return Err(vec![FieldProblem::new(FieldId::EarlyDays, from_money(e))]);
    }
    Ok(inv)
}

/// The quote the input describes, or every problem that keeps it from being stored.
pub fn parse_quote(input: &DraftInput, base: &Quote) -> Result<Quote, Vec<FieldProblem>> {
    let mut p = Problems::default();
    let common = common(input, &mut p);
    let valid = p.take(FieldId::ValidUntil, optional_date(&input.valid_until));
    if let (Some(c), Some(Some(v))) = (&common, valid) {
        if v < c.issue_date {
            p.push(FieldId::ValidUntil, InputProblem::ValidBeforeIssue);
        }
    }
    let (Some(c), Some(valid_until), true) = (common, valid, p.0.is_empty()) else {
        return Err(p.0);
    };
    Ok(Quote {
        client_id: input.client.trim().to_string(),
        po_number: input.po.trim().to_string(),
        issue_date: c.issue_date,
        valid_until,
        currency: c.currency,
        lines: c.lines,
        withholding_pct: c.withholding,
        invoice_discount_pct: c.discount,
        early_payment: c.early,
        payment_method_ids: input.methods.clone(),
        notes: input.notes.clone(),
        ..base.clone()
    })
}

/// The field an issuing problem is about, so the editor can show it there.
pub fn issue_problem_field(p: &DraftProblem) -> FieldId {
    match p {
        DraftProblem::LineWithoutDescription { line } => FieldId::Line {
            line: line.saturating_sub(1),
            field: LineField::Description,
        },
        DraftProblem::PoMissing => FieldId::Po,
        DraftProblem::DueBeforeIssue { .. } => FieldId::DueDate,
        DraftProblem::UnknownCurrency(_) => FieldId::Currency,
        DraftProblem::ClientMismatch => FieldId::Client,
        DraftProblem::NoLines
        | DraftProblem::NegativeTotal(_)
        | DraftProblem::ZeroTotal
        | DraftProblem::Amounts(_) => FieldId::Lines,
    }
}

/// Issuing problems as problems at fields.
pub fn issue_problems(problems: &[DraftProblem]) -> Vec<FieldProblem> {
    problems
        .iter()
        .map(|p| FieldProblem::new(issue_problem_field(p), InputProblem::Issue(p.clone())))
        .collect()
}

/// The totals of what is typed so far, whatever else is missing (no client yet, a date
/// half typed): the lines, the percentages and the currency are enough. `None` while one of
/// them is wrong (the editor then points at it).
pub fn live_totals(input: &DraftInput) -> Option<tax::Totals> {
    let mut p = Problems::default();
    let lines: Option<Vec<Line>> = input
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| line(i, l, &mut p))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let currency = money::parse_currency(&input.currency).ok()?;
    let withholding = percent("withholding", &input.withholding).ok()?;
    let discount = percent("invoice discount", &input.discount).ok()?;
    tax::totals(&lines?, discount, withholding, &currency).ok()
}

//! Document totals: line amounts, invoice discount, VAT per rate, withholding, early-payment offer.
//!
//! Quotes, invoices and credit notes all print the same breakdown, so it is
//! computed in one place: each line rounds to the currency's minor unit, VAT is
//! computed per rate over the summed line bases (Spanish practice), and the
//! printed figures add up to the cent with no rounding residue.
// CONTRACT (helper A implements): keep these names and signatures.

use crate::model::{CreditNote, Invoice, Line, Quote, VatRate};
use crate::money::{self, MoneyError};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Taxable base and VAT of one rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatGroup {
    /// The rate (normalised: 21, not 21.00) or the exemption reason (trimmed).
    pub vat: VatRate,
    /// Σ the group's line amounts less its share of the invoice discount.
    pub base: Decimal,
    /// round(base × rate / 100); zero when exempt.
    pub tax: Decimal,
}

/// Everything a document prints, already rounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Each line after its own discount, rounded to the minor unit.
    pub line_amounts: Vec<Decimal>,
    /// Σ line amounts.
    pub gross: Decimal,
    /// Invoice-level discount amount.
    pub discount: Decimal,
    /// Taxable base after the invoice discount = Σ group bases.
    pub base: Decimal,
    /// One group per distinct VAT treatment, in a stable order.
    pub vat: Vec<VatGroup>,
    /// Σ group taxes.
    pub vat_total: Decimal,
    /// Income-tax withholding on the whole base, subtracted from the total.
    pub withholding: Decimal,
    /// base + vat_total − withholding.
    pub total: Decimal,
}

/// Totals of a set of lines in one currency.
///
/// How the invoice-level discount is applied: it is taken off each VAT
/// group's base (the sum of that group's rounded line amounts), rounded per
/// group; the printed `discount` is the sum of those group discounts. So every
/// group base is exactly what its tax was computed on, and Σ group bases ==
/// `base` == `gross` − `discount` holds to the cent. The price: the discount
/// can differ by a cent per group from pct × `gross` rounded once.
///
/// Inputs are checked first (currency known; quantities, prices and
/// percentages non-negative, bounded and not over-precise; percentages ≤ 100):
/// with those bounds every product below is exact and nothing can overflow.
pub fn totals(
    lines: &[Line],
    invoice_discount_pct: Decimal,
    withholding_pct: Decimal,
    currency: &str,
) -> Result<Totals, MoneyError> {
    if money::minor_units(currency).is_none() {
        return Err(MoneyError::UnknownCurrency(currency.to_string()));
    }
    let invoice_discount_pct = money::check_percent("invoice discount", invoice_discount_pct)?;
    let withholding_pct = money::check_percent("withholding", withholding_pct)?;
    let line_amounts = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            line_amount(line, currency).map_err(|error| MoneyError::Line {
                line: i + 1,
                error: Box::new(error),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let gross = line_amounts
        .iter()
        .try_fold(Decimal::ZERO, |sum, a| sum.checked_add(*a))
        .ok_or(MoneyError::Overflow)?;
    // From here on every amount is at most a few times MAX_AMOUNT.
    money::check_amount("invoice amount", gross)?;

    let mut by_vat: Vec<(VatRate, Decimal)> = Vec::new();
    for (line, amount) in lines.iter().zip(&line_amounts) {
        let key = group_key(&line.vat);
        match by_vat.iter_mut().find(|(k, _)| *k == key) {
            Some((_, sum)) => *sum += *amount,
            None => by_vat.push((key, *amount)),
        }
    }
    crate::order::sort_by(&mut by_vat, |(a, _), (b, _)| group_order(a, b));

    let mut vat = Vec::with_capacity(by_vat.len());
    let (mut discount, mut base, mut vat_total) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (key, group_gross) in by_vat {
        let group_discount = percent_of(group_gross, invoice_discount_pct, currency)?;
        let group_base = group_gross - group_discount;
        let rate = match &key {
            VatRate::Rate(rate) => *rate,
            VatRate::Exempt(_) => Decimal::ZERO,
        };
        let tax = percent_of(group_base, rate, currency)?;
        discount += group_discount;
        base += group_base;
        vat_total += tax;
        vat.push(VatGroup {
            vat: key,
            base: group_base,
            tax,
        });
    }
    let withholding = percent_of(base, withholding_pct, currency)?;
    let total = base + vat_total - withholding;
    // Sums of rounded amounts are already exact; this only gives them the
    // currency's scale (an invoice with no lines totals 0.00, not 0).
    let scaled = |x: Decimal| money::round(x, currency);
    Ok(Totals {
        line_amounts,
        gross: scaled(gross)?,
        discount: scaled(discount)?,
        base: scaled(base)?,
        vat,
        vat_total: scaled(vat_total)?,
        withholding,
        total: scaled(total)?,
    })
}

/// One line after its own discount: qty × unit price × (1 − discount/100),
/// rounded once to the minor unit.
fn line_amount(line: &Line, currency: &str) -> Result<Decimal, MoneyError> {
    let quantity = money::check_quantity("quantity", line.quantity)?;
    let price = money::check_price("unit price", line.unit_price)?;
    let discount = money::check_percent("line discount", line.discount_pct)?;
    if let VatRate::Rate(rate) = &line.vat {
        money::check_percent("VAT rate", *rate)?;
    }
    let undiscounted = quantity.checked_mul(price).ok_or(MoneyError::Overflow)?;
    money::check_amount("line amount", undiscounted)?;
    money::round(
        undiscounted * (Decimal::ONE_HUNDRED - discount) / Decimal::ONE_HUNDRED,
        currency,
    )
}

/// `pct` % of `amount`, rounded to the minor unit.
fn percent_of(amount: Decimal, pct: Decimal, currency: &str) -> Result<Decimal, MoneyError> {
    money::round(amount * pct / Decimal::ONE_HUNDRED, currency)
}

/// The VAT treatment lines are grouped by: 21 and 21.00 are one rate, and
/// exemption reasons differing only in surrounding spaces are one reason.
fn group_key(vat: &VatRate) -> VatRate {
    match vat {
        VatRate::Rate(rate) => VatRate::Rate(rate.normalize()),
        VatRate::Exempt(reason) => VatRate::Exempt(reason.trim().to_string()),
    }
}

/// Printing order of the VAT groups: highest rate first, exemptions last (by reason).
fn group_order(a: &VatRate, b: &VatRate) -> Ordering {
    match (a, b) {
        (VatRate::Rate(x), VatRate::Rate(y)) => y.cmp(x),
        (VatRate::Rate(_), VatRate::Exempt(_)) => Ordering::Less,
        (VatRate::Exempt(_), VatRate::Rate(_)) => Ordering::Greater,
        (VatRate::Exempt(x), VatRate::Exempt(y)) => x.cmp(y),
    }
}

/// Totals of an invoice.
pub fn invoice_totals(inv: &Invoice) -> Result<Totals, MoneyError> {
    totals(
        &inv.lines,
        inv.invoice_discount_pct,
        inv.withholding_pct,
        &inv.currency,
    )
}

/// Totals of a credit note (positive amounts: what it takes off its invoice).
pub fn credit_note_totals(cn: &CreditNote) -> Result<Totals, MoneyError> {
    totals(
        &cn.lines,
        cn.invoice_discount_pct,
        cn.withholding_pct,
        &cn.currency,
    )
}

/// Totals of a quote.
pub fn quote_totals(q: &Quote) -> Result<Totals, MoneyError> {
    totals(&q.lines, q.invoice_discount_pct, q.withholding_pct, &q.currency)
}

/// "3 % if paid by <deadline>: <amount>".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlyPaymentOffer {
    pub discount_pct: Decimal,
    /// Last day on which the discounted amount settles the invoice.
    pub deadline: NaiveDate,
    /// What to pay by the deadline.
    pub amount: Decimal,
    pub saving: Decimal,
}

/// The early-payment offer of an invoice, if it has terms: pay
/// round(total × (1 − pct/100)) by issue date + `within_days`. `None` when the
/// invoice has no terms or their discount is 0 %.
pub fn early_payment_offer(inv: &Invoice, totals: &Totals) -> Result<Option<EarlyPaymentOffer>, MoneyError> {
    let Some(terms) = &inv.early_payment else {
        return Ok(None);
    };
    let discount_pct = money::check_percent("early-payment discount", terms.discount_pct)?;
    if discount_pct.is_zero() {
        return Ok(None);
    }
    let deadline = inv
        .issue_date
        .checked_add_days(Days::new(u64::from(terms.within_days)))
        .ok_or(MoneyError::OutOfRange {
            field: "early-payment days",
            value: Decimal::from(terms.within_days),
        })?;
    // `totals` comes from the caller, so it is not trusted to be bounded.
    let discounted = totals
        .total
        .checked_mul(Decimal::ONE_HUNDRED - discount_pct)
        .ok_or(MoneyError::Overflow)?
        / Decimal::ONE_HUNDRED;
    let amount = money::round(discounted, &inv.currency)?;
    let saving = totals.total.checked_sub(amount).ok_or(MoneyError::Overflow)?;
    Ok(Some(EarlyPaymentOffer {
        discount_pct,
        deadline,
        amount,
        saving,
    }))
}

//! Document totals: line amounts, invoice discount, VAT per rate, withholding, early-payment offer.
// CONTRACT (helper A implements): keep these names and signatures.

use crate::model::{CreditNote, Invoice, Line, Quote, VatRate};
use crate::money::MoneyError;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Taxable base and VAT of one rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatGroup {
    pub vat: VatRate,
    pub base: Decimal,
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
    pub vat_total: Decimal,
    pub withholding: Decimal,
    /// base + vat_total − withholding.
    pub total: Decimal,
}

/// Totals of a set of lines in one currency.
pub fn totals(
    lines: &[Line],
    invoice_discount_pct: Decimal,
    withholding_pct: Decimal,
    currency: &str,
) -> Result<Totals, MoneyError> {
    let _ = (lines, invoice_discount_pct, withholding_pct, currency);
    todo!()
}

pub fn invoice_totals(inv: &Invoice) -> Result<Totals, MoneyError> {
    totals(&inv.lines, inv.invoice_discount_pct, inv.withholding_pct, &inv.currency)
}

pub fn credit_note_totals(cn: &CreditNote) -> Result<Totals, MoneyError> {
    totals(&cn.lines, cn.invoice_discount_pct, cn.withholding_pct, &cn.currency)
}

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

/// The early-payment offer of an invoice, if it has terms.
pub fn early_payment_offer(inv: &Invoice, totals: &Totals) -> Result<Option<EarlyPaymentOffer>, MoneyError> {
    let _ = (inv, totals);
    todo!()
}

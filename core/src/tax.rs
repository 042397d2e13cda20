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
    let units = money::minor_units(currency);
    let terms = Terms::new(invoice_discount_pct, withholding_pct, currency, units)?;
    let line_amounts = lines
        .iter()
        .enumerate()
        .map(|(i, line)| terms.line_amount(i, line))
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
    let mut sums = Sums::default();
    for (key, group_gross) in by_vat {
        let (base, tax) = sums.group(&terms, group_gross, &key);
        vat.push(VatGroup { vat: key, base, tax });
    }
    let (withholding, total) = sums.withholding_and_total(&terms);
    // Sums of rounded amounts are already exact; this only gives them the
    // currency's scale (an invoice with no lines totals 0.00, not 0).
    Ok(Totals {
        line_amounts,
        gross: terms.round(gross),
        discount: terms.round(sums.discount),
        base: terms.round(sums.base),
        vat,
        vat_total: terms.round(sums.vat_total),
        withholding,
        total,
    })
}

/// [`totals`]`(…)?.total` alone: the same checks, errors and arithmetic, without building the
/// breakdown. Balances need only the total, and every daily screen asks for the balance of
/// every invoice, so this is what they pay for: no allocation, the currency looked up once.
pub fn total(
    lines: &[Line],
    invoice_discount_pct: Decimal,
    withholding_pct: Decimal,
    currency: &str,
) -> Result<Decimal, MoneyError> {
    let units = money::minor_units(currency);
    total_in(lines, invoice_discount_pct, withholding_pct, currency, units)
}

/// [`total`] with `units` = [`money::minor_units`]`(currency)` already known: the ledger looks
/// each currency up once, not once per invoice.
pub(crate) fn total_in(
    lines: &[Line],
    invoice_discount_pct: Decimal,
    withholding_pct: Decimal,
    currency: &str,
    units: Option<u32>,
) -> Result<Decimal, MoneyError> {
    /// VAT treatments kept inline; a document with more (never seen in practice) is
    /// answered by [`totals`].
    const INLINE: usize = 4;
    let terms = Terms::new(invoice_discount_pct, withholding_pct, currency, units)?;
    // (the first line's treatment, Σ the group's line amounts), in order of first appearance.
    let mut groups: [(Option<&VatRate>, Decimal); INLINE] = [(None, Decimal::ZERO); INLINE];
    let mut count = 0;
    let mut gross = Some(Decimal::ZERO);
    for (i, line) in lines.iter().enumerate() {
        // As in `totals`: every line is checked before an overflow of the sum is reported.
        let amount = terms.line_amount(i, line)?;
        gross = gross.and_then(|g| g.checked_add(amount));
        let found = groups
            .iter()
            .take(count)
            .position(|(first, _)| first.is_some_and(|v| same_group(v, &line.vat)));
        match groups.get_mut(found.unwrap_or(count)) {
            Some((_, sum)) if found.is_some() => match sum.checked_add(amount) {
                Some(more) => *sum = more,
                // Amounts are not negative, so the whole sum overflows too: reported below.
                None => gross = None,
            },
            Some(slot) => {
                *slot = (Some(&line.vat), amount);
                count += 1;
            }
            None => return totals(lines, invoice_discount_pct, withholding_pct, currency).map(|t| t.total),
        }
    }
    let gross = overflowed(gross)?;
    checked(gross, Decimal::MAX_SCALE, money::MAX_AMOUNT)
        .map_or_else(|| money::check_amount("invoice amount", gross), Ok)?;
    let groups = groups.get_mut(..count).unwrap_or_default();
    // The printing order of `totals`, so that the sums below are made in the same order.
    for i in 1..groups.len() {
        for j in (1..=i).rev() {
            let (Some((Some(a), _)), Some((Some(b), _))) = (groups.get(j - 1), groups.get(j)) else {
                break;
            };
            if group_order(a, b) != Ordering::Greater {
                break;
            }
            groups.swap(j - 1, j);
        }
    }
    let mut sums = Sums::default();
    for (vat, group_gross) in groups.iter() {
        if let Some(vat) = vat {
            sums.group(&terms, *group_gross, vat);
        }
    }
    Ok(sums.withholding_and_total(&terms).1)
}

/// What every amount of one document is computed with, checked once per document.
struct Terms {
    /// The currency's minor units.
    dp: u32,
    /// Zero in those units (0.00), what any zero percentage of an amount comes to.
    zero: Decimal,
    invoice_discount_pct: Decimal,
    withholding_pct: Decimal,
}

impl Terms {
    /// `units` is [`money::minor_units`]`(currency)`.
    fn new(
        invoice_discount_pct: Decimal,
        withholding_pct: Decimal,
        currency: &str,
        units: Option<u32>,
    ) -> Result<Self, MoneyError> {
        let Some(dp) = units else {
            return Err(MoneyError::UnknownCurrency(currency.to_string()));
        };
        Ok(Self {
            dp,
            zero: Decimal::from_parts(0, 0, 0, false, dp),
            invoice_discount_pct: percent("invoice discount", invoice_discount_pct)?,
            withholding_pct: percent("withholding", withholding_pct)?,
        })
    }

    #[inline(always)]
    fn round(&self, amount: Decimal) -> Decimal {
        round_to(amount, self.dp)
    }

    /// `pct` % of `amount`, rounded to the minor unit.
    fn percent_of(&self, amount: Decimal, pct: Decimal) -> Decimal {
        if pct.is_zero() {
            // No discount, no withholding, exempt: the product is a zero, skip working it out.
            return self.zero;
        }
        let product = amount * pct;
        if product.is_zero() {
            // No discount, no withholding, exempt: what rounding a division's plain zero gives.
            return self.zero;
        }
        self.round(hundredth(product))
    }

    /// Line `i` (from 0) after its own discount: qty × unit price × (1 − discount/100),
    /// rounded once to the minor unit; an error names the line as the user counts it.
    fn line_amount(&self, i: usize, line: &Line) -> Result<Decimal, MoneyError> {
        self.checked_line_amount(line).map_err(|error| MoneyError::Line {
            line: i + 1,
            error: Box::new(error),
        })
    }

    fn checked_line_amount(&self, line: &Line) -> Result<Decimal, MoneyError> {
        let quantity = checked(line.quantity, money::QUANTITY_DECIMALS, money::MAX_QUANTITY)
            .map_or_else(|| money::check_quantity("quantity", line.quantity), Ok)?;
        let price = checked(line.unit_price, money::PRICE_DECIMALS, money::MAX_AMOUNT)
            .map_or_else(|| money::check_price("unit price", line.unit_price), Ok)?;
        let discount = match line.discount_pct {
            // The usual line: a plain zero passes the check, no need to ask.
            d if d.is_zero() && !d.is_sign_negative() => d,
            d => percent("line discount", d)?,
        };
        if let VatRate::Rate(rate) = &line.vat {
            percent("VAT rate", *rate)?;
        }
        let undiscounted = overflowed(quantity.checked_mul(price))?;
        checked(undiscounted, Decimal::MAX_SCALE, money::MAX_AMOUNT)
            .map_or_else(|| money::check_amount("line amount", undiscounted), Ok)?;
        let amount = if discount.is_zero() {
            // × (100 − 0) / 100 is the value itself, and division makes any zero a plain zero.
            if undiscounted.is_zero() {
                Decimal::ZERO
            } else {
                undiscounted
            }
        } else {
            hundredth(undiscounted * (Decimal::ONE_HUNDRED - discount))
        };
        Ok(self.round(amount))
    }
}

/// The value, or [`MoneyError::Overflow`] for `None`: a match rather than `ok_or`, which builds
/// (and drops) the error even when there is none, on every line and every sum of a balance.
#[inline(always)]
pub(crate) fn overflowed(value: Option<Decimal>) -> Result<Decimal, MoneyError> {
    match value {
        Some(v) => Ok(v),
        None => Err(MoneyError::Overflow),
    }
}

/// [`money::round`] to a currency whose minor units `dp` are already known: looking them up
/// by code for every amount was a fifth of the cost of a balance.
#[inline(always)]
fn round_to(amount: Decimal, dp: u32) -> Decimal {
    if amount.scale() == dp {
        // Already in the minor unit: rounding and rescaling would both leave it as it is.
        return amount;
    }
    let mut rounded = amount.round_dp_with_strategy(dp, money::ROUNDING);
    rounded.rescale(dp);
    rounded
}

/// `x / 100`, exactly as `Decimal` division gives it: zero for zero, otherwise the same value,
/// which is all the rounding that follows looks at. Moving the decimal point two places is
/// much cheaper than a division, and there is one per line and three per VAT group.
#[inline(always)]
fn hundredth(x: Decimal) -> Decimal {
    if x.is_zero() {
        // What `Decimal` division answers for any zero, whatever its sign or scale.
        return Decimal::ZERO;
    }
    let mut moved = x;
    match moved.set_scale(x.scale() + 2) {
        Ok(()) => moved,
        // Past 28 decimals the quotient is no longer exact: let division round it.
        Err(_) => x / Decimal::ONE_HUNDRED,
    }
}

/// `value` if it is already within `0..=max` with at most `decimals` decimals as written:
/// then the `money` check would accept it, and it need not strip trailing zeros to say so.
/// `None` sends the value to the `money` check, which decides (and words the error).
#[inline(always)]
fn checked(value: Decimal, decimals: u32, max: Decimal) -> Option<Decimal> {
    /// Bounds and powers up to 10^18 multiply within an i128 with no overflow check.
    const LIMIT: i128 = 1_000_000_000_000_000_000;
    let scale = value.scale();
    if value.is_sign_negative() || scale > decimals {
        return None;
    }
    // value ≤ max compared as whole numbers at the value's scale, which is much cheaper than
    // comparing `Decimal`s; past what that handles cheaply, the `money` check decides.
    let shift = usize::try_from(scale.checked_sub(max.scale())?).ok()?;
    let (bound, power) = (max.mantissa(), *money::POWERS_OF_TEN.get(shift)?);
    if bound > LIMIT || power > LIMIT {
        return None;
    }
    (value.mantissa() <= bound * power).then_some(value)
}

/// [`money::check_percent`], with the common case answered by [`checked`].
#[inline(always)]
fn percent(field: &'static str, value: Decimal) -> Result<Decimal, MoneyError> {
    match checked(value, money::PERCENT_DECIMALS, Decimal::ONE_HUNDRED) {
        Some(v) => Ok(v),
        None => money::check_percent(field, value),
    }
}

/// The running sums over the VAT groups of a document, in printing order.
#[derive(Default)]
struct Sums {
    discount: Decimal,
    base: Decimal,
    vat_total: Decimal,
}

impl Sums {
    /// Adds the group of treatment `vat` whose line amounts sum to `gross`: its share of the
    /// invoice discount, rounded, comes off its base, and its tax is computed on that base.
    /// Returns the group's (base, tax).
    fn group(&mut self, terms: &Terms, gross: Decimal, vat: &VatRate) -> (Decimal, Decimal) {
        let group_discount = terms.percent_of(gross, terms.invoice_discount_pct);
        let group_base = gross - group_discount;
        let rate = match vat {
            // As `group_key` writes it (21.00 → 21, −0 → 0): the product keeps its zero's sign.
            VatRate::Rate(rate) => rate.normalize(),
            VatRate::Exempt(_) => Decimal::ZERO,
        };
        let tax = terms.percent_of(group_base, rate);
        self.discount += group_discount;
        self.base += group_base;
        self.vat_total += tax;
        (group_base, tax)
    }

    /// The withholding on the whole base, and the total it is subtracted from.
    fn withholding_and_total(&self, terms: &Terms) -> (Decimal, Decimal) {
        let withholding = terms.percent_of(self.base, terms.withholding_pct);
        let total = terms.round(self.base + self.vat_total - withholding);
        (withholding, total)
    }
}

/// Whether two lines' VAT treatments fall in one group, as [`group_key`] decides, without
/// making the key (an exemption's key is a new string).
fn same_group(a: &VatRate, b: &VatRate) -> bool {
    match (a, b) {
        (VatRate::Rate(x), VatRate::Rate(y)) => x == y,
        (VatRate::Exempt(x), VatRate::Exempt(y)) => x.trim() == y.trim(),
        _ => false,
    }
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
/// Reasons are compared trimmed, so it gives the same order on lines as on group keys.
fn group_order(a: &VatRate, b: &VatRate) -> Ordering {
    match (a, b) {
        (VatRate::Rate(x), VatRate::Rate(y)) => y.cmp(x),
        (VatRate::Rate(_), VatRate::Exempt(_)) => Ordering::Less,
        (VatRate::Exempt(_), VatRate::Rate(_)) => Ordering::Greater,
        (VatRate::Exempt(x), VatRate::Exempt(y)) => x.trim().cmp(y.trim()),
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

/// [`invoice_totals`]`(inv)?.total`, without the breakdown (see [`total`]).
pub fn invoice_total(inv: &Invoice) -> Result<Decimal, MoneyError> {
    total(
        &inv.lines,
        inv.invoice_discount_pct,
        inv.withholding_pct,
        &inv.currency,
    )
}

/// [`credit_note_totals`]`(cn)?.total`, without the breakdown (see [`total`]).
pub fn credit_note_total(cn: &CreditNote) -> Result<Decimal, MoneyError> {
    total(
        &cn.lines,
        cn.invoice_discount_pct,
        cn.withholding_pct,
        &cn.currency,
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
    early_payment_offer_on(inv, totals.total)
}

/// [`early_payment_offer`] given only the invoice's total, which is all it reads of the totals.
pub fn early_payment_offer_on(
    inv: &Invoice,
    total: Decimal,
) -> Result<Option<EarlyPaymentOffer>, MoneyError> {
    early_payment_offer_in(inv, total, money::minor_units(&inv.currency))
}

/// [`early_payment_offer_on`] with `units` = [`money::minor_units`] of the invoice's currency.
pub(crate) fn early_payment_offer_in(
    inv: &Invoice,
    total: Decimal,
    units: Option<u32>,
) -> Result<Option<EarlyPaymentOffer>, MoneyError> {
    let Some(terms) = &inv.early_payment else {
        return Ok(None);
    };
    let discount_pct = percent("early-payment discount", terms.discount_pct)?;
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
    // `total` comes from the caller, so it is not trusted to be bounded.
    let discounted = total
        .checked_mul(Decimal::ONE_HUNDRED - discount_pct)
        .ok_or(MoneyError::Overflow)?;
    let Some(dp) = units else {
        return Err(MoneyError::UnknownCurrency(inv.currency.clone()));
    };
    let amount = round_to(hundredth(discounted), dp);
    let saving = total.checked_sub(amount).ok_or(MoneyError::Overflow)?;
    Ok(Some(EarlyPaymentOffer {
        discount_pct,
        deadline,
        amount,
        saving,
    }))
}

//! Money: ISO 4217 minor units and the one rounding policy every amount goes through.
//!
//! Every amount the app stores or prints passes through here: [`round`] is the
//! only rounding, the `check_*` functions are the only bounds, and
//! [`parse_amount`] / [`format_amount`] are the only way amounts cross the
//! boundary with the user. Keeping inputs inside sane bounds (and within a
//! bounded number of decimals) means the arithmetic downstream is exact and can
//! never overflow a `Decimal`.

use crate::model::Lang;
use rust_decimal::{Decimal, RoundingStrategy};
use thiserror::Error;

/// The rounding policy of the whole app: to the currency's minor unit, half away from zero.
pub const ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Largest amount (price, line, total, payment) the app accepts: 10^12.
/// Nobody invoices a trillion; above this a value is a typo, and the bound is
/// what keeps every sum and product far from `Decimal`'s limits.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// Largest quantity on a line: 10^9.
pub const MAX_QUANTITY: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// Decimals allowed in a quantity (hours like 0.25, kilos like 1.125).
pub const QUANTITY_DECIMALS: u32 = 4;
/// Decimals allowed in a unit price (per-unit tariffs like 0.000125).
pub const PRICE_DECIMALS: u32 = 6;
/// Decimals allowed in a percentage (discounts, VAT, withholding).
pub const PERCENT_DECIMALS: u32 = 4;

/// 10^0 ..= 10^28, as far as a `Decimal`'s scale goes: mantissas of different scales are
/// compared as integers by bringing them to one scale (the agenda's sort keys, the fast
/// bound checks of `tax`).
pub(crate) const POWERS_OF_TEN: [i128; 29] = {
    let mut p = [1i128; 29];
    let mut i = 1;
    while i < p.len() {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};
// Why these limits: quantity × price × (100 − discount) then has at most
// 4 + 6 + 4 decimals on a value ≤ 10^14, i.e. ≤ 28 significant digits, which a
// `Decimal` holds exactly, so the single final rounding sees the exact value.

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("unknown currency code “{0}”")]
    UnknownCurrency(String),
    #[error("{field} cannot be negative ({value})")]
    Negative { field: &'static str, value: Decimal },
    #[error("{field} is out of range ({value})")]
    OutOfRange { field: &'static str, value: Decimal },
    #[error("amount too large to compute")]
    Overflow,
    /// More decimals than the field allows (e.g. a quantity of 0.123456).
    #[error("{field} has too many decimals ({value}); at most {max} are allowed")]
    TooManyDecimals {
        field: &'static str,
        value: Decimal,
        max: u32,
    },
    /// User input that is not a number.
    #[error("“{0}” is not a valid number")]
    NotANumber(String),
    /// A problem with one line of a document; `line` counts from 1 as the user sees it.
    #[error("line {line}: {error}")]
    Line { line: usize, error: Box<MoneyError> },
}

/// ISO 4217 active codes (plus a few recently withdrawn ones that older
/// records may still carry) with their minor units, sorted by code for binary
/// search. Codes whose minor unit ISO lists as "N.A." (gold, SDR, test code…)
/// are left out on purpose: they cannot be rounded, so they cannot be invoiced.
#[rustfmt::skip]
const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2), ("AFN", 2), ("ALL", 2), ("AMD", 2), ("ANG", 2), ("AOA", 2), ("ARS", 2), ("AUD", 2),
    ("AWG", 2), ("AZN", 2), ("BAM", 2), ("BBD", 2), ("BDT", 2), ("BGN", 2), ("BHD", 3), ("BIF", 0),
    ("BMD", 2), ("BND", 2), ("BOB", 2), ("BOV", 2), ("BRL", 2), ("BSD", 2), ("BTN", 2), ("BWP", 2),
    ("BYN", 2), ("BZD", 2), ("CAD", 2), ("CDF", 2), ("CHE", 2), ("CHF", 2), ("CHW", 2), ("CLF", 4),
    ("CLP", 0), ("CNY", 2), ("COP", 2), ("COU", 2), ("CRC", 2), ("CUC", 2), ("CUP", 2), ("CVE", 2),
    ("CZK", 2), ("DJF", 0), ("DKK", 2), ("DOP", 2), ("DZD", 2), ("EGP", 2), ("ERN", 2), ("ETB", 2),
    ("EUR", 2), ("FJD", 2), ("FKP", 2), ("GBP", 2), ("GEL", 2), ("GHS", 2), ("GIP", 2), ("GMD", 2),
    ("GNF", 0), ("GTQ", 2), ("GYD", 2), ("HKD", 2), ("HNL", 2), ("HRK", 2), ("HTG", 2), ("HUF", 2),
    ("IDR", 2), ("ILS", 2), ("INR", 2), ("IQD", 3), ("IRR", 2), ("ISK", 0), ("JMD", 2), ("JOD", 3),
    ("JPY", 0), ("KES", 2), ("KGS", 2), ("KHR", 2), ("KMF", 0), ("KPW", 2), ("KRW", 0), ("KWD", 3),
    ("KYD", 2), ("KZT", 2), ("LAK", 2), ("LBP", 2), ("LKR", 2), ("LRD", 2), ("LSL", 2), ("LYD", 3),
    ("MAD", 2), ("MDL", 2), ("MGA", 2), ("MKD", 2), ("MMK", 2), ("MNT", 2), ("MOP", 2), ("MRU", 2),
    ("MUR", 2), ("MVR", 2), ("MWK", 2), ("MXN", 2), ("MXV", 2), ("MYR", 2), ("MZN", 2), ("NAD", 2),
    ("NGN", 2), ("NIO", 2), ("NOK", 2), ("NPR", 2), ("NZD", 2), ("OMR", 3), ("PAB", 2), ("PEN", 2),
    ("PGK", 2), ("PHP", 2), ("PKR", 2), ("PLN", 2), ("PYG", 0), ("QAR", 2), ("RON", 2), ("RSD", 2),
    ("RUB", 2), ("RWF", 0), ("SAR", 2), ("SBD", 2), ("SCR", 2), ("SDG", 2), ("SEK", 2), ("SGD", 2),
    ("SHP", 2), ("SLE", 2), ("SLL", 2), ("SOS", 2), ("SRD", 2), ("SSP", 2), ("STN", 2), ("SVC", 2),
    ("SYP", 2), ("SZL", 2), ("THB", 2), ("TJS", 2), ("TMT", 2), ("TND", 3), ("TOP", 2), ("TRY", 2),
    ("TTD", 2), ("TWD", 2), ("TZS", 2), ("UAH", 2), ("UGX", 0), ("USD", 2), ("USN", 2), ("UYI", 0),
    ("UYU", 2), ("UYW", 4), ("UZS", 2), ("VED", 2), ("VES", 2), ("VND", 0), ("VUV", 0), ("WST", 2),
    ("XAF", 0), ("XCD", 2), ("XCG", 2), ("XOF", 0), ("XPF", 0), ("YER", 2), ("ZAR", 2), ("ZMW", 2),
    ("ZWG", 2), ("ZWL", 2),
];

/// Minor units (decimal places) of an ISO 4217 currency; `None` if unknown.
/// Codes are matched exactly (upper case); use [`parse_currency`] for user input.
pub fn minor_units(code: &str) -> Option<u32> {
    CURRENCIES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .and_then(|i| CURRENCIES.get(i))
        .map(|(_, units)| *units)
}

/// Every known currency code, in alphabetical order (for a currency picker).
pub fn currency_codes() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().map(|(c, _)| *c)
}

/// A currency code typed by the user (" eur ") as the canonical code ("EUR").
pub fn parse_currency(input: &str) -> Result<String, MoneyError> {
    let code = input.trim().to_ascii_uppercase();
    match minor_units(&code) {
        Some(_) => Ok(code),
        None => Err(MoneyError::UnknownCurrency(input.trim().to_string())),
    }
}

/// Round to the currency's minor unit with [`ROUNDING`].
/// The result always carries exactly the minor-unit scale (5 EUR → 5.00), so
/// that plain `to_string` of any stored amount already looks like money.
pub fn round(amount: Decimal, currency: &str) -> Result<Decimal, MoneyError> {
    let dp = minor_units(currency).ok_or_else(|| MoneyError::UnknownCurrency(currency.to_string()))?;
    let mut rounded = amount.round_dp_with_strategy(dp, ROUNDING);
    // Raising the scale never changes the value (rust_decimal caps it instead).
    rounded.rescale(dp);
    Ok(rounded)
}

/// `value` itself if it is not negative.
pub fn check_non_negative(field: &'static str, value: Decimal) -> Result<Decimal, MoneyError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(MoneyError::Negative { field, value });
    }
    Ok(value)
}

/// `value` itself if it has at most `max` decimals (trailing zeros do not count).
pub fn check_decimals(field: &'static str, value: Decimal, max: u32) -> Result<Decimal, MoneyError> {
    if value.normalize().scale() > max {
        return Err(MoneyError::TooManyDecimals { field, value, max });
    }
    Ok(value)
}

/// `value` itself if it lies within `0..=max`.
fn check_bounded(field: &'static str, value: Decimal, max: Decimal) -> Result<Decimal, MoneyError> {
    check_non_negative(field, value)?;
    if value > max {
        return Err(MoneyError::OutOfRange { field, value });
    }
    Ok(value)
}

/// A non-negative amount no larger than [`MAX_AMOUNT`].
pub fn check_amount(field: &'static str, value: Decimal) -> Result<Decimal, MoneyError> {
    check_bounded(field, value, MAX_AMOUNT)
}

/// A unit price: a valid amount with at most [`PRICE_DECIMALS`] decimals.
pub fn check_price(field: &'static str, value: Decimal) -> Result<Decimal, MoneyError> {
    check_amount(field, value)?;
    check_decimals(field, value, PRICE_DECIMALS)
}

/// A quantity in `0..=MAX_QUANTITY` with at most [`QUANTITY_DECIMALS`] decimals.
pub fn check_quantity(field: &'static str, value: Decimal) -> Result<Decimal, MoneyError> {
    check_bounded(field, value, MAX_QUANTITY)?;
    check_decimals(field, value, QUANTITY_DECIMALS)
}

/// A percentage in `0..=100` with at most [`PERCENT_DECIMALS`] decimals.
pub fn check_percent(field: &'static str, value: Decimal) -> Result<Decimal, MoneyError> {
    check_bounded(field, value, Decimal::ONE_HUNDRED)?;
    check_decimals(field, value, PERCENT_DECIMALS)
}

/// A number typed by the user, in Spanish or English style:
/// "1234.5", "1234,5", "1.234,50", "1,234.50", "-3".
///
/// When both separators appear, the last one is the decimal separator and the
/// other must group digits in threes. When only one kind appears, once, it is
/// the decimal separator ("1.234" is 1.234, never 1234: the only reading that
/// does not depend on the user's locale); appearing more than once, it groups
/// thousands ("1.234.567"). Anything else is [`MoneyError::NotANumber`];
/// magnitudes above [`MAX_AMOUNT`] are [`MoneyError::OutOfRange`].
pub fn parse_amount(input: &str) -> Result<Decimal, MoneyError> {
    let not_a_number = || MoneyError::NotANumber(input.trim().to_string());
    let text = input.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let decimal_sep = match (digits.rfind('.'), digits.rfind(',')) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (Some(_), None) if digits.matches('.').count() == 1 => Some('.'),
        (None, Some(_)) if digits.matches(',').count() == 1 => Some(','),
        _ => None,
    };
    let (int_part, frac_part) = match decimal_sep {
        Some(sep) => digits.rsplit_once(sep).ok_or_else(not_a_number)?,
        None => (digits, ""),
    };
    let int_digits = ungroup(int_part).ok_or_else(not_a_number)?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if decimal_sep.is_some() && !all_digits(frac_part) {
        return Err(not_a_number());
    }
    let canonical = format!(
        "{}{}{}{}",
        if negative { "-" } else { "" },
        int_digits,
        if decimal_sep.is_some() { "." } else { "" },
        frac_part
    );
    let value = Decimal::from_str_exact(&canonical).map_err(|_| not_a_number())?;
    if value.abs() > MAX_AMOUNT {
        return Err(MoneyError::OutOfRange {
            field: "amount",
            value,
        });
    }
    Ok(value)
}

/// The integer part of a typed number without its thousands separators, if it
/// is plain digits or digits grouped in threes by one separator ('.' or ',').
fn ungroup(int_part: &str) -> Option<String> {
    let groups: Vec<&str> = int_part.split(['.', ',']).collect();
    let seps: Vec<char> = int_part.chars().filter(|c| *c == '.' || *c == ',').collect();
    let one_kind = seps.windows(2).all(|w| w.first() == w.get(1));
    let (first, rest) = groups.split_first()?;
    let digits_ok = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let ok = one_kind
        && !first.is_empty()
        && digits_ok(first)
        && (rest.is_empty() || first.len() <= 3)
        && rest.iter().all(|g| g.len() == 3 && digits_ok(g));
    ok.then(|| groups.concat())
}

/// Symbol printed instead of the code for the most common currencies.
fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

/// An amount as a person reads it, rounded to the currency's minor unit:
/// Spanish "1.234,50 €", English "€1,234.50"; currencies without a common
/// symbol show their code ("1.234,50 CHF", "CHF 1,234.50"). An unknown
/// currency keeps the amount's own decimals.
pub fn format_amount(amount: Decimal, currency: &str, lang: Lang) -> String {
    let value = round(amount, currency).unwrap_or(amount);
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    let number = crate::locale::digits(value.abs(), lang);
    match (lang, symbol(currency)) {
        (Lang::Es, Some(sym)) => format!("{sign}{number} {sym}"),
        (Lang::Es, None) => format!("{sign}{number} {currency}"),
        (Lang::En, Some(sym)) => format!("{sign}{sym}{number}"),
        (Lang::En, None) => format!("{sign}{currency} {number}"),
    }
}

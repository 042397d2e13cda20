//! Money: ISO 4217 minor units and the one rounding policy every amount goes through.
// CONTRACT (helper A implements): keep these names and signatures.

use rust_decimal::{Decimal, RoundingStrategy};
use thiserror::Error;

/// The rounding policy of the whole app: to the currency's minor unit, half away from zero.
pub const ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

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
}

/// Minor units (decimal places) of an ISO 4217 currency; `None` if unknown.
pub fn minor_units(code: &str) -> Option<u32> {
    let _ = code;
    todo!()
}

/// Round to the currency's minor unit with [`ROUNDING`].
pub fn round(amount: Decimal, currency: &str) -> Result<Decimal, MoneyError> {
    let _ = (amount, currency);
    todo!()
}

//! The partial credit note form: per invoice line, units or an amount to take back (as typed,
//! Spanish or English numbers), and the reason. Parsed here and checked by the core's credit
//! rules ([`lifecycle::credit_lines`]) line by line, so every line's problem is said at its
//! field at once; what the note as a whole may take back is storage's question, asked again
//! inside its transaction.

use super::Parse;
use crate::lifecycle::{self, CreditBy, CreditPick, LifecycleError};
use crate::model::{Invoice, Line};
use crate::validity::{Invalid, Rule, Text};
use rust_decimal::Decimal;

/// How one line is taken back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CreditWay {
    /// Some of its units.
    #[default]
    Quantity,
    /// An amount off it.
    Amount,
}

/// One invoice line's row: how, and how much (empty or zero: nothing from this line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditLineInput {
    pub by: CreditWay,
    pub value: String,
}

impl Default for CreditLineInput {
    fn default() -> Self {
        Self {
            by: CreditWay::Quantity,
            value: "0".into(),
        }
    }
}

/// The form as typed: one row per invoice line, in the invoice's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreditInput {
    pub lines: Vec<CreditLineInput>,
    pub reason: String,
}

/// The credit note the form asks for: its lines and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditChoice {
    pub lines: Vec<Line>,
    pub reason: String,
}

/// The path of the row of invoice line `index` (from 0) in the form's problems.
pub fn credit_path(index: usize) -> String {
    format!("lines[{index}].credit")
}

impl CreditInput {
    /// The empty form for `inv`: nothing taken from any line yet.
    pub fn for_invoice(inv: &Invoice) -> Self {
        Self {
            lines: vec![CreditLineInput::default(); inv.lines.len()],
            reason: String::new(),
        }
    }

    /// The credit note's lines and reason, or every problem: a value that is not a number,
    /// below zero, with too many decimals or beyond what its line can give back (at
    /// `lines[i].credit`), no line picked (under the form, `""`), no reason or a reason too
    /// long (at `reason`).
    pub fn build(&self, inv: &Invoice) -> Result<CreditChoice, Invalid> {
        let mut p = Parse::default();
        let mut lines = Vec::new();
        for (i, row) in self.lines.iter().enumerate() {
            let path = credit_path(i);
            let value = if row.value.trim().is_empty() {
                Some(Decimal::ZERO)
            } else {
                p.amount(&path, &row.value)
            };
            let Some(value) = value.filter(|v| !v.is_zero()) else {
                continue;
            };
            let by = match row.by {
                CreditWay::Quantity => CreditBy::Quantity(value),
                CreditWay::Amount => CreditBy::Amount(value),
            };
            // One line at a time, so each line's problem is found, not only the first.
            match lifecycle::credit_lines(inv, &[CreditPick { line: i, by }]) {
                Ok(mut one) => lines.append(&mut one),
                Err(LifecycleError::CreditLine { problem, .. }) => p.fail(&path, Rule::CreditLine(problem)),
                Err(LifecycleError::Money(e)) => p.fail("", Rule::Money(e)),
                // Only an all-zero choice is refused otherwise, and zero is skipped above.
                Err(_) => p.fail("", Rule::NothingPicked),
            }
        }
        if lines.is_empty() && p.problems.is_empty() {
            p.fail("", Rule::NothingPicked);
        }
        let reason = self.reason.trim().to_string();
        if reason.is_empty() {
            p.fail("reason", Rule::Required);
        } else {
            let (max, len) = (Text::Reason.max_chars(), reason.chars().count());
            if len > max {
                p.fail("reason", Rule::TooLong { max, len });
            }
        }
        if p.problems.is_empty() {
            Ok(CreditChoice { lines, reason })
        } else {
            Err(Invalid(p.problems))
        }
    }
}

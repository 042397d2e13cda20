//! The Settings form of one numbering series (prefix, separator, counter digits, the year in
//! the number, yearly restart, and the next number where the numbering continues from
//! another tool): parsed and checked here, every problem at its field, so the preview and
//! the save ask the same question.

use super::Parse;
use crate::model::{NumberingSeries, Stamp};
use crate::numbering::{self, SeriesEditError, SeriesFormat};
use crate::validity::{FieldProblem, Invalid, Rule, Severity};

/// The series form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesInput {
    pub prefix: String,
    pub separator: String,
    /// How many digits the counter has.
    pub digits: String,
    /// The next number of this year.
    pub next: String,
    pub include_year: bool,
    pub yearly_reset: bool,
}

/// What saving the form asks storage for (the format and the next number of a year, which
/// storage applies again inside its transaction) and the series it comes to now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesEdit {
    pub format: SeriesFormat,
    pub next: (i32, u32),
    pub edited: NumberingSeries,
}

/// Where the form shows a refusal of [`numbering::edit_series`]: at the field it is about,
/// or under the form (`""`) for a format that can no longer change.
pub fn series_problem(e: SeriesEditError) -> FieldProblem {
    let path = match e {
        SeriesEditError::BadPrefix | SeriesEditError::PrefixTaken(..) => "prefix",
        SeriesEditError::BadSeparator => "separator",
        SeriesEditError::BadPadding => "padding",
        SeriesEditError::BadNext | SeriesEditError::NextLocked(_) => "next",
        SeriesEditError::FormatLocked => "",
    };
    FieldProblem {
        path: path.to_string(),
        rule: Rule::Series(e),
        severity: Severity::Warn,
    }
}

impl SeriesInput {
    /// The form filled with `series` as it numbers documents of `year`.
    pub fn from_series(series: &NumberingSeries, year: i32) -> Self {
        let last = series.last.get(&series.counter_key(year)).copied().unwrap_or(0);
        Self {
            prefix: series.prefix.clone(),
            separator: series.separator.clone(),
            digits: series.padding.to_string(),
            next: last.saturating_add(1).to_string(),
            include_year: series.include_year,
            yearly_reset: series.yearly_reset,
        }
    }

    /// Whether the next number of `year` may still be set: no number of that counter was
    /// given by Cobro yet (only carried over from another tool).
    pub fn next_open(series: &NumberingSeries, year: i32) -> bool {
        let key = series.counter_key(year);
        series.last.get(&key).copied().unwrap_or(0) <= series.carried_over.get(&key).copied().unwrap_or(0)
    }

    /// `series` edited as the form says (`others`: every series, whose prefixes must differ),
    /// numbering `year` next, or every problem at its field: each field's shape first, all at
    /// once, then what the edit itself refuses (a prefix taken, a format or a next number
    /// already in use).
    pub fn build(
        &self,
        series: &NumberingSeries,
        others: &[NumberingSeries],
        year: i32,
        now: Stamp,
    ) -> Result<SeriesEdit, Invalid> {
        let mut p = Parse::default();
        let prefix = self.prefix.trim().to_string();
        // Each part of the format on its own, with the others at a shape that passes, so
        // every field's problem is said at once.
        if let Err(e) = numbering::check_format(&prefix, "-", 1) {
            p.fail("prefix", Rule::Series(e));
        }
        let separator_ok = numbering::check_format("F", &self.separator, 1)
            .map_err(|e| p.fail("separator", Rule::Series(e)))
            .is_ok();
        let padding = match self.digits.trim().parse::<u8>() {
            Ok(d) if numbering::check_format("F", "-", d).is_ok() => Some(d),
            _ => {
                p.fail("padding", Rule::Series(SeriesEditError::BadPadding));
                None
            }
        };
        let next = match self.next.trim().parse::<u32>() {
            Ok(n) if (1..=numbering::MAX_NEXT).contains(&n) => Some(n),
            _ => {
                p.fail("next", Rule::Series(SeriesEditError::BadNext));
                None
            }
        };
        // What is refused stands as stored meanwhile, so the edit's own refusals (a prefix
        // taken, a format in use) are found as well.
        let format = SeriesFormat {
            prefix,
            include_year: self.include_year,
            separator: if separator_ok {
                self.separator.clone()
            } else {
                series.separator.clone()
            },
            padding: padding.unwrap_or(series.padding),
            yearly_reset: self.yearly_reset,
        };
        match numbering::edit_series(series, others, format.clone(), next.map(|n| (year, n)), now) {
            Ok(edited) => {
                if let (Some(next), true) = (next, p.problems.is_empty()) {
                    return Ok(SeriesEdit {
                        format,
                        next: (year, next),
                        edited,
                    });
                }
            }
            Err(e) => {
                let problem = series_problem(e);
                if !p.problems.iter().any(|q| q.path == problem.path) {
                    p.problems.push(problem);
                }
            }
        }
        Err(Invalid(p.problems))
    }
}

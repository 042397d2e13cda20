//! Document numbers: how a series prints a number, which number comes next, and
//! a check that the numbers actually used are consecutive, unique and in order.
//!
//! Spanish invoicing law wants numbers per series that are correlative with no
//! gaps, so numbering is kept pure: [`next_number`] returns the number and the
//! updated series together and the caller stores both at once, which is what
//! keeps a number from being handed out twice.

use crate::model::{DocKind, Id, NumberingSeries, Stamp};
use crate::Dataset;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use thiserror::Error;

/// Why no number could be given.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberingError {
    #[error("the numbering series “{series}” has used up its counter for {year}")]
    CounterExhausted { series: String, year: i32 },
    #[error("the year {0} cannot be printed with four digits in a document number")]
    YearOutOfRange(i32),
}

impl NumberingSeries {
    /// The usual Spanish series for a kind of document: `F2026-0001` for invoices,
    /// `R…` for credit notes (rectificativas), `P…` for quotes (presupuestos),
    /// restarting at 1 every year.
    pub fn default_for(kind: DocKind, id: Id, now: Stamp) -> Self {
        let prefix = match kind {
            DocKind::Invoice => "F",
            DocKind::CreditNote => "R",
            DocKind::Quote => "P",
        };
        Self {
            id,
            kind,
            prefix: prefix.into(),
            include_year: true,
            separator: "-".into(),
            padding: 4,
            yearly_reset: true,
            last: BTreeMap::new(),
            carried_over: BTreeMap::new(),
            updated_at: now,
        }
    }

    /// Key of the counter that numbers a document of `year`: the year itself
    /// when the series restarts yearly, one shared counter (0) otherwise.
    pub(crate) fn counter_key(&self, year: i32) -> i32 {
        if self.yearly_reset {
            year
        } else {
            0
        }
    }
}

/// The printed number: prefix, the four-digit year if the series shows it, the
/// separator and the counter zero-padded (a counter wider than the padding is
/// printed whole). `year` is ignored when the series does not show it.
pub fn format_number(series: &NumberingSeries, year: i32, counter: u32) -> String {
    let width = usize::from(series.padding);
    let year = if series.include_year {
        format!("{year:04}")
    } else {
        String::new()
    };
    format!("{}{year}{}{counter:0width$}", series.prefix, series.separator)
}

/// The number for a document issued on `issue_date`, and the series with that
/// number recorded as used (stamped `now`). Pure: nothing is used until the
/// caller stores the returned series.
pub fn next_number(
    series: &NumberingSeries,
    issue_date: NaiveDate,
    now: Stamp,
) -> Result<(String, NumberingSeries), NumberingError> {
    let year = issue_date.year();
    if series.include_year && !(0..=9999).contains(&year) {
        return Err(NumberingError::YearOutOfRange(year));
    }
    let key = series.counter_key(year);
    let counter = series
        .last
        .get(&key)
        .copied()
        .unwrap_or(0)
        .checked_add(1)
        .ok_or_else(|| NumberingError::CounterExhausted {
            series: series.prefix.clone(),
            year,
        })?;
    let mut updated = series.clone();
    updated.last.insert(key, counter);
    updated.updated_at = now;
    Ok((format_number(series, year, counter), updated))
}

/// Reads a number back as (printed year, counter); `None` when the series
/// could not have printed it (other prefix, not canonical padding, counter 0).
pub fn parse_number(series: &NumberingSeries, number: &str) -> Option<(Option<i32>, u32)> {
    let rest = number.strip_prefix(series.prefix.as_str())?;
    let (year, rest) = if series.include_year {
        let digits = rest.get(..4)?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        (Some(digits.parse().ok()?), rest.get(4..)?)
    } else {
        (None, rest)
    };
    let digits = rest.strip_prefix(series.separator.as_str())?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let counter: u32 = digits.parse().ok()?;
    // Only the exact text the series prints counts: "F2026-01" or "F2026-0000" do not. The
    // prefix, the year (four digits read back) and the separator are as printed already, so
    // that is [`format_number`]'s counter: zero-padded to the width, no other leading zeros
    // (checked without writing the number again: every numbered document of a backup is).
    let significant = digits.trim_start_matches('0').len();
    let canonical = counter > 0 && digits.len() == significant.max(usize::from(series.padding));
    canonical.then_some((year, counter))
}

/// What a person may change in a series: how its numbers look. Counters are
/// not part of it; only [`edit_series`]'s `next` touches them, and only before use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesFormat {
    pub prefix: String,
    pub include_year: bool,
    pub separator: String,
    pub padding: u8,
    pub yearly_reset: bool,
}

impl From<&NumberingSeries> for SeriesFormat {
    fn from(s: &NumberingSeries) -> Self {
        Self {
            prefix: s.prefix.clone(),
            include_year: s.include_year,
            separator: s.separator.clone(),
            padding: s.padding,
            yearly_reset: s.yearly_reset,
        }
    }
}

/// Longest prefix accepted: numbers must stay short enough to quote on a transfer.
pub const MAX_PREFIX: usize = 10;
/// Widest counter accepted (a million documents a year is plenty).
pub const MAX_PADDING: u8 = 6;
/// Largest first number that can be carried over from another tool.
pub const MAX_NEXT: u32 = 999_999;

/// Why a change to a series was refused. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SeriesEditError {
    #[error("the prefix needs 1 to {MAX_PREFIX} letters, digits or the signs - _ / . (no spaces)")]
    BadPrefix,
    #[error("the separator may have up to 3 of the signs - _ / . (no letters, digits or spaces)")]
    BadSeparator,
    #[error("the counter needs between 1 and {MAX_PADDING} digits")]
    BadPadding,
    #[error(
        "the series for {0} already uses the prefix “{1}”: two kinds of document would get the same numbers"
    )]
    PrefixTaken(&'static str, String),
    #[error("documents are already numbered in this series, so its format cannot change any more (old numbers would stop matching it)")]
    FormatLocked,
    #[error(
        "numbers of {0} are already used in this series: the next number follows them and cannot be set"
    )]
    NextLocked(i32),
    #[error("the next number must be between 1 and {MAX_NEXT}")]
    BadNext,
}

/// The shape rules of a series' format: a prefix of 1 to [`MAX_PREFIX`] letters, digits or
/// `- _ / .`; a separator of up to 3 of those signs; a counter of 1 to [`MAX_PADDING`] digits.
pub fn check_format(prefix: &str, separator: &str, padding: u8) -> Result<(), SeriesEditError> {
    let sign = |c: char| matches!(c, '-' | '_' | '/' | '.');
    if prefix.is_empty()
        || prefix.chars().count() > MAX_PREFIX
        || !prefix.chars().all(|c| c.is_alphanumeric() || sign(c))
    {
        return Err(SeriesEditError::BadPrefix);
    }
    if separator.chars().count() > 3 || !separator.chars().all(sign) {
        return Err(SeriesEditError::BadSeparator);
    }
    if padding == 0 || padding > MAX_PADDING {
        return Err(SeriesEditError::BadPadding);
    }
    Ok(())
}

/// Whether this app has handed out a number from the series (counters beyond
/// what was carried over). Until then its format and first number may change.
pub fn series_in_use(series: &NumberingSeries) -> bool {
    series
        .last
        .iter()
        .any(|(key, last)| *last > series.carried_over.get(key).copied().unwrap_or(0))
}

/// The number the series will give next to a document issued in `year`.
pub fn peek_next(series: &NumberingSeries, year: i32) -> String {
    let counter = series.last.get(&series.counter_key(year)).copied().unwrap_or(0);
    format_number(series, year, counter.saturating_add(1))
}

/// The series changed as asked, or why not. `others` are the dataset's other
/// series (their prefixes must differ so no two kinds of document can share a
/// number). `next` = (year, counter) continues numbering from another tool:
/// counters below it count as used elsewhere, never as gaps. It is only
/// accepted while this app has used no number of that year's counter.
pub fn edit_series(
    series: &NumberingSeries,
    others: &[NumberingSeries],
    format: SeriesFormat,
    next: Option<(i32, u32)>,
    now: Stamp,
) -> Result<NumberingSeries, SeriesEditError> {
    let prefix = format.prefix.trim().to_string();
    check_format(&prefix, &format.separator, format.padding)?;
    if let Some(other) = others
        .iter()
        .find(|o| o.id != series.id && o.prefix.to_lowercase() == prefix.to_lowercase())
    {
        return Err(SeriesEditError::PrefixTaken(
            kind_name(other.kind).1,
            other.prefix.clone(),
        ));
    }
    let format = SeriesFormat { prefix, ..format };
    let mut edited = series.clone();
    if SeriesFormat::from(series) != format {
        if series_in_use(series) {
            return Err(SeriesEditError::FormatLocked);
        }
        edited.prefix = format.prefix;
        edited.include_year = format.include_year;
        edited.separator = format.separator;
        edited.padding = format.padding;
        if edited.yearly_reset != format.yearly_reset {
            // Counters are keyed differently (year vs one shared key): nothing was
            // used yet, so only a carried-over start could be lost; it is re-set below.
            edited.yearly_reset = format.yearly_reset;
            edited.last.clear();
            edited.carried_over.clear();
        }
    }
    if let Some((year, counter)) = next {
        if counter == 0 || counter > MAX_NEXT {
            return Err(SeriesEditError::BadNext);
        }
        let key = edited.counter_key(year);
        let carried = edited.carried_over.get(&key).copied().unwrap_or(0);
        let last = edited.last.get(&key).copied().unwrap_or(0);
        if counter != last.saturating_add(1) {
            if last > carried {
                return Err(SeriesEditError::NextLocked(year));
            }
            let before = counter - 1;
            if before == 0 {
                edited.last.remove(&key);
                edited.carried_over.remove(&key);
            } else {
                edited.last.insert(key, before);
                edited.carried_over.insert(key, before);
            }
        }
    }
    if edited != *series {
        edited.updated_at = now;
    }
    Ok(edited)
}

/// Something wrong with the numbers of one series. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SequenceProblem {
    /// Numbers between `first` and `last` (inclusive) were never used, or were
    /// used by documents that no longer exist.
    #[error("{}", gap_text(first, last, *count))]
    Gap {
        series_id: Id,
        first: String,
        last: String,
        count: u32,
    },
    #[error("number {number} is used {count} times")]
    Duplicate {
        series_id: Id,
        number: String,
        count: usize,
    },
    #[error("number {number} does not follow the pattern of its series")]
    NotInSeries { series_id: Id, number: String },
    #[error("number {number} shows the year {number_year} but the document is dated {issue_date}")]
    YearMismatch {
        series_id: Id,
        number: String,
        number_year: i32,
        issue_date: NaiveDate,
    },
    /// Correlative numbering also means a later number never has an earlier date.
    #[error(
        "number {number} is dated {date}, earlier than the number before it, {previous} ({previous_date})"
    )]
    OutOfDateOrder {
        series_id: Id,
        number: String,
        date: NaiveDate,
        previous: String,
        previous_date: NaiveDate,
    },
    /// The series would hand out a number that is already used.
    #[error("the series counter is at {stored} but {highest} is already used: the next number would repeat")]
    CounterBehind {
        series_id: Id,
        stored: u32,
        highest: String,
    },
    #[error("documents numbered in a series that does not exist (“{series_id}”): {count}")]
    UnknownSeries { series_id: Id, count: usize },
    #[error("number {number} was given to {} from a series meant for {}", kind_name(*kind).0, kind_name(*series_kind).1)]
    WrongKind {
        series_id: Id,
        number: String,
        kind: DocKind,
        series_kind: DocKind,
    },
}

fn gap_text(first: &str, last: &str, count: u32) -> String {
    if count == 1 {
        format!("number {first} is missing from the series")
    } else {
        format!("numbers {first} to {last} are missing from the series ({count} numbers)")
    }
}

/// (one, several) of a kind of document, in words.
fn kind_name(kind: DocKind) -> (&'static str, &'static str) {
    match kind {
        DocKind::Invoice => ("an invoice", "invoices"),
        DocKind::CreditNote => ("a credit note", "credit notes"),
        DocKind::Quote => ("a quote", "quotes"),
    }
}

/// Every problem with the numbers used in `series`, each number given with the
/// issue date of its document. Counters start at 1 each year (or once, without
/// yearly reset) and run up to the highest of the numbers used and the stored
/// counter, so a number handed out and then lost shows as a gap.
pub fn check_sequence(series: &NumberingSeries, numbers: &[(String, NaiveDate)]) -> Vec<SequenceProblem> {
    let id = || series.id.clone();
    let mut problems = Vec::new();

    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for (number, _) in numbers {
        *uses.entry(number.as_str()).or_default() += 1;
    }
    for (number, &count) in uses.iter().filter(|(_, &c)| c > 1) {
        problems.push(SequenceProblem::Duplicate {
            series_id: id(),
            number: (*number).into(),
            count,
        });
    }

    let mut groups: BTreeMap<i32, Vec<Use>> = BTreeMap::new();
    for (number, date) in numbers {
        let Some((printed_year, counter)) = parse_number(series, number) else {
            problems.push(SequenceProblem::NotInSeries {
                series_id: id(),
                number: number.clone(),
            });
            continue;
        };
        if let Some(year) = printed_year.filter(|y| *y != date.year()) {
            problems.push(SequenceProblem::YearMismatch {
                series_id: id(),
                number: number.clone(),
                number_year: year,
                issue_date: *date,
            });
        }
        let year = printed_year.unwrap_or(date.year());
        let key = series.counter_key(year);
        groups.entry(key).or_default().push(Use {
            counter,
            number,
            date: *date,
            year,
        });
    }

    let keys: BTreeSet<i32> = groups.keys().chain(series.last.keys()).copied().collect();
    for key in keys {
        let mut used = groups.remove(&key).unwrap_or_default();
        crate::order::sort_by_key(&mut used, |u| u.counter);
        let stored = series.last.get(&key).copied().unwrap_or(0);
        if let Some(top) = used.last().filter(|u| u.counter > stored) {
            let highest = top.number.to_string();
            problems.push(SequenceProblem::CounterBehind {
                series_id: id(),
                stored,
                highest,
            });
        }
        let carried = series.carried_over.get(&key).copied().unwrap_or(0);
        if carried > stored && used.last().is_none_or(|u| u.counter <= stored) {
            // Numbers used elsewhere would be handed out again.
            let year = used.first().map_or(key, |u| u.year);
            problems.push(SequenceProblem::CounterBehind {
                series_id: id(),
                stored,
                highest: format_number(series, year, carried),
            });
        }
        let up_to = used.last().map_or(0, |u| u.counter).max(stored);
        gaps(series, key, &used, carried, up_to, &mut problems);
        for pair in used.windows(2) {
            if let [prev, this] = pair {
                if this.counter > prev.counter && this.date < prev.date {
                    problems.push(SequenceProblem::OutOfDateOrder {
                        series_id: id(),
                        number: this.number.into(),
                        date: this.date,
                        previous: prev.number.into(),
                        previous_date: prev.date,
                    });
                }
            }
        }
    }
    problems
}

/// One number in use, read back.
struct Use<'a> {
    counter: u32,
    number: &'a str,
    date: NaiveDate,
    /// Printed year, or the issue year when the series does not print it.
    year: i32,
}

/// Missing counters of one key after the `carried` ones (used before this app)
/// up to `up_to`, reported as ranges. A missing number is printed with the year
/// of the number before it (or after it, at the start), the best guess when one
/// counter runs across years.
fn gaps(
    series: &NumberingSeries,
    key: i32,
    used: &[Use],
    carried: u32,
    up_to: u32,
    problems: &mut Vec<SequenceProblem>,
) {
    let fallback = used.first().map_or(key, |u| u.year);
    let mut expected: u32 = carried.saturating_add(1);
    let mut year = fallback;
    let ends = used
        .iter()
        .map(|u| (u.counter, u.year))
        .chain(up_to.checked_add(1).map(|c| (c, year)));
    for (next, next_year) in ends {
        if next > expected {
            problems.push(SequenceProblem::Gap {
                series_id: series.id.clone(),
                first: format_number(series, year, expected),
                last: format_number(series, year, next - 1),
                count: next - expected,
            });
        }
        expected = expected.max(next.saturating_add(1));
        year = next_year;
    }
}

/// [`check_sequence`] over every numbered invoice, credit note and quote of the
/// dataset, grouped by series; drafts (no number yet) are ignored.
pub fn check_all(data: &Dataset) -> Vec<SequenceProblem> {
    struct Used<'a> {
        kind: DocKind,
        number: &'a str,
        date: NaiveDate,
    }
    let invoices = data
        .invoices
        .iter()
        .map(|d| (DocKind::Invoice, &d.series_id, &d.number, d.issue_date));
    let credits = data
        .credit_notes
        .iter()
        .map(|d| (DocKind::CreditNote, &d.series_id, &d.number, d.issue_date));
    let quotes = data
        .quotes
        .iter()
        .map(|d| (DocKind::Quote, &d.series_id, &d.number, d.issue_date));
    let mut by_series: HashMap<&str, Vec<Used>> = HashMap::new();
    for (kind, series_id, number, date) in invoices.chain(credits).chain(quotes) {
        if let Some(number) = number {
            by_series
                .entry(series_id)
                .or_default()
                .push(Used { kind, number, date });
        }
    }

    let mut problems = Vec::new();
    let mut unknown: Vec<(&str, usize)> = by_series
        .iter()
        .filter(|(id, _)| !data.series.iter().any(|s| s.id == **id))
        .map(|(id, used)| (*id, used.len()))
        .collect();
    crate::order::sort_by(&mut unknown, |a, b| a.cmp(b));
    for (series_id, count) in unknown {
        problems.push(SequenceProblem::UnknownSeries {
            series_id: series_id.into(),
            count,
        });
    }
    for series in &data.series {
        let used = by_series.remove(series.id.as_str()).unwrap_or_default();
        for u in used.iter().filter(|u| u.kind != series.kind) {
            problems.push(SequenceProblem::WrongKind {
                series_id: series.id.clone(),
                number: u.number.into(),
                kind: u.kind,
                series_kind: series.kind,
            });
        }
        let numbers: Vec<(String, NaiveDate)> = used.iter().map(|u| (u.number.into(), u.date)).collect();
        problems.extend(check_sequence(series, &numbers));
    }
    problems
}

//! The statutory late-payment claim between businesses (Ley 3/2004 de lucha contra la
//! morosidad, arts. 5, 7 and 8, transposing Directive 2011/7/EU): from the day after the due
//! date the debtor owes interest at the legal rate, with no reminder needed, plus a fixed
//! 40 EUR compensation for collection costs per invoice.
//!
//! **The rate** is set per calendar half-year: the ECB's main refinancing rate in its most
//! recent operation before the half-year began, plus 8 points (art. 7.2), published in the BOE
//! each semester by the Secretaría General del Tesoro. Cobro ships the published rates
//! ([`PUBLISHED`], each with its source); the user sees them in Settings and can correct one or
//! add a new semester (`AppSettings::late_interest_rates`, which win over the shipped ones).
//! A day in a semester with no known rate uses the latest known one before it, and the result
//! says so ([`Interest::estimated`]).
//!
//! **The computation**, to the cent:
//! - interest runs from the day after the due date to the day it is computed for (or paid),
//!   both included: `days = end − due date`, the count Spanish practice uses;
//! - on the amount still owed each day: a payment (or credit note) dated `P` lowers the base
//!   from `P + 1` on, the payment day itself still accruing on the old base;
//! - simple interest, **actual/365**: `base × rate / 100 × days / 365`, 365 in leap years too
//!   (Spanish courts count the calendar days of the year, not the banks' 360: Tribunal
//!   Supremo, 25 July 2000; the usual "÷ 365" formula);
//! - the period is cut where the base or the rate changes; each piece is rounded to the cent,
//!   half away from zero, and the total is the sum of the rounded pieces, so a letter that
//!   lists them adds up.

use crate::model::SemesterRate;
use crate::money::{self, MoneyError};
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// The fixed compensation for collection costs per invoice (Ley 3/2004, art. 8.1), in EUR.
pub const COMPENSATION_EUR: Decimal = Decimal::from_parts(40, 0, 0, false, 0);

/// Days in the year of the day count (see the module doc).
pub const DAY_COUNT_BASIS: i64 = 365;

/// The legal rates as published in the BOE: `(year, half, percent, source)`.
///
/// Each rate is the ECB's main refinancing rate before the half-year + 8 points. The source
/// names the BOE resolution where its text was read (2014-II: BOE-A-2014-6914; 2018-II; 2020-I:
/// BOE-A-2019-18736) or quoted with its rate (2014-I, 2015-I, 2023-II, 2024-I: Resolución de
/// 28 de diciembre de 2023; 2025-I: Resolución de 30 de diciembre de 2024). The others are the
/// ECB rate in force before the half-year + 8 (ECB MRO: 0,50 % from 8 May 2013; 0,25 % from
/// 13 Nov 2013; 0,15 % from 11 Jun 2014; 0,05 % from 10 Sep 2014; 0,00 % from 16 Mar 2016 to
/// 26 Jul 2022; 2,50 % from 21 Dec 2022; 4,00 % from 21 Jun 2023; 4,50 % from 20 Sep 2023;
/// 4,25 % from 12 Jun 2024; 3,15 % from 18 Dec 2024; 2,15 % from 11 Jun 2025, unchanged since),
/// with the reference of the BOE resolution where it was found (2025-II: BOE-A-2025-13217;
/// 2026-I: BOE-A-2025-27201). A new semester is added in Settings from its BOE resolution
/// until a version of Cobro ships it.
pub const PUBLISHED: [(i32, u8, &str, &str); 26] = [
    (2014, 1, "8.25", "Resolución del Tesoro, BOE (BCE 0,25 % + 8)"),
    (2014, 2, "8.15", "BOE-A-2014-6914 (BCE 0,15 % + 8)"),
    (2015, 1, "8.05", "Resolución del Tesoro, BOE (BCE 0,05 % + 8)"),
    (2015, 2, "8.05", "BCE 0,05 % + 8"),
    (2016, 1, "8.05", "BCE 0,05 % + 8"),
    (2016, 2, "8.00", "BCE 0,00 % + 8"),
    (2017, 1, "8.00", "BCE 0,00 % + 8"),
    (2017, 2, "8.00", "BCE 0,00 % + 8"),
    (2018, 1, "8.00", "BCE 0,00 % + 8"),
    (2018, 2, "8.00", "Resolución de 27 de junio de 2018, BOE"),
    (2019, 1, "8.00", "BCE 0,00 % + 8"),
    (2019, 2, "8.00", "BCE 0,00 % + 8"),
    (2020, 1, "8.00", "BOE-A-2019-18736"),
    (2020, 2, "8.00", "BCE 0,00 % + 8"),
    (2021, 1, "8.00", "BCE 0,00 % + 8"),
    (2021, 2, "8.00", "BCE 0,00 % + 8"),
    (2022, 1, "8.00", "BCE 0,00 % + 8"),
    (2022, 2, "8.00", "BCE 0,00 % + 8"),
    (2023, 1, "10.50", "BCE 2,50 % + 8"),
    (
        2023,
        2,
        "12.00",
        "Resolución de 28 de junio de 2023, BOE (BCE 4,00 % + 8)",
    ),
    (
        2024,
        1,
        "12.50",
        "Resolución de 28 de diciembre de 2023, BOE (BCE 4,50 % + 8)",
    ),
    (2024, 2, "12.25", "BCE 4,25 % + 8"),
    (
        2025,
        1,
        "11.15",
        "Resolución de 30 de diciembre de 2024, BOE (BCE 3,15 % + 8)",
    ),
    (2025, 2, "10.15", "BOE-A-2025-13217 (BCE 2,15 % + 8)"),
    (2026, 1, "10.15", "BOE-A-2025-27201 (BCE 2,15 % + 8)"),
    (2013, 2, "8.50", "BCE 0,50 % + 8"),
];

/// The rates in force: the shipped ones with the user's over them, by semester.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rates {
    /// Sorted by (year, half), one per semester.
    table: Vec<SemesterRate>,
}

impl Rates {
    /// The shipped rates ([`PUBLISHED`]) with `user`'s entries replacing or adding semesters.
    pub fn with(user: &[SemesterRate]) -> Self {
        let mut table: Vec<SemesterRate> = PUBLISHED
            .iter()
            .filter_map(|(year, half, rate, source)| {
                Some(SemesterRate {
                    year: *year,
                    half: *half,
                    rate_pct: Decimal::from_str(rate).ok()?,
                    source: (*source).to_owned(),
                })
            })
            .collect();
        for r in user.iter().filter(|r| matches!(r.half, 1 | 2)) {
            table.retain(|t| (t.year, t.half) != (r.year, r.half));
            table.push(r.clone());
        }
        table.sort_by_key(|r| (r.year, r.half));
        Self { table }
    }

    /// Every semester's rate, oldest first.
    pub fn table(&self) -> &[SemesterRate] {
        &self.table
    }

    /// The rate for the semester `date` falls in, and whether it is an estimate (no rate known
    /// for that semester: the latest one before it, or the earliest known for days before
    /// them all).
    pub fn on(&self, date: NaiveDate) -> Option<(Decimal, bool)> {
        let key = semester(date);
        let at = self.table.partition_point(|r| (r.year, r.half) <= key);
        match at.checked_sub(1).and_then(|i| self.table.get(i)) {
            Some(r) => Some((r.rate_pct, (r.year, r.half) != key)),
            None => self.table.first().map(|r| (r.rate_pct, true)),
        }
    }
}

/// `(year, 1)` for January–June, `(year, 2)` for July–December.
pub fn semester(date: NaiveDate) -> (i32, u8) {
    (date.year(), if date.month() <= 6 { 1 } else { 2 })
}

/// The first day of the half-year after the one `date` is in.
fn next_semester(date: NaiveDate) -> Option<NaiveDate> {
    match semester(date) {
        (y, 1) => NaiveDate::from_ymd_opt(y, 7, 1),
        (y, _) => NaiveDate::from_ymd_opt(y.checked_add(1)?, 1, 1),
    }
}

/// One stretch of days with the same base and rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accrual {
    /// First and last day of the stretch, both accruing.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    /// What was owed on those days.
    pub base: Decimal,
    /// Percent per year.
    pub rate_pct: Decimal,
    /// No rate is known for its semester (see [`Rates::on`]).
    pub estimated: bool,
    /// `base × rate / 100 × days / 365`, rounded to the cent.
    pub interest: Decimal,
}

/// The interest on one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interest {
    pub accruals: Vec<Accrual>,
    /// The sum of the rounded stretches.
    pub total: Decimal,
    /// Some stretch used an estimated rate.
    pub estimated: bool,
}

/// The late-payment interest on an invoice due on `due`, computed up to `until` (included),
/// in `currency`. `owed_after` lists what was owed at the end of each day something changed
/// it (a payment, a credit note), in date order, starting from the amount owed at the due date
/// on `due` itself; days before `due` are ignored. Nothing when `until` is not after `due`.
pub fn interest(
    due: NaiveDate,
    until: NaiveDate,
    owed_after: &[(NaiveDate, Decimal)],
    rates: &Rates,
    currency: &str,
) -> Result<Interest, MoneyError> {
    let mut out = Interest {
        accruals: Vec::new(),
        total: Decimal::ZERO,
        estimated: false,
    };
    // The base on day `d` is what was owed at the end of day `d − 1`.
    let base_on = |d: NaiveDate| {
        let before = d.pred_opt().unwrap_or(d);
        owed_after
            .iter()
            .take_while(|(day, _)| *day <= before)
            .last()
            .map_or(Decimal::ZERO, |(_, owed)| *owed)
    };
    let Some(mut from) = due.succ_opt() else {
        return Ok(out);
    };
    while from <= until {
        // The stretch ends before the next change of base or of semester, or at `until`.
        let next_change = owed_after
            .iter()
            .map(|(day, _)| *day)
            .filter(|day| *day >= from)
            .min()
            .and_then(|day| day.succ_opt());
        let mut end = until;
        for cut in [next_change, next_semester(from)].into_iter().flatten() {
            if let Some(last) = cut.pred_opt() {
                end = end.min(last);
            }
        }
        let end = end.max(from);
        let base = base_on(from);
        let days = (end - from).num_days() + 1;
        let (rate, estimated) = rates.on(from).unwrap_or((Decimal::ZERO, true));
        if base > Decimal::ZERO {
            let raw = base
                .checked_mul(rate)
                .and_then(|x| x.checked_mul(Decimal::from(days)))
                .and_then(|x| x.checked_div(Decimal::from(100 * DAY_COUNT_BASIS)))
                .ok_or(MoneyError::Overflow)?;
            let interest = money::round(raw, currency)?;
            out.total = out.total.checked_add(interest).ok_or(MoneyError::Overflow)?;
            out.estimated |= estimated;
            out.accruals.push(Accrual {
                from,
                to: end,
                days,
                base,
                rate_pct: rate,
                estimated,
                interest,
            });
        }
        match end.checked_add_days(Days::new(1)) {
            Some(next) => from = next,
            None => break,
        }
    }
    Ok(out)
}

/// Why a rate entered by the user cannot be used. `Display` is plain English; the UI
/// translates the variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RateProblem {
    /// The half-year is not 1 or 2.
    #[error("the half-year must be 1 or 2")]
    Half,
    /// The yearly rate is below 0 % or above 100 %.
    #[error("the yearly rate must be between 0 % and 100 %")]
    Rate,
    /// The year is outside 2000–2100, the years Cobro's dates cover.
    #[error("the year must be between 2000 and 2100")]
    Year,
}

/// Whether `r` can be used as a semester's rate: the one check Settings and the backup share.
pub fn check(r: &SemesterRate) -> Result<(), RateProblem> {
    if !(2000..=2100).contains(&r.year) {
        Err(RateProblem::Year)
    } else if !matches!(r.half, 1 | 2) {
        Err(RateProblem::Half)
    } else if r.rate_pct < Decimal::ZERO || r.rate_pct > Decimal::ONE_HUNDRED {
        Err(RateProblem::Rate)
    } else {
        Ok(())
    }
}

/// What to keep of a table edited in Settings: the semesters whose rate or source differs from
/// the shipped one, or that Cobro does not ship (the last entry of a semester wins), oldest
/// first. A table left as shipped keeps nothing, so the file stays as it was.
pub fn user_entries(edited: &[SemesterRate]) -> Vec<SemesterRate> {
    let shipped = Rates::with(&[]);
    let mut out: Vec<SemesterRate> = Vec::new();
    for r in edited {
        out.retain(|o| (o.year, o.half) != (r.year, r.half));
        let same = shipped
            .table()
            .iter()
            .any(|s| (s.year, s.half, s.rate_pct, &s.source) == (r.year, r.half, r.rate_pct, &r.source));
        if !same {
            out.push(r.clone());
        }
    }
    out.sort_by_key(|r| (r.year, r.half));
    out
}

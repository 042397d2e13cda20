//! The Settings form of the follow-up beyond the policy's steps (sending reminder, re-contact
//! cadence, dispute reviews, whether the letter claims late-payment interest) and the table of
//! legal late-payment rates per semester: parsed and checked here, every problem at its field
//! (a rate's at its row), with the same rate check the backup import applies.

use super::Parse;
use crate::late_interest::{self, Rates};
use crate::model::{AppSettings, CollectionPolicy, Lang, SemesterRate, Stamp};
use crate::validity::{Invalid, Rule, Text};
use chrono::NaiveDate;

/// One row of the rates table as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateInput {
    pub year: String,
    /// 1: January–June; 2: July–December (a choice, not typed).
    pub half: u8,
    /// Percent per year ("10,15").
    pub rate: String,
    pub source: String,
}

/// The collections section as typed; `rates` newest first, as the table shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionsInput {
    pub send_after_issue: String,
    pub recontact_every: String,
    pub dispute_review_after: String,
    pub dispute_review_every: String,
    pub late_payment_claim: bool,
    pub rates: Vec<RateInput>,
}

/// The path of a row's field in the form's problems: `rates[0].rate`.
pub fn rate_path(row: usize, field: &str) -> String {
    format!("rates[{row}].{field}")
}

impl RateInput {
    /// The row a semester's rate is shown in, the rate written as `lang` types numbers.
    pub fn from_rate(r: &SemesterRate, lang: Lang) -> Self {
        Self {
            year: r.year.to_string(),
            half: r.half,
            rate: crate::locale::input_decimal(r.rate_pct, lang),
            source: r.source.clone(),
        }
    }

    /// The empty row for the semester after `newest` (a row as typed; the first half of 2026
    /// when there is none or its year is not a number).
    pub fn after(newest: Option<&RateInput>) -> Self {
        let (year, half) = match newest.and_then(|r| r.year.trim().parse::<i32>().ok().map(|y| (y, r.half))) {
            Some((y, 1)) => (y, 2),
            Some((y, _)) => (y.saturating_add(1), 1),
            None => (2026, 1),
        };
        Self {
            year: year.to_string(),
            half,
            rate: String::new(),
            source: String::new(),
        }
    }

    /// The semester's rate, or `None` with its problems at `rates[row].*`.
    fn build(&self, p: &mut Parse, row: usize) -> Option<SemesterRate> {
        let before = p.problems.len();
        let year_path = rate_path(row, "year");
        let rate_path_ = rate_path(row, "rate");
        let year = match self.year.trim().parse::<i32>() {
            Ok(y) => Some(y),
            Err(_) => {
                p.fail(
                    &year_path,
                    Rule::Money(crate::money::MoneyError::NotANumber(self.year.trim().to_string())),
                );
                None
            }
        };
        let rate = p.amount(&rate_path_, &self.rate);
        let source = self.source.trim().to_string();
        let max = Text::ShortNote.max_chars();
        let len = source.chars().count();
        if len > max {
            p.fail(&rate_path(row, "source"), Rule::TooLong { max, len });
        }
        let (Some(year), Some(rate_pct)) = (year, rate) else {
            return None;
        };
        let r = SemesterRate {
            year,
            half: self.half,
            rate_pct: rate_pct.normalize(),
            source,
        };
        if let Err(problem) = late_interest::check(&r) {
            let at = match problem {
                late_interest::RateProblem::Year => year_path,
                late_interest::RateProblem::Half => rate_path(row, "half"),
                late_interest::RateProblem::Rate => rate_path_,
            };
            p.fail(&at, Rule::LateRate(problem));
        }
        (p.problems.len() == before).then_some(r)
    }
}

impl CollectionsInput {
    /// The form filled with `s`: every semester's rate (the shipped ones with the user's over
    /// them), newest first.
    pub fn from_settings(s: &AppSettings, lang: Lang) -> Self {
        let p = &s.policy;
        Self {
            send_after_issue: p.send_after_issue.to_string(),
            recontact_every: p.recontact_every.to_string(),
            dispute_review_after: p.dispute_review_after.to_string(),
            dispute_review_every: p.dispute_review_every.to_string(),
            late_payment_claim: p.late_payment_claim,
            rates: Rates::with(&s.late_interest_rates)
                .table()
                .iter()
                .rev()
                .map(|r| RateInput::from_rate(r, lang))
                .collect(),
        }
    }

    /// `current` with this section (the policy's steps and every other setting kept), or
    /// every problem. Only the rates that differ from the shipped ones are kept; a semester
    /// entered twice keeps its topmost row.
    pub fn build(&self, current: &AppSettings, now: Stamp, today: NaiveDate) -> Result<AppSettings, Invalid> {
        let mut p = Parse::default();
        let days = |p: &mut Parse, key: &str, input: &str| p.whole(&format!("policy.{key}"), input);
        let send = days(&mut p, "send_after_issue", &self.send_after_issue);
        let recontact = days(&mut p, "recontact_every", &self.recontact_every);
        let review_after = days(&mut p, "dispute_review_after", &self.dispute_review_after);
        let review_every = days(&mut p, "dispute_review_every", &self.dispute_review_every);
        let mut rates = Some(Vec::with_capacity(self.rates.len()));
        for (row, r) in self.rates.iter().enumerate() {
            match (r.build(&mut p, row), rates.as_mut()) {
                (Some(rate), Some(list)) => list.push(rate),
                _ => rates = None,
            }
        }
        // What is not a number keeps the stored value meanwhile, so the others are still
        // checked by the settings' own rules (the days' bounds).
        let policy = &current.policy;
        let built = AppSettings {
            policy: CollectionPolicy {
                send_after_issue: send.unwrap_or(policy.send_after_issue),
                recontact_every: recontact.unwrap_or(policy.recontact_every),
                dispute_review_after: review_after.unwrap_or(policy.dispute_review_after),
                dispute_review_every: review_every.unwrap_or(policy.dispute_review_every),
                late_payment_claim: self.late_payment_claim,
                ..policy.clone()
            },
            late_interest_rates: match rates {
                Some(mut list) => {
                    // Oldest first, so the topmost row of a semester is the one kept.
                    list.reverse();
                    late_interest::user_entries(&list)
                }
                None => current.late_interest_rates.clone(),
            },
            updated_at: Some(now),
            ..current.clone()
        };
        p.finish(Some(current), Some(built), today)
    }
}

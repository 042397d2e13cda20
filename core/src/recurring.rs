//! Recurring invoices (retainers, subscriptions): when a schedule falls, which period each
//! invoice bills, the drafts that are due on a given day, and what a user's edits do.
//!
//! A browser app does not run on the day, so the app asks [`catch_up`] whenever Cobro opens:
//! every date the schedule fell on since it last ran makes one draft, never two. Two things
//! make that hold, whatever happens between the runs:
//!
//! - **A cursor.** [`RecurringSchedule::done_through`] says every date up to it is dealt with;
//!   storage advances it in the same transaction that writes the drafts, and IndexedDB runs
//!   readwrite transactions over the same store one after another, so a second tab reads the
//!   advanced cursor and makes nothing.
//! - **Ids from the period.** A draft's id is the schedule's id and the date ([`draft_id`]), and a
//!   date whose draft already exists (issued or not) is never made again: a restore or a merge
//!   that brings an older cursor back finds the drafts and skips them.
//!
//! Dates follow the calendar: "monthly on the 31st" is 28/29 February and 30 April and back to
//! the 31st in May (each month is computed from the rule, never from the month before); "last
//! day of the month" is whatever the month's length is; a yearly schedule started on 29
//! February falls on the 28th in common years. Pausing skips the dates that pass while paused;
//! an edit applies to invoices not yet made.
//!
//! Line texts and notes may carry placeholders for the period an invoice bills, filled in when
//! the draft is made, in the client's document language (see [`fill`]).

use crate::lifecycle;
use crate::locale::date as format_date;
use crate::model::{
    Client, Covers, Dataset, Id, Invoice, Lang, MonthDay, MonthlyRule, RecurringSchedule, Repeat,
    ScheduleEnd, Stamp,
};
use crate::money::{self, MoneyError};
use crate::tax;
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use thiserror::Error;

/// The most invoices one run makes for one schedule: a weekly schedule left alone for years
/// makes the rest at the next run (the cursor stops at the last one made), instead of a
/// single run writing thousands of drafts. Dates whose draft exists already do not count.
pub const MAX_PER_RUN: usize = 120;

/// The most dates one run looks at for one schedule (storage reads one invoice family per
/// date): enough for a cursor years behind (a restored backup) whose drafts mostly exist.
pub const MAX_LOOKED: usize = 4 * MAX_PER_RUN;

/// Largest `every` accepted: every 52 weeks or every 24 months is as sparse as billing gets.
pub const MAX_EVERY_WEEKS: u32 = 52;
pub const MAX_EVERY_MONTHS: u32 = 24;

/// Why a schedule cannot be saved as it is. `Display` is plain English; the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScheduleProblem {
    #[error("the schedule needs a name")]
    NoName,
    #[error("the invoice needs at least one line")]
    NoLines,
    #[error("repeat every {every}: it must be from 1 to {max}")]
    EveryOutOfRange { every: u32, max: u32 },
    #[error("day {day} of the month does not exist (1 to 31, or the last day)")]
    DayOutOfRange { day: u8 },
    #[error("ending after {0} invoices: it must be at least one")]
    AfterZero(u32),
    #[error("it ends on {end}, before it starts on {start}")]
    EndsBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("the amounts cannot be computed: {0}")]
    Amounts(MoneyError),
    /// Typed into the form where a whole number goes (every, the day, the count of invoices).
    #[error("“{text}” is not a whole number")]
    NotWhole { text: String },
    /// Typed into the form where a date goes.
    #[error("“{text}” is not a date")]
    NotADate { text: String },
}

/// Why a catch-up could not make a schedule's drafts (the others are still made).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecurringError {
    #[error("the schedule “{0}” does not exist")]
    NoSchedule(Id),
    #[error("the client of schedule “{schedule}” does not exist")]
    NoClient { schedule: Id },
    #[error("schedule “{schedule}”: {problem}")]
    Invalid { schedule: Id, problem: ScheduleProblem },
}

/// Every problem of a schedule as a record on its own (references to the client, series and
/// payment methods are the dataset's to check). Empty means it can be saved.
pub fn check(s: &RecurringSchedule) -> Vec<ScheduleProblem> {
    let mut out = Vec::new();
    if s.name.trim().is_empty() {
        out.push(ScheduleProblem::NoName);
    }
    if s.lines.is_empty() {
        out.push(ScheduleProblem::NoLines);
    }
    let (every, max) = match s.repeat {
        Repeat::Weeks(n) => (n, MAX_EVERY_WEEKS),
        Repeat::Months(MonthlyRule { every, on }) => {
            if let MonthDay::Day(day) = on {
                if !(1..=31).contains(&day) {
                    out.push(ScheduleProblem::DayOutOfRange { day });
                }
            }
            (every, MAX_EVERY_MONTHS)
        }
    };
    if !(1..=max).contains(&every) {
        out.push(ScheduleProblem::EveryOutOfRange { every, max });
    }
    match s.end {
        ScheduleEnd::After(0) => out.push(ScheduleProblem::AfterZero(0)),
        ScheduleEnd::On(end) if end < s.start => {
            out.push(ScheduleProblem::EndsBeforeStart { start: s.start, end })
        }
        _ => {}
    }
    if let Err(e) = tax::totals(&s.lines, s.invoice_discount_pct, s.withholding_pct, &s.currency) {
        out.push(ScheduleProblem::Amounts(e));
    }
    out
}

/// The last day of the month of `(year, month)` (month 1–12).
fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// The date of `on` in the month `index` months after January of year 0.
fn in_month(index: i64, on: MonthDay) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    let last = last_day(year, month)?;
    match on {
        MonthDay::Last => Some(last),
        MonthDay::Day(day) => NaiveDate::from_ymd_opt(year, month, u32::from(day).min(last.day())),
    }
}

fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// The dates a rule falls on from `start` on, in order (every date the schedule would have,
/// ignoring its end, pause and cursor).
pub fn dates(repeat: Repeat, start: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let mut k: u64 = 0;
    // A monthly rule whose day in the start's month is before the start begins a period later.
    let offset: u64 = match repeat {
        Repeat::Months(MonthlyRule { on, .. }) => {
            u64::from(in_month(month_index(start), on).is_some_and(|first| first < start))
        }
        Repeat::Weeks(_) => 0,
    };
    std::iter::from_fn(move || {
        let n = k;
        k += 1;
        match repeat {
            Repeat::Weeks(every) => {
                let days = n.checked_mul(7)?.checked_mul(u64::from(every.max(1)))?;
                start.checked_add_days(Days::new(days))
            }
            Repeat::Months(MonthlyRule { every, on }) => {
                let months = (n + offset).checked_mul(u64::from(every.max(1)))?;
                in_month(month_index(start).checked_add(i64::try_from(months).ok()?)?, on)
            }
        }
    })
}

/// The dates of `s` that are still to be made, in order, up to and including `through`
/// (after its cursor, within its end; none while paused). At most `limit`.
fn pending(s: &RecurringSchedule, through: NaiveDate, limit: usize) -> Vec<NaiveDate> {
    if s.paused {
        return Vec::new();
    }
    let left = match s.end {
        ScheduleEnd::After(n) => usize::try_from(n.saturating_sub(s.made)).unwrap_or(usize::MAX),
        _ => usize::MAX,
    };
    let last = match s.end {
        ScheduleEnd::On(end) => end.min(through),
        _ => through,
    };
    let mut out = Vec::new();
    for d in dates(s.repeat, s.start) {
        if d > last || out.len() >= left.min(limit) {
            break;
        }
        if s.done_through.is_none_or(|done| d > done) {
            out.push(d);
        }
    }
    out
}

/// The dates due on `today` and after the cursor, in order (at most [`MAX_LOOKED`]): what
/// [`catch_up`] looks at. Some may have their draft already (a restored older cursor).
pub fn due(s: &RecurringSchedule, today: NaiveDate) -> Vec<NaiveDate> {
    pending(s, today, MAX_LOOKED)
}

/// The first date of `s` not made yet: a date already due when the app has not caught up, or
/// the next one to come. `None` when it is paused or has ended.
pub fn next_date(s: &RecurringSchedule) -> Option<NaiveDate> {
    pending(s, NaiveDate::MAX, 1).first().copied()
}

/// Where a schedule stands, for its list and the client's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Will make its next invoice on this date.
    Active {
        next: NaiveDate,
    },
    Paused,
    /// No invoice left to make (ended on a date, or after its count).
    Ended,
}

pub fn status(s: &RecurringSchedule) -> Status {
    if s.paused {
        return Status::Paused;
    }
    match next_date(s) {
        Some(next) => Status::Active { next },
        None => Status::Ended,
    }
}

/// An inclusive range of days an invoice bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// True when it is whole calendar months (monthly rules): then it reads as month names.
    pub months: bool,
}

/// The period the invoice of `date` bills. Monthly rules bill whole calendar months (`every`
/// of them): in advance, starting with the date's month; in arrears, ending with the last month
/// that has ended by the date (its own month when the date is the month's last day, so a
/// quarterly invoice on 31 March bills January–March, and one on 1 April does too). Weekly
/// rules bill `7 × every` days: in advance starting on the date, in arrears ending on it.
pub fn period(repeat: Repeat, covers: Covers, date: NaiveDate) -> Option<Period> {
    match repeat {
        Repeat::Months(MonthlyRule { every, .. }) => {
            let every = i64::from(every.max(1));
            let month = month_index(date);
            let last = match covers {
                Covers::Advance => month + every - 1,
                Covers::Arrears if in_month(month, MonthDay::Last)? == date => month,
                Covers::Arrears => month - 1,
            };
            let from = in_month(last - every + 1, MonthDay::Day(1))?;
            let to = in_month(last, MonthDay::Last)?;
            Some(Period {
                from,
                to,
                months: true,
            })
        }
        Repeat::Weeks(every) => {
            let span = Days::new(7 * u64::from(every.max(1)) - 1);
            let (from, to) = match covers {
                Covers::Advance => (date, date.checked_add_days(span)?),
                Covers::Arrears => (date.checked_sub_days(span)?, date),
            };
            Some(Period {
                from,
                to,
                months: false,
            })
        }
    }
}

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month's full name in `lang` (Spanish ones in lower case, as Spanish writes them).
pub fn month_name(d: NaiveDate, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::Es => &MONTHS_ES,
        Lang::En => &MONTHS_EN,
    };
    names.get(d.month0() as usize).copied().unwrap_or_default()
}

/// "marzo de 2027" / "March 2027".
pub fn month_and_year(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("{} de {}", month_name(d, lang), d.year()),
        Lang::En => format!("{} {}", month_name(d, lang), d.year()),
    }
}

/// The period in words: one month ("marzo de 2027"), several months in one year
/// ("enero–marzo de 2027"), across years ("noviembre de 2026 – enero de 2027"), or for weekly
/// rules its first and last day ("02/03/2027 – 08/03/2027", "2 Mar 2027 – 8 Mar 2027").
pub fn period_text(p: Period, lang: Lang) -> String {
    if !p.months {
        return format!("{} – {}", format_date(p.from, lang), format_date(p.to, lang));
    }
    if month_index(p.from) == month_index(p.to) {
        return month_and_year(p.from, lang);
    }
    if p.from.year() == p.to.year() {
        let (a, b) = (month_name(p.from, lang), month_name(p.to, lang));
        return match lang {
            Lang::Es => format!("{a}–{b} de {}", p.to.year()),
            Lang::En => format!("{a}–{b} {}", p.to.year()),
        };
    }
    format!(
        "{} – {}",
        month_and_year(p.from, lang),
        month_and_year(p.to, lang)
    )
}

/// The placeholders texts may carry, Spanish and English names alike, and what each becomes.
pub const PLACEHOLDERS: [(&str, &str); 10] = [
    ("{periodo}", "period"),
    ("{period}", "period"),
    ("{mes}", "month"),
    ("{month}", "month"),
    ("{año}", "year"),
    ("{year}", "year"),
    ("{desde}", "from"),
    ("{from}", "from"),
    ("{hasta}", "to"),
    ("{to}", "to"),
];

/// `text` with the period's placeholders filled in, in `lang`: `{periodo}`/`{period}` the
/// period in words ([`period_text`]), `{mes}`/`{month}` the month and year it starts in,
/// `{año}`/`{year}` that year, `{desde}`/`{from}` and `{hasta}`/`{to}` its first and last day.
/// Anything else between braces stays as written.
pub fn fill(text: &str, p: Period, lang: Lang) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = text.to_string();
    for (token, what) in PLACEHOLDERS {
        if !out.contains(token) {
            continue;
        }
        let value = match what {
            "period" => period_text(p, lang),
            "month" => month_and_year(p.from, lang),
            "year" => p.from.year().to_string(),
            "from" => format_date(p.from, lang),
            _ => format_date(p.to, lang),
        };
        out = out.replace(token, &value);
    }
    out
}

/// The id of the draft `schedule_id` makes for `date`: the same schedule and date always give
/// the same id, which is what keeps a period from being made twice.
pub fn draft_id(schedule_id: &str, date: NaiveDate) -> Id {
    format!("{schedule_id}@{date}")
}

/// The schedule and date a draft id was made from ([`draft_id`]), if it is one.
pub fn made_by(invoice_id: &str) -> Option<(&str, NaiveDate)> {
    let (schedule, date) = invoice_id.rsplit_once('@')?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    (!schedule.is_empty()).then_some((schedule, date))
}

/// The draft `s` makes for `date`: its lines and notes with the period filled in (in the
/// client's language), dated `date`, due after the client's payment terms.
pub fn make_draft(s: &RecurringSchedule, client: &Client, date: NaiveDate, now: Stamp) -> Invoice {
    let lang = client.language;
    let p = period(s.repeat, s.covers, date);
    let fill_in = |text: &str| match p {
        Some(p) => fill(text, p, lang),
        None => text.to_string(),
    };
    Invoice {
        id: draft_id(&s.id, date),
        series_id: s.series_id.clone(),
        number: None,
        client_id: s.client_id.clone(),
        po_number: s.po_number.clone(),
        issue_date: date,
        delivery_date: None,
        due_date: lifecycle::due_date(date, client.payment_terms_days),
        currency: s.currency.clone(),
        lines: s
            .lines
            .iter()
            .map(|l| crate::model::Line {
                description: fill_in(&l.description),
                ..l.clone()
            })
            .collect(),
        withholding_pct: s.withholding_pct,
        invoice_discount_pct: s.invoice_discount_pct,
        early_payment: s.early_payment.clone(),
        payment_method_ids: s.payment_method_ids.clone(),
        notes: fill_in(&s.notes),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: Vec::new(),
        cancelled_by: None,
        updated_at: now,
    }
}

/// What one run made for one schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatchUp {
    /// New drafts, oldest first.
    pub drafts: Vec<Invoice>,
    /// The schedule with its cursor and count moved past them (equal to the input when
    /// nothing was due).
    pub schedule: RecurringSchedule,
}

/// The drafts `s` owes on `today` and the schedule advanced past them. `exists` says whether
/// an invoice with an id is already stored: a date whose draft exists is counted as made and
/// skipped, so an older cursor (a restore, a merge) never makes a period twice.
pub fn catch_up(
    s: &RecurringSchedule,
    client: &Client,
    today: NaiveDate,
    now: Stamp,
    exists: &dyn Fn(&str) -> bool,
) -> CatchUp {
    let due = due(s, today);
    let mut schedule = s.clone();
    let mut drafts: Vec<Invoice> = Vec::new();
    // The dates dealt with, in order: made now, or found made already. A date whose draft
    // exists costs nothing, so it never takes the place of one still owed.
    let mut handled = 0usize;
    for d in &due {
        if drafts.len() == MAX_PER_RUN {
            break;
        }
        if !exists(&draft_id(&s.id, *d)) {
            drafts.push(make_draft(s, client, *d, now));
        }
        handled += 1;
    }
    let Some(&last) = handled.checked_sub(1).and_then(|i| due.get(i)) else {
        return CatchUp { drafts, schedule };
    };
    schedule.made = s.made.saturating_add(u32::try_from(handled).unwrap_or(u32::MAX));
    // Through today when every date up to today was dealt with; through the last one
    // otherwise, so the rest comes at the next run.
    schedule.done_through = Some(if handled == due.len() && due.len() < MAX_LOOKED {
        today.max(last)
    } else {
        last
    });
    schedule.updated_at = now;
    CatchUp { drafts, schedule }
}

/// Stop making invoices until resumed.
pub fn pause(s: &RecurringSchedule, now: Stamp) -> RecurringSchedule {
    RecurringSchedule {
        paused: true,
        updated_at: now,
        ..s.clone()
    }
}

/// Make invoices again from `today` on: the dates that passed while paused are skipped for
/// good (a pause means those periods are not billed).
pub fn resume(s: &RecurringSchedule, today: NaiveDate, now: Stamp) -> RecurringSchedule {
    RecurringSchedule {
        paused: false,
        done_through: skip_before(s.done_through, today),
        updated_at: now,
        ..s.clone()
    }
}

/// Make no invoice dated after `today`.
pub fn end(s: &RecurringSchedule, today: NaiveDate, now: Stamp) -> RecurringSchedule {
    let end = match s.end {
        ScheduleEnd::On(d) if d <= today => d,
        _ => today,
    };
    RecurringSchedule {
        end: ScheduleEnd::On(end),
        updated_at: now,
        ..s.clone()
    }
}

/// An edit of `old` saved on `today`, as `edited` (what the form holds): it applies to the
/// invoices not made yet. The count, the cursor and the id stay `old`'s, and no date before
/// today is made by the edit (moving the start back does not bill the past).
pub fn edit(
    old: &RecurringSchedule,
    edited: &RecurringSchedule,
    today: NaiveDate,
    now: Stamp,
) -> RecurringSchedule {
    RecurringSchedule {
        id: old.id.clone(),
        made: old.made,
        done_through: skip_before(old.done_through, today),
        paused: old.paused,
        updated_at: now,
        ..edited.clone()
    }
}

/// A cursor that skips every date before `today`.
fn skip_before(done: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
    let yesterday = today.pred_opt();
    match (done, yesterday) {
        (Some(d), Some(y)) => Some(d.max(y)),
        (d, y) => d.or(y),
    }
}

/// A new schedule that makes `inv` again ("make recurring"): its client, lines (the user adds
/// placeholders in the editor), terms and payment methods; monthly on the invoice's day from
/// the month after it, never ending.
pub fn from_invoice(inv: &Invoice, id: Id, name: String, now: Stamp) -> RecurringSchedule {
    let day = u8::try_from(inv.issue_date.day()).unwrap_or(1);
    let start = inv
        .issue_date
        .checked_add_months(Months::new(1))
        .unwrap_or(inv.issue_date);
    RecurringSchedule {
        id,
        name,
        client_id: inv.client_id.clone(),
        series_id: inv.series_id.clone(),
        po_number: inv.po_number.clone(),
        currency: inv.currency.clone(),
        lines: inv.lines.clone(),
        withholding_pct: inv.withholding_pct,
        invoice_discount_pct: inv.invoice_discount_pct,
        early_payment: inv.early_payment.clone(),
        payment_method_ids: inv.payment_method_ids.clone(),
        notes: inv.notes.clone(),
        repeat: Repeat::Months(MonthlyRule {
            every: 1,
            on: MonthDay::Day(day),
        }),
        start,
        end: ScheduleEnd::Never,
        covers: Covers::Advance,
        paused: false,
        issue_on_open: false,
        made: 0,
        done_through: None,
        updated_at: now,
    }
}

/// One schedule as its list and the client's page show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    pub id: Id,
    pub name: String,
    pub client_id: Id,
    pub client_name: String,
    pub repeat: Repeat,
    pub status: Status,
    /// Invoices made so far.
    pub made: u32,
    /// The total of each invoice (before placeholders, which do not change amounts).
    pub total: Option<Decimal>,
    pub currency: String,
    /// Drafts it made that wait to be issued.
    pub to_issue: usize,
}

/// Every schedule (of `client`, when given) as rows: active ones first by next date, then
/// paused, then ended, each by name.
pub fn rows(data: &Dataset, client: Option<&str>) -> Vec<ScheduleRow> {
    let waiting = to_issue(data);
    let mut out: Vec<ScheduleRow> = data
        .recurring
        .iter()
        .filter(|s| client.is_none_or(|c| s.client_id == c))
        .map(|s| ScheduleRow {
            id: s.id.clone(),
            name: s.name.clone(),
            client_id: s.client_id.clone(),
            client_name: client_name(data, &s.client_id),
            repeat: s.repeat,
            status: status(s),
            made: s.made,
            total: tax::total(&s.lines, s.invoice_discount_pct, s.withholding_pct, &s.currency).ok(),
            currency: s.currency.clone(),
            to_issue: waiting.iter().filter(|w| w.schedule_id == s.id).count(),
        })
        .collect();
    let rank = |r: &ScheduleRow| match r.status {
        Status::Active { next } => (0, Some(next)),
        Status::Paused => (1, None),
        Status::Ended => (2, None),
    };
    crate::order::sort_by(&mut out, |a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    out
}

fn client_name(data: &Dataset, id: &str) -> String {
    data.clients
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.legal_name.clone())
        .unwrap_or_default()
}

/// A draft a schedule made that waits to be issued: what the agenda's "to issue" items and the
/// recurring list show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToIssue {
    pub invoice_id: Id,
    pub schedule_id: Id,
    pub schedule_name: String,
    pub client_id: Id,
    pub client_name: String,
    pub issue_date: NaiveDate,
    /// The first line's text, its period filled in ("Mantenimiento web — marzo de 2027").
    pub summary: String,
    pub total: Option<Decimal>,
    pub currency: String,
}

/// Every draft made by a schedule that still exists, oldest first (then by schedule name):
/// the order to issue them in, so numbers follow dates.
pub fn to_issue(data: &Dataset) -> Vec<ToIssue> {
    let mut out: Vec<ToIssue> = data
        .invoices
        .iter()
        .filter(|i| i.number.is_none())
        .filter_map(|inv| {
            let (schedule_id, _) = made_by(&inv.id)?;
            let s = data.recurring.iter().find(|s| s.id == schedule_id)?;
            Some(ToIssue {
                invoice_id: inv.id.clone(),
                schedule_id: s.id.clone(),
                schedule_name: s.name.clone(),
                client_id: inv.client_id.clone(),
                client_name: client_name(data, &inv.client_id),
                issue_date: inv.issue_date,
                summary: inv
                    .lines
                    .first()
                    .map(|l| l.description.clone())
                    .unwrap_or_default(),
                total: tax::invoice_total(inv).ok(),
                currency: inv.currency.clone(),
            })
        })
        .collect();
    crate::order::sort_by(&mut out, |a, b| {
        a.issue_date
            .cmp(&b.issue_date)
            .then_with(|| a.schedule_name.cmp(&b.schedule_name))
            .then_with(|| a.invoice_id.cmp(&b.invoice_id))
    });
    out
}

/// The total of one invoice of `s`, rounded (what its list shows), or why it cannot be computed.
pub fn invoice_total(s: &RecurringSchedule) -> Result<Decimal, MoneyError> {
    let t = tax::total(&s.lines, s.invoice_discount_pct, s.withholding_pct, &s.currency)?;
    money::round(t, &s.currency)
}

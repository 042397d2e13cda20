//! The recurring-schedule form as typed, and how it becomes a [`RecurringSchedule`]: every
//! field parsed at once (numbers in either style, `1.234,5678`), each problem at the path of
//! the record field it is about, then the schedule checked by [`crate::validity`] like every
//! other record. The form builds its schedule here and nowhere else, so what it saves is what
//! a backup restores.
//!
//! The lines are the invoice editor's text ([`draft_input::LineInput`]), parsed as the other
//! forms parse a line ([`forms::LineInput`]), with the bounds an invoice's lines have and two
//! rules of a schedule's own: an exemption names its legal ground, and a line says what it
//! bills (its invoices may be issued on opening, unseen).

use crate::draft::blank_line;
use crate::draft_input::{self, EXEMPT};
use crate::forms::{self, Parse, VatInput};
use crate::model::{
    AppSettings, Covers, EarlyPaymentTerms, Id, Lang, Line, MonthDay, MonthlyRule, RecurringSchedule, Repeat,
    ScheduleEnd, Stamp, VatRate,
};
use crate::money::{self, MoneyError};
use crate::recurring::ScheduleProblem;
use crate::validity::{check_write, Invalid, Rule, MAX_DAYS};
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

/// Where the form's "repeat every" problems are said.
pub const EVERY: &str = "repeat.every";
/// Where the day of the month's problems are said.
pub const DAY: &str = "repeat.on";
/// The day-of-month choice that means the month's last day.
pub const LAST_DAY: &str = "last";

/// How often, as the form's unit select holds it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unit {
    Weeks,
    #[default]
    Months,
}

/// When the schedule ends, as the form's select holds it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EndKind {
    #[default]
    Never,
    /// After the number typed in `end_count`.
    After,
    /// On the date typed in `end_date`.
    On,
}

/// The text of every field of the schedule form, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleInput {
    pub name: String,
    /// The chosen client's id ("" while none is chosen).
    pub client: String,
    pub po: String,
    pub currency: String,
    pub lines: Vec<draft_input::LineInput>,
    /// Empty: none.
    pub withholding: String,
    /// Empty: none.
    pub discount: String,
    /// Empty: no early-payment discount (the days are then ignored).
    pub early_pct: String,
    pub early_days: String,
    pub methods: Vec<Id>,
    pub notes: String,
    pub every: String,
    pub unit: Unit,
    /// "1" to "31", or [`LAST_DAY`] (monthly only).
    pub day: String,
    /// Dates as `<input type="date">` gives them: `2027-02-01`, or "".
    pub start: String,
    pub end: EndKind,
    pub end_count: String,
    pub end_date: String,
    pub covers: Covers,
    pub issue_on_open: bool,
}

/// A blank schedule with the app's defaults: monthly on the 1st from next month, one line.
pub fn new_schedule(settings: &AppSettings, today: NaiveDate, id: Id, now: Stamp) -> RecurringSchedule {
    let start = today
        .with_day(1)
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .unwrap_or(today);
    RecurringSchedule {
        id,
        name: String::new(),
        client_id: String::new(),
        series_id: settings.invoice_series_id.clone().unwrap_or_default(),
        po_number: String::new(),
        currency: settings.default_currency.clone(),
        lines: vec![blank_line(&settings.default_vat)],
        withholding_pct: settings.default_withholding_pct,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: Vec::new(),
        notes: String::new(),
        repeat: Repeat::Months(MonthlyRule {
            every: 1,
            on: MonthDay::Day(1),
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

/// A percentage shown back in a field: empty for none.
fn pct_text(d: Decimal, lang: Lang) -> String {
    if d.is_zero() {
        String::new()
    } else {
        draft_input::show(d, lang)
    }
}

impl ScheduleInput {
    /// The form filled with a schedule (numbers in `lang`'s style, so they read back unchanged).
    pub fn from_schedule(s: &RecurringSchedule, lang: Lang) -> Self {
        let (every, unit, day) = match s.repeat {
            Repeat::Weeks(n) => (n, Unit::Weeks, "1".to_string()),
            Repeat::Months(MonthlyRule { every, on }) => (
                every,
                Unit::Months,
                match on {
                    MonthDay::Day(d) => d.to_string(),
                    MonthDay::Last => LAST_DAY.to_string(),
                },
            ),
        };
        let (end, end_count, end_date) = match s.end {
            ScheduleEnd::Never => (EndKind::Never, "12".to_string(), String::new()),
            ScheduleEnd::After(n) => (EndKind::After, n.to_string(), String::new()),
            ScheduleEnd::On(d) => (EndKind::On, "12".to_string(), d.to_string()),
        };
        Self {
            name: s.name.clone(),
            client: s.client_id.clone(),
            po: s.po_number.clone(),
            currency: s.currency.clone(),
            lines: s
                .lines
                .iter()
                .map(|l| draft_input::LineInput::from_line(l, lang))
                .collect(),
            withholding: pct_text(s.withholding_pct, lang),
            discount: pct_text(s.invoice_discount_pct, lang),
            early_pct: s
                .early_payment
                .as_ref()
                .map(|e| draft_input::show(e.discount_pct, lang))
                .unwrap_or_default(),
            early_days: s
                .early_payment
                .as_ref()
                .map_or_else(|| "10".to_string(), |e| e.within_days.to_string()),
            methods: s.payment_method_ids.clone(),
            notes: s.notes.clone(),
            every: every.to_string(),
            unit,
            day,
            start: s.start.to_string(),
            end,
            end_count,
            end_date,
            covers: s.covers,
            issue_on_open: s.issue_on_open,
        }
    }

    /// The schedule the form describes, replacing `base` (which gives what the form does not
    /// show: id, series, count, cursor, pause), checked against `old` (the stored one, `None`
    /// for a new schedule); or every problem, each at its field.
    pub fn build(
        &self,
        base: &RecurringSchedule,
        old: Option<&RecurringSchedule>,
        now: Stamp,
        today: NaiveDate,
    ) -> Result<RecurringSchedule, Invalid> {
        let mut p = Parse::default();
        if self.client.trim().is_empty() {
            p.fail("client_id", Rule::Required);
        }
        let currency = match money::parse_currency(&self.currency) {
            Ok(c) => Some(c),
            Err(_) => {
                p.fail(
                    "currency",
                    Rule::UnknownCurrency {
                        code: self.currency.trim().to_string(),
                    },
                );
                None
            }
        };
        let lines: Vec<Option<Line>> = self.lines.iter().enumerate().map(|(i, l)| p.line(i, l)).collect();
        let withholding = p.percent("withholding_pct", &self.withholding);
        let discount = p.percent("invoice_discount_pct", &self.discount);
        let early = p.early(&self.early_pct, &self.early_days);
        let repeat = p.repeat(self);
        let start = p.date("start", &self.start);
        let end = match self.end {
            EndKind::Never => Some(ScheduleEnd::Never),
            EndKind::After => p.count("end", &self.end_count).map(ScheduleEnd::After),
            EndKind::On => p.date("end", &self.end_date).map(ScheduleEnd::On),
        };
        // A line that is not one stands as a blank line with its text meanwhile, so its text
        // and the rest are still checked.
        let lines: Vec<Line> = lines
            .into_iter()
            .zip(&self.lines)
            .map(|(parsed, typed)| {
                parsed.unwrap_or_else(|| Line {
                    description: typed.description.clone(),
                    ..blank_line(&VatRate::Rate(Decimal::ZERO))
                })
            })
            .collect();
        // A value that is not one keeps the base's meanwhile, so the rest is still checked
        // (its own problem is the parse one).
        let built = RecurringSchedule {
            name: self.name.trim().to_string(),
            client_id: self.client.trim().to_string(),
            po_number: self.po.trim().to_string(),
            currency: currency.unwrap_or_else(|| base.currency.clone()),
            lines,
            withholding_pct: withholding.unwrap_or(base.withholding_pct),
            invoice_discount_pct: discount.unwrap_or(base.invoice_discount_pct),
            early_payment: early.unwrap_or_else(|| base.early_payment.clone()),
            payment_method_ids: self.methods.clone(),
            notes: self.notes.trim_end().to_string(),
            repeat: repeat.unwrap_or(base.repeat),
            start: start.unwrap_or(base.start),
            end: end.unwrap_or(ScheduleEnd::Never),
            covers: self.covers,
            issue_on_open: self.issue_on_open,
            updated_at: now,
            ..base.clone()
        };
        p.finish_schedule(old, built, today)
    }
}

/// The schedule's own readers on the forms' parse (whole counts and dates say their problem
/// in the schedule's words; lines add the schedule's rules to the other forms' parse).
impl Parse {
    fn money(&mut self, path: &str, checked: Result<Decimal, MoneyError>) -> Option<Decimal> {
        checked.map_err(|e| self.fail(path, Rule::Money(e))).ok()
    }

    /// A percentage, empty meaning none.
    fn percent(&mut self, path: &str, text: &str) -> Option<Decimal> {
        if text.trim().is_empty() {
            return Some(Decimal::ZERO);
        }
        let parsed = money::parse_amount(text).and_then(|v| money::check_percent("percentage", v));
        self.money(path, parsed)
    }

    /// A whole number, 0 or more.
    fn count(&mut self, path: &str, text: &str) -> Option<u32> {
        let t = text.trim();
        match t.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.fail(
                    path,
                    Rule::Schedule(ScheduleProblem::NotWhole { text: t.to_string() }),
                );
                None
            }
        }
    }

    /// A required date as the date input gives it.
    fn date(&mut self, path: &str, text: &str) -> Option<NaiveDate> {
        let t = text.trim();
        if t.is_empty() {
            self.fail(path, Rule::Required);
            return None;
        }
        match t.parse::<NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                self.fail(
                    path,
                    Rule::Schedule(ScheduleProblem::NotADate { text: t.to_string() }),
                );
                None
            }
        }
    }

    /// One line: the other forms' parse, the bounds of an invoice's line, a described line and
    /// an exemption's legal ground.
    fn line(&mut self, i: usize, l: &draft_input::LineInput) -> Option<Line> {
        let at = |field: &str| format!("lines[{i}].{field}");
        let vat = if l.vat == EXEMPT {
            VatInput::Exempt(l.reason.clone())
        } else {
            VatInput::Rate(l.vat.clone())
        };
        let typed = forms::LineInput {
            item_id: (!l.item.is_empty()).then(|| l.item.clone()),
            description: l.description.clone(),
            quantity: l.quantity.clone(),
            unit_price: l.unit_price.clone(),
            discount_pct: l.discount.clone(),
            vat,
        };
        let before = self.problems.len();
        if l.description.trim().is_empty() {
            self.fail(&at("description"), Rule::Required);
        }
        if matches!(&typed.vat, VatInput::Exempt(reason) if reason.trim().is_empty()) {
            self.fail(&at("vat"), Rule::Required);
        }
        let line = match typed.build(i) {
            Ok(line) => line,
            Err(Invalid(found)) => {
                self.problems.extend(found);
                return None;
            }
        };
        self.money(&at("quantity"), money::check_quantity("quantity", line.quantity));
        self.money(
            &at("unit_price"),
            money::check_price("unit price", line.unit_price),
        );
        self.money(
            &at("discount_pct"),
            money::check_percent("line discount", line.discount_pct),
        );
        match &line.vat {
            VatRate::Rate(r) => {
                self.money(&at("vat"), money::check_percent("VAT rate", *r));
            }
            VatRate::Exempt(_) => {}
        }
        (self.problems.len() == before).then_some(line)
    }

    /// The early-payment terms: none while the discount is empty; `None` if one is wrong.
    fn early(&mut self, pct: &str, days: &str) -> Option<Option<EarlyPaymentTerms>> {
        if pct.trim().is_empty() {
            return Some(None);
        }
        let path = "early_payment.discount_pct";
        let discount = money::parse_amount(pct)
            .map_err(|e| self.fail(path, Rule::Money(e)))
            .ok()
            .and_then(|v| {
                if v <= Decimal::ZERO || v >= Decimal::ONE_HUNDRED {
                    self.fail(path, Rule::EarlyDiscount { pct: v });
                    None
                } else {
                    Some(v)
                }
            });
        let path = "early_payment.within_days";
        let within = self.count(path, days).and_then(|d| {
            if i64::from(d) > MAX_DAYS {
                self.fail(
                    path,
                    Rule::Days {
                        days: i64::from(d),
                        max: MAX_DAYS,
                    },
                );
                None
            } else {
                Some(d)
            }
        });
        Some(Some(EarlyPaymentTerms {
            discount_pct: discount?,
            within_days: within?,
        }))
    }

    /// How often and, monthly, on which day.
    fn repeat(&mut self, input: &ScheduleInput) -> Option<Repeat> {
        let every = self.count(EVERY, &input.every);
        match input.unit {
            Unit::Weeks => every.map(Repeat::Weeks),
            Unit::Months => {
                let day = input.day.trim();
                let on = if day == LAST_DAY {
                    Some(MonthDay::Last)
                } else {
                    match day.parse::<u8>() {
                        Ok(d) => Some(MonthDay::Day(d)),
                        Err(_) => {
                            self.fail(
                                DAY,
                                Rule::Schedule(ScheduleProblem::NotWhole {
                                    text: day.to_string(),
                                }),
                            );
                            None
                        }
                    }
                };
                Some(Repeat::Months(MonthlyRule {
                    every: every?,
                    on: on?,
                }))
            }
        }
    }

    /// The parse problems, then the schedule's own (the record checks', with the rule's two
    /// parts said at their own fields), leaving out a field's second problem.
    fn finish_schedule(
        self,
        old: Option<&RecurringSchedule>,
        built: RecurringSchedule,
        today: NaiveDate,
    ) -> Result<RecurringSchedule, Invalid> {
        let mut problems = self.problems;
        let parsed_ok = problems.is_empty();
        if let Err(Invalid(found)) = check_write(old, &built, today) {
            for mut problem in found {
                if problem.path == "repeat" {
                    problem.path = match problem.rule {
                        Rule::Schedule(ScheduleProblem::DayOutOfRange { .. }) => DAY,
                        _ => EVERY,
                    }
                    .to_string();
                }
                if !problems.iter().any(|q| q.path == problem.path) {
                    problems.push(problem);
                }
            }
        }
        if parsed_ok && problems.is_empty() {
            Ok(built)
        } else {
            Err(Invalid(problems))
        }
    }
}

//! What makes a record valid, in one place: one check per kind of record (client, payment
//! method, item, series, quote, invoice, credit note, payment, contact, step, profile,
//! settings), each problem typed, located by a field path within the record
//! (`lines[2].description`) and graded. The forms show these problems at their fields, the
//! storage layer refuses to commit a record that has them, and the backup import applies
//! the same checks to every record it reads: whatever Cobro saves, it restores.
//!
//! Two grades, because data written by older versions must never become unrestorable:
//! * [`Severity::Refuse`]: what the import has always refused (a date outside 2000–2100,
//!   an unknown currency, amounts that cannot be computed, a payment of zero, a due date
//!   before the issue date). Never saved, never imported.
//! * [`Severity::Warn`]: the input rules (lengths, NIF check characters, email syntax,
//!   IBAN formats, percentages, day counts, a payment dated in the future…). A form and the
//!   storage layer refuse a value that breaks one *unless the stored record already had that
//!   same problem* (an issued invoice from an older version must still be sendable); the
//!   import keeps such values and reports each as a note, except the few it can repair
//!   without losing anything (see `backup::migrate::repair`).

mod limits;
pub mod syntax;

pub use limits::{counter, Text, LIMITS};

use crate::backup::{MAX_YEAR, MIN_YEAR};
use crate::model::{
    AppSettings, BusinessProfile, CatalogItem, Client, CollectionPolicy, ContactEntry, CreditNote,
    FollowUpStep, Invoice, Line, NumberingSeries, Outcome, Payment, PaymentMethod, PaymentMethodKind, Quote,
    QuoteState, StepState, VatRate,
};
use crate::money::{self, MoneyError};
use crate::numbering::{self, SeriesEditError};
use crate::payment_info::{self, BicError, EpcError, IbanError};
use crate::tax;
use crate::tax_id::{self, TaxIdProblem};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fmt;
use thiserror::Error;

/// Longest span of days a term, an offer or a follow-up offset may have: ten years.
pub const MAX_DAYS: i64 = 3650;

/// What is wrong with one value. `Display` is plain English; the UI translates the variant.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Rule {
    #[error("this field is required")]
    Required,
    #[error("this text has {len} characters, more than the {max} allowed")]
    TooLong { max: usize, len: usize },
    #[error("{0}")]
    TaxId(TaxIdProblem),
    #[error("this is not an email address")]
    Email,
    #[error("this is not a web address (it must start with https://)")]
    Url,
    #[error("this is not a phone number")]
    Phone,
    #[error("{0}")]
    Iban(IbanError),
    #[error("{0}")]
    Bic(BicError),
    /// The account holder cannot be the beneficiary of a transfer QR code.
    #[error("{0}")]
    Beneficiary(EpcError),
    /// An amount, price or percentage out of its bounds, or the document's amounts cannot be
    /// computed.
    #[error("{0}")]
    Money(MoneyError),
    #[error("the amount must be more than zero, not {amount}")]
    NotPositive { amount: Decimal },
    #[error("the number of days must be between 0 and {max}, not {days}")]
    Days { days: i64, max: i64 },
    /// A span that must pass before something happens again (or at all): at least a day.
    #[error("the number of days must be between 1 and {max}, not {days}")]
    Interval { days: i64, max: i64 },
    #[error("the date {date} is outside the years {MIN_YEAR}–{MAX_YEAR}")]
    DateOutOfRange { date: NaiveDate },
    #[error("the date {date} is in the future (today is {today})")]
    InFuture { date: NaiveDate, today: NaiveDate },
    #[error("the due date {due} is before the issue date {issued}")]
    DueBeforeIssue { due: NaiveDate, issued: NaiveDate },
    #[error("the quote is valid until {until}, before its date {issued}")]
    ValidBeforeIssue { until: NaiveDate, issued: NaiveDate },
    #[error("unknown currency code “{code}”")]
    UnknownCurrency { code: String },
    #[error("an early-payment discount must be more than 0 % and less than 100 %, not {pct} %")]
    EarlyDiscount { pct: Decimal },
    #[error("{0}")]
    Series(SeriesEditError),
    /// A recurring schedule's own rules (`recurring::check`).
    #[error("{0}")]
    Schedule(crate::recurring::ScheduleProblem),
    /// A semester's late-payment rate (`late_interest::check`, the backup import's check too).
    #[error("{0}")]
    LateRate(crate::late_interest::RateProblem),
    /// What a partial credit note takes back from one invoice line.
    #[error("{0}")]
    CreditLine(crate::lifecycle::CreditLineProblem),
    /// A partial credit note that takes nothing back.
    #[error("nothing to credit: give a quantity or an amount for at least one line")]
    NothingPicked,
}

/// How a problem is treated (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Refuse,
    Warn,
}

/// One problem of one record: where (a path inside the record, `""` for the record as a
/// whole), what, and how grave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub path: String,
    pub rule: Rule,
    pub severity: Severity,
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.rule)
        } else {
            write!(f, "{}: {}", self.path, self.rule)
        }
    }
}

/// Every problem a write would bring (see [`check_write`]), for the form and the storage
/// refusal.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", list(.0))]
pub struct Invalid(pub Vec<FieldProblem>);

fn list(problems: &[FieldProblem]) -> String {
    let parts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    parts.join("; ")
}

/// What the checks may know besides the record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// Today, for rules about the future (a payment cannot be dated after it). `None` where
    /// the caller has no clock to speak for (a backup read anywhere, any day).
    pub today: Option<NaiveDate>,
}

/// A record that can be checked.
pub trait Validate {
    /// Every problem of the record, in field order.
    fn problems(&self, ctx: Context) -> Vec<FieldProblem>;
}

/// Whether `new` may replace `old` (`None`: a new record): refused for any
/// [`Severity::Refuse`] problem, and for any [`Severity::Warn`] problem `old` did not have
/// already (so a record from an older version stays writable for everything else).
pub fn check_write<R: Validate>(old: Option<&R>, new: &R, today: NaiveDate) -> Result<(), Invalid> {
    let ctx = Context { today: Some(today) };
    let found = new.problems(ctx);
    if found.is_empty() {
        return Ok(());
    }
    let before = old.map(|o| o.problems(ctx)).unwrap_or_default();
    let refused: Vec<FieldProblem> = found
        .into_iter()
        .filter(|p| p.severity == Severity::Refuse || !before.contains(p))
        .collect();
    if refused.is_empty() {
        Ok(())
    } else {
        Err(Invalid(refused))
    }
}

/// A field of a record, or an item of one of its lists, and a field of that item:
/// `legal_name`, `lines[2]`, `lines[2].description`. Written out only when a problem is found.
#[derive(Clone, Copy)]
struct At {
    key: &'static str,
    item: Option<usize>,
    sub: Option<&'static str>,
}

const fn at(key: &'static str) -> At {
    At {
        key,
        item: None,
        sub: None,
    }
}

impl At {
    const fn item(self, i: usize) -> Self {
        Self {
            item: Some(i),
            ..self
        }
    }

    const fn sub(self, key: &'static str) -> Self {
        Self {
            sub: Some(key),
            ..self
        }
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key)?;
        if let Some(i) = self.item {
            write!(f, "[{i}]")?;
        }
        if let Some(s) = self.sub {
            write!(f, ".{s}")?;
        }
        Ok(())
    }
}

/// Collects problems.
struct Checks {
    out: Vec<FieldProblem>,
}

impl Checks {
    fn new() -> Self {
        Self { out: Vec::new() }
    }

    fn push(&mut self, at: At, rule: Rule, severity: Severity) {
        self.out.push(FieldProblem {
            path: at.to_string(),
            rule,
            severity,
        });
    }

    fn warn(&mut self, at: At, rule: Rule) {
        self.push(at, rule, Severity::Warn);
    }

    fn refuse(&mut self, at: At, rule: Rule) {
        self.push(at, rule, Severity::Refuse);
    }

    /// Within its limit (a fast path for the usual short ASCII text).
    fn text(&mut self, at: At, kind: Text, value: &str) {
        let max = kind.max_chars();
        if value.len() <= max {
            return;
        }
        let len = value.chars().count();
        if len > max {
            self.warn(at, Rule::TooLong { max, len });
        }
    }

    fn required(&mut self, at: At, kind: Text, value: &str) {
        if value.trim().is_empty() {
            self.warn(at, Rule::Required);
        } else {
            self.text(at, kind, value);
        }
    }

    fn email(&mut self, at: At, value: &str) {
        self.text(at, Text::Email, value);
        let v = value.trim();
        if !v.is_empty() && !syntax::is_email(v) {
            self.warn(at, Rule::Email);
        }
    }

    fn phone(&mut self, at: At, value: &str) {
        self.text(at, Text::Phone, value);
        let v = value.trim();
        if !v.is_empty() && !syntax::is_phone(v) {
            self.warn(at, Rule::Phone);
        }
    }

    fn tax_id(&mut self, at: At, id: &str, country: &str) {
        self.text(at, Text::TaxId, id);
        if let Err(p) = tax_id::check(id, country) {
            self.warn(at, Rule::TaxId(p));
        }
    }

    fn address(&mut self, a: &crate::model::Address) {
        self.text(at("address").sub("street"), Text::Street, &a.street);
        self.text(at("address").sub("postal_code"), Text::PostalCode, &a.postal_code);
        self.text(at("address").sub("city"), Text::City, &a.city);
        self.text(at("address").sub("region"), Text::Region, &a.region);
        self.text(at("address").sub("country"), Text::Country, &a.country);
    }

    /// Within the years the app accepts; true if so.
    fn date(&mut self, at: At, d: NaiveDate, severity: Severity) -> bool {
        let ok = (MIN_YEAR..=MAX_YEAR).contains(&d.year());
        if !ok {
            self.push(at, Rule::DateOutOfRange { date: d }, severity);
        }
        ok
    }

    /// A known currency (refused otherwise: nothing can be computed in it); true if so.
    fn currency(&mut self, at: At, code: &str) -> bool {
        let ok = money::minor_units(code).is_some();
        if !ok {
            self.refuse(
                at,
                Rule::UnknownCurrency {
                    code: code.to_string(),
                },
            );
        }
        ok
    }

    fn days(&mut self, at: At, days: i64) {
        if !(0..=MAX_DAYS).contains(&days) {
            self.warn(at, Rule::Days { days, max: MAX_DAYS });
        }
    }

    fn interval(&mut self, at: At, days: i64) {
        if !(1..=MAX_DAYS).contains(&days) {
            self.warn(at, Rule::Interval { days, max: MAX_DAYS });
        }
    }

    fn money(&mut self, at: At, checked: Result<Decimal, MoneyError>) {
        if let Err(e) = checked {
            self.warn(at, Rule::Money(e));
        }
    }

    fn policy(&mut self, base: &'static str, p: &CollectionPolicy) {
        let f = |key| at(base).sub(key);
        self.days(f("receipt_check_after_send"), p.receipt_check_after_send);
        self.days(f("pre_due_before_due"), p.pre_due_before_due);
        let reminders = if base == "policy" {
            "policy.reminders_after_due"
        } else {
            "policy_override.reminders_after_due"
        };
        for (i, d) in p.reminders_after_due.iter().enumerate() {
            self.days(at(reminders).item(i), *d);
        }
        self.days(f("formal_letter_after_due"), p.formal_letter_after_due);
        self.days(f("escalation_after_due"), p.escalation_after_due);
        self.days(f("promise_check_after"), p.promise_check_after);
        self.interval(f("send_after_issue"), p.send_after_issue);
        self.interval(f("recontact_every"), p.recontact_every);
        self.interval(f("dispute_review_after"), p.dispute_review_after);
        self.interval(f("dispute_review_every"), p.dispute_review_every);
    }

    /// A line's texts (its amounts are checked with the document's totals).
    fn lines(&mut self, lines: &[Line]) {
        for (i, l) in lines.iter().enumerate() {
            self.text(
                at("lines").item(i).sub("description"),
                Text::Description,
                &l.description,
            );
            if let VatRate::Exempt(reason) = &l.vat {
                self.text(at("lines").item(i).sub("vat"), Text::Reason, reason);
            }
        }
    }

    fn totals<T>(&mut self, totals: Result<T, MoneyError>) {
        if let Err(e) = totals {
            self.refuse(at(""), Rule::Money(e));
        }
    }

    fn done(self) -> Vec<FieldProblem> {
        self.out
    }
}

impl Validate for Client {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.required(at("legal_name"), Text::Name, &self.legal_name);
        c.tax_id(at("tax_id"), &self.tax_id, &self.address.country);
        c.address(&self.address);
        c.text(at("ap_contact_name"), Text::Person, &self.ap_contact_name);
        c.email(at("ap_contact_email"), &self.ap_contact_email);
        c.phone(at("ap_contact_phone"), &self.ap_contact_phone);
        c.text(at("billing_instructions"), Text::Note, &self.billing_instructions);
        c.days(at("payment_terms_days"), i64::from(self.payment_terms_days));
        let known = c.currency(at("currency"), &self.currency);
        if let Some(limit) = self.credit_limit {
            if limit <= Decimal::ZERO {
                c.warn(at("credit_limit"), Rule::NotPositive { amount: limit });
            } else {
                c.money(at("credit_limit"), money::check_amount("credit limit", limit));
                if let (true, Some(units)) = (known, money::minor_units(&self.currency)) {
                    c.money(
                        at("credit_limit"),
                        money::check_decimals("credit limit", limit, units),
                    );
                }
            }
        }
        c.text(at("notes"), Text::Note, &self.notes);
        if let Some(p) = &self.policy_override {
            c.policy("policy_override", p);
        }
        c.done()
    }
}

impl Validate for PaymentMethod {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.required(at("label"), Text::Label, &self.label);
        let k = |key| at("kind").sub(key);
        match &self.kind {
            PaymentMethodKind::BankTransfer {
                iban,
                bic,
                holder,
                bank,
            } => {
                c.text(k("iban"), Text::Iban, iban);
                if let Err(e) = payment_info::validate_iban(iban) {
                    c.warn(k("iban"), Rule::Iban(e));
                }
                c.text(k("bic"), Text::Bic, bic);
                if !bic.trim().is_empty() {
                    if let Err(e) = payment_info::validate_bic(bic) {
                        c.warn(k("bic"), Rule::Bic(e));
                    }
                }
                if !holder.trim().is_empty() {
                    if let Err(e) = payment_info::beneficiary_name_checked(holder) {
                        c.warn(k("holder"), Rule::Beneficiary(e));
                    }
                }
                c.text(k("bank"), Text::Bank, bank);
            }
            PaymentMethodKind::CardLink { url } => {
                c.text(k("url"), Text::Url, url);
                if !syntax::is_web_address(url.trim()) {
                    c.warn(k("url"), Rule::Url);
                }
            }
            PaymentMethodKind::PayPal { address } => {
                c.text(k("address"), Text::Email, address);
                let a = address.trim();
                if !syntax::is_email(a) && !syntax::is_web_address(a) {
                    c.warn(k("address"), Rule::Email);
                }
            }
            PaymentMethodKind::Bizum { phone } => {
                c.text(k("phone"), Text::Phone, phone);
                if !syntax::is_phone(phone.trim()) {
                    c.warn(k("phone"), Rule::Phone);
                }
            }
            PaymentMethodKind::Cash => {}
            PaymentMethodKind::DirectDebit { note } => c.text(k("note"), Text::ShortNote, note),
            PaymentMethodKind::Other { text } => c.required(k("text"), Text::ShortNote, text),
        }
        c.done()
    }
}

impl Validate for NumberingSeries {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        if let Err(e) = numbering::check_format(&self.prefix, &self.separator, self.padding) {
            let key = match e {
                SeriesEditError::BadSeparator => "separator",
                SeriesEditError::BadPadding => "padding",
                _ => "prefix",
            };
            c.warn(at(key), Rule::Series(e));
        }
        c.done()
    }
}

impl Validate for CatalogItem {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.required(at("name"), Text::Name, &self.name);
        c.text(at("description"), Text::Description, &self.description);
        c.money(
            at("unit_price"),
            money::check_price("unit price", self.unit_price),
        );
        match &self.vat {
            VatRate::Rate(r) => c.money(at("vat"), money::check_percent("VAT rate", *r)),
            VatRate::Exempt(reason) => c.required(at("vat"), Text::Reason, reason),
        }
        c.done()
    }
}

impl Validate for Invoice {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.text(at("po_number"), Text::Reference, &self.po_number);
        c.date(at("issue_date"), self.issue_date, Severity::Refuse);
        if c.date(at("due_date"), self.due_date, Severity::Refuse) && self.due_date < self.issue_date {
            c.refuse(
                at("due_date"),
                Rule::DueBeforeIssue {
                    due: self.due_date,
                    issued: self.issue_date,
                },
            );
        }
        if let Some(d) = self.delivery_date {
            c.date(at("delivery_date"), d, Severity::Refuse);
        }
        if c.currency(at("currency"), &self.currency) {
            match tax::invoice_totals(self) {
                Ok(totals) => {
                    if let Err(e) = tax::early_payment_offer(self, &totals) {
                        c.refuse(at("early_payment"), Rule::Money(e));
                    }
                }
                Err(e) => c.totals::<()>(Err(e)),
            }
        }
        c.lines(&self.lines);
        if let Some(e) = &self.early_payment {
            if e.discount_pct <= Decimal::ZERO || e.discount_pct >= Decimal::ONE_HUNDRED {
                c.warn(
                    at("early_payment").sub("discount_pct"),
                    Rule::EarlyDiscount { pct: e.discount_pct },
                );
            }
            c.days(at("early_payment").sub("within_days"), i64::from(e.within_days));
        }
        c.text(at("notes"), Text::Note, &self.notes);
        if let Some(s) = &self.sent {
            c.date(at("sent").sub("date"), s.date, Severity::Refuse);
        }
        if let Some(r) = &self.receipt {
            c.date(at("receipt").sub("date"), r.date, Severity::Refuse);
            c.text(at("receipt").sub("confirmed_by"), Text::Person, &r.confirmed_by);
        }
        for (j, d) in self.disputes.iter().enumerate() {
            c.date(at("disputes").item(j).sub("opened"), d.opened, Severity::Refuse);
            c.text(at("disputes").item(j).sub("reason"), Text::Reason, &d.reason);
            if let Some(r) = d.resolved {
                c.date(at("disputes").item(j).sub("resolved"), r, Severity::Warn);
            }
        }
        c.done()
    }
}

impl Validate for Quote {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.text(at("po_number"), Text::Reference, &self.po_number);
        let issued = c.date(at("issue_date"), self.issue_date, Severity::Refuse);
        if let Some(until) = self.valid_until {
            if c.date(at("valid_until"), until, Severity::Refuse) && issued && until < self.issue_date {
                c.warn(
                    at("valid_until"),
                    Rule::ValidBeforeIssue {
                        until,
                        issued: self.issue_date,
                    },
                );
            }
        }
        if c.currency(at("currency"), &self.currency) {
            c.totals(tax::quote_totals(self));
        }
        c.lines(&self.lines);
        c.text(at("notes"), Text::Note, &self.notes);
        match &self.state {
            QuoteState::Draft => {}
            QuoteState::Sent { date } | QuoteState::Accepted { date } | QuoteState::Rejected { date } => {
                c.date(at("state").sub("date"), *date, Severity::Warn);
            }
        }
        c.done()
    }
}

impl Validate for CreditNote {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.date(at("issue_date"), self.issue_date, Severity::Refuse);
        c.text(at("reason"), Text::Reason, &self.reason);
        if c.currency(at("currency"), &self.currency) {
            c.totals(tax::credit_note_totals(self));
        }
        c.lines(&self.lines);
        c.done()
    }
}

impl Validate for Payment {
    fn problems(&self, ctx: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        if c.date(at("date"), self.date, Severity::Refuse) {
            if let Some(today) = ctx.today.filter(|t| self.date > *t) {
                c.warn(
                    at("date"),
                    Rule::InFuture {
                        date: self.date,
                        today,
                    },
                );
            }
        }
        if self.amount <= Decimal::ZERO {
            c.refuse(at("amount"), Rule::NotPositive { amount: self.amount });
        } else {
            c.money(at("amount"), money::check_amount("amount", self.amount));
        }
        c.text(at("note"), Text::ShortNote, &self.note);
        if let Some(d) = &self.early_discount {
            if d.amount <= Decimal::ZERO {
                c.refuse(
                    at("early_discount").sub("amount"),
                    Rule::NotPositive { amount: d.amount },
                );
            }
        }
        if let Some(void) = &self.voided {
            c.date(at("voided").sub("date"), void.date, Severity::Refuse);
            if void.replaced_by.is_none() && void.reason.trim().is_empty() {
                c.refuse(at("voided").sub("reason"), Rule::Required);
            }
            c.text(at("voided").sub("reason"), Text::Reason, &void.reason);
        }
        c.done()
    }
}

impl Validate for crate::model::RecurringSchedule {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        use crate::model::ScheduleEnd;
        use crate::recurring::ScheduleProblem as P;
        let mut c = Checks::new();
        c.text(at("name"), Text::Name, &self.name);
        c.text(at("po_number"), Text::Reference, &self.po_number);
        c.date(at("start"), self.start, Severity::Refuse);
        if let ScheduleEnd::On(end) = self.end {
            c.date(at("end"), end, Severity::Refuse);
        }
        if let Some(done) = self.done_through {
            c.date(at("done_through"), done, Severity::Refuse);
        }
        if c.currency(at("currency"), &self.currency) {
            // The same rules a save through the schedule form applies.
            for problem in crate::recurring::check(self) {
                let key = match &problem {
                    P::Amounts(_) => "lines",
                    P::NoName => "name",
                    P::NoLines => "lines",
                    P::EveryOutOfRange { .. } | P::DayOutOfRange { .. } => "repeat",
                    P::AfterZero(_) | P::EndsBeforeStart { .. } => "end",
                    // Only the form's parse says these, at its fields.
                    P::NotWhole { .. } | P::NotADate { .. } => "",
                };
                c.refuse(at(key), Rule::Schedule(problem));
            }
        }
        c.lines(&self.lines);
        c.text(at("notes"), Text::Note, &self.notes);
        c.done()
    }
}

impl Validate for ContactEntry {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.date(at("date"), self.date, Severity::Refuse);
        c.text(at("who"), Text::Person, &self.who);
        match &self.outcome {
            Outcome::PromisedToPay { date } => {
                c.date(at("outcome").sub("date"), *date, Severity::Warn);
            }
            Outcome::Disputed { reason } => c.text(at("outcome").sub("reason"), Text::Reason, reason),
            _ => {}
        }
        c.text(at("note"), Text::Note, &self.note);
        c.done()
    }
}

impl Validate for FollowUpStep {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.date(at("due"), self.due, Severity::Refuse);
        match &self.state {
            StepState::Done { date } => {
                c.date(at("state").sub("date"), *date, Severity::Warn);
            }
            StepState::Skipped { reason } => c.text(at("state").sub("reason"), Text::Reason, reason),
            StepState::Open | StepState::Superseded => {}
        }
        c.done()
    }
}

impl Validate for BusinessProfile {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.text(at("name"), Text::Name, &self.name);
        c.tax_id(at("tax_id"), &self.tax_id, &self.address.country);
        c.address(&self.address);
        c.email(at("email"), &self.email);
        c.phone(at("phone"), &self.phone);
        c.done()
    }
}

impl Validate for AppSettings {
    fn problems(&self, _: Context) -> Vec<FieldProblem> {
        let mut c = Checks::new();
        c.currency(at("default_currency"), &self.default_currency);
        c.days(
            at("default_payment_terms_days"),
            i64::from(self.default_payment_terms_days),
        );
        match &self.default_vat {
            VatRate::Rate(r) => c.money(at("default_vat"), money::check_percent("VAT rate", *r)),
            VatRate::Exempt(reason) => c.text(at("default_vat"), Text::Reason, reason),
        }
        c.money(
            at("default_withholding_pct"),
            money::check_percent("withholding", self.default_withholding_pct),
        );
        c.policy("policy", &self.policy);
        // The rates themselves are the import's consistency check (`late_interest::check`).
        for (j, r) in self.late_interest_rates.iter().enumerate() {
            c.text(
                at("late_interest_rates").item(j).sub("source"),
                Text::ShortNote,
                &r.source,
            );
        }
        c.days(at("backup_reminder_days"), i64::from(self.backup_reminder_days));
        c.done()
    }
}

/// [`check_write`] for every record of a family that a write changes (the family as it was
/// read, and as it will be stored): the storage layer's guard for the named operations, which
/// write a whole family at once. Unchanged records are not checked again.
pub fn check_family(
    old: &crate::pack::Family,
    new: &crate::pack::Family,
    today: NaiveDate,
) -> Result<(), Invalid> {
    fn each<R: Validate + crate::pack::HasId + PartialEq>(
        old: &[R],
        new: &[R],
        today: NaiveDate,
        out: &mut Vec<FieldProblem>,
    ) {
        for r in new {
            let before = old.iter().find(|o| o.id() == r.id());
            if before == Some(r) {
                continue;
            }
            if let Err(Invalid(p)) = check_write(before, r, today) {
                out.extend(p);
            }
        }
    }
    let mut refused = Vec::new();
    each(&old.invoices, &new.invoices, today, &mut refused);
    each(&old.credit_notes, &new.credit_notes, today, &mut refused);
    each(&old.payments, &new.payments, today, &mut refused);
    each(&old.contacts, &new.contacts, today, &mut refused);
    each(&old.steps, &new.steps, today, &mut refused);
    if refused.is_empty() {
        Ok(())
    } else {
        Err(Invalid(refused))
    }
}

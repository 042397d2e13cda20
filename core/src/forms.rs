//! What the forms hold (each field as typed) and how it becomes a record: parsed with the
//! core's parsers, trimmed, then checked by [`crate::validity`] against the record it replaces.
//! A form builds its record here and nowhere else, so a property test can generate records
//! exactly as the forms do and prove they survive a backup.
//!
//! Every problem comes back at once, each with the path of its field (the same paths as
//! the record checks), so a form can show them beside the fields.

use crate::model::{
    Address, AppSettings, BusinessProfile, CatalogItem, Client, CollectionPolicy, DocKind, Id, Lang, Line,
    NumberingSeries, Payment, PaymentMethod, PaymentMethodKind, Stamp, VatRate,
};
use crate::money::{self, MoneyError};
use crate::numbering::{self, SeriesEditError};
use crate::payment_info;
use crate::validity::{check_write, FieldProblem, Invalid, Rule, Severity};
use chrono::NaiveDate;
use rust_decimal::Decimal;

mod collections;
mod credit;
mod series;

pub use collections::{rate_path, CollectionsInput, RateInput};
pub use credit::{credit_path, CreditChoice, CreditInput, CreditLineInput, CreditWay};
pub use series::{series_problem, SeriesEdit, SeriesInput};

/// Problems found while parsing, before the record exists. The schedule form
/// (`crate::recurring_input`) adds its own readers to it.
#[derive(Default)]
pub(crate) struct Parse {
    pub(crate) problems: Vec<FieldProblem>,
}

impl Parse {
    pub(crate) fn fail(&mut self, path: &str, rule: Rule) {
        self.problems.push(FieldProblem {
            path: path.to_string(),
            rule,
            severity: Severity::Warn,
        });
    }

    /// A number as typed ("1.234,50", "1234.5"); `None` (and a problem) if it is not one.
    fn amount(&mut self, path: &str, input: &str) -> Option<Decimal> {
        match money::parse_amount(input) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(path, Rule::Money(e));
                None
            }
        }
    }

    /// Like [`Parse::amount`], but an empty field is `None` without a problem.
    fn optional_amount(&mut self, path: &str, input: &str) -> Option<Option<Decimal>> {
        if input.trim().is_empty() {
            Some(None)
        } else {
            self.amount(path, input).map(Some)
        }
    }

    /// A whole number of days, 0 or more.
    fn days(&mut self, path: &str, input: &str) -> Option<u32> {
        let text = input.trim();
        match text.parse::<i64>() {
            Ok(n) => match u32::try_from(n) {
                Ok(days) if i64::from(days) <= crate::validity::MAX_DAYS => Some(days),
                _ => {
                    self.fail(
                        path,
                        Rule::Days {
                            days: n,
                            max: crate::validity::MAX_DAYS,
                        },
                    );
                    None
                }
            },
            Err(_) => {
                self.fail(path, Rule::Money(MoneyError::NotANumber(text.to_string())));
                None
            }
        }
    }

    /// A whole number as typed, whatever its size: its bounds are the record's checks.
    fn whole(&mut self, path: &str, input: &str) -> Option<i64> {
        let text = input.trim();
        match text.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.fail(path, Rule::Money(MoneyError::NotANumber(text.to_string())));
                None
            }
        }
    }

    fn currency(&mut self, path: &str, input: &str) -> Option<String> {
        match money::parse_currency(input) {
            Ok(c) => Some(c),
            Err(_) => {
                self.fail(
                    path,
                    Rule::UnknownCurrency {
                        code: input.trim().to_string(),
                    },
                );
                None
            }
        }
    }

    /// The parsed record checked against `old`, with the parse problems first.
    fn finish<R: crate::validity::Validate>(
        self,
        old: Option<&R>,
        new: Option<R>,
        today: NaiveDate,
    ) -> Result<R, Invalid> {
        let mut problems = self.problems;
        match new {
            Some(r) if problems.is_empty() => check_write(old, &r, today).map(|()| r),
            Some(r) => {
                if let Err(Invalid(more)) = check_write(old, &r, today) {
                    let fresh: Vec<FieldProblem> = more
                        .into_iter()
                        .filter(|p| !problems.iter().any(|q| q.path == p.path))
                        .collect();
                    problems.extend(fresh);
                }
                Err(Invalid(problems))
            }
            None => Err(Invalid(problems)),
        }
    }
}

/// An address as typed; the country is kept upper-cased as people write codes ("es" → "ES").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressInput {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub region: String,
    pub country: String,
}

impl AddressInput {
    pub fn from_address(a: &Address) -> Self {
        Self {
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            region: a.region.clone(),
            country: a.country.clone(),
        }
    }

    fn build(&self) -> Address {
        Address {
            street: self.street.trim().to_string(),
            postal_code: self.postal_code.trim().to_string(),
            city: self.city.trim().to_string(),
            region: self.region.trim().to_string(),
            country: self.country.trim().to_uppercase(),
        }
    }
}

/// The client form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientInput {
    pub legal_name: String,
    pub tax_id: String,
    pub address: AddressInput,
    pub ap_contact_name: String,
    pub ap_contact_email: String,
    pub ap_contact_phone: String,
    pub billing_instructions: String,
    pub po_required: bool,
    pub payment_terms_days: String,
    pub currency: String,
    pub language: Lang,
    /// Empty: no limit.
    pub credit_limit: String,
    pub notes: String,
}

impl ClientInput {
    /// The form filled with a client (a new one: the defaults the caller put in it).
    pub fn from_client(c: &Client, lang: Lang) -> Self {
        Self {
            legal_name: c.legal_name.clone(),
            tax_id: c.tax_id.clone(),
            address: AddressInput::from_address(&c.address),
            ap_contact_name: c.ap_contact_name.clone(),
            ap_contact_email: c.ap_contact_email.clone(),
            ap_contact_phone: c.ap_contact_phone.clone(),
            billing_instructions: c.billing_instructions.clone(),
            po_required: c.po_required,
            payment_terms_days: c.payment_terms_days.to_string(),
            currency: c.currency.clone(),
            language: c.language,
            credit_limit: c
                .credit_limit
                .map(|l| crate::locale::decimal_trimmed(l, 6, lang))
                .unwrap_or_default(),
            notes: c.notes.clone(),
        }
    }

    /// The client the form describes, replacing `base` (`is_new`: `base` only carries the id
    /// and the fields the form does not show), or every problem.
    pub fn build(
        &self,
        base: &Client,
        is_new: bool,
        now: Stamp,
        today: NaiveDate,
    ) -> Result<Client, Invalid> {
        let mut p = Parse::default();
        let terms = p.days("payment_terms_days", &self.payment_terms_days);
        let currency = p.currency("currency", &self.currency);
        let limit = p.optional_amount("credit_limit", &self.credit_limit);
        // A value that is not one keeps the old one, so every other field is still checked
        // (its own problem is the parse one).
        let built = Some(Client {
            legal_name: self.legal_name.trim().to_string(),
            tax_id: self.tax_id.trim().to_string(),
            address: self.address.build(),
            ap_contact_name: self.ap_contact_name.trim().to_string(),
            ap_contact_email: self.ap_contact_email.trim().to_string(),
            ap_contact_phone: self.ap_contact_phone.trim().to_string(),
            billing_instructions: self.billing_instructions.trim_end().to_string(),
            po_required: self.po_required,
            payment_terms_days: terms.unwrap_or(base.payment_terms_days),
            currency: currency.unwrap_or_else(|| base.currency.clone()),
            language: self.language,
            credit_limit: limit.unwrap_or(base.credit_limit),
            notes: self.notes.trim_end().to_string(),
            updated_at: now,
            ..base.clone()
        });
        p.finish((!is_new).then_some(base), built, today)
    }
}

/// Which kind of payment method a form describes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MethodKind {
    #[default]
    BankTransfer,
    CardLink,
    PayPal,
    Bizum,
    Cash,
    DirectDebit,
    Other,
}

impl MethodKind {
    pub const ALL: [Self; 7] = [
        Self::BankTransfer,
        Self::CardLink,
        Self::PayPal,
        Self::Bizum,
        Self::Cash,
        Self::DirectDebit,
        Self::Other,
    ];

    pub fn of(kind: &PaymentMethodKind) -> Self {
        match kind {
            PaymentMethodKind::BankTransfer { .. } => Self::BankTransfer,
            PaymentMethodKind::CardLink { .. } => Self::CardLink,
            PaymentMethodKind::PayPal { .. } => Self::PayPal,
            PaymentMethodKind::Bizum { .. } => Self::Bizum,
            PaymentMethodKind::Cash => Self::Cash,
            PaymentMethodKind::DirectDebit { .. } => Self::DirectDebit,
            PaymentMethodKind::Other { .. } => Self::Other,
        }
    }
}

/// The payment-method form: its kind, and the text of the fields each kind uses (`detail` is
/// the URL, PayPal address, Bizum phone, direct-debit note or other text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MethodInput {
    pub label: String,
    pub kind: MethodKind,
    pub iban: String,
    pub bic: String,
    pub holder: String,
    pub bank: String,
    pub detail: String,
}

impl MethodInput {
    pub fn from_method(m: &PaymentMethod) -> Self {
        let mut input = Self {
            label: m.label.clone(),
            kind: MethodKind::of(&m.kind),
            ..Self::default()
        };
        match &m.kind {
            PaymentMethodKind::BankTransfer {
                iban,
                bic,
                holder,
                bank,
            } => {
                input.iban = payment_info::format_iban_groups(iban);
                input.bic = bic.clone();
                input.holder = holder.clone();
                input.bank = bank.clone();
            }
            PaymentMethodKind::CardLink { url: d }
            | PaymentMethodKind::PayPal { address: d }
            | PaymentMethodKind::Bizum { phone: d }
            | PaymentMethodKind::DirectDebit { note: d }
            | PaymentMethodKind::Other { text: d } => input.detail = d.clone(),
            PaymentMethodKind::Cash => {}
        }
        input
    }

    /// The method the form describes (`old`: the one it replaces), or every problem. An IBAN
    /// and a BIC are stored in their electronic form (no spaces, upper case).
    pub fn build(
        &self,
        id: Id,
        old: Option<&PaymentMethod>,
        now: Stamp,
        today: NaiveDate,
    ) -> Result<PaymentMethod, Invalid> {
        let mut p = Parse::default();
        let detail = self.detail.trim().to_string();
        let kind = match self.kind {
            MethodKind::BankTransfer => {
                let iban = payment_info::validate_iban(&self.iban).unwrap_or_else(|e| {
                    p.fail("kind.iban", Rule::Iban(e));
                    self.iban.trim().to_string()
                });
                let bic = if self.bic.trim().is_empty() {
                    String::new()
                } else {
                    payment_info::validate_bic(&self.bic).unwrap_or_else(|e| {
                        p.fail("kind.bic", Rule::Bic(e));
                        self.bic.trim().to_string()
                    })
                };
                PaymentMethodKind::BankTransfer {
                    iban,
                    bic,
                    holder: self.holder.trim().to_string(),
                    bank: self.bank.trim().to_string(),
                }
            }
            MethodKind::CardLink => PaymentMethodKind::CardLink { url: detail },
            MethodKind::PayPal => PaymentMethodKind::PayPal { address: detail },
            MethodKind::Bizum => PaymentMethodKind::Bizum { phone: detail },
            MethodKind::Cash => PaymentMethodKind::Cash,
            MethodKind::DirectDebit => PaymentMethodKind::DirectDebit { note: detail },
            MethodKind::Other => PaymentMethodKind::Other { text: detail },
        };
        let method = PaymentMethod {
            id,
            label: self.label.trim().to_string(),
            kind,
            // Editing keeps an archived method archived.
            archived: old.is_some_and(|o| o.archived),
            updated_at: now,
        };
        p.finish(old, Some(method), today)
    }
}

/// A VAT choice as a form holds it: a rate as typed, or an exemption with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VatInput {
    Rate(String),
    Exempt(String),
}

impl Default for VatInput {
    fn default() -> Self {
        Self::Rate("21".into())
    }
}

impl VatInput {
    pub fn from_vat(v: &VatRate, lang: Lang) -> Self {
        match v {
            VatRate::Rate(r) => Self::Rate(crate::locale::decimal_trimmed(*r, 4, lang)),
            VatRate::Exempt(reason) => Self::Exempt(reason.clone()),
        }
    }

    fn build(&self, p: &mut Parse, path: &str) -> Option<VatRate> {
        match self {
            Self::Rate(r) => p.amount(path, r).map(|r| VatRate::Rate(r.normalize())),
            Self::Exempt(reason) => Some(VatRate::Exempt(reason.trim().to_string())),
        }
    }
}

/// The catalogue-item form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemInput {
    pub name: String,
    pub description: String,
    pub unit_price: String,
    pub vat: VatInput,
}

impl ItemInput {
    pub fn build(
        &self,
        id: Id,
        old: Option<&CatalogItem>,
        now: Stamp,
        today: NaiveDate,
    ) -> Result<CatalogItem, Invalid> {
        let mut p = Parse::default();
        let price = p.amount("unit_price", &self.unit_price);
        let vat = self.vat.build(&mut p, "vat");
        // What is not a number stands as zero meanwhile, so the other fields are still checked.
        let built = Some(CatalogItem {
            id,
            name: self.name.trim().to_string(),
            description: self.description.trim_end().to_string(),
            unit_price: price.unwrap_or_default(),
            vat: vat.unwrap_or(VatRate::Rate(Decimal::ZERO)),
            archived: old.is_some_and(|o| o.archived),
            updated_at: now,
        });
        p.finish(old, built, today)
    }
}

/// One line of the document editor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub item_id: Option<Id>,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    /// Empty: no discount.
    pub discount_pct: String,
    pub vat: VatInput,
}

impl LineInput {
    /// The line the row describes; its amounts' bounds are the document's checks
    /// (`tax::totals`), so only what is not a number is a problem here. `index` places the
    /// problems (`lines[2].quantity`).
    pub fn build(&self, index: usize) -> Result<Line, Invalid> {
        let mut p = Parse::default();
        let at = |field: &str| format!("lines[{index}].{field}");
        let quantity = p.amount(&at("quantity"), &self.quantity);
        let unit_price = p.amount(&at("unit_price"), &self.unit_price);
        let discount = if self.discount_pct.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            p.amount(&at("discount_pct"), &self.discount_pct)
        };
        let vat = self.vat.build(&mut p, &at("vat"));
        match (quantity, unit_price, discount, vat) {
            (Some(quantity), Some(unit_price), Some(discount_pct), Some(vat)) if p.problems.is_empty() => {
                Ok(Line {
                    item_id: self.item_id.clone(),
                    description: self.description.trim_end().to_string(),
                    quantity,
                    unit_price,
                    discount_pct,
                    vat,
                })
            }
            _ => Err(Invalid(p.problems)),
        }
    }
}

/// The business-profile form (first run and settings). The logo is chosen apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileInput {
    pub name: String,
    pub tax_id: String,
    pub address: AddressInput,
    pub email: String,
    pub phone: String,
}

impl ProfileInput {
    pub fn from_profile(p: &BusinessProfile) -> Self {
        Self {
            name: p.name.clone(),
            tax_id: p.tax_id.clone(),
            address: AddressInput::from_address(&p.address),
            email: p.email.clone(),
            phone: p.phone.clone(),
        }
    }

    /// The profile the form describes (the business name is required), or every problem.
    pub fn build(
        &self,
        old: &BusinessProfile,
        now: Stamp,
        today: NaiveDate,
    ) -> Result<BusinessProfile, Invalid> {
        let mut p = Parse::default();
        if self.name.trim().is_empty() {
            p.fail("name", Rule::Required);
        }
        let profile = BusinessProfile {
            name: self.name.trim().to_string(),
            tax_id: self.tax_id.trim().to_string(),
            address: self.address.build(),
            logo_data_url: old.logo_data_url.clone(),
            email: self.email.trim().to_string(),
            phone: self.phone.trim().to_string(),
            updated_at: Some(now),
        };
        p.finish(Some(old), Some(profile), today)
    }
}

/// The payment form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentInput {
    pub date: NaiveDate,
    pub amount: String,
    pub method_id: Option<Id>,
    pub note: String,
}

impl PaymentInput {
    /// The payment of `invoice_id` the form describes (in the invoice's `currency`, whose
    /// minor unit bounds its decimals), or every problem: not a number, not more than zero,
    /// dated after `today`.
    pub fn build(
        &self,
        id: Id,
        invoice_id: Id,
        currency: &str,
        now: Stamp,
        today: NaiveDate,
    ) -> Result<Payment, Invalid> {
        let mut p = Parse::default();
        let amount = p.amount("amount", &self.amount);
        if let (Some(a), Some(units)) = (amount, money::minor_units(currency)) {
            if let Err(e) = money::check_decimals("amount", a, units) {
                p.fail("amount", Rule::Money(e));
            }
        }
        let built = amount.map(|amount| Payment {
            id,
            invoice_id,
            date: self.date,
            amount,
            method_id: self.method_id.clone(),
            note: self.note.trim().to_string(),
            early_discount: None,
            voided: None,
            closed_steps: Vec::new(),
            updated_at: now,
        });
        p.finish(None, built, today)
    }
}

/// The defaults of new documents and the language of the business data (Settings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DefaultsInput {
    pub currency: String,
    pub payment_terms_days: String,
    /// A VAT rate as typed (the form offers the usual ones).
    pub vat: String,
    /// Empty: no withholding.
    pub withholding_pct: String,
    pub language: Lang,
}

impl DefaultsInput {
    pub fn from_settings(s: &AppSettings, lang: Lang) -> Self {
        Self {
            currency: s.default_currency.clone(),
            payment_terms_days: s.default_payment_terms_days.to_string(),
            vat: match &s.default_vat {
                VatRate::Rate(r) => crate::locale::decimal_trimmed(*r, 4, lang),
                VatRate::Exempt(_) => "0".into(),
            },
            withholding_pct: crate::locale::decimal_trimmed(s.default_withholding_pct, 4, lang),
            language: s.language,
        }
    }

    /// `current` with these defaults (what other sections saved is kept), or every problem.
    pub fn build(&self, current: &AppSettings, now: Stamp, today: NaiveDate) -> Result<AppSettings, Invalid> {
        let mut p = Parse::default();
        let currency = p.currency("default_currency", &self.currency);
        let terms = p.days("default_payment_terms_days", &self.payment_terms_days);
        let vat = p.amount("default_vat", &self.vat);
        let withholding = if self.withholding_pct.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            p.amount("default_withholding_pct", &self.withholding_pct)
        };
        // A value that is not one keeps the current one, so the others are still checked.
        let built = Some(AppSettings {
            language: self.language,
            default_currency: currency.unwrap_or_else(|| current.default_currency.clone()),
            default_payment_terms_days: terms.unwrap_or(current.default_payment_terms_days),
            default_vat: vat.map_or_else(|| current.default_vat.clone(), |v| VatRate::Rate(v.normalize())),
            default_withholding_pct: withholding.unwrap_or(current.default_withholding_pct),
            updated_at: Some(now),
            ..current.clone()
        });
        p.finish(Some(current), built, today)
    }
}

/// The collection policy's offsets (Settings), each a whole number of days; the reminders
/// after the due date a list ("7, 15, 30"), one field: its problems are at
/// `policy.reminders_after_due`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicyInput {
    pub receipt_check_after_send: String,
    pub pre_due_before_due: String,
    pub due_day_reminder: bool,
    pub reminders_after_due: String,
    pub formal_letter_after_due: String,
    pub escalation_after_due: String,
    pub promise_check_after: String,
    pub shift_weekends_to_monday: bool,
}

const REMINDERS: &str = "policy.reminders_after_due";

impl PolicyInput {
    pub fn from_policy(p: &CollectionPolicy) -> Self {
        let list: Vec<String> = p.reminders_after_due.iter().map(ToString::to_string).collect();
        Self {
            receipt_check_after_send: p.receipt_check_after_send.to_string(),
            pre_due_before_due: p.pre_due_before_due.to_string(),
            due_day_reminder: p.due_day_reminder,
            reminders_after_due: list.join(", "),
            formal_letter_after_due: p.formal_letter_after_due.to_string(),
            escalation_after_due: p.escalation_after_due.to_string(),
            promise_check_after: p.promise_check_after.to_string(),
            shift_weekends_to_monday: p.shift_weekends_to_monday,
        }
    }

    /// `current` with this policy (the rest of the policy and the settings kept), or every
    /// problem.
    pub fn build(&self, current: &AppSettings, now: Stamp, today: NaiveDate) -> Result<AppSettings, Invalid> {
        let mut p = Parse::default();
        let days =
            |p: &mut Parse, key: &str, input: &str| p.days(&format!("policy.{key}"), input).map(i64::from);
        let receipt = days(&mut p, "receipt_check_after_send", &self.receipt_check_after_send);
        let pre_due = days(&mut p, "pre_due_before_due", &self.pre_due_before_due);
        let letter = days(&mut p, "formal_letter_after_due", &self.formal_letter_after_due);
        let escalation = days(&mut p, "escalation_after_due", &self.escalation_after_due);
        let promise = days(&mut p, "promise_check_after", &self.promise_check_after);
        let mut reminders = Some(Vec::new());
        for part in self
            .reminders_after_due
            .split(',')
            .filter(|x| !x.trim().is_empty())
        {
            match (p.days(REMINDERS, part), reminders.as_mut()) {
                (Some(d), Some(list)) => list.push(i64::from(d)),
                _ => reminders = None,
            }
        }
        let built = match (receipt, pre_due, reminders, letter, escalation, promise) {
            (Some(r), Some(pd), Some(list), Some(l), Some(e), Some(pr)) => Some(AppSettings {
                policy: CollectionPolicy {
                    receipt_check_after_send: r,
                    pre_due_before_due: pd,
                    due_day_reminder: self.due_day_reminder,
                    reminders_after_due: list,
                    formal_letter_after_due: l,
                    escalation_after_due: e,
                    promise_check_after: pr,
                    shift_weekends_to_monday: self.shift_weekends_to_monday,
                    ..current.policy.clone()
                },
                updated_at: Some(now),
                ..current.clone()
            }),
            _ => None,
        };
        // The list is one field: a problem of its n-th day is said there.
        p.finish(Some(current), built, today).map_err(|Invalid(all)| {
            let mut out: Vec<FieldProblem> = Vec::with_capacity(all.len());
            for mut problem in all {
                if problem.path.starts_with(REMINDERS) {
                    problem.path = REMINDERS.to_string();
                }
                if !out.contains(&problem) {
                    out.push(problem);
                }
            }
            Invalid(out)
        })
    }
}

/// The numbering the first run sets up: the three usual series (invoice, credit note, quote),
/// the invoice one with the prefix typed and, where the numbering continues from another
/// tool, the next number of `year`. Problems at `prefix` and `next`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstSeriesInput {
    pub prefix: String,
    pub next: String,
}

impl Default for FirstSeriesInput {
    fn default() -> Self {
        Self {
            prefix: "F".into(),
            next: "1".into(),
        }
    }
}

impl FirstSeriesInput {
    /// The three series with `ids` (invoice, credit note, quote), or every problem.
    pub fn build(&self, ids: [Id; 3], year: i32, now: Stamp) -> Result<Vec<NumberingSeries>, Invalid> {
        let mut p = Parse::default();
        let next = match self.next.trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                p.fail("next", Rule::Series(SeriesEditError::BadNext));
                None
            }
        };
        let [invoice, credit, quote] = ids;
        let mut series = vec![
            NumberingSeries::default_for(DocKind::Invoice, invoice, now),
            NumberingSeries::default_for(DocKind::CreditNote, credit, now),
            NumberingSeries::default_for(DocKind::Quote, quote, now),
        ];
        let format = numbering::SeriesFormat {
            prefix: self.prefix.clone(),
            ..numbering::SeriesFormat::from(&series[0])
        };
        match numbering::edit_series(&series[0], &series, format, next.map(|n| (year, n)), now) {
            Ok(edited) => series[0] = edited,
            Err(e) => {
                let at = match e {
                    SeriesEditError::BadNext | SeriesEditError::NextLocked(_) => "next",
                    _ => "prefix",
                };
                if !p.problems.iter().any(|q| q.path == at) {
                    p.fail(at, Rule::Series(e));
                }
            }
        }
        if p.problems.is_empty() {
            Ok(series)
        } else {
            Err(Invalid(p.problems))
        }
    }
}

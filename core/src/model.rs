//! The records Cobro keeps: plain serde data, no behaviour beyond small accessors.
//!
//! Every record has a string `id` (a UUID made by the caller: the core has no
//! randomness) and an `updated_at` stamp (also given by the caller: the core has
//! no clock) so that a merge of two backups can keep the newer copy of a record.
//! Amounts are `Decimal` serialised as strings; dates are `NaiveDate`.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// Record identifier: a UUID string supplied by the caller.
pub type Id = String;

/// Instant a record was last changed, supplied by the caller.
pub type Stamp = DateTime<Utc>;

/// UI and reminder-text language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Es,
    En,
}

/// A postal address, kept as the parts an invoice prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(remote = "Self", default, deny_unknown_fields)]
pub struct Address {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub region: String,
    /// ISO 3166-1 alpha-2, e.g. "ES".
    pub country: String,
}

/// The freelancer's own identity, printed as the seller on every document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(remote = "Self", default, deny_unknown_fields)]
pub struct BusinessProfile {
    pub name: String,
    pub tax_id: String,
    pub address: Address,
    /// `data:image/...;base64,...`, so the backup carries the logo too.
    pub logo_data_url: Option<String>,
    pub email: String,
    pub phone: String,
    #[serde(default, deserialize_with = "crate::dates::opt_stamp")]
    pub updated_at: Option<Stamp>,
}

/// How a client can pay; several can be printed on one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", from = "strict::PaymentMethodKind")]
pub enum PaymentMethodKind {
    BankTransfer {
        iban: String,
        bic: String,
        holder: String,
        bank: String,
    },
    /// A card or payment-link page (Stripe, SumUp, the bank's TPV link…).
    CardLink {
        url: String,
    },
    PayPal {
        address: String,
    },
    /// Spanish instant mobile payment to a phone number.
    Bizum {
        phone: String,
    },
    Cash,
    DirectDebit {
        note: String,
    },
    Other {
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct PaymentMethod {
    pub id: Id,
    /// The user's own name for it ("BBVA account", "Stripe link").
    pub label: String,
    pub kind: PaymentMethodKind,
    /// Hidden from pickers, kept for the documents and payments that name it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// Which kind of document a numbering series numbers; each has its own series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Invoice,
    CreditNote,
    Quote,
}

/// A numbering series, e.g. prefix "F", year, "-", four digits: `F2026-0001`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct NumberingSeries {
    pub id: Id,
    pub kind: DocKind,
    pub prefix: String,
    /// Put the four-digit issue year after the prefix.
    pub include_year: bool,
    /// Text between the year (or prefix) and the counter.
    pub separator: String,
    /// Zero-padded width of the counter.
    pub padding: u8,
    /// Counter starts again at 1 each calendar year (Spanish practice).
    pub yearly_reset: bool,
    /// Last counter used, per year (key 0 when `yearly_reset` is off).
    /// Keys are strings in JSON ("2026"), so the map stays valid JSON.
    pub last: std::collections::BTreeMap<i32, u32>,
    /// Counters already used before this app, per key like `last`: numbering
    /// that continues from another tool (the last invoice there was 0042), so
    /// numbers 1..=n are not gaps. Absent from files when empty.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub carried_over: std::collections::BTreeMap<i32, u32>,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// Payment-chasing offsets in days; every one configurable, per client too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", default, deny_unknown_fields)]
pub struct CollectionPolicy {
    /// Receipt check this many days after sending (default 1).
    pub receipt_check_after_send: i64,
    /// Pre-due contact this many days before the due date (default 14).
    pub pre_due_before_due: i64,
    /// A reminder on the due day itself.
    pub due_day_reminder: bool,
    /// Reminders this many days after the due date (default 7 and 21).
    pub reminders_after_due: Vec<i64>,
    /// Formal collection letter after the due date (default 45).
    pub formal_letter_after_due: i64,
    /// Escalation (payment plan or legal) after the due date (default 60).
    pub escalation_after_due: i64,
    /// A promise to pay schedules a check this many days after the promised date (default 1).
    pub promise_check_after: i64,
    /// Move steps that fall on Saturday or Sunday to the next Monday.
    pub shift_weekends_to_monday: bool,
    /// An issued invoice not yet marked sent is itself a task: "send it" this many days after
    /// the issue date (default 1). Absent from files at its default, as every field below, so
    /// that a file written before these fields existed is written back unchanged.
    #[serde(skip_serializing_if = "is_one")]
    pub send_after_issue: i64,
    /// After the policy's last step, contact again every this many days until the invoice is
    /// paid or closed (default 30).
    #[serde(skip_serializing_if = "is_thirty")]
    pub recontact_every: i64,
    /// An open dispute is reviewed this many days after it opened (default 14)…
    #[serde(skip_serializing_if = "is_fourteen")]
    pub dispute_review_after: i64,
    /// …and then every this many days after the last review (default 14).
    #[serde(skip_serializing_if = "is_fourteen")]
    pub dispute_review_every: i64,
    /// The formal letter claims the statutory late-payment interest and the 40 EUR
    /// compensation (Ley 3/2004), which apply between businesses: on by default; a consumer
    /// client's own policy turns it off.
    #[serde(skip_serializing_if = "is_true")]
    pub late_payment_claim: bool,
}

fn is_one(n: &i64) -> bool {
    *n == 1
}

fn is_thirty(n: &i64) -> bool {
    *n == 30
}

fn is_fourteen(n: &i64) -> bool {
    *n == 14
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Default for CollectionPolicy {
    fn default() -> Self {
        Self {
            receipt_check_after_send: 1,
            pre_due_before_due: 14,
            due_day_reminder: true,
            reminders_after_due: vec![7, 21],
            formal_letter_after_due: 45,
            escalation_after_due: 60,
            promise_check_after: 1,
            shift_weekends_to_monday: false,
            send_after_issue: 1,
            recontact_every: 30,
            dispute_review_after: 14,
            dispute_review_every: 14,
            late_payment_claim: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Client {
    pub id: Id,
    pub legal_name: String,
    pub tax_id: String,
    pub address: Address,
    /// Accounts-payable contact: the person who confirms receipt and pays.
    pub ap_contact_name: String,
    pub ap_contact_email: String,
    pub ap_contact_phone: String,
    /// What the client asked for (portal, email, reference to quote…), shown when invoicing.
    pub billing_instructions: String,
    /// Issuing an invoice without a PO number is refused for this client.
    pub po_required: bool,
    pub payment_terms_days: u32,
    pub preferred_payment_method_ids: Vec<Id>,
    /// ISO 4217 code.
    pub currency: String,
    pub language: Lang,
    pub credit_limit: Option<Decimal>,
    pub notes: String,
    /// Replaces the app-wide policy for this client's invoices.
    pub policy_override: Option<CollectionPolicy>,
    /// Hidden from pickers, kept for the documents that name it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// VAT treatment of a line: a percentage (21, 10, 4, 0, or any) or exempt with the legal reason.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VatRate {
    Rate(Decimal),
    Exempt(String),
}

/// A reusable priced item for the line editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct CatalogItem {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub unit_price: Decimal,
    pub vat: VatRate,
    /// Hidden from the line editor's picker, kept for the lines that name it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// One line of a quote, invoice or credit note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Line {
    pub item_id: Option<Id>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    /// Line discount in percent (0–100).
    pub discount_pct: Decimal,
    pub vat: VatRate,
}

/// "3 % if paid within 10 days of the invoice date."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct EarlyPaymentTerms {
    pub discount_pct: Decimal,
    pub within_days: u32,
}

/// How a contact (or the sending of a document) happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Phone,
    Letter,
    Meeting,
    Portal,
    Other,
}

/// The invoice was sent: when and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Sending {
    #[serde(deserialize_with = "crate::dates::date")]
    pub date: NaiveDate,
    pub channel: Channel,
}

/// The client's AP confirmed they have the invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Receipt {
    #[serde(deserialize_with = "crate::dates::date")]
    pub date: NaiveDate,
    pub confirmed_by: String,
    pub channel: Channel,
}

/// An open or resolved disagreement that pauses the follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Dispute {
    #[serde(deserialize_with = "crate::dates::date")]
    pub opened: NaiveDate,
    pub reason: String,
    #[serde(default, deserialize_with = "crate::dates::opt_date")]
    pub resolved: Option<NaiveDate>,
}

/// An invoice. Its state is derived from these facts (see `lifecycle`), never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Invoice {
    pub id: Id,
    pub series_id: Id,
    /// Assigned when issued; `None` means draft.
    pub number: Option<String>,
    pub client_id: Id,
    pub po_number: String,
    #[serde(deserialize_with = "crate::dates::date")]
    pub issue_date: NaiveDate,
    #[serde(default, deserialize_with = "crate::dates::opt_date")]
    pub delivery_date: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::dates::date")]
    pub due_date: NaiveDate,
    pub currency: String,
    pub lines: Vec<Line>,
    /// Income-tax withholding (IRPF) in percent of the taxable base, subtracted.
    pub withholding_pct: Decimal,
    /// Discount on the whole invoice, in percent, applied to the line bases.
    pub invoice_discount_pct: Decimal,
    pub early_payment: Option<EarlyPaymentTerms>,
    pub payment_method_ids: Vec<Id>,
    pub notes: String,
    pub quote_id: Option<Id>,
    pub sent: Option<Sending>,
    pub receipt: Option<Receipt>,
    /// Disputes, oldest first; the last one unresolved pauses the follow-up.
    pub disputes: Vec<Dispute>,
    /// The credit note that cancelled it in full.
    pub cancelled_by: Option<Id>,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// A corrective invoice (factura rectificativa): amounts are positive and
/// reduce what the referenced invoice is owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct CreditNote {
    pub id: Id,
    pub series_id: Id,
    pub number: Option<String>,
    pub invoice_id: Id,
    pub client_id: Id,
    #[serde(deserialize_with = "crate::dates::date")]
    pub issue_date: NaiveDate,
    pub reason: String,
    pub currency: String,
    pub lines: Vec<Line>,
    pub withholding_pct: Decimal,
    pub invoice_discount_pct: Decimal,
    /// True when it cancels the whole invoice.
    pub full_cancellation: bool,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", from = "strict::QuoteState")]
pub enum QuoteState {
    Draft,
    Sent { date: NaiveDate },
    Accepted { date: NaiveDate },
    Rejected { date: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Quote {
    pub id: Id,
    pub series_id: Id,
    pub number: Option<String>,
    pub client_id: Id,
    pub po_number: String,
    #[serde(deserialize_with = "crate::dates::date")]
    pub issue_date: NaiveDate,
    #[serde(default, deserialize_with = "crate::dates::opt_date")]
    pub valid_until: Option<NaiveDate>,
    pub currency: String,
    pub lines: Vec<Line>,
    pub withholding_pct: Decimal,
    pub invoice_discount_pct: Decimal,
    pub notes: String,
    /// How the client may pay, carried to the invoice the quote becomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_method_ids: Vec<Id>,
    /// The early-payment discount offered, carried to the invoice too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_payment: Option<EarlyPaymentTerms>,
    pub state: QuoteState,
    /// The invoice draft made from it once accepted.
    pub invoice_id: Option<Id>,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// Money received against one invoice (partial payments are several of these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Payment {
    pub id: Id,
    pub invoice_id: Id,
    #[serde(deserialize_with = "crate::dates::date")]
    pub date: NaiveDate,
    pub amount: Decimal,
    pub method_id: Option<Id>,
    pub note: String,
    /// The early-payment discount this payment settled the invoice with (see
    /// [`crate::corrections`]): the books show where the difference went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_discount: Option<EarlyDiscountTaken>,
    /// The follow-up steps this payment closed by settling the invoice, so that voiding it
    /// reopens exactly those.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_steps: Vec<Id>,
    /// Set when the payment was taken back: it stays on file and counts nowhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<PaymentVoid>,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

impl Payment {
    /// Whether it counts towards balances, reports and exports of money received (not voided).
    #[inline(always)]
    pub fn counts(&self) -> bool {
        self.voided.is_none()
    }
}

/// The early-payment discount a payment was taken with: the amount and the rule it followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct EarlyDiscountTaken {
    pub amount: Decimal,
    /// The invoice's terms when it was taken: this percentage…
    pub discount_pct: Decimal,
    /// …if paid within this many days of the invoice date.
    pub within_days: u32,
}

/// Why and when a payment was taken back. A void is never undone; a correction is a void
/// whose `replaced_by` names the payment recorded in its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct PaymentVoid {
    #[serde(deserialize_with = "crate::dates::date")]
    pub date: NaiveDate,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<Id>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What came of a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", from = "strict::Outcome")]
pub enum Outcome {
    NoAnswer,
    ConfirmedReceipt,
    PromisedToPay {
        date: NaiveDate,
    },
    Disputed {
        reason: String,
    },
    Paid,
    Other,
    /// Closing fact: the debt was given up as uncollectable (the entry's date and note say
    /// when and why). The follow-up ends and the amount is reported apart.
    WrittenOff,
    /// Closing fact: the debt was handed to a lawyer or a collection agency (the note says
    /// to whom). The follow-up ends here; the amount is still owed.
    HandedToLegal,
    /// The follow-up of a closed invoice starts again (a closing fact was a mistake, or the
    /// agency gave it back).
    Reopened,
}

/// One logged contact with a client, usually about one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct ContactEntry {
    pub id: Id,
    pub client_id: Id,
    pub invoice_id: Option<Id>,
    /// The follow-up step this contact answered, if any.
    pub step_id: Option<Id>,
    #[serde(deserialize_with = "crate::dates::date")]
    pub date: NaiveDate,
    pub channel: Channel,
    /// Who was spoken to.
    pub who: String,
    pub outcome: Outcome,
    pub note: String,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// Why a follow-up step exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    ReceiptCheck,
    PreDue,
    DueDay,
    Reminder,
    FormalLetter,
    Escalation,
    PromiseCheck,
    /// An issued invoice not yet marked sent: send it (DOMAIN practice 1).
    SendInvoice,
    /// After the policy's last step: contact again, every `recontact_every` days.
    Recontact,
    /// An open dispute: review where it stands, every `dispute_review_every` days.
    DisputeReview,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", from = "strict::StepState")]
pub enum StepState {
    Open,
    Done {
        date: NaiveDate,
    },
    Skipped {
        reason: String,
    },
    /// Replaced by a later fact (paid, re-sent, a promise moved it, a more advanced step of
    /// the same invoice was done, the follow-up was closed).
    Superseded,
}

/// One planned contact about one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct FollowUpStep {
    pub id: Id,
    pub invoice_id: Id,
    pub kind: StepKind,
    #[serde(deserialize_with = "crate::dates::date")]
    pub due: NaiveDate,
    pub channel: Channel,
    pub state: StepState,
    /// Set when the user snoozed it; `due` is then the snoozed date.
    #[serde(default, deserialize_with = "crate::dates::opt_date")]
    pub snoozed_from: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// How often a recurring invoice is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Repeat {
    /// Every this many weeks, on the start's weekday.
    Weeks(u32),
    /// Every this many months, on a day of the month.
    Months(MonthlyRule),
}

/// "Every 3 months on the last day": the month rule of a [`Repeat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct MonthlyRule {
    pub every: u32,
    pub on: MonthDay,
}

/// Which day of the month a monthly schedule falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MonthDay {
    /// This day (1–31); a shorter month uses its last day (the 31st is the 30th in April and
    /// the 28th or 29th in February), and the next month goes back to the day itself.
    Day(u8),
    /// The month's last day, whatever its length.
    Last,
}

/// When a schedule stops making invoices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ScheduleEnd {
    Never,
    /// After this many invoices in all.
    After(u32),
    /// No invoice dated after this day.
    On(#[serde(deserialize_with = "crate::dates::date")] NaiveDate),
}

/// Which stretch of time an invoice of a schedule bills, for the placeholders of its texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Covers {
    /// In advance: the period that starts with the invoice (March's invoice on 1 March).
    #[default]
    Advance,
    /// In arrears: the period that ended by the invoice (March's invoice on 31 March or 1 April).
    Arrears,
}

/// A recurring invoice (a retainer, a subscription): the invoice to make and when. Each date it
/// falls on makes one draft (see `recurring`), whose id is derived from the schedule's id and
/// the date, so no period is ever made twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct RecurringSchedule {
    pub id: Id,
    /// The user's own name for it ("Mantenimiento web Acme").
    pub name: String,
    pub client_id: Id,
    /// The invoice series its drafts are numbered in when issued.
    pub series_id: Id,
    pub po_number: String,
    pub currency: String,
    /// The invoice's lines; descriptions may hold period placeholders (`{mes}`, `{desde}`…).
    pub lines: Vec<Line>,
    pub withholding_pct: Decimal,
    pub invoice_discount_pct: Decimal,
    pub early_payment: Option<EarlyPaymentTerms>,
    pub payment_method_ids: Vec<Id>,
    /// Printed on each invoice; may hold period placeholders too.
    pub notes: String,
    pub repeat: Repeat,
    /// The first invoice is on this day or the first day after it that the rule falls on.
    #[serde(deserialize_with = "crate::dates::date")]
    pub start: NaiveDate,
    pub end: ScheduleEnd,
    pub covers: Covers,
    /// Paused: nothing is made, and the dates passed while paused are skipped for good.
    pub paused: bool,
    /// Issue its drafts as soon as they are made, when Cobro opens (off: they wait for review).
    pub issue_on_open: bool,
    /// Invoices made so far (what [`ScheduleEnd::After`] counts).
    pub made: u32,
    /// Every date up to and including this one is dealt with (made, or skipped by a pause or
    /// an edit): the cursor that keeps a period from being made twice.
    #[serde(default, deserialize_with = "crate::dates::opt_date")]
    pub done_through: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::dates::stamp")]
    pub updated_at: Stamp,
}

/// App-wide preferences and defaults that belong with the business data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", default, deny_unknown_fields)]
pub struct AppSettings {
    pub language: Lang,
    pub default_currency: String,
    pub default_payment_terms_days: u32,
    pub default_vat: VatRate,
    pub default_withholding_pct: Decimal,
    pub policy: CollectionPolicy,
    pub invoice_series_id: Option<Id>,
    pub credit_note_series_id: Option<Id>,
    pub quote_series_id: Option<Id>,
    /// Warn when the last export is older than this many days.
    pub backup_reminder_days: u32,
    /// …or after this many invoices issued since it.
    pub backup_reminder_invoices: u32,
    #[serde(default, deserialize_with = "crate::dates::opt_stamp")]
    pub last_export_at: Option<Stamp>,
    #[serde(default, deserialize_with = "crate::dates::opt_stamp")]
    pub updated_at: Option<Stamp>,
    /// Billing-system law (VERI*FACTU): producer data, and in a backup file the billing
    /// records and events (storage keeps those apart). Absent from files when empty.
    #[serde(default, skip_serializing_if = "crate::verifactu::Settings::is_default")]
    pub verifactu: crate::verifactu::Settings,
    /// The user's own legal late-payment rates, over the ones Cobro ships
    /// (`late_interest::PUBLISHED`): a semester listed here replaces the shipped one. Absent
    /// from files when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub late_interest_rates: Vec<SemesterRate>,
}

/// The legal late-payment rate for commercial transactions in one calendar half-year (the
/// ECB's main refinancing rate before it began, plus 8 points), as the BOE publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct SemesterRate {
    pub year: i32,
    /// 1: January–June; 2: July–December.
    pub half: u8,
    /// Percent per year, e.g. 10.15.
    pub rate_pct: Decimal,
    /// Where it was published ("BOE-A-2025-27201"), or the user's note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            language: Lang::Es,
            default_currency: "EUR".into(),
            default_payment_terms_days: 30,
            default_vat: VatRate::Rate(Decimal::from(21)),
            default_withholding_pct: Decimal::ZERO,
            policy: CollectionPolicy::default(),
            invoice_series_id: None,
            credit_note_series_id: None,
            quote_series_id: None,
            backup_reminder_days: 7,
            backup_reminder_invoices: 10,
            last_export_at: None,
            updated_at: None,
            verifactu: crate::verifactu::Settings::default(),
            late_interest_rates: Vec::new(),
        }
    }
}

/// Everything the app stores: what a backup carries and what storage holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Dataset {
    pub profile: BusinessProfile,
    pub settings: AppSettings,
    pub payment_methods: Vec<PaymentMethod>,
    pub series: Vec<NumberingSeries>,
    pub clients: Vec<Client>,
    pub items: Vec<CatalogItem>,
    pub quotes: Vec<Quote>,
    pub invoices: Vec<Invoice>,
    pub credit_notes: Vec<CreditNote>,
    pub payments: Vec<Payment>,
    pub contacts: Vec<ContactEntry>,
    pub steps: Vec<FollowUpStep>,
    /// Recurring-invoice schedules. Left out of a file when there are none, so data without
    /// them is written exactly as before they existed (and older versions of Cobro read it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recurring: Vec<RecurringSchedule>,
}

/// How the internally tagged enums are read. serde's `deny_unknown_fields` does not reach the
/// unit variants of an internally tagged enum (`{"state":"open","x":1}` would read as `Open`,
/// silently dropping `x`), so each is read through a twin whose unit variants are empty struct
/// variants, where it does. Reading a record then refuses anything it would not write back,
/// which lets a backup be trusted without writing every record back to compare.
mod strict {
    use chrono::NaiveDate;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
    pub(super) enum PaymentMethodKind {
        BankTransfer {
            iban: String,
            bic: String,
            holder: String,
            bank: String,
        },
        CardLink {
            url: String,
        },
        PayPal {
            address: String,
        },
        Bizum {
            phone: String,
        },
        Cash {},
        DirectDebit {
            note: String,
        },
        Other {
            text: String,
        },
    }

    impl From<PaymentMethodKind> for super::PaymentMethodKind {
        fn from(k: PaymentMethodKind) -> Self {
            match k {
                PaymentMethodKind::BankTransfer {
                    iban,
                    bic,
                    holder,
                    bank,
                } => Self::BankTransfer {
                    iban,
                    bic,
                    holder,
                    bank,
                },
                PaymentMethodKind::CardLink { url } => Self::CardLink { url },
                PaymentMethodKind::PayPal { address } => Self::PayPal { address },
                PaymentMethodKind::Bizum { phone } => Self::Bizum { phone },
                PaymentMethodKind::Cash {} => Self::Cash,
                PaymentMethodKind::DirectDebit { note } => Self::DirectDebit { note },
                PaymentMethodKind::Other { text } => Self::Other { text },
            }
        }
    }

    #[derive(Deserialize)]
    #[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
    pub(super) enum QuoteState {
        Draft {},
        Sent {
            #[serde(deserialize_with = "crate::dates::date")]
            date: NaiveDate,
        },
        Accepted {
            #[serde(deserialize_with = "crate::dates::date")]
            date: NaiveDate,
        },
        Rejected {
            #[serde(deserialize_with = "crate::dates::date")]
            date: NaiveDate,
        },
    }

    impl From<QuoteState> for super::QuoteState {
        fn from(s: QuoteState) -> Self {
            match s {
                QuoteState::Draft {} => Self::Draft,
                QuoteState::Sent { date } => Self::Sent { date },
                QuoteState::Accepted { date } => Self::Accepted { date },
                QuoteState::Rejected { date } => Self::Rejected { date },
            }
        }
    }

    #[derive(Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
    pub(super) enum Outcome {
        NoAnswer {},
        ConfirmedReceipt {},
        PromisedToPay {
            #[serde(deserialize_with = "crate::dates::date")]
            date: NaiveDate,
        },
        Disputed {
            reason: String,
        },
        Paid {},
        Other {},
        WrittenOff {},
        HandedToLegal {},
        Reopened {},
    }

    impl From<Outcome> for super::Outcome {
        fn from(o: Outcome) -> Self {
            match o {
                Outcome::NoAnswer {} => Self::NoAnswer,
                Outcome::ConfirmedReceipt {} => Self::ConfirmedReceipt,
                Outcome::PromisedToPay { date } => Self::PromisedToPay { date },
                Outcome::Disputed { reason } => Self::Disputed { reason },
                Outcome::Paid {} => Self::Paid,
                Outcome::Other {} => Self::Other,
                Outcome::WrittenOff {} => Self::WrittenOff,
                Outcome::HandedToLegal {} => Self::HandedToLegal,
                Outcome::Reopened {} => Self::Reopened,
            }
        }
    }

    #[derive(Deserialize)]
    #[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
    pub(super) enum StepState {
        Open {},
        Done {
            #[serde(deserialize_with = "crate::dates::date")]
            date: NaiveDate,
        },
        Skipped {
            reason: String,
        },
        Superseded {},
    }

    impl From<StepState> for super::StepState {
        fn from(s: StepState) -> Self {
            match s {
                StepState::Open {} => Self::Open,
                StepState::Done { date } => Self::Done { date },
                StepState::Skipped { reason } => Self::Skipped { reason },
                StepState::Superseded {} => Self::Superseded,
            }
        }
    }
}

/// A struct read only from a JSON object. serde would also read a struct from a list of its
/// fields in order, which Cobro never writes; each record type reads through this, so that a
/// record that reads is one it would write back (see [`strict`] for the tagged enums).
/// Only the struct's own level goes through it: its fields are read as usual, each struct
/// among them guarding its own level the same way.
struct ObjectOnly<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The serde traits of the structs, through their derived code (`remote = "Self"` makes it
/// an inherent function) with reading through [`ObjectOnly`].
macro_rules! object_only {
    ($($ty:ty),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$ty>::deserialize(ObjectOnly(deserializer))
            }
        }

        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, serializer)
            }
        }
    )*};
}

object_only!(
    Address,
    BusinessProfile,
    PaymentMethod,
    NumberingSeries,
    CollectionPolicy,
    Client,
    CatalogItem,
    Line,
    EarlyPaymentTerms,
    Sending,
    Receipt,
    Dispute,
    Invoice,
    CreditNote,
    Quote,
    Payment,
    EarlyDiscountTaken,
    PaymentVoid,
    ContactEntry,
    FollowUpStep,
    MonthlyRule,
    RecurringSchedule,
    AppSettings,
    SemesterRate,
    Dataset,
);

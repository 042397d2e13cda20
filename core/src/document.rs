//! What every document the business sends shows, in the client's language: the invoice, the
//! credit note (factura rectificativa), the quote, and (built by the collections work) the
//! formal collection letter. One [`DocumentView`] per document, every text and figure
//! already written out, so one component renders all of them, screen and print alike, and
//! what a client reads is tested here.
//!
//! The legal content of each kind (Spain, RD 1619/2012): an invoice names seller and buyer
//! with their tax ids, its number, date, the date of the operation when it differs, each
//! line with its price and discount, the base and tax per VAT rate (an exemption with its
//! legal ground), withholding and total; a credit note also names the invoice it corrects
//! (number and date), the reason, and the amounts corrected; a quote its validity.

use crate::lifecycle;
use crate::locale;
use crate::model::{
    Address, BusinessProfile, Client, CreditNote, Dataset, Invoice, Lang, Line, PaymentMethod,
    PaymentMethodKind, Quote, VatRate,
};
use crate::money::{self, MoneyError};
use crate::payment_info::{self, NoQrReason, TransferQr};
use crate::tax::{self, Totals};
use crate::verifactu;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Which document it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    Invoice,
    CreditNote,
    Quote,
    /// The formal collection letter: its content comes from the collections rules.
    Letter,
}

impl DocumentKind {
    /// A stable name for styling and tests: `invoice`, `credit-note`, `quote`, `letter`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::CreditNote => "credit-note",
            Self::Quote => "quote",
            Self::Letter => "letter",
        }
    }
}

/// A seller or a buyer as printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Party {
    /// "Emisor", "Cliente"…
    pub heading: String,
    pub name: String,
    /// "NIF: B12345678" (empty when there is no tax id).
    pub tax_id: String,
    /// Street, postal code and city, region, country: the lines that are not empty.
    pub address: Vec<String>,
    /// Email and phone, when known.
    pub contact: Vec<String>,
    /// The business logo, only ever an inline image (a `data:` URL).
    pub logo: Option<String>,
}

/// A labelled fact of the heading: a date, the PO, the invoice corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaItem {
    /// Stable name for tests and styling: `issue`, `due`, `po`, `delivery`, `valid-until`,
    /// `corrects`.
    pub key: &'static str,
    pub label: String,
    pub value: String,
}

/// A column of the document's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Stable name for tests and styling: `description`, `quantity`, `price`, `discount`,
    /// `vat`, `amount`; a letter's `invoice`, `issued`, `due`, `days-late`, `owed`,
    /// `interest`, `compensation`.
    pub key: &'static str,
    pub label: String,
    /// Figures: aligned right, never wrapped. Text columns wrap.
    pub numeric: bool,
}

/// A row of the table, and an optional note printed under it across the whole width (an
/// exemption's legal ground), so a long text never narrows the description column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// What the row stands for, for tests and links (a letter's row: the invoice's number).
    pub key: Option<String>,
    pub cells: Vec<String>,
    pub note: Option<String>,
}

/// The lines of an invoice, credit note or quote; the invoices a letter claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

/// Which figure a row of the totals is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TotalKind {
    Gross,
    Discount,
    Base,
    Vat,
    Withholding,
    /// A figure of a letter (interest, compensation) or of the corrected amounts.
    Other,
    Total,
}

/// One figure of the totals, signed as the document prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalRow {
    pub kind: TotalKind,
    pub label: String,
    /// Written out in the document's language and currency: "−84,00 €".
    pub amount: String,
    /// The same figure as a number (what tests and data attributes read).
    pub value: Decimal,
}

/// A block of text with an optional heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Stable name: `terms`, `early`, `correction`, `reason`, `acceptance`, `body`…
    pub key: &'static str,
    pub heading: Option<String>,
    pub paragraphs: Vec<String>,
}

/// How to pay, as printed: every method, the reference to quote, the SEPA QR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentBlock {
    pub heading: String,
    pub methods: Vec<String>,
    /// ("Indique como referencia", "F2026-0001").
    pub reference: Option<(String, String)>,
    /// An invoice's transfer QR code (EPC069-12, for what is still owed) or why it has
    /// none; `None` for documents that never carry one (a quote).
    pub transfer: Option<TransferQr>,
    /// What a screen reader says of the QR code.
    pub qr_label: String,
}

impl PaymentBlock {
    /// The EPC069-12 text the transfer QR code encodes, when there is one.
    pub fn epc_payload(&self) -> Option<&str> {
        match &self.transfer {
            Some(TransferQr::Qr { payload, .. }) => Some(payload),
            _ => None,
        }
    }

    /// Why an invoice has no transfer QR code (said on screen, never printed).
    pub fn no_qr(&self) -> Option<&NoQrReason> {
        match &self.transfer {
            Some(TransferQr::NoQr(why)) => Some(why),
            _ => None,
        }
    }
}

/// The tax QR the billing-system law (VERI*FACTU) asks for first on the first page of
/// invoices and credit notes: the AEAT's verification URL (`verifactu::qr`). Drafts and a
/// business without a Spanish NIF have none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// What the QR code encodes.
    pub url: String,
}

/// Everything one document prints, in its own language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentView {
    pub kind: DocumentKind,
    /// The client's language (the document is written for them).
    pub lang: Lang,
    /// "Factura", "Factura rectificativa", "Presupuesto"…
    pub title: String,
    /// The number, or "Borrador" / "Draft" while it has none.
    pub number: String,
    /// False for a draft (no number yet).
    pub numbered: bool,
    pub seller: Party,
    pub buyer: Party,
    pub meta: Vec<MetaItem>,
    pub verification: Option<Verification>,
    /// Before the table: what a credit note corrects and why; the body of a letter.
    pub intro: Vec<Section>,
    pub table: Option<Table>,
    pub totals: Vec<TotalRow>,
    pub currency: String,
    /// After the totals: the corrected amounts, payment terms, the early-payment offer, the
    /// quote's acceptance.
    pub sections: Vec<Section>,
    pub payment: Option<PaymentBlock>,
    pub notes: Option<String>,
    /// Why the figures cannot be shown (a record the app could not compute), in words.
    pub problem: Option<String>,
}

impl DocumentView {
    /// The grand total as printed (signed), if the document has one.
    pub fn total(&self) -> Option<Decimal> {
        self.totals
            .iter()
            .find(|r| r.kind == TotalKind::Total)
            .map(|r| r.value)
    }

    /// Every text of the document, in reading order: what a PDF of it must contain.
    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![self.title.clone(), self.number.clone()];
        for p in [&self.seller, &self.buyer] {
            out.push(p.name.clone());
            out.push(p.tax_id.clone());
        }
        out.extend(self.meta.iter().map(|m| m.value.clone()));
        let sections = self.intro.iter().chain(&self.sections);
        out.extend(sections.flat_map(|s| s.paragraphs.iter().cloned()));
        if let Some(t) = &self.table {
            out.extend(t.rows.iter().flat_map(|r| r.cells.iter().cloned()));
        }
        out.extend(self.totals.iter().map(|r| r.amount.clone()));
        out.retain(|s| !s.is_empty());
        out
    }
}

/// The words of the documents in one language.
struct Words {
    invoice: &'static str,
    credit_note: &'static str,
    quote: &'static str,
    draft: &'static str,
    seller: &'static str,
    buyer: &'static str,
    tax_id: &'static str,
    issue_date: &'static str,
    operation_date: &'static str,
    due_date: &'static str,
    po: &'static str,
    valid_until: &'static str,
    corrects: &'static str,
    reason: &'static str,
    description: &'static str,
    quantity: &'static str,
    unit_price: &'static str,
    discount_pct: &'static str,
    vat: &'static str,
    amount: &'static str,
    exempt: &'static str,
    exempt_note: &'static str,
    gross: &'static str,
    discount: &'static str,
    base: &'static str,
    vat_rate: &'static str,
    vat_exempt: &'static str,
    on: &'static str,
    withholding: &'static str,
    total: &'static str,
    terms: &'static str,
    payment: &'static str,
    reference: &'static str,
    qr_label: &'static str,
    bank_transfer: &'static str,
    holder: &'static str,
    card_link: &'static str,
    cash: &'static str,
    direct_debit: &'static str,
    correction: &'static str,
    invoice_total: &'static str,
    earlier: &'static str,
    this_note: &'static str,
    resulting: &'static str,
    full_cancellation: &'static str,
    acceptance: &'static str,
    acceptance_text: &'static str,
    amounts_problem: &'static str,
}

static ES: Words = Words {
    invoice: "Factura",
    credit_note: "Factura rectificativa",
    quote: "Presupuesto",
    draft: "Borrador",
    seller: "Emisor",
    buyer: "Cliente",
    tax_id: "NIF",
    issue_date: "Fecha de emisión",
    operation_date: "Fecha de la operación",
    due_date: "Vencimiento",
    po: "Pedido (PO)",
    valid_until: "Válido hasta",
    corrects: "Rectifica la factura",
    reason: "Motivo de la rectificación",
    description: "Descripción",
    quantity: "Cant.",
    unit_price: "Precio",
    discount_pct: "Dto.",
    vat: "IVA",
    amount: "Importe",
    exempt: "Exento",
    exempt_note: "Operación exenta de IVA",
    gross: "Suma de conceptos",
    discount: "Descuento",
    base: "Base imponible",
    vat_rate: "IVA",
    vat_exempt: "Exento de IVA",
    on: "sobre",
    withholding: "Retención IRPF",
    total: "Total",
    terms: "Condiciones de pago",
    payment: "Cómo pagar",
    reference: "Indique como referencia",
    qr_label: "Código QR para pagar por transferencia desde la app del banco",
    bank_transfer: "Transferencia bancaria",
    holder: "Titular",
    card_link: "Pago con tarjeta",
    cash: "Efectivo",
    direct_debit: "Domiciliación",
    correction: "Importes rectificados",
    invoice_total: "Total de la factura",
    earlier: "Rectificaciones anteriores",
    this_note: "Esta rectificación",
    resulting: "Total resultante",
    full_cancellation: "Anula la factura en su totalidad.",
    acceptance: "Aceptación",
    acceptance_text: "Conforme, el cliente (fecha, nombre y firma):",
    amounts_problem: "Los importes de este documento no se pueden calcular",
};

static EN: Words = Words {
    invoice: "Invoice",
    credit_note: "Credit note",
    quote: "Quote",
    draft: "Draft",
    seller: "From",
    buyer: "Bill to",
    tax_id: "Tax ID",
    issue_date: "Issue date",
    operation_date: "Date of supply",
    due_date: "Due date",
    po: "Purchase order",
    valid_until: "Valid until",
    corrects: "Corrects invoice",
    reason: "Reason for the correction",
    description: "Description",
    quantity: "Qty",
    unit_price: "Price",
    discount_pct: "Disc.",
    vat: "VAT",
    amount: "Amount",
    exempt: "Exempt",
    exempt_note: "VAT-exempt supply",
    gross: "Subtotal",
    discount: "Discount",
    base: "Taxable base",
    vat_rate: "VAT",
    vat_exempt: "VAT exempt",
    on: "on",
    withholding: "Income-tax withholding",
    total: "Total",
    terms: "Payment terms",
    payment: "How to pay",
    reference: "Please quote",
    qr_label: "QR code to pay by bank transfer from a banking app",
    bank_transfer: "Bank transfer",
    holder: "Account holder",
    card_link: "Card payment",
    cash: "Cash",
    direct_debit: "Direct debit",
    correction: "Corrected amounts",
    invoice_total: "Invoice total",
    earlier: "Earlier corrections",
    this_note: "This correction",
    resulting: "Resulting total",
    full_cancellation: "Cancels the invoice in full.",
    acceptance: "Acceptance",
    acceptance_text: "Accepted by the client (date, name and signature):",
    amounts_problem: "The amounts of this document cannot be computed",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

/// A quantity in the language's separators, no trailing zeros: `12,5`; negative with a true
/// minus sign (what a credit note takes back).
fn number(value: Decimal, lang: Lang) -> String {
    let text = locale::decimal_trimmed(value.abs(), money::QUANTITY_DECIMALS, lang);
    if value.is_sign_negative() && !value.is_zero() {
        format!("−{text}")
    } else {
        text
    }
}

/// A percentage: Spanish "21 %", English "21%".
fn percent(value: Decimal, lang: Lang) -> String {
    locale::percent(value, money::PERCENT_DECIMALS, lang)
}

/// An amount with its currency; negative amounts with a true minus sign.
fn amount(value: Decimal, currency: &str, lang: Lang) -> String {
    let text = money::format_amount(value.abs(), currency, lang);
    if value.is_sign_negative() && !value.is_zero() {
        format!("−{text}")
    } else {
        text
    }
}

fn address_lines(a: &Address) -> Vec<String> {
    let city = [a.postal_code.trim(), a.city.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [
        a.street.trim().to_string(),
        city,
        a.region.trim().to_string(),
        a.country.trim().to_string(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// A logo is drawn only from an inline PNG, JPEG or SVG (what Settings stores): one from an
/// imported backup could otherwise name another site, a request the app never makes.
pub fn is_inline_image(url: &str) -> bool {
    [
        "data:image/png;base64,",
        "data:image/jpeg;base64,",
        "data:image/svg+xml;base64,",
    ]
    .iter()
    .any(|p| url.starts_with(p))
}

fn tax_id_text(id: &str, w: &Words) -> String {
    if id.trim().is_empty() {
        String::new()
    } else {
        format!("{}: {}", w.tax_id, id.trim())
    }
}

/// The business as the seller of every document.
pub fn seller(profile: &BusinessProfile, lang: Lang) -> Party {
    let w = words(lang);
    Party {
        heading: w.seller.into(),
        name: profile.name.trim().into(),
        tax_id: tax_id_text(&profile.tax_id, w),
        address: address_lines(&profile.address),
        contact: [profile.email.trim(), profile.phone.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        logo: profile.logo_data_url.clone().filter(|u| is_inline_image(u)),
    }
}

/// The client as the buyer (empty when the record is missing).
pub fn buyer(client: Option<&Client>, lang: Lang) -> Party {
    let w = words(lang);
    let Some(c) = client else {
        return Party {
            heading: w.buyer.into(),
            ..Party::default()
        };
    };
    Party {
        heading: w.buyer.into(),
        name: c.legal_name.trim().into(),
        tax_id: tax_id_text(&c.tax_id, w),
        address: address_lines(&c.address),
        contact: Vec::new(),
        logo: None,
    }
}

/// The language a document for `client` is written in: the client's own, else `fallback`
/// (the interface's).
pub fn language(client: Option<&Client>, fallback: Lang) -> Lang {
    client.map_or(fallback, |c| c.language)
}

/// How to pay with one method, as a client reads it on a document.
pub fn method_text(m: &PaymentMethod, lang: Lang) -> String {
    let w = words(lang);
    match &m.kind {
        PaymentMethodKind::BankTransfer {
            iban,
            bic,
            holder,
            bank,
        } => {
            let mut s = format!(
                "{}: IBAN {}",
                w.bank_transfer,
                payment_info::format_iban_groups(iban)
            );
            if !bic.trim().is_empty() {
                s.push_str(&format!(" · BIC {}", bic.trim()));
            }
            if !holder.trim().is_empty() {
                s.push_str(&format!(" · {}: {}", w.holder, holder.trim()));
            }
            if !bank.trim().is_empty() {
                s.push_str(&format!(" · {}", bank.trim()));
            }
            s
        }
        PaymentMethodKind::CardLink { url } => format!("{}: {url}", w.card_link),
        PaymentMethodKind::PayPal { address } => format!("PayPal: {address}"),
        PaymentMethodKind::Bizum { phone } => format!("Bizum: {phone}"),
        PaymentMethodKind::Cash => w.cash.to_string(),
        PaymentMethodKind::DirectDebit { note } => format!("{}: {note}", w.direct_debit)
            .trim_end_matches([':', ' '])
            .to_string(),
        PaymentMethodKind::Other { text } => text.clone(),
    }
}

/// The methods a document prints: the ones it names, or every method when it names none.
pub fn methods_of<'a>(ids: &[String], all: &'a [PaymentMethod]) -> Vec<&'a PaymentMethod> {
    if ids.is_empty() {
        all.iter().collect()
    } else {
        ids.iter()
            .filter_map(|id| all.iter().find(|m| &m.id == id))
            .collect()
    }
}

/// The transfer QR code of an issued invoice (`payment_info::invoice_qr`): asking for what
/// its payments and credit notes leave owed, with the first printed bank transfer a bank can
/// pay; or why there is none.
pub fn transfer_qr(data: &Dataset, inv: &Invoice, methods: &[&PaymentMethod]) -> TransferQr {
    let payments: Vec<&crate::model::Payment> =
        data.payments.iter().filter(|p| p.invoice_id == inv.id).collect();
    let notes: Vec<&CreditNote> = data
        .credit_notes
        .iter()
        .filter(|c| c.invoice_id == inv.id)
        .collect();
    let balance = lifecycle::balance(inv, &payments, &notes);
    payment_info::invoice_qr(inv, balance.as_ref(), methods, &data.profile.name)
}

/// The VAT column of a line: "21 %" or "Exento" (its ground goes under the line).
fn vat_cell(vat: &VatRate, w: &Words, lang: Lang) -> String {
    match vat {
        VatRate::Rate(r) => percent(*r, lang),
        VatRate::Exempt(_) => w.exempt.into(),
    }
}

/// The lines as a table; `sign` is −1 for a credit note (its lines take amounts back).
fn lines_table(lines: &[Line], totals: Option<&Totals>, sign: Decimal, currency: &str, lang: Lang) -> Table {
    let w = words(lang);
    let any_discount = lines.iter().any(|l| !l.discount_pct.is_zero());
    let column = |key, label: &str, numeric| Column {
        key,
        label: label.into(),
        numeric,
    };
    let mut columns = vec![
        column("description", w.description, false),
        column("quantity", w.quantity, true),
        column("price", w.unit_price, true),
    ];
    if any_discount {
        columns.push(column("discount", w.discount_pct, true));
    }
    columns.push(column("vat", w.vat, true));
    columns.push(column("amount", w.amount, true));
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut cells = vec![
                l.description.trim().to_string(),
                number(l.quantity * sign, lang),
                amount(l.unit_price, currency, lang),
            ];
            if any_discount {
                cells.push(if l.discount_pct.is_zero() {
                    String::new()
                } else {
                    percent(l.discount_pct, lang)
                });
            }
            cells.push(vat_cell(&l.vat, w, lang));
            let line_amount = totals
                .and_then(|t| t.line_amounts.get(i))
                .map(|a| amount(*a * sign, currency, lang))
                .unwrap_or_default();
            cells.push(line_amount);
            let note = match &l.vat {
                VatRate::Exempt(why) => Some(format!("{}: {}", w.exempt_note, why.trim())),
                VatRate::Rate(_) => None,
            };
            TableRow {
                key: None,
                cells,
                note,
            }
        })
        .collect();
    Table { columns, rows }
}

/// The totals rows, signed by `sign`: discount and withholding are subtractions.
fn totals_rows(
    t: &Totals,
    withholding_pct: Decimal,
    sign: Decimal,
    currency: &str,
    lang: Lang,
) -> Vec<TotalRow> {
    let w = words(lang);
    let row = |kind, label: String, value: Decimal| TotalRow {
        kind,
        label,
        amount: amount(value, currency, lang),
        value,
    };
    let mut rows = vec![];
    if !t.discount.is_zero() {
        rows.push(row(TotalKind::Gross, w.gross.into(), t.gross * sign));
        rows.push(row(TotalKind::Discount, w.discount.into(), -t.discount * sign));
    }
    rows.push(row(TotalKind::Base, w.base.into(), t.base * sign));
    for g in &t.vat {
        let label = match &g.vat {
            VatRate::Rate(r) => format!(
                "{} {} {} {}",
                w.vat_rate,
                percent(*r, lang),
                w.on,
                amount(g.base * sign, currency, lang)
            ),
            VatRate::Exempt(_) => format!(
                "{} {} {}",
                w.vat_exempt,
                w.on,
                amount(g.base * sign, currency, lang)
            ),
        };
        rows.push(row(TotalKind::Vat, label, g.tax * sign));
    }
    if !t.withholding.is_zero() {
        rows.push(row(
            TotalKind::Withholding,
            format!("{} {}", w.withholding, percent(withholding_pct, lang)),
            -t.withholding * sign,
        ));
    }
    rows.push(row(TotalKind::Total, w.total.into(), t.total * sign));
    rows
}

fn date(d: NaiveDate, lang: Lang) -> String {
    locale::date(d, lang)
}

fn meta(key: &'static str, label: &str, value: String) -> MetaItem {
    MetaItem {
        key,
        label: label.into(),
        value,
    }
}

/// "Vence el 15/03/2026 (30 días desde la emisión)".
fn terms_text(issue: NaiveDate, due: NaiveDate, lang: Lang) -> String {
    let days = (due - issue).num_days();
    let due = date(due, lang);
    match (lang, days) {
        (Lang::Es, 0) => format!("Vence el {due}, a la emisión."),
        (Lang::Es, 1) => format!("Vence el {due} (1 día desde la emisión)."),
        (Lang::Es, n) => format!("Vence el {due} ({n} días desde la emisión)."),
        (Lang::En, 0) => format!("Due on {due}, on receipt."),
        (Lang::En, 1) => format!("Due on {due} (1 day from the issue date)."),
        (Lang::En, n) => format!("Due on {due} ({n} days from the issue date)."),
    }
}

/// "3 % si paga antes del 15/03/2026: 1.150,00 €".
fn early_text(pct: Decimal, deadline: NaiveDate, pay: Decimal, currency: &str, lang: Lang) -> String {
    let (pct, deadline, pay) = (
        percent(pct, lang),
        date(deadline, lang),
        amount(pay, currency, lang),
    );
    match lang {
        Lang::Es => format!("Descuento por pronto pago: {pct} si paga a más tardar el {deadline}: {pay}."),
        Lang::En => format!("Early-payment discount: {pct} if paid by {deadline}: {pay}."),
    }
}

fn amounts_problem(_: &MoneyError, w: &Words) -> String {
    format!("{}.", w.amounts_problem)
}

/// The invoice `inv` as a document, in its client's language (`fallback` when the client
/// record is missing).
pub fn invoice_document(data: &Dataset, inv: &Invoice, fallback: Lang) -> DocumentView {
    let client = data.clients.iter().find(|c| c.id == inv.client_id);
    let lang = language(client, fallback);
    let w = words(lang);
    let totals = tax::invoice_totals(inv);
    let mut meta_items = vec![meta("issue", w.issue_date, date(inv.issue_date, lang))];
    if let Some(d) = inv.delivery_date.filter(|d| *d != inv.issue_date) {
        meta_items.push(meta("delivery", w.operation_date, date(d, lang)));
    }
    meta_items.push(meta("due", w.due_date, date(inv.due_date, lang)));
    if !inv.po_number.trim().is_empty() {
        meta_items.push(meta("po", w.po, inv.po_number.trim().into()));
    }
    let mut sections = vec![Section {
        key: "terms",
        heading: Some(w.terms.into()),
        paragraphs: vec![terms_text(inv.issue_date, inv.due_date, lang)],
    }];
    let offer = totals
        .as_ref()
        .ok()
        .and_then(|t| tax::early_payment_offer(inv, t).ok().flatten());
    if let Some(o) = &offer {
        sections.push(Section {
            key: "early",
            heading: None,
            paragraphs: vec![early_text(
                o.discount_pct,
                o.deadline,
                o.amount,
                &inv.currency,
                lang,
            )],
        });
    }
    let methods = methods_of(&inv.payment_method_ids, &data.payment_methods);
    let transfer = transfer_qr(data, inv, &methods);
    let payment = PaymentBlock {
        heading: w.payment.into(),
        methods: methods.iter().map(|m| method_text(m, lang)).collect(),
        reference: inv.number.as_ref().map(|n| (w.reference.to_string(), n.clone())),
        transfer: Some(transfer),
        qr_label: w.qr_label.into(),
    };
    let one = Decimal::ONE;
    DocumentView {
        kind: DocumentKind::Invoice,
        lang,
        title: w.invoice.into(),
        number: inv.number.clone().unwrap_or_else(|| w.draft.into()),
        numbered: inv.number.is_some(),
        seller: seller(&data.profile, lang),
        buyer: buyer(client, lang),
        meta: meta_items,
        verification: verifactu::qr::invoice_url(inv, &data.profile).map(|url| Verification { url }),
        intro: Vec::new(),
        table: Some(lines_table(
            &inv.lines,
            totals.as_ref().ok(),
            one,
            &inv.currency,
            lang,
        )),
        totals: totals
            .as_ref()
            .map(|t| totals_rows(t, inv.withholding_pct, one, &inv.currency, lang))
            .unwrap_or_default(),
        currency: inv.currency.clone(),
        sections,
        payment: (!payment.methods.is_empty()).then_some(payment),
        notes: Some(inv.notes.trim().to_string()).filter(|n| !n.is_empty()),
        problem: totals.as_ref().err().map(|e| amounts_problem(e, w)),
    }
}

/// The credit note `note` as a document: the invoice it corrects (number and date), the
/// reason, its lines and totals as negative amounts (what it takes back), and the corrected
/// amounts of the invoice.
pub fn credit_note_document(data: &Dataset, note: &CreditNote, fallback: Lang) -> DocumentView {
    let client = data.clients.iter().find(|c| c.id == note.client_id);
    let lang = language(client, fallback);
    let w = words(lang);
    let totals = tax::credit_note_totals(note);
    let invoice = data.invoices.iter().find(|i| i.id == note.invoice_id);
    let mut meta_items = vec![meta("issue", w.issue_date, date(note.issue_date, lang))];
    if let Some(inv) = invoice {
        let number = inv.number.clone().unwrap_or_else(|| w.draft.into());
        meta_items.push(meta(
            "corrects",
            w.corrects,
            format!("{number} · {}", date(inv.issue_date, lang)),
        ));
        if !inv.po_number.trim().is_empty() {
            meta_items.push(meta("po", w.po, inv.po_number.trim().into()));
        }
    }
    let mut reason = vec![note.reason.trim().to_string()];
    if note.full_cancellation {
        reason.push(w.full_cancellation.into());
    }
    let intro = vec![Section {
        key: "reason",
        heading: Some(w.reason.into()),
        paragraphs: reason,
    }];
    let mut sections = Vec::new();
    let notes_of_invoice: Vec<&CreditNote> = data
        .credit_notes
        .iter()
        .filter(|cn| cn.invoice_id == note.invoice_id)
        .collect();
    if let Some(c) = invoice.and_then(|inv| lifecycle::correction(inv, note, &notes_of_invoice).ok()) {
        let cur = &note.currency;
        let mut lines = vec![format!(
            "{}: {}",
            w.invoice_total,
            amount(c.invoice_total, cur, lang)
        )];
        if !c.earlier.is_zero() {
            lines.push(format!("{}: {}", w.earlier, amount(-c.earlier, cur, lang)));
        }
        lines.push(format!("{}: {}", w.this_note, amount(-c.this_note, cur, lang)));
        lines.push(format!("{}: {}", w.resulting, amount(c.resulting, cur, lang)));
        sections.push(Section {
            key: "correction",
            heading: Some(w.correction.into()),
            paragraphs: lines,
        });
    }
    let minus = Decimal::NEGATIVE_ONE;
    DocumentView {
        kind: DocumentKind::CreditNote,
        lang,
        title: w.credit_note.into(),
        number: note.number.clone().unwrap_or_else(|| w.draft.into()),
        numbered: note.number.is_some(),
        seller: seller(&data.profile, lang),
        buyer: buyer(client, lang),
        meta: meta_items,
        verification: verifactu::qr::credit_note_url(note, &data.profile).map(|url| Verification { url }),
        intro,
        table: Some(lines_table(
            &note.lines,
            totals.as_ref().ok(),
            minus,
            &note.currency,
            lang,
        )),
        totals: totals
            .as_ref()
            .map(|t| totals_rows(t, note.withholding_pct, minus, &note.currency, lang))
            .unwrap_or_default(),
        currency: note.currency.clone(),
        sections,
        payment: None,
        notes: None,
        problem: totals.as_ref().err().map(|e| amounts_problem(e, w)),
    }
}

/// The quote `q` as a document: its validity, lines, totals, the payment terms it offers,
/// and a place for the client to accept it.
pub fn quote_document(data: &Dataset, q: &Quote, fallback: Lang) -> DocumentView {
    let client = data.clients.iter().find(|c| c.id == q.client_id);
    let lang = language(client, fallback);
    let w = words(lang);
    let totals = tax::quote_totals(q);
    let mut meta_items = vec![meta("issue", w.issue_date, date(q.issue_date, lang))];
    if let Some(v) = q.valid_until {
        meta_items.push(meta("valid-until", w.valid_until, date(v, lang)));
    }
    if !q.po_number.trim().is_empty() {
        meta_items.push(meta("po", w.po, q.po_number.trim().into()));
    }
    let mut sections = Vec::new();
    if let (Some(e), Ok(t)) = (&q.early_payment, &totals) {
        if !e.discount_pct.is_zero() {
            let discounted = t
                .total
                .checked_mul(Decimal::ONE_HUNDRED - e.discount_pct)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED));
            let pay = discounted
                .and_then(|x| money::round(x, &q.currency).ok())
                .unwrap_or(t.total);
            let text = match lang {
                Lang::Es => format!(
                    "Descuento por pronto pago: {} si se paga en {} días desde la factura: {}.",
                    percent(e.discount_pct, lang),
                    e.within_days,
                    amount(pay, &q.currency, lang)
                ),
                Lang::En => format!(
                    "Early-payment discount: {} if paid within {} days of the invoice: {}.",
                    percent(e.discount_pct, lang),
                    e.within_days,
                    amount(pay, &q.currency, lang)
                ),
            };
            sections.push(Section {
                key: "early",
                heading: Some(w.terms.into()),
                paragraphs: vec![text],
            });
        }
    }
    sections.push(Section {
        key: "acceptance",
        heading: Some(w.acceptance.into()),
        paragraphs: vec![w.acceptance_text.into()],
    });
    let methods = methods_of(&q.payment_method_ids, &data.payment_methods);
    let payment = (!q.payment_method_ids.is_empty()).then(|| PaymentBlock {
        heading: w.payment.into(),
        methods: methods.iter().map(|m| method_text(m, lang)).collect(),
        reference: None,
        transfer: None,
        qr_label: w.qr_label.into(),
    });
    let one = Decimal::ONE;
    DocumentView {
        kind: DocumentKind::Quote,
        lang,
        title: w.quote.into(),
        number: q.number.clone().unwrap_or_else(|| w.draft.into()),
        numbered: q.number.is_some(),
        seller: seller(&data.profile, lang),
        buyer: buyer(client, lang),
        meta: meta_items,
        verification: None,
        intro: Vec::new(),
        table: Some(lines_table(
            &q.lines,
            totals.as_ref().ok(),
            one,
            &q.currency,
            lang,
        )),
        totals: totals
            .as_ref()
            .map(|t| totals_rows(t, q.withholding_pct, one, &q.currency, lang))
            .unwrap_or_default(),
        currency: q.currency.clone(),
        sections,
        payment,
        notes: Some(q.notes.trim().to_string()).filter(|n| !n.is_empty()),
        problem: totals.as_ref().err().map(|e| amounts_problem(e, w)),
    }
}

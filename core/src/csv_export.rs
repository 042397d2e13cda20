//! Invoices, credit notes and payments as CSV for the accountant: one row per document.
//!
//! Two dialects: [`Dialect::Comma`] (RFC 4180: `,` between fields, `.` decimals, ISO dates) for
//! tools, and [`Dialect::Semicolon`] for a Spanish spreadsheet (`;` between fields, `,`
//! decimals, `dd/mm/yyyy` dates, and a UTF-8 byte-order mark so Excel reads accents right).
//! Both end rows with CRLF and quote a field only when it holds the separator, a double quote
//! or a line break (quotes doubled). Amounts are plain numbers without thousands separators,
//! always with their currency's decimals ("1234.50", "0.00", never "0" or "-0,00"); credit
//! notes are negative, so a column sums to the net. The documents list splits base and VAT
//! by rate (one pair of columns per rate found in the period, exempt bases in one column).
//!
//! Text a spreadsheet would run as a formula is neutralised by OWASP's rule (CSV injection):
//! a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! `'` and is quoted, so a client named `=HYPERLINK(…)` stays text. Amounts, which Cobro
//! writes itself, stay numbers (a credit note's `-121.00` must still add up).

use crate::ledger::Ledger;
use crate::model::{Lang, Payment, VatRate};
use crate::report::Period;
use crate::{locale, money, tax};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Comma,
    Semicolon,
}

impl Dialect {
    fn separator(self) -> char {
        match self {
            Dialect::Comma => ',',
            Dialect::Semicolon => ';',
        }
    }

    /// An amount with the currency's decimals (two when the currency is unknown), without a
    /// sign on zero.
    pub(crate) fn amount(self, value: Decimal, currency: &str) -> String {
        let mut v = money::round(value, currency).unwrap_or_else(|_| {
            let mut v = value.round_dp_with_strategy(2, money::ROUNDING);
            v.rescale(2);
            v
        });
        if v.is_zero() {
            v.set_sign_positive(true);
        }
        let plain = v.to_string();
        match self {
            Dialect::Comma => plain,
            Dialect::Semicolon => plain.replace('.', ","),
        }
    }

    /// A plain number (a rate), without trailing zeros, in the dialect's decimal mark.
    pub(crate) fn number(self, value: Decimal) -> String {
        let plain = value.normalize().to_string();
        match self {
            Dialect::Comma => plain,
            Dialect::Semicolon => plain.replace('.', ","),
        }
    }

    fn date(self, d: NaiveDate) -> String {
        match self {
            // ISO 8601 (`%Y-%m-%d`) and the Spanish `%d/%m/%Y`, without chrono's strftime interpreter.
            Dialect::Comma => d.to_string(),
            Dialect::Semicolon => crate::reminder_text::format_date(d, Lang::Es),
        }
    }

    /// What a file of this dialect starts with (the byte-order mark Excel needs, or nothing).
    pub fn start(self) -> String {
        match self {
            Dialect::Comma => String::new(),
            Dialect::Semicolon => "\u{FEFF}".to_string(),
        }
    }
}

/// The characters that make a spreadsheet read a cell as a formula when it starts with one
/// (OWASP, CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One text field: neutralised when a spreadsheet would run it, quoted when it must be.
pub fn field(value: &str, dialect: Dialect) -> String {
    if value.starts_with(FORMULA_STARTS) {
        return format!("\"'{}\"", value.replace('"', "\"\""));
    }
    number_field(value, dialect)
}

/// A field Cobro wrote itself (an amount, a date): quoted when it must be, never prefixed.
fn number_field(value: &str, dialect: Dialect) -> String {
    let sep = dialect.separator();
    if value.contains([sep, '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// A cell of a row: text from the user, or a value Cobro wrote.
pub(crate) enum Cell {
    Text(String),
    Value(String),
}

pub(crate) fn push_row(out: &mut String, cells: &[Cell], dialect: Dialect) {
    let sep = dialect.separator().to_string();
    let row: Vec<String> = cells
        .iter()
        .map(|c| match c {
            Cell::Text(t) => field(t, dialect),
            Cell::Value(v) => number_field(v, dialect),
        })
        .collect();
    out.push_str(&row.join(&sep));
    out.push_str("\r\n");
}

fn headers(lang: Lang, es: &[&str], en: &[&str]) -> Vec<Cell> {
    let h = if lang == Lang::Es { es } else { en };
    h.iter().map(|s| Cell::Text((*s).to_string())).collect()
}

/// A VAT treatment as a column key: rates high to low, then exempt.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RateKey {
    Rate(std::cmp::Reverse<Decimal>),
    Exempt,
}

impl RateKey {
    fn of(vat: &VatRate) -> Self {
        match vat {
            VatRate::Rate(r) => Self::Rate(std::cmp::Reverse(r.normalize())),
            VatRate::Exempt(_) => Self::Exempt,
        }
    }

    /// The column titles: base and VAT of a rate, or the exempt base alone.
    fn headers(self, lang: Lang) -> Vec<Cell> {
        match (self, lang) {
            (Self::Rate(std::cmp::Reverse(r)), _) => {
                let pct = locale::percent(r, 4, lang);
                let (base, vat) = match lang {
                    Lang::Es => ("Base", "IVA"),
                    Lang::En => ("Base", "VAT"),
                };
                vec![
                    Cell::Text(format!("{base} {pct}")),
                    Cell::Text(format!("{vat} {pct}")),
                ]
            }
            (Self::Exempt, Lang::Es) => vec![Cell::Text("Base exenta".into())],
            (Self::Exempt, Lang::En) => vec![Cell::Text("Exempt base".into())],
        }
    }
}

/// A document's base and VAT per rate key (bases of several exemption reasons add up).
fn by_rate(groups: &[tax::VatGroup]) -> BTreeMap<RateKey, (Decimal, Decimal)> {
    let mut out: BTreeMap<RateKey, (Decimal, Decimal)> = BTreeMap::new();
    for g in groups {
        let e = out.entry(RateKey::of(&g.vat)).or_default();
        e.0 += g.base;
        e.1 += g.tax;
    }
    out
}

/// Every issued invoice and numbered credit note dated in `period`, by date then number.
pub fn documents_csv(ledger: &Ledger, period: Period, dialect: Dialect, lang: Lang) -> String {
    let mut out = dialect.start();
    let mut head = headers(
        lang,
        &[
            "Tipo",
            "Número",
            "Fecha",
            "Vencimiento",
            "Cliente",
            "NIF cliente",
            "Pedido",
            "Moneda",
            "Base imponible",
            "IVA",
            "Retención IRPF",
            "Total",
            "Cobrado",
            "Pendiente",
            "Rectifica a",
            "Descuento pronto pago",
        ],
        &[
            "Type",
            "Number",
            "Date",
            "Due date",
            "Client",
            "Client tax id",
            "PO",
            "Currency",
            "Taxable base",
            "VAT",
            "Withholding",
            "Total",
            "Paid",
            "Owed",
            "Corrects",
            "Early-payment discount",
        ],
    );
    let (inv_word, cn_word) = match lang {
        Lang::Es => ("Factura", "Rectificativa"),
        Lang::En => ("Invoice", "Credit note"),
    };
    let client = |id: &str| {
        ledger
            .client(id)
            .map(|c| (c.legal_name.clone(), c.tax_id.clone()))
    };
    // Each row with its base and VAT per rate; the rate columns are known once all are read.
    type Row = (
        NaiveDate,
        String,
        Vec<Cell>,
        BTreeMap<RateKey, (Decimal, Decimal)>,
    );
    let mut rows: Vec<Row> = Vec::new();
    for inv in &ledger.data.invoices {
        let Some(number) = &inv.number else { continue };
        if !period.contains(inv.issue_date) {
            continue;
        }
        let (name, tax_id) = client(&inv.client_id).unwrap_or_default();
        let totals = tax::invoice_totals(inv).ok();
        let balance = ledger.balance(inv).ok();
        let cur = inv.currency.as_str();
        let amount = |v: Option<Decimal>| Cell::Value(v.map(|v| dialect.amount(v, cur)).unwrap_or_default());
        rows.push((
            inv.issue_date,
            number.clone(),
            vec![
                Cell::Text(inv_word.to_string()),
                Cell::Text(number.clone()),
                Cell::Value(dialect.date(inv.issue_date)),
                Cell::Value(dialect.date(inv.due_date)),
                Cell::Text(name),
                Cell::Text(tax_id),
                Cell::Text(inv.po_number.clone()),
                Cell::Text(inv.currency.clone()),
                amount(totals.as_ref().map(|t| t.base)),
                amount(totals.as_ref().map(|t| t.vat_total)),
                amount(totals.as_ref().map(|t| t.withholding)),
                amount(totals.as_ref().map(|t| t.total)),
                amount(balance.as_ref().map(|b| b.paid)),
                amount(balance.as_ref().map(|b| b.owed)),
                Cell::Text(String::new()),
                amount(
                    balance
                        .as_ref()
                        .map(|b| b.early_discount)
                        .filter(|d| !d.is_zero()),
                ),
            ],
            totals.as_ref().map(|t| by_rate(&t.vat)).unwrap_or_default(),
        ));
    }
    for cn in &ledger.data.credit_notes {
        let Some(number) = &cn.number else { continue };
        if !period.contains(cn.issue_date) {
            continue;
        }
        let (name, tax_id) = client(&cn.client_id).unwrap_or_default();
        let totals = tax::credit_note_totals(cn).ok();
        let cur = cn.currency.as_str();
        let neg = |v: Option<Decimal>| Cell::Value(v.map(|v| dialect.amount(-v, cur)).unwrap_or_default());
        let corrects = ledger
            .invoice(&cn.invoice_id)
            .and_then(|i| i.number.clone())
            .unwrap_or_default();
        let rates = totals
            .as_ref()
            .map(|t| {
                by_rate(&t.vat)
                    .into_iter()
                    .map(|(k, (b, v))| (k, (-b, -v)))
                    .collect()
            })
            .unwrap_or_default();
        rows.push((
            cn.issue_date,
            number.clone(),
            vec![
                Cell::Text(cn_word.to_string()),
                Cell::Text(number.clone()),
                Cell::Value(dialect.date(cn.issue_date)),
                Cell::Value(String::new()),
                Cell::Text(name),
                Cell::Text(tax_id),
                Cell::Text(String::new()),
                Cell::Text(cn.currency.clone()),
                neg(totals.as_ref().map(|t| t.base)),
                neg(totals.as_ref().map(|t| t.vat_total)),
                neg(totals.as_ref().map(|t| t.withholding)),
                neg(totals.as_ref().map(|t| t.total)),
                Cell::Value(String::new()),
                Cell::Value(String::new()),
                Cell::Text(corrects),
                Cell::Value(String::new()),
            ],
            rates,
        ));
    }
    crate::order::sort_by(&mut rows, |a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let keys: BTreeSet<RateKey> = rows.iter().flat_map(|r| r.3.keys().copied()).collect();
    for k in &keys {
        head.extend(k.headers(lang));
    }
    push_row(&mut out, &head, dialect);
    for (_, _, mut row, rates) in rows {
        // The row's currency (column 8) gives the decimals of its rate columns.
        let cur = match row.get(7) {
            Some(Cell::Text(c)) => c.clone(),
            _ => String::new(),
        };
        for k in &keys {
            let (base, vat) = rates.get(k).copied().unwrap_or_default();
            row.push(Cell::Value(dialect.amount(base, &cur)));
            if matches!(k, RateKey::Rate(_)) {
                row.push(Cell::Value(dialect.amount(vat, &cur)));
            }
        }
        push_row(&mut out, &row, dialect);
    }
    out
}

/// Every payment dated in `period` that counts (voided ones are money never received), by
/// date then invoice number; one that settled its invoice with the early-payment discount
/// says how much and under which terms.
pub fn payments_csv(ledger: &Ledger, period: Period, dialect: Dialect, lang: Lang) -> String {
    let mut out = dialect.start();
    push_row(
        &mut out,
        &headers(
            lang,
            &[
                "Fecha",
                "Factura",
                "Cliente",
                "NIF cliente",
                "Importe",
                "Moneda",
                "Forma de pago",
                "Nota",
                "Descuento pronto pago",
                "Condición del descuento",
            ],
            &[
                "Date",
                "Invoice",
                "Client",
                "Client tax id",
                "Amount",
                "Currency",
                "Method",
                "Note",
                "Early-payment discount",
                "Discount terms",
            ],
        ),
        dialect,
    );
    let mut payments: Vec<(&Payment, String)> = ledger
        .data
        .payments
        .iter()
        .filter(|p| p.counts() && period.contains(p.date))
        .map(|p| {
            let number = ledger
                .invoice(&p.invoice_id)
                .and_then(|i| i.number.clone())
                .unwrap_or_default();
            (p, number)
        })
        .collect();
    crate::order::sort_by(&mut payments, |a, b| {
        (a.0.date, &a.1, &a.0.id).cmp(&(b.0.date, &b.1, &b.0.id))
    });
    for (p, number) in payments {
        let inv = ledger.invoice(&p.invoice_id);
        let client = inv.and_then(|i| ledger.client(&i.client_id));
        let method = p
            .method_id
            .as_ref()
            .and_then(|id| ledger.data.payment_methods.iter().find(|m| &m.id == id))
            .map(|m| m.label.clone())
            .unwrap_or_default();
        let currency = inv.map(|i| i.currency.clone()).unwrap_or_default();
        push_row(
            &mut out,
            &[
                Cell::Value(dialect.date(p.date)),
                Cell::Text(number),
                Cell::Text(client.map(|c| c.legal_name.clone()).unwrap_or_default()),
                Cell::Text(client.map(|c| c.tax_id.clone()).unwrap_or_default()),
                Cell::Value(dialect.amount(p.amount, &currency)),
                Cell::Text(currency.clone()),
                Cell::Text(method),
                Cell::Text(p.note.clone()),
                Cell::Value(
                    p.early_discount
                        .as_ref()
                        .map(|d| dialect.amount(d.amount, &currency))
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    p.early_discount
                        .as_ref()
                        .map(|d| discount_terms(d.discount_pct, d.within_days, lang))
                        .unwrap_or_default(),
                ),
            ],
            dialect,
        );
    }
    out
}

/// "3 % a 10 días" / "3% within 10 days".
fn discount_terms(pct: Decimal, days: u32, lang: Lang) -> String {
    let pct = crate::locale::percent(pct, 2, lang);
    match lang {
        Lang::Es => format!("{pct} a {days} días"),
        Lang::En => format!("{pct} within {days} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_quoting() {
        assert_eq!(field("plain", Dialect::Comma), "plain");
        assert_eq!(field("a,b", Dialect::Comma), "\"a,b\"");
        assert_eq!(field("a,b", Dialect::Semicolon), "a,b");
        assert_eq!(field("a;b", Dialect::Semicolon), "\"a;b\"");
        assert_eq!(field("say \"hi\"", Dialect::Comma), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines", Dialect::Semicolon), "\"two\nlines\"");
        assert_eq!(field("cr\rhere", Dialect::Comma), "\"cr\rhere\"");
    }

    #[test]
    fn amounts_and_dates_follow_the_dialect() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let v = Decimal::new(-121_050, 2);
        assert_eq!(Dialect::Comma.amount(v, "EUR"), "-1210.50");
        assert_eq!(Dialect::Semicolon.amount(v, "EUR"), "-1210,50");
        assert_eq!(Dialect::Comma.amount(Decimal::ZERO, "EUR"), "0.00");
        assert_eq!(Dialect::Semicolon.amount(-Decimal::new(0, 2), "EUR"), "0,00");
        assert_eq!(Dialect::Comma.amount(Decimal::new(5, 0), "JPY"), "5");
        assert_eq!(Dialect::Comma.amount(Decimal::new(5, 0), "BHD"), "5.000");
        assert_eq!(Dialect::Comma.amount(Decimal::new(5, 0), "ZZZ"), "5.00");
        assert_eq!(Dialect::Comma.date(d), "2026-03-02");
        assert_eq!(Dialect::Semicolon.date(d), "02/03/2026");
    }
}

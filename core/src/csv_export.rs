//! Invoices, credit notes and payments as CSV for the accountant: one row per document.
//!
//! Two dialects: [`Dialect::Comma`] (RFC 4180: `,` between fields, `.` decimals, ISO dates) for
//! tools, and [`Dialect::Semicolon`] for a Spanish spreadsheet (`;` between fields, `,`
//! decimals, `dd/mm/yyyy` dates, and a UTF-8 byte-order mark so Excel reads accents right).
//! Both end rows with CRLF and quote a field only when it holds the separator, a double quote
//! or a line break (quotes doubled). Amounts are plain numbers without thousands separators;
//! credit notes are negative, so a column sums to the net.

use crate::ledger::Ledger;
use crate::model::{Lang, Payment};
use crate::report::Period;
use crate::tax;
use chrono::NaiveDate;
use rust_decimal::Decimal;

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

    pub fn amount(self, value: Decimal) -> String {
        let plain = value.to_string();
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

/// One field, quoted when it must be.
pub fn field(value: &str, dialect: Dialect) -> String {
    let sep = dialect.separator();
    if value.contains([sep, '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// One row, each field quoted when it must be, ended with CRLF.
pub fn push_row(out: &mut String, fields: &[String], dialect: Dialect) {
    let sep = dialect.separator().to_string();
    let row: Vec<String> = fields.iter().map(|f| field(f, dialect)).collect();
    out.push_str(&row.join(&sep));
    out.push_str("\r\n");
}

fn headers(lang: Lang, es: &[&str], en: &[&str]) -> Vec<String> {
    let h = if lang == Lang::Es { es } else { en };
    h.iter().map(|s| (*s).to_string()).collect()
}

/// Every issued invoice and numbered credit note dated in `period`, by date then number.
pub fn documents_csv(ledger: &Ledger, period: Period, dialect: Dialect, lang: Lang) -> String {
    let mut out = dialect.start();
    push_row(
        &mut out,
        &headers(
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
            ],
        ),
        dialect,
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
    let mut rows: Vec<(NaiveDate, String, Vec<String>)> = Vec::new();
    for inv in &ledger.data.invoices {
        let Some(number) = &inv.number else { continue };
        if !period.contains(inv.issue_date) {
            continue;
        }
        let (name, tax_id) = client(&inv.client_id).unwrap_or_default();
        let totals = tax::invoice_totals(inv).ok();
        let balance = ledger.balance(inv).ok();
        let amount = |v: Option<Decimal>| v.map(|v| dialect.amount(v)).unwrap_or_default();
        rows.push((
            inv.issue_date,
            number.clone(),
            vec![
                inv_word.to_string(),
                number.clone(),
                dialect.date(inv.issue_date),
                dialect.date(inv.due_date),
                name,
                tax_id,
                inv.po_number.clone(),
                inv.currency.clone(),
                amount(totals.as_ref().map(|t| t.base)),
                amount(totals.as_ref().map(|t| t.vat_total)),
                amount(totals.as_ref().map(|t| t.withholding)),
                amount(totals.as_ref().map(|t| t.total)),
                amount(balance.as_ref().map(|b| b.paid)),
                amount(balance.as_ref().map(|b| b.owed)),
                String::new(),
            ],
        ));
    }
    for cn in &ledger.data.credit_notes {
        let Some(number) = &cn.number else { continue };
        if !period.contains(cn.issue_date) {
            continue;
        }
        let (name, tax_id) = client(&cn.client_id).unwrap_or_default();
        let totals = tax::credit_note_totals(cn).ok();
        let neg = |v: Option<Decimal>| v.map(|v| dialect.amount(-v)).unwrap_or_default();
        let corrects = ledger
            .invoice(&cn.invoice_id)
            .and_then(|i| i.number.clone())
            .unwrap_or_default();
        rows.push((
            cn.issue_date,
            number.clone(),
            vec![
                cn_word.to_string(),
                number.clone(),
                dialect.date(cn.issue_date),
                String::new(),
                name,
                tax_id,
                String::new(),
                cn.currency.clone(),
                neg(totals.as_ref().map(|t| t.base)),
                neg(totals.as_ref().map(|t| t.vat_total)),
                neg(totals.as_ref().map(|t| t.withholding)),
                neg(totals.as_ref().map(|t| t.total)),
                String::new(),
                String::new(),
                corrects,
            ],
        ));
    }
    crate::order::sort_by(&mut rows, |a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    for (_, _, row) in rows {
        push_row(&mut out, &row, dialect);
    }
    out
}

/// Every payment dated in `period`, by date then invoice number.
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
            ],
        ),
        dialect,
    );
    let mut payments: Vec<(&Payment, String)> = ledger
        .data
        .payments
        .iter()
        .filter(|p| period.contains(p.date))
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
        push_row(
            &mut out,
            &[
                dialect.date(p.date),
                number,
                client.map(|c| c.legal_name.clone()).unwrap_or_default(),
                client.map(|c| c.tax_id.clone()).unwrap_or_default(),
                dialect.amount(p.amount),
                inv.map(|i| i.currency.clone()).unwrap_or_default(),
                method,
                p.note.clone(),
            ],
            dialect,
        );
    }
    out
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
        assert_eq!(Dialect::Comma.amount(v), "-1210.50");
        assert_eq!(Dialect::Semicolon.amount(v), "-1210,50");
        assert_eq!(Dialect::Comma.date(d), "2026-03-02");
        assert_eq!(Dialect::Semicolon.date(d), "02/03/2026");
    }
}

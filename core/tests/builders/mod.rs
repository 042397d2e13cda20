//! Record builders shared by the validity, CSV, QR and round-trip tests: one valid record of
//! each kind, changed with struct-update syntax where a test needs something else.

#![allow(dead_code, clippy::unwrap_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use cobro_core::{
    Address, Client, Invoice, Lang, Line, Payment, PaymentMethod, PaymentMethodKind, Stamp, VatRate,
};
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn t0() -> Stamp {
    Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).single().unwrap()
}

/// A Spanish client with a valid CIF, paying in euros at 30 days.
pub fn client() -> Client {
    Client {
        archived: false,
        id: "c1".into(),
        legal_name: "Cliente SL".into(),
        tax_id: "B12345674".into(),
        address: Address {
            country: "ES".into(),
            ..Address::default()
        },
        ap_contact_name: "Ana".into(),
        ap_contact_email: "ap@cliente.es".into(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec![],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        updated_at: t0(),
    }
}

pub fn line(desc: &str, qty: &str, price: &str) -> Line {
    Line {
        item_id: None,
        description: desc.into(),
        quantity: dec(qty),
        unit_price: dec(price),
        discount_pct: Decimal::ZERO,
        vat: VatRate::Rate(Decimal::from(21)),
    }
}

/// A draft worth 100 + 21 % VAT = 121.00 EUR, issued 2026-03-02, due 2026-04-01.
pub fn draft() -> Invoice {
    Invoice {
        id: "i1".into(),
        series_id: "s-f".into(),
        number: None,
        client_id: "c1".into(),
        po_number: String::new(),
        issue_date: day(2026, 3, 2),
        delivery_date: None,
        due_date: day(2026, 4, 1),
        currency: "EUR".into(),
        lines: vec![line("Diseño web", "2", "50")],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec![],
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: t0(),
    }
}

pub fn issued() -> Invoice {
    Invoice {
        number: Some("F2026-0001".into()),
        ..draft()
    }
}

pub fn payment(amount: &str) -> Payment {
    Payment {
        closed_steps: Vec::new(),
        early_discount: None,
        voided: None,
        id: format!("p-{amount}"),
        invoice_id: "i1".into(),
        date: day(2026, 3, 10),
        amount: dec(amount),
        method_id: None,
        note: String::new(),
        updated_at: t0(),
    }
}

pub fn bank(iban: &str, holder: &str) -> PaymentMethod {
    PaymentMethod {
        archived: false,
        id: format!("pm-{iban}"),
        label: "Banco".into(),
        kind: PaymentMethodKind::BankTransfer {
            iban: iban.into(),
            bic: String::new(),
            holder: holder.into(),
            bank: String::new(),
        },
        updated_at: t0(),
    }
}

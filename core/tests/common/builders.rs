//! Builders the rule tests share: one client, one 121,00 EUR invoice and its records, written
//! once instead of as a full literal in every file. Each test changes what it is about with
//! struct-update syntax.
#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use cobro_core::{
    Address, Channel, Client, CreditNote, Dataset, DocKind, FollowUpStep, Invoice, Lang, Line,
    NumberingSeries, Payment, PaymentMethod, PaymentMethodKind, Stamp, StepKind, StepState, VatRate,
};
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

/// An instant on `day` at 09:00 UTC.
pub fn at(day: NaiveDate) -> Stamp {
    Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).expect("time"))
}

pub fn t0() -> Stamp {
    at(d(2026, 1, 1))
}

pub fn client(id: &str) -> Client {
    Client {
        id: id.into(),
        legal_name: format!("Cliente {id} SL"),
        tax_id: "B12345678".into(),
        address: Address::default(),
        ap_contact_name: "Ana".into(),
        ap_contact_email: "ap@cliente.es".into(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: Vec::new(),
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        archived: false,
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

/// Issued as F2026-0001 on 2026-03-02 to client "c1", due 2026-04-01: 100 + 21 % = 121,00 EUR.
pub fn invoice(id: &str) -> Invoice {
    Invoice {
        id: id.into(),
        series_id: "s-f".into(),
        number: Some("F2026-0001".into()),
        client_id: "c1".into(),
        po_number: String::new(),
        issue_date: d(2026, 3, 2),
        delivery_date: None,
        due_date: d(2026, 4, 1),
        currency: "EUR".into(),
        lines: vec![line("Diseño web", "2", "50")],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: Vec::new(),
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: Vec::new(),
        cancelled_by: None,
        updated_at: t0(),
    }
}

pub fn payment(id: &str, invoice_id: &str, date: NaiveDate, amount: &str) -> Payment {
    Payment {
        id: id.into(),
        invoice_id: invoice_id.into(),
        date,
        amount: dec(amount),
        method_id: None,
        note: String::new(),
        early_discount: None,
        closed_steps: Vec::new(),
        voided: None,
        updated_at: at(date),
    }
}

pub fn step(id: &str, invoice_id: &str, kind: StepKind, due: NaiveDate) -> FollowUpStep {
    FollowUpStep {
        id: id.into(),
        invoice_id: invoice_id.into(),
        kind,
        due,
        channel: Channel::Email,
        state: StepState::Open,
        snoozed_from: None,
        updated_at: t0(),
    }
}

pub fn method(id: &str, kind: PaymentMethodKind) -> PaymentMethod {
    PaymentMethod {
        id: id.into(),
        label: format!("Método {id}"),
        kind,
        archived: false,
        updated_at: t0(),
    }
}

pub fn credit_note(id: &str, invoice_id: &str, lines: Vec<Line>) -> CreditNote {
    CreditNote {
        id: id.into(),
        series_id: "s-r".into(),
        number: Some(format!("R2026-{id}")),
        invoice_id: invoice_id.into(),
        client_id: "c1".into(),
        issue_date: d(2026, 3, 10),
        reason: "Error de precio".into(),
        currency: "EUR".into(),
        lines,
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: false,
        updated_at: t0(),
    }
}

/// A dataset with client "c1", the series "s-f" (invoices, two numbers used) and "s-r"
/// (credit notes), and these invoices.
pub fn dataset(invoices: Vec<Invoice>) -> Dataset {
    let mut invoice_series = NumberingSeries::default_for(DocKind::Invoice, "s-f".into(), t0());
    invoice_series.last.insert(2026, 2);
    Dataset {
        clients: vec![client("c1")],
        series: vec![
            invoice_series,
            NumberingSeries::default_for(DocKind::CreditNote, "s-r".into(), t0()),
        ],
        invoices,
        ..Dataset::default()
    }
}

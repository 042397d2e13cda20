//! Builders of the document and draft tests: a business, a client, lines, an invoice, a
//! quote and a dataset holding them, with plain values a test changes with struct-update
//! syntax.

use chrono::{TimeZone, Utc};
use cobro_core::{
    Address, AppSettings, BusinessProfile, Client, CreditNote, Dataset, DocKind, Invoice, Lang, Line,
    NumberingSeries, PaymentMethod, PaymentMethodKind, Quote, QuoteState, Stamp, VatRate,
};
use rust_decimal::Decimal;

pub use super::{d, dec};

pub fn t0() -> Stamp {
    Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).single().expect("stamp")
}

pub fn now() -> Stamp {
    Utc.with_ymd_and_hms(2026, 3, 4, 12, 30, 0)
        .single()
        .expect("stamp")
}

pub fn profile() -> BusinessProfile {
    BusinessProfile {
        name: "Lucía Martín Estudio".into(),
        tax_id: "12345678Z".into(),
        address: Address {
            street: "Calle Mayor 1".into(),
            postal_code: "28013".into(),
            city: "Madrid".into(),
            region: String::new(),
            country: "ES".into(),
        },
        logo_data_url: None,
        email: "lucia@example.es".into(),
        phone: String::new(),
        updated_at: None,
    }
}

pub fn client() -> Client {
    Client {
        id: "c1".into(),
        legal_name: "Cliente SL".into(),
        tax_id: "B12345678".into(),
        address: Address {
            street: "Gran Vía 2".into(),
            postal_code: "08001".into(),
            city: "Barcelona".into(),
            region: String::new(),
            country: "ES".into(),
        },
        ap_contact_name: "Ana".into(),
        ap_contact_email: "ap@cliente.es".into(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec!["pm-bank".into()],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        archived: false,
        updated_at: t0(),
    }
}

pub fn bank() -> PaymentMethod {
    PaymentMethod {
        id: "pm-bank".into(),
        label: "Cuenta".into(),
        kind: PaymentMethodKind::BankTransfer {
            iban: "ES9121000418450200051332".into(),
            bic: "CAIXESBBXXX".into(),
            holder: "Lucía Martín".into(),
            bank: String::new(),
        },
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

/// A draft worth 100 + 21 % VAT = 121.00 EUR, dated 2026-03-02, due 2026-04-01.
pub fn draft() -> Invoice {
    Invoice {
        id: "i1".into(),
        series_id: "s-f".into(),
        number: None,
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

pub fn quote() -> Quote {
    Quote {
        id: "q1".into(),
        series_id: "s-q".into(),
        number: None,
        client_id: "c1".into(),
        po_number: String::new(),
        issue_date: d(2026, 3, 2),
        valid_until: Some(d(2026, 4, 1)),
        currency: "EUR".into(),
        lines: vec![line("Auditoría", "1", "800")],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        notes: String::new(),
        payment_method_ids: Vec::new(),
        early_payment: None,
        state: QuoteState::Draft,
        invoice_id: None,
        updated_at: t0(),
    }
}

pub fn credit_note(id: &str, number: &str, lines: Vec<Line>) -> CreditNote {
    CreditNote {
        id: id.into(),
        series_id: "s-r".into(),
        number: Some(number.into()),
        invoice_id: "i1".into(),
        client_id: "c1".into(),
        issue_date: d(2026, 3, 10),
        reason: "Precio mal aplicado".into(),
        currency: "EUR".into(),
        lines,
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: false,
        updated_at: t0(),
    }
}

pub fn series(kind: DocKind, id: &str) -> NumberingSeries {
    NumberingSeries::default_for(kind, id.into(), t0())
}

/// A business with one client, a bank account and the three series.
pub fn dataset() -> Dataset {
    Dataset {
        profile: profile(),
        settings: AppSettings {
            invoice_series_id: Some("s-f".into()),
            credit_note_series_id: Some("s-r".into()),
            quote_series_id: Some("s-q".into()),
            ..AppSettings::default()
        },
        payment_methods: vec![bank()],
        series: vec![
            series(DocKind::Invoice, "s-f"),
            series(DocKind::CreditNote, "s-r"),
            series(DocKind::Quote, "s-q"),
        ],
        clients: vec![client()],
        ..Dataset::default()
    }
}

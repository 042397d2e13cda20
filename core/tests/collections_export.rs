//! The collections exports and helpers: the calendar file (events, UIDs, folding, escaping),
//! the accountant's CSV (rows, quoting, dialects), the suggested payment, the step emails; and
//! the golden backup the end-to-end collections test imports (`tests/e2e/fixtures/`), which
//! this file checks and, with `COBRO_WRITE_FIXTURES=1`, writes.

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::csv_export::{self, Dialect};
use cobro_core::ledger::Ledger;
use cobro_core::report::Period;
use cobro_core::{backup, collect, ics, schedule};
use cobro_core::{
    Address, AppSettings, BusinessProfile, Channel, Client, CollectionPolicy, Dataset, DocKind,
    EarlyPaymentTerms, Invoice, Lang, Line, NumberingSeries, Payment, PaymentMethod, PaymentMethodKind,
    Sending, StepKind, VatRate,
};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn stamp() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .expect("stamp")
        .with_timezone(&Utc)
}

/// One business, one client (with a comma and quotes in its name, to exercise the CSV), one
/// issued but not yet sent invoice of 1 000 € + 21 % VAT = 1 210 €, due 30 days later.
fn day0() -> Dataset {
    let now = stamp();
    let method = PaymentMethod {
        id: "pm-bank".into(),
        label: "Cuenta BBVA".into(),
        kind: PaymentMethodKind::BankTransfer {
            iban: "ES9121000418450200051332".into(),
            bic: "CAIXESBBXXX".into(),
            holder: "Estudio Lúcido".into(),
            bank: "BBVA".into(),
        },
        archived: false,
        updated_at: now,
    };
    let series = NumberingSeries {
        id: "series-f".into(),
        kind: DocKind::Invoice,
        prefix: "F".into(),
        include_year: true,
        separator: "-".into(),
        padding: 4,
        yearly_reset: true,
        last: BTreeMap::from([(2026, 1)]),
        carried_over: BTreeMap::new(),
        updated_at: now,
    };
    let client = Client {
        id: "client-pena".into(),
        legal_name: "Talleres \"Peña\", S.L.".into(),
        tax_id: "B12345678".into(),
        address: Address {
            street: "Calle Mayor 1".into(),
            postal_code: "28013".into(),
            city: "Madrid".into(),
            region: "Madrid".into(),
            country: "ES".into(),
        },
        ap_contact_name: "Marta Ruiz".into(),
        ap_contact_email: "pagos@talleres-pena.example".into(),
        ap_contact_phone: "+34 600 111 222".into(),
        billing_instructions: String::new(),
        po_required: true,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec!["pm-bank".into()],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        archived: false,
        updated_at: now,
    };
    let invoice = Invoice {
        id: "inv-0001".into(),
        series_id: "series-f".into(),
        number: Some("F2026-0001".into()),
        client_id: "client-pena".into(),
        po_number: "PO-4500".into(),
        issue_date: d("2026-03-02"),
        delivery_date: None,
        due_date: d("2026-04-01"),
        currency: "EUR".into(),
        lines: vec![Line {
            item_id: None,
            description: "Diseño de interfaz".into(),
            quantity: Decimal::from(20),
            unit_price: Decimal::from(50),
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::from(21)),
        }],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec!["pm-bank".into()],
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: now,
    };
    Dataset {
        profile: BusinessProfile {
            name: "Estudio Lúcido".into(),
            tax_id: "12345678Z".into(),
            email: "hola@lucido.example".into(),
            updated_at: Some(now),
            ..BusinessProfile::default()
        },
        settings: AppSettings {
            invoice_series_id: Some("series-f".into()),
            ..AppSettings::default()
        },
        payment_methods: vec![method],
        series: vec![series],
        clients: vec![client],
        invoices: vec![invoice],
        ..Dataset::default()
    }
}

/// `day0` after the invoice was sent on its issue date (the steps the app would plan).
fn sent() -> Dataset {
    let mut data = day0();
    let mut n = 0;
    let mut new_id = || {
        n += 1;
        format!("step-{n}")
    };
    let inv = &mut data.invoices[0];
    inv.sent = Some(Sending {
        date: d("2026-03-02"),
        channel: Channel::Email,
    });
    let steps = schedule::plan(
        inv,
        d("2026-03-02"),
        &CollectionPolicy::default(),
        &mut new_id,
        stamp(),
    );
    data.steps = steps;
    data
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/e2e/fixtures/collections-day0.json"
);

#[test]
fn the_end_to_end_fixture_is_this_dataset() {
    let text = backup::export(&day0(), stamp(), "0.1.0").expect("export");
    if std::env::var_os("COBRO_WRITE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, &text).expect("write fixture");
    }
    let stored = std::fs::read_to_string(FIXTURE).expect("fixture exists (COBRO_WRITE_FIXTURES=1 writes it)");
    assert_eq!(
        stored, text,
        "regenerate with COBRO_WRITE_FIXTURES=1 cargo test -p cobro-core --test collections_export"
    );
    backup::parse(&stored).expect("the fixture is a valid backup");
}

#[test]
fn calendar_has_each_followed_invoice_s_next_step_and_due_date() {
    let data = sent();
    let ledger = Ledger::new(&data);
    let text = ics::calendar(&ledger, d("2026-03-02"), stamp(), Lang::Es);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF line endings");
    for line in text.split("\r\n") {
        assert!(line.len() <= ics::MAX_LINE_OCTETS, "folded: {line:?}");
    }
    // One invoice: its next step (the receipt check) and its due date.
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
    assert!(text.contains("UID:next-inv-0001@cobro\r\n"));
    assert!(text.contains("UID:due-inv-0001@cobro\r\n"));
    assert!(text.contains("DTSTAMP:20260302T090000Z\r\n"));
    // The receipt check the day after sending, all-day.
    assert!(text.contains("DTSTART;VALUE=DATE:20260303\r\nDTEND;VALUE=DATE:20260304\r\n"));
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:Confirmar recepción · Talleres"),
        "{unfolded}"
    );
    assert!(unfolded.contains("Prioridad en la agenda: 1"), "{unfolded}");
    // The client's comma and the PO are escaped in TEXT values.
    assert!(unfolded.contains("Talleres \"Peña\"\\, S.L. · F2026-0001"));
}

/// The calendar lists invoices in the agenda's order (the cards of the day by worth first).
#[test]
fn calendar_follows_the_agenda_order() {
    let today = d("2026-03-01");
    let data = cobro_core::demo::generate(cobro_core::demo::DemoSpec {
        clients: 20,
        invoices: 300,
        seed: 3,
        today,
    });
    let ledger = Ledger::new(&data);
    let text = ics::calendar(&ledger, today, stamp(), Lang::En);
    let uids: Vec<&str> = text
        .split("\r\n")
        .filter_map(|l| l.strip_prefix("UID:next-"))
        .map(|l| l.trim_end_matches("@cobro"))
        .collect();
    let a = cobro_core::agenda::agenda(&ledger, today, 14);
    let order: Vec<&str> = a.all().map(|i| i.task.id()).collect();
    assert_eq!(uids, order);
    assert!(!a.due.is_empty());
}

#[test]
fn calendar_moves_late_steps_to_today_and_is_stable_across_runs() {
    let data = sent();
    let ledger = Ledger::new(&data);
    let a = ics::calendar(&ledger, d("2026-03-10"), stamp(), Lang::En);
    let b = ics::calendar(&ledger, d("2026-03-10"), stamp(), Lang::En);
    assert_eq!(a, b);
    // The receipt check (3 March) is late on the 10th: it shows on the 10th.
    assert!(!a.contains("DTSTART;VALUE=DATE:20260303"));
    assert!(a.replace("\r\n ", "").contains("Planned for: 3 Mar 2026"));
}

#[test]
fn a_paid_invoice_leaves_the_calendar() {
    let mut data = sent();
    data.payments.push(Payment {
        id: "p1".into(),
        invoice_id: "inv-0001".into(),
        date: d("2026-03-20"),
        amount: Decimal::from(1210),
        method_id: None,
        note: String::new(),
        closed_steps: Vec::new(),
        early_discount: None,
        voided: None,
        updated_at: stamp(),
    });
    let ledger = Ledger::new(&data);
    let text = ics::calendar(&ledger, d("2026-03-20"), stamp(), Lang::Es);
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 0);
}

#[test]
fn csv_lists_documents_and_payments_in_both_dialects() {
    let mut data = sent();
    data.payments.push(Payment {
        id: "p1".into(),
        invoice_id: "inv-0001".into(),
        date: d("2026-03-20"),
        amount: Decimal::new(50050, 2),
        method_id: Some("pm-bank".into()),
        note: "primer pago; parcial".into(),
        closed_steps: Vec::new(),
        early_discount: None,
        voided: None,
        updated_at: stamp(),
    });
    let ledger = Ledger::new(&data);
    let period = Period {
        from: d("2026-01-01"),
        to: d("2026-12-31"),
    };
    let comma = csv_export::documents_csv(&ledger, period, Dialect::Comma, Lang::En);
    let lines: Vec<&str> = comma.split("\r\n").collect();
    assert_eq!(lines.len(), 3, "header, one invoice, trailing empty: {comma:?}");
    assert!(lines[0].starts_with("Type,Number,Date"));
    assert_eq!(
        lines[1],
        "Invoice,F2026-0001,2026-03-02,2026-04-01,\"Talleres \"\"Peña\"\", S.L.\",B12345678,PO-4500,EUR,1000.00,210.00,0.00,1210.00,500.50,709.50,,,1000.00,210.00"
    );
    let semi = csv_export::documents_csv(&ledger, period, Dialect::Semicolon, Lang::Es);
    assert!(semi.starts_with('\u{FEFF}'));
    let row = semi.split("\r\n").nth(1).expect("row");
    assert_eq!(
        row,
        "Factura;F2026-0001;02/03/2026;01/04/2026;\"Talleres \"\"Peña\"\", S.L.\";B12345678;PO-4500;EUR;1000,00;210,00;0,00;1210,00;500,50;709,50;;;1000,00;210,00"
    );
    let pays = csv_export::payments_csv(&ledger, period, Dialect::Semicolon, Lang::Es);
    let row = pays.split("\r\n").nth(1).expect("row");
    assert_eq!(
        row,
        "20/03/2026;F2026-0001;\"Talleres \"\"Peña\"\", S.L.\";B12345678;500,50;EUR;Cuenta BBVA;\"primer pago; parcial\";;"
    );
    // Outside the period: only the header.
    let none = csv_export::payments_csv(
        &ledger,
        Period {
            from: d("2025-01-01"),
            to: d("2025-12-31"),
        },
        Dialect::Comma,
        Lang::En,
    );
    assert_eq!(none.matches("\r\n").count(), 1);
}

#[test]
fn the_suggested_payment_is_the_early_amount_while_it_applies() {
    let mut data = day0();
    data.invoices[0].early_payment = Some(EarlyPaymentTerms {
        discount_pct: Decimal::from(3),
        within_days: 10,
    });
    let ledger = Ledger::new(&data);
    let inv = &data.invoices[0];
    let balance = ledger.balance(inv).expect("balance");
    assert_eq!(
        collect::suggested_payment(inv, &balance, d("2026-03-12")).expect("ok"),
        Decimal::new(117370, 2)
    );
    assert_eq!(
        collect::suggested_payment(inv, &balance, d("2026-03-13")).expect("ok"),
        Decimal::from(1210)
    );
}

#[test]
fn step_emails_are_in_the_clients_language_with_how_to_pay() {
    let mut data = sent();
    let ledger = Ledger::new(&data);
    let (m, lang) = collect::message_on(&ledger, &data.profile, 0, StepKind::ReceiptCheck, d("2026-03-03"))
        .expect("message");
    assert_eq!(lang, Lang::Es);
    assert!(m.subject.contains("F2026-0001"), "{}", m.subject);
    assert!(m.body.contains("1.210,00 €"), "{}", m.body);
    data.clients[0].language = Lang::En;
    // The second reminder calls itself so only once the first one was sent.
    let ledger = Ledger::new(&data);
    let (m, lang) =
        collect::message_on(&ledger, &data.profile, 0, StepKind::Reminder, d("2026-04-22")).expect("message");
    assert_eq!(lang, Lang::En);
    assert!(m.body.contains("€1,210.00"), "{}", m.body);
    assert!(m.body.contains("IBAN ES91 2100"), "{}", m.body);
    assert!(!m.subject.to_lowercase().contains("second"), "{}", m.subject);
    let first = data
        .steps
        .iter_mut()
        .find(|s| s.kind == StepKind::Reminder)
        .expect("first reminder");
    first.state = cobro_core::StepState::Done {
        date: d("2026-04-08"),
    };
    let ledger = Ledger::new(&data);
    let (m, _) =
        collect::message_on(&ledger, &data.profile, 0, StepKind::Reminder, d("2026-04-22")).expect("message");
    assert!(m.subject.to_lowercase().contains("second"), "{}", m.subject);
}

//! Storage in a real browser (headless Chromium): CRUD of every kind of record, the
//! lookups, each named operation and its rollback when a write fails half-way, the
//! upgrades from schema v1 (one store per kind) to v3 (packs), backups round-tripping byte
//! for byte and equal to the core's file, concurrent issuing from two connections, tabs,
//! the changes handed to the app, and durability.
//! Every test uses its own database and deletes it at the end.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use cobro::platform::{broadcast, download, durability, files};
use cobro::storage::archive::ArchiveKind;
use cobro::storage::backup::ImportMode;
use cobro::storage::{self, fault, keys, migrations, Db, OpError, StorageErrorKind};
use cobro_core::backup;
use cobro_core::corrections::PaymentError;
use cobro_core::usage::UsageError;
use cobro_core::{
    Address, AppSettings, BusinessProfile, CatalogItem, Channel, Client, ContactEntry, CreditNote, DocKind,
    FollowUpStep, Invoice, Lang, Line, NumberingSeries, Outcome, Payment, PaymentMethod, PaymentMethodKind,
    Quote, QuoteState, Sending, StepKind, StepState, VatRate,
};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn t(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap()
}

fn ids(prefix: &str) -> impl FnMut() -> String {
    let prefix = prefix.to_string();
    let mut n = 0;
    move || {
        n += 1;
        format!("{prefix}-{n:03}")
    }
}

fn client(id: &str) -> Client {
    Client {
        id: id.into(),
        legal_name: format!("Client {id}"),
        tax_id: "B12345674".into(),
        address: Address::default(),
        ap_contact_name: "Ana".into(),
        ap_contact_email: "ap@example.com".into(),
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
        archived: false,
        updated_at: t(8),
    }
}

fn series() -> NumberingSeries {
    NumberingSeries::default_for(DocKind::Invoice, "ser-f".into(), t(8))
}

/// A valid draft worth 121 EUR (100 + 21 % VAT), issued 2026-03-02, due in 30 days.
fn draft(id: &str, client_id: &str) -> Invoice {
    Invoice {
        id: id.into(),
        series_id: "ser-f".into(),
        number: None,
        client_id: client_id.into(),
        po_number: String::new(),
        issue_date: d("2026-03-02"),
        delivery_date: None,
        due_date: d("2026-04-01"),
        currency: "EUR".into(),
        lines: vec![Line {
            item_id: None,
            description: "Design work".into(),
            quantity: Decimal::ONE,
            unit_price: Decimal::from(100),
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::from(21)),
        }],
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
        updated_at: t(8),
    }
}

fn payment(id: &str, invoice_id: &str, amount: i64) -> Payment {
    Payment {
        id: id.into(),
        invoice_id: invoice_id.into(),
        date: d("2026-03-20"),
        amount: Decimal::from(amount),
        method_id: None,
        note: String::new(),
        closed_steps: Vec::new(),
        early_discount: None,
        voided: None,
        updated_at: t(9),
    }
}

fn contact(id: &str, invoice_id: Option<&str>, outcome: Outcome) -> ContactEntry {
    ContactEntry {
        id: id.into(),
        client_id: "c-1".into(),
        invoice_id: invoice_id.map(Into::into),
        step_id: None,
        date: d("2026-03-03"),
        channel: Channel::Phone,
        who: "Ana".into(),
        outcome,
        note: String::new(),
        updated_at: t(9),
    }
}

/// A database with one client, the invoice series and drafts `inv-1..=n`.
async fn seeded(name: &str, drafts: usize) -> Db {
    let _ = storage::delete_database(name).await;
    let db = Db::open(name).await.unwrap();
    db.save(&client("c-1")).await.unwrap();
    db.save(&series()).await.unwrap();
    for i in 1..=drafts {
        db.save(&draft(&format!("inv-{i}"), "c-1")).await.unwrap();
    }
    db
}

/// A database with invoice inv-1 issued and sent on 2026-03-02.
async fn sent_invoice(name: &str) -> Db {
    let db = seeded(name, 1).await;
    db.issue_invoice("inv-1", t(9)).await.unwrap();
    let sending = Sending {
        date: d("2026-03-02"),
        channel: Channel::Email,
    };
    db.send_invoice("inv-1", sending, &mut ids("st"), t(9))
        .await
        .unwrap();
    db
}

/// Everything exported at t(12), as the file's text.
async fn exported(db: &Db) -> String {
    db.export_backup(t(12), "test")
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn finish(db: Db, name: &str) {
    fault::fail_nth_write(None);
    db.close();
    storage::delete_database(name).await.unwrap();
}

// ---------------------------------------------------------------- CRUD

#[wasm_bindgen_test]
async fn every_store_saves_finds_lists_and_removes() {
    let name = "st-crud";
    let db = seeded(name, 0).await;

    async fn round_trip<R: storage::Record + Clone + PartialEq + std::fmt::Debug>(db: &Db, a: R, b: R) {
        let before = db.list::<R>().await.unwrap().len();
        db.save(&a).await.unwrap();
        db.save(&b).await.unwrap();
        assert_eq!(db.find::<R>(a.id()).await.unwrap(), Some(a.clone()));
        assert_eq!(db.list::<R>().await.unwrap().len(), before + 2, "{}", R::STORE);
        db.remove::<R>(b.id()).await.unwrap();
        assert!(db.list::<R>().await.unwrap().contains(&a));
        assert_eq!(db.find::<R>(b.id()).await.unwrap(), None);
        assert_eq!(db.find::<R>("missing").await.unwrap(), None);
    }

    let pm = |id: &str| PaymentMethod {
        id: id.into(),
        label: "BBVA".into(),
        kind: PaymentMethodKind::BankTransfer {
            iban: "ES9121000418450200051332".into(),
            bic: "CAIXESBBXXX".into(),
            holder: "Me".into(),
            bank: "Caixa".into(),
        },
        archived: false,
        updated_at: t(8),
    };
    round_trip(&db, pm("pm-1"), pm("pm-2")).await;
    let mut s2 = NumberingSeries::default_for(DocKind::CreditNote, "ser-r".into(), t(8));
    s2.last.insert(2026, 7); // integer map keys must survive the round trip
    round_trip(
        &db,
        NumberingSeries {
            id: "ser-a".into(),
            ..s2.clone()
        },
        s2,
    )
    .await;
    round_trip(&db, client("c-2"), client("c-3")).await;
    let item = |id: &str| CatalogItem {
        id: id.into(),
        name: "Hour".into(),
        description: String::new(),
        unit_price: "45.50".parse().unwrap(),
        vat: VatRate::Exempt("Art. 20".into()),
        archived: false,
        updated_at: t(8),
    };
    round_trip(&db, item("it-1"), item("it-2")).await;
    let quote = |id: &str| Quote {
        id: id.into(),
        series_id: "ser-p".into(),
        number: None,
        client_id: "c-1".into(),
        po_number: String::new(),
        issue_date: d("2026-03-01"),
        valid_until: Some(d("2026-04-01")),
        currency: "EUR".into(),
        lines: draft("x", "c-1").lines,
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        notes: String::new(),
        payment_method_ids: Vec::new(),
        early_payment: None,
        state: QuoteState::Sent {
            date: d("2026-03-01"),
        },
        invoice_id: None,
        updated_at: t(8),
    };
    round_trip(&db, quote("q-1"), quote("q-2")).await;
    round_trip(&db, draft("inv-a", "c-1"), draft("inv-b", "c-1")).await;
    let cn = |id: &str| CreditNote {
        id: id.into(),
        series_id: "ser-r".into(),
        number: None,
        invoice_id: "inv-a".into(),
        client_id: "c-1".into(),
        issue_date: d("2026-03-05"),
        reason: "wrong price".into(),
        currency: "EUR".into(),
        lines: draft("x", "c-1").lines,
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: false,
        updated_at: t(8),
    };
    round_trip(&db, cn("cn-1"), cn("cn-2")).await;
    round_trip(&db, payment("p-1", "inv-a", 10), payment("p-2", "inv-a", 20)).await;
    round_trip(
        &db,
        contact("k-1", Some("inv-a"), Outcome::NoAnswer),
        contact("k-2", None, Outcome::Other),
    )
    .await;
    let step = |id: &str| FollowUpStep {
        id: id.into(),
        invoice_id: "inv-a".into(),
        kind: StepKind::Reminder,
        due: d("2026-04-08"),
        channel: Channel::Email,
        state: StepState::Skipped { reason: "x".into() },
        snoozed_from: None,
        updated_at: t(8),
    };
    round_trip(&db, step("s-1"), step("s-2")).await;

    // Singletons: defaults until saved.
    assert_eq!(db.profile().await.unwrap(), BusinessProfile::default());
    assert_eq!(db.settings().await.unwrap(), AppSettings::default());
    let profile = BusinessProfile {
        name: "Estudio Uno".into(),
        tax_id: "12345678Z".into(),
        ..BusinessProfile::default()
    };
    db.save_profile(&profile).await.unwrap();
    let settings = AppSettings {
        backup_reminder_days: 3,
        ..AppSettings::default()
    };
    db.save_settings(&settings).await.unwrap();
    assert_eq!(db.profile().await.unwrap(), profile);
    assert_eq!(db.settings().await.unwrap(), settings);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn issued_invoices_cannot_be_edited_or_deleted_through_crud() {
    let name = "st-crud-guard";
    let db = seeded(name, 1).await;
    let issued = db.issue_invoice("inv-1", t(9)).await.unwrap();
    let mut edited = issued.clone();
    edited.notes = "changed".into();
    assert!(matches!(db.save(&edited).await, Err(OpError::Refused(_))));
    assert!(matches!(
        db.remove::<Invoice>("inv-1").await,
        Err(OpError::Refused(_))
    ));
    // Nor may CRUD create an issued invoice out of nothing (numbers only come from issuing).
    let mut forged = draft("inv-9", "c-1");
    forged.number = Some("F2026-0099".into());
    assert!(db.save(&forged).await.is_err());
    assert_eq!(db.find::<Invoice>("inv-1").await.unwrap(), Some(issued));
    assert_eq!(db.find::<Invoice>("inv-9").await.unwrap(), None);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn deleting_a_draft_refuses_issued_documents_and_hands_a_quote_back() {
    let name = "st-delete-draft";
    let db = seeded(name, 2).await;
    db.issue_invoice("inv-1", t(9)).await.unwrap();
    // An issued invoice stays: it is corrected with a credit note, never deleted.
    assert!(matches!(
        db.delete_invoice_draft("inv-1", t(10)).await,
        Err(OpError::Refused(_))
    ));
    // A draft made from an accepted quote: deleting it unlinks the quote in the same write.
    let quote = Quote {
        id: "q-1".into(),
        series_id: "ser-p".into(),
        number: Some("P2026-0001".into()),
        client_id: "c-1".into(),
        po_number: String::new(),
        issue_date: d("2026-03-01"),
        valid_until: None,
        currency: "EUR".into(),
        lines: draft("x", "c-1").lines,
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        notes: String::new(),
        payment_method_ids: Vec::new(),
        early_payment: None,
        state: QuoteState::Accepted {
            date: d("2026-03-02"),
        },
        invoice_id: Some("inv-2".into()),
        updated_at: t(8),
    };
    db.save(&quote).await.unwrap();
    let mut from_quote = db.find::<Invoice>("inv-2").await.unwrap().unwrap();
    from_quote.quote_id = Some("q-1".into());
    db.save(&from_quote).await.unwrap();
    db.delete_invoice_draft("inv-2", t(10)).await.unwrap();
    assert_eq!(db.find::<Invoice>("inv-2").await.unwrap(), None);
    let unlinked = db.find::<Quote>("q-1").await.unwrap().unwrap();
    assert_eq!((unlinked.invoice_id, unlinked.updated_at), (None, t(10)));
    // Gone already: not an error (another tab may have deleted it first).
    db.delete_invoice_draft("inv-2", t(10)).await.unwrap();
    // A numbered (sent, answered) quote stays; a draft quote goes.
    assert!(matches!(
        db.delete_quote_draft("q-1").await,
        Err(OpError::Refused(_))
    ));
    let draft_quote = Quote {
        id: "q-2".into(),
        number: None,
        state: QuoteState::Draft,
        invoice_id: None,
        ..quote
    };
    db.save(&draft_quote).await.unwrap();
    db.delete_quote_draft("q-2").await.unwrap();
    assert_eq!(db.find::<Quote>("q-2").await.unwrap(), None);
    assert!(db.find::<Quote>("q-1").await.unwrap().is_some());
    // The deleted draft left no reference behind.
    let data = db.load_all().await.unwrap();
    assert!(data
        .quotes
        .iter()
        .all(|q| q.invoice_id.as_deref() != Some("inv-2")));
    assert_eq!(data.invoices.len(), 1);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn index_lookups_answer_the_screens_questions() {
    let name = "st-lookups";
    let db = sent_invoice(name).await;
    db.save(&client("c-2")).await.unwrap();
    db.save(&draft("inv-2", "c-2")).await.unwrap();
    db.save(&payment("p-1", "inv-1", 20)).await.unwrap();
    db.save(&payment("p-2", "inv-2", 30)).await.unwrap();
    db.save(&contact("k-1", Some("inv-1"), Outcome::NoAnswer))
        .await
        .unwrap();
    db.save(&contact("k-2", None, Outcome::Other)).await.unwrap();

    let of_c2 = db.invoices_of_client("c-2").await.unwrap();
    assert_eq!(of_c2.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["inv-2"]);
    let paid = db.payments_of_invoice("inv-1").await.unwrap();
    assert_eq!(paid.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p-1"]);
    assert_eq!(db.contacts_of_client("c-1").await.unwrap().len(), 2);
    let about = db.contacts_of_invoice("inv-1").await.unwrap();
    assert_eq!(about.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["k-1"]);

    // Sent 2026-03-02, due 2026-04-01: receipt check 03-03, pre-due 03-18, due day 04-01, ...
    let steps = db.steps_of_invoice("inv-1").await.unwrap();
    assert!(steps.len() >= 5, "{steps:?}");
    let by_0318 = db.steps_due_by(d("2026-03-18")).await.unwrap();
    assert!(by_0318.iter().all(|s| s.due <= d("2026-03-18")));
    assert_eq!(
        by_0318.len(),
        steps.iter().filter(|s| s.due <= d("2026-03-18")).count()
    );
    assert!(
        by_0318.windows(2).all(|w| w[0].due <= w[1].due),
        "sorted by due date"
    );

    // Close one: the open-steps lookup drops it, the plain one keeps it.
    let mut first = by_0318[0].clone();
    first.state = StepState::Done {
        date: d("2026-03-03"),
    };
    db.save(&first).await.unwrap();
    let open = db.open_steps_due_by(d("2026-03-18")).await.unwrap();
    assert!(open
        .iter()
        .all(|s| s.state == StepState::Open && s.due <= d("2026-03-18")));
    assert!(!open.iter().any(|s| s.id == first.id));
    assert_eq!(
        db.steps_due_by(d("2026-03-18")).await.unwrap().len(),
        by_0318.len()
    );

    let all = db.load_all().await.unwrap();
    assert_eq!(
        (all.clients.len(), all.invoices.len(), all.payments.len()),
        (2, 2, 2)
    );
    assert_eq!(all.steps.len(), steps.len());
    finish(db, name).await;
}

// ---------------------------------------------------------------- named operations

#[wasm_bindgen_test]
async fn issuing_numbers_consecutively_and_a_failed_write_leaves_nothing() {
    let name = "st-issue";
    let db = seeded(name, 3).await;
    let a = db.issue_invoice("inv-1", t(9)).await.unwrap();
    assert_eq!(a.number.as_deref(), Some("F2026-0001"));
    // Issuing twice is refused by the core.
    assert!(matches!(
        db.issue_invoice("inv-1", t(9)).await,
        Err(OpError::Refused(_))
    ));
    assert!(matches!(
        db.issue_invoice("nope", t(9)).await,
        Err(OpError::NotFound { .. })
    ));

    // The series is written first; the invoice write then fails: neither is visible.
    fault::fail_nth_write(Some(2));
    let err = db.issue_invoice("inv-2", t(9)).await.unwrap_err();
    assert!(!fault::armed(), "the fault must hit a write of this operation");
    assert!(matches!(err, OpError::Storage(_)), "{err}");
    assert_eq!(db.find::<Invoice>("inv-2").await.unwrap().unwrap().number, None);
    let s = db.find::<NumberingSeries>("ser-f").await.unwrap().unwrap();
    assert_eq!(s.last.get(&2026), Some(&1), "the counter did not move");

    let b = db.issue_invoice("inv-2", t(9)).await.unwrap();
    assert_eq!(
        b.number.as_deref(),
        Some("F2026-0002"),
        "no gap after the failure"
    );
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn two_connections_issuing_at_once_get_consecutive_unique_numbers() {
    let name = "st-concurrent";
    let db = seeded(name, 10).await;
    let other = Db::open(name).await.unwrap();
    let calls = (1..=10).map(|i| {
        let conn = if i % 2 == 0 { &db } else { &other };
        issue_owned(conn, format!("inv-{i}"))
    });
    let results = futures::future::join_all(calls).await;
    let mut numbers: Vec<String> = results.into_iter().map(|r| r.unwrap().number.unwrap()).collect();
    numbers.sort();
    let expected: Vec<String> = (1..=10).map(|n| format!("F2026-{n:04}")).collect();
    assert_eq!(numbers, expected);
    let s = db.find::<NumberingSeries>("ser-f").await.unwrap().unwrap();
    assert_eq!(s.last.get(&2026), Some(&10));
    other.close();
    finish(db, name).await;
}

/// `issue_invoice` with an owned id, so the futures can be collected from a map.
async fn issue_owned(db: &Db, id: String) -> Result<Invoice, OpError> {
    db.issue_invoice(&id, t(9)).await
}

#[wasm_bindgen_test]
async fn sending_plans_the_follow_up_atomically() {
    let name = "st-send";
    let db = seeded(name, 1).await;
    let sending = || Sending {
        date: d("2026-03-02"),
        channel: Channel::Email,
    };
    // A draft cannot be sent.
    assert!(matches!(
        db.send_invoice("inv-1", sending(), &mut ids("st"), t(9)).await,
        Err(OpError::Refused(_))
    ));
    db.issue_invoice("inv-1", t(9)).await.unwrap();

    fault::fail_nth_write(Some(2)); // the invoice's pack written, the steps' pack fails
    assert!(db
        .send_invoice("inv-1", sending(), &mut ids("st"), t(9))
        .await
        .is_err());
    assert!(!fault::armed());
    assert_eq!(db.find::<Invoice>("inv-1").await.unwrap().unwrap().sent, None);
    assert!(db.steps_of_invoice("inv-1").await.unwrap().is_empty());

    let (inv, steps) = db
        .send_invoice("inv-1", sending(), &mut ids("st"), t(9))
        .await
        .unwrap();
    assert_eq!(inv.sent, Some(sending()));
    let kinds: Vec<StepKind> = steps.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&StepKind::ReceiptCheck) && kinds.contains(&StepKind::Escalation));
    assert_eq!(db.steps_of_invoice("inv-1").await.unwrap().len(), steps.len());
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn a_payment_in_full_closes_the_steps_in_the_same_transaction() {
    let name = "st-pay";
    let db = sent_invoice(name).await;
    let open = |steps: &[FollowUpStep]| steps.iter().filter(|s| s.state == StepState::Open).count();
    let before = db.steps_of_invoice("inv-1").await.unwrap();
    assert!(open(&before) > 0);

    assert!(matches!(
        db.record_payment(&payment("p-0", "inv-1", 0), d("2026-03-20"), None, t(10))
            .await,
        Err(OpError::Payment(PaymentError::NotPositive { .. }))
    ));
    let partial = db
        .record_payment(&payment("p-1", "inv-1", 21), d("2026-03-20"), None, t(10))
        .await
        .unwrap();
    assert_eq!(partial.owed, Decimal::from(100));
    assert!(partial.closed_steps.is_empty());

    // A pack of the paid family written, the next one fails: payment and steps are as before.
    fault::fail_nth_write(Some(2));
    assert!(db
        .record_payment(&payment("p-2", "inv-1", 100), d("2026-03-20"), None, t(10))
        .await
        .is_err());
    assert!(!fault::armed());
    assert_eq!(db.find::<Payment>("p-2").await.unwrap(), None);
    assert_eq!(db.steps_of_invoice("inv-1").await.unwrap(), before);

    let full = db
        .record_payment(&payment("p-2", "inv-1", 100), d("2026-03-20"), None, t(10))
        .await
        .unwrap();
    assert_eq!(full.owed, Decimal::ZERO);
    assert_eq!(full.closed_steps.len(), open(&before));
    let after = db.steps_of_invoice("inv-1").await.unwrap();
    assert_eq!(open(&after), 0);
    assert!(db.open_steps_due_by(d("2027-01-01")).await.unwrap().is_empty());
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn a_wrong_payment_is_voided_or_corrected_and_the_steps_follow() {
    let name = "st-void";
    let db = sent_invoice(name).await;
    let open = |steps: &[FollowUpStep]| steps.iter().filter(|s| s.state == StepState::Open).count();
    let open_before = open(&db.steps_of_invoice("inv-1").await.unwrap());
    let today = d("2026-03-20");

    // Dated after today, or beyond what is owed without the excess confirmed: refused.
    let mut later = payment("p-0", "inv-1", 10);
    later.date = d("2026-03-21");
    assert!(matches!(
        db.record_payment(&later, today, None, t(10)).await,
        Err(OpError::Payment(PaymentError::InFuture { .. }))
    ));
    let wrong = payment("p-1", "inv-1", 9999);
    let Err(OpError::Payment(PaymentError::Overpayment { by, .. })) =
        db.record_payment(&wrong, today, None, t(10)).await
    else {
        panic!("an overpayment must be confirmed");
    };
    assert_eq!(by, Decimal::from(9999 - 121));
    assert_eq!(db.find::<Payment>("p-1").await.unwrap(), None);
    let done = db.record_payment(&wrong, today, Some(by), t(10)).await.unwrap();
    assert_eq!((done.owed, done.overpaid), (Decimal::ZERO, by));
    assert_eq!(open(&db.steps_of_invoice("inv-1").await.unwrap()), 0);

    // Corrected to the right amount: the original stays, voided, naming its replacement.
    let right = payment("p-2", "inv-1", 121);
    let fixed = db
        .correct_payment("p-1", &right, "", today, None, t(11))
        .await
        .unwrap();
    assert_eq!((fixed.owed, fixed.overpaid), (Decimal::ZERO, Decimal::ZERO));
    let old = db.find::<Payment>("p-1").await.unwrap().unwrap();
    assert_eq!(old.voided.and_then(|v| v.replaced_by).as_deref(), Some("p-2"));

    // A void that fails half-way leaves everything as it was.
    let before = db.payments_of_invoice("inv-1").await.unwrap();
    fault::fail_nth_write(Some(2));
    assert!(db
        .void_payment("inv-1", "p-2", "devuelto", today, t(12))
        .await
        .is_err());
    assert!(!fault::armed());
    assert_eq!(db.payments_of_invoice("inv-1").await.unwrap(), before);

    // Voided: owed again, and the steps the payment had closed are open again.
    let voided = db
        .void_payment("inv-1", "p-2", "devuelto", today, t(12))
        .await
        .unwrap();
    assert_eq!(voided.owed, Decimal::from(121));
    assert_eq!(open(&db.steps_of_invoice("inv-1").await.unwrap()), open_before);
    assert_eq!(db.payments_of_invoice("inv-1").await.unwrap().len(), 2);
    assert!(matches!(
        db.void_payment("inv-1", "p-2", "otra vez", today, t(13)).await,
        Err(OpError::Payment(PaymentError::AlreadyVoided))
    ));
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn a_record_is_deleted_only_when_nothing_names_it_and_archived_otherwise() {
    let name = "st-archive";
    let db = seeded(name, 1).await;
    db.save(&client("c-free")).await.unwrap();
    // c-1 is named by the draft inv-1: refused, nothing deleted.
    let refused = db.delete_unused(ArchiveKind::Client, "c-1").await;
    assert!(matches!(refused, Err(OpError::InUse(UsageError::InUse(u))) if u.invoices == 1));
    assert!(db.find::<Client>("c-1").await.unwrap().is_some());
    // Archived instead, and restored.
    db.set_archived(ArchiveKind::Client, "c-1", true, t(10))
        .await
        .unwrap();
    assert!(db.find::<Client>("c-1").await.unwrap().unwrap().archived);
    db.set_archived(ArchiveKind::Client, "c-1", false, t(11))
        .await
        .unwrap();
    assert!(!db.find::<Client>("c-1").await.unwrap().unwrap().archived);
    // A client nothing names is deleted; deleting it again is not an error.
    db.delete_unused(ArchiveKind::Client, "c-free").await.unwrap();
    assert_eq!(db.find::<Client>("c-free").await.unwrap(), None);
    db.delete_unused(ArchiveKind::Client, "c-free").await.unwrap();
    // The archived flag travels in a backup.
    db.set_archived(ArchiveKind::Client, "c-1", true, t(12))
        .await
        .unwrap();
    let text = exported(&db).await;
    let back = backup::parse(&text).unwrap().data;
    assert!(back.clients.iter().any(|c| c.id == "c-1" && c.archived));
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn logging_a_contact_acts_on_the_invoice_and_its_steps() {
    let name = "st-contact";
    let db = sent_invoice(name).await;
    let steps = db.steps_of_invoice("inv-1").await.unwrap();
    let receipt_check = steps
        .iter()
        .find(|s| s.kind == StepKind::ReceiptCheck)
        .unwrap()
        .clone();

    // Confirmed receipt, answering the receipt check.
    let mut entry = contact("k-1", Some("inv-1"), Outcome::ConfirmedReceipt);
    entry.step_id = Some(receipt_check.id.clone());
    let logged = db.log_contact(&entry, &mut ids("pc"), t(10)).await.unwrap();
    assert_eq!(logged.invoice.unwrap().receipt.unwrap().confirmed_by, "Ana");
    let done = db.find::<FollowUpStep>(&receipt_check.id).await.unwrap().unwrap();
    assert_eq!(
        done.state,
        StepState::Done {
            date: d("2026-03-03")
        }
    );

    // A promise: a promise check appears; a failure half-way leaves no trace.
    let promise = contact(
        "k-2",
        Some("inv-1"),
        Outcome::PromisedToPay {
            date: d("2026-04-10"),
        },
    );
    fault::fail_nth_write(Some(2));
    assert!(db.log_contact(&promise, &mut ids("pc"), t(10)).await.is_err());
    assert!(!fault::armed());
    assert_eq!(db.find::<ContactEntry>("k-2").await.unwrap(), None);
    assert!(!db
        .steps_of_invoice("inv-1")
        .await
        .unwrap()
        .iter()
        .any(|s| s.kind == StepKind::PromiseCheck));

    let logged = db.log_contact(&promise, &mut ids("pc"), t(10)).await.unwrap();
    let check = logged
        .steps
        .iter()
        .find(|s| s.kind == StepKind::PromiseCheck)
        .unwrap();
    assert_eq!(check.due, d("2026-04-11"));
    assert_eq!(
        db.find::<FollowUpStep>(&check.id).await.unwrap().as_ref(),
        Some(check)
    );

    // A dispute opens on the invoice.
    let dispute = contact(
        "k-3",
        Some("inv-1"),
        Outcome::Disputed {
            reason: "wrong hours".into(),
        },
    );
    let logged = db.log_contact(&dispute, &mut ids("pc"), t(11)).await.unwrap();
    assert_eq!(logged.invoice.unwrap().disputes.len(), 1);
    let stored = db.find::<Invoice>("inv-1").await.unwrap().unwrap();
    assert!(cobro_core::lifecycle::current_dispute(&stored).is_some());
    assert_eq!(db.contacts_of_invoice("inv-1").await.unwrap().len(), 3);

    // Resolving resumes the follow-up.
    let (resolved, _) = db.resolve_dispute("inv-1", d("2026-03-10"), t(12)).await.unwrap();
    assert!(cobro_core::lifecycle::current_dispute(&resolved).is_none());
    finish(db, name).await;
}

// ---------------------------------------------------------------- schema

#[wasm_bindgen_test]
async fn a_database_created_at_v1_upgrades_and_keeps_its_data() {
    let name = "st-upgrade";
    let _ = storage::delete_database(name).await;
    // What the first release left on disk: the v1 schema, with data.
    let old = Db::open_at(name, 1, || {}).await.unwrap();
    old.put_legacy(keys::CLIENTS, &client("c-1")).await.unwrap();
    let step = FollowUpStep {
        id: "s-1".into(),
        invoice_id: "inv-1".into(),
        kind: StepKind::DueDay,
        due: d("2026-04-01"),
        channel: Channel::Email,
        state: StepState::Open,
        snoozed_from: None,
        updated_at: t(8),
    };
    old.put_legacy(keys::STEPS, &step).await.unwrap();
    // No packs yet.
    assert!(old.open_steps_due_by(d("2026-05-01")).await.is_err());
    old.close();

    let db = Db::open(name).await.unwrap();
    assert_eq!(migrations::CURRENT_VERSION, 3);
    assert_eq!(db.find::<Client>("c-1").await.unwrap(), Some(client("c-1")));
    // The records written before the upgrade are in packs, the open step among the hot ones.
    assert_eq!(
        db.open_steps_due_by(d("2026-05-01")).await.unwrap(),
        vec![step.clone()]
    );
    let all = db.load_all().await.unwrap();
    assert_eq!((all.clients.len(), all.steps.len()), (1, 1));
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn an_upgrade_that_cannot_read_a_record_changes_nothing() {
    let name = "st-upgrade-bad";
    let _ = storage::delete_database(name).await;
    let old = Db::open_at(name, 2, || {}).await.unwrap();
    old.put_legacy(keys::CLIENTS, &client("c-1")).await.unwrap();
    // A record no version of Cobro wrote (an amount as a number): it must not be lost in the move.
    old.put_legacy(keys::PAYMENTS, &serde_json::json!({"id": "p-1", "amount": 5}))
        .await
        .unwrap();
    old.close();
    assert!(Db::open(name).await.is_err(), "the upgrade aborts");
    // The database is still at v2, with its records where they were.
    let back = Db::open_at(name, 2, || {}).await.unwrap();
    let tx_clients: Option<Client> = back.get_legacy(keys::CLIENTS, "c-1").await.unwrap();
    assert_eq!(tx_clients, Some(client("c-1")));
    back.close();
    storage::delete_database(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_upgrade_in_another_tab_closes_this_connection_and_says_so() {
    let name = "st-versionchange";
    let _ = storage::delete_database(name).await;
    let told = Rc::new(RefCell::new(false));
    let flag = told.clone();
    let db = Db::open_with_notice(name, move || *flag.borrow_mut() = true)
        .await
        .unwrap();
    assert!(!db.closed_by_upgrade());
    // "Another tab" with a newer build: it would wait for ever if we did not close.
    let newer = Db::open_at(name, migrations::CURRENT_VERSION + 1, || {})
        .await
        .unwrap();
    assert!(db.closed_by_upgrade());
    assert!(*told.borrow());
    let err = db.list::<Client>().await.unwrap_err();
    assert_eq!(err.kind, StorageErrorKind::Closed, "{err}");
    db.close();
    newer.close();
    storage::delete_database(name).await.unwrap();
}

// ---------------------------------------------------------------- backups

#[wasm_bindgen_test]
async fn a_backup_is_made_while_every_write_fails() {
    let name = "st-backup-full";
    let db = sent_invoice(name).await;
    let before = db.load_all().await.unwrap();
    // A full disk: the first write of whatever comes next fails.
    fault::fail_nth_write(Some(1));
    let file = exported(&db).await;
    assert!(fault::armed(), "making the file wrote something");
    let parsed = backup::parse(&file).unwrap();
    assert_eq!(parsed.data, before);
    // Recording the export is then refused, plainly, and changes nothing.
    let err = db.record_export(t(12)).await.unwrap_err();
    assert!(!fault::armed());
    assert!(!err.to_string().is_empty());
    assert_eq!(db.load_all().await.unwrap(), before);
    assert_eq!(db.settings().await.unwrap().last_export_at, None);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn export_clear_import_export_is_byte_identical() {
    let name = "st-backup";
    let db = sent_invoice(name).await;
    db.record_payment(&payment("p-1", "inv-1", 50), d("2026-03-20"), None, t(10))
        .await
        .unwrap();
    db.save_profile(&BusinessProfile {
        name: "Estudio Uno".into(),
        ..BusinessProfile::default()
    })
    .await
    .unwrap();
    let first = exported(&db).await;
    // Making the file writes nothing; the page records the export once the file is handed over.
    assert_eq!(db.settings().await.unwrap().last_export_at, None);
    db.record_export(t(12)).await.unwrap();
    assert_eq!(db.settings().await.unwrap().last_export_at, Some(t(12)));

    db.clear_all().await.unwrap();
    assert!(db.load_all().await.unwrap().invoices.is_empty());
    let parsed = backup::parse(&first).unwrap();
    let preview = db.import_preview(&parsed.data).await.unwrap();
    assert!(!preview.merge.blocked());
    db.import_backup(&parsed, ImportMode::Replace).await.unwrap();
    let second = exported(&db).await;
    assert_eq!(first, second);

    // Merging the same file into the same data changes nothing. (Compared
    // with an export made just before: each export records its own stamp.)
    let before_merge = exported(&db).await;
    let summary = db
        .import_backup(&parsed, ImportMode::Merge)
        .await
        .unwrap()
        .unwrap();
    assert!(!summary.blocked());
    assert_eq!(exported(&db).await, before_merge);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn a_rejected_import_leaves_the_data_unchanged() {
    let name = "st-import-reject";
    let db = sent_invoice(name).await;
    let text = exported(&db).await;
    let before = db.load_all().await.unwrap();

    // A damaged file: the core reports every problem; nothing is imported.
    let damaged = text.replace("\"F2026-0001\"", "\"F2026-0009\"");
    let errors = backup::parse(&damaged).unwrap_err();
    assert!(!errors.problems.is_empty());
    assert!(!errors.to_string().is_empty());

    // A merge that would give number F2026-0001 to a second invoice is refused whole.
    let mut clash = backup::parse(&text).unwrap();
    clash.data.invoices[0].id = "inv-other".into();
    let refused = db.import_backup(&clash, ImportMode::Merge).await.unwrap_err();
    assert!(matches!(refused, OpError::Merge(_)), "{refused}");
    let current = db.load_all().await.unwrap();
    assert_eq!(current.invoices, before.invoices);
    assert_eq!(current.steps, before.steps);

    // A write that fails half-way through a replace leaves the old data whole.
    fault::fail_nth_write(Some(3));
    let good = backup::parse(&text).unwrap();
    assert!(db.import_backup(&good, ImportMode::Replace).await.is_err());
    assert!(!fault::armed());
    assert_eq!(db.load_all().await.unwrap(), current);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn the_export_is_the_cores_file_and_a_restore_keeps_the_files_bytes() {
    let name = "st-export-bytes";
    let db = sent_invoice(name).await;
    db.record_payment(&payment("p-1", "inv-1", 50), d("2026-03-20"), None, t(10))
        .await
        .unwrap();
    let data = db.load_all().await.unwrap();
    // Assembled from the packs' bytes, it is what the core writes for the same data.
    let file = exported(&db).await;
    assert_eq!(file, backup::export(&data, t(12), "test").unwrap());
    // Restored from the file's own bytes (none written again), the data and the file are the same.
    db.clear_all().await.unwrap();
    let parsed = backup::parse(&file).unwrap();
    assert!(parsed.spans.is_some());
    db.import_file(&parsed, Some(file.as_bytes()), ImportMode::Replace)
        .await
        .unwrap();
    assert_eq!(db.load_all().await.unwrap(), parsed.data);
    assert_eq!(exported(&db).await, file);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn committed_changes_bring_a_copy_in_memory_to_what_a_reload_reads() {
    let name = "st-changes";
    let db = sent_invoice(name).await;
    let copy = Rc::new(RefCell::new(db.load_all().await.unwrap()));
    let everything = Rc::new(RefCell::new(0));
    let (c, e) = (copy.clone(), everything.clone());
    db.on_commit(move |committed| match committed {
        storage::Committed::Changes(changes) => cobro_core::pack::apply(&mut c.borrow_mut(), changes),
        storage::Committed::Everything(data) => {
            *e.borrow_mut() += 1;
            *c.borrow_mut() = (**data).clone();
        }
    });
    let sorted = |d: cobro_core::Dataset| backup::sorted(&d);
    // A payment in full moves the invoice's family from the hot packs to the cold ones.
    db.record_payment(&payment("p-1", "inv-1", 121), d("2026-03-20"), None, t(10))
        .await
        .unwrap();
    db.save(&client("c-2")).await.unwrap();
    db.save(&draft("inv-2", "c-2")).await.unwrap();
    db.remove::<Invoice>("inv-2").await.unwrap();
    db.log_contact(&contact("k-1", None, Outcome::Other), &mut ids("pc"), t(11))
        .await
        .unwrap();
    db.save_settings(&AppSettings {
        backup_reminder_days: 2,
        ..AppSettings::default()
    })
    .await
    .unwrap();
    // A refused write changes nothing anywhere.
    assert!(db.issue_invoice("nope", t(9)).await.is_err());
    let reloaded = db.load_all().await.unwrap();
    assert_eq!(sorted(copy.borrow().clone()), sorted(reloaded));
    assert_eq!(*everything.borrow(), 0);
    db.clear_all().await.unwrap();
    assert_eq!(*everything.borrow(), 1, "a clear is announced as everything");
    assert_eq!(
        *copy.borrow(),
        cobro_core::Dataset::default(),
        "and hands over the empty data"
    );
    finish(db, name).await;
}

/// A draft opened right after a restore used to say "not found" for a while: the import
/// told the copy in memory only that everything changed, and the screens showed the data from
/// before the restore until it was all read again. The commit now hands over what was
/// imported, so the copy has the restored draft the moment the import is done.
#[wasm_bindgen_test]
async fn an_import_hands_the_copy_in_memory_what_it_restored() {
    let name = "st-import-copy";
    let db = sent_invoice(name).await;
    db.save(&draft("inv-9", "c-1")).await.unwrap();
    let file = exported(&db).await;
    db.clear_all().await.unwrap();
    let copy = Rc::new(RefCell::new(cobro_core::Dataset::default()));
    let c = copy.clone();
    db.on_commit(move |committed| match committed {
        storage::Committed::Changes(changes) => cobro_core::pack::apply(&mut c.borrow_mut(), changes),
        storage::Committed::Everything(data) => *c.borrow_mut() = (**data).clone(),
    });
    for mode in [ImportMode::Replace, ImportMode::Merge] {
        let parsed = backup::parse(&file).unwrap();
        db.import_file(&parsed, Some(file.as_bytes()), mode)
            .await
            .unwrap();
        assert!(
            copy.borrow().invoices.iter().any(|i| i.id == "inv-9"),
            "{mode:?}: the restored draft is there as soon as the import is"
        );
        let stored = backup::sorted(&db.load_all().await.unwrap());
        assert_eq!(
            backup::sorted(&copy.borrow()),
            stored,
            "{mode:?}: and the copy is what storage holds"
        );
    }
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn the_start_up_reads_the_agenda_first_and_the_rest_after() {
    let name = "st-start";
    let db = sent_invoice(name).await;
    db.save(&draft("inv-2", "c-1")).await.unwrap();
    db.issue_invoice("inv-2", t(9)).await.unwrap();
    // inv-2 issued and paid in full: settled history for the start-up (an issued invoice
    // still owed is followed up, sent or not, so it is read first).
    db.record_payment(&payment("p-2", "inv-2", 121), d("2026-03-20"), None, t(10))
        .await
        .unwrap();
    let (start, later) = db.load_start().await.unwrap();
    let ids: Vec<&str> = start.invoices.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["inv-1"], "only the hot family");
    assert_eq!(start.clients.len(), 1);
    assert!(start.steps.iter().any(|s| s.state == StepState::Open));
    let mut all = start.clone();
    let mut later = later.arrive().await.unwrap();
    while !later.decode_some(&mut all, 1).unwrap() {}
    assert_eq!(
        backup::sorted(&all),
        backup::sorted(&db.load_all().await.unwrap())
    );
    finish(db, name).await;
}

// ---------------------------------------------------------------- tabs, durability, files

/// Waits until `seen` has something or a second has passed, then a little more (delivery is
/// a task of its own), and returns what was heard.
async fn heard(seen: &Rc<RefCell<Vec<broadcast::Change>>>) -> Vec<broadcast::Change> {
    for _ in 0..50 {
        if !seen.borrow().is_empty() {
            break;
        }
        sleep(20).await;
    }
    sleep(50).await;
    seen.borrow().clone()
}

#[wasm_bindgen_test]
async fn committed_writes_are_announced_to_other_tabs() {
    let name = "st-broadcast";
    let db = seeded(name, 1).await;
    // What another tab hears: a listener on the channel that is not this tab's subscription.
    let other: Rc<RefCell<Vec<broadcast::Change>>> = Rc::default();
    let sink = other.clone();
    let channel = web_sys::BroadcastChannel::new(broadcast::CHANNEL).unwrap();
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            let text = e.data().as_string().unwrap();
            sink.borrow_mut().push(serde_json::from_str(&text).unwrap());
        },
    );
    channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(on_message.as_ref())));
    // What this tab hears.
    let own: Rc<RefCell<Vec<broadcast::Change>>> = Rc::default();
    let own_sink = own.clone();
    let sub = broadcast::subscribe(name, move |c| own_sink.borrow_mut().push(c)).unwrap();
    db.issue_invoice("inv-1", t(9)).await.unwrap();
    // A failed write is not announced.
    fault::fail_nth_write(Some(1));
    assert!(db.save(&client("c-9")).await.is_err());
    let got: Vec<_> = heard(&other).await.into_iter().filter(|c| c.db == name).collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].from, broadcast::tab_id());
    assert!(got[0].stores.contains(&keys::INVOICES.to_string()));
    assert!(got[0].stores.contains(&keys::SERIES.to_string()));
    // This tab does not hear its own write (it would read everything again for nothing).
    assert_eq!(*own.borrow(), vec![], "a tab's own writes are not heard");
    // Another tab's write is heard.
    let theirs = broadcast::Change {
        from: "another-tab".into(),
        db: name.into(),
        stores: vec![keys::CLIENTS.into()],
    };
    broadcast::post(&theirs);
    assert_eq!(heard(&own).await, vec![theirs]);
    channel.set_onmessage(None);
    channel.close();
    drop(sub);
    finish(db, name).await;
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn a_full_disk_is_reported_in_its_own_words() {
    let e = storage::StorageError::from_dom("write", keys::INVOICES, "QuotaExceededError", "quota");
    assert!(e.is_quota());
    assert!(e.to_string().contains("no more storage space"), "{e}");
    assert!(e.to_string().contains("Export a backup"));
    let other = storage::StorageError::from_dom("write", keys::INVOICES, "DataError", "bad key");
    assert!(!other.is_quota());
    assert_eq!(other.message, "bad key");
}

#[wasm_bindgen_test]
fn the_backup_reminder_rule() {
    let now = t(12);
    let settings = |last: Option<DateTime<Utc>>| AppSettings {
        last_export_at: last,
        backup_reminder_days: 7,
        backup_reminder_invoices: 3,
        ..AppSettings::default()
    };
    let issued = |n: usize, at: DateTime<Utc>| -> Vec<Invoice> {
        (0..n)
            .map(|i| Invoice {
                number: Some(format!("F2026-{i:04}")),
                updated_at: at,
                ..draft(&format!("i{i}"), "c")
            })
            .collect()
    };
    // Nothing yet: no nagging.
    let r = durability::backup_reminder(&settings(None), &[draft("x", "c")], now);
    assert_eq!((r.days_since, r.invoices_since, r.warn), (None, 0, false));
    // Never exported, with an issued invoice: warn.
    assert!(durability::backup_reminder(&settings(None), &issued(1, now), now).warn);
    // Exported 6 days ago, 2 invoices since: quiet.
    let six = now - Duration::days(6);
    let r = durability::backup_reminder(&settings(Some(six)), &issued(2, now), now);
    assert_eq!((r.days_since, r.invoices_since, r.warn), (Some(6), 2, false));
    // 7 days: warn.
    let seven = now - Duration::days(7);
    assert!(durability::backup_reminder(&settings(Some(seven)), &[], now).warn);
    // 3 invoices changed since: warn; invoices older than the export do not count.
    assert!(durability::backup_reminder(&settings(Some(six)), &issued(3, now), now).warn);
    let r = durability::backup_reminder(&settings(Some(six)), &issued(5, six - Duration::hours(1)), now);
    assert_eq!((r.invoices_since, r.warn), (0, false));
    // Thresholds of 0 turn the rule off; a clock set back counts 0 days.
    let off = AppSettings {
        backup_reminder_days: 0,
        backup_reminder_invoices: 0,
        ..settings(Some(now - Duration::days(400)))
    };
    assert!(!durability::backup_reminder(&off, &issued(50, now), now).warn);
    let future = durability::backup_reminder(&settings(Some(now + Duration::days(2))), &[], now);
    assert_eq!((future.days_since, future.warn), (Some(0), false));
}

#[wasm_bindgen_test]
async fn durability_reports_space_and_persistence_without_failing() {
    let est = durability::estimate().await.expect("Chromium gives an estimate");
    assert!(est.quota > 0.0 && est.used >= 0.0);
    // Headless Chromium may or may not grant it; it must answer either way.
    let _granted: bool = durability::persist().await;
}

#[wasm_bindgen_test]
async fn files_and_downloads() {
    assert_eq!(
        download::backup_file_name(d("2026-03-02")),
        "cobro-backup-2026-03-02.json"
    );
    download::download_backup("{\"x\":1}\n", d("2026-03-02")).unwrap();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str("{\"ñ\":\"€\"}"));
    let blob = web_sys::Blob::new_with_str_sequence(&parts).unwrap();
    assert_eq!(files::read_text(&blob).await.unwrap(), "{\"ñ\":\"€\"}");
}

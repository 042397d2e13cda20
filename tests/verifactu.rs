//! Billing records in the browser's database: issuing an invoice or a credit note writes its
//! record (and the first time, the start-of-use event) in the same transaction; a record entry
//! can never be overwritten; a backup carries the chain, a restore on a new device continues
//! it, and a restore that would fork it is refused with nothing written.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use cobro::storage::backup::ImportMode;
use cobro::storage::{self, Db};
use cobro_core::lifecycle::CreditScope;
use cobro_core::verifactu::chain;
use cobro_core::{Address, BusinessProfile, Client, DocKind, Invoice, Lang, Line, NumberingSeries, VatRate};
use rust_decimal::Decimal;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn t(h: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap()
}

fn client() -> Client {
    Client {
        id: "c1".into(),
        legal_name: "Cliente SL".into(),
        tax_id: "B12345674".into(),
        address: Address::default(),
        ap_contact_name: String::new(),
        ap_contact_email: String::new(),
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

fn draft(id: &str) -> Invoice {
    Invoice {
        id: id.into(),
        series_id: "ser-f".into(),
        number: None,
        client_id: "c1".into(),
        po_number: String::new(),
        issue_date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        delivery_date: None,
        due_date: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        currency: "EUR".into(),
        lines: vec![Line {
            item_id: None,
            description: "Diseño".into(),
            quantity: Decimal::ONE,
            unit_price: Decimal::from(100),
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::from(21)),
        }],
        withholding_pct: Decimal::from(15),
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

async fn seeded(name: &str) -> Db {
    let _ = storage::delete_database(name).await;
    let db = Db::open(name).await.unwrap();
    db.save_profile(&BusinessProfile {
        name: "Ana Autónoma".into(),
        tax_id: "12345678Z".into(),
        ..BusinessProfile::default()
    })
    .await
    .unwrap();
    db.save(&client()).await.unwrap();
    db.save(&NumberingSeries::default_for(
        DocKind::Invoice,
        "ser-f".into(),
        t(8),
    ))
    .await
    .unwrap();
    let credit = NumberingSeries::default_for(DocKind::CreditNote, "ser-r".into(), t(8));
    db.save(&credit).await.unwrap();
    let mut settings = db.settings().await.unwrap();
    settings.credit_note_series_id = Some("ser-r".into());
    db.save_settings(&settings).await.unwrap();
    db
}

#[wasm_bindgen_test]
async fn issuing_writes_the_record_in_the_same_transaction_and_a_restore_continues_the_chain() {
    let db = seeded("vf-chain-a").await;
    // Nothing recorded yet: the page need not start the worker for a check.
    assert!(!db.has_billing_entries().await.unwrap());
    assert!(!db.has_certificate().await.unwrap());
    for i in 1..=2 {
        db.save(&draft(&format!("i{i}"))).await.unwrap();
        db.issue_invoice(&format!("i{i}"), t(9 + i)).await.unwrap();
    }
    let mut n = 0;
    let mut ids = move || {
        n += 1;
        format!("cn{n}")
    };
    let lines = draft("x").lines;
    db.issue_credit_note_for(
        "i1",
        CreditScope::Lines(lines),
        "Descuento",
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
        &mut ids,
        t(12),
    )
    .await
    .unwrap();
    let ledger = db.ledger().await.unwrap();
    assert_eq!(ledger.records.len(), 3, "two invoices and one credit note");
    assert_eq!(ledger.events.len(), 1, "the start-of-use event");
    assert!(ledger.records[2]
        .xml
        .contains("<sf:TipoFactura>R1</sf:TipoFactura>"));
    let report = chain::check(&ledger, &t(23).fixed_offset());
    assert_eq!(report.findings, vec![]);
    assert_eq!(report.unsigned, 4, "no certificate loaded yet");
    assert!(db.has_billing_entries().await.unwrap());
    assert!(!db.has_certificate().await.unwrap());

    // Restore on a new device: it continues the same installation's chain.
    let file = db
        .export_backup(t(13), "test")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let parsed = cobro_core::backup::parse(&file).unwrap();
    assert_eq!(parsed.data.settings.verifactu.ledger.records.len(), 3);
    let other = seeded("vf-chain-b").await;
    other.import_backup(&parsed, ImportMode::Replace).await.unwrap();
    let restored = other.ledger().await.unwrap();
    assert_eq!(
        restored.origin, ledger.origin,
        "the new device continues the backup's installation"
    );
    assert_eq!(restored.records.len(), 3);
    assert!(
        restored
            .events
            .iter()
            .any(|e| e.xml.contains("<sf:TipoEvento>07</sf:TipoEvento>")),
        "restore event"
    );
    other.save(&draft("i3")).await.unwrap();
    other.issue_invoice("i3", t(14)).await.unwrap();
    let after = other.ledger().await.unwrap();
    assert_eq!(after.records.len(), 4);
    // The restore event is stamped with the real clock.
    let now = cobro::platform::clock::now().fixed_offset();
    assert_eq!(chain::check(&after, &now).findings, vec![], "one unbroken chain");
    // The settings stored never hold the records (they travel only in files).
    assert!(other.settings().await.unwrap().verifactu.ledger.is_empty());

    // The old device issues too: its chain and the restored one now differ at position 4.
    db.save(&draft("i4")).await.unwrap();
    db.issue_invoice("i4", t(15)).await.unwrap();
    let old_file = db
        .export_backup(t(16), "test")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let old = cobro_core::backup::parse(&old_file).unwrap();
    let before = other.ledger().await.unwrap();
    let refused = other.import_backup(&old, ImportMode::Merge).await;
    assert!(refused.is_err(), "a fork is refused");
    assert_eq!(other.ledger().await.unwrap(), before, "nothing written");

    db.close();
    other.close();
    storage::delete_database("vf-chain-a").await.unwrap();
    storage::delete_database("vf-chain-b").await.unwrap();
}

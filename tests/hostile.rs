//! Hostile backups in a real browser (issue 8, item 1): a sample of the malformed and
//! malicious files of `core/tests/hostile_backups.rs`, made here from the seeded
//! database's own export, goes through the app's import path (the bytes parsed by the
//! core as the Backup page does, then preview and replace or merge in IndexedDB); each
//! is refused by name and every store is left exactly as it was.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use cobro::storage::backup::ImportMode;
use cobro::storage::{self, Db};
use cobro_core::backup::{self, BackupErrors, ParseOptions, ProblemCode};
use cobro_core::{
    Address, Client, DocKind, Invoice, Lang, Line, NumberingSeries, Payment, PaymentMethod,
    PaymentMethodKind, VatRate,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn t(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A small business: a payment method, a client, an issued invoice with a payment.
async fn seeded(name: &str) -> Db {
    let _ = storage::delete_database(name).await;
    let db = Db::open(name).await.unwrap();
    db.save(&PaymentMethod {
        id: "pm-1".into(),
        kind: PaymentMethodKind::Bizum {
            phone: "+34 600 000 000".into(),
        },
        label: "Bizum".into(),
        archived: false,
        updated_at: t(8),
    })
    .await
    .unwrap();
    db.save(&Client {
        id: "c-1".into(),
        legal_name: "Cliente Uno SL".into(),
        tax_id: "B12345674".into(),
        address: Address::default(),
        ap_contact_name: String::new(),
        ap_contact_email: "ap@example.es".into(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec!["pm-1".into()],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: "Notas: ñandú".into(),
        policy_override: None,
        archived: false,
        updated_at: t(8),
    })
    .await
    .unwrap();
    db.save(&NumberingSeries {
        id: "s-inv".into(),
        kind: DocKind::Invoice,
        prefix: "F".into(),
        include_year: true,
        separator: "-".into(),
        padding: 4,
        yearly_reset: true,
        last: Default::default(),
        carried_over: Default::default(),
        updated_at: t(8),
    })
    .await
    .unwrap();
    let draft = Invoice {
        id: "inv-1".into(),
        series_id: "s-inv".into(),
        number: None,
        client_id: "c-1".into(),
        po_number: String::new(),
        issue_date: d("2026-03-02"),
        delivery_date: None,
        due_date: d("2026-04-01"),
        currency: "EUR".into(),
        lines: vec![Line {
            item_id: None,
            description: "Diseño".into(),
            quantity: Decimal::ONE,
            unit_price: Decimal::new(10_000, 2),
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::new(21, 0)),
        }],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec!["pm-1".into()],
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: t(9),
    };
    db.save(&draft).await.unwrap();
    db.issue_invoice("inv-1", t(9)).await.unwrap();
    db.record_payment(
        &Payment {
            id: "p-1".into(),
            invoice_id: "inv-1".into(),
            date: d("2026-03-03"),
            amount: Decimal::new(5_000, 2),
            method_id: Some("pm-1".into()),
            note: String::new(),
            closed_steps: Vec::new(),
            early_discount: None,
            voided: None,
            updated_at: t(10),
        },
        d("2026-03-03"),
        None,
        t(10),
    )
    .await
    .unwrap();
    db
}

/// The sample: (name, bytes, expected problem code, expected path).
fn sample(export: &str) -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let base: Value = serde_json::from_str(export).unwrap();
    let edited = |edit: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        edit(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    };
    // Signed again, as someone who knows the format would: only the data is wrong.
    let signed = |edit: &dyn Fn(&mut Value)| backup::v2::reseal(&edited(edit)).unwrap();
    let trimmed = export.trim_end();
    let notes_at = export.find("\"notes\":\"").unwrap() + 9;
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(export.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    vec![
        (
            "truncated",
            trimmed.as_bytes()[..trimmed.len() / 2].to_vec(),
            "not_json",
            "$",
        ),
        (
            "future version",
            edited(&|v| v["schema_version"] = json!(7)).into_bytes(),
            "future_version",
            "$.schema_version",
        ),
        (
            "wrong type",
            edited(&|v| v["data"]["payments"][0]["amount"] = json!(50.0)).into_bytes(),
            "wrong_type",
            "$.data.payments[0].amount",
        ),
        (
            "missing store",
            edited(&|v| {
                v["data"].as_object_mut().unwrap().remove("clients");
            })
            .into_bytes(),
            "missing",
            "$.data.clients",
        ),
        (
            "dangling reference",
            signed(&|v| v["data"]["payments"][0]["invoice_id"] = json!("nope")).into_bytes(),
            "missing_reference",
            "$.data.payments[0].invoice_id",
        ),
        (
            "duplicate id",
            signed(&|v| {
                let copy = v["data"]["clients"][0].clone();
                v["data"]["clients"].as_array_mut().unwrap().push(copy);
            })
            .into_bytes(),
            "duplicate_id",
            "$.data.clients[1].id",
        ),
        (
            "negative amount",
            signed(&|v| v["data"]["payments"][0]["amount"] = json!("-50.00")).into_bytes(),
            "not_positive",
            "$.data.payments[0].amount",
        ),
        (
            "date out of range",
            signed(&|v| v["data"]["payments"][0]["date"] = json!("1970-01-01")).into_bytes(),
            "date_out_of_range",
            "$.data.payments[0].date",
        ),
        (
            "a 3 MB string",
            edited(&|v| v["data"]["clients"][0]["notes"] = json!("@@big@@"))
                .replacen("@@big@@", &"x".repeat(3 << 20), 1)
                .into_bytes(),
            "text_too_long",
            "$.data.clients[0].notes",
        ),
        (
            "deep nesting",
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
            "too_deep",
            "$",
        ),
        (
            "invalid UTF-8",
            [
                &export.as_bytes()[..notes_at],
                &[0xFF],
                &export.as_bytes()[notes_at..],
            ]
            .concat(),
            "not_utf8",
            "$",
        ),
        ("UTF-16", utf16, "not_utf8", "$"),
        (
            "edited by hand",
            edited(&|v| v["data"]["clients"][0]["notes"] = json!("edited")).into_bytes(),
            "checksum_mismatch",
            "$.sha256",
        ),
    ]
}

fn tag(code: &ProblemCode) -> String {
    serde_json::to_value(code).unwrap()["problem"]
        .as_str()
        .unwrap()
        .to_string()
}

fn names_the_problem(errors: &BackupErrors, code: &str, path: &str) -> bool {
    errors
        .problems
        .iter()
        .any(|p| tag(&p.code) == code && p.path == path)
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

#[wasm_bindgen_test]
async fn hostile_files_are_refused_and_every_store_stays_identical() {
    let name = "hostile-sample";
    let db = seeded(name).await;
    // Exporting records its own stamp: export once, then compare exports at that stamp.
    let file = exported(&db).await;
    let before_text = exported(&db).await;
    let before = db.load_all().await.unwrap();
    assert_eq!(before.invoices.len(), 1);
    assert_eq!(before.payments.len(), 1);

    let cases = sample(&file);
    assert!(cases.len() >= 10);
    for (case, bytes, code, path) in cases {
        // What the Backup page does with the chosen file's bytes.
        match backup::parse_bytes(&bytes, ParseOptions::default()) {
            Ok(parsed) => {
                // Never expected; if it happened, the import must still be tried and seen.
                let _ = db.import_preview(&parsed.data).await;
                let _ = db.import_backup(&parsed, ImportMode::Merge).await;
                panic!("{case}: accepted");
            }
            Err(errors) => {
                assert!(names_the_problem(&errors, code, path), "{case}: {errors}");
                assert!(
                    errors.to_string().len() < 4000,
                    "{case}: a message of {} bytes",
                    errors.to_string().len()
                );
            }
        }
        assert_eq!(db.load_all().await.unwrap(), before, "{case}: the data changed");
    }
    // A well-formed file that merging would corrupt (its invoice takes an issued number
    // under another id) is refused by the storage import, as a whole, for both reads.
    let mut clash = backup::parse(&file).unwrap();
    clash.data.invoices[0].id = "inv-other".into();
    clash.data.payments.clear();
    let preview = db.import_preview(&clash.data).await.unwrap();
    assert!(preview.merge.blocked());
    assert!(db.import_backup(&clash, ImportMode::Merge).await.is_err());

    assert_eq!(db.load_all().await.unwrap(), before);
    assert_eq!(exported(&db).await, before_text);
    db.close();
    storage::delete_database(name).await.unwrap();
}

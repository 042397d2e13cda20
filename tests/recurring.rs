//! Recurring invoices against a real IndexedDB (headless Chromium): saving and editing a
//! schedule, pause, resume and end, the catch-up that makes the drafts (once, even from two
//! connections at once and after restoring an older backup), issuing them with consecutive
//! numbers, and schedules in backups. Every test uses its own database and deletes it.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use cobro::storage::backup::ImportMode;
use cobro::storage::recurring::ScheduleOpError;
use cobro::storage::{self, Db};
use cobro_core::backup;
use cobro_core::recurring::{self, ScheduleProblem};
use cobro_core::verifactu::chain;
use cobro_core::{
    Address, BusinessProfile, Client, Covers, DocKind, Invoice, Lang, Line, MonthDay, MonthlyRule,
    NumberingSeries, RecurringSchedule, Repeat, ScheduleEnd, VatRate,
};
use rust_decimal::Decimal;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 10, h, 0, 0).unwrap()
}

fn client() -> Client {
    Client {
        archived: false,
        id: "c-1".into(),
        legal_name: "Acme S.L.".into(),
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
        updated_at: t(8),
    }
}

/// A monthly retainer on the 1st from 1 February 2027: 300 + 21 % VAT.
fn retainer() -> RecurringSchedule {
    RecurringSchedule {
        id: "rs-1".into(),
        name: "Mantenimiento".into(),
        client_id: "c-1".into(),
        series_id: "ser-f".into(),
        po_number: String::new(),
        currency: "EUR".into(),
        lines: vec![Line {
            item_id: None,
            description: "Mantenimiento web — {mes}".into(),
            quantity: Decimal::ONE,
            unit_price: Decimal::from(300),
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::from(21)),
        }],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec![],
        notes: String::new(),
        repeat: Repeat::Months(MonthlyRule {
            every: 1,
            on: MonthDay::Day(1),
        }),
        start: d(2027, 2, 1),
        end: ScheduleEnd::Never,
        covers: Covers::Advance,
        paused: false,
        issue_on_open: false,
        made: 0,
        done_through: None,
        updated_at: t(8),
    }
}

/// A database with the client, the invoice series and the retainer saved on 10 January.
async fn set_up(name: &str) -> Db {
    let _ = storage::delete_database(name).await;
    let db = Db::open(name).await.unwrap();
    db.save(&client()).await.unwrap();
    db.save(&NumberingSeries::default_for(
        DocKind::Invoice,
        "ser-f".into(),
        t(8),
    ))
    .await
    .unwrap();
    db.save_schedule(&retainer(), d(2027, 1, 10), t(9)).await.unwrap();
    db
}

async fn finish(db: Db, name: &str) {
    db.close();
    storage::delete_database(name).await.unwrap();
}

async fn drafts(db: &Db) -> Vec<Invoice> {
    let mut list: Vec<Invoice> = db
        .list::<Invoice>()
        .await
        .unwrap()
        .into_iter()
        .filter(|i| recurring::made_by(&i.id).is_some())
        .collect();
    list.sort_by_key(|i| i.issue_date);
    list
}

#[wasm_bindgen_test]
async fn saving_refuses_what_cannot_make_invoices_and_edits_apply_from_today() {
    let name = "rec-save";
    let db = set_up(name).await;
    let mut bad = retainer();
    bad.id = "rs-bad".into();
    bad.lines.clear();
    let err = db.save_schedule(&bad, d(2027, 1, 10), t(9)).await.unwrap_err();
    assert_eq!(err, ScheduleOpError::Invalid(vec![ScheduleProblem::NoLines]));
    bad = retainer();
    bad.id = "rs-nobody".into();
    bad.client_id = "nobody".into();
    assert!(matches!(
        db.save_schedule(&bad, d(2027, 1, 10), t(9)).await,
        Err(ScheduleOpError::Op(_))
    ));
    assert_eq!(
        db.list::<RecurringSchedule>().await.unwrap().len(),
        1,
        "nothing written"
    );

    // The catch-up of 15 April made February to April; an edit that day moves the day to the
    // 5th and the start back to January: no past date is made for it.
    db.catch_up(d(2027, 4, 15), t(10)).await.unwrap();
    let mut form = retainer();
    form.repeat = Repeat::Months(MonthlyRule {
        every: 1,
        on: MonthDay::Day(5),
    });
    form.start = d(2027, 1, 5);
    let saved = db.save_schedule(&form, d(2027, 4, 15), t(11)).await.unwrap();
    assert_eq!(saved.made, 3, "the count stays");
    assert_eq!(recurring::next_date(&saved), Some(d(2027, 5, 5)));
    assert!(db
        .catch_up(d(2027, 4, 30), t(12))
        .await
        .unwrap()
        .drafts
        .is_empty());

    let paused = db.pause_schedule("rs-1", t(13)).await.unwrap();
    assert!(paused.paused);
    assert!(db.catch_up(d(2027, 7, 1), t(13)).await.unwrap().drafts.is_empty());
    let resumed = db.resume_schedule("rs-1", d(2027, 7, 1), t(14)).await.unwrap();
    assert_eq!(
        recurring::next_date(&resumed),
        Some(d(2027, 7, 5)),
        "May and June skipped"
    );
    let ended = db.end_schedule("rs-1", d(2027, 7, 1), t(15)).await.unwrap();
    assert_eq!(recurring::status(&ended), recurring::Status::Ended);
    assert_eq!(db.find::<RecurringSchedule>("rs-1").await.unwrap(), Some(ended));
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn three_months_later_three_drafts_then_consecutive_numbers() {
    let name = "rec-catch-up";
    let db = set_up(name).await;
    let run = db.catch_up(d(2027, 4, 15), t(10)).await.unwrap();
    assert_eq!(run.drafts.len(), 3);
    assert!(run.to_issue.is_empty(), "issuing on opening is off by default");
    let stored = drafts(&db).await;
    let texts: Vec<&str> = stored.iter().map(|i| i.lines[0].description.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Mantenimiento web — febrero de 2027",
            "Mantenimiento web — marzo de 2027",
            "Mantenimiento web — abril de 2027"
        ]
    );
    let s = db.find::<RecurringSchedule>("rs-1").await.unwrap().unwrap();
    assert_eq!((s.made, s.done_through), (3, Some(d(2027, 4, 15))));
    // Opening again that day makes nothing.
    assert!(db
        .catch_up(d(2027, 4, 15), t(11))
        .await
        .unwrap()
        .drafts
        .is_empty());
    for inv in &stored {
        db.issue_invoice(&inv.id, t(12)).await.unwrap();
    }
    let numbers: Vec<Option<String>> = drafts(&db).await.into_iter().map(|i| i.number).collect();
    assert_eq!(
        numbers,
        vec![
            Some("F2027-0001".into()),
            Some("F2027-0002".into()),
            Some("F2027-0003".into())
        ]
    );
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn two_tabs_opening_at_once_make_each_draft_once() {
    let name = "rec-two-tabs";
    let db = set_up(name).await;
    let other = Db::open(name).await.unwrap();
    let (a, b) = futures::join!(
        db.catch_up(d(2027, 4, 15), t(10)),
        other.catch_up(d(2027, 4, 15), t(10))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    // One of them made the three; the other read the moved cursor and made none.
    let mut made = [a.drafts.len(), b.drafts.len()];
    made.sort_unstable();
    assert_eq!(made, [0, 3]);
    assert_eq!(drafts(&db).await.len(), 3);
    other.close();
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn restoring_an_older_backup_never_makes_a_period_twice() {
    let name = "rec-restore";
    let db = set_up(name).await;
    // A backup made on 10 January, before any draft.
    let old = db
        .export_backup(t(9), "test")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(old.contains("\n\"recurring\":["));
    db.catch_up(d(2027, 3, 15), t(10)).await.unwrap();
    let now = db
        .export_backup(t(11), "test")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // Merging the old file back brings the old cursor; the drafts are found by their ids.
    let parsed = backup::parse(&old).unwrap();
    db.import_file(&parsed, Some(old.as_bytes()), ImportMode::Merge)
        .await
        .unwrap();
    assert!(db
        .catch_up(d(2027, 3, 15), t(12))
        .await
        .unwrap()
        .drafts
        .is_empty());
    assert_eq!(drafts(&db).await.len(), 2);
    // Replacing everything with a file that has the drafts and an old cursor: the same.
    let mut v: serde_json::Value = serde_json::from_str(&now).unwrap();
    v["data"]["recurring"][0]["done_through"] = serde_json::Value::Null;
    v["data"]["recurring"][0]["made"] = serde_json::json!(0);
    let edited = backup::v2::reseal(&serde_json::to_string(&v).unwrap()).unwrap();
    let parsed = backup::parse(&edited).unwrap();
    db.import_file(&parsed, Some(edited.as_bytes()), ImportMode::Replace)
        .await
        .unwrap();
    let run = db.catch_up(d(2027, 4, 2), t(13)).await.unwrap();
    let dates: Vec<NaiveDate> = run.drafts.iter().map(|i| i.issue_date).collect();
    assert_eq!(dates, vec![d(2027, 4, 1)], "only April is new");
    assert_eq!(drafts(&db).await.len(), 3);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn issuing_on_opening_lists_the_drafts_in_date_order() {
    let name = "rec-issue-on-open";
    let db = set_up(name).await;
    let mut form = retainer();
    form.issue_on_open = true;
    db.save_schedule(&form, d(2027, 1, 10), t(9)).await.unwrap();
    let run = db.catch_up(d(2027, 3, 2), t(10)).await.unwrap();
    assert_eq!(
        run.to_issue,
        vec![
            recurring::draft_id("rs-1", d(2027, 2, 1)),
            recurring::draft_id("rs-1", d(2027, 3, 1))
        ]
    );
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn drafts_issued_on_opening_write_their_billing_records_in_date_order() {
    let name = "rec-issue-on-open-records";
    let db = set_up(name).await;
    // A business with its NIF keeps VERI*FACTU records.
    db.save_profile(&BusinessProfile {
        name: "Ana Autónoma".into(),
        tax_id: "12345678Z".into(),
        ..BusinessProfile::default()
    })
    .await
    .unwrap();
    let mut form = retainer();
    form.issue_on_open = true;
    db.save_schedule(&form, d(2027, 1, 10), t(9)).await.unwrap();
    let run = db.catch_up(d(2027, 4, 2), t(10)).await.unwrap();
    // What the app does on opening: issue them in date order through the issuing operation.
    assert_eq!(db.issue_in_order(&run.to_issue, t(11)).await, (3, None));
    let issued = drafts(&db).await;
    let numbers: Vec<Option<String>> = issued.iter().map(|i| i.number.clone()).collect();
    assert_eq!(
        numbers,
        vec![
            Some("F2027-0001".into()),
            Some("F2027-0002".into()),
            Some("F2027-0003".into())
        ]
    );
    let ledger = db.ledger().await.unwrap();
    let records: Vec<Option<String>> = ledger.records.iter().map(|r| r.doc_id.clone()).collect();
    assert_eq!(
        records,
        issued.iter().map(|i| Some(i.id.clone())).collect::<Vec<_>>(),
        "one record per issued draft, chained in the order they were numbered"
    );
    assert!(ledger.records[0].xml.contains("F2027-0001"));
    assert_eq!(ledger.events.len(), 1, "the start-of-use event");
    let report = chain::check(&ledger, &t(23).fixed_offset());
    assert_eq!(report.findings, vec![]);
    // Opening again the same day issues nothing more and writes no record.
    let again = db.catch_up(d(2027, 4, 2), t(12)).await.unwrap();
    assert_eq!(db.issue_in_order(&again.to_issue, t(12)).await, (0, None));
    assert_eq!(db.ledger().await.unwrap().records.len(), 3);
    finish(db, name).await;
}

#[wasm_bindgen_test]
async fn a_backup_without_schedules_has_no_recurring_store_and_one_with_them_restores_them() {
    let name = "rec-backup";
    let _ = storage::delete_database(name).await;
    let db = Db::open(name).await.unwrap();
    db.save(&client()).await.unwrap();
    let file = db
        .export_backup(t(9), "test")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!file.contains("recurring"), "left out when there are none");
    backup::parse(&file).unwrap();
    db.close();
    let db = set_up(name).await;
    let file = db
        .export_backup(t(9), "test")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let parsed = backup::parse(&file).unwrap();
    assert_eq!(parsed.data.recurring.len(), 1);
    // The app's export is the core's file for the same data, byte for byte.
    let data = parsed.data.clone();
    assert_eq!(backup::export(&data, t(9), "test").unwrap(), file);
    finish(db, name).await;
}

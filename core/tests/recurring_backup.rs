//! Recurring schedules in backups: an optional store (a file without schedules is written as
//! before they existed and still reads), read by both paths, checked like every record,
//! merged with a cursor that never goes back, and stored in their own start-up pack.

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::backup::{self, export, merge, parse, parse_with, preview, ParseOptions, ProblemCode, Store};
use cobro_core::demo::{self, DemoSpec};
use cobro_core::pack::{self, Kind};
use cobro_core::{recurring, Dataset, MonthDay, MonthlyRule, Repeat};
use serde_json::{json, Value};

use sha2::{Digest, Sha256};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_000_000, 0).expect("stamp")
}

fn data() -> Dataset {
    demo::generate(DemoSpec {
        clients: 6,
        invoices: 60,
        seed: 19,
        today: d(2027, 5, 20),
    })
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_demo_has_two_schedules_that_round_trip_through_a_backup() {
    let data = data();
    assert_eq!(data.recurring.len(), 2);
    assert_eq!(backup::validate(&data), vec![]);
    let file = export(&data, at(), "0.3.0").expect("export");
    assert!(file.contains("\n\"recurring\":["), "one line of its own");
    let b = parse(&file).expect("reads");
    assert_eq!(backup::sorted(&b.data), backup::sorted(&data));
    let spans = b.spans.expect("read straight from the bytes");
    assert_eq!(spans.of(Kind::Recurring).len(), 2);
    // The per-record path reads the same.
    let opened = backup::open_text(&file, ParseOptions::default()).expect("open");
    let per_record = backup::read_per_record(opened, ParseOptions::default()).expect("read");
    assert_eq!(per_record.data, b.data);
}

#[test]
fn without_schedules_the_file_is_what_it_was_before_they_existed() {
    let mut data = data();
    data.recurring.clear();
    let file = export(&data, at(), "0.3.0").expect("export");
    let v: Value = serde_json::from_str(&file).expect("json");
    assert!(v["data"].get("recurring").is_none());
    assert!(v["digests"].get("recurring").is_none());
    // The checksum of the twelve stores of before, computed as it was then.
    let lines: String = [
        "profile",
        "settings",
        "payment_methods",
        "series",
        "clients",
        "items",
        "quotes",
        "invoices",
        "credit_notes",
        "payments",
        "contacts",
        "steps",
    ]
    .iter()
    .map(|k| format!("{k}:{}\n", v["digests"][k].as_str().unwrap_or("")))
    .collect();
    assert_eq!(v["sha256"], json!(hex(lines.as_bytes())));
    assert_eq!(
        backup::sorted(&parse(&file).expect("reads").data),
        backup::sorted(&data)
    );
}

#[test]
fn a_schedule_edited_in_the_file_is_named_as_the_edited_store() {
    let data = data();
    let file = export(&data, at(), "0.3.0").expect("export");
    let edited = file.replacen("\"made\":0", "\"made\":7", 1);
    assert_ne!(edited, file);
    let errors = parse(&edited).expect_err("edited");
    assert!(errors.only_checksum_mismatch(), "{errors}");
    assert_eq!(errors.edited_stores(), Some(&[Store::Recurring][..]));
    // Taking the store out, with its digest left in, is an edit too.
    let from = file.find(",\n\"recurring\":").expect("the store's line");
    let to = file.rfind("}}\n").expect("the end");
    let removed = format!("{}{}", &file[..from], &file[to..]);
    let errors = parse(&removed).expect_err("removed");
    assert_eq!(errors.edited_stores(), Some(&[Store::Recurring][..]));
    // Accepted knowingly, the schedules are gone and the rest reads.
    let accepted = parse_with(
        &removed,
        ParseOptions {
            accept_checksum_mismatch: true,
            ..Default::default()
        },
    )
    .expect("accepted");
    assert!(accepted.data.recurring.is_empty());
}

#[test]
fn schedules_are_checked_like_every_record() {
    let mut data = data();
    data.recurring[0].client_id = "nobody".into();
    data.recurring[1].repeat = Repeat::Months(MonthlyRule {
        every: 0,
        on: MonthDay::Day(40),
    });
    data.recurring[1].series_id = data.settings.credit_note_series_id.clone().unwrap_or_default();
    let problems: Vec<(String, String)> = backup::validate(&data)
        .into_iter()
        .map(|p| {
            let code = serde_json::to_value(&p.code).expect("code")["problem"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            (p.path, code)
        })
        .collect();
    assert!(problems.contains(&("$.data.recurring[0].client_id".into(), "missing_reference".into())));
    assert!(problems.contains(&("$.data.recurring[1].series_id".into(), "wrong_series_kind".into())));
    assert_eq!(
        problems
            .iter()
            .filter(|(p, c)| p == "$.data.recurring[1].repeat" && c == "invalid")
            .count(),
        2,
        "{problems:?}"
    );
    let mut twice = self::data();
    let copy = twice.recurring[0].clone();
    twice.recurring.push(copy);
    assert!(backup::validate(&twice)
        .iter()
        .any(|p| p.path == "$.data.recurring[2].id" && matches!(p.code, ProblemCode::DuplicateId { .. })));
}

#[test]
fn merging_keeps_the_furthest_cursor_whichever_copy_is_newer() {
    let base = data();
    let c = base
        .clients
        .iter()
        .find(|c| c.id == base.recurring[0].client_id)
        .cloned()
        .expect("client");
    // This device caught up to 20 August (the demo's retainer starts in June); the other
    // copy, edited later, is behind.
    let run = recurring::catch_up(&base.recurring[0], &c, d(2027, 8, 20), at(), &|_| false);
    assert_eq!(run.drafts.len(), 3);
    let mut here = base.clone();
    here.recurring[0] = run.schedule.clone();
    here.invoices.extend(run.drafts.clone());
    let mut there = base.clone();
    there.recurring[0].name = "Renamed elsewhere".into();
    there.recurring[0].updated_at = at() + chrono::Days::new(1);
    let out = merge(&here, &there).expect("merges");
    let s = &out.data.recurring[0];
    assert_eq!(s.name, "Renamed elsewhere", "the newer copy wins");
    assert_eq!(
        s.done_through, run.schedule.done_through,
        "the cursor never goes back"
    );
    assert_eq!(s.made, run.schedule.made);
    let p = preview(&here, &there);
    assert!(p.records.contains(&(Store::Recurring, 2)));
}

#[test]
fn schedules_live_in_their_own_start_up_pack() {
    let data = data();
    let layout = pack::layout(&data);
    let ids: Vec<String> = layout
        .packs
        .iter()
        .filter(|(id, _)| id.kind == Kind::Recurring)
        .map(|(id, _)| id.to_string())
        .collect();
    assert_eq!(ids, vec!["a.recurring.00"]);
    assert!(ids[0].as_str() < pack::LATER_FROM, "read at start-up");
    assert_eq!(
        "a.recurring.00".parse::<pack::PackId>().map(|p| p.kind),
        Ok(Kind::Recurring)
    );
    assert!("c.recurring.00".parse::<pack::PackId>().is_err());
}

//! Hostile backups (issue 8, item 1): a corpus of malformed and malicious files, made
//! here in code from one valid export, each of which must be refused without a panic,
//! with a problem whose code and JSON path name what is wrong, in a message of bounded
//! length, while the data already held (replace and merge, as the app imports) stays
//! exactly as it was. The browser runs a sample of the same corpus against IndexedDB
//! (`tests/hostile.rs` at the repository root).

use chrono::NaiveDate;
use cobro_core::backup::{
    self, export, merge, parse_bytes, preview, sorted, store_key, Backup, BackupErrors, ParseOptions,
    ProblemCode, Store, MAX_BACKUP_BYTES, MAX_DEPTH, MAX_ECHO_CHARS, MAX_TEXT_BYTES,
};
use cobro_core::demo::{generate, DemoSpec};
use cobro_core::model::Dataset;
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

fn stamp() -> chrono::DateTime<chrono::Utc> {
    today().and_hms_opt(12, 0, 0).expect("time").and_utc()
}

/// The file every mutation starts from: a small but complete business.
fn base_data() -> Dataset {
    generate(DemoSpec {
        clients: 3,
        invoices: 12,
        seed: 7,
        today: today(),
    })
}

/// The base file's text and JSON, made once: every case starts from a copy.
fn base() -> &'static (String, Value) {
    static BASE: OnceLock<(String, Value)> = OnceLock::new();
    BASE.get_or_init(|| {
        let text = export(&base_data(), stamp(), "test").expect("export");
        let value = serde_json::from_str(&text).expect("json");
        (text, value)
    })
}

fn base_text() -> String {
    base().0.clone()
}

fn base_value() -> Value {
    base().1.clone()
}

/// What the test expects the refusal to say: the problem's machine code (its `problem`
/// tag) and the JSON path it points at.
struct Case {
    name: String,
    bytes: Vec<u8>,
    code: &'static str,
    path: String,
}

fn case(name: impl Into<String>, bytes: impl Into<Vec<u8>>, code: &'static str, path: &str) -> Case {
    Case {
        name: name.into(),
        bytes: bytes.into(),
        code,
        path: path.to_string(),
    }
}

/// `v` written as the app writes a file (compact, one store per line), every store that the
/// edit left as it was keeping the base file's very bytes: as a hand edit in a text editor
/// would, editing one store leaves the digests of the others right.
fn text(v: &Value) -> String {
    let (Some(top), Some(Value::Object(data))) = (v.as_object(), v.get("data")) else {
        return serde_json::to_string(v).expect("serialise");
    };
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        data: std::collections::BTreeMap<String, &'a serde_json::value::RawValue>,
    }
    let base_text = &base().0;
    let raw: Raw = serde_json::from_str(base_text).expect("base");
    let base_data = &base().1["data"];
    let mut out = String::from("{");
    for (k, x) in top.iter().filter(|(k, _)| *k != "data") {
        out.push_str(&format!(
            "{}:{},",
            json!(k),
            serde_json::to_string(x).expect("serialise")
        ));
    }
    out.push_str("\"data\":{");
    for (i, (k, x)) in data.iter().enumerate() {
        let bytes = match raw.data.get(k) {
            Some(r) if base_data.get(k) == Some(x) => r.get().to_string(),
            _ => serde_json::to_string(x).expect("serialise"),
        };
        out.push_str(&format!("{}\n{}:{bytes}", if i > 0 { "," } else { "" }, json!(k)));
    }
    out.push_str("}}\n");
    out
}

/// A copy of the base file with `edit` applied to its JSON, checksum left as exported.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut v = base_value();
    edit(&mut v);
    text(&v)
}

/// As [`edited`], then signed again (checksum and digests recomputed), as an attacker
/// who knows the format would: the refusal must then come from the data itself.
fn signed(edit: impl FnOnce(&mut Value)) -> String {
    backup::v2::reseal(&edited(edit)).expect("a file to sign")
}

/// The base file with the text at `pointer` replaced by `content`, spliced into the text
/// (serialising a JSON tree holding megabytes is slow in a debug build).
fn with_text(pointer: &str, content: &str) -> String {
    const MARK: &str = "@@hostile-text@@";
    edited(|v| set(v, pointer, json!(MARK))).replacen(MARK, content, 1)
}

fn set(v: &mut Value, pointer: &str, x: Value) {
    *v.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = x;
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    v.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {parent}"))
        .remove(key)
        .unwrap_or_else(|| panic!("no {pointer}"));
}

/// `$.data.invoices[0].client_id` for `/data/invoices/0/client_id`.
fn path_of(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .fold("$".to_string(), |p, seg| match seg.parse::<usize>() {
            Ok(i) => format!("{p}[{i}]"),
            Err(_) => format!("{p}.{seg}"),
        })
}

/// The first record of a store in the base file whose field satisfies `pred`.
fn find(store: &str, pred: impl Fn(&Value) -> bool) -> usize {
    base_value()["data"][store]
        .as_array()
        .expect("list")
        .iter()
        .position(pred)
        .unwrap_or_else(|| panic!("no such record in {store}"))
}

fn corpus() -> Vec<Case> {
    let base = base_text();
    let trimmed = base.trim_end();
    let mut cases = Vec::new();

    // ---- Truncated and not JSON at all.
    for cut in [
        0,
        1,
        2,
        17,
        100,
        1000,
        trimmed.len() / 3,
        trimmed.len() / 2,
        trimmed.len() - 2,
        trimmed.len() - 1,
    ] {
        cases.push(case(
            format!("truncated at {cut}"),
            &trimmed.as_bytes()[..cut],
            "not_json",
            "$",
        ));
    }
    for (name, junk) in [
        ("whitespace only", "  \n\t "),
        ("two documents", "{} {}"),
        ("trailing comma", "{\"format\": \"cobro-backup\",}"),
        ("single quotes", "{'format': 'cobro-backup'}"),
        ("NaN", "{\"schema_version\": NaN}"),
        ("number out of range", "{\"schema_version\": 1e400}"),
        ("lone surrogate escape", "{\"format\": \"\\ud800\"}"),
        ("NUL inside a string", "{\"format\": \"cobro\u{0}backup\"}"),
        ("a second byte-order mark", "\u{feff}\u{feff}{}"),
        ("comment", "// backup\n{}"),
    ] {
        cases.push(case(name, junk, "not_json", "$"));
    }
    cases.push(case(
        "garbage after the document",
        format!("{trimmed} trailing"),
        "not_json",
        "$",
    ));

    // ---- Not a Cobro backup.
    for (name, doc, path) in [
        ("a list", "[1, 2, 3]", "$"),
        ("a string", "\"cobro-backup\"", "$"),
        ("null", "null", "$"),
        ("a number", "42", "$"),
        ("an empty object", "{}", "$.format"),
        (
            "another program's file",
            "{\"format\": \"excel\", \"rows\": []}",
            "$.format",
        ),
        ("format as a number", "{\"format\": 1}", "$.format"),
    ] {
        cases.push(case(name, doc, "not_cobro_backup", path));
    }

    // ---- Unknown, future and malformed schema versions.
    for (name, version) in [
        ("future version 3", json!(3)),
        ("future version 99", json!(99)),
        ("future version u64::MAX", json!(u64::MAX)),
    ] {
        cases.push(case(
            name,
            edited(|v| v["schema_version"] = version),
            "future_version",
            "$.schema_version",
        ));
    }
    for (name, version) in [
        ("version as text", json!("1")),
        ("fractional version", json!(1.5)),
        ("negative version", json!(-1)),
        ("version null", json!(null)),
        (
            "version beyond u64",
            serde_json::from_str("18446744073709551616").expect("big"),
        ),
    ] {
        cases.push(case(
            name,
            edited(|v| v["schema_version"] = version),
            "invalid_version",
            "$.schema_version",
        ));
    }
    cases.push(case(
        "version missing",
        edited(|v| remove(v, "/schema_version")),
        "missing",
        "$.schema_version",
    ));
    cases.push(case(
        "a current file labelled version 0",
        edited(|v| v["schema_version"] = json!(0)),
        "migration_failed",
        "$",
    ));

    // ---- Missing fields: every envelope field, every store, required record fields.
    for key in ["exported_at", "app_version", "sha256", "digests", "data"] {
        cases.push(case(
            format!("envelope without {key}"),
            edited(|v| remove(v, &format!("/{key}"))),
            "missing",
            &format!("$.{key}"),
        ));
    }
    for store in backup::STORES {
        let key = store_key(store);
        // An optional store may be absent, but not from a file whose digests list it: the
        // records it held were taken out, which the checksum tells.
        let (code, path) = if backup::optional(store) {
            ("checksum_mismatch", "$.sha256".to_string())
        } else {
            ("missing", format!("$.data.{key}"))
        };
        cases.push(case(
            format!("data without {key}"),
            edited(|v| remove(v, &format!("/data/{key}"))),
            code,
            &path,
        ));
    }
    for pointer in [
        "/data/invoices/0/client_id",
        "/data/invoices/0/lines/0/unit_price",
        "/data/clients/1/legal_name",
        "/data/payments/0/amount",
        "/data/steps/0/due",
        "/data/invoices/3/issue_date",
        "/data/contacts/0/date",
    ] {
        cases.push(case(
            format!("missing {pointer}"),
            edited(|v| remove(v, pointer)),
            "missing",
            &path_of(pointer),
        ));
    }

    // ---- Wrong types.
    for (pointer, wrong) in [
        ("/data/invoices/0/issue_date", json!(20250526)),
        ("/data/invoices/0/lines", json!("one line")),
        ("/data/invoices/0/lines/0/quantity", json!(1)),
        ("/data/payments/0/amount", json!(108.0)),
        ("/data/payments/0/amount", json!(null)),
        ("/data/payments/0/amount", json!("1e30")),
        ("/data/payments/0/amount", json!("108,00")),
        ("/data/payments/0/amount", json!("99999999999999999999999999999")),
        ("/data/clients/0/id", json!(7)),
        ("/data/clients/0/payment_terms_days", json!(-30)),
        ("/data/clients/0/payment_terms_days", json!(4294967296u64)),
        ("/data/clients/0/language", json!("fr")),
        ("/data/clients/0/po_required", json!("yes")),
        ("/data/steps/0/state/state", json!("exploded")),
        ("/data/steps/0/kind", json!("nag_forever")),
        ("/data/profile", json!([])),
        ("/exported_at", json!("yesterday")),
        ("/exported_at", json!("2026-02-30T10:00:00Z")),
        ("/app_version", json!(1)),
        ("/data/invoices/0/issue_date", json!("2026-13-01")),
        ("/data/invoices/0/issue_date", json!("2026-02-30")),
    ] {
        cases.push(case(
            format!("{pointer} = {wrong}"),
            edited(|v| set(v, pointer, wrong.clone())),
            "wrong_type",
            &path_of(pointer),
        ));
    }
    for (name, pointer, wrong) in [
        ("data is a list", "/data", json!([])),
        ("clients is an object", "/data/clients", json!({})),
        ("a null record", "/data/payments/0", json!(null)),
        ("sha256 too short", "/sha256", json!("abc123")),
        ("sha256 upper case", "/sha256", json!("A".repeat(64))),
        ("digests is a list", "/digests", json!([])),
        ("digest not hex", "/digests/invoices", json!("zz")),
    ] {
        cases.push(case(
            name,
            edited(|v| set(v, pointer, wrong.clone())),
            "wrong_type",
            &path_of(pointer),
        ));
    }

    // ---- Unknown fields, where a reader would silently drop data.
    for (pointer, path) in [
        ("/extra", "$.extra"),
        ("/data/extra", "$.data.extra"),
        ("/data/invoices/0/extra", "$.data.invoices[0].extra"),
        (
            "/data/invoices/0/lines/0/extra",
            "$.data.invoices[0].lines[0].extra",
        ),
        ("/digests/widgets", "$.digests.widgets"),
    ] {
        let (parent, key) = pointer.rsplit_once('/').expect("pointer");
        let parent = parent.to_string();
        let key = key.to_string();
        cases.push(case(
            format!("unknown field {pointer}"),
            edited(move |v| {
                v.pointer_mut(&parent)
                    .and_then(Value::as_object_mut)
                    .expect("object")
                    .insert(key, json!(1));
            }),
            "unknown_field",
            path,
        ));
    }

    // ---- Dangling references (signed again: only the reference is wrong).
    let credited = find("invoices", |i| i["number"].is_string());
    for pointer in [
        "/data/invoices/0/client_id".to_string(),
        "/data/invoices/0/payment_method_ids/0".to_string(),
        "/data/payments/0/invoice_id".to_string(),
        "/data/steps/0/invoice_id".to_string(),
        "/data/contacts/0/invoice_id".to_string(),
        "/data/contacts/0/client_id".to_string(),
        "/data/quotes/0/client_id".to_string(),
        format!("/data/invoices/{credited}/quote_id"),
    ] {
        cases.push(case(
            format!("dangling {pointer}"),
            signed(|v| set(v, &pointer, json!("no-such-record"))),
            "missing_reference",
            &path_of(&pointer),
        ));
    }
    for pointer in ["/data/settings/invoice_series_id", "/data/invoices/0/series_id"] {
        cases.push(case(
            format!("dangling {pointer}"),
            signed(|v| set(v, pointer, json!("no-such-series"))),
            "missing_reference",
            &path_of(pointer),
        ));
    }

    // ---- Duplicate ids and numbers.
    for store in ["clients", "invoices", "payments", "steps", "contacts", "series"] {
        cases.push(case(
            format!("duplicate id in {store}"),
            signed(|v| {
                let first = v["data"][store][0]["id"].clone();
                v["data"][store][1]["id"] = first;
            }),
            "duplicate_id",
            &format!("$.data.{store}[1].id"),
        ));
    }
    cases.push(case(
        "a whole invoice twice",
        signed(|v| {
            let copy = v["data"]["invoices"][0].clone();
            v["data"]["invoices"].as_array_mut().expect("list").push(copy);
        }),
        "duplicate_id",
        "$.data.invoices[12].id",
    ));
    cases.push(case(
        "duplicate invoice number",
        signed(|v| {
            let n = v["data"]["invoices"][0]["number"].clone();
            v["data"]["invoices"][1]["number"] = n;
        }),
        "duplicate_number",
        "$.data.invoices[1].number",
    ));

    // ---- Negative, zero and absurd amounts.
    for (pointer, amount, code) in [
        ("/data/payments/0/amount", "-108.00", "not_positive"),
        ("/data/payments/0/amount", "0", "not_positive"),
        // A credit limit of -1 is not hostile: older versions wrote such files, which restore
        // with the limit removed and a note (tests/validity.rs).
    ] {
        cases.push(case(
            format!("{pointer} = {amount}"),
            signed(|v| set(v, pointer, json!(amount))),
            code,
            &path_of(pointer),
        ));
    }
    // Amounts a document's totals cannot be computed from are reported on the document.
    for (pointer, amount) in [
        ("/data/invoices/0/lines/0/quantity", "1000000000000"),
        (
            "/data/invoices/0/lines/0/unit_price",
            "79228162514264337593543950335",
        ),
        (
            "/data/invoices/0/lines/0/unit_price",
            "0.0000000000000000000000000001",
        ),
        ("/data/invoices/0/lines/0/discount_pct", "150"),
        ("/data/invoices/0/withholding_pct", "-15"),
        ("/data/invoices/0/invoice_discount_pct", "101"),
        (
            "/data/invoices/0/lines/0/quantity",
            "-79228162514264337593543950335",
        ),
    ] {
        cases.push(case(
            format!("{pointer} = {amount}"),
            signed(|v| set(v, pointer, json!(amount))),
            "invalid_amounts",
            "$.data.invoices[0]",
        ));
    }

    // ---- Dates out of range.
    for (pointer, date) in [
        ("/data/invoices/0/issue_date", "1999-12-31"),
        ("/data/invoices/0/due_date", "2101-01-01"),
        ("/data/payments/0/date", "1970-01-01"),
        ("/data/steps/0/due", "0001-01-01"),
        ("/data/contacts/0/date", "2999-12-31"),
        ("/data/quotes/0/issue_date", "1900-02-28"),
        ("/data/invoices/0/due_date", "+10000-01-01"),
    ] {
        cases.push(case(
            format!("{pointer} = {date}"),
            signed(|v| set(v, pointer, json!(date))),
            "date_out_of_range",
            &path_of(pointer),
        ));
    }
    cases.push(case(
        "due before issue",
        signed(|v| set(v, "/data/invoices/0/due_date", json!("2001-01-01"))),
        "due_before_issue",
        "$.data.invoices[0].due_date",
    ));
    for (pointer, code) in [
        ("/data/invoices/0/currency", "QQQ"),
        ("/data/settings/default_currency", "eur"),
        ("/data/clients/0/currency", ""),
    ] {
        cases.push(case(
            format!("{pointer} = {code:?}"),
            signed(|v| set(v, pointer, json!(code))),
            "unknown_currency",
            &path_of(pointer),
        ));
    }

    // ---- Strings of several megabytes, and a 50 MB file.
    for (name, pointer, mb) in [
        ("a 2 MB note", "/data/clients/0/notes", 2),
        ("a 5 MB description", "/data/invoices/0/lines/0/description", 5),
        ("a 3 MB id", "/data/payments/0/id", 3),
        ("a 50 MB note (a 50 MB file)", "/data/invoices/0/notes", 50),
    ] {
        cases.push(case(
            name,
            with_text(pointer, &"x".repeat(mb * 1024 * 1024)),
            "text_too_long",
            &path_of(pointer),
        ));
    }
    cases.push(case(
        "a 2 MB key",
        edited(|v| {
            v["data"]["invoices"][0]
                .as_object_mut()
                .expect("object")
                .insert("@@key@@".into(), json!(1));
        })
        .replacen("@@key@@", &"k".repeat(2 * 1024 * 1024), 1),
        "text_too_long",
        "$.data.invoices[0]",
    ));
    cases.push(case(
        "a 2 MB string that never ends",
        format!("{{\"format\": \"{}", "y".repeat(2 * 1024 * 1024)),
        "not_json",
        "$",
    ));
    cases.push(case(
        "5 MB of zero bytes",
        vec![0u8; 5 * 1024 * 1024],
        "not_json",
        "$",
    ));
    cases.push(case(
        "50 MB of random bytes",
        noise(50 * 1024 * 1024, 0x5eed),
        "not_utf8",
        "$",
    ));
    cases.push(case(
        "a file over the size limit",
        vec![b' '; MAX_BACKUP_BYTES + 1],
        "too_large",
        "$",
    ));

    // ---- Deep nesting.
    for (name, doc) in [
        ("100 000 open brackets", "[".repeat(100_000)),
        ("100 000 open braces", "{\"a\":".repeat(100_000)),
        (
            "33 balanced levels",
            format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1)),
        ),
    ] {
        cases.push(case(name, doc, "too_deep", "$"));
    }
    cases.push(case(
        "deep nesting inside a record",
        edited(|v| {
            let mut deep = json!(1);
            for _ in 0..MAX_DEPTH {
                deep = json!([deep]);
            }
            v["data"]["clients"][0]["notes"] = deep;
        }),
        "too_deep",
        "$",
    ));

    // ---- Invalid UTF-8 and other encodings.
    let accent = base.find('í').expect("í");
    let mut latin1_i = base.as_bytes().to_vec();
    latin1_i.splice(accent..accent + 2, [0xED]);
    cases.push(case("Latin-1 accented letter", latin1_i, "not_utf8", "$"));
    for (name, bytes) in [
        ("a 0xFF byte", inject(&base, NOTES, &[0xFF])),
        ("an overlong slash", inject(&base, NOTES, &[0xC0, 0xAF])),
        ("an encoded surrogate", inject(&base, NOTES, &[0xED, 0xA0, 0x80])),
        ("a continuation byte alone", inject(&base, "{", &[0x80])),
        (
            "a cut multi-byte letter at the end",
            [trimmed.as_bytes(), &[0xC3]].concat(),
        ),
        ("UTF-16 little endian", utf16(&base, false)),
        ("UTF-16 big endian", utf16(&base, true)),
    ] {
        cases.push(case(name, bytes, "not_utf8", "$"));
    }

    // ---- Checksums.
    cases.push(case(
        "checksum of other data",
        edited(|v| v["sha256"] = json!("0".repeat(64))),
        "checksum_mismatch",
        "$.sha256",
    ));
    cases.push(case(
        "an amount edited by hand",
        edited(|v| v["data"]["payments"][0]["amount"] = json!("1.00")),
        "checksum_mismatch",
        "$.sha256",
    ));
    cases.push(case(
        "a record deleted by hand",
        edited(|v| {
            v["data"]["contacts"].as_array_mut().expect("list").remove(0);
        }),
        "checksum_mismatch",
        "$.sha256",
    ));
    cases.push(case(
        "data and its digest both edited",
        edited(|v| {
            v["data"]["clients"][0]["notes"] = json!("edited");
            v["digests"]["clients"] = json!("1".repeat(64));
        }),
        "checksum_mismatch",
        "$.sha256",
    ));
    cases
}

/// Where a text value starts in the base file (compact: no space after the colon).
const NOTES: &str = "\"notes\":\"";

/// `base` with `bytes` inserted right after the first `after`.
fn inject(base: &str, after: &str, bytes: &[u8]) -> Vec<u8> {
    let at = base.find(after).expect("anchor") + after.len();
    [&base.as_bytes()[..at], bytes, &base.as_bytes()[at..]].concat()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// Deterministic pseudo-random bytes (xorshift), for binary junk.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// How the app imports: parse the bytes, then replace or merge, computing everything
/// before writing once (as `storage::backup` does in one transaction).
#[derive(Clone, Copy, Debug)]
enum Mode {
    Replace,
    Merge,
}

fn import_like_the_app(
    db: &mut Dataset,
    parsed: Result<Backup, BackupErrors>,
    mode: Mode,
) -> Result<(), String> {
    let parsed = parsed.map_err(|e| e.to_string())?;
    let _ = preview(db, &parsed.data);
    let next = match mode {
        Mode::Replace => parsed.data,
        Mode::Merge => merge(db, &parsed.data).map_err(|e| e.to_string())?.data,
    };
    *db = next;
    Ok(())
}

fn tag(code: &ProblemCode) -> String {
    serde_json::to_value(code).expect("code")["problem"]
        .as_str()
        .expect("tag")
        .to_string()
}

/// The refusal names the problem: the expected code at the expected path, and every
/// message is bounded however big the hostile content.
fn check_refusal(c: &Case, err: &BackupErrors) -> Result<(), String> {
    if err.problems.is_empty() {
        return Err("refused with no problem listed".into());
    }
    if !err
        .problems
        .iter()
        .any(|p| tag(&p.code) == c.code && p.path == c.path)
    {
        let got: Vec<String> = err
            .problems
            .iter()
            .take(5)
            .map(|p| format!("{} at {}", tag(&p.code), p.path))
            .collect();
        return Err(format!("expected {} at {}, got {got:?}", c.code, c.path));
    }
    for p in &err.problems {
        let message = p.to_string();
        // Path and message together stay short: the echo of the file is clamped.
        if message.chars().count() > 2 * MAX_ECHO_CHARS + 400 {
            return Err(format!("a message of {} chars", message.chars().count()));
        }
        if p.message().trim().is_empty() {
            return Err("an empty message".into());
        }
    }
    Ok(())
}

#[test]
fn every_hostile_file_is_refused_by_name_and_changes_nothing() {
    let cases = corpus();
    assert!(cases.len() >= 100, "only {} hostile files", cases.len());
    let original = base_data();
    let mut failures = Vec::new();
    for c in &cases {
        let parsed = match catch_unwind(AssertUnwindSafe(|| {
            parse_bytes(&c.bytes, ParseOptions::default())
        })) {
            Err(_) => {
                failures.push(format!("{}: PANIC", c.name));
                continue;
            }
            Ok(parsed) => parsed,
        };
        match &parsed {
            Ok(_) => failures.push(format!("{}: accepted", c.name)),
            Err(err) => {
                if let Err(why) = check_refusal(c, err) {
                    failures.push(format!("{}: {why}", c.name));
                }
            }
        }
        for mode in [Mode::Replace, Mode::Merge] {
            let mut db = original.clone();
            if import_like_the_app(&mut db, parsed.clone(), mode).is_ok() {
                failures.push(format!("{}: imported ({mode:?})", c.name));
            }
            if db != original {
                failures.push(format!("{}: the data changed ({mode:?})", c.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_corpus_starts_from_a_file_that_imports() {
    // Otherwise every "refusal" above could be the base file's own fault.
    let b = parse_bytes(base_text().as_bytes(), ParseOptions::default()).expect("base is valid");
    assert_eq!(sorted(&b.data), sorted(&base_data()));
    assert!(!b.data.payments.is_empty() && !b.data.contacts.is_empty() && !b.data.quotes.is_empty());
    // And the signing helper produces files that verify.
    assert!(parse_bytes(signed(|_| {}).as_bytes(), ParseOptions::default()).is_ok());
}

#[test]
fn a_utf8_byte_order_mark_is_accepted_and_noted() {
    let bytes = [&[0xEF, 0xBB, 0xBF][..], base_text().as_bytes()].concat();
    let b = parse_bytes(&bytes, ParseOptions::default()).expect("a BOM is harmless");
    assert_eq!(sorted(&b.data), sorted(&base_data()));
    // The records are located in the bytes as given, the mark included.
    let spans = b.spans.expect("spans");
    let first = spans.of(cobro_core::pack::Kind::Invoices)[0].clone();
    assert!(bytes[first].starts_with(b"{\"id\":"));
    assert!(
        matches!(b.notes[0].code, ProblemCode::BomStripped),
        "{:?}",
        b.notes
    );
}

#[test]
fn invalid_utf8_says_where() {
    let base = base_text();
    let bytes = inject(&base, NOTES, &[0xFF]);
    let at = base.find(NOTES).expect("notes") + NOTES.len();
    let err = parse_bytes(&bytes, ParseOptions::default()).expect_err("not UTF-8");
    assert_eq!(err.problems[0].code, ProblemCode::NotUtf8 { offset: at });
    assert!(err.to_string().contains("not UTF-8"), "{err}");
}

#[test]
fn a_long_logo_is_fine_but_a_text_over_the_limit_is_not() {
    // The longest legitimate text: a 200 KB logo as a base64 data URL.
    let logo = format!("data:image/png;base64,{}", "A".repeat(200 * 1024 * 4 / 3));
    let mut data = base_data();
    data.profile.logo_data_url = Some(logo);
    let ok = export(&data, stamp(), "test").expect("export");
    assert!(parse_bytes(ok.as_bytes(), ParseOptions::default()).is_ok());
    data.profile.logo_data_url = Some("A".repeat(MAX_TEXT_BYTES + 1));
    let big = export(&data, stamp(), "test").expect("export");
    let err = parse_bytes(big.as_bytes(), ParseOptions::default()).expect_err("too long");
    assert_eq!(err.problems[0].path, "$.data.profile.logo_data_url");
    assert_eq!(
        err.problems[0].code,
        ProblemCode::TextTooLong {
            len: MAX_TEXT_BYTES + 1,
            limit: MAX_TEXT_BYTES
        }
    );
}

#[test]
fn a_checksum_mismatch_names_what_was_edited() {
    let edited_stores = |text: &str| -> Option<Vec<Store>> {
        let err = parse_bytes(text.as_bytes(), ParseOptions::default()).expect_err("mismatch");
        assert!(err.only_checksum_mismatch(), "{err}");
        err.edited_stores().map(<[Store]>::to_vec)
    };
    let two = edited(|v| {
        v["data"]["invoices"][0]["notes"] = json!("edited");
        v["data"]["payments"][0]["note"] = json!("edited");
    });
    assert_eq!(edited_stores(&two), Some(vec![Store::Invoices, Store::Payments]));
    let err = parse_bytes(two.as_bytes(), ParseOptions::default()).expect_err("mismatch");
    assert!(
        err.to_string()
            .contains("edited after export: invoices, payments"),
        "{err}"
    );
    // Only the checksum itself changed: every store matches its digest.
    let sum_only = edited(|v| v["sha256"] = json!("0".repeat(64)));
    assert_eq!(edited_stores(&sum_only), Some(vec![]));
    // A version-1 file written before the digests existed cannot say.
    let mut v1: Value = serde_json::from_str(include_str!("fixtures/backup-v1.json")).expect("golden");
    assert!(v1.get("digests").is_none());
    v1["data"]["clients"][0]["notes"] = json!("edited");
    assert_eq!(edited_stores(&serde_json::to_string(&v1).expect("json")), None);
    // A current file without its digests is refused for that.
    let none = edited(|v| {
        v.as_object_mut().expect("object").remove("digests");
    });
    let err = parse_bytes(none.as_bytes(), ParseOptions::default()).expect_err("no digests");
    assert!(
        err.problems
            .iter()
            .any(|p| p.path == "$.digests" && p.code == ProblemCode::Missing),
        "{err}"
    );
    // Accepted knowingly, the edit is imported and the mismatch kept as a note.
    let opts = ParseOptions {
        accept_checksum_mismatch: true,
        ..ParseOptions::default()
    };
    let b = parse_bytes(two.as_bytes(), opts).expect("accepted");
    assert!(b.data.invoices.iter().any(|i| i.notes == "edited"));
    assert!(b.notes.iter().any(|n| matches!(
        &n.code,
        ProblemCode::ChecksumMismatch { edited: Some(s), .. } if s == &[Store::Invoices, Store::Payments]
    )));
}

#[test]
fn a_valid_file_whose_numbers_clash_cannot_be_merged_and_changes_nothing() {
    // Well formed and correctly signed, yet merging it would give an issued invoice
    // number to a different invoice: the merge is refused as a whole.
    let clash = signed(|v| {
        for inv in v["data"]["invoices"].as_array_mut().expect("list") {
            if let Some(id) = inv["id"].as_str() {
                inv["id"] = json!(format!("{id}-other"));
            }
        }
        for p in v["data"]["payments"].as_array_mut().expect("list") {
            if let Some(id) = p["invoice_id"].as_str() {
                p["invoice_id"] = json!(format!("{id}-other"));
            }
        }
        for key in ["steps", "contacts", "credit_notes"] {
            for r in v["data"][key].as_array_mut().expect("list") {
                if let Some(id) = r["invoice_id"].as_str() {
                    r["invoice_id"] = json!(format!("{id}-other"));
                }
            }
        }
        for q in v["data"]["quotes"].as_array_mut().expect("list") {
            if let Some(id) = q["invoice_id"].as_str() {
                q["invoice_id"] = json!(format!("{id}-other"));
            }
        }
    });
    let original = base_data();
    let mut db = original.clone();
    let parsed = parse_bytes(clash.as_bytes(), ParseOptions::default());
    let refused = import_like_the_app(&mut db, parsed, Mode::Merge).expect_err("clash");
    assert!(refused.contains("number conflict"), "{refused}");
    assert_eq!(db, original);
}

//! Backup format (version 2, and version 1 files still read): export/parse round trip, the
//! checksum over the bytes, every check of the parser with its JSON path, migrations from
//! golden files, the published JSON Schemas, merge.

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::backup::{
    self, canonical_json, checksum, export, merge, parse, parse_with, preview, ConflictKind, MergeError,
    ParseOptions, ProblemCode, Store,
};
use cobro_core::model::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn t(s: &str) -> Stamp {
    DateTime::parse_from_rfc3339(s)
        .expect("valid stamp")
        .with_timezone(&Utc)
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("valid decimal")
}

fn line(desc: &str, qty: &str, price: &str, vat: &str) -> Line {
    Line {
        item_id: None,
        description: desc.into(),
        quantity: dec(qty),
        unit_price: dec(price),
        discount_pct: Decimal::ZERO,
        vat: VatRate::Rate(dec(vat)),
    }
}

fn series(id: &str, kind: DocKind, prefix: &str, last: &[(i32, u32)]) -> NumberingSeries {
    NumberingSeries {
        id: id.into(),
        kind,
        prefix: prefix.into(),
        include_year: true,
        separator: "-".into(),
        padding: 4,
        yearly_reset: true,
        last: last.iter().copied().collect::<BTreeMap<_, _>>(),
        carried_over: BTreeMap::new(),
        updated_at: t("2026-01-02T08:00:00Z"),
    }
}

fn client(id: &str, name: &str, currency: &str) -> Client {
    Client {
        id: id.into(),
        legal_name: name.into(),
        tax_id: "B12345678".into(),
        address: Address {
            street: "Calle Mayor 1".into(),
            postal_code: "28013".into(),
            city: "Madrid".into(),
            region: "Madrid".into(),
            country: "ES".into(),
        },
        ap_contact_name: "Lucía Pérez".into(),
        ap_contact_email: "ap@example.es".into(),
        ap_contact_phone: "+34 600 000 000".into(),
        billing_instructions: "Send to the AP portal".into(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec!["pm-1".into()],
        currency: currency.into(),
        language: Lang::Es,
        credit_limit: Some(dec("5000.00")),
        notes: String::new(),
        policy_override: None,
        archived: false,
        updated_at: t("2026-01-05T10:00:00Z"),
    }
}

fn invoice(id: &str, client: &str, number: Option<&str>, issued: NaiveDate) -> Invoice {
    Invoice {
        id: id.into(),
        series_id: "s-inv".into(),
        number: number.map(Into::into),
        client_id: client.into(),
        po_number: String::new(),
        issue_date: issued,
        delivery_date: None,
        due_date: issued + chrono::Days::new(30),
        currency: "EUR".into(),
        lines: vec![line("Diseño web", "10", "45.50", "21")],
        withholding_pct: dec("15"),
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec!["pm-1".into()],
        notes: String::new(),
        quote_id: None,
        sent: Some(Sending {
            date: issued,
            channel: Channel::Email,
        }),
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: t("2026-02-01T09:00:00Z"),
    }
}

/// A small dataset touching every store.
fn sample() -> Dataset {
    let mut inv_paid = invoice("inv-2", "cl-1", Some("F2026-0002"), d(2026, 1, 31));
    inv_paid.quote_id = Some("q-1".into());
    let inv_cancelled = Invoice {
        cancelled_by: Some("cn-1".into()),
        ..invoice("inv-3", "cl-2", Some("F2026-0003"), d(2026, 2, 28))
    };
    Dataset {
        profile: BusinessProfile {
            name: "Ana García Estudio".into(),
            tax_id: "12345678Z".into(),
            email: "ana@example.es".into(),
            updated_at: Some(t("2026-01-01T00:00:00Z")),
            ..Default::default()
        },
        settings: AppSettings {
            invoice_series_id: Some("s-inv".into()),
            credit_note_series_id: Some("s-cn".into()),
            quote_series_id: Some("s-q".into()),
            updated_at: Some(t("2026-01-01T00:00:00Z")),
            ..Default::default()
        },
        payment_methods: vec![PaymentMethod {
            id: "pm-1".into(),
            label: "BBVA".into(),
            kind: PaymentMethodKind::BankTransfer {
                iban: "ES9121000418450200051332".into(),
                bic: "CAIXESBBXXX".into(),
                holder: "Ana García".into(),
                bank: "BBVA".into(),
            },
            archived: false,
            updated_at: t("2026-01-01T00:00:00Z"),
        }],
        series: vec![
            series("s-inv", DocKind::Invoice, "F", &[(2026, 3)]),
            series("s-cn", DocKind::CreditNote, "R", &[(2026, 1)]),
            series("s-q", DocKind::Quote, "P", &[(2026, 1)]),
        ],
        clients: vec![
            client("cl-2", "Acme Ltd", "EUR"),
            client("cl-1", "Construcciones Ñandú, S.L.", "EUR"),
        ],
        items: vec![CatalogItem {
            id: "it-1".into(),
            name: "Hora de diseño".into(),
            description: String::new(),
            unit_price: dec("45.50"),
            vat: VatRate::Rate(dec("21")),
            archived: false,
            updated_at: t("2026-01-01T00:00:00Z"),
        }],
        quotes: vec![Quote {
            id: "q-1".into(),
            series_id: "s-q".into(),
            number: Some("P2026-0001".into()),
            client_id: "cl-1".into(),
            po_number: String::new(),
            issue_date: d(2026, 1, 10),
            valid_until: Some(d(2026, 2, 10)),
            currency: "EUR".into(),
            lines: vec![line("Diseño web", "10", "45.50", "21")],
            withholding_pct: dec("15"),
            invoice_discount_pct: Decimal::ZERO,
            notes: String::new(),
            payment_method_ids: Vec::new(),
            early_payment: None,
            state: QuoteState::Accepted { date: d(2026, 1, 20) },
            invoice_id: Some("inv-2".into()),
            updated_at: t("2026-01-20T00:00:00Z"),
        }],
        invoices: vec![
            invoice("inv-1", "cl-1", Some("F2026-0001"), d(2026, 1, 15)),
            inv_paid,
            inv_cancelled,
            Invoice {
                sent: None,
                ..invoice("inv-4", "cl-2", None, d(2026, 3, 1))
            },
        ],
        credit_notes: vec![CreditNote {
            id: "cn-1".into(),
            series_id: "s-cn".into(),
            number: Some("R2026-0001".into()),
            invoice_id: "inv-3".into(),
            client_id: "cl-2".into(),
            issue_date: d(2026, 3, 2),
            reason: "Error en el importe".into(),
            currency: "EUR".into(),
            lines: vec![line("Diseño web", "10", "45.50", "21")],
            withholding_pct: dec("15"),
            invoice_discount_pct: Decimal::ZERO,
            full_cancellation: true,
            updated_at: t("2026-03-02T00:00:00Z"),
        }],
        payments: vec![Payment {
            id: "pay-1".into(),
            invoice_id: "inv-2".into(),
            date: d(2026, 2, 20),
            amount: dec("482.30"),
            method_id: Some("pm-1".into()),
            note: String::new(),
            closed_steps: Vec::new(),
            early_discount: None,
            voided: None,
            updated_at: t("2026-02-20T00:00:00Z"),
        }],
        contacts: vec![ContactEntry {
            id: "ct-1".into(),
            client_id: "cl-1".into(),
            invoice_id: Some("inv-1".into()),
            step_id: Some("st-1".into()),
            date: d(2026, 1, 16),
            channel: Channel::Phone,
            who: "Lucía".into(),
            outcome: Outcome::PromisedToPay { date: d(2026, 2, 20) },
            note: "Pagará a final de mes".into(),
            updated_at: t("2026-01-16T00:00:00Z"),
        }],
        steps: vec![FollowUpStep {
            id: "st-1".into(),
            invoice_id: "inv-1".into(),
            kind: StepKind::ReceiptCheck,
            due: d(2026, 1, 16),
            channel: Channel::Phone,
            state: StepState::Done { date: d(2026, 1, 16) },
            snoozed_from: None,
            updated_at: t("2026-01-16T00:00:00Z"),
        }],
        recurring: vec![],
    }
}

const NOW: &str = "2026-03-10T12:00:00Z";

fn exported(data: &Dataset) -> String {
    export(data, t(NOW), "0.1.0").expect("export")
}

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("json")
}

fn text(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("json")
}

/// Problems as (path, code) for compact assertions.
fn problems(text: &str) -> Vec<(String, ProblemCode)> {
    match parse(text) {
        Ok(_) => vec![],
        Err(e) => e.problems.into_iter().map(|p| (p.path, p.code)).collect(),
    }
}

fn paths(text: &str) -> Vec<String> {
    problems(text).into_iter().map(|(p, _)| p).collect()
}

/// The notes of a backup other than the sample's two made-up CIFs ("B12345678": its check
/// digit would be 4), which the golden files carry too and are restored with a note each.
fn notes_beyond_sample_tax_ids(b: &backup::Backup) -> Vec<&backup::Problem> {
    b.notes
        .iter()
        .filter(|n| {
            !matches!(
                n.code,
                ProblemCode::KeptAsIs {
                    rule: cobro_core::validity::Rule::TaxId(_)
                }
            )
        })
        .collect()
}

// ---------------------------------------------------------------- round trip

#[test]
fn export_parse_export_is_byte_identical() {
    let first = exported(&sample());
    let b = parse(&first).expect("valid backup");
    assert_eq!(b.source_version, backup::SCHEMA_VERSION);
    assert!(notes_beyond_sample_tax_ids(&b).is_empty());
    assert_eq!(b.app_version, "0.1.0");
    assert_eq!(b.exported_at, t(NOW));
    let second = export(&b.data, b.exported_at, &b.app_version).expect("export");
    assert_eq!(first, second);
    assert!(first.ends_with("}\n"));
}

#[test]
fn export_writes_each_store_compactly_and_hashes_its_bytes() {
    let data = sample();
    let file = exported(&data);
    assert_eq!(file.lines().count(), 13, "the envelope, then one store per line");
    assert!(!file.contains(": ") && !file.contains("  "), "compact");
    let v = value(&file);
    // Each digest is the SHA-256 of the store's value exactly as its bytes stand in the file.
    let mut digests = Vec::new();
    for line in file.lines().skip(1) {
        let (key, rest) = line.split_once("\":").expect("a store line");
        let key = key.trim_start_matches('"');
        // Every line but the last ends with the comma before the next store; the last with `}}`.
        let bytes = rest
            .strip_suffix(',')
            .or_else(|| rest.strip_suffix("}}"))
            .unwrap_or(rest);
        let digest: String = Sha256::digest(bytes.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(v["digests"][key], json!(digest), "{key}");
        let store = backup::STORES
            .into_iter()
            .find(|s| backup::store_key(*s) == key)
            .expect("a store");
        digests.push((store, digest));
    }
    // Every store but the optional ones without records (the sample has no schedules).
    assert_eq!(digests.len(), backup::STORES.len() - 1);
    assert!(
        !file.contains("\"recurring\""),
        "an empty optional store is left out"
    );
    // The checksum is the SHA-256 of "<store>:<digest>\n" lines, in the stores' order.
    let lines: String = backup::STORES
        .iter()
        .filter(|s| !backup::left_out(&data, **s))
        .map(|s| {
            format!(
                "{}:{}\n",
                backup::store_key(*s),
                v["digests"][backup::store_key(*s)].as_str().unwrap_or("")
            )
        })
        .collect();
    let root: String = Sha256::digest(lines.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(v["sha256"], json!(root));
    assert_eq!(backup::v2::root(&digests), root);
    assert_eq!(backup::v2::digests_of(&file), Some(digests));
}

#[test]
fn the_canonical_form_of_version_1_sorts_by_id_and_is_compact() {
    let data = sample();
    let canonical = canonical_json(&data).expect("json");
    assert!(!canonical.contains('\n') && !canonical.contains(": "));
    assert!(canonical.find("\"id\":\"cl-1\"") < canonical.find("\"id\":\"cl-2\""));
    assert_eq!(
        serde_json::from_str::<Dataset>(&canonical).expect("json"),
        backup::sorted(&data)
    );
    let digest: String = Sha256::digest(canonical.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(checksum(&data).expect("hash"), digest);
    // Same data in another order: same canonical form, same checksum.
    let mut shuffled = data.clone();
    shuffled.invoices.reverse();
    shuffled.clients.reverse();
    assert_eq!(checksum(&shuffled).expect("hash"), checksum(&data).expect("hash"));
}

#[test]
fn a_reordered_or_reindented_file_reads_as_edited_and_imports_once_accepted() {
    let mut v = value(&exported(&sample()));
    v["data"]["invoices"].as_array_mut().expect("list").reverse();
    let reordered = backup::v2::reseal(&text(&v)).expect("reseal");
    // Sealed again for its new bytes, it reads; the data is the same business.
    let b = parse(&reordered).expect("still valid");
    assert_eq!(backup::sorted(&b.data), backup::sorted(&sample()));
    // Re-indented without sealing: every store's bytes changed, the file says so.
    let pretty = text(&value(&exported(&sample())));
    let errors = parse(&pretty).expect_err("the bytes changed");
    assert!(errors.only_checksum_mismatch(), "{errors}");
    assert_eq!(
        errors.edited_stores().map(<[Store]>::len),
        Some(backup::STORES.len() - 1),
        "every store written (the sample has no schedules)"
    );
    let accepted = parse_with(
        &pretty,
        ParseOptions {
            accept_checksum_mismatch: true,
            ..Default::default()
        },
    )
    .expect("accepted knowingly");
    assert_eq!(backup::sorted(&accepted.data), backup::sorted(&sample()));
    assert!(accepted
        .notes
        .iter()
        .any(|n| matches!(n.code, ProblemCode::ChecksumMismatch { .. })));
    // Re-exporting restores the exported file.
    assert_eq!(
        export(&b.data, b.exported_at, &b.app_version).expect("export"),
        export(&accepted.data, b.exported_at, &b.app_version).expect("export")
    );
}

#[test]
fn a_version_1_file_reordered_or_reindented_still_verifies() {
    // Version 1 hashed the canonical form, so layout and order never mattered there.
    let mut v = value(V1);
    v["data"]["invoices"].as_array_mut().expect("list").reverse();
    let compact = serde_json::to_string(&v).expect("json");
    let b = parse(&compact).expect("still valid");
    assert_eq!(b.source_version, 1);
    assert_eq!(backup::sorted(&b.data), parse(V1).expect("golden").data);
}

#[test]
fn empty_dataset_round_trips() {
    let first = exported(&Dataset::default());
    let b = parse(&first).expect("valid");
    assert_eq!(b.data, Dataset::default());
    assert_eq!(
        export(&b.data, b.exported_at, &b.app_version).expect("export"),
        first
    );
}

// ---------------------------------------------------------------- file-level checks

#[test]
fn bom_is_stripped_and_noted() {
    let with_bom = format!("\u{feff}{}", exported(&sample()));
    let b = parse(&with_bom).expect("a BOM does not block the import");
    let notes = notes_beyond_sample_tax_ids(&b);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].code, ProblemCode::BomStripped);
    assert!(notes[0].code.is_note());
}

#[test]
fn oversized_file_is_refused_before_parsing() {
    let text = exported(&sample());
    let opts = ParseOptions {
        max_bytes: 100,
        ..ParseOptions::default()
    };
    let err = parse_with(&text, opts).expect_err("too large");
    assert_eq!(
        err.problems[0].code,
        ProblemCode::TooLarge {
            size: text.len(),
            limit: 100
        }
    );
    // Not even JSON is looked at: garbage of the same size gives the same answer.
    let err = parse_with(&"x".repeat(101), opts).expect_err("too large");
    assert!(matches!(err.problems[0].code, ProblemCode::TooLarge { .. }));
    assert_eq!(backup::MAX_BACKUP_BYTES, 128 * 1024 * 1024);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [backup::MAX_DEPTH + 1, 200, 1_000_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let p = problems(&text);
        assert_eq!(
            p,
            vec![(
                "$".to_string(),
                ProblemCode::TooDeep {
                    limit: backup::MAX_DEPTH
                }
            )]
        );
    }
    let unterminated = "{\"a\":".repeat(100_000);
    assert!(matches!(
        problems(&unterminated)[0].1,
        ProblemCode::TooDeep { .. }
    ));
}

#[test]
fn not_json_and_not_a_backup() {
    assert!(matches!(
        problems("{\"format\": ")[0].1,
        ProblemCode::NotJson { .. }
    ));
    assert!(matches!(problems("")[0].1, ProblemCode::NotJson { .. }));
    assert!(matches!(
        problems("[1,2]")[0].1,
        ProblemCode::NotCobroBackup { .. }
    ));
    let p = problems(r#"{"format":"other-app","schema_version":1}"#);
    assert_eq!(
        p,
        vec![(
            "$.format".into(),
            ProblemCode::NotCobroBackup {
                found: "\"other-app\"".into()
            }
        )]
    );
    let p = problems(r#"{"schema_version":1}"#);
    assert_eq!(p[0].0, "$.format");
}

#[test]
fn future_version_is_refused_by_name() {
    let mut v = value(&exported(&sample()));
    v["schema_version"] = json!(7);
    let p = problems(&text(&v));
    assert_eq!(
        p,
        vec![(
            "$.schema_version".into(),
            ProblemCode::FutureVersion {
                found: 7,
                supported: 2
            }
        )]
    );
    assert!(p[0].1.to_string().contains("version 7"));
    for bad in [json!("1"), json!(1.5), json!(-1), Value::Null] {
        v["schema_version"] = bad;
        assert!(matches!(
            problems(&text(&v))[0].1,
            ProblemCode::InvalidVersion { .. }
        ));
    }
    v.as_object_mut().expect("object").remove("schema_version");
    assert_eq!(
        problems(&text(&v)),
        vec![("$.schema_version".into(), ProblemCode::Missing)]
    );
}

// ---------------------------------------------------------------- types, with paths

#[test]
fn every_bad_record_is_reported_with_its_path() {
    let mut v = value(&exported(&sample()));
    v["data"]["invoices"][1]["client_id"] = json!(42);
    v["data"]["invoices"][2]["issue_date"] = json!("2026-02-30");
    v["data"]["payments"][0]["amount"] = json!("12,50");
    v["data"]["clients"][0]["language"] = json!("fr");
    let p = paths(&text(&v));
    assert_eq!(
        p,
        [
            "$.data.clients[0].language",
            "$.data.invoices[1].client_id",
            "$.data.invoices[2].issue_date",
            "$.data.payments[0].amount",
        ]
    );
    for (_, code) in problems(&text(&v)) {
        assert!(matches!(code, ProblemCode::WrongType { .. }), "{code:?}");
    }
}

#[test]
fn nested_bad_values_are_located() {
    let mut v = value(&exported(&sample()));
    v["data"]["invoices"][0]["lines"][0]["quantity"] = json!(true);
    v["data"]["payment_methods"][0]["kind"]["type"] = json!("cheque");
    v["data"]["steps"][0]["state"] = json!({"state": "done", "date": "yesterday"});
    assert_eq!(
        paths(&text(&v)),
        [
            "$.data.payment_methods[0].kind.type",
            "$.data.invoices[0].lines[0].quantity",
            "$.data.steps[0].state.date",
        ]
    );
}

#[test]
fn missing_fields_are_located_even_when_nested() {
    let mut v = value(&exported(&sample()));
    v["data"]["invoices"][0]
        .as_object_mut()
        .expect("object")
        .remove("due_date");
    v["data"]["invoices"][3]["lines"][0]
        .as_object_mut()
        .expect("object")
        .remove("vat");
    v["data"].as_object_mut().expect("object").remove("steps");
    let p = problems(&text(&v));
    assert_eq!(
        p,
        vec![
            ("$.data.invoices[0].due_date".into(), ProblemCode::Missing),
            ("$.data.invoices[3].lines[0].vat".into(), ProblemCode::Missing),
            ("$.data.steps".into(), ProblemCode::Missing),
        ]
    );
}

#[test]
fn unknown_fields_and_numbers_for_amounts_are_refused() {
    let mut v = value(&exported(&sample()));
    v["surprise"] = json!(1);
    v["data"]["clients"][1]["nickname"] = json!("Acme");
    v["data"]["payments"][0]["amount"] = json!(482.3);
    v["data"]["invoices"][0]["lines"][0]["weird key"] = json!(0);
    let p = problems(&text(&v));
    assert_eq!(
        p.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        [
            "$.surprise",
            "$.data.clients[1].nickname",
            "$.data.invoices[0].lines[0][\"weird key\"]",
            "$.data.payments[0].amount",
        ]
    );
    assert_eq!(p[0].1, ProblemCode::UnknownField);
    assert_eq!(
        p[3].1,
        ProblemCode::WrongType {
            detail: "expected text, found a number".into()
        }
    );
}

#[test]
fn envelope_fields_are_typed() {
    let mut v = value(&exported(&sample()));
    v["exported_at"] = json!("yesterday");
    v["sha256"] = json!("ABC");
    v.as_object_mut().expect("object").remove("app_version");
    assert_eq!(paths(&text(&v)), ["$.exported_at", "$.app_version", "$.sha256"]);
}

// ---------------------------------------------------------------- checksum

#[test]
fn tampering_is_a_checksum_mismatch_the_user_may_override() {
    let original = exported(&sample());
    let tampered = original.replace("\"482.30\"", "\"48.23\"");
    assert_ne!(original, tampered);
    let err = parse(&tampered).expect_err("mismatch");
    assert!(err.only_checksum_mismatch());
    let ProblemCode::ChecksumMismatch {
        expected,
        actual,
        edited,
    } = &err.problems[0].code
    else {
        panic!("expected a checksum mismatch, got {err}");
    };
    // The per-store digests name what was edited: only a payment amount changed.
    assert_eq!(edited.as_deref(), Some(&[Store::Payments][..]));
    assert_eq!(err.edited_stores(), Some(&[Store::Payments][..]));
    assert!(err.to_string().contains("edited after export: payments"), "{err}");
    assert_eq!(err.problems[0].path, "$.sha256");
    assert_eq!(*expected, value(&original)["sha256"].as_str().expect("hash"));
    assert_ne!(expected, actual);

    let opts = ParseOptions {
        accept_checksum_mismatch: true,
        ..ParseOptions::default()
    };
    let b = parse_with(&tampered, opts).expect("override accepted");
    assert_eq!(b.data.payments[0].amount, dec("48.23"));
    assert!(matches!(b.notes[0].code, ProblemCode::ChecksumMismatch { .. }));
}

#[test]
fn overriding_the_checksum_does_not_skip_other_checks() {
    let mut v = value(&exported(&sample()));
    v["data"]["payments"][0]["invoice_id"] = json!("nope");
    let opts = ParseOptions {
        accept_checksum_mismatch: true,
        ..ParseOptions::default()
    };
    let err = parse_with(&text(&v), opts).expect_err("dangling reference");
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].path, "$.data.payments[0].invoice_id");
    // Without the override both problems are listed, so the UI must not offer it.
    let err = parse(&text(&v)).expect_err("two problems");
    assert_eq!(err.problems.len(), 2);
    assert!(!err.only_checksum_mismatch());
}

// ---------------------------------------------------------------- semantic validation

fn codes_at(data: &Dataset) -> Vec<(String, ProblemCode)> {
    backup::validate(data)
        .into_iter()
        .map(|p| (p.path, p.code))
        .collect()
}

#[test]
fn sample_is_valid() {
    assert_eq!(backup::validate(&sample()), vec![]);
}

#[test]
fn duplicate_ids_are_reported_per_store() {
    let mut data = sample();
    data.payments.push(Payment {
        amount: dec("1.00"),
        ..data.payments[0].clone()
    });
    // The same id in two different stores is fine.
    data.items[0].id = "pay-1".into();
    assert_eq!(
        codes_at(&data),
        vec![(
            "$.data.payments[1].id".into(),
            ProblemCode::DuplicateId {
                id: "pay-1".into(),
                other: "$.data.payments[0]".into()
            }
        )]
    );
}

#[test]
fn every_reference_must_resolve() {
    let mut data = sample();
    data.invoices[0].client_id = "ghost".into();
    data.invoices[0].payment_method_ids = vec!["pm-1".into(), "pm-x".into()];
    data.invoices[1].quote_id = Some("q-x".into());
    data.quotes[0].invoice_id = Some("inv-x".into());
    data.credit_notes[0].invoice_id = "inv-x".into();
    data.contacts[0].step_id = Some("st-x".into());
    data.contacts[0].invoice_id = Some("inv-x".into());
    data.steps[0].invoice_id = "inv-x".into();
    data.clients[1].preferred_payment_method_ids = vec!["pm-x".into()];
    data.payments[0].method_id = Some("pm-x".into());
    data.settings.quote_series_id = Some("s-x".into());
    let got: Vec<String> = backup::validate(&data).into_iter().map(|p| p.path).collect();
    assert_eq!(
        got,
        [
            "$.data.settings.quote_series_id",
            "$.data.clients[1].preferred_payment_method_ids[0]",
            "$.data.quotes[0].invoice_id",
            "$.data.invoices[0].client_id",
            "$.data.invoices[0].payment_method_ids[1]",
            "$.data.invoices[1].quote_id",
            "$.data.invoices[2].cancelled_by",
            "$.data.credit_notes[0].invoice_id",
            "$.data.payments[0].method_id",
            "$.data.contacts[0].invoice_id",
            "$.data.contacts[0].step_id",
            "$.data.steps[0].invoice_id",
        ]
    );
}

#[test]
fn documents_must_use_a_series_of_their_kind() {
    let mut data = sample();
    data.invoices[0].series_id = "s-q".into();
    let p = codes_at(&data);
    assert!(p.contains(&(
        "$.data.invoices[0].series_id".into(),
        ProblemCode::WrongSeriesKind {
            id: "s-q".into(),
            expected: cobro_core::DocKind::Invoice,
            actual: cobro_core::DocKind::Quote
        }
    )));
}

#[test]
fn document_numbers_are_unique_per_series() {
    let mut data = sample();
    data.invoices[3].number = Some("F2026-0001".into());
    let p = codes_at(&data);
    assert!(p.contains(&(
        "$.data.invoices[3].number".into(),
        ProblemCode::DuplicateNumber {
            number: "F2026-0001".into(),
            other: "$.data.invoices[0]".into()
        }
    )));
}

#[test]
fn same_number_in_different_series_is_fine() {
    let mut data = sample();
    let mut other = data.series[0].clone();
    other.id = "s-inv-b".into();
    other.prefix = "F".into();
    data.series.push(other);
    data.invoices[3].series_id = "s-inv-b".into();
    data.invoices[3].number = Some("F2026-0001".into());
    assert!(!codes_at(&data)
        .iter()
        .any(|(_, c)| matches!(c, ProblemCode::DuplicateNumber { .. })));
}

#[test]
fn payments_must_be_positive_and_on_issued_invoices() {
    let mut data = sample();
    data.payments[0].amount = dec("-10.00");
    data.payments.push(Payment {
        id: "pay-0".into(),
        amount: Decimal::ZERO,
        ..data.payments[0].clone()
    });
    data.payments.push(Payment {
        id: "pay-d".into(),
        invoice_id: "inv-4".into(),
        ..data.payments[0].clone()
    });
    let p = codes_at(&data);
    assert!(p.contains(&(
        "$.data.payments[0].amount".into(),
        ProblemCode::NotPositive {
            amount: dec("-10.00")
        }
    )));
    assert!(p.contains(&(
        "$.data.payments[1].amount".into(),
        ProblemCode::NotPositive {
            amount: Decimal::ZERO
        }
    )));
    assert!(p
        .iter()
        .any(|(path, c)| path == "$.data.payments[2].invoice_id"
            && matches!(c, ProblemCode::Inconsistent { .. })));
}

#[test]
fn dates_must_be_between_2000_and_2100() {
    let mut data = sample();
    data.payments[0].date = d(1999, 12, 31);
    data.steps[0].due = d(2101, 1, 1);
    data.contacts[0].date = d(2000, 1, 1);
    data.invoices[0].issue_date = d(2100, 12, 31);
    data.invoices[0].due_date = d(2100, 12, 31);
    let p = codes_at(&data);
    assert_eq!(
        p,
        vec![
            (
                "$.data.payments[0].date".into(),
                ProblemCode::DateOutOfRange {
                    date: d(1999, 12, 31)
                }
            ),
            (
                "$.data.steps[0].due".into(),
                ProblemCode::DateOutOfRange { date: d(2101, 1, 1) }
            ),
        ]
    );
}

#[test]
fn due_date_cannot_precede_issue_date() {
    let mut data = sample();
    data.invoices[0].due_date = d(2026, 1, 14);
    assert_eq!(
        codes_at(&data),
        vec![(
            "$.data.invoices[0].due_date".into(),
            ProblemCode::DueBeforeIssue {
                due: d(2026, 1, 14),
                issued: d(2026, 1, 15)
            }
        )]
    );
}

#[test]
fn currencies_must_be_known_and_consistent() {
    let mut data = sample();
    data.invoices[0].currency = "EURO".into();
    data.clients[0].currency = "XXY".into();
    data.credit_notes[0].currency = "USD".into();
    let p = codes_at(&data);
    assert!(p.contains(&(
        "$.data.invoices[0].currency".into(),
        ProblemCode::UnknownCurrency { code: "EURO".into() }
    )));
    assert!(p.contains(&(
        "$.data.clients[0].currency".into(),
        ProblemCode::UnknownCurrency { code: "XXY".into() }
    )));
    assert!(p.iter().any(|(path, c)| path == "$.data.credit_notes[0].currency"
        && matches!(c, ProblemCode::Inconsistent { .. })));
}

#[test]
fn totals_must_be_computable() {
    let mut data = sample();
    data.invoices[0].lines[0].discount_pct = dec("150");
    data.quotes[0].withholding_pct = dec("-5");
    let p = codes_at(&data);
    assert!(
        p.iter()
            .any(|(path, c)| path == "$.data.invoices[0]" && matches!(c, ProblemCode::InvalidAmounts { .. })),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|(path, c)| path == "$.data.quotes[0]" && matches!(c, ProblemCode::InvalidAmounts { .. })),
        "{p:?}"
    );
}

#[test]
fn cancellation_and_credit_notes_must_agree() {
    let mut data = sample();
    data.invoices[0].cancelled_by = Some("cn-1".into());
    data.credit_notes[0].client_id = "cl-1".into();
    let p: Vec<String> = codes_at(&data).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        p,
        [
            "$.data.invoices[0].cancelled_by",
            "$.data.credit_notes[0].client_id"
        ]
    );
}

#[test]
fn semantic_problems_come_back_from_parse_with_paths() {
    let mut data = sample();
    // `sample()` lists cl-2 first; the file is sorted by id, so it is clients[1] there.
    assert_eq!(data.clients[0].id, "cl-2");
    data.clients[0].currency = "ZZZ".into();
    let p = problems(&exported(&data));
    assert_eq!(
        p,
        vec![(
            "$.data.clients[1].currency".into(),
            ProblemCode::UnknownCurrency { code: "ZZZ".into() }
        )]
    );
}

#[test]
fn numbering_gaps_are_notes_that_never_block_a_restore() {
    let mut data = sample();
    data.invoices.retain(|i| i.id != "inv-2");
    data.quotes[0].invoice_id = None;
    data.payments.clear();
    let b = parse(&exported(&data)).expect("a gap does not block the import");
    let notes = notes_beyond_sample_tax_ids(&b);
    assert_eq!(notes.len(), 1, "{:?}", b.notes);
    assert_eq!(
        notes[0].path, "$.data.series[0]",
        "s-inv is first, in storage order"
    );
    assert!(
        matches!(&notes[0].code, ProblemCode::Numbering { finding } if finding.to_string().contains("F2026-0002"))
    );
    assert!(notes[0].code.is_note());
    assert_eq!(backup::numbering_notes(&sample()), vec![]);
}

// ---------------------------------------------------------------- migrations and golden files

const V0: &str = include_str!("fixtures/backup-v0.json");
const V1: &str = include_str!("fixtures/backup-v1.json");

#[test]
fn golden_v1_still_reads_and_re_exports_as_the_current_format() {
    let b = parse(V1).expect("golden v1 is valid");
    assert_eq!(b.source_version, 1);
    // Nothing in the data changed between versions 1 and 2; the made-up CIFs of the sample
    // restore as they are, each with a note (what a user's typo in a NIF gets too).
    let tax_id_note = |i: usize| backup::Problem {
        path: format!("$.data.clients[{i}].tax_id"),
        code: ProblemCode::KeptAsIs {
            rule: cobro_core::validity::Rule::TaxId(cobro_core::tax_id::TaxIdProblem::CheckCharacter {
                expected: '4',
            }),
        },
    };
    assert_eq!(b.notes, vec![tax_id_note(0), tax_id_note(1)]);
    assert_eq!(b.data, backup::sorted(&sample()));
    let again = export(&b.data, b.exported_at, &b.app_version).expect("export");
    let reread = parse(&again).expect("re-export is valid");
    assert_eq!(reread.source_version, backup::SCHEMA_VERSION);
    assert_eq!(backup::sorted(&reread.data), b.data);
    assert_eq!(
        (reread.exported_at, reread.app_version),
        (b.exported_at, b.app_version)
    );
}

#[test]
fn golden_v0_migrates_to_the_expected_v1_data() {
    let b = parse(V0).expect("golden v0 migrates");
    assert_eq!(b.source_version, 0);
    let codes: Vec<&ProblemCode> = b.notes.iter().map(|n| &n.code).collect();
    assert_eq!(
        codes,
        [
            &ProblemCode::Migrated { from: 0, to: 2 },
            &ProblemCode::NoChecksum,
            &ProblemCode::KeptAsIs {
                rule: cobro_core::validity::Rule::TaxId(cobro_core::tax_id::TaxIdProblem::CheckCharacter {
                    expected: '3'
                })
            }
        ]
    );
    let stamp = t("2024-05-10T08:00:00Z");
    let data = &b.data;
    assert_eq!(data.profile.tax_id, "12345678Z");
    assert_eq!(data.clients.len(), 2);
    let c = &data.clients[0];
    assert_eq!(c.legal_name, "Construcciones Ñandú, S.L.");
    assert_eq!(c.tax_id, "B87654321");
    assert_eq!(c.ap_contact_email, "pagos@nandu.es");
    assert_eq!(
        (c.po_required, c.language, c.updated_at),
        (false, Lang::Es, stamp)
    );
    assert_eq!(data.series[0].last.get(&2024), Some(&2));
    let inv = &data.invoices[0];
    assert_eq!(inv.client_id, c.id);
    assert_eq!(inv.withholding_pct, dec("15"));
    assert_eq!(inv.lines[0].vat, VatRate::Rate(dec("21")));
    assert_eq!(
        inv.sent,
        Some(Sending {
            date: d(2024, 3, 2),
            channel: Channel::Email
        })
    );
    assert_eq!(data.invoices[2].number, None, "an empty v0 number is a draft");
    assert_eq!(data.payments[0].amount, dec("482.30"));
    assert!(data.steps.is_empty() && data.quotes.is_empty());
    // Once migrated, it exports as a current file that reads back identically.
    let current = export(data, b.exported_at, &b.app_version).expect("export");
    let again = parse(&current).expect("valid");
    assert_eq!(backup::sorted(&again.data), backup::sorted(data));
    assert_eq!(
        export(&again.data, again.exported_at, &again.app_version).expect("export"),
        current
    );
}

#[test]
fn migrations_are_pure_functions() {
    let v0 = value(V0);
    let a = backup::migrate::migrate(v0.clone(), 0).expect("migrates");
    let b = backup::migrate::migrate(v0.clone(), 0).expect("migrates");
    assert_eq!(a, b);
    assert_eq!(value(V0), v0, "the input is not touched");
    assert_eq!(a["schema_version"], json!(1));
    assert_eq!(backup::migrate::migrate(a.clone(), 1).expect("nothing to do"), a);
}

#[test]
fn broken_v0_reports_where() {
    let mut v0 = value(V0);
    v0["data"]["customers"] = json!({"not": "a list"});
    let p = problems(&text(&v0));
    assert!(
        matches!(&p[0].1, ProblemCode::MigrationFailed { detail } if detail.contains("$.data.customers")),
        "{p:?}"
    );
}

// ---------------------------------------------------------------- published schema

const SCHEMA: &str = include_str!("../../schema/backup-v2.schema.json");
const SCHEMA_V1: &str = include_str!("../../schema/backup-v1.schema.json");

/// A minimal reader of the subset of JSON Schema the file uses, strict on keys:
/// every object must have exactly the properties the schema declares.
fn conforms(schema: &Value, node: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return conforms(schema, &schema["$defs"][name], v, path, errors);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(alts) = node.get(key).and_then(Value::as_array) {
            let ok = alts
                .iter()
                .filter(|alt| {
                    let mut e = Vec::new();
                    conforms(schema, alt, v, path, &mut e);
                    e.is_empty()
                })
                .count();
            let fine = if key == "oneOf" { ok == 1 } else { ok >= 1 };
            if !fine {
                errors.push(format!("{path}: {ok} alternatives of {key} match {v}"));
            }
            return;
        }
    }
    if let Some(c) = node.get("const") {
        if c != v {
            errors.push(format!("{path}: expected {c}, found {v}"));
        }
    }
    if let Some(e) = node.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{path}: {v} not in enum"));
        }
    }
    if let Some(ty) = node.get("type").and_then(Value::as_str) {
        let ok = match ty {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            other => panic!("schema type {other} not handled"),
        };
        if !ok {
            errors.push(format!("{path}: expected {ty}, found {v}"));
            return;
        }
    }
    if let (Some(pattern), Some(s)) = (node.get("pattern").and_then(Value::as_str), v.as_str()) {
        // The patterns used: digits, decimal, currency, hex, date.
        let ok = match pattern {
            "^-?[0-9]+(\\.[0-9]+)?$" => s.parse::<Decimal>().is_ok() && !s.contains(['e', 'E', '+']),
            "^[A-Z]{3}$" => s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()),
            "^[0-9a-f]{64}$" => {
                s.len() == 64
                    && s.bytes()
                        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            }
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
            }
            other => panic!("pattern {other} not handled"),
        };
        if !ok {
            errors.push(format!("{path}: {s} does not match {pattern}"));
        }
    }
    if node.get("format").and_then(Value::as_str) == Some("date-time") {
        if let Some(s) = v.as_str() {
            if DateTime::parse_from_rfc3339(s).is_err() {
                errors.push(format!("{path}: {s} is not RFC 3339"));
            }
        }
    }
    if let (Some(props), Some(obj)) = (node.get("properties").and_then(Value::as_object), v.as_object()) {
        // Every key must be declared; a declared key may be absent only when
        // the schema does not require it (fields omitted when empty).
        let unknown: Vec<&String> = obj.keys().filter(|k| !props.contains_key(*k)).collect();
        if !unknown.is_empty() {
            errors.push(format!("{path}: keys {unknown:?} are not in the schema"));
        }
        for (k, sub) in props {
            if let Some(x) = obj.get(k) {
                conforms(schema, sub, x, &format!("{path}.{k}"), errors);
            }
        }
        for r in node
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(r.as_str().unwrap_or_default()) {
                errors.push(format!("{path}: required {r} missing"));
            }
        }
    }
    if let (Some(extra), Some(obj)) = (
        node.get("additionalProperties").and_then(Value::as_object),
        v.as_object(),
    ) {
        if node.get("properties").is_none() {
            for (k, x) in obj {
                conforms(
                    schema,
                    &Value::Object(extra.clone()),
                    x,
                    &format!("{path}.{k}"),
                    errors,
                );
            }
        }
    }
    if let (Some(items), Some(arr)) = (node.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            conforms(schema, items, x, &format!("{path}[{i}]"), errors);
        }
    }
}

#[test]
fn exported_backup_has_exactly_the_keys_the_schema_declares() {
    let schema = value(SCHEMA);
    assert_eq!(
        schema["$schema"],
        json!("https://json-schema.org/draft/2020-12/schema")
    );
    let v1 = value(SCHEMA_V1);
    for (schema, file) in [(&schema, exported(&sample())), (&v1, V1.to_string())] {
        let mut errors = Vec::new();
        conforms(schema, schema, &value(&file), "$", &mut errors);
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
    // The two versions describe the same records; version 2 has since grown the recurring
    // schedules (an optional store), and nothing else.
    let mut grown = schema["$defs"].clone();
    let defs = grown.as_object_mut().expect("defs");
    for name in [
        "RecurringSchedule",
        "Repeat",
        "MonthlyRule",
        "MonthDay",
        "ScheduleEnd",
        "Covers",
    ] {
        assert!(defs.remove(name).is_some(), "{name}");
    }
    let dataset = defs["Dataset"]["properties"].as_object_mut().expect("props");
    assert!(dataset.remove("recurring").is_some());
    assert_eq!(grown, v1["$defs"]);
}

#[test]
fn schema_check_notices_drift() {
    let schema = value(SCHEMA);
    let mut v = value(&exported(&sample()));
    v["data"]["invoices"][0]["extra"] = json!(1);
    v["data"]["clients"][0]
        .as_object_mut()
        .expect("object")
        .remove("notes");
    v["data"]["payments"][0]["amount"] = json!(1.5);
    let mut errors = Vec::new();
    conforms(&schema, &schema, &v, "$", &mut errors);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

#[test]
fn every_record_type_is_in_the_schema() {
    // A dataset with every enum variant exercised, so each oneOf branch is tested.
    let mut data = sample();
    let kinds = [
        PaymentMethodKind::CardLink {
            url: "https://pay.example/x".into(),
        },
        PaymentMethodKind::PayPal {
            address: "ana@example.es".into(),
        },
        PaymentMethodKind::Bizum {
            phone: "+34600000000".into(),
        },
        PaymentMethodKind::Cash,
        PaymentMethodKind::DirectDebit { note: "SEPA".into() },
        PaymentMethodKind::Other {
            text: "Cheque".into(),
        },
    ];
    for (i, kind) in kinds.into_iter().enumerate() {
        data.payment_methods.push(PaymentMethod {
            id: format!("pm-k{i}"),
            kind,
            ..data.payment_methods[0].clone()
        });
    }
    data.clients[0].policy_override = Some(CollectionPolicy::default());
    data.clients[0].credit_limit = None;
    data.items[0].vat = VatRate::Exempt("Art. 20 LIVA".into());
    data.invoices[0].early_payment = Some(EarlyPaymentTerms {
        discount_pct: dec("3"),
        within_days: 10,
    });
    data.invoices[0].receipt = Some(Receipt {
        date: d(2026, 1, 16),
        confirmed_by: "Lucía".into(),
        channel: Channel::Phone,
    });
    data.invoices[0].disputes.push(Dispute {
        opened: d(2026, 1, 20),
        reason: "x".into(),
        resolved: Some(d(2026, 1, 25)),
    });
    for (i, outcome) in [
        Outcome::NoAnswer,
        Outcome::ConfirmedReceipt,
        Outcome::Disputed {
            reason: "price".into(),
        },
        Outcome::Paid,
        Outcome::Other,
    ]
    .into_iter()
    .enumerate()
    {
        data.contacts.push(ContactEntry {
            id: format!("ct-o{i}"),
            outcome,
            ..data.contacts[0].clone()
        });
    }
    for (i, state) in [
        StepState::Open,
        StepState::Skipped {
            reason: "paid".into(),
        },
        StepState::Superseded,
    ]
    .into_iter()
    .enumerate()
    {
        data.steps.push(FollowUpStep {
            id: format!("st-s{i}"),
            state,
            ..data.steps[0].clone()
        });
    }
    for (i, state) in [
        QuoteState::Draft,
        QuoteState::Sent { date: d(2026, 1, 11) },
        QuoteState::Rejected { date: d(2026, 1, 12) },
    ]
    .into_iter()
    .enumerate()
    {
        data.quotes.push(Quote {
            id: format!("q-s{i}"),
            number: None,
            invoice_id: None,
            state,
            ..data.quotes[0].clone()
        });
    }
    // A quote naming its payment methods and an early-payment offer (optional fields).
    data.quotes.push(Quote {
        id: "q-terms".into(),
        number: None,
        invoice_id: None,
        state: QuoteState::Draft,
        payment_method_ids: data
            .payment_methods
            .iter()
            .map(|m| m.id.clone())
            .take(1)
            .collect(),
        early_payment: Some(EarlyPaymentTerms {
            discount_pct: "2".parse().expect("decimal"),
            within_days: 10,
        }),
        ..data.quotes[0].clone()
    });
    data.profile.logo_data_url = Some("data:image/png;base64,AAAA".into());
    data.settings.last_export_at = Some(t(NOW));
    // Numbering continued from another tool: the optional field is exported.
    if let Some(s) = data.series.first_mut() {
        let last = s.last.entry(2026).or_insert(0);
        *last += 40;
        s.carried_over.insert(2026, 40);
    }
    // Corrections: archived records; a payment voided and replaced by one that took the discount.
    data.clients[0].archived = true;
    data.items[0].archived = true;
    data.payment_methods[0].archived = true;
    let mut fixed = data.payments[0].clone();
    fixed.id = "pay-fixed".into();
    fixed.early_discount = Some(EarlyDiscountTaken {
        amount: dec("3.63"),
        discount_pct: dec("3"),
        within_days: 10,
    });
    fixed.closed_steps = vec![data.steps[0].id.clone()];
    data.payments[0].voided = Some(PaymentVoid {
        date: d(2026, 2, 1),
        reason: "typo".into(),
        replaced_by: Some("pay-fixed".into()),
    });
    data.payments.push(fixed);
    // A schedule of each kind of repeat, day and end.
    let base = RecurringSchedule {
        id: "rs-0".into(),
        name: "Iguala".into(),
        client_id: "cl-1".into(),
        series_id: "s-inv".into(),
        po_number: String::new(),
        currency: "EUR".into(),
        lines: vec![line("Mantenimiento {mes}", "1", "300", "21")],
        withholding_pct: dec("15"),
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec!["pm-1".into()],
        notes: String::new(),
        repeat: Repeat::Weeks(2),
        start: d(2026, 1, 5),
        end: ScheduleEnd::Never,
        covers: Covers::Advance,
        paused: false,
        issue_on_open: false,
        made: 0,
        done_through: None,
        updated_at: t(NOW),
    };
    for (i, (repeat, end)) in [
        (Repeat::Weeks(2), ScheduleEnd::Never),
        (
            Repeat::Months(MonthlyRule {
                every: 1,
                on: MonthDay::Day(31),
            }),
            ScheduleEnd::After(12),
        ),
        (
            Repeat::Months(MonthlyRule {
                every: 3,
                on: MonthDay::Last,
            }),
            ScheduleEnd::On(d(2027, 12, 31)),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        data.recurring.push(RecurringSchedule {
            id: format!("rs-{i}"),
            repeat,
            end,
            covers: if i == 2 { Covers::Arrears } else { Covers::Advance },
            paused: i == 1,
            issue_on_open: i == 2,
            made: u32::try_from(i).unwrap_or(0),
            done_through: (i > 0).then(|| d(2026, 2, 1)),
            early_payment: (i == 1).then(|| EarlyPaymentTerms {
                discount_pct: dec("2"),
                within_days: 7,
            }),
            ..base.clone()
        });
    }
    assert_eq!(backup::validate(&data), vec![]);
    let schema = value(SCHEMA);
    let mut errors = Vec::new();
    conforms(&schema, &schema, &value(&exported(&data)), "$", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // And the quote's optional fields read back as they were written.
    let read = parse(&exported(&data)).expect("reads back").data;
    let terms = |d: &Dataset| d.quotes.iter().find(|q| q.id == "q-terms").cloned();
    assert_eq!(terms(&read), terms(&data));
}

// ---------------------------------------------------------------- merge

fn counts(summary: &backup::MergeSummary, store: Store) -> backup::StoreCounts {
    summary
        .counts
        .iter()
        .find(|(s, _)| *s == store)
        .map(|(_, c)| *c)
        .expect("store counted")
}

#[test]
fn merge_with_itself_changes_nothing() {
    let data = sample();
    let out = merge(&data, &data).expect("no conflicts");
    assert_eq!(out.data, data);
    assert!(out.summary.conflicts.is_empty());
    assert_eq!(counts(&out.summary, Store::Invoices).unchanged, 4);
    assert_eq!(counts(&out.summary, Store::Invoices).added, 0);
}

#[test]
fn merge_adds_new_records_and_keeps_the_newer_copy() {
    let current = sample();
    let mut incoming = sample();
    incoming.clients[0].notes = "newer".into();
    incoming.clients[0].updated_at = t("2026-03-01T00:00:00Z");
    incoming.clients[1].notes = "older".into();
    incoming.clients[1].updated_at = t("2025-01-01T00:00:00Z");
    incoming.payments.push(Payment {
        id: "pay-2".into(),
        amount: dec("10.00"),
        ..incoming.payments[0].clone()
    });
    let out = merge(&current, &incoming).expect("no conflicts");
    assert_eq!(out.data.clients[0].notes, "newer");
    assert_eq!(out.data.clients[1].notes, "");
    assert_eq!(out.data.payments.len(), 2);
    assert_eq!(
        counts(&out.summary, Store::Clients),
        backup::StoreCounts {
            added: 0,
            updated: 1,
            unchanged: 0,
            kept: 1
        }
    );
    assert_eq!(counts(&out.summary, Store::Payments).added, 1);
    assert_eq!(backup::validate(&out.data), vec![]);
}

#[test]
fn merge_keeps_records_only_in_current() {
    let current = sample();
    let mut incoming = sample();
    incoming.contacts.clear();
    let out = merge(&current, &incoming).expect("no conflicts");
    assert_eq!(out.data.contacts, current.contacts);
}

#[test]
fn same_stamp_different_content_keeps_current_and_is_listed() {
    let current = sample();
    let mut incoming = sample();
    incoming.items[0].name = "Other".into();
    let out = merge(&current, &incoming).expect("not blocking");
    assert_eq!(out.data.items[0].name, "Hora de diseño");
    assert_eq!(out.summary.conflicts.len(), 1);
    assert_eq!(
        out.summary.conflicts[0].kind,
        ConflictKind::SameStampDifferentContent
    );
}

#[test]
fn a_clashing_document_number_blocks_the_merge() {
    let current = sample();
    let mut incoming = sample();
    // Another device issued a different invoice with the same number.
    let mut other = invoice("inv-9", "cl-1", Some("F2026-0003"), d(2026, 3, 5));
    other.updated_at = t("2026-03-05T00:00:00Z");
    incoming.invoices.push(other);
    let err = merge(&current, &incoming).expect_err("blocked");
    let MergeError::NumberConflicts { conflicts, .. } = err;
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].id, "inv-9");
    assert_eq!(
        conflicts[0].kind,
        ConflictKind::NumberTaken {
            series_id: "s-inv".into(),
            number: "F2026-0003".into(),
            other_id: "inv-3".into()
        }
    );
    // The preview shows it too, before the user decides.
    let pv = preview(&current, &incoming);
    assert!(pv.merge.blocked());
}

#[test]
fn an_issued_document_is_never_renumbered() {
    let current = sample();
    let mut incoming = sample();
    incoming.invoices[0].number = Some("F2026-0009".into());
    incoming.invoices[0].updated_at = t("2026-03-09T00:00:00Z");
    let err = merge(&current, &incoming).expect_err("blocked");
    let MergeError::NumberConflicts { conflicts, .. } = err;
    assert_eq!(
        conflicts[0].kind,
        ConflictKind::NumberChanged {
            current: "F2026-0001".into(),
            incoming: "F2026-0009".into()
        }
    );
}

#[test]
fn a_draft_issued_elsewhere_merges() {
    let current = sample();
    let mut incoming = sample();
    incoming.invoices[3].number = Some("F2026-0004".into());
    incoming.invoices[3].updated_at = t("2026-03-09T00:00:00Z");
    incoming.series[0].last.insert(2026, 4);
    incoming.series[0].updated_at = t("2026-03-09T00:00:00Z");
    let out = merge(&current, &incoming).expect("fine");
    assert_eq!(out.data.invoices[3].number.as_deref(), Some("F2026-0004"));
    assert_eq!(out.data.series[0].last.get(&2026), Some(&4));
}

#[test]
fn series_counters_take_the_maximum() {
    let mut current = sample();
    current.series[0].last = [(2025, 40), (2026, 7)].into_iter().collect();
    let mut incoming = sample();
    incoming.series[0].last = [(2026, 5), (2027, 1)].into_iter().collect();
    incoming.series[0].prefix = "FA".into();
    incoming.series[0].updated_at = t("2026-03-01T00:00:00Z");
    let out = merge(&current, &incoming).expect("fine");
    let s = &out.data.series[0];
    assert_eq!(s.prefix, "FA", "newer settings win");
    assert_eq!(
        s.last,
        [(2025, 40), (2026, 7), (2027, 1)]
            .into_iter()
            .collect::<BTreeMap<_, _>>()
    );
    // And the other way round: an older incoming copy still raises counters.
    let out = merge(&incoming, &current).expect("fine");
    assert_eq!(out.data.series[0].prefix, "FA");
    assert_eq!(out.data.series[0].last.get(&2026), Some(&7));
}

#[test]
fn singletons_follow_their_stamps() {
    let current = sample();
    let mut incoming = sample();
    incoming.profile.name = "Ana García".into();
    incoming.profile.updated_at = Some(t("2026-02-01T00:00:00Z"));
    incoming.settings.backup_reminder_days = 3;
    incoming.settings.updated_at = None;
    let out = merge(&current, &incoming).expect("fine");
    assert_eq!(out.data.profile.name, "Ana García");
    assert_eq!(out.data.settings.backup_reminder_days, 7);
}

#[test]
fn preview_counts_records_and_document_dates() {
    let pv = preview(&Dataset::default(), &sample());
    assert_eq!(
        pv.records
            .iter()
            .find(|(s, _)| *s == Store::Invoices)
            .map(|x| x.1),
        Some(4)
    );
    assert_eq!(pv.documents_from, Some(d(2026, 1, 10)));
    assert_eq!(pv.documents_to, Some(d(2026, 3, 2)));
    assert!(!pv.merge.blocked());
    assert_eq!(
        pv.merge
            .counts
            .iter()
            .find(|(s, _)| *s == Store::Clients)
            .map(|x| x.1.added),
        Some(2)
    );
    let empty = preview(&sample(), &Dataset::default());
    assert_eq!((empty.documents_from, empty.documents_to), (None, None));
}

/// A record reads only what it writes back: this is what lets a backup's records be trusted
/// (and stored as they are in the file) without writing each one back to compare.
#[test]
fn records_refuse_what_they_would_not_write_back() {
    use cobro_core::model::{ContactEntry, FollowUpStep, Payment};
    let step = r#"{"id":"s","invoice_id":"i","kind":"reminder","due":"2026-03-01","channel":"email","state":{"state":"open"},"snoozed_from":null,"updated_at":"2026-03-01T10:00:00Z"}"#;
    let read: FollowUpStep = serde_json::from_str(step).expect("a step as written");
    assert_eq!(serde_json::to_string(&read).expect("write"), step);
    for bad in [
        // An extra field on a unit variant of an internally tagged enum (serde alone would drop it).
        step.replace(r#"{"state":"open"}"#, r#"{"state":"open","x":1}"#),
        step.replace(r#"{"state":"open"}"#, r#"{"state":"superseded","why":"x"}"#),
        step.replace(r#""kind""#, r#""extra":0,"kind""#),
        step.replace(r#""id":"s","#, r#""id":"s","id":"t","#),
    ] {
        assert!(serde_json::from_str::<FollowUpStep>(&bad).is_err(), "{bad}");
    }
    let pay = r#"{"id":"p","invoice_id":"i","date":"2026-03-01","amount":"10.50","method_id":null,"note":"","updated_at":"2026-03-01T10:00:00Z"}"#;
    assert!(serde_json::from_str::<Payment>(pay).is_ok());
    assert!(
        serde_json::from_str::<Payment>(&pay.replace(r#""10.50""#, "10.5")).is_err(),
        "an amount as a (lossy) number"
    );
    let contact = r#"{"id":"c","client_id":"k","invoice_id":null,"step_id":null,"date":"2026-03-01","channel":"phone","who":"","outcome":{"type":"paid"},"note":"","updated_at":"2026-03-01T10:00:00Z"}"#;
    assert!(serde_json::from_str::<ContactEntry>(contact).is_ok());
    assert!(serde_json::from_str::<ContactEntry>(
        &contact.replace(r#"{"type":"paid"}"#, r#"{"type":"paid","when":1}"#)
    )
    .is_err());
}

/// serde would read a struct from a list of its fields in order; Cobro never writes one, so a
/// file that holds one is refused, by its path, even when it is signed to look exported.
#[test]
fn a_struct_written_as_a_list_is_refused_even_in_a_signed_file() {
    let mut v = value(&exported(&sample()));
    let address = v["data"]["clients"][0]["address"].clone();
    let fields: Vec<Value> = ["street", "postal_code", "city", "region", "country"]
        .iter()
        .map(|k| address[*k].clone())
        .collect();
    v["data"]["clients"][0]["address"] = Value::Array(fields);
    let signed = backup::v2::reseal(&serde_json::to_string(&v).expect("json")).expect("reseal");
    let p = problems(&signed);
    assert_eq!(
        p.iter().map(|(path, _)| path.as_str()).collect::<Vec<_>>(),
        ["$.data.clients[0].address"],
        "{p:?}"
    );
    // A whole record as a list, too.
    let mut v = value(&exported(&sample()));
    let record = v["data"]["payments"][0]
        .as_object()
        .expect("object")
        .values()
        .cloned()
        .collect();
    v["data"]["payments"][0] = Value::Array(record);
    let signed = backup::v2::reseal(&serde_json::to_string(&v).expect("json")).expect("reseal");
    assert_eq!(paths(&signed), ["$.data.payments[0]"]);
}

// ---------------------------------------------------------------- collections facts

/// The sample with every collections fact a user can now record: closing facts in the contact
/// log, the steps the follow-up derives and stores once acted on, the new policy fields (app
/// and client) and the user's own late-payment rates.
fn with_collections_facts() -> Dataset {
    let mut data = sample();
    let policy = CollectionPolicy {
        send_after_issue: 2,
        recontact_every: 21,
        dispute_review_after: 10,
        dispute_review_every: 7,
        late_payment_claim: false,
        ..CollectionPolicy::default()
    };
    data.settings.policy = CollectionPolicy {
        recontact_every: 45,
        ..CollectionPolicy::default()
    };
    data.clients[0].policy_override = Some(policy);
    data.settings.late_interest_rates = vec![SemesterRate {
        year: 2026,
        half: 2,
        rate_pct: dec("9.75"),
        source: "BOE de 1 de julio de 2026".into(),
    }];
    let closing = |id: &str, day: u32, outcome: Outcome, note: &str| ContactEntry {
        id: id.into(),
        client_id: "cl-1".into(),
        invoice_id: Some("inv-1".into()),
        step_id: None,
        date: d(2026, 3, day),
        channel: Channel::Other,
        who: String::new(),
        outcome,
        note: note.into(),
        updated_at: t("2026-03-09T00:00:00Z"),
    };
    data.contacts
        .push(closing("ct-w", 3, Outcome::WrittenOff, "Cerró la empresa"));
    data.contacts
        .push(closing("ct-r", 5, Outcome::Reopened, "Ha vuelto a abrir"));
    data.contacts.push(closing(
        "ct-l",
        8,
        Outcome::HandedToLegal,
        "Bufete Ruiz, exp. 12/2026",
    ));
    let step = |id: &str, kind: StepKind, state: StepState, snoozed: Option<NaiveDate>| FollowUpStep {
        id: id.into(),
        invoice_id: "inv-1".into(),
        kind,
        due: d(2026, 3, 6),
        channel: Channel::Phone,
        state,
        snoozed_from: snoozed,
        updated_at: t("2026-03-09T00:00:00Z"),
    };
    data.steps.push(step(
        "st-send",
        StepKind::SendInvoice,
        StepState::Done { date: d(2026, 1, 16) },
        None,
    ));
    data.steps.push(step(
        "st-re",
        StepKind::Recontact,
        StepState::Open,
        Some(d(2026, 3, 1)),
    ));
    data.steps.push(step(
        "st-rev",
        StepKind::DisputeReview,
        StepState::Superseded,
        None,
    ));
    data
}

#[test]
fn collections_facts_round_trip_and_old_files_stay_as_they_were() {
    let data = with_collections_facts();
    assert!(codes_at(&data).is_empty(), "{:?}", codes_at(&data));
    let first = exported(&data);
    let b = parse(&first).expect("valid backup");
    assert_eq!(backup::sorted(&b.data), backup::sorted(&data));
    assert_eq!(
        export(&b.data, b.exported_at, &b.app_version).expect("export"),
        first
    );
    let mut errors = Vec::new();
    let schema = value(SCHEMA);
    conforms(&schema, &schema, &value(&first), "$", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    for key in [
        "\"written_off\"",
        "\"handed_to_legal\"",
        "\"reopened\"",
        "\"recontact\"",
        "\"send_invoice\"",
        "\"dispute_review\"",
        "\"late_interest_rates\"",
        "\"recontact_every\":45",
        "\"late_payment_claim\":false",
    ] {
        assert!(first.contains(key), "{key}");
    }
    // A file written before these fields existed is written back without them.
    let old = exported(&sample());
    for key in [
        "late_interest_rates",
        "recontact_every",
        "send_after_issue",
        "dispute_review",
        "late_payment_claim",
    ] {
        assert!(!old.contains(key), "{key}");
    }
}

#[test]
fn collections_facts_are_checked() {
    let mut data = with_collections_facts();
    data.settings.late_interest_rates.push(SemesterRate {
        year: 2026,
        half: 3,
        rate_pct: dec("10"),
        source: String::new(),
    });
    data.settings.late_interest_rates.push(SemesterRate {
        year: 2027,
        half: 1,
        rate_pct: dec("-1"),
        source: String::new(),
    });
    data.settings
        .late_interest_rates
        .push(data.settings.late_interest_rates[0].clone());
    data.contacts[1].invoice_id = None;
    data.contacts[1].step_id = None;
    data.contacts[1].outcome = Outcome::WrittenOff;
    let found: Vec<String> = codes_at(&data).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        found,
        [
            "$.data.settings.late_interest_rates[1]",
            "$.data.settings.late_interest_rates[2]",
            "$.data.settings.late_interest_rates[3]",
            "$.data.contacts[1].invoice_id",
        ]
    );
}

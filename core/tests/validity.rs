//! Validity in one place: the field rules (Spanish NIF/NIE/CIF check characters, email,
//! phone and web-address syntax, the table of text limits, percentages, day counts, dates),
//! one check per record kind, the write rule (nothing new may be wrong; what an older
//! version stored stays writable), and what the backup import does with values older
//! versions wrote and this one refuses (kept with a note, or repaired with a note: never a
//! refusal).

#![allow(clippy::unwrap_used)]

mod builders;

use builders::{client, day, dec, issued, t0};
use chrono::{TimeZone, Utc};
use cobro_core::backup::{self, ProblemCode, Repair};
use cobro_core::forms::{
    ClientInput, CollectionsInput, DefaultsInput, FirstSeriesInput, MethodInput, MethodKind, PaymentInput,
    PolicyInput, RateInput,
};
use cobro_core::numbering::SeriesEditError;
use cobro_core::tax_id::{self, TaxIdProblem};
use cobro_core::validity::{
    self, check_write, counter, syntax, FieldProblem, Rule, Severity, Text, Validate, LIMITS,
};
use cobro_core::{Client, Dataset, EarlyPaymentTerms, Lang, Payment};

fn problems_of<R: Validate>(r: &R) -> Vec<(String, Rule)> {
    r.problems(validity::Context::default())
        .into_iter()
        .map(|p| (p.path, p.rule))
        .collect()
}

// ---------------------------------------------------------------- tax ids

#[test]
fn spanish_ids_need_their_check_character() {
    for ok in [
        "12345678Z",
        "12345678z",
        "12.345.678-Z",
        "00000000T",
        "X1234567L",
        "Y1234567X",
        "Z1234567R",
        "B12345674",
        "A58818501",
        "Q2826000H",
        "P2807900B",
        "S2800001F",
        "N0032484H",
        "ESB12345674",
        "ES 12345678Z",
        "K1234567L",
        "L1234567L",
        "M1234567L",
    ] {
        assert_eq!(tax_id::check(ok, "ES"), Ok(()), "{ok}");
    }
    assert_eq!(
        tax_id::check("12345678A", "ES"),
        Err(TaxIdProblem::CheckCharacter { expected: 'Z' }),
        "the example of issue #15"
    );
    assert_eq!(
        tax_id::check("X1234567A", "ES"),
        Err(TaxIdProblem::CheckCharacter { expected: 'L' })
    );
    assert_eq!(
        tax_id::check("B12345678", "ES"),
        Err(TaxIdProblem::CheckCharacter { expected: '4' })
    );
    assert_eq!(
        tax_id::check("Q2826000A", "ES"),
        Err(TaxIdProblem::CheckCharacter { expected: 'H' }),
        "public bodies carry a letter"
    );
    for bad in [
        "1234567Z",
        "123456789Z",
        "I1234567A",
        "B1234567",
        "hello",
        "1234 5678",
    ] {
        assert_eq!(tax_id::check(bad, "ES"), Err(TaxIdProblem::Format), "{bad}");
    }
}

#[test]
fn foreign_ids_are_plain_text() {
    // A client abroad: whatever their country writes.
    assert_eq!(tax_id::check("12345678A", "FR"), Ok(()));
    assert_eq!(tax_id::check("GB 123 4567 89", "GB"), Ok(()));
    // In Spain with another EU country's VAT prefix: also foreign.
    assert_eq!(tax_id::check("DE123456789", "ES"), Ok(()));
    assert_eq!(tax_id::check("FR40303265045", ""), Ok(()));
    assert_eq!(
        tax_id::check("EL094019245", "ES"),
        Ok(()),
        "Greece's VAT prefix is EL"
    );
    // An empty id is no id (consumers have none on a simplified invoice).
    assert_eq!(tax_id::check("", "ES"), Ok(()));
    // Spain however it is written, and no country at all, means Spanish rules.
    for spain in ["", "es", "ES", "España", "spain", " ESP "] {
        assert!(tax_id::is_spain(spain), "{spain}");
        assert!(tax_id::check("12345678A", spain).is_err(), "{spain}");
    }
}

// ---------------------------------------------------------------- syntax

#[test]
fn emails_phones_and_web_addresses() {
    for ok in [
        "ana@example.es",
        "a.b+c@sub.example.co.uk",
        "josé@correo.españa.es",
        "x@y.io",
    ] {
        assert!(syntax::is_email(ok), "{ok}");
    }
    for bad in [
        "not-an-email",
        "ana@",
        "@example.es",
        "ana@example",
        "ana@@example.es",
        "ana @example.es",
        "ana..b@example.es",
        ".ana@example.es",
        "ana@-example.es",
        "ana@example.e",
        "ana@example.123",
    ] {
        assert!(!syntax::is_email(bad), "{bad}");
    }
    assert!(!syntax::is_email(&format!("{}@example.es", "a".repeat(65))));
    for ok in [
        "+34 600 000 000",
        "600000000",
        "(91) 555-12-34",
        "+1.202.555.0143",
    ] {
        assert!(syntax::is_phone(ok), "{ok}");
    }
    for bad in ["12345", "call me", "+34 600 000 000 000 000", "600-000-000 ext 5"] {
        assert!(!syntax::is_phone(bad), "{bad}");
    }
    for ok in [
        "https://buy.stripe.com/abc",
        "http://pago.example.es:8080/x?y=1",
        "https://sumup.me/ana",
    ] {
        assert!(syntax::is_web_address(ok), "{ok}");
    }
    for bad in [
        "buy.stripe.com",
        "https://",
        "https://localhost",
        "javascript:alert(1)",
        "https://a b.com",
    ] {
        assert!(!syntax::is_web_address(bad), "{bad}");
    }
}

// ---------------------------------------------------------------- limits

#[test]
fn the_limits_table_has_every_kind_once_and_the_counter_shows_near_it() {
    let kinds: Vec<Text> = LIMITS.iter().map(|(k, _)| *k).collect();
    for (i, k) in kinds.iter().enumerate() {
        assert!(!kinds[i + 1..].contains(k), "{k:?} twice");
        assert!(k.max_chars() < usize::MAX);
    }
    assert_eq!(Text::Holder.max_chars(), 70, "EPC069-12's beneficiary name");
    assert_eq!(Text::Name.max_chars(), 150);
    assert_eq!(counter(Text::Name, &"a".repeat(119)), None);
    assert_eq!(counter(Text::Name, &"a".repeat(120)), Some((120, 150)));
    assert_eq!(
        counter(Text::Name, &"é".repeat(151)),
        Some((151, 150)),
        "characters, not bytes"
    );
}

// ---------------------------------------------------------------- records

#[test]
fn a_client_is_checked_field_by_field() {
    let c = Client {
        legal_name: "x".repeat(5000),
        tax_id: "12345678A".into(),
        ap_contact_email: "not-an-email".into(),
        ap_contact_phone: "call me".into(),
        credit_limit: Some(dec("-500")),
        payment_terms_days: 100_000,
        ..client()
    };
    assert_eq!(
        problems_of(&c),
        vec![
            ("legal_name".into(), Rule::TooLong { max: 150, len: 5000 }),
            (
                "tax_id".into(),
                Rule::TaxId(TaxIdProblem::CheckCharacter { expected: 'Z' })
            ),
            ("ap_contact_email".into(), Rule::Email),
            ("ap_contact_phone".into(), Rule::Phone),
            (
                "payment_terms_days".into(),
                Rule::Days {
                    days: 100_000,
                    max: 3650
                }
            ),
            ("credit_limit".into(), Rule::NotPositive { amount: dec("-500") }),
        ]
    );
    assert_eq!(problems_of(&client()), vec![]);
    let unknown = Client {
        currency: "EURO".into(),
        ..client()
    };
    let p = unknown.problems(validity::Context::default());
    assert_eq!(p[0].severity, Severity::Refuse, "nothing can be computed in it");
}

#[test]
fn documents_payments_and_dates() {
    let mut inv = issued();
    inv.early_payment = Some(EarlyPaymentTerms {
        discount_pct: dec("100"),
        within_days: 10,
    });
    inv.lines[0].description = "d".repeat(1001);
    assert_eq!(
        problems_of(&inv),
        vec![
            (
                "lines[0].description".into(),
                Rule::TooLong { max: 1000, len: 1001 }
            ),
            (
                "early_payment.discount_pct".into(),
                Rule::EarlyDiscount { pct: dec("100") }
            ),
        ]
    );
    inv.issue_date = day(1999, 12, 31);
    let p = inv.problems(validity::Context::default());
    assert_eq!(
        p[0],
        FieldProblem {
            path: "issue_date".into(),
            rule: Rule::DateOutOfRange {
                date: day(1999, 12, 31)
            },
            severity: Severity::Refuse,
        }
    );
    let future = Payment {
        date: day(2030, 1, 1),
        ..builders::payment("10")
    };
    let today = Some(day(2026, 3, 10));
    assert_eq!(
        future.problems(validity::Context { today }),
        vec![FieldProblem {
            path: "date".into(),
            rule: Rule::InFuture {
                date: day(2030, 1, 1),
                today: day(2026, 3, 10)
            },
            severity: Severity::Warn,
        }]
    );
    assert_eq!(
        future.problems(validity::Context::default()),
        vec![],
        "no clock, no future"
    );
}

#[test]
fn a_write_may_keep_what_was_already_wrong_but_add_nothing() {
    let today = day(2026, 3, 10);
    let old = Client {
        tax_id: "B12345678".into(),
        ..client()
    };
    // Another field edited: the old typo in the NIF does not block the save.
    let edited = Client {
        notes: "llamar por la tarde".into(),
        ..old.clone()
    };
    assert_eq!(check_write(Some(&old), &edited, today), Ok(()));
    // A new client with the same typo is refused, and so is a new problem on the old one.
    let err = check_write(None, &old, today).unwrap_err();
    assert_eq!(
        err.0[0].rule,
        Rule::TaxId(TaxIdProblem::CheckCharacter { expected: '4' })
    );
    let worse = Client {
        ap_contact_email: "nope".into(),
        ..old.clone()
    };
    let err = check_write(Some(&old), &worse, today).unwrap_err();
    assert_eq!(err.0.len(), 1);
    assert_eq!(err.0[0].path, "ap_contact_email");
    // Refusals are refused whatever the old record held.
    let broken = Client {
        currency: "XYZ".into(),
        ..old.clone()
    };
    assert!(check_write(Some(&broken), &broken, today).is_err());
}

// ---------------------------------------------------------------- forms

fn now() -> cobro_core::Stamp {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).single().unwrap()
}

#[test]
fn the_client_form_reports_every_problem_at_its_field() {
    let input = ClientInput {
        legal_name: "  Talleres Peña SL ".into(),
        tax_id: "12345678A".into(),
        payment_terms_days: "-3".into(),
        currency: "eur".into(),
        credit_limit: "-500".into(),
        ap_contact_email: "not-an-email".into(),
        ..ClientInput::from_client(&client(), Lang::Es)
    };
    let err = input.build(&client(), true, now(), day(2026, 3, 10)).unwrap_err();
    let paths: Vec<&str> = err.0.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["payment_terms_days", "tax_id", "ap_contact_email", "credit_limit"],
        "every problem at once, the parse ones first: {err:?}"
    );
    let input = ClientInput {
        payment_terms_days: "30".into(),
        ..input
    };
    let err = input.build(&client(), true, now(), day(2026, 3, 10)).unwrap_err();
    let paths: Vec<&str> = err.0.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["tax_id", "ap_contact_email", "credit_limit"]);
    let fixed = ClientInput {
        tax_id: "12345678Z".into(),
        ap_contact_email: "ap@talleres.es".into(),
        credit_limit: "1.500,50".into(),
        ..input
    };
    let c = fixed.build(&client(), true, now(), day(2026, 3, 10)).unwrap();
    assert_eq!(c.legal_name, "Talleres Peña SL");
    assert_eq!(c.currency, "EUR");
    assert_eq!(c.credit_limit, Some(dec("1500.50")));
    assert_eq!(ClientInput::from_client(&c, Lang::Es).credit_limit, "1.500,5");
}

#[test]
fn the_method_and_payment_forms() {
    let bank = MethodInput {
        label: "BBVA".into(),
        kind: MethodKind::BankTransfer,
        iban: "es91 2100 0418 4502 0005 1332".into(),
        holder: "N".repeat(71),
        ..MethodInput::default()
    };
    let err = bank
        .build("m1".into(), None, now(), day(2026, 3, 10))
        .unwrap_err();
    assert_eq!(
        err.0[0].path, "kind.holder",
        "the QR's 70 characters, at input time"
    );
    let ok = MethodInput {
        holder: "Ana García".into(),
        ..bank
    }
    .build("m1".into(), None, now(), day(2026, 3, 10))
    .unwrap();
    assert!(
        matches!(&ok.kind, cobro_core::PaymentMethodKind::BankTransfer { iban, .. } if iban == "ES9121000418450200051332")
    );
    assert_eq!(
        MethodInput::from_method(&ok).iban,
        "ES91 2100 0418 4502 0005 1332"
    );
    let dd = MethodInput {
        label: "Domiciliación".into(),
        kind: MethodKind::DirectDebit,
        detail: "Mandato SEPA 123".into(),
        ..MethodInput::default()
    }
    .build("m2".into(), None, now(), day(2026, 3, 10))
    .unwrap();
    assert_eq!(
        MethodKind::of(&dd.kind),
        MethodKind::DirectDebit,
        "a direct debit stays one"
    );
    let pay = |date, amount: &str| {
        PaymentInput {
            date,
            amount: amount.into(),
            method_id: None,
            note: String::new(),
        }
        .build("p".into(), "i1".into(), "EUR", now(), day(2026, 3, 10))
    };
    assert!(pay(day(2026, 3, 10), "2.510,88").is_ok());
    assert_eq!(pay(day(2030, 1, 1), "10").unwrap_err().0[0].path, "date");
    assert_eq!(
        pay(day(2026, 3, 1), "0").unwrap_err().0[0].rule,
        Rule::NotPositive { amount: dec("0") }
    );
    assert!(matches!(
        pay(day(2026, 3, 1), "10,001").unwrap_err().0[0].rule,
        Rule::Money(_)
    ));
}

#[test]
fn the_settings_and_first_run_forms_say_each_problem_at_its_field() {
    let today = day(2026, 3, 10);
    let current = cobro_core::AppSettings::default();
    let paths = |e: validity::Invalid| e.0.into_iter().map(|p| p.path).collect::<Vec<_>>();
    let defaults = DefaultsInput {
        currency: "EURO".into(),
        payment_terms_days: "4000".into(),
        vat: "veintiuno".into(),
        withholding_pct: "101".into(),
        ..DefaultsInput::from_settings(&current, Lang::Es)
    };
    assert_eq!(
        paths(defaults.build(&current, now(), today).unwrap_err()),
        [
            "default_currency",
            "default_payment_terms_days",
            "default_vat",
            "default_withholding_pct"
        ],
        "every problem at once, the parse ones first"
    );
    let defaults = DefaultsInput {
        currency: " usd ".into(),
        payment_terms_days: "45".into(),
        vat: "10,5".into(),
        ..defaults
    };
    assert_eq!(
        paths(defaults.clone().build(&current, now(), today).unwrap_err()),
        ["default_withholding_pct"]
    );
    let saved = DefaultsInput {
        withholding_pct: String::new(),
        ..defaults
    }
    .build(&current, now(), today)
    .unwrap();
    assert_eq!(saved.default_currency, "USD");
    assert_eq!(saved.default_withholding_pct, dec("0"));
    assert_eq!(saved.policy, current.policy, "the rest is kept");

    // The reminders are one field: the problems of its days are said there.
    let policy = PolicyInput {
        reminders_after_due: "7, -1, siete".into(),
        promise_check_after: "3651".into(),
        ..PolicyInput::from_policy(&current.policy)
    };
    assert_eq!(
        paths(policy.build(&current, now(), today).unwrap_err()),
        [
            "policy.promise_check_after",
            "policy.reminders_after_due",
            "policy.reminders_after_due"
        ]
    );
    let policy = PolicyInput {
        reminders_after_due: "7,15, 30 ".into(),
        promise_check_after: "3".into(),
        ..PolicyInput::from_policy(&current.policy)
    };
    let saved = policy.build(&current, now(), today).unwrap();
    assert_eq!(saved.policy.reminders_after_due, [7, 15, 30]);
    assert_eq!(
        PolicyInput::from_policy(&saved.policy).reminders_after_due,
        "7, 15, 30"
    );

    let ids = || ["a".to_string(), "b".to_string(), "c".to_string()];
    let first = |prefix: &str, next: &str| {
        FirstSeriesInput {
            prefix: prefix.into(),
            next: next.into(),
        }
        .build(ids(), 2026, now())
    };
    let rules = |e: validity::Invalid| e.0.into_iter().map(|p| (p.path, p.rule)).collect::<Vec<_>>();
    assert_eq!(
        rules(first("R", "1").unwrap_err()),
        [(
            "prefix".to_string(),
            Rule::Series(SeriesEditError::PrefixTaken("credit notes", "R".into()))
        )],
        "the credit notes' prefix"
    );
    assert_eq!(
        rules(first("F", "x").unwrap_err()),
        [("next".to_string(), Rule::Series(SeriesEditError::BadNext))]
    );
    assert_eq!(
        rules(first("a b", "7").unwrap_err()),
        [("prefix".to_string(), Rule::Series(SeriesEditError::BadPrefix))]
    );
    let series = first(" FAC ", "43").unwrap();
    assert_eq!(series.len(), 3);
    assert_eq!(cobro_core::numbering::peek_next(&series[0], 2026), "FAC2026-0043");
}

#[test]
fn the_collections_form_says_each_problem_at_its_field_and_each_rate_at_its_row() {
    let today = day(2026, 3, 10);
    let current = cobro_core::AppSettings::default();
    let form = CollectionsInput::from_settings(&current, Lang::Es);
    // Every semester shipped, newest first, each rate written as Spanish types it.
    assert_eq!(form.rates.len(), cobro_core::late_interest::PUBLISHED.len());
    assert!(form.rates[0].year.parse::<i32>().unwrap() >= 2026);
    assert!(
        form.rates.iter().all(|r| !r.rate.contains('.')),
        "{:?}",
        form.rates[0]
    );
    assert!(
        form.build(&current, now(), today)
            .unwrap()
            .late_interest_rates
            .is_empty(),
        "the table as shipped keeps nothing of its own"
    );
    let rules = |e: validity::Invalid| e.0.into_iter().map(|p| (p.path, p.rule)).collect::<Vec<_>>();
    let mut bad = form.clone();
    bad.send_after_issue = "0".into();
    bad.recontact_every = "3651".into();
    bad.dispute_review_after = "catorce".into();
    bad.rates.insert(0, RateInput::after(form.rates.first()));
    bad.rates[0].rate = "100,01".into();
    bad.rates[1].year = "1999".into();
    bad.rates[2].source = "ñ".repeat(501);
    assert_eq!(
        rules(bad.build(&current, now(), today).unwrap_err()),
        [
            (
                "policy.dispute_review_after".to_string(),
                Rule::Money(cobro_core::money::MoneyError::NotANumber("catorce".into()))
            ),
            (
                "rates[0].rate".to_string(),
                Rule::LateRate(cobro_core::late_interest::RateProblem::Rate)
            ),
            (
                "rates[1].year".to_string(),
                Rule::LateRate(cobro_core::late_interest::RateProblem::Year)
            ),
            (
                "rates[2].source".to_string(),
                Rule::TooLong { max: 500, len: 501 }
            ),
            (
                "policy.send_after_issue".to_string(),
                Rule::Interval { days: 0, max: 3650 }
            ),
            (
                "policy.recontact_every".to_string(),
                Rule::Interval {
                    days: 3651,
                    max: 3650
                }
            ),
        ],
        "every problem at once, the parse ones first"
    );
    // The limits, both sides; a new semester at 0 % and another at 100 %, one in Spanish style.
    let mut good = form.clone();
    good.send_after_issue = "1".into();
    good.recontact_every = " 3650 ".into();
    good.late_payment_claim = false;
    let newest = RateInput::after(form.rates.first());
    let after_that = RateInput::after(Some(&newest));
    assert_ne!((&newest.year, newest.half), (&after_that.year, after_that.half));
    good.rates.insert(
        0,
        RateInput {
            rate: "0".into(),
            ..newest
        },
    );
    good.rates.insert(
        0,
        RateInput {
            rate: "100".into(),
            source: "BOE «prueba» 🙂".into(),
            ..after_that
        },
    );
    // The oldest semester shipped corrected, Spanish decimals.
    let oldest = good.rates.len() - 1;
    good.rates[oldest].rate = "8,2575".into();
    let first = (
        good.rates[oldest].year.parse::<i32>().unwrap(),
        good.rates[oldest].half,
    );
    let saved = good.build(&current, now(), today).unwrap();
    assert_eq!(
        (saved.policy.send_after_issue, saved.policy.recontact_every),
        (1, 3650)
    );
    assert!(!saved.policy.late_payment_claim);
    let mine: Vec<(i32, u8, String)> = saved
        .late_interest_rates
        .iter()
        .map(|r| (r.year, r.half, r.rate_pct.to_string()))
        .collect();
    assert_eq!(mine.len(), 3, "{mine:?}");
    assert_eq!(
        (mine[0].0, mine[0].1, mine[0].2.as_str()),
        (first.0, first.1, "8.2575")
    );
    assert_eq!(mine[1].2, "0");
    assert_eq!(mine[2].2, "100");
    assert_eq!(
        saved.policy.reminders_after_due, current.policy.reminders_after_due,
        "the rest is kept"
    );
    // Read back, the form shows what was saved.
    let again = CollectionsInput::from_settings(&saved, Lang::Es);
    assert_eq!(again.rates[0].rate, "100");
    assert_eq!(again.rates[0].source, "BOE «prueba» 🙂");
    assert_eq!(again.rates[again.rates.len() - 1].rate, "8,2575");
    assert_eq!(
        again.build(&saved, now(), today).unwrap().late_interest_rates,
        saved.late_interest_rates
    );
    // A semester typed twice keeps its topmost row.
    let mut twice = again.clone();
    let mut copy = twice.rates[0].clone();
    copy.rate = "50".into();
    twice.rates.insert(0, copy);
    let kept = twice.build(&saved, now(), today).unwrap();
    assert_eq!(kept.late_interest_rates.len(), 3);
    assert!(kept.late_interest_rates.iter().any(|r| r.rate_pct == dec("50")));
}

// ---------------------------------------------------------------- older backups

fn restore(data: &Dataset) -> backup::Backup {
    let text = backup::export(data, t0(), "0.1.0").unwrap();
    backup::parse(&text).unwrap()
}

#[test]
fn older_backups_with_values_now_refused_still_restore_with_notes() {
    // What versions before this one let the forms save.
    let old = Client {
        legal_name: "Ñ".repeat(5000),
        tax_id: "12345678A".into(),
        ap_contact_email: "not-an-email".into(),
        credit_limit: Some(dec("-500")),
        ..client()
    };
    let data = Dataset {
        clients: vec![old.clone()],
        ..Dataset::default()
    };
    let b = restore(&data);
    assert_eq!(b.data.clients[0].credit_limit, None, "repaired: no limit");
    assert_eq!(
        b.data.clients[0],
        Client {
            credit_limit: None,
            ..old
        },
        "everything else kept as it was"
    );
    let notes: Vec<(&str, &ProblemCode)> = b.notes.iter().map(|n| (n.path.as_str(), &n.code)).collect();
    assert_eq!(
        notes,
        vec![
            (
                "$.data.clients[0].credit_limit",
                &ProblemCode::Repaired {
                    repair: Repair::CreditLimitCleared { amount: dec("-500") }
                }
            ),
            (
                "$.data.clients[0].legal_name",
                &ProblemCode::KeptAsIs {
                    rule: Rule::TooLong { max: 150, len: 5000 }
                }
            ),
            (
                "$.data.clients[0].tax_id",
                &ProblemCode::KeptAsIs {
                    rule: Rule::TaxId(TaxIdProblem::CheckCharacter { expected: 'Z' })
                }
            ),
            (
                "$.data.clients[0].ap_contact_email",
                &ProblemCode::KeptAsIs { rule: Rule::Email }
            ),
        ]
    );
    assert!(b.notes.iter().all(|n| n.code.is_note()));
    assert!(
        b.spans.is_none(),
        "a repaired record is written anew, not kept as the file's bytes"
    );
    // What the import has always refused, it still refuses.
    let mut bad = data;
    bad.clients[0].currency = "EURO".into();
    let text = backup::export(&bad, t0(), "0.1.0").unwrap();
    assert!(backup::parse(&text).is_err());
}

//! The recurring-schedule form's rules (`recurring_input`): Spanish and English numbers, the
//! start and the end (a year boundary included), how often and on which day, the text
//! limits, an exemption's legal ground; every problem at the field the form shows it at; and
//! whatever the form accepts, a backup restores unchanged.

#![allow(clippy::unwrap_used)]

mod builders;

use builders::{day, dec, t0};
use cobro_core::backup;
use cobro_core::demo::{self, DemoSpec};
use cobro_core::draft_input::{LineInput, EXEMPT};
use cobro_core::money::MoneyError;
use cobro_core::recurring::ScheduleProblem;
use cobro_core::recurring_input::{new_schedule, EndKind, ScheduleInput, Unit, DAY, EVERY, LAST_DAY};
use cobro_core::validity::{Invalid, Rule};
use cobro_core::{
    AppSettings, Covers, EarlyPaymentTerms, Lang, MonthDay, MonthlyRule, RecurringSchedule, Repeat,
    ScheduleEnd, VatRate,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn today() -> chrono::NaiveDate {
    day(2026, 12, 6)
}

fn base() -> RecurringSchedule {
    let settings = AppSettings {
        invoice_series_id: Some("s1".into()),
        ..AppSettings::default()
    };
    new_schedule(&settings, today(), "r1".into(), t0())
}

fn line(description: &str, quantity: &str, price: &str) -> LineInput {
    LineInput {
        description: description.into(),
        quantity: quantity.into(),
        unit_price: price.into(),
        vat: "21".into(),
        ..LineInput::default()
    }
}

/// A form filled in as a person would: monthly on the 1st from February 2027.
fn input() -> ScheduleInput {
    ScheduleInput {
        name: "Mantenimiento web".into(),
        client: "c1".into(),
        currency: "EUR".into(),
        lines: vec![line("Mantenimiento — {mes}", "1", "300")],
        early_days: "10".into(),
        every: "1".into(),
        unit: Unit::Months,
        day: "1".into(),
        start: "2027-02-01".into(),
        end_count: "12".into(),
        ..ScheduleInput::default()
    }
}

fn build(i: &ScheduleInput) -> Result<RecurringSchedule, Invalid> {
    i.build(&base(), None, t0(), today())
}

/// The problems found, as (path, rule).
fn problems(i: &ScheduleInput) -> Vec<(String, Rule)> {
    build(i)
        .unwrap_err()
        .0
        .into_iter()
        .map(|p| (p.path, p.rule))
        .collect()
}

fn has(i: &ScheduleInput, path: &str, rule: &Rule) {
    let found = problems(i);
    assert!(
        found.iter().any(|(p, r)| p == path && r == rule),
        "expected {rule:?} at {path}, found {found:?}"
    );
}

#[test]
fn a_new_form_starts_monthly_on_the_first_from_next_month_with_one_line() {
    let s = base();
    assert_eq!(s.start, day(2027, 1, 1));
    assert_eq!(
        s.repeat,
        Repeat::Months(MonthlyRule {
            every: 1,
            on: MonthDay::Day(1)
        })
    );
    assert_eq!(s.series_id, "s1");
    assert_eq!(s.lines.len(), 1);
    let i = ScheduleInput::from_schedule(&s, Lang::Es);
    assert_eq!(
        (i.every.as_str(), i.day.as_str(), i.start.as_str()),
        ("1", "1", "2027-01-01")
    );
}

#[test]
fn edge_values_build_exactly_what_was_typed() {
    let long = "Mantenimiento y soporte técnico — {mes} · ñandú, acción, pingüino ".repeat(15);
    let long = long.chars().take(1000).collect::<String>();
    let i = ScheduleInput {
        name: "Ñandú Diseño — cuota anual".into(),
        lines: vec![
            line(&long, "1.234,5678", "1.234,5678"),
            LineInput {
                description: "Formación bonificada".into(),
                quantity: "2".into(),
                unit_price: "99,95".into(),
                discount: "12,5".into(),
                vat: EXEMPT.into(),
                reason: "Exenta por el art. 20.Uno.9.º de la Ley 37/1992".into(),
                ..LineInput::default()
            },
        ],
        withholding: "15".into(),
        discount: "2,5".into(),
        early_pct: "1,5".into(),
        early_days: "7".into(),
        day: LAST_DAY.into(),
        start: "2027-01-31".into(),
        end: EndKind::On,
        end_date: "2027-12-31".into(),
        covers: Covers::Arrears,
        issue_on_open: true,
        notes: "Periodo del {desde} al {hasta}.\n".into(),
        ..input()
    };
    let s = build(&i).unwrap();
    // Trailing spaces go, as in every form.
    assert_eq!(s.lines[0].description, long.trim_end());
    assert_eq!(s.lines[0].quantity, dec("1234.5678"));
    assert_eq!(s.lines[0].unit_price, dec("1234.5678"));
    assert_eq!(
        s.lines[1].vat,
        VatRate::Exempt("Exenta por el art. 20.Uno.9.º de la Ley 37/1992".into())
    );
    assert_eq!(s.lines[1].discount_pct, dec("12.5"));
    assert_eq!(s.withholding_pct, dec("15"));
    assert_eq!(s.invoice_discount_pct, dec("2.5"));
    assert_eq!(
        s.early_payment,
        Some(EarlyPaymentTerms {
            discount_pct: dec("1.5"),
            within_days: 7
        })
    );
    assert_eq!(
        s.repeat,
        Repeat::Months(MonthlyRule {
            every: 1,
            on: MonthDay::Last
        })
    );
    assert_eq!(s.end, ScheduleEnd::On(day(2027, 12, 31)));
    assert_eq!(s.notes, "Periodo del {desde} al {hasta}.");
    assert_eq!((s.id.as_str(), s.series_id.as_str()), ("r1", "s1"));
    assert!(s.issue_on_open);
    // English-style numbers mean the same.
    let mut en = i.clone();
    en.lines[0].quantity = "1,234.5678".into();
    en.lines[0].unit_price = "1234.5678".into();
    assert_eq!(build(&en).unwrap().lines[0].quantity, dec("1234.5678"));
    // The last date falls in the year's last month, and the next year makes nothing.
    let dates: Vec<_> = cobro_core::recurring::dates(s.repeat, s.start).take(13).collect();
    assert_eq!(dates[11], day(2027, 12, 31));
    assert_eq!(cobro_core::recurring::due(&s, day(2028, 3, 1)).len(), 12);
}

#[test]
fn a_schedule_reads_back_unchanged_in_both_languages() {
    let mut i = input();
    i.lines[0].quantity = "1,5".into();
    i.lines[0].discount = "10".into();
    i.withholding = "7,5".into();
    i.unit = Unit::Weeks;
    i.every = "2".into();
    i.end = EndKind::After;
    i.end_count = "24".into();
    let s = build(&i).unwrap();
    assert_eq!(s.repeat, Repeat::Weeks(2));
    assert_eq!(s.end, ScheduleEnd::After(24));
    for lang in [Lang::Es, Lang::En] {
        let again = ScheduleInput::from_schedule(&s, lang).build(&s, Some(&s), t0(), today());
        assert_eq!(again.unwrap(), s, "{lang:?}");
    }
    assert_eq!(
        ScheduleInput::from_schedule(&s, Lang::Es).lines[0].quantity,
        "1,5"
    );
    assert_eq!(ScheduleInput::from_schedule(&s, Lang::En).withholding, "7.5");
}

#[test]
fn each_problem_is_at_its_field() {
    let cases: Vec<(ScheduleInput, &str, Rule)> = vec![
        (
            ScheduleInput {
                name: " ".into(),
                ..input()
            },
            "name",
            Rule::Schedule(ScheduleProblem::NoName),
        ),
        (
            ScheduleInput {
                name: "N".repeat(151),
                ..input()
            },
            "name",
            Rule::TooLong { max: 150, len: 151 },
        ),
        (
            ScheduleInput {
                client: String::new(),
                ..input()
            },
            "client_id",
            Rule::Required,
        ),
        (
            ScheduleInput {
                currency: "EURO".into(),
                ..input()
            },
            "currency",
            Rule::UnknownCurrency { code: "EURO".into() },
        ),
        (
            ScheduleInput {
                lines: vec![],
                ..input()
            },
            "lines",
            Rule::Schedule(ScheduleProblem::NoLines),
        ),
        (
            ScheduleInput {
                lines: vec![line("Soporte", "12,,5", "10")],
                ..input()
            },
            "lines[0].quantity",
            Rule::Money(MoneyError::NotANumber("12,,5".into())),
        ),
        (
            ScheduleInput {
                lines: vec![line("Soporte", "1", "10"), line("", "1", "10")],
                ..input()
            },
            "lines[1].description",
            Rule::Required,
        ),
        (
            ScheduleInput {
                lines: vec![line(&"x".repeat(1001), "1", "10")],
                ..input()
            },
            "lines[0].description",
            Rule::TooLong { max: 1000, len: 1001 },
        ),
        (
            ScheduleInput {
                lines: vec![LineInput {
                    vat: EXEMPT.into(),
                    ..line("Curso", "1", "10")
                }],
                ..input()
            },
            "lines[0].vat",
            Rule::Required,
        ),
        (
            ScheduleInput {
                every: "1,5".into(),
                ..input()
            },
            EVERY,
            Rule::Schedule(ScheduleProblem::NotWhole { text: "1,5".into() }),
        ),
        (
            ScheduleInput {
                every: "0".into(),
                ..input()
            },
            EVERY,
            Rule::Schedule(ScheduleProblem::EveryOutOfRange { every: 0, max: 24 }),
        ),
        (
            ScheduleInput {
                every: "53".into(),
                unit: Unit::Weeks,
                ..input()
            },
            EVERY,
            Rule::Schedule(ScheduleProblem::EveryOutOfRange { every: 53, max: 52 }),
        ),
        (
            ScheduleInput {
                day: "32".into(),
                ..input()
            },
            DAY,
            Rule::Schedule(ScheduleProblem::DayOutOfRange { day: 32 }),
        ),
        (
            ScheduleInput {
                day: "primero".into(),
                ..input()
            },
            DAY,
            Rule::Schedule(ScheduleProblem::NotWhole {
                text: "primero".into(),
            }),
        ),
        (
            ScheduleInput {
                start: String::new(),
                ..input()
            },
            "start",
            Rule::Required,
        ),
        (
            ScheduleInput {
                start: "2027-02-30".into(),
                ..input()
            },
            "start",
            Rule::Schedule(ScheduleProblem::NotADate {
                text: "2027-02-30".into(),
            }),
        ),
        (
            ScheduleInput {
                start: "2101-01-01".into(),
                ..input()
            },
            "start",
            Rule::DateOutOfRange {
                date: day(2101, 1, 1),
            },
        ),
        (
            ScheduleInput {
                end: EndKind::After,
                end_count: "0".into(),
                ..input()
            },
            "end",
            Rule::Schedule(ScheduleProblem::AfterZero(0)),
        ),
        (
            ScheduleInput {
                end: EndKind::After,
                end_count: "doce".into(),
                ..input()
            },
            "end",
            Rule::Schedule(ScheduleProblem::NotWhole { text: "doce".into() }),
        ),
        (
            ScheduleInput {
                end: EndKind::On,
                end_date: String::new(),
                ..input()
            },
            "end",
            Rule::Required,
        ),
        (
            ScheduleInput {
                end: EndKind::On,
                end_date: "2027-01-15".into(),
                ..input()
            },
            "end",
            Rule::Schedule(ScheduleProblem::EndsBeforeStart {
                start: day(2027, 2, 1),
                end: day(2027, 1, 15),
            }),
        ),
        (
            ScheduleInput {
                notes: "n".repeat(4001),
                ..input()
            },
            "notes",
            Rule::TooLong { max: 4000, len: 4001 },
        ),
        (
            ScheduleInput {
                early_pct: "100".into(),
                ..input()
            },
            "early_payment.discount_pct",
            Rule::EarlyDiscount { pct: dec("100") },
        ),
        (
            ScheduleInput {
                early_pct: "2".into(),
                early_days: "4000".into(),
                ..input()
            },
            "early_payment.within_days",
            Rule::Days {
                days: 4000,
                max: 3650,
            },
        ),
    ];
    for (i, path, rule) in &cases {
        has(i, path, rule);
    }
    // Bounds of a line and of the percentages, at their fields.
    let bad = ScheduleInput {
        lines: vec![
            line("Soporte", "-1", "10"),
            line("Soporte", "1", "1,1234567"),
            LineInput {
                vat: "150".into(),
                ..line("Soporte", "1", "10")
            },
        ],
        withholding: "101".into(),
        discount: "abc".into(),
        ..input()
    };
    let found: Vec<String> = problems(&bad).into_iter().map(|(p, _)| p).collect();
    for path in [
        "lines[0].quantity",
        "lines[1].unit_price",
        "lines[2].vat",
        "withholding_pct",
        "invoice_discount_pct",
    ] {
        assert!(found.iter().any(|p| p == path), "{path} in {found:?}");
    }
    // One problem per field: the parse's, not the record check's again.
    let twice = problems(&ScheduleInput {
        day: "32".into(),
        every: "0".into(),
        ..input()
    });
    assert_eq!(twice.iter().filter(|(p, _)| p == EVERY).count(), 1);
    assert_eq!(twice.iter().filter(|(p, _)| p == DAY).count(), 1);
}

#[test]
fn every_problem_comes_at_once() {
    let i = ScheduleInput {
        name: String::new(),
        client: String::new(),
        lines: vec![line("Soporte", "x", "10")],
        every: "0".into(),
        start: String::new(),
        ..input()
    };
    let paths: Vec<String> = problems(&i).into_iter().map(|(p, _)| p).collect();
    for path in ["client_id", "lines[0].quantity", EVERY, "start", "name"] {
        assert!(paths.iter().any(|p| p == path), "{path} in {paths:?}");
    }
    // A line wrong in three fields says all three.
    let i = ScheduleInput {
        lines: vec![LineInput {
            vat: EXEMPT.into(),
            ..line("", "12,,5", "10")
        }],
        ..input()
    };
    let paths: Vec<String> = problems(&i).into_iter().map(|(p, _)| p).collect();
    for path in ["lines[0].description", "lines[0].quantity", "lines[0].vat"] {
        assert!(paths.iter().any(|p| p == path), "{path} in {paths:?}");
    }
}

#[test]
fn an_edit_keeps_what_the_form_does_not_show() {
    let stored = RecurringSchedule {
        made: 4,
        done_through: Some(day(2026, 11, 1)),
        paused: true,
        ..build(&input()).unwrap()
    };
    let mut i = ScheduleInput::from_schedule(&stored, Lang::Es);
    i.name = "Mantenimiento web (2027)".into();
    let s = i.build(&stored, Some(&stored), t0(), today()).unwrap();
    assert_eq!(
        (s.made, s.done_through, s.paused),
        (4, Some(day(2026, 11, 1)), true)
    );
    assert_eq!(s.name, "Mantenimiento web (2027)");
}

/// Any text a person may type or paste, up to a bit past the limits.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::string::string_regex(&format!("[a-zA-Z0-9 ñáéíóúÑ.,'&{{}}-]{{0,{max}}}")).unwrap(),
        1 => proptest::string::string_regex(&format!("\\PC{{0,{max}}}")).unwrap(),
        1 => Just("=HYPERLINK(\"x\") — {mes}".to_string()),
    ]
}

/// A number as typed, in either style, or junk.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0i64..10_000_000_000, 0u32..5).prop_map(|(m, s)| Decimal::new(m, s).to_string()),
        (0i64..10_000_000_000, 0u32..5).prop_map(|(m, s)| cobro_core::locale::decimal(
            Decimal::new(m, s),
            s.max(1),
            Lang::Es
        )),
        Just("-5".to_string()),
        Just("abc".to_string()),
        Just(String::new()),
    ]
}

fn line_input() -> impl Strategy<Value = LineInput> {
    (
        text(1010),
        number(),
        number(),
        prop_oneof![Just(String::new()), number()],
        prop_oneof![
            Just("21".to_string()),
            Just("10".to_string()),
            Just(EXEMPT.to_string())
        ],
        text(40),
    )
        .prop_map(
            |(description, quantity, unit_price, discount, vat, reason)| LineInput {
                description,
                quantity,
                unit_price,
                discount,
                vat,
                reason,
                ..LineInput::default()
            },
        )
}

fn schedule_input() -> impl Strategy<Value = ScheduleInput> {
    (
        text(160),
        proptest::collection::vec(line_input(), 0..3),
        (
            prop_oneof![Just(String::new()), number()],
            prop_oneof![Just(String::new()), number()],
        ),
        (
            0u32..60,
            prop_oneof![Just(Unit::Weeks), Just(Unit::Months)],
            0u8..33,
            any::<bool>(),
        ),
        (2026i32..2030, 1u32..13, 1u32..29),
        (0u8..3, 0u32..30, 2026i32..2032),
        text(200),
    )
        .prop_map(
            |(
                name,
                lines,
                (withholding, early_pct),
                (every, unit, d, last),
                (y, m, dd),
                (end, count, ey),
                notes,
            )| {
                ScheduleInput {
                    name,
                    lines,
                    withholding,
                    early_pct,
                    every: every.to_string(),
                    unit,
                    day: if last { LAST_DAY.into() } else { d.to_string() },
                    start: format!("{y}-{m:02}-{dd:02}"),
                    end: [EndKind::Never, EndKind::After, EndKind::On][usize::from(end)],
                    end_count: count.to_string(),
                    end_date: format!("{ey}-12-31"),
                    notes,
                    ..input()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the schedule form accepts, a backup restores unchanged and without a note.
    #[test]
    fn whatever_the_schedule_form_saves_a_backup_restores(inputs in proptest::collection::vec(schedule_input(), 1..4)) {
        let mut data = demo::generate(DemoSpec { clients: 2, invoices: 4, seed: 7, today: today() });
        let client_id = data.clients[0].id.clone();
        let series = data.settings.invoice_series_id.clone();
        let settings = AppSettings { invoice_series_id: series, ..data.settings.clone() };
        data.recurring.clear();
        for (k, i) in inputs.iter().enumerate() {
            let base = new_schedule(&settings, today(), format!("sched-{k}"), t0());
            let typed = ScheduleInput { client: client_id.clone(), ..i.clone() };
            if let Ok(s) = typed.build(&base, None, t0(), today()) {
                data.recurring.push(s);
            }
        }
        let text = backup::export(&data, t0(), "0.1.0").unwrap();
        let restored = backup::parse(&text);
        prop_assert!(restored.is_ok(), "refused: {:?}", restored.err());
        let restored = restored.unwrap();
        let notes: Vec<_> = restored.notes.iter().filter(|n| !matches!(n.code, backup::ProblemCode::Numbering { .. })).collect();
        prop_assert!(notes.is_empty(), "{:?}", notes);
        prop_assert_eq!(backup::sorted(&restored.data).recurring, backup::sorted(&data).recurring);
    }
}

/// The property above is not vacuous: the edge values are accepted and restore.
#[test]
fn edge_values_survive_a_backup() {
    let mut data = demo::generate(DemoSpec {
        clients: 2,
        invoices: 4,
        seed: 7,
        today: today(),
    });
    let c = data.clients[0].clone();
    let i = ScheduleInput {
        client: c.id.clone(),
        name: "Ñandú — cuota".into(),
        lines: vec![
            line(&"á".repeat(1000), "1.234,5678", "0,000001"),
            LineInput {
                vat: EXEMPT.into(),
                reason: "Art. 20.Uno.9.º LIVA".into(),
                ..line("Formación", "1", "10")
            },
        ],
        end: EndKind::On,
        end_date: "2027-12-31".into(),
        ..input()
    };
    let settings = AppSettings {
        invoice_series_id: data.settings.invoice_series_id.clone(),
        ..AppSettings::default()
    };
    let s = i
        .build(
            &new_schedule(&settings, today(), "edge".into(), t0()),
            None,
            t0(),
            today(),
        )
        .unwrap();
    data.recurring = vec![s.clone()];
    let restored = backup::parse(&backup::export(&data, t0(), "0.1.0").unwrap()).unwrap();
    assert_eq!(restored.data.recurring, vec![s]);
}

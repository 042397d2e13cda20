//! Numbering: numbers are assigned per series, consecutive, unique, no gaps,
//! restarting each year when the series says so; the check finds every break.

use chrono::{NaiveDate, TimeZone, Utc};
use cobro_core::numbering::{
    check_all, check_sequence, format_number, next_number, parse_number, NumberingError, SequenceProblem,
};
use cobro_core::{CreditNote, Dataset, DocKind, Invoice, NumberingSeries, Quote, QuoteState, Stamp};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn now() -> Stamp {
    Utc.with_ymd_and_hms(2026, 1, 2, 9, 0, 0)
        .single()
        .expect("valid stamp")
}

fn invoice_series() -> NumberingSeries {
    NumberingSeries::default_for(DocKind::Invoice, "s-inv".into(), now())
}

/// Issues one number per date, feeding each updated series to the next call.
fn issue_all(
    mut series: NumberingSeries,
    dates: &[NaiveDate],
) -> (Vec<(String, NaiveDate)>, NumberingSeries) {
    let mut out = Vec::new();
    for date in dates {
        let (number, next) = next_number(&series, *date, now()).expect("number");
        out.push((number, *date));
        series = next;
    }
    (out, series)
}

fn numbers(list: &[(String, NaiveDate)]) -> Vec<&str> {
    list.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn defaults_per_kind() {
    let s = invoice_series();
    assert_eq!(
        (
            s.prefix.as_str(),
            s.include_year,
            s.separator.as_str(),
            s.padding,
            s.yearly_reset
        ),
        ("F", true, "-", 4, true)
    );
    assert!(s.last.is_empty());
    assert_eq!(s.kind, DocKind::Invoice);
    let r = NumberingSeries::default_for(DocKind::CreditNote, "r".into(), now());
    let p = NumberingSeries::default_for(DocKind::Quote, "p".into(), now());
    assert_eq!((r.prefix.as_str(), r.kind), ("R", DocKind::CreditNote));
    assert_eq!((p.prefix.as_str(), p.kind), ("P", DocKind::Quote));
}

#[test]
fn format_pads_and_prints_wide_counters_whole() {
    let mut s = invoice_series();
    assert_eq!(format_number(&s, 2026, 1), "F2026-0001");
    assert_eq!(format_number(&s, 2026, 12345), "F2026-12345");
    s.include_year = false;
    assert_eq!(format_number(&s, 2026, 7), "F-0007");
    s.separator = String::new();
    s.padding = 0;
    assert_eq!(format_number(&s, 2026, 7), "F7");
}

#[test]
fn next_number_is_pure_and_records_the_counter() {
    let s = invoice_series();
    let later = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).single().expect("stamp");
    let (n1, s1) = next_number(&s, d(2026, 3, 1), later).expect("number");
    assert_eq!(n1, "F2026-0001");
    assert_eq!(s1.last.get(&2026), Some(&1));
    assert_eq!(s1.updated_at, later);
    // The input series is untouched: asking again gives the same number.
    assert_eq!(
        next_number(&s, d(2026, 3, 1), later).expect("number").0,
        "F2026-0001"
    );
    assert_eq!(
        next_number(&s1, d(2026, 3, 2), later).expect("number").0,
        "F2026-0002"
    );
}

#[test]
fn yearly_reset_restarts_on_january_first() {
    let dates = [d(2025, 12, 30), d(2025, 12, 31), d(2026, 1, 1), d(2026, 1, 2)];
    let (list, series) = issue_all(invoice_series(), &dates);
    assert_eq!(
        numbers(&list),
        ["F2025-0001", "F2025-0002", "F2026-0001", "F2026-0002"]
    );
    assert_eq!(series.last.get(&2025), Some(&2));
    assert_eq!(series.last.get(&2026), Some(&2));
    assert!(check_sequence(&series, &list).is_empty());
}

#[test]
fn without_reset_one_counter_runs_across_years() {
    let mut s = invoice_series();
    s.yearly_reset = false;
    let dates = [d(2025, 12, 31), d(2026, 1, 1), d(2026, 1, 1)];
    let (list, series) = issue_all(s, &dates);
    assert_eq!(numbers(&list), ["F2025-0001", "F2026-0002", "F2026-0003"]);
    assert_eq!(series.last.get(&0), Some(&3));
    assert_eq!(series.last.len(), 1);
    assert!(check_sequence(&series, &list).is_empty());

    // Without the year printed either.
    let mut s = invoice_series();
    s.yearly_reset = false;
    s.include_year = false;
    let (list, series) = issue_all(s, &dates);
    assert_eq!(numbers(&list), ["F-0001", "F-0002", "F-0003"]);
    assert!(check_sequence(&series, &list).is_empty());
}

#[test]
fn exhausted_counter_and_unprintable_year_are_errors() {
    let mut s = invoice_series();
    s.last.insert(2026, u32::MAX);
    assert!(matches!(
        next_number(&s, d(2026, 5, 1), now()),
        Err(NumberingError::CounterExhausted { year: 2026, .. })
    ));
    let s = invoice_series();
    assert_eq!(
        next_number(&s, d(10000, 1, 1), now()),
        Err(NumberingError::YearOutOfRange(10000))
    );
}

#[test]
fn parse_accepts_only_what_the_series_prints() {
    let s = invoice_series();
    assert_eq!(parse_number(&s, "F2026-0001"), Some((Some(2026), 1)));
    assert_eq!(parse_number(&s, "F2026-12345"), Some((Some(2026), 12345)));
    for bad in [
        "F2026-01",
        "F2026-00001",
        "F2026-0000",
        "R2026-0001",
        "F26-0001",
        "F2026/0001",
        "F2026-",
        "F2026-00a1",
        "",
    ] {
        assert_eq!(parse_number(&s, bad), None, "{bad}");
    }
}

/// [`parse_number`] as first written: the number read, then written again and compared.
fn parse_number_plain(series: &NumberingSeries, number: &str) -> Option<(Option<i32>, u32)> {
    let rest = number.strip_prefix(series.prefix.as_str())?;
    let (year, rest) = if series.include_year {
        let digits = rest.get(..4)?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        (Some(digits.parse().ok()?), rest.get(4..)?)
    } else {
        (None, rest)
    };
    let digits = rest.strip_prefix(series.separator.as_str())?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let counter: u32 = digits.parse().ok()?;
    let canonical = counter > 0 && format_number(series, year.unwrap_or(0), counter) == number;
    canonical.then_some((year, counter))
}

/// Reading a number back accepts exactly the texts the series prints, over every layout and
/// counter text tried.
#[test]
fn parse_accepts_exactly_what_format_prints() {
    let mut counters: Vec<String> = ["", "0", "00", "0000", "00000", "4294967295", "4294967296", "1a"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for n in ["1", "7", "42", "100", "1000", "9999", "10000", "123456"] {
        for zeros in 0..6 {
            counters.push(format!("{}{n}", "0".repeat(zeros)));
        }
    }
    let layouts = [
        ("F", true, "-"),
        ("", false, ""),
        ("R", false, "/"),
        ("Q", true, ""),
        ("", true, "0"),
    ];
    for (prefix, include_year, separator) in layouts {
        for padding in [0u8, 1, 3, 4, 6] {
            let mut s = invoice_series();
            (s.prefix, s.include_year, s.separator, s.padding) =
                (prefix.into(), include_year, separator.into(), padding);
            for year in ["", "2026", "0042", "026"] {
                for counter in &counters {
                    let number = format!("{prefix}{year}{separator}{counter}");
                    assert_eq!(
                        parse_number(&s, &number),
                        parse_number_plain(&s, &number),
                        "{number} padding {padding}"
                    );
                }
            }
        }
    }
}

#[test]
fn detects_gaps_including_before_first_and_after_last_stored() {
    let mut s = invoice_series();
    s.last.insert(2026, 7);
    let list = vec![
        ("F2026-0002".to_string(), d(2026, 1, 5)),
        ("F2026-0003".to_string(), d(2026, 1, 6)),
        ("F2026-0006".to_string(), d(2026, 1, 9)),
    ];
    let problems = check_sequence(&s, &list);
    let gaps: Vec<(&str, &str, u32)> = problems
        .iter()
        .filter_map(|p| match p {
            SequenceProblem::Gap {
                first, last, count, ..
            } => Some((first.as_str(), last.as_str(), *count)),
            _ => None,
        })
        .collect();
    assert_eq!(
        gaps,
        [
            ("F2026-0001", "F2026-0001", 1),
            ("F2026-0004", "F2026-0005", 2),
            ("F2026-0007", "F2026-0007", 1)
        ]
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
}

#[test]
fn gap_in_one_year_does_not_spill_into_the_next() {
    let mut s = invoice_series();
    s.last.insert(2025, 3);
    s.last.insert(2026, 1);
    let list = vec![
        ("F2025-0001".to_string(), d(2025, 3, 1)),
        ("F2025-0002".to_string(), d(2025, 6, 1)),
        ("F2026-0001".to_string(), d(2026, 1, 1)),
    ];
    let problems = check_sequence(&s, &list);
    assert_eq!(
        problems,
        [SequenceProblem::Gap {
            series_id: "s-inv".into(),
            first: "F2025-0003".into(),
            last: "F2025-0003".into(),
            count: 1
        }]
    );
}

#[test]
fn detects_duplicates() {
    let mut s = invoice_series();
    s.last.insert(2026, 2);
    let list = vec![
        ("F2026-0001".to_string(), d(2026, 1, 5)),
        ("F2026-0002".to_string(), d(2026, 1, 6)),
        ("F2026-0002".to_string(), d(2026, 1, 6)),
    ];
    assert_eq!(
        check_sequence(&s, &list),
        [SequenceProblem::Duplicate {
            series_id: "s-inv".into(),
            number: "F2026-0002".into(),
            count: 2
        }]
    );
}

#[test]
fn detects_numbers_outside_the_pattern() {
    let mut s = invoice_series();
    s.last.insert(2026, 1);
    let list = vec![
        ("F2026-0001".to_string(), d(2026, 1, 5)),
        ("INV-7".to_string(), d(2026, 1, 6)),
    ];
    assert_eq!(
        check_sequence(&s, &list),
        [SequenceProblem::NotInSeries {
            series_id: "s-inv".into(),
            number: "INV-7".into()
        }]
    );
}

#[test]
fn detects_year_that_differs_from_the_issue_date() {
    let mut s = invoice_series();
    s.last.insert(2025, 1);
    s.last.insert(2026, 1);
    // Issued on Jan 1 but numbered with last year's counter, and the reverse.
    let list = vec![
        ("F2025-0001".to_string(), d(2026, 1, 1)),
        ("F2026-0001".to_string(), d(2025, 12, 31)),
    ];
    let problems = check_sequence(&s, &list);
    assert_eq!(
        problems,
        [
            SequenceProblem::YearMismatch {
                series_id: "s-inv".into(),
                number: "F2025-0001".into(),
                number_year: 2025,
                issue_date: d(2026, 1, 1)
            },
            SequenceProblem::YearMismatch {
                series_id: "s-inv".into(),
                number: "F2026-0001".into(),
                number_year: 2026,
                issue_date: d(2025, 12, 31)
            },
        ]
    );
}

#[test]
fn detects_counter_behind_the_numbers_used() {
    let mut s = invoice_series();
    s.last.insert(2026, 1);
    let list = vec![
        ("F2026-0001".to_string(), d(2026, 1, 5)),
        ("F2026-0002".to_string(), d(2026, 1, 6)),
    ];
    let problems = check_sequence(&s, &list);
    assert_eq!(
        problems,
        [SequenceProblem::CounterBehind {
            series_id: "s-inv".into(),
            stored: 1,
            highest: "F2026-0002".into()
        }]
    );
    // That is exactly the situation where the next issue would repeat a number.
    assert_eq!(
        next_number(&s, d(2026, 1, 7), now()).expect("number").0,
        "F2026-0002"
    );

    // A series that never recorded its year at all.
    let empty = invoice_series();
    assert!(matches!(
        check_sequence(&empty, &list[..1])[..],
        [SequenceProblem::CounterBehind { stored: 0, .. }]
    ));
}

#[test]
fn detects_later_number_with_earlier_date() {
    let mut s = invoice_series();
    s.last.insert(2026, 2);
    let list = vec![
        ("F2026-0002".to_string(), d(2026, 2, 1)),
        ("F2026-0001".to_string(), d(2026, 2, 3)),
    ];
    assert_eq!(
        check_sequence(&s, &list),
        [SequenceProblem::OutOfDateOrder {
            series_id: "s-inv".into(),
            number: "F2026-0002".into(),
            date: d(2026, 2, 1),
            previous: "F2026-0001".into(),
            previous_date: d(2026, 2, 3)
        }]
    );
}

#[test]
fn problems_read_as_plain_sentences() {
    let p = SequenceProblem::Gap {
        series_id: "s".into(),
        first: "F2026-0004".into(),
        last: "F2026-0005".into(),
        count: 2,
    };
    assert_eq!(
        p.to_string(),
        "numbers F2026-0004 to F2026-0005 are missing from the series (2 numbers)"
    );
    let w = SequenceProblem::WrongKind {
        series_id: "s".into(),
        number: "R2026-0001".into(),
        kind: DocKind::Quote,
        series_kind: DocKind::CreditNote,
    };
    assert_eq!(
        w.to_string(),
        "number R2026-0001 was given to a quote from a series meant for credit notes"
    );
}

fn invoice(id: &str, series_id: &str, number: Option<&str>, date: NaiveDate) -> Invoice {
    Invoice {
        id: id.into(),
        series_id: series_id.into(),
        number: number.map(Into::into),
        client_id: "c".into(),
        po_number: String::new(),
        issue_date: date,
        delivery_date: None,
        due_date: date,
        currency: "EUR".into(),
        lines: vec![],
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
        updated_at: now(),
    }
}

fn credit_note(id: &str, series_id: &str, number: Option<&str>, date: NaiveDate) -> CreditNote {
    CreditNote {
        id: id.into(),
        series_id: series_id.into(),
        number: number.map(Into::into),
        invoice_id: "i1".into(),
        client_id: "c".into(),
        issue_date: date,
        reason: "error".into(),
        currency: "EUR".into(),
        lines: vec![],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: true,
        updated_at: now(),
    }
}

fn quote(id: &str, series_id: &str, number: Option<&str>, date: NaiveDate) -> Quote {
    Quote {
        id: id.into(),
        series_id: series_id.into(),
        number: number.map(Into::into),
        client_id: "c".into(),
        po_number: String::new(),
        issue_date: date,
        valid_until: None,
        currency: "EUR".into(),
        lines: vec![],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        notes: String::new(),
        payment_method_ids: Vec::new(),
        early_payment: None,
        state: QuoteState::Draft,
        invoice_id: None,
        updated_at: now(),
    }
}

#[test]
fn check_all_groups_by_series_and_ignores_drafts() {
    let mut inv = invoice_series();
    inv.last.insert(2026, 2);
    let mut cn = NumberingSeries::default_for(DocKind::CreditNote, "s-cn".into(), now());
    cn.last.insert(2026, 1);
    let mut qt = NumberingSeries::default_for(DocKind::Quote, "s-q".into(), now());
    qt.last.insert(2026, 1);
    let data = Dataset {
        series: vec![inv, cn, qt],
        invoices: vec![
            invoice("i1", "s-inv", Some("F2026-0001"), d(2026, 1, 2)),
            invoice("i2", "s-inv", Some("F2026-0002"), d(2026, 1, 3)),
            invoice("i3", "s-inv", None, d(2026, 1, 4)),
        ],
        // Same counter as the invoices, but in its own series: no duplicate.
        credit_notes: vec![credit_note("c1", "s-cn", Some("R2026-0001"), d(2026, 1, 5))],
        quotes: vec![
            quote("q1", "s-q", Some("P2026-0001"), d(2026, 1, 1)),
            quote("q2", "s-q", None, d(2026, 1, 1)),
        ],
        ..Dataset::default()
    };
    assert_eq!(check_all(&data), []);

    let mut broken = data.clone();
    broken
        .invoices
        .push(invoice("i4", "s-inv", Some("F2026-0004"), d(2026, 1, 6)));
    broken
        .invoices
        .push(invoice("i5", "gone", Some("X-1"), d(2026, 1, 6)));
    broken.credit_notes[0].number = Some("R2026-0002".into());
    broken
        .quotes
        .push(quote("q3", "s-cn", Some("R2026-0001"), d(2026, 1, 1)));
    let problems = check_all(&broken);
    let expected = [
        SequenceProblem::UnknownSeries {
            series_id: "gone".into(),
            count: 1,
        },
        SequenceProblem::CounterBehind {
            series_id: "s-inv".into(),
            stored: 2,
            highest: "F2026-0004".into(),
        },
        SequenceProblem::Gap {
            series_id: "s-inv".into(),
            first: "F2026-0003".into(),
            last: "F2026-0003".into(),
            count: 1,
        },
        SequenceProblem::WrongKind {
            series_id: "s-cn".into(),
            number: "R2026-0001".into(),
            kind: DocKind::Quote,
            series_kind: DocKind::CreditNote,
        },
        SequenceProblem::CounterBehind {
            series_id: "s-cn".into(),
            stored: 1,
            highest: "R2026-0002".into(),
        },
    ];
    assert_eq!(problems, expected, "{problems:#?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the dates (in order) and the series shape, issuing one number
    /// after another leaves a sequence the check finds nothing wrong with, and
    /// no number repeats.
    #[test]
    fn issued_sequences_always_pass_the_check(
        mut offsets in prop::collection::vec(0u64..800, 1..40),
        yearly_reset in any::<bool>(),
        include_year in any::<bool>(),
        padding in 0u8..6,
    ) {
        offsets.sort();
        let start = d(2024, 12, 1);
        let dates: Vec<NaiveDate> =
            offsets.iter().map(|o| start + chrono::Days::new(*o)).collect();
        let mut s = invoice_series();
        s.yearly_reset = yearly_reset;
        s.include_year = include_year;
        s.padding = padding;
        let (list, series) = issue_all(s, &dates);
        let problems = check_sequence(&series, &list);
        if include_year || !yearly_reset {
            prop_assert!(problems.is_empty(), "{:?}", problems);
        } else {
            // Resetting without printing the year repeats numbers across years:
            // the check reports it as duplicates and nothing else.
            let only_duplicates = problems.iter().all(|p| matches!(p, SequenceProblem::Duplicate { .. }));
            prop_assert!(only_duplicates, "{:?}", problems);
        }
        for (number, date) in &list {
            let (year, _) = parse_number(&series, number).expect("parses back");
            if include_year {
                prop_assert_eq!(year, Some(chrono::Datelike::year(date)));
            }
        }
    }
}

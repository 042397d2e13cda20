//! Editing a numbering series in Settings: the format may change only before the
//! series numbers anything, prefixes stay distinct between kinds of document, and
//! numbering that continues from another tool starts where that tool stopped
//! without the skipped counters ever showing as gaps. The Settings form's reading of what is
//! typed (`forms::SeriesInput`): every problem at its field, the preview what is saved.

use chrono::{NaiveDate, TimeZone, Utc};
use cobro_core::forms::SeriesInput;
use cobro_core::numbering::{
    check_sequence, edit_series, next_number, peek_next, series_in_use, SeriesEditError, SeriesFormat,
};
use cobro_core::validity::{Invalid, Rule};
use cobro_core::{DocKind, NumberingSeries, Stamp};

fn now() -> Stamp {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("valid stamp")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn all() -> Vec<NumberingSeries> {
    [DocKind::Invoice, DocKind::CreditNote, DocKind::Quote]
        .into_iter()
        .map(|k| NumberingSeries::default_for(k, format!("s-{k:?}"), now()))
        .collect()
}

fn format(prefix: &str) -> SeriesFormat {
    SeriesFormat {
        prefix: prefix.into(),
        include_year: true,
        separator: "-".into(),
        padding: 4,
        yearly_reset: true,
    }
}

#[test]
fn a_fresh_series_takes_a_new_format_and_previews_it() {
    let series = all();
    let edited = edit_series(
        &series[0],
        &series,
        SeriesFormat {
            prefix: " FAC ".into(),
            include_year: false,
            separator: "/".into(),
            padding: 3,
            yearly_reset: false,
        },
        None,
        now(),
    )
    .expect("accepted");
    assert_eq!(edited.prefix, "FAC", "surrounding spaces are dropped");
    assert_eq!(peek_next(&edited, 2026), "FAC/001");
    let (number, _) = next_number(&edited, d(2026, 3, 2), now()).expect("number");
    assert_eq!(number, "FAC/001");
    assert_eq!(edited.updated_at, now());
}

#[test]
fn continuing_from_another_tool_starts_at_the_given_number_with_no_gap() {
    let series = all();
    let edited = edit_series(&series[0], &series, format("F"), Some((2026, 43)), now()).expect("accepted");
    assert_eq!(peek_next(&edited, 2026), "F2026-0043");
    assert!(
        !series_in_use(&edited),
        "a carried-over start is not use by this app"
    );
    let (number, after) = next_number(&edited, d(2026, 3, 2), now()).expect("number");
    assert_eq!(number, "F2026-0043");
    assert!(series_in_use(&after));
    assert!(
        check_sequence(&after, &[(number, d(2026, 3, 2))]).is_empty(),
        "1..42 were used elsewhere: not a gap"
    );
    // The next year starts at 1 again, and a missing 2027 number is still a gap.
    let (n27, after27) = next_number(&after, d(2027, 1, 5), now()).expect("number");
    assert_eq!(n27, "F2027-0001");
    let problems = check_sequence(&after27, &[(n27, d(2027, 1, 5))]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].to_string().contains("F2026-0043"), "{}", problems[0]);
}

#[test]
fn the_start_can_be_changed_back_until_a_number_is_used() {
    let series = all();
    let edited = edit_series(&series[0], &series, format("F"), Some((2026, 43)), now()).expect("accepted");
    let back = edit_series(&edited, &series, format("F"), Some((2026, 1)), now()).expect("accepted");
    assert_eq!(peek_next(&back, 2026), "F2026-0001");
    assert!(back.last.is_empty() && back.carried_over.is_empty());
}

#[test]
fn once_used_the_format_and_that_years_start_are_locked() {
    let series = all();
    let (_, used) = next_number(&series[0], d(2026, 3, 2), now()).expect("number");
    assert_eq!(
        edit_series(&used, &series, format("FX"), None, now()),
        Err(SeriesEditError::FormatLocked)
    );
    assert_eq!(
        edit_series(&used, &series, format("F"), Some((2026, 10)), now()),
        Err(SeriesEditError::NextLocked(2026))
    );
    // Saving the same values (the form's "next" shows 0002) changes nothing.
    let same = edit_series(&used, &series, format("F"), Some((2026, 2)), now()).expect("no change");
    assert_eq!(same, used);
    // A new year of a yearly series is a fresh counter: it may continue from elsewhere.
    let next_year = edit_series(&used, &series, format("F"), Some((2027, 5)), now()).expect("accepted");
    assert_eq!(peek_next(&next_year, 2027), "F2027-0005");
}

#[test]
fn prefixes_of_different_documents_must_differ() {
    let series = all();
    let err = edit_series(&series[1], &series, format("f"), None, now()).expect_err("taken");
    assert_eq!(err, SeriesEditError::PrefixTaken("invoices", "F".into()));
    assert!(err.to_string().contains("invoices"));
}

#[test]
fn impossible_formats_are_refused_in_plain_words() {
    let series = all();
    let s = &series[0];
    let try_fmt = |f: SeriesFormat| edit_series(s, &series, f, None, now());
    assert_eq!(try_fmt(format("")), Err(SeriesEditError::BadPrefix));
    assert_eq!(try_fmt(format("F 26")), Err(SeriesEditError::BadPrefix));
    assert_eq!(try_fmt(format("ABCDEFGHIJK")), Err(SeriesEditError::BadPrefix));
    assert_eq!(try_fmt(format("<b>")), Err(SeriesEditError::BadPrefix));
    let sep = |separator: &str| SeriesFormat {
        separator: separator.into(),
        ..format("F")
    };
    assert_eq!(try_fmt(sep("1")), Err(SeriesEditError::BadSeparator));
    assert_eq!(try_fmt(sep("----")), Err(SeriesEditError::BadSeparator));
    assert!(try_fmt(sep("")).is_ok(), "no separator is fine: F20260001");
    let pad = |padding: u8| SeriesFormat {
        padding,
        ..format("F")
    };
    assert_eq!(try_fmt(pad(0)), Err(SeriesEditError::BadPadding));
    assert_eq!(try_fmt(pad(7)), Err(SeriesEditError::BadPadding));
    assert_eq!(
        edit_series(s, &series, format("F"), Some((2026, 0)), now()),
        Err(SeriesEditError::BadNext)
    );
    assert_eq!(
        edit_series(s, &series, format("F"), Some((2026, 1_000_000)), now()),
        Err(SeriesEditError::BadNext)
    );
}

#[test]
fn switching_yearly_reset_moves_a_carried_start_to_the_shared_counter() {
    let series = all();
    let edited = edit_series(&series[0], &series, format("F"), Some((2026, 43)), now()).expect("accepted");
    let shared = edit_series(
        &edited,
        &series,
        SeriesFormat {
            yearly_reset: false,
            include_year: false,
            ..format("F")
        },
        Some((2026, 43)),
        now(),
    )
    .expect("accepted");
    assert_eq!(peek_next(&shared, 2026), "F-0043");
    assert_eq!(peek_next(&shared, 2030), "F-0043", "one counter for every year");
}

#[test]
fn a_file_whose_counter_is_below_its_carried_start_is_flagged() {
    let mut series = all().remove(0);
    series.carried_over.insert(2026, 42);
    series.last.insert(2026, 10);
    let problems = check_sequence(&series, &[]);
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("F2026-0042") && p.to_string().contains("repeat")),
        "{problems:?}"
    );
}

// ---------------------------------------------------------------- the Settings form

fn typed(prefix: &str, separator: &str, digits: &str, next: &str) -> SeriesInput {
    SeriesInput {
        prefix: prefix.into(),
        separator: separator.into(),
        digits: digits.into(),
        next: next.into(),
        include_year: true,
        yearly_reset: true,
    }
}

fn at_fields(e: Invalid) -> Vec<(String, Rule)> {
    e.0.into_iter().map(|p| (p.path, p.rule)).collect()
}

#[test]
fn the_series_form_says_every_problem_at_its_field_at_once() {
    let series = all();
    let refused = typed("F 1", "x", "7", "cero")
        .build(&series[0], &series, 2026, now())
        .expect_err("refused");
    assert_eq!(
        at_fields(refused),
        [
            ("prefix".to_string(), Rule::Series(SeriesEditError::BadPrefix)),
            (
                "separator".to_string(),
                Rule::Series(SeriesEditError::BadSeparator)
            ),
            ("padding".to_string(), Rule::Series(SeriesEditError::BadPadding)),
            ("next".to_string(), Rule::Series(SeriesEditError::BadNext)),
        ]
    );
    // The limits of each field, both sides.
    for (digits, ok) in [
        ("0", false),
        ("1", true),
        ("6", true),
        ("7", false),
        ("seis", false),
        ("-1", false),
    ] {
        let built = typed("F", "-", digits, "1").build(&series[0], &series, 2026, now());
        assert_eq!(built.is_ok(), ok, "digits {digits}");
    }
    for (next, ok) in [
        ("0", false),
        ("1", true),
        (" 999999 ", true),
        ("1000000", false),
        ("1,5", false),
        ("", false),
    ] {
        let built = typed("F", "-", "4", next).build(&series[0], &series, 2026, now());
        assert_eq!(built.is_ok(), ok, "next {next:?}");
    }
    for (prefix, ok) in [
        ("ABCDEFGHIJ", true),
        ("ABCDEFGHIJK", false),
        ("ÑÁ", true),
        ("", false),
        ("F🙂", false),
    ] {
        let built = typed(prefix, "-", "4", "1").build(&series[0], &series, 2026, now());
        assert_eq!(built.is_ok(), ok, "prefix {prefix}");
    }
    for (separator, ok) in [("", true), ("-/.", true), ("-/._", false), (" ", false)] {
        let built = typed("F", separator, "4", "1").build(&series[0], &series, 2026, now());
        assert_eq!(built.is_ok(), ok, "separator {separator:?}");
    }
    // The edit's own refusal is said with the fields' problems, not after them are put right.
    assert_eq!(
        at_fields(
            typed("r", " ", "7", "x")
                .build(&series[0], &series, 2026, now())
                .expect_err("refused")
        ),
        [
            (
                "separator".to_string(),
                Rule::Series(SeriesEditError::BadSeparator)
            ),
            ("padding".to_string(), Rule::Series(SeriesEditError::BadPadding)),
            ("next".to_string(), Rule::Series(SeriesEditError::BadNext)),
            (
                "prefix".to_string(),
                Rule::Series(SeriesEditError::PrefixTaken("credit notes", "R".into()))
            ),
        ]
    );
    // Another kind's prefix, whatever its case: at the prefix.
    assert_eq!(
        at_fields(
            typed("r", "-", "4", "1")
                .build(&series[0], &series, 2026, now())
                .expect_err("taken")
        ),
        [(
            "prefix".to_string(),
            Rule::Series(SeriesEditError::PrefixTaken("credit notes", "R".into()))
        )]
    );
}

#[test]
fn the_series_form_builds_what_its_preview_shows_and_reads_it_back() {
    let series = all();
    let edit = typed(" FAC ", "/", "6", "43")
        .build(&series[0], &series, 2026, now())
        .expect("accepted");
    assert_eq!(peek_next(&edit.edited, 2026), "FAC2026/000043");
    assert_eq!(edit.next, (2026, 43));
    assert_eq!(edit.format.prefix, "FAC");
    // What storage applies from the same answer is the series the preview showed.
    assert_eq!(
        edit_series(&series[0], &series, edit.format.clone(), Some(edit.next), now()),
        Ok(edit.edited.clone())
    );
    assert_eq!(
        SeriesInput::from_series(&edit.edited, 2026),
        typed("FAC", "/", "6", "43")
    );
    assert!(SeriesInput::next_open(&edit.edited, 2026));
}

#[test]
fn once_used_the_form_says_what_is_locked_where() {
    let series = all();
    let (_, used) = next_number(&series[0], d(2026, 3, 2), now()).expect("number");
    assert!(!SeriesInput::next_open(&used, 2026));
    assert!(
        SeriesInput::next_open(&used, 2027),
        "a new year's counter is fresh"
    );
    let form = SeriesInput::from_series(&used, 2026);
    assert_eq!(form.next, "2");
    // Saved as shown: nothing changes.
    assert_eq!(
        form.build(&used, &series, 2026, now()).expect("same").edited,
        used
    );
    assert_eq!(
        at_fields(
            SeriesInput {
                next: "10".into(),
                ..form.clone()
            }
            .build(&used, &series, 2026, now())
            .expect_err("locked")
        ),
        [(
            "next".to_string(),
            Rule::Series(SeriesEditError::NextLocked(2026))
        )]
    );
    assert_eq!(
        at_fields(
            SeriesInput {
                prefix: "FX".into(),
                ..form
            }
            .build(&used, &series, 2026, now())
            .expect_err("locked")
        ),
        [(String::new(), Rule::Series(SeriesEditError::FormatLocked))],
        "a format that can no longer change is said under the form"
    );
}

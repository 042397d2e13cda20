//! Locale formatting: numbers, percentages, day counts, sizes, dates, ranges and relative
//! days as a Spanish or an English reader writes them.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use cobro_core::locale;
use cobro_core::Lang::{En, Es};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

#[test]
fn decimals_use_the_language_separators_and_group_thousands() {
    assert_eq!(locale::decimal(d("1234.5"), 2, Es), "1.234,50");
    assert_eq!(locale::decimal(d("1234.5"), 2, En), "1,234.50");
    assert_eq!(locale::decimal(d("1234567.891"), 1, Es), "1.234.567,9");
    assert_eq!(locale::decimal(d("999"), 0, Es), "999");
    assert_eq!(locale::decimal(d("-1000"), 0, En), "-1,000");
    assert_eq!(locale::decimal(d("0.05"), 1, Es), "0,1", "half away from zero");
    assert_eq!(locale::decimal(d("-0.04"), 1, Es), "0,0", "no negative zero");
    assert_eq!(locale::decimal_trimmed(d("12.5000"), 4, Es), "12,5");
    assert_eq!(locale::decimal_trimmed(d("3.00"), 4, Es), "3");
    assert_eq!(locale::decimal_trimmed(d("0.25"), 4, En), "0.25");
    assert_eq!(locale::decimal_trimmed(d("-0.00001"), 4, En), "0");
    assert_eq!(locale::integer(12345, Es), "12.345");
    assert_eq!(locale::integer(12345, En), "12,345");
}

#[test]
fn percentages_follow_each_language_convention() {
    assert_eq!(locale::percent(d("74.44"), 1, Es), "74,4 %");
    assert_eq!(locale::percent(d("74.44"), 1, En), "74.4%");
    assert_eq!(locale::percent(d("21"), 2, Es), "21 %");
    assert_eq!(locale::percent(d("7.50"), 2, Es), "7,5 %");
    assert_eq!(locale::percent(d("100"), 1, En), "100%");
}

#[test]
fn day_counts_agree_in_number() {
    assert_eq!(locale::days(d("142.14"), 1, Es), "142,1 días");
    assert_eq!(locale::days(d("30.5"), 1, En), "30.5 days");
    assert_eq!(locale::days(d("1"), 1, Es), "1 día");
    assert_eq!(locale::days(d("1.04"), 1, Es), "1 día", "rounds to one");
    assert_eq!(locale::days(d("0"), 1, Es), "0 días");
    assert_eq!(locale::day_count(1, En), "1 day");
    assert_eq!(locale::day_count(2, En), "2 days");
    assert_eq!(locale::day_count(1500, Es), "1.500 días");
}

#[test]
fn sizes_pick_a_unit_that_keeps_the_number_under_a_thousand() {
    assert_eq!(locale::bytes(0, Es), "0 B");
    assert_eq!(locale::bytes(999, En), "999 B");
    assert_eq!(locale::bytes(1000, Es), "1,0 KB");
    assert_eq!(locale::bytes(2_100_000, Es), "2,1 MB");
    assert_eq!(locale::bytes(2_100_000, En), "2.1 MB");
    assert_eq!(locale::bytes(10_739_600_000, Es), "10,7 GB");
    assert_eq!(
        locale::bytes(999_960, Es),
        "1,0 MB",
        "999,96 KB would print as 1000,0 KB"
    );
    assert_eq!(locale::bytes(u64::MAX, En), "18,446.7 PB");
}

#[test]
fn dates_and_ranges_read_as_people_write_them() {
    assert_eq!(locale::date(day(2026, 12, 10), Es), "10/12/2026");
    assert_eq!(locale::date(day(2027, 6, 1), Es), "01/06/2027");
    assert_eq!(locale::date(day(2027, 6, 1), En), "1 Jun 2027");
    assert_eq!(
        locale::date_range(day(2026, 12, 10), day(2027, 6, 10), Es),
        "del 10/12/2026 al 10/06/2027"
    );
    assert_eq!(
        locale::date_range(day(2026, 12, 10), day(2027, 6, 10), En),
        "from 10 Dec 2026 to 10 Jun 2027"
    );
}

#[test]
fn relative_days_have_words_for_near_days_and_counts_otherwise() {
    let today = day(2026, 12, 10);
    let at = |n: i64| today + chrono::Duration::days(n);
    let es: Vec<String> = [-3, -1, 0, 1, 3]
        .iter()
        .map(|n| locale::relative_days(at(*n), today, Es))
        .collect();
    assert_eq!(es, ["hace 3 días", "ayer", "hoy", "mañana", "dentro de 3 días"]);
    let en: Vec<String> = [-3, -1, 0, 1, 3]
        .iter()
        .map(|n| locale::relative_days(at(*n), today, En))
        .collect();
    assert_eq!(en, ["3 days ago", "yesterday", "today", "tomorrow", "in 3 days"]);
    assert_eq!(
        locale::relative_offset(i64::MIN, Es),
        format!("hace {} días", locale::integer(i64::MAX, Es))
    );
}

proptest! {
    /// Whatever the value, the Spanish form reads back through the amount parser the forms
    /// use as the same rounded value, and is the English form with the separators swapped.
    /// (With decimals: "1.234" alone is 1.234 to the parser, by design.)
    #[test]
    fn spanish_decimals_read_back(mantissa in -1_000_000_000_000i64..1_000_000_000_000, scale in 0u32..6, places in 1u32..4) {
        let v = Decimal::new(mantissa, scale);
        let es = locale::decimal(v, places, Es);
        let en = locale::decimal(v, places, En);
        let rounded = v.round_dp_with_strategy(places, cobro_core::money::ROUNDING);
        prop_assert_eq!(cobro_core::money::parse_amount(&es), Ok(rounded));
        prop_assert_eq!(es.replace('.', "#").replace(',', ".").replace('#', ","), en);
        prop_assert!(!es.starts_with('-') || !rounded.is_zero());
    }
}

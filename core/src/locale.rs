//! Numbers, percentages, day counts, sizes and dates as the reader of each UI language
//! writes them: Spanish `1.234,5`, `74,4 %`, `2,1 MB`, `10/12/2026`, "hace 2 días";
//! English `1,234.5`, `74.4%`, `2.1 MB`, `10 Dec 2026`, "2 days ago". Every number or
//! date the app shows, prints or exports for people goes through here, so no screen
//! shows a decimal point in Spanish. (Amounts with their currency: `money::format_amount`,
//! which shares this grouping.)

use crate::model::Lang;
use crate::money::ROUNDING;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The separators of `lang`: (thousands, decimal).
const fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Es => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// `value` rounded (half away from zero) to exactly `decimals` places, digits grouped in
/// threes: `decimal(1234.5, 2, Es)` = "1.234,50". A value that rounds to zero has no sign.
pub fn decimal(value: Decimal, decimals: u32, lang: Lang) -> String {
    let mut v = value.round_dp_with_strategy(decimals, ROUNDING);
    v.rescale(decimals);
    digits(v, lang)
}

/// `value` with at most `max_decimals` places and no trailing zeros: quantities ("12,5",
/// "3", "0,25"), rates ("21").
pub fn decimal_trimmed(value: Decimal, max_decimals: u32, lang: Lang) -> String {
    digits(
        value.round_dp_with_strategy(max_decimals, ROUNDING).normalize(),
        lang,
    )
}

/// A whole number with grouping: "12.345" / "12,345".
pub fn integer(value: i64, lang: Lang) -> String {
    digits(Decimal::from(value), lang)
}

/// A decimal as written, in `lang`'s separators: the one grouping routine.
pub(crate) fn digits(value: Decimal, lang: Lang) -> String {
    let (group_sep, decimal_sep) = separators(lang);
    let plain = value.abs().to_string();
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    let len = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(group_sep);
        }
        out.push(ch);
    }
    if !frac_part.is_empty() {
        out.push(decimal_sep);
        out.push_str(frac_part);
    }
    out
}

/// A percentage (`value` is already in percent): Spanish "74,4 %" (RAE: with a space),
/// English "74.4%". `decimals` places, trailing zeros dropped ("21 %", "7,5 %").
pub fn percent(value: Decimal, decimals: u32, lang: Lang) -> String {
    let number = decimal_trimmed(value, decimals, lang);
    match lang {
        Lang::Es => format!("{number} %"),
        Lang::En => format!("{number}%"),
    }
}

/// A number of days, possibly fractional (averages): "1 día", "142,1 días", "1 day",
/// "30.5 days". The singular only for exactly one.
pub fn days(value: Decimal, decimals: u32, lang: Lang) -> String {
    let number = decimal_trimmed(value, decimals, lang);
    let one = number == "1";
    let unit = match (lang, one) {
        (Lang::Es, true) => "día",
        (Lang::Es, false) => "días",
        (Lang::En, true) => "day",
        (Lang::En, false) => "days",
    };
    format!("{number} {unit}")
}

/// A whole number of days: "1 día", "12 días", "1 day".
pub fn day_count(n: i64, lang: Lang) -> String {
    days(Decimal::from(n), 0, lang)
}

/// A size in bytes with decimal (SI) units, one decimal from KB up: "512 B", "2,1 MB",
/// "10.739,6 MB" is never written: large sizes move to the next unit ("10,7 GB").
pub fn bytes(n: u64, lang: Lang) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if n < 1000 {
        return format!("{} B", integer(i64::try_from(n).unwrap_or(i64::MAX), lang));
    }
    let mut value = Decimal::from(n);
    let thousand = Decimal::from(1000);
    let mut unit = "B";
    for u in UNITS {
        // Move up while the value would print as 1000 or more in this unit.
        if value.round_dp_with_strategy(1, ROUNDING) < thousand {
            break;
        }
        value /= thousand;
        unit = u;
    }
    format!("{} {unit}", decimal(value, 1, lang))
}

/// English month abbreviations, as chrono's `%b` writes them.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Nov` for a date in November. Dates are written by hand here and not with chrono's
/// `format("%…")`: its strftime interpreter is code every user downloads.
pub fn month_abbr(d: NaiveDate) -> &'static str {
    MONTHS_EN.get(d.month0() as usize).copied().unwrap_or_default()
}

/// The year as `%Y` writes it: four digits, with the sign ISO 8601 asks for outside
/// 0–9999 (`+10000`).
pub fn year_text(year: i32) -> String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+05}")
    }
}

/// A date as people write it: Spanish `22/11/2026`, English `22 Nov 2026` (never the ISO
/// form, which reads as a typo to most people).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let year = year_text(d.year());
    match lang {
        Lang::Es => format!("{:02}/{:02}/{year}", d.day(), d.month()),
        Lang::En => format!("{} {} {year}", d.day(), month_abbr(d)),
    }
}

/// A period: "del 10/12/2026 al 10/06/2027", "from 10 Dec 2026 to 10 Jun 2027".
pub fn date_range(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("del {} al {}", date(from, lang), date(to, lang)),
        Lang::En => format!("from {} to {}", date(from, lang), date(to, lang)),
    }
}

/// How far `d` is from `today`, in words: "hoy", "ayer", "hace 3 días", "mañana",
/// "dentro de 3 días"; "today", "yesterday", "3 days ago", "tomorrow", "in 3 days".
pub fn relative_days(d: NaiveDate, today: NaiveDate, lang: Lang) -> String {
    relative_offset((d - today).num_days(), lang)
}

/// [`relative_days`] for an offset in days from today (negative: past), for callers that
/// hold a count rather than dates ("last backup 3 days ago").
pub fn relative_offset(n: i64, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Es, 0) => "hoy".into(),
        (Lang::Es, -1) => "ayer".into(),
        (Lang::Es, 1) => "mañana".into(),
        (Lang::Es, n) if n < 0 => format!("hace {}", day_count(n.saturating_neg(), lang)),
        (Lang::Es, n) => format!("dentro de {}", day_count(n, lang)),
        (Lang::En, 0) => "today".into(),
        (Lang::En, -1) => "yesterday".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (Lang::En, n) if n < 0 => format!("{} ago", day_count(n.saturating_neg(), lang)),
        (Lang::En, n) => format!("in {}", day_count(n, lang)),
    }
}

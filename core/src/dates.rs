//! Reading dates and instants fast. chrono's deserialisers go through its general format
//! parser, which was most of the time spent on dates when reading years of records (a backup
//! of 10 000 invoices holds about 400 000 of them, in a restore and at every start-up). The
//! forms Cobro writes (`2026-03-01`, `2026-03-01T10:00:00Z`) are read directly; anything
//! else goes to chrono's own parser, so what is accepted or refused, and the message, are
//! exactly chrono's.

use crate::model::Stamp;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// Two ASCII digits as a number, if they are digits.
fn two(hi: u8, lo: u8) -> Option<u32> {
    let (hi, lo) = (hi.wrapping_sub(b'0'), lo.wrapping_sub(b'0'));
    (hi < 10 && lo < 10).then(|| u32::from(hi) * 10 + u32::from(lo))
}

/// `YYYY-MM-DD`, exactly. The digits are read in pairs, without a loop: a backup of years of
/// records holds hundreds of thousands of dates.
fn fast_date(b: &[u8]) -> Option<NaiveDate> {
    match *b {
        [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] => {
            let year = two(y1, y2)? * 100 + two(y3, y4)?;
            NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, two(m1, m2)?, two(d1, d2)?)
        }
        _ => None,
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`, exactly.
fn fast_stamp(b: &[u8]) -> Option<Stamp> {
    match *b {
        [ref date @ .., b'T', h1, h2, b':', m1, m2, b':', s1, s2, b'Z'] => fast_date(date)?
            .and_hms_opt(two(h1, h2)?, two(m1, m2)?, two(s1, s2)?)
            .map(|t| t.and_utc()),
        _ => None,
    }
}

struct FastDate(NaiveDate);

impl<'de> Deserialize<'de> for FastDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NaiveDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // chrono's words, so that a refusal reads the same.
                f.write_str("a formatted date string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
                fast_date(v.as_bytes()).map_or_else(|| v.parse().map_err(E::custom), Ok)
            }
        }
        d.deserialize_str(V).map(FastDate)
    }
}

struct FastStamp(Stamp);

impl<'de> Deserialize<'de> for FastStamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Stamp;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an RFC 3339 formatted date and time string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Stamp, E> {
                match fast_stamp(v.as_bytes()) {
                    Some(s) => Ok(s),
                    None => v
                        .parse::<DateTime<FixedOffset>>()
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(E::custom),
                }
            }
        }
        d.deserialize_str(V).map(FastStamp)
    }
}

/// For `#[serde(deserialize_with)]` on a `NaiveDate`.
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    FastDate::deserialize(d).map(|x| x.0)
}

/// For an `Option<NaiveDate>` (with `default`, so that a missing field is `None` as serde
/// makes it for options without a deserialiser of their own).
pub(crate) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<FastDate>::deserialize(d).map(|o| o.map(|x| x.0))
}

/// For a [`Stamp`].
pub(crate) fn stamp<'de, D: Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
    FastStamp::deserialize(d).map(|x| x.0)
}

/// For an `Option<Stamp>` (with `default`, as [`opt_date`]).
pub(crate) fn opt_stamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Stamp>, D::Error> {
    Option::<FastStamp>::deserialize(d).map(|o| o.map(|x| x.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrono_date(s: &str) -> Result<NaiveDate, String> {
        serde_json::from_value::<NaiveDate>(serde_json::json!(s)).map_err(|e| e.to_string())
    }

    fn ours_date(s: &str) -> Result<NaiveDate, String> {
        date(serde_json::json!(s)).map_err(|e| e.to_string())
    }

    fn chrono_stamp(s: &str) -> Result<Stamp, String> {
        serde_json::from_value::<Stamp>(serde_json::json!(s)).map_err(|e| e.to_string())
    }

    fn ours_stamp(s: &str) -> Result<Stamp, String> {
        stamp(serde_json::json!(s)).map_err(|e| e.to_string())
    }

    #[test]
    fn the_same_dates_and_the_same_refusals_as_chrono() {
        for s in [
            "2026-03-01",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "0000-01-01",
            "9999-12-31",
            "2026-3-1",
            "+2026-03-01",
            "+10000-01-01",
            "-0001-01-01",
            "2026-03-01 ",
            " 2026-03-01",
            "2026/03/01",
            "2026-03-0a",
            "",
            "20260301",
            "2026-03-01T00:00:00Z",
        ] {
            assert_eq!(ours_date(s), chrono_date(s), "{s:?}");
        }
        for s in [
            "2026-03-01T10:00:00Z",
            "2026-03-01T23:59:59Z",
            "2026-03-01T24:00:00Z",
            "2026-03-01T23:59:60Z",
            "2026-02-30T10:00:00Z",
            "2026-03-01T10:00:00.5Z",
            "2026-03-01T10:00:00+02:00",
            "2026-03-01t10:00:00z",
            "2026-03-01 10:00:00Z",
            "2026-03-01T10:00Z",
            "2026-03-01",
            "",
            "x",
        ] {
            assert_eq!(ours_stamp(s), chrono_stamp(s), "{s:?}");
        }
        // Not text at all: the same words as chrono.
        let n = serde_json::json!(20260301);
        assert_eq!(
            date(n.clone()).map_err(|e| e.to_string()),
            serde_json::from_value::<NaiveDate>(n).map_err(|e| e.to_string())
        );
    }
}

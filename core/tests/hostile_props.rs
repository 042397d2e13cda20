//! Property tests of the backup parser and the money arithmetic (issue 8, item 2), on
//! stable Rust: the parser never panics on arbitrary bytes nor on random mutations of a
//! valid file, and whatever it accepts is consistent; amounts survive formatting and
//! parsing, rounding stays within half a unit, totals add up, and absurd values give
//! errors, never panics. The same two entry points are fuzzed with `cargo fuzz`
//! (`core/fuzz/`, `scripts/fuzz.sh`).

use chrono::NaiveDate;
use cobro_core::backup::{self, export, parse, parse_bytes, validate, ParseOptions, MAX_ECHO_CHARS};
use cobro_core::demo::{generate, DemoSpec};
use cobro_core::model::{Dataset, Invoice, Lang, Line, VatRate};
use cobro_core::{money, tax};
use proptest::collection::vec;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::sync::OnceLock;

fn base() -> &'static (Dataset, String) {
    static BASE: OnceLock<(Dataset, String)> = OnceLock::new();
    BASE.get_or_init(|| {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let data = generate(DemoSpec {
            clients: 2,
            invoices: 6,
            seed: 11,
            today,
        });
        let at = today.and_hms_opt(9, 0, 0).expect("time").and_utc();
        let text = export(&data, at, "test").expect("export");
        (data, text)
    })
}

/// Whatever the parser says about `bytes`, it says it properly: an accepted file is
/// consistent and exports to a file that reads back the same; a refused one lists at
/// least one located problem, with a bounded message.
fn parse_is_sound(bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_bytes(bytes, ParseOptions::default()) {
        Ok(b) => {
            prop_assert!(validate(&b.data).is_empty(), "accepted inconsistent data");
            let again = export(&b.data, b.exported_at, &b.app_version).expect("export");
            prop_assert_eq!(parse(&again).map(|x| x.data).ok(), Some(b.data));
        }
        Err(e) => {
            prop_assert!(!e.problems.is_empty());
            for p in &e.problems {
                prop_assert!(p.path.starts_with('$'), "path {}", p.path);
                prop_assert!(p.to_string().chars().count() <= 2 * MAX_ECHO_CHARS + 400);
            }
        }
    }
    Ok(())
}

/// One random edit of a file's bytes.
#[derive(Debug, Clone)]
enum Edit {
    Set { at: usize, byte: u8 },
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Duplicate { at: usize, len: usize },
    Truncate { at: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<usize>();
    prop_oneof![
        (at, any::<u8>()).prop_map(|(at, byte)| Edit::Set { at, byte }),
        (at, 1usize..64).prop_map(|(at, len)| Edit::Delete { at, len }),
        (
            at,
            vec(
                prop_oneof![any::<u8>(), Just(b'"'), Just(b'{'), Just(b'['), Just(b',')],
                1..16
            )
        )
            .prop_map(|(at, bytes)| Edit::Insert { at, bytes }),
        (at, 1usize..256).prop_map(|(at, len)| Edit::Duplicate { at, len }),
        at.prop_map(|at| Edit::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let n = bytes.len().max(1);
    match edit {
        Edit::Set { at, byte } => {
            if let Some(b) = bytes.get_mut(at % n) {
                *b = *byte;
            }
        }
        Edit::Delete { at, len } => {
            let start = at % n;
            let end = (start + len).min(bytes.len());
            bytes.drain(start.min(end)..end);
        }
        Edit::Insert { at, bytes: new } => {
            let at = (at % n).min(bytes.len());
            bytes.splice(at..at, new.iter().copied());
        }
        Edit::Duplicate { at, len } => {
            let start = (at % n).min(bytes.len());
            let end = (start + len).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Edit::Truncate { at } => bytes.truncate(at % n),
    }
}

/// A random JSON value to put in place of a node of a valid file.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        "-?[0-9]{1,30}(\\.[0-9]{1,30})?".prop_map(Value::from),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::from),
            vec(("[a-z_]{1,12}", inner), 0..4).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replace the `n`-th node (depth-first, modulo the node count) of `v` with `new`.
fn replace_node(v: &mut Value, n: usize, new: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(m) => m.values().map(count).sum(),
            _ => 0,
        }
    }
    fn go(v: &mut Value, n: &mut usize, new: &mut Option<Value>) {
        if *n == 0 {
            if let Some(x) = new.take() {
                *v = x;
            }
            return;
        }
        *n -= 1;
        match v {
            Value::Array(a) => a.iter_mut().for_each(|x| go(x, n, new)),
            Value::Object(m) => m.values_mut().for_each(|x| go(x, n, new)),
            _ => {}
        }
    }
    let mut n = n % count(v);
    go(v, &mut n, &mut Some(new));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..2048)) {
        parse_is_sound(&bytes)?;
    }

    #[test]
    fn arbitrary_json_never_panics(v in json_value()) {
        parse_is_sound(v.to_string().as_bytes())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn byte_mutations_of_a_valid_file_never_panic(edits in vec(edit(), 1..4)) {
        let mut bytes = base().1.clone().into_bytes();
        for e in &edits {
            apply(&mut bytes, e);
        }
        parse_is_sound(&bytes)?;
    }

    #[test]
    fn node_mutations_of_a_valid_file_never_panic(n in any::<usize>(), new in json_value()) {
        let mut v: Value = serde_json::from_str(&base().1).expect("json");
        replace_node(&mut v, n, new);
        parse_is_sound(v.to_string().as_bytes())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// A file signed again after an edit (as an attacker who knows the format would sign it)
    /// takes the fast path, straight from its bytes; the per-record path must agree on whether
    /// it reads and on what it holds, or the fast path would let through what the checks refuse.
    #[test]
    fn a_signed_file_reads_the_same_by_either_path(n in any::<usize>(), new in json_value()) {
        let mut v: Value = serde_json::from_str(&base().1).expect("json");
        replace_node(&mut v, n, new);
        let Some(text) = backup::v2::reseal(&v.to_string()) else {
            return Ok(());
        };
        let fast = parse(&text);
        let slow = backup::open_text(&text, ParseOptions::default())
            .and_then(|o| backup::read_per_record(o, ParseOptions::default()));
        prop_assert_eq!(fast.is_ok(), slow.is_ok(), "fast {:?}\nslow {:?}", fast.as_ref().err(), slow.as_ref().err());
        prop_assert_eq!(fast.map(|b| b.data).ok(), slow.map(|b| b.data).ok());
    }
}

// ---------------------------------------------------------------- money

/// Any `Decimal` at all, from its raw parts, the absurd ones included.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
        .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
}

fn currency() -> impl Strategy<Value = String> {
    let codes: Vec<String> = money::currency_codes().map(str::to_string).collect();
    prop::sample::select(codes)
}

fn invoice_with(lines: Vec<Line>) -> Invoice {
    let mut inv = base().0.invoices.first().expect("an invoice").clone();
    inv.currency = "EUR".into();
    inv.lines = lines;
    inv.withholding_pct = Decimal::ZERO;
    inv.invoice_discount_pct = Decimal::ZERO;
    inv.early_payment = None;
    inv
}

fn line() -> impl Strategy<Value = Line> {
    (
        1i64..1000,
        0i64..10_000_000,
        prop::sample::select(vec![0u32, 4, 10, 21]),
    )
        .prop_map(|(qty, cents, vat)| Line {
            item_id: None,
            description: "x".into(),
            quantity: Decimal::from(qty),
            unit_price: Decimal::new(cents, 2),
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::from(vat)),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn absurd_amounts_never_panic(x in any_decimal(), y in any_decimal(), cur in currency()) {
        // Rounding, formatting and parsing of anything a file could carry.
        let r = money::round(x, &cur);
        if let Ok(r) = r {
            prop_assert!(r.scale() <= 4);
        }
        for lang in [Lang::Es, Lang::En] {
            let shown = money::format_amount(x, &cur, lang);
            prop_assert!(!shown.is_empty());
        }
        let _ = money::parse_amount(&x.to_string());
        let _ = money::check_amount("amount", x);
        // A document built from absurd values gives totals or an error, never a panic.
        let inv = invoice_with(vec![Line {
            item_id: None,
            description: "x".into(),
            quantity: x,
            unit_price: y,
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::from(21)),
        }]);
        if let Ok(t) = tax::invoice_totals(&inv) {
            prop_assert_eq!(t.total, t.base + t.vat_total - t.withholding);
            let _ = tax::early_payment_offer(&inv, &t);
        }
    }

    #[test]
    fn every_currency_round_trips_through_its_display(units in -10_000_000_000_000i64..10_000_000_000_000, cur in currency()) {
        let dp = money::minor_units(&cur).expect("known currency");
        let x = Decimal::new(units, dp);
        prop_assert_eq!(money::round(x, &cur), Ok(x));
        for lang in [Lang::Es, Lang::En] {
            let shown = money::format_amount(x, &cur, lang);
            // Keep the number only: drop the symbol or code and the spaces around it.
            let number: String = shown
                .chars()
                .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
                .collect();
            let parsed = money::parse_amount(&number);
            // "1.234" alone is read as a decimal (see parse_amount), so compare only when
            // the display cannot be read the other way: grouped thousands with decimals, or none.
            if dp > 0 || x.abs() < Decimal::from(1000) {
                prop_assert_eq!(parsed, Ok(x), "{} shown as {}", x, shown);
            }
        }
    }

    #[test]
    fn totals_are_additive_over_lines(a in vec(line(), 1..6), b in vec(line(), 1..6)) {
        let ta = tax::invoice_totals(&invoice_with(a.clone())).expect("totals a");
        let tb = tax::invoice_totals(&invoice_with(b.clone())).expect("totals b");
        let tab = tax::invoice_totals(&invoice_with([a, b].concat())).expect("totals a+b");
        // Line amounts are exact to the cent, so bases add up exactly.
        prop_assert_eq!(tab.gross, ta.gross + tb.gross);
        prop_assert_eq!(tab.base, ta.base + tb.base);
        // VAT is rounded once per rate on the group base: at most half a cent per rate
        // and per part, so the sum of the parts is off by at most a cent per rate.
        let rates = Decimal::from(4);
        prop_assert!((tab.vat_total - (ta.vat_total + tb.vat_total)).abs() <= rates * Decimal::new(1, 2));
        prop_assert_eq!(tab.total, tab.base + tab.vat_total);
    }
}

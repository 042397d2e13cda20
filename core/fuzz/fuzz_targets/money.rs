//! Any text typed as an amount, and any decimal a file could carry: parsing, rounding,
//! formatting and document totals answer, never panic, and keep their invariants.
#![no_main]

use cobro_core::model::{Lang, Line, VatRate};
use cobro_core::{money, tax};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|input: (&str, [u32; 6], bool, u8)| {
    let (text, parts, negative, scale) = input;
    if let Ok(x) = money::parse_amount(text) {
        assert!(x.abs() <= money::MAX_AMOUNT);
        for cur in ["EUR", "JPY", "BHD"] {
            let r = money::round(x, cur).expect("an amount within bounds rounds");
            assert_eq!(money::round(r, cur), Ok(r));
            let shown = money::format_amount(r, cur, Lang::Es);
            assert!(!shown.is_empty());
        }
    }
    let [lo, mid, hi, lo2, mid2, hi2] = parts;
    let scale = u32::from(scale % 29);
    let x = Decimal::from_parts(lo, mid, hi, negative, scale);
    let y = Decimal::from_parts(lo2, mid2, hi2, !negative, scale);
    let _ = money::round(x, "EUR");
    let _ = money::format_amount(x, "CLF", Lang::En);
    let line = Line {
        item_id: None,
        description: String::new(),
        quantity: x,
        unit_price: y,
        discount_pct: Decimal::ZERO,
        vat: VatRate::Rate(Decimal::from(21)),
    };
    if let Ok(t) = tax::totals(std::slice::from_ref(&line), Decimal::ZERO, Decimal::ZERO, "EUR") {
        assert_eq!(t.total, t.base + t.vat_total - t.withholding);
    }
});

//! The quarter's and the year's tax figures on hand-worked examples: VAT per rate, credit
//! notes in the quarter they are issued (one crossing a quarter), untaxed bases by kind and
//! place, withholding, the boxes of modelos 303 and 130, and the modelo 347 list with what
//! the form leaves out.

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::csv_export::Dialect;
use cobro_core::tax_csv;
use cobro_core::tax_figures::{self, classify, FormBox, Place, Quarter, TaxPeriod, Untaxed, UntaxedFigures};
use cobro_core::{Client, CreditNote, Dataset, Invoice, Lang, Line, VatRate};
use rust_decimal::Decimal;

mod common;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn t() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).expect("stamp")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn client(id: &str, name: &str, country: &str) -> Client {
    common::client_in(id, name, country, Lang::Es)
}

fn rate(price: &str, vat: &str) -> Line {
    Line {
        item_id: None,
        description: "Servicio".into(),
        quantity: Decimal::ONE,
        unit_price: dec(price),
        discount_pct: Decimal::ZERO,
        vat: VatRate::Rate(dec(vat)),
    }
}

fn untaxed(price: &str, reason: &str) -> Line {
    Line {
        vat: VatRate::Exempt(reason.into()),
        ..rate(price, "0")
    }
}

fn invoice(number: Option<&str>, client: &str, date: NaiveDate, lines: Vec<Line>) -> Invoice {
    Invoice {
        id: format!("id-{}", number.unwrap_or("draft")),
        series_id: "s".into(),
        number: number.map(Into::into),
        client_id: client.into(),
        po_number: String::new(),
        issue_date: date,
        delivery_date: None,
        due_date: date,
        currency: "EUR".into(),
        lines,
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
        updated_at: t(),
    }
}

/// Q1 and Q2 2027 of a freelancer, worked by hand below each figure.
///
/// | doc | date | client | lines | base | VAT | IRPF | total |
/// |---|---|---|---|---|---|---|---|
/// | F1 | 15/01 | A (ES) | 1 000 @ 21 % | 1 000 | 210 | – | 1 210 |
/// | F2 | 10/02 | B (ES) | 2 000 @ 21 %, IRPF 15 % | 2 000 | 420 | 300 | 2 120 |
/// | F3 | 20/03 | A (ES) | 500 @ 10 % + 200 @ 4 % | 700 | 58 | – | 758 |
/// | F4 | 25/03 | C (FR) | 800 not subject (art. 69) | 800 | 0 | – | 800 |
/// | F5 | 28/03 | D (US) | 300 not subject | 300 | 0 | – | 300 |
/// | F6 | 30/03 | D (US) | 99 USD | – | – | – | (other currency) |
/// | draft | 31/03 | A | 999 @ 21 % | never counted |
/// | R1 | 10/04 | A (ES) | credits 400 @ 21 % of F1 (Q1) | −400 | −84 | – | −484 |
/// | F7 | 12/05 | A (ES) | 2 000 @ 21 % | 2 000 | 420 | – | 2 420 |
fn books() -> Dataset {
    let mut f2 = invoice(Some("F2"), "B", d(2027, 2, 10), vec![rate("2000", "21")]);
    f2.withholding_pct = dec("15");
    let mut f6 = invoice(
        Some("F6"),
        "D",
        d(2027, 3, 30),
        vec![untaxed("99", "Not subject")],
    );
    f6.currency = "USD".into();
    let f1 = invoice(Some("F1"), "A", d(2027, 1, 15), vec![rate("1000", "21")]);
    let r1 = CreditNote {
        id: "cn-1".into(),
        series_id: "r".into(),
        number: Some("R1".into()),
        invoice_id: f1.id.clone(),
        client_id: "A".into(),
        issue_date: d(2027, 4, 10),
        reason: "Descuento acordado".into(),
        currency: "EUR".into(),
        lines: vec![rate("400", "21")],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: false,
        updated_at: t(),
    };
    Dataset {
        clients: vec![
            client("A", "Acme S.L.", "ES"),
            client("B", "Beta S.A.", "ES"),
            client("C", "Client France SARL", "FR"),
            client("D", "Delta Inc.", "US"),
        ],
        invoices: vec![
            f1,
            f2,
            invoice(
                Some("F3"),
                "A",
                d(2027, 3, 20),
                vec![rate("500", "10"), rate("200", "4")],
            ),
            invoice(
                Some("F4"),
                "C",
                d(2027, 3, 25),
                vec![untaxed("800", "Operación no sujeta (art. 69 LIVA)")],
            ),
            invoice(
                Some("F5"),
                "D",
                d(2027, 3, 28),
                vec![untaxed("300", "No sujeta: servicio prestado fuera de la UE")],
            ),
            f6,
            invoice(None, "A", d(2027, 3, 31), vec![rate("999", "21")]),
            invoice(Some("F7"), "A", d(2027, 5, 12), vec![rate("2000", "21")]),
        ],
        credit_notes: vec![r1],
        ..Dataset::default()
    }
}

fn q(year: i32, q: u8) -> TaxPeriod {
    TaxPeriod::Quarter(Quarter { year, q })
}

fn boxes(list: &[FormBox]) -> Vec<(&'static str, String)> {
    list.iter().map(|b| (b.number, b.amount.to_string())).collect()
}

#[test]
fn the_first_quarter_rate_by_rate() {
    let f = tax_figures::figures(&books(), q(2027, 1)).expect("figures");
    let rates: Vec<(String, String, String)> = f
        .rates
        .iter()
        .map(|r| (r.rate.to_string(), r.base.to_string(), r.quota.to_string()))
        .collect();
    assert_eq!(
        rates,
        vec![
            ("21".into(), "3000.00".into(), "630.00".into()), // F1 + F2
            ("10".into(), "500.00".into(), "50.00".into()),   // F3
            ("4".into(), "200.00".into(), "8.00".into()),     // F3
        ]
    );
    assert!(f.rates.iter().all(|r| r.corrections_base.is_zero()));
    assert_eq!(
        f.untaxed,
        vec![
            UntaxedFigures {
                kind: Untaxed::NotSubject,
                reason: "Operación no sujeta (art. 69 LIVA)".into(),
                place: Place::Eu,
                base: dec("800.00"),
            },
            UntaxedFigures {
                kind: Untaxed::NotSubject,
                reason: "No sujeta: servicio prestado fuera de la UE".into(),
                place: Place::World,
                base: dec("300.00"),
            },
        ]
    );
    assert_eq!(f.withholding, dec("300.00"), "F2: 15 % of 2 000");
    assert_eq!(f.withheld_base, dec("2000.00"));
    assert_eq!(f.base, dec("4800.00"), "1 000 + 2 000 + 700 + 800 + 300");
    assert_eq!(f.vat, dec("688.00"), "630 + 50 + 8");
    assert_eq!(f.total, dec("5188.00"), "1 210 + 2 120 + 758 + 800 + 300");
    assert_eq!(
        (f.invoices, f.credit_notes),
        (5, 0),
        "the draft and the USD one are not in"
    );
    assert_eq!(f.other_currencies, vec![("USD".into(), 1, dec("99.00"))]);
    assert_eq!(
        boxes(&f.boxes_303()),
        vec![
            ("01", "200.00".into()),
            ("02", "4".into()),
            ("03", "8.00".into()),
            ("04", "500.00".into()),
            ("05", "10".into()),
            ("06", "50.00".into()),
            ("07", "3000.00".into()),
            ("08", "21".into()),
            ("09", "630.00".into()),
            ("27", "688.00".into()),
            ("59", "800.00".into()),
            ("120", "300.00".into()),
        ]
    );
}

#[test]
fn a_credit_note_counts_in_the_quarter_it_is_issued_not_the_invoice_s() {
    let data = books();
    let q1 = tax_figures::figures(&data, q(2027, 1)).expect("q1");
    let q2 = tax_figures::figures(&data, q(2027, 2)).expect("q2");
    assert_eq!(q1.vat, dec("688.00"), "F1 stays whole in Q1");
    let r21 = q2.rates.first().expect("21 %");
    assert_eq!(r21.rate, dec("21"));
    assert_eq!((r21.base, r21.quota), (dec("2000.00"), dec("420.00")), "F7");
    assert_eq!(
        (r21.corrections_base, r21.corrections_quota),
        (dec("-400.00"), dec("-84.00")),
        "R1, credited from Q1's F1"
    );
    assert_eq!(r21.net_base(), dec("1600.00"));
    assert_eq!(q2.vat, dec("336.00"), "420 − 84");
    assert_eq!(q2.total, dec("1936.00"), "2 420 − 484");
    assert_eq!((q2.invoices, q2.credit_notes), (1, 1));
    assert_eq!(
        boxes(&q2.boxes_303()),
        vec![
            ("07", "2000.00".into()),
            ("08", "21".into()),
            ("09", "420.00".into()),
            ("14", "-400.00".into()),
            ("15", "-84.00".into()),
            ("27", "336.00".into()),
        ]
    );
    // The year (modelo 390) is the two quarters together.
    let year = tax_figures::figures(&data, TaxPeriod::Year(2027)).expect("year");
    assert_eq!(year.vat, q1.vat + q2.vat);
    assert_eq!(
        year.base,
        dec("6400.00"),
        "the volume of operations: 4 800 + 2 000 − 400"
    );
}

#[test]
fn modelo_130_counts_from_the_first_of_january() {
    let data = books();
    let q1 = tax_figures::figures_130(&data, Quarter { year: 2027, q: 1 }).expect("q1");
    assert_eq!((q1.income, q1.withholding), (dec("4800.00"), dec("300.00")));
    let q2 = tax_figures::figures_130(&data, Quarter { year: 2027, q: 2 }).expect("q2");
    assert_eq!(q2.income, dec("6400.00"), "4 800 + 2 000 − 400");
    assert_eq!(q2.withholding, dec("300.00"));
    // 2 000 of 6 400 had withholding: 31.25 % → 31.3 (half away from zero).
    assert_eq!(q2.withheld_share, Some(dec("31.3")));
    let empty = tax_figures::figures_130(&data, Quarter { year: 2026, q: 4 }).expect("empty");
    assert_eq!(empty.withheld_share, None);
}

#[test]
fn modelo_347_lists_spanish_clients_over_3005_06_with_vat_and_leaves_out_what_the_form_does() {
    let mut data = books();
    // E's year comes to exactly 3 005,06 with VAT (2 483,52 + 521,54): not over, not listed.
    data.clients.push(client("E", "Exacta S.L.", "ES"));
    data.invoices.push(invoice(
        Some("F8"),
        "E",
        d(2027, 7, 1),
        vec![rate("2483.52", "21")],
    ));
    // F's is one cent more, in two quarters: listed, split.
    data.clients.push(client("F", "Foxtrot S.L.", ""));
    data.invoices
        .push(invoice(Some("F9"), "F", d(2027, 8, 1), vec![rate("2000", "21")]));
    data.invoices.push(invoice(
        Some("F10"),
        "F",
        d(2027, 11, 1),
        vec![rate("483.53", "21")],
    ));
    let list = tax_figures::list_347(&data, 2027).expect("347");
    let rows: Vec<(&str, [String; 4], String)> = list
        .clients
        .iter()
        .map(|c| {
            (
                c.client_id.as_str(),
                c.quarters.map(|x| x.to_string()),
                c.total.to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            // A: Q1 1 210 + 758; Q2 2 420 − 484 (R1).
            (
                "A",
                ["1968.00".into(), "1936.00".into(), "0".into(), "0".into()],
                "3904.00".into()
            ),
            // F: 2 420 in Q3, 585,07 (483,53 + 101,54) in Q4.
            (
                "F",
                ["0".into(), "0".into(), "2420.00".into(), "585.07".into()],
                "3005.07".into()
            ),
        ]
    );
    assert_eq!(list.below, 1, "E, at exactly the threshold");
    assert_eq!(list.left_out_withholding, 1, "F2: B declares it in its 190");
    assert_eq!(list.left_out_abroad, 2, "F4 (France, 349) and F5 (United States)");
    assert_eq!(list.left_out_currency, 1, "F6 in USD");
    assert_eq!(list.clients[0].tax_id, "NIF-A");
}

#[test]
fn untaxed_reasons_are_read_as_the_forms_tell_them_apart() {
    assert_eq!(
        classify("Operación no sujeta (art. 69 LIVA)"),
        Untaxed::NotSubject
    );
    assert_eq!(classify("Not subject to Spanish VAT"), Untaxed::NotSubject);
    assert_eq!(
        classify("Inversión del sujeto pasivo (art. 84 LIVA)"),
        Untaxed::ReverseCharge
    );
    assert_eq!(
        classify("Exenta art. 20.Uno.9º LIVA (enseñanza)"),
        Untaxed::Exempt
    );
    assert_eq!(classify("Exportación, exenta art. 21 LIVA"), Untaxed::Exempt);
    assert_eq!(tax_figures::place(Some(&client("x", "x", "de"))), Place::Eu);
    assert_eq!(tax_figures::place(Some(&client("x", "x", ""))), Place::Spain);
    assert_eq!(tax_figures::place(Some(&client("x", "x", "GB"))), Place::World);
    // "Inversión del sujeto pasivo" on an invoice to an EU business is an intra-community
    // service ([59]); [122] is only for operations subject in Spain (art. 84.Uno.2º LIVA).
    let base = |kind, place| UntaxedFigures {
        kind,
        place,
        reason: String::new(),
        base: Decimal::ZERO,
    };
    let boxes: Vec<Option<&str>> = [
        (Untaxed::ReverseCharge, Place::Spain),
        (Untaxed::ReverseCharge, Place::Eu),
        (Untaxed::ReverseCharge, Place::World),
        (Untaxed::NotSubject, Place::Eu),
        (Untaxed::NotSubject, Place::World),
        (Untaxed::Exempt, Place::World),
        (Untaxed::Exempt, Place::Spain),
    ]
    .into_iter()
    .map(|(k, p)| base(k, p).box_303())
    .collect();
    assert_eq!(
        boxes,
        vec![
            Some("122"),
            Some("59"),
            Some("120"),
            Some("59"),
            Some("120"),
            Some("60"),
            None
        ]
    );
}

#[test]
fn quarters_know_their_days() {
    let q = Quarter::of(d(2028, 2, 29));
    assert_eq!(q, Quarter { year: 2028, q: 1 });
    assert_eq!((q.first_day(), q.last_day()), (d(2028, 1, 1), d(2028, 3, 31)));
    assert_eq!(Quarter { year: 2027, q: 4 }.last_day(), d(2027, 12, 31));
    assert_eq!(q.previous(), Quarter { year: 2027, q: 4 });
    assert_eq!(Quarter { year: 2027, q: 4 }.next(), Quarter { year: 2028, q: 1 });
    // While a quarter's forms are being filed (up to 30 days on), that quarter is shown.
    assert_eq!(Quarter::to_show(d(2027, 4, 20)), Quarter { year: 2027, q: 1 });
    assert_eq!(Quarter::to_show(d(2027, 1, 30)), Quarter { year: 2026, q: 4 });
    assert_eq!(Quarter::to_show(d(2027, 5, 1)), Quarter { year: 2027, q: 2 });
}

#[test]
fn the_document_list_lets_a_hand_check_add_up() {
    let data = books();
    let rows = tax_figures::document_rows(&data, q(2027, 2)).expect("rows");
    let numbers: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, vec!["R1", "F7"]);
    assert!(rows[0].credit_note);
    let vat: Decimal = rows.iter().map(|r| r.vat).sum();
    assert_eq!(vat, tax_figures::figures(&data, q(2027, 2)).expect("q2").vat);
}

#[test]
fn the_csv_in_both_dialects_carries_the_boxes() {
    let data = books();
    let quarter = Quarter { year: 2027, q: 2 };
    let f = tax_figures::figures(&data, TaxPeriod::Quarter(quarter)).expect("q2");
    let m = tax_figures::figures_130(&data, quarter).expect("130");
    let comma = tax_csv::figures_csv(&f, Some(&m), Dialect::Comma, Lang::En);
    assert_eq!(
        comma,
        "Form,Box,Concept,Rate %,Base,Amount\r\n\
         303,07-09,VAT charged,21,2000.00,420.00\r\n\
         303,14-15,Corrections (credit notes),21,-400.00,-84.00\r\n\
         303,27,Total VAT charged,,,336.00\r\n\
         390,,Volume of operations (every base),,1600.00,\r\n\
         ,,Income tax withheld by clients,,0.00,0.00\r\n\
         ,,Total invoiced,,,1936.00\r\n\
         130,01,Income of the year to the quarter,,,6400.00\r\n\
         130,06,Withholding of the year to the quarter,,,300.00\r\n"
    );
    let semi = tax_csv::figures_csv(&f, None, Dialect::Semicolon, Lang::Es);
    assert!(semi.starts_with("\u{feff}Modelo;Casilla;Concepto;Tipo %;Base;Importe\r\n"));
    assert!(semi.contains("303;14-15;Rectificaciones (facturas rectificativas);21;-400,00;-84,00\r\n"));
    assert!(!semi.contains("130;"), "the 130 rows only when asked for");
    let q1 = tax_figures::figures(&data, TaxPeriod::Quarter(Quarter { year: 2027, q: 1 })).expect("q1");
    let q1_csv = tax_csv::figures_csv(&q1, None, Dialect::Semicolon, Lang::Es);
    assert!(q1_csv.contains("303;59;No sujeta (UE): Operación no sujeta (art. 69 LIVA);;800,00;\r\n"));
    assert!(q1_csv.contains(";;No incluidas: 1 en USD (convertir a euros);;;99,00\r\n"));
    let list = tax_figures::list_347(&data, 2027).expect("347");
    assert_eq!(
        tax_csv::list_347_csv(&list, Dialect::Semicolon, Lang::Es),
        "\u{feff}NIF;Cliente;1T;2T;3T;4T;Total anual\r\nNIF-A;Acme S.L.;1968,00;1936,00;0,00;0,00;3904,00\r\n"
    );
}

/// The app's demo (its spec in `state.rs`) shows real figures: issued invoices in each of the
/// eight whole quarters before the day it is loaded, whatever that day.
#[test]
fn the_demo_has_figures_in_every_quarter_of_two_years() {
    for today in [d(2026, 1, 2), d(2026, 11, 20), d(2027, 6, 30), d(2028, 3, 1)] {
        let data = cobro_core::demo::generate(cobro_core::demo::DemoSpec {
            clients: 12,
            invoices: 120,
            seed: 2026,
            today,
        });
        let mut quarter = Quarter::of(today).previous();
        let mut withheld = Decimal::ZERO;
        for _ in 0..8 {
            let f = tax_figures::figures(&data, TaxPeriod::Quarter(quarter)).expect("figures");
            assert!(f.invoices > 0, "{quarter:?} of the demo on {today}");
            withheld += f.withholding;
            quarter = quarter.previous();
        }
        assert!(withheld > Decimal::ZERO, "some withholding on {today}");
        assert_eq!(data.recurring.len(), 2);
    }
}

//! The statutory late-payment claim (Ley 3/2004): interest per semester at the published rate,
//! actual/365, on the amount owed each day, to the cent, checked against examples worked by
//! hand; and the formal letter that claims it, built as a printable view model.

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::late_interest::{self, Rates};
use cobro_core::ledger::Ledger;
use cobro_core::letter;
use cobro_core::{
    Address, BusinessProfile, Channel, Client, CollectionPolicy, Dataset, Dispute, Invoice, Lang, Line,
    Payment, PaymentMethod, PaymentMethodKind, SemesterRate, Sending, VatRate,
};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_000_000, 0).expect("stamp")
}

fn shipped() -> Rates {
    Rates::with(&[])
}

#[test]
fn the_shipped_rates_are_the_published_ones_and_the_users_win() {
    let r = shipped();
    assert_eq!(r.on(d("2024-03-01")), Some((dec("12.50"), false)));
    assert_eq!(r.on(d("2024-07-01")), Some((dec("12.25"), false)));
    assert_eq!(r.on(d("2025-06-30")), Some((dec("11.15"), false)));
    assert_eq!(r.on(d("2025-07-01")), Some((dec("10.15"), false)));
    assert_eq!(r.on(d("2020-02-29")), Some((dec("8.00"), false)));
    // A semester with no published rate yet: the latest one, said to be an estimate.
    assert_eq!(r.on(d("2026-08-01")), Some((dec("10.15"), true)));
    // Every rate is the ECB's plus 8 points: none below 8 %.
    assert!(r.table().iter().all(|s| s.rate_pct >= dec("8")));
    assert!(r
        .table()
        .windows(2)
        .all(|w| (w[0].year, w[0].half) < (w[1].year, w[1].half)));
    assert!(
        r.table().iter().all(|s| !s.source.is_empty()),
        "every rate says where it comes from"
    );
    let mine = Rates::with(&[SemesterRate {
        year: 2026,
        half: 2,
        rate_pct: dec("9.50"),
        source: "BOE de julio de 2026".into(),
    }]);
    assert_eq!(mine.on(d("2026-08-01")), Some((dec("9.50"), false)));
    assert_eq!(mine.on(d("2026-03-01")), Some((dec("10.15"), false)));
}

/// 1 000,00 € due 31 May 2025, claimed on 15 July 2025:
/// 1–30 June, 30 days at 11,15 %: 1 000 × 11,15 × 30 / 36 500 = 9,1643… → 9,16;
/// 1–15 July, 15 days at 10,15 %: 1 000 × 10,15 × 15 / 36 500 = 4,1712… → 4,17; total 13,33.
#[test]
fn interest_across_two_semesters_by_hand() {
    let i = late_interest::interest(
        d("2025-05-31"),
        d("2025-07-15"),
        &[(d("2025-05-31"), dec("1000.00"))],
        &shipped(),
        "EUR",
    )
    .expect("interest");
    let parts: Vec<(NaiveDate, NaiveDate, i64, Decimal, Decimal)> = i
        .accruals
        .iter()
        .map(|a| (a.from, a.to, a.days, a.rate_pct, a.interest))
        .collect();
    assert_eq!(
        parts,
        vec![
            (d("2025-06-01"), d("2025-06-30"), 30, dec("11.15"), dec("9.16")),
            (d("2025-07-01"), d("2025-07-15"), 15, dec("10.15"), dec("4.17")),
        ]
    );
    assert_eq!(i.total, dec("13.33"));
    assert!(!i.estimated);
}

/// 2 420,00 € due 15 March 2024 (12,50 % all along), 1 000 paid on 10 April, claimed on
/// 30 April: 16 March–10 April (the payment day still on the old base), 26 days on 2 420:
/// 2 420 × 12,5 × 26 / 36 500 = 21,547… → 21,55; 11–30 April, 20 days on 1 420:
/// 1 420 × 12,5 × 20 / 36 500 = 9,726… → 9,73; total 31,28. 2024 is a leap year: still 365.
#[test]
fn interest_on_what_is_owed_each_day_after_a_partial_payment_by_hand() {
    let i = late_interest::interest(
        d("2024-03-15"),
        d("2024-04-30"),
        &[
            (d("2024-03-15"), dec("2420.00")),
            (d("2024-04-10"), dec("1420.00")),
        ],
        &shipped(),
        "EUR",
    )
    .expect("interest");
    let parts: Vec<(i64, Decimal, Decimal)> =
        i.accruals.iter().map(|a| (a.days, a.base, a.interest)).collect();
    assert_eq!(
        parts,
        vec![
            (26, dec("2420.00"), dec("21.55")),
            (20, dec("1420.00"), dec("9.73"))
        ]
    );
    assert_eq!(i.total, dec("31.28"));
}

/// Days in a semester with no published rate use the latest one and say so; a rate the user
/// entered replaces the estimate. 500 € due 20 June 2026, claimed 10 July 2026:
/// 21–30 June, 10 days at 10,15 %: 1,3904… → 1,39; 1–10 July, 10 days: 1,39 at the estimated
/// 10,15 %, or 500 × 9,5 × 10 / 36 500 = 1,3013… → 1,30 at the user's 9,50 %.
#[test]
fn an_unknown_semester_uses_the_latest_rate_and_says_so() {
    let owed = [(d("2026-06-20"), dec("500"))];
    let i = late_interest::interest(d("2026-06-20"), d("2026-07-10"), &owed, &shipped(), "EUR")
        .expect("interest");
    assert_eq!(i.total, dec("2.78"));
    assert!(i.estimated);
    assert_eq!(
        i.accruals.iter().map(|a| a.estimated).collect::<Vec<_>>(),
        [false, true]
    );
    let mine = Rates::with(&[SemesterRate {
        year: 2026,
        half: 2,
        rate_pct: dec("9.50"),
        source: String::new(),
    }]);
    let i = late_interest::interest(d("2026-06-20"), d("2026-07-10"), &owed, &mine, "EUR").expect("interest");
    assert_eq!(i.total, dec("2.69"));
    assert!(!i.estimated);
}

/// Half a cent is rounded away from zero: 1,25 € at 10 % for 73 days (1 January–14 March
/// 2027) is exactly 0,025 → 0,03.
#[test]
fn half_a_cent_rounds_away_from_zero() {
    let rates = Rates::with(&[SemesterRate {
        year: 2027,
        half: 1,
        rate_pct: dec("10"),
        source: String::new(),
    }]);
    let i = late_interest::interest(
        d("2026-12-31"),
        d("2027-03-14"),
        &[(d("2026-12-31"), dec("1.25"))],
        &rates,
        "EUR",
    )
    .expect("interest");
    assert_eq!(i.accruals.iter().map(|a| a.days).sum::<i64>(), 73);
    assert_eq!(i.total, dec("0.03"));
}

#[test]
fn no_interest_before_or_on_the_due_date_nor_on_nothing_owed() {
    let rates = shipped();
    let none = late_interest::interest(
        d("2025-05-31"),
        d("2025-05-31"),
        &[(d("2025-05-31"), dec("100"))],
        &rates,
        "EUR",
    )
    .expect("interest");
    assert!(none.accruals.is_empty() && none.total.is_zero());
    // Paid in full on 10 June: interest to 10 June only.
    let paid = late_interest::interest(
        d("2025-05-31"),
        d("2025-07-31"),
        &[(d("2025-05-31"), dec("1000")), (d("2025-06-10"), dec("0"))],
        &rates,
        "EUR",
    )
    .expect("interest");
    // 1 000 × 11,15 × 10 / 36 500 = 3,0547… → 3,05.
    assert_eq!(paid.total, dec("3.05"));
    assert_eq!(late_interest::COMPENSATION_EUR, dec("40"));
}

fn client(id: &str, lang: Lang) -> Client {
    Client {
        archived: false,
        id: id.into(),
        legal_name: "Talleres Peña, S.L.".into(),
        tax_id: "B12345678".into(),
        address: Address {
            street: "Calle Mayor 1".into(),
            postal_code: "28013".into(),
            city: "Madrid".into(),
            region: "Madrid".into(),
            country: "ES".into(),
        },
        ap_contact_name: "Marta Ruiz".into(),
        ap_contact_email: "ap@talleres.example".into(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec!["pm".into()],
        currency: "EUR".into(),
        language: lang,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        updated_at: t0(),
    }
}

fn invoice(id: &str, number: &str, amount: &str, issue: &str, due: &str) -> Invoice {
    Invoice {
        id: id.into(),
        series_id: "s".into(),
        number: Some(number.into()),
        client_id: "c1".into(),
        po_number: String::new(),
        issue_date: d(issue),
        delivery_date: None,
        due_date: d(due),
        currency: "EUR".into(),
        lines: vec![Line {
            item_id: None,
            description: "work".into(),
            quantity: Decimal::ONE,
            unit_price: dec(amount),
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::ZERO),
        }],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec!["pm".into()],
        notes: String::new(),
        quote_id: None,
        sent: Some(Sending {
            date: d(issue),
            channel: Channel::Email,
        }),
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: t0(),
    }
}

fn business() -> Dataset {
    Dataset {
        profile: BusinessProfile {
            name: "Estudio Lumen".into(),
            tax_id: "12345678Z".into(),
            address: Address {
                street: "Calle del Prado 4".into(),
                postal_code: "28014".into(),
                city: "Madrid".into(),
                region: String::new(),
                country: "ES".into(),
            },
            email: "hola@lumen.example".into(),
            ..BusinessProfile::default()
        },
        payment_methods: vec![PaymentMethod {
            archived: false,
            id: "pm".into(),
            label: "Banco".into(),
            kind: PaymentMethodKind::BankTransfer {
                iban: "ES9121000418450200051332".into(),
                bic: String::new(),
                holder: String::new(),
                bank: String::new(),
            },
            updated_at: t0(),
        }],
        clients: vec![client("c1", Lang::Es)],
        invoices: vec![
            invoice("a", "F2024-0007", "2420.00", "2024-02-14", "2024-03-15"),
            invoice("b", "F2025-0011", "1000.00", "2025-05-01", "2025-05-31"),
            // Not yet due on the letter's date: not claimed.
            invoice("c", "F2025-0020", "300.00", "2025-07-01", "2025-07-31"),
        ],
        payments: vec![Payment {
            closed_steps: Vec::new(),
            early_discount: None,
            voided: None,
            id: "p".into(),
            invoice_id: "a".into(),
            date: d("2024-04-10"),
            amount: dec("1000.00"),
            method_id: None,
            note: String::new(),
            updated_at: t0(),
        }],
        ..Dataset::default()
    }
}

/// The letter lists every overdue invoice of the client with its interest to the letter's
/// date and the 40 € per invoice, adds them up, and says how to pay and what to quote.
#[test]
fn the_formal_letter_claims_each_overdue_invoice_with_interest_and_compensation() {
    let data = business();
    let ledger = Ledger::new(&data);
    let l = letter::letter(&ledger, &data.profile, "b", d("2025-07-15")).expect("a letter");
    assert_eq!(l.lang, Lang::Es);
    assert_eq!(l.place_and_date, "Madrid, 15 de julio de 2025");
    assert_eq!(l.recipient.name, "Talleres Peña, S.L.");
    assert_eq!(
        l.recipient.address,
        ["Calle Mayor 1", "28013 Madrid", "Madrid, ES"]
    );
    assert_eq!(l.recipient.contact, ["A la atención de Marta Ruiz"]);
    assert_eq!(l.sender.tax_id, "NIF: 12345678Z");
    assert!(l.claim);
    let rows: Vec<(&str, i64, &str, &str, &str)> = l
        .rows
        .iter()
        .map(|r| {
            (
                r.number.as_str(),
                r.days_late,
                r.owed.as_str(),
                r.interest.as_str(),
                r.compensation.as_str(),
            )
        })
        .collect();
    // F2024-0007: 2 420 at 12,5 % to 10 April 2024 (21,55), then 1 420 from 11 April 2024 to
    // 15 July 2025 at each semester's rate; F2025-0011: 13,33 as worked by hand above.
    let a_interest = late_interest::interest(
        d("2024-03-15"),
        d("2025-07-15"),
        &[
            (d("2024-03-15"), dec("2420.00")),
            (d("2024-04-10"), dec("1420.00")),
        ],
        &Rates::with(&[]),
        "EUR",
    )
    .expect("interest");
    // 11 Apr–30 Jun 2024 (81 d, 12,50 %): 39,39; H2 2024 (184 d, 12,25 %): 87,69;
    // H1 2025 (181 d, 11,15 %): 1 420 × 11,15 × 181 / 36 500 = 78,514… → 78,51;
    // 1–15 Jul 2025 (15 d, 10,15 %): 5,92. Total 233,06.
    let parts: Vec<Decimal> = a_interest.accruals.iter().map(|a| a.interest).collect();
    assert_eq!(
        parts,
        [
            dec("21.55"),
            dec("39.39"),
            dec("87.69"),
            dec("78.51"),
            dec("5.92")
        ]
    );
    assert_eq!(a_interest.total, dec("233.06"));
    assert_eq!(
        rows,
        vec![
            ("F2024-0007", 487, "1.420,00 €", "233,06 €", "40,00 €"),
            ("F2025-0011", 45, "1.000,00 €", "13,33 €", "40,00 €"),
        ]
    );
    assert_eq!(l.totals.len(), 1);
    let t = &l.totals[0];
    // 2 420,00 + 246,39 + 80,00 = 2 746,39.
    assert_eq!(
        (
            t.owed.as_str(),
            t.interest.as_str(),
            t.compensation.as_str(),
            t.total.as_str()
        ),
        ("2.420,00 €", "246,39 €", "80,00 €", "2.746,39 €")
    );
    assert_eq!(t.total_amount, dec("2746.39"));
    assert!(l.subject.contains("F2024-0007, F2025-0011"), "{}", l.subject);
    assert!(l
        .intro
        .iter()
        .any(|p| p.contains("Ley 3/2004") && p.contains("40 euros")));
    assert!(
        l.basis
            .iter()
            .any(|b| b == "Primer semestre de 2024: 12,5 % anual"),
        "{:?}",
        l.basis
    );
    assert!(l.basis.iter().any(|b| b.contains("365 días")));
    assert!(!l.estimated_rate);
    assert_eq!(
        l.how_to_pay,
        [
            "Transferencia: IBAN ES91 2100 0418 4502 0005 1332",
            "Indique como concepto: F2024-0007, F2025-0011"
        ]
    );
    assert_eq!(l.closing, "Atentamente,");
}

/// A consumer client (the client's own policy turns the claim off): the letter demands what is
/// owed, without interest, compensation or the law; in the client's language.
#[test]
fn a_letter_to_a_consumer_claims_no_interest() {
    let mut data = business();
    data.clients[0].language = Lang::En;
    data.clients[0].policy_override = Some(CollectionPolicy {
        late_payment_claim: false,
        ..CollectionPolicy::default()
    });
    let ledger = Ledger::new(&data);
    let l = letter::letter(&ledger, &data.profile, "a", d("2025-07-15")).expect("a letter");
    assert!(!l.claim);
    assert_eq!(l.lang, Lang::En);
    assert_eq!(l.place_and_date, "Madrid, 15 July 2025");
    assert!(l
        .rows
        .iter()
        .all(|r| r.interest.is_empty() && r.compensation.is_empty()));
    assert_eq!(l.totals[0].total, "€2,420.00");
    assert!(l.basis.is_empty());
    assert!(!l.intro.iter().chain(&l.outro).any(|p| p.contains("3/2004")));
    assert!(l.subject.starts_with("Formal demand for payment of invoices"));
}

/// Disputed, closed or not yet overdue invoices are not claimed; nothing to claim, no letter.
#[test]
fn only_overdue_invoices_in_follow_up_are_claimed() {
    let mut data = business();
    data.invoices[0].disputes.push(Dispute {
        opened: d("2024-04-01"),
        reason: "hours".into(),
        resolved: None,
    });
    let ledger = Ledger::new(&data);
    let l = letter::letter(&ledger, &data.profile, "b", d("2025-07-15")).expect("a letter");
    assert_eq!(
        l.rows.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(),
        ["F2025-0011"]
    );
    assert_eq!(l.subject, "Requerimiento formal de pago de la factura F2025-0011");
    assert!(
        letter::letter(&ledger, &data.profile, "c", d("2025-05-15")).is_none(),
        "nothing overdue yet"
    );
}

#[test]
fn settings_keep_only_the_rates_that_differ_from_the_shipped_ones() {
    let shipped = Rates::with(&[]);
    assert!(
        late_interest::user_entries(shipped.table()).is_empty(),
        "a table left as shipped keeps nothing"
    );
    let mut edited = shipped.table().to_vec();
    edited[3].rate_pct = dec("9.99");
    edited.push(SemesterRate {
        year: 2026,
        half: 2,
        rate_pct: dec("9.50"),
        source: "BOE".into(),
    });
    let kept = late_interest::user_entries(&edited);
    assert_eq!(kept.len(), 2);
    assert_eq!(
        (kept[0].year, kept[0].half, kept[0].rate_pct),
        (edited[3].year, edited[3].half, dec("9.99"))
    );
    assert_eq!((kept[1].year, kept[1].half), (2026, 2));
    let bad = |year, half, rate: &str| {
        late_interest::check(&SemesterRate {
            year,
            half,
            rate_pct: dec(rate),
            source: String::new(),
        })
    };
    assert_eq!(bad(2026, 3, "10"), Err(late_interest::RateProblem::Half));
    assert_eq!(bad(2026, 1, "-1"), Err(late_interest::RateProblem::Rate));
    assert_eq!(bad(1999, 1, "10"), Err(late_interest::RateProblem::Year));
    assert_eq!(bad(2026, 1, "10.15"), Ok(()));
}

/// Invoices in another currency: their interest in that currency, the 40 € each in a euro
/// total of its own (compensation is fixed in euros).
#[test]
fn the_compensation_stays_in_euros_for_invoices_in_other_currencies() {
    let mut data = business();
    for inv in &mut data.invoices {
        inv.currency = "USD".into();
    }
    data.clients[0].currency = "USD".into();
    let ledger = Ledger::new(&data);
    let l = letter::letter(&ledger, &data.profile, "b", d("2025-07-15")).expect("a letter");
    let totals: Vec<(&str, &str, &str, &str)> = l
        .totals
        .iter()
        .map(|t| {
            (
                t.currency.as_str(),
                t.owed.as_str(),
                t.compensation.as_str(),
                t.total.as_str(),
            )
        })
        .collect();
    assert_eq!(
        totals,
        [
            ("EUR", "0,00 €", "80,00 €", "80,00 €"),
            ("USD", "2.420,00 $", "", "2.666,39 $"),
        ]
    );
}

/// The letter is drawn by the one document component: as a `DocumentView` it keeps every
/// figure and text of the letter, the business and the client as the parties, a row per
/// invoice keyed by its number, the sums as totals, and no number of its own.
#[test]
fn the_letter_is_a_document_like_the_others() {
    use cobro_core::document::{DocumentKind, TotalKind};
    let data = business();
    let ledger = Ledger::new(&data);
    let l = letter::letter(&ledger, &data.profile, "b", d("2025-07-15")).expect("a letter");
    let doc = l.document();
    assert_eq!(doc.kind, DocumentKind::Letter);
    assert_eq!(doc.lang, Lang::Es);
    assert_eq!(doc.title, "Requerimiento de pago");
    assert!(!doc.numbered);
    assert!(doc.number.is_empty());
    assert_eq!(doc.seller.name, "Estudio Lumen");
    assert_eq!(doc.seller.tax_id, "NIF: 12345678Z");
    assert_eq!(doc.buyer.name, "Talleres Peña, S.L.");
    assert_eq!(doc.buyer.contact, ["A la atención de Marta Ruiz"]);
    assert!(doc.seller.heading.is_empty() && doc.buyer.heading.is_empty());
    assert!(doc.verification.is_none() && doc.payment.is_none());

    let table = doc.table.as_ref().expect("the invoices claimed");
    let keys: Vec<&str> = table.columns.iter().map(|c| c.key).collect();
    assert_eq!(
        keys,
        [
            "invoice",
            "issued",
            "due",
            "days-late",
            "owed",
            "interest",
            "compensation"
        ]
    );
    let rows: Vec<(Option<&str>, &str, &str)> = table
        .rows
        .iter()
        .map(|r| (r.key.as_deref(), r.cells[3].as_str(), r.cells[5].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (Some("F2024-0007"), "487", "233,06 €"),
            (Some("F2025-0011"), "45", "13,33 €"),
        ]
    );
    let totals: Vec<(TotalKind, &str, &str)> = doc
        .totals
        .iter()
        .map(|t| (t.kind, t.label.as_str(), t.amount.as_str()))
        .collect();
    assert_eq!(
        totals,
        [
            (TotalKind::Other, "Pendiente", "2.420,00 €"),
            (TotalKind::Other, "Intereses de demora", "246,39 €"),
            (TotalKind::Other, "Indemnización", "80,00 €"),
            (TotalKind::Total, "Total", "2.746,39 €"),
        ]
    );
    assert_eq!(doc.total(), Some(dec("2746.39")));

    let intro: Vec<&str> = doc.intro.iter().map(|s| s.key).collect();
    assert_eq!(intro, ["dateline", "subject", "greeting", "body"]);
    let after: Vec<&str> = doc.sections.iter().map(|s| s.key).collect();
    assert_eq!(after, ["basis", "how-to-pay", "outro", "closing", "signature"]);
    // Everything the letter says is in the document, in the same words.
    let texts = doc.texts();
    for t in [&l.place_and_date, &l.subject, &l.greeting, &l.closing]
        .into_iter()
        .chain(&l.intro)
        .chain(&l.basis)
        .chain(&l.how_to_pay)
        .chain(&l.outro)
    {
        assert!(texts.contains(t), "«{t}» missing");
    }
}

/// A consumer's letter in English claims no interest: no such columns, one total; a client
/// owing in dollars gets a total per currency, each named.
#[test]
fn the_letters_document_follows_the_claim_and_the_currencies() {
    let mut data = business();
    data.clients[0].language = Lang::En;
    data.clients[0].policy_override = Some(CollectionPolicy {
        late_payment_claim: false,
        ..CollectionPolicy::default()
    });
    let ledger = Ledger::new(&data);
    let doc = letter::letter(&ledger, &data.profile, "a", d("2025-07-15"))
        .expect("a letter")
        .document();
    assert_eq!(doc.title, "Demand for payment");
    let table = doc.table.as_ref().expect("rows");
    assert_eq!(table.columns.len(), 5);
    assert!(table.rows.iter().all(|r| r.cells.len() == 5));
    let totals: Vec<(&str, &str)> = doc
        .totals
        .iter()
        .map(|t| (t.label.as_str(), t.amount.as_str()))
        .collect();
    assert_eq!(totals, [("Total", "€2,420.00")]);
    assert!(!doc.sections.iter().any(|s| s.key == "basis"));

    let mut data = business();
    for inv in &mut data.invoices {
        inv.currency = "USD".into();
    }
    data.clients[0].currency = "USD".into();
    let ledger = Ledger::new(&data);
    let doc = letter::letter(&ledger, &data.profile, "b", d("2025-07-15"))
        .expect("a letter")
        .document();
    let totals: Vec<(&str, &str)> = doc
        .totals
        .iter()
        .map(|t| (t.label.as_str(), t.amount.as_str()))
        .collect();
    assert_eq!(
        totals,
        [
            ("Indemnización (EUR)", "80,00 €"),
            ("Total (EUR)", "80,00 €"),
            ("Pendiente (USD)", "2.420,00 $"),
            ("Intereses de demora (USD)", "246,39 $"),
            ("Total (USD)", "2.666,39 $"),
        ]
    );
}

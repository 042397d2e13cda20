//! Whatever the app can save, it restores: records made the way the forms make them
//! (`cobro_core::forms`, from text as typed: edge values, long and odd texts, numbers in both
//! styles, junk; settings, numbering, collections and partial credit notes too) and accepted by
//! the write rule, exported to a backup and read back, come
//! back identical and without a note, and a record the forms refuse is one the import
//! would flag too.

#![allow(clippy::unwrap_used)]

mod builders;

use builders::day;
use chrono::{Days, TimeZone, Utc};
use cobro_core::backup;
use cobro_core::forms::{
    AddressInput, ClientInput, CollectionsInput, CreditInput, CreditLineInput, CreditWay, DefaultsInput,
    FirstSeriesInput, ItemInput, LineInput, MethodInput, MethodKind, PaymentInput, PolicyInput, ProfileInput,
    RateInput, SeriesInput, VatInput,
};
use cobro_core::lifecycle::{credit_note_for, due_date, issue_invoice, CreditRequest, CreditScope};
use cobro_core::{BusinessProfile, Client, Dataset, DocKind, Invoice, Lang, NumberingSeries, Stamp};
use proptest::prelude::*;

fn now() -> Stamp {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).single().unwrap()
}

/// Any text a person may type or paste, up to a bit past the limits: accents, emoji, spaces
/// at the ends, line breaks, formula-looking starts.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::string::string_regex(&format!("[a-zA-Z0-9 ñáéíóúÑ.,'&-]{{0,{max}}}")).unwrap(),
        1 => proptest::string::string_regex(&format!("\\PC{{0,{max}}}")).unwrap(),
        1 => Just("=HYPERLINK(\"x\")".to_string()),
        1 => Just(" ✓ Ñandú \n segunda línea ".to_string()),
    ]
}

/// A number as typed, in either style, or junk.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0i64..10_000_000_000, 0u32..4).prop_map(|(m, s)| rust_decimal::Decimal::new(m, s).to_string()),
        (0i64..10_000_000_000, 0u32..3).prop_map(|(m, s)| {
            cobro_core::locale::decimal(rust_decimal::Decimal::new(m, s), s.max(1), Lang::Es)
        }),
        Just("-500".to_string()),
        Just("0".to_string()),
        Just("abc".to_string()),
        Just(String::new()),
    ]
}

fn tax_id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("12345678Z".to_string()),
        Just("12345678A".to_string()),
        Just("B12345674".to_string()),
        Just("X1234567L".to_string()),
        Just("DE123456789".to_string()),
        Just(String::new()),
        text(40),
    ]
}

fn email() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ap@cliente.es".to_string()),
        Just("josé@correo.example".to_string()),
        Just("not-an-email".to_string()),
        Just(String::new()),
        text(30),
    ]
}

fn address() -> impl Strategy<Value = AddressInput> {
    (
        text(160),
        text(20),
        text(90),
        prop_oneof![
            Just("ES".to_string()),
            Just("fr".to_string()),
            Just(String::new()),
            text(10)
        ],
    )
        .prop_map(|(street, postal_code, city, country)| AddressInput {
            street,
            postal_code,
            city,
            region: String::new(),
            country,
        })
}

prop_compose! {
    fn client_input()(
        legal_name in text(170),
        tax_id in tax_id(),
        address in address(),
        ap_contact_name in text(130),
        ap_contact_email in email(),
        ap_contact_phone in prop_oneof![Just("+34 600 000 000".to_string()), Just(String::new()), text(20)],
        billing_instructions in text(300),
        po_required in any::<bool>(),
        payment_terms_days in prop_oneof![Just("30".to_string()), Just("0".to_string()), Just("-3".to_string()), Just("4000".to_string()), Just("60".to_string())],
        currency in prop_oneof![Just("EUR".to_string()), Just("usd".to_string()), Just("JPY".to_string()), Just("EURO".to_string())],
        en in any::<bool>(),
        credit_limit in number(),
        notes in text(300),
    ) -> ClientInput {
        ClientInput {
            legal_name, tax_id, address, ap_contact_name, ap_contact_email, ap_contact_phone,
            billing_instructions, po_required, payment_terms_days, currency,
            language: if en { Lang::En } else { Lang::Es },
            credit_limit, notes,
        }
    }
}

const IBANS: &[&str] = &[
    "ES91 2100 0418 4502 0005 1332",
    "DE89370400440532013000",
    "HN88CABF00000000000250005469",
    "ES542100041845020005133A",
    "GB58123460161331926819",
    "",
];

prop_compose! {
    fn method_input()(
        label in text(90),
        kind in proptest::sample::select(MethodKind::ALL.to_vec()),
        iban in proptest::sample::select(IBANS),
        bic in prop_oneof![Just("CAIXESBBXXX".to_string()), Just(String::new()), Just("ABCDQQ22".to_string())],
        holder in text(80),
        bank in text(30),
        detail in prop_oneof![
            Just("https://buy.stripe.com/abc".to_string()),
            Just("ana@example.es".to_string()),
            Just("+34 600 111 222".to_string()),
            text(40),
        ],
    ) -> MethodInput {
        MethodInput { label, kind, iban: iban.to_string(), bic, holder, bank, detail }
    }
}

prop_compose! {
    fn line_input()(
        description in text(200),
        quantity in number(),
        unit_price in number(),
        discount_pct in prop_oneof![Just(String::new()), Just("10".to_string()), Just("150".to_string()), Just("7,5".to_string())],
        exempt in any::<bool>(),
        rate in prop_oneof![Just("21".to_string()), Just("10".to_string()), Just("4".to_string()), Just("0".to_string())],
        reason in text(60),
    ) -> LineInput {
        LineInput {
            item_id: None,
            description, quantity, unit_price, discount_pct,
            vat: if exempt { VatInput::Exempt(reason) } else { VatInput::Rate(rate) },
        }
    }
}

prop_compose! {
    fn profile_input()(name in text(160), tax_id in tax_id(), address in address(), email in email(), phone in text(20)) -> ProfileInput {
        ProfileInput { name, tax_id, address, email, phone }
    }
}

/// A count of days as typed: usual, edge, out of bounds, junk.
fn days() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0u32..=3650).prop_map(|d| d.to_string()),
        1 => Just("-2".to_string()),
        1 => Just("3651".to_string()),
        1 => Just(" 7 ".to_string()),
        1 => Just("siete".to_string()),
    ]
}

prop_compose! {
    fn defaults_input()(
        currency in prop_oneof![Just("EUR"), Just("usd"), Just(" jpy "), Just("EURO")],
        terms in days(),
        vat in prop_oneof![Just("21".to_string()), Just("10,5".to_string()), number()],
        withholding in number(),
        en in any::<bool>()
    ) -> DefaultsInput {
        DefaultsInput {
            currency: currency.into(),
            payment_terms_days: terms,
            vat,
            withholding_pct: withholding,
            language: if en { Lang::En } else { Lang::Es },
        }
    }
}

prop_compose! {
    fn policy_input()(
        d in proptest::collection::vec(days(), 5),
        reminders in proptest::collection::vec(days(), 0..4),
        due_day in any::<bool>(),
        weekends in any::<bool>()
    ) -> PolicyInput {
        PolicyInput {
            receipt_check_after_send: d[0].clone(),
            pre_due_before_due: d[1].clone(),
            due_day_reminder: due_day,
            reminders_after_due: reminders.join(", "),
            formal_letter_after_due: d[2].clone(),
            escalation_after_due: d[3].clone(),
            promise_check_after: d[4].clone(),
            shift_weekends_to_monday: weekends,
        }
    }
}

prop_compose! {
    fn first_series_input()(
        prefix in prop_oneof![Just("F"), Just("FAC-"), Just("R"), Just("a b"), Just("")],
        next in prop_oneof![Just("1"), Just("43"), Just("0"), Just("x")]
    ) -> FirstSeriesInput {
        FirstSeriesInput { prefix: prefix.into(), next: next.into() }
    }
}

/// A late-payment rate row as typed: usual, at the limits, out of them, junk.
fn rate_row() -> impl Strategy<Value = RateInput> {
    (
        prop_oneof![
            Just("2026"),
            Just("2027"),
            Just("2100"),
            Just("1999"),
            Just("dos mil")
        ],
        1u8..=2,
        prop_oneof![
            Just("0"),
            Just("100"),
            Just("10,15"),
            Just("8.25"),
            Just("100,01"),
            Just("-1"),
            Just("")
        ],
        text(40),
    )
        .prop_map(|(year, half, rate, source)| RateInput {
            year: year.into(),
            half,
            rate: rate.into(),
            source,
        })
}

prop_compose! {
    fn collections_input()(
        d in proptest::collection::vec(days(), 4),
        claim in any::<bool>(),
        rows in proptest::collection::vec(rate_row(), 0..3),
    ) -> (Vec<String>, bool, Vec<RateInput>) {
        (d, claim, rows)
    }
}

prop_compose! {
    fn series_input()(
        prefix in prop_oneof![Just("FAC"), Just("F-2026/"), Just("ÑÁ"), Just("ABCDEFGHIJ"), Just("R"), Just("a b")],
        separator in prop_oneof![Just("-"), Just(""), Just("/."), Just(" ")],
        digits in prop_oneof![Just("1"), Just("6"), Just("0"), Just("7"), Just("x")],
        next in prop_oneof![Just("1"), Just("43"), Just("999999"), Just("1000000"), Just("0")],
        include_year in any::<bool>(),
        yearly_reset in any::<bool>(),
    ) -> SeriesInput {
        SeriesInput {
            prefix: prefix.into(),
            separator: separator.into(),
            digits: digits.into(),
            next: next.into(),
            include_year,
            yearly_reset,
        }
    }
}

/// A partial credit note's rows as typed (how, and how much) and its reason.
fn credit_input() -> impl Strategy<Value = (Vec<(bool, String)>, String)> {
    (
        proptest::collection::vec((any::<bool>(), number()), 0..4),
        prop_oneof![
            Just("Precio corregido".to_string()),
            Just(String::new()),
            text(520)
        ],
    )
}

/// The settings and numbering as Settings and the first run save them: each form over what
/// is stored, kept only when accepted.
fn settings(data: &mut Dataset, defaults: &DefaultsInput, policy: &PolicyInput, first: &FirstSeriesInput) {
    let today = day(2026, 6, 1);
    if let Ok(s) = defaults.build(&data.settings, now(), today) {
        data.settings = s;
    }
    if let Ok(s) = policy.build(&data.settings, now(), today) {
        data.settings = s;
    }
    if let Ok(series) = first.build(["s-f".into(), "s-r".into(), "s-q".into()], 2026, now()) {
        data.series = series;
    }
}

/// The collections section and a series edited in Settings, kept only when accepted.
fn more_settings(
    data: &mut Dataset,
    collections: &(Vec<String>, bool, Vec<RateInput>),
    series: &SeriesInput,
) {
    let today = day(2026, 6, 1);
    let (d, claim, rows) = collections;
    let mut input = CollectionsInput::from_settings(&data.settings, Lang::Es);
    input.send_after_issue = d[0].clone();
    input.recontact_every = d[1].clone();
    input.dispute_review_after = d[2].clone();
    input.dispute_review_every = d[3].clone();
    input.late_payment_claim = *claim;
    for r in rows {
        input.rates.insert(0, r.clone());
    }
    if let Ok(s) = input.build(&data.settings, now(), today) {
        data.settings = s;
    }
    // The last series (the quote one after a first run): its prefix may clash with the others.
    let all = data.series.clone();
    if let Some(last) = data.series.last_mut() {
        if let Ok(edit) = series.build(last, &all, 2026, now()) {
            *last = edit.edited;
        }
    }
}

/// Partial credit notes for the issued invoices, as the invoice page's form makes them.
fn credit_notes(data: &mut Dataset, credits: &[(Vec<(bool, String)>, String)]) {
    let today = day(2026, 6, 1);
    let mut series = data
        .series
        .iter()
        .find(|s| s.kind == DocKind::CreditNote)
        .cloned()
        .unwrap_or_else(|| NumberingSeries::default_for(DocKind::CreditNote, "s-r-own".into(), now()));
    let issued: Vec<Invoice> = data
        .invoices
        .iter()
        .filter(|i| i.number.is_some())
        .cloned()
        .collect();
    for (k, (inv, (rows, reason))) in issued.iter().zip(credits).enumerate() {
        let input = CreditInput {
            lines: inv
                .lines
                .iter()
                .zip(rows.iter().chain(std::iter::repeat(&(false, String::new()))))
                .map(|(_, (amount, value))| CreditLineInput {
                    by: if *amount {
                        CreditWay::Amount
                    } else {
                        CreditWay::Quantity
                    },
                    value: value.clone(),
                })
                .collect(),
            reason: reason.clone(),
        };
        let Ok(choice) = input.build(inv) else {
            continue;
        };
        let Some(client) = data.clients.iter().find(|c| c.id == inv.client_id).cloned() else {
            continue;
        };
        let request = CreditRequest {
            scope: CreditScope::Lines(choice.lines),
            reason: choice.reason,
            date: day(2026, 5, 31),
        };
        let mut n = 0;
        let made = credit_note_for(
            inv,
            &[],
            &client,
            request,
            &series,
            &mut || {
                n += 1;
                format!("cn{k}-{n}")
            },
            now(),
        );
        if let Ok((note, next, _)) = made {
            if cobro_core::validity::check_write(None, &note, today).is_ok() {
                series = next;
                data.credit_notes.push(note);
            }
        }
    }
    match data.series.iter_mut().find(|s| s.id == series.id) {
        Some(s) => *s = series,
        None if !data.credit_notes.is_empty() => data.series.push(series),
        None => {}
    }
}

/// Builds a dataset the way the app's forms and operations would, keeping only what they
/// accept, and says how many records of each form were accepted.
fn build(
    base: Dataset,
    profile: &ProfileInput,
    methods: &[MethodInput],
    clients: &[ClientInput],
    items: &[(String, String, VatInput)],
    lines: &[Vec<LineInput>],
    payments: &[String],
) -> Dataset {
    let today = day(2026, 6, 1);
    let mut data = base;
    if let Ok(p) = profile.build(&BusinessProfile::default(), now(), today) {
        data.profile = p;
    }
    for (i, m) in methods.iter().enumerate() {
        if let Ok(m) = m.build(format!("m{i}"), None, now(), today) {
            data.payment_methods.push(m);
        }
    }
    let mut series = data
        .series
        .first()
        .cloned()
        .unwrap_or_else(|| NumberingSeries::default_for(DocKind::Invoice, "s-f".into(), now()));
    data.settings.invoice_series_id = Some(series.id.clone());
    for (i, c) in clients.iter().enumerate() {
        let base = Client {
            id: format!("c{i}"),
            ..builders::client()
        };
        if let Ok(c) = c.build(&base, true, now(), today) {
            data.clients.push(c);
        }
    }
    for (i, (name, price, vat)) in items.iter().enumerate() {
        let input = ItemInput {
            name: name.clone(),
            description: String::new(),
            unit_price: price.clone(),
            vat: vat.clone(),
        };
        if let Ok(it) = input.build(format!("it{i}"), None, now(), today) {
            data.items.push(it);
        }
    }
    let mut invoice_no = 0;
    for (k, rows) in lines.iter().enumerate() {
        let Some(client) = data.clients.get(k % data.clients.len().max(1)).cloned() else {
            break;
        };
        let Ok(built) = rows
            .iter()
            .enumerate()
            .map(|(i, r)| r.build(i))
            .collect::<Result<Vec<_>, _>>()
        else {
            continue;
        };
        let issue = day(2026, 5, 1) + Days::new(k as u64);
        let draft = Invoice {
            id: format!("i{k}"),
            series_id: series.id.clone(),
            number: None,
            client_id: client.id.clone(),
            po_number: "PO-1".into(),
            issue_date: issue,
            delivery_date: None,
            due_date: due_date(issue, client.payment_terms_days),
            currency: client.currency.clone(),
            lines: built,
            withholding_pct: rust_decimal::Decimal::ZERO,
            invoice_discount_pct: rust_decimal::Decimal::ZERO,
            early_payment: None,
            payment_method_ids: data
                .payment_methods
                .iter()
                .map(|m| m.id.clone())
                .take(1)
                .collect(),
            notes: String::new(),
            quote_id: None,
            sent: None,
            receipt: None,
            disputes: vec![],
            cancelled_by: None,
            updated_at: now(),
        };
        // The draft is saved by the storage layer's rule: what it refuses is never stored.
        if cobro_core::validity::check_write(None, &draft, today).is_err() {
            continue;
        }
        match issue_invoice(&draft, &client, &series, now()) {
            Ok((inv, next)) if invoice_no % 3 != 2 => {
                series = next;
                invoice_no += 1;
                if let Some(amount) = payments.get(k) {
                    let input = PaymentInput {
                        date: day(2026, 5, 20),
                        amount: amount.clone(),
                        method_id: None,
                        note: "=1+1".into(),
                    };
                    if let Ok(p) = input.build(format!("p{k}"), inv.id.clone(), &inv.currency, now(), today) {
                        data.payments.push(p);
                    }
                }
                data.invoices.push(inv);
            }
            _ => {
                invoice_no += 1;
                data.invoices.push(draft);
            }
        }
    }
    match data.series.first_mut() {
        Some(first) => *first = series,
        None => data.series.push(series),
    }
    data
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn whatever_the_forms_save_a_backup_restores(
        profile in profile_input(),
        methods in proptest::collection::vec(method_input(), 0..4),
        clients in proptest::collection::vec(client_input(), 1..5),
        items in proptest::collection::vec((text(160), number(), prop_oneof![Just(VatInput::Rate("21".into())), Just(VatInput::Exempt(String::new())), Just(VatInput::Rate("101".into()))]), 0..3),
        lines in proptest::collection::vec(proptest::collection::vec(line_input(), 0..4), 0..5),
        payments in proptest::collection::vec(number(), 0..5),
        defaults in defaults_input(),
        policy in policy_input(),
        first in first_series_input(),
        // Boxed, as one: the whole strategy's value trees would not fit a test thread's stack.
        (collections, series, credits) in (
            collections_input(),
            series_input(),
            proptest::collection::vec(credit_input(), 0..4),
        ).boxed(),
    ) {
        let mut base = Dataset::default();
        settings(&mut base, &defaults, &policy, &first);
        more_settings(&mut base, &collections, &series);
        let mut data = build(base, &profile, &methods, &clients, &items, &lines, &payments);
        credit_notes(&mut data, &credits);
        let text = backup::export(&data, now(), "0.1.0").unwrap();
        let restored = backup::parse(&text);
        prop_assert!(restored.is_ok(), "refused: {:?}", restored.err());
        let restored = restored.unwrap();
        let notes: Vec<_> = restored.notes.iter().filter(|n| !matches!(n.code, backup::ProblemCode::Numbering { .. })).collect();
        prop_assert!(notes.is_empty(), "{:?}", notes);
        prop_assert_eq!(backup::sorted(&restored.data), backup::sorted(&data));
    }
}

/// The property above is not vacuous: with these inputs every kind of form is accepted.
#[test]
fn the_generated_data_is_not_all_refused() {
    let profile = ProfileInput {
        name: "Ana García Estudio".into(),
        tax_id: "12345678Z".into(),
        ..ProfileInput::default()
    };
    let method = MethodInput {
        label: "BBVA".into(),
        iban: IBANS[0].into(),
        ..MethodInput::default()
    };
    let client = ClientInput {
        legal_name: "Ñ".repeat(150),
        payment_terms_days: "30".into(),
        currency: "EUR".into(),
        credit_limit: "5.000,50".into(),
        ..ClientInput::default()
    };
    let line = LineInput {
        description: "Formación".into(),
        quantity: "12,5".into(),
        unit_price: "40".into(),
        vat: VatInput::Exempt("Art. 20.Uno.9º LIVA".into()),
        ..LineInput::default()
    };
    let mut base = Dataset::default();
    let defaults = DefaultsInput {
        currency: "usd".into(),
        payment_terms_days: "45".into(),
        vat: "10".into(),
        withholding_pct: "15".into(),
        language: Lang::En,
    };
    let policy = PolicyInput {
        reminders_after_due: "7, 15,30".into(),
        ..PolicyInput::from_policy(&base.settings.policy)
    };
    let first = FirstSeriesInput {
        prefix: "FAC".into(),
        next: "43".into(),
    };
    settings(&mut base, &defaults, &policy, &first);
    let collections = (
        vec!["1".into(), "3650".into(), "2".into(), "1".into()],
        false,
        vec![RateInput {
            year: "2027".into(),
            half: 2,
            rate: "10,15".into(),
            source: "BOE «julio» 🙂".into(),
        }],
    );
    let quote_series = SeriesInput {
        prefix: "PRE".into(),
        separator: "/".into(),
        digits: "6".into(),
        next: "7".into(),
        include_year: false,
        yearly_reset: false,
    };
    more_settings(&mut base, &collections, &quote_series);
    assert_eq!(base.settings.policy.recontact_every, 3650);
    assert_eq!(base.settings.late_interest_rates.len(), 1);
    assert_eq!(
        cobro_core::numbering::peek_next(&base.series[2], 2026),
        "PRE/000007"
    );
    assert_eq!(base.settings.policy.dispute_review_after, 2);
    assert_eq!(
        (
            base.settings.default_currency.as_str(),
            base.settings.default_payment_terms_days
        ),
        ("USD", 45)
    );
    assert_eq!(base.settings.policy.reminders_after_due, [7, 15, 30]);
    assert_eq!(base.series.len(), 3);
    assert_eq!(
        cobro_core::numbering::peek_next(&base.series[0], 2026),
        "FAC2026-0043"
    );
    let mut d = build(
        base,
        &profile,
        &[method],
        &[client],
        &[("Hora".into(), "40".into(), VatInput::default())],
        &[vec![line]],
        &["100".into()],
    );
    credit_notes(
        &mut d,
        &[(
            vec![(false, "2,5".into())],
            "Dos horas y media no impartidas".into(),
        )],
    );
    assert_eq!(d.credit_notes.len(), 1);
    assert_eq!(
        d.credit_notes[0].lines[0].quantity,
        rust_decimal::Decimal::new(25, 1)
    );
    assert_eq!(
        (
            d.payment_methods.len(),
            d.clients.len(),
            d.items.len(),
            d.invoices.len(),
            d.payments.len()
        ),
        (1, 1, 1, 1, 1)
    );
    assert_eq!(d.profile.name, "Ana García Estudio");
    let b = backup::parse(&backup::export(&d, now(), "0.1.0").unwrap()).unwrap();
    assert_eq!(backup::sorted(&b.data), backup::sorted(&d));
}

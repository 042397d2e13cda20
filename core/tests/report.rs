//! Collection figures against a hand-computed dataset: outstanding, overdue,
//! ageing, DSO (also per month, from balances as of each month end), client
//! payment behaviour, late payers, delinquency and expected payments, always
//! per currency.
//!
//! Every invoice has one line, quantity 1 and no withholding, so its total is
//! the price plus VAT (21 % on EUR invoices, 0 % on USD ones).

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::ledger::Ledger;
use cobro_core::model::*;
use cobro_core::report::{
    age_bucket, dso, dso_series, owed_as_of, report, AgeBucket, Bucket, Period, ReportError, EXPECTED_WEEKS,
};
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal")
}

fn stamp() -> Stamp {
    DateTime::<Utc>::from_timestamp(1_767_225_600, 0).expect("stamp")
}

fn client(id: &str, name: &str, currency: &str) -> Client {
    Client {
        id: id.into(),
        legal_name: name.into(),
        tax_id: String::new(),
        address: Address::default(),
        ap_contact_name: String::new(),
        ap_contact_email: String::new(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec![],
        currency: currency.into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        archived: false,
        updated_at: stamp(),
    }
}

fn line(price: &str, vat: &str) -> Line {
    Line {
        item_id: None,
        description: "Trabajo".into(),
        quantity: Decimal::ONE,
        unit_price: dec(price),
        discount_pct: Decimal::ZERO,
        vat: VatRate::Rate(dec(vat)),
    }
}

/// An issued invoice of `price` + VAT (21 % in EUR, 0 % otherwise).
fn invoice(
    id: &str,
    client: &str,
    currency: &str,
    issued: NaiveDate,
    due: NaiveDate,
    price: &str,
) -> Invoice {
    let vat = if currency == "EUR" { "21" } else { "0" };
    Invoice {
        id: id.into(),
        series_id: "F".into(),
        number: Some(format!("F-{id}")),
        client_id: client.into(),
        po_number: String::new(),
        issue_date: issued,
        delivery_date: None,
        due_date: due,
        currency: currency.into(),
        lines: vec![line(price, vat)],
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
        updated_at: stamp(),
    }
}

fn payment(id: &str, invoice: &str, date: NaiveDate, amount: &str) -> Payment {
    Payment {
        id: id.into(),
        invoice_id: invoice.into(),
        date,
        amount: dec(amount),
        method_id: None,
        note: String::new(),
        closed_steps: Vec::new(),
        early_discount: None,
        voided: None,
        updated_at: stamp(),
    }
}

fn promise(id: &str, client: &str, invoice: &str, logged: NaiveDate, promised: NaiveDate) -> ContactEntry {
    ContactEntry {
        id: id.into(),
        client_id: client.into(),
        invoice_id: Some(invoice.into()),
        step_id: None,
        date: logged,
        channel: Channel::Phone,
        who: "AP".into(),
        outcome: Outcome::PromisedToPay { date: promised },
        note: String::new(),
        updated_at: stamp(),
    }
}

/// The dataset whose figures are worked out by hand in the tests below.
/// Today is Tuesday 31 March 2026; the period is March 2026 (31 days).
fn dataset() -> Dataset {
    let clients = vec![
        client("a", "Acme", "EUR"),
        client("b", "Borealis", "EUR"),
        client("c", "Cobalt Inc", "USD"),
    ];

    let mut draft = invoice("7", "a", "EUR", d(2026, 3, 20), d(2026, 4, 19), "999");
    draft.number = None;
    let mut cancelled = invoice("8", "a", "EUR", d(2026, 3, 5), d(2026, 4, 4), "400");
    cancelled.cancelled_by = Some("cn1".into());
    let mut disputed = invoice("11", "b", "EUR", d(2026, 3, 20), d(2026, 5, 19), "2000");
    disputed.disputes.push(Dispute {
        opened: d(2026, 3, 25),
        reason: "Hours".into(),
        resolved: None,
    });
    let invoices = vec![
        // 1210 unpaid, 55 days past due; its promise (15 Mar) is already broken.
        invoice("1", "a", "EUR", d(2026, 1, 5), d(2026, 2, 4), "1000"),
        // 605, 105 paid: 500 owed, due tomorrow.
        invoice("2", "a", "EUR", d(2026, 3, 2), d(2026, 4, 1), "500"),
        // 242 paid on 13 Mar, 10 days late, 40 days after issue.
        invoice("3", "a", "EUR", d(2026, 2, 1), d(2026, 3, 3), "200"),
        // 121 paid on 18 Mar, on time, 8 days after issue.
        invoice("4", "b", "EUR", d(2026, 3, 10), d(2026, 3, 20), "100"),
        // 363 unpaid, 120 days past due, promised for 10 Apr.
        invoice("5", "b", "EUR", d(2025, 11, 1), d(2025, 12, 1), "300"),
        // 1210, paid on 2 Apr: after today, so still owed today, 1 day past due.
        invoice("6", "b", "EUR", d(2026, 3, 15), d(2026, 3, 30), "1000"),
        draft,
        cancelled,
        // 2000 USD due today.
        invoice("9", "c", "USD", d(2026, 3, 1), d(2026, 3, 31), "2000"),
        // 1000 USD paid 400 + 600; the second, on 5 Mar, completes it 24 days late.
        invoice("10", "c", "USD", d(2026, 1, 10), d(2026, 2, 9), "1000"),
        // 2420 not yet due but disputed: not expected.
        disputed,
        // 121 due 24 Apr.
        invoice("12", "a", "EUR", d(2026, 3, 25), d(2026, 4, 24), "100"),
        // 60.50 due 29 Jun: beyond every window.
        invoice("13", "b", "EUR", d(2026, 3, 31), d(2026, 6, 29), "50"),
    ];
    let credit_notes = vec![CreditNote {
        id: "cn1".into(),
        series_id: "R".into(),
        number: Some("R-1".into()),
        invoice_id: "8".into(),
        client_id: "a".into(),
        issue_date: d(2026, 3, 6),
        reason: "Duplicada".into(),
        currency: "EUR".into(),
        lines: vec![line("400", "21")],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: true,
        updated_at: stamp(),
    }];
    let payments = vec![
        payment("p2", "2", d(2026, 3, 20), "105"),
        payment("p3", "3", d(2026, 3, 13), "242"),
        payment("p4", "4", d(2026, 3, 18), "121"),
        payment("p6", "6", d(2026, 4, 2), "1210"),
        payment("p10a", "10", d(2026, 2, 20), "400"),
        payment("p10b", "10", d(2026, 3, 5), "600"),
    ];
    let contacts = vec![
        promise("k1", "a", "1", d(2026, 3, 1), d(2026, 3, 15)),
        promise("k2", "b", "5", d(2026, 3, 10), d(2026, 5, 1)),
        promise("k3", "b", "5", d(2026, 3, 25), d(2026, 4, 10)),
    ];
    Dataset {
        clients,
        invoices,
        credit_notes,
        payments,
        contacts,
        ..Dataset::default()
    }
}

const TODAY: (i32, u32, u32) = (2026, 3, 31);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn march() -> Period {
    Period {
        from: d(2026, 3, 1),
        to: d(2026, 3, 31),
    }
}

fn bucket(amount: &str, count: usize) -> Bucket {
    Bucket {
        amount: dec(amount),
        count,
    }
}

#[test]
fn outstanding_overdue_and_ageing_per_currency() {
    let data = dataset();
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    assert_eq!(r.currencies.keys().collect::<Vec<_>>(), ["EUR", "USD"]);

    let eur = &r.currencies["EUR"];
    assert_eq!(eur.outstanding, dec("5884.50"));
    assert_eq!(eur.open_count, 7);
    assert_eq!(eur.overdue, dec("2783"));
    assert_eq!(eur.overdue_count, 3);
    assert_eq!(eur.ageing.current, bucket("3101.50", 4));
    assert_eq!(eur.ageing.days_1_30, bucket("1210", 1));
    assert_eq!(eur.ageing.days_31_60, bucket("1210", 1));
    assert_eq!(eur.ageing.days_61_90, bucket("0", 0));
    assert_eq!(eur.ageing.over_90, bucket("363", 1));
    let buckets = [
        AgeBucket::Current,
        AgeBucket::Days1To30,
        AgeBucket::Days31To60,
        AgeBucket::Days61To90,
        AgeBucket::Over90,
    ];
    let sum: Decimal = buckets.iter().map(|b| eur.ageing.bucket(*b).amount).sum();
    assert_eq!(sum, eur.outstanding);

    // The USD invoice due today is not overdue, and USD is never added to EUR.
    let usd = &r.currencies["USD"];
    assert_eq!(usd.outstanding, dec("2000"));
    assert_eq!(usd.overdue, Decimal::ZERO);
    assert_eq!(usd.ageing.current, bucket("2000", 1));
    assert_eq!(usd.overdue_amount_pct, Some(dec("0.0")));
}

#[test]
fn delinquency_rates() {
    let data = dataset();
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let eur = &r.currencies["EUR"];
    // 2783 / 5884.50 = 47.29…%; 3 of 7 open = 42.857…%.
    assert_eq!(eur.overdue_amount_pct, Some(dec("47.3")));
    assert_eq!(eur.overdue_invoices_pct, Some(dec("42.9")));
    assert_eq!((r.open_count, r.overdue_count), (8, 3));
    assert_eq!(r.overdue_invoices_pct, Some(dec("37.5")));
}

#[test]
fn dso_of_the_period() {
    let data = dataset();
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let eur = &r.currencies["EUR"];
    assert_eq!(eur.receivables_at_period_end, dec("5884.50"));
    // 605 + 121 + 1210 + 2420 + 121 + 60.50; the cancelled invoice is no sale, the draft neither.
    assert_eq!(eur.credit_sales, dec("4537.50"));
    // 5884.50 / 4537.50 × 31 = 40.20…
    assert_eq!(eur.dso, Some(dec("40.2")));
    assert_eq!(r.currencies["USD"].dso, Some(dec("31.0")));
}

#[test]
fn a_past_period_uses_balances_at_its_end() {
    let data = dataset();
    let feb = Period {
        from: d(2026, 2, 1),
        to: d(2026, 2, 28),
    };
    let r = report(&Ledger::new(&data), today(), feb).expect("report");
    let eur = &r.currencies["EUR"];
    // At 28 Feb: invoices 1 (1210), 5 (363) and 3 (242, paid only on 13 Mar).
    assert_eq!(eur.receivables_at_period_end, dec("1815"));
    assert_eq!(eur.credit_sales, dec("242"));
    assert_eq!(eur.dso, Some(dec("210.0")));
    // Today's figures do not depend on the period.
    assert_eq!(eur.outstanding, dec("5884.50"));
    // USD: 600 still owed on invoice 10 at 28 Feb, but no USD sales in February.
    let usd = &r.currencies["USD"];
    assert_eq!(usd.receivables_at_period_end, dec("600"));
    assert_eq!(usd.dso, None);
}

#[test]
fn owed_as_of_ignores_later_payments_and_cancellations() {
    let data = dataset();
    let ledger = Ledger::new(&data);
    let inv = |id: &str| ledger.invoice(id).expect("invoice");
    assert_eq!(
        owed_as_of(&ledger, inv("10"), d(2026, 2, 19)).expect("owed"),
        dec("1000")
    );
    assert_eq!(
        owed_as_of(&ledger, inv("10"), d(2026, 2, 20)).expect("owed"),
        dec("600")
    );
    assert_eq!(
        owed_as_of(&ledger, inv("10"), d(2026, 3, 5)).expect("owed"),
        Decimal::ZERO
    );
    assert_eq!(owed_as_of(&ledger, inv("6"), today()).expect("owed"), dec("1210"));
    assert_eq!(
        owed_as_of(&ledger, inv("6"), d(2026, 4, 2)).expect("owed"),
        Decimal::ZERO
    );
    // Not yet issued, cancelled, or a draft: nothing owed.
    assert_eq!(
        owed_as_of(&ledger, inv("6"), d(2026, 3, 14)).expect("owed"),
        Decimal::ZERO
    );
    assert_eq!(
        owed_as_of(&ledger, inv("8"), d(2026, 3, 5)).expect("owed"),
        dec("484")
    );
    assert_eq!(
        owed_as_of(&ledger, inv("8"), d(2026, 3, 6)).expect("owed"),
        Decimal::ZERO
    );
    assert_eq!(
        owed_as_of(&ledger, inv("7"), today()).expect("owed"),
        Decimal::ZERO
    );
}

#[test]
fn expected_payments_use_promises_and_skip_past_due_and_disputed() {
    let data = dataset();
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let e = &r.currencies["EUR"].expected;
    // Invoice 2 (500, due 1 Apr); 5 (363, promised 10 Apr); 12 (121, due 24 Apr).
    assert_eq!(e.next_7_days, bucket("500", 1));
    assert_eq!(e.next_30_days, bucket("984", 3));
    assert_eq!(e.weeks.len(), EXPECTED_WEEKS);
    assert_eq!(e.weeks[0].monday, d(2026, 3, 30));
    assert_eq!((e.weeks[0].iso_year, e.weeks[0].iso_week), (2026, 14));
    assert_eq!(e.weeks[7].monday, d(2026, 5, 18));
    let amounts: Vec<Bucket> = e.weeks.iter().map(|w| w.expected.clone()).collect();
    let empty = bucket("0", 0);
    assert_eq!(
        amounts,
        [
            bucket("500", 1),
            bucket("363", 1),
            empty.clone(),
            bucket("121", 1),
            empty.clone(),
            empty.clone(),
            empty.clone(),
            empty
        ]
    );
    let usd = &r.currencies["USD"].expected;
    assert_eq!(usd.next_7_days, bucket("2000", 1), "due today is expected today");
    assert_eq!(usd.weeks[0].expected, bucket("2000", 1));
}

#[test]
fn a_promise_moves_a_due_date_later_and_the_latest_promise_wins() {
    let mut data = dataset();
    // Invoice 2 is due tomorrow but the client promised to pay on 6 Apr (week 1, still within 7 days).
    data.contacts
        .push(promise("k4", "a", "2", d(2026, 3, 28), d(2026, 4, 6)));
    // A later broken promise on invoice 5 hides the earlier one: past due, no valid promise.
    data.contacts
        .push(promise("k5", "b", "5", d(2026, 3, 30), d(2026, 3, 30)));
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let e = &r.currencies["EUR"].expected;
    assert_eq!(e.weeks[0].expected, bucket("0", 0));
    assert_eq!(e.weeks[1].expected, bucket("500", 1));
    assert_eq!(e.next_7_days, bucket("500", 1));
    assert_eq!(e.next_30_days, bucket("621", 2));
}

#[test]
fn client_payment_behaviour() {
    let data = dataset();
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let names: Vec<&str> = r.clients.iter().map(|c| c.legal_name.as_ref()).collect();
    assert_eq!(names, ["Acme", "Borealis", "Cobalt Inc"]);
    let [a, b, c] = [&r.clients[0], &r.clients[1], &r.clients[2]];

    assert_eq!(
        a.invoices_issued, 2,
        "draft and cancelled invoices are not counted"
    );
    assert_eq!(a.paid_count, 1);
    assert_eq!(a.average_days_to_pay, Some(dec("40.0")));
    assert_eq!(a.paid_late_pct, Some(dec("100.0")));
    // Invoice 3 paid 10 days late, and invoice 1 still unpaid 55 days after its due date
    // (4 Feb to 31 Mar): a client who does not pay is late, not "no lateness".
    assert_eq!(a.average_days_late, Some(dec("32.5")));
    assert_eq!((a.open_count, a.overdue_count), (3, 1));
    assert_eq!(a.outstanding.get("EUR"), Some(&dec("1831")));
    assert_eq!(a.overdue.get("EUR"), Some(&dec("1210")));

    assert_eq!(b.invoices_issued, 4);
    assert_eq!(b.paid_count, 1, "invoice 6 is settled after the period");
    assert_eq!(b.average_days_to_pay, Some(dec("8.0")));
    assert_eq!(b.paid_late_pct, Some(dec("0.0")));
    // Nothing paid late, but invoice 5 is 120 days overdue and invoice 6 one day: 60.5.
    assert_eq!(b.average_days_late, Some(dec("60.5")));
    assert_eq!(b.outstanding.get("EUR"), Some(&dec("4053.50")));
    assert_eq!(b.overdue.get("EUR"), Some(&dec("1573")));

    // Settled by the second payment: 54 days after issue, 24 late.
    assert_eq!(c.paid_count, 1);
    assert_eq!(c.average_days_to_pay, Some(dec("54.0")));
    assert_eq!(c.average_days_late, Some(dec("24.0")));
    assert_eq!(c.outstanding.get("USD"), Some(&dec("2000")));
    assert!(c.overdue.is_empty());
}

#[test]
fn top_late_payers_by_overdue_then_days_late() {
    let data = dataset();
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let eur: Vec<(&str, Decimal)> = r.currencies["EUR"]
        .top_late_payers
        .iter()
        .map(|p| (p.client_id.as_ref(), p.overdue))
        .collect();
    assert_eq!(eur, [("b", dec("1573")), ("a", dec("1210"))]);
    assert!(r.currencies["USD"].top_late_payers.is_empty());

    // Equal overdue amounts: the client who pays later comes first.
    let mut data = dataset();
    data.invoices.retain(|i| i.id != "5");
    data.payments.retain(|p| p.id != "p6");
    data.invoices
        .iter_mut()
        .filter(|i| i.id == "6")
        .for_each(|i| i.due_date = d(2026, 3, 1));
    data.payments.push(payment("p14", "14", d(2026, 3, 30), "121"));
    data.invoices
        .push(invoice("14", "b", "EUR", d(2026, 1, 1), d(2026, 2, 1), "100"));
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let top = &r.currencies["EUR"].top_late_payers;
    assert_eq!((top[0].client_id.as_ref(), top[0].overdue), ("b", dec("1210")));
    // Invoice 14 paid 57 days late, invoice 6 unpaid 30 days after its due date: 43.5.
    assert_eq!(top[0].average_days_late, Some(dec("43.5")));
    assert_eq!((top[1].client_id.as_ref(), top[1].overdue), ("a", dec("1210")));
}

#[test]
fn dso_series_uses_balances_at_each_month_end() {
    let data = dataset();
    let series = dso_series(&Ledger::new(&data), today(), 3).expect("series");
    let eur = &series["EUR"];
    assert_eq!(
        eur,
        &vec![
            // 1573 / 1210 × 31
            (d(2026, 1, 31), Some(dec("40.3"))),
            // 1815 / 242 × 28: invoice 3, paid in March, was still owed at the end of February.
            (d(2026, 2, 28), Some(dec("210.0"))),
            (d(2026, 3, 31), Some(dec("40.2"))),
        ]
    );
    let usd = &series["USD"];
    assert_eq!(
        usd,
        &vec![
            (d(2026, 1, 31), Some(dec("31.0"))),
            (d(2026, 2, 28), None),
            (d(2026, 3, 31), Some(dec("31.0")))
        ]
    );

    // Mid-April: March is the last complete month, and the April payment of invoice 6 does not change it.
    let later = dso_series(&Ledger::new(&data), d(2026, 4, 15), 1).expect("series");
    assert_eq!(later["EUR"], vec![(d(2026, 3, 31), Some(dec("40.2")))]);
    assert!(dso_series(&Ledger::new(&data), today(), 0)
        .expect("series")
        .is_empty());
}

#[test]
fn dso_series_crosses_year_and_leap_february() {
    let data = Dataset {
        clients: vec![client("a", "Acme", "EUR")],
        invoices: vec![invoice("1", "a", "EUR", d(2028, 2, 10), d(2028, 3, 10), "100")],
        ..Dataset::default()
    };
    let series = dso_series(&Ledger::new(&data), d(2028, 3, 15), 3).expect("series");
    // Dec 2027, Jan 2028 (nothing issued yet), Feb 2028: 121 / 121 × 29.
    assert_eq!(
        series["EUR"],
        vec![
            (d(2027, 12, 31), None),
            (d(2028, 1, 31), None),
            (d(2028, 2, 29), Some(dec("29.0")))
        ]
    );
}

#[test]
fn dso_definition_and_rounding() {
    assert_eq!(dso(dec("100"), Decimal::ZERO, 30).expect("dso"), None);
    assert_eq!(dso(Decimal::ZERO, dec("100"), 30).expect("dso"), Some(dec("0.0")));
    assert_eq!(dso(dec("50"), dec("100"), 30).expect("dso"), Some(dec("15.0")));
    // 1 / 20 × 1 = 0.05: half away from zero, not to even.
    assert_eq!(dso(dec("1"), dec("20"), 1).expect("dso"), Some(dec("0.1")));
    assert_eq!(dso(dec("1"), dec("3"), 1).expect("dso"), Some(dec("0.3")));
}

#[test]
fn ageing_bucket_edges() {
    assert_eq!(age_bucket(-5), AgeBucket::Current);
    assert_eq!(age_bucket(0), AgeBucket::Current);
    assert_eq!(age_bucket(1), AgeBucket::Days1To30);
    assert_eq!(age_bucket(30), AgeBucket::Days1To30);
    assert_eq!(age_bucket(31), AgeBucket::Days31To60);
    assert_eq!(age_bucket(60), AgeBucket::Days31To60);
    assert_eq!(age_bucket(61), AgeBucket::Days61To90);
    assert_eq!(age_bucket(90), AgeBucket::Days61To90);
    assert_eq!(age_bucket(91), AgeBucket::Over90);
}

#[test]
fn periods() {
    let feb = Period::month_of(d(2028, 2, 10)).expect("month");
    assert_eq!(
        (feb.from, feb.to, feb.days()),
        (d(2028, 2, 1), d(2028, 2, 29), 29)
    );
    let dec_ = Period::month_of(d(2026, 12, 31)).expect("month");
    assert_eq!(
        (dec_.from, dec_.to, dec_.days()),
        (d(2026, 12, 1), d(2026, 12, 31), 31)
    );
    let data = Dataset::default();
    let bad = Period {
        from: d(2026, 3, 2),
        to: d(2026, 3, 1),
    };
    assert!(matches!(
        report(&Ledger::new(&data), today(), bad),
        Err(ReportError::InvalidPeriod { .. })
    ));
}

#[test]
fn empty_ledger_gives_an_empty_report() {
    let data = Dataset::default();
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    assert!(r.currencies.is_empty() && r.clients.is_empty());
    assert_eq!((r.open_count, r.overdue_invoices_pct), (0, None));
}

#[test]
fn a_three_decimal_currency_is_kept_apart_and_exact() {
    let mut data = dataset();
    data.invoices
        .push(invoice("20", "c", "KWD", d(2026, 3, 2), d(2026, 3, 16), "10.125"));
    data.payments.push(payment("p20", "20", d(2026, 3, 10), "3.333"));
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let kwd = &r.currencies["KWD"];
    assert_eq!(kwd.outstanding, dec("6.792"));
    assert_eq!(kwd.ageing.days_1_30, bucket("6.792", 1));
    assert_eq!(r.currencies["USD"].outstanding, dec("2000"));
    // 6.792 / 10.125 × 31 = 20.79…
    assert_eq!(kwd.dso, Some(dec("20.8")));
}

mod properties {
    use super::*;
    use cobro_core::report::ClientStats;
    use proptest::prelude::*;

    /// (client, currency, issue offset, terms, price in cents, payments as (offset, % of total), promise offset)
    type Spec = (usize, usize, i64, i64, i64, Vec<(i64, u32)>, Option<i64>);

    fn spec() -> impl Strategy<Value = Spec> {
        (
            0..3usize,
            0..2usize,
            0..200i64,
            0..90i64,
            1..500_000i64,
            prop::collection::vec((0..250i64, 1..80u32), 0..3),
            prop::option::of(0..250i64),
        )
    }

    fn build(specs: &[Spec]) -> Dataset {
        let base = d(2025, 12, 1);
        let day = |n: i64| base + chrono::Days::new(n.unsigned_abs());
        let mut data = Dataset {
            clients: vec![
                client("a", "A", "EUR"),
                client("b", "B", "EUR"),
                client("c", "C", "USD"),
            ],
            ..Dataset::default()
        };
        for (i, (cl, cur, issue, terms, cents, pays, promised)) in specs.iter().enumerate() {
            let id = i.to_string();
            let currency = ["EUR", "USD"][*cur];
            let price = Decimal::new(*cents, 2).to_string();
            data.invoices.push(invoice(
                &id,
                ["a", "b", "c"][*cl],
                currency,
                day(*issue),
                day(issue + terms),
                &price,
            ));
            // Totals: EUR adds 21 % VAT; paying a share of the price keeps amounts exact to the cent.
            for (k, (off, pct)) in pays.iter().enumerate() {
                let amount =
                    (Decimal::new(*cents, 2) * Decimal::from(*pct) / Decimal::ONE_HUNDRED).round_dp(2);
                data.payments.push(payment(
                    &format!("{id}-{k}"),
                    &id,
                    day(issue + off),
                    &amount.to_string(),
                ));
            }
            if let Some(p) = promised {
                data.contacts
                    .push(promise(&format!("k{id}"), "a", &id, day(*issue), day(issue + p)));
            }
        }
        data
    }

    fn client_sum(
        clients: &[ClientStats],
        currency: &str,
        f: fn(&ClientStats) -> &cobro_core::report::PerCurrency,
    ) -> Decimal {
        clients.iter().filter_map(|c| f(c).get(currency)).sum()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn figures_add_up(specs in prop::collection::vec(spec(), 0..25), today_off in 0..300i64) {
            let data = build(&specs);
            let ledger = Ledger::new(&data);
            let today = d(2025, 12, 1) + chrono::Days::new(today_off.unsigned_abs());
            let period = Period::month_of(today).expect("month");
            let r = report(&ledger, today, period).expect("report");
            for (code, f) in &r.currencies {
                let owed: Decimal = data.invoices.iter().filter(|i| &i.currency == code)
                    .map(|i| owed_as_of(&ledger, i, today).expect("owed")).sum();
                prop_assert_eq!(f.outstanding, owed);
                let a = &f.ageing;
                prop_assert_eq!(a.current.amount + a.days_1_30.amount + a.days_31_60.amount + a.days_61_90.amount + a.over_90.amount, f.outstanding);
                prop_assert_eq!(a.current.count + a.days_1_30.count + a.days_31_60.count + a.days_61_90.count + a.over_90.count, f.open_count);
                prop_assert_eq!(f.outstanding - a.current.amount, f.overdue);
                prop_assert!(f.expected.next_7_days.amount <= f.expected.next_30_days.amount);
                let weeks: Decimal = f.expected.weeks.iter().map(|w| w.expected.amount).sum();
                prop_assert!(weeks <= f.outstanding);
                prop_assert_eq!(client_sum(&r.clients, code, |c| &c.outstanding), f.outstanding);
                prop_assert_eq!(client_sum(&r.clients, code, |c| &c.overdue), f.overdue);
            }
            // The monthly series agrees with the report of the same month.
            let last_month = Period::month_of(period.from.pred_opt().expect("day")).expect("month");
            let past = report(&ledger, today, last_month).expect("report");
            let series = dso_series(&ledger, today, 2).expect("series");
            for (code, points) in &series {
                prop_assert_eq!(points.len(), 2);
                let point = points.iter().find(|p| p.0 == last_month.to);
                let dso = past.currencies.get(code).and_then(|f| f.dso);
                prop_assert_eq!(point.map(|p| p.1), Some(dso));
            }
        }
    }
}

/// Defect: the invoice count beside a client's amount in one currency counted its overdue
/// invoices in every currency. Now each currency's list counts that currency's invoices.
#[test]
fn a_late_payers_count_is_of_its_own_currency() {
    let mut data = dataset();
    // Acme also owes an overdue USD invoice and a second overdue EUR one.
    data.invoices
        .push(invoice("20", "a", "USD", d(2026, 1, 1), d(2026, 2, 1), "700"));
    data.invoices
        .push(invoice("21", "a", "EUR", d(2026, 1, 2), d(2026, 2, 2), "10"));
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let in_eur = r.currencies["EUR"]
        .top_late_payers
        .iter()
        .find(|p| &*p.client_id == "a")
        .expect("acme in EUR");
    assert_eq!((in_eur.overdue, in_eur.overdue_count), (dec("1222.10"), 2));
    let in_usd = r.currencies["USD"]
        .top_late_payers
        .iter()
        .find(|p| &*p.client_id == "a")
        .expect("acme in USD");
    assert_eq!((in_usd.overdue, in_usd.overdue_count), (dec("700"), 1));
    let acme = r.clients.iter().find(|c| &*c.client_id == "a").expect("acme");
    assert_eq!(
        acme.overdue_count, 3,
        "the client's own count is across currencies"
    );
}

/// Defect: a report on a past day counted promises and disputes logged after it. A report as
/// of 20 March must not know the promise logged on 25 March nor the dispute opened then.
#[test]
fn a_report_on_a_past_day_knows_only_what_was_logged_by_then() {
    let data = dataset();
    let day = d(2026, 3, 20);
    let period = Period {
        from: d(2026, 2, 19),
        to: day,
    };
    let r = report(&Ledger::new(&data), day, period).expect("report");
    let e = &r.currencies["EUR"].expected;
    // Known on 20 March: invoice 5 promised for 1 May (k2; k3 came on the 25th), invoice 11
    // not yet disputed (so expected on its due date, 19 May: beyond 30 days), invoice 2 due
    // 1 April (500 then: 105 paid on the 20th), invoice 6 due 30 March (1 210), invoice 12 not
    // issued yet.
    assert_eq!(e.next_7_days, Bucket::default());
    assert_eq!(e.next_30_days, bucket("1710", 2));
    let weeks: Vec<Decimal> = e.weeks.iter().map(|w| w.expected.amount).collect();
    // Weeks from Monday 16 March: 6 (30 Mar) and 2 (1 Apr) in the week of 30 March; 5 (1 May)
    // in the week of 27 April.
    assert_eq!(weeks[2], dec("1710"));
    assert_eq!(weeks[6], dec("363"));
    // Invoice 11 (disputed only from 25 March) is expected on its due date, in week 10:
    // beyond the eight listed.
    let later = report(
        &Ledger::new(&data),
        d(2026, 3, 26),
        Period {
            from: d(2026, 2, 25),
            to: d(2026, 3, 26),
        },
    )
    .expect("report");
    assert_eq!(
        later.currencies["EUR"].expected.weeks[1].expected,
        bucket("1710", 2)
    );
    assert_eq!(
        later.currencies["EUR"].expected.weeks[2].expected,
        bucket("363", 1),
        "k3: 10 April"
    );
}

/// Closing facts: a written-off invoice leaves every figure of what is owed from its date and
/// is reported apart; one handed to legal stays owed, with its amount also shown apart.
#[test]
fn written_off_amounts_are_reported_apart_and_legal_ones_stay_owed() {
    let closing = |id: &str, invoice: &str, date: NaiveDate, outcome: Outcome| ContactEntry {
        id: id.into(),
        client_id: "b".into(),
        invoice_id: Some(invoice.into()),
        step_id: None,
        date,
        channel: Channel::Other,
        who: String::new(),
        outcome,
        note: "closed".into(),
        updated_at: stamp(),
    };
    let mut data = dataset();
    data.contacts
        .push(closing("w", "5", d(2026, 3, 28), Outcome::WrittenOff));
    data.contacts
        .push(closing("l", "6", d(2026, 3, 31), Outcome::HandedToLegal));
    let before = report(&Ledger::new(&dataset()), today(), march()).expect("report");
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    let (was, eur) = (&before.currencies["EUR"], &r.currencies["EUR"]);
    assert_eq!(eur.written_off, bucket("363", 1));
    assert_eq!(eur.outstanding, was.outstanding - dec("363"));
    assert_eq!(eur.overdue, was.overdue - dec("363"));
    assert_eq!(eur.open_count, was.open_count - 1);
    assert_eq!(eur.with_legal, bucket("1210", 1));
    assert!(eur.ageing.over_90.count < was.ageing.over_90.count);
    assert_eq!(r.open_count, before.open_count - 1);
    let borealis = r.clients.iter().find(|c| &*c.client_id == "b").expect("b");
    assert_eq!(
        borealis.outstanding.get("EUR"),
        Some(&(dec("4053.50") - dec("363")))
    );
    // On the day before the write-off it still counted.
    let day = d(2026, 3, 27);
    let r = report(
        &Ledger::new(&data),
        day,
        Period {
            from: d(2026, 2, 26),
            to: day,
        },
    )
    .expect("report");
    assert_eq!(r.currencies["EUR"].written_off, Bucket::default());
    // Reopened: owed again.
    data.contacts
        .push(closing("r", "5", d(2026, 3, 30), Outcome::Reopened));
    let r = report(&Ledger::new(&data), today(), march()).expect("report");
    assert_eq!(r.currencies["EUR"].written_off, Bucket::default());
    assert_eq!(r.currencies["EUR"].outstanding, was.outstanding);
}

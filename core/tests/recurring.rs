//! Recurring invoices: the dates a schedule falls on (month ends, leap years, every N weeks or
//! months), the period each invoice bills and its placeholders, the drafts due on a day, the
//! user's edits, and the property that catching up after any gap makes each date exactly once.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use cobro_core::recurring::{self, Period, ScheduleProblem, Status};
use cobro_core::{
    Client, Covers, Dataset, Lang, Line, MonthDay, MonthlyRule, RecurringSchedule, Repeat, ScheduleEnd,
    VatRate,
};
mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test date")
}

fn t(n: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000 + n, 0).expect("stamp")
}

fn monthly(every: u32, on: MonthDay) -> Repeat {
    Repeat::Months(MonthlyRule { every, on })
}

fn line(text: &str, price: i64) -> Line {
    Line {
        item_id: None,
        description: text.into(),
        quantity: Decimal::ONE,
        unit_price: Decimal::from(price),
        discount_pct: Decimal::ZERO,
        vat: VatRate::Rate(Decimal::from(21)),
    }
}

fn schedule(repeat: Repeat, start: NaiveDate) -> RecurringSchedule {
    RecurringSchedule {
        id: "sch-1".into(),
        name: "Retainer".into(),
        client_id: "cl-1".into(),
        series_id: "s-inv".into(),
        po_number: "PO-7".into(),
        currency: "EUR".into(),
        lines: vec![line("Mantenimiento — {mes}", 300)],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec![],
        notes: "Periodo: {desde} a {hasta}".into(),
        repeat,
        start,
        end: ScheduleEnd::Never,
        covers: Covers::Advance,
        paused: false,
        issue_on_open: false,
        made: 0,
        done_through: None,
        updated_at: t(0),
    }
}

fn client(lang: Lang) -> Client {
    common::client_in("cl-1", "Acme S.L.", "ES", lang)
}

fn first(repeat: Repeat, start: NaiveDate, n: usize) -> Vec<NaiveDate> {
    recurring::dates(repeat, start).take(n).collect()
}

#[test]
fn the_31st_is_each_month_s_last_day_when_shorter_and_comes_back() {
    assert_eq!(
        first(monthly(1, MonthDay::Day(31)), d(2027, 1, 31), 6),
        vec![
            d(2027, 1, 31),
            d(2027, 2, 28),
            d(2027, 3, 31),
            d(2027, 4, 30),
            d(2027, 5, 31),
            d(2027, 6, 30)
        ]
    );
    // 2028 is a leap year: February has its 29th.
    assert_eq!(
        first(monthly(1, MonthDay::Day(30)), d(2028, 1, 30), 3),
        vec![d(2028, 1, 30), d(2028, 2, 29), d(2028, 3, 30)]
    );
}

#[test]
fn a_yearly_schedule_from_29_february_falls_on_the_28th_in_common_years() {
    assert_eq!(
        first(monthly(12, MonthDay::Day(29)), d(2028, 2, 29), 5),
        vec![
            d(2028, 2, 29),
            d(2029, 2, 28),
            d(2030, 2, 28),
            d(2031, 2, 28),
            d(2032, 2, 29)
        ]
    );
}

#[test]
fn the_last_day_of_the_month_follows_each_month_s_length() {
    assert_eq!(
        first(monthly(1, MonthDay::Last), d(2027, 1, 15), 4),
        vec![d(2027, 1, 31), d(2027, 2, 28), d(2027, 3, 31), d(2027, 4, 30)]
    );
    assert_eq!(
        first(monthly(3, MonthDay::Last), d(2027, 3, 31), 4),
        vec![d(2027, 3, 31), d(2027, 6, 30), d(2027, 9, 30), d(2027, 12, 31)]
    );
}

#[test]
fn a_day_already_past_in_the_start_month_begins_a_period_later() {
    assert_eq!(
        first(monthly(1, MonthDay::Day(1)), d(2027, 1, 15), 2),
        vec![d(2027, 2, 1), d(2027, 3, 1)]
    );
    // Every two months: the first is two months on, not one.
    assert_eq!(
        first(monthly(2, MonthDay::Day(10)), d(2027, 1, 15), 2),
        vec![d(2027, 3, 10), d(2027, 5, 10)]
    );
    // A day on the start itself counts.
    assert_eq!(
        first(monthly(1, MonthDay::Day(15)), d(2027, 1, 15), 1),
        vec![d(2027, 1, 15)]
    );
}

#[test]
fn every_n_weeks_keeps_the_start_s_weekday() {
    let dates = first(Repeat::Weeks(2), d(2027, 1, 6), 4);
    assert_eq!(
        dates,
        vec![d(2027, 1, 6), d(2027, 1, 20), d(2027, 2, 3), d(2027, 2, 17)]
    );
    assert!(dates.iter().all(|x| x.weekday() == chrono::Weekday::Wed));
}

#[test]
fn due_dates_stop_at_the_end_count_or_date_and_while_paused() {
    let mut s = schedule(monthly(1, MonthDay::Day(1)), d(2027, 1, 1));
    assert_eq!(recurring::due(&s, d(2027, 3, 31)).len(), 3);
    s.end = ScheduleEnd::After(2);
    assert_eq!(
        recurring::due(&s, d(2027, 12, 31)),
        vec![d(2027, 1, 1), d(2027, 2, 1)]
    );
    s.made = 1;
    assert_eq!(recurring::due(&s, d(2027, 12, 31)), vec![d(2027, 1, 1)]);
    s.made = 0;
    s.end = ScheduleEnd::On(d(2027, 3, 1));
    assert_eq!(
        recurring::due(&s, d(2027, 12, 31)).len(),
        3,
        "the end day itself is made"
    );
    s.end = ScheduleEnd::Never;
    s.paused = true;
    assert!(recurring::due(&s, d(2027, 12, 31)).is_empty());
    assert_eq!(recurring::status(&s), Status::Paused);
}

#[test]
fn the_period_of_each_invoice_in_advance_and_in_arrears() {
    let months = |from: NaiveDate, to: NaiveDate| {
        Some(Period {
            from,
            to,
            months: true,
        })
    };
    let advance = monthly(1, MonthDay::Day(1));
    assert_eq!(
        recurring::period(advance, Covers::Advance, d(2027, 3, 1)),
        months(d(2027, 3, 1), d(2027, 3, 31))
    );
    assert_eq!(
        recurring::period(advance, Covers::Arrears, d(2027, 3, 1)),
        months(d(2027, 2, 1), d(2027, 2, 28))
    );
    let quarterly = monthly(3, MonthDay::Last);
    // On the quarter's last day, in arrears, the quarter just ending.
    assert_eq!(
        recurring::period(quarterly, Covers::Arrears, d(2027, 3, 31)),
        months(d(2027, 1, 1), d(2027, 3, 31))
    );
    assert_eq!(
        recurring::period(quarterly, Covers::Arrears, d(2027, 4, 1)),
        months(d(2027, 1, 1), d(2027, 3, 31))
    );
    assert_eq!(
        recurring::period(quarterly, Covers::Advance, d(2027, 11, 30)),
        months(d(2027, 11, 1), d(2028, 1, 31))
    );
    let weeks = Repeat::Weeks(2);
    assert_eq!(
        recurring::period(weeks, Covers::Advance, d(2027, 3, 1)),
        Some(Period {
            from: d(2027, 3, 1),
            to: d(2027, 3, 14),
            months: false
        })
    );
    assert_eq!(
        recurring::period(weeks, Covers::Arrears, d(2027, 3, 14)),
        Some(Period {
            from: d(2027, 3, 1),
            to: d(2027, 3, 14),
            months: false
        })
    );
}

#[test]
fn placeholders_are_filled_in_the_client_s_language() {
    let march = Period {
        from: d(2027, 3, 1),
        to: d(2027, 3, 31),
        months: true,
    };
    assert_eq!(
        recurring::fill("Servicios de {mes} ({desde} – {hasta})", march, Lang::Es),
        "Servicios de marzo de 2027 (01/03/2027 – 31/03/2027)"
    );
    assert_eq!(
        recurring::fill("Services for {month}, {from} to {to}", march, Lang::En),
        "Services for March 2027, 1 Mar 2027 to 31 Mar 2027"
    );
    // Either language's names work in either language; unknown braces stay.
    assert_eq!(
        recurring::fill("{month} {año} {x}", march, Lang::Es),
        "marzo de 2027 2027 {x}"
    );
    let quarter = Period {
        from: d(2027, 1, 1),
        to: d(2027, 3, 31),
        months: true,
    };
    assert_eq!(
        recurring::fill("{periodo}", quarter, Lang::Es),
        "enero–marzo de 2027"
    );
    assert_eq!(
        recurring::fill("{period}", quarter, Lang::En),
        "January–March 2027"
    );
    let across = Period {
        from: d(2026, 12, 1),
        to: d(2027, 1, 31),
        months: true,
    };
    assert_eq!(
        recurring::fill("{periodo}", across, Lang::Es),
        "diciembre de 2026 – enero de 2027"
    );
    let fortnight = Period {
        from: d(2027, 3, 1),
        to: d(2027, 3, 14),
        months: false,
    };
    assert_eq!(
        recurring::fill("{period}", fortnight, Lang::En),
        "1 Mar 2027 – 14 Mar 2027"
    );
}

#[test]
fn three_months_later_there_are_three_drafts_one_per_month_with_their_texts() {
    // Set up on 10 January, first invoice on 1 February; Cobro opened again on 15 April.
    let s = schedule(monthly(1, MonthDay::Day(1)), d(2027, 2, 1));
    let run = recurring::catch_up(&s, &client(Lang::Es), d(2027, 4, 15), t(1), &|_| false);
    let dates: Vec<NaiveDate> = run.drafts.iter().map(|i| i.issue_date).collect();
    assert_eq!(dates, vec![d(2027, 2, 1), d(2027, 3, 1), d(2027, 4, 1)]);
    let texts: Vec<&str> = run
        .drafts
        .iter()
        .map(|i| i.lines[0].description.as_str())
        .collect();
    assert_eq!(
        texts,
        vec![
            "Mantenimiento — febrero de 2027",
            "Mantenimiento — marzo de 2027",
            "Mantenimiento — abril de 2027"
        ]
    );
    let first = &run.drafts[0];
    assert_eq!(first.notes, "Periodo: 01/02/2027 a 28/02/2027");
    assert_eq!(first.number, None, "drafts: numbers come when issued");
    assert_eq!(first.due_date, d(2027, 3, 3), "the client's 30 days");
    assert_eq!(first.po_number, "PO-7");
    assert_eq!(first.id, recurring::draft_id("sch-1", d(2027, 2, 1)));
    assert_eq!(recurring::made_by(&first.id), Some(("sch-1", d(2027, 2, 1))));
    assert_eq!(run.schedule.made, 3);
    assert_eq!(run.schedule.done_through, Some(d(2027, 4, 15)));
    assert_eq!(recurring::next_date(&run.schedule), Some(d(2027, 5, 1)));
    // The same day again (another tab, a reload): nothing more.
    let again = recurring::catch_up(&run.schedule, &client(Lang::Es), d(2027, 4, 15), t(2), &|_| false);
    assert!(again.drafts.is_empty());
    assert_eq!(again.schedule, run.schedule, "nothing to write");
}

#[test]
fn an_older_cursor_finds_the_drafts_already_made_and_skips_them() {
    let s = schedule(monthly(1, MonthDay::Day(1)), d(2027, 2, 1));
    let made: BTreeSet<String> = [d(2027, 2, 1), d(2027, 3, 1)]
        .into_iter()
        .map(|x| recurring::draft_id("sch-1", x))
        .collect();
    let run = recurring::catch_up(&s, &client(Lang::Es), d(2027, 4, 15), t(1), &|id| {
        made.contains(id)
    });
    assert_eq!(run.drafts.len(), 1);
    assert_eq!(run.drafts[0].issue_date, d(2027, 4, 1));
    assert_eq!(run.schedule.made, 3, "the existing ones count toward the end");
}

#[test]
fn pausing_skips_the_dates_that_pass_and_editing_applies_to_the_future() {
    let s = schedule(monthly(1, MonthDay::Day(1)), d(2027, 1, 1));
    let run = recurring::catch_up(&s, &client(Lang::Es), d(2027, 1, 5), t(1), &|_| false);
    assert_eq!(run.drafts.len(), 1);
    let paused = recurring::pause(&run.schedule, t(2));
    assert!(
        recurring::catch_up(&paused, &client(Lang::Es), d(2027, 4, 1), t(3), &|_| false)
            .drafts
            .is_empty()
    );
    let resumed = recurring::resume(&paused, d(2027, 4, 10), t(4));
    assert_eq!(
        recurring::next_date(&resumed),
        Some(d(2027, 5, 1)),
        "Feb–Apr skipped"
    );
    // An edit made on 10 April moving the day to the 5th and the start back to January
    // bills nothing of the past; the count stays.
    let mut form = resumed.clone();
    form.repeat = monthly(1, MonthDay::Day(5));
    form.start = d(2027, 1, 5);
    form.lines = vec![line("Nuevo precio — {mes}", 400)];
    form.made = 99;
    let edited = recurring::edit(&resumed, &form, d(2027, 4, 10), t(5));
    assert_eq!(edited.made, 1);
    assert_eq!(recurring::next_date(&edited), Some(d(2027, 5, 5)));
    let later = recurring::catch_up(&edited, &client(Lang::Es), d(2027, 5, 6), t(6), &|_| false);
    assert_eq!(later.drafts.len(), 1);
    assert_eq!(
        later.drafts[0].lines[0].description,
        "Nuevo precio — mayo de 2027"
    );
    // Ending it: nothing after today.
    let ended = recurring::end(&later.schedule, d(2027, 5, 20), t(7));
    assert_eq!(recurring::status(&ended), Status::Ended);
    assert!(
        recurring::catch_up(&ended, &client(Lang::Es), d(2028, 1, 1), t(8), &|_| false)
            .drafts
            .is_empty()
    );
}

#[test]
fn a_new_schedule_started_in_the_past_makes_those_drafts_at_once() {
    let s = schedule(monthly(1, MonthDay::Day(1)), d(2027, 1, 1));
    assert_eq!(recurring::due(&s, d(2027, 3, 10)).len(), 3);
}

#[test]
fn one_run_makes_at_most_its_share_and_the_next_run_the_rest() {
    // Weekly from 1 January 2027, first opened on 2 January 2030: 157 dates are owed.
    let s = schedule(Repeat::Weeks(1), d(2027, 1, 1));
    let c = client(Lang::Es);
    let today = d(2030, 1, 2);
    let owed = recurring::dates(Repeat::Weeks(1), d(2027, 1, 1))
        .take_while(|x| *x <= today)
        .count();
    assert_eq!(owed, 157);
    let first = recurring::catch_up(&s, &c, today, t(1), &|_| false);
    assert_eq!(first.drafts.len(), recurring::MAX_PER_RUN);
    let cursor = first.drafts[recurring::MAX_PER_RUN - 1].issue_date;
    assert_eq!(first.schedule.done_through, Some(cursor));
    let made: BTreeSet<String> = first.drafts.iter().map(|i| i.id.clone()).collect();
    let second = recurring::catch_up(&first.schedule, &c, today, t(2), &|id| made.contains(id));
    assert_eq!(second.drafts.len(), owed - recurring::MAX_PER_RUN);
    assert_eq!(second.schedule.done_through, Some(today));
    assert_eq!(second.schedule.made, 157);
}

#[test]
fn drafts_that_exist_do_not_use_up_a_run_behind_a_restored_cursor() {
    // A backup from before the schedule ever ran comes back when 121 weeks have been made:
    // the run finds those 121 drafts and makes the one new week too, not the 120 first dates
    // only (which would leave 20 April 2029 owed until the next opening).
    let s = schedule(Repeat::Weeks(1), d(2027, 1, 1));
    let c = client(Lang::Es);
    let made: BTreeSet<String> = recurring::dates(Repeat::Weeks(1), d(2027, 1, 1))
        .take_while(|x| *x <= d(2029, 4, 13))
        .map(|x| recurring::draft_id(&s.id, x))
        .collect();
    assert_eq!(made.len(), recurring::MAX_PER_RUN);
    let run = recurring::catch_up(&s, &c, d(2029, 4, 20), t(1), &|id| made.contains(id));
    let dates: Vec<NaiveDate> = run.drafts.iter().map(|i| i.issue_date).collect();
    assert_eq!(dates, vec![d(2029, 4, 20)]);
    assert_eq!(run.schedule.done_through, Some(d(2029, 4, 20)));
    assert_eq!(run.schedule.made, 121);
}

#[test]
fn the_drafts_are_in_the_client_s_language_not_the_user_s() {
    let s = schedule(monthly(1, MonthDay::Day(1)), d(2027, 2, 1));
    let run = recurring::catch_up(&s, &client(Lang::En), d(2027, 2, 1), t(1), &|_| false);
    assert_eq!(
        run.drafts[0].lines[0].description,
        "Mantenimiento — February 2027"
    );
}

#[test]
fn check_refuses_what_cannot_make_an_invoice() {
    let mut s = schedule(monthly(0, MonthDay::Day(32)), d(2027, 2, 1));
    s.name = " ".into();
    s.lines.clear();
    s.end = ScheduleEnd::On(d(2027, 1, 1));
    let problems = recurring::check(&s);
    assert!(problems.contains(&ScheduleProblem::NoName));
    assert!(problems.contains(&ScheduleProblem::NoLines));
    assert!(problems.contains(&ScheduleProblem::DayOutOfRange { day: 32 }));
    assert!(problems.contains(&ScheduleProblem::EveryOutOfRange { every: 0, max: 24 }));
    assert!(problems.contains(&ScheduleProblem::EndsBeforeStart {
        start: d(2027, 2, 1),
        end: d(2027, 1, 1)
    }));
    s = schedule(Repeat::Weeks(53), d(2027, 2, 1));
    s.end = ScheduleEnd::After(0);
    s.currency = "XXX".into();
    let problems = recurring::check(&s);
    assert!(problems.contains(&ScheduleProblem::EveryOutOfRange { every: 53, max: 52 }));
    assert!(problems.contains(&ScheduleProblem::AfterZero(0)));
    assert!(problems.iter().any(|p| matches!(p, ScheduleProblem::Amounts(_))));
    assert!(recurring::check(&schedule(monthly(1, MonthDay::Last), d(2027, 1, 1))).is_empty());
}

#[test]
fn ids_of_other_invoices_are_not_taken_for_a_schedule_s() {
    assert_eq!(recurring::made_by("0b4c6f1e-8f3a-4c55-9d2e-7a1b2c3d4e5f"), None);
    assert_eq!(recurring::made_by("@2027-01-01"), None);
    assert_eq!(recurring::made_by("x@2027-02-30"), None);
}

#[test]
fn the_list_and_the_drafts_to_issue() {
    let s = schedule(monthly(1, MonthDay::Day(1)), d(2027, 2, 1));
    let c = client(Lang::Es);
    let run = recurring::catch_up(&s, &c, d(2027, 4, 15), t(1), &|_| false);
    let mut data = Dataset {
        clients: vec![c],
        invoices: run.drafts.clone(),
        recurring: vec![run.schedule.clone()],
        ..Dataset::default()
    };
    let waiting = recurring::to_issue(&data);
    assert_eq!(waiting.len(), 3);
    assert_eq!(waiting[0].issue_date, d(2027, 2, 1), "oldest first");
    assert_eq!(waiting[0].client_name, "Acme S.L.");
    assert_eq!(waiting[0].summary, "Mantenimiento — febrero de 2027");
    assert_eq!(waiting[0].total, Some(Decimal::new(36300, 2)));
    let rows = recurring::rows(&data, Some("cl-1"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].to_issue, 3);
    assert_eq!(rows[0].status, Status::Active { next: d(2027, 5, 1) });
    assert!(recurring::rows(&data, Some("other")).is_empty());
    data.invoices[0].number = Some("F2027-0001".into());
    assert_eq!(recurring::to_issue(&data).len(), 2, "issued ones are done");
}

fn arb_repeat() -> impl Strategy<Value = Repeat> {
    prop_oneof![
        (1u32..=5).prop_map(Repeat::Weeks),
        (
            1u32..=13,
            prop_oneof![(1u8..=31).prop_map(MonthDay::Day), Just(MonthDay::Last)]
        )
            .prop_map(|(every, on)| Repeat::Months(MonthlyRule { every, on })),
    ]
}

fn arb_end() -> impl Strategy<Value = ScheduleEnd> {
    prop_oneof![
        Just(ScheduleEnd::Never),
        (1u32..=30).prop_map(ScheduleEnd::After),
        (0u64..1500).prop_map(|n| ScheduleEnd::On(d(2027, 1, 1) + chrono::Days::new(n))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Opening Cobro on any days (any gaps between them), and now and then restoring an older
    /// copy of the schedule (its cursor back where it was) while the drafts stay, makes every
    /// date of the schedule up to the last day exactly once: the same drafts as one run on the
    /// last day would, never one twice.
    #[test]
    fn catching_up_after_any_gaps_makes_each_date_exactly_once(
        repeat in arb_repeat(),
        start_offset in 0u64..400,
        end in arb_end(),
        gaps in proptest::collection::vec((1u64..200, any::<bool>()), 1..12),
    ) {
        let mut s = schedule(repeat, d(2027, 1, 1) + chrono::Days::new(start_offset));
        s.end = end;
        let c = client(Lang::Es);
        let mut stored: BTreeSet<String> = BTreeSet::new();
        let mut made: Vec<NaiveDate> = Vec::new();
        let mut day = d(2026, 12, 15);
        let mut snapshots = vec![s.clone()];
        for (gap, restore) in gaps {
            day = day + chrono::Days::new(gap);
            if restore {
                // A backup made earlier comes back: its cursor is behind, the drafts are here.
                s = snapshots[snapshots.len() / 2].clone();
            }
            let run = recurring::catch_up(&s, &c, day, t(1), &|id| stored.contains(id));
            for draft in &run.drafts {
                prop_assert!(stored.insert(draft.id.clone()), "made twice: {}", draft.id);
                made.push(draft.issue_date);
            }
            s = run.schedule;
            snapshots.push(s.clone());
        }
        // The plain definition: every date of the rule up to the last day, within the end.
        let start = d(2027, 1, 1) + chrono::Days::new(start_offset);
        let last = match end {
            ScheduleEnd::On(e) => e.min(day),
            _ => day,
        };
        let count = match end {
            ScheduleEnd::After(n) => n as usize,
            _ => usize::MAX,
        };
        let expected: Vec<NaiveDate> = recurring::dates(repeat, start)
            .take_while(|x| *x <= last)
            .take(count)
            .collect();
        made.sort();
        prop_assert_eq!(made, expected);
    }
}

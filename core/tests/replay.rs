//! Three years of a freelancer's collections replayed day by day from generated data: invoices
//! issued (some never marked sent), clients who pay on time, late, in part or never, promise
//! and break promises, dispute; a user who works the agenda's cards (done, snoozed, letters,
//! write-offs, handing to legal), goes away for a week or two now and then, and resolves
//! disputes. Every change goes through the same core handlers the app's storage uses.
//!
//! Every day, whatever happened: every invoice that is owed and not closed is on the agenda
//! exactly once (a card, coming up or later), the cards are one per invoice, the report counts
//! the same invoices as open, and every card's text is true that day.

use chrono::{DateTime, Days, NaiveDate, Utc};
use cobro_core::agenda::{self, CardKind};
use cobro_core::collect;
use cobro_core::follow_up::{self, ClosureKind};
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle;
use cobro_core::report::{self, Period};
use cobro_core::schedule;
use cobro_core::{
    BusinessProfile, Channel, Client, ContactEntry, CreditNote, Dataset, FollowUpStep, Invoice, Lang, Line,
    Outcome, Payment, Sending, StepKind, VatRate,
};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// splitmix64: the replay is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn at(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).expect("time").and_utc()
}

fn plus(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).expect("date")
}

/// What a client will do about an invoice, drawn when it is issued.
#[derive(Clone, Copy)]
enum Pays {
    /// Pays in full this many days after the due date (negative: before).
    Full(i64),
    /// Pays half then, the rest never.
    Half(i64),
    Never,
}

struct World {
    data: Dataset,
    rng: Rng,
    ids: u64,
    pays: BTreeMap<String, Pays>,
    /// Promises the client will keep: invoice → the day it pays.
    kept: BTreeMap<String, NaiveDate>,
    away_until: Option<NaiveDate>,
    numbers: u32,
}

impl World {
    fn id(&mut self, kind: &str) -> String {
        self.ids += 1;
        format!("{kind}-{:05}", self.ids)
    }

    fn upsert_steps(&mut self, changed: Vec<FollowUpStep>) {
        for c in changed {
            match self.data.steps.iter_mut().find(|s| s.id == c.id) {
                Some(s) => *s = c,
                None => self.data.steps.push(c),
            }
        }
    }

    fn set_invoice(&mut self, inv: Invoice) {
        if let Some(slot) = self.data.invoices.iter_mut().find(|i| i.id == inv.id) {
            *slot = inv;
        }
    }

    fn invoice(&self, id: &str) -> Invoice {
        self.data
            .invoices
            .iter()
            .find(|i| i.id == id)
            .cloned()
            .expect("invoice")
    }

    fn log(&mut self, inv: &Invoice, day: NaiveDate, outcome: Outcome, step: Option<String>, note: &str) {
        let id = self.id("k");
        self.data.contacts.push(ContactEntry {
            id,
            client_id: inv.client_id.clone(),
            invoice_id: Some(inv.id.clone()),
            step_id: step,
            date: day,
            channel: Channel::Phone,
            who: "AP".into(),
            outcome,
            note: note.into(),
            updated_at: at(day),
        });
    }

    /// The client side of the day: payments due today, promises kept.
    fn clients_act(&mut self, day: NaiveDate) {
        // What each invoice owes this morning (each one pays at most once a day).
        let owing: Vec<(Invoice, Decimal)> = {
            let ledger = Ledger::new(&self.data);
            self.data
                .invoices
                .iter()
                .filter(|i| i.number.is_some() && i.cancelled_by.is_none())
                .map(|i| (i.clone(), ledger.balance(i).map(|b| b.owed).unwrap_or_default()))
                .filter(|(_, owed)| *owed > Decimal::ZERO)
                .collect()
        };
        for (inv, owed) in owing {
            let due_pay = match self.pays.get(&inv.id) {
                Some(Pays::Full(off)) | Some(Pays::Half(off)) => {
                    let on = inv
                        .due_date
                        .checked_add_signed(chrono::Duration::days(*off))
                        .expect("date");
                    on == day && lifecycle::current_dispute(&inv).is_none()
                }
                _ => false,
            };
            let promised = self.kept.get(&inv.id) == Some(&day);
            if !(due_pay || promised) {
                continue;
            }
            let amount = match self.pays.get(&inv.id) {
                Some(Pays::Half(_)) if !promised => (owed / Decimal::from(2)).round_dp(2),
                _ => owed,
            };
            let id = self.id("p");
            self.data.payments.push(Payment {
                closed_steps: Vec::new(),
                early_discount: None,
                voided: None,
                id,
                invoice_id: inv.id.clone(),
                date: day,
                amount,
                method_id: None,
                note: String::new(),
                updated_at: at(day),
            });
            if amount >= owed {
                let steps: Vec<FollowUpStep> = self
                    .data
                    .steps
                    .iter()
                    .filter(|s| s.invoice_id == inv.id)
                    .cloned()
                    .collect();
                let closed = schedule::on_paid_in_full(&steps, at(day));
                self.upsert_steps(closed);
            }
        }
    }

    /// New work invoiced today: most sent the same day, some left unsent for a while.
    fn issue(&mut self, day: NaiveDate) {
        if !self.rng.chance(35) {
            return;
        }
        let client = self.data.clients[self.rng.below(self.data.clients.len() as u64) as usize].clone();
        self.numbers += 1;
        let id = self.id("inv");
        let amount = Decimal::from(self.rng.range(80, 4000));
        let inv = Invoice {
            id: id.clone(),
            series_id: "s".into(),
            number: Some(format!("F-{:05}", self.numbers)),
            client_id: client.id.clone(),
            po_number: String::new(),
            issue_date: day,
            delivery_date: None,
            due_date: plus(day, u64::from(client.payment_terms_days)),
            currency: client.currency.clone(),
            lines: vec![Line {
                item_id: None,
                description: "Trabajo".into(),
                quantity: Decimal::ONE,
                unit_price: amount,
                discount_pct: Decimal::ZERO,
                vat: VatRate::Rate(Decimal::ZERO),
            }],
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
            updated_at: at(day),
        };
        let pays = match self.rng.below(100) {
            0..=44 => Pays::Full(-(self.rng.range(0, 10) as i64)),
            45..=74 => Pays::Full(self.rng.range(1, 120) as i64),
            75..=84 => Pays::Half(self.rng.range(0, 40) as i64),
            _ => Pays::Never,
        };
        self.pays.insert(id.clone(), pays);
        self.data.invoices.push(inv.clone());
        // 85 % are sent at once; the rest wait for the "send it" card.
        if self.rng.chance(85) {
            self.send(&id, day);
        }
        // Now and then an invoice is cancelled by a credit note a few days later.
        if self.rng.chance(3) {
            let cn = self.id("cn");
            let mut inv = self.invoice(&id);
            inv.cancelled_by = Some(cn.clone());
            self.set_invoice(inv.clone());
            self.data.credit_notes.push(CreditNote {
                id: cn.clone(),
                series_id: "r".into(),
                number: Some(format!("R-{cn}")),
                invoice_id: id,
                client_id: inv.client_id.clone(),
                issue_date: plus(day, 3),
                reason: "Anulada".into(),
                currency: inv.currency.clone(),
                lines: inv.lines.clone(),
                withholding_pct: Decimal::ZERO,
                invoice_discount_pct: Decimal::ZERO,
                full_cancellation: true,
                updated_at: at(day),
            });
        }
    }

    fn send(&mut self, id: &str, day: NaiveDate) {
        let inv = self.invoice(id);
        let Ok(sent) = lifecycle::mark_sent(
            &inv,
            Sending {
                date: day,
                channel: Channel::Email,
            },
            at(day),
        ) else {
            return;
        };
        let steps: Vec<FollowUpStep> = self
            .data
            .steps
            .iter()
            .filter(|s| s.invoice_id == id)
            .cloned()
            .collect();
        let policy = self.data.settings.policy.clone();
        let mut n = self.ids;
        let changed = schedule::on_sent(
            &steps,
            &sent,
            day,
            &policy,
            &mut || {
                n += 1;
                format!("st-{n:05}")
            },
            at(day),
        )
        .expect("planned");
        self.ids = n;
        self.set_invoice(sent);
        self.upsert_steps(changed);
    }

    /// The user works today's cards, highest worth first, up to a day's worth of calls.
    fn user_works(&mut self, day: NaiveDate) {
        if self.away_until.is_some_and(|until| day <= until) {
            return;
        }
        if self.rng.chance(2) {
            // Away for one to two weeks from tomorrow.
            self.away_until = Some(plus(day, self.rng.range(7, 14)));
        }
        let work: Vec<(String, follow_up::StepRef, StepKind)> = {
            let ledger = Ledger::new(&self.data);
            let a = agenda::agenda(&ledger, day, 14);
            a.due
                .iter()
                .take(12)
                .filter_map(|i| {
                    let f = i.follow_up()?;
                    Some((f.invoice.id.clone(), f.current.reference(), f.current.kind))
                })
                .collect()
        };
        for (invoice_id, shown, kind) in work {
            let roll = self.rng.below(100);
            if roll < 8 {
                // Put the whole invoice off.
                let to = plus(day, self.rng.range(2, 9));
                let changed = {
                    let ledger = Ledger::new(&self.data);
                    let index = ledger.invoice_index(&invoice_id).expect("index");
                    let facts = collect::facts(&ledger, index, day).expect("facts");
                    let current =
                        follow_up::current(&facts, &self.data.settings.policy, day).expect("current");
                    let mut n = self.ids;
                    let out = schedule::snooze_invoice(
                        &facts,
                        &current,
                        to,
                        day,
                        &mut || {
                            n += 1;
                            format!("st-{n:05}")
                        },
                        at(day),
                    )
                    .expect("snoozed");
                    self.ids = n;
                    out
                };
                self.upsert_steps(changed);
                continue;
            }
            if kind == StepKind::SendInvoice {
                self.send(&invoice_id, day);
                continue;
            }
            let inv = self.invoice(&invoice_id);
            let recontacts = self
                .data
                .steps
                .iter()
                .filter(|s| s.invoice_id == invoice_id && s.kind == StepKind::Recontact)
                .count();
            if kind == StepKind::Recontact && recontacts >= 4 && self.rng.chance(25) {
                let outcome = if self.rng.chance(50) {
                    Outcome::WrittenOff
                } else {
                    Outcome::HandedToLegal
                };
                self.log(&inv, day, outcome, None, "cerrada");
                let steps: Vec<FollowUpStep> = self
                    .data
                    .steps
                    .iter()
                    .filter(|s| s.invoice_id == invoice_id)
                    .cloned()
                    .collect();
                let closed = schedule::on_closed(&steps, at(day));
                self.upsert_steps(closed);
                continue;
            }
            // Done: the step shown is settled (and what it supersedes), the contact logged.
            let settled = {
                let ledger = Ledger::new(&self.data);
                let index = ledger.invoice_index(&invoice_id).expect("index");
                let facts = collect::facts(&ledger, index, day).expect("facts");
                let mut n = self.ids;
                let out = schedule::settle_shown(
                    &facts,
                    &self.data.settings.policy,
                    day,
                    &shown,
                    day,
                    &mut || {
                        n += 1;
                        format!("st-{n:05}")
                    },
                    at(day),
                );
                self.ids = n;
                out
            };
            let answered = settled.first().map(|s| s.id.clone());
            self.upsert_steps(settled);
            let overdue = day > inv.due_date;
            if kind == StepKind::DisputeReview {
                self.log(&inv, day, Outcome::Other, answered, "en revisión");
                if self.rng.chance(30) {
                    let resolved = lifecycle::resolve_dispute(&inv, day, at(day)).expect("resolved");
                    let steps: Vec<FollowUpStep> = self
                        .data
                        .steps
                        .iter()
                        .filter(|s| s.invoice_id == invoice_id)
                        .cloned()
                        .collect();
                    let last = resolved.disputes.last().cloned().expect("dispute");
                    let changed =
                        schedule::on_dispute_resolved(&steps, &last, &self.data.settings.policy, at(day))
                            .expect("resumed");
                    self.set_invoice(resolved);
                    self.upsert_steps(changed);
                }
                continue;
            }
            match self.rng.below(100) {
                0..=14 if overdue => {
                    let promised = plus(day, self.rng.range(3, 20));
                    self.log(&inv, day, Outcome::PromisedToPay { date: promised }, answered, "");
                    if self.rng.chance(50) {
                        self.kept.insert(invoice_id.clone(), promised);
                    }
                    let steps: Vec<FollowUpStep> = self
                        .data
                        .steps
                        .iter()
                        .filter(|s| s.invoice_id == invoice_id)
                        .cloned()
                        .collect();
                    let mut n = self.ids;
                    let changed = schedule::on_promise(
                        &steps,
                        promised,
                        &self.data.settings.policy,
                        &inv,
                        &mut || {
                            n += 1;
                            format!("st-{n:05}")
                        },
                        at(day),
                    )
                    .expect("promise");
                    self.ids = n;
                    self.upsert_steps(changed);
                }
                15..=18 if lifecycle::current_dispute(&inv).is_none() => {
                    self.log(
                        &inv,
                        day,
                        Outcome::Disputed {
                            reason: "horas".into(),
                        },
                        answered,
                        "",
                    );
                    if let Ok(opened) = lifecycle::open_dispute(&inv, day, "horas", at(day)) {
                        self.set_invoice(opened);
                    }
                }
                19..=50 => self.log(&inv, day, Outcome::NoAnswer, answered, ""),
                _ => self.log(&inv, day, Outcome::Other, answered, "recordado"),
            }
        }
        // Now and then an agency gives a debt back.
        if self.rng.chance(1) {
            let ledger = Ledger::new(&self.data);
            let legal: Option<Invoice> = self
                .data
                .invoices
                .iter()
                .find(|i| {
                    follow_up::closure(ledger.contacts_of(&i.id).iter().copied(), day)
                        .is_some_and(|c| c.kind == ClosureKind::Legal)
                })
                .cloned();
            drop(ledger);
            if let Some(inv) = legal {
                self.log(&inv, day, Outcome::Reopened, None, "devuelta por la agencia");
            }
        }
    }
}

fn world(seed: u64) -> World {
    let client = |i: usize, lang: Lang, currency: &str, terms: u32| Client {
        archived: false,
        id: format!("c{i}"),
        legal_name: format!("Cliente {i}"),
        tax_id: format!("B{i:08}"),
        address: Default::default(),
        ap_contact_name: format!("AP {i}"),
        ap_contact_email: format!("ap{i}@example.com"),
        ap_contact_phone: "+34 600 000 000".into(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: terms,
        preferred_payment_method_ids: vec![],
        currency: currency.into(),
        language: lang,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        updated_at: at(d("2023-01-01")),
    };
    let clients = (0..14)
        .map(|i| {
            let lang = if i % 3 == 0 { Lang::En } else { Lang::Es };
            let currency = match i % 7 {
                3 => "GBP",
                5 => "USD",
                _ => "EUR",
            };
            client(i, lang, currency, [15, 30, 30, 45, 60, 90][i % 6])
        })
        .collect();
    World {
        data: Dataset {
            profile: BusinessProfile {
                name: "Estudio".into(),
                ..BusinessProfile::default()
            },
            clients,
            ..Dataset::default()
        },
        rng: Rng(seed),
        ids: 0,
        pays: BTreeMap::new(),
        kept: BTreeMap::new(),
        away_until: None,
        numbers: 0,
    }
}

/// The checks of one day (see the module doc).
fn check_day(w: &World, day: NaiveDate, seen: &mut BTreeSet<StepKind>) {
    let data = &w.data;
    let ledger = Ledger::new(data);
    let a = agenda::agenda(&ledger, day, 14);
    // Exactly one item per invoice followed up, and every owed, unclosed invoice is one.
    let mut listed: Vec<&str> = a.all().map(|i| i.task.id()).collect();
    let count = listed.len();
    listed.sort_unstable();
    listed.dedup();
    assert_eq!(listed.len(), count, "{day}: an invoice listed twice");
    let mut owed_open: Vec<&str> = Vec::new();
    let mut legal = 0;
    // The plain definitions, by scanning each list once.
    let mut payments_of: BTreeMap<&str, Vec<&Payment>> = BTreeMap::new();
    for p in &data.payments {
        payments_of.entry(p.invoice_id.as_str()).or_default().push(p);
    }
    let mut contacts_of: BTreeMap<&str, Vec<&ContactEntry>> = BTreeMap::new();
    for c in &data.contacts {
        if let Some(i) = c.invoice_id.as_deref() {
            contacts_of.entry(i).or_default().push(c);
        }
    }
    for inv in &data.invoices {
        if inv.number.is_none()
            || inv.cancelled_by.as_ref().is_some_and(|cn| {
                data.credit_notes
                    .iter()
                    .find(|c| &c.id == cn)
                    .is_none_or(|c| c.issue_date <= day)
            })
        {
            continue;
        }
        let payments = payments_of.get(inv.id.as_str()).cloned().unwrap_or_default();
        let owed = lifecycle::balance(inv, &payments, &[]).expect("balance").owed;
        if owed <= Decimal::ZERO {
            continue;
        }
        let contacts = contacts_of.get(inv.id.as_str()).cloned().unwrap_or_default();
        match follow_up::closure(contacts.iter().copied(), day).map(|c| c.kind) {
            Some(ClosureKind::WrittenOff) => continue,
            Some(ClosureKind::Legal) => {
                legal += 1;
                continue;
            }
            None => owed_open.push(&inv.id),
        }
    }
    owed_open.sort_unstable();
    assert_eq!(
        listed, owed_open,
        "{day}: every owed invoice is on the agenda, once"
    );
    assert_eq!(a.with_legal, legal, "{day}");
    assert!(a.due.iter().all(|i| i.due <= day) && a.upcoming.iter().chain(&a.later).all(|i| i.due > day));

    // The report counts the same invoices as open.
    let r = report::report(&ledger, day, Period { from: day, to: day }).expect("report");
    assert_eq!(r.open_count, count + legal, "{day}: report and agenda agree");

    // Every card of the day is true that day.
    for (rank, item) in a.due.iter().enumerate() {
        let card = agenda::card(&ledger, &data.profile, item, rank + 1, day, true);
        let CardKind::FollowUp { step, .. } = &card.kind;
        seen.insert(step.kind);
        let m = card.message.as_ref().expect("every card has its text");
        let all = format!("{}\n{}", m.subject, m.body);
        let late = card.days_overdue;
        let (days_word, overdue_words, today_words, ahead_words) = match card.message_lang {
            Lang::Es => (
                if late == 1 {
                    "1 día".to_owned()
                } else {
                    format!("{late} días")
                },
                "de retraso",
                "Vencimiento hoy",
                "vence el próximo",
            ),
            Lang::En => (
                if late == 1 {
                    "1 day".to_owned()
                } else {
                    format!("{late} days")
                },
                "overdue",
                "is due today",
                "falls due on",
            ),
        };
        match late {
            n if n > 0 => {
                assert!(
                    !all.contains(today_words) && !all.contains(ahead_words),
                    "{day} {step:?}: {all}"
                );
                if matches!(
                    step.kind,
                    StepKind::DueDay
                        | StepKind::Reminder
                        | StepKind::Recontact
                        | StepKind::Escalation
                        | StepKind::PreDue
                        | StepKind::FormalLetter
                        | StepKind::ReceiptCheck
                ) {
                    assert!(
                        all.contains(&format!("{days_word} {overdue_words}"))
                            || all.contains(&format!("now {days_word} overdue"))
                            || all.contains(&format!("{days_word} overdue")),
                        "{day} {step:?} {late}: {all}"
                    );
                }
            }
            0 => assert!(
                !all.contains(overdue_words) || step.kind == StepKind::DisputeReview,
                "{day} {step:?}: {all}"
            ),
            _ => assert!(
                !all.contains(&format!(" {overdue_words}")) && !all.contains(today_words),
                "{day} {step:?}: {all}"
            ),
        }
        // "Second reminder" only after a first one was sent.
        let sent_reminders = {
            let index = ledger.invoice_index(&card.invoice_id).expect("index");
            let facts = collect::facts(&ledger, index, day).expect("facts");
            follow_up::reminders_sent(&facts)
        };
        if sent_reminders == 0 {
            assert!(
                !all.contains("Segundo recordatorio") && !all.contains("Second reminder"),
                "{day}: {all}"
            );
        }
        // A broken promise is named only when one was broken.
        let CardKind::FollowUp { promises_broken, .. } = &card.kind;
        if all.contains("se comprometió a realizar") || all.contains("The payment you promised") {
            assert!(*promises_broken > 0, "{day}: no promise was broken: {all}");
        }
        // The amount is what is owed that day.
        let owed = card.owed.expect("owed");
        let written = cobro_core::money::format_amount(owed, &card.currency, card.message_lang);
        assert!(all.contains(&written), "{day}: {written} in {all}");
    }
}

#[test]
fn three_years_day_by_day_keep_every_owed_invoice_in_sight_with_one_true_card_each() {
    let mut w = world(20_26);
    let start = d("2023-01-02");
    let end = d("2025-12-31");
    let mut seen = BTreeSet::new();
    let mut day = start;
    let mut most_cards = 0;
    while day <= end {
        w.clients_act(day);
        w.issue(day);
        check_day(&w, day, &mut seen);
        w.user_works(day);
        // After the user's work the agenda is still whole.
        check_day(&w, day, &mut seen);
        most_cards = most_cards.max(agenda::agenda(&Ledger::new(&w.data), day, 14).due.len());
        day = day.succ_opt().expect("date");
    }
    // The replay went through every kind of step and closing.
    for kind in [
        StepKind::SendInvoice,
        StepKind::ReceiptCheck,
        StepKind::Reminder,
        StepKind::FormalLetter,
        StepKind::Escalation,
        StepKind::PromiseCheck,
        StepKind::Recontact,
        StepKind::DisputeReview,
    ] {
        assert!(seen.contains(&kind), "no {kind:?} card in three years");
    }
    let outcomes: BTreeSet<String> = w
        .data
        .contacts
        .iter()
        .map(|c| {
            format!("{:?}", c.outcome)
                .split([' ', '{'])
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    for o in [
        "WrittenOff",
        "HandedToLegal",
        "Reopened",
        "PromisedToPay",
        "Disputed",
    ] {
        assert!(outcomes.contains(o), "no {o} in three years: {outcomes:?}");
    }
    assert!(w.data.invoices.len() > 300, "{} invoices", w.data.invoices.len());
    assert!(most_cards > 5, "a real agenda: at most {most_cards} cards");
    assert!(w
        .data
        .steps
        .iter()
        .any(|s| s.state == cobro_core::StepState::Superseded));
    assert!(w.data.steps.iter().any(|s| s.snoozed_from.is_some()));
}

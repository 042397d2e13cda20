//! The storage layout (`cobro_core::pack`): every record in exactly one pack, the one its
//! family (or id) names; the packs read at start-up (start class and hot families) hold
//! everything the agenda needs, so it is the same agenda as over all the data; and the
//! changes of one write bring a dataset in memory to what reading everything would give.

use chrono::{DateTime, Days, NaiveDate, Utc};
use cobro_core::agenda;
use cobro_core::demo::{self, DemoSpec};
use cobro_core::follow_up;
use cobro_core::ledger::Ledger;
use cobro_core::model::{Dataset, Outcome, StepState};
use cobro_core::pack::{self, Changes, Class, Family, Kind, Own, PackId};
use cobro_core::schedule;
use std::collections::BTreeMap;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn now() -> DateTime<Utc> {
    d(2026, 3, 1).and_hms_opt(12, 0, 0).expect("time").and_utc()
}

fn demo(invoices: usize, seed: u64, today: NaiveDate) -> Dataset {
    demo::generate(DemoSpec {
        clients: 30,
        invoices,
        seed,
        today,
    })
}

/// The records of `data` whose pack `keep` accepts, in the layout's order (as storage reads them).
fn subset(data: &Dataset, keep: impl Fn(&PackId) -> bool) -> Dataset {
    let mut out = Dataset {
        profile: data.profile.clone(),
        settings: data.settings.clone(),
        ..Dataset::default()
    };
    for (id, positions) in pack::layout(data).packs {
        if !keep(&id) {
            continue;
        }
        for i in positions {
            match id.kind {
                Kind::PaymentMethods => out.payment_methods.push(data.payment_methods[i].clone()),
                Kind::Series => out.series.push(data.series[i].clone()),
                Kind::Clients => out.clients.push(data.clients[i].clone()),
                Kind::Items => out.items.push(data.items[i].clone()),
                Kind::Quotes => out.quotes.push(data.quotes[i].clone()),
                Kind::Invoices => out.invoices.push(data.invoices[i].clone()),
                Kind::CreditNotes => out.credit_notes.push(data.credit_notes[i].clone()),
                Kind::Payments => out.payments.push(data.payments[i].clone()),
                Kind::Contacts => out.contacts.push(data.contacts[i].clone()),
                Kind::Steps => out.steps.push(data.steps[i].clone()),
                Kind::Recurring => out.recurring.push(data.recurring[i].clone()),
            }
        }
    }
    out
}

/// Every list sorted by id, so two datasets compare as sets of records.
fn by_id(mut d: Dataset) -> Dataset {
    d.payment_methods.sort_by(|a, b| a.id.cmp(&b.id));
    d.series.sort_by(|a, b| a.id.cmp(&b.id));
    d.clients.sort_by(|a, b| a.id.cmp(&b.id));
    d.items.sort_by(|a, b| a.id.cmp(&b.id));
    d.quotes.sort_by(|a, b| a.id.cmp(&b.id));
    d.invoices.sort_by(|a, b| a.id.cmp(&b.id));
    d.credit_notes.sort_by(|a, b| a.id.cmp(&b.id));
    d.payments.sort_by(|a, b| a.id.cmp(&b.id));
    d.contacts.sort_by(|a, b| a.id.cmp(&b.id));
    d.steps.sort_by(|a, b| a.id.cmp(&b.id));
    d.recurring.sort_by(|a, b| a.id.cmp(&b.id));
    d
}

#[test]
fn every_record_is_in_exactly_the_pack_its_family_or_id_names() {
    let data = demo(400, 11, d(2026, 3, 1));
    let layout = pack::layout(&data);
    let ids: Vec<PackId> = layout.packs.iter().map(|(id, _)| *id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "packs in id order");
    let mut placed: BTreeMap<Kind, Vec<usize>> = BTreeMap::new();
    // Drafts, invoices with an open step, and owed ones still followed up (`pack::is_hot`).
    let keys: Vec<&str> = data.invoices.iter().map(|i| i.id.as_str()).collect();
    let families = pack::families(&data, &keys);
    let hot: Vec<&str> = data
        .invoices
        .iter()
        .zip(&families)
        .filter(|(_, f)| f.is_hot())
        .map(|(i, _)| i.id.as_str())
        .collect();
    assert!(
        data.invoices.iter().any(|i| i.number.is_some()
            && hot.contains(&i.id.as_str())
            && !data
                .steps
                .iter()
                .any(|s| s.invoice_id == i.id && s.state == StepState::Open)),
        "an owed invoice with no open step (a re-contact) is hot"
    );
    assert!(
        !hot.is_empty() && hot.len() < data.invoices.len(),
        "the demo has both classes"
    );
    for (id, positions) in &layout.packs {
        assert!(!positions.is_empty(), "no empty pack: {id}");
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "list order kept in {id}"
        );
        for &i in positions {
            let expected = match id.kind {
                Kind::PaymentMethods => PackId::of_record(id.kind, &data.payment_methods[i].id),
                Kind::Series => PackId::of_record(id.kind, &data.series[i].id),
                Kind::Clients => PackId::of_record(id.kind, &data.clients[i].id),
                Kind::Items => PackId::of_record(id.kind, &data.items[i].id),
                Kind::Quotes => PackId::of_record(id.kind, &data.quotes[i].id),
                Kind::Recurring => PackId::of_record(id.kind, &data.recurring[i].id),
                Kind::Invoices => {
                    let key = &data.invoices[i].id;
                    PackId::of_family(id.kind, key, hot.contains(&key.as_str()))
                }
                Kind::CreditNotes => {
                    let key = &data.credit_notes[i].invoice_id;
                    PackId::of_family(id.kind, key, hot.contains(&key.as_str()))
                }
                Kind::Payments => {
                    let key = &data.payments[i].invoice_id;
                    PackId::of_family(id.kind, key, hot.contains(&key.as_str()))
                }
                Kind::Contacts => {
                    let key = pack::contact_family(&data.contacts[i]);
                    PackId::of_family(id.kind, key, hot.contains(&key))
                }
                Kind::Steps => {
                    let key = &data.steps[i].invoice_id;
                    PackId::of_family(id.kind, key, hot.contains(&key.as_str()))
                }
            };
            assert_eq!(*id, expected);
            placed.entry(id.kind).or_default().push(i);
        }
    }
    let counts = [
        (Kind::PaymentMethods, data.payment_methods.len()),
        (Kind::Series, data.series.len()),
        (Kind::Clients, data.clients.len()),
        (Kind::Items, data.items.len()),
        (Kind::Quotes, data.quotes.len()),
        (Kind::Invoices, data.invoices.len()),
        (Kind::CreditNotes, data.credit_notes.len()),
        (Kind::Payments, data.payments.len()),
        (Kind::Contacts, data.contacts.len()),
        (Kind::Steps, data.steps.len()),
    ];
    for (kind, n) in counts {
        let mut got = placed.remove(&kind).unwrap_or_default();
        got.sort_unstable();
        assert_eq!(
            got,
            (0..n).collect::<Vec<_>>(),
            "{kind:?}: each record exactly once"
        );
    }
    assert_eq!(by_id(subset(&data, |_| true)), by_id(data.clone()));
}

/// What an agenda lists, independent of where the records sit in their lists: per item the
/// invoice, its step, its date and its worth, in order.
fn shape(
    a: &agenda::Agenda,
) -> Vec<(
    String,
    follow_up::StepRef,
    NaiveDate,
    rust_decimal::Decimal,
    usize,
)> {
    let list = |items: &[agenda::Item], which: usize| {
        items
            .iter()
            .filter_map(|i| {
                let f = i.follow_up()?;
                Some((f.invoice.id.clone(), f.current.reference(), i.due, i.worth, which))
            })
            .collect::<Vec<_>>()
    };
    let mut out = list(&a.due, 0);
    out.extend(list(&a.upcoming, 1));
    out.extend(list(&a.later, 2));
    out
}

#[test]
fn the_start_up_packs_give_the_same_agenda_as_all_the_data() {
    for (seed, today) in [(1, d(2026, 3, 1)), (7, d(2025, 11, 14)), (23, d(2026, 12, 1))] {
        let data = demo(600, seed, today);
        let start = subset(&data, |id| id.to_string().as_str() < pack::LATER_FROM);
        assert!(
            start.invoices.len() < data.invoices.len(),
            "the start-up reads less"
        );
        let (full, part) = (Ledger::new(&data), Ledger::new(&start));
        let a = agenda::agenda(&full, today, 14);
        assert!(!a.due.is_empty(), "seed {seed}: an agenda to compare");
        let b = agenda::agenda(&part, today, 14);
        assert_eq!(shape(&a), shape(&b), "seed {seed}");
        assert_eq!(a.with_legal, b.with_legal, "seed {seed}");
        for (rank, (x, y)) in a.due.iter().zip(&b.due).enumerate() {
            assert_eq!(
                agenda::card(&full, &data.profile, x, rank + 1, today, true),
                agenda::card(&part, &start.profile, y, rank + 1, today, true),
                "the card, seed {seed}"
            );
        }
        // Later days too: what was cold (paid, cancelled, closed) stays off the agenda.
        let later = today.checked_add_days(Days::new(40)).expect("date");
        assert_eq!(
            shape(&agenda::agenda(&full, later, 14)),
            shape(&agenda::agenda(&part, later, 14)),
            "seed {seed}, +40 days"
        );
    }
}

#[test]
fn changes_of_a_write_give_what_reading_everything_again_gives() {
    let today = d(2026, 3, 1);
    let data = demo(200, 5, today);
    // A hot family paid in full: its open steps close, so it turns cold on disk.
    let step = data
        .steps
        .iter()
        .find(|s| s.state == StepState::Open)
        .expect("an open step");
    let mut fam = pack::families(&data, &[step.invoice_id.as_str()]).remove(0);
    assert!(fam.is_hot());
    let owed = {
        let inv = fam.invoice().expect("invoice");
        let payments: Vec<_> = fam.payments.iter().collect();
        let notes: Vec<_> = fam.credit_notes.iter().collect();
        cobro_core::lifecycle::balance(inv, &payments, &notes)
            .expect("balance")
            .owed
    };
    fam.payments.push(cobro_core::Payment {
        closed_steps: Vec::new(),
        early_discount: None,
        voided: None,
        id: "settling".into(),
        invoice_id: step.invoice_id.clone(),
        date: today,
        amount: owed,
        method_id: None,
        note: String::new(),
        updated_at: now(),
    });
    let closed = schedule::on_paid_in_full(&fam.steps, now());
    for s in &closed {
        pack::upsert_by_id(&mut fam.steps, s);
    }
    assert!(
        !closed.is_empty() && !fam.is_hot(),
        "paying it in full, which closes every open step, cools the family"
    );
    // A loose contact for a client, a new client, a removed item and new settings.
    let client = data.clients[0].clone();
    let mut loose = pack::families(&data, &[client.id.as_str()]).remove(0);
    let mut contact = data.contacts[0].clone();
    contact.id = "new-contact".into();
    contact.client_id = client.id.clone();
    contact.invoice_id = None;
    contact.step_id = None;
    contact.outcome = Outcome::Other;
    loose.contacts.push(contact.clone());
    let mut new_client = client.clone();
    new_client.id = "new-client".into();
    let mut settings = data.settings.clone();
    settings.backup_reminder_days = 3;
    let changes = Changes {
        families: vec![fam.clone(), loose],
        own: vec![Own::Client(new_client.clone())],
        removed: vec![(Kind::Series, data.series[0].id.clone())],
        profile: None,
        settings: Some(settings.clone()),
    };

    let mut patched = data.clone();
    pack::apply(&mut patched, &changes);

    let mut expected = data.clone();
    for s in &closed {
        pack::upsert_by_id(&mut expected.steps, s);
    }
    expected
        .payments
        .extend(fam.payments.iter().filter(|p| p.id == "settling").cloned());
    expected.contacts.push(contact);
    expected.clients.push(new_client);
    expected.series.remove(0);
    expected.settings = settings;
    assert_eq!(by_id(patched.clone()), by_id(expected));

    // And on disk the family moved: its records are now in cold packs.
    let layout = pack::layout(&patched);
    for (id, positions) in layout.packs {
        if id.kind == Kind::Steps {
            for i in positions {
                if patched.steps[i].invoice_id == fam.key {
                    assert_eq!(id.class, Class::Cold, "{id}");
                }
            }
        }
    }
}

#[test]
fn a_family_gathers_what_hangs_from_its_invoice_and_nothing_else() {
    let data = demo(120, 3, d(2026, 3, 1));
    let inv = data
        .invoices
        .iter()
        .find(|i| data.payments.iter().any(|p| p.invoice_id == i.id))
        .expect("a paid invoice");
    let fam = pack::families(&data, &[inv.id.as_str(), "no-such-invoice"]);
    assert_eq!(fam.len(), 2);
    assert_eq!(fam[0].invoices, vec![inv.clone()]);
    assert_eq!(
        fam[0].payments.len(),
        data.payments.iter().filter(|p| p.invoice_id == inv.id).count()
    );
    assert!(fam[0].steps.iter().all(|s| s.invoice_id == inv.id));
    assert!(fam[0]
        .contacts
        .iter()
        .all(|c| c.invoice_id.as_deref() == Some(inv.id.as_str())));
    assert!(fam[1].is_empty() && fam[1] == Family::new("no-such-invoice"));
}

#[test]
fn packs_cut_from_an_exported_file_are_the_packs_its_records_write() {
    let data = demo(300, 9, d(2026, 3, 1));
    let text = cobro_core::backup::export(&data, now(), "test").expect("export");
    let b = cobro_core::backup::parse(&text).expect("valid");
    let spans = b.spans.as_ref().expect("a verified current file has spans");
    let written = pack::encode(&b.data).expect("encode");
    assert_eq!(
        pack::encode_spans(&b.data, spans, text.as_bytes()),
        Some(written.clone())
    );
    // Each store of the file is its packs joined, in id order (how the app assembles an export).
    for kind in Kind::ALL {
        let of_kind: Vec<&[u8]> = written
            .iter()
            .filter(|(id, _)| id.kind == kind)
            .map(|(_, b)| b.as_slice())
            .collect();
        let joined = String::from_utf8(pack::join(&of_kind)).expect("utf-8");
        let line = format!("\n\"{}\":{joined}", kind.key());
        assert!(text.contains(&line), "{kind:?}");
    }
    // Spans that do not fit the lists are refused, not trusted.
    let mut short = b.data.clone();
    short.steps.push(short.steps[0].clone());
    assert_eq!(pack::encode_spans(&short, spans, text.as_bytes()), None);
}

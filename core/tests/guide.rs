//! The guided start: the getting-started checklist, empty screens' next action, and when the
//! agenda asks for a backup.

use chrono::{DateTime, NaiveDate};
use cobro_core::demo::{generate, DemoSpec};
use cobro_core::guide::{self, Basic, NextAction, Screen, Situation};
use cobro_core::Dataset;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

/// A running business: clients, issued invoices, drafts, quotes, payment methods.
fn running() -> Dataset {
    generate(DemoSpec {
        clients: 5,
        invoices: 30,
        seed: 3,
        today: today(),
    })
}

/// What a business has right after the first run: its profile and one payment method.
fn just_set_up() -> Dataset {
    let full = running();
    Dataset {
        profile: full.profile.clone(),
        settings: cobro_core::AppSettings::default(),
        payment_methods: full.payment_methods[..1].to_vec(),
        series: full.series.clone(),
        ..Dataset::default()
    }
}

fn done(data: &Dataset) -> Vec<Basic> {
    guide::checklist(data)
        .items
        .iter()
        .filter(|i| i.done)
        .map(|i| i.basic)
        .collect()
}

#[test]
fn an_empty_dataset_has_nothing_done_and_starts_with_the_business() {
    let list = guide::checklist(&Dataset::default());
    assert_eq!(list.items.map(|i| i.basic), Basic::ALL);
    assert_eq!(list.done_count(), 0);
    assert_eq!(list.next(), Some(Basic::Business));
    assert!(!list.all_done());
}

#[test]
fn the_checklist_ticks_as_the_first_week_goes() {
    let full = running();
    let mut data = just_set_up();
    assert_eq!(done(&data), [Basic::Business, Basic::PaymentMethod]);
    assert_eq!(guide::checklist(&data).next(), Some(Basic::Client));

    data.clients.push(full.clients[0].clone());
    assert_eq!(guide::checklist(&data).next(), Some(Basic::Invoice));

    // A draft is not an invoice yet.
    let issued = full
        .invoices
        .iter()
        .find(|i| i.number.is_some())
        .expect("issued")
        .clone();
    let mut draft = issued.clone();
    draft.number = None;
    data.invoices.push(draft);
    assert_eq!(guide::checklist(&data).next(), Some(Basic::Invoice));
    data.invoices.push(issued);
    assert_eq!(guide::checklist(&data).next(), Some(Basic::Backup));
    assert_eq!(guide::checklist(&data).done_count(), 4);

    data.settings.last_export_at = DateTime::from_timestamp(1_772_000_000, 0);
    let list = guide::checklist(&data);
    assert!(list.all_done());
    assert_eq!(list.next(), None);
    assert_eq!(list.done_count(), 5);
}

#[test]
fn business_data_means_name_tax_id_and_address() {
    let base = just_set_up();
    let blanked: [fn(&mut Dataset); 5] = [
        |d| d.profile.name = " ".into(),
        |d| d.profile.tax_id.clear(),
        |d| d.profile.address.street.clear(),
        |d| d.profile.address.postal_code = "\t".into(),
        |d| d.profile.address.city.clear(),
    ];
    for blank in blanked {
        let mut data = base.clone();
        blank(&mut data);
        assert_eq!(
            guide::checklist(&data).next(),
            Some(Basic::Business),
            "{:?}",
            data.profile
        );
    }
    // Email, phone, region and logo are welcome but not required.
    let mut data = base;
    data.profile.email.clear();
    data.profile.phone.clear();
    data.profile.address.region.clear();
    data.profile.logo_data_url = None;
    assert_eq!(guide::checklist(&data).next(), Some(Basic::Client));
}

#[test]
fn without_a_payment_method_the_checklist_asks_for_one() {
    let mut data = just_set_up();
    data.payment_methods.clear();
    assert_eq!(done(&data), [Basic::Business]);
    assert_eq!(guide::checklist(&data).next(), Some(Basic::PaymentMethod));
}

#[test]
fn the_checklist_cannot_be_dismissed_before_the_basics_are_done() {
    let unfinished = guide::checklist(&just_set_up());
    assert!(unfinished.shown(false));
    assert!(unfinished.shown(true), "a dismissal does not hide missing basics");
    let mut data = running();
    data.settings.last_export_at = DateTime::from_timestamp(1_772_000_000, 0);
    let finished = guide::checklist(&data);
    assert!(finished.all_done());
    assert!(finished.shown(false), "all done shows once, to say so");
    assert!(!finished.shown(true));
}

fn empty(screen: Screen, data: &Dataset) -> (Situation, Option<NextAction>) {
    let e = guide::empty_state(screen, data);
    assert_eq!(e.screen, screen);
    (e.situation, e.action)
}

#[test]
fn with_no_client_every_screen_leads_to_the_first_client() {
    let data = just_set_up();
    for screen in [
        Screen::Agenda,
        Screen::Invoices,
        Screen::Quotes,
        Screen::Clients,
        Screen::Reports,
    ] {
        assert_eq!(
            empty(screen, &data),
            (Situation::NoClients, Some(NextAction::AddClient)),
            "{screen:?}"
        );
    }
}

#[test]
fn with_a_client_the_screens_lead_to_the_first_invoice_or_quote() {
    let mut data = just_set_up();
    data.clients.push(running().clients[0].clone());
    for screen in [Screen::Agenda, Screen::Invoices, Screen::Reports] {
        assert_eq!(
            empty(screen, &data),
            (Situation::NoInvoices, Some(NextAction::NewInvoice)),
            "{screen:?}"
        );
    }
    assert_eq!(
        empty(Screen::Quotes, &data),
        (Situation::NoQuotes, Some(NextAction::NewQuote))
    );
}

#[test]
fn only_drafts_lead_the_agenda_and_reports_to_issuing_one() {
    let full = running();
    let mut data = just_set_up();
    data.clients.push(full.clients[0].clone());
    let mut draft = full.invoices[0].clone();
    draft.number = None;
    data.invoices.push(draft);
    for screen in [Screen::Agenda, Screen::Reports] {
        assert_eq!(
            empty(screen, &data),
            (Situation::OnlyDrafts, Some(NextAction::IssueDraft)),
            "{screen:?}"
        );
    }
}

#[test]
fn a_running_business_with_a_quiet_day_is_just_told_so() {
    let data = running();
    assert_eq!(empty(Screen::Agenda, &data), (Situation::Nothing, None));
    assert_eq!(empty(Screen::Reports, &data), (Situation::Nothing, None));
    // Invoices without clients (a deleted client) do not send the user back to the start.
    let mut orphaned = data.clone();
    orphaned.clients.clear();
    assert_eq!(empty(Screen::Agenda, &orphaned), (Situation::Nothing, None));
}

#[test]
fn the_backup_notice_shows_when_due_and_not_waved_away_today() {
    let day = today();
    let yesterday = day.pred_opt().expect("date");
    assert!(!guide::backup_notice_shown(false, None, day));
    assert!(guide::backup_notice_shown(true, None, day));
    assert!(!guide::backup_notice_shown(true, Some(day), day));
    assert!(
        guide::backup_notice_shown(true, Some(yesterday), day),
        "asked again the next day"
    );
    // A clock set back does not hide it for good.
    assert!(guide::backup_notice_shown(true, day.succ_opt(), day));
}

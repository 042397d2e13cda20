//! The home screen: whom to contact today and why, highest priority first, with one-tap
//! actions; then what is coming in the next two weeks; and the calendar export.
//! `#/agenda/invoice/<id>` shows one invoice's collection panel (the agenda's "open" action).

use crate::components::collections::agenda_item::{AgendaCard, Row};
use crate::components::collections::collect_panel::CollectPanel;
use crate::components::collections::shared::{Notice, NoticeLine};
use crate::components::page::Page;
use crate::i18n::collections::texts;
use crate::i18n::use_i18n;
use crate::platform::route::{use_rest, Route};
use crate::platform::{clock, download};
use crate::state::use_app;
use cobro_core::agenda;
use cobro_core::ics;
use cobro_core::ledger::Ledger;
use leptos::prelude::*;

/// Days the upcoming list looks ahead.
const UPCOMING_DAYS: u32 = 14;

/// The calendar file's name (kept across exports so calendars recognise it).
pub const ICS_FILE: &str = "cobro-seguimiento.ics";

#[component]
pub fn AgendaPage() -> impl IntoView {
    let rest = use_rest();
    move || match rest.get().as_slice() {
        [kind, id] if kind == "invoice" => view! { <InvoiceCollection invoice_id=id.clone() /> }.into_any(),
        _ => view! { <AgendaList /> }.into_any(),
    }
}

#[component]
fn InvoiceCollection(invoice_id: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || texts(i18n.lang.get()).collect_heading) id="agenda">
            <p class="no-print">
                <a href=Route::Agenda.href() data-action="back">"← " {move || i18n.t().nav_agenda}</a>
            </p>
            <CollectPanel invoice_id=invoice_id />
        </Page>
    }
}

#[component]
fn AgendaList() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let app = use_app();
    let notice = RwSignal::new(Notice::None);
    // Read once per visit: the list is for this day.
    let today = clock::today();

    // Cards are rebuilt from the dataset whenever it changes (after any write). Until all the
    // history is read, the start-up packs give the same agenda (every item is a hot family's).
    let rows = Memo::new(move |_| {
        let lang = i18n.lang.get();
        app.with_current(|d| {
            d.map(|data| {
                let ledger = Ledger::new(data);
                let row = |i: &agenda::AgendaItem| Row::new(i, &ledger, &data.profile, today, lang);
                let due: Vec<Row> = agenda::agenda(&ledger, today).iter().map(row).collect();
                let next: Vec<Row> = agenda::upcoming(&ledger, today, UPCOMING_DAYS)
                    .iter()
                    .map(row)
                    .collect();
                (due, next)
            })
        })
    });

    let export_ics = move |_| {
        let tx = texts(i18n.lang.get_untracked());
        let lang = i18n.lang.get_untracked();
        // All the data, not just the start-up packs: the calendar also has the due date of
        // every invoice still owed, follow-up or not.
        let text = app.data.with_untracked(|d| {
            d.as_ref()
                .map(|data| ics::calendar(&Ledger::new(data), clock::today(), clock::now(), lang))
        });
        let Some(text) = text else {
            notice.set(Notice::Err(tx.loading.to_string()));
            return;
        };
        {
            if let Err(e) = download::download_text(ICS_FILE, "text/calendar;charset=utf-8", &text) {
                notice.set(Notice::Err(format!("{}: {e}", tx.failed)));
            }
        }
    };

    view! {
        <Page title=Signal::derive(move || i18n.t().nav_agenda) id="agenda">
            <div class="agenda-tools no-print">
                <button type="button" class="secondary" id="export-ics" on:click=export_ics>
                    {move || t().calendar_export}
                </button>
                <NoticeLine notice=notice />
            </div>
            {move || match rows.get() {
                None => view! { <p class="empty">{move || t().loading}</p> }.into_any(),
                Some((due, next)) => {
                    view! {
                        <section class="agenda-section" aria-labelledby="agenda-today">
                            <h2 id="agenda-today">
                                {move || t().today} " "
                                <span class="count" data-count=due.len()>{format!("({})", due.len())}</span>
                            </h2>
                            {if due.is_empty() {
                                view! { <p class="empty" id="agenda-empty">{move || t().nothing_today}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="agenda-list" id="agenda-due">
                                        {due.into_iter().map(|row| view! { <AgendaCard row=row actions=true /> }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </section>
                        <section class="agenda-section" aria-labelledby="agenda-upcoming">
                            <h2 id="agenda-upcoming">{move || t().upcoming}</h2>
                            {if next.is_empty() {
                                view! { <p class="empty">{move || t().nothing_upcoming}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="agenda-list upcoming" id="agenda-next">
                                        {next.into_iter().map(|row| view! { <AgendaCard row=row actions=false /> }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </section>
                    }
                        .into_any()
                }
            }}
        </Page>
    }
}

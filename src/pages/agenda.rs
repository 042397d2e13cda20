//! The home screen: whom to contact today and why, highest priority first, with one-tap
//! actions; then what is coming in the next two weeks; and the calendar export.
//! `#/agenda/invoice/<id>` shows one invoice's collection panel (the agenda's "open" action).

use crate::components::collections::agenda_item::{AgendaCard, Row};
use crate::components::collections::collect_panel::CollectPanel;
use crate::components::collections::shared::{Notice, NoticeLine};
use crate::components::page::Page;
use crate::components::when::When;
use crate::components::{backup_notice::BackupNotice, checklist::GettingStarted, empty_state::EmptyState};
use crate::i18n::collections::texts;
use crate::i18n::use_i18n;
use crate::platform::route::{use_rest, Route};
use crate::platform::{clock, download};
use crate::state::use_app;
use cobro_core::agenda;
use cobro_core::guide::Screen;
use cobro_core::ics;
use cobro_core::ledger::Ledger;
use cobro_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Days the upcoming list looks ahead.
const UPCOMING_DAYS: u32 = 14;

/// Cards shown first: about a screenful, so the first paint does not wait for more.
const FIRST: usize = 12;

/// Cards built between two turns of the browser after the first ones.
const SLICE: usize = 60;

/// Today's cards and the next days', as built so far.
#[derive(Clone)]
struct Lists {
    /// How many contacts today's list has in all (shown at once, before every card is built).
    due_count: usize,
    due: Vec<Row>,
    next: Vec<Row>,
}

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
    // Years of data can mean a thousand contacts to list: the first ones show at once and the
    // rest follow a slice at a time, so the screen never waits for the last card. Every item
    // is listed in the end: the order decides what comes first, never what shows. A change
    // (after a write) is built off-screen and shown whole.
    let lists = RwSignal::new(None::<Lists>);
    let run = StoredValue::new(0u64);
    // Whether the cards were last built from the start-up packs, and in which language.
    let built_from = StoredValue::new(None::<(bool, Lang)>);
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        let Some((data, partial)) = app.current() else {
            return;
        };
        // All the data taking over from the start-up packs gives the same cards (every item
        // is a hot family's: core test `the_start_up_packs_give_the_same_agenda_as_all_the_data`,
        // and writes meanwhile reached both): the ones built, or being built, stand.
        let before = built_from.get_value();
        built_from.set_value(Some((partial, lang)));
        if !partial && before == Some((true, lang)) {
            return;
        }
        run.update_value(|n| *n += 1);
        let this = run.get_value();
        let first = lists.with_untracked(Option::is_none);
        spawn_local(async move {
            let ledger = Ledger::new(&data);
            let row = |i: &agenda::AgendaItem| Row::new(i, &ledger, &data.profile, today, lang);
            let due_items = agenda::agenda(&ledger, today);
            let next_items = agenda::upcoming(&ledger, today, UPCOMING_DAYS);
            let mut built = Lists {
                due_count: due_items.len(),
                due: Vec::with_capacity(due_items.len()),
                next: Vec::with_capacity(next_items.len()),
            };
            let (due_first, due_rest) = due_items.split_at(due_items.len().min(FIRST));
            let mut slices = std::iter::once((true, due_first))
                .filter(|(_, c)| !c.is_empty())
                .chain(due_rest.chunks(SLICE).map(|c| (true, c)))
                .chain(next_items.chunks(SLICE).map(|c| (false, c)))
                .peekable();
            if slices.peek().is_none() {
                lists.try_set(Some(built));
                return;
            }
            while let Some((is_due, items)) = slices.next() {
                let rows = items.iter().map(row);
                if is_due {
                    built.due.extend(rows);
                } else {
                    built.next.extend(rows);
                }
                if first || slices.peek().is_none() {
                    lists.try_set(Some(built.clone()));
                }
                clock::yield_now().await;
                // Newer data (its own run takes over), or the user left the agenda meanwhile.
                if run.try_get_value() != Some(this) {
                    return;
                }
            }
        });
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
                notice.set(Notice::Err(format!(
                    "{}: {}",
                    tx.failed,
                    crate::i18n::problems::download(&e, tx.lang)
                )));
            }
        }
    };

    view! {
        <Page title=Signal::derive(move || i18n.t().nav_agenda) id="agenda">
            <GettingStarted />
            <BackupNotice />
            <div class="agenda-tools no-print">
                <button type="button" class="secondary" id="export-ics" on:click=export_ics>
                    {move || t().calendar_export}
                </button>
                <NoticeLine notice=notice />
            </div>
            <When
                when=move || lists.with(Option::is_some)
                fallback=move || view! { <p class="empty">{move || t().loading}</p> }
            >
                <section class="agenda-section" aria-labelledby="agenda-today">
                    <h2 id="agenda-today">
                        {move || t().today} " "
                        {move || {
                            let n = lists.with(|l| l.as_ref().map_or(0, |l| l.due_count));
                            view! { <span class="count" data-count=n>{format!("({n})")}</span> }
                        }}
                    </h2>
                    <When
                        when=move || lists.with(|l| l.as_ref().is_some_and(|l| l.due_count > 0))
                        fallback=move || view! { <EmptyState screen=Screen::Agenda id="agenda-empty" quiet=Signal::derive(move || t().nothing_today) /> }
                    >
                        <ul class="agenda-list" id="agenda-due">
                            <For
                                each=move || lists.with(|l| l.as_ref().map(|l| l.due.clone()).unwrap_or_default())
                                key=Row::key
                                let:row
                            >
                                <AgendaCard row=row actions=true />
                            </For>
                        </ul>
                    </When>
                </section>
                <section class="agenda-section" aria-labelledby="agenda-upcoming">
                    <h2 id="agenda-upcoming">{move || t().upcoming}</h2>
                    <When
                        when=move || lists.with(|l| l.as_ref().is_some_and(|l| !l.next.is_empty()))
                        fallback=move || view! { <p class="empty">{move || t().nothing_upcoming}</p> }
                    >
                        <ul class="agenda-list upcoming" id="agenda-next">
                            <For
                                each=move || lists.with(|l| l.as_ref().map(|l| l.next.clone()).unwrap_or_default())
                                key=Row::key
                                let:row
                            >
                                <AgendaCard row=row actions=false />
                            </For>
                        </ul>
                    </When>
                </section>
            </When>
        </Page>
    }
}

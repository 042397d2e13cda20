//! The home screen: one card per invoice to act on today, highest worth first, with one-tap
//! actions; what is coming in the next two weeks; how many other invoices wait for a later
//! step or are with legal; and the calendar export. Only the first cards of each list are
//! built ("show more" adds a page), so a book of thousands of invoices stays a light screen.
//! `#/agenda/invoice/<id>` (a card's "open" action: one invoice's collection panel) and
//! `#/agenda/letter/<id>` (the formal letter to its client) are `agenda_detail`, loaded on
//! demand: the agenda's list is what every returning visit waits for, the panel and the letter
//! are not.

use crate::components::collections::agenda_item::AgendaCard;
use crate::components::collections::shared::{Notice, NoticeLine};
use crate::components::page::Page;
use crate::components::when::When;
use crate::components::{backup_notice::BackupNotice, checklist::GettingStarted, empty_state::EmptyState};
use crate::i18n::collections::{follow, texts};
use crate::i18n::use_i18n;
use crate::platform::route::use_rest;
use crate::platform::{clock, download};
use crate::state::use_app;
use chrono::NaiveDate;
use cobro_core::agenda::{self, Card, PAGE, UPCOMING_DAYS};
use cobro_core::guide::Screen;
use cobro_core::ics;
use cobro_core::ledger::Ledger;
use cobro_core::Dataset;
use leptos::prelude::*;

/// What the screen shows: the cards built so far of each list, and the counts of the rest.
#[derive(Clone, PartialEq)]
struct Lists {
    due_total: usize,
    due: Vec<Card>,
    next_total: usize,
    next: Vec<Card>,
    later: usize,
    with_legal: usize,
}

/// The agenda of `today` with the first `due_n` cards of the day and `next_n` coming up.
fn build(data: &Dataset, today: NaiveDate, due_n: usize, next_n: usize) -> Lists {
    let ledger = Ledger::new(data);
    let a = agenda::agenda(&ledger, today, UPCOMING_DAYS);
    let cards = |items: &[agenda::Item], n: usize, actionable: bool| -> Vec<Card> {
        items
            .iter()
            .take(n)
            .enumerate()
            .map(|(at, item)| agenda::card(&ledger, &data.profile, item, at + 1, today, actionable))
            .collect()
    };
    Lists {
        due_total: a.due.len(),
        due: cards(&a.due, due_n, true),
        next_total: a.upcoming.len(),
        next: cards(&a.upcoming, next_n, false),
        later: a.later.len(),
        with_legal: a.with_legal,
    }
}

/// How many cards the first paint draws, and how many each later step adds: more than a phone's
/// screenful (and the desktop's), so what the user sees first is complete. Forty cards' views
/// in one go were one long task on a phone (the page frozen for a quarter of a second after
/// the agenda appeared); a step per task keeps each short. The due list is drawn before the
/// upcoming one, below it, so nothing on screen moves while the rest is drawn.
const DRAW_STEP: usize = 8;

/// The calendar file's name (kept across exports so calendars recognise it).
pub const ICS_FILE: &str = "cobro-seguimiento.ics";

#[component]
pub fn AgendaPage() -> impl IntoView {
    let rest = use_rest();
    let detail = Memo::new(move |_| super::agenda_detail::is_detail(&rest.get()));
    move || {
        if detail.get() {
            crate::app::open_screen(crate::pages::on_demand::Screen::AgendaDetail)
        } else {
            view! { <AgendaList /> }.into_any()
        }
    }
}

#[component]
fn AgendaList() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let f = move || follow(i18n.lang.get());
    let app = use_app();
    let notice = RwSignal::new(Notice::None);
    // Read once per visit: the list is for this day.
    let today = clock::today();
    let due_shown = RwSignal::new(PAGE);
    let next_shown = RwSignal::new(PAGE);

    // Rebuilt from the dataset on every change (after any write), and when more cards are
    // asked for. The start-up packs hold every invoice the agenda follows, so the cards built
    // from them stand when the rest of the history arrives (a database laid out by an older
    // version is the exception: then the full data adds what it lacked). Cards are keyed by
    // what they show, so a rebuild redraws only the cards that changed.
    let lists = RwSignal::new(None::<Lists>);
    Effect::new(move |_| {
        let (due_n, next_n) = (due_shown.get(), next_shown.get());
        let Some((data, _partial)) = app.current() else {
            return;
        };
        let built = build(&data, today, due_n, next_n);
        if lists.with_untracked(|l| l.as_ref() != Some(&built)) {
            lists.set(Some(built));
        }
    });
    let count = move |pick: fn(&Lists) -> usize| lists.with(|l| l.as_ref().map_or(0, pick));

    // The cards drawn so far, due first, while the first drawing goes on (`None` once every
    // card built is drawn: later rebuilds and "show more" draw at once).
    let drawn = RwSignal::new(Some(DRAW_STEP));
    Effect::new(move |_| {
        let Some(n) = drawn.get() else {
            return;
        };
        let Some(total) = lists.with(|l| l.as_ref().map(|l| l.due.len() + l.next.len())) else {
            return;
        };
        if n >= total {
            drawn.set(None);
            return;
        }
        // A task of its own, after this one has painted; a screen left meanwhile is gone.
        set_timeout(
            move || {
                drawn.try_update(|d| *d = d.map(|d| d + DRAW_STEP));
            },
            std::time::Duration::ZERO,
        );
    });
    let due_cards = move || {
        let n = drawn.get().unwrap_or(usize::MAX);
        lists.with(|l| {
            l.as_ref()
                .map(|l| l.due.iter().take(n).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let next_cards = move || {
        let n = drawn.get().unwrap_or(usize::MAX);
        lists.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.next
                        .iter()
                        .take(n.saturating_sub(l.due.len()))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };

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
            <When
                when=move || lists.with(Option::is_some)
                fallback=move || view! { <p class="empty">{move || t().loading}</p> }
            >
                <GettingStarted />
                <BackupNotice />
                <div class="agenda-tools no-print">
                    <button type="button" class="secondary" id="export-ics" on:click=export_ics>
                        {move || t().calendar_export}
                    </button>
                    <NoticeLine notice=notice />
                </div>
                <crate::pages::recurring::agenda::ToIssueOnAgenda />
                <section class="agenda-section" aria-labelledby="agenda-today">
                    <h2 id="agenda-today">
                        {move || t().today} " "
                        {move || {
                            let n = count(|l| l.due_total);
                            view! { <span class="count" data-count=n>{format!("({n})")}</span> }
                        }}
                    </h2>
                    <When
                        when=move || { count(|l| l.due_total) > 0 }
                        fallback=move || view! { <EmptyState screen=Screen::Agenda id="agenda-empty" quiet=Signal::derive(move || t().nothing_today) /> }
                    >
                        <p class="muted agenda-hint">{move || f().ranking}</p>
                        <ul class="agenda-list" id="agenda-due">
                            <For
                                each=due_cards
                                key=|c: &Card| c.key.clone()
                                let:card
                            >
                                <AgendaCard card=card />
                            </For>
                        </ul>
                        <When when=move || { count(|l| l.due_total) > count(|l| l.due.len()) }>
                            <button type="button" class="secondary more" id="more-due" on:click=move |_| due_shown.update(|n| *n += PAGE)>
                                {move || (f().show_more)(PAGE.min(count(|l| l.due_total - l.due.len())), count(|l| l.due_total - l.due.len()))}
                            </button>
                        </When>
                    </When>
                </section>
                <section class="agenda-section" aria-labelledby="agenda-upcoming">
                    <h2 id="agenda-upcoming">
                        {move || t().upcoming} " "
                        {move || {
                            let n = count(|l| l.next_total);
                            view! { <span class="count" data-count=n>{format!("({n})")}</span> }
                        }}
                    </h2>
                    <When
                        when=move || { count(|l| l.next_total) > 0 }
                        fallback=move || view! { <p class="empty">{move || t().nothing_upcoming}</p> }
                    >
                        <ul class="agenda-list upcoming" id="agenda-next">
                            <For
                                each=next_cards
                                key=|c: &Card| c.key.clone()
                                let:card
                            >
                                <AgendaCard card=card />
                            </For>
                        </ul>
                        <When when=move || { count(|l| l.next_total) > count(|l| l.next.len()) }>
                            <button type="button" class="secondary more" id="more-next" on:click=move |_| next_shown.update(|n| *n += PAGE)>
                                {move || (f().show_more)(PAGE.min(count(|l| l.next_total - l.next.len())), count(|l| l.next_total - l.next.len()))}
                            </button>
                        </When>
                    </When>
                    <p class="muted" id="agenda-later" data-count=move || count(|l| l.later)>{move || (f().later)(count(|l| l.later))}</p>
                    <When when=move || { count(|l| l.with_legal) > 0 }>
                        <p class="muted" id="agenda-legal" data-count=move || count(|l| l.with_legal)>{move || (f().with_legal)(count(|l| l.with_legal))}</p>
                    </When>
                </section>
            </When>
        </Page>
    }
}

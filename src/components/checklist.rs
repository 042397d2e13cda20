//! The agenda's "getting started" card: the basics a new business still lacks, each a link to
//! where it is done, ticked from the data as the user goes (the core's `guide::checklist`).
//! It stays until every basic is done; then it says so once, and the user hides it.

use super::icons::{Icon, Svg};
use crate::i18n::{guide, use_i18n};
use crate::platform::prefs;
use crate::state::use_app;
use cobro_core::guide::{checklist, Basic};
use leptos::prelude::*;

/// Where a basic is done.
fn href(b: Basic) -> &'static str {
    match b {
        Basic::Business | Basic::PaymentMethod => "#/settings",
        Basic::Client => "#/clients/new",
        Basic::Invoice => "#/invoices/new",
        Basic::Backup => "#/backup",
    }
}

fn slug(b: Basic) -> &'static str {
    match b {
        Basic::Business => "business",
        Basic::PaymentMethod => "payment-method",
        Basic::Client => "client",
        Basic::Invoice => "invoice",
        Basic::Backup => "backup",
    }
}

#[component]
pub fn GettingStarted() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let dismissed = RwSignal::new(prefs::checklist_dismissed());
    // From the start-up packs, so the card takes its place with the agenda's first cards
    // instead of pushing them down when the history arrives. Those packs hold every setting,
    // method and client but only the invoices still in play, so an "issued invoice" they lack
    // can still be done: a card the user already dismissed waits for all the data before it
    // comes back (the rare case of a basic undone since).
    let list = Memo::new(move |_| {
        let partial = app.data.with(Option::is_none);
        app.with_current(|d| d.map(|d| (checklist(d), partial)))
    });
    let dismiss = move |_| {
        prefs::dismiss_checklist();
        dismissed.set(true);
    };
    move || {
        let dismissed = dismissed.get();
        let list = list
            .get()
            .filter(|(l, partial)| l.shown(dismissed) && !(*partial && dismissed))
            .map(|(l, _)| l)?;
        let lang = i18n.lang.get();
        let t = guide::texts(lang);
        let next = list.next();
        let (done, all) = (list.done_count(), list.items.len());
        let progress = t
            .checklist_progress
            .replace("{done}", &done.to_string())
            .replace("{all}", &all.to_string());
        // Done items are one quiet line each; the next one is the card's button; the others
        // are links, in case the user would rather do them in another order.
        let items = list
            .items
            .iter()
            .map(|item| {
                let words = guide::basic(item.basic, lang);
                let is_next = next == Some(item.basic);
                let label = if item.done {
                    view! { <span>{words}</span> }.into_any()
                } else if is_next {
                    view! { <a class="button" id="gs-next" href=href(item.basic)>{words}</a> }.into_any()
                } else {
                    view! { <a href=href(item.basic)>{words}</a> }.into_any()
                };
                view! {
                    <li data-basic=slug(item.basic) data-done=item.done.to_string() class:done=item.done class:next=is_next>
                        <Svg icon=if item.done { Icon::Check } else { Icon::Circle } />
                        {label}
                        <span class="visually-hidden">
                            {format!(" ({})", if item.done { t.done_word } else { t.todo_word })}
                        </span>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="card checklist" id="getting-started" aria-labelledby="gs-title">
                <div class="checklist-head">
                    <h2 id="gs-title">{t.checklist_title}</h2>
                    <span id="gs-progress" data-done=done>{progress}</span>
                </div>
                <progress max=all value=done aria-hidden="true"></progress>
                <ol class="checklist-items">{items}</ol>
                {next
                    .is_none()
                    .then(|| {
                        view! {
                            <p class="checklist-done">{t.checklist_all_done}</p>
                            <button type="button" class="secondary" id="gs-dismiss" on:click=dismiss>
                                {t.checklist_dismiss}
                            </button>
                        }
                    })}
            </section>
        })
    }
}

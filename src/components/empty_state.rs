//! What a screen shows when it has nothing to list: why it is empty and the one next step,
//! as the core's guide decides (a client before any document, an invoice before any
//! follow-up or figure), so a new user is always led somewhere.

use super::icons::{Icon, Svg};
use crate::i18n::{guide, use_i18n};
use crate::state::use_app;
use cobro_core::guide::{empty_state, NextAction, Screen, Situation};
use leptos::prelude::*;

fn icon(screen: Screen) -> Icon {
    match screen {
        Screen::Agenda => Icon::Agenda,
        Screen::Invoices => Icon::Invoices,
        Screen::Quotes => Icon::Quotes,
        Screen::Clients => Icon::Clients,
        Screen::Reports => Icon::Reports,
    }
}

/// Where an action leads.
pub fn href(action: NextAction) -> &'static str {
    match action {
        NextAction::AddClient => "#/clients/new",
        NextAction::NewInvoice => "#/invoices/new",
        NextAction::NewQuote => "#/quotes/new",
        NextAction::IssueDraft => "#/invoices",
    }
}

fn slug(situation: Situation) -> &'static str {
    match situation {
        Situation::NoClients => "no-clients",
        Situation::NoInvoices => "no-invoices",
        Situation::OnlyDrafts => "only-drafts",
        Situation::NoQuotes => "no-quotes",
        Situation::Nothing => "nothing",
    }
}

/// Shown in place of an empty list.
#[component]
pub fn EmptyState(
    screen: Screen,
    /// The element's id (tests and links find the empty state by it).
    #[prop(optional)]
    id: Option<&'static str>,
    /// The sentence when the business is running and there is just nothing here now (a quiet
    /// day, a period without figures); the guide's own sentences cover the other cases.
    #[prop(optional, into)]
    quiet: Option<Signal<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    // All the data, not the start-up packs: those hold only the invoices still moving, and a
    // business whose invoices are all paid is not a business without invoices.
    let state = Memo::new(move |_| app.data.with(|d| d.as_deref().map(|d| empty_state(screen, d))));
    move || {
        let lang = i18n.lang.get();
        let state = state.get()?;
        let sentence = guide::empty_sentence(screen, state.situation, lang)
            .or_else(|| quiet.map(|q| q.get()))
            .unwrap_or_default();
        Some(view! {
            <div class="empty empty-state" id=id data-situation=slug(state.situation)>
                <Svg icon=icon(screen) />
                <p>{sentence}</p>
                {state
                    .action
                    .map(|a| {
                        view! {
                            <a class="button" href=href(a) data-next="empty-state">
                                {guide::action(a, lang)}
                            </a>
                        }
                    })}
            </div>
        })
    }
}

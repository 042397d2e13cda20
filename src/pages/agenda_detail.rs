//! The agenda's detail routes: `#/agenda/invoice/<id>` (a card's "open" action: one invoice's
//! collection panel, to log a contact, a payment, a promise) and `#/agenda/letter/<id>` (the
//! formal letter to its client, to print). A screen of its own, loaded on demand
//! (`pages::on_demand::Screen::AgendaDetail`): the panel, its forms and the letter are more
//! than a third of what the agenda would otherwise make every visit download.

use crate::components::collections::collect_panel::CollectPanel;
use crate::components::collections::letter::LetterView;
use crate::components::page::Page;
use crate::i18n::collections::texts;
use crate::i18n::use_i18n;
use crate::platform::route::{use_rest, Route};
use leptos::prelude::*;

/// Whether the agenda's route (after `#/agenda`) is one of the detail routes.
pub fn is_detail(rest: &[String]) -> bool {
    matches!(rest, [kind, _] if kind == "invoice" || kind == "letter")
}

#[component]
pub fn AgendaDetail() -> impl IntoView {
    let rest = use_rest();
    move || match rest.get().as_slice() {
        [kind, id] if kind == "letter" => view! { <LetterView invoice_id=id.clone() /> }.into_any(),
        [_, id] => view! { <InvoiceCollection invoice_id=id.clone() /> }.into_any(),
        _ => ().into_any(),
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

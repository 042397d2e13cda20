//! The home screen: whom to contact today and why (built in the collections issue).

use crate::components::page::Page;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn AgendaPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || i18n.t().nav_agenda) id="agenda">
            <p class="empty">{move || i18n.t().agenda_empty}</p>
        </Page>
    }
}

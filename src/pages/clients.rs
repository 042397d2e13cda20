//! Clients and their whole relationship (built in the invoicing issue).

use crate::components::page::Page;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn ClientsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || i18n.t().nav_clients) id="clients">
            <p class="empty">{move || i18n.t().clients_empty}</p>
        </Page>
    }
}

//! The invoice list and editor (built in the invoicing issue).

use crate::components::page::Page;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || i18n.t().nav_invoices) id="invoices">
            <p class="empty">{move || i18n.t().invoices_empty}</p>
        </Page>
    }
}

//! Quotes that become invoices (built in the invoicing issue).

use crate::components::page::Page;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn QuotesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || i18n.t().nav_quotes) id="quotes">
            <p class="empty">{move || i18n.t().quotes_empty}</p>
        </Page>
    }
}

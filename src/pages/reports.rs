//! Outstanding, overdue, ageing and DSO (built in the collections issue).

use crate::components::page::Page;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || i18n.t().nav_reports) id="reports">
            <p class="empty">{move || i18n.t().reports_empty}</p>
        </Page>
    }
}

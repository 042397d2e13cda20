//! Business profile, payment methods, series and policy (built in the invoicing issue).

use crate::components::page::Page;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || i18n.t().nav_settings) id="settings">
            <p class="empty">{move || i18n.t().settings_intro}</p>
        </Page>
    }
}

//! Export and restore every record (built in the storage issue).

use crate::components::page::Page;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn BackupPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || i18n.t().nav_backup) id="backup">
            <p class="empty">{move || i18n.t().backup_intro}</p>
        </Page>
    }
}

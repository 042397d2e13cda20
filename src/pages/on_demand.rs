//! The screens that load on demand. Each function here is a split point (`#[lazy]`): the
//! release build cuts what only it reaches out of the page's module into a wasm file of its
//! own (`scripts/split.mjs` runs `wasm_split_cli`), which the page fetches the first time
//! the screen opens. The start screen (agenda) and the first run stay in the page's module:
//! every visit needs one of them before anything shows.
//!
//! Code two screens share goes into a shared chunk fetched with either; code the start screen
//! also reaches stays in the page's module. The functions must stay out of the browser tests
//! (nothing there renders `App`): an unsplit module that links one imports its loader from a
//! module that only the split build writes.

use leptos::prelude::*;

#[lazy]
pub fn invoices() -> AnyView {
    super::invoices::InvoicesPage().into_any()
}

#[lazy]
pub fn quotes() -> AnyView {
    super::quotes::QuotesPage().into_any()
}

#[lazy]
pub fn clients() -> AnyView {
    super::clients::ClientsPage().into_any()
}

#[lazy]
pub fn reports() -> AnyView {
    super::reports::ReportsPage().into_any()
}

#[lazy]
pub fn settings() -> AnyView {
    super::settings::SettingsPage().into_any()
}

#[lazy]
pub fn backup() -> AnyView {
    super::backup::BackupPage().into_any()
}

#[lazy]
pub fn recurring() -> AnyView {
    super::recurring::RecurringPage().into_any()
}

#[lazy]
pub fn taxes() -> AnyView {
    super::taxes::TaxesPage().into_any()
}

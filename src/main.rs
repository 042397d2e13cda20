//! Entry point: mount the app; everything else lives in the library so tests can reach it.
//!
//! Here too are the split points of the screens loaded on demand (`pages::on_demand`): the
//! release build cuts each group's code out of the page's module. They are exported
//! functions, so they must be in this binary alone (see `pages::on_demand`). Each calls its
//! own page and nothing else; a function reaching two groups' pages would put both in one
//! shared file. Groups are screens that share most of their code: the agenda's detail routes
//! (an invoice's collection panel, a letter), the documents (the editor, the document view,
//! the payment forms), the numbers, the set-up.
//!
//! The split points are `fallible`: a module that cannot be fetched answers `Err`, which the
//! app shows as a notice, instead of the panic that would abort the app.

use cobro::pages::{self, on_demand::Loaded, on_demand::Loading, on_demand::Screen, on_demand::Screens};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

/// Split points: each `name` opens its page from `group`'s module.
macro_rules! split_points {
    ($group:ident: $($name:ident => $page:path),+ $(,)?) => {$(
        #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> Loaded {
            Ok($page().into_any())
        }
    )+};
}

split_points!(collect: agenda_detail => pages::agenda_detail::AgendaDetail);
split_points!(documents:
    invoices => pages::invoices::InvoicesPage,
    quotes => pages::quotes::QuotesPage,
    clients => pages::clients::ClientsPage,
    recurring => pages::recurring::RecurringPage,
);
split_points!(numbers: reports => pages::reports::ReportsPage, taxes => pages::taxes::TaxesPage);
split_points!(setup: settings => pages::settings::SettingsPage, backup => pages::backup::BackupPage);

fn open(screen: Screen) -> Loading {
    match screen {
        Screen::AgendaDetail => Box::pin(agenda_detail()),
        Screen::Invoices => Box::pin(invoices()),
        Screen::Quotes => Box::pin(quotes()),
        Screen::Clients => Box::pin(clients()),
        Screen::Recurring => Box::pin(recurring()),
        Screen::Reports => Box::pin(reports()),
        Screen::Taxes => Box::pin(taxes()),
        Screen::Settings => Box::pin(settings()),
        Screen::Backup => Box::pin(backup()),
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        cobro::app::App(cobro::app::AppProps {
            screens: Screens(open),
        })
    });
}

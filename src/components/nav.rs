//! The navigation between areas: a bottom bar on phones, a side rail on desktops (CSS decides).

use crate::i18n::{use_i18n, Texts};
use crate::platform::route::Route;
use leptos::prelude::*;

fn label(t: &'static Texts, r: Route) -> &'static str {
    match r {
        Route::Agenda => t.nav_agenda,
        Route::Invoices => t.nav_invoices,
        Route::Quotes => t.nav_quotes,
        Route::Clients => t.nav_clients,
        Route::Reports => t.nav_reports,
        Route::Settings => t.nav_settings,
        Route::Backup => t.nav_backup,
        Route::Recurring => t.nav_recurring,
        Route::Taxes => t.nav_taxes,
    }
}

/// The label a phone's bottom bar shows (the full one is still read out).
fn short_label(t: &'static Texts, r: Route) -> &'static str {
    match r {
        Route::Quotes => t.nav_quotes_short,
        Route::Backup => t.nav_backup_short,
        other => label(t, other),
    }
}

#[component]
pub fn Nav(route: ReadSignal<Route>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="nav" aria-label=move || i18n.t().nav_label>
            <ul>
                {Route::ALL
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li class:rail-only=r.rail_only()>
                                <a
                                    href=r.href()
                                    data-route=r.slug()
                                    aria-current=move || (route.get() == r).then_some("page")
                                >
                                    <span class="label-full">{move || label(i18n.t(), r)}</span>
                                    <span class="label-short" aria-hidden="true">
                                        {move || short_label(i18n.t(), r)}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

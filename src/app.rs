//! The root component: provides the language context, follows the route and
//! lays out the shell (header, navigation, the current screen, update prompt).

use crate::components::when::When;
use crate::components::{nav::Nav, update_banner::UpdateBanner};
use crate::i18n::{self, I18n};
use crate::pages;
use crate::pages::on_demand::{Screen, Screens};
use crate::platform::route::{use_route, CurrentHash, Route};
use crate::platform::sw;
use crate::state::AppState;
use leptos::prelude::*;

/// A brand-new installation (no business profile and no documents) starts with the set-up.
/// Asked of the start-up packs too: they hold the profile and every client, and a business
/// with invoices has clients.
fn needs_first_run(app: AppState) -> bool {
    app.with_current(|d| {
        d.is_some_and(|d| d.profile.name.trim().is_empty() && d.invoices.is_empty() && d.clients.is_empty())
    })
}

/// A screen whose code is fetched the first time it opens (`pages::on_demand`): nothing shows
/// until its module is there, a few milliseconds from the service worker's cache. A module
/// that cannot be fetched leaves a notice with a reload, which fetches the page's current
/// files (the usual cause is a page left open across an update, or being offline before the
/// service worker had cached them).
///
/// Any screen may open one (the agenda opens its detail routes this way); the app provides
/// how (`Screens`), and without it (nothing renders `App`) there is nothing to show.
pub fn open_screen(screen: Screen) -> AnyView {
    let Some(screens) = use_context::<Screens>() else {
        return ().into_any();
    };
    let loading = (screens.0)(screen);
    Suspend::new(async move {
        match loading.await {
            Ok(view) => view,
            Err(_) => view! { <ScreenNotLoaded /> }.into_any(),
        }
    })
    .into_any()
}

#[component]
fn ScreenNotLoaded() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let reload = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <div class="notice-banner error" role="alert" id="screen-not-loaded">
            <p>{move || i18n.t().screen_not_loaded}</p>
            <button type="button" class="primary" on:click=reload>{move || i18n.t().update_reload}</button>
        </div>
    }
}

/// `screens` opens the screens loaded on demand (the page's binary gives its split points).
#[component]
pub fn App(screens: Screens) -> impl IntoView {
    let i18n = I18n::new();
    provide_context(i18n);
    provide_context(screens);
    let app = AppState::provide();
    let route = use_route();
    // A memo, so the screen is rebuilt only when this answer changes, not on every data reload.
    let first_run = Memo::new(move |_| needs_first_run(app));
    let (update, set_update) = signal(None::<sw::WaitingUpdate>);
    sw::register(set_update);

    // A new screen starts at its top: a hash change keeps the scroll of the screen before it
    // (a long list, the first-run form whose button is at the bottom), which on a phone opens
    // the next screen halfway down.
    let hash = use_context::<CurrentHash>().map(|h| h.0);
    Effect::new(move |seen: Option<()>| {
        if let Some(h) = hash {
            h.track();
        }
        first_run.track();
        if seen.is_some() {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });

    // Keep <html lang> right for screen readers and hyphenation.
    Effect::new(move |_| {
        let code = i18n::code(i18n.lang.get());
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", code);
        }
    });

    view! {
        <div class="shell">
            <header class="topbar">
                <a class="brand" href=Route::Agenda.href()>
                    <img src="icons/icon-192.png" alt="" width="28" height="28" />
                    <span>{move || i18n.t().app_name}</span>
                </a>
                <crate::components::lang_switch::LangSwitch />
            </header>
            <Nav route=route />
            <main id="main" class="content" tabindex="-1">
                <When when=move || app.upgraded_elsewhere.get()>
                    <div class="notice-banner" role="alert" id="upgraded-elsewhere">
                        {move || i18n.t().upgraded_elsewhere}
                    </div>
                </When>
                <When when=move || app.load_error.with(Option::is_some)>
                    <div class="notice-banner error" role="alert" id="load-error">
                        {move || {
                            app.load_error
                                .with(|e| e.as_ref().map(|e| crate::i18n::problems::storage(e, i18n.lang.get())))
                                .unwrap_or_default()
                        }}
                    </div>
                </When>
                <crate::components::verifactu::notice::VerifactuNotice />
                {move || match route.get() {
                    Route::Agenda if first_run.get() => pages::first_run::FirstRunPage().into_any(),
                    Route::Agenda => pages::agenda::AgendaPage().into_any(),
                    Route::Invoices => open_screen(Screen::Invoices),
                    Route::Quotes => open_screen(Screen::Quotes),
                    Route::Clients => open_screen(Screen::Clients),
                    Route::Reports => open_screen(Screen::Reports),
                    Route::Settings => open_screen(Screen::Settings),
                    Route::Backup => open_screen(Screen::Backup),
                    Route::Recurring => open_screen(Screen::Recurring),
                    Route::Taxes => open_screen(Screen::Taxes),
                }}
            </main>
            <UpdateBanner update=update />
        </div>
    }
}

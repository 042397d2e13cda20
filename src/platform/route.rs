//! Hash routing (`#/invoices`): works from any static host and any sub-path
//! with no server rewrite rules, and offline from the service worker cache.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The app's areas, one per screen in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Agenda,
    Invoices,
    Quotes,
    Clients,
    Reports,
    Settings,
    Backup,
}

impl Route {
    pub const ALL: [Route; 7] = [
        Route::Agenda,
        Route::Invoices,
        Route::Quotes,
        Route::Clients,
        Route::Reports,
        Route::Settings,
        Route::Backup,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Route::Agenda => "agenda",
            Route::Invoices => "invoices",
            Route::Quotes => "quotes",
            Route::Clients => "clients",
            Route::Reports => "reports",
            Route::Settings => "settings",
            Route::Backup => "backup",
        }
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// Unknown or empty hashes land on the agenda, the home screen.
    pub fn from_hash(hash: &str) -> Route {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = slug.split(['/', '?']).next().unwrap_or_default();
        Route::ALL
            .into_iter()
            .find(|r| r.slug() == slug)
            .unwrap_or(Route::Agenda)
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The current route as a signal that follows `hashchange`.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::from_hash(&current_hash()));
    if let Some(window) = web_sys::window() {
        let on_change = Closure::<dyn FnMut()>::new(move || {
            set_route.set(Route::from_hash(&current_hash()));
        });
        let _ = window.add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
        // The listener lives as long as the app.
        on_change.forget();
    }
    route
}

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
    Recurring,
    Taxes,
}

impl Route {
    pub const ALL: [Route; 9] = [
        Route::Agenda,
        Route::Invoices,
        Route::Recurring,
        Route::Quotes,
        Route::Clients,
        Route::Reports,
        Route::Taxes,
        Route::Settings,
        Route::Backup,
    ];

    /// Areas only the desktop rail lists: the phone's bottom bar keeps its seven, and reaches
    /// these from the screen they belong to (recurring from the invoices, taxes from reports).
    pub fn rail_only(self) -> bool {
        matches!(self, Route::Recurring | Route::Taxes)
    }

    pub fn slug(self) -> &'static str {
        match self {
            Route::Agenda => "agenda",
            Route::Invoices => "invoices",
            Route::Quotes => "quotes",
            Route::Clients => "clients",
            Route::Reports => "reports",
            Route::Settings => "settings",
            Route::Backup => "backup",
            Route::Recurring => "recurring",
            Route::Taxes => "taxes",
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

/// The path segments after the area: `#/invoices/abc/print` → `["abc", "print"]`.
pub fn rest_of(hash: &str) -> Vec<String> {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let path = path.split('?').next().unwrap_or_default();
    path.split('/')
        .skip(1)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A parameter of the hash's query: `#/invoices/new?client=c1` → `client` = `c1`.
/// Values are ids and codes the app writes itself, so no percent-decoding is needed.
pub fn query_of(hash: &str, key: &str) -> Option<String> {
    let (_, query) = hash.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// [`query_of`] the current hash, following `hashchange`.
pub fn use_query(key: &'static str) -> Memo<Option<String>> {
    let hash = use_context::<CurrentHash>().map(|h| h.0);
    Memo::new(move |_| hash.and_then(|h| query_of(&h.get(), key)))
}

/// The whole current hash, provided by the shell so screens can read their sub-path.
#[derive(Clone, Copy)]
pub struct CurrentHash(pub ReadSignal<String>);

/// The segments after the current area (e.g. an invoice id), following `hashchange`.
pub fn use_rest() -> Memo<Vec<String>> {
    let hash = use_context::<CurrentHash>().map(|h| h.0);
    Memo::new(move |_| hash.map(|h| rest_of(&h.get())).unwrap_or_default())
}

/// Go to a hash route (`#/invoices/abc`), as a link click would.
pub fn navigate(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(href.trim_start_matches('#'));
    }
}

/// The current route as a signal that follows `hashchange` (also provides [`CurrentHash`]).
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::from_hash(&current_hash()));
    let (hash, set_hash) = signal(current_hash());
    provide_context(CurrentHash(hash));
    if let Some(window) = web_sys::window() {
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let now = current_hash();
            set_route.set(Route::from_hash(&now));
            set_hash.set(now);
        });
        let _ = window.add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
        // The listener lives as long as the app.
        on_change.forget();
    }
    route
}

/// Change the address bar without a `hashchange` (the screen stays as it is).
pub fn replace_hash(href: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = js_sys::Reflect::get(&window, &"history".into()) else {
        return;
    };
    let Ok(replace) = js_sys::Reflect::get(&history, &"replaceState".into()) else {
        return;
    };
    if let Ok(f) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(replace) {
        let _ = f.call3(&history, &wasm_bindgen::JsValue::NULL, &"".into(), &href.into());
    }
}

//! Device preferences that are not business data (the UI language), kept in
//! localStorage. Business records go to IndexedDB only.

use cobro_core::Lang;
use gloo_storage::{LocalStorage, Storage};

const LANG_KEY: &str = "cobro.lang";

/// The language the user picked, else the browser's (Spanish for any `es-*`).
pub fn language() -> Lang {
    LocalStorage::get::<Lang>(LANG_KEY).unwrap_or_else(|_| browser_language())
}

pub fn set_language(lang: Lang) {
    // A failure (private mode, quota) only means the choice is not remembered.
    let _ = LocalStorage::set(LANG_KEY, lang);
}

fn browser_language() -> Lang {
    let nav = web_sys::window().map(|w| w.navigator().language());
    match nav.flatten() {
        Some(l) if l.to_ascii_lowercase().starts_with("es") => Lang::Es,
        Some(_) => Lang::En,
        None => Lang::Es,
    }
}

//! Device preferences that are not business data (the UI language, notices the user
//! waved away), kept in localStorage. Business records go to IndexedDB only.

use chrono::NaiveDate;
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

const CHECKLIST_DISMISSED_KEY: &str = "cobro.checklist_dismissed";
const BACKUP_NOTICE_DISMISSED_KEY: &str = "cobro.backup_notice_dismissed";

/// Whether the user hid the finished getting-started checklist on this device.
pub fn checklist_dismissed() -> bool {
    LocalStorage::get::<bool>(CHECKLIST_DISMISSED_KEY).unwrap_or(false)
}

pub fn dismiss_checklist() {
    // Not remembered (private mode) only means it shows again on the next visit.
    let _ = LocalStorage::set(CHECKLIST_DISMISSED_KEY, true);
}

/// The day the user last waved the agenda's backup notice away on this device.
pub fn backup_notice_dismissed() -> Option<NaiveDate> {
    LocalStorage::get::<NaiveDate>(BACKUP_NOTICE_DISMISSED_KEY).ok()
}

pub fn dismiss_backup_notice(today: NaiveDate) {
    let _ = LocalStorage::set(BACKUP_NOTICE_DISMISSED_KEY, today);
}

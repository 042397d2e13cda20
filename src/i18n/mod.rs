//! Spanish and English UI strings. One struct with a field per string, so a
//! string missing in one language is a compile error, not a blank on screen.
//! Each area keeps its own strings in its own file (`invoicing.rs`,
//! `collections.rs`, `backup.rs`), with the same one-struct-per-language rule.

pub mod backup;
pub mod collections;
pub mod corrections;
pub mod documents;
mod en;
mod es;
pub mod guide;
pub mod invoicing;
pub mod problems;
pub mod recurring;
pub mod tax;
pub mod verifactu;

use crate::platform::prefs;
use cobro_core::Lang;
use leptos::prelude::*;

/// Every string the UI shows.
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub nav_label: &'static str,
    pub nav_agenda: &'static str,
    pub nav_invoices: &'static str,
    pub nav_quotes: &'static str,
    pub nav_clients: &'static str,
    pub nav_reports: &'static str,
    pub nav_settings: &'static str,
    pub nav_backup: &'static str,
    pub nav_recurring: &'static str,
    pub nav_taxes: &'static str,
    pub language: &'static str,
    pub update_available: &'static str,
    pub update_reload: &'static str,
    pub agenda_empty: &'static str,
    pub invoices_empty: &'static str,
    pub quotes_empty: &'static str,
    pub clients_empty: &'static str,
    pub settings_intro: &'static str,
    pub backup_intro: &'static str,
    pub upgraded_elsewhere: &'static str,
    /// The one storage failure the user must act on: the disk (or the browser's allowance) is full.
    pub storage_full: &'static str,
    /// A screen's module could not be fetched (offline, or the page outlived an update).
    pub screen_not_loaded: &'static str,
}

/// A failed write in words for the user, in their language.
pub fn op_message(e: &crate::storage::OpError, lang: Lang) -> String {
    problems::op(e, lang)
}

/// [`op_message`] for a bare storage error.
pub fn storage_message(e: &crate::storage::StorageError, lang: Lang) -> String {
    problems::storage(e, lang)
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Es => &es::ES,
        Lang::En => &en::EN,
    }
}

/// The UI language, provided at the root and switchable anywhere.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn new() -> Self {
        Self {
            lang: RwSignal::new(prefs::language()),
        }
    }

    /// The strings of the current language (tracks the signal).
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// Switch and remember the choice on this device.
    pub fn set(&self, lang: Lang) {
        prefs::set_language(lang);
        self.lang.set(lang);
    }
}

impl Default for I18n {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_default()
}

/// `lang` attribute value for the document.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "es",
        Lang::En => "en",
    }
}

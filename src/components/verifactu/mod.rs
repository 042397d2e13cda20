//! The billing-records law (VERI*FACTU) in the UI: the Settings section (mode, certificate,
//! declaration), the export for the Tax Agency, the invoice's tax QR and the start-up notice.
//! Each piece renders what the core decides (`cobro_core::verifactu::status`).

pub mod export;
pub mod notice;
pub mod settings;
pub mod tax_qr;

use crate::i18n::{use_i18n, verifactu};
use leptos::prelude::*;

/// A string of this area in the current language.
pub fn tv(pick: fn(&verifactu::T) -> &'static str) -> Signal<&'static str> {
    let i18n = use_i18n();
    Signal::derive(move || pick(verifactu::texts(i18n.lang.get())))
}

/// A billing-records failure in the user's language.
pub fn error_text(e: &crate::storage::OpError, lang: cobro_core::Lang) -> String {
    use crate::storage::verifactu::VfError;
    let t = verifactu::texts(lang);
    match e {
        crate::storage::OpError::Verifactu(VfError::Fork(_)) => t.fork.to_string(),
        crate::storage::OpError::Verifactu(VfError::Signing(_)) => t.cert_browser.to_string(),
        crate::storage::OpError::Storage(s) => crate::i18n::storage_message(s, lang),
        _ => t.failed.to_string(),
    }
}

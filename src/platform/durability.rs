//! Keeping the data: the browser may evict an origin's storage under
//! pressure unless it is marked persistent, and nothing survives a broken
//! laptop but a backup. So: ask for persistence, show how much space is used,
//! and decide when to remind the user to export (the rule is pure, below).

use chrono::Duration;
use cobro_core::{AppSettings, Invoice, Stamp};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

fn storage_manager() -> Option<web_sys::StorageManager> {
    let nav = web_sys::window()?.navigator();
    // Absent on insecure origins and in some embedded browsers.
    js_sys::Reflect::has(&nav, &JsValue::from_str("storage"))
        .unwrap_or(false)
        .then(|| nav.storage())
}

/// Ask the browser not to evict Cobro's data; `true` when it is (or already
/// was) persistent. Browsers may decide silently (Chromium grants it to
/// installed or often-used sites), so `false` is an answer, not an error.
pub async fn persist() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    let Ok(promise) = manager.persist() else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Whether storage is already persistent (no prompt).
pub async fn persisted() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    let Ok(promise) = manager.persisted() else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Bytes used by this origin and the most the browser will let it use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub used: f64,
    pub quota: f64,
}

/// The browser's estimate, `None` where it gives none.
pub async fn estimate() -> Option<Estimate> {
    let promise = storage_manager()?.estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let field = |name: &str| {
        js_sys::Reflect::get(&value, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some(Estimate {
        used: field("usage")?,
        quota: field("quota")?,
    })
}

/// Whether to remind the user to export a backup, and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReminder {
    /// Whole days since the last export; `None` when there has never been one.
    pub days_since: Option<i64>,
    /// Issued invoices created or changed since the last export (all issued
    /// invoices when there was none).
    pub invoices_since: usize,
    /// Show the reminder.
    pub warn: bool,
}

/// The reminder rule: warn when there is something to lose and either no
/// backup was ever made, the last one is `settings.backup_reminder_days` old
/// or older, or `settings.backup_reminder_invoices` issued invoices changed
/// since it. A threshold of 0 turns that half of the rule off.
///
/// "Changed since" uses each invoice's `updated_at` against the export
/// stamp: issuing, sending and every later fact bump it, and all of those
/// are lost together with the browser's storage.
pub fn backup_reminder(settings: &AppSettings, invoices: &[Invoice], now: Stamp) -> BackupReminder {
    let last = settings.last_export_at;
    let issued = invoices.iter().filter(|i| i.number.is_some());
    let invoices_since = match last {
        Some(at) => issued.filter(|i| i.updated_at > at).count(),
        None => issued.count(),
    };
    // A clock set back before the last export counts as zero days, not negative ones.
    let days_since = last.map(|at| (now - at).max(Duration::zero()).num_days());
    let too_old = match days_since {
        Some(days) => settings.backup_reminder_days > 0 && days >= i64::from(settings.backup_reminder_days),
        None => true,
    };
    let too_many =
        settings.backup_reminder_invoices > 0 && invoices_since >= settings.backup_reminder_invoices as usize;
    // Nothing issued yet and never exported: nothing to lose worth nagging about.
    let nothing_to_lose = last.is_none() && invoices_since == 0;
    BackupReminder {
        days_since,
        invoices_since,
        warn: !nothing_to_lose && (too_old || too_many),
    }
}

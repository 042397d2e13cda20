//! Save a text as a file the user keeps (the backup): a Blob, an object URL
//! and a click on a temporary `<a download>`, which every browser turns into
//! a download without a server.

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// `cobro-backup-YYYY-MM-DD.json`, dated by the user's calendar day.
pub fn backup_file_name(today: NaiveDate) -> String {
    // `Display` is `%Y-%m-%d`.
    format!("cobro-backup-{today}.json")
}

/// Why a file could not be offered for download (the UI says it in the user's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the file could not be offered for download ({0})")]
pub struct DownloadError(pub &'static str);

fn fail(what: &'static str) -> DownloadError {
    DownloadError(what)
}

/// Offer `text` as a download named `file_name` with MIME type `mime`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), DownloadError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))?;
    download_blob(file_name, &blob)
}

/// Offer `blob` as a download named `file_name` (a backup assembled from its parts).
pub fn download_blob(file_name: &str, blob: &Blob) -> Result<(), DownloadError> {
    let url = Url::create_object_url_with_blob(blob).map_err(|_| fail("object URL"))?;
    let result = click_link(&url, file_name).ok_or_else(|| fail("link"));
    // Chromium and Firefox have the blob by the time click() returns, so the URL can go now.
    let _ = Url::revoke_object_url(&url);
    result
}

fn click_link(url: &str, file_name: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let a: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(url);
    a.set_download(file_name);
    // Firefox only follows clicks on links that are in the document.
    let body = document.body()?;
    body.append_child(&a).ok()?;
    a.click();
    body.remove_child(&a).ok()?;
    Some(())
}

/// Download a backup text as today's `cobro-backup-YYYY-MM-DD.json`.
pub fn download_backup(text: &str, today: NaiveDate) -> Result<(), DownloadError> {
    download_text(&backup_file_name(today), "application/json", text)
}

/// Download a backup file assembled in memory as today's `cobro-backup-YYYY-MM-DD.json`.
pub fn download_backup_blob(blob: &Blob, today: NaiveDate) -> Result<(), DownloadError> {
    download_blob(&backup_file_name(today), blob)
}

//! Read a file the user picked (a backup to restore) into a String, with
//! `Blob.text()`, which decodes UTF-8 (a leading BOM is handled by the
//! core's backup parser, which reports it), or as raw bytes, so that the
//! backup parser can refuse a file that is not UTF-8 by name instead of
//! reading it with replacement characters.

use wasm_bindgen::JsCast;

/// Why a chosen file could not be read (the UI says it in the user's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the file could not be read (was it moved or deleted?)")]
    Unreadable,
    #[error("the file could not be read as text")]
    NotText,
}
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, HtmlInputElement};

/// The whole text of `file`.
pub async fn read_text(file: &Blob) -> Result<String, ReadError> {
    JsFuture::from(file.text())
        .await
        .map_err(|_| ReadError::Unreadable)?
        .as_string()
        .ok_or(ReadError::NotText)
}

/// The whole content of `file`, as bytes.
pub async fn read_bytes(file: &Blob) -> Result<Vec<u8>, ReadError> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ReadError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The first file chosen in an `<input type=file>`, if any.
pub fn chosen_file(input: &HtmlInputElement) -> Option<File> {
    input.files()?.get(0)
}

/// The text of the first file chosen in `input` (`None` when none is chosen).
pub async fn read_chosen(input: &HtmlInputElement) -> Result<Option<String>, ReadError> {
    match chosen_file(input) {
        Some(file) => read_text(file.unchecked_ref::<Blob>()).await.map(Some),
        None => Ok(None),
    }
}

/// The bytes of the first file chosen in `input` (`None` when none is chosen).
pub async fn read_chosen_bytes(input: &HtmlInputElement) -> Result<Option<Vec<u8>>, ReadError> {
    match chosen_file(input) {
        Some(file) => read_bytes(file.unchecked_ref::<Blob>()).await.map(Some),
        None => Ok(None),
    }
}

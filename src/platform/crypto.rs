//! SHA-256 through the browser's WebCrypto, for backups: checking an import and writing an
//! export hash tens of megabytes, which the browser's native digest does several times faster
//! than SHA-256 compiled to wasm (and without that code in the download). Where WebCrypto is
//! missing (a page not served from https or localhost), the core's own SHA-256 is used.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn subtle() -> Option<web_sys::SubtleCrypto> {
    let window: wasm_bindgen::JsValue = web_sys::window()?.into();
    let crypto = js_sys::Reflect::get(&window, &"crypto".into()).ok()?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok()?;
    subtle.dyn_into().ok()
}

/// SHA-256 of `data` as 64 lowercase hex digits.
pub async fn sha256_hex(data: &js_sys::Uint8Array) -> Result<String, String> {
    let Some(subtle) = subtle() else {
        return Ok(cobro_core::backup::v2::digest(&data.to_vec()));
    };
    let promise = subtle
        .digest_with_str_and_buffer_source("SHA-256", data)
        .map_err(|_| "the browser could not compute a checksum".to_string())?;
    let digest = JsFuture::from(promise)
        .await
        .map_err(|_| "the browser could not compute a checksum".to_string())?;
    Ok(cobro_core::backup::v2::hex(
        &js_sys::Uint8Array::new(&digest).to_vec(),
    ))
}

/// SHA-256 of every byte string of `parts` (a backup's stores), in order.
pub async fn sha256_all(parts: &[&[u8]]) -> Result<Vec<String>, String> {
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        // A view of wasm memory is only valid until the next allocation: copy it to JS first.
        let copy = js_sys::Uint8Array::from(*p);
        out.push(sha256_hex(&copy).await?);
    }
    Ok(out)
}

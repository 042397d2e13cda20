//! SHA-256 through the browser's WebCrypto, for backups: checking an import and writing an
//! export hash tens of megabytes, which the browser's native digest does several times faster
//! than SHA-256 compiled to wasm (and without that code in the download). Where WebCrypto is
//! missing (a page not served from https or localhost), the core's own SHA-256 is used.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn subtle() -> Option<web_sys::SubtleCrypto> {
    // The page's window or the backup worker's scope: both have `crypto.subtle`.
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok()?;
    subtle.dyn_into().ok()
}

const FAILED: &str = "the browser could not compute a checksum";

/// SHA-256 of each of `data`, in order. Every digest is asked for before the first is
/// awaited: the browser computes them off the main thread, several at once where it has
/// the cores, so the largest stores of a backup are hashed side by side.
pub async fn sha256_many(data: &[js_sys::Uint8Array]) -> Result<Vec<String>, String> {
    let Some(subtle) = subtle() else {
        return Ok(data
            .iter()
            .map(|d| cobro_core::backup::v2::digest(&d.to_vec()))
            .collect());
    };
    let pending = data
        .iter()
        .map(|d| {
            subtle
                .digest_with_str_and_buffer_source("SHA-256", d)
                .map(JsFuture::from)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| FAILED.to_string())?;
    let mut out = Vec::with_capacity(pending.len());
    for digest in pending {
        let digest = digest.await.map_err(|_| FAILED.to_string())?;
        out.push(cobro_core::backup::v2::hex(
            &js_sys::Uint8Array::new(&digest).to_vec(),
        ));
    }
    Ok(out)
}

/// SHA-256 of every byte string of `parts` (a backup's stores), in order.
pub async fn sha256_all(parts: &[&[u8]]) -> Result<Vec<String>, String> {
    // A view of wasm memory is only valid until the next allocation: copy each to JS first.
    let copies: Vec<js_sys::Uint8Array> = parts.iter().map(|p| js_sys::Uint8Array::from(*p)).collect();
    sha256_many(&copies).await
}

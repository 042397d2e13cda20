//! The Web Share API (the phone's share sheet: WhatsApp, Mail, Messages…), reached through
//! `js_sys::Reflect` so no extra web-sys feature is needed. Where the browser has no
//! `navigator.share`, [`available`] is false and the UI hides the button.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn navigator() -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str("navigator")).ok()
}

fn share_fn(nav: &JsValue) -> Option<Function> {
    Reflect::get(nav, &JsValue::from_str("share"))
        .ok()?
        .dyn_into()
        .ok()
}

/// Whether this browser can open a share sheet.
pub fn available() -> bool {
    navigator().as_ref().and_then(share_fn).is_some()
}

/// Open the share sheet with a title and a text. Cancelling it is not an error.
pub async fn share(title: &str, text: &str) -> Result<(), String> {
    let nav = navigator().ok_or("no navigator")?;
    let f = share_fn(&nav).ok_or("sharing is not available in this browser")?;
    let data = Object::new();
    let set = |k: &str, v: &str| Reflect::set(&data, &JsValue::from_str(k), &JsValue::from_str(v));
    set("title", title).map_err(|_| "share data")?;
    set("text", text).map_err(|_| "share data")?;
    let promise: Promise = f
        .call1(&nav, &data)
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "share did not return a promise")?;
    match JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        // The user closed the sheet: nothing to report.
        Err(e) if error_name(&e).as_deref() == Some("AbortError") => Ok(()),
        Err(e) => Err(describe(&e)),
    }
}

fn error_name(e: &JsValue) -> Option<String> {
    Reflect::get(e, &JsValue::from_str("name")).ok()?.as_string()
}

fn describe(e: &JsValue) -> String {
    Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "sharing failed".to_string())
}

//! Copying a text to the clipboard, so a ready-made reminder can be pasted anywhere (a chat,
//! a web mail, a client's portal) even where the browser has no share sheet. The async
//! Clipboard API first; where it is missing (an origin that is not secure), the older
//! select-and-copy of a hidden text area. Reached through `js_sys::Reflect`, so no extra
//! web-sys feature is needed.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a text could not be copied (the UI says so in the user's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClipboardError {
    /// Neither way of copying exists in this browser.
    #[error("this browser cannot copy to the clipboard")]
    Unavailable,
    /// The browser refused (permission denied, the page not focused).
    #[error("the browser refused to copy")]
    Refused,
}

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    get(target, name)?.dyn_into().ok()
}

/// Put `text` on the clipboard.
pub async fn copy(text: &str) -> Result<(), ClipboardError> {
    let window: JsValue = web_sys::window().ok_or(ClipboardError::Unavailable)?.into();
    let clipboard = get(&window, "navigator").and_then(|n| get(&n, "clipboard"));
    if let Some((clipboard, write)) = clipboard.and_then(|c| method(&c, "writeText").map(|f| (c, f))) {
        let promise: Promise = write
            .call1(&clipboard, &JsValue::from_str(text))
            .map_err(|_| ClipboardError::Refused)?
            .dyn_into()
            .map_err(|_| ClipboardError::Refused)?;
        return JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|_| ClipboardError::Refused);
    }
    copy_by_selection(&window, text)
}

/// The fallback: select the text in a hidden text area and ask the document to copy it.
fn copy_by_selection(window: &JsValue, text: &str) -> Result<(), ClipboardError> {
    let document = get(window, "document").ok_or(ClipboardError::Unavailable)?;
    let body = get(&document, "body").ok_or(ClipboardError::Unavailable)?;
    let create = method(&document, "createElement").ok_or(ClipboardError::Unavailable)?;
    let area = create
        .call1(&document, &JsValue::from_str("textarea"))
        .map_err(|_| ClipboardError::Unavailable)?;
    let set = |k: &str, v: &JsValue| Reflect::set(&area, &JsValue::from_str(k), v).is_ok();
    set("value", &JsValue::from_str(text));
    // Off screen but rendered (a hidden element cannot be selected); read-only keeps a
    // phone's keyboard from opening.
    if let Some(el) = area.dyn_ref::<web_sys::Element>() {
        let _ = el.set_attribute("readonly", "");
        let _ = el.set_attribute("aria-hidden", "true");
        let _ = el.set_attribute("class", "offscreen-copy");
    }
    let append = method(&body, "appendChild").ok_or(ClipboardError::Unavailable)?;
    append
        .call1(&body, &area)
        .map_err(|_| ClipboardError::Unavailable)?;
    let copied = (|| {
        method(&area, "select")?.call0(&area).ok()?;
        let exec = method(&document, "execCommand")?;
        exec.call1(&document, &JsValue::from_str("copy")).ok()?.as_bool()
    })();
    if let Some(remove) = method(&area, "remove") {
        let _ = remove.call0(&area);
    }
    match copied {
        Some(true) => Ok(()),
        Some(false) => Err(ClipboardError::Refused),
        None => Err(ClipboardError::Unavailable),
    }
}

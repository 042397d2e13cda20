//! The app's only clock. The core never reads the time: pages ask here for
//! "today" (the user's local calendar day, which is what due dates mean) and
//! "now" (an instant for `updated_at` stamps) and pass them in.

use chrono::{DateTime, NaiveDate, Utc};

/// Today's date in the user's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    // Date's getters are local time; month is 0-based.
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_else(|| now().date_naive())
}

/// The current instant, for `updated_at` stamps.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Give the browser a turn (to paint, to handle a tap) before going on with long work: the
/// rest of the caller runs in a new task. A message to ourselves, not a timer, because
/// timers are clamped to several milliseconds once nested.
pub async fn yield_now() {
    use wasm_bindgen::{JsCast, JsValue};
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let on_failure = resolve.clone();
        // The handler owns the channel, so it lives until its message arrives.
        let keep = channel.clone();
        let on_message = wasm_bindgen::closure::Closure::once_into_js(move || {
            drop(keep);
            let _ = resolve.call0(&JsValue::NULL);
        });
        channel.port1().set_onmessage(Some(on_message.unchecked_ref()));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = on_failure.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

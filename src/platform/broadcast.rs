//! Several tabs of Cobro on one device: after every committed write the
//! storage layer posts which stores changed on the "cobro-changes"
//! BroadcastChannel, and the UI subscribes to reload what it shows.
//!
//! Each message names the tab that sent it ([`tab_id`]). BroadcastChannel skips
//! only the object that posted, and `announce` posts from an object of its own,
//! so without the name a tab would hear its own writes and read everything again
//! after each of them, when it has already applied them in memory.

use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel every tab of the app listens on.
pub const CHANNEL: &str = "cobro-changes";

/// One committed write: which tab made it, which database (tests use several) and which
/// stores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The sending tab's [`tab_id`] (empty from versions that did not send one: heard).
    #[serde(default)]
    pub from: String,
    pub db: String,
    pub stores: Vec<String>,
}

thread_local! {
    static TAB: OnceCell<String> = const { OnceCell::new() };
}

/// This tab's name on the channel: random, made once per page load.
pub fn tab_id() -> String {
    TAB.with(|t| t.get_or_init(crate::storage::new_id).clone())
}

/// Tell the other tabs that `stores` of database `db` changed. Best effort:
/// a browser without BroadcastChannel only loses the live refresh.
pub fn announce(db: &str, stores: &[&str]) {
    post(&Change {
        from: tab_id(),
        db: db.to_string(),
        stores: stores.iter().map(|s| s.to_string()).collect(),
    });
}

/// Post `change` on the channel as it is (tests post as another tab would).
pub fn post(change: &Change) {
    let Ok(text) = serde_json::to_string(change) else {
        return;
    };
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str(&text));
        // Messages already posted are delivered after close; only new ones stop.
        channel.close();
    }
}

/// A live subscription; dropping it stops the calls.
pub struct Subscription {
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// Call `on_change` whenever another tab commits a write to database `db` (this tab's own
/// writes are not heard: they are in its data already). Keep the returned value alive as
/// long as the calls are wanted.
pub fn subscribe(db: &str, on_change: impl Fn(Change) + 'static) -> Result<Subscription, String> {
    let channel = BroadcastChannel::new(CHANNEL)
        .map_err(|_| "this browser cannot share changes between tabs".to_string())?;
    let db = db.to_string();
    let me = tab_id();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(text) = event.data().as_string() else {
            return;
        };
        // Messages from other versions of the app that do not parse are ignored, not fatal.
        if let Ok(change) = serde_json::from_str::<Change>(&text) {
            if change.db == db && change.from != me {
                on_change(change);
            }
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    Ok(Subscription {
        channel,
        _on_message: on_message,
    })
}

//! Thin wrappers over browser APIs (clock, preferences, routing, service worker),
//! so that pages and the core never touch `web_sys` directly.

pub mod clock;
pub mod prefs;
pub mod route;
pub mod sw;

//! Thin wrappers over browser APIs (clock, preferences, routing, service worker),
//! so that pages and the core never touch `web_sys` directly.

pub mod broadcast;
pub mod clock;
pub mod crypto;
pub mod download;
pub mod durability;
pub mod files;
pub mod prefs;
pub mod print;
pub mod route;
pub mod share;
pub mod signing;
pub mod sw;
pub mod worker;

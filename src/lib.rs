//! Cobro, the browser app: the Leptos UI, the IndexedDB adapter and the
//! platform glue around the pure `cobro_core`. Components ask the core and
//! render; the storage module is the only code that touches IndexedDB.

pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod platform;
pub mod state;
pub mod storage;
pub mod worker;

/// The app's version, written into every backup.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

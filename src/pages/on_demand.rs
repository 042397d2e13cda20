//! The screens that load on demand, as the app asks for them. The page's binary
//! (`src/main.rs`) answers with its split points: the release build cuts what only a group of
//! screens reaches out of the page's module into a wasm file of its own
//! (`scripts/split.mjs` runs `wasm-split-cli`), fetched the first time one of them opens.
//!
//! The split points live in the binary, not here, because each one is an exported function:
//! in the library every module linking it (the backup worker, the browser tests) would export
//! them too, and so keep every screen's code.

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// The screens that are not in the page's module. The agenda's list and the first run are:
/// every visit needs one of them before anything shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The agenda's detail routes (`pages::agenda_detail`): an invoice's collection panel, a letter.
    AgendaDetail,
    Invoices,
    Quotes,
    Clients,
    Recurring,
    Reports,
    Taxes,
    Settings,
    Backup,
}

/// Why a screen's module could not be fetched (offline before the service worker cached it,
/// or a page left open across an update whose files are gone).
pub use leptos::wasm_split::SplitLoaderError;

/// What a split point answers: the screen, or why its module could not be fetched.
pub type Loaded = Result<AnyView, SplitLoaderError>;

/// A screen on its way.
pub type Loading = Pin<Box<dyn Future<Output = Loaded> + Send>>;

/// How the app opens a screen of [`Screen`]: given by the page's binary.
#[derive(Clone, Copy)]
pub struct Screens(pub fn(Screen) -> Loading);

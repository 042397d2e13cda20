//! The data the screens show: one connection to IndexedDB, the whole dataset
//! loaded once and reloaded after every committed write (in this tab or, via
//! the change broadcast, in another), and the storage notices the shell shows.
//! Screens read `data` and compute with the core; writes go through `storage`
//! and then call [`AppState::reload`].

use crate::platform::{broadcast, durability};
use crate::storage::{Db, StorageError, DB_NAME};
use cobro_core::Dataset;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

thread_local! {
    // The app is single-threaded wasm: one connection for the page's lifetime.
    static DB: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
    static CHANGES: RefCell<Option<broadcast::Subscription>> = const { RefCell::new(None) };
}

/// Shared, cheap-to-copy handle to the app's data and notices.
#[derive(Clone, Copy)]
pub struct AppState {
    /// `None` until the first load finishes.
    pub data: RwSignal<Option<Arc<Dataset>>>,
    /// Why the data could not be read, in plain words.
    pub load_error: RwSignal<Option<String>>,
    /// Another tab upgraded the database: this tab must reload.
    pub upgraded_elsewhere: RwSignal<bool>,
    /// Whether the browser granted persistent storage (`None` until asked).
    pub persisted: RwSignal<Option<bool>>,
}

impl AppState {
    fn new() -> Self {
        Self {
            data: RwSignal::new(None),
            load_error: RwSignal::new(None),
            upgraded_elsewhere: RwSignal::new(false),
            persisted: RwSignal::new(None),
        }
    }

    /// Create the state, provide it to the tree, start loading and listening.
    pub fn provide() -> Self {
        let state = Self::new();
        provide_context(state);
        state.reload();
        let on_change = move |_| state.reload();
        if let Ok(sub) = broadcast::subscribe(DB_NAME, on_change) {
            CHANGES.with(|c| *c.borrow_mut() = Some(sub));
        }
        // Ask once per start: browsers grant it to installed or engaged sites.
        spawn_local(async move {
            let granted = durability::persist().await;
            state.persisted.set(Some(granted));
        });
        state
    }

    /// The open connection, opened on first use.
    pub async fn db(&self) -> Result<Rc<Db>, StorageError> {
        if let Some(db) = DB.with(|d| d.borrow().clone()) {
            if !db.closed_by_upgrade() {
                return Ok(db);
            }
        }
        let flag = self.upgraded_elsewhere;
        let db = Rc::new(Db::open_with_notice(DB_NAME, move || flag.set(true)).await?);
        DB.with(|d| *d.borrow_mut() = Some(db.clone()));
        Ok(db)
    }

    /// Read everything again (after a write here, or a change in another tab).
    pub fn reload(&self) {
        let state = *self;
        spawn_local(async move {
            let loaded = match state.db().await {
                Ok(db) => db.load_all().await,
                Err(e) => Err(e),
            };
            match loaded {
                Ok(data) => {
                    state.data.set(Some(Arc::new(data)));
                    state.load_error.set(None);
                }
                Err(e) => state.load_error.set(Some(e.to_string())),
            }
        });
    }

    /// Replace everything with the core's demo data (a realistic agenda on
    /// `today`), going through the same export → parse path as a restore, so
    /// the demo is exactly what a valid backup would bring.
    pub async fn load_demo(&self, today: chrono::NaiveDate) -> Result<(), String> {
        use cobro_core::backup;
        use cobro_core::demo::{generate, DemoSpec};
        let data = generate(DemoSpec {
            clients: 12,
            invoices: 120,
            seed: 2026,
            today,
        });
        let now = crate::platform::clock::now();
        let text = backup::export(&data, now, crate::APP_VERSION).map_err(|e| e.to_string())?;
        let parsed = backup::parse(&text).map_err(|e| e.to_string())?;
        let db = self.db().await.map_err(|e| e.to_string())?;
        db.import_backup(&parsed, crate::storage::backup::ImportMode::Replace)
            .await
            .map_err(|e| e.to_string())?;
        self.reload();
        Ok(())
    }

    /// `f` of the loaded data, or `T::default()` while it is loading; tracks
    /// the data, so a view or memo that calls it follows every reload.
    pub fn read<T: Default>(&self, f: impl FnOnce(&Dataset) -> T) -> T {
        self.data.with(|d| d.as_deref().map(f).unwrap_or_default())
    }
}

/// The app state from context (a fresh, unloaded one outside the app, e.g. in a component test).
pub fn use_app() -> AppState {
    use_context::<AppState>().unwrap_or_else(AppState::new)
}

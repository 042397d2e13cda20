//! The data the screens show: one connection to IndexedDB, the whole dataset in memory, the
//! storage notices the shell shows.
//!
//! - The start-up reads everything in one snapshot but shows the agenda as soon as the packs
//!   it needs are decoded ([`AppState::start`]); years of settled history are decoded after it,
//!   a slice at a time, so the first screen does not wait for them and the page stays
//!   responsive meanwhile.
//! - A write in this tab changes the data in memory with what it committed
//!   (`storage::Committed`), instead of reading everything again (seconds with years of data).
//! - An import shows the imported data at once, then reads everything again; a change
//!   announced by another tab reads everything again.
//!
//! Screens read `data` (or, the agenda, [`AppState::current`]) and compute with the core;
//! writes go through `storage`.

use crate::platform::{broadcast, clock, durability};
use crate::storage::{Committed, Db, StorageError, DB_NAME};
use cobro_core::pack::{self, Changes};
use cobro_core::Dataset;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

/// While the history loads, records are decoded in pieces of about this many bytes (a few
/// milliseconds each)…
const SLICE_BYTES: usize = 200_000;
/// …and the browser gets a turn once this many milliseconds have gone into them: a task stays
/// well under the 50 ms that make it a "long task" even on a phone four times slower.
const SLICE_MS: f64 = 8.0;

thread_local! {
    // The app is single-threaded wasm: one connection for the page's lifetime.
    static DB: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
    static CHANGES: RefCell<Option<broadcast::Subscription>> = const { RefCell::new(None) };
    // The number of the latest load started: an older one still running gives way to it.
    static LOAD: Cell<u64> = const { Cell::new(0) };
    // Changes committed while a load runs: its snapshot may predate them.
    static PENDING: RefCell<Option<Vec<Changes>>> = const { RefCell::new(None) };
}

/// Shared, cheap-to-copy handle to the app's data and notices.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Everything; `None` until the first load has decoded it all.
    pub data: RwSignal<Option<Arc<Dataset>>>,
    /// What the agenda needs (the start-up packs), from the moment it is read until `data` is
    /// there; `None` otherwise.
    pub start: RwSignal<Option<Arc<Dataset>>>,
    /// Why the data could not be read (the shell says it in the user's language).
    pub load_error: RwSignal<Option<StorageError>>,
    /// Another tab upgraded the database: this tab must reload.
    pub upgraded_elsewhere: RwSignal<bool>,
    /// Whether the browser granted persistent storage (`None` until asked).
    pub persisted: RwSignal<Option<bool>>,
}

impl AppState {
    fn new() -> Self {
        Self {
            data: RwSignal::new(None),
            start: RwSignal::new(None),
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
        // Recurring invoices that came due while Cobro was closed make their drafts now.
        crate::pages::recurring::opening::on_open(state);
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

    /// The open connection, opened on first use; its committed writes change the data here.
    pub async fn db(&self) -> Result<Rc<Db>, StorageError> {
        if let Some(db) = DB.with(|d| d.borrow().clone()) {
            if !db.closed_by_upgrade() {
                return Ok(db);
            }
        }
        let flag = self.upgraded_elsewhere;
        let db = Rc::new(Db::open_with_notice(DB_NAME, move || flag.set(true)).await?);
        let state = *self;
        db.on_commit(move |c| state.committed(c));
        DB.with(|d| *d.borrow_mut() = Some(db.clone()));
        Ok(db)
    }

    /// A write of this tab committed: bring what is shown up to date with it.
    fn committed(&self, c: &Committed) {
        let changes = match c {
            Committed::Changes(changes) => changes,
            Committed::Everything(data) => {
                // What was imported is what is shown, from now: a screen opened right after a
                // restore finds the restored records (not the data from before it while the
                // new one is read). The read that follows brings storage's order.
                self.data.set(Some(data.clone()));
                self.start.set(None);
                // A restore may bring schedules (or older copies of them) due today.
                crate::pages::recurring::opening::catch_up(*self);
                return self.reload();
            }
        };
        if changes.is_empty() {
            return;
        }
        PENDING.with(|p| {
            if let Some(pending) = p.borrow_mut().as_mut() {
                pending.push(changes.as_ref().clone());
            }
        });
        // `make_mut` changes the dataset in place when no screen holds on to it, else a copy.
        for signal in [self.data, self.start] {
            if signal.with_untracked(Option::is_some) {
                signal.update(|d| {
                    if let Some(d) = d {
                        pack::apply(Arc::make_mut(d), changes);
                    }
                });
            }
        }
    }

    /// Read everything again (on start, after an import, after another tab's change). The
    /// agenda can show from the start-up packs on the first load; what is shown otherwise
    /// stays until the new data is complete.
    pub fn reload(&self) {
        let state = *self;
        let load = LOAD.with(|l| {
            l.set(l.get() + 1);
            l.get()
        });
        let current = move || LOAD.with(Cell::get) == load;
        PENDING.with(|p| *p.borrow_mut() = Some(Vec::new()));
        spawn_local(async move {
            let result: Result<Option<Dataset>, StorageError> = async {
                let db = state.db().await?;
                let (start, later) = db.load_start().await?;
                let start = Arc::new(start);
                if state.data.with_untracked(Option::is_none) {
                    state.start.set(Some(start.clone()));
                    // Let the browser show the agenda before the history is decoded.
                    clock::yield_now().await;
                }
                let mut later = later.arrive().await?;
                // The start-up's records are the first part of all of them: a copy when the
                // agenda still holds them, made only now that it is shown.
                let mut full = Arc::try_unwrap(start).unwrap_or_else(|shared| (*shared).clone());
                let mut since = js_sys::Date::now();
                while !later.decode_some(&mut full, SLICE_BYTES)? {
                    if js_sys::Date::now() - since < SLICE_MS {
                        continue;
                    }
                    if !current() {
                        return Ok(None);
                    }
                    clock::yield_now().await;
                    since = js_sys::Date::now();
                }
                Ok(current().then_some(full))
            }
            .await;
            match result {
                Ok(Some(mut full)) => {
                    for c in PENDING.with(|p| p.borrow_mut().take()).unwrap_or_default() {
                        pack::apply(&mut full, &c);
                    }
                    state.data.set(Some(Arc::new(full)));
                    state.start.set(None);
                    state.load_error.set(None);
                }
                Ok(None) => {}
                Err(e) => {
                    PENDING.with(|p| *p.borrow_mut() = None);
                    state.load_error.set(Some(e));
                }
            }
        });
    }

    /// Everything was replaced by another connection (the backup worker's import): what is
    /// shown is dropped at once, so a screen opened now waits for the data instead of saying
    /// a restored record does not exist, and everything is read again.
    pub fn replaced(&self) {
        self.data.set(None);
        self.start.set(None);
        self.reload();
    }

    /// Replace everything with the core's demo data (a realistic agenda on `today`), made and
    /// written by the backup worker (`crate::worker`) through the same path as a restore; then
    /// read it all here.
    pub async fn load_demo(&self, today: chrono::NaiveDate, lang: cobro_core::Lang) -> Result<(), String> {
        use crate::worker::protocol::{Job, Reply};
        let job = Job::Demo {
            today,
            now: clock::now(),
            lang,
        };
        let answer = crate::platform::worker::ask(DB_NAME, &job, None).await;
        // The worker's module is not needed again on this visit: let it go.
        crate::platform::worker::stop();
        match answer {
            Ok((Reply::DemoLoaded(result), _)) => result?,
            _ => return Err(crate::i18n::backup::texts(lang).worker_failed.into()),
        }
        self.replaced();
        Ok(())
    }

    /// `f` of the loaded data, or `T::default()` while it is loading; tracks
    /// the data, so a view or memo that calls it follows every change.
    pub fn read<T: Default>(&self, f: impl FnOnce(&Dataset) -> T) -> T {
        self.data.with(|d| d.as_deref().map(f).unwrap_or_default())
    }

    /// What [`AppState::with_current`] reads, as a handle to keep (the agenda builds its
    /// cards in a task), and whether it is only what the start-up read.
    pub fn current(&self) -> Option<(Arc<Dataset>, bool)> {
        match self.data.get() {
            Some(all) => Some((all, false)),
            None => self.start.get().map(|start| (start, true)),
        }
    }

    /// `f` of all the data once it is loaded, and until then of what the start-up read
    /// (`None` before even that): for the agenda, which the start-up packs answer in full.
    pub fn with_current<T>(&self, f: impl FnOnce(Option<&Dataset>) -> T) -> T {
        let start = self.start;
        self.data.with(|d| match d.as_deref() {
            Some(d) => f(Some(d)),
            None => start.with(|s| f(s.as_deref())),
        })
    }
}

/// The app state from context (a fresh, unloaded one outside the app, e.g. in a component test).
pub fn use_app() -> AppState {
    use_context::<AppState>().unwrap_or_else(AppState::new)
}

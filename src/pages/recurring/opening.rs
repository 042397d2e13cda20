//! The catch-up when Cobro opens (and after a restore): schedules that came due make their
//! drafts (`Db::catch_up`), and the drafts of schedules set to issue on opening are issued in
//! date order through the same numbering operation as any invoice. A draft that cannot be
//! issued (a PO the client requires is missing…) stays a draft, to issue by hand.

use crate::i18n::invoicing;
use crate::platform::{clock, prefs};
use crate::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;

thread_local! {
    // What went wrong in the last run, for the recurring screen to say (in the UI language).
    static LAST_PROBLEM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Run the catch-up once Cobro has opened its database and read what the start-up needs. Not
/// before: two first opens at once would leave one connection without the handler that lets
/// a newer version's upgrade in another tab go ahead.
pub fn on_open(app: AppState) {
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        let ready = app.start.with(Option::is_some) || app.data.with(Option::is_some);
        if ready && !started.get_value() {
            started.set_value(true);
            catch_up(app);
        }
    });
}

/// Run the catch-up in the background (the database is open already).
pub fn catch_up(app: AppState) {
    spawn_local(async move {
        let lang = prefs::language();
        let problem = match app.db().await {
            Err(e) => Some(crate::i18n::storage_message(&e, lang)),
            Ok(db) => match db.catch_up(clock::today(), clock::now()).await {
                Err(e) => Some(invoicing::op_error(&e, lang)),
                Ok(run) => db
                    .issue_in_order(&run.to_issue, clock::now())
                    .await
                    .1
                    .map(|e| invoicing::op_error(&e, lang)),
            },
        };
        LAST_PROBLEM.with(|p| *p.borrow_mut() = problem);
    });
}

/// Why the last catch-up (or its issuing) did not finish, if it did not.
pub fn last_problem() -> Option<String> {
    LAST_PROBLEM.with(|p| p.borrow().clone())
}

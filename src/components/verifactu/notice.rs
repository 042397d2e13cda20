//! The start-up check of the billing records: runs once per start (chain, fingerprints,
//! dates, signatures; the Orden's anomaly detection), and when it finds anomalies or records
//! waiting for a certificate, a notice says so with a link to the records' settings.

use super::tv;
use crate::platform::{clock, worker};
use crate::state::use_app;
use crate::worker::protocol::{Job, Reply};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn VerifactuNotice() -> impl IntoView {
    let app = use_app();
    let shown = RwSignal::new(None::<(usize, usize)>);
    // Once the app has read its data, so its connection is the one used: asking for the
    // database while the app is still opening it would open a second connection.
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        if !app.data.with(Option::is_some) || started.get_value() {
            return;
        }
        started.set_value(true);
        spawn_local(check(app, shown));
    });
    let anomalies = tv(|t| t.notice_anomalies);
    let unsigned = tv(|t| t.notice_unsigned);
    let open = tv(|t| t.notice_open);
    move || {
        shown.get().map(|(a, _)| {
            view! {
                <div class="notice-banner" role="alert" id="verifactu-notice">
                    <span>{move || if a > 0 { anomalies.get() } else { unsigned.get() }}</span>
                    " "
                    <a href="#/settings">{move || open.get()}</a>
                </div>
            }
        })
    }
}

/// The start-up check (in the backup worker, where the chain's checks and signing live; only
/// when something is recorded); sets `shown` when the user must be told.
async fn check(app: crate::state::AppState, shown: RwSignal<Option<(usize, usize)>>) {
    let Ok(db) = app.db().await else { return };
    // Nothing recorded: nothing to check, sign or report (the status would say "no notice").
    if !db.has_billing_entries().await.unwrap_or(true) {
        return;
    }
    let job = Job::CheckRecords {
        now: clock::now(),
        today: clock::today(),
    };
    let Ok((Reply::RecordsChecked(Some(s)), _)) = worker::ask_once(db.name(), &job, None).await else {
        return;
    };
    if s.notice {
        let _ = shown.try_set(Some((s.anomalies, s.unsigned)));
    }
}

//! The start-up check of the billing records: runs once per start (chain, fingerprints,
//! dates, signatures; the Orden's anomaly detection), and when it finds anomalies or records
//! waiting for a certificate, a notice says so with a link to the records' settings.

use super::tv;
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::verifactu::status::status;
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

/// The start-up check; sets `shown` when the user must be told.
async fn check(app: crate::state::AppState, shown: RwSignal<Option<(usize, usize)>>) {
    let Ok(db) = app.db().await else { return };
    let Ok(checked) = db.check_ledger(clock::now()).await else {
        return;
    };
    let cert = db.certificate().await.ok().flatten();
    let profile = db.profile().await.unwrap_or_default();
    let s = status(
        &profile,
        checked.records,
        checked.events,
        &checked.report,
        checked.bad_signatures.len(),
        cert.as_ref().map(|c| &c.info),
        clock::today(),
    );

    if s.notice {
        let _ = shown.try_set(Some((s.anomalies, s.unsigned)));
    }
}

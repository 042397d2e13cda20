//! The backup reminder where the user is: on the agenda, when the backup rule
//! (`platform::durability`) says one is due, a notice with a one-tap download (the Backup
//! page's own export, in the backup worker) and "not now", which hides it until tomorrow (`guide::backup_notice_shown`).

use super::icons::{Icon, Svg};
use crate::i18n::{backup, guide, use_i18n};
use crate::pages::backup::{export, Outcome};
use crate::platform::{clock, durability, prefs, worker};
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn BackupNotice() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let today = clock::today();
    let dismissed_on = RwSignal::new(prefs::backup_notice_dismissed());
    let outcome: Outcome = RwSignal::new(None);
    // From the start-up packs, so the notice takes its place with the agenda's first cards
    // instead of pushing them down when the history arrives. They hold the settings and only
    // the invoices still in play: a reminder due from them is due from all the data (more
    // invoices only add to the count), and the count it shows completes when the rest arrives.
    let reminder = Memo::new(move |_| {
        app.with_current(|d| d.map(|d| durability::backup_reminder(&d.settings, &d.invoices, clock::now())))
    });
    let shown = Memo::new(move |_| {
        reminder.with(|r| {
            r.as_ref()
                .is_some_and(|r| cobro_core::guide::backup_notice_shown(r.warn, dismissed_on.get(), today))
        })
    });
    let not_now = move |_| {
        prefs::dismiss_backup_notice(today);
        dismissed_on.set(Some(today));
        outcome.set(None);
    };
    let download = move |_| {
        let lang = i18n.lang.get_untracked();
        export(app, outcome, backup::texts(lang), lang)
    };
    // The export runs in the backup worker, started on first use: let it go with the agenda.
    on_cleanup(worker::stop);
    move || {
        let lang = i18n.lang.get();
        let t = guide::texts(lang);
        // After a download the notice goes (the backup is no longer due): what happened stays.
        let said = outcome.get().map(|(ok, text)| {
            view! {
                <p class=if ok { "outcome ok" } else { "outcome error" } role="status" id="backup-notice-outcome">
                    {text}
                </p>
            }
        });
        if !shown.get() {
            return said.into_any();
        }
        let Some(r) = reminder.get() else {
            return said.into_any();
        };
        let when = match r.days_since {
            None => t.backup_never.to_string(),
            Some(days) => {
                let mut s = guide::last_backup(days, lang);
                if r.invoices_since > 0 {
                    s.push(' ');
                    s.push_str(
                        &t.backup_invoices_since
                            .replace("{n}", &r.invoices_since.to_string()),
                    );
                }
                s
            }
        };
        view! {
            <section class="card backup-notice" id="backup-notice" aria-labelledby="backup-notice-title">
                <h2 id="backup-notice-title">
                    <Svg icon=Icon::Warning />
                    " "
                    {t.backup_notice_title}
                </h2>
                <p>{when}</p>
                <p class="muted">{t.backup_risk}</p>
                <div class="actions">
                    <button type="button" id="backup-now" on:click=download>
                        <Svg icon=Icon::Backup />
                        " "
                        {t.backup_now}
                    </button>
                    <button type="button" class="secondary" id="backup-not-now" on:click=not_now>
                        {t.not_now}
                    </button>
                </div>
                {said}
            </section>
        }
        .into_any()
    }
}

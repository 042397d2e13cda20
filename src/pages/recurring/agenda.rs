//! The agenda's "to issue" items: the drafts schedules made that wait to be issued, oldest
//! first (the core's `recurring::to_issue`), each leading to the recurring screen where they
//! are reviewed and issued with their confirmation. Nothing is shown while none waits.

use crate::i18n::recurring::{self as words, texts};
use crate::i18n::use_i18n;
use crate::state::use_app;
use cobro_core::{money, recurring};
use leptos::prelude::*;

/// The first few drafts are listed; the count says how many wait in all.
const SHOWN: usize = 5;

#[component]
pub fn ToIssueOnAgenda() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    // Schedules and drafts are start-up data: the list shows with the agenda's first cards.
    let waiting = Memo::new(move |_| app.with_current(|d| d.map(recurring::to_issue).unwrap_or_default()));
    move || {
        let list = waiting.get();
        if list.is_empty() {
            return ().into_any();
        }
        let lang = i18n.lang.get();
        let t = texts(lang);
        let n = list.len();
        view! {
            <section class="agenda-section" aria-labelledby="agenda-to-issue" id="agenda-recurring">
                <h2 id="agenda-to-issue">
                    {t.agenda_title} " "
                    <span class="count" data-count=n>{format!("({n})")}</span>
                </h2>
                <ul class="doc-list recurring-list">
                    {list
                        .into_iter()
                        .take(SHOWN)
                        .map(|w| {
                            let amount = w
                                .total
                                .map(|v| money::format_amount(v, &w.currency, lang))
                                .unwrap_or_default();
                            view! {
                                <li class="recurring-card" data-draft=w.invoice_id.clone()>
                                    <a class="recurring-card-main" href="#/recurring">
                                        <strong>{w.schedule_name.clone()}</strong>
                                        <span class="recurring-card-amount">{amount}</span>
                                        <span class="muted">{w.client_name.clone()} " · " {words::date(w.issue_date, lang)}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p><a class="button secondary" href="#/recurring" id="agenda-to-recurring">{t.agenda_open}</a></p>
            </section>
        }
        .into_any()
    }
}

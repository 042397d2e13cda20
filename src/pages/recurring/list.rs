//! The recurring invoices screen: the drafts schedules made that wait to be issued (one by one
//! or all at once, oldest first, each through the numbering operation), and every schedule
//! with what it does next and its pause, resume and end. Rows come from the core's view models
//! (`recurring::to_issue`, `recurring::rows`).

use crate::components::collections::shared::{Notice, NoticeLine};
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::recurring::{self as words, texts};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::recurring::{self, ScheduleRow, Status, ToIssue};
use cobro_core::{money, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The action waiting for the user's confirmation, shown inline (never a browser dialog).
#[derive(Clone, PartialEq)]
enum Confirm {
    Issue(String),
    IssueAll,
    End(String),
}

fn amount(v: Option<rust_decimal::Decimal>, currency: &str, lang: Lang) -> String {
    v.map(|v| money::format_amount(v, currency, lang))
        .unwrap_or_default()
}

#[component]
pub(super) fn RecurringList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let waiting = Memo::new(move |_| app.read(recurring::to_issue));
    let rows = Memo::new(move |_| app.read(|d| recurring::rows(d, None)));
    let loaded = move || app.data.with(Option::is_some);
    let notice = RwSignal::new(match super::opening::last_problem() {
        Some(p) => Notice::Err(p),
        None => Notice::None,
    });
    let confirm = RwSignal::new(None::<Confirm>);
    let busy = RwSignal::new(false);

    // Issue `ids` in this order, stopping at the first refusal (later ones would take numbers
    // before its date).
    let issue = move |ids: Vec<String>| {
        let lang = i18n.lang.get_untracked();
        confirm.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                match db.issue_in_order(&ids, clock::now()).await {
                    (done, None) => Ok::<usize, String>(done),
                    (_, Some(e)) => Err(invoicing::op_error(&e, lang)),
                }
            }
            .await;
            notice.try_set(match result {
                Ok(n) => Notice::Ok(texts(lang).issued_n.replace("{n}", &n.to_string())),
                Err(e) => Notice::Err(e),
            });
            busy.try_set(false);
        });
    };
    let change = move |id: String, what: &'static str| {
        let lang = i18n.lang.get_untracked();
        confirm.set(None);
        spawn_local(async move {
            let result = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                let (today, now) = (clock::today(), clock::now());
                let r = match what {
                    "pause" => db.pause_schedule(&id, now).await,
                    "resume" => db.resume_schedule(&id, today, now).await,
                    _ => db.end_schedule(&id, today, now).await,
                };
                r.map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            notice.try_set(match result {
                Ok(_) => Notice::None,
                Err(e) => Notice::Err(e),
            });
        });
    };

    view! {
        <Page title=Signal::derive(move || t().title) id="recurring">
            <p class="muted">{move || t().intro}</p>
            <div class="actions">
                <a class="button" href="#/recurring/new" id="new-schedule">{move || t().new}</a>
            </div>
            <NoticeLine notice=notice />
            <section class="recurring-section" aria-labelledby="to-issue-heading" id="to-issue">
                <h2 id="to-issue-heading">{move || t().to_issue_title}</h2>
                {move || {
                    let list = waiting.get();
                    if list.is_empty() {
                        return view! { <p class="empty" id="to-issue-empty">{move || t().to_issue_empty}</p> }.into_any();
                    }
                    let ids: Vec<String> = list.iter().map(|w| w.invoice_id.clone()).collect();
                    let n = ids.len();
                    view! {
                        <ul class="doc-list recurring-list">
                            {list
                                .into_iter()
                                .map(|w| view! { <DraftRow w=w confirm=confirm busy=busy on_issue=Callback::new(move |id| issue(vec![id])) /> })
                                .collect_view()}
                        </ul>
                        {(n > 1).then(|| {
                            let ids = ids.clone();
                            view! {
                                <When when=move || confirm.get() != Some(Confirm::IssueAll)>
                                    <div class="actions">
                                        <button type="button" id="issue-all" disabled=move || busy.get()
                                            on:click=move |_| confirm.set(Some(Confirm::IssueAll))>
                                            {move || t().issue_all.replace("{n}", &n.to_string())}
                                        </button>
                                    </div>
                                </When>
                                <When when=move || confirm.get() == Some(Confirm::IssueAll)>
                                    {
                                        let ids = ids.clone();
                                        view! {
                                            <div class="confirm-box" role="group" id="confirm-issue-all">
                                                <p>{move || t().confirm_issue_all.replace("{n}", &n.to_string())}</p>
                                                <div class="actions">
                                                    <button type="button" id="confirm-issue-all-yes"
                                                        on:click=move |_| issue(ids.clone())>{move || t().confirm}</button>
                                                    <button type="button" class="secondary" on:click=move |_| confirm.set(None)>{move || t().cancel}</button>
                                                </div>
                                            </div>
                                        }
                                    }
                                </When>
                            }
                        })}
                    }
                    .into_any()
                }}
            </section>
            <section class="recurring-section" aria-labelledby="schedules-heading" id="schedules">
                <h2 id="schedules-heading">{move || t().schedules_title}</h2>
                {move || {
                    let list = rows.get();
                    if list.is_empty() && loaded() {
                        return view! { <p class="empty" id="schedules-empty">{move || t().empty}</p> }.into_any();
                    }
                    view! {
                        <ul class="doc-list recurring-list" id="schedule-list">
                            {list
                                .into_iter()
                                .map(|r| view! { <ScheduleItem r=r confirm=confirm on_change=Callback::new(move |(id, what)| change(id, what)) /> })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </Page>
    }
}

/// One draft to issue, with its inline confirmation.
#[component]
fn DraftRow(
    w: ToIssue,
    confirm: RwSignal<Option<Confirm>>,
    busy: RwSignal<bool>,
    on_issue: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let id = w.invoice_id.clone();
    let asking = {
        let id = id.clone();
        move || confirm.get() == Some(Confirm::Issue(id.clone()))
    };
    let review = format!("#/invoices/{}/edit", w.invoice_id);
    let (date, total, client, name, summary) = (
        w.issue_date,
        (w.total, w.currency.clone()),
        w.client_name.clone(),
        w.schedule_name.clone(),
        w.summary.clone(),
    );
    view! {
        <li class="recurring-card" data-draft=w.invoice_id.clone() data-date=w.issue_date.to_string()>
            <div class="recurring-card-main">
                <strong>{name}</strong>
                <span class="recurring-card-amount">{move || amount(total.0, &total.1, i18n.lang.get())}</span>
                <span class="span" data-field="summary">{summary}</span>
                <span class="muted">{client}</span>
                <span class="muted">{move || words::date(date, i18n.lang.get())}</span>
            </div>
            {
                let id = id.clone();
                let asking2 = asking.clone();
                view! {
                    <When when=move || !asking2()>
                        <div class="actions">
                            <a class="button secondary" href=review.clone() data-action="review">{move || t().review}</a>
                            {
                                let id = id.clone();
                                view! {
                                    <button type="button" data-action="issue" disabled=move || busy.get()
                                        on:click=move |_| confirm.set(Some(Confirm::Issue(id.clone())))>
                                        {move || t().issue}
                                    </button>
                                }
                            }
                        </div>
                    </When>
                }
            }
            <When when=asking>
                {
                    let id = id.clone();
                    view! {
                        <div class="confirm-box" role="group">
                            <p>{move || t().confirm_issue_one}</p>
                            <div class="actions">
                                <button type="button" data-action="confirm-issue"
                                    on:click=move |_| on_issue.run(id.clone())>{move || t().confirm}</button>
                                <button type="button" class="secondary" on:click=move |_| confirm.set(None)>{move || t().cancel}</button>
                            </div>
                        </div>
                    }
                }
            </When>
        </li>
    }
}

/// One schedule with its state and actions.
#[component]
fn ScheduleItem(
    r: ScheduleRow,
    confirm: RwSignal<Option<Confirm>>,
    on_change: Callback<(String, &'static str)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let id = r.id.clone();
    let edit = format!("#/recurring/{}", r.id);
    let status = r.status;
    let repeat = r.repeat;
    let (made, waiting) = (r.made, r.to_issue);
    let total = (r.total, r.currency.clone());
    let ending = {
        let id = id.clone();
        move || confirm.get() == Some(Confirm::End(id.clone()))
    };
    let slug = match status {
        Status::Active { .. } => "active",
        Status::Paused => "paused",
        Status::Ended => "ended",
    };
    view! {
        <li class="recurring-card" data-schedule=r.id.clone() data-status=slug>
            <div class="recurring-card-main">
                <a href=edit.clone()><strong>{r.name.clone()}</strong></a>
                <span class="recurring-card-amount">{move || amount(total.0, &total.1, i18n.lang.get())}</span>
                <span class="muted span">{r.client_name.clone()}</span>
                <span class="muted span" data-field="every">{move || words::every(repeat, i18n.lang.get())}</span>
                <span class="recurring-status" data-field="status">{move || words::status(status, i18n.lang.get())}</span>
                <span class="muted span">
                    {move || {
                        let t = t();
                        let mut s = t.made_n.replace("{n}", &made.to_string());
                        if waiting > 0 {
                            s.push_str(" · ");
                            s.push_str(&t.waiting_n.replace("{n}", &waiting.to_string()));
                        }
                        s
                    }}
                </span>
            </div>
            {
                let ending2 = ending.clone();
                let id = id.clone();
                view! {
                    <When when=move || !ending2()>
                        <div class="actions">
                            <a class="button secondary" href=edit.clone() data-action="edit">{move || t().edit}</a>
                            {
                                let id = id.clone();
                                match status {
                                    Status::Active { .. } => view! {
                                        <button type="button" class="secondary" data-action="pause"
                                            on:click=move |_| on_change.run((id.clone(), "pause"))>{move || t().pause}</button>
                                    }.into_any(),
                                    Status::Paused => view! {
                                        <button type="button" class="secondary" data-action="resume"
                                            on:click=move |_| on_change.run((id.clone(), "resume"))>{move || t().resume}</button>
                                    }.into_any(),
                                    Status::Ended => ().into_any(),
                                }
                            }
                            {
                                let id = id.clone();
                                (status != Status::Ended).then(|| view! {
                                    <button type="button" class="secondary" data-action="end"
                                        on:click=move |_| confirm.set(Some(Confirm::End(id.clone())))>{move || t().end}</button>
                                })
                            }
                        </div>
                    </When>
                }
            }
            <When when=ending>
                {
                    let id = id.clone();
                    view! {
                        <div class="confirm-box" role="group">
                            <p>{move || t().confirm_end}</p>
                            <div class="actions">
                                <button type="button" data-action="confirm-end"
                                    on:click=move |_| on_change.run((id.clone(), "end"))>{move || t().confirm}</button>
                                <button type="button" class="secondary" on:click=move |_| confirm.set(None)>{move || t().cancel}</button>
                            </div>
                        </div>
                    }
                }
            </When>
        </li>
    }
}

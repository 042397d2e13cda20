//! Backups: the only way the records survive a lost or wiped browser. Export
//! downloads everything; restore parses and validates a file with the core,
//! shows what it holds, and only then replaces or merges, in one transaction.
//! A rejected file changes nothing and the user sees every reason.

use crate::components::page::Page;
use crate::i18n::{
    backup::{texts, T},
    use_i18n,
};
use crate::platform::{clock, download, durability, files, worker};
use crate::state::{use_app, AppState};
use crate::storage::backup::ImportMode;
use crate::storage::DB_NAME;
use crate::worker::protocol::{self, Examined, Job, PreviewSummary, Reply};
use cobro_core::backup::Store;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// What the last action said: (success, message).
type Outcome = RwSignal<Option<(bool, String)>>;

#[component]
pub fn BackupPage() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let outcome: Outcome = RwSignal::new(None);
    // Reading, checking, writing and exporting backups happen in the worker: started with this
    // page (its module compiles while the user picks a file), let go when the page goes.
    worker::warm_up();
    on_cleanup(worker::stop);

    view! {
        <Page title=Signal::derive(move || i18n.t().nav_backup) id="backup">
            <p class="lead">{move || i18n.t().backup_intro}</p>
            <Show when=move || outcome.with(Option::is_some)>
                {move || {
                    outcome
                        .get()
                        .map(|(ok, text)| {
                            view! {
                                <p class=if ok { "outcome ok" } else { "outcome error" } role="status" id="backup-outcome">
                                    {text}
                                </p>
                            }
                        })
                }}
            </Show>
            <Status app=app />
            <section class="card">
                <h2>{move || t().export_title}</h2>
                <Reminder app=app />
                <button type="button" id="export-button" on:click=move |_| export(app, outcome, t())>
                    {move || t().export_button}
                </button>
            </section>
            <Restore app=app outcome=outcome />
            <crate::components::verifactu::export::VerifactuExport />
        </Page>
    }
}

/// Download every record as `cobro-backup-YYYY-MM-DD.json`, then remember when. The file
/// comes first: a backup is most needed when storage is failing (a full disk), and a
/// stamp that cannot be saved only means the reminder will ask again.
fn export(app: AppState, outcome: Outcome, words: &'static T) {
    spawn_local(async move {
        let now = clock::now();
        let result = async {
            // Assembled and hashed in the worker; the file comes back as a blob.
            let blob = match worker::ask(DB_NAME, &Job::Export { now }, None).await {
                Ok((Reply::Exported(Ok(())), Some(blob))) => blob,
                Ok((Reply::Exported(Err(e)), _)) => return Err(e),
                _ => return Err(words.worker_failed.to_string()),
            };
            download::download_backup_blob(&blob, clock::today())?;
            let db = app.db().await.map_err(|e| e.to_string())?;
            Ok::<_, String>(db.record_export(now).await.err())
        }
        .await;
        outcome.try_set(Some(match result {
            Ok(None) => (true, words.exported.to_string()),
            Ok(Some(unsaved)) => (
                true,
                format!("{} {}: {unsaved}", words.exported, words.export_not_recorded),
            ),
            Err(e) => (false, e),
        }));
    });
}

/// What is stored here, whether the browser may evict it, and how much space it takes.
#[component]
fn Status(app: AppState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let usage = RwSignal::new(None::<durability::Estimate>);
    spawn_local(async move {
        usage.try_set(durability::estimate().await);
    });
    let counts = move || {
        app.data.with(|d| {
            d.as_ref().map(|d| {
                use cobro_core::backup::Store::*;
                [
                    (Clients, d.clients.len()),
                    (Invoices, d.invoices.len()),
                    (CreditNotes, d.credit_notes.len()),
                    (Quotes, d.quotes.len()),
                    (Payments, d.payments.len()),
                    (Contacts, d.contacts.len()),
                ]
            })
        })
    };
    view! {
        <section class="card" id="device-status">
            <h2>{move || t().stored_here}</h2>
            <dl class="counts" id="stored-counts">
                {move || {
                    counts()
                        .map(|c| c.to_vec())
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(store, n)| {
                            view! {
                                <div data-store=format!("{store:?}")>
                                    <dt>{move || t().store(store)}</dt>
                                    <dd>{n}</dd>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </dl>
            <p id="persisted">
                {move || match app.persisted.get() {
                    Some(true) => t().persisted_yes,
                    Some(false) => t().persisted_no,
                    None => "",
                }}
            </p>
            {move || {
                usage
                    .get()
                    .map(|u| {
                        view! {
                            <p id="usage">
                                {t().usage} ": " {megabytes(u.used)} " / " {megabytes(u.quota)}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

/// "Last backup N days ago", with a warning once one is due.
#[component]
fn Reminder(app: AppState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let reminder = move || {
        app.data.with(|d| {
            d.as_ref()
                .map(|d| durability::backup_reminder(&d.settings, &d.invoices, clock::now()))
        })
    };
    view! {
        {move || {
            reminder()
                .map(|r| {
                    let text = match r.days_since {
                        Some(n) => t().last_backup_days.replace("{n}", &n.to_string()),
                        None => t().never_backed_up.to_string(),
                    };
                    view! {
                        <p id="last-backup" class=if r.warn { "warn" } else { "" }>
                            {text}
                            {r.warn.then(|| view! { " " <strong>{t().backup_due}</strong> })}
                        </p>
                    }
                })
        }}
    }
}

/// Choose a file, see every problem or what it holds, then replace or merge.
#[component]
fn Restore(app: AppState, outcome: Outcome) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let input = NodeRef::<html::Input>::new();
    let pending = RwSignal::new(None::<Arc<PreviewSummary>>);
    let problems = RwSignal::new(Vec::<String>::new());
    let checksum_only = RwSignal::new(false);
    // What a checksum mismatch says was edited (`None`: the file cannot tell).
    let edited = RwSignal::new(None::<Vec<Store>>);
    let accept_edited = RwSignal::new(false);

    // The worker reads, checks and previews the file (`None`: the one it read last, again,
    // when the user accepts an edited file) and keeps it for the import.
    let examine = move |file: Option<web_sys::Blob>| {
        let lang = i18n.lang.get_untracked();
        let job = Job::Examine {
            lang,
            accept_edited: accept_edited.get_untracked(),
        };
        spawn_local(async move {
            // The page may be gone by the time the answer comes: only `try_` access after it.
            let t = texts(lang);
            match worker::ask(DB_NAME, &job, file).await {
                Ok((Reply::Examined(Examined::Ready(summary)), _)) => {
                    problems.try_set(Vec::new());
                    checksum_only.try_set(false);
                    pending.try_set(Some(Arc::new(summary)));
                }
                Ok((
                    Reply::Examined(Examined::Rejected {
                        checksum_only: only,
                        edited: stores,
                        problems: mut listed,
                        more,
                    }),
                    _,
                )) => {
                    if more > 0 {
                        listed.push(t.more_items.replace("{n}", &more.to_string()));
                    }
                    if listed.is_empty() {
                        listed.push(t.choose_again.to_string());
                    }
                    pending.try_set(None);
                    checksum_only.try_set(only);
                    edited.try_set(stores.map(|s| s.into_iter().filter_map(protocol::store).collect()));
                    problems.try_set(listed);
                }
                _ => {
                    pending.try_set(None);
                    checksum_only.try_set(false);
                    problems.try_set(vec![t.worker_failed.to_string()]);
                }
            }
        });
    };

    let on_file = move |_| {
        let Some(el) = input.get() else { return };
        outcome.set(None);
        accept_edited.set(false);
        if let Some(file) = files::chosen_file(&el) {
            examine(Some(file.into()));
        }
    };

    let finish = move |mode: ImportMode| {
        if pending.with_untracked(Option::is_none) {
            return;
        }
        let lang = i18n.lang.get_untracked();
        spawn_local(async move {
            let t = texts(lang);
            let result = match worker::ask(DB_NAME, &Job::Import { lang, mode }, None).await {
                Ok((Reply::Imported(result), _)) => result,
                _ => Err(t.worker_failed.to_string()),
            };
            let ok = result.is_ok();
            outcome.try_set(Some(match result {
                Ok(()) => (true, t.imported.to_string()),
                Err(e) => (false, format!("{}: {e}", t.failed)),
            }));
            if ok {
                // Written by the worker's connection: read everything again here.
                app.reload();
                pending.try_set(None);
                if let Some(el) = input.get_untracked() {
                    el.set_value("");
                }
            }
        });
    };
    let cancel = move |_| {
        pending.set(None);
        spawn_local(async move {
            let _ = worker::ask(DB_NAME, &Job::Forget, None).await;
        });
    };
    let has_data = move || {
        app.data.with(|d| {
            d.as_ref()
                .is_some_and(|d| !d.invoices.is_empty() || !d.clients.is_empty())
        })
    };

    view! {
        <section class="card" id="restore">
            <h2>{move || t().import_title}</h2>
            <p>{move || t().import_help}</p>
            <label class="field">
                <span>{move || t().choose_file}</span>
                <input type="file" id="import-file" accept=".json,application/json" node_ref=input on:change=on_file />
            </label>
            <Show when=move || !problems.with(Vec::is_empty)>
                <div class="problems" role="alert" id="import-problems">
                    <p>
                        {move || if checksum_only.get() { t().checksum_warning } else { t().rejected }}
                    </p>
                    <Show when=move || checksum_only.get()>
                        <p id="edited-stores">
                            <strong>{move || edited_summary(t(), edited.get().as_deref())}</strong>
                        </p>
                    </Show>
                    <ul>
                        {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                    <Show when=move || checksum_only.get()>
                        <label class="check">
                            <input
                                type="checkbox"
                                id="accept-edited"
                                on:change=move |ev| {
                                    accept_edited.set(event_target_checked(&ev));
                                    examine(None);
                                }
                            />
                            <span>{move || t().accept_edited}</span>
                        </label>
                    </Show>
                </div>
            </Show>
            {move || {
                pending
                    .get()
                    .map(|p| {
                        let blocked = p.merge_blocked;
                        view! {
                            <PreviewTable pending=p.clone() />
                            <Show when=move || has_data()>
                                <p class="warn">{move || t().replace_warning}</p>
                                <button
                                    type="button"
                                    class="secondary"
                                    id="download-current"
                                    on:click=move |_| export(app, outcome, texts(i18n.lang.get_untracked()))
                                >
                                    {move || t().download_current}
                                </button>
                            </Show>
                            {blocked.then(|| view! { <p class="warn" id="merge-blocked">{move || t().merge_blocked}</p> })}
                            <div class="actions">
                                <button type="button" id="import-replace" on:click=move |_| finish(ImportMode::Replace)>
                                    {move || t().replace}
                                </button>
                                <button
                                    type="button"
                                    id="import-merge"
                                    disabled=blocked
                                    on:click=move |_| finish(ImportMode::Merge)
                                >
                                    {move || t().merge}
                                </button>
                                <button type="button" class="secondary" on:click=cancel>
                                    {move || t().cancel}
                                </button>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

/// Which kinds of records were edited after export, in the user's words.
fn edited_summary(t: &T, edited: Option<&[Store]>) -> String {
    match edited {
        None => t.edited_unknown.to_string(),
        Some([]) => t.edited_checksum_only.to_string(),
        Some(stores) => {
            let names: Vec<&str> = stores.iter().map(|s| t.store(*s)).collect();
            t.edited_stores.replace("{stores}", &names.join(", "))
        }
    }
}

/// Per store: how many records the file has and what merging would do.
#[component]
fn PreviewTable(pending: Arc<PreviewSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let p = pending;
    let range = p.range;
    let rows = p
        .rows
        .iter()
        .filter_map(|r| Some((protocol::store(r.store)?, *r)))
        .collect::<Vec<_>>();
    // Cut short by the worker; what it left out is counted on the last line.
    let with_more = |mut items: Vec<String>, more: usize| {
        if more > 0 {
            items.push(
                texts(i18n.lang.get_untracked())
                    .more_items
                    .replace("{n}", &more.to_string()),
            );
        }
        items
    };
    let conflicts = with_more(p.conflicts.clone(), p.more_conflicts);
    let notes = with_more(p.notes.clone(), p.more_notes);
    view! {
        <div id="import-preview">
            <h3>{move || t().preview_title}</h3>
            {range
                .map(|(from, to)| {
                    view! {
                        <p id="import-range">
                            {move || {
                                t().documents_between.replace("{from}", &from.to_string()).replace("{to}", &to.to_string())
                            }}
                        </p>
                    }
                })}
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().col_store}</th>
                            <th scope="col">{move || t().col_in_file}</th>
                            <th scope="col">{move || t().col_added}</th>
                            <th scope="col">{move || t().col_updated}</th>
                            <th scope="col">{move || t().col_kept}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(store, r)| {
                                view! {
                                    <tr data-store=format!("{store:?}")>
                                        <th scope="row">{move || t().store(store)}</th>
                                        <td class="num in-file">{r.in_file}</td>
                                        <td class="num">{r.added}</td>
                                        <td class="num">{r.updated}</td>
                                        <td class="num">{r.kept}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {(!conflicts.is_empty())
                .then(|| {
                    view! {
                        <h4>{move || t().conflicts}</h4>
                        <ul id="import-conflicts">
                            {conflicts.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {(!notes.is_empty())
                .then(|| {
                    view! {
                        <h4>{move || t().notes}</h4>
                        <ul id="import-notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    }
                })}
        </div>
    }
}

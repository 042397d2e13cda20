//! The client list: search by name or tax id, what each owes and has overdue; the archived
//! clients in their own view (a click away, counted on the button).

use super::{amounts, stats};
use crate::components::empty_state::EmptyState;
use crate::components::invoicing::fields::{tr, Field};
use crate::components::more::{ShowMore, LIST_PAGE};
use crate::components::page::Page;
use crate::components::record_actions::ArchivedToggle;
use crate::i18n::{corrections, invoicing, use_i18n};
use crate::state::use_app;
use cobro_core::guide::Screen;
use cobro_core::Client;
use leptos::prelude::*;

#[component]
pub(super) fn ClientList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let show_archived = RwSignal::new(false);
    let shown = RwSignal::new(LIST_PAGE);
    let total = RwSignal::new(0usize);
    let figures = Memo::new(move |_| app.data.with(|d| d.as_deref().map(stats).unwrap_or_default()));
    let archived_count = move || app.read(|d| d.clients.iter().filter(|c| c.archived).count());
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_clients) id="clients">
            <div class="toolbar">
                <a class="button" id="new-client" href="#/clients/new">{tr(|t| t.new_client)}</a>
                <ArchivedToggle id="clients-archived-toggle" show=show_archived count=Signal::derive(archived_count) />
            </div>
            <Field label=tr(|t| t.search) value=search id="client-search" kind="search" />
            {move || {
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let archived_view = show_archived.get();
                let needle = search.get().trim().to_lowercase();
                let mut clients: Vec<Client> = app.read(|d| {
                    d.clients
                        .iter()
                        .filter(|c| c.archived == archived_view)
                        .filter(|c| {
                            needle.is_empty()
                                || c.legal_name.to_lowercase().contains(&needle)
                                || c.tax_id.to_lowercase().contains(&needle)
                        })
                        .cloned()
                        .collect()
                });
                cobro_core::order::sort_by_key(&mut clients, |c| c.legal_name.to_lowercase());
                total.set(clients.len());
                if clients.is_empty() {
                    return if archived_view {
                        view! { <p class="empty">{corrections::texts(lang).archived_none}</p> }.into_any()
                    } else if needle.is_empty() {
                        view! { <EmptyState screen=Screen::Clients id="clients-empty" /> }.into_any()
                    } else {
                        view! { <p class="empty" id="no-match">{crate::i18n::guide::texts(lang).no_match}</p> }.into_any()
                    };
                }
                let figs = figures.get();
                view! {
                    <ul class="doc-list" id=if archived_view { "client-archived-list" } else { "client-list" }>
                        {clients
                            .into_iter()
                            .take(shown.get())
                            .map(|c| {
                                let f = figs.get(&c.id);
                                let outstanding = f.map(|f| amounts(&f.outstanding, lang)).unwrap_or_else(|| "—".into());
                                let overdue = f.map(|f| amounts(&f.overdue, lang)).unwrap_or_else(|| "—".into());
                                view! {
                                    <li class="doc-row" data-client=c.id.clone() class:archived=c.archived>
                                        <a href=format!("#/clients/{}", c.id)>
                                            <span class="doc-row-number">{c.legal_name.clone()}</span>
                                            <span class="doc-row-client">{c.tax_id.clone()}</span>
                                            <span class="doc-row-amount">{t.outstanding} ": " {outstanding}</span>
                                            <span class="doc-row-status">{t.overdue} ": " {overdue}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <ShowMore shown=shown total=total id="client-list" />
        </Page>
    }
}

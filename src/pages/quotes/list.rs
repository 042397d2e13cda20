//! The quote list.

use crate::components::invoicing::fields::tr;
use crate::components::more::{ShowMore, LIST_PAGE};
use crate::components::page::Page;
use crate::i18n::{invoicing, use_i18n};
use crate::state::use_app;
use cobro_core::money::format_amount;
use cobro_core::tax;
use leptos::prelude::*;

#[component]
pub(super) fn QuoteList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let shown = RwSignal::new(LIST_PAGE);
    let total = RwSignal::new(0usize);
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_quotes) id="quotes">
            <div class="toolbar">
                <a class="button" id="new-quote" href="#/quotes/new">{tr(|t| t.new_quote)}</a>
            </div>
            {move || {
                let data = app.data.get()?;
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let mut quotes = data.quotes.clone();
                cobro_core::order::sort_by_key(&mut quotes, |q| std::cmp::Reverse(q.issue_date));
                total.set(quotes.len());
                if quotes.is_empty() {
                    return Some(view! { <p class="empty">{t.quotes_empty}</p> }.into_any());
                }
                Some(view! {
                    <ul class="doc-list" id="quote-list">
                        {quotes
                            .into_iter()
                            .take(shown.get())
                            .map(|q| {
                                let name = data
                                    .clients
                                    .iter()
                                    .find(|c| c.id == q.client_id)
                                    .map(|c| c.legal_name.clone())
                                    .unwrap_or_default();
                                let total = tax::quote_totals(&q)
                                    .map(|x| format_amount(x.total, &q.currency, lang))
                                    .unwrap_or_default();
                                view! {
                                    <li class="doc-row" data-quote=q.id.clone()>
                                        <a href=format!("#/quotes/{}", q.id)>
                                            <span class="doc-row-number">{q.number.clone().unwrap_or_else(|| t.draft.into())}</span>
                                            <span class="doc-row-client">{name}</span>
                                            <span class="doc-row-date">{invoicing::date(q.issue_date, lang)}</span>
                                            <span class="doc-row-status">{invoicing::quote_state(&q.state, lang)}</span>
                                            <span class="doc-row-amount">{total}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any())
            }}
            <ShowMore shown=shown total=total id="quote-list" />
        </Page>
    }
}

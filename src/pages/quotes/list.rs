//! The quote list, newest first, with the total of what is offered: rejected quotes are
//! left out of it (and the line says how many).

use crate::components::editor::{buffer, DraftKind};
use crate::components::empty_state::EmptyState;
use crate::components::invoicing::fields::tr;
use crate::components::more::{ShowMore, LIST_PAGE};
use crate::components::page::Page;
use crate::i18n::{documents, invoicing, use_i18n};
use crate::state::use_app;
use cobro_core::guide::Screen;
use cobro_core::money::format_amount;
use cobro_core::{tax, QuoteState};
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[component]
pub(super) fn QuoteList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let unfinished = buffer::unfinished(DraftKind::Quote).is_some();
    let shown = RwSignal::new(LIST_PAGE);
    let total = RwSignal::new(0usize);
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_quotes) id="quotes">
            <div class="toolbar">
                <a class="button" id="new-quote" href="#/quotes/new">{tr(|t| t.new_quote)}</a>
            </div>
            {unfinished.then(|| view! {
                <p class="notice-banner" id="unfinished-quote">
                    {move || documents::texts(i18n.lang.get()).pending_new_quote} " "
                    <a href="#/quotes/new">{move || documents::texts(i18n.lang.get()).continue_it}</a>
                </p>
            })}
            {move || {
                let data = app.data.get()?;
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let mut quotes = data.quotes.clone();
                cobro_core::order::sort_by_key(&mut quotes, |q| std::cmp::Reverse(q.issue_date));
                total.set(quotes.len());
                if quotes.is_empty() {
                    return Some(view! { <EmptyState screen=Screen::Quotes id="quotes-empty" /> }.into_any());
                }
                let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
                let mut rejected = 0;
                for q in &quotes {
                    if matches!(q.state, QuoteState::Rejected { .. }) {
                        rejected += 1;
                    } else if let Ok(total) = tax::quote_totals(q).map(|t| t.total) {
                        *sums.entry(q.currency.clone()).or_default() += total;
                    }
                }
                let sums_data = sums.iter().map(|(c, d)| format!("{c}={d}")).collect::<Vec<_>>().join(";");
                let sums_text = sums.iter().map(|(c, d)| format_amount(*d, c, lang)).collect::<Vec<_>>().join(" · ");
                let left_out = (rejected > 0).then(|| {
                    let text = documents::with_n(documents::texts(lang).left_out_rejected, rejected);
                    view! { " " <span class="left-out" id="left-out">"(" {text} ")"</span> }
                });
                Some(view! {
                    <p class="shown-total" id="shown-total" data-amounts=sums_data data-left-out=rejected>
                        {t.shown_total} ": " <strong>{sums_text}</strong>
                        {left_out}
                    </p>
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
                                let counted = !matches!(q.state, QuoteState::Rejected { .. });
                                view! {
                                    <li class="doc-row" data-quote=q.id.clone() data-counted=counted.to_string()>
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

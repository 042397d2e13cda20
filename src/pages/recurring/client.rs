//! A client's recurring invoices on its page: each schedule with what it does next.

use crate::i18n::recurring::{self as words, texts};
use crate::i18n::use_i18n;
use crate::state::use_app;
use cobro_core::{money, recurring};
use leptos::prelude::*;

#[component]
pub fn ClientSchedules(client_id: String) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let rows = Memo::new(move |_| app.read(|d| recurring::rows(d, Some(&client_id))));
    view! {
        <section class="client-schedules" id="client-schedules" aria-labelledby="client-schedules-heading">
            <h2 id="client-schedules-heading">{move || t().client_schedules}</h2>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <p class="muted">{move || t().client_schedules_empty}</p> }.into_any();
                }
                view! {
                    <ul class="doc-list">
                        {list
                            .into_iter()
                            .map(|r| {
                                let href = format!("#/recurring/{}", r.id);
                                let (status, repeat) = (r.status, r.repeat);
                                let total = (r.total, r.currency.clone());
                                view! {
                                    <li class="doc-row" data-schedule=r.id.clone()>
                                        <a href=href>
                                            <span class="doc-row-number">{r.name.clone()}</span>
                                            <span class="doc-row-amount">
                                                {move || total.0.map(|v| money::format_amount(v, &total.1, i18n.lang.get()))}
                                            </span>
                                            <span class="doc-row-client">{move || words::every(repeat, i18n.lang.get())}</span>
                                            <span class="doc-row-status">{move || words::status(status, i18n.lang.get())}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

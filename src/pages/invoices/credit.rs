//! A partial correction of an issued invoice: a credit note taking back some units of some
//! lines, or an amount off a line (a price corrected), the invoice staying issued and owing
//! less. The core decides the credit note's lines and their bounds.

use crate::components::invoicing::fields::{self, tr, Area};
use crate::i18n::{documents, invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::lifecycle::{self, CreditBy, CreditPick, CreditScope};
use cobro_core::money::format_amount;
use cobro_core::Invoice;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How one line is corrected: by units ("qty") or by an amount ("amount").
#[derive(Clone, Copy)]
struct Pick {
    by: RwSignal<String>,
    value: RwSignal<String>,
}

#[component]
pub(super) fn PartialCredit(invoice: Invoice, open: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let limits = lifecycle::credit_limits(&invoice).unwrap_or_default();
    let picks: Vec<Pick> = invoice
        .lines
        .iter()
        .map(|_| Pick {
            by: RwSignal::new("qty".into()),
            value: RwSignal::new("0".into()),
        })
        .collect();
    let currency = invoice.currency.clone();
    let rows = invoice
        .lines
        .iter()
        .zip(picks.iter().copied())
        .enumerate()
        .map(|(i, (l, p))| {
            let id = format!("credit-qty-{i}");
            let by_id = format!("credit-by-{i}");
            let amount = limits.get(i).map(|m| m.amount).unwrap_or_default();
            let (qty, price, cur) = (l.quantity, l.unit_price, currency.clone());
            let invoiced = move || {
                let lang = i18n.lang.get();
                format!(
                    "{} × {} = {}",
                    fields::show(qty),
                    format_amount(price, &cur, lang),
                    format_amount(amount, &cur, lang)
                )
            };
            view! {
                <tr class="credit-line" data-line=i>
                    <td class="desc">{l.description.clone()}</td>
                    <td class="num invoiced">{invoiced}</td>
                    <td class="by">
                        <label class="visually-hidden" for=by_id.clone()>{move || documents::texts(i18n.lang.get()).credit_by} " — " {l.description.clone()}</label>
                        <select id=by_id class="credit-by" on:change=move |ev| p.by.set(event_target_value(&ev))>
                            <option value="qty">{move || documents::texts(i18n.lang.get()).credit_by_quantity}</option>
                            <option value="amount">{move || documents::texts(i18n.lang.get()).credit_by_amount}</option>
                        </select>
                    </td>
                    <td class="num take">
                        <label class="visually-hidden" for=id.clone()>{tr(|t| t.credit_qty)} " — " {l.description.clone()}</label>
                        <input id=id class="credit-qty" type="text" inputmode="decimal" bind:value=p.value />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let invoice = StoredValue::new(invoice);
    let picks = StoredValue::new(picks);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        let mut chosen = Vec::new();
        for (i, p) in picks.get_value().iter().enumerate() {
            let text = p.value.get_untracked();
            let v = match fields::number_or_zero(t.credit_qty, &text, lang) {
                Ok(v) => v,
                Err(e) => return error.set(Some(invoicing::on_line(i + 1, &e, lang))),
            };
            let by = if p.by.get_untracked() == "amount" {
                CreditBy::Amount(v)
            } else {
                CreditBy::Quantity(v)
            };
            chosen.push(CreditPick { line: i, by });
        }
        let lines = match invoice.with_value(|inv| lifecycle::credit_lines(inv, &chosen)) {
            Ok(lines) => lines,
            Err(e) => return error.set(Some(invoicing::lifecycle_error(&e, lang))),
        };
        let why = reason.get_untracked();
        let invoice_id = invoice.with_value(|i| i.id.clone());
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                db.issue_credit_note_for(
                    &invoice_id,
                    CreditScope::Lines(lines),
                    &why,
                    clock::today(),
                    &mut new_id,
                    clock::now(),
                )
                .await
                .map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    open.try_set(false);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <form class="form credit-form no-print" id="partial-credit-form" on:submit=submit novalidate>
            <div class="credit-table">
                <table class="credit-lines">
                    <thead>
                        <tr>
                            <th class="desc">{tr(|t| t.description)}</th>
                            <th class="num">{move || documents::texts(i18n.lang.get()).credit_invoiced}</th>
                            <th>{move || documents::texts(i18n.lang.get()).credit_by}</th>
                            <th class="num">{move || documents::texts(i18n.lang.get()).credit_take_back}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Area label=tr(|t| t.credit_reason) value=reason id="partial-credit-reason" />
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" id="partial-credit-error">{e}</p> })}
            <button type="submit" id="confirm-partial-credit" disabled=move || busy.get()>
                {tr(|t| t.credit_partial_confirm)}
            </button>
        </form>
    }
}

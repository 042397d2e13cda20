//! A partial correction of an issued invoice: a credit note for some units of some
//! lines, the invoice staying issued and owing less.

use crate::components::invoicing::fields::{self, tr, Area};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::lifecycle::CreditScope;
use cobro_core::Line;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

/// Correct an issued invoice with a credit note for some units of some lines
/// (a partial factura rectificativa): the invoice stays issued and owes less.
#[component]
pub(super) fn PartialCredit(invoice_id: String, lines: Vec<Line>, open: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let qtys: Vec<RwSignal<String>> = lines.iter().map(|_| RwSignal::new("0".to_string())).collect();
    let rows = lines
        .iter()
        .zip(qtys.iter().copied())
        .enumerate()
        .map(|(i, (l, q))| {
            let id = format!("credit-qty-{i}");
            let max = l.quantity.normalize().to_string();
            view! {
                <tr class="credit-line" data-line=i>
                    <td>{l.description.clone()}</td>
                    <td class="num">{max.clone()}</td>
                    <td class="num">
                        <label class="visually-hidden" for=id.clone()>{tr(|t| t.credit_qty)} " — " {l.description.clone()}</label>
                        <input id=id class="credit-qty" type="number" inputmode="decimal" min="0" max=max step="any" bind:value=q />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let source = StoredValue::new((invoice_id, lines));
    let qtys = StoredValue::new(qtys);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        let (invoice_id, source_lines) = source.get_value();
        let mut lines = Vec::new();
        for (l, q) in source_lines.iter().zip(qtys.get_value()) {
            let q = match fields::number(t.credit_qty, &q.get_untracked(), lang) {
                Ok(q) => q,
                Err(e) => return error.set(Some(e)),
            };
            if q < Decimal::ZERO || q > l.quantity {
                return error.set(Some(t.credit_qty_range.into()));
            }
            if q > Decimal::ZERO {
                lines.push(Line {
                    quantity: q,
                    ..l.clone()
                });
            }
        }
        if lines.is_empty() {
            return error.set(Some(t.credit_nothing.into()));
        }
        let why = reason.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
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
            <table class="credit-lines">
                <thead>
                    <tr>
                        <th>{tr(|t| t.description)}</th>
                        <th class="num">{tr(|t| t.quantity)}</th>
                        <th class="num">{tr(|t| t.credit_qty)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Area label=tr(|t| t.credit_reason) value=reason id="partial-credit-reason" />
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" id="partial-credit-error">{e}</p> })}
            <button type="submit" id="confirm-partial-credit" disabled=move || busy.get()>
                {tr(|t| t.credit_partial_confirm)}
            </button>
        </form>
    }
}

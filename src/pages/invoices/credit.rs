//! A partial correction of an issued invoice: a credit note taking back some units of some
//! lines, or an amount off a line (a price corrected), the invoice staying issued and owing
//! less. The core reads the form (`CreditInput`: the lines, their bounds, the reason) and says
//! each problem at its field.

use crate::components::forms::{save_form, CheckedArea, CheckedCell, Problems, SaveOutcome};
use crate::components::invoicing::fields::{self, tr};
use crate::i18n::{documents, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::forms::{credit_path, CreditInput, CreditLineInput, CreditWay};
use cobro_core::lifecycle::{self, CreditScope};
use cobro_core::money::format_amount;
use cobro_core::validity::Text;
use cobro_core::Invoice;
use leptos::prelude::*;

/// How one line is corrected, and how much.
#[derive(Clone, Copy)]
struct Pick {
    by: RwSignal<CreditWay>,
    value: RwSignal<String>,
}

#[component]
pub(super) fn PartialCredit(invoice: Invoice, open: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let input0 = CreditInput::for_invoice(&invoice);
    let reason = RwSignal::new(input0.reason);
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    let limits = lifecycle::credit_limits(&invoice).unwrap_or_default();
    let picks: Vec<Pick> = input0
        .lines
        .into_iter()
        .map(|l| Pick {
            by: RwSignal::new(l.by),
            value: RwSignal::new(l.value),
        })
        .collect();
    let currency = invoice.currency.clone();
    let rows = invoice
        .lines
        .iter()
        .zip(picks.iter().copied())
        .enumerate()
        .map(|(i, (l, p))| {
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
            let description = l.description.clone();
            let label = Signal::derive(move || {
                format!("{} — {}", documents::texts(i18n.lang.get()).credit_take_back, description)
            });
            let path = credit_path(i);
            view! {
                <tr class="credit-line" data-line=i>
                    <td class="desc">{l.description.clone()}</td>
                    <td class="num invoiced">{invoiced}</td>
                    <td class="by">
                        <label class="visually-hidden" for=by_id.clone()>{move || documents::texts(i18n.lang.get()).credit_by} " — " {l.description.clone()}</label>
                        <select id=by_id class="credit-by" on:change=move |ev| {
                            p.by.set(if event_target_value(&ev) == "amount" { CreditWay::Amount } else { CreditWay::Quantity });
                            problems.forget(&credit_path(i));
                        }>
                            <option value="qty">{move || documents::texts(i18n.lang.get()).credit_by_quantity}</option>
                            <option value="amount">{move || documents::texts(i18n.lang.get()).credit_by_amount}</option>
                        </select>
                    </td>
                    <td class="num take">
                        <CheckedCell label=label value=p.value id=format!("credit-qty-{i}") path=path problems=problems inputmode="decimal" class="credit-qty" />
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
        let input = CreditInput {
            lines: picks.with_value(|all| {
                all.iter()
                    .map(|p| CreditLineInput {
                        by: p.by.get_untracked(),
                        value: p.value.get_untracked(),
                    })
                    .collect()
            }),
            reason: reason.get_untracked(),
        };
        let choice = match invoice.with_value(|inv| input.build(inv)) {
            Ok(choice) => {
                problems.clear();
                choice
            }
            Err(invalid) => {
                problems.show(invalid);
                return;
            }
        };
        let invoice_id = invoice.with_value(|i| i.id.clone());
        busy.set(true);
        save_form(
            app,
            problems,
            lang,
            move |db| async move {
                let done = db
                    .issue_credit_note_for(
                        &invoice_id,
                        CreditScope::Lines(choice.lines),
                        &choice.reason,
                        clock::today(),
                        &mut new_id,
                        clock::now(),
                    )
                    .await;
                busy.try_set(false);
                done.map(|_| ())
            },
            move || {
                open.try_set(false);
            },
        );
    };
    let never_saved = RwSignal::new(None::<String>);
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
            <CheckedArea label=tr(|t| t.credit_reason) value=reason id="partial-credit-reason" path="reason" problems=problems limit=Text::Reason />
            // Once issued the form closes: there is no "saved" line to show.
            <SaveOutcome problems=problems saved=never_saved error_id="partial-credit-error" saved_id="partial-credit-saved" />
            <button type="submit" id="confirm-partial-credit" disabled=move || busy.get()>
                {tr(|t| t.credit_partial_confirm)}
            </button>
        </form>
    }
}

//! Live totals of a document: the core's breakdown (lines, discount, VAT per
//! rate, withholding, total) or the reason it cannot be computed.

use crate::components::invoicing::fields::tr;
use crate::i18n::{invoicing, use_i18n};
use cobro_core::money::format_amount;
use cobro_core::tax::Totals;
use leptos::prelude::*;

/// The totals table; `totals` is `Err` with a plain-words message when the input is wrong.
#[component]
pub fn TotalsView(
    totals: Signal<Result<Totals, String>>,
    currency: Signal<String>,
    /// The withholding rate, printed next to its label on documents ("Retención IRPF 15 %").
    #[prop(optional)]
    withholding_pct: Option<rust_decimal::Decimal>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || {
            let lang = i18n.lang.get();
            let cur = currency.get();
            match totals.get() {
                Err(msg) => view! { <p class="form-error" role="alert" id="totals-error">{msg}</p> }.into_any(),
                Ok(t) => {
                    let fmt = |d| format_amount(d, &cur, lang);
                    let rows = t
                        .vat
                        .iter()
                        .map(|g| {
                            let label = invoicing::vat_label(&g.vat, lang);
                            view! {
                                <tr class="vat-row">
                                    <th scope="row">{label} " · " {fmt(g.base)}</th>
                                    <td>{fmt(g.tax)}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    let has_discount = !t.discount.is_zero();
                    let has_withholding = !t.withholding.is_zero();
                    view! {
                        <table class="totals" id="totals">
                            <tbody>
                                <tr>
                                    <th scope="row">{tr(|t| t.gross)}</th>
                                    <td>{fmt(t.gross)}</td>
                                </tr>
                                {has_discount.then(|| view! {
                                    <tr>
                                        <th scope="row">{tr(|t| t.discount)}</th>
                                        <td>"−" {fmt(t.discount)}</td>
                                    </tr>
                                })}
                                <tr>
                                    <th scope="row">{tr(|t| t.base)}</th>
                                    <td>{fmt(t.base)}</td>
                                </tr>
                                {rows}
                                {has_withholding.then(|| view! {
                                    <tr>
                                        <th scope="row">
                                            {tr(|t| t.withholding)}
                                            {withholding_pct.map(|p| format!(" {} %", p.normalize()))}
                                        </th>
                                        <td>"−" {fmt(t.withholding)}</td>
                                    </tr>
                                })}
                                <tr class="grand-total">
                                    <th scope="row">{tr(|t| t.total)}</th>
                                    <td id="total-amount" data-amount=t.total.to_string()>{fmt(t.total)}</td>
                                </tr>
                            </tbody>
                        </table>
                    }
                        .into_any()
                }
            }
        }}
    }
}

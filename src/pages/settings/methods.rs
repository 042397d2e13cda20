//! Payment methods: every active method offered on invoices, each editable, archivable and
//! (when nothing names it) deletable; the archived ones in their own view, where they can be
//! restored; and a form to add one.

use super::method_form::MethodForm;
use crate::components::invoicing::fields::tr;
use crate::components::record_actions::{ArchivedToggle, Kind, RecordActions, RecordMessage};
use crate::i18n::corrections;
use crate::i18n::use_i18n;
use crate::state::use_app;
use cobro_core::usage;
use cobro_core::PaymentMethod;
use leptos::prelude::*;

/// Every payment method, each editable, and a form to add one.
#[component]
pub(super) fn Methods() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let show_archived = RwSignal::new(false);
    // Here, not in each row: archiving reloads the data, which rebuilds the rows.
    let message = RecordMessage::new();
    let active = move || {
        app.read(|d| {
            usage::pickable(&d.payment_methods, None)
                .into_iter()
                .cloned()
                .collect::<Vec<PaymentMethod>>()
        })
    };
    let archived = move || {
        app.read(|d| {
            usage::archived(&d.payment_methods)
                .into_iter()
                .cloned()
                .collect::<Vec<PaymentMethod>>()
        })
    };
    view! {
        <section class="methods-settings" id="payment-methods">
            <h2>{tr(|t| t.payment_methods)}</h2>
            {move || {
                active()
                    .into_iter()
                    .map(|m| {
                        let (id, label) = (m.id.clone(), m.label.clone());
                        let block = id.clone();
                        view! {
                            <div class="record-block" data-method-block=block>
                                <MethodForm method=Some(m) />
                                <RecordActions kind=Kind::Method id=id name=label archived=false message=message />
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <div class="archived-toggle">
                <ArchivedToggle id="methods-archived-toggle" show=show_archived count=Signal::derive(move || archived().len()) />
            </div>
            {move || show_archived.get().then(|| {
                let list = archived();
                if list.is_empty() {
                    return view! { <p class="empty" id="methods-archived-empty">{corrections::texts(i18n.lang.get()).archived_none}</p> }.into_any();
                }
                view! {
                    <ul class="archived-list" id="methods-archived">
                        {list
                            .into_iter()
                            .map(|m| view! {
                                <li data-method=m.id.clone()>
                                    <span class="archived-name">{m.label.clone()}</span>
                                    <span class="badge">{move || corrections::texts(i18n.lang.get()).archived_badge}</span>
                                    <RecordActions kind=Kind::Method id=m.id.clone() name=m.label.clone() archived=true message=message />
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })}
            {message.gone(move |id| {
                app.read(|d| {
                    d.payment_methods
                        .iter()
                        .any(|m| m.id == id && (!m.archived || show_archived.get_untracked()))
                })
            })}
            <MethodForm method=None />
        </section>
    }
}

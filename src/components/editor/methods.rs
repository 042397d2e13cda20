//! The payment methods a document offers its client: one checkbox per method of the business,
//! an archived one only while the document already offers it (so editing never drops it
//! silently). Shared by the invoice and quote editor and the recurring-schedule form, which
//! offer the same choice.

use crate::state::use_app;
use cobro_core::model::Id;
use leptos::prelude::*;

#[component]
pub fn MethodChoice(
    /// The ids the document offers, in the order they were ticked.
    chosen: RwSignal<Vec<Id>>,
    /// The fieldset's id.
    #[prop(into)]
    id: String,
    /// Its legend.
    #[prop(into)]
    legend: Signal<&'static str>,
) -> impl IntoView {
    let app = use_app();
    let offered = chosen.get_untracked();
    let methods = Signal::derive(move || {
        app.read(|d| {
            d.payment_methods
                .iter()
                .filter(|m| !m.archived || offered.contains(&m.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <fieldset class="methods" id=id>
            <legend>{move || legend.get()}</legend>
            {move || {
                methods
                    .get()
                    .into_iter()
                    .map(|m| {
                        let id = m.id.clone();
                        let id2 = m.id.clone();
                        let toggle = move |ev| {
                            let on = event_target_checked(&ev);
                            let id = id2.clone();
                            chosen.update(|v| {
                                v.retain(|x| *x != id);
                                if on {
                                    v.push(id);
                                }
                            });
                        };
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    data-method=m.id.clone()
                                    prop:checked=move || chosen.with(|v| v.contains(&id))
                                    on:change=toggle
                                />
                                <span>{m.label.clone()}</span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

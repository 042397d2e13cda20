//! The catalogue of items the line editor picks from; an item lines name is archived rather
//! than deleted.

use crate::components::forms::{save_form, CheckedField, Problems, SaveOutcome};
use crate::components::invoicing::fields::{self, tr};
use crate::components::record_actions::{ArchivedToggle, Kind, RecordActions, RecordMessage};
use crate::components::when::When;
use crate::i18n::{corrections, invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::forms::{ItemInput, VatInput};
use cobro_core::money;
use cobro_core::validity::{Invalid, Text};
use cobro_core::{CatalogItem, VatRate};
use leptos::prelude::*;

/// The VAT choices of a catalogue item (value of the select), as in the line editor.
const ITEM_RATES: [&str; 4] = ["21", "10", "4", "0"];
const EXEMPT: &str = "exempt";

/// The catalogue: every active item (name, price, VAT) with edit, archive and delete, the
/// archived ones in their own view (restore, delete), and one form that adds a new item or
/// edits the chosen one.
#[component]
pub(super) fn Catalogue() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    // `None`: the form adds a new item; `Some(id)`: it edits that item.
    let editing = RwSignal::new(None::<String>);
    let show_archived = RwSignal::new(false);
    let actions = RecordMessage::new();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let vat = RwSignal::new("21".to_string());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let problems = Problems::new();
    let clear = move || {
        problems.clear();
        editing.set(None);
        name.set(String::new());
        description.set(String::new());
        price.set(String::new());
        vat.set("21".into());
        reason.set(String::new());
    };
    let edit = move |item: CatalogItem| {
        editing.set(Some(item.id.clone()));
        name.set(item.name);
        description.set(item.description);
        price.set(fields::show(item.unit_price));
        match item.vat {
            VatRate::Rate(r) => {
                vat.set(r.normalize().to_string());
                reason.set(String::new());
            }
            VatRate::Exempt(why) => {
                vat.set(EXEMPT.into());
                reason.set(why);
            }
        }
        message.set(None);
        problems.clear();
    };
    // The core builds the item from what is typed, every problem at its field.
    let build = move || -> Result<CatalogItem, Invalid> {
        let choice = vat.get_untracked();
        let input = ItemInput {
            name: name.get_untracked(),
            description: description.get_untracked(),
            unit_price: price.get_untracked(),
            vat: if choice == EXEMPT {
                VatInput::Exempt(reason.get_untracked())
            } else {
                VatInput::Rate(choice)
            },
        };
        let id = editing.get_untracked().unwrap_or_else(new_id);
        let old = app.read(|d| d.items.iter().find(|i| i.id == id).cloned());
        input.build(id, old.as_ref(), clock::now(), clock::today())
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        message.set(None);
        let record = match build() {
            Ok(r) => {
                problems.clear();
                r
            }
            Err(invalid) => {
                problems.show(invalid);
                return;
            }
        };
        save_form(
            app,
            problems,
            lang,
            move |db| async move { db.save(&record).await },
            move || {
                clear();
                message.try_set(Some(invoicing::texts(lang).saved.into()));
            },
        );
    };
    let exempt = move || vat.get() == EXEMPT;
    view! {
        <section class="catalogue-settings" id="catalogue">
            <h2>{tr(|t| t.catalogue)}</h2>
            {move || {
                let lang = i18n.lang.get();
                let archived_view = show_archived.get();
                let (items, currency) = app.read(|d| {
                    let shown: Vec<CatalogItem> = d.items.iter().filter(|i| i.archived == archived_view).cloned().collect();
                    (shown, d.settings.default_currency.clone())
                });
                if items.is_empty() {
                    return if archived_view {
                        view! { <p class="empty" id="catalogue-archived-empty">{corrections::texts(lang).archived_none}</p> }.into_any()
                    } else {
                        view! { <p class="empty" id="catalogue-empty">{invoicing::texts(lang).catalogue_empty}</p> }.into_any()
                    };
                }
                let mut items = items;
                cobro_core::order::sort_by_key(&mut items, |i| i.name.to_lowercase());
                view! {
                    <ul class="catalogue-list" id=if archived_view { "catalogue-archived" } else { "catalogue-list" }>
                        {items
                            .into_iter()
                            .map(|item| {
                                let shown = item.clone();
                                let archived = item.archived;
                                view! {
                                    <li class="catalogue-row" data-item=item.id.clone()>
                                        <span class="catalogue-name">{item.name.clone()}</span>
                                        <span class="catalogue-price" data-amount=item.unit_price.to_string()>
                                            {money::format_amount(item.unit_price, &currency, lang)}
                                        </span>
                                        <span class="catalogue-vat">{invoicing::vat_label(&item.vat, lang)}</span>
                                        <span class="catalogue-actions">
                                            {(!archived).then(|| view! {
                                                <button type="button" class="secondary item-edit" on:click=move |_| edit(shown.clone())>
                                                    {invoicing::texts(lang).edit}
                                                    <span class="visually-hidden">{format!(" {}", item.name)}</span>
                                                </button>
                                            })}
                                            <RecordActions kind=Kind::Item id=item.id.clone() name=item.name.clone() archived=archived message=actions />
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <div class="archived-toggle">
                <ArchivedToggle
                    id="catalogue-archived-toggle"
                    show=show_archived
                    count=Signal::derive(move || app.read(|d| d.items.iter().filter(|i| i.archived).count()))
                />
            </div>
            {actions.gone(move |id| app.read(|d| d.items.iter().any(|i| i.id == id && i.archived == show_archived.get_untracked())))}
            <form class="form item-form" id="item-form" on:submit=save novalidate>
                <fieldset>
                    <legend>
                        {move || {
                            let t = invoicing::texts(i18n.lang.get());
                            if editing.get().is_some() { t.edit_item } else { t.add_item }
                        }}
                    </legend>
                    <CheckedField label=tr(|t| t.item_name) value=name id="item-name" path="name" problems=problems required=true limit=Text::Name />
                    <CheckedField label=tr(|t| t.description) value=description id="item-description" path="description" problems=problems limit=Text::Description />
                    <CheckedField label=tr(|t| t.unit_price) value=price id="item-price" path="unit_price" problems=problems inputmode="decimal" />
                    <label class="field">
                        <span class="field-label">{tr(|t| t.vat)}</span>
                        <select id="item-vat" on:change=move |ev| vat.set(event_target_value(&ev))>
                            {ITEM_RATES.map(|r| view! { <option value=r prop:selected=move || vat.get() == r>{format!("{r} %")}</option> })}
                            <option value=EXEMPT prop:selected=exempt>{tr(|t| t.exempt)}</option>
                        </select>
                    </label>
                    <When when=exempt>
                        <CheckedField label=tr(|t| t.exempt_reason) value=reason id="item-reason" path="vat" problems=problems limit=Text::Reason />
                    </When>
                    <SaveOutcome problems=problems saved=message error_id="item-error" saved_id="item-saved" />
                    <div class="actions wide">
                        <button type="submit" id="item-save">{tr(|t| t.save)}</button>
                        <When when=move || editing.get().is_some()>
                            <button type="button" class="secondary" id="item-cancel" on:click=move |_| { clear(); message.set(None); }>
                                {tr(|t| t.cancel)}
                            </button>
                        </When>
                    </div>
                </fieldset>
            </form>
        </section>
    }
}

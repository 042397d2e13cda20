//! The catalogue of items the line editor picks from.

use crate::components::invoicing::fields::{self, tr, Field};
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::money;
use cobro_core::{CatalogItem, Lang, VatRate};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The VAT choices of a catalogue item (value of the select), as in the line editor.
const ITEM_RATES: [&str; 4] = ["21", "10", "4", "0"];
const EXEMPT: &str = "exempt";

/// The catalogue: every item (name, price, VAT) with edit and delete, and one
/// form that adds a new item or edits the chosen one.
#[component]
pub(super) fn Catalogue() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    // `None`: the form adds a new item; `Some(id)`: it edits that item.
    let editing = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let vat = RwSignal::new("21".to_string());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let clear = move || {
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
    };
    let build = move |lang: Lang| -> Result<CatalogItem, String> {
        let t = invoicing::texts(lang);
        let item_name = name.get_untracked().trim().to_string();
        if item_name.is_empty() {
            return Err(t.item_name_required.into());
        }
        let unit_price = fields::number(t.unit_price, &price.get_untracked(), lang)?;
        let unit_price =
            money::check_price("unit price", unit_price).map_err(|e| invoicing::money_error(&e, lang))?;
        let vat_choice = vat.get_untracked();
        let vat_rate = if vat_choice == EXEMPT {
            let why = reason.get_untracked().trim().to_string();
            if why.is_empty() {
                return Err(format!("{}: {}", t.exempt_reason, t.need_exempt_reason));
            }
            VatRate::Exempt(why)
        } else {
            VatRate::Rate(fields::number(t.vat, &vat_choice, lang)?)
        };
        Ok(CatalogItem {
            id: editing.get_untracked().unwrap_or_else(new_id),
            name: item_name,
            description: description.get_untracked().trim().into(),
            unit_price,
            vat: vat_rate,
            updated_at: clock::now(),
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let record = match build(lang) {
            Ok(r) => r,
            Err(e) => {
                message.set(Some(Err(e)));
                return;
            }
        };
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.save(&record).await.map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(()) => {
                    message.try_set(Some(Ok(invoicing::texts(lang).saved.into())));
                    clear();
                }
                Err(e) => {
                    message.try_set(Some(Err(e)));
                }
            }
        });
    };
    let delete = move |id: String| {
        let lang = i18n.lang.get_untracked();
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.remove::<CatalogItem>(&id)
                    .await
                    .map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(()) => {
                    if editing.get_untracked().as_deref() == Some(id.as_str()) {
                        clear();
                    }
                    message.try_set(Some(Ok(invoicing::texts(lang).item_deleted.into())));
                }
                Err(e) => {
                    message.try_set(Some(Err(e)));
                }
            }
        });
    };
    let exempt = move || vat.get() == EXEMPT;
    view! {
        <section class="catalogue-settings" id="catalogue">
            <h2>{tr(|t| t.catalogue)}</h2>
            {move || {
                let lang = i18n.lang.get();
                let (items, currency) = app.read(|d| (d.items.clone(), d.settings.default_currency.clone()));
                if items.is_empty() {
                    return view! { <p class="empty" id="catalogue-empty">{invoicing::texts(lang).catalogue_empty}</p> }
                        .into_any();
                }
                let mut items = items;
                cobro_core::order::sort_by_key(&mut items, |i| i.name.to_lowercase());
                view! {
                    <ul class="catalogue-list" id="catalogue-list">
                        {items
                            .into_iter()
                            .map(|item| {
                                let id = item.id.clone();
                                let shown = item.clone();
                                view! {
                                    <li class="catalogue-row" data-item=item.id.clone()>
                                        <span class="catalogue-name">{item.name.clone()}</span>
                                        <span class="catalogue-price" data-amount=item.unit_price.to_string()>
                                            {money::format_amount(item.unit_price, &currency, lang)}
                                        </span>
                                        <span class="catalogue-vat">{invoicing::vat_label(&item.vat, lang)}</span>
                                        <span class="catalogue-actions">
                                            <button type="button" class="secondary item-edit" on:click=move |_| edit(shown.clone())>
                                                {invoicing::texts(lang).edit}
                                                <span class="visually-hidden">{format!(" {}", item.name)}</span>
                                            </button>
                                            <button type="button" class="secondary item-delete" on:click=move |_| delete(id.clone())>
                                                {invoicing::texts(lang).delete}
                                                <span class="visually-hidden">{format!(" {}", item.name)}</span>
                                            </button>
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <form class="form item-form" id="item-form" on:submit=save novalidate>
                <fieldset>
                    <legend>
                        {move || {
                            let t = invoicing::texts(i18n.lang.get());
                            if editing.get().is_some() { t.edit_item } else { t.add_item }
                        }}
                    </legend>
                    <Field label=tr(|t| t.item_name) value=name id="item-name" required=true />
                    <Field label=tr(|t| t.description) value=description id="item-description" />
                    <Field label=tr(|t| t.unit_price) value=price id="item-price" inputmode="decimal" />
                    <label class="field">
                        <span class="field-label">{tr(|t| t.vat)}</span>
                        <select id="item-vat" on:change=move |ev| vat.set(event_target_value(&ev))>
                            {ITEM_RATES.map(|r| view! { <option value=r prop:selected=move || vat.get() == r>{format!("{r} %")}</option> })}
                            <option value=EXEMPT prop:selected=exempt>{tr(|t| t.exempt)}</option>
                        </select>
                    </label>
                    <When when=exempt>
                        <Field label=tr(|t| t.exempt_reason) value=reason id="item-reason" />
                    </When>
                    {move || message.get().map(|m| match m {
                        Ok(text) => view! { <p class="save-state wide" role="status" id="item-saved">{text}</p> }.into_any(),
                        Err(text) => view! { <p class="form-error wide" role="alert" id="item-error">{text}</p> }.into_any(),
                    })}
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

//! One payment method's form (or a new one's): its kind as a typed choice, so that a
//! direct debit stays a direct debit when saved, and the fields that kind uses (IBAN and BIC
//! checked before they are ever printed).

use crate::components::forms::{save_form, CheckedField, Problems};
use crate::components::invoicing::fields::tr;
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::forms::{MethodInput, MethodKind};
use cobro_core::validity::{Invalid, Text};
use cobro_core::PaymentMethod;
use leptos::prelude::*;

/// The `<option>` value of a kind (the record's serde tag).
fn slug(kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::BankTransfer => "bank_transfer",
        MethodKind::CardLink => "card_link",
        MethodKind::PayPal => "pay_pal",
        MethodKind::Bizum => "bizum",
        MethodKind::Cash => "cash",
        MethodKind::DirectDebit => "direct_debit",
        MethodKind::Other => "other",
    }
}

fn from_slug(s: &str) -> MethodKind {
    MethodKind::ALL
        .into_iter()
        .find(|k| slug(*k) == s)
        .unwrap_or_default()
}

fn kind_name(kind: MethodKind, t: &invoicing::T) -> &'static str {
    match kind {
        MethodKind::BankTransfer => t.bank_transfer,
        MethodKind::CardLink => t.card_link,
        MethodKind::PayPal => t.paypal,
        MethodKind::Bizum => t.bizum,
        MethodKind::Cash => t.cash,
        MethodKind::DirectDebit => t.direct_debit,
        MethodKind::Other => t.other,
    }
}

/// The one "detail" field stands for the field each kind keeps (`kind.url`, `kind.phone`…).
const DETAIL: &str = "kind.detail";

#[component]
pub(super) fn MethodForm(method: Option<PaymentMethod>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let is_new = method.is_none();
    let input0 = method.as_ref().map(MethodInput::from_method).unwrap_or_default();
    let kind = RwSignal::new(input0.kind);
    let label = RwSignal::new(input0.label);
    let iban = RwSignal::new(input0.iban);
    let bic = RwSignal::new(input0.bic);
    let holder = RwSignal::new(input0.holder);
    let bank = RwSignal::new(input0.bank);
    let detail = RwSignal::new(input0.detail);
    let problems = Problems::new();
    let message = RwSignal::new(None::<String>);
    let hook = StoredValue::new(method.as_ref().map_or("new".to_string(), |m| m.id.clone()));
    let hook = move |field: &str| hook.with_value(|h| format!("method-{h}-{field}"));
    let id = StoredValue::new(method.as_ref().map(|m| m.id.clone()).unwrap_or_else(new_id));
    let old = StoredValue::new(method);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        message.set(None);
        // An unnamed method is called by its kind.
        let label_text = match label.get_untracked().trim() {
            "" => kind_name(kind.get_untracked(), t).to_string(),
            l => l.to_string(),
        };
        let input = MethodInput {
            label: label_text,
            kind: kind.get_untracked(),
            iban: iban.get_untracked(),
            bic: bic.get_untracked(),
            holder: holder.get_untracked(),
            bank: bank.get_untracked(),
            detail: detail.get_untracked(),
        };
        let built = old.with_value(|o| input.build(id.get_value(), o.as_ref(), clock::now(), clock::today()));
        let record = match built {
            Ok(r) => {
                problems.clear();
                r
            }
            Err(Invalid(mut found)) => {
                let bank_field = ["label", "kind.iban", "kind.bic", "kind.holder", "kind.bank"];
                for p in &mut found {
                    if p.path.starts_with("kind.") && !bank_field.contains(&p.path.as_str()) {
                        p.path = DETAIL.into();
                    }
                }
                problems.show(Invalid(found));
                return;
            }
        };
        save_form(
            app,
            problems,
            lang,
            move |db| async move { db.save(&record).await },
            move || {
                message.try_set(Some(t.saved.into()));
                if is_new {
                    // The saved method appears in the list above; this form starts a new one.
                    id.set_value(new_id());
                    for s in [label, iban, bic, holder, bank, detail] {
                        s.set(String::new());
                    }
                }
            },
        );
    };
    let is_bank = move || kind.get() == MethodKind::BankTransfer;
    view! {
        <form class="form method-form" data-method=move || if is_new { "new".to_string() } else { id.get_value() } on:submit=save novalidate>
            <fieldset>
                <legend>{move || if is_new { invoicing::texts(i18n.lang.get()).add_method.to_string() } else { label.get() }}</legend>
                <label class="field">
                    <span class="field-label">{tr(|t| t.kind)}</span>
                    <select class="method-kind" on:change=move |ev| kind.set(from_slug(&event_target_value(&ev)))>
                        {MethodKind::ALL.map(|k| view! {
                            <option value=slug(k) prop:selected=move || kind.get() == k>
                                {move || kind_name(k, invoicing::texts(i18n.lang.get()))}
                            </option>
                        })}
                    </select>
                </label>
                <CheckedField label=tr(|t| t.method_label) value=label id=hook("label") path="label" problems=problems limit=Text::Label />
                <When
                    when=is_bank
                    fallback=move || view! {
                        <When when=move || kind.get() != MethodKind::Cash>
                            <CheckedField label=tr(|t| t.detail) value=detail id=hook("detail") path=DETAIL problems=problems />
                        </When>
                    }
                >
                    <label class="field" class:invalid=move || problems.has("kind.iban")>
                        <span class="field-label">{tr(|t| t.iban)}</span>
                        <input
                            type="text"
                            class="method-iban"
                            aria-invalid=move || problems.has("kind.iban").to_string()
                            prop:value=move || iban.get()
                            on:input=move |ev| {
                                iban.set(event_target_value(&ev));
                                problems.forget("kind.iban");
                            }
                        />
                        {move || problems.at("kind.iban").map(|m| view! { <span class="field-error method-error" role="alert">{m}</span> })}
                    </label>
                    <CheckedField label=tr(|t| t.bic) value=bic id=hook("bic") path="kind.bic" problems=problems limit=Text::Bic />
                    <CheckedField label=tr(|t| t.holder) value=holder id=hook("holder") path="kind.holder" problems=problems limit=Text::Holder />
                    <CheckedField label=tr(|t| t.bank) value=bank id=hook("bank") path="kind.bank" problems=problems limit=Text::Bank />
                </When>
                {move || problems.failure().map(|text| view! { <p class="form-error wide method-error" role="alert">{text}</p> })}
                {move || message.get().map(|text| view! { <p class="save-state wide" role="status">{text}</p> })}
                <div class="actions wide">
                    <button type="submit" class="method-save">{tr(|t| t.save)}</button>
                </div>
            </fieldset>
        </form>
    }
}

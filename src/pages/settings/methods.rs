//! Payment methods: every method offered on invoices, each editable, and a form to
//! add one (IBAN and BIC checked before they are ever printed).

use crate::components::invoicing::fields::{tr, Field};
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::payment_info::{validate_bic, validate_iban};
use cobro_core::{Lang, PaymentMethod, PaymentMethodKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The kinds of payment method the form offers.
const KINDS: [&str; 6] = ["bank", "card", "paypal", "bizum", "cash", "other"];

fn kind_name(kind: &str, t: &invoicing::T) -> &'static str {
    match kind {
        "bank" => t.bank_transfer,
        "card" => t.card_link,
        "paypal" => t.paypal,
        "bizum" => t.bizum,
        "cash" => t.cash,
        _ => t.other,
    }
}

/// Every payment method, each editable, and a form to add one.
#[component]
pub(super) fn Methods() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="methods-settings" id="payment-methods">
            <h2>{tr(|t| t.payment_methods)}</h2>
            {move || {
                app.read(|d| d.payment_methods.clone())
                    .into_iter()
                    .map(|m| view! { <MethodForm method=Some(m) /> })
                    .collect_view()
            }}
            <MethodForm method=None />
        </section>
    }
}

#[component]
fn MethodForm(method: Option<PaymentMethod>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let is_new = method.is_none();
    let (kind0, iban0, bic0, holder0, bank0, detail0) = match method.as_ref().map(|m| &m.kind) {
        Some(PaymentMethodKind::BankTransfer {
            iban,
            bic,
            holder,
            bank,
        }) => (
            "bank",
            iban.clone(),
            bic.clone(),
            holder.clone(),
            bank.clone(),
            String::new(),
        ),
        Some(PaymentMethodKind::CardLink { url }) => (
            "card",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            url.clone(),
        ),
        Some(PaymentMethodKind::PayPal { address }) => (
            "paypal",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            address.clone(),
        ),
        Some(PaymentMethodKind::Bizum { phone }) => (
            "bizum",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            phone.clone(),
        ),
        Some(PaymentMethodKind::Cash) => (
            "cash",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
        Some(PaymentMethodKind::DirectDebit { note }) => (
            "other",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            note.clone(),
        ),
        Some(PaymentMethodKind::Other { text }) => (
            "other",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            text.clone(),
        ),
        None => (
            "bank",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
    };
    let kind = RwSignal::new(kind0.to_string());
    let label = RwSignal::new(method.as_ref().map(|m| m.label.clone()).unwrap_or_default());
    let iban = RwSignal::new(iban0);
    let bic = RwSignal::new(bic0);
    let holder = RwSignal::new(holder0);
    let bank = RwSignal::new(bank0);
    let detail = RwSignal::new(detail0);
    let message = RwSignal::new(None::<Result<String, String>>);
    let id = StoredValue::new(method.map(|m| m.id).unwrap_or_else(new_id));
    let build = move |lang: Lang| -> Result<PaymentMethodKind, String> {
        Ok(match kind.get_untracked().as_str() {
            "bank" => {
                let iban =
                    validate_iban(&iban.get_untracked()).map_err(|e| invoicing::iban_error(&e, lang))?;
                let bic_text = bic.get_untracked();
                let bic = if bic_text.trim().is_empty() {
                    String::new()
                } else {
                    validate_bic(&bic_text).map_err(|e| invoicing::bic_error(&e, lang))?
                };
                PaymentMethodKind::BankTransfer {
                    iban,
                    bic,
                    holder: holder.get_untracked().trim().into(),
                    bank: bank.get_untracked().trim().into(),
                }
            }
            "card" => PaymentMethodKind::CardLink {
                url: detail.get_untracked().trim().into(),
            },
            "paypal" => PaymentMethodKind::PayPal {
                address: detail.get_untracked().trim().into(),
            },
            "bizum" => PaymentMethodKind::Bizum {
                phone: detail.get_untracked().trim().into(),
            },
            "cash" => PaymentMethodKind::Cash,
            _ => PaymentMethodKind::Other {
                text: detail.get_untracked().trim().into(),
            },
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        let built = build(lang);
        let kind_value = match built {
            Ok(k) => k,
            Err(e) => {
                message.set(Some(Err(e)));
                return;
            }
        };
        let label_text = match label.get_untracked().trim() {
            "" => kind_name(&kind.get_untracked(), t).to_string(),
            l => l.to_string(),
        };
        let record = PaymentMethod {
            id: id.get_value(),
            label: label_text,
            kind: kind_value,
            updated_at: clock::now(),
        };
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.save(&record).await.map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(()) => {
                    message.try_set(Some(Ok(t.saved.into())));
                    if is_new {
                        // The saved method appears in the list above; this form starts a new one.
                        id.set_value(new_id());
                        label.set(String::new());
                        iban.set(String::new());
                        bic.set(String::new());
                        holder.set(String::new());
                        bank.set(String::new());
                        detail.set(String::new());
                    }
                }
                Err(e) => {
                    message.try_set(Some(Err(e)));
                }
            }
        });
    };
    let is_bank = move || kind.get() == "bank";
    view! {
        <form class="form method-form" data-method=move || if is_new { "new".to_string() } else { id.get_value() } on:submit=save novalidate>
            <fieldset>
                <legend>{move || if is_new { invoicing::texts(i18n.lang.get()).add_method.to_string() } else { label.get() }}</legend>
                <label class="field">
                    <span class="field-label">{tr(|t| t.kind)}</span>
                    <select class="method-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {KINDS.map(|k| view! {
                            <option value=k prop:selected=move || kind.get() == k>
                                {move || kind_name(k, invoicing::texts(i18n.lang.get()))}
                            </option>
                        })}
                    </select>
                </label>
                <Field label=tr(|t| t.method_label) value=label />
                <When
                    when=is_bank
                    fallback=move || view! {
                        <When when=move || kind.get() != "cash">
                            <Field label=tr(|t| t.detail) value=detail />
                        </When>
                    }
                >
                    <label class="field">
                        <span class="field-label">{tr(|t| t.iban)}</span>
                        <input type="text" class="method-iban" bind:value=iban />
                    </label>
                    <Field label=tr(|t| t.bic) value=bic />
                    <Field label=tr(|t| t.holder) value=holder />
                    <Field label=tr(|t| t.bank) value=bank />
                </When>
                {move || message.get().map(|m| match m {
                    Ok(text) => view! { <p class="save-state wide" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error wide method-error" role="alert">{text}</p> }.into_any(),
                })}
                <div class="actions wide">
                    <button type="submit" class="method-save">{tr(|t| t.save)}</button>
                </div>
            </fieldset>
        </form>
    }
}

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
use cobro_core::payment_info::{validate_bic, validate_iban};
use cobro_core::{Lang, PaymentMethod, PaymentMethodKind};
use leptos::prelude::*;

/// Which kind of payment method the form describes: one variant per kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum MethodKind {
    #[default]
    BankTransfer,
    CardLink,
    PayPal,
    Bizum,
    Cash,
    DirectDebit,
    Other,
}

impl MethodKind {
    const ALL: [Self; 7] = [
        Self::BankTransfer,
        Self::CardLink,
        Self::PayPal,
        Self::Bizum,
        Self::Cash,
        Self::DirectDebit,
        Self::Other,
    ];

    fn of(kind: &PaymentMethodKind) -> Self {
        match kind {
            PaymentMethodKind::BankTransfer { .. } => Self::BankTransfer,
            PaymentMethodKind::CardLink { .. } => Self::CardLink,
            PaymentMethodKind::PayPal { .. } => Self::PayPal,
            PaymentMethodKind::Bizum { .. } => Self::Bizum,
            PaymentMethodKind::Cash => Self::Cash,
            PaymentMethodKind::DirectDebit { .. } => Self::DirectDebit,
            PaymentMethodKind::Other { .. } => Self::Other,
        }
    }

    /// The `<option>` value (the record's serde tag).
    fn slug(self) -> &'static str {
        match self {
            Self::BankTransfer => "bank_transfer",
            Self::CardLink => "card_link",
            Self::PayPal => "pay_pal",
            Self::Bizum => "bizum",
            Self::Cash => "cash",
            Self::DirectDebit => "direct_debit",
            Self::Other => "other",
        }
    }

    fn from_slug(s: &str) -> Self {
        Self::ALL.into_iter().find(|k| k.slug() == s).unwrap_or_default()
    }

    fn name(self, t: &invoicing::T) -> &'static str {
        match self {
            Self::BankTransfer => t.bank_transfer,
            Self::CardLink => t.card_link,
            Self::PayPal => t.paypal,
            Self::Bizum => t.bizum,
            Self::Cash => t.cash,
            Self::DirectDebit => t.direct_debit,
            Self::Other => t.other,
        }
    }
}

#[component]
pub(super) fn MethodForm(method: Option<PaymentMethod>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let is_new = method.is_none();
    let kind = RwSignal::new(
        method
            .as_ref()
            .map(|m| MethodKind::of(&m.kind))
            .unwrap_or_default(),
    );
    let (mut iban0, mut bic0, mut holder0, mut bank0, mut detail0) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    match method.as_ref().map(|m| &m.kind) {
        Some(PaymentMethodKind::BankTransfer {
            iban,
            bic,
            holder,
            bank,
        }) => {
            iban0 = cobro_core::payment_info::format_iban_groups(iban);
            bic0 = bic.clone();
            holder0 = holder.clone();
            bank0 = bank.clone();
        }
        Some(
            PaymentMethodKind::CardLink { url: d }
            | PaymentMethodKind::PayPal { address: d }
            | PaymentMethodKind::Bizum { phone: d }
            | PaymentMethodKind::DirectDebit { note: d }
            | PaymentMethodKind::Other { text: d },
        ) => detail0 = d.clone(),
        Some(PaymentMethodKind::Cash) | None => {}
    }
    let label = RwSignal::new(method.as_ref().map(|m| m.label.clone()).unwrap_or_default());
    let iban = RwSignal::new(iban0);
    let bic = RwSignal::new(bic0);
    let holder = RwSignal::new(holder0);
    let bank = RwSignal::new(bank0);
    let detail = RwSignal::new(detail0);
    let problems = Problems::new();
    let message = RwSignal::new(None::<String>);
    let archived = method.as_ref().is_some_and(|m| m.archived);
    let hook = StoredValue::new(method.as_ref().map_or("new".to_string(), |m| m.id.clone()));
    let hook = move |field: &str| hook.with_value(|h| format!("method-{h}-{field}"));
    let id = StoredValue::new(method.map(|m| m.id).unwrap_or_else(new_id));
    // Every problem at its field at once (the core's checks of the method).
    let build = move |lang: Lang| -> Result<PaymentMethodKind, Vec<(String, String)>> {
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        let mut found = Vec::new();
        let kind = match kind.get_untracked() {
            MethodKind::BankTransfer => {
                let iban = validate_iban(&iban.get_untracked()).unwrap_or_else(|e| {
                    found.push(("kind.iban".into(), invoicing::iban_error(&e, lang)));
                    String::new()
                });
                let bic_text = bic.get_untracked();
                let bic = if bic_text.trim().is_empty() {
                    String::new()
                } else {
                    validate_bic(&bic_text).unwrap_or_else(|e| {
                        found.push(("kind.bic".into(), invoicing::bic_error(&e, lang)));
                        String::new()
                    })
                };
                PaymentMethodKind::BankTransfer {
                    iban,
                    bic,
                    holder: text(holder),
                    bank: text(bank),
                }
            }
            MethodKind::CardLink => PaymentMethodKind::CardLink { url: text(detail) },
            MethodKind::PayPal => PaymentMethodKind::PayPal {
                address: text(detail),
            },
            MethodKind::Bizum => PaymentMethodKind::Bizum { phone: text(detail) },
            MethodKind::Cash => PaymentMethodKind::Cash,
            MethodKind::DirectDebit => PaymentMethodKind::DirectDebit { note: text(detail) },
            MethodKind::Other => PaymentMethodKind::Other { text: text(detail) },
        };
        if found.is_empty() {
            Ok(kind)
        } else {
            Err(found)
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        message.set(None);
        let kind_value = match build(lang) {
            Ok(k) => {
                problems.clear();
                k
            }
            Err(found) => {
                problems.set(found);
                return;
            }
        };
        let label_text = match label.get_untracked().trim() {
            "" => kind.get_untracked().name(t).to_string(),
            l => l.to_string(),
        };
        let record = PaymentMethod {
            id: id.get_value(),
            label: label_text,
            kind: kind_value,
            archived,
            updated_at: clock::now(),
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
                    <select class="method-kind" on:change=move |ev| kind.set(MethodKind::from_slug(&event_target_value(&ev)))>
                        {MethodKind::ALL.map(|k| view! {
                            <option value=k.slug() prop:selected=move || kind.get() == k>
                                {move || k.name(invoicing::texts(i18n.lang.get()))}
                            </option>
                        })}
                    </select>
                </label>
                <CheckedField label=tr(|t| t.method_label) value=label id=hook("label") path="label" problems=problems />
                <When
                    when=is_bank
                    fallback=move || view! {
                        <When when=move || kind.get() != MethodKind::Cash>
                            <CheckedField label=tr(|t| t.detail) value=detail id=hook("detail") path="kind.detail" problems=problems />
                        </When>
                    }
                >
                    <label class="field" class:invalid=move || problems.at("kind.iban").is_some()>
                        <span class="field-label">{tr(|t| t.iban)}</span>
                        <input
                            type="text"
                            class="method-iban"
                            aria-invalid=move || problems.at("kind.iban").is_some().to_string()
                            prop:value=move || iban.get()
                            on:input=move |ev| {
                                iban.set(event_target_value(&ev));
                                problems.forget("kind.iban");
                            }
                        />
                        {move || problems.at("kind.iban").map(|m| view! { <span class="field-error method-error" role="alert">{m}</span> })}
                    </label>
                    <CheckedField label=tr(|t| t.bic) value=bic id=hook("bic") path="kind.bic" problems=problems />
                    <CheckedField label=tr(|t| t.holder) value=holder id=hook("holder") path="kind.holder" problems=problems />
                    <CheckedField label=tr(|t| t.bank) value=bank id=hook("bank") path="kind.bank" problems=problems />
                </When>
                {move || problems.at("").map(|text| view! { <p class="form-error wide method-error" role="alert">{text}</p> })}
                {move || message.get().map(|text| view! { <p class="save-state wide" role="status">{text}</p> })}
                <div class="actions wide">
                    <button type="submit" class="method-save">{tr(|t| t.save)}</button>
                </div>
            </fieldset>
        </form>
    }
}

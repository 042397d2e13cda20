//! Labelled form controls (every control has a visible label) and the small
//! helpers the invoicing screens share: translated labels, parsing typed numbers.

use crate::i18n::invoicing::{self, T};
use crate::i18n::use_i18n;
use cobro_core::money;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// A translated invoicing string as a signal (follows the language switch).
pub fn tr(pick: fn(&T) -> &'static str) -> Signal<&'static str> {
    let i18n = use_i18n();
    Signal::derive(move || pick(invoicing::texts(i18n.lang.get())))
}

/// A text input with its label (a field of a record the core checks is a
/// `components::forms::CheckedField`, with the core's problems under it).
#[component]
pub fn Field(
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    /// Stable hook for tests.
    #[prop(optional)]
    id: Option<&'static str>,
    /// `text`, `email`, `date`, `tel`…
    #[prop(default = "text")]
    kind: &'static str,
    /// `decimal` or `numeric` for amounts and counts (phone keyboards).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// Shown but not editable (e.g. a series format once documents use it).
    #[prop(optional)]
    disabled: bool,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{move || label.get()}</span>
            <input
                type=kind
                id=id
                inputmode=inputmode
                required=required
                disabled=disabled
                bind:value=value
            />
        </label>
    }
}

/// A multi-line text input with its label.
#[component]
pub fn Area(
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field wide">
            <span class="field-label">{move || label.get()}</span>
            <textarea id=id rows="3" bind:value=value></textarea>
        </label>
    }
}

/// A checkbox with its label.
#[component]
pub fn Check(
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<bool>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" id=id disabled=disabled bind:checked=value />
            <span>{move || label.get()}</span>
        </label>
    }
}

/// A typed number (Spanish or English style), or the plain-words reason it is not one.
pub fn number(label: &str, input: &str, lang: cobro_core::Lang) -> Result<Decimal, String> {
    money::parse_amount(input).map_err(|_| invoicing::not_a_number(label, input.trim(), lang))
}

/// Like [`number`], but an empty field is zero.
pub fn number_or_zero(label: &str, input: &str, lang: cobro_core::Lang) -> Result<Decimal, String> {
    if input.trim().is_empty() {
        Ok(Decimal::ZERO)
    } else {
        number(label, input, lang)
    }
}

/// A whole number of days.
pub fn days(label: &str, input: &str, lang: cobro_core::Lang) -> Result<u32, String> {
    input
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("{label}: {}", invoicing::texts(lang).not_a_whole_number))
}

/// A date from an `<input type="date">` ("" when empty or impossible).
pub fn date(input: &str) -> Option<chrono::NaiveDate> {
    crate::components::collections::shared::parse_iso(input)
}

/// How a stored decimal is shown back in an input (no trailing zeros beyond what was typed).
pub fn show(d: Decimal) -> String {
    // In the UI's language, without grouping, so that the value reads back unchanged.
    cobro_core::locale::input_decimal(d, use_i18n().lang.get_untracked())
}

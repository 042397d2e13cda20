//! Spanish/English switch; the choice is remembered on this device.

use crate::i18n::use_i18n;
use cobro_core::Lang;
use leptos::prelude::*;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        let lang = if event_target_value(&ev) == "en" {
            Lang::En
        } else {
            Lang::Es
        };
        i18n.set(lang);
    };
    view! {
        <label class="lang">
            <span class="visually-hidden">{move || i18n.t().language}</span>
            <select id="lang-switch" on:change=on_change prop:value=move || crate::i18n::code(i18n.lang.get())>
                <option value="es">"Español"</option>
                <option value="en">"English"</option>
            </select>
        </label>
    }
}

//! Settings (`#/settings`): the business profile printed on every invoice, the
//! payment methods offered (IBANs checked before they are ever printed), the
//! defaults of new documents, the collection policy's offsets, the numbering
//! series and the catalogue of items the line editor picks from; one file each.

mod catalogue;
mod general;
mod methods;
mod numbering;

use crate::components::page::Page;
use crate::components::with_data::WithData;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_settings) id="settings">
            <p class="lead">{move || crate::i18n::texts(i18n.lang.get()).settings_intro}</p>
            <WithData child=move |data| view! { <general::SettingsForm data=data.clone() /> <methods::Methods /> <numbering::Numbering /> <catalogue::Catalogue /> <crate::components::verifactu::settings::VerifactuSection /> } />
        </Page>
    }
}

//! The address a form shows for a party (street, postal code, city, country), as typed, with
//! the core's problems at `address.*`; the region, which no form shows, is kept as it was.

use super::{CheckedField, Problems};
use crate::components::invoicing::fields::tr;
use cobro_core::forms::AddressInput;
use cobro_core::validity::Text;
use leptos::prelude::*;

/// The address fields' signals.
#[derive(Clone, Copy)]
pub struct AddressFields {
    street: RwSignal<String>,
    postal: RwSignal<String>,
    city: RwSignal<String>,
    country: RwSignal<String>,
    region: StoredValue<String>,
}

impl AddressFields {
    pub fn new(a: AddressInput) -> Self {
        Self {
            street: RwSignal::new(a.street),
            postal: RwSignal::new(a.postal_code),
            city: RwSignal::new(a.city),
            country: RwSignal::new(a.country),
            region: StoredValue::new(a.region),
        }
    }

    /// What is typed now, for the core to build the record with.
    pub fn input(&self) -> AddressInput {
        AddressInput {
            street: self.street.get_untracked(),
            postal_code: self.postal.get_untracked(),
            city: self.city.get_untracked(),
            region: self.region.get_value(),
            country: self.country.get_untracked(),
        }
    }
}

/// The four fields, `#<prefix>-street`, `-postal`, `-city` and `-country`.
#[component]
pub fn AddressInputs(fields: AddressFields, prefix: &'static str, problems: Problems) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}-{field}");
    view! {
        <CheckedField label=tr(|t| t.street) value=fields.street id=id("street") path="address.street" problems=problems limit=Text::Street />
        <CheckedField label=tr(|t| t.postal_code) value=fields.postal id=id("postal") path="address.postal_code" problems=problems limit=Text::PostalCode />
        <CheckedField label=tr(|t| t.city) value=fields.city id=id("city") path="address.city" problems=problems limit=Text::City />
        <CheckedField label=tr(|t| t.country) value=fields.country id=id("country") path="address.country" problems=problems limit=Text::Country />
    }
}

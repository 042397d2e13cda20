//! Builders the rule-area tests share, so a record's every field is spelt out in one place.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use cobro_core::{Address, Client, Lang};

/// A fixed instant for `updated_at` stamps.
pub fn stamp() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
}

/// A client paying at 30 days in euros, writing in `lang`, based in `country` ("" is Spain).
pub fn client(id: &str, name: &str, country: &str, lang: Lang) -> Client {
    Client {
        id: id.into(),
        legal_name: name.into(),
        tax_id: format!("NIF-{id}"),
        address: Address {
            country: country.into(),
            ..Address::default()
        },
        ap_contact_name: String::new(),
        ap_contact_email: String::new(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec![],
        currency: "EUR".into(),
        language: lang,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        updated_at: stamp(),
    }
}

//! Clients: the searchable list with what each owes (`#/clients`, archived ones in their own
//! view), the form (`#/clients/new`, `#/clients/<id>/edit`) with the payment instructions the
//! client gave, and the whole relationship on one page (`#/clients/<id>`); one file each.

mod form;
mod list;
mod view;

use crate::platform::clock;
use crate::platform::route::use_rest;
use chrono::Days;
use cobro_core::ledger::Ledger;
use cobro_core::money::format_amount;
use cobro_core::report::{self, ClientStats, PerCurrency, Period};
use cobro_core::{Dataset, Lang};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn ClientsPage() -> impl IntoView {
    let rest = use_rest();
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => view! { <form::ClientEditor id=None /> }.into_any(),
            [id, edit] if edit == "edit" => view! { <form::ClientEditor id=Some(id.clone()) /> }.into_any(),
            [id] => view! { <view::ClientView id=id.clone() /> }.into_any(),
            _ => view! { <list::ClientList /> }.into_any(),
        }
    }
}

/// Per-client figures over the last year, as of today.
fn stats(data: &Dataset) -> BTreeMap<String, ClientStats> {
    let today = clock::today();
    let from = today.checked_sub_days(Days::new(365)).unwrap_or(today);
    let ledger = Ledger::new(data);
    let mut by_id = BTreeMap::new();
    if let Ok(r) = report::report(&ledger, today, Period { from, to: today }) {
        // Inserted one by one: `collect` into a map would sort first, with one more
        // copy of the sort routine in the download for this one element type.
        for c in r.clients {
            by_id.insert(c.client_id.to_string(), c);
        }
    }
    by_id
}

fn amounts(map: &PerCurrency, lang: Lang) -> String {
    if map.is_empty() {
        return "—".into();
    }
    map.iter()
        .map(|(c, d)| format_amount(*d, c, lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

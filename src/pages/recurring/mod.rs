//! Recurring invoices: routes `#/recurring` (the drafts to issue and the schedules),
//! `#/recurring/new` (a new schedule), `#/recurring/new/<invoice id>` ("make recurring" from
//! an invoice) and `#/recurring/<id>` (edit) to the screen that shows each. The catch-up that
//! makes the drafts runs when Cobro opens ([`opening`]); the client's page lists its schedules
//! with [`client::ClientSchedules`], and the agenda the drafts waiting with
//! [`agenda::ToIssueOnAgenda`].

pub mod agenda;
pub mod client;
mod editor;
mod list;
pub mod opening;

use crate::platform::route::use_rest;
use leptos::prelude::*;

#[component]
pub fn RecurringPage() -> impl IntoView {
    let rest = use_rest();
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => view! { <editor::ScheduleEditor id=None from=None /> }.into_any(),
            [new, invoice] if new == "new" => {
                view! { <editor::ScheduleEditor id=None from=Some(invoice.clone()) /> }.into_any()
            }
            [id] => view! { <editor::ScheduleEditor id=Some(id.clone()) from=None /> }.into_any(),
            _ => view! { <list::RecurringList /> }.into_any(),
        }
    }
}

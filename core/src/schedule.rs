//! Follow-up schedule: the collection policy applied to one invoice, and how facts change it.
// CONTRACT (helper C implements): keep `plan`'s name and signature; add the rest.

use crate::model::{CollectionPolicy, FollowUpStep, Id, Invoice, Stamp};
use chrono::NaiveDate;

/// The steps of an invoice sent on `sent_on` under `policy`.
pub fn plan(
    inv: &Invoice,
    sent_on: NaiveDate,
    policy: &CollectionPolicy,
    new_id: &mut dyn FnMut() -> Id,
    now: Stamp,
) -> Vec<FollowUpStep> {
    let _ = (inv, sent_on, policy, new_id, now);
    todo!()
}

//! Acting on an invoice's follow-up as a whole, from the agenda's card: putting the invoice
//! off. One readwrite transaction, the current step worked out again inside it from the
//! family's facts (`cobro_core::follow_up`), so a card shown before another tab's write acts
//! on what is true now or on nothing.

use super::error::OpError;
use super::keys::*;
use super::packs::Packs;
use super::Db;
use chrono::NaiveDate;
use cobro_core::follow_up::{self, StepRef};
use cobro_core::pack::upsert_by_id;
use cobro_core::{schedule, AppSettings, Client, FollowUpStep, Id, Stamp};

impl Db {
    /// Put the invoice whose card showed `shown` (on `today`) off until `to`: every open step
    /// of its current part of the follow-up before `to` moves to `to`, a derived step is stored
    /// on `to`. Nothing changes when the invoice's current step is no longer the one shown.
    pub async fn snooze_invoice(
        &self,
        invoice_id: &str,
        shown: &StepRef,
        to: NaiveDate,
        today: NaiveDate,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<Vec<FollowUpStep>, OpError> {
        let tx = self.write(&[PACKS, META])?;
        let mut packs = Packs::new(&tx);
        let mut fam = packs.family(invoice_id).await?;
        let Some(client_id) = fam.invoice().map(|i| i.client_id.clone()) else {
            return Err(OpError::NotFound {
                what: "invoice",
                id: invoice_id.to_string(),
            });
        };
        let client: Option<Client> = packs.own(&client_id).await?;
        let settings: AppSettings = tx.get(META, META_SETTINGS).await?.unwrap_or_default();
        let policy = match &client {
            Some(c) => schedule::effective_policy(&settings.policy, c).clone(),
            None => settings.policy.clone(),
        };
        let moved = follow_up::with_family(&fam, |facts| {
            match follow_up::current(facts, &policy, today).filter(|c| c.matches(shown)) {
                Some(current) => schedule::snooze_invoice(facts, &current, to, today, new_id, now),
                None => Ok(Vec::new()),
            }
        })
        .unwrap_or(Ok(Vec::new()))?;
        if moved.is_empty() {
            return Ok(moved);
        }
        for s in &moved {
            upsert_by_id(&mut fam.steps, s);
        }
        packs.put_family(fam)?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(moved)
    }
}

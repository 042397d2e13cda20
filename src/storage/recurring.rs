//! Recurring invoices against the database: saving a schedule (new, or an edit that applies to
//! the invoices not made yet), pausing, resuming, ending, and the catch-up that runs when Cobro
//! opens.
//!
//! The catch-up is one readwrite transaction: it reads every schedule, the clients and the
//! families of the drafts it would make, asks the core (`recurring::catch_up`), and writes the
//! drafts with each schedule's advanced cursor. Two tabs opening at once both run it, and
//! IndexedDB runs readwrite transactions over the same store one after the other: the second
//! reads the cursor the first moved and makes nothing. A restore that brings an older cursor
//! back finds the drafts by their ids (schedule + date) and skips them.

use super::error::{OpError, StorageError};
use super::keys::PACKS;
use super::packs::Packs;
use super::Db;
use chrono::NaiveDate;
use cobro_core::recurring::{self, RecurringError, ScheduleProblem};
use cobro_core::{Client, Id, Invoice, NumberingSeries, RecurringSchedule, Stamp};
use std::collections::HashSet;
use thiserror::Error;

/// Why a schedule change did not happen (nothing was written).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ScheduleOpError {
    #[error(transparent)]
    Op(#[from] OpError),
    /// The schedule as given cannot make invoices; every reason is listed.
    #[error("the schedule cannot be saved: {}", list(.0))]
    Invalid(Vec<ScheduleProblem>),
}

fn list(problems: &[ScheduleProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<StorageError> for ScheduleOpError {
    fn from(e: StorageError) -> Self {
        Self::Op(e.into())
    }
}

fn not_found(what: &'static str, id: &str) -> OpError {
    OpError::NotFound {
        what,
        id: id.to_string(),
    }
}

/// What a catch-up made.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaughtUp {
    /// The new drafts, oldest first.
    pub drafts: Vec<Invoice>,
    /// Those of them whose schedule issues on opening, in the order to issue them (by date,
    /// so their numbers follow their dates).
    pub to_issue: Vec<Id>,
    /// Schedules that could not make their drafts (their client is gone), left as they were.
    pub skipped: Vec<RecurringError>,
}

impl Db {
    /// Save a schedule from its form: a new one as given (it makes the drafts of any dates
    /// already past at the next catch-up), or an edit that applies from `today` on and keeps
    /// the count and the cursor (`recurring::edit`). Refused when the core's check finds a
    /// problem, or its client or series does not exist.
    pub async fn save_schedule(
        &self,
        form: &RecurringSchedule,
        today: NaiveDate,
        now: Stamp,
    ) -> Result<RecurringSchedule, ScheduleOpError> {
        let problems = recurring::check(form);
        if !problems.is_empty() {
            return Err(ScheduleOpError::Invalid(problems));
        }
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        if packs.own::<Client>(&form.client_id).await?.is_none() {
            return Err(not_found("client", &form.client_id).into());
        }
        if packs.own::<NumberingSeries>(&form.series_id).await?.is_none() {
            return Err(not_found("numbering series", &form.series_id).into());
        }
        let saved = match packs.own::<RecurringSchedule>(&form.id).await? {
            Some(old) => recurring::edit(&old, form, today, now),
            None => RecurringSchedule {
                made: 0,
                done_through: None,
                paused: false,
                updated_at: now,
                ..form.clone()
            },
        };
        packs.put_own(saved.clone()).await?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(saved)
    }

    /// Stop making invoices until resumed.
    pub async fn pause_schedule(&self, id: &str, now: Stamp) -> Result<RecurringSchedule, OpError> {
        self.change_schedule(id, |s| recurring::pause(s, now)).await
    }

    /// Make invoices again from `today` on (the dates passed while paused are skipped).
    pub async fn resume_schedule(
        &self,
        id: &str,
        today: NaiveDate,
        now: Stamp,
    ) -> Result<RecurringSchedule, OpError> {
        self.change_schedule(id, |s| recurring::resume(s, today, now))
            .await
    }

    /// Make no invoice dated after `today`.
    pub async fn end_schedule(
        &self,
        id: &str,
        today: NaiveDate,
        now: Stamp,
    ) -> Result<RecurringSchedule, OpError> {
        self.change_schedule(id, |s| recurring::end(s, today, now)).await
    }

    /// Read a schedule, change it with the core and write it back, in one transaction.
    async fn change_schedule(
        &self,
        id: &str,
        change: impl FnOnce(&RecurringSchedule) -> RecurringSchedule,
    ) -> Result<RecurringSchedule, OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let old: RecurringSchedule = packs
            .own(id)
            .await?
            .ok_or_else(|| not_found("recurring invoice", id))?;
        let changed = change(&old);
        packs.put_own(changed.clone()).await?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(changed)
    }

    /// Make the drafts every schedule owes on `today` (see the module documentation), in one
    /// transaction. Nothing is written when nothing is due.
    pub async fn catch_up(&self, today: NaiveDate, now: Stamp) -> Result<CaughtUp, OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let schedules: Vec<RecurringSchedule> = packs.all().await?;
        let mut out = CaughtUp::default();
        let mut issue_now: Vec<(NaiveDate, Id)> = Vec::new();
        for s in schedules {
            let due = recurring::due(&s, today);
            if due.is_empty() {
                continue;
            }
            let Some(client) = packs.own::<Client>(&s.client_id).await? else {
                out.skipped.push(RecurringError::NoClient {
                    schedule: s.id.clone(),
                });
                continue;
            };
            // A date whose draft exists (this very catch-up in another tab, or a restore that
            // brought an older cursor back) is not made again.
            let mut existing: HashSet<Id> = HashSet::new();
            for date in &due {
                let id = recurring::draft_id(&s.id, *date);
                if !packs.family(&id).await?.invoices.is_empty() {
                    existing.insert(id);
                }
            }
            let run = recurring::catch_up(&s, &client, today, now, &|id| existing.contains(id));
            for draft in run.drafts {
                let mut family = packs.family(&draft.id).await?;
                family.invoices.push(draft.clone());
                packs.put_family(family)?;
                if s.issue_on_open {
                    issue_now.push((draft.issue_date, draft.id.clone()));
                }
                out.drafts.push(draft);
            }
            packs.put_own(run.schedule).await?;
        }
        let written = packs.finish()?;
        if written.changes.is_empty() {
            // Nothing due: nothing to commit, nobody to tell.
            return Ok(out);
        }
        self.commit(tx, written).await?;
        out.drafts
            .sort_by(|a, b| a.issue_date.cmp(&b.issue_date).then(a.id.cmp(&b.id)));
        issue_now.sort();
        out.to_issue = issue_now.into_iter().map(|(_, id)| id).collect();
        Ok(out)
    }

    /// Issue the drafts `ids` in this order through the one issuing operation
    /// ([`Db::issue_invoice`]: its number and its VERI*FACTU billing record in one transaction
    /// each), stopping at the first refusal: later drafts would take numbers before its date.
    /// Returns how many were issued, and the refusal if there was one.
    pub async fn issue_in_order(&self, ids: &[Id], now: Stamp) -> (usize, Option<OpError>) {
        for (done, id) in ids.iter().enumerate() {
            if let Err(e) = self.issue_invoice(id, now).await {
                return (done, Some(e));
            }
        }
        (ids.len(), None)
    }
}

//! A read-only index over a [`Dataset`]: the joins every screen, report and
//! check needs (payments, credit notes and steps of an invoice; a client by id),
//! built once in O(n) so that nothing downstream scans the whole dataset per invoice.

use crate::lifecycle::{self, Balance, InvoiceStatus};
use crate::model::{Client, CreditNote, Dataset, FollowUpStep, Invoice, Payment};
use crate::money::MoneyError;
use chrono::NaiveDate;
use std::collections::HashMap;

pub struct Ledger<'a> {
    pub data: &'a Dataset,
    clients: HashMap<&'a str, &'a Client>,
    invoices: HashMap<&'a str, &'a Invoice>,
    payments: HashMap<&'a str, Vec<&'a Payment>>,
    credit_notes: HashMap<&'a str, Vec<&'a CreditNote>>,
    steps: HashMap<&'a str, Vec<&'a FollowUpStep>>,
}

impl<'a> Ledger<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        fn group<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, Vec<&'a T>> {
            let mut map: HashMap<&str, Vec<&T>> = HashMap::new();
            for it in items {
                map.entry(key(it)).or_default().push(it);
            }
            map
        }
        Self {
            data,
            clients: data.clients.iter().map(|c| (c.id.as_str(), c)).collect(),
            invoices: data.invoices.iter().map(|i| (i.id.as_str(), i)).collect(),
            payments: group(&data.payments, |p| p.invoice_id.as_str()),
            credit_notes: group(&data.credit_notes, |c| c.invoice_id.as_str()),
            steps: group(&data.steps, |s| s.invoice_id.as_str()),
        }
    }

    pub fn client(&self, id: &str) -> Option<&'a Client> {
        self.clients.get(id).copied()
    }

    pub fn invoice(&self, id: &str) -> Option<&'a Invoice> {
        self.invoices.get(id).copied()
    }

    pub fn payments_of(&self, invoice_id: &str) -> &[&'a Payment] {
        self.payments.get(invoice_id).map_or(&[], Vec::as_slice)
    }

    pub fn credit_notes_of(&self, invoice_id: &str) -> &[&'a CreditNote] {
        self.credit_notes.get(invoice_id).map_or(&[], Vec::as_slice)
    }

    pub fn steps_of(&self, invoice_id: &str) -> &[&'a FollowUpStep] {
        self.steps.get(invoice_id).map_or(&[], Vec::as_slice)
    }

    pub fn balance(&self, inv: &Invoice) -> Result<Balance, MoneyError> {
        lifecycle::balance(inv, self.payments_of(&inv.id), self.credit_notes_of(&inv.id))
    }

    pub fn status(&self, inv: &Invoice, today: NaiveDate) -> Result<InvoiceStatus, MoneyError> {
        Ok(lifecycle::status(inv, &self.balance(inv)?, today))
    }
}

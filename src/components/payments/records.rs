//! The invoice's records copied out of the app's data for the core's payment rules, which
//! the forms ask while the user types (the storage operation asks again inside its write).

use cobro_core::corrections::InvoiceRecords;
use cobro_core::{CreditNote, Dataset, FollowUpStep, Invoice, Payment};

/// One invoice with its payments (voided ones too), credit notes and steps.
pub(super) struct Owned {
    pub invoice: Invoice,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNote>,
    pub steps: Vec<FollowUpStep>,
}

impl Owned {
    pub fn of(data: &Dataset, invoice_id: &str) -> Option<Self> {
        let invoice = data.invoices.iter().find(|i| i.id == invoice_id)?.clone();
        let mine = |id: &str| id == invoice_id;
        Some(Self {
            invoice,
            payments: data
                .payments
                .iter()
                .filter(|p| mine(&p.invoice_id))
                .cloned()
                .collect(),
            credit_notes: data
                .credit_notes
                .iter()
                .filter(|c| mine(&c.invoice_id))
                .cloned()
                .collect(),
            steps: data
                .steps
                .iter()
                .filter(|s| mine(&s.invoice_id))
                .cloned()
                .collect(),
        })
    }

    pub fn records(&self) -> InvoiceRecords<'_> {
        InvoiceRecords {
            invoice: &self.invoice,
            payments: &self.payments,
            credit_notes: &self.credit_notes,
            steps: &self.steps,
        }
    }
}

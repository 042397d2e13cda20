//! What the collections screens ask about one invoice that no other module answers: the
//! ready-to-send text of its current step on a given day (in the client's language, with how
//! to pay), the facts and policy its follow-up is derived from, and the amount to suggest
//! when a payment comes in.

use crate::follow_up::{self, Facts};
use crate::ledger::Ledger;
use crate::lifecycle::{self, Balance};
use crate::model::{
    BusinessProfile, CollectionPolicy, Invoice, Lang, PaymentMethod, PaymentMethodKind, StepKind,
};
use crate::money::{self, MoneyError};
use crate::payment_info;
use crate::reminder_text::{self, Message, MessageContext, MessageKind};
use crate::tax;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The facts the follow-up of the invoice at `index` in `data.invoices` is derived from on
/// `today`, as the ledger holds them (no copy): what was owed and whether it was cancelled at
/// the end of that day (a payment or a credit note dated later did not exist yet).
pub fn facts<'l, 'a: 'l>(ledger: &'l Ledger<'a>, index: usize, today: NaiveDate) -> Option<Facts<'l>> {
    let invoice = ledger.data.invoices.get(index)?;
    let events = ledger.events().get(index).copied().unwrap_or_default();
    let owed = if events.last.is_none_or(|d| d <= today) {
        ledger
            .balance_ref(index)
            .and_then(|b| b.as_ref().ok())
            .map(|b| b.owed)
    } else {
        ledger
            .balance_on(index, today)
            .and_then(Result::ok)
            .map(|b| b.owed)
    };
    Some(Facts {
        invoice,
        steps: ledger.steps_of_index(index),
        contacts: ledger.contacts_of_index(index),
        owed,
        cancelled: events.cancelled_at(today),
    })
}

/// The policy of the invoice at `index`: its client's own, else the app's.
pub fn policy<'a>(ledger: &Ledger<'a>, index: usize) -> &'a CollectionPolicy {
    let settings = &ledger.data.settings.policy;
    match ledger.client_of_index(index) {
        Some(client) => crate::schedule::effective_policy(settings, client),
        None => settings,
    }
}

/// How to pay with each method, one line each, as a client reads it in an email.
pub fn payment_instructions(methods: &[&PaymentMethod], lang: Lang) -> String {
    let es = lang == Lang::Es;
    methods
        .iter()
        .map(|m| match &m.kind {
            PaymentMethodKind::BankTransfer {
                iban, bic, holder, ..
            } => {
                let mut line = format!(
                    "{} IBAN {}",
                    if es { "Transferencia:" } else { "Bank transfer:" },
                    payment_info::format_iban_groups(iban)
                );
                if !bic.trim().is_empty() {
                    line.push_str(&format!(" (BIC {})", bic.trim()));
                }
                if !holder.trim().is_empty() {
                    line.push_str(&format!(
                        ", {} {}",
                        if es { "titular" } else { "holder" },
                        holder.trim()
                    ));
                }
                line
            }
            PaymentMethodKind::CardLink { url } => {
                format!("{} {url}", if es { "Pago con tarjeta:" } else { "Card payment:" })
            }
            PaymentMethodKind::PayPal { address } => format!("PayPal: {address}"),
            PaymentMethodKind::Bizum { phone } => format!("Bizum: {phone}"),
            PaymentMethodKind::Cash => (if es { "Efectivo" } else { "Cash" }).to_string(),
            PaymentMethodKind::DirectDebit { note } => {
                format!("{} {note}", if es { "Domiciliación:" } else { "Direct debit:" })
                    .trim_end()
                    .to_string()
            }
            PaymentMethodKind::Other { text } => text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The email for a step of kind `kind` about the invoice at `index`, as it is true on `today`
/// ([`MessageKind::on_day`]): written in the client's language (Spanish when the client record
/// is missing), with the amount still owed, the invoice's payment methods, the reminders and
/// letter really sent, the open dispute and the promised date.
pub fn message_on(
    ledger: &Ledger,
    profile: &BusinessProfile,
    index: usize,
    kind: StepKind,
    today: NaiveDate,
) -> Option<(Message, Lang)> {
    let facts = facts(ledger, index, today)?;
    let inv: &Invoice = facts.invoice;
    let client = ledger.client_of_index(index);
    let lang = client.map_or(Lang::Es, |c| c.language);
    let owed = facts.owed.unwrap_or_default();
    let methods: Vec<&PaymentMethod> = inv
        .payment_method_ids
        .iter()
        .filter_map(|id| ledger.data.payment_methods.iter().find(|m| &m.id == id))
        .collect();
    let days_late = (today - inv.due_date).num_days();
    let reminders_sent = follow_up::reminders_sent(&facts);
    let ctx = MessageContext {
        business_name: profile.name.clone(),
        client_legal_name: client.map(|c| c.legal_name.clone()).unwrap_or_default(),
        ap_contact_name: client.map(|c| c.ap_contact_name.clone()).unwrap_or_default(),
        invoice_number: inv.number.clone().unwrap_or_default(),
        po_number: inv.po_number.clone(),
        // The amount with its symbol: the text appends `currency`, left empty on purpose.
        amount: money::format_amount(owed, &inv.currency, lang),
        currency: String::new(),
        issue_date: inv.issue_date,
        due_date: inv.due_date,
        days_late,
        promised_date: follow_up::promised_date(&facts, today),
        promise_broken: follow_up::promised_date(&facts, today)
            .filter(|d| *d < today && owed > Decimal::ZERO),
        part_paid: ledger
            .payments_of_index(index)
            .iter()
            .any(|p| p.date <= today && p.amount > Decimal::ZERO),
        payment_instructions: payment_instructions(&methods, lang),
        signature: String::new(),
        deadline_days: 0,
        reminders_sent,
        letter_sent: follow_up::letter_sent(&facts).filter(|d| *d <= today),
        dispute: lifecycle::current_dispute(inv).map(|d| (d.opened, d.reason.clone())),
        late_payment_claim: policy(ledger, index).late_payment_claim,
    };
    let kind = MessageKind::on_day(kind, days_late, reminders_sent);
    Some((reminder_text::message(kind, lang, &ctx), lang))
}

/// The amount to propose when a payment comes in on `date`: the early-payment amount when the
/// invoice offers one, nothing has been paid or credited yet and `date` is within the offer's
/// deadline (paying it settles the invoice); otherwise what is still owed.
pub fn suggested_payment(inv: &Invoice, balance: &Balance, date: NaiveDate) -> Result<Decimal, MoneyError> {
    if balance.paid.is_zero() && balance.credited.is_zero() {
        let totals = tax::invoice_totals(inv)?;
        if let Some(offer) = tax::early_payment_offer(inv, &totals)? {
            if date <= offer.deadline {
                return Ok(offer.amount);
            }
        }
    }
    Ok(balance.owed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    #[test]
    fn instructions_list_each_method_in_the_language() {
        let m = PaymentMethod {
            id: "m".into(),
            label: "Banco".into(),
            kind: PaymentMethodKind::BankTransfer {
                iban: "ES9121000418450200051332".into(),
                bic: "CAIXESBBXXX".into(),
                holder: "Ana Pérez".into(),
                bank: String::new(),
            },
            archived: false,
            updated_at: DateTime::<Utc>::default(),
        };
        let bizum = PaymentMethod {
            id: "b".into(),
            label: "Bizum".into(),
            kind: PaymentMethodKind::Bizum {
                phone: "600000000".into(),
            },
            archived: false,
            updated_at: DateTime::<Utc>::default(),
        };
        assert_eq!(
            payment_instructions(&[&m, &bizum], Lang::Es),
            "Transferencia: IBAN ES91 2100 0418 4502 0005 1332 (BIC CAIXESBBXXX), titular Ana Pérez\nBizum: 600000000"
        );
        assert!(payment_instructions(&[&m], Lang::En).starts_with("Bank transfer: IBAN ES91"));
    }
}

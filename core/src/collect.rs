//! What the collections screens ask about one invoice that no other module answers: the
//! ready-to-send text of a follow-up step (in the client's language, with how to pay), which
//! reminder a step is, and the amount to suggest when a payment comes in.

use crate::ledger::Ledger;
use crate::lifecycle::Balance;
use crate::model::{
    BusinessProfile, FollowUpStep, Invoice, Lang, PaymentMethod, PaymentMethodKind, StepKind,
};
use crate::money::{self, MoneyError};
use crate::payment_info;
use crate::reminder_text::{self, Message, MessageContext, MessageKind};
use crate::tax;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// 1 for the first reminder of an invoice, 2 for the second…: reminders are counted by due
/// date among the invoice's reminder steps (superseded ones included, so a snooze or a
/// promise never renumbers them). 0 for a step that is not a reminder.
pub fn reminder_ordinal(steps_of_invoice: &[&FollowUpStep], step: &FollowUpStep) -> u32 {
    if step.kind != StepKind::Reminder {
        return 0;
    }
    let planned = |s: &FollowUpStep| s.snoozed_from.unwrap_or(s.due);
    let before = steps_of_invoice
        .iter()
        .filter(|s| s.kind == StepKind::Reminder && s.id != step.id)
        .filter(|s| (planned(s), &s.id) < (planned(step), &step.id))
        .count();
    u32::try_from(before + 1).unwrap_or(u32::MAX)
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

/// The email for a follow-up step, written in the client's language (Spanish when the client
/// record is missing), with the amount still owed and the invoice's payment methods.
pub fn step_message(
    ledger: &Ledger,
    profile: &BusinessProfile,
    step: &FollowUpStep,
    today: NaiveDate,
) -> Option<(Message, Lang)> {
    let inv = ledger.invoice(&step.invoice_id)?;
    let client = ledger.client(&inv.client_id);
    let lang = client.map_or(Lang::Es, |c| c.language);
    let owed = ledger.balance(inv).map(|b| b.owed).unwrap_or_default();
    let methods: Vec<&PaymentMethod> = inv
        .payment_method_ids
        .iter()
        .filter_map(|id| ledger.data.payment_methods.iter().find(|m| &m.id == id))
        .collect();
    let promised_date = (step.kind == StepKind::PromiseCheck)
        .then(|| promised_date(ledger, inv))
        .flatten();
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
        days_late: (today - inv.due_date).num_days(),
        promised_date,
        payment_instructions: payment_instructions(&methods, lang),
        signature: String::new(),
        deadline_days: 0,
    };
    let ordinal = reminder_ordinal(ledger.steps_of(&inv.id), step);
    let kind = MessageKind::for_step(step.kind, ordinal);
    Some((reminder_text::message(kind, lang, &ctx), lang))
}

/// The date of the latest promise to pay logged for the invoice.
fn promised_date(ledger: &Ledger, inv: &Invoice) -> Option<NaiveDate> {
    ledger
        .data
        .contacts
        .iter()
        .filter(|c| c.invoice_id.as_deref() == Some(inv.id.as_str()))
        .filter_map(|c| match c.outcome {
            crate::model::Outcome::PromisedToPay { date } => Some((c.date, c.updated_at, date)),
            _ => None,
        })
        .max()
        .map(|(_, _, d)| d)
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
    use crate::model::{Channel, StepState};
    use chrono::{DateTime, Utc};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn step(id: &str, kind: StepKind, due: NaiveDate) -> FollowUpStep {
        FollowUpStep {
            id: id.into(),
            invoice_id: "i".into(),
            kind,
            due,
            channel: Channel::Email,
            state: StepState::Open,
            snoozed_from: None,
            updated_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn reminders_are_counted_by_their_planned_date() {
        let a = step("a", StepKind::Reminder, day(2026, 3, 8));
        let mut b = step("b", StepKind::Reminder, day(2026, 4, 30));
        b.snoozed_from = Some(day(2026, 3, 22));
        let c = step("c", StepKind::FormalLetter, day(2026, 4, 15));
        let all = [&a, &b, &c];
        assert_eq!(reminder_ordinal(&all, &a), 1);
        assert_eq!(reminder_ordinal(&all, &b), 2);
        assert_eq!(reminder_ordinal(&all, &c), 0);
    }

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

//! Ready-to-send texts for every contact of the follow-up schedule (practices
//! 2–4) and for the email that sends the invoice, in Spanish and English, so
//! that every client is chased with the same polite, complete wording: the
//! invoice number, the client's PO number when there is one, the amount, the
//! dates and how to pay. Also builds the `mailto:` link that opens them in the
//! user's mail program.
//!
//! Amounts arrive already formatted (`amount: "1.210,00"`): formatting money
//! belongs to the money module and the UI, not to the wording.
//!
//! **Every text is true on the day it is offered.** The text is chosen for the step *and the
//! day* ([`MessageKind::on_day`]): a due-day reminder opened a week late speaks of an overdue
//! invoice with its real days late, a pre-due contact on the due day is the due-day text, a
//! formal letter is never sent about an invoice that is not yet overdue. And no text claims
//! what did not happen: "second reminder" only after one was sent, "despite the reminders
//! sent" only when some were, "including a formal demand" only once the letter went out, the
//! late-payment law only where it applies (between businesses). A promise to pay that passed
//! unpaid is named in every later text about the lateness, so the client hears that it was
//! noticed.

use crate::model::{Lang, StepKind};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// Days a formal letter gives to pay when the context does not say.
pub const DEFAULT_DEADLINE_DAYS: u32 = 10;

/// Which text to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// The email that sends the invoice.
    InvoiceCover,
    ReceiptCheck,
    PreDue,
    DueDay,
    /// A reminder after the due date; `ordinal` 1 for the first, 2 for the second…
    Reminder {
        ordinal: u32,
    },
    FormalLetter,
    Escalation,
    PromiseCheck,
    /// After the policy's last step: the debt is still owed.
    Recontact,
    /// Where an open dispute stands.
    DisputeReview,
}

impl MessageKind {
    /// The text for a follow-up step of `kind` offered on a day when the invoice is
    /// `days_late` days past its due date (negative: days left), after `reminders_sent`
    /// reminders really went out (see the module doc):
    ///
    /// - sending the invoice: the cover email; a receipt check, a promise check, a dispute
    ///   review: their own text, whose wording follows the day;
    /// - any other step: the pre-due text before the due date, the due-day text on it, and
    ///   after it the step's own text (formal letter, escalation, re-contact) or, for the
    ///   gentle ones, the next reminder (`reminders_sent + 1`).
    pub fn on_day(kind: StepKind, days_late: i64, reminders_sent: u32) -> Self {
        let next_reminder = Self::Reminder {
            ordinal: reminders_sent.saturating_add(1),
        };
        match kind {
            StepKind::SendInvoice => return Self::InvoiceCover,
            StepKind::ReceiptCheck => return Self::ReceiptCheck,
            StepKind::PromiseCheck => return Self::PromiseCheck,
            StepKind::DisputeReview => return Self::DisputeReview,
            _ => {}
        }
        match days_late {
            i64::MIN..=-1 => Self::PreDue,
            0 => Self::DueDay,
            _ => match kind {
                StepKind::FormalLetter => Self::FormalLetter,
                StepKind::Escalation => Self::Escalation,
                StepKind::Recontact => Self::Recontact,
                _ => next_reminder,
            },
        }
    }
}

/// Everything a text may mention. Empty strings are left out gracefully.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessageContext {
    /// The sender's business name.
    pub business_name: String,
    pub client_legal_name: String,
    /// The client's accounts-payable contact; empty gives a neutral greeting.
    pub ap_contact_name: String,
    pub invoice_number: String,
    /// Mentioned only when not empty.
    pub po_number: String,
    /// What is owed, already formatted for the language ("1.210,00" / "1,210.00").
    pub amount: String,
    /// ISO 4217 code or symbol printed after the amount.
    pub currency: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// Days past the due date (reminders, letters).
    pub days_late: i64,
    /// The date the client promised to pay (promise check).
    pub promised_date: Option<NaiveDate>,
    /// The promised date, when it passed and the invoice is still owed: reminders, letters,
    /// escalations and re-contacts say the promise was not kept.
    pub promise_broken: Option<NaiveDate>,
    /// Part of the invoice was already paid: the promise check says so instead of "not
    /// received" (`amount` is what is still owed either way).
    pub part_paid: bool,
    /// How to pay, one item per line; printed as a block when not empty.
    pub payment_instructions: String,
    /// Name and details under the closing; the business name when empty.
    pub signature: String,
    /// Days given to pay in the formal letter and the escalation; [`DEFAULT_DEADLINE_DAYS`] when 0.
    pub deadline_days: u32,
    /// Reminders about the lateness really sent before this text.
    pub reminders_sent: u32,
    /// The day the formal letter went out, if it did.
    pub letter_sent: Option<NaiveDate>,
    /// The open dispute: when it was opened and why (the review text).
    pub dispute: Option<(NaiveDate, String)>,
    /// The late-payment law (Ley 3/2004) applies: a business client, and the policy claims it.
    pub late_payment_claim: bool,
}

/// An email: one-line subject and plain-text body (lines separated by `\n`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

pub use crate::locale::{month_abbr, year_text};

/// A date as people write it: `22/11/2026` in Spanish, `22 Nov 2026` in English.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    crate::locale::date(date, lang)
}

/// The text of `kind` in `lang` for the invoice described by `ctx`.
pub fn message(kind: MessageKind, lang: Lang, ctx: &MessageContext) -> Message {
    let w = Words::new(lang, ctx);
    let (subject, paragraphs, formal) = match lang {
        Lang::Es => spanish(kind, &w, ctx),
        Lang::En => english(kind, &w, ctx),
    };
    let mut body = greeting(lang, formal, &ctx.ap_contact_name);
    for p in paragraphs.iter().filter(|p| !p.is_empty()) {
        body.push_str("\n\n");
        body.push_str(p);
    }
    body.push_str("\n\n");
    body.push_str(closing(lang, formal, !ctx.ap_contact_name.trim().is_empty()));
    body.push('\n');
    body.push_str(if ctx.signature.trim().is_empty() {
        &ctx.business_name
    } else {
        ctx.signature.trim_end()
    });
    Message { subject, body }
}

/// The pieces every text reuses, already in the right language.
struct Words {
    /// "F2026-0001 (pedido n.º 4500)".
    reference: String,
    /// "1.210,00 EUR".
    amount: String,
    issued: String,
    due: String,
    /// "7 días" / "7 days".
    late: String,
    /// Past the due date on the day of the text.
    overdue: bool,
    /// The "how to pay" block, or empty.
    instructions: String,
    deadline: u32,
    promised: Option<String>,
    /// "The payment promised for … has not arrived", or empty.
    broken: String,
    /// The day the formal letter went out.
    letter: Option<String>,
    /// When the open dispute was opened, and why.
    dispute: Option<(String, String)>,
}

impl Words {
    fn new(lang: Lang, ctx: &MessageContext) -> Self {
        let po = ctx.po_number.trim();
        let reference = match (po.is_empty(), lang) {
            (true, _) => ctx.invoice_number.clone(),
            (false, Lang::Es) => format!("{} (pedido n.º {po})", ctx.invoice_number),
            (false, Lang::En) => format!("{} (PO {po})", ctx.invoice_number),
        };
        let amount = format!("{} {}", ctx.amount, ctx.currency).trim().to_owned();
        let days = ctx.days_late.max(0);
        let late = match (lang, days) {
            (Lang::Es, 1) => "1 día".to_owned(),
            (Lang::Es, n) => format!("{n} días"),
            (Lang::En, 1) => "1 day".to_owned(),
            (Lang::En, n) => format!("{n} days"),
        };
        let instructions = ctx.payment_instructions.trim();
        let instructions = if instructions.is_empty() {
            String::new()
        } else {
            let title = match lang {
                Lang::Es => "Datos para el pago:",
                Lang::En => "Payment details:",
            };
            format!("{title}\n{instructions}")
        };
        Self {
            reference,
            amount,
            issued: format_date(ctx.issue_date, lang),
            due: format_date(ctx.due_date, lang),
            late,
            overdue: ctx.days_late > 0,
            instructions,
            deadline: if ctx.deadline_days == 0 {
                DEFAULT_DEADLINE_DAYS
            } else {
                ctx.deadline_days
            },
            promised: ctx.promised_date.map(|d| format_date(d, lang)),
            broken: ctx.promise_broken.map_or_else(String::new, |d| {
                let d = format_date(d, lang);
                match lang {
                    Lang::Es => format!("El pago que se comprometió a realizar el {d} no ha llegado."),
                    Lang::En => format!("The payment you promised for {d} has not arrived."),
                }
            }),
            letter: ctx.letter_sent.map(|d| format_date(d, lang)),
            dispute: ctx
                .dispute
                .as_ref()
                .map(|(d, reason)| (format_date(*d, lang), reason.trim().to_owned())),
        }
    }
}

type Parts = (String, Vec<String>, bool);

fn spanish(kind: MessageKind, w: &Words, ctx: &MessageContext) -> Parts {
    let Words {
        reference: r,
        amount: a,
        issued,
        due,
        late,
        instructions,
        deadline,
        overdue,
        ..
    } = w;
    let business = &ctx.business_name;
    let client = &ctx.client_legal_name;
    let reminded = ctx.reminders_sent > 0;
    match kind {
        MessageKind::InvoiceCover => (
            format!("Factura {r} de {business}"),
            vec![
                if *overdue {
                    format!("Le adjunto la factura {r}, con fecha {issued}, por un importe de {a}. Su vencimiento era el {due}, por lo que le agradecería que la tramitara para su pago a la mayor brevedad.")
                } else {
                    format!("Le adjunto la factura {r}, con fecha {issued}, por un importe de {a} y vencimiento el {due}.")
                },
                instructions.clone(),
                "Le agradecería que me confirmara su recepción. Si necesita cualquier otro dato para tramitarla, no dude en decírmelo.".into(),
            ],
            false,
        ),
        MessageKind::ReceiptCheck => (
            format!("Confirmación de recepción: factura {r}"),
            vec![
                if *overdue {
                    format!("Le escribo para confirmar que ha recibido correctamente la factura {r}, con fecha {issued}, por un importe de {a}. Venció el {due} y a día de hoy figura pendiente de pago, con {late} de retraso.")
                } else {
                    format!("Le escribo para confirmar que ha recibido correctamente la factura {r}, con fecha {issued}, por un importe de {a} y vencimiento el {due}.")
                },
                "¿Podría indicarme si ya está registrada para su pago y si necesitan algún dato más por mi parte?".into(),
                "Muchas gracias de antemano.".into(),
            ],
            false,
        ),
        MessageKind::PreDue => (
            format!("Próximo vencimiento de la factura {r} ({due})"),
            vec![
                format!("Le recuerdo que la factura {r}, por un importe de {a}, vence el próximo {due}."),
                "Le escribo con antelación por si necesitan algo de mi parte para incluirla en su próxima remesa de pagos.".into(),
                instructions.clone(),
                "Muchas gracias por su atención.".into(),
            ],
            false,
        ),
        MessageKind::DueDay => (
            format!("Vencimiento hoy: factura {r}"),
            vec![
                format!("Le recuerdo que hoy, {due}, vence la factura {r}, con un importe pendiente de {a}."),
                instructions.clone(),
                "Si ya ha realizado el pago, le ruego que no tenga en cuenta este mensaje. Muchas gracias.".into(),
            ],
            false,
        ),
        MessageKind::Reminder { ordinal } => {
            let first = ordinal <= 1;
            let title = match ordinal {
                0 | 1 => "Recordatorio".to_owned(),
                2 => "Segundo recordatorio".to_owned(),
                3 => "Tercer recordatorio".to_owned(),
                n => format!("Recordatorio n.º {n}"),
            };
            let opening = if first {
                format!("Según nuestros registros, la factura {r}, con vencimiento el {due}, sigue pendiente de pago: {a}, con {late} de retraso.")
            } else {
                format!("Le escribo de nuevo en relación con la factura {r}, vencida el {due}, que a día de hoy sigue pendiente de pago: {a}, con {late} de retraso.")
            };
            let ask = if first {
                "Le agradecería que revisara su estado y me indicara la fecha prevista de pago. Si ya se ha abonado, le ruego que me envíe el justificante para poder conciliarlo."
            } else {
                "Le ruego que proceda al pago a la mayor brevedad posible o, si existe algún inconveniente con la factura, que me lo indique para poder resolverlo cuanto antes."
            };
            (
                format!("{title}: factura {r} vencida"),
                vec![opening, w.broken.clone(), ask.into(), instructions.clone()],
                false,
            )
        }
        MessageKind::FormalLetter => (
            format!("Requerimiento formal de pago: factura {r}"),
            vec![
                format!(
                    "Por medio de la presente, y en nombre de {business}, le requiero formalmente el pago de la factura {r}, emitida el {issued} a {client} y vencida el {due}, cuyo importe pendiente asciende a {a}. A fecha de hoy acumula {late} de retraso{}.",
                    if reminded { ", pese a los recordatorios enviados" } else { "" }
                ),
                w.broken.clone(),
                format!("Le ruego que abone dicho importe en el plazo de {deadline} días naturales desde la recepción de esta comunicación."),
                instructions.clone(),
                if ctx.late_payment_claim {
                    "Le recuerdo que, conforme a la Ley 3/2004, de 29 de diciembre, por la que se establecen medidas de lucha contra la morosidad en las operaciones comerciales, el retraso en el pago devenga intereses de demora y da derecho a una indemnización por los costes de cobro. De no recibir el pago en el plazo indicado, me veré en la necesidad de reclamar la deuda por la vía legal.".into()
                } else {
                    "De no recibir el pago en el plazo indicado, me veré en la necesidad de reclamar la deuda por la vía legal.".into()
                },
                "Si ya ha realizado el pago, le ruego que me envíe el justificante y disculpe las molestias.".into(),
            ],
            true,
        ),
        MessageKind::Escalation => {
            let despite = match (&w.letter, reminded) {
                (Some(d), _) => format!("Pese a nuestras comunicaciones anteriores, incluido el requerimiento formal de pago del {d}, la factura"),
                (None, true) => "Pese a nuestras comunicaciones anteriores, la factura".to_owned(),
                (None, false) => "La factura".to_owned(),
            };
            (
                format!("Último aviso antes de la reclamación judicial: factura {r}"),
                vec![
                    format!("{despite} {r} a cargo de {client}, vencida el {due}, sigue pendiente: {a}, con {late} de retraso."),
                    w.broken.clone(),
                    format!("Antes de iniciar la reclamación judicial, le ofrezco la posibilidad de acordar un plan de pagos. Si le interesa, le ruego que me haga llegar en los próximos {deadline} días una propuesta con importes y fechas."),
                    if ctx.late_payment_claim {
                        "En caso contrario, procederé a reclamar la deuda por la vía judicial, junto con los intereses de demora y los costes de cobro previstos en la Ley 3/2004, de 29 de diciembre.".into()
                    } else {
                        "En caso contrario, procederé a reclamar la deuda por la vía judicial.".into()
                    },
                    instructions.clone(),
                ],
                true,
            )
        }
        MessageKind::PromiseCheck => {
            let when = w.promised.as_ref().map_or_else(|| "estos días".to_owned(), |d| format!("el {d}"));
            let state = if *overdue {
                format!("vencida el {due}")
            } else {
                format!("con vencimiento el {due}")
            };
            let opening = if ctx.part_paid {
                format!("Le escribo en relación con la factura {r}, {state}. Según lo acordado, el pago estaba previsto para {when}; he recibido una parte, pero siguen pendientes {a}.")
            } else {
                format!("Le escribo en relación con la factura {r}, {state}, por un importe de {a}. Según lo acordado, el pago estaba previsto para {when}, pero todavía no lo he recibido.")
            };
            (
                format!("Pago previsto de la factura {r}"),
                vec![
                    opening,
                    "¿Podría confirmarme si ya se ha realizado y, en ese caso, enviarme el justificante? Si ha surgido algún imprevisto, le agradecería que me indicara una nueva fecha.".into(),
                    instructions.clone(),
                ],
                false,
            )
        }
        MessageKind::Recontact => {
            let letter = w.letter.as_ref().map_or_else(String::new, |d| {
                format!("Le recuerdo que el {d} le remití un requerimiento formal de pago.")
            });
            (
                format!("Factura {r} pendiente de pago"),
                vec![
                    format!("Le escribo de nuevo en relación con la factura {r}, vencida el {due}, que a día de hoy sigue pendiente de pago: {a}, con {late} de retraso."),
                    w.broken.clone(),
                    letter,
                    "Le ruego que me indique cuándo podrá abonarla o, si le resulta más fácil, que me proponga un calendario de pagos.".into(),
                    instructions.clone(),
                ],
                false,
            )
        }
        MessageKind::DisputeReview => {
            let about = match &w.dispute {
                Some((d, reason)) if !reason.is_empty() => format!("la incidencia que nos comunicó el {d} ({reason})"),
                Some((d, _)) => format!("la incidencia que nos comunicó el {d}"),
                None => "la incidencia que nos comunicó".to_owned(),
            };
            let state = if *overdue {
                format!("vencida el {due}")
            } else {
                format!("con vencimiento el {due}")
            };
            (
                format!("Incidencia sobre la factura {r}"),
                vec![
                    format!("Le escribo en relación con {about} sobre la factura {r}, {state}, por un importe de {a}."),
                    "¿Podría indicarme en qué punto se encuentra su revisión y si necesita algo de mi parte? Me gustaría resolverla cuanto antes.".into(),
                ],
                false,
            )
        }
    }
}

fn english(kind: MessageKind, w: &Words, ctx: &MessageContext) -> Parts {
    let Words {
        reference: r,
        amount: a,
        issued,
        due,
        late,
        instructions,
        deadline,
        overdue,
        ..
    } = w;
    let business = &ctx.business_name;
    let client = &ctx.client_legal_name;
    let reminded = ctx.reminders_sent > 0;
    match kind {
        MessageKind::InvoiceCover => (
            format!("Invoice {r} from {business}"),
            vec![
                if *overdue {
                    format!("Please find attached invoice {r}, dated {issued}, for {a}. It was due on {due}, so I would be grateful if you could process it for payment as soon as possible.")
                } else {
                    format!("Please find attached invoice {r}, dated {issued}, for {a}, due on {due}.")
                },
                instructions.clone(),
                "I would be grateful if you could confirm that you have received it. If you need anything else to process it, please let me know.".into(),
            ],
            false,
        ),
        MessageKind::ReceiptCheck => (
            format!("Receipt of invoice {r}"),
            vec![
                if *overdue {
                    format!("I am writing to check that you have received invoice {r}, dated {issued}, for {a}. It was due on {due} and is now {late} overdue.")
                } else {
                    format!("I am writing to check that you have received invoice {r}, dated {issued}, for {a}, due on {due}.")
                },
                "Could you let me know whether it has been registered for payment and whether you need anything else from me?".into(),
                "Thank you in advance.".into(),
            ],
            false,
        ),
        MessageKind::PreDue => (
            format!("Invoice {r} falls due on {due}"),
            vec![
                format!("This is a friendly reminder that invoice {r}, for {a}, falls due on {due}."),
                "I am writing ahead of time in case you need anything from me to include it in your next payment run.".into(),
                instructions.clone(),
                "Thank you for your attention.".into(),
            ],
            false,
        ),
        MessageKind::DueDay => (
            format!("Invoice {r} is due today"),
            vec![
                format!("This is a reminder that invoice {r}, with {a} outstanding, is due today, {due}."),
                instructions.clone(),
                "If you have already paid, please disregard this message. Thank you.".into(),
            ],
            false,
        ),
        MessageKind::Reminder { ordinal } => {
            let first = ordinal <= 1;
            let title = match ordinal {
                0 | 1 => "Reminder".to_owned(),
                2 => "Second reminder".to_owned(),
                3 => "Third reminder".to_owned(),
                n => format!("Reminder no. {n}"),
            };
            let opening = if first {
                format!("According to our records, invoice {r}, due on {due}, remains unpaid: {a}, now {late} overdue.")
            } else {
                format!("I am writing again about invoice {r}, due on {due}, which is still unpaid: {a}, now {late} overdue.")
            };
            let ask = if first {
                "Could you please check its status and let me know when payment is scheduled? If it has already been paid, please send me the remittance details so that I can reconcile it."
            } else {
                "Please arrange payment as soon as possible or, if there is any issue with the invoice, let me know so that we can resolve it promptly."
            };
            (
                format!("{title}: invoice {r} is overdue"),
                vec![opening, w.broken.clone(), ask.into(), instructions.clone()],
                false,
            )
        }
        MessageKind::FormalLetter => (
            format!("Formal demand for payment: invoice {r}"),
            vec![
                format!(
                    "On behalf of {business}, I hereby formally request payment of invoice {r}, issued to {client} on {issued} and due on {due}, with {a} outstanding. {} now {late} overdue.",
                    if reminded { "Despite the reminders sent, it is" } else { "It is" }
                ),
                w.broken.clone(),
                format!("Please pay this amount within {deadline} calendar days of receiving this letter."),
                instructions.clone(),
                if ctx.late_payment_claim {
                    "Please note that under Spanish Law 3/2004 of 29 December on measures to combat late payment in commercial transactions, late payment accrues late-payment interest and entitles the creditor to compensation for recovery costs. If payment is not received within that period, I will have to pursue the debt through legal channels.".into()
                } else {
                    "If payment is not received within that period, I will have to pursue the debt through legal channels.".into()
                },
                "If you have already paid, please send me the proof of payment and accept my apologies for this letter.".into(),
            ],
            true,
        ),
        MessageKind::Escalation => {
            let despite = match (&w.letter, reminded) {
                (Some(d), _) => format!("Despite our previous correspondence, including a formal demand for payment on {d}, invoice"),
                (None, true) => "Despite our previous correspondence, invoice".to_owned(),
                (None, false) => "Invoice".to_owned(),
            };
            (
                format!("Final notice before legal action: invoice {r}"),
                vec![
                    format!("{despite} {r} owed by {client}, due on {due}, remains unpaid: {a}, now {late} overdue."),
                    w.broken.clone(),
                    format!("Before starting legal proceedings, I am offering you the option of agreeing a payment plan. If you are interested, please send me a proposal with amounts and dates within the next {deadline} days."),
                    if ctx.late_payment_claim {
                        "Otherwise, I will claim the debt through the courts, together with the late-payment interest and recovery costs provided for in Spanish Law 3/2004 of 29 December.".into()
                    } else {
                        "Otherwise, I will claim the debt through the courts.".into()
                    },
                    instructions.clone(),
                ],
                true,
            )
        }
        MessageKind::PromiseCheck => {
            let when = w.promised.as_ref().map_or_else(|| "these days".to_owned(), |d| format!("on {d}"));
            let opening = if ctx.part_paid {
                format!("I am writing about invoice {r}, due on {due}. As agreed, payment was expected {when}; I have received part of it, but {a} is still outstanding.")
            } else {
                format!("I am writing about invoice {r}, due on {due}, for {a}. As agreed, payment was expected {when}, but I have not received it yet.")
            };
            (
                format!("Scheduled payment of invoice {r}"),
                vec![
                    opening,
                    "Could you confirm whether it has been made and, if so, send me the proof of payment? If something has come up, I would be grateful if you could give me a new date.".into(),
                    instructions.clone(),
                ],
                false,
            )
        }
        MessageKind::Recontact => {
            let letter = w.letter.as_ref().map_or_else(String::new, |d| {
                format!("May I remind you that I sent you a formal demand for payment on {d}.")
            });
            (
                format!("Invoice {r} is still unpaid"),
                vec![
                    format!("I am writing again about invoice {r}, due on {due}, which is still unpaid: {a}, now {late} overdue."),
                    w.broken.clone(),
                    letter,
                    "Please let me know when you will be able to pay it or, if that is easier, propose a payment schedule.".into(),
                    instructions.clone(),
                ],
                false,
            )
        }
        MessageKind::DisputeReview => {
            let about = match &w.dispute {
                Some((d, reason)) if !reason.is_empty() => format!("the issue you raised on {d} ({reason})"),
                Some((d, _)) => format!("the issue you raised on {d}"),
                None => "the issue you raised".to_owned(),
            };
            (
                format!("Open issue on invoice {r}"),
                vec![
                    format!("I am writing about {about} concerning invoice {r}, due on {due}, for {a}."),
                    "Could you let me know where your review stands and whether you need anything from me? I would like to resolve it as soon as possible.".into(),
                ],
                false,
            )
        }
    }
}

fn greeting(lang: Lang, formal: bool, name: &str) -> String {
    let name = name.trim();
    match (lang, formal, name.is_empty()) {
        (Lang::Es, false, false) => format!("Buenos días, {name}:"),
        (Lang::Es, false, true) => "Buenos días:".into(),
        (Lang::Es, true, false) => format!("Estimado/a {name}:"),
        (Lang::Es, true, true) => "Muy señores míos:".into(),
        (Lang::En, _, false) => format!("Dear {name},"),
        (Lang::En, false, true) => "Hello,".into(),
        (Lang::En, true, true) => "Dear Sir or Madam,".into(),
    }
}

/// Formal English closes "Yours sincerely" to a named person, "Yours faithfully" to "Sir or Madam".
fn closing(lang: Lang, formal: bool, named: bool) -> &'static str {
    match (lang, formal, named) {
        (Lang::Es, false, _) => "Un cordial saludo,",
        (Lang::Es, true, _) => "Atentamente,",
        (Lang::En, false, _) => "Kind regards,",
        (Lang::En, true, true) => "Yours sincerely,",
        (Lang::En, true, false) => "Yours faithfully,",
    }
}

/// A `mailto:` link (RFC 6068) that opens `message` addressed to `to`
/// (one address or several separated by commas) in the user's mail program.
///
/// Subject and body are UTF-8 percent-encoded: everything but unreserved
/// characters is escaped (so `?`, `&`, `#`, `%`, `+`, `=` and spaces become
/// `%3F`, `%26`, `%23`, `%25`, `%2B`, `%3D`, `%20`), and every line break in
/// the body becomes `%0D%0A` as the RFC requires. Line breaks in the subject
/// become spaces, since a subject is one line.
pub fn mailto_url(to: &str, message: &Message) -> String {
    let subject: String = message
        .subject
        .split(['\r', '\n'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let body = message.body.replace("\r\n", "\n").replace('\r', "\n");
    let mut url = String::from("mailto:");
    encode_into(&mut url, to.trim(), "@,");
    url.push_str("?subject=");
    encode_into(&mut url, &subject, "");
    url.push_str("&body=");
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            url.push_str("%0D%0A");
        }
        encode_into(&mut url, line, "");
    }
    url
}

/// Percent-encode `text` byte by byte, keeping unreserved characters and `keep`.
fn encode_into(out: &mut String, text: &str, keep: &str) {
    for b in text.bytes() {
        let c = char::from(b);
        if b.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~')
            || (b.is_ascii() && keep.contains(c))
        {
            out.push(c);
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    /// Every year chrono can hold at the edges, and every day of a leap and a common year.
    fn dates() -> impl Iterator<Item = NaiveDate> {
        let edges = [-262_143, -10_000, -1, 0, 1, 999, 1000, 9999, 10_000, 262_142]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 31));
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
        edges
            .chain(start.iter_days().take(366 + 365))
            .chain([NaiveDate::MIN, NaiveDate::MAX])
    }

    #[test]
    fn dates_read_as_chrono_would_write_them() {
        for d in dates() {
            assert_eq!(
                format_date(d, Lang::Es),
                d.format("%d/%m/%Y").to_string(),
                "{d:?}"
            );
            assert_eq!(
                format_date(d, Lang::En),
                d.format("%-d %b %Y").to_string(),
                "{d:?}"
            );
            assert_eq!(month_abbr(d), d.format("%b").to_string(), "{d:?}");
            assert_eq!(year_text(d.year()), d.format("%Y").to_string(), "{d:?}");
        }
    }
}

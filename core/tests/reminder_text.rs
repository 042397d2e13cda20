//! Reminder and cover texts: every kind, in both languages, says which invoice,
//! how much and when; PO only when there is one; mailto links encode per RFC 6068.

use chrono::NaiveDate;
use cobro_core::model::{Lang, StepKind};
use cobro_core::reminder_text::{format_date, mailto_url, message, Message, MessageContext, MessageKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

const ALL: [MessageKind; 11] = [
    MessageKind::InvoiceCover,
    MessageKind::ReceiptCheck,
    MessageKind::PreDue,
    MessageKind::DueDay,
    MessageKind::Reminder { ordinal: 1 },
    MessageKind::Reminder { ordinal: 2 },
    MessageKind::FormalLetter,
    MessageKind::Escalation,
    MessageKind::PromiseCheck,
    MessageKind::Recontact,
    MessageKind::DisputeReview,
];

fn ctx(lang: Lang, po: &str) -> MessageContext {
    MessageContext {
        business_name: "Estudio Lumen".into(),
        client_legal_name: "Acme Ibérica S.L.".into(),
        ap_contact_name: "Marta Ruiz".into(),
        invoice_number: "F2026-0042".into(),
        po_number: po.into(),
        amount: match lang {
            Lang::Es => "1.210,00".into(),
            Lang::En => "1,210.00".into(),
        },
        currency: "EUR".into(),
        issue_date: d(2026, 10, 23),
        due_date: d(2026, 11, 22),
        days_late: 12,
        promised_date: Some(d(2026, 12, 1)),
        promise_broken: None,
        part_paid: false,
        payment_instructions: "IBAN ES91 2100 0418 4502 0005 1332\nConcepto: F2026-0042".into(),
        signature: "Lucía Pérez\nEstudio Lumen".into(),
        deadline_days: 0,
        reminders_sent: 2,
        letter_sent: Some(d(2026, 11, 30)),
        dispute: Some((d(2026, 11, 25), "Horas no acordadas".into())),
        late_payment_claim: true,
    }
}

#[test]
fn dates_are_written_the_local_way() {
    assert_eq!(format_date(d(2026, 11, 22), Lang::Es), "22/11/2026");
    assert_eq!(format_date(d(2026, 11, 22), Lang::En), "22 Nov 2026");
    assert_eq!(format_date(d(2028, 2, 29), Lang::Es), "29/02/2028");
    assert_eq!(format_date(d(2026, 3, 5), Lang::En), "5 Mar 2026");
}

#[test]
fn every_kind_names_invoice_po_amount_and_due_date() {
    for lang in [Lang::Es, Lang::En] {
        let c = ctx(lang, "PO-4500");
        let due = format_date(c.due_date, lang);
        for kind in ALL {
            let m = message(kind, lang, &c);
            let all = format!("{}\n{}", m.subject, m.body);
            assert!(
                m.subject.contains("F2026-0042"),
                "{kind:?} {lang:?} subject: {}",
                m.subject
            );
            assert!(m.body.contains("F2026-0042"), "{kind:?} {lang:?}");
            assert!(all.contains("PO-4500"), "{kind:?} {lang:?}");
            assert!(m.body.contains(&format!("{} EUR", c.amount)), "{kind:?} {lang:?}");
            assert!(m.body.contains(&due), "{kind:?} {lang:?}: {}", m.body);
            assert!(
                m.body.starts_with(match lang {
                    Lang::Es => "Buenos días, Marta Ruiz:",
                    Lang::En => "Dear Marta Ruiz,",
                }) || m.body.starts_with("Estimado/a Marta Ruiz:"),
                "{kind:?} {lang:?}"
            );
            assert!(
                m.body.ends_with("Lucía Pérez\nEstudio Lumen"),
                "{kind:?} {lang:?}"
            );
            assert!(!m.subject.contains('\n'));
            assert!(!m.body.contains("{"), "unfilled placeholder in {kind:?} {lang:?}");
        }
    }
}

#[test]
fn po_is_not_mentioned_when_empty() {
    for lang in [Lang::Es, Lang::En] {
        let c = ctx(lang, "  ");
        for kind in ALL {
            let m = message(kind, lang, &c);
            let all = format!("{}\n{}", m.subject, m.body);
            assert!(!all.contains("pedido"), "{kind:?} {lang:?}: {all}");
            assert!(!all.contains("(PO"), "{kind:?} {lang:?}: {all}");
            assert!(!all.contains("()"), "{kind:?} {lang:?}");
            assert!(all.contains("F2026-0042"));
        }
    }
}

#[test]
fn issue_date_and_instructions_appear_where_the_client_needs_them() {
    for lang in [Lang::Es, Lang::En] {
        let c = ctx(lang, "");
        let issued = format_date(c.issue_date, lang);
        for kind in [
            MessageKind::InvoiceCover,
            MessageKind::ReceiptCheck,
            MessageKind::FormalLetter,
        ] {
            assert!(
                message(kind, lang, &c).body.contains(&issued),
                "{kind:?} {lang:?}"
            );
        }
        for kind in [
            MessageKind::InvoiceCover,
            MessageKind::DueDay,
            MessageKind::FormalLetter,
        ] {
            let body = message(kind, lang, &c).body;
            assert!(
                body.contains("IBAN ES91 2100 0418 4502 0005 1332\nConcepto: F2026-0042"),
                "{kind:?} {lang:?}"
            );
        }
        let mut no_instr = c.clone();
        no_instr.payment_instructions = String::new();
        let body = message(MessageKind::InvoiceCover, lang, &no_instr).body;
        assert!(!body.contains("Datos para el pago") && !body.contains("Payment details"));
        assert!(!body.contains("\n\n\n"), "no empty paragraph left behind");
    }
}

#[test]
fn greeting_falls_back_to_neutral_without_a_contact() {
    let mut c = ctx(Lang::Es, "");
    c.ap_contact_name = String::new();
    assert!(message(MessageKind::PreDue, Lang::Es, &c)
        .body
        .starts_with("Buenos días:\n"));
    assert!(message(MessageKind::FormalLetter, Lang::Es, &c)
        .body
        .starts_with("Muy señores míos:\n"));
    assert!(message(MessageKind::PreDue, Lang::En, &c)
        .body
        .starts_with("Hello,\n"));
    assert!(message(MessageKind::FormalLetter, Lang::En, &c)
        .body
        .starts_with("Dear Sir or Madam,\n"));
    assert!(!message(MessageKind::DueDay, Lang::En, &c).body.contains("Dear ,"));
}

#[test]
fn reminders_state_days_late_and_their_order() {
    let c = ctx(Lang::Es, "");
    let first = message(MessageKind::Reminder { ordinal: 1 }, Lang::Es, &c);
    let second = message(MessageKind::Reminder { ordinal: 2 }, Lang::Es, &c);
    assert!(first.subject.starts_with("Recordatorio:"));
    assert!(second.subject.starts_with("Segundo recordatorio:"));
    assert!(first.body.contains("12 días de retraso"));
    assert_ne!(first.body, second.body);
    let mut one = c.clone();
    one.days_late = 1;
    assert!(message(MessageKind::Reminder { ordinal: 1 }, Lang::Es, &one)
        .body
        .contains("1 día de retraso"));
    let en = message(MessageKind::Reminder { ordinal: 2 }, Lang::En, &ctx(Lang::En, ""));
    assert!(en.subject.starts_with("Second reminder:"));
    assert!(en.body.contains("12 days overdue"));
}

#[test]
fn formal_letter_is_firm_and_cites_the_late_payment_law() {
    let c = ctx(Lang::Es, "");
    let es = message(MessageKind::FormalLetter, Lang::Es, &c).body;
    assert!(es.contains("Ley 3/2004"));
    assert!(es.contains("morosidad"));
    assert!(es.contains("intereses de demora"));
    assert!(es.contains("plazo de 10 días"));
    assert!(es.contains("Acme Ibérica S.L."));
    assert!(es.contains("12 días de retraso"));
    let mut c14 = ctx(Lang::En, "");
    c14.deadline_days = 14;
    let en = message(MessageKind::FormalLetter, Lang::En, &c14).body;
    assert!(en.contains("Law 3/2004"));
    assert!(en.contains("within 14 calendar days"));
    assert!(en.contains("\nYours sincerely,\n"));
    c14.ap_contact_name = String::new();
    let en = message(MessageKind::FormalLetter, Lang::En, &c14).body;
    assert!(en.starts_with("Dear Sir or Madam,") && en.contains("\nYours faithfully,\n"));
}

#[test]
fn promise_check_mentions_the_promised_date() {
    let c = ctx(Lang::Es, "");
    assert!(message(MessageKind::PromiseCheck, Lang::Es, &c)
        .body
        .contains("01/12/2026"));
    assert!(message(MessageKind::PromiseCheck, Lang::En, &ctx(Lang::En, ""))
        .body
        .contains("1 Dec 2026"));
    let mut none = c.clone();
    none.promised_date = None;
    assert!(message(MessageKind::PromiseCheck, Lang::Es, &none)
        .body
        .contains("estos días"));
}

#[test]
fn signature_falls_back_to_the_business_name() {
    let mut c = ctx(Lang::En, "");
    c.signature = String::new();
    assert!(message(MessageKind::DueDay, Lang::En, &c)
        .body
        .ends_with("Kind regards,\nEstudio Lumen"));
}

#[test]
fn mailto_encodes_reserved_characters_unicode_and_newlines() {
    let m = Message {
        subject: "Factura ? & # % + = ñ".into(),
        body: "Hola:\nLínea 2\r\nA&B=100%€".into(),
    };
    let url = mailto_url("ap@acme.es", &m);
    assert_eq!(
        url,
        "mailto:ap@acme.es?subject=Factura%20%3F%20%26%20%23%20%25%20%2B%20%3D%20%C3%B1\
         &body=Hola%3A%0D%0AL%C3%ADnea%202%0D%0AA%26B%3D100%25%E2%82%AC"
    );
}

#[test]
fn mailto_keeps_address_lists_and_flattens_subject_lines() {
    let m = Message {
        subject: "a\nb".into(),
        body: "x\n\ny".into(),
    };
    let url = mailto_url("a@x.es,b@y.es", &m);
    assert_eq!(url, "mailto:a@x.es,b@y.es?subject=a%20b&body=x%0D%0A%0D%0Ay");
    assert_eq!(mailto_url("", &m), "mailto:?subject=a%20b&body=x%0D%0A%0D%0Ay");
    // An address with a query character cannot break the link apart.
    assert!(mailto_url("we?ird@x.es", &m).starts_with("mailto:we%3Fird@x.es?subject="));
}

#[test]
fn mailto_of_a_real_message_decodes_back() {
    let msg = message(
        MessageKind::Reminder { ordinal: 1 },
        Lang::Es,
        &ctx(Lang::Es, "PO-1"),
    );
    let url = mailto_url("ap@acme.es", &msg);
    assert!(url.is_ascii());
    assert!(!url.contains(' '));
    let body = url.split("&body=").nth(1).expect("body");
    assert_eq!(percent_decode(body), msg.body.replace('\n', "\r\n"));
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

/// The text offered for each step follows the day: before the due date the pre-due text, on it
/// the due-day text, after it the step's own text or the next reminder (numbered by the
/// reminders really sent); receipt and promise checks, reviews and sending keep their own.
#[test]
fn the_text_of_a_step_follows_the_day_it_is_offered() {
    use MessageKind as M;
    use StepKind as S;
    for kind in [
        S::PreDue,
        S::DueDay,
        S::Reminder,
        S::FormalLetter,
        S::Escalation,
        S::Recontact,
    ] {
        assert_eq!(M::on_day(kind, -3, 0), M::PreDue, "{kind:?}");
        assert_eq!(M::on_day(kind, 0, 0), M::DueDay, "{kind:?}");
    }
    for kind in [S::PreDue, S::DueDay, S::Reminder] {
        assert_eq!(M::on_day(kind, 8, 0), M::Reminder { ordinal: 1 }, "{kind:?}");
        assert_eq!(M::on_day(kind, 30, 1), M::Reminder { ordinal: 2 }, "{kind:?}");
    }
    assert_eq!(M::on_day(S::FormalLetter, 50, 2), M::FormalLetter);
    assert_eq!(M::on_day(S::Escalation, 70, 2), M::Escalation);
    assert_eq!(M::on_day(S::Recontact, 100, 3), M::Recontact);
    for days in [-10, 0, 40] {
        assert_eq!(M::on_day(S::ReceiptCheck, days, 0), M::ReceiptCheck);
        assert_eq!(M::on_day(S::PromiseCheck, days, 0), M::PromiseCheck);
        assert_eq!(M::on_day(S::DisputeReview, days, 0), M::DisputeReview);
        assert_eq!(M::on_day(S::SendInvoice, days, 0), M::InvoiceCover);
    }
}

/// A due-day reminder opened eight days late speaks of an overdue invoice, eight days late,
/// and never says it is due today.
#[test]
fn a_due_day_reminder_opened_late_speaks_of_the_real_lateness() {
    for lang in [Lang::Es, Lang::En] {
        let mut c = ctx(lang, "");
        c.days_late = 8;
        c.reminders_sent = 0;
        let m = message(MessageKind::on_day(StepKind::DueDay, 8, 0), lang, &c);
        let all = format!("{}\n{}", m.subject, m.body);
        match lang {
            Lang::Es => {
                assert!(all.contains("8 días de retraso"), "{all}");
                assert!(!all.contains("hoy") && !all.contains("vence el próximo"), "{all}");
            }
            Lang::En => {
                assert!(all.contains("8 days overdue"), "{all}");
                assert!(!all.contains("due today") && !all.contains("falls due"), "{all}");
            }
        }
    }
}

#[test]
fn only_reminders_really_sent_are_mentioned() {
    let mut c = ctx(Lang::Es, "");
    c.reminders_sent = 0;
    c.letter_sent = None;
    let letter = message(MessageKind::FormalLetter, Lang::Es, &c).body;
    assert!(!letter.contains("recordatorios enviados"), "{letter}");
    let esc = message(MessageKind::Escalation, Lang::Es, &c).body;
    assert!(
        !esc.contains("Pese a") && !esc.contains("requerimiento formal de pago del"),
        "{esc}"
    );
    let en = message(MessageKind::FormalLetter, Lang::En, &ctx_with(Lang::En, 0, None)).body;
    assert!(!en.contains("Despite the reminders"), "{en}");
    c.reminders_sent = 1;
    assert!(message(MessageKind::FormalLetter, Lang::Es, &c)
        .body
        .contains("pese a los recordatorios enviados"));
    let esc = message(MessageKind::Escalation, Lang::Es, &c).body;
    assert!(
        esc.contains("Pese a nuestras comunicaciones anteriores, la factura"),
        "{esc}"
    );
    c.letter_sent = Some(d(2026, 11, 30));
    let esc = message(MessageKind::Escalation, Lang::Es, &c).body;
    assert!(
        esc.contains("incluido el requerimiento formal de pago del 30/11/2026"),
        "{esc}"
    );
    let en = message(
        MessageKind::Escalation,
        Lang::En,
        &ctx_with(Lang::En, 1, Some(d(2026, 11, 30))),
    )
    .body;
    assert!(
        en.contains("including a formal demand for payment on 30 Nov 2026"),
        "{en}"
    );
    // The re-contact reminds of the letter only once it was sent.
    let re = message(MessageKind::Recontact, Lang::Es, &c).body;
    assert!(
        re.contains("el 30/11/2026 le remití un requerimiento formal"),
        "{re}"
    );
    c.letter_sent = None;
    assert!(!message(MessageKind::Recontact, Lang::Es, &c)
        .body
        .contains("requerimiento"));
}

fn ctx_with(lang: Lang, reminders: u32, letter: Option<NaiveDate>) -> MessageContext {
    MessageContext {
        reminders_sent: reminders,
        letter_sent: letter,
        ..ctx(lang, "")
    }
}

#[test]
fn the_late_payment_law_is_cited_only_where_it_applies() {
    for lang in [Lang::Es, Lang::En] {
        let mut c = ctx(lang, "");
        for kind in [MessageKind::FormalLetter, MessageKind::Escalation] {
            assert!(
                message(kind, lang, &c).body.contains("3/2004"),
                "{kind:?} {lang:?}"
            );
        }
        c.late_payment_claim = false;
        for kind in [MessageKind::FormalLetter, MessageKind::Escalation] {
            let body = message(kind, lang, &c).body;
            assert!(!body.contains("3/2004"), "{kind:?} {lang:?}: {body}");
            assert!(
                body.contains("judicial") || body.contains("legal") || body.contains("courts"),
                "{body}"
            );
        }
    }
}

#[test]
fn receipt_checks_covers_and_promise_checks_say_whether_the_invoice_is_overdue() {
    let mut c = ctx(Lang::Es, "");
    c.days_late = -20;
    let on_time = message(MessageKind::ReceiptCheck, Lang::Es, &c).body;
    assert!(
        on_time.contains("vencimiento el 22/11/2026") && !on_time.contains("retraso"),
        "{on_time}"
    );
    assert!(!message(MessageKind::InvoiceCover, Lang::Es, &c)
        .body
        .contains("era el"));
    assert!(message(MessageKind::PromiseCheck, Lang::Es, &c)
        .body
        .contains("con vencimiento el 22/11/2026"));
    c.days_late = 12;
    let late = message(MessageKind::ReceiptCheck, Lang::Es, &c).body;
    assert!(
        late.contains("Venció el 22/11/2026") && late.contains("12 días de retraso"),
        "{late}"
    );
    assert!(message(MessageKind::InvoiceCover, Lang::Es, &c)
        .body
        .contains("Su vencimiento era el 22/11/2026"));
    assert!(message(MessageKind::PromiseCheck, Lang::Es, &c)
        .body
        .contains("vencida el 22/11/2026"));
    let en = message(MessageKind::ReceiptCheck, Lang::En, &ctx(Lang::En, "")).body;
    assert!(en.contains("is now 12 days overdue"), "{en}");
}

#[test]
fn a_dispute_review_names_the_dispute() {
    let es = message(MessageKind::DisputeReview, Lang::Es, &ctx(Lang::Es, "")).body;
    assert!(
        es.contains("la incidencia que nos comunicó el 25/11/2026 (Horas no acordadas)"),
        "{es}"
    );
    let en = message(MessageKind::DisputeReview, Lang::En, &ctx(Lang::En, "")).body;
    assert!(
        en.contains("the issue you raised on 25 Nov 2026 (Horas no acordadas)"),
        "{en}"
    );
    let mut none = ctx(Lang::Es, "");
    none.dispute = None;
    assert!(!message(MessageKind::DisputeReview, Lang::Es, &none)
        .body
        .contains("()"));
}

/// A promise to pay that passed unpaid is named in every later text about the lateness (so
/// the client hears it was noticed), and in no other text: the promise check has its own words,
/// and a text before the due date or about a dispute does not speak of it.
#[test]
fn a_broken_promise_is_named_in_the_texts_about_the_lateness() {
    for lang in [Lang::Es, Lang::En] {
        let words = match lang {
            Lang::Es => "El pago que se comprometió a realizar el 01/12/2026 no ha llegado.",
            Lang::En => "The payment you promised for 1 Dec 2026 has not arrived.",
        };
        let mut c = ctx(lang, "");
        for kind in ALL {
            assert!(
                !message(kind, lang, &c).body.contains(words),
                "{kind:?} {lang:?}: kept so far"
            );
        }
        c.promise_broken = Some(d(2026, 12, 1));
        for kind in ALL {
            let body = message(kind, lang, &c).body;
            let named = matches!(
                kind,
                MessageKind::Reminder { .. }
                    | MessageKind::FormalLetter
                    | MessageKind::Escalation
                    | MessageKind::Recontact
            );
            assert_eq!(body.contains(words), named, "{kind:?} {lang:?}: {body}");
        }
    }
}

/// After a part payment, the promise check does not say nothing arrived: it says a part did
/// and names what is still owed.
#[test]
fn a_promise_check_after_a_part_payment_says_a_part_arrived() {
    for (lang, not_received, part) in [
        (
            Lang::Es,
            "todavía no lo he recibido",
            "he recibido una parte, pero siguen pendientes 1.210,00 EUR",
        ),
        (
            Lang::En,
            "I have not received it yet",
            "I have received part of it, but 1,210.00 EUR is still outstanding",
        ),
    ] {
        let mut c = ctx(lang, "");
        let body = message(MessageKind::PromiseCheck, lang, &c).body;
        assert!(body.contains(not_received) && !body.contains(part), "{body}");
        c.part_paid = true;
        let body = message(MessageKind::PromiseCheck, lang, &c).body;
        assert!(body.contains(part) && !body.contains(not_received), "{body}");
    }
}

//! The follow-up as a calendar file (RFC 5545), so the agenda also lives in the user's calendar
//! app: for every invoice the agenda follows, one all-day event for its current step and one
//! for its due date, in the agenda's order (highest worth first among the steps due, then by
//! date), with the rank in the description.
//!
//! UIDs are stable (`next-<invoice id>@cobro` for the step, `due-<invoice id>@cobro`):
//! importing a newer file updates the same events instead of duplicating them, and an invoice's
//! one step event moves as its follow-up advances. The text is CRLF-terminated, content lines
//! are folded at 75 octets (never inside a UTF-8 character) and TEXT values escape backslash,
//! semicolon, comma and line breaks.

use crate::agenda::{self, Item, Task};
use crate::ledger::Ledger;
use crate::model::{Lang, Stamp, StepKind};
use crate::money;
use crate::reminder_text::{format_date, year_text};
use chrono::{Datelike, Days, NaiveDate, Timelike};

/// Longest content line, in octets, before folding (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// The calendar as of `today`, stamped `now` (DTSTAMP), with texts in `lang`.
///
/// Events cover the invoices of the agenda (issued, owed, not closed; a dispute's review
/// included). A step already due is placed on `today` (its planned date is in the
/// description), so a calendar never hides a contact in the past.
pub fn calendar(ledger: &Ledger, today: NaiveDate, now: Stamp, lang: Lang) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cobro//Seguimiento de cobros//ES",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    let name = match lang {
        Lang::Es => "Cobro: seguimiento",
        Lang::En => "Cobro: follow-up",
    };
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    let stamp = calendar_stamp(now);
    let agenda = agenda::agenda(ledger, today, agenda::UPCOMING_DAYS);
    for (rank, item) in agenda.all().enumerate() {
        item_events(&mut out, item, rank + 1, today, &stamp, lang);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// The events of one agenda item.
fn item_events(out: &mut String, item: &Item, rank: usize, today: NaiveDate, stamp: &str, lang: Lang) {
    let Task::FollowUp(f) = &item.task;
    let inv = f.invoice;
    let client_name = f.client.map_or("", |c| c.legal_name.as_str());
    let number = inv.number.as_deref().unwrap_or("");
    let owed = f.owed.unwrap_or_default();
    let amount = money::format_amount(owed, &inv.currency, lang);
    let mut details = vec![format!("{}: {amount}", word(lang, "owed"))];
    if !inv.po_number.trim().is_empty() {
        details.push(format!("{}: {}", word(lang, "po"), inv.po_number.trim()));
    }
    if let Some(c) = f.client {
        let contact: Vec<&str> = [&c.ap_contact_name, &c.ap_contact_phone, &c.ap_contact_email]
            .into_iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if !contact.is_empty() {
            details.push(format!("{}: {}", word(lang, "contact"), contact.join(", ")));
        }
    }
    details.push(format!(
        "{}: {}",
        word(lang, "due"),
        format_date(inv.due_date, lang)
    ));
    let step_due = f.current.due;
    let mut desc = details.clone();
    desc.push(format!("{}: {rank}", word(lang, "rank")));
    if step_due < today {
        desc.push(format!(
            "{}: {}",
            word(lang, "planned"),
            format_date(step_due, lang)
        ));
    }
    let summary = format!("{} · {client_name} · {number}", kind_words(f.current.kind, lang));
    event(
        out,
        &format!("next-{}@cobro", inv.id),
        stamp,
        step_due.max(today),
        &summary,
        &desc.join("\n"),
    );
    let summary = format!("{} · {client_name} · {number}", word(lang, "due_event"));
    event(
        out,
        &format!("due-{}@cobro", inv.id),
        stamp,
        inv.due_date,
        &summary,
        &details.join("\n"),
    );
}

/// `20261122T093000Z`: a UTC DATE-TIME (chrono's `%Y%m%dT%H%M%SZ`).
fn calendar_stamp(now: Stamp) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        basic_date(now.date_naive()),
        now.hour(),
        now.minute(),
        // A leap second is second 60, as `%S` writes it.
        now.second() + now.nanosecond() / 1_000_000_000
    )
}

/// `20261122`: the DATE form of RFC 5545 (chrono's `%Y%m%d`, without its strftime interpreter).
fn basic_date(d: NaiveDate) -> String {
    format!("{}{:02}{:02}", year_text(d.year()), d.month(), d.day())
}

fn event(out: &mut String, uid: &str, stamp: &str, on: NaiveDate, summary: &str, description: &str) {
    let next = on.checked_add_days(Days::new(1)).unwrap_or(on);
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{uid}"));
    push_line(out, &format!("DTSTAMP:{stamp}"));
    push_line(out, &format!("DTSTART;VALUE=DATE:{}", basic_date(on)));
    push_line(out, &format!("DTEND;VALUE=DATE:{}", basic_date(next)));
    push_line(out, &format!("SUMMARY:{}", escape_text(summary)));
    push_line(out, &format!("DESCRIPTION:{}", escape_text(description)));
    push_line(out, "TRANSP:TRANSPARENT");
    push_line(out, "END:VEVENT");
}

fn word(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Es, "owed") => "Pendiente",
        (Lang::En, "owed") => "Owed",
        (Lang::Es, "po") => "Pedido",
        (Lang::En, "po") => "PO",
        (Lang::Es, "contact") => "Contacto",
        (Lang::En, "contact") => "Contact",
        (Lang::Es, "due") => "Vencimiento",
        (Lang::En, "due") => "Due",
        (Lang::Es, "planned") => "Previsto el",
        (Lang::En, "planned") => "Planned for",
        (Lang::Es, "due_event") => "Vence la factura",
        (Lang::En, "due_event") => "Invoice due",
        (Lang::Es, "rank") => "Prioridad en la agenda",
        (Lang::En, "rank") => "Agenda priority",
        _ => "",
    }
}

/// The step kind in words, for event titles.
pub fn kind_words(kind: StepKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (StepKind::ReceiptCheck, Lang::Es) => "Confirmar recepción",
        (StepKind::ReceiptCheck, Lang::En) => "Confirm receipt",
        (StepKind::PreDue, Lang::Es) => "Contacto antes del vencimiento",
        (StepKind::PreDue, Lang::En) => "Pre-due contact",
        (StepKind::DueDay, Lang::Es) => "Recordatorio del vencimiento",
        (StepKind::DueDay, Lang::En) => "Due-day reminder",
        (StepKind::Reminder, Lang::Es) => "Recordatorio",
        (StepKind::Reminder, Lang::En) => "Reminder",
        (StepKind::FormalLetter, Lang::Es) => "Carta formal",
        (StepKind::FormalLetter, Lang::En) => "Formal letter",
        (StepKind::Escalation, Lang::Es) => "Escalar",
        (StepKind::Escalation, Lang::En) => "Escalate",
        (StepKind::PromiseCheck, Lang::Es) => "Comprobar promesa de pago",
        (StepKind::PromiseCheck, Lang::En) => "Promise check",
        (StepKind::SendInvoice, Lang::Es) => "Enviar la factura",
        (StepKind::SendInvoice, Lang::En) => "Send the invoice",
        (StepKind::Recontact, Lang::Es) => "Volver a contactar",
        (StepKind::Recontact, Lang::En) => "Contact again",
        (StepKind::DisputeReview, Lang::Es) => "Revisar la incidencia",
        (StepKind::DisputeReview, Lang::En) => "Review the dispute",
    }
}

/// A TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped, line breaks as `\n`.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Append `line` folded to [`MAX_LINE_OCTETS`] octets per physical line (continuations start
/// with one space, which counts), each ended by CRLF.
pub fn push_line(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn dates_and_stamps_as_chrono_would_write_them() {
        for y in [-10_000, -1, 0, 999, 2026, 9999, 10_000] {
            let d = NaiveDate::from_ymd_opt(y, 2, 28).expect("a date");
            assert_eq!(basic_date(d), d.format("%Y%m%d").to_string());
        }
        // The last second of a day, and a leap second (nanoseconds past 10^9).
        let day = NaiveDate::from_ymd_opt(2026, 12, 31).expect("a date");
        for t in [
            day.and_hms_opt(23, 59, 59),
            day.and_hms_nano_opt(23, 59, 59, 1_500_000_000),
        ] {
            let now: Stamp = DateTime::from_naive_utc_and_offset(t.expect("a time"), chrono::Utc);
            let text = calendar_stamp(now);
            assert_eq!(text, now.format("%Y%m%dT%H%M%SZ").to_string());
        }
    }

    #[test]
    fn escapes_the_four_specials() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut s = String::new();
        push_line(&mut s, &"x".repeat(75));
        assert_eq!(s, format!("{}\r\n", "x".repeat(75)));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut s = String::new();
        let line = format!("SUMMARY:{}", "ñ".repeat(100));
        push_line(&mut s, &line);
        assert!(s.ends_with("\r\n"));
        for physical in s.trim_end_matches("\r\n").split("\r\n") {
            assert!(physical.len() <= MAX_LINE_OCTETS, "{} octets", physical.len());
        }
        // Unfolding (remove CRLF + one space) gives the line back.
        assert_eq!(s.trim_end_matches("\r\n").replace("\r\n ", ""), line);
    }
}

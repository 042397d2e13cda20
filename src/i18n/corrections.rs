//! Strings of corrections, Spanish and English: a payment's list with its correct and void
//! actions, the overpayment question, the early-payment discount taken; archiving, restoring
//! and deleting clients, items and payment methods; field messages and length counters of
//! the forms. Strings with figures in them are small functions, so word order stays each
//! language's; figures arrive already formatted in the UI's locale.

use cobro_core::corrections::PaymentError;
use cobro_core::usage::{Usage, UsageError};
use cobro_core::{locale, money, Lang};

pub struct T {
    pub lang: Lang,
    // The payment list.
    pub payments_heading: &'static str,
    pub no_payments: &'static str,
    pub correct: &'static str,
    pub void: &'static str,
    pub voided: &'static str,
    /// (day, reason) → "Anulado el 20/03/2026: importe mal tecleado".
    pub voided_on: fn(&str, &str) -> String,
    /// (day) → "Sustituido el 20/03/2026 por el cobro corregido".
    pub replaced_on: fn(&str) -> String,
    /// (amount, day) → "Corrige el cobro de 9.999,00 € del 10/03/2026".
    pub corrects: fn(&str, &str) -> String,
    /// (amount, percentage, days) → "Descuento por pronto pago: 75,33 € (3 % a 10 días)".
    pub discount_taken: fn(&str, &str, u32) -> String,
    /// (amounts) → the reports' line of discounts granted in the period.
    pub discounts_granted: fn(&str) -> String,
    // The payment form.
    pub record_title: &'static str,
    pub correct_title: &'static str,
    pub void_title: &'static str,
    pub date: &'static str,
    pub amount: &'static str,
    pub method: &'static str,
    pub no_method: &'static str,
    pub note: &'static str,
    pub reason: &'static str,
    pub reason_optional: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub confirm_void: &'static str,
    /// (percentage, last day, amount) → the offer while it applies.
    pub offer: fn(&str, &str, &str) -> String,
    pub settles: &'static str,
    /// (amount) → "Quedarán pendientes 1.510,88 €".
    pub owed_after: fn(&str) -> String,
    /// (discount) → "Salda la factura con el descuento por pronto pago de 75,33 €".
    pub settles_with_discount: fn(&str) -> String,
    /// (excess, owed) → the overpayment question.
    pub overpay_question: fn(&str, &str) -> String,
    pub overpay_confirm: &'static str,
    pub overpay_change: &'static str,
    pub bad_date: &'static str,
    pub bad_amount: &'static str,
    /// (owed after) → the notices after each write.
    pub recorded: fn(&str) -> String,
    pub voided_done: fn(&str) -> String,
    pub corrected_done: fn(&str) -> String,
    /// (overpaid) → "Cobrado de más: 10,00 €".
    pub overpaid: fn(&str) -> String,
    pub failed: &'static str,
    // Archive and delete.
    pub archive: &'static str,
    pub restore: &'static str,
    pub delete: &'static str,
    pub archived_badge: &'static str,
    /// (count) → "Archivados (2)".
    pub show_archived: fn(usize) -> String,
    pub show_active: &'static str,
    pub archived_none: &'static str,
    pub archived_client_hint: &'static str,
    /// (name) → "¿Eliminar «Talleres Peña»? No se puede deshacer."
    pub delete_question: fn(&str) -> String,
    pub archived_done: &'static str,
    pub restored_done: &'static str,
    pub deleted_done: &'static str,
    // Forms.
    /// (used, limit) → "140/150".
    pub counter: fn(usize, usize) -> String,
    pub required: &'static str,
    pub check_fields: &'static str,
}

static ES: T = T {
    lang: Lang::Es,
    payments_heading: "Cobros",
    no_payments: "Aún no hay cobros.",
    correct: "Corregir",
    void: "Anular",
    voided: "Anulado",
    voided_on: |d, r| format!("Anulado el {d}: {r}"),
    replaced_on: |d| format!("Sustituido el {d} por el cobro corregido"),
    corrects: |a, d| format!("Corrige el cobro de {a} del {d}"),
    discount_taken: |a, p, n| format!("Descuento por pronto pago: {a} ({p} a {n} días)"),
    discounts_granted: |a| format!("Descuentos por pronto pago concedidos en el periodo: {a}"),
    record_title: "Registrar cobro",
    correct_title: "Corregir cobro",
    void_title: "Anular cobro",
    date: "Fecha",
    amount: "Importe",
    method: "Forma de pago",
    no_method: "Sin especificar",
    note: "Nota",
    reason: "Motivo",
    reason_optional: "Motivo (opcional)",
    save: "Guardar",
    cancel: "Cancelar",
    confirm_void: "Anular el cobro",
    offer: |p, d, a| format!("Pronto pago ({p}) hasta el {d}: {a} salda la factura."),
    settles: "Salda la factura.",
    owed_after: |a| format!("Quedarán pendientes {a}."),
    settles_with_discount: |a| format!("Salda la factura con el descuento por pronto pago de {a}."),
    overpay_question: |x, o| format!("Este cobro supera en {x} lo pendiente ({o}). ¿Registrarlo igualmente?"),
    overpay_confirm: "Sí, registrarlo",
    overpay_change: "Cambiar el importe",
    bad_date: "Indica una fecha válida.",
    bad_amount: "Escribe un importe, por ejemplo 1210,50.",
    recorded: |a| format!("Cobro registrado. Queda pendiente: {a}"),
    voided_done: |a| format!("Cobro anulado. Queda pendiente: {a}"),
    corrected_done: |a| format!("Cobro corregido. Queda pendiente: {a}"),
    overpaid: |a| format!("Cobrado de más: {a}"),
    failed: "No se pudo guardar",
    archive: "Archivar",
    restore: "Restaurar",
    delete: "Eliminar",
    archived_badge: "Archivado",
    show_archived: |n| format!("Archivados ({n})"),
    show_active: "Ver activos",
    archived_none: "No hay nada archivado.",
    archived_client_hint:
        "Archivado: no se ofrece en facturas ni presupuestos nuevos; sigue en los documentos que lo nombran.",
    delete_question: |n| format!("¿Eliminar «{n}»? No se puede deshacer."),
    archived_done: "Archivado.",
    restored_done: "Restaurado.",
    deleted_done: "Eliminado.",
    counter: |u, m| format!("{u}/{m}"),
    required: "Este dato es obligatorio.",
    check_fields: "Revisa los datos marcados.",
};

static EN: T = T {
    lang: Lang::En,
    payments_heading: "Payments",
    no_payments: "No payments yet.",
    correct: "Correct",
    void: "Void",
    voided: "Voided",
    voided_on: |d, r| format!("Voided on {d}: {r}"),
    replaced_on: |d| format!("Replaced on {d} by the corrected payment"),
    corrects: |a, d| format!("Corrects the {a} payment of {d}"),
    discount_taken: |a, p, n| format!("Early-payment discount: {a} ({p} within {n} days)"),
    discounts_granted: |a| format!("Early-payment discounts granted in the period: {a}"),
    record_title: "Record payment",
    correct_title: "Correct payment",
    void_title: "Void payment",
    date: "Date",
    amount: "Amount",
    method: "Method",
    no_method: "Not specified",
    note: "Note",
    reason: "Reason",
    reason_optional: "Reason (optional)",
    save: "Save",
    cancel: "Cancel",
    confirm_void: "Void the payment",
    offer: |p, d, a| format!("Early payment ({p}) until {d}: {a} settles the invoice."),
    settles: "Settles the invoice.",
    owed_after: |a| format!("{a} will still be owed."),
    settles_with_discount: |a| format!("Settles the invoice with the {a} early-payment discount."),
    overpay_question: |x, o| format!("This payment is {x} more than what is owed ({o}). Record it anyway?"),
    overpay_confirm: "Yes, record it",
    overpay_change: "Change the amount",
    bad_date: "Enter a valid date.",
    bad_amount: "Enter an amount, for example 1210.50.",
    recorded: |a| format!("Payment recorded. Still owed: {a}"),
    voided_done: |a| format!("Payment voided. Still owed: {a}"),
    corrected_done: |a| format!("Payment corrected. Still owed: {a}"),
    overpaid: |a| format!("Overpaid by {a}"),
    failed: "Could not save",
    archive: "Archive",
    restore: "Restore",
    delete: "Delete",
    archived_badge: "Archived",
    show_archived: |n| format!("Archived ({n})"),
    show_active: "Show active",
    archived_none: "Nothing is archived.",
    archived_client_hint:
        "Archived: not offered on new invoices or quotes; kept on the documents that name it.",
    delete_question: |n| format!("Delete “{n}”? This cannot be undone."),
    archived_done: "Archived.",
    restored_done: "Restored.",
    deleted_done: "Deleted.",
    counter: |u, m| format!("{u}/{m}"),
    required: "This is required.",
    check_fields: "Check the fields marked.",
};

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

/// A phrase written to follow a label ("indica el motivo…") as a sentence of its own, where
/// the field's label already stands above it.
pub fn sentence(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => format!(
            "{}{}.",
            first.to_uppercase(),
            chars.as_str().trim_end_matches('.')
        ),
        None => String::new(),
    }
}

/// A percentage as the UI's language writes it ("3 %", "2,5 %"; "3%").
pub fn percent(value: rust_decimal::Decimal, lang: Lang) -> String {
    locale::percent(value, 2, lang)
}

/// A refused payment in the UI's language.
pub fn payment_error(e: &PaymentError, lang: Lang) -> String {
    let es = lang == Lang::Es;
    let date = |d| locale::date(d, lang);
    match e {
        PaymentError::NotPositive { .. } if es => "El importe debe ser mayor que cero.".into(),
        PaymentError::NotPositive { .. } => "The amount must be more than zero.".into(),
        PaymentError::InFuture { date: d, today } if es => format!(
            "La fecha del cobro ({}) es posterior a hoy ({}): registra el cobro el día que llegue.",
            date(*d),
            date(*today)
        ),
        PaymentError::InFuture { date: d, today } => format!(
            "The payment date ({}) is after today ({}): record the payment on the day it arrives.",
            date(*d),
            date(*today)
        ),
        PaymentError::NotIssued if es => "La factura es un borrador: emítela primero.".into(),
        PaymentError::NotIssued => "The invoice is a draft: issue it first.".into(),
        PaymentError::Cancelled if es => "La factura está anulada por una rectificativa.".into(),
        PaymentError::Cancelled => "The invoice was cancelled by a credit note.".into(),
        PaymentError::Overpayment { by, owed, currency } => (texts(lang).overpay_question)(
            &money::format_amount(*by, currency, lang),
            &money::format_amount(*owed, currency, lang),
        ),
        PaymentError::NotFound { .. } if es => {
            "Ese cobro ya no existe (puede que se cambiara en otra pestaña).".into()
        }
        PaymentError::NotFound { .. } => {
            "That payment no longer exists (it may have changed in another tab).".into()
        }
        PaymentError::OtherInvoice if es => "El cobro es de otra factura.".into(),
        PaymentError::OtherInvoice => "The payment belongs to another invoice.".into(),
        PaymentError::AlreadyVoided if es => "Ese cobro ya estaba anulado.".into(),
        PaymentError::AlreadyVoided => "That payment was already voided.".into(),
        PaymentError::EmptyReason if es => "Indica el motivo de la anulación.".into(),
        PaymentError::EmptyReason => "Say why the payment is voided.".into(),
        PaymentError::Money(_) if es => "Los importes de la factura no se pueden calcular.".into(),
        PaymentError::Money(_) => "The invoice's amounts cannot be computed.".into(),
    }
}

/// What still names a record, as a sentence in the UI's language, its verb agreeing with
/// what names it ("lo usa 1 factura", "lo usan 1 factura y 2 cobros"; "1 invoice uses it").
pub fn usage_error(e: &UsageError, lang: Lang) -> String {
    let UsageError::InUse(u) = e;
    let parts = usage_parts(u, lang);
    let one = matches!(parts.as_slice(), [(1, _)]);
    let words: Vec<&str> = parts.iter().map(|(_, w)| w.as_str()).collect();
    let list = match words.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => {
            let and = if lang == Lang::Es { "y" } else { "and" };
            format!("{} {and} {last}", rest.join(", "))
        }
        None => String::new(),
    };
    match (lang, one) {
        (Lang::Es, true) => format!("No se puede eliminar: lo usa {list}. Archívalo en su lugar."),
        (Lang::Es, false) => format!("No se puede eliminar: lo usan {list}. Archívalo en su lugar."),
        (Lang::En, true) => format!("Cannot delete it: {list} uses it. Archive it instead."),
        (Lang::En, false) => format!("Cannot delete it: {list} use it. Archive it instead."),
    }
}

/// Each kind of record that names it, with how many: (count, "2 facturas").
fn usage_parts(u: &Usage, lang: Lang) -> Vec<(usize, String)> {
    let words: [(usize, &str, &str, &str, &str); 6] = [
        (u.invoices, "factura", "facturas", "invoice", "invoices"),
        (u.quotes, "presupuesto", "presupuestos", "quote", "quotes"),
        (
            u.credit_notes,
            "rectificativa",
            "rectificativas",
            "credit note",
            "credit notes",
        ),
        (u.payments, "cobro", "cobros", "payment", "payments"),
        (u.contacts, "contacto", "contactos", "contact", "contacts"),
        (u.clients, "cliente", "clientes", "client", "clients"),
    ];
    words
        .iter()
        .filter(|w| w.0 > 0)
        .map(|&(n, es1, es, en1, en)| {
            let word = match (lang, n) {
                (Lang::Es, 1) => es1,
                (Lang::Es, _) => es,
                (Lang::En, 1) => en1,
                (Lang::En, _) => en,
            };
            (
                n,
                format!(
                    "{} {word}",
                    locale::integer(i64::try_from(n).unwrap_or(i64::MAX), lang)
                ),
            )
        })
        .collect()
}

//! Strings of the document editor and of the document pages (invoice, credit note, quote),
//! Spanish and English, and the plain words for the core's problems at an editor field and
//! for the refusals of a partial credit note. (What a printed document says is written by
//! the core in the client's language: `cobro_core::document`.)

use cobro_core::draft_input::{FieldId, InputProblem};
use cobro_core::lifecycle::CreditLineProblem;
use cobro_core::Lang;

pub struct T {
    // Editor: saving and what needs attention
    pub kept_here: &'static str,
    pub attention_one: &'static str,
    pub attention_many: &'static str,
    pub recovered: &'static str,
    pub discard_input: &'static str,
    pub pending_new_invoice: &'static str,
    pub pending_new_quote: &'static str,
    pub continue_it: &'static str,
    pub line_amount: &'static str,
    pub remove_line_n: &'static str,
    pub line_n: &'static str,
    pub terms_fieldset: &'static str,
    pub document_fieldset: &'static str,
    pub early_fieldset: &'static str,
    pub quote_save: &'static str,
    pub preview: &'static str,
    // Issuing confirmation
    pub confirm_title: &'static str,
    pub confirm_number: &'static str,
    pub confirm_client: &'static str,
    pub confirm_total: &'static str,
    pub confirm_issue_date: &'static str,
    pub confirm_due: &'static str,
    pub confirm_final: &'static str,
    pub confirm_yes: &'static str,
    pub confirm_no: &'static str,
    // Deleting a draft
    pub delete_draft: &'static str,
    pub delete_title: &'static str,
    pub delete_text: &'static str,
    pub delete_yes: &'static str,
    pub delete_no: &'static str,
    // Document pages
    pub printed_in_es: &'static str,
    pub printed_in_en: &'static str,
    pub credit_note_page: &'static str,
    pub corrected_invoice: &'static str,
    pub print: &'static str,
    // Partial credit
    pub credit_by: &'static str,
    pub credit_by_quantity: &'static str,
    pub credit_by_amount: &'static str,
    pub credit_invoiced: &'static str,
    pub credit_take_back: &'static str,
    // Lists
    pub kind_credit_note: &'static str,
    /// After a sent quote's state once its validity has ended.
    pub expired: &'static str,
    pub left_out_cancelled: &'static str,
    pub left_out_rejected: &'static str,
}

static ES: T = T {
    kept_here: "Lo escrito se guarda en este dispositivo; el borrador se guardará en cuanto los campos marcados estén bien.",
    attention_one: "Falta revisar 1 campo.",
    attention_many: "Falta revisar {n} campos.",
    recovered: "Se ha recuperado lo que estabas escribiendo.",
    discard_input: "Descartar lo escrito",
    pending_new_invoice: "Tienes una factura nueva sin terminar.",
    pending_new_quote: "Tienes un presupuesto nuevo sin terminar.",
    continue_it: "Continuar",
    line_amount: "Importe",
    remove_line_n: "Quitar la línea {n}",
    line_n: "Línea {n}",
    terms_fieldset: "Impuestos y descuentos",
    document_fieldset: "Cliente y fechas",
    early_fieldset: "Pronto pago",
    quote_save: "Guardar y ver el presupuesto",
    preview: "Vista previa",
    confirm_title: "¿Emitir la factura?",
    confirm_number: "Número que tomará",
    confirm_client: "Cliente",
    confirm_total: "Total",
    confirm_issue_date: "Fecha de emisión",
    confirm_due: "Vencimiento",
    confirm_final: "Una factura emitida ya no se puede editar ni borrar: si hay un error, se corrige con una factura rectificativa.",
    confirm_yes: "Emitir como {n}",
    confirm_no: "Seguir editando",
    delete_draft: "Eliminar borrador",
    delete_title: "¿Eliminar este borrador?",
    delete_text: "Se borra para siempre, con lo escrito en este dispositivo. No tiene número, así que no deja huecos en la numeración.",
    delete_yes: "Sí, eliminar",
    delete_no: "No, conservarlo",
    printed_in_es: "El documento está en español, el idioma del cliente.",
    printed_in_en: "El documento está en inglés, el idioma del cliente.",
    credit_note_page: "Factura rectificativa",
    corrected_invoice: "Ver la factura rectificada",
    print: "Imprimir / Guardar como PDF",
    credit_by: "Rectificar por",
    credit_by_quantity: "Unidades",
    credit_by_amount: "Importe",
    credit_invoiced: "Facturado",
    credit_take_back: "A rectificar",
    kind_credit_note: "Rectificativa",
    expired: "caducado",
    left_out_cancelled: "sin contar {n} anuladas ni sus rectificativas",
    left_out_rejected: "sin contar {n} rechazados",
};

static EN: T = T {
    kept_here: "What you type is kept on this device; the draft is saved as soon as the marked fields are right.",
    attention_one: "1 field needs attention.",
    attention_many: "{n} fields need attention.",
    recovered: "What you were typing has been recovered.",
    discard_input: "Discard what was typed",
    pending_new_invoice: "You have a new invoice you did not finish.",
    pending_new_quote: "You have a new quote you did not finish.",
    continue_it: "Continue",
    line_amount: "Amount",
    remove_line_n: "Remove line {n}",
    line_n: "Line {n}",
    terms_fieldset: "Taxes and discounts",
    document_fieldset: "Client and dates",
    early_fieldset: "Early payment",
    quote_save: "Save and view the quote",
    preview: "Preview",
    confirm_title: "Issue the invoice?",
    confirm_number: "Number it will take",
    confirm_client: "Client",
    confirm_total: "Total",
    confirm_issue_date: "Issue date",
    confirm_due: "Due date",
    confirm_final: "An issued invoice can no longer be edited or deleted: a mistake is corrected with a credit note.",
    confirm_yes: "Issue as {n}",
    confirm_no: "Keep editing",
    delete_draft: "Delete draft",
    delete_title: "Delete this draft?",
    delete_text: "It is deleted for good, with what was typed on this device. It has no number, so it leaves no gap in the numbering.",
    delete_yes: "Yes, delete it",
    delete_no: "No, keep it",
    printed_in_es: "The document is in Spanish, the client's language.",
    printed_in_en: "The document is in English, the client's language.",
    credit_note_page: "Credit note",
    corrected_invoice: "View the corrected invoice",
    print: "Print / Save as PDF",
    credit_by: "Correct by",
    credit_by_quantity: "Units",
    credit_by_amount: "Amount",
    credit_invoiced: "Invoiced",
    credit_take_back: "To take back",
    kind_credit_note: "Credit note",
    expired: "expired",
    left_out_cancelled: "not counting {n} cancelled and their credit notes",
    left_out_rejected: "not counting {n} rejected",
};

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

/// "Falta revisar 3 campos."
pub fn attention(n: usize, lang: Lang) -> String {
    let t = texts(lang);
    if n == 1 {
        t.attention_one.to_string()
    } else {
        t.attention_many.replace("{n}", &n.to_string())
    }
}

/// A text with `{n}` filled in.
pub fn with_n(template: &str, n: impl ToString) -> String {
    template.replace("{n}", &n.to_string())
}

/// A number as the UI language writes it (limits in messages: "100", "0,5").
fn number(d: rust_decimal::Decimal, lang: Lang) -> String {
    // Grouped as the language writes numbers ("2.400,5"), every decimal a value has kept.
    cobro_core::locale::decimal_trimmed(d, 28, lang)
}

/// What is wrong at one field of the editor, in plain words.
pub fn problem(field: FieldId, p: &InputProblem, lang: Lang) -> String {
    use InputProblem as P;
    let es = lang == Lang::Es;
    match p {
        P::Missing => match (field, es) {
            (FieldId::Client, true) => "Elige el cliente.".into(),
            (FieldId::Client, false) => "Choose the client.".into(),
            (FieldId::Series, true) => "Falta la serie de numeración: configúrala en Ajustes.".into(),
            (FieldId::Series, false) => "The numbering series is missing: set it up in Settings.".into(),
            (_, true) => "Falta este dato.".into(),
            (_, false) => "This is required.".into(),
        },
        P::NotADate(s) if es => format!("«{s}» no es una fecha."),
        P::NotADate(s) => format!("“{s}” is not a date."),
        P::NotANumber(s) if es => format!("«{s}» no es un número."),
        P::NotANumber(s) => format!("“{s}” is not a number."),
        P::NotWholeDays(s) if es => format!("«{s}» no es un número entero de días."),
        P::NotWholeDays(s) => format!("“{s}” is not a whole number of days."),
        P::Negative if es => "No puede ser negativo.".into(),
        P::Negative => "It cannot be negative.".into(),
        P::TooLarge { max } if es => format!("Como máximo {}.", number(*max, lang)),
        P::TooLarge { max } => format!("At most {}.", number(*max, lang)),
        P::TooManyDecimals { max } if es => format!("Como máximo {max} decimales."),
        P::TooManyDecimals { max } => format!("At most {max} decimals."),
        P::UnknownCurrency(c) if es => {
            format!("«{c}» no es un código de moneda ISO 4217 (por ejemplo, EUR).")
        }
        P::UnknownCurrency(c) => format!("“{c}” is not an ISO 4217 currency code (for example, EUR)."),
        P::Overflow if es => "El importe es demasiado grande para calcularlo.".into(),
        P::Overflow => "The amount is too large to compute.".into(),
        P::ExemptWithoutReason if es => {
            "Indica el motivo legal de la exención (por ejemplo, art. 20.Uno.9º LIVA).".into()
        }
        P::ExemptWithoutReason => "Give the legal ground of the exemption (e.g. art. 20.Uno.9º LIVA).".into(),
        P::DueBeforeIssue if es => "El vencimiento no puede ser anterior a la fecha de emisión.".into(),
        P::DueBeforeIssue => "The due date cannot be before the issue date.".into(),
        P::ValidBeforeIssue if es => "La validez no puede acabar antes de la fecha del presupuesto.".into(),
        P::ValidBeforeIssue => "The validity cannot end before the quote's date.".into(),
        P::EarlyDiscountTooHigh if es => "El descuento por pronto pago debe ser menor del 100 %.".into(),
        P::EarlyDiscountTooHigh => "The early-payment discount must be below 100%.".into(),
        P::Issue(d) => super::invoicing::draft_problem(d, lang),
    }
}

/// Why what a partial credit note takes back from a line is refused.
pub fn credit_line_problem(line: usize, p: &CreditLineProblem, lang: Lang) -> String {
    let what = credit_line_what(p, lang);
    match lang {
        Lang::Es => format!("Línea {line}: {what}"),
        Lang::En => format!("Line {line}: {what}"),
    }
}

/// The same, said at the line's own field: a sentence of its own.
pub fn credit_line_at_field(p: &CreditLineProblem, lang: Lang) -> String {
    let what = credit_line_what(p, lang);
    let mut chars = what.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn credit_line_what(p: &CreditLineProblem, lang: Lang) -> String {
    use CreditLineProblem as P;
    let es = lang == Lang::Es;
    match (p, es) {
        (P::NoSuchLine, true) => "la factura no tiene esa línea.".to_string(),
        (P::NoSuchLine, false) => "the invoice has no such line.".to_string(),
        (P::NotPositive, true) => "la cantidad o el importe debe ser mayor que cero.".to_string(),
        (P::NotPositive, false) => "the quantity or amount must be more than zero.".to_string(),
        (P::QuantityAbove { max }, true) => format!("como máximo {} unidades.", number(*max, lang)),
        (P::QuantityAbove { max }, false) => format!("at most {} units.", number(*max, lang)),
        (P::AmountAbove { max }, true) => format!("como máximo {}.", number(*max, lang)),
        (P::AmountAbove { max }, false) => format!("at most {}.", number(*max, lang)),
        (P::TooManyDecimals { max }, true) => format!("como máximo {max} decimales."),
        (P::TooManyDecimals { max }, false) => format!("at most {max} decimals."),
    }
}

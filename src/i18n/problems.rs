//! Every problem and refusal the core or storage can report, in the user's language, with
//! its parameters formatted for that language (amounts and dates by `cobro_core::locale`).
//! One function per error type, each an exhaustive `match` with no catch-all arm: a variant
//! added to the core without its words here does not compile. The English `Display` of a
//! core error is for logs and tools; the UI shows these.

use crate::storage::{OpError, StorageError, StorageErrorKind};
use cobro_core::backup::{
    BackupErrors, Conflict, ConflictKind, Inconsistency, MergeError, Problem, ProblemCode, Repair, Store,
};
use cobro_core::late_interest::RateProblem;
use cobro_core::lifecycle::{DraftProblem, LifecycleError};
use cobro_core::locale;
use cobro_core::money::MoneyError;
use cobro_core::numbering::{NumberingError, SequenceProblem, SeriesEditError};
use cobro_core::payment_info::{BicError, CharClass, EpcError, EpcField, IbanError, NoQrReason};
use cobro_core::report::ReportError;
use cobro_core::schedule::{ScheduleError, PRE_DUE_TOO_EARLY};
use cobro_core::tax_id::TaxIdProblem;
use cobro_core::validity::{FieldProblem, Invalid, Rule};
use cobro_core::{DocKind, Lang};
use rust_decimal::Decimal;

/// The Spanish or the English text; only the chosen one is built.
macro_rules! say {
    ($lang:expr, $es:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::Es => $es,
            Lang::En => $en,
        }
    };
}

fn s(text: &str) -> String {
    text.to_string()
}

/// A number as the user writes it (as many decimals as it has).
fn num(v: Decimal, lang: Lang) -> String {
    locale::decimal_trimmed(v, 28, lang)
}

fn date(d: chrono::NaiveDate, lang: Lang) -> String {
    locale::date(d, lang)
}

/// The name of an amount or percentage the core checks (`MoneyError`'s `field`), with its
/// article. Unknown names read as "the value": never an English word in Spanish.
fn amount_field(field: &str, lang: Lang) -> &'static str {
    match (field, lang) {
        ("quantity", Lang::Es) => "la cantidad",
        ("quantity", Lang::En) => "the quantity",
        ("unit price", Lang::Es) => "el precio unitario",
        ("unit price", Lang::En) => "the unit price",
        ("line discount", Lang::Es) => "el descuento de la línea",
        ("line discount", Lang::En) => "the line discount",
        ("VAT rate", Lang::Es) => "el tipo de IVA",
        ("VAT rate", Lang::En) => "the VAT rate",
        ("invoice discount", Lang::Es) => "el descuento de la factura",
        ("invoice discount", Lang::En) => "the invoice discount",
        ("withholding", Lang::Es) => "la retención",
        ("withholding", Lang::En) => "the withholding",
        ("early-payment discount", Lang::Es) => "el descuento por pronto pago",
        ("early-payment discount", Lang::En) => "the early-payment discount",
        ("early-payment days", Lang::Es) => "los días del pronto pago",
        ("early-payment days", Lang::En) => "the early-payment days",
        ("credit limit", Lang::Es) => "el límite de crédito",
        ("credit limit", Lang::En) => "the credit limit",
        ("amount" | "invoice amount" | "line amount", Lang::Es) => "el importe",
        ("amount" | "invoice amount" | "line amount", Lang::En) => "the amount",
        (_, Lang::Es) => "el valor",
        (_, Lang::En) => "the value",
    }
}

/// "La cantidad" from "la cantidad".
fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub fn money(e: &MoneyError, lang: Lang) -> String {
    match e {
        MoneyError::UnknownCurrency(c) => say!(
            lang,
            format!("«{c}» no es un código de moneda ISO 4217."),
            format!("“{c}” is not an ISO 4217 currency code.")
        ),
        MoneyError::Negative { field, value } => {
            let f = capital(amount_field(field, lang));
            say!(
                lang,
                format!("{f} no puede ser negativo ({}).", num(*value, lang)),
                format!("{f} cannot be negative ({}).", num(*value, lang))
            )
        }
        MoneyError::OutOfRange { field, value } => {
            let f = capital(amount_field(field, lang));
            say!(
                lang,
                format!("{f} está fuera de los límites ({}).", num(*value, lang)),
                format!("{f} is out of range ({}).", num(*value, lang))
            )
        }
        MoneyError::Overflow => say!(
            lang,
            s("Los importes son demasiado grandes para calcularlos."),
            s("The amounts are too large to compute.")
        ),
        MoneyError::TooManyDecimals { field, value, max } => {
            let f = capital(amount_field(field, lang));
            say!(
                lang,
                format!(
                    "{f} tiene demasiados decimales ({}): como máximo {max}.",
                    num(*value, lang)
                ),
                format!(
                    "{f} has too many decimals ({}): at most {max}.",
                    num(*value, lang)
                )
            )
        }
        MoneyError::NotANumber(input) => say!(
            lang,
            format!("«{input}» no es un número."),
            format!("“{input}” is not a number.")
        ),
        MoneyError::Line { line, error } => say!(
            lang,
            format!("Línea {line}: {}", money(error, lang)),
            format!("Line {line}: {}", money(error, lang))
        ),
    }
}

pub fn draft(p: &DraftProblem, lang: Lang) -> String {
    match p {
        DraftProblem::NoLines => say!(
            lang,
            s("La factura no tiene conceptos."),
            s("The invoice has no lines.")
        ),
        DraftProblem::LineWithoutDescription { line } => say!(
            lang,
            format!("La línea {line} no tiene descripción."),
            format!("Line {line} has no description.")
        ),
        DraftProblem::PoMissing => say!(
            lang,
            s("Este cliente exige número de pedido (PO) en cada factura: escríbelo antes de emitirla."),
            s("This client requires a purchase-order (PO) number on every invoice: enter it before issuing.")
        ),
        DraftProblem::DueBeforeIssue { issue, due } => say!(
            lang,
            format!(
                "El vencimiento ({}) es anterior a la fecha de emisión ({}).",
                date(*due, lang),
                date(*issue, lang)
            ),
            format!(
                "The due date ({}) is before the issue date ({}).",
                date(*due, lang),
                date(*issue, lang)
            )
        ),
        DraftProblem::UnknownCurrency(c) => money(&MoneyError::UnknownCurrency(c.clone()), lang),
        DraftProblem::ZeroTotal => say!(
            lang,
            s("El total es cero: una factura tiene que cobrar algo (si no hay nada que cobrar, elimina el borrador)."),
            s("The total is zero: an invoice must charge something (if there is nothing to charge, delete the draft).")
        ),
        DraftProblem::NegativeTotal(t) => say!(
            lang,
            format!(
                "El total es negativo ({}): para rebajar una factura usa una rectificativa.",
                num(*t, lang)
            ),
            format!(
                "The total is negative ({}): reduce an invoice with a credit note instead.",
                num(*t, lang)
            )
        ),
        DraftProblem::ClientMismatch => say!(
            lang,
            s("La factura es de otro cliente."),
            s("The invoice is addressed to a different client.")
        ),
        DraftProblem::Amounts(e) => money(e, lang),
    }
}

/// The names the lifecycle gives to events and reference dates (`LifecycleError::TooEarly`).
fn lifecycle_word(word: &str, lang: Lang) -> &'static str {
    match (word, lang) {
        ("sending", Lang::Es) => "del envío",
        ("sending", Lang::En) => "sending",
        ("receipt", Lang::Es) => "de la recepción",
        ("receipt", Lang::En) => "receipt",
        ("dispute", Lang::Es) => "de la disputa",
        ("dispute", Lang::En) => "dispute",
        ("resolution", Lang::Es) => "de la resolución",
        ("resolution", Lang::En) => "resolution",
        ("credit note", Lang::Es) => "de la rectificativa",
        ("credit note", Lang::En) => "credit note",
        ("answer", Lang::Es) => "de la respuesta",
        ("answer", Lang::En) => "answer",
        ("issue date", Lang::Es) => "la fecha de emisión",
        ("issue date", Lang::En) => "the issue date",
        ("sending date", Lang::Es) => "la fecha de envío",
        ("sending date", Lang::En) => "the sending date",
        ("end of the previous dispute", Lang::Es) => "el fin de la disputa anterior",
        ("end of the previous dispute", Lang::En) => "the end of the previous dispute",
        ("opening of the dispute", Lang::Es) => "la apertura de la disputa",
        ("opening of the dispute", Lang::En) => "the opening of the dispute",
        ("invoice date", Lang::Es) => "la fecha de la factura",
        ("invoice date", Lang::En) => "the invoice date",
        ("quote date", Lang::Es) => "la fecha del presupuesto",
        ("quote date", Lang::En) => "the quote date",
        (_, Lang::Es) => "",
        (_, Lang::En) => "",
    }
}

fn doc_kind(kind: DocKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (DocKind::Invoice, Lang::Es) => "facturas",
        (DocKind::Invoice, Lang::En) => "invoices",
        (DocKind::CreditNote, Lang::Es) => "rectificativas",
        (DocKind::CreditNote, Lang::En) => "credit notes",
        (DocKind::Quote, Lang::Es) => "presupuestos",
        (DocKind::Quote, Lang::En) => "quotes",
    }
}

pub fn lifecycle(e: &LifecycleError, lang: Lang) -> String {
    match e {
        LifecycleError::CreditLine { line, problem } => {
            super::documents::credit_line_problem(*line, problem, lang)
        }
        LifecycleError::NothingPicked => say!(
            lang,
            s("Indica una cantidad o un importe a rectificar en al menos una línea."),
            s("Give a quantity or an amount to take back on at least one line.")
        ),
        LifecycleError::NotIssued => say!(
            lang,
            s("La factura aún es un borrador: emítela primero."),
            s("This invoice is still a draft: issue it first.")
        ),
        LifecycleError::AlreadyIssued { number } => say!(
            lang,
            format!("Ya está emitida como {number}."),
            format!("It is already issued as {number}.")
        ),
        LifecycleError::NotEditable { number } => say!(
            lang,
            format!(
                "La factura {number} ya está emitida y no se puede editar: corrígela con una rectificativa."
            ),
            format!("Invoice {number} is issued and cannot be edited: correct it with a credit note.")
        ),
        LifecycleError::Cancelled => say!(
            lang,
            s("Esta factura ya está anulada por una rectificativa."),
            s("This invoice was cancelled by a credit note.")
        ),
        LifecycleError::InvalidDraft(problems) => {
            let items: Vec<String> = problems.iter().map(|p| draft(p, lang)).collect();
            say!(
                lang,
                format!("No se puede emitir: {}", items.join(" ")),
                format!("It cannot be issued: {}", items.join(" "))
            )
        }
        LifecycleError::NotSent => say!(
            lang,
            s("La factura aún no se ha enviado: registra primero el envío."),
            s("The invoice has not been sent yet: record the sending first.")
        ),
        LifecycleError::DisputeAlreadyOpen => say!(
            lang,
            s("La factura ya tiene una disputa abierta."),
            s("The invoice already has an open dispute.")
        ),
        LifecycleError::NoOpenDispute => say!(
            lang,
            s("La factura no tiene ninguna disputa abierta."),
            s("The invoice has no open dispute.")
        ),
        LifecycleError::EmptyReason => say!(lang, s("Hace falta un motivo."), s("A reason is needed.")),
        LifecycleError::TooEarly {
            event,
            date: d,
            reference,
            earliest,
        } => say!(
            lang,
            format!(
                "La fecha {} ({}) no puede ser anterior a {} ({}).",
                lifecycle_word(event, lang),
                date(*d, lang),
                lifecycle_word(reference, lang),
                date(*earliest, lang)
            )
            .replace("fecha  (", "fecha ("),
            format!(
                "The {} date ({}) cannot be before {} ({}).",
                lifecycle_word(event, lang),
                date(*d, lang),
                lifecycle_word(reference, lang),
                date(*earliest, lang)
            )
        ),
        LifecycleError::WrongSeriesKind { expected, found } => say!(
            lang,
            format!(
                "Esta serie numera {}, no {}.",
                doc_kind(*found, lang),
                doc_kind(*expected, lang)
            ),
            format!(
                "This numbering series is for {}, not for {}.",
                doc_kind(*found, lang),
                doc_kind(*expected, lang)
            )
        ),
        LifecycleError::WrongSeries { .. } => say!(
            lang,
            s("El documento pertenece a otra serie de numeración."),
            s("The document belongs to another numbering series.")
        ),
        LifecycleError::ClientMismatch => say!(
            lang,
            s("El documento es de otro cliente."),
            s("The document belongs to another client.")
        ),
        LifecycleError::NoLines => say!(
            lang,
            s("El documento no tiene conceptos."),
            s("The document has no lines.")
        ),
        LifecycleError::NothingToCredit { total } => say!(
            lang,
            format!(
                "No hay nada que rectificar: el total de la rectificativa es {}.",
                num(*total, lang)
            ),
            format!(
                "There is nothing to credit: the credit note's total is {}.",
                num(*total, lang)
            )
        ),
        LifecycleError::CreditExceedsRemaining {
            requested,
            remaining,
            currency,
        } => {
            let f = |v| cobro_core::money::format_amount(v, currency, lang);
            say!(
                lang,
                format!(
                    "La rectificativa ({}) supera lo que queda por rectificar de la factura ({}).",
                    f(*requested),
                    f(*remaining)
                ),
                format!(
                    "The credit note ({}) is more than what is left to credit on the invoice ({}).",
                    f(*requested),
                    f(*remaining)
                )
            )
        }
        LifecycleError::QuoteTransition { action, state } => {
            let state = match (*state, lang) {
                ("still a draft", Lang::Es) => "aún es un borrador",
                ("sent", Lang::Es) => "está enviado",
                ("accepted", Lang::Es) => "está aceptado",
                ("rejected", Lang::Es) => "está rechazado",
                (_, Lang::Es) => "no está en un estado que lo permita",
                ("still a draft", Lang::En) => "is still a draft",
                ("sent", Lang::En) => "is sent",
                ("accepted", Lang::En) => "is accepted",
                ("rejected", Lang::En) => "is rejected",
                (_, Lang::En) => "is not in a state that allows it",
            };
            let action = match (*action, lang) {
                ("send", Lang::Es) => "enviar",
                ("accept", Lang::Es) => "aceptar",
                ("reject", Lang::Es) => "rechazar",
                ("invoice", Lang::Es) => "facturar",
                (_, Lang::Es) => "cambiar",
                ("send", Lang::En) => "send",
                ("accept", Lang::En) => "accept",
                ("reject", Lang::En) => "reject",
                ("invoice", Lang::En) => "invoice",
                (_, Lang::En) => "change",
            };
            say!(
                lang,
                format!("No se puede {action} el presupuesto: {state}."),
                format!("The quote cannot {action}: it {state}.")
                    .replace("cannot invoice", "cannot be invoiced")
            )
        }
        LifecycleError::QuoteAlreadyNumbered { number } => say!(
            lang,
            format!("Este presupuesto ya tiene número: {number}."),
            format!("This quote already has its number, {number}.")
        ),
        LifecycleError::QuoteAlreadyInvoiced => say!(
            lang,
            s("Este presupuesto ya se convirtió en factura."),
            s("This quote has already been turned into an invoice.")
        ),
        LifecycleError::Numbering(e) => numbering(e, lang),
        LifecycleError::Money(e) => money(e, lang),
    }
}

pub fn numbering(e: &NumberingError, lang: Lang) -> String {
    match e {
        NumberingError::CounterExhausted { series, year } => say!(
            lang,
            format!("La serie «{series}» ha agotado su contador para {year}."),
            format!("The numbering series “{series}” has used up its counter for {year}.")
        ),
        NumberingError::YearOutOfRange(year) => say!(
            lang,
            format!("El año {year} no se puede escribir con cuatro cifras en un número de documento."),
            format!("The year {year} cannot be printed with four digits in a document number.")
        ),
    }
}

pub fn series_edit(e: &SeriesEditError, lang: Lang) -> String {
    use cobro_core::numbering::{MAX_NEXT, MAX_PADDING, MAX_PREFIX};
    match e {
        SeriesEditError::BadPrefix => say!(
            lang,
            format!("El prefijo necesita de 1 a {MAX_PREFIX} letras, cifras o los signos - _ / . (sin espacios)."),
            format!("The prefix needs 1 to {MAX_PREFIX} letters, digits or the signs - _ / . (no spaces).")
        ),
        SeriesEditError::BadSeparator => say!(
            lang,
            s("El separador admite hasta 3 de los signos - _ / . (ni letras, ni cifras, ni espacios)."),
            s("The separator may have up to 3 of the signs - _ / . (no letters, digits or spaces).")
        ),
        SeriesEditError::BadPadding => say!(
            lang,
            format!("El contador necesita entre 1 y {MAX_PADDING} cifras."),
            format!("The counter needs between 1 and {MAX_PADDING} digits.")
        ),
        SeriesEditError::PrefixTaken(_, prefix) => say!(
            lang,
            format!("Otra serie ya usa el prefijo «{prefix}»: dos tipos de documento tendrían los mismos números."),
            format!("Another series already uses the prefix “{prefix}”: two kinds of document would get the same numbers.")
        ),
        SeriesEditError::FormatLocked => say!(
            lang,
            s("Ya hay documentos numerados con esta serie: su formato no puede cambiar (los números anteriores dejarían de encajar)."),
            s("Documents are already numbered in this series, so its format cannot change any more (old numbers would stop matching it).")
        ),
        SeriesEditError::NextLocked(year) => say!(
            lang,
            format!("Esta serie ya ha usado números de {year}: el siguiente va a continuación y no se puede cambiar."),
            format!("Numbers of {year} are already used in this series: the next number follows them and cannot be set.")
        ),
        SeriesEditError::BadNext => say!(
            lang,
            format!(
                "El siguiente número debe ser un número entero entre 1 y {}.",
                locale::integer(i64::from(MAX_NEXT), lang)
            ),
            format!(
                "The next number must be a whole number between 1 and {}.",
                locale::integer(i64::from(MAX_NEXT), lang)
            )
        ),
    }
}

pub fn sequence(p: &SequenceProblem, lang: Lang) -> String {
    match p {
        SequenceProblem::Gap {
            first, last, count, ..
        } => match (count, lang) {
            (1, Lang::Es) => format!("Falta el número {first} en la serie."),
            (1, Lang::En) => format!("Number {first} is missing from the series."),
            (n, Lang::Es) => format!("Faltan los números {first} a {last} en la serie ({n} números)."),
            (n, Lang::En) => format!("Numbers {first} to {last} are missing from the series ({n} numbers)."),
        },
        SequenceProblem::Duplicate { number, count, .. } => say!(
            lang,
            format!("El número {number} está usado {count} veces."),
            format!("Number {number} is used {count} times.")
        ),
        SequenceProblem::NotInSeries { number, .. } => say!(
            lang,
            format!("El número {number} no sigue el formato de su serie."),
            format!("Number {number} does not follow the pattern of its series.")
        ),
        SequenceProblem::YearMismatch {
            number,
            number_year,
            issue_date,
            ..
        } => say!(
            lang,
            format!(
                "El número {number} lleva el año {number_year}, pero el documento es del {}.",
                date(*issue_date, lang)
            ),
            format!(
                "Number {number} shows the year {number_year} but the document is dated {}.",
                date(*issue_date, lang)
            )
        ),
        SequenceProblem::OutOfDateOrder {
            number,
            date: d,
            previous,
            previous_date,
            ..
        } => say!(
            lang,
            format!(
                "El número {number} es del {}, anterior al número que lo precede, {previous} ({}).",
                date(*d, lang),
                date(*previous_date, lang)
            ),
            format!(
                "Number {number} is dated {}, earlier than the number before it, {previous} ({}).",
                date(*d, lang),
                date(*previous_date, lang)
            )
        ),
        SequenceProblem::CounterBehind { stored, highest, .. } => say!(
            lang,
            format!("El contador de la serie está en {stored}, pero {highest} ya está usado: el siguiente número se repetiría."),
            format!("The series counter is at {stored} but {highest} is already used: the next number would repeat.")
        ),
        SequenceProblem::UnknownSeries { series_id, count } => say!(
            lang,
            format!("Hay {count} documentos numerados en una serie que no existe («{series_id}»)."),
            format!("{count} documents are numbered in a series that does not exist (“{series_id}”).")
        ),
        SequenceProblem::WrongKind {
            number,
            kind,
            series_kind,
            ..
        } => say!(
            lang,
            format!(
                "El número {number} de una serie de {} se dio a un documento de otro tipo ({}).",
                doc_kind(*series_kind, lang),
                doc_kind(*kind, lang)
            ),
            format!(
                "Number {number} was given to one of the {} from a series meant for {}.",
                doc_kind(*kind, lang),
                doc_kind(*series_kind, lang)
            )
        ),
    }
}

/// What a follow-up step is called (`ScheduleError::NotOpen`'s `kind`).
fn step_kind_word(label: &str, lang: Lang) -> &'static str {
    match (label, lang) {
        ("receipt check", Lang::Es) => "comprobación de recepción",
        ("pre-due contact", Lang::Es) => "contacto previo al vencimiento",
        ("due-day reminder", Lang::Es) => "recordatorio del vencimiento",
        ("reminder", Lang::Es) => "recordatorio",
        ("formal letter", Lang::Es) => "carta formal",
        ("escalation", Lang::Es) => "escalado",
        ("promise check", Lang::Es) => "comprobación de la promesa",
        (_, Lang::Es) => "paso",
        ("receipt check", Lang::En) => "receipt check",
        ("pre-due contact", Lang::En) => "pre-due contact",
        ("due-day reminder", Lang::En) => "due-day reminder",
        ("reminder", Lang::En) => "reminder",
        ("formal letter", Lang::En) => "formal letter",
        ("escalation", Lang::En) => "escalation",
        ("promise check", Lang::En) => "promise check",
        (_, Lang::En) => "step",
    }
}

pub fn schedule(e: &ScheduleError, lang: Lang) -> String {
    match e {
        ScheduleError::NotOpen { kind, state } => {
            let state = match (*state, lang) {
                ("done", Lang::Es) => "ya está hecho",
                ("skipped", Lang::Es) => "ya está omitido",
                (_, Lang::Es) => "ya está cerrado por un hecho posterior",
                ("done", Lang::En) => "is already done",
                ("skipped", Lang::En) => "is already skipped",
                (_, Lang::En) => "is already closed by a later event",
            };
            let kind = step_kind_word(kind, lang);
            say!(
                lang,
                format!("Este paso ({kind}) {state}: solo se puede cambiar un paso abierto."),
                format!("This {kind} {state}: only an open step can be changed.")
            )
        }
        ScheduleError::SnoozeInPast { to, today } => say!(
            lang,
            format!(
                "No se puede posponer al {}: esa fecha ya ha pasado (hoy es {}).",
                date(*to, lang),
                date(*today, lang)
            ),
            format!(
                "Cannot postpone to {}: that date is already past (today is {}).",
                date(*to, lang),
                date(*today, lang)
            )
        ),
        ScheduleError::EmptyReason => say!(
            lang,
            s("Indica por qué se omite este paso."),
            s("Please say why this step is skipped.")
        ),
        ScheduleError::DisputeNotResolved => say!(
            lang,
            s("La disputa aún no está resuelta, así que el seguimiento sigue en pausa."),
            s("The dispute is not resolved yet, so the follow-up stays paused.")
        ),
        ScheduleError::ResolvedBeforeOpened { opened, resolved } => say!(
            lang,
            format!(
                "La disputa no se puede resolver el {}, antes de abrirse el {}.",
                date(*resolved, lang),
                date(*opened, lang)
            ),
            format!(
                "The dispute cannot be resolved on {} before it was opened on {}.",
                date(*resolved, lang),
                date(*opened, lang)
            )
        ),
        ScheduleError::DateOutOfRange => say!(
            lang,
            s("La fecha está demasiado lejos de hoy para programarla."),
            s("The date is too far from today to schedule.")
        ),
    }
}

/// Why a follow-up step was skipped: the schedule's own reason in the user's language, or
/// the reason the user typed, as typed.
pub fn step_reason(reason: &str, lang: Lang) -> String {
    if reason == PRE_DUE_TOO_EARLY {
        say!(
            lang,
            s("el contacto previo al vencimiento caería en la comprobación de recepción o antes, así que no se hace."),
            s("the pre-due contact would fall on or before the receipt check, so it is not made.")
        )
    } else {
        reason.to_string()
    }
}

fn char_class(c: CharClass, lang: Lang) -> &'static str {
    match (c, lang) {
        (CharClass::Digit, Lang::Es) => "una cifra",
        (CharClass::Digit, Lang::En) => "a digit",
        (CharClass::Letter, Lang::Es) => "una letra",
        (CharClass::Letter, Lang::En) => "a letter",
        (CharClass::LetterOrDigit, Lang::Es) => "una letra o una cifra",
        (CharClass::LetterOrDigit, Lang::En) => "a letter or a digit",
    }
}

pub fn iban(e: &IbanError, lang: Lang) -> String {
    match e {
        IbanError::Empty => say!(lang, s("Falta el IBAN."), s("The IBAN is empty.")),
        IbanError::InvalidCharacter(c) => say!(
            lang,
            format!("El IBAN contiene «{c}», que no es letra ni cifra."),
            format!("The IBAN contains “{c}”, which is not a letter or a digit.")
        ),
        IbanError::BadFormat => say!(
            lang,
            s("Un IBAN empieza por el código del país (dos letras) y dos dígitos de control."),
            s("An IBAN starts with a two-letter country code and two check digits.")
        ),
        IbanError::UnknownCountry(c) => say!(
            lang,
            format!("«{c}» no es un país que use IBAN."),
            format!("“{c}” is not a country that uses IBANs.")
        ),
        IbanError::WrongLength {
            country,
            expected,
            found,
        } => say!(
            lang,
            format!("Un IBAN de {country} tiene {expected} caracteres; este tiene {found}."),
            format!("An IBAN from {country} has {expected} characters; this one has {found}.")
        ),
        IbanError::BbanFormat {
            country,
            position,
            expected,
        } => say!(
            lang,
            format!(
                "El carácter {position} de un IBAN de {country} debe ser {}.",
                char_class(*expected, lang)
            ),
            format!(
                "Character {position} of an IBAN from {country} must be {}.",
                char_class(*expected, lang)
            )
        ),
        IbanError::BadCheckDigits => say!(
            lang,
            s("Los dígitos de control del IBAN no cuadran: hay una errata."),
            s("The IBAN's check digits do not match: there is a typo in it.")
        ),
        IbanError::NationalCheckDigits { .. } => say!(
            lang,
            s("Los dígitos de control de la cuenta (DC) no cuadran: hay una errata."),
            s("The account number's own check digits do not match: there is a typo in it.")
        ),
    }
}

pub fn bic(e: &BicError, lang: Lang) -> String {
    match e {
        BicError::WrongLength(n) => say!(
            lang,
            format!("Un BIC tiene 8 u 11 caracteres; este tiene {n}."),
            format!("A BIC has 8 or 11 characters; this one has {n}.")
        ),
        BicError::BadFormat(b) => say!(
            lang,
            format!("«{b}» no es un BIC válido: 4 letras o cifras del banco, 2 letras del país y 2 (o 5) letras o cifras."),
            format!("“{b}” is not a valid BIC: 4 letters or digits for the bank, 2 letters for the country, then 2 (or 5) letters or digits.")
        ),
        BicError::UnknownCountry(c) => say!(
            lang,
            format!("«{c}» no es un código de país: un BIC lleva el del país del banco en las posiciones 5 y 6."),
            format!("“{c}” is not a country code: a BIC carries the bank's country in positions 5 and 6.")
        ),
    }
}

fn epc_field(f: EpcField, lang: Lang) -> &'static str {
    match (f, lang) {
        (EpcField::BeneficiaryName, Lang::Es) => "el nombre del titular",
        (EpcField::BeneficiaryName, Lang::En) => "the account holder's name",
        (EpcField::Remittance, Lang::Es) => "la referencia del pago",
        (EpcField::Remittance, Lang::En) => "the payment reference",
    }
}

pub fn epc(e: &EpcError, lang: Lang) -> String {
    match e {
        EpcError::Iban(e) => iban(e, lang),
        EpcError::Bic(e) => bic(e, lang),
        EpcError::NotEuro(c) => say!(
            lang,
            format!("Un código QR de transferencia solo puede pedir euros, no {c}."),
            format!("A transfer QR code can only ask for euros, not {c}.")
        ),
        EpcError::NotSepa(c) => say!(
            lang,
            format!("Un código QR de transferencia necesita una cuenta de la zona SEPA, no de {c}."),
            format!("A transfer QR code needs an account in the SEPA zone, not in {c}.")
        ),
        EpcError::BadAmount(a) => say!(
            lang,
            format!(
                "El importe de un código QR de transferencia debe estar entre 0,01 y 999.999.999,99 euros con dos decimales como mucho ({}).",
                num(*a, lang)
            ),
            format!(
                "The amount of a transfer QR code must be between 0.01 and 999,999,999.99 euros with at most 2 decimals ({}).",
                num(*a, lang)
            )
        ),
        EpcError::MissingName => say!(
            lang,
            s("Falta el nombre del titular de la cuenta."),
            s("The account holder's name is required.")
        ),
        EpcError::TooLong { field, max, found } => say!(
            lang,
            format!(
                "{} es demasiado largo para el código QR de transferencia: {found} caracteres, como máximo {max}.",
                capital(epc_field(*field, lang))
            ),
            format!(
                "{} is too long for a transfer QR code: {found} characters, at most {max}.",
                capital(epc_field(*field, lang))
            )
        ),
        EpcError::ControlCharacter(field) => say!(
            lang,
            format!("{} no puede tener saltos de línea.", capital(epc_field(*field, lang))),
            format!("{} cannot contain line breaks.", capital(epc_field(*field, lang)))
        ),
        EpcError::PayloadTooLong(n) => say!(
            lang,
            format!("El código QR de transferencia ocuparía {n} bytes; como máximo caben 331."),
            format!("The transfer QR code would be {n} bytes long; at most 331 are allowed.")
        ),
    }
}

/// Why an invoice shows no transfer QR code (on screen only).
pub fn no_qr(reason: &NoQrReason, lang: Lang) -> String {
    match reason {
        NoQrReason::Draft => say!(
            lang,
            s("El código QR de pago aparece al emitir la factura."),
            s("The payment QR code appears once the invoice is issued.")
        ),
        NoQrReason::Cancelled => say!(
            lang,
            s("Sin código QR de pago: la factura está anulada."),
            s("No payment QR code: the invoice is cancelled.")
        ),
        NoQrReason::NothingOwed => say!(
            lang,
            s("Sin código QR de pago: no queda nada por cobrar."),
            s("No payment QR code: nothing is left to pay.")
        ),
        NoQrReason::NoBankTransfer => say!(
            lang,
            s("Sin código QR de pago: ninguna forma de pago de la factura es una transferencia."),
            s("No payment QR code: none of the invoice's payment methods is a bank transfer.")
        ),
        NoQrReason::NotEuro { currency } => say!(
            lang,
            format!("Sin código QR de pago: solo existe para facturas en euros, no en {currency}."),
            format!("No payment QR code: it exists only for invoices in euros, not in {currency}.")
        ),
        NoQrReason::NotSepa { country } => say!(
            lang,
            format!("Sin código QR de pago: la cuenta ({country}) está fuera de la zona SEPA."),
            format!("No payment QR code: the account ({country}) is outside the SEPA zone.")
        ),
        NoQrReason::Invalid(e) => say!(
            lang,
            format!("Sin código QR de pago: {}", epc(e, lang)),
            format!("No payment QR code: {}", epc(e, lang))
        ),
        NoQrReason::Totals(e) => say!(
            lang,
            format!("Sin código QR de pago: {}", money(e, lang)),
            format!("No payment QR code: {}", money(e, lang))
        ),
    }
}

pub fn tax_id(p: &TaxIdProblem, lang: Lang) -> String {
    match p {
        TaxIdProblem::Format => say!(
            lang,
            s("No es un NIF, NIE ni CIF español: 8 cifras y una letra (DNI); X, Y o Z, 7 cifras y una letra (NIE); o una letra, 7 cifras y un carácter de control (empresas). Si es extranjero, indica el país en la dirección."),
            s("This is not a Spanish NIF, NIE or CIF: 8 digits and a letter (DNI); X, Y or Z, 7 digits and a letter (NIE); or a letter, 7 digits and a check character (companies). If it is foreign, enter the country in the address.")
        ),
        TaxIdProblem::CheckCharacter { expected } => say!(
            lang,
            format!("El carácter de control no cuadra: con estas cifras sería «{expected}». Revisa que no haya una errata."),
            format!("The check character does not match: with these digits it would be “{expected}”. Check for a typo.")
        ),
    }
}

/// What is wrong with one value, in the user's language.
pub fn rule(r: &Rule, lang: Lang) -> String {
    match r {
        Rule::Schedule(p) => super::recurring::problem(p, lang),
        Rule::Required => say!(
            lang,
            s("Este campo es obligatorio."),
            s("This field is required.")
        ),
        Rule::TooLong { max, len } => say!(
            lang,
            format!(
                "Demasiado largo: {} caracteres, como máximo {}.",
                locale::integer(*len as i64, lang),
                locale::integer(*max as i64, lang)
            ),
            format!(
                "Too long: {} characters, at most {}.",
                locale::integer(*len as i64, lang),
                locale::integer(*max as i64, lang)
            )
        ),
        Rule::TaxId(p) => tax_id(p, lang),
        Rule::Email => say!(
            lang,
            s("No es una dirección de correo electrónico (nombre@dominio.es)."),
            s("This is not an email address (name@domain.com).")
        ),
        Rule::Url => say!(
            lang,
            s("No es una dirección web: debe empezar por https://."),
            s("This is not a web address: it must start with https://.")
        ),
        Rule::Phone => say!(
            lang,
            s("No es un número de teléfono (de 6 a 15 cifras; se admiten espacios, guiones y un + inicial)."),
            s("This is not a phone number (6 to 15 digits; spaces, dashes and a leading + are fine).")
        ),
        Rule::Iban(e) => iban(e, lang),
        Rule::Bic(e) => bic(e, lang),
        Rule::Beneficiary(e) => epc(e, lang),
        Rule::Money(e) => money(e, lang),
        Rule::NotPositive { amount } => say!(
            lang,
            format!("El importe debe ser mayor que cero, no {}.", num(*amount, lang)),
            format!("The amount must be more than zero, not {}.", num(*amount, lang))
        ),
        Rule::Days { days, max } => say!(
            lang,
            format!(
                "Los días deben estar entre 0 y {}, no {}.",
                locale::integer(*max, lang),
                locale::integer(*days, lang)
            ),
            format!(
                "The number of days must be between 0 and {}, not {}.",
                locale::integer(*max, lang),
                locale::integer(*days, lang)
            )
        ),
        Rule::DateOutOfRange { date: d } => say!(
            lang,
            format!(
                "La fecha {} está fuera de los años {}–{}.",
                date(*d, lang),
                cobro_core::backup::MIN_YEAR,
                cobro_core::backup::MAX_YEAR
            ),
            format!(
                "The date {} is outside the years {}–{}.",
                date(*d, lang),
                cobro_core::backup::MIN_YEAR,
                cobro_core::backup::MAX_YEAR
            )
        ),
        Rule::InFuture { date: d, today } => say!(
            lang,
            format!(
                "La fecha {} es futura (hoy es {}).",
                date(*d, lang),
                date(*today, lang)
            ),
            format!(
                "The date {} is in the future (today is {}).",
                date(*d, lang),
                date(*today, lang)
            )
        ),
        Rule::DueBeforeIssue { due, issued } => say!(
            lang,
            format!(
                "El vencimiento ({}) es anterior a la fecha de emisión ({}).",
                date(*due, lang),
                date(*issued, lang)
            ),
            format!(
                "The due date ({}) is before the issue date ({}).",
                date(*due, lang),
                date(*issued, lang)
            )
        ),
        Rule::ValidBeforeIssue { until, issued } => say!(
            lang,
            format!(
                "El presupuesto vale hasta el {}, antes de su fecha ({}).",
                date(*until, lang),
                date(*issued, lang)
            ),
            format!(
                "The quote is valid until {}, before its date ({}).",
                date(*until, lang),
                date(*issued, lang)
            )
        ),
        Rule::UnknownCurrency { code } => money(&MoneyError::UnknownCurrency(code.clone()), lang),
        Rule::EarlyDiscount { pct } => say!(
            lang,
            format!(
                "El descuento por pronto pago debe ser mayor que 0 % y menor que 100 %, no {}.",
                locale::percent(*pct, 4, lang)
            ),
            format!(
                "An early-payment discount must be more than 0% and less than 100%, not {}.",
                locale::percent(*pct, 4, lang)
            )
        ),
        Rule::Series(e) => series_edit(e, lang),
        Rule::Interval { days, max } => say!(
            lang,
            format!(
                "Los días deben estar entre 1 y {}, no {}.",
                locale::integer(*max, lang),
                locale::integer(*days, lang)
            ),
            format!(
                "The number of days must be between 1 and {}, not {}.",
                locale::integer(*max, lang),
                locale::integer(*days, lang)
            )
        ),
        Rule::LateRate(p) => late_rate(*p, lang),
        Rule::CreditLine(p) => super::documents::credit_line_at_field(p, lang),
        Rule::NothingPicked => say!(
            lang,
            s("Indica una cantidad o un importe a rectificar en al menos una línea."),
            s("Give a quantity or an amount to take back on at least one line.")
        ),
    }
}

/// Why a semester's late-payment rate cannot be used.
fn late_rate(p: RateProblem, lang: Lang) -> String {
    match p {
        RateProblem::Year => say!(
            lang,
            s("El año debe estar entre 2000 y 2100."),
            s("The year must be between 2000 and 2100.")
        ),
        RateProblem::Half => say!(
            lang,
            s("El semestre debe ser el 1.º o el 2.º."),
            s("The half-year must be the first or the second.")
        ),
        RateProblem::Rate => say!(
            lang,
            format!(
                "El tipo anual debe estar entre {} y {}.",
                locale::percent(Decimal::ZERO, 2, lang),
                locale::percent(Decimal::ONE_HUNDRED, 2, lang)
            ),
            format!(
                "The yearly rate must be between {} and {}.",
                locale::percent(Decimal::ZERO, 2, lang),
                locale::percent(Decimal::ONE_HUNDRED, 2, lang)
            )
        ),
    }
}

/// The words of one problem of a record ("el campo: el problema" is up to the form, which
/// shows it at the field).
pub fn field_problem(p: &FieldProblem, lang: Lang) -> String {
    // An exemption without its legal ground: the field is the reason, say so.
    if p.rule == Rule::Required && (p.path == "vat" || p.path.ends_with(".vat")) {
        return say!(
            lang,
            s("Indica el motivo de la exención de IVA."),
            s("Give the reason for the VAT exemption.")
        );
    }
    rule(&p.rule, lang)
}

/// Every problem of a refused write, one sentence each, labelled by field where the field
/// is known.
pub fn invalid(e: &Invalid, lang: Lang) -> String {
    let parts: Vec<String> =
        e.0.iter()
            .map(|p| match field_label(&p.path, lang) {
                Some(label) => format!("{label}: {}", rule(&p.rule, lang)),
                None => rule(&p.rule, lang),
            })
            .collect();
    parts.join(" ")
}

/// The name of a field of a record by its path (`ap_contact_email`, `lines[2].description`)
/// as the forms label it; `None` for the record as a whole or a field without a form.
pub fn field_label(path: &str, lang: Lang) -> Option<String> {
    let (line, field) = match path.strip_prefix("lines[") {
        Some(rest) => {
            let (i, field) = rest.split_once("].")?;
            (i.parse::<usize>().ok().map(|i| i + 1), field)
        }
        None => (None, path),
    };
    // The last key, without an item index ("payment_method_ids[0]": the method ids).
    let key = field.rsplit('.').next().unwrap_or(field);
    let key = key.split('[').next().unwrap_or(key);
    let name = match (key, lang) {
        ("", _) => return None,
        ("legal_name" | "name", Lang::Es) => "Nombre",
        ("legal_name" | "name", Lang::En) => "Name",
        ("tax_id", Lang::Es) => "NIF",
        ("tax_id", Lang::En) => "Tax id",
        ("street", Lang::Es) => "Dirección",
        ("street", Lang::En) => "Street",
        ("postal_code", Lang::Es) => "Código postal",
        ("postal_code", Lang::En) => "Postal code",
        ("city", Lang::Es) => "Ciudad",
        ("city", Lang::En) => "City",
        ("region", Lang::Es) => "Provincia",
        ("region", Lang::En) => "Region",
        ("country", Lang::Es) => "País",
        ("country", Lang::En) => "Country",
        ("ap_contact_name", Lang::Es) => "Persona de cuentas a pagar",
        ("ap_contact_name", Lang::En) => "Accounts-payable contact",
        ("ap_contact_email" | "email", Lang::Es) => "Correo electrónico",
        ("ap_contact_email" | "email", Lang::En) => "Email",
        ("ap_contact_phone" | "phone", Lang::Es) => "Teléfono",
        ("ap_contact_phone" | "phone", Lang::En) => "Phone",
        ("billing_instructions", Lang::Es) => "Instrucciones de facturación",
        ("billing_instructions", Lang::En) => "Billing instructions",
        ("payment_terms_days" | "default_payment_terms_days", Lang::Es) => "Plazo de pago",
        ("payment_terms_days" | "default_payment_terms_days", Lang::En) => "Payment terms",
        ("currency" | "default_currency", Lang::Es) => "Moneda",
        ("currency" | "default_currency", Lang::En) => "Currency",
        ("credit_limit", Lang::Es) => "Límite de crédito",
        ("credit_limit", Lang::En) => "Credit limit",
        ("notes", Lang::Es) => "Notas",
        ("notes", Lang::En) => "Notes",
        ("label", Lang::Es) => "Nombre de la forma de pago",
        ("label", Lang::En) => "Method name",
        ("iban", _) => "IBAN",
        ("bic", _) => "BIC",
        ("holder", Lang::Es) => "Titular",
        ("holder", Lang::En) => "Account holder",
        ("bank", Lang::Es) => "Banco",
        ("bank", Lang::En) => "Bank",
        ("url", Lang::Es) => "Enlace de pago",
        ("url", Lang::En) => "Payment link",
        ("address", Lang::Es) => "Cuenta de PayPal",
        ("address", Lang::En) => "PayPal account",
        ("text" | "note", Lang::Es) => "Texto",
        ("text" | "note", Lang::En) => "Text",
        ("description", Lang::Es) => "Descripción",
        ("description", Lang::En) => "Description",
        ("quantity", Lang::Es) => "Cantidad",
        ("quantity", Lang::En) => "Quantity",
        ("unit_price", Lang::Es) => "Precio unitario",
        ("unit_price", Lang::En) => "Unit price",
        ("discount_pct", Lang::Es) => "Descuento",
        ("discount_pct", Lang::En) => "Discount",
        ("vat" | "default_vat", Lang::Es) => "IVA",
        ("vat" | "default_vat", Lang::En) => "VAT",
        ("po_number", Lang::Es) => "Número de pedido (PO)",
        ("po_number", Lang::En) => "PO number",
        ("amount", Lang::Es) => "Importe",
        ("amount", Lang::En) => "Amount",
        ("date" | "issue_date", Lang::Es) => "Fecha",
        ("date" | "issue_date", Lang::En) => "Date",
        ("due_date", Lang::Es) => "Vencimiento",
        ("due_date", Lang::En) => "Due date",
        ("reason", Lang::Es) => "Motivo",
        ("reason", Lang::En) => "Reason",
        ("within_days", Lang::Es) => "Días del pronto pago",
        ("within_days", Lang::En) => "Early-payment days",
        ("prefix", Lang::Es) => "Prefijo",
        ("prefix", Lang::En) => "Prefix",
        ("client_id", Lang::Es) => "Cliente",
        ("client_id", Lang::En) => "Client",
        ("invoice_id", Lang::Es) => "Factura",
        ("invoice_id", Lang::En) => "Invoice",
        ("quote_id", Lang::Es) => "Presupuesto",
        ("quote_id", Lang::En) => "Quote",
        ("series_id", Lang::Es) => "Serie",
        ("series_id", Lang::En) => "Series",
        ("step_id", Lang::Es) => "Paso de seguimiento",
        ("step_id", Lang::En) => "Follow-up step",
        ("method_id" | "payment_method_ids" | "preferred_payment_method_ids", Lang::Es) => "Forma de pago",
        ("method_id" | "payment_method_ids" | "preferred_payment_method_ids", Lang::En) => "Payment method",
        ("cancelled_by", Lang::Es) => "Anulada por",
        ("cancelled_by", Lang::En) => "Cancelled by",
        ("number", Lang::Es) => "Número",
        ("number", Lang::En) => "Number",
        ("id", Lang::Es) => "Identificador",
        ("id", Lang::En) => "Id",
        ("valid_until", Lang::Es) => "Válido hasta",
        ("valid_until", Lang::En) => "Valid until",
        ("delivery_date", Lang::Es) => "Fecha de entrega",
        ("delivery_date", Lang::En) => "Delivery date",
        ("opened", Lang::Es) => "Apertura de la disputa",
        ("opened", Lang::En) => "Dispute opened",
        ("due", Lang::Es) => "Fecha prevista",
        ("due", Lang::En) => "Planned date",
        ("who", Lang::Es) => "Con quién",
        ("who", Lang::En) => "Who",
        ("confirmed_by", Lang::Es) => "Confirmado por",
        ("confirmed_by", Lang::En) => "Confirmed by",
        // A recurring schedule's form.
        ("start", Lang::Es) => "Primera factura",
        ("start", Lang::En) => "First invoice",
        ("end", Lang::Es) => "Termina",
        ("end", Lang::En) => "Ends",
        ("every", Lang::Es) => "Repetir cada",
        ("every", Lang::En) => "Repeat every",
        ("on", Lang::Es) => "Día del mes",
        ("on", Lang::En) => "Day of the month",
        ("withholding_pct", Lang::Es) => "Retención IRPF",
        ("withholding_pct", Lang::En) => "Income-tax withholding",
        ("invoice_discount_pct", Lang::Es) => "Descuento de la factura",
        ("invoice_discount_pct", Lang::En) => "Invoice discount",
        _ => return None,
    };
    Some(match (line, lang) {
        (Some(n), Lang::Es) => format!("Línea {n}, {}", name.to_lowercase()),
        (Some(n), Lang::En) => format!("Line {n}, {}", name.to_lowercase()),
        (None, _) => name.to_string(),
    })
}

/// What a store's records are called, singular.
pub fn store_name(store: Store, lang: Lang) -> &'static str {
    match (store, lang) {
        (Store::Profile, Lang::Es) => "perfil",
        (Store::Profile, Lang::En) => "profile",
        (Store::Settings, Lang::Es) => "ajustes",
        (Store::Settings, Lang::En) => "settings",
        (Store::PaymentMethods, Lang::Es) => "forma de pago",
        (Store::PaymentMethods, Lang::En) => "payment method",
        (Store::Series, Lang::Es) => "serie",
        (Store::Series, Lang::En) => "series",
        (Store::Clients, Lang::Es) => "cliente",
        (Store::Clients, Lang::En) => "client",
        (Store::Items, Lang::Es) => "artículo",
        (Store::Items, Lang::En) => "item",
        (Store::Quotes, Lang::Es) => "presupuesto",
        (Store::Quotes, Lang::En) => "quote",
        (Store::Invoices, Lang::Es) => "factura",
        (Store::Invoices, Lang::En) => "invoice",
        (Store::CreditNotes, Lang::Es) => "rectificativa",
        (Store::CreditNotes, Lang::En) => "credit note",
        (Store::Recurring, Lang::Es) => "factura periódica",
        (Store::Recurring, Lang::En) => "recurring invoice",
        (Store::Payments, Lang::Es) => "cobro",
        (Store::Payments, Lang::En) => "payment",
        (Store::Contacts, Lang::Es) => "contacto",
        (Store::Contacts, Lang::En) => "contact",
        (Store::Steps, Lang::Es) => "paso de seguimiento",
        (Store::Steps, Lang::En) => "follow-up step",
    }
}

fn store_of_key(key: &str) -> Option<Store> {
    cobro_core::backup::STORES
        .iter()
        .copied()
        .find(|s| cobro_core::backup::store_key(*s) == key)
}

/// A backup path (`$.data.clients[2].credit_limit`) as a person reads it: "cliente 3,
/// límite de crédito"; the path itself for what has no words (the envelope, odd keys).
pub fn backup_place(path: &str, lang: Lang) -> String {
    let Some(rest) = path.strip_prefix("$.data.") else {
        return path.to_string();
    };
    let (store_key, after) = match rest.find(['[', '.']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let Some(store) = store_of_key(store_key) else {
        return path.to_string();
    };
    let (index, field) = match after.strip_prefix('[') {
        Some(r) => match r.split_once(']') {
            Some((i, f)) => (i.parse::<usize>().ok(), f.strip_prefix('.').unwrap_or(f)),
            None => (None, ""),
        },
        None => (None, after.strip_prefix('.').unwrap_or(after)),
    };
    let mut place = capital(store_name(store, lang));
    if let Some(i) = index {
        place.push_str(&format!(" {}", i + 1));
    }
    if !field.is_empty() {
        match field_label(field, lang) {
            Some(label) => place.push_str(&format!(", {}", label.to_lowercase())),
            None => place.push_str(&format!(" ({field})")),
        }
    }
    place
}

fn inconsistency(i: &Inconsistency, lang: Lang) -> String {
    match i {
        Inconsistency::NoNumber => say!(
            lang,
            s("un documento emitido necesita número"),
            s("an issued document needs a number")
        ),
        Inconsistency::CreditNoteOfAnotherInvoice { id } => say!(
            lang,
            format!("la rectificativa «{id}» es de otra factura"),
            format!("credit note “{id}” is about another invoice")
        ),
        Inconsistency::CreditNoteClient => say!(
            lang,
            s("el cliente de la rectificativa no es el de su factura"),
            s("the credit note's client is not the invoice's client")
        ),
        Inconsistency::CreditNoteCurrency { note, invoice } => say!(
            lang,
            format!("la rectificativa está en {note} y su factura en {invoice}"),
            format!("the credit note is in {note}, its invoice in {invoice}")
        ),
        Inconsistency::PaymentOnDraft => say!(
            lang,
            s("no se puede registrar un cobro en una factura borrador"),
            s("a payment cannot be recorded against a draft invoice")
        ),
        Inconsistency::LateRate { year, half, rate_pct } => say!(
            lang,
            format!(
                "el tipo de interés de demora {} del semestre {half}.º de {year} no vale (semestre 1 o 2, año 2000–2100, 0–100 %)",
                cobro_core::locale::percent(*rate_pct, 4, lang)
            ),
            format!(
                "the late-payment rate {} for half {half} of {year} is not valid (half 1 or 2, year 2000–2100, 0–100%)",
                cobro_core::locale::percent(*rate_pct, 4, lang)
            )
        ),
        Inconsistency::LateRateTwice { year, half } => say!(
            lang,
            format!("el semestre {half}.º de {year} tiene dos tipos de interés de demora"),
            format!("half {half} of {year} has two late-payment rates")
        ),
        Inconsistency::ReplacedByOtherInvoice => say!(
            lang,
            s("un cobro solo puede sustituirse por otro de la misma factura"),
            s("a payment can only be replaced by one of the same invoice")
        ),
        Inconsistency::ClosingWithoutInvoice => say!(
            lang,
            s("una deuda incobrable, en manos de un abogado o reabierta debe indicar su factura"),
            s("a debt written off, handed to legal or reopened must name its invoice")
        ),
    }
}

fn repair(r: &Repair, lang: Lang) -> String {
    match r {
        Repair::CreditLimitCleared { amount } => say!(
            lang,
            format!(
                "el límite de crédito ({}) no era mayor que cero y se ha quitado (sin límite).",
                num(*amount, lang)
            ),
            format!(
                "the credit limit ({}) was not more than zero and was removed (no limit).",
                num(*amount, lang)
            )
        ),
    }
}

/// One backup problem or note, without its place.
pub fn backup_code(code: &ProblemCode, lang: Lang) -> String {
    match code {
        ProblemCode::TooLarge { size, limit } => say!(
            lang,
            format!(
                "El archivo ocupa {}, más de los {} que puede tener una copia.",
                locale::bytes(*size as u64, lang),
                locale::bytes(*limit as u64, lang)
            ),
            format!(
                "The file is {}, more than the {} a backup may have.",
                locale::bytes(*size as u64, lang),
                locale::bytes(*limit as u64, lang)
            )
        ),
        ProblemCode::NotUtf8 { offset } => say!(
            lang,
            format!("El archivo no es texto UTF-8 (el byte {offset} no se puede leer): ¿se guardó con otra codificación, o no es una copia?"),
            format!("The file is not UTF-8 text (the byte at position {offset} cannot be read): was it saved in another encoding, or is it not a backup at all?")
        ),
        ProblemCode::BomStripped => say!(
            lang,
            s("El archivo empezaba con una marca de orden de bytes invisible, que se ha ignorado."),
            s("The file started with an invisible byte-order mark, which was ignored.")
        ),
        ProblemCode::TextTooLong { len, limit } => say!(
            lang,
            format!(
                "Este texto ocupa {}, más de los {} que puede tener cualquier texto de una copia.",
                locale::bytes(*len as u64, lang),
                locale::bytes(*limit as u64, lang)
            ),
            format!(
                "This text is {}, more than the {} any text in a backup may have.",
                locale::bytes(*len as u64, lang),
                locale::bytes(*limit as u64, lang)
            )
        ),
        ProblemCode::TooDeep { limit } => say!(
            lang,
            format!("El archivo anida más de {limit} niveles, cosa que ninguna copia de Cobro hace."),
            format!("The file nests deeper than {limit} levels, which no Cobro backup does.")
        ),
        ProblemCode::NotJson { line, column, detail } => say!(
            lang,
            format!("El archivo no es JSON válido (línea {line}, columna {column}): ¿está cortado o editado?"),
            format!("The file is not valid JSON: {detail}.")
        ),
        ProblemCode::NotCobroBackup { .. } => say!(
            lang,
            s("Este archivo no es una copia de seguridad de Cobro."),
            s("This is not a Cobro backup.")
        ),
        ProblemCode::FutureVersion { found, supported } => say!(
            lang,
            format!("Esta copia la hizo una versión más nueva de Cobro (formato {found}); esta app lee hasta la versión {supported}: actualízala para abrirla."),
            format!("This backup was made by a newer version of Cobro (backup format version {found}); this app reads versions up to {supported}: update the app to open it.")
        ),
        ProblemCode::InvalidVersion { found } => say!(
            lang,
            format!("La versión del formato debe ser un número entero, no {found}."),
            format!("The backup format version must be a whole number, not {found}.")
        ),
        ProblemCode::Migrated { from, to } => say!(
            lang,
            format!("Esta copia se ha convertido del formato antiguo {from} al {to}."),
            format!("This backup was converted from the older format version {from} to version {to}.")
        ),
        ProblemCode::NoChecksum => say!(
            lang,
            s("Esta copia antigua no tiene suma de control, así que no se puede comprobar si está dañada."),
            s("This older backup has no checksum, so it cannot be checked for damage.")
        ),
        ProblemCode::MigrationFailed { .. } => say!(
            lang,
            s("Esta copia antigua no se ha podido convertir: le falta algo o tiene algo que no se esperaba."),
            s("This older backup could not be converted: something is missing or unexpected in it.")
        ),
        ProblemCode::Missing => say!(lang, s("Falta este dato obligatorio."), s("This required field is missing.")),
        ProblemCode::UnknownField => say!(
            lang,
            s("Este dato no forma parte de una copia de Cobro."),
            s("This field is not part of a Cobro backup.")
        ),
        ProblemCode::WrongType { detail } => say!(
            lang,
            s("Tipo o valor no válido para este dato."),
            format!("Wrong type or value: {detail}.")
        ),
        ProblemCode::ChecksumMismatch { edited, .. } => {
            let lead = say!(
                lang,
                s("La suma de control no coincide con los datos: el archivo se cambió o se dañó después de exportarlo"),
                s("The checksum does not match the data: the file was changed or damaged after it was exported")
            );
            let tail = match edited.as_deref() {
                None => String::new(),
                Some([]) => say!(
                    lang,
                    s("; los registros coinciden con lo exportado, solo se cambió la suma de control"),
                    s("; the records all match what was exported, only the checksum was changed")
                ),
                Some(stores) => {
                    let names: Vec<&str> = stores.iter().map(|s| store_name(*s, lang)).collect();
                    say!(
                        lang,
                        format!("; editado después de exportar: {}", names.join(", ")),
                        format!("; edited after export: {}", names.join(", "))
                    )
                }
            };
            format!("{lead}{tail}.")
        }
        ProblemCode::DuplicateId { id, other } => say!(
            lang,
            format!(
                "El identificador «{id}» lo usa más de un registro (también {}).",
                backup_place(other, lang)
            ),
            format!(
                "The id “{id}” is used by more than one record (also {}).",
                backup_place(other, lang)
            )
        ),
        ProblemCode::MissingReference { target, id } => say!(
            lang,
            format!("Se refiere a un registro de tipo {} («{id}») que no existe.", store_name(*target, lang)),
            format!("Refers to {} “{id}”, which does not exist.", store_name(*target, lang))
        ),
        ProblemCode::WrongSeriesKind { id, expected, actual } => say!(
            lang,
            format!(
                "Se refiere a la serie «{id}», que numera {} y no {}.",
                doc_kind(*actual, lang),
                doc_kind(*expected, lang)
            ),
            format!(
                "Refers to series “{id}”, which numbers {}, not {}.",
                doc_kind(*actual, lang),
                doc_kind(*expected, lang)
            )
        ),
        ProblemCode::DuplicateNumber { number, other } => say!(
            lang,
            format!(
                "El número «{number}» también lo usa {} en la misma serie.",
                backup_place(other, lang).to_lowercase()
            ),
            format!(
                "The number “{number}” is also used by {} in the same series.",
                backup_place(other, lang).to_lowercase()
            )
        ),
        ProblemCode::InvalidAmounts { error } => say!(
            lang,
            format!("Los importes no se pueden calcular: {}", money(error, lang)),
            format!("The amounts cannot be computed: {}", money(error, lang))
        ),
        ProblemCode::NotPositive { amount } => rule(&Rule::NotPositive { amount: *amount }, lang),
        ProblemCode::DateOutOfRange { date: d } => rule(&Rule::DateOutOfRange { date: *d }, lang),
        ProblemCode::DueBeforeIssue { due, issued } => rule(
            &Rule::DueBeforeIssue {
                due: *due,
                issued: *issued,
            },
            lang,
        ),
        ProblemCode::UnknownCurrency { code } => money(&MoneyError::UnknownCurrency(code.clone()), lang),
        ProblemCode::Inconsistent { what } => capital(&inconsistency(what, lang)) + ".",
        ProblemCode::Numbering { finding } => say!(
            lang,
            format!("Numeración: {}", sequence(finding, lang)),
            format!("Numbering: {}", sequence(finding, lang))
        ),
        ProblemCode::Invalid { rule: r } => rule(r, lang),
        ProblemCode::KeptAsIs { rule: r } => say!(
            lang,
            format!("Se ha conservado tal cual, pero conviene corregirlo: {}", rule(r, lang)),
            format!("Kept as it is, but worth correcting: {}", rule(r, lang))
        ),
        ProblemCode::Repaired { repair: r } => capital(&repair(r, lang)),
    }
}

/// One backup problem or note with its place: "Cliente 3, límite de crédito: …".
pub fn backup_problem(p: &Problem, lang: Lang) -> String {
    match p.path.as_str() {
        "$" => backup_code(&p.code, lang),
        path => format!("{}: {}", backup_place(path, lang), backup_code(&p.code, lang)),
    }
}

/// Every reason a backup could not be read, one per line.
pub fn backup_errors(e: &BackupErrors, lang: Lang) -> String {
    let lead = say!(
        lang,
        format!("La copia no se puede importar ({} problemas):", e.problems.len()),
        format!("The backup cannot be imported ({} problems):", e.problems.len())
    );
    let lines: Vec<String> = e.problems.iter().map(|p| backup_problem(p, lang)).collect();
    format!("{lead}\n{}", lines.join("\n"))
}

/// A merge conflict: which record, and why.
pub fn conflict(c: &Conflict, lang: Lang) -> String {
    let what = capital(store_name(c.store, lang));
    let why = match &c.kind {
        ConflictKind::SameStampDifferentContent => say!(
            lang,
            s("las dos copias se cambiaron en el mismo instante pero son distintas; se conserva la de aquí"),
            s("both copies were changed at the same moment but differ; the one here is kept")
        ),
        ConflictKind::NumberTaken { number, .. } => say!(
            lang,
            format!("el número «{number}» ya lo usa otro documento de la misma serie"),
            format!("number “{number}” is already used by another document in the same series")
        ),
        ConflictKind::NumberChanged { current, incoming } => say!(
            lang,
            format!("este documento emitido tiene aquí el número «{current}» y en la copia «{incoming}»"),
            format!("this issued document is numbered “{current}” here but “{incoming}” in the backup")
        ),
    };
    if c.id.is_empty() {
        format!("{what}: {why}.")
    } else {
        say!(
            lang,
            format!("{what} «{}»: {why}.", c.id),
            format!("{what} “{}”: {why}.", c.id)
        )
    }
}

pub fn merge(e: &MergeError, lang: Lang) -> String {
    match e {
        MergeError::NumberConflicts { conflicts, .. } => say!(
            lang,
            format!(
                "La copia no se puede combinar: antes hay que resolver {} conflictos de números de documento.",
                conflicts.len()
            ),
            format!(
                "The backup cannot be merged: {} document number conflicts must be resolved first.",
                conflicts.len()
            )
        ),
    }
}

pub fn report(e: &ReportError, lang: Lang) -> String {
    match e {
        ReportError::InvalidPeriod { from, to } => say!(
            lang,
            format!(
                "El periodo empieza el {}, después de terminar el {}.",
                date(*from, lang),
                date(*to, lang)
            ),
            format!(
                "The report period starts on {}, after it ends on {}.",
                date(*from, lang),
                date(*to, lang)
            )
        ),
        ReportError::Invoice { invoice, source } => say!(
            lang,
            format!("Factura {invoice}: {}", money(source, lang)),
            format!("Invoice {invoice}: {}", money(source, lang))
        ),
        ReportError::Overflow => say!(
            lang,
            s("Los importes son demasiado grandes para sumarlos."),
            s("The amounts are too large to add up.")
        ),
        ReportError::DateOutOfRange => say!(
            lang,
            s("Una fecha del informe está fuera del calendario que se admite."),
            s("A date of the report is outside the supported calendar.")
        ),
    }
}

/// A storage failure: a full disk and a closed connection in plain words (the user must act
/// on them); anything else as a failure of the browser's storage, with its own technical
/// words only in English.
pub fn storage(e: &StorageError, lang: Lang) -> String {
    match e.kind {
        StorageErrorKind::Quota => say!(
            lang,
            s("El navegador no tiene más espacio para Cobro. Lo ya guardado sigue intacto: exporta ahora una copia de seguridad, libera espacio en este dispositivo (o permite más almacenamiento) y vuelve a intentarlo."),
            s("The browser has no more storage space for Cobro. What was already saved is intact: export a backup now, then free space on this device (or allow more storage) and try again.")
        ),
        StorageErrorKind::Closed => say!(
            lang,
            s("Cobro se ha actualizado en otra pestaña y esta ha soltado la base de datos: recarga esta pestaña."),
            s("Cobro was updated in another tab and this tab let go of the database: reload this tab.")
        ),
        StorageErrorKind::Other => say!(
            lang,
            s("El almacenamiento del navegador ha fallado y no se ha guardado nada. Vuelve a intentarlo; si sigue fallando, exporta una copia de seguridad y recarga la página."),
            format!("The browser's storage failed and nothing was saved ({}). Try again; if it keeps failing, export a backup and reload the page.", e.message)
        ),
    }
}

/// Why a named operation (issue, send, pay, save…) did not happen.
pub fn op(e: &OpError, lang: Lang) -> String {
    match e {
        OpError::Storage(e) => storage(e, lang),
        OpError::Refused(e) => lifecycle(e, lang),
        OpError::Schedule(e) => schedule(e, lang),
        OpError::NotFound { what, .. } => {
            let what = match (*what, lang) {
                ("invoice", Lang::Es) => "la factura",
                ("client", Lang::Es) => "el cliente",
                ("quote", Lang::Es) => "el presupuesto",
                ("numbering series", Lang::Es) => "la serie de numeración",
                ("credit-note numbering series", Lang::Es) => "la serie de las rectificativas",
                ("follow-up step", Lang::Es) => "el paso de seguimiento",
                ("credit note", Lang::Es) => "la rectificativa",
                (_, Lang::Es) => "el registro",
                ("invoice", Lang::En) => "the invoice",
                ("client", Lang::En) => "the client",
                ("quote", Lang::En) => "the quote",
                ("numbering series", Lang::En) => "the numbering series",
                ("credit-note numbering series", Lang::En) => "the credit-note numbering series",
                ("follow-up step", Lang::En) => "the follow-up step",
                ("credit note", Lang::En) => "the credit note",
                (_, Lang::En) => "the record",
            };
            say!(
                lang,
                format!("No existe {what}: puede que se haya borrado en otra pestaña o falte configurarlo en Ajustes."),
                format!("{} does not exist: it may have been deleted in another tab, or it still has to be set up in Settings.", capital(what))
            )
        }
        OpError::Payment(e) => super::corrections::payment_error(e, lang),
        OpError::InUse(e) => super::corrections::usage_error(e, lang),
        OpError::Backup(e) => backup_errors(e, lang),
        OpError::Merge(e) => merge(e, lang),
        OpError::Export(_) => say!(
            lang,
            s("No se ha podido escribir la copia de seguridad."),
            s("The backup could not be written.")
        ),
        OpError::Series(e) => series_edit(e, lang),
        OpError::Invalid(e) => invalid(e, lang),
        // The billing records' own words (`components/verifactu`).
        OpError::Verifactu(_) => crate::components::verifactu::error_text(e, lang),
    }
}

/// A file that could not be offered for download.
pub fn download(_: &crate::platform::download::DownloadError, lang: Lang) -> String {
    say!(
        lang,
        s("El navegador no ha podido ofrecer el archivo para descargarlo. Vuelve a intentarlo."),
        s("The browser could not offer the file for download. Please try again.")
    )
}

/// A chosen file that could not be read.
pub fn read_file(e: &crate::platform::files::ReadError, lang: Lang) -> String {
    use crate::platform::files::ReadError;
    match e {
        ReadError::Unreadable => say!(
            lang,
            s("No se ha podido leer el archivo (¿se ha movido o borrado?)."),
            s("The file could not be read (was it moved or deleted?).")
        ),
        ReadError::NotText => say!(
            lang,
            s("El archivo no se ha podido leer como texto."),
            s("The file could not be read as text.")
        ),
    }
}

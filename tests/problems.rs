//! Every problem and refusal in both languages (`cobro::i18n::problems`): each variant of
//! each error type has a sample here, the samples are checked to cover every variant (a
//! variant added without a sample does not compile: the `variant` functions match without a
//! catch-all), and each sample's words are checked: not empty, no English word in the
//! Spanish, no decimal point in a Spanish number, parameters formatted for the language.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use cobro::i18n::problems;
use cobro::storage::{OpError, StorageError};
use cobro_core::backup::{
    BackupErrors, Conflict, ConflictKind, Inconsistency, MergeError, MergeSummary, Problem, ProblemCode,
    Repair, Store,
};
use cobro_core::corrections::PaymentError;
use cobro_core::late_interest::RateProblem;
use cobro_core::lifecycle::{CreditLineProblem, DraftProblem, LifecycleError};
use cobro_core::money::MoneyError;
use cobro_core::numbering::{NumberingError, SequenceProblem, SeriesEditError};
use cobro_core::payment_info::{BicError, CharClass, EpcError, EpcField, IbanError, NoQrReason};
use cobro_core::recurring::ScheduleProblem;
use cobro_core::report::ReportError;
use cobro_core::schedule::{ScheduleError, PRE_DUE_TOO_EARLY};
use cobro_core::tax_id::TaxIdProblem;
use cobro_core::usage::UsageError;
use cobro_core::validity::{FieldProblem, Invalid, Rule, Severity};
use cobro_core::{DocKind, Lang};
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::str::FromStr;
use wasm_bindgen_test::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
}

/// Words that mean a message (or part of one) was left in English.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "are",
    "was",
    "cannot",
    "must",
    "not",
    "and",
    "with",
    "this",
    "that",
    "from",
    "for",
    "invoice",
    "payment",
    "amount",
    "date",
    "number",
    "client",
    "file",
    "backup",
    "field",
    "line",
    "should",
    "would",
    "which",
    "have",
    "be",
    "too",
    "only",
    "already",
    "missing",
    "invalid",
    "error",
    "required",
    "value",
    "step",
    "quote",
    "credit",
    "note",
    "due",
    "days",
    "before",
    "after",
    "more",
    "than",
    "at",
    "most",
    "least",
    "characters",
];

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// A decimal point between digits that is not part of a date, a number grouping (1.234) or
/// a document number: `12.5`.
fn decimal_point(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(1)).find_map(|i| {
        let digits_after = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        (b[i] == b'.' && b[i - 1].is_ascii_digit() && digits_after > 0 && digits_after != 3)
            .then(|| text.to_string())
    })
}

/// Checks both languages of one message.
fn check(what: &str, f: impl Fn(Lang) -> String) {
    let es = f(Lang::Es);
    let en = f(Lang::En);
    assert!(!es.trim().is_empty() && !en.trim().is_empty(), "{what}: empty");
    assert_ne!(es, en, "{what}: the same in both languages: {es}");
    let english = english_words(&es);
    assert!(english.is_empty(), "{what}: English in Spanish {english:?}: {es}");
    assert_eq!(decimal_point(&es), None, "{what}: decimal point in Spanish: {es}");
}

macro_rules! covered {
    ($samples:expr, $variant:path, $count:expr, $name:expr) => {{
        let seen: BTreeSet<usize> = $samples.iter().map($variant).collect();
        let all: BTreeSet<usize> = (0..$count).collect();
        assert_eq!(seen, all, "{}: samples do not cover every variant", $name);
    }};
}

fn money_variant(e: &MoneyError) -> usize {
    match e {
        MoneyError::UnknownCurrency(_) => 0,
        MoneyError::Negative { .. } => 1,
        MoneyError::OutOfRange { .. } => 2,
        MoneyError::Overflow => 3,
        MoneyError::TooManyDecimals { .. } => 4,
        MoneyError::NotANumber(_) => 5,
        MoneyError::Line { .. } => 6,
    }
}

fn money_samples() -> Vec<MoneyError> {
    let mut v = vec![
        MoneyError::UnknownCurrency("EURO".into()),
        MoneyError::Overflow,
        MoneyError::NotANumber("abc".into()),
        MoneyError::Line {
            line: 2,
            error: Box::new(MoneyError::Negative {
                field: "quantity",
                value: d("-1.5"),
            }),
        },
    ];
    for field in [
        "quantity",
        "unit price",
        "line discount",
        "VAT rate",
        "invoice discount",
        "withholding",
        "early-payment discount",
        "early-payment days",
        "credit limit",
        "amount",
        "invoice amount",
        "line amount",
        "some field nobody named",
    ] {
        v.push(MoneyError::Negative {
            field,
            value: d("-12.5"),
        });
        v.push(MoneyError::OutOfRange {
            field,
            value: d("1000000000000.5"),
        });
        v.push(MoneyError::TooManyDecimals {
            field,
            value: d("0.123456"),
            max: 4,
        });
    }
    v
}

#[wasm_bindgen_test]
fn money_errors() {
    let samples = money_samples();
    covered!(samples, money_variant, 7, "MoneyError");
    for e in &samples {
        check(&format!("{e:?}"), |l| problems::money(e, l));
    }
    assert!(problems::money(&samples[3], Lang::Es).contains("-1,5"));
}

fn draft_variant(p: &DraftProblem) -> usize {
    match p {
        DraftProblem::NoLines => 0,
        DraftProblem::LineWithoutDescription { .. } => 1,
        DraftProblem::PoMissing => 2,
        DraftProblem::DueBeforeIssue { .. } => 3,
        DraftProblem::UnknownCurrency(_) => 4,
        DraftProblem::NegativeTotal(_) => 5,
        DraftProblem::ClientMismatch => 6,
        DraftProblem::Amounts(_) => 7,
        DraftProblem::ZeroTotal => 8,
    }
}

fn lifecycle_variant(e: &LifecycleError) -> usize {
    match e {
        LifecycleError::NotIssued => 0,
        LifecycleError::AlreadyIssued { .. } => 1,
        LifecycleError::NotEditable { .. } => 2,
        LifecycleError::Cancelled => 3,
        LifecycleError::InvalidDraft(_) => 4,
        LifecycleError::NotSent => 5,
        LifecycleError::DisputeAlreadyOpen => 6,
        LifecycleError::NoOpenDispute => 7,
        LifecycleError::EmptyReason => 8,
        LifecycleError::TooEarly { .. } => 9,
        LifecycleError::WrongSeriesKind { .. } => 10,
        LifecycleError::WrongSeries { .. } => 11,
        LifecycleError::ClientMismatch => 12,
        LifecycleError::NoLines => 13,
        LifecycleError::NothingToCredit { .. } => 14,
        LifecycleError::CreditExceedsRemaining { .. } => 15,
        LifecycleError::QuoteTransition { .. } => 16,
        LifecycleError::QuoteAlreadyNumbered { .. } => 17,
        LifecycleError::QuoteAlreadyInvoiced => 18,
        LifecycleError::Numbering(_) => 19,
        LifecycleError::Money(_) => 20,
        LifecycleError::CreditLine { .. } => 21,
        LifecycleError::NothingPicked => 22,
    }
}

#[wasm_bindgen_test]
fn drafts_and_lifecycle() {
    let drafts = vec![
        DraftProblem::NoLines,
        DraftProblem::LineWithoutDescription { line: 3 },
        DraftProblem::PoMissing,
        DraftProblem::DueBeforeIssue {
            issue: day(),
            due: day(),
        },
        DraftProblem::UnknownCurrency("EURO".into()),
        DraftProblem::NegativeTotal(d("-10.5")),
        DraftProblem::ClientMismatch,
        DraftProblem::Amounts(MoneyError::Overflow),
        DraftProblem::ZeroTotal,
    ];
    covered!(drafts, draft_variant, 9, "DraftProblem");
    for p in &drafts {
        check(&format!("{p:?}"), |l| problems::draft(p, l));
    }
    let mut errors = vec![
        LifecycleError::NotIssued,
        LifecycleError::AlreadyIssued {
            number: "F2026-0001".into(),
        },
        LifecycleError::NotEditable {
            number: "F2026-0001".into(),
        },
        LifecycleError::Cancelled,
        LifecycleError::InvalidDraft(drafts.clone()),
        LifecycleError::NotSent,
        LifecycleError::DisputeAlreadyOpen,
        LifecycleError::NoOpenDispute,
        LifecycleError::EmptyReason,
        LifecycleError::WrongSeriesKind {
            expected: DocKind::Invoice,
            found: DocKind::Quote,
        },
        LifecycleError::WrongSeries {
            expected: "a".into(),
            found: "b".into(),
        },
        LifecycleError::ClientMismatch,
        LifecycleError::NoLines,
        LifecycleError::NothingToCredit { total: d("0.00") },
        LifecycleError::CreditExceedsRemaining {
            requested: d("400.08"),
            remaining: d("400.00"),
            currency: "EUR".into(),
        },
        LifecycleError::QuoteAlreadyNumbered {
            number: "P2026-0001".into(),
        },
        LifecycleError::QuoteAlreadyInvoiced,
        LifecycleError::Numbering(NumberingError::YearOutOfRange(10_000)),
        LifecycleError::Money(MoneyError::Overflow),
        LifecycleError::CreditLine {
            line: 2,
            problem: CreditLineProblem::AmountAbove { max: d("2400") },
        },
        LifecycleError::NothingPicked,
    ];
    // Every pair the lifecycle uses (lifecycle.rs: `not_before` and `quote_transition`).
    for (event, reference) in [
        ("sending", "issue date"),
        ("receipt", "sending date"),
        ("dispute", "issue date"),
        ("dispute", "end of the previous dispute"),
        ("resolution", "opening of the dispute"),
        ("credit note", "invoice date"),
        ("sending", "quote date"),
        ("answer", "sending date"),
    ] {
        errors.push(LifecycleError::TooEarly {
            event,
            date: day(),
            reference,
            earliest: day(),
        });
    }
    for action in ["send", "accept", "reject", "invoice"] {
        for state in ["still a draft", "sent", "accepted", "rejected"] {
            errors.push(LifecycleError::QuoteTransition { action, state });
        }
    }
    covered!(errors, lifecycle_variant, 23, "LifecycleError");
    for e in &errors {
        check(&format!("{e:?}"), |l| problems::lifecycle(e, l));
    }
    let credit = problems::lifecycle(&errors[14], Lang::Es);
    assert!(
        credit.contains("400,08 €") && credit.contains("400,00 €"),
        "{credit}"
    );
    let first_too_early = errors
        .iter()
        .find(|e| matches!(e, LifecycleError::TooEarly { .. }))
        .expect("a TooEarly sample");
    let too_early = problems::lifecycle(first_too_early, Lang::Es);
    assert_eq!(
        too_early,
        "La fecha del envío (10/12/2026) no puede ser anterior a la fecha de emisión (10/12/2026)."
    );
}

fn numbering_variant(e: &NumberingError) -> usize {
    match e {
        NumberingError::CounterExhausted { .. } => 0,
        NumberingError::YearOutOfRange(_) => 1,
    }
}

fn series_variant(e: &SeriesEditError) -> usize {
    match e {
        SeriesEditError::BadPrefix => 0,
        SeriesEditError::BadSeparator => 1,
        SeriesEditError::BadPadding => 2,
        SeriesEditError::PrefixTaken(..) => 3,
        SeriesEditError::FormatLocked => 4,
        SeriesEditError::NextLocked(_) => 5,
        SeriesEditError::BadNext => 6,
    }
}

fn sequence_variant(p: &SequenceProblem) -> usize {
    match p {
        SequenceProblem::Gap { .. } => 0,
        SequenceProblem::Duplicate { .. } => 1,
        SequenceProblem::NotInSeries { .. } => 2,
        SequenceProblem::YearMismatch { .. } => 3,
        SequenceProblem::OutOfDateOrder { .. } => 4,
        SequenceProblem::CounterBehind { .. } => 5,
        SequenceProblem::UnknownSeries { .. } => 6,
        SequenceProblem::WrongKind { .. } => 7,
    }
}

fn sequence_samples() -> Vec<SequenceProblem> {
    let id = || "s".to_string();
    vec![
        SequenceProblem::Gap {
            series_id: id(),
            first: "F2026-0002".into(),
            last: "F2026-0002".into(),
            count: 1,
        },
        SequenceProblem::Gap {
            series_id: id(),
            first: "F2026-0002".into(),
            last: "F2026-0004".into(),
            count: 3,
        },
        SequenceProblem::Duplicate {
            series_id: id(),
            number: "F2026-0002".into(),
            count: 2,
        },
        SequenceProblem::NotInSeries {
            series_id: id(),
            number: "X1".into(),
        },
        SequenceProblem::YearMismatch {
            series_id: id(),
            number: "F2025-0001".into(),
            number_year: 2025,
            issue_date: day(),
        },
        SequenceProblem::OutOfDateOrder {
            series_id: id(),
            number: "F2026-0003".into(),
            date: day(),
            previous: "F2026-0002".into(),
            previous_date: day(),
        },
        SequenceProblem::CounterBehind {
            series_id: id(),
            stored: 1,
            highest: "F2026-0003".into(),
        },
        SequenceProblem::UnknownSeries {
            series_id: id(),
            count: 2,
        },
        SequenceProblem::WrongKind {
            series_id: id(),
            number: "F2026-0003".into(),
            kind: DocKind::Quote,
            series_kind: DocKind::Invoice,
        },
    ]
}

#[wasm_bindgen_test]
fn numbering() {
    let n = vec![
        NumberingError::CounterExhausted {
            series: "F".into(),
            year: 2026,
        },
        NumberingError::YearOutOfRange(10_000),
    ];
    covered!(n, numbering_variant, 2, "NumberingError");
    for e in &n {
        check(&format!("{e:?}"), |l| problems::numbering(e, l));
    }
    let s = vec![
        SeriesEditError::BadPrefix,
        SeriesEditError::BadSeparator,
        SeriesEditError::BadPadding,
        SeriesEditError::PrefixTaken("quotes", "P".into()),
        SeriesEditError::FormatLocked,
        SeriesEditError::NextLocked(2026),
        SeriesEditError::BadNext,
    ];
    covered!(s, series_variant, 7, "SeriesEditError");
    for e in &s {
        check(&format!("{e:?}"), |l| problems::series_edit(e, l));
    }
    let q = sequence_samples();
    covered!(q, sequence_variant, 8, "SequenceProblem");
    for p in &q {
        check(&format!("{p:?}"), |l| problems::sequence(p, l));
    }
}

fn schedule_variant(e: &ScheduleError) -> usize {
    match e {
        ScheduleError::NotOpen { .. } => 0,
        ScheduleError::SnoozeInPast { .. } => 1,
        ScheduleError::EmptyReason => 2,
        ScheduleError::DisputeNotResolved => 3,
        ScheduleError::ResolvedBeforeOpened { .. } => 4,
        ScheduleError::DateOutOfRange => 5,
    }
}

#[wasm_bindgen_test]
fn schedule() {
    let mut v = vec![
        ScheduleError::SnoozeInPast {
            to: day(),
            today: day(),
        },
        ScheduleError::EmptyReason,
        ScheduleError::DisputeNotResolved,
        ScheduleError::ResolvedBeforeOpened {
            opened: day(),
            resolved: day(),
        },
        ScheduleError::DateOutOfRange,
    ];
    use cobro_core::StepKind as K;
    for kind in [
        K::ReceiptCheck,
        K::PreDue,
        K::DueDay,
        K::Reminder,
        K::FormalLetter,
        K::Escalation,
        K::PromiseCheck,
    ] {
        for state in ["done", "skipped", "closed by a later event"] {
            v.push(ScheduleError::NotOpen {
                kind: cobro_core::schedule::kind_label(kind),
                state,
            });
        }
    }
    covered!(v, schedule_variant, 6, "ScheduleError");
    for e in &v {
        check(&format!("{e:?}"), |l| problems::schedule(e, l));
    }
    // The note the schedule stores on a pre-due step it skips, and a reason the user typed.
    check("PRE_DUE_TOO_EARLY", |l| {
        problems::step_reason(PRE_DUE_TOO_EARLY, l)
    });
    assert_eq!(
        problems::step_reason("ya pagó en mano", Lang::En),
        "ya pagó en mano"
    );
    assert!(problems::schedule(&v[0], Lang::Es).contains("10/12/2026"));
}

fn iban_variant(e: &IbanError) -> usize {
    match e {
        IbanError::Empty => 0,
        IbanError::InvalidCharacter(_) => 1,
        IbanError::BadFormat => 2,
        IbanError::UnknownCountry(_) => 3,
        IbanError::WrongLength { .. } => 4,
        IbanError::BbanFormat { .. } => 5,
        IbanError::BadCheckDigits => 6,
        IbanError::NationalCheckDigits { .. } => 7,
    }
}

fn bic_variant(e: &BicError) -> usize {
    match e {
        BicError::WrongLength(_) => 0,
        BicError::BadFormat(_) => 1,
        BicError::UnknownCountry(_) => 2,
    }
}

fn epc_variant(e: &EpcError) -> usize {
    match e {
        EpcError::Iban(_) => 0,
        EpcError::Bic(_) => 1,
        EpcError::NotEuro(_) => 2,
        EpcError::NotSepa(_) => 3,
        EpcError::BadAmount(_) => 4,
        EpcError::MissingName => 5,
        EpcError::TooLong { .. } => 6,
        EpcError::ControlCharacter(_) => 7,
        EpcError::PayloadTooLong(_) => 8,
    }
}

fn no_qr_variant(r: &NoQrReason) -> usize {
    match r {
        NoQrReason::Draft => 0,
        NoQrReason::Cancelled => 1,
        NoQrReason::NothingOwed => 2,
        NoQrReason::NoBankTransfer => 3,
        NoQrReason::NotEuro { .. } => 4,
        NoQrReason::NotSepa { .. } => 5,
        NoQrReason::Invalid(_) => 6,
        NoQrReason::Totals(_) => 7,
    }
}

#[wasm_bindgen_test]
fn payment_details() {
    let mut ibans = vec![
        IbanError::Empty,
        IbanError::InvalidCharacter('-'),
        IbanError::BadFormat,
        IbanError::UnknownCountry("US".into()),
        IbanError::WrongLength {
            country: "ES".into(),
            expected: 24,
            found: 23,
        },
        IbanError::BadCheckDigits,
        IbanError::NationalCheckDigits { country: "ES".into() },
    ];
    for expected in [CharClass::Digit, CharClass::Letter, CharClass::LetterOrDigit] {
        ibans.push(IbanError::BbanFormat {
            country: "ES".into(),
            position: 24,
            expected,
        });
    }
    covered!(ibans, iban_variant, 8, "IbanError");
    for e in &ibans {
        check(&format!("{e:?}"), |l| problems::iban(e, l));
    }
    let bics = vec![
        BicError::WrongLength(4),
        BicError::BadFormat("CAIX12BB".into()),
        BicError::UnknownCountry("QQ".into()),
    ];
    covered!(bics, bic_variant, 3, "BicError");
    for e in &bics {
        check(&format!("{e:?}"), |l| problems::bic(e, l));
    }
    let epcs = vec![
        EpcError::Iban(IbanError::BadCheckDigits),
        EpcError::Bic(BicError::WrongLength(4)),
        EpcError::NotEuro("USD".into()),
        EpcError::NotSepa("TR".into()),
        EpcError::BadAmount(d("0.001")),
        EpcError::MissingName,
        EpcError::TooLong {
            field: EpcField::BeneficiaryName,
            max: 70,
            found: 71,
        },
        EpcError::TooLong {
            field: EpcField::Remittance,
            max: 140,
            found: 141,
        },
        EpcError::ControlCharacter(EpcField::BeneficiaryName),
        EpcError::ControlCharacter(EpcField::Remittance),
        EpcError::PayloadTooLong(400),
    ];
    covered!(epcs, epc_variant, 9, "EpcError");
    for e in &epcs {
        check(&format!("{e:?}"), |l| problems::epc(e, l));
    }
    let reasons = vec![
        NoQrReason::Draft,
        NoQrReason::Cancelled,
        NoQrReason::NothingOwed,
        NoQrReason::NoBankTransfer,
        NoQrReason::NotEuro {
            currency: "USD".into(),
        },
        NoQrReason::NotSepa { country: "TR".into() },
        NoQrReason::Invalid(epcs[6].clone()),
        NoQrReason::Totals(MoneyError::Overflow),
    ];
    covered!(reasons, no_qr_variant, 8, "NoQrReason");
    for r in &reasons {
        check(&format!("{r:?}"), |l| problems::no_qr(r, l));
    }
}

fn rule_variant(r: &Rule) -> usize {
    match r {
        Rule::Required => 0,
        Rule::TooLong { .. } => 1,
        Rule::TaxId(_) => 2,
        Rule::Email => 3,
        Rule::Url => 4,
        Rule::Phone => 5,
        Rule::Iban(_) => 6,
        Rule::Bic(_) => 7,
        Rule::Beneficiary(_) => 8,
        Rule::Money(_) => 9,
        Rule::NotPositive { .. } => 10,
        Rule::Days { .. } => 11,
        Rule::DateOutOfRange { .. } => 12,
        Rule::InFuture { .. } => 13,
        Rule::DueBeforeIssue { .. } => 14,
        Rule::ValidBeforeIssue { .. } => 15,
        Rule::UnknownCurrency { .. } => 16,
        Rule::EarlyDiscount { .. } => 17,
        Rule::Series(_) => 18,
        Rule::Schedule(_) => 19,
        Rule::Interval { .. } => 20,
        Rule::LateRate(_) => 21,
        Rule::CreditLine(_) => 22,
        Rule::NothingPicked => 23,
    }
}

fn rule_samples() -> Vec<Rule> {
    vec![
        Rule::Required,
        Rule::TooLong { max: 150, len: 5000 },
        Rule::TaxId(TaxIdProblem::Format),
        Rule::TaxId(TaxIdProblem::CheckCharacter { expected: 'Z' }),
        Rule::Email,
        Rule::Url,
        Rule::Phone,
        Rule::Iban(IbanError::BadCheckDigits),
        Rule::Bic(BicError::WrongLength(4)),
        Rule::Beneficiary(EpcError::MissingName),
        Rule::Money(MoneyError::Overflow),
        Rule::NotPositive { amount: d("-500") },
        Rule::Days { days: -3, max: 3650 },
        Rule::DateOutOfRange { date: day() },
        Rule::InFuture {
            date: day(),
            today: day(),
        },
        Rule::DueBeforeIssue {
            due: day(),
            issued: day(),
        },
        Rule::ValidBeforeIssue {
            until: day(),
            issued: day(),
        },
        Rule::UnknownCurrency { code: "EURO".into() },
        Rule::EarlyDiscount { pct: d("100.5") },
        Rule::Series(SeriesEditError::BadPrefix),
        Rule::Schedule(ScheduleProblem::DayOutOfRange { day: 32 }),
        Rule::Interval { days: 0, max: 3650 },
        Rule::LateRate(RateProblem::Year),
        Rule::LateRate(RateProblem::Half),
        Rule::LateRate(RateProblem::Rate),
        Rule::CreditLine(CreditLineProblem::NoSuchLine),
        Rule::CreditLine(CreditLineProblem::NotPositive),
        Rule::CreditLine(CreditLineProblem::QuantityAbove { max: d("2.5") }),
        Rule::CreditLine(CreditLineProblem::AmountAbove { max: d("2400.5") }),
        Rule::CreditLine(CreditLineProblem::TooManyDecimals { max: 4 }),
        Rule::NothingPicked,
    ]
}

fn rate_problem_variant(p: &RateProblem) -> usize {
    match p {
        RateProblem::Year => 0,
        RateProblem::Half => 1,
        RateProblem::Rate => 2,
    }
}

#[wasm_bindgen_test]
fn record_rules_and_refused_writes() {
    let rules = rule_samples();
    covered!(rules, rule_variant, 24, "Rule");
    let rates: Vec<RateProblem> = rules
        .iter()
        .filter_map(|r| match r {
            Rule::LateRate(p) => Some(*p),
            _ => None,
        })
        .collect();
    covered!(rates, rate_problem_variant, 3, "RateProblem");
    for r in &rules {
        check(&format!("{r:?}"), |l| problems::rule(r, l));
    }
    // At the field, a line's problem is a sentence of its own, its numbers in the language.
    let at_field = |r: &Rule, l| problems::rule(r, l);
    assert_eq!(
        at_field(
            &Rule::CreditLine(CreditLineProblem::AmountAbove { max: d("2400.5") }),
            Lang::Es
        ),
        "Como máximo 2.400,5."
    );
    assert_eq!(
        at_field(
            &Rule::CreditLine(CreditLineProblem::QuantityAbove { max: d("2.5") }),
            Lang::En
        ),
        "At most 2.5 units."
    );
    assert_eq!(
        at_field(&Rule::Interval { days: 0, max: 3650 }, Lang::Es),
        "Los días deben estar entre 1 y 3.650, no 0."
    );
    assert!(at_field(&Rule::LateRate(RateProblem::Rate), Lang::Es).contains("100 %"));
    assert!(at_field(&Rule::Series(SeriesEditError::BadNext), Lang::Es).contains("999.999"));
    assert_eq!(
        problems::rule(&rules[1], Lang::Es),
        "Demasiado largo: 5.000 caracteres, como máximo 150."
    );
    assert!(problems::rule(&rules[18], Lang::Es).contains("100,5 %"));
    assert!(problems::rule(&rules[18], Lang::En).contains("100.5%"));
    let refused = Invalid(vec![
        FieldProblem {
            path: "tax_id".into(),
            rule: rules[3].clone(),
            severity: Severity::Warn,
        },
        FieldProblem {
            path: "lines[2].description".into(),
            rule: rules[1].clone(),
            severity: Severity::Warn,
        },
    ]);
    check("Invalid", |l| problems::invalid(&refused, l));
    let es = problems::invalid(&refused, Lang::Es);
    assert!(
        es.starts_with("NIF: ") && es.contains("Línea 3, descripción: "),
        "{es}"
    );
}

fn schedule_problem_variant(p: &ScheduleProblem) -> usize {
    match p {
        ScheduleProblem::NoName => 0,
        ScheduleProblem::NoLines => 1,
        ScheduleProblem::EveryOutOfRange { .. } => 2,
        ScheduleProblem::DayOutOfRange { .. } => 3,
        ScheduleProblem::AfterZero(_) => 4,
        ScheduleProblem::EndsBeforeStart { .. } => 5,
        ScheduleProblem::Amounts(_) => 6,
        ScheduleProblem::NotWhole { .. } => 7,
        ScheduleProblem::NotADate { .. } => 8,
    }
}

/// Every problem of a recurring schedule (its record rules and what its form cannot read), as
/// the schedule form shows it at a field.
#[wasm_bindgen_test]
fn schedule_problems() {
    let samples = vec![
        ScheduleProblem::NoName,
        ScheduleProblem::NoLines,
        ScheduleProblem::EveryOutOfRange { every: 30, max: 24 },
        ScheduleProblem::DayOutOfRange { day: 32 },
        ScheduleProblem::AfterZero(0),
        ScheduleProblem::EndsBeforeStart {
            start: day(),
            end: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        },
        ScheduleProblem::Amounts(MoneyError::Overflow),
        ScheduleProblem::NotWhole { text: "1,5".into() },
        ScheduleProblem::NotADate {
            text: "31/02/2027".into(),
        },
    ];
    covered!(samples, schedule_problem_variant, 9, "ScheduleProblem");
    for p in &samples {
        let rule = Rule::Schedule(p.clone());
        check(&format!("{p:?}"), |l| problems::rule(&rule, l));
    }
    let not_whole = Rule::Schedule(samples[7].clone());
    assert_eq!(
        problems::rule(&not_whole, Lang::Es),
        "«1,5» no es un número entero: escribe uno sin decimales (12)."
    );
    assert_eq!(
        problems::rule(&Rule::Schedule(samples[5].clone()), Lang::Es),
        "Termina el 30/11/2026 antes de empezar el 10/12/2026."
    );
}

fn code_variant(c: &ProblemCode) -> usize {
    match c {
        ProblemCode::TooLarge { .. } => 0,
        ProblemCode::NotUtf8 { .. } => 1,
        ProblemCode::BomStripped => 2,
        ProblemCode::TextTooLong { .. } => 3,
        ProblemCode::TooDeep { .. } => 4,
        ProblemCode::NotJson { .. } => 5,
        ProblemCode::NotCobroBackup { .. } => 6,
        ProblemCode::FutureVersion { .. } => 7,
        ProblemCode::InvalidVersion { .. } => 8,
        ProblemCode::Migrated { .. } => 9,
        ProblemCode::NoChecksum => 10,
        ProblemCode::MigrationFailed { .. } => 11,
        ProblemCode::Missing => 12,
        ProblemCode::UnknownField => 13,
        ProblemCode::WrongType { .. } => 14,
        ProblemCode::ChecksumMismatch { .. } => 15,
        ProblemCode::DuplicateId { .. } => 16,
        ProblemCode::MissingReference { .. } => 17,
        ProblemCode::WrongSeriesKind { .. } => 18,
        ProblemCode::DuplicateNumber { .. } => 19,
        ProblemCode::InvalidAmounts { .. } => 20,
        ProblemCode::NotPositive { .. } => 21,
        ProblemCode::DateOutOfRange { .. } => 22,
        ProblemCode::DueBeforeIssue { .. } => 23,
        ProblemCode::UnknownCurrency { .. } => 24,
        ProblemCode::Inconsistent { .. } => 25,
        ProblemCode::Numbering { .. } => 26,
        ProblemCode::Invalid { .. } => 27,
        ProblemCode::KeptAsIs { .. } => 28,
        ProblemCode::Repaired { .. } => 29,
    }
}

fn inconsistency_variant(i: &Inconsistency) -> usize {
    match i {
        Inconsistency::NoNumber => 0,
        Inconsistency::CreditNoteOfAnotherInvoice { .. } => 1,
        Inconsistency::CreditNoteClient => 2,
        Inconsistency::CreditNoteCurrency { .. } => 3,
        Inconsistency::PaymentOnDraft => 4,
        Inconsistency::LateRate { .. } => 5,
        Inconsistency::LateRateTwice { .. } => 6,
        Inconsistency::ClosingWithoutInvoice => 7,
        Inconsistency::ReplacedByOtherInvoice => 8,
    }
}

fn repair_variant(r: &Repair) -> usize {
    match r {
        Repair::CreditLimitCleared { .. } => 0,
    }
}

#[wasm_bindgen_test]
fn backup_problems_with_their_places() {
    let inconsistencies = vec![
        Inconsistency::NoNumber,
        Inconsistency::CreditNoteOfAnotherInvoice { id: "cn1".into() },
        Inconsistency::CreditNoteClient,
        Inconsistency::CreditNoteCurrency {
            note: "USD".into(),
            invoice: "EUR".into(),
        },
        Inconsistency::PaymentOnDraft,
        Inconsistency::LateRate {
            year: 2026,
            half: 3,
            rate_pct: d("12.5"),
        },
        Inconsistency::LateRateTwice { year: 2026, half: 1 },
        Inconsistency::ClosingWithoutInvoice,
        Inconsistency::ReplacedByOtherInvoice,
    ];
    covered!(inconsistencies, inconsistency_variant, 9, "Inconsistency");
    let repairs = vec![Repair::CreditLimitCleared { amount: d("-500.5") }];
    covered!(repairs, repair_variant, 1, "Repair");
    let mut codes = vec![
        ProblemCode::TooLarge {
            size: 200_000_000,
            limit: 134_217_728,
        },
        ProblemCode::NotUtf8 { offset: 12 },
        ProblemCode::BomStripped,
        ProblemCode::TextTooLong {
            len: 2_000_000,
            limit: 1_048_576,
        },
        ProblemCode::TooDeep { limit: 32 },
        ProblemCode::NotJson {
            line: 3,
            column: 14,
            detail: "expected `,` or `}` at line 3 column 14".into(),
        },
        ProblemCode::NotCobroBackup {
            found: "missing".into(),
        },
        ProblemCode::FutureVersion {
            found: 9,
            supported: 2,
        },
        ProblemCode::InvalidVersion {
            found: "\"two\"".into(),
        },
        ProblemCode::Migrated { from: 0, to: 2 },
        ProblemCode::NoChecksum,
        ProblemCode::MigrationFailed {
            detail: "at $.data.customers: not a list".into(),
        },
        ProblemCode::Missing,
        ProblemCode::UnknownField,
        ProblemCode::WrongType {
            detail: "invalid type: integer `3`, expected a string".into(),
        },
        ProblemCode::DuplicateId {
            id: "c1".into(),
            other: "$.data.clients[0]".into(),
        },
        ProblemCode::WrongSeriesKind {
            id: "s".into(),
            expected: DocKind::Invoice,
            actual: DocKind::Quote,
        },
        ProblemCode::DuplicateNumber {
            number: "F2026-0001".into(),
            other: "$.data.invoices[0]".into(),
        },
        ProblemCode::InvalidAmounts {
            error: MoneyError::Overflow,
        },
        ProblemCode::NotPositive { amount: d("-10.5") },
        ProblemCode::DateOutOfRange { date: day() },
        ProblemCode::DueBeforeIssue {
            due: day(),
            issued: day(),
        },
        ProblemCode::UnknownCurrency { code: "EURO".into() },
    ];
    for edited in [None, Some(vec![]), Some(vec![Store::Clients, Store::Payments])] {
        codes.push(ProblemCode::ChecksumMismatch {
            expected: "a".repeat(64),
            actual: "b".repeat(64),
            edited,
        });
    }
    for store in cobro_core::backup::STORES {
        codes.push(ProblemCode::MissingReference {
            target: store,
            id: "x".into(),
        });
    }
    codes.extend(
        inconsistencies
            .into_iter()
            .map(|what| ProblemCode::Inconsistent { what }),
    );
    codes.extend(
        sequence_samples()
            .into_iter()
            .map(|finding| ProblemCode::Numbering { finding }),
    );
    codes.extend(
        rule_samples()
            .into_iter()
            .map(|rule| ProblemCode::Invalid { rule }),
    );
    codes.extend(
        rule_samples()
            .into_iter()
            .map(|rule| ProblemCode::KeptAsIs { rule }),
    );
    codes.extend(repairs.into_iter().map(|repair| ProblemCode::Repaired { repair }));
    covered!(codes, code_variant, 30, "ProblemCode");
    for code in &codes {
        check(&format!("{code:?}"), |l| problems::backup_code(code, l));
    }
    // Places: every store and field a form has reads as words.
    let place = problems::backup_place("$.data.clients[2].credit_limit", Lang::Es);
    assert_eq!(place, "Cliente 3, límite de crédito");
    assert_eq!(
        problems::backup_place("$.data.invoices[0].lines[1].description", Lang::Es),
        "Factura 1, línea 2, descripción"
    );
    assert_eq!(
        problems::backup_place("$.data.settings.default_currency", Lang::Es),
        "Ajustes, moneda"
    );
    let p = Problem {
        path: "$.data.clients[2].credit_limit".into(),
        code: ProblemCode::Repaired {
            repair: Repair::CreditLimitCleared { amount: d("-500") },
        },
    };
    check("repaired note", |l| problems::backup_problem(&p, l));
    let errors = BackupErrors {
        problems: vec![p.clone(), p],
    };
    check("BackupErrors", |l| problems::backup_errors(&errors, l));
    let sizes = problems::backup_code(&codes[0], Lang::Es);
    assert!(
        sizes.contains("200,0 MB") && sizes.contains("134,2 MB"),
        "{sizes}"
    );
}

fn conflict_variant(k: &ConflictKind) -> usize {
    match k {
        ConflictKind::SameStampDifferentContent => 0,
        ConflictKind::NumberTaken { .. } => 1,
        ConflictKind::NumberChanged { .. } => 2,
    }
}

fn report_variant(e: &ReportError) -> usize {
    match e {
        ReportError::InvalidPeriod { .. } => 0,
        ReportError::Invoice { .. } => 1,
        ReportError::Overflow => 2,
        ReportError::DateOutOfRange => 3,
    }
}

fn op_variant(e: &OpError) -> usize {
    match e {
        OpError::Storage(_) => 0,
        OpError::Refused(_) => 1,
        OpError::Schedule(_) => 2,
        OpError::NotFound { .. } => 3,
        OpError::Payment(_) => 4,
        OpError::InUse(_) => 11,
        OpError::Backup(_) => 5,
        OpError::Merge(_) => 6,
        OpError::Export(_) => 7,
        OpError::Series(_) => 8,
        OpError::Invalid(_) => 9,
        OpError::Verifactu(_) => 10,
    }
}

#[wasm_bindgen_test]
fn merges_reports_and_storage() {
    let kinds = vec![
        ConflictKind::SameStampDifferentContent,
        ConflictKind::NumberTaken {
            series_id: "s".into(),
            number: "F2026-0001".into(),
            other_id: "i2".into(),
        },
        ConflictKind::NumberChanged {
            current: "F2026-0001".into(),
            incoming: "F2026-0002".into(),
        },
    ];
    covered!(kinds, conflict_variant, 3, "ConflictKind");
    let conflicts: Vec<Conflict> = kinds
        .into_iter()
        .map(|kind| Conflict {
            store: Store::Invoices,
            id: "i1".into(),
            kind,
        })
        .collect();
    for c in &conflicts {
        check(&format!("{c:?}"), |l| problems::conflict(c, l));
    }
    let merge = MergeError::NumberConflicts {
        conflicts: conflicts.clone(),
        summary: MergeSummary::default(),
    };
    check("MergeError", |l| problems::merge(&merge, l));
    let reports = vec![
        ReportError::InvalidPeriod {
            from: day(),
            to: day(),
        },
        ReportError::Invoice {
            invoice: "F2026-0001".into(),
            source: MoneyError::Overflow,
        },
        ReportError::Overflow,
        ReportError::DateOutOfRange,
    ];
    covered!(reports, report_variant, 4, "ReportError");
    for e in &reports {
        check(&format!("{e:?}"), |l| problems::report(e, l));
    }
    let mut ops = vec![
        OpError::Storage(StorageError::from_dom(
            "write",
            "packs",
            "QuotaExceededError",
            "quota",
        )),
        OpError::Storage(StorageError::from_dom(
            "write",
            "packs",
            "InvalidStateError",
            "The database connection is closing.",
        )),
        OpError::Storage(StorageError::from_dom(
            "write",
            "packs",
            "UnknownError",
            "Internal error.",
        )),
        OpError::Refused(LifecycleError::NotIssued),
        OpError::Schedule(ScheduleError::EmptyReason),
        OpError::Payment(PaymentError::NotIssued),
        OpError::InUse(UsageError::InUse(Default::default())),
        OpError::Backup(BackupErrors { problems: vec![] }),
        OpError::Merge(merge),
        OpError::Export("serialisation".into()),
        OpError::Series(SeriesEditError::BadNext),
        OpError::Invalid(Invalid(vec![FieldProblem {
            path: "ap_contact_email".into(),
            rule: Rule::Email,
            severity: Severity::Warn,
        }])),
    ];
    for what in [
        "invoice",
        "client",
        "quote",
        "numbering series",
        "credit-note numbering series",
        "follow-up step",
        "something else",
    ] {
        ops.push(OpError::NotFound { what, id: "x".into() });
    }
    ops.push(OpError::Verifactu(cobro::storage::verifactu::VfError::Signing(
        "OperationError".into(),
    )));
    covered!(ops, op_variant, 12, "OpError");
    for e in &ops {
        check(&format!("{e:?}"), |l| problems::op(e, l));
    }
}

/// The checks themselves find what they look for: an English word, a decimal point.
#[wasm_bindgen_test]
fn the_checks_catch_what_they_look_for() {
    assert_eq!(
        english_words("the amount must be more"),
        ["the", "amount", "must", "be", "more"]
    );
    assert!(english_words("El importe debe ser mayor que cero").is_empty());
    assert!(decimal_point("Retraso medio 30.5 días").is_some());
    assert_eq!(decimal_point("1.234,50 € el 10/12/2026, art. 20"), None);
}

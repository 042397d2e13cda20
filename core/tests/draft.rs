//! Drafts: what a new invoice or quote starts with, what a client choice fills in, the
//! typed input kept as text and parsed with every problem at its field, the VAT choices,
//! quote validity, the issuing preview and which drafts may be deleted.

mod common;

use cobro_core::draft::{self, DraftKind, IssuePreview};
use cobro_core::draft_input::{
    self, parse_invoice, parse_quote, DraftInput, FieldId, FieldProblem, InputProblem, LineField,
};
use cobro_core::lifecycle::{self, DraftProblem, LifecycleError};
use cobro_core::{AppSettings, DocKind, EarlyPaymentTerms, Lang, QuoteState, VatRate};
use common::docs::*;
use rust_decimal::Decimal;

fn settings() -> AppSettings {
    dataset().settings
}

fn at(line: usize, field: LineField) -> FieldId {
    FieldId::Line { line, field }
}

fn fields(problems: &[FieldProblem]) -> Vec<FieldId> {
    problems.iter().map(|p| p.field).collect()
}

// ---------------------------------------------------------------- defaults

#[test]
fn a_new_invoice_starts_from_the_settings() {
    let s = AppSettings {
        default_payment_terms_days: 45,
        default_withholding_pct: dec("15"),
        default_vat: VatRate::Rate(dec("10")),
        ..settings()
    };
    let inv = draft::new_invoice(&s, d(2026, 3, 2), "n1".into(), now());
    assert_eq!(inv.series_id, "s-f");
    assert_eq!(inv.number, None);
    assert_eq!(inv.due_date, d(2026, 4, 16));
    assert_eq!(inv.currency, "EUR");
    assert_eq!(inv.withholding_pct, dec("15"));
    assert_eq!(inv.lines.len(), 1);
    assert_eq!(inv.lines[0].quantity, Decimal::ONE);
    assert_eq!(inv.lines[0].vat, VatRate::Rate(dec("10")));
}

#[test]
fn a_new_quote_is_valid_for_thirty_days() {
    let q = draft::new_quote(&settings(), d(2026, 3, 2), "q".into(), now());
    assert_eq!(q.series_id, "s-q");
    assert_eq!(q.valid_until, Some(d(2026, 4, 1)));
    assert_eq!(q.state, QuoteState::Draft);
}

#[test]
fn a_sent_quote_expires_after_its_validity_not_on_its_last_day() {
    let sent = cobro_core::Quote {
        state: QuoteState::Sent { date: d(2026, 3, 3) },
        ..quote()
    };
    assert!(!draft::quote_expired(&sent, d(2026, 4, 1)));
    assert!(draft::quote_expired(&sent, d(2026, 4, 2)));
    // A draft or an answered quote never "expires".
    assert!(!draft::quote_expired(&quote(), d(2027, 1, 1)));
    let accepted = cobro_core::Quote {
        state: QuoteState::Accepted { date: d(2026, 3, 5) },
        ..quote()
    };
    assert!(!draft::quote_expired(&accepted, d(2027, 1, 1)));
}

#[test]
fn choosing_a_client_fills_currency_due_date_and_methods() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    input.client.clear();
    let c = cobro_core::Client {
        currency: "GBP".into(),
        payment_terms_days: 60,
        ..client()
    };
    draft::choose_client(&mut input, &c, DraftKind::Invoice);
    assert_eq!(input.client, "c1");
    assert_eq!(input.currency, "GBP");
    assert_eq!(input.due_date, "2026-05-01");
    assert_eq!(input.methods, vec!["pm-bank".to_string()]);

    // A quote has no due date: only the currency and methods follow.
    let mut q = DraftInput::from_quote(&quote(), Lang::En);
    draft::choose_client(&mut q, &c, DraftKind::Quote);
    assert_eq!((q.currency.as_str(), q.due_date.as_str()), ("GBP", ""));
}

#[test]
fn moving_the_issue_date_moves_the_due_date_or_keeps_the_validity_length() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    let old = input.issue_date.clone();
    input.issue_date = "2026-03-10".into();
    draft::issue_date_changed(&mut input, DraftKind::Invoice, 30, &old);
    assert_eq!(input.due_date, "2026-04-09");

    let mut q = DraftInput::from_quote(&quote(), Lang::En);
    let old = q.issue_date.clone();
    q.issue_date = "2026-03-12".into();
    draft::issue_date_changed(&mut q, DraftKind::Quote, 30, &old);
    assert_eq!(q.valid_until, "2026-04-11");

    // Half-typed dates move nothing.
    q.issue_date = "2026-03-".into();
    draft::issue_date_changed(&mut q, DraftKind::Quote, 30, "2026-03-12");
    assert_eq!(q.valid_until, "2026-04-11");
}

// ---------------------------------------------------------------- typed input

#[test]
fn an_invoice_and_its_text_make_the_same_invoice() {
    let mut inv = draft();
    inv.po_number = "PO-1".into();
    inv.delivery_date = Some(d(2026, 2, 27));
    inv.withholding_pct = dec("15");
    inv.invoice_discount_pct = dec("2.5");
    inv.early_payment = Some(EarlyPaymentTerms {
        discount_pct: dec("3"),
        within_days: 10,
    });
    inv.payment_method_ids = vec!["pm-bank".into()];
    inv.notes = "Gracias".into();
    inv.lines.push(cobro_core::Line {
        item_id: Some("it-1".into()),
        discount_pct: dec("10"),
        vat: VatRate::Exempt("Art. 20.Uno.9º LIVA".into()),
        ..line("Formación", "1.25", "300.5")
    });
    let input = DraftInput::from_invoice(&inv, Lang::En);
    assert_eq!(input.lines[1].vat, draft_input::EXEMPT);
    assert_eq!(input.lines[1].quantity, "1.25");
    assert_eq!(parse_invoice(&input, &inv), Ok(inv.clone()));
    // In Spanish the numbers come back with a decimal comma, and read back the same.
    let es = DraftInput::from_invoice(&inv, Lang::Es);
    assert_eq!(es.lines[1].quantity, "1,25");
    assert_eq!(es.lines[1].unit_price, "300,5");
    assert_eq!(parse_invoice(&es, &inv), Ok(inv));
}

#[test]
fn a_quote_and_its_text_make_the_same_quote() {
    let q = cobro_core::Quote {
        po_number: "PO-9".into(),
        payment_method_ids: vec!["pm-bank".into()],
        early_payment: Some(EarlyPaymentTerms {
            discount_pct: dec("2"),
            within_days: 15,
        }),
        ..quote()
    };
    assert_eq!(parse_quote(&DraftInput::from_quote(&q, Lang::En), &q), Ok(q));
}

#[test]
fn spanish_and_english_numbers_are_both_read() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    input.lines[0].unit_price = "1.000,50".into();
    input.lines[0].quantity = "2,5".into();
    input.withholding = "7,5".into();
    let inv = parse_invoice(&input, &draft()).expect("valid");
    assert_eq!(inv.lines[0].unit_price, dec("1000.50"));
    assert_eq!(inv.lines[0].quantity, dec("2.5"));
    assert_eq!(inv.withholding_pct, dec("7.5"));
}

#[test]
fn every_problem_is_named_at_its_field_at_once() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    input.client.clear();
    input.lines[0].quantity = "dos".into();
    input.lines[0].unit_price = "-5".into();
    input
        .lines
        .push(draft::blank_line_input(&VatRate::Exempt(String::new())));
    input.withholding = "150".into();
    input.currency = "EURO".into();
    input.due_date = "2026-02-01".into();
    input.early_pct = "3".into();
    input.early_days = "-3".into();
    let problems = parse_invoice(&input, &draft()).expect_err("invalid");
    assert_eq!(
        problems,
        vec![
            FieldProblem {
                field: FieldId::Client,
                problem: InputProblem::Missing
            },
            FieldProblem {
                field: FieldId::Currency,
                problem: InputProblem::UnknownCurrency("EURO".into())
            },
            FieldProblem {
                field: FieldId::Withholding,
                problem: InputProblem::TooLarge {
                    max: Decimal::ONE_HUNDRED
                }
            },
            FieldProblem {
                field: FieldId::EarlyDays,
                problem: InputProblem::NotWholeDays("-3".into())
            },
            FieldProblem {
                field: at(0, LineField::Quantity),
                problem: InputProblem::NotANumber("dos".into())
            },
            FieldProblem {
                field: at(0, LineField::UnitPrice),
                problem: InputProblem::Negative
            },
            FieldProblem {
                field: at(1, LineField::Reason),
                problem: InputProblem::ExemptWithoutReason
            },
        ]
    );
}

#[test]
fn dates_are_checked_and_the_due_date_follows_the_issue_date() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    input.due_date = "2026-03-01".into();
    assert_eq!(
        fields(&parse_invoice(&input, &draft()).expect_err("before")),
        vec![FieldId::DueDate]
    );
    input.due_date = String::new();
    input.issue_date = "mañana".into();
    let p = parse_invoice(&input, &draft()).expect_err("missing");
    assert!(p.contains(&FieldProblem {
        field: FieldId::IssueDate,
        problem: InputProblem::NotADate("mañana".into())
    }));
    assert!(p.contains(&FieldProblem {
        field: FieldId::DueDate,
        problem: InputProblem::Missing
    }));
    let mut q = DraftInput::from_quote(&quote(), Lang::En);
    q.valid_until = "2026-03-01".into();
    assert_eq!(
        parse_quote(&q, &quote()).expect_err("before"),
        vec![FieldProblem {
            field: FieldId::ValidUntil,
            problem: InputProblem::ValidBeforeIssue
        }]
    );
    q.valid_until.clear();
    assert_eq!(parse_quote(&q, &quote()).map(|q| q.valid_until), Ok(None));
}

#[test]
fn an_invoice_needs_its_numbering_series() {
    let base = cobro_core::Invoice {
        series_id: String::new(),
        ..draft()
    };
    let p = parse_invoice(&DraftInput::from_invoice(&base, Lang::En), &base).expect_err("no series");
    assert_eq!(fields(&p), vec![FieldId::Series]);
}

#[test]
fn early_payment_needs_days_and_leaves_something_to_pay() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    input.early_pct = "100".into();
    input.early_days = String::new();
    let p = parse_invoice(&input, &draft()).expect_err("invalid");
    assert_eq!(
        p,
        vec![
            FieldProblem {
                field: FieldId::EarlyPct,
                problem: InputProblem::EarlyDiscountTooHigh
            },
            FieldProblem {
                field: FieldId::EarlyDays,
                problem: InputProblem::Missing
            },
        ]
    );
    input.early_pct = String::new();
    assert_eq!(parse_invoice(&input, &draft()).map(|i| i.early_payment), Ok(None));
}

#[test]
fn too_many_decimals_and_too_large_values_say_their_limit() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    input.lines[0].quantity = "0,123456".into();
    input.lines[0].discount = "101".into();
    let p = parse_invoice(&input, &draft()).expect_err("invalid");
    assert_eq!(
        p,
        vec![
            FieldProblem {
                field: at(0, LineField::Quantity),
                problem: InputProblem::TooManyDecimals { max: 4 }
            },
            FieldProblem {
                field: at(0, LineField::Discount),
                problem: InputProblem::TooLarge {
                    max: Decimal::ONE_HUNDRED
                }
            },
        ]
    );
}

#[test]
fn a_line_worth_more_than_anything_invoiced_is_refused_at_its_price() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    input.lines[0].quantity = "1000000000".into();
    input.lines[0].unit_price = "1000000".into();
    let p = parse_invoice(&input, &draft()).expect_err("too large");
    assert_eq!(fields(&p), vec![at(0, LineField::UnitPrice)]);
}

#[test]
fn issuing_problems_point_at_their_fields() {
    let problems = [
        DraftProblem::PoMissing,
        DraftProblem::LineWithoutDescription { line: 2 },
        DraftProblem::ZeroTotal,
    ];
    assert_eq!(
        fields(&draft_input::issue_problems(&problems)),
        vec![FieldId::Po, at(1, LineField::Description), FieldId::Lines]
    );
}

// ---------------------------------------------------------------- VAT choices

#[test]
fn vat_choices_are_the_standard_rates_the_current_one_and_the_exemption() {
    let values = |c: &str| -> Vec<String> { draft::vat_choices(c).into_iter().map(|c| c.value).collect() };
    assert_eq!(values("21"), ["21", "10", "4", "0", "exempt"]);
    assert_eq!(values("exempt"), ["21", "10", "4", "0", "exempt"]);
    // A rate outside the list (an imported invoice, an item at 7.5 %) stays choosable.
    assert_eq!(values("7.50"), ["21", "10", "4", "0", "7.5", "exempt"]);
    assert_eq!(values("21.00"), ["21", "10", "4", "0", "exempt"]);
    assert_eq!(draft::vat_choices("exempt").last().map(|c| c.rate), Some(None));
}

// ---------------------------------------------------------------- issuing preview

#[test]
fn the_preview_names_the_number_client_total_and_due_date() {
    let s = series(DocKind::Invoice, "s-f");
    let preview = draft::issue_preview(&draft(), &client(), &s).expect("issuable");
    assert_eq!(
        preview,
        IssuePreview {
            number: "F2026-0001".into(),
            client_name: "Cliente SL".into(),
            total: dec("121.00"),
            currency: "EUR".into(),
            issue_date: d(2026, 3, 2),
            due_date: d(2026, 4, 1),
        }
    );
    // The number is the one issuing gives, also for a series continued from elsewhere.
    let mut continued = s.clone();
    continued.last.insert(2026, 42);
    continued.carried_over.insert(2026, 42);
    let preview = draft::issue_preview(&draft(), &client(), &continued).expect("issuable");
    let (issued, _) = lifecycle::issue_invoice(&draft(), &client(), &continued, now()).expect("issued");
    assert_eq!(Some(preview.number), issued.number);
}

#[test]
fn an_invoice_of_zero_cannot_be_issued() {
    let mut zero = draft();
    zero.lines[0].unit_price = Decimal::ZERO;
    let s = series(DocKind::Invoice, "s-f");
    assert_eq!(
        draft::issue_preview(&zero, &client(), &s),
        Err(LifecycleError::InvalidDraft(vec![DraftProblem::ZeroTotal]))
    );
    assert_eq!(
        lifecycle::issue_invoice(&zero, &client(), &s, now()),
        Err(LifecycleError::InvalidDraft(vec![DraftProblem::ZeroTotal]))
    );
    // A full discount is zero too.
    let mut discounted = draft();
    discounted.invoice_discount_pct = Decimal::ONE_HUNDRED;
    assert_eq!(
        lifecycle::validate_draft(&discounted, &client()),
        Err(vec![DraftProblem::ZeroTotal])
    );
}

#[test]
fn the_preview_refuses_what_issuing_refuses() {
    let c = cobro_core::Client {
        po_required: true,
        ..client()
    };
    let s = series(DocKind::Invoice, "s-f");
    assert_eq!(
        draft::issue_preview(&draft(), &c, &s),
        Err(LifecycleError::InvalidDraft(vec![DraftProblem::PoMissing]))
    );
    assert!(matches!(
        draft::issue_preview(&issued(), &client(), &s),
        Err(LifecycleError::AlreadyIssued { .. })
    ));
    assert!(matches!(
        draft::issue_preview(&draft(), &client(), &series(DocKind::Quote, "s-f")),
        Err(LifecycleError::WrongSeriesKind { .. })
    ));
}

// ---------------------------------------------------------------- deleting drafts

#[test]
fn only_drafts_can_be_deleted() {
    assert_eq!(draft::ensure_invoice_deletable(&draft()), Ok(()));
    assert!(matches!(
        draft::ensure_invoice_deletable(&issued()),
        Err(LifecycleError::NotEditable { .. })
    ));
    assert_eq!(draft::ensure_quote_deletable(&quote()), Ok(()));
    let sent = cobro_core::Quote {
        number: Some("P2026-0001".into()),
        state: QuoteState::Sent { date: d(2026, 3, 3) },
        ..quote()
    };
    assert!(matches!(
        draft::ensure_quote_deletable(&sent),
        Err(LifecycleError::QuoteAlreadyNumbered { .. })
    ));
}

#[test]
fn deleting_the_draft_made_from_a_quote_lets_the_quote_be_invoiced_again() {
    let accepted = cobro_core::Quote {
        state: QuoteState::Accepted { date: d(2026, 3, 5) },
        invoice_id: Some("i1".into()),
        ..quote()
    };
    let unlinked = draft::unlink_quote(&accepted, "i1", now()).expect("linked");
    assert_eq!(unlinked.invoice_id, None);
    assert_eq!(unlinked.updated_at, now());
    assert_eq!(draft::unlink_quote(&accepted, "other", now()), None);
    let mut ids = 0;
    let (inv, _) = lifecycle::quote_to_invoice_draft(
        &unlinked,
        &client(),
        "s-f",
        d(2026, 3, 6),
        &mut || {
            ids += 1;
            format!("n{ids}")
        },
        now(),
    )
    .expect("invoiced again");
    assert_eq!(inv.quote_id.as_deref(), Some("q1"));
}

#[test]
fn totals_follow_what_is_typed_before_the_rest_is_complete() {
    let mut input = DraftInput::from_invoice(&draft(), Lang::En);
    input.client.clear();
    input.due_date = "2026-".into();
    let t = draft_input::live_totals(&input).expect("lines are fine");
    assert_eq!(t.total, dec("121.00"));
    input.lines[0].quantity = "x".into();
    assert_eq!(draft_input::live_totals(&input), None);
}

#[test]
fn only_a_draft_quote_is_edited() {
    assert_eq!(draft::ensure_quote_editable(&quote()), Ok(()));
    let sent = cobro_core::Quote {
        state: QuoteState::Sent { date: d(2026, 3, 3) },
        ..quote()
    };
    assert!(matches!(
        draft::ensure_quote_editable(&sent),
        Err(LifecycleError::QuoteTransition { action: "edit", .. })
    ));
}

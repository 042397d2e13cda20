//! Documents: what an invoice, a credit note and a quote print, in the client's language,
//! with their legal content (who, what, when, which invoice a correction corrects, why).

mod common;

use cobro_core::document::{
    credit_note_document, invoice_document, quote_document, DocumentKind, DocumentView, TotalKind,
};
use cobro_core::payment_info::{NoQrReason, TransferQr};
use cobro_core::{
    CreditNote, Dataset, EarlyPaymentTerms, Invoice, Lang, Line, Payment, PaymentMethodKind, Quote, VatRate,
};
use common::docs::*;

fn with(inv: Invoice) -> Dataset {
    Dataset {
        invoices: vec![inv],
        ..dataset()
    }
}

fn meta<'a>(doc: &'a DocumentView, key: &str) -> Option<&'a str> {
    doc.meta.iter().find(|m| m.key == key).map(|m| m.value.as_str())
}

fn total_rows(doc: &DocumentView) -> Vec<(TotalKind, String, String)> {
    doc.totals
        .iter()
        .map(|r| (r.kind, r.label.clone(), r.amount.clone()))
        .collect()
}

fn section<'a>(doc: &'a DocumentView, key: &str) -> Vec<&'a str> {
    doc.intro
        .iter()
        .chain(&doc.sections)
        .filter(|s| s.key == key)
        .flat_map(|s| s.paragraphs.iter().map(String::as_str))
        .collect()
}

fn invoice() -> Invoice {
    Invoice {
        po_number: "PO-4500123".into(),
        withholding_pct: dec("15"),
        early_payment: Some(EarlyPaymentTerms {
            discount_pct: dec("3"),
            within_days: 10,
        }),
        lines: vec![
            line("Diseño de la web", "2", "1000"),
            Line {
                vat: VatRate::Exempt("Art. 20.Uno.9º LIVA: enseñanza".into()),
                ..line("Formación del equipo", "12.5", "40")
            },
        ],
        ..issued()
    }
}

#[test]
fn an_invoice_prints_who_what_when_and_how_to_pay() {
    let inv = invoice();
    let doc = invoice_document(&with(inv.clone()), &inv, Lang::En);
    assert_eq!(doc.kind, DocumentKind::Invoice);
    assert_eq!(doc.lang, Lang::Es, "the client's language, not the interface's");
    assert_eq!(
        (doc.title.as_str(), doc.number.as_str()),
        ("Factura", "F2026-0001")
    );
    assert!(doc.numbered);
    assert_eq!(doc.seller.name, "Lucía Martín Estudio");
    assert_eq!(doc.seller.tax_id, "NIF: 12345678Z");
    assert_eq!(doc.seller.address, ["Calle Mayor 1", "28013 Madrid", "ES"]);
    assert_eq!(doc.buyer.tax_id, "NIF: B12345678");
    assert_eq!(meta(&doc, "issue"), Some("02/03/2026"));
    assert_eq!(meta(&doc, "due"), Some("01/04/2026"));
    assert_eq!(meta(&doc, "po"), Some("PO-4500123"));
    assert_eq!(meta(&doc, "delivery"), None);

    let table = doc.table.as_ref().expect("lines");
    let heads: Vec<&str> = table.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(heads, ["Descripción", "Cant.", "Precio", "IVA", "Importe"]);
    assert_eq!(
        table.rows[0].cells,
        ["Diseño de la web", "2", "1.000,00 €", "21 %", "2.000,00 €"]
    );
    // The exemption's ground goes under its line, not into the VAT column.
    assert_eq!(
        table.rows[1].cells,
        ["Formación del equipo", "12,5", "40,00 €", "Exento", "500,00 €"]
    );
    assert_eq!(
        table.rows[1].note.as_deref(),
        Some("Operación exenta de IVA: Art. 20.Uno.9º LIVA: enseñanza")
    );
    assert_eq!(table.rows[0].note, None);

    // 2 500 base, 420 VAT on 2 000, nothing on 500, 375 withheld.
    assert_eq!(
        total_rows(&doc),
        vec![
            (TotalKind::Base, "Base imponible".into(), "2.500,00 €".into()),
            (
                TotalKind::Vat,
                "IVA 21 % sobre 2.000,00 €".into(),
                "420,00 €".into()
            ),
            (
                TotalKind::Vat,
                "Exento de IVA sobre 500,00 €".into(),
                "0,00 €".into()
            ),
            (
                TotalKind::Withholding,
                "Retención IRPF 15 %".into(),
                "−375,00 €".into()
            ),
            (TotalKind::Total, "Total".into(), "2.545,00 €".into()),
        ]
    );
    assert_eq!(doc.total(), Some(dec("2545.00")));
    assert_eq!(
        section(&doc, "terms"),
        ["Vence el 01/04/2026 (30 días desde la emisión)."]
    );
    assert_eq!(
        section(&doc, "early"),
        ["Descuento por pronto pago: 3 % si paga a más tardar el 12/03/2026: 2.468,65 €."]
    );
    let pay = doc.payment.as_ref().expect("payment");
    assert_eq!(
        pay.methods,
        ["Transferencia bancaria: IBAN ES91 2100 0418 4502 0005 1332 · BIC CAIXESBBXXX · Titular: Lucía Martín"]
    );
    assert_eq!(
        pay.reference,
        Some(("Indique como referencia".into(), "F2026-0001".into()))
    );
    let epc = pay.epc_payload().expect("QR");
    assert!(epc.ends_with("EUR2545.00\n\n\nF2026-0001"), "{epc}");
    assert_eq!(pay.no_qr(), None);
    assert_eq!(doc.problem, None);
    // The tax QR of the billing-records law, first on the page (its URL is verifactu's).
    let tax = doc.verification.as_ref().expect("tax QR").url.clone();
    assert!(tax.contains("numserie=F2026-0001"), "{tax}");
}

#[test]
fn an_english_client_gets_an_english_document() {
    let mut data = with(invoice());
    data.clients[0].language = Lang::En;
    let doc = invoice_document(&data, &invoice(), Lang::Es);
    assert_eq!((doc.lang, doc.title.as_str()), (Lang::En, "Invoice"));
    assert_eq!(doc.buyer.tax_id, "Tax ID: B12345678");
    assert_eq!(meta(&doc, "due"), Some("1 Apr 2026"));
    let table = doc.table.as_ref().expect("lines");
    assert_eq!(table.rows[1].cells[1], "12.5");
    assert_eq!(table.rows[0].cells[2], "€1,000.00");
    assert_eq!(table.rows[0].cells[3], "21%");
    assert_eq!(doc.total(), Some(dec("2545.00")));
    assert_eq!(doc.totals.last().map(|r| r.amount.as_str()), Some("€2,545.00"));
    assert_eq!(
        section(&doc, "terms"),
        ["Due on 1 Apr 2026 (30 days from the issue date)."]
    );
}

#[test]
fn without_its_client_record_a_document_takes_the_interface_language() {
    let mut data = with(invoice());
    data.clients.clear();
    let doc = invoice_document(&data, &invoice(), Lang::En);
    assert_eq!(doc.lang, Lang::En);
    assert_eq!(doc.buyer.name, "");
}

#[test]
fn a_draft_has_no_number_reference_or_qr_yet() {
    let inv = Invoice {
        number: None,
        ..invoice()
    };
    let doc = invoice_document(&with(inv.clone()), &inv, Lang::Es);
    assert_eq!((doc.number.as_str(), doc.numbered), ("Borrador", false));
    let pay = doc.payment.as_ref().expect("methods");
    assert_eq!((pay.reference.clone(), pay.epc_payload()), (None, None));
    assert_eq!(pay.no_qr(), Some(&NoQrReason::Draft));
    assert_eq!(doc.verification, None);
}

#[test]
fn the_discount_column_and_rows_appear_only_when_there_is_a_discount() {
    let mut inv = invoice();
    inv.withholding_pct = dec("0");
    inv.invoice_discount_pct = dec("10");
    inv.lines[0].discount_pct = dec("5");
    inv.delivery_date = Some(d(2026, 2, 27));
    let doc = invoice_document(&with(inv.clone()), &inv, Lang::Es);
    let table = doc.table.as_ref().expect("lines");
    assert_eq!(table.columns.len(), 6);
    assert_eq!(table.rows[0].cells[3], "5 %");
    assert_eq!(table.rows[1].cells[3], "");
    let kinds: Vec<TotalKind> = doc.totals.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            TotalKind::Gross,
            TotalKind::Discount,
            TotalKind::Base,
            TotalKind::Vat,
            TotalKind::Vat,
            TotalKind::Total
        ]
    );
    assert!(doc.totals[1].amount.starts_with('−'));
    assert_eq!(meta(&doc, "delivery"), Some("27/02/2026"));
}

#[test]
fn a_logo_is_printed_only_from_an_inline_image() {
    let mut data = with(invoice());
    data.profile.logo_data_url = Some("https://evil.example/logo.png".into());
    assert_eq!(invoice_document(&data, &invoice(), Lang::Es).seller.logo, None);
    data.profile.logo_data_url = Some("data:image/png;base64,AAAA".into());
    assert!(invoice_document(&data, &invoice(), Lang::Es)
        .seller
        .logo
        .is_some());
}

fn partial_note() -> CreditNote {
    credit_note("cn1", "R2026-0001", vec![line("Diseño de la web", "1", "400")])
}

#[test]
fn a_credit_note_names_the_invoice_it_corrects_why_and_the_corrected_amounts() {
    let inv = Invoice {
        withholding_pct: dec("0"),
        early_payment: None,
        lines: vec![line("Diseño de la web", "1", "2400")],
        ..invoice()
    };
    let note = partial_note();
    let data = Dataset {
        credit_notes: vec![note.clone()],
        ..with(inv)
    };
    let doc = credit_note_document(&data, &note, Lang::En);
    assert_eq!(doc.kind, DocumentKind::CreditNote);
    assert_eq!(
        (doc.title.as_str(), doc.number.as_str()),
        ("Factura rectificativa", "R2026-0001")
    );
    assert_eq!(meta(&doc, "issue"), Some("10/03/2026"));
    assert_eq!(meta(&doc, "corrects"), Some("F2026-0001 · 02/03/2026"));
    assert_eq!(meta(&doc, "po"), Some("PO-4500123"));
    assert_eq!(section(&doc, "reason"), ["Precio mal aplicado"]);
    // What it takes back, as negative amounts.
    let table = doc.table.as_ref().expect("lines");
    assert_eq!(
        table.rows[0].cells,
        ["Diseño de la web", "−1", "400,00 €", "21 %", "−400,00 €"]
    );
    assert_eq!(
        total_rows(&doc),
        vec![
            (TotalKind::Base, "Base imponible".into(), "−400,00 €".into()),
            (
                TotalKind::Vat,
                "IVA 21 % sobre −400,00 €".into(),
                "−84,00 €".into()
            ),
            (TotalKind::Total, "Total".into(), "−484,00 €".into()),
        ]
    );
    assert_eq!(doc.total(), Some(dec("-484.00")));
    assert!(doc
        .verification
        .as_ref()
        .is_some_and(|v| v.url.contains("numserie=R2026-0001")));
    assert_eq!(
        section(&doc, "correction"),
        [
            "Total de la factura: 2.904,00 €",
            "Esta rectificación: −484,00 €",
            "Total resultante: 2.420,00 €"
        ]
    );
    assert_eq!(doc.payment, None);
}

#[test]
fn a_full_cancellation_says_so() {
    let inv = invoice();
    let note = CreditNote {
        full_cancellation: true,
        reason: "Encargo anulado".into(),
        lines: inv.lines.clone(),
        withholding_pct: inv.withholding_pct,
        ..partial_note()
    };
    let data = Dataset {
        credit_notes: vec![note.clone()],
        ..with(inv)
    };
    let doc = credit_note_document(&data, &note, Lang::Es);
    assert_eq!(
        section(&doc, "reason"),
        ["Encargo anulado", "Anula la factura en su totalidad."]
    );
    assert_eq!(doc.total(), Some(dec("-2545.00")));
    assert!(section(&doc, "correction").contains(&"Total resultante: 0,00 €"));
    // Withholding taken back is added back.
    let w = doc
        .totals
        .iter()
        .find(|r| r.kind == TotalKind::Withholding)
        .expect("row");
    assert_eq!(w.amount, "375,00 €");
}

#[test]
fn a_quote_prints_its_validity_terms_and_a_place_to_accept_it() {
    let q = Quote {
        number: Some("P2026-0004".into()),
        po_number: "PO-77".into(),
        early_payment: Some(EarlyPaymentTerms {
            discount_pct: dec("2"),
            within_days: 10,
        }),
        payment_method_ids: vec!["pm-bank".into()],
        notes: "Incluye dos rondas de cambios.".into(),
        ..quote()
    };
    let data = Dataset {
        quotes: vec![q.clone()],
        ..dataset()
    };
    let doc = quote_document(&data, &q, Lang::En);
    assert_eq!(doc.kind, DocumentKind::Quote);
    assert_eq!(
        (doc.title.as_str(), doc.number.as_str()),
        ("Presupuesto", "P2026-0004")
    );
    assert_eq!(meta(&doc, "valid-until"), Some("01/04/2026"));
    assert_eq!(meta(&doc, "po"), Some("PO-77"));
    assert_eq!(doc.total(), Some(dec("968.00")));
    assert_eq!(
        section(&doc, "early"),
        ["Descuento por pronto pago: 2 % si se paga en 10 días desde la factura: 948,64 €."]
    );
    assert_eq!(
        section(&doc, "acceptance"),
        ["Conforme, el cliente (fecha, nombre y firma):"]
    );
    let pay = doc.payment.as_ref().expect("methods named");
    assert_eq!((pay.reference.clone(), pay.transfer.clone()), (None, None));
    assert_eq!(doc.notes.as_deref(), Some("Incluye dos rondas de cambios."));
    // Without methods named, a quote prints none.
    let plain = quote_document(&data, &quote(), Lang::Es);
    assert_eq!(plain.payment, None);
    assert_eq!(plain.number, "Borrador");
}

#[test]
fn the_texts_of_a_document_are_what_it_prints() {
    let inv = invoice();
    let doc = invoice_document(&with(inv.clone()), &inv, Lang::Es);
    let texts = doc.texts();
    for expected in [
        "Factura",
        "F2026-0001",
        "NIF: B12345678",
        "PO-4500123",
        "2.545,00 €",
        "Formación del equipo",
    ] {
        assert!(texts.iter().any(|t| t == expected), "{expected} in {texts:?}");
    }
}

fn paid(id: &str, amount: &str) -> Payment {
    Payment {
        id: id.into(),
        invoice_id: "i1".into(),
        date: d(2026, 3, 5),
        amount: dec(amount),
        method_id: Some("pm-bank".into()),
        note: String::new(),
        early_discount: None,
        voided: None,
        closed_steps: Vec::new(),
        updated_at: now(),
    }
}

/// The amount line of an EPC069-12 payload (line 8: "EUR" and the amount).
fn qr_amount(doc: &DocumentView) -> Option<String> {
    let pay = doc.payment.as_ref()?;
    pay.epc_payload()?.lines().nth(7).map(str::to_string)
}

fn no_qr(doc: &DocumentView) -> Option<NoQrReason> {
    doc.payment.as_ref()?.no_qr().cloned()
}

#[test]
fn a_partly_paid_invoice_asks_in_its_qr_for_what_is_still_owed() {
    // 2 545,00 due (after withholding); 1 000 paid, a voided payment counted nowhere, and a
    // credit note of 100 + 21 % VAT taking 121 off.
    let inv = invoice();
    let mut voided = paid("p2", "500");
    voided.voided = Some(cobro_core::PaymentVoid {
        date: d(2026, 3, 6),
        reason: "duplicado".into(),
        replaced_by: None,
    });
    let note = credit_note("r1", "R2026-0001", vec![line("Ajuste", "1", "100")]);
    let data = Dataset {
        payments: vec![paid("p1", "1000"), voided],
        credit_notes: vec![note],
        ..with(inv.clone())
    };
    let doc = invoice_document(&data, &inv, Lang::Es);
    assert_eq!(qr_amount(&doc).as_deref(), Some("EUR1424.00"));
    match doc.payment.as_ref().and_then(|p| p.transfer.clone()) {
        Some(TransferQr::Qr { amount, .. }) => assert_eq!(amount, dec("1424.00")),
        other => panic!("a QR for what is owed, not {other:?}"),
    }
    // The printed total stays the invoice's.
    assert_eq!(doc.total(), Some(dec("2545.00")));
}

#[test]
fn a_paid_or_cancelled_invoice_has_no_qr_and_the_screen_says_why() {
    let inv = invoice();
    let data = Dataset {
        payments: vec![paid("p1", "2545")],
        ..with(inv.clone())
    };
    let doc = invoice_document(&data, &inv, Lang::Es);
    assert_eq!(qr_amount(&doc), None);
    assert_eq!(no_qr(&doc), Some(NoQrReason::NothingOwed));
    // The payment instructions are still printed, only the code is gone.
    assert_eq!(doc.payment.as_ref().map(|p| p.methods.len()), Some(1));

    let cancelled = Invoice {
        cancelled_by: Some("r1".into()),
        ..invoice()
    };
    let note = CreditNote {
        full_cancellation: true,
        lines: cancelled.lines.clone(),
        withholding_pct: cancelled.withholding_pct,
        ..credit_note("r1", "R2026-0001", Vec::new())
    };
    let data = Dataset {
        credit_notes: vec![note],
        ..with(cancelled.clone())
    };
    let doc = invoice_document(&data, &cancelled, Lang::Es);
    assert_eq!(qr_amount(&doc), None);
    assert_eq!(no_qr(&doc), Some(NoQrReason::Cancelled));
}

#[test]
fn an_account_outside_the_sepa_zone_or_another_currency_gets_no_qr() {
    let inv = invoice();
    let mut data = with(inv.clone());
    // A valid Turkish IBAN: a bank transfer, but no SEPA credit transfer.
    data.payment_methods[0].kind = PaymentMethodKind::BankTransfer {
        iban: "TR330006100519786457841326".into(),
        bic: String::new(),
        holder: "Lucía Martín".into(),
        bank: String::new(),
    };
    let doc = invoice_document(&data, &inv, Lang::Es);
    assert_eq!(qr_amount(&doc), None);
    assert_eq!(no_qr(&doc), Some(NoQrReason::NotSepa { country: "TR".into() }));

    let dollars = Invoice {
        currency: "USD".into(),
        ..invoice()
    };
    let doc = invoice_document(&with(dollars.clone()), &dollars, Lang::Es);
    assert_eq!(
        no_qr(&doc),
        Some(NoQrReason::NotEuro {
            currency: "USD".into()
        })
    );
}

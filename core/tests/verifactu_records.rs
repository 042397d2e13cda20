//! Billing records: the AEAT's own fingerprint vectors, records made from Cobro's invoices and
//! credit notes (types, totals without withholding, corrected invoice, chaining), every record
//! valid against the AEAT's XSDs by `xmllint`, and the QR verification URL.

mod common;

use cobro_core::verifactu::hash::{self, AltaFields, AnulacionFields};
use cobro_core::verifactu::qr::{self, Site};
use cobro_core::verifactu::record::{self, InvoiceId, InvoiceType};
use cobro_core::verifactu::{export, Mode};
use cobro_core::VatRate;
use common::*;

/// "Detalle de las especificaciones técnicas para generación de la huella o hash", v0.1.2, § 6.
#[test]
fn the_aeat_fingerprint_vectors() {
    let first = AltaFields {
        issuer_nif: "89890001K",
        number: "12345678/G33",
        date: "01-01-2024",
        invoice_type: "F1",
        tax_total: "12.35",
        total: "123.45",
        previous: "",
        generated_at: "2024-01-01T19:20:30+01:00",
    };
    assert_eq!(
        hash::alta_input(&first),
        "IDEmisorFactura=89890001K&NumSerieFactura=12345678/G33&FechaExpedicionFactura=01-01-2024&TipoFactura=F1&CuotaTotal=12.35&ImporteTotal=123.45&Huella=&FechaHoraHusoGenRegistro=2024-01-01T19:20:30+01:00"
    );
    assert_eq!(
        hash::alta(&first),
        "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"
    );
    let second = AltaFields {
        number: "12345679/G34",
        previous: "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60",
        generated_at: "2024-01-01T19:20:35+01:00",
        ..first
    };
    assert_eq!(
        hash::alta(&second),
        "F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97"
    );
    let cancel = AnulacionFields {
        issuer_nif: "89890001K",
        number: "12345679/G34",
        date: "01-01-2024",
        previous: "F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97",
        generated_at: "2024-01-01T19:20:40+01:00",
    };
    assert_eq!(
        hash::anulacion(&cancel),
        "177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68"
    );
    // Values are trimmed before hashing (spec § 3).
    let padded = AltaFields {
        number: " 12345678/G33 ",
        ..first
    };
    assert_eq!(hash::alta(&padded), hash::alta(&first));
}

#[test]
fn an_invoice_record_totals_base_plus_vat_without_withholding() {
    let inv = invoice(
        "F2026-0001",
        vec![
            line("Diseño web", "10", "50", rate("21")),
            line("Formación", "2", "100", rate("10")),
            line(
                "Curso reglado",
                "1",
                "80",
                VatRate::Exempt("Exenta art. 20.Uno.9 LIVA".into()),
            ),
        ],
        "15",
    );
    let alta = record::alta_for_invoice(&inv, &client("B-12345678", "ES"), &profile()).expect("record");
    assert_eq!(alta.invoice_type, InvoiceType::F1);
    assert_eq!(alta.id.issuer_nif, "12345678Z");
    // 500 + 200 + 80 base; VAT 105 + 20.
    assert_eq!(record::amount(alta.tax_total), "125.00");
    assert_eq!(record::amount(alta.total), "905.00");
    let quals: Vec<&str> = alta.breakdown.iter().map(|d| d.qualification).collect();
    assert!(quals.contains(&"E1"), "{quals:?}");

    let r = record::render_alta(&alta, None, &system(), &at(2026, 3, 2, 10, 0, 0));
    assert!(r.xml.contains("<sf:PrimerRegistro>S</sf:PrimerRegistro>"));
    assert!(r
        .xml
        .contains("<sf:NombreRazonEmisor>Ana Autónoma &amp; Cía</sf:NombreRazonEmisor>"));
    assert!(r.xml.contains("<sf:ImporteTotal>905.00</sf:ImporteTotal>"));
    let parsed = record::parse(&r.xml).expect("parse");
    assert_eq!(parsed.huella, r.huella);
    assert_eq!(parsed.recomputed(), r.huella);
    let dir = scratch("vf-invoice");
    xmllint(&dir, "alta.xml", "SuministroInformacion.xsd", &r.xml).expect("valid RegistroAlta");
}

#[test]
fn a_client_without_tax_id_gets_a_simplified_invoice_and_its_credit_note_r5() {
    let inv = invoice("F2026-0002", vec![line("Clase", "1", "40", rate("21"))], "0");
    let walk_in = client("", "ES");
    let alta = record::alta_for_invoice(&inv, &walk_in, &profile()).expect("record");
    assert_eq!(alta.invoice_type, InvoiceType::F2);
    assert!(alta.recipient.is_none());
    let cn = credit_note("R2026-0001", &inv, vec![line("Clase", "1", "40", rate("21"))]);
    let corr = record::alta_for_credit_note(&cn, &inv, &walk_in, &profile()).expect("record");
    assert_eq!(corr.invoice_type, InvoiceType::R5);
    let dir = scratch("vf-simplified");
    let r = record::render_alta(&corr, None, &system(), &at(2026, 3, 10, 9, 0, 0));
    xmllint(&dir, "r5.xml", "SuministroInformacion.xsd", &r.xml).expect("valid R5");
}

#[test]
fn a_credit_note_is_a_corrective_by_differences_naming_its_invoice_chained_after_it() {
    let inv = invoice(
        "F2026-0003",
        vec![line("Consultoría", "3", "100", rate("21"))],
        "15",
    );
    let c = client("FR12345678901", "FR");
    let alta = record::alta_for_invoice(&inv, &c, &profile()).expect("record");
    let first = record::render_alta(&alta, None, &system(), &at(2026, 3, 2, 10, 0, 0));

    let cn = credit_note(
        "R2026-0002",
        &inv,
        vec![line("Consultoría", "1", "100", rate("21"))],
    );
    let corr = record::alta_for_credit_note(&cn, &inv, &c, &profile()).expect("record");
    assert_eq!(corr.invoice_type, InvoiceType::R1);
    assert_eq!(record::amount(corr.total), "-121.00");
    assert_eq!(record::amount(corr.tax_total), "-21.00");
    let prev = record::parse(&first.xml).expect("parse").as_previous();
    let second = record::render_alta(&corr, Some(&prev), &system(), &at(2026, 3, 10, 9, 0, 0));
    assert!(second
        .xml
        .contains("<sf:TipoRectificativa>I</sf:TipoRectificativa>"));
    assert!(second.xml.contains("<sf:IDFacturaRectificada><sf:IDEmisorFactura>12345678Z</sf:IDEmisorFactura><sf:NumSerieFactura>F2026-0003</sf:NumSerieFactura><sf:FechaExpedicionFactura>02-03-2026</sf:FechaExpedicionFactura></sf:IDFacturaRectificada>"));
    assert!(second
        .xml
        .contains("<sf:IDOtro><sf:CodigoPais>FR</sf:CodigoPais><sf:IDType>02</sf:IDType>"));
    let parsed = record::parse(&second.xml).expect("parse");
    assert_eq!(parsed.previous, first.huella);
    assert_eq!(
        parsed.previous_id.as_ref().map(|p| p.number.as_str()),
        Some("F2026-0003")
    );

    // A cancellation record after both.
    let third = record::render_anulacion(
        &InvoiceId {
            issuer_nif: "12345678Z".into(),
            number: "F2026-0003".into(),
            date: d(2026, 3, 2),
        },
        Some(&parsed.as_previous()),
        &system(),
        &at(2026, 3, 11, 9, 0, 0),
    );
    let p3 = record::parse(&third.xml).expect("parse");
    assert!(p3.cancellation);
    assert_eq!(p3.recomputed(), third.huella);

    let dir = scratch("vf-credit");
    for (name, x) in [
        ("a.xml", &first.xml),
        ("b.xml", &second.xml),
        ("c.xml", &third.xml),
    ] {
        xmllint(&dir, name, "SuministroInformacion.xsd", x).unwrap_or_else(|e| panic!("{name}: {e}"));
    }

    // The three as the submission message of SuministroLR.xsd.
    let entries: Vec<cobro_core::verifactu::chain::Entry> = [first.xml, second.xml, third.xml]
        .into_iter()
        .enumerate()
        .map(|(i, xml)| cobro_core::verifactu::chain::Entry {
            installation: "inst-a".into(),
            seq: i as u64 + 1,
            doc_id: None,
            xml,
            signature: None,
        })
        .collect();
    let refs: Vec<&_> = entries.iter().collect();
    let header = export::Header {
        name: "Ana Autónoma".into(),
        nif: "12345678Z".into(),
        request_ref: Some("REQ-2026-1".into()),
    };
    let files = export::records_files(&header, &refs);
    assert_eq!(files.len(), 1);
    xmllint(&dir, "lr.xml", "SuministroLR.xsd", &files[0]).expect("valid RegFactuSistemaFacturacion");
    assert_eq!(export::split_records(&files[0]).len(), 3);
}

#[test]
fn a_business_without_a_spanish_nif_cannot_keep_records() {
    let inv = invoice("F1", vec![line("x", "1", "1", rate("21"))], "0");
    let mut p = profile();
    p.tax_id = "123".into();
    assert!(matches!(
        record::alta_for_invoice(&inv, &client("B12345678", ""), &p),
        Err(record::RecordError::IssuerNif { .. })
    ));
}

#[test]
fn the_qr_url_is_the_no_verifactu_service_with_encoded_parameters() {
    // The AEAT's example (§ 4): "&" in the number is encoded.
    let u = qr::url(
        Mode::NoVerifactu,
        Site::Test,
        "89890001K",
        "12345678&G33",
        d(2024, 1, 1),
        dec("241.4"),
    );
    assert_eq!(
        u,
        "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.40"
    );
    let p = qr::url(
        Mode::NoVerifactu,
        Site::Production,
        "es 12.345.678-z",
        "F 2026/1",
        d(2026, 3, 2),
        dec("-121"),
    );
    assert_eq!(
        p,
        "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?nif=12345678Z&numserie=F%202026%2F1&fecha=02-03-2026&importe=-121.00"
    );
}

#[test]
fn basque_and_navarre_addresses_are_outside_this_system() {
    use cobro_core::verifactu::foral_region;
    assert!(foral_region("Bizkaia", ""));
    assert!(foral_region("", "31001"));
    assert!(foral_region("Álava", ""));
    assert!(!foral_region("Madrid", "28001"));
    assert!(!foral_region("", "08001"));
}

#[test]
fn an_issued_invoice_prints_its_record_total_in_the_qr_and_a_draft_none() {
    let inv = invoice("F2026-0007", vec![line("Diseño", "1", "100", rate("21"))], "15");
    let u = qr::invoice_url(&inv, &profile()).expect("url");
    assert!(
        u.ends_with("?nif=12345678Z&numserie=F2026-0007&fecha=02-03-2026&importe=121.00"),
        "{u}"
    );
    let mut draft = inv.clone();
    draft.number = None;
    assert_eq!(qr::invoice_url(&draft, &profile()), None);
    let cn = credit_note("R2026-0003", &inv, vec![line("Diseño", "1", "100", rate("21"))]);
    let c = qr::credit_note_url(&cn, &profile()).expect("url");
    assert!(c.ends_with("importe=-121.00"), "{c}");
}

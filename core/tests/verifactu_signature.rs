//! Signatures: a record and an event signed through `xades::prepare`/`finish` with a key
//! made by openssl at test time verify with `xmlsec1` against the test CA, stay valid
//! against the XSDs, and fail once a byte of the record changes; the certificate is read from
//! PKCS#12 files as openssl writes them today (AES, PBKDF2) and in the legacy form (3DES/RC2).

mod common;

use cobro_core::verifactu::event::{self, Event, Taxpayer};
use cobro_core::verifactu::{cert, pkcs12, record, xades};
use common::*;
use std::process::Command;

fn signed_record(dir: &std::path::Path, ec: bool) -> (String, String) {
    make_cert(dir, ec);
    let der = std::fs::read(dir.join("cert.der")).expect("cert");
    let info = cert::parse(&der).expect("cert info");
    assert_eq!(info.nif.as_deref(), Some("12345678Z"));
    let inv = invoice("F2026-0010", vec![line("Diseño", "1", "100", rate("21"))], "15");
    let alta = record::alta_for_invoice(&inv, &client("B12345678", "ES"), &profile()).expect("record");
    let r = record::render_alta(&alta, None, &system(), &at(2026, 3, 2, 10, 0, 0));
    let p = xades::prepare(&r.xml, &der, info.algorithm, &at(2026, 3, 2, 10, 0, 1), "r1");
    let value = sign(dir, &p.to_sign, ec);
    let sig = xades::finish(&p, &value);
    (r.xml, sig)
}

#[test]
fn a_signed_record_verifies_with_xmlsec1_and_stays_schema_valid() {
    for ec in [false, true] {
        let dir = scratch(if ec { "vf-sig-ec" } else { "vf-sig-rsa" });
        let (unsigned, sig) = signed_record(&dir, ec);
        let signed = xades::envelop(&unsigned, &sig);
        xmlsec_verify(&dir, "signed.xml", &signed).unwrap_or_else(|e| panic!("ec={ec}: {e}"));
        xmllint(&dir, "signed-schema.xml", "SuministroInformacion.xsd", &signed)
            .expect("schema with signature");

        // The core's own digest checks agree, and split gives the record back.
        let (back, found) = xades::split(&signed);
        assert_eq!(back, unsigned);
        assert_eq!(found, Some(sig.as_str()));
        let v = xades::check(&unsigned, &sig).expect("digests");
        assert_eq!(
            std::str::from_utf8(&v.signed).map(|s| s.starts_with("<ds:SignedInfo xmlns:ds=")),
            Ok(true)
        );

        // One changed amount: xmlsec1 and the core both refuse it.
        let tampered = signed.replace("<sf:ImporteTotal>121.00<", "<sf:ImporteTotal>12.10<");
        assert_ne!(tampered, signed);
        assert!(xmlsec_verify(&dir, "tampered.xml", &tampered).is_err());
        let (t_unsigned, t_sig) = xades::split(&tampered);
        assert_eq!(
            xades::check(&t_unsigned, t_sig.expect("sig")),
            Err(xades::SignatureProblem::RecordDigest)
        );
    }
}

#[test]
fn a_signed_event_verifies_and_validates_against_the_event_schema() {
    let dir = scratch("vf-sig-event");
    make_cert(&dir, false);
    let der = std::fs::read(dir.join("cert.der")).expect("cert");
    let taxpayer = Taxpayer {
        name: "Ana Autónoma".into(),
        nif: "12345678Z".into(),
    };
    let start = event::render(
        &Event::Start,
        None,
        &system(),
        &taxpayer,
        &at(2026, 3, 1, 9, 0, 0),
    );
    let parsed = event::parse(&start.xml).expect("parse");
    assert_eq!(parsed.recomputed(), start.huella);
    let check = event::render(
        &Event::CheckedRecords(event::CheckCounts {
            hashes: 3,
            signatures: 3,
            chain: 3,
            dates: 3,
        }),
        Some(&parsed.as_ref()),
        &system(),
        &taxpayer,
        &at(2026, 3, 1, 9, 5, 0),
    );
    for (name, xml) in [("start.xml", start.xml), ("check.xml", check.xml)] {
        let p = xades::prepare(
            &xml,
            &der,
            xades::Algorithm::RsaSha256,
            &at(2026, 3, 1, 9, 5, 1),
            "e",
        );
        let signed = xades::envelop(&xml, &xades::finish(&p, &sign(&dir, &p.to_sign, false)));
        assert!(signed.contains("</ds:Signature></sf:Evento>"));
        xmlsec_verify(&dir, name, &signed).unwrap_or_else(|e| panic!("{name}: {e}"));
        xmllint(&dir, &format!("schema-{name}"), "EventosSIF.xsd", &signed)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

fn p12(dir: &std::path::Path, legacy: bool, password: &str) -> Vec<u8> {
    let name = if legacy { "legacy.p12" } else { "modern.p12" };
    let mut cmd = Command::new("openssl");
    cmd.args([
        "pkcs12",
        "-export",
        "-inkey",
        "key.pem",
        "-in",
        "cert.pem",
        "-certfile",
        "ca.pem",
        "-name",
        "firma",
    ])
    .args(["-out", name, "-passout"])
    .arg(format!("pass:{password}"))
    .current_dir(dir);
    if legacy {
        cmd.arg("-legacy");
    }
    run(&mut cmd).expect("openssl pkcs12");
    std::fs::read(dir.join(name)).expect("p12")
}

#[test]
fn the_certificate_file_opens_with_its_password_only() {
    let dir = scratch("vf-p12");
    make_cert(&dir, false);
    run(Command::new("openssl")
        .args([
            "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "key.der",
        ])
        .current_dir(&dir))
    .expect("key der");
    let key_der = std::fs::read(dir.join("key.der")).expect("key");
    let cert_der = std::fs::read(dir.join("cert.der")).expect("cert");
    for legacy in [false, true] {
        let file = p12(&dir, legacy, "ñandú 1234");
        let id = pkcs12::parse(&file, "ñandú 1234").unwrap_or_else(|e| panic!("legacy={legacy}: {e}"));
        assert_eq!(id.key_pkcs8, key_der, "legacy={legacy}");
        assert_eq!(
            id.cert_der, cert_der,
            "legacy={legacy}: the key's own certificate, not the CA"
        );
        assert_eq!(id.chain.len(), 1);
        assert_eq!(
            pkcs12::parse(&file, "wrong"),
            Err(pkcs12::P12Error::WrongPassword)
        );
        assert!(
            !format!("{id:?}").contains(&format!("{:?}", &key_der[..8])),
            "Debug never shows the key"
        );
    }
    assert_eq!(
        pkcs12::parse(b"not a p12 file", "x"),
        Err(pkcs12::P12Error::NotPkcs12)
    );
}

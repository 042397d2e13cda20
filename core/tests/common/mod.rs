//! Builders and external tools shared by the rule tests (each test file uses a part): the
//! billing-records tests use the items here, the document and draft tests [`docs`].
#![allow(dead_code)]

pub mod docs;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use cobro_core::verifactu::System;
use cobro_core::{Address, BusinessProfile, Client, CreditNote, Invoice, Lang, Line, VatRate};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

/// A local instant in Madrid winter time.
pub fn at(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .expect("offset")
        .with_ymd_and_hms(y, m, day, h, min, s)
        .single()
        .expect("instant")
}

pub fn profile() -> BusinessProfile {
    BusinessProfile {
        name: "Ana Autónoma & Cía".into(),
        tax_id: "12345678Z".into(),
        ..BusinessProfile::default()
    }
}

pub fn system() -> System {
    System {
        producer_name: "Ana Autónoma".into(),
        producer_nif: "12345678Z".into(),
        version: "0.1.0".into(),
        installation: "inst-a".into(),
    }
}

pub fn client(tax_id: &str, country: &str) -> Client {
    Client {
        id: "c1".into(),
        legal_name: "Cliente <Grande> SL".into(),
        tax_id: tax_id.into(),
        address: Address {
            country: country.into(),
            ..Address::default()
        },
        ap_contact_name: String::new(),
        ap_contact_email: String::new(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec![],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        archived: false,
        updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("stamp"),
    }
}

pub fn line(desc: &str, qty: &str, price: &str, vat: VatRate) -> Line {
    Line {
        item_id: None,
        description: desc.into(),
        quantity: dec(qty),
        unit_price: dec(price),
        discount_pct: Decimal::ZERO,
        vat,
    }
}

pub fn rate(r: &str) -> VatRate {
    VatRate::Rate(dec(r))
}

pub fn invoice(number: &str, lines: Vec<Line>, withholding: &str) -> Invoice {
    Invoice {
        id: format!("inv-{number}"),
        series_id: "s".into(),
        number: Some(number.into()),
        client_id: "c1".into(),
        po_number: String::new(),
        issue_date: d(2026, 3, 2),
        delivery_date: None,
        due_date: d(2026, 4, 1),
        currency: "EUR".into(),
        lines,
        withholding_pct: dec(withholding),
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec![],
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).single().expect("stamp"),
    }
}

pub fn credit_note(number: &str, inv: &Invoice, lines: Vec<Line>) -> CreditNote {
    CreditNote {
        id: format!("cn-{number}"),
        series_id: "r".into(),
        number: Some(number.into()),
        invoice_id: inv.id.clone(),
        client_id: inv.client_id.clone(),
        issue_date: d(2026, 3, 10),
        reason: "Descuento acordado".into(),
        currency: "EUR".into(),
        lines,
        withholding_pct: inv.withholding_pct,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: false,
        updated_at: Utc
            .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
            .single()
            .expect("stamp"),
    }
}

/// The repository's `schema/verifactu/` (the AEAT's XSDs).
pub fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/verifactu")
}

/// A fresh scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Run a command; its output when it fails (the tools are installed by scripts/setup.sh: a
/// missing tool fails the test, it is never skipped).
pub fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| {
        format!(
            "cannot run {:?}: {e} (scripts/setup.sh installs it)",
            cmd.get_program()
        )
    })?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(text)
    }
}

/// `xmllint --schema <xsd>` on `xml` written to `dir/name`.
pub fn xmllint(dir: &Path, name: &str, xsd: &str, xml: &str) -> Result<String, String> {
    let file = dir.join(name);
    std::fs::write(&file, xml).expect("write xml");
    run(Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(schema_dir().join(xsd))
        .arg(&file))
}

/// A throwaway CA and a signer certificate (RSA 2048, or EC P-256) made with openssl in `dir`:
/// `ca.pem`, `key.pem`, `cert.pem`, `cert.der`. Nothing private is committed.
pub fn make_cert(dir: &Path, ec: bool) {
    let o = |args: &[&str]| {
        run(Command::new("openssl").args(args).current_dir(dir)).expect("openssl");
    };
    o(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "30",
        "-subj",
        "/CN=Cobro Test CA",
    ]);
    if ec {
        o(&[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "ec.key",
        ]);
        o(&["pkcs8", "-topk8", "-nocrypt", "-in", "ec.key", "-out", "key.pem"]);
    } else {
        o(&[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "key.pem",
        ]);
    }
    o(&[
        "req",
        "-new",
        "-key",
        "key.pem",
        "-out",
        "cert.csr",
        "-subj",
        "/serialNumber=IDCES-12345678Z/CN=ANA AUTONOMA - 12345678Z",
    ]);
    // X.509 v3 with the key usages of a signing certificate (as qualified ones are).
    std::fs::write(
        dir.join("user.ext"),
        "keyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=clientAuth,emailProtection\n",
    )
    .expect("ext");
    o(&[
        "x509",
        "-req",
        "-in",
        "cert.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "cert.pem",
        "-days",
        "30",
        "-extfile",
        "user.ext",
    ]);
    o(&["x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der"]);
}

/// Sign `data` with `dir/key.pem` (SHA-256), as WebCrypto would: PKCS#1 v1.5 for RSA, raw r‖s
/// for ECDSA (XML signature's form).
pub fn sign(dir: &Path, data: &[u8], ec: bool) -> Vec<u8> {
    let input = dir.join("to-sign.bin");
    std::fs::write(&input, data).expect("write");
    run(Command::new("openssl")
        .args([
            "dgst",
            "-sha256",
            "-sign",
            "key.pem",
            "-out",
            "sig.bin",
            "to-sign.bin",
        ])
        .current_dir(dir))
    .expect("openssl sign");
    let der = std::fs::read(dir.join("sig.bin")).expect("read sig");
    if !ec {
        return der;
    }
    // ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } → r‖s, 32 bytes each.
    let seq = cobro_core::verifactu::cert::tlv(&der).expect("sig");
    let ints = cobro_core::verifactu::cert::items(seq.content).expect("ints");
    let mut out = Vec::new();
    for i in ints {
        let v: Vec<u8> = i.content.iter().copied().skip_while(|b| *b == 0).collect();
        out.extend(std::iter::repeat_n(0u8, 32 - v.len()));
        out.extend(v);
    }
    out
}

/// `xmlsec1 --verify` of a signed document against the test CA.
pub fn xmlsec_verify(dir: &Path, name: &str, xml: &str) -> Result<String, String> {
    let file = dir.join(name);
    std::fs::write(&file, xml).expect("write");
    run(Command::new("xmlsec1")
        .args([
            "--verify",
            "--trusted-pem",
            "ca.pem",
            "--id-attr:Id",
            "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
        ])
        .arg(&file)
        .current_dir(dir))
}

/// A fixed instant for `updated_at` stamps (the recurring and tax-figure tests).
pub fn stamp() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
}

/// A client paying at 30 days in euros, writing in `lang`, based in `country` ("" is Spain),
/// whose tax id is `NIF-<id>`.
pub fn client_in(id: &str, name: &str, country: &str, lang: Lang) -> Client {
    Client {
        id: id.into(),
        legal_name: name.into(),
        tax_id: format!("NIF-{id}"),
        language: lang,
        updated_at: stamp(),
        ..client("", country)
    }
}

//! `cobro verifactu`: a file of signed records exported as the AEAT's message verifies
//! (fingerprints, chain, signatures checked natively) and a tampered one does not; `submit`
//! sends it over mutual TLS to a local stand-in of the AEAT's service that requires the
//! client certificate and validates the message against the WSDL's schema.
#![cfg(feature = "aeat")]

mod common;

use cobro_core::verifactu::chain::Entry;
use cobro_core::verifactu::{cert, export, record, xades};
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Three records chained and signed with `dir`'s key, as the submission message.
fn signed_file(dir: &std::path::Path) -> String {
    let der = std::fs::read(dir.join("cert.der")).expect("cert");
    let info = cert::parse(&der).expect("info");
    let mut entries = Vec::new();
    let mut prev: Option<record::Previous> = None;
    for i in 0..3u32 {
        let inv = invoice(
            &format!("F2026-{:04}", i + 1),
            vec![line("x", "1", "100", rate("21"))],
            "0",
        );
        let alta = record::alta_for_invoice(&inv, &client("B12345678", "ES"), &profile()).expect("record");
        let r = record::render_alta(&alta, prev.as_ref(), &system(), &at(2026, 3, 2, 10, i, 0));
        prev = Some(record::parse(&r.xml).expect("parse").as_previous());
        let p = xades::prepare(
            &r.xml,
            &der,
            info.algorithm,
            &at(2026, 3, 2, 10, i, 1),
            &format!("r{i}"),
        );
        let sig = xades::finish(&p, &sign(dir, &p.to_sign, false));
        entries.push(Entry {
            installation: "a".into(),
            seq: u64::from(i) + 1,
            doc_id: None,
            xml: r.xml,
            signature: Some(sig),
        });
    }
    let refs: Vec<&Entry> = entries.iter().collect();
    let header = export::Header {
        name: "Ana Autónoma".into(),
        nif: "12345678Z".into(),
        request_ref: Some("REQ-1".into()),
    };
    export::records_files(&header, &refs).remove(0)
}

fn cobro(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cobro"))
        .args(args)
        .output()
        .expect("run cobro");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn verify_checks_fingerprints_chain_and_signatures() {
    let dir = scratch("vf-cli-verify");
    make_cert(&dir, false);
    let file = signed_file(&dir);
    let path = dir.join("records.xml");
    std::fs::write(&path, &file).expect("write");
    let (ok, text) = cobro(&["verifactu", "verify", path.to_str().expect("path")]);
    assert!(ok, "{text}");
    assert!(text.contains("3 checked"), "{text}");

    // An edited amount breaks the fingerprint and the signature.
    let bad = dir.join("edited.xml");
    std::fs::write(
        &bad,
        file.replacen("<sf:ImporteTotal>121.00<", "<sf:ImporteTotal>12.10<", 1),
    )
    .expect("write");
    let (ok, text) = cobro(&["verifactu", "verify", bad.to_str().expect("path")]);
    assert!(!ok);
    assert!(
        text.contains("record 1 (F2026-0001): its fingerprint does not match"),
        "{text}"
    );
    assert!(text.contains("changed after signing"), "{text}");

    // A record left out breaks the chain.
    let records = export::split_records(&file);
    let gap = file.replacen(
        &format!("<sfLR:RegistroFactura>{}</sfLR:RegistroFactura>", records[1]),
        "",
        1,
    );
    let gapped = dir.join("gap.xml");
    std::fs::write(&gapped, gap).expect("write");
    let (ok, text) = cobro(&["verifactu", "verify", gapped.to_str().expect("path")]);
    assert!(!ok);
    assert!(text.contains("does not chain"), "{text}");
}

#[test]
fn submit_sends_the_message_over_mutual_tls_and_the_service_accepts_it() {
    let dir = scratch("vf-cli-submit");
    make_cert(&dir, false);
    let o = |args: &[&str]| run(Command::new("openssl").args(args).current_dir(&dir)).expect("openssl");
    o(&[
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1\n").expect("ext");
    o(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "san.ext",
    ]);
    o(&[
        "pkcs12",
        "-export",
        "-inkey",
        "key.pem",
        "-in",
        "cert.pem",
        "-out",
        "user.p12",
        "-passout",
        "pass:secreto",
    ]);
    let file = signed_file(&dir);
    std::fs::write(dir.join("records.xml"), &file).expect("write");
    // A message the schema refuses: a record without its breakdown.
    let broken =
        file.replacen("<sf:Desglose>", "<sf:Desglos>", 1)
            .replacen("</sf:Desglose>", "</sf:Desglos>", 1);
    std::fs::write(dir.join("broken.xml"), broken).expect("write");

    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/aeat-test-server.py");
    let mut server = Command::new("python3")
        .arg(script)
        .args(["server.pem", "server.key", "ca.pem"])
        .arg(schema_dir())
        .arg("3")
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    let mut port = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut port)
        .expect("port");
    let endpoint = format!(
        "https://127.0.0.1:{}/wlpl/TIKE-CONT/ws/SistemaFacturacion/RequerimientoSOAP",
        port.trim()
    );
    let p = |n: &str| dir.join(n).to_str().expect("path").to_string();
    let submit = |file: &str, password: &str| {
        cobro(&[
            "verifactu",
            "submit",
            &p(file),
            "--p12",
            &p("user.p12"),
            "--password",
            password,
            "--endpoint",
            &endpoint,
            "--ca",
            &p("ca.pem"),
        ])
    };

    let (ok, text) = submit("records.xml", "secreto");
    assert!(ok, "{text}");
    assert!(
        text.contains("HTTP 200")
            && text.contains("<EstadoEnvio>Correcto</EstadoEnvio><Registros>3</Registros>"),
        "{text}"
    );
    assert!(
        text.contains("IDCES-12345678Z"),
        "the service saw the user's certificate: {text}"
    );

    let (ok, text) = submit("broken.xml", "secreto");
    assert!(!ok);
    assert!(text.contains("HTTP 500") && text.contains("Desglos"), "{text}");

    // Without the right password there is no client certificate, so nothing is sent.
    let (ok, text) = submit("records.xml", "otra");
    assert!(!ok);
    assert!(text.contains("password"), "{text}");

    // A server whose certificate does not name the host it was reached by is refused.
    let (ok, _) = cobro(&[
        "verifactu",
        "submit",
        &p("records.xml"),
        "--p12",
        &p("user.p12"),
        "--password",
        "secreto",
        "--endpoint",
        &endpoint.replace("127.0.0.1", "localhost"),
        "--ca",
        &p("ca.pem"),
    ]);
    assert!(!ok, "the server certificate names 127.0.0.1 only");
    let _ = server.kill();
    let _ = server.wait();
}

//! `cobro verifactu …`: checking a file of billing records independently of the app that
//! wrote it, and handing records to the AEAT's SOAP services with the user's certificate.
//! Built only with the `aeat` feature (native RSA/ECDSA and TLS stay out of the library).
//!
//! - `verify FILE`: every record's fingerprint recomputed, each record chained to the one
//!   before it in the file, every signature's digests and value checked with the certificate
//!   it carries. Exit 1 on any problem.
//! - `submit FILE --p12 P --password W [--endpoint URL] [--ca PEM]`: the submission message in
//!   a SOAP envelope, POSTed over mutual TLS with the certificate file's key; prints the answer.

use cobro_core::verifactu::{cert, event, export, pkcs12, record, xades, xml};
use std::io::{Read, Write};
use std::sync::Arc;

/// The AEAT's production service for records handed over on request (no VERI*FACTU).
pub const REQUEST_ENDPOINT: &str =
    "https://www1.agenciatributaria.gob.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/RequerimientoSOAP";

/// Verify a signature's value with the certificate's public key, natively.
pub fn verify_value(v: &xades::ToVerify) -> Result<bool, String> {
    use rsa::signature::Verifier as _;
    let info = cert::parse(&v.cert_der).map_err(|e| e.to_string())?;
    match v.algorithm {
        xades::Algorithm::RsaSha256 => {
            use rsa::pkcs8::DecodePublicKey;
            let key = rsa::RsaPublicKey::from_public_key_der(&info.spki).map_err(|e| e.to_string())?;
            let vk = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key);
            let sig = rsa::pkcs1v15::Signature::try_from(v.signature_value.as_slice())
                .map_err(|e| e.to_string())?;
            Ok(vk.verify(&v.signed, &sig).is_ok())
        }
        xades::Algorithm::EcdsaSha256 => {
            use p256::pkcs8::DecodePublicKey;
            let vk = p256::ecdsa::VerifyingKey::from_public_key_der(&info.spki).map_err(|e| e.to_string())?;
            let sig = p256::ecdsa::Signature::from_slice(&v.signature_value).map_err(|e| e.to_string())?;
            Ok(vk.verify(&v.signed, &sig).is_ok())
        }
    }
}

/// The problems of one signed document (a record or an event).
fn check_signed(doc: &str, what: &str, problems: &mut Vec<String>) {
    let (unsigned, sig) = xades::split(doc);
    match sig {
        None => problems.push(format!("{what}: not signed")),
        Some(sig) => match xades::check(&unsigned, sig) {
            Err(e) => problems.push(format!("{what}: {e}")),
            Ok(v) => match verify_value(&v) {
                Ok(true) => {}
                Ok(false) => problems.push(format!(
                    "{what}: the signature does not verify with its certificate"
                )),
                Err(e) => problems.push(format!("{what}: the signature cannot be checked ({e})")),
            },
        },
    }
}

/// Check a file of records (a submission message) or of events; the problems found and how
/// many documents were checked.
pub fn verify_text(text: &str) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let records = export::split_records(text);
    if !records.is_empty() {
        let mut before: Option<record::Parsed> = None;
        for (i, doc) in records.iter().enumerate() {
            let (unsigned, _) = xades::split(doc);
            let what = format!("record {}", i + 1);
            match record::parse(&unsigned) {
                Err(e) => problems.push(format!("{what}: {e}")),
                Ok(p) => {
                    let what = format!("{what} ({})", p.id.number);
                    if p.recomputed() != p.huella {
                        problems.push(format!("{what}: its fingerprint does not match its content"));
                    }
                    if let Some(b) = &before {
                        if p.previous != b.huella || p.previous_id.as_ref() != Some(&b.id) {
                            problems.push(format!("{what}: it does not chain to the record before it"));
                        }
                    }
                    check_signed(doc, &what, &mut problems);
                    before = Some(p);
                }
            }
        }
        return (records.len(), problems);
    }
    // An events file: one RegistroEvento after another.
    let mut rest = text;
    let mut n = 0;
    let mut before: Option<event::Parsed> = None;
    while let Some((doc, at)) = xml::element(rest, "RegistroEvento") {
        n += 1;
        let what = format!("event {n}");
        let (unsigned, _) = xades::split(doc);
        match event::parse(&unsigned) {
            Err(e) => problems.push(format!("{what}: {e}")),
            Ok(p) => {
                if p.recomputed() != p.huella {
                    problems.push(format!("{what}: its fingerprint does not match its content"));
                }
                if before.as_ref().is_some_and(|b| b.huella != p.previous) {
                    problems.push(format!("{what}: it does not chain to the event before it"));
                }
                check_signed(doc, &what, &mut problems);
                before = Some(p);
            }
        }
        rest = &rest[at + doc.len()..];
    }
    if n == 0 {
        problems.push("the file holds no billing records and no events".into());
    }
    (n, problems)
}

fn pem_certs(text: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
        let body = &rest[start + 27..];
        let Some(end) = body.find("-----END CERTIFICATE-----") else {
            break;
        };
        if let Some(der) = xml::unbase64(&body[..end]) {
            out.push(der);
        }
        rest = &body[end..];
    }
    out
}

/// POST the submission message `message` to `endpoint` over mutual TLS with the identity of
/// the PKCS#12 file; the HTTP status and the answer's body.
pub fn submit(
    message: &str,
    p12: &[u8],
    password: &str,
    endpoint: &str,
    ca_pem: Option<&str>,
) -> Result<(u16, String), String> {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
    let id = pkcs12::parse(p12, password).map_err(|e| e.to_string())?;
    let rest = endpoint
        .strip_prefix("https://")
        .ok_or("the endpoint must be an https:// URL")?;
    let (authority, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(a, p)| (a, format!("/{p}")));
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse::<u16>().map_err(|_| "bad port")?),
        None => (authority.to_string(), 443),
    };
    let mut roots = rustls::RootCertStore::empty();
    match ca_pem {
        Some(pem) => {
            for der in pem_certs(pem) {
                roots.add(CertificateDer::from(der)).map_err(|e| e.to_string())?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let mut chain = vec![CertificateDer::from(id.cert_der.clone())];
    chain.extend(id.chain.iter().cloned().map(CertificateDer::from));
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(id.key_pkcs8.clone()));
    // ring, not aws-lc: no cmake or C toolchain beyond cc for this one binary; the AEAT's
    // services speak classic TLS 1.2/1.3 key exchange.
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_client_auth_cert(chain, key)
        .map_err(|e| e.to_string())?;
    let name = ServerName::try_from(host.clone()).map_err(|e| e.to_string())?;
    let conn = rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| e.to_string())?;
    let tcp = std::net::TcpStream::connect((host.as_str(), port))
        .map_err(|e| format!("cannot connect to {host}:{port}: {e}"))?;
    tcp.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let body = export::soap(message);
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    tls.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
    tls.write_all(body.as_bytes()).map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    match tls.read_to_end(&mut answer) {
        Ok(_) => {}
        // Servers that close without TLS close_notify: what arrived is the answer.
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {}
        Err(e) => return Err(e.to_string()),
    }
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or("the server's answer is not HTTP")?;
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    Ok((status, body))
}

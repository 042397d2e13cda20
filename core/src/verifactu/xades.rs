//! The XAdES enveloped signature (ETSI EN 319 132, art. 14 of the Orden) of a record or an
//! event, in two halves around the signing itself, which the caller does with a key this
//! code never sees (a non-extractable WebCrypto key in the app):
//!
//! 1. [`prepare`]: the bytes to sign (the canonical `SignedInfo`), given the unsigned record
//!    (already canonical: see [`super::xml`]), the signer's certificate and the signing time.
//! 2. [`finish`]: the `ds:Signature` element with the signature value, and [`envelop`] puts it
//!    as the record's last child, where the schemas place it.
//!
//! Shape: `Reference URI=""` with the enveloped-signature transform over the record, a second
//! reference to the XAdES `SignedProperties` (signing time, the certificate's SHA-256),
//! Canonical XML 1.0, RSA-SHA256 (or ECDSA-SHA256 for an EC key), the certificate in `KeyInfo`.
//! Every piece is written in canonical form, so the digests are those of the bytes written;
//! `xmlsec1 --verify` checks them in the tests.

use super::xml::{self, base64};
use super::{instant, NS_DS, NS_XADES};
use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

/// The signature algorithm, from the certificate's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    RsaSha256,
    EcdsaSha256,
}

impl Algorithm {
    pub fn uri(self) -> &'static str {
        match self {
            Self::RsaSha256 => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            Self::EcdsaSha256 => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        }
    }
}

const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";

/// A signature waiting for its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Sign these bytes (canonical `SignedInfo`).
    pub to_sign: Vec<u8>,
    signed_info: String,
    object: String,
    cert_b64: String,
    id: String,
}

/// The namespace prefix and URI the record's root declares (found in its start tag).
fn root_namespace(record: &str) -> Option<(&str, &str)> {
    let start = record.find("xmlns:")? + 6;
    let eq = record[start..].find('=')? + start;
    let q = record[eq + 2..].find('"')? + eq + 2;
    Some((&record[start..eq], &record[eq + 2..q]))
}

/// The in-scope namespace declarations C14N writes on an element under `ds:Signature`, with
/// `extra` declared on the element itself, in canonical order (by prefix).
fn scope(record: &str, extra: Option<(&str, &str)>) -> String {
    let mut ns: Vec<(&str, &str)> = vec![("ds", NS_DS)];
    if let Some(root) = root_namespace(record) {
        ns.push(root);
    }
    if let Some(e) = extra {
        ns.push(e);
    }
    ns.sort_by(|a, b| a.0.cmp(b.0));
    ns.iter()
        .map(|(p, u)| format!(" xmlns:{p}=\"{}\"", xml::attr(u)))
        .collect()
}

fn sha256_b64(bytes: &[u8]) -> String {
    base64(&Sha256::digest(bytes))
}

/// Everything of the signature but its value. `id` names it (unique within the record);
/// `unsigned` is the record without a signature, as [`super::record`] or [`super::event`]
/// wrote it.
pub fn prepare(
    unsigned: &str,
    cert_der: &[u8],
    algorithm: Algorithm,
    signing_time: &DateTime<FixedOffset>,
    id: &str,
) -> Prepared {
    let sig_id = format!("Signature-{id}");
    let props_id = format!("SignedProperties-{id}");
    let record_digest = sha256_b64(unsigned.as_bytes());
    let cert_digest = sha256_b64(cert_der);

    let signed_props_body = format!(
        "<xades:SignedSignatureProperties><xades:SigningTime>{}</xades:SigningTime>\
<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>\
<ds:DigestMethod Algorithm=\"{SHA256}\"></ds:DigestMethod><ds:DigestValue>{cert_digest}</ds:DigestValue>\
</xades:CertDigest></xades:Cert></xades:SigningCertificateV2></xades:SignedSignatureProperties>\
<xades:SignedDataObjectProperties><xades:DataObjectFormat ObjectReference=\"#Reference-{id}\">\
<xades:MimeType>text/xml</xades:MimeType><xades:Encoding>UTF-8</xades:Encoding></xades:DataObjectFormat>\
</xades:SignedDataObjectProperties></xades:SignedProperties>",
        instant(signing_time)
    );
    // As it stands in the document (its namespaces declared by its ancestors)…
    let signed_props = format!("<xades:SignedProperties Id=\"{props_id}\">{signed_props_body}");
    // …and as C14N renders it when the reference picks it out: every namespace in scope.
    let signed_props_c14n = format!(
        "<xades:SignedProperties{} Id=\"{props_id}\">{signed_props_body}",
        scope(unsigned, Some(("xades", NS_XADES)))
    );
    let props_digest = sha256_b64(signed_props_c14n.as_bytes());

    let signed_info_body = format!(
        "<ds:CanonicalizationMethod Algorithm=\"{C14N}\"></ds:CanonicalizationMethod>\
<ds:SignatureMethod Algorithm=\"{}\"></ds:SignatureMethod>\
<ds:Reference Id=\"Reference-{id}\" URI=\"\"><ds:Transforms>\
<ds:Transform Algorithm=\"{ENVELOPED}\"></ds:Transform></ds:Transforms>\
<ds:DigestMethod Algorithm=\"{SHA256}\"></ds:DigestMethod><ds:DigestValue>{record_digest}</ds:DigestValue></ds:Reference>\
<ds:Reference Type=\"http://uri.etsi.org/01903#SignedProperties\" URI=\"#{props_id}\">\
<ds:DigestMethod Algorithm=\"{SHA256}\"></ds:DigestMethod><ds:DigestValue>{props_digest}</ds:DigestValue></ds:Reference>\
</ds:SignedInfo>",
        algorithm.uri()
    );
    let signed_info = format!("<ds:SignedInfo>{signed_info_body}");
    let to_sign = format!("<ds:SignedInfo{}>{signed_info_body}", scope(unsigned, None)).into_bytes();
    let object = format!(
        "<ds:Object><xades:QualifyingProperties xmlns:xades=\"{NS_XADES}\" Target=\"#{sig_id}\">{signed_props}\
</xades:QualifyingProperties></ds:Object>"
    );
    Prepared {
        to_sign,
        signed_info,
        object,
        cert_b64: base64(cert_der),
        id: sig_id,
    }
}

/// The `ds:Signature` element, given the value of signing [`Prepared::to_sign`].
pub fn finish(p: &Prepared, signature_value: &[u8]) -> String {
    format!(
        "<ds:Signature xmlns:ds=\"{NS_DS}\" Id=\"{}\">{}<ds:SignatureValue>{}</ds:SignatureValue>\
<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>{}</ds:Signature>",
        p.id,
        p.signed_info,
        base64(signature_value),
        p.cert_b64,
        p.object
    )
}

/// The signed document: the signature as the last child of the record (`RegistroAlta`,
/// `RegistroAnulacion`) or of its `Evento`.
pub fn envelop(unsigned: &str, signature: &str) -> String {
    let close = if unsigned.contains("<sf:Evento>") {
        "</sf:Evento>"
    } else {
        match unsigned.rfind("</") {
            Some(at) => &unsigned[at..],
            None => return unsigned.to_string(),
        }
    };
    match unsigned.rfind(close) {
        Some(at) => format!("{}{signature}{}", &unsigned[..at], &unsigned[at..]),
        None => unsigned.to_string(),
    }
}

/// What checking a signed document needs from outside: the signature's cryptography is the
/// caller's (WebCrypto in the app, a native library in the CLI); the digests are checked here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToVerify {
    /// The canonical `SignedInfo` the value signs.
    pub signed: Vec<u8>,
    pub signature_value: Vec<u8>,
    pub cert_der: Vec<u8>,
    pub algorithm: Algorithm,
}

/// Why a signature does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureProblem {
    #[error("the record has no signature")]
    Missing,
    #[error("the signature cannot be read")]
    Unreadable,
    #[error("the signed record was changed after signing")]
    RecordDigest,
    #[error("the signed properties were changed after signing")]
    PropertiesDigest,
}

/// Check the digests of `unsigned` + `signature` (as [`finish`] wrote it) and return what is
/// left to verify with the public key.
pub fn check(unsigned: &str, signature: &str) -> Result<ToVerify, SignatureProblem> {
    if signature.is_empty() {
        return Err(SignatureProblem::Missing);
    }
    let bad = SignatureProblem::Unreadable;
    let (si, _) = xml::element(signature, "SignedInfo").ok_or(bad)?;
    let algorithm = if si.contains(Algorithm::EcdsaSha256.uri()) {
        Algorithm::EcdsaSha256
    } else if si.contains(Algorithm::RsaSha256.uri()) {
        Algorithm::RsaSha256
    } else {
        return Err(bad);
    };
    let (first_ref, at) = xml::element(si, "Reference").ok_or(bad)?;
    let digest = xml::value(first_ref, "DigestValue").ok_or(bad)?;
    if digest != sha256_b64(unsigned.as_bytes()) {
        return Err(SignatureProblem::RecordDigest);
    }
    let (second_ref, _) = xml::element(&si[at + first_ref.len()..], "Reference").ok_or(bad)?;
    let props_digest = xml::value(second_ref, "DigestValue").ok_or(bad)?;
    let (props, _) = xml::element(signature, "SignedProperties").ok_or(bad)?;
    let props_c14n = props.replacen(
        "<xades:SignedProperties",
        &format!(
            "<xades:SignedProperties{}",
            scope(unsigned, Some(("xades", NS_XADES)))
        ),
        1,
    );
    if props_digest != sha256_b64(props_c14n.as_bytes()) {
        return Err(SignatureProblem::PropertiesDigest);
    }
    let signed = si
        .replacen(
            "<ds:SignedInfo",
            &format!("<ds:SignedInfo{}", scope(unsigned, None)),
            1,
        )
        .into_bytes();
    let signature_value = xml::unbase64(&xml::value(signature, "SignatureValue").ok_or(bad)?).ok_or(bad)?;
    let cert_der = xml::unbase64(&xml::value(signature, "X509Certificate").ok_or(bad)?).ok_or(bad)?;
    Ok(ToVerify {
        signed,
        signature_value,
        cert_der,
        algorithm,
    })
}

/// Split a signed document into the unsigned record and its signature.
pub fn split(signed: &str) -> (String, Option<&str>) {
    match xml::element(signed, "Signature") {
        Some((sig, at)) => (
            format!("{}{}", &signed[..at], &signed[at + sig.len()..]),
            Some(sig),
        ),
        None => (signed.to_string(), None),
    }
}

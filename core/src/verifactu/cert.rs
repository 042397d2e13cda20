//! Just enough DER (and the BER some PKCS#12 writers use) to read a certificate: its public
//! key for WebCrypto (`spki`), the kind of key (which signature algorithm), its holder
//! (name, NIF) and validity. No platform crypto and no X.509 dependency.

use super::xades::Algorithm;

/// One TLV: tag, content, and the whole encoding.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub whole: &'a [u8],
    /// Indefinite-length BER: `content` holds the items before the end-of-contents mark.
    pub indefinite: bool,
}

/// Read the TLV at the start of `data`.
pub fn tlv(data: &[u8]) -> Option<Tlv<'_>> {
    let tag = *data.first()?;
    if tag & 0x1f == 0x1f {
        return None; // multi-byte tags never occur in what Cobro reads
    }
    let first = *data.get(1)?;
    let (len, hdr) = if first < 0x80 {
        (usize::from(first), 2)
    } else if first == 0x80 {
        // Indefinite: the content runs to a 00 00 end mark, after nested items.
        if tag & 0x20 == 0 {
            return None;
        }
        let mut at = 2;
        loop {
            if data.get(at..at + 2)? == [0, 0] {
                return Some(Tlv {
                    tag,
                    content: data.get(2..at)?,
                    whole: data.get(..at + 2)?,
                    indefinite: true,
                });
            }
            at += tlv(data.get(at..)?)?.whole.len();
        }
    } else {
        let n = usize::from(first & 0x7f);
        if n > 4 {
            return None;
        }
        let mut len = 0usize;
        for b in data.get(2..2 + n)? {
            len = (len << 8) | usize::from(*b);
        }
        (len, 2 + n)
    };
    Some(Tlv {
        tag,
        content: data.get(hdr..hdr + len)?,
        whole: data.get(..hdr + len)?,
        indefinite: false,
    })
}

/// The items inside a constructed TLV's content.
pub fn items(mut content: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let t = tlv(content)?;
        content = &content[t.whole.len()..];
        out.push(t);
    }
    Some(out)
}

/// The bytes of an OCTET STRING, primitive or constructed from pieces (BER).
pub fn octets(t: &Tlv<'_>) -> Option<Vec<u8>> {
    if t.tag & 0x20 == 0 {
        return Some(t.content.to_vec());
    }
    let mut out = Vec::new();
    for i in items(t.content)? {
        out.extend(octets(&i)?);
    }
    Some(out)
}

/// An OBJECT IDENTIFIER's content as dotted text.
pub fn oid(content: &[u8]) -> String {
    let mut parts: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for (i, b) in content.iter().enumerate() {
        acc = (acc << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if parts.is_empty() && i < 8 {
                let (a, b2) = if acc < 40 {
                    (0, acc)
                } else if acc < 80 {
                    (1, acc - 40)
                } else {
                    (2, acc - 80)
                };
                parts.push(a);
                parts.push(b2);
            } else {
                parts.push(acc);
            }
            acc = 0;
        }
    }
    parts.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

/// What Cobro shows and uses of a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// SubjectPublicKeyInfo, DER (WebCrypto imports it as `spki`).
    pub spki: Vec<u8>,
    pub algorithm: Algorithm,
    /// The named curve of an EC key (`P-256`…), for WebCrypto.
    pub curve: Option<&'static str>,
    pub subject_cn: String,
    /// The holder's NIF as the certificate states it (serialNumber or organizationIdentifier).
    pub nif: Option<String>,
    pub issuer_cn: String,
    /// `YYMMDDhhmmssZ` or `YYYYMMDDhhmmssZ`, as written.
    pub not_before: String,
    pub not_after: String,
}

/// Why a certificate cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CertError {
    #[error("the certificate cannot be read")]
    Unreadable,
    #[error("the certificate's key is neither RSA nor an EC P-256/P-384 key")]
    UnsupportedKey,
}

fn name_attr(name: &[u8], wanted: &str) -> Option<String> {
    for rdn in items(name)? {
        for atv in items(rdn.content)? {
            let parts = items(atv.content)?;
            if parts.len() == 2 && oid(parts[0].content) == wanted {
                return Some(String::from_utf8_lossy(parts[1].content).into_owned());
            }
        }
    }
    None
}

/// A Spanish NIF at the end of an id such as `IDCES-12345678Z` or `VATES-B12345678`.
fn nif_in(s: &str) -> Option<String> {
    let clean: String = s.chars().filter(char::is_ascii_alphanumeric).collect();
    (clean.len() >= 9).then(|| clean[clean.len() - 9..].to_ascii_uppercase())
}

pub fn parse(der: &[u8]) -> Result<CertInfo, CertError> {
    let bad = CertError::Unreadable;
    let cert = tlv(der).ok_or(bad)?;
    let top = items(cert.content).ok_or(bad)?;
    let tbs = items(top.first().ok_or(bad)?.content).ok_or(bad)?;
    // An explicit version ([0]) shifts the fields by one.
    let o = usize::from(tbs.first().ok_or(bad)?.tag == 0xa0);
    let field = |i: usize| tbs.get(i + o).ok_or(bad);
    let issuer = field(2)?;
    let validity = items(field(3)?.content).ok_or(bad)?;
    let subject = field(4)?;
    let spki = field(5)?;
    let alg = items(items(spki.content).ok_or(bad)?.first().ok_or(bad)?.content).ok_or(bad)?;
    let (algorithm, curve) = match oid(alg.first().ok_or(bad)?.content).as_str() {
        "1.2.840.113549.1.1.1" => (Algorithm::RsaSha256, None),
        "1.2.840.10045.2.1" => {
            let curve = match alg.get(1).map(|c| oid(c.content)).as_deref() {
                Some("1.2.840.10045.3.1.7") => "P-256",
                Some("1.3.132.0.34") => "P-384",
                _ => return Err(CertError::UnsupportedKey),
            };
            (Algorithm::EcdsaSha256, Some(curve))
        }
        _ => return Err(CertError::UnsupportedKey),
    };
    let text = |t: Option<&Tlv<'_>>| {
        t.map(|t| String::from_utf8_lossy(t.content).into_owned())
            .unwrap_or_default()
    };
    let nif = name_attr(subject.content, "2.5.4.5")
        .or_else(|| name_attr(subject.content, "2.5.4.97"))
        .and_then(|s| nif_in(&s));
    Ok(CertInfo {
        spki: spki.whole.to_vec(),
        algorithm,
        curve,
        subject_cn: name_attr(subject.content, "2.5.4.3").unwrap_or_default(),
        nif,
        issuer_cn: name_attr(issuer.content, "2.5.4.3").unwrap_or_default(),
        not_before: text(validity.first()),
        not_after: text(validity.get(1)),
    })
}

impl CertInfo {
    /// The validity end as a date (`None` if it cannot be read).
    pub fn expires(&self) -> Option<chrono::NaiveDate> {
        let s = &self.not_after;
        let (y, rest) = if s.len() >= 15 {
            (s.get(..4)?.parse::<i32>().ok()?, s.get(4..)?)
        } else {
            let yy: i32 = s.get(..2)?.parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, s.get(2..)?)
        };
        chrono::NaiveDate::from_ymd_opt(y, rest.get(..2)?.parse().ok()?, rest.get(2..4)?.parse().ok()?)
    }
}

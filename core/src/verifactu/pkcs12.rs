//! The user's certificate file (`.p12`/`.pfx`, PKCS#12, RFC 7292): its password checked by the
//! file's MAC, its private key decrypted to PKCS#8 (which the app imports into WebCrypto as a
//! non-extractable key and then drops), and its certificates. Reads what current tools write
//! (PBES2: PBKDF2 with AES-CBC; OpenSSL 3's default) and the legacy PKCS#12 schemes (3DES and
//! RC2, what older Windows and browsers export), DER or BER.

use super::cert::{items, octets, oid, tlv, Tlv};
use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyInit};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// What the file holds that signing needs.
#[derive(Clone, PartialEq, Eq)]
pub struct Identity {
    /// The private key, PKCS#8 DER. Only ever handed to WebCrypto's `importKey`.
    pub key_pkcs8: Vec<u8>,
    /// The signer's certificate, DER.
    pub cert_der: Vec<u8>,
    /// Any other certificates in the file (the issuer chain).
    pub chain: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("Identity")
            .field("cert_der", &self.cert_der.len())
            .field("chain", &self.chain.len())
            .finish_non_exhaustive()
    }
}

/// Why a file cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum P12Error {
    #[error("the file is not a PKCS#12 certificate file")]
    NotPkcs12,
    #[error("the password is not the file's")]
    WrongPassword,
    #[error("the file is encrypted with a scheme Cobro cannot read")]
    UnsupportedEncryption,
    #[error("the file holds no private key")]
    NoKey,
    #[error("the file holds no certificate for its key")]
    NoCertificate,
}

const DATA: &str = "1.2.840.113549.1.7.1";
const ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
const KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
const SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
const CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";

/// The password as PKCS#12's own key derivation takes it: UTF-16BE with two zero bytes.
fn bmp(password: &str) -> Vec<u8> {
    let mut out: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    out.extend([0, 0]);
    out
}

/// RFC 7292 appendix B.2 key derivation, for a hash with 64-byte blocks.
fn kdf<D: Digest>(password: &[u8], salt: &[u8], iterations: u32, id: u8, n: usize) -> Vec<u8> {
    const V: usize = 64;
    let fill = |s: &[u8]| -> Vec<u8> {
        if s.is_empty() {
            return Vec::new();
        }
        let len = V * s.len().div_ceil(V);
        s.iter().copied().cycle().take(len).collect()
    };
    let mut i_buf = fill(salt);
    i_buf.extend(fill(password));
    let d = vec![id; V];
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut a = D::new().chain_update(&d).chain_update(&i_buf).finalize().to_vec();
        for _ in 1..iterations.max(1) {
            a = D::digest(&a).to_vec();
        }
        let b: Vec<u8> = a.iter().copied().cycle().take(V).collect();
        for block in i_buf.chunks_mut(V) {
            let mut carry = 1u16;
            for k in (0..V).rev() {
                let sum = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = (sum & 0xff) as u8;
                carry = sum >> 8;
            }
        }
        out.extend(&a);
    }
    out.truncate(n);
    out
}

fn int(t: &Tlv<'_>) -> Option<u32> {
    if t.tag != 0x02 || t.content.len() > 5 {
        return None;
    }
    t.content
        .iter()
        .try_fold(0u32, |acc, b| acc.checked_mul(256).map(|v| v + u32::from(*b)))
}

/// Check the file's MAC over `auth_safe` (the password is right when it matches).
fn check_mac(mac_data: &Tlv<'_>, auth_safe: &[u8], password: &str) -> Result<(), P12Error> {
    let bad = P12Error::NotPkcs12;
    let parts = items(mac_data.content).ok_or(bad)?;
    let digest_info = items(parts.first().ok_or(bad)?.content).ok_or(bad)?;
    let alg = items(digest_info.first().ok_or(bad)?.content).ok_or(bad)?;
    let alg = oid(alg.first().ok_or(bad)?.content);
    let expected = digest_info.get(1).ok_or(bad)?.content;
    let salt = parts.get(1).ok_or(bad)?.content;
    let iterations = parts.get(2).and_then(int).unwrap_or(1);
    let pw = bmp(password);
    let ok = match alg.as_str() {
        "1.3.14.3.2.26" => {
            let key = kdf::<Sha1>(&pw, salt, iterations, 3, 20);
            let mut m = <Hmac<Sha1> as Mac>::new_from_slice(&key).map_err(|_| bad)?;
            m.update(auth_safe);
            m.verify_slice(expected).is_ok()
        }
        "2.16.840.1.101.3.4.2.1" => {
            let key = kdf::<Sha256>(&pw, salt, iterations, 3, 32);
            let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|_| bad)?;
            m.update(auth_safe);
            m.verify_slice(expected).is_ok()
        }
        _ => return Err(P12Error::UnsupportedEncryption),
    };
    if ok {
        Ok(())
    } else {
        Err(P12Error::WrongPassword)
    }
}

fn cbc_decrypt<C>(cipher: C, iv: &[u8], data: &[u8]) -> Result<Vec<u8>, P12Error>
where
    C: aes::cipher::BlockCipher + aes::cipher::BlockDecryptMut + aes::cipher::BlockSizeUser,
    cbc::Decryptor<C>: aes::cipher::InnerIvInit<Inner = C>,
{
    use aes::cipher::InnerIvInit;
    let dec =
        cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv).map_err(|_| P12Error::UnsupportedEncryption)?;
    // A wrong key shows as bad padding.
    dec.decrypt_padded_vec_mut::<Pkcs7>(data)
        .map_err(|_| P12Error::WrongPassword)
}

/// Decrypt `data` encrypted with the algorithm `alg` (an AlgorithmIdentifier's items).
fn decrypt(alg: &[Tlv<'_>], data: &[u8], password: &str) -> Result<Vec<u8>, P12Error> {
    let unsupported = P12Error::UnsupportedEncryption;
    let id = oid(alg.first().ok_or(unsupported)?.content);
    let params = alg.get(1).ok_or(unsupported)?;
    match id.as_str() {
        // PKCS#12 PBE with SHA-1: 3-key 3DES, 128-bit RC2, 40-bit RC2.
        "1.2.840.113549.1.12.1.3" | "1.2.840.113549.1.12.1.5" | "1.2.840.113549.1.12.1.6" => {
            let p = items(params.content).ok_or(unsupported)?;
            let salt = p.first().ok_or(unsupported)?.content;
            let iterations = p.get(1).and_then(int).ok_or(unsupported)?;
            let pw = bmp(password);
            let key_len = match id.as_str() {
                "1.2.840.113549.1.12.1.3" => 24,
                "1.2.840.113549.1.12.1.5" => 16,
                _ => 5,
            };
            let key = kdf::<Sha1>(&pw, salt, iterations, 1, key_len);
            let iv = kdf::<Sha1>(&pw, salt, iterations, 2, 8);
            if key_len == 24 {
                let c = des::TdesEde3::new_from_slice(&key).map_err(|_| unsupported)?;
                cbc_decrypt(c, &iv, data)
            } else {
                let c = rc2::Rc2::new_with_eff_key_len(&key, key_len * 8);
                cbc_decrypt(c, &iv, data)
            }
        }
        // PBES2 (RFC 8018): PBKDF2, then AES-CBC or 3DES-CBC.
        "1.2.840.113549.1.5.13" => {
            let p = items(params.content).ok_or(unsupported)?;
            let kdf_alg = items(p.first().ok_or(unsupported)?.content).ok_or(unsupported)?;
            if oid(kdf_alg.first().ok_or(unsupported)?.content) != "1.2.840.113549.1.5.12" {
                return Err(unsupported);
            }
            let kp = items(kdf_alg.get(1).ok_or(unsupported)?.content).ok_or(unsupported)?;
            let salt = kp.first().ok_or(unsupported)?.content;
            let iterations = kp.get(1).and_then(int).ok_or(unsupported)?;
            let prf = kp
                .iter()
                .skip(2)
                .find(|t| t.tag == 0x30)
                .and_then(|t| items(t.content))
                .and_then(|a| a.first().map(|o| oid(o.content)))
                .unwrap_or_else(|| "1.2.840.113549.2.7".into());
            let enc = items(p.get(1).ok_or(unsupported)?.content).ok_or(unsupported)?;
            let enc_id = oid(enc.first().ok_or(unsupported)?.content);
            let iv = enc.get(1).ok_or(unsupported)?.content;
            let key_len = match enc_id.as_str() {
                "2.16.840.1.101.3.4.1.2" => 16,
                "2.16.840.1.101.3.4.1.22" => 24,
                "2.16.840.1.101.3.4.1.42" => 32,
                "1.2.840.113549.3.7" => 24,
                _ => return Err(unsupported),
            };
            let mut key = vec![0u8; key_len];
            let pw = password.as_bytes();
            match prf.as_str() {
                "1.2.840.113549.2.7" => pbkdf2::pbkdf2_hmac::<Sha1>(pw, salt, iterations, &mut key),
                "1.2.840.113549.2.9" => pbkdf2::pbkdf2_hmac::<Sha256>(pw, salt, iterations, &mut key),
                _ => return Err(unsupported),
            }
            match enc_id.as_str() {
                "2.16.840.1.101.3.4.1.2" => cbc_decrypt(
                    aes::Aes128::new_from_slice(&key).map_err(|_| unsupported)?,
                    iv,
                    data,
                ),
                "2.16.840.1.101.3.4.1.22" => cbc_decrypt(
                    aes::Aes192::new_from_slice(&key).map_err(|_| unsupported)?,
                    iv,
                    data,
                ),
                "2.16.840.1.101.3.4.1.42" => cbc_decrypt(
                    aes::Aes256::new_from_slice(&key).map_err(|_| unsupported)?,
                    iv,
                    data,
                ),
                _ => cbc_decrypt(
                    des::TdesEde3::new_from_slice(&key).map_err(|_| unsupported)?,
                    iv,
                    data,
                ),
            }
        }
        _ => Err(unsupported),
    }
}

struct Bags {
    keys: Vec<(Vec<u8>, Option<Vec<u8>>)>,
    certs: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

fn local_key_id(attrs: Option<&Tlv<'_>>) -> Option<Vec<u8>> {
    for attr in items(attrs?.content)? {
        let a = items(attr.content)?;
        if oid(a.first()?.content) == LOCAL_KEY_ID {
            let values = items(a.get(1)?.content)?;
            return Some(values.first()?.content.to_vec());
        }
    }
    None
}

fn safe_contents(data: &[u8], password: &str, bags: &mut Bags) -> Result<(), P12Error> {
    let bad = P12Error::NotPkcs12;
    let seq = tlv(data).ok_or(bad)?;
    for bag in items(seq.content).ok_or(bad)? {
        let parts = items(bag.content).ok_or(bad)?;
        let kind = oid(parts.first().ok_or(bad)?.content);
        let value = items(parts.get(1).ok_or(bad)?.content).ok_or(bad)?;
        let value = value.first().ok_or(bad)?;
        let key_id = local_key_id(parts.get(2));
        match kind.as_str() {
            KEY_BAG => bags.keys.push((value.whole.to_vec(), key_id)),
            SHROUDED_KEY_BAG => {
                let epki = items(value.content).ok_or(bad)?;
                let alg = items(epki.first().ok_or(bad)?.content).ok_or(bad)?;
                let enc = octets(epki.get(1).ok_or(bad)?).ok_or(bad)?;
                bags.keys.push((decrypt(&alg, &enc, password)?, key_id));
            }
            CERT_BAG => {
                let cb = items(value.content).ok_or(bad)?;
                let inner = items(cb.get(1).ok_or(bad)?.content).ok_or(bad)?;
                bags.certs
                    .push((octets(inner.first().ok_or(bad)?).ok_or(bad)?, key_id));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Read a PKCS#12 file with its password.
pub fn parse(pfx: &[u8], password: &str) -> Result<Identity, P12Error> {
    let bad = P12Error::NotPkcs12;
    let top = tlv(pfx).ok_or(bad)?;
    let parts = items(top.content).ok_or(bad)?;
    if parts.first().and_then(int) != Some(3) {
        return Err(bad);
    }
    let auth = items(parts.get(1).ok_or(bad)?.content).ok_or(bad)?;
    if oid(auth.first().ok_or(bad)?.content) != DATA {
        return Err(bad);
    }
    let wrapped = items(auth.get(1).ok_or(bad)?.content).ok_or(bad)?;
    let auth_safe = octets(wrapped.first().ok_or(bad)?).ok_or(bad)?;
    if let Some(mac) = parts.get(2) {
        check_mac(mac, &auth_safe, password)?;
    }
    let mut bags = Bags {
        keys: Vec::new(),
        certs: Vec::new(),
    };
    let list = tlv(&auth_safe).ok_or(bad)?;
    for ci in items(list.content).ok_or(bad)? {
        let c = items(ci.content).ok_or(bad)?;
        let kind = oid(c.first().ok_or(bad)?.content);
        let explicit = items(c.get(1).ok_or(bad)?.content).ok_or(bad)?;
        let inner = explicit.first().ok_or(bad)?;
        match kind.as_str() {
            DATA => safe_contents(&octets(inner).ok_or(bad)?, password, &mut bags)?,
            ENCRYPTED_DATA => {
                let ed = items(inner.content).ok_or(bad)?;
                let eci = items(ed.get(1).ok_or(bad)?.content).ok_or(bad)?;
                let alg = items(eci.get(1).ok_or(bad)?.content).ok_or(bad)?;
                let enc = octets(eci.get(2).ok_or(bad)?).ok_or(bad)?;
                let plain = decrypt(&alg, &enc, password)?;
                safe_contents(&plain, password, &mut bags)?;
            }
            _ => {}
        }
    }
    let (key, key_id) = bags.keys.into_iter().next().ok_or(P12Error::NoKey)?;
    let at = bags
        .certs
        .iter()
        .position(|(_, id)| key_id.is_some() && *id == key_id)
        .or_else(|| (!bags.certs.is_empty()).then_some(0))
        .ok_or(P12Error::NoCertificate)?;
    let cert_der = bags.certs.remove(at).0;
    Ok(Identity {
        key_pkcs8: key,
        cert_der,
        chain: bags.certs.into_iter().map(|c| c.0).collect(),
    })
}

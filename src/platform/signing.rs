//! Signing billing records with the user's certificate through WebCrypto. The private key is
//! imported once from the certificate file as a **non-extractable** `CryptoKey` (nothing can
//! read it back, not even this app), which storage keeps in IndexedDB (a `CryptoKey` survives
//! the structured clone). Everything here is a narrow async API over bytes, so it can move into
//! a worker with the PKCS#12 reader.

use cobro_core::verifactu::cert::CertInfo;
use cobro_core::verifactu::xades::Algorithm;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn subtle() -> Result<JsValue, String> {
    // The backup worker's scope (where signing runs) or the page's window: both have it.
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).map_err(|_| "no crypto")?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|_| "no subtle crypto")?;
    if subtle.is_undefined() {
        return Err("WebCrypto is not available (the page must be served over https)".into());
    }
    Ok(subtle)
}

async fn call(method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let s = subtle()?;
    let f: js_sys::Function = Reflect::get(&s, &method.into())
        .map_err(|_| format!("no {method}"))?
        .dyn_into()
        .map_err(|_| format!("no {method}"))?;
    let arr: Array = args.iter().collect();
    let p: Promise = f
        .apply(&s, &arr)
        .map_err(|_| format!("{method} refused"))?
        .dyn_into()
        .map_err(|_| format!("{method} gave no promise"))?;
    JsFuture::from(p).await.map_err(|e| {
        Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| format!("{method} failed"))
    })
}

/// `{name, hash}` or `{name, namedCurve}` for the certificate's key.
fn import_params(alg: Algorithm, curve: Option<&str>) -> Object {
    let o = Object::new();
    let set = |k: &str, v: &str| {
        let _ = Reflect::set(&o, &k.into(), &v.into());
    };
    match alg {
        Algorithm::RsaSha256 => {
            set("name", "RSASSA-PKCS1-v1_5");
            set("hash", "SHA-256");
        }
        Algorithm::EcdsaSha256 => {
            set("name", "ECDSA");
            set("namedCurve", curve.unwrap_or("P-256"));
        }
    }
    o
}

fn sign_params(alg: Algorithm) -> JsValue {
    match alg {
        Algorithm::RsaSha256 => "RSASSA-PKCS1-v1_5".into(),
        Algorithm::EcdsaSha256 => {
            let o = Object::new();
            let _ = Reflect::set(&o, &"name".into(), &"ECDSA".into());
            let _ = Reflect::set(&o, &"hash".into(), &"SHA-256".into());
            o.into()
        }
    }
}

/// Import the PKCS#8 private key as a non-extractable signing key. The caller drops the
/// bytes right after.
pub async fn import_private(pkcs8: &[u8], info: &CertInfo) -> Result<JsValue, String> {
    let usages: Array = std::iter::once(JsValue::from("sign")).collect();
    call(
        "importKey",
        &[
            "pkcs8".into(),
            Uint8Array::from(pkcs8).into(),
            import_params(info.algorithm, info.curve).into(),
            false.into(),
            usages.into(),
        ],
    )
    .await
}

/// Sign `data` with the stored key.
pub async fn sign(key: &JsValue, alg: Algorithm, data: &[u8]) -> Result<Vec<u8>, String> {
    let sig = call(
        "sign",
        &[sign_params(alg), key.clone(), Uint8Array::from(data).into()],
    )
    .await?;
    Ok(Uint8Array::new(&sig).to_vec())
}

/// Verify a signature with the certificate's public key.
pub async fn verify(info: &CertInfo, data: &[u8], signature: &[u8]) -> Result<bool, String> {
    let usages: Array = std::iter::once(JsValue::from("verify")).collect();
    let key = call(
        "importKey",
        &[
            "spki".into(),
            Uint8Array::from(info.spki.as_slice()).into(),
            import_params(info.algorithm, info.curve).into(),
            true.into(),
            usages.into(),
        ],
    )
    .await?;
    let ok = call(
        "verify",
        &[
            sign_params(info.algorithm),
            key,
            Uint8Array::from(signature).into(),
            Uint8Array::from(data).into(),
        ],
    )
    .await?;
    Ok(ok.as_bool().unwrap_or(false))
}

/// Whether a stored key can be read back (it must not: tests check it).
pub fn extractable(key: &JsValue) -> bool {
    Reflect::get(key, &"extractable".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

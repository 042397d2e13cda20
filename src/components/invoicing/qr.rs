//! The EPC069-12 ("SEPA credit transfer") QR code printed on an invoice: the
//! core makes the payload, qrcodegen the modules, and this draws them as one
//! SVG path (no inline style, so the strict CSP is kept). The payload is also
//! in `data-epc`, so tests can check exactly what a banking app would read.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};
use std::fmt::Write;

/// Quiet zone around the symbol, in modules (the QR standard asks for 4).
const QUIET: i32 = 4;

/// The side of the drawing (symbol + quiet zone) and the path of its dark
/// modules, one unit square each; `None` if the text does not fit a QR code.
pub fn svg_path(text: &str) -> Option<(i32, String)> {
    // EPC069-12 asks for error-correction level M.
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = qr.size();
    let mut d = String::new();
    for y in 0..n {
        for x in 0..n {
            if qr.get_module(x, y) {
                let _ = write!(d, "M{},{}h1v1h-1z", x + QUIET, y + QUIET);
            }
        }
    }
    Some((n + 2 * QUIET, d))
}

/// The QR code as an inline SVG.
#[component]
pub fn EpcQr(
    /// The EPC payload (from `payment_info::epc_qr_payload`).
    payload: String,
    /// What a screen reader says about it (in the document's language).
    label: String,
) -> impl IntoView {
    svg_path(&payload).map(|(side, d)| {
        view! {
            <svg
                class="epc-qr"
                id="epc-qr"
                data-epc=payload
                viewBox=format!("0 0 {side} {side}")
                width="132"
                height="132"
                role="img"
                aria-label=label
                shape-rendering="crispEdges"
            >
                <path d=d fill="#000" />
            </svg>
        }
    })
}

//! The tax QR code («QR tributario:») an invoice carries first on its first page: the AEAT's
//! verification URL (from `cobro_core::verifactu::qr`), error correction M, printed 38 mm wide
//! with its quiet zone, so the symbol itself stays between 30 and 40 mm. The URL is also in
//! `data-url`, so tests can compare it with what a phone reads.

use super::tv;
use crate::components::invoicing::qr::svg_path;
use leptos::prelude::*;

#[component]
pub fn TaxQr(
    /// The verification URL.
    url: String,
) -> impl IntoView {
    let label = tv(|t| t.qr_label);
    let alt = tv(|t| t.qr_alt);
    svg_path(&url).map(|(side, d)| {
        view! {
            <figure class="tax-qr" id="tax-qr">
                <figcaption class="tax-qr-label">{move || label.get()}</figcaption>
                <svg
                    class="tax-qr-code"
                    data-url=url
                    viewBox=format!("0 0 {side} {side}")
                    width="38mm"
                    height="38mm"
                    role="img"
                    aria-label=move || alt.get()
                    shape-rendering="crispEdges"
                >
                    <path d=d fill="#000" />
                </svg>
            </figure>
        }
    })
}

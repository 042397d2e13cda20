//! The invoice as a document: what Spanish law and the client's AP department
//! need on one A4 page (seller and buyer with tax ids, number with the PO next
//! to it, dates, lines, VAT per rate, withholding, total, due date and terms,
//! early-payment offer, payment instructions quoting the invoice number, and the
//! SEPA QR code for euro transfers). Pure rendering of the core's figures.

use crate::components::invoicing::fields::tr;
use crate::components::invoicing::qr::EpcQr;
use crate::components::invoicing::totals::TotalsView;
use crate::i18n::{invoicing, use_i18n};
use cobro_core::money::format_amount;
use cobro_core::payment_info::{self, EpcTransfer};
use cobro_core::tax;
use cobro_core::{Address, Dataset, Invoice, Lang, PaymentMethod, PaymentMethodKind};
use leptos::prelude::*;
use std::sync::Arc;

fn address_lines(a: &Address) -> Vec<String> {
    let city = [a.postal_code.trim(), a.city.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [
        a.street.trim().to_string(),
        city,
        a.region.trim().to_string(),
        a.country.trim().to_string(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// The methods printed: the ones chosen on the invoice, or all when none was chosen.
fn methods_of<'a>(inv: &Invoice, data: &'a Dataset) -> Vec<&'a PaymentMethod> {
    if inv.payment_method_ids.is_empty() {
        data.payment_methods.iter().collect()
    } else {
        inv.payment_method_ids
            .iter()
            .filter_map(|id| data.payment_methods.iter().find(|m| &m.id == id))
            .collect()
    }
}

fn method_text(m: &PaymentMethod, lang: Lang) -> String {
    let t = invoicing::texts(lang);
    match &m.kind {
        PaymentMethodKind::BankTransfer {
            iban,
            bic,
            holder,
            bank,
        } => {
            let mut s = format!(
                "{}: {} {}",
                t.bank_transfer,
                t.iban,
                payment_info::format_iban_groups(iban)
            );
            if !bic.trim().is_empty() {
                s.push_str(&format!(" · BIC {bic}"));
            }
            if !holder.trim().is_empty() {
                s.push_str(&format!(" · {}: {holder}", t.holder));
            }
            if !bank.trim().is_empty() {
                s.push_str(&format!(" · {bank}"));
            }
            s
        }
        PaymentMethodKind::CardLink { url } => format!("{}: {url}", t.card_link),
        PaymentMethodKind::PayPal { address } => format!("{}: {address}", t.paypal),
        PaymentMethodKind::Bizum { phone } => format!("{}: {phone}", t.bizum),
        PaymentMethodKind::Cash => t.cash.to_string(),
        PaymentMethodKind::DirectDebit { note } => format!("{}: {note}", t.direct_debit),
        PaymentMethodKind::Other { text } => text.clone(),
    }
}

/// The EPC QR payload for the first euro bank transfer among the printed methods.
pub fn epc_payload(inv: &Invoice, data: &Dataset, total: rust_decimal::Decimal) -> Option<String> {
    let number = inv.number.as_deref()?;
    methods_of(inv, data).into_iter().find_map(|m| match &m.kind {
        PaymentMethodKind::BankTransfer {
            iban, bic, holder, ..
        } => {
            let name = if holder.trim().is_empty() {
                &data.profile.name
            } else {
                holder
            };
            payment_info::epc_qr_payload(&EpcTransfer {
                bic,
                name,
                iban,
                amount: total,
                currency: &inv.currency,
                remittance_text: number,
            })
            .ok()
        }
        _ => None,
    })
}

/// One invoice as the printed document.
#[component]
pub fn InvoiceDocument(inv: Invoice, data: Arc<Dataset>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let t = invoicing::texts(lang);
    let totals = tax::invoice_totals(&inv);
    let client = data.clients.iter().find(|c| c.id == inv.client_id).cloned();
    let profile = data.profile.clone();
    let cur = inv.currency.clone();
    let fmt = |d| format_amount(d, &cur, lang);
    let line_rows = inv
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let amount = totals
                .as_ref()
                .ok()
                .and_then(|t| t.line_amounts.get(i).copied())
                .map(fmt)
                .unwrap_or_default();
            let disc = if l.discount_pct.is_zero() {
                String::new()
            } else {
                format!("{} %", l.discount_pct.normalize())
            };
            view! {
                <tr>
                    <td>{l.description.clone()}</td>
                    <td class="num">{l.quantity.normalize().to_string()}</td>
                    <td class="num">{fmt(l.unit_price)}</td>
                    <td class="num">{disc}</td>
                    <td class="num">{invoicing::vat_label(&l.vat, lang)}</td>
                    <td class="num">{amount}</td>
                </tr>
            }
        })
        .collect_view();
    let total = totals.as_ref().map(|t| t.total).ok();
    let early = totals
        .as_ref()
        .ok()
        .and_then(|tt| tax::early_payment_offer(&inv, tt).ok().flatten())
        .map(|o| {
            invoicing::early_offer(
                &o.discount_pct.normalize().to_string(),
                &invoicing::date(o.deadline, lang),
                &fmt(o.amount),
                lang,
            )
        });
    let qr = total.and_then(|total| epc_payload(&inv, &data, total));
    let tax_qr = cobro_core::verifactu::qr::invoice_url(&inv, &profile);
    let methods: Vec<String> = methods_of(&inv, &data)
        .into_iter()
        .map(|m| method_text(m, lang))
        .collect();
    let days = (inv.due_date - inv.issue_date).num_days();
    let terms = invoicing::terms(&invoicing::date(inv.due_date, lang), days, lang);
    let totals_sig = Signal::derive({
        let totals = totals.clone();
        move || totals.clone().map_err(|e| invoicing::money_error(&e, lang))
    });
    let currency = Signal::derive({
        let c = inv.currency.clone();
        move || c.clone()
    });
    let number = inv.number.clone().unwrap_or_else(|| t.draft.to_string());
    let po = inv.po_number.trim().to_string();
    let reference = inv.number.clone();
    view! {
        <article class="invoice-doc" id="invoice-doc" data-number=inv.number.clone().unwrap_or_default()>
            // The tax QR (VERI*FACTU law) comes first, before any other QR.
            {tax_qr.map(|url| view! { <crate::components::verifactu::tax_qr::TaxQr url=url /> })}
            <header class="doc-head">
                <div class="party seller" id="doc-seller">
                    {profile.logo_data_url.clone().filter(|u| is_inline_image(u)).map(|url| view! { <img class="doc-logo" id="doc-logo" src=url alt=profile.name.clone() /> })}
                    <h2 class="party-title">{t.seller}</h2>
                    <p class="party-name">{profile.name.clone()}</p>
                    <p>{t.tax_id} ": " <span class="tax-id">{profile.tax_id.clone()}</span></p>
                    {address_lines(&profile.address).into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                    <p>{profile.email.clone()} " " {profile.phone.clone()}</p>
                </div>
                <div class="doc-title">
                    <h2>{t.invoice}</h2>
                    <p class="doc-number">
                        <span id="doc-number">{number}</span>
                        {(!po.is_empty()).then(|| view! {
                            <span class="doc-po" id="doc-po">" · PO " {po.clone()}</span>
                        })}
                    </p>
                    <dl class="doc-dates">
                        <dt>{t.issue_date}</dt>
                        <dd id="doc-issue">{invoicing::date(inv.issue_date, lang)}</dd>
                        {inv.delivery_date.filter(|d| *d != inv.issue_date).map(|d| view! {
                            <dt>{t.delivery_date}</dt>
                            <dd>{invoicing::date(d, lang)}</dd>
                        })}
                        <dt>{t.due_date}</dt>
                        <dd id="doc-due">{invoicing::date(inv.due_date, lang)}</dd>
                    </dl>
                </div>
            </header>
            <section class="party buyer" id="doc-buyer">
                <h2 class="party-title">{t.buyer}</h2>
                {client.map(|c| view! {
                    <p class="party-name">{c.legal_name.clone()}</p>
                    <p>{t.tax_id} ": " <span class="tax-id">{c.tax_id.clone()}</span></p>
                    {address_lines(&c.address).into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                })}
            </section>
            <table class="doc-lines">
                <thead>
                    <tr>
                        <th scope="col">{t.description}</th>
                        <th scope="col" class="num">{t.quantity}</th>
                        <th scope="col" class="num">{t.unit_price}</th>
                        <th scope="col" class="num">{t.discount_pct}</th>
                        <th scope="col" class="num">{t.vat}</th>
                        <th scope="col" class="num">{t.amount}</th>
                    </tr>
                </thead>
                <tbody>{line_rows}</tbody>
            </table>
            <div class="doc-totals">
                <TotalsView totals=totals_sig currency=currency withholding_pct=inv.withholding_pct />
            </div>
            <section class="doc-terms">
                <h2>{t.terms}</h2>
                <p id="doc-terms">{terms}</p>
                {early.map(|e| view! { <p id="doc-early">{e}</p> })}
            </section>
            <section class="doc-pay" id="doc-pay">
                <div class="doc-pay-text">
                    <h2>{t.payment_instructions}</h2>
                    <ul>{methods.into_iter().map(|m| view! { <li class="pay-method">{m}</li> }).collect_view()}</ul>
                    {reference.map(|r| view! {
                        <p class="doc-reference">{t.reference} ": " <strong id="doc-reference">{r}</strong></p>
                    })}
                </div>
                {qr.map(|payload| view! { <EpcQr payload=payload label=tr(|t| t.qr_label) /> })}
            </section>
            {(!inv.notes.trim().is_empty()).then(|| view! { <p class="doc-notes">{inv.notes.clone()}</p> })}
        </article>
    }
}

/// A logo is drawn only from an inline PNG, JPEG or SVG (what Settings stores): one from
/// an imported backup could otherwise name another site, a request the app never makes.
pub fn is_inline_image(url: &str) -> bool {
    [
        "data:image/png;base64,",
        "data:image/jpeg;base64,",
        "data:image/svg+xml;base64,",
    ]
    .iter()
    .any(|p| url.starts_with(p))
}

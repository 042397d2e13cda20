//! One renderer for every document the business sends (invoice, credit note, quote,
//! formal collection letter): it draws a [`DocumentView`] the core built, nothing more.
//! What the screen shows is what prints: an A4 sheet (`style/document.css`), long texts
//! wrapped, an exemption's legal ground under its line instead of inside the VAT column.
//!
//! A letter is a `DocumentView` of kind `Letter` whose body is in `intro` (paragraphs), the
//! invoices it claims in `table` and the sums claimed in `totals`: nothing here changes.
//! The tax QR of the billing-records law (VERI*FACTU), when the core gives one, is drawn at
//! the top of the first page, before everything else and far from the SEPA payment QR.

use crate::components::invoicing::qr::EpcQr;
use crate::components::verifactu::tax_qr::TaxQr;
use crate::i18n::{code, problems, use_i18n};
use cobro_core::document::{DocumentView, Party, Section, TotalKind};
use cobro_core::payment_info::TransferQr;
use leptos::prelude::*;

fn party(p: &Party, class: &'static str, id: &'static str) -> impl IntoView {
    let logo = p.logo.clone().map(|url| {
        let alt = p.name.clone();
        view! { <img class="doc-logo" id="doc-logo" src=url alt=alt /> }
    });
    view! {
        <div class=format!("party {class}") id=id>
            {logo}
            {(!p.heading.is_empty()).then(|| view! { <h2 class="party-title">{p.heading.clone()}</h2> })}
            <p class="party-name">{p.name.clone()}</p>
            {(!p.tax_id.is_empty()).then(|| view! { <p class="tax-id">{p.tax_id.clone()}</p> })}
            {p.address.iter().map(|l| view! { <p>{l.clone()}</p> }).collect_view()}
            {(!p.contact.is_empty()).then(|| view! { <p class="party-contact">{p.contact.join(" · ")}</p> })}
        </div>
    }
}

fn section(s: &Section) -> impl IntoView {
    view! {
        <section class=format!("doc-section doc-{}", s.key) id=format!("doc-{}", s.key)>
            {s.heading.clone().map(|h| view! { <h2>{h}</h2> })}
            {s.paragraphs.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
        </section>
    }
}

/// The document as an A4 sheet. `id` names it for tests and links (`invoice-doc`…).
#[component]
pub fn Document(view: DocumentView, #[prop(default = "doc")] id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    // The document's language, not the screen's: hyphenation and screen readers follow it.
    let lang = code(view.lang);
    let kind = view.kind.slug();
    let total = view.total().map(|t| t.to_string()).unwrap_or_default();
    let number = view.number.clone();
    let data_number = if view.numbered {
        number.clone()
    } else {
        String::new()
    };
    let meta = view
        .meta
        .iter()
        .map(|m| {
            view! {
                <div class=format!("doc-meta-item meta-{}", m.key)>
                    <dt>{m.label.clone()}</dt>
                    <dd id=format!("doc-{}", m.key)>{m.value.clone()}</dd>
                </div>
            }
        })
        .collect_view();
    let table = view.table.as_ref().map(|t| {
        let cols = t.columns.len();
        let head = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let class = if i == 0 {
                    "desc"
                } else if c.numeric {
                    "num"
                } else {
                    ""
                };
                view! { <th scope="col" class=class>{c.label.clone()}</th> }
            })
            .collect_view();
        let rows = t
            .rows
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let cells = r
                    .cells
                    .iter()
                    .zip(&t.columns)
                    .enumerate()
                    .map(|(i, (text, c))| {
                        let class = if i == 0 {
                            "desc"
                        } else if c.numeric {
                            "num"
                        } else {
                            ""
                        };
                        view! { <td class=class data-cell=c.key data-label=c.label.clone()>{text.clone()}</td> }
                    })
                    .collect_view();
                let note = r.note.clone().map(|note| {
                    view! {
                        <tr class="doc-line-note">
                            <td colspan=cols>{note}</td>
                        </tr>
                    }
                });
                let class = if r.note.is_some() {
                    "doc-line has-note"
                } else {
                    "doc-line"
                };
                view! {
                    <tbody class="doc-line-group">
                        <tr class=class data-line=n data-key=r.key.clone()>{cells}</tr>
                        {note}
                    </tbody>
                }
            })
            .collect_view();
        view! {
            <table class="doc-lines">
                <thead><tr>{head}</tr></thead>
                {rows}
            </table>
        }
    });
    // A letter to a client owing in two currencies has a total per currency: the first is
    // the document's total.
    let first_total = view.totals.iter().position(|r| r.kind == TotalKind::Total);
    let totals = (!view.totals.is_empty()).then(|| {
        let rows = view
            .totals
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let class = match r.kind {
                    TotalKind::Total => "grand-total",
                    TotalKind::Vat => "vat-row",
                    _ => "",
                };
                if r.kind == TotalKind::Total {
                    let id = (Some(i) == first_total).then_some("total-amount");
                    view! {
                        <tr class=class>
                            <th scope="row">{r.label.clone()}</th>
                            <td id=id data-amount=r.value.to_string()>{r.amount.clone()}</td>
                        </tr>
                    }
                    .into_any()
                } else {
                    view! {
                        <tr class=class>
                            <th scope="row">{r.label.clone()}</th>
                            <td>{r.amount.clone()}</td>
                        </tr>
                    }
                    .into_any()
                }
            })
            .collect_view();
        view! {
            <div class="doc-totals">
                <table class="totals" id="totals"><tbody>{rows}</tbody></table>
            </div>
        }
    });
    let payment = view.payment.as_ref().map(|p| {
        let qr = match &p.transfer {
            Some(TransferQr::Qr { payload, .. }) => {
                Some(view! { <EpcQr payload=payload.clone() label=p.qr_label.clone() /> }.into_any())
            }
            // Said on screen, in the user's language; a printed invoice without a code needs
            // no excuse.
            Some(TransferQr::NoQr(why)) => {
                let why = why.clone();
                Some(view! {
                    <p class="no-qr no-print" id="no-qr">{move || problems::no_qr(&why, i18n.lang.get())}</p>
                }.into_any())
            }
            None => None,
        };
        view! {
            <section class="doc-pay" id="doc-pay">
                <div class="doc-pay-text">
                    <h2>{p.heading.clone()}</h2>
                    <ul>{p.methods.iter().map(|m| view! { <li class="pay-method">{m.clone()}</li> }).collect_view()}</ul>
                    {p.reference.clone().map(|(label, r)| view! {
                        <p class="doc-reference">{label} ": " <strong id="doc-reference">{r}</strong></p>
                    })}
                </div>
                {qr}
            </section>
        }
    });
    view! {
        <article
            class=format!("doc doc-{kind}")
            id=id
            lang=lang
            data-kind=kind
            data-number=data_number
            data-total=total
        >
            // The tax QR (VERI*FACTU law) comes first, before any other QR.
            {view.verification.clone().map(|v| view! { <TaxQr url=v.url /> })}
            <header class="doc-head">
                {party(&view.seller, "seller", "doc-seller")}
                <div class="doc-title">
                    <h2 id="doc-title">{view.title.clone()}</h2>
                    {(!number.is_empty()).then(|| view! {
                        <p class="doc-number"><span id="doc-number">{number}</span></p>
                    })}
                    <dl class="doc-meta">{meta}</dl>
                </div>
            </header>
            {party(&view.buyer, "buyer", "doc-buyer")}
            {view.problem.clone().map(|p| view! { <p class="form-error doc-problem" role="alert">{p}</p> })}
            {view.intro.iter().map(section).collect_view()}
            {table}
            {totals}
            {view.sections.iter().map(section).collect_view()}
            {payment}
            {view.notes.clone().map(|n| view! { <p class="doc-notes" id="doc-notes">{n}</p> })}
        </article>
    }
}

/// What the page says about the document's language, when it is not the screen's.
#[component]
pub fn DocumentLanguage(lang: cobro_core::Lang) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let ui = i18n.lang.get();
        (ui != lang).then(|| {
            let t = crate::i18n::documents::texts(ui);
            let text = match lang {
                cobro_core::Lang::Es => t.printed_in_es,
                cobro_core::Lang::En => t.printed_in_en,
            };
            view! { <p class="doc-language no-print" id="doc-language">{text}</p> }
        })
    }
}

//! The formal collection letter as a printable A4 page (`#/agenda/letter/<invoice id>`): it
//! renders `cobro_core::letter::Letter`, every text and figure already written by the core in
//! the client's language, and prints with the browser's own print dialog (print CSS: A4, the
//! app's chrome hidden). Self-contained until the shared document component exists.

use crate::components::page::Page;
use crate::i18n::collections::follow;
use crate::i18n::use_i18n;
use crate::platform::{clock, print};
use crate::state::use_app;
use cobro_core::document::is_inline_image;
use cobro_core::ledger::Ledger;
use cobro_core::letter::{self, Letter};
use cobro_core::Lang;
use leptos::prelude::*;

#[component]
pub fn LetterView(invoice_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let f = move || follow(i18n.lang.get());
    let app = use_app();
    let today = clock::today();
    let id = StoredValue::new(invoice_id);
    let built = Memo::new(move |_| {
        app.data.with(|d| {
            d.as_ref()
                .map(|data| letter::letter(&Ledger::new(data), &data.profile, &id.get_value(), today))
        })
    });
    let back = move || format!("#/agenda/invoice/{}", id.get_value());
    view! {
        <Page title=Signal::derive(move || follow(i18n.lang.get()).letter_title) id="letter">
            <div class="letter-tools no-print">
                <a href=back data-action="back">"← " {move || f().back}</a>
                <button type="button" id="print-letter" on:click=move |_| print::print_page()>
                    {move || f().print_letter}
                </button>
                {move || built.get().flatten().map(|l| {
                    let lang = match l.lang { Lang::Es => "español", Lang::En => "English" };
                    view! { <span class="muted">{move || (f().letter_language)(lang)}</span> }
                })}
            </div>
            {move || match built.get() {
                None => view! { <p class="empty">{move || crate::i18n::collections::texts(i18n.lang.get()).loading}</p> }.into_any(),
                Some(None) => view! { <p class="empty" id="no-letter">{move || f().no_letter}</p> }.into_any(),
                Some(Some(l)) => view! { <LetterPage letter=l /> }.into_any(),
            }}
        </Page>
    }
}

/// The A4 page itself.
#[component]
fn LetterPage(letter: Letter) -> impl IntoView {
    let Letter {
        lang,
        place_and_date,
        sender,
        logo,
        recipient,
        subject,
        greeting,
        intro,
        labels,
        rows,
        totals,
        claim,
        basis,
        how_to_pay,
        outro,
        closing,
        signature,
        ..
    } = letter;
    let lang_tag = match lang {
        Lang::Es => "es",
        Lang::En => "en",
    };
    let lines = |items: Vec<String>| items.into_iter().map(|l| view! { <div>{l}</div> }).collect_view();
    let paragraphs = |items: Vec<String>| items.into_iter().map(|p| view! { <p>{p}</p> }).collect_view();
    view! {
        <article class="letter" lang=lang_tag id="letter-doc">
            <header class="letter-head">
                <div class="letter-sender">
                    {logo.filter(|u| is_inline_image(u)).map(|src| view! { <img class="letter-logo" src=src alt="" /> })}
                    <div class="letter-name">{sender.name}</div>
                    {(!sender.tax_id.is_empty()).then(|| view! { <div>{sender.tax_id}</div> })}
                    {lines(sender.address)}
                    {lines(sender.contact)}
                </div>
                <div class="letter-recipient" id="letter-recipient">
                    <div class="letter-name">{recipient.name}</div>
                    {(!recipient.tax_id.is_empty()).then(|| view! { <div>{recipient.tax_id}</div> })}
                    {lines(recipient.address)}
                    {lines(recipient.contact)}
                </div>
            </header>
            <p class="letter-date">{place_and_date}</p>
            <p class="letter-subject"><strong>{subject}</strong></p>
            <p>{greeting}</p>
            {paragraphs(intro)}
            <table class="letter-table" id="letter-table">
                <thead>
                    <tr>
                        <th scope="col">{labels.invoice}</th>
                        <th scope="col">{labels.issued}</th>
                        <th scope="col">{labels.due}</th>
                        <th scope="col" class="num">{labels.days_late}</th>
                        <th scope="col" class="num">{labels.owed}</th>
                        {claim.then(|| view! {
                            <th scope="col" class="num">{labels.interest}</th>
                            <th scope="col" class="num">{labels.compensation}</th>
                        })}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr data-invoice=r.number.clone()>
                            <td>{r.number.clone()}</td>
                            <td>{r.issue_date}</td>
                            <td>{r.due_date}</td>
                            <td class="num">{r.days_late}</td>
                            <td class="num">{r.owed}</td>
                            {claim.then(|| view! {
                                <td class="num" data-cell="interest">{r.interest.clone()}</td>
                                <td class="num">{r.compensation.clone()}</td>
                            })}
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    {totals.into_iter().map(|t| view! {
                        <tr class="letter-total" data-currency=t.currency.clone()>
                            <th scope="row" colspan="4">{labels.total} " " {t.currency.clone()}</th>
                            <td class="num">{t.owed}</td>
                            {claim.then(|| view! {
                                <td class="num">{t.interest.clone()}</td>
                                <td class="num">{t.compensation.clone()}</td>
                            })}
                        </tr>
                        <tr class="letter-grand" data-currency=t.currency.clone()>
                            <th scope="row" colspan=if claim { "6" } else { "4" }>{labels.total}</th>
                            <td class="num" data-cell="total"><strong>{t.total}</strong></td>
                        </tr>
                    }).collect_view()}
                </tfoot>
            </table>
            {(!basis.is_empty()).then(|| view! {
                <section class="letter-basis">
                    <h3>{labels.basis}</h3>
                    {lines(basis)}
                </section>
            })}
            <section class="letter-pay">
                <h3>{labels.how_to_pay}</h3>
                {lines(how_to_pay)}
            </section>
            {paragraphs(outro)}
            <p class="letter-closing">{closing}</p>
            <div class="letter-signature">{lines(signature)}</div>
        </article>
    }
}

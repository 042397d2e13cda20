//! Browser tests (wasm-bindgen-test in headless Chromium): what only a real
//! browser can show: IndexedDB, the mounted UI, routing and strings.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use cobro::i18n::{texts, I18n};
use cobro::platform::route::Route;
use cobro::storage::{self, keys, Db};
use cobro_core::{Address, Client, Lang};
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client(id: &str, name: &str) -> Client {
    Client {
        id: id.into(),
        legal_name: name.into(),
        tax_id: "B12345674".into(),
        address: Address {
            city: "Málaga".into(),
            country: "ES".into(),
            ..Address::default()
        },
        ap_contact_name: "Ana Pérez".into(),
        ap_contact_email: "ap@example.com".into(),
        ap_contact_phone: "+34 600 000 000".into(),
        billing_instructions: "Portal de proveedores, con el PO".into(),
        po_required: true,
        payment_terms_days: 60,
        preferred_payment_method_ids: vec!["pm-1".into()],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: Some(Decimal::from_str("12500.50").unwrap()),
        notes: String::new(),
        policy_override: None,
        archived: false,
        updated_at: Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap(),
    }
}

#[wasm_bindgen_test]
async fn indexeddb_round_trip_keeps_every_field_exact() {
    let name = "test-round-trip";
    let db = Db::open(name).await.unwrap();
    let a = client("c-1", "Acme Ibérica S.L.");
    let b = client("c-2", "Zeta Ltd");
    db.save(&a).await.unwrap();
    db.save(&b).await.unwrap();
    assert_eq!(db.find::<Client>("c-1").await.unwrap(), Some(a.clone()));
    assert_eq!(db.find::<Client>("missing").await.unwrap(), None);
    let mut all = db.list::<Client>().await.unwrap();
    all.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(all, vec![a, b]);
    db.close();
    storage::delete_database(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn data_survives_closing_and_reopening_the_database() {
    let name = "test-reopen";
    let db = Db::open(name).await.unwrap();
    db.save(&client("c-9", "Persist S.A.")).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    let back: Option<Client> = db.find("c-9").await.unwrap();
    assert_eq!(back.map(|c| c.legal_name), Some("Persist S.A.".to_string()));
    db.close();
    storage::delete_database(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_failed_write_reports_the_store_and_the_reason() {
    let name = "test-error";
    let db = Db::open(name).await.unwrap();
    // Since v3 records live in packs: the v1/v2 store of clients is gone.
    let err = db
        .put_legacy(keys::CLIENTS, &client("c-1", "X"))
        .await
        .unwrap_err();
    assert_eq!(err.op, "write");
    assert_eq!(err.store, keys::CLIENTS);
    assert!(!err.message.is_empty());
    db.close();
    storage::delete_database(name).await.unwrap();
}

#[wasm_bindgen_test]
fn routes_follow_the_hash() {
    assert_eq!(Route::from_hash("#/invoices"), Route::Invoices);
    assert_eq!(Route::from_hash("#/clients/abc"), Route::Clients);
    assert_eq!(Route::from_hash(""), Route::Agenda);
    assert_eq!(Route::from_hash("#/unknown"), Route::Agenda);
    for r in Route::ALL {
        assert_eq!(Route::from_hash(&r.href()), r);
    }
}

#[wasm_bindgen_test]
fn both_languages_have_their_own_strings() {
    let (es, en) = (texts(Lang::Es), texts(Lang::En));
    assert_eq!(es.nav_invoices, "Facturas");
    assert_eq!(en.nav_invoices, "Invoices");
    assert_ne!(es.agenda_empty, en.agenda_empty);
}

#[wasm_bindgen_test]
async fn the_shell_mounts_with_every_area_and_switches_language() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let i18n = I18n::new();
    let lang = i18n.lang;
    lang.set(Lang::Es);
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(i18n);
        view! { <cobro::components::nav::Nav route=signal(Route::Quotes).0 /> }
    });
    let links = host.query_selector_all("nav a").unwrap();
    assert_eq!(links.length(), 9);
    // Quotes waits in the "More" sheet on a phone, and "More" shows that the user is there.
    let current = host
        .query_selector("#nav-more a[aria-current=page] .nav-label")
        .unwrap()
        .unwrap();
    assert_eq!(current.text_content().unwrap(), "Presupuestos");
    assert!(host.query_selector("#nav-more-toggle.current").unwrap().is_some());
    lang.set(Lang::En);
    leptos::task::tick().await;
    assert_eq!(current.text_content().unwrap(), "Quotes");
}

/// After another connection replaced everything (the backup worker's import, the demo), what
/// the screens showed is dropped at once: a screen opened then waits for the data instead of
/// saying that a restored record does not exist. (Before, the data from before the restore
/// stayed on screen until everything was read again: "not found" for a while.)
#[wasm_bindgen_test]
fn a_replaced_database_drops_what_was_shown_at_once() {
    let owner = Owner::new();
    owner.with(|| {
        let app = cobro::state::AppState::provide();
        let before = cobro_core::Dataset {
            clients: vec![client("c-old", "Antes de restaurar SL")],
            ..cobro_core::Dataset::default()
        };
        app.data.set(Some(std::sync::Arc::new(before)));
        app.replaced();
        assert!(app.data.get_untracked().is_none(), "nothing stale is shown");
    });
}

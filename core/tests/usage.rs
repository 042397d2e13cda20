//! Archive and delete: a client, item or payment method that something names can only be
//! archived (hidden from pickers, kept where it is named); one nothing names can be deleted.

#[path = "common/builders.rs"]
mod common;

use cobro_core::usage::{check_delete, pickable, usage, Archivable, Target, Usage, UsageError};
use cobro_core::{
    backup, CatalogItem, Channel, ContactEntry, Outcome, PaymentMethodKind, Quote, QuoteState, VatRate,
};
use common::*;

fn item(id: &str) -> CatalogItem {
    CatalogItem {
        id: id.into(),
        name: format!("Item {id}"),
        description: String::new(),
        unit_price: dec("10"),
        vat: VatRate::Rate(dec("21")),
        archived: false,
        updated_at: t0(),
    }
}

#[test]
fn a_client_named_by_any_record_cannot_be_deleted() {
    let mut data = dataset(vec![invoice("i1")]);
    data.clients.push(client("c2"));
    data.clients.push(client("c3"));
    data.contacts.push(ContactEntry {
        id: "k1".into(),
        client_id: "c2".into(),
        invoice_id: None,
        step_id: None,
        date: d(2026, 3, 1),
        channel: Channel::Phone,
        who: "Ana".into(),
        outcome: Outcome::Other,
        note: String::new(),
        updated_at: t0(),
    });
    assert_eq!(
        check_delete(&data, Target::Client("c1")),
        Err(UsageError::InUse(Usage {
            invoices: 1,
            ..Usage::default()
        }))
    );
    assert_eq!(usage(&data, Target::Client("c2")).contacts, 1);
    assert_eq!(check_delete(&data, Target::Client("c3")), Ok(()));
    // A quote alone is enough.
    data.quotes.push(Quote {
        id: "q1".into(),
        series_id: "s-q".into(),
        number: None,
        client_id: "c3".into(),
        po_number: String::new(),
        issue_date: d(2026, 3, 1),
        valid_until: None,
        currency: "EUR".into(),
        lines: Vec::new(),
        withholding_pct: dec("0"),
        invoice_discount_pct: dec("0"),
        early_payment: None,
        payment_method_ids: Vec::new(),
        notes: String::new(),
        state: QuoteState::Draft,
        invoice_id: None,
        updated_at: t0(),
    });
    assert_eq!(usage(&data, Target::Client("c3")).quotes, 1);
}

#[test]
fn a_payment_method_is_named_by_invoices_payments_and_client_preferences() {
    let mut inv = invoice("i1");
    inv.payment_method_ids = vec!["pm-bank".into()];
    let mut data = dataset(vec![inv]);
    data.payment_methods = vec![
        method("pm-bank", PaymentMethodKind::Cash),
        method("pm-cash", PaymentMethodKind::Cash),
        method("pm-pref", PaymentMethodKind::Cash),
        method("pm-free", PaymentMethodKind::DirectDebit { note: "SEPA".into() }),
    ];
    let mut p = payment("p1", "i1", d(2026, 3, 5), "10");
    p.method_id = Some("pm-cash".into());
    // Even a voided payment keeps naming it: it stays on file.
    p.voided = Some(cobro_core::PaymentVoid {
        date: d(2026, 3, 6),
        reason: "x".into(),
        replaced_by: None,
    });
    data.payments.push(p);
    data.clients[0].preferred_payment_method_ids = vec!["pm-pref".into()];
    assert_eq!(usage(&data, Target::Method("pm-bank")).invoices, 1);
    assert_eq!(usage(&data, Target::Method("pm-cash")).payments, 1);
    assert_eq!(usage(&data, Target::Method("pm-pref")).clients, 1);
    assert_eq!(check_delete(&data, Target::Method("pm-free")), Ok(()));
    assert!(check_delete(&data, Target::Method("pm-cash")).is_err());
}

#[test]
fn a_catalogue_item_is_named_by_the_lines_that_came_from_it() {
    let mut inv = invoice("i1");
    inv.lines[0].item_id = Some("it-1".into());
    let mut cn = credit_note("cn1", "i1", vec![line("Ajuste", "1", "1")]);
    cn.lines[0].item_id = Some("it-2".into());
    let mut data = dataset(vec![inv]);
    data.credit_notes.push(cn);
    data.items = vec![item("it-1"), item("it-2"), item("it-3")];
    assert_eq!(usage(&data, Target::Item("it-1")).invoices, 1);
    assert_eq!(usage(&data, Target::Item("it-2")).credit_notes, 1);
    assert_eq!(check_delete(&data, Target::Item("it-3")), Ok(()));
}

#[test]
fn pickers_leave_archived_records_out_but_keep_the_one_already_chosen() {
    let clients = vec![client("a"), client("b").with_archived(true, t0()), client("c")];
    let ids = |v: Vec<&cobro_core::Client>| v.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(pickable(&clients, None)), ["a", "c"]);
    assert_eq!(ids(pickable(&clients, Some("b"))), ["a", "b", "c"]);
    assert_eq!(
        cobro_core::usage::archived(&clients)
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["b"]
    );
}

#[test]
fn the_archived_flag_survives_a_backup_and_old_files_read_as_active() {
    let mut data = dataset(vec![invoice("i1")]);
    data.clients[0].archived = true;
    data.items.push(item("it-1").with_archived(true, t0()));
    data.payment_methods.push(
        method("pm-dd", PaymentMethodKind::DirectDebit { note: "SEPA".into() }).with_archived(true, t0()),
    );
    let text = backup::export(&data, t0(), "test").expect("export");
    let back = backup::parse(&text).expect("parse").data;
    assert!(back.clients[0].archived && back.items[0].archived && back.payment_methods[0].archived);
    assert_eq!(
        back.payment_methods[0].kind,
        PaymentMethodKind::DirectDebit { note: "SEPA".into() }
    );
    // Active records write no flag at all, so files without it read the same.
    let active = dataset(vec![invoice("i1")]);
    let text = backup::export(&active, t0(), "test").expect("export");
    assert!(!text.contains("archived"));
}

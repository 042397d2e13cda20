//! The ledger's remembered balances: always the same answer as computing afresh,
//! and never a stale answer for an invoice that is not the dataset's own record.

use chrono::NaiveDate;
use cobro_core::demo::{self, DemoSpec};
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle;
use rust_decimal::Decimal;

fn data() -> cobro_core::Dataset {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    demo::generate(DemoSpec {
        clients: 8,
        invoices: 200,
        seed: 3,
        today,
    })
}

#[test]
fn remembered_balances_equal_fresh_ones_by_id_and_by_index() {
    let data = data();
    let ledger = Ledger::new(&data);
    for _ in 0..2 {
        for (i, inv) in data.invoices.iter().enumerate() {
            let fresh = lifecycle::balance(inv, ledger.payments_of(&inv.id), ledger.credit_notes_of(&inv.id));
            assert_eq!(ledger.balance(inv), fresh);
            assert_eq!(ledger.balance_of_index(i), Some(fresh));
            assert_eq!(ledger.payments_of_index(i), ledger.payments_of(&inv.id));
            assert_eq!(ledger.invoice_index(&inv.id), Some(i));
        }
    }
    assert_eq!(ledger.balance_of_index(data.invoices.len()), None);
}

#[test]
fn an_edited_copy_is_computed_afresh_not_answered_from_memory() {
    let data = data();
    let ledger = Ledger::new(&data);
    let inv = data.invoices.first().expect("an invoice");
    let before = ledger.balance(inv).expect("balance");
    let mut copy = inv.clone();
    let line = copy.lines.first().cloned().expect("a line");
    copy.lines.push(line);
    let after = ledger.balance(&copy).expect("balance");
    assert!(after.total > before.total, "{} vs {}", after.total, before.total);
    assert_eq!(ledger.balance(inv).expect("balance"), before);
    assert!(before.total > Decimal::ZERO);
}

#[test]
fn payments_of_an_unknown_invoice_are_still_grouped() {
    let mut data = data();
    let mut p = data.payments.first().cloned().expect("a payment");
    p.invoice_id = "missing".into();
    data.payments.push(p);
    let ledger = Ledger::new(&data);
    assert_eq!(ledger.payments_of("missing").len(), 1);
    assert!(ledger.invoice("missing").is_none());
    assert!(ledger.invoice_index("missing").is_none());
}

#[test]
fn steps_of_an_invoice_are_its_steps_in_file_order_even_without_the_invoice() {
    let mut data = data();
    let mut orphan = data.steps.first().cloned().expect("a step");
    orphan.invoice_id = "only-a-step-names-it".into();
    orphan.id = "orphan-step".into();
    data.steps.insert(3, orphan.clone());
    let ledger = Ledger::new(&data);
    for id in data
        .invoices
        .iter()
        .map(|i| i.id.as_str())
        .chain(["only-a-step-names-it", "nothing-names-it"])
    {
        let plain: Vec<&cobro_core::FollowUpStep> =
            data.steps.iter().filter(|s| s.invoice_id == id).collect();
        assert_eq!(ledger.steps_of(id), plain.as_slice(), "{id}");
    }
    assert_eq!(ledger.steps_of("only-a-step-names-it"), [&orphan]);
    assert!(ledger.invoice_index("only-a-step-names-it").is_none());
    assert!(ledger.payments_of("only-a-step-names-it").is_empty());
}

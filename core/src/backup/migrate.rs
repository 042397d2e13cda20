//! Migrations: older backup files brought up to the current format, so a
//! backup made years ago still restores. Each step is a pure function from one
//! version's JSON to the next; [`migrate`] chains them. Golden files of every
//! version live in `core/tests/fixtures/` and are never edited.
//!
//! # Version 0 (pre-release 0.0.x, never published as a schema)
//!
//! The early preview wrote the same envelope without `sha256`, and its data
//! differed from version 1 as follows:
//!
//! * clients were `customers`, with `name`, `nif`, `email`, `phone` (no AP
//!   contact name, billing instructions, PO flag, preferred methods, language,
//!   credit limit or policy); invoices referred to them by `customer_id`;
//! * the profile's tax id was `nif`;
//! * records had no `updated_at` (the export instant is used);
//! * series kept `next` (the counter to use next) per year instead of `last`;
//! * drafts had an empty `number` instead of `null`;
//! * lines had `vat_pct` (a rate; no exemptions, no line discount); invoices
//!   had `irpf_pct` and `sent_on` (always sent by email) and no invoice
//!   discount, early-payment terms, delivery date, receipt or disputes;
//! * payments had no method;
//! * there were no payment methods, catalogue, quotes, credit notes, contacts,
//!   follow-up steps or settings.
//!
//! # Values older versions accepted and this one does not
//!
//! Whatever version wrote a file, its records restore. The input rules added since
//! ([`crate::validity`]: NIF check characters, email syntax, text lengths, IBAN formats,
//! percentages and day counts…) are *kept* on restore and reported one by one as notes
//! ([`ProblemCode::KeptAsIs`](super::ProblemCode::KeptAsIs)): the user corrects them the
//! next time the record is edited, and the forms say where. A value that cannot be kept is
//! *repaired* by [`repair`], without losing anything that meant something, and noted too
//! ([`ProblemCode::Repaired`](super::ProblemCode::Repaired)):
//!
//! * a client's credit limit of zero or less (before 0.2 the client form accepted −500, and
//!   its backup then refused to restore): the limit is removed (none means "no limit", which
//!   is what a negative one amounted to).

use super::{index, Problem, ProblemCode, Repair};
use crate::model::Dataset;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MigrationError {
    #[error("at {path}: {detail}")]
    Malformed { path: String, detail: String },
    #[error("there is no conversion from backup format version {0}")]
    UnknownVersion(u32),
}

fn malformed(path: &str, detail: &str) -> MigrationError {
    MigrationError::Malformed {
        path: path.to_string(),
        detail: detail.to_string(),
    }
}

/// Bring a whole backup document from version `from` to the current version.
pub fn migrate(value: Value, from: u32) -> Result<Value, MigrationError> {
    let mut value = value;
    let mut version = from;
    while version < super::SCHEMA_VERSION {
        value = match version {
            0 => migrate_v0_to_v1(value)?,
            // Version 2 changed how the checksum is computed and the layout, not the data.
            1 => value,
            v => return Err(MigrationError::UnknownVersion(v)),
        };
        version += 1;
    }
    Ok(value)
}

/// Version 0 → 1 (see the module documentation for what changed).
pub fn migrate_v0_to_v1(value: Value) -> Result<Value, MigrationError> {
    let Value::Object(mut top) = value else {
        return Err(malformed("$", "expected an object"));
    };
    let stamp = top
        .get("exported_at")
        .cloned()
        .ok_or_else(|| malformed("$.exported_at", "missing"))?;
    let Some(Value::Object(mut data)) = top.remove("data") else {
        return Err(malformed("$.data", "expected an object"));
    };

    let mut profile = match data.remove("profile") {
        Some(Value::Object(p)) => p,
        None => Map::new(),
        Some(_) => return Err(malformed("$.data.profile", "expected an object")),
    };
    rename(&mut profile, "nif", "tax_id");
    profile.insert("updated_at".into(), stamp.clone());

    let mut clients = take_list(&mut data, "customers")?;
    for c in &mut clients {
        let c = object(c, "$.data.customers[]")?;
        rename(c, "name", "legal_name");
        rename(c, "nif", "tax_id");
        rename(c, "email", "ap_contact_email");
        rename(c, "phone", "ap_contact_phone");
        for (k, v) in [
            ("ap_contact_name", json!("")),
            ("billing_instructions", json!("")),
            ("po_required", json!(false)),
            ("preferred_payment_method_ids", json!([])),
            ("language", json!("es")),
            ("credit_limit", Value::Null),
            ("policy_override", Value::Null),
        ] {
            c.entry(k).or_insert(v);
        }
        c.insert("updated_at".into(), stamp.clone());
    }

    let mut series = take_list(&mut data, "series")?;
    for s in &mut series {
        let s = object(s, "$.data.series[]")?;
        let next = match s.remove("next") {
            Some(Value::Object(m)) => m,
            _ => {
                return Err(malformed(
                    "$.data.series[].next",
                    "expected an object of counters",
                ))
            }
        };
        let mut last = Map::new();
        for (year, n) in next {
            let n = n
                .as_u64()
                .ok_or_else(|| malformed("$.data.series[].next", "expected whole numbers"))?;
            last.insert(year, json!(n.saturating_sub(1)));
        }
        s.insert("last".into(), Value::Object(last));
        s.insert("updated_at".into(), stamp.clone());
    }

    let mut invoices = take_list(&mut data, "invoices")?;
    for inv in &mut invoices {
        let inv = object(inv, "$.data.invoices[]")?;
        rename(inv, "customer_id", "client_id");
        rename(inv, "irpf_pct", "withholding_pct");
        if inv.get("number").and_then(Value::as_str) == Some("") {
            inv.insert("number".into(), Value::Null);
        }
        let sent = match inv.remove("sent_on") {
            Some(Value::Null) | None => Value::Null,
            Some(date) => json!({ "date": date, "channel": "email" }),
        };
        inv.insert("sent".into(), sent);
        if let Some(Value::Array(lines)) = inv.get_mut("lines") {
            for line in lines {
                let line = object(line, "$.data.invoices[].lines[]")?;
                let rate = line.remove("vat_pct").unwrap_or(Value::Null);
                line.insert("vat".into(), json!({ "rate": rate }));
                line.entry("item_id").or_insert(Value::Null);
                line.entry("discount_pct").or_insert(json!("0"));
            }
        }
        for (k, v) in [
            ("delivery_date", Value::Null),
            ("invoice_discount_pct", json!("0")),
            ("early_payment", Value::Null),
            ("payment_method_ids", json!([])),
            ("quote_id", Value::Null),
            ("receipt", Value::Null),
            ("disputes", json!([])),
            ("cancelled_by", Value::Null),
        ] {
            inv.entry(k).or_insert(v);
        }
        inv.insert("updated_at".into(), stamp.clone());
    }

    let mut payments = take_list(&mut data, "payments")?;
    for p in &mut payments {
        let p = object(p, "$.data.payments[]")?;
        p.entry("method_id").or_insert(Value::Null);
        p.insert("updated_at".into(), stamp.clone());
    }

    if let Some(k) = data.keys().next() {
        return Err(malformed(&format!("$.data.{k}"), "not a version 0 field"));
    }
    let data = json!({
        "profile": profile,
        "settings": {},
        "payment_methods": [],
        "series": series,
        "clients": clients,
        "items": [],
        "quotes": [],
        "invoices": invoices,
        "credit_notes": [],
        "payments": payments,
        "contacts": [],
        "steps": [],
    });
    top.insert("schema_version".into(), json!(1));
    top.insert("data".into(), data);
    Ok(Value::Object(top))
}

fn rename(m: &mut Map<String, Value>, from: &str, to: &str) {
    if let Some(v) = m.remove(from) {
        m.insert(to.to_string(), v);
    }
}

fn take_list(data: &mut Map<String, Value>, key: &str) -> Result<Vec<Value>, MigrationError> {
    match data.remove(key) {
        Some(Value::Array(a)) => Ok(a),
        None => Ok(Vec::new()),
        Some(_) => Err(malformed(&format!("$.data.{key}"), "expected a list")),
    }
}

fn object<'v>(v: &'v mut Value, path: &str) -> Result<&'v mut Map<String, Value>, MigrationError> {
    v.as_object_mut()
        .ok_or_else(|| malformed(path, "expected an object"))
}

/// Repair, in place, the values of `data` that older versions accepted and this one cannot
/// keep (see the module documentation), with a note for each, located by its path.
pub fn repair(data: &mut Dataset) -> Vec<Problem> {
    let mut notes = Vec::new();
    for (i, c) in data.clients.iter_mut().enumerate() {
        if let Some(amount) = c.credit_limit.filter(|l| *l <= Decimal::ZERO) {
            c.credit_limit = None;
            notes.push(Problem::new(
                format!("{}.credit_limit", index("$.data.clients", i)),
                ProblemCode::Repaired {
                    repair: Repair::CreditLimitCleared { amount },
                },
            ));
        }
    }
    notes
}

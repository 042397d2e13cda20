//! Registration (*alta*) and cancellation (*anulación*) records from Cobro's documents, written
//! as the XML of `SuministroInformacion.xsd` (`RegistroAlta`, `RegistroAnulacion`), already in
//! canonical form, with their fingerprint chained to the previous record.
//!
//! Amounts follow the Orden: `ImporteTotal` is the base plus VAT (the income-tax withholding is
//! not part of it); a credit note is a corrective invoice *by differences* (`TipoRectificativa`
//! `I`) whose amounts are negative and which names the invoice it corrects.

use super::{date, hash, instant, normalise_nif, xml, System, NS_SF};
use crate::model::{BusinessProfile, Client, CreditNote, Invoice, VatRate};
use crate::tax::{self, Totals};
use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use thiserror::Error;

/// Why a document cannot become a record.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecordError {
    #[error("the document has no number: only issued documents leave a record")]
    NotIssued,
    #[error("the business tax id “{tax_id}” is not a Spanish NIF of 9 characters")]
    IssuerNif { tax_id: String },
    #[error("the amounts cannot be computed: {detail}")]
    Amounts { detail: String },
    #[error("the record cannot be read back: {detail}")]
    Unreadable { detail: String },
}

/// `TipoFactura` (list L2 of the Orden).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceType {
    /// Complete invoice (art. 6, 7.2 and 7.3 of the invoicing regulation).
    F1,
    /// Simplified invoice (no recipient identified).
    F2,
    /// Corrective: art. 80.1, 80.2, 80.6 and errors in law (the default for a credit note).
    R1,
    R2,
    R3,
    /// Corrective: any other ground.
    R4,
    /// Corrective of a simplified invoice.
    R5,
}

impl InvoiceType {
    pub fn code(self) -> &'static str {
        match self {
            Self::F1 => "F1",
            Self::F2 => "F2",
            Self::R1 => "R1",
            Self::R2 => "R2",
            Self::R3 => "R3",
            Self::R4 => "R4",
            Self::R5 => "R5",
        }
    }

    pub fn is_corrective(self) -> bool {
        !matches!(self, Self::F1 | Self::F2)
    }
}

/// Who the invoice is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    pub id: RecipientId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientId {
    Nif(String),
    /// `IDOtro`: country (ISO 3166-1), id type (`02` VAT number, `04` id of the country), id.
    Other {
        country: String,
        kind: &'static str,
        id: String,
    },
}

/// One line of the tax breakdown (`DetalleDesglose`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// `S1` (subject, not exempt) with rate and tax, `N2` (not subject by place of supply),
    /// or an exemption `E1`–`E6`.
    pub qualification: &'static str,
    pub rate: Option<Decimal>,
    pub base: Decimal,
    pub tax: Option<Decimal>,
}

/// An invoice's identity in the records: issuer, number, date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceId {
    pub issuer_nif: String,
    pub number: String,
    pub date: NaiveDate,
}

/// The content of a registration record, before chaining.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alta {
    pub id: InvoiceId,
    pub issuer_name: String,
    pub invoice_type: InvoiceType,
    /// The invoices a corrective one corrects.
    pub corrects: Vec<InvoiceId>,
    pub operation_date: Option<NaiveDate>,
    pub description: String,
    pub recipient: Option<Recipient>,
    pub breakdown: Vec<Detail>,
    pub tax_total: Decimal,
    pub total: Decimal,
}

/// What the chain needs of the record before: its invoice and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    pub id: InvoiceId,
    pub huella: String,
}

/// A record written out: its canonical XML (unsigned) and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub xml: String,
    pub huella: String,
}

/// Amount as the schema writes it: two decimals, a dot, a leading minus when negative.
pub fn amount(d: Decimal) -> String {
    let r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let mut s = format!("{r:.2}");
    if s == "-0.00" {
        s = "0.00".into();
    }
    s
}

fn issuer(profile: &BusinessProfile) -> Result<String, RecordError> {
    let nif = normalise_nif(&profile.tax_id);
    if nif.len() == 9 {
        Ok(nif)
    } else {
        Err(RecordError::IssuerNif {
            tax_id: profile.tax_id.clone(),
        })
    }
}

const EU: [&str; 26] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
    "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "SE",
];

/// The client as a recipient, or `None` when it has no tax id (then the invoice is simplified).
pub fn recipient(client: &Client) -> Option<Recipient> {
    let raw = client.tax_id.trim();
    if raw.is_empty() {
        return None;
    }
    let country = client.address.country.trim().to_ascii_uppercase();
    let name: String = client.legal_name.trim().chars().take(120).collect();
    let id = if country.is_empty() || country == "ES" {
        RecipientId::Nif(normalise_nif(raw))
    } else {
        let kind = if EU.contains(&country.as_str()) {
            "02"
        } else {
            "04"
        };
        RecipientId::Other {
            country,
            kind,
            id: raw.chars().filter(|c| !c.is_whitespace()).take(20).collect(),
        }
    };
    Some(Recipient { name, id })
}

/// The breakdown line of one VAT group, with `sign` applied to the amounts.
fn detail(g: &tax::VatGroup, sign: Decimal) -> Detail {
    match &g.vat {
        VatRate::Rate(r) => Detail {
            qualification: "S1",
            rate: Some(*r),
            base: g.base * sign,
            tax: Some(g.tax * sign),
        },
        VatRate::Exempt(reason) => Detail {
            qualification: exemption(reason),
            rate: None,
            base: g.base * sign,
            tax: None,
        },
    }
}

/// The schema's key for an exemption, from the reason the user printed on the invoice: not
/// subject by the place-of-supply rules (services to a business abroad, reverse charge), or
/// exempt by the article named (20, 21, 22, 24, 25), else "other exemptions".
pub fn exemption(reason: &str) -> &'static str {
    let r = reason.to_lowercase();
    if [
        "no sujet",
        "not subject",
        "sujeto pasivo",
        "reverse",
        "localiz",
        "art. 69",
        "artículo 69",
    ]
    .iter()
    .any(|k| r.contains(k))
    {
        return "N2";
    }
    for (art, key) in [
        ("20", "E1"),
        ("21", "E2"),
        ("22", "E3"),
        ("24", "E4"),
        ("25", "E5"),
    ] {
        let named = r.match_indices(art).any(|(i, _)| {
            !r[..i].ends_with(|c: char| c.is_ascii_digit())
                && !r[i + 2..].starts_with(|c: char| c.is_ascii_digit())
        });
        if named && (r.contains("art") || r.contains("exent") || r.contains("exempt")) {
            return key;
        }
    }
    "E6"
}

fn breakdown(t: &Totals, sign: Decimal) -> (Vec<Detail>, Decimal, Decimal) {
    let details: Vec<Detail> = t.vat.iter().map(|g| detail(g, sign)).collect();
    // ImporteTotal = base + VAT: the withholding is not part of it.
    (details, t.vat_total * sign, (t.base + t.vat_total) * sign)
}

fn description(lines: impl Iterator<Item = String>, fallback: &str) -> String {
    let joined = lines
        .map(|l| l.trim().replace(['\n', '\r'], " "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let d = if joined.is_empty() {
        fallback.to_string()
    } else {
        joined
    };
    d.chars().take(500).collect()
}

/// The registration record of an issued invoice.
pub fn alta_for_invoice(
    inv: &Invoice,
    client: &Client,
    profile: &BusinessProfile,
) -> Result<Alta, RecordError> {
    let number = inv.number.clone().ok_or(RecordError::NotIssued)?;
    let t = tax::invoice_totals(inv).map_err(|e| RecordError::Amounts {
        detail: e.to_string(),
    })?;
    let (breakdown, tax_total, total) = breakdown(&t, Decimal::ONE);
    let recipient = recipient(client);
    Ok(Alta {
        id: InvoiceId {
            issuer_nif: issuer(profile)?,
            number,
            date: inv.issue_date,
        },
        issuer_name: profile.name.trim().chars().take(120).collect(),
        invoice_type: if recipient.is_some() {
            InvoiceType::F1
        } else {
            InvoiceType::F2
        },
        corrects: Vec::new(),
        operation_date: inv.delivery_date.filter(|d| *d != inv.issue_date),
        description: description(
            inv.lines.iter().map(|l| l.description.clone()),
            "Prestación de servicios",
        ),
        recipient,
        breakdown,
        tax_total,
        total,
    })
}

/// The registration record of an issued credit note: a corrective invoice by differences of
/// `original` (R1 by default, R5 when the original was simplified).
pub fn alta_for_credit_note(
    cn: &CreditNote,
    original: &Invoice,
    client: &Client,
    profile: &BusinessProfile,
) -> Result<Alta, RecordError> {
    let number = cn.number.clone().ok_or(RecordError::NotIssued)?;
    let original_number = original.number.clone().ok_or(RecordError::NotIssued)?;
    let t = tax::credit_note_totals(cn).map_err(|e| RecordError::Amounts {
        detail: e.to_string(),
    })?;
    let (breakdown, tax_total, total) = breakdown(&t, Decimal::NEGATIVE_ONE);
    let issuer_nif = issuer(profile)?;
    let recipient = recipient(client);
    Ok(Alta {
        id: InvoiceId {
            issuer_nif: issuer_nif.clone(),
            number,
            date: cn.issue_date,
        },
        issuer_name: profile.name.trim().chars().take(120).collect(),
        invoice_type: if recipient.is_some() {
            InvoiceType::R1
        } else {
            InvoiceType::R5
        },
        corrects: vec![InvoiceId {
            issuer_nif,
            number: original_number,
            date: original.issue_date,
        }],
        operation_date: None,
        description: description(std::iter::once(cn.reason.clone()), "Rectificación"),
        recipient,
        breakdown,
        tax_total,
        total,
    })
}

fn write_previous(w: &mut xml::Writer, previous: Option<&Previous>) {
    w.open("Encadenamiento");
    match previous {
        None => w.leaf("PrimerRegistro", "S"),
        Some(p) => {
            w.open("RegistroAnterior");
            w.leaf("IDEmisorFactura", &p.id.issuer_nif);
            w.leaf("NumSerieFactura", &p.id.number);
            w.leaf("FechaExpedicionFactura", &date(p.id.date));
            w.leaf("Huella", &p.huella);
            w.close("RegistroAnterior");
        }
    }
    w.close("Encadenamiento");
}

/// The registration record as XML, chained after `previous`, generated at `at`.
pub fn render_alta(
    a: &Alta,
    previous: Option<&Previous>,
    system: &System,
    at: &DateTime<FixedOffset>,
) -> Rendered {
    let date_s = date(a.id.date);
    let tax_total = amount(a.tax_total);
    let total = amount(a.total);
    let generated_at = instant(at);
    let huella = hash::alta(&hash::AltaFields {
        issuer_nif: &a.id.issuer_nif,
        number: &a.id.number,
        date: &date_s,
        invoice_type: a.invoice_type.code(),
        tax_total: &tax_total,
        total: &total,
        previous: previous.map_or("", |p| p.huella.as_str()),
        generated_at: &generated_at,
    });
    let mut w = xml::Writer::new("sf");
    w.open_with("RegistroAlta", &[("xmlns:sf", NS_SF)]);
    w.leaf("IDVersion", "1.0");
    w.open("IDFactura");
    w.leaf("IDEmisorFactura", &a.id.issuer_nif);
    w.leaf("NumSerieFactura", &a.id.number);
    w.leaf("FechaExpedicionFactura", &date_s);
    w.close("IDFactura");
    w.leaf("NombreRazonEmisor", &a.issuer_name);
    w.leaf("TipoFactura", a.invoice_type.code());
    if a.invoice_type.is_corrective() {
        w.leaf("TipoRectificativa", "I");
        if !a.corrects.is_empty() {
            w.open("FacturasRectificadas");
            for c in &a.corrects {
                w.open("IDFacturaRectificada");
                w.leaf("IDEmisorFactura", &c.issuer_nif);
                w.leaf("NumSerieFactura", &c.number);
                w.leaf("FechaExpedicionFactura", &date(c.date));
                w.close("IDFacturaRectificada");
            }
            w.close("FacturasRectificadas");
        }
    }
    w.leaf_opt("FechaOperacion", a.operation_date.map(date).as_deref());
    w.leaf("DescripcionOperacion", &a.description);
    if let Some(r) = &a.recipient {
        w.open("Destinatarios");
        w.open("IDDestinatario");
        w.leaf("NombreRazon", &r.name);
        match &r.id {
            RecipientId::Nif(n) => w.leaf("NIF", n),
            RecipientId::Other { country, kind, id } => {
                w.open("IDOtro");
                w.leaf("CodigoPais", country);
                w.leaf("IDType", kind);
                w.leaf("ID", id);
                w.close("IDOtro");
            }
        }
        w.close("IDDestinatario");
        w.close("Destinatarios");
    }
    w.open("Desglose");
    for d in &a.breakdown {
        w.open("DetalleDesglose");
        w.leaf("Impuesto", "01");
        w.leaf("ClaveRegimen", "01");
        if d.qualification.starts_with('E') {
            w.leaf("OperacionExenta", d.qualification);
        } else {
            w.leaf("CalificacionOperacion", d.qualification);
        }
        w.leaf_opt("TipoImpositivo", d.rate.map(amount).as_deref());
        w.leaf("BaseImponibleOimporteNoSujeto", &amount(d.base));
        w.leaf_opt("CuotaRepercutida", d.tax.map(amount).as_deref());
        w.close("DetalleDesglose");
    }
    w.close("Desglose");
    w.leaf("CuotaTotal", &tax_total);
    w.leaf("ImporteTotal", &total);
    write_previous(&mut w, previous);
    system.write(&mut w);
    w.leaf("FechaHoraHusoGenRegistro", &generated_at);
    w.leaf("TipoHuella", "01");
    w.leaf("Huella", &huella);
    w.close("RegistroAlta");
    Rendered { xml: w.out, huella }
}

/// The cancellation record of the invoice `id`, chained after `previous`.
pub fn render_anulacion(
    id: &InvoiceId,
    previous: Option<&Previous>,
    system: &System,
    at: &DateTime<FixedOffset>,
) -> Rendered {
    let date_s = date(id.date);
    let generated_at = instant(at);
    let huella = hash::anulacion(&hash::AnulacionFields {
        issuer_nif: &id.issuer_nif,
        number: &id.number,
        date: &date_s,
        previous: previous.map_or("", |p| p.huella.as_str()),
        generated_at: &generated_at,
    });
    let mut w = xml::Writer::new("sf");
    w.open_with("RegistroAnulacion", &[("xmlns:sf", NS_SF)]);
    w.leaf("IDVersion", "1.0");
    w.open("IDFactura");
    w.leaf("IDEmisorFacturaAnulada", &id.issuer_nif);
    w.leaf("NumSerieFacturaAnulada", &id.number);
    w.leaf("FechaExpedicionFacturaAnulada", &date_s);
    w.close("IDFactura");
    write_previous(&mut w, previous);
    system.write(&mut w);
    w.leaf("FechaHoraHusoGenRegistro", &generated_at);
    w.leaf("TipoHuella", "01");
    w.leaf("Huella", &huella);
    w.close("RegistroAnulacion");
    Rendered { xml: w.out, huella }
}

/// What a stored record says about itself, read back from its XML: enough to chain after it,
/// check its fingerprint, list and total it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub cancellation: bool,
    pub id: InvoiceId,
    pub invoice_type: String,
    pub tax_total: String,
    pub total: String,
    /// The previous record's fingerprint as this one states it (empty for the first).
    pub previous: String,
    /// The previous record's invoice as this one names it.
    pub previous_id: Option<InvoiceId>,
    pub generated_at: String,
    pub huella: String,
}

fn parse_date(s: &str) -> Result<NaiveDate, RecordError> {
    NaiveDate::parse_from_str(s, "%d-%m-%Y").map_err(|_| RecordError::Unreadable {
        detail: format!("date “{s}”"),
    })
}

/// Read a record written by [`render_alta`] or [`render_anulacion`] (signed or not).
pub fn parse(rec: &str) -> Result<Parsed, RecordError> {
    let missing = |what: &str| RecordError::Unreadable {
        detail: format!("no {what}"),
    };
    let cancellation = xml::element(rec, "RegistroAnulacion").is_some();
    let v = |name: &str| xml::value(rec, name).ok_or_else(|| missing(name));
    let (issuer_nif, number, date_s) = if cancellation {
        (
            v("IDEmisorFacturaAnulada")?,
            v("NumSerieFacturaAnulada")?,
            v("FechaExpedicionFacturaAnulada")?,
        )
    } else {
        (
            v("IDEmisorFactura")?,
            v("NumSerieFactura")?,
            v("FechaExpedicionFactura")?,
        )
    };
    let chain = xml::element(rec, "Encadenamiento")
        .map(|e| e.0)
        .ok_or_else(|| missing("Encadenamiento"))?;
    let (previous, previous_id) = match xml::element(chain, "RegistroAnterior") {
        Some((prev, _)) => {
            let pv = |name: &str| xml::value(prev, name).ok_or_else(|| missing(name));
            (
                pv("Huella")?,
                Some(InvoiceId {
                    issuer_nif: pv("IDEmisorFactura")?,
                    number: pv("NumSerieFactura")?,
                    date: parse_date(&pv("FechaExpedicionFactura")?)?,
                }),
            )
        }
        None => (String::new(), None),
    };
    // The record's own fingerprint is the last `Huella` outside the chaining block.
    let after_chain = xml::element(rec, "Encadenamiento").map_or(0, |(e, at)| at + e.len());
    let huella = xml::first(rec, "Huella", after_chain)
        .map(|(h, _)| h)
        .ok_or_else(|| missing("Huella"))?;
    Ok(Parsed {
        cancellation,
        id: InvoiceId {
            issuer_nif,
            number,
            date: parse_date(&date_s)?,
        },
        invoice_type: if cancellation {
            String::new()
        } else {
            v("TipoFactura")?
        },
        tax_total: if cancellation {
            String::new()
        } else {
            v("CuotaTotal")?
        },
        total: if cancellation {
            String::new()
        } else {
            v("ImporteTotal")?
        },
        previous,
        previous_id,
        generated_at: v("FechaHoraHusoGenRegistro")?,
        huella,
    })
}

impl Parsed {
    /// The fingerprint recomputed from the record's own fields.
    pub fn recomputed(&self) -> String {
        let d = date(self.id.date);
        if self.cancellation {
            hash::anulacion(&hash::AnulacionFields {
                issuer_nif: &self.id.issuer_nif,
                number: &self.id.number,
                date: &d,
                previous: &self.previous,
                generated_at: &self.generated_at,
            })
        } else {
            hash::alta(&hash::AltaFields {
                issuer_nif: &self.id.issuer_nif,
                number: &self.id.number,
                date: &d,
                invoice_type: &self.invoice_type,
                tax_total: &self.tax_total,
                total: &self.total,
                previous: &self.previous,
                generated_at: &self.generated_at,
            })
        }
    }

    /// What the next record names as its previous one.
    pub fn as_previous(&self) -> Previous {
        Previous {
            id: self.id.clone(),
            huella: self.huella.clone(),
        }
    }
}

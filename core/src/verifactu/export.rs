//! The files handed to the AEAT on request: the billing records of a period as the submission
//! message of `SuministroLR.xsd` (`RegFactuSistemaFacturacion`, at most 1 000 records each, the
//! limit of the schema), the events of a period, and the summary the export event records.

use super::chain::Entry;
use super::event::{self, EventRef, RecordRef};
use super::record;
use super::{xml, NS_EV, NS_LR, NS_SF};
use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Most records one submission message may hold (`maxOccurs` of `RegistroFactura`).
pub const MAX_PER_FILE: usize = 1000;

/// Who the records are about, and the AEAT's reference when answering a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub nif: String,
    /// `RefRequerimiento` of the AEAT's request, when the file answers one.
    pub request_ref: Option<String>,
}

fn generated_on(xml: &str, tag: &str) -> Option<NaiveDate> {
    let v = xml::value(xml, tag)?;
    DateTime::parse_from_rfc3339(&v).ok().map(|t| t.date_naive())
}

/// Entries generated between `from` and `to` (inclusive, by the date of generation), in chain order.
pub fn in_period(entries: &[Entry], events: bool, from: NaiveDate, to: NaiveDate) -> Vec<&Entry> {
    let tag = if events {
        "FechaHoraHusoGenEvento"
    } else {
        "FechaHoraHusoGenRegistro"
    };
    let mut out: Vec<&Entry> = entries
        .iter()
        .filter(|e| generated_on(&e.xml, tag).is_some_and(|d| d >= from && d <= to))
        .collect();
    out.sort_by(|a, b| a.installation.cmp(&b.installation).then(a.seq.cmp(&b.seq)));
    out
}

/// The submission messages for `records` (already chosen and ordered), 1 000 per file.
pub fn records_files(header: &Header, records: &[&Entry]) -> Vec<String> {
    records
        .chunks(MAX_PER_FILE)
        .map(|chunk| {
            let mut out = String::with_capacity(chunk.len() * 4096 + 512);
            out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.push_str(&format!(
                "<sfLR:RegFactuSistemaFacturacion xmlns:sf=\"{NS_SF}\" xmlns:sfLR=\"{NS_LR}\"><sfLR:Cabecera>"
            ));
            let mut w = xml::Writer::new("sf");
            w.open("ObligadoEmision");
            w.leaf("NombreRazon", &header.name);
            w.leaf("NIF", &header.nif);
            w.close("ObligadoEmision");
            if let Some(r) = &header.request_ref {
                w.open("RemisionRequerimiento");
                w.leaf("RefRequerimiento", r);
                w.close("RemisionRequerimiento");
            }
            out.push_str(&w.out);
            out.push_str("</sfLR:Cabecera>");
            for e in chunk {
                out.push_str("\n<sfLR:RegistroFactura>");
                out.push_str(&e.signed_xml());
                out.push_str("</sfLR:RegistroFactura>");
            }
            out.push_str("\n</sfLR:RegFactuSistemaFacturacion>\n");
            out
        })
        .collect()
}

/// The events of a period, one signed `RegistroEvento` per line inside a wrapper element (the
/// event schema defines no list; each line validates on its own against `EventosSIF.xsd`).
pub fn events_file(events: &[&Entry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<RegistrosEvento xmlns=\"urn:cobro:eventos\" xmlns:sf=\"{NS_EV}\">"
    ));
    for e in events {
        out.push('\n');
        out.push_str(&e.signed_xml());
    }
    out.push_str("\n</RegistrosEvento>\n");
    out
}

/// The `SOAP` envelope around a submission message (what the AEAT's services take).
pub fn soap(message: &str) -> String {
    let body = message
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .unwrap_or(message);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header></soapenv:Header><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>\n"
    )
}

/// The records of each `RegistroFactura` of a submission message (signed, as written).
pub fn split_records(message: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some((el, at)) = xml::element(rest, "RegistroFactura") {
        let inner_start = el.find('>').map_or(0, |i| i + 1);
        let inner_end = el.rfind("</").unwrap_or(el.len());
        out.push(&el[inner_start..inner_end]);
        rest = &rest[at + el.len()..];
    }
    out
}

/// The export event (08) for `records`.
pub fn records_event(
    records: &[&Entry],
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> event::Event {
    let parsed: Vec<record::Parsed> = records
        .iter()
        .filter_map(|e| record::parse(&e.xml).ok())
        .collect();
    let r = |p: &record::Parsed| RecordRef {
        id: p.id.clone(),
        huella: p.huella.clone(),
    };
    let dec = |s: &str| Decimal::from_str(s).unwrap_or_default();
    let altas: Vec<&record::Parsed> = parsed.iter().filter(|p| !p.cancellation).collect();
    event::Event::ExportRecords {
        from,
        to,
        first: parsed.first().map(r),
        last: parsed.last().map(r),
        altas: u32::try_from(altas.len()).unwrap_or(u32::MAX),
        tax_sum: altas.iter().map(|p| dec(&p.tax_total)).sum(),
        total_sum: altas.iter().map(|p| dec(&p.total)).sum(),
        anulaciones: u32::try_from(parsed.len() - altas.len()).unwrap_or(u32::MAX),
    }
}

/// The export event (09) for `events`.
pub fn events_event(
    events: &[&Entry],
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> event::Event {
    let parsed: Vec<EventRef> = events
        .iter()
        .filter_map(|e| event::parse(&e.xml).ok())
        .map(|p| p.as_ref())
        .collect();
    event::Event::ExportEvents {
        from,
        to,
        first: parsed.first().cloned(),
        last: parsed.last().cloned(),
        count: u32::try_from(parsed.len()).unwrap_or(u32::MAX),
    }
}

//! The event log a *no VERI\*FACTU* system keeps (art. 9 of the Orden, `EventosSIF.xsd`):
//! each event is a `RegistroEvento` chained by its own fingerprint to the event before, and
//! signed like the billing records.

use super::record::{amount, InvoiceId, RecordError};
use super::{date, hash, instant, xml, System, NS_EV};
use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;

/// `TipoAnomalia` (list L2E of the event schema) that Cobro's checks can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnomalyType {
    /// 01: a record's fingerprint does not match its content.
    Hash,
    /// 02: a signature does not verify (or is missing).
    Signature,
    /// 04: a record's previous one is missing.
    MissingPrevious,
    /// 08: the "previous fingerprint" a record states is not the previous record's.
    PreviousMismatch,
    /// 11: generated before the record before it.
    DateBeforePrevious,
    /// 13: generated after the system's current time.
    DateInFuture,
    /// 03: anything else about integrity (an unreadable record).
    Other,
}

impl AnomalyType {
    pub fn code(self) -> &'static str {
        match self {
            Self::Hash => "01",
            Self::Signature => "02",
            Self::Other => "03",
            Self::MissingPrevious => "04",
            Self::PreviousMismatch => "08",
            Self::DateBeforePrevious => "11",
            Self::DateInFuture => "13",
        }
    }
}

/// What was checked by an anomaly-detection run, and how many records each check covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckCounts {
    pub hashes: u32,
    pub signatures: u32,
    pub chain: u32,
    pub dates: u32,
}

/// An event record's identity, for another event to name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRef {
    pub event_type: String,
    pub generated_at: String,
    pub huella: String,
}

/// A record at the edge of an exported period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRef {
    pub id: InvoiceId,
    pub huella: String,
}

/// The events Cobro records (TipoEvento).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// 01: the system starts working as *no VERI\*FACTU* on this installation.
    Start,
    /// 03: anomaly detection ran over the billing records.
    CheckedRecords(CheckCounts),
    /// 04: an anomaly in the billing records.
    RecordAnomaly {
        kind: AnomalyType,
        detail: String,
        record: Option<InvoiceId>,
    },
    /// 05: anomaly detection ran over the event records.
    CheckedEvents(CheckCounts),
    /// 06: an anomaly in the event records.
    EventAnomaly {
        kind: AnomalyType,
        detail: String,
        event: Option<EventRef>,
    },
    /// 07: a backup was restored.
    Restore { detail: String },
    /// 08: the billing records of a period were exported.
    ExportRecords {
        from: DateTime<FixedOffset>,
        to: DateTime<FixedOffset>,
        first: Option<RecordRef>,
        last: Option<RecordRef>,
        altas: u32,
        tax_sum: Decimal,
        total_sum: Decimal,
        anulaciones: u32,
    },
    /// 09: the event records of a period were exported.
    ExportEvents {
        from: DateTime<FixedOffset>,
        to: DateTime<FixedOffset>,
        first: Option<EventRef>,
        last: Option<EventRef>,
        count: u32,
    },
}

impl Event {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Start => "01",
            Self::CheckedRecords(_) => "03",
            Self::RecordAnomaly { .. } => "04",
            Self::CheckedEvents(_) => "05",
            Self::EventAnomaly { .. } => "06",
            Self::Restore { .. } => "07",
            Self::ExportRecords { .. } => "08",
            Self::ExportEvents { .. } => "09",
        }
    }
}

/// The taxpayer the events are about (ObligadoEmision).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxpayer {
    pub name: String,
    pub nif: String,
}

fn sn(b: bool) -> &'static str {
    if b {
        "S"
    } else {
        "N"
    }
}

fn event_ref(w: &mut xml::Writer, name: &str, e: &EventRef, at_name: &str) {
    w.open(name);
    w.leaf("TipoEvento", &e.event_type);
    w.leaf(at_name, &e.generated_at);
    w.leaf("HuellaEvento", &e.huella);
    w.close(name);
}

fn record_ref(w: &mut xml::Writer, name: &str, r: &RecordRef) {
    w.open(name);
    w.leaf("IDEmisorFactura", &r.id.issuer_nif);
    w.leaf("NumSerieFactura", &r.id.number);
    w.leaf("FechaExpedicionFactura", &date(r.id.date));
    w.leaf("Huella", &r.huella);
    w.close(name);
}

fn counts(w: &mut xml::Writer, c: &CheckCounts, what: &str, n_what: &str) {
    for (name, n_name, n) in [
        ("IntegridadHuellas", "IntegridadHuellas", c.hashes),
        ("IntegridadFirmas", "IntegridadFirmas", c.signatures),
        ("TrazabilidadCadena", "TrazabilidadCadena", c.chain),
        ("TrazabilidadFechas", "TrazabilidadFechas", c.dates),
    ] {
        w.leaf(&format!("RealizadoProcesoSobre{name}{what}"), sn(n > 0));
        if n > 0 {
            w.leaf(
                &format!("NumeroDe{n_what}ProcesadosSobre{n_name}"),
                &n.to_string(),
            );
        }
    }
}

fn own_data(w: &mut xml::Writer, e: &Event) {
    match e {
        Event::Start | Event::Restore { .. } => {}
        Event::CheckedRecords(c) => {
            w.open("DatosPropiosEvento");
            w.open("LanzamientoProcesoDeteccionAnomaliasRegFacturacion");
            counts(w, c, "RegFacturacion", "RegistrosFacturacion");
            w.close("LanzamientoProcesoDeteccionAnomaliasRegFacturacion");
            w.close("DatosPropiosEvento");
        }
        Event::CheckedEvents(c) => {
            w.open("DatosPropiosEvento");
            w.open("LanzamientoProcesoDeteccionAnomaliasRegEvento");
            counts(w, c, "RegEvento", "RegistrosEvento");
            w.close("LanzamientoProcesoDeteccionAnomaliasRegEvento");
            w.close("DatosPropiosEvento");
        }
        Event::RecordAnomaly { kind, detail, record } => {
            w.open("DatosPropiosEvento");
            w.open("DeteccionAnomaliasRegFacturacion");
            w.leaf("TipoAnomalia", kind.code());
            if !detail.is_empty() {
                w.leaf(
                    "OtrosDatosAnomalia",
                    &detail.chars().take(100).collect::<String>(),
                );
            }
            if let Some(r) = record {
                w.open("RegistroFacturacionAnomalo");
                w.leaf("IDEmisorFactura", &r.issuer_nif);
                w.leaf("NumSerieFactura", &r.number);
                w.leaf("FechaExpedicionFactura", &date(r.date));
                w.close("RegistroFacturacionAnomalo");
            }
            w.close("DeteccionAnomaliasRegFacturacion");
            w.close("DatosPropiosEvento");
        }
        Event::EventAnomaly { kind, detail, event } => {
            w.open("DatosPropiosEvento");
            w.open("DeteccionAnomaliasRegEvento");
            w.leaf("TipoAnomalia", kind.code());
            if !detail.is_empty() {
                w.leaf(
                    "OtrosDatosAnomalia",
                    &detail.chars().take(100).collect::<String>(),
                );
            }
            if let Some(ev) = event {
                event_ref(w, "RegEventoAnomalo", ev, "FechaHoraHusoEvento");
            }
            w.close("DeteccionAnomaliasRegEvento");
            w.close("DatosPropiosEvento");
        }
        Event::ExportRecords {
            from,
            to,
            first,
            last,
            altas,
            tax_sum,
            total_sum,
            anulaciones,
        } => {
            // The schema requires the first and last record: an empty period has no block.
            let (Some(first), Some(last)) = (first, last) else {
                return;
            };
            w.open("DatosPropiosEvento");
            w.open("ExportacionRegFacturacionPeriodo");
            w.leaf("FechaHoraHusoInicioPeriodoExport", &instant(from));
            w.leaf("FechaHoraHusoFinPeriodoExport", &instant(to));
            record_ref(w, "RegistroFacturacionInicialPeriodo", first);
            record_ref(w, "RegistroFacturacionFinalPeriodo", last);
            w.leaf("NumeroDeRegistrosFacturacionAltaExportados", &altas.to_string());
            w.leaf("SumaCuotaTotalAlta", &amount(*tax_sum));
            w.leaf("SumaImporteTotalAlta", &amount(*total_sum));
            w.leaf(
                "NumeroDeRegistrosFacturacionAnulacionExportados",
                &anulaciones.to_string(),
            );
            w.leaf("RegistrosFacturacionExportadosDejanDeConservarse", "N");
            w.close("ExportacionRegFacturacionPeriodo");
            w.close("DatosPropiosEvento");
        }
        Event::ExportEvents {
            from,
            to,
            first,
            last,
            count,
        } => {
            let (Some(first), Some(last)) = (first, last) else {
                return;
            };
            w.open("DatosPropiosEvento");
            w.open("ExportacionRegEventoPeriodo");
            w.leaf("FechaHoraHusoInicioPeriodoExport", &instant(from));
            w.leaf("FechaHoraHusoFinPeriodoExport", &instant(to));
            event_ref(w, "RegistroEventoInicialPeriodo", first, "FechaHoraHusoEvento");
            event_ref(w, "RegistroEventoFinalPeriodo", last, "FechaHoraHusoEvento");
            w.leaf("NumeroDeRegEventoExportados", &count.to_string());
            w.leaf("RegEventoExportadosDejanDeConservarse", "N");
            w.close("ExportacionRegEventoPeriodo");
            w.close("DatosPropiosEvento");
        }
    }
}

/// An event written out: canonical XML (unsigned; the schema requires the signature, which
/// [`super::xades`] adds) and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub xml: String,
    pub huella: String,
}

/// The event as `RegistroEvento` XML, chained after `previous`, generated at `at`.
pub fn render(
    e: &Event,
    previous: Option<&EventRef>,
    system: &System,
    taxpayer: &Taxpayer,
    at: &DateTime<FixedOffset>,
) -> Rendered {
    let generated_at = instant(at);
    let huella = hash::event(&hash::EventFields {
        producer_nif: &system.producer_nif,
        producer_other_id: "",
        system_id: super::SYSTEM_ID,
        version: &system.version,
        installation: &system.installation,
        taxpayer_nif: &taxpayer.nif,
        event_type: e.code(),
        previous: previous.map_or("", |p| p.huella.as_str()),
        generated_at: &generated_at,
    });
    let mut w = xml::Writer::new("sf");
    w.open_with("RegistroEvento", &[("xmlns:sf", NS_EV)]);
    w.leaf("IDVersion", "1.0");
    w.open("Evento");
    system.write(&mut w);
    w.open("ObligadoEmision");
    w.leaf("NombreRazon", &taxpayer.name);
    w.leaf("NIF", &taxpayer.nif);
    w.close("ObligadoEmision");
    w.leaf("FechaHoraHusoGenEvento", &generated_at);
    w.leaf("TipoEvento", e.code());
    own_data(&mut w, e);
    if let Event::Restore { detail } = e {
        if !detail.is_empty() {
            w.leaf("OtrosDatosEvento", &detail.chars().take(100).collect::<String>());
        }
    }
    w.open("Encadenamiento");
    match previous {
        None => w.leaf("PrimerEvento", "S"),
        Some(p) => event_ref(&mut w, "EventoAnterior", p, "FechaHoraHusoGenEvento"),
    }
    w.close("Encadenamiento");
    w.leaf("TipoHuella", "01");
    w.leaf("HuellaEvento", &huella);
    w.close("Evento");
    w.close("RegistroEvento");
    Rendered { xml: w.out, huella }
}

/// What a stored event says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub event_type: String,
    pub generated_at: String,
    pub producer_nif: String,
    pub version: String,
    pub installation: String,
    pub taxpayer_nif: String,
    pub previous: String,
    pub huella: String,
}

/// Read an event written by [`render`] (signed or not).
pub fn parse(ev: &str) -> Result<Parsed, RecordError> {
    let missing = |what: &str| RecordError::Unreadable {
        detail: format!("no {what}"),
    };
    let v = |src: &str, name: &str| xml::value(src, name).ok_or_else(|| missing(name));
    let system = xml::element(ev, "SistemaInformatico")
        .map(|e| e.0)
        .ok_or_else(|| missing("SistemaInformatico"))?;
    let taxpayer = xml::element(ev, "ObligadoEmision")
        .map(|e| e.0)
        .ok_or_else(|| missing("ObligadoEmision"))?;
    let (chain, chain_at) = xml::element(ev, "Encadenamiento").ok_or_else(|| missing("Encadenamiento"))?;
    let previous = xml::element(chain, "EventoAnterior")
        .and_then(|(p, _)| xml::value(p, "HuellaEvento"))
        .unwrap_or_default();
    let huella = xml::first(ev, "HuellaEvento", chain_at + chain.len())
        .map(|(h, _)| h)
        .ok_or_else(|| missing("HuellaEvento"))?;
    Ok(Parsed {
        event_type: v(ev, "TipoEvento")?,
        generated_at: v(ev, "FechaHoraHusoGenEvento")?,
        producer_nif: v(system, "NIF")?,
        version: v(system, "Version")?,
        installation: v(system, "NumeroInstalacion")?,
        taxpayer_nif: v(taxpayer, "NIF")?,
        previous,
        huella,
    })
}

impl Parsed {
    pub fn recomputed(&self) -> String {
        hash::event(&hash::EventFields {
            producer_nif: &self.producer_nif,
            producer_other_id: "",
            system_id: super::SYSTEM_ID,
            version: &self.version,
            installation: &self.installation,
            taxpayer_nif: &self.taxpayer_nif,
            event_type: &self.event_type,
            previous: &self.previous,
            generated_at: &self.generated_at,
        })
    }

    pub fn as_ref(&self) -> EventRef {
        EventRef {
            event_type: self.event_type.clone(),
            generated_at: self.generated_at.clone(),
            huella: self.huella.clone(),
        }
    }
}

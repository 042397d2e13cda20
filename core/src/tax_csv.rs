//! The tax figures as CSV for the accountant, in the two dialects of [`csv_export`]: one file
//! with a period's figures (a row per rate, correction, untaxed base and total, each with the
//! box of the form it goes in), and one with the modelo 347 list of a year.

use crate::csv_export::{push_row, Cell, Dialect};
use crate::model::Lang;
use crate::tax_figures::{Figures130, List347, Place, TaxFigures, Untaxed};
use rust_decimal::Decimal;

/// An amount in cents, as every figure is written ("0.00", not "0").
fn euros(v: Decimal) -> Decimal {
    crate::money::round(v, crate::tax_figures::EUR).unwrap_or(v)
}

fn words(lang: Lang, es: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

/// How an untaxed base is named: its kind and where the client is.
pub fn untaxed_label(kind: Untaxed, place: Place, lang: Lang) -> String {
    let kind = match kind {
        Untaxed::Exempt => words(lang, "Exenta", "Exempt"),
        Untaxed::NotSubject => words(lang, "No sujeta", "Not subject"),
        Untaxed::ReverseCharge => words(lang, "Inversión del sujeto pasivo", "Reverse charge"),
    };
    let place = match place {
        Place::Spain => words(lang, "España", "Spain"),
        Place::Eu => words(lang, "UE", "EU"),
        Place::World => words(lang, "fuera de la UE", "outside the EU"),
    };
    format!("{kind} ({place})")
}

/// A period's figures: `Section, Box, Concept, Rate, Base, Amount`. `f130` adds the modelo 130
/// rows of a quarter.
pub fn figures_csv(f: &TaxFigures, f130: Option<&Figures130>, dialect: Dialect, lang: Lang) -> String {
    let mut out = dialect.start();
    let header = match lang {
        Lang::Es => ["Modelo", "Casilla", "Concepto", "Tipo %", "Base", "Importe"],
        Lang::En => ["Form", "Box", "Concept", "Rate %", "Base", "Amount"],
    };
    push_row(&mut out, &header.map(|h| Cell::Text(h.to_string())), dialect);
    let amount = |v: Decimal| dialect.amount(euros(v), "EUR");
    let rate = |v: Decimal| dialect.number(v);
    let mut row = |form: &str, boxes: &str, concept: String, r: String, base: String, value: String| {
        push_row(
            &mut out,
            &[
                Cell::Text(form.to_string()),
                Cell::Text(boxes.to_string()),
                Cell::Text(concept),
                Cell::Value(r),
                Cell::Value(base),
                Cell::Value(value),
            ],
            dialect,
        );
    };
    for r in &f.rates {
        let boxes = match r.rate.to_string().as_str() {
            "4" => "01-03",
            "10" => "04-06",
            "21" => "07-09",
            _ => "",
        };
        row(
            "303",
            boxes,
            words(lang, "IVA devengado", "VAT charged").to_string(),
            rate(r.rate),
            amount(r.base),
            amount(r.quota),
        );
        if !r.corrections_base.is_zero() || !r.corrections_quota.is_zero() {
            row(
                "303",
                "14-15",
                words(
                    lang,
                    "Rectificaciones (facturas rectificativas)",
                    "Corrections (credit notes)",
                )
                .to_string(),
                rate(r.rate),
                amount(r.corrections_base),
                amount(r.corrections_quota),
            );
        }
    }
    for u in &f.untaxed {
        row(
            "303",
            u.box_303().unwrap_or_default(),
            format!("{}: {}", untaxed_label(u.kind, u.place, lang), u.reason),
            String::new(),
            amount(u.base),
            String::new(),
        );
    }
    row(
        "303",
        "27",
        words(lang, "Total cuota devengada", "Total VAT charged").to_string(),
        String::new(),
        String::new(),
        amount(f.vat),
    );
    row(
        "390",
        "",
        words(
            lang,
            "Volumen de operaciones (todas las bases)",
            "Volume of operations (every base)",
        )
        .to_string(),
        String::new(),
        amount(f.base),
        String::new(),
    );
    row(
        "",
        "",
        words(
            lang,
            "Retenciones IRPF de los clientes",
            "Income tax withheld by clients",
        )
        .to_string(),
        String::new(),
        amount(f.withheld_base),
        amount(f.withholding),
    );
    row(
        "",
        "",
        words(lang, "Total facturado", "Total invoiced").to_string(),
        String::new(),
        String::new(),
        amount(f.total),
    );
    if let Some(m) = f130 {
        row(
            "130",
            "01",
            words(
                lang,
                "Ingresos del año hasta el trimestre",
                "Income of the year to the quarter",
            )
            .to_string(),
            String::new(),
            String::new(),
            amount(m.income),
        );
        row(
            "130",
            "06",
            words(
                lang,
                "Retenciones del año hasta el trimestre",
                "Withholding of the year to the quarter",
            )
            .to_string(),
            String::new(),
            String::new(),
            amount(m.withholding),
        );
    }
    for (currency, count, total) in &f.other_currencies {
        let concept = match lang {
            Lang::Es => format!("No incluidas: {count} en {currency} (convertir a euros)"),
            Lang::En => format!("Not included: {count} in {currency} (convert to euros)"),
        };
        row("", "", concept, String::new(), String::new(), amount(*total));
    }
    out
}

/// The modelo 347 list: `Tax id, Name, Q1, Q2, Q3, Q4, Total`, highest total first.
pub fn list_347_csv(list: &List347, dialect: Dialect, lang: Lang) -> String {
    let mut out = dialect.start();
    let header = match lang {
        Lang::Es => ["NIF", "Cliente", "1T", "2T", "3T", "4T", "Total anual"],
        Lang::En => ["Tax id", "Client", "Q1", "Q2", "Q3", "Q4", "Year total"],
    };
    push_row(&mut out, &header.map(|h| Cell::Text(h.to_string())), dialect);
    for c in &list.clients {
        let [a, b, q3, q4] = c.quarters.map(|q| Cell::Value(dialect.amount(euros(q), "EUR")));
        push_row(
            &mut out,
            &[
                Cell::Text(c.tax_id.clone()),
                Cell::Text(c.name.clone()),
                a,
                b,
                q3,
                q4,
                Cell::Value(dialect.amount(euros(c.total), "EUR")),
            ],
            dialect,
        );
    }
    out
}

//! Strings of the tax figures screen and its printed page, Spanish and English.

use cobro_core::tax_figures::{Place, Quarter, Untaxed};
use cobro_core::Lang;
use rust_decimal::Decimal;

pub struct T {
    pub title: &'static str,
    pub intro: &'static str,
    pub year: &'static str,
    pub quarter: &'static str,
    pub print: &'static str,
    pub vat_title: &'static str,
    pub col_rate: &'static str,
    pub col_base: &'static str,
    pub col_quota: &'static str,
    pub col_box: &'static str,
    pub col_kind: &'static str,
    pub col_reason: &'static str,
    pub col_amount: &'static str,
    pub invoices: &'static str,
    pub corrections: &'static str,
    pub net: &'static str,
    pub untaxed_title: &'static str,
    pub boxes_title: &'static str,
    pub boxes_note: &'static str,
    pub withholding_title: &'static str,
    pub withholding: &'static str,
    pub withheld_base: &'static str,
    pub totals_title: &'static str,
    pub total_base: &'static str,
    pub total_vat: &'static str,
    pub total_invoiced: &'static str,
    /// "{i}" invoices, "{c}" credit notes.
    pub documents_count: &'static str,
    pub m130_title: &'static str,
    pub income_ytd: &'static str,
    pub withholding_ytd: &'static str,
    pub m130_note: &'static str,
    /// "{pct}".
    pub share_note: &'static str,
    pub year_title: &'static str,
    pub volume: &'static str,
    pub m347_title: &'static str,
    pub m347_note: &'static str,
    pub m347_empty: &'static str,
    /// "{w}", "{a}", "{c}", "{b}".
    pub m347_left_out: &'static str,
    pub col_tax_id: &'static str,
    pub col_client: &'static str,
    pub col_total: &'static str,
    pub docs_title: &'static str,
    pub col_number: &'static str,
    pub col_date: &'static str,
    pub col_vat: &'static str,
    pub col_withholding: &'static str,
    pub credit_note: &'static str,
    /// "{n}", "{currency}", "{total}".
    pub other_currency: &'static str,
    pub nothing: &'static str,
    pub csv_title: &'static str,
    pub csv_figures: &'static str,
    pub csv_347: &'static str,
    pub csv_comma: &'static str,
    pub csv_semicolon: &'static str,
    pub disclaimer: &'static str,
    pub link_from_reports: &'static str,
    pub failed: &'static str,
    pub box_names: [(&'static str, &'static str); 16],
}

static ES: T = T {
    title: "Impuestos",
    intro: "Las cifras de tus facturas emitidas y rectificativas, por fecha de emisión, para los modelos 303, 130, 390 y 347.",
    year: "Año",
    quarter: "Trimestre",
    print: "Imprimir",
    vat_title: "IVA devengado (modelo 303)",
    col_rate: "Tipo",
    col_base: "Base imponible",
    col_quota: "Cuota",
    col_box: "Casilla",
    col_kind: "Operación",
    col_reason: "Motivo",
    col_amount: "Importe",
    invoices: "Facturas",
    corrections: "Rectificativas",
    net: "Neto",
    untaxed_title: "Operaciones sin IVA",
    boxes_title: "Casillas del modelo 303",
    boxes_note: "Las rectificativas van en [14] y [15] con su signo. El IVA soportado y la liquidación los completas tú.",
    withholding_title: "Retenciones de IRPF",
    withholding: "Retenido por tus clientes",
    withheld_base: "Base con retención",
    totals_title: "Totales",
    total_base: "Base imponible (todas las operaciones)",
    total_vat: "IVA repercutido",
    total_invoiced: "Total facturado",
    documents_count: "{i} facturas y {c} rectificativas.",
    m130_title: "Modelo 130 (pago fraccionado del IRPF)",
    income_ytd: "Ingresos del año hasta el trimestre",
    withholding_ytd: "Retenciones del año hasta el trimestre",
    m130_note: "Cobro no conoce tus gastos [02] ni los pagos fraccionados anteriores [05]: añádelos tú.",
    share_note: "Este año, el {pct} de tus ingresos ha tenido retención. Si en el año anterior fue al menos el 70 %, no tienes que presentar el modelo 130.",
    year_title: "Resumen del año (modelo 390)",
    volume: "Volumen de operaciones",
    m347_title: "Modelo 347: clientes con más de 3.005,06 € en el año",
    m347_note: "Importes con IVA, por el trimestre de emisión; las rectificativas restan en el suyo.",
    m347_empty: "Ningún cliente supera 3.005,06 € en operaciones que se declaren en el 347.",
    m347_left_out: "Fuera del 347: {w} con retención (el cliente las declara en su modelo 190), {a} con clientes fuera de España, {c} en otras monedas. {b} clientes no llegan al límite.",
    col_tax_id: "NIF",
    col_client: "Cliente",
    col_total: "Total",
    docs_title: "Documentos del periodo",
    col_number: "Número",
    col_date: "Fecha",
    col_vat: "IVA",
    col_withholding: "Retención",
    credit_note: "Rectificativa",
    other_currency: "Documentos en {currency} sin incluir: {n} ({total}). Conviértelos a euros con el cambio de su fecha.",
    nothing: "No hay facturas emitidas en este periodo.",
    csv_title: "CSV para tu gestoría",
    csv_figures: "Cifras del trimestre",
    csv_347: "Lista del 347",
    csv_comma: "coma",
    csv_semicolon: "punto y coma (Excel en español)",
    disclaimer: "Calculado con las facturas emitidas en Cobro. Revisa las cifras antes de presentar cada modelo.",
    link_from_reports: "Impuestos del trimestre (303, 130, 390, 347)",
    failed: "No se pudo descargar",
    box_names: [
        ("01", "Base al 4 %"),
        ("02", "Tipo 4 %"),
        ("03", "Cuota al 4 %"),
        ("04", "Base al 10 %"),
        ("05", "Tipo 10 %"),
        ("06", "Cuota al 10 %"),
        ("07", "Base al 21 %"),
        ("08", "Tipo 21 %"),
        ("09", "Cuota al 21 %"),
        ("14", "Modificación de bases"),
        ("15", "Modificación de cuotas"),
        ("27", "Total cuota devengada"),
        ("59", "Entregas y servicios a otros países de la UE"),
        ("60", "Exportaciones y operaciones asimiladas"),
        ("120", "No sujetas por reglas de localización"),
        ("122", "Con inversión del sujeto pasivo"),
    ],
};

static EN: T = T {
    title: "Taxes",
    intro: "The figures of your issued invoices and credit notes, by issue date, for Spain's forms 303, 130, 390 and 347.",
    year: "Year",
    quarter: "Quarter",
    print: "Print",
    vat_title: "VAT charged (form 303)",
    col_rate: "Rate",
    col_base: "Taxable base",
    col_quota: "VAT",
    col_box: "Box",
    col_kind: "Operation",
    col_reason: "Reason",
    col_amount: "Amount",
    invoices: "Invoices",
    corrections: "Credit notes",
    net: "Net",
    untaxed_title: "Operations without VAT",
    boxes_title: "Boxes of form 303",
    boxes_note: "Credit notes go in [14] and [15] with their sign. Deductible VAT and the result are yours to add.",
    withholding_title: "Income tax withheld (IRPF)",
    withholding: "Withheld by your clients",
    withheld_base: "Base with withholding",
    totals_title: "Totals",
    total_base: "Taxable base (every operation)",
    total_vat: "VAT charged",
    total_invoiced: "Total invoiced",
    documents_count: "{i} invoices and {c} credit notes.",
    m130_title: "Form 130 (income-tax instalment)",
    income_ytd: "Income of the year to the quarter",
    withholding_ytd: "Withholding of the year to the quarter",
    m130_note: "Cobro does not know your expenses [02] or earlier instalments [05]: add them yourself.",
    share_note: "This year {pct} of your income had withholding. If it was at least 70% last year, you need not file form 130.",
    year_title: "The year (form 390)",
    volume: "Volume of operations",
    m347_title: "Form 347: clients above €3,005.06 in the year",
    m347_note: "Amounts with VAT, by the quarter of issue; credit notes take off in theirs.",
    m347_empty: "No client goes above €3,005.06 in operations form 347 lists.",
    m347_left_out: "Not in form 347: {w} with withholding (the client reports them in its form 190), {a} with clients outside Spain, {c} in other currencies. {b} clients stay under the limit.",
    col_tax_id: "Tax id",
    col_client: "Client",
    col_total: "Total",
    docs_title: "Documents of the period",
    col_number: "Number",
    col_date: "Date",
    col_vat: "VAT",
    col_withholding: "Withholding",
    credit_note: "Credit note",
    other_currency: "Documents in {currency} not included: {n} ({total}). Convert them to euros at their date's rate.",
    nothing: "No invoices issued in this period.",
    csv_title: "CSV for your accountant",
    csv_figures: "The quarter's figures",
    csv_347: "The 347 list",
    csv_comma: "comma",
    csv_semicolon: "semicolon (Spanish Excel)",
    disclaimer: "Worked out from the invoices issued in Cobro. Check the figures before filing each form.",
    link_from_reports: "The quarter's taxes (303, 130, 390, 347)",
    failed: "Could not download",
    box_names: [
        ("01", "Base at 4%"),
        ("02", "Rate 4%"),
        ("03", "VAT at 4%"),
        ("04", "Base at 10%"),
        ("05", "Rate 10%"),
        ("06", "VAT at 10%"),
        ("07", "Base at 21%"),
        ("08", "Rate 21%"),
        ("09", "VAT at 21%"),
        ("14", "Changes to bases"),
        ("15", "Changes to VAT"),
        ("27", "Total VAT charged"),
        ("59", "Supplies to other EU countries"),
        ("60", "Exports and similar"),
        ("120", "Not subject by place-of-supply rules"),
        ("122", "Reverse charge"),
    ],
};

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

impl T {
    /// What a box of modelo 303 holds.
    pub fn box_name(&self, number: &str) -> &'static str {
        self.box_names
            .iter()
            .find(|(n, _)| *n == number)
            .map_or("", |(_, name)| name)
    }
}

/// "1T 2027" / "Q1 2027".
pub fn quarter(q: Quarter, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("{}T {}", q.q, q.year),
        Lang::En => format!("Q{} {}", q.q, q.year),
    }
}

/// An amount in euros as the reader of `lang` writes it.
pub fn eur(v: Decimal, lang: Lang) -> String {
    cobro_core::money::format_amount(v, "EUR", lang)
}

/// A percentage as the reader of `lang` writes it ("21 %", "31,3 %"; "21%", "31.3%").
pub fn pct(v: Decimal, lang: Lang) -> String {
    cobro_core::locale::percent(v, 2, lang)
}

/// The kind and place of untaxed operations in words.
pub fn untaxed(kind: Untaxed, place: Place, lang: Lang) -> String {
    cobro_core::tax_csv::untaxed_label(kind, place, lang)
}

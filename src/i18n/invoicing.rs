//! Strings of the invoicing screens (first run, clients, invoices, quotes,
//! settings), Spanish and English, and the plain-words versions of the core's
//! refusals that these screens show (the core's own `Display` is English only).

use chrono::NaiveDate;
use cobro_core::lifecycle::{DraftProblem, InvoiceStatus, LifecycleError};
use cobro_core::money::MoneyError;
use cobro_core::numbering::SeriesEditError;
use cobro_core::payment_info::{BicError, IbanError};
use cobro_core::{Lang, QuoteState};

pub struct T {
    // First run
    pub fr_title: &'static str,
    pub fr_intro: &'static str,
    pub fr_business: &'static str,
    pub fr_payment: &'static str,
    pub fr_start: &'static str,
    pub fr_or: &'static str,
    pub load_demo: &'static str,
    pub loading_demo: &'static str,
    pub restore_backup: &'static str,
    // Identity fields
    pub business_name: &'static str,
    pub tax_id: &'static str,
    pub street: &'static str,
    pub postal_code: &'static str,
    pub city: &'static str,
    pub region: &'static str,
    pub country: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub iban: &'static str,
    pub bic: &'static str,
    pub holder: &'static str,
    pub bank: &'static str,
    pub method_label: &'static str,
    pub bank_transfer: &'static str,
    pub name_required: &'static str,
    pub legal_name_required: &'static str,
    // Common
    pub save: &'static str,
    pub cancel: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub search: &'static str,
    pub none_found: &'static str,
    pub all: &'static str,
    pub back: &'static str,
    pub not_found: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    // Clients
    pub new_client: &'static str,
    pub client: &'static str,
    pub clients_edit_title: &'static str,
    pub clients_new_title: &'static str,
    pub legal_name: &'static str,
    pub ap_contact_name: &'static str,
    pub ap_contact_email: &'static str,
    pub ap_contact_phone: &'static str,
    pub billing_instructions: &'static str,
    pub po_required: &'static str,
    pub payment_terms_days: &'static str,
    pub currency: &'static str,
    pub language: &'static str,
    pub credit_limit: &'static str,
    pub notes: &'static str,
    pub outstanding: &'static str,
    pub overdue: &'static str,
    pub avg_days_to_pay: &'static str,
    pub days: &'static str,
    pub payments: &'static str,
    pub contacts: &'static str,
    pub quotes: &'static str,
    pub invoices: &'static str,
    pub nothing_yet: &'static str,
    // Invoice editor
    pub new_invoice: &'static str,
    pub edit_invoice: &'static str,
    pub choose_client: &'static str,
    pub po_number: &'static str,
    pub po_required_hint: &'static str,
    pub client_instructions: &'static str,
    pub issue_date: &'static str,
    pub delivery_date: &'static str,
    pub due_date: &'static str,
    pub lines: &'static str,
    pub line: &'static str,
    pub description: &'static str,
    pub quantity: &'static str,
    pub unit_price: &'static str,
    pub discount_pct: &'static str,
    pub vat: &'static str,
    pub exempt: &'static str,
    pub exempt_reason: &'static str,
    pub add_line: &'static str,
    pub remove_line: &'static str,
    pub catalogue_item: &'static str,
    pub no_item: &'static str,
    pub withholding_pct: &'static str,
    pub invoice_discount_pct: &'static str,
    pub early_payment: &'static str,
    pub early_pct: &'static str,
    pub early_days: &'static str,
    pub payment_methods: &'static str,
    pub issue: &'static str,
    pub draft_saved: &'static str,
    pub draft_not_saved: &'static str,
    pub need_client: &'static str,
    pub need_series: &'static str,
    pub need_issue_date: &'static str,
    pub need_due_date: &'static str,
    pub need_exempt_reason: &'static str,
    pub locked: &'static str,
    // Totals
    pub gross: &'static str,
    pub discount: &'static str,
    pub base: &'static str,
    pub vat_total: &'static str,
    pub withholding: &'static str,
    pub total: &'static str,
    pub amount: &'static str,
    // Invoice view
    pub invoice: &'static str,
    pub draft: &'static str,
    pub number: &'static str,
    pub seller: &'static str,
    pub buyer: &'static str,
    pub print: &'static str,
    pub terms: &'static str,
    pub payment_instructions: &'static str,
    pub reference: &'static str,
    pub qr_label: &'static str,
    pub credit_note: &'static str,
    pub credit_reason: &'static str,
    pub credit_confirm: &'static str,
    pub credit_notes: &'static str,
    pub cancelled_by: &'static str,
    pub status: &'static str,
    pub card_link: &'static str,
    pub paypal: &'static str,
    pub bizum: &'static str,
    pub cash: &'static str,
    pub direct_debit: &'static str,
    pub other: &'static str,
    // Lists
    pub shown_total: &'static str,
    pub text_filter: &'static str,
    pub invoices_empty: &'static str,
    pub show_more: &'static str,
    // Quotes
    pub new_quote: &'static str,
    pub quote: &'static str,
    pub valid_until: &'static str,
    pub send: &'static str,
    pub accept: &'static str,
    pub reject: &'static str,
    pub to_invoice: &'static str,
    pub open_invoice: &'static str,
    pub quotes_empty: &'static str,
    // Settings
    pub profile: &'static str,
    pub defaults: &'static str,
    pub default_currency: &'static str,
    pub default_terms: &'static str,
    pub default_vat: &'static str,
    pub default_withholding: &'static str,
    pub policy: &'static str,
    pub receipt_check_after_send: &'static str,
    pub pre_due_before_due: &'static str,
    pub due_day_reminder: &'static str,
    pub reminders_after_due: &'static str,
    pub formal_letter_after_due: &'static str,
    pub escalation_after_due: &'static str,
    pub promise_check_after: &'static str,
    pub shift_weekends: &'static str,
    pub add_method: &'static str,
    pub kind: &'static str,
    pub detail: &'static str,
    pub not_a_whole_number: &'static str,
    // Catalogue (settings)
    pub catalogue: &'static str,
    pub catalogue_empty: &'static str,
    pub add_item: &'static str,
    pub edit_item: &'static str,
    pub item_name: &'static str,
    pub item_name_required: &'static str,
    pub item_deleted: &'static str,
    // Business logo (settings, document)
    pub logo: &'static str,
    pub logo_remove: &'static str,
    pub logo_too_big: &'static str,
    pub logo_wrong_type: &'static str,
    pub logo_unreadable: &'static str,
    // Invoice list: date range and sort
    pub date_from: &'static str,
    pub date_to: &'static str,
    pub sort_by: &'static str,
    pub sort_number: &'static str,
    pub sort_oldest: &'static str,
    pub sort_amount: &'static str,
    pub sort_client: &'static str,
    // Partial credit note
    pub credit_partial: &'static str,
    pub credit_qty: &'static str,
    pub credit_partial_confirm: &'static str,
    pub credit_nothing: &'static str,
    pub credit_qty_range: &'static str,
    // Numbering series (settings)
    pub numbering: &'static str,
    pub numbering_intro: &'static str,
    pub series_invoices: &'static str,
    pub series_credit_notes: &'static str,
    pub series_quotes: &'static str,
    pub series_prefix: &'static str,
    pub series_include_year: &'static str,
    pub series_separator: &'static str,
    pub series_digits: &'static str,
    pub series_yearly_reset: &'static str,
    pub series_next: &'static str,
    pub series_preview: &'static str,
    pub series_locked: &'static str,
    pub series_whole: &'static str,
}

static ES: T = T {
    fr_title: "Bienvenido a Cobro",
    fr_intro: "Cuatro datos de tu negocio y cómo te pagan. Todo se queda en este navegador.",
    fr_business: "Tu negocio",
    fr_payment: "Cobro por transferencia",
    fr_start: "Empezar",
    fr_or: "¿Solo quieres probar, o ya usabas Cobro?",
    load_demo: "Cargar datos de ejemplo",
    loading_demo: "Cargando datos de ejemplo…",
    restore_backup: "Restaurar una copia de seguridad",
    business_name: "Nombre o razón social",
    tax_id: "NIF / CIF",
    street: "Dirección",
    postal_code: "Código postal",
    city: "Ciudad",
    region: "Provincia",
    country: "País (código, p. ej. ES)",
    email: "Correo electrónico",
    phone: "Teléfono",
    iban: "IBAN",
    bic: "BIC (opcional)",
    holder: "Titular de la cuenta",
    bank: "Banco",
    method_label: "Nombre de la forma de pago",
    bank_transfer: "Transferencia bancaria",
    name_required: "Falta el nombre o razón social de tu negocio.",
    legal_name_required: "Falta la razón social del cliente.",
    save: "Guardar",
    cancel: "Cancelar",
    edit: "Editar",
    delete: "Eliminar",
    saving: "Guardando…",
    saved: "Guardado.",
    search: "Buscar",
    none_found: "No hay resultados.",
    all: "Todas",
    back: "Volver",
    not_found: "No se ha encontrado. Puede que se haya borrado en otra pestaña.",
    yes: "Sí",
    no: "No",
    new_client: "Nuevo cliente",
    client: "Cliente",
    clients_edit_title: "Editar cliente",
    clients_new_title: "Nuevo cliente",
    legal_name: "Razón social",
    ap_contact_name: "Contacto de cuentas a pagar",
    ap_contact_email: "Correo del contacto",
    ap_contact_phone: "Teléfono del contacto",
    billing_instructions: "Instrucciones de facturación (portal, correo, referencia…)",
    po_required: "Exige número de pedido (PO) en cada factura",
    payment_terms_days: "Plazo de pago (días)",
    currency: "Moneda",
    language: "Idioma",
    credit_limit: "Límite de crédito (opcional)",
    notes: "Notas",
    outstanding: "Pendiente",
    overdue: "Vencido",
    avg_days_to_pay: "Días medios de pago",
    days: "días",
    payments: "Pagos",
    contacts: "Contactos",
    quotes: "Presupuestos",
    invoices: "Facturas",
    nothing_yet: "Nada todavía.",
    new_invoice: "Nueva factura",
    edit_invoice: "Borrador de factura",
    choose_client: "Elige un cliente",
    po_number: "Número de pedido (PO)",
    po_required_hint: "Este cliente exige número de pedido (PO).",
    client_instructions: "Instrucciones del cliente",
    issue_date: "Fecha de emisión",
    delivery_date: "Fecha de entrega (si es distinta)",
    due_date: "Vencimiento",
    lines: "Conceptos",
    line: "Línea",
    description: "Descripción",
    quantity: "Cantidad",
    unit_price: "Precio unitario",
    discount_pct: "Dto. %",
    vat: "IVA",
    exempt: "Exento",
    exempt_reason: "Motivo de la exención",
    add_line: "Añadir concepto",
    remove_line: "Quitar concepto",
    catalogue_item: "Del catálogo",
    no_item: "—",
    withholding_pct: "Retención IRPF %",
    invoice_discount_pct: "Descuento de la factura %",
    early_payment: "Descuento por pronto pago",
    early_pct: "Descuento %",
    early_days: "si paga en (días)",
    payment_methods: "Formas de pago que se muestran",
    issue: "Emitir factura",
    draft_saved: "Borrador guardado.",
    draft_not_saved: "No se ha guardado:",
    need_client: "Elige el cliente de la factura.",
    need_series: "Falta la serie de numeración: configúrala en Ajustes.",
    need_issue_date: "Falta la fecha de emisión (o no es una fecha válida).",
    need_due_date: "Falta la fecha de vencimiento (o no es una fecha válida).",
    need_exempt_reason: "indica el motivo de la exención de IVA",
    locked: "Esta factura ya está emitida y no se puede editar; corrígela con una factura rectificativa.",
    gross: "Suma de conceptos",
    discount: "Descuento",
    base: "Base imponible",
    vat_total: "Total IVA",
    withholding: "Retención IRPF",
    total: "Total",
    amount: "Importe",
    invoice: "Factura",
    draft: "Borrador",
    number: "Número",
    seller: "Emisor",
    buyer: "Cliente",
    print: "Imprimir / Guardar como PDF",
    terms: "Condiciones de pago",
    payment_instructions: "Cómo pagar",
    reference: "Indique como referencia",
    qr_label: "Código QR para pagar por transferencia desde la app del banco",
    credit_note: "Anular con factura rectificativa",
    credit_reason: "Motivo de la rectificación",
    credit_confirm: "Emitir factura rectificativa",
    credit_notes: "Facturas rectificativas",
    cancelled_by: "Anulada por la factura rectificativa",
    status: "Estado",
    card_link: "Pago con tarjeta",
    paypal: "PayPal",
    bizum: "Bizum",
    cash: "Efectivo",
    direct_debit: "Domiciliación",
    other: "Otra",
    shown_total: "Total de lo mostrado",
    text_filter: "Buscar (número, cliente, PO)",
    invoices_empty: "Todavía no hay facturas.",
    show_more: "Mostrar más",
    new_quote: "Nuevo presupuesto",
    quote: "Presupuesto",
    valid_until: "Válido hasta",
    send: "Marcar como enviado",
    accept: "Aceptado",
    reject: "Rechazado",
    to_invoice: "Crear borrador de factura",
    open_invoice: "Ver la factura",
    quotes_empty: "Todavía no hay presupuestos.",
    profile: "Tu negocio",
    defaults: "Valores por defecto",
    default_currency: "Moneda",
    default_terms: "Plazo de pago (días)",
    default_vat: "IVA",
    default_withholding: "Retención IRPF %",
    policy: "Política de cobro (días)",
    receipt_check_after_send: "Comprobar recepción tras el envío",
    pre_due_before_due: "Aviso antes del vencimiento",
    due_day_reminder: "Recordatorio el día del vencimiento",
    reminders_after_due: "Recordatorios tras el vencimiento (separados por comas)",
    formal_letter_after_due: "Carta formal tras el vencimiento",
    escalation_after_due: "Negociar o reclamar tras el vencimiento",
    promise_check_after: "Comprobar una promesa de pago tras la fecha",
    shift_weekends: "Pasar al lunes lo que caiga en fin de semana",
    add_method: "Añadir forma de pago",
    kind: "Tipo",
    detail: "Dato (URL, correo, teléfono o texto)",
    not_a_whole_number: "debe ser un número entero de días",
    catalogue: "Catálogo",
    catalogue_empty: "Aún no hay conceptos en el catálogo.",
    add_item: "Añadir concepto al catálogo",
    edit_item: "Editar concepto",
    item_name: "Nombre del concepto",
    item_name_required: "Falta el nombre del concepto.",
    item_deleted: "Concepto eliminado del catálogo.",
    logo: "Logotipo (PNG, JPEG o SVG, máx. 200 KB)",
    logo_remove: "Quitar el logotipo",
    logo_too_big: "El logotipo pesa demasiado: el máximo son 200 KB.",
    logo_wrong_type: "El logotipo debe ser una imagen PNG, JPEG o SVG.",
    logo_unreadable: "No se ha podido leer el archivo del logotipo.",
    date_from: "Emitidas desde",
    date_to: "Emitidas hasta",
    sort_by: "Ordenar por",
    sort_number: "Fecha, más recientes primero",
    sort_oldest: "Fecha, más antiguas primero",
    sort_amount: "Importe, de mayor a menor",
    sort_client: "Cliente, de la A a la Z",
    credit_partial: "Corregir con una factura rectificativa",
    credit_qty: "Cantidad a rectificar",
    credit_partial_confirm: "Emitir rectificativa parcial",
    credit_nothing: "Indique al menos una cantidad a rectificar.",
    credit_qty_range: "Cada cantidad a rectificar debe estar entre 0 y la cantidad facturada.",
    numbering: "Numeración",
    numbering_intro: "Cómo se numeran tus documentos. Si vienes de otra herramienta, indica el siguiente número para seguir la misma serie sin saltos.",
    series_invoices: "Facturas",
    series_credit_notes: "Facturas rectificativas",
    series_quotes: "Presupuestos",
    series_prefix: "Prefijo",
    series_include_year: "Incluir el año",
    series_separator: "Separador",
    series_digits: "Cifras del contador",
    series_yearly_reset: "Empezar por 1 cada año",
    series_next: "Siguiente número este año",
    series_preview: "El siguiente será",
    series_locked: "Ya hay documentos con esta serie: su formato no puede cambiar.",
    series_whole: "debe ser un número entero, como 1 o 43",
};

static EN: T = T {
    fr_title: "Welcome to Cobro",
    fr_intro: "A few details of your business and how you get paid. Everything stays in this browser.",
    fr_business: "Your business",
    fr_payment: "Payment by bank transfer",
    fr_start: "Start",
    fr_or: "Just trying it out, or already used Cobro?",
    load_demo: "Load demo data",
    loading_demo: "Loading demo data…",
    restore_backup: "Restore a backup",
    business_name: "Business or legal name",
    tax_id: "Tax ID",
    street: "Address",
    postal_code: "Postal code",
    city: "City",
    region: "Region",
    country: "Country (code, e.g. ES)",
    email: "Email",
    phone: "Phone",
    iban: "IBAN",
    bic: "BIC (optional)",
    holder: "Account holder",
    bank: "Bank",
    method_label: "Name of this payment method",
    bank_transfer: "Bank transfer",
    name_required: "Your business name is missing.",
    legal_name_required: "The client's legal name is missing.",
    save: "Save",
    cancel: "Cancel",
    edit: "Edit",
    delete: "Delete",
    saving: "Saving…",
    saved: "Saved.",
    search: "Search",
    none_found: "Nothing found.",
    all: "All",
    back: "Back",
    not_found: "Not found. It may have been deleted in another tab.",
    yes: "Yes",
    no: "No",
    new_client: "New client",
    client: "Client",
    clients_edit_title: "Edit client",
    clients_new_title: "New client",
    legal_name: "Legal name",
    ap_contact_name: "Accounts-payable contact",
    ap_contact_email: "Contact email",
    ap_contact_phone: "Contact phone",
    billing_instructions: "Billing instructions (portal, email, reference…)",
    po_required: "Requires a purchase-order (PO) number on every invoice",
    payment_terms_days: "Payment terms (days)",
    currency: "Currency",
    language: "Language",
    credit_limit: "Credit limit (optional)",
    notes: "Notes",
    outstanding: "Outstanding",
    overdue: "Overdue",
    avg_days_to_pay: "Average days to pay",
    days: "days",
    payments: "Payments",
    contacts: "Contacts",
    quotes: "Quotes",
    invoices: "Invoices",
    nothing_yet: "Nothing yet.",
    new_invoice: "New invoice",
    edit_invoice: "Draft invoice",
    choose_client: "Choose a client",
    po_number: "Purchase order (PO) number",
    po_required_hint: "This client requires a purchase-order (PO) number.",
    client_instructions: "Client's instructions",
    issue_date: "Issue date",
    delivery_date: "Delivery date (if different)",
    due_date: "Due date",
    lines: "Lines",
    line: "Line",
    description: "Description",
    quantity: "Quantity",
    unit_price: "Unit price",
    discount_pct: "Disc. %",
    vat: "VAT",
    exempt: "Exempt",
    exempt_reason: "Reason for the exemption",
    add_line: "Add line",
    remove_line: "Remove line",
    catalogue_item: "From the catalogue",
    no_item: "—",
    withholding_pct: "Income-tax withholding %",
    invoice_discount_pct: "Invoice discount %",
    early_payment: "Early-payment discount",
    early_pct: "Discount %",
    early_days: "if paid within (days)",
    payment_methods: "Payment methods shown",
    issue: "Issue invoice",
    draft_saved: "Draft saved.",
    draft_not_saved: "Not saved:",
    need_client: "Choose the invoice's client.",
    need_series: "The numbering series is missing: set it up in Settings.",
    need_issue_date: "The issue date is missing (or not a valid date).",
    need_due_date: "The due date is missing (or not a valid date).",
    need_exempt_reason: "give the reason for the VAT exemption",
    locked: "This invoice is issued and cannot be edited; correct it with a credit note.",
    gross: "Sum of lines",
    discount: "Discount",
    base: "Taxable base",
    vat_total: "Total VAT",
    withholding: "Income-tax withholding",
    total: "Total",
    amount: "Amount",
    invoice: "Invoice",
    draft: "Draft",
    number: "Number",
    seller: "From",
    buyer: "Bill to",
    print: "Print / Save as PDF",
    terms: "Payment terms",
    payment_instructions: "How to pay",
    reference: "Please quote as reference",
    qr_label: "QR code to pay by bank transfer from a banking app",
    credit_note: "Cancel with a credit note",
    credit_reason: "Reason for the credit note",
    credit_confirm: "Issue credit note",
    credit_notes: "Credit notes",
    cancelled_by: "Cancelled by credit note",
    status: "Status",
    card_link: "Card payment",
    paypal: "PayPal",
    bizum: "Bizum",
    cash: "Cash",
    direct_debit: "Direct debit",
    other: "Other",
    shown_total: "Total of what is shown",
    text_filter: "Search (number, client, PO)",
    invoices_empty: "No invoices yet.",
    show_more: "Show more",
    new_quote: "New quote",
    quote: "Quote",
    valid_until: "Valid until",
    send: "Mark as sent",
    accept: "Accepted",
    reject: "Rejected",
    to_invoice: "Create invoice draft",
    open_invoice: "Open the invoice",
    quotes_empty: "No quotes yet.",
    profile: "Your business",
    defaults: "Defaults",
    default_currency: "Currency",
    default_terms: "Payment terms (days)",
    default_vat: "VAT",
    default_withholding: "Income-tax withholding %",
    policy: "Collection policy (days)",
    receipt_check_after_send: "Check receipt after sending",
    pre_due_before_due: "Contact before the due date",
    due_day_reminder: "Reminder on the due day",
    reminders_after_due: "Reminders after the due date (comma-separated)",
    formal_letter_after_due: "Formal letter after the due date",
    escalation_after_due: "Negotiate or go legal after the due date",
    promise_check_after: "Check a promise to pay after its date",
    shift_weekends: "Move weekend steps to Monday",
    add_method: "Add payment method",
    kind: "Kind",
    detail: "Detail (URL, email, phone or text)",
    not_a_whole_number: "must be a whole number of days",
    catalogue: "Catalogue",
    catalogue_empty: "No items in the catalogue yet.",
    add_item: "Add an item to the catalogue",
    edit_item: "Edit item",
    item_name: "Item name",
    item_name_required: "The item name is missing.",
    item_deleted: "Item removed from the catalogue.",
    logo: "Logo (PNG, JPEG or SVG, max. 200 KB)",
    logo_remove: "Remove logo",
    logo_too_big: "The logo is too large: the maximum is 200 KB.",
    logo_wrong_type: "The logo must be a PNG, JPEG or SVG image.",
    logo_unreadable: "The logo file could not be read.",
    date_from: "Issued from",
    date_to: "Issued to",
    sort_by: "Sort by",
    sort_number: "Date, newest first",
    sort_oldest: "Date, oldest first",
    sort_amount: "Amount, high to low",
    sort_client: "Client, A to Z",
    credit_partial: "Correct with a credit note",
    credit_qty: "Quantity to credit",
    credit_partial_confirm: "Issue partial credit note",
    credit_nothing: "Enter at least one quantity to credit.",
    credit_qty_range: "Each quantity to credit must be between 0 and the invoiced quantity.",
    numbering: "Numbering",
    numbering_intro: "How your documents are numbered. Coming from another tool? Enter the next number to continue the same series with no gap.",
    series_invoices: "Invoices",
    series_credit_notes: "Credit notes",
    series_quotes: "Quotes",
    series_prefix: "Prefix",
    series_include_year: "Include the year",
    series_separator: "Separator",
    series_digits: "Counter digits",
    series_yearly_reset: "Start again at 1 every year",
    series_next: "Next number this year",
    series_preview: "The next one will be",
    series_locked: "Documents already use this series: its format can no longer change.",
    series_whole: "must be a whole number, like 1 or 43",
};

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

/// A date as printed on screens and documents (the reminders' wording writes it the same way).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    cobro_core::reminder_text::format_date(d, lang)
}

/// The name of an invoice status.
pub fn status(s: InvoiceStatus, lang: Lang) -> &'static str {
    use InvoiceStatus as S;
    match (lang, s) {
        (Lang::Es, S::Draft) => "Borrador",
        (Lang::Es, S::Issued) => "Emitida",
        (Lang::Es, S::Sent) => "Enviada",
        (Lang::Es, S::ReceiptConfirmed) => "Recepción confirmada",
        (Lang::Es, S::PartiallyPaid) => "Cobrada en parte",
        (Lang::Es, S::Paid) => "Cobrada",
        (Lang::Es, S::Overdue) => "Vencida",
        (Lang::Es, S::Disputed) => "En disputa",
        (Lang::Es, S::Cancelled) => "Anulada",
        (Lang::En, S::Draft) => "Draft",
        (Lang::En, S::Issued) => "Issued",
        (Lang::En, S::Sent) => "Sent",
        (Lang::En, S::ReceiptConfirmed) => "Receipt confirmed",
        (Lang::En, S::PartiallyPaid) => "Partly paid",
        (Lang::En, S::Paid) => "Paid",
        (Lang::En, S::Overdue) => "Overdue",
        (Lang::En, S::Disputed) => "Disputed",
        (Lang::En, S::Cancelled) => "Cancelled",
    }
}

/// Every status, in the order the filter offers them.
pub const STATUSES: [InvoiceStatus; 9] = [
    InvoiceStatus::Draft,
    InvoiceStatus::Issued,
    InvoiceStatus::Sent,
    InvoiceStatus::ReceiptConfirmed,
    InvoiceStatus::PartiallyPaid,
    InvoiceStatus::Paid,
    InvoiceStatus::Overdue,
    InvoiceStatus::Disputed,
    InvoiceStatus::Cancelled,
];

/// Stable slug of a status (filter values, `data-status` hooks).
pub fn status_slug(s: InvoiceStatus) -> &'static str {
    use InvoiceStatus as S;
    match s {
        S::Draft => "draft",
        S::Issued => "issued",
        S::Sent => "sent",
        S::ReceiptConfirmed => "receipt_confirmed",
        S::PartiallyPaid => "partially_paid",
        S::Paid => "paid",
        S::Overdue => "overdue",
        S::Disputed => "disputed",
        S::Cancelled => "cancelled",
    }
}

/// The name of a quote's state.
pub fn quote_state(s: &QuoteState, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Es, QuoteState::Draft) => "Borrador",
        (Lang::Es, QuoteState::Sent { .. }) => "Enviado",
        (Lang::Es, QuoteState::Accepted { .. }) => "Aceptado",
        (Lang::Es, QuoteState::Rejected { .. }) => "Rechazado",
        (Lang::En, QuoteState::Draft) => "Draft",
        (Lang::En, QuoteState::Sent { .. }) => "Sent",
        (Lang::En, QuoteState::Accepted { .. }) => "Accepted",
        (Lang::En, QuoteState::Rejected { .. }) => "Rejected",
    }
}

/// "Line 2: the quantity is not a number: “abc”".
pub fn not_a_number(field: &str, input: &str, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("{field}: «{input}» no es un número."),
        Lang::En => format!("{field}: “{input}” is not a number."),
    }
}

/// "Línea 2: …".
pub fn on_line(line: usize, text: &str, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("Línea {line}: {text}"),
        Lang::En => format!("Line {line}: {text}"),
    }
}

/// "3 % si paga antes del 15/03/2026: 1.150,00 €".
pub fn early_offer(pct: &str, deadline: &str, amount: &str, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("{pct} % si paga antes del {deadline}: {amount}"),
        Lang::En => format!("{pct} % if paid by {deadline}: {amount}"),
    }
}

/// "Vence el 15/03/2026 (30 días)".
pub fn terms(due: &str, days: i64, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("Vence el {due} ({days} días desde la emisión)"),
        Lang::En => format!("Due on {due} ({days} days from the issue date)"),
    }
}

/// "IVA 21 %" / "Exento: motivo".
pub fn vat_label(vat: &cobro_core::VatRate, lang: Lang) -> String {
    match (vat, lang) {
        (cobro_core::VatRate::Rate(r), Lang::Es) => {
            format!("IVA {}", cobro_core::locale::percent(*r, 4, lang))
        }
        (cobro_core::VatRate::Rate(r), Lang::En) => {
            format!("VAT {}", cobro_core::locale::percent(*r, 4, lang))
        }
        (cobro_core::VatRate::Exempt(why), Lang::Es) => format!("Exento: {why}"),
        (cobro_core::VatRate::Exempt(why), Lang::En) => format!("Exempt: {why}"),
    }
}

fn field_name(field: &str, lang: Lang) -> String {
    let es = match field {
        "quantity" => "la cantidad",
        "unit price" => "el precio unitario",
        "line discount" => "el descuento de la línea",
        "VAT rate" => "el tipo de IVA",
        "invoice discount" => "el descuento de la factura",
        "withholding" => "la retención",
        "early-payment discount" => "el descuento por pronto pago",
        "early-payment days" => "los días del pronto pago",
        "amount" | "invoice amount" | "line amount" => "el importe",
        other => other,
    };
    match lang {
        Lang::Es => es.to_string(),
        Lang::En => format!("the {field}"),
    }
}

/// A core money refusal in plain words.
pub fn money_error(e: &MoneyError, lang: Lang) -> String {
    match (e, lang) {
        (MoneyError::Line { line, error }, _) => on_line(*line, &money_error(error, lang), lang),
        (MoneyError::Negative { field, value }, Lang::Es) => {
            format!("{} no puede ser negativo/a ({value}).", field_name(field, lang))
        }
        (MoneyError::Negative { field, value }, Lang::En) => {
            format!("{} cannot be negative ({value}).", field_name(field, lang))
        }
        (MoneyError::OutOfRange { field, value }, Lang::Es) => {
            format!("{} está fuera de rango ({value}).", field_name(field, lang))
        }
        (MoneyError::OutOfRange { field, value }, Lang::En) => {
            format!("{} is out of range ({value}).", field_name(field, lang))
        }
        (MoneyError::TooManyDecimals { field, value, max }, Lang::Es) => format!(
            "{} tiene demasiados decimales ({value}); como máximo {max}.",
            field_name(field, lang)
        ),
        (MoneyError::TooManyDecimals { field, value, max }, Lang::En) => format!(
            "{} has too many decimals ({value}); at most {max}.",
            field_name(field, lang)
        ),
        (MoneyError::UnknownCurrency(c), Lang::Es) => format!("«{c}» no es un código de moneda ISO 4217."),
        (MoneyError::NotANumber(s), Lang::Es) => format!("«{s}» no es un número."),
        (MoneyError::Overflow, Lang::Es) => "Importe demasiado grande para calcularlo.".into(),
        (other, Lang::En) => capitalise(&other.to_string()),
    }
}

/// Why a draft cannot be issued, in plain words.
pub fn draft_problem(p: &DraftProblem, lang: Lang) -> String {
    match (p, lang) {
        (DraftProblem::NoLines, Lang::Es) => "La factura no tiene conceptos.".into(),
        (DraftProblem::LineWithoutDescription { line }, Lang::Es) => {
            format!("La línea {line} no tiene descripción.")
        }
        (DraftProblem::PoMissing, Lang::Es) => {
            "Este cliente exige número de pedido (PO) en cada factura: escríbelo antes de emitirla.".into()
        }
        (DraftProblem::PoMissing, Lang::En) => {
            "This client requires a purchase-order (PO) number on every invoice: enter it before issuing."
                .into()
        }
        (DraftProblem::DueBeforeIssue { issue, due }, Lang::Es) => format!(
            "El vencimiento ({}) es anterior a la fecha de emisión ({}).",
            date(*due, lang),
            date(*issue, lang)
        ),
        (DraftProblem::UnknownCurrency(c), Lang::Es) => format!("«{c}» no es un código de moneda ISO 4217."),
        (DraftProblem::NegativeTotal(t), Lang::Es) => {
            format!("El total es negativo ({t}): para rebajar una factura usa una rectificativa.")
        }
        (DraftProblem::ClientMismatch, Lang::Es) => "La factura es de otro cliente.".into(),
        // Documents and editor (#15)
        (DraftProblem::ZeroTotal, Lang::Es) => {
            "El total es cero: una factura tiene que cobrar algo (si no hay nada que cobrar, elimina el borrador).".into()
        }
        (DraftProblem::ZeroTotal, Lang::En) => {
            "The total is zero: an invoice must charge something (if there is nothing to charge, delete the draft).".into()
        }
        (DraftProblem::Amounts(e), _) => money_error(e, lang),
        (other, Lang::En) => capitalise(&other.to_string()),
    }
}

/// A lifecycle refusal in plain words.
pub fn lifecycle_error(e: &LifecycleError, lang: Lang) -> String {
    match (e, lang) {
        (LifecycleError::InvalidDraft(problems), _) => {
            let lead = match lang {
                Lang::Es => "No se puede emitir:",
                Lang::En => "It cannot be issued:",
            };
            let items: Vec<String> = problems.iter().map(|p| draft_problem(p, lang)).collect();
            format!("{lead} {}", items.join(" "))
        }
        (LifecycleError::NotEditable { number }, Lang::Es) => {
            format!(
                "La factura {number} ya está emitida y no se puede editar: corrígela con una rectificativa."
            )
        }
        (LifecycleError::AlreadyIssued { number }, Lang::Es) => format!("Ya está emitida como {number}."),
        (LifecycleError::Cancelled, Lang::Es) => "Esta factura ya está anulada por una rectificativa.".into(),
        (LifecycleError::NotIssued, Lang::Es) => "La factura aún es un borrador: emítela primero.".into(),
        (LifecycleError::EmptyReason, Lang::Es) => "Hace falta un motivo.".into(),
        (LifecycleError::NoLines, Lang::Es) => "El documento no tiene conceptos.".into(),
        (LifecycleError::QuoteAlreadyInvoiced, Lang::Es) => {
            "Este presupuesto ya se convirtió en factura.".into()
        }
        (LifecycleError::QuoteTransition { .. }, Lang::Es) => {
            "El presupuesto no está en un estado que lo permita.".into()
        }
        (
            LifecycleError::TooEarly {
                date: d, earliest, ..
            },
            Lang::Es,
        ) => format!(
            "La fecha ({}) no puede ser anterior al {}.",
            date(*d, lang),
            date(*earliest, lang)
        ),
        // Documents and editor (#15)
        (LifecycleError::CreditLine { line, problem }, _) => {
            super::documents::credit_line_problem(*line, problem, lang)
        }
        (LifecycleError::NothingPicked, Lang::Es) => {
            "Indica una cantidad o un importe a rectificar en al menos una línea.".into()
        }
        (LifecycleError::NothingPicked, Lang::En) => {
            "Give a quantity or an amount to take back on at least one line.".into()
        }
        (LifecycleError::QuoteAlreadyNumbered { number }, Lang::Es) => {
            format!("Este presupuesto ya tiene número ({number}): no se puede eliminar.")
        }
        (LifecycleError::Money(m), _) => money_error(m, lang),
        (other, _) => capitalise(&other.to_string()),
    }
}

/// Any refusal of a storage operation, in plain words.
pub fn op_error(e: &crate::storage::OpError, lang: Lang) -> String {
    use crate::storage::OpError;
    match (e, lang) {
        (OpError::Refused(l), _) => lifecycle_error(l, lang),
        (OpError::Series(e), _) => series_error(e, lang),
        (OpError::Payment(e), _) => crate::i18n::corrections::payment_error(e, lang),
        (OpError::InUse(e), _) => crate::i18n::corrections::usage_error(e, lang),
        (OpError::NotFound { what, .. }, Lang::Es) => {
            format!("No existe ({what}): puede que se haya borrado en otra pestaña o falte configurarlo en Ajustes.")
        }
        (OpError::Storage(s), _) if s.is_quota() => crate::i18n::storage_message(s, lang),
        (OpError::Storage(s), Lang::Es) => format!("No se pudo guardar: {}", s.message),
        (other, _) => capitalise(&other.to_string()),
    }
}

pub fn iban_error(e: &IbanError, lang: Lang) -> String {
    match (e, lang) {
        (IbanError::Empty, Lang::Es) => "Falta el IBAN.".into(),
        (IbanError::InvalidCharacter(c), Lang::Es) => {
            format!("El IBAN contiene «{c}», que no es letra ni número.")
        }
        (IbanError::BadFormat, Lang::Es) => {
            "Un IBAN empieza por el código de país (dos letras) y dos dígitos de control.".into()
        }
        (IbanError::UnknownCountry(c), Lang::Es) => format!("«{c}» no es un país que use IBAN."),
        (
            IbanError::WrongLength {
                country,
                expected,
                found,
            },
            Lang::Es,
        ) => format!("Un IBAN de {country} tiene {expected} caracteres; este tiene {found}."),
        (IbanError::BadCheckDigits, Lang::Es) => {
            "Los dígitos de control del IBAN no cuadran: hay una errata.".into()
        }
        (other, _) => capitalise(&other.to_string()),
    }
}

pub fn bic_error(e: &BicError, lang: Lang) -> String {
    match (e, lang) {
        (BicError::WrongLength(n), Lang::Es) => format!("Un BIC tiene 8 u 11 caracteres; este tiene {n}."),
        (BicError::BadFormat(b), Lang::Es) => format!("«{b}» no es un BIC válido."),
        (other, _) => capitalise(&other.to_string()),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => {
            let mut out: String = first.to_uppercase().collect();
            out.push_str(chars.as_str());
            if !out.ends_with('.') {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
}

/// A refused series change, in the user's language.
pub fn series_error(e: &SeriesEditError, lang: Lang) -> String {
    use cobro_core::numbering::{MAX_NEXT, MAX_PADDING, MAX_PREFIX};
    match (e, lang) {
        (SeriesEditError::BadPrefix, Lang::Es) => format!(
            "El prefijo necesita de 1 a {MAX_PREFIX} letras, cifras o los signos - _ / . (sin espacios)."
        ),
        (SeriesEditError::BadSeparator, Lang::Es) => {
            "El separador admite hasta 3 de los signos - _ / . (ni letras, ni cifras, ni espacios).".into()
        }
        (SeriesEditError::BadPadding, Lang::Es) => {
            format!("El contador necesita entre 1 y {MAX_PADDING} cifras.")
        }
        (SeriesEditError::PrefixTaken(_, prefix), Lang::Es) => format!(
            "Otra serie ya usa el prefijo «{prefix}»: dos tipos de documento tendrían los mismos números."
        ),
        (SeriesEditError::FormatLocked, Lang::Es) => {
            "Ya hay documentos numerados con esta serie: su formato no puede cambiar (los números anteriores dejarían de encajar).".into()
        }
        (SeriesEditError::NextLocked(year), Lang::Es) => format!(
            "Esta serie ya ha usado números de {year}: el siguiente va a continuación y no se puede cambiar."
        ),
        (SeriesEditError::BadNext, Lang::Es) => {
            format!("El siguiente número debe estar entre 1 y {MAX_NEXT}.")
        }
        (other, _) => capitalise(&other.to_string()),
    }
}

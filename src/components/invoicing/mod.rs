//! Invoicing pieces: labelled fields, the line editor and live totals shared by
//! invoices and quotes, the printable invoice and its SEPA QR code.

pub mod document;
pub mod fields;
pub mod lines;
pub mod qr;
pub mod totals;

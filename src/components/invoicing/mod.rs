//! Invoicing pieces: editors, the printable document, the SEPA QR code.

//! The one table of text limits: how long each kind of text Cobro keeps may be, in
//! characters as the user counts them. Forms show a counter near the limit
//! ([`counter`]); the record checks refuse more; an older backup holding more is restored
//! with a note.

/// A kind of text field; every text a record holds is one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Text {
    /// A client's legal name, the business name, a catalogue item's name.
    Name,
    /// The user's own name for a payment method ("BBVA account").
    Label,
    /// NIF/NIE/CIF or a foreign tax id (EU VAT numbers are at most 14 characters).
    TaxId,
    Street,
    PostalCode,
    City,
    Region,
    Country,
    /// RFC 5321's longest address.
    Email,
    /// E.164 numbers have at most 15 digits; room for spaces and a prefix.
    Phone,
    /// A person's name (the AP contact, who was spoken to, who confirmed receipt).
    Person,
    /// A purchase-order number.
    Reference,
    /// A line's or an item's description: it wraps on the document.
    Description,
    /// A reason (VAT exemption, credit note, dispute, skipped step).
    Reason,
    /// A payment's note, a direct-debit note, an "other" method's text.
    ShortNote,
    /// Notes and instructions (client notes, billing instructions, document notes, a
    /// contact's note).
    Note,
    /// A card or payment-link page.
    Url,
    /// An IBAN as typed, with spaces (34 characters + 8 spaces).
    Iban,
    /// A BIC as typed.
    Bic,
    /// The account holder: the beneficiary of a transfer QR code (EPC069-12: 70).
    Holder,
    /// The bank's name.
    Bank,
}

/// Every kind and its limit: the table the forms and the checks read.
pub const LIMITS: &[(Text, usize)] = &[
    (Text::Name, 150),
    (Text::Label, 80),
    (Text::TaxId, 30),
    (Text::Street, 150),
    (Text::PostalCode, 16),
    (Text::City, 80),
    (Text::Region, 80),
    (Text::Country, 60),
    (Text::Email, 254),
    (Text::Phone, 32),
    (Text::Person, 120),
    (Text::Reference, 60),
    (Text::Description, 1000),
    (Text::Reason, 500),
    (Text::ShortNote, 500),
    (Text::Note, 4000),
    (Text::Url, 500),
    (Text::Iban, 42),
    (Text::Bic, 14),
    (Text::Holder, crate::payment_info::EPC_NAME_MAX),
    (Text::Bank, 120),
];

impl Text {
    /// The most characters a text of this kind may have.
    pub fn max_chars(self) -> usize {
        LIMITS
            .iter()
            .find(|(t, _)| *t == self)
            .map_or(usize::MAX, |(_, max)| *max)
    }
}

/// Share of the limit from which a form shows a counter (80 %).
const COUNTER_FROM_PERCENT: usize = 80;

/// (characters used, limit) once a text reaches 80 % of its limit, for the counter a form
/// shows by the field; `None` while it is far from it.
pub fn counter(kind: Text, text: &str) -> Option<(usize, usize)> {
    let max = kind.max_chars();
    let used = text.chars().count();
    (used * 100 >= max * COUNTER_FROM_PERCENT).then_some((used, max))
}

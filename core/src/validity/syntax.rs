//! The shape of emails, web addresses and phone numbers as typed: strict enough to catch
//! "not-an-email" and a pasted sentence, loose enough for every real address (international
//! characters included). Nothing here asks the network.

/// `local@domain.tld`: one `@`; a local part of 1–64 characters without spaces, `..`, or a
/// dot at either end; a domain of at least two labels of letters, digits and inner hyphens,
/// ending in a top-level label of two or more letters. At most 254 characters.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = (1..=64).contains(&local.chars().count())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    s.chars().count() <= 254 && local_ok && is_domain(domain)
}

/// A host name with a dot: labels of 1–63 letters, digits or inner hyphens, the last one
/// two or more letters ("example.com", "correos.es", "ñandú.es").
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.chars().count())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    labels.len() >= 2
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// An `http://` or `https://` address of a host with a dot, without spaces
/// ("https://buy.stripe.com/abc").
pub fn is_web_address(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_port.rsplit_once(':').map_or(host_port, |(h, _)| h);
    is_domain(host)
}

/// A phone number as people write it: digits, spaces, `+` at the start, `( ) - .`; 6 to 15
/// digits (E.164's most).
pub fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits) && body.chars().all(|c| c.is_ascii_digit() || " ()-.".contains(c))
}

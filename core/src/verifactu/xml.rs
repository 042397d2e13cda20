//! The little XML Cobro needs for billing records: text escaped as Canonical XML 1.0 escapes
//! it, so every document written here is already in canonical form (what the signature's
//! digests are computed over), and the first value of a named element read back.
//!
//! No general XML parser: Cobro only reads back what it wrote (and files in that shape).

use std::fmt::Write as _;

/// Element text escaped as C14N 1.0 writes it (`&`, `<`, `>`, carriage return).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
    out
}

/// Attribute value escaped as C14N 1.0 writes it.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
    out
}

/// Undo [`text`] (and the five predefined entities and numeric references).
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else {
            out.push_str(rest);
            return out;
        };
        let name = &rest[1..end];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[..=end]),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Writes elements with a fixed prefix, no whitespace between them.
pub struct Writer {
    pub out: String,
    prefix: &'static str,
}

impl Writer {
    pub fn new(prefix: &'static str) -> Self {
        Self {
            out: String::with_capacity(2048),
            prefix,
        }
    }

    pub fn open(&mut self, name: &str) {
        let _ = write!(self.out, "<{}:{name}>", self.prefix);
    }

    /// The start tag with namespace declarations and attributes, given in canonical order.
    pub fn open_with(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let _ = write!(self.out, "<{}:{name}", self.prefix);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"{}\"", attr(v));
        }
        self.out.push('>');
    }

    pub fn close(&mut self, name: &str) {
        let _ = write!(self.out, "</{}:{name}>", self.prefix);
    }

    /// `<p:name>value</p:name>` (C14N writes an empty element as a start-end pair).
    pub fn leaf(&mut self, name: &str, value: &str) {
        let _ = write!(
            self.out,
            "<{p}:{name}>{}</{p}:{name}>",
            text(value),
            p = self.prefix
        );
    }

    pub fn leaf_opt(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.leaf(name, v);
        }
    }
}

/// The text of the first element called `name` (any prefix) at or after `from`, unescaped,
/// with where its end tag ends; `None` when there is none.
pub fn first(xml: &str, name: &str, from: usize) -> Option<(String, usize)> {
    let mut at = from;
    loop {
        let rest = xml.get(at..)?;
        let lt = rest.find('<')? + at;
        let tag_end = xml.get(lt..)?.find('>')? + lt;
        let tag = xml.get(lt + 1..tag_end)?;
        let local = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let local = local.rsplit(':').next().unwrap_or(local);
        if !tag.starts_with('/') && !tag.starts_with('?') && !tag.starts_with('!') && local == name {
            let qname = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or_default();
            if tag.ends_with('/') {
                return Some((String::new(), tag_end + 1));
            }
            let close = format!("</{qname}>");
            let end = xml.get(tag_end + 1..)?.find(&close)? + tag_end + 1;
            return Some((unescape(xml.get(tag_end + 1..end)?.trim()), end + close.len()));
        }
        at = tag_end + 1;
    }
}

/// [`first`] from the start, text only.
pub fn value(xml: &str, name: &str) -> Option<String> {
    first(xml, name, 0).map(|(v, _)| v)
}

/// The raw text of the first element called `name` (start tag to end tag, inclusive) and
/// where it starts.
pub fn element<'a>(xml: &'a str, name: &str) -> Option<(&'a str, usize)> {
    let mut at = 0;
    loop {
        let lt = xml.get(at..)?.find('<')? + at;
        let tag_end = xml.get(lt..)?.find('>')? + lt;
        let tag = xml.get(lt + 1..tag_end)?;
        let qname = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let local = qname.rsplit(':').next().unwrap_or(qname);
        if !tag.starts_with('/') && local == name {
            let close = format!("</{qname}>");
            let end = xml.get(tag_end..)?.find(&close)? + tag_end + close.len();
            return Some((xml.get(lt..end)?, lt));
        }
        at = tag_end + 1;
    }
}

/// Standard base64 (with padding).
pub fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(T[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decode standard base64, ignoring whitespace; `None` on any other stray character.
pub fn unbase64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let e = base64(s.as_bytes());
            assert_eq!(unbase64(&e).as_deref(), Some(s.as_bytes()), "{e}");
        }
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(b"fo"), "Zm8=");
    }

    #[test]
    fn reads_back_escaped_values() {
        let mut w = Writer::new("sf");
        w.open("A");
        w.leaf("B", "x & <y>");
        w.close("A");
        assert_eq!(w.out, "<sf:A><sf:B>x &amp; &lt;y&gt;</sf:B></sf:A>");
        assert_eq!(value(&w.out, "B").as_deref(), Some("x & <y>"));
        assert_eq!(
            element(&w.out, "B").map(|e| e.0),
            Some("<sf:B>x &amp; &lt;y&gt;</sf:B>")
        );
    }
}

//! Escaping text for the markup Amicus writes without a template: feeds, sitemaps,
//! drawings and `serve`'s error overlay. One escaper for all of them, valid in XML and
//! in HTML, in text and in attribute values.

/// Appends `text` with the five XML special characters escaped, for text and attributes.
pub fn push_escaped(out: &mut String, text: &str) {
    // Most text has nothing to escape: the runs between special bytes are copied whole.
    // Every special character is ASCII, so a byte position is a character boundary.
    let mut rest = text;
    while let Some(i) = rest.bytes().position(is_special) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // Characters XML 1.0 forbids (C0 controls other than tab and newlines).
            _ => " ",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

fn is_special(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'')
        || (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r'))
}

/// `text`, escaped as [`push_escaped`] does.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_xml_specials() {
        assert_eq!(
            escape(r#"<a & "b" 'c'>"#),
            "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;"
        );
        assert_eq!(escape("Zürich\u{1}"), "Zürich ");
        assert_eq!(escape("Łódź\t–\r\nKraków"), "Łódź\t–\r\nKraków");
        assert_eq!(escape("\u{1f}<\u{7f}"), " &lt;\u{7f}");
    }
}

//! CSV for the downloads managers take to a spreadsheet (commission, the
//! reports): RFC 4180 quoting, and cells that a spreadsheet would run as a
//! formula (starting with `=`, `+`, `-`, `@`) defused with a leading `'`.
//! A `data:` link carries the file, so a download needs no script.

/// One cell, quoted when it must be and never a formula.
pub fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A whole file as a `data:` link: everything but unreserved characters
/// percent-encoded.
pub fn data_url(csv: &str) -> String {
    let mut encoded = String::with_capacity(csv.len() * 3 + 32);
    encoded.push_str("data:text/csv;charset=utf-8,");
    for byte in csv.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_when_needed_and_never_formulas() {
        assert_eq!(field("Sara"), "Sara");
        assert_eq!(field("Pars, Tile"), "\"Pars, Tile\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("-5"), "'-5");
    }

    #[test]
    fn the_link_encodes_everything_but_plain_characters() {
        assert_eq!(
            data_url("rep,total\r\nSara \"A\",1.5"),
            "data:text/csv;charset=utf-8,rep%2Ctotal%0D%0ASara%20%22A%22%2C1.5"
        );
        assert!(data_url("ساره").ends_with(",%D8%B3%D8%A7%D8%B1%D9%87"));
    }
}

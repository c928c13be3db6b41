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

/// Leads as a CSV file, one row each, in the columns and spellings lead
/// import reads back (stages and sources by their stable names, amounts in
/// major units), so an export can be fixed in a spreadsheet and imported.
pub fn leads_csv(leads: &[super::Lead]) -> String {
    use super::Choice;
    use super::money::amount_for_input;
    let mut text = String::from(
        "name,company,phone,email,stage,source,estimated_value,currency,customer_kind,owner,won_amount,closed_at,created_at,updated_at\r\n",
    );
    for lead in leads {
        let cells = [
            field(&lead.name),
            field(&lead.company),
            field(&lead.phone),
            field(&lead.email),
            lead.stage.as_str().to_string(),
            lead.source.as_str().to_string(),
            amount_for_input(lead.estimated_value, lead.currency),
            lead.currency.as_str().to_string(),
            lead.customer_kind.as_str().to_string(),
            field(&lead.owner_name),
            lead.won_amount
                .map(|amount| amount_for_input(amount, lead.currency))
                .unwrap_or_default(),
            lead.closed_at.map(|at| at.to_rfc3339()).unwrap_or_default(),
            lead.created_at.to_rfc3339(),
            lead.updated_at.to_rfc3339(),
        ];
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text
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

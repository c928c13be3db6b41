//! Money as integer minor units plus an ISO 4217 currency. No floating point
//! touches an amount: parsing and formatting work on the digits.

use super::validation::{FieldProblem, normalize_digits};
use super::{Choice, choice_enum};

choice_enum!(
    /// Currencies a deal, budget or goal can be in.
    Currency {
        Irr => "IRR",
        Usd => "USD",
        Eur => "EUR",
        Aed => "AED",
    }
);

/// Largest amount accepted, in minor units (10^15: about a billion dollars
/// in rials). One amount fits an `i64`; a sum of many does not, see
/// `MoneySum`.
pub const MAX_MINOR_UNITS: i64 = 1_000_000_000_000_000;

/// A sum of amounts in minor units. About 9,300 amounts at the cap already
/// pass `i64::MAX`, so every place where money adds up (roll-ups, team
/// totals, commission, forecasts) sums in 128 bits and stays exact: a rep
/// who enters absurd deals cannot break the team's reports.
pub type MoneySum = i128;

impl Currency {
    /// Digits after the decimal point in this currency (the rial has none).
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Irr => 0,
            Currency::Usd | Currency::Eur | Currency::Aed => 2,
        }
    }

    /// The currency a new record starts with in a locale.
    pub fn default_for_persian(persian: bool) -> Self {
        if persian {
            Currency::Irr
        } else {
            Currency::Usd
        }
    }
}

/// Reads an amount typed by a person ("1,250.50", "۱٬۲۵۰٫۵") into minor units.
/// Empty input is `Required`; more decimals than the currency has are refused.
pub fn parse_amount(text: &str, currency: Currency) -> Result<i64, FieldProblem> {
    let cleaned: String = normalize_digits(text.trim())
        .chars()
        .filter(|character| *character != ',' && !character.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return Err(FieldProblem::Required);
    }
    if cleaned.starts_with('-') {
        return Err(FieldProblem::Negative);
    }
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((cleaned.as_str(), ""));
    let digits = currency.minor_digits() as usize;
    let valid_digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !valid_digits(whole)
        || !valid_digits(fraction)
        || fraction.len() > digits
    {
        return Err(FieldProblem::NotANumber);
    }
    if whole.len() > 18 {
        return Err(FieldProblem::TooLarge);
    }
    let whole_value: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| FieldProblem::TooLarge)?
    };
    let fraction_value: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<digits$}")
            .parse()
            .map_err(|_| FieldProblem::NotANumber)?
    };
    let scale = 10_i64.pow(digits as u32);
    let minor = whole_value
        .checked_mul(scale)
        .and_then(|value| value.checked_add(fraction_value))
        .ok_or(FieldProblem::TooLarge)?;
    if minor > MAX_MINOR_UNITS {
        Err(FieldProblem::TooLarge)
    } else {
        Ok(minor)
    }
}

/// Shows minor units as a plain decimal with ASCII digits and no grouping,
/// the form an input field is filled with when editing.
pub fn amount_for_input(minor: impl Into<MoneySum>, currency: Currency) -> String {
    let minor: MoneySum = minor.into();
    let digits = currency.minor_digits();
    if digits == 0 {
        return minor.to_string();
    }
    let scale = MoneySum::from(10_i64.pow(digits));
    let fraction = minor.rem_euclid(scale);
    if fraction == 0 {
        (minor / scale).to_string()
    } else {
        format!(
            "{}.{:0width$}",
            minor / scale,
            fraction,
            width = digits as usize
        )
    }
}

/// Groups the whole part of a plain decimal in threes with `separator`.
pub fn group_thousands(plain: &str, separator: char) -> String {
    let (sign, unsigned) = plain
        .strip_prefix('-')
        .map_or(("", plain), |rest| ("-", rest));
    let (whole, fraction) = unsigned
        .split_once('.')
        .map_or((unsigned, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (index, character) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(character);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Reads a currency code, as sent by a form.
pub fn parse_currency(code: &str) -> Result<Currency, FieldProblem> {
    Currency::parse(code.trim()).ok_or(FieldProblem::UnknownChoice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_to_minor_units_in_any_digits() {
        assert_eq!(parse_amount("1,250.50", Currency::Usd), Ok(125_050));
        assert_eq!(parse_amount("۱٬۲۵۰٫۵", Currency::Usd), Ok(125_050));
        assert_eq!(parse_amount("12", Currency::Usd), Ok(1200));
        assert_eq!(parse_amount("5000000", Currency::Irr), Ok(5_000_000));
        assert_eq!(parse_amount(".5", Currency::Eur), Ok(50));
    }

    #[test]
    fn bad_amounts_are_refused_with_a_reason() {
        assert_eq!(parse_amount("", Currency::Usd), Err(FieldProblem::Required));
        assert_eq!(
            parse_amount("-3", Currency::Usd),
            Err(FieldProblem::Negative)
        );
        assert_eq!(
            parse_amount("1.234", Currency::Usd),
            Err(FieldProblem::NotANumber)
        );
        assert_eq!(
            parse_amount("1.5", Currency::Irr),
            Err(FieldProblem::NotANumber)
        );
        assert_eq!(
            parse_amount("12abc", Currency::Usd),
            Err(FieldProblem::NotANumber)
        );
        assert_eq!(
            parse_amount(".", Currency::Usd),
            Err(FieldProblem::NotANumber)
        );
        assert_eq!(
            parse_amount("99999999999999999999", Currency::Usd),
            Err(FieldProblem::TooLarge)
        );
        assert_eq!(
            parse_amount("10000000000000000", Currency::Usd),
            Err(FieldProblem::TooLarge)
        );
    }

    #[test]
    fn amounts_round_trip_through_the_input_form() {
        for (minor, currency) in [
            (125_050, Currency::Usd),
            (1200, Currency::Eur),
            (7, Currency::Usd),
            (5_000_000, Currency::Irr),
        ] {
            let text = amount_for_input(minor, currency);
            assert_eq!(parse_amount(&text, currency), Ok(minor), "{text}");
        }
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands("1250.50", ','), "1,250.50");
        assert_eq!(group_thousands("100", ','), "100");
        assert_eq!(group_thousands("1000000", '٬'), "1٬000٬000");
        assert_eq!(group_thousands("-1234", ','), "-1,234");
    }
}

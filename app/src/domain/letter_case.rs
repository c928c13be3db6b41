//! Lower case for matching and normalising (search, e-mail addresses,
//! tags) without the standard library's Unicode case table: `to_lowercase`
//! brought a 1,463-entry table and its lookup into the browser's first
//! load (about 5 KB brotli) for text that is English, Persian (which has no
//! case) or, now and then, another European language. The letters folded
//! here are those of the Latin, Greek, Cyrillic and Armenian alphabets in
//! use today, exactly as `char::to_lowercase` folds them (a unit test
//! compares every one); a letter outside them is kept as it is.

/// `text` with every letter this module knows in lower case, letter by
/// letter (a Greek final sigma stays `σ`, as `char::to_lowercase` has it).
pub fn lower_case(text: &str) -> String {
    let mut lowered = String::with_capacity(text.len());
    push_lower_case(&mut lowered, text);
    lowered
}

/// Appends `text` in lower case to `into` (see [`lower_case`]).
pub fn push_lower_case(into: &mut String, text: &str) {
    for letter in text.chars() {
        push_letter(into, letter);
    }
}

/// Appends one letter in lower case.
pub fn push_letter(into: &mut String, letter: char) {
    if letter == '\u{130}' {
        // Capital I with a dot: a small i and the combining dot, as std.
        into.push('i');
        into.push('\u{307}');
    } else {
        into.push(lower_letter(letter));
    }
}

/// One letter in lower case (`İ` aside: see [`push_letter`]).
fn lower_letter(letter: char) -> char {
    let code = letter as u32;
    let even = code.is_multiple_of(2);
    let lowered = match code {
        0x41..=0x5A => code + 32,
        0xC0..=0xDE if code != 0xD7 => code + 32,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if even => code + 1,
        0x139..=0x148 | 0x179..=0x17E if !even => code + 1,
        0x178 => 0xFF,
        0x18F => 0x259,
        0x1CD..=0x1DC if !even => code + 1,
        0x1DE..=0x1EF | 0x1F8..=0x21F | 0x222..=0x233 if even => code + 1,
        0x386 => 0x3AC,
        0x388..=0x38A => code + 37,
        0x38C => 0x3CC,
        0x38E..=0x38F => code + 63,
        0x391..=0x3AB if code != 0x3A2 => code + 32,
        0x3D8..=0x3EF if even => code + 1,
        0x400..=0x40F => code + 80,
        0x410..=0x42F => code + 32,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if even => code + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if !even => code + 1,
        0x531..=0x556 => code + 48,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if even => code + 1,
        0x1E9E => 0xDF,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Capital letters of these blocks that are kept as they are: Latin
    /// Extended-B's irregular ones (African and phonetic letters, the
    /// digraphs) and archaic Greek.
    fn kept_on_purpose(code: u32) -> bool {
        (matches!(code, 0x181..=0x1CC | 0x1F1..=0x1F7 | 0x220 | 0x23A..=0x24F) && code != 0x18F)
            || matches!(code, 0x370..=0x37F | 0x3CF | 0x3F4..=0x3FF)
    }

    #[test]
    fn every_letter_of_the_alphabets_in_use_is_folded_as_the_standard_library_folds_it() {
        let blocks = [
            0x0..=0x24F,
            0x370..=0x3FF,
            0x400..=0x52F,
            0x530..=0x58F,
            0x1E00..=0x1EFF,
        ];
        let mut compared = 0;
        for code in blocks.into_iter().flatten() {
            let Some(letter) = char::from_u32(code) else {
                continue;
            };
            let standard: String = letter.to_lowercase().collect();
            let ours = lower_case(&letter.to_string());
            if kept_on_purpose(code) {
                assert_eq!(ours, letter.to_string(), "U+{code:04X} is kept");
            } else {
                assert_eq!(ours, standard, "U+{code:04X} {letter}");
                compared += 1;
            }
        }
        assert!(compared > 1_200, "{compared}");
    }

    #[test]
    fn other_scripts_and_persian_are_kept_and_whole_texts_fold() {
        assert_eq!(lower_case("Sara AHMADI"), "sara ahmadi");
        assert_eq!(
            lower_case("ÉMILE Łódź ŞİRİN Ərdəbil"),
            "émile łódź şi\u{307}ri\u{307}n ərdəbil"
        );
        assert_eq!(lower_case("ΣΟΦΊΑ Мария ԱՐԱՄ"), "σοφία мария արամ");
        assert_eq!(lower_case("سارا احمدی ۰۹۱۲"), "سارا احمدی ۰۹۱۲");
        assert_eq!(lower_case("中文 Ⓐ"), "中文 Ⓐ");
    }
}

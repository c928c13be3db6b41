//! The words of lead import and distribution, in English and Persian: the
//! import screen, the problems of a file and of its rows, the fields a
//! column can fill and the rules that share leads out.

use super::{Label, field_problem_message, lead_field_label, localize_digits};
use crate::domain::distribution::DistributionRule;
use crate::domain::lead_import::{FileProblem, LeadColumn, RowProblem};
use crate::domain::{Choice, Locale};

/// Every fixed string of the import screen.
pub struct ImportTexts {
    pub title: &'static str,
    /// The link from the leads list.
    pub open_import: &'static str,
    pub intro: &'static str,
    pub file: &'static str,
    pub currency: &'static str,
    pub event: &'static str,
    pub no_event: &'static str,
    pub checking: &'static str,
    pub columns: &'static str,
    pub columns_hint: &'static str,
    pub column: &'static str,
    pub not_imported: &'static str,
    pub to_import: &'static str,
    /// After the number 1 (English has a singular; Persian does not).
    pub to_import_one: &'static str,
    pub rows_to_import: &'static str,
    pub rows_with_problems: &'static str,
    pub line: &'static str,
    pub cells: &'static str,
    pub problems: &'static str,
    pub download_problems: &'static str,
    pub first_rows: &'static str,
    pub who_gets: &'static str,
    pub give_to: &'static str,
    pub share_among: &'static str,
    /// Before a rep's name: "All to Sara".
    pub all_to: &'static str,
    pub rows_with_problems_count: &'static str,
    pub rows_with_problems_one: &'static str,
    pub name_column_required: &'static str,
    pub open_leads: &'static str,
    pub nothing_to_import: &'static str,
    pub imported: &'static str,
    pub go_to_leads: &'static str,
    pub import_another: &'static str,
    pub no_reps: &'static str,
    pub for_managers: &'static str,
    /// The leads list's button that opens the share panel.
    pub share_open: &'static str,
    pub share_title: &'static str,
    pub which_leads: &'static str,
    /// "The open leads shown (12)".
    pub leads_shown_open: &'static str,
    /// "All open leads of Sara (5)".
    pub open_leads_of: &'static str,
    pub share_button: &'static str,
    /// The leads list's export of what it shows.
    pub download_leads: &'static str,
}

pub const ENGLISH: ImportTexts = ImportTexts {
    title: "Import leads",
    open_import: "Import leads",
    intro: "Upload a CSV file (UTF-8; comma, semicolon or tab separated) or an Excel workbook (.xlsx, its first sheet). The first line names the columns; each following line is one lead. Only open leads are imported.",
    file: "CSV or Excel file",
    currency: "Currency for rows without one",
    event: "Event these leads came from",
    no_event: "None (not from an event)",
    checking: "Checking…",
    columns: "Columns",
    columns_hint: "Choose which lead field each column fills. Columns left as “Not imported” are ignored.",
    column: "Column",
    not_imported: "Not imported",
    to_import: "rows ready to import",
    to_import_one: "row ready to import",
    rows_to_import: "Rows to import",
    rows_with_problems: "Rows with problems",
    line: "Line",
    cells: "Row",
    problems: "Problems",
    download_problems: "Download the rows with problems (CSV)",
    first_rows: "Showing the first rows only.",
    who_gets: "Who gets the leads",
    give_to: "Give the leads",
    share_among: "Share among",
    all_to: "All to",
    rows_with_problems_count: "rows with problems",
    rows_with_problems_one: "row with problems",
    name_column_required: "Choose the column that holds the lead's name.",
    open_leads: "open leads",
    nothing_to_import: "No row can be imported yet: fix the file or the columns and check again.",
    imported: "leads imported",
    go_to_leads: "Go to leads",
    import_another: "Import another file",
    no_reps: "Your team has no reps to give leads to yet.",
    for_managers: "Importing leads is for managers.",
    share_open: "Share leads",
    share_title: "Share leads",
    which_leads: "Which leads",
    leads_shown_open: "The open leads shown",
    open_leads_of: "All open leads of",
    share_button: "Share the leads",
    download_leads: "Download these leads (CSV)",
};

pub const PERSIAN: ImportTexts = ImportTexts {
    title: "وارد کردن سرنخ‌ها",
    open_import: "وارد کردن سرنخ‌ها",
    intro: "یک فایل CSV (UTF-8؛ جداشده با ویرگول، نقطه‌ویرگول یا Tab) یا یک کارپوشهٔ اکسل (.xlsx، برگهٔ نخست آن) بارگذاری کنید. خط اول نام ستون‌هاست و هر خط بعدی یک سرنخ. فقط سرنخ‌های باز وارد می‌شوند.",
    file: "فایل CSV یا اکسل",
    currency: "ارز ردیف‌هایی که ارز ندارند",
    event: "رویدادی که این سرنخ‌ها از آن آمده‌اند",
    no_event: "هیچ (از رویداد نیامده‌اند)",
    checking: "در حال بررسی…",
    columns: "ستون‌ها",
    columns_hint: "برای هر ستون مشخص کنید کدام فیلد سرنخ را پر می‌کند. ستون‌های «وارد نشود» نادیده گرفته می‌شوند.",
    column: "ستون",
    not_imported: "وارد نشود",
    to_import: "ردیف آمادهٔ ورود",
    to_import_one: "ردیف آمادهٔ ورود",
    rows_to_import: "ردیف‌هایی که وارد می‌شوند",
    rows_with_problems: "ردیف‌های دارای مشکل",
    line: "خط",
    cells: "ردیف",
    problems: "مشکل‌ها",
    download_problems: "دریافت ردیف‌های دارای مشکل (CSV)",
    first_rows: "فقط ردیف‌های نخست نشان داده شده‌اند.",
    who_gets: "سرنخ‌ها به چه کسی برسد",
    give_to: "واگذاری سرنخ‌ها",
    share_among: "تقسیم میان",
    all_to: "همه به",
    rows_with_problems_count: "ردیف دارای مشکل",
    rows_with_problems_one: "ردیف دارای مشکل",
    name_column_required: "ستونی را که نام سرنخ در آن است انتخاب کنید.",
    open_leads: "سرنخ باز",
    nothing_to_import: "هنوز هیچ ردیفی قابل ورود نیست: فایل یا ستون‌ها را درست کنید و دوباره بررسی کنید.",
    imported: "سرنخ وارد شد",
    go_to_leads: "رفتن به سرنخ‌ها",
    import_another: "وارد کردن فایلی دیگر",
    no_reps: "تیم شما هنوز فروشنده‌ای ندارد که سرنخ به او برسد.",
    for_managers: "وارد کردن سرنخ‌ها کار مدیران است.",
    share_open: "تقسیم سرنخ‌ها",
    share_title: "تقسیم سرنخ‌ها",
    which_leads: "کدام سرنخ‌ها",
    leads_shown_open: "سرنخ‌های باز نمایش‌داده‌شده",
    open_leads_of: "همهٔ سرنخ‌های باز",
    share_button: "تقسیم سرنخ‌ها",
    download_leads: "دریافت این سرنخ‌ها (CSV)",
};

pub fn import_texts(locale: Locale) -> &'static ImportTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

/// The lead field a column fills, as the column menu names it.
pub fn column_label(locale: Locale, column: LeadColumn) -> &'static str {
    lead_field_label(locale, column.as_str())
}

impl Label for DistributionRule {
    fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (DistributionRule::RoundRobin, Locale::En) => "round robin",
            (DistributionRule::RoundRobin, Locale::Fa) => "چرخشی",
            (DistributionRule::LeastBusy, Locale::En) => "least busy first",
            (DistributionRule::LeastBusy, Locale::Fa) => "اول کم‌کارترها",
            (DistributionRule::Weighted, Locale::En) => "by capacity",
            (DistributionRule::Weighted, Locale::Fa) => "به نسبت ظرفیت",
        }
    }
}

/// A sharing rule as the "Give the leads" menu offers it.
pub fn rule_choice_label(locale: Locale, rule: DistributionRule) -> &'static str {
    match (rule, locale) {
        (DistributionRule::RoundRobin, Locale::En) => "Share in turns (round robin)",
        (DistributionRule::RoundRobin, Locale::Fa) => "تقسیم به نوبت (چرخشی)",
        (DistributionRule::LeastBusy, Locale::En) => "Share, least busy first",
        (DistributionRule::LeastBusy, Locale::Fa) => "تقسیم، اول به کم‌کارترها",
        (DistributionRule::Weighted, Locale::En) => "Share by capacity",
        (DistributionRule::Weighted, Locale::Fa) => "تقسیم به نسبت ظرفیت",
    }
}

/// Why a file could not be read, and what to do about it.
pub fn file_problem_message(locale: Locale, problem: &FileProblem) -> String {
    let english = locale == Locale::En;
    let number = |value: usize| localize_digits(locale, &value.to_string());
    match problem {
        FileProblem::TooLarge { max_bytes } => {
            let megabytes = number(max_bytes / (1024 * 1024));
            if english {
                format!("The file is larger than {megabytes} MB: split it into smaller files.")
            } else {
                format!("فایل بزرگ‌تر از {megabytes} مگابایت است: آن را به چند فایل کوچک‌تر تقسیم کنید.")
            }
        }
        FileProblem::NoRows => if english {
            "The file has no rows under its header line."
        } else {
            "فایل زیر خط عنوان ستون‌ها هیچ ردیفی ندارد."
        }
        .to_string(),
        FileProblem::TooManyRows { max } => {
            if english {
                format!("The file has more than {} rows: split it.", number(*max))
            } else {
                format!("فایل بیش از {} ردیف دارد: آن را تقسیم کنید.", number(*max))
            }
        }
        FileProblem::TooManyColumns { max } => {
            if english {
                format!(
                    "The file has more than {} columns: is it the right file?",
                    number(*max)
                )
            } else {
                format!("فایل بیش از {} ستون دارد: فایل درستی است؟", number(*max))
            }
        }
        FileProblem::NotUnicodeText => if english {
            "The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”."
        } else {
            "فایل متن UTF-8 نیست. در اکسل آن را با قالب «CSV UTF-8» ذخیره کنید."
        }
        .to_string(),
        FileProblem::Workbook => if english {
            "This is an old Excel 97-2003 workbook (.xls). Save it as .xlsx or “CSV UTF-8” and choose that file."
        } else {
            "این یک کارپوشهٔ قدیمی اکسل ۹۷-۲۰۰۳ (.xls) است. آن را با قالب .xlsx یا «CSV UTF-8» ذخیره کنید و همان فایل را انتخاب کنید."
        }
        .to_string(),
        FileProblem::Unreadable => if english {
            "The file could not be read as CSV or as an Excel workbook (.xlsx)."
        } else {
            "فایل نه به‌صورت CSV خوانده شد و نه به‌صورت کارپوشهٔ اکسل (.xlsx)."
        }
        .to_string(),
    }
}

/// What is wrong with one row, in one sentence.
pub fn row_problem_message(locale: Locale, problem: &RowProblem) -> String {
    let english = locale == Locale::En;
    match problem {
        RowProblem::Field { error } => format!(
            "{}: {}",
            lead_field_label(locale, &error.field),
            field_problem_message(locale, &error.problem)
        ),
        RowProblem::RepeatsRow { line } => {
            let line = localize_digits(locale, &line.to_string());
            if english {
                format!("Same phone or e-mail as line {line}.")
            } else {
                format!("تلفن یا ایمیل تکراری با خط {line}.")
            }
        }
        RowProblem::AlreadyALead => if english {
            "A lead with this phone or e-mail is already in Pishro."
        } else {
            "سرنخی با همین تلفن یا ایمیل در پیشرو هست."
        }
        .to_string(),
        RowProblem::ClosedStage => if english {
            "Won and lost deals are not imported; only open leads."
        } else {
            "معامله‌های موفق و از دست رفته وارد نمی‌شوند؛ فقط سرنخ‌های باز."
        }
        .to_string(),
    }
}

/// The import button, with the number of leads it will create.
pub fn import_button_label(locale: Locale, leads: usize) -> String {
    let count = localize_digits(locale, &leads.to_string());
    match locale {
        Locale::En if leads == 1 => "Import 1 lead".to_string(),
        Locale::En => format!("Import {count} leads"),
        Locale::Fa => format!("وارد کردن {count} سرنخ"),
    }
}

/// A timeline entry: who gave the lead to whom, by which rule, when.
pub fn assignment_message(locale: Locale, change: &crate::domain::lead::LeadChange) -> String {
    let when = super::format_date_time(locale, change.at);
    let rule = change
        .rule
        .map(|rule| format!(" ({})", rule.label(locale)))
        .unwrap_or_default();
    let from = if change.old_value.is_empty() {
        String::new()
    } else if locale == Locale::En {
        format!(" from {}", change.old_value)
    } else {
        format!(" از {}", change.old_value)
    };
    if change.rule.is_none()
        && change.old_value.is_empty()
        && change.changed_by_name == change.new_value
    {
        // A rep who claimed it from the lead pool.
        return match locale {
            Locale::En => format!("{} took it from the lead pool · {when}", change.new_value),
            Locale::Fa => format!("{} آن را از استخر سرنخ‌ها برداشت · {when}", change.new_value),
        };
    }
    match locale {
        Locale::En => format!(
            "{} assigned it to {}{from}{rule} · {when}",
            change.changed_by_name, change.new_value
        ),
        Locale::Fa => format!(
            "{} آن را{from} به {} سپرد{rule} · {when}",
            change.changed_by_name, change.new_value
        ),
    }
}

/// "3 leads shared: Reza 2, Sara 1."
pub fn shared_message(locale: Locale, shared: usize, per_rep: &[(String, usize)]) -> String {
    let count = localize_digits(locale, &shared.to_string());
    let shares: Vec<String> = per_rep
        .iter()
        .map(|(name, count)| format!("{name} {}", localize_digits(locale, &count.to_string())))
        .collect();
    let (done, separator) = match locale {
        Locale::En => ("leads shared", ", "),
        Locale::Fa => ("سرنخ تقسیم شد", "، "),
    };
    if shares.is_empty() {
        format!("{count} {done}.")
    } else {
        format!("{count} {done}: {}.", shares.join(separator))
    }
}

/// "17 leads imported: Sara 9, Reza 8."
pub fn imported_message(locale: Locale, imported: usize, per_rep: &[(String, usize)]) -> String {
    let texts = import_texts(locale);
    let count = localize_digits(locale, &imported.to_string());
    let shares: Vec<String> = per_rep
        .iter()
        .map(|(name, count)| format!("{name} {}", localize_digits(locale, &count.to_string())))
        .collect();
    let separator = if locale == Locale::En { ", " } else { "، " };
    if shares.is_empty() {
        format!("{count} {}.", texts.imported)
    } else {
        format!("{count} {}: {}.", texts.imported, shares.join(separator))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_reads_in_both_languages() {
        for locale in [Locale::En, Locale::Fa] {
            for problem in [
                RowProblem::RepeatsRow { line: 12 },
                RowProblem::AlreadyALead,
                RowProblem::ClosedStage,
            ] {
                assert!(!row_problem_message(locale, &problem).is_empty());
            }
            assert!(!file_problem_message(locale, &FileProblem::Workbook).is_empty());
        }
        assert_eq!(
            row_problem_message(Locale::Fa, &RowProblem::RepeatsRow { line: 12 }),
            "تلفن یا ایمیل تکراری با خط ۱۲."
        );
        assert_eq!(
            imported_message(Locale::En, 3, &[("Sara".into(), 2), ("Reza".into(), 1)]),
            "3 leads imported: Sara 2, Reza 1."
        );
    }
}

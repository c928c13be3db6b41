//! The words of the training screen, in English and Persian.

use super::localize_digits;
use crate::domain::Locale;
use crate::domain::training::{TraineeStanding, TrainingKind};

/// Every fixed string of the training screen, in one language.
pub struct TrainingTexts {
    pub title: &'static str,
    pub open: &'static str,
    pub explained: &'static str,
    pub team: &'static str,
    pub no_programmes: &'static str,
    pub sessions_heading: &'static str,
    pub no_sessions: &'static str,
    pub who_came: &'static str,
    pub people_heading: &'static str,
    pub person: &'static str,
    pub attendance: &'static str,
    pub completed: &'static str,
    pub not_completed: &'static str,
    pub mark_complete: &'static str,
    pub take_back: &'static str,
    pub remove_session: &'static str,
    pub retire: &'static str,
    pub no_people: &'static str,
    pub new_heading: &'static str,
    pub create: &'static str,
    pub session_heading: &'static str,
    pub add_session: &'static str,
    pub completion_heading: &'static str,
    pub completion_explained: &'static str,
    pub counts_toward_goals: &'static str,
}

pub const ENGLISH: TrainingTexts = TrainingTexts {
    title: "Training",
    open: "Training",
    explained: "Run onboarding, product and skills programmes: plan their sessions, note who came, and mark who completed. A completion counts toward training goals in the period of its day.",
    team: "Team",
    no_programmes: "No programmes yet. Start one below: an onboarding for new reps is a good first.",
    sessions_heading: "Sessions",
    no_sessions: "No sessions planned yet. Add one below.",
    who_came: "Who came",
    people_heading: "People",
    person: "Person",
    attendance: "Sessions attended",
    completed: "Completed",
    not_completed: "Not yet",
    mark_complete: "Mark complete",
    take_back: "Take back",
    remove_session: "Remove session",
    retire: "Retire programme",
    no_people: "Nobody on this team can sign in yet.",
    new_heading: "Start a programme",
    create: "Start the programme",
    session_heading: "Plan a session",
    add_session: "Add the session",
    completion_heading: "Completions",
    completion_explained: "“Mark complete” records the day below.",
    counts_toward_goals: "Counts toward training goals",
};

pub const PERSIAN: TrainingTexts = TrainingTexts {
    title: "آموزش",
    open: "آموزش",
    explained: "دوره‌های آشنایی، محصول و مهارت را اجرا کنید: جلسه‌ها را برنامه‌ریزی کنید، حاضران را ثبت کنید و پایان دوره را برای هر نفر بزنید. پایان دوره در دورهٔ روزِ خودش برای هدف‌های آموزشی شمرده می‌شود.",
    team: "تیم",
    no_programmes: "هنوز دوره‌ای نیست. در پایین یکی را شروع کنید؛ دورهٔ آشنایی برای نمایندگان تازه شروع خوبی است.",
    sessions_heading: "جلسه‌ها",
    no_sessions: "هنوز جلسه‌ای برنامه‌ریزی نشده است. در پایین یکی اضافه کنید.",
    who_came: "حاضران",
    people_heading: "افراد",
    person: "فرد",
    attendance: "جلسه‌های حاضر",
    completed: "پایان دوره",
    not_completed: "هنوز نه",
    mark_complete: "ثبت پایان دوره",
    take_back: "پس گرفتن",
    remove_session: "حذف جلسه",
    retire: "کنار گذاشتن دوره",
    no_people: "هنوز کسی در این تیم امکان ورود ندارد.",
    new_heading: "شروع یک دوره",
    create: "شروع دوره",
    session_heading: "برنامه‌ریزی یک جلسه",
    add_session: "افزودن جلسه",
    completion_heading: "پایان دوره",
    completion_explained: "«ثبت پایان دوره» روز زیر را ثبت می‌کند.",
    counts_toward_goals: "برای هدف‌های آموزشی شمرده می‌شود",
};

pub fn training_texts(locale: Locale) -> &'static TrainingTexts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

impl super::Label for TrainingKind {
    fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (TrainingKind::Onboarding, Locale::En) => "Onboarding",
            (TrainingKind::Onboarding, Locale::Fa) => "آشنایی",
            (TrainingKind::Product, Locale::En) => "Product",
            (TrainingKind::Product, Locale::Fa) => "محصول",
            (TrainingKind::Skills, Locale::En) => "Skills",
            (TrainingKind::Skills, Locale::Fa) => "مهارت",
        }
    }
}

/// "2 of 3", with a note when every session held so far was attended.
pub fn attendance_text(locale: Locale, standing: &TraineeStanding) -> String {
    let count = |number: usize| localize_digits(locale, &number.to_string());
    match locale {
        Locale::En => format!("{} of {}", count(standing.attended), count(standing.held)),
        Locale::Fa => format!("{} از {}", count(standing.attended), count(standing.held)),
    }
}

/// A session's name for a screen reader and the session picker.
pub fn session_name(locale: Locale, day: chrono::NaiveDate, topic: &str) -> String {
    format!("{} · {topic}", super::format::format_date(locale, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;

    #[test]
    fn attendance_reads_in_each_language() {
        let standing = TraineeStanding {
            person_id: UserId::new(),
            attended: 2,
            held: 3,
            completed_on: None,
        };
        assert_eq!(attendance_text(Locale::En, &standing), "2 of 3");
        assert_eq!(attendance_text(Locale::Fa, &standing), "۲ از ۳");
    }
}

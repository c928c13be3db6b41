//! The translation layer: every string a user sees comes from here, in
//! English and Persian. `Texts` is a struct so a string missing in one
//! language is a compile error, not a blank on screen.

pub mod account;
pub mod audit;
pub mod budgets;
pub mod dashboard;
pub mod events;
pub mod format;
pub mod insights;
pub mod lead_import;
pub mod lead_merge;
pub mod people;
pub mod pool;
pub mod reports;
pub mod shell;
pub mod team_days;
pub mod training;

use crate::domain::activity::{ActivityKind, Outcome, Tactic};
use crate::domain::goal::{GoalMetric, GoalScope};
use crate::domain::lead::{CustomerKind, LeadSource, LeadStage};
use crate::domain::record::RecordKind;
use crate::domain::user::Role;
use crate::domain::validation::FieldProblem;
use crate::domain::{Currency, Locale};
use crate::error::AppError;

pub use format::{format_date, format_date_time, format_money, format_number, localize_digits};

/// Every fixed string of the interface, in one language.
pub struct Texts {
    pub app_name: &'static str,
    pub switch_language: &'static str,
    pub main_navigation: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_leads: &'static str,
    pub nav_activities: &'static str,
    pub nav_goals: &'static str,
    pub nav_records: &'static str,
    pub sign_in: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_hint: &'static str,
    pub sign_out: &'static str,
    /// Opens a record's form from its summary.
    pub edit: &'static str,
    pub signing_in: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub loading: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub delete: &'static str,
    pub confirm_delete: &'static str,
    pub cancel: &'static str,
    pub back_to_list: &'static str,
    pub not_found_title: &'static str,
    pub leads_title: &'static str,
    pub new_lead: &'static str,
    pub edit_lead: &'static str,
    pub no_leads: &'static str,
    pub name: &'static str,
    pub company: &'static str,
    pub phone: &'static str,
    pub source: &'static str,
    pub lead_event: &'static str,
    pub record_tags: &'static str,
    pub record_tag: &'static str,
    pub any_tag: &'static str,
    pub any_kind: &'static str,
    pub filter_records: &'static str,
    pub filter_from: &'static str,
    pub filter_to: &'static str,
    pub no_records_match: &'static str,
    pub no_event_chosen: &'static str,
    pub stage: &'static str,
    pub estimated_value: &'static str,
    pub currency: &'static str,
    pub customer: &'static str,
    pub won_amount: &'static str,
    pub lost_reason: &'static str,
    pub owner: &'static str,
    pub updated: &'static str,
    pub activities_title: &'static str,
    pub activities_of_lead: &'static str,
    pub log_activity: &'static str,
    pub edit_activity: &'static str,
    pub no_activities: &'static str,
    pub activity_type: &'static str,
    pub tactic: &'static str,
    pub outcome: &'static str,
    pub notes: &'static str,
    /// The public web form's message box and its trap field.
    pub web_form_message: &'static str,
    pub web_form_leave_empty: &'static str,
    /// A web form's title, as its manager names it.
    pub web_form_title: &'static str,
    pub headcount_planned: &'static str,
    pub training_kind: &'static str,
    pub training_programme: &'static str,
    pub training_day: &'static str,
    pub training_topic: &'static str,
    pub training_completed_on: &'static str,
    pub started_on: &'static str,
    pub staff_notes: &'static str,
    pub headcount_note: &'static str,
    pub when: &'static str,
    pub lead: &'static str,
    pub duration_minutes: &'static str,
    pub done: &'static str,
    pub no_lead_choice: &'static str,
    pub no_outcome_choice: &'static str,
    pub goals_title: &'static str,
    pub new_goal: &'static str,
    pub edit_goal: &'static str,
    pub no_goals: &'static str,
    pub goals_set_by_manager: &'static str,
    pub goal_scope: &'static str,
    pub goal_subject: &'static str,
    pub metric: &'static str,
    pub target: &'static str,
    pub period_start: &'static str,
    pub period_end: &'static str,
    pub period: &'static str,
    pub records_title: &'static str,
    pub new_record: &'static str,
    pub edit_record: &'static str,
    pub no_records: &'static str,
    pub records_for_managers: &'static str,
    pub record_kind: &'static str,
    pub title: &'static str,
    pub amount: &'static str,
    pub details: &'static str,
    pub dashboard_title: &'static str,
    pub scope_own: &'static str,
    pub scope_team: &'static str,
    pub scope_everything: &'static str,
    pub open_leads: &'static str,
    pub deals_won: &'static str,
    pub revenue_won: &'static str,
    pub pipeline_value: &'static str,
    pub activities_this_month: &'static str,
    pub calls_this_month: &'static str,
    pub active_goals: &'static str,
    pub offline_notice: &'static str,
    pub fix_fields: &'static str,
    pub nav_people: &'static str,
    pub people_title: &'static str,
    pub teams_title: &'static str,
    pub new_person: &'static str,
    pub edit_person: &'static str,
    pub new_team: &'static str,
    pub edit_team: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub team: &'static str,
    pub team_name: &'static str,
    pub no_team: &'static str,
    pub manager: &'static str,
    pub no_manager: &'static str,
    pub language: &'static str,
    pub new_password: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub sync_status: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub pending_changes: &'static str,
    pub last_sync: &'static str,
    pub never_synced: &'static str,
    pub sync_now: &'static str,
    pub syncing: &'static str,
    pub sync_failed: &'static str,
    pub dismiss: &'static str,
    pub restore_mine: &'static str,
    pub keep_theirs: &'static str,
    pub not_synced_yet: &'static str,
    pub storage_evicted: &'static str,
    /// Beside a figure counted on a device that removed synced rows.
    pub counted_after_eviction: &'static str,
    pub search_leads: &'static str,
    pub any_choice: &'static str,
    pub sort_by: &'static str,
    pub order_recently_updated: &'static str,
    pub order_highest_value: &'static str,
    pub order_last_activity: &'static str,
    pub order_next_follow_up: &'static str,
    pub leads_shown: &'static str,
    pub no_matching_leads: &'static str,
    pub next_follow_up: &'static str,
    pub last_activity: &'static str,
    pub show_more: &'static str,
    pub possible_duplicate: &'static str,
    pub nav_my_day: &'static str,
    pub nav_pipeline: &'static str,
    pub pipeline_title: &'static str,
    pub pipeline_hint: &'static str,
    pub move_lead: &'static str,
    pub undo: &'static str,
    pub closed_on: &'static str,
    pub my_day_title: &'static str,
    pub task_done: &'static str,
    pub overdue: &'static str,
    pub nothing_overdue: &'static str,
    pub due_today: &'static str,
    pub nothing_due_today: &'static str,
    pub going_cold: &'static str,
    pub nothing_going_cold: &'static str,
    pub done_today: &'static str,
    pub nothing_done_today: &'static str,
    pub goals_this_period: &'static str,
    pub no_goals_now: &'static str,
    pub task_without_notes: &'static str,
    pub due: &'static str,
    pub mark_done: &'static str,
    pub reschedule: &'static str,
    pub new_due_time: &'static str,
    pub follow_up_due: &'static str,
    pub follow_up_notes: &'static str,
    pub call_number: &'static str,
    pub quick_log: &'static str,
    pub history_title: &'static str,
    pub history_offline: &'static str,
    pub overwritten_by_sync: &'static str,
    pub open_existing: &'static str,
    pub open_new: &'static str,
    pub nav_pay: &'static str,
    pub pay_title: &'static str,
    pub earned_so_far: &'static str,
    pub commission_label: &'static str,
    pub bonus_label: &'static str,
    pub rep_bonus_label: &'static str,
    pub team_bonus_label: &'static str,
    pub bonus_reached: &'static str,
    pub no_plan: &'static str,
    pub plan_title: &'static str,
    pub new_customer_rate: &'static str,
    pub existing_customer_rate: &'static str,
    pub tier_from: &'static str,
    pub tier_new_rate: &'static str,
    pub tier_existing_rate: &'static str,
    pub effective_from: &'static str,
    pub effective_to: &'static str,
    pub rep_bonus_amount: &'static str,
    pub team_bonus_amount: &'static str,
    pub bonus_currency: &'static str,
    pub save_plan: &'static str,
    pub plan_saved: &'static str,
    pub commission_report: &'static str,
    pub download_csv: &'static str,
    pub report_needs_network: &'static str,
    pub unsynced_included: &'static str,
    pub team_feed: &'static str,
    pub give_kudos: &'static str,
    pub kudos_to: &'static str,
    pub kudos_message: &'static str,
    pub no_kudos: &'static str,
    pub leaderboard_title: &'static str,
    pub copy_last_period: &'static str,
    pub for_every_rep: &'static str,
    pub goals_copied: &'static str,
    pub progress_title: &'static str,
    pub rep_label: &'static str,
    pub deals_won_label: &'static str,
    pub revenue_label: &'static str,
    pub total_label: &'static str,
    pub goal_calendar: &'static str,
    pub readers_calendar: &'static str,
    pub team_time_zone: &'static str,
    pub calendars_zone: &'static str,
    pub holiday_day: &'static str,
    pub holiday_name: &'static str,
    pub lead_capacity: &'static str,
    pub current_password: &'static str,
    pub invite_email: &'static str,
    pub budget_category: &'static str,
    pub budget_planned: &'static str,
    pub budget_from: &'static str,
    pub budget_to: &'static str,
    pub spending_line: &'static str,
    pub spent_on: &'static str,
    pub spending_amount: &'static str,
    pub spending_note: &'static str,
    pub event_name: &'static str,
    pub event_kind: &'static str,
    pub event_starts: &'static str,
    pub event_ends: &'static str,
    pub event_place: &'static str,
    pub event_cost: &'static str,
    pub chosen_password: &'static str,
    pub repeated_password: &'static str,
    pub away_from: &'static str,
    pub away_until: &'static str,
    pub absence_reason: &'static str,
    pub this_month: &'static str,
    pub this_quarter: &'static str,
    pub this_year: &'static str,
    pub every_rep_scope: &'static str,
    pub goals_set_for_reps: &'static str,
    pub leaderboard_needs_network: &'static str,
    pub rank_label: &'static str,
    pub result_label: &'static str,
    pub nobody_ranked: &'static str,
    pub milestones_title: &'static str,
    pub add_tier: &'static str,
    pub remove_tier: &'static str,
    pub tier_heading: &'static str,
    pub record_person: &'static str,
    pub whole_team: &'static str,
    pub leaderboard_as_of: &'static str,
}

pub const ENGLISH: Texts = Texts {
    app_name: "Pishro",
    switch_language: "فارسی",
    main_navigation: "Main",
    nav_dashboard: "Dashboard",
    nav_leads: "Leads",
    nav_activities: "Activities",
    nav_goals: "Goals",
    nav_records: "Records",
    sign_in: "Sign in",
    sign_in_title: "Sign in to Pishro",
    sign_in_hint: "Demo accounts: manager@pishro.local, rep1@pishro.local, rep2@pishro.local; password pishro-demo.",
    sign_out: "Sign out",
    edit: "Edit",
    signing_in: "Signing in…",
    email: "Email",
    password: "Password",
    loading: "Loading…",
    save: "Save",
    saving: "Saving…",
    delete: "Delete",
    confirm_delete: "Delete this? It disappears for everyone on the team.",
    cancel: "Cancel",
    back_to_list: "Back to the list",
    not_found_title: "Page not found",
    leads_title: "Leads",
    new_lead: "New lead",
    edit_lead: "Edit lead",
    no_leads: "No leads yet. Add your first one.",
    name: "Name",
    company: "Company",
    phone: "Phone",
    source: "Source",
    lead_event: "Event where you met them",
    record_tags: "Tags (commas between)",
    record_tag: "Tag",
    any_tag: "Any tag",
    any_kind: "Any kind",
    filter_records: "Filter records",
    filter_from: "Touching days from",
    filter_to: "Touching days to",
    no_records_match: "No record matches. Clear a filter to see more.",
    no_event_chosen: "Not chosen",
    stage: "Stage",
    estimated_value: "Estimated value",
    currency: "Currency",
    customer: "Customer",
    won_amount: "Won amount",
    lost_reason: "Lost reason",
    owner: "Owner",
    updated: "Updated",
    activities_title: "Activities",
    activities_of_lead: "Timeline",
    log_activity: "Log activity",
    edit_activity: "Edit activity",
    no_activities: "No activities yet.",
    activity_type: "Type",
    tactic: "Tactic",
    outcome: "Outcome",
    notes: "Notes",
    web_form_message: "Your message",
    web_form_leave_empty: "Leave this field empty",
    web_form_title: "Form title (visitors read it as the heading)",
    headcount_planned: "Reps planned",
    training_kind: "Kind of programme",
    training_programme: "Programme",
    training_day: "Day",
    training_topic: "Topic",
    training_completed_on: "Day completed",
    started_on: "Started with the company",
    staff_notes: "Notes",
    headcount_note: "Note (optional)",
    when: "When",
    lead: "Lead",
    duration_minutes: "Duration (minutes)",
    done: "Done",
    no_lead_choice: "(no lead)",
    no_outcome_choice: "(not yet)",
    goals_title: "Goals",
    new_goal: "New goal",
    edit_goal: "Edit goal",
    no_goals: "No goals set for this period.",
    goals_set_by_manager: "Your manager sets these goals.",
    goal_scope: "Goal for",
    goal_subject: "Rep or team",
    metric: "Metric",
    target: "Target",
    period_start: "Period start",
    period_end: "Period end",
    period: "Period",
    records_title: "Records",
    new_record: "New record",
    edit_record: "Edit record",
    no_records: "No records yet.",
    records_for_managers: "Records are kept by managers.",
    record_kind: "Kind",
    title: "Title",
    amount: "Amount",
    details: "Details",
    dashboard_title: "Dashboard",
    scope_own: "Your numbers",
    scope_team: "Your team's numbers",
    scope_everything: "All teams",
    open_leads: "Open leads now",
    deals_won: "Deals won, all time",
    revenue_won: "Revenue won, all time",
    pipeline_value: "Open pipeline value",
    activities_this_month: "Activities this month",
    calls_this_month: "Calls this month",
    active_goals: "Active goals",
    offline_notice: "You are offline. Showing what was loaded last.",
    fix_fields: "Please fix the marked fields.",
    nav_people: "People",
    people_title: "People",
    teams_title: "Teams",
    new_person: "New person",
    edit_person: "Edit person",
    new_team: "New team",
    edit_team: "Edit team",
    display_name: "Display name",
    role: "Role",
    team: "Team",
    team_name: "Team name",
    no_team: "(no team)",
    manager: "Manager",
    no_manager: "(no manager)",
    language: "Language",
    new_password: "New password (leave empty to keep)",
    active: "Active (can sign in)",
    inactive: "Inactive",
    sync_status: "Sync status",
    online: "Online",
    offline: "Offline: your work is saved on this device",
    pending_changes: "Pending changes",
    last_sync: "Last sync",
    never_synced: "not yet",
    sync_now: "Sync now",
    syncing: "Syncing…",
    sync_failed: "Last sync failed",
    dismiss: "Dismiss",
    restore_mine: "Restore my value",
    keep_theirs: "Keep theirs",
    not_synced_yet: "Not synced yet",
    storage_evicted: "This device's storage was full, so older synced records were removed from it. They are safe on the server.",
    counted_after_eviction: "Counted on this device, which removed older records to make room: this may be lower than the server's figure.",
    search_leads: "Search leads",
    any_choice: "All",
    sort_by: "Sort by",
    order_recently_updated: "Recently updated",
    order_highest_value: "Highest value",
    order_last_activity: "Last activity",
    order_next_follow_up: "Next follow-up",
    leads_shown: "shown",
    no_matching_leads: "No lead matches this search.",
    next_follow_up: "Next follow-up",
    last_activity: "Last activity",
    show_more: "Show more",
    possible_duplicate: "A lead with this phone or e-mail already exists. Open it instead:",
    nav_my_day: "My day",
    nav_pipeline: "Pipeline",
    pipeline_title: "Pipeline",
    pipeline_hint: "Drag a card to another stage, or use its Move button.",
    move_lead: "Move",
    undo: "Undo",
    closed_on: "Closed on",
    my_day_title: "My day",
    task_done: "Task marked done.",
    overdue: "Overdue",
    nothing_overdue: "Nothing overdue.",
    due_today: "Due today",
    nothing_due_today: "Nothing else due today.",
    going_cold: "Going cold",
    nothing_going_cold: "Every open lead has recent activity or a planned task.",
    done_today: "Done today",
    nothing_done_today: "Nothing logged today yet.",
    goals_this_period: "Goals this period",
    no_goals_now: "No personal goals for this period.",
    task_without_notes: "Task",
    due: "Due",
    mark_done: "Done",
    reschedule: "Reschedule",
    new_due_time: "New due time",
    follow_up_due: "Follow-up task due (optional)",
    follow_up_notes: "Follow-up: what to do next",
    call_number: "Call",
    quick_log: "Log quickly",
    history_title: "Changes",
    history_offline: "The change history loads when online.",
    overwritten_by_sync: "overwritten in a sync conflict",
    open_existing: "Open the existing lead",
    open_new: "Open the new one",
    nav_pay: "Pay",
    pay_title: "Pay",
    earned_so_far: "Earned so far this period",
    commission_label: "Commission",
    bonus_label: "Bonus",
    rep_bonus_label: "Bonus for reaching your monthly target",
    team_bonus_label: "Team bonus when the team goal is reached",
    bonus_reached: "Reached",
    no_plan: "Your team has no compensation plan for this period yet.",
    plan_title: "Compensation plan",
    new_customer_rate: "Rate on new customers (%)",
    existing_customer_rate: "Rate on existing customers (%)",
    tier_from: "Higher rates above this share of quota (%)",
    tier_new_rate: "Higher rate on new customers (%)",
    tier_existing_rate: "Higher rate on existing customers (%)",
    effective_from: "In force from",
    effective_to: "Until (optional)",
    rep_bonus_amount: "Bonus for beating the monthly target",
    team_bonus_amount: "Team bonus when the team goal is reached",
    bonus_currency: "Bonus currency",
    save_plan: "Save plan",
    plan_saved: "Plan saved. It reaches every rep's device with the next sync.",
    commission_report: "Commission per rep",
    download_csv: "Download CSV",
    report_needs_network: "The report is computed on the server: connect to see it.",
    unsynced_included: "Includes changes not yet synced",
    team_feed: "Team feed",
    give_kudos: "Send kudos",
    kudos_to: "To",
    kudos_message: "Message",
    no_kudos: "No kudos yet. Be the first to thank a teammate.",
    leaderboard_title: "Leaderboard",
    copy_last_period: "Copy last period's goals",
    for_every_rep: "Set the same goal for every rep",
    goals_copied: "Goals copied",
    progress_title: "Where we stand",
    rep_label: "Rep",
    deals_won_label: "Deals won",
    revenue_label: "Revenue",
    total_label: "Total",
    goal_calendar: "Goal periods follow",
    readers_calendar: "Each reader's language",
    team_time_zone: "Time zone of the team's days",
    calendars_zone: "The calendar's zone (Tehran or UTC)",
    holiday_day: "Day off",
    holiday_name: "Holiday (e.g. Tasua)",
    lead_capacity: "Open leads they can carry",
    current_password: "Current password",
    invite_email: "E-mail of the person to invite",
    budget_category: "Category",
    budget_planned: "Amount planned",
    budget_from: "From",
    budget_to: "To",
    spending_line: "Budget line",
    spent_on: "Day spent",
    spending_amount: "Amount spent",
    spending_note: "What for (optional)",
    event_name: "Event name",
    event_kind: "Kind of event",
    event_starts: "First day",
    event_ends: "Last day",
    event_place: "Place (optional)",
    event_cost: "What it cost (stand, travel, materials)",
    chosen_password: "New password",
    repeated_password: "New password again",
    away_from: "Away from",
    away_until: "Back after (last day away)",
    absence_reason: "Reason (optional)",
    this_month: "This month",
    this_quarter: "This quarter",
    this_year: "This year",
    every_rep_scope: "Each rep of the team (one goal each)",
    goals_set_for_reps: "Goals set for reps",
    leaderboard_needs_network: "The leaderboard needs the network; it shows again when you are back online.",
    rank_label: "Rank",
    result_label: "Result",
    nobody_ranked: "No reps on this team yet.",
    milestones_title: "Goal milestones",
    add_tier: "Add a tier",
    remove_tier: "Remove this tier",
    tier_heading: "Tier",
    record_person: "Who it is about",
    whole_team: "The whole team",
    leaderboard_as_of: "Offline: the last known standings, from",
};

pub const PERSIAN: Texts = Texts {
    app_name: "پیشرو",
    switch_language: "English",
    main_navigation: "اصلی",
    nav_dashboard: "داشبورد",
    nav_leads: "سرنخ‌ها",
    nav_activities: "فعالیت‌ها",
    nav_goals: "اهداف",
    nav_records: "سوابق",
    sign_in: "ورود",
    sign_in_title: "ورود به پیشرو",
    sign_in_hint: "حساب‌های نمایشی: manager@pishro.local، rep1@pishro.local، rep2@pishro.local؛ گذرواژه pishro-demo.",
    sign_out: "خروج",
    edit: "ویرایش",
    signing_in: "در حال ورود…",
    email: "ایمیل",
    password: "گذرواژه",
    loading: "در حال بارگذاری…",
    save: "ذخیره",
    saving: "در حال ذخیره…",
    delete: "حذف",
    confirm_delete: "حذف شود؟ برای همه اعضای تیم ناپدید می‌شود.",
    cancel: "انصراف",
    back_to_list: "بازگشت به فهرست",
    not_found_title: "صفحه پیدا نشد",
    leads_title: "سرنخ‌ها",
    new_lead: "سرنخ جدید",
    edit_lead: "ویرایش سرنخ",
    no_leads: "هنوز سرنخی ندارید. اولین را اضافه کنید.",
    name: "نام",
    company: "شرکت",
    phone: "تلفن",
    source: "منبع",
    lead_event: "رویدادی که آنجا آشنا شدید",
    record_tags: "برچسب‌ها (با ویرگول جدا کنید)",
    record_tag: "برچسب",
    any_tag: "هر برچسبی",
    any_kind: "هر نوعی",
    filter_records: "پالایش پرونده‌ها",
    filter_from: "از روز",
    filter_to: "تا روز",
    no_records_match: "پرونده‌ای با این پالایش نیست. یکی از پالایش‌ها را پاک کنید.",
    no_event_chosen: "انتخاب نشده",
    stage: "مرحله",
    estimated_value: "ارزش تخمینی",
    currency: "واحد پول",
    customer: "مشتری",
    won_amount: "مبلغ قرارداد",
    lost_reason: "دلیل از دست رفتن",
    owner: "مسئول",
    updated: "به‌روزرسانی",
    activities_title: "فعالیت‌ها",
    activities_of_lead: "گاه‌شمار",
    log_activity: "ثبت فعالیت",
    edit_activity: "ویرایش فعالیت",
    no_activities: "هنوز فعالیتی ثبت نشده.",
    activity_type: "نوع",
    tactic: "تاکتیک",
    outcome: "نتیجه",
    notes: "یادداشت",
    web_form_message: "پیام شما",
    web_form_leave_empty: "این خانه را خالی بگذارید",
    web_form_title: "عنوان فرم (بازدیدکنندگان آن را سرتیتر می‌بینند)",
    headcount_planned: "نمایندگان برنامه‌ریزی‌شده",
    training_kind: "نوع دوره",
    training_programme: "دوره",
    training_day: "روز",
    training_topic: "موضوع",
    training_completed_on: "روز پایان دوره",
    started_on: "شروع همکاری",
    staff_notes: "یادداشت‌ها",
    headcount_note: "یادداشت (اختیاری)",
    when: "زمان",
    lead: "سرنخ",
    duration_minutes: "مدت (دقیقه)",
    done: "انجام شد",
    no_lead_choice: "(بدون سرنخ)",
    no_outcome_choice: "(هنوز نه)",
    goals_title: "اهداف",
    new_goal: "هدف جدید",
    edit_goal: "ویرایش هدف",
    no_goals: "برای این دوره هدفی تعیین نشده.",
    goals_set_by_manager: "این اهداف را مدیر شما تعیین می‌کند.",
    goal_scope: "هدف برای",
    goal_subject: "کارشناس یا تیم",
    metric: "شاخص",
    target: "مقدار هدف",
    period_start: "شروع دوره",
    period_end: "پایان دوره",
    period: "دوره",
    records_title: "سوابق",
    new_record: "سابقه جدید",
    edit_record: "ویرایش سابقه",
    no_records: "هنوز سابقه‌ای ثبت نشده.",
    records_for_managers: "سوابق را مدیران نگه می‌دارند.",
    record_kind: "نوع",
    title: "عنوان",
    amount: "مبلغ",
    details: "جزئیات",
    dashboard_title: "داشبورد",
    scope_own: "آمار شما",
    scope_team: "آمار تیم شما",
    scope_everything: "همه تیم‌ها",
    open_leads: "سرنخ‌های باز",
    deals_won: "معاملات موفق، از ابتدا",
    revenue_won: "درآمد کسب‌شده، از ابتدا",
    pipeline_value: "ارزش قیف باز",
    activities_this_month: "فعالیت‌های این ماه",
    calls_this_month: "تماس‌های این ماه",
    active_goals: "اهداف جاری",
    offline_notice: "آفلاین هستید. آخرین داده‌های بارگذاری‌شده نمایش داده می‌شود.",
    fix_fields: "لطفاً فیلدهای مشخص‌شده را اصلاح کنید.",
    nav_people: "افراد",
    people_title: "افراد",
    teams_title: "تیم‌ها",
    new_person: "فرد جدید",
    edit_person: "ویرایش فرد",
    new_team: "تیم جدید",
    edit_team: "ویرایش تیم",
    display_name: "نام نمایشی",
    role: "نقش",
    team: "تیم",
    team_name: "نام تیم",
    no_team: "(بدون تیم)",
    manager: "مدیر",
    no_manager: "(بدون مدیر)",
    language: "زبان",
    new_password: "گذرواژه جدید (خالی بگذارید تا تغییر نکند)",
    active: "فعال (می‌تواند وارد شود)",
    inactive: "غیرفعال",
    sync_status: "وضعیت همگام‌سازی",
    online: "آنلاین",
    offline: "آفلاین: کار شما روی این دستگاه ذخیره می‌شود",
    pending_changes: "تغییرات در انتظار",
    last_sync: "آخرین همگام‌سازی",
    never_synced: "هنوز نه",
    sync_now: "همگام‌سازی اکنون",
    syncing: "در حال همگام‌سازی…",
    sync_failed: "همگام‌سازی ناموفق بود",
    dismiss: "بستن",
    restore_mine: "بازگرداندن مقدار من",
    keep_theirs: "پذیرفتن مقدار جدید",
    not_synced_yet: "هنوز همگام نشده",
    storage_evicted: "فضای این دستگاه پر بود و سوابق قدیمی‌ترِ همگام‌شده از آن حذف شدند. این سوابق روی سرور محفوظ‌اند.",
    counted_after_eviction: "شمارش روی این دستگاه، که برای جا باز کردن سوابق قدیمی‌تر را حذف کرده است: ممکن است از رقم سرور کمتر باشد.",
    search_leads: "جستجوی سرنخ‌ها",
    any_choice: "همه",
    sort_by: "مرتب‌سازی",
    order_recently_updated: "آخرین تغییر",
    order_highest_value: "بیشترین ارزش",
    order_last_activity: "آخرین فعالیت",
    order_next_follow_up: "نزدیک‌ترین پیگیری",
    leads_shown: "نمایش داده شده",
    no_matching_leads: "هیچ سرنخی با این جستجو پیدا نشد.",
    next_follow_up: "پیگیری بعدی",
    last_activity: "آخرین فعالیت",
    show_more: "نمایش بیشتر",
    possible_duplicate: "سرنخی با همین تلفن یا ایمیل وجود دارد. به جای آن، همان را باز کنید:",
    nav_my_day: "روز من",
    nav_pipeline: "قیف فروش",
    pipeline_title: "قیف فروش",
    pipeline_hint: "کارت را به مرحلهٔ دیگری بکشید یا دکمهٔ «انتقال» آن را بزنید.",
    move_lead: "انتقال",
    undo: "واگرد",
    closed_on: "تاریخ بسته شدن",
    my_day_title: "روز من",
    task_done: "کار انجام‌شده ثبت شد.",
    overdue: "عقب‌افتاده",
    nothing_overdue: "کار عقب‌افتاده‌ای ندارید.",
    due_today: "موعد امروز",
    nothing_due_today: "کار دیگری برای امروز نیست.",
    going_cold: "رو به سرد شدن",
    nothing_going_cold: "همهٔ سرنخ‌های باز فعالیت تازه یا کار برنامه‌ریزی‌شده دارند.",
    done_today: "انجام‌شده امروز",
    nothing_done_today: "امروز هنوز چیزی ثبت نشده است.",
    goals_this_period: "هدف‌های این دوره",
    no_goals_now: "برای این دوره هدف شخصی ندارید.",
    task_without_notes: "کار",
    due: "موعد",
    mark_done: "انجام شد",
    reschedule: "تغییر زمان",
    new_due_time: "موعد جدید",
    follow_up_due: "موعد کار پیگیری (اختیاری)",
    follow_up_notes: "پیگیری: قدم بعدی",
    call_number: "تماس با",
    quick_log: "ثبت سریع",
    history_title: "تغییرات",
    history_offline: "تاریخچهٔ تغییرات با اتصال به شبکه بارگذاری می‌شود.",
    overwritten_by_sync: "در تعارض همگام‌سازی بازنویسی شد",
    open_existing: "باز کردن سرنخ موجود",
    open_new: "باز کردن سرنخ جدید",
    nav_pay: "پرداخت",
    pay_title: "پرداخت",
    earned_so_far: "درآمد تا امروز در این دوره",
    commission_label: "پورسانت",
    bonus_label: "پاداش",
    rep_bonus_label: "پاداش رسیدن به هدف ماهانه",
    team_bonus_label: "پاداش تیمی با رسیدن تیم به هدف",
    bonus_reached: "به دست آمد",
    no_plan: "تیم شما هنوز برای این دوره طرح پرداخت ندارد.",
    plan_title: "طرح پرداخت",
    new_customer_rate: "نرخ مشتری جدید (٪)",
    existing_customer_rate: "نرخ مشتری فعلی (٪)",
    tier_from: "نرخ بالاتر از این درصد سهمیه (٪)",
    tier_new_rate: "نرخ بالاتر مشتری جدید (٪)",
    tier_existing_rate: "نرخ بالاتر مشتری فعلی (٪)",
    effective_from: "از تاریخ",
    effective_to: "تا تاریخ (اختیاری)",
    rep_bonus_amount: "پاداش عبور از هدف ماهانه",
    team_bonus_amount: "پاداش تیمی با رسیدن به هدف تیم",
    bonus_currency: "ارز پاداش",
    save_plan: "ذخیرهٔ طرح",
    plan_saved: "طرح ذخیره شد و با همگام‌سازی بعدی به دستگاه همهٔ فروشندگان می‌رسد.",
    commission_report: "پورسانت هر فروشنده",
    download_csv: "دریافت CSV",
    report_needs_network: "گزارش روی سرور محاسبه می‌شود: برای دیدنش به اینترنت وصل شوید.",
    unsynced_included: "شامل تغییراتی که هنوز همگام نشده‌اند",
    team_feed: "خبرهای تیم",
    give_kudos: "تشکر بفرستید",
    kudos_to: "به",
    kudos_message: "پیام",
    no_kudos: "هنوز تشکری نیست. اولین نفر باشید.",
    leaderboard_title: "جدول رتبه‌ها",
    copy_last_period: "کپی اهداف دورهٔ قبل",
    for_every_rep: "همین هدف برای همهٔ فروشندگان",
    goals_copied: "اهداف کپی شد",
    progress_title: "وضعیت ما",
    rep_label: "فروشنده",
    deals_won_label: "معاملات موفق",
    revenue_label: "درآمد",
    total_label: "جمع",
    goal_calendar: "دوره‌های هدف بر اساس",
    readers_calendar: "زبان هر کاربر",
    team_time_zone: "منطقهٔ زمانی روزهای تیم",
    calendars_zone: "منطقهٔ تقویم (تهران یا UTC)",
    holiday_day: "روز تعطیل",
    holiday_name: "مناسبت (مثلاً تاسوعا)",
    lead_capacity: "سرنخ‌های باز که می‌تواند داشته باشد",
    current_password: "گذرواژهٔ فعلی",
    invite_email: "ایمیل کسی که دعوت می‌کنید",
    budget_category: "دسته",
    budget_planned: "مبلغ برنامه",
    budget_from: "از",
    budget_to: "تا",
    spending_line: "ردیف بودجه",
    spent_on: "روز هزینه",
    spending_amount: "مبلغ هزینه",
    spending_note: "بابت (اختیاری)",
    event_name: "نام رویداد",
    event_kind: "نوع رویداد",
    event_starts: "روز نخست",
    event_ends: "روز پایانی",
    event_place: "مکان (اختیاری)",
    event_cost: "هزینه (غرفه، سفر، اقلام)",
    chosen_password: "گذرواژهٔ تازه",
    repeated_password: "دوباره گذرواژهٔ تازه",
    away_from: "غایب از",
    away_until: "تا (آخرین روز غیبت)",
    absence_reason: "دلیل (اختیاری)",
    this_month: "این ماه",
    this_quarter: "این فصل",
    this_year: "امسال",
    every_rep_scope: "هر فروشندهٔ تیم (هدف جدا برای هر نفر)",
    goals_set_for_reps: "هدف برای فروشندگان ثبت شد",
    leaderboard_needs_network: "جدول رتبه‌ها به اینترنت نیاز دارد؛ با اتصال دوباره نمایش داده می‌شود.",
    rank_label: "رتبه",
    result_label: "نتیجه",
    nobody_ranked: "هنوز فروشنده‌ای در این تیم نیست.",
    milestones_title: "نقاط عطف اهداف",
    add_tier: "افزودن پله",
    remove_tier: "حذف این پله",
    tier_heading: "پله",
    record_person: "دربارهٔ چه کسی",
    whole_team: "کل تیم",
    leaderboard_as_of: "آفلاین: آخرین رتبه‌بندی شناخته‌شده، از",
};

/// The catalogue for a locale.
pub fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::En => &ENGLISH,
        Locale::Fa => &PERSIAN,
    }
}

/// A value's name as shown to a reader of `locale`.
pub trait Label: Copy {
    fn label(self, locale: Locale) -> &'static str;
}

macro_rules! labels {
    ($type:ty { $($variant:path => ($english:literal, $persian:literal)),+ $(,)? }) => {
        impl Label for $type {
            fn label(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(($variant, Locale::En) => $english, ($variant, Locale::Fa) => $persian,)+
                }
            }
        }
    };
}

labels!(LeadStage {
    LeadStage::New => ("New", "جدید"),
    LeadStage::Contacted => ("Contacted", "تماس گرفته شد"),
    LeadStage::Qualified => ("Qualified", "واجد شرایط"),
    LeadStage::Proposal => ("Proposal", "پیشنهاد"),
    LeadStage::Negotiation => ("Negotiation", "مذاکره"),
    LeadStage::Won => ("Won", "موفق"),
    LeadStage::Lost => ("Lost", "از دست رفته"),
});
labels!(LeadSource {
    LeadSource::Referral => ("Referral", "معرفی"),
    LeadSource::Event => ("Event", "رویداد"),
    LeadSource::Website => ("Website", "وب‌سایت"),
    LeadSource::ColdList => ("Cold list", "فهرست سرد"),
    LeadSource::Social => ("Social media", "شبکه‌های اجتماعی"),
    LeadSource::Other => ("Other", "سایر"),
});
labels!(CustomerKind {
    CustomerKind::New => ("New customer", "مشتری جدید"),
    CustomerKind::Existing => ("Existing customer", "مشتری فعلی"),
});
labels!(ActivityKind {
    ActivityKind::Call => ("Call", "تماس"),
    ActivityKind::Meeting => ("Meeting", "جلسه"),
    ActivityKind::Email => ("Email", "ایمیل"),
    ActivityKind::Task => ("Task", "کار"),
    ActivityKind::Note => ("Note", "یادداشت"),
});
labels!(Tactic {
    Tactic::ColdCall => ("Cold call", "تماس سرد"),
    Tactic::WarmCall => ("Warm call", "تماس گرم"),
    Tactic::PersonalisedEmail => ("Personalised email", "ایمیل شخصی"),
    Tactic::Referral => ("Referral", "معرفی"),
    Tactic::Event => ("Event", "رویداد"),
    Tactic::Visit => ("Visit", "بازدید حضوری"),
    Tactic::Social => ("Social media", "شبکه‌های اجتماعی"),
    Tactic::Other => ("Other", "سایر"),
});
labels!(Outcome {
    Outcome::Reached => ("Reached", "پاسخ داد"),
    Outcome::NoAnswer => ("No answer", "بی‌پاسخ"),
    Outcome::Interested => ("Interested", "علاقه‌مند"),
    Outcome::NotInterested => ("Not interested", "بی‌علاقه"),
    Outcome::MeetingBooked => ("Meeting booked", "جلسه تنظیم شد"),
    Outcome::Completed => ("Completed", "انجام شد"),
});
labels!(GoalScope {
    GoalScope::Rep => ("A rep", "یک کارشناس"),
    GoalScope::Team => ("The whole team", "کل تیم"),
});
labels!(crate::domain::period::Calendar {
    crate::domain::period::Calendar::Gregorian => ("Gregorian calendar", "تقویم میلادی"),
    crate::domain::period::Calendar::Jalali => ("Jalali calendar (Iranian fiscal year)", "تقویم شمسی (سال مالی ایران)"),
});
labels!(GoalMetric {
    GoalMetric::RevenueWon => ("Revenue won", "درآمد کسب‌شده"),
    GoalMetric::DealsWon => ("Deals won", "معاملات موفق"),
    GoalMetric::NewCustomers => ("New customers", "مشتریان جدید"),
    GoalMetric::Calls => ("Calls", "تماس‌ها"),
    GoalMetric::Meetings => ("Meetings", "جلسه‌ها"),
    GoalMetric::Activities => ("Activities logged", "فعالیت‌های ثبت‌شده"),
    GoalMetric::ConversionRate => ("Conversion rate (%)", "نرخ تبدیل (٪)"),
    GoalMetric::TrainingCompleted => ("Training completed", "آموزش‌های تکمیل‌شده"),
});
labels!(RecordKind {
    RecordKind::Budget => ("Budget", "بودجه"),
    RecordKind::Staff => ("Staff", "کارکنان"),
    RecordKind::Training => ("Training", "آموزش"),
    RecordKind::Other => ("Other", "سایر"),
});
labels!(Role {
    Role::Rep => ("Rep", "کارشناس فروش"),
    Role::Manager => ("Manager", "مدیر فروش"),
    Role::Admin => ("Admin", "مدیر سیستم"),
});
labels!(Currency {
    Currency::Irr => ("Iranian rial (IRR)", "ریال"),
    Currency::Usd => ("US dollar (USD)", "دلار آمریکا"),
    Currency::Eur => ("Euro (EUR)", "یورو"),
    Currency::Aed => ("UAE dirham (AED)", "درهم امارات"),
});

/// What a form shows next to a field with a problem.
pub fn field_problem_message(locale: Locale, problem: &FieldProblem) -> String {
    let english = locale == Locale::En;
    let text = |en: &str, fa: &str| {
        if english {
            en.to_string()
        } else {
            fa.to_string()
        }
    };
    match problem {
        FieldProblem::Required => text("This field is required.", "این فیلد لازم است."),
        FieldProblem::TooLong { max } => {
            if english {
                format!("Too long: at most {max} characters.")
            } else {
                format!(
                    "خیلی طولانی است: حداکثر {} نویسه.",
                    localize_digits(locale, &max.to_string())
                )
            }
        }
        FieldProblem::InvalidEmail => text(
            "Enter an e-mail address like name@example.com.",
            "یک نشانی ایمیل مانند name@example.com وارد کنید.",
        ),
        FieldProblem::InvalidPhone => text(
            "Enter a phone number of 5 to 15 digits.",
            "شماره تلفن باید ۵ تا ۱۵ رقم باشد.",
        ),
        FieldProblem::NotANumber => text("Enter a number.", "یک عدد وارد کنید."),
        FieldProblem::Negative => text("Cannot be negative.", "نمی‌تواند منفی باشد."),
        FieldProblem::TooLarge => text("That number is too large.", "این عدد بیش از حد بزرگ است."),
        FieldProblem::TooSmall { min } => {
            if english {
                format!("Enter at least {min}.")
            } else {
                format!(
                    "دست‌کم {} وارد کنید.",
                    localize_digits(locale, &min.to_string())
                )
            }
        }
        FieldProblem::WrongPassword => text(
            "That is not your current password.",
            "این گذرواژهٔ فعلی شما نیست.",
        ),
        FieldProblem::PasswordsDiffer => text(
            "The two new passwords differ. Type the same one twice.",
            "دو گذرواژهٔ تازه یکی نیستند. یک گذرواژه را دو بار بنویسید.",
        ),
        FieldProblem::NobodyPresent => text(
            "Every rep you chose is away today. Choose someone who is in.",
            "همه نمایندگانی که انتخاب کردید امروز غایب‌اند. کسی را انتخاب کنید که حاضر است.",
        ),
        FieldProblem::MustBeEmpty => text(
            "Leave this field empty, then send again.",
            "این خانه را خالی بگذارید و دوباره بفرستید.",
        ),
        FieldProblem::PhoneOrEmailRequired => text(
            "Give a phone number or an e-mail address, so we can reach you.",
            "شماره تلفن یا نشانی ایمیل بدهید تا بتوانیم با شما تماس بگیریم.",
        ),
        FieldProblem::UnknownChoice => text(
            "Pick one of the listed choices.",
            "یکی از گزینه‌های فهرست را انتخاب کنید.",
        ),
        FieldProblem::InvalidDate => text("Enter a valid date.", "یک تاریخ معتبر وارد کنید."),
        FieldProblem::InFuture => text("This day has not come yet.", "این روز هنوز نرسیده است."),
        FieldProblem::EndBeforeStart => text(
            "The end must not be before the start.",
            "پایان نباید پیش از شروع باشد.",
        ),
        FieldProblem::WonAmountRequired => text(
            "A won deal needs the amount won.",
            "برای معامله موفق، مبلغ قرارداد را وارد کنید.",
        ),
        FieldProblem::LostReasonRequired => text(
            "Say why the deal was lost.",
            "دلیل از دست رفتن معامله را بنویسید.",
        ),
        FieldProblem::NotAllowed => text(
            "You cannot assign this to that person.",
            "شما نمی‌توانید این را به آن شخص واگذار کنید.",
        ),
        FieldProblem::PasswordTooShort { min } => {
            if english {
                format!("Use at least {min} characters.")
            } else {
                format!(
                    "دست‌کم {} نویسه به کار ببرید.",
                    localize_digits(locale, &min.to_string())
                )
            }
        }
        FieldProblem::EmailTaken => text(
            "This e-mail is already in use.",
            "این ایمیل قبلاً استفاده شده است.",
        ),
        FieldProblem::Repeated => text(
            "This field was changed twice in one save.",
            "این فیلد در یک ذخیره دو بار تغییر کرده است.",
        ),
        FieldProblem::TooMany { max } => {
            if english {
                format!("At most {max} changes at once.")
            } else {
                format!(
                    "حداکثر {} تغییر در یک بار.",
                    localize_digits(locale, &max.to_string())
                )
            }
        }
        FieldProblem::BadFile { file } => lead_import::file_problem_message(locale, file),
    }
}

/// What a page shows when a server function fails.
pub fn error_message(locale: Locale, error: &AppError) -> &'static str {
    let english = locale == Locale::En;
    let pick = |en: &'static str, fa: &'static str| if english { en } else { fa };
    match error {
        AppError::Unauthenticated => pick("Please sign in again.", "لطفاً دوباره وارد شوید."),
        AppError::Forbidden => pick(
            "You do not have access to this.",
            "به این مورد دسترسی ندارید.",
        ),
        AppError::NotFound => pick(
            "This record does not exist or was deleted.",
            "این مورد وجود ندارد یا حذف شده است.",
        ),
        AppError::Invalid(_) => pick(
            "Please fix the marked fields.",
            "لطفاً فیلدهای مشخص‌شده را اصلاح کنید.",
        ),
        AppError::BadCredentials => pick(
            "The e-mail or password is not right.",
            "ایمیل یا گذرواژه درست نیست.",
        ),
        AppError::BadRequest => pick(
            "The request was not understood. Please reload Pishro.",
            "درخواست نامفهوم بود. لطفاً پیشرو را دوباره بارگذاری کنید.",
        ),
        AppError::UnsupportedProtocol { .. } => pick(
            "Pishro was updated. Please reload the page; your unsent changes are kept.",
            "پیشرو به‌روز شده است. صفحه را دوباره بارگذاری کنید؛ تغییرات ارسال‌نشده شما حفظ می‌شوند.",
        ),
        AppError::Internal => pick(
            "The server had a problem. Please try again.",
            "سرور با مشکل روبه‌رو شد. دوباره تلاش کنید.",
        ),
        AppError::Network(_) => pick(
            "Could not reach the server. Check the connection and try again.",
            "اتصال به سرور ممکن نشد. اتصال را بررسی و دوباره تلاش کنید.",
        ),
        AppError::StorageFull => pick(
            "This device's storage is full. The change was not saved; sync, then try again.",
            "فضای ذخیره‌سازی این دستگاه پر است. این تغییر ذخیره نشد؛ همگام‌سازی کنید و دوباره تلاش کنید.",
        ),
        AppError::TooManyAttempts { .. } => pick(
            "Too many wrong passwords for this e-mail. Wait a few minutes, then try again.",
            "رمز عبور این ایمیل چند بار اشتباه وارد شد. چند دقیقه صبر کنید و دوباره تلاش کنید.",
        ),
        AppError::TooManySubmissions { .. } => pick(
            "Too many messages were sent from your network or to this form. Wait a few minutes, then send again.",
            "از شبکهٔ شما یا به این فرم پیام‌های زیادی فرستاده شده است. چند دقیقه صبر کنید و دوباره بفرستید.",
        ),
    }
}

/// The name of a lead list order.
pub fn lead_order_label(locale: Locale, order: crate::domain::search::LeadOrder) -> &'static str {
    use crate::domain::search::LeadOrder;
    let texts = texts(locale);
    match order {
        LeadOrder::RecentlyUpdated => texts.order_recently_updated,
        LeadOrder::HighestValue => texts.order_highest_value,
        LeadOrder::LastActivity => texts.order_last_activity,
        LeadOrder::NextFollowUp => texts.order_next_follow_up,
    }
}

/// A lead field's label, by its draft name (for conflict notices).
pub fn lead_field_label(locale: Locale, field: &str) -> &'static str {
    let texts = texts(locale);
    match field {
        "owner_id" => texts.owner,
        "name" => texts.name,
        "company" => texts.company,
        "phone" => texts.phone,
        "email" => texts.email,
        "source" => texts.source,
        "stage" => texts.stage,
        "estimated_value" => texts.estimated_value,
        "currency" => texts.currency,
        "customer_kind" => texts.customer,
        "won_amount" => texts.won_amount,
        "lost_reason" => texts.lost_reason,
        "closed_on" => texts.closed_on,
        _ => "?",
    }
}

/// Tells a rep that someone else's later change replaced a value of theirs.
pub fn conflict_message(locale: Locale, notice: &crate::sync::protocol::ConflictNotice) -> String {
    let field = lead_field_label(locale, &notice.field);
    let (yours, theirs) = (
        localize_digits(locale, &notice.your_value),
        localize_digits(locale, &notice.their_value),
    );
    match locale {
        Locale::En => format!(
            "{} changed {} of “{}” to “{}”. Your value was “{}”.",
            notice.changed_by_name, field, notice.lead_name, theirs, yours
        ),
        Locale::Fa => format!(
            "{} مقدار «{}» در «{}» را به «{}» تغییر داد. مقدار شما «{}» بود.",
            notice.changed_by_name, field, notice.lead_name, theirs, yours
        ),
    }
}

/// What a refused change was, in a few words, for the sync notices.
pub fn refused_change_message(
    locale: Locale,
    operation: Option<&crate::sync::protocol::Operation>,
    reason: &AppError,
) -> String {
    use crate::sync::protocol::Operation;
    let english = locale == Locale::En;
    let what = match operation {
        Some(Operation::CreateLead { draft }) => {
            if english {
                format!("New lead “{}”", draft.name)
            } else {
                format!("سرنخ تازه «{}»", draft.name)
            }
        }
        Some(Operation::UpdateLead { .. }) => (if english {
            "A lead edit"
        } else {
            "ویرایش یک سرنخ"
        })
        .to_string(),
        Some(Operation::DeleteLead { .. }) => (if english {
            "A lead deletion"
        } else {
            "حذف یک سرنخ"
        })
        .to_string(),
        Some(Operation::LogActivity { draft } | Operation::UpdateActivity { draft }) => {
            let kind = <ActivityKind as crate::domain::Choice>::parse(&draft.kind)
                .map(|kind| kind.label(locale))
                .unwrap_or("?");
            if english {
                format!("Activity ({kind})")
            } else {
                format!("فعالیت ({kind})")
            }
        }
        Some(Operation::CompleteTask { .. }) => (if english {
            "A task update"
        } else {
            "به‌روزرسانی یک کار"
        })
        .to_string(),
        Some(Operation::DeleteActivity { .. }) => (if english {
            "An activity deletion"
        } else {
            "حذف یک فعالیت"
        })
        .to_string(),
        Some(Operation::GiveKudos { draft }) => {
            if english {
                format!("Kudos “{}”", draft.message)
            } else {
                format!("تشکر «{}»", draft.message)
            }
        }
        None => (if english {
            "A change"
        } else {
            "یک تغییر"
        })
        .to_string(),
    };
    let problem = match reason {
        AppError::Invalid(problems) => problems
            .0
            .iter()
            .map(|error| {
                format!(
                    "{}: {}",
                    lead_field_label(locale, &error.field),
                    field_problem_message(locale, &error.problem)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => error_message(locale, other).to_string(),
    };
    if english {
        format!("{what} was not saved on the server: {problem}")
    } else {
        format!("{what} روی سرور ذخیره نشد: {problem}")
    }
}

/// Names whose unsynced changes this device keeps (sign-in screen).
pub fn unsynced_on_device_message(locale: Locale, name: &str, count: usize) -> String {
    let count = localize_digits(locale, &count.to_string());
    match locale {
        Locale::En => format!(
            "This device keeps {count} unsynced change(s) by {name}. They are kept and sent when {name} signs in here again."
        ),
        Locale::Fa => format!(
            "این دستگاه {count} تغییر همگام‌نشده از {name} نگه می‌دارد. این تغییرات حفظ می‌شوند و وقتی {name} دوباره اینجا وارد شود ارسال می‌شوند."
        ),
    }
}

/// Asked before signing out with changes not yet on the server.
pub fn sign_out_unsynced_question(locale: Locale, count: usize) -> String {
    let count = localize_digits(locale, &count.to_string());
    match locale {
        Locale::En => format!(
            "{count} change(s) are not synced yet. They stay on this device and are sent when you sign in here again. Sign out anyway?"
        ),
        Locale::Fa => format!(
            "{count} تغییر هنوز همگام نشده است. این تغییرات روی این دستگاه می‌مانند و وقتی دوباره اینجا وارد شوید ارسال می‌شوند. با این حال خارج می‌شوید؟"
        ),
    }
}

/// Confirms a stage move (the Undo button sits beside it).
pub fn moved_message(locale: Locale, lead_name: &str, stage: crate::domain::LeadStage) -> String {
    match locale {
        Locale::En => format!("Moved “{lead_name}” to {}.", stage.label(locale)),
        Locale::Fa => format!("«{lead_name}» به {} منتقل شد.", stage.label(locale)),
    }
}

/// Names the group of stage buttons on a card, for screen readers.
pub fn move_menu_label(locale: Locale, lead_name: &str) -> String {
    match locale {
        Locale::En => format!("Move “{lead_name}” to"),
        Locale::Fa => format!("انتقال «{lead_name}» به"),
    }
}

/// The title of the dialog that asks for a win's amount or a loss's reason.
pub fn move_dialog_title(
    locale: Locale,
    lead_name: &str,
    stage: crate::domain::LeadStage,
) -> String {
    match locale {
        Locale::En => format!("Move “{lead_name}” to {}", stage.label(locale)),
        Locale::Fa => format!("انتقال «{lead_name}» به {}", stage.label(locale)),
    }
}

/// How long an open lead has gone without any activity.
pub fn idle_days_message(locale: Locale, days: i64) -> String {
    let count = localize_digits(locale, &days.to_string());
    match locale {
        Locale::En => format!("No activity for {count} days"),
        Locale::Fa => format!("{count} روز بدون فعالیت"),
    }
}

/// The quick action that logs one kind of activity on a lead.
pub fn log_kind_label(locale: Locale, kind: ActivityKind) -> String {
    match locale {
        Locale::En => format!("Log {}", kind.label(locale).to_lowercase()),
        Locale::Fa => format!("ثبت {}", kind.label(locale)),
    }
}

/// One recorded change of a lead, for its timeline: who changed which field
/// from what to what, and whether it overwrote someone's value in a sync.
pub fn lead_change_message(locale: Locale, change: &crate::domain::lead::LeadChange) -> String {
    use crate::domain::Choice;
    if change.field == crate::domain::lead::ASSIGNED_FIELD {
        return lead_import::assignment_message(locale, change);
    }
    if change.field == crate::domain::lead::WEB_FORM_FIELD {
        return pool::web_form_message(locale, change);
    }
    if change.field == crate::domain::lead::MERGED_FIELD {
        return lead_merge::merged_message(locale, change);
    }
    let field = lead_field_label(locale, &change.field);
    let shown = |value: &str| {
        let value = match change.field.as_str() {
            "stage" => LeadStage::parse(value).map(|stage| stage.label(locale).to_string()),
            "source" => LeadSource::parse(value).map(|source| source.label(locale).to_string()),
            "customer_kind" => {
                CustomerKind::parse(value).map(|kind| kind.label(locale).to_string())
            }
            _ => None,
        }
        .unwrap_or_else(|| value.to_string());
        if value.is_empty() {
            "—".to_string()
        } else {
            localize_digits(locale, &value)
        }
    };
    let when = format_date_time(locale, change.at);
    let conflict = if change.conflict {
        format!(" ({})", texts(locale).overwritten_by_sync)
    } else {
        String::new()
    };
    match locale {
        Locale::En => format!(
            "{} changed {} from “{}” to “{}” · {}{}",
            change.changed_by_name,
            field,
            shown(&change.old_value),
            shown(&change.new_value),
            when,
            conflict
        ),
        Locale::Fa => format!(
            "{} {} را از «{}» به «{}» تغییر داد · {}{}",
            change.changed_by_name,
            field,
            shown(&change.old_value),
            shown(&change.new_value),
            when,
            conflict
        ),
    }
}

/// Tells a rep that a lead they created matches one the team already has.
pub fn duplicate_message(
    locale: Locale,
    notice: &crate::sync::protocol::PossibleDuplicate,
) -> String {
    let texts = texts(locale);
    let matched = if notice.matched_on == "phone" {
        texts.phone
    } else {
        texts.email
    };
    match locale {
        Locale::En => format!(
            "“{}” may be a duplicate: {} already has “{}” with the same {}.",
            notice.lead_name,
            notice.existing_owner_name,
            notice.existing_lead_name,
            matched.to_lowercase()
        ),
        Locale::Fa => format!(
            "«{}» شاید تکراری باشد: {} سرنخ «{}» را با همین {} دارد.",
            notice.lead_name, notice.existing_owner_name, notice.existing_lead_name, matched
        ),
    }
}

/// Where a goal stands against an even pace, and where it is heading.
pub fn pace_message(
    locale: Locale,
    pace: crate::domain::period::Pace,
    expected_by_now: &str,
    projected: &str,
) -> String {
    use crate::domain::period::Pace;
    match locale {
        Locale::En => {
            let verdict = match pace {
                Pace::Ahead => "Ahead of pace",
                Pace::OnPace => "On pace",
                Pace::Behind => "Behind pace",
            };
            format!("{verdict} ({expected_by_now} expected by today) · heading for {projected}")
        }
        Locale::Fa => {
            let verdict = match pace {
                Pace::Ahead => "جلوتر از برنامه",
                Pace::OnPace => "مطابق برنامه",
                Pace::Behind => "عقب‌تر از برنامه",
            };
            format!(
                "{verdict} (انتظار تا امروز: {expected_by_now}) · پیش‌بینی پایان دوره: {projected}"
            )
        }
    }
}

/// An in-app notice that a goal crossed 50, 90 or 100 percent.
pub fn milestone_message(locale: Locale, metric: &str, subject: &str, percent: i64) -> String {
    // A name in the other script keeps its own direction (first-strong
    // isolate), so "Reza Rep" does not pull the Persian sentence apart.
    let subject = format!("\u{2068}{subject}\u{2069}");
    match locale {
        Locale::En => format!("{metric} · {subject}: {percent}% of the goal reached"),
        Locale::Fa => format!(
            "{metric} · {subject}: {}٪ هدف محقق شد",
            localize_digits(locale, &percent.to_string())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    #[test]
    fn every_choice_has_a_name_in_both_languages() {
        fn check<T: Choice + Label>() {
            for value in T::ALL {
                for locale in Locale::ALL {
                    assert!(!value.label(*locale).is_empty());
                }
                assert_ne!(value.label(Locale::En), value.label(Locale::Fa));
            }
        }
        check::<LeadStage>();
        check::<LeadSource>();
        check::<CustomerKind>();
        check::<ActivityKind>();
        check::<Tactic>();
        check::<Outcome>();
        check::<GoalScope>();
        check::<GoalMetric>();
        check::<RecordKind>();
        check::<Role>();
        check::<Currency>();
    }

    #[test]
    fn the_labels_tests_and_screen_readers_rely_on_are_stable() {
        let english = texts(Locale::En);
        let labels = [
            english.email,
            english.password,
            english.sign_in,
            english.sign_out,
            english.name,
            english.company,
            english.phone,
            english.source,
            english.stage,
            english.estimated_value,
            english.customer,
            english.activity_type,
            english.tactic,
            english.outcome,
            english.notes,
            english.when,
            english.new_lead,
            english.log_activity,
            english.save,
        ];
        assert_eq!(
            labels,
            [
                "Email",
                "Password",
                "Sign in",
                "Sign out",
                "Name",
                "Company",
                "Phone",
                "Source",
                "Stage",
                "Estimated value",
                "Customer",
                "Type",
                "Tactic",
                "Outcome",
                "Notes",
                "When",
                "New lead",
                "Log activity",
                "Save"
            ]
        );
    }

    #[test]
    fn field_messages_exist_in_persian_with_persian_digits() {
        let message = field_problem_message(Locale::Fa, &FieldProblem::TooLong { max: 120 });
        assert!(message.contains("۱۲۰"), "{message}");
    }
}

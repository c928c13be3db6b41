//! Reusable pieces of the interface: the signed-in shell and form fields.

pub mod chart;
pub mod delete_button;
pub mod fields;
pub mod figures;
pub mod form;
pub mod later;
pub mod live;
pub mod milestones;
pub mod navigation;
pub mod notices;
pub mod shell;
pub mod show_more;
pub mod sync_status;
pub mod team_switch;

pub use delete_button::DeleteButton;
pub use fields::{
    CheckboxField, DateField, DateTimeField, SelectField, TextAreaField, TextField, choice_options,
};
pub use form::{FormActions, FormStatus};
pub use later::{Awaiting, Later, LoadingFromDevice};
pub use milestones::MilestoneNotices;
pub use notices::{ErrorNotice, EvictionCaveat, Loading, download_file};
pub use shell::Shell;
pub use show_more::ShowMore;

//! What every edit form shares: the problems shown next to fields, the
//! notice when a save fails, the busy state, and the row of actions.

use crate::client::session::use_session;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::error_message;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// A form's save state, shared by its fields and its actions.
#[derive(Clone, Copy)]
pub struct FormStatus {
    /// Field-level problems from the server, shown next to each field.
    pub errors: RwSignal<FieldErrors>,
    /// Why the last save failed, shown above the actions.
    pub failure: RwSignal<Option<AppError>>,
    pub busy: RwSignal<bool>,
    /// Whether a save can be kept now. A form saved on the device waits
    /// for the device's stored work to open (a moment as the app starts,
    /// longer on a first visit): its Save is held until then, so a quick
    /// tap is not answered with a failure.
    pub ready: Signal<bool>,
}

impl FormStatus {
    /// A form saved through the server: it can always be sent.
    pub fn new() -> Self {
        Self {
            errors: RwSignal::new(FieldErrors::default()),
            failure: RwSignal::new(None),
            busy: RwSignal::new(false),
            ready: Signal::stored(true),
        }
    }

    /// A form saved on this device (`save_locally`): ready once the sync
    /// engine has opened the person's stored work and outbox.
    pub fn on_device() -> Self {
        let engine = crate::client::engine::use_sync();
        Self {
            ready: Signal::derive(move || engine.ready()),
            ..Self::new()
        }
    }

    /// Whether the Save button is held: a save running, or nowhere yet to
    /// keep one.
    fn held(self) -> bool {
        self.busy.get() || !self.ready.get()
    }

    /// Runs `save` unless one is already running; on success clears the
    /// problems and calls `saved`, otherwise shows what went wrong.
    pub fn submit<Saved, Saving>(self, save: Saving, saved: impl FnOnce(Saved) + 'static)
    where
        Saving: Future<Output = Result<Saved, AppError>> + 'static,
        Saved: 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        let session = use_session();
        self.busy.set(true);
        self.failure.set(None);
        spawn_local(async move {
            match save.await {
                Ok(value) => {
                    self.errors.set(FieldErrors::default());
                    saved(value);
                }
                Err(AppError::Invalid(problems)) => {
                    self.errors.set(problems);
                    self.failure
                        .set(Some(AppError::Invalid(FieldErrors::default())));
                }
                Err(error) => {
                    session.note_error(&error);
                    self.failure.set(Some(error));
                }
            }
            self.busy.set(false);
        });
    }
}

impl FormStatus {
    /// Saves on this device first (validated here, queued in the outbox and
    /// stored before anything else happens): field problems are shown at
    /// once; `Ok` means the change is safe even with no network.
    pub fn save_locally(self, save: impl FnOnce() -> Result<(), AppError>) -> bool {
        if !self.ready.get_untracked() {
            return false;
        }
        self.failure.set(None);
        match save() {
            Ok(()) => {
                self.errors.set(FieldErrors::default());
                true
            }
            Err(AppError::Invalid(problems)) => {
                self.errors.set(problems);
                self.failure
                    .set(Some(AppError::Invalid(FieldErrors::default())));
                false
            }
            Err(error) => {
                self.failure.set(Some(error));
                false
            }
        }
    }
}

impl Default for FormStatus {
    fn default() -> Self {
        Self::new()
    }
}

/// The failure notice, the Save button, a way back to the list, and any
/// extra actions (such as Delete) passed as children.
#[component]
pub fn FormActions(
    status: FormStatus,
    back_to: &'static str,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let session = use_session();
    view! {
        {move || status.failure.get().map(|error| view! {
            <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
        })}
        <div class="form-actions">
            <button type="submit" class="button-primary" disabled=move || status.held()>
                {move || if status.busy.get() { session.texts().saving } else { session.texts().save }}
            </button>
            <a href=back_to>{move || session.texts().back_to_list}</a>
            {children.map(|children| children())}
        </div>
    }
}

/// The failure notice and a submit button named for what it does (for the
/// forms of a screen that stays open after saving, with no list to go back
/// to); anything passed as children stands beside the button.
#[component]
pub fn SubmitRow(
    status: FormStatus,
    /// The button's words in the reader's language.
    label: Signal<&'static str>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let session = use_session();
    view! {
        {move || status.failure.get().map(|error| view! {
            <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
        })}
        <div class="form-actions">
            <button type="submit" class="button-primary" disabled=move || status.held()>{move || label.get()}</button>
            {children.map(|children| children())}
        </div>
    }
}

/// Runs a change (a removal, a tick) and reloads the screen's data, or
/// shows why it failed in `failure`.
pub fn run_and_reload(
    work: std::pin::Pin<Box<dyn Future<Output = Result<(), AppError>>>>,
    failure: RwSignal<Option<AppError>>,
    reload: RwSignal<u32>,
) {
    let session = use_session();
    failure.set(None);
    spawn_local(async move {
        match work.await {
            Ok(()) => reload.update(|count| *count += 1),
            Err(error) => {
                session.note_error(&error);
                failure.set(Some(error));
            }
        }
    });
}

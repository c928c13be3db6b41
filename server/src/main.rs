//! `pishro`: the server binary. Only wiring: settings, database, router,
//! serve; and `pishro generate [--reps N] [--leads N] [--activities N]
//! [--months N] [--seed N]`, which adds a generated team to the database
//! (`Store::generate`) for trying the reports at size; and `pishro
//! create-admin EMAIL`, the first account of a deployed Pishro (demo
//! accounts are only made on a loopback address unless asked for); `pishro
//! backup FILE` copies the live database to a new file while the server
//! runs, `pishro restore FILE` checks a copy and puts it in place (server
//! stopped); `pishro migrate-data --from sqlite:FILE --to postgres://…`
//! copies everything into a new PostgreSQL database (server stopped).

use app::api::context::ServerState;
use server::{Settings, app, prepare_store};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let settings = Settings::from_environment();
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if arguments.first().map(String::as_str) == Some("generate") {
        return generate(&settings, &arguments[1..]).await;
    }
    if arguments.first().map(String::as_str) == Some("migrate-data") {
        return migrate_data(&arguments[1..]).await;
    }
    if let Some(command @ ("backup" | "restore")) = arguments.first().map(String::as_str) {
        return backup_or_restore(&settings, command, arguments.get(1)).await;
    }
    if arguments.first().map(String::as_str) == Some("create-admin") {
        let email = arguments.get(1).ok_or("usage: pishro create-admin EMAIL")?;
        let (store, _) = prepare_store(&settings.database_url, false).await?;
        let password = server::create_admin(&store, email).await?;
        println!(
            "Admin {email} created. Password (shown once, change it after signing in): {password}"
        );
        return Ok(());
    }
    let (store, seeded) = prepare_store(&settings.database_url, settings.demo_data).await?;
    if seeded {
        tracing::info!("created demo data");
    }
    if !settings.demo_data && !store.has_users().await? {
        println!(
            "No accounts yet. Create the first admin with: pishro create-admin you@example.com"
        );
    }
    if settings.demo_data {
        println!(
            "Demo sign-in: {} / {} / {} (manager, reps), {}; password: {}",
            app::store::demo::DEMO_MANAGER,
            app::store::demo::DEMO_REP1,
            app::store::demo::DEMO_REP2,
            app::store::demo::DEMO_ADMIN,
            app::store::demo::DEMO_PASSWORD
        );
    }
    let state = ServerState {
        store: store.clone(),
        secure_cookies: settings.secure_cookies,
        sign_in_throttle: Default::default(),
        submission_limits: app::api::submission_limits::SubmissionLimits::with_per_address(
            settings.web_form_submissions_per_address,
        ),
        live: Default::default(),
    };
    let live = state.live.clone();
    let relay = server::live::relay_between_servers(&store, live.clone()).await;
    let checkpoints = store.keep_the_log_short(std::time::Duration::from_secs(1));
    let router = app(state, settings.site_dir.clone());
    let listener = tokio::net::TcpListener::bind(&settings.address).await?;
    println!("Pishro is running at http://{}", listener.local_addr()?);
    // The peer's address reaches the sign-in throttle.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        live.close_streams();
    })
    .await?;
    // Every request has finished: write the last pulls' notes, then fold
    // the write-ahead log into the file.
    checkpoints.abort();
    if let Some(relay) = relay {
        relay.abort();
    }
    store.settle_pull_notes().await;
    if let Err(error) = store.checkpoint().await {
        tracing::error!(%error, "could not checkpoint the database at shutdown");
    }
    store.pool().close().await;
    println!("Pishro stopped cleanly.");
    Ok(())
}

/// `pishro migrate-data --from sqlite:FILE --to postgres://…`: the whole
/// database, versions included, into a new PostgreSQL database.
async fn migrate_data(arguments: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    const USAGE: &str =
        "usage: pishro migrate-data --from sqlite:FILE --to postgres://USER@HOST/DATABASE";
    let value_of = |flag: &str| {
        arguments
            .iter()
            .position(|argument| argument == flag)
            .and_then(|at| arguments.get(at + 1))
            .ok_or(USAGE)
    };
    let (from, to) = (value_of("--from")?, value_of("--to")?);
    let source = app::store::Store::connect(from).await?;
    let target = app::store::Store::connect(to).await?;
    let summary = source.copy_everything_to(&target).await?;
    println!(
        "Copied {} rows of {} tables into {to}; sync version {} (devices carry on from their cursors).",
        summary.rows, summary.tables, summary.last_version
    );
    Ok(())
}

/// `pishro backup FILE` / `pishro restore FILE` on the configured database.
async fn backup_or_restore(
    settings: &Settings,
    command: &str,
    file: Option<&String>,
) -> Result<(), Box<dyn std::error::Error>> {
    use app::store::backup::{backup_file, restore_file};
    let file =
        std::path::PathBuf::from(file.ok_or_else(|| format!("usage: pishro {command} FILE"))?);
    // The error's words (not its debug form) are what the person reads.
    let summary = if command == "backup" {
        backup_file(&settings.database_url, &file).await
    } else {
        restore_file(&file, &settings.database_url).await
    }
    .map_err(|error| error.to_string())?;
    println!(
        "{} {}: migration {}, {} people, {} leads, {} activities, sync version {}.",
        if command == "backup" {
            "Backed up to"
        } else {
            "Restored from"
        },
        file.display(),
        summary.migration,
        summary.people,
        summary.leads,
        summary.activities,
        summary.last_version
    );
    Ok(())
}

/// `pishro generate`: fills the configured database with a generated team.
async fn generate(
    settings: &Settings,
    arguments: &[String],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut options = app::store::GenerateOptions::default();
    let mut rest = arguments.iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .ok_or_else(|| format!("{flag} needs a number"))?;
        let number: i64 = value
            .replace('_', "")
            .parse()
            .map_err(|_| format!("{flag}: {value} is not a whole number"))?;
        if number < 0 {
            return Err(format!("{flag}: {value} is negative").into());
        }
        match flag.as_str() {
            "--reps" => options.reps = usize::try_from(number.clamp(1, 1_000))?,
            "--leads" => options.leads = number.clamp(1, 10_000_000),
            "--activities" => options.activities = number.clamp(0, 50_000_000),
            "--months" => options.months = u32::try_from(number.clamp(1, 120))?,
            "--seed" => options.seed = number,
            other => {
                return Err(format!(
                    "unknown option {other} (use --reps, --leads, --activities, --months, --seed)"
                )
                .into());
            }
        }
    }
    let (store, _) = prepare_store(&settings.database_url, false).await?;
    let hash = app::auth::hash_password(app::store::demo::DEMO_PASSWORD)
        .map_err(|error| error.to_string())?;
    let started = std::time::Instant::now();
    let generated = store.generate(&options, &hash, chrono::Utc::now()).await?;
    println!(
        "Generated \"{}\" in {:.1} s: {} reps, {} leads, {} activities over {} months.",
        generated.team_name,
        started.elapsed().as_secs_f64(),
        generated.rep_emails.len(),
        options.leads,
        options.activities,
        options.months
    );
    println!(
        "Sign in as {} (or {} ...), password: {}",
        generated.manager_email,
        generated.rep_emails.first().cloned().unwrap_or_default(),
        app::store::demo::DEMO_PASSWORD
    );
    Ok(())
}

/// Ctrl-C, or SIGTERM (what `systemctl stop`, `docker stop` and
/// Kubernetes send).
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "could not listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

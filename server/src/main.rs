//! `pishro`: the server binary. Only wiring: settings, database, router, serve.

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
    let (store, seeded) = prepare_store(&settings.database_url, settings.demo_data).await?;
    if seeded {
        tracing::info!("created demo data");
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
        store,
        secure_cookies: settings.secure_cookies,
        sign_in_throttle: Default::default(),
        live: Default::default(),
    };
    let router = app(state, settings.site_dir.clone());
    let listener = tokio::net::TcpListener::bind(&settings.address).await?;
    println!("Pishro is running at http://{}", listener.local_addr()?);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    if let Err(error) = tokio::signal::ctrl_c().await {
        tracing::warn!(%error, "could not listen for ctrl-c");
        std::future::pending::<()>().await;
    }
}

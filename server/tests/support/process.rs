//! The real `pishro` binary in a child process, for the tests of what only
//! a whole process shows (shutdown, crashes): start it on a temporary
//! database and a free port, and speak plain HTTP/1.1 to it.

use app::store::demo::DEMO_PASSWORD;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Server {
    pub child: Child,
    pub address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").to_string()
}

pub async fn start(directory: &std::path::Path) -> Server {
    let address = free_address();
    let site = directory.join("site");
    std::fs::create_dir_all(&site).expect("site dir");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>Pishro</title>",
    )
    .expect("index");
    let child = Command::new(env!("CARGO_BIN_EXE_pishro"))
        .env("PISHRO_ADDRESS", &address)
        .env(
            "PISHRO_DATABASE_URL",
            format!("sqlite:{}", directory.join("pishro.db").display()),
        )
        .env("PISHRO_SITE_DIR", &site)
        .env("PISHRO_DEMO_DATA", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the pishro binary starts");
    let started = Instant::now();
    while TcpStream::connect(&address).await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server did not listen within a minute"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Server { child, address }
}

/// One HTTP/1.1 request on its own connection; the whole response as text.
pub async fn request(address: &str, head: &str, body: &str) -> String {
    try_request(address, head, body)
        .await
        .expect("the server answers")
}

/// Like `request`, but `None` when the server is gone (refused, reset).
pub async fn try_request(address: &str, head: &str, body: &str) -> Option<String> {
    let mut stream = TcpStream::connect(address).await.ok()?;
    let message = format!(
        "{head}\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(message.as_bytes()).await.ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await.ok()?;
    Some(response)
}

pub async fn sign_in(address: &str, email: &str) -> String {
    let body = serde_json::json!({ "email": email, "password": DEMO_PASSWORD }).to_string();
    let response = request(
        address,
        "POST /api/auth/sign_in HTTP/1.1\r\nContent-Type: application/json",
        &body,
    )
    .await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    response
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie").then(|| {
                value
                    .trim()
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
        })
        .expect("a session cookie")
}

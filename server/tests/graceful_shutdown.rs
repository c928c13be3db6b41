//! Graceful shutdown (issue 14, "Faults"): the real `pishro` binary, sent
//! SIGTERM (what `systemctl stop` and `docker stop` send) while a manager's
//! live stream is open, ends that stream cleanly, finishes, folds the
//! write-ahead log into the database file and exits with success; the data
//! written just before is there when it starts again.

#![cfg(unix)]

use app::store::demo::{DEMO_MANAGER, DEMO_PASSWORD};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").to_string()
}

async fn start(directory: &std::path::Path) -> Server {
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
async fn request(address: &str, head: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(address).await.expect("connect");
    let message = format!(
        "{head}\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(message.as_bytes()).await.expect("send");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .await
        .expect("read the response");
    response
}

async fn sign_in(address: &str) -> String {
    let body = serde_json::json!({ "email": DEMO_MANAGER, "password": DEMO_PASSWORD }).to_string();
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

#[tokio::test]
async fn sigterm_closes_live_streams_checkpoints_and_exits_cleanly() {
    let directory = tempfile::tempdir().expect("temp dir");
    let mut server = start(directory.path()).await;
    let cookie = sign_in(&server.address).await;

    // A manager's dashboard listens.
    let mut live = TcpStream::connect(&server.address).await.expect("connect");
    live.write_all(
        format!(
            "GET /api/live/events HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n",
            server.address
        )
        .as_bytes(),
    )
    .await
    .expect("open the stream");
    let mut heard = Vec::new();
    let mut buffer = [0_u8; 4096];
    while !String::from_utf8_lossy(&heard).contains("event: ready") {
        let read = tokio::time::timeout(Duration::from_secs(10), live.read(&mut buffer))
            .await
            .expect("the stream says ready")
            .expect("read");
        assert!(read > 0, "the stream ended before it was ready");
        heard.extend_from_slice(&buffer[..read]);
    }

    // Something written just before the stop.
    let note = serde_json::json!({ "draft": {
        "id": uuid::Uuid::now_v7().to_string(), "owner_id": null, "name": "Written before the stop",
        "company": "", "phone": "", "email": "", "source": "referral", "stage": "new",
        "estimated_value": "", "currency": "USD", "customer_kind": "new", "won_amount": "", "lost_reason": ""
    } })
    .to_string();
    let saved = request(
        &server.address,
        &format!(
            "POST /api/leads/save HTTP/1.1\r\nContent-Type: application/json\r\nCookie: {cookie}"
        ),
        &note,
    )
    .await;
    assert!(saved.starts_with("HTTP/1.1 200"), "{saved}");

    let stopped_at = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());

    // The open stream ends (the server closes it), well before any timeout.
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match live.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the live stream stayed open after SIGTERM");

    let exit = loop {
        if let Some(exit) = server.child.try_wait().expect("wait") {
            break exit;
        }
        assert!(
            stopped_at.elapsed() < Duration::from_secs(15),
            "the server did not stop within 15 s of SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "exit status {exit:?}");
    let mut output = String::new();
    if let Some(mut stdout) = server.child.stdout.take() {
        use std::io::Read;
        let _ = stdout.read_to_string(&mut output);
    }
    assert!(output.contains("Pishro stopped cleanly."), "{output}");
    // The write-ahead log is folded into the file: nothing is left in it.
    let wal = directory.path().join("pishro.db-wal");
    let wal_bytes = std::fs::metadata(&wal).map_or(0, |metadata| metadata.len());
    assert_eq!(wal_bytes, 0, "write-ahead log left behind");

    // Started again: the write is there.
    drop(server);
    let server = start(directory.path()).await;
    let cookie = sign_in(&server.address).await;
    let leads = request(
        &server.address,
        &format!(
            "POST /api/leads/list HTTP/1.1\r\nContent-Type: application/json\r\nCookie: {cookie}"
        ),
        "{}",
    )
    .await;
    assert!(leads.contains("Written before the stop"));
}

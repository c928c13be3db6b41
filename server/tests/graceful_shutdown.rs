//! Graceful shutdown (issue 14, "Faults"): the real `pishro` binary, sent
//! SIGTERM (what `systemctl stop` and `docker stop` send) while a manager's
//! live stream is open, ends that stream cleanly, finishes, folds the
//! write-ahead log into the database file and exits with success; the data
//! written just before is there when it starts again.

#![cfg(unix)]

use crate::support::process::{request, sign_in, start};
use app::store::demo::DEMO_MANAGER;
use std::process::Command;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn sigterm_closes_live_streams_checkpoints_and_exits_cleanly() {
    let directory = tempfile::tempdir().expect("temp dir");
    let mut server = start(directory.path()).await;
    let cookie = sign_in(&server.address, DEMO_MANAGER).await;

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
    let cookie = sign_in(&server.address, DEMO_MANAGER).await;
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

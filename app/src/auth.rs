//! Server-side sign-in mechanics: argon2id password hashes, random session
//! tokens (only their SHA-256 is stored), and the session cookie.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use sha2::{Digest, Sha256};

/// Name of the session cookie over plain http (the README's loopback run).
pub const SESSION_COOKIE: &str = "pishro_session";
/// Name of the session cookie over https: the `__Host-` prefix makes the
/// browser refuse it unless it is `Secure`, for this host only, on `/`.
pub const SECURE_SESSION_COOKIE: &str = "__Host-pishro_session";
/// How long a session lasts at most without signing in again.
pub const SESSION_DAYS: i64 = 30;
/// How long a session lasts unused. A rep may work offline for days (the
/// outbox is kept whatever happens to the session), so two weeks: a lost
/// phone's session ends by itself, a rep back from a week on the road is
/// still signed in.
pub const SESSION_IDLE_DAYS: i64 = 14;

/// Hashes a password with argon2id and a fresh salt.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches a stored argon2 hash; a malformed hash never matches.
pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// How many threads hash passwords (`on_hashing_thread`): the sign-in
/// throttle lets no more than this many hashes run at once anyway.
pub const HASHING_THREADS: usize = 2;

type HashingJob = Box<dyn FnOnce() + Send>;

/// Runs `work` (a password hash or check) on one of a few long-lived
/// threads, off the async workers. Not on tokio's blocking pool: an argon2
/// hash takes 19 MiB, and spread over that pool's many threads, each
/// keeping its own allocator heap, a password-guessing flood grew the
/// server by ~350 MB that it never gave back (the load bench,
/// BENCHMARKS.md); on two threads the memory is reused. `None` if the
/// work could not run (a hashing thread panicked).
pub async fn on_hashing_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    static QUEUE: std::sync::OnceLock<std::sync::mpsc::Sender<HashingJob>> =
        std::sync::OnceLock::new();
    let queue = QUEUE.get_or_init(|| {
        let (queue, jobs) = std::sync::mpsc::channel::<HashingJob>();
        let jobs = std::sync::Arc::new(std::sync::Mutex::new(jobs));
        for number in 0..HASHING_THREADS {
            let jobs = jobs.clone();
            let started = std::thread::Builder::new()
                .name(format!("password-hashing-{number}"))
                .spawn(move || {
                    loop {
                        // The lock is held only while waiting for a job.
                        let next = match jobs.lock() {
                            Ok(jobs) => jobs.recv(),
                            Err(_) => return,
                        };
                        match next {
                            // A panicking job answers nothing (its caller
                            // gets `None`); the thread stays for the next.
                            Ok(job) => {
                                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                            }
                            Err(_) => return,
                        }
                    }
                });
            if let Err(error) = started {
                tracing::error!(%error, "could not start a password hashing thread");
            }
        }
        queue
    });
    let (answer, answered) = tokio::sync::oneshot::channel();
    queue
        .send(Box::new(move || {
            let _ = answer.send(work());
        }))
        .ok()?;
    answered.await.ok()
}

/// A hash to verify against when the e-mail is unknown, so that a wrong
/// e-mail takes as long as a wrong password and reveals nothing.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password").unwrap_or_default())
}

/// A new random session token (256 bits, hex) for the cookie.
pub fn new_session_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// What the database stores for a token: its SHA-256, so a leaked database
/// does not hand out live sessions.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    let max_age = SESSION_DAYS * 24 * 60 * 60;
    if secure {
        format!(
            "{SECURE_SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}; Secure"
        )
    } else {
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}")
    }
}

/// The `Set-Cookie` value that ends a session.
pub fn cleared_session_cookie(secure: bool) -> String {
    if secure {
        format!("{SECURE_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure")
    } else {
        format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
    }
}

/// The browser's mark that a sign-out has not reached the server yet.
pub use crate::api::auth::SIGNING_OUT_COOKIE;

/// Whether a `Cookie` request header carries the signing-out mark.
pub fn signing_out(header: &str) -> bool {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == SIGNING_OUT_COOKIE && !value.is_empty())
}

/// The `Set-Cookie` value that removes the signing-out mark.
pub fn cleared_signing_out_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SIGNING_OUT_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0{secure}")
}

/// Finds the session token in a `Cookie` request header.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE || *name == SECURE_SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signing_out_mark_is_read_by_its_name_only() {
        assert!(signing_out("pishro_session=abc; pishro_signing_out=1"));
        assert!(signing_out("pishro_signing_out=1"));
        assert!(!signing_out("pishro_session=abc"));
        assert!(!signing_out("pishro_signing_out="));
        assert!(!signing_out(
            "not_pishro_signing_out=1; pishro_signing_outs=1"
        ));
        assert!(cleared_signing_out_cookie(true).ends_with("Max-Age=0; Secure"));
        assert!(!cleared_signing_out_cookie(false).contains("Secure"));
    }

    #[tokio::test]
    async fn hashing_runs_on_its_own_few_threads_and_survives_a_panic() {
        let jobs: Vec<_> = (0..8)
            .map(|_| {
                tokio::spawn(on_hashing_thread(|| {
                    std::thread::current().name().map(str::to_string)
                }))
            })
            .collect();
        let mut names = Vec::new();
        for job in jobs {
            names.extend(job.await.ok().flatten());
        }
        assert_eq!(names.len(), 8);
        let mut threads: Vec<String> = names.into_iter().flatten().collect();
        threads.sort();
        threads.dedup();
        assert!(threads.len() <= HASHING_THREADS, "{threads:?}");
        assert!(
            threads
                .iter()
                .all(|name| name.starts_with("password-hashing-"))
        );
        for _ in 0..HASHING_THREADS + 1 {
            assert_eq!(
                on_hashing_thread(|| -> u8 { panic!("a broken hash") }).await,
                None
            );
        }
        assert_eq!(on_hashing_thread(|| 2 + 2).await, Some(4));
    }

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("pishro-demo").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("pishro-demo", &hash));
        assert!(!verify_password("pishro-demo!", &hash));
        assert!(!verify_password("pishro-demo", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let first = new_session_token().unwrap_or_default();
        let second = new_session_token().unwrap_or_default();
        assert_eq!(first.len(), 64);
        assert_ne!(first, second);
        assert_ne!(token_hash(&first), first);
        assert_eq!(token_hash(&first), token_hash(&first));
    }

    #[test]
    fn the_cookie_is_http_only_and_lax_and_secure_on_https() {
        let cookie = session_cookie("abc", true);
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.contains("Secure")
        );
        assert!(!session_cookie("abc", false).contains("Secure"));
        assert_eq!(
            token_from_cookie_header("theme=dark; pishro_session=abc; x=1"),
            Some("abc")
        );
        assert_eq!(token_from_cookie_header("pishro_session="), None);
        assert_eq!(token_from_cookie_header("other=1"), None);
    }
}

//! Security headers on every answer (issue 14): a Content-Security-Policy
//! that allows no inline script but the ones `index.html` ships (by their
//! SHA-256, computed from the file the server serves, so a rebuilt page
//! stays allowed), WebAssembly (`'wasm-unsafe-eval'`), nothing from other
//! origins and no framing; HSTS when Pishro is served over https.

use base64::Engine;
use http::HeaderValue;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The text of every inline `<script>` (one without `src`) in a page, as
/// the browser hashes it: everything between `>` and `</script>`.
pub fn inline_scripts(page: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close + "</script>".len()..];
    }
    scripts
}

/// The policy for a page whose inline scripts are `scripts`.
pub fn policy_for(scripts: &[&str]) -> String {
    let hashes: Vec<String> = scripts
        .iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    let mut script_sources = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    script_sources.extend(hashes);
    format!(
        "default-src 'self'; script-src {}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        script_sources.join(" ")
    )
}

/// The policy for the site the server serves (its `index.html`; a site
/// without one gets the policy with no inline script allowed).
pub fn content_security_policy(site_dir: &Path) -> HeaderValue {
    let page = std::fs::read_to_string(site_dir.join("index.html")).unwrap_or_default();
    HeaderValue::from_str(&policy_for(&inline_scripts(&page)))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"))
}

/// One year, with subdomains: only sent when Pishro is served over https.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed_exactly_as_written() {
        let page = "<head><script>\n  one();\n</script><script type=\"module\" src=\"/pkg/a.js\"></script>\
                    </head><body><script type=\"module\">two()</script></body>";
        assert_eq!(inline_scripts(page), vec!["\n  one();\n", "two()"]);
        let policy = policy_for(&inline_scripts(page));
        // sha256("two()"), as a browser computes it for the CSP.
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"two()"));
        assert!(policy.contains(&format!("'sha256-{expected}'")), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(
            !policy.contains("'unsafe-inline' ;")
                && !policy.contains("script-src 'self' 'unsafe-inline'")
        );
        assert!(policy.contains("'wasm-unsafe-eval'"));
    }

    #[test]
    fn a_page_without_scripts_allows_none_inline() {
        let policy = policy_for(&inline_scripts("<!doctype html><p>hi</p>"));
        assert!(
            policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "),
            "{policy}"
        );
    }
}

//! Refuses requests another site could forge (issue 14, CSRF): every `/api`
//! POST must carry `Content-Type: application/json` (a cross-site HTML form
//! can only send `text/plain`, urlencoded or multipart, and a cross-site
//! script sending JSON needs a CORS preflight this server never grants),
//! and a browser's request must come from Pishro's own origin
//! (`Sec-Fetch-Site: same-origin`, or an `Origin` equal to the host it was
//! sent to), and a browser's POST must carry `x-pishro-client`, the header
//! the app adds to every request to its API (`frontend/index.html` wraps
//! `fetch`): another site can only add a custom header after a CORS
//! preflight this server never grants, so it holds even where a browser
//! sends neither `Sec-Fetch-Site` nor `Origin` correctly. Clients that are
//! not browsers send neither header and are judged by their session alone.
//! Decided before any server function runs.

use http::{HeaderMap, Method, StatusCode, header};

/// Why a request is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A POST whose body is not declared as JSON.
    NotJson,
    /// A request a browser sent from another site (or a sibling subdomain).
    CrossSite,
    /// A browser's POST that did not come from the app (no `x-pishro-client`).
    NotFromTheApp,
}

/// The header the app sends with every request to its API.
pub const APP_HEADER: &str = "x-pishro-client";

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Refusal::CrossSite | Refusal::NotFromTheApp => StatusCode::FORBIDDEN,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Refusal::NotJson => "Pishro's API takes JSON only.",
            Refusal::CrossSite => "Requests from other sites are refused. Open Pishro itself.",
            Refusal::NotFromTheApp => {
                "Only Pishro's own pages may send this. Reload Pishro and try again."
            }
        }
    }
}

/// Whether an `/api` request must be refused, and why.
pub fn refusal(method: &Method, headers: &HeaderMap) -> Option<Refusal> {
    let text = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };
    let site = headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok());
    if let Some(site) = site
        && !matches!(site, "same-origin" | "none")
    {
        return Some(Refusal::CrossSite);
    }
    let origin = text(header::ORIGIN);
    if let Some(origin) = origin {
        let host = text(header::HOST);
        let same = host.is_some_and(|host| {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                .is_some_and(|authority| authority.eq_ignore_ascii_case(host))
        });
        if !same {
            return Some(Refusal::CrossSite);
        }
    }
    if method == Method::POST {
        let json = text(header::CONTENT_TYPE).is_some_and(|kind| {
            kind.split(';')
                .next()
                .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json {
            return Some(Refusal::NotJson);
        }
        let from_a_browser = site.is_some() || origin.is_some();
        if from_a_browser && !headers.contains_key(APP_HEADER) {
            return Some(Refusal::NotFromTheApp);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_apps_own_json_posts_pass() {
        let own = headers(&[
            ("content-type", "application/json"),
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
            (APP_HEADER, "1"),
        ]);
        assert_eq!(refusal(&Method::POST, &own), None);
        // An older browser without Sec-Fetch-Site, same origin, from the app.
        let older = headers(&[
            ("content-type", "application/json"),
            ("host", "pishro.example"),
            ("origin", "https://pishro.example"),
            (APP_HEADER, "1"),
        ]);
        assert_eq!(refusal(&Method::POST, &older), None);
        // Not a browser: no Origin, no Sec-Fetch-Site.
        let tool = headers(&[("content-type", "application/json; charset=utf-8")]);
        assert_eq!(refusal(&Method::POST, &tool), None);
        // A GET (the live stream) needs no body type.
        assert_eq!(refusal(&Method::GET, &HeaderMap::new()), None);
    }

    #[test]
    fn a_cross_site_form_or_script_is_refused() {
        let form = headers(&[
            ("content-type", "text/plain"),
            ("host", "pishro.example"),
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert_eq!(refusal(&Method::POST, &form), Some(Refusal::CrossSite));
        let sibling = headers(&[
            ("content-type", "application/json"),
            ("sec-fetch-site", "same-site"),
        ]);
        assert_eq!(refusal(&Method::POST, &sibling), Some(Refusal::CrossSite));
        let old_browser = headers(&[
            ("content-type", "application/json"),
            ("host", "pishro.example"),
            ("origin", "null"),
        ]);
        assert_eq!(
            refusal(&Method::POST, &old_browser),
            Some(Refusal::CrossSite)
        );
        // Same origin, but not sent by the app (no header): refused.
        let not_the_app = headers(&[
            ("content-type", "application/json"),
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert_eq!(
            refusal(&Method::POST, &not_the_app),
            Some(Refusal::NotFromTheApp)
        );
        let no_origin_header = headers(&[
            ("content-type", "application/json"),
            ("sec-fetch-site", "none"),
        ]);
        assert_eq!(
            refusal(&Method::POST, &no_origin_header),
            Some(Refusal::NotFromTheApp),
            "a browser's own navigation bar cannot post JSON, but if it did"
        );
        let plain = headers(&[("content-type", "text/plain")]);
        assert_eq!(refusal(&Method::POST, &plain), Some(Refusal::NotJson));
        assert_eq!(
            refusal(&Method::POST, &HeaderMap::new()),
            Some(Refusal::NotJson)
        );
    }
}

//! Where the app is, and moving about in it: the address as a signal, the
//! route an address matches with its `:name` parts, the query's values, and
//! following a link without reloading the page. A small router of our own
//! in place of `leptos_router` (issue 13): the app's routes are one flat
//! table, and that crate's nested routes, outlets and location providers
//! were 54 KB of the first load's code (17.8 KB brotli).
//!
//! The server draws a screen at the address it was asked for
//! ([`ServerAddress`]); the browser starts from `window.location`, follows
//! same-origin links itself and goes back and forward through `popstate`.

use leptos::prelude::*;

/// The path and query of the address shown, without the `#` part.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// Starts with `/`, no trailing `/` except for the root.
    pub path: String,
    /// What follows the `?`, still encoded; empty when there is none.
    pub query: String,
}

impl Address {
    /// Reads `/path?query#hash` (the hash is dropped).
    pub fn parse(text: &str) -> Self {
        let text = text.split('#').next().unwrap_or_default();
        let (path, query) = text.split_once('?').unwrap_or((text, ""));
        let trimmed = path.trim_end_matches('/');
        let path = if trimmed.is_empty() {
            "/".to_string()
        } else if trimmed.starts_with('/') {
            trimmed.to_string()
        } else {
            format!("/{trimmed}")
        };
        Self {
            path,
            query: query.to_string(),
        }
    }

    /// The address as a link would give it.
    pub fn to_text(&self) -> String {
        match self.query.is_empty() {
            true => self.path.clone(),
            false => format!("{}?{}", self.path, self.query),
        }
    }
}

/// Named values from an address: a route's `:name` parts, or the query's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParamsMap(Vec<(String, String)>);

impl ParamsMap {
    /// The value of `name`, decoded (the first, if the query repeats it).
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    }

    /// The query's `name=value` pairs, `%XX` and `+` decoded.
    pub fn from_query(query: &str) -> Self {
        Self(
            query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode_component(key, true), decode_component(value, true))
                })
                .collect(),
        )
    }
}

/// Decodes `%XX` escapes (and `+` as a space in a query); a malformed
/// escape is kept as written, and bytes that are not UTF-8 become U+FFFD.
fn decode_component(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let escaped = match (byte, bytes.get(at + 1..at + 3)) {
            (b'%', Some(hex)) => std::str::from_utf8(hex)
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok()),
            _ => None,
        };
        match escaped {
            Some(value) => {
                decoded.push(value);
                at += 3;
            }
            None => {
                decoded.push(if byte == b'+' && plus_is_space {
                    b' '
                } else {
                    byte
                });
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The first route in `routes` whose pattern matches `path`, with the values
/// of its `:name` parts. Put fixed patterns (`/leads/new`) before the ones
/// with a `:name` in the same place (`/leads/:id`).
pub fn match_route<Page: Copy>(
    routes: &[(&'static str, Page)],
    path: &str,
) -> Option<(Page, ParamsMap)> {
    let (index, params) = route_index(routes, path)?;
    routes.get(index).map(|(_, page)| (*page, params))
}

/// Which of `routes` matches `path` first (its position), with the values
/// of its `:name` parts.
pub fn route_index<Page>(
    routes: &[(&'static str, Page)],
    path: &str,
) -> Option<(usize, ParamsMap)> {
    let parts: Vec<&str> = path.split('/').filter(|part| !part.is_empty()).collect();
    routes.iter().enumerate().find_map(|(index, (pattern, _))| {
        let pattern_parts: Vec<&str> = pattern.split('/').filter(|part| !part.is_empty()).collect();
        if pattern_parts.len() != parts.len() {
            return None;
        }
        let mut params = Vec::new();
        for (wanted, given) in pattern_parts.iter().zip(&parts) {
            match wanted.strip_prefix(':') {
                Some(name) => params.push((name.to_string(), decode_component(given, false))),
                None if wanted == given => {}
                None => return None,
            }
        }
        Some((index, ParamsMap(params)))
    })
}

/// The address the server draws a screen for; provided as context while it
/// draws (`first_screen::draw`).
#[derive(Clone, Debug)]
pub struct ServerAddress(pub String);

/// The address shown, as context for the whole app.
#[derive(Clone, Copy)]
pub struct Location {
    address: RwSignal<Address>,
}

impl Location {
    /// Starts at the address the server draws, or the browser's. In the
    /// browser also follows same-origin links and the back button.
    pub fn provide() -> Self {
        let start = use_context::<ServerAddress>()
            .map(|address| Address::parse(&address.0))
            .unwrap_or_else(browser_address);
        let location = Self {
            address: RwSignal::new(start),
        };
        provide_context(location);
        #[cfg(feature = "csr")]
        location.follow_the_browser();
        location
    }

    /// The path shown, for `f` (tracked).
    pub fn with_path<T>(&self, f: impl FnOnce(&str) -> T) -> T {
        self.address.with(|address| f(&address.path))
    }

    /// Shows `to` (a path with its query): a new history entry, or in place
    /// of the current one with `replace`; the page starts at the top.
    pub fn go(&self, to: &str, replace: bool) {
        let address = Address::parse(to);
        let changed = self.address.with_untracked(|shown| *shown != address);
        #[cfg(not(feature = "csr"))]
        let _ = replace;
        #[cfg(feature = "csr")]
        if let Some(window) = web_sys::window() {
            if let Ok(history) = window.history() {
                let url = address.to_text();
                let _ = match (replace, changed) {
                    (true, _) => {
                        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    }
                    (false, true) => {
                        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    }
                    (false, false) => Ok(()),
                };
            }
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        if changed {
            self.address.set(address);
        }
    }

    /// Follows same-origin links and `popstate` (back, forward).
    #[cfg(feature = "csr")]
    fn follow_the_browser(self) {
        let _ = window_event_listener(leptos::ev::popstate, move |_| {
            self.address.set(browser_address());
        });
        let _ = window_event_listener(leptos::ev::click, move |event| {
            if let Some(to) = link_to_follow(&event) {
                event.prevent_default();
                self.go(&to, false);
            }
        });
    }
}

/// The browser's address; the root where there is no browser.
fn browser_address() -> Address {
    #[cfg(feature = "csr")]
    if let Some(location) = web_sys::window().map(|window| window.location()) {
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        return Address::parse(&format!("{path}{search}"));
    }
    Address::parse("/")
}

/// Where a click on a link should take the app without a reload: a plain
/// left click on a same-origin link with no `target`, `download` or
/// `rel="external"`, that goes somewhere other than a place on this page.
#[cfg(feature = "csr")]
fn link_to_follow(event: &web_sys::MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.alt_key()
        || event.ctrl_key()
        || event.shift_key()
    {
        return None;
    }
    let link = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_whitespace().any(|part| part == "external"));
    if !link.target().is_empty() || link.has_attribute("download") || external {
        return None;
    }
    let window = web_sys::window()?;
    let here = window.location();
    if link.origin() != here.origin().ok()? {
        return None;
    }
    let (path, search, hash) = (link.pathname(), link.search(), link.hash());
    let same_page = path == here.pathname().ok()? && search == here.search().ok()?;
    if same_page && !hash.is_empty() {
        // A place on this page (the skip link): the browser scrolls and
        // moves the focus there itself.
        return None;
    }
    Some(format!("{path}{search}"))
}

/// The address shown, as context.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// The `:name` parts of the route shown, for `routes`.
pub fn use_params_map() -> Memo<ParamsMap> {
    let location = use_location();
    Memo::new(move |_| {
        location.with_path(|path| {
            match_route(crate::ROUTES, path)
                .map(|(_, params)| params)
                .unwrap_or_default()
        })
    })
}

/// The query's values of the address shown.
pub fn use_query_map() -> Memo<ParamsMap> {
    let location = use_location();
    Memo::new(move |_| {
        location
            .address
            .with(|address| ParamsMap::from_query(&address.query))
    })
}

/// How [`use_navigate`]'s function moves.
#[derive(Clone, Copy, Debug, Default)]
pub struct NavigateOptions {
    /// In place of the current history entry instead of a new one.
    pub replace: bool,
}

/// A function that shows another address, as following a link would.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + 'static {
    let location = use_location();
    move |to: &str, options: NavigateOptions| location.go(to, options.replace)
}

/// Sends the person to `path` as soon as it is drawn, in place of the
/// address that drew it (so going back does not return to it). Does nothing
/// while the server draws.
#[component]
pub fn Redirect(path: &'static str) -> impl IntoView {
    let location = use_location();
    if use_context::<ServerAddress>().is_none() {
        leptos::task::spawn_local(async move { location.go(path, true) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTES: &[(&str, u8)] = &[
        ("/", 0),
        ("/leads", 1),
        ("/leads/new", 2),
        ("/leads/:id", 3),
        ("/join/:secret", 4),
    ];

    #[test]
    fn addresses_are_read_without_trailing_slashes_or_hash() {
        assert_eq!(
            Address::parse("/leads/?q=a#top"),
            Address {
                path: "/leads".into(),
                query: "q=a".into()
            }
        );
        assert_eq!(
            Address::parse(""),
            Address {
                path: "/".into(),
                query: String::new()
            }
        );
        assert_eq!(
            Address::parse("/?report=tactics").to_text(),
            "/?report=tactics"
        );
        assert_eq!(Address::parse("leads").path, "/leads");
    }

    #[test]
    fn fixed_routes_win_over_named_parts_listed_after_them() {
        assert_eq!(
            match_route(ROUTES, "/leads/new").map(|(page, _)| page),
            Some(2)
        );
        let (page, params) = match_route(ROUTES, "/leads/0190").expect("a lead's address");
        assert_eq!((page, params.get("id")), (3, Some("0190".to_string())));
        assert_eq!(match_route(ROUTES, "/").map(|(page, _)| page), Some(0));
        assert!(match_route(ROUTES, "/leads/1/edit").is_none());
        assert!(match_route(ROUTES, "/nowhere").is_none());
    }

    #[test]
    fn named_parts_and_query_values_are_decoded() {
        let (_, params) = match_route(ROUTES, "/join/a%20b%2Bc").expect("a sign-up link");
        assert_eq!(params.get("secret").as_deref(), Some("a b+c"));
        let query =
            ParamsMap::from_query("report=month+over%20month&kind=call&empty=&flag&bad=%zz%E2%9C");
        assert_eq!(query.get("report").as_deref(), Some("month over month"));
        assert_eq!(query.get("kind").as_deref(), Some("call"));
        assert_eq!(query.get("empty").as_deref(), Some(""));
        assert_eq!(query.get("flag").as_deref(), Some(""));
        assert_eq!(query.get("bad").as_deref(), Some("%zz\u{FFFD}"));
        assert_eq!(query.get("missing"), None);
        let persian = ParamsMap::from_query("name=%D9%84%DB%8C%D9%84%D8%A7");
        assert_eq!(persian.get("name").as_deref(), Some("لیلا"));
    }

    #[test]
    fn the_apps_addresses_open_their_screens() {
        use crate::Page;
        use crate::screens::{LinkPage, TeamScreen, WorkScreen};
        let page = |path: &str| match_route(crate::ROUTES, path).map(|(page, _)| page);
        assert_eq!(page("/"), Some(Page::Home));
        assert_eq!(page("/leads/new"), Some(Page::Work(WorkScreen::Lead)));
        assert_eq!(
            page("/leads/import"),
            Some(Page::Team(TeamScreen::LeadImport))
        );
        assert_eq!(page("/leads/0190c3a2"), Some(Page::Work(WorkScreen::Lead)));
        assert_eq!(page("/people/new"), Some(Page::Team(TeamScreen::Person)));
        assert_eq!(page("/teams/new"), Some(Page::Team(TeamScreen::TeamEdit)));
        assert_eq!(page("/join/secret"), Some(Page::Link(LinkPage::Join)));
        assert_eq!(page("/reports/"), Some(Page::Team(TeamScreen::Reports)));
        assert_eq!(page("/leads/1/notes"), None);
        // Every pattern is reachable: none is hidden by one listed before it.
        for (index, (pattern, expected)) in crate::ROUTES.iter().enumerate() {
            let address = pattern
                .replace(":id", "0190c3a2")
                .replace(":secret", "s")
                .replace(":token", "t");
            let found = crate::ROUTES
                .iter()
                .position(|(other, _)| match_route(&[(*other, ())], &address).is_some());
            assert_eq!(
                found,
                Some(index),
                "{pattern} is matched by an earlier route"
            );
            assert_eq!(page(&address), Some(*expected));
        }
    }
}

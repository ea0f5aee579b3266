//! Answering HTTP requests from the site in memory. The only module that touches
//! tiny_http, so that the server library can be swapped here alone.
//!
//! Input: a request and the current [`Snapshot`]. Output: the file at that address
//! (rendered pages from memory, the theme's assets, the site's `static/` from disk),
//! a redirect to the address with its slash, or the theme's 404 page. Request paths
//! are checked by [`resolve`] before anything is looked up: no address reaches outside
//! the site, however it is encoded, and `static/` files are served only when their real
//! path (links resolved) stays inside `static/`.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::reload::{self, EVENTS_PATH, Snapshot, State};
use crate::render::theme::Asset;

/// Open event streams allowed at once; each holds a thread.
const MAX_STREAMS: usize = 64;

/// What the request handlers share.
pub struct Handler {
    pub state: Arc<State>,
    /// The site's `static/` folder.
    pub site_static: PathBuf,
    streams: AtomicUsize,
}

impl Handler {
    pub fn new(state: Arc<State>, site_static: PathBuf) -> Self {
        Self {
            state,
            site_static,
            streams: AtomicUsize::new(0),
        }
    }
}

/// Answers requests until the server stops, on `workers` threads.
pub fn run(server: &tiny_http::Server, handler: &Arc<Handler>, workers: usize) {
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                while let Ok(request) = server.recv() {
                    handle(request, handler);
                }
            });
        }
    });
}

fn handle(request: Request, handler: &Arc<Handler>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with_header(
            text(405, "Only GET and HEAD are served.\n"),
            "Allow",
            "GET, HEAD",
        );
        let _ = request.respond(response);
        return;
    }
    let target = request.url().to_owned();
    if target.split('?').next() == Some(EVENTS_PATH) {
        stream(request, handler);
        return;
    }
    let response = match resolve(&target) {
        Ok(path) => answer(
            &path,
            &target,
            &handler.state.snapshot(),
            &handler.site_static,
        ),
        Err(BadPath) => text(400, "Bad request: this address is not allowed.\n"),
    };
    let _ = request.respond(response);
}

/// The event stream takes the connection over, on a thread of its own.
fn stream(request: Request, handler: &Arc<Handler>) {
    if handler.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        handler.streams.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(text(503, "Too many open pages.\n"));
        return;
    }
    let handler = Arc::clone(handler);
    // When no thread can be started, the request is dropped and the browser retries.
    let _ = std::thread::Builder::new()
        .name("amicus-events".into())
        .spawn(move || {
            let mut writer = request.into_writer();
            let _ = handler.state.stream(&mut *writer);
            handler.streams.fetch_sub(1, Ordering::SeqCst);
        });
}

type Reply = Response<Cursor<Vec<u8>>>;

fn answer(path: &str, target: &str, snapshot: &Snapshot, site_static: &Path) -> Reply {
    let Some(built) = &snapshot.built else {
        return html(500, reload::failure_page(snapshot));
    };
    if let Some(file) = built.file(path) {
        return file_reply(200, path, &file.bytes, snapshot);
    }
    let folder_index = format!("{path}/index.html");
    if !path.ends_with("index.html") && built.file(&folder_index).is_some() {
        let location = match target.split_once('?') {
            Some((before, query)) => format!("{before}/?{query}"),
            None => format!("{target}/"),
        };
        return with_header(text(301, "Moved permanently.\n"), "Location", &location);
    }
    if let Some(bytes) = asset(path, &built.assets).or_else(|| static_file(site_static, path)) {
        return file_reply(200, path, &bytes, snapshot);
    }
    match built.file("404.html") {
        Some(page) => file_reply(404, "404.html", &page.bytes, snapshot),
        None => text(404, "Not found.\n"),
    }
}

fn file_reply(status: u16, path: &str, bytes: &[u8], snapshot: &Snapshot) -> Reply {
    if path.ends_with(".html") {
        return html(status, reload::decorate(bytes, snapshot));
    }
    reply(status, content_type(path), bytes.to_vec())
}

/// A theme asset, `static/<name>`.
fn asset(path: &str, assets: &std::collections::BTreeMap<String, Asset>) -> Option<Vec<u8>> {
    match assets.get(path.strip_prefix("static/")?)? {
        Asset::Embedded(bytes) => Some(bytes.to_vec()),
        Asset::File(file) => std::fs::read(file).ok(),
    }
}

/// A file of the site's `static/` folder, only when its real path stays inside it.
fn static_file(folder: &Path, path: &str) -> Option<Vec<u8>> {
    let base = folder.canonicalize().ok()?;
    let file = base.join(path).canonicalize().ok()?;
    (file.starts_with(&base) && file.is_file())
        .then(|| std::fs::read(&file).ok())
        .flatten()
}

/// A request path that is not allowed.
#[derive(Debug, PartialEq, Eq)]
pub struct BadPath;

/// The output path a request target asks for: percent-decoded, `index.html` added to
/// folders. Refuses `.` and `..` segments, encoded slashes and backslashes, NUL, and
/// anything that is not an absolute path.
pub fn resolve(target: &str) -> Result<String, BadPath> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = path.strip_prefix('/') else {
        return Err(BadPath);
    };
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || path.contains('\\') {
        return Err(BadPath);
    }
    let decoded = percent_decode(path).ok_or(BadPath)?;
    if decoded.contains(['\0', '\\']) {
        return Err(BadPath);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Err(BadPath),
            s => segments.push(s),
        }
    }
    let mut resolved = segments.join("/");
    if decoded.is_empty() || decoded.ends_with('/') {
        if !resolved.is_empty() {
            resolved.push('/');
        }
        resolved.push_str("index.html");
    }
    Ok(resolved)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type of an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "tsv" => "text/tab-separated-values; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn html(status: u16, bytes: Vec<u8>) -> Reply {
    reply(status, content_type("x.html"), bytes)
}

fn text(status: u16, message: &str) -> Reply {
    reply(status, content_type("x.txt"), message.as_bytes().to_vec())
}

fn reply(status: u16, content_type: &str, bytes: Vec<u8>) -> Reply {
    let response = Response::from_data(bytes).with_status_code(StatusCode(status));
    let response = with_header(response, "Content-Type", content_type);
    let response = with_header(response, "Cache-Control", "no-store");
    with_header(response, "X-Content-Type-Options", "nosniff")
}

/// Adds a header; one that is not valid ASCII is left out.
fn with_header(response: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_pretty_addresses_to_files() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(
            resolve("/cities/kyoto/").unwrap(),
            "cities/kyoto/index.html"
        );
        assert_eq!(resolve("/cities/kyoto").unwrap(), "cities/kyoto");
        assert_eq!(
            resolve("/static/amicus.css?v=2").unwrap(),
            "static/amicus.css"
        );
        assert_eq!(
            resolve("/cities//kyoto/#x").unwrap(),
            "cities/kyoto/index.html"
        );
        assert_eq!(resolve("/caf%C3%A9.pdf").unwrap(), "café.pdf");
        assert_eq!(resolve("/a%20b/").unwrap(), "a b/index.html");
    }

    #[test]
    fn refuses_traversal_however_encoded() {
        for target in [
            "/../etc/passwd",
            "/static/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/static/%2e%2e%2fsecret",
            "/..%2fsecret",
            "/..%5csecret",
            "/..\\secret",
            "/static/.%2e/x",
            "/./index.html",
            "/a%00.html",
            "/bad%zz",
            "/%c0%ae%c0%ae/x",
            "http://example.org/",
            "",
            "*",
        ] {
            assert_eq!(resolve(target), Err(BadPath), "{target}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        for (path, expected) in [
            ("index.html", "text/html; charset=utf-8"),
            ("static/amicus.css", "text/css; charset=utf-8"),
            ("static/app.js", "text/javascript; charset=utf-8"),
            ("data/directory.json", "application/json"),
            ("data/partnerships.geojson", "application/geo+json"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("data/cities.csv", "text/csv; charset=utf-8"),
            ("logo.SVG", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.jpeg", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("favicon.ico", "image/x-icon"),
            ("f.woff2", "font/woff2"),
            ("docs/agreement.pdf", "application/pdf"),
            ("LICENSE", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }
}

//! What the server shows, and how open pages learn that it changed.
//!
//! [`State`] holds the current [`Snapshot`] (the last good site, and the error overlay
//! when the last build failed) and a version that every build bumps. Pages served get a
//! small script that listens to `/__amicus/events` (server-sent events) and reloads when
//! the version differs from the one the page was served with, so a page that missed an
//! event while disconnected catches up when it reconnects. The script and the overlay
//! are added to pages here, at serve time, never to the built files.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock};
use std::time::Duration;

use super::rebuild::Built;
use crate::diagnostics::{Diagnostics, render};
use crate::xml::escape;

/// Where the reload events are served.
pub const EVENTS_PATH: &str = "/__amicus/events";

/// How often an idle event stream sends a comment, to notice closed connections.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What is served at one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The last site that built without errors.
    pub built: Option<Arc<Built>>,
    /// The error overlay, when the last build failed.
    pub overlay: Option<String>,
    /// Changes with every build; pages compare it with their own.
    pub version: String,
}

/// The server's state, shared by the request handlers and the rebuild loop.
pub struct State {
    current: RwLock<Arc<Snapshot>>,
    version: Mutex<u64>,
    bumped: Condvar,
    /// Tells this server's versions from those of a previous run.
    session: String,
}

impl State {
    pub fn new() -> Self {
        let session = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        Self {
            current: RwLock::new(Arc::new(Snapshot::default())),
            version: Mutex::new(0),
            bumped: Condvar::new(),
            session: format!("{session:x}"),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&current)
    }

    /// Shows a new site, or the overlay over the last good one when `built` is `None`;
    /// then tells every open page.
    pub fn publish(&self, built: Option<Arc<Built>>, diagnostics: &Diagnostics) {
        let mut version = self.version.lock().unwrap_or_else(PoisonError::into_inner);
        *version += 1;
        let previous = self.snapshot();
        let failed = built.is_none();
        let snapshot = Snapshot {
            built: built.or_else(|| previous.built.clone()),
            overlay: failed.then(|| overlay(diagnostics)),
            version: format!("{}-{}", self.session, *version),
        };
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
        self.bumped.notify_all();
    }

    /// Tells open pages to reload without changing what is served (a static file).
    pub fn bump(&self) {
        let previous = self.snapshot();
        let mut version = self.version.lock().unwrap_or_else(PoisonError::into_inner);
        *version += 1;
        let snapshot = Snapshot {
            built: previous.built.clone(),
            overlay: previous.overlay.clone(),
            version: format!("{}-{}", self.session, *version),
        };
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
        self.bumped.notify_all();
    }

    /// Writes the event stream: the current version at once, then every new one, until
    /// the connection closes.
    pub fn stream(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n",
        )?;
        let mut seen = u64::MAX;
        loop {
            let version = self.version.lock().unwrap_or_else(PoisonError::into_inner);
            let (version, _) = self
                .bumped
                .wait_timeout_while(version, KEEP_ALIVE, |v| *v == seen)
                .unwrap_or_else(PoisonError::into_inner);
            let current = *version;
            drop(version);
            if current == seen {
                out.write_all(b": keep-alive\n\n")?;
            } else {
                seen = current;
                let data = format!("data: {}\n\n", self.snapshot().version);
                out.write_all(data.as_bytes())?;
            }
            out.flush()?;
        }
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

/// A page as served: the overlay (when the last build failed) at the start of the
/// body, the reload script at its end.
pub fn decorate(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let script = script(&snapshot.version);
    let overlay = snapshot.overlay.as_deref().unwrap_or("");
    let mut out = Vec::with_capacity(html.len() + script.len() + overlay.len());
    let body_start = find_tag(html, b"<body").and_then(|at| {
        let close = html[at..].iter().position(|&b| b == b'>')?;
        Some(at + close + 1)
    });
    let body_end = rfind_tag(html, b"</body").unwrap_or(html.len());
    let overlay_at = body_start.filter(|&at| at <= body_end).unwrap_or(body_end);
    out.extend_from_slice(&html[..overlay_at]);
    out.extend_from_slice(overlay.as_bytes());
    out.extend_from_slice(&html[overlay_at..body_end]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[body_end..]);
    out
}

/// A page for when the site has never built: the overlay says why.
pub fn failure_page(snapshot: &Snapshot) -> Vec<u8> {
    let page = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
        <title>The site could not be built · amicus serve</title>\n</head>\n<body>\n\
        <main><h1>The site could not be built</h1>\n\
        <p>Fix the problems listed above; this page reloads by itself.</p></main>\n</body>\n</html>\n";
    decorate(page.as_bytes(), snapshot)
}

fn script(version: &str) -> String {
    format!(
        "<script>/* amicus serve: live reload */(() => {{\
const version = \"{}\";\
const events = new EventSource(\"{EVENTS_PATH}\");\
events.onmessage = (e) => {{ if (e.data !== version) {{ events.close(); location.reload(); }} }};\
document.addEventListener(\"keydown\", (e) => {{ if (e.key === \"Escape\") document.getElementById(\"amicus-overlay\")?.remove(); }});\
}})();</script>\n",
        escape(version)
    )
}

/// The diagnostics as `amicus check` prints them, in a block over the page.
pub fn overlay(diagnostics: &Diagnostics) -> String {
    let title = match render::summary(diagnostics) {
        Some(summary) => format!("The site does not build: {summary}"),
        None => "The site does not build".to_owned(),
    };
    format!(
        "<aside id=\"amicus-overlay\" aria-labelledby=\"amicus-overlay-title\">\
<style>{OVERLAY_CSS}</style>\
<h2 id=\"amicus-overlay-title\" role=\"alert\">{}</h2>\
<p>Beneath is the last version that built. Fix these problems and save: the page reloads by itself.</p>\
<pre>{}</pre>\
<button type=\"button\" onclick=\"document.getElementById('amicus-overlay').remove()\">Dismiss (Esc)</button>\
</aside>\n",
        escape(&title),
        escape(render::human(diagnostics).trim_end())
    )
}

const OVERLAY_CSS: &str = "#amicus-overlay{all:initial;display:block;position:fixed;inset:0 0 auto 0;\
max-height:85vh;overflow:auto;z-index:2147483647;box-sizing:border-box;padding:1rem 1.25rem;\
background:#fff;color:#1b1b1b;border-bottom:.35rem solid #b3261e;box-shadow:0 .25rem 1rem rgba(0,0,0,.4);\
font:1rem/1.5 system-ui,sans-serif}\
#amicus-overlay h2{margin:0 0 .5rem;font-size:1.25rem;font-weight:700;color:#b3261e}\
#amicus-overlay p{margin:0 0 .75rem}\
#amicus-overlay pre{margin:0 0 .75rem;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere;\
background:#f4f4f4;color:#1b1b1b;border:1px solid #8a8a8a;font:.875rem/1.45 ui-monospace,monospace}\
#amicus-overlay button{font:inherit;padding:.25rem .75rem;border:2px solid #1b1b1b;border-radius:.25rem;\
background:#fff;color:#1b1b1b;cursor:pointer}\
#amicus-overlay button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}";

/// The first `<tag` (any case) followed by `>`, white space or `/`.
fn find_tag(html: &[u8], tag: &[u8]) -> Option<usize> {
    (0..html.len()).find(|&i| is_tag_at(html, i, tag))
}

fn rfind_tag(html: &[u8], tag: &[u8]) -> Option<usize> {
    (0..html.len()).rev().find(|&i| is_tag_at(html, i, tag))
}

fn is_tag_at(html: &[u8], i: usize, tag: &[u8]) -> bool {
    html.get(i..i + tag.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(tag))
        && html
            .get(i + tag.len())
            .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostic, SourceFile, codes};

    fn snapshot(overlay: Option<&str>) -> Snapshot {
        Snapshot {
            built: None,
            overlay: overlay.map(str::to_owned),
            version: "v-1".to_owned(),
        }
    }

    #[test]
    fn script_goes_before_the_end_of_the_body_overlay_after_its_start() {
        let html = b"<html><BODY class=\"x\"><p>hi</p></Body></html>";
        let out = String::from_utf8(decorate(html, &snapshot(Some("<aside>E</aside>")))).unwrap();
        assert!(out.starts_with("<html><BODY class=\"x\"><aside>E</aside><p>hi</p><script>"));
        assert!(out.ends_with("</script>\n</Body></html>"), "{out}");
        assert!(out.contains("const version = \"v-1\";"));
    }

    #[test]
    fn pages_without_a_body_get_the_script_at_the_end() {
        let out = String::from_utf8(decorate(b"<p>bodyguard</p>", &snapshot(None))).unwrap();
        assert!(out.starts_with("<p>bodyguard</p><script>"), "{out}");
    }

    #[test]
    fn overlay_escapes_the_diagnostics() {
        let file = SourceFile::new("content/cities/x.md", "---\nname: <b>\n---\n");
        let diagnostics = Diagnostics::from(Diagnostic::new(codes::CONFIG, "bad <b> & \"x\"").at(
            &file,
            10..13,
            "here",
        ));
        let html = overlay(&diagnostics);
        assert!(html.contains("bad &lt;b&gt; &amp; &quot;x&quot;"), "{html}");
        assert!(html.contains("content/cities/x.md:2:7"), "{html}");
        assert!(html.contains("The site does not build: 1 error"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn publishing_bumps_the_version_and_keeps_the_last_good_site() {
        let state = State::new();
        let built = Arc::new(Built::default());
        state.publish(Some(Arc::clone(&built)), &Diagnostics::new());
        let first = state.snapshot();
        assert!(first.overlay.is_none());
        state.publish(None, &Diagnostics::new());
        let second = state.snapshot();
        assert_ne!(first.version, second.version);
        assert!(second.overlay.is_some());
        assert!(Arc::ptr_eq(second.built.as_ref().unwrap(), &built));
    }
}

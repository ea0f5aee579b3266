//! `amicus serve`: builds the site in memory, serves it over HTTP on this machine, and
//! builds it again on every save, telling open pages to reload.
//!
//! ```text
//! watch (notify, debounced) → classify → rebuild (incremental) → publish → reload event
//! ```
//!
//! Threads: request handlers ([`http`]), one rebuild loop, and one per open page's event
//! stream; they share a [`reload::State`]. A build that fails never replaces what is
//! served: the pages of the last good build stay, under an overlay listing the problems,
//! and the server goes on. Pages link to the local address (`http://127.0.0.1:PORT/`)
//! whatever `base_url` says. This module prints nothing: it reports [`Event`]s to the
//! command, which decides what to print.

mod affected;
pub mod http;
pub mod rebuild;
mod relink;
pub mod reload;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::pipeline::SiteOptions;
use crate::render::OutputFile;
use rebuild::{Built, Outcome, Session};
use reload::State;
use watch::{Changes, Watcher};

/// How `amicus serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// Open the site in the browser once it is served.
    pub open: bool,
    /// Also write each good build to this folder.
    pub output: Option<PathBuf>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            root: PathBuf::from("."),
            drafts: false,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            open: false,
            output: None,
        }
    }
}

pub const DEFAULT_PORT: u16 = 4040;

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 20;

/// What the server has to say, for the command to print.
pub enum Event<'a> {
    /// The port asked for was busy; the next free one is used.
    PortTaken { asked: u16, using: u16 },
    /// Bound to an address other machines may reach.
    Exposed(IpAddr),
    /// A build finished: the first one (`changes` is `None`) or one after a change.
    Built {
        outcome: &'a Outcome,
        changes: Option<&'a Changes>,
    },
    /// Only static files changed: open pages reload.
    StaticChanged(&'a Changes),
    /// Serving at this address.
    Listening {
        url: &'a str,
        title: Option<&'a str>,
    },
    /// Changes are not watched: the server serves the first build only.
    NotWatching(String),
    /// The browser could not be opened.
    NoBrowser(String),
    /// A good build was written to `--output`.
    Written { output: &'a Path, files: usize },
    /// `--output` could not be written.
    NotWritten(&'a Diagnostic),
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    Root(PathBuf, std::io::Error),
    Bind(SocketAddr, std::io::Error),
    Server(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Root(path, error) => {
                write!(f, "cannot open the site folder {}: {error}", path.display())
            }
            Self::Bind(address, error) => write!(f, "cannot listen on {address}: {error}"),
            Self::Server(message) => write!(f, "cannot start the server: {message}"),
        }
    }
}

type Report<'r> = &'r (dyn Fn(Event) + Sync);

/// Builds, serves and watches until the process is stopped.
pub fn run(options: &ServeOptions, report: Report) -> Result<(), ServeError> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| ServeError::Root(options.root.clone(), e))?;
    let listener = bind(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .map_err(|e| ServeError::Bind(SocketAddr::new(options.bind, options.port), e))?;
    if address.port() != options.port && options.port != 0 {
        report(Event::PortTaken {
            asked: options.port,
            using: address.port(),
        });
    }
    if !options.bind.is_loopback() {
        report(Event::Exposed(options.bind));
    }
    let url = local_url(address);
    let output = options.output.as_ref().map(|o| absolute(&root, o));
    let mut session = Session::new(SiteOptions {
        root: root.clone(),
        base_url: Some(url.clone()),
        drafts: options.drafts,
    });
    // Watching starts before the first build, so that no save is missed in between.
    let watcher = Watcher::new(&root, output.as_deref());
    let state = Arc::new(State::new());
    let outcome = session.build(&Changes::default());
    finish(&state, &outcome, None, output.as_deref(), &root, report);
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| ServeError::Server(e.to_string()))?;
    let handler = Arc::new(http::Handler::new(Arc::clone(&state), root.join("static")));
    let title = state.snapshot().built.as_ref().map(|b| b.title.clone());
    report(Event::Listening {
        url: &url,
        title: title.as_deref(),
    });
    if options.open {
        open_browser(&url, report);
    }
    std::thread::scope(|scope| {
        match watcher {
            Ok(watcher) => {
                let (state, root, output) = (&state, &root, output.as_deref());
                scope.spawn(move || rebuild_loop(watcher, session, state, root, output, report));
            }
            Err(error) => report(Event::NotWatching(error.to_string())),
        }
        http::run(&server, &handler, 4);
    });
    Ok(())
}

/// Binds `port`, or the next free one when it is busy.
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    let mut last_error = None;
    for offset in 0..tries {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => return Ok(listener),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => last_error = Some(error),
            Err(error) => return Err(ServeError::Bind(SocketAddr::new(ip, candidate), error)),
        }
    }
    let error = last_error.unwrap_or_else(|| std::io::ErrorKind::AddrInUse.into());
    Err(ServeError::Bind(SocketAddr::new(ip, port), error))
}

/// The address pages link to: the one bound, or this machine's for an unspecified one.
fn local_url(address: SocketAddr) -> String {
    let ip = match address.ip() {
        ip if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, address.port()))
}

fn absolute(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    std::env::current_dir().map_or_else(|_| root.join(path), |cwd| cwd.join(path))
}

fn rebuild_loop(
    mut watcher: Watcher,
    mut session: Session,
    state: &State,
    root: &Path,
    output: Option<&Path>,
    report: Report,
) {
    while let Some(changes) = watcher.next_changes() {
        if changes.needs_build() {
            let outcome = session.build(&changes);
            finish(state, &outcome, Some(&changes), output, root, report);
        } else {
            state.bump();
            report(Event::StaticChanged(&changes));
        }
    }
}

/// Publishes a build, reports it, and writes it to `--output` when asked.
fn finish(
    state: &State,
    outcome: &Outcome,
    changes: Option<&Changes>,
    output: Option<&Path>,
    root: &Path,
    report: Report,
) {
    state.publish(outcome.built.clone(), &outcome.diagnostics);
    report(Event::Built { outcome, changes });
    if let (Some(built), Some(output)) = (&outcome.built, output) {
        match write(built, root, output) {
            Ok(files) => report(Event::Written { output, files }),
            Err(error) => report(Event::NotWritten(&error)),
        }
    }
}

fn write(built: &Built, root: &Path, output: &Path) -> Result<usize, Diagnostic> {
    crate::output::prepare_output_folder(root, output)?;
    let mut files: Vec<OutputFile> = built.files().map(|f| (**f).clone()).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let site_static = Some(root.join("static")).filter(|p| p.is_dir());
    let site = crate::output::Site {
        files: &files,
        assets: &built.assets,
        site_static,
    };
    crate::output::write(&site, output)
}

/// Opens `url` in the default browser, without waiting for it.
fn open_browser(url: &str, report: Report) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(error) => report(Event::NoBrowser(error.to_string())),
    }
}

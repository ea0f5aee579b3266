//! `amicus serve`: the binary on a free port of 127.0.0.1, in a copy of a fixture,
//! driven over HTTP while files change under it. Every wait is bounded, and the server
//! is killed when a test ends, passed or failed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::{Site, main_of};

/// The longest any one thing may take before the test fails.
const WAIT: Duration = Duration::from_secs(10);

/// A running `amicus serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    log: Receiver<String>,
    lines: Vec<String>,
    site: Site,
}

impl Server {
    fn start(site: Site) -> Self {
        Self::start_with(site, &[])
    }

    fn start_with(site: Site, args: &[&str]) -> Self {
        let port: &[&str] = if args.contains(&"--port") {
            &[]
        } else {
            &["--port", "0"]
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
            .args(["serve", "--root"])
            .arg(&site.root)
            .args(port)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("amicus starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (sender, log) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Self {
            child,
            port: 0,
            log,
            lines: Vec::new(),
            site,
        };
        let serving = server.wait_line(|l| l.starts_with("Serving"));
        let address = serving.rsplit("http://127.0.0.1:").next().unwrap_or("");
        server.port = address.trim_end_matches('/').parse().expect("a port");
        server
    }

    /// Waits for a line of standard error, returning it.
    fn wait_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) => {
                    self.lines.push(line.clone());
                    if wanted(&line) {
                        return line;
                    }
                }
                Err(_) => panic!("no such line in time; so far:\n{}", self.lines.join("\n")),
            }
        }
    }

    /// Lines of standard error so far that match.
    fn count_lines(&mut self, wanted: impl Fn(&str) -> bool) -> usize {
        self.lines.extend(self.log.try_iter());
        self.lines.iter().filter(|l| wanted(l)).count()
    }

    fn get(&self, target: &str) -> Reply {
        let mut stream = self.connect();
        let request =
            format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("a reply in time");
        Reply::parse(&String::from_utf8_lossy(&bytes))
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the server accepts");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream
    }

    /// Subscribes to reload events.
    fn events(&self) -> Events {
        let mut stream = self.connect();
        let request = "GET /__amicus/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        stream.write_all(request.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).expect("headers in time") > 2 {
            line.clear();
        }
        Events { reader }
    }

    fn write(&self, relative: &str, text: &str) {
        self.site.write(relative, text);
    }

    fn path(&self, relative: &str) -> std::path::PathBuf {
        self.site.root.join(relative)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A reload event stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next version announced.
    fn next(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream closed");
            if let Some(version) = line.strip_prefix("data: ") {
                return version.trim().to_owned();
            }
        }
    }

    /// Waits until the version changes from `from`, returning the new one.
    fn changed(&mut self, from: &str) -> String {
        loop {
            let version = self.next();
            if version != from {
                return version;
            }
        }
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(text: &str) -> Self {
        let (head, body) = text.split_once("\r\n\r\n").expect("a whole reply");
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .unwrap_or("0");
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
            .collect();
        Self {
            status: status.parse().unwrap_or(0),
            headers,
            body: body.to_owned(),
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

#[test]
fn serves_pages_with_local_links_and_reloads_them_on_save() {
    let server = Server::start(Site::fixture("basic"));
    let page = server.get("/cities/chemnitz/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    let local = format!("http://127.0.0.1:{}/cities/chemnitz/", server.port);
    assert!(page.body.contains(&local), "links use the local address");
    assert!(!page.body.contains("partners.example.org"));
    assert!(page.body.contains("/__amicus/events"), "the reload script");
    let mut events = server.events();
    let first = events.next();
    server.write(
        "content/cities/chemnitz.md",
        &std::fs::read_to_string(server.path("content/cities/chemnitz.md"))
            .unwrap()
            .replace("name: Chemnitz", "name: Karl-Marx-Stadt"),
    );
    events.changed(&first);
    let page = server.get("/cities/chemnitz/");
    assert!(
        main_of(&page.body).contains("<h1>Karl-Marx-Stadt"),
        "the new name is served"
    );
    let partner = server.get("/cities/lodz/");
    assert!(
        partner.body.contains("Karl-Marx-Stadt"),
        "also on the partner's page"
    );
}

#[test]
fn files_added_renamed_and_deleted() {
    let server = Server::start(Site::fixture("basic"));
    let mut events = server.events();
    let mut version = events.next();
    server.write(
        "content/pages/contact.md",
        "---\ntitle: Contact\n---\nWrite to us.\n",
    );
    version = events.changed(&version);
    assert!(server.get("/contact/").body.contains("Write to us."));
    std::fs::rename(
        server.path("content/pages/contact.md"),
        server.path("content/pages/write-to-us.md"),
    )
    .unwrap();
    version = events.changed(&version);
    assert_eq!(server.get("/contact/").status, 404);
    assert_eq!(server.get("/write-to-us/").status, 200);
    std::fs::remove_file(server.path("content/pages/write-to-us.md")).unwrap();
    events.changed(&version);
    assert_eq!(server.get("/write-to-us/").status, 404);
}

#[test]
fn editors_saving_through_temporary_files_and_swap_files() {
    let mut server = Server::start(Site::fixture("basic"));
    let mut events = server.events();
    let version = events.next();
    // Swap and backup files alone start no build.
    server.write("content/cities/.lodz.md.swp", "swap");
    server.write("content/cities/lodz.md~", "backup");
    server.write("content/cities/4913", "");
    // Then the editor writes a temporary file and renames it over the real one.
    let text = std::fs::read_to_string(server.path("content/cities/lodz.md")).unwrap();
    server.write(
        "content/cities/.lodz.md.tmp",
        &text.replace("Łódź.", "Saved by rename."),
    );
    std::fs::rename(
        server.path("content/cities/.lodz.md.tmp"),
        server.path("content/cities/lodz.md"),
    )
    .unwrap();
    events.changed(&version);
    assert!(
        server
            .get("/cities/lodz/")
            .body
            .contains("Saved by rename.")
    );
    std::thread::sleep(Duration::from_millis(300));
    let builds = server.count_lines(|l| l.starts_with("Built after"));
    assert_eq!(builds, 1, "one build for the save, none for the swap files");
}

#[test]
fn a_checkout_of_many_files_is_one_build() {
    let mut server = Server::start(Site::fixture("basic"));
    let mut events = server.events();
    let version = events.next();
    // The watcher gathers writes less than 50 ms apart into one change. On a loaded
    // machine this thread can be paused for longer between two writes, and each such
    // pause rightly starts another build: those are counted, not failed.
    let mut pauses = 0;
    let mut last = Instant::now();
    for i in 0..150 {
        server.write(
            &format!("content/pages/note-{i}.md"),
            &format!("---\ntitle: Note {i}\n---\n"),
        );
        pauses += usize::from(last.elapsed() >= Duration::from_millis(40));
        last = Instant::now();
    }
    // After a pause, the first build may come before the last file.
    let mut version = events.changed(&version);
    while server.get("/note-149/").status != 200 {
        version = events.changed(&version);
    }
    std::thread::sleep(Duration::from_millis(300));
    let builds = server.count_lines(|l| l.starts_with("Built after"));
    assert!(
        (1..=1 + pauses).contains(&builds),
        "{builds} builds for 150 files written with {pauses} pauses"
    );
}

#[test]
fn a_broken_file_shows_an_overlay_until_it_is_fixed() {
    let server = Server::start(Site::fixture("basic"));
    let mut events = server.events();
    let mut version = events.next();
    let good = std::fs::read_to_string(server.path("content/cities/lodz.md")).unwrap();
    server.write(
        "content/cities/lodz.md",
        &good.replace("country: PL", "country: Poland"),
    );
    version = events.changed(&version);
    let page = server.get("/cities/lodz/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"amicus-overlay\""), "{}", page.body);
    assert!(
        page.body
            .contains("`Poland` is not an ISO 3166-1 alpha-2 country code")
    );
    assert!(
        page.body.contains("content/cities/lodz.md:3:10"),
        "file, line and column"
    );
    assert!(
        page.body.contains("Textile city turned film capital."),
        "the last good page beneath"
    );
    server.write("content/cities/lodz.md", &good);
    events.changed(&version);
    let page = server.get("/cities/lodz/");
    let mut server = server;
    server.count_lines(|_| true);
    assert!(
        !page.body.contains("id=\"amicus-overlay\""),
        "{}",
        server.lines.join("\n")
    );
}

#[test]
fn a_site_that_never_built_shows_why_and_recovers() {
    let site = Site::fixture("basic");
    site.write(
        "site.yaml",
        "title: Broken\nbase_url: https://example.org/\nlanguage: [en]\n",
    );
    let server = Server::start(site);
    let page = server.get("/cities/lodz/");
    assert_eq!(page.status, 500);
    assert!(page.body.contains("id=\"amicus-overlay\""), "{}", page.body);
    assert!(page.body.contains("site.yaml:3:"), "{}", page.body);
    let mut events = server.events();
    let version = events.next();
    server.write(
        "site.yaml",
        "title: Fixed\nbase_url: https://example.org/\n",
    );
    events.changed(&version);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Fixed"));
    assert!(!page.body.contains("id=\"amicus-overlay\""));
}

#[test]
fn static_files_reload_and_have_content_types() {
    let site = Site::fixture("basic");
    site.write("static/docs/agreement.pdf", "%PDF-1.4");
    let server = Server::start(site);
    for (target, status, content_type) in [
        ("/static/amicus.css", 200, "text/css; charset=utf-8"),
        ("/sitemap.xml", 200, "application/xml; charset=utf-8"),
        ("/robots.txt", 200, "text/plain; charset=utf-8"),
        ("/data/directory.json", 200, "application/json"),
        ("/data/cities.csv", 200, "text/csv; charset=utf-8"),
        ("/data/partnerships.geojson", 200, "application/geo+json"),
        ("/docs/agreement.pdf", 200, "application/pdf"),
        ("/no/such/page/", 404, "text/html; charset=utf-8"),
    ] {
        let reply = server.get(target);
        assert_eq!(
            (reply.status, reply.header("content-type")),
            (status, content_type),
            "{target}"
        );
    }
    let missing = server.get("/no/such/page/");
    assert!(
        missing.body.contains("/__amicus/events"),
        "the theme's 404 page, served live"
    );
    let redirect = server.get("/cities/lodz?x=1");
    assert_eq!(
        (redirect.status, redirect.header("location")),
        (301, "/cities/lodz/?x=1")
    );
    let mut events = server.events();
    let version = events.next();
    server.write("static/docs/notes.txt", "new");
    events.changed(&version);
    assert_eq!(server.get("/docs/notes.txt").body, "new");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = Site::fixture("basic");
    let outside = site.root.parent().unwrap().join("secret.txt");
    std::fs::write(&outside, "secret").unwrap();
    site.write("static/public.txt", "public");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, site.root.join("static/link.txt")).unwrap();
    let server = Server::start(site);
    assert_eq!(server.get("/public.txt").body, "public");
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/.%2e/secret.txt",
        "/secret.txt%00.html",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 400, "{target}");
        assert!(!reply.body.contains("secret"), "{target}");
    }
    for target in [
        "/link.txt",
        "/site.yaml",
        "/content/cities/lodz.md",
        "/secret.txt",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(
            !reply.body.contains("secret") || target == "/secret.txt",
            "{target}"
        );
    }
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut server = Server::start_with(Site::fixture("basic"), &["--port", &port]);
    assert_ne!(server.port.to_string(), port);
    assert_eq!(
        server.count_lines(|l| l.starts_with(&format!("Port {port} is busy"))),
        1
    );
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn ctrl_c_and_sigterm_stop_the_server_with_success() {
    for signal in ["-INT", "-TERM"] {
        let mut server = Server::start(Site::fixture("basic"));
        let sent = Command::new("kill")
            .args([signal, &server.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let deadline = Instant::now() + WAIT;
        let status = loop {
            if let Some(status) = server.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "still running after kill {signal}"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(0), "after kill {signal}");
    }
}

#[test]
fn incremental_builds_equal_a_clean_build() {
    let out = tempfile::tempdir().unwrap();
    let served = out.path().join("served");
    let site = Site::fixture("basic");
    let served_arg = served.display().to_string();
    let mut server = Server::start_with(site, &["--output", &served_arg]);
    assert_eq!(server.count_lines(|l| l.starts_with("Wrote")), 1);
    let edits: [(&str, &str); 3] = [
        (
            "content/cities/lodz.md",
            "---\nname: Łódź\ncountry: PL\nsummary: Film city.\n---\nEdited.\n",
        ),
        (
            "content/cities/kyoto.md",
            "---\nname: Kyoto\ncountry: JP\n---\n",
        ),
        (
            "content/agreements/chemnitz-kyoto.md",
            "---\ntitle: Chemnitz–Kyoto\nkind: friendship\nparties: [chemnitz, kyoto]\nsigned: 2001\n---\n",
        ),
    ];
    for (path, text) in edits {
        server.write(path, text);
        server.wait_line(|l| l.starts_with("Wrote"));
    }
    std::fs::remove_file(server.path("content/agreements/chemnitz-kyoto.md")).unwrap();
    server.wait_line(|l| l.starts_with("Wrote"));
    std::thread::sleep(Duration::from_millis(200));
    let builds = server.count_lines(|l| l.starts_with("Built"));
    assert_eq!(builds, server.count_lines(|l| l.starts_with("Wrote")));
    let clean = out.path().join("clean");
    let base_url = format!("http://127.0.0.1:{}/", server.port);
    let run = server.site.run(&[
        "build",
        "--base-url",
        &base_url,
        "--output",
        &clean.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(tree(&served), tree(&clean));
}

/// Every file under a folder, by relative path.
fn tree(base: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(base)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(base).unwrap().display().to_string();
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

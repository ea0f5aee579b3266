//! `amicus serve`: runs the server and prints what it reports.

use super::Failed;
use crate::cli::ServeArgs;
use crate::diagnostics::render;
use crate::serve::{self, Event, ServeOptions};

pub fn run(args: &ServeArgs) -> Result<(), Failed> {
    let options = ServeOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        bind: args.bind,
        port: args.port,
        open: args.open,
        output: args.output.clone(),
    };
    stop_on_signal();
    serve::run(&options, &print).map_err(|error| {
        eprintln!("error: {error}");
        if let serve::ServeError::Bind(..) = error {
            eprintln!(
                "  = help: choose another port with `--port`, or `--port 0` for any free one"
            );
        }
        Failed
    })
}

/// Makes Ctrl+C and SIGTERM end the server through `exit`, which runs the exit handlers
/// that a death by signal skips. An instrumented build writes its profile in one, and
/// bench/pgo.sh trains on `serve` too: left out of the profile, its rebuilds took a
/// tenth to a quarter longer in the optimised binary than in the plain one.
#[expect(
    clippy::disallowed_methods,
    reason = "the handler runs on a thread of its own while the server's threads wait on \
              sockets and the watcher: there is no error to return to main, the user asked to stop"
)]
fn stop_on_signal() {
    // It fails only when a handler is set already; a signal stops the server all the same.
    let _ = ctrlc::set_handler(|| std::process::exit(0));
}

fn print(event: Event) {
    match event {
        Event::PortTaken { asked, using } => {
            eprintln!("Port {asked} is busy; using port {using} instead.");
        }
        Event::Exposed(ip) => eprintln!(
            "warning: listening on {ip}: other machines on the network can see this site. \
             Use the default (127.0.0.1) unless that is what you want."
        ),
        Event::Built { outcome, changes } => built(outcome, changes),
        Event::StaticChanged(changes) => {
            eprintln!("Changed {}: reloading open pages", paths(changes));
        }
        Event::Listening { url, title } => {
            let title = title.map_or(String::new(), |t| format!("{t} "));
            eprintln!("Serving {title}at {url}");
            eprintln!("Watching site.yaml, content/, static/ and themes/. Press Ctrl+C to stop.");
        }
        Event::NotWatching(reason) => {
            eprintln!(
                "warning: cannot watch the site for changes ({reason}); restart to see edits"
            );
        }
        Event::NoBrowser(reason) => eprintln!("warning: cannot open the browser: {reason}"),
        Event::Written { output, files } => {
            eprintln!("Wrote {files} files to {}", output.display());
        }
        Event::NotWritten(diagnostic) => {
            eprint!("{}", render::human(&diagnostic.clone().into()));
        }
    }
}

fn built(outcome: &serve::rebuild::Outcome, changes: Option<&serve::watch::Changes>) {
    eprint!("{}", render::human(&outcome.diagnostics));
    super::print_timings(&outcome.timings);
    let milliseconds = outcome.timings.total().as_millis();
    let after = changes.map_or(String::new(), |c| {
        format!(" after a change to {}", paths(c))
    });
    if outcome.built.is_some() {
        let problems =
            render::summary(&outcome.diagnostics).map_or(String::new(), |s| format!(" ({s})"));
        eprintln!(
            "Built{after} in {milliseconds} ms: {} of {} pages rendered{problems}",
            outcome.rendered, outcome.pages
        );
    } else {
        let problems = render::summary(&outcome.diagnostics).unwrap_or_else(|| "errors".into());
        eprintln!(
            "Build failed{after}: {problems}. The browser shows them over the last good build."
        );
    }
}

/// The changed paths, shortened when there are many.
fn paths(changes: &serve::watch::Changes) -> String {
    let mut names: Vec<String> = changes
        .paths
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    if changes.paths.len() > 3 {
        names.push(format!("{} more", changes.paths.len() - 3));
    }
    names.join(", ")
}

//! Progress of a long build: which stage runs and how far it got.
//!
//! The pipeline reports through the [`Progress`] trait and never prints; a command
//! chooses what to do with the reports. [`Silent`] ignores them (tests, CI, `serve`);
//! [`Display`] draws one line on a terminal, overwritten in place, once the build has
//! run for more than a second, and erases it when the build ends so that the command's
//! summary line stands alone. Reports come from render threads, so they are cheap: a
//! counter increment, and a redraw at most every 100 ms.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What the pipeline tells about its progress.
pub trait Progress: Sync {
    /// A stage begins; `total` is how many items it will report, when known.
    fn stage(&self, name: &'static str, total: Option<usize>);
    /// `count` more items of the current stage are done.
    fn advance(&self, count: usize);
}

/// Ignores every report.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &'static str, _: Option<usize>) {}
    fn advance(&self, _: usize) {}
}

/// How long a build runs before its progress is shown: quick builds stay quiet.
const QUIET_FOR: Duration = Duration::from_secs(1);
const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// A one-line display on a terminal, written to `out`.
pub struct Display<W: Write + Send> {
    out: Mutex<DisplayState<W>>,
    start: Instant,
    done: AtomicUsize,
    /// Milliseconds since `start` of the last redraw.
    drawn_at: AtomicU64,
}

struct DisplayState<W> {
    out: W,
    stage: &'static str,
    total: Option<usize>,
    /// Whether a line is on screen that [`Display::finish`] must erase.
    shown: bool,
}

impl<W: Write + Send> Display<W> {
    pub fn new(out: W) -> Self {
        Self {
            out: Mutex::new(DisplayState {
                out,
                stage: "",
                total: None,
                shown: false,
            }),
            start: Instant::now(),
            done: AtomicUsize::new(0),
            drawn_at: AtomicU64::new(0),
        }
    }

    /// Erases the progress line, if one is shown.
    pub fn finish(&self) {
        if let Ok(mut state) = self.out.lock()
            && state.shown
        {
            state.shown = false;
            let _ = write!(state.out, "\r\x1b[2K");
            let _ = state.out.flush();
        }
    }

    fn elapsed_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    /// Redraws when the build is no longer quick and the last redraw is old enough.
    fn maybe_draw(&self, force: bool) {
        let now = self.elapsed_ms();
        if now < QUIET_FOR.as_millis() as u64 {
            return;
        }
        let last = self.drawn_at.load(Ordering::Relaxed);
        let due = force || now >= last + REDRAW_EVERY.as_millis() as u64;
        if !due
            || self
                .drawn_at
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return;
        }
        if let Ok(mut state) = self.out.lock() {
            let line = line(state.stage, self.done.load(Ordering::Relaxed), state.total);
            state.shown = true;
            let _ = write!(state.out, "\r\x1b[2K{line}");
            let _ = state.out.flush();
        }
    }
}

impl<W: Write + Send> Progress for Display<W> {
    fn stage(&self, name: &'static str, total: Option<usize>) {
        if let Ok(mut state) = self.out.lock() {
            state.stage = name;
            state.total = total;
        }
        self.done.store(0, Ordering::Relaxed);
        self.maybe_draw(true);
    }

    fn advance(&self, count: usize) {
        self.done.fetch_add(count, Ordering::Relaxed);
        self.maybe_draw(false);
    }
}

/// `render 12,000/25,544 pages`, or the stage name alone while nothing is counted.
fn line(stage: &str, done: usize, total: Option<usize>) -> String {
    match total {
        Some(total) => format!(
            "{stage} {}/{}",
            thousands(done.min(total)),
            thousands(total)
        ),
        None if done > 0 => format!("{stage} {}", thousands(done)),
        None => format!("{stage}…"),
    }
}

/// `25544` → `25,544`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.char_indices() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_show_stage_and_counts() {
        assert_eq!(line("render", 12_000, Some(25_544)), "render 12,000/25,544");
        assert_eq!(line("load", 0, None), "load…");
        assert_eq!(line("load", 1_234_567, None), "load 1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn quick_builds_draw_nothing() {
        let display = Display::new(Vec::new());
        display.stage("render", Some(3));
        display.advance(3);
        display.finish();
        let out = display.out.into_inner().unwrap().out;
        assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
    }

    #[test]
    fn a_shown_line_is_erased_at_the_end() {
        let display = Display::new(Vec::new());
        let display = Display {
            start: display.start - QUIET_FOR,
            ..display
        };
        display.stage("render", Some(3));
        display.finish();
        let out = display.out.into_inner().unwrap().out;
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\r\x1b[2Krender 0/3\r\x1b[2K"
        );
    }
}

//! Where the render stage hands its files: the write stage's staging folder for a
//! build, memory for `serve` and tests, nowhere for `check`. Files come from many
//! threads at once.
//!
//! A file is made in memory and taken whole ([`Sink::file`]), or, for the open data,
//! written as it is made ([`Sink::stream`]), so that a sink that writes to disk never
//! holds one whole: `directory.json` alone is 120 MB at 100,000 cities.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use super::OutputFile;
use crate::diagnostics::Diagnostic;

/// Writes a file's bytes into the writer it is given, as they are made.
pub type Writer<'a> = &'a mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>;

/// Takes the rendered files.
pub trait Sink: Sync {
    /// Takes a file made in memory.
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic>;

    /// Takes a file that `write` makes as it is written. By default it is made in
    /// memory and taken as [`Sink::file`].
    fn stream(&self, path: &str, write: Writer) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        // Writing to memory fails only for data that cannot be serialized, which the
        // directory's types rule out.
        let _ = write(&mut bytes);
        self.file(OutputFile {
            path: path.to_owned(),
            bytes,
        })
    }
}

impl<F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync> Sink for F {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self(file)
    }
}

/// A sink that takes no more files after its first failure, so that its error is
/// reported once.
pub struct Guarded<S> {
    sink: S,
    failed: AtomicBool,
}

impl<S: Sink> Guarded<S> {
    pub fn new(sink: S) -> Self {
        Self {
            sink,
            failed: AtomicBool::new(false),
        }
    }

    /// The sink, to take back what it kept.
    pub fn into_inner(self) -> S {
        self.sink
    }

    /// The file's path once taken; `Err(None)` when an earlier file failed.
    pub fn take(&self, file: OutputFile) -> Result<String, Option<Diagnostic>> {
        let path = file.path.clone();
        self.guard(|sink| sink.file(file)).map(|()| path)
    }

    fn guard(
        &self,
        take: impl FnOnce(&S) -> Result<(), Diagnostic>,
    ) -> Result<(), Option<Diagnostic>> {
        if self.failed.load(Ordering::Relaxed) {
            return Err(None);
        }
        take(&self.sink).map_err(|error| {
            self.failed.store(true, Ordering::Relaxed);
            Some(error)
        })
    }
}

/// As a sink, a guarded one skips files after a failure without a second error.
impl<S: Sink> Sink for Guarded<S> {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.take(file).map(drop).or_else(reported_once)
    }

    fn stream(&self, path: &str, write: Writer) -> Result<(), Diagnostic> {
        self.guard(|sink| sink.stream(path, write))
            .or_else(reported_once)
    }
}

fn reported_once(error: Option<Diagnostic>) -> Result<(), Diagnostic> {
    error.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::diagnostics::codes;

    fn write_two_lines(out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(b"one\n")?;
        out.write_all(b"two\n")
    }

    #[test]
    fn a_sink_of_whole_files_takes_a_stream_as_one_file() {
        let files = Mutex::new(Vec::new());
        let sink = |file: OutputFile| {
            files.lock().unwrap().push(file);
            Ok(())
        };
        sink.stream("data/x.csv", &mut write_two_lines).unwrap();
        let files = files.into_inner().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "data/x.csv");
        assert_eq!(files[0].bytes, b"one\ntwo\n");
    }

    #[test]
    fn a_guarded_sink_reports_its_first_failure_once_and_takes_nothing_after() {
        let calls = Mutex::new(0);
        let failing = |_: OutputFile| {
            *calls.lock().unwrap() += 1;
            Err(Diagnostic::new(codes::IO, "disk full"))
        };
        let sink = Guarded::new(failing);
        let file = || OutputFile {
            path: "a.html".to_owned(),
            bytes: Vec::new(),
        };
        assert!(sink.stream("data/x.csv", &mut write_two_lines).is_err());
        assert!(sink.file(file()).is_ok(), "skipped, not reported again");
        assert!(matches!(sink.take(file()), Err(None)));
        assert_eq!(*calls.lock().unwrap(), 1);
    }
}

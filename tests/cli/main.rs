//! Integration tests: every case runs the `amicus` binary on a fixture site under
//! `tests/fixtures/`, copied to a temporary folder so tests never share state.

mod anniversaries;
mod build;
mod check;
mod diff;
mod home;
mod import;
mod language;
mod maps;
mod multilingual;
mod new;
mod pages;
mod public;
mod scale;
mod schema;
mod serve;
mod support;

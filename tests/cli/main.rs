//! Integration tests: every case runs the `amicus` binary on a fixture site under
//! `tests/fixtures/`, copied to a temporary folder so tests never share state.

mod build;
mod new;
mod serve;
mod support;

//! One content file through everything that reads it: front-matter splitting, YAML
//! reading into each kind of entry (with the recovery that reports every wrong field),
//! value checks, Markdown rendering, and the diagnostics rendered in all three formats.
//! Run with `cargo fuzz run content_file` from the repository root (see README.md in
//! this folder). Must never panic, hang or grow memory without bound.
#![no_main]

use std::sync::OnceLock;

use amicus::config::Config;
use amicus::content::model::Collection;
use amicus::content::parse::parse_document;
use amicus::diagnostics::{Diagnostics, SourceFile, render};
use amicus::load::RawDocument;
use libfuzzer_sys::fuzz_target;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        amicus::config::parse("title: Fuzz\nbase_url: https://example.org/\n".into(), None)
            .expect("a valid site.yaml")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let collection = Collection::ALL[usize::from(selector) % Collection::ALL.len()];
    let document = RawDocument {
        collection,
        stem: "fuzzed".to_owned(),
        source: SourceFile::new("content/fuzzed.md", text),
    };
    let (_, found) = parse_document(document, config());
    let diagnostics: Diagnostics = found.into_iter().collect();
    let _ = render::human(&diagnostics);
    let _ = render::json(&diagnostics);
    let _ = render::github(&diagnostics, std::path::Path::new(""));
});

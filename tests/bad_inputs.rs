//! The corpus of bad inputs: every folder of `tests/fixtures/bad/` is a site with one
//! kind of mistake and becomes its own test, found when the tests start, so that a new
//! case is a new folder plus its snapshot `snapshots/bad_inputs__bad_<case>.snap`.
//! Each case must make `check` (in all three formats) and `build` exit 1 without a
//! panic, give at least one complete JSON diagnostic, leave an earlier build's `public/`
//! untouched and report as in its snapshot. One more test checks that every diagnostic
//! code is produced by some fixture.
//!
//! Run one case alone with `cargo test --test bad_inputs -- --exact id-typo`.

#[expect(dead_code, reason = "shared with the cli target, which uses all of it")]
#[path = "cli/support.rs"]
mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use libtest_mimic::{Arguments, Failed, Trial};

use support::{Run, Site};

/// The day the dated warnings of the `warnings` fixture are checked on.
const TODAY: &str = "2025-06-15";

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = cases()
        .into_iter()
        .map(|case| Trial::test(case.clone(), move || reported_everywhere(&case)))
        .collect();
    trials.push(Trial::test(
        "every_code_is_produced_by_a_fixture",
        every_code_is_produced_by_a_fixture,
    ));
    libtest_mimic::run(&args, trials).exit_code()
}

fn bad_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// The names of the folders under `tests/fixtures/bad/`, sorted.
fn cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(bad_folder())
        .expect("tests/fixtures/bad/ is readable")
        .map(|entry| entry.expect("an entry of tests/fixtures/bad/"))
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.file_name().into_string().expect("an ASCII case name"))
        .collect();
    cases.sort();
    cases
}

/// Writes the inputs too large to commit.
fn prepare(case: &str, site: &Site) {
    match case {
        "huge-body" => {
            let mut text = String::from("---\nname: Osaka\ncountry: JP\n---\n");
            let line = "Osaka is a port city on Osaka Bay, with a long history of trade.\n";
            while text.len() < 50 * 1024 * 1024 {
                text.push_str(line);
            }
            site.write("content/cities/osaka.md", text);
        }
        "deep-nesting" => {
            let depth = 10_000;
            let text = format!(
                "---\nname: Osaka\ncountry: JP\nextra: {}{}\n---\n",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            site.write("content/cities/osaka.md", text);
        }
        _ => {}
    }
}

/// A bad site whose `public/` holds the output of an earlier good build.
fn bad_site(case: &str) -> Site {
    let site = Site::fixture(&format!("bad/{case}"));
    prepare(case, &site);
    let good = Site::minimal();
    let output = site.root.join("public");
    let built = good.run(&["build", "--output", output.to_str().unwrap()]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    site
}

/// Every file under `folder` with its bytes.
fn tree(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(folder)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn section(title: &str, run: &Run) -> String {
    let mut out = format!("== amicus {title}\nexit: {}\n", run.code);
    if !run.stdout.is_empty() {
        out.push_str(&format!("-- stdout\n{}", run.stdout));
    }
    out.push_str(&format!("-- stderr\n{}", run.stderr));
    out
}

/// The codes in JSON Lines output; fails unless every line is a diagnostic object.
fn codes_in(json: &str) -> Vec<String> {
    json.lines()
        .map(|line| {
            let value: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            for field in ["name", "severity", "message", "secondary", "help"] {
                assert!(value.get(field).is_some(), "no `{field}` in {line}");
            }
            value["code"].as_str().expect("a code").to_owned()
        })
        .collect()
}

/// One case: reported in every format and by `build`, with the output left alone.
fn reported_everywhere(case: &str) -> Result<(), Failed> {
    let site = bad_site(case);
    let before = tree(&site.root.join("public"));
    let runs = [
        ("check", site.run(&["check"])),
        (
            "check --format json",
            site.run(&["check", "--format", "json"]),
        ),
        (
            "check --format github",
            site.run(&["check", "--format", "github"]),
        ),
        ("build", site.run(&["build"])),
    ];
    let mut report = String::new();
    for (title, run) in &runs {
        assert_eq!(run.code, 1, "`amicus {title}` exits 1\n{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        report.push_str(&section(title, run));
    }
    assert!(
        !codes_in(&runs[1].1.stdout).is_empty(),
        "no JSON diagnostic"
    );
    assert!(
        tree(&site.root.join("public")) == before,
        "a failed build changed public/"
    );
    insta::assert_snapshot!(format!("bad_{case}"), report);
    Ok(())
}

fn every_code_is_produced_by_a_fixture() -> Result<(), Failed> {
    let mut produced = BTreeSet::new();
    for case in cases() {
        let site = bad_site(&case);
        produced.extend(codes_in(&site.run(&["check", "--format", "json"]).stdout));
    }
    let warnings = Site::fixture("warnings");
    let run = warnings.run(&["check", "--format", "json", "--today", TODAY]);
    produced.extend(codes_in(&run.stdout));
    // Only `build` has an output folder to refuse.
    let basic = Site::fixture("basic");
    let run = basic.run(&["build", "--output", "content"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[A0003]"), "{}", run.stderr);
    produced.insert("A0003".to_owned());
    // Only `diff` reads git; tests/cli/diff.rs produces it.
    produced.insert("A0004".to_owned());
    // Only a file saved while a build runs; a test in src/pipeline.rs produces it.
    produced.insert("A0005".to_owned());
    let missing: Vec<&str> = amicus::diagnostics::codes::ALL
        .iter()
        .map(|c| c.code)
        .filter(|code| !produced.contains(*code))
        .collect();
    assert!(missing.is_empty(), "no fixture produces {missing:?}");
    Ok(())
}

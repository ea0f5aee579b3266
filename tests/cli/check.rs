//! `amicus check`: the corpus of bad inputs in `tests/fixtures/bad/`, each reported in
//! all three formats and by `build`, with exit 1 and the previous output untouched; the
//! editor warnings; and the exit codes.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::support::{Run, Site};

/// Each a minimal site under tests/fixtures/bad/ with one kind of mistake (a few are
/// completed by [`prepare`], so that no large file is committed).
const BAD: &[&str] = &[
    "alias-bomb",
    "bad-url",
    "binary-md",
    "broken-body-link",
    "config-error",
    "country-code",
    "deep-nesting",
    "duplicate-ids",
    "empty-file",
    "end-before-start",
    "expires-before-signed",
    "field-typo",
    "five-mistakes",
    "history-order",
    "history-party",
    "huge-body",
    "id-syntax",
    "id-typo",
    "impossible-date",
    "invalid-value",
    "latitude-95",
    "missing-field",
    "no-site-yaml",
    "non-ascii-file-name",
    "not-utf8",
    "one-party-agreement",
    "parent-loop",
    "self-partner",
    "signed-history",
    "status-history",
    "tab-indentation",
    "template-filters-list",
    "template-header-page-title",
    "template-syntax-error",
    "template-undefined-variable",
    "unclosed-front-matter",
    "unknown-area",
    "uppercase-file-name",
    "wrong-type",
];

/// The day the dated warnings of the `warnings` fixture are checked on.
const TODAY: &str = "2025-06-15";

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

#[test]
fn bad_inputs_are_reported_in_every_format_and_leave_the_output_alone() {
    for case in BAD {
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
            assert_eq!(
                run.code, 1,
                "{case}: `amicus {title}` exits 1\n{}",
                run.stderr
            );
            assert!(!run.stderr.contains("panicked"), "{case}: {}", run.stderr);
            report.push_str(&section(title, run));
        }
        assert!(
            !codes_in(&runs[1].1.stdout).is_empty(),
            "{case}: no JSON diagnostic"
        );
        assert!(
            tree(&site.root.join("public")) == before,
            "{case}: a failed build changed public/"
        );
        insta::assert_snapshot!(format!("bad_{case}"), report);
    }
}

#[test]
fn every_code_is_produced_by_a_fixture() {
    let mut produced = BTreeSet::new();
    for case in BAD {
        let site = bad_site(case);
        produced.extend(codes_in(&site.run(&["check", "--format", "json"]).stdout));
    }
    let warnings = Site::fixture("bad/warnings");
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
    let missing: Vec<&str> = amicus::diagnostics::codes::ALL
        .iter()
        .map(|c| c.code)
        .filter(|code| !produced.contains(*code))
        .collect();
    assert!(missing.is_empty(), "no fixture produces {missing:?}");
}

#[test]
fn five_mistakes_in_one_run() {
    let site = Site::fixture("bad/five-mistakes");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.matches("error[").count(), 5, "{}", run.stderr);
}

#[test]
fn editor_warnings_with_a_fixed_today() {
    let site = Site::fixture("bad/warnings");
    let run = site.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("warnings_human", run.stderr);
    let github = site.run(&["check", "--today", TODAY, "--format", "github"]);
    insta::assert_snapshot!("warnings_github", github.stdout);
    let denied = site.run(&["check", "--today", TODAY, "--deny", "warnings"]);
    assert_eq!(denied.code, 1);
    assert!(
        denied.stderr.ends_with("Check failed: 9 warnings\n"),
        "{}",
        denied.stderr
    );
}

#[test]
fn build_output_never_depends_on_the_date() {
    let site = Site::fixture("bad/warnings");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for dated in ["A0402", "A0403", "A0404"] {
        assert!(
            !run.stderr.contains(dated),
            "{dated} in build:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("warning[A0407]: no agreement or program mentions `nara`")
    );
}

#[test]
fn warnings_are_silenced_by_name_in_site_yaml() {
    let site = Site::fixture("bad/warnings");
    site.write(
        "site.yaml",
        "title: Bad input\nbase_url: https://example.org/\nsilence: [orphan-city, no-location, agreement-expired]\n",
    );
    let run = site.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for silenced in ["A0402", "A0405", "A0407"] {
        assert!(!run.stderr.contains(silenced), "{}", run.stderr);
    }
    assert!(
        run.stderr.ends_with("Check passed: 6 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_good_site_passes() {
    let site = Site::fixture("basic");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    insta::assert_snapshot!(run.stderr, @"Check passed: no problems found");
}

#[test]
fn bad_usage_exits_2() {
    let site = Site::fixture("basic");
    for args in [
        &["check", "--format", "xml"][..],
        &["check", "--today", "2023-02-30"],
        &["check", "--deny", "errors"],
    ] {
        let run = site.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    let run = site.run(&["check", "--today", "2023-02-30"]);
    assert!(
        run.stderr
            .contains("`2023-02-30` does not exist: February 2023 has 28 days"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_colour_when_stderr_is_not_a_terminal() {
    let site = Site::fixture("bad/id-typo");
    let output = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["check", "--root"])
        .arg(&site.root)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("error[A0301]"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "{stderr}");
}

fn explain(code: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["explain", code])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (output.status.code().unwrap_or(-1), stdout)
}

#[test]
fn explain_prints_the_documentation_of_a_code() {
    let (code, text) = explain("A0104");
    assert_eq!(code, 0);
    insta::assert_snapshot!(text, @r"
    ## A0104 `wrong-type`

    **error**: A field has a value of the wrong type.

    Each field takes one kind of value: `population` a whole number, `areas` a list of area ids, `location` a map with `lat` and `lon`. Write the value in the form the field takes, for example `population: 1500000`.

    **Example**

    ```yaml
    population: about 1.5 million
    ```

    Fix: `population: 1500000`.
    ");
    assert_eq!(explain("wrong-type"), (0, text));
    assert_eq!(explain("A9999"), (1, String::new()));
}

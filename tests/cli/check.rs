//! `amicus check`: the editor warnings, a run that reports several mistakes, the exit
//! codes and `amicus explain`. The corpus of bad inputs in `tests/fixtures/bad/`, one
//! test per folder, is the `bad_inputs` test target (`tests/bad_inputs.rs`).

use std::process::Command;

use crate::support::Site;

/// The day the dated warnings of the `warnings` fixture are checked on.
const TODAY: &str = "2025-06-15";

#[test]
fn five_mistakes_in_one_run() {
    let site = Site::fixture("bad/five-mistakes");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.matches("error[").count(), 5, "{}", run.stderr);
}

#[test]
fn editor_warnings_with_a_fixed_today() {
    let site = Site::fixture("warnings");
    let run = site.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("warnings_human", run.stderr);
    let github = site.run(&["check", "--today", TODAY, "--format", "github"]);
    insta::assert_snapshot!("warnings_github", github.stdout);
    let denied = site.run(&["check", "--today", TODAY, "--deny", "warnings"]);
    assert_eq!(denied.code, 1);
    assert!(
        denied.stderr.ends_with("Check failed: 17 warnings\n"),
        "{}",
        denied.stderr
    );
}

#[test]
fn build_output_never_depends_on_the_date() {
    let site = Site::fixture("warnings");
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
    let site = Site::fixture("warnings");
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
        run.stderr.ends_with("Check passed: 12 warnings\n"),
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

/// `amicus ARGS` run in `dir`, with no `--root` added: (exit code, stdout, stderr).
fn amicus_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    let code = output.status.code().unwrap_or(-1);
    (code, text(output.stdout), text(output.stderr))
}

#[test]
fn a_subfolder_of_a_site_finds_its_site_yaml_upward() {
    let site = Site::fixture("basic");
    let (code, _, stderr) = amicus_in(&site.root.join("content/cities"), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    let root = std::fs::canonicalize(&site.root).unwrap();
    assert!(
        stderr.starts_with(&format!("Using the site in {}\n", root.display())),
        "{stderr}"
    );
}

#[test]
fn github_annotations_name_files_from_the_repository_root() {
    let site = Site::fixture("bad/id-typo");
    let repository = site.root.parent().unwrap();
    std::fs::create_dir(repository.join(".git")).unwrap();
    let content = site.root.join("content");
    for root in ["..", site.root.to_str().unwrap()] {
        let (code, stdout, _) =
            amicus_in(&content, &["check", "--format", "github", "--root", root]);
        assert_eq!(code, 1);
        assert!(
            stdout.starts_with("::error file=site/content/agreements/"),
            "--root {root}: {stdout}"
        );
    }
}

//! `amicus new`: the files it writes, that they check clean, and what it refuses.

use std::path::Path;
use std::process::Command;

use crate::support::{Run, Site, redact};

/// Runs `amicus ARGS` in `dir`, with no `--root` added.
fn amicus(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("amicus runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: redact(&String::from_utf8_lossy(&output.stdout), dir),
        stderr: redact(&String::from_utf8_lossy(&output.stderr), dir),
    }
}

/// The workflow `--ci` writes is the one docs/ci.md shows, with this version pinned.
#[test]
fn a_new_site_with_ci_gets_the_documented_workflow() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci.md")).unwrap();
    for (service, path) in [
        ("github", ".github/workflows/amicus.yml"),
        ("gitlab", ".gitlab-ci.yml"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let run = amicus(dir.path(), &["new", "site", "partners", "--ci", service]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.ends_with(&format!("partners/{path}\n")),
            "{}",
            run.stdout
        );
        assert!(run.stderr.contains("set `SITE`"), "{}", run.stderr);
        let workflow = std::fs::read_to_string(dir.path().join("partners").join(path)).unwrap();
        let version = format!("AMICUS_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"));
        assert!(workflow.contains(&version), "{workflow}");
        assert!(
            docs.contains(&format!("```yaml\n{workflow}```")),
            "docs/ci.md does not show the {service} workflow that `new site --ci` writes"
        );
    }
}

#[test]
fn a_new_site_checks_clean_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let run = amicus(dir.path(), &["new", "site", "partners"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r"
    partners/site.yaml
    partners/content/cities/nuremberg.md
    partners/content/cities/krakow.md
    partners/content/agreements/nuremberg-krakow.md
    partners/content/programs/youth-exchange.md
    partners/content/pages/about.md
    partners/.gitignore
    ");
    let gitignore = std::fs::read_to_string(dir.path().join("partners/.gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/public/"), "{gitignore}");
    let site = dir.path().join("partners");
    let check = amicus(dir.path(), &["check", "--root", "partners"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "Check passed: no problems found\n");
    let build = amicus(dir.path(), &["build", "--root", "partners"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(site.join("public/cities/krakow/index.html").is_file());
    let again = amicus(dir.path(), &["new", "site", "partners"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.starts_with("error: partners/site.yaml, "),
        "{}",
        again.stderr
    );
}

#[test]
fn a_new_city_is_named_by_transliteration_with_every_field() {
    let site = Site::minimal();
    let run = site.run(&["new", "city", "São Paulo", "--country", "BR"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "[ROOT]/content/cities/sao-paulo.md\n");
    let text = std::fs::read_to_string(site.root.join("content/cities/sao-paulo.md")).unwrap();
    insta::assert_snapshot!(text, @r#"
    ---
    name: São Paulo                   # as written locally
    country: BR                       # ISO 3166-1 alpha-2 code
    level: city                       # city, municipality, district, county, prefecture, state, province, region
    # parent: state-id                # id of the state or region it belongs to
    # summary: One line, shown in lists and search.
    # location: { lat: 0.0, lon: 0.0 } # decimal degrees
    # population: 100000
    # website: https://example.org/
    # names: { en: Name in English }  # language tag → name
    # former_names:
    #   - { name: Former name, until: 1990 }
    # ids: { wikidata: Q1, geonames: 1 }
    # areas: [economic-development]   # one or more of: economic-development, cultural-exchange, environmental-cooperation, public-health, urban-planning, migration-and-integration
    # contact: { office: International Relations Office, email: international@example.org, phone: "+00 0000 0000", url: https://example.org/contact }
    # draft: true                     # leave it out of the site until it is ready
    # extra: {}                       # anything your own templates need, untouched
    ---
    São Paulo: write about the place here, in Markdown.
    "#);
    let again = site.run(&["new", "city", "São Paulo", "--country", "BR"]);
    assert_eq!(again.code, 1);
    insta::assert_snapshot!(again.stderr, @r"
    error: [ROOT]/content/cities/sao-paulo.md already exists
      = help: edit that file, or choose another id with `--id`
    ");
    assert_eq!(site.run(&["check"]).code, 0);
}

#[test]
fn a_new_agreement_is_named_after_its_parties() {
    let site = Site::fixture("basic");
    let run = site.run(&[
        "new",
        "agreement",
        "--parties",
        "lodz,saxony",
        "--kind",
        "friendship",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "[ROOT]/content/agreements/lodz-saxony.md\n");
    let text =
        std::fs::read_to_string(site.root.join("content/agreements/lodz-saxony.md")).unwrap();
    assert!(text.starts_with("---\ntitle: Friendship agreement Łódź–Saxony\nkind: friendship "));
    assert!(text.contains("\nparties: [lodz, saxony] "));
    assert!(text.contains("\n# history:"), "commented fields: {text}");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let taken = site.run(&[
        "new",
        "agreement",
        "--parties",
        "chemnitz,lodz",
        "--kind",
        "sister-city",
    ]);
    assert_eq!(taken.code, 1);
    assert!(
        taken.stderr.contains("chemnitz-lodz.md already exists"),
        "{}",
        taken.stderr
    );
}

#[test]
fn new_entries_of_every_kind_check_clean_together() {
    let site = Site::minimal();
    for args in [
        &["new", "city", "Łódź", "--country", "PL"][..],
        &[
            "new",
            "city",
            "Baden-Württemberg",
            "--country",
            "DE",
            "--level",
            "state",
        ],
        &[
            "new",
            "agreement",
            "--parties",
            "lodz,baden-wurttemberg",
            "--kind",
            "memorandum",
            "--title",
            "MoU",
        ],
        &[
            "new",
            "program",
            "Trade mission: Japan",
            "--kind",
            "trade-mission",
        ],
        &["new", "page", "How to propose a partnership"],
    ] {
        let run = site.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    let program =
        std::fs::read_to_string(site.root.join("content/programs/trade-mission-japan.md")).unwrap();
    assert!(program.starts_with("---\ntitle: \"Trade mission: Japan\"\nkind: trade-mission "));
    assert!(
        site.root
            .join("content/pages/how-to-propose-a-partnership.md")
            .is_file()
    );
    assert!(
        site.root
            .join("content/agreements/lodz-baden-wurttemberg.md")
            .is_file()
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(site.run(&["build"]).code, 0);
}

#[test]
fn bad_values_are_refused_with_help() {
    let site = Site::minimal();
    for (args, expected) in [
        (
            &["new", "city", "Oslo", "--country", "no"][..],
            "error: `no` is not an ISO 3166-1 alpha-2 country code\n  = help: country codes are upper case: `NO` (Norway)\n",
        ),
        (
            &["new", "city", "Oslo", "--country", "NO", "--level", "town"],
            "error: `town` is not a valid level\n  = help: the choices are: city, municipality, district, county, prefecture, state, province, region\n",
        ),
        (
            &[
                "new",
                "agreement",
                "--parties",
                "oslo",
                "--kind",
                "sister-city",
            ],
            "error: an agreement needs two or more distinct parties\n  = help: list their ids separated by commas: `--parties sao-paulo,lisbon`\n",
        ),
        (
            &[
                "new",
                "agreement",
                "--parties",
                "oslo,bergen",
                "--kind",
                "sistercity",
            ],
            "error: `sistercity` is not a valid agreement kind\n  = help: did you mean `sister-city`? The choices are: sister-city, friendship, memorandum, cooperation, letter-of-intent, project-partnership\n",
        ),
        (
            &["new", "page", "Cities"],
            "error: a page cannot have the id `cities`: /cities/ is the address of a generated page\n  = help: choose another id with `--id`, such as `about-our-cities`\n",
        ),
    ] {
        let run = site.run(args);
        assert_eq!((run.code, run.stderr.as_str()), (1, expected), "{args:?}");
    }
    let empty = tempfile::tempdir().unwrap();
    let run = amicus(empty.path(), &["new", "page", "About"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: no `site.yaml` in ."),
        "{}",
        run.stderr
    );
    let written = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".keep")
        .count();
    assert_eq!(written, 0, "nothing was written");
}

#[test]
fn an_agreement_with_unknown_parties_is_written_with_a_note() {
    let site = Site::minimal();
    let run = site.run(&[
        "new",
        "agreement",
        "--parties",
        "sao-paulo,lisbon",
        "--kind",
        "sister-city",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "[ROOT]/content/agreements/sao-paulo-lisbon.md\n"
    );
    assert!(
        run.stderr.contains("note: there is no city `lisbon` yet"),
        "{}",
        run.stderr
    );
    let text =
        std::fs::read_to_string(site.root.join("content/agreements/sao-paulo-lisbon.md")).unwrap();
    assert!(
        text.starts_with("---\ntitle: Sister-city agreement sao-paulo–lisbon\n"),
        "{text}"
    );
}

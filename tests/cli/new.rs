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
    partners/content/pages/imprint.md
    partners/content/pages/accessibility-statement.md
    partners/.vscode/settings.json
    partners/.gitignore
    ");
    assert!(
        run.stderr
            .contains("editor schemas are in partners/.amicus/schemas"),
        "{}",
        run.stderr
    );
    let settings =
        std::fs::read_to_string(dir.path().join("partners/.vscode/settings.json")).unwrap();
    let settings: serde_json::Value = serde_json::from_str(&settings).unwrap();
    for (schema, files) in settings["yaml.schemas"].as_object().unwrap() {
        let schema = schema.strip_prefix("./").unwrap();
        assert!(
            dir.path().join("partners").join(schema).is_file(),
            "{schema} for {files}"
        );
    }
    assert_eq!(
        settings["yaml.schemas"]["./.amicus/schemas/site.schema.json"][0],
        "site.yaml"
    );
    let gitignore = std::fs::read_to_string(dir.path().join("partners/.gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/public/"), "{gitignore}");
    let site = dir.path().join("partners");
    let check = amicus(dir.path(), &["check", "--root", "partners"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "Check passed: no problems found\n");
    let build = amicus(dir.path(), &["build", "--root", "partners"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(site.join("public/cities/krakow/index.html").is_file());
    let footer = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(footer.contains(r#"<a href="/accessibility-statement/">Accessibility statement</a>"#));
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
    assert_eq!(content_files(&site), 0, "nothing was written");
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

#[test]
fn a_party_that_is_nearly_a_city_is_a_typo_not_a_new_city() {
    let site = Site::minimal();
    for city in [["Nuremberg", "DE"], ["Zürich", "CH"]] {
        let run = site.run(&["new", "city", city[0], "--country", city[1]]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = site.run(&[
        "new",
        "agreement",
        "--parties",
        "nuremberg,zurik",
        "--kind",
        "sister-city",
    ]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "error: there is no city `zurik`\n  = help: did you mean `zurich`? To add a new city, run `amicus new city \"Name\" --country XX --id zurik` first\n"
        )
    );
    assert_eq!(content_files(&site), 2, "no agreement was written");
}

/// The files under the site's content folder, but for the fixture's `.keep` files.
fn content_files(site: &Site) -> usize {
    walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".keep")
        .count()
}

/// A transliteration would read 京都市 in Chinese (`jing-du-shi`), so no id is guessed
/// for a name in another script: the error says how to give one.
#[test]
fn a_name_in_another_script_needs_an_id_or_a_latin_name() {
    let site = Site::minimal();
    let run = site.run(&["new", "city", "京都市", "--country", "JP"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @"
    error: `京都市` has letters outside the Latin script (`京`): amicus does not guess an id from them
      = help: give the id with `--id`, such as `--id kyoto`, or the name in Latin letters with `--name-en`, such as `--name-en Kyoto`, to make the id from
    ");
    for (name, country) in [("القاهرة", "EG"), ("Бишкек", "KG"), ("Kyoto 京都", "JP")]
    {
        let run = site.run(&["new", "city", name, "--country", country]);
        assert_eq!(run.code, 1, "{name}");
        assert!(
            run.stderr.starts_with(&format!(
                "error: `{name}` has letters outside the Latin script"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("`--name-en Kyoto`"), "{}", run.stderr);
    }
    assert_eq!(content_files(&site), 0, "nothing was written");
}

#[test]
fn a_latin_name_gives_the_id_and_the_english_name() {
    let site = Site::minimal();
    let run = site.run(&[
        "new",
        "city",
        "京都市",
        "--country",
        "JP",
        "--level",
        "municipality",
        "--name-en",
        "Kyoto",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "[ROOT]/content/cities/kyoto.md\n");
    let text = std::fs::read_to_string(site.root.join("content/cities/kyoto.md")).unwrap();
    assert!(text.starts_with("---\nname: 京都市 "), "{text}");
    assert!(
        text.lines()
            .any(|line| line.starts_with("names: { en: Kyoto }  ")
                && line.ends_with("# language tag → name")),
        "{text}"
    );
    let given = site.run(&[
        "new",
        "city",
        "서울특별시",
        "--country",
        "KR",
        "--id",
        "seoul",
    ]);
    assert_eq!(given.code, 0, "{}", given.stderr);
    assert_eq!(given.stdout, "[ROOT]/content/cities/seoul.md\n");
    let both = site.run(&[
        "new",
        "city",
        "Москва",
        "--country",
        "RU",
        "--id",
        "moskva",
        "--name-en",
        "Moscow",
    ]);
    assert_eq!(
        both.stdout, "[ROOT]/content/cities/moskva.md\n",
        "--id wins"
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let not_latin = site.run(&[
        "new",
        "city",
        "大阪市",
        "--country",
        "JP",
        "--name-en",
        "大阪",
    ]);
    assert_eq!(not_latin.code, 1);
    assert!(
        not_latin
            .stderr
            .starts_with("error: `--name-en 大阪` has letters outside"),
        "{}",
        not_latin.stderr
    );
}

#[test]
fn titles_in_another_script_take_the_id_from_a_latin_title() {
    let site = Site::minimal();
    let refused = site.run(&["new", "page", "Über uns / О нас"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused
            .stderr
            .contains("`--title-en`, such as `--title-en \"Youth exchange\"`"),
        "{}",
        refused.stderr
    );
    let page = site.run(&["new", "page", "О нас", "--title-en", "About us"]);
    assert_eq!(
        page.stdout, "[ROOT]/content/pages/about-us.md\n",
        "{}",
        page.stderr
    );
    let program = site.run(&[
        "new",
        "program",
        "青少年交流",
        "--kind",
        "exchange",
        "--title-en",
        "Youth exchange",
    ]);
    assert_eq!(program.code, 0, "{}", program.stderr);
    let text =
        std::fs::read_to_string(site.root.join("content/programs/youth-exchange.md")).unwrap();
    assert!(text.starts_with("---\ntitle: 青少年交流\n"), "{text}");
    assert!(!text.contains("Youth exchange"), "{text}");
    let latin = site.run(&["new", "city", "Ústí nad Labem", "--country", "CZ"]);
    assert_eq!(
        latin.stdout, "[ROOT]/content/cities/usti-nad-labem.md\n",
        "{}",
        latin.stderr
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

//! `amicus schema`: the files it writes, the example directory validated against
//! them with a JSON Schema validator (the one module that uses `jsonschema`), and
//! mistakes the schemas catch.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::support::Site;

const KINDS: [&str; 4] = ["city", "program", "agreement", "page"];

fn read_schema(folder: &Path, name: &str) -> Value {
    let path = folder.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn validator(folder: &Path, name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&read_schema(folder, name)).unwrap()
}

/// The validator's complaints about `instance`, one a line.
fn problems(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn schema_writes_one_valid_draft_2020_12_schema_per_kind_and_for_site_yaml() {
    let site = Site::fixture("basic");
    let run = site.run(&["schema"]);
    assert!(run.code == 0, "{}", run.stderr);
    let folder = site.root.join(".amicus/schemas");
    let mut names: Vec<String> = KINDS
        .iter()
        .flat_map(|k| {
            [
                format!("{k}.schema.json"),
                format!("{k}.translation.schema.json"),
            ]
        })
        .collect();
    names.push("site.schema.json".into());
    for name in &names {
        let schema = read_schema(&folder, name);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert!(
            jsonschema::meta::is_valid(&schema),
            "{name} is not a valid JSON Schema"
        );
        assert!(
            run.stdout.contains(name.as_str()),
            "{name} not listed:\n{}",
            run.stdout
        );
    }
    let written = std::fs::read_dir(&folder).unwrap().count();
    assert_eq!(written, names.len());
}

#[test]
fn schema_writes_where_output_says() {
    let site = Site::fixture("basic");
    let run = site.run(&["schema", "--output", "editor"]);
    assert!(run.code == 0, "{}", run.stderr);
    assert!(site.root.join("editor/agreement.schema.json").is_file());
    assert!(!site.root.join(".amicus").exists());
}

#[test]
fn schema_fails_without_a_readable_site_yaml() {
    let site = Site::fixture("basic");
    site.write("site.yaml", "title: T\n");
    let run = site.run(&["schema"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("base_url"), "{}", run.stderr);
    assert!(!site.root.join(".amicus").exists());
}

/// The front matter of a content file, as JSON, read the way Amicus reads it.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let split = amicus::content::frontmatter::split(&text)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    amicus::content::frontmatter::parse(split.yaml, split.yaml_offset)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

/// The schema a content file is checked against: its folder's kind, and whether its
/// name has a language (`krakow.en.md`).
fn schema_name_for(path: &Path) -> String {
    let folder = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    let kind = folder.strip_suffix('s').unwrap().replace("citie", "city");
    let stem = path.file_stem().unwrap().to_str().unwrap();
    match stem.contains('.') {
        true => format!("{kind}.translation.schema.json"),
        false => format!("{kind}.schema.json"),
    }
}

#[test]
fn the_example_directory_validates_against_its_schemas() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["schema", "--output"])
        .arg(out.path())
        .arg("--root")
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let validator = validator(out.path(), &schema_name_for(&path));
        for problem in problems(&validator, &front_matter(&path)) {
            failures.push(format!("{}: {problem}", path.display()));
        }
        checked += 1;
    }
    let site_yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let site_yaml: Value = amicus::content::frontmatter::parse(&site_yaml, 0).unwrap();
    for problem in problems(&validator(out.path(), "site.schema.json"), &site_yaml) {
        failures.push(format!("site.yaml: {problem}"));
    }
    assert!(checked > 80, "only {checked} files found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_agreement_schema_rejects_a_wrong_kind_and_an_unknown_city() {
    let site = Site::fixture("basic");
    assert!(site.run(&["schema"]).code == 0);
    let validator = validator(&site.root.join(".amicus/schemas"), "agreement.schema.json");
    let good = json!({ "title": "T", "kind": "sister-city", "parties": ["chemnitz", "lodz"] });
    assert_eq!(problems(&validator, &good), Vec::<String>::new());

    let wrong_kind = json!({ "title": "T", "kind": "twinning", "parties": ["chemnitz", "lodz"] });
    let found = problems(&validator, &wrong_kind);
    assert!(
        found.len() == 1 && found[0].starts_with("/kind:"),
        "{found:?}"
    );
    let unknown_city =
        json!({ "title": "T", "kind": "sister-city", "parties": ["chemnitz", "atlantis"] });
    let found = problems(&validator, &unknown_city);
    assert!(
        found.len() == 1 && found[0].starts_with("/parties/1:"),
        "{found:?}"
    );
}

#[test]
fn the_schemas_list_the_site_areas_its_cities_by_name_and_every_country() {
    let site = Site::fixture("basic");
    assert!(site.run(&["schema"]).code == 0);
    let city = read_schema(&site.root.join(".amicus/schemas"), "city.schema.json");
    let areas = &city["$defs"]["AreaId"]["enum"];
    assert!(areas.as_array().is_some_and(|a| !a.is_empty()), "{areas}");
    let cities = &city["$defs"]["CityId"];
    let chemnitz = cities["enum"]
        .as_array()
        .unwrap()
        .iter()
        .position(|id| id == "chemnitz");
    assert_eq!(
        cities["enumDescriptions"][chemnitz.unwrap()],
        "Chemnitz (DE)"
    );
    let countries = city["$defs"]["CountryCode"]["enum"].as_array().unwrap();
    assert!(countries.contains(&json!("NO")) && countries.len() > 240);
}

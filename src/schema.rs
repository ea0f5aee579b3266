//! `amicus schema`: JSON Schemas (draft 2020-12) of each kind of front matter and of
//! `site.yaml`, for editors' YAML language servers: completion, hover help and checks
//! while typing.
//!
//! The schemas are derived from the serde types that read the files
//! (`content/raw.rs`, `content/translation.rs`, `config.rs`), so a field is declared
//! once: its name, type and whether it is required come from the struct, its
//! description from its doc comment. Values whose choices belong to the site (city,
//! program and area ids) are written in the types as the markers below, and filled in
//! with the site's ids when the schemas are made, so the schemas must be made again
//! when entries or areas are added. The one module that uses schemars.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

pub use schemars::JsonSchema;

use crate::config::{self, Config, RawConfig, RawText};
use crate::content::country::COUNTRIES;
use crate::content::frontmatter;
use crate::content::model::Collection;
use crate::content::raw::{RawAgreement, RawCity, RawDate, RawPage, RawProgram};
use crate::content::translation::{self, RawTranslation};
use crate::diagnostics::Diagnostics;

/// Where the schemas go under the site's root, unless told otherwise.
pub const FOLDER: &str = ".amicus/schemas";

/// What an id looks like (`content/id.rs`), for a site whose ids are not known.
const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// Declares a marker type for a value chosen from a list the site defines: the schema
/// a type alone can give, under a `$defs` name that [`site_enums`] fills in.
macro_rules! site_choice {
    ($(#[$meta:meta])* $name:ident = $def:literal, $schema:expr) => {
        $(#[$meta])*
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $def.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

site_choice! {
    /// The id of one of the site's cities.
    CityId = "CityId", json_schema!({ "type": "string", "pattern": ID_PATTERN })
}
site_choice! {
    /// The id of one of the site's programs.
    ProgramId = "ProgramId", json_schema!({ "type": "string", "pattern": ID_PATTERN })
}
site_choice! {
    /// The id of one of the site's engagement areas.
    AreaId = "AreaId", json_schema!({ "type": "string", "pattern": ID_PATTERN })
}
site_choice! {
    /// An ISO 3166-1 alpha-2 code: the same for every site, listed with its names.
    Country = "CountryCode", country_codes()
}

impl JsonSchema for RawDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An ISO date: 2003-05-17, or 2003-05 or 2003 when the day or month is not known.",
            "anyOf": [
                { "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" },
                { "type": "integer", "minimum": 1, "maximum": 9999 }
            ]
        })
    }
}

impl JsonSchema for RawText {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text for every language, or one per language tag: { de: Partnerschaften, en: Partnerships }.",
            "anyOf": [
                { "type": "string" },
                { "type": "object", "additionalProperties": { "type": "string" } }
            ]
        })
    }
}

fn country_codes() -> Schema {
    let (codes, names): (Vec<&str>, Vec<&str>) = COUNTRIES.iter().copied().unzip();
    json_schema!({
        "type": "string",
        "enum": codes,
        // Shown next to each choice by VS Code's YAML extension.
        "enumDescriptions": names,
    })
}

/// One schema file: its name in the schemas' folder, and the schema.
pub struct SchemaFile {
    pub name: String,
    pub schema: Value,
}

/// The ids a site's entries may refer to, as its files name them, each with a label
/// that editors show next to it (`Dresden (DE)`), to tell `gorlitz` from
/// `gorlitz-district` while choosing.
#[derive(Debug, Default)]
pub struct SiteIds {
    pub cities: Vec<Choice>,
    pub programs: Vec<Choice>,
    pub areas: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Choice {
    pub id: String,
    /// Empty when the entry's front matter cannot be read.
    pub label: String,
}

impl SiteIds {
    /// The ids of the site at `root`: the entries' file names, so that a file in error
    /// still counts, and site.yaml's areas.
    pub fn read(root: &Path, config: &Config) -> Self {
        let (files, _) = crate::load::discover(root);
        let choices = |collection: Collection| -> Vec<Choice> {
            let mut choices: Vec<Choice> = (files.iter())
                .filter(|(c, _)| *c == collection)
                .filter_map(|(_, path)| {
                    let stem = path.file_stem()?.to_str()?;
                    let entry = translation::split_stem(stem).is_none();
                    entry.then(|| Choice {
                        id: stem.to_owned(),
                        label: label(path),
                    })
                })
                .collect();
            choices.sort();
            choices.dedup_by(|a, b| a.id == b.id);
            choices
        };
        let areas = (config.areas.iter())
            .map(|area| Choice {
                id: area.id.to_string(),
                label: area.name.default_text().to_owned(),
            })
            .collect();
        SiteIds {
            cities: choices(Collection::Cities),
            programs: choices(Collection::Programs),
            areas,
        }
    }
}

/// An entry's name or title, with a city's country code: read loosely, as any YAML,
/// since a file with mistakes is still a choice.
fn label(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let Ok(split) = frontmatter::split(&text) else {
        return String::new();
    };
    let yaml: Value = frontmatter::parse(split.yaml, split.yaml_offset).unwrap_or_default();
    let field = |name: &str| yaml[name].as_str().unwrap_or_default().to_owned();
    match (field("name"), field("title"), field("country")) {
        (name, _, country) if !name.is_empty() && !country.is_empty() => {
            format!("{name} ({country})")
        }
        (name, title, _) => name + &title,
    }
}

/// Every schema file for a site with these ids: one per kind of entry, one per kind
/// of translation (`<kind>.translation.schema.json`), and `site.schema.json`.
pub fn schemas(ids: &SiteIds) -> Vec<SchemaFile> {
    let mut files = vec![
        entry_schema::<RawCity>(Collection::Cities, ids),
        entry_schema::<RawProgram>(Collection::Programs, ids),
        entry_schema::<RawAgreement>(Collection::Agreements, ids),
        entry_schema::<RawPage>(Collection::Pages, ids),
    ];
    files.extend(Collection::ALL.map(|c| translation_schema(c, ids)));
    files.push(SchemaFile {
        name: "site.schema.json".into(),
        schema: finish::<RawConfig>("Amicus site settings (site.yaml)", ids),
    });
    files
}

fn entry_schema<T: JsonSchema>(collection: Collection, ids: &SiteIds) -> SchemaFile {
    let kind = collection.singular();
    let title = format!(
        "Amicus {kind} (front matter of content/{}/<id>.md)",
        collection.folder()
    );
    SchemaFile {
        name: format!("{kind}.schema.json"),
        schema: finish::<T>(&title, ids),
    }
}

/// One struct reads every translation; the fields a kind's translations may set are
/// kept, the others left out so that the editor does not offer them.
fn translation_schema(collection: Collection, ids: &SiteIds) -> SchemaFile {
    let kind = collection.singular();
    let title = format!(
        "Amicus {kind} translation (front matter of content/{}/<id>.<language>.md)",
        collection.folder()
    );
    let name = format!("{kind}.translation");
    let mut schema = finish::<RawTranslation>(&title, ids);
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        properties.retain(|field, _| translation::translatable(collection).contains(&&**field));
    }
    SchemaFile {
        name: format!("{name}.schema.json"),
        schema,
    }
}

/// The schema of `T` with its title, and the site's ids as the choices of the markers.
fn finish<T: JsonSchema>(title: &str, ids: &SiteIds) -> Value {
    let generator = SchemaGenerator::new(SchemaSettings::draft2020_12());
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    schema["title"] = json!(title);
    if let Some(Value::Object(defs)) = schema.get_mut("$defs") {
        for (name, choices) in [
            ("CityId", &ids.cities),
            ("ProgramId", &ids.programs),
            ("AreaId", &ids.areas),
        ] {
            if let Some(def) = defs.get_mut(name) {
                let (ids, labels): (Vec<&str>, Vec<&str>) = (choices.iter())
                    .map(|c| (c.id.as_str(), c.label.as_str()))
                    .unzip();
                *def = json!({ "type": "string", "enum": ids, "enumDescriptions": labels });
            }
        }
    }
    schema
}

/// Writes the schemas of the site at `root` into `output` (by default
/// `ROOT/.amicus/schemas`), and returns the paths written. Fails only when site.yaml
/// cannot be read, since the area ids are in it.
pub fn write(root: &Path, output: Option<&Path>) -> Result<Vec<PathBuf>, WriteError> {
    let config = config::load(root, None).map_err(WriteError::Config)?;
    let folder = output.map_or_else(|| root.join(FOLDER), Path::to_path_buf);
    std::fs::create_dir_all(&folder).map_err(|e| WriteError::Io(folder.clone(), e))?;
    let mut written = Vec::new();
    for file in schemas(&SiteIds::read(root, &config)) {
        let path = folder.join(&file.name);
        let mut text = serde_json::to_string_pretty(&file.schema).unwrap_or_default();
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| WriteError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}

#[derive(Debug)]
pub enum WriteError {
    Config(Diagnostics),
    Io(PathBuf, std::io::Error),
}

/// The files each schema is for, as globs from the site's root: what editors are told
/// in their settings (`.vscode/settings.json`'s `yaml.schemas`, docs/editors.md).
fn associations() -> Vec<(String, String)> {
    let mut pairs = vec![("site.schema.json".to_owned(), config::FILE_NAME.to_owned())];
    for collection in Collection::ALL {
        let (kind, folder) = (collection.singular(), collection.folder());
        pairs.push((
            format!("{kind}.schema.json"),
            format!("content/{folder}/*.md"),
        ));
        pairs.push((
            format!("{kind}.translation.schema.json"),
            format!("content/{folder}/*.*.md"),
        ));
    }
    pairs
}

/// `.vscode/settings.json` for a new site: the Red Hat YAML extension's association
/// of each schema with its files.
pub fn vscode_settings() -> String {
    let schemas: serde_json::Map<String, Value> = (associations().into_iter())
        .map(|(schema, glob)| (format!("./{FOLDER}/{schema}"), json!([glob])))
        .collect();
    let mut text =
        serde_json::to_string_pretty(&json!({ "yaml.schemas": schemas })).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/fields.md: every field of every schema, with its description, so that the
    /// docs are made from the one declaration of each field.
    fn fields_markdown() -> String {
        let mut out = String::from(
            "# Every field\n\n\
             Made from the types that read the files, as `amicus schema` is (regenerate with\n\
             `UPDATE_DOCS=1 cargo test --lib docs_fields_md_is_current`). docs/content.md\n\
             shows them in examples. Required fields come first.\n",
        );
        for file in schemas(&SiteIds::default()) {
            let title = file.schema["title"].as_str().unwrap_or_default();
            out.push_str(&format!(
                "\n## {title}\n\n| field | value | |\n|---|---|---|\n"
            ));
            rows(&file.schema, &file.schema, "", &mut out);
        }
        out
    }

    /// A table row per property of `object`, and rows for the fields of nested maps.
    fn rows(root: &Value, object: &Value, prefix: &str, out: &mut String) {
        let required: Vec<&str> = (object["required"].as_array().into_iter().flatten())
            .filter_map(Value::as_str)
            .collect();
        let Some(properties) = object["properties"].as_object() else {
            return;
        };
        let mut names: Vec<&String> = properties.keys().collect();
        names.sort_by_key(|name| !required.contains(&name.as_str()));
        for name in names {
            let property = &properties[name];
            let field = format!("{prefix}{name}");
            let mark = if required.contains(&name.as_str()) {
                " (required)"
            } else {
                ""
            };
            let description = property["description"].as_str().unwrap_or_default();
            let (value, nested) = words(root, property);
            let description = description.replace('|', "\\|");
            out.push_str(&format!("| `{field}`{mark} | {value} | {description} |\n"));
            if let Some((nested, list)) = nested {
                let prefix = format!("{field}{}.", if list { "[]" } else { "" });
                rows(root, nested, &prefix, out);
            }
        }
    }

    /// A value's type in words, and the object it holds fields of (and whether in a list).
    fn words<'a>(root: &'a Value, schema: &'a Value) -> (String, Option<(&'a Value, bool)>) {
        if let Some(reference) = schema["$ref"].as_str() {
            let name = reference.trim_start_matches("#/$defs/");
            let def = &root["$defs"][name];
            let said = match name {
                "CityId" => "a city's id",
                "ProgramId" => "a program's id",
                "AreaId" => "an area's id (site.yaml)",
                "CountryCode" => "a country code",
                "Date" => "a date",
                "Text" => "a text, or one per language",
                _ if def["enum"].is_array() => {
                    let values: Vec<String> = (def["enum"].as_array().into_iter().flatten())
                        .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
                        .collect();
                    return (values.join(", "), None);
                }
                _ => return ("a map".into(), Some((def, false))),
            };
            return (said.into(), None);
        }
        if let Some(choices) = schema["anyOf"].as_array() {
            let not_null = choices.iter().find(|c| c["type"] != "null");
            return not_null.map_or((String::new(), None), |c| words(root, c));
        }
        let kind = match &schema["type"] {
            Value::Array(types) => types.first().cloned().unwrap_or_default(),
            other => other.clone(),
        };
        match kind.as_str() {
            Some("string") => ("text".into(), None),
            Some("integer") => ("a whole number".into(), None),
            Some("number") => ("a number".into(), None),
            Some("boolean") => ("`true` or `false`".into(), None),
            Some("array") => {
                let (item, nested) = words(root, &schema["items"]);
                let nested = nested.map(|(object, _)| (object, true));
                (format!("a list of: {item}"), nested)
            }
            Some("object") => ("a map of language tags to texts".into(), None),
            _ => ("anything".into(), None),
        }
    }

    #[test]
    fn docs_fields_md_is_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fields.md");
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        let expected = fields_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &expected).expect("docs/fields.md is writable");
            return;
        }
        assert!(
            current == expected,
            "docs/fields.md is out of date with the front-matter types; \
             run `UPDATE_DOCS=1 cargo test --lib docs_fields_md_is_current`"
        );
    }

    /// docs/content.md's examples name every field of their kind, and no other: a new
    /// field is shown there as well as described on its declaration.
    #[test]
    fn docs_content_md_shows_every_field() {
        let docs = include_str!("../docs/content.md");
        let examples = [
            ("## `site.yaml`", "site.schema.json"),
            ("## Cities", "city.schema.json"),
            ("## Programs", "program.schema.json"),
            ("## Agreements", "agreement.schema.json"),
            ("## Pages", "page.schema.json"),
        ];
        let schemas = schemas(&SiteIds::default());
        for (heading, name) in examples {
            let section = docs.split(heading).nth(1).expect(heading);
            let block = section.split("```").nth(1).expect(heading);
            let schema = &schemas.iter().find(|f| f.name == name).unwrap().schema;
            let fields: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
            // `draft` and `example` are told once, for every kind, before the examples.
            let intro = docs.split("## Values").next().unwrap_or_default();
            for field in &fields {
                assert!(
                    block.contains(&format!("{field}:")) || intro.contains(&format!("`{field}: ")),
                    "docs/content.md's example under {heading} does not show `{field}`"
                );
            }
            let keys = (block.lines())
                .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
                .filter_map(|line| line.split_once(':').map(|(key, _)| key));
            for key in keys {
                assert!(
                    fields.iter().any(|f| *f == key),
                    "docs/content.md shows `{key}` under {heading}, which {name} does not have"
                );
            }
        }
    }
}

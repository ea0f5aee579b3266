//! `amicus new`: content files written from templates, and whole new sites.
//!
//! Input: what to create, as given on the command line. Output: the paths written, or
//! an [`Error`] saying what is wrong and how to fix it. Values are checked the way
//! `check` would (ids, country codes, kinds) before anything is written, and a file is
//! never overwritten: files are opened with `create_new`, so even a file created in the
//! meantime is left alone. An id is never guessed from a name with letters outside the
//! Latin script: it is given, or made from the Latin name given with it. Nothing is
//! printed here.

pub mod ci;
mod example;
pub mod templates;

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config;
use crate::content::country::COUNTRIES;
use crate::content::frontmatter;
use crate::content::id::{Id, first_non_latin, slugify};
use crate::content::model::{AgreementKind, Collection, CountryCode, Level, ProgramKind};
use crate::content::parse::RESERVED_PAGE_IDS;
use crate::diagnostics::closest;

/// Why nothing was written.
#[derive(Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub help: Option<String>,
}

impl Error {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

/// Where an entry's id comes from, when not from its name or title as written.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdFrom<'a> {
    /// `--id`: the id itself; wins over everything else.
    pub id: Option<&'a str>,
    /// `--name-en` or `--title-en`: the name in Latin letters to make the id from.
    pub latin: Option<&'a str>,
}

/// The option that gives a kind's Latin name, and examples for the help.
struct LatinOption {
    flag: &'static str,
    example: &'static str,
    example_id: &'static str,
}

const NAME_EN: LatinOption = LatinOption {
    flag: "--name-en",
    example: "Kyoto",
    example_id: "kyoto",
};

const TITLE_EN: LatinOption = LatinOption {
    flag: "--title-en",
    example: "\"Youth exchange\"",
    example_id: "youth-exchange",
};

/// What was written, and anything worth knowing about it.
#[derive(Debug, Default)]
pub struct Created {
    pub paths: Vec<PathBuf>,
    pub notes: Vec<String>,
}

/// Tells VS Code's YAML extension which schema of `amicus schema` is for which file.
const VSCODE_SETTINGS: &str = ".vscode/settings.json";

/// A new site in `dir`: settings and an example of every kind of entry, a
/// `.gitignore`, and with `ci` the workflow that checks and summarises pull requests.
pub fn site(dir: &Path, ci: Option<ci::Ci>) -> Result<Created, Error> {
    let settings = crate::schema::vscode_settings();
    let extra = ci::files(ci);
    let files: Vec<(&str, &str)> = (example::FILES.iter().copied())
        .chain([(VSCODE_SETTINGS, settings.as_str())])
        .chain(extra.iter().map(|(path, text)| (*path, text.as_str())))
        .collect();
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).exists())
        .map(|(path, _)| display(dir, Path::new(path)).display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::new(
            format!("{} already exists", existing.join(", ")),
            "choose a new folder; `amicus new` never overwrites a file",
        ));
    }
    let mut created = Created::default();
    for (path, text) in files {
        created.paths.push(write_new(dir, Path::new(path), text)?);
    }
    // The schemas the settings point at, made from the files just written.
    let schemas = display(dir, Path::new(crate::schema::FOLDER));
    created.notes.push(match crate::schema::write(dir, None) {
        Ok(_) => format!(
            "editor schemas are in {}; run `amicus schema` again after adding cities, programs or areas (docs/editors.md)",
            schemas.display()
        ),
        Err(_) => "the editor schemas were not written; run `amicus schema` in the site".to_owned(),
    });
    if ci.is_some() {
        created.notes.push(
            "the workflow expects the site at the root of the repository; set `SITE` in it otherwise"
                .to_owned(),
        );
    }
    Ok(created)
}

/// `content/cities/<id>.md`, the id derived from the name unless given. A Latin name
/// is also written as the city's English name.
pub fn city(
    root: &Path,
    name: &str,
    country: &str,
    level: Option<&str>,
    id: IdFrom,
) -> Result<Created, Error> {
    require_site(root)?;
    let country = country_code(country)?;
    let level = match level {
        Some(level) => choice("level", level, Level::ALL, Level::as_str)?,
        None => Level::City,
    };
    let name_en = id.latin.map(str::trim);
    let id = entry_id(id, name, &NAME_EN)?;
    let text = templates::city(&templates::City {
        name: name.trim(),
        name_en,
        country: country.as_str(),
        level,
        areas: &site_areas(root),
    });
    create(root, Collection::Cities, &id, &text)
}

/// `content/agreements/<id>.md`; the id joins the parties' ids unless given, and the
/// title is made from the kind and the parties' names unless given.
pub fn agreement(
    root: &Path,
    parties: &[String],
    kind: &str,
    title: Option<&str>,
    id: Option<&str>,
) -> Result<Created, Error> {
    require_site(root)?;
    let kind = choice(
        "agreement kind",
        kind,
        AgreementKind::ALL,
        AgreementKind::as_str,
    )?;
    let parties = party_ids(parties)?;
    let cities = city_ids(root);
    for party in &parties {
        // A near miss is a typo, not a city to add: the agreement would name a city
        // that does not exist beside the one that does.
        if !cities.contains(party)
            && let Some(near) = closest(party, cities.iter().map(String::as_str))
        {
            return Err(Error::new(
                format!("there is no city `{party}`"),
                format!(
                    "did you mean `{near}`? To add a new city, run `amicus new city \"Name\" --country XX --id {party}` first"
                ),
            ));
        }
    }
    let mut notes = Vec::new();
    let names: Vec<String> = parties
        .iter()
        .map(|party| {
            city_name(root, party).unwrap_or_else(|| {
                notes.push(format!(
                    "there is no city `{party}` yet: add it with `amicus new city \"Name\" --country XX --id {party}`"
                ));
                party.clone()
            })
        })
        .collect();
    let title = title.map_or_else(
        || format!("{} {}", kind.label(), names.join("–")),
        str::to_owned,
    );
    // The parties are ids, in Latin letters already.
    let id = entry_id(IdFrom { id, latin: None }, &parties.join("-"), &NAME_EN)?;
    let text = templates::agreement(&templates::Agreement {
        title: title.trim(),
        kind,
        parties: &parties,
        areas: &site_areas(root),
    });
    let mut created = create(root, Collection::Agreements, &id, &text)?;
    created.notes = notes;
    Ok(created)
}

/// `content/programs/<id>.md`, the id derived from the title unless given.
pub fn program(root: &Path, title: &str, kind: &str, id: IdFrom) -> Result<Created, Error> {
    require_site(root)?;
    let kind = choice("program kind", kind, ProgramKind::ALL, ProgramKind::as_str)?;
    let id = entry_id(id, title, &TITLE_EN)?;
    let text = templates::program(&templates::Program {
        title: title.trim(),
        kind,
        areas: &site_areas(root),
    });
    create(root, Collection::Programs, &id, &text)
}

/// `content/pages/<id>.md`, the id derived from the title unless given.
pub fn page(root: &Path, title: &str, id: IdFrom) -> Result<Created, Error> {
    require_site(root)?;
    let id = entry_id(id, title, &TITLE_EN)?;
    if RESERVED_PAGE_IDS.contains(&id.as_str()) {
        return Err(Error::new(
            format!("a page cannot have the id `{id}`: /{id}/ is the address of a generated page"),
            "choose another id with `--id`, such as `about-our-cities`",
        ));
    }
    create(root, Collection::Pages, &id, &templates::page(title.trim()))
}

fn require_site(root: &Path) -> Result<(), Error> {
    if root.join(config::FILE_NAME).is_file() {
        return Ok(());
    }
    Err(Error::new(
        format!("no `{}` in {}", config::FILE_NAME, root.display()),
        "run amicus in the site folder, pass `--root DIR`, or create a site with `amicus new site DIR`",
    ))
}

/// The site's area ids, for the templates' comments; the default ones when site.yaml
/// cannot be read.
fn site_areas(root: &Path) -> Vec<String> {
    match config::load(root, None) {
        Ok(config) => config.areas.iter().map(|a| a.id.to_string()).collect(),
        Err(_) => config::DEFAULT_AREAS
            .iter()
            .map(|a| a.0.to_owned())
            .collect(),
    }
}

/// The given id, or one transliterated from the Latin name or else the name; never one
/// guessed from letters outside the Latin script.
fn entry_id(from: IdFrom, name: &str, option: &LatinOption) -> Result<Id, Error> {
    if let Some(given) = from.id {
        return Id::parse(given.trim()).map_err(|message| Error {
            message,
            help: None,
        });
    }
    let name = from.latin.unwrap_or(name);
    if let Some(letter) = first_non_latin(name) {
        let what = match from.latin {
            Some(latin) => format!("`{} {latin}`", option.flag),
            None => format!("`{name}`"),
        };
        return Err(not_latin(&what, letter, option));
    }
    Id::parse(&slugify(name)).map_err(|_| {
        Error::new(
            format!("cannot make an id from `{name}`"),
            "give one with `--id`: lowercase letters, digits and hyphens",
        )
    })
}

/// The refusal to guess an id from `what`, saying how to give one.
fn not_latin(what: &str, letter: char, option: &LatinOption) -> Error {
    let LatinOption {
        flag,
        example,
        example_id,
    } = option;
    Error::new(
        format!(
            "{what} has letters outside the Latin script (`{letter}`): amicus does not guess an id from them"
        ),
        format!(
            "give the id with `--id`, such as `--id {example_id}`, or the name in Latin letters with `{flag}`, such as `{flag} {example}`, to make the id from"
        ),
    )
}

fn party_ids(parties: &[String]) -> Result<Vec<String>, Error> {
    let mut ids: Vec<String> = Vec::new();
    for party in parties.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let id = Id::parse(party).map_err(|message| Error {
            message: format!("in `--parties`: {message}"),
            help: Some("parties are the ids of cities: their file names without `.md`".into()),
        })?;
        if ids.contains(&id.to_string()) {
            return Err(Error::new(
                format!("`{id}` is listed twice in `--parties`"),
                "a city cannot be partnered with itself; list each party once",
            ));
        }
        ids.push(id.to_string());
    }
    if ids.len() < 2 {
        return Err(Error::new(
            "an agreement needs two or more distinct parties",
            "list their ids separated by commas: `--parties sao-paulo,lisbon`",
        ));
    }
    Ok(ids)
}

/// The `name` of a city entry, when its file exists and has one.
/// The ids of the site's cities.
fn city_ids(root: &Path) -> Vec<String> {
    let (paths, _) = crate::load::discover(root);
    paths
        .iter()
        .filter(|(collection, _)| *collection == Collection::Cities)
        .filter_map(|(_, path)| Some(path.file_stem()?.to_str()?.to_owned()))
        // Translations (`kyoto.en.md`) are not cities of their own.
        .filter(|id| !id.contains('.'))
        .collect()
}

fn city_name(root: &Path, id: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Named {
        name: Option<String>,
    }
    let (paths, _) = crate::load::discover(root);
    let path = paths.iter().find(|(collection, path)| {
        *collection == Collection::Cities && path.file_stem().is_some_and(|s| s == id)
    })?;
    let text = std::fs::read_to_string(&path.1).ok()?;
    let split = frontmatter::split(&text).ok()?;
    frontmatter::parse::<Named>(split.yaml, split.yaml_offset)
        .ok()?
        .name
}

fn country_code(text: &str) -> Result<CountryCode, Error> {
    let text = text.trim();
    if let Some(code) = CountryCode::parse(text) {
        return Ok(code);
    }
    let upper = text.to_ascii_uppercase();
    let by_name = COUNTRIES
        .iter()
        .find(|(_, name)| name.eq_ignore_ascii_case(text));
    let help = match (CountryCode::parse(&upper), by_name) {
        _ if upper == "UK" => "the United Kingdom's code is `GB`".to_owned(),
        (Some(code), _) => format!("country codes are upper case: `{upper}` ({})", code.name()),
        (None, Some((code, name))) => format!("the code of {name} is `{code}`"),
        (None, None) => "use the two-letter ISO 3166-1 code, such as `DE`, `JP` or `NO`".to_owned(),
    };
    Err(Error::new(
        format!("`{text}` is not an ISO 3166-1 alpha-2 country code"),
        help,
    ))
}

/// One of a kind's values, with the closest one suggested when it is not.
fn choice<T: Copy>(
    what: &str,
    value: &str,
    all: &[T],
    text: fn(T) -> &'static str,
) -> Result<T, Error> {
    let value = value.trim();
    if let Some(&found) = all.iter().find(|&&v| text(v) == value) {
        return Ok(found);
    }
    let names: Vec<&str> = all.iter().map(|&v| text(v)).collect();
    let help = match closest(value, names.iter().copied()) {
        Some(near) => format!(
            "did you mean `{near}`? The choices are: {}",
            names.join(", ")
        ),
        None => format!("the choices are: {}", names.join(", ")),
    };
    Err(Error::new(format!("`{value}` is not a valid {what}"), help))
}

/// Writes a new entry file, refusing when the id is taken in its collection.
fn create(root: &Path, collection: Collection, id: &Id, text: &str) -> Result<Created, Error> {
    let (paths, _) = crate::load::discover(root);
    let taken = paths
        .iter()
        .find(|(c, path)| *c == collection && path.file_stem().is_some_and(|s| s == id.as_str()));
    if let Some((_, path)) = taken {
        return Err(Error::new(
            format!(
                "{} already exists",
                display(root, crate::load::relative(root, path).as_path()).display()
            ),
            "edit that file, or choose another id with `--id`",
        ));
    }
    let relative = Path::new("content")
        .join(collection.folder())
        .join(format!("{id}.md"));
    Ok(Created {
        paths: vec![write_new(root, &relative, text)?],
        notes: Vec::new(),
    })
}

/// Creates `root/relative` with `text`; never replaces a file.
fn write_new(root: &Path, relative: &Path, text: &str) -> Result<PathBuf, Error> {
    let path = display(root, relative);
    let failed = |error: std::io::Error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::new(
                format!("{} already exists", path.display()),
                "edit that file, or choose another id with `--id`",
            )
        } else {
            Error {
                message: format!("cannot write {}: {error}", path.display()),
                help: None,
            }
        }
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(failed)?;
    file.write_all(text.as_bytes()).map_err(failed)?;
    Ok(path)
}

/// `root/relative`, without a leading `./` when root is the current folder.
fn display(root: &Path, relative: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        relative.to_path_buf()
    } else {
        root.join(relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_with_help() {
        assert_eq!(country_code("BR").unwrap().as_str(), "BR");
        let help = |text| country_code(text).unwrap_err().help.unwrap();
        assert_eq!(help("br"), "country codes are upper case: `BR` (Brazil)");
        assert_eq!(help("UK"), "the United Kingdom's code is `GB`");
        assert_eq!(help("Norway"), "the code of Norway is `NO`");
        assert!(help("XX").contains("two-letter"));
    }

    #[test]
    fn kinds_suggest_the_closest_choice() {
        let error = choice(
            "agreement kind",
            "sistercity",
            AgreementKind::ALL,
            AgreementKind::as_str,
        )
        .unwrap_err();
        assert_eq!(error.message, "`sistercity` is not a valid agreement kind");
        assert!(
            error
                .help
                .unwrap()
                .starts_with("did you mean `sister-city`?")
        );
        assert_eq!(
            choice("level", "state", Level::ALL, Level::as_str).unwrap(),
            Level::State
        );
    }

    #[test]
    fn parties_are_distinct_ids() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(party_ids(&list(&["a", " b"])).unwrap(), ["a", "b"]);
        assert!(party_ids(&list(&["a"])).is_err());
        assert!(
            party_ids(&list(&["a", "a"]))
                .unwrap_err()
                .message
                .contains("twice")
        );
        assert!(
            party_ids(&list(&["a", "São Paulo"]))
                .unwrap_err()
                .message
                .contains("sao-paulo")
        );
    }

    #[test]
    fn ids_from_names() {
        let id = |id, latin, name| entry_id(IdFrom { id, latin }, name, &NAME_EN);
        assert_eq!(id(None, None, "São Paulo").unwrap().as_str(), "sao-paulo");
        assert_eq!(id(Some("sp"), None, "São Paulo").unwrap().as_str(), "sp");
        assert!(
            id(None, None, "!!!")
                .unwrap_err()
                .help
                .unwrap()
                .contains("--id")
        );
        assert!(id(Some("Bad Id"), None, "x").is_err());
        assert!(id(None, None, "京都市").is_err());
        assert_eq!(id(None, Some("Kyoto"), "京都市").unwrap().as_str(), "kyoto");
        assert_eq!(
            id(Some("k"), Some("Kyoto"), "京都市").unwrap().as_str(),
            "k"
        );
        let error = id(None, Some("京都"), "京都市").unwrap_err();
        assert!(error.message.starts_with("`--name-en 京都` has letters"));
    }
}

//! `site.yaml`: the site's settings, read and checked before any content.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::content::frontmatter;
use crate::content::id::Id;
use crate::content::yaml_diagnostic::yaml_diagnostic;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, codes};
use crate::locale::{Formatter, LanguageTag, parse_language};
use crate::urls::Urls;

/// The validated settings of a site.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute, ending in `/`.
    pub base_url: String,
    pub urls: Urls,
    pub language: String,
    /// Dates, numbers, country names and the order of names in `language`.
    pub locale: Arc<Formatter>,
    pub description: Option<String>,
    pub owner: Option<String>,
    /// A folder under `themes/` whose templates override the built-in ones.
    pub theme: Option<String>,
    pub areas: Vec<Area>,
    pub allow_html: bool,
    /// Entries per list page.
    pub page_size: usize,
    /// Warning names (`orphan-city`) the site does not want to hear about.
    pub silence: Vec<String>,
    pub extra: serde_json::Value,
}

/// An engagement area: the taxonomy every entry's `areas` refers to.
#[derive(Debug, Clone)]
pub struct Area {
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    language: Option<String>,
    description: Option<String>,
    owner: Option<String>,
    theme: Option<String>,
    areas: Option<Vec<RawArea>>,
    #[serde(default)]
    allow_html: bool,
    page_size: Option<usize>,
    #[serde(default)]
    silence: Vec<String>,
    #[serde(default)]
    extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    id: String,
    name: String,
    description: Option<String>,
}

/// The six engagement areas of the field, used when site.yaml declares none.
pub const DEFAULT_AREAS: [(&str, &str, &str); 6] = [
    (
        "economic-development",
        "Economic development",
        "Trade, investment, business links and trade missions.",
    ),
    (
        "cultural-exchange",
        "Cultural exchange",
        "Arts, heritage, language, sport and exchanges between residents.",
    ),
    (
        "environmental-cooperation",
        "Environmental cooperation",
        "Climate, energy, water, nature and the circular economy.",
    ),
    (
        "public-health",
        "Public health",
        "Health services, prevention, emergency preparedness and care.",
    ),
    (
        "urban-planning",
        "Urban planning",
        "Housing, mobility, infrastructure and public space.",
    ),
    (
        "migration-and-integration",
        "Migration and integration",
        "Welcoming newcomers, diaspora ties and inclusion.",
    ),
];

pub const FILE_NAME: &str = "site.yaml";

/// Reads `ROOT/site.yaml`. `base_url` replaces the file's value (`--base-url`).
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Diagnostics> {
    let path = root.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            let message = if error.kind() == std::io::ErrorKind::NotFound {
                format!("no `{FILE_NAME}` in {}", root.display())
            } else {
                format!("cannot read `{FILE_NAME}`: {error}")
            };
            return Err(Diagnostic::new(codes::ROOT, message)
                .in_file(Path::new(FILE_NAME))
                .help("run amicus in the site folder, pass `--root DIR`, or create a site with `amicus new site DIR`")
                .into());
        }
    };
    parse(text, base_url)
}

/// Reads the text of a site.yaml.
pub fn parse(text: String, base_url: Option<&str>) -> Result<Config, Diagnostics> {
    let file = SourceFile::new(FILE_NAME, text);
    let raw: RawConfig = frontmatter::parse(&file.text, 0)
        .map_err(|e| Diagnostics::from(yaml_diagnostic(&file, e, 0)))?;
    validate(raw, &file, base_url)
}

/// The site's language, a BCP 47 tag; English when site.yaml names none.
fn language(
    given: Option<&str>,
    file: &Arc<SourceFile>,
    at: &frontmatter::Locator,
    diagnostics: &mut Diagnostics,
) -> LanguageTag {
    let english = || parse_language("en").expect("`en` is a language tag");
    let Some(text) = given else {
        return english();
    };
    parse_language(text).unwrap_or_else(|error| {
        let help = match &error.suggestion {
            Some(tag) => format!("did you mean `{tag}`?"),
            None => "write a BCP 47 language tag, such as `de`, `en-GB` or `ja`".to_owned(),
        };
        diagnostics.push(
            Diagnostic::new(
                codes::CONFIG,
                format!("`{}` is not a language tag: {}", error.given, error.problem),
            )
            .at(file, at.value("language"), "not a language tag")
            .help(help),
        );
        english()
    })
}

fn validate(
    raw: RawConfig,
    file: &Arc<SourceFile>,
    base_url: Option<&str>,
) -> Result<Config, Diagnostics> {
    let at = frontmatter::Locator::new(&file.text, 0);
    let mut diagnostics = Diagnostics::new();
    let base_url = base_url.map_or(raw.base_url, str::to_owned);
    if !is_absolute_url(&base_url) {
        diagnostics.push(
            Diagnostic::new(
                codes::CONFIG,
                format!("`base_url` must be an absolute http(s) address, found `{base_url}`"),
            )
            .at(file, at.value("base_url"), "not an absolute address")
            .help("write where the site is published, such as `https://partners.example.org/`"),
        );
    }
    if raw.title.trim().is_empty() {
        diagnostics.push(
            Diagnostic::new(codes::CONFIG, "`title` is empty")
                .at(file, at.key("title"), "empty")
                .help("name the directory, such as `Partnerships of the City of Kyoto`"),
        );
    }
    let areas = areas(raw.areas, file, &at, &mut diagnostics);
    let language = language(raw.language.as_deref(), file, &at, &mut diagnostics);
    if let Some(theme) = &raw.theme
        && Id::parse(theme).is_err()
    {
        diagnostics.push(
            Diagnostic::new(
                codes::CONFIG,
                format!("`theme` must be a folder name under themes/, found `{theme}`"),
            )
            .at(file, at.value("theme"), "not a folder name")
            .help("use lowercase letters, digits and hyphens"),
        );
    }
    for name in &raw.silence {
        if codes::find(name).is_none_or(|c| c.severity != crate::diagnostics::Severity::Warning) {
            let warnings = codes::ALL
                .iter()
                .filter(|c| c.severity == crate::diagnostics::Severity::Warning)
                .map(|c| c.name);
            let help = crate::diagnostics::closest(name, warnings).map_or(
                "only warnings can be silenced; `amicus explain` lists them".to_owned(),
                |n| format!("did you mean `{n}`?"),
            );
            diagnostics.push(
                Diagnostic::new(
                    codes::CONFIG,
                    format!("`{name}` is not a warning that can be silenced"),
                )
                .at(file, at.token("silence", name), "unknown warning")
                .help(help),
            );
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    Ok(Config {
        title: raw.title,
        urls: Urls::new(&base_url),
        base_url,
        language: language.as_str().to_owned(),
        locale: Arc::new(Formatter::for_site(&language)),
        description: raw.description,
        owner: raw.owner,
        theme: raw.theme,
        areas,
        allow_html: raw.allow_html,
        page_size: raw.page_size.unwrap_or(50).max(1),
        silence: raw.silence,
        extra: raw.extra,
    })
}

fn areas(
    raw: Option<Vec<RawArea>>,
    file: &Arc<SourceFile>,
    at: &frontmatter::Locator,
    diagnostics: &mut Diagnostics,
) -> Vec<Area> {
    let Some(raw) = raw else {
        return DEFAULT_AREAS
            .iter()
            .map(|(id, name, description)| Area {
                id: Id::parse(id).expect("default area ids are valid"),
                name: (*name).to_owned(),
                description: Some((*description).to_owned()),
            })
            .collect();
    };
    let mut areas: Vec<Area> = Vec::with_capacity(raw.len());
    for area in raw {
        match Id::parse(&area.id) {
            Ok(id) if areas.iter().any(|a| a.id == id) => diagnostics.push(
                Diagnostic::new(codes::CONFIG, format!("area `{id}` is declared twice"))
                    .at(
                        file,
                        at.nth_token("areas", &area.id, 1),
                        "second declaration",
                    )
                    .help("remove one of the two"),
            ),
            Ok(id) => areas.push(Area {
                id,
                name: area.name,
                description: area.description,
            }),
            Err(message) => diagnostics.push(
                Diagnostic::new(codes::CONFIG, format!("area id: {message}"))
                    .at(file, at.token("areas", &area.id), "not an id")
                    .help("area ids are used in addresses: lowercase letters, digits and hyphens"),
            ),
        }
    }
    areas
}

pub fn is_absolute_url(url: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        url.strip_prefix(scheme).is_some_and(|rest| {
            !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace)
        })
    })
}

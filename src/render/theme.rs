//! The theme: the built-in templates, assets and words compiled into the binary, with a
//! site's own `themes/<name>/` laid over them file by file. Tera is used only here and
//! in the other modules of `render/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use crate::config::Config;
use crate::content::frontmatter;
use crate::content::yaml_diagnostic::yaml_diagnostic;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, codes};
use crate::locale::Formatter;

macro_rules! embedded {
    ($folder:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $folder, "/", $name)))),*]
    };
}

/// Every file of `themes/default/templates/`, compiled in. A test checks that no file
/// of the folder is missing here.
pub const TEMPLATES: &[(&str, &[u8])] = embedded!("templates":
    "404.html",
    "agreement.html",
    "agreements.html",
    "area.html",
    "areas.html",
    "base.html",
    "cities.html",
    "city.html",
    "countries.html",
    "country.html",
    "filters.html",
    "footer.html",
    "header.html",
    "index.html",
    "page.html",
    "partials.html",
    "program.html",
    "programs.html",
    "search.html",
    "statistics.html",
);

/// Every file of `themes/default/static/`, copied to `/static/` in the output.
pub const STATIC: &[(&str, &[u8])] = embedded!("static":
    "amicus.css",
    "favicon.svg",
    "filter.js",
    "search.js",
);

/// Every file of `themes/default/strings/`: the theme's words per language.
pub const STRINGS: &[(&str, &[u8])] = embedded!("strings":
    "ar.yaml",
    "de.yaml",
    "en.yaml",
    "es.yaml",
    "fr.yaml",
    "ja.yaml",
);

/// Where a built-in file shows up in diagnostics.
const BUILT_IN: &str = "themes/default (built in)";

/// A file to copy into the output's `static/` folder.
#[derive(Debug, Clone)]
pub enum Asset {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// A loaded theme, ready to render in parallel (`Tera` is shared across threads).
pub struct Theme {
    /// The theme in each of the site's languages, in the order of `config.languages`.
    pub languages: Vec<InLanguage>,
    /// Output path under `static/` → where its bytes come from.
    pub assets: BTreeMap<String, Asset>,
    /// Template name → its source, for diagnostics that point into templates.
    pub sources: BTreeMap<String, Arc<SourceFile>>,
}

/// The theme's words in one language, by key: `t` in templates.
pub type Words = BTreeMap<String, String>;

/// The theme for one language: its own `Tera`, since `site`, `t` and the `thousands`
/// filter differ between languages.
pub struct InLanguage {
    pub tera: Tera,
    /// The theme's words in this language: `t` in templates.
    pub strings: Arc<Words>,
    /// The keys this language's strings files do not give, shown in English.
    pub missing: Vec<String>,
}

/// Loads the built-in theme and the site's overrides from `themes/<config.theme>/`.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
    let mut sources: BTreeMap<String, Arc<SourceFile>> = TEMPLATES
        .iter()
        .map(|(name, bytes)| {
            let path = format!("{BUILT_IN}/templates/{name}");
            (
                (*name).to_owned(),
                SourceFile::new(path, String::from_utf8_lossy(bytes)),
            )
        })
        .collect();
    let mut assets: BTreeMap<String, Asset> = STATIC
        .iter()
        .map(|(n, b)| ((*n).to_owned(), Asset::Embedded(b)))
        .collect();
    let mut diagnostics = Diagnostics::new();
    let site_theme = config
        .theme
        .as_ref()
        .map(|name| root.join("themes").join(name));
    if let Some(folder) = &site_theme {
        if !folder.is_dir() {
            let message = format!(
                "site.yaml names theme `{}`, but {} does not exist",
                config.theme.as_deref().unwrap_or(""),
                folder.display()
            );
            return Err(Diagnostic::new(codes::CONFIG, message)
                .help("create the folder, or remove `theme:` to use the built-in theme")
                .into());
        }
        read_overrides(root, folder, &mut sources, &mut assets, &mut diagnostics);
    }
    let english = words(&built_in_strings("en.yaml"), &mut diagnostics);
    let words: Vec<(BTreeMap<String, String>, Vec<String>)> = (config.languages.iter())
        .map(|language| {
            let files = strings_files(root, site_theme.as_deref(), &language.tag);
            let own = files.iter().map(|file| words(file, &mut diagnostics));
            let own: BTreeMap<String, String> = own.flatten().collect();
            let missing = (english.keys())
                .filter(|key| !own.contains_key(*key))
                .cloned()
                .collect();
            let mut strings = english.clone();
            strings.extend(own);
            (strings, missing)
        })
        .collect();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    register_filters(&mut tera);
    // Templates are checked for unknown filters as they are added: each language's
    // `Tera` then replaces this one with its own.
    register_thousands(&mut tera, &config.languages[0].locale);
    let templates = sources
        .iter()
        .map(|(name, source)| (name.as_str(), source.text.as_str()));
    if let Err(error) = tera.add_raw_templates(templates) {
        return Err(template_diagnostic(&error, &sources).into());
    }
    let languages = (config.languages.iter().zip(words))
        .map(|(language, (strings, missing))| {
            let mut tera = tera.clone();
            register_thousands(&mut tera, &language.locale);
            InLanguage {
                tera,
                strings: Arc::new(strings),
                missing,
            }
        })
        .collect();
    Ok(Theme {
        languages,
        assets,
        sources,
    })
}

/// The filters Amicus adds to Tera's own, as `docs/templates.md` lists them, and a
/// `safe` that does what Tera's does without a copy; `thousands` is added for each
/// language.
fn register_filters(tera: &mut Tera) {
    // Tera's own `safe` copies the string it marks. A page marks its body, header,
    // footer, map and JSON-LD, some 10 KB a page, all of which it copied; a string's
    // copy in a `Value` shares the text.
    tera.register_filter("safe", |value: Value, _: Kwargs, _: &State| {
        if value.is_string() {
            value.mark_safe()
        } else {
            Value::safe_string(&value.to_string())
        }
    });
}

/// `thousands`: a whole number in the digits and grouping of `locale`'s language. In
/// Rust rather than as a template component: digit by digit in Tera, the numbers of a
/// 1,000-city site took 2.5 % of its build.
fn register_thousands(tera: &mut Tera, locale: &Arc<Formatter>) {
    let locale = Arc::clone(locale);
    tera.register_filter("thousands", move |n: &Value, _: Kwargs, _: &State| {
        let whole = n.as_i128().ok_or_else(|| not_a_whole_number(n))?;
        Ok::<_, tera::Error>(locale.number(whole))
    });
}

fn not_a_whole_number(value: &Value) -> tera::Error {
    let what = match value.name() {
        "f64" => format!("`{value}`"),
        "string" => format!("the text `{value}`"),
        "none" => "null".to_owned(),
        "map/struct" => "a map".to_owned(),
        other => format!("a value of type {other}"),
    };
    tera::Error::message(format!("`thousands` takes a whole number, not {what}"))
}

/// Site templates replace built-in ones of the same name; site assets likewise.
fn read_overrides(
    root: &Path,
    folder: &Path,
    sources: &mut BTreeMap<String, Arc<SourceFile>>,
    assets: &mut BTreeMap<String, Asset>,
    diagnostics: &mut Diagnostics,
) {
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let base = folder.join(sub);
        for entry in WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&base)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if !is_template {
                assets.insert(name, Asset::File(entry.into_path()));
                continue;
            }
            let relative = crate::load::relative(root, entry.path());
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => {
                    sources.insert(name, SourceFile::new(relative, text));
                }
                Err(error) => diagnostics.push(
                    Diagnostic::new(codes::IO, format!("cannot read the template: {error}"))
                        .in_file(&relative),
                ),
            }
        }
    }
}

/// A strings file compiled into the binary, by name (`de.yaml`).
fn built_in_strings(name: &str) -> Arc<SourceFile> {
    let bytes = STRINGS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[][..], |(_, b)| b);
    SourceFile::new(
        format!("{BUILT_IN}/strings/{name}"),
        String::from_utf8_lossy(bytes),
    )
}

/// The strings files of `language` besides English's, in the order they overlay each
/// other: the built-in words of the language, then the site theme's
/// `strings/<language>.yaml`. `de-AT` takes the words of `de` where a theme has no file
/// of its own for it.
fn strings_files(root: &Path, site_theme: Option<&Path>, language: &str) -> Vec<Arc<SourceFile>> {
    let primary = language.split('-').next().unwrap_or(language);
    let names = [format!("{language}.yaml"), format!("{primary}.yaml")];
    let built_in = names
        .iter()
        .find(|name| STRINGS.iter().any(|(n, _)| n == name))
        .filter(|name| *name != "en.yaml")
        .map(|name| built_in_strings(name));
    let site = site_theme.and_then(|theme| {
        let folder = theme.join("strings");
        names.iter().map(|name| folder.join(name)).find_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            Some(SourceFile::new(crate::load::relative(root, &path), text))
        })
    });
    built_in.into_iter().chain(site).collect()
}

/// The words of one strings file; its errors into `diagnostics`.
fn words(file: &Arc<SourceFile>, diagnostics: &mut Diagnostics) -> BTreeMap<String, String> {
    frontmatter::parse::<BTreeMap<String, String>>(&file.text, 0).unwrap_or_else(|error| {
        diagnostics.push(yaml_diagnostic(file, error, 0));
        BTreeMap::new()
    })
}

/// A warning for each of the site's languages whose strings files lack words, which
/// its pages show in English.
pub fn missing_strings(theme: &Theme, config: &Config) -> Diagnostics {
    let mut found = Diagnostics::new();
    for (own, language) in theme.languages.iter().zip(&config.languages) {
        let missing = &own.missing;
        if missing.is_empty() || language.tag == "en" || language.tag.starts_with("en-") {
            continue;
        }
        let tag = &language.tag;
        let message = match missing.len() == own.strings.len() {
            true => format!("the theme has no words in `{tag}`: its pages show the English ones"),
            false => format!(
                "the theme's words in `{tag}` lack {} keys, shown in English: {}",
                missing.len(),
                missing.join(", ")
            ),
        };
        let help = format!(
            "add them to `themes/<theme>/strings/{tag}.yaml` (a site theme's file overrides the built-in one key by key); `themes/default/strings/en.yaml` lists every key"
        );
        found.push(Diagnostic::new(codes::MISSING_STRINGS, message).help(help));
    }
    found
}

/// A Tera error as a diagnostic pointing at the template line (Tera reports the
/// template's name, the line and column, and the expression at fault).
pub fn template_diagnostic(
    error: &tera::Error,
    sources: &BTreeMap<String, Arc<SourceFile>>,
) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    };
    let Some(report) = report else {
        return Diagnostic::new(codes::TEMPLATE, error.to_string())
            .help("see docs/templates.md for the templates a theme provides");
    };
    let message = first_line(report.message());
    let Some(file) = sources.get(report.filename()) else {
        return Diagnostic::new(
            codes::TEMPLATE,
            format!("in template `{}`: {message}", report.filename()),
        );
    };
    let span = report.span();
    let start = offset_of(&file.text, span.start_line, span.start_col);
    let end = if span.end_line == span.start_line {
        offset_of(&file.text, span.end_line, span.end_col).max(start + 1)
    } else {
        start + 1
    };
    Diagnostic::new(codes::TEMPLATE, format!("template `{}`: {message}", report.filename()))
        .at(file, start..end.min(file.text.len()), "here")
        .help("the variables each template receives are listed in docs/templates.md; test optional values with `{% if … %}`")
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).to_owned()
}

/// Byte offset of a 1-based line and 0-based character column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[line_start..].lines().next().unwrap_or("");
    line_start
        + line_text
            .char_indices()
            .nth(column)
            .map_or(line_text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_marks_what_it_is_given_as_teras_own_does() {
        let render = |ours: bool| {
            let mut tera = Tera::new();
            tera.autoescape_on(vec![".html"]);
            if ours {
                register_filters(&mut tera);
            }
            let template = "{{ html | safe }} {{ html }} {{ n | safe }} [{{ none | safe }}]";
            tera.add_raw_template("t.html", template).unwrap();
            let mut context = tera::Context::new();
            context.insert("html", "<b>R&D</b>");
            context.insert("n", &12);
            context.insert("none", &None::<u8>);
            tera.render("t.html", &context).unwrap()
        };
        assert_eq!(render(true), "<b>R&D</b> &lt;b&gt;R&amp;D&lt;/b&gt; 12 []");
        assert_eq!(render(true), render(false));
    }

    #[test]
    fn every_theme_file_is_embedded() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for (folder, list) in [
            ("templates", TEMPLATES),
            ("static", STATIC),
            ("strings", STRINGS),
        ] {
            for entry in WalkDir::new(base.join(folder))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
            {
                let name = entry
                    .path()
                    .strip_prefix(base.join(folder))
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(
                    list.iter().any(|(n, _)| *n == name),
                    "themes/default/{folder}/{name} is not embedded in src/render/theme.rs"
                );
            }
        }
    }

    #[test]
    fn offsets_from_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(offset_of(text, 1, 0), 0);
        assert_eq!(offset_of(text, 2, 2), 5);
        assert_eq!(offset_of(text, 3, 0), 8);
    }
}

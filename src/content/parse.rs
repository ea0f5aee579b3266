//! The parse stage: raw documents → the typed content model, with a diagnostic for
//! every problem found. Files are parsed in parallel; a file with errors contributes
//! its diagnostics and no entry, and the stage goes on with the others.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::consistency::{self, Place};
use super::date::{PartialDate, suggest_iso};
use super::frontmatter::{self, Locator, SplitError};
use super::id::Id;
use super::markdown;
use super::model::{
    Agreement, AgreementStatus, Body, City, Collection, Content, CountryCode, FormerName,
    HistoryEntry, Level, Location, Meta, Page, Program, ProgramStatus, Ref, Reviewed, Signatory,
    Source, Translation,
};
use super::raw::{RawAgreement, RawCity, RawDate, RawPage, RawProgram, RawReviewed, RawSource};
use super::source::EntrySource;
use super::translation;
use super::yaml_diagnostic::yaml_diagnostic;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Label, SourceFile, codes};
use crate::load::RawDocument;
use crate::scaffold::templates::{SAMPLE_BODIES, SAMPLE_SUMMARY};

/// Parses every document. Entries come out sorted by id within each collection.
pub fn parse(documents: Vec<RawDocument>, config: &Config) -> (Content, Diagnostics) {
    parse_each(documents, Ok, config)
}

/// Parses each of `files` as `read` gives it, in parallel, as [`parse`] does. A check
/// from disk reads each file here, so that each text can be let go once parsed rather
/// than all of them held at once.
pub fn parse_each<F: Send>(
    files: Vec<F>,
    read: impl Fn(F) -> Result<RawDocument, Diagnostic> + Sync,
    config: &Config,
) -> (Content, Diagnostics) {
    let parsed: Vec<(Option<Entity>, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|file| match read(file) {
            Ok(doc) => parse_document(doc, config),
            Err(unread) => (None, vec![unread]),
        })
        .collect();
    assemble(parsed)
}

/// Gathers parsed documents into the content model: each collection sorted by id,
/// duplicate ids reported. `serve` calls it with the documents it keeps between builds.
pub fn assemble(mut parsed: Vec<(Option<Entity>, Vec<Diagnostic>)>) -> (Content, Diagnostics) {
    let mut diagnostics: Diagnostics = parsed
        .iter_mut()
        .flat_map(|(_, found)| std::mem::take(found))
        .collect();
    let translations = take_translations(&mut parsed);
    let mut content = match kind_runs(&parsed) {
        Some(runs) => collect_runs(&mut parsed, runs),
        None => collect_one_by_one(parsed),
    };
    content.translations = translations;
    (content.translations)
        .sort_by(|a, b| (a.collection, &a.id, a.language).cmp(&(b.collection, &b.id, b.language)));
    content.cities.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    content.programs.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    content.agreements.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    content.pages.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    report_duplicates(&content, &mut diagnostics);
    (content, diagnostics)
}

/// The translations among `parsed`, which keeps the entries (and the files that gave
/// none) in their order.
fn take_translations(parsed: &mut Vec<(Option<Entity>, Vec<Diagnostic>)>) -> Vec<Arc<Translation>> {
    let is_translation = |entity: &Option<Entity>| matches!(entity, Some(Entity::Translation(_)));
    if !parsed.iter().any(|(entity, _)| is_translation(entity)) {
        return Vec::new();
    }
    let mut translations = Vec::new();
    parsed.retain_mut(|(entity, _)| match entity.take() {
        Some(Entity::Translation(t)) => {
            translations.push(t);
            false
        }
        other => {
            *entity = other;
            true
        }
    });
    translations
}

/// Where each collection's entries are, when every document gave an entry and they
/// come a collection after another, in [`Collection::ALL`]'s order (as `load` and
/// `serve` give them).
fn kind_runs(parsed: &[(Option<Entity>, Vec<Diagnostic>)]) -> Option<[Range<usize>; 4]> {
    let mut ends = [0; 4];
    let mut kind = 0;
    for (i, (entity, _)) in parsed.iter().enumerate() {
        let this = rank(entity.as_ref()?);
        if this < kind {
            return None;
        }
        kind = this;
        ends[kind] = i + 1;
    }
    // A collection without entries ends where the one before it does.
    for k in 1..4 {
        ends[k] = ends[k].max(ends[k - 1]);
    }
    Some([
        0..ends[0],
        ends[0]..ends[1],
        ends[1]..ends[2],
        ends[2]..ends[3],
    ])
}

/// The collections moved out of their runs in parallel, each entry straight to its
/// place: one by one, this was the largest step left on one core (some 0.4 s at
/// 100,000 cities, most of it the first touches of the collections' memory).
fn collect_runs(
    entities: &mut [(Option<Entity>, Vec<Diagnostic>)],
    runs: [Range<usize>; 4],
) -> Content {
    fn run<T: Send>(
        entities: &mut [(Option<Entity>, Vec<Diagnostic>)],
        range: Range<usize>,
        kind: fn(Entity) -> Option<T>,
    ) -> Vec<T> {
        entities[range]
            .par_iter_mut()
            .map(|(slot, _)| {
                slot.take()
                    .and_then(kind)
                    .expect("a run holds entries of one collection")
            })
            .collect()
    }
    let [cities, programs, agreements, pages] = runs;
    Content {
        cities: run(entities, cities, |e| match e {
            Entity::City(c) => Some(c),
            _ => None,
        }),
        programs: run(entities, programs, |e| match e {
            Entity::Program(p) => Some(p),
            _ => None,
        }),
        agreements: run(entities, agreements, |e| match e {
            Entity::Agreement(a) => Some(a),
            _ => None,
        }),
        pages: run(entities, pages, |e| match e {
            Entity::Page(p) => Some(p),
            _ => None,
        }),
        translations: Vec::new(),
    }
}

/// The collections filled entry by entry, when a file gave no entry or the documents
/// came in another order.
fn collect_one_by_one(parsed: Vec<(Option<Entity>, Vec<Diagnostic>)>) -> Content {
    let mut content = with_room_for(parsed.iter().filter_map(|(entity, _)| entity.as_ref()));
    for entity in parsed.into_iter().filter_map(|(entity, _)| entity) {
        match entity {
            Entity::City(c) => content.cities.push(c),
            Entity::Program(p) => content.programs.push(p),
            Entity::Agreement(a) => content.agreements.push(a),
            Entity::Page(p) => content.pages.push(p),
            Entity::Translation(t) => content.translations.push(t),
        }
    }
    content
}

/// Content whose collections have room for `entities`. Grown by doubling instead, they
/// were copied at each step into memory touched for the first time, on one core.
fn with_room_for<'a>(entities: impl Iterator<Item = &'a Entity>) -> Content {
    let mut counts = [0; 5];
    for entity in entities {
        counts[rank(entity)] += 1;
    }
    Content {
        cities: Vec::with_capacity(counts[0]),
        programs: Vec::with_capacity(counts[1]),
        agreements: Vec::with_capacity(counts[2]),
        pages: Vec::with_capacity(counts[3]),
        translations: Vec::with_capacity(counts[4]),
    }
}

/// One parsed entry, of whichever kind, or a translation of one.
#[derive(Debug, Clone)]
pub enum Entity {
    City(Arc<City>),
    Program(Arc<Program>),
    Agreement(Arc<Agreement>),
    Page(Arc<Page>),
    Translation(Arc<Translation>),
}

impl Entity {
    /// The entry's meta; none for a translation, which is not an entry.
    pub fn meta(&self) -> Option<&Meta> {
        match self {
            Entity::City(city) => Some(&city.meta),
            Entity::Program(program) => Some(&program.meta),
            Entity::Agreement(agreement) => Some(&agreement.meta),
            Entity::Page(page) => Some(&page.meta),
            Entity::Translation(_) => None,
        }
    }
}

/// The place of an entry's collection in [`Collection::ALL`] and in [`Content`].
fn rank(entity: &Entity) -> usize {
    match entity {
        Entity::City(_) => 0,
        Entity::Program(_) => 1,
        Entity::Agreement(_) => 2,
        Entity::Page(_) => 3,
        Entity::Translation(_) => 4,
    }
}

/// Page ids that would take the address of a generated page.
pub const RESERVED_PAGE_IDS: &[&str] = &[
    "agreements",
    "areas",
    "cities",
    "countries",
    "data",
    "feeds",
    "programs",
    "search",
    "static",
];

/// Parses one document on its own: the result depends only on the file and the config,
/// so `serve` keeps it until either changes.
pub fn parse_document(doc: RawDocument, config: &Config) -> (Option<Entity>, Vec<Diagnostic>) {
    if let Some((id, language)) = translation::split_stem(&doc.stem) {
        let (id, language) = (id.to_owned(), language.to_owned());
        return translation::parse(doc, (&id, &language), config);
    }
    let mut diagnostics = Vec::new();
    let file = doc.source;
    let id = match Id::parse(&doc.stem) {
        Ok(id) => Some(id),
        Err(message) => {
            diagnostics.push(
                Diagnostic::new(codes::FILE_NAME, message)
                    .in_file(&file.path)
                    .help(
                        "rename the file: its name without `.md` is the entry's id and its address",
                    ),
            );
            None
        }
    };
    let language_prefix = |stem: &str| {
        (config.languages.iter().skip(1)).any(|language| language.tag.to_lowercase() == stem)
    };
    if doc.collection == Collection::Pages
        && (RESERVED_PAGE_IDS.contains(&doc.stem.as_str()) || language_prefix(&doc.stem))
    {
        diagnostics.push(
            Diagnostic::new(
                codes::FILE_NAME,
                format!("`{}` is the address of a generated page", doc.stem),
            )
            .in_file(&file.path)
            .help(format!(
                "rename the page, for example to `about-{}.md`",
                doc.stem
            )),
        );
        return (None, diagnostics);
    }
    let split = match frontmatter::split(&file.text) {
        Ok(split) => split,
        Err(error) => {
            diagnostics.push(split_diagnostic(&file, error));
            return (None, diagnostics);
        }
    };
    let Some(id) = id else {
        return (None, diagnostics);
    };
    let at = Locator::new(split.yaml, split.yaml_offset);
    let mut entry = Entry::new(&file, doc.reread_from.as_ref(), at, diagnostics);
    let body = entry.body(split.body, split.body_offset, config);
    let entity = match doc.collection {
        Collection::Cities => entry
            .yaml::<RawCity>(split.yaml)
            .map(|raw| Entity::City(Arc::new(entry.city(raw, id, body)))),
        Collection::Programs => entry
            .yaml::<RawProgram>(split.yaml)
            .map(|raw| Entity::Program(Arc::new(entry.program(raw, id, body)))),
        Collection::Agreements => entry
            .yaml::<RawAgreement>(split.yaml)
            .map(|raw| Entity::Agreement(Arc::new(entry.agreement(raw, id, body)))),
        Collection::Pages => entry
            .yaml::<RawPage>(split.yaml)
            .map(|raw| Entity::Page(Arc::new(entry.page(raw, id, body)))),
    };
    // Looked for only among files with an unknown field, so that good files pay nothing.
    if entry
        .diagnostics
        .iter()
        .any(|d| d.code == codes::UNKNOWN_FIELD)
        && let Some(misplaced) = misplaced(&file, &entry.at, doc.collection, &doc.stem)
    {
        return (None, vec![misplaced]);
    }
    // An entry with wrong values is kept (the build fails on its errors anyway) so that
    // references to it resolve and do not add a second, misleading error elsewhere.
    (entity, entry.diagnostics)
}

/// The top-level fields each collection takes, read from its serde type once.
fn fields_of(collection: Collection) -> &'static [String] {
    static FIELDS: std::sync::OnceLock<[Vec<String>; 4]> = std::sync::OnceLock::new();
    let fields = FIELDS.get_or_init(|| {
        [
            frontmatter::field_names::<RawCity>(),
            frontmatter::field_names::<RawProgram>(),
            frontmatter::field_names::<RawAgreement>(),
            frontmatter::field_names::<RawPage>(),
        ]
    });
    &fields[rank_of(collection)]
}

fn rank_of(collection: Collection) -> usize {
    Collection::ALL
        .iter()
        .position(|c| *c == collection)
        .unwrap_or(0)
}

/// One error for a file saved in another kind's folder (a city in
/// `content/agreements/`), instead of an unknown field for each of its fields: its
/// fields are not all of its folder's kind, and all of exactly one other kind's.
fn misplaced(
    file: &Arc<SourceFile>,
    at: &Locator<'_>,
    folder: Collection,
    stem: &str,
) -> Option<Diagnostic> {
    let keys: Vec<&str> = at.keys().collect();
    let takes = |c: Collection, key: &str| fields_of(c).iter().any(|f| f == key);
    let foreign = keys.iter().find(|key| !takes(folder, key))?;
    let mut kinds = Collection::ALL
        .into_iter()
        .filter(|&c| c != folder && keys.iter().all(|key| takes(c, key)));
    let kind = kinds.next().filter(|_| kinds.next().is_none())?;
    Some(
        Diagnostic::new(
            codes::WRONG_FOLDER,
            format!(
                "this is a {}, saved in content/{}/",
                kind.singular(),
                folder.folder()
            ),
        )
        .at(
            file,
            at.key(foreign),
            format!("a {}'s field", kind.singular()),
        )
        .help(format!(
            "move the file to content/{}/{stem}.md",
            kind.folder()
        )),
    )
}

pub(super) fn split_diagnostic(file: &Arc<SourceFile>, error: SplitError) -> Diagnostic {
    match error {
        SplitError::NoOpening if file.text.trim().is_empty() => {
            Diagnostic::new(codes::FRONT_MATTER, "the file is empty")
                .in_file(&file.path)
                .help("start the file with front matter between two `---` lines, or delete it")
        }
        SplitError::NoOpening => Diagnostic::new(
            codes::FRONT_MATTER,
            "the file does not start with front matter",
        )
        .at(
            file,
            0..file.text.lines().next().map_or(0, str::len),
            "expected a `---` line here",
        )
        .help("start the file with a `---` line, the fields, and another `---` line"),
        SplitError::Unclosed { opening } => {
            Diagnostic::new(codes::FRONT_MATTER, "the front matter is not closed")
                .at(
                    file,
                    opening,
                    "front matter opens here but no `---` line closes it",
                )
                .help("add a line of three dashes `---` after the last field")
        }
    }
}

/// One file being checked: where its values are, and what is wrong with them.
pub(super) struct Entry<'a> {
    /// The text, held while it is checked: the diagnostics found here point into it.
    pub file: &'a Arc<SourceFile>,
    /// The text as the entry keeps it, once checked.
    kept: EntrySource,
    pub at: Locator<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Entry<'a> {
    /// A file being checked; once checked, its text is left on disk when it is to be
    /// read again from `reread_from`, and held otherwise.
    pub fn new(
        file: &'a Arc<SourceFile>,
        reread_from: Option<&Arc<Path>>,
        at: Locator<'a>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        let kept = match reread_from {
            Some(root) => EntrySource::on_disk(root, file),
            None => EntrySource::Held(Arc::clone(file)),
        };
        Self {
            file,
            kept,
            at,
            diagnostics,
        }
    }

    /// The file as the entry keeps it once checked.
    pub fn kept(&self) -> EntrySource {
        self.kept.clone()
    }

    /// The front matter as a `T`, reporting every wrong field. The value comes back
    /// without the wrong fields when the rest reads, so that its other values are
    /// checked too and references to the entry resolve.
    pub fn yaml<T: DeserializeOwned>(&mut self, yaml: &str) -> Option<T> {
        let (value, errors) = frontmatter::parse_all::<T>(yaml, self.at.yaml_offset);
        for error in errors {
            self.diagnostics
                .push(yaml_diagnostic(self.file, error, self.at.yaml_offset));
        }
        value
    }

    pub fn error(
        &mut self,
        code: crate::diagnostics::Code,
        message: String,
        span: Range<usize>,
        label: &str,
        help: String,
    ) {
        self.diagnostics.push(
            Diagnostic::new(code, message)
                .at(self.file, span, label)
                .help(help),
        );
    }

    pub fn body(&mut self, body: &str, offset: usize, config: &Config) -> Body {
        let found = markdown::scan(body, offset, config.allow_html);
        for span in found.raw_html {
            self.diagnostics.push(
                Diagnostic::new(codes::RAW_HTML, "raw HTML left out of the page")
                    .at(self.file, span, "this HTML is not shown")
                    .help("write it in Markdown, or set `allow_html: true` in site.yaml"),
            );
        }
        for sample in SAMPLE_BODIES {
            if let Some(i) = body.find(sample) {
                let at = offset + i;
                self.error(
                    codes::PLACEHOLDER,
                    "the text is still the sample sentence of `amicus new`".into(),
                    at..at + sample.len(),
                    "a placeholder",
                    "write the entry's own text in its place".into(),
                );
            }
        }
        Body {
            span: offset..offset + body.len(),
            links: found.links,
        }
    }

    /// A `summary` still the sample sentence of `amicus new`.
    fn sample_summary(&mut self, summary: Option<&str>) {
        if summary.is_some_and(|s| s.trim() == SAMPLE_SUMMARY) {
            let span = self.at.value("summary");
            self.error(
                codes::PLACEHOLDER,
                "`summary` is still the sample sentence of `amicus new`".into(),
                span,
                "a placeholder",
                "write one line about the entry, or remove `summary`".into(),
            );
        }
    }

    fn meta(&mut self, id: Id, shared: Shared, body: Body) -> Meta {
        Meta {
            id,
            source: self.kept.clone(),
            summary: shared.summary,
            draft: shared.draft,
            example: shared.example,
            reviewed: shared.reviewed.and_then(|r| self.reviewed(r)),
            sources: self.sources(shared.sources),
            extra: shared.extra,
            body,
        }
    }

    /// `reviewed: { date, by }`: a valid date and someone who reviewed.
    fn reviewed(&mut self, raw: RawReviewed) -> Option<Reviewed> {
        let span = self.at.token("reviewed", &raw.date.0);
        let date = self.date_at(raw.date, span)?;
        if raw.by.trim().is_empty() {
            let span = self.at.value("reviewed");
            self.error(
                codes::INVALID_VALUE,
                "`reviewed.by` is empty".into(),
                span,
                "who reviewed?",
                "name the office or person who checked the entry: `by: State Chancellery`".into(),
            );
            return None;
        }
        Some(Reviewed { date, by: raw.by })
    }

    /// The sources with a valid address; the others are reported.
    fn sources(&mut self, raw: Vec<RawSource>) -> Vec<Source> {
        raw.into_iter()
            .filter_map(|s| {
                let url = self.url("sources", Some(s.url), false)?;
                Some(Source {
                    title: s.title,
                    url,
                })
            })
            .collect()
    }

    fn date(&mut self, key: &str, raw: Option<RawDate>) -> Option<PartialDate> {
        let raw = raw?;
        let span = self.at.value(key);
        self.date_at(raw, span)
    }

    pub fn date_at(&mut self, raw: RawDate, span: Range<usize>) -> Option<PartialDate> {
        match PartialDate::parse(raw.0.trim()) {
            Ok(date) => Some(date),
            Err(message) => {
                let help = match suggest_iso(raw.0.trim()) {
                    Some(iso) => format!("write {iso}"),
                    None => "write YYYY-MM-DD, YYYY-MM or YYYY".into(),
                };
                self.error(codes::DATE, message, span, "not a valid date", help);
                None
            }
        }
    }

    fn id_ref(&mut self, key: &str, value: &str, span: Range<usize>) -> Option<Ref> {
        match Id::parse(value) {
            Ok(id) => Some(Ref { id, span }),
            Err(message) => {
                self.error(
                    codes::ID_SYNTAX,
                    format!("in `{key}`: {message}"),
                    span,
                    "not an id",
                    "write the entry's file name without `.md`".into(),
                );
                None
            }
        }
    }

    fn id_refs(&mut self, key: &str, values: &[String]) -> Vec<Ref> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut refs = Vec::with_capacity(values.len());
        for value in values {
            let n = seen.entry(value.as_str()).or_default();
            let span = self.at.nth_token(key, value, *n);
            *n += 1;
            refs.extend(self.id_ref(key, value, span));
        }
        refs
    }

    fn country(&mut self, value: &str, span: Range<usize>) -> Option<CountryCode> {
        if let Some(code) = CountryCode::parse(value) {
            return Some(code);
        }
        let upper = value.to_ascii_uppercase();
        let help = match upper.as_str() {
            "UK" => "the United Kingdom's code is `GB`".to_owned(),
            _ if CountryCode::parse(&upper).is_some() => format!(
                "country codes are upper case: `{upper}` ({})",
                CountryCode::parse(&upper).map_or("", |c| c.name())
            ),
            _ => "use the two-letter ISO 3166-1 code, such as `DE`, `JP` or `NO`".to_owned(),
        };
        self.error(
            codes::COUNTRY,
            format!("`{value}` is not an ISO 3166-1 alpha-2 country code"),
            span,
            "unknown country",
            help,
        );
        None
    }

    fn url(&mut self, key: &str, value: Option<String>, allow_site_path: bool) -> Option<String> {
        let value = value?;
        let ok = ["https://", "http://"].iter().any(|s| {
            value.starts_with(s) && value.len() > s.len() && !value.contains(char::is_whitespace)
        }) || (allow_site_path && value.starts_with('/') && !value.contains(".."));
        if !ok {
            let span = self.at.value(key);
            self.error(
                codes::URL,
                format!("`{value}` is not an absolute http(s) address"),
                span,
                "not a URL",
                "write the full address, starting with `https://`".into(),
            );
            return None;
        }
        Some(value)
    }

    fn location(&mut self, raw: Option<super::raw::RawLocation>) -> Option<Location> {
        let raw = raw?;
        let mut ok = true;
        for (key, value, limit) in [("lat", raw.lat, 90.0), ("lon", raw.lon, 180.0)] {
            if !(value.is_finite() && value.abs() <= limit) {
                ok = false;
                let span = self.at.nested("location", key);
                let help = if key == "lat" && raw.lon.abs() <= 90.0 && raw.lat.abs() <= 180.0 {
                    "latitude lies between -90 and 90; are `lat` and `lon` swapped?".to_owned()
                } else {
                    format!("`{key}` lies between -{limit} and {limit}, in decimal degrees")
                };
                self.error(
                    codes::COORDINATES,
                    format!("`location.{key}` is {value}, outside -{limit}..{limit}"),
                    span,
                    "out of range",
                    help,
                );
            }
        }
        if ok && raw.lat == 0.0 && raw.lon == 0.0 {
            let span = self.at.value("location");
            self.error(
                codes::PLACEHOLDER,
                "`location` is 0, 0, the template's placeholder (a point in the sea off West Africa)".into(),
                span,
                "a placeholder",
                "write the place's coordinates in decimal degrees (Wikidata and OpenStreetMap give them), or remove `location`".into(),
            );
        }
        ok.then_some(Location {
            lat: raw.lat,
            lon: raw.lon,
        })
    }

    /// A required text such as `name` or `title` must say something: an empty one
    /// would make a page without a heading.
    fn required_text(&mut self, key: &str, value: &str) {
        if value.trim().is_empty() {
            let span = self.at.value(key);
            self.error(
                codes::MISSING_FIELD,
                format!("`{key}` is empty"),
                span,
                "no text",
                format!("write the {key} between the quotes, or after `{key}: `"),
            );
        }
    }

    fn date_order(
        &mut self,
        start: Option<PartialDate>,
        end: Option<PartialDate>,
        keys: (&str, &str),
    ) {
        if let (Some(start), Some(end)) = (start, end)
            && end.latest_day() < start
        {
            let span = self.at.value(keys.1);
            self.error(
                codes::DATE_ORDER,
                format!("`{}` ({end}) is before `{}` ({start})", keys.1, keys.0),
                span,
                "before the start",
                format!(
                    "check both dates; `{}` must not come before `{}`",
                    keys.1, keys.0
                ),
            );
        }
    }

    fn city(&mut self, raw: RawCity, id: Id, body: Body) -> City {
        self.required_text("name", &raw.name);
        self.sample_summary(raw.summary.as_deref());
        let country_span = self.at.value("country");
        let country = self.country(&raw.country, country_span);
        let parent = raw.parent.as_deref().and_then(|p| {
            let span = self.at.value("parent");
            self.id_ref("parent", p, span)
        });
        let former_names = raw
            .former_names
            .into_iter()
            .map(|f| {
                let until = f.until.and_then(|u| {
                    let span = self.at.token("former_names", &u.0);
                    self.date_at(u, span)
                });
                FormerName {
                    name: f.name,
                    until,
                }
            })
            .collect();
        let location = self.location(raw.location);
        let website = self.url("website", raw.website, false);
        let areas = self.id_refs("areas", &raw.areas);
        City {
            meta: self.meta(id, shared!(raw), body),
            name: raw.name,
            country: country.unwrap_or_else(placeholder_country),
            level: raw.level.unwrap_or(Level::City),
            parent,
            location,
            population: raw.population,
            website,
            names: raw.names,
            former_names,
            ids: raw.ids,
            areas,
            contact: raw.contact,
        }
    }

    fn program(&mut self, raw: RawProgram, id: Id, body: Body) -> Program {
        self.required_text("title", &raw.title);
        self.sample_summary(raw.summary.as_deref());
        let lead = raw.lead.as_deref().and_then(|l| {
            let span = self.at.value("lead");
            self.id_ref("lead", l, span)
        });
        let participants = self.id_refs("participants", &raw.participants);
        let countries = raw
            .countries
            .iter()
            .filter_map(|c| {
                let span = self.at.token("countries", c);
                self.country(c, span)
            })
            .collect();
        let areas = self.id_refs("areas", &raw.areas);
        let start = self.date("start", raw.start);
        let end = self.date("end", raw.end);
        self.date_order(start, end, ("start", "end"));
        let website = self.url("website", raw.website, false);
        Program {
            meta: self.meta(id, shared!(raw), body),
            title: raw.title,
            kind: raw.kind,
            lead,
            participants,
            countries,
            areas,
            start,
            end,
            status: raw.status.unwrap_or(ProgramStatus::Active),
            website,
        }
    }

    fn agreement(&mut self, raw: RawAgreement, id: Id, body: Body) -> Agreement {
        self.required_text("title", &raw.title);
        self.sample_summary(raw.summary.as_deref());
        let parties = self.id_refs("parties", &raw.parties);
        let signed = self.date("signed", raw.signed);
        let expires = self.date("expires", raw.expires);
        self.date_order(signed, expires, ("signed", "expires"));
        let history = raw
            .history
            .into_iter()
            .map(|h| {
                let date = h.date.and_then(|d| {
                    let span = self.at.token("history", &d.0);
                    self.date_at(d, span)
                });
                let by = h.by.as_deref().and_then(|b| {
                    let span = self.at.token("history", b);
                    self.id_ref("history.by", b, span)
                });
                HistoryEntry {
                    date,
                    event: h.event,
                    by,
                    note: h.note,
                }
            })
            .collect::<Vec<_>>();
        self.consistency(signed, raw.status, &history);
        let areas = self.id_refs("areas", &raw.areas);
        let programs = self.id_refs("programs", &raw.programs);
        let document = self.url("document", raw.document, true);
        let signatories = raw
            .signatories
            .into_iter()
            .map(|s| Signatory {
                name: s.name,
                role: s.role,
                party: s.party,
            })
            .collect();
        Agreement {
            meta: self.meta(id, shared!(raw), body),
            title: raw.title,
            kind: raw.kind,
            parties,
            signed,
            expires,
            status: raw.status.unwrap_or(AgreementStatus::Active),
            history,
            areas,
            programs,
            document,
            signatories,
        }
    }

    /// An agreement's `signed` and `status` against its history
    /// ([`consistency::agreement`]), as diagnostics.
    fn consistency(
        &mut self,
        signed: Option<PartialDate>,
        status: Option<AgreementStatus>,
        history: &[HistoryEntry],
    ) {
        for finding in consistency::agreement(signed, status, history) {
            let span = self.place(finding.place, history);
            let mut diagnostic = Diagnostic::new(finding.code, finding.message)
                .at(self.file, span, finding.label)
                .help(finding.help);
            if let Some((place, text)) = finding.also {
                diagnostic =
                    diagnostic.also(Label::new(self.file, self.place(place, history), text));
            }
            self.diagnostics.push(diagnostic);
        }
    }

    /// Where a key's value or a history event is written. An event is found by its
    /// date (the n-th event of that date), or by its kind when it has none.
    fn place(&self, place: Place, history: &[HistoryEntry]) -> Range<usize> {
        match place {
            Place::Key(key) => self.at.value(key),
            Place::Event(i) => self.event_span(i, history),
        }
    }

    fn event_span(&self, i: usize, history: &[HistoryEntry]) -> Range<usize> {
        let Some(entry) = history.get(i) else {
            return self.at.key("history");
        };
        let before = &history[..i];
        match entry.date {
            Some(date) => {
                let n = before.iter().filter(|h| h.date == Some(date)).count();
                self.at.nth_token("history", &date.to_string(), n)
            }
            None => {
                let n = before.iter().filter(|h| h.event == entry.event).count();
                self.at.nth_token("history", entry.event.as_str(), n)
            }
        }
    }

    fn page(&mut self, raw: RawPage, id: Id, body: Body) -> Page {
        self.required_text("title", &raw.title);
        self.sample_summary(raw.summary.as_deref());
        Page {
            meta: self.meta(id, shared!(raw), body),
            title: raw.title,
            menu: raw.menu,
            weight: raw.weight,
        }
    }
}

/// The fields every kind of entry has, as written: what [`Entry::meta`] makes a [`Meta`] of.
struct Shared {
    summary: Option<String>,
    draft: bool,
    example: bool,
    reviewed: Option<RawReviewed>,
    sources: Vec<RawSource>,
    extra: serde_json::Value,
}

/// The [`Shared`] fields moved out of a kind's raw front matter (each kind is its own
/// struct, since serde cannot deny unknown fields of a flattened one).
macro_rules! shared {
    ($raw:ident) => {
        Shared {
            summary: $raw.summary,
            draft: $raw.draft,
            example: $raw.example,
            reviewed: $raw.reviewed,
            sources: $raw.sources,
            extra: $raw.extra,
        }
    };
}
use shared;

/// Stands in for a country code already reported as an error: the build stops on that
/// error, so the value is never shown.
fn placeholder_country() -> CountryCode {
    CountryCode::parse("AQ").expect("AQ is an assigned code")
}

/// Two files with the same id in one collection (possible with sub-folders).
fn report_duplicates(content: &Content, diagnostics: &mut Diagnostics) {
    let metas: [Vec<&Meta>; 4] = [
        content.cities.iter().map(|e| &e.meta).collect(),
        content.programs.iter().map(|e| &e.meta).collect(),
        content.agreements.iter().map(|e| &e.meta).collect(),
        content.pages.iter().map(|e| &e.meta).collect(),
    ];
    for metas in metas {
        for pair in metas.windows(2) {
            if pair[0].id == pair[1].id {
                let (first, second) = (pair[0], pair[1]);
                diagnostics.push(
                    Diagnostic::new(
                        codes::DUPLICATE_ID,
                        format!("two entries have the id `{}`", first.id),
                    )
                    .at(&second.source.file(), 0..0, "this file")
                    .also(Label::new(
                        &first.source.file(),
                        0..0,
                        "has the same id as this one",
                    ))
                    .help("rename one of the files; ids are unique within a collection"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(collection: Collection, stem: &str, text: &str) -> (Option<Entity>, Vec<Diagnostic>) {
        let config =
            crate::config::parse("title: T\nbase_url: https://e.org/\n".into(), None).unwrap();
        let doc = RawDocument {
            collection,
            stem: stem.to_owned(),
            source: SourceFile::new(format!("{stem}.md"), text),
            reread_from: None,
        };
        parse_document(doc, &config)
    }

    fn ids(content: &Content) -> Vec<String> {
        let cities = content.cities.iter().map(|e| &e.meta.id);
        let agreements = content.agreements.iter().map(|e| &e.meta.id);
        let pages = content.pages.iter().map(|e| &e.meta.id);
        cities
            .chain(agreements)
            .chain(pages)
            .map(|id| id.to_string())
            .collect()
    }

    #[test]
    fn documents_in_any_order_or_with_errors_assemble_alike() {
        let documents = || {
            vec![
                parsed(
                    Collection::Cities,
                    "lodz",
                    "---\nname: Łódź\ncountry: PL\n---\n",
                ),
                parsed(
                    Collection::Cities,
                    "kyoto",
                    "---\nname: Kyoto\ncountry: JP\n---\n",
                ),
                parsed(
                    Collection::Agreements,
                    "kyoto-lodz",
                    "---\ntitle: T\nkind: sister-city\nparties: [kyoto, lodz]\n---\n",
                ),
                parsed(Collection::Pages, "about", "---\ntitle: About\n---\n"),
            ]
        };
        let expected = ["kyoto", "lodz", "kyoto-lodz", "about"];
        // A collection after another, programs left out: moved run by run.
        assert!(kind_runs(&documents()).is_some());
        let (content, found) = assemble(documents());
        assert_eq!(ids(&content), expected);
        assert!(found.is_empty());
        // Out of order, and with a file that gave no entry: one by one.
        let mut reversed = documents();
        reversed.reverse();
        reversed.insert(1, parsed(Collection::Cities, "broken", "no front matter"));
        assert!(kind_runs(&reversed).is_none());
        let (content, found) = assemble(reversed);
        assert_eq!(ids(&content), expected);
        assert_eq!(found.iter().count(), 1);
    }
}

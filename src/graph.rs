//! The link stage: resolves every id reference of the content into typed handles and
//! builds the directory graph that templates read.
//!
//! Input: the parsed [`Content`] and the [`Config`]. Output: an immutable [`Directory`]
//! in which every edge exists in both directions (a city knows its agreements, an
//! agreement its parties), plus a diagnostic for every reference that does not resolve.
//! Building it is linear in the size of the content: one id index per collection, then
//! one pass over each collection. Nothing downstream searches lists.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Area, Config, Home, HomeKind, HomePlace};
use crate::content::id::transliterate;
use crate::content::model::{
    Agreement, Body, City, Collection, Content, CountryCode, Meta, Page, Program, Ref, Translation,
};
use crate::content::parse::Entity;
use crate::content::source::EntrySource;
use crate::diagnostics::{Diagnostic, Diagnostics, Label, closest, codes};
use crate::side::Side;

macro_rules! handle {
    ($($(#[$meta:meta])* $name:ident;)*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

handle! {
    /// A city in [`Directory::cities`].
    CityIx;
    ProgramIx;
    AgreementIx;
    AreaIx;
    CountryIx;
}

/// The linked directory: the content plus every edge between its entries. Each
/// collection is in id order. The edges are shared, so that a clone costs a pointer per
/// entry (see [`Directory::with_bodies`]).
#[derive(Debug, Clone)]
pub struct Directory {
    pub config: Config,
    pub cities: Vec<Arc<City>>,
    pub programs: Vec<Arc<Program>>,
    pub agreements: Vec<Arc<Agreement>>,
    pub pages: Vec<Arc<Page>>,
    /// Parallel to `cities`.
    pub city_links: Arc<Vec<CityLinks>>,
    pub program_links: Arc<Vec<ProgramLinks>>,
    pub agreement_links: Arc<Vec<AgreementLinks>>,
    pub areas: Arc<Vec<AreaNode>>,
    /// Every country with a city or targeted by a program, by code.
    pub countries: Arc<Vec<CountryNode>>,
    /// The translations of each entry that has any, by its collection and position.
    pub translations: Arc<Translations>,
    /// Which cities are ours (`home:` of site.yaml).
    pub side: Arc<Side>,
}

/// Each entry's translations, by its collection and position.
pub type Translations = HashMap<(Collection, u32), Vec<Arc<Translation>>>;

#[derive(Debug, Default)]
pub struct CityLinks {
    pub parent: Option<CityIx>,
    pub children: Vec<CityIx>,
    pub agreements: Vec<AgreementIx>,
    /// Programs it leads or takes part in.
    pub programs: Vec<ProgramIx>,
    /// Cities on the other side, or every other party when the site has no side.
    pub partners: Vec<Partner>,
    /// Parties of its agreements on its own side: ours with ours, or abroad with abroad.
    pub co_signatories: Vec<Partner>,
    /// Areas the entry declares.
    pub areas: Vec<AreaIx>,
    /// Declared areas plus those of its agreements and programs.
    pub effective_areas: Vec<AreaIx>,
    pub country: Option<CountryIx>,
}

/// A city linked to another through one or more agreements.
#[derive(Debug, Clone)]
pub struct Partner {
    pub city: CityIx,
    pub agreements: Vec<AgreementIx>,
}

#[derive(Debug, Default)]
pub struct ProgramLinks {
    pub lead: Option<CityIx>,
    pub participants: Vec<CityIx>,
    pub agreements: Vec<AgreementIx>,
    pub areas: Vec<AreaIx>,
    pub countries: Vec<CountryIx>,
}

#[derive(Debug, Default)]
pub struct AgreementLinks {
    pub parties: Vec<CityIx>,
    pub programs: Vec<ProgramIx>,
    pub areas: Vec<AreaIx>,
    /// Parallel to the agreement's `history`: the party that acted alone.
    pub history_by: Vec<Option<CityIx>>,
}

#[derive(Debug)]
pub struct AreaNode {
    pub area: Area,
    pub cities: Vec<CityIx>,
    pub programs: Vec<ProgramIx>,
    pub agreements: Vec<AgreementIx>,
}

#[derive(Debug)]
pub struct CountryNode {
    pub code: CountryCode,
    pub cities: Vec<CityIx>,
    /// The countries of its cities' partners.
    pub partner_countries: Vec<CountryIx>,
    pub agreements: Vec<AgreementIx>,
    /// Programs with a participant there or aimed at it.
    pub programs: Vec<ProgramIx>,
}

impl Directory {
    /// This directory with `entries` in place of the entries of their files: entries
    /// whose front matter is as before, so that only their bodies differ and every edge
    /// of the directory still holds. `None` when an entry is not in the directory, or
    /// its front matter changed.
    pub fn with_bodies(&self, entries: &[Entity]) -> Option<Directory> {
        let mut d = self.clone();
        for entity in entries {
            match entity {
                Entity::City(city) => replace_body(&mut d.cities, city, |c| &c.meta)?,
                Entity::Program(p) => replace_body(&mut d.programs, p, |p| &p.meta)?,
                Entity::Agreement(a) => replace_body(&mut d.agreements, a, |a| &a.meta)?,
                Entity::Page(page) => replace_body(&mut d.pages, page, |p| &p.meta)?,
                // What a translation shows other pages is not known here.
                Entity::Translation(_) => return None,
            }
        }
        Some(d)
    }

    pub fn city(&self, ix: CityIx) -> &City {
        &self.cities[ix.index()]
    }
    pub fn program(&self, ix: ProgramIx) -> &Program {
        &self.programs[ix.index()]
    }
    pub fn agreement(&self, ix: AgreementIx) -> &Agreement {
        &self.agreements[ix.index()]
    }
    pub fn area(&self, ix: AreaIx) -> &AreaNode {
        &self.areas[ix.index()]
    }
    pub fn country(&self, ix: CountryIx) -> &CountryNode {
        &self.countries[ix.index()]
    }

    /// The city with the id, found in the cities, which are sorted by id.
    pub fn city_ix(&self, id: &str) -> Option<CityIx> {
        let at = (self.cities).binary_search_by(|c| c.meta.id.as_str().cmp(id));
        at.ok().map(|i| CityIx(i as u32))
    }

    /// What every entry has, of the entry at `position` of `collection`.
    pub fn meta(&self, collection: Collection, position: u32) -> &Meta {
        let i = position as usize;
        match collection {
            Collection::Cities => &self.cities[i].meta,
            Collection::Programs => &self.programs[i].meta,
            Collection::Agreements => &self.agreements[i].meta,
            Collection::Pages => &self.pages[i].meta,
        }
    }

    /// The cities abroad with a partner among ours: with `home:`, the partners abroad;
    /// without, every city with a partner.
    pub fn partners_abroad(&self) -> impl Iterator<Item = CityIx> + '_ {
        (0..self.cities.len() as u32)
            .map(CityIx)
            .filter(|&c| !self.side.is_ours(c) && !self.city_links[c.index()].partners.is_empty())
    }

    /// How many partners abroad each country has, parallel to `countries`.
    pub fn partners_abroad_by_country(&self) -> Vec<usize> {
        let mut counts = vec![0; self.countries.len()];
        for c in self.partners_abroad() {
            if let Some(country) = self.city_links[c.index()].country {
                counts[country.index()] += 1;
            }
        }
        counts
    }

    /// The translation of the entry at `position` of `collection` into the language at
    /// `language` of `config.languages`.
    pub fn translation(
        &self,
        collection: Collection,
        position: u32,
        language: usize,
    ) -> Option<&Translation> {
        let all = self.translations.get(&(collection, position))?;
        all.iter().find(|t| t.language == language).map(|t| &**t)
    }
}

/// Ids of every collection, with where each entry is.
struct Index<'a> {
    cities: HashMap<&'a str, CityIx>,
    programs: HashMap<&'a str, ProgramIx>,
    agreements: HashMap<&'a str, u32>,
    pages: HashMap<&'a str, u32>,
    areas: HashMap<&'a str, AreaIx>,
    drafts: &'a Drafts,
    config: &'a Config,
}

/// Puts `entry` in the place of the entry of the same file in `entries` (in id order),
/// when only its body differs.
fn replace_body<T>(entries: &mut [Arc<T>], entry: &Arc<T>, meta: fn(&T) -> &Meta) -> Option<()> {
    let new = meta(entry);
    let at = (entries.binary_search_by(|e| meta(e).id.cmp(&new.id))).ok()?;
    let old = meta(&entries[at]);
    let same_front = old.source.path() == new.source.path()
        && old.front_matter().is_some()
        && old.front_matter() == new.front_matter();
    same_front.then(|| entries[at] = Arc::clone(entry))
}

/// Ids of the entries left out as drafts, to explain why a reference to one fails.
#[derive(Debug, Default, Clone)]
pub struct Drafts {
    pub ids: HashMap<Collection, BTreeSet<String>>,
    /// What earlier stages already reported as errors, so that link does not report
    /// it again in other words.
    pub reported: Reported,
}

/// Files with errors, and the ids of those that gave no entry (lower-cased, so that
/// `Boston.md` explains a reference to `boston`). A reference to one of these is not
/// reported: the file's own error says what to fix.
#[derive(Debug, Default, Clone)]
pub struct Reported {
    pub unreadable: BTreeSet<(Collection, String)>,
    pub files: BTreeSet<std::path::PathBuf>,
}

impl Drafts {
    fn contains(&self, collection: Collection, id: &str) -> bool {
        self.ids
            .get(&collection)
            .is_some_and(|ids| ids.contains(id))
    }
}

/// Removes drafts unless they are wanted, remembering their ids.
pub fn drop_drafts(content: &mut Content, keep: bool) -> Drafts {
    let mut drafts = Drafts::default();
    if keep {
        return drafts;
    }
    let mut note = |collection, meta: &crate::content::model::Meta| {
        if meta.draft {
            drafts
                .ids
                .entry(collection)
                .or_default()
                .insert(meta.id.to_string());
        }
        !meta.draft
    };
    content.cities.retain(|e| note(Collection::Cities, &e.meta));
    content
        .programs
        .retain(|e| note(Collection::Programs, &e.meta));
    content
        .agreements
        .retain(|e| note(Collection::Agreements, &e.meta));
    content.pages.retain(|e| note(Collection::Pages, &e.meta));
    // A draft's translations are drafts too.
    (content.translations).retain(|t| !drafts.contains(t.collection, t.id.as_str()));
    drafts
}

/// Resolves every reference and builds the graph. Unresolved references are reported
/// and left out of the graph.
pub fn link(content: Content, config: Config, drafts: &Drafts) -> (Directory, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let index = Index::new(&content, &config, drafts);
    let found = &mut diagnostics;
    let mut city_links = resolve_each(&index, &content.cities, found, |r, c| r.city(c));
    let program_links = resolve_each(&index, &content.programs, found, |r, p| r.program(p));
    let agreement_links = resolve_each(&index, &content.agreements, found, |r, a| r.agreement(a));
    let metas: Vec<&Meta> = (content.cities.iter().map(|e| &e.meta))
        .chain(content.programs.iter().map(|e| &e.meta))
        .chain(content.agreements.iter().map(|e| &e.meta))
        .chain(content.pages.iter().map(|e| &e.meta))
        .collect();
    resolve_each(&index, &metas, found, |r, meta| {
        r.body_links(&meta.source, &meta.body)
    });
    let translated = resolve_each(&index, &content.translations, found, |r, t| {
        r.translation(t)
    });
    break_parent_loops(&content.cities, &mut city_links, &mut diagnostics);
    let side = side(&content.cities, &city_links, &index, &mut diagnostics);
    diagnostics.extend(config.unknown_notice_pages(|id| index.pages.contains_key(id.as_str())));
    drop(index);
    let mut edges = Edges {
        areas: (config.areas.iter().cloned())
            .map(|area| AreaNode {
                area,
                cities: vec![],
                programs: vec![],
                agreements: vec![],
            })
            .collect(),
        city_links,
        program_links,
        agreement_links,
        countries: Vec::new(),
    };
    add_reverse_edges(&content, &mut edges, &side);
    let mut directory = Directory {
        config,
        cities: content.cities,
        programs: content.programs,
        agreements: content.agreements,
        pages: content.pages,
        city_links: Arc::new(edges.city_links),
        program_links: Arc::new(edges.program_links),
        agreement_links: Arc::new(edges.agreement_links),
        areas: Arc::new(edges.areas),
        countries: Arc::new(edges.countries),
        translations: Arc::default(),
        side: Arc::new(side),
    };
    let mut translations = Translations::new();
    for (translation, position) in content.translations.into_iter().zip(translated) {
        let Some(position) = position else { continue };
        for unmatched in unmatched_items(&directory, &translation, position) {
            diagnostics.push(unmatched);
        }
        let key = (translation.collection, position);
        translations.entry(key).or_default().push(translation);
    }
    directory.translations = Arc::new(translations);
    (directory, diagnostics)
}

/// The edges of a directory while [`link`] adds them, before they are shared.
struct Edges {
    city_links: Vec<CityLinks>,
    program_links: Vec<ProgramLinks>,
    agreement_links: Vec<AgreementLinks>,
    areas: Vec<AreaNode>,
    countries: Vec<CountryNode>,
}

/// The entry links in `bodies` that lead nowhere, reported as [`link`] reports them,
/// against the entries of `d` and the `drafts` left out of it.
pub fn check_body_links(d: &Directory, drafts: &Drafts, bodies: &[&Meta]) -> Diagnostics {
    let mut found = Diagnostics::new();
    let mut resolver = Resolver {
        index: &Sorted { d, drafts },
        diagnostics: &mut found,
    };
    for meta in bodies {
        resolver.body_links(&meta.source, &meta.body);
    }
    found
}

/// `resolve` applied to each item, in parallel (on one core, resolving took a third of
/// a second at 100,000 cities). The diagnostics come in item order, as they would one
/// item after another.
fn resolve_each<T: Sync, L: Send>(
    index: &Index,
    items: &[T],
    diagnostics: &mut Diagnostics,
    resolve: impl Fn(&mut Resolver, &T) -> L + Sync,
) -> Vec<L> {
    let resolved: Vec<(L, Diagnostics)> = items
        .par_iter()
        .map(|item| {
            let mut found = Diagnostics::new();
            let resolver = &mut Resolver {
                index,
                diagnostics: &mut found,
            };
            (resolve(resolver, item), found)
        })
        .collect();
    let mut links = Vec::with_capacity(resolved.len());
    for (item_links, found) in resolved {
        links.push(item_links);
        diagnostics.extend(found);
    }
    links
}

impl<'a> Index<'a> {
    fn new(content: &'a Content, config: &'a Config, drafts: &'a Drafts) -> Self {
        fn ids<'a, T, H>(
            items: &'a [T],
            id: impl Fn(&'a T) -> &'a str,
            handle: impl Fn(u32) -> H,
        ) -> HashMap<&'a str, H> {
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (id(item), handle(i as u32)))
                .collect()
        }
        // In parallel: one after another they kept the other core idle (some 0.1 s of a
        // 100,000-city link stage).
        let ((cities, programs), agreements) = rayon::join(
            || {
                rayon::join(
                    || ids(&content.cities, |c| c.meta.id.as_str(), CityIx),
                    || ids(&content.programs, |p| p.meta.id.as_str(), ProgramIx),
                )
            },
            || ids(&content.agreements, |a| a.meta.id.as_str(), |i| i),
        );
        Self {
            cities,
            programs,
            agreements,
            pages: ids(&content.pages, |p| p.meta.id.as_str(), |i| i),
            areas: ids(&config.areas, |a| a.id.as_str(), AreaIx),
            drafts,
            config,
        }
    }
}

/// Which ids each collection has, for the references that name no entry: an [`Index`]
/// while linking, or a directory's collections when a few bodies are checked again.
trait Lookup {
    fn contains(&self, collection: Collection, id: &str) -> bool;
    /// Every id of the collection, sorted.
    fn ids(&self, collection: Collection) -> Vec<&str>;
    fn drafts(&self) -> &Drafts;
}

impl Lookup for Index<'_> {
    fn contains(&self, collection: Collection, id: &str) -> bool {
        match collection {
            Collection::Cities => self.cities.contains_key(id),
            Collection::Programs => self.programs.contains_key(id),
            Collection::Agreements => self.agreements.contains_key(id),
            Collection::Pages => self.pages.contains_key(id),
        }
    }

    fn ids(&self, collection: Collection) -> Vec<&str> {
        let mut ids: Vec<&str> = match collection {
            Collection::Cities => self.cities.keys().copied().collect(),
            Collection::Programs => self.programs.keys().copied().collect(),
            Collection::Agreements => self.agreements.keys().copied().collect(),
            Collection::Pages => self.pages.keys().copied().collect(),
        };
        ids.sort_unstable();
        ids
    }

    fn drafts(&self) -> &Drafts {
        self.drafts
    }
}

/// The ids of a directory, found by binary search in its collections (in id order):
/// checking a few bodies needs no index of every id.
struct Sorted<'a> {
    d: &'a Directory,
    drafts: &'a Drafts,
}

impl Sorted<'_> {
    fn ids_of<T>(entries: &[Arc<T>], meta: fn(&T) -> &Meta) -> Vec<&str> {
        entries.iter().map(|e| meta(e).id.as_str()).collect()
    }

    fn search<T>(entries: &[Arc<T>], meta: fn(&T) -> &Meta, id: &str) -> bool {
        (entries.binary_search_by(|e| meta(e).id.as_str().cmp(id))).is_ok()
    }
}

impl Lookup for Sorted<'_> {
    fn contains(&self, collection: Collection, id: &str) -> bool {
        let d = self.d;
        match collection {
            Collection::Cities => Self::search(&d.cities, |c| &c.meta, id),
            Collection::Programs => Self::search(&d.programs, |p| &p.meta, id),
            Collection::Agreements => Self::search(&d.agreements, |a| &a.meta, id),
            Collection::Pages => Self::search(&d.pages, |p| &p.meta, id),
        }
    }

    fn ids(&self, collection: Collection) -> Vec<&str> {
        let d = self.d;
        match collection {
            Collection::Cities => Self::ids_of(&d.cities, |c| &c.meta),
            Collection::Programs => Self::ids_of(&d.programs, |p| &p.meta),
            Collection::Agreements => Self::ids_of(&d.agreements, |a| &a.meta),
            Collection::Pages => Self::ids_of(&d.pages, |p| &p.meta),
        }
    }

    fn drafts(&self) -> &Drafts {
        self.drafts
    }
}

/// Looks references up, reporting those that do not resolve.
struct Resolver<'i, 'd, L = Index<'i>> {
    index: &'i L,
    diagnostics: &'d mut Diagnostics,
}

impl<L: Lookup> Resolver<'_, '_, L> {
    /// An id that names no entry; `field` is `None` for a link in a body.
    fn unknown(
        &mut self,
        file: &EntrySource,
        field: Option<&str>,
        collection: Collection,
        id: &str,
        span: Range<usize>,
    ) {
        let drafts = self.index.drafts();
        if (drafts.reported.unreadable).contains(&(collection, id.to_lowercase())) {
            return;
        }
        let noun = match collection {
            Collection::Cities => "city",
            Collection::Programs => "program",
            Collection::Agreements => "agreement",
            Collection::Pages => "page",
        };
        let help = if drafts.contains(collection, id) {
            format!("`{id}` is a draft: publish it (remove `draft: true`) or build with `--drafts`")
        } else {
            match closest(id, self.index.ids(collection)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "add content/{}/{id}.md, or correct the id",
                    collection.folder()
                ),
            }
        };
        let (code, message) = match field {
            Some(field) => (
                codes::UNKNOWN_REFERENCE,
                format!("`{field}` names unknown {noun} `{id}`"),
            ),
            None => (codes::BROKEN_LINK, format!("link to unknown {noun} `{id}`")),
        };
        self.diagnostics.push(
            Diagnostic::new(code, message)
                .at(&file.file(), span, format!("no {noun} with this id"))
                .help(help),
        );
    }

    /// Reports the entry links (`[text](@cities/kyoto)`) of a body that lead nowhere.
    fn body_links(&mut self, source: &EntrySource, body: &Body) {
        for link in &body.links {
            let Some(collection) = link.collection else {
                let file = source.file();
                let written = file.text.get(link.span.clone()).unwrap_or("");
                self.diagnostics.push(
                    Diagnostic::new(codes::BROKEN_LINK, format!("`{written}` is not a link to an entry"))
                        .at(&file, link.span.clone(), "unknown collection")
                        .help("entry links are written `@cities/<id>`, `@programs/<id>`, `@agreements/<id>` or `@pages/<id>`"),
                );
                continue;
            };
            if !self.index.contains(collection, &link.id) {
                self.unknown(source, None, collection, &link.id, link.span.clone());
            }
        }
    }
}

impl Resolver<'_, '_> {
    fn city_ref(&mut self, file: &EntrySource, field: &str, r: &Ref) -> Option<CityIx> {
        let found = self.index.cities.get(r.id.as_str()).copied();
        if found.is_none() {
            self.unknown(
                file,
                Some(field),
                Collection::Cities,
                r.id.as_str(),
                r.span.clone(),
            );
        }
        found
    }

    fn city_refs(&mut self, file: &EntrySource, field: &str, refs: &[Ref]) -> Vec<CityIx> {
        refs.iter()
            .filter_map(|r| self.city_ref(file, field, r))
            .collect()
    }

    fn areas(&mut self, file: &EntrySource, refs: &[Ref]) -> Vec<AreaIx> {
        let mut found = Vec::with_capacity(refs.len());
        for r in refs {
            match self.index.areas.get(r.id.as_str()) {
                Some(&ix) if !found.contains(&ix) => found.push(ix),
                Some(_) => {}
                None => {
                    let known: Vec<&str> = self.index.areas.keys().copied().collect();
                    let help = match closest(r.id.as_str(), known.iter().copied()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => {
                            let mut known = known;
                            known.sort_unstable();
                            format!("the site's areas are: {}", known.join(", "))
                        }
                    };
                    self.diagnostics.push(
                        Diagnostic::new(
                            codes::UNKNOWN_AREA,
                            format!("unknown engagement area `{}`", r.id),
                        )
                        .at(&file.file(), r.span.clone(), "not an area of this site")
                        .help(help),
                    );
                }
            }
        }
        found.sort_unstable();
        found
    }

    fn city(&mut self, city: &City) -> CityLinks {
        let file = &city.meta.source;
        CityLinks {
            parent: city
                .parent
                .as_ref()
                .and_then(|p| self.city_ref(file, "parent", p)),
            areas: self.areas(file, &city.areas),
            ..CityLinks::default()
        }
    }

    fn program(&mut self, program: &Program) -> ProgramLinks {
        let file = &program.meta.source;
        let lead = program
            .lead
            .as_ref()
            .and_then(|l| self.city_ref(file, "lead", l));
        let mut participants = self.city_refs(file, "participants", &program.participants);
        participants.dedup();
        ProgramLinks {
            lead,
            participants,
            areas: self.areas(file, &program.areas),
            ..ProgramLinks::default()
        }
    }

    fn agreement(&mut self, agreement: &Agreement) -> AgreementLinks {
        let file = &agreement.meta.source;
        let parties = self.city_refs(file, "parties", &agreement.parties);
        self.check_parties(agreement, &parties);
        let programs = agreement
            .programs
            .iter()
            .filter_map(|r| {
                let found = self.index.programs.get(r.id.as_str()).copied();
                if found.is_none() {
                    self.unknown(
                        file,
                        Some("programs"),
                        Collection::Programs,
                        r.id.as_str(),
                        r.span.clone(),
                    );
                }
                found
            })
            .collect();
        let history_by = agreement
            .history
            .iter()
            .map(|h| {
                let r = h.by.as_ref()?;
                let party = self.city_ref(file, "history.by", r)?;
                if !parties.contains(&party) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            codes::PARTY_REFERENCE,
                            format!("`by: {}` is not a party of this agreement", r.id),
                        )
                        .at(&file.file(), r.span.clone(), "not among `parties`")
                        .help(format!("use one of the parties: {}", party_list(agreement))),
                    );
                }
                Some(party)
            })
            .collect();
        let mut parties = parties;
        parties.dedup();
        AgreementLinks {
            parties,
            programs,
            areas: self.areas(file, &agreement.areas),
            history_by,
        }
    }

    /// Two or more distinct parties; a city is not its own partner.
    fn check_parties(&mut self, agreement: &Agreement, resolved: &[CityIx]) {
        let file = &agreement.meta.source;
        let mut seen: Vec<&str> = Vec::new();
        for party in &agreement.parties {
            if seen.contains(&party.id.as_str()) {
                self.diagnostics.push(
                    Diagnostic::new(
                        codes::PARTIES,
                        format!("`{}` is listed twice among the parties", party.id),
                    )
                    .at(&file.file(), party.span.clone(), "listed again here")
                    .help("a city cannot be partnered with itself; list each party once"),
                );
            }
            seen.push(party.id.as_str());
        }
        let distinct = seen.iter().collect::<BTreeSet<_>>().len();
        // A party written wrong is already reported, and missing from `parties`.
        let complete = !self.index.drafts.reported.files.contains(file.path());
        if distinct < 2 && resolved.len() == agreement.parties.len() && complete {
            let span = agreement.parties.first().map_or(0..0, |p| p.span.clone());
            self.diagnostics.push(
                Diagnostic::new(
                    codes::PARTIES,
                    format!("an agreement needs two or more distinct parties, found {distinct}"),
                )
                .at(&file.file(), span, "the only party")
                .help("add the partner's id: `parties: [chemnitz, lodz]`"),
            );
        }
    }

    /// The position of the entry a translation translates, reporting a translation
    /// without one, and the links of its body.
    fn translation(&mut self, t: &Translation) -> Option<u32> {
        self.body_links(&t.source, &t.body);
        let index = self.index;
        let position = match t.collection {
            Collection::Cities => index.cities.get(t.id.as_str()).map(|ix| ix.0),
            Collection::Programs => index.programs.get(t.id.as_str()).map(|ix| ix.0),
            Collection::Agreements => index.agreements.get(t.id.as_str()).copied(),
            Collection::Pages => index.pages.get(t.id.as_str()).copied(),
        };
        let id = t.id.as_str();
        let known =
            |set: &BTreeSet<(Collection, String)>| set.contains(&(t.collection, id.to_owned()));
        if position.is_none()
            && !known(&index.drafts.reported.unreadable)
            && !index.drafts.contains(t.collection, id)
        {
            let folder = t.collection.folder();
            let help = match closest(id, index.ids(t.collection)) {
                Some(near) => format!("ids are the same in every language: did you mean `{near}`?"),
                None => format!(
                    "write the entry in the site's default language first, as content/{folder}/{id}.md"
                ),
            };
            self.diagnostics.push(
                Diagnostic::new(
                    codes::TRANSLATION_ORIGINAL,
                    format!("translation of `{id}`, but there is no content/{folder}/{id}.md"),
                )
                .in_file(t.source.path())
                .help(help),
            );
        }
        position
    }
}

/// The history notes and source titles of a translation that match no item of the
/// entry (only agreements have history).
fn unmatched_items(d: &Directory, t: &Translation, position: u32) -> Vec<Diagnostic> {
    let history = match t.collection {
        Collection::Agreements => &d.agreements[position as usize].history[..],
        _ => &[],
    };
    let own_sources = &d.meta(t.collection, position).sources;
    let notes = (t.notes.iter())
        .filter(|n| !history.iter().any(|h| h.date == n.date && h.event == n.event))
        .map(|n| {
            let date = n.date.map_or("no date".to_owned(), |d| d.to_string());
            Diagnostic::new(
                codes::TRANSLATION_MATCH,
                format!("the translated note of a `{}` event of {date} matches no event of the agreement", n.event.as_str()),
            )
            .at(&t.source.file(), n.span.clone(), "no such event")
            .help("history notes are matched by `date` and `event`: write them as the agreement's history has them")
        });
    let sources = (t.source_titles.iter())
        .filter(|s| !own_sources.iter().any(|own| own.url == s.url))
        .map(|s| {
            let singular = t.collection.singular();
            Diagnostic::new(
                codes::TRANSLATION_MATCH,
                format!(
                    "the translated title of source `{}` matches no source of the {singular}",
                    s.url
                ),
            )
            .at(&t.source.file(), s.span.clone(), "no such source")
            .help(format!(
                "source titles are matched by `url`: write it as the {singular}'s `sources` has it"
            ))
        });
    notes.chain(sources).collect()
}

/// The distinct party ids of an agreement, as written.
fn party_list(agreement: &Agreement) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for party in &agreement.parties {
        if !ids.contains(&party.id.as_str()) {
            ids.push(party.id.as_str());
        }
    }
    ids.join(", ")
}

/// Our side: the cities `home:` names (reporting ids that name none), with the cities
/// below them and those of its countries.
fn side(
    cities: &[Arc<City>],
    links: &[CityLinks],
    index: &Index,
    diagnostics: &mut Diagnostics,
) -> Side {
    let Some(home) = &index.config.home else {
        return Side::undeclared(cities.len());
    };
    let mut home_cities = Vec::new();
    let mut countries = Vec::new();
    for place in &home.places {
        match &place.kind {
            HomeKind::Country(code) => countries.push(*code),
            HomeKind::City(id) => match index.cities.get(id.as_str()) {
                Some(&city) => home_cities.push(city),
                None => diagnostics.push(unknown_home(id.as_str(), place, home, index)),
            },
        }
    }
    let parents: Vec<Option<CityIx>> = links.iter().map(|l| l.parent).collect();
    let city_countries: Vec<CountryCode> = cities.iter().map(|c| c.country).collect();
    Side::new(&home_cities, &countries, &parents, &city_countries)
}

fn unknown_home(id: &str, place: &HomePlace, home: &Home, index: &Index) -> Diagnostic {
    let upper = id.to_ascii_uppercase();
    let help = match CountryCode::parse(&upper) {
        Some(code) if id.len() == 2 => format!(
            "a country is written in capitals: `{upper}` ({})",
            code.name()
        ),
        _ if index.drafts.contains(Collection::Cities, id) => {
            format!("`{id}` is a draft: publish it (remove `draft: true`) or build with `--drafts`")
        }
        _ => match closest(id, index.ids(Collection::Cities)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("add content/cities/{id}.md, or name a city of the directory"),
        },
    };
    Diagnostic::new(codes::CONFIG, format!("`home` names unknown city `{id}`"))
        .at(&home.file, place.span.clone(), "no city with this id")
        .help(help)
}

/// Reports each `parent` loop once and cuts it, so that later stages can follow
/// parents without looping.
fn break_parent_loops(
    cities: &[Arc<City>],
    links: &mut [CityLinks],
    diagnostics: &mut Diagnostics,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unvisited,
        OnPath,
        Done,
    }
    let mut state = vec![State::Unvisited; cities.len()];
    for start in 0..cities.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(i) = current {
            match state[i] {
                State::Done => break,
                State::OnPath => {
                    let cycle_start = path.iter().position(|&p| p == i).unwrap_or(0);
                    report_loop(cities, &path[cycle_start..], diagnostics);
                    links[*path.last().unwrap_or(&i)].parent = None;
                    break;
                }
                State::Unvisited => {
                    state[i] = State::OnPath;
                    path.push(i);
                    current = links[i].parent.map(CityIx::index);
                }
            }
        }
        for i in path {
            state[i] = State::Done;
        }
    }
}

fn report_loop(cities: &[Arc<City>], cycle: &[usize], diagnostics: &mut Diagnostics) {
    let names: Vec<&str> = cycle
        .iter()
        .map(|&i| cities[i].meta.id.as_str())
        .chain(cycle.first().map(|&i| cities[i].meta.id.as_str()))
        .collect();
    let first = &cities[cycle[0]];
    let span = first.parent.as_ref().map_or(0..0, |p| p.span.clone());
    let mut diagnostic = Diagnostic::new(codes::PARENT_LOOP, format!("`parent` loops: {}", names.join(" → ")))
        .at(&first.meta.source.file(), span, "this parent leads back here")
        .help("a place's parent is the larger region it belongs to; remove the `parent` that closes the loop");
    for &i in &cycle[1..] {
        if let Some(p) = &cities[i].parent {
            diagnostic = diagnostic.also(Label::new(
                &cities[i].meta.source.file(),
                p.span.clone(),
                "continues the loop",
            ));
        }
    }
    diagnostics.push(diagnostic);
}

/// Fills in the reverse edges (city → agreements, area → entries, countries) from the
/// forward ones, in one pass over each collection.
fn add_reverse_edges(content: &Content, d: &mut Edges, side: &Side) {
    let mut countries: HashMap<CountryCode, CountryIx> = HashMap::new();
    let mut country_nodes: Vec<CountryNode> = Vec::new();
    let mut country_of = |code: CountryCode, nodes: &mut Vec<CountryNode>| -> CountryIx {
        *countries.entry(code).or_insert_with(|| {
            nodes.push(CountryNode {
                code,
                cities: vec![],
                partner_countries: vec![],
                agreements: vec![],
                programs: vec![],
            });
            CountryIx(nodes.len() as u32 - 1)
        })
    };
    for (i, city) in content.cities.iter().enumerate() {
        let ix = CityIx(i as u32);
        let country = country_of(city.country, &mut country_nodes);
        d.city_links[i].country = Some(country);
        country_nodes[country.index()].cities.push(ix);
        if let Some(parent) = d.city_links[i].parent {
            d.city_links[parent.index()].children.push(ix);
        }
    }
    for (i, program) in content.programs.iter().enumerate() {
        let ix = ProgramIx(i as u32);
        let links = &d.program_links[i];
        let mut members: Vec<CityIx> = links
            .lead
            .into_iter()
            .chain(links.participants.iter().copied())
            .collect();
        members.sort_unstable();
        members.dedup();
        let mut targeted: Vec<CountryIx> = program
            .countries
            .iter()
            .map(|&c| country_of(c, &mut country_nodes))
            .collect();
        targeted.extend(
            members
                .iter()
                .filter_map(|&m| d.city_links[m.index()].country),
        );
        targeted.sort_unstable();
        targeted.dedup();
        for &m in &members {
            d.city_links[m.index()].programs.push(ix);
        }
        for &c in &targeted {
            country_nodes[c.index()].programs.push(ix);
        }
        d.program_links[i].countries = program
            .countries
            .iter()
            .map(|&c| country_of(c, &mut country_nodes))
            .collect();
        for &area in &d.program_links[i].areas {
            d.areas[area.index()].programs.push(ix);
        }
    }
    for i in 0..content.agreements.len() {
        link_agreement(d, AgreementIx(i as u32), &mut country_nodes, side);
    }
    finish_cities(content, d);
    for node in &mut country_nodes {
        node.partner_countries.sort_unstable();
        node.partner_countries.dedup();
        node.agreements.sort_unstable();
        node.agreements.dedup();
    }
    sort_countries(d, country_nodes);
}

fn link_agreement(d: &mut Edges, ix: AgreementIx, country_nodes: &mut [CountryNode], side: &Side) {
    let links = &d.agreement_links[ix.index()];
    for &program in &links.programs {
        d.program_links[program.index()].agreements.push(ix);
    }
    for &area in &links.areas {
        d.areas[area.index()].agreements.push(ix);
    }
    let parties = links.parties.clone();
    for &party in &parties {
        let city = &mut d.city_links[party.index()];
        city.agreements.push(ix);
        for &other in parties.iter().filter(|&&o| o != party) {
            let list = match side.partners(party, other) {
                true => &mut city.partners,
                false => &mut city.co_signatories,
            };
            match list.iter_mut().find(|p| p.city == other) {
                Some(partner) => partner.agreements.push(ix),
                None => list.push(Partner {
                    city: other,
                    agreements: vec![ix],
                }),
            }
        }
    }
    let country = |p: &CityIx| d.city_links[p.index()].country;
    for &party in &parties {
        let Some(c) = country(&party) else { continue };
        let node = &mut country_nodes[c.index()];
        node.agreements.push(ix);
        let partners = parties.iter().filter(|&&o| side.partners(party, o));
        node.partner_countries
            .extend(partners.filter_map(country).filter(|&o| o != c));
    }
}

/// Effective areas, area → cities, and a stable order for every list. The cities are
/// finished in parallel (on one core, some 0.16 s more of a 100,000-city link stage);
/// only filling in the areas' cities goes one city after another.
fn finish_cities(content: &Content, d: &mut Edges) {
    let Content {
        cities,
        programs,
        agreements,
        ..
    } = content;
    let Edges {
        city_links,
        program_links,
        agreement_links,
        areas,
        ..
    } = d;
    let city_keys: Vec<String> = cities.par_iter().map(|c| sort_key(&c.name)).collect();
    let program_keys: Vec<String> = programs.par_iter().map(|p| sort_key(&p.title)).collect();
    let agreement_key = |a: &AgreementIx| {
        let agreement = &agreements[a.index()];
        (agreement.signed, agreement.meta.id.as_str())
    };
    city_links.par_iter_mut().for_each(|links| {
        let mut effective = links.areas.clone();
        effective.extend(
            (links.agreements.iter())
                .flat_map(|a| agreement_links[a.index()].areas.iter().copied()),
        );
        effective.extend(
            (links.programs.iter()).flat_map(|p| program_links[p.index()].areas.iter().copied()),
        );
        effective.sort_unstable();
        effective.dedup();
        links.effective_areas = effective;
        links
            .children
            .sort_by(|a, b| city_keys[a.index()].cmp(&city_keys[b.index()]));
        for partners in [&mut links.partners, &mut links.co_signatories] {
            partners.sort_by(|a, b| city_keys[a.city.index()].cmp(&city_keys[b.city.index()]));
        }
        links
            .agreements
            .sort_by(|a, b| agreement_key(a).cmp(&agreement_key(b)));
        links
            .programs
            .sort_by(|a, b| program_keys[a.index()].cmp(&program_keys[b.index()]));
        links.programs.dedup();
    });
    for (i, links) in city_links.iter().enumerate() {
        for &area in &links.effective_areas {
            areas[area.index()].cities.push(CityIx(i as u32));
        }
    }
}

fn sort_countries(d: &mut Edges, nodes: Vec<CountryNode>) {
    // Countries are discovered in content order; sort them by name and remap handles.
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by_key(|&i| (sort_key(nodes[i].code.name()), nodes[i].code));
    let mut new_index = vec![CountryIx(0); nodes.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = CountryIx(new as u32);
    }
    let remap = |c: &mut CountryIx| *c = new_index[c.index()];
    for links in &mut d.city_links {
        links.country.iter_mut().for_each(remap);
    }
    for links in &mut d.program_links {
        links.countries.iter_mut().for_each(remap);
    }
    let mut slots: Vec<Option<CountryNode>> = nodes.into_iter().map(Some).collect();
    d.countries = order.iter().filter_map(|&old| slots[old].take()).collect();
    for node in &mut d.countries {
        node.partner_countries.iter_mut().for_each(remap);
        node.partner_countries.sort_unstable();
    }
}

/// A sort key that files names as readers expect: Łódź under L, case ignored.
pub fn sort_key(name: &str) -> String {
    // Transliterated text is ASCII only, so lowering ASCII letters in place is the
    // whole of lowercasing it, without `to_lowercase`'s second string.
    let mut key = transliterate(name);
    key.make_ascii_lowercase();
    key
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use crate::load::RawDocument;

    #[test]
    fn sort_keys_are_transliterated_and_lowercase() {
        for name in [
            "Łódź",
            "İSTANBUL",
            "Ærø",
            "京都市",
            "Санкт-Петербург",
            "ǅemal",
        ] {
            let key = sort_key(name);
            assert!(key.is_ascii(), "{name} → {key}");
            assert_eq!(key, transliterate(name).to_lowercase(), "{name}");
        }
        assert_eq!(sort_key("Łódź"), "lodz");
    }

    fn config() -> Config {
        crate::config::parse("title: T\nbase_url: https://e.org/\n".into(), None).unwrap()
    }

    /// The linked directory of these `(collection, id, text)` files, which must parse.
    pub(crate) fn directory(files: &[(Collection, &str, &str)]) -> (Directory, Diagnostics) {
        directory_of(config(), files)
    }

    fn directory_of(
        config: Config,
        files: &[(Collection, &str, &str)],
    ) -> (Directory, Diagnostics) {
        let documents = files
            .iter()
            .map(|(collection, id, text)| RawDocument {
                collection: *collection,
                stem: (*id).to_owned(),
                source: SourceFile::new(format!("content/{}/{id}.md", collection.folder()), *text),
                reread_from: None,
            })
            .collect();
        let (content, found) = crate::content::parse::parse(documents, &config);
        assert!(
            !found.has_errors(),
            "{}",
            crate::diagnostics::render::human(&found)
        );
        link(content, config, &Drafts::default())
    }

    pub(crate) fn city(name: &str, country: &str, extra: &str) -> String {
        format!("---\nname: {name}\ncountry: {country}\n{extra}---\n")
    }

    #[test]
    fn edges_exist_in_both_directions() {
        use Collection::*;
        let (d, found) = directory(&[
            (Cities, "a", &city("Aachen", "DE", "parent: nrw\n")),
            (Cities, "b", &city("Bruges", "BE", "")),
            (Cities, "c", &city("Cork", "IE", "areas: [public-health]\n")),
            (
                Cities,
                "nrw",
                &city("North Rhine-Westphalia", "DE", "level: state\n"),
            ),
            (
                Programs,
                "p",
                "---\ntitle: P\nkind: exchange\nlead: a\nparticipants: [c]\nareas: [urban-planning]\n---\n",
            ),
            (
                Agreements,
                "ab",
                "---\ntitle: AB\nkind: friendship\nparties: [a, b]\nareas: [cultural-exchange]\nprograms: [p]\n---\n",
            ),
            (
                Agreements,
                "abc",
                "---\ntitle: ABC\nkind: memorandum\nparties: [a, b, c]\n---\n",
            ),
        ]);
        assert!(found.is_empty());
        let ix = |id: &str| d.city_ix(id).unwrap();
        let a = &d.city_links[ix("a").index()];
        assert_eq!(a.parent, Some(ix("nrw")));
        assert_eq!(d.city_links[ix("nrw").index()].children, vec![ix("a")]);
        assert_eq!(a.agreements.len(), 2);
        let partners: Vec<_> = a
            .partners
            .iter()
            .map(|p| (d.city(p.city).name.as_str(), p.agreements.len()))
            .collect();
        assert_eq!(partners, [("Bruges", 2), ("Cork", 1)]);
        let area_names = |areas: &[AreaIx]| {
            areas
                .iter()
                .map(|&x| d.area(x).area.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            area_names(&a.effective_areas),
            ["cultural-exchange", "urban-planning"]
        );
        assert_eq!(d.program_links[0].agreements, vec![AgreementIx(0)]);
        let country_names: Vec<_> = d.countries.iter().map(|c| c.code.name()).collect();
        assert_eq!(country_names, ["Belgium", "Germany", "Ireland"]);
        let germany = &d.countries[1];
        assert_eq!(germany.cities.len(), 2);
        let partner_names: Vec<_> = germany
            .partner_countries
            .iter()
            .map(|&c| d.country(c).code.name())
            .collect();
        assert_eq!(partner_names, ["Belgium", "Ireland"]);
        assert_eq!(
            d.areas
                .iter()
                .find(|n| n.area.id.as_str() == "public-health")
                .unwrap()
                .cities,
            vec![ix("c")]
        );
    }

    #[test]
    fn partners_cross_the_sides_and_parties_on_one_side_are_co_signatories() {
        use Collection::*;
        let yaml = "title: T\nbase_url: https://e.org/\nhome: [sn]\n";
        let config = crate::config::parse(yaml.into(), None).unwrap();
        let (d, found) = directory_of(
            config,
            &[
                (Cities, "sn", &city("Saxony", "DE", "level: state\n")),
                (Cities, "dd", &city("Dresden", "DE", "parent: sn\n")),
                (Cities, "l", &city("Leipzig", "DE", "parent: sn\n")),
                (Cities, "ly", &city("Lyon", "FR", "")),
                (Cities, "wr", &city("Wroclaw", "PL", "")),
                (
                    Agreements,
                    "m",
                    "---\ntitle: M\nkind: memorandum\nparties: [l, dd, ly, wr]\n---\n",
                ),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
        let ix = |id: &str| d.city_ix(id).unwrap();
        let ids = |list: &[Partner]| -> Vec<String> {
            list.iter()
                .map(|p| d.city(p.city).meta.id.to_string())
                .collect()
        };
        let dresden = &d.city_links[ix("dd").index()];
        assert_eq!(ids(&dresden.partners), ["ly", "wr"]);
        assert_eq!(ids(&dresden.co_signatories), ["l"]);
        let lyon = &d.city_links[ix("ly").index()];
        assert_eq!(ids(&lyon.partners), ["dd", "l"]);
        assert_eq!(ids(&lyon.co_signatories), ["wr"]);
        // Germany's partner countries are France and Poland, not Germany; France's only
        // Germany.
        let names = |code: &str| -> Vec<&str> {
            let node = d
                .countries
                .iter()
                .find(|c| c.code.as_str() == code)
                .unwrap();
            node.partner_countries
                .iter()
                .map(|&c| d.country(c).code.as_str())
                .collect()
        };
        assert_eq!(names("DE"), ["FR", "PL"]);
        assert_eq!(names("FR"), ["DE"]);
        let abroad: Vec<CityIx> = d.partners_abroad().collect();
        assert_eq!(abroad, [ix("ly"), ix("wr")]);
    }

    #[test]
    fn parent_loops_are_reported_once_and_cut() {
        use Collection::*;
        let config = config();
        let documents = [("x", "y"), ("y", "z"), ("z", "x")]
            .iter()
            .map(|(id, parent)| RawDocument {
                collection: Cities,
                stem: (*id).to_owned(),
                source: SourceFile::new(
                    format!("content/cities/{id}.md"),
                    city(id, "DE", &format!("parent: {parent}\n")),
                ),
                reread_from: None,
            })
            .collect();
        let (content, _) = crate::content::parse::parse(documents, &config);
        let (d, found) = link(content, config, &Drafts::default());
        let messages: Vec<_> = found.iter().map(|d| d.message.clone()).collect();
        assert_eq!(messages, ["`parent` loops: x → y → z → x"]);
        assert_eq!(
            d.city_links.iter().filter(|l| l.parent.is_none()).count(),
            1
        );
    }
}

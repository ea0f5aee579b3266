//! What templates see: serializable views of the directory graph, as documented in
//! `docs/templates.md`. Views borrow from the [`Directory`]; they hold no logic beyond
//! following its edges and formatting values for people. Each view of an entry tells
//! [`touch`] that the page being made shows it. Keep this file and the document in
//! step.

use serde::Serialize;

use super::shown::{Entry, touch};
use crate::content::date::PartialDate;
use crate::content::markdown;
use crate::content::model::{Collection, Contact, ExternalIds, Location, Meta};
use crate::diagnostics::Diagnostic;
use crate::graph::{AgreementIx, AreaIx, CityIx, CountryIx, Directory, ProgramIx};

/// Builds views for one directory.
pub struct Views<'d> {
    pub d: &'d Directory,
}

/// The countries of `cities` and the codes in `more`, sorted, each once: an agreement's
/// parties, or a program's cities and target countries.
fn sorted_countries<'d, 'c>(
    d: &'d Directory,
    cities: impl IntoIterator<Item = &'c CityIx>,
    more: impl IntoIterator<Item = &'d str>,
) -> Vec<&'d str> {
    let mut codes: Vec<&str> = (cities.into_iter())
        .map(|&c| d.city(c).country.as_str())
        .chain(more)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

#[derive(Serialize)]
pub struct CountryLite<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct CityRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub level: &'static str,
    pub level_label: &'static str,
    pub country: CountryLite<'a>,
    pub summary: Option<&'a str>,
    pub areas: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct PartyLite<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct AgreementRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub signed: Option<String>,
    pub signed_human: Option<String>,
    pub year: Option<u16>,
    pub summary: Option<&'a str>,
    pub parties: Vec<PartyLite<'a>>,
    pub areas: Vec<&'a str>,
    pub countries: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct ProgramRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub start: Option<String>,
    pub end: Option<String>,
    pub start_human: Option<String>,
    pub end_human: Option<String>,
    pub summary: Option<&'a str>,
    pub areas: Vec<&'a str>,
    pub countries: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct AreaRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub description: Option<&'a str>,
}

#[derive(Serialize)]
pub struct CountryRef<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    pub cities: usize,
}

#[derive(Serialize)]
pub struct AreaSummary<'a> {
    #[serde(flatten)]
    pub area: AreaRef<'a>,
    pub cities: usize,
    pub programs: usize,
    pub agreements: usize,
}

#[derive(Serialize)]
pub struct CountrySummary<'a> {
    #[serde(flatten)]
    pub country: CountryRef<'a>,
    pub agreements: usize,
}

#[derive(Serialize)]
pub struct Partner<'a> {
    pub city: CityRef<'a>,
    pub agreements: Vec<AgreementRef<'a>>,
}

#[derive(Serialize)]
pub struct FormerNameView<'a> {
    pub name: &'a str,
    pub until: Option<String>,
    pub until_human: Option<String>,
}

#[derive(Serialize)]
pub struct NameView<'a> {
    pub lang: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct CityView<'a> {
    #[serde(flatten)]
    pub reference: CityRef<'a>,
    pub parent: Option<CityRef<'a>>,
    pub children: Vec<CityRef<'a>>,
    pub location: Option<Location>,
    pub population: Option<u64>,
    pub website: Option<&'a str>,
    pub names: Vec<NameView<'a>>,
    pub former_names: Vec<FormerNameView<'a>>,
    pub ids: &'a ExternalIds,
    pub contact: Option<&'a Contact>,
    pub declared_areas: Vec<AreaRef<'a>>,
    pub effective_areas: Vec<AreaRef<'a>>,
    pub partners: Vec<Partner<'a>>,
    pub agreements: Vec<AgreementRef<'a>>,
    pub programs: Vec<ProgramRef<'a>>,
    pub content: String,
    pub extra: &'a serde_json::Value,
    /// The partnership map; set by the renderer, which has the theme's words.
    pub map: Option<super::maps::MapView>,
}

#[derive(Serialize)]
pub struct HistoryView<'a> {
    pub date: Option<String>,
    pub date_human: Option<String>,
    pub event: &'static str,
    pub event_label: &'static str,
    pub by: Option<CityRef<'a>>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct AgreementView<'a> {
    #[serde(flatten)]
    pub reference: AgreementRefFull<'a>,
    pub expires: Option<String>,
    pub expires_human: Option<String>,
    pub history: Vec<HistoryView<'a>>,
    pub area_ids: Vec<&'a str>,
    pub areas: Vec<AreaRef<'a>>,
    pub programs: Vec<ProgramRef<'a>>,
    pub document: Option<&'a str>,
    pub signatories: &'a [crate::content::model::Signatory],
    pub sources: &'a [crate::content::model::Source],
    pub content: String,
    pub extra: &'a serde_json::Value,
}

/// An agreement reference whose parties are full city references.
#[derive(Serialize)]
pub struct AgreementRefFull<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub signed: Option<String>,
    pub signed_human: Option<String>,
    pub year: Option<u16>,
    pub summary: Option<&'a str>,
    pub parties: Vec<CityRef<'a>>,
    pub countries: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct ProgramView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub start: Option<String>,
    pub end: Option<String>,
    pub start_human: Option<String>,
    pub end_human: Option<String>,
    pub summary: Option<&'a str>,
    pub countries: Vec<&'a str>,
    pub area_ids: Vec<&'a str>,
    pub lead: Option<CityRef<'a>>,
    pub participants: Vec<CityRef<'a>>,
    pub target_countries: Vec<CountryRef<'a>>,
    pub areas: Vec<AreaRef<'a>>,
    pub agreements: Vec<AgreementRef<'a>>,
    pub website: Option<&'a str>,
    pub content: String,
    pub extra: &'a serde_json::Value,
}

#[derive(Serialize)]
pub struct AreaView<'a> {
    #[serde(flatten)]
    pub area: AreaRef<'a>,
    /// The area's Atom feed.
    pub feed: String,
    /// The first `page_size` of each (all of them on most sites); see `totals`.
    pub cities: Vec<CityRef<'a>>,
    pub programs: Vec<ProgramRef<'a>>,
    pub agreements: Vec<AgreementRef<'a>>,
    pub totals: Totals,
    pub all: FilteredLists,
    /// The map of the area's partnerships; set by the renderer.
    pub map: Option<super::maps::MapView>,
}

/// How many entries an area or country has, whether or not its page lists them all.
#[derive(Serialize)]
pub struct Totals {
    pub cities: usize,
    pub programs: usize,
    pub agreements: usize,
}

/// The addresses of the list pages filtered to one area or country, where the entries
/// a capped area or country page leaves out are found.
#[derive(Serialize)]
pub struct FilteredLists {
    pub cities: String,
    pub programs: String,
    pub agreements: String,
}

#[derive(Serialize)]
pub struct CountryView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    /// The first `page_size` of each (all of them on most sites); see `totals`.
    pub cities: Vec<CityRef<'a>>,
    pub agreements: Vec<AgreementRef<'a>>,
    pub programs: Vec<ProgramRef<'a>>,
    pub totals: Totals,
    pub all: FilteredLists,
    pub partner_countries: Vec<CountryRef<'a>>,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    pub content: String,
    pub extra: &'a serde_json::Value,
}

fn iso(date: Option<PartialDate>) -> Option<String> {
    date.map(|d| d.to_string())
}

/// The name of the country of `code` in the site's language.
pub fn country_name<'d>(d: &'d Directory, code: &str) -> &'d str {
    let english = || crate::content::country::name(code).unwrap_or_default();
    d.config.locale.country_name(code).unwrap_or_else(english)
}

impl<'d> Views<'d> {
    pub fn new(d: &'d Directory) -> Self {
        Self { d }
    }

    /// A date for people, as precise as it is known, in the site's language.
    fn human(&self, date: Option<PartialDate>) -> Option<String> {
        date.map(|date| self.d.config.locale.date(date))
    }

    fn entry_url(&self, collection: Collection, meta: &Meta) -> String {
        self.d.config.urls.entry(collection, meta.id.as_str())
    }

    fn area_ids(&self, areas: &[AreaIx]) -> Vec<&'d str> {
        let d = self.d;
        areas.iter().map(|&a| d.area(a).area.id.as_str()).collect()
    }

    pub fn country_lite(&self, ix: CityIx) -> CountryLite<'d> {
        let code = &self.d.city(ix).country;
        let country = (self.d.city_links[ix.index()].country)
            .expect("the link stage gives every city its country");
        CountryLite {
            code: code.as_str(),
            name: country_name(self.d, code.as_str()),
            url: self.country_url(country),
        }
    }

    pub fn city_ref(&self, ix: CityIx) -> CityRef<'d> {
        touch(Entry::City(ix));
        let city = self.d.city(ix);
        let links = &self.d.city_links[ix.index()];
        CityRef {
            id: city.meta.id.as_str(),
            name: &city.name,
            url: self.entry_url(Collection::Cities, &city.meta),
            level: city.level.as_str(),
            level_label: city.level.label(),
            country: self.country_lite(ix),
            summary: city.meta.summary.as_deref(),
            areas: self.area_ids(&links.effective_areas),
        }
    }

    fn party(&self, ix: CityIx) -> PartyLite<'d> {
        touch(Entry::City(ix));
        let city = self.d.city(ix);
        PartyLite {
            id: city.meta.id.as_str(),
            name: &city.name,
            url: self.entry_url(Collection::Cities, &city.meta),
        }
    }

    pub fn agreement_ref(&self, ix: AgreementIx) -> AgreementRef<'d> {
        touch(Entry::Agreement(ix));
        let a = self.d.agreement(ix);
        let links = &self.d.agreement_links[ix.index()];
        AgreementRef {
            id: a.meta.id.as_str(),
            title: &a.title,
            url: self.entry_url(Collection::Agreements, &a.meta),
            kind: a.kind.as_str(),
            kind_label: a.kind.label(),
            status: a.status.as_str(),
            status_label: a.status.label(),
            signed: iso(a.signed),
            signed_human: self.human(a.signed),
            year: a.signed.map(|d| d.year()),
            summary: a.meta.summary.as_deref(),
            parties: links.parties.iter().map(|&p| self.party(p)).collect(),
            areas: self.area_ids(&links.areas),
            countries: sorted_countries(self.d, &links.parties, []),
        }
    }

    pub fn program_ref(&self, ix: ProgramIx) -> ProgramRef<'d> {
        touch(Entry::Program(ix));
        let p = self.d.program(ix);
        let links = &self.d.program_links[ix.index()];
        let cities = links.lead.iter().chain(&links.participants);
        ProgramRef {
            id: p.meta.id.as_str(),
            title: &p.title,
            url: self.entry_url(Collection::Programs, &p.meta),
            kind: p.kind.as_str(),
            kind_label: p.kind.label(),
            status: p.status.as_str(),
            status_label: p.status.label(),
            start: iso(p.start),
            end: iso(p.end),
            start_human: self.human(p.start),
            end_human: self.human(p.end),
            summary: p.meta.summary.as_deref(),
            areas: self.area_ids(&links.areas),
            countries: sorted_countries(self.d, cities, p.countries.iter().map(|c| c.as_str())),
        }
    }

    pub fn area_ref(&self, ix: AreaIx) -> AreaRef<'d> {
        let area = &self.d.area(ix).area;
        AreaRef {
            id: area.id.as_str(),
            name: &area.name,
            url: self.d.config.urls.area(area.id.as_str()),
            description: area.description.as_deref(),
        }
    }

    pub fn area_summary(&self, ix: AreaIx) -> AreaSummary<'d> {
        touch(Entry::Area(ix));
        let node = self.d.area(ix);
        AreaSummary {
            area: self.area_ref(ix),
            cities: node.cities.len(),
            programs: node.programs.len(),
            agreements: node.agreements.len(),
        }
    }

    pub fn country_ref(&self, ix: CountryIx) -> CountryRef<'d> {
        touch(Entry::Country(ix));
        let node = self.d.country(ix);
        CountryRef {
            code: node.code.as_str(),
            name: country_name(self.d, node.code.as_str()),
            url: self.country_url(ix),
            cities: node.cities.len(),
        }
    }

    fn country_url(&self, ix: CountryIx) -> String {
        (self.d.config.urls).country(&self.d.country(ix).code.slug())
    }

    pub fn country_summary(&self, ix: CountryIx) -> CountrySummary<'d> {
        CountrySummary {
            country: self.country_ref(ix),
            agreements: self.d.country(ix).agreements.len(),
        }
    }

    /// An entry's body as its page shows it: HTML, made here because only its own page
    /// shows it (see [`crate::content::model::Body`]). An error when the body is read
    /// again from a file that changed since it was checked.
    fn body(&self, meta: &'d Meta) -> Result<String, Diagnostic> {
        let config = &self.d.config;
        let text = meta.body_text()?;
        Ok(markdown::to_html(&text, config.allow_html, &config.urls))
    }

    pub fn city(&self, ix: CityIx) -> Result<CityView<'d>, Diagnostic> {
        let city = self.d.city(ix);
        let links = &self.d.city_links[ix.index()];
        Ok(CityView {
            reference: self.city_ref(ix),
            parent: links.parent.map(|p| self.city_ref(p)),
            children: links.children.iter().map(|&c| self.city_ref(c)).collect(),
            location: city.location,
            population: city.population,
            website: city.website.as_deref(),
            names: city
                .names
                .iter()
                .map(|(lang, name)| NameView { lang, name })
                .collect(),
            former_names: city
                .former_names
                .iter()
                .map(|f| FormerNameView {
                    name: &f.name,
                    until: iso(f.until),
                    until_human: self.human(f.until),
                })
                .collect(),
            ids: &city.ids,
            contact: city.contact.as_ref(),
            declared_areas: links.areas.iter().map(|&a| self.area_ref(a)).collect(),
            effective_areas: links
                .effective_areas
                .iter()
                .map(|&a| self.area_ref(a))
                .collect(),
            partners: links
                .partners
                .iter()
                .map(|p| Partner {
                    city: self.city_ref(p.city),
                    agreements: p
                        .agreements
                        .iter()
                        .map(|&a| self.agreement_ref(a))
                        .collect(),
                })
                .collect(),
            agreements: links
                .agreements
                .iter()
                .map(|&a| self.agreement_ref(a))
                .collect(),
            programs: links
                .programs
                .iter()
                .map(|&p| self.program_ref(p))
                .collect(),
            content: self.body(&city.meta)?,
            extra: &city.meta.extra,
            map: None,
        })
    }

    pub fn agreement(&self, ix: AgreementIx) -> Result<AgreementView<'d>, Diagnostic> {
        let a = self.d.agreement(ix);
        let links = &self.d.agreement_links[ix.index()];
        let reference = self.agreement_ref(ix);
        Ok(AgreementView {
            reference: AgreementRefFull {
                id: reference.id,
                title: reference.title,
                url: reference.url,
                kind: reference.kind,
                kind_label: reference.kind_label,
                status: reference.status,
                status_label: reference.status_label,
                signed: reference.signed,
                signed_human: reference.signed_human,
                year: reference.year,
                summary: reference.summary,
                parties: links.parties.iter().map(|&p| self.city_ref(p)).collect(),
                countries: reference.countries,
            },
            expires: iso(a.expires),
            expires_human: self.human(a.expires),
            history: a
                .history
                .iter()
                .zip(&links.history_by)
                .map(|(h, by)| HistoryView {
                    date: iso(h.date),
                    date_human: self.human(h.date),
                    event: h.event.as_str(),
                    event_label: h.event.label(),
                    by: by.map(|c| self.city_ref(c)),
                    note: h.note.as_deref(),
                })
                .collect(),
            area_ids: reference.areas,
            areas: links.areas.iter().map(|&x| self.area_ref(x)).collect(),
            programs: links
                .programs
                .iter()
                .map(|&p| self.program_ref(p))
                .collect(),
            document: a.document.as_deref(),
            signatories: &a.signatories,
            sources: &a.sources,
            content: self.body(&a.meta)?,
            extra: &a.meta.extra,
        })
    }

    pub fn program(&self, ix: ProgramIx) -> Result<ProgramView<'d>, Diagnostic> {
        let p = self.d.program(ix);
        let links = &self.d.program_links[ix.index()];
        let r = self.program_ref(ix);
        Ok(ProgramView {
            id: r.id,
            title: r.title,
            url: r.url,
            kind: r.kind,
            kind_label: r.kind_label,
            status: r.status,
            status_label: r.status_label,
            start: r.start,
            end: r.end,
            start_human: r.start_human,
            end_human: r.end_human,
            summary: r.summary,
            countries: r.countries,
            area_ids: r.areas,
            lead: links.lead.map(|c| self.city_ref(c)),
            participants: links
                .participants
                .iter()
                .map(|&c| self.city_ref(c))
                .collect(),
            target_countries: links
                .countries
                .iter()
                .map(|&c| self.country_ref(c))
                .collect(),
            areas: links.areas.iter().map(|&a| self.area_ref(a)).collect(),
            agreements: links
                .agreements
                .iter()
                .map(|&a| self.agreement_ref(a))
                .collect(),
            website: p.website.as_deref(),
            content: self.body(&p.meta)?,
            extra: &p.meta.extra,
        })
    }

    pub fn area(&self, ix: AreaIx) -> AreaView<'d> {
        touch(Entry::Area(ix));
        let node = self.d.area(ix);
        AreaView {
            area: self.area_ref(ix),
            feed: self
                .d
                .config
                .urls
                .path(&super::feeds::area_feed_path(node.area.id.as_str())),
            cities: self.capped(&node.cities, |c| self.city_ref(c)),
            programs: self.capped(&node.programs, |p| self.program_ref(p)),
            agreements: self.capped(&node.agreements, |a| self.agreement_ref(a)),
            totals: Totals {
                cities: node.cities.len(),
                programs: node.programs.len(),
                agreements: node.agreements.len(),
            },
            all: self.filtered_lists("area", node.area.id.as_str()),
            map: None,
        }
    }

    /// Views of the first `page_size` items: an area or a country of a large directory
    /// has tens of thousands of entries, which its list pages show page by page.
    fn capped<T: Copy, V>(&self, items: &[T], view: impl Fn(T) -> V) -> Vec<V> {
        let size = self.d.config.page_size;
        items.iter().take(size).map(|&item| view(item)).collect()
    }

    fn filtered_lists(&self, facet: &str, value: &str) -> FilteredLists {
        let urls = &self.d.config.urls;
        let list = |c| format!("{}?{facet}={value}", urls.list(c, 1));
        FilteredLists {
            cities: list(Collection::Cities),
            programs: list(Collection::Programs),
            agreements: list(Collection::Agreements),
        }
    }

    pub fn country(&self, ix: CountryIx) -> CountryView<'d> {
        touch(Entry::Country(ix));
        let node = self.d.country(ix);
        CountryView {
            code: node.code.as_str(),
            name: country_name(self.d, node.code.as_str()),
            url: self.d.config.urls.country(&node.code.slug()),
            cities: self.capped(&node.cities, |c| self.city_ref(c)),
            agreements: self.capped(&node.agreements, |a| self.agreement_ref(a)),
            programs: self.capped(&node.programs, |p| self.program_ref(p)),
            totals: Totals {
                cities: node.cities.len(),
                programs: node.programs.len(),
                agreements: node.agreements.len(),
            },
            all: self.filtered_lists("country", node.code.as_str()),
            partner_countries: node
                .partner_countries
                .iter()
                .map(|&c| self.country_ref(c))
                .collect(),
        }
    }

    pub fn page(&self, index: usize) -> Result<PageView<'d>, Diagnostic> {
        touch(Entry::Page(index as u32));
        let page = &self.d.pages[index];
        Ok(PageView {
            id: page.meta.id.as_str(),
            title: &page.title,
            url: self
                .d
                .config
                .urls
                .entry(Collection::Pages, page.meta.id.as_str()),
            summary: page.meta.summary.as_deref(),
            content: self.body(&page.meta)?,
            extra: &page.meta.extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{city, directory};

    #[test]
    fn references_list_their_areas_and_their_parties_countries_each_once() {
        use Collection::*;
        let agreement = |parties: &str, areas: &str| {
            format!(
                "---\ntitle: T\nkind: friendship\nparties: [{parties}]\nareas: [{areas}]\n---\n"
            )
        };
        let (d, _) = directory(&[
            (Cities, "a", &city("Aachen", "DE", "")),
            (Cities, "b", &city("Bruges", "BE", "")),
            (Cities, "c", &city("Cork", "IE", "")),
            (Cities, "d", &city("Dresden", "DE", "")),
            (
                Agreements,
                "ab",
                &agreement("a, b", "urban-planning, public-health"),
            ),
            (Agreements, "cad", &agreement("c, a, d", "public-health")),
        ]);
        let views = Views::new(&d);
        let shown = |ix: u32| {
            let r = views.agreement_ref(AgreementIx(ix));
            (r.countries, r.areas)
        };
        assert_eq!(
            shown(0),
            (vec!["BE", "DE"], vec!["public-health", "urban-planning"])
        );
        assert_eq!(shown(1), (vec!["DE", "IE"], vec!["public-health"]));
    }
}

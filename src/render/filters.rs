//! List filters: the facets of the city, agreement and program lists (engagement area,
//! country, level or kind, status, year), for the list pages' filter form, and the
//! compact per-collection `filter.json` that `static/filter.js` loads to filter a whole
//! collection in the browser.
//!
//! Input: the directory. Output: [`Facets`] for the templates and, per collection,
//! `<collection>/filter.json` (key tables and one column of indexes per facet).
//!
//! Invariants: a facet's options and the file's `keys` come from one [`Facet`], so the
//! n-th option of a `<select>` (after "all") is index n of its key table. Items are in
//! the list pages' order, so item `i` is card `i % page_size` of list page
//! `i / page_size + 1`: the script shows a match by taking that card from that page,
//! and its cards are the server's own. Filtering needs only `filter.json`: small
//! integers, about 19 bytes an item, so a directory of 100,000 cities filters from some
//! 1.9 MB before compression. Only values that occur are options. Facets are data: the
//! script, the form and the notice for visitors without JavaScript know no facet by
//! name. The shape is documented in `docs/templates.md`.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::OutputFile;
use super::view::Views;
use crate::content::model::ProgramStatus;
use crate::content::model::{AgreementKind, AgreementStatus, Collection, Level, ProgramKind};
use crate::graph::{AgreementIx, AreaIx, CityIx, ProgramIx};

/// One filter of a list: its name (the query parameter) and its options.
#[derive(Serialize)]
pub struct Facet {
    pub name: &'static str,
    pub options: Vec<FacetOption>,
    /// Per item, in list order: indexes into `options`. Not for templates.
    #[serde(skip)]
    items: Items,
}

/// Each item's option indexes, all in one vector: a vector per item took some 40 bytes
/// for a value or none, and the facets of 250,000 entries live as long as the render.
#[derive(Default)]
struct Items {
    /// Where each item's indexes end in `ixs`.
    ends: Vec<u32>,
    ixs: Vec<u32>,
}

impl Items {
    fn push(&mut self, ixs: impl IntoIterator<Item = usize>) {
        self.ixs.extend(ixs.into_iter().map(|ix| ix as u32));
        self.ends.push(self.ixs.len() as u32);
    }

    /// Runs `change` on each item's indexes.
    fn each_mut(&mut self, mut change: impl FnMut(&mut [u32])) {
        let mut start = 0;
        for &end in &self.ends {
            change(&mut self.ixs[start as usize..end as usize]);
            start = end;
        }
    }

    /// Each item's indexes, in item order.
    fn iter(&self) -> impl Iterator<Item = &[u32]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        (starts.zip(&self.ends)).map(|(start, &end)| &self.ixs[start as usize..end as usize])
    }
}

#[derive(Serialize)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
    /// How many items of the collection have this value.
    pub count: usize,
    /// The pre-built page that lists the items with this value (an area's or a
    /// country's page), for visitors without JavaScript; `None` when there is none.
    pub url: Option<String>,
}

/// The filters of one collection's list, as its pages show them.
#[derive(Serialize)]
pub struct Facets {
    pub facets: Vec<Facet>,
    /// The address of the collection's `filter.json`.
    pub data: String,
}

/// A value an item has, with what orders it among the options.
struct Tagged {
    rank: String,
    key: String,
    label: String,
    url: Option<String>,
}

fn value(rank: String, key: &str, label: &str) -> Tagged {
    Tagged {
        rank,
        key: key.to_owned(),
        label: label.to_owned(),
        url: None,
    }
}

impl Tagged {
    /// The value with the pre-built page of its items.
    fn listed_at(self, url: String) -> Self {
        Self {
            url: Some(url),
            ..self
        }
    }
}

/// Builds one facet item by item, so that a list's items and their values are never
/// all in memory at once: at 100,000 cities they were some 300 MB before the first
/// page was rendered.
struct FacetBuilder {
    name: &'static str,
    /// Where each value seen so far is in `options`, by key.
    seen: HashMap<String, usize>,
    /// Each value in the order first seen, with how many items have it.
    options: Vec<(Tagged, usize)>,
    /// Per item, indexes into `options`.
    items: Items,
}

impl FacetBuilder {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            seen: HashMap::new(),
            options: Vec::new(),
            items: Items::default(),
        }
    }

    /// Adds the next item in list order with the keys of its values; `tag` makes a
    /// value from its key the first time the key is seen, or skips it with `None`.
    fn item<'k>(
        &mut self,
        keys: impl IntoIterator<Item = &'k str>,
        tag: impl Fn(&str) -> Option<Tagged>,
    ) {
        let mut ixs: Vec<usize> = Vec::new();
        for key in keys {
            let ix = match self.seen.get(key) {
                Some(&ix) => ix,
                None => {
                    let Some(tagged) = tag(key) else { continue };
                    self.options.push((tagged, 0));
                    self.seen.insert(key.to_owned(), self.options.len() - 1);
                    self.options.len() - 1
                }
            };
            if !ixs.contains(&ix) {
                ixs.push(ix);
                self.options[ix].1 += 1;
            }
        }
        self.items.push(ixs);
    }

    /// The facet, its options ordered by rank, then key.
    fn finish(self) -> Facet {
        let mut options: Vec<(usize, Tagged, usize)> = (self.options.into_iter())
            .enumerate()
            .map(|(seen, (tagged, count))| (seen, tagged, count))
            .collect();
        options.sort_by(|(_, a, _), (_, b, _)| (&a.rank, &a.key).cmp(&(&b.rank, &b.key)));
        let mut place = vec![0; options.len()];
        for (sorted, (seen, ..)) in options.iter().enumerate() {
            place[*seen] = sorted;
        }
        let mut items = self.items;
        items.each_mut(|ixs| {
            ixs.iter_mut()
                .for_each(|ix| *ix = place[*ix as usize] as u32);
            ixs.sort_unstable();
        });
        Facet {
            name: self.name,
            options: (options.into_iter())
                .map(|(_, tagged, count)| FacetOption {
                    value: tagged.key,
                    label: tagged.label,
                    count,
                    url: tagged.url,
                })
                .collect(),
            items,
        }
    }
}

/// Options in the order the taxonomy declares them: `i` with leading zeros to six
/// digits. Made for every option of every entry, where `format!` was 2% of a build.
fn position(i: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(i);
    ["000000".get(digits.len()..).unwrap_or_default(), digits].concat()
}

fn area_value(views: &Views, id: &str) -> Option<Tagged> {
    let i = views
        .d
        .areas
        .iter()
        .position(|a| a.area.id.as_str() == id)?;
    let name = views.area_name(AreaIx(i as u32));
    Some(value(position(i), id, name).listed_at(views.urls().area(id)))
}

fn country_value(views: &Views, code: &str) -> Option<Tagged> {
    let name = super::view::country_name(views.locale(), code);
    let rank = views.locale().sort_key(name);
    let page = views.urls().country(&code.to_ascii_lowercase());
    Some(value(hex(&rank), code, name).listed_at(page))
}

/// Bytes as text that sorts as they do.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Years, newest first.
fn year_value(key: &str) -> Option<Tagged> {
    let year: usize = key.parse().ok()?;
    Some(value(position(9999 - year), key, key))
}

/// Tags a kind, status or level with `label`, ranked as its type lists them (`all`).
fn ranked<'l, T: Copy>(
    all: &'static [T],
    as_str: fn(T) -> &'static str,
    label: &'l str,
) -> impl Fn(&str) -> Option<Tagged> + 'l {
    move |key| {
        let rank = all.iter().position(|&x| as_str(x) == key);
        Some(value(rank.map_or_else(String::new, position), key, label))
    }
}

/// The facets of each list, computed once per render.
pub struct ListFacets {
    pub cities: Facets,
    pub programs: Facets,
    pub agreements: Facets,
}

impl ListFacets {
    /// The filters of one collection's list.
    pub fn of(&self, collection: Collection) -> &Facets {
        match collection {
            Collection::Cities => &self.cities,
            Collection::Programs => &self.programs,
            _ => &self.agreements,
        }
    }

    /// `order`: each collection's items in list order (as the list pages show them).
    pub fn new(views: &Views, cities: &[usize], programs: &[usize], agreements: &[usize]) -> Self {
        let data = |c: Collection| views.urls().localized(&file_path(c));
        // In parallel: the pages wait for them.
        let ((cities, programs), agreements) = rayon::join(
            || {
                rayon::join(
                    || city_facets(views, cities),
                    || program_facets(views, programs),
                )
            },
            || agreement_facets(views, agreements),
        );
        Self {
            cities: Facets {
                facets: cities,
                data: data(Collection::Cities),
            },
            programs: Facets {
                facets: programs,
                data: data(Collection::Programs),
            },
            agreements: Facets {
                facets: agreements,
                data: data(Collection::Agreements),
            },
        }
    }
}

fn city_facets(views: &Views, order: &[usize]) -> Vec<Facet> {
    let [mut side, mut area, mut country, mut level] =
        ["side", "area", "country", "level"].map(FacetBuilder::new);
    for &i in order {
        let c = views.city_ref(CityIx(i as u32));
        side.item(city_side(views, CityIx(i as u32)), |key| {
            side_value(views, key)
        });
        area.item(c.areas.iter().copied(), |id| area_value(views, id));
        country.item([c.country.code], |code| country_value(views, code));
        level.item([c.level], ranked(Level::ALL, Level::as_str, c.level_label));
    }
    with_side_facets(
        views,
        [side, area, country, level].map(FacetBuilder::finish),
    )
}

/// With `home:`, which side a city is on, as the home page counts them: `ours`, or
/// `partner` for a city abroad with a partner among ours; none for the others (the
/// states and regions abroad that only contain partners).
fn city_side(views: &Views, city: CityIx) -> Option<&'static str> {
    let d = views.d;
    if d.side.is_ours(city) {
        Some("ours")
    } else if d.city_links[city.index()].partners.is_empty() {
        None
    } else {
        Some("partner")
    }
}

/// An option of the facet "side": partners abroad first, then ours.
fn side_value(views: &Views, key: &str) -> Option<Tagged> {
    let (rank, words) = match key {
        "partner" => (0, "partners_abroad"),
        _ => (1, "home_cities"),
    };
    Some(value(position(rank), key, views.word(words)))
}

/// The countries of the parties abroad: with `home:`, an agreement or program is found
/// by its partners' countries, not by ours (every agreement of a German directory has a
/// German party).
fn partner_countries<'d>(
    views: &Views<'d>,
    cities: impl IntoIterator<Item = CityIx>,
    more: impl IntoIterator<Item = &'d str>,
) -> Vec<&'d str> {
    let d = views.d;
    let mut codes: Vec<&str> = (cities.into_iter())
        .filter(|&c| !d.side.is_ours(c))
        .map(|c| d.city(c).country.as_str())
        .chain(more)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Our cities among `cities`, by id: the values of the facet "our city".
fn home_cities<'d>(views: &Views<'d>, cities: &[CityIx]) -> Vec<&'d str> {
    let d = views.d;
    (cities.iter())
        .filter(|&&c| d.side.is_ours(c))
        .map(|&c| d.city(c).meta.id.as_str())
        .collect()
}

/// An option of the facet "our city": the city's name, in name order.
fn home_city_value(views: &Views, id: &str) -> Option<Tagged> {
    let name = views.city_name(views.d.city_ix(id)?);
    Some(value(hex(&views.locale().sort_key(name)), id, name))
}

fn agreement_facets(views: &Views, order: &[usize]) -> Vec<Facet> {
    let [
        mut area,
        mut country,
        mut ours,
        mut kind,
        mut status,
        mut year,
    ] = ["area", "country", "ours", "kind", "status", "year"].map(FacetBuilder::new);
    for &i in order {
        let a = views.agreement_ref(AgreementIx(i as u32));
        let parties = &views.d.agreement_links[i].parties;
        area.item(a.areas.iter().copied(), |id| area_value(views, id));
        let countries = partner_countries(views, parties.iter().copied(), []);
        country.item(countries, |c| country_value(views, c));
        ours.item(home_cities(views, parties), |id| home_city_value(views, id));
        kind.item(
            [a.kind],
            ranked(AgreementKind::ALL, AgreementKind::as_str, a.kind_label),
        );
        status.item(
            [a.status],
            ranked(
                AgreementStatus::ALL,
                AgreementStatus::as_str,
                a.status_label,
            ),
        );
        let signed = a.year.map(|y| y.to_string());
        year.item(signed.as_deref(), year_value);
    }
    let facets = [area, country, ours, kind, status, year].map(FacetBuilder::finish);
    with_side_facets(views, facets)
}

fn program_facets(views: &Views, order: &[usize]) -> Vec<Facet> {
    let [
        mut area,
        mut country,
        mut ours,
        mut kind,
        mut status,
        mut year,
    ] = ["area", "country", "ours", "kind", "status", "year"].map(FacetBuilder::new);
    for &i in order {
        let p = views.program_ref(ProgramIx(i as u32));
        let links = &views.d.program_links[i];
        let members: Vec<CityIx> = links
            .lead
            .iter()
            .chain(&links.participants)
            .copied()
            .collect();
        area.item(p.areas.iter().copied(), |id| area_value(views, id));
        let targets = views.d.program(ProgramIx(i as u32)).countries.iter();
        let countries =
            partner_countries(views, members.iter().copied(), targets.map(|c| c.as_str()));
        country.item(countries, |c| country_value(views, c));
        ours.item(home_cities(views, &members), |id| {
            home_city_value(views, id)
        });
        kind.item(
            [p.kind],
            ranked(ProgramKind::ALL, ProgramKind::as_str, p.kind_label),
        );
        status.item(
            [p.status],
            ranked(ProgramStatus::ALL, ProgramStatus::as_str, p.status_label),
        );
        let start = (p.start.as_deref()).and_then(|s| s.get(..4)?.parse::<u16>().ok());
        year.item(start.map(|y| y.to_string()).as_deref(), year_value);
    }
    let facets = [area, country, ours, kind, status, year].map(FacetBuilder::finish);
    with_side_facets(views, facets)
}

/// The facets without those of the sides (a city's `side`, the `ours` of agreements and
/// programs) when the site declares no `home:`: they would tell nothing.
fn with_side_facets<const N: usize>(views: &Views, facets: [Facet; N]) -> Vec<Facet> {
    let declared = views.d.side.declared();
    (facets.into_iter())
        .filter(|f| declared || !matches!(f.name, "side" | "ours"))
        .collect()
}

/// Where a collection's filter data is written.
fn file_path(collection: Collection) -> String {
    format!("{}/filter.json", collection.folder())
}

/// Each collection's `filter.json`, each handed to `each` as it is made. `facets` gives
/// the key tables and the item order.
pub fn files(views: &Views, facets: &ListFacets, orders: [&[usize]; 3], each: &dyn Fn(OutputFile)) {
    let [cities, programs, agreements] = orders;
    let lists = [
        (Collection::Cities, &facets.cities, cities),
        (Collection::Agreements, &facets.agreements, agreements),
        (Collection::Programs, &facets.programs, programs),
    ];
    for (collection, facets, order) in lists {
        let list = List {
            collection,
            facets,
            order,
        };
        each(list.file(views));
    }
}

/// A facet as a column: per item, one index, a list of indexes when it has several
/// values (an agreement's countries), or null when it has none.
fn column(facet: &Facet) -> Value {
    facet
        .items
        .iter()
        .map(|ixs| match ixs {
            [] => Value::Null,
            [one] => json!(one),
            _ => json!(ixs),
        })
        .collect()
}

/// One collection's list, as its filter data describes it.
struct List<'a> {
    collection: Collection,
    facets: &'a Facets,
    /// The items in list order.
    order: &'a [usize],
}

impl List<'_> {
    /// `filter.json`: the key tables and facet columns (what filtering needs), and the
    /// addresses of the list pages, whose cards the script shows for the matches.
    fn file(&self, views: &Views) -> OutputFile {
        let urls = views.urls();
        let keys: serde_json::Map<String, Value> = (self.facets.facets.iter())
            .map(|f| {
                let values: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
                (f.name.to_owned(), json!(values))
            })
            .collect();
        let columns: serde_json::Map<String, Value> = (self.facets.facets.iter())
            .map(|f| (f.name.to_owned(), column(f)))
            .collect();
        let doc = json!({
            "v": 3,
            "count": self.order.len(),
            "page_size": views.d.config.page_size,
            "pages": [urls.list(self.collection, 1), urls.list_page(self.collection)],
            "keys": keys,
            "facets": columns,
        });
        let path = urls.output_file(&urls.localized(&file_path(self.collection)));
        OutputFile::json(path, &doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_sort_as_text_in_number_order() {
        for i in [0, 7, 42, 999, 9999, 123_456, 1_234_567] {
            assert_eq!(position(i), format!("{i:06}"));
        }
    }

    #[test]
    fn facets_built_item_by_item_order_options_by_rank_and_count_items_once() {
        let tag = |key: &str| {
            let rank = match key {
                "b" => "1",
                "skip" => return None,
                _ => "2",
            };
            Some(value(rank.to_owned(), key, &key.to_uppercase()))
        };
        let mut builder = FacetBuilder::new("kind");
        builder.item(["c", "b"], tag);
        builder.item(["a", "c", "c"], tag);
        builder.item(["skip"], tag);
        builder.item([], tag);
        let facet = builder.finish();
        let options: Vec<_> = facet
            .options
            .iter()
            .map(|o| (o.value.as_str(), o.label.as_str(), o.count))
            .collect();
        // "b" ranks first; "a" and "c" tie on rank and go by key.
        assert_eq!(options, [("b", "B", 1), ("a", "A", 1), ("c", "C", 2)]);
        let items: Vec<&[u32]> = facet.items.iter().collect();
        assert_eq!(items, [&[0, 2][..], &[1, 2], &[], &[]]);
    }
}

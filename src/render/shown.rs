//! Which entries each page shows, recorded while its context is built, and the index
//! from entries to the pages that show them, with which `serve` re-renders only the
//! pages an edit touches.
//!
//! Input: the views a page's context is made of call [`touch`] for each entry they show
//! (a city, program, agreement or free page by what its own file says; an area or a
//! country by what its members add up to: counts, member lists). Output: [`Shown`].
//!
//! Recording is per thread and per page ([`record`]): a page's context is built on one
//! thread. Outside `record`, `touch` does nothing, so a build pays one thread-local
//! look-up per reference. Pages whose context is made in parallel (the statistics) are
//! aggregates, which `serve` renders after every change anyway.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::page::Page;
use crate::content::model::Collection;
use crate::graph::{AgreementIx, AreaIx, CityIx, CountryIx, Directory, ProgramIx};

/// Something a page shows, by its handle in the directory graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    City(CityIx),
    Program(ProgramIx),
    Agreement(AgreementIx),
    Page(u32),
    Area(AreaIx),
    Country(CountryIx),
}

impl Entry {
    /// The entry at `position` of `collection`.
    pub fn of(collection: Collection, position: u32) -> Entry {
        match collection {
            Collection::Cities => Entry::City(CityIx(position)),
            Collection::Programs => Entry::Program(ProgramIx(position)),
            Collection::Agreements => Entry::Agreement(AgreementIx(position)),
            Collection::Pages => Entry::Page(position),
        }
    }

    /// The page of the entry itself.
    pub fn page(self) -> Page {
        match self {
            Entry::City(ix) => Page::City(ix),
            Entry::Program(ix) => Page::Program(ix),
            Entry::Agreement(ix) => Page::Agreement(ix),
            Entry::Page(i) => Page::Free(i),
            Entry::Area(ix) => Page::Area(ix),
            Entry::Country(ix) => Page::Country(ix),
        }
    }

    /// The areas and the country whose members' counts and lists include this entry.
    pub fn groups(self, d: &Directory) -> Vec<Entry> {
        let areas = |areas: &[AreaIx]| areas.iter().map(|&a| Entry::Area(a)).collect::<Vec<_>>();
        let country_of = |c: CityIx| d.city_links[c.index()].country.map(Entry::Country);
        match self {
            Entry::City(ix) => {
                let links = &d.city_links[ix.index()];
                let mut groups = areas(&links.effective_areas);
                groups.extend(country_of(ix));
                groups
            }
            Entry::Program(ix) => {
                let links = &d.program_links[ix.index()];
                let mut groups = areas(&links.areas);
                let cities = links.lead.iter().chain(&links.participants);
                groups.extend(cities.filter_map(|&c| country_of(c)));
                groups.extend(links.countries.iter().map(|&c| Entry::Country(c)));
                groups
            }
            Entry::Agreement(ix) => {
                let links = &d.agreement_links[ix.index()];
                let mut groups = areas(&links.areas);
                groups.extend(links.parties.iter().filter_map(|&c| country_of(c)));
                groups
            }
            Entry::Page(_) | Entry::Area(_) | Entry::Country(_) => Vec::new(),
        }
    }
}

thread_local! {
    static RECORDING: RefCell<Option<Vec<Entry>>> = const { RefCell::new(None) };
}

/// Notes that the page being recorded on this thread shows `entry`.
pub fn touch(entry: Entry) {
    RECORDING.with_borrow_mut(|recording| {
        if let Some(entries) = recording {
            entries.push(entry);
        }
    });
}

/// Runs `make` and returns, with its value, the entries it touched, sorted, each once.
pub fn record<T>(make: impl FnOnce() -> T) -> (T, Vec<Entry>) {
    let outer = RECORDING.replace(Some(Vec::new()));
    let value = make();
    let mut entries = RECORDING.replace(outer).unwrap_or_default();
    entries.sort_unstable();
    entries.dedup();
    (value, entries)
}

/// For every page rendered with recording, the entries it shows, and the other way
/// round. Valid while the directory has the same entries (handles are positions).
#[derive(Debug, Default)]
pub struct Shown {
    by_page: HashMap<Page, Vec<Entry>>,
    by_entry: HashMap<Entry, HashSet<Page>>,
}

impl Shown {
    /// Records what `page` shows now, replacing what it showed before.
    pub fn set(&mut self, page: Page, entries: Vec<Entry>) {
        if let Some(before) = self.by_page.get(&page) {
            for entry in before {
                if let Some(pages) = self.by_entry.get_mut(entry) {
                    pages.remove(&page);
                }
            }
        }
        for &entry in &entries {
            self.by_entry.entry(entry).or_default().insert(page);
        }
        self.by_page.insert(page, entries);
    }

    /// The entries `page` showed when last rendered.
    pub fn of_page(&self, page: Page) -> &[Entry] {
        self.by_page.get(&page).map_or(&[], Vec::as_slice)
    }

    /// The pages that showed `entry` when last rendered.
    pub fn pages_showing(&self, entry: Entry) -> impl Iterator<Item = Page> + '_ {
        self.by_entry.get(&entry).into_iter().flatten().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_collects_what_one_page_touched_and_nothing_outside() {
        touch(Entry::City(CityIx(9)));
        let ((), entries) = record(|| {
            touch(Entry::City(CityIx(2)));
            touch(Entry::Area(AreaIx(0)));
            touch(Entry::City(CityIx(2)));
        });
        assert_eq!(entries, [Entry::City(CityIx(2)), Entry::Area(AreaIx(0))]);
    }

    #[test]
    fn the_index_forgets_what_a_page_no_longer_shows() {
        let mut shown = Shown::default();
        let (kyoto, lodz) = (Entry::City(CityIx(0)), Entry::City(CityIx(1)));
        shown.set(Page::Home, vec![kyoto, lodz]);
        shown.set(Page::Home, vec![lodz]);
        assert_eq!(shown.pages_showing(kyoto).count(), 0);
        assert_eq!(shown.pages_showing(lodz).collect::<Vec<_>>(), [Page::Home]);
        assert_eq!(shown.of_page(Page::Home), [lodz]);
    }
}

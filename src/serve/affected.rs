//! Which pages an edit touches: the pages `serve` renders again after a change of
//! content, found through the index of what each page showed ([`Shown`]).
//!
//! Input: the directory of the last render and the new one, and the index. Output:
//! the entries whose files changed, and from them the pages to render.
//!
//! A page shows its own entry and entries next to it in the directory graph (partners,
//! parties, areas, the country), and every edge of the graph exists in both
//! directions. So after entries `C` changed, a page can differ only if it is
//! - an overview of the whole directory (home, lists, statistics), or
//! - the page of an entry in `C`, or one that showed an entry in `C` or a group (area,
//!   country) an entry in `C` belongs or belonged to, or
//! - the page of an entry that the page of an entry in `C` shows, before or after.
//!
//! The last needs the new render of the changed entries' own pages, so rendering is in
//! two steps: [`own_pages`] first, then [`other_pages`] with what they showed.
//! Invariant: the result, with the other pages kept, equals a clean build (tested in
//! `rebuild`, edit by edit).

use std::collections::HashSet;
use std::sync::Arc;

use crate::content::model::Meta;
use crate::graph::{AgreementIx, CityIx, Directory, ProgramIx};
use crate::render::Page;
use crate::render::shown::{Entry, Shown};

/// The entries whose files changed, by what changed in them.
#[derive(Debug, Default)]
pub struct Changed {
    /// Entries whose front matter changed: what other pages show of them.
    pub front: Vec<Entry>,
    /// Entries whose body alone changed, which only their own page shows.
    pub body: Vec<Entry>,
}

/// The entries whose files changed between `old` and `new`, or `None` when the two do
/// not have the same entries in the same places, so that the index does not apply.
pub fn changed_entries(old: &Directory, new: &Directory) -> Option<Changed> {
    let (before, after) = (metas(old), metas(new));
    let same_groups =
        (old.areas.len(), old.countries.len()) == (new.areas.len(), new.countries.len());
    // A city that changes sides (its `parent` or country moved) takes the cities below
    // it along, and changes the partners of pages that never showed it.
    if before.len() != after.len() || !same_groups || old.side != new.side {
        return None;
    }
    let mut changed = Changed::default();
    for ((entry, a), (_, b)) in before.iter().zip(&after) {
        // A file read once is one entry, in one place: most are, after an edit.
        if a.source.same_read(&b.source) {
            continue;
        }
        if a.id != b.id {
            return None;
        }
        if a.source.same_text(&b.source) {
            continue;
        }
        if a.front_matter().is_some() && a.front_matter() == b.front_matter() {
            changed.body.push(*entry);
        } else {
            changed.front.push(*entry);
        }
    }
    // A translation's title and summary show on other pages, as front matter does.
    // After an edit of bodies alone the directory shares its translations.
    if !Arc::ptr_eq(&old.translations, &new.translations) {
        let keys = old.translations.keys().chain(new.translations.keys());
        for &(collection, position) in keys {
            let entry = Entry::of(collection, position);
            let same = |key| {
                let (a, b) = (old.translations.get(key), new.translations.get(key));
                let (a, b) = (
                    a.map_or(&[][..], Vec::as_slice),
                    b.map_or(&[][..], Vec::as_slice),
                );
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_text(y))
            };
            if !changed.front.contains(&entry) && !same(&(collection, position)) {
                changed.body.retain(|e| *e != entry);
                changed.front.push(entry);
            }
        }
    }
    Some(changed)
}

/// Every entry with its front matter's common part, in the order of the directory.
fn metas(d: &Directory) -> Vec<(Entry, &Meta)> {
    let ix = |i: usize| i as u32;
    let cities = d.cities.iter().enumerate();
    let programs = d.programs.iter().enumerate();
    let agreements = d.agreements.iter().enumerate();
    let pages = d.pages.iter().enumerate();
    (cities.map(|(i, c)| (Entry::City(CityIx(ix(i))), &c.meta)))
        .chain(programs.map(|(i, p)| (Entry::Program(ProgramIx(ix(i))), &p.meta)))
        .chain(agreements.map(|(i, a)| (Entry::Agreement(AgreementIx(ix(i))), &a.meta)))
        .chain(pages.map(|(i, p)| (Entry::Page(ix(i)), &p.meta)))
        .collect()
}

/// The pages of the changed entries: rendered first, recording what they show.
pub fn own_pages(changed: &[Entry]) -> Vec<Page> {
    changed.iter().map(|e| e.page()).collect()
}

/// The pages about the directory as a whole, rendered after every change.
pub fn overviews(new: &Directory) -> Vec<Page> {
    Page::all(new)
        .into_iter()
        .filter(|p| p.is_overview())
        .collect()
}

/// Every other page the change can touch (see the module documentation), besides the
/// overviews. `shown_now` is what the pages of [`own_pages`] show after the change.
pub fn other_pages(
    old: &Directory,
    new: &Directory,
    shown_before: &Shown,
    changed: &[Entry],
    shown_now: &[(Page, Vec<Entry>)],
) -> Vec<Page> {
    let mut touched: HashSet<Entry> = changed.iter().copied().collect();
    for &entry in changed {
        touched.extend(entry.groups(old));
        touched.extend(entry.groups(new));
    }
    let mut pages: HashSet<Page> = HashSet::new();
    for &entry in &touched {
        pages.extend(shown_before.pages_showing(entry));
        pages.insert(entry.page());
    }
    for &entry in changed {
        pages.extend(shown_before.of_page(entry.page()).iter().map(|e| e.page()));
    }
    for (_, entries) in shown_now {
        pages.extend(entries.iter().map(|e| e.page()));
    }
    let done: HashSet<Page> = shown_now.iter().map(|(page, _)| *page).collect();
    let rendered = |p: &Page| done.contains(p) || p.is_overview();
    pages.into_iter().filter(|p| !rendered(p)).collect()
}

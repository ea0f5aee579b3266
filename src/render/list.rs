//! The list pages of cities, programs and agreements: their order, made once for all
//! their pages, their filters, and their pagination.
//!
//! Input: the views of the directory. Output: `list` and `filters` in a list page's
//! context. Lists are sorted by name or title (ties by id), so that a build is the same
//! whatever order the files were read in.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::filters;
use super::view::Views;
use crate::content::model::Collection;
use crate::graph::{AgreementIx, CityIx, Directory, ProgramIx};

/// A collection that has list pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Cities,
    Programs,
    Agreements,
}

impl ListKind {
    pub const ALL: [ListKind; 3] = [Self::Cities, Self::Programs, Self::Agreements];

    pub fn collection(self) -> Collection {
        match self {
            Self::Cities => Collection::Cities,
            Self::Programs => Collection::Programs,
            Self::Agreements => Collection::Agreements,
        }
    }

    /// `page.kind` of its pages, and the key of its title among the theme's words.
    pub fn name(self) -> &'static str {
        match self {
            Self::Cities => "cities",
            Self::Programs => "programs",
            Self::Agreements => "agreements",
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            Self::Cities => "cities.html",
            Self::Programs => "programs.html",
            Self::Agreements => "agreements.html",
        }
    }

    fn len(self, d: &Directory) -> usize {
        match self {
            Self::Cities => d.cities.len(),
            Self::Programs => d.programs.len(),
            Self::Agreements => d.agreements.len(),
        }
    }
}

/// How many pages the list of `kind` has: at least one, which may say it is empty.
pub fn pages(d: &Directory, kind: ListKind) -> u32 {
    kind.len(d).div_ceil(d.config.page_size).max(1) as u32
}

/// The order of each list's items, and the lists' filters, made once for all pages.
pub struct ListOrders {
    pub cities: Vec<usize>,
    pub programs: Vec<usize>,
    pub agreements: Vec<usize>,
    /// The lists' filters, whose items follow the orders above.
    pub facets: filters::ListFacets,
    /// The same as the list templates' `filters`, as template values.
    filters: [Value; 3],
}

impl ListOrders {
    pub fn new(views: &Views) -> Self {
        let d = views.d;
        // By the names and titles the views' language shows, in its order (Ł after L
        // in Polish).
        let key = |name: &str| views.locale().sort_key(name);
        let cities = sorted(d.cities.len(), |i| key(views.city_name(CityIx(i as u32))));
        let programs = sorted(d.programs.len(), |i| {
            key(views.program_title(ProgramIx(i as u32)))
        });
        let agreements = sorted(d.agreements.len(), |i| {
            key(views.agreement_title(AgreementIx(i as u32)))
        });
        let facets = filters::ListFacets::new(views, &cities, &programs, &agreements);
        let filters =
            [&facets.cities, &facets.programs, &facets.agreements].map(Value::from_serializable);
        Self {
            cities,
            programs,
            agreements,
            facets,
            filters,
        }
    }

    fn of(&self, kind: ListKind) -> (&[usize], &Value) {
        match kind {
            ListKind::Cities => (&self.cities, &self.filters[0]),
            ListKind::Programs => (&self.programs, &self.filters[1]),
            ListKind::Agreements => (&self.agreements, &self.filters[2]),
        }
    }
}

/// Indexes `0..len` ordered by `key`, ties broken by index for determinism. In
/// parallel: the pages wait for it.
fn sorted(len: usize, key: impl Fn(usize) -> Vec<u8> + Sync) -> Vec<usize> {
    let keys: Vec<Vec<u8>> = (0..len).into_par_iter().map(&key).collect();
    let mut order: Vec<usize> = (0..len).collect();
    order.par_sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    order
}

#[derive(Serialize)]
struct ListView<Item> {
    items: Vec<Item>,
    total: usize,
    pagination: Pagination,
}

/// Puts page `page` of the list of `kind` into `context`, as `list` and `filters`.
pub fn insert(
    views: &Views,
    orders: &ListOrders,
    kind: ListKind,
    page: usize,
    context: &mut Context,
) {
    let d = views.d;
    let size = d.config.page_size;
    let (order, filters) = orders.of(kind);
    let total = order.len();
    let slice = &order[((page - 1) * size).min(total)..(page * size).min(total)];
    let pagination = pagination(views, kind, page, pages(d, kind) as usize);
    let handles = slice.iter().map(|&i| i as u32);
    // Each kind's references go straight into the context: a `Value` in between would
    // convert each item twice.
    match kind {
        ListKind::Cities => {
            let items = handles.map(|i| views.city_ref(CityIx(i))).collect();
            insert_view(context, items, total, pagination);
        }
        ListKind::Programs => {
            let items = handles.map(|i| views.program_ref(ProgramIx(i))).collect();
            insert_view(context, items, total, pagination);
        }
        ListKind::Agreements => {
            let items = handles
                .map(|i| views.agreement_ref(AgreementIx(i)))
                .collect();
            insert_view(context, items, total, pagination);
        }
    }
    context.insert_value("filters", filters.clone());
}

fn insert_view<Item: Serialize>(
    context: &mut Context,
    items: Vec<Item>,
    total: usize,
    pagination: Pagination,
) {
    let view = ListView {
        items,
        total,
        pagination,
    };
    context.insert("list", &view);
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
    links: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
    /// Pages were skipped before this one (show an ellipsis).
    gap: bool,
}

fn pagination(views: &Views, kind: ListKind, page: usize, pages: usize) -> Pagination {
    let url = |n: usize| views.urls().list(kind.collection(), n);
    Pagination {
        current: page,
        pages,
        previous: (page > 1).then(|| url(page - 1)),
        next: (page < pages).then(|| url(page + 1)),
        links: page_window(page, pages)
            .into_iter()
            .map(|(n, gap)| PageLink {
                number: n,
                url: url(n),
                current: n == page,
                gap,
            })
            .collect(),
    }
}

/// The page numbers to link: the first, the last and two either side of the current
/// one, so that a list of thousands of pages does not link every page from every page.
fn page_window(current: usize, pages: usize) -> Vec<(usize, bool)> {
    let mut numbers: Vec<usize> = vec![1, pages];
    numbers.extend(current.saturating_sub(2).max(1)..=(current + 2).min(pages));
    numbers.sort_unstable();
    numbers.dedup();
    let mut previous = 0;
    numbers
        .into_iter()
        .map(|n| {
            let gap = n > previous + 1;
            previous = n;
            (n, gap)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_window_links_ends_and_neighbours() {
        let numbers = |c, p| {
            page_window(c, p)
                .into_iter()
                .map(|(n, gap)| {
                    if gap {
                        format!("…{n}")
                    } else {
                        n.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(numbers(1, 1), "1");
        assert_eq!(numbers(1, 3), "1 2 3");
        assert_eq!(numbers(10, 2000), "1 …8 9 10 11 12 …2000");
        assert_eq!(numbers(2000, 2000), "1 …1998 1999 2000");
    }
}

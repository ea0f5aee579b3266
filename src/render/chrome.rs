//! The parts of a page that are the same on every page of its kind, rendered once for
//! each kind and reused instead of on every page: the site's header and footer
//! (`header.html`, `footer.html`), on a 1,000-city site a tenth of all the work of
//! rendering, most of it the navigation's links; and the list pages' filter form
//! (`filters.html`), another 4 %, most of it the options' counts.
//!
//! Input: the theme, a page's kind and address, and the lists' filters. Output:
//! `chrome.header`, `chrome.footer` and, on list pages, `chrome.filters` (null on
//! others), which the templates write out as they are.
//!
//! Invariant: the three templates see `site`, `t` and a `page` of two fields: `kind`,
//! and `url` where the page is one of the site's own addresses ([`SiteAddresses`]), `""`
//! everywhere else; `filters.html` sees its list's `filters` as well. So the pages of
//! one kind share one rendering, and the navigation can still mark the page it links to
//! as the current one.

use std::collections::HashSet;
use std::sync::Mutex;

use serde::Serialize;
use tera::{Context, Value};

use super::{ListOrders, SiteView, Theme, render_page};
use crate::content::model::Collection;

/// The addresses of the site itself: `site.urls` and the menu's pages.
pub struct SiteAddresses(HashSet<String>);

impl SiteAddresses {
    pub(super) fn new(site: &SiteView) -> Self {
        let urls = site.urls.values().cloned();
        Self(
            urls.chain(site.menu.iter().map(|m| m.url.clone()))
                .collect(),
        )
    }
}

/// The header and footer made so far, shared by the threads rendering pages: made once
/// for each piece of work of 64 pages instead, they were made some 4,000 times for a
/// 100,000-city site, 0.7 % of a 10,000-city `check`.
pub struct Chrome<'a> {
    theme: &'a Theme,
    addresses: &'a SiteAddresses,
    lists: &'a ListOrders,
    /// By page kind and address (as the templates see it): a few dozen.
    made: Mutex<Vec<(&'static str, String, Value)>>,
}

/// `page` as the header and footer see it.
#[derive(Serialize)]
struct ChromePage<'a> {
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Parts {
    header: String,
    footer: String,
    filters: Option<String>,
}

impl<'a> Chrome<'a> {
    pub(super) fn new(
        theme: &'a Theme,
        addresses: &'a SiteAddresses,
        lists: &'a ListOrders,
    ) -> Self {
        Self {
            theme,
            addresses,
            lists,
            made: Mutex::new(Vec::new()),
        }
    }

    /// `chrome` for a page of `kind` at `url`; `list` is the collection a list page
    /// lists (always the same for one kind).
    pub fn for_page(
        &self,
        kind: &'static str,
        list: Option<Collection>,
        url: &str,
    ) -> tera::TeraResult<Value> {
        let url = if self.addresses.0.contains(url) {
            url
        } else {
            ""
        };
        if let Some(parts) = self.already_made(kind, url) {
            return Ok(parts);
        }
        let mut context = Context::new();
        context.insert("page", &ChromePage { kind, url });
        let part = |template, context: &Context| {
            render_page(self.theme, template, context)
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        };
        let header = part("header.html", &context)?;
        let footer = part("footer.html", &context)?;
        let filters = match list {
            Some(collection) => {
                context.insert_value("filters", self.lists.filters(collection).clone());
                Some(part("filters.html", &context)?)
            }
            None => None,
        };
        let parts = Value::from_serializable(&Parts {
            header,
            footer,
            filters,
        });
        // Both threads may make the same parts at once; the second copy is never found.
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.push((kind, url.to_owned(), parts.clone()));
        Ok(parts)
    }

    fn already_made(&self, kind: &str, url: &str) -> Option<Value> {
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.iter()
            .find(|(k, u, _)| *k == kind && u == url)
            .map(|(.., parts)| parts.clone())
    }
}

//! The site's header and footer (`header.html`, `footer.html`), rendered once for each
//! kind of page and reused, instead of on every page: on a 1,000-city site they were a
//! tenth of all the work of rendering, most of it the navigation's links.
//!
//! Input: the theme and a page's kind and address. Output: `chrome.header` and
//! `chrome.footer`, which `base.html` writes out as they are.
//!
//! Invariant: the two templates see `site`, `t` and a `page` of two fields: `kind`, and
//! `url` where the page is one of the site's own addresses ([`SiteAddresses`]), `""`
//! everywhere else. So the pages of one kind share one rendering, and the navigation
//! can still mark the page it links to as the current one.

use std::collections::HashSet;

use serde::Serialize;
use tera::{Context, Value};

use super::{SiteView, Theme, render_page};

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

/// The header and footer made so far, for the pages of one piece of work.
pub struct Chrome<'a> {
    theme: &'a Theme,
    addresses: &'a SiteAddresses,
    /// By page kind and address (as the templates see it): few, since pages come in
    /// runs of one kind.
    made: Vec<(&'static str, String, Value)>,
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
}

impl<'a> Chrome<'a> {
    pub fn new(theme: &'a Theme, addresses: &'a SiteAddresses) -> Self {
        Self {
            theme,
            addresses,
            made: Vec::new(),
        }
    }

    /// `chrome` for a page of `kind` at `url`.
    pub fn for_page(&mut self, kind: &'static str, url: &str) -> tera::TeraResult<Value> {
        let url = if self.addresses.0.contains(url) {
            url
        } else {
            ""
        };
        if let Some((.., parts)) = self.made.iter().find(|(k, u, _)| *k == kind && u == url) {
            return Ok(parts.clone());
        }
        let mut context = Context::new();
        context.insert("page", &ChromePage { kind, url });
        let part = |template| {
            render_page(self.theme, template, &context)
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        };
        let parts = Value::from_serializable(&Parts {
            header: part("header.html")?,
            footer: part("footer.html")?,
        });
        self.made.push((kind, url.to_owned(), parts.clone()));
        Ok(parts)
    }
}

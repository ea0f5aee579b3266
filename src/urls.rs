//! Every address the site uses is built here, so that a change of scheme (a language
//! prefix, a sub-folder deployment, serve's local address) is a change in one place.
//! Addresses are joined with `concat` rather than `format!`: every page builds dozens
//! of them, and `format!` costs several times as much as copying the parts.

use crate::content::model::Collection;

/// Builds site-relative addresses (`/partners/cities/kyoto/`) and absolute ones, for
/// the pages of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// `https://example.org` with no trailing slash.
    origin: String,
    /// The path the site lives under: `/` or `/partners/`. Files that every language
    /// shares are here.
    root: String,
    /// The path the language's pages live under: the root for the default language,
    /// `/partners/en/` for another.
    prefix: String,
}

impl Urls {
    /// `base_url` must be an absolute http(s) URL (checked by the config stage).
    pub fn new(base_url: &str) -> Self {
        let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
        let path_start = base_url[after_scheme..]
            .find('/')
            .map_or(base_url.len(), |i| after_scheme + i);
        let mut prefix = base_url[path_start..].to_owned();
        if !prefix.starts_with('/') {
            prefix.insert(0, '/');
        }
        if !prefix.ends_with('/') {
            prefix.push('/');
        }
        Self {
            origin: base_url[..path_start].to_owned(),
            root: prefix.clone(),
            prefix,
        }
    }

    /// The addresses of a language's pages, under `/<segment>/` of the site.
    pub fn in_language(&self, segment: &str) -> Self {
        Self {
            origin: self.origin.clone(),
            root: self.root.clone(),
            prefix: [&self.root, segment, "/"].concat(),
        }
    }

    /// The same address in the language of `other`: `/en/cities/kyoto/` →
    /// `/cities/kyoto/`. Addresses differ between languages by their prefix only.
    pub fn same_page_in(&self, other: &Urls, path: &str) -> String {
        let relative = path.strip_prefix(&self.prefix).unwrap_or(path);
        [&other.prefix, relative].concat()
    }

    /// The home page.
    pub fn home(&self) -> String {
        self.prefix.clone()
    }

    /// A file every language shares, under the site's root (`sitemap.xml`,
    /// `static/style.css`, `data/directory.json`).
    pub fn path(&self, relative: &str) -> String {
        [&self.root, relative.trim_start_matches('/')].concat()
    }

    /// A file of this language's own (`feeds/all.xml`, the search index, `404.html`).
    pub fn localized(&self, relative: &str) -> String {
        [&self.prefix, relative.trim_start_matches('/')].concat()
    }

    /// An entry's page. Free pages sit at the top level (`/about/`).
    pub fn entry(&self, collection: Collection, id: &str) -> String {
        match collection {
            Collection::Pages => [&self.prefix, id, "/"].concat(),
            _ => [&self.prefix, collection.folder(), "/", id, "/"].concat(),
        }
    }

    /// A collection's list page, 1-based page number.
    pub fn list(&self, collection: Collection, page: usize) -> String {
        paged([&self.prefix, collection.folder(), "/"].concat(), page)
    }

    /// The address of page `{n}` (2 and after) of a collection's list, with `{n}` in
    /// place of the number.
    pub fn list_page(&self, collection: Collection) -> String {
        [&self.prefix, collection.folder(), "/page/{n}/"].concat()
    }

    pub fn area(&self, id: &str) -> String {
        [&self.prefix, "areas/", id, "/"].concat()
    }

    pub fn areas(&self) -> String {
        [&self.prefix, "areas/"].concat()
    }

    pub fn country(&self, slug: &str) -> String {
        [&self.prefix, "countries/", slug, "/"].concat()
    }

    pub fn countries(&self) -> String {
        [&self.prefix, "countries/"].concat()
    }

    /// The search page, which also reads its query from `?q=`.
    pub fn search(&self) -> String {
        [&self.prefix, "search/"].concat()
    }

    pub fn statistics(&self) -> String {
        [&self.prefix, "statistics/"].concat()
    }

    /// The absolute form of a site-relative address, for sitemaps, feeds and canonical links.
    pub fn absolute(&self, path: &str) -> String {
        [&self.origin, path].concat()
    }

    /// The output file an address is written to: `/cities/kyoto/` →
    /// `cities/kyoto/index.html`, `/en/cities/kyoto/` → `en/cities/kyoto/index.html`.
    pub fn output_file(&self, path: &str) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        if relative.is_empty() || relative.ends_with('/') {
            [relative, "index.html"].concat()
        } else {
            relative.to_owned()
        }
    }
}

fn paged(first: String, page: usize) -> String {
    if page <= 1 {
        first
    } else {
        format!("{first}page/{page}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_site() {
        let urls = Urls::new("https://partners.example.org");
        assert_eq!(urls.entry(Collection::Cities, "kyoto"), "/cities/kyoto/");
        assert_eq!(urls.entry(Collection::Pages, "about"), "/about/");
        assert_eq!(urls.list(Collection::Agreements, 3), "/agreements/page/3/");
        let page = urls.list_page(Collection::Agreements).replace("{n}", "3");
        assert_eq!(page, urls.list(Collection::Agreements, 3));
        assert_eq!(
            urls.absolute(&urls.area("public-health")),
            "https://partners.example.org/areas/public-health/"
        );
        assert_eq!(
            urls.output_file("/cities/kyoto/"),
            "cities/kyoto/index.html"
        );
        assert_eq!(urls.output_file("/"), "index.html");
    }

    #[test]
    fn site_in_a_sub_folder() {
        let urls = Urls::new("https://example.org/intl/partners/");
        assert_eq!(urls.home(), "/intl/partners/");
        assert_eq!(urls.country("no"), "/intl/partners/countries/no/");
        assert_eq!(
            urls.output_file("/intl/partners/sitemap.xml"),
            "sitemap.xml"
        );
        assert_eq!(
            urls.absolute(&urls.home()),
            "https://example.org/intl/partners/"
        );
    }

    #[test]
    fn another_language_has_its_pages_under_its_tag_and_shares_the_rest() {
        let urls = Urls::new("https://example.org/partners/");
        let english = urls.in_language("en");
        assert_eq!(english.home(), "/partners/en/");
        assert_eq!(
            english.entry(Collection::Cities, "kyoto"),
            "/partners/en/cities/kyoto/"
        );
        assert_eq!(
            english.localized("feeds/all.xml"),
            "/partners/en/feeds/all.xml"
        );
        assert_eq!(
            english.path("static/amicus.css"),
            "/partners/static/amicus.css"
        );
        assert_eq!(
            english.output_file("/partners/en/cities/kyoto/"),
            "en/cities/kyoto/index.html"
        );
        assert_eq!(
            english.same_page_in(&urls, "/partners/en/cities/kyoto/"),
            "/partners/cities/kyoto/"
        );
        assert_eq!(
            urls.same_page_in(&english, "/partners/areas/"),
            "/partners/en/areas/"
        );
    }
}

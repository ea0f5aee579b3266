//! Every address the site uses is built here, so that a change of scheme (a language
//! prefix, a sub-folder deployment, serve's local address) is a change in one place.
//! Addresses are joined with `concat` rather than `format!`: every page builds dozens
//! of them, and `format!` costs several times as much as copying the parts.

use crate::content::model::Collection;

/// Builds site-relative addresses (`/partners/cities/kyoto/`) and absolute ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// `https://example.org` with no trailing slash.
    origin: String,
    /// The path the site lives under: `/` or `/partners/`.
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
            prefix,
        }
    }

    /// The home page.
    pub fn home(&self) -> String {
        self.prefix.clone()
    }

    /// A path under the site, as given (`sitemap.xml`, `static/style.css`).
    pub fn path(&self, relative: &str) -> String {
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

    /// The output file an address is written to: `cities/kyoto/` → `cities/kyoto/index.html`.
    pub fn output_file(&self, path: &str) -> String {
        let relative = path.strip_prefix(&self.prefix).unwrap_or(path);
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
}

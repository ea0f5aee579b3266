//! `sitemap.xml` (an index of `sitemaps/<n>.xml` files above the protocol's limit) and
//! `robots.txt`, which names it.
//!
//! Input: the site-relative paths of every page. Output: the files, with absolute
//! addresses in sorted order, so that builds are reproducible.

use rayon::prelude::*;

use super::OutputFile;
use crate::graph::Directory;
use crate::xml::push_escaped;

/// The sitemap protocol's limit of addresses per file.
const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml`; above [`SITEMAP_URLS`] pages, an index of `sitemaps/<n>.xml` files.
pub fn sitemaps<'a>(d: &Directory, pages: impl Iterator<Item = &'a str>) -> Vec<OutputFile> {
    let mut paths: Vec<&str> = pages.filter(|p| p.ends_with("index.html")).collect();
    // In parallel, as the last thing a build makes: the other cores would wait.
    paths.par_sort_unstable();
    if paths.len() <= SITEMAP_URLS {
        return vec![url_set("sitemap.xml".to_owned(), d, &paths)];
    }
    let mut files: Vec<OutputFile> = paths
        .par_chunks(SITEMAP_URLS)
        .enumerate()
        .map(|(i, chunk)| url_set(format!("sitemaps/{}.xml", i + 1), d, chunk))
        .collect();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in &files {
        let url = d.config.urls.absolute(&d.config.urls.path(&file.path));
        xml.push_str("  <sitemap><loc>");
        push_escaped(&mut xml, &url);
        xml.push_str("</loc></sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: "sitemap.xml".to_owned(),
        bytes: xml.into_bytes(),
    });
    files
}

fn url_set(path: String, d: &Directory, pages: &[&str]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let url = d.config.urls.path(page.trim_end_matches("index.html"));
        xml.push_str("  <url><loc>");
        push_escaped(&mut xml, &d.config.urls.absolute(&url));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path,
        bytes: xml.into_bytes(),
    }
}

pub fn robots(d: &Directory) -> OutputFile {
    let sitemap = d.config.urls.absolute(&d.config.urls.path("sitemap.xml"));
    OutputFile {
        path: "robots.txt".to_owned(),
        bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let config = crate::config::parse("title: T\nbase_url: https://e.org/\n".into(), None)
            .expect("config");
        let content = crate::content::model::Content::default();
        let (d, _) = crate::graph::link(content, config, &Default::default());
        let pages: Vec<String> = (0..SITEMAP_URLS + 1)
            .map(|i| format!("cities/c{i}/index.html"))
            .collect();
        let files = sitemaps(&d, pages.iter().map(String::as_str));
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemaps/1.xml", "sitemaps/2.xml", "sitemap.xml"]);
        let text = |i: usize| String::from_utf8_lossy(&files[i].bytes).into_owned();
        assert_eq!(text(0).matches("<url>").count(), SITEMAP_URLS);
        assert_eq!(text(1).matches("<url>").count(), 1);
        assert!(
            text(2).contains("<sitemap><loc>https://e.org/sitemaps/2.xml</loc></sitemap>"),
            "{}",
            text(2)
        );
        let small = sitemaps(&d, pages[..2].iter().map(String::as_str));
        assert_eq!(small.len(), 1);
        assert!(String::from_utf8_lossy(&small[0].bytes).starts_with("<?xml"));
    }
}

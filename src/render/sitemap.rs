//! `sitemap.xml` (an index of `sitemaps/<n>.xml` files above the protocol's limit) and
//! `robots.txt`, which names it.
//!
//! Input: the site-relative address of every page in each language. Output: the files,
//! with absolute addresses in the order of the files they are written to, so that
//! builds are reproducible; on a site with several languages each address lists the
//! same page in every language (`xhtml:link`, with `x-default` the default language's).

use rayon::prelude::*;

use super::OutputFile;
use crate::graph::Directory;
use crate::xml::push_escaped;

/// The sitemap protocol's limit of addresses per file.
const SITEMAP_URLS: usize = 50_000;

/// One address of the sitemap: a page in one language, and the page in every
/// language, the default's first.
struct Entry<'a> {
    /// The output file, which orders the sitemap.
    file: String,
    url: &'a str,
    alternates: &'a [String],
}

/// `sitemap.xml`; above [`SITEMAP_URLS`] addresses, an index of `sitemaps/<n>.xml`
/// files. `pages` holds each page's address in every language, the default's first.
pub fn sitemaps(d: &Directory, pages: &[Vec<String>]) -> Vec<OutputFile> {
    let urls = &d.config.urls;
    // The 404 page is not an address to visit.
    let mut entries: Vec<Entry> = (pages.iter().filter(|p| p[0].ends_with('/')))
        .flat_map(|alternates| {
            (alternates.iter()).map(|url| Entry {
                file: urls.output_file(url),
                url,
                alternates,
            })
        })
        .collect();
    // In parallel, as the last thing a build makes: the other cores would wait.
    entries.par_sort_unstable_by(|a, b| a.file.cmp(&b.file));
    if entries.len() <= SITEMAP_URLS {
        return vec![url_set("sitemap.xml".to_owned(), d, &entries)];
    }
    let mut files: Vec<OutputFile> = entries
        .par_chunks(SITEMAP_URLS)
        .enumerate()
        .map(|(i, chunk)| url_set(format!("sitemaps/{}.xml", i + 1), d, chunk))
        .collect();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in &files {
        let url = urls.absolute(&urls.path(&file.path));
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

fn url_set(path: String, d: &Directory, entries: &[Entry]) -> OutputFile {
    let urls = &d.config.urls;
    let languages = &d.config.languages;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if languages.len() > 1 {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for entry in entries {
        xml.push_str("  <url><loc>");
        push_escaped(&mut xml, &urls.absolute(entry.url));
        xml.push_str("</loc>");
        if languages.len() > 1 {
            let tags = languages.iter().map(|l| l.tag.as_str());
            let default = (tags.clone().zip(entry.alternates))
                .take(1)
                .map(|(_, url)| ("x-default", url));
            for (tag, url) in tags.zip(entry.alternates).chain(default) {
                xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
                push_escaped(&mut xml, tag);
                xml.push_str("\" href=\"");
                push_escaped(&mut xml, &urls.absolute(url));
                xml.push_str("\"/>");
            }
        }
        xml.push_str("</url>\n");
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
        let pages: Vec<Vec<String>> = (0..SITEMAP_URLS + 1)
            .map(|i| vec![format!("/cities/c{i}/")])
            .collect();
        let files = sitemaps(&d, &pages);
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
        let small = sitemaps(&d, &pages[..2]);
        assert_eq!(small.len(), 1);
        assert!(String::from_utf8_lossy(&small[0].bytes).starts_with("<?xml"));
    }
}

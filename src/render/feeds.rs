//! Atom feeds of agreements and programs by date: one for the whole site and one per
//! engagement area. Entries without a known date cannot be placed in time and are left
//! out. Dates come from the content, never the clock, so feeds are deterministic.

use std::fmt::Write as _;

use super::OutputFile;
use crate::content::date::PartialDate;
use crate::content::model::Collection;
use crate::graph::{AgreementIx, Directory, ProgramIx};
use crate::xml::escape;

/// How many entries a feed carries.
const FEED_LENGTH: usize = 50;

/// A dated item of a feed.
struct Item<'a> {
    date: PartialDate,
    title: &'a str,
    summary: Option<&'a str>,
    url: String,
    category: &'static str,
}

/// The site-wide feed and one feed per area, as `feeds/*.xml`.
pub fn files(d: &Directory) -> Vec<OutputFile> {
    let all_agreements: Vec<AgreementIx> = (0..d.agreements.len())
        .map(|i| AgreementIx(i as u32))
        .collect();
    let all_programs: Vec<ProgramIx> = (0..d.programs.len()).map(|i| ProgramIx(i as u32)).collect();
    let mut files = vec![feed(
        d,
        "feeds/all.xml",
        &d.config.title,
        &all_agreements,
        &all_programs,
    )];
    for node in d.areas.iter() {
        let title = format!("{} — {}", d.config.title, node.area.name);
        let path = area_feed_path(node.area.id.as_str());
        files.push(feed(d, &path, &title, &node.agreements, &node.programs));
    }
    files
}

/// Where an area's feed is written; templates link it with the same path.
pub fn area_feed_path(area: &str) -> String {
    format!("feeds/{area}.xml")
}

fn items<'d>(
    d: &'d Directory,
    agreements: &[AgreementIx],
    programs: &[ProgramIx],
) -> Vec<Item<'d>> {
    let urls = &d.config.urls;
    let mut items: Vec<Item> = Vec::new();
    for &ix in agreements {
        let a = d.agreement(ix);
        if let Some(date) = a.signed {
            let url = urls.absolute(&urls.entry(Collection::Agreements, a.meta.id.as_str()));
            items.push(Item {
                date,
                title: &a.title,
                summary: a.meta.summary.as_deref(),
                url,
                category: a.kind.label(),
            });
        }
    }
    for &ix in programs {
        let p = d.program(ix);
        if let Some(date) = p.start {
            let url = urls.absolute(&urls.entry(Collection::Programs, p.meta.id.as_str()));
            items.push(Item {
                date,
                title: &p.title,
                summary: p.meta.summary.as_deref(),
                url,
                category: p.kind.label(),
            });
        }
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    items.truncate(FEED_LENGTH);
    items
}

fn feed(
    d: &Directory,
    path: &str,
    title: &str,
    agreements: &[AgreementIx],
    programs: &[ProgramIx],
) -> OutputFile {
    let urls = &d.config.urls;
    let items = items(d, agreements, programs);
    let self_url = urls.absolute(&urls.path(path));
    let updated = items
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |i| i.date.earliest_day());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    let _ = writeln!(xml, " xml:lang=\"{}\">", escape(&d.config.language));
    let _ = writeln!(xml, "  <title>{}</title>", escape(title));
    let _ = writeln!(xml, "  <id>{}</id>", escape(&self_url));
    let _ = writeln!(xml, "  <link rel=\"self\" href=\"{}\"/>", escape(&self_url));
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&d.config.base_url)
    );
    let _ = writeln!(xml, "  <updated>{updated}T00:00:00Z</updated>");
    let author = d.config.owner.as_deref().unwrap_or(&d.config.title);
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape(author));
    for item in &items {
        entry(&mut xml, item);
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: path.to_owned(),
        bytes: xml.into_bytes(),
    }
}

fn entry(xml: &mut String, item: &Item) {
    let _ = writeln!(xml, "  <entry>");
    let _ = writeln!(xml, "    <title>{}</title>", escape(item.title));
    let _ = writeln!(xml, "    <id>{}</id>", escape(&item.url));
    let _ = writeln!(
        xml,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&item.url)
    );
    let _ = writeln!(
        xml,
        "    <updated>{}T00:00:00Z</updated>",
        item.date.earliest_day()
    );
    let _ = writeln!(xml, "    <category term=\"{}\"/>", escape(item.category));
    if let Some(summary) = item.summary {
        let _ = writeln!(xml, "    <summary>{}</summary>", escape(summary));
    }
    let _ = writeln!(xml, "  </entry>");
}

//! Atom feeds, in each language: the events of partnerships (signed, renewed,
//! suspended, resumed, ended…, from each agreement's history and its `signed` date)
//! for the whole site and per engagement area, and programs by their start. An event
//! without a known date cannot be placed in time and is left out. Dates come from the
//! content, never the clock, so feeds are deterministic.

use std::fmt::Write as _;

use super::OutputFile;
use super::view::Views;
use crate::content::date::PartialDate;
use crate::content::model::{Collection, HistoryEvent};
use crate::graph::{AgreementIx, AreaIx, ProgramIx};
use crate::xml::escape;

/// How many entries a feed carries.
const FEED_LENGTH: usize = 50;

/// A dated item of a feed.
struct Item<'a> {
    date: PartialDate,
    title: String,
    summary: Option<&'a str>,
    /// Unique in the feed: the page's address, with the event's place for an event.
    id: String,
    url: String,
    category: &'a str,
    /// The theme's label when the entry is an example, not a real partnership.
    example: Option<&'a str>,
}

/// Where the feed of programs is written.
pub const PROGRAMS: &str = "feeds/programs.xml";

/// The site-wide feed of partnership events, one per area, and the feed of programs,
/// as `feeds/*.xml` of the views' language (under its prefix, for a language other
/// than the default).
pub fn files(views: &Views) -> Vec<OutputFile> {
    let d = views.d;
    let all_agreements: Vec<AgreementIx> = (0..d.agreements.len())
        .map(|i| AgreementIx(i as u32))
        .collect();
    let all_programs: Vec<ProgramIx> = (0..d.programs.len()).map(|i| ProgramIx(i as u32)).collect();
    let site_title = views.site_title();
    let events = |agreements: &[AgreementIx]| agreement_events(views, agreements);
    let mut files = vec![
        feed(views, "feeds/all.xml", site_title, events(&all_agreements)),
        feed(
            views,
            PROGRAMS,
            site_title,
            program_starts(views, &all_programs),
        ),
    ];
    for (i, node) in d.areas.iter().enumerate() {
        let title = format!("{site_title} — {}", views.area_name(AreaIx(i as u32)));
        let path = area_feed_path(node.area.id.as_str());
        files.push(feed(views, &path, &title, events(&node.agreements)));
    }
    files
}

/// Where an area's feed is written; templates link it with the same path.
pub fn area_feed_path(area: &str) -> String {
    format!("feeds/{area}.xml")
}

/// Every dated event of the agreements, newest first: the events of their history,
/// and their signing where the history does not tell it.
fn agreement_events<'d>(views: &Views<'d>, agreements: &[AgreementIx]) -> Vec<Item<'d>> {
    let (d, urls) = (views.d, views.urls());
    let mut items: Vec<Item> = Vec::new();
    for &ix in agreements {
        let a = d.agreement(ix);
        let url = urls.absolute(&urls.entry(Collection::Agreements, a.meta.id.as_str()));
        let title = views.agreement_title(ix);
        let summary = views.summary(Collection::Agreements, ix.0, &a.meta);
        let event = |event: HistoryEvent, date: PartialDate, id: String| Item {
            date,
            // Atom dates every entry to the second: the title says how precisely it is known.
            title: (views.word("feed_event"))
                .replace("{event}", views.label("event", event.as_str()))
                .replace("{date}", &views.locale().date(date))
                .replace("{title}", title),
            summary,
            id,
            url: url.clone(),
            category: views.label("agreement_kind", a.kind.as_str()),
            example: a.meta.example.then(|| views.word("example_entry")),
        };
        let told = a.history.iter().any(|h| h.event == HistoryEvent::Signed);
        if let (false, Some(date)) = (told, a.signed) {
            items.push(event(HistoryEvent::Signed, date, format!("{url}#signed")));
        }
        for (n, h) in a.history.iter().enumerate() {
            if let Some(date) = h.date {
                items.push(event(h.event, date, format!("{url}#event-{n}")));
            }
        }
    }
    newest_first(items)
}

/// The programs by their start, newest first.
fn program_starts<'d>(views: &Views<'d>, programs: &[ProgramIx]) -> Vec<Item<'d>> {
    let (d, urls) = (views.d, views.urls());
    let items = programs.iter().filter_map(|&ix| {
        let p = d.program(ix);
        let url = urls.absolute(&urls.entry(Collection::Programs, p.meta.id.as_str()));
        Some(Item {
            date: p.start?,
            title: views.program_title(ix).to_owned(),
            summary: views.summary(Collection::Programs, ix.0, &p.meta),
            id: url.clone(),
            url,
            category: views.label("program_kind", p.kind.as_str()),
            example: p.meta.example.then(|| views.word("example_entry")),
        })
    });
    newest_first(items.collect())
}

fn newest_first(mut items: Vec<Item>) -> Vec<Item> {
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    items.truncate(FEED_LENGTH);
    items
}

fn feed(views: &Views, path: &str, title: &str, items: Vec<Item>) -> OutputFile {
    let (d, urls) = (views.d, views.urls());
    let address = urls.localized(path);
    let self_url = urls.absolute(&address);
    let updated = items
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |i| i.date.earliest_day());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    let language = &views.site_language().tag;
    let _ = writeln!(xml, " xml:lang=\"{}\">", escape(language));
    let _ = writeln!(xml, "  <title>{}</title>", escape(title));
    let _ = writeln!(xml, "  <id>{}</id>", escape(&self_url));
    let _ = writeln!(xml, "  <link rel=\"self\" href=\"{}\"/>", escape(&self_url));
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&urls.absolute(&urls.home()))
    );
    let _ = writeln!(xml, "  <updated>{updated}T00:00:00Z</updated>");
    let owner = d.config.owner.as_ref().map(|o| o.get(views.language));
    let author = owner.unwrap_or(views.site_title());
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape(author));
    for item in &items {
        entry(&mut xml, item);
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: urls.output_file(&address),
        bytes: xml.into_bytes(),
    }
}

fn entry(xml: &mut String, item: &Item) {
    let _ = writeln!(xml, "  <entry>");
    let _ = writeln!(xml, "    <title>{}</title>", escape(&item.title));
    let _ = writeln!(xml, "    <id>{}</id>", escape(&item.id));
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
    if let Some(label) = item.example {
        let _ = writeln!(
            xml,
            "    <category term=\"example\" label=\"{}\"/>",
            escape(label)
        );
    }
    if let Some(summary) = item.summary {
        let _ = writeln!(xml, "    <summary>{}</summary>", escape(summary));
    }
    let _ = writeln!(xml, "  </entry>");
}

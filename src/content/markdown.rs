//! Markdown bodies to HTML, with pulldown-cmark (the only module that uses it).
//!
//! Besides rendering, this finds the links to other entries (`@cities/kyoto`), which it
//! rewrites to their addresses and returns for the link stage to check, and raw HTML,
//! which it leaves out unless the site allows it. Headings get ids from their text.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::id::slugify;
use super::model::{BodyLink, Collection};
use crate::urls::Urls;

/// What the checks need of a body. Spans are offsets into the whole file.
#[derive(Debug, Default)]
pub struct Found {
    pub links: Vec<BodyLink>,
    /// Raw HTML that is left out of the page.
    pub raw_html: Vec<Range<usize>>,
}

/// The entry links and the raw HTML of `body`, which starts at `offset` in its file,
/// without making its HTML: that is made on the body's page, by [`to_html`].
pub fn scan(body: &str, offset: usize, allow_html: bool) -> Found {
    let mut found = Found::default();
    // An entry link starts with `@` and raw HTML with `<`: without either there is
    // nothing to find, and no need to parse.
    if !body.contains(['@', '<']) {
        return found;
    }
    let pass = Pass::Scan {
        found: &mut found,
        offset,
    };
    events(body, allow_html, pass).for_each(drop);
    merge_raw_html_lines(&mut found.raw_html, body, offset);
    // Kept with the entry for the whole build: room to grow would be a third of it.
    found.links.shrink_to_fit();
    found
}

/// The HTML of `body`: entry links rewritten to addresses, raw HTML left out unless
/// allowed, ids on the headings.
pub fn to_html(body: &str, allow_html: bool, urls: &Urls) -> String {
    let kept = add_heading_ids(events(body, allow_html, Pass::Html { urls }));
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, kept);
    html
}

/// What a pass over a body is for.
enum Pass<'a> {
    /// Noting what the checks need; the body starts at `offset` in its file.
    Scan { found: &'a mut Found, offset: usize },
    /// Making the page, whose entry links go to these addresses.
    Html { urls: &'a Urls },
}

/// The events of `body` as its page shows them (raw HTML left out unless allowed), with
/// what `pass` does to them.
fn events<'a>(
    body: &'a str,
    allow_html: bool,
    mut pass: Pass<'a>,
) -> impl Iterator<Item = Event<'a>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(move |(event, range)| match (event, &mut pass) {
            (Event::Html(_) | Event::InlineHtml(_), pass) if !allow_html => {
                if let Pass::Scan { found, offset } = pass {
                    found
                        .raw_html
                        .push(*offset + range.start..*offset + range.end);
                }
                None
            }
            (Event::Start(Tag::Link { dest_url, .. }), Pass::Scan { found, offset }) => {
                record_link(
                    &dest_url,
                    &body[range.clone()],
                    range.start + *offset,
                    &mut found.links,
                );
                None
            }
            (
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }),
                Pass::Html { urls },
            ) => Some(Event::Start(Tag::Link {
                link_type,
                dest_url: link_address(dest_url, urls),
                title,
                id,
            })),
            (event, _) => Some(event),
        })
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Notes an entry link (`@cities/kyoto#history`) for the link stage; `written` is the
/// link's Markdown, which starts at `at` in the file.
fn record_link(dest: &str, written: &str, at: usize, links: &mut Vec<BodyLink>) {
    let Some((collection, id, _)) = entry_link(dest) else {
        return;
    };
    // Compared window by window from the end, where the address is: `rfind` would set
    // up a substring searcher for each link, which cost more than the search.
    let found = written
        .as_bytes()
        .windows(dest.len())
        .rposition(|window| window == dest.as_bytes());
    let start = at + found.unwrap_or(0);
    links.push(BodyLink {
        collection,
        id: id.into(),
        span: start..start + dest.len(),
    });
}

/// Where an entry link goes: the collection named by its folder (if any is), the id and
/// the fragment. `None` for links that are not entry links.
fn entry_link(dest: &str) -> Option<(Option<Collection>, &str, Option<&str>)> {
    let target = dest.strip_prefix('@')?;
    let (path, fragment) = target
        .split_once('#')
        .map_or((target, None), |(p, f)| (p, Some(f)));
    let (folder, id) = path
        .trim_end_matches('/')
        .split_once('/')
        .unwrap_or(("", path));
    Some((Collection::from_folder(folder), id, fragment))
}

/// `@cities/kyoto#history` becomes the entry's address; `javascript:` links are
/// neutralised; everything else is kept as written.
fn link_address<'a>(dest: CowStr<'a>, urls: &Urls) -> CowStr<'a> {
    let scheme = dest.trim_start().get(..11);
    if scheme.is_some_and(|s| s.eq_ignore_ascii_case("javascript:")) {
        return CowStr::Borrowed("#");
    }
    let Some((Some(collection), id, fragment)) = entry_link(&dest) else {
        return dest;
    };
    let mut url = urls.entry(collection, id);
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url.into()
}

/// pulldown-cmark reports an HTML block line by line; one warning per block is enough.
fn merge_raw_html_lines(spans: &mut Vec<Range<usize>>, body: &str, offset: usize) {
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans.drain(..) {
        match merged.last_mut() {
            Some(last)
                if body[last.end - offset..span.start - offset]
                    .trim()
                    .is_empty() =>
            {
                last.end = span.end;
            }
            _ => merged.push(span),
        }
    }
    *spans = merged;
}

/// Gives every heading without an explicit `{#id}` an id made from its text, unique
/// within the body, so that sections can be linked to. Only a heading's own events wait
/// for its end, where its text is known; the others go straight through (collecting
/// them all first was some 7 % of the time spent making a body's HTML).
fn add_heading_ids<'a>(
    mut events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    let mut used: HashSet<String> = HashSet::new();
    let mut heading = Vec::new().into_iter();
    std::iter::from_fn(move || {
        if let Some(event) = heading.next() {
            return Some(event);
        }
        match events.next()? {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner: Vec<Event> = events
                    .by_ref()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .collect();
                let id = id.unwrap_or_else(|| unique_id(&heading_text(&inner), &mut used).into());
                used.insert(id.to_string());
                let mut whole = Vec::with_capacity(inner.len() + 2);
                whole.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id),
                    classes,
                    attrs,
                }));
                whole.extend(inner);
                whole.push(Event::End(TagEnd::Heading(level)));
                heading = whole.into_iter();
                heading.next()
            }
            event => Some(event),
        }
    })
}

fn heading_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

fn unique_id(text: &str, used: &mut HashSet<String>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "section".to_owned(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The HTML and what the checks find, of a body at offset 100.
    struct Rendered {
        html: String,
        links: Vec<BodyLink>,
        raw_html: Vec<Range<usize>>,
    }

    fn render(body: &str, allow_html: bool) -> Rendered {
        let urls = Urls::new("https://example.org/sub/");
        let Found { links, raw_html } = scan(body, 100, allow_html);
        Rendered {
            html: to_html(body, allow_html, &urls),
            links,
            raw_html,
        }
    }

    fn html(body: &str) -> Rendered {
        render(body, false)
    }

    #[test]
    fn rewrites_entry_links_and_records_them() {
        let body = "See [Kraków](@cities/krakow#history) and [x](https://example.org).";
        let out = html(body);
        assert!(
            out.html
                .contains(r#"<a href="/sub/cities/krakow/#history">Kraków</a>"#),
            "{}",
            out.html
        );
        assert!(out.html.contains(r#"href="https://example.org""#));
        assert_eq!(out.links.len(), 1);
        let link = &out.links[0];
        assert_eq!(
            (link.collection, &*link.id),
            (Some(Collection::Cities), "krakow")
        );
        assert_eq!(
            &body[link.span.start - 100..link.span.end - 100],
            "@cities/krakow#history"
        );
    }

    #[test]
    fn bodies_without_entry_links_or_html_find_nothing() {
        for body in [
            "Plain *text*, [a link](https://example.org).",
            "Mail [us](mailto:a@b.org) or <https://example.org>.",
        ] {
            let out = html(body);
            assert!(out.links.is_empty() && out.raw_html.is_empty(), "{body}");
            assert!(
                out.html.contains("href=\"https://example.org\""),
                "{}",
                out.html
            );
        }
    }

    #[test]
    fn unknown_collections_are_reported_not_rewritten() {
        let out = html("[x](@city/kyoto)");
        assert!(out.links[0].collection.is_none());
        assert!(out.html.contains(r#"href="@city/kyoto""#));
    }

    #[test]
    fn leaves_out_raw_html_with_its_place() {
        let body = "Text <b>bold</b>\n\n<div>\nblock\n</div>\n";
        let out = html(body);
        assert!(
            !out.html.contains("<b>") && !out.html.contains("<div>"),
            "{}",
            out.html
        );
        // `<b>`, then `</b>` merged with the block that follows after blank lines only.
        assert_eq!(out.raw_html.len(), 2, "{:?}", out.raw_html);
        let allowed = render(body, true);
        assert!(allowed.html.contains("<div>") && allowed.raw_html.is_empty());
    }

    #[test]
    fn neutralises_javascript_links() {
        assert!(
            html("[x](javascript:alert(1))")
                .html
                .contains(r##"href="#""##)
        );
    }

    #[test]
    fn extensions_and_heading_ids() {
        let out = html(
            "# Über uns\n\n## Über uns\n\n## Own {#mine}\n\n| a |\n|---|\n| b |\n\n~~no~~ \"quoted\"[^1]\n\n[^1]: Note.\n\n- [x] done\n",
        );
        for part in [
            r#"<h1 id="uber-uns">"#,
            r#"<h2 id="uber-uns-2">"#,
            r#"<h2 id="mine">"#,
            "<table>",
            "<del>no</del>",
            "“quoted”",
            "footnote-definition",
            r#"type="checkbox""#,
        ] {
            assert!(out.html.contains(part), "{part} missing in {}", out.html);
        }
    }
}

//! The statistics page: the agreements in force year by year, those signed per decade, by
//! engagement area and by country, each as a chart drawn at build time
//! ([`crate::svg::step_chart`], [`crate::svg::bar_chart`]) and as the table that screen
//! readers and text browsers read instead; and the most connected cities, the text
//! alternative of the home page's map.
//!
//! Input: the directory and the theme's words (the charts' titles). Output: a
//! [`StatisticsView`] for `statistics.html`. Invariants: one pass over the agreements and
//! the countries, so the page costs time linear in the content; areas and countries come
//! most agreements first; the country chart draws at most [`CHART_COUNTRIES`] bars while
//! its table lists every country; decades without an agreement between the first and the
//! last are bars of 0 and rows of 0.

use std::collections::BTreeMap;

use serde::Serialize;

use super::maps::most_connected;
use super::view::{CityRef, Views};
use crate::content::model::{Agreement, AgreementStatus};
use crate::graph::{AreaIx, CountryIx, Directory};
use crate::svg::{Bar, bar_chart, step_chart};

/// At most this many countries in the country chart.
pub const CHART_COUNTRIES: usize = 10;

#[derive(Serialize)]
pub struct StatisticsView<'a> {
    /// All agreements, and those without a known signing date (left out of `per_decade`).
    pub agreements: usize,
    pub undated: usize,
    /// Agreements in force at the end of each year; the table has the years of change.
    pub in_force: Chart,
    /// Agreements that ended at an unknown date, left out of `in_force`.
    pub in_force_undated: usize,
    pub per_decade: Chart,
    pub per_area: Chart,
    pub per_country: Chart,
    /// The cities of the home map, most partners first.
    pub most_connected: Vec<Connected<'a>>,
}

/// A chart and its data as table rows.
#[derive(Serialize)]
pub struct Chart {
    /// The `<svg>`, empty when there is no data: print it with `| safe`.
    pub svg: String,
    pub rows: Vec<Row>,
    /// How many rows the chart draws (the first ones).
    pub drawn: usize,
}

#[derive(Serialize)]
pub struct Row {
    pub label: String,
    /// The page of the area or country, if it has one.
    pub url: Option<String>,
    pub count: u64,
}

#[derive(Serialize)]
pub struct Connected<'a> {
    pub city: CityRef<'a>,
    pub partners: usize,
}

pub fn statistics<'a>(views: &Views<'a>) -> StatisticsView<'a> {
    let d = views.d;
    let word = |key: &str| (views.words.get(key).cloned()).unwrap_or_else(|| key.to_owned());
    let (in_force, in_force_undated) = in_force(d, &word("stats_in_force"));
    StatisticsView {
        agreements: d.agreements.len(),
        undated: d.agreements.iter().filter(|a| a.signed.is_none()).count(),
        in_force,
        in_force_undated,
        per_decade: per_decade(d, &word("stats_per_decade")),
        per_area: per_area(views, &word("stats_per_area")),
        per_country: per_country(views, &word("stats_per_country")),
        most_connected: most_connected(d)
            .into_iter()
            .map(|(c, partners)| Connected {
                city: views.city_ref(c),
                partners,
            })
            .collect(),
    }
}

/// Decades from the first signing to the last, as "1960–1969", gaps as bars of 0.
fn per_decade(d: &Directory, title: &str) -> Chart {
    let mut decades: BTreeMap<u16, u64> = BTreeMap::new();
    for year in d
        .agreements
        .iter()
        .filter_map(|a| a.signed.map(|s| s.year()))
    {
        *decades.entry(year / 10 * 10).or_default() += 1;
    }
    let (Some(&first), Some(&last)) = (decades.keys().next(), decades.keys().next_back()) else {
        return Chart::empty();
    };
    let rows: Vec<Row> = (first..=last)
        .step_by(10)
        .map(|decade| Row {
            label: format!("{decade}–{}", decade + 9),
            url: None,
            count: decades.get(&decade).copied().unwrap_or(0),
        })
        .collect();
    Chart::bars(title, rows, usize::MAX)
}

/// Agreements in force at the end of each year, from the first dated change to the last,
/// and how many agreements were left out because they ended at an unknown date.
fn in_force(d: &Directory, title: &str) -> (Chart, usize) {
    // Per agreement, its dated changes: (year, in force afterwards), in order.
    let mut changes: BTreeMap<u16, i64> = BTreeMap::new();
    let mut undated = 0;
    for a in d.agreements.iter() {
        let Some(timeline) = in_force_timeline(a) else {
            undated += 1;
            continue;
        };
        // Only the state at each year's end counts: a change undone within the year is none.
        let mut by_year: BTreeMap<u16, bool> = BTreeMap::new();
        for (year, on) in timeline {
            by_year.insert(year, on);
        }
        let mut was = false;
        for (year, on) in by_year {
            if on != was {
                *changes.entry(year).or_default() += if on { 1 } else { -1 };
                was = on;
            }
        }
    }
    let (Some(&first), Some(&last)) = (changes.keys().next(), changes.keys().next_back()) else {
        return (Chart::empty(), undated);
    };
    let mut count: i64 = 0;
    let mut values = Vec::new();
    let mut rows = Vec::new();
    for year in first..=last {
        if let Some(delta) = changes.get(&year) {
            count += delta;
            rows.push(Row {
                label: year.to_string(),
                url: None,
                count: count.max(0) as u64,
            });
        }
        values.push(count.max(0) as u64);
    }
    let chart = Chart {
        svg: step_chart(title, first, &values),
        drawn: rows.len(),
        rows,
    };
    (chart, undated)
}

/// An agreement's dated changes in or out of force, in order: signing, then each dated
/// history event that sets a status (in force when it sets `active`), then the date of an
/// end that no event dates (an expiry). `None` when it is no longer in force and nothing
/// dates its end; empty when nothing is dated.
fn in_force_timeline(a: &Agreement) -> Option<Vec<(u16, bool)>> {
    let mut timeline: Vec<(u16, bool)> = a.signed.iter().map(|s| (s.year(), true)).collect();
    for h in &a.history {
        if let (Some(date), Some(status)) = (h.date, h.event.sets_status()) {
            timeline.push((date.year(), status == AgreementStatus::Active));
        }
    }
    timeline.sort_by_key(|&(year, _)| year);
    let ended = !matches!(
        a.status,
        AgreementStatus::Active | AgreementStatus::Dormant | AgreementStatus::Proposed
    );
    if ended && timeline.last().is_none_or(|&(_, on)| on) {
        // The end is not among the dated events: take the date the status has, if any.
        timeline.push((a.status_since()?.year(), false));
    }
    Some(timeline)
}

/// Every engagement area with its agreements, most first.
fn per_area(views: &Views, title: &str) -> Chart {
    let d = views.d;
    let mut rows: Vec<Row> = (0..d.areas.len())
        .map(|i| {
            let area = d.area(AreaIx(i as u32));
            Row {
                label: views.area_name(AreaIx(i as u32)).to_owned(),
                url: Some(views.urls().area(area.area.id.as_str())),
                count: area.agreements.len() as u64,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    Chart::bars(title, rows, usize::MAX)
}

/// Countries by their number of agreements (an agreement counts for each country of its
/// parties; with `home:`, of its partners abroad), most first; the chart draws the first
/// [`CHART_COUNTRIES`].
fn per_country(views: &Views, title: &str) -> Chart {
    let d = views.d;
    let counts = agreements_by_country(d);
    let mut rows: Vec<Row> = (0..d.countries.len())
        .map(|i| {
            let node = d.country(CountryIx(i as u32));
            Row {
                label: super::view::country_name(views.locale(), node.code.as_str()).to_owned(),
                url: Some(views.urls().country(&node.code.slug())),
                count: counts[i],
            }
        })
        .filter(|r| r.count > 0)
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    Chart::bars(title, rows, CHART_COUNTRIES)
}

/// Per country, parallel to `d.countries`: its agreements, or with `home:` the
/// agreements with a partner abroad there (a party abroad beside one of ours).
fn agreements_by_country(d: &Directory) -> Vec<u64> {
    if !d.side.declared() {
        return d
            .countries
            .iter()
            .map(|c| c.agreements.len() as u64)
            .collect();
    }
    let mut counts = vec![0; d.countries.len()];
    for links in d.agreement_links.iter() {
        if !links.parties.iter().any(|&p| d.side.is_ours(p)) {
            continue;
        }
        let mut countries: Vec<CountryIx> = (links.parties.iter())
            .filter(|&&p| !d.side.is_ours(p))
            .filter_map(|p| d.city_links[p.index()].country)
            .collect();
        countries.sort_unstable();
        countries.dedup();
        for c in countries {
            counts[c.index()] += 1;
        }
    }
    counts
}

impl Chart {
    fn empty() -> Chart {
        Chart {
            svg: String::new(),
            rows: Vec::new(),
            drawn: 0,
        }
    }

    /// A bar chart of the first `max` rows; no chart when every count is 0.
    fn bars(title: &str, rows: Vec<Row>, max: usize) -> Chart {
        if rows.iter().all(|r| r.count == 0) {
            return Chart::empty();
        }
        let drawn = rows.len().min(max);
        let bars: Vec<Bar> = rows[..drawn]
            .iter()
            .map(|r| Bar {
                label: &r.label,
                value: r.count,
            })
            .collect();
        Chart {
            svg: bar_chart(title, &bars),
            rows,
            drawn,
        }
    }
}

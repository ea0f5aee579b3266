//! The home page's view: the directory at a glance.

use serde::Serialize;

use super::maps;
use super::site::{Counts, counts};
use super::view::{self, Views};
use crate::anniversaries;
use crate::graph::{AgreementIx, AreaIx, CountryIx};

#[derive(Serialize)]
pub struct HomeView<'a> {
    latest_agreements: Vec<view::AgreementRef<'a>>,
    areas: Vec<view::AreaSummary<'a>>,
    countries: Vec<view::CountryRef<'a>>,
    counts: Counts,
    /// The numbers "at a glance", each linked to its list.
    glance: Vec<Glance>,
    statuses: Vec<StatusCount<'a>>,
    pub map: Option<maps::MapView>,
    anniversaries: Option<Anniversaries<'a>>,
}

/// The round anniversaries in the year of the content date and the next: the site's
/// "now" comes from its content, so that a build does not depend on the day it runs.
#[derive(Serialize)]
struct Anniversaries<'a> {
    this_year: u16,
    next_year: u16,
    items: Vec<AnniversaryItem<'a>>,
}

#[derive(Serialize)]
struct AnniversaryItem<'a> {
    years: u16,
    /// ISO, as precise as the signing: `2026-05-18`, `2026-05`, `2026`.
    date: String,
    date_human: String,
    agreement: view::AgreementRef<'a>,
}

fn anniversaries<'d>(views: &Views<'d>) -> Option<Anniversaries<'d>> {
    let this_year = anniversaries::content_date(views.d)?.year();
    let next_year = this_year + 1;
    let items: Vec<AnniversaryItem> = (anniversaries::in_years(views.d, this_year..=next_year))
        .into_iter()
        .map(|a| AnniversaryItem {
            years: a.years,
            date: a.date.to_string(),
            date_human: views.locale().date(a.date),
            agreement: views.agreement_ref(a.agreement),
        })
        .collect();
    (!items.is_empty()).then_some(Anniversaries {
        this_year,
        next_year,
        items,
    })
}

#[derive(Serialize)]
struct Glance {
    /// The key of its words in `t`.
    label: &'static str,
    /// The key of the list it links to in `site.urls`.
    list: &'static str,
    /// The list's filter for it (`?side=partner`), or empty.
    filter: &'static str,
    count: usize,
}

/// With `home:`, partners abroad, their countries and our own cities rather than all
/// cities and countries together (and no areas, which the page shows below, so that
/// the row keeps five numbers).
fn glance(c: &Counts) -> Vec<Glance> {
    let item = |label, list, count| Glance {
        label,
        list,
        filter: "",
        count,
    };
    let side = |label, filter, count| Glance {
        label,
        list: "cities",
        filter,
        count,
    };
    let lists = [
        item("agreements", "agreements", c.agreements),
        item("programs", "programs", c.programs),
    ];
    match c.home {
        true => [
            side("partners_abroad", "?side=partner", c.partners_abroad),
            item("partner_countries", "countries", c.partner_countries),
            side("home_cities", "?side=ours", c.home_cities),
        ]
        .into_iter()
        .chain(lists)
        .collect(),
        false => [item("cities", "cities", c.cities)]
            .into_iter()
            .chain(lists)
            .chain([
                item("countries", "countries", c.countries),
                item("areas", "areas", c.areas),
            ])
            .collect(),
    }
}

#[derive(Serialize)]
struct StatusCount<'d> {
    status: &'static str,
    /// In the page's language.
    label: &'d str,
    count: usize,
}

pub fn home<'d>(views: &Views<'d>) -> HomeView<'d> {
    let d = views.d;
    let mut signed: Vec<usize> = (0..d.agreements.len())
        .filter(|&i| d.agreements[i].signed.is_some())
        .collect();
    signed.sort_by(|&a, &b| {
        d.agreements[b]
            .signed
            .cmp(&d.agreements[a].signed)
            .then(a.cmp(&b))
    });
    // With `home:`, the countries of the partners abroad, by their number.
    let cities: Vec<usize> = match d.side.declared() {
        true => d.partners_abroad_by_country(),
        false => d.countries.iter().map(|c| c.cities.len()).collect(),
    };
    let mut countries: Vec<usize> = (0..d.countries.len()).filter(|&i| cities[i] > 0).collect();
    countries.sort_by_key(|&i| std::cmp::Reverse(cities[i]));
    let counts = counts(d);
    let statuses = crate::content::model::AgreementStatus::ALL
        .iter()
        .map(|&s| StatusCount {
            status: s.as_str(),
            label: views.label("agreement_status", s.as_str()),
            count: d.agreements.iter().filter(|a| a.status == s).count(),
        })
        .filter(|s| s.count > 0)
        .collect();
    HomeView {
        latest_agreements: signed
            .into_iter()
            .take(8)
            .map(|i| views.agreement_ref(AgreementIx(i as u32)))
            .collect(),
        areas: (0..d.areas.len())
            .map(|i| views.area_summary(AreaIx(i as u32)))
            .collect(),
        countries: countries
            .into_iter()
            .take(12)
            .map(|i| view::CountryRef {
                cities: cities[i],
                ..views.country_ref(CountryIx(i as u32))
            })
            .collect(),
        glance: glance(&counts),
        counts,
        statuses,
        map: None,
        anniversaries: anniversaries(views),
    }
}

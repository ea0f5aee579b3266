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
    statuses: Vec<StatusCount>,
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
struct StatusCount {
    status: &'static str,
    label: &'static str,
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
    let mut countries: Vec<usize> = (0..d.countries.len()).collect();
    countries.sort_by_key(|&i| std::cmp::Reverse(d.countries[i].cities.len()));
    let statuses = crate::content::model::AgreementStatus::ALL
        .iter()
        .map(|&s| StatusCount {
            status: s.as_str(),
            label: s.label(),
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
            .map(|i| views.country_ref(CountryIx(i as u32)))
            .collect(),
        counts: counts(d),
        statuses,
        map: None,
        anniversaries: anniversaries(views),
    }
}

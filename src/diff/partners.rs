//! Partnerships compared: agreements started, changed and ended, and what that does to
//! each city (partners, partner countries, engagement areas).
//!
//! Input: both directories and `moved`, which reads an id of the old side as the id it
//! has on the new side (the same id unless the file was renamed). Output: changes in
//! the order a reviewer reads them. Invariant: partners are counted through agreements
//! in force only (active, dormant or suspended), so a termination loses a partner and
//! a renewal changes none.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Change, Named};
use crate::content::model::{Agreement, AgreementStatus, Collection, HistoryEntry};
use crate::graph::{AgreementLinks, Directory};

/// Reads an old id as the new side's id.
pub type Moved<'a> = dyn Fn(Collection, &str) -> String + 'a;

/// One side's agreements by (new-side) id, with the names of the side's cities.
struct Side<'a> {
    agreements: BTreeMap<String, (&'a Agreement, &'a AgreementLinks)>,
    names: HashMap<&'a str, &'a str>,
}

impl<'a> Side<'a> {
    fn new(d: Option<&'a Directory>, moved: &Moved) -> Self {
        let Some(d) = d else {
            return Side {
                agreements: BTreeMap::new(),
                names: HashMap::new(),
            };
        };
        let agreements = d
            .agreements
            .iter()
            .zip(d.agreement_links.iter())
            .map(|(a, l)| (moved(Collection::Agreements, a.meta.id.as_str()), (&**a, l)))
            .collect();
        let names = d
            .cities
            .iter()
            .map(|c| (c.meta.id.as_str(), c.name.as_str()))
            .collect();
        Side { agreements, names }
    }

    fn city(&self, id: &str) -> Named {
        match self.names.get(id) {
            Some(name) => Named::new(id, *name),
            None => Named {
                unknown: true,
                ..Named::new(id, id)
            },
        }
    }

    fn parties(&self, a: &Agreement) -> Vec<Named> {
        a.parties.iter().map(|r| self.city(r.id.as_str())).collect()
    }
}

fn agreement_named(a: &Agreement) -> Named {
    Named::new(a.meta.id.to_string(), a.title.clone())
}

/// New agreements, status changes, new history events, removed agreements.
pub fn agreements(from: Option<&Directory>, to: Option<&Directory>, moved: &Moved) -> Vec<Change> {
    let old = Side::new(from, moved);
    let new = Side::new(to, &|_, id: &str| id.to_owned());
    let (mut added, mut status, mut history, mut removed) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, (a, _)) in &new.agreements {
        let Some((before, _)) = old.agreements.get(id) else {
            added.push(Change::AgreementAdded {
                agreement: agreement_named(a),
                kind: a.kind.as_str().to_owned(),
                parties: new.parties(a),
                status: a.status.as_str().to_owned(),
                signed: a.signed.map(|d| d.to_string()),
            });
            continue;
        };
        let events = new_events(before, a);
        let cause = (before.status != a.status)
            .then(|| cause(a, &events))
            .flatten();
        if before.status != a.status {
            status.push(Change::StatusChanged {
                agreement: agreement_named(a),
                parties: new.parties(a),
                from: before.status.as_str().to_owned(),
                to: a.status.as_str().to_owned(),
                date: cause.and_then(|h| h.date).map(|d| d.to_string()),
                by: cause
                    .and_then(|h| h.by.as_ref())
                    .map(|r| new.city(r.id.as_str())),
            });
        }
        for event in events
            .into_iter()
            .filter(|e| cause.is_none_or(|c| !std::ptr::eq(*e, c)))
        {
            history.push(Change::HistoryAdded {
                agreement: agreement_named(a),
                parties: new.parties(a),
                event: event.event.as_str().to_owned(),
                date: event.date.map(|d| d.to_string()),
                by: event.by.as_ref().map(|r| new.city(r.id.as_str())),
                note: event.note.clone(),
            });
        }
    }
    for (id, (a, _)) in &old.agreements {
        if !new.agreements.contains_key(id) {
            removed.push(Change::AgreementRemoved {
                agreement: agreement_named(a),
                parties: old.parties(a),
                status: a.status.as_str().to_owned(),
            });
        }
    }
    [added, status, history, removed].concat()
}

/// The events of `new`'s history that `old`'s has not.
fn new_events<'a>(old: &Agreement, new: &'a Agreement) -> Vec<&'a HistoryEntry> {
    let key = |h: &HistoryEntry| (h.date, h.event, h.by.as_ref().map(|r| r.id.to_string()));
    let before: BTreeSet<_> = old.history.iter().map(key).collect();
    new.history
        .iter()
        .filter(|h| !before.contains(&key(h)))
        .collect()
}

/// The event that set the agreement's status: the latest new one that sets it, else
/// the latest of the whole history that does.
fn cause<'a>(a: &'a Agreement, new_events: &[&'a HistoryEntry]) -> Option<&'a HistoryEntry> {
    let sets = |h: &&HistoryEntry| h.event.sets_status() == Some(a.status);
    new_events
        .iter()
        .rev()
        .copied()
        .find(sets)
        .or_else(|| a.history.iter().rev().find(sets))
}

/// Agreements that make their parties partners.
fn in_force(status: AgreementStatus) -> bool {
    matches!(
        status,
        AgreementStatus::Active | AgreementStatus::Dormant | AgreementStatus::Suspended
    )
}

/// What one city has on one side: partner → agreements, partner countries, areas.
#[derive(Default)]
struct Ties {
    name: String,
    partners: BTreeMap<String, BTreeSet<String>>,
    countries: BTreeMap<String, String>,
    areas: BTreeMap<String, String>,
}

/// Each city's ties, by (new-side) id.
fn ties(d: Option<&Directory>, moved: &Moved) -> BTreeMap<String, Ties> {
    let mut all: BTreeMap<String, Ties> = BTreeMap::new();
    let Some(d) = d else {
        return all;
    };
    let city_id = |ix: crate::graph::CityIx| moved(Collection::Cities, d.city(ix).meta.id.as_str());
    for (city, links) in d.cities.iter().zip(d.city_links.iter()) {
        let ties = all
            .entry(moved(Collection::Cities, city.meta.id.as_str()))
            .or_default();
        ties.name = city.name.clone();
        for area in &links.effective_areas {
            let area = &d.area(*area).area;
            ties.areas
                .insert(area.id.to_string(), area.name.default_text().to_owned());
        }
    }
    for (a, links) in d.agreements.iter().zip(d.agreement_links.iter()) {
        if !in_force(a.status) {
            continue;
        }
        let agreement = moved(Collection::Agreements, a.meta.id.as_str());
        for &one in &links.parties {
            for &other in links.parties.iter().filter(|&&o| o != one) {
                let country = d.city(other).country;
                let ties = all.entry(city_id(one)).or_default();
                let partner = ties.partners.entry(city_id(other)).or_default();
                partner.insert(agreement.clone());
                ties.countries
                    .insert(country.as_str().to_owned(), country.name().to_owned());
            }
        }
    }
    all
}

/// For each city on both sides: partners, partner countries and areas gained and lost.
pub fn cities(from: Option<&Directory>, to: Option<&Directory>, moved: &Moved) -> Vec<Change> {
    let old = ties(from, moved);
    let new = ties(to, &|_, id: &str| id.to_owned());
    let mut changes = Vec::new();
    for (id, now) in &new {
        let Some(before) = old.get(id) else {
            continue;
        };
        let city = Named::new(id.clone(), now.name.clone());
        let partner_name = |p: &str| {
            let name = new
                .get(p)
                .or_else(|| old.get(p))
                .map_or(p, |t| t.name.as_str());
            Named::new(p.to_owned(), name.to_owned())
        };
        for (p, agreements) in only(&now.partners, &before.partners) {
            changes.push(Change::PartnerGained {
                city: city.clone(),
                partner: partner_name(p),
                agreements: agreements.iter().cloned().collect(),
            });
        }
        for (p, agreements) in only(&before.partners, &now.partners) {
            changes.push(Change::PartnerLost {
                city: city.clone(),
                partner: partner_name(p),
                agreements: agreements.iter().cloned().collect(),
            });
        }
        changes.extend(named_sets(&city, &now.countries, &before.countries, true));
        changes.extend(named_sets(&city, &now.areas, &before.areas, false));
    }
    changes
}

fn only<'a, V>(
    these: &'a BTreeMap<String, V>,
    those: &'a BTreeMap<String, V>,
) -> impl Iterator<Item = (&'a str, &'a V)> {
    these
        .iter()
        .filter(|(k, _)| !those.contains_key(*k))
        .map(|(k, v)| (k.as_str(), v))
}

/// Countries (or areas) gained, then lost.
fn named_sets(
    city: &Named,
    now: &BTreeMap<String, String>,
    before: &BTreeMap<String, String>,
    countries: bool,
) -> Vec<Change> {
    let named = |(id, name): (&str, &String)| Named::new(id.to_owned(), name.clone());
    let gained = only(now, before).map(named).map(|n| match countries {
        true => Change::CountryGained {
            city: city.clone(),
            country: n,
        },
        false => Change::AreaGained {
            city: city.clone(),
            area: n,
        },
    });
    let lost = only(before, now).map(named).map(|n| match countries {
        true => Change::CountryLost {
            city: city.clone(),
            country: n,
        },
        false => Change::AreaLost {
            city: city.clone(),
            area: n,
        },
    });
    gained.chain(lost).collect()
}

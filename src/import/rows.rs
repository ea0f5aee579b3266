//! Rows into entries: a partnership sheet (two cities by name, and what is known of
//! their agreement), or Amicus's own cities and agreements tables by id.

use std::path::Path;

use super::columns::Field;
use super::directory::Directory;
use super::{Columns, Problem, values};
use crate::content::id::{Id, first_non_latin, slugify};
use crate::content::model::{AgreementKind, AgreementStatus, Collection, Level};
use crate::scaffold::templates::yaml_string;

/// What a table holds, from its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One partnership a row: city and partner city by name.
    Partnerships,
    /// `data/agreements.csv`: agreements by id, parties by city id.
    Agreements,
    /// `data/cities.csv`: cities by id.
    Cities,
}

impl Shape {
    /// The shape of a table with these columns, or what is missing (the caller adds
    /// the file's columns and the way to map them).
    pub fn of(columns: &Columns) -> Result<Self, &'static str> {
        let has = |f| columns.contains_key(&f);
        if has(Field::Partner) && has(Field::City) {
            Ok(Self::Partnerships)
        } else if has(Field::Partner) {
            Err(
                "no column names the city whose partner each row gives; name it with `--map city=COLUMN`",
            )
        } else if has(Field::Parties) && has(Field::Id) {
            Ok(Self::Agreements)
        } else if has(Field::Id) && has(Field::Name) && has(Field::Country) {
            Ok(Self::Cities)
        } else {
            Err(
                "no column names the partner city; name it with `--map partner-city=COLUMN`, and the city with `--map city=COLUMN`",
            )
        }
    }
}

/// A row's cells by field, and the problems found reading them.
struct Row<'a> {
    number: usize,
    cells: &'a [String],
    problems: Vec<(Option<Field>, String)>,
}

pub struct Sheet<'a> {
    pub file: &'a Path,
    pub headers: &'a [String],
    pub columns: &'a Columns,
    pub directory: &'a mut Directory,
    pub problems: &'a mut Vec<Problem>,
}

impl Sheet<'_> {
    pub fn import(&mut self, shape: Shape, rows: &[(usize, Vec<String>)]) {
        let mut parents = Vec::new();
        for (number, cells) in rows {
            let mut row = Row {
                number: *number,
                cells,
                problems: Vec::new(),
            };
            match shape {
                Shape::Partnerships => self.partnership(&mut row),
                Shape::Agreements => self.agreement(&mut row),
                Shape::Cities => {
                    if let Some(parent) = self.city(&mut row) {
                        parents.push((*number, parent));
                    }
                }
            }
            self.report(row);
        }
        // A parent may come later in the table than its children.
        for (number, parent) in parents {
            if !self.directory.cities.contains_key(&parent) {
                self.report(Row {
                    number,
                    cells: &[],
                    problems: vec![(
                        Some(Field::Parent),
                        format!("there is no city `{parent}` in the directory or the table"),
                    )],
                });
            }
        }
    }

    fn report(&mut self, row: Row) {
        for (field, message) in row.problems {
            let column = field
                .and_then(|f| self.columns.get(&f))
                .map(|&i| (i + 1, self.headers.get(i).cloned().unwrap_or_default()));
            self.problems.push(Problem {
                file: self.file.to_path_buf(),
                row: row.number,
                column,
                message,
            });
        }
    }

    /// The text of a field's cell, `None` when there is no such column or it is empty.
    fn cell<'r>(&self, row: &Row<'r>, field: Field) -> Option<&'r str> {
        let &index = self.columns.get(&field)?;
        row.cells
            .get(index)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// A field's cell read with `parse`; a problem for the row when it does not read.
    fn value<T>(
        &self,
        row: &mut Row,
        field: Field,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.cell(row, field)?;
        parse(text)
            .map_err(|e| row.problems.push((Some(field), e)))
            .ok()
    }

    fn required<'r>(&self, row: &mut Row<'r>, field: Field, what: &str) -> Option<&'r str> {
        let text = self.cell(row, field);
        if text.is_none() {
            row.problems
                .push((Some(field), format!("the {what} is empty")));
        }
        text
    }

    fn partnership(&mut self, row: &mut Row) {
        let city = self.required(row, Field::City, "city");
        let partner = self.required(row, Field::Partner, "partner city");
        let country = self.value(row, Field::Country, values::country);
        let partner_country = self.value(row, Field::PartnerCountry, values::country);
        let signed = self.value(row, Field::Since, values::date);
        let kind = self.value(row, Field::Kind, values::kind);
        let status = self.value(row, Field::Status, values::status);
        let areas = self.value(row, Field::Areas, |t| self.areas(t));
        let source = self.value(row, Field::Source, source);
        let (Some(city), Some(partner)) = (city, partner) else {
            return;
        };
        if !row.problems.is_empty() {
            return;
        }
        let Some(city) = self.city_named(
            row,
            Field::City,
            city,
            country.map(|c| c.as_str().to_owned()),
        ) else {
            return;
        };
        let Some(partner) = self.city_named(
            row,
            Field::Partner,
            partner,
            partner_country.map(|c| c.as_str().to_owned()),
        ) else {
            return;
        };
        if city == partner {
            row.problems.push((
                Some(Field::Partner),
                format!("a city cannot be its own partner (`{city}`)"),
            ));
            return;
        }
        let parties = vec![city, partner];
        let mut keys: Vec<(&str, String)> = Vec::new();
        if let Some(kind) = kind {
            keys.push(("kind", kind.as_str().to_owned()));
        }
        if let Some(status) = status {
            keys.push(("status", status.as_str().to_owned()));
        }
        if let Some(signed) = signed {
            keys.push(("signed", signed.to_string()));
        }
        if let Some(areas) = areas {
            keys.push(("areas", list(&areas)));
        }
        let existing = self
            .directory
            .agreement_between(&parties)
            .map(str::to_owned);
        if let Some(id) = existing {
            if let Some(url) = &source
                && !self
                    .directory
                    .has_key(Collection::Agreements, &id, "sources")
            {
                keys.push(("sources", sources(url)));
            }
            self.directory.update(Collection::Agreements, &id, &keys);
            return;
        }
        let id = slugify(&parties.join("-"));
        if self.directory.agreements.contains_key(&id) {
            row.problems.push((None, format!("there is an agreement `{id}` already, between other parties: add this one by hand with `amicus new agreement --id`")));
            return;
        }
        let kind = kind.unwrap_or(AgreementKind::SisterCity);
        let names: Vec<&str> = (parties.iter())
            .map(|p| self.directory.cities[p].name.as_str())
            .collect();
        let mut front = vec![
            (
                "title",
                yaml_string(&format!("{} {}", kind.label(), names.join("–"))),
            ),
            ("kind", kind.as_str().to_owned()),
            ("parties", list(&parties)),
            (
                "status",
                status
                    .unwrap_or(AgreementStatus::Active)
                    .as_str()
                    .to_owned(),
            ),
        ];
        front.extend(
            keys.into_iter()
                .filter(|(k, _)| !matches!(*k, "kind" | "status")),
        );
        if let Some(url) = &source {
            front.push(("sources", sources(url)));
        }
        let body = self
            .cell(row, Field::Note)
            .map(|n| format!("{n}\n"))
            .unwrap_or_default();
        self.directory
            .create(Collection::Agreements, &id, &front, &body);
    }

    /// The id of the city called `name`: one in the directory by name or `names`
    /// (in `country` when given), or one created from the name.
    fn city_named(
        &mut self,
        row: &mut Row,
        field: Field,
        name: &str,
        country: Option<String>,
    ) -> Option<String> {
        let same_country =
            |id: &&str| country.is_none() || self.directory.cities[*id].country == country;
        let named: Vec<&str> = self
            .directory
            .cities_named(name)
            .into_iter()
            .filter(same_country)
            .collect();
        match named.as_slice() {
            [id] => return Some((*id).to_owned()),
            [_, _, ..] => {
                row.problems.push((
                    Some(field),
                    format!(
                        "`{name}` is the name of several cities ({}): give the country",
                        named.join(", ")
                    ),
                ));
                return None;
            }
            [] => {}
        }
        if let Some(letter) = first_non_latin(name) {
            row.problems.push((Some(field), format!("`{name}` has letters outside the Latin script (`{letter}`): add the city with `amicus new city` first, and the import finds it by its name")));
            return None;
        }
        let Some(country) = country else {
            row.problems.push((
                Some(field),
                format!(
                    "`{name}` is not in the directory, and the row gives no country to add it with"
                ),
            ));
            return None;
        };
        let slug = slugify(name);
        let free = |id: &str| !self.directory.cities.contains_key(id);
        // A town of the same name elsewhere gets its country in the id: `frankfurt-us`.
        let id = [
            slug.clone(),
            format!("{slug}-{}", country.to_ascii_lowercase()),
        ]
        .into_iter()
        .find(|id| free(id))?;
        if Id::parse(&id).is_err() {
            row.problems
                .push((Some(field), format!("cannot make an id from `{name}`")));
            return None;
        }
        let front = [("name", yaml_string(name)), ("country", country)];
        self.directory.create(Collection::Cities, &id, &front, "");
        Some(id)
    }

    fn areas(&self, text: &str) -> Result<Vec<String>, String> {
        let ids: Vec<String> = text
            .split([',', ';'])
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect();
        match ids.iter().find(|a| !self.directory.areas.contains(a)) {
            Some(unknown) => Err(format!(
                "`{unknown}` is not an area of the site; its areas are: {}",
                self.directory.areas.join(", ")
            )),
            None => Ok(ids),
        }
    }

    /// A row of `data/agreements.csv`: created or updated by id.
    fn agreement(&mut self, row: &mut Row) {
        let id = self.value(row, Field::Id, Id::parse);
        let kind = self.value(row, Field::Kind, values::kind);
        let status = self.value(row, Field::Status, values::status);
        let signed = self.value(row, Field::Since, values::date);
        let expires = self.value(row, Field::Expires, values::date);
        let areas = self.value(row, Field::Areas, |t| self.areas(t));
        let parties = self.value(row, Field::Parties, |text| {
            let ids: Vec<String> = text.split(';').map(|p| p.trim().to_owned()).collect();
            match ids.iter().find(|p| !self.directory.cities.contains_key(*p)) {
                Some(unknown) => Err(format!("there is no city `{unknown}` in the directory: import its cities first (`data/cities.csv`)")),
                None if ids.len() < 2 => Err("an agreement needs two or more parties".to_owned()),
                None => Ok(ids),
            }
        });
        let (Some(id), Some(parties)) = (id, parties) else {
            if self.cell(row, Field::Parties).is_none() {
                row.problems
                    .push((Some(Field::Parties), "the parties are empty".into()));
            }
            return;
        };
        if !row.problems.is_empty() {
            return;
        }
        let mut keys = vec![("parties", list(&parties))];
        if let Some(title) = self.cell(row, Field::Title) {
            keys.insert(0, ("title", yaml_string(title)));
        }
        let optional = [
            ("kind", kind.map(|k| k.as_str().to_owned())),
            ("status", status.map(|s| s.as_str().to_owned())),
            ("signed", signed.map(|d| d.to_string())),
            ("expires", expires.map(|d| d.to_string())),
            ("areas", areas.map(|a| list(&a))),
            ("document", self.cell(row, Field::Document).map(yaml_string)),
        ];
        keys.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v?))));
        self.create_or_update(Collection::Agreements, id.as_str(), &keys);
    }

    /// A row of `data/cities.csv`: created or updated by id. Returns its parent, to
    /// check once the whole table is read.
    fn city(&mut self, row: &mut Row) -> Option<String> {
        let id = self.value(row, Field::Id, Id::parse);
        let name = self.required(row, Field::Name, "name");
        let country = self.value(row, Field::Country, values::country);
        let level = self.value(row, Field::Level, |t| {
            Level::ALL
                .iter()
                .copied()
                .find(|l| l.as_str() == t)
                .ok_or(format!("`{t}` is not a level"))
        });
        let number = |t: &str| {
            t.parse::<f64>()
                .map_err(|_| format!("`{t}` is not a number"))
        };
        let lat = self.value(row, Field::Lat, number);
        let lon = self.value(row, Field::Lon, number);
        let population = self.value(row, Field::Population, |t| {
            t.parse::<u64>()
                .map_err(|_| format!("`{t}` is not a whole number"))
        });
        let geonames = self.value(row, Field::Geonames, |t| {
            t.parse::<u64>()
                .map_err(|_| format!("`{t}` is not a GeoNames id"))
        });
        let parent = self.value(row, Field::Parent, Id::parse);
        let (Some(id), Some(name), Some(country)) = (id, name, country) else {
            if self.cell(row, Field::Country).is_none() {
                row.problems
                    .push((Some(Field::Country), "the country is empty".into()));
            }
            return None;
        };
        if !row.problems.is_empty() {
            return None;
        }
        let mut keys = vec![
            ("name", yaml_string(name)),
            ("country", country.as_str().to_owned()),
        ];
        let wikidata = self.cell(row, Field::Wikidata);
        let ids: Vec<String> = [
            wikidata.map(|q| format!("wikidata: {}", yaml_string(q))),
            geonames.map(|g| format!("geonames: {g}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let optional = [
            ("level", level.map(|l| l.as_str().to_owned())),
            ("parent", parent.as_ref().map(|p| p.to_string())),
            (
                "location",
                lat.zip(lon)
                    .map(|(lat, lon)| format!("{{ lat: {lat}, lon: {lon} }}")),
            ),
            ("population", population.map(|p| p.to_string())),
            ("website", self.cell(row, Field::Website).map(yaml_string)),
            (
                "ids",
                (!ids.is_empty()).then(|| format!("{{ {} }}", ids.join(", "))),
            ),
        ];
        keys.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v?))));
        self.create_or_update(Collection::Cities, id.as_str(), &keys);
        parent.map(|p| p.to_string())
    }

    fn create_or_update(&mut self, collection: Collection, id: &str, keys: &[(&str, String)]) {
        let exists = match collection {
            Collection::Cities => self.directory.cities.contains_key(id),
            _ => self.directory.agreements.contains_key(id),
        };
        if exists {
            self.directory.update(collection, id, keys);
        } else {
            self.directory.create(collection, id, keys, "");
        }
    }
}

/// A URL: the reference of a partnership.
fn source(text: &str) -> Result<String, String> {
    if text.starts_with("https://") || text.starts_with("http://") {
        Ok(text.to_owned())
    } else {
        Err(format!("`{text}` is not a web address (https://…)"))
    }
}

/// `[a, b]`, each id plain.
fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// A `sources:` block with one source, titled by its site's host name.
fn sources(url: &str) -> String {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or(url);
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    format!("\n  - {{ title: {}, url: {} }}", quote(host), quote(url))
}

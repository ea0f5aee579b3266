//! Our side and theirs: which cities of the directory are its own, as `home:` of
//! site.yaml names them, and which are partners abroad.
//!
//! Input: the places of `home:` resolved to cities and country codes, each city's
//! `parent` (loops already cut) and country. Output: an immutable [`Side`], made once by
//! the link stage; the graph's partner edges, the views, maps, filters and open data ask
//! it rather than decide again. Without `home:` no city is ours and every tie counts as
//! a partnership, as before the setting existed.

use crate::content::model::CountryCode;
use crate::graph::CityIx;

/// Which cities are ours.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Side {
    /// Per city, in the directory's order.
    ours: Vec<bool>,
    /// site.yaml says whose directory it is.
    declared: bool,
}

impl Side {
    /// The side of a site without `home:`: no city is ours.
    pub fn undeclared(cities: usize) -> Self {
        Self {
            ours: vec![false; cities],
            declared: false,
        }
    }

    /// The cities `home` names, every city whose `parent` chain reaches one of them, and
    /// every city of a country in `countries`. `parents` and `city_countries` are
    /// parallel to the cities; `parents` has no loops.
    pub fn new(
        home: &[CityIx],
        countries: &[CountryCode],
        parents: &[Option<CityIx>],
        city_countries: &[CountryCode],
    ) -> Self {
        let mut known: Vec<Option<bool>> = (city_countries.iter())
            .map(|c| countries.contains(c).then_some(true))
            .collect();
        for &city in home {
            known[city.index()] = Some(true);
        }
        // Up each chain to the first city whose side is known (or the top, which is not
        // ours), then the whole path takes that side: each city is walked once.
        let mut path = Vec::new();
        for start in 0..parents.len() {
            let mut current = Some(start);
            let ours = loop {
                let Some(i) = current else { break false };
                if let Some(side) = known[i] {
                    break side;
                }
                path.push(i);
                current = parents[i].map(CityIx::index);
            };
            for i in path.drain(..) {
                known[i] = Some(ours);
            }
        }
        Self {
            ours: known.into_iter().map(|k| k == Some(true)).collect(),
            declared: true,
        }
    }

    /// Whether site.yaml says whose directory it is.
    pub fn declared(&self) -> bool {
        self.declared
    }

    /// Whether the city is one of ours.
    pub fn is_ours(&self, city: CityIx) -> bool {
        self.ours[city.index()]
    }

    /// Whether two parties of an agreement are partners: one of ours and one abroad, or
    /// any two when the site has no side. Two of ours (or two abroad) are co-signatories.
    pub fn partners(&self, a: CityIx, b: CityIx) -> bool {
        !self.declared || self.is_ours(a) != self.is_ours(b)
    }

    /// How many cities are ours.
    pub fn count(&self) -> usize {
        self.ours.iter().filter(|&&o| o).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> CountryCode {
        CountryCode::parse(text).unwrap()
    }

    fn parent(of: Option<u32>) -> Option<CityIx> {
        of.map(CityIx)
    }

    fn ours(side: &Side) -> Vec<u32> {
        (0..side.ours.len() as u32)
            .filter(|&i| side.is_ours(CityIx(i)))
            .collect()
    }

    #[test]
    fn a_home_city_brings_everything_below_it() {
        // 0 Saxony; 1 Dresden and 2 Görlitz district in it; 3 Zittau in the district;
        // 4 Lower Silesia with 5 Wrocław; 6 Bavaria, German but not ours.
        let parents = [None, Some(0), Some(0), Some(2), None, Some(4), None].map(parent);
        let countries = ["DE", "DE", "DE", "DE", "PL", "PL", "DE"].map(code);
        let side = Side::new(&[CityIx(0)], &[], &parents, &countries);
        assert_eq!(ours(&side), [0, 1, 2, 3]);
        assert!(side.declared());
        assert_eq!(side.count(), 4);
        assert!(side.partners(CityIx(1), CityIx(5)));
        assert!(!side.partners(CityIx(1), CityIx(3)), "both ours");
        assert!(!side.partners(CityIx(5), CityIx(6)), "both abroad");
    }

    #[test]
    fn a_home_country_brings_its_cities_and_a_city_below_a_home_one_stays_ours() {
        // 0 Poland's Wrocław under 1 Lower Silesia; 2 Dresden; 3 Görlitz under 2.
        let parents = [Some(1), None, None, Some(2)].map(parent);
        let countries = ["PL", "PL", "DE", "DE"].map(code);
        let side = Side::new(&[CityIx(2)], &[code("PL")], &parents, &countries);
        assert_eq!(ours(&side), [0, 1, 2, 3]);
        let side = Side::new(&[], &[code("PL")], &parents, &countries);
        assert_eq!(ours(&side), [0, 1]);
    }

    #[test]
    fn without_home_nothing_is_ours_and_every_tie_is_a_partnership() {
        let side = Side::undeclared(3);
        assert!(!side.declared());
        assert_eq!(ours(&side), [] as [u32; 0]);
        assert!(side.partners(CityIx(0), CityIx(1)));
    }
}

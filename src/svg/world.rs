//! The world's country outlines, parsed once from the compiled-in data file.
//!
//! Input: `themes/default/data/world-110m.txt` (see `tools/world-outline.mjs`): one country
//! a line, `CODE<TAB>NAME<TAB>ring|ring|...`, a ring being `lon,lat lon,lat ...` in degrees.
//! Output: the rings, in file order. Invariants: every ring has
//! at least three points, every longitude is in [-180, 180] and no ring crosses the
//! antimeridian (the conversion cut those), so a ring can be shifted by ±360° whole.
//! Outer rings and holes are not told apart: draw with the even-odd fill rule.

use std::sync::OnceLock;

const DATA: &str = include_str!("../../themes/default/data/world-110m.txt");

/// One closed ring of an outline, in degrees.
pub(super) struct Ring {
    /// (longitude, latitude) pairs; the ring closes back to the first.
    pub points: Box<[(f64, f64)]>,
}

/// Every ring of every country, Antarctica excepted.
pub(super) fn rings() -> &'static [Ring] {
    static RINGS: OnceLock<Vec<Ring>> = OnceLock::new();
    RINGS.get_or_init(|| parse(DATA))
}

/// Reads the data file; malformed points and rings are skipped (the tests check there are
/// none in the shipped file).
fn parse(text: &str) -> Vec<Ring> {
    let mut rings = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some(outline) = line.splitn(3, '\t').nth(2) else {
            continue;
        };
        for ring in outline.split('|') {
            let points: Box<[(f64, f64)]> = ring
                .split(' ')
                .filter_map(|pair| {
                    let (lon, lat) = pair.split_once(',')?;
                    let (lon, lat) = (lon.parse::<f64>().ok()?, lat.parse::<f64>().ok()?);
                    let ok = (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat);
                    ok.then_some((lon, lat))
                })
                .collect();
            if points.len() < 3 {
                continue;
            }
            rings.push(Ring { points });
        }
    }
    rings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_data_parses_whole() {
        let countries = DATA
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        let mut pairs = 0;
        let mut ring_count = 0;
        for line in countries {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line:.40}");
            assert!(!line.contains("Antarctica"));
            for ring in fields[2].split('|') {
                ring_count += 1;
                pairs += ring.split(' ').count();
            }
        }
        let rings = rings();
        assert_eq!(rings.len(), ring_count, "every ring parses");
        assert_eq!(rings.iter().map(|r| r.points.len()).sum::<usize>(), pairs);
        assert!(rings.len() > 200, "{}", rings.len());
    }

    #[test]
    fn rings_do_not_cross_the_antimeridian() {
        for r in rings() {
            for w in r.points.windows(2) {
                assert!((w[0].0 - w[1].0).abs() <= 180.0, "{:?}", w);
            }
        }
    }

    #[test]
    fn malformed_input_is_skipped() {
        let rings =
            parse("# c\n\nXX\tX\t1,1 2,2 3,x|1,1 2,2 3,3\nbad line\nYY\tY\t400,1 1,1 2,2\n");
        assert_eq!(rings.len(), 1);
        assert_eq!(&*rings[0].points, [(1.0, 1.0), (2.0, 2.0), (3.0, 3.0)]);
    }
}

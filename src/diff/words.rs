//! A word-by-word comparison of two texts, for the bodies and summaries of entries.
//!
//! Input: two texts. Output: runs of words kept, removed and added, in reading order,
//! joining back into each text (with single spaces). Invariant: the result is a
//! longest common subsequence of the two word lists, so that moved words show as
//! removed and added rather than a whole paragraph replaced; past [`MAX_CELLS`] the
//! middle is shown replaced whole, so that a rewritten 50,000-word text stays fast.

use serde::Serialize;

/// Words kept, removed or added, in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Run {
    Same(String),
    Removed(String),
    Added(String),
}

/// The largest table of the comparison: 4 million cells, 16 MB.
const MAX_CELLS: usize = 4_000_000;

/// The runs that turn `old` into `new`.
pub fn diff(old: &str, new: &str) -> Vec<Run> {
    let old: Vec<&str> = old.split_whitespace().collect();
    let new: Vec<&str> = new.split_whitespace().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (middle_old, middle_new) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut ops: Vec<(u8, &str)> = old[..prefix].iter().map(|w| (b'=', *w)).collect();
    ops.extend(middle(middle_old, middle_new));
    ops.extend(old[old.len() - suffix..].iter().map(|w| (b'=', *w)));
    runs(ops)
}

/// Words added and removed.
pub fn counts(runs: &[Run]) -> (usize, usize) {
    let words = |text: &str| text.split_whitespace().count();
    runs.iter().fold((0, 0), |(added, removed), run| match run {
        Run::Added(t) => (added + words(t), removed),
        Run::Removed(t) => (added, removed + words(t)),
        Run::Same(_) => (added, removed),
    })
}

/// The operations for the part between the common prefix and suffix.
fn middle<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(u8, &'a str)> {
    if old.len().saturating_mul(new.len()) > MAX_CELLS {
        let removed = old.iter().map(|w| (b'-', *w));
        return removed.chain(new.iter().map(|w| (b'+', *w))).collect();
    }
    // lengths[i][j]: the longest common subsequence of old[i..] and new[j..].
    let width = new.len() + 1;
    let mut lengths = vec![0u32; (old.len() + 1) * width];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lengths[i * width + j] = if old[i] == new[j] {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, Vec::with_capacity(old.len() + new.len()));
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            ops.push((b'=', old[i]));
            (i, j) = (i + 1, j + 1);
        } else if j < new.len()
            && (i == old.len() || lengths[i * width + j + 1] >= lengths[(i + 1) * width + j])
        {
            ops.push((b'+', new[j]));
            j += 1;
        } else {
            ops.push((b'-', old[i]));
            i += 1;
        }
    }
    ops
}

/// Joins consecutive operations of one kind, removals before additions.
fn runs(ops: Vec<(u8, &str)>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let (mut removed, mut added): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut same: Vec<&str> = Vec::new();
    let flush_changes = |out: &mut Vec<Run>, removed: &mut Vec<&str>, added: &mut Vec<&str>| {
        if !removed.is_empty() {
            out.push(Run::Removed(removed.join(" ")));
            removed.clear();
        }
        if !added.is_empty() {
            out.push(Run::Added(added.join(" ")));
            added.clear();
        }
    };
    for (op, word) in ops {
        if op == b'=' {
            flush_changes(&mut out, &mut removed, &mut added);
            same.push(word);
            continue;
        }
        if !same.is_empty() {
            out.push(Run::Same(same.join(" ")));
            same.clear();
        }
        if op == b'-' {
            removed.push(word)
        } else {
            added.push(word)
        }
    }
    flush_changes(&mut out, &mut removed, &mut added);
    if !same.is_empty() {
        out.push(Run::Same(same.join(" ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(t: &str) -> Run {
        Run::Same(t.to_owned())
    }
    fn removed(t: &str) -> Run {
        Run::Removed(t.to_owned())
    }
    fn added(t: &str) -> Run {
        Run::Added(t.to_owned())
    }

    #[test]
    fn a_changed_word_is_removed_then_added() {
        let runs = diff(
            "Partners since 1972, renewed 2003.",
            "Partners since 1972, renewed 2013.",
        );
        assert_eq!(
            runs,
            vec![
                same("Partners since 1972, renewed"),
                removed("2003."),
                added("2013.")
            ]
        );
        assert_eq!(counts(&runs), (1, 1));
    }

    #[test]
    fn insertions_keep_the_words_around_them() {
        let runs = diff("a b c d", "a b x y c d");
        assert_eq!(runs, vec![same("a b"), added("x y"), same("c d")]);
        assert_eq!(counts(&runs), (2, 0));
    }

    #[test]
    fn whitespace_alone_is_no_change() {
        assert_eq!(diff("a  b\nc", "a b c"), vec![same("a b c")]);
        assert!(diff("", "").is_empty());
    }

    #[test]
    fn common_words_in_the_middle_are_kept() {
        let runs = diff(
            "the old mayor met the council",
            "the new mayor met the press",
        );
        assert_eq!(
            runs,
            vec![
                same("the"),
                removed("old"),
                added("new"),
                same("mayor met the"),
                removed("council"),
                added("press"),
            ]
        );
    }

    #[test]
    fn the_runs_join_back_into_both_texts() {
        let (old, new) = ("one two three four five", "zero one three five six");
        let runs = diff(old, new);
        let side = |keep_added: bool| -> String {
            let words: Vec<&str> = runs
                .iter()
                .filter_map(|r| match r {
                    Run::Same(t) => Some(t.as_str()),
                    Run::Added(t) if keep_added => Some(t.as_str()),
                    Run::Removed(t) if !keep_added => Some(t.as_str()),
                    _ => None,
                })
                .collect();
            words.join(" ")
        };
        assert_eq!(side(false), old);
        assert_eq!(side(true), new);
    }
}

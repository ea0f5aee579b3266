//! Linking again after an edit of bodies alone: the fast path of `serve`.
//!
//! Input: the last [`Linked`] directory, and the entries read again from files whose
//! front matter is as it was, each with what parse found in it. Output: the directory
//! with those entries in place and its problems, without linking the whole directory
//! again; `None` when the edit is not of bodies alone, and the whole way must be gone.
//!
//! Invariant: the result equals what [`crate::pipeline::link`] gives for the whole
//! content. It holds because the front matter is all that the graph's edges, other
//! entries and the lints see of an entry: with it as before, every edge, every problem
//! of a front matter and every lint stays as it was. What a body brings is checked again
//! for the edited bodies only: the problems parse found in it and its links to other
//! entries, the problems whose place is in the body.

use std::sync::Arc;

use crate::content::model::Meta;
use crate::content::parse::Entity;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::graph::{self, Directory};
use crate::pipeline::{Linked, Timings};

/// `last` with the `edited` entries in place. `None` when an entry is not in the
/// directory (a new file, a draft), its front matter changed, or parse's errors in its
/// file changed (link treats references to files with errors apart).
pub fn bodies(
    last: &Linked,
    edited: &[(Entity, Vec<Diagnostic>)],
    timings: &mut Timings,
) -> Option<Linked> {
    let (directory, found, lints) = timings.time("relink", || relink(last, edited))?;
    let drafts = last.drafts.clone();
    Some(Linked::new(
        Arc::new(directory),
        drafts,
        found,
        lints,
        timings,
    ))
}

fn relink(
    last: &Linked,
    edited: &[(Entity, Vec<Diagnostic>)],
) -> Option<(Directory, Diagnostics, Option<Diagnostics>)> {
    let entities: Vec<Entity> = edited.iter().map(|(entity, _)| entity.clone()).collect();
    let directory = last.directory.with_bodies(&entities)?;
    let (mut found, mut lints) = (last.found.clone(), last.lints.clone());
    for (entity, parsed) in edited {
        let meta = entity.meta()?;
        let errors = parsed.iter().any(|d| d.severity == Severity::Error);
        if errors != last.drafts.reported.files.contains(meta.source.path()) {
            return None;
        }
        found.retain(|d| !in_body(d, meta));
        found.extend(
            parsed
                .iter()
                .filter(|d| in_body(d, meta))
                .cloned()
                .collect(),
        );
        let file = meta.source.file();
        found.repoint(&file);
        if let Some(lints) = &mut lints {
            lints.repoint(&file);
        }
    }
    let metas: Vec<&Meta> = entities.iter().map(Entity::meta).collect::<Option<_>>()?;
    found.extend(graph::check_body_links(&directory, &last.drafts, &metas));
    Some((directory, found, lints))
}

/// Whether `d` is about the body of the entry: its place is there.
fn in_body(d: &Diagnostic, entry: &Meta) -> bool {
    d.primary.as_ref().is_some_and(|label| {
        label.file.path == entry.source.path() && label.span.start >= entry.body.span.start
    })
}

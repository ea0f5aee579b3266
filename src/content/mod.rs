//! Content: the model of cities, programs, agreements and pages, and how it is read
//! from front matter and Markdown.

pub mod consistency;
pub mod country;
pub mod date;
pub mod frontmatter;
pub mod id;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod raw;
pub mod source;
pub mod translation;
pub mod yaml_diagnostic;

//! tupu (图谱): a knowledge-graph builder for Chinese news.
//!
//! The data goes one way: [`article`] reads files into articles; [`extract`] runs
//! segment → recognise → resolve → relate on each and returns the SCHEMA's
//! [`schema::Extraction`]; [`rdf`] maps that to quads; [`store`] keeps them durably;
//! [`query`] answers SPARQL and [`export`] writes graphs for Graphviz, GraphML tools and
//! RDF tools. See ARCHITECTURE.md.

pub mod app;
pub mod article;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod graph;
pub mod output;
pub mod query;
pub mod rdf;
pub mod schema;
pub mod serve;
pub mod store;

pub use error::{Error, Result};

/// Bumped whenever extraction or its mapping to RDF changes what is stored: articles stored by another
/// version are re-extracted on the next ingest instead of being skipped as unchanged.
pub const EXTRACTOR_VERSION: &str = "tupu-extract-51";

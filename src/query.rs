//! SPARQL 1.1 over the store: the usual prefixes pre-declared, the default graph the merge
//! of every article graph (and the ontology), results as an aligned table or a W3C format.

use crate::error::{Error, Result};
use crate::rdf::PREFIXES;
use crate::store::Store;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator, Variable};
use std::io::Write;

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// Aligned table for people.
    Table,
    Csv,
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
}

/// Parses and runs a query. The default graph holds every article's facts, each once.
pub fn evaluate<'a>(store: &'a Store, sparql: &str) -> Result<QueryResults<'a>> {
    evaluate_with(store, sparql, &[])
}

/// Like [`evaluate`], with variables bound to plain string values first (`--bind from=…`).
pub fn evaluate_with<'a>(
    store: &'a Store,
    sparql: &str,
    binds: &[(String, String)],
) -> Result<QueryResults<'a>> {
    let mut evaluator = SparqlEvaluator::new();
    for (p, iri) in PREFIXES {
        evaluator = evaluator
            .with_prefix(p, iri)
            .map_err(|e| Error::Usage(format!("bad built-in prefix {p}: {e}")))?;
    }
    // The store's default graph is the merge of every article graph (see store.rs).
    let mut prepared = evaluator.parse_query(sparql)?;
    for (name, value) in binds {
        let var = Variable::new(name.trim_start_matches('?'))
            .map_err(|e| Error::Usage(format!("bad variable name {name}: {e}")))?;
        prepared =
            prepared.substitute_variable(var, oxigraph::model::Literal::new_simple_literal(value));
    }
    Ok(prepared.on_store(store.inner()).execute()?)
}

/// Runs a SELECT and returns its rows as terms (for analytics and tests).
pub fn select(store: &Store, sparql: &str) -> Result<(Vec<Variable>, Vec<QuerySolution>)> {
    match evaluate(store, sparql)? {
        QueryResults::Solutions(s) => {
            let vars = s.variables().to_vec();
            let rows = s.collect::<std::result::Result<Vec<_>, _>>()?;
            Ok((vars, rows))
        }
        _ => Err(Error::Usage("expected a SELECT query".into())),
    }
}

/// Runs a query and writes its results in `format`.
pub fn run(
    store: &Store,
    sparql: &str,
    binds: &[(String, String)],
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    match evaluate_with(store, sparql, binds)? {
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            if format == ResultFormat::Table {
                let rows = solutions.collect::<std::result::Result<Vec<_>, _>>()?;
                write_table(&vars, &rows, out).map_err(io)?;
                return Ok(());
            }
            let mut w = QueryResultsSerializer::from_format(w3c(format))
                .serialize_solutions_to_writer(out, vars)
                .map_err(io)?;
            for s in solutions {
                let s = s?;
                w.serialize(&s).map_err(io)?;
            }
            w.finish().map_err(io)?;
        }
        QueryResults::Boolean(b) => {
            if format == ResultFormat::Table {
                writeln!(out, "{b}").map_err(io)?;
            } else {
                QueryResultsSerializer::from_format(w3c(format))
                    .serialize_boolean_to_writer(out, b)
                    .map_err(io)?;
            }
        }
        QueryResults::Graph(triples) => {
            // CONSTRUCT and DESCRIBE: Turtle with the usual prefixes.
            let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
            for (p, iri) in PREFIXES {
                ser = ser
                    .with_prefix(p, iri)
                    .map_err(|e| Error::Usage(e.to_string()))?;
            }
            let mut w = ser.for_writer(out);
            for t in triples {
                w.serialize_triple(&t?).map_err(io)?;
            }
            w.finish().map_err(io)?;
        }
    }
    Ok(())
}

fn w3c(format: ResultFormat) -> QueryResultsFormat {
    match format {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Json | ResultFormat::Table => QueryResultsFormat::Json,
    }
}

/// A term as a person reads it: prefixed IRIs, plain literal values.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            PREFIXES
                .iter()
                .find(|(_, ns)| iri.starts_with(ns))
                .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
                .unwrap_or_else(|| {
                    percent_encoding::percent_decode_str(iri)
                        .decode_utf8_lossy()
                        .to_string()
                })
        }
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

fn write_table(
    vars: &[Variable],
    rows: &[QuerySolution],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_header(vars.iter().map(|v| v.as_str().to_string()));
    for row in rows {
        table.add_row(
            vars.iter()
                .map(|v| row.get(v).map(display_term).unwrap_or_default()),
        );
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{} row{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

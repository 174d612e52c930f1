//! SPARQL 1.1 over the store: the usual prefixes pre-declared, the default graph the merge
//! of every article graph (and the ontology), results as an aligned table or a W3C format.

use crate::error::{Error, Result};
use crate::rdf::PREFIXES;
use crate::store::GraphStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, Variable,
};
use std::io::Write;
use std::time::Duration;

/// Limits a query runs under, so that no query can take the process down.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Evaluation (and writing the results) stops after this long.
    pub timeout: Option<Duration>,
    /// The most rows an aligned table collects (the other formats stream).
    pub max_table_rows: usize,
    /// The most rows (or triples, for CONSTRUCT and DESCRIBE) any answer holds: a server
    /// holds an answer whole before it sends it. `None`: no cap.
    pub max_rows: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Some(Duration::from_secs(60)),
            max_table_rows: 100_000,
            max_rows: None,
        }
    }
}

/// Longest query text accepted.
pub const MAX_QUERY_BYTES: usize = 1 << 20;
/// Deepest nesting of ( [ { accepted: real queries stay far below; the parser and the
/// evaluator recurse once per level.
pub const MAX_NESTING: usize = 64;
/// Most UNION branches accepted.
pub const MAX_UNIONS: usize = 512;

/// Checks a query's size and shape before it is parsed: its length, how deep its brackets
/// nest and how many UNIONs it has (strings, IRIs and comments skipped).
pub fn check_shape(sparql: &str) -> Result<()> {
    let too = |problem: String| Err(Error::QueryTooComplex(problem));
    if sparql.len() > MAX_QUERY_BYTES {
        return too(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            sparql.len()
        ));
    }
    let chars: Vec<char> = sparql.chars().collect();
    let (mut depth, mut deepest, mut unions, mut i) = (0usize, 0usize, 0usize, 0usize);
    while i < chars.len() {
        let c = chars[i];
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' | '\'' => {
                let long = i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c;
                i += if long { 3 } else { 1 };
                while i < chars.len() {
                    if chars[i] == '\\' {
                        i += 2;
                        continue;
                    }
                    if chars[i] == c
                        && (!long || i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c)
                    {
                        i += if long { 2 } else { 0 };
                        break;
                    }
                    i += 1;
                }
            }
            // An IRI has no spaces; a `<` followed by one is the less-than operator.
            '<' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&d| d == '>' || d.is_whitespace());
                if let Some(k) = end.filter(|&k| chars[i + 1 + k] == '>') {
                    i += 1 + k;
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            'u' | 'U' => {
                let word: String = chars[i..chars.len().min(i + 5)].iter().collect();
                let alone =
                    |k: usize| k >= chars.len() || !(chars[k].is_alphanumeric() || chars[k] == '_');
                if word.eq_ignore_ascii_case("union") && (i == 0 || alone(i - 1)) && alone(i + 5) {
                    unions += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if deepest > MAX_NESTING {
        return too(format!(
            "brackets nest {deepest} deep; the limit is {MAX_NESTING}"
        ));
    }
    if unions > MAX_UNIONS {
        return too(format!("{unions} UNIONs; the limit is {MAX_UNIONS}"));
    }
    Ok(())
}

/// The word a query's form is given by (SELECT, CONSTRUCT, ASK, DESCRIBE, or whatever
/// stands there): the first word after the PREFIX and BASE lines and comments.
pub fn query_form(sparql: &str) -> &str {
    sparql
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .flat_map(str::split_whitespace)
        .find(|w| {
            !w.eq_ignore_ascii_case("prefix")
                && !w.eq_ignore_ascii_case("base")
                && !w.ends_with(':')
                && !w.starts_with('<')
        })
        .unwrap_or("")
}

/// Turns the parser's message (`error at 1:10: expected CONSTRUCT`, or a list of Unicode
/// ranges) into words: where, what was expected, the line with a caret; an unknown prefix
/// is named with the pre-declared ones listed.
pub fn explain_syntax_error(sparql: &str, message: &str) -> Error {
    let (line, column, rest): (usize, usize, &str) = message
        .split_once("error at ")
        .and_then(|(_, r)| {
            let (pos, rest) = r.split_once(": ")?;
            let (l, c) = pos.split_once(':')?;
            Some((l.trim().parse().ok()?, c.trim().parse().ok()?, rest))
        })
        .unwrap_or((1, 1, message));
    let text_line = sparql.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let upto: String = text_line.chars().take(column.saturating_sub(1)).collect();
    let excerpt = format!("{text_line}\n  {}^", " ".repeat(upto.chars().count()));
    let declared: Vec<&str> = PREFIXES.iter().map(|(p, _)| *p).collect();
    // The prefixed name that ends where the parser stopped: `foo:bar` → `foo`.
    let prefix_here = || {
        let word: String = upto
            .chars()
            .rev()
            .skip_while(|c| !c.is_whitespace() && *c != ':')
            .skip(1)
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        word
    };
    let first_word = query_form(sparql);
    let problem = if rest.contains("Prefix not found") {
        format!(
            "unknown prefix `{}:`; declare it (PREFIX {}: <…>) or use a pre-declared one: {}",
            prefix_here(),
            prefix_here(),
            declared.join(" ")
        )
    } else if !["select", "construct", "ask", "describe"]
        .iter()
        .any(|k| first_word.eq_ignore_ascii_case(k))
    {
        format!("a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE (after any PREFIX lines), not `{first_word}`")
    } else {
        // Keep the quoted tokens the parser expected; drop its character-class lists.
        let tokens: Vec<&str> = rest
            .split(", ")
            .map(str::trim)
            .filter(|t| t.starts_with('"') && t.ends_with('"') && t.len() > 2)
            .collect();
        if tokens.is_empty() {
            "unexpected text here".to_string()
        } else {
            format!("expected {} here", tokens.join(" or "))
        }
    };
    Error::BadQuery {
        line,
        column,
        problem,
        excerpt,
    }
}

/// Cancels a query when its time is up; dropping it stops the clock.
struct Deadline {
    done: Option<std::sync::mpsc::Sender<()>>,
}

impl Deadline {
    fn start(token: &CancellationToken, timeout: Option<Duration>) -> Deadline {
        let Some(timeout) = timeout else {
            return Deadline { done: None };
        };
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let token = token.clone();
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(timeout) {
                token.cancel();
            }
        });
        Deadline { done: Some(tx) }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(tx) = self.done.take() {
            let _ = tx.send(());
        }
    }
}

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// Aligned table for people.
    Table,
    /// SPARQL 1.1 Query Results CSV (plain values).
    Csv,
    /// SPARQL 1.1 Query Results TSV (RDF terms as in Turtle).
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// For CONSTRUCT and DESCRIBE: Turtle (what `table` gives them too).
    Turtle,
    /// For CONSTRUCT and DESCRIBE: N-Triples, one triple a line.
    Ntriples,
    /// For CONSTRUCT and DESCRIBE: RDF/XML.
    Rdfxml,
    /// For CONSTRUCT and DESCRIBE: JSON-LD (expanded form: full IRIs, no context).
    Jsonld,
}

impl ResultFormat {
    /// The RDF syntax CONSTRUCT and DESCRIBE results are written in: Turtle unless N-Triples
    /// or RDF/XML is asked for.
    pub(crate) fn graph_syntax(self) -> RdfFormat {
        match self {
            ResultFormat::Ntriples => RdfFormat::NTriples,
            ResultFormat::Rdfxml => RdfFormat::RdfXml,
            ResultFormat::Jsonld => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
            _ => RdfFormat::Turtle,
        }
    }

    /// True for the formats of CONSTRUCT and DESCRIBE only.
    fn is_graph_only(self) -> bool {
        matches!(
            self,
            ResultFormat::Turtle
                | ResultFormat::Ntriples
                | ResultFormat::Rdfxml
                | ResultFormat::Jsonld
        )
    }
}

/// Parses and runs a query. The default graph holds every article's facts, each once.
pub fn evaluate<'a>(store: &'a dyn GraphStore, sparql: &str) -> Result<QueryResults<'a>> {
    evaluate_with(store, sparql, &[])
}

/// Like [`evaluate`], with variables bound to plain string values first (`--bind from=…`).
pub fn evaluate_with<'a>(
    store: &'a dyn GraphStore,
    sparql: &str,
    binds: &[(String, String)],
) -> Result<QueryResults<'a>> {
    evaluate_cancellable(store, sparql, binds, &CancellationToken::new())
}

fn evaluate_cancellable<'a>(
    store: &'a dyn GraphStore,
    sparql: &str,
    binds: &[(String, String)],
    token: &CancellationToken,
) -> Result<QueryResults<'a>> {
    check_shape(sparql)?;
    let mut parser = spargebra::SparqlParser::new();
    for (p, iri) in PREFIXES {
        parser = parser
            .with_prefix(p, iri)
            .map_err(|e| Error::Usage(format!("bad built-in prefix {p}: {e}")))?;
    }
    let query = parser
        .parse_query(sparql)
        .map_err(|e| explain_syntax_error(sparql, &e.to_string()))?;
    let binds = binds
        .iter()
        .map(|(name, value)| {
            Variable::new(name.trim_start_matches('?'))
                .map(|v| (v, value.clone()))
                .map_err(|e| Error::Usage(format!("bad variable name {name}: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    store.evaluate(&query, &binds, token)
}

/// A SPARQL Update checked for tupu's store, where every fact lives in one article's graph
/// and the default graph is their merge: each operation must name the article graphs it
/// writes (`GRAPH <https://w3id.org/tupu/article/ID> { … }`, `WITH <…>`, `DROP GRAPH <…>`),
/// so that they can be stored as articles are. Returns the prepared update and the ids of
/// the articles it writes.
pub fn update_targets(sparql: &str) -> Result<(spargebra::Update, Vec<String>)> {
    use spargebra::term::{GraphName, GraphNamePattern};
    use spargebra::GraphUpdateOperation as Op;
    check_shape(sparql)?;
    let mut parser = spargebra::SparqlParser::new();
    for (p, iri) in PREFIXES {
        parser = parser
            .with_prefix(p, iri)
            .map_err(|e| Error::Usage(format!("bad built-in prefix {p}: {e}")))?;
    }
    let update = parser
        .parse_update(sparql)
        .map_err(|e| explain_syntax_error(sparql, &e.to_string()))?;
    let refuse = |what: &str| {
        Error::Usage(format!(
            "this update {what}: tupu keeps every fact in one article's graph and the default \
             graph is their merge, so an update must name the article graphs it writes, e.g. \
             INSERT DATA {{ GRAPH <{}ID> {{ … }} }} or WITH <{}ID> DELETE {{ … }} WHERE {{ … }}",
            crate::rdf::article_iri("").as_str(),
            crate::rdf::article_iri("").as_str(),
        ))
    };
    let mut ids: Vec<String> = Vec::new();
    let mut target = |iri: &str| -> Result<()> {
        let id = crate::rdf::article_id_of(iri)
            .filter(|id| !id.is_empty())
            .ok_or_else(|| {
                refuse(&format!(
                    "writes into <{iri}>, which is not an article's graph"
                ))
            })?;
        if !ids.contains(&id) {
            ids.push(id);
        }
        Ok(())
    };
    for op in &update.operations {
        match op {
            Op::InsertData { data } => {
                for q in data {
                    match &q.graph_name {
                        GraphName::NamedNode(n) => target(n.as_str())?,
                        GraphName::DefaultGraph => {
                            return Err(refuse("inserts into the default graph"))
                        }
                    }
                }
            }
            Op::DeleteData { data } => {
                for q in data {
                    match &q.graph_name {
                        GraphName::NamedNode(n) => target(n.as_str())?,
                        GraphName::DefaultGraph => {
                            return Err(refuse("deletes from the default graph"))
                        }
                    }
                }
            }
            Op::DeleteInsert { delete, insert, .. } => {
                let graphs = delete
                    .iter()
                    .map(|q| &q.graph_name)
                    .chain(insert.iter().map(|q| &q.graph_name));
                for g in graphs {
                    match g {
                        GraphNamePattern::NamedNode(n) => target(n.as_str())?,
                        GraphNamePattern::DefaultGraph => {
                            return Err(refuse("writes into the default graph"))
                        }
                        GraphNamePattern::Variable(v) => {
                            return Err(refuse(&format!(
                                "writes into a graph chosen by ?{}",
                                v.as_str()
                            )))
                        }
                    }
                }
            }
            Op::Clear { graph, .. } | Op::Drop { graph, .. } => match graph {
                spargebra::algebra::GraphTarget::NamedNode(n) => target(n.as_str())?,
                _ => return Err(refuse("clears more than one named article graph")),
            },
            Op::Create { .. } => {}
            Op::Load { .. } => {
                return Err(refuse("loads from the web (tupu serve fetches nothing)"))
            }
        }
    }
    Ok((update, ids))
}

/// Runs a SELECT and returns its rows as terms (for analytics and tests).
pub fn select(store: &dyn GraphStore, sparql: &str) -> Result<(Vec<Variable>, Vec<QuerySolution>)> {
    match evaluate(store, sparql)? {
        QueryResults::Solutions(s) => {
            let vars = s.variables().to_vec();
            let rows = s.collect::<std::result::Result<Vec<_>, _>>()?;
            Ok((vars, rows))
        }
        _ => Err(Error::Usage("expected a SELECT query".into())),
    }
}

/// Runs a query under `limits` and writes its results in `format`.
pub fn run(
    store: &dyn GraphStore,
    sparql: &str,
    binds: &[(String, String)],
    format: ResultFormat,
    limits: Limits,
    out: &mut dyn Write,
) -> Result<()> {
    let token = CancellationToken::new();
    let _deadline = Deadline::start(&token, limits.timeout);
    let timed_out = |e: Error| match (e, limits.timeout) {
        (Error::QueryEvaluation(QueryEvaluationError::Cancelled), Some(t)) => {
            Error::QueryTimeout(t.as_secs_f64())
        }
        (e, _) => e,
    };
    write_results(store, sparql, binds, format, limits, &token, out).map_err(timed_out)
}

/// The error for an answer over `limits.max_rows`.
fn too_many(limit: usize, what: &'static str) -> Error {
    Error::AnswerTooLarge { limit, what }
}

fn write_results(
    store: &dyn GraphStore,
    sparql: &str,
    binds: &[(String, String)],
    format: ResultFormat,
    limits: Limits,
    token: &CancellationToken,
    out: &mut dyn Write,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    match evaluate_cancellable(store, sparql, binds, token)? {
        QueryResults::Solutions(_) | QueryResults::Boolean(_) if format.is_graph_only() => {
            return Err(Error::Usage(
                "--format turtle, ntriples and rdfxml are for CONSTRUCT and DESCRIBE; a SELECT or ASK takes table, csv, tsv, json or xml".into(),
            ));
        }
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            if format == ResultFormat::Table {
                let mut rows = Vec::new();
                for s in solutions {
                    if limits.max_rows.is_some_and(|max| rows.len() == max) {
                        return Err(too_many(rows.len(), "rows"));
                    }
                    if rows.len() == limits.max_table_rows {
                        return Err(Error::QueryTooComplex(format!(
                            "more than {} rows for a table; add LIMIT, or use --format csv, tsv, json or xml, which stream",
                            limits.max_table_rows
                        )));
                    }
                    rows.push(s?);
                }
                write_table(&vars, &rows, out).map_err(io)?;
                return Ok(());
            }
            let mut w = QueryResultsSerializer::from_format(w3c(format))
                .serialize_solutions_to_writer(out, vars)
                .map_err(io)?;
            for (n, s) in solutions.enumerate() {
                if limits.max_rows.is_some_and(|max| n == max) {
                    return Err(too_many(n, "rows"));
                }
                let s = s?;
                w.serialize(&s).map_err(io)?;
            }
            let out = w.finish().map_err(io)?;
            // JSON and XML end without a line break; a terminal and `cat` want one.
            if matches!(format, ResultFormat::Json | ResultFormat::Xml) {
                writeln!(out).map_err(io)?;
            }
        }
        QueryResults::Boolean(b) => {
            if format == ResultFormat::Table {
                writeln!(out, "{b}").map_err(io)?;
            } else {
                let out = QueryResultsSerializer::from_format(w3c(format))
                    .serialize_boolean_to_writer(out, b)
                    .map_err(io)?;
                if matches!(format, ResultFormat::Json | ResultFormat::Xml) {
                    writeln!(out).map_err(io)?;
                }
            }
        }
        QueryResults::Graph(triples) => {
            // CONSTRUCT and DESCRIBE: Turtle (with the usual prefixes), N-Triples, RDF/XML or
            // JSON-LD.
            let mut ser = RdfSerializer::from_format(format.graph_syntax());
            for (p, iri) in PREFIXES {
                ser = ser
                    .with_prefix(p, iri)
                    .map_err(|e| Error::Usage(e.to_string()))?;
            }
            let mut w = ser.for_writer(out);
            for (n, t) in triples.enumerate() {
                if limits.max_rows.is_some_and(|max| n == max) {
                    return Err(too_many(n, "triples"));
                }
                w.serialize_triple(&t?).map_err(io)?;
            }
            let out = w.finish().map_err(io)?;
            if format == ResultFormat::Jsonld {
                writeln!(out).map_err(io)?;
            }
        }
    }
    Ok(())
}

fn w3c(format: ResultFormat) -> QueryResultsFormat {
    match format {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Json
        | ResultFormat::Table
        | ResultFormat::Turtle
        | ResultFormat::Ntriples
        | ResultFormat::Rdfxml
        | ResultFormat::Jsonld => QueryResultsFormat::Json,
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
    // Long cells wrap to fit the terminal (its width, or `COLUMNS` when set); in a pipe
    // with no `COLUMNS`, rows stay one line each for grep and friends.
    table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
    {
        table.set_width(cols);
    }
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

#[cfg(test)]
mod shape_tests {
    use super::*;

    fn explain(q: &str) -> String {
        let err = oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(q)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        explain_syntax_error(q, &err).to_string()
    }

    #[test]
    fn syntax_errors_are_said_in_words_with_line_and_column() {
        let e = explain("SELEC ?x WHERE { ?x ?p ?o }");
        assert!(
            e.contains("starts with SELECT") && e.contains("`SELEC`"),
            "{e}"
        );
        let e = explain("SELECT ?x WHERE {\n  ?x foo:bar ?o }");
        assert!(
            e.contains("unknown prefix `foo:`") && e.contains("tupu rdf rdfs"),
            "{e}"
        );
        assert!(e.contains("line 2"), "{e}");
        assert!(!e.contains("\\u{"), "no Unicode ranges: {e}");
        let e = explain("SELECT ?x WHERE { ?x ?p ?o ");
        assert!(e.contains("expected") && e.contains("\"}\""), "{e}");
    }

    #[test]
    fn deep_nesting_and_many_unions_are_refused_before_parsing() {
        let deep = format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{".repeat(65),
            "}".repeat(65)
        );
        assert!(matches!(check_shape(&deep), Err(Error::QueryTooComplex(_))));
        let unions = format!(
            "SELECT * WHERE {{ {} }}",
            vec!["{ ?s ?p ?o }"; 600].join(" UNION ")
        );
        assert!(matches!(
            check_shape(&unions),
            Err(Error::QueryTooComplex(_))
        ));
        assert!(check_shape(&"#".repeat(MAX_QUERY_BYTES + 1)).is_err());
    }

    #[test]
    fn brackets_in_strings_iris_and_comments_do_not_count() {
        let q = format!(
            "SELECT * WHERE {{ ?s ?p \"{}\" . ?s ?q <http://x/{}> FILTER(?a < ?b) }} # {}\n",
            "(".repeat(200),
            "%7B".repeat(10),
            "{".repeat(200)
        );
        assert!(check_shape(&q).is_ok(), "{q}");
        assert!(check_shape("SELECT ?unionised WHERE { ?s ?p ?unionised }").is_ok());
        assert!(check_shape("SELECT * WHERE { ?s ?p '''(((''' }").is_ok());
    }
}

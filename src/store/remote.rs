//! A store on a SPARQL 1.1 server (`--store http://HOST:PORT/PATH`): Virtuoso, Oxigraph
//! server, Jena Fuseki, QLever… Extraction stays local; the server holds and answers.
//!
//! Layout on the server: each article is its named graph, as in a store folder; the merge of
//! all of them with the ontology is kept in one more graph, [`MERGED`], and a query's
//! default-graph patterns are sent as patterns on it (see [`on_the_merge`]), so that a fact
//! stated by three articles answers once whatever the server's own idea of a default graph
//! (Virtuoso's is the bag of all graphs). `GRAPH ?g` is rewritten to range over the articles
//! only.
//!
//! Every write is one request, so that a crash never leaves half an article, in one of two
//! ways ([`Writes`]):
//! - SPARQL Update (the default): put = take out of the merge what only this article stated,
//!   drop its graph, insert its quads into its graph and into the merge; remove = the same
//!   without the insert. A server runs a request as one transaction, so the merge is never
//!   out of step.
//! - The Graph Store Protocol (`--gsp-url`): put = `PUT ?graph=ARTICLE`, remove = `DELETE`.
//!   GSP writes one graph a request, so it cannot keep a merge graph too: it is for servers
//!   whose default graph is already the merge, the union of their named graphs as a set
//!   (`tupu serve --writable`, Jena Fuseki with `unionDefaultGraph`, Oxigraph server with
//!   `--union-default-graph`, QLever). There default-graph patterns are sent as they are.

use super::{bind_candidates, GraphStore, PreparedGraph, PutOutcome, Summary, MOST_CONNECTED};
use crate::error::{Error, Result};
use crate::rdf;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter,
    Variable,
};
use spargebra::algebra::{Expression, GraphPattern};
use spargebra::term::{GroundTerm, NamedNodePattern};
use std::io::{Read, Write};
use std::time::Duration;

/// The graph that holds the merge of every article graph and the ontology.
pub const MERGED: &str = "https://w3id.org/tupu/graph/merged";

/// The condition that `?var` names an article's graph (not the merge, not a graph of the
/// server's own, such as Virtuoso's system graphs).
fn is_article_graph(var: &str) -> String {
    format!(
        "STRSTARTS(STR(?{var}), \"{}\")",
        rdf::article_iri("").as_str()
    )
}

/// A count the server answered, 0 when there is none.
fn number(t: &Option<Term>) -> usize {
    match t {
        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

/// The count in the first column of the first row.
fn first_number(rows: &[Vec<Option<Term>>]) -> usize {
    rows.first().and_then(|r| r.first()).map_or(0, number)
}

const ONTOLOGY: &str = include_str!("../../ontology/tupu.ttl");

/// Triples per INSERT DATA operation.
const INSERT_CHUNK: usize = 100;

/// The named graph the ontology is put into on a server whose default graph is the union of
/// its named graphs (when its default graph does not hold it already, as tupu serve's does).
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/tupu/graph/ontology";

/// How articles are written to the server, and so where the merge of them is read.
enum Writes {
    /// SPARQL Update at this URL; tupu keeps the merge in the graph [`MERGED`].
    Update(String),
    /// The Graph Store Protocol at this URL; the server's default graph is the merge.
    GraphStore(String),
}

/// A SPARQL server as tupu's store.
pub struct RemoteStore {
    query_url: String,
    writes: Writes,
    agent: ureq::Agent,
    /// The ontology is put into the merge by the first write of each process.
    ontology_sent: std::sync::Once,
}

impl RemoteStore {
    /// A store at `query_url`. Articles are written with SPARQL Update at `update_url` (the
    /// query endpoint when `None`, as SPARQL 1.1 allows and Virtuoso and Fuseki do), or, when
    /// `gsp_url` is given, with the Graph Store Protocol there (and then the server's default
    /// graph must be the union of its named graphs).
    pub fn new(query_url: &str, update_url: Option<&str>, gsp_url: Option<&str>) -> RemoteStore {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(10)))
            // No request may hang a command for ever (a server that never answers).
            .timeout_global(Some(Duration::from_secs(900)))
            // Read a refusal's body: the server says what is wrong.
            .http_status_as_error(false)
            .build()
            .into();
        let writes = match gsp_url {
            Some(url) => Writes::GraphStore(url.to_string()),
            None => Writes::Update(update_url.unwrap_or(query_url).to_string()),
        };
        RemoteStore {
            query_url: query_url.to_string(),
            writes,
            agent,
            ontology_sent: std::sync::Once::new(),
        }
    }

    fn failed(&self, url: &str, problem: impl std::fmt::Display) -> Error {
        Error::Remote {
            url: url.to_string(),
            problem: problem.to_string(),
        }
    }

    /// `pattern` on the merge of the articles: in tupu's merge graph, or in the server's
    /// default graph when that is the merge.
    fn on_merge(&self, pattern: &str) -> String {
        match self.writes {
            Writes::Update(_) => format!("GRAPH <{MERGED}> {{ {pattern} }}"),
            Writes::GraphStore(_) => format!("{{ {pattern} }}"),
        }
    }

    /// tupu's merge graph, when tupu keeps one (not when the server's default graph is it).
    fn merge_graph(&self) -> Option<oxigraph::model::NamedNode> {
        match self.writes {
            Writes::Update(_) => Some(oxigraph::model::NamedNode::new_unchecked(MERGED)),
            Writes::GraphStore(_) => None,
        }
    }

    /// Sends a SPARQL Update (as the request body: UTF-8 said, not guessed).
    fn update(&self, update: &str) -> Result<()> {
        let Writes::Update(url) = &self.writes else {
            return Err(Error::Usage(
                "with --gsp-url, articles are written with the Graph Store Protocol only".into(),
            ));
        };
        let response = self
            .agent
            .post(url)
            .header("Content-Type", "application/sparql-update; charset=utf-8")
            .send(update)
            .map_err(|e| self.failed(url, e))?;
        self.succeeded(url, response).map(|_| ())
    }

    /// The response when its status is a success, else the server's complaint as an error.
    fn succeeded(
        &self,
        url: &str,
        mut response: ureq::http::Response<ureq::Body>,
    ) -> Result<ureq::http::Response<ureq::Body>> {
        let status = response.status();
        if !status.is_success() {
            let body = response.body_mut().read_to_string().unwrap_or_default();
            return Err(self.failed(url, format!("{status}: {}", first_lines(&body))));
        }
        Ok(response)
    }

    /// The Graph Store Protocol's address of `graph` (indirect identification: `?graph=`).
    fn graph_url(gsp: &str, graph: &str) -> String {
        let joint = if gsp.contains('?') { '&' } else { '?' };
        format!("{gsp}{joint}{}", form("graph", graph))
    }

    /// `PUT` of a graph given as N-Triples lines: the server replaces it whole.
    fn put_graph(&self, gsp: &str, graph: &str, ntriples: String) -> Result<()> {
        let url = Self::graph_url(gsp, graph);
        let response = self
            .agent
            .put(&url)
            .header("Content-Type", "application/n-triples; charset=utf-8")
            .send(ntriples)
            .map_err(|e| self.failed(&url, e))?;
        self.succeeded(&url, response).map(|_| ())
    }

    /// Sends a query; the response body.
    fn send(&self, query: &str, accept: &str) -> Result<Box<dyn Read + Send>> {
        let url = &self.query_url;
        let response = self
            .agent
            .post(url)
            .header("Accept", accept)
            // A form with its charset said: Virtuoso reads a form without one as Latin-1, and
            // does not answer an application/sparql-query body at all.
            .header(
                "Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8",
            )
            .send(form("query", query))
            .map_err(|e| self.failed(url, e))?;
        let response = self.succeeded(url, response)?;
        Ok(Box::new(response.into_body().into_reader()))
    }

    /// Solutions of a SELECT sent as it is (tupu's own queries).
    fn solutions(&self, query: &str) -> Result<Vec<oxigraph::sparql::QuerySolution>> {
        let body = self.send(query, "application/sparql-results+json")?;
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(body)
            .map_err(|e| self.failed(&self.query_url, e))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(self.failed(&self.query_url, "a boolean where rows were asked for"));
        };
        solutions
            .map(|s| s.map_err(|e| self.failed(&self.query_url, e)))
            .collect()
    }

    /// Rows of a SELECT sent as it is, in its variables' order.
    fn rows(&self, query: &str) -> Result<Vec<Vec<Option<Term>>>> {
        let body = self.send(query, "application/sparql-results+json")?;
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(body)
            .map_err(|e| self.failed(&self.query_url, e))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(self.failed(&self.query_url, "a boolean where rows were asked for"));
        };
        let vars: Vec<Variable> = solutions.variables().to_vec();
        let mut rows = Vec::new();
        for s in solutions {
            let s = s.map_err(|e| self.failed(&self.query_url, e))?;
            rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
        }
        Ok(rows)
    }

    /// Whether a pattern has a match. Asked as a SELECT: Virtuoso answers an ASK in JSON as
    /// rows of a made-up variable.
    fn exists(&self, pattern: &str) -> Result<bool> {
        Ok(!self
            .solutions(&format!("SELECT * WHERE {{ {pattern} }} LIMIT 1"))?
            .is_empty())
    }

    /// The ontology's triples as N-Triples lines, for the merge.
    fn ontology_ntriples() -> Result<String> {
        let mut lines = String::new();
        for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(ONTOLOGY.as_bytes()) {
            let q = q.map_err(|e| Error::CorruptStore {
                path: "ontology/tupu.ttl".into(),
                problem: e.to_string(),
            })?;
            lines.push_str(&format!("{} {} {} .\n", q.subject, q.predicate, q.object));
        }
        Ok(lines)
    }

    /// The update that takes article graph `g` out of the store and out of the merge (a
    /// triple stays in the merge while another article states it).
    fn drop_article(g: &str) -> String {
        format!(
            "DELETE {{ GRAPH <{MERGED}> {{ ?s ?p ?o }} }}\n\
             WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }}\n\
               FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{g}> && {}) }} }} ;\n\
             DROP SILENT GRAPH <{g}>",
            is_article_graph("other")
        )
    }

    /// One article's graph replaced in one request: a crash never leaves half an article.
    /// (One article a request: Virtuoso runs a request of several articles slower than the
    /// same articles one by one, 25 s against 16.5 s for 200.)
    fn put_one(&self, graph: &PreparedGraph) -> Result<PutOutcome> {
        let g = rdf::article_iri(&graph.id);
        let existed = self.exists(&format!("GRAPH {g} {{ ?s ?p ?o }}"))?;
        let lines = graph
            .encoded
            .lines()
            .map(|([s, p, o], _)| format!("{s} {p} {o} .\n"));
        match &self.writes {
            Writes::GraphStore(gsp) => {
                if let Some(ontology) = self.first_write()? {
                    // Unless the server's default graph has it already (tupu serve's has).
                    let class = rdf::tupu("Person");
                    let subclass = oxigraph::model::vocab::rdfs::SUB_CLASS_OF;
                    if !self.exists(&format!("{class} {subclass} ?c"))? {
                        self.put_graph(gsp, ONTOLOGY_GRAPH, ontology)?;
                    }
                }
                self.put_graph(gsp, g.as_str(), lines.collect())?;
            }
            Writes::Update(_) => {
                let mut update = Self::drop_article(g.as_str());
                // In pieces: Virtuoso compiles each INSERT DATA to SQL of bounded length.
                let lines: Vec<String> = lines.collect();
                for chunk in lines.chunks(INSERT_CHUNK) {
                    update.push_str(&format!(
                        " ;\nINSERT DATA {{ GRAPH {g} {{\n{}}} }}",
                        chunk.concat()
                    ));
                }
                update.push_str(&format!(
                    " ;\nINSERT {{ GRAPH <{MERGED}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"
                ));
                if let Some(ontology) = self.first_write()? {
                    let lines: Vec<&str> = ontology.lines().collect();
                    for chunk in lines.chunks(INSERT_CHUNK) {
                        update.push_str(&format!(
                            " ;\nINSERT DATA {{ GRAPH <{MERGED}> {{\n{}\n}} }}",
                            chunk.join("\n")
                        ));
                    }
                }
                self.update(&update)?;
            }
        }
        Ok(if existed {
            PutOutcome::Replaced
        } else {
            PutOutcome::Added
        })
    }

    fn first_write(&self) -> Result<Option<String>> {
        let mut data = None;
        let mut error = None;
        self.ontology_sent
            .call_once(|| match Self::ontology_ntriples() {
                Ok(nt) => data = Some(nt),
                Err(e) => error = Some(e),
            });
        match error {
            Some(e) => Err(e),
            None => Ok(data),
        }
    }
}

/// `name=value` form-encoded.
fn form(name: &str, value: &str) -> String {
    let encoded = percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC);
    format!("{name}={encoded}")
}

/// The first lines of a server's error page: enough to say what is wrong.
fn first_lines(body: &str) -> String {
    body.lines()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_string()
}

impl GraphStore for RemoteStore {
    fn content_hash(&self, id: &str) -> Result<Option<String>> {
        let a = rdf::article_iri(id);
        let hash = rdf::tupu("contentHash");
        let rows = self.rows(&format!(
            "SELECT ?h WHERE {{ GRAPH {a} {{ {a} {hash} ?h }} }} LIMIT 1"
        ))?;
        Ok(rows
            .into_iter()
            .next()
            .and_then(|r| match r.into_iter().next().flatten() {
                Some(Term::Literal(l)) => Some(l.value().to_string()),
                _ => None,
            }))
    }

    fn put_batch(&self, graphs: Vec<PreparedGraph>) -> Result<Vec<PutOutcome>> {
        // One request after the other: concurrent ones gain nothing on Virtuoso (its locks
        // on the merge graph serialise them) and risk deadlocks.
        graphs.iter().map(|g| self.put_one(g)).collect()
    }

    fn remove_article(&self, id: &str) -> Result<()> {
        let g = rdf::article_iri(id);
        if !self.exists(&format!("GRAPH {g} {{ ?s ?p ?o }}"))? {
            return Err(Error::UnknownArticle(id.to_string()));
        }
        match &self.writes {
            Writes::Update(_) => self.update(&Self::drop_article(g.as_str())),
            Writes::GraphStore(gsp) => {
                let url = Self::graph_url(gsp, g.as_str());
                let response = self
                    .agent
                    .delete(&url)
                    .call()
                    .map_err(|e| self.failed(&url, e))?;
                self.succeeded(&url, response).map(|_| ())
            }
        }
    }

    fn article_ids(&self) -> Result<Vec<String>> {
        let article = rdf::tupu("Article");
        let rows = self.rows(&format!(
            "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a {article} }} FILTER({}) }}",
            is_article_graph("g")
        ))?;
        let mut ids: Vec<String> = rows
            .into_iter()
            .filter_map(|r| match r.into_iter().next().flatten() {
                Some(Term::NamedNode(g)) => rdf::article_id_of(g.as_str()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    fn len(&self) -> Result<usize> {
        // Each article's graph states its size (`void:triples`, `rdf::sized`): their sum is
        // one number per article (Virtuoso, 100,000 articles: 0.07 s). Where some graph does
        // not (an older tupu's), the server counts the quads of the graphs that are articles
        // (each holds `<graph> a tupu:Article`): 2.4 s there.
        let article = rdf::tupu("Article");
        let triples = oxigraph::model::NamedNode::new_unchecked(format!("{}triples", rdf::VOID));
        let articles = first_number(&self.rows(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g a {article} }} }}"
        ))?);
        let sizes = self.rows(&format!(
            "SELECT (COUNT(*) AS ?n) (SUM(?size) AS ?quads) WHERE {{ GRAPH ?g {{ ?g {triples} ?size }} }}"
        ))?;
        if sizes.first().is_some_and(|r| number(&r[0]) == articles) {
            return Ok(sizes.first().map_or(0, |r| number(&r[1])));
        }
        let rows = self.rows(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g a {article} . ?s ?p ?o }} }}"
        ))?;
        Ok(first_number(&rows))
    }

    fn quads_matching(
        &self,
        subject: Option<&Term>,
        predicate: Option<&Term>,
        object: Option<&Term>,
        per_graph: bool,
    ) -> Result<Vec<Quad>> {
        let show = |t: Option<&Term>, v: &str| t.map_or(v.to_string(), |t| t.to_string());
        let (s, p, o) = (
            show(subject, "?s"),
            show(predicate, "?p"),
            show(object, "?o"),
        );
        let query = if per_graph {
            format!(
                "SELECT * WHERE {{ GRAPH ?g {{ {s} {p} {o} }} FILTER({}) }}",
                is_article_graph("g")
            )
        } else {
            format!(
                "SELECT * WHERE {{ {} }}",
                self.on_merge(&format!("{s} {p} {o}"))
            )
        };
        let mut quads = Vec::new();
        for row in self.solutions(&query)? {
            // A term given is not in the row: it is what was asked for.
            let get = |name: &str, fixed: Option<&Term>| {
                fixed.cloned().or_else(|| row.get(name).cloned())
            };
            let (Some(s), Some(Term::NamedNode(p)), Some(o)) =
                (get("s", subject), get("p", predicate), get("o", object))
            else {
                continue;
            };
            let s = match s {
                Term::NamedNode(n) => NamedOrBlankNode::from(n),
                Term::BlankNode(b) => b.into(),
                _ => continue,
            };
            let g = match row.get("g") {
                Some(Term::NamedNode(g)) => GraphName::from(g.clone()),
                _ => GraphName::DefaultGraph,
            };
            quads.push(Quad::new(s, p, o, g));
        }
        Ok(quads)
    }

    fn evaluate(
        &self,
        query: &spargebra::Query,
        binds: &[(Variable, String)],
        _token: &CancellationToken,
    ) -> Result<QueryResults<'static>> {
        let mut query = query.clone();
        let pattern = match &mut query {
            spargebra::Query::Select { pattern, .. }
            | spargebra::Query::Construct { pattern, .. }
            | spargebra::Query::Describe { pattern, .. }
            | spargebra::Query::Ask { pattern, .. } => pattern,
        };
        let mut rewritten = on_the_merge(
            std::mem::replace(pattern, GraphPattern::Bgp { patterns: vec![] }),
            self.merge_graph().as_ref(),
        );
        for (var, value) in binds {
            // The stored literal with that text, as the folder store finds it.
            let mut chosen = None;
            for l in bind_candidates(value) {
                if self.exists(&self.on_merge(&format!("?s ?p {l}")))? {
                    chosen = Some(l);
                    break;
                }
            }
            let literal =
                chosen.unwrap_or_else(|| oxigraph::model::Literal::new_simple_literal(value));
            rewritten = bound_inside(rewritten, var, GroundTerm::Literal(literal));
        }
        let mut separators = Vec::new();
        *pattern = ascii_separators(rewritten, &mut separators);
        let text = query.to_string();
        if std::env::var_os("TUPU_DEBUG_REMOTE").is_some() {
            eprintln!("{text}");
        }
        let to_error = |e: Error| QueryEvaluationError::Service(Box::new(e));
        match &query {
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. } => {
                let body = self.send(&text, "application/n-triples")?;
                let triples = RdfParser::from_format(RdfFormat::NTriples)
                    .for_reader(body)
                    .map(move |t| {
                        t.map(oxigraph::model::Triple::from).map_err(|e| {
                            to_error(Error::Usage(format!("the server's triples: {e}")))
                        })
                    });
                Ok(QueryResults::Graph(QueryTripleIter::new(triples)))
            }
            _ => {
                let body = self.send(&text, "application/sparql-results+json")?;
                match QueryResultsParser::from_format(QueryResultsFormat::Json)
                    .for_reader(body)
                    .map_err(|e| self.failed(&self.query_url, e))?
                {
                    ReaderQueryResultsParserOutput::Boolean(b) => Ok(QueryResults::Boolean(b)),
                    // Virtuoso's ASK in JSON: a row of `__ASK_RETVAL` 1 for true, none for false.
                    ReaderQueryResultsParserOutput::Solutions(mut s)
                        if matches!(query, spargebra::Query::Ask { .. }) =>
                    {
                        let yes = match s.next() {
                            Some(row) => row
                                .map_err(|e| self.failed(&self.query_url, e))?
                                .values()
                                .iter()
                                .flatten()
                                .any(|t| matches!(t, Term::Literal(l) if l.value() == "1" || l.value() == "true")),
                            None => false,
                        };
                        Ok(QueryResults::Boolean(yes))
                    }
                    ReaderQueryResultsParserOutput::Solutions(s) if separators.is_empty() => {
                        Ok(QueryResults::Solutions(QuerySolutionIter::from(s)))
                    }
                    ReaderQueryResultsParserOutput::Solutions(s) => {
                        let variables: std::sync::Arc<[Variable]> = s.variables().into();
                        let names = variables.clone();
                        let rows = s.map(move |row| {
                            let row =
                                row.map_err(|e| QueryEvaluationError::Unexpected(e.into()))?;
                            let values: Vec<Option<Term>> = row
                                .values()
                                .iter()
                                .map(|v| v.clone().map(|t| separators_back(t, &separators)))
                                .collect();
                            Ok((names.clone(), values).into())
                        });
                        Ok(QueryResults::Solutions(QuerySolutionIter::new(
                            variables, rows,
                        )))
                    }
                }
            }
        }
    }

    /// Counted by the server: aggregate queries instead of the whole entity graph over the
    /// wire (100,000 articles on Virtuoso: 359 s → seconds).
    fn summary(&self) -> Result<Option<Summary>> {
        use crate::schema::{EntityType, Predicate};
        let classes = EntityType::ALL
            .map(|t| rdf::tupu(t.as_str()).to_string())
            .join(", ");
        let predicates = Predicate::ALL
            .map(|p| rdf::tupu(p.as_str()).to_string())
            .join(" ");
        let label = oxigraph::model::vocab::rdfs::LABEL;
        let local = |t: &Option<Term>, prefix: &str| match t {
            Some(Term::NamedNode(n)) => n.as_str().strip_prefix(prefix).map(str::to_string),
            Some(Term::Literal(l)) => l.value().strip_prefix(prefix).map(str::to_string),
            _ => None,
        };
        let mut entities: Vec<(EntityType, usize)> =
            EntityType::ALL.iter().map(|&t| (t, 0)).collect();
        // Typed entities: tupu labels every entity it types (`rdf.rs`), so no join with the
        // labels (Virtuoso, 100,000 articles: 0.56 s with it, 0.21 s without); each entity's
        // IRI is of one type, and the merge holds each type statement once.
        for row in self.rows(&format!(
            "SELECT ?t (COUNT(*) AS ?n) WHERE {{ VALUES ?t {{ {} }} {} }} GROUP BY ?t",
            classes.replace(", ", " "),
            self.on_merge("?e a ?t")
        ))? {
            let t = local(&row[0], rdf::TUPU).and_then(|t| EntityType::parse(&t));
            if let Some(slot) = entities.iter_mut().find(|(e, _)| Some(*e) == t) {
                slot.1 = number(&row[1]);
            }
        }
        // Every relation tupu writes joins two entities it typed and labelled (`rdf.rs`), so
        // no query checks its ends (the checks cost Virtuoso 8 times the counting). Distinct
        // relations are the merge's; statements are the articles' quads, which are all the
        // named graphs' quads with the predicate (no other graph uses tupu's relations), less
        // the merge's where tupu keeps the merge in a graph.
        let per_predicate = |pattern: &str| {
            self.rows(&format!(
                "SELECT ?p (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {predicates} }} \
                 {pattern} FILTER(isIRI(?o)) }} GROUP BY ?p"
            ))
            .map(|rows| {
                rows.into_iter()
                    .filter_map(|r| {
                        let p = local(&r[0], rdf::TUPU).and_then(|p| Predicate::parse(&p))?;
                        Some((p, number(&r[1])))
                    })
                    .collect::<std::collections::HashMap<Predicate, usize>>()
            })
        };
        let merged = per_predicate(&self.on_merge("?s ?p ?o"))?;
        let everywhere = per_predicate("GRAPH ?g { ?s ?p ?o }")?;
        let relations: Vec<(Predicate, usize, usize)> = Predicate::ALL
            .iter()
            .map(|p| {
                let edges = merged.get(p).copied().unwrap_or(0);
                let mut statements = everywhere.get(p).copied().unwrap_or(0);
                if self.merge_graph().is_some() {
                    statements = statements.saturating_sub(edges);
                }
                (*p, edges, statements)
            })
            .collect();
        // The most connected: the tenth best degree first, then every entity with at least
        // that many relations, labelled, so that ties are broken by label as in the graph.
        let degrees = format!(
            "SELECT ?e (COUNT(*) AS ?d) WHERE {{ VALUES ?p {{ {predicates} }} \
               {{ {} }} UNION {{ {} }} \
               FILTER(isIRI(?x) && isIRI(?e)) }} GROUP BY ?e",
            self.on_merge("?e ?p ?x"),
            self.on_merge("?x ?p ?e")
        );
        let tenth = self
            .rows(&format!(
                "SELECT ?d WHERE {{ {{ {degrees} }} }} ORDER BY DESC(?d) LIMIT {MOST_CONNECTED}"
            ))?
            .last()
            .map_or(0, |r| number(&r[0]));
        let mut most_connected = Vec::new();
        for row in self.rows(&format!(
            "SELECT ?e ?d (MIN(STR(?l)) AS ?label) (MIN(STR(?t)) AS ?type) WHERE {{ \
               {{ {degrees} HAVING (COUNT(*) >= {tenth}) }} \
               {} FILTER(?t IN ({classes})) \
             }} GROUP BY ?e ?d ORDER BY DESC(?d) ?label LIMIT {MOST_CONNECTED}",
            self.on_merge(&format!("?e a ?t ; {label} ?l"))
        ))? {
            let t = local(&row[3], rdf::TUPU).and_then(|t| EntityType::parse(&t));
            if let (Some(Term::Literal(l)), Some(t)) = (&row[2], t) {
                most_connected.push((l.value().to_string(), t, number(&row[1])));
            }
        }
        Ok(Some(Summary {
            // Counted by the server, not listed (a row per article over the wire): a graph
            // that states itself an article is one.
            articles: first_number(&self.rows(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g a {} }} }}",
                rdf::tupu("Article"),
            ))?),
            quads: self.len()?,
            entities,
            relations,
            most_connected,
        }))
    }

    fn dump_nquads(&self, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io("<output>", e);
        for per_graph in [false, true] {
            for q in self.quads_matching(None, None, None, per_graph)? {
                writeln!(out, "{q} .").map_err(io)?;
            }
        }
        Ok(())
    }
}

/// A query's pattern as tupu's store answers it on a server that knows nothing of tupu:
/// what it matches in the default graph it matches in tupu's merge graph `merge` (none when
/// the server's default graph is the merge, or when the pattern is already under a `GRAPH`),
/// and `GRAPH ?g { … }` ranges over article graphs only, not the merge or the server's own
/// graphs. Sent this way rather than with `default-graph-uri`, which some servers (Virtuoso)
/// take to hide every named graph.
fn on_the_merge(p: GraphPattern, merge: Option<&oxigraph::model::NamedNode>) -> GraphPattern {
    use GraphPattern as G;
    let merged = |p: G| match merge {
        None => p,
        Some(graph) => G::Graph {
            name: NamedNodePattern::NamedNode(graph.clone()),
            inner: Box::new(p),
        },
    };
    match p {
        G::Graph {
            name: NamedNodePattern::Variable(v),
            inner,
        } => G::Filter {
            expr: Expression::FunctionCall(
                spargebra::algebra::Function::StrStarts,
                vec![
                    Expression::FunctionCall(
                        spargebra::algebra::Function::Str,
                        vec![Expression::Variable(v.clone())],
                    ),
                    Expression::Literal(oxigraph::model::Literal::new_simple_literal(
                        rdf::article_iri("").as_str(),
                    )),
                ],
            ),
            inner: Box::new(G::Graph {
                name: NamedNodePattern::Variable(v),
                inner: Box::new(on_the_merge(*inner, None)),
            }),
        },
        G::Graph { name, inner } => G::Graph {
            name,
            inner: Box::new(on_the_merge(*inner, None)),
        },
        G::Bgp { patterns } if patterns.is_empty() => G::Bgp { patterns },
        G::Bgp { patterns } => merged(G::Bgp {
            patterns: patterns
                .into_iter()
                .map(|t| spargebra::term::TriplePattern {
                    subject: no_blank(t.subject),
                    predicate: t.predicate,
                    object: no_blank(t.object),
                })
                .collect(),
        }),
        G::Path {
            subject,
            path,
            object,
        } => merged(G::Path {
            subject: no_blank(subject),
            path,
            object: no_blank(object),
        }),
        other => map_children(other, &mut |c| on_the_merge(c, merge)),
    }
}

/// GROUP_CONCAT separators outside ASCII sent as ASCII stand-ins, which
/// [`separators_back`] turns back in the answers: Virtuoso writes a separator such as `、` as
/// `?`, even written as `\u3001`. `swaps` collects (stand-in, separator).
fn ascii_separators(p: GraphPattern, swaps: &mut Vec<(String, String)>) -> GraphPattern {
    use spargebra::algebra::{AggregateExpression, AggregateFunction};
    let p = map_children(p, &mut |c| ascii_separators(c, swaps));
    let GraphPattern::Group {
        inner,
        variables,
        aggregates,
    } = p
    else {
        return p;
    };
    let aggregates = aggregates
        .into_iter()
        .map(|(var, aggregate)| match aggregate {
            AggregateExpression::FunctionCall {
                name:
                    AggregateFunction::GroupConcat {
                        separator: Some(separator),
                    },
                expr,
                distinct,
            } if !separator.is_ascii() => {
                let stand_in = format!("~tupu-separator-{}~", swaps.len());
                swaps.push((stand_in.clone(), separator));
                let name = AggregateFunction::GroupConcat {
                    separator: Some(stand_in),
                };
                (
                    var,
                    AggregateExpression::FunctionCall {
                        name,
                        expr,
                        distinct,
                    },
                )
            }
            other => (var, other),
        })
        .collect();
    GraphPattern::Group {
        inner,
        variables,
        aggregates,
    }
}

/// A literal of an answer with the separators [`ascii_separators`] stood in for put back.
fn separators_back(t: Term, swaps: &[(String, String)]) -> Term {
    let Term::Literal(l) = &t else { return t };
    if !l.value().contains("~tupu-separator-") {
        return t;
    }
    let mut value = l.value().to_string();
    for (stand_in, separator) in swaps {
        value = value.replace(stand_in.as_str(), separator);
    }
    match l.language() {
        Some(language) => {
            oxigraph::model::Literal::new_language_tagged_literal_unchecked(value, language)
        }
        None => oxigraph::model::Literal::new_typed_literal(value, l.datatype()),
    }
    .into()
}

/// The pattern with `f` applied to each of its sub-patterns (leaves unchanged).
fn map_children(p: GraphPattern, f: &mut dyn FnMut(GraphPattern) -> GraphPattern) -> GraphPattern {
    use GraphPattern as G;
    let mut r = |b: Box<G>| Box::new(f(*b));
    match p {
        G::Graph { name, inner } => G::Graph {
            name,
            inner: r(inner),
        },
        G::Join { left, right } => {
            let left = r(left);
            G::Join {
                left,
                right: r(right),
            }
        }
        G::LeftJoin {
            left,
            right,
            expression,
        } => {
            let left = r(left);
            G::LeftJoin {
                left,
                right: r(right),
                expression,
            }
        }
        G::Lateral { left, right } => {
            let left = r(left);
            G::Lateral {
                left,
                right: r(right),
            }
        }
        G::Union { left, right } => {
            let left = r(left);
            G::Union {
                left,
                right: r(right),
            }
        }
        G::Minus { left, right } => {
            let left = r(left);
            G::Minus {
                left,
                right: r(right),
            }
        }
        G::Filter { expr, inner } => G::Filter {
            expr,
            inner: r(inner),
        },
        G::Extend {
            inner,
            variable,
            expression,
        } => G::Extend {
            inner: r(inner),
            variable,
            expression,
        },
        G::OrderBy { inner, expression } => G::OrderBy {
            inner: r(inner),
            expression,
        },
        G::Project { inner, variables } => G::Project {
            inner: r(inner),
            variables,
        },
        G::Distinct { inner } => G::Distinct { inner: r(inner) },
        G::Reduced { inner } => G::Reduced { inner: r(inner) },
        G::Slice {
            inner,
            start,
            length,
        } => G::Slice {
            inner: r(inner),
            start,
            length,
        },
        G::Group {
            inner,
            variables,
            aggregates,
        } => G::Group {
            inner: r(inner),
            variables,
            aggregates,
        },
        G::Service {
            name,
            inner,
            silent,
        } => G::Service {
            name,
            inner: r(inner),
            silent,
        },
        leaf => leaf,
    }
}

/// A blank node of a pattern as the variable it stands for: the parser writes `p+` as
/// `p` to a blank node then `p*`, which Virtuoso refuses (a path's subject must be a variable).
fn no_blank(t: spargebra::term::TermPattern) -> spargebra::term::TermPattern {
    match t {
        spargebra::term::TermPattern::BlankNode(b) => spargebra::term::TermPattern::Variable(
            Variable::new_unchecked(format!("bnode{}", b.as_str())),
        ),
        other => other,
    }
}

/// `var` bound to `value` where the query's pattern begins (below its projection, order,
/// grouping and filters), as tupu's own store substitutes it: filters and the result see it.
fn bound_inside(p: GraphPattern, var: &Variable, value: GroundTerm) -> GraphPattern {
    use GraphPattern as G;
    match p {
        G::Project { .. }
        | G::Distinct { .. }
        | G::Reduced { .. }
        | G::Slice { .. }
        | G::OrderBy { .. }
        | G::Group { .. }
        | G::Filter { .. }
        | G::Extend { .. } => map_children(p, &mut |c| bound_inside(c, var, value.clone())),
        // BIND rather than VALUES: Virtuoso loses every row of a group that BINDs after a
        // VALUES it is joined with.
        other => G::Join {
            left: Box::new(G::Extend {
                inner: Box::new(G::Bgp { patterns: vec![] }),
                variable: var.clone(),
                expression: match value {
                    GroundTerm::NamedNode(n) => Expression::NamedNode(n),
                    GroundTerm::Literal(l) => Expression::Literal(l),
                },
            }),
            right: Box::new(other),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(q: &str, binds: &[(&str, &str)]) -> String {
        rewritten_for(
            q,
            binds,
            Some(&oxigraph::model::NamedNode::new_unchecked(MERGED)),
        )
    }

    fn rewritten_for(
        q: &str,
        binds: &[(&str, &str)],
        merge: Option<&oxigraph::model::NamedNode>,
    ) -> String {
        let mut query = spargebra::SparqlParser::new().parse_query(q).unwrap();
        let spargebra::Query::Select { pattern, .. } = &mut query else {
            panic!("a select");
        };
        let mut p = on_the_merge(
            std::mem::replace(pattern, GraphPattern::Bgp { patterns: vec![] }),
            merge,
        );
        for (v, value) in binds {
            p = bound_inside(
                p,
                &Variable::new(*v).unwrap(),
                GroundTerm::Literal(
                    oxigraph::model::Literal::new_language_tagged_literal(*value, "zh").unwrap(),
                ),
            );
        }
        *pattern = p;
        // What is sent must parse again, as any server would.
        let text = query.to_string();
        spargebra::SparqlParser::new().parse_query(&text).unwrap();
        text
    }

    #[test]
    fn graph_variables_leave_the_merge_out_and_binds_go_inside() {
        let text = rewritten(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { ?p <http://e/label> ?name . GRAPH ?g { ?p ?x ?y } } GROUP BY ?g ORDER BY ?g LIMIT 5",
            &[("name", "王某")],
        );
        assert!(text.contains("STRSTARTS"), "{text}");
        assert!(text.contains(&format!("GRAPH <{MERGED}>")), "{text}");
        assert!(text.contains("BIND(\"王某\"@zh AS ?name)"), "{text}");
        // A named graph is left as it is.
        let named = rewritten("SELECT * WHERE { GRAPH <http://e/g> { ?s ?p ?o } }", &[]);
        assert!(
            !named.contains("STRSTARTS") && !named.contains(MERGED),
            "{named}"
        );
    }

    #[test]
    fn where_the_default_graph_is_the_merge_only_graph_variables_change() {
        let q = "SELECT ?g WHERE { ?p <http://e/label> ?name . GRAPH ?g { ?p ?x ?y } }";
        let text = rewritten_for(q, &[], None);
        assert!(text.contains("STRSTARTS"), "{text}");
        assert!(!text.contains(MERGED), "{text}");
        assert!(text.contains("?p <http://e/label> ?name"), "{text}");
    }

    #[test]
    fn separators_outside_ascii_travel_as_stand_ins_and_come_back() {
        let mut query = spargebra::SparqlParser::new()
            .parse_query(
                "SELECT ?i (GROUP_CONCAT(?n; separator=\"、\") AS ?who) (GROUP_CONCAT(?n; separator=\", \") AS ?plain) \
                 WHERE { ?i <http://e/by> ?n } GROUP BY ?i",
            )
            .unwrap();
        let spargebra::Query::Select { pattern, .. } = &mut query else {
            panic!("a select");
        };
        let mut swaps = Vec::new();
        *pattern = ascii_separators(
            std::mem::replace(pattern, GraphPattern::Bgp { patterns: vec![] }),
            &mut swaps,
        );
        let text = query.to_string();
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("\", \""), "an ASCII separator stays: {text}");
        assert_eq!(swaps.len(), 1);
        let answer = Term::from(oxigraph::model::Literal::new_simple_literal(format!(
            "王某{}李某",
            swaps[0].0
        )));
        assert_eq!(
            separators_back(answer, &swaps),
            Term::from(oxigraph::model::Literal::new_simple_literal("王某、李某"))
        );
    }

    #[test]
    fn graph_store_addresses_name_the_graph_by_its_iri() {
        let g = "https://w3id.org/tupu/article/a b";
        assert_eq!(
            RemoteStore::graph_url("http://h:1/store", g),
            "http://h:1/store?graph=https%3A%2F%2Fw3id%2Eorg%2Ftupu%2Farticle%2Fa%20b"
        );
        assert!(
            RemoteStore::graph_url("http://h:1/ds?x=1", g).starts_with("http://h:1/ds?x=1&graph=")
        );
    }
}

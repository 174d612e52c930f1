//! The commands' work, apart from argument parsing: each takes plain options and writes to
//! the given output. `main.rs` only parses arguments and maps errors to exit codes.

use crate::article::{self, Article};
use crate::error::{Error, Result};
use crate::export::{self, ExportFormat};
use crate::extract::lexicon::Lexicon;
use crate::extract::ner::{bio_tags, NerSpan};
use crate::extract::Extractor;
use crate::graph::{self, Filter};
use crate::query::{self, ResultFormat};
use crate::rdf;
use crate::schema::{EntityType, Extraction, Predicate};
use crate::store::{GraphStore, PutOutcome};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What an ingest did, for the summary and for tests.
#[derive(Debug, Default)]
pub struct IngestReport {
    pub read: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub skipped: Vec<Error>,
    pub entities: BTreeMap<EntityType, usize>,
    pub relations: BTreeMap<Predicate, usize>,
    pub seconds: f64,
}

fn progress(len: usize, what: &str) -> ProgressBar {
    // indicatif draws to stderr only when it is a terminal: quiet in pipes and in CI.
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {msg} [{bar:30}] {pos}/{len} {per_sec} {elapsed}, {eta} to go",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// At most this many files' articles go to the store in one group commit (and wait for it in
/// the channel from the workers).
const BATCH_FILES: usize = 64;

/// Reads, extracts and stores every article under `paths`. Extraction runs on all cores and
/// the articles whose extraction is done are stored (durably) together, as one group commit,
/// so a slow file holds back no other; an interrupted ingest keeps every article it stored.
/// Of two articles with one id, the first stored is kept and the other named as skipped.
pub fn ingest(
    store: &dyn GraphStore,
    paths: &[PathBuf],
    lexicon: Lexicon,
    max_article_bytes: u64,
) -> Result<IngestReport> {
    let started = Instant::now();
    let (files, skipped) = article::article_files(paths);
    let extractor = Extractor::new(lexicon);
    let mut report = IngestReport {
        skipped,
        ..IngestReport::default()
    };
    let bar = progress(files.len(), "ingesting");
    let mut seen: HashMap<String, String> = HashMap::new();
    let stop = std::sync::atomic::AtomicBool::new(false);
    type Prepared = Option<(Extraction, Result<crate::store::PreparedGraph>)>;
    let (tx, rx) =
        std::sync::mpsc::sync_channel::<(article::ReadOutcome, Vec<Prepared>)>(BATCH_FILES);
    // An article stored with the same content is not extracted again: a resumed ingest
    // redoes only the articles it had not finished.
    let stored_already =
        |a: &Article| store.content_hash(&a.id).ok().flatten() == Some(a.content_hash());
    let stored = std::thread::scope(|scope| -> Result<()> {
        let (extractor, stop, files, stored_already) = (&extractor, &stop, &files, &stored_already);
        scope.spawn(move || {
            files.par_iter().for_each_with(tx, |tx, f| {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    return;
                }
                // The receiver is gone only when storing failed; the work is dropped.
                let (outcome, extractions) =
                    read_and_extract_one(f, extractor, max_article_bytes, stored_already);
                // The graph and its file's bytes are made here, on every core: storing
                // is left only the writing.
                let prepared = outcome
                    .articles
                    .iter()
                    .zip(extractions)
                    .map(|(a, ex)| {
                        ex.map(|ex| {
                            let graph =
                                crate::store::prepare_graph(&a.id, &rdf::article_quads(a, &ex));
                            (ex, graph)
                        })
                    })
                    .collect();
                let _ = tx.send((outcome, prepared));
            });
        });
        // Whatever the workers have ready is stored as one group commit (one folder sync
        // for all its articles): the slower storing is, the larger its batches.
        while let Ok(first) = rx.recv() {
            let ready: Vec<_> = std::iter::once(first)
                .chain(std::iter::from_fn(|| rx.try_recv().ok()).take(BATCH_FILES - 1))
                .collect();
            let files = ready.len() as u64;
            let mut batch = Vec::new();
            let mut counts = Vec::new();
            for (outcome, extractions) in ready {
                report.skipped.extend(outcome.skipped);
                for (a, ex) in outcome.articles.iter().zip(extractions) {
                    if let Some(first) = seen.get(&a.id) {
                        report.skipped.push(Error::BadArticle {
                            path: PathBuf::from(&a.origin),
                            problem: format!(
                                "article id {} is already used by {first}; rename one of them",
                                a.id
                            ),
                        });
                        continue;
                    }
                    seen.insert(a.id.clone(), a.origin.clone());
                    report.read += 1;
                    let Some((ex, graph)) = ex else {
                        report.unchanged += 1;
                        continue;
                    };
                    match graph {
                        Ok(g) => batch.push(g),
                        Err(e) => {
                            // The articles before it are stored all the same, as they would
                            // have been one by one.
                            stop.store(true, std::sync::atomic::Ordering::Relaxed);
                            store.put_batch(batch)?;
                            return Err(e);
                        }
                    }
                    counts.push(ex);
                }
            }
            let outcomes = match store.put_batch(batch) {
                Ok(o) => o,
                Err(e) => {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    return Err(e);
                }
            };
            for (outcome, ex) in outcomes.into_iter().zip(counts) {
                match outcome {
                    PutOutcome::Added => report.added += 1,
                    PutOutcome::Replaced => report.replaced += 1,
                    PutOutcome::Unchanged => report.unchanged += 1,
                }
                for e in &ex.entities {
                    *report.entities.entry(e.entity_type).or_default() += 1;
                }
                for r in &ex.relations {
                    *report.relations.entry(r.predicate).or_default() += 1;
                }
            }
            bar.inc(files);
        }
        Ok(())
    });
    bar.finish_and_clear();
    stored?;
    report.skipped.sort_by_key(|e| e.to_string());
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Reads and extracts files on all cores; results come back in the files' order.
fn read_and_extract(
    files: &[PathBuf],
    extractor: &Extractor,
    max_article_bytes: u64,
) -> Vec<(article::ReadOutcome, Vec<Extraction>)> {
    files
        .par_iter()
        .map(|f| {
            let (outcome, ex) = read_and_extract_one(f, extractor, max_article_bytes, &|_| false);
            (outcome, ex.into_iter().flatten().collect())
        })
        .collect()
}

/// Reads one file and extracts each of its articles but those `skip` says need not be
/// (`None` in their place).
fn read_and_extract_one(
    file: &Path,
    extractor: &Extractor,
    max_article_bytes: u64,
    skip: &(dyn Fn(&Article) -> bool + Sync),
) -> (article::ReadOutcome, Vec<Option<Extraction>>) {
    let mut outcome = article::read_file(file, max_article_bytes);
    // A bug in a rule must cost one article, not the run: a panic is caught and the article
    // named as skipped.
    let mut extractions = Vec::new();
    let mut failed = Vec::new();
    for a in std::mem::take(&mut outcome.articles) {
        if skip(&a) {
            extractions.push(None);
            outcome.articles.push(a);
            continue;
        }
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(&a))) {
            Ok(ex) => {
                extractions.push(Some(ex));
                outcome.articles.push(a);
            }
            Err(_) => failed.push(Error::BadArticle {
                path: PathBuf::from(&a.origin),
                problem: "internal error while extracting this article (please report it); skipped"
                    .into(),
            }),
        }
    }
    outcome.skipped.extend(failed);
    (outcome, extractions)
}

impl IngestReport {
    /// The report as JSON (`POST /ingest` of `tupu serve --writable`): the same numbers
    /// `tupu ingest` prints, skipped files with the reason each was skipped.
    pub fn to_json(&self) -> serde_json::Value {
        let counts = |m: Vec<(String, usize)>| -> serde_json::Map<String, serde_json::Value> {
            m.into_iter().map(|(k, n)| (k, n.into())).collect()
        };
        serde_json::json!({
            "read": self.read,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "skipped": self.skipped.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            "extractedPerArticle": {
                "entities": counts(self.entities.iter().map(|(t, n)| (t.to_string(), *n)).collect()),
                "relations": counts(self.relations.iter().map(|(p, n)| (p.to_string(), *n)).collect()),
            },
            "seconds": self.seconds,
        })
    }
}

pub fn print_ingest_report(r: &IngestReport, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "articles read: {} (added {}, replaced {}, unchanged {}), skipped: {}, in {:.2}s",
        r.read,
        r.added,
        r.replaced,
        r.unchanged,
        r.skipped.len(),
        r.seconds
    )?;
    let ents: Vec<String> = r.entities.iter().map(|(t, n)| format!("{t} {n}")).collect();
    let rels: Vec<String> = r
        .relations
        .iter()
        .map(|(p, n)| format!("{p} {n}"))
        .collect();
    // What this run's articles say, summed per article; `stats` counts the store (each
    // entity and fact once, with the places and links the gazetteer adds).
    writeln!(
        out,
        "extracted, per article: entities: {}",
        if ents.is_empty() {
            "none".into()
        } else {
            ents.join(", ")
        }
    )?;
    writeln!(
        out,
        "extracted, per article: relations: {}",
        if rels.is_empty() {
            "none".into()
        } else {
            rels.join(", ")
        }
    )
}

/// Output of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// The SCHEMA JSON document.
    Json,
    /// The article's RDF graph as Turtle.
    Turtle,
    /// The article's named graph as N-Quads: what `ingest` stores for it.
    Nquads,
}

/// Extracts without storing. With `out_dir`, writes `<article id>.json` (or `.ttl`) per
/// article; otherwise prints one document per line. Returns the inputs that failed.
pub fn extract(
    paths: &[PathBuf],
    format: ExtractFormat,
    out_dir: Option<&Path>,
    lexicon: Lexicon,
    max_article_bytes: u64,
    out: &mut dyn Write,
) -> Result<Vec<Error>> {
    let extractor = Extractor::new(lexicon);
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let (files, mut failed) = article::article_files(paths);
    // In order, a chunk at a time: output follows the inputs' order.
    for (outcome, extractions) in files
        .chunks(64)
        .flat_map(|chunk| read_and_extract(chunk, &extractor, max_article_bytes))
    {
        failed.extend(outcome.skipped);
        for (a, ex) in outcome.articles.iter().zip(extractions) {
            let doc = match format {
                ExtractFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&ex)
                        .map_err(|e| Error::Usage(e.to_string()))?;
                    s.push('\n');
                    s
                }
                ExtractFormat::Turtle => turtle_of(a, &ex)?,
                ExtractFormat::Nquads => nquads_of(a, &ex)?,
            };
            match out_dir {
                Some(dir) => {
                    let ext = match format {
                        ExtractFormat::Json => "json",
                        ExtractFormat::Turtle => "ttl",
                        ExtractFormat::Nquads => "nq",
                    };
                    let path = dir.join(format!("{}.{ext}", crate::article::file_stem(&a.id)));
                    crate::output::write_file(&path, doc.as_bytes())?;
                }
                None => {
                    let line = if format == ExtractFormat::Json {
                        serde_json::to_string(&ex).map_err(|e| Error::Usage(e.to_string()))? + "\n"
                    } else {
                        doc
                    };
                    out.write_all(line.as_bytes())
                        .map_err(|e| Error::io("<stdout>", e))?;
                }
            }
        }
    }
    Ok(failed)
}

/// Output of `ner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NerFormat {
    /// One JSON object per text: `{"id": i, "spans": [[start, end, "PER"|"LOC"|"ORG"], …]}`
    /// (character offsets, end exclusive).
    Spans,
    /// One `char TAG` line per character (B-/I- prefixes, O outside), a blank line between
    /// texts: the CoNLL layout of the People's Daily NER sets.
    Bio,
}

/// `tupu ner`: every line of the inputs (files, or standard input when none are given) is
/// one text; texts are numbered from 0 across all inputs. Returns the inputs that could not
/// be read (named), after writing what could.
pub fn ner(
    files: &[PathBuf],
    format: NerFormat,
    lexicon: Lexicon,
    out: &mut dyn Write,
) -> Result<Vec<Error>> {
    let mut texts: Vec<String> = Vec::new();
    let mut failed = Vec::new();
    if files.is_empty() {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map_err(|e| Error::io("<stdin>", e))?;
        if !bytes.iter().all(|b| b.is_ascii_whitespace()) {
            texts.extend(
                article::decode(Path::new("<stdin>"), &bytes)?
                    .lines()
                    .map(str::to_string),
            );
        }
    }
    for f in files {
        match article::read_regular(f, article::DEFAULT_MAX_ARTICLE_BYTES)
            .and_then(|b| article::decode(f, &b))
        {
            Ok(text) => texts.extend(text.lines().map(str::to_string)),
            Err(e) => failed.push(e),
        }
    }
    let extractor = Extractor::new(lexicon);
    let bar = progress(texts.len(), "recognising");
    let spans: Vec<Vec<NerSpan>> = texts
        .par_iter()
        .map(|t| {
            let s = extractor.named_entities(t);
            bar.inc(1);
            s
        })
        .collect();
    bar.finish_and_clear();
    let io = |e: std::io::Error| Error::io("<stdout>", e);
    for (i, (text, spans)) in texts.iter().zip(&spans).enumerate() {
        match format {
            NerFormat::Spans => {
                let list: Vec<serde_json::Value> = spans
                    .iter()
                    .map(|s| serde_json::json!([s.start, s.end, s.label.as_str()]))
                    .collect();
                writeln!(out, "{}", serde_json::json!({"id": i, "spans": list})).map_err(io)?;
            }
            NerFormat::Bio => {
                let chars: Vec<char> = text.chars().collect();
                for (c, tag) in chars.iter().zip(bio_tags(spans, chars.len())) {
                    writeln!(out, "{c} {tag}").map_err(io)?;
                }
                writeln!(out).map_err(io)?;
            }
        }
    }
    Ok(failed)
}

fn nquads_of(a: &Article, ex: &Extraction) -> Result<String> {
    use oxigraph::io::{RdfFormat, RdfSerializer};
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in rdf::article_quads(a, ex) {
        w.serialize_quad(&q)
            .map_err(|e| Error::io("<n-quads>", e))?;
    }
    let bytes = w.finish().map_err(|e| Error::io("<n-quads>", e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn turtle_of(a: &Article, ex: &Extraction) -> Result<String> {
    use oxigraph::io::{RdfFormat, RdfSerializer};
    let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
    for (p, iri) in rdf::PREFIXES {
        ser = ser
            .with_prefix(p, iri)
            .map_err(|e| Error::Usage(e.to_string()))?;
    }
    let mut w = ser.for_writer(Vec::new());
    for q in rdf::article_quads(a, ex) {
        w.serialize_triple(oxigraph::model::TripleRef::from(q.as_ref()))
            .map_err(|e| Error::io("<turtle>", e))?;
    }
    let bytes = w.finish().map_err(|e| Error::io("<turtle>", e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn query(
    store: &dyn GraphStore,
    sparql: &str,
    binds: &[(String, String)],
    format: ResultFormat,
    limits: query::Limits,
    out: &mut dyn Write,
) -> Result<()> {
    query::run(store, sparql, binds, format, limits, out)
}

pub fn export(
    store: &dyn GraphStore,
    format: ExportFormat,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<()> {
    if format == ExportFormat::Nquads {
        if !filter.types.is_empty() || !filter.relations.is_empty() || filter.around.is_some() {
            return Err(Error::Usage(
                "nquads exports the whole store; --type, --relation and --around apply to dot, graphml and turtle".into(),
            ));
        }
        return store.dump_nquads(out);
    }
    if format == ExportFormat::Geojson {
        if !filter.relations.is_empty() || filter.around.is_some() || !filter.types.is_empty() {
            return Err(Error::Usage(
                "geojson exports every located place; --type, --relation and --around do not apply"
                    .into(),
            ));
        }
        return export::write_geojson(&graph::place_summaries(store)?, out);
    }
    let g = graph::from_store(store)?;
    let g = graph::filtered(&g, filter).map_err(Error::Usage)?;
    let io = |e: std::io::Error| Error::io("<output>", e);
    match format {
        ExportFormat::Dot => export::write_dot(&g, out).map_err(io),
        ExportFormat::Graphml => export::write_graphml(&g, out),
        ExportFormat::Turtle => export::write_turtle(&g, out),
        ExportFormat::Nquads | ExportFormat::Geojson => unreachable!("handled above"),
    }
}

/// Prints the paths between two named entities, one a line, shortest first; false when
/// there is none (within `max_steps`).
pub fn path(
    store: &dyn GraphStore,
    from: &str,
    to: &str,
    max_steps: usize,
    limit: usize,
    out: &mut dyn Write,
) -> Result<bool> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    let g = graph::from_store_uncounted(store)?;
    let ends = |name: &str| {
        let found = graph::named(&g, name);
        if found.is_empty() {
            Err(Error::Usage(format!(
                "no entity is called {name} in the store (a label or an alias, as written)"
            )))
        } else {
            Ok(found)
        }
    };
    let (a, b) = (ends(from)?, ends(to)?);
    let paths = graph::paths(&g, &a, &b, max_steps, limit);
    for (start, steps) in &paths {
        let mut line = g[*start].label.clone();
        for s in steps {
            let p = s.predicate.as_str();
            if s.forward {
                line.push_str(&format!(" —{p}→ "));
            } else {
                line.push_str(&format!(" ←{p}— "));
            }
            line.push_str(&g[s.to].label);
        }
        writeln!(out, "{line}").map_err(io)?;
    }
    if paths.is_empty() {
        eprintln!("tupu: no path of at most {max_steps} steps between {from} and {to}");
    }
    Ok(!paths.is_empty())
}

pub fn stats(store: &dyn GraphStore, out: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    let s = match store.summary()? {
        Some(s) => s,
        None => summary_of_graph(store)?,
    };
    writeln!(out, "articles: {}   quads: {}", s.articles, s.quads).map_err(io)?;
    // The store's own counts: each entity and fact once, with the gazetteer's places and
    // links (ingest's summary counts what each article's text says).
    writeln!(out, "entities in the store (with the gazetteer's places):").map_err(io)?;
    for (t, n) in &s.entities {
        writeln!(out, "  {:<14}{n:>6}", t.as_str()).map_err(io)?;
    }
    writeln!(
        out,
        "relations (distinct, with the articles that state them):"
    )
    .map_err(io)?;
    for (p, edges, support) in &s.relations {
        writeln!(
            out,
            "  {:<14}{edges:>6}  ({support} statements)",
            p.as_str()
        )
        .map_err(io)?;
    }
    writeln!(out, "most connected:").map_err(io)?;
    for (label, t, degree) in &s.most_connected {
        writeln!(out, "  {degree:>4}  {label} ({t})").map_err(io)?;
    }
    Ok(())
}

/// The summary counted from the store's entity graph (for a store that counts nothing
/// itself; the folder's and the server's own counts must agree with it).
pub fn summary_of_graph(store: &dyn GraphStore) -> Result<crate::store::Summary> {
    let g = graph::from_store(store)?;
    Ok(crate::store::Summary {
        articles: store.article_ids()?.len(),
        quads: store.len()?,
        entities: EntityType::ALL
            .into_iter()
            .map(|t| (t, g.node_weights().filter(|n| n.entity_type == t).count()))
            .collect(),
        relations: Predicate::ALL
            .into_iter()
            .map(|p| {
                let edges: Vec<_> = g.edge_weights().filter(|e| e.predicate == p).collect();
                (p, edges.len(), edges.iter().map(|e| e.articles).sum())
            })
            .collect(),
        most_connected: graph::most_connected(&g, crate::store::MOST_CONNECTED)
            .into_iter()
            .map(|(node, degree)| (node.label.clone(), node.entity_type, degree))
            .collect(),
    })
}

/// `tupu eval`: extracts every `GOLD_DIR/NAME.txt` and scores it against `NAME.gold.json`.
pub fn eval(gold_dir: &Path, lexicon: Lexicon) -> Result<crate::eval::Scores> {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|e| Error::io(gold_dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(".gold.json")))
        .collect();
    golds.sort();
    if golds.is_empty() {
        return Err(Error::Usage(format!(
            "no *.gold.json in {}",
            gold_dir.display()
        )));
    }
    let extractor = Extractor::new(lexicon);
    let mut scores = crate::eval::Scores::default();
    for g in golds {
        let text = std::fs::read_to_string(&g).map_err(|e| Error::io(&g, e))?;
        let gold: crate::eval::Gold =
            serde_json::from_str(&text).map_err(|e| Error::BadArticle {
                path: g.clone(),
                problem: format!("not a gold annotation: {e}"),
            })?;
        let file_name = g.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let name = file_name.trim_end_matches(".gold.json").to_string();
        let txt = gold_dir.join(format!("{name}.txt"));
        let outcome = article::read_file(&txt, article::DEFAULT_MAX_ARTICLE_BYTES);
        let pred = match outcome.articles.first() {
            Some(a) => extractor.extract(a),
            None => Extraction {
                article: crate::schema::ArticleMeta {
                    id: name.clone(),
                    title: String::new(),
                    published: None,
                    source: None,
                    authors: vec![],
                    editors: vec![],
                },
                entities: vec![],
                relations: vec![],
            },
        };
        scores.add_article(&name, &gold, &pred);
    }
    Ok(scores)
}

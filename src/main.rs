//! The `tupu` command: parses arguments, runs the command, maps errors to exit codes.
//! Exit codes: 0 success; 1 the job ran but some inputs were skipped (each named on
//! stderr); 2 the job failed. A closed output pipe (`tupu … | head`) is not an error.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tupu::app::{self, ExtractFormat, NerFormat};
use tupu::export::ExportFormat;
use tupu::extract::lexicon::Lexicon;
use tupu::graph::Filter;
use tupu::query::ResultFormat;
use tupu::schema::{EntityType, Predicate};
use tupu::store::{GraphStore, RemoteStore, Store};
use tupu::Error;

/// tupu (图谱): knowledge graphs from Chinese news.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct StoreArg {
    /// The store: a folder, or the URL of a SPARQL 1.1 server's query endpoint
    /// (http://HOST:PORT/PATH: Virtuoso's /sparql, Fuseki's /DATASET/sparql, Oxigraph's /query).
    #[arg(long, env = "TUPU_STORE", default_value = "tupu-store")]
    store: PathBuf,
    /// With a server as the store: its SPARQL Update endpoint, when it is not the query
    /// endpoint (Oxigraph server: http://HOST:PORT/update). tupu keeps the merge of the
    /// articles in a graph of its own, updated in the same request as each article.
    #[arg(long, env = "TUPU_UPDATE_URL", conflicts_with = "gsp_url")]
    update_url: Option<String>,
    /// With a server as the store: write each article with the Graph Store Protocol at this
    /// URL (PUT and DELETE ?graph=…: tupu serve's /store, Fuseki's /DATASET/data, Oxigraph's
    /// /store) instead of SPARQL Update. Only for a server whose default graph is the union
    /// of its named graphs, each triple once (tupu serve; Fuseki with unionDefaultGraph;
    /// Oxigraph server with --union-default-graph); not Virtuoso, whose union repeats them.
    #[arg(long, env = "TUPU_GSP_URL")]
    gsp_url: Option<String>,
}

impl StoreArg {
    /// The server, when the store is given as a URL.
    fn server(&self) -> Result<Option<RemoteStore>, Error> {
        let url = self.store.to_string_lossy();
        if url.starts_with("https://") {
            return Err(Error::Usage(format!(
                "{url}: tupu talks plain HTTP to a store server (put a TLS proxy's local side here)"
            )));
        }
        if !url.starts_with("http://") {
            if self.update_url.is_some() || self.gsp_url.is_some() {
                return Err(Error::Usage(format!(
                    "--update-url and --gsp-url are for a server as the store; {url} is a folder"
                )));
            }
            return Ok(None);
        }
        Ok(Some(RemoteStore::new(
            &url,
            self.update_url.as_deref(),
            self.gsp_url.as_deref(),
        )))
    }

    /// The store to read from or (`write`) to write to, folder or server.
    fn open(&self, write: bool) -> Result<Box<dyn GraphStore>, Error> {
        if let Some(server) = self.server()? {
            return Ok(Box::new(server));
        }
        let store = if write {
            Store::open_for_writing(&self.store)?
        } else {
            Store::open(&self.store)?
        };
        warn_damaged(&store);
        Ok(Box::new(store))
    }

    /// The store folder, for the commands that work on a folder only.
    fn folder(&self, command: &str) -> Result<&std::path::Path, Error> {
        if self.server()?.is_some() {
            return Err(Error::Usage(format!(
                "`tupu {command}` works on a store folder; give --store DIR (the server has its own tools)"
            )));
        }
        Ok(&self.store)
    }
}

#[derive(clap::Args)]
struct LexiconArg {
    /// A folder of extra lexicon files (same names and format as ontology/lexicon/).
    #[arg(long)]
    lexicon: Option<PathBuf>,
}

impl LexiconArg {
    fn load(&self) -> Result<Lexicon, Error> {
        match &self.lexicon {
            Some(dir) => Lexicon::with_user_dir(dir),
            None => Ok(Lexicon::builtin()),
        }
    }
}

#[derive(clap::Args)]
struct SizeArg {
    /// Skip (and name) any article file larger than this: bytes, or with a unit (500KB,
    /// 20MB, 1GB).
    #[arg(long, value_parser = parse_size, default_value = "20MB")]
    max_article_size: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Read, extract and store every article under the given files and folders.
    Ingest {
        /// Article files (.txt, .html, .jsonl) or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        lexicon: LexiconArg,
        #[command(flatten)]
        size: SizeArg,
    },
    /// Extract entities and relations without storing them.
    Extract {
        /// Article files (.txt, .html, .jsonl) or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output: the SCHEMA JSON, or the article's RDF as Turtle or N-Quads.
        #[arg(long, value_enum, default_value = "json")]
        format: ExtractFormat,
        /// Write one file per article into this folder: `<article id>.json`, or `.ttl` / `.nq` with
        /// `--format turtle` / `nquads`.
        #[arg(long)]
        out_dir: Option<PathBuf>,
        #[command(flatten)]
        lexicon: LexiconArg,
        #[command(flatten)]
        size: SizeArg,
    },
    /// Named-entity recognition: people, places and organisations in plain text, one text
    /// per line, with the same recognisers as `extract`.
    Ner {
        /// Text files (UTF-8 or GB18030), one text per line; standard input when none.
        files: Vec<PathBuf>,
        /// `spans`: one JSON object per text, `{"id": i, "spans": [[start, end, "PER"], …]}`
        /// with character offsets (end exclusive); `bio`: one `char TAG` line per character
        /// and a blank line between texts.
        #[arg(long, value_enum, default_value = "spans")]
        format: NerFormat,
        #[command(flatten)]
        lexicon: LexiconArg,
    },
    /// Run a SPARQL 1.1 query over every stored article.
    Query {
        /// The query text (or use --file).
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        sparql: Option<String>,
        /// Read the query from this file (e.g. ontology/queries/*.rq).
        #[arg(long)]
        file: Option<PathBuf>,
        /// Result format.
        #[arg(long, value_enum, default_value = "table")]
        format: ResultFormat,
        /// Bind a variable to a name before running: `--bind from=王某`; repeatable. The name
        /// matches a stored label whatever its language tag (labels are `@zh`).
        #[arg(long = "bind", value_parser = parse_bind)]
        binds: Vec<(String, String)>,
        /// Stop the query after this many seconds (0: no limit).
        #[arg(long, default_value_t = 60.0)]
        timeout: f64,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Export the entity graph (or the whole store) for Graphviz, GraphML tools or RDF tools.
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Keep only entities of this type (Person, Organisation, Place, Initiative); repeatable.
        #[arg(long = "type", value_parser = parse_type)]
        types: Vec<EntityType>,
        /// Keep only this relation (leads, memberOf, represents, proposes, locatedIn); repeatable.
        #[arg(long = "relation", value_parser = parse_predicate)]
        relations: Vec<Predicate>,
        /// Keep only the neighbourhood of the entity with this name (or alias).
        #[arg(long)]
        around: Option<String>,
        /// How many steps from --around to keep.
        #[arg(long, default_value_t = 1, requires = "around")]
        depth: usize,
        /// Keep entities with no relation in the exported graph (left out by default in dot
        /// and graphml; turtle keeps them unless --relation is given).
        #[arg(long)]
        isolated: bool,
        #[command(flatten)]
        store: StoreArg,
    },
    /// How two entities are connected: every path of relations (either way) between them,
    /// shortest first, each step with its direction (`—leads→`, `←memberOf—`).
    Path {
        /// Name (label or alias) of the entity the paths start from.
        from: String,
        /// Name of the entity they end at.
        to: String,
        /// Longest path, in steps.
        #[arg(long, default_value_t = 4)]
        max_steps: usize,
        /// Most paths shown.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Counts per type and predicate, articles, and the most connected entities.
    Stats {
        #[command(flatten)]
        store: StoreArg,
    },
    /// Score extraction against gold annotations (GOLD_DIR/NAME.txt with NAME.gold.json),
    /// with the project's scorer (NFKC folding, optional items, locatedIn chaining).
    Eval {
        /// Folder of NAME.txt articles and NAME.gold.json annotations.
        gold_dir: PathBuf,
        /// List each article's misses and false hits.
        #[arg(long)]
        verbose: bool,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lexicon: LexiconArg,
    },
    /// Check every article file of the store (each carries a checksum); with --repair,
    /// move damaged files into the store's damaged/ folder and name the articles to ingest
    /// again. Exit 1 when damage is found and left in place.
    Check {
        /// Move damaged files aside (needs the writer's lock, like ingest).
        #[arg(long)]
        repair: bool,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Serve the store: an explorer page at / (search, entity pages with their graph and
    /// evidence, initiatives by place on a map of China, a SPARQL tab) and a read-only SPARQL
    /// 1.1 Protocol endpoint at /sparql (GET and POST, results by Accept: JSON, XML, CSV, TSV;
    /// Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT); an article's graph at
    /// /store?graph=IRI. Prints the address; Ctrl-C stops it. The store is read at start:
    /// restart to see another process's ingest.
    Serve {
        /// Address to listen on (port 0 picks a free one).
        #[arg(long = "bind", default_value = "127.0.0.1:7878")]
        address: String,
        /// Stop a query after this many seconds (0: no limit).
        #[arg(long, default_value_t = 30.0)]
        timeout: f64,
        /// The most rows (or triples) one answer holds; a larger one is refused with a 503
        /// that says so (0: no cap).
        #[arg(long, default_value_t = 200_000)]
        max_rows: usize,
        /// Also take writes: SPARQL Update naming article graphs, the Graph Store Protocol's
        /// PUT, POST and DELETE at /store?graph=IRI, and POST /ingest?name=FILE with an
        /// article file as the body. The server holds the store's writer lock meanwhile, as
        /// `ingest` does.
        #[arg(long)]
        writable: bool,
        #[command(flatten)]
        lexicon: LexiconArg,
        #[command(flatten)]
        size: SizeArg,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Remove one article and every fact only it supported.
    Remove {
        /// The article id (the file stem it was ingested from).
        article_id: String,
        #[command(flatten)]
        store: StoreArg,
    },
}

fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let (digits, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let unit: u64 = match unit.trim() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        other => return Err(format!("unknown size unit {other}: use B, KB, MB or GB")),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("expected a size like 20MB, got {s}"))
}

fn parse_bind(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .ok_or_else(|| format!("expected VARIABLE=VALUE, got {s}"))
}

fn parse_type(s: &str) -> Result<EntityType, String> {
    EntityType::parse(s)
        .ok_or_else(|| format!("unknown type {s}: use Person, Organisation, Place or Initiative"))
}

fn parse_predicate(s: &str) -> Result<Predicate, String> {
    Predicate::parse(s).ok_or_else(|| {
        format!("unknown relation {s}: use leads, memberOf, represents, proposes or locatedIn")
    })
}

/// The work runs on a thread with a large stack: deeply nested inputs (queries, HTML) are
/// refused by explicit limits long before it could overflow.
const STACK_BYTES: usize = 256 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A query's --timeout cancels its evaluation; the few steps of oxigraph that do not look
    // at the cancellation (a large aggregate) are stopped here, a moment later, by ending the
    // process with the same error.
    let hard_limit = match &cli.command {
        Command::Query { timeout, .. } if *timeout > 0.0 => {
            Some((*timeout, std::time::Duration::from_secs_f64(timeout + 2.0)))
        }
        _ => None,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli)))
                .unwrap_or_else(|_| {
                    Err(Error::Usage("internal error: the command panicked".into()))
                });
            let _ = tx.send(result);
        });
    let result = match worker {
        Err(e) => Err(Error::io("<thread>", e)),
        Ok(_) => match hard_limit {
            Some((secs, limit)) => rx
                .recv_timeout(limit)
                .unwrap_or(Err(Error::QueryTimeout(secs))),
            None => rx.recv().unwrap_or_else(|_| {
                Err(Error::Usage("internal error: the command stopped".into()))
            }),
        },
    };
    match result {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tupu: {e}");
            ExitCode::from(2)
        }
    }
}

/// Where a command writes: standard output, or a file (`-o`) that is replaced only when
/// the command succeeds.
enum Output {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File(tupu::output::AtomicFile),
}

impl Output {
    fn new(path: Option<&PathBuf>) -> Result<Output, Error> {
        Ok(match path {
            Some(p) => Output::File(tupu::output::AtomicFile::create(p)?),
            None => Output::Stdout(std::io::BufWriter::new(std::io::stdout().lock())),
        })
    }

    /// The name errors give for this output.
    fn name(&self) -> PathBuf {
        match self {
            Output::Stdout(_) => PathBuf::from("<stdout>"),
            Output::File(f) => f.target().to_path_buf(),
        }
    }

    /// Flushes standard output, or puts the file in place.
    fn finish(self) -> Result<(), Error> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(|e| Error::io("<stdout>", e)),
            Output::File(f) => f.commit(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File(f) => f.flush(),
        }
    }
}

fn output(path: Option<&PathBuf>) -> Result<Output, Error> {
    Output::new(path)
}

/// Opens a store to read; damaged article files are left out with a warning naming them.
fn open_store(dir: &std::path::Path) -> Result<Store, Error> {
    let store = Store::open(dir)?;
    warn_damaged(&store);
    Ok(store)
}

fn warn_damaged(store: &Store) {
    for d in store.damaged() {
        eprintln!(
            "tupu: warning: {}: damaged ({}); its article is left out — run `tupu check --repair`",
            d.path.display(),
            d.problem
        );
    }
}

fn report_skipped(skipped: &[Error]) -> ExitCode {
    for e in skipped {
        eprintln!("tupu: skipped {e}");
    }
    if skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let flush = |w: Output| w.finish();
    match cli.command {
        Command::Ingest {
            paths,
            store,
            lexicon,
            size,
        } => {
            let lexicon = lexicon.load()?;
            let store = store.open(true)?;
            let report = app::ingest(&*store, &paths, lexicon, size.max_article_size)?;
            let mut out = std::io::stdout().lock();
            app::print_ingest_report(&report, &mut out).map_err(|e| Error::io("<stdout>", e))?;
            for e in &report.skipped {
                eprintln!("tupu: skipped {e}");
            }
            if report.read == 0 && !report.skipped.is_empty() {
                return Ok(ExitCode::from(2));
            }
            Ok(if report.skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Extract {
            files,
            format,
            out_dir,
            lexicon,
            size,
        } => {
            let lexicon = lexicon.load()?;
            let mut out = output(None)?;
            let skipped = app::extract(
                &files,
                format,
                out_dir.as_deref(),
                lexicon,
                size.max_article_size,
                &mut out,
            )?;
            flush(out)?;
            Ok(report_skipped(&skipped))
        }
        Command::Ner {
            files,
            format,
            lexicon,
        } => {
            let lexicon = lexicon.load()?;
            let mut out = output(None)?;
            let skipped = app::ner(&files, format, lexicon, &mut out)?;
            flush(out)?;
            Ok(report_skipped(&skipped))
        }
        Command::Query {
            sparql,
            file,
            format,
            binds,
            timeout,
            store,
        } => {
            let text = match (sparql, file) {
                (Some(q), _) => q,
                (None, Some(f)) => std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?,
                (None, None) => return Err(Error::Usage("give a query or --file".into())),
            };
            let store = store.open(false)?;
            let mut out = output(None)?;
            let limits = tupu::query::Limits {
                timeout: (timeout > 0.0).then(|| std::time::Duration::from_secs_f64(timeout)),
                ..Default::default()
            };
            app::query(&*store, &text, &binds, format, limits, &mut out)?;
            flush(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            output: path,
            types,
            relations,
            around,
            depth,
            isolated,
            store,
        } => {
            let store = store.open(false)?;
            let filter = Filter {
                types,
                relations,
                around: around.map(|a| (a, depth)),
                // Turtle is data for tools, not a drawing: it keeps every entity.
                isolated: isolated || format == ExportFormat::Turtle,
            };
            let mut out = output(path.as_ref())?;
            let name = out.name();
            app::export(&*store, format, &filter, &mut out).map_err(|e| e.for_output(&name))?;
            flush(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Path {
            from,
            to,
            max_steps,
            limit,
            store,
        } => {
            let store = store.open(false)?;
            let mut out = output(None)?;
            let found = app::path(&*store, &from, &to, max_steps, limit, &mut out)?;
            flush(out)?;
            Ok(if found {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Stats { store } => {
            let store = store.open(false)?;
            let mut out = output(None)?;
            app::stats(&*store, &mut out)?;
            flush(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            gold_dir,
            verbose,
            json,
            lexicon,
        } => {
            let scores = app::eval(&gold_dir, lexicon.load()?)?;
            let mut out = output(None)?;
            let io = |e: std::io::Error| Error::io("<stdout>", e);
            if verbose {
                for (name, log) in &scores.log {
                    writeln!(out, "{name}").map_err(io)?;
                    for line in log {
                        writeln!(out, "{line}").map_err(io)?;
                    }
                }
            }
            if json {
                writeln!(out, "{}", scores.to_json()).map_err(io)?;
            } else {
                write!(out, "{}", scores.table()).map_err(io)?;
            }
            flush(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            address,
            timeout,
            max_rows,
            writable,
            lexicon,
            size,
            store,
        } => {
            let dir = store.folder("serve")?.to_path_buf();
            let (store, writes) = if writable {
                let store = Store::open_for_writing(&dir)?;
                warn_damaged(&store);
                let writes = tupu::serve::Writes::new(lexicon.load()?, size.max_article_size);
                (store, Some(writes))
            } else {
                (open_store(&dir)?, None)
            };
            let options = tupu::serve::ServeOptions {
                bind: address,
                limits: tupu::query::Limits {
                    timeout: (timeout > 0.0).then(|| std::time::Duration::from_secs_f64(timeout)),
                    max_rows: (max_rows > 0).then_some(max_rows),
                    ..Default::default()
                },
                threads: std::thread::available_parallelism()
                    .map_or(2, |n| n.get())
                    .max(2)
                    * 2,
            };
            let mode = if writes.is_some() {
                "read-write"
            } else {
                "read-only"
            };
            tupu::serve::serve(store, &options, writes, |addr| {
                println!(
                    "serving {} {mode} at http://{addr}/sparql (explorer: http://{addr}/)",
                    dir.display()
                );
                let _ = std::io::stdout().flush();
            })?;
            eprintln!("tupu: stopped serving {}", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { repair, store } => {
            let dir = store.folder("check")?;
            let mut store = if repair {
                if !dir.join("articles").is_dir() {
                    return Err(Error::NotAStore(dir.to_path_buf()));
                }
                Store::open_for_writing(dir)?
            } else {
                Store::open(dir)?
            };
            let mut out = std::io::stdout().lock();
            let io = |e: std::io::Error| Error::io("<stdout>", e);
            let damaged = store.damaged().len();
            writeln!(
                out,
                "{} articles whole, {} damaged, {} without a checksum (written by an older tupu)",
                store.article_ids()?.len(),
                damaged,
                store.unchecked_files()
            )
            .map_err(io)?;
            let name = |d: &tupu::store::Damaged| {
                d.graph
                    .as_deref()
                    .and_then(tupu::rdf::article_id_of)
                    .map_or(
                        "the article it held (the file no longer names it)".to_string(),
                        |id| format!("article {id}"),
                    )
            };
            if !repair {
                for d in store.damaged() {
                    writeln!(
                        out,
                        "damaged: {}: {} ({})",
                        d.path.display(),
                        d.problem,
                        name(d)
                    )
                    .map_err(io)?;
                }
                return Ok(if damaged == 0 {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                });
            }
            for (d, to) in store.move_damaged_aside()? {
                writeln!(
                    out,
                    "moved {} to {} ({}); ingest {} again",
                    d.path.display(),
                    to.display(),
                    d.problem,
                    name(&d)
                )
                .map_err(io)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Remove { article_id, store } => {
            if let Some(server) = store.server()? {
                server.remove_article(&article_id)?;
                println!("removed {article_id}");
                return Ok(ExitCode::SUCCESS);
            }
            if !store.store.join("articles").is_dir() {
                return Err(Error::NotAStore(store.store.clone()));
            }
            let store = Store::open_for_writing(&store.store)?;
            warn_damaged(&store);
            store.remove_article(&article_id)?;
            println!("removed {article_id}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

//! Benchmark (not a test): `tupu serve` under load — the saved queries from
//! `ontology/queries/` asked by 8 concurrent clients over HTTP for a fixed time, on a store
//! of TUPU_BENCH_ARTICLES articles (default 1,000; copies of the bundled sample, each its
//! own graph). Prints queries per second and p50/p99 latency per query.
//! Run: `cargo bench --bench serve_load`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::var("TUPU_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let seconds: u64 = std::env::var("TUPU_BENCH_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample =
        std::fs::read_to_string(root.join("data/articles/zjrb-20220623-liangge-xianxing.txt"))
            .expect("the sample article");
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("inbox");
    for k in 0..n {
        std::fs::write(
            inbox.join(format!("a{k:05}.txt")),
            format!("{sample}\n第{k}份。"),
        )
        .expect("write");
    }
    let store_dir = dir.path().join("store");
    let started = Instant::now();
    {
        let store = tupu::store::Store::open_for_writing(&store_dir).expect("store");
        tupu::app::ingest(
            &store,
            std::slice::from_ref(&inbox),
            tupu::extract::Lexicon::builtin(),
            tupu::article::DEFAULT_MAX_ARTICLE_BYTES,
        )
        .expect("ingest");
    }
    println!(
        "{n} articles ingested in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let store = tupu::store::Store::open(&store_dir).expect("open");
    println!("store opened in {:.1}s", started.elapsed().as_secs_f64());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let options = tupu::serve::ServeOptions {
            bind: "127.0.0.1:0".into(),
            limits: tupu::query::Limits::default(),
            threads: 8,
        };
        tupu::serve::serve(store, &options, None, |addr| {
            let _ = tx.send(addr.to_string());
        })
        .expect("serves");
    });
    let addr = rx.recv().expect("address");
    let mut queries: Vec<(String, String)> = std::fs::read_dir(root.join("ontology/queries"))
        .expect("queries")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut q = std::fs::read_to_string(&p).expect("query");
            // The two ends path-between.rq expects, as --bind would give them.
            q = q
                .replace("?a rdfs:label ?from .", "?a rdfs:label \"薛孟进\"@zh .")
                .replace("?b rdfs:label ?to .", "?b rdfs:label \"浙江省\"@zh .");
            (name, q)
        })
        .collect();
    queries.sort();
    println!(
        "{:<32} {:>8} {:>10} {:>10} {:>8}",
        "query (8 clients)", "q/s", "p50 ms", "p99 ms", "errors"
    );
    for (name, q) in &queries {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let results: Vec<(Vec<f64>, usize)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let (addr, q) = (addr.clone(), q.clone());
                    scope.spawn(move || {
                        let mut lat = Vec::new();
                        let mut errors = 0;
                        while Instant::now() < deadline {
                            let t = Instant::now();
                            if ask(&addr, &q) != 200 {
                                errors += 1;
                            }
                            lat.push(t.elapsed().as_secs_f64() * 1000.0);
                        }
                        (lat, errors)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("client"))
                .collect()
        });
        let mut lat: Vec<f64> = results
            .iter()
            .flat_map(|(l, _)| l.iter().copied())
            .collect();
        let errors: usize = results.iter().map(|(_, e)| e).sum();
        lat.sort_by(f64::total_cmp);
        let pct = |p: f64| {
            lat.get(((lat.len() as f64 - 1.0) * p) as usize)
                .copied()
                .unwrap_or(0.0)
        };
        println!(
            "{:<32} {:>8.1} {:>10.1} {:>10.1} {:>8}",
            name,
            lat.len() as f64 / seconds as f64,
            pct(0.5),
            pct(0.99),
            errors
        );
    }
    std::process::exit(0);
}

/// One POST of a query; the status code.
fn ask(addr: &str, query: &str) -> u16 {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return 0;
    };
    let req = format!(
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nAccept: application/sparql-results+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{query}",
        query.len()
    );
    if s.write_all(req.as_bytes()).is_err() {
        return 0;
    }
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw)
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

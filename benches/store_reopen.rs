//! Benchmark (not a test): how long reopening a store of about a million quads takes, the
//! gazetteer's load time and memory, and extraction throughput on the dev articles.
//! Run: `cargo bench --bench store_reopen` (TUPU_BENCH_QUADS changes the store size).

use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use std::time::Instant;
use tupu::rdf;
use tupu::store::Store;

fn main() {
    let target: usize = std::env::var("TUPU_BENCH_QUADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let per_article = 1_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let started = Instant::now();
    let label = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
    for a in 0..target / per_article {
        let id = format!("bench-{a:06}");
        let g = GraphName::NamedNode(rdf::article_iri(&id));
        let quads: Vec<Quad> = (0..per_article)
            .map(|k| {
                let s = NamedNode::new_unchecked(format!(
                    "https://w3id.org/tupu/person/人物{}",
                    (a * 37 + k) % 50_000
                ));
                Quad::new(
                    s,
                    label.clone(),
                    Literal::new_language_tagged_literal_unchecked(format!("人物{k}号"), "zh"),
                    g.clone(),
                )
            })
            .collect();
        store
            .put_article(&id, &format!("h{a}"), &quads)
            .expect("put");
    }
    let write = started.elapsed();
    let quads = store.len().expect("len");
    drop(store);
    let started = Instant::now();
    let store = Store::open(dir.path()).expect("reopen");
    let reopen = started.elapsed();
    assert_eq!(store.len().expect("len"), quads);
    println!("store: {quads} quads in {} articles", target / per_article);
    println!(
        "  ingest (durable, one fsync'd file per article): {:.2}s",
        write.as_secs_f64()
    );
    println!("  reopen: {:.2}s", reopen.as_secs_f64());

    // The gazetteer: all five levels, parsed and its automaton built once.
    let rss_before = peak_rss_mib();
    let started = Instant::now();
    let g = tupu::gazetteer::Gazetteer::get();
    println!(
        "gazetteer: {} divisions loaded in {:.2}s (peak RSS {:.0} MiB before, {:.0} MiB after)",
        g.divisions.len(),
        started.elapsed().as_secs_f64(),
        rss_before,
        peak_rss_mib()
    );

    // Extraction throughput on the dev articles, when they are beside the checkout.
    let dev = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev");
    let (files, _) = tupu::article::article_files(&[dev]);
    if !files.is_empty() {
        let articles: Vec<_> = files
            .iter()
            .flat_map(|f| {
                tupu::article::read_file(f, tupu::article::DEFAULT_MAX_ARTICLE_BYTES).articles
            })
            .collect();
        let chars: usize = articles.iter().map(|a| a.body.chars().count()).sum();
        let started = Instant::now();
        let extractor = tupu::extract::Extractor::new(tupu::extract::lexicon::Lexicon::builtin());
        let load = started.elapsed();
        let started = Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            for a in &articles {
                std::hint::black_box(extractor.extract(a));
            }
        }
        let t = started.elapsed().as_secs_f64();
        println!("extraction: lexicons + jieba load {:.2}s; {:.0} chars/s on one core ({} articles x {rounds})",
            load.as_secs_f64(), (chars * rounds) as f64 / t, articles.len());
        // Of which: the gazetteer's automaton pass alone, and segmentation alone.
        let bodies: Vec<&str> = articles.iter().map(|a| a.body.as_str()).collect();
        let started = Instant::now();
        for _ in 0..rounds {
            for b in &bodies {
                std::hint::black_box(g.find(b));
            }
        }
        let find = started.elapsed().as_secs_f64();
        let seg =
            tupu::extract::segment::Segmenter::new(&tupu::extract::lexicon::Lexicon::builtin());
        let started = Instant::now();
        for _ in 0..rounds {
            for b in &bodies {
                std::hint::black_box(seg.segment(b));
            }
        }
        let segment = started.elapsed().as_secs_f64();
        println!(
            "  gazetteer scan alone {:.0} chars/s ({:.1}% of extraction time); segmentation alone {:.0} chars/s",
            (chars * rounds) as f64 / find,
            100.0 * find / t,
            (chars * rounds) as f64 / segment
        );
    }
    println!("peak RSS of the whole benchmark: {:.0} MiB", peak_rss_mib());
}

/// Peak resident set size of this process (Linux), in MiB.
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

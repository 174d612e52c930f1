//! Benchmark (not a test): tupu's recognisers on the public People's Daily NER sets in
//! ../shared/bench/peoples-daily (read from there, never copied). Persons → PER, places → LOC,
//! organisations → ORG; spans scored by that folder's score_ner.py.
//! Run: `cargo bench --bench peoples_daily` (TUPU_PD_SPLIT=dev|test, default dev).
//!
//! The sets' conventions are not SCHEMA's (LOC covers countries and regions such as 欧美,
//! which tupu's gazetteer of China does not), so this measures general recognition, not the
//! extraction contract.

use std::io::Write;
use tupu::extract::lexicon::Lexicon;
use tupu::extract::recognise::recognise;
use tupu::schema::EntityType;
use tupu::extract::segment::Segmenter;

fn main() {
    let split = std::env::var("TUPU_PD_SPLIT").unwrap_or_else(|_| "dev".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/peoples-daily");
    let gold = root.join(format!("example.{split}"));
    let Ok(text) = std::fs::read_to_string(&gold) else {
        println!("{} not found: nothing to measure", gold.display());
        return;
    };
    let sentences: Vec<String> = text
        .split("\n\n")
        .map(|block| block.lines().filter_map(|l| l.split_whitespace().next()).collect::<String>())
        .filter(|s| !s.is_empty())
        .collect();
    let lex = Lexicon::builtin();
    let seg = Segmenter::new(&lex);
    let started = std::time::Instant::now();
    let out_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/pd-{split}.jsonl"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path).expect("target/ is writable"));
    for (i, s) in sentences.iter().enumerate() {
        let t = seg.segment(s);
        let mut spans: Vec<(usize, usize, &str)> = recognise(&t, &lex)
            .iter()
            .filter_map(|m| {
                let tag = match m.entity_type {
                    EntityType::Person => "PER",
                    EntityType::Place => "LOC",
                    EntityType::Organisation => "ORG",
                    EntityType::Initiative => return None,
                };
                Some((m.start, m.end, tag))
            })
            .collect();
        spans.sort();
        // BIO cannot hold overlaps: keep the first, longest span at each place.
        let mut kept: Vec<(usize, usize, &str)> = Vec::new();
        for sp in spans {
            if kept.last().is_none_or(|k| sp.0 >= k.1) {
                kept.push(sp);
            } else if let Some(k) = kept.last_mut() {
                if sp.0 == k.0 && sp.1 > k.1 {
                    *k = sp;
                }
            }
        }
        let json: Vec<String> = kept.iter().map(|(s, e, t)| format!("[{s},{e},\"{t}\"]")).collect();
        writeln!(out, "{{\"id\": {i}, \"spans\": [{}]}}", json.join(",")).expect("write");
    }
    out.flush().expect("flush");
    let secs = started.elapsed().as_secs_f64();
    println!("{} sentences recognised in {secs:.2}s", sentences.len());
    let status = std::process::Command::new("python3")
        .arg(root.join("score_ner.py"))
        .arg(&gold)
        .arg("--pred-spans")
        .arg(&out_path)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        println!("score_ner.py did not run; predictions are in {}", out_path.display());
    }
}

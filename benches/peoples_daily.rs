//! Benchmark (not a test): `tupu ner`'s recognisers on the public People's Daily NER sets in
//! ../shared/bench/peoples-daily (read from there, never copied), scored by that folder's
//! score_ner.py, and timed. Persons → PER, places → LOC, organisations → ORG, by the NER
//! conventions of `extract::ner`.
//! Run: `cargo bench --bench peoples_daily` (TUPU_PD_SPLIT=dev|test, default dev).

use std::io::Write;
use tupu::extract::{Extractor, Lexicon};

fn main() {
    let split = std::env::var("TUPU_PD_SPLIT").unwrap_or_else(|_| "dev".into());
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/peoples-daily");
    let gold = root.join(format!("example.{split}"));
    let Ok(text) = std::fs::read_to_string(&gold) else {
        println!("{} not found: nothing to measure", gold.display());
        return;
    };
    let sentences: Vec<String> = text
        .split("\n\n")
        .map(|block| {
            block
                .lines()
                .filter_map(|l| l.split_whitespace().next())
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    let extractor = Extractor::new(Lexicon::builtin());
    let started = std::time::Instant::now();
    let out_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/pd-{split}.jsonl"));
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(&out_path).expect("target/ is writable"));
    let chars: usize = sentences.iter().map(|s| s.chars().count()).sum();
    for (i, s) in sentences.iter().enumerate() {
        let json: Vec<String> = extractor
            .named_entities(s)
            .iter()
            .map(|sp| format!("[{},{},\"{}\"]", sp.start, sp.end, sp.label.as_str()))
            .collect();
        writeln!(out, "{{\"id\": {i}, \"spans\": [{}]}}", json.join(",")).expect("write");
    }
    out.flush().expect("flush");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} sentences, {chars} characters recognised in {secs:.2}s on one core ({:.0} chars/s)",
        sentences.len(),
        chars as f64 / secs
    );
    let status = std::process::Command::new("python3")
        .arg(root.join("score_ner.py"))
        .arg(&gold)
        .arg("--pred-spans")
        .arg(&out_path)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        println!(
            "score_ner.py did not run; predictions are in {}",
            out_path.display()
        );
    }
}

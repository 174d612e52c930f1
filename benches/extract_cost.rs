//! Benchmark (not a test): extraction cost per character from 1 KB to 50 MB, to show it
//! stays flat (long articles are extracted in sections). The text is the bundled sample
//! article repeated; one line (no paragraph breaks) for the largest size.
//! Run: `cargo bench --bench extract_cost` (TUPU_COST_MAX_MB caps the sizes, default 50).

use tupu::article::parse_text;
use tupu::extract::{Extractor, Lexicon};

fn main() {
    let sample = include_str!("../data/articles/zjrb-20220623-liangge-xianxing.txt");
    let max_mb: f64 = std::env::var("TUPU_COST_MAX_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50.0);
    let extractor = Extractor::new(Lexicon::builtin());
    println!(
        "{:>10} {:>12} {:>10} {:>14}",
        "bytes", "chars", "seconds", "µs per char"
    );
    for kb in [1usize, 4, 16, 64, 256, 1024, 4096, 16384, 51200] {
        if kb as f64 / 1024.0 > max_mb {
            break;
        }
        let mut body = String::from("标题\n");
        while body.len() < kb * 1024 {
            body.push_str(sample);
        }
        let cut = (0..=kb * 1024)
            .rev()
            .find(|&b| body.is_char_boundary(b))
            .unwrap_or(0);
        body.truncate(cut);
        if kb == 51200 {
            body = body.replace('\n', "");
            body.insert(0, '\n');
            body.insert_str(0, "标题");
        }
        let Some(article) = parse_text("cost", &body) else {
            continue;
        };
        let chars = body.chars().count();
        let started = std::time::Instant::now();
        let runs = (256 / kb).max(1);
        for _ in 0..runs {
            std::hint::black_box(extractor.extract(&article));
        }
        let secs = started.elapsed().as_secs_f64() / runs as f64;
        println!(
            "{:>10} {:>12} {:>10.3} {:>14.2}",
            body.len(),
            chars,
            secs,
            secs * 1e6 / chars as f64
        );
    }
}

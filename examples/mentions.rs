//! Prints jieba's tokens and every mention the recognisers find in each argument:
//! `cargo run --release --example mentions -- "宁波市委书记李明华说"`. A tool for writing rules.
fn main() {
    let lex = tupu::extract::lexicon::Lexicon::builtin();
    let seg = tupu::extract::segment::Segmenter::new(&lex);
    for s in std::env::args().skip(1) {
        let t = seg.segment(&s);
        let tokens: Vec<String> = t
            .tokens
            .iter()
            .map(|k| format!("{}/{}", t.slice(k.start, k.end), k.tag))
            .collect();
        println!("{}", tokens.join(" "));
        for m in tupu::extract::recognise::recognise(&t, &lex) {
            println!(
                "  {:?} [{}, {}) {} {:?}",
                m.entity_type, m.start, m.end, m.name, m.detail
            );
        }
    }
}

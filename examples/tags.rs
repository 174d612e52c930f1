fn main() {
    let lex = tupu::extract::lexicon::Lexicon::builtin();
    let seg = tupu::extract::segment::Segmenter::new(&lex);
    for s in std::env::args().skip(1) {
        let t = seg.segment(&s);
        let v: Vec<String> = t.tokens.iter().map(|k| format!("{}/{}", t.slice(k.start, k.end), k.tag)).collect();
        println!("{}", v.join(" "));
    }
}

//! Dev tool: jieba's tokens with tag, whether the word is in the dictionary (+) and whether a
//! three-character name holds a common word (*), for each argument.
fn main() {
    let lex = tupu::extract::lexicon::Lexicon::builtin();
    let seg = tupu::extract::segment::Segmenter::new(&lex);
    for s in std::env::args().skip(1) {
        let t = seg.segment(&s);
        let v: Vec<String> = t
            .tokens
            .iter()
            .map(|k| {
                format!(
                    "{}/{}{}{}",
                    t.slice(k.start, k.end),
                    k.tag,
                    if k.known { "+" } else { "" },
                    if k.word_inside { "*" } else { "" }
                )
            })
            .collect();
        println!("{}", v.join(" "));
    }
}

//! The extraction pipeline: segment → recognise → resolve → relate, for one article, one
//! module per stage.
//! Extraction never touches the store: it takes an [`Article`] and returns an
//! [`Extraction`], the SCHEMA's JSON document.

pub mod lexicon;
pub mod ner;
pub mod recognise;
pub mod relate;
pub mod resolve;
pub mod segment;

pub use lexicon::Lexicon;

use crate::article::Article;
use crate::schema::{ArticleMeta, Extraction, Predicate};
use relate::Context;
use segment::Segmenter;

/// The lexicons and the segmenter, loaded once and shared by every article (and thread).
pub struct Extractor {
    lexicon: Lexicon,
    segmenter: Segmenter,
}

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Extractor {
        let segmenter = Segmenter::new(&lexicon);
        Extractor { lexicon, segmenter }
    }

    pub fn extract(&self, article: &Article) -> Extraction {
        let text = self.segmenter.segment(&article.body);
        let mentions = recognise::recognise(&text, &self.lexicon);
        let resolved = resolve::resolve(&mentions);
        let relations = relate::relate(&Context::new(&text, &self.lexicon, &mentions, &resolved));
        // Entities named only inside other names are parts of those names — unless a
        // delegate represents one (宏达集团 of 宏达集团党委书记某某代表).
        let represented: Vec<&str> = relations
            .iter()
            .filter(|r| r.predicate == Predicate::Represents)
            .map(|r| r.object.as_str())
            .collect();
        let hidden: Vec<String> = resolved
            .entities
            .iter()
            .zip(&resolved.info)
            .filter(|(e, i)| i.hidden && !represented.contains(&e.id.as_str()))
            .map(|(e, _)| e.id.clone())
            .collect();
        let relations = relations
            .into_iter()
            .filter(|r| !hidden.contains(&r.subject) && !hidden.contains(&r.object))
            .collect();
        let entities = resolved
            .entities
            .into_iter()
            .filter(|e| !hidden.contains(&e.id))
            .collect();
        Extraction {
            article: ArticleMeta {
                id: article.id.clone(),
                title: article.title.clone(),
                published: article.published.clone(),
                source: article.source.clone(),
                authors: article.authors.clone(),
                editors: article.editors.clone(),
            },
            entities,
            relations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse_text;

    /// Rules look ahead and behind a match; cut anywhere, a text must still extract (a name,
    /// a title or a quote at the very end, a suffix at the very start).
    #[test]
    fn every_cut_of_a_real_article_extracts_without_panic() {
        let sample = include_str!("../../data/articles/zjrb-20220623-liangge-xianxing.txt");
        let chars: Vec<char> = sample.chars().collect();
        let x = Extractor::new(Lexicon::builtin());
        for (from, to) in (0..chars.len().min(600))
            .step_by(7)
            .map(|k| (0, k))
            .chain((0..chars.len()).step_by(251).map(|k| (k, chars.len())))
        {
            let piece: String = chars[from..to].iter().collect();
            if let Some(a) = parse_text("cut", &format!("标题\n\n{piece}")) {
                let ex = x.extract(&a);
                for e in &ex.entities {
                    assert!(!e.name.is_empty(), "{from}..{to}");
                }
            }
            x.named_entities(&piece);
        }
    }
}

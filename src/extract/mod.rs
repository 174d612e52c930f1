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
use crate::schema::{ArticleMeta, Entity, Extraction, Predicate, Relation, Span};
use relate::Context;
use segment::Segmenter;
use std::collections::HashMap;

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

    /// Extracts an article. A long one is read section by section (see [`sections`]), so
    /// that the cost per character stays the same from a note to a book: the rules look at
    /// words near each other, and the few that look across the whole text (names met
    /// before, the article's own place) see the section they are in.
    pub fn extract(&self, article: &Article) -> Extraction {
        let meta = ArticleMeta {
            id: article.id.clone(),
            title: article.title.clone(),
            published: article.published.clone(),
            source: article.source.clone(),
            authors: article.authors.clone(),
            editors: article.editors.clone(),
        };
        let parts = sections(&article.body, SECTION_CHARS);
        let (entities, relations) = if parts.len() == 1 {
            self.extract_text(&article.body)
        } else {
            merge_sections(
                parts
                    .iter()
                    .map(|&(offset, text)| (offset, self.extract_text(text))),
            )
        };
        Extraction {
            article: meta,
            entities,
            relations,
        }
    }

    /// Entities and relations of one text, offsets into it.
    fn extract_text(&self, body: &str) -> (Vec<Entity>, Vec<Relation>) {
        let text = self.segmenter.segment(body);
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
        (entities, relations)
    }
}

/// The longest text extracted in one piece: about ten long news articles.
pub const SECTION_CHARS: usize = 20_000;

/// Cuts a text into sections of at most `max` characters, each ending at a paragraph end
/// when one falls in the second half of the window, else at a sentence end, else anywhere.
/// Returns each section with its offset in characters.
pub fn sections(body: &str, max: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = body;
    let mut offset = 0;
    let mut remaining = body.chars().count();
    while remaining > max {
        let window: Vec<(usize, char)> = rest.char_indices().take(max).collect();
        let cut_after = |pred: &dyn Fn(char) -> bool| {
            window[max / 2..]
                .iter()
                .rposition(|&(_, c)| pred(c))
                .map(|k| max / 2 + k + 1)
        };
        let chars = cut_after(&|c| c == '\n')
            .or_else(|| cut_after(&|c| "。！？；!?;".contains(c)))
            .unwrap_or(max);
        let byte = match window.get(chars) {
            Some(&(b, _)) => b,
            None => window[max - 1].0 + window[max - 1].1.len_utf8(),
        };
        out.push((offset, &rest[..byte]));
        offset += chars;
        remaining -= chars;
        rest = &rest[byte..];
    }
    out.push((offset, rest));
    out
}

/// Joins the extractions of an article's sections: one entity per type, name and code
/// (mentions and aliases together), each relation once (the first evidence), offsets moved
/// to the whole text.
fn merge_sections(
    parts: impl Iterator<Item = (usize, (Vec<Entity>, Vec<Relation>))>,
) -> (Vec<Entity>, Vec<Relation>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(crate::schema::EntityType, String, Option<String>), usize> =
        HashMap::new();
    let mut relations: Vec<Relation> = Vec::new();
    let mut seen: HashMap<(String, Predicate, String), usize> = HashMap::new();
    let shift = |s: Span, by: usize| Span {
        start: s.start + by,
        end: s.end + by,
    };
    for (offset, (ents, rels)) in parts {
        let mut ids: HashMap<String, String> = HashMap::new();
        for e in ents {
            let key = (e.entity_type, e.name.clone(), e.code.clone());
            let k = *by_key.entry(key).or_insert_with(|| {
                entities.push(Entity {
                    id: format!("e{}", entities.len() + 1),
                    mentions: Vec::new(),
                    aliases: Vec::new(),
                    ..e.clone()
                });
                entities.len() - 1
            });
            let merged = &mut entities[k];
            merged
                .mentions
                .extend(e.mentions.iter().map(|&m| shift(m, offset)));
            for a in e.aliases {
                if !merged.aliases.contains(&a) {
                    merged.aliases.push(a);
                }
            }
            ids.insert(e.id, merged.id.clone());
        }
        for r in rels {
            let (Some(s), Some(o)) = (ids.get(&r.subject), ids.get(&r.object)) else {
                continue;
            };
            let key = (s.clone(), r.predicate, o.clone());
            match seen.get(&key) {
                Some(&k) => relations[k].confidence = relations[k].confidence.max(r.confidence),
                None => {
                    seen.insert(key, relations.len());
                    relations.push(Relation {
                        subject: s.clone(),
                        object: o.clone(),
                        evidence: r.evidence.map(|e| shift(e, offset)),
                        ..r
                    });
                }
            }
        }
    }
    (entities, relations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse_text;

    #[test]
    fn long_texts_are_cut_into_sections_at_paragraphs_sentences_or_anywhere() {
        for text in [
            "甲".repeat(25),
            format!("{}\n{}\n{}", "乙".repeat(8), "丙".repeat(9), "丁".repeat(7)),
            "一句话。".repeat(9),
            "x".repeat(10),
        ] {
            let parts = sections(&text, 10);
            let joined: String = parts.iter().map(|(_, p)| *p).collect();
            assert_eq!(joined, text, "sections cover the text exactly");
            let mut at = 0;
            for (offset, p) in &parts {
                assert_eq!(*offset, at, "offsets count characters");
                assert!(p.chars().count() <= 10 && !p.is_empty(), "{parts:?}");
                at += p.chars().count();
            }
        }
        let text = format!("{}\n{}", "乙".repeat(8), "丙".repeat(9));
        let parts = sections(&text, 10);
        assert!(
            parts[0].1.ends_with('\n'),
            "a paragraph end is the preferred cut: {parts:?}"
        );
    }

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

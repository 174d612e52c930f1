//! Named-entity spans for `tupu ner`: the same segmenter, recognisers and resolution as
//! extraction, reduced to the conventions NER users expect (PER / LOC / ORG, character
//! offsets, end exclusive, no overlaps).

use super::{recognise, resolve, Extractor};
use crate::schema::EntityType;

/// The label of a named-entity span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum NerLabel {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "ORG")]
    Org,
}

impl NerLabel {
    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Loc => "LOC",
            NerLabel::Org => "ORG",
        }
    }

    fn of(t: EntityType) -> Option<NerLabel> {
        match t {
            EntityType::Person => Some(NerLabel::Per),
            EntityType::Place => Some(NerLabel::Loc),
            EntityType::Organisation => Some(NerLabel::Org),
            EntityType::Initiative => None,
        }
    }
}

/// One named entity in a text: chars `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
}

impl Extractor {
    /// The people, places and organisations named in `text`, in text order. Where mentions
    /// overlap (a place inside an organisation's name), the longer one is kept: BIO tags
    /// cannot nest.
    pub fn named_entities(&self, text: &str) -> Vec<NerSpan> {
        let segmented = self.segmenter.segment(text);
        let mentions = recognise::recognise(&segmented, &self.lexicon);
        let resolved = resolve::resolve(&mentions);
        let mut spans: Vec<NerSpan> = mentions
            .iter()
            .enumerate()
            .filter_map(|(k, m)| {
                let entity = &resolved.entities[resolved.entity_of[k]];
                Some(NerSpan {
                    start: m.start,
                    end: m.end,
                    label: NerLabel::of(entity.entity_type)?,
                })
            })
            .collect();
        // Longest first at each start, then keep what does not overlap a kept span.
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut by_length = spans.clone();
        by_length.sort_by_key(|s| (std::cmp::Reverse(s.end - s.start), s.start));
        let mut kept: Vec<NerSpan> = Vec::new();
        for s in by_length {
            if kept.iter().all(|k| s.end <= k.start || k.end <= s.start) {
                kept.push(s);
            }
        }
        kept.sort();
        kept
    }
}

/// BIO tags, one per char of a text of `len` chars.
pub fn bio_tags(spans: &[NerSpan], len: usize) -> Vec<String> {
    let mut tags = vec!["O".to_string(); len];
    for s in spans {
        for (i, tag) in tags.iter_mut().enumerate().take(s.end.min(len)).skip(s.start) {
            let prefix = if i == s.start { "B" } else { "I" };
            *tag = format!("{prefix}-{}", s.label.as_str());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;

    #[test]
    fn spans_do_not_overlap_and_bio_marks_each_char() {
        let x = Extractor::new(Lexicon::builtin());
        let text = "宁波市委书记李明华在象山县调研。";
        let spans = x.named_entities(text);
        let labelled: Vec<(String, &str)> = spans
            .iter()
            .map(|s| (text.chars().skip(s.start).take(s.end - s.start).collect(), s.label.as_str()))
            .collect();
        assert!(labelled.contains(&("李明华".to_string(), "PER")), "{labelled:?}");
        assert!(labelled.contains(&("宁波市委".to_string(), "ORG")), "{labelled:?}");
        assert!(labelled.contains(&("象山县".to_string(), "LOC")), "{labelled:?}");
        assert!(!labelled.iter().any(|(n, _)| n == "宁波市"), "nested place dropped: {labelled:?}");
        for w in spans.windows(2) {
            assert!(w[0].end <= w[1].start, "{spans:?}");
        }
        let tags = bio_tags(&spans, text.chars().count());
        assert_eq!(tags[0], "B-ORG");
        assert_eq!(tags[3], "I-ORG");
        assert_eq!(tags[4], "O");
    }
}

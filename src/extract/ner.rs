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
        let mut spans: Vec<NerSpan> = (0..mentions.len())
            .filter_map(|k| ner_span(&mentions, k, &resolved))
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

/// The span NER conventions give mention `k` (those of the People's Daily sets): a body named
/// by a level word alone (市政府, 县委) is no name; a country's government (美国政府) is the
/// country; a party congress is its number (十五大 of 党的十五大).
fn ner_span(
    mentions: &[recognise::Mention],
    k: usize,
    resolved: &resolve::Resolved,
) -> Option<NerSpan> {
    use recognise::Detail;
    let m = &mentions[k];
    let entity = &resolved.entities[resolved.entity_of[k]];
    let label = NerLabel::of(entity.entity_type)?;
    if let Detail::Organisation { seat, context, .. } = &m.detail {
        if context.is_some_and(|c| c.word_len > 0) {
            return None;
        }
        let text_name = &m.name;
        if let Some(p) = seat.filter(|&p| mentions[p].start == m.start) {
            if text_name.ends_with("政府")
                && matches!(mentions[p].detail, Detail::Place { level: 0, .. })
            {
                return Some(NerSpan {
                    start: mentions[p].start,
                    end: mentions[p].end,
                    label: NerLabel::Loc,
                });
            }
        }
        // 党的十五大 or 中共十五大 as written (the length of the name): the congress is 十五大.
        let written_as_named = m.end - m.start == entity.name.chars().count();
        if entity.name.starts_with("党的") && entity.name.ends_with('大') && written_as_named {
            return Some(NerSpan {
                start: m.start + 2,
                end: m.end,
                label,
            });
        }
    }
    Some(NerSpan {
        start: m.start,
        end: m.end,
        label,
    })
}

/// BIO tags, one per char of a text of `len` chars.
pub fn bio_tags(spans: &[NerSpan], len: usize) -> Vec<String> {
    let mut tags = vec!["O".to_string(); len];
    for s in spans {
        for (i, tag) in tags
            .iter_mut()
            .enumerate()
            .take(s.end.min(len))
            .skip(s.start)
        {
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
            .map(|s| {
                (
                    text.chars().skip(s.start).take(s.end - s.start).collect(),
                    s.label.as_str(),
                )
            })
            .collect();
        assert!(
            labelled.contains(&("李明华".to_string(), "PER")),
            "{labelled:?}"
        );
        assert!(
            labelled.contains(&("宁波市委".to_string(), "ORG")),
            "{labelled:?}"
        );
        assert!(
            labelled.contains(&("象山县".to_string(), "LOC")),
            "{labelled:?}"
        );
        assert!(
            !labelled.iter().any(|(n, _)| n == "宁波市"),
            "nested place dropped: {labelled:?}"
        );
        for w in spans.windows(2) {
            assert!(w[0].end <= w[1].start, "{spans:?}");
        }
        let tags = bio_tags(&spans, text.chars().count());
        assert_eq!(tags[0], "B-ORG");
        assert_eq!(tags[3], "I-ORG");
        assert_eq!(tags[4], "O");
    }

    fn labelled(text: &str) -> Vec<(String, &'static str)> {
        let x = Extractor::new(Lexicon::builtin());
        x.named_entities(text)
            .iter()
            .map(|s| {
                (
                    text.chars().skip(s.start).take(s.end - s.start).collect(),
                    s.label.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn one_character_places_in_pairs_and_after_verbs_of_going() {
        let v = labelled("中美关系稳定,印巴两国会谈,外长访华后在京会见记者。");
        for (name, label) in [
            ("中", "LOC"),
            ("美", "LOC"),
            ("印", "LOC"),
            ("巴", "LOC"),
            ("华", "LOC"),
            ("京", "LOC"),
        ] {
            assert!(v.contains(&(name.to_string(), label)), "{name}: {v:?}");
        }
        // 中 of 中央 or 日 of 日常 is no place.
        let v = labelled("在中央工作,在日常生活中。");
        assert!(v.iter().all(|(_, l)| *l != "LOC"), "{v:?}");
    }

    #[test]
    fn ner_conventions_for_governments_level_bodies_and_congresses() {
        let v = labelled("美国政府表示,市政府将落实党的十五大精神。");
        assert!(v.contains(&("美国".to_string(), "LOC")), "{v:?}");
        assert!(
            !v.iter().any(|(n, _)| n == "市政府" || n == "美国政府"),
            "{v:?}"
        );
        assert!(v.contains(&("十五大".to_string(), "ORG")), "{v:?}");
    }

    #[test]
    fn names_inside_doctrines_and_bare_family_names() {
        let v = labelled("坚持邓小平理论。胡老说,郑先生来了。");
        assert!(v.contains(&("邓小平".to_string(), "PER")), "{v:?}");
        assert!(v.contains(&("胡".to_string(), "PER")), "{v:?}");
        assert!(v.contains(&("郑".to_string(), "PER")), "{v:?}");
    }
}

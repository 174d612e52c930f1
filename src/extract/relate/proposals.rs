//! proposes: report proposals, actors with proposal verbs, speakers of quotes.

use super::{Context, Found};
use crate::extract::lexicon::{starts_with_at, Lexicon, OrgKind, TitleKind};
use crate::schema::{EntityType, Predicate, Span};
use crate::extract::recognise::Mention;

/// proposes: report proposals and actors pushing an initiative in the same sentence.
pub fn proposals(cx: &Context, out: &mut Found) {
    let chars = &cx.text.chars;
    let mut report_owner: Option<usize> = None;
    let mut in_report: Vec<(usize, usize)> = Vec::new();
    for i in 0..chars.len() {
        if !starts_with_at(chars, i, "报告") {
            continue;
        }
        if let Some(o) = cx.mention_ending(EntityType::Organisation, i) {
            report_owner = Some(cx.entity(o));
        } else if report_owner.is_none() {
            // A bare 报告: the report of the congress named last before it.
            report_owner = cx
                .mentions
                .iter()
                .enumerate()
                .filter(|(k, m)| m.end <= i && cx.kind(cx.entity(*k)) == Some(OrgKind::Congress))
                .max_by_key(|(_, m)| m.end)
                .map(|(k, _)| cx.entity(k));
        }
        let after = i + 2;
        let states = Lexicon::word_at(&cx.lex.report_verbs, chars, after).is_some();
        // `读到…报告中的这句话`: the proposal is the quoted sentence before.
        let refers_back = starts_with_at(chars, after, "中的这句话") || starts_with_at(chars, after, "中的这段话");
        let Some(owner) = report_owner else { continue };
        let scope = if states {
            let (s, e) = cx.text.sentence_of(i);
            (s.max(i.saturating_sub(12)).min(i), e)
        } else if refers_back {
            let (s, _) = cx.text.sentence_of(i);
            let prev = cx.text.sentences.iter().rev().find(|b| b.1 <= s).copied().unwrap_or((s, s));
            (prev.0, s)
        } else {
            continue;
        };
        in_report.push(scope);
        for (k, m) in cx.mentions.iter().enumerate() {
            if m.entity_type == EntityType::Initiative && m.start >= scope.0 && m.end <= scope.1 {
                out.push((owner, Predicate::Proposes, cx.entity(k), Span { start: scope.0, end: scope.1 }, 0.8));
            }
        }
    }
    // Actors: people (and a body opening the sentence) before a proposal verb that governs
    // the initiative.
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Initiative || in_report.iter().any(|r| m.start >= r.0 && m.end <= r.1) {
            continue;
        }
        let (s, _) = cx.text.sentence_of(m.start);
        let verb = (s..m.start).rev().find(|&v| Lexicon::word_at(&cx.lex.proposal_verbs, chars, v).is_some());
        let Some(verb) = verb else { continue };
        let mut first_mention = true;
        let mut in_sentence: Vec<(usize, &Mention)> = cx
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.start >= s && a.end <= verb)
            .collect();
        // In text order; of mentions starting together the longest (市委宣传部 over 市委).
        in_sentence.sort_by_key(|(_, a)| (a.start, std::cmp::Reverse(a.end)));
        in_sentence.dedup_by_key(|(_, a)| a.start);
        for (j, a) in in_sentence {
            // 从某部门获悉: the source of the news, not an actor.
            let source = a.start > 0 && chars[a.start - 1] == '从';
            let is_actor = match a.entity_type {
                // A byline (记者 张某, 通讯员 李某) is not an actor of the story.
                EntityType::Person => !byline(cx, a.start),
                EntityType::Organisation => {
                    first_mention
                        && !source
                        && cx.lex.title_at(chars, a.end).is_none()
                        && !matches!(cx.kind(cx.entity(j)), Some(OrgKind::Congress | OrgKind::Media))
                }
                _ => false,
            };
            if a.entity_type != EntityType::Place {
                first_mention = false;
            }
            if is_actor {
                out.push((cx.entity(j), Predicate::Proposes, cx.entity(k), Span { start: a.start, end: m.end }, 0.7));
            }
        }
        // 他说/她表示 before the verb: the person named last before the sentence speaks.
        if let Some(p) = pronoun_speaker(cx, s, verb) {
            out.push((p, Predicate::Proposes, cx.entity(k), Span { start: s, end: m.end }, 0.6));
        }
    }
    // A quote that ends with its speaker (“……推进某工程。”王某说): what the quote pushes,
    // the speaker proposes — unless it is a report's proposal, which speakers discuss.
    let reported: Vec<usize> = out
        .iter()
        .filter(|f| f.1 == Predicate::Proposes && f.4 >= 0.8)
        .map(|f| f.2)
        .collect();
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Initiative || reported.contains(&cx.entity(k)) {
            continue;
        }
        let Some(close) = quote_close(chars, m.end) else { continue };
        let open = (0..m.start).rev().find(|&q| chars[q] == '“');
        let governed = open.is_some_and(|o| (o..m.start).any(|v| Lexicon::word_at(&cx.lex.proposal_verbs, chars, v).is_some()));
        if !governed {
            continue;
        }
        if let Some(speaker) = speaker_after(cx, close + 1) {
            out.push((speaker, Predicate::Proposes, cx.entity(k), Span { start: open.unwrap_or(m.start), end: close + 1 }, 0.6));
        }
    }
}

/// The closing quote of the quotation that `pos` is inside, if it is inside one.
fn quote_close(chars: &[char], pos: usize) -> Option<usize> {
    let open_before = (0..pos).rev().find(|&q| chars[q] == '“' || chars[q] == '”')?;
    if chars[open_before] != '“' {
        return None;
    }
    (pos..chars.len().min(pos + 300)).find(|&q| chars[q] == '”')
}

/// The person right after a closing quote who says it: `王某说`, `王某代表说`.
fn speaker_after(cx: &Context, pos: usize) -> Option<usize> {
    let chars = &cx.text.chars;
    let m = cx.mentions.iter().enumerate().find(|(_, m)| {
        m.entity_type == EntityType::Person && m.start >= pos && m.start <= pos + 12
    })?;
    let mut k = m.1.end;
    if let Some(t) = cx.lex.title_at(chars, k) {
        k += t.word.chars().count();
    }
    Lexicon::word_at(&cx.lex.speech_verbs, chars, k).map(|_| cx.entity(m.0))
}

/// `他说`/`她表示` between `s` and `verb`: the person mentioned last before `s`.
fn pronoun_speaker(cx: &Context, s: usize, verb: usize) -> Option<usize> {
    let chars = &cx.text.chars;
    let said = (s..verb).any(|i| {
        matches!(chars[i], '他' | '她') && Lexicon::word_at(&cx.lex.speech_verbs, chars, i + 1).is_some()
    });
    if !said {
        return None;
    }
    cx.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.entity_type == EntityType::Person && m.end <= s && !byline(cx, m.start))
        .max_by_key(|(_, m)| m.end)
        .map(|(k, _)| cx.entity(k))
}

/// True when the name at `start` is credited as press: after 记者, 通讯员, 编辑 (or a list
/// of such names).
fn byline(cx: &Context, start: usize) -> bool {
    let chars = &cx.text.chars;
    let person_ending = |end: usize| cx.mentions.iter().find(|m| m.entity_type == EntityType::Person && m.end == end);
    let mut k = start;
    loop {
        // Step back over a listed name: 记者 张某、李某 or 记者 张某 李某.
        if k > 0 && chars[k - 1] == '、' {
            if let Some(m) = person_ending(k - 1) {
                k = m.start;
                continue;
            }
        }
        let mut j = k;
        while j > 0 && matches!(chars[j - 1], ' ' | ':') {
            j -= 1;
        }
        if cx.lex.title_ending_at(chars, j).is_some_and(|t| t.kind == TitleKind::Press) {
            return true;
        }
        match person_ending(j).filter(|_| j < k) {
            Some(m) => k = m.start,
            None => return false,
        }
    }
}


#[cfg(test)]
mod tests {
    use crate::extract::relate::testing::{has, triples};

    #[test]
    fn a_report_proposes_what_it_states() {
        let t = triples("宁波市第十四次党代会召开。报告指出,要构建开放协同的现代产业体系。");
        assert!(has(&t, "宁波市第十四次党代会", "proposes", "现代产业体系"), "{t:?}");
    }

    #[test]
    fn an_actor_proposes_what_they_push_and_where() {
        let t = triples("宁波市委书记李明华在象山县推进“海洋强县”工程。");
        assert!(has(&t, "李明华", "proposes", "海洋强县工程"), "{t:?}");
        assert!(has(&t, "海洋强县工程", "locatedIn", "象山县"), "{t:?}");
        let t = triples("李明华参观了展览。现代产业体系很重要。");
        assert!(t.iter().all(|x| x.1 != "proposes"), "no proposal verb, no proposal: {t:?}");
    }

    #[test]
    fn reporters_in_the_byline_propose_nothing() {
        let t = triples("(记者 周小明 通讯员 孙丽)宁波市委书记李明华主持会议,部署推进“三个一号工程”。");
        assert!(has(&t, "李明华", "proposes", "三个一号工程"), "{t:?}");
        assert!(!t.iter().any(|x| x.1 == "proposes" && (x.0 == "周小明" || x.0 == "孙丽")), "{t:?}");
    }

    #[test]
    fn speakers_of_quotes_and_pronouns_propose() {
        let t = triples("“我们要加快推进数字乡村建设工程。”宁波市委书记李明华说。");
        assert!(has(&t, "李明华", "proposes", "数字乡村建设工程"), "{t:?}");
        let t = triples("温州市委书记赵国强参加讨论。他说,要全面实施“强村富民”计划。");
        assert!(has(&t, "赵国强", "proposes", "强村富民"), "{t:?}");
    }

}

//! Initiatives: quoted programme names, programme noun phrases, repeated fixed terms.

use super::{Detail, Mention};
use crate::extract::lexicon::{starts_with_at, Lexicon};
use crate::extract::segment::{is_han, Text};
use crate::schema::EntityType;

/// Initiatives: quoted names that a programme word follows or a proposal verb precedes
/// (推进“三个一号工程”, “智慧村社”应用), and programme noun phrases after a proposal verb
/// (构建…的现代产业体系).
pub fn initiatives(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    // Quoted names.
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '“' {
            i += 1;
            continue;
        }
        let Some(close) = (i + 1..chars.len().min(i + 16)).find(|&k| chars[k] == '”') else {
            i += 1;
            continue;
        };
        let inner: String = text.slice(i + 1, close);
        let inner_chars: Vec<char> = inner.chars().collect();
        let plain = inner_chars.len() >= 2
            && inner_chars.iter().all(|&c| !matches!(c, ',' | '。' | '!' | '?' | ';' | ':' | '、'));
        let head_after = Lexicon::word_at(&lex.initiative_heads, chars, close + 1);
        // “幸福家园”建设: a quoted name being built is a programme too.
        let built = starts_with_at(chars, close + 1, "建设");
        // After a verb, the quote must be the whole object (推进“三个一号工程”,), not the start of
        // a longer phrase (健全“两新”组织…机制), which the phrase rule takes.
        let whole_object = chars.get(close + 1).is_none_or(|&c| !is_han(c) || "的和与及".contains(c));
        let verb_before = whole_object
            && (Lexicon::word_ending_at(&lex.proposal_verbs, chars, i).is_some()
                || i >= 1 && Lexicon::word_ending_at(&lex.proposal_verbs, chars, i - 1).is_some() && chars[i - 1] == '了');
        let org_after = lex.org_suffix_at(chars, close + 1).is_some()
            || mentions.iter().any(|m| m.entity_type == EntityType::Organisation && m.start <= i && m.end > close);
        if plain && !org_after && (head_after.is_some() || verb_before || built) {
            let mut name = strip_verbs(lex, &inner);
            // The head belongs to the name when the quote alone says little (“141”体系).
            let bare = name.chars().count() <= 2 || name.chars().all(|c| c.is_ascii_alphanumeric());
            if let Some(h) = head_after.filter(|h| *h == "模式" || *h == "工程" || bare) {
                name.push_str(h);
            }
            if name.chars().count() >= 2 {
                let end = close + 1 + head_after.map_or(0, |h| h.chars().count());
                found.push((i, end, name));
            }
        } else if plain && !org_after && inner_chars.len() >= 4 {
            // A quoted verb phrase: “大力实施科教兴国战略” names what it implements.
            if let Some(name) = programme_in_quote(lex, &inner) {
                found.push((i, close + 1, name));
            }
        }
        i = close + 1;
    }
    // Programme noun phrases after a proposal verb.
    for i in 0..chars.len() {
        let Some(head) = Lexicon::word_at(&lex.initiative_heads, chars, i) else {
            continue;
        };
        let end = i + head.chars().count();
        if end < chars.len() && is_han(chars[end]) && !text.is_boundary(end) {
            continue;
        }
        // The phrase must end here: 联盟模式 ends at 模式, 项目投资 is no programme.
        if Lexicon::word_at(&lex.initiative_heads, chars, end).is_some()
            || end < chars.len() && is_han(chars[end]) && !"的和与及建等".contains(chars[end])
        {
            continue;
        }
        if found.iter().any(|f| f.0 < end && i < f.1) {
            continue;
        }
        if let Some(start) = phrase_start(text, lex, mentions, i) {
            let name = strip_quotes(&text.slice(start, end));
            // 重要经营战略, 重大项目: a generic modifier makes a category, not a name.
            let first_word = text.tokens[text.token_at[start]].clone();
            if lex.generic_modifiers.contains(&text.slice(first_word.start, first_word.end)) {
                continue;
            }
            if name.chars().count() > head.chars().count() + 1 {
                found.push((start, end, name));
            }
        }
    }
    // Fixed phrases the segmenter knows as proper terms (tag nz, four characters or more)
    // that the article repeats: slogans and policies written without quotes.
    let pattern_found = found.len();
    let mut terms: std::collections::HashMap<String, Vec<(usize, usize)>> = std::collections::HashMap::new();
    for t in &text.tokens {
        let word = text.slice(t.start, t.end);
        if t.tag == "nz"
            && t.end - t.start >= 4
            && word.chars().all(is_han)
            && lex.titles.iter().all(|x| !word.ends_with(x.word.as_str()))
            && lex.org_suffix_at(chars, t.end - 1).is_none()
            && !mentions.iter().any(|m| m.start <= t.start && t.end <= m.end)
        {
            terms.entry(word).or_default().push((t.start, t.end));
        }
    }
    for (word, spans) in terms {
        if spans.len() >= 2 {
            for (s, e) in spans {
                if !found.iter().any(|f| f.0 < e && s < f.1) {
                    found.push((s, e, word.clone()));
                }
            }
        }
    }
    let slogans: Vec<String> = found[pattern_found..].iter().map(|f| f.2.clone()).collect();
    found.sort();
    found.dedup_by(|b, a| b.0 < a.1);
    for (start, end, name) in found {
        let slogan = slogans.contains(&name);
        mentions.push(Mention {
            entity_type: EntityType::Initiative,
            start,
            end,
            name,
            detail: Detail::Initiative { slogan },
        });
    }
}

/// Where the programme phrase ending at `head` starts: after the nearest proposal verb in
/// the same clause, past modifiers joined by 、 and 的 (构建A、B的现代产业体系 →
/// 现代产业体系). None when no proposal verb governs it.
fn phrase_start(text: &Text, lex: &Lexicon, mentions: &[Mention], head: usize) -> Option<usize> {
    let chars = &text.chars;
    let mut k = head;
    let mut start: Option<usize> = None;
    let mut in_quote = false;
    while k > 0 && head - k < 40 {
        let c = chars[k - 1];
        match c {
            '”' => in_quote = true,
            '“' => in_quote = false,
            _ => {}
        }
        if !in_quote {
            if Lexicon::word_ending_at(&lex.proposal_verbs, chars, k).is_some() {
                let mut s = start.unwrap_or(k);
                // Aspect particles after the verb (组建了, 探索好) are not part of the name.
                while s < head && "了着好起出过".contains(chars[s]) {
                    s += 1;
                }
                // A verb inside the name (文化建设高地) is not the one that governs it.
                if head - s >= 2 {
                    return Some(s);
                }
            }
            if matches!(c, ',' | '。' | ';' | ':' | '!' | '?' | '\n' | '(' | ')') {
                return None;
            }
            // Modifiers joined by 的 or 、 and coordinated phrases (A和B) stay outside the name.
            if start.is_none() && matches!(c, '的' | '、' | '和' | '及' | '与') {
                start = Some(k);
            }
            if start.is_some_and(|s| s - k > 24) {
                return None;
            }
            if mentions.iter().any(|m| m.end == k && m.entity_type == EntityType::Organisation) {
                return None;
            }
        }
        k -= 1;
    }
    None
}

/// `大力实施科教兴国战略` → 科教兴国战略: the programme a quoted verb phrase names.
fn programme_in_quote(lex: &Lexicon, inner: &str) -> Option<String> {
    let chars: Vec<char> = inner.chars().collect();
    lex.initiative_heads.iter().find(|h| inner.ends_with(h.as_str()))?;
    (0..chars.len()).find_map(|k| {
        Lexicon::word_ending_at(&lex.proposal_verbs, &chars, k + 1)
            .map(|_| chars[k + 1..].iter().collect::<String>())
            .filter(|rest| rest.chars().count() >= 4)
    })
}

/// Drops leading proposal verbs and adverbs from a quoted name.
fn strip_verbs(lex: &Lexicon, inner: &str) -> String {
    let chars: Vec<char> = inner.chars().collect();
    let mut s = 0;
    for adverb in ["大力", "全面", "深入", "加快", "持续", "积极"] {
        if starts_with_at(&chars, s, adverb) && chars.len() > s + 4 {
            s += 2;
        }
    }
    if let Some(v) = Lexicon::word_at(&lex.proposal_verbs, &chars, s) {
        if chars.len() - s - v.chars().count() >= 2 {
            s += v.chars().count();
        }
    }
    chars[s..].iter().collect()
}

/// The name without quotation marks.
pub fn strip_quotes(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '《' | '》'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{has, run};
    use crate::schema::EntityType;

    #[test]
    fn quoted_and_phrase_initiatives() {
        let v = run("会议提出,加快推进“三个一号工程”,构建开放协同的现代产业体系。");
        assert!(has(&v, EntityType::Initiative, "三个一号工程"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "现代产业体系"), "{v:?}");
        let v = run("交流机制不断完善。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Initiative), "{v:?}");
    }

    #[test]
    fn repeated_fixed_terms_are_slogans_but_single_ones_are_not() {
        // jieba knows 伟大事业 as a proper term (nz).
        let v = run("要推进伟大事业。伟大事业要坚持。");
        assert!(has(&v, EntityType::Initiative, "伟大事业"), "{v:?}");
        let v = run("要推进伟大事业。");
        assert!(!has(&v, EntityType::Initiative, "伟大事业"), "{v:?}");
    }
}

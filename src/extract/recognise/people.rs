//! People: personal names by the titles, verbs and lists around them.

use super::{is_function_char, Detail, Mention};
use crate::extract::lexicon::{starts_with_at, Lexicon, TitleKind};
use crate::extract::segment::{is_break, is_han, Text};
use crate::schema::EntityType;

/// People: names next to titles (before or after, with 代表 and 同志), before verbs of
/// saying, in bylines and in lists after one of those (`记者刘大海、孙丽`).
pub fn people(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found: Vec<(usize, usize)> = Vec::new();
    let taken = |mentions: &Vec<Mention>, s: usize, e: usize| {
        mentions.iter().any(|m| m.start < e && s < m.end && m.entity_type != EntityType::Person)
    };
    for i in 0..chars.len() {
        // After a title (and an optional colon or space): 部长李明华, 记者 周小明, 编辑:孙丽.
        if lex.title_ending_at(chars, i).is_some() {
            let mut s = i;
            while s < chars.len() && (chars[s] == ' ' || chars[s] == ':') {
                s += 1;
            }
            if let Some(len) = name_after(text, lex, s) {
                found.push((s, s + len));
            }
        }
        // Before a title, 同志 or a verb of saying: 李明华代表, 张三同志, 赵国强说.
        let follows = lex.title_at(chars, i).map(|t| t.word.chars().count())
            .or_else(|| starts_with_at(chars, i, "同志").then_some(2))
            .or_else(|| Lexicon::word_at(&lex.speech_verbs, chars, i).map(|w| w.chars().count()));
        if follows.is_some() {
            for len in [3, 2, 4] {
                if i < len {
                    continue;
                }
                let s = i - len;
                let left_ok = s == 0 || is_break(chars[s - 1]) || !is_han(chars[s - 1]) || text.is_boundary(s)
                    && (lex.title_ending_at(chars, s).is_some() || is_function_char(chars[s - 1]) || "在据对".contains(chars[s - 1]));
                if left_ok && is_name(text, lex, s, i) && name_token_ok(text, s, i) {
                    found.push((s, i));
                    break;
                }
            }
        }
    }
    // Names jieba tags as personal names (nr), when they also pass the name rules: a family
    // name, three Han characters, no function words, no title or locative inside, and a word
    // boundary after them. jieba's tag alone is not trusted (从严治党/nr).
    for t in &text.tokens {
        let len = t.end - t.start;
        // Three characters only: two-character nr tags are mostly words (田园, 雷同).
        if !(t.tag == "nr" || t.tag == "nrfg") || len != 3 {
            continue;
        }
        let next_ok = t.end >= chars.len()
            || !is_han(chars[t.end])
            || text.token_starting(t.end).is_some_and(|n| !(n.tag == "f" || n.tag.starts_with('n') && n.end - n.start == 1));
        if next_ok && is_name(text, lex, t.start, t.end) && !found.contains(&(t.start, t.end)) {
            found.push((t.start, t.end));
        }
    }
    // Lists: a name, then 、 and another name.
    let mut k = 0;
    while k < found.len() {
        let (_, e) = found[k];
        if e < chars.len() && chars[e] == '、' {
            if let Some(len) = name_after(text, lex, e + 1) {
                if !found.contains(&(e + 1, e + 1 + len)) {
                    found.push((e + 1, e + 1 + len));
                }
            }
        }
        k += 1;
    }
    // Bylines: 记者 李攀 周小明 — names separated by spaces after a press title.
    let snapshot = found.clone();
    for (_, e) in snapshot {
        let mut s = e;
        while s < chars.len() && chars[s] == ' ' {
            s += 1;
        }
        if s > e && s < chars.len() {
            if let Some(len) = name_after(text, lex, s) {
                let before_title = (e..s).all(|k| chars[k] == ' ');
                if before_title && !found.contains(&(s, s + len)) && lex.title_at(chars, s).is_none() {
                    found.push((s, s + len));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    for (s, e) in found {
        if taken(mentions, s, e) || mentions.iter().any(|m| m.entity_type == EntityType::Person && m.start < e && s < m.end) {
            continue;
        }
        mentions.push(Mention {
            entity_type: EntityType::Person,
            start: s,
            end: e,
            name: text.slice(s, e),
            detail: Detail::Person,
        });
    }
    // A family name with a title (王部长, 李书记) is the one person of that family name.
    let people_found: Vec<String> = mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Person)
        .map(|m| m.name.clone())
        .collect();
    for i in 0..chars.len() {
        let Some(title) = lex.title_at(chars, i + 1) else { continue };
        if title.kind == TitleKind::Press || title.word == "代表" {
            continue;
        }
        let family = chars[i].to_string();
        let mut same: Vec<&String> = people_found.iter().filter(|n| n.starts_with(&family)).collect();
        same.sort();
        same.dedup();
        let end = i + 1 + title.word.chars().count();
        let free = !mentions.iter().any(|m| m.start < end && i < m.end);
        let left_ok = i == 0 || !is_han(chars[i - 1]) || text.is_boundary(i);
        if let ([name], true, true) = (same.as_slice(), free, left_ok) {
            mentions.push(Mention {
                entity_type: EntityType::Person,
                start: i,
                end,
                name: (*name).clone(),
                detail: Detail::Person,
            });
        }
    }
    // Every later bare occurrence of a found name is a mention too.
    let names: Vec<String> = mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Person)
        .map(|m| m.name.clone())
        .collect();
    for name in names {
        let n: Vec<char> = name.chars().collect();
        for i in 0..chars.len().saturating_sub(n.len() - 1) {
            if chars[i..i + n.len()] == n[..]
                && !mentions.iter().any(|m| m.start < i + n.len() && i < m.end)
                && !(i > 0 && is_han(chars[i - 1]) && !text.is_boundary(i))
            {
                mentions.push(Mention {
                    entity_type: EntityType::Person,
                    start: i,
                    end: i + n.len(),
                    name: name.clone(),
                    detail: Detail::Person,
                });
            }
        }
    }
}

/// The length of a personal name starting at `s`, if one does: 3 chars, then 2 (4 for a
/// compound family name), the one whose end falls where a name can end.
fn name_after(text: &Text, lex: &Lexicon, s: usize) -> Option<usize> {
    let chars = &text.chars;
    for len in [3, 2, 4] {
        let e = s + len;
        if e > chars.len() || !is_name(text, lex, s, e) {
            continue;
        }
        // 总书记关怀下: a word before a locative is not a name.
        if text.token_starting(e).is_some_and(|t| t.tag == "f" && t.end == e + 1) {
            continue;
        }
        // 赵国强参加: jieba leaves the last given-name character on its own.
        let loose_third = len == 3
            && text.is_boundary(e)
            && text.tokens[text.token_at[e - 1]].end - text.tokens[text.token_at[e - 1]].start == 1
            && text.tokens[text.token_at[e - 1]].start == e - 1;
        // After a title, a verb closes the name (委员张海洋提交), however jieba cut the name.
        let verb_follows = text.is_boundary(e) && text.token_starting(e).is_some_and(|t| t.tag.starts_with('v'));
        let ends = e == chars.len()
            || loose_third
            || verb_follows && len == 3
            || is_break(chars[e])
            || !is_han(chars[e])
            || lex.title_at(chars, e).is_some()
            || starts_with_at(chars, e, "同志")
            || Lexicon::word_at(&lex.speech_verbs, chars, e).is_some()
            || "率向在和与等也又还就是到对带讲".contains(chars[e]) && text.is_boundary(e)
            || text.is_boundary(e) && text.token_starting(s).is_some_and(|t| t.end == e && t.tag.starts_with("nr"));
        if ends && (len != 2 || name_token_ok(text, s, e) || e == chars.len() || is_break(chars[e]) || lex.title_at(chars, e).is_some() || Lexicon::word_at(&lex.speech_verbs, chars, e).is_some()) {
            return Some(len);
        }
    }
    None
}

/// A name must not split a longer word jieba is sure of (a 2-char "name" inside 赵国强).
fn name_token_ok(text: &Text, _s: usize, e: usize) -> bool {
    text.tokens[text.token_at[e - 1]].end <= e || !text.tokens[text.token_at[e - 1]].tag.starts_with("nr")
}

/// `[s, e)` looks like a personal name: a family name, Han characters, no function words.
fn is_name(text: &Text, lex: &Lexicon, s: usize, e: usize) -> bool {
    let chars = &text.chars;
    if e > chars.len() || e - s < 2 || e - s > 4 {
        return false;
    }
    let name: String = text.slice(s, e);
    let family_len = if e - s >= 3 && lex.surnames.contains(&text.slice(s, s + 2)) {
        2
    } else if lex.surnames.contains(&text.slice(s, s + 1)) {
        1
    } else {
        return false;
    };
    if e - s == 4 && family_len != 2 {
        return false;
    }
    if s > 0 && chars[s - 1].is_ascii_digit() {
        return false;
    }
    // A verb jieba is sure of (强调, 关怀) is no name.
    let first_token = &text.tokens[text.token_at[s]];
    if first_token.start == s && first_token.end - first_token.start >= 2 && first_token.end < e && first_token.tag.starts_with('v') {
        return false;
    }
    if Lexicon::word_at(&lex.speech_verbs, chars, s).is_some() || Lexicon::word_at(&lex.proposal_verbs, chars, s).is_some() {
        return false;
    }
    // Names do not end in a locative (关怀下, 会上).
    if "下上中里内外前后时".contains(chars[e - 1]) {
        return false;
    }
    let given = &chars[s + family_len..e];
    !name.chars().any(|c| !is_han(c) || is_function_char(c))
        && !lex.not_names.contains(&name)
        && !given.iter().any(|&c| "省市县区镇乡村委会党部局厅处科社报网团队组说讲表示".contains(c))
        && (s + 1..e).all(|k| lex.title_at(chars, k).is_none())
        && lex.org_suffix_at(chars, s).is_none()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{has, run};
    use crate::extract::recognise::recognise;
    use crate::extract::segment::Segmenter;
    use crate::extract::Lexicon;
    use crate::schema::EntityType;

    #[test]
    fn person_after_title_and_before_delegate() {
        let v = run("宁波市委常委、宣传部部长李明华代表说,要抓落实。");
        assert!(has(&v, EntityType::Person, "李明华"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "宁波市委"), "{v:?}");
        assert!(!has(&v, EntityType::Person, "李明"), "{v:?}");
    }

    #[test]
    fn byline_names_in_a_list() {
        let v = run("(记者 张小青 刘大海)本报讯");
        assert!(has(&v, EntityType::Person, "张小青"), "{v:?}");
        assert!(has(&v, EntityType::Person, "刘大海"), "{v:?}");
    }

    #[test]
    fn no_person_from_plain_words() {
        let v = run("全面深化改革永远在路上,各级党组织要深有体会。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Person), "{v:?}");
    }

    #[test]
    fn family_name_and_title_is_the_person_met_before() {
        let lex = Lexicon::builtin();
        let text = Segmenter::new(&lex).segment("宁波市委宣传部部长李明华说,要抓落实。李部长还表示,要推进改革。");
        let people: Vec<(usize, String)> = recognise(&text, &lex)
            .into_iter()
            .filter(|m| m.entity_type == EntityType::Person)
            .map(|m| (m.start, m.name))
            .collect();
        assert!(people.iter().any(|(s, n)| n == "李明华" && text.slice(*s, s + 3) == "李部长"), "{people:?}");
    }
}

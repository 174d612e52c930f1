//! People: personal names by the titles, verbs and lists around them.

use super::{is_function_char, Detail, Mention};
use crate::extract::lexicon::{ends_with_at, starts_with_at, Lexicon, TitleKind};
use crate::extract::segment::{is_break, is_han, Text};
use crate::schema::EntityType;

/// People: names next to titles (before or after, with 代表 and 同志), before verbs of
/// saying, in bylines and in lists after one of those (`记者刘大海、孙丽`).
pub fn people(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found: Vec<(usize, usize)> = Vec::new();
    // Chinese names a title stands right before: they outweigh a place's short form they
    // start with (市长吴忠平 is no 吴忠, 县长常州明 no 常州).
    let mut after_title: Vec<(usize, usize)> = Vec::new();
    for i in 0..chars.len() {
        // After a title (and an optional colon or space): 部长李明华, 记者 周小明, 编辑:孙丽.
        // Not inside a longer title: 董事 of 董事长孙立新 is followed by 长, which opens no
        // name (长孙 is a family name too).
        let title_goes_on = (i + 1..=(i + 3).min(chars.len()))
            .any(|e| lex.title_ending_at(chars, e).is_some_and(|t| t.start < i));
        // Nor a title opening a word of the dictionary (领导班子, 成员国), though jieba may
        // glue the title's last character to the name (财政部/长安/雷).
        let title = lex.title_ending_at(chars, i);
        let inside_word = title.as_ref().is_some_and(|t| {
            let w = &text.tokens[text.token_at[t.start]];
            w.start == t.start && w.end > i && w.known && !w.tag.starts_with("nr")
        });
        if !title_goes_on && !inside_word && title.is_some() {
            let mut s = i;
            while s < chars.len() && (chars[s] == ' ' || chars[s] == ':') {
                s += 1;
            }
            // 新闻秘书亚斯特任布斯基宣布: a transliterated name after a title, when it runs on
            // past where a Chinese name would end (贾斯蒂卡, not 贾斯蒂).
            let chinese = name_after(text, lex, s);
            // 参议员亚罗约, 总参谋长马内: after a title, a transliteration the Chinese rules
            // refuse is a foreign name even when it opens with a family name.
            let foreign = foreign_after(text, lex, s).or_else(|| {
                chinese
                    .is_none()
                    .then(|| foreign_run_after(text, lex, s))
                    .flatten()
            });
            match (chinese, foreign) {
                (Some(len), Some(e)) if e > s + len => found.push((s, e)),
                (Some(len), _) => {
                    found.push((s, s + len));
                    after_title.push((s, s + len));
                }
                (None, Some(e)) => found.push((s, e)),
                // 首相桥本龙太郎: a Japanese name, given name and all where it has one.
                (None, None) => found.extend(japanese_name_at(text, lex, s, false)),
            }
        }
        // 桥本首相说, 武村正义一行: a Japanese name before a title or a verb of saying.
        if i == 0
            || !is_han(chars[i - 1])
            || is_function_char(chars[i - 1])
            || is_break(chars[i - 1])
        {
            found.extend(japanese_name_at(text, lex, i, true));
        }
        // 夫人张洁清, 男友亨特: a name after the word for its person's kin.
        if KIN.iter().any(|w| {
            let n = w.chars().count();
            i >= n && starts_with_at(chars, i - n, w) && text.is_boundary(i - n)
        }) && text.is_boundary(i)
            && lex.title_at(chars, i).is_none()
            && !starts_with_at(chars, i, "原名")
        {
            let chinese = name_after(text, lex, i);
            match (chinese, foreign_after(text, lex, i)) {
                (Some(len), _) => found.push((i, i + len)),
                (None, Some(e)) => found.push((i, e)),
                _ => {}
            }
        }
        // 会见李明华, 判处王某: verbs whose object is a person.
        let after_person_verb = PERSON_OBJECT_VERBS.iter().any(|v| {
            let n = v.chars().count();
            i >= n && starts_with_at(chars, i - n, v) && text.is_boundary(i - n)
        });
        if after_person_verb && lex.title_at(chars, i).is_none() {
            if let Some(len) = name_after(text, lex, i) {
                found.push((i, i + len));
            }
        }
        // 选举黄志勇为市长: the one elected or appointed runs from the verb to 为, however
        // jieba cut the name (黄志/勇为).
        let elects = ELECTION_VERBS.iter().any(|v| {
            let n = v.chars().count();
            i >= n && starts_with_at(chars, i - n, v)
        });
        if elects {
            if let Some(len) = (2..=4).find(|&l| {
                chars.get(i + l) == Some(&'为')
                    && (i..i + l).all(|k| is_han(chars[k]) && !is_function_char(chars[k]))
                    && is_name(text, lex, i, i + l, true)
            }) {
                found.push((i, i + len));
            }
        }
        // A player's number: 11号萨拉斯.
        if i >= 2 && chars[i - 1] == '号' && chars[i - 2].is_ascii_digit() {
            if let Some(e) =
                foreign_after(text, lex, i).or_else(|| name_after(text, lex, i).map(|l| i + l))
            {
                found.push((i, e));
            }
        }
        // Before a title, 同志, an honorific or a verb of saying: 李明华代表, 张三同志, 赵国强说.
        let follows = lex
            .title_at(chars, i)
            .map(|t| t.word.chars().count())
            .or_else(|| starts_with_at(chars, i, "同志").then_some(2))
            .or_else(|| {
                // 宾格曼一行, 迪亚等人: a party led by or a list closed by a name; 贺龙元帅,
                // 李育英大娘, 王磊六段: ranks and the words people are addressed by.
                ADDRESSED_AS
                    .iter()
                    .find(|h| starts_with_at(chars, i, h))
                    .map(|h| h.chars().count())
                    .or_else(|| {
                        ("一二三四五六七八九".contains(chars[i]) && chars.get(i + 1) == Some(&'段'))
                            .then_some(2)
                    })
            })
            .or_else(|| lex.speech_verbs.at(chars, i).map(|w| w.chars().count()));
        // 顾荣金笑着说: the manner of speaking ends the name, even where the segmenter glued
        // the name's last character to it (顾荣/金笑/着/说).
        let manner = manner_then_speech(lex, chars, i).is_some();
        let follows = follows.or(manner.then_some(0));
        if follows.is_some() {
            // 素帕猜副总理说, 拉埃女士: a transliterated name before them.
            if let Some(s) = foreign_before(text, lex, i) {
                found.push((s, i));
            }
            for len in [3, 2, 4] {
                if i < len {
                    continue;
                }
                let s = i - len;
                // 复旦大学伍柏麟教授: a name after the body or place it belongs to.
                let after_body = mentions.iter().any(|m| {
                    m.end == s
                        && matches!(m.entity_type, EntityType::Organisation | EntityType::Place)
                });
                let left_ok = s == 0
                    || is_break(chars[s - 1])
                    || !is_han(chars[s - 1])
                    || text.is_boundary(s)
                        && (after_body
                            || lex.title_ending_at(chars, s).is_some()
                            || is_function_char(chars[s - 1])
                            || "在据对".contains(chars[s - 1]))
                    // (After who they are the name starts, however the segmenter cut: 种植/户范.)
                    || ROLES.iter().any(|r| ends_with_at(chars, s, r));
                // 常务 of 常务副主委 opens the title itself.
                let opens_title = lex.title_at(chars, s).is_some();
                if left_ok
                    && !opens_title
                    && is_name(text, lex, s, i, true)
                    && (manner || name_token_ok(text, s, i))
                {
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
        // 邓小平理论, 马克思列宁主义: the name a doctrine is named after.
        if t.name_prefix > 0 && !found.contains(&(t.start, t.start + t.name_prefix)) {
            found.push((t.start, t.start + t.name_prefix));
            continue;
        }
        let len = t.end - t.start;
        // jieba's dictionary files some well-known people under other tags (周恩来/t,
        // 金正日/nz): a three-character word of a family name and given-name characters.
        let filed_elsewhere = len == 3
            && t.known
            && matches!(t.tag.as_str(), "t" | "nz")
            && lex.surnames.contains(&chars[t.start].to_string())
            && chars[t.start + 1..t.end]
                .iter()
                .all(|c| lex.given_name_chars.contains(c));
        if !matches!(t.tag.as_str(), "nr" | "nrfg" | "nrt") && !filed_elsewhere {
            continue;
        }
        // Not before a locative (会议上) or a one-character noun, though a time word may
        // follow a name (黄宾虹后, 王永祥跟前).
        let next_ok = t.end >= chars.len()
            || !is_han(chars[t.end])
            || text.token_starting(t.end).is_some_and(|n| {
                let one = n.end - n.start == 1;
                !(n.tag == "f" && one && !"后前".contains(chars[n.start])
                    || n.tag.starts_with('n') && one)
            });
        // Two characters only when jieba's model guessed the name: two-character words in its
        // dictionary tagged as names are mostly words (田园, 应当).
        // A transliteration is no person where a place or a thing is meant: 在/到/访问 before
        // it, 人/地区/公司/方面 after it (克什米尔争端 aside, 阿拉伯国家).
        let place_like = PLACE_CONTEXT_BEFORE.iter().any(|w| {
            t.start >= w.chars().count() && starts_with_at(chars, t.start - w.chars().count(), w)
        }) || NOT_PERSON_AFTER
            .iter()
            .any(|w| starts_with_at(chars, t.end, w) && !starts_with_at(chars, t.end, "号召"))
            // 海卫1, 切尔诺贝利4号机组: a numbered thing (阿巴查8日: a date after a person).
            || chars.get(t.end).is_some_and(|c| c.is_ascii_digit())
                && (t.end..chars.len())
                    .find(|&k| !chars[k].is_ascii_digit())
                    .is_none_or(|k| !"日月年时点岁".contains(chars[k]));
        let transliterated = foreign_run(lex, chars, t.start, t.end);
        let chinese = (len == 3 || len == 4 || len == 2 && !t.known)
            && is_name(text, lex, t.start, t.end, filed_elsewhere)
            && !(transliterated && place_like);
        // 克林顿, 基里延科: a transliterated name the segmenter knows as a name.
        // A Chinese family name opens a Chinese name, which the rules above judge (朱丽于昨日).
        let chinese_family = lex.surnames.contains(&chars[t.start].to_string());
        let foreign = (len >= 4 || len == 3 && !chinese_family)
            && !place_like
            && transliterated
            && !lex.not_names.contains(&text.slice(t.start, t.end))
            && !lex.loanwords.contains(&text.slice(t.start, t.end));
        // 中国华润, 浙江华美: a guessed name right after a country, province, city or county is
        // a brand — unless a title or a verb of saying makes it a person. After a village
        // (回龙村彭小兰) or a body (复旦大学伍柏麟) it is a person of that place or body.
        let personal_after = lex.title_at(chars, t.end).is_some()
            || HONORIFICS.iter().any(|h| starts_with_at(chars, t.end, h))
            || lex.speech_verbs.at(chars, t.end).is_some();
        let brand = mentions.iter().any(|m| {
            m.end == t.start && matches!(m.detail, Detail::Place { level, .. } if level <= 3)
        }) && !personal_after
            || chars.get(t.end).is_some_and(|c| NAME_DOTS.contains(c))
                && !foreign_run(lex, chars, t.start, t.end);
        if next_ok && !brand && (chinese || foreign) && !found.contains(&(t.start, t.end)) {
            found.push((t.start, t.end));
        }
    }
    // Names the segmenter cut after the family name (江/宏伟, 田/晚霞), between a clause
    // opening and a predicate.
    found.extend(split_names(text, lex, mentions));
    let glued = glued_names(text, lex);
    found.retain(|&(s, e)| !glued.contains(&(s + 1, e)));
    found.extend(glued);
    // Foreign names written with a name dot: 约翰•卡西姆, 科菲·安南.
    found.extend(dotted_names(text, lex));
    // Lists: a name, then 、 (or 和, 与) and another name — a name the segmenter tags as one
    // before a listed name counts too (柳青、李昕).
    let mut k = 0;
    while k < found.len() {
        let (s, e) = found[k];
        if e < chars.len() && matches!(chars[e], '、' | '和' | '与') {
            let next = name_after(text, lex, e + 1)
                .map(|l| e + 1 + l)
                .or_else(|| foreign_after(text, lex, e + 1));
            if let Some(ne) = next {
                if !found.contains(&(e + 1, ne)) {
                    found.push((e + 1, ne));
                }
                // (Listed after a name that followed a title, it is as sure as that one.)
                if after_title.contains(&(s, e)) && !after_title.contains(&(e + 1, ne)) {
                    after_title.push((e + 1, ne));
                }
            }
        }
        if s > 1 && matches!(chars[s - 1], '、' | '和' | '与') {
            let before = text
                .token_ending(s - 1)
                .filter(|t| t.tag.starts_with("nr") && (2..=7).contains(&(t.end - t.start)));
            if let Some(t) = before.filter(|t| {
                is_name(text, lex, t.start, t.end, true) || foreign_run(lex, chars, t.start, t.end)
            }) {
                if !found.contains(&(t.start, t.end)) {
                    found.push((t.start, t.end));
                }
            }
        }
        k += 1;
    }
    // Photo credits: `钱小东 摄`, `(钱小东 摄)`.
    found.extend(photo_credits(text, lex));
    // Bylines: 记者 李攀 周小明 — names separated by spaces after a press title (or a photo
    // credit), each one leading to the next.
    let mut k = 0;
    while k < found.len() {
        let (s0, e) = found[k];
        k += 1;
        if !byline_name(text, lex, &found, s0) {
            continue;
        }
        let mut s = e;
        while s < chars.len() && chars[s] == ' ' {
            s += 1;
        }
        if s > e && s < chars.len() && lex.title_at(chars, s).is_none() {
            if let Some(len) = name_after(text, lex, s) {
                if !found.contains(&(s, s + len)) {
                    found.push((s, s + len));
                }
            }
        }
    }
    // 尤尔/科夫, 巴蒂/斯图塔: a transliterated name the segmenter cut in pieces is one name.
    for f in found.iter_mut() {
        *f = foreign_whole(text, lex, *f);
    }
    // 孙明 where the article names 孙明达: the segmenter cut a longer name short.
    let texts: Vec<String> = found.iter().map(|&(s, e)| text.slice(s, e)).collect();
    let cut_short: Vec<(usize, usize)> = found
        .iter()
        .zip(&texts)
        .filter(|(_, n)| {
            n.chars().count() == 2
                && texts
                    .iter()
                    .any(|o| o.chars().count() == 3 && o.starts_with(n.as_str()))
        })
        .map(|(f, _)| *f)
        .collect();
    found.retain(|f| !cut_short.contains(f));
    // 主席张华作报告: 作 opens the verb (作报告, 作讲话), however jieba cut the name.
    for f in found.iter_mut() {
        let (s, e) = *f;
        if e - s == 3
            && chars[e - 1] == '作'
            && ZUO_OBJECTS.iter().any(|w| starts_with_at(chars, e, w))
        {
            *f = (s, e - 1);
        }
    }
    // Of overlapping names the longest wins (约翰•卡西姆 over 约翰).
    found.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
    found.dedup();
    let g = crate::gazetteer::Gazetteer::get();
    let displaced: Vec<usize> = (0..mentions.len())
        .filter(|&k| {
            let m = &mentions[k];
            let short_form = match &m.detail {
                Detail::Place { candidates, .. } => {
                    !candidates.iter().any(|&c| g.divisions[c].name == m.name)
                }
                _ => false,
            };
            // 副主任陈海军: a fixed body's name (海军) as the given name after a family name.
            let given_name = matches!(
                m.detail,
                Detail::Organisation {
                    seat: None,
                    parent: None,
                    context: None,
                    ..
                }
            );
            short_form
                && after_title
                    .iter()
                    .any(|&(s, e)| s == m.start && m.end < e && found.contains(&(s, e)))
                || given_name
                    && after_title
                        .iter()
                        .any(|&(s, e)| s < m.start && m.end == e && found.contains(&(s, e)))
        })
        .collect();
    if !displaced.is_empty() {
        *mentions = super::without(std::mem::take(mentions), &displaced);
    }
    // Which characters are taken, by any mention: people's names do not overlap other names.
    let mut occupied = vec![false; chars.len()];
    for m in mentions.iter() {
        occupied[m.start..m.end.min(chars.len())]
            .iter_mut()
            .for_each(|o| *o = true);
    }
    let free = |occupied: &[bool], s: usize, e: usize| {
        !occupied[s..e.min(occupied.len())].iter().any(|&o| o)
    };
    for (s, e) in found {
        if !free(&occupied, s, e) {
            continue;
        }
        occupied[s..e].iter_mut().for_each(|o| *o = true);
        mentions.push(Mention {
            entity_type: EntityType::Person,
            start: s,
            end: e,
            name: text.slice(s, e),
            detail: Detail::Person {
                bare_surname: false,
            },
        });
    }
    // A family name with a title (王部长, 李书记) is the one person of that family name.
    let mut people_found: Vec<String> = mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Person)
        .map(|m| m.name.clone())
        .collect();
    people_found.sort();
    people_found.dedup();
    // Without a full name of that family in the article, the family name alone is still a
    // person mentioned (NER marks 汤 of 汤局长), though no entity: its full name is unknown.
    for i in 0..chars.len().saturating_sub(1) {
        let after = lex
            .title_at(chars, i + 1)
            .filter(|t| t.start == i + 1 && t.kind != TitleKind::Press && t.word != "代表")
            .map(|t| t.end)
            .or_else(|| {
                HONORIFICS
                    .iter()
                    .chain(&FAMILY_NAME_ADDRESS)
                    .find(|h| starts_with_at(chars, i + 1, h))
                    .map(|h| i + 1 + h.chars().count())
            });
        let family_word = family_name_word(text, lex, i);
        let Some(end) = after.or(family_word) else {
            continue;
        };
        let family = chars[i].to_string();
        // 于 or 常 alone are words; 老于 or 姓常 is the family name.
        if !lex.surnames.contains(&family)
            || (is_function_char(chars[i]) || WORDLIKE_FAMILY_NAMES.contains(chars[i]))
                && family_word.is_none()
        {
            continue;
        }
        let same: Vec<&String> = people_found
            .iter()
            .filter(|n| n.starts_with(&family))
            .collect();
        let free = free(&occupied, i, end);
        // jieba read the family name and its honorific as one name (职工/王某, 同村/郑某).
        let one_name_word = text
            .token_starting(i)
            .is_some_and(|t| t.end == end && !t.known && t.tag.starts_with("nr"));
        let left_ok = i == 0
            || !is_han(chars[i - 1])
            || is_function_char(chars[i - 1])
            || family_word.is_some()
            || one_name_word
            || text.is_boundary(i) && text.tokens[text.token_at[i - 1]].tag != "n";
        // The family name must stand as a word: 高 of 高级 or 国 of 国务 is none.
        let alone = family_word.is_some()
            || text
                .token_starting(i)
                .is_some_and(|t| t.end == i + 1 || t.end == end || t.tag.starts_with("nr"));
        if !(free && left_ok && alone) {
            continue;
        }
        // 老王, 姓樊, 刘家: a family, or a person by the family name alone.
        let (name, bare_surname) = match same.as_slice() {
            [name] if family_word.is_none() => ((*name).clone(), false),
            [] | [_] => (family, true),
            _ => continue,
        };
        occupied[i] = true;
        mentions.push(Mention {
            entity_type: EntityType::Person,
            start: i,
            end: i + 1,
            name,
            detail: Detail::Person { bare_surname },
        });
    }
    // Every later bare occurrence of a found name is a mention too: one pass over the text
    // for all names at once.
    let mut names: Vec<String> = mentions
        .iter()
        .filter(|m| {
            matches!(
                m.detail,
                Detail::Person {
                    bare_surname: false
                }
            )
        })
        .map(|m| m.name.clone())
        .collect();
    names.sort();
    names.dedup();
    for (i, end, name) in super::occurrences(chars, &names) {
        if free(&occupied, i, end) && !(i > 0 && is_han(chars[i - 1]) && !text.is_boundary(i)) {
            occupied[i..end].iter_mut().for_each(|o| *o = true);
            mentions.push(Mention {
                entity_type: EntityType::Person,
                start: i,
                end,
                name,
                detail: Detail::Person {
                    bare_surname: false,
                },
            });
        }
    }
}

/// A Japanese name at `s`: a family name of the list, then a given name of one to three
/// characters ending where the segmenter ends a word (桥本龙太郎), or the family name alone
/// (桥本). After a title any word end will do; elsewhere (`cue_needed`) a title, an
/// honorific, a verb of saying or 一行 must follow. Where it ends.
fn japanese_name_at(
    text: &Text,
    lex: &Lexicon,
    s: usize,
    cue_needed: bool,
) -> Option<(usize, usize)> {
    let chars = &text.chars;
    if !text.is_boundary(s) {
        return None;
    }
    let family_end = (2..=3)
        .rev()
        .map(|n| s + n)
        .find(|&e| e <= chars.len() && lex.japanese_family_names.contains(&text.slice(s, e)))?;
    let cue = |e: usize| {
        lex.title_at(chars, e)
            .is_some_and(|t| t.kind != TitleKind::Press)
            || HONORIFICS.iter().any(|h| starts_with_at(chars, e, h))
            || lex.speech_verbs.at(chars, e).is_some()
            || ["一行", "等人"].iter().any(|w| starts_with_at(chars, e, w))
        // 桥本还表示, 桥本则在: an adverb, then a verb.
        || text.token_starting(e).is_some_and(|t| {
            t.tag == "d" && text.token_starting(t.end).is_some_and(|n| matches!(n.tag.as_str(), "v" | "p"))
        })
    };
    // A word end that closes a name: the end of the text, punctuation, a verb or a particle.
    let closes = |e: usize| {
        e == chars.len()
            || !is_han(chars[e])
            || text
                .token_starting(e)
                .is_some_and(|t| matches!(t.tag.as_str(), "v" | "p" | "uj" | "c" | "d"))
    };
    let given_ok = |e: usize| {
        e <= chars.len()
            && text.is_boundary(e)
            && (family_end..e).all(|k| {
                is_han(chars[k])
                    && !is_function_char(chars[k])
                    && !"地得说着".contains(chars[k])
                    && lex.title_at(chars, k).is_none()
            })
    };
    let given = |e: &usize| given_ok(*e);
    let mut ends = (1..=3).rev().map(|g| family_end + g);
    // A cue right after the whole name first (冈田武史说), then after the family name alone
    // (桥本首相), then, after a title, any closing word end (首相桥本龙太郎在).
    let e = ends
        .clone()
        .filter(given)
        .find(|&e| cue(e))
        .or_else(|| (text.is_boundary(family_end) && cue(family_end)).then_some(family_end))
        .or_else(|| {
            (!cue_needed)
                .then(|| ends.find(|&e| given_ok(e) && closes(e)))
                .flatten()
        })?;
    Some((s, e))
}

/// A transliterated name starting at `s` (2 to 7 characters), ending where the segmenter
/// ends a word and no name character follows: where it ends.
fn foreign_after(text: &Text, lex: &Lexicon, s: usize) -> Option<usize> {
    let e = foreign_run_after(text, lex, s)?;
    // Three characters or fewer opening with a Chinese family name are a Chinese name's to judge.
    let chinese_family = e - s <= 3 && lex.surnames.contains(&text.chars[s].to_string());
    (!chinese_family).then_some(e)
}

/// A run of transliteration characters at `s` (2 to 7) ending at a word's end, whatever its
/// first character: where it ends. The name ends where something else starts: no
/// transliteration character, a title, or a word of the dictionary that is no
/// transliteration (巴克 of 司令巴克海军少将).
fn foreign_run_after(text: &Text, lex: &Lexicon, s: usize) -> Option<usize> {
    let chars = &text.chars;
    let mut e = s;
    while e < chars.len()
        && e - s < 7
        && lex.transliteration.contains(&chars[e])
        && lex.title_at(chars, e).is_none()
    {
        e += 1;
    }
    let word_starts = |b: usize| {
        text.token_starting(b).is_some_and(|t| {
            t.known && t.end - t.start >= 2 && !foreign_run(lex, chars, t.start, t.end)
        })
    };
    // 克林顿派代表: a one-character verb after the name is none of it.
    let verb_ends = |b: usize| {
        text.token_ending(b)
            .is_some_and(|t| t.end - t.start == 1 && t.tag == "v")
    };
    let e = (s + 2..=e).rev().find(|&b| {
        text.is_boundary(b)
            && !verb_ends(b)
            && (b == chars.len()
                || !lex.transliteration.contains(&chars[b])
                || lex.title_at(chars, b).is_some()
                || word_starts(b))
    })?;
    (e - s >= 2 && text.is_boundary(s)).then_some(e)
}

/// A transliterated name ending just before `e` (2 to 7 characters), starting where the
/// segmenter starts a word after a break, a title or a function word: where it starts.
fn foreign_before(text: &Text, lex: &Lexicon, e: usize) -> Option<usize> {
    let chars = &text.chars;
    // 克林顿派代表: a one-character verb before the title is no end of a name.
    if !text.is_boundary(e)
        || text
            .token_ending(e)
            .is_some_and(|t| t.end - t.start == 1 && t.tag == "v")
    {
        return None;
    }
    let mut s = e;
    while s > 0
        && e - s < 7
        && lex.transliteration.contains(&chars[s - 1])
        && lex.title_ending_at(chars, s).is_none()
    {
        s -= 1;
    }
    let s = (s..=e.saturating_sub(2)).find(|&b| {
        text.is_boundary(b)
            && (b == 0
                || !is_han(chars[b - 1])
                || is_function_char(chars[b - 1])
                || lex.title_ending_at(chars, b).is_some())
    })?;
    // A Chinese name of the same place is the Chinese rules' (李明华说).
    (e - s >= 3 || e - s == 2 && !lex.surnames.contains(&chars[s].to_string())).then_some(s)
}

/// True when `[s, e)` is all transliteration characters.
fn foreign_run(lex: &Lexicon, chars: &[char], s: usize, e: usize) -> bool {
    (s..e).all(|k| lex.transliteration.contains(&chars[k]))
}

/// Family names that are far more often words of their own (于, 由, 全, 党, 常): alone or
/// opening a name cut in pieces they are taken as those words.
const WORDLIKE_FAMILY_NAMES: &str = "于由任古向位但时都全党国明常";

/// Honorifics after a family name: 郑先生, 胡老, 王某.
const HONORIFICS: [&str; 9] = [
    "先生", "女士", "小姐", "老师", "师傅", "同志", "老", "某", "总",
];

/// Words that address a person by the family name (王大娘, 李大爷), as NER marks them: the
/// family name alone is the person (not, as with 大娘 after a full name, only a rank).
const FAMILY_NAME_ADDRESS: [&str; 16] = [
    "大娘", "大爷", "大妈", "大婶", "大叔", "大伯", "大姐", "大哥", "大嫂", "阿姨", "老汉", "奶奶",
    "爷爷", "婆婆", "太太", "大夫",
];

/// A family name standing for its person or family, by a word around it rather than after
/// it: 老于, 小王 (one word of jieba's, or 小 and the family name each one), 姓樊, and 刘家
/// where jieba reads family and 家 as a name. Where the family name's mention ends.
fn family_name_word(text: &Text, lex: &Lexicon, i: usize) -> Option<usize> {
    let chars = &text.chars;
    if !lex.surnames.contains(&chars[i].to_string()) {
        return None;
    }
    let token = |s: usize, e: usize| text.token_starting(s).filter(|t| t.end == e);
    // The next word is one of the dictionary's, not the rest of a name (小戈/麦尔斯/基,
    // 胡家/全).
    let word_ends_at = |e: usize| {
        e >= chars.len()
            || !is_han(chars[e])
            || text
                .token_starting(e)
                .is_some_and(|t| t.known && t.end - t.start >= 2 && !t.tag.starts_with("nr"))
    };
    // 小王/说: after 老 or 小, any word of the dictionary but a name closes the family name.
    let word_ends_after = i + 1 >= chars.len()
        || !is_han(chars[i + 1])
        || text.is_boundary(i + 1)
            && text
                .token_starting(i + 1)
                .is_some_and(|t| t.known && !t.tag.starts_with("nr"));
    let prefixed = i > 0 && "老小".contains(chars[i - 1]) && {
        // 老于/p, 小王/nr: a word jieba made up (小康, 小区, 老师, 小平 are in its dictionary).
        let one_word = token(i - 1, i + 1).is_some_and(|t| !t.known);
        // 小/a 刘/zg: each a word, the family name one jieba reads as a name or a morpheme.
        let two_words = token(i - 1, i).is_some()
            && token(i, i + 1).is_some_and(|t| t.tag.starts_with("nr") || t.tag == "zg");
        (one_word || two_words) && (i < 2 || !is_han(chars[i - 2]) || text.is_boundary(i - 1))
    };
    // 姓樊的, 他姓王: 姓 as a word of its own or in one with the family name (not 百姓).
    let surname_of = i > 0
        && chars[i - 1] == '姓'
        && (token(i - 1, i).is_some() || token(i - 1, i + 1).is_some());
    if (prefixed || surname_of) && word_ends_after {
        return Some(i + 1);
    }
    // Not 张家/平, a name of three.
    let family = token(i, i + 2)
        .filter(|t| chars[i + 1] == '家' && t.tag.starts_with("nr") && word_ends_at(i + 2));
    family.map(|_| i + 1)
}

/// Words before a transliteration that make it a place: 在克什米尔, 访问南斯拉夫.
const PLACE_CONTEXT_BEFORE: [&str; 10] = [
    "在", "到", "赴", "访问", "前往", "抵达", "来自", "位于", "从", "经",
];
/// Words after a transliteration that make it a people, a place or a thing: 阿拉伯人,
/// 克什米尔地区, 摩托罗拉公司, 南斯拉夫方面, 南斯拉夫军队.
const NOT_PERSON_AFTER: [&str; 24] = [
    "人", "族", "语", "地区", "国", "省", "州", "市", "河", "山", "湖", "岛", "公司", "牌", "集团",
    "队", "方面", "军", "号", "现象", "大区", "基地", "汽车", "系列",
];

/// True when the name at `s` is credited as press: right after a press title (记者 张某,
/// 记者/张某) or after another such name and spaces.
fn byline_name(text: &Text, lex: &Lexicon, found: &[(usize, usize)], s: usize) -> bool {
    let chars = &text.chars;
    let mut j = s;
    while j > 0 && matches!(chars[j - 1], ' ' | ':' | '/') {
        j -= 1;
    }
    if lex
        .title_ending_at(chars, j)
        .is_some_and(|t| t.kind == TitleKind::Press)
    {
        return true;
    }
    j < s
        && found
            .iter()
            .any(|&(ps, pe)| pe == j && ps < j && byline_name(text, lex, found, ps))
}

/// Photo credits: a name, a space and 摄 (`钱小东 摄`), closed by the line or a bracket.
fn photo_credits(text: &Text, lex: &Lexicon) -> Vec<(usize, usize)> {
    let chars = &text.chars;
    let mut out = Vec::new();
    for i in 1..chars.len() {
        let closed = chars
            .get(i + 1)
            .is_none_or(|&c| c == '\n' || c == ')' || c == ' ');
        if chars[i] != '摄' || chars[i - 1] != ' ' || !closed {
            continue;
        }
        let mut e = i - 1;
        while e > 0 && chars[e - 1] == ' ' {
            e -= 1;
        }
        for len in [3, 2, 4] {
            let Some(s) = e.checked_sub(len) else {
                continue;
            };
            let left_ok = s == 0 || !is_han(chars[s - 1]);
            if left_ok && is_name(text, lex, s, e, true) {
                out.push((s, e));
                break;
            }
        }
    }
    out
}

/// Dots that join the parts of a transliterated name.
pub(crate) const NAME_DOTS: [char; 4] = ['•', '·', '・', '‧'];

/// Transliterated foreign names: runs of transliteration characters joined by name dots
/// (约翰•卡西姆, 马丁·路德·金). The run stops where a title starts or ends (现任总统约翰•卡西姆
/// 总统 gives 约翰•卡西姆): title characters are not transliteration characters.
pub(super) fn dotted_names(text: &Text, lex: &Lexicon) -> Vec<(usize, usize)> {
    let chars = &text.chars;
    let translit = |c: char| lex.transliteration.contains(&c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !NAME_DOTS.contains(&chars[i]) {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > 0
            && i - start < 6
            && translit(chars[start - 1])
            && lex.title_ending_at(chars, start).is_none()
        {
            start -= 1;
        }
        // 彼得·皮奥: a piece the segmenter knows as a transliterated name counts whole, though
        // a character of it (得) is no transliteration character elsewhere.
        if let Some(t) = text
            .token_ending(i)
            .filter(|t| t.tag == "nrt" && t.end - t.start >= 2)
        {
            start = start.min(t.start);
        }
        let mut end = i;
        loop {
            let part_start = end + 1;
            let mut e = part_start;
            while e < chars.len()
                && e - part_start < 6
                && translit(chars[e])
                && lex.title_at(chars, e).is_none()
            {
                e += 1;
            }
            if let Some(t) = text
                .token_starting(part_start)
                .filter(|t| t.tag == "nrt" && t.end - t.start >= 2)
            {
                e = e.max(t.end);
            }
            // 莉萨·科斯马斯说, 德米特里延科均: the segmenter glued a verb of saying or an
            // adverb to the name's last piece; the name ends before it.
            let glued = e < chars.len()
                && "说均等也都则称".contains(chars[e])
                && text.token_starting(e).is_none()
                && text.token_ending(e + 1).is_some();
            // 科菲·安南希望: the name ends where the segmenter ends a word.
            if !text.is_boundary(e) && !glued {
                if let Some(b) = (part_start + 2..e).rev().find(|&b| text.is_boundary(b)) {
                    e = b;
                }
            }
            if e == part_start {
                break;
            }
            end = e;
            if !(end < chars.len() && NAME_DOTS.contains(&chars[end])) {
                break;
            }
        }
        if start < i && end > i + 1 {
            out.push((start, end));
        }
        i = end.max(i + 1);
    }
    out
}

/// A transliterated name grown over the pieces the segmenter cut it into (尤尔/科夫,
/// 库/尼科娃, 奥利/塞赫): neighbouring words of transliteration characters that are names
/// or guesses themselves, or single characters or unknown words that are no function word. A name not
/// written in transliteration characters throughout is left as it is.
fn foreign_whole(text: &Text, lex: &Lexicon, (s, e): (usize, usize)) -> (usize, usize) {
    let chars = &text.chars;
    if e - s < 2 || !foreign_run(lex, chars, s, e) {
        return (s, e);
    }
    let piece = |t: &crate::extract::segment::Token| {
        foreign_run(lex, chars, t.start, t.end)
            && lex.title_at(chars, t.start).is_none()
            && (t.tag.starts_with("nr")
                || t.tag == "nz"
                || (t.end - t.start == 1 || !t.known)
                    && !matches!(
                        t.tag.as_str(),
                        "u" | "uj" | "ul" | "p" | "c" | "d" | "m" | "q" | "r" | "f" | "ns" | "v"
                    ))
    };
    let (mut s, mut e) = (s, e);
    while let Some(t) = text
        .token_starting(e)
        .filter(|t| piece(t) && t.end - s <= 8)
    {
        e = t.end;
    }
    while let Some(t) = text
        .token_ending(s)
        .filter(|t| piece(t) && e - t.start <= 8)
    {
        s = t.start;
    }
    (s, e)
}

/// Three-character Chinese names the segmenter cut into words (吴/天明, 田/晚霞, 郑/全军) or
/// guessed as some other kind of word (刘彦彬/nz). Nothing vouches for them but the clause:
/// such a name is taken only where a subject or an object stands — at a clause opening or
/// after a preposition or a one-character verb (由吴天明执导, 找刘彦彬) — and only before a
/// predicate, 的 or a clause end, with a given name of common name characters.
fn split_names(text: &Text, lex: &Lexicon, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let chars = &text.chars;
    let mut found = Vec::new();
    for (k, t) in text.tokens.iter().enumerate() {
        let s = t.start;
        let e = s + 3;
        if e > chars.len()
            || !text.is_boundary(e)
            || !lex.surnames.contains(&chars[s].to_string())
            || WORDLIKE_FAMILY_NAMES.contains(chars[s])
        {
            continue;
        }
        // The family name stands alone (吴/天明), or the whole name is one guessed word not
        // taken as a name (刘彦彬/nz).
        let cut = t.end == s + 1 && text.tokens[text.token_at[e - 1]].end == e;
        // (Names the dictionary holds under other tags, 周恩来/t, are taken with jieba's
        // names above.)
        let guessed = t.end == e
            && (!t.known || t.tag == "i")
            && !t.tag.starts_with("nr")
            && !t.tag.starts_with("ns");
        if !(cut || guessed)
            || !chars[s + 1..e]
                .iter()
                .all(|c| lex.given_name_chars.contains(c))
        {
            continue;
        }
        // Inside the span, no word jieba is sure is something else: a verb (高/举行) or a
        // function word.
        let inner_ok = text.tokens[k..]
            .iter()
            .take_while(|w| w.start < e)
            .all(|w| {
                !matches!(
                    w.tag.as_str(),
                    "v" | "p" | "c" | "u" | "uj" | "ul" | "d" | "r" | "m" | "q" | "f"
                ) || w.start == s && cut
            });
        // After 的, a time word (去年/王/金兰) or the body a person belongs to (俱乐部的庞卫国,
        // 研究室吴高盛).
        let left_ok = s == 0
            || is_break(chars[s - 1])
            || k > 0 && {
                let p = &text.tokens[k - 1];
                matches!(p.tag.as_str(), "p" | "c" | "uj" | "t")
                    || p.tag == "v" && p.end - p.start == 1
                    // 这使/耿/志军: after a causative, its object (使, 让, 令, 叫).
                    || p.tag.starts_with('v') && "使让令叫".contains(chars[p.end - 1])
            }
            || mentions
                .iter()
                .any(|m| m.end == s && m.entity_type == EntityType::Organisation);
        // Not before 、: a list of short phrases (“党建强、发展强”) is no list of names.
        let right_ok = e == chars.len()
            || is_break(chars[e]) && chars[e] != '、'
            || text.token_starting(e).is_some_and(|n| {
                n.tag.starts_with('v') && n.tag != "vn"
                    || matches!(n.tag.as_str(), "d" | "uj" | "p")
                    || n.end == e + 1 && "是说".contains(chars[e])
            });
        if inner_ok && left_ok && right_ok && is_name(text, lex, s, e, false) {
            found.push((s, e));
        }
    }
    found
}

/// Conjunctions, adverbs and prepositions of one character that jieba glues to the name
/// after them when it guesses a name (但/葛菲, 使/耿志军).
const GLUED_BEFORE_NAMES: &str = "但使让被把将对给令叫请向由和与同跟而却就也还都";

/// Names jieba guessed with the function word before them (但葛菲/nr): the name is the rest,
/// when it is one by the name rules.
fn glued_names(text: &Text, lex: &Lexicon) -> Vec<(usize, usize)> {
    let chars = &text.chars;
    text.tokens
        .iter()
        .filter(|t| {
            let len = t.end - t.start;
            t.tag.starts_with("nr")
                && !t.known
                && (3..=4).contains(&len)
                && GLUED_BEFORE_NAMES.contains(chars[t.start])
                && lex.surnames.contains(&chars[t.start + 1].to_string())
                && !WORDLIKE_FAMILY_NAMES.contains(chars[t.start + 1])
        })
        .map(|t| (t.start + 1, t.end))
        .filter(|&(s, e)| {
            chars[s + 1..e]
                .iter()
                .all(|c| lex.given_name_chars.contains(c))
                && is_name(text, lex, s, e, true)
        })
        .collect()
}

/// The length of a personal name starting at `s`, if one does: 3 chars, then 2 (4 for a
/// compound family name), the one whose end falls where a name can end.
fn name_after(text: &Text, lex: &Lexicon, s: usize) -> Option<usize> {
    let chars = &text.chars;
    for len in [3, 2, 4] {
        let e = s + len;
        if e > chars.len() || !is_name(text, lex, s, e, true) {
            continue;
        }
        // 总书记关怀下: a word before a locative is not a name.
        if text
            .token_starting(e)
            .is_some_and(|t| t.tag == "f" && t.end == e + 1)
        {
            continue;
        }

        // 赵国强参加: jieba leaves the last given-name character on its own.
        // Not 商量/过: the loose character is one names end in.
        let loose_third = len == 3
            && lex.given_name_chars.contains(&chars[e - 1])
            && text.is_boundary(e)
            && text.tokens[text.token_at[e - 1]].end - text.tokens[text.token_at[e - 1]].start == 1
            && text.tokens[text.token_at[e - 1]].start == e - 1;
        // After a title, a verb closes the name (委员张海洋提交), however jieba cut the name.
        let verb_follows = text.is_boundary(e)
            && text
                .token_starting(e)
                .is_some_and(|t| t.tag.starts_with('v'));
        // 陈立群到社区, 易炼红作讲话: jieba glued the last given-name character to the next word.
        let glued_third = len == 3
            && e < chars.len()
            && (lex.given_name_chars.contains(&chars[e - 1]) || "等说".contains(chars[e]))
            && "率向在和与等也又还就是到对带讲作来去赴为说于".contains(chars[e]);
        // 朱丽于昨日: a two-character name glued to 于 or 在 (the longer reading was refused).
        let glued_second = len == 2 && e < chars.len() && "于在".contains(chars[e]);
        let ends = e == chars.len()
            || loose_third
            || glued_third
            || glued_second
            || verb_follows && len == 3
            || is_break(chars[e])
            || !is_han(chars[e])
            || lex.title_at(chars, e).is_some()
            || starts_with_at(chars, e, "同志")
            || lex.speech_verbs.at(chars, e).is_some()
            || ACTS_OF_OFFICE.iter().any(|w| starts_with_at(chars, e, w))
            || "率向在和与等也又还就是到对带讲于".contains(chars[e]) && text.is_boundary(e)
            || text.is_boundary(e)
                && text
                    .token_starting(s)
                    .is_some_and(|t| t.end == e && t.tag.starts_with("nr"));
        if ends
            && (len != 2
                || glued_second
                || name_token_ok(text, s, e)
                || e == chars.len()
                || is_break(chars[e])
                || lex.title_at(chars, e).is_some()
                || lex.speech_verbs.at(chars, e).is_some())
        {
            return Some(len);
        }
    }
    None
}

/// `笑着说`, `激动地说`: how a person speaks, then the verb of saying; the name ends before
/// it (村民李大军笑着说). The length of the whole.
fn manner_then_speech(lex: &Lexicon, chars: &[char], i: usize) -> Option<usize> {
    let han = |k: usize| {
        chars
            .get(k)
            .is_some_and(|&c| is_han(c) && !is_function_char(c))
    };
    let speech = |k: usize| lex.speech_verbs.at(chars, k).map(|w| w.chars().count());
    if han(i) && chars.get(i + 1) == Some(&'着') {
        return speech(i + 2).map(|n| n + 2);
    }
    if han(i) && han(i + 1) && chars.get(i + 2) == Some(&'地') {
        return speech(i + 3).map(|n| n + 3);
    }
    None
}

/// A name must not split a longer word jieba is sure of (a 2-char "name" inside 赵国强).
fn name_token_ok(text: &Text, _s: usize, e: usize) -> bool {
    text.tokens[text.token_at[e - 1]].end <= e
        || !text.tokens[text.token_at[e - 1]].tag.starts_with("nr")
}

/// Words after a name that address or rank its person (not posts in a body).
const ADDRESSED_AS: [&str; 16] = [
    "先生", "女士", "一行", "等人", "元帅", "将军", "烈士", "大娘", "大爷", "大妈", "阿姨", "大叔",
    "老汉", "大姐", "夫妇", "同学",
];

/// Who a person is in a story, when no post says it: the name follows (村民李某笑着说).
const ROLES: [&str; 24] = [
    "村民",
    "居民",
    "市民",
    "农民",
    "党员",
    "群众",
    "游客",
    "志愿者",
    "网格员",
    "业主",
    "职工",
    "工人",
    "学生",
    "家长",
    "创业者",
    "企业家",
    "种植户",
    "养殖户",
    "茶农",
    "果农",
    "菜农",
    "村医",
    "民警",
    "老兵",
];

/// Words for a person's kin and companions, after which their name follows (夫人张某).
const KIN: [&str; 14] = [
    "夫人", "妻子", "丈夫", "男友", "女友", "儿子", "女儿", "父亲", "母亲", "老伴", "弟子", "妹妹",
    "哥哥", "姐姐",
];

/// Verbs whose object is a person: the name right after them is one (会见李明华).
const PERSON_OBJECT_VERBS: [&str; 22] = [
    "会见", "会晤", "接见", "看望", "慰问", "陪同", "祝贺", "感谢", "告诉", "采访", "拜访", "任命",
    "判处", "找", "交给", "送给", "致电", "致信", "宴请", "悼念", "缅怀", "怀念",
];

/// Verbs of electing and appointing: `选举某某为市长`.
const ELECTION_VERBS: [&str; 5] = ["选举", "推选", "补选", "任命", "决定任命"];

/// What officials do right after their name and title, however the segmenter cuts it
/// (主任刘建平主持会议: 主持会议/n).
const ACTS_OF_OFFICE: [&str; 14] = [
    "主持", "出席", "参加", "陪同", "会见", "调研", "考察", "致辞", "讲话", "发言", "带队", "率队",
    "宣布", "签约",
];

/// What 作 takes as a verb after a speaker's name: 作报告, 作讲话, 作出部署.
const ZUO_OBJECTS: [&str; 9] = [
    "报告",
    "工作报告",
    "讲话",
    "重要讲话",
    "说明",
    "发言",
    "部署",
    "批示",
    "出",
];

/// True when a numeral character stands among `given` (三十万, 许多); 一 stands in names
/// (王一博).
fn given_has_numeral(given: &[char]) -> bool {
    given
        .iter()
        .any(|&c| "二三四五六七八九十百千万亿两几余多半数".contains(c))
}

/// `[s, e)` looks like a personal name: a family name, Han characters, no function words.
/// `strong`: the context says a name stands here (a title, a verb of saying, a byline);
/// then any given name is taken (阴志和, 宋和科) as long as jieba did not cut it across.
/// Without that, only a name jieba tags as one, with a given name of common name characters
/// (智能化 and 雷阵雨 are tagged as names too).
fn is_name(text: &Text, lex: &Lexicon, s: usize, e: usize, strong: bool) -> bool {
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
    if first_token.start == s
        && first_token.end - first_token.start >= 2
        && first_token.end < e
        && first_token.tag.starts_with('v')
    {
        return false;
    }
    if lex.speech_verbs.at(chars, s).is_some() || lex.proposal_verbs.at(chars, s).is_some() {
        return false;
    }
    // 商量/过: no name ends in a particle jieba reads as one (过, 了, 着, 的, 地, 得; 之 may).
    let last = &text.tokens[text.token_at[e - 1]];
    if last.start == e - 1
        && last.end == e
        && matches!(last.tag.as_str(), "ug" | "ul" | "uz" | "uj" | "ud" | "uv")
    {
        return false;
    }
    // 周二晚, 周末: a weekday, not the family name 周.
    if chars[s] == '周' && "一二三四五六日末".contains(chars[s + 1]) {
        return false;
    }
    // Names do not end in a locative (关怀下, 会上), unless the dictionary lists the whole as
    // a name (金大中), or, next to a title, jieba guessed the three as one name (总理詹祖里).
    let dictionary_name = text.token_starting(s).is_some_and(|t| {
        t.end == e
            && t.tag == "nr"
            && (t.known && !t.word_inside || strong && !t.known && e - s == 3)
    });
    if "下上中里内外前后时".contains(chars[e - 1]) && !dictionary_name {
        return false;
    }
    let given = &chars[s + family_len..e];
    // 郑先生, 胡老: a family name and an honorific, not a full name.
    let given_str: String = given.iter().collect();
    // 王某某, 吕老 of 吕老去, 刘家, 王氏: the family name and what refers to it by its family.
    if HONORIFICS.contains(&given_str.as_str())
        || "杯赛奖等所派们说于".contains(chars[e - 1])
        || "某老".contains(given[0])
        || given_str == "家"
        || given_str == "氏"
    {
        return false;
    }
    // 和 starts a name only where a clause starts (和万春); after a word it joins (我和白林).
    if chars[s] == '和' && s > 0 && is_han(chars[s - 1]) {
        return false;
    }
    // A word jieba's dictionary has as something else (应当, 单位, 班子) is no name. Its
    // dictionary also lists many names as nouns (严义埙/n): three-character nouns stand.
    // With a title or a verb of saying next to it, only a function word is ruled out (jieba's
    // dictionary has 周恩来 as a time word).
    // jieba files some names as numerals (许立群/m): next to a title, three characters with
    // no numeral in the given name are a name.
    let numeral_name = strong && e - s == 3 && !given_has_numeral(&chars[s + family_len..e]);
    let other_word = text.token_starting(s).is_some_and(|t| {
        let functional = matches!(
            t.tag.as_str(),
            "d" | "c" | "p" | "u" | "uj" | "r" | "q" | "v" | "vn" | "a" | "ad"
        ) || t.tag == "m" && !numeral_name;
        t.end == e
            && t.known
            && !t.tag.starts_with("nr")
            && !t.tag.starts_with("ns")
            && (functional || e - s == 2 || !strong && t.tag != "n")
    });
    if other_word {
        return false;
    }
    // One word of jieba's that is exactly this span, tagged as a name.
    let one_name_token = text
        .token_starting(s)
        .is_some_and(|t| t.end == e && t.tag.starts_with("nr"));
    // 徐/向东: the given name a word of its own that jieba takes for a name.
    let given_name_token = text
        .token_starting(s + family_len)
        .is_some_and(|t| t.end == e && t.tag.starts_with("nr"));
    let plain = if strong && (one_name_token || given_name_token) {
        // 阴志和, 宋和科: only the particles that never stand in a name.
        !given.iter().any(|&c| "的了是在着过们".contains(c))
    } else {
        // 张和平, 方向东, 李为民 after a title or before a verb of saying: 和, 向 and 为 stand
        // in given names.
        // (In the given name: a 向 opening the span is the preposition, 向大家介绍.)
        !name.chars().enumerate().any(|(k, c)| {
            is_function_char(c)
                && !(strong && ("和之".contains(c) || k >= family_len && "向为".contains(c)))
        }) && !given
            .iter()
            .any(|&c| "省市县区镇乡村委会党部局厅处科社报网团队组说讲表示".contains(c))
    };
    // A name jieba's model guessed (it is in no dictionary) stands; one from the dictionary
    // must look like a name.
    let token = text
        .token_starting(s)
        .filter(|t| t.end == e && t.tag.starts_with("nr"));
    let guessed = token.is_some_and(|t| !t.known);
    // A dictionary name that is no word in disguise: 张吉龙, not 高水平, 智能化 or 许可证.
    // Not one that ends in a head noun (卢浮宫, 原子城, 海王星, 金朝, 白鹿原, 白皮书, 玉兰树:
    // a place, a thing or a time), nor a numeral phrase (三战三捷).
    let listed = token.is_some_and(|t| {
        t.known && !t.word_inside && (!t.opens_with_word || foreign_run(lex, chars, s, e))
    }) && !"化性式型者们员界类率度宫城星朝原书树".contains(chars[e - 1])
        && !given_has_numeral(given);
    let common =
        strong || guessed || listed || given.iter().all(|c| lex.given_name_chars.contains(c));
    plain
        && common
        && name.chars().all(is_han)
        && !lex.not_names.contains(&name)
        && !lex.loanwords.contains(&name)
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

    fn assert_no_person(s: &str) {
        let v = run(s);
        assert!(
            v.iter().all(|(t, _)| *t != EntityType::Person),
            "{s}: {v:?}"
        );
    }

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
    fn a_family_name_by_the_word_around_it_is_a_person() {
        for (s, family) in [
            ("老于的儿子明年高考。", "于"),
            ("小王说他明天再来。", "王"),
            ("他姓樊,是厂里的技术人员。", "樊"),
            ("刘家日子过得很苦。", "刘"),
            ("车间职工王某按时上班。", "王"),
            ("老伴走后,李大娘一个人生活。", "李"),
        ] {
            let v = run(s);
            assert!(has(&v, EntityType::Person, family), "{s}: {v:?}");
        }
        for s in [
            "老百姓的生活好了。",
            "小康社会全面建成。",
            "小区里很安静。",
            "老师说明天考试。",
        ] {
            assert_no_person(s);
        }
        // The rest of a name, not a family's: 胡家平, 小戈麦尔斯基.
        let v = run("志愿者胡家平走进社区。");
        assert!(!has(&v, EntityType::Person, "胡"), "{v:?}");
        let v = run("教练小戈麦尔斯基重新执教。");
        assert!(!has(&v, EntityType::Person, "戈"), "{v:?}");
    }

    #[test]
    fn a_name_jieba_glued_to_the_word_before_it() {
        let v = run("天气很冷,但葛兰还是准时到了。");
        assert!(has(&v, EntityType::Person, "葛兰"), "{v:?}");
        assert!(!has(&v, EntityType::Person, "但葛兰"), "{v:?}");
        // After a time word or a causative, a name cut after its family name.
        let v = run("去年李秀兰当选为村主任。");
        assert!(has(&v, EntityType::Person, "李秀兰"), "{v:?}");
        let v = run("这使耿建军感到很意外。");
        assert!(has(&v, EntityType::Person, "耿建军"), "{v:?}");
    }

    #[test]
    fn a_title_vouches_for_names_jieba_files_as_numerals_or_ending_in_a_locative() {
        // jieba's dictionary files the three characters 许立群 as a numeral.
        let v = run("本报记者许立群报道:大会今天开幕。");
        assert!(has(&v, EntityType::Person, "许立群"), "{v:?}");
        // jieba guesses 詹和里 as one name; it ends in a locative character.
        let v = run("总理詹和里最近在会上说。");
        assert!(has(&v, EntityType::Person, "詹和里"), "{v:?}");
        // Without a title, numerals stay numerals: 三战三捷 is no 战三捷.
        let v = run("同样是三战三捷的两位棋手。");
        assert!(!has(&v, EntityType::Person, "战三捷"), "{v:?}");
    }

    #[test]
    fn no_name_after_a_title_inside_a_word_or_ending_in_a_particle() {
        for s in [
            "个别领导班子不重视学习。",
            "各成员国有更多的发言机会。",
            "我和村委会主任商量过,决定修路。",
        ] {
            assert_no_person(s);
        }
    }

    #[test]
    fn loanwords_and_named_things_are_no_people() {
        for s in [
            "香烟里的尼古丁危害健康。",
            "游客参观了卢浮宫,十分震撼。",
            "今年,摩托罗拉在华投资继续增加。",
        ] {
            assert_no_person(s);
        }
        // A brand still names its company.
        let v = run("摩托罗拉公司宣布扩大投资。");
        assert!(has(&v, EntityType::Organisation, "摩托罗拉公司"), "{v:?}");
    }

    #[test]
    fn no_person_from_plain_words() {
        let v = run("全面深化改革永远在路上,各级党组织要深有体会。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Person), "{v:?}");
    }

    #[test]
    fn family_name_and_title_is_the_person_met_before() {
        let lex = Lexicon::builtin();
        let text = Segmenter::new(&lex)
            .segment("宁波市委宣传部部长李明华说,要抓落实。李部长还表示,要推进改革。");
        let people: Vec<(usize, String)> = recognise(&text, &lex)
            .into_iter()
            .filter(|m| m.entity_type == EntityType::Person)
            .map(|m| (m.start, m.name))
            .collect();
        assert!(
            people
                .iter()
                .any(|(s, n)| n == "李明华" && text.slice(*s, s + 3) == "李部长"),
            "{people:?}"
        );
    }

    #[test]
    fn foreign_names_with_a_name_dot_stop_at_titles() {
        let v = run(
            "出席仪式的有现任总统约翰•卡西姆、外交部长莫妮卡·贝尔纳迪和记者。约翰•卡西姆总统致辞。",
        );
        assert!(has(&v, EntityType::Person, "约翰•卡西姆"), "{v:?}");
        assert!(has(&v, EntityType::Person, "莫妮卡·贝尔纳迪"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Person && n.contains("总统")),
            "{v:?}"
        );
        // A dot between ordinary words is no name.
        let v = run("他来到中国华润·青溪湾项目工地。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Person), "{v:?}");
    }

    #[test]
    fn titles_vouch_for_unusual_given_names_but_guesses_need_common_ones() {
        // After a title any given name stands, even with 和 or 科 in it.
        let v = run("市残联机关党委专职副书记宋和科到村里担任第一书记。");
        assert!(has(&v, EntityType::Person, "宋和科"), "{v:?}");
        // jieba tags 智能化 and 高水平 as names; with no title or verb next to them they are words.
        let v = run("推动数字化、智能化、网络化发展,高水平推进改革。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Person), "{v:?}");
    }

    #[test]
    fn names_after_kin_and_before_ranks_and_words_of_address() {
        let v = run("陪伴她的是其男友亨特。彭真校长和夫人张洁清出席。贺龙元帅到场,李育英大娘说。邵炜刚八段和王磊六段对弈。");
        for name in ["亨特", "张洁清", "贺龙", "李育英", "王磊"] {
            assert!(has(&v, EntityType::Person, name), "{name}: {v:?}");
        }
        // A kin word inside another word, or before 原名, opens no name.
        let v = run("四川有线电视台妇女儿童频道开播。他的妻子原名叫李华。");
        assert!(!has(&v, EntityType::Person, "童频道"), "{v:?}");
        assert!(!has(&v, EntityType::Person, "原名叫"), "{v:?}");
    }

    #[test]
    fn names_the_dictionary_files_elsewhere_and_objects_of_person_verbs() {
        let v = run("这是系统地研究周恩来经济思想的一部专著。");
        assert!(has(&v, EntityType::Person, "周恩来"), "{v:?}");
        let v = run("为解决流动资金找刘彦彬。书记看望了郑全军,还慰问了蒋文海。");
        assert!(has(&v, EntityType::Person, "刘彦彬"), "{v:?}");
        let v = run("王若飞和李培之同志夫妇到场。");
        assert!(has(&v, EntityType::Person, "李培之"), "{v:?}");
        // Numbered things and phenomena are no people; a date after a name is.
        let v = run("切尔诺贝利4号机组发生爆炸。下次厄尔尼诺现象将至。阿巴查8日病逝。");
        assert!(!has(&v, EntityType::Person, "切尔诺贝利"), "{v:?}");
        assert!(!has(&v, EntityType::Person, "厄尔尼诺"), "{v:?}");
        assert!(has(&v, EntityType::Person, "阿巴查"), "{v:?}");
    }

    #[test]
    fn a_given_name_jieba_takes_for_a_name_may_hold_a_function_character() {
        let v = run("市长徐向东代表市人民政府作报告。");
        assert!(has(&v, EntityType::Person, "徐向东"), "{v:?}");
    }

    #[test]
    fn an_act_of_office_closes_the_name_after_a_title() {
        let v = run("管委会主任刘建平主持会议。副县长王海出席仪式。");
        assert!(has(&v, EntityType::Person, "刘建平"), "{v:?}");
        assert!(has(&v, EntityType::Person, "王海"), "{v:?}");
    }

    #[test]
    fn a_name_after_a_title_outweighs_a_place_it_starts_with() {
        let v = run("市委副书记、市长吴忠平等市领导出席。县长常州明出席。");
        assert!(has(&v, EntityType::Person, "吴忠平"), "{v:?}");
        assert!(has(&v, EntityType::Person, "常州明"), "{v:?}");
        assert!(!v.iter().any(|(t, _)| *t == EntityType::Place), "{v:?}");
        // A place in full after a title stays a place.
        let v = run("市长到常州市调研。");
        assert!(has(&v, EntityType::Place, "常州市"), "{v:?}");
    }

    #[test]
    fn a_name_starts_where_the_whole_title_ends() {
        let v = run("公司董事长孙立新表示,委员长郑华出席。");
        assert!(has(&v, EntityType::Person, "孙立新"), "{v:?}");
        assert!(has(&v, EntityType::Person, "郑华"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Person && n.starts_with('长')),
            "{v:?}"
        );
        // A compound family name after a whole title still stands.
        let v = run("董事长长孙无忌表示。");
        assert!(has(&v, EntityType::Person, "长孙无忌"), "{v:?}");
    }

    #[test]
    fn photo_credits_and_space_separated_bylines() {
        let v = run("会议现场 钱小东 摄\n■记者 林晓野 余建民 陈垚\n正文。");
        assert!(has(&v, EntityType::Person, "钱小东"), "{v:?}");
        assert!(has(&v, EntityType::Person, "林晓野"), "{v:?}");
        assert!(has(&v, EntityType::Person, "余建民"), "{v:?}");
        assert!(
            has(&v, EntityType::Person, "陈垚"),
            "a byline vouches for each name in turn: {v:?}"
        );
    }

    #[test]
    fn a_name_at_the_very_end_of_a_text() {
        // Every rule that looks past a name must stop at the end of the text.
        for text in [
            "记者王鸿",
            "县长王建华",
            "他说王",
            "部长",
            "记者 林晓野 余建民",
        ] {
            let v = run(text);
            assert!(v.iter().all(|(_, n)| !n.is_empty()), "{text}: {v:?}");
        }
        assert!(has(&run("县长王建华"), EntityType::Person, "王建华"));
    }

    #[test]
    fn three_character_names_cut_after_the_surname() {
        // jieba cuts 吴/天明; a clause opening before it and a verb after it make it a name.
        let v = run("昨天,吴天明说,这项工作要抓紧。");
        assert!(has(&v, EntityType::Person, "吴天明"), "{v:?}");
        // A family name that is also a word, or no predicate after it: no name.
        let v = run("党建强、发展强、服务强是目标。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Person), "{v:?}");
    }

    #[test]
    fn transliterated_names_grow_over_their_pieces() {
        let v = run("俄罗斯运动员尤尔科夫和库尼科娃获得冠军。");
        assert!(has(&v, EntityType::Person, "尤尔科夫"), "{v:?}");
        assert!(has(&v, EntityType::Person, "库尼科娃"), "{v:?}");
        assert!(!has(&v, EntityType::Person, "尤尔"), "{v:?}");
    }

    #[test]
    fn words_jieba_tags_as_names_are_not_people() {
        // 许可证 opens with the word 许可; 周一 is a weekday.
        let v = run("他领取了许可证,周一出发。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Person), "{v:?}");
        // 司令 is a title, not the office 司 of the word before it.
        let v = run("舰队司令员视察了港口。");
        assert!(
            v.iter().all(|(t, _)| *t != EntityType::Organisation),
            "{v:?}"
        );
    }

    #[test]
    fn foreign_names_after_titles_and_around_name_dots() {
        // A title vouches for a transliteration even when it opens with a family name (亚).
        let v = run("参议员亚罗约当选下届副总统。");
        assert!(has(&v, EntityType::Person, "亚罗约"), "{v:?}");
        // A one-character verb after the name is not part of it.
        let v = run("美国总统克林顿派代表前来祝贺。");
        assert!(has(&v, EntityType::Person, "克林顿"), "{v:?}");
        // A piece jieba knows as a name (彼得) and a glued verb of saying (马斯说).
        let v = run("执行干事彼得·皮奥在开幕式上讲话。高级研究员莉萨·科斯马斯说,可以预见。");
        assert!(has(&v, EntityType::Person, "彼得·皮奥"), "{v:?}");
        assert!(has(&v, EntityType::Person, "莉萨·科斯马斯"), "{v:?}");
        // 的 parts a country from the dotted name after it.
        let v = run("他们两人和哈萨克斯坦的阿·德米特里延科均获得了金牌。");
        assert!(has(&v, EntityType::Place, "哈萨克斯坦"), "{v:?}");
        assert!(has(&v, EntityType::Person, "阿·德米特里延科"), "{v:?}");
    }

    #[test]
    fn names_by_the_company_they_keep() {
        // A party led by a name (一行), a name after its body and before a title.
        let v = run("宾格曼一行是应邀来访的。复旦大学伍柏麟教授说。");
        assert!(has(&v, EntityType::Person, "宾格曼"), "{v:?}");
        assert!(has(&v, EntityType::Person, "伍柏麟"), "{v:?}");
        // 常务 opens the title 常务副主委: no person.
        let v = run("九三学社市委会常务副主委赵虹发言。");
        assert!(has(&v, EntityType::Person, "赵虹"), "{v:?}");
        assert!(!has(&v, EntityType::Person, "常务"), "{v:?}");
        // After 的, a name cut after its family name; a rare family name in a list.
        let v = run("他是星牌俱乐部的庞卫国。她找到了钮小明、朱培康。");
        assert!(has(&v, EntityType::Person, "庞卫国"), "{v:?}");
        assert!(has(&v, EntityType::Person, "钮小明"), "{v:?}");
    }

    #[test]
    fn japanese_names_by_family_name_and_cue() {
        let v = run("首相桥本龙太郎在会上讲话。日本队教练冈田武史说,很遗憾。");
        assert!(has(&v, EntityType::Person, "桥本龙太郎"), "{v:?}");
        assert!(has(&v, EntityType::Person, "冈田武史"), "{v:?}");
        let v = run("桥本首相访问了俄罗斯。");
        assert!(has(&v, EntityType::Person, "桥本"), "{v:?}");
        // A family name with no title, honorific or verb of saying after it is no name.
        let v = run("田中有水,水中有鱼。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Person), "{v:?}");
    }

    #[test]
    fn family_names_of_the_south_east() {
        let v = run("县委副书记、县长赖永强,副县长洪建华出席。");
        assert!(has(&v, EntityType::Person, "赖永强"), "{v:?}");
        assert!(has(&v, EntityType::Person, "洪建华"), "{v:?}");
    }

    #[test]
    fn names_after_who_people_are_and_before_how_they_speak() {
        let v = run("村民李大军笑着说,日子越过越好。");
        assert!(has(&v, EntityType::Person, "李大军"), "{v:?}");
        let v = run("种植户范德金激动地说:“今年收成好。”");
        assert!(has(&v, EntityType::Person, "范德金"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Person && n.ends_with('激')),
            "{v:?}"
        );
    }

    #[test]
    fn given_names_with_prepositions_next_to_a_title() {
        let v = run("市委书记方向东代表市委常委会作报告,县长李为民说。");
        assert!(has(&v, EntityType::Person, "方向东"), "{v:?}");
        assert!(has(&v, EntityType::Person, "李为民"), "{v:?}");
        let v = run("书记向大家介绍情况。");
        assert!(!v.iter().any(|(t, _)| *t == EntityType::Person), "{v:?}");
    }

    #[test]
    fn a_fixed_bodys_name_as_a_given_name_after_a_title_or_in_its_list() {
        let v = run("市人大常委会副主任周丽萍、陈海军,秘书长吴志伟出席会议。");
        assert!(has(&v, EntityType::Person, "陈海军"), "{v:?}");
        assert!(!has(&v, EntityType::Organisation, "海军"), "{v:?}");
        let v = run("副主任陈海军出席。");
        assert!(has(&v, EntityType::Person, "陈海军"), "{v:?}");
        // Not where the body is meant.
        let v = run("他在海军服役多年。");
        assert!(has(&v, EntityType::Organisation, "海军"), "{v:?}");
    }

    #[test]
    fn the_one_elected_runs_from_the_verb_to_wei() {
        // jieba reads 勇为 as a word; the election's grammar puts the name before 为.
        let v = run("大会选举韦志勇为市人民政府市长。");
        assert!(has(&v, EntityType::Person, "韦志勇"), "{v:?}");
        assert!(!has(&v, EntityType::Person, "韦志"), "{v:?}");
    }

    #[test]
    fn a_dai_mans_name_after_a_title() {
        let v = run("镇党委书记岩罕香作工作报告。");
        assert!(has(&v, EntityType::Person, "岩罕香"), "{v:?}");
    }
}

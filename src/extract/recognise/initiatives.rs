//! Initiatives by the grammar Chinese news names them with:
//! - quoted names with a programme word after them (“三个一号工程”, “智慧村社”应用, “浙皖通办”
//!   事项, ‘两茶’融合), ending in one (“清单制+销号制”), governed by a proposal verb (推进
//!   “两个高地”), or named as the path taken (走出了一条“党支部+合作社+…”的发展路子);
//! - plans in book-title marks (《长三角城际铁路建设规划》);
//! - programme noun phrases after a proposal verb (构建…的现代产业体系);
//! - programme names standing alone: place-named programmes being built (青溪乡村振兴示范带
//!   建设), projects at their milestones (…中心项目开工), railways (杭温高铁);
//! - development goals of named regions (浙南闽北地区融合发展, 皖江地区中部崛起);
//! - what something is to be made into (将青溪镇打造成浙江白茶小镇);
//! - the fixed terms of the field (乡村振兴, 共同富裕; `policy-terms.txt`) when the article
//!   repeats or pushes them.
//!
//! Where candidates overlap, the longest wins.

use super::{is_function_char, Detail, Mention, Positions};
use crate::extract::lexicon::{starts_with_at, Lexicon};
use crate::extract::segment::{is_break, is_han, Text};
use crate::schema::EntityType;

/// A candidate initiative: chars `[start, end)`, its name, and whether it is a fixed term
/// of national policy (a nationwide goal taken up, not a programme carried out here).
struct Candidate {
    start: usize,
    end: usize,
    name: String,
    nationwide: bool,
}

pub fn initiatives(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let mut found: Vec<Candidate> = Vec::new();
    let at = Positions::of(mentions, text.chars.len());
    let seen = Seen {
        mentions,
        at: &at,
        chars: &text.chars,
    };
    quoted(text, lex, &seen, &mut found);
    book_titles(text, lex, &mut found);
    phrases(text, lex, &seen, &mut found);
    standing_names(text, lex, &seen, &mut found);
    development_goals(text, lex, &seen, &mut found);
    targets(text, lex, &seen, &mut found);
    capacity_projects(text, &mut found);
    signed_projects(text, &mut found);
    scale_works(text, &mut found);
    listed_projects(text, &seen, &mut found);
    policy_terms(text, lex, &mut found);
    // The longest candidate wins where they overlap; a fixed term however it was found
    // (“八八战略”) is a nationwide goal.
    found.retain(|c| c.name.chars().count() >= 2);
    for c in &mut found {
        c.nationwide = lex.national_goals.contains(&c.name);
    }
    found.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.start));
    let mut kept: Vec<Candidate> = Vec::new();
    let mut claimed = vec![false; text.chars.len() + 1];
    for c in found {
        if !claimed[c.start..c.end].iter().any(|&t| t) {
            claimed[c.start..c.end].iter_mut().for_each(|t| *t = true);
            kept.push(c);
        }
    }
    // A programme once named is named again wherever the article writes it (将青溪…示范带
    // 打造成…): the same words, where the segmenter agrees they are words. Linear in the text
    // per name: chars already taken are marked once.
    let chars = &text.chars;
    let mut taken = vec![false; chars.len()];
    for (s, e) in kept.iter().map(|c| (c.start, c.end)).chain(
        mentions
            .iter()
            .filter(|m| m.entity_type == EntityType::Organisation)
            .map(|m| (m.start, m.end)),
    ) {
        taken[s..e.min(chars.len())]
            .iter_mut()
            .for_each(|t| *t = true);
    }
    let mut names: Vec<(String, bool)> = kept
        .iter()
        .filter(|c| c.name.chars().count() >= 4)
        .map(|c| (c.name.clone(), c.nationwide))
        .collect();
    names.sort();
    names.dedup_by(|a, b| a.0 == b.0);
    let nationwide: std::collections::HashMap<String, bool> = names.iter().cloned().collect();
    let list: Vec<String> = names.into_iter().map(|n| n.0).collect();
    for (i, end, name) in super::occurrences(chars, &list) {
        if !taken[i..end].iter().any(|&t| t) && text.is_boundary(i) {
            taken[i..end].iter_mut().for_each(|t| *t = true);
            let nationwide = nationwide.get(&name).copied().unwrap_or(false);
            kept.push(Candidate {
                start: i,
                end,
                name,
                nationwide,
            });
        }
    }
    kept.sort_by_key(|c| c.start);
    // ‘强村公司’模式: a body's name quoted as a programme's is the programme's, not a body.
    let quoted_bodies: Vec<usize> = (0..mentions.len())
        .filter(|&k| {
            let m = &mentions[k];
            m.entity_type == EntityType::Organisation
                && m.start > 0
                && matches!(chars[m.start - 1], '“' | '‘')
                && chars.get(m.end).is_some_and(|c| matches!(c, '”' | '’'))
                && kept.iter().any(|c| c.start < m.start && m.end < c.end)
        })
        .collect();
    if !quoted_bodies.is_empty() {
        *mentions = super::without(std::mem::take(mentions), &quoted_bodies);
    }
    for c in kept {
        mentions.push(Mention {
            entity_type: EntityType::Initiative,
            start: c.start,
            end: c.end,
            name: c.name,
            detail: Detail::Initiative {
                nationwide: c.nationwide,
            },
        });
    }
}

/// The mentions the earlier recognisers found, indexed by position.
struct Seen<'a> {
    mentions: &'a [Mention],
    at: &'a Positions,
    chars: &'a [char],
}

impl Seen<'_> {
    /// A body ends at `end`, not one a dash joins to a place before it (中国—东盟铝产业基地:
    /// the pair names the programme's scope).
    fn body_ending(&self, end: usize) -> bool {
        self.at
            .ending(self.mentions, end, EntityType::Organisation)
            .is_some_and(|o| {
                let start = self.mentions[o].start;
                let dashed = start >= 2
                    && matches!(self.chars[start - 1], '—' | '-' | '–')
                    && self
                        .at
                        .ending(self.mentions, start - 1, EntityType::Place)
                        .is_some();
                !dashed
            })
    }
    fn place_starting(&self, start: usize) -> bool {
        self.at
            .starting(self.mentions, start, EntityType::Place)
            .is_some()
    }
}

fn candidate(start: usize, end: usize, name: String) -> Candidate {
    Candidate {
        start,
        end,
        name,
        nationwide: false,
    }
}

/// Words after a quoted term that make it a programme's name: it is being built, carried
/// out as items, merged, served.
const QUOTE_FOLLOWERS: [&str; 17] = [
    "建设",
    "事项",
    "政务服务",
    "融合",
    "工作法",
    "改革",
    // The line a plan follows: 围绕“一镇三园”发展思路, “工业强县、旅游活县”发展战略.
    "发展战略",
    "发展思路",
    "思路",
    "发展理念",
    "理念",
    // Carried into effect: 助力“三个定位”落地见效.
    "落地",
    "落实",
    // Carried out everywhere: 推进“红色物业”全覆盖.
    "全覆盖",
    // The picture drawn: 紧扣“三高四新”美好蓝图.
    "美好蓝图",
    "蓝图",
    // The goal set: 围绕“茶旅兴镇”目标.
    "目标",
];
/// Words after a quoted term that make it a campaign's name when a proposal verb governs it:
/// 开展“党员先锋岗”活动.
/// And a trial of it: 开展“家庭养老床位”试点.
const CAMPAIGNS: [&str; 5] = ["主题活动", "实践活动", "专项活动", "活动", "试点"];
/// What a programme is taken up as: 以“…”为抓手, 为总牵引, 为引领.
const MEANS: [&str; 9] = [
    "抓手",
    "主抓手",
    "牵引",
    "总牵引",
    "引领",
    "载体",
    "突破口",
    "切入点",
    "主线",
];
/// What a path or model taken is called: 走出了一条“…”的共富路子.
const PATHS: [&str; 8] = [
    "路子", "道路", "之路", "新路", "模式", "经验", "做法", "路径",
];

/// Quoted names.
fn quoted(text: &Text, lex: &Lexicon, seen: &Seen, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    let mut i = 0;
    while i < chars.len() {
        let close_mark = match chars[i] {
            '“' => '”',
            '‘' => '’',
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(close) = (i + 1..chars.len().min(i + 20)).find(|&k| chars[k] == close_mark) else {
            i += 1;
            continue;
        };
        let inner: String = text.slice(i + 1, close);
        let inner_chars: Vec<char> = inner.chars().collect();
        // “千村示范、万村整治”工程: a list inside quotes is one name when a programme word follows.
        let listed_name = lex.initiative_heads.at(chars, close + 1).is_some()
            || QUOTE_FOLLOWERS
                .iter()
                .any(|w| starts_with_at(chars, close + 1, w));
        let plain = (2..=16).contains(&inner_chars.len())
            && inner_chars.iter().all(|&c| {
                !matches!(c, ',' | '。' | '!' | '?' | ';' | ':' | '“' | '”')
                    && (c != '、' || listed_name)
            });
        // A quote inside a body's name (“红旗”乡镇联合党委) names the body.
        let org_after = lex.org_suffix_at(chars, close + 1).is_some()
            || (close + 1..chars.len().min(close + 12)).any(|e| {
                seen.at
                    .ending(seen.mentions, e, EntityType::Organisation)
                    .is_some_and(|k| seen.mentions[k].start <= i)
            });
        if !plain || org_after {
            i = close + 1;
            continue;
        }
        let head_after = lex.initiative_heads.at(chars, close + 1);
        let follower = QUOTE_FOLLOWERS
            .iter()
            .find(|w| starts_with_at(chars, close + 1, w))
            .copied();
        // After a verb, the quote must be the whole object (推进“三个一号工程”,), not the start of
        // a longer phrase (健全“两新”组织…机制), which the phrase rule takes.
        // (推动“黔货出山”由量向质转变: a preposition opening how it changes ends it too, and
        // so does how it is held to: 坚持“工业兴县”不动摇.)
        let whole_object = chars
            .get(close + 1)
            .is_none_or(|&c| !is_han(c) || "的和与及由从".contains(c))
            || starts_with_at(chars, close + 1, "不动摇");
        let verb_before = whole_object
            && (lex.proposal_verbs.ending_at(chars, i).is_some()
                || i >= 1
                    && lex.proposal_verbs.ending_at(chars, i - 1).is_some()
                    && chars[i - 1] == '了');
        // “公司+合作社+农户”: terms joined by + name a model, whatever follows.
        let formula = inner.contains('+')
            && inner.split('+').count() >= 2
            && inner.split('+').all(|t| t.chars().count() >= 2);
        // “清单制+销号制”: the quote ends in a programme word of its own.
        let head_inside = lex
            .initiative_heads
            .iter()
            .any(|h| inner.ends_with(h.as_str()) && inner_chars.len() > h.chars().count())
            || inner.ends_with('制') && inner_chars.len() >= 3;
        // 推广“一村一品”特色产业发展经验: a practice pushed by the name it is known by.
        let verb_governs = lex.proposal_verbs.ending_at(chars, i).is_some();
        let named_practice = verb_governs
            && (close + 1..chars.len().min(close + 14))
                .take_while(|&k| !is_break(chars[k]))
                .any(|k| {
                    PATHS.iter().any(|p| {
                        starts_with_at(chars, k, p)
                            && chars
                                .get(k + p.chars().count())
                                .is_none_or(|&c| is_break(c))
                    })
                });
        let campaign = verb_governs
            && CAMPAIGNS.iter().any(|w| {
                starts_with_at(chars, close + 1, w)
                    && chars.get(close + 1 + w.chars().count()).is_none_or(|&c| {
                        !is_han(c) || text.is_boundary(close + 1 + w.chars().count())
                    })
            });
        // 以“一村一品”为抓手: the means a plan takes up is a programme of its own.
        let as_means = i > 0
            && chars[i - 1] == '以'
            && chars.get(close + 1) == Some(&'为')
            && MEANS.iter().any(|w| starts_with_at(chars, close + 2, w));
        // 以“一企一策”精准服务: a numbered slogan (一企一策, 三服务) taken up as the means.
        let numbered = inner_chars.len() >= 3
            && inner_chars.iter().all(|&c| is_han(c))
            && "一二三四五六七八九十两百千万".contains(inner_chars[0]);
        let slogan_as_means = numbered && i > 0 && chars[i - 1] == '以';
        // 走出了一条“…”的…路子.
        let path = chars.get(close + 1) == Some(&'的')
            && (close + 2..chars.len().min(close + 14))
                .take_while(|&k| !is_break(chars[k]))
                .any(|k| PATHS.iter().any(|p| starts_with_at(chars, k, p)));
        if head_after.is_some()
            || follower == Some("建设")
            || verb_before
            || head_inside
            || path
            || as_means
            || named_practice
            || campaign
            || slogan_as_means
            || formula
            || follower.is_some()
        {
            let mut name = strip_quotes(&strip_verbs(lex, &inner));
            // The head belongs to the name when the quote alone says little (“141”体系) or
            // the head makes the name (“大余村”模式, ‘两茶’融合; not “芒果+旅游”融合发展, a
            // formula whole).
            let bare = name.chars().count() <= 2 || name.chars().all(|c| c.is_ascii_alphanumeric());
            let mut end = close + 1;
            if let Some(h) = head_after.filter(|h| *h == "模式" || *h == "工程" || bare) {
                name.push_str(h);
                end += h.chars().count();
            } else if follower == Some("融合") && !formula {
                name.push_str("融合");
                end += 2;
            }
            found.push(candidate(i, end, name));
        } else if inner_chars.len() >= 4 {
            // A quoted verb phrase: “大力实施科教兴国战略” names what it implements.
            if let Some(name) = programme_in_quote(lex, &inner) {
                found.push(candidate(i, close + 1, name));
            }
        }
        i = close + 1;
    }
}

/// Heads of plans written in book-title marks, and of the regulations that enact a policy
/// (《某市古城保护条例》, 《…管理办法》).
const PLAN_HEADS: [&str; 8] = [
    "规划", "方案", "纲要", "计划", "行动", "工程", "条例", "办法",
];

/// `《长三角城际铁路建设规划》`: a plan named in book-title marks. `《关于发展安吉白茶
/// 产业的建议》`: a delegate's or member's proposal names what it proposes (安吉白茶产业).
fn book_titles(text: &Text, lex: &Lexicon, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    for i in 0..chars.len() {
        if chars[i] != '《' {
            continue;
        }
        let Some(close) = (i + 1..chars.len().min(i + 60)).find(|&k| chars[k] == '》') else {
            continue;
        };
        let inner = text.slice(i + 1, close);
        // A draft says what it is after its title: 《…的决定(讨论稿)》.
        let inner = ["(讨论稿)", "(草案)", "(征求意见稿)", "(送审稿)"]
            .iter()
            .find_map(|d| inner.strip_suffix(d))
            .map_or(inner.clone(), str::to_string);
        if PLAN_HEADS.iter().any(|h| inner.ends_with(h))
            && !inner.starts_with("关于")
            && inner.chars().count() >= 4
        {
            found.push(candidate(i, close + 1, inner));
        } else if let Some(core) = titled_goal(lex, chars, i, &inner) {
            let at = inner.find(core.as_str()).unwrap_or(0);
            let start = i + 1 + inner[..at].chars().count();
            found.push(candidate(start, start + core.chars().count(), core));
        } else if let Some(core) = proposal_subject(lex, &inner) {
            // Where the subject stands in the title, as written.
            if let Some(at) = inner.find(core.as_str()) {
                let start = i + 1 + inner[..at].chars().count();
                found.push(candidate(start, start + core.chars().count(), core));
            }
        }
    }
}

/// `作题为《奋力建设鄂西生态康养名镇》的报告`: a report titled by its goal names the goal —
/// the object of the title's last proposal verb, to 而 (为建设…而奋斗) or the end.
fn titled_goal(lex: &Lexicon, chars: &[char], open: usize, title: &str) -> Option<String> {
    if open < 2 || !starts_with_at(chars, open - 2, "题为") {
        return None;
    }
    let t: Vec<char> = title.chars().collect();
    let after_verb = (0..t.len())
        .filter_map(|k| lex.proposal_verbs.at(&t, k).map(|v| k + v.chars().count()))
        .next_back()?;
    let end = t[after_verb..]
        .iter()
        .position(|&c| c == '而' || !is_han(c))
        .map_or(t.len(), |p| after_verb + p);
    let goal: String = t[after_verb..end].iter().collect();
    (goal.chars().count() >= 4).then_some(goal)
}

/// What a proposal's or a decision's title proposes: `关于加快推进X建设的提案` → X建设 less
/// its verbs → X; `中共某省委关于深入推进X建设的决定` → X (the body before 关于 is whose it is).
fn proposal_subject(lex: &Lexicon, title: &str) -> Option<String> {
    let body = [
        "的提案",
        "的建议",
        "的议案",
        "的决定",
        "的意见",
        "的实施意见",
    ]
    .iter()
    .find_map(|e| title.strip_suffix(e))?;
    let body = match body.split_once("关于") {
        Some((_, rest)) => rest,
        None => body.strip_prefix("建议").unwrap_or(body),
    };
    // The scope before the verb (全市统筹规划…) is not the subject's name.
    let body = [
        "全国", "全省", "全市", "全县", "全区", "我市", "我县", "本市",
    ]
    .iter()
    .find_map(|p| body.strip_prefix(p))
    .unwrap_or(body);
    let mut core = strip_verbs(lex, body);
    // Verbs after the adverbs: 加快推进, 大力发展.
    while let Some(v) = lex
        .proposal_verbs
        .at(&core.chars().collect::<Vec<_>>(), 0)
        .or_else(|| {
            [
                "统筹规划",
                "统筹",
                "规划",
                "发展",
                "加强",
                "提升",
                "支持",
                "促进",
                "设立",
            ]
            .into_iter()
            .find(|v| core.starts_with(v))
        })
    {
        let rest: String = core.chars().skip(v.chars().count()).collect();
        if rest.chars().count() < 4 {
            break;
        }
        core = rest;
    }
    // 品牌价值, 工作: what is raised about it is not its name.
    for tail in ["价值", "工作", "问题", "水平", "建设"] {
        if let Some(t) = core.strip_suffix(tail).filter(|t| t.chars().count() >= 4) {
            core = t.to_string();
        }
    }
    (core.chars().count() >= 4 && !core.contains(['、', ',', '的'])).then_some(core)
}

/// Programme noun phrases after a proposal verb (构建…的现代产业体系).
fn phrases(text: &Text, lex: &Lexicon, seen: &Seen, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    for i in 0..chars.len() {
        let Some(head) = lex.initiative_heads.at(chars, i) else {
            continue;
        };
        let end = i + head.chars().count();
        if end < chars.len() && is_han(chars[end]) && !text.is_boundary(end) {
            continue;
        }
        // The phrase must end here: 联盟模式 ends at 模式, 项目投资 is no programme; what may
        // follow is a function word, 建设, the programme's development (都市圈高质量发展) or a
        // verb of the clause (建设…副中心城市议政建言).
        let development = ["高质量发展", "发展"]
            .iter()
            .find(|w| starts_with_at(chars, end, w))
            .is_some_and(|w| {
                chars
                    .get(end + w.chars().count())
                    .is_none_or(|&c| !is_han(c))
            });
        // (A proposal verb after it is its work named as a noun: 项目打造等情况.)
        let verb_follows = text.token_starting(end).is_some_and(|t| {
            t.tag == "v" && t.known && lex.proposal_verbs.at(chars, end).is_none()
        });
        if lex.initiative_heads.at(chars, end).is_some()
            || end < chars.len()
                && is_han(chars[end])
                && !"的和与及建等".contains(chars[end])
                && !development
                && !verb_follows
        {
            continue;
        }
        if let Some(start) = phrase_start(text, lex, seen, i) {
            // “强村富民”计划: a quoted name and its head is the quoted rule's (the core name).
            if chars[start] == '“'
                && i > 0
                && chars[i - 1] == '”'
                && !chars[start + 1..i - 1].contains(&'“')
            {
                continue;
            }
            if let Some(c) = programme_name(text, lex, start, end, head) {
                found.push(c);
            }
        }
    }
}

/// A programme's name over `[start, end)` ending in `head`, once a count (300个) is dropped;
/// None when a generic modifier makes it a category (重大项目, 精品工程).
fn programme_name(
    text: &Text,
    lex: &Lexicon,
    start: usize,
    end: usize,
    head: &str,
) -> Option<Candidate> {
    let chars = &text.chars;
    let mut start = start;
    // A count before the name: 300个, 10个, 一批.
    let mut k = start;
    while k < end
        && (chars[k].is_ascii_digit() || "一二三四五六七八九十百千万两几".contains(chars[k]))
    {
        k += 1;
    }
    if k > start && k < end && "个项批条家座".contains(chars[k]) {
        start = k + 1;
    }
    let name = super::strip_quotes(&text.slice(start, end));
    let first_word = &text.tokens[text.token_at[start]];
    let first = text.slice(first_word.start.max(start), first_word.end.min(end));
    let modifier = name.strip_suffix(head).unwrap_or(&name);
    if lex.generic_modifiers.contains(&first) || lex.generic_modifiers.contains(modifier) {
        return None;
    }
    (name.chars().count() > head.chars().count() + 1).then(|| candidate(start, end, name))
}

/// Where the programme phrase ending at `head` starts: after the nearest proposal verb in
/// the same clause, past modifiers joined by 、 and 的 (构建A、B的现代产业体系 →
/// 现代产业体系) and past any verb of its own (直接关乎现代农业产业体系 → 现代农业产业体系).
/// None when no proposal verb governs it.
fn phrase_start(text: &Text, lex: &Lexicon, seen: &Seen, head: usize) -> Option<usize> {
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
            if lex.proposal_verbs.ending_at(chars, k).is_some() {
                let mut s = start.unwrap_or(k);
                // Aspect particles after the verb (组建了, 探索好) are not part of the name, nor
                // the 成 of 打造成 (made into), unless it opens a pair of initials (成渝).
                while s < head && "了着好起出过".contains(chars[s]) {
                    s += 1;
                }
                if s < head && chars[s] == '成' && !opens_initials_pair(text, lex, seen, s) {
                    s += 1;
                }
                // Verbs and adverbs that open the phrase are not the name's (直接关乎现代农业
                // 产业体系 → 现代农业产业体系); a verb inside it is (新型社区治理体系). A count opens a
                // name whatever follows (8个跨省合作平台).
                let counted = (s..head).any(|q| text.tokens[text.token_at[q]].tag == "q");
                while !counted && s < head {
                    let t = &text.tokens[text.token_at[s]];
                    // Only words of the dictionary: the segmenter's guesses (宋都/d of
                    // 宋都古城) are as likely names.
                    // A second proposal verb opening the phrase is the first's chain (加快推进
                    // 项目建设), not the name's.
                    let chained = t.start == k
                        && lex
                            .proposal_verbs
                            .at(chars, t.start)
                            .is_some_and(|v| t.start + v.chars().count() == t.end);
                    // 环龙泉关…产业带, 沿江…: a one-character verb of where, before a name, is
                    // the name's.
                    let around = t.end - t.start == 1
                        && "环沿跨".contains(chars[t.start])
                        && text
                            .token_starting(t.end)
                            .is_some_and(|n| matches!(n.tag.as_str(), "ns" | "nz" | "nr" | "j"));
                    let verbal = t.known
                        && !around
                        && (t.tag.starts_with('v') && t.tag != "vn"
                            || matches!(t.tag.as_str(), "d" | "ad" | "p"))
                        && (lex.proposal_verbs.at(chars, t.start).is_none() || chained);
                    // (A word the segmenter glued across the verb's end, 打/造成/渝, is not one.)
                    if !verbal || t.start < s {
                        break;
                    }
                    // Verbs all the way to the head (加快推进项目建设): no name.
                    if t.end >= head {
                        s = head;
                        break;
                    }
                    s = t.end;
                }
                // A verb inside the name (文化建设高地) is not the one that governs it.
                if head - s >= 2 {
                    return Some(s);
                }
            }
            // 中韩(盐城)产业园: a place in brackets inside the name is part of it.
            if c == ')' {
                let open = (k.saturating_sub(8)..k - 1)
                    .rev()
                    .find(|&q| chars[q] == '(');
                let bracketed_place = open.filter(|&q| {
                    seen.at
                        .starting(seen.mentions, q + 1, EntityType::Place)
                        .is_some_and(|p| seen.mentions[p].end == k - 1)
                });
                if let Some(q) = bracketed_place {
                    k = q;
                    continue;
                }
            }
            if matches!(c, ',' | '。' | ';' | ':' | '!' | '?' | '\n' | '(' | ')') {
                return None;
            }
            // Modifiers joined by 的 or 、 and coordinated phrases (A和B) stay outside the name.
            if start.is_none() && matches!(c, '的' | '、' | '和' | '及' | '与' | '等') {
                start = Some(k);
            }
            if start.is_some_and(|s| s - k > 24) {
                return None;
            }
            if seen.body_ending(k) {
                return None;
            }
        }
        k -= 1;
    }
    None
}

/// True when the token at char `k` can stand inside a programme's proper name: nouns, names,
/// abbreviations, numbers of places (五地), directions after a place (浙西), a single
/// character the segmenter took for a verb between two names (an abbreviation such as 开).
fn nominal_at(text: &Text, k: usize) -> bool {
    let t = &text.tokens[text.token_at[k]];
    let c = text.chars[k];
    let noun = |tag: &str| {
        matches!(
            tag,
            "n" | "nr" | "ns" | "nt" | "nz" | "nrt" | "nrfg" | "j" | "b" | "ng" | "an" | "eng"
        )
    };
    noun(&t.tag)
        // Set phrases of a noun's shape (一体化; not 高度重视) and one-character adjectives
        // inside a name (新材料).
        || t.tag == "l" && t.end - t.start >= 2 && text.chars[t.end - 1] == '化'
        || t.tag == "a"
            && t.end - t.start == 1
            && text.token_starting(t.end).is_some_and(|n| noun(&n.tag))
        || t.tag == "f" && "东南西北中".contains(c) && t.end - t.start == 1
        || t.tag == "m" && "一二三四五六七八九十两".contains(c)
        || t.tag.starts_with('v')
            && t.end - t.start == 1
            && k > 0
            && noun(&text.tokens[text.token_at[k - 1]].tag)
            && text.token_starting(k + 1).is_some_and(|n| noun(&n.tag))
}

/// Heads of places being built into something (合肥科创中心建设, 某某新城建设): a programme
/// when a place names it.
const BUILT_HEADS: [&str; 6] = ["中心", "新城", "新区", "枢纽", "小镇", "基地"];

/// Milestones a named project reaches: 开工, 签约 …
const MILESTONES: [&str; 10] = [
    "开工", "签约", "奠基", "落地", "竣工", "投产", "建成", "开业", "启动", "动工",
];
/// Heads of transport lines and works, named by the places they link (杭温高铁).
const LINES: [&str; 5] = ["高铁", "城际铁路", "铁路", "高速公路", "大桥"];

/// Programme names standing without a proposal verb: a place-named programme being built
/// (青溪乡村振兴示范带建设), a project at a milestone (…体育场项目开工), a line between
/// places (杭温高铁).
fn standing_names(text: &Text, lex: &Lexicon, seen: &Seen, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    for i in 0..chars.len() {
        let head = lex
            .initiative_heads
            .at(chars, i)
            .or_else(|| LINES.iter().find(|l| starts_with_at(chars, i, l)).copied())
            .or_else(|| {
                BUILT_HEADS
                    .iter()
                    .find(|l| starts_with_at(chars, i, l))
                    .copied()
            });
        let Some(head) = head else { continue };
        let end = i + head.chars().count();
        let line = LINES.contains(&head);
        let built = starts_with_at(chars, end, "建设");
        if BUILT_HEADS.contains(&head) && !built {
            continue;
        }
        // (A phase may stand between: 项目一期建成投产.)
        let phase = ["一期", "二期", "三期", "首期"]
            .iter()
            .any(|p| starts_with_at(chars, end, p));
        let milestone = MILESTONES.iter().any(|m| {
            starts_with_at(chars, end, m) || starts_with_at(chars, end + 2, m) && (built || phase)
        });
        if !(line || built || milestone && head == "项目") {
            continue;
        }
        // The name: plain words back to a verb, a function word or a break.
        let mut start = i;
        while start > 0 && i - start < 16 {
            let c = chars[start - 1];
            // 援 opens an aid project's name (援老挝…项目) when no name word stands before it.
            let aid = c == '援' && (start < 2 || !nominal_at(text, start - 2));
            let blocked = !(is_han(c) || c.is_ascii_alphanumeric())
                || !nominal_at(text, start - 1) && !aid
                || lex.proposal_verbs.ending_at(chars, start).is_some()
                || seen.body_ending(start);
            if blocked {
                break;
            }
            start -= 1;
        }
        // A programme being built or a project needs a proper name in it (青溪…示范带, 合肥科创
        // 中心, 援老挝…项目): 基础设施建设 and 产业合作项目 are kinds of work, not one programme.
        let placed = (start..i).any(|k| {
            seen.at
                .starting(seen.mentions, k, EntityType::Place)
                .is_some_and(|p| seen.mentions[p].end <= i)
        }) || (start..i).any(|k| {
            matches!(
                text.tokens[text.token_at[k]].tag.as_str(),
                "ns" | "nz" | "nr" | "nt"
            )
        });
        // 甬金高铁, 京张铁路: a line named by the places it links, one character each (the
        // first of a city's name, or a place's abbreviation).
        // The segmenter may take them for anything (京张/q), so they are read by character.
        let g = crate::gazetteer::Gazetteer::get();
        let initial = |c: char| {
            !is_function_char(c)
                && (g.is_city_initial(c) || lex.place_abbreviations.contains_key(&c))
        };
        let linked = (line && !placed)
            .then(|| {
                (2..=4).rev().find(|&l| {
                    i >= l && text.is_boundary(i - l) && (i - l..i).all(|k| initial(chars[k]))
                })
            })
            .flatten();
        if let Some(l) = linked {
            start = i - l;
        }
        if i - start < 2 || !(placed || linked.is_some()) {
            continue;
        }
        // 在宁都工业园建设某项目: where something else is built, not the programme.
        let location = start > 0
            && "在于".contains(chars[start - 1])
            && built
            && chars.get(end + 2).is_some_and(|&c| is_han(c));
        if location {
            continue;
        }
        if let Some(c) = programme_name(text, lex, start, end, head) {
            found.push(c);
        }
    }
}

/// Projects named by the capacity they are built for: 年产20万套电驱动系统项目, 年产5GW
/// 光伏组件项目. 年产, a quantity and its unit, then what is made, up to 项目 in the same
/// clause, with no function word between: however the sentence goes on (…项目投资协议).
/// Words that close the name of an agreement signed for a project (…项目投资协议).
pub(crate) const AGREEMENTS: [&str; 5] = ["投资协议", "合作协议", "框架协议", "协议", "合同"];

/// `签订高性能氟材料项目合作协议`: the project an agreement is signed for, named between the
/// signing verb and the agreement (a capacity project is read by `capacity_projects`).
fn signed_projects(text: &Text, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    for verb in 0..chars.len() {
        if !["签订", "签署"]
            .iter()
            .any(|w| starts_with_at(chars, verb, w))
        {
            continue;
        }
        let start = verb + 2;
        if starts_with_at(chars, start, "年产") || starts_with_at(chars, start, "了") {
            continue;
        }
        let Some(end) = (start..chars.len().min(start + 20))
            .take_while(|&k| {
                (is_han(chars[k]) || chars[k].is_ascii_alphanumeric())
                    && !is_function_char(chars[k])
            })
            .find(|&k| {
                starts_with_at(chars, k, "项目")
                    && AGREEMENTS.iter().any(|a| starts_with_at(chars, k + 2, a))
            })
            .map(|k| k + 2)
        else {
            continue;
        };
        // A name of its own before 项目 (高性能氟材料), not a bare 项目.
        if end - start >= 6 {
            found.push(candidate(start, end, text.slice(start, end)));
        }
    }
}

fn capacity_projects(text: &Text, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    let numeral =
        |c: char| c.is_ascii_digit() || c == '.' || "一二三四五六七八九十百千万亿两".contains(c);
    for i in 0..chars.len() {
        if !starts_with_at(chars, i, "年产") || !chars.get(i + 2).is_some_and(|&c| numeral(c)) {
            continue;
        }
        let Some(end) = (i + 3..chars.len().min(i + 30))
            .take_while(|&k| {
                (is_han(chars[k]) || chars[k].is_ascii_alphanumeric() || chars[k] == '.')
                    && !is_function_char(chars[k])
            })
            .find_map(|k| {
                ["项目", "生产线"]
                    .iter()
                    .find(|w| starts_with_at(chars, k, w))
                    .map(|w| k + w.chars().count())
            })
        else {
            continue;
        };
        // Something is made: more than the quantity before 项目.
        let made = (i + 2..end - 2)
            .filter(|&k| is_han(chars[k]) && !numeral(chars[k]))
            .count();
        if made >= 3 {
            found.push(candidate(i, end, text.slice(i, end)));
        }
    }
}

/// Works named by their scale after a verb of building: 建设万亩生态茶园, 新建千亩蔬菜基地.
/// The scale in mu (千亩, 万亩) opens the name, which runs to the end of its clause.
fn scale_works(text: &Text, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    for i in 0..chars.len() {
        let Some(verb) = ["建设", "新建", "打造", "建成"]
            .iter()
            .find(|v| starts_with_at(chars, i, v))
        else {
            continue;
        };
        let start = i + verb.chars().count();
        let mut k = start;
        while k < chars.len()
            && (chars[k].is_ascii_digit() || "一二三四五六七八九十百千万".contains(chars[k]))
        {
            k += 1;
        }
        if k == start || chars.get(k) != Some(&'亩') {
            continue;
        }
        let end = (k + 1..chars.len().min(k + 12))
            .find(|&q| !is_han(chars[q]) || is_function_char(chars[q]))
            .unwrap_or(chars.len().min(k + 12));
        if end - (k + 1) >= 2 && text.is_boundary(end) {
            found.push(candidate(start, end, text.slice(start, end)));
        }
    }
}

/// Development heads of regional strategies: 融合发展, 中部崛起 …
const DEVELOPMENT_HEADS: [&str; 9] = [
    "统筹发展",
    "融合发展",
    "协同发展",
    "一体化发展",
    "一体化",
    "联动发展",
    "相向发展",
    "均衡发展",
    "崛起",
];

/// A region's development goal: [named region or area][…][development head]
/// (浙南闽北地区融合发展, 钱塘江流域浙皖五地协同发展, 皖江地区中部崛起). The name must open with
/// a place or name an area (地区, 流域, 片区, 区域).
fn development_goals(text: &Text, lex: &Lexicon, seen: &Seen, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    for i in 0..chars.len() {
        let Some(head) = DEVELOPMENT_HEADS
            .iter()
            .find(|h| starts_with_at(chars, i, h))
        else {
            continue;
        };
        let end = i + head.chars().count();
        let mut start = i;
        while start > 0 && i - start < 14 {
            let c = chars[start - 1];
            let blocked = !(is_han(c) || c.is_ascii_digit())
                || !(nominal_at(text, start - 1) || c.is_ascii_digit() || c == '和')
                || lex.proposal_verbs.ending_at(chars, start).is_some();
            if blocked {
                break;
            }
            start -= 1;
        }
        while start < i && chars[start] == '和' {
            start += 1;
        }
        let name = text.slice(start, end);
        let area = ["地区", "流域", "片区", "区域", "城市群", "经济圈"]
            .iter()
            .any(|a| name.contains(a));
        let opens_with_place = seen.place_starting(start);
        // 鹿城区、瓯海区、龙湾区协同发展: places listed working together, no named region.
        let listed = start > 1
            && chars[start - 1] == '、'
            && seen
                .at
                .ending(seen.mentions, start - 1, EntityType::Place)
                .is_some();
        if i - start >= 2 && (area || opens_with_place) && !listed {
            found.push(candidate(start, end, name));
        }
    }
}

/// True when the 成 at `k` (after 打造, 建设) opens a name of two places' initials (打造成渝
/// 副中心: the initials of two cities) rather than ending the verb 打造成 (打造成浙江白茶小镇:
/// a place's name starts after it).
fn opens_initials_pair(text: &Text, lex: &Lexicon, seen: &Seen, k: usize) -> bool {
    let g = crate::gazetteer::Gazetteer::get();
    let initial = |c: char| g.is_city_initial(c) || lex.place_abbreviations.contains_key(&c);
    text.chars.get(k) == Some(&'成')
        && initial('成')
        && text.chars.get(k + 1).is_some_and(|&c| initial(c))
        && !seen.place_starting(k + 1)
}

/// `将青溪镇打造成浙江白茶小镇`: what something is to be made into, when it is a name
/// (not 典范 or 第二张产业名片).
fn targets(text: &Text, lex: &Lexicon, seen: &Seen, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    for i in 0..chars.len() {
        let Some(verb) = ["打造成为", "打造成", "建设成为", "建设成"]
            .iter()
            .find(|v| starts_with_at(chars, i, v))
        else {
            continue;
        };
        let start = i + verb.chars().count();
        // 打造成渝副中心: the verb is 打造, and the phrase rule reads the name.
        if verb.ends_with('成') && opens_initials_pair(text, lex, seen, start - 1) {
            continue;
        }
        let mut end = start;
        while end < chars.len() && is_han(chars[end]) && end - start < 14 {
            end += 1;
        }
        // After the last 的 of the phrase: 继…之后的第二张产业名片 → 第二张产业名片.
        let s = (start..end)
            .rev()
            .find(|&k| chars[k] == '的')
            .map_or(start, |k| k + 1);
        let name = text.slice(s, end);
        // A rank or a count (第二张, 全省第一个) makes a category, not a name; so does a
        // superlative (华中地区最大的生产基地) and a kind of thing (生产基地).
        let counted = name.chars().any(|c| c == '第' || c.is_ascii_digit())
            || ["全省", "全市", "全国", "全县"]
                .iter()
                .any(|w| name.starts_with(w))
            || (start..s).any(|k| chars[k] == '最');
        let kind = lex
            .initiative_heads
            .iter()
            .filter_map(|h| name.strip_suffix(h.as_str()))
            .any(|m| lex.generic_modifiers.contains(m));
        if name.chars().count() >= 4 && !counted && !kind && !lex.generic_modifiers.contains(&name)
        {
            found.push(candidate(s, end, name));
        }
    }
}

/// `察看了某县中药材产业园、大别山旅游公路等项目`: a list closed by 等项目 (等工程) names
/// projects; each item named after a place (the place opens it) is one.
fn listed_projects(text: &Text, seen: &Seen, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    for i in 0..chars.len() {
        if !["等重点项目", "等项目", "等重点工程", "等工程"]
            .iter()
            .any(|w| starts_with_at(chars, i, w))
        {
            continue;
        }
        let mut end = i;
        loop {
            let start = (end.saturating_sub(15)..end)
                .rev()
                .find(|&k| !is_han(chars[k]) || is_function_char(chars[k]))
                .map_or(end.saturating_sub(15), |k| k + 1);
            // (The verb before the list is no part of its first item: 察看了, 参观.)
            let item_start = (start..end).find(|&k| seen.place_starting(k));
            if let Some(s) = item_start.filter(|&s| end - s >= 4) {
                found.push(candidate(s, end, text.slice(s, end)));
            }
            if start == 0 || chars[start - 1] != '、' {
                break;
            }
            end = start - 1;
        }
    }
}

/// The fixed terms of the field (`policy-terms.txt`), where the segmenter agrees they are
/// words: 乡村振兴, 共同富裕, 中国式现代化.
fn policy_terms(text: &Text, lex: &Lexicon, found: &mut Vec<Candidate>) {
    let chars = &text.chars;
    let mut hits: Vec<(usize, usize, &str)> = Vec::new();
    for i in 0..chars.len() {
        let Some(term) = lex.policy_terms.at(chars, i) else {
            continue;
        };
        let end = i + term.chars().count();
        if text.is_boundary(i)
            && (text.is_boundary(end) || end < chars.len() && !is_han(chars[end]))
        {
            hits.push((i, end, term));
        }
    }
    // A term said once in passing (…是最终目的) is context; one the article repeats, or
    // pushes with a proposal verb in its clause (坚持…、全面从严治党), is pursued.
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for h in &hits {
        *counts.entry(h.2).or_default() += 1;
    }
    for &(i, end, term) in &hits {
        let repeated = counts.get(term).copied().unwrap_or(0) >= 2;
        // 山海协作机制: the term with a programme's head is a programme named; a head that
        // only wraps the term (…建设战略, …工程) leaves it its own name.
        if let Some(head) = lex
            .initiative_heads
            .at(chars, end)
            .filter(|h| text.is_boundary(end + h.chars().count()))
        {
            let name = if ["战略", "工程", "行动", "计划"].contains(&head) {
                term.to_string()
            } else {
                format!("{term}{head}")
            };
            found.push(candidate(i, end + head.chars().count(), name));
        } else if repeated || governed(text, lex, i) {
            found.push(candidate(i, end, term.to_string()));
        }
    }
}

/// True when a proposal verb stands before `i` in the same clause (commas and stops end a
/// clause; 、 and short modifiers do not).
fn governed(text: &Text, lex: &Lexicon, i: usize) -> bool {
    let chars = &text.chars;
    let mut k = i;
    while k > 0 && i - k < 12 {
        if matches!(
            chars[k - 1],
            ',' | '。' | ';' | ':' | '!' | '?' | '\n' | '“' | '”'
        ) {
            return false;
        }
        if lex.proposal_verbs.ending_at(chars, k).is_some() {
            return true;
        }
        k -= 1;
    }
    false
}

/// `大力实施科教兴国战略` → 科教兴国战略: the programme a quoted verb phrase names.
fn programme_in_quote(lex: &Lexicon, inner: &str) -> Option<String> {
    let chars: Vec<char> = inner.chars().collect();
    lex.initiative_heads
        .iter()
        .find(|h| inner.ends_with(h.as_str()))?;
    (0..chars.len()).find_map(|k| {
        lex.proposal_verbs
            .ending_at(&chars, k + 1)
            .map(|_| chars[k + 1..].iter().collect::<String>())
            .filter(|rest| rest.chars().count() >= 4)
    })
}

/// Drops leading proposal verbs and adverbs from a quoted name.
fn strip_verbs(lex: &Lexicon, inner: &str) -> String {
    let chars: Vec<char> = inner.chars().collect();
    let mut s = 0;
    for adverb in ["大力", "全面", "深入", "加快", "持续", "积极", "着力"] {
        if starts_with_at(&chars, s, adverb) && chars.len() > s + 4 {
            s += 2;
        }
    }
    if let Some(v) = lex.proposal_verbs.at(&chars, s) {
        if chars.len() - s - v.chars().count() >= 2 {
            s += v.chars().count();
        }
    }
    chars[s..].iter().collect()
}

/// The name without quotation marks.
pub fn strip_quotes(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '《' | '》'
            )
        })
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
    fn fixed_terms_count_when_repeated_or_pushed() {
        let v = run("高质量发展是首要任务。推动高质量发展。");
        assert!(has(&v, EntityType::Initiative, "高质量发展"), "{v:?}");
        let v = run("要坚持党要管党、全面从严治党。");
        assert!(has(&v, EntityType::Initiative, "全面从严治党"), "{v:?}");
        // Said once in passing, a term is context.
        let v = run("高质量发展和产业升级是最终目的。");
        assert!(!has(&v, EntityType::Initiative, "高质量发展"), "{v:?}");
        // With a programme's head it is a programme named.
        let v = run("完善山海协作机制。");
        assert!(has(&v, EntityType::Initiative, "山海协作机制"), "{v:?}");
    }

    #[test]
    fn quoted_terms_named_as_programmes() {
        let v = run(
            "去年共办理126项“浙皖通办”事项,“清单制+销号制”让整改见效,推动白茶与古村‘两茶’融合。",
        );
        assert!(has(&v, EntityType::Initiative, "浙皖通办"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "清单制+销号制"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "两茶融合"), "{v:?}");
        let v = run("他们走出了一条“支部+公司+农户”的共富发展路子。“双城”生活更有“同城”体验。");
        assert!(has(&v, EntityType::Initiative, "支部+公司+农户"), "{v:?}");
        assert!(!has(&v, EntityType::Initiative, "双城"), "{v:?}");
    }

    #[test]
    fn places_listed_working_together_are_no_named_goal() {
        let v = run("推动鹿城区、瓯海区、龙湾区协同发展。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Initiative),
            "{v:?}"
        );
        assert!(has(&v, EntityType::Place, "龙湾区"), "{v:?}");
    }

    #[test]
    fn a_decisions_title_names_what_it_pushes() {
        let v = run("全会审议通过了《中共福建省委关于深入推进新时代新福建建设的决定》。");
        assert!(has(&v, EntityType::Initiative, "新时代新福建"), "{v:?}");
        assert!(!has(&v, EntityType::Place, "新加坡"), "{v:?}");
    }

    #[test]
    fn means_taken_up_and_places_in_brackets() {
        let v = run("步凤镇将以“一村一品”为抓手,推动全镇发展。要以“四下基层”为引领。");
        assert!(has(&v, EntityType::Initiative, "一村一品"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "四下基层"), "{v:?}");
        let v = run("在全省推广“一村一品”特色产业发展经验。");
        assert!(has(&v, EntityType::Initiative, "一村一品"), "{v:?}");
        let v = run("他说“一村一品”很好。");
        assert!(!has(&v, EntityType::Initiative, "一村一品"), "{v:?}");
        let v = run("加快建设中韩(盐城)产业园,奋力打造高地。");
        assert!(has(&v, EntityType::Initiative, "中韩(盐城)产业园"), "{v:?}");
    }

    #[test]
    fn a_body_quoted_as_a_programme_is_the_programme() {
        let v = run("我们村将依托‘强村公司’模式,把民宿产业做大做强。");
        assert!(has(&v, EntityType::Initiative, "强村公司模式"), "{v:?}");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Organisation),
            "{v:?}"
        );
    }

    #[test]
    fn plans_projects_lines_goals_and_targets() {
        let v = run("根据《长三角城际铁路建设规划》,援老挝国家体育场项目开工,杭温高铁加快建设。");
        assert!(
            has(&v, EntityType::Initiative, "长三角城际铁路建设规划"),
            "{v:?}"
        );
        assert!(
            has(&v, EntityType::Initiative, "援老挝国家体育场项目"),
            "{v:?}"
        );
        assert!(has(&v, EntityType::Initiative, "杭温高铁"), "{v:?}");
        // Lines named by one character of each place they link; kinds of line are no name.
        let v = run("京张高铁和宁金高铁加快建设,普速铁路也在改造,还有沪苏湖高铁。");
        assert!(has(&v, EntityType::Initiative, "京张高铁"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "宁金高铁"), "{v:?}");
        assert!(!has(&v, EntityType::Initiative, "普速铁路"), "{v:?}");
        assert!(!has(&v, EntityType::Initiative, "和宁金高铁"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "沪苏湖高铁"), "{v:?}");
        let v = run("推动浙南闽东地区协同发展,将安吉县打造成竹产业小镇,打造成全省第一个示范点。");
        assert!(
            has(&v, EntityType::Initiative, "浙南闽东地区协同发展"),
            "{v:?}"
        );
        assert!(has(&v, EntityType::Initiative, "竹产业小镇"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Initiative && n.contains("第一个")),
            "{v:?}"
        );
        // Kinds of work are no programme: no proper name in them.
        let v = run("一批产业合作项目建成投产,基础设施建设加快,着力打造精品工程。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Initiative), "{v:?}");
    }

    #[test]
    fn a_project_named_by_its_capacity_ends_at_its_project_word() {
        let v = run("双方签订年产30万吨再生铝项目投资协议。");
        assert!(
            has(&v, EntityType::Initiative, "年产30万吨再生铝项目"),
            "{v:?}"
        );
        let v = run("建设年产8GW储能电池项目。");
        assert!(
            has(&v, EntityType::Initiative, "年产8GW储能电池项目"),
            "{v:?}"
        );
        let v = run("年产量达到10万吨,项目进展顺利。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Initiative),
            "a quantity, then a new clause: {v:?}"
        );
    }

    #[test]
    fn a_campaign_carried_out_is_named_by_its_quote() {
        let v = run("社区将开展“邻里守望岗”活动。");
        assert!(has(&v, EntityType::Initiative, "邻里守望岗"), "{v:?}");
        let v = run("孩子们在“六一”活动中表演节目。");
        assert!(
            !has(&v, EntityType::Initiative, "六一"),
            "no verb puts the holiday forward: {v:?}"
        );
    }

    #[test]
    fn goals_lines_hubs_towns_and_works_by_their_scale() {
        let v = run("全县将围绕“一县两区”发展思路,助力“三区联动”落地见效。");
        assert!(has(&v, EntityType::Initiative, "一县两区"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "三区联动"), "{v:?}");
        let v = run("加快推进浙中城市群一体化,合力打造丽水国际陆港物流枢纽,推进磐安康养小镇建设。");
        assert!(has(&v, EntityType::Initiative, "浙中城市群一体化"), "{v:?}");
        assert!(
            has(&v, EntityType::Initiative, "丽水国际陆港物流枢纽"),
            "{v:?}"
        );
        assert!(has(&v, EntityType::Initiative, "磐安康养小镇"), "{v:?}");
        let v = run("企业将在磐安县建设万亩生态茶园,带动茶农增收。");
        assert!(has(&v, EntityType::Initiative, "万亩生态茶园"), "{v:?}");
        let v = run("全村流转土地5000亩。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Initiative),
            "{v:?}"
        );
    }

    #[test]
    fn slogans_blueprints_bodies_of_care_and_a_programmes_development() {
        let v = run("全县将以“一企一策”精准服务企业,紧扣“五区联动”美好蓝图。");
        assert!(has(&v, EntityType::Initiative, "一企一策"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "五区联动"), "{v:?}");
        let v = run("要以“零容忍”态度惩治腐败。");
        assert!(
            !has(&v, EntityType::Initiative, "零容忍"),
            "an attitude, not a numbered slogan: {v:?}"
        );
        let v = run("推进紧密型县域医共体建设,推动丽水都市圈高质量发展。");
        assert!(has(&v, EntityType::Initiative, "紧密型县域医共体"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "丽水都市圈"), "{v:?}");
    }

    #[test]
    fn made_into_a_name_of_initials_and_verbs_that_chain() {
        let v = run("奋力打造成渝副中心。");
        assert!(has(&v, EntityType::Initiative, "成渝副中心"), "{v:?}");
        let v = run("将泗安镇打造成浙江白茶小镇。");
        assert!(has(&v, EntityType::Initiative, "浙江白茶小镇"), "{v:?}");
        let v = run("要加快推进项目建设,加快泗安镇现代农业园区建设,加快建设环太湖食用菌产业带。");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Initiative && n.contains("推进")),
            "{v:?}"
        );
        assert!(
            has(&v, EntityType::Initiative, "泗安镇现代农业园区"),
            "{v:?}"
        );
        assert!(
            has(&v, EntityType::Initiative, "环太湖食用菌产业带"),
            "{v:?}"
        );
    }

    #[test]
    fn where_something_else_is_built_is_no_programme() {
        let v = run("公司投资30亿元,在长兴工业园建设储能电池项目。");
        assert!(!has(&v, EntityType::Initiative, "长兴工业园"), "{v:?}");
        let v = run("推进长兴工业园建设。");
        assert!(has(&v, EntityType::Initiative, "长兴工业园"), "{v:?}");
    }

    #[test]
    fn drafts_hubs_ports_and_projects_by_their_phase() {
        let v = run("就《中共某县委关于建设共同富裕示范区县域样板的决定(讨论稿)》作说明。");
        assert!(
            has(&v, EntityType::Initiative, "共同富裕示范区县域样板"),
            "{v:?}"
        );
        let v = run("加快建设西部陆海新通道门户港和全国一体化算力网络国家枢纽节点。");
        assert!(
            has(&v, EntityType::Initiative, "西部陆海新通道门户港"),
            "{v:?}"
        );
        let v = run("华骏钦州化工新材料一体化基地项目一期建成投产。");
        assert!(
            has(
                &v,
                EntityType::Initiative,
                "华骏钦州化工新材料一体化基地项目"
            ),
            "{v:?}"
        );
    }

    #[test]
    fn a_strategy_after_quotes_a_formula_in_quotes_and_a_production_line() {
        let v = run("紧扣“农业强县、文化兴县”发展战略建言献策。");
        assert!(
            has(&v, EntityType::Initiative, "农业强县、文化兴县"),
            "{v:?}"
        );
        let v = run("推行“龙头企业+家庭农场”订单农业。");
        assert!(
            has(&v, EntityType::Initiative, "龙头企业+家庭农场"),
            "{v:?}"
        );
        let v = run("公司将投资建设年产10万吨环保涂料生产线。");
        assert!(
            has(&v, EntityType::Initiative, "年产10万吨环保涂料生产线"),
            "{v:?}"
        );
    }

    #[test]
    fn a_regulation_in_book_title_marks() {
        let v = run("会议表决通过了《嘉兴市古城保护条例》。");
        assert!(
            has(&v, EntityType::Initiative, "嘉兴市古城保护条例"),
            "{v:?}"
        );
    }

    #[test]
    fn a_goal_in_quotes_and_bases_areas_and_expressways_being_built() {
        let v = run("全镇将围绕“竹旅富镇”目标,建设黄坑村白茶文化体验区。");
        assert!(has(&v, EntityType::Initiative, "竹旅富镇"), "{v:?}");
        assert!(
            has(&v, EntityType::Initiative, "黄坑村白茶文化体验区"),
            "{v:?}"
        );
        let v = run("他建议,加快建设溆浦至辰溪高速公路,助力邵阳建设国家先进储能材料产业基地。");
        assert!(
            has(&v, EntityType::Initiative, "溆浦至辰溪高速公路"),
            "{v:?}"
        );
        assert!(
            has(&v, EntityType::Initiative, "国家先进储能材料产业基地"),
            "{v:?}"
        );
    }

    #[test]
    fn the_project_an_agreement_is_signed_for() {
        let v = run("县人民政府与某公司签订新型储能材料项目合作协议。");
        assert!(has(&v, EntityType::Initiative, "新型储能材料项目"), "{v:?}");
        // A bare 项目 names nothing.
        let v = run("双方签订项目合作协议。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Initiative),
            "{v:?}"
        );
    }

    #[test]
    fn a_practice_carried_out_everywhere_and_no_superlative_base() {
        let v = run("社区将推进“暖心物业”全覆盖。");
        assert!(has(&v, EntityType::Initiative, "暖心物业"), "{v:?}");
        // What a project is made into, ranked (最大的) or a mere kind (生产基地), is no name.
        let v = run("公司将把项目打造成企业在东北地区最大的生产基地。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Initiative),
            "{v:?}"
        );
    }

    #[test]
    fn a_pair_joined_by_a_dash_belts_valleys_and_model_villages_name_programmes() {
        let v = run("全市要全力打造中国—东盟锰产业基地。");
        assert!(
            has(&v, EntityType::Initiative, "中国—东盟锰产业基地"),
            "{v:?}"
        );
        let v = run("要加快打造滨江风光带,打造中国电子谷。");
        assert!(has(&v, EntityType::Initiative, "滨江风光带"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "中国电子谷"), "{v:?}");
        let v = run("今年新建高山茶叶基地300亩。");
        assert!(has(&v, EntityType::Initiative, "高山茶叶基地"), "{v:?}");
    }

    #[test]
    fn listed_projects_hubs_and_a_quote_before_how_it_changes() {
        let v = run("代表们察看了临漳县食用菌产业园、太行山旅游公路等项目。");
        assert!(has(&v, EntityType::Initiative, "太行山旅游公路"), "{v:?}");
        let v = run("要加快建设山西能源科技创新中心,全力打造晋南物流集散中心。");
        assert!(
            has(&v, EntityType::Initiative, "山西能源科技创新中心"),
            "{v:?}"
        );
        assert!(has(&v, EntityType::Initiative, "晋南物流集散中心"), "{v:?}");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Organisation),
            "{v:?}"
        );
        let v = run("推动“晋货出山”由量向质转变。");
        assert!(has(&v, EntityType::Initiative, "晋货出山"), "{v:?}");
    }

    #[test]
    fn a_formula_stays_whole_before_ronghe_and_core_areas_are_programmes() {
        let v = run("推动“茶叶+旅游”融合发展。");
        assert!(has(&v, EntityType::Initiative, "茶叶+旅游"), "{v:?}");
        let v = run("全力建设太原中心城市核心区。");
        assert!(
            has(&v, EntityType::Initiative, "太原中心城市核心区"),
            "{v:?}"
        );
    }

    #[test]
    fn a_trial_carried_out_and_a_circle_of_services() {
        let v = run("建议在城关区开展“社区食堂”试点。");
        assert!(has(&v, EntityType::Initiative, "社区食堂"), "{v:?}");
        let v = run("社区将打造15分钟便民生活圈。");
        assert!(has(&v, EntityType::Initiative, "15分钟便民生活圈"), "{v:?}");
    }
}

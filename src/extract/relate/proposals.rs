//! proposes: who puts an initiative forward is who speaks or reports it —
//! - a report's statements belong to the body whose report it is (`省党代会报告指出…`,
//!   `省长…作政府工作报告。报告提出…` → the government, `党代会报告中“…”`);
//! - a speaker's words (`X表示,…` to the end of the paragraph, `X说:“…”`, `“…”X说`,
//!   `他说`) propose what they name, except a report's proposals, which speakers discuss;
//! - actors before a proposal verb in the sentence (`李某在某县推进“某某”工程`, a company
//!   that 承建 a project).

use super::{Context, Found};
use crate::extract::lexicon::{starts_with_at, OrgKind, TitleKind};
use crate::extract::recognise::Mention;
use crate::extract::segment::is_han;
use crate::schema::{EntityType, Predicate, Span};

pub fn proposals(cx: &Context, out: &mut Found) {
    let reported = reports(cx, out);
    speeches(cx, &reported, out);
    actors(cx, &reported, out);
    signed_projects(cx, out);
    proposals_brought(cx, out);
    owned_programmes(cx, out);
}

/// `县委“工业强县、旅游活县”发展战略`, `省委的“某某工程”`: a public body's name written
/// directly before a quoted programme (or with 的 between) names whose programme it is.
fn owned_programmes(cx: &Context, out: &mut Found) {
    let chars = &cx.text.chars;
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Initiative {
            continue;
        }
        let quote = if chars.get(m.start) == Some(&'“') {
            m.start
        } else if m.start >= 1 && chars[m.start - 1] == '“' {
            m.start - 1
        } else {
            continue;
        };
        let owner_end = if quote >= 1 && chars[quote - 1] == '的' {
            quote - 1
        } else {
            quote
        };
        let Some(j) = cx.mention_ending(EntityType::Organisation, owner_end) else {
            continue;
        };
        if cx.kind(cx.entity(j)).is_some_and(OrgKind::named_whole) {
            continue;
        }
        out.push(actor_proposes(cx, j, cx.mentions[j].start, k));
    }
}

/// `某某带来了《关于支持…的建议》`: a member's or a deputy's proposal, suggestion or motion
/// is theirs, and so is what it names — the person named last before it in its sentence.
fn proposals_brought(cx: &Context, out: &mut Found) {
    let chars = &cx.text.chars;
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Initiative {
            continue;
        }
        let Some(open) = (m.start.saturating_sub(40)..m.start)
            .rev()
            .find(|&q| matches!(chars[q], '《' | '》'))
            .filter(|&q| chars[q] == '《')
        else {
            continue;
        };
        let Some(close) = (m.end..chars.len().min(m.end + 40)).find(|&q| chars[q] == '》') else {
            continue;
        };
        let proposal = ["建议", "提案", "议案"]
            .iter()
            .any(|w| close >= 2 && starts_with_at(chars, close - 2, w));
        if !proposal {
            continue;
        }
        let (s, _) = cx.text.sentence_of(open);
        if let Some(p) = cx
            .within(s, open)
            .filter(|&j| cx.mentions[j].entity_type == EntityType::Person)
            .last()
        {
            out.push((
                cx.entity(p),
                Predicate::Proposes,
                cx.entity(k),
                Span {
                    start: cx.mentions[p].start,
                    end: close + 1,
                },
                0.8,
            ));
        }
    }
}

/// `与某某公司总经理某某签订年产…项目投资协议`: a company that signs the agreement of a
/// project invests in it, and so puts it forward. The companies named in the clause before
/// the signing verb; the project directly followed by its agreement.
fn signed_projects(cx: &Context, out: &mut Found) {
    let chars = &cx.text.chars;
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Initiative
            || !m.name.ends_with("项目")
            || !crate::extract::recognise::initiatives::AGREEMENTS
                .iter()
                .any(|a| starts_with_at(chars, m.end, a))
        {
            continue;
        }
        let (s, _) = cx.text.sentence_of(m.start);
        let Some(verb) = (s..m.start).rev().find(|&v| {
            ["签订", "签署", "签约"]
                .iter()
                .any(|w| starts_with_at(chars, v, w))
        }) else {
            continue;
        };
        // The clause the verb is in: back to the comma or stop before it.
        let clause = (s..verb)
            .rev()
            .find(|&q| matches!(chars[q], ',' | ';' | '。'))
            .map_or(s, |q| q + 1);
        // (And a government or party body that signs with it, itself, not through an
        // official's post: 县人民政府与某公司签订….)
        for j in cx.within(clause, verb) {
            let signs = match cx.kind(cx.entity(j)) {
                Some(OrgKind::Enterprise) => true,
                Some(OrgKind::Government | OrgKind::Party) => {
                    cx.lex.title_at(chars, cx.mentions[j].end).is_none()
                }
                _ => false,
            };
            if signs {
                out.push(actor_proposes(cx, j, cx.mentions[j].start, k));
            }
        }
    }
}

/// A stretch of text and who proposes what it names.
struct Scope {
    start: usize,
    end: usize,
    proposer: usize,
}

/// Report proposals. Returns the scopes that state a report's line.
fn reports(cx: &Context, out: &mut Found) -> Vec<(usize, usize)> {
    let chars = &cx.text.chars;
    let mut owner: Option<usize> = None;
    let mut scopes: Vec<Scope> = Vec::new();
    // The congress or session named last before `i` (not one named in a deputy's title:
    // 省人大代表某某说,报告提出…).
    let congress_before = |i: usize| {
        cx.mentions
            .iter()
            .enumerate()
            .filter(|(k, m)| m.end <= i && cx.kind(cx.entity(*k)) == Some(OrgKind::Congress))
            .filter(|(_, m)| cx.lex.title_at(chars, m.end).is_none())
            .max_by_key(|(_, m)| m.end)
            .map(|(k, _)| cx.entity(k))
    };
    for i in 0..chars.len() {
        // 决议要求,…: a resolution's line is the meeting's that adopted it.
        let resolution = starts_with_at(chars, i, "决议");
        if !starts_with_at(chars, i, "报告") && !resolution {
            continue;
        }
        // 作政府工作报告, 作工作报告: the report of the government (or body) its speaker heads.
        let government_report = i >= 2 && starts_with_at(chars, i - 2, "工作");
        let proposer = if resolution {
            congress_before(i)
        } else if let Some(o) = cx.mention_ending(EntityType::Organisation, i) {
            owner = Some(cx.entity(o));
            owner
        } else if government_report {
            // 省长某某向大会作政府工作报告: the government the report is of.
            owner = cx
                .mentions
                .iter()
                .enumerate()
                .filter(|(k, m)| {
                    m.end <= i
                        && cx.kind(cx.entity(*k)) == Some(OrgKind::Government)
                        && m.entity_type == EntityType::Organisation
                        && cx.text.paragraph_of(m.start) == cx.text.paragraph_of(i)
                })
                .max_by_key(|(_, m)| m.end)
                .map(|(k, _)| cx.entity(k))
                .or(owner);
            owner
        } else {
            // A bare 报告: the report of the congress named last before it.
            if owner.is_none() {
                owner = congress_before(i);
            }
            owner
        };
        let Some(proposer) = proposer else { continue };
        // 报告还提出, 报告同时指出: an adverb between the report and its verb.
        let after = i + 2 + report_adverb(chars, i + 2);
        // 作题为《奋力建设某某名镇》的报告: the goal the report is titled by is its own.
        if i >= 2 && chars[i - 1] == '的' && chars[i - 2] == '》' {
            if let Some(open) = (i.saturating_sub(64)..i - 2)
                .rev()
                .find(|&q| chars[q] == '《')
            {
                if open >= 2 && starts_with_at(chars, open - 2, "题为") {
                    scopes.push(Scope {
                        start: open,
                        end: i - 1,
                        proposer,
                    });
                }
            }
        }
        if cx.lex.report_verbs.at(chars, after).is_some() {
            // 报告指出,…。: to the end of the sentence, lists joined by ; included; a paragraph
            // the report opens is the report's to its end.
            let (s, _) = cx.text.sentence_of(i);
            let (p_start, p_end) = cx.text.paragraph_of(i);
            // Quoted by a speaker (“报告提出,…”某某说), the report's words end with the quote.
            let quoted = (p_start..i)
                .rev()
                .find(|&q| matches!(chars[q], '“' | '”'))
                .is_some_and(|q| chars[q] == '“');
            let opens = !quoted
                && (p_start..i).filter(|&q| !chars[q].is_whitespace()).count() <= 16
                && !(p_start..i).any(|q| chars[q] == '。');
            let end = if opens {
                // …to the end of the paragraph, or to where a speaker takes over (王某代表认为,).
                (i + 2..p_end)
                    .find(|&q| {
                        cx.mention_ending(EntityType::Person, q).is_some()
                            && speech_after(cx, q).is_some()
                    })
                    .map_or(p_end, |q| {
                        cx.mention_ending(EntityType::Person, q)
                            .map_or(q, |k| cx.mentions[k].start)
                    })
            } else if quoted {
                (i..p_end)
                    .find(|&q| chars[q] == '”')
                    .map_or(p_end, |q| q + 1)
            } else {
                full_stop_after(chars, i)
            };
            scopes.push(Scope {
                start: s.max(i.saturating_sub(12)).min(i),
                end,
                proposer: stated_subject(cx, after).unwrap_or(proposer),
            });
        } else if starts_with_at(chars, after, "中的这句话")
            || starts_with_at(chars, after, "中的这段话")
        {
            // `读到…报告中的这句话`: the quoted sentence before.
            let (s, _) = cx.text.sentence_of(i);
            let prev = cx
                .text
                .sentences
                .iter()
                .rev()
                .find(|b| b.1 <= s)
                .copied()
                .unwrap_or((s, s));
            scopes.push(Scope {
                start: prev.0,
                end: s,
                proposer,
            });
        } else if starts_with_at(chars, after, "中") {
            // 党代会报告中“…”中提到的“…”: the quotes that follow.
            let mut k = after + 1;
            while let Some(open) = (k..chars.len().min(k + 8)).find(|&q| chars[q] == '“') {
                let Some(close) = (open..chars.len().min(open + 60)).find(|&q| chars[q] == '”')
                else {
                    break;
                };
                scopes.push(Scope {
                    start: open,
                    end: close + 1,
                    proposer,
                });
                k = close + 1;
            }
        }
    }
    // 全会强调, 会议指出: a meeting's statements are the meeting's (the session named last).
    for i in 0..chars.len() {
        let Some(word) = ["全会", "会议", "大会"]
            .iter()
            .find(|w| starts_with_at(chars, i, w))
        else {
            continue;
        };
        let after = i + word.chars().count();
        let after = after + report_adverb(chars, after);
        if cx.lex.report_verbs.at(chars, after).is_none()
            || i > 0 && crate::extract::segment::is_han(chars[i - 1]) && !cx.text.is_boundary(i)
        {
            continue;
        }
        // (Not a congress inside another body's name: 市人大 of 市人大常委会主持会议.)
        let meeting = cx
            .mentions
            .iter()
            .enumerate()
            .filter(|(k, m)| m.end <= i && cx.kind(cx.entity(*k)) == Some(OrgKind::Congress))
            .filter(|(_, m)| {
                !cx.mentions
                    .iter()
                    .any(|o| o.entity_type == EntityType::Organisation && m.part_of(o))
            })
            .max_by_key(|(_, m)| m.end)
            .map(|(k, _)| cx.entity(k));
        if let Some(proposer) = meeting {
            scopes.push(Scope {
                start: i,
                end: full_stop_after(chars, i),
                proposer,
            });
        }
    }
    for sc in &scopes {
        for k in cx.within(sc.start, sc.end) {
            if cx.mentions[k].entity_type == EntityType::Initiative {
                out.push((
                    sc.proposer,
                    Predicate::Proposes,
                    cx.entity(k),
                    Span {
                        start: sc.start,
                        end: sc.end,
                    },
                    0.8,
                ));
            }
        }
    }
    scopes.iter().map(|s| (s.start, s.end)).collect()
}

/// `报告提出,今年县政协将…`: a body the report's statement opens with, as the subject of
/// what it will do, is whose the programmes are (the committee reports, the CPPCC acts).
fn stated_subject(cx: &Context, verb: usize) -> Option<usize> {
    use crate::extract::segment::is_break;
    let chars = &cx.text.chars;
    let opens = (verb..chars.len().min(verb + 6)).find(|&q| is_break(chars[q]))?;
    (opens + 1..chars.len().min(opens + 10))
        .take_while(|&q| !is_break(chars[q]))
        .find_map(|q| {
            let k = cx.mention_ending(EntityType::Organisation, q)?;
            let will = ["将", "要"].iter().any(|w| starts_with_at(chars, q, w));
            (will && cx.mentions[k].start > opens).then(|| cx.entity(k))
        })
}

/// The end of the sentence containing `i`, where only 。!? and line ends close it.
/// The length of an adverb standing between a report or a meeting and its verb (还, 也,
/// 同时, 进一步, 最后): 报告还提出.
fn report_adverb(chars: &[char], at: usize) -> usize {
    ["进一步", "同时", "最后", "还", "也", "并", "又"]
        .iter()
        .find(|w| starts_with_at(chars, at, w))
        .map_or(0, |w| w.chars().count())
}

fn full_stop_after(chars: &[char], i: usize) -> usize {
    (i..chars.len())
        .find(|&k| matches!(chars[k], '。' | '!' | '?' | '\n'))
        .map_or(chars.len(), |k| k + 1)
}

/// Speakers' words: `X表示,…` to the end of the paragraph (or the next speaker), `X说:“…”`,
/// `“…”X说` (with X's titles between), `他说`.
fn speeches(cx: &Context, reported: &[(usize, usize)], out: &mut Found) {
    let chars = &cx.text.chars;
    let mut scopes: Vec<Scope> = Vec::new();
    // Where each speaker's words start: (speaker, start of the words).
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Person || byline(cx, m.start) {
            continue;
        }
        if let Some(words) = speech_after(cx, m.end) {
            starts.push((cx.entity(k), words));
        }
    }
    for i in 0..chars.len() {
        if matches!(chars[i], '他' | '她')
            && (i == 0 || !crate::extract::segment::is_han(chars[i - 1]) || cx.text.is_boundary(i))
        {
            // 他说 / 她建议: the person named last before the pronoun (in its sentence too).
            if let Some(words) = speech_after(cx, i + 1) {
                if let Some(p) = last_person_before(cx, i) {
                    starts.push((p, words));
                }
            }
        }
    }
    starts.sort_by_key(|s| s.1);
    for (n, &(speaker, words)) in starts.iter().enumerate() {
        let end = if chars.get(words) == Some(&'“') {
            (words + 1..chars.len())
                .find(|&q| chars[q] == '”')
                .map_or(chars.len(), |q| q + 1)
        } else {
            let (_, p_end) = cx
                .text
                .paragraph_of(words.min(chars.len().saturating_sub(1)));
            let next = starts.get(n + 1).map_or(p_end, |s| s.1);
            p_end.min(next)
        };
        scopes.push(Scope {
            start: words,
            end,
            proposer: speaker,
        });
    }
    // “……”王某说: the quote before its speaker.
    let mut last_mark: Option<usize> = None;
    for i in 0..chars.len() {
        if chars[i] == '“' {
            last_mark = Some(i);
            continue;
        }
        if chars[i] != '”' {
            continue;
        }
        let open = last_mark.filter(|&q| chars[q] == '“');
        last_mark = Some(i);
        let Some(open) = open else { continue };
        if let Some(speaker) = speaker_after(cx, i + 1) {
            scopes.push(Scope {
                start: open,
                end: i + 1,
                proposer: speaker,
            });
        }
    }
    let claimed_now = claimed_initiatives(cx, out);
    for sc in &scopes {
        for k in cx.within(sc.start, sc.end) {
            let m = &cx.mentions[k];
            let inside_report = reported.iter().any(|r| m.start >= r.0 && m.end <= r.1);
            // A plan cited by its title (《…规划》) is a body's document, not the speaker's proposal.
            let cited = m.start < cx.text.chars.len() && cx.text.chars[m.start] == '《';
            if m.entity_type == EntityType::Initiative
                && !inside_report
                && !cited
                && !claimed_now.contains(&cx.entity(k))
            {
                out.push((
                    sc.proposer,
                    Predicate::Proposes,
                    cx.entity(k),
                    Span {
                        start: sc.start,
                        end: sc.end,
                    },
                    0.6,
                ));
            }
        }
    }
}

/// The initiatives a report already proposes: speakers discuss them, they do not put them
/// forward.
fn claimed_initiatives(cx: &Context, out: &Found) -> std::collections::HashSet<usize> {
    out.iter()
        .filter(|f| f.1 == Predicate::Proposes && f.4 >= 0.8 && cx.kind(f.0).is_some())
        .map(|f| f.2)
        .collect()
}

/// Where a speaker's words start, when a verb of saying follows a name at `pos`: directly or
/// after the name's own title (李某代表说), or after a short predicate in the same clause
/// (冯某拟领衔提交建议,希望…). Past a colon (说:) the words are the quote that opens.
fn speech_after(cx: &Context, pos: usize) -> Option<usize> {
    let chars = &cx.text.chars;
    let mut k = pos;
    if let Some(t) = cx.lex.title_at(chars, k).filter(|t| t.start == k) {
        k = t.end;
    }
    let verb_at = (k..chars.len().min(k + 9))
        .take_while(|&q| !matches!(chars[q], '。' | '!' | '?' | '\n' | '“' | '”'))
        .find(|&q| {
            cx.lex.speech_verbs.at(chars, q).is_some() && (q == k || cx.text.is_boundary(q))
        })?;
    // Another name before the verb makes it that one's.
    if (k..verb_at).any(|q| {
        cx.mentions_starting(q)
            .iter()
            .any(|&x| cx.mentions[x].entity_type == EntityType::Person)
    }) {
        return None;
    }
    let verb = cx.lex.speech_verbs.at(chars, verb_at)?;
    let mut words = verb_at + verb.chars().count();
    while words < chars.len() && matches!(chars[words], ',' | ':' | ' ') {
        words += 1;
    }
    Some(words)
}

/// The person named last before `pos`, bylines aside.
fn last_person_before(cx: &Context, pos: usize) -> Option<usize> {
    cx.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.entity_type == EntityType::Person && m.end <= pos && !byline(cx, m.start)
        })
        .max_by_key(|(_, m)| m.end)
        .map(|(k, _)| cx.entity(k))
}

/// The person right after a closing quote who says it: `王某说`, `王某代表说`, and with an
/// apposition chain between (`市政协委员、某镇副镇长某某说`).
fn speaker_after(cx: &Context, pos: usize) -> Option<usize> {
    let chars = &cx.text.chars;
    let k = (pos..=pos + 30).find_map(|q| cx.mention_starting(EntityType::Person, q))?;
    let m = &cx.mentions[k];
    // Only titles, bodies, places and 、 between the quote and the name.
    let mut q = pos;
    while q < m.start {
        if chars[q] == '、' || chars[q] == ',' && q == pos {
            q += 1;
        } else if let Some(x) = cx
            .mentions_starting(q)
            .iter()
            .filter(|&&x| cx.mentions[x].entity_type != EntityType::Person)
            .map(|&x| cx.mentions[x].end)
            .max()
        {
            q = x;
        } else if let Some(t) = cx.lex.title_at(chars, q).filter(|t| t.start == q) {
            q = t.end;
        } else {
            return None;
        }
    }
    let words = speech_after(cx, m.end)?;
    (words <= m.end + 6).then(|| cx.entity(k))
}

/// Actors: people (and a body opening the sentence) before a proposal verb that governs the
/// initiative, outside reports.
fn actors(cx: &Context, reported: &[(usize, usize)], out: &mut Found) {
    let chars = &cx.text.chars;
    let claimed = claimed_initiatives(cx, out);
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Initiative
            || reported.iter().any(|r| m.start >= r.0 && m.end <= r.1)
        {
            continue;
        }
        let (s, _) = cx.text.sentence_of(m.start);
        let verb = (s..m.start)
            .rev()
            .find(|&v| cx.lex.proposal_verbs.at(chars, v).is_some());
        let Some(verb) = verb else { continue };
        let mut first_mention = true;
        let mut in_sentence: Vec<(usize, &Mention)> =
            cx.within(s, verb).map(|j| (j, &cx.mentions[j])).collect();
        // 他带领村民…, 该公司将投资建设…, 双方将共建…: a subject carried on from before, when
        // no actor is named in the clause before it.
        let first_actor = in_sentence
            .iter()
            .filter(|(_, a)| matches!(a.entity_type, EntityType::Person | EntityType::Organisation))
            .map(|(_, a)| a.start)
            .min()
            .unwrap_or(verb);
        // The verb's own clause first (她表示,企业将实施…: the clause names no actor, its
        // opening word carries one), then the sentence before its first actor.
        let clause = (s..verb)
            .rev()
            .find(|&q| matches!(chars[q], ',' | ';' | ':'))
            .map_or(s, |q| q + 1);
        let actor_in_clause = in_sentence.iter().any(|(_, a)| {
            a.start >= clause
                && matches!(a.entity_type, EntityType::Person | EntityType::Organisation)
        });
        // (The verb must govern the initiative: no clause break between them.)
        let governs = !(verb..m.start).any(|q| matches!(chars[q], ',' | ';' | ':' | '。'));
        // 某某表示,锐能汽车将在赣州建设…: a body opening the verb's own clause is its subject,
        // whoever speaks the sentence.
        if clause > s && governs {
            let opener = in_sentence
                .iter()
                .find(|(j, a)| a.start == clause && a.end <= verb && acting_body(cx, *j));
            if let Some(&(j, a)) = opener {
                out.push(actor_proposes(cx, j, a.start, k));
                // 某集团与某公司合作开发…: a body the opener is joined to acts with it.
                let partner = in_sentence.iter().find(|(p, b)| {
                    b.start == a.end + 1
                        && b.end <= verb
                        && "与和及同、".contains(chars[a.end])
                        && acting_body(cx, *p)
                });
                if let Some(&(p, b)) = partner {
                    out.push(actor_proposes(cx, p, b.start, k));
                }
            }
        }
        let mut carried = Vec::new();
        if clause > s && !actor_in_clause && governs {
            carried = carried_subjects(cx, clause, verb);
        }
        // 某某表示,企业将坚持…,建设…: the subject of an earlier clause after the last actor
        // carries on through the clauses that name none.
        if carried.is_empty() && !actor_in_clause && governs {
            let last_actor = in_sentence
                .iter()
                .filter(|(_, a)| {
                    matches!(a.entity_type, EntityType::Person | EntityType::Organisation)
                })
                .max_by_key(|(_, a)| a.end);
            if let Some(&(j, a)) = last_actor.filter(|(_, a)| a.end < clause) {
                carried = carried_subjects(cx, a.end, verb);
                // 市政府将加快培育…,建设…: so does a body opening an earlier clause.
                // (It opens its clause, or a list that does: 市委、市政府将…; not 围绕县委、
                // 县政府部署, where they are the object.)
                let clause_opening = |q: usize| q == s || matches!(chars[q - 1], ',' | ';' | ':');
                let opens = clause_opening(a.start)
                    || chars[a.start - 1] == '、'
                        && in_sentence.iter().any(|(_, b)| {
                            b.end + 1 == a.start
                                && b.entity_type == EntityType::Organisation
                                && clause_opening(b.start)
                        });
                if carried.is_empty() && opens && acting_body(cx, j) {
                    out.push(actor_proposes(cx, j, a.start, k));
                }
            }
        }
        if carried.is_empty() {
            carried = carried_subjects(cx, s, first_actor);
        }
        for e in carried {
            // A speaker's 企业将… is the company's deed as well as the speaker's word.
            let company = cx.kind(e) == Some(OrgKind::Enterprise);
            if !claimed.contains(&cx.entity(k)) || company {
                out.push((
                    e,
                    Predicate::Proposes,
                    cx.entity(k),
                    Span {
                        start: s,
                        end: m.end,
                    },
                    0.6,
                ));
            }
        }
        // A clause that names its own actor is read alone: the sentence's earlier subject
        // (某公司投资建设…项目,某集团合作开发…) acts in its own clause.
        if actor_in_clause && clause > s && governs {
            in_sentence.retain(|(_, a)| a.start >= clause);
        }
        // In text order; of mentions starting together the longest (市委宣传部 over 市委).
        in_sentence.sort_by_key(|(_, a)| (a.start, std::cmp::Reverse(a.end)));
        in_sentence.dedup_by_key(|(_, a)| a.start);
        let starts: Vec<usize> = in_sentence
            .iter()
            .filter(|(_, a)| a.entity_type == EntityType::Organisation)
            .map(|(_, a)| a.start)
            .collect();
        for (j, a) in in_sentence {
            // 从某部门获悉: the source of the news, not an actor; nor a body brought in
            // (工作队协调引进某合作社,推行…: the team acts).
            let source = a.start > 0 && chars[a.start - 1] == '从'
                || ["引进", "引入", "招引", "吸引"]
                    .iter()
                    .any(|w| a.start >= 2 && starts_with_at(chars, a.start - 2, w));
            // 村党支部领办的某某合作社: a body in a 的-phrase before another is its modifier;
            // the body it modifies is the actor.
            let modifier = a.entity_type == EntityType::Organisation
                && (a.end..chars.len().min(a.end + 6))
                    .take_while(|&q| is_han(chars[q]))
                    .any(|q| chars[q] == '的' && starts.contains(&(q + 1)));
            if modifier {
                continue;
            }
            let is_actor = match a.entity_type {
                // A byline (记者 张某, 通讯员 李某) is not an actor of the story.
                EntityType::Person => !byline(cx, a.start),
                EntityType::Organisation => first_mention && !source && acting_body(cx, j),
                _ => false,
            };
            // 钦州市委、市政府将…: bodies listed as the subject are all actors.
            let listed_next = a.entity_type == EntityType::Organisation
                && is_actor
                && chars.get(a.end) == Some(&'、');
            if a.entity_type != EntityType::Place && !listed_next {
                first_mention = false;
            }
            if is_actor && !claimed.contains(&cx.entity(k)) {
                out.push(actor_proposes(cx, j, a.start, k));
            }
        }
    }
}

/// True when mention `j` is a body that can act as a clause's subject: an organisation, not
/// one whose post a person holds (某市委书记某某率…: a title follows), not a congress (its
/// members act) nor a medium (it reports).
fn acting_body(cx: &Context, j: usize) -> bool {
    let m = &cx.mentions[j];
    m.entity_type == EntityType::Organisation
        && cx.lex.title_at(&cx.text.chars, m.end).is_none()
        && !matches!(
            cx.kind(cx.entity(j)),
            Some(OrgKind::Congress | OrgKind::Media)
        )
}

/// Mention `j`, an actor from `start`, proposes the initiative of mention `k`.
fn actor_proposes(
    cx: &Context,
    j: usize,
    start: usize,
    k: usize,
) -> (usize, Predicate, usize, Span, f32) {
    let end = cx.mentions[k].end;
    (
        cx.entity(j),
        Predicate::Proposes,
        cx.entity(k),
        Span { start, end },
        0.7,
    )
}

/// The subject a pronoun carries on between `s` and `verb`: 他/她 opening the clause → the
/// person named last before (bylines aside), 该公司/该企业/该集团 → the company named last
/// before.
fn carried_subjects(cx: &Context, s: usize, verb: usize) -> Vec<usize> {
    let chars = &cx.text.chars;
    let opens_clause = |q: usize| q == s || crate::extract::segment::is_break(chars[q - 1]);
    // The pronoun opens its clause: 他带领…, 他和某某一起…, not 与他无关.
    let pronoun = (s..verb).find(|&q| {
        matches!(chars[q], '他' | '她') && cx.text.is_boundary(q + 1) && opens_clause(q)
    });
    // The company: 该公司将…, and opening a clause of a speaker's words 企业将… (the speaker's
    // own company).
    let company = (s..verb).rev().find(|&q| {
        ["该公司", "该企业", "该集团"]
            .iter()
            .any(|w| starts_with_at(chars, q, w))
            || ["企业将", "公司将", "集团将"]
                .iter()
                .any(|w| starts_with_at(chars, q, w) && opens_clause(q))
    });
    // Of the two, the one whose clause the verb is in (她表示,企业将…建设: the company).
    match (pronoun, company) {
        (Some(p), c) if c.is_none_or(|c| c < p) => {
            // The person named last before the pronoun, in its sentence or before.
            return last_person_before(cx, p).into_iter().collect();
        }
        (_, Some(q)) => {
            // The company named last before the word (in the sentence, or before it).
            return cx
                .within(0, q)
                .filter(|&j| cx.kind(cx.entity(j)) == Some(OrgKind::Enterprise))
                .last()
                .map(|j| cx.entity(j))
                .into_iter()
                .collect();
        }
        _ => {}
    }
    if (s..verb).any(|q| starts_with_at(chars, q, "双方")) {
        return signing_parties(cx, s);
    }
    Vec::new()
}

/// The two parties of the agreement an article reports (`A与B签署…协议`, `A和B签约`): the
/// bodies joined by 与/和 in the last sentence before `before` that signs.
fn signing_parties(cx: &Context, before: usize) -> Vec<usize> {
    let chars = &cx.text.chars;
    let signing = |(s, e): (usize, usize)| {
        (s..e).any(|q| {
            ["签署", "签约", "签订"]
                .iter()
                .any(|w| starts_with_at(chars, q, w))
        })
    };
    for &(s, e) in cx.text.sentences.iter().rev().filter(|b| b.1 <= before) {
        if !signing((s, e)) {
            continue;
        }
        let bodies: Vec<usize> = cx
            .within(s, e)
            .filter(|&j| cx.mentions[j].entity_type == EntityType::Organisation)
            .collect();
        for w in bodies.windows(2) {
            let (a, b) = (&cx.mentions[w[0]], &cx.mentions[w[1]]);
            let between: String = chars[a.end..b.start.max(a.end)].iter().collect();
            if between == "与" || between == "和" {
                return vec![cx.entity(w[0]), cx.entity(w[1])];
            }
        }
    }
    Vec::new()
}

/// True when the name at `start` is credited as press: after 记者, 通讯员, 编辑 (or a list
/// of such names).
fn byline(cx: &Context, start: usize) -> bool {
    let chars = &cx.text.chars;
    let person_ending = |end: usize| {
        cx.mention_ending(EntityType::Person, end)
            .map(|k| &cx.mentions[k])
    };
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
        if cx
            .lex
            .title_ending_at(chars, j)
            .is_some_and(|t| t.kind == TitleKind::Press)
        {
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
        assert!(
            has(&t, "宁波市第十四次党代会", "proposes", "现代产业体系"),
            "{t:?}"
        );
    }

    #[test]
    fn an_actor_proposes_what_they_push_and_where() {
        let t = triples("宁波市委书记李明华在象山县推进“海洋强县”工程。");
        assert!(has(&t, "李明华", "proposes", "海洋强县工程"), "{t:?}");
        assert!(has(&t, "海洋强县工程", "locatedIn", "象山县"), "{t:?}");
        let t = triples("李明华参观了展览。现代产业体系很重要。");
        assert!(
            t.iter().all(|x| x.1 != "proposes"),
            "no proposal verb, no proposal: {t:?}"
        );
    }

    #[test]
    fn reporters_in_the_byline_propose_nothing() {
        let t =
            triples("(记者 周小明 通讯员 孙丽)宁波市委书记李明华主持会议,部署推进“三个一号工程”。");
        assert!(has(&t, "李明华", "proposes", "三个一号工程"), "{t:?}");
        assert!(
            !t.iter()
                .any(|x| x.1 == "proposes" && (x.0 == "周小明" || x.0 == "孙丽")),
            "{t:?}"
        );
    }

    #[test]
    fn speakers_of_quotes_and_pronouns_propose() {
        let t = triples("“我们要加快推进数字乡村建设工程。”宁波市委书记李明华说。");
        assert!(has(&t, "李明华", "proposes", "数字乡村建设工程"), "{t:?}");
        let t = triples("温州市委书记赵国强参加讨论。他说,要全面实施“强村富民”计划。");
        assert!(has(&t, "赵国强", "proposes", "强村富民"), "{t:?}");
    }

    #[test]
    fn a_government_work_report_proposes_its_programmes_to_the_end_of_the_paragraph() {
        let t = triples("浙江省人民政府省长王浩向大会作政府工作报告。\n报告提出,浙江将推动杭甬地区协同发展;深化“浙里办”政务服务,推进杭温高铁建设。");
        assert!(
            has(&t, "浙江省人民政府", "proposes", "杭甬地区协同发展"),
            "{t:?}"
        );
        assert!(
            has(&t, "浙江省人民政府", "proposes", "浙里办"),
            "the paragraph is the report's: {t:?}"
        );
        assert!(has(&t, "浙江省人民政府", "proposes", "杭温高铁"), "{t:?}");
        assert!(
            !t.iter().any(|x| x.0 == "王浩" && x.1 == "proposes"),
            "{t:?}"
        );
    }

    #[test]
    fn a_bare_party_congress_is_the_home_places_and_its_report_quotes_are_its_own() {
        let t = triples("东阳市委召开会议。东阳发展势头好。市政协委员王芳说,她的提案是基于东阳党代会报告中“着力构建‘3+1’现代产业体系”提出的。");
        assert!(
            has(&t, "东阳市党代会", "proposes", "3+1现代产业体系"),
            "{t:?}"
        );
        assert!(
            !has(&t, "王芳", "proposes", "3+1现代产业体系"),
            "a speaker discusses a report's proposal: {t:?}"
        );
    }

    #[test]
    fn carried_subjects_a_pronoun_and_the_two_parties() {
        let t = triples("浙江农林大学与宏达汽车集团有限公司签署战略合作协议。根据协议,双方将共建新能源汽车联合研究院,并实施“卓越工程师”联合培养计划。");
        for party in ["浙江农林大学", "宏达汽车集团有限公司"] {
            assert!(
                has(&t, party, "proposes", "卓越工程师联合培养计划"),
                "{party}: {t:?}"
            );
        }
        let t = triples(
            "王强说,要加快发展。\n代表李华说,村里产业越做越大,她建议,在全省推广“一村一品”经验。",
        );
        assert!(has(&t, "李华", "proposes", "一村一品"), "{t:?}");
        assert!(!has(&t, "王强", "proposes", "一村一品"), "{t:?}");
        let t = triples(
            "谭晓峰是驻村第一书记。到村后,他和村党支部书记罗德明一起,推行“合作社+农户”模式。",
        );
        assert!(has(&t, "谭晓峰", "proposes", "合作社+农户模式"), "{t:?}");
    }

    #[test]
    fn a_plenary_proposes_the_decision_it_adopts() {
        let t = triples("中国共产党福建省第十一届委员会第五次全体会议在福州举行。全会审议通过了《中共福建省委关于深入推进新时代新福建建设的决定》。");
        assert!(
            t.iter()
                .any(|x| x.1 == "proposes" && x.2 == "新时代新福建" && x.0.ends_with("全体会议")),
            "{t:?}"
        );
    }

    #[test]
    fn a_speaker_proposes_what_the_paragraph_of_their_words_names() {
        let t = triples("李华表示,双方将携手共建。更为合肥科创中心建设作出新贡献。\n下一段与他无关,要推进“数字乡村”建设。");
        assert!(has(&t, "李华", "proposes", "合肥科创中心"), "{t:?}");
        assert!(!has(&t, "李华", "proposes", "数字乡村"), "{t:?}");
        let t = triples("“要推进杭温高铁建设。”市政协委员、城关镇副镇长王芳说。");
        assert!(
            has(&t, "王芳", "proposes", "杭温高铁"),
            "a speaker after a chain of posts: {t:?}"
        );
    }

    #[test]
    fn a_report_quoted_by_a_speaker_ends_with_the_quote() {
        let t = triples("“报告提出,要加快建设现代化国际港口城市。”市党代会代表、北仑区委书记陈国强说,北仑将推进“共富工坊”建设。");
        assert!(has(&t, "陈国强", "proposes", "共富工坊"), "{t:?}");
        assert!(
            !t.iter()
                .any(|x| x.1 == "proposes" && x.2 == "共富工坊" && x.0 != "陈国强"),
            "{t:?}"
        );
    }

    #[test]
    fn a_reports_paragraph_ends_where_a_speaker_takes_over_and_cited_plans_are_nobodys_proposal() {
        let t = triples("宁波市第十四次党代会召开。\n报告指出,要构建协同共治的基层治理体系。李华代表认为,要健全“民情通达”机制。\n王芳说,根据《长三角城际铁路建设规划》,要推进杭温高铁建设。");
        assert!(
            has(&t, "宁波市第十四次党代会", "proposes", "基层治理体系"),
            "{t:?}"
        );
        assert!(has(&t, "李华", "proposes", "民情通达"), "{t:?}");
        assert!(
            !has(&t, "宁波市第十四次党代会", "proposes", "民情通达"),
            "{t:?}"
        );
        assert!(has(&t, "王芳", "proposes", "杭温高铁"), "{t:?}");
        assert!(
            !has(&t, "王芳", "proposes", "长三角城际铁路建设规划"),
            "{t:?}"
        );
    }

    #[test]
    fn a_members_proposal_title_and_subjects_carried_by_pronouns() {
        let t = triples(
            "市政协委员王芳说:“我这次带来的提案是《关于加快推进东阳木雕小镇建设的提案》。”",
        );
        assert!(has(&t, "王芳", "proposes", "东阳木雕小镇"), "{t:?}");
        let t =
            triples("宏达电器有限公司董事长李华出席签约。该公司将投资建设东阳智能家电产业园项目。");
        assert!(
            has(&t, "宏达电器有限公司", "proposes", "东阳智能家电产业园项目"),
            "{t:?}"
        );
        let t = triples("村党支部书记王强回到村里。他带领村民打造“共富果园”品牌。");
        assert!(has(&t, "王强", "proposes", "共富果园"), "{t:?}");
    }

    #[test]
    fn a_company_signing_a_projects_agreement_puts_the_project_forward() {
        let t = triples(
            "襄阳经开区党工委副书记、管委会主任张某主持仪式,并与湖北睿驰新能源科技有限公司总经理王某签订年产30万吨再生铝项目投资协议。",
        );
        assert!(
            has(
                &t,
                "湖北睿驰新能源科技有限公司",
                "proposes",
                "年产30万吨再生铝项目"
            ),
            "{t:?}"
        );
        assert!(
            has(&t, "年产30万吨再生铝项目", "locatedIn", "襄阳经开区"),
            "where the zone that signs it is, not the province the company is named after: {t:?}"
        );
        let t = triples("湖北睿驰新能源科技有限公司总经理王某参观了年产30万吨再生铝项目。");
        assert!(
            t.iter().all(|x| x.1 != "proposes"),
            "a visit signs nothing: {t:?}"
        );
    }

    #[test]
    fn a_report_titled_by_its_goal_and_a_speakers_company() {
        let t = triples(
            "中国共产党磐安县第十五次代表大会开幕。县委书记王某代表中共磐安县第十四届委员会向大会作题为《奋力建设浙中生态康养名县》的报告。",
        );
        assert!(
            has(&t, "磐安县第十五次党代会", "proposes", "浙中生态康养名县"),
            "{t:?}"
        );
        assert!(
            !t.iter().any(|x| x.0 == "王某" && x.1 == "represents"),
            "代表 a committee is the verb: {t:?}"
        );
        let t = triples(
            "磐安云峰茶业有限公司董事长李云芳来到会场。她表示,企业将建设万亩生态茶园,带动茶农增收。",
        );
        assert!(
            has(&t, "磐安云峰茶业有限公司", "proposes", "万亩生态茶园"),
            "{t:?}"
        );
        assert!(has(&t, "李云芳", "proposes", "万亩生态茶园"), "{t:?}");
    }

    #[test]
    fn what_a_government_and_a_group_build_together_lies_in_the_governments_place() {
        let t = triples(
            "磐安县人民政府与龙泉交通投资集团有限公司签约。双方将共同推进磐新高速公路项目建设。",
        );
        assert!(has(&t, "磐新高速公路项目", "locatedIn", "磐安县"), "{t:?}");
    }

    #[test]
    fn a_company_word_opening_the_verbs_clause_is_the_company_named_before() {
        let t = triples(
            "全国人大代表、遂昌金矿集团有限公司董事长王立新表示,企业将实施“三年倍增”行动,为全省发展贡献力量。",
        );
        assert!(
            has(&t, "遂昌金矿集团有限公司", "proposes", "三年倍增"),
            "{t:?}"
        );
    }

    #[test]
    fn the_body_a_modifying_body_runs_is_the_actor() {
        let t = triples(
            "泗安村党支部领办的长兴县泗安种植专业合作社,采取“合作社+农户”模式,带动村民增收。",
        );
        assert!(
            has(
                &t,
                "长兴县泗安种植专业合作社",
                "proposes",
                "合作社+农户模式"
            ),
            "{t:?}"
        );
    }

    #[test]
    fn reports_with_an_adverb_bodies_opening_a_clause_listed_actors_and_proposals_brought() {
        let t = triples(
            "省长王立新代表省人民政府作政府工作报告。报告还提出,要支持某市建设省域副中心城市。",
        );
        assert!(
            t.iter()
                .any(|x| x.1 == "proposes" && x.2 == "省域副中心城市" && x.0.ends_with("政府")),
            "{t:?}"
        );
        let t = triples(
            "在深圳锐能汽车股份有限公司,董事长王振宇表示,锐能汽车将在赣州建设新能源汽车零部件产业园。",
        );
        assert!(
            has(
                &t,
                "深圳锐能汽车股份有限公司",
                "proposes",
                "新能源汽车零部件产业园"
            ),
            "{t:?}"
        );
        let t = triples("钦州市委、市政府将持续深化“放管服”改革。");
        assert!(
            t.iter()
                .filter(|x| x.1 == "proposes" && x.2 == "放管服")
                .count()
                == 2,
            "{t:?}"
        );
        let t = triples(
            "今年全国人代会上,代表李云芳带来了《关于支持磐安云峰茶产业高质量发展的建议》。",
        );
        assert!(
            t.iter().any(|x| x.0 == "李云芳" && x.1 == "proposes"),
            "{t:?}"
        );
    }

    #[test]
    fn a_body_before_its_quoted_programme_and_a_company_carried_through_clauses() {
        let t = triples("长宁县委“农业强县、文化兴县”发展战略深入实施。");
        assert!(
            has(&t, "长宁县委", "proposes", "农业强县、文化兴县"),
            "{t:?}"
        );
        let t =
            triples("湖南青禾食品科技有限公司董事长周立说,公司将坚持创新,建设年产5万吨果汁项目。");
        assert!(
            has(
                &t,
                "湖南青禾食品科技有限公司",
                "proposes",
                "年产5万吨果汁项目"
            ),
            "{t:?}"
        );
    }

    #[test]
    fn a_body_opening_an_earlier_clause_and_a_session_adopting_a_regulation() {
        let t = triples(
            "副市长钱小东说,嘉兴市政府将加快培育新材料产业,建设嘉兴滨海新区集成电路产业园。",
        );
        assert!(
            has(&t, "嘉兴市政府", "proposes", "嘉兴滨海新区集成电路产业园"),
            "{t:?}"
        );
        // Bodies that are the object of a clause's verb (围绕县委、县政府部署) carry nothing.
        let t = triples("某镇镇长李立说,全镇将围绕县委、县政府部署,抓好现代农业产业园建设。");
        assert!(
            !t.iter().any(|x| x.1 == "proposes" && x.0.contains("政府")),
            "{t:?}"
        );
        let t = triples(
            "嘉兴市第九届人民代表大会常务委员会第十五次会议举行。市人大常委会主任张伟主持会议。\n会议表决通过了《嘉兴市古城保护条例》。",
        );
        assert!(
            has(
                &t,
                "嘉兴市第九届人民代表大会常务委员会第十五次会议",
                "proposes",
                "嘉兴市古城保护条例"
            ),
            "{t:?}"
        );
    }

    #[test]
    fn a_congress_in_a_deputys_title_owns_no_report() {
        let t = triples(
            "出席湖北省十三届人大四次会议的襄阳代表团审议报告。\n省人大代表、某乡党委书记田秀英说,报告提出实施“鄂西山区开发”战略。",
        );
        assert!(!has(&t, "湖北省人大", "proposes", "鄂西山区开发"), "{t:?}");
        assert!(has(&t, "田秀英", "memberOf", "襄阳市代表团"), "{t:?}");
    }

    #[test]
    fn a_government_signing_for_a_project_proposes_it_and_a_reform_is_carried_out_here() {
        let t = triples("瑞金市人民政府与深圳市宏泰新材料有限公司签订新型储能材料项目合作协议。");
        assert!(
            has(&t, "瑞金市人民政府", "proposes", "新型储能材料项目"),
            "{t:?}"
        );
        assert!(
            has(
                &t,
                "深圳市宏泰新材料有限公司",
                "proposes",
                "新型储能材料项目"
            ),
            "{t:?}"
        );
        // 放管服 is carried out by each government, where it is.
        let t = triples("瑞金市人民政府工作报告提出,要深化“放管服”改革。");
        assert!(has(&t, "放管服", "locatedIn", "瑞金市"), "{t:?}");
    }

    #[test]
    fn a_body_that_opens_the_reports_statement_is_whose_the_programme_is() {
        let t = triples(
            "县政协主席陈芳代表县政协常委会作工作报告。报告提出,今年县政协将深入开展“委员联百企”活动。",
        );
        assert!(has(&t, "县政协", "proposes", "委员联百企"), "{t:?}");
        assert!(
            !t.iter().any(|x| x.0.contains("常") && x.1 == "proposes"),
            "{t:?}"
        );
        // A place that opens it is no body: the report's owner keeps it.
        let t =
            triples("县长陈芳代表县人民政府作政府工作报告。报告提出,今年全县将实施“强县工程”。");
        assert!(
            t.iter()
                .any(|x| x.0.ends_with("政府") && x.1 == "proposes" && x.2 == "强县工程"),
            "{t:?}"
        );
    }

    #[test]
    fn a_resolutions_line_is_the_sessions_that_adopted_it() {
        let t = triples(
            "太原市第十六届人民代表大会第三次会议闭幕。大会表决通过了关于政府工作报告的决议。决议要求,全市要实施“制造强市”战略。",
        );
        assert!(
            has(
                &t,
                "太原市第十六届人民代表大会第三次会议",
                "proposes",
                "制造强市"
            ),
            "{t:?}"
        );
    }

    #[test]
    fn partners_joined_to_a_clauses_opener_act_and_an_earlier_subject_does_not() {
        let t = triples(
            "其中,兰州星海科技有限公司建设年产10万台电机项目,太原文旅集团有限公司与兰州山河文旅发展有限公司合作开发古城文化旅游区。",
        );
        assert!(
            has(&t, "太原文旅集团有限公司", "proposes", "古城文化旅游区"),
            "{t:?}"
        );
        assert!(
            has(&t, "兰州山河文旅发展有限公司", "proposes", "古城文化旅游区"),
            "{t:?}"
        );
        assert!(
            !has(&t, "兰州星海科技有限公司", "proposes", "古城文化旅游区"),
            "{t:?}"
        );
        // A body brought in is no actor.
        let t = triples("工作队协调引进兰州星海木耳专业合作社,推行“合作社+农户”模式。");
        assert!(
            !t.iter()
                .any(|x| x.0.contains("合作社") && x.1 == "proposes"),
            "{t:?}"
        );
    }
}

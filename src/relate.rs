//! Stage 5, relate: the five predicates between resolved entities, each with its evidence
//! span and a confidence. Each finder is its own function:
//! - [`affiliations`]: apposition chains around a name (`宁波市委常委、宣传部部长李明华代表`,
//!   `李明华 党的十九大代表、…村党总支书记`) and bylines give leads / memberOf / represents;
//! - [`proposals`]: report proposals (`报告指出 …` → the body whose report it is) and
//!   people or bodies that push an initiative with a proposal verb in the same sentence;
//! - [`locations`]: address chains, the gazetteer's hierarchy, the seats of bodies and the
//!   places where initiatives are carried out.

use crate::gazetteer::Gazetteer;
use crate::lexicon::{starts_with_at, Lexicon, OrgKind, TitleKind};
use crate::recognise::{Detail, Mention};
use crate::resolve::Resolved;
use crate::schema::{EntityType, Predicate, Relation, Span};
use crate::segment::Text;

/// Everything the finders need, borrowed.
pub struct Context<'a> {
    pub text: &'a Text,
    pub lex: &'a Lexicon,
    pub mentions: &'a [Mention],
    pub resolved: &'a Resolved,
}

impl Context<'_> {
    fn entity(&self, mention: usize) -> usize {
        self.resolved.entity_of[mention]
    }
    fn kind(&self, entity: usize) -> Option<OrgKind> {
        self.resolved.info[entity].org_kind
    }
    fn etype(&self, entity: usize) -> EntityType {
        self.resolved.entities[entity].entity_type
    }
    fn mention_ending(&self, t: EntityType, end: usize) -> Option<usize> {
        self.mentions.iter().rposition(|m| m.entity_type == t && m.end == end)
    }
    fn mention_starting(&self, t: EntityType, start: usize) -> Option<usize> {
        self.mentions.iter().position(|m| m.entity_type == t && m.start == start)
    }
}

/// All relations, deduplicated (the first evidence and the highest confidence kept).
pub fn relate(cx: &Context) -> Vec<Relation> {
    let mut found: Vec<(usize, Predicate, usize, Span, f32)> = Vec::new();
    affiliations(cx, &mut found);
    proposals(cx, &mut found);
    locations(cx, &mut found);
    let mut out: Vec<Relation> = Vec::new();
    for (s, p, o, span, conf) in found {
        if s == o {
            continue;
        }
        let subject = cx.resolved.entities[s].id.clone();
        let object = cx.resolved.entities[o].id.clone();
        if let Some(r) = out.iter_mut().find(|r| r.subject == subject && r.predicate == p && r.object == object) {
            r.confidence = r.confidence.max(conf);
            continue;
        }
        out.push(Relation {
            subject,
            predicate: p,
            object,
            evidence: Some(span),
            confidence: conf,
        });
    }
    out
}

type Found = Vec<(usize, Predicate, usize, Span, f32)>;

/// One item of an apposition chain: a body or place (if named) and a title.
#[derive(Debug, Clone, Copy)]
struct Post {
    unit: Option<usize>,
    kind: TitleKind,
}

/// leads / memberOf / represents from the posts written around each person's name.
pub fn affiliations(cx: &Context, out: &mut Found) {
    let chars = &cx.text.chars;
    let mut previous: Option<(usize, Vec<Post>)> = None;
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Person {
            continue;
        }
        let person = cx.entity(k);
        let (mut posts, mut span) = posts_before(cx, m.start);
        let (after, after_end) = posts_after(cx, m.end);
        posts.extend(after);
        span.1 = span.1.max(after_end);
        // `记者刘大海、孙丽`: a name listed after another shares its posts.
        if posts.is_empty() && m.start > 0 && chars[m.start - 1] == '、' {
            if let Some((end, p)) = &previous {
                if *end + 1 == m.start {
                    posts = p.clone();
                }
            }
        }
        previous = Some((m.end, posts.clone()));
        let evidence = Span {
            start: span.0.min(m.start),
            end: span.1.max(m.end),
        };
        let mut delegate = false;
        let mut congress_named = false;
        for post in &posts {
            match (post.kind, post.unit) {
                (TitleKind::Head, Some(u)) if cx.etype(u) == EntityType::Organisation => {
                    out.push((person, Predicate::Leads, u, evidence, 0.9))
                }
                (TitleKind::Member, Some(u)) if cx.etype(u) == EntityType::Organisation => {
                    out.push((person, Predicate::MemberOf, u, evidence, 0.85))
                }
                (TitleKind::Press, unit) => {
                    let medium = unit.filter(|&u| cx.etype(u) == EntityType::Organisation).or_else(|| credited_source(cx));
                    if let Some(u) = medium {
                        out.push((person, Predicate::MemberOf, u, evidence, 0.85));
                    }
                }
                (TitleKind::Delegate, unit) => {
                    delegate = true;
                    if let Some(u) = unit {
                        if cx.kind(u) == Some(OrgKind::Congress) {
                            congress_named = true;
                            out.push((person, Predicate::MemberOf, u, evidence, 0.85));
                        } else if cx.etype(u) == EntityType::Place || cx.kind(u) == Some(OrgKind::Enterprise) {
                            out.push((person, Predicate::Represents, u, evidence, 0.8));
                        }
                    }
                }
                _ => {}
            }
        }
        if !delegate {
            continue;
        }
        // A delegate represents the unit of their affiliation: the enterprise, else the
        // most specific place their bodies sit in.
        let units: Vec<usize> = posts
            .iter()
            .filter_map(|p| p.unit)
            .filter(|&u| cx.etype(u) == EntityType::Organisation && cx.kind(u) != Some(OrgKind::Congress))
            .collect();
        let enterprise = units.iter().find_map(|&u| {
            let mut e = Some(u);
            while let Some(x) = e {
                if cx.kind(x) == Some(OrgKind::Enterprise) {
                    return Some(x);
                }
                e = cx.resolved.info[x].parent;
            }
            None
        });
        let place = units
            .iter()
            .filter_map(|&u| cx.resolved.info[u].seat)
            .max_by_key(|&p| cx.resolved.info[p].level.unwrap_or(0));
        if let Some(unit) = enterprise.or(place) {
            out.push((person, Predicate::Represents, unit, evidence, 0.8));
        }
        // A delegate attends the congress of the article when it names exactly one.
        if !congress_named {
            let congresses: Vec<usize> = (0..cx.resolved.entities.len())
                .filter(|&e| cx.kind(e) == Some(OrgKind::Congress))
                .collect();
            if let [c] = congresses.as_slice() {
                out.push((person, Predicate::MemberOf, *c, evidence, 0.6));
            }
        }
    }
}

/// The medium credited in the article's `来源:` line, or the first medium named.
fn credited_source(cx: &Context) -> Option<usize> {
    let chars = &cx.text.chars;
    let credited = cx.mentions.iter().position(|m| {
        m.entity_type == EntityType::Organisation
            && m.start >= 3
            && starts_with_at(chars, m.start - 3, "来源:")
    });
    credited
        .map(|k| cx.entity(k))
        .or_else(|| (0..cx.resolved.entities.len()).find(|&e| cx.kind(e) == Some(OrgKind::Media)))
}

/// Posts written before a name: `A常委、B部长李明华`, `记者 周小明`, `编辑:孙丽`.
fn posts_before(cx: &Context, name_start: usize) -> (Vec<Post>, (usize, usize)) {
    let chars = &cx.text.chars;
    let mut posts = Vec::new();
    let mut pos = name_start;
    while pos > 0 && matches!(chars[pos - 1], ' ' | ':' | '\u{3000}') {
        pos -= 1;
    }
    let mut first = name_start;
    while let Some(title) = cx.lex.title_ending_at(chars, pos) {
        let t_start = pos - title.word.chars().count();
        let unit = cx
            .mention_ending(EntityType::Organisation, t_start)
            .or_else(|| cx.mention_ending(EntityType::Place, t_start));
        posts.push(Post {
            unit: unit.map(|u| cx.entity(u)),
            kind: title.kind,
        });
        pos = unit.map_or(t_start, |u| cx.mentions[u].start);
        first = pos;
        // Places written before the body (安吉县递铺街道鲁家村党总支) belong to the chain too.
        while let Some(p) = cx.mention_ending(EntityType::Place, pos) {
            pos = cx.mentions[p].start;
            first = pos;
        }
        if pos > 0 && chars[pos - 1] == '、' {
            pos -= 1;
        } else {
            break;
        }
    }
    (posts, (first, name_start))
}

/// Posts written after a name: its own title (`李明华代表`), or a profile line
/// (`李明华 党的十九大代表、…村党总支书记、村委会主任`).
fn posts_after(cx: &Context, name_end: usize) -> (Vec<Post>, usize) {
    let chars = &cx.text.chars;
    let mut posts = Vec::new();
    // The title right after the name. 代表 followed by a body or place is the verb
    // (章某代表县政府致辞), not the title.
    if let Some(t) = cx.lex.title_at(chars, name_end) {
        let after = name_end + t.word.chars().count();
        let verb_use = t.kind == TitleKind::Delegate
            && cx.mentions.iter().any(|m| m.start == after && m.entity_type != EntityType::Person)
            || after < chars.len() && "县市省区镇村全".contains(chars[after]) && t.kind == TitleKind::Delegate;
        if !verb_use && t.kind == TitleKind::Delegate {
            posts.push(Post { unit: None, kind: t.kind });
        }
        return (posts, after);
    }
    // A profile line: the name, white space, then posts separated by 、.
    let mut pos = name_end;
    while pos < chars.len() && matches!(chars[pos], ' ' | '\u{3000}' | '\t') {
        pos += 1;
    }
    if pos == name_end {
        return (posts, name_end);
    }
    let mut end = pos;
    loop {
        // Skip the places of an address chain to the body they lead up to.
        let mut unit_pos = pos;
        while let Some(p) = cx.mention_starting(EntityType::Place, unit_pos) {
            let pe = cx.mentions[p].end;
            if cx.mention_starting(EntityType::Place, pe).is_some()
                || cx.mention_starting(EntityType::Organisation, pe).is_some()
            {
                unit_pos = pe;
            } else {
                break;
            }
        }
        let unit = cx
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.entity_type == EntityType::Organisation && (m.start == unit_pos || m.start == pos))
            .max_by_key(|(_, m)| m.end)
            .map(|(k, _)| k);
        let t_pos = unit.map_or(pos, |u| cx.mentions[u].end);
        let Some(title) = cx.lex.title_at(chars, t_pos) else { break };
        posts.push(Post {
            unit: unit.map(|u| cx.entity(u)),
            kind: title.kind,
        });
        end = t_pos + title.word.chars().count();
        if end < chars.len() && chars[end] == '、' {
            pos = end + 1;
        } else {
            break;
        }
    }
    (posts, end)
}

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

/// locatedIn: address chains, gazetteer parents, seats of bodies, where initiatives happen.
pub fn locations(cx: &Context, out: &mut Found) {
    let g = Gazetteer::get();
    let info = &cx.resolved.info;
    let places: Vec<usize> = (0..cx.mentions.len())
        .filter(|&k| cx.mentions[k].entity_type == EntityType::Place)
        .collect();
    let mut has_parent = vec![false; cx.resolved.entities.len()];
    // Address chains: 安吉县递铺街道鲁家村.
    for w in places.windows(2) {
        let (a, b) = (&cx.mentions[w[0]], &cx.mentions[w[1]]);
        let (ea, eb) = (cx.entity(w[0]), cx.entity(w[1]));
        if a.end == b.start && info[eb].level > info[ea].level {
            out.push((eb, Predicate::LocatedIn, ea, Span { start: a.start, end: b.end }, 0.95));
            has_parent[eb] = true;
        }
    }
    // The gazetteer: the nearest ancestor the article names.
    for &k in &places {
        let e = cx.entity(k);
        if has_parent[e] {
            continue;
        }
        let Some(d) = info[e].division else { continue };
        let named = g.ancestors(d).into_iter().find_map(|a| {
            (0..cx.resolved.entities.len()).find(|&x| info[x].division == Some(a))
        });
        if let Some(parent) = named {
            let m = &cx.mentions[k];
            out.push((e, Predicate::LocatedIn, parent, Span { start: m.start, end: m.end }, 0.9));
            has_parent[e] = true;
        }
    }
    // Towns and villages with no stated parent: the nearest higher-level place before them.
    for &k in &places {
        let e = cx.entity(k);
        let Some(level) = info[e].level.filter(|&l| l >= 4) else { continue };
        if has_parent[e] {
            continue;
        }
        let parent = places
            .iter()
            .rev()
            .filter(|&&j| cx.mentions[j].end <= cx.mentions[k].start)
            .map(|&j| cx.entity(j))
            .find(|&pe| info[pe].level.is_some_and(|l| l < level && l >= level.saturating_sub(2)));
        if let Some(p) = parent {
            let m = &cx.mentions[k];
            out.push((e, Predicate::LocatedIn, p, Span { start: m.start, end: m.end }, 0.6));
            has_parent[e] = true;
        }
    }
    // Bodies sit where their name (or context) puts them.
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Organisation {
            continue;
        }
        let e = cx.entity(k);
        if let Some(seat) = info[e].seat {
            out.push((e, Predicate::LocatedIn, seat, Span { start: m.start, end: m.end }, 0.85));
        }
    }
    // Initiatives: the most specific places of the sentences that name them, else of the
    // paragraph of their first mention.
    let n = cx.resolved.entities.len();
    for e in 0..n {
        if cx.etype(e) != EntityType::Initiative {
            continue;
        }
        let ms: Vec<usize> = (0..cx.mentions.len()).filter(|&k| cx.entity(k) == e).collect();
        if ms.iter().all(|&k| matches!(cx.mentions[k].detail, Detail::Initiative { slogan: true })) {
            continue;
        }
        let mut any = false;
        for &k in &ms {
            let bounds = cx.text.sentence_of(cx.mentions[k].start);
            any |= place_in(cx, e, bounds, out);
        }
        if !any {
            // Else the places the paragraph has named before the first mention.
            if let Some(&k) = ms.first() {
                let (p_start, _) = cx.text.paragraph_of(cx.mentions[k].start);
                place_in(cx, e, (p_start, cx.mentions[k].start), out);
            }
        }
    }
}

/// Links initiative `e` to the most specific places named (or seated) within `bounds`.
fn place_in(cx: &Context, e: usize, bounds: (usize, usize), out: &mut Found) -> bool {
    let info = &cx.resolved.info;
    let mut cands: Vec<usize> = Vec::new();
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.start < bounds.0 || m.end > bounds.1 {
            continue;
        }
        let x = cx.entity(k);
        match m.entity_type {
            EntityType::Place => cands.push(x),
            EntityType::Organisation => cands.extend(info[x].seat),
            _ => {}
        }
    }
    let Some(best) = cands.iter().filter_map(|&p| info[p].level).max() else {
        return false;
    };
    cands.retain(|&p| info[p].level == Some(best));
    cands.sort();
    cands.dedup();
    for p in cands {
        out.push((e, Predicate::LocatedIn, p, Span { start: bounds.0, end: bounds.1 }, 0.6));
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::article::parse_text;
    use crate::extract::Extractor;
    use crate::lexicon::Lexicon;

    /// (subject, predicate, object) by entity name, for a body under a dummy headline.
    fn triples(body: &str) -> Vec<(String, String, String)> {
        let a = parse_text("t", &format!("标题\n\n{body}\n")).expect("article");
        let x = Extractor::new(Lexicon::builtin()).extract(&a);
        let name = |id: &str| x.entity(id).map(|e| e.name.clone()).unwrap_or_default();
        x.relations
            .iter()
            .map(|r| (name(&r.subject), r.predicate.as_str().to_string(), name(&r.object)))
            .collect()
    }

    fn has(t: &[(String, String, String)], s: &str, p: &str, o: &str) -> bool {
        t.iter().any(|x| x.0 == s && x.1 == p && x.2 == o)
    }

    #[test]
    fn apposition_chain_gives_head_member_and_represents() {
        let t = triples("宁波市委常委、宣传部部长李明华代表说,要抓好落实。");
        assert!(has(&t, "李明华", "leads", "宁波市委宣传部"), "{t:?}");
        assert!(has(&t, "李明华", "memberOf", "宁波市委"), "{t:?}");
        assert!(has(&t, "李明华", "represents", "宁波市"), "{t:?}");
        assert!(!has(&t, "李明华", "leads", "宁波市委"), "常委 is no head post: {t:?}");
    }

    #[test]
    fn a_deputy_does_not_lead() {
        let t = triples("温州市委副书记赵国强表示,要抓好落实。");
        assert!(has(&t, "赵国强", "memberOf", "温州市委"), "{t:?}");
        assert!(!has(&t, "赵国强", "leads", "温州市委"), "{t:?}");
    }

    #[test]
    fn village_posts_and_the_village_committee_from_context() {
        let t = triples("安吉县递铺街道鲁家村党总支书记、村委会主任朱仁斌代表说,村里变化很大。");
        assert!(has(&t, "朱仁斌", "leads", "鲁家村党总支"), "{t:?}");
        assert!(has(&t, "朱仁斌", "leads", "鲁家村村委会"), "{t:?}");
        assert!(has(&t, "朱仁斌", "represents", "鲁家村"), "{t:?}");
        assert!(has(&t, "鲁家村党总支", "locatedIn", "鲁家村"), "{t:?}");
    }

    #[test]
    fn an_enterprise_delegate_represents_the_enterprise() {
        let t = triples("宏达集团党委书记钱志刚代表深有体会。");
        assert!(has(&t, "钱志刚", "leads", "宏达集团党委"), "{t:?}");
        assert!(has(&t, "钱志刚", "represents", "宏达集团"), "{t:?}");
    }

    #[test]
    fn daibiao_as_a_verb_is_not_a_delegate() {
        let t = triples("宁波市委书记李明华代表市委向大家表示感谢。");
        assert!(has(&t, "李明华", "leads", "宁波市委"), "{t:?}");
        assert!(t.iter().all(|x| x.1 != "represents"), "{t:?}");
    }

    #[test]
    fn bylines_make_members_of_the_credited_medium() {
        let t = triples("正文很短。\n\n来源:宁波日报   作者:记者 周小明 编辑:孙丽");
        assert!(has(&t, "周小明", "memberOf", "宁波日报"), "{t:?}");
        assert!(has(&t, "孙丽", "memberOf", "宁波日报"), "{t:?}");
        let t = triples("(宁波日报记者 周小明、孙丽)正文很短。");
        assert!(has(&t, "孙丽", "memberOf", "宁波日报"), "{t:?}");
    }

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

    #[test]
    fn address_chains_and_the_gazetteer_give_located_in() {
        let t = triples("在江苏省苏州市昆山市周市镇,工厂开工。");
        assert!(has(&t, "周市镇", "locatedIn", "昆山市"), "{t:?}");
        assert!(has(&t, "昆山市", "locatedIn", "苏州市"), "{t:?}");
        assert!(has(&t, "苏州市", "locatedIn", "江苏省"), "{t:?}");
        assert!(!has(&t, "周市镇", "locatedIn", "江苏省"), "only the nearest container: {t:?}");
    }
}

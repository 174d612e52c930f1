//! locatedIn: address chains, the gazetteer's hierarchy, seats of bodies, where initiatives happen.

use super::{Context, Found};
use crate::extract::lexicon::{starts_with_at, OrgKind};
use crate::extract::recognise::Detail;
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::schema::{EntityType, Predicate, Span};

/// locatedIn: address chains, gazetteer parents, seats of bodies, where initiatives happen.
pub fn locations(cx: &Context, out: &mut Found) {
    let g = Gazetteer::get();
    let info = &cx.resolved.info;
    let places: Vec<usize> = (0..cx.mentions.len())
        .filter(|&k| cx.mentions[k].entity_type == EntityType::Place)
        .collect();
    let mut has_parent = vec![false; cx.resolved.entities.len()];
    // The nearest ancestor of a place that the article names, as the gazetteer knows it.
    let named_ancestor = |e: usize| {
        g.ancestors(info[e].division?)
            .into_iter()
            .find_map(|a| (0..cx.resolved.entities.len()).find(|&x| info[x].division == Some(a)))
    };
    // Address chains: 安吉县递铺街道鲁家村; a chain that skips a level the article names
    // elsewhere (内蒙古乌审旗, and 鄂尔多斯市 in another sentence) is the gazetteer's to link.
    for w in places.windows(2) {
        let (a, b) = (&cx.mentions[w[0]], &cx.mentions[w[1]]);
        let (ea, eb) = (cx.entity(w[0]), cx.entity(w[1]));
        let skips = named_ancestor(eb).is_some_and(|p| p != ea && info[p].level > info[ea].level);
        if a.end == b.start && info[eb].level > info[ea].level && !skips {
            out.push((
                eb,
                Predicate::LocatedIn,
                ea,
                Span {
                    start: a.start,
                    end: b.end,
                },
                0.95,
            ));
            has_parent[eb] = true;
        }
    }
    // The gazetteer: the nearest ancestor the article names.
    for &k in &places {
        let e = cx.entity(k);
        if has_parent[e] {
            continue;
        }
        if let Some(parent) = named_ancestor(e) {
            let m = &cx.mentions[k];
            out.push((
                e,
                Predicate::LocatedIn,
                parent,
                Span {
                    start: m.start,
                    end: m.end,
                },
                0.9,
            ));
            has_parent[e] = true;
        }
    }
    // A zone named after its place (宁波经济技术开发区) is in that place.
    for &k in &places {
        let e = cx.entity(k);
        let m = &cx.mentions[k];
        if has_parent[e] {
            continue;
        }
        let prefix = places
            .iter()
            .find(|&&j| j != k && cx.mentions[j].start == m.start && cx.mentions[j].end < m.end);
        if let Some(&j) = prefix {
            out.push((
                e,
                Predicate::LocatedIn,
                cx.entity(j),
                Span {
                    start: m.start,
                    end: m.end,
                },
                0.9,
            ));
            has_parent[e] = true;
        }
    }
    // Towns and villages with no stated parent: the nearest higher-level place before them.
    for &k in &places {
        let e = cx.entity(k);
        let Some(level) = info[e].level.filter(|&l| l >= 4) else {
            continue;
        };
        if has_parent[e] {
            continue;
        }
        let parent = places
            .iter()
            .rev()
            .filter(|&&j| cx.mentions[j].end <= cx.mentions[k].start)
            .map(|&j| cx.entity(j))
            .find(|&pe| {
                info[pe]
                    .level
                    .is_some_and(|l| l < level && l >= level.saturating_sub(2))
            });
        if let Some(p) = parent {
            let m = &cx.mentions[k];
            out.push((
                e,
                Predicate::LocatedIn,
                p,
                Span {
                    start: m.start,
                    end: m.end,
                },
                0.6,
            ));
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
            out.push((
                e,
                Predicate::LocatedIn,
                seat,
                Span {
                    start: m.start,
                    end: m.end,
                },
                0.85,
            ));
        }
    }
    meetings_held(cx, out);
    situated(cx, out);
    // Initiatives: the most specific places of the sentences that name them, else of the
    // paragraph of their first mention.
    let n = cx.resolved.entities.len();
    for e in 0..n {
        if cx.etype(e) != EntityType::Initiative {
            continue;
        }
        let ms: Vec<usize> = (0..cx.mentions.len())
            .filter(|&k| cx.entity(k) == e)
            .collect();
        // A nationwide goal (高质量发展) is located only in the country its sentences name.
        let nationwide = ms.iter().all(|&k| {
            matches!(
                cx.mentions[k].detail,
                Detail::Initiative { nationwide: true }
            )
        });
        // The places of its own clause (实施…工程,支持伊川县、嵩县打造…: the project's
        // clause names none), else where the body that proposes it sits (全会强调…“两个高地”
        // → 浙江省), else the places of its sentences, else those the paragraph has named
        // before the first mention.
        let mut any = named_after_its_place(cx, e, out) || titled_scope(cx, e, &ms, out);
        if !any {
            for &k in &ms {
                let clause = clause_of(cx, cx.mentions[k].start);
                let mut found = places_for(cx, e, clause, nationwide, true);
                // 经开区…,推进芜湖某某产业园建设: where only the programme's own name places it
                // in its clause, a more specific place of its sentence does (the zone, not
                // the city the park is named after).
                let without_own = places_for(cx, e, clause, nationwide, false);
                if found.as_ref().map(|f| f.0) != without_own.as_ref().map(|f| f.0) {
                    let sentence = cx.text.sentence_of(cx.mentions[k].start);
                    let zone = zone_word_in(cx, sentence)
                        .filter(|&z| cx.resolved.info[z].level > found.as_ref().map(|f| f.0));
                    if let Some(z) = zone.filter(|_| !nationwide) {
                        found = cx.resolved.info[z].level.map(|l| (l, vec![z]));
                    }
                }
                any |= link(e, clause, found, out);
            }
        }
        // A public body's seat is where its programmes are carried out; a company's
        // (registered) seat says less than the sentence (将在…开发区建设…项目).
        let proposers: Vec<&(usize, Predicate, usize, Span, f32)> = out
            .iter()
            .filter(|f| {
                f.1 == Predicate::Proposes && f.2 == e && cx.etype(f.0) == EntityType::Organisation
            })
            .collect();
        let public = |b: usize| !info[b].org_kind.is_some_and(OrgKind::named_whole);
        // With a company (双方: a city and a group), the public party's seat.
        let seats: Vec<(usize, Span)> = proposers
            .iter()
            .filter(|f| public(f.0))
            .filter_map(|f| info[f.0].seat.map(|s| (s, f.3)))
            .collect();
        if !any && !nationwide && !seats.is_empty() {
            for (seat, span) in seats {
                out.push((e, Predicate::LocatedIn, seat, span, 0.6));
            }
            any = true;
        }
        if !any {
            for &k in &ms {
                let bounds = cx.text.sentence_of(cx.mentions[k].start);
                any |= place_in(cx, e, bounds, nationwide, out);
            }
        }
        if !any && !nationwide {
            if let Some(&k) = ms.first() {
                let (p_start, _) = cx.text.paragraph_of(cx.mentions[k].start);
                place_in(cx, e, (p_start, cx.mentions[k].start), false, out);
            }
        }
    }
}

/// `《长三角城际铁路建设规划》`: a plan in book-title marks covers the place its title
/// names, whatever places the text says it concerns.
fn titled_scope(cx: &Context, e: usize, ms: &[usize], out: &mut Found) -> bool {
    let chars = &cx.text.chars;
    let Some(&k) = ms.iter().find(|&&k| {
        let m = &cx.mentions[k];
        // The mention takes the marks in, or stands just inside them.
        chars[m.start] == '《' && m.end > 0 && chars[m.end - 1] == '》'
            || m.start > 0 && chars[m.start - 1] == '《' && chars.get(m.end) == Some(&'》')
    }) else {
        return false;
    };
    let m = &cx.mentions[k];
    let inside: Vec<usize> = cx
        .within(m.start, m.end)
        .filter(|&j| cx.mentions[j].entity_type == EntityType::Place)
        .map(|j| cx.entity(j))
        .collect();
    // A place named only there is no entity of the article: the plan is located nowhere
    // else all the same.
    for &p in inside.iter().filter(|&&p| !cx.resolved.info[p].hidden) {
        out.push((
            e,
            Predicate::LocatedIn,
            p,
            Span {
                start: m.start,
                end: m.end,
            },
            0.6,
        ));
    }
    !inside.is_empty()
}

/// The clause around `i`: from the mark before it to the mark after it (commas, stops,
/// semicolons; 、 joins items within a clause), inside its sentence.
fn clause_of(cx: &Context, i: usize) -> (usize, usize) {
    let chars = &cx.text.chars;
    let (s, e) = cx.text.sentence_of(i);
    let mark = |c: char| matches!(c, ',' | ';' | ':' | '。' | '!' | '?');
    let start = (s..i).rev().find(|&k| mark(chars[k])).map_or(s, |k| k + 1);
    let end = (i..e).find(|&k| mark(chars[k])).unwrap_or(e);
    (start, end)
}

/// `“大余村”模式` where the article names 余村: a programme named after a town or village the
/// article names (by its name without 村, 镇, 乡, 社区) is carried out there.
fn named_after_its_place(cx: &Context, e: usize, out: &mut Found) -> bool {
    let name = &cx.resolved.entities[e].name;
    let mut any = false;
    for p in 0..cx.resolved.entities.len() {
        if cx.etype(p) != EntityType::Place
            || cx.resolved.info[p].hidden
            || cx.resolved.info[p].level.is_none_or(|l| l < 4)
        {
            continue;
        }
        let place = &cx.resolved.entities[p].name;
        let stem = ["社区", "街道", "村", "镇", "乡"]
            .iter()
            .find_map(|s| place.strip_suffix(s))
            .unwrap_or(place);
        if stem.chars().count() >= 2 && name.contains(stem) {
            let span = cx
                .mentions
                .iter()
                .zip(&cx.resolved.entity_of)
                .find(|(_, &x)| x == e)
                .map_or(Span { start: 0, end: 0 }, |(m, _)| Span {
                    start: m.start,
                    end: m.end,
                });
            out.push((e, Predicate::LocatedIn, p, span, 0.7));
            any = true;
        }
    }
    any
}

/// Verbs of a meeting taking place: `…会议在北京开幕`.
const HELD: [&str; 5] = ["开幕", "召开", "举行", "闭幕", "举办"];

/// `全国政协…会议和…全国人大…会议将分别于3月3日和3月5日在北京开幕`: the meetings named before
/// `在 PLACE 开幕` in a sentence are held in that place.
fn meetings_held(cx: &Context, out: &mut Found) {
    let chars = &cx.text.chars;
    for (p, place) in cx.mentions.iter().enumerate() {
        if place.entity_type != EntityType::Place
            || place.start == 0
            || chars[place.start - 1] != '在'
        {
            continue;
        }
        let mut k = place.end;
        if starts_with_at(chars, k, "隆重") {
            k += 2;
        }
        if !HELD.iter().any(|h| starts_with_at(chars, k, h)) {
            continue;
        }
        let (s, _) = cx.text.sentence_of(place.start);
        for (j, m) in cx.mentions.iter().enumerate() {
            if m.start >= s
                && m.end < place.start
                && m.entity_type == EntityType::Organisation
                && cx.kind(cx.entity(j)) == Some(OrgKind::Congress)
            {
                out.push((
                    cx.entity(j),
                    Predicate::LocatedIn,
                    cx.entity(p),
                    Span {
                        start: m.start,
                        end: k + 2,
                    },
                    0.85,
                ));
            }
        }
    }
}

/// `X位于P`: X (a place, body or initiative named just before) lies in P; `线位方案为途经A、B和C`:
/// the line named last before lies in each place of the list.
fn situated(cx: &Context, out: &mut Found) {
    let chars = &cx.text.chars;
    for i in 0..chars.len() {
        let located = starts_with_at(chars, i, "位于");
        let passing = starts_with_at(chars, i, "途经") || starts_with_at(chars, i, "经过");
        // 项目…将落户某区: the project named last before settles there.
        let settling = starts_with_at(chars, i, "落户");
        if !located && !passing && !settling {
            continue;
        }
        let subject = if settling {
            let (p_start, _) = cx.text.paragraph_of(i);
            cx.mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m.entity_type == EntityType::Initiative
                        && m.start >= p_start
                        && m.end <= i
                        && m.name.ends_with("项目")
                })
                .max_by_key(|(_, m)| m.end)
                .map(|(k, _)| k)
        } else if located {
            cx.mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.end == i && m.entity_type != EntityType::Person)
                .max_by_key(|(_, m)| m.end - m.start)
                .map(|(k, _)| k)
        } else {
            let (p_start, _) = cx.text.paragraph_of(i);
            cx.mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m.entity_type == EntityType::Initiative && m.start >= p_start && m.end <= i
                })
                .filter(|(_, m)| {
                    ["高铁", "铁路", "公路", "高速", "线"]
                        .iter()
                        .any(|h| m.name.ends_with(h))
                })
                .max_by_key(|(_, m)| m.end)
                .map(|(k, _)| k)
        };
        let Some(subject) = subject else { continue };
        // The places of the clause after the verb; of a chain (浙江省温州市) the last.
        let end = (i..chars.len())
            .find(|&q| matches!(chars[q], ',' | '。' | ';' | '!' | '?' | '\n'))
            .unwrap_or(chars.len());
        let mut places: Vec<usize> = (0..cx.mentions.len())
            .filter(|&k| {
                cx.mentions[k].entity_type == EntityType::Place
                    && cx.mentions[k].start > i
                    && cx.mentions[k].end <= end
            })
            .collect();
        places.sort_by_key(|&k| cx.mentions[k].start);
        for (n, &k) in places.iter().enumerate() {
            let chained = places
                .get(n + 1)
                .is_some_and(|&next| cx.mentions[next].start == cx.mentions[k].end);
            if !chained {
                out.push((
                    cx.entity(subject),
                    Predicate::LocatedIn,
                    cx.entity(k),
                    Span { start: i, end },
                    0.75,
                ));
                // Where a thing lies is one place (the last of its chain); a line passes many.
                if located || settling {
                    break;
                }
            }
        }
    }
}

/// Links initiative `e` to the most specific places named (or seated) within `bounds`; a
/// nationwide goal only to a country.
fn place_in(
    cx: &Context,
    e: usize,
    bounds: (usize, usize),
    nationwide: bool,
    out: &mut Found,
) -> bool {
    let found = places_for(cx, e, bounds, nationwide, true);
    link(e, bounds, found, out)
}

/// Pushes `e locatedIn p` for each place found; false when none was.
fn link(
    e: usize,
    bounds: (usize, usize),
    found: Option<(u8, Vec<usize>)>,
    out: &mut Found,
) -> bool {
    let Some((_, places)) = found else {
        return false;
    };
    for p in places {
        out.push((
            e,
            Predicate::LocatedIn,
            p,
            Span {
                start: bounds.0,
                end: bounds.1,
            },
            0.6,
        ));
    }
    true
}

/// The most specific places named (or seated) within `bounds` for initiative `e`, with their
/// level. The places inside its own name count only when `own_name` says so.
fn places_for(
    cx: &Context,
    e: usize,
    bounds: (usize, usize),
    nationwide: bool,
    own_name: bool,
) -> Option<(u8, Vec<usize>)> {
    let info = &cx.resolved.info;
    let mut cands: Vec<usize> = Vec::new();
    let within: Vec<usize> = cx.within(bounds.0, bounds.1).collect();
    // A place inside another programme's name (福州 of 福州都市圈) places that one only;
    // one inside this programme's own name, as `own_name` says.
    let in_programme = |m: &crate::extract::recognise::Mention, own: bool| {
        within.iter().any(|&j| {
            let o = &cx.mentions[j];
            o.entity_type == EntityType::Initiative && (cx.entity(j) == e) == own && m.lies_in(o)
        })
    };
    // A place written inside a school's or a company's name (某镇中心小学校长某某建议…) says
    // where the speaker works, not where the programme goes: only where no other place is.
    let private = |k: &Option<OrgKind>| k.is_some_and(OrgKind::named_whole);
    let in_private_body = |m: &crate::extract::recognise::Mention| {
        within.iter().any(|&j| {
            let o = &cx.mentions[j];
            o.entity_type == EntityType::Organisation
                && private(&info[cx.entity(j)].org_kind)
                && m.lies_in(o)
        })
    };
    let mut company_seats: Vec<usize> = Vec::new();
    for &k in &within {
        let m = &cx.mentions[k];
        let x = cx.entity(k);
        // A place only ever inside names (余 of “大余村”模式) is left out of the output,
        // so it locates nothing.
        match m.entity_type {
            EntityType::Place if !own_name && in_programme(m, true) => {}
            EntityType::Place if in_private_body(m) && !info[x].hidden => company_seats.push(x),
            EntityType::Place if !in_programme(m, false) && !info[x].hidden => cands.push(x),
            // A seat only ever inside names (江西 of 江西某某科技有限公司) places nothing; a
            // company's registered seat only where no place is named (某公司将在赣州建设…).
            EntityType::Organisation => {
                let seat = info[x].seat.filter(|&p| !info[p].hidden);
                if private(&info[x].org_kind) {
                    company_seats.extend(seat);
                } else {
                    cands.extend(seat);
                }
            }
            _ => {}
        }
    }
    if cands.is_empty() {
        cands = company_seats;
    }
    // 全省将…, 在全市推广: the whole of the article's province, city or county; 经开区要…:
    // the zone the article is about.
    if !nationwide {
        cands.extend(whole_place_in(cx, bounds));
        cands.extend(zone_word_in(cx, bounds));
    }
    if nationwide {
        let g = Gazetteer::get();
        cands.retain(|&p| {
            info[p]
                .division
                .is_some_and(|d| g.divisions[d].kind == PlaceKind::Country)
        });
    }
    let best = cands.iter().filter_map(|&p| info[p].level).max()?;
    cands.retain(|&p| info[p].level == Some(best));
    cands.sort();
    cands.dedup();
    Some((best, cands))
}

/// The place a `全省`, `全市`, `全县` or `全区` (or `我县`, `本市`: the writer's own) in
/// `[s, e)` stands for: the place of that level the article names most (the first of equals).
fn whole_place_in(cx: &Context, (s, e): (usize, usize)) -> Option<usize> {
    let chars = &cx.text.chars;
    let level_char = (s..e.saturating_sub(1)).find_map(|k| {
        "全我本"
            .contains(chars[k])
            .then(|| chars[k + 1])
            .filter(|c| "省市县区".contains(*c))
            .filter(|_| k + 2 >= chars.len() || !"委长".contains(chars[k + 2]))
    })?;
    let mut counts: Vec<(usize, usize, usize)> = Vec::new();
    for (k, m) in cx.mentions.iter().enumerate() {
        let p = cx.entity(k);
        let name = &cx.resolved.entities[p].name;
        if m.entity_type != EntityType::Place
            || !name.ends_with(level_char)
            || cx.resolved.info[p].level.is_none_or(|l| l > 3)
        {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == p) {
            Some(c) => c.1 += 1,
            None => counts.push((p, 1, m.start)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|c| (c.1, std::cmp::Reverse(c.2)))
        .map(|c| c.0)
}

/// The zone a bare zone word in `[s, e)` stands for (经开区要…, 在高新区建设): the zone the
/// article names most. A zone named in full is a place mention of its own already.
fn zone_word_in(cx: &Context, (s, e): (usize, usize)) -> Option<usize> {
    let chars = &cx.text.chars;
    let words = ["经开区", "高新区", "开发区", "园区", "片区"];
    let bare = (s..e).any(|k| {
        words.iter().any(|w| starts_with_at(chars, k, w))
            && !cx
                .mentions
                .iter()
                .any(|m| m.entity_type == EntityType::Place && m.start < k && k < m.end)
            && (k == 0 || !crate::extract::segment::is_han(chars[k - 1]) || cx.text.is_boundary(k))
    });
    if !bare {
        return None;
    }
    let zones = crate::extract::recognise::places::ZONE_SUFFIXES;
    let mut counts: Vec<(usize, usize, usize)> = Vec::new();
    for (k, m) in cx.mentions.iter().enumerate() {
        let p = cx.entity(k);
        if m.entity_type != EntityType::Place
            || !zones
                .iter()
                .any(|z| cx.resolved.entities[p].name.ends_with(z))
        {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == p) {
            Some(c) => c.1 += 1,
            None => counts.push((p, 1, m.start)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|c| (c.1, std::cmp::Reverse(c.2)))
        .map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use crate::extract::relate::testing::{has, triples};

    #[test]
    fn a_plan_covers_the_place_its_title_names_and_a_project_its_clause() {
        let t =
            triples("《长三角城际铁路建设规划》中的线位方案为途经浙江省宁波市、台州市和金华市。");
        assert!(
            !t.iter()
                .any(|x| x.0 == "长三角城际铁路建设规划" && x.1 == "locatedIn" && x.2 != "长三角"),
            "{t:?}"
        );
        let t = triples("洛阳市人民政府市长徐向东作政府工作报告。报告提出,要实施高标准农田建设工程,支持伊川县、嵩县打造特色农业强县。");
        assert!(
            has(&t, "高标准农田建设工程", "locatedIn", "洛阳市"),
            "{t:?}"
        );
        assert!(
            !has(&t, "高标准农田建设工程", "locatedIn", "伊川县"),
            "{t:?}"
        );
    }

    #[test]
    fn a_bare_zone_word_is_the_zone_the_article_is_about() {
        let t = triples("宁波经济技术开发区召开大会。他指出,今年经开区要全力实施“强链补链”行动。企业将在经开区建设年产5GW光伏组件项目。");
        assert!(
            has(&t, "强链补链", "locatedIn", "宁波经济技术开发区"),
            "{t:?}"
        );
        assert!(
            has(&t, "年产5GW光伏组件项目", "locatedIn", "宁波经济技术开发区"),
            "{t:?}"
        );
    }

    #[test]
    fn the_whole_of_a_place_and_no_place_of_another_programme() {
        let t = triples("赣州市政协开会。市政协委员、于都县梓山镇党委书记曾志刚发言。他建议,在全市推广“屋场共谋”议事机制。");
        assert!(has(&t, "屋场共谋议事机制", "locatedIn", "赣州市"), "{t:?}");
        assert!(!has(&t, "屋场共谋议事机制", "locatedIn", "梓山镇"), "{t:?}");
        let t = triples(
            "福建省委在福州召开会议。省长黄明远指出,全省将加快建设福州都市圈和厦漳泉都市圈。",
        );
        assert!(has(&t, "福州都市圈", "locatedIn", "福州市"), "{t:?}");
        assert!(has(&t, "厦漳泉都市圈", "locatedIn", "福建省"), "{t:?}");
        assert!(!has(&t, "厦漳泉都市圈", "locatedIn", "福州市"), "{t:?}");
    }

    #[test]
    fn a_short_name_is_the_city_the_article_names_a_place_in() {
        let t = triples("浏阳市人民政府与企业在长沙举行签约仪式。");
        assert!(has(&t, "浏阳市", "locatedIn", "长沙市"), "{t:?}");
        assert!(
            !t.iter().any(|x| x.2 == "长沙县" || x.0 == "长沙县"),
            "{t:?}"
        );
    }

    #[test]
    fn address_chains_and_the_gazetteer_give_located_in() {
        let t = triples("在江苏省苏州市昆山市周市镇,工厂开工。");
        assert!(has(&t, "周市镇", "locatedIn", "昆山市"), "{t:?}");
        assert!(has(&t, "昆山市", "locatedIn", "苏州市"), "{t:?}");
        assert!(has(&t, "苏州市", "locatedIn", "江苏省"), "{t:?}");
        assert!(
            !has(&t, "周市镇", "locatedIn", "江苏省"),
            "only the nearest container: {t:?}"
        );
    }

    #[test]
    fn meetings_are_held_where_they_open_and_lines_pass_through_their_places() {
        let t = triples("浙江省第十四届人民代表大会第二次会议22日在宁波开幕。宁金高铁加快建设,线路方案为途经浙江省宁波市、台州市和金华市。");
        assert!(
            has(
                &t,
                "浙江省第十四届人民代表大会第二次会议",
                "locatedIn",
                "宁波市"
            ),
            "{t:?}"
        );
        assert!(has(&t, "宁金高铁", "locatedIn", "宁波市"), "{t:?}");
        assert!(has(&t, "宁金高铁", "locatedIn", "金华市"), "{t:?}");
        assert!(
            !has(&t, "宁金高铁", "locatedIn", "浙江省"),
            "of a chain only the last place: {t:?}"
        );
    }

    #[test]
    fn villages_under_their_town_and_zones_under_their_place() {
        let t = triples("在浙江省安吉县天荒坪镇余村,村党支部书记汪玉成带领村民致富。宁波经济技术开发区管委会主任刘建平出席。");
        assert!(has(&t, "余村", "locatedIn", "天荒坪镇"), "{t:?}");
        assert!(has(&t, "汪玉成", "leads", "余村党支部"), "{t:?}");
        assert!(
            has(&t, "宁波经济技术开发区", "locatedIn", "宁波市"),
            "{t:?}"
        );
        assert!(
            has(&t, "刘建平", "leads", "宁波经济技术开发区管委会"),
            "{t:?}"
        );
    }

    #[test]
    fn a_plenary_written_two_ways_is_one_and_locates_what_it_pushes() {
        let t = triples("省委十五届三次全会召开。\n中国共产党浙江省第十五届委员会第三次全体会议在宁波举行。全会强调,要奋力打造“两个高地”。");
        let plenaries: Vec<&String> = t
            .iter()
            .filter(|x| x.1 == "proposes")
            .map(|x| &x.0)
            .collect();
        assert_eq!(plenaries.len(), 1, "{t:?}");
        assert!(
            has(&t, "两个高地", "locatedIn", "浙江省"),
            "where the body that pushes it sits: {t:?}"
        );
    }

    #[test]
    fn a_programme_named_after_its_village() {
        let t = triples("安吉县天荒坪镇余村党总支书记汪玉成说,要探索好共建共享的“大余村”模式。");
        assert!(has(&t, "大余村模式", "locatedIn", "余村"), "{t:?}");
    }

    #[test]
    fn a_project_settles_where_it_lands_and_a_companys_seat_yields_to_a_named_place() {
        let t = triples(
            "在深圳华瑞集团,双方就共建赣州华瑞方舟乐园项目进行交流。华瑞集团总裁李明辉介绍,项目总投资50亿元,将落户赣州市章贡区。",
        );
        assert!(
            has(&t, "赣州华瑞方舟乐园项目", "locatedIn", "章贡区"),
            "{t:?}"
        );
        let t =
            triples("深圳锐能汽车股份有限公司董事长王振宇表示,锐能汽车将在赣州建设零部件产业园。");
        assert!(has(&t, "零部件产业园", "locatedIn", "赣州市"), "{t:?}");
        assert!(!has(&t, "零部件产业园", "locatedIn", "深圳市"), "{t:?}");
    }

    #[test]
    fn a_place_in_the_speakers_workplace_does_not_place_the_proposal() {
        let t =
            triples("长宁县政协委员、长宁县青山镇中心小学校长王丽说,她建议组建城乡教育共同体。");
        assert!(has(&t, "城乡教育共同体", "locatedIn", "长宁县"), "{t:?}");
        assert!(!has(&t, "城乡教育共同体", "locatedIn", "青山镇"), "{t:?}");
    }

    #[test]
    fn a_programme_named_after_its_city_lies_in_the_zone_the_sentence_names() {
        let t = triples(
            "嘉兴经济技术开发区位于嘉兴市。经开区聚焦汽车产业,推进嘉兴新能源汽车零部件产业园等项目建设。",
        );
        assert!(
            has(
                &t,
                "嘉兴新能源汽车零部件产业园",
                "locatedIn",
                "嘉兴经济技术开发区"
            ),
            "{t:?}"
        );
        // A company's seat: the last of the places its registered name opens with.
        let t = triples("社区联合嘉兴市南湖区青山物业管理有限公司成立联盟。");
        assert!(
            has(
                &t,
                "嘉兴市南湖区青山物业管理有限公司",
                "locatedIn",
                "南湖区"
            ),
            "{t:?}"
        );
    }

    #[test]
    fn a_chain_that_skips_a_level_the_article_names_yields_to_the_gazetteer() {
        // 内蒙古达拉特旗, and 鄂尔多斯市 named elsewhere: the banner's nearest named place.
        let t = triples("内蒙古达拉特旗与某集团签约。鄂尔多斯市委常委张宏出席。");
        assert!(has(&t, "达拉特旗", "locatedIn", "鄂尔多斯市"), "{t:?}");
        // Written in full, the chain stands.
        let t = triples("内蒙古鄂尔多斯市达拉特旗与某集团签约。");
        assert!(has(&t, "达拉特旗", "locatedIn", "鄂尔多斯市"), "{t:?}");
    }
}

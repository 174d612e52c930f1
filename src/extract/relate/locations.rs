//! locatedIn: address chains, the gazetteer's hierarchy, seats of bodies, where initiatives happen.

use super::{Context, Found};
use crate::schema::{EntityType, Predicate, Span};
use crate::extract::recognise::Detail;
use crate::gazetteer::{Gazetteer, PlaceKind};

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
        // A nationwide goal (高质量发展) is located only in the country its sentences name.
        let nationwide = ms.iter().all(|&k| matches!(cx.mentions[k].detail, Detail::Initiative { nationwide: true }));
        let mut any = false;
        for &k in &ms {
            let bounds = cx.text.sentence_of(cx.mentions[k].start);
            any |= place_in(cx, e, bounds, nationwide, out);
        }
        if !any && !nationwide {
            // Else the places the paragraph has named before the first mention.
            if let Some(&k) = ms.first() {
                let (p_start, _) = cx.text.paragraph_of(cx.mentions[k].start);
                place_in(cx, e, (p_start, cx.mentions[k].start), false, out);
            }
        }
    }
}

/// Links initiative `e` to the most specific places named (or seated) within `bounds`; a
/// nationwide goal only to a country.
fn place_in(cx: &Context, e: usize, bounds: (usize, usize), nationwide: bool, out: &mut Found) -> bool {
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
    if nationwide {
        let g = Gazetteer::get();
        cands.retain(|&p| info[p].division.is_some_and(|d| g.divisions[d].kind == PlaceKind::Country));
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
    use crate::extract::relate::testing::{has, triples};

    #[test]
    fn address_chains_and_the_gazetteer_give_located_in() {
        let t = triples("在江苏省苏州市昆山市周市镇,工厂开工。");
        assert!(has(&t, "周市镇", "locatedIn", "昆山市"), "{t:?}");
        assert!(has(&t, "昆山市", "locatedIn", "苏州市"), "{t:?}");
        assert!(has(&t, "苏州市", "locatedIn", "江苏省"), "{t:?}");
        assert!(!has(&t, "周市镇", "locatedIn", "江苏省"), "only the nearest container: {t:?}");
    }
}

//! The explorer page and what it loads: its own HTML, CSS and script (`web/explorer/`), the
//! vendored Cytoscape.js and China's province outlines (`web/vendor/`, see its README), the
//! saved queries (`ontology/queries/`), and the store's places as GeoJSON. All built into
//! the binary: the page works with no internet and no repository beside the binary.

use crate::error::Result;
use crate::store::Store;
use crate::{export, graph, rdf};

/// Files served as they are: path, media type, bytes.
const FILES: [(&str, &str, &[u8]); 5] = [
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../../web/explorer/index.html"),
    ),
    (
        "/explorer.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../web/explorer/explorer.js"),
    ),
    (
        "/explorer.css",
        "text/css; charset=utf-8",
        include_bytes!("../../web/explorer/explorer.css"),
    ),
    (
        "/vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../web/vendor/cytoscape/cytoscape.min.js"),
    ),
    (
        "/vendor/china.json",
        "application/json",
        include_bytes!("../../web/vendor/echarts-china-map/china.json"),
    ),
];

/// The saved queries of `ontology/queries/`, one click away in the SPARQL tab.
pub const SAVED_QUERIES: [(&str, &str); 7] = [
    (
        "initiatives-by-place.rq",
        include_str!("../../ontology/queries/initiatives-by-place.rq"),
    ),
    (
        "initiatives-by-province.rq",
        include_str!("../../ontology/queries/initiatives-by-province.rq"),
    ),
    (
        "initiatives-by-city.rq",
        include_str!("../../ontology/queries/initiatives-by-city.rq"),
    ),
    (
        "initiatives-by-county.rq",
        include_str!("../../ontology/queries/initiatives-by-county.rq"),
    ),
    (
        "who-leads-what.rq",
        include_str!("../../ontology/queries/who-leads-what.rq"),
    ),
    (
        "delegates.rq",
        include_str!("../../ontology/queries/delegates.rq"),
    ),
    (
        "path-between.rq",
        include_str!("../../ontology/queries/path-between.rq"),
    ),
];

/// What `path` serves, or `None` when nothing is there.
pub(super) fn content(store: &Store, path: &str) -> Option<Result<(&'static str, Vec<u8>)>> {
    if let Some((_, media, bytes)) = FILES.iter().find(|(p, _, _)| *p == path) {
        return Some(Ok((media, bytes.to_vec())));
    }
    match path {
        "/index.html" => content(store, "/"),
        "/queries" => Some(Ok(("application/json", saved_queries_json()))),
        "/places.geojson" => Some(places_geojson(store).map(|b| ("application/geo+json", b))),
        _ => None,
    }
}

/// `{"prefixes": [[name, iri]…], "queries": [{name, comment, text, binds}…]}`: the names a
/// query needs bound are read off its `--bind NAME=` comment.
fn saved_queries_json() -> Vec<u8> {
    let queries: Vec<serde_json::Value> = SAVED_QUERIES
        .iter()
        .map(|(name, text)| {
            let comment: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim())
                .collect();
            let mut binds: Vec<String> = Vec::new();
            for part in text.split("--bind ").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let is_bind = part[name.len()..].starts_with('=');
                if is_bind && !name.is_empty() && !binds.contains(&name) {
                    binds.push(name);
                }
            }
            serde_json::json!({
                "name": name.trim_end_matches(".rq"),
                "comment": comment.join(" "),
                "text": text,
                "binds": binds,
            })
        })
        .collect();
    let body = serde_json::json!({
        "prefixes": rdf::PREFIXES,
        "queries": queries,
    });
    body.to_string().into_bytes()
}

fn places_geojson(store: &Store) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    export::write_geojson(&graph::place_summaries(store)?, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_queries_are_all_served_with_their_binds() {
        let doc: serde_json::Value = serde_json::from_slice(&saved_queries_json()).expect("JSON");
        let queries = doc["queries"].as_array().expect("list");
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/queries"))
            .expect("queries folder")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rq"))
            })
            .count();
        assert_eq!(
            queries.len(),
            on_disk,
            "every saved query is in SAVED_QUERIES"
        );
        let path = queries
            .iter()
            .find(|q| q["name"] == "path-between")
            .expect("path-between");
        assert_eq!(path["binds"], serde_json::json!(["from", "to"]));
        assert!(doc["prefixes"][0][0] == "tupu");
    }
}

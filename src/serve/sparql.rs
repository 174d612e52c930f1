//! The SPARQL 1.1 Protocol: queries by GET (`?query=`) and POST (`application/sparql-query`,
//! or a form with `query=`), results negotiated by `Accept`, the errors the protocol names.

use super::writable::{self, Writes};
use super::{reply, text};
use crate::error::Error;
use crate::query::{self, Limits, ResultFormat};
use crate::store::Store;
use std::io::Read;
use tiny_http::{Method, Request};

pub(super) fn answer(
    store: &Store,
    limits: Limits,
    writes: Option<&Writes>,
    mut request: Request,
) -> std::io::Result<()> {
    let url = request.url().to_string();
    let query_string = url.split_once('?').map_or("", |(_, q)| q);
    let find = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let accept = find("Accept").unwrap_or_else(|| "*/*".into());
    let content_type = find("Content-Type").unwrap_or_default();
    let sparql = match request.method() {
        Method::Get => form_value(query_string, "query"),
        Method::Post => {
            let mut body = String::new();
            if request
                .as_reader()
                .take(query::MAX_QUERY_BYTES as u64 + 1)
                .read_to_string(&mut body)
                .is_err()
            {
                return text(request, 400, "the request body is not UTF-8 text");
            }
            let media = content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            match media.as_str() {
                "application/sparql-query" => Some(body),
                "application/x-www-form-urlencoded" => {
                    if let Some(update) = form_value(&body, "update") {
                        return writable::update(store, writes, request, &update);
                    }
                    form_value(&body, "query")
                }
                "application/sparql-update" => {
                    return writable::update(store, writes, request, &body)
                }
                other => {
                    return text(
                        request,
                        415,
                        &format!("unsupported body type {other:?}: send application/sparql-query or a form with query="),
                    )
                }
            }
        }
        Method::Options => return reply(request, 204, "text/plain", Vec::new()),
        _ => return text(request, 405, "use GET or POST"),
    };
    let Some(sparql) = sparql.filter(|q| !q.trim().is_empty()) else {
        return text(
            request,
            400,
            "no query: give query= (GET) or a query body (POST)",
        );
    };
    let graph = matches!(
        query::query_form(&sparql).to_ascii_uppercase().as_str(),
        "CONSTRUCT" | "DESCRIBE"
    );
    let Some((format, media_type)) = negotiate(&accept, graph) else {
        return text(
            request,
            406,
            &format!(
                "cannot answer in {accept}: {}",
                if graph {
                    "text/turtle, application/n-triples, application/rdf+xml, application/ld+json"
                } else {
                    "application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values"
                }
            ),
        );
    };
    let mut body = Vec::new();
    match query::run(store, &sparql, &[], format, limits, &mut body) {
        Ok(()) => reply(request, 200, media_type, body),
        Err(e @ (Error::BadQuery { .. } | Error::QuerySyntax(_))) => {
            text(request, 400, &e.to_string())
        }
        Err(
            e @ (Error::QueryTimeout(_) | Error::QueryTooComplex(_) | Error::AnswerTooLarge { .. }),
        ) => text(request, 503, &e.to_string()),
        Err(e) => text(request, 500, &e.to_string()),
    }
}

/// The result format for an `Accept` header, in the client's order of preference (q
/// values are read; `*/*` takes the default).
pub(super) fn negotiate(accept: &str, graph: bool) -> Option<(ResultFormat, &'static str)> {
    let mut ranges: Vec<(f32, &str)> = accept
        .split(',')
        .map(|r| {
            let mut parts = r.split(';').map(str::trim);
            let media = parts.next().unwrap_or("");
            let q = parts
                .find_map(|p| p.strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            (q, media)
        })
        .filter(|(q, _)| *q > 0.0)
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, media) in ranges {
        let found = if graph {
            match media {
                "text/turtle" | "*/*" | "text/*" => {
                    Some((ResultFormat::Turtle, "text/turtle; charset=utf-8"))
                }
                "application/n-triples" => Some((ResultFormat::Ntriples, "application/n-triples")),
                "application/rdf+xml" | "application/xml" => {
                    Some((ResultFormat::Rdfxml, "application/rdf+xml"))
                }
                "application/ld+json" | "application/json" => {
                    Some((ResultFormat::Jsonld, "application/ld+json"))
                }
                _ => None,
            }
        } else {
            match media {
                "application/sparql-results+json"
                | "application/json"
                | "*/*"
                | "application/*" => Some((ResultFormat::Json, "application/sparql-results+json")),
                "application/sparql-results+xml" | "application/xml" | "text/xml" => {
                    Some((ResultFormat::Xml, "application/sparql-results+xml"))
                }
                "text/csv" => Some((ResultFormat::Csv, "text/csv; charset=utf-8")),
                "text/tab-separated-values" => Some((
                    ResultFormat::Tsv,
                    "text/tab-separated-values; charset=utf-8",
                )),
                "text/*" => Some((ResultFormat::Csv, "text/csv; charset=utf-8")),
                _ => None,
            }
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The decoded value of `name` in an `application/x-www-form-urlencoded` string.
pub(super) fn form_value(form: &str, name: &str) -> Option<String> {
    form.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| {
            percent_encoding::percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_choose_the_format_by_preference() {
        assert_eq!(
            negotiate("*/*", false).map(|f| f.0),
            Some(ResultFormat::Json)
        );
        assert_eq!(
            negotiate("text/csv;q=0.5, application/sparql-results+xml", false).map(|f| f.0),
            Some(ResultFormat::Xml)
        );
        assert!(negotiate("image/png", false).is_none());
        assert!(negotiate("text/turtle", true).is_some());
        assert!(negotiate("text/csv", true).is_none());
        assert_eq!(
            negotiate("application/n-triples", true).map(|f| f.0),
            Some(ResultFormat::Ntriples)
        );
    }

    #[test]
    fn form_values_are_decoded() {
        assert_eq!(
            form_value("a=1&query=SELECT+%3Fx+WHERE+%7B%7D", "query").as_deref(),
            Some("SELECT ?x WHERE {}")
        );
        assert_eq!(form_value("a=1", "query"), None);
    }
}

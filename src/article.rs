//! Stage 1, read articles: files in, plain [`Article`]s out.
//!
//! Three layouts are understood: plain text as the sample articles are laid out (a title
//! line, an optional `发布时间:` line, the body, an optional `来源:… 作者:… 编辑:…` credits
//! line), HTML pages, and JSON Lines with one article per line. Bytes are decoded from UTF-8
//! or, when they are not UTF-8, from GB18030 (a superset of GBK and GB2312).

use crate::error::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One news article, as read: the text the extractor works on and its metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Stable id: the file stem, or the `id` field of a JSON Lines record.
    pub id: String,
    pub title: String,
    /// ISO 8601 with the China offset (`2022-06-23T07:48:04+08:00`), or a bare date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    /// The text extracted from. For a text file it is the whole file as decoded (headline
    /// and credits included, so that every mention has an offset a reader can check); for
    /// HTML and JSON Lines it is the headline line followed by the main text.
    #[serde(skip)]
    pub body: String,
    /// Where the article came from (file, or `file:line` for JSON Lines).
    #[serde(skip)]
    pub origin: String,
}

impl Article {
    /// The file the article came from, by name only (`x.txt`, `feed.jsonl:3`): what the
    /// graph says of its source, without the folders of the machine that read it.
    pub fn source_name(&self) -> &str {
        self.origin
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&self.origin)
    }

    /// A hash of everything that determines what is extracted and stored for the article
    /// (the source file's name too: read from another file, the article is stored again).
    pub fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            crate::EXTRACTOR_VERSION,
            self.source_name(),
            &self.id,
            &self.title,
            self.published.as_deref().unwrap_or(""),
            self.source.as_deref().unwrap_or(""),
            &self.authors.join("\u{1f}"),
            &self.editors.join("\u{1f}"),
            &self.body,
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What reading a set of paths gave: the good articles, and one error per bad input.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub articles: Vec<Article>,
    pub skipped: Vec<Error>,
}

/// The kinds of file an article can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Text,
    Html,
    JsonLines,
}

fn layout_of(path: &Path) -> Option<Layout> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Layout::Text),
        "html" | "htm" | "xhtml" => Some(Layout::Html),
        "jsonl" | "ndjson" => Some(Layout::JsonLines),
        _ => None,
    }
}

/// The largest article file read unless the user says otherwise (`--max-article-size`).
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 20 * 1024 * 1024;

/// The article files under the given files and folders (folders recursively, sorted), and
/// one error for each path that cannot be used: missing, not a regular file (a FIFO, a
/// socket, a device: reading one could wait for ever), or a folder seen before through a
/// symbolic link (a cycle). Files named explicitly are kept whatever their extension (read
/// as text); in folders only article extensions count, and names starting with a dot are
/// passed over.
pub fn article_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut seen_dirs = std::collections::HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => skipped.push(Error::io(p, e)),
            Ok(m) if m.is_dir() => walk(p, &mut seen_dirs, &mut files, &mut skipped),
            Ok(m) if m.is_file() => files.push(p.clone()),
            Ok(_) => skipped.push(bad(
                p,
                "not a regular file (a FIFO, socket or device); not read",
            )),
        }
    }
    (files, skipped)
}

fn walk(
    dir: &Path,
    seen: &mut std::collections::HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<Error>,
) {
    // A folder reached twice (a symbolic link to itself or to a parent) is walked once.
    match std::fs::canonicalize(dir) {
        Ok(real) => {
            if !seen.insert(real) {
                return;
            }
        }
        Err(e) => return skipped.push(Error::io(dir, e)),
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(d) => d,
        Err(e) => return skipped.push(Error::io(dir, e)),
    };
    let mut entries: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
        })
        .collect();
    entries.sort();
    for p in entries {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, seen, files, skipped),
            Ok(m) if layout_of(&p).is_some() => {
                if m.is_file() {
                    files.push(p);
                } else {
                    skipped.push(bad(
                        &p,
                        "not a regular file (a FIFO, socket or device); not read",
                    ));
                }
            }
            Ok(_) => {}
            // A dangling symbolic link with an article's name is worth naming.
            Err(e) if layout_of(&p).is_some() => skipped.push(Error::io(&p, e)),
            Err(_) => {}
        }
    }
}

/// Reads a regular file of at most `max_bytes` whole; anything else is an error naming it.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(bad(
            path,
            "not a regular file (a FIFO, socket or device); not read",
        ));
    }
    let too_big = || {
        bad(
            path,
            &format!(
                "larger than the article size limit of {} bytes (--max-article-size); not read",
                max_bytes
            ),
        )
    };
    if meta.len() > max_bytes {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read: read one byte past the limit at most.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Reads every article in the given files: a JSON Lines file may give several articles and
/// several errors (one per bad line); the other layouts give one article or one error.
pub fn read_file(path: &Path, max_bytes: u64) -> ReadOutcome {
    match read_regular(path, max_bytes) {
        Ok(bytes) => read_bytes(path, &bytes),
        Err(e) => ReadOutcome {
            articles: Vec::new(),
            skipped: vec![e],
        },
    }
}

/// Reads the articles in a file's bytes, laid out as its name says (`path` names them in
/// errors and gives the id).
pub fn read_bytes(path: &Path, bytes: &[u8]) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    let text = match decode(path, bytes) {
        Ok(t) => t,
        Err(e) => {
            outcome.skipped.push(e);
            return outcome;
        }
    };
    // A name that is not UTF-8 still gives an id (its undecodable bytes as U+FFFD); two
    // such names that come out the same are caught as a repeated id by the caller.
    let stem = path
        .file_stem()
        .map(|s| article_id(&s.to_string_lossy()))
        .unwrap_or_default();
    if stem.is_empty() && layout_of(path) != Some(Layout::JsonLines) {
        outcome
            .skipped
            .push(bad(path, "the file name gives no article id"));
        return outcome;
    }
    match layout_of(path).unwrap_or(Layout::Text) {
        Layout::Text => match parse_text(&stem, &text) {
            Some(mut a) => {
                a.origin = path.display().to_string();
                outcome.articles.push(a);
            }
            None => outcome
                .skipped
                .push(bad(path, "no article text in the file")),
        },
        Layout::Html => match parse_html(&stem, &text) {
            Some(mut a) => {
                a.origin = path.display().to_string();
                outcome.articles.push(a);
            }
            None => outcome
                .skipped
                .push(bad(path, "no article text found in the HTML page")),
        },
        Layout::JsonLines => parse_json_lines(path, &stem, &text, &mut outcome),
    }
    outcome
}

fn bad(path: &Path, problem: &str) -> Error {
    Error::BadArticle {
        path: path.to_path_buf(),
        problem: problem.to_string(),
    }
}

/// The one way an article id becomes a file name (store files, `extract --out-dir`): the
/// id itself when it is plain ASCII (letters, digits, `-`, `_`, `.`), at most 120 bytes and
/// not starting with a dot; otherwise up to 40 of its plain characters, `~`, and 32 hex
/// digits of its SHA-256. `~` never occurs in a plain id, so two ids never share a name,
/// no name exceeds 180 bytes, and none can pass for a hidden or temporary file.
pub fn file_stem(id: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if !id.is_empty() && id.len() <= 120 && !id.starts_with('.') && id.chars().all(plain) {
        return id.to_string();
    }
    let prefix: String = id
        .chars()
        .filter(|&c| plain(c) && c != '.')
        .take(40)
        .collect();
    let hash: String = Sha256::digest(id.as_bytes())[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{prefix}~{hash}")
}

/// Turns a file stem or record id into an article id: white space becomes `-`.
pub fn article_id(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '/' || c == '\\' {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// Decodes UTF-8 (with or without BOM) or GB18030/GBK; refuses empty and binary files.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(bad(path, "empty file"));
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    if controls * 100 > sample.len() || sample.contains(&0) {
        return Err(bad(path, "binary file, not text"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.replace("\r\n", "\n"));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), true);
    let encoding = if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        encoding_rs::GB18030
    } else {
        return Err(bad(
            path,
            &format!(
                "not valid UTF-8, and not GB18030/GBK either (looks like {})",
                guess.name()
            ),
        ));
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(bad(
            path,
            "invalid UTF-8 and invalid GB18030: cannot decode",
        ));
    }
    Ok(text.replace("\r\n", "\n"))
}

/// Lines that page navigation leaves in copied articles.
fn is_navigation(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        squeezed.as_str(),
        "返回" | "打印" | "关闭" | "关闭窗口" | "返回顶部" | "分享到" | "【打印】" | "【关闭】"
    )
}

fn after_label(line: &str, labels: &[&str]) -> Option<String> {
    let line: String = line
        .trim()
        .chars()
        .map(crate::extract::segment::fold_width)
        .collect();
    labels.iter().find_map(|l| {
        let rest = line.strip_prefix(l)?.strip_prefix(':')?;
        Some(rest.trim().to_string())
    })
}

/// How deep elements may nest before [`flatten_deep_html`] steps in: far beyond real pages.
const MAX_HTML_DEPTH: usize = 512;

/// The HTML5 tree builder checks its stack of open elements at every tag, so its cost grows
/// with depth × tags: 40,000 nested `<div>`s take seconds, 100,000 minutes. A page nested
/// deeper than [`MAX_HTML_DEPTH`] keeps only the tags that carry an article (title, meta,
/// headings, paragraphs, line breaks) and loses its containers; every text stays.
fn flatten_deep_html(html: &str) -> std::borrow::Cow<'_, str> {
    const KEEP: [&str; 14] = [
        "html", "head", "body", "title", "meta", "h1", "h2", "h3", "h4", "h5", "h6", "p", "br",
        "article",
    ];
    const VOID: [&str; 6] = ["meta", "br", "img", "hr", "input", "link"];
    // Each tag: (start byte, end byte, name, closing).
    let mut tags: Vec<(usize, usize, String, bool)> = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + k;
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_at = start + 1 + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let Some(end) = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map(|e| start + e + 1)
        else {
            break;
        };
        if name_len > 0 {
            let name = html[name_at..name_at + name_len].to_ascii_lowercase();
            tags.push((start, end, name, closing));
        }
        i = end;
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    for (_, end, name, closing) in &tags {
        let self_closing = bytes[..*end].ends_with(b"/>");
        if *closing {
            depth = depth.saturating_sub(1);
        } else if !VOID.contains(&name.as_str()) && !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest <= MAX_HTML_DEPTH {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end, name, _) in &tags {
        out.push_str(&html[from..*start]);
        if KEEP.contains(&name.as_str()) {
            out.push_str(&html[*start..*end]);
        }
        from = *end;
    }
    out.push_str(&html[from..]);
    std::borrow::Cow::Owned(out)
}

/// Parses the plain-text layout. The body is the whole decoded text.
pub fn parse_text(id: &str, text: &str) -> Option<Article> {
    let mut title = None;
    let mut published = None;
    let mut credits = Credits::default();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || is_navigation(trimmed) {
            continue;
        }
        if let Some(when) = after_label(trimmed, &["发布时间", "时间", "发布日期"]) {
            if published.is_none() {
                published = normalise_time(&when);
            }
            continue;
        }
        // A credits line is short and labelled; prose that mentions 来源 and 作者 is text.
        let labelled = trimmed.starts_with("来源")
            || trimmed.contains("作者")
                && (trimmed.contains("来源:") || trimmed.contains("来源："));
        if labelled && trimmed.chars().count() <= 100 {
            credits = Credits::parse(trimmed);
            continue;
        }
        if title.is_none() {
            title = Some(trimmed.to_string());
        }
    }
    let title = title?;
    Some(Article {
        id: id.to_string(),
        title,
        published,
        source: credits.source,
        authors: credits.authors,
        editors: credits.editors,
        body: text.to_string(),
        origin: String::new(),
    })
}

/// The `来源:… 作者:… 编辑:…` line at the foot of an article.
#[derive(Debug, Default, PartialEq)]
pub struct Credits {
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
}

impl Credits {
    pub fn parse(line: &str) -> Credits {
        let line: String = line
            .chars()
            .map(crate::extract::segment::fold_width)
            .collect();
        let labels = ["来源:", "作者:", "编辑:", "责任编辑:", "责编:"];
        let mut fields: Vec<(usize, &str)> = labels
            .iter()
            .flat_map(|l| line.match_indices(l).map(|(i, _)| (i, *l)))
            .collect();
        fields.sort();
        // "责任编辑:" also contains "编辑:"; keep the longer label at each position.
        fields.dedup_by(|b, a| b.0 < a.0 + a.1.len());
        let mut credits = Credits::default();
        for (k, (start, label)) in fields.iter().enumerate() {
            let end = fields.get(k + 1).map_or(line.len(), |f| f.0);
            let value = line[start + label.len()..end].trim();
            match *label {
                "来源:" if !value.is_empty() => credits.source = Some(value.to_string()),
                "作者:" => credits.authors = people_in(value),
                "来源:" => {}
                _ => credits.editors.extend(people_in(value)),
            }
        }
        credits
    }
}

/// Names in a credits field: `记者 周小明`, `宁波在线记者 张小青`, `中新社记者 刘大海、孙丽`.
fn people_in(value: &str) -> Vec<String> {
    value
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | ';'))
        .map(|w| {
            w.rsplit_once("记者")
                .map_or(w, |(_, name)| name)
                .trim_start_matches("通讯员")
        })
        .filter(|w| !w.is_empty() && !w.ends_with("记者"))
        .map(str::to_string)
        .collect()
}

/// `2022-06-23 07:48:04` → `2022-06-23T07:48:04+08:00`; a bare date stays a date.
pub fn normalise_time(raw: &str) -> Option<String> {
    let raw = raw.trim().replace(['/', '.'], "-");
    let raw = raw.replace(['年', '月'], "-").replace('日', " ");
    let mut parts = raw.split_whitespace();
    let date = parts.next()?;
    let ymd: Vec<&str> = date.split('-').filter(|s| !s.is_empty()).collect();
    if ymd.len() != 3 || ymd.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (y, m, d) = (
        ymd[0],
        ymd[1].parse::<u32>().ok()?,
        ymd[2].parse::<u32>().ok()?,
    );
    if y.len() != 4 || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let date = format!("{y}-{m:02}-{d:02}");
    match parts.next() {
        Some(time) if !time.contains('+') => {
            let hms: Vec<u32> = time.split(':').filter_map(|p| p.parse().ok()).collect();
            let (h, mi, s) = match hms.as_slice() {
                [h, m] => (*h, *m, 0),
                [h, m, s] => (*h, *m, *s),
                _ => return Some(date),
            };
            Some(format!("{date}T{h:02}:{mi:02}:{s:02}+08:00"))
        }
        _ => Some(date),
    }
}

/// Parses an HTML page: headline, publication date from the usual meta tags, main text.
pub fn parse_html(id: &str, html: &str) -> Option<Article> {
    use scraper::{Html, Selector};
    let doc = Html::parse_document(&flatten_deep_html(html));
    let sel = |s: &str| Selector::parse(s).ok();
    let text_of = |s: &str| -> Option<String> {
        let el = doc.select(&sel(s)?).next()?;
        let t: String = el.text().collect::<String>().trim().to_string();
        (!t.is_empty()).then_some(t)
    };
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            let s = sel(&format!("meta[name=\"{n}\"], meta[property=\"{n}\"]"))?;
            doc.select(&s)
                .next()?
                .value()
                .attr("content")
                .map(|c| c.trim().to_string())
        })
    };
    let title = meta(&["og:title"])
        .or_else(|| text_of("h1"))
        .or_else(|| text_of("title"))?;
    let published = meta(&[
        "article:published_time",
        "pubdate",
        "PubDate",
        "publishdate",
        "publish_date",
        "date",
    ])
    .and_then(|d| normalise_time(&d.replace('T', " ").replace('Z', "")));
    let source = meta(&["og:site_name", "source", "ContentSource"]);
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(p) = sel("article p, .article p, #content p, .content p, p") {
        for el in doc.select(&p) {
            let t = el.text().collect::<String>();
            let t = t.trim();
            if !t.is_empty() && !is_navigation(t) {
                paragraphs.push(t.to_string());
            }
        }
    }
    if paragraphs.is_empty() {
        let t = text_of("body")?;
        paragraphs = t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
    }
    if paragraphs.is_empty() {
        return None;
    }
    let credits = paragraphs
        .iter()
        .rev()
        .find(|p| {
            p.chars()
                .map(crate::extract::segment::fold_width)
                .collect::<String>()
                .contains("来源:")
        })
        .map(|p| Credits::parse(p))
        .unwrap_or_default();
    let body = format!("{title}\n\n{}\n", paragraphs.join("\n\n"));
    Some(Article {
        id: id.to_string(),
        title,
        published,
        source: source.or(credits.source),
        // `<meta name="author">` when the page says so, read as a credits field is.
        authors: meta(&["author", "Author", "article:author"])
            .map(|a| people_in(&a))
            .filter(|a| !a.is_empty())
            .unwrap_or(credits.authors),
        editors: credits.editors,
        body,
        origin: String::new(),
    })
}

#[derive(serde::Deserialize)]
struct JsonRecord {
    id: Option<serde_json::Value>,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    editors: Vec<String>,
    body: Option<String>,
}

fn parse_json_lines(path: &Path, stem: &str, text: &str, outcome: &mut ReadOutcome) {
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let bad_line = |problem: String| Error::BadJsonLine {
            path: path.to_path_buf(),
            line: line_no,
            problem,
        };
        let rec: JsonRecord = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                outcome
                    .skipped
                    .push(bad_line(format!("not a JSON article record: {e}")));
                continue;
            }
        };
        let Some(body) = rec.body.filter(|b| !b.trim().is_empty()) else {
            outcome
                .skipped
                .push(bad_line("record has no \"body\" text".into()));
            continue;
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => article_id(&s),
            Some(serde_json::Value::Number(n)) => format!("{stem}-{n}"),
            _ => format!("{stem}-{line_no}"),
        };
        let title = rec
            .title
            .unwrap_or_else(|| body.lines().next().unwrap_or("").trim().to_string());
        outcome.articles.push(Article {
            id,
            body: format!("{title}\n\n{body}"),
            title,
            published: rec
                .published
                .as_deref()
                .and_then(|p| normalise_time(&p.replace('T', " "))),
            source: rec.source,
            // `记者 张三` in a feed is 张三, as in a text's credits line.
            authors: rec.authors.iter().flat_map(|a| people_in(a)).collect(),
            editors: rec.editors.iter().flat_map(|e| people_in(e)).collect(),
            origin: format!("{}:{line_no}", path.display()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_from_html_meta_and_feeds_lose_their_press_titles() {
        let page = "<html><head><title>标题</title><meta name=\"author\" content=\"记者 张三 李四\"></head><body><p>正文内容。</p></body></html>";
        let a = parse_html("p", page).expect("article");
        assert_eq!(a.authors, ["张三", "李四"]);
        let out = read_bytes(
            Path::new("feed.jsonl"),
            "{\"id\":\"f\",\"title\":\"t\",\"body\":\"正文。\",\"authors\":[\"记者 王五\"]}\n"
                .as_bytes(),
        );
        assert_eq!(out.articles[0].authors, ["王五"]);
    }

    #[test]
    fn file_names_are_bounded_plain_and_never_hidden() {
        assert_eq!(file_stem("zjrb-2022_a.b"), "zjrb-2022_a.b");
        for id in [
            ".tmp-x",
            "浙江".repeat(100).as_str(),
            "",
            "a/b",
            &"x".repeat(300),
        ] {
            let f = file_stem(id);
            assert!(
                !f.starts_with('.') && f.len() <= 180 && !f.contains('/'),
                "{id} -> {f}"
            );
            assert!(f.contains('~'), "{id} -> {f}");
        }
        assert_ne!(file_stem("甲"), file_stem("乙"));
    }

    #[test]
    fn text_layout_gives_title_time_and_credits() {
        let text = "返 回\n某地召开大会\n发布时间:2024-03-05 09:30:00\n\n正文第一段。\n\n来源:某某日报   作者:记者 张三 李四   编辑:王五\n";
        let a = parse_text("x", text).expect("article");
        assert_eq!(a.title, "某地召开大会");
        assert_eq!(a.published.as_deref(), Some("2024-03-05T09:30:00+08:00"));
        assert_eq!(a.source.as_deref(), Some("某某日报"));
        assert_eq!(a.authors, ["张三", "李四"]);
        assert_eq!(a.editors, ["王五"]);
        assert_eq!(a.body, text);
    }

    #[test]
    fn credits_drop_reporter_prefixes() {
        let c = Credits::parse("来源:某网   作者:某社记者 甲乙、丙丁");
        assert_eq!(c.authors, ["甲乙", "丙丁"]);
        assert!(c.editors.is_empty());
    }

    #[test]
    fn gbk_bytes_decode() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("标题\n发布时间:2020-01-02\n正文内容很长很长。");
        let text = decode(Path::new("a.txt"), &bytes).expect("decodes");
        assert!(text.starts_with("标题"));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(decode(Path::new("e.txt"), b"  \n").is_err());
        assert!(decode(Path::new("b.txt"), &[0, 1, 2, 3, 0, 200, 7]).is_err());
    }

    #[test]
    fn bad_date_is_none() {
        assert_eq!(normalise_time("yesterday"), None);
        assert_eq!(normalise_time("2022-6-3"), Some("2022-06-03".into()));
    }
}

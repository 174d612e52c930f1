//! Stage 2, segment and tag: the body as chars, jieba's words with their tags, and the
//! sentence and paragraph bounds every later stage scopes its rules by.
//!
//! jieba's tags are evidence, not answers (it tags 从严治党 as a name): recognisers use
//! them to find word boundaries and to rule out verbs, and decide with their own rules.

use crate::extract::lexicon::Lexicon;
use jieba_rs::Jieba;

/// One word as jieba cut it, in char offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub tag: String,
    /// The word is in jieba's dictionary; otherwise jieba's model guessed it (as it guesses
    /// most personal names).
    pub known: bool,
    /// For a three-character word tagged as a name: two of its characters make a common word
    /// of their own (高 + 水平, 智能 + 化, 雷 + 阵雨), which a personal name seldom does.
    pub word_inside: bool,
    /// For a three-character word tagged as a name: it opens with a dictionary word and ends
    /// in a character no Chinese given name uses (许可 + 证, 乌龙 + 球; jieba's dictionary
    /// tags 许可 and 乌龙 as names too). Transliterations (阿巴 + 查) are judged otherwise.
    pub opens_with_word: bool,
    /// A personal name the word starts with, in characters: 邓小平理论 and 马克思列宁主义 are
    /// a name and a doctrine, and jieba keeps them as one word (0 when none).
    pub name_prefix: usize,
}

/// The segmented body.
#[derive(Debug, Clone)]
pub struct Text {
    pub chars: Vec<char>,
    pub tokens: Vec<Token>,
    /// `token_at[i]` is the index of the token covering char `i`.
    pub token_at: Vec<usize>,
    /// Sentence bounds (。!?; and line ends close a sentence).
    pub sentences: Vec<(usize, usize)>,
    /// Paragraph bounds (line ends).
    pub paragraphs: Vec<(usize, usize)>,
}

/// jieba with the project's lexicons as user words, built once and shared.
pub struct Segmenter {
    jieba: Jieba,
    /// Characters common in given names (from the lexicon), to tell 许可证 from 王莲香.
    given_name_chars: std::collections::HashSet<char>,
}

impl Segmenter {
    pub fn new(lexicon: &Lexicon) -> Segmenter {
        let mut jieba = Jieba::new();
        for word in lexicon.segmenter_words() {
            // A user word only changes how text is cut; its tag stays jieba's.
            if !jieba.has_word(word) {
                jieba.add_word(word, Some(2000), Some("n"));
            }
        }
        Segmenter {
            jieba,
            given_name_chars: lexicon.given_name_chars.clone(),
        }
    }

    /// Segments `body`. Full-width ASCII forms (，：；（）！？ and full-width letters and
    /// digits) are folded to ASCII first, one char for one, so offsets stay those of `body`
    /// and every rule needs to know only one form of each punctuation mark.
    pub fn segment(&self, body: &str) -> Text {
        let chars: Vec<char> = body.chars().map(fold_width).collect();
        let folded: String = chars.iter().collect();
        let body = folded.as_str();
        let mut tokens: Vec<Token> = self
            .jieba
            .tag(body, true)
            .into_iter()
            .map(|t| Token {
                start: t.start,
                end: t.end,
                tag: t.tag.to_string(),
                known: self.jieba.has_word(t.word),
                word_inside: t.tag.starts_with("nr")
                    && t.end - t.start == 3
                    && self.common_word_inside(t.word),
                opens_with_word: t.tag.starts_with("nr")
                    && t.end - t.start == 3
                    && self.opens_with_word(t.word),
                name_prefix: if t.end - t.start >= 4 {
                    self.name_prefix(t.word)
                } else {
                    0
                },
            })
            .collect();
        tokens.retain(|t| t.end > t.start);
        let mut token_at = vec![0; chars.len()];
        for (k, t) in tokens.iter().enumerate() {
            for slot in token_at
                .iter_mut()
                .take(t.end.min(chars.len()))
                .skip(t.start)
            {
                *slot = k;
            }
        }
        Text {
            sentences: bounds(&chars, |c| matches!(c, '。' | '!' | '?' | ';' | '\n')),
            paragraphs: bounds(&chars, |c| c == '\n'),
            chars,
            tokens,
            token_at,
        }
    }
}

impl Segmenter {
    /// True when the first two or the last two characters of `word` are a common word in
    /// jieba's dictionary (a noun, verb, adjective or adverb, not a name or a place).
    fn name_prefix(&self, word: &str) -> usize {
        let chars: Vec<char> = word.chars().collect();
        let doctrine = [
            "理论", "思想", "主义", "精神", "同志", "时代", "路线", "文选",
        ];
        if !doctrine.iter().any(|d| word.ends_with(d)) {
            return 0;
        }
        (2..=chars.len().saturating_sub(2).min(5))
            .rev()
            .find(|&n| {
                let prefix: String = chars[..n].iter().collect();
                self.jieba.has_word(&prefix) && matches!(self.jieba.tag(&prefix, false).as_slice(), [t] if t.tag.starts_with("nr"))
            })
            .unwrap_or(0)
    }

    fn opens_with_word(&self, word: &str) -> bool {
        let chars: Vec<char> = word.chars().collect();
        let opening: String = chars[..2].iter().collect();
        self.jieba.has_word(&opening) && !self.given_name_chars.contains(&chars[2])
    }

    fn common_word_inside(&self, word: &str) -> bool {
        let chars: Vec<char> = word.chars().collect();
        [&chars[..2], &chars[1..]].iter().any(|part| {
            let part: String = part.iter().collect();
            self.jieba.has_word(&part)
                && matches!(self.jieba.tag(&part, false).as_slice(), [t] if matches!(t.tag, "n" | "v" | "a" | "vn" | "d" | "ad" | "an" | "b" | "l"))
        })
    }
}

/// Full-width ASCII variants to ASCII, ideographic space to space; other chars unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

fn bounds(chars: &[char], closes: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if closes(c) {
            // A closing quote right after the stop belongs to the sentence.
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], '”' | '’' | '」' | '"') {
                end += 1;
            }
            if chars[start..end].iter().any(|c| !c.is_whitespace()) {
                out.push((start, end));
            }
            start = end;
        }
    }
    if chars[start.min(chars.len())..]
        .iter()
        .any(|c| !c.is_whitespace())
    {
        out.push((start, chars.len()));
    }
    out
}

impl Text {
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())]
            .iter()
            .collect()
    }

    /// True when a jieba word starts at char `i` (or `i` is the end of the text).
    pub fn is_boundary(&self, i: usize) -> bool {
        i == 0 || i >= self.chars.len() || self.tokens[self.token_at[i]].start == i
    }

    /// The sentence containing char `i`.
    pub fn sentence_of(&self, i: usize) -> (usize, usize) {
        find_bound(&self.sentences, i).unwrap_or((0, self.chars.len()))
    }

    pub fn paragraph_of(&self, i: usize) -> (usize, usize) {
        find_bound(&self.paragraphs, i).unwrap_or((0, self.chars.len()))
    }

    /// The token that starts at `i`, if one does.
    pub fn token_starting(&self, i: usize) -> Option<&Token> {
        (i < self.chars.len())
            .then(|| &self.tokens[self.token_at[i]])
            .filter(|t| t.start == i)
    }

    /// The token that ends at `end`, if one does.
    pub fn token_ending(&self, end: usize) -> Option<&Token> {
        (end > 0 && end <= self.chars.len())
            .then(|| &self.tokens[self.token_at[end - 1]])
            .filter(|t| t.end == end)
    }
}

fn find_bound(bounds: &[(usize, usize)], i: usize) -> Option<(usize, usize)> {
    let k = bounds.partition_point(|b| b.1 <= i);
    bounds.get(k).copied().filter(|b| b.0 <= i)
}

/// Chinese and ASCII punctuation, and white space: where names cannot run on.
pub fn is_break(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            ',' | '。'
                | '、'
                | ';'
                | ':'
                | '?'
                | '!'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '('
                | ')'
                | '《'
                | '》'
                | '【'
                | '】'
                | '—'
                | '…'
                | '·'
                | '「'
                | '」'
        )
}

/// A CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_closing_quotes_and_offsets_are_chars() {
        let seg = Segmenter::new(&Lexicon::builtin());
        let t = seg.segment("他说:“好。”然后走了。\n第二段");
        assert_eq!(t.sentences.len(), 3);
        assert_eq!(t.slice(t.sentences[0].0, t.sentences[0].1), "他说:“好。”");
        assert_eq!(t.paragraphs.len(), 2);
        assert!(t.is_boundary(0));
        assert_eq!(t.tokens.last().map(|x| x.end), Some(t.chars.len()));
    }
}

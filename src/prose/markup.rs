//! From a source file to the prose blocks that rules read.
//!
//! Each block keeps the byte length of the source it covers: everything that
//! is not prose (Markdown markup, code, HTML, link destinations, URLs) is
//! blanked to spaces, so an offset in a block plus the block's start is an
//! offset in the source, through markup and multi-byte characters alike.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The markup language of a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// CommonMark with GFM tables, front matter and footnotes.
    Markdown,
    /// Paragraphs separated by blank lines.
    PlainText,
}

impl Syntax {
    /// Picks the syntax from a file name: Markdown for `.md`, `.markdown`,
    /// `.mdx` and `.mkd`; plain text otherwise.
    pub fn from_path(path: &std::path::Path) -> Syntax {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["md", "markdown", "mdx", "mkd", "mdown"]
            .iter()
            .any(|m| ext.eq_ignore_ascii_case(m))
        {
            Syntax::Markdown
        } else {
            Syntax::PlainText
        }
    }
}

/// What kind of prose a block is; some rules treat headlines differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A body paragraph (also inside a block quote).
    Paragraph,
    /// A heading: in news copy, a headline or crosshead.
    Heading,
    /// The text of a tight list item.
    ListItem,
    /// A table cell.
    TableCell,
    /// A paragraph holding a picture: the text beside it is its caption.
    Caption,
}

/// A stretch of prose, blanked outside the prose, at a known source offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Byte offset of the block in the source.
    pub start: usize,
    /// The source bytes of the block with non-prose blanked to spaces.
    pub text: String,
    /// What kind of block it is.
    pub kind: BlockKind,
    /// Whether it stands in a block quote: someone else's words, when the
    /// paragraph before introduces them ("The ministry said in a statement:").
    pub quoted: bool,
}

/// An HTML comment in the source, kept for inline directives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Byte range of the whole comment in the source.
    pub span: Range<usize>,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: String,
}

/// The prose blocks of a source, in order, and its comments.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// Prose blocks in source order.
    pub blocks: Vec<Block>,
    /// HTML comments (Markdown) or directive lines (plain text).
    pub comments: Vec<Comment>,
    /// Byte ranges of the top-level sections (Markdown blocks, plain-text
    /// paragraphs), in order: each is parsed the same wherever parsing
    /// starts at its beginning, which lets an edit be re-extracted alone.
    pub sections: Vec<Range<usize>>,
}

/// Splits `source` into prose blocks.
pub fn extract(source: &str, syntax: Syntax) -> Extracted {
    let mut out = match syntax {
        Syntax::Markdown => extract_markdown(source),
        Syntax::PlainText => extract_plain(source),
    };
    for block in &mut out.blocks {
        blank_urls_and_emails(&mut block.text);
    }
    out.blocks
        .retain(|b| b.text.bytes().any(|c| !c.is_ascii_whitespace()));
    out
}

struct Builder {
    kind: BlockKind,
    pieces: Vec<Range<usize>>,
    quoted: bool,
}

fn extract_markdown(source: &str) -> Extracted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Extracted::default();
    let mut stack: Vec<Builder> = Vec::new();
    // Inline markup (emphasis, links, code) splits a block into pieces; most
    // blocks have a few, and a list that starts with room for them is not
    // grown as they come.
    const PIECES: usize = 8;
    // Depth of elements whose text is not prose (code blocks, images, front matter).
    let mut skip = 0usize;
    // Nesting depth of the element being read; 0 between top-level blocks.
    let mut depth = 0usize;
    // Block quotes the element being read stands in.
    let mut quote_depth = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match &event {
            Event::Start(_) => {
                if depth == 0 {
                    out.sections.push(range.clone());
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.sections.push(range.clone()),
            _ => {}
        }
        match &event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => stack.push(Builder {
                    kind: BlockKind::Paragraph,
                    pieces: Vec::with_capacity(PIECES),
                    quoted: quote_depth > 0,
                }),
                Tag::Heading { .. } => stack.push(Builder {
                    kind: BlockKind::Heading,
                    pieces: Vec::with_capacity(PIECES),
                    quoted: quote_depth > 0,
                }),
                Tag::Item => stack.push(Builder {
                    kind: BlockKind::ListItem,
                    pieces: Vec::with_capacity(PIECES),
                    quoted: quote_depth > 0,
                }),
                Tag::TableCell => stack.push(Builder {
                    kind: BlockKind::TableCell,
                    pieces: Vec::with_capacity(PIECES),
                    quoted: quote_depth > 0,
                }),
                Tag::Image { .. } => {
                    if let Some(top) = stack.last_mut().filter(|b| b.kind == BlockKind::Paragraph) {
                        top.kind = BlockKind::Caption;
                    }
                    skip += 1
                }
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => skip += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    if let Some(builder) = stack.pop() {
                        if let Some(block) = build_block(source, builder) {
                            out.blocks.push(block);
                        }
                    }
                }
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => skip = skip.saturating_sub(1),
                _ => {}
            },
            Event::Text(_) if skip == 0 => {
                if let Some(top) = stack.last_mut() {
                    top.pieces.push(range);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                collect_comments(source, range, &mut out.comments)
            }
            _ => {}
        }
    }
    out.blocks.sort_by_key(|b| b.start);
    out
}

fn build_block(source: &str, builder: Builder) -> Option<Block> {
    let start = builder.pieces.iter().map(|r| r.start).min()?;
    // Text runs come in order and on character boundaries: the block is
    // built from string slices then, and needs no check that it is UTF-8.
    let text = join_pieces(source, &builder.pieces)
        .or_else(|| blank_around_pieces(source, &builder.pieces))?;
    Some(Block {
        start,
        text,
        kind: builder.kind,
        quoted: builder.quoted,
    })
}

/// The source from the first piece's start to the last one's end, with the
/// bytes outside the pieces blanked (line breaks kept), whatever the pieces'
/// order; `None` if that is not text of the same length.
fn blank_around_pieces(source: &str, pieces: &[Range<usize>]) -> Option<String> {
    let start = pieces.iter().map(|r| r.start).min()?;
    let end = pieces.iter().map(|r| r.end).max()?;
    let mut bytes: Vec<u8> = source.as_bytes()[start..end]
        .iter()
        .map(|&b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    for piece in pieces {
        bytes[piece.start - start..piece.end - start]
            .copy_from_slice(&source.as_bytes()[piece.clone()]);
    }
    // Pieces are whole text runs on character boundaries and every other
    // byte became ASCII, so the result is valid UTF-8; fall back to a lossy
    // copy rather than trusting that blindly.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text.len() == end - start).then_some(text)
}

/// [`blank_around_pieces`] when the pieces are in order, apart and on
/// character boundaries, from string slices; `None` otherwise.
fn join_pieces(source: &str, pieces: &[Range<usize>]) -> Option<String> {
    let (first, last) = (pieces.first()?, pieces.last()?);
    let mut text = String::with_capacity(last.end.checked_sub(first.start)?);
    let mut at = first.start;
    for piece in pieces {
        let gap = source.as_bytes().get(at..piece.start)?;
        text.extend(gap.iter().map(|&b| if b == b'\n' { '\n' } else { ' ' }));
        text.push_str(source.get(piece.clone())?);
        at = piece.end;
    }
    Some(text)
}

/// Records every `<!-- … -->` inside an HTML range.
fn collect_comments(source: &str, range: Range<usize>, comments: &mut Vec<Comment>) {
    let Some(html) = source.get(range.clone()) else {
        return;
    };
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--") {
        let body_start = from + open + 4;
        let Some(close) = html[body_start..].find("-->") else {
            break;
        };
        let body_end = body_start + close;
        comments.push(Comment {
            span: range.start + from + open..range.start + body_end + 3,
            body: html[body_start..body_end].trim().to_string(),
        });
        from = body_end + 3;
    }
}

fn extract_plain(source: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut para_start: Option<usize> = None;
    // The paragraph's lines (without their endings) as they are read, and
    // its directive lines: not prose, and not lines of it.
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut directives: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for line in lines_inclusive(source) {
        let range = offset..offset + line.trim_end().len();
        if line.trim().is_empty() {
            if let Some(start) = para_start.take() {
                push_plain_block(source, start..offset, &lines, &directives, &mut out.blocks);
                out.sections.push(start..offset);
                lines.clear();
                directives.clear();
            }
        } else if is_directive_line(line) {
            // A directive on a line of its own, as in Markdown. It does not
            // end the paragraph it stands in: "ignore on this line" puts one
            // above a line, and must not change how the rest is read.
            collect_comments(source, offset..offset + line.len(), &mut out.comments);
            if para_start.is_some() {
                directives.push(range);
            }
        } else {
            para_start.get_or_insert(offset);
            lines.push(range);
        }
        offset += line.len();
    }
    if let Some(start) = para_start {
        push_plain_block(
            source,
            start..source.len(),
            &lines,
            &directives,
            &mut out.blocks,
        );
        out.sections.push(start..source.len());
    }
    out
}

/// The lines of `text` with their endings: `\n`, `\r\n` or a lone `\r`
/// (classic Mac OS), as editors and the language server count lines.
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let ends = memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(move |&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .map(|i| i + 1)
        .chain((!text.is_empty()).then_some(text.len()));
    ends.filter_map(move |end| {
        let line = (end > start).then(|| &text[start..end]);
        start = end;
        line
    })
}

/// Whether a line ends as a sentence or a quotation does.
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ')'])
}

/// Adds a blank-line-separated block of plain text. Two layouts of plain news
/// copy are recognised: a headline line over its story (short, no closing
/// punctuation), and one paragraph per line (wire copy, where every line ends
/// a sentence and a quotation that runs on reopens on the next line).
fn push_plain_block(
    source: &str,
    range: Range<usize>,
    lines: &[Range<usize>],
    directives: &[Range<usize>],
    blocks: &mut Vec<Block>,
) {
    let text = |r: &Range<usize>| &source[r.clone()];
    // Nearly every line ends a sentence: one paragraph per line.
    let one_per_line = |ls: &[Range<usize>]| {
        ls.len() >= 2 && ls.iter().filter(|l| ends_sentence(text(l))).count() * 10 >= ls.len() * 9
    };
    let mut body = lines;
    if let [first, second, ..] = lines {
        let head = text(first);
        let headline = !ends_sentence(head)
            && head.trim_end().ends_with(|c: char| c.is_alphanumeric())
            && head.split_whitespace().count() <= 14
            && text(second)
                .trim_start()
                .starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
            && (head.len() * 4 < text(second).len() * 3 || one_per_line(&lines[1..]));
        if headline {
            blocks.push(Block {
                start: first.start,
                text: head.to_string(),
                kind: BlockKind::Heading,
                quoted: false,
            });
            body = &lines[1..];
        }
    }
    let Some(first) = body.first() else { return };
    if one_per_line(body) {
        for line in body {
            blocks.push(Block {
                start: line.start,
                text: text(line).to_string(),
                kind: BlockKind::Paragraph,
                quoted: false,
            });
        }
    } else {
        let mut text = source[first.start..range.end].to_string();
        for d in directives.iter().filter(|d| d.start > first.start) {
            let blank = " ".repeat(d.len());
            text.replace_range(d.start - first.start..d.end - first.start, &blank);
        }
        blocks.push(Block {
            start: first.start,
            text,
            kind: BlockKind::Paragraph,
            quoted: false,
        });
    }
}

/// Whether a plain-text line is an inline directive: an HTML-style comment
/// on a line of its own.
fn is_directive_line(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.starts_with("<!--") && trimmed.ends_with("-->")
}

/// Blanks bare URLs and e-mail addresses: they are not prose.
fn blank_urls_and_emails(text: &mut String) {
    // Most blocks have neither: find that out at memchr speed, in one pass
    // for the three marks, ignoring case as the token test below does
    // ("Www.example.com", "MAILTO:"). "www." is found by its period: a "w"
    // is several times as common.
    let bytes = text.as_bytes();
    let marked = memchr::memchr3_iter(b'@', b':', b'.', bytes).any(|i| match bytes[i] {
        b'@' => true,
        b':' => {
            bytes[i..].starts_with(b"://")
                || i >= 6 && bytes[i - 6..i].eq_ignore_ascii_case(b"mailto")
        }
        _ => i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"),
    });
    if !marked {
        return;
    }
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Tokens are whitespace-delimited runs.
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let token = &text[start..i];
        let lower_has = |p: &str| {
            token.len() >= p.len() && token.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        };
        let is_url = lower_has("http://")
            || lower_has("https://")
            || lower_has("www.")
            || lower_has("ftp://")
            || lower_has("mailto:");
        let is_email = token.find('@').is_some_and(|at| {
            at > 0 && token[at + 1..].contains('.') && !token[at + 1..].starts_with('.')
        });
        if is_url || is_email {
            // Keep sentence punctuation that follows a URL ("… at example.com.").
            let mut end = i;
            while end > start
                && matches!(
                    text.as_bytes()[end - 1],
                    b'.' | b',' | b')' | b';' | b':' | b'"'
                )
            {
                end -= 1;
            }
            spans.push(start..end);
        }
    }
    if spans.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for span in spans {
        for b in &mut bytes[span] {
            *b = b' ';
        }
    }
    *text = String::from_utf8(bytes).unwrap_or_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn pieces_in_order_are_joined_as_blanking_around_them_does(
            source in "[a-z \n*é“]{0,40}",
            cuts in proptest::collection::vec(0usize..48, 0..8),
        ) {
            let mut cuts: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(source.len()))
                .filter(|&c| source.is_char_boundary(c))
                .collect();
            cuts.sort_unstable();
            let pieces: Vec<Range<usize>> = cuts.chunks_exact(2).map(|c| c[0]..c[1]).collect();
            if let Some(joined) = join_pieces(&source, &pieces) {
                proptest::prop_assert_eq!(Some(joined), blank_around_pieces(&source, &pieces));
            } else {
                proptest::prop_assert!(pieces.is_empty());
            }
        }
    }

    fn prose(source: &str, syntax: Syntax) -> Vec<(usize, String)> {
        extract(source, syntax)
            .blocks
            .into_iter()
            .map(|b| (b.start, b.text))
            .collect()
    }

    #[test]
    fn markdown_blanks_markup_but_keeps_offsets() {
        let src = "# Héad\n\nSome **bold** and `code` and [a link](http://x.org).\n";
        let blocks = extract(src, Syntax::Markdown).blocks;
        assert_eq!(blocks.len(), 2);
        for b in &blocks {
            assert_eq!(b.text.len(), b.text.len());
            // Every non-blank byte matches the source at the same offset.
            for (i, c) in b.text.bytes().enumerate() {
                if c != b' ' {
                    assert_eq!(c, src.as_bytes()[b.start + i]);
                }
            }
        }
        assert_eq!(blocks[0].kind, BlockKind::Heading);
        assert!(blocks[1].text.contains("bold"));
        assert!(!blocks[1].text.contains("code"));
        assert!(!blocks[1].text.contains("x.org"));
        assert!(blocks[1].text.contains("a link"));
    }

    #[test]
    fn code_html_and_front_matter_are_not_prose() {
        let src = "---\ntitle: Clearly bad\n---\n\nText.\n\n```\nvery code\n```\n\n    indented very\n\n<div>very html</div>\n";
        let all: String = prose(src, Syntax::Markdown)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(all.contains("Text."));
        assert!(!all.contains("Clearly"));
        assert!(!all.contains("very"));
    }

    #[test]
    fn lists_quotes_and_tables_are_prose() {
        let src =
            "- item one\n- item two\n\n> quoted para\n\n| a | b |\n|---|---|\n| cell | other |\n";
        let texts: Vec<String> = prose(src, Syntax::Markdown)
            .into_iter()
            .map(|(_, t)| t.trim().to_string())
            .collect();
        for want in ["item one", "item two", "quoted para", "cell", "other"] {
            assert!(texts.iter().any(|t| t == want), "missing {want}: {texts:?}");
        }
    }

    #[test]
    fn plain_text_splits_on_blank_lines_and_blanks_urls() {
        let src = "One line that wraps\nonto the next.\n\n  \nSecond at https://example.com/x and a@b.org.\n";
        let blocks = prose(src, Syntax::PlainText);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].0, 0);
        assert!(!blocks[1].1.contains("example"));
        assert!(!blocks[1].1.contains("a@b"));
        assert!(blocks[1].1.trim_end().ends_with('.'));
    }

    #[test]
    fn plain_text_headlines_and_line_per_paragraph_copy() {
        let src = "Cannery wins export deal\nThe cannery has a deal worth a great deal of money.\n\"We are thrilled,\" the owner says.\n\"It is big.\nThe plan was long and\nwrapped over lines.\n";
        let ex = extract(src, Syntax::PlainText).blocks;
        assert_eq!(ex[0].kind, BlockKind::Heading);
        assert_eq!(ex[0].text, "Cannery wins export deal");
        // Mixed layout (a hard-wrapped sentence): one body paragraph.
        assert_eq!(ex.len(), 2);
        let wire = "Cannery wins export deal\nThe cannery has a deal.\n\"We are thrilled.\n\"It is big,\" the owner says.\n";
        let blocks = extract(wire, Syntax::PlainText).blocks;
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Cannery wins export deal",
                "The cannery has a deal.",
                "\"We are thrilled.",
                "\"It is big,\" the owner says."
            ]
        );
        let prose = "The city council on Tuesday approved a plan to rebuild\nthe riverfront, ending years of debate.\n";
        assert_eq!(extract(prose, Syntax::PlainText).blocks.len(), 1);
    }

    #[test]
    fn comments_are_collected() {
        let src = "<!-- copydesk-disable -->\n\nText <!-- inline --> here.\n";
        let ex = extract(src, Syntax::Markdown);
        let bodies: Vec<&str> = ex.comments.iter().map(|c| c.body.as_str()).collect();
        assert_eq!(bodies, ["copydesk-disable", "inline"]);
        assert_eq!(
            &src[ex.comments[0].span.clone()],
            "<!-- copydesk-disable -->"
        );
    }

    #[test]
    fn urls_are_blanked_whatever_their_case() {
        for url in [
            "Www.Example.com/plan",
            "HTTPS://example.com/x",
            "www.example.com",
        ] {
            let src = format!("Read it at {url} today.\n");
            let (_, text) = &prose(&src, Syntax::PlainText)[0];
            assert!(!text.contains(url), "{url} left in {text:?}");
            assert!(
                text.starts_with("Read it at ") && text.contains(" today."),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_plain_text_directive_line_does_not_split_its_paragraph() {
        let src = "The council said the plan\n<!-- copydesk-disable-next-line style/toward -->\nwent towards a vote.\n";
        let ex = extract(src, Syntax::PlainText);
        assert_eq!(ex.comments.len(), 1);
        assert_eq!(
            prose(src, Syntax::PlainText),
            [(
                0,
                format!(
                    "The council said the plan\n{}\nwent towards a vote.\n",
                    " ".repeat(48)
                )
            )]
        );
        // Nor does it count as a line of wire copy written one paragraph a line.
        let wire = "First paragraph ends here.\n<!-- copydesk-disable -->\nSecond one too.\n";
        let starts: Vec<usize> = prose(wire, Syntax::PlainText)
            .iter()
            .map(|(s, _)| *s)
            .collect();
        assert_eq!(starts, [0, 53]);
        // On a line of its own between paragraphs, it is no prose at all.
        let apart = "One.\n\n<!-- copydesk-disable -->\n\nTwo.\n";
        assert_eq!(prose(apart, Syntax::PlainText).len(), 2);
    }

    #[test]
    fn syntax_from_path() {
        assert_eq!(Syntax::from_path("a/b.MD".as_ref()), Syntax::Markdown);
        assert_eq!(Syntax::from_path("a/b.txt".as_ref()), Syntax::PlainText);
    }
}

//! The library's findings in the protocol's terms: diagnostics, code
//! actions and hovers. Only this module (with [`super::position`]) knows
//! both byte offsets and `lsp_types`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use copydesk::rules::house::stylebook::Stylebook;
use copydesk::suppressions::{ignore_fix, IgnoreScope};
use copydesk::{rules, Edit, Finding, Fix, Severity, Syntax};
use ropey::Rope;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic, DiagnosticSeverity, Hover,
    HoverContents, MarkupContent, MarkupKind, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range as LspRange, TextDocumentEdit, TextEdit, Url,
    WorkspaceEdit,
};

use super::capabilities::{ClientSupport, FIX_ALL_KIND};
use super::outbox;
use super::position::{self, Encoding, Sweep};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "copydesk";

/// What a diagnostic carries in `data`: its fixes as byte edits of the
/// document version it was computed for, so that a code action needs no
/// second lint. Byte edits (rather than protocol ranges) keep the
/// notification small; they are converted when an action is asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticData {
    /// The document version the byte offsets refer to.
    pub version: i32,
    /// The finding's fixes.
    pub fixes: Vec<FixData>,
}

/// One fix of a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FixData {
    /// What the fix does, as the menu shows it.
    pub title: String,
    /// Whether it may be applied unattended.
    pub safe: bool,
    /// Byte edits, in order, not overlapping.
    pub edits: Vec<ByteEdit>,
}

/// A replacement of bytes `start..end`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ByteEdit {
    /// First byte replaced.
    pub start: usize,
    /// Byte after the last one replaced.
    pub end: usize,
    /// The replacement.
    pub new_text: String,
}

/// The protocol severity of a library severity.
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Hint => DiagnosticSeverity::HINT,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Error => DiagnosticSeverity::ERROR,
    }
}

/// The documentation link of a rule, made once per process.
fn doc_link(rule: &str) -> Option<&'static str> {
    static LINKS: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
        rules::catalogue()
            .map(|r| (r.id.as_str(), r.doc_url()))
            .collect()
    });
    LINKS.get(rule).map(String::as_str)
}

/// The link a diagnostic of `rule` offers: a built-in rule's section of the
/// catalogue, or the stylebook entry a house rule names (an http or https
/// address only: a style file is untrusted).
fn rule_link<'a>(rule: &str, stylebook: Option<&'a Stylebook>) -> Option<&'a str> {
    doc_link(rule).or_else(|| {
        let link = stylebook?.spec(rule)?.link.as_deref()?;
        let url = Url::parse(link).ok()?;
        matches!(url.scheme(), "http" | "https").then_some(link)
    })
}

/// The ranges of `findings` of `text` (`rope`'s text), in the order given.
/// Findings come sorted by start, which lets one sweep convert them all.
pub fn ranges(text: &str, rope: &Rope, findings: &[Finding], encoding: Encoding) -> Vec<LspRange> {
    let mut sweep = Sweep::new(text, rope, encoding);
    findings.iter().map(|f| sweep.range(&f.span)).collect()
}

/// The diagnostic of a finding at `range` of the text at `version`, linted
/// with `stylebook`.
pub fn diagnostic(
    finding: &Finding,
    range: LspRange,
    version: i32,
    stylebook: Option<&Stylebook>,
) -> Diagnostic {
    let data = DiagnosticData {
        version,
        fixes: finding.fixes.iter().map(fix_data).collect(),
    };
    Diagnostic {
        range,
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: rule_link(finding.rule, stylebook)
            .and_then(|href| Url::parse(href).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: None,
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// The body of the `textDocument/publishDiagnostics` notification for
/// `findings` at `ranges`, serialised straight from them. The result is the
/// JSON of [`diagnostic`] for each, without building a [`Diagnostic`] and its
/// `data` tree first: a long document has thousands of findings, and this
/// stands between every keystroke and its diagnostics.
pub fn publish_notification(
    uri: &Url,
    version: i32,
    findings: &[Finding],
    ranges: &[LspRange],
    stylebook: Option<&Stylebook>,
) -> Option<Vec<u8>> {
    let diagnostics = Wire(
        findings
            .iter()
            .zip(ranges)
            .map(|(finding, range)| WireDiagnostic {
                range,
                severity: severity(finding.severity),
                code: finding.rule,
                code_description: rule_link(finding.rule, stylebook).map(|href| WireHref { href }),
                source: SOURCE,
                message: &finding.message,
                data: WireData {
                    version,
                    fixes: Wire(finding.fixes.iter().map(WireFix)),
                },
            }),
    );
    outbox::notification(
        "textDocument/publishDiagnostics",
        &WirePublish {
            uri,
            version,
            diagnostics,
        },
    )
}

/// Serialises the items of an iterator as a JSON array.
struct Wire<I>(I);

impl<I: Iterator<Item = T> + Clone, T: Serialize> Serialize for Wire<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

#[derive(Serialize)]
struct WirePublish<'a, D: Serialize> {
    uri: &'a Url,
    version: i32,
    diagnostics: D,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireDiagnostic<'a, F: Serialize> {
    range: &'a LspRange,
    severity: DiagnosticSeverity,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<WireHref<'a>>,
    source: &'static str,
    message: &'a str,
    data: WireData<F>,
}

#[derive(Serialize)]
struct WireHref<'a> {
    href: &'a str,
}

#[derive(Serialize)]
struct WireData<F: Serialize> {
    version: i32,
    fixes: F,
}

/// A fix in the shape of [`FixData`].
#[derive(Clone)]
struct WireFix<'a>(&'a Fix);

impl Serialize for WireFix<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fix = serializer.serialize_struct("FixData", 3)?;
        fix.serialize_field("title", &self.0.title)?;
        fix.serialize_field("safe", &self.0.safe)?;
        fix.serialize_field("edits", &Wire(self.0.edits.iter().map(WireEdit)))?;
        fix.end()
    }
}

/// An edit in the shape of [`ByteEdit`].
#[derive(Clone)]
struct WireEdit<'a>(&'a Edit);

impl Serialize for WireEdit<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut edit = serializer.serialize_struct("ByteEdit", 3)?;
        edit.serialize_field("start", &self.0.span.start)?;
        edit.serialize_field("end", &self.0.span.end)?;
        edit.serialize_field("newText", &self.0.replacement)?;
        edit.end()
    }
}

fn fix_data(fix: &Fix) -> FixData {
    FixData {
        title: fix.title.to_string(),
        safe: fix.safe,
        edits: fix
            .edits
            .iter()
            .map(|e| ByteEdit {
                start: e.span.start,
                end: e.span.end,
                new_text: e.replacement.to_string(),
            })
            .collect(),
    }
}

/// The document a code action edits: its URI, version and text.
pub struct Target<'a> {
    /// The document.
    pub uri: &'a Url,
    /// Its current version.
    pub version: i32,
    /// Its current text.
    pub rope: &'a Rope,
    /// The negotiated encoding.
    pub encoding: Encoding,
    /// Whether the client takes versioned document edits.
    pub document_changes: bool,
}

impl<'a> Target<'a> {
    /// The document at `uri`, `version` and `rope`, edited as the client
    /// negotiated (`support`).
    pub fn new(uri: &'a Url, version: i32, rope: &'a Rope, support: &ClientSupport) -> Self {
        Target {
            uri,
            version,
            rope,
            encoding: support.encoding,
            document_changes: support.document_changes,
        }
    }

    /// A workspace edit making byte `edits` of the current text, or `None`
    /// when any of them does not fit the text (the data came back from the
    /// client and is not to be trusted).
    fn workspace_edit(&self, edits: &[ByteEdit]) -> Option<WorkspaceEdit> {
        let len = self.rope.len_bytes();
        let on_boundary =
            |b: usize| b <= len && self.rope.char_to_byte(self.rope.byte_to_char(b)) == b;
        let mut previous_end = 0;
        let mut text_edits = Vec::with_capacity(edits.len());
        for edit in edits {
            if edit.start > edit.end
                || edit.start < previous_end
                || !on_boundary(edit.start)
                || !on_boundary(edit.end)
            {
                return None;
            }
            previous_end = edit.end;
            text_edits.push(TextEdit {
                range: position::to_range(self.rope, &(edit.start..edit.end), self.encoding),
                new_text: edit.new_text.clone(),
            });
        }
        Some(if self.document_changes {
            WorkspaceEdit {
                document_changes: Some(tower_lsp::lsp_types::DocumentChanges::Edits(vec![
                    TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri: self.uri.clone(),
                            version: Some(self.version),
                        },
                        edits: text_edits.into_iter().map(OneOf::Left).collect(),
                    },
                ])),
                ..WorkspaceEdit::default()
            }
        } else {
            WorkspaceEdit {
                changes: Some(HashMap::from([(self.uri.clone(), text_edits)])),
                ..WorkspaceEdit::default()
            }
        })
    }
}

/// The quick fixes of one diagnostic the client sent back, from its `data`.
/// None when the data is missing, malformed or for another version of the
/// text: the client will ask again once it has the new diagnostics.
pub fn quick_fixes(target: &Target, diagnostic: &Diagnostic) -> Vec<CodeAction> {
    if diagnostic.source.as_deref() != Some(SOURCE) {
        return Vec::new();
    }
    let Some(data) = diagnostic
        .data
        .clone()
        .and_then(|d| serde_json::from_value::<DiagnosticData>(d).ok())
    else {
        return Vec::new();
    };
    if data.version != target.version {
        return Vec::new();
    }
    data.fixes
        .iter()
        .filter_map(|fix| {
            Some(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(target.workspace_edit(&fix.edits)?),
                is_preferred: fix.safe.then_some(true),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// "Ignore RULE on this line" and "Ignore RULE in this file" for each
/// diagnostic the client sent back that is one of `findings` (at `ranges`,
/// of the target's text): the edit inserts a suppression directive. Never
/// preferred: the writer's fix is the better choice.
pub fn ignore_actions(
    target: &Target,
    syntax: Syntax,
    findings: &[Finding],
    ranges: &[LspRange],
    diagnostics: &[Diagnostic],
) -> Vec<CodeAction> {
    let mut text = None;
    let mut actions = Vec::new();
    for diagnostic in diagnostics {
        if diagnostic.source.as_deref() != Some(SOURCE) {
            continue;
        }
        let Some(NumberOrString::String(code)) = &diagnostic.code else {
            continue;
        };
        // A diagnostic of another version of the text: the client asks
        // again once it has the new diagnostics, as for the quick fixes.
        let version = diagnostic.data.as_ref().and_then(|d| d.get("version"));
        if version.is_some_and(|v| v.as_i64() != Some(i64::from(target.version))) {
            continue;
        }
        let Some(finding) = findings
            .iter()
            .zip(ranges)
            .find(|(f, r)| f.rule == code && **r == diagnostic.range)
            .map(|(f, _)| f)
        else {
            // Not a finding of this text (any more): nothing to ignore.
            continue;
        };
        let text: &String = text.get_or_insert_with(|| String::from(target.rope));
        for scope in [IgnoreScope::Line, IgnoreScope::File] {
            let fix = ignore_fix(text, syntax, finding, scope);
            let edits: Vec<ByteEdit> = fix_data(&fix).edits;
            if let Some(edit) = target.workspace_edit(&edits) {
                actions.push(CodeAction {
                    title: fix.title.into_owned(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit),
                    is_preferred: None,
                    ..CodeAction::default()
                });
            }
        }
    }
    actions
}

/// "Apply all safe copydesk fixes": the first safe fix of every finding that
/// does not collide with another, or `None` when there is nothing to fix.
pub fn fix_all(target: &Target, findings: &[Finding]) -> Option<CodeAction> {
    let edits: Vec<ByteEdit> = copydesk::fix::safe_edits(findings)
        .iter()
        .map(byte_edit)
        .collect();
    if edits.is_empty() {
        return None;
    }
    Some(CodeAction {
        title: "Apply all safe copydesk fixes".into(),
        kind: Some(CodeActionKind::from(FIX_ALL_KIND)),
        edit: Some(target.workspace_edit(&edits)?),
        ..CodeAction::default()
    })
}

fn byte_edit(edit: &Edit) -> ByteEdit {
    ByteEdit {
        start: edit.span.start,
        end: edit.span.end,
        new_text: edit.replacement.to_string(),
    }
}

/// The hover at byte `offset`: the documentation of every rule flagging the
/// text there (a house rule's from `stylebook`, as `copydesk explain` gives
/// it), or `None` when nothing is flagged.
pub fn hover(
    rope: &Rope,
    findings: &[Finding],
    stylebook: Option<&Stylebook>,
    offset: usize,
    encoding: Encoding,
) -> Option<Hover> {
    let touching = |span: &Range<usize>| {
        (span.start <= offset && offset < span.end) || (span.is_empty() && span.start == offset)
    };
    let mut rules_seen: Vec<&'static str> = Vec::new();
    let mut range: Option<Range<usize>> = None;
    for finding in findings.iter().filter(|f| touching(&f.span)) {
        if !rules_seen.contains(&finding.rule) {
            rules_seen.push(finding.rule);
        }
        range = Some(match range {
            None => finding.span.clone(),
            // The innermost span, so the editor highlights what was flagged.
            Some(r) => {
                r.start.max(finding.span.start)
                    ..r.end
                        .min(finding.span.end)
                        .max(r.start.max(finding.span.start))
            }
        });
    }
    let markdown: Vec<String> = rules_seen
        .iter()
        .filter_map(|id| {
            rules::find(id)
                .map(|r| r.to_markdown())
                .or_else(|| stylebook?.to_markdown(id))
        })
        .collect();
    if markdown.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown.join("\n---\n\n"),
        }),
        range: range.map(|r| position::to_range(rope, &r, encoding)),
    })
}

#[cfg(test)]
mod tests {
    use copydesk::{LintOptions, Linter, Syntax};
    use tower_lsp::lsp_types::{DocumentChanges, Position};

    use super::*;

    fn lint(text: &str) -> Vec<Finding> {
        Linter::new(LintOptions::default())
            .lint(text, Syntax::PlainText)
            .findings
    }

    fn uri() -> Url {
        Url::parse("file:///draft.txt").unwrap_or_else(|_| unreachable!("a valid URL"))
    }

    /// A rule's own bad example after multi-byte text, its findings, and
    /// the index of the first that `pred` accepts. The rules' examples keep
    /// these tests independent of how the rules are tuned.
    fn example(pred: impl Fn(&Finding) -> bool) -> (String, Vec<Finding>, usize) {
        for rule in rules::catalogue() {
            let text = format!("Café 😀 “東京”. {}", rule.bad.trim());
            let findings = lint(&text);
            if let Some(i) = findings.iter().position(|f| f.rule == rule.id && pred(f)) {
                return (text, findings, i);
            }
        }
        panic!("no rule's bad example has such a finding")
    }

    fn safe_fix(f: &Finding) -> bool {
        f.fixes.iter().any(|x| x.safe)
    }

    #[test]
    fn a_diagnostic_carries_rule_link_range_and_fixes() {
        let (text, findings, i) = example(safe_fix);
        let rope = Rope::from_str(&text);
        let finding = &findings[i];
        let d = diagnostic(
            finding,
            ranges(&text, &rope, &findings, Encoding::Utf16)[i],
            7,
            None,
        );
        // Before the finding, "Café 😀 “東京”. " is 12 UTF-16 units but 21 bytes.
        let column = |b: usize| text[..b].encode_utf16().count() as u32;
        assert_eq!(
            d.range,
            LspRange::new(
                Position::new(0, column(finding.span.start)),
                Position::new(0, column(finding.span.end))
            )
        );
        assert!(d.range.start.character >= 12);
        assert_eq!(d.code, Some(NumberOrString::String(finding.rule.into())));
        assert_eq!(d.source.as_deref(), Some(SOURCE));
        let link = rules::find(finding.rule).map(|r| r.doc_url());
        assert_eq!(d.code_description.map(|c| c.href.to_string()), link);
        let data: Option<DiagnosticData> = d.data.and_then(|v| serde_json::from_value(v).ok());
        assert_eq!(
            data,
            Some(DiagnosticData {
                version: 7,
                fixes: finding.fixes.iter().map(fix_data).collect()
            })
        );
    }

    #[test]
    fn the_published_json_is_that_of_the_diagnostics() {
        let text = rules::catalogue()
            .map(|r| format!("東京 😀 {}", r.bad.trim()))
            .collect::<Vec<_>>()
            .join("\n\n");
        let rope = Rope::from_str(&text);
        let findings = lint(&text);
        assert!(findings.len() >= 10 && findings.iter().any(safe_fix));
        let ranges = ranges(&text, &rope, &findings, Encoding::Utf16);
        let body = publish_notification(&uri(), 5, &findings, &ranges, None).unwrap_or_default();
        let message: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(message["method"], "textDocument/publishDiagnostics");
        let params: Result<tower_lsp::lsp_types::PublishDiagnosticsParams, _> =
            serde_json::from_value(message["params"].clone());
        let Ok(params) = params else {
            panic!("not publishDiagnostics params: {message}")
        };
        let expected: Vec<Diagnostic> = findings
            .iter()
            .zip(&ranges)
            .map(|(f, r)| diagnostic(f, *r, 5, None))
            .collect();
        assert_eq!(
            (params.uri, params.version, params.diagnostics),
            (uri(), Some(5), expected)
        );
    }

    #[test]
    fn quick_fixes_come_from_data_of_the_current_version_only() {
        let (text, findings, i) = example(safe_fix);
        let rope = Rope::from_str(&text);
        let ranges = ranges(&text, &rope, &findings, Encoding::Utf16);
        let d = diagnostic(&findings[i], ranges[i], 3, None);
        let target = Target {
            uri: &uri(),
            version: 3,
            rope: &rope,
            encoding: Encoding::Utf16,
            document_changes: false,
        };
        let actions = quick_fixes(&target, &d);
        assert_eq!(actions.len(), findings[i].fixes.len());
        for (action, fix) in actions.iter().zip(&findings[i].fixes) {
            assert_eq!(action.title, fix.title);
            assert_eq!(action.is_preferred, fix.safe.then_some(true));
            let edits = action
                .edit
                .as_ref()
                .and_then(|e| e.changes.as_ref())
                .and_then(|c| c.get(&uri()))
                .cloned()
                .unwrap_or_default();
            let want: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: position::to_range(&rope, &e.span, Encoding::Utf16),
                    new_text: e.replacement.to_string(),
                })
                .collect();
            assert_eq!(edits, want);
        }
        let stale = Target {
            version: 4,
            ..target
        };
        assert!(quick_fixes(&stale, &d).is_empty());
    }

    #[test]
    fn tampered_data_gives_no_action() {
        let rope = Rope::from_str("a😀b");
        let target = Target {
            uri: &uri(),
            version: 1,
            rope: &rope,
            encoding: Encoding::Utf16,
            document_changes: true,
        };
        for edits in [
            vec![(2, 3)],
            vec![(3, 1)],
            vec![(0, 99)],
            vec![(2, 3), (0, 1)],
        ] {
            let data = DiagnosticData {
                version: 1,
                fixes: vec![FixData {
                    title: "x".into(),
                    safe: true,
                    edits: edits
                        .iter()
                        .map(|&(start, end)| ByteEdit {
                            start,
                            end,
                            new_text: String::new(),
                        })
                        .collect(),
                }],
            };
            let d = Diagnostic {
                source: Some(SOURCE.into()),
                data: serde_json::to_value(data).ok(),
                ..Diagnostic::default()
            };
            assert!(quick_fixes(&target, &d).is_empty(), "{edits:?}");
        }
        let d = Diagnostic {
            source: Some(SOURCE.into()),
            data: Some(serde_json::json!({ "version": "x" })),
            ..Diagnostic::default()
        };
        assert!(quick_fixes(&target, &d).is_empty());
    }

    #[test]
    fn fix_all_uses_versioned_edits_when_the_client_takes_them() {
        let text = rules::catalogue()
            .map(|r| r.bad.trim().to_string())
            .collect::<Vec<_>>()
            .join("\n\n");
        let rope = Rope::from_str(&text);
        let findings = lint(&text);
        let target = Target {
            uri: &uri(),
            version: 9,
            rope: &rope,
            encoding: Encoding::Utf8,
            document_changes: true,
        };
        let action = fix_all(&target, &findings);
        let Some(Some(DocumentChanges::Edits(edits))) = action
            .as_ref()
            .map(|a| a.edit.as_ref().and_then(|e| e.document_changes.clone()))
        else {
            panic!("no versioned edit in {action:?}")
        };
        assert_eq!(edits[0].text_document.version, Some(9));
        assert_eq!(
            edits[0].edits.len(),
            copydesk::fix::safe_edits(&findings).len()
        );
        assert!(fix_all(&target, &[]).is_none());
    }

    #[test]
    fn hover_explains_the_rule_under_the_cursor() {
        let (text, findings, i) = example(|f| !f.span.is_empty());
        let rope = Rope::from_str(&text);
        let finding = &findings[i];
        let Some(hover) = hover(&rope, &findings, None, finding.span.start, Encoding::Utf16) else {
            panic!("no hover")
        };
        let HoverContents::Markup(markup) = hover.contents else {
            panic!("not markdown")
        };
        let explanation = rules::find(finding.rule)
            .map(|r| r.to_markdown())
            .unwrap_or_default();
        assert!(markup.value.contains(&explanation), "{}", markup.value);
        let at = position::to_position(&rope, finding.span.start, Encoding::Utf16);
        assert!(hover.range.is_some_and(|r| r.start <= at && at <= r.end));
        // The "C" of "Café": nothing is flagged there.
        assert!(super::hover(&rope, &findings, None, 0, Encoding::Utf16).is_none());
    }
}

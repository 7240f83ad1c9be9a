//! Blind review of fresh samples of findings on real copy.
//!
//! A round draws, with a new seed, up to `per_family` findings of each
//! judgement family from each development corpus (Brown press reportage,
//! ABC rural news, Reuters 1987), writes them for a reviewer who has not
//! seen the rules (`sample.md`: each finding's message and about 500
//! characters of context, the story's lede when it is further away, no rule
//! id), keeps what identifies them apart (`key.tsv`), and later tallies the
//! reviewer's verdicts (`verdicts.tsv`) per family and corpus (`tally.md`).
//! Every round lives in `tests/corpus/reviews/round-NN/`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{corpora_dir, families, family_of, linter, manifest_dir, Document};

/// The development corpora a round samples, by the section names of
/// [`super::load_corpora`]: Brown reportage, ABC rural news, Reuters.
pub const CORPORA: [(&str, &str); 3] = [
    ("brown-press news", "news"),
    ("abc-rural-news", "abc-rural-news"),
    ("reuters-1987", "reuters"),
];

/// Characters of context before a finding (and half as many after it).
const CONTEXT: usize = 500;

/// One finding on real copy, as a round keeps it.
#[derive(Clone, Debug)]
pub struct Sampled {
    pub corpus: &'static str,
    pub doc: String,
    pub rule: &'static str,
    pub span: Range<usize>,
    pub message: String,
    /// The copy around the finding, the flagged text in `[[…]]`.
    pub context: String,
}

/// A small, seeded pseudo-random generator (SplitMix64): the same seed
/// draws the same sample, and each round records its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

fn char_floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// About [`CONTEXT`] characters before the span and half as many after it,
/// the span marked, with the story's first paragraph (headline and lede)
/// first when the window does not reach it.
pub fn context_of(text: &str, span: &Range<usize>) -> String {
    let start = char_floor(text, span.start.saturating_sub(CONTEXT));
    let end = char_floor(text, span.end + CONTEXT / 2);
    let mut out = String::new();
    if start > 0 {
        let lede_end = text
            .match_indices("\n\n")
            .map(|(i, _)| i)
            .find(|&i| i > 40)
            .unwrap_or(text.len());
        let lede_end = char_floor(text, lede_end.min(400));
        if lede_end < start {
            out.push_str(text[..lede_end].trim());
            out.push_str("\n\n[…]\n\n");
        }
        out.push('…');
    }
    out.push_str(&text[start..span.start]);
    out.push_str("[[");
    out.push_str(&text[span.clone()]);
    out.push_str("]]");
    out.push_str(&text[span.end..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Every finding of the judgement families on the development corpora.
pub fn findings(docs: &[Document]) -> Vec<Sampled> {
    let linter = linter();
    let mut out = Vec::new();
    for doc in docs {
        let Some(&(corpus, _)) = CORPORA.iter().find(|(_, s)| *s == doc.section) else {
            continue;
        };
        for f in linter.lint(&doc.text, doc.syntax).findings {
            out.push(Sampled {
                corpus,
                doc: doc.name.clone(),
                rule: f.rule,
                context: context_of(&doc.text, &f.span),
                span: f.span,
                message: f.message,
            });
        }
    }
    out
}

/// Up to `per_family` findings of each family from each corpus, drawn with
/// `seed`, in a shuffled order (so that a reviewer sees no grouping).
pub fn draw(all: &[Sampled], seed: u64, per_family: usize) -> Vec<Sampled> {
    let mut rng = Rng::new(seed);
    let mut sample = Vec::new();
    for (corpus, _) in CORPORA {
        for family in families() {
            let mut pool: Vec<&Sampled> = all
                .iter()
                .filter(|f| f.corpus == corpus && family_of(f.rule) == family)
                .collect();
            rng.shuffle(&mut pool);
            sample.extend(pool.into_iter().take(per_family).cloned());
        }
    }
    rng.shuffle(&mut sample);
    sample
}

/// The folder of round `round`.
pub fn round_dir(round: u32) -> PathBuf {
    manifest_dir().join(format!("tests/corpus/reviews/round-{round:02}"))
}

/// Writes a round's sample for the reviewer and its key for the tally.
pub fn write_round(dir: &Path, seed: u64, sample: &[Sampled]) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut md = format!(
        "# Findings to review (seed {seed})\n\n\
         Each item is a finding a linter raised on professionally edited copy: its message, \
         and the copy around it with the flagged words in [[double brackets]]. \
         Give each a verdict in `verdicts.tsv`, one line per item: \
         `id<TAB>accept|reject<TAB>reason`.\n\n"
    );
    let mut key = String::from("id\tcorpus\tfamily\trule\tdoc\tstart\tend\n");
    for (n, f) in sample.iter().enumerate() {
        let id = format!("f{:03}", n + 1);
        let _ = write!(
            md,
            "## {id}\n\n**Message:** {}\n\n```text\n{}\n```\n\n",
            f.message,
            f.context.replace("```", "'''")
        );
        let _ = writeln!(
            key,
            "{id}\t{}\t{}\t{}\t{}\t{}\t{}",
            f.corpus,
            family_of(f.rule),
            f.rule,
            f.doc,
            f.span.start,
            f.span.end
        );
    }
    fs::write(dir.join("sample.md"), md)?;
    fs::write(dir.join("key.tsv"), key)
}

/// Accepted and judged findings.
#[derive(Clone, Copy, Default)]
pub struct Tally {
    pub accepted: usize,
    pub judged: usize,
}

impl Tally {
    pub fn share(&self) -> f64 {
        if self.judged == 0 {
            0.0
        } else {
            self.accepted as f64 / self.judged as f64
        }
    }
}

/// The round's verdicts by (corpus, family), with "all" rows: read from
/// `key.tsv` and `verdicts.tsv`. Fails on a verdict for an unknown id, an
/// id judged twice or left unjudged, or a verdict other than accept/reject.
pub fn tally(dir: &Path) -> Result<BTreeMap<(String, String), Tally>, String> {
    let read = |name: &str| {
        fs::read_to_string(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    let key = read("key.tsv")?;
    let verdicts = read("verdicts.tsv")?;
    let mut ids: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in key.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() >= 3 {
            ids.insert(cells[0].into(), (cells[1].into(), cells[2].into()));
        }
    }
    let mut judged: BTreeMap<String, bool> = BTreeMap::new();
    for line in verdicts.lines().filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (id, verdict) = match cells.as_slice() {
            [id, verdict, ..] => (id.trim(), verdict.trim().to_lowercase()),
            _ => {
                return Err(format!(
                    "verdicts.tsv: not `id<TAB>verdict<TAB>reason`: {line}"
                ))
            }
        };
        if id == "id" {
            continue;
        }
        if !ids.contains_key(id) {
            return Err(format!("verdicts.tsv: unknown id `{id}`"));
        }
        let accept = match verdict.as_str() {
            "accept" => true,
            "reject" => false,
            other => return Err(format!("verdicts.tsv: verdict `{other}` for {id}")),
        };
        if judged.insert(id.to_string(), accept).is_some() {
            return Err(format!("verdicts.tsv: {id} judged twice"));
        }
    }
    let missing: Vec<&String> = ids.keys().filter(|id| !judged.contains_key(*id)).collect();
    if !missing.is_empty() {
        return Err(format!("verdicts.tsv: no verdict for {missing:?}"));
    }
    let mut out: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for (id, accept) in judged {
        let (corpus, family) = &ids[&id];
        for k in [
            (corpus.clone(), family.clone()),
            (corpus.clone(), "all".to_string()),
            ("all".to_string(), family.clone()),
            ("all".to_string(), "all".to_string()),
        ] {
            let t = out.entry(k).or_default();
            t.judged += 1;
            t.accepted += usize::from(accept);
        }
    }
    Ok(out)
}

/// A tally as a Markdown table: a row per corpus, a column per family.
pub fn render_tally(seed: &str, tally: &BTreeMap<(String, String), Tally>) -> String {
    let mut columns: Vec<String> = families().iter().map(|f| f.to_string()).collect();
    columns.push("all".into());
    let mut out = format!(
        "# Blind review, seed {seed}: findings accepted\n\n| corpus | {} |\n|---|{}\n",
        columns.join(" | "),
        "---:|".repeat(columns.len())
    );
    let mut rows: Vec<String> = CORPORA.iter().map(|(c, _)| c.to_string()).collect();
    rows.push("all".into());
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| match tally.get(&(row.clone(), c.clone())) {
                Some(t) if t.judged > 0 => {
                    format!("{}/{} ({:.0}%)", t.accepted, t.judged, 100.0 * t.share())
                }
                _ => "–".into(),
            })
            .collect();
        let _ = writeln!(out, "| {row} | {} |", cells.join(" | "));
    }
    out
}

/// The corpora folder exists with all three corpora.
pub fn corpora_present() -> bool {
    let root = corpora_dir();
    root.join("brown-press").is_dir()
        && root.join("abc-rural-news/rural.txt").is_file()
        && root.join("reuters-1987").is_dir()
}

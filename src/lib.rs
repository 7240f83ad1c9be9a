//! copydesk: reads news copy the way a copy editor does.
//!
//! The library is the whole judgement, with no knowledge of terminals or
//! editors: text in, [`Finding`]s out.
//!
//! ```
//! use copydesk::{Linter, LintOptions, Syntax};
//! let report = Linter::new(LintOptions::default()).lint("Critics say the plan failed.", Syntax::PlainText);
//! assert_eq!(report.findings[0].rule, "attribution/weasel-attribution");
//! ```

pub mod allocator;
pub mod config;
pub mod finding;
pub mod fix;
pub mod line_index;
pub mod lint;
pub mod prose;
pub mod rules;

pub use finding::{Edit, Finding, Fix, Severity};
pub use line_index::LineIndex;
pub use lint::{suppressions, Level, LintOptions, LintReport, Linter, ParagraphCache};
pub use prose::Syntax;

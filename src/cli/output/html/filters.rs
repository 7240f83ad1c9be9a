//! The filters: family, severity, rule and a search box. The page's script
//! does the filtering and keeps the state in the address's fragment; the
//! controls are hidden until it runs, so a page without scripts shows
//! everything and no control that does nothing.

use std::io::{self, Write};

use super::escape::{Attr, Text};
use super::summary::{family_count, Tally, SEVERITIES};

pub(super) fn write(tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
    if tally.total() == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "<nav class=\"filters\" aria-label=\"Filters\" hidden><form id=\"filters\">\
         <fieldset><legend>Family</legend>"
    )?;
    for (family, counts) in &tally.families {
        write!(
            out,
            "<label><input type=\"checkbox\" name=\"family\" value=\"{}\" checked> ",
            Attr(family)
        )?;
        family_count(family, counts, out)?;
        writeln!(out, "</label>")?;
    }
    write!(out, "</fieldset><fieldset><legend>Severity</legend>")?;
    for (severity, n) in SEVERITIES.iter().zip(tally.by_severity()) {
        if n > 0 {
            writeln!(
                out,
                "<label><input type=\"checkbox\" name=\"severity\" value=\"{severity}\" checked> \
                 <span class=\"sev\" data-sev=\"{severity}\">{severity}</span> ({n})</label>"
            )?;
        }
    }
    write!(
        out,
        "</fieldset><div class=\"field\"><label for=\"rule\">Rule</label> \
         <select id=\"rule\" name=\"rule\"><option value=\"\">All rules</option>"
    )?;
    for (rule, n) in &tally.rules {
        writeln!(
            out,
            "<option value=\"{}\">{} ({n})</option>",
            Attr(rule),
            Text(rule)
        )?;
    }
    writeln!(
        out,
        "</select></div><div class=\"field\"><label for=\"q\">Search</label> \
         <input type=\"search\" id=\"q\" name=\"q\" placeholder=\"message, rule or words\" \
         autocomplete=\"off\"></div><button type=\"reset\">Show all</button></form>\
         <p id=\"filter-status\" role=\"status\" aria-live=\"polite\"></p></nav>"
    )
}

//! `editorializing/said-synonym`: "claimed", "admitted", "insisted" … where "said" belongs.

use serde::Deserialize;

use crate::finding::{Finding, Fix};
use crate::prose::Paragraph;
use crate::rules::phrases::{match_case, PhraseList, Spelling};
use crate::rules::Template;
use crate::rules::{one_of, rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    message: String,
    /// Words before a listed form that make it a noun ("a claim", "denied
    /// claims") or an infinitive ("unwilling to concede").
    noun_markers: Vec<String>,
    /// Words before the -s form that make it a plural noun ("there are claims").
    plural_noun_markers: Vec<String>,
    /// Words before the past form that make it a passive participle.
    passive_markers: Vec<String>,
    /// Verbs of conceding, and the words that set a concession against what
    /// the speaker holds.
    concessions: Vec<String>,
    concession_turns: Vec<String>,
    /// Verbs of demanding, and the words of the mood that makes them a demand.
    demands: Vec<String>,
    demand_moods: Vec<String>,
    /// Words after a listed form that make it report speech ("claimed that", "insisted he").
    speech_objects: Vec<String>,
    /// When or where the words were said, allowed between a listed form and
    /// its speech object ("admitted on Monday that"), as lowercase word runs.
    speech_settings: Vec<String>,
    /// Determiners that open the subject of a reported clause with no "that".
    clause_determiners: Vec<String>,
    /// Nouns that make a "that" after a setting a determiner ("later that day").
    time_nouns: Vec<String>,
    verbs: Vec<Verb>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Verb {
    forms: [String; 4],
    /// Judges speech only with a person as its subject: "the report
    /// disclosed" and "terms were not disclosed" report no one's words.
    #[serde(default)]
    person_subject: bool,
    /// Judges speech only attributing a direct quotation: "complained that
    /// the delay hurt farmers" reports a stated grievance accurately.
    #[serde(default)]
    quote_only: bool,
}

/// Words before a verb that make its subject a person: pronouns.
const PERSONS: [&str; 7] = ["he", "she", "they", "i", "we", "you", "who"];

/// The neutral verb in the same form as each entry of `Verb::forms`.
const SAID: [&str; 4] = ["said", "says", "saying", "say"];

/// The index in [`SAID`] of the -s form, which doubles as a plural noun ("claims").
const S_FORM: usize = 1;
/// The index in [`SAID`] of the past form, which doubles as a passive participle.
const PAST_FORM: usize = 0;

rule_data!(DATA: Data = "said_synonym.toml");

/// The message for each form of `SAID`, cut at `{text}`: the form is one
/// of four, so `{said}` is filled once here rather than for every finding.
static MESSAGES: std::sync::LazyLock<[Template; 4]> = std::sync::LazyLock::new(|| {
    SAID.map(|said| Template::new(&crate::rules::fill(&DATA.message, "{said}", said), "{text}"))
});

/// For each listed form, the form of `SAID` it is in, its verb, and what a
/// finding says of it as listed and capitalized.
type Forms = Vec<(usize, &'static Verb, [Spelling; 2])>;

/// The listed forms as one list, with their [`Forms`].
static MATCHER: std::sync::LazyLock<(PhraseList, Forms)> = std::sync::LazyLock::new(|| {
    let forms: Vec<(&str, usize, &Verb)> = DATA
        .verbs
        .iter()
        .flat_map(|v| {
            v.forms
                .iter()
                .map(String::as_str)
                .zip(0..4)
                .map(move |(text, form)| (text, form, v))
        })
        .collect();
    let list = PhraseList::new(forms.iter().map(|&(text, _, _)| text));
    let spelled = forms
        .iter()
        .map(|&(text, form, verb)| (form, verb, Spelling::both(text, |t| says(form, t))))
        .collect();
    (list, spelled)
});

/// What a finding on `text`, a verb in form `form` of `SAID`, says.
fn says(form: usize, text: &str) -> Spelling {
    let replacement = match_case(text, SAID[form]);
    Spelling::new(
        text,
        MESSAGES[form].fill(text, None),
        ["Replace “", text, "” with “", &replacement, "”"].concat(),
        replacement,
    )
}

/// Flags judgemental synonyms of "said" that report speech.
pub struct SaidSynonym;

impl Rule for SaidSynonym {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn phrase_lists(&self) -> Vec<&'static PhraseList> {
        vec![&MATCHER.0]
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        let (list, forms) = &*MATCHER;
        for (index, span) in list.find_in(cx) {
            let (form, verb, spellings) = &forms[index];
            if para.in_quotation(span.clone())
                || framed_concession(para, &span)
                || demand(para, &span)
                || (verb.person_subject && !person_before(para, &span))
                || !reports_speech(para, &span, *form, verb.quote_only)
            {
                continue;
            }
            let (message, title, replacement) =
                Spelling::of(spellings, &para.text[span.clone()], |text| {
                    says(*form, text)
                });
            out.push(
                DATA.rule
                    .finding(span.clone(), message)
                    .with_fix(Fix::replace(title, span, replacement, true)),
            );
        }
    }
}

/// Whether the word before the verb at `span` is a person: a pronoun, a
/// name (a capital that does not open the sentence) or a person's role.
fn person_before(para: &Paragraph, span: &std::ops::Range<usize>) -> bool {
    let Some(before) = para.word_index_at(span.start).checked_sub(1) else {
        return false;
    };
    let word = &para.text[para.words[before].clone()];
    PERSONS.iter().any(|p| word.eq_ignore_ascii_case(p))
        || (word.starts_with(char::is_uppercase) && !para.starts_sentence(before))
        || crate::prose::lexicon::lexicon()
            .person_roles
            .contains(&*crate::rules::word_lower(para, before))
}

/// Whether word `i` follows `from` across white space alone (a hard-wrapped
/// line included): the next word of the same clause, with no punctuation between.
fn adjacent(para: &Paragraph, i: usize, from: usize) -> bool {
    para.words.get(i).is_some_and(|w| {
        w.start >= from
            && para.text[from..w.start]
                .bytes()
                .all(|b| b.is_ascii_whitespace())
    })
}

/// Whether word `i`, right after `from`, is a speech object ("that", "he").
fn speech_object_at(para: &Paragraph, i: usize, from: usize) -> bool {
    adjacent(para, i, from) && one_of(&DATA.speech_objects, &para.text[para.words[i].clone()])
}

/// The index of the word after a speech setting ("on Monday", "in a
/// statement") that starts at word `i`, right after `from`.
fn setting_end(para: &Paragraph, i: usize, from: usize) -> Option<usize> {
    DATA.speech_settings.iter().find_map(|setting| {
        let mut at = from;
        let mut index = i;
        for part in setting.split(' ') {
            if !adjacent(para, index, at)
                || !para.text[para.words[index].clone()].eq_ignore_ascii_case(part)
            {
                return None;
            }
            at = para.words[index].end;
            index += 1;
        }
        Some(index)
    })
}

/// Whether a reported clause with no "that" starts at word `i`, right after
/// `from`: a determiner opening a clause ("claimed the deployment was illegal").
fn reported_clause_at(para: &Paragraph, i: usize, from: usize) -> bool {
    adjacent(para, i, from)
        && one_of(&DATA.clause_determiners, &para.text[para.words[i].clone()])
        && para.clause_at(i)
}

/// Whether the verb at `span`, in form `form` of [`SAID`], introduces or
/// follows quoted or reported speech.
fn reports_speech(
    para: &Paragraph,
    span: &std::ops::Range<usize>,
    form: usize,
    quote_only: bool,
) -> bool {
    // "a claim", "their complaints", "there are claims": nouns, not verbs of saying.
    let index = para.word_index_at(span.start);
    let noun = index.checked_sub(1).is_some_and(|before| {
        let before = crate::rules::word_lower(para, before);
        DATA.noun_markers.iter().any(|m| *m == before)
            || (form == S_FORM && DATA.plural_noun_markers.iter().any(|m| *m == before))
            // "would be maintained", "was admitted": a passive reports no
            // speaker's words.
            || (form == PAST_FORM && DATA.passive_markers.iter().any(|m| *m == before))
    });
    if noun {
        return false;
    }
    let after = para.text[span.end..].trim_start_matches(' ');
    if after.starts_with([',', ':', '"', '“']) {
        return !quote_only || after.starts_with(['"', '“']) || after.starts_with(": \"");
    }
    let next = para.word_index_at(span.end);
    if quote_only {
        return after_quotation(para, span);
    }
    if speech_object_at(para, next, span.end) || reported_clause_at(para, next, span.end) {
        return true;
    }
    if let Some(object) = setting_end(para, next, span.end) {
        // "admitted later that day": "that" is a determiner there.
        let time = para
            .words
            .get(object + 1)
            .is_some_and(|w| one_of(&DATA.time_nouns, &para.text[w.clone()]));
        if !time && speech_object_at(para, object, para.words[object - 1].end) {
            return true;
        }
    }
    after_quotation(para, span)
}

/// Whether a verb of conceding at `span` stands in a concession the copy
/// frames as one: a turn after it in its sentence ("admitted the vote was
/// close but said …") or opening the sentence ("Conceding the point, …").
fn framed_concession(para: &Paragraph, span: &std::ops::Range<usize>) -> bool {
    if !one_of(&DATA.concessions, &para.text[span.clone()]) {
        return false;
    }
    let sentence = &para.sentences[para.sentence_of(span.start)];
    let opens = para.text[sentence.start..span.start].trim().is_empty();
    let turn = para.text[span.end..sentence.end]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| one_of(&DATA.concession_turns, w));
    opens || turn
}

/// Whether a verb of insisting at `span` makes a demand: "that" and a
/// subjunctive within a few words ("insisting that herring and salmon be
/// processed at home").
fn demand(para: &Paragraph, span: &std::ops::Range<usize>) -> bool {
    if !one_of(&DATA.demands, &para.text[span.clone()]) {
        return false;
    }
    let end = para.sentences[para.sentence_of(span.start)].end;
    let next = para.word_index_at(span.end);
    let mut words = para.words[next.min(para.words.len())..]
        .iter()
        .take_while(|w| w.end <= end)
        .map(|w| &para.text[w.clone()]);
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("that"))
        && words.take(8).any(|w| one_of(&DATA.demand_moods, w))
}

/// Whether the verb at `span` attributes the quotation just before it:
/// `"…," she insisted.` / `"…," insisted Smith.`
fn after_quotation(para: &Paragraph, span: &std::ops::Range<usize>) -> bool {
    let sentence = &para.sentences[para.sentence_of(span.start)];
    let before = &para.text[sentence.start..span.start];
    before.rfind(['"', '”']).is_some_and(|q| {
        before[q..].split_whitespace().count() <= 4
            && para.in_quotation(sentence.start + q..sentence.start + q + 1)
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "editorializing/said-synonym";

    #[test]
    fn flags_speech_verbs_in_the_writers_voice() {
        assert_flags(
            ID,
            "The mayor claimed that the budget was balanced.",
            &["claimed"],
        );
        assert_flags(
            ID,
            "\"We did nothing wrong,\" the chief insisted.",
            &["insisted"],
        );
        assert_flags(
            ID,
            "She admitted she had not read the report.",
            &["admitted"],
        );
        assert_flags(ID, "He quipped: \"Not today.\"", &["quipped"]);
    }

    #[test]
    fn flags_speech_reported_after_a_setting_or_without_that() {
        assert_flags(
            ID,
            "His deputy admitted on Monday that supplies were running short.",
            &["admitted"],
        );
        assert_flags(
            ID,
            "The firm insisted in a statement that it had done nothing wrong.",
            &["insisted"],
        );
        assert_flags(
            ID,
            "Opposition leaders claimed the deployment was illegal.",
            &["claimed"],
        );
        assert_flags(
            ID,
            "The company's lawyer claimed the suit was a shakedown.",
            &["claimed"],
        );
    }

    #[test]
    fn leaves_settings_and_noun_phrases_that_are_not_speech_alone() {
        // "insisted on" asks for something; no speech is reported.
        assert_clean(
            ID,
            "The union insisted on a recount that the board refused.",
        );
        assert_clean(ID, "The hospital admitted a patient who was injured.");
        assert_clean(ID, "The hotel boasts a pool and is close to the beach.");
        assert_clean(ID, "The party claimed the seat he had held for a decade.");
        assert_clean(ID, "The storm claimed the lives of two people.");
        assert_clean(
            ID,
            "There are claims today that the grain companies are underperforming.",
        );
        assert_clean(ID, "There were claims that the count was wrong.");
        assert_clean(
            ID,
            "Seoul rejected the shipments on claims the meat had bone fragments.",
        );
        assert_flags(
            ID,
            "Growers say they are claiming that the count was wrong.",
            &["claiming"],
        );
        assert_clean(ID, "He was admitted on Monday after the crash.");
        // Reduced relatives and other clauses that are not speech.
        assert_clean(
            ID,
            "The Greens claimed the seat Labor had held for 40 years.",
        );
        assert_clean(
            ID,
            "The fire claimed the home her family had owned for 60 years.",
        );
        assert_clean(
            ID,
            "The museum boasts a collection few galleries can match.",
        );
        assert_clean(
            ID,
            "Villa conceded the only goal City would score all afternoon.",
        );
        assert_clean(ID, "Three children admitted the previous night were moved.");
        assert_clean(
            ID,
            "Farmers have lodged claims the insurer has refused to pay.",
        );
        assert_clean(ID, "He was taken to hospital and admitted later that day.");
        assert_flags(
            ID,
            "The minister carried on insisting that the plan was sound.",
            &["insisting"],
        );
        assert_flags(
            ID,
            "The minister claimed\nthat the plan was sound.",
            &["claimed"],
        );
        assert_flags(
            ID,
            "Opposition leaders claimed the Government was hiding the cost.",
            &["claimed"],
        );
        // A comma ends the clause: the next words are not the verb's object.
        assert_clean(ID, "The team claimed the title, and fans were delighted.");
    }

    #[test]
    fn leaves_other_senses_and_quotations_alone() {
        assert_clean(ID, "The group claimed responsibility for the attack.");
        assert_clean(ID, "He was admitted to the hospital on Tuesday.");
        assert_clean(ID, "The company revealed a new logo.");
        assert_clean(
            ID,
            "His lawyer, unwilling to concede, said the plea was a formality.",
        );
        assert_flags(
            ID,
            "His lawyer conceded, \"The plea was a formality.\"",
            &["conceded"],
        );
        assert_clean(ID, "He moved before filing a claim there.");
        assert_clean(
            ID,
            "Fishermen have rejected claims they are flooding the market.",
        );
        assert_clean(ID, "\"He claimed that I lied,\" Smith said.");
        assert_clean(ID, "The mayor said that the budget was balanced.");
    }

    #[test]
    fn a_demand_is_not_a_claim_in_dispute() {
        assert_clean(
            ID,
            "Canada was trying to preserve jobs by insisting that herring and salmon be processed at home.",
        );
        assert_flags(
            ID,
            "The minister insisted that herring and salmon are processed at home.",
            &["insisted"],
        );
    }

    #[test]
    fn a_concession_the_copy_frames_as_one_names_the_act() {
        assert_clean(
            ID,
            "The chairman admitted the vote was close but said the plan would stand.",
        );
        assert_clean(
            ID,
            "Conceding that the deal was late, the minister said funds would flow in May.",
        );
        // With nothing set against it, the verb still passes judgement.
        assert_flags(
            ID,
            "The chairman admitted that the vote was close.",
            &["admitted"],
        );
    }

    #[test]
    fn a_passive_reports_no_speakers_words() {
        assert_clean(
            ID,
            "The state's 30 pct equity in mining projects would be maintained, he said.",
        );
        assert_clean(
            ID,
            "He said the group wanted a \"level playing field\" to be maintained in the market.",
        );
        // The active verb with its speaker still reports speech.
        assert_flags(
            ID,
            "The minister maintained, \"The equity will stay at 30 pct.\"",
            &["maintained"],
        );
        assert_flags(ID, "He was insisting that the equity stay.", &["insisting"]);
    }

    #[test]
    fn messages_are_the_template_filled() {
        use super::{DATA, MESSAGES, SAID};
        use crate::rules::fill;
        for verb in &DATA.verbs {
            for (form, text) in verb.forms.iter().enumerate() {
                for text in [text.clone(), text.to_uppercase()] {
                    assert_eq!(
                        MESSAGES[form].fill(&text, None),
                        fill(&fill(&DATA.message, "{text}", &text), "{said}", SAID[form])
                    );
                }
            }
        }
    }

    #[test]
    fn findings_borrow_what_they_would_have_built() {
        use super::{says, DATA, MATCHER, MESSAGES, SAID};
        use crate::rules::phrases::{match_case, Spelling};
        let (_, forms) = &*MATCHER;
        for (verb, (form, _, spellings)) in DATA.verbs.iter().flat_map(|v| &v.forms).zip(forms) {
            let capitalized = match_case("A", verb);
            for text in [verb.as_str(), &capitalized, &verb.to_uppercase()] {
                let said = match_case(text, SAID[*form]);
                let (message, title, replacement) =
                    Spelling::of(spellings, text, |t| says(*form, t));
                assert_eq!(message, MESSAGES[*form].fill(text, None));
                assert_eq!(title, ["Replace “", text, "” with “", &said, "”"].concat());
                assert_eq!(replacement, said);
            }
        }
    }

    #[test]
    fn fix_keeps_tense_and_case() {
        assert_eq!(
            fixed(ID, "Critics' claims aside, she claims that it works."),
            "Critics' claims aside, she says that it works."
        );
        assert_eq!(fixed(ID, "\"No,\" he insisted."), "\"No,\" he said.");
        assert_eq!(
            fixed(ID, "Insisting that it works, she left."),
            "Saying that it works, she left."
        );
    }

    #[test]
    fn disclosures_by_documents_and_stated_grievances_are_fine() {
        assert_clean(
            ID,
            "The survey revealed that 99.9 per cent of grain complied.",
        );
        assert_clean(ID, "Terms of the deal were not disclosed.");
        assert_flags(
            ID,
            "He disclosed that he had sold the shares.",
            &["disclosed"],
        );
        assert_clean(
            ID,
            "Members of Congress complained that farmers had been penalized.",
        );
        assert_flags(
            ID,
            "\"The numbers don't add up,\" the treasurer complained.",
            &["complained"],
        );
    }
}

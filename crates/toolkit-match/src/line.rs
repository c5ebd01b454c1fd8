//! The rules applied to one sentence, in order: candidate terms and misspellings,
//! false friends, negated and aspirational clauses, ambiguous terms, phrase
//! patterns, section rules, and the behaviour models.

use std::borrow::Cow;
use std::ops::Range;

use regex_automata::PatternSet;
use toolkit_document::SectionKind;

use crate::behaviour::Cue;
use crate::compile::Needle;
use crate::judge::{JudgeScratch, Judging, TermHit};
use crate::memo::WordMemo;
use crate::needs::BytePairs;
use crate::rules::ClauseMood;
use crate::sentence::{Sentence, excerpt};
use crate::{
    Evidence, Ignored, IgnoredReason, Matcher, Misspelling, SentenceFeatures, Status, fuzzy, text,
};

/// What reading a sentence found.
pub(crate) enum Output {
    Evidence(usize, Evidence),
    Ignored(usize, Ignored),
    Misspelling(Misspelling),
    /// A behaviour model's features for the sentence (used when fitting models).
    Features(SentenceFeatures),
}

/// A term found in a sentence, before the context rules decide whether it counts.
#[derive(Debug, Clone)]
struct Hit {
    needle: usize,
    start: usize,
    end: usize,
    /// Set for a misspelled mention: the text as written.
    misspelled: Option<String>,
}

/// A mention that counts for a topic, before it becomes evidence.
pub(crate) struct Found<'m> {
    pub topic: usize,
    pub strength: Status,
    pub term: &'m str,
    pub offset: usize,
    pub cues: Vec<Cue>,
}

/// The buffers of the rules for one sentence, kept from one sentence to the next so
/// that a resume allocates them once, not once a sentence. `'s` is how long the
/// matcher and the document's sections are borrowed for.
pub(crate) struct SentenceScratch<'s> {
    buffers: Buffers,
    model_terms: Vec<TermHit<'s>>,
    found: Vec<Found<'s>>,
}

/// The buffers of [`SentenceScratch`] that borrow nothing: a matcher keeps them from
/// one resume to the next, so that a run allocates them once for each thread checking
/// resumes, not once a resume.
#[derive(Debug)]
pub(crate) struct Buffers {
    /// The sentence with ASCII lower-cased.
    lower: String,
    /// Where a term or false friend may start.
    starts: Vec<usize>,
    /// Occurrences `(id, start, end)` of terms, then of false friends.
    occurrences: Vec<(u32, usize, usize)>,
    hits: Vec<Hit>,
    /// Where the profile's terms are written.
    named: Vec<(usize, usize)>,
    /// False friends `(start, end, topic)`.
    ff_spans: Vec<(usize, usize, usize)>,
    clauses: Vec<Range<usize>>,
    /// Each clause's mood and where its cue starts.
    moods: Vec<(ClauseMood, usize)>,
    /// Which mood patterns match a clause.
    mood_patterns: PatternSet,
    /// The starts of the hits, in order, and which hits the context keeps.
    hit_starts: Vec<usize>,
    keep: Vec<bool>,
    /// What the misspelling index said of the words asked before (see
    /// [`Buffers::misspelling_of`]).
    misspelt: WordMemo<Option<usize>>,
    judge: JudgeScratch,
}

impl Buffers {
    pub(crate) fn new(matcher: &Matcher) -> Self {
        Buffers {
            lower: String::new(),
            starts: Vec::new(),
            occurrences: Vec::new(),
            hits: Vec::new(),
            named: Vec::new(),
            ff_spans: Vec::new(),
            clauses: Vec::new(),
            moods: Vec::new(),
            mood_patterns: matcher.compiled.rules.mood_patterns(),
            hit_starts: Vec::new(),
            keep: Vec::new(),
            misspelt: WordMemo::default(),
            judge: JudgeScratch::default(),
        }
    }

    /// The needle a word not spelled as a term may be a misspelling of
    /// ([`FuzzyIndex::lookup`](crate::fuzzy::FuzzyIndex::lookup)), kept for the words
    /// asked again: a resume repeats its words ("developed", "customers"), and the
    /// buffers go from one resume to the next of the same matcher. A word of fewer bytes
    /// than the shortest spelling the index checks has fewer characters too: it is none,
    /// as the index would answer, without asking it.
    fn misspelling_of(
        misspelt: &mut WordMemo<Option<usize>>,
        fuzzy: &crate::fuzzy::FuzzyIndex,
        token: &str,
    ) -> Option<usize> {
        if token.len() < crate::fuzzy::MIN_LEN {
            return None;
        }
        misspelt.get_or(token, || fuzzy.lookup(token))
    }
}

impl SentenceScratch<'_> {
    pub(crate) fn new(buffers: Buffers) -> Self {
        SentenceScratch {
            buffers,
            model_terms: Vec::new(),
            found: Vec::new(),
        }
    }

    /// The buffers to keep for the next resume.
    pub(crate) fn into_buffers(self) -> Buffers {
        self.buffers
    }
}

impl Matcher {
    /// Applies the rules to one sentence, reporting what it finds; with `features`, it
    /// also reports each behaviour model's features (to fit the models). `penalty` is
    /// what the behaviour models' `listed` and `yes` lose in this resume
    /// ([`Detector::penalty`](crate::behaviour::Detector::penalty)).
    pub(crate) fn check_sentence<'s>(
        &'s self,
        s: &Sentence<'s>,
        features: bool,
        penalty: f32,
        emit: &mut dyn FnMut(Output),
        scratch: &mut SentenceScratch<'s>,
    ) {
        let SentenceScratch {
            buffers:
                Buffers {
                    lower,
                    starts,
                    occurrences,
                    hits,
                    named,
                    ff_spans,
                    clauses,
                    moods,
                    mood_patterns,
                    hit_starts,
                    keep,
                    misspelt,
                    judge: judge_scratch,
                },
            model_terms,
            found,
        } = scratch;
        let c = &self.compiled;
        let masked = s.masked;
        lower.clear();
        lower.push_str(masked);
        lower.make_ascii_lowercase();
        let lower = lower.as_str();
        let keyword_line = c.line_labels.is_keyword_line(s.text);
        let stack_line = c.line_labels.is_stack_line(s.text);
        // Under a heading of no known kind ("Other", "Additional information"), a line
        // of tools ("Tools: Git, Postman") tells what the writer knows, not what a job
        // or project used.
        let other_tools = s.section.kind == SectionKind::Other && stack_line;
        let mut base = if s.in_listing_section() || keyword_line || other_tools {
            Status::Listed
        } else {
            Status::Demonstrated
        };
        let listy = s.section.kind == SectionKind::Skills || keyword_line || stack_line;
        found.clear();

        // 1. Candidate hits: exact spellings, then misspellings among the other words.
        // Where a term or false friend may start: computed once for both.
        text::unjoined_starts_into(lower, &c.phrase_first_bytes, starts);
        self.term_hits(s, masked, lower, starts, occurrences, misspelt, hits);
        // Where the profile's terms are written: a word in capitals there is a
        // technology, not the name of a credential.
        named.clear();
        named.extend(hits.iter().map(|h| (h.start, h.end)));

        // 2. False friends of the hit's own topic, and their plurals ("security
        // deposits"): looked for only when a hit has a topic that has some (most
        // sentences have no hit at all).
        let ff_topic = |hit: &Hit| {
            c.needles[hit.needle]
                .topic
                .is_some_and(|topic| !self.profile.topics[topic].false_friends.is_empty())
        };
        occurrences.clear();
        if hits.iter().any(ff_topic) {
            c.false_friends
                .all_at_into(lower.as_bytes(), starts.iter().copied(), occurrences);
        }
        ff_spans.clear();
        ff_spans.extend(occurrences.iter().filter_map(|&(id, start, end)| {
            let end = [end, end + 1, end + 2]
                .into_iter()
                .zip(["", "s", "es"])
                .find(|&(e, plural)| {
                    lower[end..].starts_with(plural) && text::is_word_bounded(lower, start, e)
                })?
                .0;
            Some((start, end, c.false_friend_topic[id as usize]))
        }));
        hits.retain(|hit| {
            let Some(topic) = c.needles[hit.needle].topic else {
                return true;
            };
            let inside = ff_spans
                .iter()
                .any(|&(st, e, t)| t == topic && st <= hit.start && hit.end <= e);
            if inside {
                emit(Output::Ignored(
                    topic,
                    Ignored {
                        line: s.line_at(hit.start).number,
                        term: masked[hit.start..hit.end].to_string(),
                        reason: IgnoredReason::FalseFriend,
                    },
                ));
            }
            !inside
        });

        // 3. Negated and aspirational clauses. Mentions there are set aside (and
        // reported) before the ambiguity rules, so "no experience with Docker" is
        // explained.
        // Which byte pairs the sentence holds, for the patterns' literals (of its
        // clauses' moods, and its phrase patterns).
        let pairs = BytePairs::of(lower.as_bytes());
        text::clauses_into(lower, clauses);
        moods.clear();
        moods.extend(clauses.iter().map(|r| {
            let (mood, at) = c
                .rules
                .mood_with(&lower[r.clone()], Some(&pairs), mood_patterns);
            (mood, r.start + at)
        }));
        let clauses = &*clauses;
        // A form's label names what its value answers ("Cloud experience: None so far",
        // "Version control experience: I do not use Git yet"): it takes the value's mood.
        if let Some(colon) = text::form_label(lower)
            && let (Some(first), Some(clause)) = (moods.first_mut(), clauses.first())
            && clause.contains(&colon)
        {
            let value = &lower[colon + 1..clause.end];
            let opens_value = lower[colon + 1..first.1.max(colon + 1)]
                .split_whitespace()
                .count()
                <= 1;
            if c.rules.is_placeholder(value) {
                *first = (ClauseMood::Negated, clause.start);
            } else if matches!(first.0, ClauseMood::Negated | ClauseMood::Aspiration)
                && first.1 > colon
                && opens_value
            {
                first.1 = clause.start;
            }
        }
        // Under a heading of goals or plans alone ("Goals for the next six months"), what
        // is not denied is wished for. Not under one that names a section too ("Career
        // goal" is a summary, "Learning & Goals" holds study under way).
        if s.section.kind == SectionKind::Other
            && s.section
                .heading
                .as_deref()
                .is_some_and(crate::plans::names_plans)
        {
            for (mood, clause) in moods.iter_mut().zip(clauses) {
                if mood.0 != ClauseMood::Negated {
                    *mood = (ClauseMood::Aspiration, clause.start);
                }
            }
        }
        let moods = &*moods;
        // The mood of the clause `pos` stands in, with where its cue starts, when `pos`
        // is at or after the cue.
        let cue_at = |pos: usize| {
            let i = clauses.partition_point(|r| r.end <= pos);
            match moods.get(i) {
                Some(&(mood, from)) if clauses[i].contains(&pos) && pos >= from => {
                    Some((mood, from))
                }
                _ => None,
            }
        };
        // Most sentences are plain throughout: no clause need be looked up.
        let all_plain = moods.iter().all(|&(mood, _)| mood == ClauseMood::Plain);
        let mood_at = |pos: usize| {
            if all_plain {
                return ClauseMood::Plain;
            }
            cue_at(pos).map_or(ClauseMood::Plain, |(mood, _)| mood)
        };
        // In a clause about what someone else did, a term still counts for the stories
        // and teamwork the behaviour models read (which must be the writer's, and the
        // models see to that); a technology someone else used ("My manager set up the
        // Kubernetes cluster") is not the writer's use of it.
        let term_mood_at = |pos: usize, topic: usize| match mood_at(pos) {
            ClauseMood::Reported if c.models[topic].is_some() => ClauseMood::Plain,
            mood => mood,
        };
        // A self-description worded as a wish ("eager to learn", the wish starting the
        // term) describes the writer when nothing is wished for after it ("eager to learn
        // and quick to adapt"); "keen to learn Go" and "want to become a problem solver"
        // are wishes.
        let self_description_mood = |start: usize, end: usize, topic: usize| {
            let nothing_wished = || {
                let after = masked[end.min(masked.len())..].trim_start();
                after.is_empty()
                    || after.starts_with(['.', ',', ';', '!', ')', '—', '–', '&'])
                    || after.starts_with("and ")
            };
            match cue_at(start) {
                Some((ClauseMood::Aspiration, from)) if from == start && nothing_wished() => {
                    ClauseMood::Plain
                }
                _ => term_mood_at(start, topic),
            }
        };
        // The mood a hit is read in, for one of its topics.
        let hit_mood = |hit: &Hit, topic: usize| {
            if c.needles[hit.needle].listed_only {
                self_description_mood(hit.start, hit.end, topic)
            } else {
                term_mood_at(hit.start, topic)
            }
        };
        for hit in hits.iter() {
            for topic in c.needles[hit.needle].topics() {
                let mood = hit_mood(hit, topic);
                let reason = match mood {
                    ClauseMood::Negated => IgnoredReason::Negated,
                    ClauseMood::Aspiration | ClauseMood::Studying => IgnoredReason::Aspiration,
                    // Someone else's mention is left out without an entry: the reasons
                    // `ignored` gives are fixed by the JSON schema.
                    ClauseMood::Plain | ClauseMood::Reported => continue,
                };
                if mood.excludes(c.ongoing_study[topic]) {
                    emit(Output::Ignored(
                        topic,
                        Ignored {
                            line: s.line_at(hit.start).number,
                            term: masked[hit.start..hit.end].to_string(),
                            reason,
                        },
                    ));
                }
            }
        }

        // 4. Ambiguous terms need a technical context; list items need a list.
        self.keep_in_context(masked, lower, listy, hits, hit_starts, keep);
        // A bare list of names there ("Postman, Chrome DevTools") lists them too.
        if s.section.kind == SectionKind::Other && hits.len() >= 2 && only_names(masked, hits) {
            base = Status::Listed;
        }

        // 5. What the counted terms show: evidence, or a signal for a topic's model.
        model_terms.clear();
        for hit in hits.drain(..) {
            let needle = &c.needles[hit.needle];
            for topic in needle.topics() {
                let mood = hit_mood(&hit, topic);
                if mood.excludes(c.ongoing_study[topic]) {
                    continue;
                }
                if c.models[topic].is_some() {
                    model_terms.push(TermHit {
                        topic,
                        start: hit.start,
                        end: hit.end,
                        term: &needle.canonical,
                        listed_only: needle.listed_only,
                    });
                    continue;
                }
                let strength = if needle.listed_only {
                    Status::Listed
                } else {
                    base
                };
                found.push(Found {
                    topic,
                    strength,
                    term: &needle.canonical,
                    offset: hit.start,
                    cues: Vec::new(),
                });
            }
            // A misspelling is worth fixing even in a negated clause.
            if let Some(written) = hit.misspelled {
                let line = s.line_at(hit.start);
                let found = name_before(masked, hit.start, &needle.canonical)
                    .map_or(written, |start| masked[start..hit.end].to_string());
                emit(Output::Misspelling(Misspelling {
                    found,
                    canonical: needle.canonical.to_string(),
                    line: line.number,
                    page: line.page,
                }));
            }
        }

        // 6. The profile's phrase patterns.
        for p in &c.pattern_info {
            let Some(start) = p.pattern.find_in(lower.as_bytes(), &pairs) else {
                continue;
            };
            if term_mood_at(start, p.topic).excludes(c.ongoing_study[p.topic]) {
                continue;
            }
            let strength = if p.listed_only { Status::Listed } else { base };
            found.push(Found {
                topic: p.topic,
                strength,
                term: p.label.as_str(),
                offset: start,
                cues: Vec::new(),
            });
        }

        // A table's header row that names no term names its columns ("Year | Course |
        // Provider"): not its section's topic (7), nor a story (8). Where every line
        // only lists, its columns may be what it lists (a self-assessment grid's
        // "Communication | Problem solving"). A header row that names a term is the
        // first row of a table written without a header ("Languages | Python, Go").
        let column_names = s.is_table_head() && found.is_empty();

        // 7. Sections that evidence a topic by themselves (certifications → learning),
        // unless the line says the section is empty ("None") or denies it ("No
        // certifications yet"), or names nothing at all (a year that a table's date
        // column leaves on a line of its own in a PDF, a table's column names).
        let names_something = lower.chars().any(char::is_alphabetic) && !column_names;
        for (ti, kinds) in c.topic_sections.iter().enumerate() {
            if kinds.contains(&s.section.kind)
                && names_something
                && !c.rules.is_placeholder(lower)
                && !term_mood_at(0, ti).excludes(c.ongoing_study[ti])
            {
                found.push(Found {
                    topic: ti,
                    strength: base,
                    term: s.section.display_name(),
                    offset: 0,
                    cues: Vec::new(),
                });
            }
        }

        // 8. The behaviour models judge their topics on the sentence's story parts.
        if !column_names || base == Status::Listed {
            self.judge(
                &Judging {
                    sentence: s,
                    masked,
                    mood_at: &mood_at,
                    all_plain,
                    terms: model_terms,
                    named,
                    base,
                    skills_list: s.section.kind == SectionKind::Skills || keyword_line,
                    features,
                    penalty,
                },
                emit,
                judge_scratch,
                found,
            );
        }

        // Strongest first, and on one line the most specific (longest) term names it.
        found.sort_by(|a, b| {
            (
                a.topic,
                std::cmp::Reverse(a.strength),
                is_generic(a.term),
                a.offset,
            )
                .cmp(&(
                    b.topic,
                    std::cmp::Reverse(b.strength),
                    is_generic(b.term),
                    b.offset,
                ))
        });
        let mut last: Option<(usize, u32)> = None;
        for f in found.drain(..) {
            let line = s.line_at(f.offset);
            if last == Some((f.topic, line.number)) {
                continue;
            }
            last = Some((f.topic, line.number));
            emit(Output::Evidence(
                f.topic,
                Evidence {
                    line: line.number,
                    page: line.page,
                    section: s.section.display_name().to_string(),
                    term: f.term.to_string(),
                    text: excerpt(s.text, f.offset),
                    strength: f.strength,
                    cues: f.cues,
                },
            ));
        }
    }

    /// Terms spelled right, then misspelled technology names among the other words.
    /// Into `hits` (cleared first), with `found` as room for the terms spelled right and
    /// `misspelt` for what the misspelling index said of words before.
    #[allow(clippy::too_many_arguments)]
    fn term_hits(
        &self,
        s: &Sentence<'_>,
        masked: &str,
        lower: &str,
        starts: &[usize],
        found: &mut Vec<(u32, usize, usize)>,
        misspelt: &mut WordMemo<Option<usize>>,
        hits: &mut Vec<Hit>,
    ) {
        let c = &self.compiled;
        hits.clear();
        // The longest term at a start that is a whole word or phrase: "OpenAPI" in
        // "OpenAPI specification", where "OpenAPI spec" ends inside a word.
        c.terms.leftmost_longest_into(
            lower.as_bytes(),
            starts.iter().copied(),
            |start, end| text::is_word_bounded(masked, start, end),
            found,
        );
        for &(id, start, end) in found.iter() {
            let needle = &c.needles[id as usize];
            if let Some(exact) = &needle.exact
                && !exact.iter().any(|sp| sp == &masked[start..end])
            {
                continue;
            }
            hits.push(Hit {
                needle: id as usize,
                start,
                end,
                misspelled: None,
            });
        }
        if s.section.kind == SectionKind::Header {
            return;
        }
        // Spans are found in order, so one pass over both lists finds the words that
        // no term covers.
        let mut next_span = 0;
        for (start, token) in text::tokens(masked) {
            let end = start + token.len();
            while next_span < found.len() && found[next_span].2 <= start {
                next_span += 1;
            }
            if found
                .get(next_span)
                .is_some_and(|&(_, cs, ce)| cs < end && start < ce)
            {
                continue;
            }
            if let Some(needle) = Buffers::misspelling_of(misspelt, &c.fuzzy, token)
                && !s.name_words.contains(&fuzzy::normalize(token))
                && !is_other_acronym(token, &c.needles[needle].canonical, masked)
            {
                hits.push(Hit {
                    needle,
                    start,
                    end,
                    misspelled: Some(token.to_string()),
                });
            }
        }
    }

    /// Drops ambiguous terms that do not read as technology here, and list items
    /// outside a list.
    /// `starts` and `keep` are room for the work.
    fn keep_in_context(
        &self,
        masked: &str,
        lower: &str,
        listy: bool,
        hits: &mut Vec<Hit>,
        starts: &mut Vec<usize>,
        keep: &mut Vec<bool>,
    ) {
        let c = &self.compiled;
        let needles = &c.needles;
        let anchors = hits
            .iter()
            .filter(|h| !needles[h.needle].ambiguous && !needles[h.needle].listed_only)
            .count();
        starts.clear();
        starts.extend(hits.iter().map(|h| h.start));
        starts.sort_unstable();
        let starts = &*starts;
        // Looked up only when an ambiguous term needs it; a term is never its own
        // context ("ULD containers", where "containers" is also a technical word), nor
        // is it written again, in any of its spellings, even inside a false friend
        // ("sharps containers and specimen containers", "containers ... container
        // numbers").
        let cues = std::cell::OnceCell::new();
        let has_cue = |h: &Hit| {
            cues.get_or_init(|| c.rules.tech_cues(masked))
                .iter()
                .any(|&(s, e)| {
                    if !(e <= h.start || s >= h.end) {
                        return false;
                    }
                    let mut same_term = false;
                    c.terms.at(lower.as_bytes(), s, |id, end| {
                        same_term |= end == e
                            && needles[id as usize].canonical == needles[h.needle].canonical;
                    });
                    !same_term
                })
        };
        // For each topic, the first canonical term among the hits not glued into a
        // compound, and whether a second, different one is there too; looked up only
        // when an ambiguous term has no other term to lean on.
        let spelled = std::cell::OnceCell::new();
        let spelled = || {
            spelled.get_or_init(|| {
                let mut spelled: Vec<(usize, &str, bool)> = Vec::new();
                for o in hits.iter() {
                    let m = &needles[o.needle];
                    let Some(topic) = m.topic else { continue };
                    if text::hyphen_prefix(masked, o.start)
                        || text::hyphen_suffix(masked, o.end).is_some()
                    {
                        continue;
                    }
                    match spelled.iter_mut().find(|(t, _, _)| *t == topic) {
                        Some((_, first, two)) => *two |= *first != &*m.canonical,
                        None => spelled.push((topic, &*m.canonical, false)),
                    }
                }
                spelled
            })
        };
        let same_topic = |n: &Needle| {
            hits.iter()
                .filter(|h| n.topic.is_some() && needles[h.needle].topic == n.topic)
                .count()
        };
        let technical = |start: usize, word: &str| self.is_technical(lower, starts, start, word);
        keep.clear();
        keep.extend(hits.iter().map(|h| {
            let n = &needles[h.needle];
            if n.list_item {
                return !text::hyphen_prefix(masked, h.start)
                    && same_topic(n) >= 2
                    && text::is_list_item(masked, h.start, h.end);
            }
            if !n.ambiguous {
                return listy || !self.names_something_else(masked, lower, h, starts);
            }
            // Two different ambiguous terms of one topic vouch for each other
            // ("sprints" and "stand-ups", "Agile" and "Scrum").
            let vouched = anchors > 0
                || spelled()
                    .iter()
                    .any(|&(t, first, two)| Some(t) == n.topic && (two || first != &*n.canonical));
            self.ambiguous_ok(masked, h, listy, &technical, &has_cue, vouched)
        }));
        let mut i = 0;
        hits.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }

    /// True when a term that is an everyday word, written with a capital, begins the
    /// name of something else: "Agile Robotics Club", "Security Clearance", "Cloud
    /// Nine Bakery". The next word is capitalised and neither a term nor a technical
    /// word, nor the end of a term that starts inside this one ("Agile Team", "Security
    /// Engineering" and "Google Cloud Run", where "Cloud Run" is a term, still count).
    fn names_something_else(&self, masked: &str, lower: &str, h: &Hit, starts: &[usize]) -> bool {
        // Written as an everyday word is: a capital, then lower case only ("Agile",
        // not "GitHub" or "AWS").
        let written = &masked[h.start..h.end];
        let title_case = written.split([' ', '-']).all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.clone().any(char::is_lowercase)
                && chars.all(|c| !c.is_uppercase())
        });
        if !title_case {
            return false;
        }
        // The English list has words of four letters and more: a short particle
        // after a hyphen ("Up" of "Stand-Up") goes with the word before it.
        let everyday = written.split(' ').all(|word| {
            word.split('-').enumerate().all(|(i, part)| {
                (i > 0 && part.len() < 4)
                    || toolkit_document::words::is_english_ascii_any_case(part)
            })
        });
        if !everyday {
            return false;
        }
        // The name runs on through the capitalised words after the hit; it names
        // technology when one of them is a term or a technical word ("Google Cloud
        // Translation API").
        let mut end = h.end;
        let mut names_other = false;
        while let Some((start, word)) =
            text::next_word(masked, text::past_number_in_name(masked, end))
            && word.chars().next().is_some_and(char::is_uppercase)
        {
            if self.is_technical(lower, starts, start, word)
                || self.term_runs_on(masked, lower, h, start + word.len())
            {
                return false;
            }
            names_other = true;
            end = start + word.len();
        }
        names_other
    }

    /// Whether the word of the sentence at `start` (`word`, as written) is technical:
    /// a term starts there (`starts`), or it is a technical word.
    fn is_technical(&self, lower: &str, starts: &[usize], start: usize, word: &str) -> bool {
        starts.binary_search(&start).is_ok()
            || self
                .compiled
                .rules
                .is_tech_word(&lower_word(lower, start, word))
    }

    /// True when a term starts at a later word of the hit and ends at or after `end`:
    /// "Cloud Run" inside "Google Cloud Run".
    fn term_runs_on(&self, masked: &str, lower: &str, h: &Hit, end: usize) -> bool {
        let inner = masked[h.start..h.end]
            .char_indices()
            .filter(|&(i, c)| i > 0 && (c == ' ' || c == '-'))
            .map(|(i, _)| h.start + i + 1);
        let mut runs_on = false;
        for at in inner {
            self.compiled.terms.at(lower.as_bytes(), at, |_, e| {
                runs_on |= e >= end && text::is_word_bounded(masked, at, e);
            });
        }
        runs_on
    }

    /// Whether an ambiguous term ("Go", "Docker") reads as technology here.
    /// `technical` tells whether the word at an offset is a term or a technical word
    /// ([`Matcher::is_technical`]).
    fn ambiguous_ok(
        &self,
        masked: &str,
        h: &Hit,
        listy: bool,
        technical: &dyn Fn(usize, &str) -> bool,
        has_cue: &dyn Fn(&Hit) -> bool,
        // Another term on the line reads as technology: a plain one, or a different
        // ambiguous one of the same topic.
        other_anchor: bool,
    ) -> bool {
        let rules = &self.compiled.rules;
        // Glued into a compound: "go-to", "Scrum-half", "Rust-Proofing", "non-Docker".
        if let Some(suffix) = text::hyphen_suffix(masked, h.end)
            && !rules.is_tech_suffix(&suffix.to_ascii_lowercase())
        {
            return false;
        }
        if text::hyphen_prefix(masked, h.start) {
            return false;
        }
        if listy {
            return true;
        }
        // In front of a capitalised word that is neither a term nor a technical word,
        // it is part of a name: "Java Junction", "Ruby Castañeda", "Rust Belt". In front
        // of a technical word it is technology: "Python Developer", "Docker image". An
        // acronym after it ("RESTful JSON API") does not continue a name; the rest of
        // the line decides.
        // A number and a capitalised word go on with the name ("Cloud 9 Residences");
        // a number alone is a version ("Python 3").
        if let Some((start, word)) =
            text::next_word(masked, text::past_number_in_name(masked, h.end))
        {
            if technical(start, word) {
                return true;
            }
            let acronym = word.len() >= 2
                && word
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if word.chars().next().is_some_and(char::is_uppercase) && !acronym {
                return false;
            }
        }
        let versioned = masked[h.end..]
            .trim_start()
            .trim_start_matches(['v', 'V'])
            .starts_with(|ch: char| ch.is_ascii_digit());
        versioned || other_anchor || has_cue(h)
    }
}

/// Where the words of a name of several words start when a misspelling of its last
/// word follows them as written ("Ruby on Rials"): the misspelling is the whole name.
fn name_before(text: &str, start: usize, canonical: &str) -> Option<usize> {
    let (before, _) = canonical.rsplit_once(' ')?;
    let from = start.checked_sub(before.len() + 1)?;
    // Compared as bytes: the text before may hold any character.
    let (words, space) = text.get(from..start)?.as_bytes().split_at(before.len());
    (words.eq_ignore_ascii_case(before.as_bytes())
        && space == b" "
        && (from == 0 || !text[..from].ends_with(char::is_alphanumeric)))
    .then_some(from)
}

/// The word of the sentence at `start` lower-cased: as `lower` (the sentence with ASCII
/// lower-cased) holds it when the word is ASCII, without a copy.
fn lower_word<'t>(lower: &'t str, start: usize, word: &str) -> Cow<'t, str> {
    if word.is_ascii() {
        Cow::Borrowed(&lower[start..start + word.len()])
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// True when nothing but separators lies between and around the hits: a list of
/// names, with at most "and" or "or" before the last.
fn only_names(text: &str, hits: &[Hit]) -> bool {
    let separators = |gap: &str| {
        gap.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"))
    };
    let mut spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    spans.sort_unstable();
    let mut at = 0;
    for (start, end) in spans {
        if start > at && !separators(&text[at..start]) {
            return false;
        }
        at = at.max(end);
    }
    separators(&text[at.min(text.len())..])
}

/// True when `token` is written in capitals on a line that is not ("SCADA alarms"
/// on a wind farm) and the term it is close to is not: an acronym of another
/// trade, not a misspelled "Scala". A line all in capitals is shouted, and its
/// words may be misspelled like any others.
fn is_other_acronym(token: &str, canonical: &str, line: &str) -> bool {
    let capitals = |w: &str| w.chars().all(|c| !c.is_lowercase());
    capitals(token) && !capitals(canonical) && line.chars().any(char::is_lowercase)
}

/// A lower-case term ("security", "migrations") or label is generic; a capitalised one
/// names a technology ("Spring Security", "MySQL") and is the better name for a line's
/// evidence.
fn is_generic(term: &str) -> bool {
    !term.chars().any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::{lower_word, name_before};

    #[test]
    fn a_lower_cased_word_is_the_word_lower_cased() {
        let text = "Used Docker, ÉCOLE and Straße in GO-Live";
        let lower = text.to_ascii_lowercase();
        for (start, word) in crate::text::tokens(text) {
            assert_eq!(
                lower_word(&lower, start, word),
                word.to_lowercase(),
                "{word}"
            );
        }
    }

    #[test]
    fn a_name_before_its_misspelled_last_word() {
        let at = |text: &str| name_before(text, text.rfind("Rials").unwrap(), "Ruby on Rails");
        assert_eq!(at("in Ruby on Rials"), Some(3));
        assert_eq!(at("RUBY ON Rials"), Some(0));
        assert_eq!(at("in Rials"), None);
        assert_eq!(at("Ruby-on Rials"), None);
        assert_eq!(at("xRuby on Rials"), None);
        // Any character may stand before, whatever its width.
        for text in [
            "Rubé on Rials",
            "ééééé Rials",
            "€€€ Rials",
            "→ on Rials",
            "abcdefg€Rials",
        ] {
            assert_eq!(at(text), None, "{text}");
        }
    }
}

//! Quoting the parts of a story that made a sentence count: for each role a model
//! quotes, one hit of its class, with the words that complete it ("symptom: kept timing
//! out", "with: the team lead"). No two parts quote the same words.

use toolkit_profile::Pick;

use super::Cue;
use super::lexicon::{CueHit, Lexicon};
use super::marks::{Marks, WordSet};

/// The buffers of quoting, kept from one sentence to the next so that they are
/// allocated once, not once a call of [`cues`].
#[derive(Default, Debug)]
pub(crate) struct CueBuffers {
    /// The hits of the classes quoted.
    quoted: Vec<CueHit>,
    /// The spans quoted so far.
    taken: Vec<(usize, usize)>,
    /// Each cue with the place of its class among the roles, which orders the output.
    placed: Vec<(usize, Cue)>,
}

/// The parts of the story in a sentence: for each of the classes `roles` (a model's
/// [`super::Model::quoted`] classes), one counted hit, with the words that complete it.
/// `hits` come in order of place, as [`Lexicon::find_into`] gives them.
pub(crate) fn cues(
    roles: &[u16],
    lexicon: &Lexicon,
    hits: &[CueHit],
    sentence: &str,
    buffers: &mut CueBuffers,
) -> Vec<Cue> {
    let CueBuffers {
        quoted,
        taken,
        placed,
    } = buffers;
    let role_classes = roles.iter().fold(0u128, |m, &c| m | 1u128 << (c & 127));
    // Finding a class's first part and the part that follows another stop at the first
    // one they meet: they rely on this order.
    debug_assert!(hits.is_sorted_by_key(|h| h.start), "hits in order of place");
    quoted.clear();
    quoted.extend(
        hits.iter()
            .filter(|h| role_classes >> (h.class & 127) & 1 == 1)
            .copied(),
    );
    taken.clear();
    placed.clear();
    let story = Story {
        lexicon,
        hits,
        sentence,
        quoted,
        taken,
    };
    // The people are quoted first: their phrase holds words that other classes know too
    // ("lead" in "the team lead", "line" in "new line cooks"), which are then theirs.
    for (place, class, people) in [true, false].into_iter().flat_map(|first| {
        roles.iter().enumerate().filter_map(move |(place, &class)| {
            let people = lexicon.picks[class as usize] == Pick::People;
            (people == first).then_some((place, class, people))
        })
    }) {
        let role = &lexicon.roles[class as usize];
        if placed.iter().any(|(_, c)| &c.role == role) {
            continue;
        }
        // A class with no hit has no cue.
        let Some(h) = story.best(class) else {
            continue;
        };
        let (text, span) = if people {
            story.people(h)
        } else {
            story.part(class, h)
        };
        if !text.is_empty() && !placed.iter().any(|(_, c)| c.text == text) {
            story.taken.push(span);
            placed.push((
                place,
                Cue {
                    role: role.clone(),
                    text,
                },
            ));
        }
    }
    placed.sort_by_key(|&(place, _)| place);
    placed.drain(..).map(|(_, cue)| cue).collect()
}

/// A sentence's hits while its parts are quoted.
struct Story<'a> {
    lexicon: &'a Lexicon,
    hits: &'a [CueHit],
    sentence: &'a str,
    /// The hits of the classes the model quotes.
    quoted: &'a [CueHit],
    /// The spans quoted so far.
    taken: &'a mut Vec<(usize, usize)>,
}

impl<'a> Story<'a> {
    fn overlaps_taken(&self, start: usize, end: usize) -> bool {
        self.taken.iter().any(|&(s, e)| start < e && s < end)
    }

    /// True when another quoted class has a hit at the same place as `h`.
    fn also_other(&self, h: &CueHit) -> bool {
        self.quoted
            .iter()
            .any(|o| o.class != h.class && o.start == h.start)
    }

    /// The hit of `class` quoted for it, if one may be.
    fn best(&self, class: u16) -> Option<&'a CueHit> {
        let sentence = self.sentence;
        let pick = self.lexicon.picks[class as usize];
        let people = pick == Pick::People;
        // A word that another quoted class knows as well ("lead", "coach", "Mentored")
        // names what was done, not with whom, where the line names people otherwise, and
        // always when it is written as a verb ("Mentored", "coaching").
        let mut otherwise_known = None;
        let mut people_otherwise = || {
            *otherwise_known.get_or_insert_with(|| {
                self.hits
                    .iter()
                    .any(|h| h.class == class && !self.also_other(h))
            })
        };
        // Where a story is told in order, its place tells a part: it opens with what
        // went wrong, and its acts start clauses ("; reordered the updates"). Smallest
        // key first: (not at a clause's start, distance, place).
        let mut best: Option<((bool, u32, usize), &'a CueHit)> = None;
        for h in self.hits.iter().filter(|h| h.class == class) {
            if self.overlaps_taken(h.start, h.end) {
                continue;
            }
            // The other parts, in one pass: whether one is at the same place (what
            // `Story::also_other` asks of a hit), whether one is a longer phrase around
            // this hit ("regression" in "added a regression test" is the change, not a
            // symptom), and how far the nearest is (the parts of one story sit close
            // together; none is no distance).
            let (mut also_other, mut inside, mut nearest) = (false, false, None);
            for o in self.quoted.iter().filter(|o| o.class != class) {
                also_other |= o.start == h.start;
                inside |= o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start;
                let d = o.word.abs_diff(h.word);
                nearest = Some(nearest.map_or(d, |n: u32| n.min(d)));
            }
            let nearest = nearest.unwrap_or(0);
            if inside
                || people
                    && also_other
                    && (is_verb_form(&sentence[h.start..h.end]) || people_otherwise())
            {
                continue;
            }
            let key = match pick {
                Pick::Near | Pick::People => (false, nearest, h.start),
                Pick::First => (false, 0, h.start),
                Pick::Clause => (!starts_clause(sentence, h.start), nearest, h.start),
            };
            if best.is_none_or(|(k, _)| key < k) {
                best = Some((key, h));
            }
            // Hits come in order of place: the first that may be quoted is the first.
            if pick == Pick::First {
                break;
            }
        }
        best.map(|(_, h)| h)
    }

    /// The people a hit names, with their phrase, and the span quoted.
    fn people(&self, h: &CueHit) -> (String, (usize, usize)) {
        // The people run on to the last word of theirs in the same phrase
        // ("the other" · "two junior developers").
        let end = people_phrase_end(h, self.hits, self.quoted, self.sentence);
        // The words before the people stop at the verb done with them: the last one
        // to end before them is all that counts.
        let verb_end = self
            .quoted
            .iter()
            .filter(|o| o.class != h.class && o.end <= h.start)
            .map(|o| o.end)
            .max();
        let (text, from) = quote_before(self.sentence, h.start, end, verb_end);
        (text, (from, end))
    }

    /// Any other part: the hit and the words that complete it, and the span quoted.
    fn part(&self, class: u16, h: &CueHit) -> (String, (usize, usize)) {
        let sentence = self.sentence;
        // The words after a part stop where the next part begins, and are left out
        // when it begins within three words of the same phrase ("Trained" · "six new
        // drivers"); nor do they run into words another part quotes.
        let next = self
            .quoted
            .iter()
            .filter(|o| o.class != class && o.start >= h.end)
            .min_by_key(|o| o.start);
        let limit = match next {
            Some(o) if o.word <= h.word + 3 && one_phrase(&sentence[h.end..o.start]) => h.end,
            Some(o) => o.start,
            None => sentence.len(),
        };
        let limit = match self
            .taken
            .iter()
            .map(|&(s, _)| s)
            .filter(|&s| s >= h.end)
            .min()
        {
            // Another part's phrase within three words, in the same phrase: the part
            // alone ("Trained" · "about 40 ward staff"), as for a hit.
            Some(s)
                if sentence[h.start..s].split_whitespace().take(4).count() <= 3
                    && one_phrase(&sentence[h.end..s]) =>
            {
                h.end
            }
            Some(s) => limit.min(s),
            None => limit,
        };
        // A part that is only words that join clauses ("so I", "so that") is quoted as
        // the words it leads to ("corrected the schedule").
        let start = if sentence[h.start..h.end]
            .split_whitespace()
            .all(|w| JOINS.contains(w))
        {
            h.end
        } else {
            word_start(sentence, h.start, self.taken)
        };
        let (mut text, mut end) = quote(sentence, start, h.end, limit);
        // Nor does it cut a phrase of the part's own in half ("reviewed about 40 merge"
        // · "requests"), or stop before a word of its own that follows at once ("kept"
        // · "losing") that no other part claims.
        // In one pass: a hit of the part's own that the quote ends inside comes before
        // any that starts after it, as hits come in order of place.
        let follows = self.hits.iter().find(|o| {
            o.class == class
                && if o.start < end {
                    end < o.end && o.end <= limit && one_phrase(&sentence[end..o.end])
                } else {
                    o.start > end
                        && sentence[end..o.start].trim().is_empty()
                        && !self.overlaps_taken(o.start, o.end)
                        && !self
                            .quoted
                            .iter()
                            .any(|q| q.class != class && q.start < o.end && o.start < q.end)
                }
        });
        if let Some(o) = follows {
            push_words(
                &mut text,
                sentence,
                end,
                sentence[end..o.end].split_whitespace(),
            );
            end = o.end;
        }
        (text, (start, end))
    }
}

/// Words that start a new phrase: a quote stops before them ("kept timing out and
/// failed" → "kept timing out").
const STOPS: &[&str] = &[
    "and", "but", "or", "so", "then", "which", "that", "who", "whose", "whom", "when", "where",
    "while", "because", "after", "before", "until", "since", "to", "against", "with", "by", "from",
    "for", "at", "on", "in", "into", "of", "as", "via", "than", "during", "across", "between",
    "among", "amongst", "within", "without", "despite", "per", "toward", "towards",
];

/// Pronouns: they name people, but never end another word's phrase.
const PRONOUNS: &[&str] = &["her", "him", "them", "us", "me", "you"];

/// Words that do not end a quote ("added the" → "added").
const TRAILING: &[&str] = &[
    "a", "an", "the", "its", "my", "our", "their", "his", "her", "it",
];

/// The word lists as sets, looked up by the word as it is written, in any case, not
/// lower-cased into a new string.
const STOP: WordSet<{ STOPS.len() }> = WordSet::new(STOPS);
const PRONOUN: WordSet<{ PRONOUNS.len() }> = WordSet::new(PRONOUNS);
const TRAILS: WordSet<{ TRAILING.len() }> = WordSet::new(TRAILING);
const JOINS: WordSet<{ JOINING.len() }> = WordSet::new(JOINING);

/// True when `word` is one of `words` (all lower-case), in any case: what the sets
/// above answer, word by word.
#[cfg(test)]
fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Punctuation that ends a phrase.
const BREAKS: Marks = Marks::new(
    &[',', ';', '.', ':', '(', ')', '!', '?', '|'],
    &['\u{2014}', '\u{2013}', '\u{2192}'],
);

/// The people a hit names, with up to two words before it that belong to the phrase
/// ("the ward pharmacist", "four classmates"), not a preposition or a verb before them
/// (`verb_end`: where another part of the story that ends before them ends, if one
/// does); and where the quote starts.
fn quote_before(
    sentence: &str,
    start: usize,
    end: usize,
    verb_end: Option<usize>,
) -> (String, usize) {
    let before = &sentence[..start];
    // Only the last two words can be kept: the start of the clause is looked for no
    // further back than they go, and a word it falls inside is cut there, as the words
    // of the clause alone are.
    let mut last = [""; 2];
    let mut n = 0;
    for w in before.split_whitespace().rev().take(2) {
        last[n] = w;
        n += 1;
    }
    let reach = last[..n].last().map_or(0, |w| offset_in(before, w));
    let clause_start = BREAKS
        .end_of_last(&before[reach..])
        .map_or(0, |e| reach + e);
    // Nor past the end of another part of the story (the verb: "reviewed").
    let clause_start = verb_end.map_or(clause_start, |e| clause_start.max(e));
    // Quoted as written from the first word kept, spaces made single: a hit that starts
    // inside a word stays joined to the rest of it ("the day-shift lead").
    let mut from = start;
    for w in &last[..n] {
        let (at, w_end) = (offset_in(before, w), offset_in(before, w) + w.len());
        if w_end <= clause_start {
            break;
        }
        let w = &before[at.max(clause_start)..w_end];
        let past = w.len() >= 2 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed");
        if STOP.contains(w) || past {
            break;
        }
        from = offset_in(sentence, w);
    }
    let mut text = String::with_capacity(end - from);
    for w in sentence[from..end].split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(w);
    }
    (text, from)
}

/// Where the people named from hit `h` on end: at the last hit of its class within three
/// words after it in the same phrase (no punctuation, phrase-starting word or other part
/// of the story between, and not a pronoun, which names people in a phrase of its own:
/// "the next intern through her"; "two mobile developers" · "alongside" · "a product owner").
fn people_phrase_end(h: &CueHit, hits: &[CueHit], quoted: &[CueHit], sentence: &str) -> usize {
    let other_part_between = |end: usize| {
        quoted
            .iter()
            .any(|q| q.class != h.class && q.start >= h.end && q.end <= end)
    };
    hits.iter()
        .filter(|o| {
            o.class == h.class
                && o.start >= h.end
                && o.word > h.word
                && o.word <= h.word.saturating_add(3)
        })
        .take_while(|o| {
            one_phrase(&sentence[h.end..o.start])
                && !PRONOUN.contains(&sentence[o.start..o.end])
                && !other_part_between(o.start)
        })
        .last()
        .map_or(h.end, |o| o.end)
}

/// Words that join one clause to the next, with the subject that may follow them.
const JOINING: &[&str] = &["and", "then", "so", "but", "i", "we"];

/// True when the words before `at` in `sentence` are none, or end with a break of
/// phrase and then at most words that join clauses ("; then we", ", so I").
fn starts_clause(sentence: &str, at: usize) -> bool {
    let mut rest = sentence[..at].trim_end();
    while let Some(w) = rest
        .split_whitespace()
        .next_back()
        .filter(|w| JOINS.contains(w))
    {
        rest = rest[..offset_in(rest, w)].trim_end();
    }
    rest.is_empty() || BREAKS.ends(rest)
}

/// The hit and up to three following words of the same phrase, before `limit`, with
/// where the last of them ends in `sentence`.
fn quote(sentence: &str, start: usize, end: usize, limit: usize) -> (String, usize) {
    let rest = &sentence[end..limit.max(end)];
    // Only the first three words can be quoted: the clause is ended among them, and
    // a word it ends in the middle is cut there, as the words of the clause alone are.
    let mut first = [""; 3];
    let mut n = 0;
    for w in rest.split_whitespace().take(3) {
        first[n] = w;
        n += 1;
    }
    let reach = first[..n]
        .last()
        .map_or(0, |w| offset_in(rest, w) + w.len());
    let clause_end = BREAKS.find(&rest[..reach]).unwrap_or(reach);
    // A word that `limit` cuts in two is left out whole ("save-" of "save-corruption").
    let cut = |w: &str| {
        let w_end = offset_in(sentence, w) + w.len();
        w_end == limit && sentence[limit..].starts_with(|c: char| !c.is_whitespace())
    };
    let mut kept = [""; 3];
    let mut k = 0;
    for w in &first[..n] {
        let at = offset_in(rest, w);
        if at >= clause_end {
            break;
        }
        let w = &rest[at..clause_end.min(at + w.len())];
        if STOP.contains(w) || cut(w) {
            break;
        }
        kept[k] = w;
        k += 1;
    }
    while k > 0 && TRAILS.contains(kept[k - 1]) {
        k -= 1;
    }
    let kept = &kept[..k];
    let quoted_end = kept
        .last()
        .map_or(end, |w| offset_in(sentence, w) + w.len());
    let hit = sentence[start..end].trim();
    // Room for the words as well, which take no more than they do in the sentence.
    let mut text = String::with_capacity(hit.len() + quoted_end - end);
    text.push_str(hit);
    push_words(&mut text, sentence, end, kept.iter().copied());
    (text, quoted_end)
}

/// True when `text`, between two words, keeps them in one phrase: no punctuation that
/// ends a phrase and no word that starts a new one.
fn one_phrase(text: &str) -> bool {
    BREAKS.find(text).is_none() && !text.split_whitespace().any(|w| STOP.contains(w))
}

/// True when `word` reads as a verb, past or in progress ("Mentored", "coaching").
fn is_verb_form(word: &str) -> bool {
    let w = word.as_bytes();
    [&b"ed"[..], b"ing"]
        .iter()
        .any(|end| w.len() > end.len() + 2 && w[w.len() - end.len()..].eq_ignore_ascii_case(end))
}

/// Appends `words`, slices of `sentence`, to a quote that ends at `after` in it: each
/// after a single space, or joined to what comes before it where the sentence has no
/// space between ("timezone" · "-aware"); the first word of an empty quote stands alone.
fn push_words<'w>(
    text: &mut String,
    sentence: &str,
    mut after: usize,
    words: impl IntoIterator<Item = &'w str>,
) {
    for w in words {
        let at = offset_in(sentence, w);
        if at != after && !text.is_empty() {
            text.push(' ');
        }
        text.push_str(w);
        after = at + w.len();
    }
}

/// Where the word that `at` falls in starts, letters, digits and the marks inside a word
/// included ("40%" for "%", "save-corruption" for "corruption"), but never before the
/// end of a span already quoted nor at a mark ("rota app", not "-rota app").
fn word_start(sentence: &str, at: usize, taken: &[(usize, usize)]) -> usize {
    let floor = taken
        .iter()
        .map(|&(_, e)| e)
        .filter(|&e| e <= at)
        .max()
        .unwrap_or(0);
    let in_word =
        |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}' | '.' | ',' | '_');
    let start = sentence[floor..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_word(c))
        .last()
        .map_or(at, |(i, _)| floor + i);
    sentence[start..at]
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric())
        .map_or(at, |(i, _)| start + i)
}

/// Where `part`, a slice of `sentence`, starts in it.
fn offset_in(sentence: &str, part: &str) -> usize {
    part.as_ptr() as usize - sentence.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_hold_their_lists_in_any_case() {
        // Each list's words, as written and in capitals.
        let holds = |contains: &dyn Fn(&str) -> bool, list: &[&str]| {
            list.iter()
                .all(|w| contains(w) && contains(&w.to_ascii_uppercase()))
        };
        assert!(holds(&|w| STOP.contains(w), STOPS));
        assert!(holds(&|w| TRAILS.contains(w), TRAILING));
        assert!(holds(&|w| PRONOUN.contains(w), PRONOUNS));
        assert!(holds(&|w| JOINS.contains(w), JOINING));
        assert!(STOP.contains("And") && TRAILS.contains("THE"));
        assert!(!STOP.contains("android") && !TRAILS.contains("théir") && !JOINS.contains("i'm"));
    }

    #[test]
    fn verbs_are_told_by_their_ending() {
        for w in ["Mentored", "coaching", "TRAINED", "leading"] {
            assert!(is_verb_form(w), "{w}");
        }
        for w in ["mentor", "lead", "coach", "red", "king", "Ted"] {
            assert!(!is_verb_form(w), "{w}");
        }
    }

    #[test]
    fn people_are_quoted_with_their_phrase() {
        let s = "Sat with the QA lead to reproduce it, then trained four classmates.";
        let at = s.find("lead").unwrap();
        assert_eq!(quote_before(s, at, at + 4, None).0, "the QA lead");
        let at = s.find("classmates").unwrap();
        assert_eq!(quote_before(s, at, at + 10, None).0, "four classmates");
        let s = "Coach for the U12s — planned sessions with the head coach";
        let at = s.rfind("coach").unwrap();
        assert_eq!(quote_before(s, at, at + 5, None).0, "the head coach");
        let at = s.find("planned").unwrap();
        assert_eq!(quote_before(s, at, at + 7, None).0, "planned");
        let s = "Co-wrote the checklist with the day-shift lead";
        let at = s.find("shift").unwrap();
        assert_eq!(quote_before(s, at, s.len(), None).0, "the day-shift lead");
        let s = "Review teammates' pull requests";
        let at = s.find("teammates").unwrap();
        assert_eq!(quote_before(s, at, at + 9, Some(6)).0, "teammates");
    }

    #[test]
    fn quotes_stop_at_the_clause_and_drop_function_words() {
        let s = "The export kept timing out to the minute, so I added an index and it worked.";
        let start = s.find("kept").unwrap();
        assert_eq!(quote(s, start, start + 4, s.len()).0, "kept timing out");
        let start = s.find("added").unwrap();
        let (text, end) = quote(s, start, start + 5, s.len());
        assert_eq!(
            (text.as_str(), &s[start..end]),
            ("added an index", "added an index")
        );
        assert_eq!(quote(s, start, start + 5, start + 9).0, "added");
    }

    #[test]
    fn clauses_start_after_a_break_and_joining_words() {
        let s = "Logs showed it, so I reset it; then we moved on and fixed \u{2192} done";
        for (word, starts) in [
            ("Logs", true),
            ("showed", false),
            ("reset", true),
            ("moved", true),
            ("fixed", false),
            ("done", true),
        ] {
            assert_eq!(starts_clause(s, s.find(word).unwrap()), starts, "{word}");
        }
        // Any whitespace between the words, not only one space.
        let s = "Caf\u{e9}\u{a0}so I fixed it; \u{3000}then  we moved";
        assert!(!starts_clause(s, s.find("fixed").unwrap()));
        assert!(starts_clause(s, s.find("moved").unwrap()));
    }

    #[test]
    fn quotes_keep_words_joined_as_written() {
        let s = "Pinned the timezone-aware scheduler, then the save-corruption crash";
        let at = s.find("timezone").unwrap();
        assert_eq!(quote(s, at, at + 8, s.len()).0, "timezone-aware scheduler");
        // A word cut in two by the limit is left out whole.
        let at = s.find("the save").unwrap();
        let limit = s.find("corruption").unwrap();
        assert_eq!(quote(s, at, at + 3, limit).0, "the");
    }

    /// Which word a class quotes is the profile's to say: the same words and sentence,
    /// quoted by a behaviour whose classes pick differently.
    #[test]
    fn which_word_is_quoted_is_data() {
        use super::super::lexicon::Normalised;
        use toolkit_profile::Behaviour;
        let quoted = |picks: [&str; 3]| {
            let src = format!(
                "[class.trouble]\nrole = \"trouble\"\npick = \"{}\"\nwords = [\"crash*\", \"stopped\"]\n\
                 [class.act]\nrole = \"act\"\npick = \"{}\"\nwords = [\"fixed\", \"added\"]\n\
                 [class.crew]\nrole = \"crew\"\npick = \"{}\"\nwords = [\"crew\", \"lead\"]\n",
                picks[0], picks[1], picks[2]
            );
            let lexicon = Lexicon::new(&Behaviour::parse(&src).unwrap()).unwrap();
            let sentence =
                "Crashes every night with the crew lead; added a guard, fixed it and it stopped";
            let hits = lexicon.find(&Normalised::new(sentence));
            // The classes in the order of their names: act, crew, trouble.
            let roles: Vec<u16> = (0..3).collect();
            cues(
                &roles,
                &lexicon,
                &hits,
                sentence,
                &mut CueBuffers::default(),
            )
            .into_iter()
            .map(|c| format!("{}: {}", c.role, c.text))
            .collect::<Vec<_>>()
        };
        assert_eq!(
            quoted(["first", "clause", "people"]),
            [
                "act: added a guard",
                "crew: the crew lead",
                "trouble: Crashes every night"
            ]
        );
        assert_eq!(
            quoted(["near", "near", "near"]),
            ["act: added a guard", "crew: lead", "trouble: stopped"]
        );
    }

    /// Buffers kept from the sentences before quote each sentence as fresh ones do.
    #[test]
    fn buffers_kept_from_call_to_call_quote_as_fresh_ones() {
        use super::super::lexicon::Normalised;
        let lexicon = Lexicon::new(toolkit_profile::Behaviour::builtin()).unwrap();
        let sentences = [
            "The export kept timing out, so I added an index and it worked.",
            "Sat with the QA lead to reproduce it, then trained four classmates.",
            "Reviewed about 40 merge requests for two junior developers",
            "",
            "Crashes every night; pinned the scheduler with the team lead",
        ];
        let roles: Vec<u16> = (0..lexicon.roles.len() as u16).collect();
        let mut kept = CueBuffers::default();
        let mut quoted_any = false;
        for _ in 0..2 {
            for s in sentences {
                let hits = lexicon.find(&Normalised::new(s));
                for roles in [&roles[..], &roles[..roles.len() / 2], &[]] {
                    let fresh = cues(roles, &lexicon, &hits, s, &mut CueBuffers::default());
                    quoted_any |= !fresh.is_empty();
                    assert_eq!(cues(roles, &lexicon, &hits, s, &mut kept), fresh, "{s}");
                }
            }
        }
        assert!(quoted_any);
    }

    #[test]
    fn a_quote_starts_where_its_word_does() {
        let s = "Co-led the review; errors fell 40% (from 1.2%) with the volunteer-rota app";
        let at = |w: &str| s.find(w).unwrap();
        assert_eq!(word_start(s, at("led"), &[]), 0);
        assert_eq!(word_start(s, at("% ("), &[]), at("40%"));
        assert_eq!(word_start(s, at("%)"), &[]), at("1.2%"));
        // Not into a span already quoted, nor at the mark that follows it.
        let rota = at("rota");
        assert_eq!(word_start(s, rota, &[(at("volunteer"), rota - 1)]), rota);
        assert_eq!(word_start(s, rota, &[]), at("volunteer"));
    }

    /// The sentences the quoting shortcuts are held to the plain way on: ASCII and
    /// not, no-break and other spaces, marks inside words, and nothing at all.
    const SENTENCES: &[&str] = &[
        "",
        " ",
        "The export kept timing out to the minute, so I added an index and it worked.",
        "Sat with the QA lead; then trained four classmates \u{2014} all passed",
        "Caf\u{e9}\u{a0}so I fixed it; \u{3000}then  we moved the rota\u{2192}done",
        "Co-led the review, errors fell 40% (from 1.2%) with the volunteer-rota app",
        "a,b c.d  e:f the THE and AND\u{a0}with\u{2013}to",
        "\u{e9}t\u{e9} na\u{ef}ve r\u{e9}sum\u{e9} for an \u{1f600} a",
        "Reviewed about 40 merge requests for two junior developers",
    ];

    /// Every pair of character boundaries `a <= b` of `s`.
    fn spans(s: &str) -> Vec<(usize, usize)> {
        let at: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        let mut out = Vec::new();
        for (n, &a) in at.iter().enumerate() {
            for &b in &at[n..] {
                out.push((a, b));
            }
        }
        out
    }

    /// `quote` as it reads without its shortcuts: the whole rest of the sentence split
    /// and searched.
    fn plain_quote(sentence: &str, start: usize, end: usize, limit: usize) -> (String, usize) {
        let rest = &sentence[end..limit.max(end)];
        let breaks = [
            ',', ';', '.', ':', '(', ')', '!', '?', '|', '\u{2014}', '\u{2013}', '\u{2192}',
        ];
        let clause_end = rest.find(breaks).unwrap_or(rest.len());
        let cut = |w: &&str| {
            let w_end = offset_in(sentence, w) + w.len();
            w_end == limit && sentence[limit..].starts_with(|c: char| !c.is_whitespace())
        };
        let mut words: Vec<&str> = rest[..clause_end]
            .split_whitespace()
            .take(3)
            .take_while(|w| !is_one_of(w, STOPS) && !cut(w))
            .collect();
        while words.last().is_some_and(|w| is_one_of(w, TRAILING)) {
            words.pop();
        }
        let quoted_end = words
            .last()
            .map_or(end, |w| offset_in(sentence, w) + w.len());
        let mut text = sentence[start..end].trim().to_string();
        push_words(&mut text, sentence, end, words);
        (text, quoted_end)
    }

    /// `quote_before` as it reads without its shortcuts.
    fn plain_quote_before(
        sentence: &str,
        start: usize,
        end: usize,
        verb_end: Option<usize>,
    ) -> (String, usize) {
        let breaks = [
            ',', ';', '.', ':', '(', ')', '!', '?', '|', '\u{2014}', '\u{2013}', '\u{2192}',
        ];
        let before = &sentence[..start];
        let clause_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| breaks.contains(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let clause_start = verb_end.into_iter().fold(clause_start, usize::max);
        let words: Vec<&str> = before[clause_start..].split_whitespace().collect();
        let mut keep = 0;
        for w in words.iter().rev().take(2) {
            let past = w.len() >= 2 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed");
            if is_one_of(w, STOPS) || past {
                break;
            }
            keep += 1;
        }
        let from = words[words.len() - keep..]
            .first()
            .map_or(start, |w| offset_in(sentence, w));
        let text = sentence[from..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (text, from)
    }

    #[test]
    fn quotes_are_what_the_plain_way_quotes() {
        for s in SENTENCES {
            let all = spans(s);
            for &(start, end) in &all {
                for &(_, limit) in all.iter().filter(|&&(a, _)| a == 0) {
                    assert_eq!(
                        quote(s, start, end, limit),
                        plain_quote(s, start, end, limit),
                        "{s:?} {start} {end} {limit}"
                    );
                }
                // No verb before, or one that ends anywhere before or at the start.
                let ends = all.iter().filter(|&&(a, _)| a == 0).map(|&(_, e)| e);
                let before = ends.filter(|&e| e <= start).step_by(5).map(Some);
                for verb_end in std::iter::once(None).chain(before) {
                    assert_eq!(
                        quote_before(s, start, end, verb_end),
                        plain_quote_before(s, start, end, verb_end),
                        "{s:?} {start} {end} {verb_end:?}"
                    );
                }
            }
        }
    }
}

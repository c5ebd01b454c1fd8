//! The mood patterns: negation, aspiration and ongoing study, in English grammar and the
//! same for every profile, and the opening of a clause that reports what someone else
//! did. Read by the rules (`rules.rs`) and by the build script, which compiles them into
//! the automata a run loads instead of compiling them itself.
//!
//! The texts they read are lower-cased clauses, ASCII classes only.

/// The mood groups, strongest first: negation, negation ahead, aspiration, aspiration
/// ahead, ongoing study (`rules::MOODS` names their moods in this order).
pub(crate) const MOOD_GROUPS: [&[&str]; 5] = [
    NEGATION,
    NEGATION_AHEAD,
    ASPIRATION,
    ASPIRATION_AHEAD,
    STUDYING,
];

pub(crate) const NEGATION: &[&str] = &[
    r"\b(no|not|never|zero|without any)\b[^.;,]{0,40}\b(experience|exposure|knowledge|background|familiarity|idea)\b",
    r"\b(never|not yet|haven't|have not|hasn't|has not|didn't|did not|don't|do not|not have)\s+(yet\s+)?(used|worked|touched|tried|deployed|written|built|had|learned|learnt)\b",
    r"\b(unfamiliar|not familiar) with\b",
    r"\bno\b[^.;]{0,40}\byet\b",
    // "Docker and Kubernetes: not yet"
    r"\bnot yet\b",
    // "Authentication has not been added yet".
    r"\bnot been [a-z]+\s+yet\b",
    // "Not used yet: Docker, Kubernetes", "not touched Go yet".
    r"\bnot\s+(used|touched|tried|deployed|learned|learnt|written|worked with)\s+([a-z0-9.+#-]+\s+)?yet\b",
    // "Didn't get to use the profiler in the end"
    r"\b(didn't|did not|never) (get|got) to\b",
];

/// A lack that belongs to a thing the clause names, not to the clause: "completed it in
/// Elixir, a language I'd never used", "picked a framework we had not tried", "Rails,
/// which I had never used". The clause is read as if it were not there.
pub(crate) const NEW_TO: &str = r"(\b(a|an|the|one|some|any)\s+([a-z0-9.+#-]+\s+){0,3}?(that\s+|which\s+)?|,\s*which\s+)(i|we)('d|'ve|\s+had|\s+have)?\s+(never|not)\s+(used|touched|tried|written|seen|worked with|heard of|done)\b(\s+before)?";

/// The forms of "to be": a clause that says what something is.
pub(crate) const COPULAS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "remains", "remain", "seems",
];

/// Words after ", so" or ", I" that carry the lack or the wish on ("so I can move into
/// cloud work", "so I can't speak to message brokers", "so that I stay current"): the
/// words after them are still part of the clause before. "Do", "does" and "did" carry
/// it on before "not" ("so I did not"), not before a deed ("so I did a course").
pub(crate) const CARRY_ON: &[&str] = &[
    "can", "could", "will", "would", "shall", "should", "might", "may", "must", "i'll", "we'll",
    "i'd", "we'd", "can't", "cannot", "couldn't", "won't", "wouldn't", "don't", "doesn't",
    "didn't", "haven't", "hasn't", "hadn't", "not", "never", "no", "that", "far", "only", "still",
    "hope", "want", "plan", "need", "needs", "wish",
];

/// Words that may open a clause before its verb ("so I then spent").
pub(crate) const BEFORE_VERB: &[&str] = &[
    "i",
    "we",
    "then",
    "also",
    "instead",
    "now",
    "finally",
    "first",
    "quickly",
    "just",
    "eventually",
    "simply",
];

/// Negations whose object follows the cue ("I did not use Sentry there"): they cover the
/// clause from the cue on, so "practised Go, a language I didn't use at work" still
/// practised Go.
pub(crate) const NEGATION_AHEAD: &[&str] = &[
    r"\b(didn't|did not|don't|do not|doesn't|does not|never) (use|touch)\b",
    // "Runs in the site office, not on any cloud service", "never hosted on any cloud
    // platform", "not deployed to any cloud": a place or a means denied whole.
    r"\b(not|never)( [a-z]+ed)? (on|in|to|via|through|with|using) any\b",
    // "I have not containerized anything yet": a perfect tense denied, whatever the verb.
    r"\b(haven't|have not|hasn't|has not)\s+(yet\s+)?[a-z]+(ed|en)\b",
    // "We did not deploy it to the cloud" (but "the build did not deploy to Heroku"
    // is a story).
    r"\b(i|we)\s+(didn't|did not|never)\s+(deploy|host|adopt|try)\b",
    // "We run no cloud services", "uses no ORM".
    r"\b(run|runs|ran|use|uses|used|using) no [a-z]",
    // "None of this is deployed to the cloud" (but "none of the outages recurred
    // after I added alerts" says nothing of the alerts).
    r"\bnone of (this|it|that|these|those|them) (is|was|are|were|has|have|had|got|ever)\b",
];

/// Aspirations whose object follows the cue ("would like to learn Kubernetes"): they
/// cover the clause from the cue on, so "Resourceful problem solver, eager to learn"
/// still describes a problem solver.
pub(crate) const ASPIRATION_AHEAD: &[&str] = &[
    r"\b(would|'d) (like|love) to\b",
    // A wish about the past: "I'd have liked more time to find out why".
    r"\b(would|'d) have (liked|loved|wanted) to\b",
    r"\b(would|'d) have (liked|loved|wanted)\b",
    // A wish or an intent before any verb: "Hoping to sit the AWS exam", "Next I want
    // to add sign-in with OAuth". "Plan" is a noun as often as a verb ("took the
    // migration plan to the finance team"): as a verb it has a subject or opens the line.
    r"\b(want|wants|wanting|hope|hopes|hoping|planning|aim|aims|aiming|eager|keen|excited|intend|intends|intending|aspire|aspires|aspiring) to [a-z]",
    r"(^\W*|\b(i|we|i'd|still|also)\s+)(plan|plans) to [a-z]",
    r"\blooking for\b[^.;]{0,80}\b(learn|grow)\b",
    r"\bwhere i (can|could) (learn|grow|build|develop|gain)\b",
    // The job sought, and what the writer would do there: "a backend role where I can
    // work with Docker", "a team where I get to pair daily" (not "could", which tells
    // of a past job as often: "joined a team where I could use Kafka").
    r"\b(role|position|job|opportunity|team|company|place|environment|internship|apprenticeship)s? where i (can|will|would|get to)\b",
    // "Interested in learning Go", "interested in contributing to open source".
    r"\binterested in [a-z]+ing\b",
    r"\bgoal is to\b",
    // Intent and the future: "Planned to co-lead the migration", "Will join the
    // mentoring programme", "Would sign up for the exam if funded".
    r"\bplanned to\b",
    r"^\W*(i |we )?(will|would)\b",
];

/// Aspirations whose object comes first ("Docker is next on my list"): they cover the
/// whole clause.
pub(crate) const ASPIRATION: &[&str] = &[
    r"\bnext on my (list|radar|learning list)\b",
    r"\bon (my|the) (roadmap|radar|to-do list|bucket list|wishlist)\b",
    r"\bon my (to-learn|learning|wish) list\b",
    r"\bon my list\b",
    r"\b(is|are) next\b",
    // The next step named after it: "moving it into PostgreSQL is the next step",
    // "(databases come next)".
    r"\b(is|are|will be) (the|my|our) next (step|steps|thing|task|goal|job|milestone|priority)\b",
    r"\b(comes?|coming) next\b",
    // "Next step: a bootcamp", "Next step for this project: sign-in", "Next: CKA (not
    // started yet)".
    r"^\W*next\s*:",
    r"\bnext (step|steps|goal|up)( for [^.;:]{1,40})?\s*:",
    // A plan with its subject first: "Pairing sessions were planned for Q3", "Was
    // down to co-teach the training day" (a verb follows: "was down to the new primer
    // batch" names a cause).
    r"\b(was|were) (planned|scheduled) (for|to)\b",
    r"\b(was|were) down to (co-)?(teach|run|lead|present|cover|host|give|deliver|speak|mentor|coach|train|attend|join|help|chair|organi[sz]e|take|do|sit|start|work)\b",
];

pub(crate) const STUDYING: &[&str] = &[
    r"\b(currently|now) (learning|studying|teaching myself|taking|exploring)\b",
    // "so I'm taking a course on containers": the containers are studied, not used.
    r"\b(i'm|i am|we're|we are) (learning|studying|working through|taking (a|an|the|two|three) [a-z -]{0,30}(course|class|module|bootcamp|certificate|tutorial))\b",
    r"\bteaching myself\b",
];

/// People and bodies other than the writer.
pub(crate) const OTHERS: &[&str] = &[
    "manager",
    "supervisor",
    "lead",
    "boss",
    "mentor",
    "senior",
    "dev",
    "developer",
    "engineer",
    "colleague",
    "coworker",
    "co-worker",
    "teammate",
    "nurse",
    "vet",
    "doctor",
    "teacher",
    "tutor",
    "trainer",
    "tech",
    "technician",
    "admin",
    "administrator",
    "owner",
    "director",
    "founder",
    "client",
    "customer",
    "partner",
    "consultant",
    "contractor",
    "vendor",
    "analyst",
    "architect",
    "designer",
    "tester",
    "reviewer",
    "maintainer",
    "instructor",
    "chef",
    "principal",
    "professor",
    "lecturer",
    "cto",
    "ceo",
    "officer",
    "coordinator",
    "pharmacist",
    "solicitor",
    "barrister",
    "employer",
    "company",
    "firm",
    "salon",
    "practice",
    "clinic",
    "agency",
    "charity",
];

/// The words a clause reporting what someone else did opens with ("my supervisor ran").
pub(crate) const REPORTED_OPENERS: &[&str] = &["my", "our", "the", "his", "her", "their"];

/// The end of such a clause's opening, after one of [`REPORTED_OPENERS`], up to two
/// more words and one of [`OTHERS`], perhaps with a name after it: a verb in the past
/// ("my supervisor ran", "the senior devs did", "our senior developer, Marek, set up").
#[cfg_attr(not(test), allow(dead_code))]
const REPORTED_VERB: &str = r"(s|es)?(,\s*[a-z'-]+(\s+[a-z'-]+)?,)?\s+([a-z]+ed|ran|did|led|gave|took|made|held|sent|kept|found|taught|wrote|told|set|put|chose|spoke|met|paid|brought|built|got|went|saw|handled)\b";

/// The opening of a clause that reports what someone else did: one of
/// [`REPORTED_OPENERS`], up to two more words, one of [`OTHERS`], [`REPORTED_VERB`].
/// The build script compiles it into the DFA the rules load (`rules.rs`).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn reported_opening() -> String {
    format!(
        r"^\W*({})\s+([a-z][a-z'-]*\s+){{0,2}}?({}){REPORTED_VERB}",
        REPORTED_OPENERS.join("|"),
        OTHERS.join("|")
    )
}

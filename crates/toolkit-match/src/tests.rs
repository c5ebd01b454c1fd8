//! Data-driven tests of the matching rules against the default profile.

use std::sync::OnceLock;

use toolkit_document::{Format, Limits, read};
use toolkit_profile::{DEFAULT_PROFILE, Profile};

use super::*;

/// Every line of the line corpus and of the sample resumes.
pub(crate) fn repository_lines() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut lines = Vec::new();
    for dir in ["corpus/lines", "samples"] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .expect("the directory is in the repository")
            .map(|entry| entry.expect("a readable directory").path())
            .collect();
        paths.sort();
        for path in paths {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let text = match ext {
                "jsonl" | "md" | "txt" => std::fs::read_to_string(&path).expect("a readable file"),
                _ => continue,
            };
            for line in text.lines() {
                if ext == "jsonl" {
                    let value: serde_json::Value = serde_json::from_str(line).expect("JSON lines");
                    lines.extend(value["text"].as_str().map(str::to_string));
                } else {
                    lines.push(line.to_string());
                }
            }
        }
    }
    lines
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&Profile::builtin(DEFAULT_PROFILE).unwrap()).unwrap())
}

fn report(markdown: &str) -> Report {
    let doc = read(markdown.as_bytes(), Format::Markdown, &Limits::default()).unwrap();
    matcher().check(&doc)
}

fn status(report: &Report, topic: &str) -> Status {
    report.topics.iter().find(|t| t.id == topic).unwrap().status
}

/// The term the first evidence of `topic` in a one-line Experience section names.
fn evidence_term(line: &str, topic: &str) -> String {
    let r = report(&format!("# A B\n\n## Experience\n\n- {line}\n"));
    let t = r.topics.iter().find(|t| t.id == topic).unwrap();
    t.evidence[0].term.clone()
}

/// The cues of an evidence line as (role, text).
fn cue_pairs(e: &crate::Evidence) -> Vec<(&str, &str)> {
    e.cues
        .iter()
        .map(|c| (c.role.as_str(), c.text.as_str()))
        .collect()
}

/// A topic's status and the cues of its first evidence line, as (role, text).
fn status_and_cues(report: &Report, topic: &str) -> (Status, Vec<(String, String)>) {
    let t = report.topics.iter().find(|t| t.id == topic).unwrap();
    let cues = t.evidence.first().map(cue_pairs).unwrap_or_default();
    let owned = cues
        .into_iter()
        .map(|(role, text)| (role.to_string(), text.to_string()))
        .collect();
    (t.status, owned)
}

/// Expected cues, as [`status_and_cues`] gives them.
fn owned_cues(cues: &[(&str, &str)]) -> Vec<(String, String)> {
    cues.iter()
        .map(|(role, text)| (role.to_string(), text.to_string()))
        .collect()
}

/// Checks `line` placed under `## Experience` (or the given section) and asserts
/// the status of one topic.
fn check(section: &str, line: &str, topic: &str, want: Status) {
    let md = format!("# Test Person\n\n## {section}\n\n- {line}\n");
    let r = report(&md);
    assert_eq!(
        status(&r, topic),
        want,
        "{topic} for {line:?} under {section}"
    );
}

use Status::{Demonstrated as D, Listed as L, Missing as M};

#[test]
fn whole_words_and_leftmost_longest() {
    check(
        "Experience",
        "Built the front end in JavaScript",
        "languages",
        D,
    );
    check("Experience", "Wrote a JavaScript widget", "languages", D);
    // "Java" inside "JavaScript" is not Java: the evidence term says JavaScript.
    let r = report("# A B\n\n## Experience\n\n- Built a JavaScript app\n");
    let langs = r.topics.iter().find(|t| t.id == "languages").unwrap();
    assert_eq!(langs.evidence[0].term, "JavaScript");
    check("Experience", "Added a C# endpoint", "languages", D);
    check(
        "Experience",
        "Maintained the C++ scoring plugin",
        "languages",
        D,
    );
    check("Experience", "Shipped a Node.js service", "languages", D);
    check(
        "Experience",
        "Stored records in NoSQL and MySQL",
        "databases",
        D,
    );
    check(
        "Experience",
        "Worked in a digital signage team",
        "version-control",
        M,
    );
    check("Experience", "Taught Newton's laws to juniors", "cloud", M);
    check(
        "Experience",
        "Ran rapid antigen tests with the therapist",
        "apis",
        M,
    );
}

#[test]
fn false_friends() {
    check(
        "Experience",
        "Shared materials with the rest of the team",
        "web-services",
        M,
    );
    // A clinician's notes, in the form a dental or veterinary nurse writes them.
    check(
        "Experience",
        "Wrote SOAP notes after every consultation and filed them in the practice system",
        "web-services",
        M,
    );
    check(
        "Experience",
        "Kept SOAP-format notes for each patient",
        "web-services",
        M,
    );
    check(
        "Experience",
        "Built a client for the insurer's SOAP service and wrote notes on each call it makes",
        "web-services",
        D,
    );
    // Writers and weather.
    check(
        "Experience",
        "Sold out the run of a stage adaptation of Kafka's The Trial for the API-driven box office",
        "microservices",
        M,
    );
    check(
        "Experience",
        "Planned the week around low cloud, which grounds the helicopter, and logged jobs in a Python script",
        "cloud",
        M,
    );
    // A lab's, a surveyor's and a report's clouds: a solution's cloud point, a scan's
    // point cloud, a word cloud of survey answers.
    for line in [
        "Measured the cloud point of detergent solutions for the membrane-protein project",
        "Cleaned LiDAR point clouds in Python before meshing them for the survey",
        "Turned the survey answers into word clouds with a Python script",
    ] {
        check("Experience", line, "cloud", M);
    }
    check(
        "Experience",
        "Moved the survey service to the cloud and measured the point where it needed a second instance",
        "cloud",
        D,
    );
    check(
        "Experience",
        "Organised the pre-season sprint sessions for injured players",
        "agile",
        M,
    );
    check(
        "Activities",
        "Played Scrum-half for the county rugby club",
        "agile",
        M,
    );
    check(
        "Experience",
        "Was the go-to person for returns disputes",
        "languages",
        M,
    );
    check(
        "Experience",
        "Worked as a Rust-Proofing Technician at a body shop",
        "languages",
        M,
    );
    check(
        "Education",
        "Spring semester 2023 abroad in Tallinn",
        "languages",
        M,
    );
    check(
        "Experience",
        "Barista at Java Junction café",
        "languages",
        M,
    );
    // An acronym after an everyday-word term does not make it a name.
    check("Projects", "Built a RESTful JSON API", "web-services", D);
    check(
        "Experience",
        "Wrote Go SDK examples for the docs",
        "languages",
        D,
    );
    check(
        "Experience",
        "Postman on a rural mail route for six years",
        "debugging-tools",
        M,
    );
    check(
        "Experience",
        "Sold ball pythons and lizards at a pet shop",
        "languages",
        M,
    );
    check(
        "Experience",
        "Reported to Ruby Castañeda, the data manager",
        "languages",
        M,
    );
    check("Interests", "Cold-process soap making", "web-services", M);
    check(
        "Experience",
        "Docker (Longshore Worker) — Bayview Marine Terminal",
        "microservices",
        M,
    );
    check(
        "Experience",
        "Loaded shipping containers with a crew",
        "microservices",
        M,
    );
    check("Education", "Technical Writing | C", "languages", M);
}

#[test]
fn ambiguous_terms_count_in_technical_context() {
    check(
        "Experience",
        "Wrote a Python script that renames invoices",
        "languages",
        D,
    );
    check(
        "Experience",
        "Maintain the Rails app (Ruby 3.2)",
        "languages",
        D,
    );
    check(
        "Experience",
        "Wrote two gRPC services in Go",
        "languages",
        D,
    );
    check("Skills", "Go · Python · C++", "languages", L);
    // A compound names its topic as its parts would.
    check(
        "Skills",
        "Cybersecurity Best Practices | Agile Methodologies (Scrum)",
        "security",
        L,
    );
    check("Skills", "Python, C, Go", "languages", L);
    check(
        "Experience",
        "Containerized the API with Docker",
        "microservices",
        D,
    );
    // Words made from the name have no other sense: they need no technical word.
    check(
        "Projects",
        "Wrote the Dockerfile so reviewers could start it with one command",
        "microservices",
        D,
    );
    check(
        "Projects",
        "Kept a docker-compose.yml for the local run",
        "microservices",
        D,
    );
    // Everyday words that are terms count only on a line about software, and a term is
    // never its own context ("containers" is also a technical word).
    for (line, topic, want) in [
        (
            "Loaded ULD containers for the night flights",
            "microservices",
            M,
        ),
        // Nor does a track, which is run as often as followed.
        (
            "Ran track sprint heats for the county athletics club",
            "agile",
            M,
        ),
        // Archives index too.
        (
            "Transcribes and indexes parish registers for the family history society",
            "databases",
            M,
        ),
        (
            "Added indexes that cut the slowest report query from 9 s to 200 ms",
            "databases",
            D,
        ),
        // A class is a lesson as often as code: it makes no line about software.
        (
            "Novels by Kafka and Camus; a pottery class on Thursdays",
            "microservices",
            M,
        ),
        // Nor is the same term written twice, in any of its spellings.
        (
            "Stacked reefer containers and dry containers along the quay",
            "microservices",
            M,
        ),
        (
            "Washed each sample container and stored the containers by date",
            "microservices",
            M,
        ),
        // Nor inside a false friend.
        (
            "Lashed containers on deck and logged each container number",
            "microservices",
            M,
        ),
        // Cargo's containers by their own names.
        (
            "Built a small Python script that checks container numbers against the manifest",
            "microservices",
            M,
        ),
        (
            "Rebuilt the worker containers and the api containers with smaller base images",
            "microservices",
            D,
        ),
        (
            "Ran the booking service in containers on ECS",
            "microservices",
            D,
        ),
        (
            "Held airside security clearance on the apron",
            "security",
            M,
        ),
        ("Reviewed the API's security before launch", "security", D),
        (
            "Added server-side validation to the returns form",
            "security",
            D,
        ),
    ] {
        check("Experience", line, topic, want);
    }
    check(
        "Experience",
        "A Sentry alert showed duplicate notifications",
        "debugging-tools",
        D,
    );
    check(
        "Experience",
        "Built REST endpoints in TypeScript",
        "web-services",
        D,
    );
    check("Experience", "Graded C and C++ assignments", "languages", D);
}

/// An application form's answers: the label names the topic, the value says whether
/// the writer has it.
#[test]
fn form_labels_take_the_mood_of_their_value() {
    check("Other", "AWS experience: None so far.", "cloud", M);
    check(
        "Other",
        "Version control experience: I do not use Git yet.",
        "version-control",
        M,
    );
    check(
        "Other",
        "Cloud experience: deployed two Flask apps on AWS Lambda.",
        "cloud",
        D,
    );
}

/// A false friend's plural is a false friend too, and a skills label may be
/// qualified ("Programming skills:").
#[test]
fn plural_false_friends_and_qualified_skills_labels() {
    check(
        "Other",
        "Programming skills: Python, SQL, REST, HTTP basics",
        "web-services",
        L,
    );
    check(
        "Experience",
        "Wrote a Python script for the front desk and took security deposits from walk-in guests",
        "security",
        M,
    );
    check(
        "Experience",
        "Assembled and cabled 30 stand-up desks for the new head office",
        "agile",
        M,
    );
}

#[test]
fn negation_and_aspiration() {
    check(
        "Summary",
        "No production experience with Docker yet.",
        "microservices",
        M,
    );
    check(
        "Summary",
        "I would like to learn Kubernetes and container orchestration.",
        "microservices",
        M,
    );
    check("Interests", "Docker is next on my list", "microservices", M);
    // A step named as the next one has not been taken.
    check(
        "Projects",
        "Orders live in CSV files; moving them into MySQL is the next step.",
        "databases",
        M,
    );
    check(
        "Education",
        "Halfway through the Flask module (Docker comes next)",
        "microservices",
        M,
    );
    check(
        "Projects",
        "Moved the orders into MySQL as the next step after the CSV prototype",
        "databases",
        D,
    );
    check(
        "Projects",
        "Next step for the booking app: storing the orders in MySQL.",
        "databases",
        M,
    );
    // A time still to come is a plan; "the next month" and a clause that opens with
    // "next month" tell of the past.
    check(
        "Experience",
        "The clinic is moving its booking app to AWS next year",
        "cloud",
        M,
    );
    check(
        "Experience",
        "Moved the booking app to AWS, and the invoices followed the next month",
        "cloud",
        D,
    );
    check(
        "Experience",
        "Learned the basics on a course; next month I deployed the rota app to AWS",
        "cloud",
        D,
    );
    check(
        "Summary",
        "Interested in contributing to open source once I have a little more experience.",
        "learning",
        M,
    );
    // A trait worded as a wish describes the writer; a wish for something does not.
    check(
        "Summary",
        "Careful, patient and eager to learn.",
        "learning",
        L,
    );
    check("Summary", "Keen to learn: Go, Terraform", "learning", M);
    check(
        "Summary",
        "Keen to learn Kubernetes in a platform team",
        "learning",
        M,
    );
    check(
        "Summary",
        "Looking for a junior role where I can learn to build REST services.",
        "web-services",
        M,
    );
    // The job sought, and what the writer would do there.
    check(
        "Summary",
        "Seeking a backend position where I can work with Docker every day.",
        "microservices",
        M,
    );
    check(
        "Experience",
        "Joined a small team where I could use Docker for every service.",
        "microservices",
        D,
    );
    check("Summary", "I have never used AWS.", "cloud", M);
    check(
        "Skills",
        "Not used yet: Docker, Kubernetes",
        "microservices",
        M,
    );
    // Under a heading of goals, what is not denied is wished for.
    let goals = |heading: &str| {
        report(&format!(
            "# A B\n\n## Experience\n\n- Ran the front desk\n\n## {heading}\n\n- Move the booking app onto AWS\n"
        ))
    };
    assert_eq!(status(&goals("Goals for the next six months"), "cloud"), M);
    assert_eq!(status(&goals("Planning and logistics"), "cloud"), D);
    // A note in brackets speaks of its own item.
    check(
        "Skills",
        "TypeScript (currently learning), SQL and MySQL, REST APIs",
        "web-services",
        L,
    );
    // A perfect tense denied, whatever the verb; what follows the denial still counts.
    check(
        "Experience",
        "We have not migrated the reports to AWS yet.",
        "cloud",
        M,
    );
    check(
        "Experience",
        "Set up the first Docker images; we haven't containerized the billing job.",
        "microservices",
        D,
    );
    // "No" and "none" before what was not used.
    check(
        "Experience",
        "Jobs run in Docker Compose on our own server. We run no cloud services.",
        "cloud",
        M,
    );
    check(
        "Experience",
        "The fab network is air-gapped, so none of this is deployed to the cloud.",
        "cloud",
        M,
    );
    check(
        "Experience",
        "None of the outages recurred after I moved the service to AWS.",
        "cloud",
        D,
    );
    // A place or a means denied whole ("not on any", "never hosted on any"), and a
    // tool the project does not use; what comes before the denial still counts.
    for denied in [
        "Runs on a Raspberry Pi in the site office - not on any cloud service.",
        "Never hosted on any cloud platform; it runs on the shop's own PC.",
        "The kiosk app does not use any cloud service.",
    ] {
        check("Projects", denied, "cloud", M);
    }
    check(
        "Projects",
        "Deployed the API to AWS Lambda, not on any rented server.",
        "cloud",
        D,
    );
    // Negation as non-native writers and terse skill lists put it.
    check(
        "Experience",
        "Our servers is in the office, so I not have used any cloud yet.",
        "cloud",
        M,
    );
    check(
        "Skills",
        "Docker and Kubernetes: not yet",
        "microservices",
        M,
    );
    check(
        "Summary",
        "Kubernetes is on my list for this year",
        "microservices",
        M,
    );
    // What did not happen: a tool never used, a hunt only wished for.
    check(
        "Experience",
        "Never got to use Wireshark on the job.",
        "debugging-tools",
        M,
    );
    check(
        "Experience",
        "I'd have liked more time to find out why the cache kept missing and fix it.",
        "problem-solving",
        M,
    );
    // Only the negated clause is dropped.
    check(
        "Experience",
        "Deployed to Heroku. No experience with Kubernetes yet.",
        "cloud",
        D,
    );
    check(
        "Experience",
        "Deployed to Heroku. No experience with Kubernetes yet.",
        "microservices",
        M,
    );
    // What the writer did about a lack is not part of the lack; a negated list stays
    // negated to its end.
    check(
        "Experience",
        "Had never written Rust, so I spent three weeks on the official book.",
        "learning",
        D,
    );
    check(
        "Experience",
        "Having never used Kafka, I worked through the official tutorial before the migration.",
        "learning",
        D,
    );
    for topic in ["microservices", "cloud"] {
        check(
            "Experience",
            "No experience with Docker, Kubernetes or AWS yet.",
            topic,
            M,
        );
    }
    check(
        "Experience",
        "Never used Docker, so no container work yet.",
        "microservices",
        M,
    );
    // A consequence that carries the wish or the lack on is part of it.
    for (line, topic) in [
        (
            "Would like to get AWS certified, so I can move into cloud work.",
            "cloud",
        ),
        (
            "Haven't used Kafka, so I can't speak to message brokers.",
            "microservices",
        ),
        (
            "Not yet used Kubernetes, so container orchestration is a gap.",
            "microservices",
        ),
        (
            "Haven't used Docker yet, so I'm taking an online course on containers.",
            "microservices",
        ),
    ] {
        check("Experience", line, topic, M);
    }
    // A lack of one thing the sentence names is not a lack of what the writer did.
    let rota = "Rebuilt the shift rota in Go, a language I had never used, working through \
                the official tour in the evenings.";
    check("Experience", rota, "learning", D);
    check("Experience", rota, "languages", D);
    check(
        "Experience",
        "Paired with the senior developer on the Rails app, which I had never touched, \
         taking turns at the keyboard every hour.",
        "collaboration",
        D,
    );
    check(
        "Experience",
        "No experience with Sentry, a tool I have never used.",
        "debugging-tools",
        M,
    );
    check(
        "Experience",
        "Kubernetes is a tool I have not used yet.",
        "microservices",
        M,
    );
    let r = report("# A B\n\n## Summary\n\nNo production experience with Docker yet.\n");
    let ms = r.topics.iter().find(|t| t.id == "microservices").unwrap();
    assert_eq!(ms.ignored[0].reason, IgnoredReason::Negated);
    // A technology someone else used is not the writer's; with the writer in it, it is.
    check(
        "Experience",
        "My manager set up the Kubernetes cluster",
        "microservices",
        M,
    );
    check(
        "Experience",
        "My manager and I set up the Kubernetes cluster",
        "microservices",
        D,
    );
    // The same in the passive, with its auxiliary; without one, the thing done by
    // someone else is what the writer worked on.
    check(
        "Experience",
        "Login in our system is handled by the other team with Keycloak",
        "security",
        M,
    );
    check(
        "Experience",
        "The servers were set up by an outside contractor on AWS",
        "cloud",
        M,
    );
    check(
        "Experience",
        "Deployed the rota app to the AWS account set up by the platform team",
        "cloud",
        D,
    );
    check(
        "Experience",
        "Service-to-service mTLS was also set up by the platform team",
        "security",
        M,
    );
    check(
        "Experience",
        "Our senior developer, Marek, set up the Sentry alerts",
        "debugging-tools",
        M,
    );
    check(
        "Projects",
        "JWT authentication for the booking API has not been added yet",
        "security",
        M,
    );
    check(
        "Experience",
        "The servers were set up by an outside contractor, and I moved them to AWS",
        "cloud",
        D,
    );
}

#[test]
fn variants_are_not_misspellings() {
    let r = report(
        "# A B\n\n## Skills\n\nPostgres, k8s, NodeJS, Golang, JS, Github, OAuth2, JSON Web Tokens, RESTful, micro-services, CI/CD\n",
    );
    assert!(r.misspellings.is_empty(), "{:?}", r.misspellings);
    for topic in [
        "databases",
        "microservices",
        "languages",
        "version-control",
        "security",
        "web-services",
    ] {
        assert_eq!(status(&r, topic), L, "{topic}");
    }
}

#[test]
fn a_term_before_a_longer_word_is_the_term() {
    // "OpenAPI spec" ends inside "specification": the term there is "OpenAPI", not a
    // misspelling of another name.
    let r = report(
        "# A B\n\n## Experience\n\n- Wrote an OpenAPI specification for the booking service\n",
    );
    assert!(r.misspellings.is_empty(), "{:?}", r.misspellings);
    assert_eq!(status(&r, "apis"), D);
    let apis = r.topics.iter().find(|t| t.id == "apis").unwrap();
    assert!(
        apis.evidence.iter().any(|e| e.term == "OpenAPI"),
        "{apis:?}"
    );
}

/// Each reported misspelling as written, and the name it misspells.
fn misspelled(r: &Report) -> Vec<(&str, &str)> {
    r.misspellings
        .iter()
        .map(|m| (m.found.as_str(), m.canonical.as_str()))
        .collect()
}

#[test]
fn misspellings_count_and_are_reported() {
    let r = report(
        "# A B\n\n## Experience\n\n- Shipped both services to the staging Kubernets cluster\n- Stored shifts in Postgress\n\n## Skills\n\nJavscript, Gihub, Dockr, Pyhton\n",
    );
    let found = misspelled(&r);
    assert_eq!(
        found,
        [
            ("Kubernets", "Kubernetes"),
            ("Postgress", "PostgreSQL"),
            ("Javscript", "JavaScript"),
            ("Gihub", "GitHub"),
            ("Dockr", "Docker"),
            ("Pyhton", "Python"),
        ]
    );
    assert_eq!(status(&r, "microservices"), D);
    assert_eq!(status(&r, "databases"), D);
    assert_eq!(status(&r, "version-control"), L);
    // Ordinary words near a term are not misspellings, nor is another trade's
    // acronym; a shouted line's words still may be.
    let r = report(
        "# A B\n\n## Experience\n\n- Filed the docket and painted nails before the flash sale\n\
         - Exported the turbines' SCADA alarms to a CSV file\n",
    );
    assert!(r.misspellings.is_empty(), "{:?}", r.misspellings);
    let r = report("# A B\n\n## Skills\n\nPYTHON, SCALA, KUBERNETS\n");
    let found: Vec<&str> = r.misspellings.iter().map(|m| m.found.as_str()).collect();
    assert_eq!(found, ["KUBERNETS"]);
    // A name of several words misspelled in its last is found whole; a name made of
    // English words in camel case and a library named after a language are names of
    // their own.
    let r = report(
        "# A B\n\n## Projects\n\n- Rebuilt the booking website in Ruby on Rials\n\
         - Captured frames with RenderDoc and wrote the client with kotlinx coroutines\n",
    );
    let found = misspelled(&r);
    assert_eq!(found, [("Ruby on Rials", "Ruby on Rails")]);
}

/// A product is its own term, never an alias of another (evidence names what the line
/// says), and a wrong spelling is reported, never accepted as an alias.
#[test]
fn evidence_names_the_product_written_and_typos_are_not_aliases() {
    let r = report(
        "# A B\n\n## Experience\n\n- Stored orders in PostgresSQL\n\
         - Deployed it to Elastic Beanstalk and read the stack traces\n",
    );
    let found = misspelled(&r);
    assert_eq!(found, [("PostgresSQL", "PostgreSQL")]);
    let term = |topic: &str| {
        let t = r.topics.iter().find(|t| t.id == topic).unwrap();
        t.evidence[0].term.clone()
    };
    assert_eq!(term("cloud"), "Elastic Beanstalk");
    assert_eq!(term("debugging-tools"), "stack trace");
    // A framework's own debugging tool, however it is written.
    for line in [
        "Saw 300 repeated queries on the slow page with django-debug-toolbar",
        "Saw 300 repeated queries on the slow page with the Django Debug Toolbar",
    ] {
        assert_eq!(
            evidence_term(line, "debugging-tools"),
            "Django Debug Toolbar",
            "{line}"
        );
    }
}

#[test]
fn a_framework_for_rest_apis_names_the_style() {
    // "REST" inside the framework's name is the style the contract asks for; the
    // framework is a product of its own, not Django.
    for line in [
        "Built a Django REST Framework back end for three salons",
        "Wrote DRF views for the booking service",
    ] {
        check("Experience", line, "web-services", D);
        check("Experience", line, "apis", D);
    }
    check(
        "Experience",
        "Built the booking site in Django",
        "web-services",
        M,
    );
    assert_eq!(
        evidence_term("Wrote DRF views for bookings", "web-services"),
        "Django REST Framework"
    );
}

#[test]
fn hyphenation_across_line_breaks() {
    let doc = read(
        b"JANE ROE\n\nEXPERIENCE\n- Designed tables in Post-\ngreSQL for the booking service\n",
        Format::Text,
        &Limits::default(),
    )
    .unwrap();
    let r = matcher().check(&doc);
    let db = r.topics.iter().find(|t| t.id == "databases").unwrap();
    assert_eq!(db.status, D);
    assert_eq!(
        (db.evidence[0].line, db.evidence[0].term.as_str()),
        (4, "PostgreSQL")
    );
    assert!(r.misspellings.is_empty());
}

#[test]
fn statuses_follow_sections() {
    let r = report(
        "# A B\n\n## Summary\n\nTeam player and problem solver. Comfortable with REST.\n\n## Skills\n\nGit, Docker\n\n## Experience\n\n- Built RESTful endpoints in Python\n- Stack: Go, RabbitMQ\n- Skills: AWS\n",
    );
    assert_eq!(status(&r, "collaboration"), L);
    assert_eq!(status(&r, "problem-solving"), L);
    assert_eq!(status(&r, "web-services"), D);
    assert_eq!(status(&r, "version-control"), L);
    assert_eq!(status(&r, "microservices"), D); // the Stack: line of a job
    assert_eq!(status(&r, "cloud"), L); // a Skills: line stays listed
    assert_eq!(status(&r, "security"), M);
}

#[test]
fn behavioural_stories() {
    check(
        "Experience",
        "Found why the monthly report double-counted members and rewrote the JOIN",
        "problem-solving",
        D,
    );
    check(
        "Experience",
        "Root-caused a nightly import that silently skipped rows",
        "problem-solving",
        D,
    );
    check(
        "Experience",
        "Traced it to a consumer that acknowledged messages late",
        "problem-solving",
        D,
    );
    check(
        "Experience",
        "Step through background jobs with byebug breakpoints",
        "problem-solving",
        M,
    );
    check(
        "Summary",
        "Solid problem-solving skills",
        "problem-solving",
        L,
    );
    check(
        "Experience",
        "Trained six new line cooks",
        "collaboration",
        D,
    );
    check(
        "Experience",
        "Review teammates' PRs several times a week",
        "collaboration",
        D,
    );
    check(
        "Experience",
        "Opened one GitHub pull request per ticket",
        "collaboration",
        M,
    );
    check(
        "Experience",
        "Coordinated with the pharmacist on vaccine days",
        "collaboration",
        D,
    );
    // Teamwork someone else did is not the writer's; with the writer in it, it is.
    check(
        "Experience",
        "My supervisor ran the weekly code reviews",
        "collaboration",
        M,
    );
    check(
        "Experience",
        "My supervisor and I ran the weekly code reviews",
        "collaboration",
        D,
    );
    check(
        "Education",
        "Completed a 30-hour online Django course",
        "learning",
        D,
    );
    check("Education", "B.Sc. Computer Science, 2024", "learning", M);
    check("Summary", "Lifelong learner", "learning", L);
    check(
        "Certifications",
        "Google Cloud Associate Cloud Engineer",
        "learning",
        D,
    );
    // An empty or denied entry under the heading is not evidence.
    check("Certifications", "None", "learning", M);
    check("Certifications", "N/A.", "learning", M);
    check("Certifications", "No certifications yet", "learning", M);
    // Nor is a year on a line of its own (a table's date column in a PDF).
    check("Certifications", "2024", "learning", M);
    let r = report("# A B\n\n## Certifications\n\n2023\n\nAWS Cloud Practitioner\n");
    let learning = r.topics.iter().find(|t| t.id == "learning").unwrap();
    let quoted: Vec<&str> = learning.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(quoted, ["AWS Cloud Practitioner"]);
}

#[test]
fn a_tables_column_names_are_no_evidence() {
    let quoted = |markdown: &str, topic: &str| -> Vec<String> {
        let r = report(markdown);
        let t = r.topics.iter().find(|t| t.id == topic).unwrap();
        t.evidence.iter().map(|e| e.text.clone()).collect()
    };
    // The header row names the columns, not a course: the rows are the evidence.
    let certificates = "# A B\n\n## Certifications\n\n| Year | Course or certificate | Provider |\n\
                        |---|---|---|\n| 2023 | Relational databases | Open University |\n";
    assert_eq!(
        quoted(certificates, "learning"),
        ["2023 | Relational databases | Open University"]
    );
    // Nor is a projects table's header row a story of learning.
    let projects = "# A B\n\n## Projects\n\n| Project | What I learned from it | Stack |\n\
                    |---|---|---|\n| Shelf | Row locking | Go |\n";
    assert_eq!(quoted(projects, "learning"), Vec::<String>::new());
    // Where every line only lists, the columns may be what is listed (a
    // self-assessment grid).
    let grid = "# A B\n\n## Digital skills\n\n| Communication | Problem solving |\n|---|---|\n\
                | Proficient user | Proficient user |\n";
    assert_eq!(status(&report(grid), "problem-solving"), L);
    // A table written without a header row puts its first row of data there.
    let skills =
        "# A B\n\n## Skills\n\n| Languages | Python, Go |\n|---|---|\n| Databases | MySQL |\n";
    assert_eq!(quoted(skills, "languages"), ["Languages | Python, Go"]);
    assert_eq!(status(&report(skills), "languages"), L);
}

#[test]
fn contact_details_are_not_evidence() {
    let r = report("# A B\n\ngithub.com/ab · ab@aws-example.com\n\n## Experience\n\n- Cashier\n");
    assert_eq!(status(&r, "version-control"), M);
    assert_eq!(status(&r, "cloud"), M);
}

#[test]
fn score_and_priority() {
    let r = report("# A B\n\n## Experience\n\n- Built RESTful endpoints in Python\n");
    let order: Vec<Status> = r.by_priority().iter().map(|t| t.status).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert!(r.score > 0 && r.score < 50, "{}", r.score);
}

#[test]
fn sentences_wrapped_over_lines_are_read_whole() {
    // The negation is on the line before the term it negates.
    let r = report(
        "# A B\n\n## Summary\n\nCareer changer. I haven’t used\na database beyond spreadsheets yet.\n",
    );
    assert_eq!(status(&r, "databases"), M);
    // A bug story wrapped over three indented lines of a plain-text bullet.
    let doc = read(
        b"JO ROE\n\nEXPERIENCE\n  * The nightly import failed once a week. After comparing\n    failing files I noticed every bad file was Windows-1252.\n    I made the reader detect the encoding.\n",
        Format::Text,
        &Limits::default(),
    )
    .unwrap();
    let r = matcher().check(&doc);
    let ps = r.topics.iter().find(|t| t.id == "problem-solving").unwrap();
    assert_eq!(ps.status, D);
    assert_eq!(ps.evidence[0].line, 4);
    assert!(ps.evidence[0].text.ends_with("detect the encoding."));
}

#[test]
fn new_wordings_of_stories_teamwork_and_learning() {
    check(
        "Experience",
        "Spent two days on a flaky test that turned out to be a timezone bug",
        "problem-solving",
        D,
    );
    check(
        "Experience",
        "Memory kept growing until pods were killed; found a static cache with no eviction and moved to a bounded one",
        "problem-solving",
        D,
    );
    check(
        "Experience",
        "Coordinate a rota of 20 volunteers and pair each first-timer with an experienced volunteer",
        "collaboration",
        D,
    );
    check(
        "Experience",
        "Running a crew of four painters",
        "collaboration",
        D,
    );
    check(
        "Activities",
        "Gave a talk at the Kotlin user group",
        "learning",
        D,
    );
    // A credential written as its name and a year, in the education section, and a
    // degree written the same way.
    check("Education", "ITIL 4 Foundation, 2022", "learning", D);
    check("Education", "BSc Computer Science, 2021", "learning", M);
    // A talk that is a duty of the job is not learning (the corpus counts talks given
    // at meetups and conferences).
    check(
        "Experience",
        "Gave the safety talk at the start of each shift",
        "learning",
        M,
    );
    check(
        "Summary",
        "Kubernetes is on my roadmap for 2027",
        "microservices",
        M,
    );
    check(
        "Experience",
        "Worked as a docker on the night shift, lashing cargo",
        "microservices",
        M,
    );
    check(
        "Experience",
        "Reported to the crane foreman everyone calls \"Mongo\"",
        "databases",
        M,
    );
    check("Experience", "Painted the lobby in Azure Mist", "cloud", M);
    check(
        "Experience",
        "Guided hikes through the cloud forests",
        "cloud",
        M,
    );
    check(
        "Experience",
        "Moved API tokens into environment variables and rotated them",
        "security",
        D,
    );
    check(
        "Experience",
        "The API key is kept in an environment variable and never committed",
        "security",
        D,
    );
}

/// Passing a skill on to newcomers is teamwork; being taught is not.
#[test]
fn teaching_newcomers_is_teamwork_and_being_taught_is_not() {
    check(
        "Experience",
        "Ran induction sessions for incoming warehouse pickers.",
        "collaboration",
        D,
    );
    check(
        "Experience",
        "Trained two new baristas on the espresso machine and the closing routine.",
        "collaboration",
        D,
    );
    for taught in [
        "Completed manual-handling training in my first week.",
        "Was trained on the new till system by the store manager.",
    ] {
        check("Experience", taught, "collaboration", M);
    }
}

/// Random text of awkward characters (multi-byte letters, hyphens at line ends,
/// URLs, term fragments) never makes the matcher panic.
#[test]
fn arbitrary_text_never_panics() {
    const PIECES: &[&str] = &[
        "Post-",
        "\ngreSQL",
        "İ",
        "ß",
        "林",
        "é",
        "-",
        " ",
        "\n",
        "\n- ",
        "\n## ",
        "C#",
        "C++",
        ".NET",
        "Go",
        "go-to",
        "REST",
        "rest of",
        "@",
        "https://x.dev/",
        "Kubernets",
        "no experience with ",
        "would like to learn ",
        "Skills:",
        "Stack:",
        "**",
        "|",
        "·",
        "\u{00AD}",
        "\u{200D}",
        "🚀",
        "Java",
        "Script",
        "aws",
        "Docker-",
        "found why",
        "fixed it",
        ". ",
        ";",
        " but ",
        "C",
        "R",
        "\t",
        "k8s",
        "Node.js",
        "A",
        "Élodie",
    ];
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        for format in [Format::Markdown, Format::Text] {
            if let Ok(doc) = read(text.as_bytes(), format, &Limits::default()) {
                let r = matcher().check(&doc);
                assert!(r.score <= 100);
            }
        }
    }
}

/// A second, small profile: its own topic names, its own context lists, a study topic
/// called `growth` that behaves like `learning`, and a list-only term.
const ANALYST: &str = r#"
id = "junior-data-analyst"
title = "Junior Data Analyst"

[context]
technical_words = ["query", "dashboard"]
hyphen_suffixes = ["based"]
stack_labels = ["tools"]
keyword_labels = ["skills"]

[[topic]]
id = "sql"
title = "SQL"
kind = "technical"
question = "How do you write a query that joins three tables?"
why = "Analysts live in SQL."
terms = [{ name = "SQL", exact_case = true }, { name = "PostgreSQL" }]

[[topic]]
id = "growth"
title = "Growth"
kind = "behavioural"
question = "How do you keep learning?"
why = "Tools change."
model = "learning"
ongoing_study = true
sections = ["certifications"]
terms = [{ name = "certificate", aliases = ["certificates"] }]

[[topic]]
id = "stats"
title = "Statistical languages"
kind = "technical"
question = "Which statistical language do you use?"
why = "Analysis needs one."
terms = [
  { name = "R", exact_case = true, ambiguous = true, list_item = true },
  { name = "Python" },
  { name = "SAS", exact_case = true },
]
"#;

#[test]
fn a_second_profile_with_its_own_names_and_context() {
    let profile = Profile::from_toml(ANALYST, "analyst.toml").unwrap();
    let m = Matcher::new(&profile).unwrap();
    let status_of = |md: &str, topic: &str| {
        let doc = read(md.as_bytes(), Format::Markdown, &Limits::default()).unwrap();
        status(&m.check(&doc), topic)
    };
    let line = |section: &str, text: &str| format!("# Test Person\n\n## {section}\n\n- {text}\n");
    // Ongoing study evidences the study topic, whatever it is called.
    assert_eq!(
        status_of(
            &line(
                "Experience",
                "Currently studying for a data analytics certificate"
            ),
            "growth"
        ),
        D
    );
    assert_eq!(
        status_of(
            &line("Education", "Completed a 30-hour online statistics course"),
            "growth"
        ),
        D
    );
    assert_eq!(
        status_of(&line("Experience", "Hoping to learn SQL next year"), "sql"),
        M
    );
    // "R" counts only in a list of the topic's terms.
    assert_eq!(
        status_of(
            &line("Experience", "Analysed survey data in R, Python and SAS"),
            "stats"
        ),
        D
    );
    assert_eq!(
        status_of(&line("Experience", "Got an R grade in maths"), "stats"),
        M
    );
    // Its certifications section evidences the study topic, but not an empty entry:
    // a `[context]` table without placeholders gets the built-in ones.
    assert_eq!(
        status_of(
            &line("Certifications", "Tableau Desktop Specialist"),
            "growth"
        ),
        D
    );
    assert_eq!(status_of(&line("Certifications", "None"), "growth"), M);
    // The profile's own keyword labels: "Skills:" lists, "Toolbox:" does not here.
    assert_eq!(
        status_of(&line("Experience", "Skills: SQL, PostgreSQL"), "sql"),
        L
    );
    assert_eq!(
        status_of(&line("Experience", "Toolbox: SQL, PostgreSQL"), "sql"),
        D
    );
}

/// An everyday-word term written with a capital at the start of another name is not
/// the topic; followed by a technical word or a lower-case word it still is.
#[test]
fn everyday_terms_inside_names() {
    check(
        "Activities",
        "Treasurer of the Agile Robotics Club",
        "agile",
        M,
    );
    check(
        "Experience",
        "Night guard; holds Security Clearance level 2",
        "security",
        M,
    );
    check("Experience", "Baker at Cloud Nine Bakery", "cloud", M);
    // A short particle after a hyphen is part of the everyday word; a product
    // name of a short word and a long one is not an everyday word.
    check(
        "Experience",
        "Recorded and mixed the podcast Stand-Up Standoff",
        "agile",
        M,
    );
    check(
        "Experience",
        "Ran the team's Stand-Up every morning",
        "agile",
        D,
    );
    assert_eq!(
        evidence_term("New Relic APM on the Rails monolith", "debugging-tools"),
        "New Relic"
    );
    // A number inside a name goes on with it; a number alone is a version.
    check(
        "Experience",
        "Sold twelve units at Cloud 9 Residences, Mandaue",
        "cloud",
        M,
    );
    check("Experience", "Rewrote the tool in Python 3", "languages", D);
    check(
        "Experience",
        "Ported the site to Python 3 Flask",
        "languages",
        D,
    );
    // A technical word later in the name makes it the name of technology.
    check(
        "Experience",
        "A script that sends segments to the Google Cloud Translation API",
        "cloud",
        D,
    );
    // The next word ends another term that starts inside this one.
    check(
        "Experience",
        "The service runs in a Docker container on Google Cloud Run",
        "cloud",
        D,
    );
    check(
        "Experience",
        "Agile team of five shipping weekly",
        "agile",
        D,
    );
    check(
        "Experience",
        "Worked in Agile sprints of two weeks",
        "agile",
        D,
    );
    check("Skills", "Agile, Scrum, Kanban", "agile", L);
}

/// Sprints, stand-ups, "agile" and kanban cards belong to other trades too: alone, they
/// need a technical line or another word of the practice beside them.
#[test]
fn agile_words_of_other_trades_need_context() {
    for (section, line) in [
        (
            "Activities",
            "Second place in the 200 m sprint at the county championships",
        ),
        (
            "Summary",
            "Agile, patient and strong: years of lifting on a removals crew",
        ),
        ("Interests", "Double bass: I play stand-up in a swing band"),
        (
            "Experience",
            "Refilled the line-side bins from the kanban cards each shift",
        ),
        (
            "Experience",
            "Ran a three-day sprint to reprint the festival programmes",
        ),
    ] {
        check(section, line, "agile", M);
    }
    for line in [
        "Shipped the billing service in two-week sprints",
        "Kept the sprint board and ran the stand-ups for four developers",
        "Sprints and stand-ups kept the capstone on schedule",
        "Took notes at the daily stand-ups",
        "Moved our tickets to a Kanban board",
    ] {
        check("Experience", line, "agile", D);
    }
}

/// Authentication and authorisation are office words too (a signature authenticated,
/// overtime authorised); in a technical line, or in their technical phrases, they are
/// security.
#[test]
fn authentication_of_papers_is_not_security() {
    for line in [
        "Authenticated land deeds with the registry's embossed seal",
        "Chased managers for the authorisation of expense claims",
    ] {
        check("Experience", line, "security", M);
    }
    for line in [
        "Added token authentication to the booking API",
        "Wrote the authorization checks for the admin endpoints",
        "Built user authentication for a Flask app",
        "Set up single sign-on for the staff portal",
        "Kept the geocoder's API key in a .env file that Git ignores",
    ] {
        check("Experience", line, "security", D);
    }
    // The key names its API too.
    check(
        "Experience",
        "Kept the geocoder's API key in a .env file that Git ignores",
        "apis",
        D,
    );
}

/// A line that can only list lists a behavioural topic it names, whatever the model
/// makes of so few words: a self-description in a summary, any term in a skills list.
/// Features and other trades' senses named after the idea stay out.
#[test]
fn naming_a_behavioural_topic_in_a_list_lists_it() {
    check(
        "Skills",
        "Problem solving · Python · SQL",
        "problem-solving",
        L,
    );
    check(
        "Skills",
        "Teamwork · Empathy · Git · Docker",
        "collaboration",
        L,
    );
    check("Skills", "Sentry", "debugging-tools", L);
    check(
        "Summary",
        "A calm, methodical problem solver.",
        "problem-solving",
        L,
    );
    check(
        "Skills",
        "Collaborative filtering, matrix factorisation, NLP",
        "collaboration",
        M,
    );
    check(
        "Skills",
        "Customer profiling, CRM, upselling",
        "debugging-tools",
        M,
    );
}

/// Under a heading of no known kind, a line of tools or a bare list of names says what
/// the writer knows: it lists them.
#[test]
fn tools_under_an_unknown_heading_are_listed() {
    let under = "Odds and ends";
    check(under, "Tools: Git, byebug, Postman", "debugging-tools", L);
    check(under, "Tools: Git, byebug, Postman", "version-control", L);
    check(
        under,
        "Postman, Chrome DevTools and Git",
        "debugging-tools",
        L,
    );
    check(
        under,
        "Postman, Chrome DevTools and Git",
        "version-control",
        L,
    );
    // A sentence there still shows what it tells.
    check(
        under,
        "Rebuilt the club's booking site and kept it in Git",
        "version-control",
        D,
    );
}

#[test]
fn product_names_are_not_everyday_words() {
    // "github" is in the English word list, but "GitHub" is not spelled as a word.
    check(
        "Projects",
        "Agile TFS JIRA GitHub Unified Process MS Project",
        "version-control",
        D,
    );
}

/// A pattern within the profile's bounds that still compiles into something enormous
/// is refused when the matcher is built, with a reason.
#[test]
fn enormous_patterns_are_refused() {
    let src = ANALYST.replace(
        "model = \"learning\"",
        "model = \"learning\"\npatterns = [{ label = \"huge\", regex = '((\\w{200}){200}){200}' }]",
    );
    let profile = Profile::from_toml(&src, "analyst.toml").unwrap();
    let err = Matcher::new(&profile).unwrap_err().to_string();
    assert_eq!(
        err,
        "topic `growth`: pattern `huge` compiles too large: simplify it or split it into several patterns"
    );
}

/// The parts quoted for a line of learning: a credential's name when nothing else
/// is there; the study and its source, not a technology in capitals, when they are.
#[test]
fn learning_cues_quote_a_credential_only_alone() {
    let cues = |section: &str, line: &str| -> Vec<(String, String)> {
        let md = format!("# Test Person\n\n## {section}\n\n- {line}\n");
        status_and_cues(&report(&md), "learning").1
    };
    assert_eq!(
        cues("Education", "ITIL 4 Foundation, 2022"),
        [("credential".to_string(), "ITIL 4 Foundation".to_string())]
    );
    let both = cues(
        "Experience",
        "Completed an online course on SQL indexing and wrote up my notes",
    );
    assert!(
        both.iter().all(|(role, _)| role != "credential"),
        "{both:?}"
    );
    assert!(both.iter().any(|(role, _)| role == "source"), "{both:?}");
}

/// A model that quotes words (learning) shows a line it counts without a study word
/// or source, and says why: the word that weighs most and the section. One that
/// does not (problem-solving) still needs a term or a part of the story.
#[test]
fn unnamed_verdicts_show_their_weightiest_word_only_where_the_model_quotes_words() {
    let md = "# Test Person\n\n## Education\n\n- First Aid at Work, 2022\n\n\
              ## Summary\n\nHotel night auditor moving into backend development. Calm under \
              pressure, careful with numbers, and a strong communicator.\n";
    let r = report(md);
    assert_eq!(
        status_and_cues(&r, "learning"),
        (
            D,
            owned_cues(&[("word", "First Aid"), ("section", "Education")])
        )
    );
    assert_eq!(status(&r, "problem-solving"), M);
}

/// Teamwork and debugging tools list their topic by a self-description with a part to
/// quote, without one of their terms; problem-solving still needs a term to be
/// listed, as "calm under pressure" reads like one of its parts.
#[test]
fn self_descriptions_list_by_their_parts_where_the_model_says_so() {
    let md = "# Test Person\n\n## Summary\n\nEasy to work with, and quick to share credit \
              with colleagues.\n\nHotel night auditor moving into backend development. Calm \
              under pressure, careful with numbers.\n";
    let r = report(md);
    assert_eq!(
        status_and_cues(&r, "collaboration"),
        (L, owned_cues(&[("with", "colleagues")]))
    );
    assert_eq!(status(&r, "problem-solving"), M);
}

/// A word of one part inside a longer phrase of another is read as the phrase:
/// "regression" is a symptom, "a regression test" a change, so the symptom quoted is
/// the first one outside it.
#[test]
fn a_word_inside_a_longer_part_is_quoted_as_that_part() {
    let md = "# Test Person\n\n## Experience\n\n- Wrote a regression test for the nightly \
              export, which kept timing out, and fixed it with an index.\n";
    assert_eq!(
        status_and_cues(&report(md), "problem-solving"),
        (
            D,
            owned_cues(&[("symptom", "kept timing out"), ("change", "fixed")])
        )
    );
}

/// Security shown by the attack a measure blocks, not only by the words auth,
/// hashing or validation.
#[test]
fn security_measures_named_by_their_attack() {
    for line in [
        "Reported and patched a path-traversal hole in a static file server",
        "Rejected archive entries with ../ paths before unpacking (zip slip)",
        "Added a pre-commit secret scanner after a token leaked into a config",
        "Blocked SSRF by allow-listing the hosts the webhook fetcher may call",
        "Gave the deploy role least-privilege access to one bucket",
    ] {
        check("Experience", line, "security", D);
    }
    check(
        "Experience",
        "Mapped walking paths and their traversal times for the park",
        "security",
        M,
    );
}

/// A topic stands on a resume's best line, so a long resume needs more of a line: one
/// line (as the models are fitted) needs nothing more, a longer resume more with every
/// doubling, and a clear story still counts among eighty plain duties.
#[test]
fn a_long_resume_needs_more_of_a_line() {
    let detector = matcher().compiled.detector;
    assert_eq!((detector.penalty(0), detector.penalty(1)), (0.0, 0.0));
    assert!(0.0 < detector.penalty(20) && detector.penalty(20) < detector.penalty(40));

    let tried = "- Tried every endpoint by hand in Insomnia before writing the automated tests.\n";
    let duties = |n: usize| -> String {
        (1..=n)
            .map(|i| format!("- Restocked aisle {i} and kept the shelves tidy\n"))
            .collect()
    };
    let alone = format!("# Sam Example\n\n## Projects\n\n{tried}");
    let long = format!(
        "# Sam Example\n\n## Experience\n\n{}\n## Projects\n\n{tried}",
        duties(30)
    );
    assert_eq!(
        status(&report(&alone), "debugging-tools"),
        Status::Demonstrated
    );
    assert_eq!(status(&report(&long), "debugging-tools"), Status::Missing);

    let story = "- Checkout requests kept timing out under load; I traced it with pprof to a \
                 missing index, added it, and p95 fell from 2.1 s to 140 ms.\n";
    let md = format!("# Sam Example\n\n## Experience\n\n{}{story}", duties(80));
    let r = report(&md);
    assert_eq!(status(&r, "problem-solving"), Status::Demonstrated);
    assert_eq!(status(&r, "debugging-tools"), Status::Demonstrated);
}

/// The people worked with are quoted as their whole phrase, up to its last word of
/// people ("the other two junior developers", not "the other"), but not on to a pronoun
/// after it; the words after what was shared stop where a new phrase starts ("during").
#[test]
fn people_are_quoted_as_their_whole_phrase() {
    let teamwork = |line: &str| {
        let r = report(&format!("# A B\n\n## Experience\n\n- {line}\n"));
        let (status, cues) = status_and_cues(&r, "collaboration");
        assert_eq!(status, D, "{line}");
        cues
    };
    // The quote of one role in the line's cues.
    let part = |role: &str, line: &str| {
        teamwork(line)
            .into_iter()
            .find(|(r, _)| r == role)
            .map(|(_, text)| text)
    };
    assert_eq!(
        part(
            "with",
            "Review pull requests from the other two junior developers and pair with them."
        )
        .as_deref(),
        Some("the other two junior developers")
    );
    assert_eq!(
        part(
            "with",
            "Mentored the next intern through her first month of on-call."
        )
        .as_deref(),
        Some("the next intern")
    );
    // Nor does a quote cut a phrase of its own part in half.
    assert_eq!(
        part(
            "shared",
            "Team of four: I reviewed about 40 merge requests a week."
        )
        .as_deref(),
        Some("reviewed about 40 merge requests")
    );
    let cues = teamwork(
        "Reviewed and merged teammates' GitHub pull requests during the last month of the internship.",
    );
    assert!(
        cues.iter()
            .any(|(role, text)| role == "shared" && text == "pull requests"),
        "{cues:?}"
    );
}

/// No two parts quote the same words: the people are quoted first, with their whole
/// phrase, and a word of that phrase that names an action too ("supervisor", "lead") is
/// theirs; what was shared stops before them, and is quoted alone when they follow within
/// three words. A `|` between list items ends a quote.
#[test]
fn parts_of_a_line_never_share_words() {
    let teamwork = |section: &str, line: &str| {
        let r = report(&format!("# A B\n\n## {section}\n\n- {line}\n"));
        status_and_cues(&r, "collaboration")
    };
    assert_eq!(
        teamwork(
            "Experience",
            "Met the warehouse supervisor every Monday to agree the pick order."
        ),
        (
            D,
            owned_cues(&[("shared", "Met"), ("with", "the warehouse supervisor")])
        )
    );
    assert_eq!(
        teamwork("Experience", "Trained six new line cooks on the grill."),
        (
            D,
            owned_cues(&[("shared", "Trained"), ("with", "new line cooks")])
        )
    );
    assert_eq!(
        teamwork("Skills", "Ways of working | pair programming, code review"),
        (L, owned_cues(&[("shared", "working")]))
    );
}

/// A line that lists a topic by a self-description is explained by that name: the term
/// is "problem solver", not the model's label, and its words are not quoted as the
/// parts of a story ("symptom: problem · change: solver").
#[test]
fn a_self_description_is_quoted_as_its_name() {
    let r = report(
        "# A B\n\n## Summary\n\nPiano teacher retraining for a backend role. Team player, \
         patient problem solver and lifelong learner.\n\n## Experience\n\n- Taught piano.\n",
    );
    for (topic, name) in [
        ("problem-solving", "problem solver"),
        ("collaboration", "team player"),
        ("learning", "lifelong learner"),
    ] {
        let t = r.topics.iter().find(|t| t.id == topic).unwrap();
        assert_eq!(t.status, L, "{topic}");
        assert_eq!(t.evidence[0].term, name, "{topic}");
        assert!(
            t.evidence[0].cues.is_empty(),
            "{topic}: {:?}",
            t.evidence[0].cues
        );
    }
}

/// A line whose section counts (a signal with no place in the sentence) quotes its parts
/// without reaching for that signal's place: a course under Education.
#[test]
fn parts_are_quoted_beside_a_section_signal() {
    let md = "# A B\n\n## Education\n\n- Online course: \"PHP for Beginners\", 40 hours, \
              Moravia Code Online, completed 2025\n";
    assert_eq!(
        status_and_cues(&report(md), "learning"),
        (
            D,
            owned_cues(&[("activity", "completed 2025"), ("source", "course")])
        )
    );
}

/// A story is quoted in the order it is told: it opens with what went wrong, its acts
/// start clauses, a word two parts know goes to the part it plays there, and joining
/// words ("so I") and hyphens are quoted as written.
#[test]
fn stories_are_quoted_in_the_order_they_are_told() {
    let cases = [
        (
            "Invoices were posted twice whenever the supplier re-sent a file; made the \
             import idempotent with a unique key.",
            &[
                ("symptom", "twice"),
                ("cause", "whenever"),
                ("change", "made the import idempotent"),
            ][..],
        ),
        (
            "Night shift rotas showed the wrong start times after the clocks changed, so I \
             corrected the schedule and added a daylight-saving check.",
            &[
                ("symptom", "wrong start times"),
                ("clue", "showed"),
                ("change", "corrected the schedule"),
            ],
        ),
        (
            "Card payments failed at random on two tills. Compared their logs with a working \
             till and found an old firmware; rolled it back and the failures stopped.",
            &[
                ("symptom", "failed at random"),
                ("clue", "Compared their logs"),
                ("effect", "stopped"),
            ],
        ),
        (
            "Reports ran an hour late for a week; the server clock had drifted, so we pinned \
             the timezone-aware scheduler to UTC.",
            &[
                ("symptom", "late"),
                ("cause", "timezone-aware scheduler"),
                ("change", "pinned"),
            ],
        ),
    ];
    for (line, want) in cases {
        let md = format!("# Test Person\n\n## Experience\n\n- {line}\n");
        assert_eq!(
            status_and_cues(&report(&md), "problem-solving"),
            (D, owned_cues(want)),
            "{line}"
        );
    }
}

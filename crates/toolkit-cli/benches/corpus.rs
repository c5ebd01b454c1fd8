//! A deterministic generator of realistic resumes for the benchmarks: Markdown,
//! plain text and JSON Resume, strong to weak, with names in several scripts.

/// A small xorshift generator: the same seed gives the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FIRST: &[&str] = &[
    "Ana",
    "Łukasz",
    "Ελένη",
    "Дмитрий",
    "林瑋婷",
    "Omar",
    "Chloé",
    "Kwame",
    "Priya",
    "Mateo",
    "Zofia",
    "Jamal",
    "Renée",
    "Hannah",
    "Tomás",
];
const LAST: &[&str] = &[
    "Silva",
    "Kowalczyk",
    "Παπαδοπούλου",
    "Волков",
    "Haddad",
    "Dubois",
    "Asante",
    "Raman",
    "Álvarez",
    "Nowak",
    "Brooks",
    "Laurent",
    "Okafor",
    "Herrera",
    "Lindgren",
];
const COMPANIES: &[&str] = &[
    "Larkspur Freight",
    "Northbeam Analytics",
    "Tidewater Games",
    "Gulfview Billing",
    "Brightline Retail",
    "Érable Numérique",
    "Kesselhaus Media",
];
const BULLETS: &[&str] = &[
    "Built RESTful endpoints in Python (Flask) for a shipment-tracking service and documented them in an OpenAPI spec.",
    "Designed the PostgreSQL tables for bookings; a composite index cut the slowest query from 1.8 s to 90 ms.",
    "Chased down why some parcels showed delivered twice: two consumers raced on the same message. Fixed it with an idempotency key.",
    "Added OAuth2 login and moved passwords to bcrypt hashes.",
    "Packaged the service as a Docker image and deployed it to AWS ECS.",
    "Work in two-week Scrum sprints with daily stand-ups; tickets live in Jira.",
    "Every change goes through a GitHub pull request, and I review teammates' PRs weekly.",
    "Stepped through the import job with the IntelliJ debugger and added structured logging.",
    "Consumed order events from a RabbitMQ queue in a small Go service.",
    "Trained six new hires on the warehouse scanners and wrote the checklists we still use.",
    "Wrote SQL reports against MySQL for the lending department.",
    "Called a public weather API from a JavaScript script every morning.",
    "Handled cash and card payments and closed out the register every night.",
    "Coordinated vendors, venues and clients for 60 events a year.",
    "Kept budgets and timelines in shared spreadsheets.",
];
const SKILLS: &[&str] = &[
    "Python",
    "Go",
    "Java",
    "JavaScript",
    "TypeScript",
    "Node.js",
    "PostgreSQL",
    "MySQL",
    "Redis",
    "Docker",
    "Kubernetes",
    "AWS",
    "GCP",
    "Git",
    "Scrum",
    "Postman",
    "Sentry",
    "Postgress",
    "Kubernets",
];
const SUMMARIES: &[&str] = &[
    "Career changer moving into backend development. Team player and problem solver.",
    "Bootcamp graduate who likes small services with good tests. No production experience with Kubernetes yet.",
    "Computer science graduate; I would like to learn Rust next.",
];
const LEARNING: &[&str] = &[
    "Completed a 12-week evening course in backend development, 2024.",
    "Attended the local Python meetup and gave a lightning talk.",
    "B.Sc. Computer Science, 2024.",
];

/// One generated resume: file name and contents.
pub fn resume(rng: &mut Rng, i: usize) -> (String, String) {
    let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let jobs = 1 + rng.below(3);
    let mut bullets = Vec::new();
    for _ in 0..jobs {
        let mut job = Vec::new();
        for _ in 0..(2 + rng.below(5)) {
            job.push(rng.pick(BULLETS).to_string());
        }
        bullets.push((rng.pick(COMPANIES).to_string(), job));
    }
    let skills: Vec<&str> = (0..(4 + rng.below(8))).map(|_| rng.pick(SKILLS)).collect();
    let summary = rng.pick(SUMMARIES);
    let learning = rng.pick(LEARNING);
    match i % 5 {
        0..=2 => {
            let mut s = format!(
                "# {name}\n\nJunior Backend Developer · {}@example.com\n\n## Summary\n\n{summary}\n\n## Skills\n\n{}\n\n## Experience\n\n",
                i,
                skills.join(" · ")
            );
            for (company, job) in &bullets {
                s += &format!("### Developer — {company}\n\n");
                for b in job {
                    s += &format!("- {b}\n");
                }
                s += "\n";
            }
            s += &format!("## Education\n\n{learning}\n");
            (format!("r{i:05}.md"), s)
        }
        3 => {
            let mut s = format!(
                "{}\r\nJunior Backend Developer\r\n\r\nSUMMARY\r\n{summary}\r\n\r\nSKILLS\r\n{}\r\n\r\nEXPERIENCE\r\n",
                name.to_uppercase(),
                skills.join(", ")
            );
            for (company, job) in &bullets {
                s += &format!("Developer - {company}\r\n");
                for b in job {
                    s += &format!("- {b}\r\n");
                }
            }
            s += &format!("\r\nEDUCATION\r\n{learning}\r\n");
            (format!("r{i:05}.txt"), s)
        }
        _ => {
            let work: Vec<String> = bullets
                .iter()
                .map(|(company, job)| {
                    let highlights: Vec<String> = job.iter().map(|b| format!("{b:?}")).collect();
                    format!("{{\"name\": {company:?}, \"position\": \"Developer\", \"highlights\": [{}]}}", highlights.join(", "))
                })
                .collect();
            let keywords: Vec<String> = skills.iter().map(|s| format!("{s:?}")).collect();
            let s = format!(
                "{{\n  \"basics\": {{\"name\": {name:?}, \"summary\": {summary:?}}},\n  \"work\": [{}],\n  \"education\": [{{\"institution\": {learning:?}}}],\n  \"skills\": [{{\"name\": \"Backend\", \"keywords\": [{}]}}]\n}}\n",
                work.join(",\n    "),
                keywords.join(", ")
            );
            (format!("r{i:05}.json"), s)
        }
    }
}

/// Peak resident memory of this process so far, in MiB (Linux), if known.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

//! Whether an alias is a spelling of a term's name or another product.

/// Whether `alias` is another way of writing `name` rather than another product: the
/// same letters and digits (case, spaces and punctuation aside), one inside the other
/// ("Postgres", "GitHub Actions"), the initials of the other ("Amazon Web
/// Services", "JWT"), a contraction keeping the first letter and the order ("psql"),
/// a numeronym ("k8s"), or a typo away (one edit for short names, two from eight
/// letters: "Postgre", "Kubernets").
pub fn is_spelling_of(alias: &str, name: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, n) = (norm(alias), norm(name));
    if a.is_empty() || n.is_empty() {
        return false;
    }
    if a.contains(&n) || n.contains(&a) {
        return true;
    }
    if initials(name) == a || initials(alias) == n {
        return true;
    }
    let (short, long) = if a.len() <= n.len() {
        (&a, &n)
    } else {
        (&n, &a)
    };
    if short.len() >= 3
        && short.chars().next() == long.chars().next()
        && is_subsequence(short, long)
    {
        return true;
    }
    if is_numeronym(&a, &n) || is_numeronym(&n, &a) {
        return true;
    }
    let allowed = match short.chars().count() {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    };
    strsim::osa_distance(&a, &n) <= allowed
}

/// The lower-case initials of the words of a name, splitting camel case too
/// ("JSON Web Token" → "jwt", "Amazon Web Services" → "aws").
fn initials(name: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in name.chars() {
        let starts_word = match prev {
            None => c.is_alphanumeric(),
            Some(p) => {
                (c.is_alphanumeric() && !p.is_alphanumeric())
                    || (c.is_uppercase() && p.is_lowercase())
            }
        };
        if starts_word {
            out.extend(c.to_lowercase());
        }
        prev = Some(c);
    }
    out
}

fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|l| l == c))
}

/// "k8s" for "kubernetes": first letter, the count of the letters between, last letter.
fn is_numeronym(short: &str, long: &str) -> bool {
    let mut chars = short.chars();
    let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
        return false;
    };
    let middle = chars.as_str();
    middle.parse::<usize>().is_ok_and(|n| {
        long.chars().count() == n + 2 && long.starts_with(first) && long.ends_with(last)
    })
}

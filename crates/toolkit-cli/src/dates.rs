//! The date printed on sheets: an input, so the same resume gives the same sheet.

/// `YYYY-MM-DD` for a count of days since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A validated sheet date and the Unix time of its midnight (UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetDate {
    pub text: String,
    pub timestamp: i64,
}

impl SheetDate {
    fn from_timestamp(secs: i64) -> SheetDate {
        let days = secs.div_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        SheetDate {
            text: format!("{y:04}-{m:02}-{d:02}"),
            timestamp: days * 86_400,
        }
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<SheetDate, String> {
        let bad = || format!("invalid date `{text}`: expected YYYY-MM-DD");
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let (y, m, d): (i64, u32, u32) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
            return Err(bad());
        }
        let days = days_from_civil(y, m, d);
        if civil_from_days(days) != (y, m, d) {
            return Err(bad());
        }
        Ok(SheetDate::from_timestamp(days * 86_400))
    }

    /// `--date`, else `SOURCE_DATE_EPOCH`, else today (UTC).
    pub fn resolve(flag: Option<&str>) -> Result<SheetDate, String> {
        if let Some(text) = flag {
            return SheetDate::parse(text);
        }
        if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
            let secs: i64 = epoch.trim().parse().map_err(|_| {
                format!("invalid SOURCE_DATE_EPOCH `{epoch}`: expected seconds since 1970")
            })?;
            return Ok(SheetDate::from_timestamp(secs));
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Ok(SheetDate::from_timestamp(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(SheetDate::from_timestamp(0).text, "1970-01-01");
        assert_eq!(SheetDate::from_timestamp(1_795_564_800).text, "2026-11-25");
        let d = SheetDate::parse("2024-02-29").unwrap();
        assert_eq!(
            (d.text.as_str(), d.timestamp),
            ("2024-02-29", 1_709_164_800)
        );
        for bad in ["2023-02-29", "2024-13-01", "24-1-1x", "2024/01/01", ""] {
            assert!(SheetDate::parse(bad).is_err(), "{bad}");
        }
    }
}

//! The app's only clock. The core never reads the time: pages ask here for
//! "today" (the user's local calendar day, which is what due dates mean) and
//! "now" (an instant for `updated_at` stamps) and pass them in.

use chrono::{DateTime, NaiveDate, Utc};

/// Today's date in the user's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    // Date's getters are local time; month is 0-based.
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_else(|| now().date_naive())
}

/// The current instant, for `updated_at` stamps.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

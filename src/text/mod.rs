//! Text analysis shared by readers, recognition and rules: normalising labels, spotting page
//! footers, years and agencies, reading Chinese numerals and dates, and the report's outline —
//! its section headings, the section of every paragraph and its sentences — built once per report
//! by recognition (`Model::outline`) and read by every rule that looks at the text.
//!
//! Nothing here knows the tables or the rules; readers and rules import `text`, never `recognise`.

mod dates;
mod normal;
mod numbers;
mod outline;

pub use dates::{agency_of, period, report_years_in_text, year_in, Date, Period};
pub use normal::{any_of, chars_of, contains, find, is_page_footer, norm};
pub use numbers::chinese_number;
pub use outline::{heading, section_of_label, starts_item, Heading, Outline, Sentence, MAX_SENTENCE_CHARS, SECTION_NAMES};

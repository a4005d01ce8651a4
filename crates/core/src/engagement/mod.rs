//! Webinar engagement: attendance from join / leave events (attended minutes, concurrent
//! viewers, section retention) and per-attendee engagement, attention and learning scores.

mod attendance;
mod score;

pub use attendance::{Attendance, SectionPresence, ViewerCount, ViewingTotals, attendance};
pub(crate) use attendance::{SessionCodes, agenda_end, attended_intervals, section_bounds, section_presence};
pub(crate) use score::{Activity, Kinds, POLL, PollColumns, activity};
pub use score::{AttendeeEngagement, Engagement, EngagementWeights, engagement};

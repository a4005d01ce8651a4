//! Webinar engagement: attendance from join / leave events (attended minutes, concurrent
//! viewers, section retention).

mod attendance;

pub use attendance::{Attendance, SectionPresence, ViewerCount, attendance};

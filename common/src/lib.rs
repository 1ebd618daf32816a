//! The port's extras, apart from the lessons: the flags `--virtual-time`
//! and `--timeline` and the one line that sets them up ([`Extras`],
//! [`VirtualTime`], [`Timeline`]), the `tracing` layer that records the
//! spans an example puts on its futures, and the drawing of the picture.
//!
//! The concurrency itself (`spawn`, `join!`, `select!`, channels,
//! semaphores) is never here: it stays in each example, where the reader
//! can see it beside the Python it ports. Where an example mirrors asyncio
//! rather than tokio's default (CPython's seeded random numbers,
//! `datetime.now()` on the runtime's clock), the mirror is a module of
//! its own in `compat/`, which the example includes and its page shows.

mod draw;
mod record;
mod setup;

pub use setup::{
    end_quietly_on_closed_pipe, Drawing, Extras, Timeline, VirtualTime,
};

//! Every integration test, in one test binary so that they run side by
//! side: the real-time tests overlap their sleeps instead of queueing.
//! One module per example, named after it.

mod countasync;
mod countsync;
mod edges;
mod layout;

//! Every integration test, in one test binary so that they run side by
//! side: the real-time tests overlap their sleeps instead of queueing.
//! One module per example, named after it.

mod areq;
mod as_completed;
mod asyncgen;
mod asyncq;
mod bad_input;
mod blocking;
mod chained;
mod chess;
mod countasync;
mod countsync;
mod downloader;
mod edges;
mod fetch_urls;
mod formatting;
mod gather;
mod hello_world;
mod hostile;
mod interrupt;
mod layout;
mod lazy;
mod page_outputs;
mod pytest_asyncio;
mod rules;
mod say_after;
mod say_after_tasks;
mod say_hello;
mod schedules;
mod semaphore;
mod standalone;
mod threads_vs_tasks;
mod three_coroutines;
mod worker_cancel;
mod workers;

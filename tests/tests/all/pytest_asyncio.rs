//! The testing section of the notes on Real Python's walkthrough (after
//! "Limit concurrency"), in Rust: an async test is a
//! `#[tokio::test]`, which builds a runtime for each test, as
//! pytest-asyncio gives each test its own event loop.

use std::time::Duration;

/// Stands for the article's `library.do_something()`.
async fn do_something() -> Vec<u8> {
    tokio::time::sleep(Duration::from_millis(10)).await;
    b"expected result".to_vec()
}

/// `async def test_some_asyncio_code():` -- the test body may await.
#[tokio::test]
async fn test_some_asyncio_code() {
    let res = do_something().await;
    assert_eq!(b"expected result".to_vec(), res);
}

/// `async def test_provided_loop_is_running_loop(event_loop):` -- tokio
/// has no fixture to inject; `Handle::current()` is the handle of the
/// runtime that runs this test, and a task spawned through it runs on
/// that same runtime.
#[tokio::test]
async fn test_provided_loop_is_running_loop() {
    let event_loop = tokio::runtime::Handle::current();
    let outer = event_loop.id();
    let inner = event_loop
        .spawn(async { tokio::runtime::Handle::current().id() })
        .await
        .unwrap();
    assert_eq!(outer, inner);
}

/// Not in the article, but what makes async tests fast: on a paused
/// clock an hour's sleep takes no time, and time still adds up.
#[tokio::test(start_paused = true)]
async fn paused_time_skips_sleeps() {
    let start = tokio::time::Instant::now();
    tokio::time::sleep(Duration::from_secs(3600)).await;
    assert_eq!(start.elapsed(), Duration::from_secs(3600));
}

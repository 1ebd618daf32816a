//! `asyncio.run(main())`: the runtime every async example runs on, with
//! Ctrl-C handled, and the `--virtual-time` flag that pauses its clock.

use std::future::Future;

impl crate::VirtualTime {
    /// Runs `main` to completion, like `asyncio.run(main())`: on virtual
    /// time if the flag was given. See [`run`].
    pub fn run<F: Future>(self, main: F) -> std::io::Result<F::Output> {
        run_on(self.virtual_time, main)
    }
}

/// Runs `main` to completion in real time, like `asyncio.run(main())`, for
/// the examples with no virtual clock (they use real sockets).
///
/// The runtime has one thread, like asyncio's event loop, and I/O and
/// timers enabled. Ctrl-C drops `main` (running its destructors, which
/// remove partial files), shuts the runtime down and exits with status 130
/// (see [`crate::exit::run_interruptible`]).
pub fn run<F: Future>(main: F) -> std::io::Result<F::Output> {
    run_on(false, main)
}

/// [`run`], on tokio's paused clock if `virtual_time`.
///
/// The paused clock needs the current-thread runtime. When every task is
/// waiting, it jumps to the next timer instead of sleeping, so sleeps take
/// no real time and every duration still adds up exactly.
pub fn run_on<F: Future>(
    virtual_time: bool,
    main: F,
) -> std::io::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(virtual_time)
        .build()?;
    Ok(crate::exit::run_interruptible(runtime, main))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn virtual_time_skips_sleeps_and_counts_them() {
        let real = std::time::Instant::now();
        let flag = crate::VirtualTime { virtual_time: true };
        let elapsed = flag
            .run(async {
                let start = tokio::time::Instant::now();
                tokio::time::sleep(Duration::from_secs(3600)).await;
                start.elapsed()
            })
            .expect("runtime starts");
        assert_eq!(elapsed, Duration::from_secs(3600));
        assert!(real.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn real_time_really_sleeps() {
        let real = std::time::Instant::now();
        run(async { tokio::time::sleep(Duration::from_millis(30)).await })
            .expect("runtime starts");
        assert!(real.elapsed() >= Duration::from_millis(30));
    }

    #[test]
    fn one_thread_like_asyncio() {
        let main_thread = std::thread::current().id();
        let task_thread = run(async {
            tokio::spawn(async { std::thread::current().id() })
                .await
                .expect("task ends")
        })
        .expect("runtime starts");
        assert_eq!(task_thread, main_thread);
    }
}

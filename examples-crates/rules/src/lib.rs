//! The rules of `async` and `await`, as lessons the compiler checks.
//!
//! Python enforces some of these rules when it compiles a module (a
//! `SyntaxError`) and the rest only when the code runs; Rust enforces all
//! of them before the program exists. Each rule shows the article's wrong
//! version as a `compile_fail` example, marked with the codes rustc gives
//! it, beside a version that compiles and runs. Stable Rust has no
//! `yield`, so an async generator becomes a `Stream`, and `yield from`
//! becomes chaining or flattening streams.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "The
//! Rules of Async IO".
//!
//! The lessons are this library's doctests. Run them, then read them:
//!
//! ```text
//! $ cargo test -p rules --doc
//! $ cargo doc -p rules --open
//! ```
//!
//! `cargo run -p rules` sums them up beside what Python's `compile()` says
//! of the article's examples. Stable rustdoc checks only that a
//! `compile_fail` example fails, not why, so `tests/error_codes.rs`
//! compiles each one with rustc and checks its error codes. `lessons.md`
//! puts each beside what Python says of the same mistake, with rustc's
//! whole report, and `tests/lessons.rs` checks both against the compilers.
//!
//! | Python | Rust | the wrong version |
//! |---|---|---|
//! | `async def f(x)` with `await`, `return` | [`f`] | |
//! | `y = z(x)`, no `await` | a future, not a `u32` | E0308 |
//! | `async def g(x)` with `yield` | [`g`], a `Stream` | E0658, E0727 |
//! | `async for i in g(x)` | `while let Some(i) = s.next().await` | |
//! | `yield from gen(x)` | [`m`]: `stream::iter`, `chain` | syntax error |
//! | `await` in a plain `def` | `.await` in a plain `fn` | E0728 |
//! | `asyncio.run(z(x))` | `futures::executor::block_on` ([`sync_m`]) | |
//! | `await 42` (a `TypeError` when run) | `42.await` ([`z`]) | E0277 |

use futures::stream::{self, Stream};

// step: z
/// The coroutine the article's examples await (it leaves it undefined).
///
/// Only a future can be awaited: Python's "awaitable", an object with an
/// `__await__` method, is Rust's `IntoFuture`. Python finds out that a
/// value is not awaitable when the `await` runs ("TypeError: object int
/// can't be used in 'await' expression"); Rust when it compiles, E0277:
///
/// ```compile_fail,E0277
/// async fn h() -> u32 {
///     42.await
/// }
/// ```
///
/// ```
/// async fn h() -> u32 {
///     std::future::ready(42).await // a future that is ready at once
/// }
/// assert_eq!(futures::executor::block_on(h()), 42);
/// ```
pub async fn z(x: u32) -> u32 {
    x * 2
}

// step: f
/// `await` and `return` in an `async fn`: fine. Both are optional, too:
/// `async fn nothing() {}` compiles.
///
/// ```
/// assert_eq!(futures::executor::block_on(rules::f(21)), 42);
/// ```
///
/// Calling an `async fn` only makes a future; its result comes when it is
/// awaited. Python lets `y = z(x)` bind the coroutine object, and warns
/// only when it is thrown away ("coroutine 'z' was never awaited"). In
/// Rust a future is not its result, so using it as one is error E0308:
///
/// ```compile_fail,E0308
/// async fn z(x: u32) -> u32 { x * 2 }
///
/// async fn f(x: u32) -> u32 {
///     let y: u32 = z(x);
///     y
/// }
/// ```
pub async fn f(x: u32) -> u32 {
    // `.await` suspends `f` until `z(x)` is ready, and the runtime runs
    // other tasks meanwhile, as Python's `await` hands control back to
    // the event loop.
    let y = z(x).await;
    y
}

// step: g
/// `yield` in an `async fn`: an async generator in Python, an error here.
///
/// ```compile_fail,E0658,E0727
/// async fn g(x: u32) {
///     yield x;
/// }
/// ```
///
/// On stable Rust `yield` itself is unstable (E0658), and even where it is
/// enabled an `async fn` may not yield (E0727, "`async` coroutines are not
/// yet supported"). An async generator is a `Stream`: the consumer asks
/// for one item at a time with `.next().await`, as `async for` does.
///
/// ```
/// use futures::StreamExt;
///
/// let mut seen = Vec::new();
/// futures::executor::block_on(async {
///     // `next` needs the stream pinned: its pending step may hold
///     // references into itself across an await.
///     let mut items = std::pin::pin!(rules::g(7));
///     while let Some(x) = items.next().await {
///         seen.push(x); // the body of `async for x in g(7):`
///     }
/// });
/// assert_eq!(seen, [7]);
/// ```
pub fn g(x: u32) -> impl Stream<Item = u32> {
    // `unfold` keeps the generator's state between items and runs the
    // step each time the consumer asks for one. The state is the item not
    // yet yielded: the first step yields `x` and leaves nothing, so the
    // second ends the stream, as the generator returns after its `yield`.
    stream::unfold(Some(x), |state| async move { state.map(|x| (x, None)) })
}

// step: m
/// `yield from` in an `async fn`: a syntax error in both languages.
///
/// ```compile_fail,E0658
/// async fn m(x: u32) {
///     yield from gen(x);
/// }
/// ```
///
/// Rust has no `yield from`: the parser stops at `from`, and a syntax
/// error has no code. The one code rustc gives is for the unstable
/// `yield`, which it reports as well.
///
/// `yield from gen(x)` is short for `for i in gen(x): yield i`. A stream
/// delegates by handing out another's items: `stream::iter` an iterator's,
/// `chain` a second stream's after its own, and `flatten` those of each
/// stream in a stream of streams, in turn.
///
/// ```
/// use futures::executor::block_on;
/// use futures::{stream, StreamExt};
/// use rules::{g, m};
///
/// assert_eq!(block_on(m(3).collect::<Vec<_>>()), [0, 1, 2]);
/// // `yield x`, then `yield from gen(x)`:
/// assert_eq!(block_on(g(3).chain(m(3)).collect::<Vec<_>>()), [3, 0, 1, 2]);
/// let both = stream::iter([m(2), m(3)]).flatten();
/// assert_eq!(block_on(both.collect::<Vec<_>>()), [0, 1, 0, 1, 2]);
/// ```
pub fn m(x: u32) -> impl Stream<Item = u32> {
    // The article leaves the generator `gen(x)` undefined; here it is the
    // iterator `0..x`. (`gen` is a keyword from Rust 2024 on.)
    stream::iter(0..x)
}

// step: sync
/// `.await` in a plain `fn`: Python's SyntaxError "'await' outside async
/// function" is Rust's error E0728.
///
/// ```compile_fail,E0728
/// async fn z(x: u32) -> u32 { x * 2 }
///
/// fn m(x: u32) -> u32 {
///     let y = z(x).await;
///     y
/// }
/// ```
///
/// A plain function cannot be suspended, so it cannot wait for its turn
/// among the runtime's tasks. Either it becomes `async` (that is [`f`]),
/// or it drives the future to completion on the spot, as `asyncio.run`
/// does:
///
/// ```
/// assert_eq!(rules::sync_m(21), 42);
/// ```
pub fn sync_m(x: u32) -> u32 {
    // `block_on` blocks this thread until `z(x)` is done. Called from
    // async code it would stall every task on the thread, and hang if
    // `z` waited for one of them.
    futures::executor::block_on(z(x))
}

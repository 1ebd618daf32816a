//! The article's four examples of the rules of `async` and `await`: what
//! Python's compiler says of each, and what Rust does instead.
//!
//! Python accepts `await` and `return` in an `async def`, and `yield`
//! (an async generator); it rejects `yield from` there, and `await` in a
//! plain `def`, with a SyntaxError before anything runs. Rust rejects the
//! same two at compile time, and the `yield` too: stable Rust has no
//! generators, so an async generator is written as a `Stream`. The
//! lessons themselves are the library's doctests (`cargo test -p rules
//! --doc`, read with `cargo doc -p rules --open`); this program is their
//! summary. The first line of each pair is what the Python twin,
//! `rules.py`, prints after asking `compile()`; the second is Rust's.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "The
//! Rules of Async IO".
//!
//! ```text
//! $ cargo run -p rules
//! async def f(x): await and return: compiles, a coroutine function
//!   Rust: async fn f(x) with .await and return: compiles
//! async def g(x): yield: compiles, an async generator function
//!   Rust: no yield in an async fn (E0658, E0727): a Stream instead
//! async def m(x): yield from: SyntaxError: 'yield from' inside async function
//!   Rust: no yield from either (a syntax error): chain streams
//! def m(x): await: SyntaxError: 'await' outside async function
//!   Rust: .await in a plain fn is error E0728
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def f(x)` with `await`, `return` | `async fn f(x)`, `z(x).await` |
//! | `async def g(x)` with `yield` | `fn g(x) -> impl Stream` |
//! | `yield from gen(x)` | `stream::iter(0..x)`, `.chain(..)` |
//! | `await` in a plain `def` | `block_on(z(x))`, or make it `async` |
//! | `compile(source, ...)` raising `SyntaxError` | the doctests' error codes |

use clap::Parser;

/// Prints the rules of async and await, as Python and Rust apply them.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {}

// step: f
const F: Rule = Rule {
    python: "async def f(x): await and return: compiles, a coroutine function",
    rust: "async fn f(x) with .await and return: compiles",
};

// step: g
const G: Rule = Rule {
    python: "async def g(x): yield: compiles, an async generator function",
    rust: "no yield in an async fn (E0658, E0727): a Stream instead",
};

// step: m
const M: Rule = Rule {
    python: "async def m(x): yield from: \
             SyntaxError: 'yield from' inside async function",
    rust: "no yield from either (a syntax error): chain streams",
};

// step: sync
const SYNC_M: Rule = Rule {
    python: "def m(x): await: SyntaxError: 'await' outside async function",
    rust: ".await in a plain fn is error E0728",
};

// step: verdict
/// The verdict on one of the article's examples: what Python's compiler
/// says of it, and what Rust does with the same idea.
struct Rule {
    python: &'static str,
    rust: &'static str,
}

// step: run
fn main() {
    common::end_quietly_on_closed_pipe(); // port-only
    Cli::parse();
    for rule in [F, G, M, SYNC_M] {
        println!("{}", rule.python);
        println!("  Rust: {}", rule.rust);
    }
}

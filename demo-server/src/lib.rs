//! A small web server on `127.0.0.1` for the network examples and their
//! tests: it is what the examples fetch from when no URL is given, so they
//! run on a machine without internet.
//!
//! It is not the lesson, so it lives here and not in the examples. It
//! speaks just enough HTTP/1.1 for one `GET` per connection, written by
//! hand on a `tokio::net::TcpListener` rather than with hyper's server:
//! that way a route can misbehave in exactly the ways a test needs (a
//! body shorter than its `Content-Length`, a server that never answers,
//! bytes that trickle in), and it adds nothing to the build.
//!
//! A site is a function from the request path to a [`Reply`]:
//!
//! ```
//! use demo_server::{DemoServer, Reply};
//!
//! let server = DemoServer::start_in_thread(|path: &str| match path {
//!     "/" => Reply::html("<a href=\"/a\">a</a>"),
//!     _ => Reply::Status(404),
//! })?;
//! assert!(server.url("/").starts_with("http://127.0.0.1:"));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub mod sites;

/// What the server answers to one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// `200 OK` with this body.
    Ok {
        /// The `Content-Type` header.
        content_type: &'static str,
        /// The whole body.
        body: Vec<u8>,
    },
    /// Only a status (404, 500, ...), with its reason phrase as the body.
    Status(u16),
    /// Reads the request and never answers, holding the connection open.
    Hang,
    /// `200 OK` that promises `claimed` bytes in `Content-Length`, sends
    /// `body` (fewer bytes) and closes: a download cut off midway.
    Truncated {
        /// The length the header announces.
        claimed: u64,
        /// What is actually sent.
        body: Vec<u8>,
    },
    /// Waits, then sends the inner reply: a slow server.
    Delayed(Duration, Box<Reply>),
    /// `200 OK` whose body is sent in `chunks` pieces with `pause` before
    /// each, so a progress bar has something to show.
    Trickle {
        /// The `Content-Type` header.
        content_type: &'static str,
        /// The whole body.
        body: Vec<u8>,
        /// How many pieces to send it in.
        chunks: usize,
        /// The pause before each piece.
        pause: Duration,
    },
}

impl Reply {
    /// `200 OK` with an HTML page.
    pub fn html(page: impl Into<String>) -> Reply {
        Reply::Ok {
            content_type: "text/html; charset=utf-8",
            body: page.into().into_bytes(),
        }
    }

    /// `200 OK` with binary content.
    pub fn bytes(body: Vec<u8>) -> Reply {
        Reply::Ok {
            content_type: "application/octet-stream",
            body,
        }
    }

    /// This reply, sent after `delay`.
    pub fn after(self, delay: Duration) -> Reply {
        Reply::Delayed(delay, Box::new(self))
    }
}

/// Counts requests as they are served.
#[derive(Debug, Default)]
struct Counters {
    requests: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// Lowers the in-flight count when a request ends, however it ends.
struct InFlight<'a>(&'a Counters);

impl<'a> InFlight<'a> {
    fn enter(counters: &'a Counters) -> Self {
        counters.requests.fetch_add(1, Ordering::SeqCst);
        let now = counters.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        counters.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(counters)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

type Site = Arc<dyn Fn(&str) -> Reply + Send + Sync>;

/// A running server on `127.0.0.1` at a free port.
#[derive(Debug, Clone)]
pub struct DemoServer {
    addr: SocketAddr,
    counters: Arc<Counters>,
}

impl DemoServer {
    /// Binds `127.0.0.1:0` and serves `site` on the current tokio runtime
    /// until the runtime ends.
    pub async fn start<F>(site: F) -> io::Result<DemoServer>
    where
        F: Fn(&str) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let server = DemoServer {
            addr: listener.local_addr()?,
            counters: Arc::default(),
        };
        let site: Site = Arc::new(site);
        let counters = server.counters.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (site, counters) = (site.clone(), counters.clone());
                tokio::spawn(async move {
                    // A client that goes away mid-answer is not our error.
                    let _ = serve(stream, &*site, &counters).await;
                });
            }
        });
        Ok(server)
    }

    /// Serves `site` from a thread of its own, for callers without a
    /// runtime (the integration tests). The thread lives until the
    /// process ends.
    pub fn start_in_thread<F>(site: F) -> io::Result<DemoServer>
    where
        F: Fn(&str) -> Reply + Send + Sync + 'static,
    {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            runtime.block_on(async move {
                let started = DemoServer::start(site).await;
                let ok = started.is_ok();
                let _ = tx.send(started);
                if ok {
                    std::future::pending::<()>().await;
                }
            });
        });
        rx.recv()
            .map_err(|_| io::Error::other("server thread died"))?
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The full URL of `path` (which starts with `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// How many requests it has received.
    pub fn requests(&self) -> usize {
        self.counters.requests.load(Ordering::SeqCst)
    }

    /// The most requests it was ever answering at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.counters.max_in_flight.load(Ordering::SeqCst)
    }
}

/// The largest request head we read; anything longer is dropped.
const MAX_HEAD: usize = 16 * 1024;

/// Reads one request and answers it, then closes the connection.
async fn serve(
    mut stream: TcpStream,
    site: &(dyn Fn(&str) -> Reply + Send + Sync),
    counters: &Counters,
) -> io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 || head.len() + n > MAX_HEAD {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let _in_flight = InFlight::enter(counters);
    let head = String::from_utf8_lossy(&head);
    let mut words = head.split_whitespace();
    let reply = match (words.next(), words.next()) {
        (Some("GET"), Some(path)) => site(path),
        _ => Reply::Status(400),
    };
    send(&mut stream, reply).await
}

async fn send(stream: &mut TcpStream, mut reply: Reply) -> io::Result<()> {
    while let Reply::Delayed(delay, inner) = reply {
        tokio::time::sleep(delay).await;
        reply = *inner;
    }
    match reply {
        Reply::Ok { content_type, body } => {
            stream
                .write_all(&header(200, content_type, body.len()))
                .await?;
            stream.write_all(&body).await?;
        }
        Reply::Status(code) => {
            let body = reason(code).as_bytes();
            stream
                .write_all(&header(code, "text/plain", body.len()))
                .await?;
            stream.write_all(body).await?;
        }
        Reply::Hang => std::future::pending::<()>().await,
        Reply::Truncated { claimed, body } => {
            let len = usize::try_from(claimed).unwrap_or(usize::MAX);
            let head = header(200, "application/octet-stream", len);
            stream.write_all(&head).await?;
            stream.write_all(&body).await?;
        }
        Reply::Trickle {
            content_type,
            body,
            chunks,
            pause,
        } => {
            stream
                .write_all(&header(200, content_type, body.len()))
                .await?;
            let size = body.len().div_ceil(chunks.max(1)).max(1);
            for piece in body.chunks(size) {
                tokio::time::sleep(pause).await;
                stream.write_all(piece).await?;
            }
        }
        Reply::Delayed(..) => unreachable!("unwrapped above"),
    }
    stream.flush().await?;
    stream.shutdown().await
}

fn header(code: u16, content_type: &str, len: usize) -> Vec<u8> {
    format!(
        "HTTP/1.1 {code} {}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {len}\r\nConnection: close\r\n\r\n",
        reason(code)
    )
    .into_bytes()
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn get(server: &DemoServer, path: &str) -> String {
        let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn serves_pages_and_statuses() {
        let server = DemoServer::start_in_thread(|path: &str| match path {
            "/" => Reply::html("hello"),
            "/cut" => Reply::Truncated {
                claimed: 10,
                body: b"abc".to_vec(),
            },
            _ => Reply::Status(404),
        })
        .unwrap();
        let ok = get(&server, "/");
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(ok.contains("Content-Length: 5\r\n"), "{ok}");
        assert!(ok.ends_with("\r\n\r\nhello"), "{ok}");
        let missing = get(&server, "/nope");
        assert!(missing.starts_with("HTTP/1.1 404 Not Found"), "{missing}");
        let cut = get(&server, "/cut");
        assert!(cut.contains("Content-Length: 10\r\n"), "{cut}");
        assert!(cut.ends_with("\r\n\r\nabc"), "{cut}");
        assert_eq!(server.requests(), 3);
        assert_eq!(server.max_in_flight(), 1);
    }
}

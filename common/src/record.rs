//! The `tracing` layer that records, for each span an example names, when
//! its future was polled, when it was pending, and what it waited for.
//!
//! The examples say which futures get a row in the usual way, with
//! `fut.instrument(info_span!("count", n = 1))`: `tracing` enters the span
//! each time the future is polled and exits it when the poll returns. So
//! the layer sees every poll of every named future, and nothing else:
//!
//! - an `INFO` span is a row, labelled with its name and field values
//!   (`count 1`); it starts at its first poll and ends when the span
//!   closes (the future finished, or was dropped: cancelled);
//! - a poll that holds the thread longer than [`BLOCKING`] is drawn as
//!   blocking, any other as running;
//! - between polls the row is pending with the thread free, unless a
//!   `DEBUG` span inside it is open (`sem.acquire().instrument(
//!   debug_span!("permit"))`): then it is waiting for another task;
//! - an `INFO` span around other rows (`chess`'s two exhibitions) titles a
//!   picture of its own instead of being a row.
//!
//! Times come from `tokio::time::Instant`, so under `--virtual-time` they
//! are the paused clock's.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

use crate::draw::{draw, Row, State};

/// How long one poll may hold the thread before the picture calls it
/// blocking (`=`) rather than running (`#`). A poll that only computes
/// takes microseconds; one that calls `std::thread::sleep` or does heavy
/// work takes as long as the call. Ten milliseconds is far above the first
/// and below any blocking call worth drawing.
pub const BLOCKING: Duration = Duration::from_millis(10);

/// What the layer has seen, shared with whoever draws it.
#[derive(Debug, Default)]
pub struct Recording {
    origin: Option<Instant>,
    tracks: Vec<Track>,
    /// Where to write a marker line for each poll, if anywhere (see
    /// [`Recorder::with_markers`]).
    markers: Option<Sink>,
    /// The latest reading, and how far later runtimes' clocks are moved
    /// on so that time never goes back.
    latest: Duration,
    shift: Duration,
}

/// One `INFO` span as recorded.
#[derive(Debug, Default)]
struct Track {
    row: Row,
    /// The nearest enclosing `INFO` span's track.
    parent: Option<usize>,
    /// Whether another track names this one its parent: then it titles a
    /// picture instead of being a row.
    has_rows: bool,
    created: Duration,
    /// The stretch in progress: pending (or waiting) since.
    pending: Option<(State, Duration)>,
    /// When the poll in progress began; polls may nest (a span entered
    /// again inside itself), so also how deep.
    poll: Option<(Duration, usize)>,
    /// `DEBUG` spans open inside it: what it waits for.
    waits: Vec<String>,
    /// Where its span was made, and the enclosing row's label.
    file: &'static str,
    line: u32,
    parent_label: Option<String>,
}

/// Where marker lines go: standard output, or a buffer in the tests.
#[derive(Debug, Clone)]
enum Sink {
    Stdout,
    #[cfg(test)]
    Buffer(Arc<Mutex<Vec<u8>>>),
}

/// What the layer keeps in a span's extensions.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Row(usize),
    Wait(usize),
}

/// The marker lines' separator: ASCII's record separator, which no
/// example prints.
pub const MARKER: char = '\x1e';

/// The layer: install it on a `tracing_subscriber::Registry`.
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    recording: Arc<Mutex<Recording>>,
}

impl Recorder {
    /// A layer recording into a fresh [`Recording`].
    pub fn new() -> Self {
        Recorder::default()
    }

    /// A layer that also prints, on standard output between the
    /// program's own lines, one marker line for each poll of a row: a
    /// [`MARKER`] and a JSON object, `{"t": 1.0, "id": 0, "task": "count
    /// 1", "file": ..., "line": 63, "event": "resume", "parent": null}`, or
    /// `"event": "suspend"` with `"wait"`, the name of the `DEBUG` span
    /// open inside it (`null` when none is), or `"event": "close"` when the
    /// span closes. `id` numbers the rows. `t` is in seconds since the
    /// first poll. The tests compare these schedules with the Python
    /// twin's, and the pages replay them.
    pub fn with_markers() -> Self {
        let recorder = Recorder::default();
        recorder.lock().markers = Some(Sink::Stdout);
        recorder
    }

    fn lock(&self) -> MutexGuard<'_, Recording> {
        // A panic elsewhere while the lock was held leaves the recording
        // usable: each update is a push or an assignment.
        self.recording
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The pictures so far: for each, its title (`None` for the rows
    /// outside any titled span) and its drawing. Rows still open end now.
    pub fn pictures(&self) -> Vec<(Option<String>, String)> {
        let mut recording = self.lock();
        let now = recording.now();
        let tracks = &mut recording.tracks;
        let mut pictures: Vec<(Option<usize>, Vec<Row>, Duration)> = Vec::new();
        for i in 0..tracks.len() {
            if tracks[i].has_rows {
                continue;
            }
            let mut row = tracks[i].row.clone();
            if let Some((state, since)) = tracks[i].pending {
                if now > since {
                    row.push(state, since, now);
                }
            }
            if row.spans.is_empty() {
                continue;
            }
            let title = tracks[i].parent;
            let origin = title.map_or(Duration::ZERO, |t| tracks[t].created);
            match pictures.iter_mut().find(|(t, _, _)| *t == title) {
                Some((_, rows, _)) => rows.push(row),
                None => pictures.push((title, vec![row], origin)),
            }
        }
        pictures
            .into_iter()
            .map(|(title, mut rows, origin)| {
                for row in &mut rows {
                    for span in &mut row.spans {
                        span.1 = span.1.saturating_sub(origin);
                        span.2 = span.2.saturating_sub(origin);
                    }
                }
                let title = title.map(|t| tracks[t].row.label.clone());
                (title, draw(&rows))
            })
            .collect()
    }
}

impl Recording {
    /// Time since the first poll recorded, on tokio's clock; the first
    /// poll starts the clock. A program may run one runtime after
    /// another (`block_on` twice), and each paused clock starts where the
    /// real one is: time that would go back is moved on to where the last
    /// reading left it, so the second run follows the first.
    fn now(&mut self) -> Duration {
        let now = Instant::now();
        let origin = *self.origin.get_or_insert(now);
        let t = now.saturating_duration_since(origin) + self.shift;
        if t < self.latest {
            self.shift += self.latest - t;
            return self.latest;
        }
        self.latest = t;
        t
    }

    /// Time since the first poll, or zero before it. A span may be made
    /// before the runtime that polls it exists (`block_on(f.instrument(
    /// span))`), where tokio's clock is still the system's: that moment
    /// must not start the picture, or building the runtime would show as
    /// time passing.
    fn since_first_poll(&mut self) -> Duration {
        if self.origin.is_some() {
            self.now()
        } else {
            Duration::ZERO
        }
    }

    /// Prints the marker line of track `i`'s `event` at `now`, if asked to.
    fn mark(&mut self, i: usize, now: Duration, event: &str) {
        let Some(sink) = self.markers.clone() else {
            return;
        };
        let track = &self.tracks[i];
        let mut line = format!(
            "{MARKER}{{\"t\": {}, \"id\": {i}, \"task\": {}, \"file\": {}, \"line\": {}, \"event\": \"{event}\"",
            now.as_secs_f64(),
            json_string(&track.row.label),
            json_string(track.file),
            track.line,
        );
        if event == "close" {
            line.push_str("}\n");
        } else if event == "resume" {
            let parent = track
                .parent_label
                .as_deref()
                .map_or("null".into(), json_string);
            line.push_str(&format!(", \"parent\": {parent}}}\n"));
        } else {
            let wait =
                track.waits.last().map_or("null".into(), |w| json_string(w));
            line.push_str(&format!(", \"wait\": {wait}}}\n"));
        }
        match sink {
            Sink::Stdout => {
                let mut stdout = std::io::stdout().lock();
                let _ = std::io::Write::write_all(&mut stdout, line.as_bytes());
            }
            #[cfg(test)]
            Sink::Buffer(buffer) => {
                let mut buffer =
                    buffer.lock().unwrap_or_else(|e| e.into_inner());
                buffer.extend_from_slice(line.as_bytes());
            }
        }
    }
}

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A span's label: its name, then its fields' values (`count 1`).
#[derive(Debug)]
struct Label(String);

impl Visit for Label {
    fn record_str(&mut self, _: &Field, value: &str) {
        self.0.push(' ');
        self.0.push_str(value);
    }

    fn record_debug(&mut self, _: &Field, value: &dyn fmt::Debug) {
        use std::fmt::Write as _;
        let _ = write!(self.0, " {value:?}");
    }
}

impl<S> Layer<S> for Recorder
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(
        &self,
        attrs: &Attributes<'_>,
        id: &Id,
        ctx: Context<'_, S>,
    ) {
        let Some(span) = ctx.span(id) else { return };
        let enclosing = span.scope().skip(1).find_map(|s| {
            match s.extensions().get::<Slot>() {
                Some(Slot::Row(i)) => Some(*i),
                _ => None,
            }
        });
        let mut recording = self.lock();
        let now = recording.since_first_poll();
        let slot = if *attrs.metadata().level() <= Level::INFO {
            let mut label = Label(attrs.metadata().name().to_string());
            attrs.record(&mut label);
            if let Some(parent) = enclosing {
                recording.tracks[parent].has_rows = true;
            }
            let parent_label =
                enclosing.map(|p| recording.tracks[p].row.label.clone());
            let metadata = attrs.metadata();
            recording.tracks.push(Track {
                row: Row {
                    label: label.0,
                    spans: Vec::new(),
                },
                parent: enclosing,
                created: now,
                file: metadata.file().unwrap_or(""),
                line: metadata.line().unwrap_or(0),
                parent_label,
                ..Track::default()
            });
            Slot::Row(recording.tracks.len() - 1)
        } else {
            let Some(row) = enclosing else { return };
            let name = attrs.metadata().name().to_string();
            recording.tracks[row].waits.push(name);
            Slot::Wait(row)
        };
        drop(recording);
        span.extensions_mut().insert(slot);
    }

    fn on_enter(&self, id: &Id, ctx: Context<'_, S>) {
        let Some(Slot::Row(i)) = slot(&ctx, id) else {
            return;
        };
        let mut recording = self.lock();
        let now = recording.now();
        let track = &mut recording.tracks[i];
        match &mut track.poll {
            Some((_, depth)) => *depth += 1,
            None => {
                if let Some((state, since)) = track.pending.take() {
                    if now > since {
                        track.row.push(state, since, now);
                    }
                }
                track.poll = Some((now, 1));
                recording.mark(i, now, "resume");
            }
        }
    }

    fn on_exit(&self, id: &Id, ctx: Context<'_, S>) {
        let Some(Slot::Row(i)) = slot(&ctx, id) else {
            return;
        };
        let mut recording = self.lock();
        let now = recording.now();
        let track = &mut recording.tracks[i];
        match track.poll {
            Some((started, 1)) => {
                track.poll = None;
                let ran = if now.saturating_sub(started) > BLOCKING {
                    State::Blocked
                } else {
                    State::Running
                };
                track.row.push(ran, started, now);
                let waiting = if track.waits.is_empty() {
                    State::Pending
                } else {
                    State::Waiting
                };
                track.pending = Some((waiting, now));
                recording.mark(i, now, "suspend");
            }
            Some((started, depth)) => track.poll = Some((started, depth - 1)),
            None => {}
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(slot) = slot(&ctx, &id) else { return };
        let mut recording = self.lock();
        let now = recording.since_first_poll();
        match slot {
            Slot::Row(i) => {
                let at = recording.now();
                recording.mark(i, at, "close");
                let track = &mut recording.tracks[i];
                if let Some((state, since)) = track.pending.take() {
                    if now > since {
                        track.row.push(state, since, now);
                    }
                }
            }
            Slot::Wait(row) => {
                recording.tracks[row].waits.pop();
            }
        }
    }
}

fn slot<S>(ctx: &Context<'_, S>, id: &Id) -> Option<Slot>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    ctx.span(id)?.extensions().get::<Slot>().copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing::{debug_span, info_span, Instrument};
    use tracing_subscriber::layer::SubscriberExt;

    /// Runs `main` on a paused current-thread runtime with a recorder
    /// installed for this thread only; its pictures.
    fn record<F: std::future::Future>(
        main: F,
    ) -> Vec<(Option<String>, String)> {
        let recorder = Recorder::new();
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        tracing::subscriber::with_default(subscriber, || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(true)
                .build()
                .expect("runtime")
                .block_on(main)
        });
        recorder.pictures()
    }

    fn bars(picture: &str) -> Vec<&str> {
        picture
            .lines()
            .take_while(|l| !l.trim_start().starts_with('+'))
            .collect()
    }

    async fn nap(secs: u64) {
        tokio::time::sleep(Duration::from_secs(secs)).await;
    }

    #[test]
    fn gathered_futures_overlap_and_sequential_ones_do_not() {
        let pictures = record(async {
            tokio::join!(
                nap(2).instrument(info_span!("count", n = 1)),
                nap(2).instrument(info_span!("count", n = 2)),
            );
            nap(2).instrument(info_span!("after")).await;
        });
        assert_eq!(pictures.len(), 1);
        let (title, picture) = &pictures[0];
        assert_eq!(title, &None);
        let rows = bars(picture);
        assert_eq!(rows.len(), 3, "{picture}");
        assert!(rows[0].starts_with("count 1  #-"), "{picture}");
        assert_eq!(rows[0][7..], rows[1][7..], "{picture}");
        // `after` starts where the counts end: halfway along.
        let start = |row: &str| row.find('#').expect("a poll");
        assert!(start(rows[2]) > start(rows[0]) + 20, "{picture}");
        assert!(picture.contains("4.0s"), "{picture}");
    }

    #[test]
    fn an_open_debug_span_draws_waiting() {
        let pictures = record(async {
            let lock = Arc::new(tokio::sync::Mutex::new(()));
            let held = lock.clone().lock_owned().await;
            let waiter = async move {
                let _got = lock.lock().instrument(debug_span!("lock")).await;
                nap(1).await;
            };
            tokio::join!(waiter.instrument(info_span!("waiter")), async {
                nap(1).await;
                drop(held);
            });
        });
        let picture = &pictures[0].1;
        let row = bars(picture)[0];
        // Waiting for the lock for a second, then sleeping for one.
        assert!(row.contains("#....") && row.contains("#----"), "{picture}");
        assert!(row.find('.') < row.rfind('-'), "{picture}");
        assert!(picture.contains(". waiting"), "{picture}");
    }

    #[test]
    fn a_span_around_rows_titles_a_picture() {
        let pictures = record(async {
            nap(1).instrument(info_span!("first")).await;
            async { nap(3).instrument(info_span!("inner")).await }
                .instrument(info_span!("Second part"))
                .await;
        });
        assert_eq!(pictures.len(), 2, "{pictures:?}");
        assert_eq!(pictures[1].0.as_deref(), Some("Second part"));
        // The titled picture starts at its own beginning.
        assert!(bars(&pictures[1].1)[0].starts_with("inner  #-"));
        assert!(pictures[1].1.contains("3.0s"), "{}", pictures[1].1);
    }

    #[test]
    fn a_poll_that_holds_the_thread_is_blocking() {
        let recorder = Recorder::new();
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        tracing::subscriber::with_default(subscriber, || {
            info_span!("busy").in_scope(|| {
                std::thread::sleep(Duration::from_millis(50));
            });
        });
        let picture = &recorder.pictures()[0].1;
        assert!(bars(picture)[0].starts_with("busy  ="), "{picture}");
        assert!(picture.contains("= blocking the thread"), "{picture}");
    }

    #[test]
    fn a_span_made_before_its_runtime_starts_at_its_first_poll() {
        let recorder = Recorder::new();
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        tracing::subscriber::with_default(subscriber, || {
            let span = info_span!("main");
            // Building a runtime on a loaded machine takes a while.
            std::thread::sleep(Duration::from_millis(300));
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(true)
                .build()
                .expect("runtime")
                .block_on(nap(1).instrument(span));
        });
        let picture = &recorder.pictures()[0].1;
        assert!(picture.contains(" 1.0s"), "{picture}");
        assert!(bars(picture)[0].starts_with("main  #-"), "{picture}");
    }

    type Main =
        fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

    /// Runs each of `mains` on a paused runtime of its own, one after the
    /// other, with a recorder writing markers; the markers, and the picture.
    fn markers(mains: Vec<Main>) -> (Vec<String>, String) {
        let recorder = Recorder::new();
        let buffer = Arc::new(Mutex::new(Vec::new()));
        recorder.lock().markers = Some(Sink::Buffer(buffer.clone()));
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        tracing::subscriber::with_default(subscriber, || {
            for main in mains {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .start_paused(true)
                    .build()
                    .expect("runtime")
                    .block_on(main());
            }
        });
        let text = String::from_utf8(buffer.lock().expect("buffer").clone())
            .expect("text");
        let lines = text.lines().map(str::to_string).collect();
        (lines, recorder.pictures()[0].1.clone())
    }

    #[test]
    fn markers_tell_each_poll_and_the_drop() {
        let (lines, _) = markers(vec![|| {
            Box::pin(async {
                tokio::join!(
                    nap(1).instrument(info_span!("count", n = 1)),
                    async {
                        let lock = tokio::sync::Mutex::new(());
                        let _held =
                            lock.lock().instrument(debug_span!("lock")).await;
                        nap(2).await;
                    }
                    .instrument(info_span!("count", n = 2)),
                );
            })
        }]);
        let fields = |line: &str| {
            assert!(line.starts_with(MARKER), "{line}");
            let get = |key: &str| {
                let at = line.find(&format!("\"{key}\": ")).expect(key)
                    + key.len()
                    + 4;
                line[at..]
                    .split([',', '}'])
                    .next()
                    .expect("a value")
                    .to_string()
            };
            (get("t"), get("task"), get("event"))
        };
        let seen: Vec<_> = lines.iter().map(|l| fields(l)).collect();
        let want = |t: &str, task: &str, event: &str| {
            (t.to_string(), format!("\"{task}\""), format!("\"{event}\""))
        };
        assert_eq!(seen[0], want("0", "count 1", "resume"));
        assert_eq!(seen[1], want("0", "count 1", "suspend"));
        assert_eq!(seen[2], want("0", "count 2", "resume"));
        // Ready at 1 s; then the drop enters the span once more, and it closes.
        let one: Vec<_> = seen
            .iter()
            .filter(|s| s.1 == "\"count 1\"")
            .cloned()
            .collect();
        assert_eq!(one.len(), 7, "{lines:#?}");
        assert_eq!(one[2], want("1", "count 1", "resume"));
        assert_eq!(one[6], want("1", "count 1", "close"));
        assert!(lines.iter().any(|l| l.contains("\"wait\": null")));
        assert!(lines
            .last()
            .expect("a line")
            .contains("\"event\": \"close\""));
    }

    #[test]
    fn a_second_runtime_follows_the_first() {
        let (lines, picture) = markers(vec![
            || Box::pin(nap(2).instrument(info_span!("first"))),
            || Box::pin(nap(1).instrument(info_span!("second"))),
        ]);
        let second: Vec<&String> =
            lines.iter().filter(|l| l.contains("\"second\"")).collect();
        assert!(second[0].contains("\"t\": 2,"), "{second:?}");
        assert!(second[2].contains("\"t\": 3,"), "{second:?}");
        // The picture draws the second row after the first: 3 s in all.
        let rows = bars(&picture);
        let start = |row: &str| row.find('#').expect("a poll");
        assert!(start(rows[1]) > start(rows[0]) + 20, "{picture}");
        assert!(picture.contains("3.0s"), "{picture}");
    }

    #[test]
    fn a_cancelled_future_ends_its_row_when_dropped() {
        let pictures = record(async {
            let forever = nap(100).instrument(info_span!("forever"));
            let _ = tokio::time::timeout(Duration::from_secs(2), forever).await;
            nap(2).instrument(info_span!("later")).await;
        });
        let rows = bars(&pictures[0].1);
        let end = |row: &str| row.trim_end().len();
        assert!(end(rows[0]) < end(rows[1]), "{}", pictures[0].1);
    }
}

//! `decode` on several cores: frames dissected and rendered on worker
//! threads, their results handed back in input order, memory bounded.
//!
//! Why this shape: full detail spends nearly all its time building each
//! frame's tables, work that does not depend on the other frames, so it
//! spreads over cores; but the output must stay what one thread writes, byte
//! for byte, and memory must not grow with the file. So the calling thread
//! keeps reading (the capture reader lends each frame from a reused buffer,
//! hence the owned copies) and gathers frames into batches; each batch goes
//! to a shared queue with its own one-slot reply channel, and the reply
//! channels wait in input order. The calling thread takes the oldest reply
//! when `2 x workers` batches are in flight, so at most that many batches
//! exist at once whatever the file size, and results are consumed strictly
//! in order. Small inputs (less than one batch, e.g. one hex frame) never
//! start a thread. Only std: a Mutex-shared receiver is all the pool needs.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Mutex, PoisonError};
use std::thread::{Scope, ScopedJoinHandle};
use std::time::Duration;

use super::{dissect_at, read_frames, DecodedFrame, Flow, Input, Link, RawFrame};
use crate::detail::Detail;
use crate::dissect::Fcs;
use crate::error::Error;

/// Frames per batch: enough that a channel hop costs little next to the
/// work, few enough that a batch of full-detail text stays around half a
/// MB (with 64, the batches in flight took peak memory to 28-32 MB on the
/// benchmark files, against 22-28 MB with 32).
const BATCH_FRAMES: usize = 32;
/// A batch also closes at this many bytes of frame data (big frames).
const BATCH_BYTES: usize = 256 * 1024;
/// More workers than this gain little: the calling thread reads and writes.
const MAX_WORKERS: usize = 8;

/// Workers worth starting on this machine: none with one core.
pub fn worker_count() -> usize {
    match std::thread::available_parallelism().map_or(1, |n| n.get()) {
        0 | 1 => 0,
        cores => cores.min(MAX_WORKERS),
    }
}

/// A frame copied out of the reader's buffer.
struct OwnedFrame {
    number: usize,
    timestamp: Option<Duration>,
    data: Vec<u8>,
    original_length: usize,
    link: Link,
    fcs: Fcs,
    comment: Option<String>,
}

impl OwnedFrame {
    fn of(raw: &RawFrame<'_>) -> Self {
        OwnedFrame {
            number: raw.number,
            timestamp: raw.timestamp,
            data: raw.data.to_vec(),
            original_length: raw.original_length,
            link: raw.link,
            fcs: raw.fcs,
            comment: raw.comment.map(str::to_string),
        }
    }

    fn raw(&self) -> RawFrame<'_> {
        RawFrame {
            number: self.number,
            timestamp: self.timestamp,
            data: &self.data,
            original_length: self.original_length,
            link: self.link,
            fcs: self.fcs,
            comment: self.comment.as_deref(),
        }
    }
}

/// Frames with their read position (1 = first frame of the input).
type Batch = Vec<(usize, OwnedFrame)>;
type Results<T> = Vec<(usize, T)>;

struct Job<T> {
    frames: Batch,
    reply: SyncSender<Results<T>>,
}

/// Why consuming ended before the input did.
enum Stop {
    /// `consume` said stop at this frame (its read position).
    At(usize),
    Failed(Error),
    /// A worker dropped a batch: it panicked, and joining it says so.
    WorkerLost,
}

/// Reads `input` like [`super::run`], leaves out the first `skip` frames,
/// runs `work` on each other frame and gives the results to `consume` in
/// input order. `workers`: threads to use (0: all on this thread; None: as
/// many as the machine has cores, decided once the input holds more than
/// one batch). Returns the frames read as a sequential run counts them (up
/// to the one where `consume` said stop) and the outcome: `consume`'s error,
/// else the input's, which comes after every frame read before it.
pub fn run<T, W, C>(
    input: &Input,
    link: Option<Link>,
    skip: u64,
    workers: Option<usize>,
    detail: Detail,
    work: &W,
    consume: C,
) -> (usize, Result<(), Error>)
where
    T: Send,
    W: Fn(DecodedFrame<'_>) -> T + Sync,
    C: FnMut(T) -> Result<Flow, Error>,
{
    // Standard input may be a live capture (`tcpdump -w - | stackviz decode
    // -`): each frame is shown as soon as it is read, on this thread, rather
    // than when a batch has filled (`one_by_one`).
    let live = matches!(input, Input::Stdin);
    if live {
        return one_by_one(input, link, skip, detail, work, consume);
    }
    let cancel = AtomicBool::new(false);
    // Unbounded: `pending` already caps the batches in flight.
    let (jobs, queue) = channel::<Job<T>>();
    let queue = Mutex::new(queue);
    std::thread::scope(|scope| {
        let mut pipe = Pipe {
            scope,
            workers,
            detail,
            work,
            consume,
            queue: &queue,
            cancel: &cancel,
            jobs: Some(jobs),
            threads: Vec::new(),
            pending: VecDeque::new(),
            batch: Vec::new(),
            batch_bytes: 0,
            read: 0,
            stopped: None,
        };
        let input_result = read_frames(input, link, |raw| {
            pipe.read += 1;
            if pipe.read as u64 > skip {
                pipe.push(pipe.read, OwnedFrame::of(&raw));
            }
            Ok(if pipe.stopped.is_some() {
                Flow::Stop
            } else {
                Flow::Continue
            })
        });
        pipe.finish(input_result)
    })
}

/// Each frame dissected, worked and consumed as soon as it is read, on
/// this thread, straight from the reader's buffer (no copy, no batch): for
/// standard input, which may be a live capture. Ends as the pipe does: at
/// the frame consuming stopped at, or with consuming's error.
fn one_by_one<T, W, C>(
    input: &Input,
    link: Option<Link>,
    skip: u64,
    detail: Detail,
    work: &W,
    mut consume: C,
) -> (usize, Result<(), Error>)
where
    W: Fn(DecodedFrame<'_>) -> T,
    C: FnMut(T) -> Result<Flow, Error>,
{
    let mut read = 0;
    let mut stopped = None;
    let input_result = read_frames(input, link, |raw| {
        read += 1;
        if read as u64 <= skip {
            return Ok(Flow::Continue);
        }
        let frame = DecodedFrame {
            dissection: dissect_at(&raw, detail),
            raw,
        };
        match consume(work(frame)) {
            Ok(Flow::Continue) => Ok(Flow::Continue),
            Ok(Flow::Stop) => {
                stopped = Some(Ok(()));
                Ok(Flow::Stop)
            }
            Err(e) => {
                stopped = Some(Err(e));
                Ok(Flow::Stop)
            }
        }
    });
    (read, stopped.unwrap_or(input_result))
}

struct Pipe<'scope, 'env, T, W, C> {
    scope: &'scope Scope<'scope, 'env>,
    workers: Option<usize>,
    detail: Detail,
    work: &'env W,
    consume: C,
    queue: &'env Mutex<Receiver<Job<T>>>,
    cancel: &'env AtomicBool,
    jobs: Option<Sender<Job<T>>>,
    threads: Vec<ScopedJoinHandle<'scope, ()>>,
    /// Reply channels of the batches in flight, oldest first.
    pending: VecDeque<Receiver<Results<T>>>,
    batch: Batch,
    batch_bytes: usize,
    read: usize,
    stopped: Option<Stop>,
}

impl<'scope, 'env, T, W, C> Pipe<'scope, 'env, T, W, C>
where
    T: Send,
    W: Fn(DecodedFrame<'_>) -> T + Sync,
    C: FnMut(T) -> Result<Flow, Error>,
{
    fn push(&mut self, read: usize, frame: OwnedFrame) {
        self.batch_bytes += frame.data.len();
        self.batch.push((read, frame));
        if self.batch.len() >= BATCH_FRAMES || self.batch_bytes >= BATCH_BYTES {
            self.dispatch(false);
        }
    }

    /// Sends the batch to the workers, or works it here when there are none
    /// (one core, or an input that ended within its first batch).
    fn dispatch(&mut self, last: bool) {
        let frames = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let workers = *self
            .workers
            .get_or_insert_with(|| if last { 0 } else { worker_count() });
        if workers == 0 || (last && self.threads.is_empty()) {
            let results = work_batch(frames, self.detail, self.work);
            self.deliver(results);
            return;
        }
        while self.pending.len() >= 2 * workers && self.stopped.is_none() {
            self.take_oldest();
        }
        if self.stopped.is_some() {
            return;
        }
        while self.threads.len() < workers {
            let (queue, cancel, detail, work) = (self.queue, self.cancel, self.detail, self.work);
            let thread = self
                .scope
                .spawn(move || worker(queue, cancel, detail, work));
            self.threads.push(thread);
        }
        let (reply, result) = sync_channel(1);
        let sent = self
            .jobs
            .as_ref()
            .map(|jobs| jobs.send(Job { frames, reply }));
        match sent {
            Some(Ok(())) => self.pending.push_back(result),
            // Every worker is gone, which only a panic does.
            _ => self.stopped = Some(Stop::WorkerLost),
        }
    }

    fn take_oldest(&mut self) {
        if let Some(result) = self.pending.pop_front() {
            match result.recv() {
                Ok(results) => self.deliver(results),
                Err(_) => self.stopped = Some(Stop::WorkerLost),
            }
        }
    }

    fn deliver(&mut self, results: Results<T>) {
        for (read, value) in results {
            if self.stopped.is_some() {
                return;
            }
            match (self.consume)(value) {
                Ok(Flow::Continue) => {}
                Ok(Flow::Stop) => self.stopped = Some(Stop::At(read)),
                Err(e) => self.stopped = Some(Stop::Failed(e)),
            }
        }
    }

    /// Consumes what is left (unless consuming already stopped), then ends
    /// the workers: speculative batches are dropped unconsumed.
    fn finish(mut self, input_result: Result<(), Error>) -> (usize, Result<(), Error>) {
        if self.stopped.is_none() && !self.batch.is_empty() {
            self.dispatch(true);
        }
        while self.stopped.is_none() && !self.pending.is_empty() {
            self.take_oldest();
        }
        self.cancel.store(true, Ordering::Relaxed);
        self.jobs = None;
        self.pending.clear();
        for thread in self.threads.drain(..) {
            if let Err(panic) = thread.join() {
                std::panic::resume_unwind(panic);
            }
        }
        match self.stopped {
            None => (self.read, input_result),
            Some(Stop::At(read)) => (read, Ok(())),
            Some(Stop::Failed(e)) => (self.read, Err(e)),
            // Not reached: a lost batch means a worker panicked, resumed above.
            Some(Stop::WorkerLost) => (
                self.read,
                Err(Error::Output(std::io::Error::other(
                    "a worker thread stopped",
                ))),
            ),
        }
    }
}

fn work_batch<T>(
    frames: Batch,
    detail: Detail,
    work: &impl Fn(DecodedFrame<'_>) -> T,
) -> Results<T> {
    frames
        .iter()
        .map(|(read, frame)| {
            let raw = frame.raw();
            let decoded = DecodedFrame {
                dissection: dissect_at(&raw, detail),
                raw,
            };
            (*read, work(decoded))
        })
        .collect()
}

/// Takes batches until the queue closes; once consuming has stopped, the
/// batches still queued are dropped unworked.
fn worker<T>(
    queue: &Mutex<Receiver<Job<T>>>,
    cancel: &AtomicBool,
    detail: Detail,
    work: &impl Fn(DecodedFrame<'_>) -> T,
) {
    loop {
        let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = job else { return };
        if !cancel.load(Ordering::Relaxed) {
            // The reader may have stopped waiting: nothing to tell it then.
            let _ = job.reply.send(work_batch(job.frames, detail, work));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{build_frame, DatagramSpec};
    use crate::render::decode_text::summary_line;
    use crate::session::decode_trace::decoded_event;

    /// A pcap of `count` UDP frames of varied sizes; every 37th is cut
    /// to 30 bytes (malformed).
    fn pcap(count: usize) -> Vec<u8> {
        let mut file = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0];
        file.extend_from_slice(&[0; 8]);
        file.extend_from_slice(&65535u32.to_le_bytes());
        file.extend_from_slice(&1u32.to_le_bytes());
        for i in 0..count {
            let mut frame = build_frame(&DatagramSpec {
                src_mac: [2, 0, 0, 0, 0, 1],
                dst_mac: [2, 0, 0, 0, 0, 2],
                src_ip: "10.0.0.1".parse().unwrap(),
                dst_ip: "10.0.0.2".parse().unwrap(),
                flow_label: 0,
                ttl: 64,
                identification: i as u16,
                dont_fragment: true,
                dscp: 0,
                ecn: 0,
                src_port: 40000,
                dst_port: 15001 + (i % 3) as u16,
                payload: vec![i as u8; i * 13 % 1400],
            })
            .unwrap()
            .bytes;
            if i % 37 == 5 {
                frame.truncate(30);
            }
            file.extend_from_slice(&(i as u32).to_le_bytes());
            file.extend_from_slice(&0u32.to_le_bytes());
            file.extend_from_slice(&(frame.len() as u32).to_le_bytes());
            file.extend_from_slice(&(frame.len() as u32).to_le_bytes());
            file.extend_from_slice(&frame);
        }
        file
    }

    /// A capture file, removed when dropped.
    struct Temp(Input);

    impl Drop for Temp {
        fn drop(&mut self) {
            if let Input::File(path) = &self.0 {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    fn input(name: &str, bytes: &[u8]) -> Temp {
        let path = std::env::temp_dir().join(format!(
            "stackviz-parallel-{}-{name}.pcap",
            std::process::id()
        ));
        std::fs::write(&path, bytes).unwrap();
        Temp(Input::File(path))
    }

    fn sequential(input: &Input) -> Vec<String> {
        let mut lines = Vec::new();
        super::super::run(input, None, |frame| {
            lines.push(summary_line(&decoded_event(&frame)));
            Ok(Flow::Continue)
        })
        .unwrap();
        lines
    }

    /// How frames reach the consumer: the pipeline with this many
    /// workers, or standard input's frame-at-a-time path.
    #[derive(Debug, Clone, Copy)]
    enum Path {
        Pipe(usize),
        OneByOne,
    }

    fn drive<T>(
        input: &Input,
        skip: u64,
        path: Path,
        work: &(impl Fn(DecodedFrame<'_>) -> T + Sync),
        consume: impl FnMut(T) -> Result<Flow, Error>,
    ) -> (usize, Result<(), Error>)
    where
        T: Send,
    {
        match path {
            Path::Pipe(workers) => run(
                input,
                None,
                skip,
                Some(workers),
                Detail::Full,
                work,
                consume,
            ),
            Path::OneByOne => one_by_one(input, None, skip, Detail::Full, work, consume),
        }
    }

    /// Summary lines through `path`, stopping after `count`.
    fn lines(
        input: &Input,
        skip: u64,
        count: usize,
        path: Path,
    ) -> (usize, Result<(), Error>, Vec<String>) {
        let mut lines = Vec::new();
        let work = |frame: DecodedFrame<'_>| summary_line(&decoded_event(&frame));
        let (read, result) = drive(input, skip, path, &work, |line| {
            lines.push(line);
            Ok(if lines.len() >= count {
                Flow::Stop
            } else {
                Flow::Continue
            })
        });
        (read, result, lines)
    }

    #[test]
    fn the_same_frames_in_the_same_order_whatever_the_worker_count() {
        let file = input("order", &pcap(1000));
        let input = &file.0;
        let expected = sequential(input);
        assert_eq!(expected.len(), 1000);
        for workers in [0, 1, 2, 3, 8] {
            let (read, result, got) = lines(input, 0, usize::MAX, Path::Pipe(workers));
            assert!(result.is_ok());
            assert_eq!(read, 1000);
            assert_eq!(got, expected, "{workers} workers");

            let (read, result, got) = lines(input, 10, 300, Path::Pipe(workers));
            assert!(result.is_ok());
            assert_eq!(read, 310, "read counts skipped frames, up to the stop");
            assert_eq!(got, expected[10..310], "{workers} workers");
        }
        // Less than a batch, and nothing left after skipping.
        let (read, _, got) = lines(input, 990, usize::MAX, Path::Pipe(2));
        assert_eq!((read, got.len()), (1000, 10));
        let (read, _, got) = lines(input, 5000, usize::MAX, Path::Pipe(2));
        assert_eq!((read, got.len()), (1000, 0));
    }

    #[test]
    fn a_damaged_capture_fails_after_the_frames_before_it_unless_stopped_first() {
        let mut bytes = pcap(500);
        bytes.truncate(bytes.len() * 2 / 3);
        let file = input("cut", &bytes);
        let input = &file.0;
        let mut shown = Vec::new();
        let _ = super::super::run(input, None, |frame| {
            shown.push(summary_line(&decoded_event(&frame)));
            Ok(Flow::Continue)
        });
        for workers in [0, 2, 3] {
            let (_, result, got) = lines(input, 0, usize::MAX, Path::Pipe(workers));
            assert!(matches!(result, Err(Error::BadCapture { .. })));
            assert_eq!(got, shown);
            let (read, result, got) = lines(input, 0, 20, Path::Pipe(workers));
            assert!(result.is_ok(), "stopped before the damage");
            assert_eq!((read, got.len()), (20, 20));
        }
    }

    #[test]
    fn an_error_while_consuming_ends_the_run() {
        let file = input("fail", &pcap(1000));
        let work = |frame: DecodedFrame<'_>| frame.raw.number;
        for path in [Path::Pipe(2), Path::OneByOne] {
            let mut seen = 0;
            let (_, result) = drive(&file.0, 0, path, &work, |number| {
                seen += 1;
                if number == 200 {
                    return Err(Error::Output(std::io::ErrorKind::BrokenPipe.into()));
                }
                Ok(Flow::Continue)
            });
            assert!(matches!(result, Err(Error::Output(_))), "{path:?}");
            assert_eq!(seen, 200, "{path:?}");
        }
    }

    /// Standard input's path (`one_by_one`, no batches, no copies) ends as
    /// the pipe does: the same lines, the same count of frames read, the
    /// same error, with skip, a stop and damage (a consumer's error: the
    /// test above).
    #[test]
    fn one_frame_at_a_time_ends_as_the_pipe_does() {
        let file = input("one", &pcap(300));
        for (skip, count) in [
            (0, usize::MAX),
            (10, 100),
            (290, usize::MAX),
            (5000, 1),
            (0, 1),
        ] {
            let (read, result, got) = lines(&file.0, skip, count, Path::OneByOne);
            let (pipe_read, pipe_result, expected) = lines(&file.0, skip, count, Path::Pipe(2));
            assert_eq!(
                (read, result.is_ok(), &got),
                (pipe_read, pipe_result.is_ok(), &expected)
            );
        }
        let mut bytes = pcap(300);
        bytes.truncate(bytes.len() * 2 / 3);
        let damaged = input("one-cut", &bytes);
        let (_, result, got) = lines(&damaged.0, 0, usize::MAX, Path::OneByOne);
        let (_, _, expected) = lines(&damaged.0, 0, usize::MAX, Path::Pipe(2));
        assert!(matches!(result, Err(Error::BadCapture { .. })));
        assert_eq!(got, expected);
        let (read, result, _) = lines(&damaged.0, 0, 20, Path::OneByOne);
        assert_eq!(
            (read, result.is_ok()),
            (20, true),
            "stopped before the damage"
        );
    }

    #[test]
    fn a_panicking_worker_ends_the_run_with_its_panic_not_a_hang() {
        let file = input("panic", &pcap(1000));
        let work = |frame: DecodedFrame<'_>| {
            assert!(frame.raw.number != 400, "frame 400");
            frame.raw.number
        };
        // The run happens on a thread watched from here: a hang fails the
        // test after the limit instead of hanging the whole suite.
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run(&file.0, None, 0, Some(2), Detail::Full, &work, |_| {
                    Ok(Flow::Continue)
                })
            }));
            let _ = done.send(outcome.is_err());
        });
        match finished.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(panicked) => assert!(panicked, "the worker's panic did not end the run"),
            Err(_) => panic!("a panicking worker hung the run (no end within 60 s)"),
        }
    }
}

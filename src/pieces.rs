//! Output written in finished pieces (each frame's text from `decode`'s
//! workers): large pieces are gathered and handed to the writer together
//! as one vectored write, without being copied into a buffer first.
//!
//! Why: full detail and JSON write 10-15 KB per frame; copying every piece
//! into the output buffer was 5% of JSON's instructions, all on the thread
//! that also reads the input. `std::io::BufWriter` passes a vectored write
//! at least as large as its buffer straight to the file (`writev`), so the
//! pieces are held until there are `GATHER` bytes of them. Small pieces
//! (summary lines) are copied as before: holding a vector per line would
//! cost more than the copy.

use std::io::{self, IoSlice, Write};
use std::sync::Arc;

use crate::buffers::BufferPool;

/// Bytes of pieces gathered before they are written.
const GATHER: usize = 256 * 1024;
/// Pieces at least this long are gathered; shorter ones are copied.
const LARGE: usize = 4096;
/// At most this many slices in one vectored write (Linux's IOV_MAX).
const MAX_SLICES: usize = 1024;

pub struct Pieces<W: Write> {
    inner: W,
    pending: Vec<Vec<u8>>,
    pending_bytes: usize,
    /// Where written pieces go back to, when their maker reuses them.
    pool: Option<Arc<BufferPool>>,
}

impl<W: Write> Pieces<W> {
    pub fn new(inner: W) -> Self {
        Pieces {
            inner,
            pending: Vec::new(),
            pending_bytes: 0,
            pool: None,
        }
    }

    /// Pieces that, once written, are given back to `pool`.
    pub fn with_pool(inner: W, pool: Arc<BufferPool>) -> Self {
        Pieces {
            inner,
            pending: Vec::new(),
            pending_bytes: 0,
            pool: Some(pool),
        }
    }

    /// Adds a finished piece after everything written so far.
    pub fn push(&mut self, piece: Vec<u8>) -> io::Result<()> {
        if piece.len() < LARGE {
            self.write_all(&piece)?;
            if let Some(pool) = &self.pool {
                pool.give(piece);
            }
            return Ok(());
        }
        self.pending_bytes += piece.len();
        self.pending.push(piece);
        if self.pending_bytes >= GATHER || self.pending.len() >= MAX_SLICES {
            self.write_pending()?;
        }
        Ok(())
    }

    /// Writes the gathered pieces, in order.
    fn write_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut slices: Vec<IoSlice<'_>> = self.pending.iter().map(|p| IoSlice::new(p)).collect();
        let mut rest = &mut slices[..];
        while !rest.is_empty() {
            match self.inner.write_vectored(rest) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => IoSlice::advance_slices(&mut rest, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        match &self.pool {
            Some(pool) => pool.give_all(self.pending.drain(..)),
            None => self.pending.clear(),
        }
        self.pending_bytes = 0;
        Ok(())
    }
}

impl<W: Write> Write for Pieces<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_pending()?;
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.inner.flush()
    }
}

/// Like `BufWriter`: what is held is written when the writer goes away
/// (errors then have nobody to go to; `flush` reports them).
impl<W: Write> Drop for Pieces<W> {
    fn drop(&mut self) {
        let _ = self.write_pending();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes at most `limit` bytes per call, as a pipe may.
    struct Trickle {
        written: Vec<u8>,
        limit: usize,
        calls: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            let n = bytes.len().min(self.limit);
            self.written.extend_from_slice(&bytes[..n]);
            Ok(n)
        }
        fn write_vectored(&mut self, slices: &[IoSlice<'_>]) -> io::Result<usize> {
            self.calls += 1;
            let mut n = 0;
            for slice in slices {
                let take = slice.len().min(self.limit - n);
                self.written.extend_from_slice(&slice[..take]);
                n += take;
                if n == self.limit {
                    break;
                }
            }
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Large and small pieces and plain writes come out whole and in
    /// order, whatever the writer takes per call.
    #[test]
    fn pieces_come_out_whole_and_in_order() {
        for limit in [1, 7, 4096, 70_000, usize::MAX] {
            let mut expected = Vec::new();
            let mut out = Pieces::new(Trickle {
                written: Vec::new(),
                limit,
                calls: 0,
            });
            for i in 0..300u32 {
                let len = [10, 5000, 100, 20_000, 4095, 4096][i as usize % 6];
                let piece: Vec<u8> = (0..len).map(|j| (i as usize * 31 + j) as u8).collect();
                expected.extend_from_slice(&piece);
                out.push(piece).unwrap();
                if i % 50 == 0 {
                    writeln!(out, "line {i}").unwrap();
                    expected.extend_from_slice(format!("line {i}\n").as_bytes());
                }
            }
            out.flush().unwrap();
            assert_eq!(out.inner.written.len(), expected.len(), "limit {limit}");
            assert!(out.inner.written == expected, "limit {limit}");
        }
    }

    /// Large pieces are written together, not one call each.
    #[test]
    fn large_pieces_are_gathered_into_few_writes() {
        let mut out = Pieces::new(Trickle {
            written: Vec::new(),
            limit: usize::MAX,
            calls: 0,
        });
        for _ in 0..100 {
            out.push(vec![b'x'; 10_000]).unwrap();
        }
        out.flush().unwrap();
        assert_eq!(out.inner.written.len(), 1_000_000);
        // 100 pieces of 10 KB, gathered 256 KB at a time (27 pieces): 3
        // writes of 27 and the last 19 at the flush.
        assert_eq!(out.inner.calls, 4);
    }

    /// With a pool, every piece comes back once written, small or large,
    /// and none before.
    #[test]
    fn written_pieces_go_back_to_the_pool() {
        let pool = Arc::new(BufferPool::default());
        let mut out = Pieces::with_pool(
            Trickle {
                written: Vec::new(),
                limit: usize::MAX,
                calls: 0,
            },
            Arc::clone(&pool),
        );
        out.push(vec![b'a'; 10]).unwrap();
        let small = pool.take(0);
        assert!(small.capacity() >= 10, "the small piece, copied, is back");
        out.push(vec![b'b'; 5000]).unwrap();
        assert_eq!(pool.take(0).capacity(), 0, "a gathered piece waits");
        out.flush().unwrap();
        assert!(pool.take(0).capacity() >= 5000, "written, it is back");
        let mut expected = vec![b'a'; 10];
        expected.extend(vec![b'b'; 5000]);
        assert!(out.inner.written == expected);
    }
}

//! Output buffers handed back once written, for the next frames' texts:
//! `decode`'s workers take one per frame, the writing thread gives it back.
//!
//! Why: a full-detail or JSON frame's text is 10-20 KB, past the allocator's
//! small sizes, so each was mapped, faulted in page by page and purged
//! again: 5-7% of `decode`'s time went to page faults and purging. Buffers
//! that go round are faulted in once. There are never more of them than
//! frames in flight (the pipe bounds those), and a buffer a huge frame
//! grew is not kept, so memory stays what it was.

use std::sync::{Mutex, PoisonError};

/// A buffer larger than this is dropped rather than kept.
const KEEP_AT_MOST: usize = 1 << 20;
/// Spare buffers kept at most (more than the frames a pipe has in flight).
const SPARE_AT_MOST: usize = 1024;

#[derive(Default)]
pub struct BufferPool {
    spare: Mutex<Vec<Vec<u8>>>,
}

impl BufferPool {
    /// An empty buffer with room for at least `capacity` bytes: a spare one
    /// when there is one.
    pub fn take(&self, capacity: usize) -> Vec<u8> {
        let spare = self
            .spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match spare {
            // Grown when too small: buffers soon all have the room the
            // largest frames need, and then none grows again.
            Some(mut buffer) => {
                buffer.clear();
                buffer.reserve(capacity);
                buffer
            }
            None => Vec::with_capacity(capacity),
        }
    }

    /// A buffer whose text has been written, kept for `take`.
    pub fn give(&self, buffer: Vec<u8>) {
        self.give_all(std::iter::once(buffer));
    }

    /// Buffers whose texts have been written, kept for `take` (one lock);
    /// empty ones and huge ones are dropped, and past `SPARE_AT_MOST` the
    /// rest too.
    pub fn give_all(&self, buffers: impl Iterator<Item = Vec<u8>>) {
        let mut spare = self.spare.lock().unwrap_or_else(PoisonError::into_inner);
        for buffer in buffers {
            if spare.len() >= SPARE_AT_MOST {
                break;
            }
            if buffer.capacity() != 0 && buffer.capacity() <= KEEP_AT_MOST {
                spare.push(buffer);
            }
        }
    }

    #[cfg(test)]
    fn spare_count(&self) -> usize {
        self.spare.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_given_back_is_taken_again_empty_and_big_enough() {
        let pool = BufferPool::default();
        let mut first = pool.take(100);
        first.extend_from_slice(b"frame one");
        let at = first.as_ptr();
        pool.give(first);
        let second = pool.take(50);
        assert!(second.is_empty());
        assert_eq!(second.as_ptr(), at, "the same allocation comes back");
        assert!(second.capacity() >= 100);
        // Asked for more than it holds, it grows.
        pool.give(second);
        assert!(pool.take(10_000).capacity() >= 10_000);
    }

    #[test]
    fn huge_and_empty_buffers_are_not_kept_and_the_spares_are_bounded() {
        let pool = BufferPool::default();
        pool.give(Vec::with_capacity(KEEP_AT_MOST + 1));
        pool.give(Vec::new());
        assert_eq!(pool.spare_count(), 0);
        pool.give_all((0..SPARE_AT_MOST + 10).map(|_| Vec::with_capacity(8)));
        assert_eq!(pool.spare_count(), SPARE_AT_MOST);
        pool.give(Vec::with_capacity(8));
        assert_eq!(pool.spare_count(), SPARE_AT_MOST);
    }
}

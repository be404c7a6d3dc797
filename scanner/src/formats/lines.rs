//! Line-oriented reading with a hard cap on line length. A line longer than the cap is cut:
//! its first `max` bytes are returned and the rest is skipped without being buffered, so a
//! single 100 MB line costs no more memory than a short one.

use std::io::{self, BufRead};

pub(crate) struct LineReader<R> {
    inner: R,
    max: usize,
    buf: Vec<u8>,
    /// Lines that were longer than the cap.
    pub cut_lines: u64,
    /// Bytes consumed so far.
    pub consumed: u64,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R, max: usize) -> Self {
        LineReader {
            inner,
            max: max.max(1),
            buf: Vec::new(),
            cut_lines: 0,
            consumed: 0,
        }
    }

    /// The underlying reader, for formats that are not line oriented (JSON documents).
    pub fn inner_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The next line without its `\n` / `\r\n`, or `None` at the end.
    pub fn next_line(&mut self) -> io::Result<Option<&[u8]>> {
        self.buf.clear();
        let mut cut = false;
        let mut saw_any = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if !saw_any {
                    return Ok(None);
                }
                break;
            }
            saw_any = true;
            let (take, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            let room = self.max.saturating_sub(self.buf.len());
            let content = &available[..take];
            if content.len() <= room {
                self.buf.extend_from_slice(content);
            } else {
                self.buf.extend_from_slice(&content[..room]);
                cut = true;
            }
            self.inner.consume(take);
            self.consumed += take as u64;
            if done {
                break;
            }
        }
        if cut {
            self.cut_lines += 1;
        }
        while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
            self.buf.pop();
        }
        Ok(Some(&self.buf))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_not_buffered() {
        let mut data = vec![b'x'; 10_000];
        data.extend_from_slice(b"\nshort\r\nlast");
        let mut r = LineReader::new(io::BufReader::with_capacity(64, &data[..]), 100);
        assert_eq!(r.next_line().unwrap().unwrap().len(), 100);
        assert_eq!(r.next_line().unwrap().unwrap(), b"short");
        assert_eq!(r.next_line().unwrap().unwrap(), b"last");
        assert!(r.next_line().unwrap().is_none());
        assert_eq!(r.cut_lines, 1);
        assert!(r.buf.capacity() < 1_000);
    }
}

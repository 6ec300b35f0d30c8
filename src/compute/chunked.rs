//! A vector grown in fixed-size chunks. A `Vec` that doubles briefly holds its old and new
//! buffers, 1.5 times its size on top of the data; for the millions of messages and orders
//! of a big shop's month that spike is the run's peak memory. Chunks never move, and
//! `into_vec` copies them into one exact-size vector, freeing each as it goes.

/// Bytes per chunk: small beside the data, large enough that the chunk list stays short.
const CHUNK_BYTES: usize = 4 << 20;

pub struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    per_chunk: usize,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked { chunks: Vec::new(), per_chunk: (CHUNK_BYTES / std::mem::size_of::<T>().max(1)).max(1), len: 0 }
    }
}

impl<T> Chunked<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, value: T) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < self.per_chunk => chunk.push(value),
            _ => {
                let mut chunk = Vec::with_capacity(self.per_chunk);
                chunk.push(value);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.chunks.iter_mut().flatten()
    }

    /// One exact-size vector; each chunk is freed once copied.
    pub fn into_vec(self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len);
        for chunk in self.chunks {
            out.extend(chunk);
        }
        out
    }
}

impl<T> IntoIterator for Chunked<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.chunks.into_iter().flatten()
    }
}

impl<T> std::ops::Index<usize> for Chunked<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.chunks[i / self.per_chunk][i % self.per_chunk]
    }
}

impl<T> std::ops::IndexMut<usize> for Chunked<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i / self.per_chunk][i % self.per_chunk]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_across_chunks_and_keeps_the_order() {
        let mut c: Chunked<u32> = Chunked { per_chunk: 4, ..Chunked::default() };
        for i in 0..10 {
            c.push(i);
        }
        assert_eq!((c.len(), c.chunks.len()), (10, 3));
        c[9] = 99;
        assert_eq!((c[5], c[8], c[9]), (5, 8, 99));
        assert_eq!(c.iter().copied().collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 99]);
        assert_eq!(c.into_vec(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 99]);
    }

    #[test]
    fn chunks_hold_about_four_megabytes() {
        assert_eq!(Chunked::<[u8; 16]>::default().per_chunk, 262_144);
        assert_eq!(Chunked::<[u8; 8 << 20]>::default().per_chunk, 1);
    }
}

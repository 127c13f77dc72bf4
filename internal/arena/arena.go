// Package arena hands out small slices cut from large chunks, and reuses
// the chunks from one document to the next: the coder's stages make many
// short lists (a mention's entities, a trigger's words) that live no longer
// than the document.
package arena

// minChunk is the number of elements of a chunk, unless one slice needs
// more.
const minChunk = 1024

// Arena hands out slices of T. The zero value is ready to use; it is not
// safe for concurrent use.
type Arena[T any] struct {
	// Chunk is the number of elements of a new chunk, unless one slice
	// needs more; zero means 1024. An arena that serves one small
	// document's results, never reset, is sized to them.
	Chunk int

	chunks [][]T
	k      int // the chunk being cut, chunks[k] = buf[:0:cap]
	buf    []T
}

// Make returns a zeroed slice of n elements, with no room to grow: an
// append to it copies it out of the arena.
func (a *Arena[T]) Make(n int) []T {
	if cap(a.buf)-len(a.buf) < n {
		a.next(n)
	}
	k := len(a.buf)
	a.buf = a.buf[:k+n]
	s := a.buf[k : k+n : k+n]
	clear(s)
	return s
}

// Take returns an empty slice with room for n elements and no more, for a
// caller that appends what it keeps: unlike Make it does not clear the
// memory, which may hold elements of slices handed out before a Reset.
func (a *Arena[T]) Take(n int) []T {
	if cap(a.buf)-len(a.buf) < n {
		a.next(n)
	}
	k := len(a.buf)
	a.buf = a.buf[:k+n]
	return a.buf[k : k : k+n]
}

// next moves to a chunk with room for n elements.
func (a *Arena[T]) next(n int) {
	for a.k+1 < len(a.chunks) {
		a.k++
		if c := a.chunks[a.k]; cap(c) >= n {
			a.buf = c[:0]
			return
		}
	}
	size := a.Chunk
	if size <= 0 {
		size = minChunk
	}
	a.chunks = append(a.chunks, make([]T, 0, max(size, n)))
	a.k = len(a.chunks) - 1
	a.buf = a.chunks[a.k]
}

// Reset makes every slice handed out so far free for reuse: the caller
// must hold none of them any longer.
func (a *Arena[T]) Reset() {
	a.k = -1
	a.buf = nil
}

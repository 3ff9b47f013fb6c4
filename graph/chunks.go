package graph

import "net"

// chunks is the writer of a direct answer (direct.go): what it is given is
// kept in chunks that double from 4 KB up to 64 KB and are written to the
// response one after the other. A bytes.Buffer grows by copying into one
// twice its size, holding both at once, so a large answer (13 MB for
// operation 2 at scale) briefly took up to three times its size; in
// chunks it takes its own size.
type chunks struct {
	full net.Buffers
	cur  []byte
}

const (
	firstChunk = 4 << 10
	maxChunk   = 64 << 10
)

// room returns the free part of the current chunk, starting a new one
// when it is full.
func (c *chunks) room() []byte {
	if len(c.cur) == cap(c.cur) {
		size := firstChunk
		if c.cur != nil {
			c.full = append(c.full, c.cur)
			size = min(2*cap(c.cur), maxChunk)
		}
		c.cur = make([]byte, 0, size)
	}
	return c.cur[len(c.cur):cap(c.cur)]
}

func (c *chunks) Write(p []byte) (int, error) { return writeChunks(c, p), nil }

func (c *chunks) WriteString(s string) (int, error) { return writeChunks(c, s), nil }

// writeChunks copies b into c's chunks, a new one each time one is full.
func writeChunks[B string | []byte](c *chunks, b B) int {
	n := len(b)
	for len(b) > 0 {
		k := copy(c.room(), b)
		c.cur, b = c.cur[:len(c.cur)+k], b[k:]
	}
	return n
}

func (c *chunks) WriteByte(b byte) error {
	c.room()
	c.cur = append(c.cur, b)
	return nil
}

// buffers returns everything written, in order.
func (c *chunks) buffers() net.Buffers {
	if len(c.cur) == 0 {
		return c.full
	}
	return append(c.full, c.cur)
}

package graph

import (
	"bytes"
	"strings"
	"testing"
)

// TestChunksKeepWhatIsWritten: writes of every size, across chunk
// boundaries, come back in order and whole, in chunks no larger than
// maxChunk.
func TestChunksKeepWhatIsWritten(t *testing.T) {
	for _, c := range []struct {
		name   string
		writes []int
	}{
		{"nothing", nil},
		{"one byte", []int{1}},
		{"one write over many chunks", []int{300_000}},
		{"the first chunk exactly", []int{firstChunk, 1}},
		{"mixed", []int{1, 4095, 2, 70_000, 0, 3, 131_072, 5}},
	} {
		var got chunks
		var want bytes.Buffer
		for i, n := range c.writes {
			s := strings.Repeat(string(rune('a'+i%26)), n)
			switch i % 3 {
			case 0:
				_, _ = got.WriteString(s)
			case 1:
				_, _ = got.Write([]byte(s))
			default:
				for j := range len(s) {
					_ = got.WriteByte(s[j])
				}
			}
			want.WriteString(s)
		}
		bufs := got.buffers()
		for _, b := range bufs {
			if len(b) > maxChunk || len(b) == 0 {
				t.Errorf("%s: a chunk of %d bytes", c.name, len(b))
			}
		}
		if !bytes.Equal(bytes.Join(bufs, nil), want.Bytes()) {
			t.Errorf("%s: %d bytes back, want %d", c.name, len(bytes.Join(bufs, nil)), want.Len())
		}
	}
}

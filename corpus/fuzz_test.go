package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzChunk(f *testing.F) {
	for _, d := range bundled(f) {
		f.Add(d.Body[:min(len(d.Body), 1500)], 300)
	}
	f.Add("I. Heading\n1. Sub\nText here. More text.\nForum", 120)
	f.Add("a.B c… “d.” e?! F\r\n\r\n# H\n", 60)
	f.Fuzz(func(t *testing.T, body string, max int) {
		if !utf8.ValidString(body) || max < 0 || max > 5000 {
			t.Skip()
		}
		for _, s := range Sentences(body) {
			if s.Start < 0 || s.End > len(body) || s.Start >= s.End || body[s.Start:s.End] != s.Text {
				t.Fatalf("bad sentence span %+v", s)
			}
		}
		opts := ChunkOptions{MaxChars: max}
		ps := ChunkWith(Document{ID: "f", Body: body}, opts)
		limit := opts.withDefaults().MaxChars
		for i, p := range ps {
			if n := utf8.RuneCountInString(p.Text); n == 0 || n > limit {
				t.Fatalf("passage %d: %d runes, limit %d", i, n, limit)
			}
			if p.Start < 0 || p.End > len(body) || p.Start >= p.End {
				t.Fatalf("passage %d: offsets [%d:%d] of %d", i, p.Start, p.End, len(body))
			}
			for _, piece := range strings.Split(p.Text, "\n") {
				if !strings.Contains(body[p.Start:p.End], piece) {
					t.Fatalf("passage %d: %q not in its offsets", i, piece)
				}
			}
		}
	})
}

// Package safetext keeps text from articles, users and the model from
// driving a terminal or cluttering a Discord message: it removes C0 and C1
// control characters (escape sequences, bells, carriage returns), keeping
// newlines and tabs. It sits below every package that shows text, so the
// terminal and Discord use the same rule.
package safetext

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Strip returns s without C0 and C1 control characters other than newline
// and tab, and with each invalid UTF-8 byte replaced by U+FFFD (a raw 0x9B
// is CSI to an 8-bit terminal). An escape sequence goes whole, as a
// terminal would take it: "\x1b[2J" leaves nothing, not "[2J". A string
// sequence (OSC, DCS: "\x1b]0;title\a") ends at its terminator or at the
// end of the line, so a stray one cannot swallow the rest of an article.
func Strip(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i += escapeLen(s[i+n:]) + n
			continue
		case r == 0x9b: // C1 CSI
			i += csiLen(s[i+n:]) + n
			continue
		case r == 0x90, r == 0x9d, r == 0x9e, r == 0x9f: // C1 DCS, OSC, PM, APC
			i += stringLen(s[i+n:]) + n
			continue
		case keep(r):
			b.WriteRune(r) // an invalid byte comes as RuneError, written as U+FFFD
		}
		i += n
	}
	return b.String()
}

// escapeLen returns the length of the rest of an escape sequence whose ESC
// came just before s.
func escapeLen(s string) int {
	if s == "" {
		return 0
	}
	switch c := s[0]; {
	case c == '[':
		return 1 + csiLen(s[1:])
	case c == ']', c == 'P', c == 'X', c == '^', c == '_':
		return 1 + stringLen(s[1:])
	case c >= 0x20 && c <= 0x2f: // intermediates, then a final byte
		return sequenceLen(s, 0x2f, 0x30)
	case c >= 0x30 && c <= 0x7e: // a two-byte sequence: ESC c, ESC 7
		return 1
	}
	return 0
}

// csiLen returns the length of a control sequence's parameters,
// intermediates and final byte at the start of s.
func csiLen(s string) int { return sequenceLen(s, 0x3f, 0x40) }

// sequenceLen returns the length of the bytes from 0x20 to last at the
// start of s, and of the final byte (from first to 0x7e) after them.
func sequenceLen(s string, last, first byte) int {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] <= last {
		i++
	}
	if i < len(s) && s[i] >= first && s[i] <= 0x7e {
		i++
	}
	return i
}

// stringLen returns the length of a control string at the start of s, with
// its terminator (BEL, ESC \\ or ST); a newline ends it too, and is kept.
func stringLen(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			return i
		case r == 0x07, r == 0x9c:
			return i + n
		case r == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		}
		i += n
	}
	return len(s)
}

// keep reports whether r may be shown.
func keep(r rune) bool {
	switch {
	case r == '\n', r == '\t':
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return false
	}
	return true
}

// clean reports whether Strip would return s unchanged, without
// allocating: the common case.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !keep(rune(c)) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !keep(r) {
			return false
		}
		i += n
	}
	return true
}

// Writer strips what is written through it (see Strip) before passing it
// on. A rune split across two writes is held until its end arrives; an
// escape sequence split across two writes loses its ESC, which is what
// matters, and shows the rest.
type Writer struct {
	w       io.Writer
	pending []byte // the start of a rune the last write cut
}

// NewWriter returns a Writer over w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Unwrap returns the underlying writer, so a caller can still ask whether
// it is a terminal.
func (w *Writer) Unwrap() io.Writer { return w.w }

// Write writes p without its control characters. It reports len(p) on
// success, as the caller's bytes were all consumed.
func (w *Writer) Write(p []byte) (int, error) {
	buf := append(w.pending, p...)
	w.pending = nil
	if cut := partialRune(buf); cut < len(buf) {
		w.pending = append([]byte(nil), buf[cut:]...)
		buf = buf[:cut]
	}
	if _, err := io.WriteString(w.w, Strip(string(buf))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// partialRune returns where an incomplete rune at the end of b starts, or
// len(b) when b ends with a whole rune (or with bytes no rune could
// complete).
func partialRune(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			return len(b)
		}
	}
	return len(b)
}

package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"000_2d9b916d5eaa1a17", "000-2d9b916d5eaa1a17"},
		{"Escalating Tensions Between Russia", "escalating-tensions-between-russia"},
		{"Türkiye & Erdoğan's “visit”", "turkiye-erdogan-s-visit"},
		{"  --Hello,   World!--  ", "hello-world"},
		{"Москва", "москва"},
		{"!!!", ""},
		{"", ""},
		{"already-a-slug", "already-a-slug"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugLength(t *testing.T) {
	long := strings.Repeat("word ", 40)
	got := Slug(long)
	if n := utf8.RuneCountInString(got); n > maxSlugRunes {
		t.Errorf("Slug of a long title has %d runes, want <= %d: %q", n, maxSlugRunes, got)
	}
	if strings.HasSuffix(got, "-") || !strings.HasSuffix(got, "word") {
		t.Errorf("Slug cut mid-word or left a hyphen: %q", got)
	}
	if Slug(got) != got {
		t.Errorf("Slug is not idempotent on %q", got)
	}
}

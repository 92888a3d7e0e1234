package digest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLead(t *testing.T) {
	long := "The deaths of two ethnic Azerbaijanis amid allegations of torture during a police raid last week in the Russian city of Yekaterinburg has quickly escalated into a diplomatic confrontation highlighting difficulties in Russia's relations with other former Soviet republics."
	tests := []struct {
		name, title, body, want string
	}{
		{
			name:  "the repeated headline is skipped",
			title: "Diplomatic Tensions Rise",
			body:  "Diplomatic Tensions Rise\nThe brothers died in custody. Baku reacted with anger.",
			want:  "The brothers died in custody. Baku reacted with anger.",
		},
		{
			name:  "a photo credit and a heading are not prose",
			title: "Power Shift",
			body:  "Valery Sharifulin, Sputnik, Kremlin Pool Photo via AP, File\nBottom Line Up-Front\nIn a significant shift, tensions escalated sharply.",
			want:  "In a significant shift, tensions escalated sharply.",
		},
		{
			name:  "a note on the article is not its lead",
			title: "Insurance Row",
			body:  "Editor's Note: This article has been updated to include a statement from the ministry's spokesman.\nThe ministry criticised a statement on the insurance payments.",
			want:  "The ministry criticised a statement on the insurance payments.",
		},
		{
			name:  "a dateline is not prose",
			title: "Miners Freed",
			body:  "HALDEN, Estmark, March 14. Two miners were freed on Friday, the union said.",
			want:  "Two miners were freed on Friday, the union said.",
		},
		{
			name:  "the lead ends at a heading",
			title: "T",
			body:  "The first sentence is prose here.\nI. A Section Heading\nThe next section starts here.",
			want:  "The first sentence is prose here.",
		},
		{
			name:  "sentences are added while they fit",
			title: "T",
			body:  "The first sentence is short. " + long,
			want:  "The first sentence is short.",
		},
		{
			name:  "a sentence with a link is left out",
			title: "T",
			body:  "Read more at https://example.org/story today.\nThe court ruled on Monday in Baku.",
			want:  "The court ruled on Monday in Baku.",
		},
		{
			name:  "no prose: the first line",
			title: "T",
			body:  "Baku Court Ruling\nSputnik Staff Detained",
			want:  "Baku Court Ruling",
		},
		{
			name:  "text is kept as the source gives it",
			title: "T",
			body:  "Azerbaijan’s  prosecutor   said\u202e the Safarovs “died of heart failure”… reportedly.",
			want:  "Azerbaijan’s prosecutor said the Safarovs “died of heart failure”… reportedly.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := lead(tc.body, tc.title); got != tc.want {
				t.Errorf("lead = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLeadCutsLongSentenceAtAWord(t *testing.T) {
	long := strings.Repeat("Azerbaijan and Russia traded accusations again ", 8) + "today."
	got := lead(long, "T")
	if n := utf8.RuneCountInString(got); n > summaryLimit {
		t.Errorf("summary has %d characters, more than %d", n, summaryLimit)
	}
	if !strings.HasSuffix(got, "…") {
		t.Fatalf("cut summary %q does not end with …", got)
	}
	body := strings.TrimSuffix(got, "…")
	if !strings.HasPrefix(long, body) {
		t.Errorf("summary %q is not the start of the sentence", got)
	}
	if next := long[len(body)]; next != ' ' {
		t.Errorf("cut mid-word: %q is followed by %q", body, next)
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		s     string
		limit int
		want  string
	}{
		{"short enough", 20, "short enough"},
		{"one two three four", 10, "one two…"},
		{"one two, three four", 10, "one two…"}, // no comma before the ellipsis
		{"abcdefghijklmnop", 8, "abcdefg…"},     // one word too long: cut where it must
		{"Türkiye gains ground fast", 12, "Türkiye…"},
		// Not inside a name: it goes whole or with the cut.
		{"the newspaper reported, citing adviser Yury Ushakov, on Thursday", 45, "the newspaper reported, citing adviser…"},
	}
	for _, tc := range tests {
		if got := cut(tc.s, tc.limit); got != tc.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tc.s, tc.limit, got, tc.want)
		}
	}
}

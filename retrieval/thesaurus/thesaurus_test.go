package thesaurus

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kljensen/snowball/english"
)

func TestRelated(t *testing.T) {
	th, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		word, want string
	}{
		{"metropolis", "city"},
		{"cardiac", "heart"},
		{"automobile", "car"},
		{"tyrant", "dictator"},
		{"pact", "treaty"},
		{"explanation", "explain"},
		{"invade", "invasion"},
	} {
		rel := th.Related(english.Stem(tc.word, true))
		if !slices.Contains(rel, english.Stem(tc.want, true)) {
			t.Errorf("Related(%q) = %v, want it to hold %q", tc.word, rel, tc.want)
		}
	}
	// Two-word verbs, by their words' stems: their synonyms, or the verb
	// a sense of their own is a way of.
	for _, tc := range []struct{ a, b, want string }{
		{"call", "off", "cancel"},
		{"let", "go", "release"},
		{"lock", "up", "confine"},
		{"step", "down", "resign"},
	} {
		rel := th.Related(PhraseKey(english.Stem(tc.a, true), english.Stem(tc.b, true)))
		if !slices.Contains(rel, english.Stem(tc.want, true)) {
			t.Errorf("Related(%s %s) = %v, want it to hold %q", tc.a, tc.b, rel, tc.want)
		}
	}
	// A word's rare senses stay out: "machine" means a car only in its sixth sense.
	if rel := th.Related(english.Stem("automobile", true)); slices.Contains(rel, "machin") {
		t.Errorf("Related(automobile) = %v, holds machin", rel)
	}
	for _, stem := range []string{"yekaterinburg", "zzzz", "", "a"} {
		if rel := th.Related(stem); rel != nil {
			t.Errorf("Related(%q) = %v, want nil", stem, rel)
		}
	}
	var nilTh *Thesaurus
	if rel := nilTh.Related("citi"); rel != nil {
		t.Errorf("nil thesaurus: Related = %v, want nil", rel)
	}
}

func TestParse(t *testing.T) {
	th, err := parse("aa\tb c\nab\td\nb\te")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, k := range []string{"aa", "ab", "b", "a", "c"} {
		got[k] = th.Related(k)
	}
	want := map[string][]string{"aa": {"b", "c"}, "ab": {"d"}, "b": {"e"}, "a": nil, "c": nil}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Related (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"b\tx\na\ty\n", "nokey\n", "a\tx\na\ty\n"} {
		if _, err := parse(bad); err == nil {
			t.Errorf("parse(%q): no error", bad)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRelated(b *testing.B) {
	th, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		th.Related("metropoli")
	}
}

// TestBaseForm: an irregular verb form gives its base form; a form that is
// a word of its own ("left", "found", "saw") and any other word are left
// as they are.
func TestBaseForm(t *testing.T) {
	for form, want := range map[string]string{
		"flew": "fly", "flown": "fly", "paid": "pay", "held": "hold", "began": "begin", "fled": "flee", "met": "meet",
		"left": "left", "found": "found", "saw": "saw", "wound": "wound", "raided": "raided", "crisis": "crisis",
		// Left out by the generator, but verbs in news.
		"shook": "shake", "sent": "send", "spoke": "speak",
	} {
		if got := BaseForm(form); got != want {
			t.Errorf("BaseForm(%q) = %q, want %q", form, got, want)
		}
	}
}

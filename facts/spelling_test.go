package facts

import (
	"slices"
	"testing"
)

// TestFoldSpelling: British "-ise" forms take the "-ize" spelling, which
// stems alike with the American; words whose "-ise" is no suffix stay;
// "defence" is "defense".
func TestFoldSpelling(t *testing.T) {
	for w, want := range map[string]string{
		"apologised": "apologized", "criticising": "criticizing", "recognise": "recognize",
		"organisation": "organization", "organisations": "organizations", "mobilises": "mobilizes",
		"apologized": "apologized", "promise": "promise", "surprised": "surprised",
		"exercises": "exercises", "otherwise": "otherwise", "supervised": "supervised",
		"raised": "raised", "noise": "noise", "disguised": "disguised", "premises": "premises",
		"crises": "crises", "appraised": "appraised", "sunrise": "sunrise",
		// A few common words in "-ence", "-our" and "-re" take their
		// American spelling; others in those endings stay.
		"defence": "defense", "defences": "defenses", "behaviour": "behavior", "centre": "center",
		"neighbouring": "neighboring", "four": "four", "more": "more", "acre": "acre", "silence": "silence",
	} {
		if got := FoldSpelling(w); got != want {
			t.Errorf("FoldSpelling(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestKeyFoldsSpelling: the facts reader keys both spellings alike.
func TestKeyFoldsSpelling(t *testing.T) {
	if a, b := Key("apologised"), Key("apologized"); a != b {
		t.Errorf("Key: apologised → %q, apologized → %q", a, b)
	}
}

// TestKeyFoldsTransliterations: a name transliterated from Russian in two
// ways keys alike: an opening Е as "Ye" or "E", a closing "yy" or "y", "kh"
// or "h", "g" or "h".
func TestKeyFoldsTransliterations(t *testing.T) {
	for _, pair := range [][2]string{
		{"yekaterinburg", "ekaterinburg"}, {"yevgeny", "evgeny"}, {"zelenskyy", "zelensky"},
		{"huseyn", "guseyn"}, {"volokhov", "volohov"},
	} {
		if a, b := Key(pair[0]), Key(pair[1]); a != b {
			t.Errorf("Key: %s → %q, %s → %q", pair[0], a, pair[1], b)
		}
	}
	// Short words keep their "ye".
	if Key("yes") == Key("es") {
		t.Errorf("Key(yes) = Key(es) = %q", Key("yes"))
	}
}

// TestKeyFoldsDemonyms: a people's name and its land's key alike, by
// suffix: "Russian" and "Russia", "Kyrgyz" and "Kyrgyzstan", "Uzbek" and
// "Uzbekistan", "Kazakhstani" and "Kazakh"; "protest" keeps its "st".
func TestKeyFoldsDemonyms(t *testing.T) {
	for _, pair := range [][2]string{
		{"Russian", "Russia"}, {"Azerbaijani", "Azerbaijan"}, {"Kyrgyz", "Kyrgyzstan"},
		{"Uzbek", "Uzbekistan"}, {"Kazakhstani", "Kazakh"}, {"Afghan", "Afghanistan"},
	} {
		if a, b := Key(pair[0]), Key(pair[1]); a != b {
			t.Errorf("Key: %s → %q, %s → %q", pair[0], a, pair[1], b)
		}
	}
	if a, b := Key("protest"), Key("prote"); a == b {
		t.Errorf("Key: protest and prote both %q", a)
	}
}

// TestAskedVerbsLeaveARelativeClause: "When was the summit that Aliyev
// missed?" asks of the summit, not of missing it; "When was Belousov
// released?" asks of the release, and "the cancelled visit" is an
// adjective's.
func TestAskedVerbsLeaveARelativeClause(t *testing.T) {
	for q, want := range map[string][]string{
		"When was the informal summit that Tamm missed?":       nil,
		"When was the raid which killed two miners?":           nil,
		"When was Brandt released?":                            {"released"},
		"Why was the cancelled visit rescheduled?":             {"rescheduled"},
		"When was it announced that Brandt would be released?": {"announced", "released"},
	} {
		if got := AskedVerbs(q); !slices.Equal(got, want) {
			t.Errorf("AskedVerbs(%q) = %q, want %q", q, got, want)
		}
	}
}

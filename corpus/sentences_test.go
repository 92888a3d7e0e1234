package corpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "One thing happened. Another followed! Did it? Yes.",
			[]string{"One thing happened.", "Another followed!", "Did it?", "Yes."}},
		{"year before full stop", "cases dating back to 2001. Among the suspects were two brothers.",
			[]string{"cases dating back to 2001.", "Among the suspects were two brothers."}},
		{"curly quotes close the sentence",
			"According to Shiriyev, “Azerbaijan is no longer willing to accept it.” This new assertiveness follows.",
			[]string{"According to Shiriyev, “Azerbaijan is no longer willing to accept it.”", "This new assertiveness follows."}},
		{"straight quotes", `He called it "an extrajudicial killing." Moscow denied it.`,
			[]string{`He called it "an extrajudicial killing."`, "Moscow denied it."}},
		{"question inside a quote goes on", "“Why now?” he asked. Nobody answered.",
			[]string{"“Why now?” he asked.", "Nobody answered."}},
		{"apostrophes", "Sputnik's office was raided. Russia's FSB was named.",
			[]string{"Sputnik's office was raided.", "Russia's FSB was named."}},
		{"title abbreviations", "Dr. Smith met Mr. Aliyev in St. Petersburg. They talked.",
			[]string{"Dr. Smith met Mr. Aliyev in St. Petersburg.", "They talked."}},
		{"U.S. before a name goes on", "The U.S. State Department said nothing. The U.K. Foreign Office agreed.",
			[]string{"The U.S. State Department said nothing.", "The U.K. Foreign Office agreed."}},
		{"U.S. at the end of a sentence", "He studied in the U.S. The move surprised many.",
			[]string{"He studied in the U.S.", "The move surprised many."}},
		{"initials", "A. B. Jones wrote it. It was read.",
			[]string{"A. B. Jones wrote it.", "It was read."}},
		{"numbered headings", "I. Deaths in Detention Trigger Diplomatic Crisis\n1. Azerbaijani Brothers Die Under Suspicious Circumstances\nThe crisis began last Friday.",
			[]string{"I. Deaths in Detention Trigger Diplomatic Crisis", "1. Azerbaijani Brothers Die Under Suspicious Circumstances", "The crisis began last Friday."}},
		{"missing space after a full stop", "It ended in diplomacy.Diplomatic ties broke.",
			[]string{"It ended in diplomacy.", "Diplomatic ties broke."}},
		{"no split inside numbers, domains or lower case", "It cost 3.5 million, per News.Az and e.g. others. Done.",
			[]string{"It cost 3.5 million, per News.Az and e.g. others.", "Done."}},
		{"number abbreviations", "See No. 5 and Jan. 6 for details. Then stop.",
			[]string{"See No. 5 and Jan. 6 for details.", "Then stop."}},
		{"born and died before a year", "Among them were Huseyn Safarov (b. 1956) and Ziyaddin Safarov (b. 1970), who died. He was a trader (d. 2001).",
			[]string{"Among them were Huseyn Safarov (b. 1956) and Ziyaddin Safarov (b. 1970), who died.", "He was a trader (d. 2001)."}},
		{"ellipsis", "It was over… Then it began again.",
			[]string{"It was over…", "Then it began again."}},
		{"line breaks end sentences", "Conclusion\nThe deaths became a flashpoint.\nRelations soured",
			[]string{"Conclusion", "The deaths became a flashpoint.", "Relations soured"}},
		{"hard-wrapped paragraph is joined", "The brothers were detained by Russian investigators as part of an\ninquiry into killings spanning 25 years in Yekaterinburg. One\nof them died of heart failure.\n\nA second paragraph.",
			[]string{"The brothers were detained by Russian investigators as part of an\ninquiry into killings spanning 25 years in Yekaterinburg.", "One\nof them died of heart failure.", "A second paragraph."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Sentences(tt.text)
			var got []string
			for _, s := range spans {
				if tt.text[s.Start:s.End] != s.Text {
					t.Errorf("span [%d:%d] text %q != text[Start:End] %q", s.Start, s.End, s.Text, tt.text[s.Start:s.End])
				}
				got = append(got, s.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSentencesBundled checks offsets and coverage on the real corpus: the
// sentences are ordered, do not overlap, and together hold every
// non-space character of the body.
func TestSentencesBundled(t *testing.T) {
	docs, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		prev := 0
		nonSpace := 0
		for _, s := range Sentences(d.Body) {
			if s.Start < prev || s.End <= s.Start || d.Body[s.Start:s.End] != s.Text {
				t.Fatalf("%s: bad span %+v after offset %d", d.ID, s, prev)
			}
			for _, r := range d.Body[prev:s.Start] {
				if r != ' ' && r != '\n' && r != '\t' && r != '\r' {
					t.Errorf("%s: %q between sentences at %d is not in any sentence", d.ID, r, prev)
				}
			}
			prev = s.End
			nonSpace++
		}
		if nonSpace < 10 {
			t.Errorf("%s: only %d sentences", d.ID, nonSpace)
		}
	}
}

func TestIsDateline(t *testing.T) {
	for s, want := range map[string]bool{
		"BAKU, Azerbaijan, October 10.":               true,
		"YEKATERINBURG, June 30. /TASS/.":             true,
		"HALDEN, Estmark, March 14.":                  true,
		"Two miners were freed on Friday.":            false,
		"The Halden police detained Ola Brandt.":      false,
		"2025":                                        false,
		"Ola Brandt Of The Halden Miners Union Spoke": false,
	} {
		if got := IsDateline(s); got != want {
			t.Errorf("IsDateline(%q) = %v, want %v", s, got, want)
		}
	}
}

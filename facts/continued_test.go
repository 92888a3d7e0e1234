package facts

import (
	"fmt"
	"slices"
	"testing"
)

// TestAQuotationGoesOnInTheSpeakersWords: a quotation after the sentence
// that names its speaker, in that paragraph or as a paragraph alone after
// it, is the speaker's words; one that closes with a speaker of its own,
// a quoted name, or a quotation after words of no one's is not.
func TestAQuotationGoesOnInTheSpeakersWords(t *testing.T) {
	speech := func(body string) []string {
		var out []string
		for _, f := range kinds(Read(doc("x", "2025-07-01", body)), KindSpeech) {
			out = append(out, fmt.Sprintf("%s|%s|%v", f.Speech.Speaker, f.Text, f.Speech.Continued))
		}
		return out
	}
	tests := []struct {
		body string
		want []string
	}{
		{"“We cannot reach our staff by phone,” Ivo Tamm said. “The police came to the office. They took everything.”", []string{
			"Ivo Tamm|Ivo Tamm said|false",
			"Ivo Tamm|“The police came to the office|true",
			"Ivo Tamm|They took everything|true"}},
		{"Ivo Tamm said on Sunday that the port would reopen.\n\n“We demand the release of our sailors. There are no grounds for this.”", []string{
			"Ivo Tamm|Ivo Tamm said|false",
			"Ivo Tamm|“We demand the release of our sailors|true",
			"Ivo Tamm|There are no grounds for this|true"}},
		// A paragraph of words after a quotation of Tamm's goes on with
		// them, and "He" after it is Tamm.
		{"Ivo Tamm said the port would reopen.\n\n“We demand the release of our sailors.”\n\nHe said the strikes would end.", []string{
			"Ivo Tamm|Ivo Tamm said|false",
			"Ivo Tamm|“We demand the release of our sailors|true",
			"Ivo Tamm|He said|false"}},
		// A quotation that opens after its cue ("noted: “…") goes on in
		// the sentences after it.
		{"Ivo Tamm noted: “The port is a target. Halden is forced to act. We may lift the embargo.”", []string{
			"Ivo Tamm|Ivo Tamm noted|false",
			"Ivo Tamm|Halden is forced to act|true",
			"Ivo Tamm|We may lift the embargo|true"}},
		// The quotation names its own speaker when it closes.
		{"Ivo Tamm said the port would reopen.\n\n“We demand the release of our sailors. It is a disgrace,” Mara Lind said.", []string{
			"Ivo Tamm|Ivo Tamm said|false",
			"Mara Lind|Mara Lind said|false"}},
		// A quoted name opens a sentence of the article's own words.
		{"Ivo Tamm said the port would reopen.\n\n“Halden Star” was closed by the police on Monday.", []string{
			"Ivo Tamm|Ivo Tamm said|false"}},
		// No one spoke in the sentence before.
		{"The port reopened on Monday.\n\n“We demand the release of our sailors.”", nil},
		{"Ivo Tamm said the port would reopen.\n\nThe police closed the road.\n\n“We demand the release of our sailors.”", []string{
			"Ivo Tamm|Ivo Tamm said|false"}},
		// An outlet that passes words on is not who continues them.
		{"The port reopened on Monday, Halden News reports.\n\n“We demand the release of our sailors.”", []string{
			"Halden News|Halden News reports|false"}},
		// A subject, an aside between commas, then the cue: the subject
		// speaks. A paragraph after whose words end "…," they say is
		// theirs too, as one that opens "He said".
		{"Analysts, meanwhile, say Haldia's stance reflects a realignment.\n\nBuoyed by its victories, Haldia appears less willing to yield to \"heavy-handed diplomacy,\" they say, which could matter.", []string{
			"Analysts|Analysts, meanwhile, say|false",
			"Analysts|they say|false"}},
		{"Ivo Tamm said the port would reopen.\n\n\"We will not yield,\" he added.", []string{
			"Ivo Tamm|Ivo Tamm said|false",
			"Ivo Tamm|he added|false"}},
		// "told" is followed by whom it told: the speaker is the name
		// its description follows.
		{"The arrests are a pretext, Ivo Tamm, deputy chairman of the Committee on Trade, Transport and Relations with Neighbours, told Halden Radio.", []string{
			"Ivo Tamm|Ivo Tamm, deputy chairman of the Committee on Trade, Transport and Relations with Neighbours, told|false"}},
	}
	for _, tt := range tests {
		if got := speech(tt.body); !slices.Equal(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.body, got, tt.want)
		}
	}
}

// TestAnAsideInARelativeClauseMakesNoSpeaker: "examinations, which,
// unfortunately, confirmed": the relative clause's verb is no cue of the
// noun before it.
func TestAnAsideInARelativeClauseMakesNoSpeaker(t *testing.T) {
	for _, f := range kinds(Read(doc("x", "2025-07-01", "\"We ran the examinations, which, unfortunately, confirmed the fact of death,\" Ivo Tamm said.")), KindSpeech) {
		if f.Speech.Speaker == "examinations" {
			t.Errorf("speech %q of %q, want none of the examinations", f.Text, f.Speech.Speaker)
		}
	}
}

// TestContinuedWordsAreTheirSpeakersFacts: the counts a continued
// quotation gives are its speaker's.
func TestContinuedWordsAreTheirSpeakersFacts(t *testing.T) {
	fs := Read(doc("x", "2025-07-01", "“We cannot reach our staff,” Ivo Tamm said. “Nine of our sailors were detained.”"))
	qs := kinds(fs, KindQuantity)
	if len(qs) != 1 || qs[0].Source != "Ivo Tamm" {
		t.Fatalf("quantities %+v, want one whose source is Ivo Tamm", qs)
	}
}

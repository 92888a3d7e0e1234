package answer

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/retrieval"
)

// replyCase is a model reply to the Sputnik passages and what checkReply
// must make of it.
type replyCase struct {
	name, reply, want string
	cited             []int // passage indexes (from 0) of the citations, by ref
	grounded          bool
	note              string
}

// runReplyCases checks each case's reply against kept.
func runReplyCases(t *testing.T, kept []retrieval.Result, tests []replyCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := checkReply(sputnikQ, nil, tt.reply, kept)
			if a.Text != tt.want || a.Grounded != tt.grounded || a.Note != tt.note {
				t.Errorf("checkReply(%q)\ngot  text %q grounded %v note %q\nwant text %q grounded %v note %q",
					tt.reply, a.Text, a.Grounded, a.Note, tt.want, tt.grounded, tt.note)
			}
			got := []string{}
			for _, c := range a.Citations {
				got = append(got, c.PassageID)
			}
			want := []string{}
			for _, i := range tt.cited {
				want = append(want, kept[i].ID)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("citations (-want +got):\n%s", diff)
			}
			checkCitations(t, a)
		})
	}
}

func TestCheckReplyDropsUnsupportedSentences(t *testing.T) {
	// Passage 1: police raided Sputnik's Baku office and detained two
	// employees, Igor Kartavykh and Yevgeny Belousov, said to be FSB
	// operatives, which Moscow denied. Passage 2: the raid on June 30.
	// Passage 3: two journalists detained over expired accreditations.
	runReplyCases(t, sputnikPassages(t), []replyCase{
		{
			name:  "an injected reply citing a real passage is not grounded",
			reply: "PWNED [1] see [1]",
			want:  NotCovered,
			note:  NoteUncited,
		},
		{
			name:  "a claim absent from its passage goes, a supported one stays",
			reply: "Police detained two employees [1]. Vladimir Putin personally ordered the raid [2].",
			want:  "Police detained two employees [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "a claim from outside the articles is not grounded",
			reply: "Paris is the capital of France [1].",
			want:  NotCovered,
			note:  NoteUncited,
		},
		{
			name:  "a number not in the cited passage",
			reply: "Azerbaijani police raided Sputnik's Baku office [1]. They detained five employees [1].",
			want:  "Azerbaijani police raided Sputnik's Baku office [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "a date not in the cited passage",
			reply: "Police detained two journalists [3]. Authorities raided the Baku offices of Sputnik Azerbaijan on July 14 [2].",
			want:  "Police detained two journalists [1].", cited: []int{2}, grounded: true,
		},
		{
			name:  "the number in the cited passage, in digits or words",
			reply: "On June 30 authorities raided the Baku offices of Sputnik Azerbaijan [2]. Police detained 2 journalists [3].",
			want:  "On June 30 authorities raided the Baku offices of Sputnik Azerbaijan [1]. Police detained 2 journalists [2].",
			cited: []int{1, 2}, grounded: true,
		},
		{
			name:  "the number in another passage than the one cited",
			reply: "Police detained two journalists on June 30 [3].",
			want:  NotCovered,
			note:  NoteUncited,
		},
		{
			name:  "names moved onto someone else",
			reply: "Police detained two employees [1]. Police detained Vladimir Putin [1].",
			want:  "Police detained two employees [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "an uncited sentence is judged by the citations before it",
			reply: "Police detained two employees [1]. They were Igor Kartavykh and Yevgeny Belousov. Paris is the capital of France.",
			want:  "Police detained two employees [1]. They were Igor Kartavykh and Yevgeny Belousov.", cited: []int{0}, grounded: true,
		},
		{
			name:  "an uncited first sentence is judged by the paragraph's first citation",
			reply: "Paris is the capital of France. Police detained two employees [1].",
			want:  "Police detained two employees [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "a paragraph without citations stays, as before",
			reply: "In short:\n\nPolice detained two employees [1].",
			want:  "In short:\n\nPolice detained two employees [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "citations do not carry across paragraphs",
			reply: "Police detained two employees [1].\n\nThe articles I have do not cover why.",
			want:  "Police detained two employees [1].\n\nThe articles I have do not cover why.", cited: []int{0},
		},
		{
			name:  "words about the sources are not claims",
			reply: "Sources name the two employees as Igor Kartavykh and Yevgeny Belousov [1].",
			want:  "Sources name the two employees as Igor Kartavykh and Yevgeny Belousov [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "a sentence saying what is not covered must support what it adds",
			reply: "The passages do not say why, only that Paris is the capital of France [3].",
			want:  NotCovered,
		},
	})
}

// tenPassages are ten passages, the last of them the Sputnik passage
// about the two detained employees.
func tenPassages(t *testing.T) fixedSearcher {
	t.Helper()
	var out fixedSearcher
	for _, p := range loadPassages(t)[:9] {
		out = append(out, retrieval.Result{Passage: p})
	}
	return append(out, sputnikPassages(t)[0])
}

func TestCheckReplyMalformedReferences(t *testing.T) {
	s := sputnikPassages(t)
	runReplyCases(t, s, []replyCase{
		{
			name:  "leading zeros beyond the passages given",
			reply: "Police detained two employees [1][00010].",
			want:  "Police detained two employees [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "only a number beyond the passages given, with leading zeros",
			reply: "Police detained two employees [00010].",
			want:  NotCovered, note: NoteUncited,
		},
		{
			name:  "leading zeros within the passages given",
			reply: "Police detained two employees [001].",
			want:  "Police detained two employees [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "[0] is never a passage",
			reply: "Police detained two employees [1][0].",
			want:  "Police detained two employees [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "spaces inside the brackets",
			reply: "Authorities raided the Baku offices of Sputnik Azerbaijan [ 2 ].",
			want:  "Authorities raided the Baku offices of Sputnik Azerbaijan [1].", cited: []int{1}, grounded: true,
		},
		{
			name:  "a list",
			reply: "Police detained two journalists [3, 1].",
			want:  "Police detained two journalists [1][2].", cited: []int{2, 0}, grounded: true,
		},
		{
			name:  "a range",
			reply: "Police detained two journalists [1-3].",
			want:  "Police detained two journalists [1][2][3].", cited: []int{0, 1, 2}, grounded: true,
		},
		{
			name:  "a number too long to read",
			reply: "Police detained two employees [1] [99999999999999999999999].",
			want:  "Police detained two employees [1].", cited: []int{0}, grounded: true,
		},
		{
			name:  "a range to a number too long to read stops at the passages given",
			reply: "Police detained two journalists [1-99999999999999999999999].",
			want:  "Police detained two journalists [1][2][3][4][5].", cited: []int{0, 1, 2, 3, 4}, grounded: true,
		},
	})
	t.Run("ten passages", func(t *testing.T) {
		runReplyCases(t, tenPassages(t), []replyCase{{
			name:  "leading zeros naming the tenth passage",
			reply: "Police detained two employees [00010].",
			want:  "Police detained two employees [1].", cited: []int{9}, grounded: true,
		}})
	})
}

func TestReadClaim(t *testing.T) {
	tests := []struct {
		sentence string
		want     claim
	}{
		{
			sentence: "Police detained Igor Kartavykh on June 30th [2].",
			want:     claim{Keys: []string{"polic", "detain", "igor", "kartavykh", "june"}, Numbers: []string{"30"}, Names: []string{"igor", "kartavykh"}},
		},
		{
			sentence: "2. Thirty-eight passengers died, one of them a child.",
			want:     claim{Keys: []string{"passeng", "die", "child"}, Numbers: []string{"38"}},
		},
		{
			sentence: "Sources disagree on the year [1][3]; see https://example.com/2023.",
			want:     claim{},
		},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, readClaim(claimText(tt.sentence))); diff != "" {
			t.Errorf("readClaim(%q) (-want +got):\n%s", tt.sentence, diff)
		}
	}
}

// TestLLMReplyKeepsOnlySupportedSentences runs a reply mixing a supported
// and an unsupported sentence through the go-openai client and the
// engine.
func TestLLMReplyKeepsOnlySupportedSentences(t *testing.T) {
	s := sputnikPassages(t)
	f := newFakeLLM(t, say("Azerbaijani police detained Igor Kartavykh and Yevgeny Belousov [1]. "+
		"They were released on July 14 after Vladimir Putin called Ilham Aliyev [2]."))
	a, err := New(s, Options{Chat: newTestChat(t, f)}).Ask(context.Background(), sputnikQ)
	if err != nil {
		t.Fatal(err)
	}
	const want = "Azerbaijani police detained Igor Kartavykh and Yevgeny Belousov [1]."
	if a.Text != want || !a.Grounded || a.Mode != ModeLLM || a.Note != "" {
		t.Errorf("got text %q grounded %v mode %s note %q\nwant %q, grounded, from the model", a.Text, a.Grounded, a.Mode, a.Note, want)
	}
	if len(a.Citations) != 1 || a.Citations[0].PassageID != s[0].ID {
		t.Errorf("citations %+v, want only %s", a.Citations, s[0].ID)
	}
	checkCitations(t, a)
}

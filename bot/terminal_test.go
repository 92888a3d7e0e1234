package bot

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/retrieval"
)

// echoAnswer answers q with a sentence naming it, citing the sample
// passages, so a transcript shows which question each answer is for.
func echoAnswer(q string, _ []answer.Turn) (answer.Answer, error) {
	a := sampleAnswer(q)
	a.Text = "Answer to “" + q + "” [1]."
	a.Disagreement = ""
	return a, nil
}

func TestTerminalRun(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	asker := &fakeAsker{reply: echoAnswer}
	corpus := fakeCorpus{docs: []retrieval.DocInfo{
		{ID: "fallout", Title: "Deaths in Detention", Published: "2025-06-30", PublishedPrecision: "week"},
		{ID: "raid", Title: "Sputnik raided", Outlet: "OC Media", Published: "2025-07-01", PublishedPrecision: "day"},
	}}
	b := newCoreBot(t, Options{Asker: asker, Corpus: corpus, Store: store})
	in := strings.Join([]string{
		"/good",
		"Who died in Yekaterinburg?",
		"",
		"What did Russia say?",
		"/good",
		"/passages",
		"/new",
		"Why was Sputnik raided?",
		"/ask question:Who was detained? private:true",
		"/sources",
		"/frobnicate now",
		"/bad",
		"/help",
		"/quit",
		"Never asked?",
	}, "\n")
	var out bytes.Buffer
	if err := NewTerminal(b, User{Name: "you"}).Run(context.Background(), strings.NewReader(in), &out, false); err != nil {
		t.Fatalf("Run: %v", err)
	}

	// Questions are answered in order; a follow-up carries the earlier
	// turn, and /new starts afresh.
	turn := func(q string) answer.Turn {
		a, _ := echoAnswer(q, nil)
		return answer.Turn{Question: q, Answer: a.Text}
	}
	wantCalls := []askCall{
		{Question: "Who died in Yekaterinburg?"},
		{Question: "What did Russia say?", History: []answer.Turn{turn("Who died in Yekaterinburg?")}},
		{Question: "Why was Sputnik raided?"},
		{Question: "Who was detained?", History: []answer.Turn{turn("Why was Sputnik raided?")}},
	}
	if diff := cmp.Diff(wantCalls, asker.Calls()); diff != "" {
		t.Errorf("the engine was asked (-want +got):\n%s", diff)
	}

	// /good and /bad vote on the latest answer.
	votes, err := ReadFeedback(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range votes {
		got = append(got, v.UserID+" "+v.Vote+" "+v.Question)
	}
	want := []string{"terminal up What did Russia say?", "terminal down Who was detained?"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}

	golden := filepath.Join("testdata", "terminal.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantOut, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./bot/ -run TestTerminalRun -update to create it)", err)
	}
	if diff := cmp.Diff(string(wantOut), out.String()); diff != "" {
		t.Errorf("transcript (-%s +got):\n%s", golden, diff)
	}
}

func TestTerminalVoteAfterFailedQuestion(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	asker := &fakeAsker{reply: func(q string, h []answer.Turn) (answer.Answer, error) {
		if q == "Broken?" {
			return answer.Answer{}, errors.New("index unavailable")
		}
		return echoAnswer(q, h)
	}}
	term := NewTerminal(newCoreBot(t, Options{Asker: asker, Store: store}), User{})
	for _, line := range []string{"Who died?", "Broken?"} {
		term.Line(context.Background(), line)
	}
	// The answer on screen is the apology: /good must not rate the one
	// before it.
	got, _ := term.Line(context.Background(), "/good")
	if diff := cmp.Diff(note("/good presses a button of the last reply, and it has none."), got); diff != "" {
		t.Errorf("/good after a failed question (-want +got):\n%s", diff)
	}
	// /sources and /about have no buttons and leave the last answer be.
	term.Line(context.Background(), "Who died?")
	term.Line(context.Background(), "/sources")
	if got, _ := term.Line(context.Background(), "/bad"); !strings.Contains(got.Text, "👎 is recorded") {
		t.Errorf("/bad after /sources = %+v, want the vote recorded", got)
	}
	votes, err := ReadFeedback(dir)
	if err != nil || len(votes) != 1 {
		t.Errorf("votes = %+v, %v; want the one /bad", votes, err)
	}
}

func TestTerminalPrompt(t *testing.T) {
	b := newCoreBot(t, Options{})
	var out bytes.Buffer
	if err := NewTerminal(b, User{}).Run(context.Background(), strings.NewReader("/new\n"), &out, true); err != nil {
		t.Fatal(err)
	}
	// Interactive input is echoed by the terminal, so only the prompt and
	// the reply are printed.
	if got, want := out.String(), "> Started a new conversation.\n\n> \n"; got != want {
		t.Errorf("interactive output = %q, want %q", got, want)
	}
}

func TestTerminalStopsWithCtx(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	asker := &fakeAsker{reply: func(q string, h []answer.Turn) (answer.Answer, error) {
		cancel() // the user pressed Ctrl-C while the answer was composed
		return echoAnswer(q, h)
	}}
	b := newCoreBot(t, Options{Asker: asker})
	var out bytes.Buffer
	err := NewTerminal(b, User{}).Run(ctx, strings.NewReader("First?\nSecond?\n"), &out, false)
	if err != context.Canceled {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if n := len(asker.Calls()); n != 1 {
		t.Errorf("%d questions asked after the context ended, want 1", n)
	}
}

func TestParseOptions(t *testing.T) {
	ask := (&Bot{opts: Options{MaxQuestionChars: 100}}).askCommand()
	kv := Command{Name: "kv", Options: []Option{{Name: "key", Type: String}, {Name: "key2", Type: String}}}
	single := Command{Name: "timeline", Options: []Option{{Name: "topic", Type: String}}}
	tests := []struct {
		name string
		cmd  Command
		rest string
		want map[string]string
	}{
		{"bare text is the question", ask, "why?", map[string]string{"question": "why?"}},
		{"nothing", ask, "", map[string]string{}},
		{"named", ask, "question:Who was detained? private:true", map[string]string{"question": "Who was detained?", "private": "true"}},
		{"text before an option", ask, "Who was detained?  private:true", map[string]string{"question": "Who was detained?", "private": "true"}},
		{"only an option", ask, "private:true", map[string]string{"private": "true"}},
		{"values are trimmed", ask, "question:   Who died?   ", map[string]string{"question": "Who died?"}},
		{"unknown name stays in the text", ask, "what does foo:bar mean", map[string]string{"question": "what does foo:bar mean"}},
		{"a URL stays in the text", ask, "question:is https://example.org/x true?", map[string]string{"question": "is https://example.org/x true?"}},
		{"values with spaces", kv, "key:value key2:value with spaces", map[string]string{"key": "value", "key2": "value with spaces"}},
		{"a time is no option name", kv, "key:at 12:30 key2:x", map[string]string{"key": "at 12:30", "key2": "x"}},
		{"no required option takes bare text", kv, "loose words", map[string]string{}},
		{"a single option takes bare text", single, "airliner downing", map[string]string{"topic": "airliner downing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, parseOptions(tt.cmd, tt.rest)); diff != "" {
				t.Errorf("parseOptions(%q) (-want +got):\n%s", tt.rest, diff)
			}
		})
	}
}

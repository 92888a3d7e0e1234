package bot

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
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
	votes, _, err := ReadFeedback(dir)
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
	votes, _, err := ReadFeedback(dir)
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
		// loose is the text no option takes.
		loose string
	}{
		{"bare text is the question", ask, "why?", map[string]string{"question": "why?"}, ""},
		{"nothing", ask, "", map[string]string{}, ""},
		{"named", ask, "question:Who was detained? private:true", map[string]string{"question": "Who was detained?", "private": "true"}, ""},
		{"text before an option", ask, "Who was detained?  private:true", map[string]string{"question": "Who was detained?", "private": "true"}, ""},
		{"only an option", ask, "private:true", map[string]string{"private": "true"}, ""},
		{"values are trimmed", ask, "question:   Who died?   ", map[string]string{"question": "Who died?"}, ""},
		{"unknown name stays in the text", ask, "what does foo:bar mean", map[string]string{"question": "what does foo:bar mean"}, ""},
		{"a URL stays in the text", ask, "question:is https://example.org/x true?", map[string]string{"question": "is https://example.org/x true?"}, ""},
		{"values with spaces", kv, "key:value key2:value with spaces", map[string]string{"key": "value", "key2": "value with spaces"}, ""},
		{"a time is no option name", kv, "key:at 12:30 key2:x", map[string]string{"key": "at 12:30", "key2": "x"}, ""},
		{"no required option takes bare text", kv, "loose words", map[string]string{}, "loose words"},
		{"an unknown name is loose text", kv, "abut:Sputnik", map[string]string{}, "abut:Sputnik"},
		{"a single option takes bare text", single, "airliner downing", map[string]string{"topic": "airliner downing"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, loose := parseOptions(tt.cmd, tt.rest)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseOptions(%q) (-want +got):\n%s", tt.rest, diff)
			}
			if loose != tt.loose {
				t.Errorf("parseOptions(%q) left %q loose, want %q", tt.rest, loose, tt.loose)
			}
		})
	}
}

// TestTerminalLongLine: a 10 MB line is refused with the question-length
// note, and the questions after it are answered.
func TestTerminalLongLine(t *testing.T) {
	asker := &fakeAsker{reply: echoAnswer}
	b := newCoreBot(t, Options{Asker: asker})
	huge := strings.Repeat("a", 10<<20)
	in := "Who died?\n" + huge + "\nWhat did Russia say?\n"
	var out bytes.Buffer
	if err := NewTerminal(b, User{}).Run(context.Background(), strings.NewReader(in), &out, false); err != nil {
		t.Fatalf("Run: %v", err)
	}
	var asked []string
	for _, c := range asker.Calls() {
		asked = append(asked, c.Question)
	}
	if diff := cmp.Diff([]string{"Who died?", "What did Russia say?"}, asked); diff != "" {
		t.Errorf("questions asked (-want +got):\n%s", diff)
	}
	want := "Your question is 10485760 characters long; I take questions of up to 1000. Please shorten it."
	if !strings.Contains(out.String(), want) {
		t.Errorf("transcript lacks %q", want)
	}
	if out.Len() > 10_000 {
		t.Errorf("transcript is %d bytes: the long line was echoed", out.Len())
	}
}

// TestReadLineUnterminated: a line end is not part of the line, a line
// over the kept size is cut and counted whole, and the last line needs no
// newline.
func TestReadLineUnterminated(t *testing.T) {
	rd := bufio.NewReader(strings.NewReader("héllo\r\nabcdefg\nlast"))
	for _, want := range []struct {
		line  string
		runes int
		long  bool
	}{{"héllo", 5, false}, {"abcdef", 7, true}, {"last", 4, false}} {
		line, runes, long, err := readLine(rd, 6)
		if err != nil || line != want.line || runes != want.runes || long != want.long {
			t.Errorf("readLine = %q, %d, %v, %v; want %q, %d, %v", line, runes, long, err, want.line, want.runes, want.long)
		}
	}
	if _, _, _, err := readLine(rd, 6); err != io.EOF {
		t.Errorf("after the last line: %v, want io.EOF", err)
	}
}

// TestFeedbackKeepsTheTurnAFollowUpFollowed: a vote on a follow-up
// records the question it followed, so "what did Russia say?" reads.
func TestFeedbackKeepsTheTurnAFollowUpFollowed(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	term := NewTerminal(newCoreBot(t, Options{Asker: &fakeAsker{reply: echoAnswer}, Store: store}), User{})
	for _, line := range []string{"Who died in Yekaterinburg?", "/good", "What did Russia say?", "/bad"} {
		term.Line(context.Background(), line)
	}
	votes, _, err := ReadFeedback(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range votes {
		got = append(got, v.Question+" after "+v.FollowsUp)
	}
	want := []string{"Who died in Yekaterinburg? after ", "What did Russia say? after Who died in Yekaterinburg?"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}
}

package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/retrieval"
)

// reindexCommand is an admin-only command, as a test adds it.
func reindexCommand(ran *int) Command {
	return Command{
		Name: "reindex", Description: "Rebuild the index.", Admin: true,
		Run: func(ctx context.Context, req Request) (Reply, error) {
			*ran++
			return Reply{Text: "Reindexed."}, nil
		},
		Press: func(ctx context.Context, p Press) (Reply, error) { return Reply{Text: "Pressed " + p.Action}, nil },
	}
}

func askRequest(user, question string) Request {
	return Request{Command: "ask", Options: map[string]string{"question": question}, User: User{ID: user, Name: user}}
}

func TestNewValidates(t *testing.T) {
	store, err := OpenStore(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{Corpus: fakeCorpus{}, Store: store}); err == nil {
		t.Error("New accepted Options without an Asker")
	}
	_, err = New(Options{Asker: &fakeAsker{}, Corpus: fakeCorpus{}, Store: store, Commands: []Command{{Name: "ask"}}})
	if err == nil || !strings.Contains(err.Error(), `"ask"`) {
		t.Errorf("New with a second /ask = %v, want an error naming it", err)
	}
}

func TestAdmit(t *testing.T) {
	ran := 0
	b := newCoreBot(t, Options{MaxQuestionChars: 20, Commands: []Command{reindexCommand(&ran)}})
	tests := []struct {
		name       string
		req        Request
		want       *Reply // nil: admitted
		wantTicket bool
	}{
		{
			name: "unknown command",
			req:  Request{Command: "frobnicate"},
			want: &Reply{Text: "I don't know the command /frobnicate.", Ephemeral: true},
		},
		{
			name: "admin command refused for a member",
			req:  Request{Command: "reindex", User: User{ID: "u1"}},
			want: &Reply{Text: "/reindex needs the Manage Server permission.", Ephemeral: true},
		},
		{
			name: "admin command allowed for an admin",
			req:  Request{Command: "reindex", User: User{ID: "u1"}, Admin: true},
		},
		{
			name: "empty question",
			req:  askRequest("u1", " \n "),
			want: &Reply{Text: "Ask me a question, e.g. “Why did Baku cancel Overchuk's visit?”", Ephemeral: true},
		},
		{
			name: "over-long question, counted in characters",
			req:  askRequest("u1", strings.Repeat("ы", 25)),
			want: &Reply{Text: "Your question is 25 characters long; I take questions of up to 20. Please shorten it.", Ephemeral: true},
		},
		{
			name:       "question of the longest length",
			req:        askRequest("u1", strings.Repeat("ы", 20)),
			wantTicket: true,
		},
		{
			name: "no command",
			req:  Request{},
			want: &Reply{Text: "I don't know the command /.", Ephemeral: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk, refusal := b.Admit(tt.req)
			defer tk.Release()
			if diff := cmp.Diff(tt.want, refusal); diff != "" {
				t.Errorf("refusal (-want +got):\n%s", diff)
			}
			if (tk != nil) != tt.wantTicket {
				t.Errorf("ticket = %v, want one: %v", tk, tt.wantTicket)
			}
		})
	}
	tk, refusal := b.Admit(Request{Command: "reindex", Admin: true})
	if refusal != nil {
		t.Fatalf("admin refused: %+v", refusal)
	}
	if r := b.Execute(context.Background(), Request{Command: "reindex", Admin: true}, tk); r.Text != "Reindexed." || ran != 1 {
		t.Errorf("admin Execute = %+v (ran %d times), want the command's reply", r, ran)
	}
}

func TestAdmitLimits(t *testing.T) {
	m := NewMetrics(prometheus.NewRegistry())
	logger, logs := newLogBuffer()
	b := newCoreBot(t, Options{Limits: Limits{PerUser: 1, Window: time.Minute, InFlight: 1}, Metrics: m, Logger: logger})

	held, refusal := b.Admit(askRequest("alice", "Who died?"))
	if refusal != nil {
		t.Fatalf("first question refused: %+v", refusal)
	}
	_, refusal = b.Admit(askRequest("bob", "Who died?"))
	want := &Reply{Text: "I'm answering a lot of questions right now. Please try again in about 5 s.", Ephemeral: true}
	if diff := cmp.Diff(want, refusal); diff != "" {
		t.Errorf("while busy (-want +got):\n%s", diff)
	}
	held.Release()
	_, refusal = b.Admit(askRequest("alice", "And then?"))
	want = &Reply{Text: "You're asking faster than I can keep up with. Please try again in 60 s.", Ephemeral: true}
	if diff := cmp.Diff(want, refusal); diff != "" {
		t.Errorf("over the user's rate (-want +got):\n%s", diff)
	}
	// Commands that are not Limited never count.
	for range 3 {
		if tk, r := b.Admit(Request{Command: "sources", User: User{ID: "alice"}}); tk != nil || r != nil {
			t.Errorf("/sources: ticket %v, refusal %+v; want neither", tk, r)
		}
	}
	for reason, want := range map[string]float64{"user": 1, "busy": 1} {
		if got := testutil.ToFloat64(m.rateLimited.WithLabelValues(reason)); got != want {
			t.Errorf("rate_limited{reason=%q} = %v, want %v", reason, got, want)
		}
	}
	if !strings.Contains(logs.String(), `msg="request refused by a limit" reason=user user=alice retry_after=1m0s`) {
		t.Errorf("the user refusal was not logged:\n%s", logs)
	}
}

// latencySum returns the answer latency histogram's sample count and sum.
func latencySum(t *testing.T, m *Metrics) (uint64, float64) {
	t.Helper()
	var out dto.Metric
	if err := m.latency.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.GetHistogram().GetSampleCount(), out.GetHistogram().GetSampleSum()
}

func TestExecuteEngineError(t *testing.T) {
	m := NewMetrics(prometheus.NewRegistry())
	logger, logs := newLogBuffer()
	clock := newFakeClock()
	asker := &fakeAsker{reply: func(string, []answer.Turn) (answer.Answer, error) {
		clock.Advance(2 * time.Second)
		return answer.Answer{}, errors.New("embed query: connection refused")
	}}
	b := newCoreBot(t, Options{Asker: asker, Clock: clock, Metrics: m, Logger: logger, Limits: Limits{InFlight: 1}})
	req := askRequest("alice", "Who died?")
	tk, refusal := b.Admit(req)
	if refusal != nil {
		t.Fatalf("refused: %+v", refusal)
	}
	got := b.Execute(context.Background(), req, tk)
	want := Reply{Text: "Something went wrong on my side, and the operators can see what. Please try again later.", Ephemeral: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reply (-want +got):\n%s", diff)
	}
	if !strings.Contains(logs.String(), `level=ERROR msg="command failed" command=ask err="answer question: embed query: connection refused"`) {
		t.Errorf("the error was not logged with its cause:\n%s", logs)
	}
	if v := testutil.ToFloat64(m.answers.WithLabelValues("none", "error")); v != 1 {
		t.Errorf(`answers{mode="none",outcome="error"} = %v, want 1`, v)
	}
	if n, sum := latencySum(t, m); n != 1 || sum != 2 {
		t.Errorf("latency: %d samples summing to %v s, want 1 of 2 s", n, sum)
	}
	// The slot is free again.
	if tk, refusal := b.Admit(req); refusal != nil {
		t.Errorf("after a failed answer the next question was refused: %+v", refusal)
	} else {
		tk.Release()
	}
}

func TestExecuteAnswer(t *testing.T) {
	abstained := answer.Answer{Text: "The articles do not say.", Mode: answer.ModeExtractive}
	fallback := sampleAnswer("q")
	fallback.ModelErr = errors.New("model timed out")
	fallback.Note = "The language model was unavailable, so this answer quotes the articles."
	llm := sampleAnswer("q")
	llm.Mode, llm.Model = answer.ModeLLM, "qwen2.5:7b"
	tests := []struct {
		name        string
		ans         answer.Answer
		private     bool
		wantMode    string
		wantOutcome string
		wantFooter  string
		wantButtons []string // actions
		wantLog     string
	}{
		{
			name: "grounded extractive", ans: sampleAnswer("q"), wantMode: "extractive", wantOutcome: "grounded",
			wantFooter: "extractive: quoted from the articles, no language model", wantButtons: []string{"up", "down", "src"},
		},
		{
			name: "private", ans: sampleAnswer("q"), private: true, wantMode: "extractive", wantOutcome: "grounded",
			wantFooter: "extractive: quoted from the articles, no language model", wantButtons: []string{"up", "down", "src"},
		},
		{
			name: "abstained: no sources button, no footer", ans: abstained, wantMode: "extractive", wantOutcome: "abstained",
			wantButtons: []string{"up", "down"},
		},
		{
			name: "model failed, answered extractively", ans: fallback, wantMode: "extractive", wantOutcome: "fallback",
			wantFooter: "extractive: quoted from the articles, no language model", wantButtons: []string{"up", "down", "src"},
			wantLog: `level=WARN msg="language model failed; answered extractively" err="model timed out"`,
		},
		{
			name: "language model", ans: llm, wantMode: "llm", wantOutcome: "grounded",
			wantFooter: "answered by qwen2.5:7b from the articles", wantButtons: []string{"up", "down", "src"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMetrics(prometheus.NewRegistry())
			logger, logs := newLogBuffer()
			asker := &fakeAsker{reply: func(string, []answer.Turn) (answer.Answer, error) { return tt.ans, nil }}
			b := newCoreBot(t, Options{Asker: asker, Metrics: m, Logger: logger})
			req := askRequest("alice", "Why did the brothers die?")
			if tt.private {
				req.Options["private"] = "true"
			}
			history := []answer.Turn{{Question: "Who died?", Answer: "Ziyaddin and Huseyn Safarov [1]."}}
			req.History = history
			tk, refusal := b.Admit(req)
			if refusal != nil {
				t.Fatalf("refused: %+v", refusal)
			}
			got := b.Execute(context.Background(), req, tk)

			if diff := cmp.Diff([]askCall{{Question: "Why did the brothers die?", History: history}}, asker.Calls()); diff != "" {
				t.Errorf("the engine was asked (-want +got):\n%s", diff)
			}
			if got.Ephemeral != tt.private {
				t.Errorf("Ephemeral = %v, want %v", got.Ephemeral, tt.private)
			}
			if got.Text != tt.ans.Text || got.Footer != tt.wantFooter || got.Note != tt.ans.Note || got.Disagreement != tt.ans.Disagreement {
				t.Errorf("reply text %q, footer %q, note %q, disagreement %q; want %q, %q, %q, %q",
					got.Text, got.Footer, got.Note, got.Disagreement, tt.ans.Text, tt.wantFooter, tt.ans.Note, tt.ans.Disagreement)
			}
			if len(got.Sources) != len(tt.ans.Citations) {
				t.Errorf("%d sources for %d citations", len(got.Sources), len(tt.ans.Citations))
			}
			if diff := cmp.Diff(&answer.Turn{Question: "Why did the brothers die?", Answer: tt.ans.Text}, got.Turn); diff != "" {
				t.Errorf("Turn (-want +got):\n%s", diff)
			}
			// Every button carries the same answer id, which the store knows.
			var actions []string
			id := ""
			for _, btn := range got.Buttons {
				cmdName, action, arg, ok := parseButtonID(btn.ID)
				if !ok || cmdName != "ask" || arg == "" || (id != "" && arg != id) {
					t.Errorf("button id %q, want ask:<action>:<one answer id>", btn.ID)
				}
				id = arg
				actions = append(actions, action)
			}
			if diff := cmp.Diff(tt.wantButtons, actions); diff != "" {
				t.Errorf("button actions (-want +got):\n%s", diff)
			}
			rec, ok := b.opts.Store.Answer(id)
			if !ok || rec.Question != "Why did the brothers die?" || rec.Answer != tt.ans.Text || rec.UserID != "alice" {
				t.Errorf("stored answer %q = %+v, %v", id, rec, ok)
			}
			if v := testutil.ToFloat64(m.answers.WithLabelValues(tt.wantMode, tt.wantOutcome)); v != 1 {
				t.Errorf("answers{mode=%q,outcome=%q} = %v, want 1", tt.wantMode, tt.wantOutcome, v)
			}
			if n := testutil.CollectAndCount(m.answers); n != 1 {
				t.Errorf("%d answer series, want 1", n)
			}
			if tt.wantLog != "" && !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("log lacks %s:\n%s", tt.wantLog, logs)
			}
		})
	}
}

func TestAnswerReplySources(t *testing.T) {
	got := AnswerReply(sampleAnswer("q")).Sources
	want := []Source{
		{Ref: 1, Title: "Deaths in Detention Trigger Diplomatic Crisis", Date: "week of 2025-06-30"},
		{Ref: 2, Title: "Russia and Azerbaijan trade accusations", Outlet: "OC Media", Date: "2025-07-01", URL: "https://example.org/raid"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

// TestAnswerReplyListsAnArticleOnce: two passages of one article are one
// source, under one number: the text's references are renumbered, and a
// reference repeated at once is given once; the passages view numbers
// each passage by its article too.
func TestAnswerReplyListsAnArticleOnce(t *testing.T) {
	a := sampleAnswer("q")
	first, second := a.Citations[0], a.Citations[1]
	again := first
	again.Ref, again.PassageID = 2, "fallout#004"
	second.Ref = 3
	a.Citations = []answer.Citation{first, again, second}
	a.Text = "Azerbaijan's post-mortem found post-traumatic shock [1] [2]. The brothers were beaten [2]. Russian authorities said one died of a heart attack [3]."
	a.Disagreement = "Russian authorities said one died of a heart attack [3]."
	r := AnswerReply(a)
	if len(r.Sources) != 2 || r.Sources[0].Ref != 1 || r.Sources[0].Title != first.Title || r.Sources[1].Ref != 2 || r.Sources[1].Title != second.Title {
		t.Errorf("sources = %+v, want the two articles as [1] and [2]", r.Sources)
	}
	if want := "Azerbaijan's post-mortem found post-traumatic shock [1]. The brothers were beaten [1]. Russian authorities said one died of a heart attack [2]."; r.Text != want {
		t.Errorf("text = %q, want %q", r.Text, want)
	}
	if want := "Russian authorities said one died of a heart attack [2]."; r.Disagreement != want {
		t.Errorf("disagreement = %q, want %q", r.Disagreement, want)
	}
	p := passagesReply(AnswerRecord{Citations: a.Citations})
	if !strings.HasPrefix(p.Text, "[1] "+first.Title) || !strings.Contains(p.Text, "\n\n[1] "+first.Title) || !strings.Contains(p.Text, "[2] "+second.Title) || len(p.Sources) != 2 {
		t.Errorf("passages = %q with %d sources, want each passage under its article's number", p.Text, len(p.Sources))
	}
}

func TestExecuteCancelledWhileQueued(t *testing.T) {
	asker := &fakeAsker{}
	b := newCoreBot(t, Options{Asker: asker, Limits: Limits{InFlight: 1, Queued: 1}})
	held, _ := b.Admit(askRequest("alice", "Who died?"))
	defer held.Release()
	req := askRequest("bob", "Who died?")
	tk, refusal := b.Admit(req)
	if refusal != nil {
		t.Fatalf("second question refused, want it queued: %+v", refusal)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := b.Execute(ctx, req, tk)
	want := note("I had to stop before answering (the bot is restarting or the answer took too long). Please ask again.")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reply (-want +got):\n%s", diff)
	}
	if n := len(asker.Calls()); n != 0 {
		t.Errorf("the engine was asked %d times for a request that never got a slot", n)
	}
	// Its queue place is free again.
	if tk, refusal := b.Admit(askRequest("carol", "Who died?")); refusal != nil {
		t.Errorf("queue place not given back: %+v", refusal)
	} else {
		tk.Release()
	}
}

// answerOnce asks the sample question and returns the reply's answer id.
func answerOnce(t *testing.T, b *Bot, req Request) string {
	t.Helper()
	tk, refusal := b.Admit(req)
	if refusal != nil {
		t.Fatalf("refused: %+v", refusal)
	}
	r := b.Execute(context.Background(), req, tk)
	if len(r.Buttons) == 0 {
		t.Fatalf("answer has no buttons: %+v", r)
	}
	_, _, id, _ := parseButtonID(r.Buttons[0].ID)
	return id
}

func TestClickFeedback(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock()
	b := newCoreBot(t, Options{Store: store, Clock: clock})
	req := askRequest("alice", "Why did the brothers die?")
	req.GuildID, req.ChannelID = "g1", "c1"
	id := answerOnce(t, b, req)

	bob := Press{User: User{ID: "bob"}, GuildID: "g1", ChannelID: "c2"}
	if diff := cmp.Diff(note("Thanks! Your 👍 is recorded."), b.Click(context.Background(), "ask:up:"+id, bob)); diff != "" {
		t.Errorf("👍 reply (-want +got):\n%s", diff)
	}
	clock.Advance(time.Minute)
	carol := Press{User: User{ID: "carol"}, GuildID: "g1", ChannelID: "c1"}
	if diff := cmp.Diff(note("Thanks. Your 👎 is recorded and helps us find weak answers."), b.Click(context.Background(), "ask:down:"+id, carol)); diff != "" {
		t.Errorf("👎 reply (-want +got):\n%s", diff)
	}
	clock.Advance(time.Minute)
	b.Click(context.Background(), "ask:down:"+id, bob) // bob changes his mind

	votes, _, err := ReadFeedback(dir)
	if err != nil {
		t.Fatal(err)
	}
	ans := sampleAnswer("")
	base := Feedback{AnswerID: id, GuildID: "g1", Question: "Why did the brothers die?", Answer: ans.Text,
		Mode: "extractive", PassageIDs: []string{"fallout#002", "raid#004"}}
	vote := func(min int, user, channel, v string) Feedback {
		f := base
		f.Time, f.UserID, f.ChannelID, f.Vote = newFakeClock().Now().Add(time.Duration(min)*time.Minute), user, channel, v
		return f
	}
	want := []Feedback{vote(0, "bob", "c2", "up"), vote(1, "carol", "c1", "down"), vote(2, "bob", "c2", "down")}
	if diff := cmp.Diff(want, votes); diff != "" {
		t.Errorf("feedback.jsonl (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Feedback{want[2], want[1]}, LatestVotes(votes)); diff != "" {
		t.Errorf("LatestVotes (-want +got):\n%s", diff)
	}
}

func TestClickSourcesAndExpired(t *testing.T) {
	ran := 0
	b := newCoreBot(t, Options{Commands: []Command{reindexCommand(&ran)}})
	id := answerOnce(t, b, askRequest("alice", "Why did the brothers die?"))
	ctx := context.Background()
	alice := Press{User: User{ID: "alice"}}

	got := b.Click(ctx, "ask:src:"+id, alice)
	want := Reply{
		Title: "Cited passages",
		Text: "[1] Deaths in Detention Trigger Diplomatic Crisis\n" +
			"> A post-mortem examination carried out in Azerbaijan concluded that the brothers died of “post-traumatic shock,” citing severe beatings sustained during their detention.\n\n" +
			"[2] Russia and Azerbaijan trade accusations\n" +
			"> Russian authorities claimed one of the brothers died from a heart attack,\n" +
			"> with the other's cause of death still under investigation.",
		Sources:   AnswerReply(sampleAnswer("")).Sources,
		Ephemeral: true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sources button (-want +got):\n%s", diff)
	}

	tests := []struct {
		name, id string
		p        Press
		want     Reply
	}{
		{"unknown answer", "ask:up:zzzzzzzz", alice, note("That answer is too old for its buttons; ask again for a fresh one.")},
		{"unknown action", "ask:frob:" + id, alice, note("That button no longer does anything.")},
		{"unknown command", "nope:up:" + id, alice, note("That button no longer does anything.")},
		{"not a button id", "garbage", alice, note("That button no longer does anything.")},
		{"command without buttons", "sources:up:x", alice, note("That button no longer does anything.")},
		{"admin button, member", "reindex:go:x", alice, note("/reindex needs the Manage Server permission.")},
		{"admin button, admin", "reindex:go:x", Press{User: User{ID: "alice"}, Admin: true}, Reply{Text: "Pressed go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, b.Click(ctx, tt.id, tt.p)); diff != "" {
				t.Errorf("Click(%q) (-want +got):\n%s", tt.id, diff)
			}
		})
	}
}

func TestClickAfterRestart(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	b := newCoreBot(t, Options{Store: store})
	id := answerOnce(t, b, askRequest("alice", "Why did the brothers die?"))
	before := b.Click(context.Background(), "ask:src:"+id, Press{User: User{ID: "alice"}})

	store, err = OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	b = newCoreBot(t, Options{Store: store})
	after := b.Click(context.Background(), "ask:src:"+id, Press{User: User{ID: "alice"}})
	// The same passages with the same dates: a week stays a week.
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("Sources button after a restart (-before +after):\n%s", diff)
	}
}

func TestHistoryBounded(t *testing.T) {
	b := newCoreBot(t, Options{ContextTurns: 2})
	var prior []answer.Turn
	for _, q := range []string{"q1", "q2", "q3"} {
		turn := answer.Turn{Question: q, Answer: "a" + q[1:]}
		b.Remember("thread-1", prior, turn)
		prior = b.History("thread-1")
	}
	want := []answer.Turn{{Question: "q2", Answer: "a2"}, {Question: "q3", Answer: "a3"}}
	if diff := cmp.Diff(want, b.History("thread-1")); diff != "" {
		t.Errorf("History (-want +got):\n%s", diff)
	}
	if h := b.History("thread-2"); h != nil {
		t.Errorf("another conversation has history %v", h)
	}
	b.Remember("", nil, answer.Turn{Question: "q"})
	if h := b.History(""); h != nil {
		t.Errorf("the empty key has history %v", h)
	}
	if diff := cmp.Diff(want, b.BoundHistory(append([]answer.Turn{{Question: "q1"}}, want...))); diff != "" {
		t.Errorf("BoundHistory (-want +got):\n%s", diff)
	}
}

func TestAboutAndSources(t *testing.T) {
	corpus := fakeCorpus{
		docs: []retrieval.DocInfo{
			{ID: "fallout", Title: "Deaths in Detention", Published: "2025-06-30", PublishedPrecision: "week"},
			{ID: "raid", Title: "Sputnik raided", Outlet: "OC Media", URL: "https://example.org/raid", Published: "2025-07-01", PublishedPrecision: "day"},
		},
		stats: retrieval.Stats{Docs: 2, Passages: 1, LastIngest: time.Date(2025, 7, 2, 9, 30, 0, 0, time.UTC)},
	}
	b := newCoreBot(t, Options{Corpus: corpus, Version: "v1.2.3"})
	run := func(name string) Reply {
		tk, refusal := b.Admit(Request{Command: name})
		if refusal != nil {
			t.Fatalf("/%s refused: %+v", name, refusal)
		}
		return b.Execute(context.Background(), Request{Command: name}, tk)
	}
	wantSources := Reply{
		Title: "2 articles", Text: "I answer from these articles, and cite them. /about tells how I answer.",
		Sources: []Source{
			{Ref: 1, Title: "Deaths in Detention", Date: "week of 2025-06-30"},
			{Ref: 2, Title: "Sputnik raided", Outlet: "OC Media", Date: "2025-07-01", URL: "https://example.org/raid"},
		},
	}
	if diff := cmp.Diff(wantSources, run("sources")); diff != "" {
		t.Errorf("/sources (-want +got):\n%s", diff)
	}
	about := run("about").Text
	for _, want := range []string{"Corpus: 2 articles, 1 passage.", "Last ingest: 2025-07-02 09:30 UTC.", "Mode: extractive", "Version: v1.2.3."} {
		if !strings.Contains(about, want) {
			t.Errorf("/about lacks %q:\n%s", want, about)
		}
	}
}

func TestCommandsSorted(t *testing.T) {
	ran := 0
	b := newCoreBot(t, Options{Commands: []Command{reindexCommand(&ran)}})
	var names []string
	for _, c := range b.Commands() {
		names = append(names, c.Name)
	}
	if diff := cmp.Diff([]string{"about", "ask", "reindex", "sources"}, names); diff != "" {
		t.Errorf("Commands (-want +got):\n%s", diff)
	}
}

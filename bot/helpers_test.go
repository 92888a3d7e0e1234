package bot

import (
	"context"
	"flag"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/internal/syncbuf"
	"github.com/crisisbot/crisisbot/retrieval"
)

// update rewrites the golden files in testdata/: go test ./bot/ -update.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// newFakeClock is the bot's clock in tests: it moves only when advanced.
func newFakeClock() *fakeclock.Clock {
	return fakeclock.New(time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC))
}

// askCall is one call a fakeAsker received.
type askCall struct {
	Question string
	History  []answer.Turn
}

// fakeAsker is an Asker that records its calls and answers with reply, or
// with sampleAnswer when reply is nil.
type fakeAsker struct {
	reply func(q string, history []answer.Turn) (answer.Answer, error)

	mu    sync.Mutex
	calls []askCall
}

func (a *fakeAsker) AskWith(ctx context.Context, q string, history []answer.Turn) (answer.Answer, error) {
	a.mu.Lock()
	a.calls = append(a.calls, askCall{Question: q, History: append([]answer.Turn(nil), history...)})
	a.mu.Unlock()
	if a.reply != nil {
		return a.reply(q, history)
	}
	return sampleAnswer(q), nil
}

// Calls returns the calls received so far, in order.
func (a *fakeAsker) Calls() []askCall {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]askCall(nil), a.calls...)
}

// sampleAnswer is a grounded extractive answer to q citing two passages
// from the seed articles, one of them week-precise.
func sampleAnswer(q string) answer.Answer {
	return answer.Answer{
		Question: q,
		Text:     "Azerbaijan's post-mortem concluded that the brothers died of post-traumatic shock [1]. Russian authorities said one of them died of a heart attack [2].",
		Grounded: true,
		Mode:     answer.ModeExtractive,
		Citations: []answer.Citation{
			{Ref: 1, DocID: "fallout", PassageID: "fallout#002", Title: "Deaths in Detention Trigger Diplomatic Crisis",
				Published: "2025-06-30", PublishedPrecision: "week",
				Text: "A post-mortem examination carried out in Azerbaijan concluded that the brothers died of “post-traumatic shock,” citing severe beatings sustained during their detention."},
			{Ref: 2, DocID: "raid", PassageID: "raid#004", Title: "Russia and Azerbaijan trade accusations", Outlet: "OC Media",
				Published: "2025-07-01", PublishedPrecision: "day", URL: "https://example.org/raid",
				Text: "Russian authorities claimed one of the brothers died from a heart attack,\nwith the other's cause of death still under investigation."},
		},
		Disagreement: "Russian authorities said one of them died of a heart attack [2].",
	}
}

// fakeCorpus is a Corpus with fixed documents and stats.
type fakeCorpus struct {
	docs  []retrieval.DocInfo
	stats retrieval.Stats
}

func (c fakeCorpus) Documents() []retrieval.DocInfo { return c.docs }
func (c fakeCorpus) Stats() retrieval.Stats         { return c.stats }

// lockedBuffer captures logs written while the test reads them.
type lockedBuffer = syncbuf.Buffer

// newCoreBot returns a Bot over opts, filling in a fakeAsker, a fakeCorpus,
// a Store in a temporary directory and a fakeClock where opts has none.
func newCoreBot(t testing.TB, opts Options) *Bot {
	t.Helper()
	if opts.Asker == nil {
		opts.Asker = &fakeAsker{}
	}
	if opts.Corpus == nil {
		opts.Corpus = fakeCorpus{}
	}
	if opts.Store == nil {
		s, err := OpenStore(t.TempDir(), 0)
		if err != nil {
			t.Fatal(err)
		}
		opts.Store = s
	}
	if opts.Clock == nil {
		opts.Clock = newFakeClock()
	}
	b, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newLogBuffer returns a logger that writes text records to the buffer.
func newLogBuffer() (*slog.Logger, *lockedBuffer) {
	buf := &lockedBuffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

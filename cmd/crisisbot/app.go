package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/bot"
	"github.com/crisisbot/crisisbot/config"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/dirlock"
	"github.com/crisisbot/crisisbot/internal/timelinedates"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/timeline"
)

// app is the opened data directory and the answering engine built from the
// config. Every command that reads the corpus goes through openApp, and so do
// the end-to-end tests.
type app struct {
	cfg    config.Config
	lib    *retrieval.Library
	engine *answer.Engine
	// chat is the configured language model, nil when there is none.
	chat       answer.Chat
	embedder   retrieval.Embedder
	clock      answer.Clock
	events     *timeline.Index
	eventsOnce sync.Once
	// version describes the binary, for /about and the log.
	version string
	// meter shows the progress of a long ingest.
	meter *meter
	// lock holds the data directory for this process, shared when the
	// library is read-only.
	lock *dirlock.Lock
	// closeOnce and closeErr make Close safe to call again: ask closes
	// the app before the model call and once more on its way out.
	closeOnce sync.Once
	closeErr  error
	// built is the timeline once timelineView has built it, so that an
	// ingest or remove keeps it current without building it.
	built atomic.Pointer[timeline.Index]
	// poller is serve's feed poller, which ingest --feeds through the
	// local API reuses; nil elsewhere.
	poller *corpus.Poller
	// logw receives the feed log of ingest --feeds.
	logw io.Writer
}

// lockWait is how long a process waits for another to let go of the data
// directory before saying which process holds it.
const lockWait = retrieval.DefaultLockTimeout

// openApp takes the data directory for this process, opens it with the
// configured embedder, stores the bundled corpus on first use (see seed),
// and builds the engine. Commands that serve can run for them use
// openLibrary instead.
func openApp(ctx context.Context, e *env) (*app, error) {
	cfg, err := e.loadConfig()
	if err != nil {
		return nil, err
	}
	return openHeld(ctx, e, cfg, false)
}

// openReadOnly is openApp for a command that only reads: it holds the data
// directory shared and opens the store read-only, so that readers run side
// by side. A store that needs work first (the bundled articles on first
// use, a migration, a re-embed) is opened as openApp opens it.
func openReadOnly(ctx context.Context, e *env, cfg config.Config) (*app, error) {
	a, err := openHeld(ctx, e, cfg, true)
	if errors.Is(err, retrieval.ErrReadOnly) {
		return openHeld(ctx, e, cfg, false)
	}
	return a, err
}

// openHeld takes the data directory, shared or not, and opens it.
func openHeld(ctx context.Context, e *env, cfg config.Config, shared bool) (*app, error) {
	lock, err := dirlock.Acquire(ctx, cfg.DataDir, dirlock.Options{Command: e.command, Wait: lockWait, Clock: e.clock, Shared: shared})
	if err != nil {
		return nil, err
	}
	a, err := openLocked(ctx, e, cfg, shared)
	if err != nil {
		lock.Release()
		return nil, err
	}
	a.lock = lock
	return a, nil
}

// openLocked is openApp once the data directory is held; readOnly opens
// the store read-only (see retrieval.ErrReadOnly).
func openLocked(ctx context.Context, e *env, cfg config.Config, readOnly bool) (*app, error) {
	emb, err := newEmbedder(cfg.Embedder, e.getenv)
	if err != nil {
		return nil, err
	}
	m := newMeter(e)
	stop := m.start("embedding") // an embedder change re-embeds every passage
	lib, err := retrieval.Open(ctx, retrieval.Options{
		Dir:      cfg.DataDir,
		Embedder: emb,
		Now:      e.clock.Now,
		Progress: m.update,
		// The caps apply to every ingest: files, URLs, feeds.
		MaxDocumentBytes: cfg.Corpus.MaxDocumentBytes,
		MaxPassages:      cfg.Corpus.MaxPassages,
		ReadOnly:         readOnly,
	})
	stop()
	if err != nil {
		return nil, fmt.Errorf("open data directory %s: %w", cfg.DataDir, err)
	}
	if err := seed(ctx, e, lib, m, cfg.DataDir, cfg.Corpus.Bundled); err != nil {
		lib.Close()
		return nil, err
	}
	a := &app{cfg: cfg, lib: lib, clock: e.clock, embedder: emb, version: e.version(), meter: m, logw: e.stderr}
	chat, err := newChat(cfg, e.getenv)
	if err != nil {
		lib.Close()
		return nil, err
	}
	a.chat = chat
	a.engine = a.newEngine(chat)
	return a, nil
}

// Close closes the library and lets go of the data directory, once.
func (a *app) Close() error {
	a.closeOnce.Do(func() { a.closeErr = a.close() })
	return a.closeErr
}

func (a *app) close() error {
	err := a.lib.Close()
	if a.lock != nil {
		if lerr := a.lock.Release(); err == nil {
			err = lerr
		}
	}
	return err
}

// newEngine builds the answering engine over chat, extractive when chat
// is nil, on the app's clock.
func (a *app) newEngine(chat answer.Chat) *answer.Engine {
	opts := answerOptions(a.cfg)
	opts.Dates = timelinedates.Dates{View: a.timelineView}
	opts.Chat = chat
	opts.Clock = a.clock
	return answer.New(a.lib, opts)
}

// slowModelNotice is how long a person at a terminal waits for the model
// before being told it is still being waited for.
const slowModelNotice = 3 * time.Second

// noticeSlowModel makes the engine say so on w when the model has not
// replied within slowModelNotice, so that a hung model is not silence:
// for the commands a person waits on (ask, chat), not serve.
func (a *app) noticeSlowModel(w io.Writer) {
	if a.chat != nil {
		a.engine = a.newEngine(slowNotice{Chat: a.chat, clock: a.clock, w: w})
	}
}

// closeBeforeModel readies the engine for ask's one question: it says when
// the model is slow (as noticeSlowModel), and closes the app before it
// calls the model, so that no process waits on the data directory while
// the model takes its time. Nothing after the call reads the store: the
// passages are in hand, and the timeline a date question consults is built
// first.
func (a *app) closeBeforeModel(w io.Writer, question string) {
	if a.chat == nil {
		return
	}
	date := answer.AsksDate(question)
	a.engine = a.newEngine(closing{Chat: slowNotice{Chat: a.chat, clock: a.clock, w: w}, before: func() {
		if date {
			a.timelineView()
		}
		a.Close()
	}})
}

// closing is a Chat that runs before ahead of each completion.
type closing struct {
	answer.Chat
	before func()
}

// Complete runs before, then completes msgs with the wrapped Chat.
func (c closing) Complete(ctx context.Context, msgs []answer.Message) (string, error) {
	c.before()
	return c.Chat.Complete(ctx, msgs)
}

// slowNotice is a Chat that writes "waiting for the model…" to w when a
// completion takes longer than slowModelNotice on clock.
type slowNotice struct {
	answer.Chat
	clock answer.Clock
	w     io.Writer
}

// Complete completes msgs with the wrapped Chat, with the notice.
func (s slowNotice) Complete(ctx context.Context, msgs []answer.Message) (string, error) {
	return announceSlow(s.clock, s.w, func() (string, error) { return s.Chat.Complete(ctx, msgs) })
}

// announceSlow runs f, and writes "waiting for the model…" to w when f
// has not returned within slowModelNotice on clock.
func announceSlow[T any](clock answer.Clock, w io.Writer, f func() (T, error)) (T, error) {
	slow := clock.After(slowModelNotice)
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		select {
		case <-slow:
			fmt.Fprintln(w, "crisisbot: waiting for the model…")
		case <-done:
		}
	}()
	defer func() {
		close(done)
		<-exited // nothing is written to w once f has returned
	}()
	return f()
}

// timelineView builds the timeline from every stored article and its
// stored facts, once: the articles are not read again.
func (a *app) timelineView() timeline.View {
	// Once: serve's handlers can ask "when" questions at the same time.
	a.eventsOnce.Do(func() {
		a.events = timeline.NewIndex()
		for _, d := range a.lib.Documents() {
			if doc, ok := a.lib.Document(d.ID); ok {
				a.events.UpdateFacts(doc, a.lib.DocFacts(d.ID))
			}
		}
		a.built.Store(a.events)
	})
	return timeline.View{Index: a.events, Search: a.lib}
}

// seed stores the bundled articles on first use, finishes that after a
// crash, or removes them with corpus.bundled: false (see Library.Seed).
func seed(ctx context.Context, e *env, lib *retrieval.Library, m *meter, dir string, on bool) error {
	docs, err := corpus.Bundled()
	if err != nil {
		return fmt.Errorf("read bundled corpus: %w", err)
	}
	stop := m.start("ingest")
	rep, err := lib.Seed(ctx, docs, on)
	stop()
	if err != nil {
		return fmt.Errorf("bundled corpus: %w", err)
	}
	if len(rep.Removed) > 0 {
		fmt.Fprintf(e.stderr, "crisisbot: removed the %s (corpus.bundled: false)\n", plural(len(rep.Removed), "bundled article"))
	}
	if len(rep.Stored) == len(docs) {
		// A new data directory: say where, so that a mistyped --data-dir
		// does not pass for the one the operator meant.
		fmt.Fprintf(e.stderr, "crisisbot: new data directory %s, with the %s\n", dir, plural(len(docs), "bundled article"))
	}
	return nil
}

// newEmbedder builds the configured embedder.
func newEmbedder(c config.Embedder, getenv func(string) string) (retrieval.Embedder, error) {
	switch c.Kind {
	case "local", "":
		return retrieval.NewLocalEmbedder(), nil
	case "openai":
		return retrieval.NewOpenAIEmbedder(retrieval.OpenAIEmbedderConfig{
			BaseURL:   c.BaseURL,
			APIKey:    getenv(c.APIKeyEnv),
			Model:     c.Model,
			BatchSize: c.BatchSize,
			Timeout:   c.Timeout,
		}), nil
	default:
		return nil, errs.Errorf(errs.Invalid, "embedder.kind: %q is not one of local, openai", c.Kind)
	}
}

// newChat builds the configured chat model: nil when llm.model is empty,
// and answers are extractive.
func newChat(cfg config.Config, getenv func(string) string) (answer.Chat, error) {
	if cfg.LLM.Model == "" {
		return nil, nil
	}
	chat, err := answer.NewOpenAIChat(answer.OpenAIChatConfig{
		BaseURL:     cfg.LLM.BaseURL,
		APIKey:      getenv(cfg.LLM.APIKeyEnv),
		APIKeyEnv:   cfg.LLM.APIKeyEnv,
		Model:       cfg.LLM.Model,
		Temperature: cfg.LLM.Temperature,
		MaxTokens:   cfg.LLM.MaxTokens,
	})
	if err != nil {
		return nil, err
	}
	return chat, nil
}

// answerOptions maps the config onto the engine's options, without a model.
func answerOptions(cfg config.Config) answer.Options {
	return answer.Options{
		TopK:            cfg.Retrieval.TopK,
		SearchMode:      retrieval.Mode(cfg.Retrieval.Fusion),
		MaxQuestionLen:  cfg.Answer.MaxQuestionChars,
		Deadline:        cfg.LLM.Deadline,
		AttemptTimeout:  cfg.LLM.Timeout,
		Retries:         retries(cfg.LLM.Retries),
		MaxContextChars: cfg.LLM.MaxContextChars,
	}
}

// retries maps the config's count (0 means none) onto the engine's (0 means
// its default, negative means none).
func retries(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// botParts are what the chat front end needs of a data directory: this
// process's (localParts), or a running serve's through its local API
// (remoteParts). The config, version and clock are this process's.
type botParts struct {
	cfg      config.Config
	version  string
	clock    answer.Clock
	asker    bot.Asker
	corpus   bot.Corpus
	answers  bot.Answers
	timeline bot.Timeline
	digests  bot.Digests
	curator  bot.Curator
}

// localParts are the app's engine, library and timeline, with its answers
// and feedback kept in the data directory and /digest served by digests.
func (a *app) localParts(logger *slog.Logger, digests bot.Digests) (botParts, error) {
	store, err := bot.OpenStore(a.cfg.DataDir, a.cfg.Discord.KeepAnswers)
	if err != nil {
		return botParts{}, err
	}
	for _, b := range store.Skipped() {
		logger.Warn("skipped an unreadable vote; the others are kept", "file", b.Path, "line", b.Line, "err", b.Err)
	}
	return botParts{cfg: a.cfg, version: a.version, clock: a.clock, asker: a.engine, corpus: a.lib, answers: store,
		timeline: a.timelineView(), digests: digests, curator: a}, nil
}

// newBot builds the chat front end over p. With local, the one user at the
// terminal is not rate-limited.
func (p botParts) newBot(metrics *bot.Metrics, logger *slog.Logger, local bool) (*bot.Bot, error) {
	rl := p.cfg.Discord.RateLimit
	limits := bot.Limits{PerUser: rl.PerUser, Window: rl.Window, InFlight: rl.InFlight, Queued: rl.Queue}
	if local {
		limits = bot.Limits{}
	}
	turns := p.cfg.Discord.ContextTurns
	if turns == 0 {
		turns = -1 // the config's 0 means none; the bot's means its default
	}
	return bot.New(bot.Options{
		Asker:            p.asker,
		Corpus:           p.corpus,
		Store:            p.answers,
		Model:            p.cfg.LLM.Model,
		Version:          p.version,
		Limits:           limits,
		ContextTurns:     turns,
		MaxQuestionChars: p.cfg.Answer.MaxQuestionChars,
		Timeline:         p.timeline,
		Digests:          p.digests,
		Curator:          p.curator,
		DigestDefaults:   bot.DigestDefaults{Time: p.cfg.Digest.Time, Zone: p.cfg.Digest.Timezone},
		Clock:            p.clock,
		Metrics:          metrics,
		Logger:           logger,
	})
}

// newLogger builds the slog logger the config asks for, writing to w.
func newLogger(c config.Log, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level)) // validated by config
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// isTerminal reports whether r or w is an interactive terminal, looking
// through a safetext.Writer.
func isTerminal(v any) bool {
	if u, ok := v.(interface{ Unwrap() io.Writer }); ok {
		v = u.Unwrap()
	}
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/bot"
	"github.com/crisisbot/crisisbot/config"
	"github.com/crisisbot/crisisbot/digest"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/timeline"
)

// chat beside serve: the terminal front end runs in the chat process, over
// serve's engine, library, timeline, digest schedule and answer store,
// reached through these routes. serve stays the one writer of its files.

// subscriptionWire is a subscription with FromConfig, which its JSON (the
// schedule's file format) leaves out.
type subscriptionWire struct {
	digest.Subscription
	FromConfig bool `json:"from_config"`
}

type channelWire struct {
	Channel string `json:"channel"`
}

type urlWire struct {
	URL string `json:"url"`
}

type idWire struct {
	ID string `json:"id"`
}

// foundAnswer is a stored answer, if there is one.
type foundAnswer struct {
	Record bot.AnswerRecord `json:"record"`
	Found  bool             `json:"found"`
}

// chatRoutes routes chat's calls onto serve's parts.
func chatRoutes(mux *http.ServeMux, p botParts, logger *slog.Logger) {
	mux.Handle("POST /v0/chat/ask", route(logger, func(ctx context.Context, in askWire) (answerWire, error) {
		a, err := p.asker.AskWith(ctx, in.Question, in.History)
		return toWire(a), err
	}))
	mux.Handle("POST /v0/chat/documents", route(logger, func(context.Context, none) ([]retrieval.DocInfo, error) {
		return p.corpus.Documents(), nil
	}))
	mux.Handle("POST /v0/chat/stats", route(logger, func(context.Context, none) (retrieval.Stats, error) {
		return p.corpus.Stats(), nil
	}))
	mux.Handle("POST /v0/chat/topics", route(logger, func(context.Context, none) ([]string, error) {
		return p.timeline.Topics(), nil
	}))
	mux.Handle("POST /v0/chat/ingest-url", route(logger, func(ctx context.Context, in urlWire) (retrieval.IngestReport, error) {
		return p.curator.IngestURL(ctx, in.URL)
	}))
	mux.Handle("POST /v0/chat/subscribe", route(logger, func(_ context.Context, in subscriptionWire) (none, error) {
		sub := in.Subscription
		sub.FromConfig = in.FromConfig
		return none{}, p.digests.Subscribe(sub)
	}))
	mux.Handle("POST /v0/chat/unsubscribe", route(logger, func(_ context.Context, in channelWire) (bool, error) {
		return p.digests.Unsubscribe(in.Channel)
	}))
	mux.Handle("POST /v0/chat/subscriptions", route(logger, func(context.Context, none) ([]subscriptionWire, error) {
		var out []subscriptionWire
		for _, s := range p.digests.Subscriptions() {
			out = append(out, subscriptionWire{Subscription: s, FromConfig: s.FromConfig})
		}
		return out, nil
	}))
	mux.Handle("POST /v0/chat/preview", route(logger, func(ctx context.Context, in channelWire) (digest.Digest, error) {
		return p.digests.Preview(ctx, in.Channel)
	}))
	mux.Handle("POST /v0/chat/save-answer", route(logger, func(_ context.Context, in bot.AnswerRecord) (none, error) {
		return none{}, p.answers.SaveAnswer(in)
	}))
	mux.Handle("POST /v0/chat/answer", route(logger, func(_ context.Context, in idWire) (foundAnswer, error) {
		r, ok := p.answers.Answer(in.ID)
		return foundAnswer{Record: r, Found: ok}, nil
	}))
	mux.Handle("POST /v0/chat/save-feedback", route(logger, func(_ context.Context, in bot.Feedback) (bool, error) {
		return p.answers.SaveFeedback(in)
	}))
}

// remoteParts are serve's parts, reached through c, for chat beside it.
func remoteParts(c *apiClient, cfg config.Config, e *env, logger *slog.Logger) botParts {
	r := remoteChat{c: c, log: logger}
	var asker bot.Asker = r
	if cfg.LLM.Model != "" {
		asker = slowAsker{Asker: r, clock: e.clock, w: e.stderr}
	}
	return botParts{cfg: cfg, version: e.version(), clock: e.clock,
		asker: asker, corpus: r, answers: r, timeline: r, digests: r, curator: r}
}

// slowAsker announces an answer that waits on the model, as slowNotice
// does where this process calls the model itself.
type slowAsker struct {
	bot.Asker
	clock answer.Clock
	w     io.Writer
}

// AskWith asks the wrapped Asker, with the notice.
func (s slowAsker) AskWith(ctx context.Context, question string, history []answer.Turn) (answer.Answer, error) {
	return announceSlow(s.clock, s.w, func() (answer.Answer, error) { return s.Asker.AskWith(ctx, question, history) })
}

// remoteChat implements the bot's interfaces over the local API. Their
// methods without a context or an error (Documents, Topics, Answer…) log
// a failed call as a warning and return nothing.
type remoteChat struct {
	c   *apiClient
	log *slog.Logger
}

// get calls path for a method that cannot return the error.
func get[Out any](r remoteChat, path string, in any) Out {
	var out Out
	if err := r.c.call(context.Background(), path, in, &out); err != nil {
		r.log.Warn("the running crisisbot serve did not answer", "call", path, "err", err)
	}
	return out
}

func (r remoteChat) AskWith(ctx context.Context, question string, history []answer.Turn) (answer.Answer, error) {
	var w answerWire
	err := r.c.call(ctx, "/v0/chat/ask", askWire{Question: question, History: history}, &w)
	return w.answer(), err
}

func (r remoteChat) Documents() []retrieval.DocInfo {
	return get[[]retrieval.DocInfo](r, "/v0/chat/documents", none{})
}

func (r remoteChat) Stats() retrieval.Stats { return get[retrieval.Stats](r, "/v0/chat/stats", none{}) }

func (r remoteChat) Events(ctx context.Context, q timeline.Request) ([]timeline.Event, error) {
	return r.c.Timeline(ctx, q)
}

func (r remoteChat) Topics() []string { return get[[]string](r, "/v0/chat/topics", none{}) }

func (r remoteChat) IngestURL(ctx context.Context, url string) (retrieval.IngestReport, error) {
	var rep retrieval.IngestReport
	err := r.c.call(ctx, "/v0/chat/ingest-url", urlWire{URL: url}, &rep)
	return rep, err
}

func (r remoteChat) Remove(ctx context.Context, ids []string) error { return r.c.Remove(ctx, ids) }

func (r remoteChat) Subscribe(sub digest.Subscription) error {
	return r.c.call(context.Background(), "/v0/chat/subscribe", subscriptionWire{Subscription: sub, FromConfig: sub.FromConfig}, &none{})
}

func (r remoteChat) Unsubscribe(channelID string) (bool, error) {
	var removed bool
	err := r.c.call(context.Background(), "/v0/chat/unsubscribe", channelWire{Channel: channelID}, &removed)
	return removed, err
}

func (r remoteChat) Subscriptions() []digest.Subscription {
	var out []digest.Subscription
	for _, w := range get[[]subscriptionWire](r, "/v0/chat/subscriptions", none{}) {
		w.Subscription.FromConfig = w.FromConfig
		out = append(out, w.Subscription)
	}
	return out
}

func (r remoteChat) Subscription(channelID string) (digest.Subscription, bool) {
	for _, s := range r.Subscriptions() {
		if s.ChannelID == channelID {
			return s, true
		}
	}
	return digest.Subscription{}, false
}

func (r remoteChat) Preview(ctx context.Context, channelID string) (digest.Digest, error) {
	var d digest.Digest
	err := r.c.call(ctx, "/v0/chat/preview", channelWire{Channel: channelID}, &d)
	return d, err
}

func (r remoteChat) SaveAnswer(rec bot.AnswerRecord) error {
	return r.c.call(context.Background(), "/v0/chat/save-answer", rec, &none{})
}

func (r remoteChat) Answer(id string) (bot.AnswerRecord, bool) {
	f := get[foundAnswer](r, "/v0/chat/answer", idWire{ID: id})
	return f.Record, f.Found
}

func (r remoteChat) SaveFeedback(f bot.Feedback) (bool, error) {
	var fresh bool
	err := r.c.call(context.Background(), "/v0/chat/save-feedback", f, &fresh)
	return fresh, err
}

package answer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/safetext"
	"github.com/crisisbot/crisisbot/retrieval"
)

// errAttemptTimeout is the cancel cause of an attempt that ran out of time.
var errAttemptTimeout = errors.New("attempt timed out")

// withModel answers q, read in the conversation fu, with the language
// model, falling back to the extractive answer when the model fails.
func (e *Engine) withModel(ctx context.Context, q string, fu followUp, results []retrieval.Result) (Answer, error) {
	ev := analyseIn(q, fu.Context, results, e.lexicon())
	if !ev.supported(e.opts.MinSupportLLM, e.opts.IgnoreUnknownNames) {
		a := abstain(q, ModeLLM)
		a.Support = ev.Support
		return a, nil
	}
	msgs, kept := e.prompt(q, fu.History, results)
	reply, err := e.complete(ctx, msgs)
	if err != nil {
		if ctx.Err() != nil {
			return Answer{}, fmt.Errorf("ask the language model: %w", ctx.Err())
		}
		a, _ := e.extractive(q, fu, results, nil)
		a.Note = NoteFallback
		a.ModelErr = err
		return a, nil
	}
	// The reply is shown on terminals and in Discord, and stored.
	a := checkReply(q, fu.Context, safetext.Strip(reply), kept)
	a.Model = e.opts.Chat.Model()
	a.Support = ev.Support
	return a, nil
}

// complete asks the model, retrying rate limits, server errors and
// timeouts with exponential backoff and jitter, or after the server's
// Retry-After when longer, until the Deadline: a wait that would end past
// it falls back at once. All waiting goes through the Clock.
func (e *Engine) complete(ctx context.Context, msgs []Message) (string, error) {
	clock := e.opts.Clock
	deadline := clock.Now().Add(e.opts.Deadline)
	backoff := e.opts.Backoff
	var last error
	for attempt := 0; attempt <= e.opts.Retries; attempt++ {
		remaining := deadline.Sub(clock.Now())
		if remaining <= 0 {
			break
		}
		reply, err := e.attempt(ctx, msgs, min(e.opts.AttemptTimeout, remaining))
		if err == nil {
			return reply, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		last = err
		if !isRetryable(err) || attempt == e.opts.Retries {
			break
		}
		// A server's Retry-After says when it will take the request
		// again; asking sooner only earns another refusal.
		wait := retryAfterOf(err)
		sleep := max(e.opts.Jitter(backoff), wait)
		if !clock.Now().Add(sleep).Before(deadline) {
			if sleep == wait {
				last = fmt.Errorf("%w; the server asked to wait %s (Retry-After), past the %s deadline", err, wait, e.opts.Deadline)
			}
			break // no time left for another attempt
		}
		select {
		case <-clock.After(sleep):
		case <-ctx.Done():
			return "", ctx.Err()
		}
		backoff = min(2*backoff, e.opts.MaxBackoff)
	}
	if last == nil {
		last = errors.New("no time left for an attempt")
	}
	return "", errs.Wrap(errs.Unavailable, last, "the language model is unavailable")
}

// attempt runs one completion bounded by timeout on the Clock. It returns
// when the timeout fires even if the Chat ignores its context.
func (e *Engine) attempt(ctx context.Context, msgs []Message, timeout time.Duration) (string, error) {
	// Arm the timeout before the request starts, so that a fake clock
	// advanced once the server has the request always fires it.
	expired := e.opts.Clock.After(timeout)
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	type result struct {
		reply string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		reply, err := e.opts.Chat.Complete(actx, msgs)
		done <- result{reply, err}
	}()
	select {
	case r := <-done:
		return r.reply, r.err
	case <-expired:
		cancel(errAttemptTimeout)
		return "", &ChatError{Retryable: true, Err: fmt.Errorf("no reply within %s", timeout)}
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

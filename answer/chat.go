package answer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"
)

// Message roles.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
)

// Message is one chat message.
type Message struct {
	Role    string
	Content string
}

// Chat is a language model that completes a conversation.
type Chat interface {
	// Model names the model, for the answer's Model field.
	Model() string
	// Complete returns the model's reply to msgs. Errors that may go away
	// on a retry should be (or wrap) a *ChatError with Retryable set.
	Complete(ctx context.Context, msgs []Message) (string, error)
}

// ChatError is a failed completion, classified for the retry loop.
type ChatError struct {
	// StatusCode is the HTTP status, or 0 when there was no response.
	StatusCode int
	// Retryable is true for rate limits, server errors and timeouts.
	Retryable bool
	// RetryAfter is how long the server asked to be left alone
	// (Retry-After), or 0.
	RetryAfter time.Duration
	Err        error
}

func (e *ChatError) Error() string {
	if e.StatusCode != 0 {
		return fmt.Sprintf("chat completion: status %d: %v", e.StatusCode, e.Err)
	}
	return fmt.Sprintf("chat completion: %v", e.Err)
}

func (e *ChatError) Unwrap() error { return e.Err }

// retryableStatus reports whether an HTTP status is worth retrying: rate
// limits, request timeouts and server errors.
func retryableStatus(code int) bool {
	return code == 408 || code == 409 || code == 429 || code >= 500
}

// retryAfterOf returns the wait a Chat error's server asked for, or 0.
func retryAfterOf(err error) time.Duration {
	var ce *ChatError
	if errors.As(err, &ce) {
		return ce.RetryAfter
	}
	return 0
}

// isRetryable reports whether a Chat error may go away on a retry.
func isRetryable(err error) bool {
	var ce *ChatError
	if errors.As(err, &ce) {
		return ce.Retryable
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

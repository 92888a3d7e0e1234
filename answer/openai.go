package answer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/crisisbot/crisisbot/errs"
)

// minTemperature stands in for 0: go-openai drops a zero Temperature
// (omitempty), and the server default is usually far higher.
const minTemperature = 0.001

// DefaultMaxTokens caps the reply length when OpenAIChatConfig.MaxTokens is 0.
const DefaultMaxTokens = 700

// replyBytesPerToken and replyBytesBase size the default cap on a reply's
// body from MaxTokens: a token is a few bytes of text, but JSON escapes
// (\u00e9 is six bytes) and the envelope add more, so the cap is loose
// for an honest server and still stops one that ignores max_tokens.
const (
	replyBytesPerToken = 64
	replyBytesBase     = 64 << 10
)

// OpenAIChatConfig configures an OpenAI-compatible chat completions client.
type OpenAIChatConfig struct {
	// BaseURL is the API root, e.g. "http://localhost:11434/v1" for Ollama;
	// empty means OpenAI's.
	BaseURL string
	// APIKey may be empty for local servers: no Authorization header is sent.
	APIKey string
	Model  string
	// HTTPClient is used for every request; nil means http.DefaultClient.
	// Timeouts come from the engine's context, not from the client.
	HTTPClient *http.Client
	// Temperature <= 0 sends a tiny positive value (see minTemperature).
	Temperature float32
	// MaxTokens caps the reply; 0 means DefaultMaxTokens.
	MaxTokens int
	// MaxReplyBytes caps the response body read; a longer one is an
	// error. 0 means 64 KiB plus 64 bytes a token of MaxTokens.
	MaxReplyBytes int64
	// APIKeyEnv names the environment variable the key came from, for
	// the error of a refused key.
	APIKeyEnv string
}

// OpenAIChat is a Chat over an OpenAI-compatible /chat/completions API,
// through go-openai.
type OpenAIChat struct {
	client      *openai.Client
	model       string
	temperature float32
	maxTokens   int
	maxBytes    int64
	keyEnv      string
	hasKey      bool
}

// NewOpenAIChat returns a Chat for cfg, or an errs.Invalid error naming the
// bad field.
func NewOpenAIChat(cfg OpenAIChatConfig) (*OpenAIChat, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errs.Errorf(errs.Invalid, "the language model has no model name")
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, errs.Errorf(errs.Invalid, "the language model URL %q is not an http(s) URL", cfg.BaseURL)
		}
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	c := &OpenAIChat{
		model:       cfg.Model,
		temperature: cfg.Temperature,
		maxTokens:   cfg.MaxTokens,
		maxBytes:    cfg.MaxReplyBytes,
		keyEnv:      cfg.APIKeyEnv,
		hasKey:      cfg.APIKey != "",
	}
	if c.temperature <= 0 {
		c.temperature = minTemperature
	}
	if c.maxTokens <= 0 {
		c.maxTokens = DefaultMaxTokens
	}
	if c.maxBytes <= 0 {
		c.maxBytes = replyBytesBase + replyBytesPerToken*int64(c.maxTokens)
	}
	hc := *http.DefaultClient
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	}
	// go-openai reads whatever body it is given: a server that ignores
	// max_tokens could send megabytes.
	hc.Transport = cappedTransport{base: hc.Transport, max: c.maxBytes}
	oc.HTTPClient = &hc
	c.client = openai.NewClientWithConfig(oc)
	return c, nil
}

// Model returns the configured model name.
func (c *OpenAIChat) Model() string { return c.model }

// Complete sends msgs to the chat completions endpoint and returns the first
// choice's content. Failures are *ChatError values classified for retry.
func (c *OpenAIChat) Complete(ctx context.Context, msgs []Message) (string, error) {
	req := openai.ChatCompletionRequest{
		Model:       c.model,
		Temperature: c.temperature,
		// MaxTokens, not MaxCompletionTokens: local servers (Ollama,
		// llama.cpp, vLLM) understand max_tokens.
		MaxTokens: c.maxTokens,
	}
	for _, m := range msgs {
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	resp, err := c.client.CreateChatCompletion(ctx, req)
	if err != nil {
		ce := classifyOpenAIError(err)
		switch {
		case errors.Is(err, errReplyTooLarge):
			ce.Retryable = false // the same request gets the same reply
			ce.Err = fmt.Errorf("the reply is over %d bytes (llm.max_tokens is %d): %w", c.maxBytes, c.maxTokens, err)
		case ce.StatusCode == http.StatusUnauthorized:
			ce.Err = c.keyError(ce.Err)
		case ce.Retryable:
			// go-openai sets the response's headers before it looks at
			// the status, so they are there on an error too.
			ce.RetryAfter = retryAfter(resp.Header())
		}
		return "", ce
	}
	if len(resp.Choices) == 0 {
		return "", &ChatError{Err: errors.New("the reply has no choices")}
	}
	return resp.Choices[0].Message.Content, nil
}

// keyError explains a 401: the operator's next step is the key variable.
func (c *OpenAIChat) keyError(err error) error {
	env := "the API key"
	if c.keyEnv != "" {
		env = "$" + c.keyEnv
	}
	if !c.hasKey {
		return fmt.Errorf("the server wants an API key and none was sent: set %s: %w", env, err)
	}
	return fmt.Errorf("the server refused the API key: check %s: %w", env, err)
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date taken
// against the response's own Date (so neither clock's skew matters). It
// returns 0 when there is none or it cannot be read.
func retryAfter(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	now, err := http.ParseTime(h.Get("Date"))
	if err != nil || !at.After(now) {
		return 0
	}
	return min(at.Sub(now), maxRetryAfter)
}

// maxRetryAfter bounds what a Retry-After can ask; anything near it is
// past every deadline anyway.
const maxRetryAfter = 24 * time.Hour

// errReplyTooLarge is the read error of a body over the cap.
var errReplyTooLarge = errors.New("reply too large")

// cappedTransport caps every response body it returns at max bytes:
// reading past them is errReplyTooLarge.
type cappedTransport struct {
	base http.RoundTripper // nil means http.DefaultTransport
	max  int64
}

// RoundTrip sends req through the base transport and caps the body.
func (t cappedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &cappedBody{ReadCloser: resp.Body, left: t.max}
	return resp, nil
}

// cappedBody reads at most left more bytes, then fails if there are more.
type cappedBody struct {
	io.ReadCloser
	left int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Probe one byte: a body of exactly the cap is fine.
		var one [1]byte
		n, err := b.ReadCloser.Read(one[:])
		if n > 0 {
			return 0, errReplyTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

// classifyOpenAIError turns a go-openai error into a *ChatError. A
// *RequestError is checked first: go-openai returns one wrapping an empty
// *APIError when the error body is not OpenAI-shaped.
func classifyOpenAIError(err error) *ChatError {
	var re *openai.RequestError
	if errors.As(err, &re) {
		return &ChatError{StatusCode: re.HTTPStatusCode, Retryable: retryableStatus(re.HTTPStatusCode), Err: requestErrorText(re)}
	}
	var ae *openai.APIError
	if errors.As(err, &ae) {
		return &ChatError{StatusCode: ae.HTTPStatusCode, Retryable: retryableStatus(ae.HTTPStatusCode), Err: err}
	}
	var ne net.Error
	var oe *net.OpError
	retry := errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		(errors.As(err, &ne) && ne.Timeout()) ||
		errors.As(err, &oe) // connection refused or reset: the server may be restarting
	return &ChatError{Retryable: retry, Err: err}
}

// requestErrorText keeps a short piece of a non-OpenAI error body, which is
// often the only explanation ({"error":"model not found"}).
func requestErrorText(re *openai.RequestError) error {
	body := strings.TrimSpace(string(re.Body))
	if len(body) > 200 {
		body = body[:200] + "…"
	}
	if body == "" {
		return re
	}
	return fmt.Errorf("%s: %s", re.HTTPStatus, body)
}

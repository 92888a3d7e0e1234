package answer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/crisisbot/crisisbot/errs"
)

// minTemperature stands in for 0: go-openai drops a zero Temperature
// (omitempty), and the server default is usually far higher.
const minTemperature = 0.001

// DefaultMaxTokens caps the reply length when OpenAIChatConfig.MaxTokens is 0.
const DefaultMaxTokens = 700

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
}

// OpenAIChat is a Chat over an OpenAI-compatible /chat/completions API,
// through go-openai.
type OpenAIChat struct {
	client      *openai.Client
	model       string
	temperature float32
	maxTokens   int
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
	oc.HTTPClient = http.DefaultClient
	if cfg.HTTPClient != nil {
		oc.HTTPClient = cfg.HTTPClient
	}
	c := &OpenAIChat{
		client:      openai.NewClientWithConfig(oc),
		model:       cfg.Model,
		temperature: cfg.Temperature,
		maxTokens:   cfg.MaxTokens,
	}
	if c.temperature <= 0 {
		c.temperature = minTemperature
	}
	if c.maxTokens <= 0 {
		c.maxTokens = DefaultMaxTokens
	}
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
		return "", classifyOpenAIError(err)
	}
	if len(resp.Choices) == 0 {
		return "", &ChatError{Err: errors.New("the reply has no choices")}
	}
	return resp.Choices[0].Message.Content, nil
}

// classifyOpenAIError turns a go-openai error into a *ChatError. A
// *RequestError is checked first: go-openai returns one wrapping an empty
// *APIError when the error body is not OpenAI-shaped.
func classifyOpenAIError(err error) error {
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

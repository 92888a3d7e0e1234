package retrieval

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/crisisbot/crisisbot/errs"
)

// Defaults of OpenAIEmbedderConfig.
const (
	DefaultOpenAIBaseURL   = "https://api.openai.com/v1"
	DefaultOpenAIBatchSize = 64
	DefaultOpenAITimeout   = 60 * time.Second
)

// OpenAIEmbedderConfig configures an OpenAIEmbedder. Any OpenAI-compatible
// server works: Ollama (http://host:11434/v1), llama.cpp, vLLM.
type OpenAIEmbedderConfig struct {
	// BaseURL is DefaultOpenAIBaseURL when empty.
	BaseURL string
	// APIKey may be empty for local servers: no Authorization header is sent.
	APIKey string
	// Model is required, for example "text-embedding-3-small".
	Model string
	// BatchSize is how many texts one request carries; DefaultOpenAIBatchSize
	// when 0.
	BatchSize int
	// Timeout bounds each request; DefaultOpenAITimeout when 0. go-openai
	// has no timeout of its own.
	Timeout time.Duration
	// HTTPClient is a fresh http.Client when nil.
	HTTPClient *http.Client
}

// OpenAIEmbedder embeds with an OpenAI-compatible /embeddings endpoint
// through go-openai. It normalizes the vectors (servers do not promise unit
// length) and checks that every vector has the dimension of the first.
type OpenAIEmbedder struct {
	cfg    OpenAIEmbedderConfig
	client *openai.Client

	mu  sync.Mutex
	dim int // 0 until the first response
}

// NewOpenAIEmbedder returns an embedder for cfg. A missing model is
// reported by Embed.
func NewOpenAIEmbedder(cfg OpenAIEmbedderConfig) *OpenAIEmbedder {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultOpenAIBaseURL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultOpenAIBatchSize
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultOpenAITimeout
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = cfg.HTTPClient
	return &OpenAIEmbedder{cfg: cfg, client: openai.NewClientWithConfig(oc)}
}

// Name returns "openai:" and the model.
func (e *OpenAIEmbedder) Name() string { return "openai:" + e.cfg.Model }

// Embed returns the unit-length vectors of texts, sending BatchSize texts
// per request, each request under its own Timeout.
func (e *OpenAIEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if e.cfg.Model == "" {
		return nil, errs.Errorf(errs.Invalid, "openai embedder: no model configured")
	}
	out := make([][]float32, 0, len(texts))
	for lo := 0; lo < len(texts); lo += e.cfg.BatchSize {
		hi := min(lo+e.cfg.BatchSize, len(texts))
		vecs, err := e.embedBatch(ctx, texts[lo:hi])
		if err != nil {
			return nil, fmt.Errorf("embed texts %d-%d of %d: %w", lo+1, hi, len(texts), err)
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (e *OpenAIEmbedder) embedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	rctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	resp, err := e.client.CreateEmbeddings(rctx, openai.EmbeddingRequestStrings{
		Input: texts,
		Model: openai.EmbeddingModel(e.cfg.Model),
	})
	if err != nil {
		return nil, e.describe(ctx, rctx, err)
	}
	if len(resp.Data) != len(texts) {
		return nil, errs.Errorf(errs.Unavailable, "embedding service %s (model %s) returned %d vectors for %d texts",
			e.cfg.BaseURL, e.cfg.Model, len(resp.Data), len(texts))
	}
	out := make([][]float32, len(texts))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(texts) || out[d.Index] != nil {
			return nil, errs.Errorf(errs.Unavailable, "embedding service %s (model %s) returned a bad or repeated index %d",
				e.cfg.BaseURL, e.cfg.Model, d.Index)
		}
		if err := e.checkDim(len(d.Embedding)); err != nil {
			return nil, err
		}
		if err := normalize(d.Embedding); err != nil {
			return nil, errs.Errorf(errs.Unavailable, "embedding service %s (model %s) returned an unusable vector for text %d: %v",
				e.cfg.BaseURL, e.cfg.Model, d.Index, err)
		}
		out[d.Index] = d.Embedding
	}
	return out, nil
}

// checkDim fails when n differs from the dimension of earlier vectors: a
// server that changed models under the same name would mix vector spaces.
func (e *OpenAIEmbedder) checkDim(n int) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.dim == 0 && n > 0 {
		e.dim = n
	}
	if n != e.dim {
		return errs.Errorf(errs.Unavailable, "embedding service %s (model %s) returned a vector of dimension %d, earlier ones had %d",
			e.cfg.BaseURL, e.cfg.Model, n, e.dim)
	}
	return nil
}

// describe turns a go-openai error into a coded error that says what the
// server answered. A non-OpenAI error body comes back as a *RequestError
// wrapping an empty *APIError, so RequestError is checked first.
func (e *OpenAIEmbedder) describe(ctx, rctx context.Context, err error) error {
	where := fmt.Sprintf("embedding service %s (model %s)", e.cfg.BaseURL, e.cfg.Model)
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", where, ctx.Err())
	}
	if errors.Is(rctx.Err(), context.DeadlineExceeded) {
		return errs.Wrap(errs.Unavailable, err, fmt.Sprintf("%s timed out after %v", where, e.cfg.Timeout))
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		body := strings.TrimSpace(string(reqErr.Body))
		if len(body) > 300 {
			body = body[:300] + "…"
		}
		return errs.Wrap(errs.Unavailable, err, fmt.Sprintf("%s failed with HTTP %d: %s", where, reqErr.HTTPStatusCode, body))
	}
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return errs.Wrap(errs.Unavailable, err, fmt.Sprintf("%s failed with HTTP %d: %s", where, apiErr.HTTPStatusCode, apiErr.Message))
	}
	return errs.Wrap(errs.Unavailable, err, where+" is unreachable")
}

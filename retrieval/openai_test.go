package retrieval

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crisisbot/crisisbot/errs"
)

// fakeOpenAI is an OpenAI-compatible /v1/embeddings endpoint. It embeds
// with the LocalEmbedder, then scales every vector by 3+i (so none is unit
// length) and lists them in reverse order (clients must use "index").
type fakeOpenAI struct {
	local *LocalEmbedder

	mu      sync.Mutex
	batches []int
	auth    []string
	models  []string
}

func (f *fakeOpenAI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
		http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
		return
	}
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.batches = append(f.batches, len(req.Input))
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	f.models = append(f.models, req.Model)
	f.mu.Unlock()
	vecs, _ := f.local.Embed(r.Context(), req.Input)
	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	var data []item
	for i := len(vecs) - 1; i >= 0; i-- {
		v := make([]float32, len(vecs[i]))
		for j, x := range vecs[i] {
			v[j] = x * float32(3+i)
		}
		data = append(data, item{Object: "embedding", Index: i, Embedding: v})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": req.Model,
		"usage": map[string]int{"prompt_tokens": 1, "total_tokens": 1}})
}

func newFakeOpenAI(t *testing.T) (*fakeOpenAI, *httptest.Server) {
	t.Helper()
	f := &fakeOpenAI{local: NewLocalEmbedder()}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func TestOpenAIEmbedderNormalizesAndBatches(t *testing.T) {
	f, srv := newFakeOpenAI(t)
	e := NewOpenAIEmbedder(OpenAIEmbedderConfig{BaseURL: srv.URL + "/v1/", APIKey: "sk-test", Model: "fake-embed", BatchSize: 3})
	if e.Name() != "openai:fake-embed" {
		t.Errorf("Name = %q", e.Name())
	}
	texts := []string{"Baku", "Moscow", "Yekaterinburg police raid", "Sputnik", "Kartavykh", "38 people", "Türkiye"}
	got, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := NewLocalEmbedder().Embed(context.Background(), texts)
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-6)); diff != "" {
		t.Errorf("vectors are not the normalized server vectors in input order (-want +got):\n%s", diff)
	}
	for i, v := range got {
		if n := math.Sqrt(cosine(v, v)); math.Abs(n-1) > 1e-6 {
			t.Errorf("vector %d has norm %v", i, n)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if diff := cmp.Diff([]int{3, 3, 1}, f.batches); diff != "" {
		t.Errorf("batch sizes (-want +got):\n%s", diff)
	}
	if f.auth[0] != "Bearer sk-test" || f.models[0] != "fake-embed" {
		t.Errorf("request had auth %q, model %q", f.auth[0], f.models[0])
	}
}

func TestOpenAIEmbedderThroughLibrary(t *testing.T) {
	_, srv := newFakeOpenAI(t)
	ctx := context.Background()
	docs := seedDocs(t)
	remote := openTest(t, Options{Embedder: NewOpenAIEmbedder(OpenAIEmbedderConfig{BaseURL: srv.URL + "/v1", Model: "fake-embed", BatchSize: 16})})
	// The wrapper hides LocalEmbedder.FusionWeight: both libraries fuse with
	// an equal share.
	local := openTest(t, Options{Embedder: &countingEmbedder{Embedder: NewLocalEmbedder()}})
	for _, l := range []*Library{remote, local} {
		if _, err := l.Ingest(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	if got := remote.Stats(); got.Embedder != "openai:fake-embed" || got.Dim != LocalDim {
		t.Errorf("Stats = %+v", got)
	}
	// The server's vectors are the local ones scaled: once normalized, the
	// ranking must be the local ranking.
	for _, q := range []string{"cause of death of the brothers", "Sputnik journalists", "Guseyn Safarov"} {
		for _, mode := range []Mode{Vector, Hybrid} {
			want, err := local.Search(ctx, q, SearchOptions{Mode: mode, K: 10})
			if err != nil {
				t.Fatal(err)
			}
			got, err := remote.Search(ctx, q, SearchOptions{Mode: mode, K: 10})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-5)); diff != "" {
				t.Errorf("%s %q: ranking through OpenAIEmbedder differs (-local +openai):\n%s", mode, q, diff)
			}
		}
	}
}

func TestOpenAIEmbedderErrors(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		code    string
		mention []string
	}{
		{"non-OpenAI error body", 404, `{"error":"model not found"}`, errs.Unavailable, []string{"HTTP 404", "model not found", "fake-embed"}},
		{"OpenAI error body", 401, `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}`, errs.Unavailable, []string{"HTTP 401", "Incorrect API key provided"}},
		{"plain text 500", 500, `upstream exploded`, errs.Unavailable, []string{"HTTP 500", "upstream exploded"}},
		{"too few vectors", 200, `{"data":[{"index":0,"embedding":[1,2]}]}`, errs.Unavailable, []string{"1 vectors for 2 texts"}},
		{"mixed dimensions", 200, `{"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[1,2,3]}]}`, errs.Unavailable, []string{"dimension 3", "earlier ones had 2"}},
		{"zero vector", 200, `{"data":[{"index":0,"embedding":[0,0]},{"index":1,"embedding":[1,2]}]}`, errs.Unavailable, []string{"unusable vector"}},
		{"repeated index", 200, `{"data":[{"index":0,"embedding":[1,2]},{"index":0,"embedding":[1,2]}]}`, errs.Unavailable, []string{"repeated index 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			e := NewOpenAIEmbedder(OpenAIEmbedderConfig{BaseURL: srv.URL, Model: "fake-embed"})
			_, err := e.Embed(context.Background(), []string{"a", "b"})
			if errs.Code(err) != tt.code {
				t.Errorf("code %q (%v), want %q", errs.Code(err), err, tt.code)
			}
			for _, m := range tt.mention {
				if err == nil || !strings.Contains(err.Error(), m) {
					t.Errorf("error %v does not mention %q", err, m)
				}
			}
		})
	}
	_, err := NewOpenAIEmbedder(OpenAIEmbedderConfig{}).Embed(context.Background(), []string{"a"})
	if errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), "no model") {
		t.Errorf("no model: %v", err)
	}
}

func TestOpenAIEmbedderTimeoutAndCancel(t *testing.T) {
	// A timeout that has already passed: the request fails at once.
	e := NewOpenAIEmbedder(OpenAIEmbedderConfig{BaseURL: "http://127.0.0.1:9/v1", Model: "m", Timeout: time.Nanosecond})
	_, err := e.Embed(context.Background(), []string{"a"})
	if errs.Code(err) != errs.Unavailable || !strings.Contains(err.Error(), "timed out after 1ns") {
		t.Errorf("expired timeout: %v", err)
	}

	// The caller's ctx cancels a request in flight.
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // the server notices a closed connection only after the body
		close(arrived)
		<-r.Context().Done() // never answers; returns when the client gives up
	}))
	defer srv.Close()
	e = NewOpenAIEmbedder(OpenAIEmbedderConfig{BaseURL: srv.URL, Model: "m"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := e.Embed(ctx, []string{"a"})
		done <- err
	}()
	<-arrived
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled request: %v, want context.Canceled", err)
	}
}

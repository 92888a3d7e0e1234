package fakediscord

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Call is one REST request the fake received, and the status it answered.
type Call struct {
	Method string
	// Path is relative to APIURL and has no query: "channels/42/messages".
	Path   string
	Query  url.Values
	Header http.Header
	// Body is the raw request body; for a multipart body it is the
	// payload_json part, so it is JSON either way.
	Body []byte
	// Files are a multipart body's file parts, in order.
	Files  []File
	Status int
}

// File is one uploaded file of a multipart request.
type File struct {
	Field, Name, ContentType string
	Data                     []byte
}

// JSON decodes the call's body into v.
func (c Call) JSON(v any) error {
	if err := json.Unmarshal(c.Body, v); err != nil {
		return fmt.Errorf("decode %s %s body: %w", c.Method, c.Path, err)
	}
	return nil
}

// Is reports whether the call has the method (any if empty) and a path
// starting with pathPrefix.
func (c Call) Is(method, pathPrefix string) bool {
	return (method == "" || c.Method == method) && strings.HasPrefix(c.Path, pathPrefix)
}

func (c Call) clone() Call {
	c.Query = maps.Clone(c.Query)
	c.Header = c.Header.Clone()
	c.Body = slices.Clone(c.Body)
	c.Files = slices.Clone(c.Files)
	return c
}

// Calls returns every REST call so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		out[i] = c.clone()
	}
	return out
}

// WaitCall waits for a call matching match (including calls already made)
// and returns the first one.
func (s *Server) WaitCall(ctx context.Context, match func(Call) bool) (Call, error) {
	calls, err := s.WaitCalls(ctx, 1, match)
	if err != nil {
		return Call{}, err
	}
	return calls[0], nil
}

// WaitCalls waits until n calls match match (including calls already made)
// and returns the first n.
func (s *Server) WaitCalls(ctx context.Context, n int, match func(Call) bool) ([]Call, error) {
	return waitMatches(ctx, s, fmt.Sprintf("%d REST calls", n), n, func() []Call { return s.calls }, match, Call.clone)
}

// waitMatches waits until n of the records list returns (called with s.mu
// held) match, and returns copies of the first n.
func waitMatches[T any](ctx context.Context, s *Server, what string, n int, list func() []T, match func(T) bool, copyOf func(T) T) ([]T, error) {
	var out []T
	err := s.wait(ctx, what, func() bool {
		out = out[:0]
		for _, r := range list() {
			if match(r) {
				if out = append(out, copyOf(r)); len(out) == n {
					return true
				}
			}
		}
		return false
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// fault is an injected failure.
type fault struct {
	method, prefix string
	status         int
	body           string
	left           int
	served         bool // the call is served before the failure is answered
}

// FailNext makes the next times calls with the method (any if empty) and a
// path starting with pathPrefix (relative to APIURL) answer status with body
// instead of being served. An empty body becomes Discord's: for 429 the
// rate-limit body with retry_after 0.01 s, otherwise {"message": "<status>:
// <text>", "code": 0}. A 429 also gets Discord's rate-limit headers, taken
// from retry_after and global in the body. Failed calls are recorded. Faults
// are checked in the order they were added.
func (s *Server) FailNext(method, pathPrefix string, status int, body string, times int) {
	s.addFault(&fault{method: method, prefix: pathPrefix, status: status, body: body, left: times})
}

// FailNextAfterServing is FailNext for calls that take effect although
// they fail: each is served, then answered with status and Discord's error
// body, as when Discord's edge gives up on a request its backend completed.
func (s *Server) FailNextAfterServing(method, pathPrefix string, status int, times int) {
	s.addFault(&fault{method: method, prefix: pathPrefix, status: status, left: times, served: true})
}

func (s *Server) addFault(f *fault) {
	if f.body == "" {
		if f.status == http.StatusTooManyRequests {
			f.body = `{"message":"You are being rate limited.","retry_after":0.01,"global":false}`
		} else {
			f.body = errorBody(0, fmt.Sprintf("%d: %s", f.status, http.StatusText(f.status)))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// takeFaultLocked consumes and returns the first fault matching c.
func (s *Server) takeFaultLocked(c Call) *fault {
	for i, f := range s.faults {
		if f.left > 0 && c.Is(f.method, f.prefix) {
			f.left--
			if f.left == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
			return f
		}
	}
	return nil
}

// serveHTTP records every REST call before answering it, so that a client
// that got its answer always finds its call in Calls.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, APIPrefix) {
		s.mux.ServeHTTP(w, r) // the gateway websocket
		return
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read body: "+err.Error(), http.StatusBadRequest)
		return
	}
	call := Call{
		Method: r.Method,
		Path:   strings.TrimPrefix(r.URL.Path, APIPrefix),
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		Body:   raw,
	}
	if mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && mt == "multipart/form-data" {
		call.Body, call.Files, err = splitMultipart(raw, params["boundary"])
		if err != nil {
			call.Body = raw
		}
	}

	rec := httptest.NewRecorder()
	s.mu.Lock()
	f := s.takeFaultLocked(call)
	s.mu.Unlock()
	if f != nil && f.served {
		s.serveRoute(httptest.NewRecorder(), r, call)
	}
	switch {
	case f != nil:
		if f.status == http.StatusTooManyRequests {
			rateLimitHeaders(rec.Header(), f.body)
		}
		rec.Header().Set("Content-Type", "application/json")
		rec.WriteHeader(f.status)
		rec.WriteString(f.body)
	case !s.authorized(call):
		writeError(rec, http.StatusUnauthorized, 0, "401: Unauthorized")
	default:
		rec = s.serveRoute(rec, r, call)
	}
	call.Status = rec.Code

	s.mu.Lock()
	s.calls = append(s.calls, call)
	s.notifyLocked()
	s.mu.Unlock()

	maps.Copy(w.Header(), rec.Header())
	w.WriteHeader(rec.Code)
	w.Write(rec.Body.Bytes())
}

// serveRoute answers call (read from r) with its route's handler into rec,
// and returns the recorder holding the answer.
func (s *Server) serveRoute(rec *httptest.ResponseRecorder, r *http.Request, call Call) *httptest.ResponseRecorder {
	r.Body = io.NopCloser(bytes.NewReader(call.Body))
	r = r.WithContext(context.WithValue(r.Context(), filesKey{}, call.Files))
	if _, pattern := s.mux.Handler(r); pattern == "" {
		// Unknown route or method: Discord's shape, not ServeMux's text.
		s.mux.ServeHTTP(rec, r)
		code := rec.Code
		rec = httptest.NewRecorder()
		writeError(rec, code, 0, fmt.Sprintf("%d: %s", code, http.StatusText(code)))
		return rec
	}
	s.mux.ServeHTTP(rec, r)
	return rec
}

// authorized checks the bot token on routes that need one; interaction
// callbacks and webhooks are authorized by the token in their path.
func (s *Server) authorized(c Call) bool {
	if s.opts.Token == "" || c.Is("", "interactions/") || c.Is("", "webhooks/") || c.Path == "gateway" {
		return true
	}
	return c.Header.Get("Authorization") == "Bot "+s.opts.Token
}

type filesKey struct{}

// requestFiles returns the multipart files serveHTTP split off.
func requestFiles(r *http.Request) []File {
	files, _ := r.Context().Value(filesKey{}).([]File)
	return files
}

// splitMultipart returns a multipart body's payload_json part and its files.
func splitMultipart(raw []byte, boundary string) ([]byte, []File, error) {
	mr := multipart.NewReader(bytes.NewReader(raw), boundary)
	var payload []byte
	var files []File
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return payload, files, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read multipart: %w", err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, nil, fmt.Errorf("read part %q: %w", p.FormName(), err)
		}
		if p.FormName() == "payload_json" {
			payload = data
			continue
		}
		files = append(files, File{Field: p.FormName(), Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
	}
}

// rateLimitHeaders sets the headers Discord sends with a 429. discordgo
// reads X-RateLimit-Reset-After (and -Global) to hold the bucket, then
// sleeps retry_after from the body and retries.
func rateLimitHeaders(h http.Header, body string) {
	var rl struct {
		RetryAfter float64 `json:"retry_after"`
		Global     bool    `json:"global"`
	}
	json.Unmarshal([]byte(body), &rl) // a custom body may omit them: zeros are fine
	after := strconv.FormatFloat(rl.RetryAfter, 'f', -1, 64)
	h.Set("Retry-After", strconv.Itoa(int(rl.RetryAfter+0.999)))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", after)
	h.Set("X-RateLimit-Bucket", "fakediscord")
	if rl.Global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		h.Set("X-RateLimit-Scope", "user")
	}
}

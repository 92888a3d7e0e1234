package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/timeline"
)

// The local API: while serve holds a data directory it answers the other
// commands on a Unix socket in it, so they work beside the bot and an
// ingest or remove reaches the bot's own library and timeline at once.
// Each route takes and returns JSON; errors keep their errs code.

// apiSocket is the local API's socket inside the data directory.
const apiSocket = "crisisbot.sock"

// apiGrace is how long a stopping serve lets local API calls finish.
const apiGrace = 10 * time.Second

// answerWire is an answer with the fields its JSON contract leaves out,
// so that the client renders it as serve would.
type answerWire struct {
	Answer       answer.Answer `json:"answer"`
	Model        string        `json:"model"`
	Note         string        `json:"note"`
	Disagreement string        `json:"disagreement"`
	// Precisions are the citations' PublishedPrecision, in order.
	Precisions []string `json:"precisions"`
	ModelErr   string   `json:"model_err,omitempty"`
}

func toWire(a answer.Answer) answerWire {
	w := answerWire{Answer: a, Model: a.Model, Note: a.Note, Disagreement: a.Disagreement}
	for _, c := range a.Citations {
		w.Precisions = append(w.Precisions, c.PublishedPrecision)
	}
	if a.ModelErr != nil {
		w.ModelErr = a.ModelErr.Error()
	}
	return w
}

func (w answerWire) answer() answer.Answer {
	a := w.Answer
	a.Model, a.Note, a.Disagreement = w.Model, w.Note, w.Disagreement
	for i := range a.Citations {
		if i < len(w.Precisions) {
			a.Citations[i].PublishedPrecision = w.Precisions[i]
		}
	}
	if w.ModelErr != "" {
		a.ModelErr = errors.New(w.ModelErr)
	}
	return a
}

// errorWire is a failed call: the error's text, and its code and
// user-facing message.
type errorWire struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Text    string `json:"error"`
}

// remoteError is an error serve returned: its text as serve had it, over
// the code and message that the edge turns into user text.
type remoteError struct {
	text  string
	coded *errs.Error
}

func (e *remoteError) Error() string { return e.text }
func (e *remoteError) Unwrap() error { return e.coded }

// apiStatus maps an error code to the HTTP status, for curl's sake.
func apiStatus(code string) int {
	switch code {
	case errs.Usage, errs.Invalid:
		return http.StatusBadRequest
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Unavailable:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// route serves one call: it decodes In, runs f and encodes its result.
func route[In, Out any](logger *slog.Logger, f func(context.Context, In) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in In
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			writeAPIError(w, errs.Wrap(errs.Invalid, err, "bad request body"))
			return
		}
		out, err := f(r.Context(), in)
		if err != nil {
			logger.Info("local API call failed", "path", r.URL.Path, "err", err)
			writeAPIError(w, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
	}
}

func writeAPIError(w http.ResponseWriter, err error) {
	code := errs.Code(err)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(apiStatus(code))
	json.NewEncoder(w).Encode(errorWire{Code: code, Message: errs.Message(err), Text: err.Error()})
}

// none is the empty request or response.
type none struct{}

type askWire struct {
	Question string `json:"question"`
	// History is the conversation a chat follow-up is read in.
	History []answer.Turn `json:"history,omitempty"`
}

type ingestWire struct {
	Docs []corpus.Document `json:"docs"`
}

type removeWire struct {
	IDs []string `json:"ids"`
}

type timelineWire struct {
	From  string `json:"from"`
	To    string `json:"to"`
	About string `json:"about"`
}

// backupWire is a backup's file, absolute since serve's working directory
// is not the caller's, and the bytes written.
type backupWire struct {
	File  string `json:"file"`
	Bytes int64  `json:"bytes"`
}

// eventsWire is a timeline with its dates' labels ("summer 2025"), which
// an event's JSON leaves out.
type eventsWire struct {
	Events []timeline.Event `json:"events"`
	Labels []string         `json:"labels"`
}

// apiHandler routes the local API onto lib, and chat's calls onto parts.
func apiHandler(lib library, parts botParts, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	chatRoutes(mux, parts, logger)
	mux.Handle("POST /v0/ask", route(logger, func(ctx context.Context, in askWire) (answerWire, error) {
		a, err := lib.Ask(ctx, in.Question)
		return toWire(a), err
	}))
	mux.Handle("POST /v0/search", route(logger, lib.Search))
	mux.Handle("POST /v0/sources", route(logger, func(ctx context.Context, _ none) ([]sourceInfo, error) {
		return lib.Sources(ctx)
	}))
	mux.Handle("POST /v0/ingest", route(logger, func(ctx context.Context, in ingestWire) (retrieval.IngestReport, error) {
		return lib.Ingest(ctx, in.Docs)
	}))
	mux.Handle("POST /v0/remove", route(logger, func(ctx context.Context, in removeWire) (none, error) {
		return none{}, lib.Remove(ctx, in.IDs)
	}))
	mux.Handle("POST /v0/timeline", route(logger, func(ctx context.Context, in timelineWire) (eventsWire, error) {
		evs, err := lib.Timeline(ctx, timeline.Request(in))
		w := eventsWire{Events: evs}
		for _, ev := range evs {
			w.Labels = append(w.Labels, ev.Date.Label)
		}
		return w, err
	}))
	mux.Handle("POST /v0/digest", route(logger, lib.Digest))
	mux.Handle("POST /v0/feeds", route(logger, func(ctx context.Context, _ none) (feedsJSON, error) {
		return lib.PollFeeds(ctx)
	}))
	mux.Handle("POST /v0/backup", route(logger, func(ctx context.Context, in backupWire) (backupWire, error) {
		n, err := lib.Backup(ctx, in.File)
		return backupWire{File: in.File, Bytes: n}, err
	}))
	mux.Handle("POST /v0/check", route(logger, func(ctx context.Context, _ none) (retrieval.CheckReport, error) {
		return lib.Check(ctx)
	}))
	return mux
}

// serveAPI serves the local API on the data directory's socket, readable
// and writable by this user only, and returns its stop function. The
// caller holds the data directory, so a socket file already there was left
// by a process that died, and is replaced.
func (a *app) serveAPI(logger *slog.Logger, parts botParts) (stop func(), err error) {
	path := filepath.Join(a.cfg.DataDir, apiSocket)
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("remove stale %s: %w", path, err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("local API: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("local API: %w", err)
	}
	base, cancelCalls := context.WithCancel(context.Background())
	srv := &http.Server{Handler: apiHandler(a, parts, logger), ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return base }}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("local API stopped", "err", err)
		}
	}()
	return func() {
		// Calls in flight get a grace to finish before the library
		// closes; an ingest cut short keeps what it stored.
		ctx, cancel := context.WithTimeout(context.Background(), apiGrace)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			cancelCalls()
			srv.Close()
		}
		cancelCalls()
	}, nil
}

// apiClient is a library served by a running serve.
type apiClient struct {
	hc *http.Client
}

// dialAPI returns a client of the local API of dir when serve answers on
// its socket. A socket nobody listens on is left alone: only the process
// that takes the data directory may remove it.
func dialAPI(ctx context.Context, dir string) (*apiClient, bool) {
	path := filepath.Join(dir, apiSocket)
	var d net.Dialer
	conn, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		return nil, false
	}
	conn.Close()
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return d.DialContext(ctx, "unix", path)
	}}
	// No timeout: an answer takes as long as the model; ctx cancels it.
	return &apiClient{hc: &http.Client{Transport: tr}}, true
}

// call posts in to path and decodes the result into out.
func (c *apiClient) call(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://crisisbot"+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return errs.Wrap(errs.Unavailable, err, "the running crisisbot serve did not answer")
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return errs.Wrap(errs.Unavailable, err, "the running crisisbot serve did not answer")
	}
	if resp.StatusCode != http.StatusOK {
		var ew errorWire
		if err := json.Unmarshal(data, &ew); err != nil || ew.Code == "" {
			return fmt.Errorf("local API %s: %s", path, resp.Status)
		}
		return &remoteError{text: ew.Text, coded: &errs.Error{Code: ew.Code, Message: ew.Message}}
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("local API %s: %w", path, err)
	}
	return nil
}

func (c *apiClient) Ask(ctx context.Context, question string) (answer.Answer, error) {
	var w answerWire
	err := c.call(ctx, "/v0/ask", askWire{Question: question}, &w)
	return w.answer(), err
}

func (c *apiClient) Search(ctx context.Context, q searchQuery) ([]searchResult, error) {
	var out []searchResult
	err := c.call(ctx, "/v0/search", q, &out)
	return out, err
}

func (c *apiClient) Sources(ctx context.Context) ([]sourceInfo, error) {
	var out []sourceInfo
	err := c.call(ctx, "/v0/sources", none{}, &out)
	return out, err
}

func (c *apiClient) Ingest(ctx context.Context, docs []corpus.Document) (retrieval.IngestReport, error) {
	var rep retrieval.IngestReport
	err := c.call(ctx, "/v0/ingest", ingestWire{Docs: docs}, &rep)
	return rep, err
}

func (c *apiClient) Remove(ctx context.Context, ids []string) error {
	return c.call(ctx, "/v0/remove", removeWire{IDs: ids}, &none{})
}

func (c *apiClient) Timeline(ctx context.Context, req timeline.Request) ([]timeline.Event, error) {
	var w eventsWire
	err := c.call(ctx, "/v0/timeline", timelineWire(req), &w)
	for i := range w.Events {
		if i < len(w.Labels) {
			w.Events[i].Date.Label = w.Labels[i]
		}
	}
	return w.Events, err
}

func (c *apiClient) Digest(ctx context.Context, q digestQuery) (digestResult, error) {
	var out digestResult
	err := c.call(ctx, "/v0/digest", q, &out)
	return out, err
}

func (c *apiClient) PollFeeds(ctx context.Context) (feedsJSON, error) {
	var out feedsJSON
	err := c.call(ctx, "/v0/feeds", none{}, &out)
	return out, err
}

func (c *apiClient) Backup(ctx context.Context, dest string) (int64, error) {
	var out backupWire
	err := c.call(ctx, "/v0/backup", backupWire{File: dest}, &out)
	return out.Bytes, err
}

func (c *apiClient) Check(ctx context.Context) (retrieval.CheckReport, error) {
	var out retrieval.CheckReport
	err := c.call(ctx, "/v0/check", none{}, &out)
	return out, err
}

func (c *apiClient) Close() error {
	c.hc.CloseIdleConnections()
	return nil
}

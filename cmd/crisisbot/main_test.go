package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/crisisbot/crisisbot/answer"
)

// cli runs the program exactly as main does, with a fresh environment.
type cli struct {
	t       *testing.T
	dataDir string
	env     map[string]string
	// stdin is the next run's standard input.
	stdin string
	// clock, when set, replaces the wall clock.
	clock answer.Clock
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	return &cli{t: t, dataDir: filepath.Join(t.TempDir(), "data"), env: map[string]string{}}
}

func (c *cli) run(args ...string) (stdout, stderr string, code int) {
	c.t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"crisisbot", "--data-dir", c.dataDir}, args...)
	getenv := func(k string) string { return c.env[k] }
	var err error
	if c.clock != nil {
		e := &env{getenv: getenv, stdin: strings.NewReader(c.stdin), stdout: &out, stderr: &errb, clock: c.clock}
		err = runEnv(context.Background(), e, full)
	} else {
		err = run(context.Background(), full, getenv, strings.NewReader(c.stdin), &out, &errb)
	}
	code = exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// mustRun runs args and fails the test unless they exit 0.
func (c *cli) mustRun(args ...string) string {
	c.t.Helper()
	out, errOut, code := c.run(args...)
	if code != 0 {
		c.t.Fatalf("crisisbot %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// askJSON is the documented `ask --json` shape; decoding disallows unknown
// fields so the contract cannot drift silently.
type askJSON struct {
	Question  string `json:"question"`
	Answer    string `json:"answer"`
	Grounded  bool   `json:"grounded"`
	Mode      string `json:"mode"`
	Citations []struct {
		Ref       int    `json:"ref"`
		DocID     string `json:"doc_id"`
		PassageID string `json:"passage_id"`
		Title     string `json:"title"`
		Outlet    string `json:"outlet"`
		Published string `json:"published"`
		URL       string `json:"url"`
		Text      string `json:"text"`
	} `json:"citations"`
}

func decodeAsk(t *testing.T, out string) askJSON {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var a askJSON
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("ask --json printed %q: %v", out, err)
	}
	if dec.More() {
		t.Fatalf("ask --json printed more than one object: %q", out)
	}
	return a
}

var refRE = regexp.MustCompile(`\[(\d+)\]`)

// checkRefs asserts that every [n] in the answer has a citation with ref n.
func checkRefs(t *testing.T, a askJSON) {
	t.Helper()
	refs := map[int]bool{}
	for _, c := range a.Citations {
		refs[c.Ref] = true
		if c.Text == "" || c.PassageID == "" || c.DocID == "" {
			t.Errorf("citation %d is missing its passage: %+v", c.Ref, c)
		}
	}
	for _, m := range refRE.FindAllStringSubmatch(a.Answer, -1) {
		var n int
		fmt.Sscan(m[1], &n)
		if !refs[n] {
			t.Errorf("answer cites [%d] but has no such citation: %q", n, a.Answer)
		}
	}
}

func TestAskOfflineAnswersWithCitations(t *testing.T) {
	c := newCLI(t)
	out := c.mustRun("ask", "Why did Baku cancel Overchuk's visit?")
	for _, want := range []string{"Overchuk", "[1]", "Sources:", "extractive", "week of 2025-06-30"} {
		if !strings.Contains(out, want) {
			t.Errorf("ask output lacks %q:\n%s", want, out)
		}
	}
	a := decodeAsk(t, c.mustRun("ask", "--json", "Why did Baku cancel Overchuk's visit?"))
	if !a.Grounded || a.Mode != "extractive" || len(a.Citations) == 0 {
		t.Errorf("ask --json = grounded %v, mode %q, %d citations; want a grounded extractive answer with citations", a.Grounded, a.Mode, len(a.Citations))
	}
	checkRefs(t, a)
}

func TestAskAbstainsOffTopic(t *testing.T) {
	c := newCLI(t)
	a := decodeAsk(t, c.mustRun("ask", "--json", "What is the capital of France?"))
	if a.Grounded || len(a.Citations) != 0 {
		t.Errorf("off-topic question: grounded %v with %d citations, want ungrounded with none: %q", a.Grounded, len(a.Citations), a.Answer)
	}
	if !strings.Contains(strings.ToLower(a.Answer), "not cover") {
		t.Errorf("off-topic answer does not say the articles do not cover it: %q", a.Answer)
	}
}

func TestUsageAndInputErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", nil, 2, "no command"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"ask without question", []string{"ask"}, 2, "needs a question"},
		{"ask blank question", []string{"ask", "   "}, 2, "needs a question"},
		{"ask unknown flag", []string{"ask", "--bogus", "q"}, 2, "bogus"},
		{"search bad top", []string{"search", "--top", "0", "Sputnik"}, 2, "--top"},
		{"search bad mode", []string{"search", "--mode", "magic", "Sputnik"}, 2, "--mode"},
		{"question too long", []string{"ask", strings.Repeat("why ", 1250)}, 2, "4999 characters; the limit is 1000 (answer.max_question_chars)"},
		{"ingest nothing", []string{"ingest"}, 2, "at least one"},
		{"ingest missing file", []string{"ingest", "/no/such/file.md"}, 1, "/no/such/file.md"},
		{"digest with arguments", []string{"digest", "today"}, 2, "--since"},
		{"digest bad since", []string{"digest", "--since", "last week"}, 2, "neither a duration"},
		{"digest since the future", []string{"digest", "--since", "2999-01-01"}, 2, "in the future"},
		{"digest since no time ago", []string{"digest", "--since", "0h"}, 2, "more than zero"},
		{"digest since negative days", []string{"digest", "--since", "-3d"}, 2, "more than zero"},
		{"digest since no such month", []string{"digest", "--since", "2026-13-01"}, 2, "month out of range"},
		{"timeline empty topic", []string{"timeline", "--about", "  "}, 2, "--about: the topic is empty"},
		{"timeline topic of no word", []string{"timeline", "--about", "the"}, 2, "no word to look for"},
		{"digest unknown channel", []string{"digest", "--channel", "42"}, 1, "gets no digest"},
		{"ingest feeds with arguments", []string{"ingest", "--feeds", "x.md"}, 2, "no arguments"},
		{"ingest feeds without feeds", []string{"ingest", "--feeds"}, 1, "feeds.urls"},
		{"timeline with arguments", []string{"timeline", "Sputnik"}, 2, "--about"},
		{"serve without token", []string{"serve"}, 1, "DISCORD_TOKEN"},
		{"chat with arguments", []string{"chat", "why?"}, 2, "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCLI(t)
			_, errOut, code := c.run(tt.args...)
			if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.wantCode, tt.wantErr)
			}
		})
	}
}

func TestHelpExitsZero(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{{"-h"}, {"ask", "-h"}, {"search", "-h"}, {"ingest", "-h"}, {"sources", "-h"}, {"eval", "-h"}, {"chat", "-h"}, {"serve", "-h"}, {"feedback", "-h"}} {
		_, errOut, code := c.run(args...)
		if code != 0 || !strings.Contains(errOut, "Usage: crisisbot") {
			t.Errorf("crisisbot %v: exit %d, stderr %q; want usage and exit 0", args, code, errOut)
		}
	}
}

// TestHelpCommand: "crisisbot help [COMMAND]" prints the usage on stdout
// and exits 0, as go's own help does; an unknown command is a usage error.
func TestHelpCommand(t *testing.T) {
	c := newCLI(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"help"}, "Usage: crisisbot [--config FILE]"},
		{[]string{"help", "ask"}, "Usage: crisisbot ask [flags] QUESTION..."},
		{[]string{"help", "timeline"}, "Usage: crisisbot timeline"},
	} {
		out, errOut, code := c.run(tt.args...)
		if code != 0 || !strings.Contains(out, tt.want) || errOut != "" {
			t.Errorf("crisisbot %v: exit %d, stdout %q, stderr %q; want %q on stdout and exit 0", tt.args, code, out, errOut, tt.want)
		}
	}
	for _, args := range [][]string{{"help", "frobnicate"}, {"help", "ask", "eval"}} {
		if _, errOut, code := c.run(args...); code != 2 || !strings.Contains(errOut, "help") {
			t.Errorf("crisisbot %v: exit %d, stderr %q; want a usage error", args, code, errOut)
		}
	}
}

func TestIngestSourcesAndBadInputKeepsStore(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	article := filepath.Join(dir, "note.md")
	writeFile(t, article, "---\nid: test-note\ntitle: A test note on the Zangezur corridor\npublished: 2025-07-08\npublished_precision: day\n---\n"+
		"The Zangezur corridor would link Azerbaijan with Nakhchivan. Officials in Baku discussed the corridor again on July 8.\n")

	out := c.mustRun("ingest", article)
	if !strings.Contains(out, "added 1") {
		t.Errorf("first ingest: %q, want added 1", out)
	}
	out = c.mustRun("ingest", article)
	if !strings.Contains(out, "unchanged 1") {
		t.Errorf("re-ingest of an unchanged file: %q, want unchanged 1", out)
	}

	var src struct {
		Sources []sourceInfo `json:"sources"`
	}
	if err := json.Unmarshal([]byte(c.mustRun("sources", "--json")), &src); err != nil {
		t.Fatal(err)
	}
	if len(src.Sources) != 6 {
		t.Fatalf("sources lists %d documents, want the 5 bundled and the note", len(src.Sources))
	}
	found := false
	for _, s := range src.Sources {
		if s.Passages < 1 {
			t.Errorf("source %s has %d passages", s.ID, s.Passages)
		}
		if s.ID == "test-note" {
			found = true
			if s.Published != "2025-07-08" {
				t.Errorf("test-note published %q, want 2025-07-08", s.Published)
			}
		}
	}
	if !found {
		t.Errorf("sources does not list test-note: %+v", src.Sources)
	}

	plain := c.mustRun("sources")
	if !strings.Contains(plain, "week of 2025-06-30") || !strings.Contains(plain, "test-note") {
		t.Errorf("sources does not show week-precise dates as weeks, or lacks test-note:\n%s", plain)
	}

	bad := filepath.Join(dir, "bad.md")
	writeFile(t, bad, "---\nid: bad\ntitel: typo\n---\nBody.\n")
	_, errOut, code := c.run("ingest", bad, article)
	if code != 1 || !strings.Contains(errOut, "titel") {
		t.Errorf("ingest of bad front matter: exit %d, %q; want exit 1 naming the key", code, errOut)
	}
	if err := json.Unmarshal([]byte(c.mustRun("sources", "--json")), &src); err != nil {
		t.Fatal(err)
	}
	if len(src.Sources) != 6 {
		t.Errorf("after a failed ingest sources lists %d documents, want 6", len(src.Sources))
	}
}

func TestSearchJSON(t *testing.T) {
	c := newCLI(t)
	var res struct {
		Query   string `json:"query"`
		Results []struct {
			Rank      int     `json:"rank"`
			Score     float64 `json:"score"`
			DocID     string  `json:"doc_id"`
			PassageID string  `json:"passage_id"`
			Title     string  `json:"title"`
			Text      string  `json:"text"`
		} `json:"results"`
	}
	dec := json.NewDecoder(strings.NewReader(c.mustRun("search", "--json", "--top", "3", "Kartavykh")))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatal(err)
	}
	if res.Query != "Kartavykh" || len(res.Results) != 3 {
		t.Fatalf("search = query %q with %d results, want 3", res.Query, len(res.Results))
	}
	if !strings.Contains(res.Results[0].Text, "Kartavykh") || res.Results[0].Rank != 1 {
		t.Errorf("top result does not name Kartavykh: %+v", res.Results[0])
	}
	if res.Results[0].Score < res.Results[1].Score {
		t.Errorf("results not sorted by score: %v then %v", res.Results[0].Score, res.Results[1].Score)
	}
}

func TestConfigErrorsNameTheKey(t *testing.T) {
	c := newCLI(t)
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, cfg, "retrieval:\n  top_kk: 3\n")
	_, errOut, code := c.run("--config", cfg, "ask", "Who died?")
	if code != 1 || !strings.Contains(errOut, "top_kk") {
		t.Errorf("unknown config key: exit %d, %q; want exit 1 naming top_kk", code, errOut)
	}
}

// TestAskWithLLM drives the real go-openai client against a fake
// OpenAI-compatible server on loopback, configured the way a user would.
func TestAskWithLLM(t *testing.T) {
	var mu sync.Mutex
	var prompts []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		if got := r.Header.Get("Authorization"); got != "Bearer sk-test" {
			t.Errorf("Authorization = %q, want the key from the environment", got)
		}
		var req struct {
			Messages []struct {
				Content string `json:"content"`
			} `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		mu.Lock()
		for _, m := range req.Messages {
			prompts = append(prompts, m.Content)
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"x","object":"chat.completion","model":"fake-model","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Baku barred the visit after the Safarov brothers died in custody [1]. See https://evil.example/phish for more [9]."}}]}`)
	}))
	defer srv.Close()

	c := newCLI(t)
	c.env["OPENAI_API_KEY"] = "sk-test"
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, cfg, "llm:\n  base_url: "+srv.URL+"/v1\n  model: fake-model\n")
	a := decodeAsk(t, c.mustRun("--config", cfg, "ask", "--json", "Why did Baku cancel Overchuk's visit?"))
	if a.Mode != "llm" || !a.Grounded {
		t.Errorf("mode %q grounded %v, want a grounded llm answer: %q", a.Mode, a.Grounded, a.Answer)
	}
	if strings.Contains(a.Answer, "evil.example") || strings.Contains(a.Answer, "[9]") {
		t.Errorf("answer keeps an invented URL or citation: %q", a.Answer)
	}
	checkRefs(t, a)
	mu.Lock()
	defer mu.Unlock()
	joined := strings.Join(prompts, "\n")
	if !strings.Contains(joined, `published="week of 2025-06-30"`) {
		t.Errorf("prompt shows a week-precise date as a day:\n%s", joined)
	}
	if !strings.Contains(joined, "Why did Baku cancel Overchuk's visit?") || !strings.Contains(joined, "[1]") {
		t.Errorf("prompt lacks the question or numbered passages:\n%s", joined)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestFlagsAfterTheQuestion(t *testing.T) {
	c := newCLI(t)
	a := decodeAsk(t, c.mustRun("ask", "Who", "are", "the", "Sputnik", "employees", "detained", "in", "Baku?", "--json"))
	if a.Question != "Who are the Sputnik employees detained in Baku?" {
		t.Errorf("question = %q, want the words without the flag", a.Question)
	}
	out := c.mustRun("search", "Kartavykh", "--top", "2", "--json")
	if !strings.HasPrefix(strings.TrimSpace(out), "{") || strings.Count(out, `"rank"`) != 2 {
		t.Errorf("search with flags after the query: %s", out)
	}
	a = decodeAsk(t, c.mustRun("ask", "What", "happens", "at", "-5", "degrees?", "--json"))
	if a.Question != "What happens at -5 degrees?" {
		t.Errorf("question with a negative number = %q", a.Question)
	}
	a = decodeAsk(t, c.mustRun("ask", "--json", "--", "What", "does", "--json", "mean?"))
	if a.Question != "What does --json mean?" {
		t.Errorf("after --, question = %q", a.Question)
	}
}

func TestSameIDFromAnotherFileIsRefusedAndRemoveWorks(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	first := filepath.Join(dir, "notes.txt")
	writeFile(t, first, "Officials in Baku met on July 8 to discuss the Zangezur corridor and trade routes.\n")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "sub", "notes.txt")
	writeFile(t, second, "A different article about the Gyumri base and Russian troop movements in Armenia.\n")

	var rep struct {
		Added, Updated, Unchanged []string
		Passages                  int
	}
	if err := json.Unmarshal([]byte(c.mustRun("ingest", "--json", first)), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 1 || rep.Updated == nil || rep.Unchanged == nil {
		t.Errorf("ingest --json = %+v, want one added and empty (not null) lists", rep)
	}
	id := rep.Added[0]
	_, errOut, code := c.run("ingest", second)
	if code != 1 || !strings.Contains(errOut, "already stored from "+first) {
		t.Errorf("same id from another file: exit %d, %q; want a refusal naming the stored file", code, errOut)
	}
	if out := c.mustRun("sources"); !strings.Contains(out, id) {
		t.Errorf("the stored document is gone after a refused ingest:\n%s", out)
	}
	if out := c.mustRun("remove", id, id); !strings.Contains(out, "removed 1 document") {
		t.Errorf("remove: %q", out)
	}
	if out := c.mustRun("sources"); strings.Contains(out, id) {
		t.Errorf("sources still lists %s after remove:\n%s", id, out)
	}
	if out := c.mustRun("ingest", second); !strings.Contains(out, "added 1") {
		t.Errorf("ingest after remove: %q", out)
	}
	_, errOut, code = c.run("remove", "no-such-doc")
	if code != 1 || !strings.Contains(errOut, "no-such-doc") {
		t.Errorf("remove of an unknown id: exit %d, %q", code, errOut)
	}
}

func TestAskWithRejectedKeyFallsBackAndSaysWhy(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`)
	}))
	defer srv.Close()
	c := newCLI(t)
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, cfg, "llm:\n  base_url: "+srv.URL+"/v1\n  model: fake-model\n")
	out, errOut, code := c.run("--config", cfg, "ask", "Why did Baku cancel Overchuk's visit?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "extractive") || !strings.Contains(out, "[1]") {
		t.Errorf("no extractive fallback answer:\n%s", out)
	}
	if !strings.Contains(errOut, "language model failed") || !strings.Contains(errOut, "401") {
		t.Errorf("stderr does not say why the model failed: %q", errOut)
	}
}

// TestNewDataDirectoryIsAnnounced: the first command on a new data
// directory says so on stderr (a mistyped --data-dir is seen at once);
// later ones do not.
func TestNewDataDirectoryIsAnnounced(t *testing.T) {
	c := newCLI(t)
	_, errOut, code := c.run("sources")
	if code != 0 || !strings.Contains(errOut, "new data directory "+c.dataDir+", with the 5 bundled articles") {
		t.Errorf("first run: exit %d, stderr %q; want the new directory announced", code, errOut)
	}
	if _, errOut, _ := c.run("sources"); strings.Contains(errOut, "new data directory") {
		t.Errorf("second run: stderr %q announces the directory again", errOut)
	}
}

// TestGlobalFlagsAfterTheCommand: --data-dir may follow the command, as a
// new user types it ("ask --data-dir DIR QUESTION"), and names the same
// directory as before it.
func TestGlobalFlagsAfterTheCommand(t *testing.T) {
	c := newCLI(t)
	other := filepath.Join(t.TempDir(), "other")
	_, errOut, code := c.run("sources", "--data-dir", other)
	if code != 0 || !strings.Contains(errOut, "new data directory "+other) {
		t.Fatalf("sources --data-dir %s: exit %d, stderr %q; want that directory made", other, code, errOut)
	}
	if _, err := os.Stat(c.dataDir); err == nil {
		t.Errorf("the directory before the command, %s, was made too", c.dataDir)
	}
	out, _, code := c.run("ask", "Why did Baku cancel Overchuk's visit?", "--data-dir", other, "--json")
	if code != 0 || !strings.Contains(out, `"grounded": true`) {
		t.Errorf("ask … --data-dir %s --json: exit %d, %q", other, code, out)
	}
}

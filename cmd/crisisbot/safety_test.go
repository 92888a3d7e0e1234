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
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/internal/fakeclock"
)

// escapes are the sequences of the report: clear the screen, retitle the
// window, and a C1 CSI.
const escapes = "\x1b[2J\x1b]0;pwned\x07\u009b31m"

// noControls fails the test when out holds a control character a
// terminal acts on.
func noControls(t *testing.T, what, out string) {
	t.Helper()
	if i := strings.IndexAny(out, "\x1b\x07\r\u009b\u009d"); i >= 0 {
		t.Errorf("%s prints a control character at byte %d: %q", what, i, out[max(0, i-40):min(len(out), i+40)])
	}
	// JSON may carry the text escaped ("\u001b]0;pwned"), which a
	// terminal shows as it is; text output drops the whole sequence.
	if !strings.HasSuffix(what, "json") && strings.Contains(out, "pwned") {
		t.Errorf("%s prints an escape sequence's text", what)
	}
}

// TestEscapeSequencesFromADocumentNeverReachTheTerminal: an article with
// escape sequences is accepted, and no command prints them.
func TestEscapeSequencesFromADocumentNeverReachTheTerminal(t *testing.T) {
	c := newCLI(t)
	path := filepath.Join(t.TempDir(), "gazette.md")
	writeFile(t, path, "# Police raid the Zanzibar Gazette"+escapes+"\n\n"+
		"Police raided the Zanzibar Gazette office in Baku on 30 June 2025"+escapes+", the editor said.\n\n"+
		"Officers seized computers and detained two reporters of the Zanzibar Gazette, according to the editor. "+
		"The newspaper had covered the deaths of the Safarov brothers in Yekaterinburg for a week before the raid. "+
		"Its publisher said the reporters were questioned for six hours and released without charge the next morning. "+
		"Press freedom groups in Tbilisi and Yerevan condemned the raid and asked the authorities to return the equipment.\n")
	c.mustRun("ingest", path)
	outs := map[string]string{
		"ask":      c.mustRun("ask", "Who raided the Zanzibar Gazette office?"),
		"ask json": c.mustRun("ask", "--json", "Who raided the Zanzibar Gazette office?"),
		"search":   c.mustRun("search", "Zanzibar Gazette"),
		"sources":  c.mustRun("sources"),
		"timeline": c.mustRun("timeline", "--about", "Zanzibar"),
	}
	c.stdin = "Who raided the Zanzibar Gazette office?\n/passages\n"
	outs["chat"] = c.mustRun("chat")
	if !strings.Contains(outs["ask"], "Zanzibar Gazette") {
		t.Fatalf("ask did not answer from the article:\n%s", outs["ask"])
	}
	for what, out := range outs {
		noControls(t, what, out)
	}
}

// TestEscapeSequencesFromTheModelNeverReachTheTerminal: the same for a
// model's reply, in ask and chat.
func TestEscapeSequencesFromTheModelNeverReachTheTerminal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		reply := escapes + "Baku barred the visit after the Safarov brothers died in custody" + escapes + " [1]."
		b, _ := json.Marshal(reply)
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","model":"fake-model","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%s}}]}`, b)
	}))
	defer srv.Close()
	c := newCLI(t)
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, cfg, "llm:\n  base_url: "+srv.URL+"/v1\n  model: fake-model\n")
	out := c.mustRun("--config", cfg, "ask", "Why did Baku cancel Overchuk's visit?")
	if !strings.Contains(out, "Baku barred the visit") {
		t.Fatalf("ask did not give the model's answer:\n%s", out)
	}
	noControls(t, "ask", out)
	c.stdin = "Why did Baku cancel Overchuk's visit?\n"
	noControls(t, "chat", c.mustRun("--config", cfg, "chat"))
}

// TestMentionsAreStrippedFromACLIQuestion: the same question with and
// without Discord mentions gets the same answer.
func TestMentionsAreStrippedFromACLIQuestion(t *testing.T) {
	c := newCLI(t)
	const q = "Why did Baku cancel Overchuk's visit?"
	plain := decodeAsk(t, c.mustRun("ask", "--json", q))
	mentioned := decodeAsk(t, c.mustRun("ask", "--json", "@everyone <@123> "+q+" <@&9> @here"))
	if !plain.Grounded || mentioned.Question != q || mentioned.Answer != plain.Answer || mentioned.Grounded != plain.Grounded {
		t.Errorf("with mentions: %q grounded %v %q; want %q answered as without (grounded %v %q)",
			mentioned.Question, mentioned.Grounded, mentioned.Answer, q, plain.Grounded, plain.Answer)
	}
}

// notifyWriter passes each write to a channel, so a test can wait for a
// line without a clock.
type notifyWriter chan string

func (w notifyWriter) Write(p []byte) (int, error) {
	w <- string(p)
	return len(p), nil
}

// TestHungModelIsAnnounced: while the model hangs, ask says so on the
// terminal after 3 s on the injected clock.
func TestHungModelIsAnnounced(t *testing.T) {
	srv, arrived, release := hangingModel(t, "fake-model", "Baku barred the visit after the Safarov brothers died in custody [1].")
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, cfg, "llm:\n  base_url: "+srv.URL+"/v1\n  model: fake-model\n")
	clock := fakeclock.New(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC))
	stderr := make(notifyWriter, 16)
	var stdout bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: stderr, clock: clock}
	done := make(chan error, 1)
	go func() {
		done <- runEnv(context.Background(), e, []string{"crisisbot", "--data-dir", filepath.Join(t.TempDir(), "data"), "--config", cfg, "ask", "Why did Baku cancel Overchuk's visit?"})
	}()
	<-arrived
	announcesWait(t, clock, stderr, release, done)
	if !strings.Contains(stdout.String(), "Baku barred the visit") {
		t.Errorf("after the wait, ask printed:\n%s", stdout.String())
	}
}

// announcesWait checks, once the model has the request, that the notice's
// timer is armed (it is, before the request is sent) and that it prints
// the notice when it fires; then it lets the model reply and waits for
// the command to end.
func announcesWait(t *testing.T, clock *fakeclock.Clock, stderr notifyWriter, release chan<- struct{}, done <-chan error) {
	t.Helper()
	armed := false
	for len(clock.Afters()) > 0 {
		armed = armed || <-clock.Afters() == slowModelNotice
	}
	if !armed {
		t.Fatalf("no %v timer was armed while the model was being waited for", slowModelNotice)
	}
	clock.Advance(slowModelNotice)
	line := <-stderr
	if strings.HasPrefix(line, "crisisbot: new data directory") {
		line = <-stderr // the test's data directory is new
	}
	if !strings.Contains(line, "waiting for the model…") {
		t.Errorf("stderr = %q, want the waiting notice", line)
	}
	release <- struct{}{}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestRejectedKeyNamesTheVariable: a 401 tells the operator which
// variable holds the key.
func TestRejectedKeyNamesTheVariable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`)
	}))
	defer srv.Close()
	c := newCLI(t)
	c.env["TEAM_LLM_KEY"] = "sk-wrong"
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, cfg, "llm:\n  base_url: "+srv.URL+"/v1\n  model: fake-model\n  api_key_env: TEAM_LLM_KEY\n")
	_, errOut, code := c.run("--config", cfg, "ask", "Why did Baku cancel Overchuk's visit?")
	if code != 0 || !strings.Contains(errOut, "check $TEAM_LLM_KEY") {
		t.Errorf("exit %d, stderr %q; want the extractive answer and a warning naming $TEAM_LLM_KEY", code, errOut)
	}
}

// TestDirectoryIngestIDsAndSkips: same-named files in two folders are two
// articles, a symlinked .txt is read (links are followed to regular
// files), and a skipped file says why.
func TestDirectoryIngestIDsAndSkips(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a/notes.md": "Officials in Baku met on July 8 to discuss the Zangezur corridor and trade routes.",
		"b/notes.md": "A different article about the Gyumri base and Russian troop movements in Armenia.",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, text+"\n")
	}
	writeFile(t, filepath.Join(dir, "a", "notes.rst"), "Not an article.\n")
	target := filepath.Join(t.TempDir(), "elsewhere.txt")
	writeFile(t, target, "Moscow summoned the Azerbaijani ambassador on July 1.\n")
	if err := os.Symlink(target, filepath.Join(dir, "link.txt")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	c := newCLI(t)
	out, errOut, code := c.run("ingest", "--json", dir)
	var rep ingestJSON
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errOut)
	}
	if strings.Join(rep.Added, " ") != "a-notes b-notes link" {
		t.Errorf("added %v, want a-notes, b-notes and the linked file", rep.Added)
	}
	if !strings.Contains(errOut, "notes.rst (not .md, .markdown, .txt, .html or .htm)") {
		t.Errorf("stderr %q, want notes.rst skipped for its extension", errOut)
	}
}

// TestIngestFeedsCountsOnlyNewArticles: an article already ingested by
// URL is not counted as added when its feed lists it.
func TestIngestFeedsCountsOnlyNewArticles(t *testing.T) {
	srv := newFeedServer(t)
	c := newCLI(t)
	cfg := feedConfig(t, srv, "")
	c.mustRun("--config", cfg, "ingest", srv.URL+"/news/editors-freed")
	out := c.mustRun("--config", cfg, "ingest", "--feeds")
	if !strings.Contains(out, "added 0, updated 0, skipped 2") || !strings.Contains(out, "already stored as") {
		t.Errorf("ingest --feeds printed\n%s\nwant nothing added and the stored article named", out)
	}
}

// TestFeedbackShowsFollowUpsAndSkipsABadLine: a vote on a follow-up shows
// the question it followed; a damaged line is skipped with a warning, in
// feedback as in chat, and nothing else is lost.
func TestFeedbackShowsFollowUpsAndSkipsABadLine(t *testing.T) {
	c := newCLI(t)
	c.stdin = "Why was Sputnik's Baku office raided?\nWhat did Moscow say about that?\n/good\n"
	c.mustRun("chat")
	path := filepath.Join(c.dataDir, "feedback.jsonl")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, "{\"vote\": garbage\n"+string(good))
	c.stdin = "/good\n"
	out, errOut, code := c.run("chat")
	if code != 0 || !strings.Contains(errOut, "unreadable vote") || !strings.Contains(out, "/good presses a button") {
		t.Errorf("chat with a bad feedback line: exit %d\n%s\n%s", code, out, errOut)
	}
	out, errOut, code = c.run("feedback")
	if code != 0 || !strings.Contains(errOut, "line 1") {
		t.Errorf("feedback: exit %d, stderr %q; want a warning naming line 1", code, errOut)
	}
	if !strings.Contains(out, "What did Moscow say about that? (after: Why was Sputnik's Baku office raided?)") {
		t.Errorf("feedback does not show the turn the follow-up followed:\n%s", out)
	}
}

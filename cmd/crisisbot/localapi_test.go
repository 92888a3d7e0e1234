package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/internal/dirlock"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/internal/fakediscord"
)

// theatreArticle is an article none of the bundled ones resembles, dated
// so that it adds a timeline event.
const theatreArticle = `---
id: theatre
title: Baku cancels the Zorkiy theatre festival
outlet: Example News
published: 2025-07-03
published_precision: day
url: https://example.com/news/theatre
---
Azerbaijan's Ministry of Culture cancelled the Zorkiy theatre festival in Baku on 3 July 2025, citing the deaths of the Safarov brothers in Yekaterinburg.

The festival, planned for 10 July 2025, would have brought the Zorkiy troupe from Moscow to the Azerbaijani capital. Organisers said tickets would be refunded.
`

const theatreQuestion = "Why was the Zorkiy theatre festival cancelled?"

// servingBot is `crisisbot serve` running as main runs it, against a fake
// Discord.
type servingBot struct {
	fake   *fakediscord.Server
	stderr *syncBuffer
	stop   func() error
}

// startServe runs serve on dataDir with the config cfgExtra adds to the
// fake Discord's, and returns once it has registered its commands (its
// local API is up before it connects).
func startServingBot(t *testing.T, ctx context.Context, dataDir, cfgExtra string) *servingBot {
	t.Helper()
	const guild, token = "1300000000000000001", "serve-test-token"
	fake := fakediscord.New(fakediscord.Options{AppID: "1400000000000000001", Token: token,
		Guilds: []map[string]any{{"id": guild, "name": "Test"}}})
	t.Cleanup(fake.Close)
	cfg := filepath.Join(t.TempDir(), "crisisbot.yaml")
	writeFile(t, cfg, fmt.Sprintf("discord:\n  api_url: %s\n  guild_id: \"%s\"\n%s", fake.APIURL(), guild, cfgExtra))
	stop, done, stderr := startServe(ctx, t, fake, dataDir, cfg, token)
	s := &servingBot{fake: fake, stderr: stderr}
	s.stop = func() error {
		stop()
		return <-done
	}
	return s
}

// ask asks the bot on Discord and returns the body of its answer.
func (s *servingBot) ask(t *testing.T, ctx context.Context, question string) string {
	t.Helper()
	return s.command(t, ctx, 0, "ask", fakediscord.Option("question", question))
}

// command runs a slash command for a member with perms and returns the
// body of the edit that delivers its reply.
func (s *servingBot) command(t *testing.T, ctx context.Context, perms int64, name string, opts ...fakediscord.CommandOption) string {
	t.Helper()
	in := s.fake.SlashCommand(fakediscord.Actor{GuildID: "1300000000000000001", Permissions: perms}, name, opts...)
	if err := s.fake.Dispatch("INTERACTION_CREATE", in); err != nil {
		t.Fatal(err)
	}
	edit, err := s.fake.WaitCall(ctx, func(c fakediscord.Call) bool {
		return c.Is("PATCH", "webhooks/") && strings.Contains(c.Path, in["token"].(string)) && c.Status < 300
	})
	if err != nil {
		t.Fatalf("no reply to /%s: %v\nstderr: %s", name, err, s.stderr.String())
	}
	return string(edit.Body)
}

// besideServe prepares a test of the CLI beside serve: its context, a CLI
// to run beside serve and one to run alone, each on a data directory of
// its own, and the theatre article in a file.
func besideServe(t *testing.T) (ctx context.Context, beside, alone *cli, file string) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	file = filepath.Join(t.TempDir(), "theatre.md")
	writeFile(t, file, theatreArticle)
	return ctx, newCLI(t), newCLI(t), file
}

// TestCLIBesideServe runs serve on a data directory and the CLI beside it:
// ingest, sources, ask, timeline and remove go through serve's local API,
// print what they print without serve, and change the running bot's
// library and timeline at once.
func TestCLIBesideServe(t *testing.T) {
	ctx, beside, alone, file := besideServe(t)
	alone.mustRun("sources") // stores the bundled articles, as serve does

	// A socket left by a serve that died: the CLI ignores it, and serve,
	// holding the directory, replaces it.
	beside.mustRun("sources")
	sock := filepath.Join(beside.dataDir, apiSocket)
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: sock, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
	if _, err := os.Stat(sock); err != nil {
		t.Fatalf("the stale socket is gone before the test uses it: %v", err)
	}
	beside.mustRun("sources")

	s := startServingBot(t, ctx, beside.dataDir, "")
	if fi, err := os.Stat(sock); err != nil || fi.Mode().Perm() != 0o600 || fi.Mode().Type() != os.ModeSocket {
		t.Fatalf("local API socket: %v %v, want a socket of mode 0600", fi, err)
	}
	if s.ask(t, ctx, theatreQuestion) == "" {
		t.Fatal("empty answer")
	}

	same := func(args ...string) string {
		t.Helper()
		got, want := beside.mustRun(args...), alone.mustRun(args...)
		if got != want {
			t.Errorf("crisisbot %s beside serve printed\n%s\nwithout serve\n%s", strings.Join(args, " "), got, want)
		}
		return got
	}
	if out := same("ingest", file); !strings.HasPrefix(out, "added 1, updated 0, unchanged 0;") {
		t.Errorf("ingest printed %q", out)
	}
	if out := same("sources"); !strings.Contains(out, "Baku cancels the Zorkiy theatre festival") {
		t.Errorf("sources lacks the ingested article:\n%s", out)
	}
	if out := same("ask", theatreQuestion); !strings.Contains(out, "Zorkiy") {
		t.Errorf("ask did not answer from the ingested article:\n%s", out)
	}
	same("ask", "--json", theatreQuestion)
	// A week-precise source date survives the trip.
	if out := same("ask", "How did the Safarov brothers die?"); !strings.Contains(out, "week of 2025-06-30") {
		t.Errorf("ask lacks the week-precise date:\n%s", out)
	}
	if out := same("timeline", "--about", "Zorkiy"); !strings.Contains(out, "Zorkiy") {
		t.Errorf("the timeline lacks the ingested article's event:\n%s", out)
	}
	same("search", "Zorkiy troupe")
	// Its times are the ingest's, which differ between the two.
	beside.mustRun("digest", "--since", "3d")

	// /ingest fetches through the same guard as the feeds: a page on
	// loopback is refused.
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the guard let /ingest fetch %s", r.URL)
	}))
	defer page.Close()
	if body := s.command(t, ctx, 1<<5, "ingest", fakediscord.Option("url", page.URL+"/article")); !strings.Contains(body, "fetch.allow_private") {
		t.Errorf("/ingest of a loopback URL replied %s, want the guard's refusal", body)
	}

	// The bot answers from the article the CLI stored.
	body := s.ask(t, ctx, theatreQuestion)
	if !strings.Contains(body, "Zorkiy") || !strings.Contains(body, "Baku cancels the Zorkiy theatre festival") {
		t.Errorf("the bot's answer does not come from the ingested article:\n%s", body)
	}

	same("timeline")
	if out := same("remove", "theatre"); out != "removed 1 document\n" {
		t.Errorf("remove printed %q", out)
	}
	if out := same("sources"); strings.Contains(out, "Zorkiy") {
		t.Errorf("sources still lists the removed article:\n%s", out)
	}
	if out := same("timeline"); strings.Contains(out, "Zorkiy") {
		t.Errorf("the timeline still has the removed article's event:\n%s", out)
	}
	// Errors keep their wording and exit status.
	_, errOut, code := beside.run("remove", "theatre")
	_, errAlone, codeAlone := alone.run("remove", "theatre")
	if code != 1 || errOut != errAlone || codeAlone != 1 {
		t.Errorf("removing an unknown id beside serve: exit %d %q; without serve: exit %d %q", code, errOut, codeAlone, errAlone)
	}
	if body := s.ask(t, ctx, theatreQuestion); strings.Contains(body, "Baku cancels the Zorkiy theatre festival") {
		t.Errorf("the bot still cites the removed article:\n%s", body)
	}

	if err := s.stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("serve left its socket behind: %v", err)
	}
	beside.mustRun("sources") // the directory is free again
}

// TestReadersDoNotWaitOnServesModelCall asks through serve while its model
// hangs, and checks that other commands beside it, reading and writing,
// are answered meanwhile.
func TestReadersDoNotWaitOnServesModelCall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	model, arrived, release := hangingModel(t, "slow-model", "Baku barred the visit after the brothers died in custody [1].")
	c := newCLI(t)
	c.mustRun("sources")
	s := startServingBot(t, ctx, c.dataDir, "llm:\n  base_url: "+model.URL+"/v1\n  model: slow-model\n  retries: 0\n")
	defer s.stop()

	asked := make(chan string, 1)
	go func() {
		out, errOut, _ := c.run("ask", "Why did Baku cancel Overchuk's visit?")
		asked <- out + errOut
	}()
	select {
	case <-arrived:
	case <-ctx.Done():
		t.Fatal("the ask never reached the model")
	}
	// While the model holds that answer, the others are answered.
	file := filepath.Join(t.TempDir(), "theatre.md")
	writeFile(t, file, theatreArticle)
	for _, args := range [][]string{{"sources"}, {"timeline", "--about", "Sputnik"}, {"ingest", file}, {"remove", "theatre"}} {
		done := make(chan int, 1)
		go func() {
			_, _, code := c.run(args...)
			done <- code
		}()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("crisisbot %s beside a hanging model: exit %d", strings.Join(args, " "), code)
			}
		case <-asked:
			t.Fatalf("the ask ended before crisisbot %s did", strings.Join(args, " "))
		case <-ctx.Done():
			t.Fatalf("crisisbot %s waited on the model's answer", strings.Join(args, " "))
		}
	}
	release <- struct{}{}
	if out := <-asked; !strings.Contains(out, "answered by slow-model") {
		t.Errorf("the ask printed %q, want the model's answer", out)
	}
}

// TestSecondWriterNamesTheHolder holds a data directory as another process
// would, and checks that a command that must wait for it says which
// process holds it once the wait runs out.
func TestSecondWriterNamesTheHolder(t *testing.T) {
	c := newCLI(t)
	c.mustRun("sources")
	clock := fakeclock.New(time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	held, err := dirlock.Acquire(context.Background(), c.dataDir, dirlock.Options{Command: "crisisbot ingest /srv/articles", Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	c.clock = clock
	type result struct {
		errOut string
		code   int
	}
	done := make(chan result, 1)
	go func() {
		_, errOut, code := c.run("remove", "escalating-tensions")
		done <- result{errOut, code}
	}()
	// Once it waits, the wait runs out.
	<-clock.Afters()
	clock.Advance(lockWait)
	r := <-done
	want := fmt.Sprintf("crisisbot: data directory %s is in use by crisisbot process %d (crisisbot ingest /srv/articles, since 2026-12-06 09:00:00 UTC); wait for it to finish or stop it\n",
		c.dataDir, os.Getpid())
	if r.code != 1 || r.errOut != want {
		t.Errorf("remove while the directory is held: exit %d\n%s\nwant exit 1\n%s", r.code, r.errOut, want)
	}
	c.clock = answer.RealClock{}
	held.Release()
	if out := c.mustRun("remove", "escalating-tensions"); out != "removed 1 document\n" {
		t.Errorf("remove once the directory is free printed %q", out)
	}
}

// TestBackupAndCheckBesideServe runs check and backup while serve holds
// the store: serve checks it and writes the copy, the output is what it
// is without serve, and the copy restores every article, the one ingested
// through serve included.
func TestBackupAndCheckBesideServe(t *testing.T) {
	ctx, beside, alone, file := besideServe(t)
	alone.mustRun("ingest", file)
	beside.mustRun("sources")
	s := startServingBot(t, ctx, beside.dataDir, "")
	defer s.stop()
	beside.mustRun("ingest", file)

	for _, args := range [][]string{{"check"}, {"check", "--json"}} {
		got := strings.ReplaceAll(beside.mustRun(args...), beside.dataDir, "DATA_DIR")
		want := strings.ReplaceAll(alone.mustRun(args...), alone.dataDir, "DATA_DIR")
		if got != want {
			t.Errorf("crisisbot %s beside serve printed\n%s\nwithout serve\n%s", strings.Join(args, " "), got, want)
		}
	}

	backup := filepath.Join(t.TempDir(), "crisisbot.backup")
	out := beside.mustRun("backup", backup)
	fi, err := os.Stat(backup)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("backed up %s to %s (%d bytes)\n", beside.dataDir, backup, fi.Size()); out != want {
		t.Errorf("backup beside serve printed %q, want %q", out, want)
	}
	if _, errOut, code := beside.run("backup", filepath.Join(beside.dataDir, "crisisbot.db")); code != 1 || !strings.Contains(errOut, "is the store itself") {
		t.Errorf("a backup over the store beside serve: exit %d %q, want the refusal", code, errOut)
	}
	restored := newCLI(t)
	if err := os.MkdirAll(restored.dataDir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(restored.dataDir, "crisisbot.db"), string(data))
	if got, want := restored.mustRun("sources"), beside.mustRun("sources"); got != want || !strings.Contains(got, "Zorkiy") {
		t.Errorf("the backup restores\n%s\nwant\n%s", got, want)
	}
}

// TestChatBesideServe runs chat beside serve: the same transcript as
// without serve, follow-ups included, and its vote is recorded by serve,
// the one writer of the feedback file.
func TestChatBesideServe(t *testing.T) {
	ctx, beside, alone, _ := besideServe(t)
	alone.mustRun("sources")
	beside.mustRun("sources")
	s := startServingBot(t, ctx, beside.dataDir, "")
	defer s.stop()

	script := strings.Join([]string{
		"Why was Sputnik's Baku office raided?",
		"What did Moscow say about that?",
		"/good",
		"/passages",
		"/sources",
		"/timeline about:Sputnik",
		"/digest now",
		"/digest list",
		"/remove id:nope",
		"/remove id:escalating-tensions",
	}, "\n")
	beside.stdin, alone.stdin = script, script
	got, want := beside.mustRun("chat"), alone.mustRun("chat")
	if got != want {
		t.Errorf("chat beside serve printed\n%s\nwithout serve\n%s", got, want)
	}
	if !strings.Contains(got, "baseless") {
		t.Errorf("the follow-up beside serve does not use the earlier question:\n%s", got)
	}
	// The remove reached serve's library.
	if out := beside.mustRun("sources"); strings.Contains(out, "escalating-tensions") {
		t.Errorf("sources beside serve still lists the article chat removed:\n%s", out)
	}
	if out := beside.mustRun("feedback"); !strings.Contains(out, "1 vote: 1 👍") || !strings.Contains(out, "What did Moscow say about that?") {
		t.Errorf("feedback beside serve lacks chat's vote:\n%s", out)
	}
}

// hangingModel is a chat model named name that announces each request on
// arrived and replies content once release lets it, or never.
func hangingModel(t *testing.T, name, content string) (srv *httptest.Server, arrived <-chan struct{}, release chan<- struct{}) {
	in, out := make(chan struct{}, 8), make(chan struct{})
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in <- struct{}{}
		select {
		case <-out:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","model":%q,"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%q}}]}`, name, content)
	}))
	// Closed before the server, so that a hanging request lets go.
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(out) })
	return srv, in, out
}

// TestChatBesideServeAnnouncesSlowModel: chat beside serve says it is
// waiting for the model after 3 s on its own clock, as it does alone.
func TestChatBesideServeAnnouncesSlowModel(t *testing.T) {
	slowModelBesideServe(t, "Why did Baku cancel Overchuk's visit?\n", "chat")
}

// TestAskBesideServeAnnouncesSlowModel: ask through serve says so too.
func TestAskBesideServeAnnouncesSlowModel(t *testing.T) {
	slowModelBesideServe(t, "", "ask", "Why did Baku cancel Overchuk's visit?")
}

// slowModelBesideServe runs a command (with stdin) beside a serve whose
// model hangs, and checks that it says it is waiting after 3 s on its own
// clock and prints the model's answer once it comes.
func slowModelBesideServe(t *testing.T, stdin string, command ...string) {
	ctx, beside, _, _ := besideServe(t)
	model, arrived, release := hangingModel(t, "slow-model", "Baku barred the visit after the brothers died in custody [1].")
	llm := "llm:\n  base_url: " + model.URL + "/v1\n  model: slow-model\n  retries: 0\n"
	beside.mustRun("sources")
	s := startServingBot(t, ctx, beside.dataDir, llm)
	defer s.stop()
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, cfg, llm)
	clock := fakeclock.New(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC))
	stderr := make(notifyWriter, 16)
	var stdout bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(stdin),
		stdout: &stdout, stderr: stderr, clock: clock}
	done := make(chan error, 1)
	go func() {
		done <- runEnv(ctx, e, append([]string{"crisisbot", "--data-dir", beside.dataDir, "--config", cfg}, command...))
	}()
	select {
	case <-arrived:
	case <-ctx.Done():
		t.Fatalf("%s: the question never reached serve's model", command[0])
	}
	announcesWait(t, clock, stderr, release, done)
	if !strings.Contains(stdout.String(), "Baku barred the visit") || !strings.Contains(stdout.String(), "answered by slow-model") {
		t.Errorf("after the wait, %s printed:\n%s", command[0], stdout.String())
	}
}

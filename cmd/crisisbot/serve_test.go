package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/internal/fakediscord"
	"github.com/crisisbot/crisisbot/internal/syncbuf"
)

// syncBuffer captures logs written while the test reads them.
type syncBuffer = syncbuf.Buffer

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startServe runs `crisisbot serve` as main does, with the config file cfg
// and its data in dir, and returns once its commands are registered. stop
// ends it; done then gives what it returned.
func startServe(ctx context.Context, t *testing.T, fake *fakediscord.Server, dataDir, cfg, token string) (stop func(), done <-chan error, stderr *syncBuffer) {
	t.Helper()
	runCtx, stop := context.WithCancel(ctx)
	var stdout syncBuffer
	stderr = &syncBuffer{}
	result := make(chan error, 1)
	go func() {
		getenv := func(k string) string { return map[string]string{"DISCORD_TOKEN": token}[k] }
		result <- run(runCtx, []string{"crisisbot", "--config", cfg, "--data-dir", dataDir, "serve"},
			getenv, strings.NewReader(""), &stdout, stderr)
	}()
	if _, err := fake.WaitCall(ctx, func(c fakediscord.Call) bool { return c.Is("PUT", "applications/") }); err != nil {
		stop()
		t.Fatalf("serve never registered its commands: %v\nstderr: %s", err, stderr.String())
	}
	return stop, result, stderr
}

// TestServeAnswersOnDiscordAndExposesMetrics runs `crisisbot serve` as main
// does, against a fake Discord, and checks a slash command's answer, the
// health and metrics endpoints, and a clean stop on cancel.
func TestServeAnswersOnDiscordAndExposesMetrics(t *testing.T) {
	const guild, token = "1300000000000000001", "serve-test-token"
	fake := fakediscord.New(fakediscord.Options{AppID: "1400000000000000001", Token: token,
		Guilds: []map[string]any{{"id": guild, "name": "Test"}}})
	defer fake.Close()
	dir := t.TempDir()
	addr := freeAddr(t)
	cfg := filepath.Join(dir, "crisisbot.yaml")
	writeFile(t, cfg, fmt.Sprintf("discord:\n  api_url: %s\n  guild_id: \"%s\"\nserve:\n  http_addr: %s\nlog:\n  format: json\n", fake.APIURL(), guild, addr))

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	stop, done, stderr := startServe(ctx, t, fake, filepath.Join(dir, "data"), cfg, token)

	in := fake.SlashCommand(fakediscord.Actor{GuildID: guild}, "ask", fakediscord.Option("question", "Why did Baku cancel Overchuk's visit?"))
	if err := fake.Dispatch("INTERACTION_CREATE", in); err != nil {
		t.Fatal(err)
	}
	edit, err := fake.WaitCall(ctx, func(c fakediscord.Call) bool { return c.Is("PATCH", "webhooks/") && c.Status < 300 })
	if err != nil {
		t.Fatalf("no answer: %v\nstderr: %s", err, stderr.String())
	}
	if !strings.Contains(string(edit.Body), "Overchuk") {
		t.Errorf("answer = %s", edit.Body)
	}

	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d %q, want 200 once connected", code, body)
	}
	_, metrics := get("/metrics")
	for _, want := range []string{
		`crisisbot_answers_total{mode="extractive",outcome="grounded"} 1`,
		"crisisbot_answer_seconds_count 1",
		"crisisbot_gateway_reconnects_total 0",
		"go_goroutines",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	stop()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v after cancel, want nil", err)
	}
	logs := stderr.String()
	if !strings.Contains(logs, `"msg":"serving on Discord"`) || !strings.Contains(logs, `"msg":"answered"`) {
		t.Errorf("serve's JSON logs lack the start or the answer:\n%s", logs)
	}
	if strings.Contains(logs, token) {
		t.Errorf("the token appears in the logs:\n%s", logs)
	}
}

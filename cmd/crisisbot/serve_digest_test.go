package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/internal/fakediscord"
)

// waitAfters reads the clock's After announcements until it has seen each
// of ds (in any order), so the test advances the clock only once the code
// under test waits for it.
func waitAfters(ctx context.Context, t *testing.T, clock *fakeclock.Clock, logs *syncBuffer, ds ...time.Duration) {
	t.Helper()
	want := map[time.Duration]int{}
	for _, d := range ds {
		want[d]++
	}
	for len(want) > 0 {
		select {
		case got := <-clock.Afters():
			if want[got]--; want[got] <= 0 {
				delete(want, got)
			}
		case <-ctx.Done():
			t.Fatalf("nothing waited for %v: %v\nlogs: %s", want, ctx.Err(), logs.String())
		}
	}
}

// digestPosts returns the messages posted to channel that carry a digest.
func digestPosts(fake *fakediscord.Server, channel string) []fakediscord.Call {
	var out []fakediscord.Call
	for _, c := range fake.Calls() {
		if c.Is("POST", "channels/"+channel+"/messages") && c.Status < 300 && strings.Contains(string(c.Body), "crisisbot digest") {
			out = append(out, c)
		}
	}
	return out
}

// TestServePostsOneDigestWithCitations runs serve as main does, on a fake
// clock, with a feed on loopback and a channel subscribed in the config.
// At the scheduled time the channel gets exactly one digest, citing the
// article the feed brought in and pinging no one; later ticks and a
// restart the same day post nothing more.
func TestServePostsOneDigestWithCitations(t *testing.T) {
	const guild, channel, token = "1300000000000000001", "1300000000000000002", "serve-digest-token"
	fake := fakediscord.New(fakediscord.Options{AppID: "1400000000000000001", Token: token,
		Guilds: []map[string]any{{"id": guild, "name": "Test",
			"channels": []any{map[string]any{"id": channel, "type": 0, "name": "news", "guild_id": guild}}}}})
	defer fake.Close()
	feeds := newFeedServer(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "crisisbot.yaml")
	writeFile(t, cfg, fmt.Sprintf("discord:\n  api_url: %s\n  guild_id: \"%s\"\n"+
		"fetch:\n  allow_private: true\nfeeds:\n  urls: [\"%s/feed.rss\"]\n"+
		"digest:\n  subscriptions:\n    - channel: \"%s\"\n      time: \"09:00\"\n      timezone: Asia/Baku\n",
		fake.APIURL(), guild, feeds.URL, channel))
	dataDir := filepath.Join(dir, "data")

	// The bundled articles were stored two days before.
	clock := fakeclock.New(time.Date(2026, 11, 23, 4, 0, 0, 0, time.UTC))
	c := &cli{t: t, dataDir: dataDir, env: map[string]string{}, clock: clock}
	c.mustRun("--config", cfg, "sources")
	clock.Advance(48 * time.Hour) // 08:00 in Baku (UTC+4) on 25 November

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	serve := func() (stop func() error, stderr *syncBuffer) {
		runCtx, cancelRun := context.WithCancel(ctx)
		stderr = &syncBuffer{}
		done := make(chan error, 1)
		go func() {
			e := &env{getenv: func(k string) string { return map[string]string{"DISCORD_TOKEN": token}[k] },
				stdin: strings.NewReader(""), stdout: &syncBuffer{}, stderr: stderr, clock: clock}
			done <- runEnv(runCtx, e, []string{"crisisbot", "--config", cfg, "--data-dir", dataDir, "serve"})
		}()
		return func() error { cancelRun(); return <-done }, stderr
	}

	stop, stderr := serve()
	// The feed is polled at once (then every 30m), and the digest is due
	// at 09:00 Baku time, an hour away.
	waitAfters(ctx, t, clock, stderr, 30*time.Minute, time.Hour)
	if n := len(digestPosts(fake, channel)); n != 0 {
		t.Fatalf("%d digests posted before the scheduled time", n)
	}
	clock.Advance(time.Hour)
	post, err := fake.WaitCall(ctx, func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/"+channel+"/messages") && c.Status < 300
	})
	if err != nil {
		t.Fatalf("no digest posted: %v\nstderr: %s", err, stderr.String())
	}
	var msg struct {
		AllowedMentions struct {
			Parse []string `json:"parse"`
			Users []string `json:"users"`
			Roles []string `json:"roles"`
		} `json:"allowed_mentions"`
		Embeds []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Footer      struct {
				Text string `json:"text"`
			} `json:"footer"`
		} `json:"embeds"`
	}
	if err := post.JSON(&msg); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(post.Body), `"parse":[]`) || len(msg.AllowedMentions.Users) > 0 || len(msg.AllowedMentions.Roles) > 0 {
		t.Errorf("digest allowed mentions = %+v, want none", msg.AllowedMentions)
	}
	if len(msg.Embeds) != 2 {
		t.Fatalf("digest has %d embeds, want the text and its sources: %s", len(msg.Embeds), post.Body)
	}
	text, sources := msg.Embeds[0], msg.Embeds[1]
	if !strings.Contains(text.Description, "Sputnik Azerbaijan editors") || !strings.Contains(text.Description, "[1]") {
		t.Errorf("digest text lacks the feed's article with its citation:\n%s", text.Description)
	}
	if strings.Contains(text.Description, "Snow expected") {
		t.Errorf("the off-topic feed item reached the digest:\n%s", text.Description)
	}
	if !strings.Contains(sources.Description, "**[1]**") || !strings.Contains(sources.Description, feeds.URL+"/news/editors-freed") {
		t.Errorf("sources embed lacks citation [1] with the article's canonical URL:\n%s", sources.Description)
	}
	if !strings.HasPrefix(sources.Footer.Text, "crisisbot digest 2026-11-25 ·") {
		t.Errorf("footer = %q, want it to name the scheduled day", sources.Footer.Text)
	}

	// The next tick (capped at an hour) posts nothing more.
	waitAfters(ctx, t, clock, stderr, time.Hour)
	clock.Advance(time.Hour)
	waitAfters(ctx, t, clock, stderr, time.Hour)
	if err := stop(); err != nil {
		t.Errorf("serve returned %v after cancel, want nil", err)
	}
	if n := len(digestPosts(fake, channel)); n != 1 {
		t.Fatalf("%d digests posted on the day, want exactly 1\nstderr: %s", n, stderr.String())
	}

	// Down for two days: on restart one catch-up digest covers the gap,
	// saying (without links) that nothing came in since the last one.
	clock.Advance(48 * time.Hour)
	stop, stderr = serve()
	waitAfters(ctx, t, clock, stderr, time.Hour)
	if err := stop(); err != nil {
		t.Errorf("restarted serve returned %v after cancel, want nil", err)
	}
	posts := digestPosts(fake, channel)
	if len(posts) != 2 {
		t.Fatalf("%d digests posted in all, want 2 (one catch-up)\nstderr: %s", len(posts), stderr.String())
	}
	var catchUp struct {
		Embeds []struct {
			Description string `json:"description"`
			Footer      struct {
				Text string `json:"text"`
			} `json:"footer"`
		} `json:"embeds"`
	}
	if err := posts[1].JSON(&catchUp); err != nil {
		t.Fatal(err)
	}
	if len(catchUp.Embeds) != 1 || !strings.Contains(catchUp.Embeds[0].Description, "Nothing new since 25 November 2026") ||
		strings.Contains(catchUp.Embeds[0].Description, "http") || !strings.HasPrefix(catchUp.Embeds[0].Footer.Text, "crisisbot digest 2026-11-27 ·") {
		t.Errorf("catch-up digest = %s, want one link-free \"Nothing new since 25 November 2026\" for 2026-11-27", posts[1].Body)
	}
	var state struct {
		Channels map[string]json.RawMessage `json:"channels"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(dataDir, "digest.json")), &state); err != nil {
		t.Fatal(err)
	}
	if _, ok := state.Channels[channel]; !ok {
		t.Errorf("digest.json does not record the channel's digest: %v", state.Channels)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

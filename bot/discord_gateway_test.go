package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/crisisbot/crisisbot/internal/fakediscord"
)

// otherGuild is on shard 1 of 2 ((id >> 22) % 2 == 1); testGuild is on
// shard 0.
const otherGuild = "1300000000004194305"

func TestDiscordgoIsTheApprovedRelease(t *testing.T) {
	// v0.29.0 is served but not approved; the renamed constants and the
	// README's known limits are v0.28.1's.
	if discordgo.VERSION != "0.28.1" {
		t.Errorf("discordgo %s, want the approved 0.28.1", discordgo.VERSION)
	}
}

// callbackStatuses returns the statuses of the callbacks sent for in.
func callbackStatuses(fake *fakediscord.Server, in map[string]any) []int {
	var out []int
	for _, c := range fake.Calls() {
		if callbackOf(in)(c) {
			out = append(out, c.Status)
		}
	}
	return out
}

func TestDiscordCallbackThatFailsWith500IsSentAgain(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	h.fake.FailNext("POST", "interactions/", http.StatusInternalServerError, "", 1)
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", "Why did Baku cancel Overchuk's visit?"))
	h.dispatch("INTERACTION_CREATE", in)
	h.wait("failed defer", func(c fakediscord.Call) bool { return callbackOf(in)(c) && c.Status == http.StatusInternalServerError })
	// The retry waits on the bot's clock, well within Discord's 3 s.
	h.advanceWhenWaiting(firstRetry)
	if m := decode(t, h.wait("answer", editOf(in))); !strings.Contains(m.Content, "Overchuk") {
		t.Errorf("answer after the retried defer = %q", m.Content)
	}
	if got := callbackStatuses(h.fake, in); !slices.Equal(got, []int{500, 204}) {
		t.Errorf("callback statuses = %v, want [500 204]", got)
	}
}

func TestDiscordCallbackThatArrivedDespite500IsAcknowledged(t *testing.T) {
	t.Parallel()
	// A quick command whose reply takes two messages: the second is a
	// follow-up, sent only once the first is known to have arrived.
	long := Command{Name: "long", Description: "test command with a two-message reply",
		Run: func(_ context.Context, _ Request) (Reply, error) {
			return Reply{Text: strings.Repeat("A sentence about the crisis. ", 100)}, nil
		}}
	h := newDiscordHarness(t, harnessOptions{extra: []Command{long}})
	h.fake.FailNextAfterServing("POST", "interactions/", http.StatusInternalServerError, 1)
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "long")
	h.dispatch("INTERACTION_CREATE", in)
	h.advanceWhenWaiting(firstRetry)
	h.wait("the follow-up", func(c fakediscord.Call) bool {
		return c.Is("POST", "webhooks/"+testApp+"/"+in["token"].(string)) && c.Status < 300
	})
	if got := callbackStatuses(h.fake, in); !slices.Equal(got, []int{500, 400}) {
		t.Errorf("callback statuses = %v, want [500 400]: the retry finds it acknowledged", got)
	}
	if strings.Contains(h.logs.String(), "already answered") {
		t.Errorf("the bot's own acknowledgement was taken for someone else's:\n%s", h.logs.String())
	}
}

// shardedFake is a fake Discord that refuses a session with more than one
// guild (close 4011), recommends two shards, and has a guild on each.
func shardedFake(t *testing.T, maxConcurrency int) *fakediscord.Server {
	fake := fakediscord.New(fakediscord.Options{AppID: testApp, Token: "test-token",
		Shards: 2, MaxConcurrency: maxConcurrency, MaxGuildsPerShard: 1,
		Guilds: []map[string]any{{"id": testGuild, "name": "Zero"}, {"id": otherGuild, "name": "One"}}})
	t.Cleanup(fake.Close)
	return fake
}

// identifiedShards returns the shard of each IDENTIFY the bot sent.
func identifiedShards(t *testing.T, fake *fakediscord.Server) [][2]int {
	t.Helper()
	var out [][2]int
	for _, f := range framesWith(fake, fakediscord.OpIdentify) {
		var d struct {
			Shard [2]int `json:"shard"`
		}
		if err := json.Unmarshal(f.Data, &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d.Shard)
	}
	return out
}

// framesWith returns the frames the client sent with opcode op.
func framesWith(fake *fakediscord.Server, op int) []fakediscord.Frame {
	var out []fakediscord.Frame
	for _, f := range fake.Frames() {
		if f.FromClient && f.Op == op {
			out = append(out, f)
		}
	}
	return out
}

// askBoth asks by mention in a channel of each guild, and returns the
// questions.
func askBoth(h *discordHarness) (zero, one map[string]any) {
	bot := h.fake.BotID()
	zero = h.fake.Message(fakediscord.Actor{GuildID: testGuild, ChannelID: "1200000000000000010"}, "<@"+bot+"> Why was Sputnik's Baku office raided?")
	one = h.fake.Message(fakediscord.Actor{GuildID: otherGuild, ChannelID: "1200000000000000011"}, "<@"+bot+"> Why did Baku cancel Overchuk's visit?")
	h.dispatch("MESSAGE_CREATE", zero)
	h.dispatch("MESSAGE_CREATE", one)
	return zero, one
}

// answers counts the bot's answers in the thread started on question q.
func answers(fake *fakediscord.Server, q map[string]any) int {
	n := 0
	for _, c := range fake.Calls() {
		if c.Is("POST", "channels/"+q["id"].(string)+"/messages") && c.Status < 300 {
			n++
		}
	}
	return n
}

func TestDiscordShardsAutoOpensOneSessionPerShard(t *testing.T) {
	t.Parallel()
	fake := shardedFake(t, 1)
	h := newDiscordHarness(t, harnessOptions{fake: fake, connecting: func(h *discordHarness) {
		// One IDENTIFY per 5 s (max_concurrency 1): shard 1 waits for
		// the window after shard 0's, on the bot's clock.
		h.waiting(identifyWindow)
		if got := identifiedShards(t, fake); len(got) != 1 {
			t.Errorf("IDENTIFY shards before the window passed = %v, want shard 0's only", got)
		}
		h.clock.Advance(identifyWindow)
	}})
	if got := identifiedShards(t, fake); !slices.Equal(got, [][2]int{{0, 2}, {1, 2}}) {
		t.Errorf("IDENTIFY shards = %v, want [0 2] then [1 2]", got)
	}
	zero, one := askBoth(h)
	h.wait("answer on shard 0", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+zero["id"].(string)+"/messages") })
	h.wait("answer on shard 1", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+one["id"].(string)+"/messages") })
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: otherGuild}, "ask", fakediscord.Option("question", "Who is Overchuk?"))
	h.dispatch("INTERACTION_CREATE", in)
	h.wait("slash answer on shard 1", editOf(in))
	h.until("both messages handled", func() bool { return h.d.messages.Load() == 2 })

	if a, b := answers(fake, zero), answers(fake, one); a != 1 || b != 1 {
		t.Errorf("answers: %d in guild 0's thread, %d in guild 1's, want one each", a, b)
	}
	if n := len(fakeCalls(fake, "PUT", "applications/")); n != 1 {
		t.Errorf("commands registered %d times, want once", n)
	}
	if !h.d.Connected() {
		t.Error("Connected = false with both shards up")
	}
	if got := testutil.ToFloat64(h.bot.opts.Metrics.reconnects); got != 0 {
		t.Errorf("reconnects = %v after two shards connected, want 0", got)
	}
}

// fakeCalls returns the calls with method and a path starting with prefix.
func fakeCalls(fake *fakediscord.Server, method, prefix string) []fakediscord.Call {
	var out []fakediscord.Call
	for _, c := range fake.Calls() {
		if c.Is(method, prefix) {
			out = append(out, c)
		}
	}
	return out
}

func TestDiscordShardIDsSplitTheShardsBetweenProcesses(t *testing.T) {
	t.Parallel()
	fake := shardedFake(t, 2)
	zero := newDiscordHarness(t, harnessOptions{fake: fake, cfg: DiscordConfig{Shards: 2, ShardIDs: []int{0}}})
	one := newDiscordHarness(t, harnessOptions{fake: fake, cfg: DiscordConfig{Shards: 2, ShardIDs: []int{1}}})
	for _, h := range []*discordHarness{zero, one} {
		h.until("connected", h.d.Connected)
	}
	q0, q1 := askBoth(zero)
	zero.wait("answer on shard 0", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+q0["id"].(string)+"/messages") })
	zero.wait("answer on shard 1", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+q1["id"].(string)+"/messages") })
	// Each process saw only its own shard's guild.
	zero.until("shard 0's message handled", func() bool { return zero.d.messages.Load() == 1 })
	one.until("shard 1's message handled", func() bool { return one.d.messages.Load() == 1 })
	if a, b := answers(fake, q0), answers(fake, q1); a != 1 || b != 1 {
		t.Errorf("answers: %d in guild 0's thread, %d in guild 1's, want one each", a, b)
	}
	if got := identifiedShards(t, fake); len(got) != 2 || !slices.Contains(got, [2]int{0, 2}) || !slices.Contains(got, [2]int{1, 2}) {
		t.Errorf("IDENTIFY shards = %v, want [0 2] and [1 2]", got)
	}
}

func TestDiscordUnshardedBotIsToldToShard(t *testing.T) {
	t.Parallel()
	fake := shardedFake(t, 1)
	b := bundledBot(t, newFakeClock())
	d, err := NewDiscord(b, DiscordConfig{Token: "test-token", APIURL: fake.APIURL(), Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	err = d.Run(t.Context())
	if err == nil || !strings.Contains(err.Error(), "discord.shards") {
		t.Errorf("Run unsharded in two guilds of one each = %v, want an error naming discord.shards", err)
	}
}

// lastAck reads the time of the session's last heartbeat ACK.
func lastAck(s *discordgo.Session) time.Time {
	s.RLock()
	defer s.RUnlock()
	return s.LastHeartbeatAck
}

func TestDiscordWatchdogResumesWhenHeartbeatsGoUnacknowledged(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	s := h.d.openShards()[0].s
	// A live connection is left alone, however long it lives: Discord
	// asks for a heartbeat (op 1) and ACKs it between the watchdog's
	// reads.
	for range 2 * watchdogMisses {
		before := lastAck(s)
		if err := h.fake.RequestHeartbeat(); err != nil {
			t.Fatal(err)
		}
		h.until("the ACK is seen", func() bool { return !lastAck(s).Equal(before) })
		h.advanceWhenWaiting(watchdogEvery)
	}
	if n := h.fake.Connections(); n != 1 {
		t.Fatalf("%d connections while heartbeats were acknowledged, want 1", n)
	}

	// Then the connection dies silently: no more ACKs. discordgo alone
	// would wait five intervals and end the session.
	h.fake.AckHeartbeats(false)
	for range watchdogMisses - 1 {
		h.advanceWhenWaiting(watchdogEvery)
	}
	// The watchdog asks for its next wait only once it has dealt with
	// the last read.
	h.waiting(watchdogEvery)
	if closes := framesWith(h.fake, fakediscord.OpClose); len(closes) > 0 || h.fake.Connections() != 1 {
		t.Fatalf("closed after %v without an ACK, before 1.5 intervals", time.Duration(watchdogMisses-1)*watchdogEvery)
	}
	h.clock.Advance(watchdogEvery)
	closed, err := h.fake.WaitFrame(h.ctx, func(f fakediscord.Frame) bool { return f.FromClient && f.Op == fakediscord.OpClose })
	if err != nil {
		t.Fatalf("the watchdog did not close the connection: %v", err)
	}
	if closed.CloseCode == 1000 || closed.CloseCode == 1001 {
		t.Errorf("closed with %d, which ends the session", closed.CloseCode)
	}
	if _, err := h.fake.WaitFrame(h.ctx, func(f fakediscord.Frame) bool { return !f.FromClient && f.Conn == 2 && f.Type == "RESUMED" }); err != nil {
		t.Fatalf("the session was not resumed on a new connection: %v", err)
	}
	if got := framesWith(h.fake, fakediscord.OpIdentify); len(got) != 1 {
		t.Errorf("%d IDENTIFYs, want the first only: the session resumes", len(got))
	}
	h.until("the reconnect is counted", func() bool { return testutil.ToFloat64(h.bot.opts.Metrics.reconnects) == 1 })
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "about")
	h.dispatch("INTERACTION_CREATE", in)
	h.wait("/about after the resume", callbackOf(in))
}

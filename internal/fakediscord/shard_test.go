package fakediscord_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/crisisbot/crisisbot/internal/fakediscord"
)

// Guild ids on shard 0 and shard 1 of 2: (id >> 22) % 2.
const guildOnZero, guildOnOne = "1300000000000000001", "1300000000004194305"

// openShard opens a session for shard id of count against fake.
func openShard(t *testing.T, fake *fakediscord.Server, id, count int, setup func(*discordgo.Session)) (*discordgo.Session, error) {
	t.Helper()
	dg := newSession(t, fake, "Bot x")
	dg.ShardID, dg.ShardCount = id, count
	if setup != nil {
		setup(dg)
	}
	err := dg.Open()
	if err == nil {
		t.Cleanup(func() { closeSession(dg) })
	}
	return dg, err
}

// readyGuilds returns the guild ids listed in the READY of the shard.
func readyGuilds(t *testing.T, fake *fakediscord.Server, shard int) []string {
	t.Helper()
	var ids []string
	for _, f := range fake.Frames() {
		if f.Type != "READY" || f.Shard != shard {
			continue
		}
		var r struct {
			Guilds []struct{ ID string } `json:"guilds"`
		}
		if err := json.Unmarshal(f.Data, &r); err != nil {
			t.Fatal(err)
		}
		for _, g := range r.Guilds {
			ids = append(ids, g.ID)
		}
	}
	return ids
}

func TestShardsGetTheirOwnGuildsEvents(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	fake := fakediscord.New(fakediscord.Options{Shards: 2, MaxGuildsPerShard: 1,
		Guilds: []map[string]any{{"id": guildOnZero}, {"id": guildOnOne}}})
	t.Cleanup(fake.Close)

	// Too many guilds for one session: Discord requires sharding.
	_, err := openShard(t, fake, 0, 1, nil)
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4011 {
		t.Errorf("unsharded Open = %v, want close 4011", err)
	}
	// discordgo checks the bounds itself, unless the shard is set directly.
	_, err = openShard(t, fake, 0, 1, func(dg *discordgo.Session) { dg.Identify.Shard = &[2]int{2, 2} })
	if !errors.As(err, &ce) || ce.Code != 4010 {
		t.Errorf("Open as shard 2 of 2 = %v, want close 4010", err)
	}

	var msgs [2]<-chan *discordgo.MessageCreate
	for id := range 2 {
		if _, err := openShard(t, fake, id, 2, func(dg *discordgo.Session) { msgs[id] = handle[*discordgo.MessageCreate](dg) }); err != nil {
			t.Fatalf("Open shard %d: %v", id, err)
		}
	}
	if g0, g1 := readyGuilds(t, fake, 0), readyGuilds(t, fake, 1); len(g0) != 1 || g0[0] != guildOnZero || len(g1) != 1 || g1[0] != guildOnOne {
		t.Errorf("READY guilds: shard 0 %v, shard 1 %v; want one each, by guild_id >> 22 %% 2", g0, g1)
	}
	send := func(guild, text string) {
		t.Helper()
		if err := fake.Dispatch("MESSAGE_CREATE", fake.Message(fakediscord.Actor{GuildID: guild}, text)); err != nil {
			t.Fatal(err)
		}
	}
	send(guildOnOne, "to one")
	send(guildOnZero, "to zero")
	send("", "a direct message")
	if m := receive(t, ctx, msgs[1]); m.Content != "to one" {
		t.Errorf("shard 1 got %q", m.Content)
	}
	// discordgo runs each handler on its own goroutine: any order.
	got := map[string]bool{receive(t, ctx, msgs[0]).Content: true, receive(t, ctx, msgs[0]).Content: true}
	if !got["to zero"] || !got["a direct message"] {
		t.Errorf("shard 0 got %v, want its guild's message and the direct message", got)
	}
	if len(msgs[1]) > 0 {
		t.Errorf("shard 1 got another guild's message: %q", (<-msgs[1]).Content)
	}
}

func TestClosingWith1000EndsTheSession(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	tests := []struct {
		code       int
		wantResume bool
	}{{websocket.CloseNormalClosure, false}, {websocket.CloseServiceRestart, true}}
	for _, tt := range tests {
		fake, dg := connect(t, fakediscord.Options{}, nil)
		// Closing before discordgo's first heartbeat is out makes that
		// heartbeat fail, and discordgo reconnect on its own.
		if _, err := fake.WaitFrame(ctx, func(f fakediscord.Frame) bool { return f.Op == fakediscord.OpHeartbeatACK }); err != nil {
			t.Fatal(err)
		}
		dg.CloseWithCode(tt.code)
		if err := dg.Open(); err != nil {
			t.Fatalf("reopen after %d: %v", tt.code, err)
		}
		closed, err := fake.WaitFrame(ctx, func(f fakediscord.Frame) bool { return f.Op == fakediscord.OpClose })
		if err != nil || closed.CloseCode != tt.code || closed.Conn != 1 {
			t.Errorf("recorded close = %+v, %v; want code %d on conn 1", closed, err, tt.code)
		}
		want := "READY" // after op 9, identified again
		if tt.wantResume {
			want = "RESUMED"
		}
		if _, err := fake.WaitFrame(ctx, func(f fakediscord.Frame) bool { return f.Conn == 2 && f.Type == want }); err != nil {
			t.Errorf("after closing with %d: no %s on the new connection: %v", tt.code, want, err)
		}
	}
}

func TestHeartbeatRequestsAndSilence(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	fake, _ := connect(t, fakediscord.Options{}, nil)
	op := func(op int, fromClient bool) func(fakediscord.Frame) bool {
		return func(f fakediscord.Frame) bool { return f.Op == op && f.FromClient == fromClient }
	}
	// discordgo heartbeats at once on connecting; then Discord asks for one.
	if _, err := fake.WaitFrames(ctx, 1, op(fakediscord.OpHeartbeatACK, false)); err != nil {
		t.Fatal(err)
	}
	if err := fake.RequestHeartbeat(); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitFrames(ctx, 2, op(fakediscord.OpHeartbeatACK, false)); err != nil {
		t.Fatalf("the requested heartbeat was not sent and acknowledged: %v", err)
	}
	fake.AckHeartbeats(false)
	// Two requests: the connection's reader has answered the first (or
	// not) by the time it records the second's heartbeat.
	for range 2 {
		if err := fake.RequestHeartbeat(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := fake.WaitFrames(ctx, 4, op(fakediscord.OpHeartbeat, true)); err != nil {
		t.Fatal(err)
	}
	var acks int
	for _, f := range fake.Frames() {
		if op(fakediscord.OpHeartbeatACK, false)(f) {
			acks++
		}
	}
	if acks != 2 {
		t.Errorf("%d ACKs after ACKs were turned off, want still 2", acks)
	}
}

func TestFailNextAfterServing(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	fake, dg := connect(t, fakediscord.Options{AppID: "777"}, nil)
	ins := handle[*discordgo.InteractionCreate](dg)
	if err := fake.Dispatch("INTERACTION_CREATE", fake.SlashCommand(fakediscord.Actor{GuildID: "900"}, "about")); err != nil {
		t.Fatal(err)
	}
	ic := receive(t, ctx, ins)
	fake.FailNextAfterServing(http.MethodPost, "interactions/", http.StatusInternalServerError, 1)
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "about"}}
	if status, _ := restCode(t, dg.InteractionRespond(ic.Interaction, resp)); status != http.StatusInternalServerError {
		t.Errorf("first response: status %d, want 500", status)
	}
	// It took effect: sending it again finds it acknowledged.
	if status, code := restCode(t, dg.InteractionRespond(ic.Interaction, resp)); status != http.StatusBadRequest || code != fakediscord.CodeAlreadyAcknowledged {
		t.Errorf("second response: %d code %d, want 400 code 40060", status, code)
	}
}

package fakediscord_test

// These tests drive the real discordgo v0.28.1 client against the fake, the
// way bot/ will. discordgo is a test-only import here: the package itself
// must not depend on it.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
	"github.com/gorilla/websocket"

	"github.com/crisisbot/crisisbot/internal/fakediscord"
)

// waitBound keeps a broken test from hanging until go test's timeout; no
// test asserts anything about time.
const waitBound = 30 * time.Second

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitBound)
	t.Cleanup(cancel)
	return ctx
}

// rewrite sends discordgo's requests for Discord's API to the fake.
type rewrite struct {
	base string // ends with "/api/v9/"
	next http.RoundTripper
}

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	const discordAPI = "https://discord.com/api/v9/"
	if rest, ok := strings.CutPrefix(r.URL.String(), discordAPI); ok {
		u, err := url.Parse(rw.base + rest)
		if err != nil {
			return nil, err
		}
		r = r.Clone(r.Context())
		r.URL, r.Host = u, u.Host
	}
	return rw.next.RoundTrip(r)
}

// newSession returns a discordgo session pointed at fake, not yet open.
func newSession(t *testing.T, fake *fakediscord.Server, token string) *discordgo.Session {
	t.Helper()
	dg, err := discordgo.New(token)
	if err != nil {
		t.Fatal(err)
	}
	dg.Client = &http.Client{Transport: rewrite{base: fake.APIURL(), next: http.DefaultTransport}}
	return dg
}

// connect starts a fake and a session opened against it; setup runs before
// Open, to add handlers.
func connect(t *testing.T, opts fakediscord.Options, setup func(*discordgo.Session)) (*fakediscord.Server, *discordgo.Session) {
	t.Helper()
	fake := fakediscord.New(opts)
	t.Cleanup(fake.Close)
	dg := newSession(t, fake, "Bot x")
	if setup != nil {
		setup(dg)
	}
	if err := dg.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { closeSession(dg) })
	return fake, dg
}

// closeSession closes dg for good. discordgo's heartbeat goroutine may
// still be about to write when Close runs (right after Open, or on a tick
// during Close's one-second sleep); its write then fails and it reconnects
// after Close, forever. Turning reconnects off first prevents that; the
// field is read only after the session lock that Close takes.
func closeSession(dg *discordgo.Session) {
	dg.ShouldReconnectOnError = false
	dg.Close()
}

// receive waits for one value from ch.
func receive[T any](t *testing.T, ctx context.Context, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		t.Fatalf("waiting for an event: %v", ctx.Err())
	}
	var zero T
	return zero
}

// handle forwards events of type T to the returned channel.
func handle[T any](dg *discordgo.Session) <-chan T {
	ch := make(chan T, 16)
	dg.AddHandler(func(_ *discordgo.Session, ev T) { ch <- ev })
	return ch
}

// option returns the named option of a command, or nil; discordgo v0.28
// has no GetOption.
func option(data discordgo.ApplicationCommandInteractionData, name string) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range data.Options {
		if o.Name == name {
			return o
		}
	}
	return nil
}

func restCode(t *testing.T, err error) (status, code int) {
	t.Helper()
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		t.Fatalf("error %v (%T) is not a *discordgo.RESTError", err, err)
	}
	if re.Message != nil {
		code = re.Message.Code
	}
	return re.Response.StatusCode, code
}

func TestOpenIdentifiesAndReadySetsUser(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	fake, dg := connect(t, fakediscord.Options{AppID: "4242", BotName: "crisisbot"}, func(dg *discordgo.Session) {
		dg.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	})
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	dg.State.RLock()
	user, app, session := *dg.State.User, dg.State.Application, dg.State.SessionID
	dg.State.RUnlock()
	if user.ID != "4242" || user.Username != "crisisbot" || !user.Bot {
		t.Errorf("State.User = %+v, want id 4242, crisisbot, bot", user)
	}
	if app == nil || app.ID != "4242" {
		t.Errorf("State.Application = %+v, want id 4242", app)
	}
	if session == "" {
		t.Error("State.SessionID is empty")
	}
	id := fake.Identify()
	if got := id["token"]; got != "Bot x" {
		t.Errorf("IDENTIFY token = %v, want Bot x", got)
	}
	if got, want := id["intents"], json.Number("4608"); got != want {
		t.Errorf("IDENTIFY intents = %v, want %v", got, want)
	}
	gw, err := fake.WaitCall(ctx, func(c fakediscord.Call) bool { return c.Path == "gateway" })
	if err != nil {
		t.Fatal(err)
	}
	if gw.Header.Get("Authorization") != "Bot x" || gw.Status != http.StatusOK {
		t.Errorf("GET gateway: Authorization %q status %d", gw.Header.Get("Authorization"), gw.Status)
	}
}

// The first heartbeat goes out as soon as Open returns, whatever the
// interval; a later dispatch is read after the ACK, so by the time its
// handler runs the client has recorded the ACK.
func TestHeartbeatIsAcked(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	var msgs <-chan *discordgo.MessageCreate
	fake, dg := connect(t, fakediscord.Options{}, func(dg *discordgo.Session) { msgs = handle[*discordgo.MessageCreate](dg) })
	if _, err := fake.WaitFrame(ctx, func(f fakediscord.Frame) bool { return f.FromClient && f.Op == fakediscord.OpHeartbeat }); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitFrame(ctx, func(f fakediscord.Frame) bool { return !f.FromClient && f.Op == fakediscord.OpHeartbeatACK }); err != nil {
		t.Fatal(err)
	}
	if err := fake.Dispatch("MESSAGE_CREATE", fake.Message(fakediscord.Actor{}, "after the ack")); err != nil {
		t.Fatal(err)
	}
	receive(t, ctx, msgs)
	dg.RLock()
	latency := dg.HeartbeatLatency()
	dg.RUnlock()
	if latency < 0 {
		t.Errorf("HeartbeatLatency = %v: the client has not seen the ACK", latency)
	}
}

// With a short interval the client keeps heartbeating and every heartbeat
// is answered.
func TestHeartbeatsRepeatWithShortInterval(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	fake, _ := connect(t, fakediscord.Options{HeartbeatInterval: 50 * time.Millisecond}, nil)
	hello, err := fake.WaitFrame(ctx, func(f fakediscord.Frame) bool { return f.Op == fakediscord.OpHello })
	if err != nil {
		t.Fatal(err)
	}
	if got := string(hello.Data); got != `{"heartbeat_interval":50}` {
		t.Errorf("HELLO d = %s", got)
	}
	n := 0
	_, err = fake.WaitFrame(ctx, func(f fakediscord.Frame) bool {
		if f.FromClient && f.Op == fakediscord.OpHeartbeat {
			n++
		}
		return n == 3
	})
	if err != nil {
		t.Fatal(err)
	}
	frames := fake.Frames()
	beats, acks := 0, 0
	for _, f := range frames {
		switch {
		case f.FromClient && f.Op == fakediscord.OpHeartbeat:
			beats++
		case !f.FromClient && f.Op == fakediscord.OpHeartbeatACK:
			acks++
		}
	}
	// The last heartbeat's ACK may still be in flight.
	if acks < beats-1 {
		t.Errorf("%d heartbeats, %d ACKs", beats, acks)
	}
}

func TestDispatchedMessageReachesHandler(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	var msgs <-chan *discordgo.MessageCreate
	fake, _ := connect(t, fakediscord.Options{AppID: "777"}, func(dg *discordgo.Session) { msgs = handle[*discordgo.MessageCreate](dg) })
	actor := fakediscord.Actor{UserID: "55", Username: "amina", GuildID: "900", ChannelID: "901"}
	sent := fake.Message(actor, "<@777> who died in Yekaterinburg?")
	if err := fake.Dispatch("MESSAGE_CREATE", sent); err != nil {
		t.Fatal(err)
	}
	m := receive(t, ctx, msgs)
	got := struct {
		ID, Content, Channel, Guild, Author string
		Mentions                            []string
		Timestamp                           bool
	}{m.ID, m.Content, m.ChannelID, m.GuildID, m.Author.ID, nil, !m.Timestamp.IsZero()}
	for _, u := range m.Mentions {
		got.Mentions = append(got.Mentions, u.ID)
	}
	want := struct {
		ID, Content, Channel, Guild, Author string
		Mentions                            []string
		Timestamp                           bool
	}{sent["id"].(string), "<@777> who died in Yekaterinburg?", "901", "900", "55", []string{"777"}, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MessageCreate (-want +got):\n%s", diff)
	}
	if m.Member == nil {
		t.Error("guild message has no member")
	}
	// The message is stored, and its channel is known from now on.
	if _, ok := fake.StoredMessage(m.ID); !ok {
		t.Error("dispatched message not stored")
	}
	if ch, ok := fake.StoredChannel("901"); !ok || ch["guild_id"] != "900" {
		t.Errorf("channel 901 = %v, %v; want a guild channel of 900", ch, ok)
	}
}

func TestGuildsFromOptionsArriveAfterReady(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	var guilds <-chan *discordgo.GuildCreate
	guild := map[string]any{
		"id": "300", "name": "Baku news", "joined_at": "2025-07-01T10:00:00.000000+00:00",
		"channels": []any{map[string]any{"id": "301", "type": 0, "name": "general"}},
	}
	fake, dg := connect(t, fakediscord.Options{Guilds: []map[string]any{guild}}, func(dg *discordgo.Session) {
		guilds = handle[*discordgo.GuildCreate](dg)
	})
	g := receive(t, ctx, guilds)
	if g.ID != "300" || g.Name != "Baku news" {
		t.Errorf("GuildCreate = %s %q, want 300 Baku news", g.ID, g.Name)
	}
	ready, err := fake.WaitFrame(ctx, func(f fakediscord.Frame) bool { return f.Type == "READY" })
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Guilds []map[string]any `json:"guilds"`
	}
	if err := json.Unmarshal(ready.Data, &r); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]map[string]any{{"id": "300", "unavailable": true}}, r.Guilds); diff != "" {
		t.Errorf("READY guilds (-want +got):\n%s", diff)
	}
	ch, err := dg.Channel("301")
	if err != nil {
		t.Fatal(err)
	}
	if ch.GuildID != "300" || ch.Name != "general" {
		t.Errorf("Channel(301) = guild %s name %q", ch.GuildID, ch.Name)
	}
}

func TestChannelMessageSendComplexIsRecorded(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	fake, dg := connect(t, fakediscord.Options{AppID: "777"}, nil)
	ch := fake.AddChannel(map[string]any{"id": "500", "guild_id": "900", "name": "crisis"})
	sent, err := dg.ChannelMessageSendComplex(ch, &discordgo.MessageSend{
		Content:         "Russia said heart failure [1]; Azerbaijan said torture [2].",
		Embeds:          []*discordgo.MessageEmbed{{Title: "Sources", Description: "[1] TASS\n[2] APA"}},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		Reference:       nil,
	})
	if err != nil {
		t.Fatal(err)
	}
	if sent.ID == "" || sent.ChannelID != "500" || sent.Author == nil || sent.Author.ID != "777" || len(sent.Embeds) != 1 {
		t.Errorf("returned message = %+v", sent)
	}
	call, err := fake.WaitCall(ctx, func(c fakediscord.Call) bool { return c.Is(http.MethodPost, "channels/500/messages") })
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Content         string `json:"content"`
		AllowedMentions struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
		Embeds []struct{ Title, Type string } `json:"embeds"`
	}
	if err := call.JSON(&body); err != nil {
		t.Fatal(err)
	}
	if body.Content != "Russia said heart failure [1]; Azerbaijan said torture [2]." || body.AllowedMentions.Parse == nil ||
		len(body.Embeds) != 1 || body.Embeds[0].Title != "Sources" {
		t.Errorf("recorded body = %+v", body)
	}
	if call.Status != http.StatusOK || call.Header.Get("Authorization") != "Bot x" {
		t.Errorf("call status %d, Authorization %q", call.Status, call.Header.Get("Authorization"))
	}
	stored := fake.StoredMessages("500")
	if len(stored) != 1 || stored[0]["id"] != sent.ID {
		t.Errorf("StoredMessages(500) = %v, want the sent message", stored)
	}
	got, err := dg.ChannelMessages("500", 10, "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Content != sent.Content {
		t.Errorf("ChannelMessages = %v", got)
	}
}

func TestMultipartPayloadJSONIsTheBody(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	fake, dg := connect(t, fakediscord.Options{}, nil)
	ch := fake.AddChannel(map[string]any{"guild_id": "900"})
	msg, err := dg.ChannelMessageSendComplex(ch, &discordgo.MessageSend{
		Content: "full answer attached",
		Files:   []*discordgo.File{{Name: "answer.md", ContentType: "text/markdown", Reader: strings.NewReader("# Answer")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	call, err := fake.WaitCall(ctx, func(c fakediscord.Call) bool { return c.Is(http.MethodPost, "channels/"+ch+"/messages") })
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := call.JSON(&body); err != nil {
		t.Fatal(err)
	}
	if body["content"] != "full answer attached" {
		t.Errorf("payload_json content = %v", body["content"])
	}
	want := []fakediscord.File{{Field: "files[0]", Name: "answer.md", ContentType: "text/markdown", Data: []byte("# Answer")}}
	if diff := cmp.Diff(want, call.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if len(msg.Attachments) != 1 || msg.Attachments[0].Filename != "answer.md" || msg.Attachments[0].Size != 8 {
		t.Errorf("attachments = %+v", msg.Attachments)
	}
}

func TestInteractionFlow(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	var ins <-chan *discordgo.InteractionCreate
	fake, dg := connect(t, fakediscord.Options{AppID: "777"}, func(dg *discordgo.Session) { ins = handle[*discordgo.InteractionCreate](dg) })

	cmds, err := dg.ApplicationCommandBulkOverwrite("777", "", []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask about the crisis", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "q", Required: true},
			{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "p"},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 1 || cmds[0].ID == "" || cmds[0].ApplicationID != "777" {
		t.Fatalf("registered = %+v", cmds)
	}

	actor := fakediscord.Actor{UserID: "55", GuildID: "900", ChannelID: "901", Permissions: 1 << 5}
	if err := fake.Dispatch("INTERACTION_CREATE", fake.SlashCommand(actor, "ask",
		fakediscord.Option("question", "What did Russia say?"), fakediscord.Option("private", true))); err != nil {
		t.Fatal(err)
	}
	ic := receive(t, ctx, ins)
	data := ic.ApplicationCommandData()
	if data.Name != "ask" || data.ID != cmds[0].ID || option(data, "question").StringValue() != "What did Russia say?" ||
		!option(data, "private").BoolValue() {
		t.Errorf("command data = %+v", data)
	}
	if ic.Member == nil || ic.Member.User.ID != "55" || ic.Member.Permissions&discordgo.PermissionManageServer == 0 || ic.GuildID != "900" {
		t.Errorf("member = %+v guild %s", ic.Member, ic.GuildID)
	}

	// A follow-up before the first answer has no webhook yet.
	_, err = dg.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "too early"})
	if status, code := restCode(t, err); status != 404 || code != fakediscord.CodeUnknownWebhook {
		t.Errorf("early follow-up: %d %d", status, code)
	}

	err = dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	})
	if err != nil {
		t.Fatal(err)
	}
	call, err := fake.WaitCall(ctx, func(c fakediscord.Call) bool { return c.Is(http.MethodPost, "interactions/"+ic.ID+"/") })
	if err != nil {
		t.Fatal(err)
	}
	var cb struct {
		Type int `json:"type"`
		Data struct {
			Flags int `json:"flags"`
		} `json:"data"`
	}
	if err := call.JSON(&cb); err != nil {
		t.Fatal(err)
	}
	if call.Path != "interactions/"+ic.ID+"/"+ic.Token+"/callback" || call.Status != http.StatusNoContent || cb.Type != 5 || cb.Data.Flags != 64 {
		t.Errorf("callback call %s status %d body %+v", call.Path, call.Status, cb)
	}

	err = dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "again"}})
	if status, code := restCode(t, err); status != 400 || code != fakediscord.CodeAlreadyAcknowledged {
		t.Errorf("second callback: %d %d", status, code)
	}

	content := "Russia's account: heart failure [1]."
	edited, err := dg.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content})
	if err != nil {
		t.Fatal(err)
	}
	if edited.Content != content || edited.Author.ID != "777" || edited.Flags&discordgo.MessageFlagsEphemeral == 0 ||
		edited.Flags&discordgo.MessageFlagsLoading != 0 || edited.EditedTimestamp == nil {
		t.Errorf("edited original = %+v", edited)
	}
	orig, err := dg.InteractionResponse(ic.Interaction)
	if err != nil || orig.ID != edited.ID {
		t.Errorf("InteractionResponse = %v, %v", orig, err)
	}
	follow, err := dg.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "more"})
	if err != nil {
		t.Fatal(err)
	}
	if follow.Content != "more" || follow.ChannelID != "901" || follow.WebhookID != "777" {
		t.Errorf("follow-up = %+v", follow)
	}
	if err := dg.FollowupMessageDelete(ic.Interaction, follow.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := fake.StoredMessage(follow.ID); ok {
		t.Error("deleted follow-up still stored")
	}
	// The ephemeral original is not in the channel's history.
	for _, m := range fake.StoredMessages("901") {
		if m["id"] == edited.ID {
			t.Error("ephemeral response listed in channel history")
		}
	}
}

func TestButtonAndAutocomplete(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	var ins <-chan *discordgo.InteractionCreate
	fake, dg := connect(t, fakediscord.Options{}, func(dg *discordgo.Session) { ins = handle[*discordgo.InteractionCreate](dg) })
	ch := fake.AddChannel(map[string]any{"guild_id": "900"})
	posted, err := dg.ChannelMessageSendComplex(ch, &discordgo.MessageSend{
		Content: "answer",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "👍", CustomID: "ask:up:k3", Style: discordgo.SecondaryButton},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := fake.StoredMessage(posted.ID)
	if err := fake.Dispatch("INTERACTION_CREATE", fake.ButtonClick(fakediscord.Actor{GuildID: "900"}, stored, "ask:up:k3")); err != nil {
		t.Fatal(err)
	}
	click := receive(t, ctx, ins)
	if click.MessageComponentData().CustomID != "ask:up:k3" || click.Message == nil || click.Message.ID != posted.ID || click.ChannelID != ch {
		t.Errorf("click = %+v message %+v", click.MessageComponentData(), click.Message)
	}
	thanks := "Thanks for the feedback."
	err = dg.InteractionRespond(click.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: thanks, Components: []discordgo.MessageComponent{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := fake.StoredMessage(posted.ID)
	if after["content"] != thanks || len(after["components"].([]any)) != 0 {
		t.Errorf("updated message = %v", after)
	}

	if err := fake.Dispatch("INTERACTION_CREATE", fake.Autocomplete(fakediscord.Actor{}, "ask", fakediscord.Focused("source", "ta"))); err != nil {
		t.Fatal(err)
	}
	ac := receive(t, ctx, ins)
	if ac.Type != discordgo.InteractionApplicationCommandAutocomplete || !ac.ApplicationCommandData().Options[0].Focused || ac.User == nil {
		t.Errorf("autocomplete = %+v", ac.Interaction)
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 26)
	for i := range choices {
		choices[i] = &discordgo.ApplicationCommandOptionChoice{Name: "tass", Value: "tass"}
	}
	err = dg.InteractionRespond(ac.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
	if status, code := restCode(t, err); status != 400 || code != fakediscord.CodeInvalidFormBody {
		t.Errorf("26 choices: %d %d", status, code)
	}
}

func TestFailNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		status       int
		body         string
		times        int
		wantStatus   int // of the error; 0 means the call succeeds in the end
		wantCode     int
		wantStatuses []int // of the recorded calls
	}{
		{name: "404 once", status: 404, body: `{"message":"Unknown Message","code":10008}`, times: 1,
			wantStatus: 404, wantCode: 10008, wantStatuses: []int{404}},
		{name: "default body", status: 403, times: 1, wantStatus: 403, wantCode: 0, wantStatuses: []int{403}},
		{name: "429 is retried", status: 429, times: 2, wantStatuses: []int{429, 429, 200}},
		{name: "502 is retried", status: 502, times: 1, wantStatuses: []int{502, 200}},
	}
	fake, dg := connect(t, fakediscord.Options{}, nil)
	ctx := testContext(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := fake.AddChannel(map[string]any{"guild_id": "900"})
			fake.FailNext(http.MethodPost, "channels/"+ch+"/", tt.status, tt.body, tt.times)
			// discordgo retries a 429 without end: ctx bounds a broken fake.
			_, err := dg.ChannelMessageSend(ch, "hello", discordgo.WithContext(ctx))
			if tt.wantStatus == 0 && err != nil {
				t.Fatalf("send: %v", err)
			}
			if tt.wantStatus != 0 {
				status, code := restCode(t, err)
				if status != tt.wantStatus || code != tt.wantCode {
					t.Errorf("error = %d code %d, want %d code %d", status, code, tt.wantStatus, tt.wantCode)
				}
			}
			calls, err := fake.WaitCalls(ctx, len(tt.wantStatuses), func(c fakediscord.Call) bool { return c.Is("", "channels/"+ch+"/") })
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, c := range calls {
				got = append(got, c.Status)
			}
			if diff := cmp.Diff(tt.wantStatuses, got); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
			// The fault is used up: the next call is served.
			if _, err := dg.ChannelMessageSend(ch, "again", discordgo.WithContext(ctx)); err != nil {
				t.Errorf("next send: %v", err)
			}
		})
	}
}

func TestReconnectResumes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cause func(*fakediscord.Server) error
	}{
		{"dropped connection", func(s *fakediscord.Server) error { s.DropConnection(); return nil }},
		{"op 7 reconnect", (*fakediscord.Server).Reconnect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			var msgs <-chan *discordgo.MessageCreate
			var resumed <-chan *discordgo.Resumed
			fake, _ := connect(t, fakediscord.Options{}, func(dg *discordgo.Session) {
				msgs = handle[*discordgo.MessageCreate](dg)
				resumed = handle[*discordgo.Resumed](dg)
			})
			if err := fake.Dispatch("MESSAGE_CREATE", fake.Message(fakediscord.Actor{}, "one")); err != nil {
				t.Fatal(err)
			}
			receive(t, ctx, msgs)
			if err := tt.cause(fake); err != nil {
				t.Fatal(err)
			}
			resume, err := fake.WaitFrame(ctx, func(f fakediscord.Frame) bool { return f.FromClient && f.Op == fakediscord.OpResume })
			if err != nil {
				t.Fatal(err)
			}
			var d struct {
				SessionID string `json:"session_id"`
				Seq       int64  `json:"seq"`
			}
			if err := json.Unmarshal(resume.Data, &d); err != nil {
				t.Fatal(err)
			}
			if resume.Conn != 2 || d.SessionID == "" || d.Seq != 2 { // READY was 1, the message 2
				t.Errorf("RESUME on conn %d: %+v", resume.Conn, d)
			}
			receive(t, ctx, resumed)
			if err := fake.Dispatch("MESSAGE_CREATE", fake.Message(fakediscord.Actor{}, "two")); err != nil {
				t.Fatal(err)
			}
			if m := receive(t, ctx, msgs); m.Content != "two" {
				t.Errorf("after resume got %q", m.Content)
			}
			if n := fake.Connections(); n != 2 {
				t.Errorf("Connections = %d, want 2", n)
			}
		})
	}
}

func TestEchoMessagesComeBackFromTheBot(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	var msgs <-chan *discordgo.MessageCreate
	fake, dg := connect(t, fakediscord.Options{AppID: "777", EchoMessages: true}, func(dg *discordgo.Session) {
		msgs = handle[*discordgo.MessageCreate](dg)
	})
	ch := fake.AddChannel(map[string]any{"guild_id": "900"})
	if _, err := dg.ChannelMessageSend(ch, "my own answer"); err != nil {
		t.Fatal(err)
	}
	m := receive(t, ctx, msgs)
	if m.Author.ID != "777" || !m.Author.Bot || m.GuildID != "900" || m.Content != "my own answer" {
		t.Errorf("echo = %+v author %+v", m.Message, m.Author)
	}
}

func TestWrongToken(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New(fakediscord.Options{Token: "right"})
	t.Cleanup(fake.Close)
	dg := newSession(t, fake, "Bot wrong")
	err := dg.Open()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4004 {
		t.Errorf("Open with a wrong token = %v, want close 4004", err)
	}
	_, err = dg.Channel("1")
	if status, _ := restCode(t, err); status != http.StatusUnauthorized {
		t.Errorf("REST with a wrong token: status %d", status)
	}
}

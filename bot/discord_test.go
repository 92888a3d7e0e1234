package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/internal/fakediscord"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/timeline"
)

const (
	testGuild = "1300000000000000001"
	testApp   = "1400000000000000001"
)

// discordHarness is a real Bot and Discord transport, with the real
// answering engine over the bundled articles, connected through a real
// discordgo session to a fake Discord on loopback.
type discordHarness struct {
	t       *testing.T
	ctx     context.Context
	fake    *fakediscord.Server
	bot     *Bot
	d       *Discord
	clock   *fakeclock.Clock
	reg     *prometheus.Registry
	dataDir string
	logs    *lockedBuffer
	stop    context.CancelFunc
	done    chan error
	// connecting runs in start, before the commands are registered.
	connecting func(*discordHarness)
}

type harnessOptions struct {
	cfg    DiscordConfig
	limits Limits
	// asker wraps the real engine, e.g. to block it.
	asker func(Asker) Asker
	chat  answer.Chat
	extra []Command
	// timeline adds /timeline over the bundled articles' events.
	timeline bool
	// fake, when set, is the fake Discord to use instead of a new one.
	fake *fakediscord.Server
	// connecting runs while the transport connects, before its commands
	// are registered.
	connecting func(*discordHarness)
}

// bundledEngine opens the bundled articles in a temporary library.
func bundledEngine(t testing.TB, chat answer.Chat) (*answer.Engine, *retrieval.Library) {
	t.Helper()
	ctx := context.Background()
	lib, err := retrieval.Open(ctx, retrieval.Options{Dir: t.TempDir(), Embedder: retrieval.NewLocalEmbedder()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	return answer.New(lib, answer.Options{Chat: chat, Retries: -1, Clock: answer.RealClock{}}), lib
}

// bundledBot is a Bot over the real engine and the bundled articles.
func bundledBot(t testing.TB, clock answer.Clock) *Bot {
	t.Helper()
	engine, lib := bundledEngine(t, nil)
	store, err := OpenStore(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(Options{Asker: engine, Corpus: lib, Store: store, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newDiscordHarness(t *testing.T, o harnessOptions) *discordHarness {
	t.Helper()
	ctx, cancelTest := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancelTest)
	fake := o.fake
	if fake == nil {
		fake = fakediscord.New(fakediscord.Options{AppID: testApp, Token: "test-token",
			Guilds: []map[string]any{{"id": testGuild, "name": "Test"}}})
		t.Cleanup(fake.Close)
	}
	engine, lib := bundledEngine(t, o.chat)
	var asker Asker = engine
	if o.asker != nil {
		asker = o.asker(engine)
	}
	dir := t.TempDir()
	store, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock()
	reg := prometheus.NewRegistry()
	logger, logs := newLogBuffer()
	var tl Timeline
	if o.timeline {
		idx := timeline.NewIndex()
		for _, d := range lib.Documents() {
			doc, _ := lib.Document(d.ID)
			idx.Update(doc)
		}
		tl = timeline.View{Index: idx, Search: lib}
	}
	b, err := New(Options{Asker: asker, Corpus: lib, Store: store, Limits: o.limits, Clock: clock,
		Metrics: NewMetrics(reg), Logger: logger, Commands: o.extra, Version: "test", Timeline: tl})
	if err != nil {
		t.Fatal(err)
	}
	cfg := o.cfg
	cfg.Token = "test-token"
	cfg.APIURL = fake.APIURL()
	if cfg.GuildID == "" {
		cfg.GuildID = testGuild
	}
	d, err := NewDiscord(b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Registered first, so it runs after the transport has stopped.
	t.Cleanup(func() {
		if strings.Contains(logs.String(), "test-token") {
			t.Errorf("the token appears in the logs:\n%s", logs.String())
		}
	})
	h := &discordHarness{t: t, ctx: ctx, fake: fake, bot: b, d: d, clock: clock, reg: reg, dataDir: dir, logs: logs, connecting: o.connecting}
	h.start()
	return h
}

// start runs the harness's transport until the test ends, and returns once
// its commands are registered.
func (h *discordHarness) start() {
	h.t.Helper()
	runCtx, stop := context.WithCancel(h.ctx)
	h.stop, h.done = stop, make(chan error, 1)
	go func() { h.done <- h.d.Run(runCtx) }()
	h.t.Cleanup(func() {
		stop()
		h.clock.Advance(time.Hour) // end any shutdown grace
		select {
		case <-h.done:
		case <-h.ctx.Done():
			h.t.Error("Discord.Run did not return after cancel")
		}
	})
	if h.connecting != nil {
		h.connecting(h)
	}
	// Ready once the commands are registered.
	if _, err := h.fake.WaitCall(h.ctx, func(c fakediscord.Call) bool { return c.Is("PUT", "applications/") }); err != nil {
		h.t.Fatalf("commands never registered: %v\nlogs:\n%s", err, h.logs.String())
	}
}

// advanceWhenWaiting waits until the bot asks its clock for a wait of d,
// then advances the clock by d.
func (h *discordHarness) advanceWhenWaiting(d time.Duration) {
	h.t.Helper()
	h.waiting(d)
	h.clock.Advance(d)
}

// waiting waits until the bot asks its clock for a wait of d.
func (h *discordHarness) waiting(d time.Duration) {
	h.t.Helper()
	for {
		select {
		case got := <-h.clock.Afters():
			if got == d {
				return
			}
		case <-h.ctx.Done():
			h.t.Fatalf("the bot never waited %v: %v", d, h.ctx.Err())
		}
	}
}

// until waits for cond, which the bot makes true after a REST call the
// test saw; it checks again whenever the scheduler runs the test.
func (h *discordHarness) until(what string, cond func() bool) {
	h.t.Helper()
	for !cond() {
		if h.ctx.Err() != nil {
			h.t.Fatalf("waiting for %s: %v", what, h.ctx.Err())
		}
		runtime.Gosched()
	}
}

// identifyIntents returns the intents the bot identified with.
func identifyIntents(t *testing.T, fake *fakediscord.Server) int {
	t.Helper()
	n, err := strconv.Atoi(fmt.Sprint(fake.Identify()["intents"]))
	if err != nil {
		t.Fatalf("IDENTIFY intents: %v", err)
	}
	return n
}

// dispatch sends a gateway event and fails the test if it cannot.
func (h *discordHarness) dispatch(event string, data map[string]any) {
	h.t.Helper()
	if err := h.fake.Dispatch(event, data); err != nil {
		h.t.Fatalf("dispatch %s: %v", event, err)
	}
}

// answeredOrReconnected waits for a call matching match, or for the
// client to open another session (a READY on a connection after conn),
// whichever comes first; again is true for the latter, once that session
// is ready.
func (h *discordHarness) answeredOrReconnected(match func(fakediscord.Call) bool, conn int) (c fakediscord.Call, again bool) {
	h.t.Helper()
	ctx, cancel := context.WithCancel(h.ctx)
	defer cancel()
	calls := make(chan fakediscord.Call, 1)
	go func() {
		if c, err := h.fake.WaitCall(ctx, match); err == nil {
			calls <- c
		}
	}()
	ready := make(chan struct{}, 1)
	go func() {
		_, err := h.fake.WaitFrame(ctx, func(f fakediscord.Frame) bool {
			return f.Conn > conn && !f.FromClient && f.Type == "READY"
		})
		if err == nil {
			ready <- struct{}{}
		}
	}()
	select {
	case c := <-calls:
		return c, false
	case <-ready:
		return fakediscord.Call{}, true
	case <-h.ctx.Done():
		h.t.Fatalf("waiting for the answer: %v\ncalls: %s\nlogs:\n%s", h.ctx.Err(), callList(h.fake.Calls()), h.logs.String())
		return fakediscord.Call{}, false
	}
}

// wait waits for a call matching match.
func (h *discordHarness) wait(what string, match func(fakediscord.Call) bool) fakediscord.Call {
	h.t.Helper()
	c, err := h.fake.WaitCall(h.ctx, match)
	if err != nil {
		h.t.Fatalf("waiting for %s: %v\ncalls: %s\nlogs:\n%s", what, err, callList(h.fake.Calls()), h.logs.String())
	}
	return c
}

func callList(cs []fakediscord.Call) string {
	var sb strings.Builder
	for _, c := range cs {
		sb.WriteString("\n  " + c.Method + " " + c.Path + " " + string(c.Body))
	}
	return sb.String()
}

// callbackOf matches the initial response to interaction in.
func callbackOf(in map[string]any) func(fakediscord.Call) bool {
	return func(c fakediscord.Call) bool {
		return c.Is("POST", "interactions/"+in["id"].(string)+"/")
	}
}

// editOf matches the edit of interaction in's deferred response.
func editOf(in map[string]any) func(fakediscord.Call) bool {
	return func(c fakediscord.Call) bool {
		return c.Is("PATCH", "webhooks/"+testApp+"/"+in["token"].(string)+"/messages/@original") && c.Status < 300
	}
}

// wireMessage is the part of a message body the tests read.
type wireMessage struct {
	Type    int `json:"type"`
	Content string
	Flags   int `json:"flags"`
	Embeds  []struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Footer      *struct {
			Text string `json:"text"`
		} `json:"footer"`
	} `json:"embeds"`
	Components []struct {
		Components []struct {
			CustomID string `json:"custom_id"`
			Label    string `json:"label"`
		} `json:"components"`
	} `json:"components"`
	AllowedMentions *struct {
		Parse       *[]string `json:"parse"`
		Users       []string  `json:"users"`
		Roles       []string  `json:"roles"`
		RepliedUser bool      `json:"replied_user"`
	} `json:"allowed_mentions"`
	MessageReference *struct {
		MessageID string `json:"message_id"`
	} `json:"message_reference"`
	Name string `json:"name"`
}

// decode reads a message body, or an interaction callback's data.
func decode(t *testing.T, c fakediscord.Call) wireMessage {
	t.Helper()
	var m wireMessage
	if strings.HasPrefix(c.Path, "interactions/") {
		var cb struct {
			Type int             `json:"type"`
			Data json.RawMessage `json:"data"`
		}
		if err := c.JSON(&cb); err != nil {
			t.Fatal(err)
		}
		if len(cb.Data) > 0 {
			if err := json.Unmarshal(cb.Data, &m); err != nil {
				t.Fatal(err)
			}
		}
		m.Type = cb.Type
		return m
	}
	if err := c.JSON(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func (m wireMessage) buttons() map[string]string {
	out := map[string]string{}
	for _, row := range m.Components {
		for _, b := range row.Components {
			action := strings.Split(b.CustomID, ":")
			if len(action) > 1 {
				out[action[1]] = b.CustomID
			}
		}
	}
	return out
}

// checkNoPings fails unless a message body suppresses every mention.
func checkNoPings(t *testing.T, c fakediscord.Call) {
	t.Helper()
	m := decode(t, c)
	am := m.AllowedMentions
	if am == nil || am.Parse == nil || len(*am.Parse) != 0 || len(am.Users) > 0 || len(am.Roles) > 0 || am.RepliedUser {
		t.Errorf("%s %s: allowed_mentions = %s, want an explicit empty parse list and no users, roles or reply ping", c.Method, c.Path, string(c.Body))
	}
}

// sendsContent reports whether a call posts or edits message content.
func sendsContent(c fakediscord.Call) bool {
	switch {
	case c.Is("POST", "channels/") && strings.HasSuffix(c.Path, "/messages"),
		c.Is("PATCH", "webhooks/"), c.Is("POST", "webhooks/"):
		return true
	case c.Is("POST", "interactions/"):
		return !strings.Contains(string(c.Body), `"type":5`) && !strings.Contains(string(c.Body), `"type":8`)
	}
	return false
}

func TestDiscordRegistersCommandsInTheGuild(t *testing.T) {
	t.Parallel()
	admin := Command{Name: "reload", Description: "admin test command", Admin: true,
		Run: func(context.Context, Request) (Reply, error) { return Reply{Text: "reloaded"}, nil }}
	h := newDiscordHarness(t, harnessOptions{extra: []Command{admin}})
	c := h.wait("registration", func(c fakediscord.Call) bool { return c.Is("PUT", "applications/") })
	if c.Path != "applications/"+testApp+"/guilds/"+testGuild+"/commands" {
		t.Errorf("registered at %s, want the configured guild's bulk overwrite", c.Path)
	}
	var cmds []struct {
		Name                     string  `json:"name"`
		DefaultMemberPermissions *string `json:"default_member_permissions"`
		Options                  []struct {
			Name     string `json:"name"`
			Type     int    `json:"type"`
			Required bool   `json:"required"`
		} `json:"options"`
	}
	if err := c.JSON(&cmds); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, cmd := range cmds {
		var opts []string
		for _, o := range cmd.Options {
			s := o.Name
			if o.Required {
				s += "*"
			}
			opts = append(opts, s)
		}
		perm := ""
		if cmd.DefaultMemberPermissions != nil {
			perm = " perm=" + *cmd.DefaultMemberPermissions
		}
		got[cmd.Name] = strings.Join(opts, ",") + perm
	}
	want := map[string]string{"ask": "question*,private", "sources": "", "about": "", "reload": " perm=32"}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("command %s registered as %q, want %q (all: %v)", name, got[name], w, got)
		}
	}
	// Without answer channels the privileged message content intent is
	// not asked for.
	if intents := identifyIntents(t, h.fake); intents&(1<<15) != 0 || intents&(1<<9) == 0 {
		t.Errorf("IDENTIFY intents %b: want guild messages (1<<9) and not message content (1<<15) without answer channels", intents)
	}

	// The admin command is refused to a member without Manage Server, and
	// runs for one with it.
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "reload")
	h.dispatch("INTERACTION_CREATE", in)
	if m := decode(t, h.wait("refusal", callbackOf(in))); m.Flags&64 == 0 || !strings.Contains(m.Content, "Manage Server") {
		t.Errorf("admin command by a plain member: %+v, want an ephemeral refusal naming Manage Server", m)
	}
	in = h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild, Permissions: 1 << 5}, "reload")
	h.dispatch("INTERACTION_CREATE", in)
	if m := decode(t, h.wait("admin reply", callbackOf(in))); m.Content != "reloaded" {
		t.Errorf("admin command by a manager: %+v", m)
	}
}

func TestDiscordSlashAskDefersThenEditsWithAnswerSourcesAndButtons(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask",
		fakediscord.Option("question", "Why did Baku cancel Overchuk's visit?"))
	h.dispatch("INTERACTION_CREATE", in)
	if m := decode(t, h.wait("defer", callbackOf(in))); m.Type != 5 || m.Flags&64 != 0 {
		t.Errorf("first response type %d flags %d, want a public deferral (type 5)", m.Type, m.Flags)
	}
	edit := h.wait("edited answer", editOf(in))
	m := decode(t, edit)
	checkNoPings(t, edit)
	if !strings.Contains(m.Content, "Overchuk") || !strings.Contains(m.Content, "[1]") {
		t.Errorf("answer content = %q, want the answer with [1]", m.Content)
	}
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "**[1]**") || !strings.Contains(m.Embeds[0].Description, "week of 2025-06-30") {
		t.Fatalf("embeds = %+v, want one sources embed listing [1] with its date", m.Embeds)
	}
	if f := m.Embeds[0].Footer; f == nil || !strings.Contains(f.Text, "extractive") {
		t.Errorf("footer = %+v, want the mode (extractive)", f)
	}
	bs := m.buttons()
	if bs["up"] == "" || bs["down"] == "" || bs["src"] == "" {
		t.Fatalf("buttons = %v, want 👍, 👎 and Sources", bs)
	}

	// 👍 is recorded with the question, answer and passage ids.
	click := h.fake.ButtonClick(fakediscord.Actor{GuildID: testGuild, UserID: "1100000000000000077"}, nil, bs["up"])
	h.dispatch("INTERACTION_CREATE", click)
	if r := decode(t, h.wait("vote reply", callbackOf(click))); r.Flags&64 == 0 || !strings.Contains(r.Content, "recorded") {
		t.Errorf("vote reply = %+v, want an ephemeral thanks", r)
	}
	votes, _, err := ReadFeedback(h.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(votes) != 1 || votes[0].Vote != "up" || votes[0].UserID != "1100000000000000077" ||
		votes[0].Question != "Why did Baku cancel Overchuk's visit?" || len(votes[0].PassageIDs) == 0 || !strings.Contains(votes[0].Answer, "Overchuk") {
		t.Errorf("recorded feedback = %+v", votes)
	}

	// Sources shows the cited passages' text to the clicker only.
	click = h.fake.ButtonClick(fakediscord.Actor{GuildID: testGuild}, nil, bs["src"])
	h.dispatch("INTERACTION_CREATE", click)
	r := decode(t, h.wait("sources reply", callbackOf(click)))
	if r.Flags&64 == 0 || !strings.Contains(r.Content, "> ") || !strings.Contains(r.Content, "Overchuk") {
		t.Errorf("sources reply = %+v, want the quoted passages, ephemeral", r)
	}
}

func TestDiscordPrivateAskAndLongQuestion(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask",
		fakediscord.Option("question", "Who are Igor Kartavykh and Yevgeny Belousov?"), fakediscord.Option("private", true))
	h.dispatch("INTERACTION_CREATE", in)
	if m := decode(t, h.wait("defer", callbackOf(in))); m.Type != 5 || m.Flags&64 == 0 {
		t.Errorf("private ask deferred as type %d flags %d, want an ephemeral deferral", m.Type, m.Flags)
	}
	h.wait("edited answer", editOf(in))

	long := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", strings.Repeat("why ", 400)))
	h.dispatch("INTERACTION_CREATE", long)
	m := decode(t, h.wait("refusal", callbackOf(long)))
	if m.Type != 4 || m.Flags&64 == 0 || !strings.Contains(m.Content, "1000") {
		t.Errorf("over-long question answered with type %d flags %d %q, want an ephemeral note naming the limit", m.Type, m.Flags, m.Content)
	}
}

func TestDiscordMentionStartsThreadAndFollowUpUsesContext(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	bot := h.fake.BotID()
	q := h.fake.Message(fakediscord.Actor{GuildID: testGuild}, "<@"+bot+"> Why was Sputnik's Baku office raided?")
	h.dispatch("MESSAGE_CREATE", q)
	h.wait("typing", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+fakediscord.DefaultChannelID+"/typing") })
	th := h.wait("thread", func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/"+fakediscord.DefaultChannelID+"/messages/"+q["id"].(string)+"/threads")
	})
	if name := decode(t, th).Name; name != "Why was Sputnik's Baku office raided?" {
		t.Errorf("thread name = %q, want the question without the mention", name)
	}
	thread := q["id"].(string) // a thread started on a message has its id
	first := h.wait("answer in thread", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+thread+"/messages") })
	checkNoPings(t, first)
	if m := decode(t, first); !strings.Contains(m.Content, "Sputnik") {
		t.Errorf("thread answer = %q", m.Content)
	}

	// A follow-up in the thread needs no mention and resolves "that".
	fu := h.fake.Message(fakediscord.Actor{GuildID: testGuild, ChannelID: thread}, "What did Moscow say about that?")
	h.dispatch("MESSAGE_CREATE", fu)
	second := h.wait("follow-up answer", func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/"+thread+"/messages") && strings.Contains(string(c.Body), fu["id"].(string))
	})
	if m := decode(t, second); !strings.Contains(m.Content, "baseless") {
		t.Errorf("follow-up answer = %q, want Moscow's denial of the Sputnik arrests (baseless)", m.Content)
	}

	// After a restart nothing is remembered: the gateway's state says the
	// thread is the bot's, and its history is read back from Discord.
	h.until("the bot remembers both turns", func() bool { return len(h.bot.History(threadKey(thread))) == 2 })
	h.bot.convs.c.Purge()
	ch, ok := h.fake.StoredChannel(thread)
	if !ok {
		t.Fatal("the fake did not store the thread")
	}
	h.dispatch("THREAD_CREATE", ch)
	again := h.fake.Message(fakediscord.Actor{GuildID: testGuild, ChannelID: thread}, "What did Moscow say about that?")
	h.dispatch("MESSAGE_CREATE", again)
	third := h.wait("follow-up after a restart", func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/"+thread+"/messages") && strings.Contains(string(c.Body), again["id"].(string))
	})
	if m := decode(t, third); !strings.Contains(m.Content, "baseless") {
		t.Errorf("follow-up with nothing remembered = %q, want Moscow's denial (baseless)", m.Content)
	}
	if _, ok := firstCall(h.fake.Calls(), func(c fakediscord.Call) bool { return c.Is("GET", "channels/"+thread+"/messages") }); !ok {
		t.Error("the thread's history was not read back")
	}
}

func TestDiscordReplyToAnAnswerIsAFollowUp(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{cfg: DiscordConfig{InlineReplies: true}})
	q := h.fake.Message(fakediscord.Actor{GuildID: testGuild}, "<@"+h.fake.BotID()+"> Why was Sputnik's Baku office raided?")
	h.dispatch("MESSAGE_CREATE", q)
	c := h.wait("inline answer", func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/"+fakediscord.DefaultChannelID+"/messages")
	})
	if ref := decode(t, c).MessageReference; ref == nil || ref.MessageID != q["id"] {
		t.Errorf("inline answer does not reply to the question: %s", c.Body)
	}
	var sent []map[string]any
	for _, m := range h.fake.StoredMessages(fakediscord.DefaultChannelID) {
		if a, _ := m["author"].(map[string]any); a != nil && a["id"] == h.fake.BotID() {
			sent = append(sent, m)
		}
	}
	if len(sent) == 0 {
		t.Fatal("the fake stored no message from the bot")
	}
	answerMsg := sent[len(sent)-1]
	r := h.fake.Reply(fakediscord.Actor{GuildID: testGuild}, "What did Moscow say about that?", answerMsg)
	h.dispatch("MESSAGE_CREATE", r)
	fu := h.wait("follow-up", func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/") && strings.Contains(string(c.Body), r["id"].(string))
	})
	if m := decode(t, fu); !strings.Contains(m.Content, "baseless") {
		t.Errorf("reply follow-up = %q, want Moscow's denial (baseless)", m.Content)
	}

	// A bot that restarted remembers nothing, and reads the question the
	// replied-to answer answered back from Discord.
	h.until("the bot remembers the follow-up", func() bool { return h.bot.convs.c.Len() >= 2 })
	h.bot.convs.c.Purge()
	r = h.fake.Reply(fakediscord.Actor{GuildID: testGuild}, "What did Moscow say about that?", answerMsg)
	h.dispatch("MESSAGE_CREATE", r)
	fu = h.wait("follow-up after a restart", func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/") && strings.Contains(string(c.Body), r["id"].(string))
	})
	if m := decode(t, fu); !strings.Contains(m.Content, "baseless") {
		t.Errorf("reply follow-up with nothing remembered = %q, want Moscow's denial (baseless)", m.Content)
	}
	if _, ok := firstCall(h.fake.Calls(), func(c fakediscord.Call) bool {
		return c.Is("GET", "channels/"+fakediscord.DefaultChannelID+"/messages/"+q["id"].(string))
	}); !ok {
		t.Error("the question was not read back from Discord")
	}
}

func TestDiscordIgnoresBotsWebhooksAndChatter(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	bot := h.fake.BotID()
	own := h.fake.Message(fakediscord.Actor{GuildID: testGuild, UserID: bot}, "<@"+bot+"> Why was Sputnik raided?")
	other := h.fake.Message(fakediscord.Actor{GuildID: testGuild, UserID: "1100000000000000555"}, "<@"+bot+"> Why was Sputnik raided?")
	other["author"].(map[string]any)["bot"] = true
	hook := h.fake.Message(fakediscord.Actor{GuildID: testGuild}, "<@"+bot+"> Why was Sputnik raided?")
	hook["webhook_id"] = "1500000000000000001"
	chatter := h.fake.Message(fakediscord.Actor{GuildID: testGuild}, "what a day, who wants lunch?")
	for _, m := range []map[string]any{own, other, hook, chatter} {
		h.dispatch("MESSAGE_CREATE", m)
	}
	// A real question after them is answered; none of them is.
	real := h.fake.Message(fakediscord.Actor{GuildID: testGuild}, "<@"+bot+"> Why was Sputnik raided?")
	h.dispatch("MESSAGE_CREATE", real)
	h.wait("answer to the person", func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/"+real["id"].(string)+"/messages")
	})
	for _, c := range h.fake.Calls() {
		for _, ignored := range []map[string]any{own, other, hook, chatter} {
			id := ignored["id"].(string)
			if strings.Contains(c.Path, id) || strings.Contains(string(c.Body), id) {
				t.Errorf("the bot acted on an ignored message (%s): %s %s", ignored["content"], c.Method, c.Path)
			}
		}
	}
}

func TestDiscordEveryoneInAQuestionPingsNoOne(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{cfg: DiscordConfig{InlineReplies: true}})
	bot := h.fake.BotID()
	text := "<@" + bot + "> @everyone @here <@&1600000000000000001> <@1100000000000000002> why did Azerbaijan raid Sputnik @everyone?"
	m := h.fake.Message(fakediscord.Actor{GuildID: testGuild}, text)
	h.dispatch("MESSAGE_CREATE", m)
	h.wait("answer", func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/"+fakediscord.DefaultChannelID+"/messages")
	})
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", "@everyone <@&1600000000000000001> why was Sputnik raided?"))
	h.dispatch("INTERACTION_CREATE", in)
	h.wait("edit", editOf(in))
	n := 0
	for _, c := range h.fake.Calls() {
		if sendsContent(c) {
			n++
			checkNoPings(t, c)
		}
	}
	if n < 2 {
		t.Errorf("checked %d sent messages, want at least the two answers", n)
	}
}

func TestDiscordDirectMessagesAndOtherGuildsAreRefused(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{cfg: DiscordConfig{AllowedGuilds: []string{testGuild}}})
	dm := h.fake.Message(fakediscord.Actor{ChannelID: "1200000000000000099"}, "Why was Sputnik raided?")
	h.dispatch("MESSAGE_CREATE", dm)
	c := h.wait("DM refusal", func(c fakediscord.Call) bool { return c.Is("POST", "channels/1200000000000000099/messages") })
	if m := decode(t, c); !strings.Contains(m.Content, "only answer in servers") {
		t.Errorf("DM reply = %q, want a polite refusal", m.Content)
	}
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: "1300000000000000999"}, "ask", fakediscord.Option("question", "Why was Sputnik raided?"))
	h.dispatch("INTERACTION_CREATE", in)
	if m := decode(t, h.wait("guild refusal", callbackOf(in))); m.Flags&64 == 0 || !strings.Contains(m.Content, "not enabled") {
		t.Errorf("ask in another guild = %+v, want an ephemeral refusal", m)
	}
}

func TestDiscordAnswerChannelAnswersQuestionsWithoutMention(t *testing.T) {
	t.Parallel()
	const channel = "1200000000000000042"
	h := newDiscordHarness(t, harnessOptions{cfg: DiscordConfig{AnswerChannels: []string{channel}}})
	if intents := identifyIntents(t, h.fake); intents&(1<<15) == 0 {
		t.Errorf("IDENTIFY intents %b lack message content, which answer channels need", intents)
	}
	chatter := h.fake.Message(fakediscord.Actor{GuildID: testGuild, ChannelID: channel}, "good morning all")
	q := h.fake.Message(fakediscord.Actor{GuildID: testGuild, ChannelID: channel}, "Why did Baku cancel Overchuk's visit?")
	h.dispatch("MESSAGE_CREATE", chatter)
	h.dispatch("MESSAGE_CREATE", q)
	h.wait("answer", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+q["id"].(string)+"/messages") })
	for _, c := range h.fake.Calls() {
		if strings.Contains(c.Path, chatter["id"].(string)) || strings.Contains(string(c.Body), chatter["id"].(string)) {
			t.Errorf("chatter was answered: %s %s", c.Method, c.Path)
		}
	}
}

// gateAsker holds every question until released, so tests can fill the
// bot's slots.
type gateAsker struct {
	next    Asker
	release chan struct{}
	started atomic.Int64
}

func (g *gateAsker) AskWith(ctx context.Context, q string, h []answer.Turn) (answer.Answer, error) {
	g.started.Add(1)
	select {
	case <-g.release:
	case <-ctx.Done():
		return answer.Answer{}, ctx.Err()
	}
	return g.next.AskWith(ctx, q, h)
}

func TestDiscordBurstIsAcknowledgedAndLimited(t *testing.T) {
	t.Parallel()
	const users, each, perUser, inFlight, queued = 10, 5, 3, 4, 8
	gate := &gateAsker{release: make(chan struct{})}
	h := newDiscordHarness(t, harnessOptions{
		limits: Limits{PerUser: perUser, Window: time.Minute, InFlight: inFlight, Queued: queued},
		asker:  func(a Asker) Asker { gate.next = a; return gate },
	})
	var ins []map[string]any
	for i := range users * each {
		user := "11000000000000001" + string(rune('0'+i%users)) + "0"
		in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild, UserID: user}, "ask",
			fakediscord.Option("question", "Why was Sputnik's Baku office raided?"))
		ins = append(ins, in)
		h.dispatch("INTERACTION_CREATE", in)
	}
	// Every interaction is acknowledged while the engine is still stuck.
	calls, err := h.fake.WaitCalls(h.ctx, len(ins), func(c fakediscord.Call) bool { return c.Is("POST", "interactions/") })
	if err != nil {
		t.Fatalf("acknowledged %d of %d interactions: %v", len(calls), len(ins), err)
	}
	deferredByUser := map[string]int{}
	var deferred []map[string]any
	refused := 0
	for _, in := range ins {
		c, _ := h.fake.WaitCall(h.ctx, callbackOf(in))
		m := decode(t, c)
		switch {
		case m.Type == 5:
			user := in["member"].(map[string]any)["user"].(map[string]any)["id"].(string)
			deferredByUser[user]++
			deferred = append(deferred, in)
		case m.Type == 4 && m.Flags&64 != 0 && strings.Contains(m.Content, "try again in"):
			refused++
		default:
			t.Errorf("interaction answered with type %d flags %d %q", m.Type, m.Flags, m.Content)
		}
	}
	if len(deferred) > inFlight+queued || len(deferred) == 0 {
		t.Errorf("%d questions admitted, want 1..%d (in flight + queue)", len(deferred), inFlight+queued)
	}
	for u, n := range deferredByUser {
		if n > perUser {
			t.Errorf("user %s got %d questions admitted, over the limit of %d", u, n, perUser)
		}
	}
	if refused+len(deferred) != len(ins) {
		t.Errorf("%d refused + %d admitted != %d asked", refused, len(deferred), len(ins))
	}
	limited := testutil.ToFloat64(h.bot.opts.Metrics.rateLimited.WithLabelValues("user")) +
		testutil.ToFloat64(h.bot.opts.Metrics.rateLimited.WithLabelValues("busy"))
	if int(limited) != refused {
		t.Errorf("rate-limited metric = %v, want %d", limited, refused)
	}
	if n := gate.started.Load(); n > inFlight {
		t.Errorf("%d answers composed at once, want at most %d", n, inFlight)
	}
	close(gate.release)
	for _, in := range deferred {
		h.wait("answer of an admitted question", editOf(in))
	}
	if got := testutil.ToFloat64(h.bot.opts.Metrics.answers.WithLabelValues("extractive", "grounded")); int(got) != len(deferred) {
		t.Errorf("answers metric = %v, want %d", got, len(deferred))
	}
}

// fakeLLM is an OpenAI-compatible server that fails every request.
func failingLLM(t *testing.T) answer.Chat {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(`{"error":{"message":"upstream exploded","type":"server_error"}}`))
	}))
	t.Cleanup(func() {
		srv.Close()
		if hits.Load() == 0 {
			t.Error("the fake LLM was never called")
		}
	})
	chat, err := answer.NewOpenAIChat(answer.OpenAIChatConfig{BaseURL: srv.URL + "/v1", Model: "fake-model"})
	if err != nil {
		t.Fatal(err)
	}
	return chat
}

func TestDiscordEngineFailureDeliversFallbackAnswer(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{chat: failingLLM(t)})
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", "Why did Baku cancel Overchuk's visit?"))
	h.dispatch("INTERACTION_CREATE", in)
	m := decode(t, h.wait("answer", editOf(in)))
	if !strings.Contains(m.Content, "Overchuk") || !strings.Contains(m.Content, "language model was unavailable") {
		t.Errorf("fallback answer = %q, want the extractive answer and the note", m.Content)
	}
	if got := testutil.ToFloat64(h.bot.opts.Metrics.answers.WithLabelValues("extractive", "fallback")); got != 1 {
		t.Errorf("fallback answers metric = %v, want 1", got)
	}
	if !strings.Contains(h.logs.String(), "language model failed") {
		t.Errorf("the model's failure was not logged:\n%s", h.logs.String())
	}
}

func TestDiscordEditThat404sRightAfterDeferIsRetried(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	h.fake.FailNext("PATCH", "webhooks/", http.StatusNotFound, `{"message":"Unknown Webhook","code":10015}`, 1)
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", "Why did Baku cancel Overchuk's visit?"))
	h.dispatch("INTERACTION_CREATE", in)
	h.wait("failed edit", func(c fakediscord.Call) bool { return c.Is("PATCH", "webhooks/") && c.Status == http.StatusNotFound })
	// The retry waits on the bot's clock: advance it once the bot waits.
	h.advanceWhenWaiting(250 * time.Millisecond)
	h.wait("retried edit", editOf(in))
}

func firstCall(cs []fakediscord.Call, match func(fakediscord.Call) bool) (fakediscord.Call, bool) {
	for _, c := range cs {
		if match(c) {
			return c, true
		}
	}
	return fakediscord.Call{}, false
}

func TestDiscordShutdownCancelsAnswersAfterGrace(t *testing.T) {
	t.Parallel()
	gate := &gateAsker{release: make(chan struct{})}
	h := newDiscordHarness(t, harnessOptions{cfg: DiscordConfig{Grace: 5 * time.Second}, asker: func(a Asker) Asker { gate.next = a; return gate }})
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", "Why did Baku cancel Overchuk's visit?"))
	h.dispatch("INTERACTION_CREATE", in)
	h.wait("defer", callbackOf(in))
	h.until("the answer is in flight", func() bool { return gate.started.Load() == 1 })
	h.stop()
	// Past the grace period the stuck answer is cancelled and the user
	// told, privately, to ask again.
	h.advanceWhenWaiting(5 * time.Second)
	c := h.wait("cancellation note", func(c fakediscord.Call) bool { return c.Is("POST", "webhooks/"+testApp+"/") })
	if m := decode(t, c); m.Flags&64 == 0 || !strings.Contains(m.Content, "ask again") {
		t.Errorf("cancellation note = %+v", m)
	}
	if _, ok := firstCall(h.fake.Calls(), func(c fakediscord.Call) bool { return c.Is("DELETE", "webhooks/") }); !ok {
		t.Error("the public placeholder was not removed before the private note")
	}
}

func TestDiscordReconnectIsCounted(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	h.fake.DropConnection()
	if _, err := h.fake.WaitFrame(h.ctx, func(f fakediscord.Frame) bool { return f.Op == 6 }); err != nil {
		t.Fatalf("discordgo did not resume: %v", err)
	}
	// The fake takes dispatches once it has sent RESUMED.
	if _, err := h.fake.WaitFrame(h.ctx, func(f fakediscord.Frame) bool { return !f.FromClient && f.Type == "RESUMED" }); err != nil {
		t.Fatalf("the fake never resumed the session: %v", err)
	}
	// discordgo v0.28.1 can run a second reconnect after a drop (its
	// heartbeat goroutine racing its reader), which closes the resumed
	// connection with 1000 and so ends the session, as Discord does: a
	// command sent before that is lost. /about is sent again, at most
	// twice, only when the client has started another session after it.
	var call fakediscord.Call
	for attempt := 1; ; attempt++ {
		conn := 0
		for _, f := range h.fake.Frames() {
			conn = max(conn, f.Conn)
		}
		in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "about")
		h.dispatch("INTERACTION_CREATE", in)
		var again bool
		call, again = h.answeredOrReconnected(callbackOf(in), conn)
		if !again {
			break
		}
		if attempt == 3 {
			t.Fatalf("the client kept reconnecting:\nlogs:\n%s", h.logs.String())
		}
	}
	if m := decode(t, call); !strings.Contains(m.Content, "5 articles") {
		t.Errorf("/about after reconnect = %q", m.Content)
	}
	// RESUMED is handled on its own goroutine, maybe after /about.
	h.until("the reconnect is counted", func() bool { return testutil.ToFloat64(h.bot.opts.Metrics.reconnects) >= 1 })
}

func TestDiscordExpiredAndAlreadyAcknowledgedInteractions(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	// Too late to acknowledge: nothing more is sent for it.
	h.fake.FailNext("POST", "interactions/", http.StatusNotFound, `{"message":"Unknown interaction","code":10062}`, 1)
	late := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", "Why did Baku cancel Overchuk's visit?"))
	h.dispatch("INTERACTION_CREATE", late)
	h.wait("failed defer", func(c fakediscord.Call) bool { return callbackOf(late)(c) && c.Status == http.StatusNotFound })
	// Answered elsewhere already: logged, and the bot carries on.
	h.fake.FailNext("POST", "interactions/", http.StatusBadRequest, `{"message":"Interaction has already been acknowledged.","code":40060}`, 1)
	acked := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "about")
	h.dispatch("INTERACTION_CREATE", acked)
	h.wait("failed reply", func(c fakediscord.Call) bool { return callbackOf(acked)(c) && c.Status == http.StatusBadRequest })

	next := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", "Why was Sputnik's Baku office raided?"))
	h.dispatch("INTERACTION_CREATE", next)
	h.wait("next answer", editOf(next))
	for _, c := range h.fake.Calls() {
		if c.Is("", "webhooks/"+testApp+"/"+late["token"].(string)) {
			t.Errorf("the bot went on with an expired interaction: %s %s", c.Method, c.Path)
		}
	}
	// The bot logs each failure after the fake has answered it, so the
	// test waits for the lines rather than reading the log once.
	h.until("the two failures logged as such", func() bool {
		logs := h.logs.String()
		return strings.Contains(logs, "expired before it was acknowledged") && strings.Contains(logs, "already answered")
	})
}

func TestDiscordAutocompleteSuggestsValues(t *testing.T) {
	t.Parallel()
	topics := []string{"Sputnik raid", "Sputnik staff", "airliner downing", "Overchuk visit"}
	find := Command{Name: "find", Description: "test command with autocomplete",
		Options: []Option{{Name: "topic", Description: "a topic", Type: String, Required: true,
			Complete: func(_ context.Context, prefix string) []string {
				var out []string
				for _, tp := range topics {
					if strings.HasPrefix(strings.ToLower(tp), strings.ToLower(prefix)) {
						out = append(out, tp)
					}
				}
				return out
			}}},
		Run: func(_ context.Context, req Request) (Reply, error) { return Reply{Text: req.Option("topic")}, nil }}
	h := newDiscordHarness(t, harnessOptions{extra: []Command{find}})
	ac := h.fake.Autocomplete(fakediscord.Actor{GuildID: testGuild}, "find", fakediscord.Focused("topic", "sput"))
	h.dispatch("INTERACTION_CREATE", ac)
	c := h.wait("choices", callbackOf(ac))
	var cb struct {
		Type int `json:"type"`
		Data struct {
			Choices []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"choices"`
		} `json:"data"`
	}
	if err := c.JSON(&cb); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range cb.Data.Choices {
		got = append(got, ch.Value)
	}
	if cb.Type != 8 || strings.Join(got, "|") != "Sputnik raid|Sputnik staff" {
		t.Errorf("autocomplete = type %d %v, want type 8 with the two Sputnik topics", cb.Type, got)
	}
}

func TestDiscordQuietWhereItWasNotAsked(t *testing.T) {
	t.Parallel()
	const channel = "1200000000000000042"
	h := newDiscordHarness(t, harnessOptions{
		cfg:    DiscordConfig{AnswerChannels: []string{channel}},
		limits: Limits{PerUser: 1, Window: time.Minute},
	})
	bot := h.fake.BotID()
	// A thread of the bot's, with a first answer.
	q := h.fake.Message(fakediscord.Actor{GuildID: testGuild}, "<@"+bot+"> Why was Sputnik's Baku office raided?")
	h.dispatch("MESSAGE_CREATE", q)
	thread := q["id"].(string)
	h.wait("first answer", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+thread+"/messages") })

	quiet := []map[string]any{
		// thanks in the thread is not a question
		h.fake.Message(fakediscord.Actor{GuildID: testGuild, ChannelID: thread}, "thanks, that's all"),
		// what Discord sends without the Message Content intent
		h.fake.Message(fakediscord.Actor{GuildID: testGuild, ChannelID: thread}, ""),
		// an off-topic question in an answer channel gets no "not covered"
		h.fake.Message(fakediscord.Actor{GuildID: testGuild, ChannelID: channel, UserID: "1100000000000000031"}, "What is the capital of France?"),
	}
	for _, m := range quiet {
		h.dispatch("MESSAGE_CREATE", m)
	}
	// One user over the limit, asking five times by mention: one note.
	var limited []map[string]any
	for range 5 {
		m := h.fake.Message(fakediscord.Actor{GuildID: testGuild, UserID: "1100000000000000032"}, "<@"+bot+"> Who is Overchuk?")
		limited = append(limited, m)
		h.dispatch("MESSAGE_CREATE", m)
	}
	notes, err := h.fake.WaitCalls(h.ctx, 1, func(c fakediscord.Call) bool {
		return c.Is("POST", "channels/"+fakediscord.DefaultChannelID+"/messages") && strings.Contains(string(c.Body), "try again")
	})
	if err != nil {
		t.Fatalf("no rate-limit note: %v", err)
	}
	// A question from someone else, answered after all of the above were
	// handed to the bot, marks the point to check from.
	last := h.fake.Message(fakediscord.Actor{GuildID: testGuild, UserID: "1100000000000000033"}, "<@"+bot+"> Who is Overchuk?")
	h.dispatch("MESSAGE_CREATE", last)
	h.wait("the last answer", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+last["id"].(string)+"/messages") })
	h.until("every message handled", func() bool { return h.d.messages.Load() == int64(2+len(quiet)+len(limited)) })
	for _, c := range h.fake.Calls() {
		for _, m := range quiet {
			id := m["id"].(string)
			if strings.Contains(c.Path, id) || strings.Contains(string(c.Body), id) {
				t.Errorf("the bot answered %q: %s %s", m["content"], c.Method, c.Path)
			}
		}
	}
	n := 0
	for _, c := range h.fake.Calls() {
		if c.Is("POST", "channels/") && strings.Contains(string(c.Body), "try again") {
			n++
		}
	}
	if n != 1 || len(notes) != 1 {
		t.Errorf("%d rate-limit notes for one user's 4 refused questions, want 1", n)
	}
}

func TestDiscordWrongTokenSaysWhatToCheck(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New(fakediscord.Options{AppID: testApp, Token: "the-right-token"})
	defer fake.Close()
	b := bundledBot(t, newFakeClock())
	d, err := NewDiscord(b, DiscordConfig{Token: "a-wrong-token", APIURL: fake.APIURL()})
	if err != nil {
		t.Fatal(err)
	}
	err = d.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("Run with a wrong token = %v, want an error saying to check DISCORD_TOKEN", err)
	}
}

func TestDiscordStopsWhileTheGatewayNeverAnswers(t *testing.T) {
	t.Parallel()
	// A gateway that accepts the websocket and never says hello.
	up := websocket.Upgrader{}
	hold := make(chan struct{})
	defer close(hold)
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/gateway") || strings.HasSuffix(r.URL.Path, "/gateway/bot") {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"url":"ws%s/ws"}`, strings.TrimPrefix(srv.URL, "http"))
			return
		}
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		<-hold
	}))
	defer srv.Close()
	b := bundledBot(t, newFakeClock())
	d, err := NewDiscord(b, DiscordConfig{Token: "t", APIURL: srv.URL + "/api/v9/"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	cancel() // SIGINT while connecting
	if err := <-done; err != nil {
		t.Errorf("Run = %v after cancel while connecting, want nil", err)
	}
}

func TestRedactHidesInteractionTokens(t *testing.T) {
	err := errors.New(`Post "https://discord.com/api/v9/webhooks/1/aW50ZXJhY3Rpb24/messages/@original": EOF`)
	if got := redact(err, "aW50ZXJhY3Rpb24"); strings.Contains(got, "aW50ZXJhY3Rpb24") || !strings.Contains(got, "[token]") {
		t.Errorf("redact = %q", got)
	}
}

func TestDiscordTimelinePagesForTheRequesterOnly(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{timeline: true})
	reg := h.wait("registration", func(c fakediscord.Call) bool { return c.Is("PUT", "applications/") })
	if !strings.Contains(string(reg.Body), `"name":"timeline"`) || !strings.Contains(string(reg.Body), `"autocomplete":true`) {
		t.Errorf("/timeline not registered with an autocompleted option: %s", reg.Body)
	}
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "timeline")
	h.dispatch("INTERACTION_CREATE", in)
	first := decode(t, h.wait("first page", callbackOf(in)))
	if first.Type != 4 || len(first.Embeds) != 1 || !strings.Contains(first.Embeds[0].Description, "December 2024") ||
		first.Embeds[0].Footer == nil || !strings.Contains(first.Embeds[0].Footer.Text, "Page 1 of") {
		t.Fatalf("first page = %+v, want an embed with the events and the page in its footer", first)
	}
	if !strings.Contains(first.Embeds[0].Description, "sources differ: December 2023") {
		t.Errorf("the airliner's conflicting dates are not shown:\n%s", first.Embeds[0].Description)
	}
	next := first.buttons()["next"]
	if next == "" {
		t.Fatalf("no Next button: %+v", first.Components)
	}
	msg := map[string]any{"id": h.fake.NewID(), "channel_id": fakediscord.DefaultChannelID, "content": "", "type": 20}
	// Someone else cannot turn the requester's pages.
	other := h.fake.ButtonClick(fakediscord.Actor{GuildID: testGuild, UserID: "1100000000000000099"}, msg, next)
	h.dispatch("INTERACTION_CREATE", other)
	if r := decode(t, h.wait("refusal", callbackOf(other))); r.Type != 4 || r.Flags&64 == 0 || !strings.Contains(r.Content, "Only the person who asked") {
		t.Errorf("another user's click = %+v, want a private refusal", r)
	}
	own := h.fake.ButtonClick(fakediscord.Actor{GuildID: testGuild}, msg, next)
	h.dispatch("INTERACTION_CREATE", own)
	page2 := decode(t, h.wait("second page", callbackOf(own)))
	if page2.Type != 7 || len(page2.Embeds) != 1 || !strings.Contains(page2.Embeds[0].Footer.Text, "Page 2 of") {
		t.Errorf("Next = %+v, want the message updated (type 7) to page 2", page2)
	}
	if page2.Embeds[0].Description == first.Embeds[0].Description {
		t.Error("page 2 shows the same events as page 1")
	}

	// The topic option is autocompleted from the events' topics.
	ac := h.fake.Autocomplete(fakediscord.Actor{GuildID: testGuild}, "timeline", fakediscord.Focused("about", "sput"))
	h.dispatch("INTERACTION_CREATE", ac)
	if c := h.wait("topics", callbackOf(ac)); !strings.Contains(string(c.Body), `"Sputnik"`) {
		t.Errorf("autocomplete for 'sput' = %s, want Sputnik", c.Body)
	}
	// A bad date is explained privately.
	bad := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "timeline", fakediscord.Option("from", "yesterday-ish"))
	h.dispatch("INTERACTION_CREATE", bad)
	if r := decode(t, h.wait("bad date", callbackOf(bad))); r.Flags&64 == 0 || !strings.Contains(r.Content, "yesterday-ish") {
		t.Errorf("bad date = %+v, want a private note naming it", r)
	}
}

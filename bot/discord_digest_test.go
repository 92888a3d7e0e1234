package bot

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/digest"
	"github.com/crisisbot/crisisbot/internal/fakediscord"
)

const (
	newsChannel  = "1200000000000000077"
	manageServer = 1 << 5
)

// discordPoster posts through a Discord transport made after the
// scheduler, as serve wires it.
type discordPoster struct{ d *Discord }

func (p *discordPoster) PostDigest(ctx context.Context, channelID string, dg digest.Digest, key string) error {
	return p.d.PostDigest(ctx, channelID, dg, key)
}

func (p *discordPoster) FindDigest(ctx context.Context, channelID, key string) (bool, error) {
	return p.d.FindDigest(ctx, channelID, key)
}

// newDigestHarness is newDiscordHarness for a bot with /digest over a real
// Scheduler (newDigestBot) rather than the answering engine, with
// newsChannel stored in the fake's guild. The scheduler can Run and posts
// through the harness's transport.
func newDigestHarness(t *testing.T, o digestBotOptions) (*discordHarness, digestBot) {
	t.Helper()
	ctx, cancelTest := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancelTest)
	fake := fakediscord.New(fakediscord.Options{AppID: testApp, Token: "test-token",
		Guilds: []map[string]any{{"id": testGuild, "name": "Test",
			"channels": []any{map[string]any{"id": newsChannel, "name": "news", "type": 0}}}}})
	t.Cleanup(fake.Close)
	poster := &discordPoster{}
	o.poster = poster
	db := newDigestBot(t, o)
	d, err := NewDiscord(db.bot, DiscordConfig{Token: "test-token", APIURL: fake.APIURL(), GuildID: testGuild})
	if err != nil {
		t.Fatal(err)
	}
	poster.d = d
	h := &discordHarness{t: t, ctx: ctx, fake: fake, bot: db.bot, d: d, clock: db.clock, logs: db.logs}
	h.start()
	return h, db
}

// channelOption is a CHANNEL option (type 7), as Discord sends it.
func channelOption(id string) fakediscord.CommandOption {
	return fakediscord.CommandOption{Name: "channel", Type: 7, Value: id}
}

// wireOption is an application command option as registered.
type wireOption struct {
	Name         string       `json:"name"`
	Type         int          `json:"type"`
	Required     bool         `json:"required"`
	Autocomplete bool         `json:"autocomplete"`
	ChannelTypes []int        `json:"channel_types"`
	MaxLength    int          `json:"max_length"`
	Options      []wireOption `json:"options"`
}

func TestDiscordRegistersDigestSubcommands(t *testing.T) {
	t.Parallel()
	h, _ := newDigestHarness(t, digestBotOptions{})
	c := h.wait("registration", func(c fakediscord.Call) bool { return c.Is("PUT", "applications/") })
	var cmds []struct {
		Name                     string       `json:"name"`
		DefaultMemberPermissions *string      `json:"default_member_permissions"`
		Options                  []wireOption `json:"options"`
	}
	if err := c.JSON(&cmds); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, cmd := range cmds {
		names = append(names, cmd.Name)
		if cmd.Name != "digest" {
			continue
		}
		// now and list are for everyone: Manage Server is checked on use.
		if cmd.DefaultMemberPermissions != nil {
			t.Errorf("/digest registered with default_member_permissions %s, want none", *cmd.DefaultMemberPermissions)
		}
		channel := wireOption{Name: "channel", Type: 7, ChannelTypes: []int{0, 5}}
		want := []wireOption{
			{Name: "subscribe", Type: 1, Options: []wireOption{
				channel,
				{Name: "time", Type: 3, MaxLength: 5},
				{Name: "timezone", Type: 3, MaxLength: 64, Autocomplete: true},
			}},
			{Name: "unsubscribe", Type: 1, Options: []wireOption{channel}},
			{Name: "now", Type: 1, Options: []wireOption{channel}},
			{Name: "list", Type: 1},
		}
		if diff := cmp.Diff(want, cmd.Options); diff != "" {
			t.Errorf("/digest options (-want +got):\n%s", diff)
		}
	}
	if diff := cmp.Diff([]string{"about", "ask", "digest", "sources"}, names); diff != "" {
		t.Errorf("registered commands (-want +got):\n%s", diff)
	}
	// The fake keeps what Discord would: the subcommands are accepted.
	if got := h.fake.Commands(testGuild); len(got) != len(cmds) {
		t.Errorf("the fake stored %d commands of %d", len(got), len(cmds))
	}
}

func TestDiscordDigestSubscribe(t *testing.T) {
	t.Parallel()
	h, db := newDigestHarness(t, digestBotOptions{})
	sub := func(perms int64, opts ...fakediscord.CommandOption) wireMessage {
		t.Helper()
		in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild, Permissions: perms}, "digest",
			fakediscord.SubCommand("subscribe", opts...))
		h.dispatch("INTERACTION_CREATE", in)
		return decode(t, h.wait("reply", callbackOf(in)))
	}
	opts := []fakediscord.CommandOption{channelOption(newsChannel), fakediscord.Option("time", "18:30"), fakediscord.Option("timezone", "Asia/Baku")}

	m := sub(0, opts...)
	if m.Type != 4 || m.Flags&64 == 0 || m.Content != "/digest subscribe needs the Manage Server permission." {
		t.Errorf("subscribe by a plain member = %+v, want an ephemeral refusal naming Manage Server", m)
	}
	if got := db.sched.Subscriptions(); len(got) != 0 {
		t.Errorf("a refused subscribe stored %+v", got)
	}

	m = sub(manageServer, channelOption(newsChannel), fakediscord.Option("time", "25:00"))
	if m.Type != 4 || m.Flags&64 == 0 || !strings.Contains(m.Content, `"25:00"`) {
		t.Errorf("subscribe at 25:00 = %+v, want an ephemeral note naming the time", m)
	}

	m = sub(manageServer, opts...)
	want := "Subscribed <#" + newsChannel + ">: the digest of what's new posts there every day at 18:30 (Asia/Baku). The next one: Tue 1 Jul 2025, 18:30 +04."
	if m.Type != 4 || m.Flags&64 == 0 || m.Content != want {
		t.Errorf("subscribe by a manager = type %d flags %d %q, want an ephemeral %q", m.Type, m.Flags, m.Content, want)
	}
	stored := []digest.Subscription{{ChannelID: newsChannel, GuildID: testGuild, Time: "18:30", Zone: "Asia/Baku",
		CreatedAt: h.clock.Now(), CreatedBy: fakediscord.DefaultUserID}}
	if diff := cmp.Diff(stored, db.sched.Subscriptions()); diff != "" {
		t.Errorf("stored (-want +got):\n%s", diff)
	}

	// Administrators may too; without a channel it is the one asked in.
	m = sub(1<<3, fakediscord.Option("time", "07:00"))
	if !strings.HasPrefix(m.Content, "Subscribed <#"+fakediscord.DefaultChannelID+">") {
		t.Errorf("subscribe by an administrator without a channel = %q", m.Content)
	}

	// The time zone is autocompleted inside the subcommand.
	ac := h.fake.Autocomplete(fakediscord.Actor{GuildID: testGuild}, "digest",
		fakediscord.SubCommand("subscribe", fakediscord.Focused("timezone", "asia/ba")))
	h.dispatch("INTERACTION_CREATE", ac)
	var cb struct {
		Type int `json:"type"`
		Data struct {
			Choices []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"choices"`
		} `json:"data"`
	}
	if err := h.wait("choices", callbackOf(ac)).JSON(&cb); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ch := range cb.Data.Choices {
		found = found || ch.Value == "Asia/Baku" && ch.Name == "Asia/Baku"
	}
	if cb.Type != 8 || !found || len(cb.Data.Choices) > 25 {
		t.Errorf("timezone autocomplete = type %d %+v, want type 8 with Asia/Baku among at most 25", cb.Type, cb.Data.Choices)
	}
}

func TestDiscordDigestNowIsPrivate(t *testing.T) {
	t.Parallel()
	h, _ := newDigestHarness(t, digestBotOptions{})
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "digest", fakediscord.SubCommand("now", channelOption(newsChannel)))
	h.dispatch("INTERACTION_CREATE", in)
	deferral := decode(t, h.wait("defer", callbackOf(in)))
	if deferral.Type != 5 {
		t.Fatalf("/digest now answered with type %d, want a deferral (type 5)", deferral.Type)
	}
	if deferral.Flags&64 == 0 {
		t.Fatalf("/digest now deferred in public (flags %d): a placeholder would show in the channel", deferral.Flags)
	}
	preview := h.wait("preview", editOf(in))
	checkNoPings(t, preview)
	m := decode(t, preview)
	if preview.Is("POST", "webhooks/") && m.Flags&64 == 0 {
		t.Errorf("the preview follow-up is public (flags %d)", m.Flags)
	}
	if !strings.Contains(m.Content, "**New articles**") || !strings.Contains(m.Content, `\@everyone`) {
		t.Errorf("preview content = %q, want the digest with the @ escaped", m.Content)
	}
	if len(m.Embeds) != 1 || m.Embeds[0].Title != "Preview: 📰 Digest — 1 July 2025" ||
		!strings.Contains(m.Embeds[0].Description, "(https://example.org/raid)") {
		t.Errorf("preview embeds = %+v, want the sources under the preview's title", m.Embeds)
	}
	for _, c := range h.fake.Calls() {
		if c.Is("POST", "channels/") {
			t.Errorf("/digest now posted in the channel: %s %s", c.Method, c.Path)
		}
	}
}

// longDigest is a digest of n new articles with long titles, summaries
// and URLs: its text and sources each exceed what one message may hold.
func longDigest(n int) digest.Digest {
	c := &digestComposer{}
	for i := range n {
		c.articles = append(c.articles, digest.Article{
			DocID:     fmt.Sprintf("doc%d", i),
			Title:     fmt.Sprintf("Article %d: ", i+1) + strings.Repeat("Azerbaijan and Russia trade accusations over Yekaterinburg ", 3),
			Outlet:    "OC Media",
			Published: "2025-07-01",
			URL:       fmt.Sprintf("https://example.org/2025/07/01/azerbaijan-russia-crisis-safarov-brothers-article-%d", i+1),
			Summary:   strings.Repeat("Huseyn and Ziyaddin Safarov died in Russian police custody after a raid. ", 3),
			Cite:      i + 1,
		})
	}
	until := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	d, _ := c.Build(context.Background(), until.Add(-24*time.Hour), until)
	return d
}

// postedDigest posts dg through h with key and returns the one message
// call it made.
func postedDigest(t *testing.T, h *discordHarness, dg digest.Digest, key string) fakediscord.Call {
	t.Helper()
	before := len(h.fake.Calls())
	if err := h.d.PostDigest(h.ctx, newsChannel, dg, key); err != nil {
		t.Fatalf("PostDigest: %v\ncalls: %s", err, callList(h.fake.Calls()[before:]))
	}
	calls := h.fake.Calls()[before:]
	if len(calls) != 1 || !calls[0].Is("POST", "channels/"+newsChannel+"/messages") || calls[0].Status != http.StatusOK {
		t.Fatalf("PostDigest made calls %s, want one POST channels/%s/messages", callList(calls), newsChannel)
	}
	return calls[0]
}

func TestDiscordPostDigest(t *testing.T) {
	t.Parallel()
	h, db := newDigestHarness(t, digestBotOptions{})
	if err := db.sched.Subscribe(digest.Subscription{ChannelID: newsChannel, GuildID: testGuild, Time: "09:00", Zone: "Asia/Baku"}); err != nil {
		t.Fatal(err)
	}
	baku, _ := time.LoadLocation("Asia/Baku")
	short, _ := db.composer.Build(context.Background(), h.clock.Now().Add(-24*time.Hour), h.clock.Now())
	tests := []struct {
		name string
		d    digest.Digest
		key  string
		// wantCut is a digest too long for one message.
		wantCut bool
	}{
		{"two articles, one with @everyone in its title", short, "2025-07-01", false},
		{"five long articles", longDigest(5), "2025-07-02", false},
		{"sixty long articles", longDigest(60), "2025-07-03", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := postedDigest(t, h, tt.d, tt.key)
			checkNoPings(t, c)
			m := decode(t, c)
			if m.Content != "" || len(m.Embeds) != 2 {
				t.Fatalf("posted content %q and %d embeds, want no content and two embeds (text, sources)", m.Content, len(m.Embeds))
			}
			text, sources := m.Embeds[0], m.Embeds[1]
			total := 0
			for _, e := range m.Embeds {
				total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
				if e.Footer != nil {
					total += utf8.RuneCountInString(e.Footer.Text)
				}
			}
			if total > maxEmbedTotal {
				t.Errorf("embeds hold %d characters, over Discord's %d", total, maxEmbedTotal)
			}
			if text.Title != "📰 Digest — 1 July 2025" {
				t.Errorf("title %q, want the day in the channel's zone", text.Title)
			}
			if md := tt.d.Markdown(baku); !tt.wantCut && text.Description != md {
				t.Errorf("text embed = %q, want the whole digest %q", text.Description, md)
			}
			if tt.wantCut {
				// Whole items are left out, and counted, never a line cut.
				shown := strings.Count(text.Description, "\n• ")
				more := fmt.Sprintf("…and %d more articles.", len(tt.d.Articles)-shown)
				if strings.HasSuffix(text.Description, "\n…") || !strings.HasSuffix(text.Description, more) || shown == 0 {
					t.Errorf("a digest too long for the message shows %d articles and does not end %q:\n%s", shown, more, text.Description)
				}
				// Room is shared: neither embed is starved, and only the
				// articles shown are listed as sources.
				if n := utf8.RuneCountInString(text.Description); n < 1000 {
					t.Errorf("the text embed keeps %d characters of the digest", n)
				}
				if n := strings.Count(sources.Description, "**["); n != shown {
					t.Errorf("sources embed lists %d sources for %d articles shown", n, shown)
				}
			}
			if !strings.Contains(sources.Description, tt.d.Citations[0].URL) {
				t.Errorf("sources embed lacks the first citation's URL:\n%s", sources.Description)
			}
			if sources.Footer == nil || !strings.HasPrefix(sources.Footer.Text, "crisisbot digest "+tt.key+" ·") {
				t.Errorf("footer = %+v, want it to start with %q", sources.Footer, "crisisbot digest "+tt.key+" ·")
			}
			if unescapedAt.MatchString(text.Description) {
				t.Errorf("the digest text has an unescaped @:\n%s", text.Description)
			}
		})
	}
	// Every citation's URL is in the short digest's sources.
	m := decode(t, h.wait("first post", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+newsChannel+"/messages") }))
	for _, c := range short.Citations {
		if !strings.Contains(m.Embeds[1].Description, "("+c.URL+")") {
			t.Errorf("sources lack a link to %s:\n%s", c.URL, m.Embeds[1].Description)
		}
	}
}

// unescapedAt finds an '@' that Discord could read as a mention.
var unescapedAt = regexp.MustCompile(`(^|[^\\])@`)

func TestDigestMessageWithoutSources(t *testing.T) {
	d := digest.Digest{Since: time.Date(2025, 6, 30, 9, 0, 0, 0, time.UTC), Until: time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)}
	m := digestMessage(DigestReply(d, time.UTC, "2025-07-01", ""))
	if len(m.Embeds) != 1 {
		t.Fatalf("%d embeds for a digest with no citations, want one", len(m.Embeds))
	}
	e := m.Embeds[0]
	if e.Description != "Nothing new since 30 June 2025." || e.Footer == nil || e.Footer.Text != "crisisbot digest 2025-07-01 · extractive" {
		t.Errorf("empty digest = %q with footer %+v", e.Description, e.Footer)
	}
}

func TestDigestMessageFitsWhateverTheSources(t *testing.T) {
	// However much room the sources take, the message keeps within
	// Discord's limits, and the digest's text is not crowded out.
	for n := 1; n <= 150; n++ {
		d := longDigest(n)
		m := digestMessage(DigestReply(d, time.UTC, "2025-07-01", ""))
		checkDiscordLimits(t, []discordMessage{m})
		if len(m.Embeds) != 2 || !strings.Contains(m.Embeds[1].Description, "**[1]**") {
			t.Fatalf("%d articles: message = %+v, want the text and the sources", n, m.Embeds)
		}
		full := utf8.RuneCountInString(d.Markdown(time.UTC))
		if kept := utf8.RuneCountInString(m.Embeds[0].Description); kept < min(full, 2500) {
			t.Errorf("%d articles: the text embed keeps %d of the digest's %d characters", n, kept, full)
		}
	}
}

func TestDiscordFindDigest(t *testing.T) {
	t.Parallel()
	h, db := newDigestHarness(t, digestBotOptions{})
	d, _ := db.composer.Build(context.Background(), h.clock.Now().Add(-24*time.Hour), h.clock.Now())
	postedDigest(t, h, d, "2025-07-01")
	// Another user's message with the same footer is not the bot's post.
	const other = "1200000000000000088"
	h.fake.AddChannel(map[string]any{"id": other, "guild_id": testGuild, "type": 0})
	h.fake.AddMessage(map[string]any{"id": h.fake.NewID(), "channel_id": other, "content": "", "type": 0,
		"author": map[string]any{"id": "1100000000000000555", "username": "impostor"},
		"embeds": []any{map[string]any{"title": "📰 Digest", "footer": map[string]any{"text": "crisisbot digest 2025-07-01 · extractive"}}}})
	// Chatter after the post does not hide it.
	for i := range 5 {
		h.fake.AddMessage(map[string]any{"id": h.fake.NewID(), "channel_id": newsChannel, "content": fmt.Sprint("chatter ", i), "type": 0,
			"author": map[string]any{"id": fakediscord.DefaultUserID, "username": fakediscord.DefaultUsername}})
	}

	tests := []struct {
		channel, key string
		want         bool
	}{
		{newsChannel, "2025-07-01", true},
		{newsChannel, "2025-07-02", false},
		{newsChannel, "2025-07-0", false},
		{other, "2025-07-01", false},
	}
	for _, tt := range tests {
		got, err := h.d.FindDigest(h.ctx, tt.channel, tt.key)
		if err != nil || got != tt.want {
			t.Errorf("FindDigest(%s, %s) = %v, %v; want %v", tt.channel, tt.key, got, err, tt.want)
		}
	}

	// A failure to read the channel is an error, never "not posted".
	h.fake.FailNext("GET", "channels/"+newsChannel+"/messages", http.StatusInternalServerError, "", 1)
	if got, err := h.d.FindDigest(h.ctx, newsChannel, "2025-07-01"); err == nil {
		t.Errorf("FindDigest while Discord fails = %v, nil; want an error", got)
	}
	if got, err := h.d.FindDigest(h.ctx, newsChannel, "2025-07-01"); !got || err != nil {
		t.Errorf("FindDigest after the failure = %v, %v; want true", got, err)
	}
	// Unknown channel (deleted, or no access): an error too.
	if _, err := h.d.FindDigest(h.ctx, "1200000000000000999", "2025-07-01"); err == nil {
		t.Error("FindDigest in an unknown channel returned no error")
	}
	// A transport that has not connected does not know its own posts.
	idle, err := NewDiscord(db.bot, DiscordConfig{Token: "test-token", APIURL: h.fake.APIURL()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := idle.FindDigest(h.ctx, newsChannel, "2025-07-01"); err == nil || !strings.Contains(err.Error(), "not connected") {
		t.Errorf("FindDigest before connecting = %v, want an error saying so", err)
	}
}

func TestDiscordPostDigestFailureIsAnError(t *testing.T) {
	t.Parallel()
	h, db := newDigestHarness(t, digestBotOptions{})
	d, _ := db.composer.Build(context.Background(), h.clock.Now().Add(-24*time.Hour), h.clock.Now())
	h.fake.FailNext("POST", "channels/"+newsChannel+"/messages", http.StatusInternalServerError, "", 1)
	if err := h.d.PostDigest(h.ctx, newsChannel, d, "2025-07-01"); err == nil || !strings.Contains(err.Error(), newsChannel) {
		t.Errorf("PostDigest while Discord fails = %v, want an error naming the channel", err)
	}
	if found, err := h.d.FindDigest(h.ctx, newsChannel, "2025-07-01"); found || err != nil {
		t.Errorf("FindDigest after a failed post = %v, %v; want false", found, err)
	}
}

// TestDiscordDigestEndToEnd subscribes a channel with /digest subscribe
// and runs the scheduler over the fake Discord: at the scheduled time the
// channel receives exactly one digest, with citations and no pings.
func TestDiscordDigestEndToEnd(t *testing.T) {
	t.Parallel()
	h, db := newDigestHarness(t, digestBotOptions{})
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild, Permissions: manageServer}, "digest",
		fakediscord.SubCommand("subscribe", channelOption(newsChannel), fakediscord.Option("time", "12:30"), fakediscord.Option("timezone", "UTC")))
	h.dispatch("INTERACTION_CREATE", in)
	if m := decode(t, h.wait("subscribed", callbackOf(in))); !strings.HasPrefix(m.Content, "Subscribed") {
		t.Fatalf("subscribe = %q", m.Content)
	}
	ctx, stop := context.WithCancel(h.ctx)
	done := make(chan error, 1)
	go func() { done <- db.sched.Run(ctx) }()
	defer func() {
		stop()
		<-done
	}()

	// 12:00: the digest is due in half an hour.
	h.advanceWhenWaiting(30 * time.Minute)
	post := h.wait("the digest", func(c fakediscord.Call) bool { return c.Is("POST", "channels/"+newsChannel+"/messages") })
	checkNoPings(t, post)
	m := decode(t, post)
	if len(m.Embeds) != 2 || !strings.Contains(m.Embeds[0].Description, "[1]") || !strings.Contains(m.Embeds[1].Description, "(https://example.org/raid)") {
		t.Errorf("posted digest = %+v, want the text citing [1] and the sources linking it", m.Embeds)
	}
	if f := m.Embeds[1].Footer; f == nil || !strings.HasPrefix(f.Text, "crisisbot digest 2025-07-01 ·") {
		t.Errorf("footer = %+v, want the day's key", f)
	}
	// The scheduler waits for tomorrow (an hour at a time) and posts
	// nothing more today.
	h.advanceWhenWaiting(time.Hour)
	h.advanceWhenWaiting(time.Hour)
	waitUntilWaiting(h, time.Hour) // done with the last hour
	n := 0
	for _, c := range h.fake.Calls() {
		if c.Is("POST", "channels/") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d posts, want exactly one digest:%s", n, callList(h.fake.Calls()))
	}
	if found, err := h.d.FindDigest(h.ctx, newsChannel, "2025-07-01"); !found || err != nil {
		t.Errorf("FindDigest of the posted digest = %v, %v", found, err)
	}
	if !strings.Contains(h.logs.String(), `msg="digest: posted" channel=`+newsChannel+" day=2025-07-01") {
		t.Errorf("the post was not logged:\n%s", h.logs.String())
	}
}

// waitUntilWaiting waits until the code under test asks h's clock for a
// wait of d: what it did before is done.
func waitUntilWaiting(h *discordHarness, d time.Duration) {
	h.t.Helper()
	for {
		select {
		case got := <-h.clock.Afters():
			if got == d {
				return
			}
		case <-h.ctx.Done():
			h.t.Fatalf("nothing waited %v: %v", d, h.ctx.Err())
		}
	}
}

// TestDigestMessageListsEveryCitedSource checks, for digests of every
// size, that the one message a digest is posted as lists every source its
// text cites: a digest whose text nearly fills the message must not lose
// its last sources to the cut.
func TestDigestMessageListsEveryCitedSource(t *testing.T) {
	cited := regexp.MustCompile(`\[(\d+)\]`)
	for _, n := range []int{1, 5, 12, 25, 40, 60} {
		for _, shortSummaries := range []bool{false, true} {
			d := longDigest(n)
			if shortSummaries {
				for i := range d.Articles {
					d.Articles[i].Summary = "Short."
					d.Citations[i].URL += strings.Repeat("/very-long-path-segment", 6)
				}
			}
			m := digestMessage(DigestReply(d, time.UTC, "2025-07-01", ""))
			checkDiscordLimits(t, []discordMessage{m})
			if len(m.Embeds) != 2 {
				t.Fatalf("%d articles: %d embeds, want the text and its sources", n, len(m.Embeds))
			}
			for _, c := range cited.FindAllStringSubmatch(m.Embeds[0].Description, -1) {
				if !strings.Contains(m.Embeds[1].Description, "**["+c[1]+"]**") {
					t.Errorf("%d articles (short summaries %v): the text cites [%s], which the sources embed does not list", n, shortSummaries, c[1])
				}
			}
			if strings.Contains(m.Embeds[1].Description, "more") {
				t.Errorf("%d articles (short summaries %v): sources cut: %q", n, shortSummaries, m.Embeds[1].Description[max(0, len(m.Embeds[1].Description)-80):])
			}
		}
	}
}

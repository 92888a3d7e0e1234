package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "time/tzdata" // the zone tests must not depend on the machine's zoneinfo

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/digest"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
)

// digestComposer is a digest.Composer whose digests hold its articles, each
// cited as its Cite, and which records the windows it was asked for.
type digestComposer struct {
	articles []digest.Article
	err      error

	mu    sync.Mutex
	calls [][2]time.Time
}

func (c *digestComposer) Build(ctx context.Context, since, until time.Time) (digest.Digest, error) {
	c.mu.Lock()
	c.calls = append(c.calls, [2]time.Time{since, until})
	c.mu.Unlock()
	if c.err != nil {
		return digest.Digest{}, c.err
	}
	d := digest.Digest{Since: since, Until: until, Articles: slices.Clone(c.articles)}
	for _, a := range c.articles {
		d.Citations = append(d.Citations, digest.Citation{N: a.Cite, DocID: a.DocID, Title: a.Title,
			Outlet: a.Outlet, Published: a.Published, URL: a.URL})
	}
	return d, nil
}

// Calls returns the windows asked for so far.
func (c *digestComposer) Calls() [][2]time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.calls)
}

// digestArticles are two new articles from the seeds, the second with an
// "@everyone" in its title, as a hostile feed could write it.
func digestArticles() []digest.Article {
	return []digest.Article{
		{DocID: "raid", Title: "Russia and Azerbaijan trade accusations", Outlet: "OC Media", Published: "2025-07-01",
			URL: "https://example.org/raid", Summary: "Azerbaijani police raided the Baku office of Sputnik Azerbaijan.", Cite: 1},
		{DocID: "fallout", Title: "@everyone Deaths in Detention Trigger Diplomatic Crisis", Published: "week of 2025-06-30",
			URL: "https://example.org/fallout", Summary: "Baku cancelled Alexei Overchuk's visit.", Cite: 2},
	}
}

// digestBot is a Bot whose /digest manages a real Scheduler in a temporary
// directory, over a digestComposer and the bot's fake clock.
type digestBot struct {
	bot      *Bot
	sched    *digest.Scheduler
	composer *digestComposer
	clock    *fakeclock.Clock
	logs     *lockedBuffer
}

type digestBotOptions struct {
	defaults DigestDefaults
	config   []digest.Subscription
	composer *digestComposer
	// poster, when set, lets the scheduler Run.
	poster digest.Poster
}

func newDigestBot(t *testing.T, o digestBotOptions) digestBot {
	t.Helper()
	clock := newFakeClock()
	if o.composer == nil {
		o.composer = &digestComposer{articles: digestArticles()}
	}
	logger, logs := newLogBuffer()
	sched, err := digest.NewScheduler(digest.SchedulerOptions{Dir: t.TempDir(), Composer: o.composer, Poster: o.poster,
		Clock: clock, Config: o.config, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	b := newCoreBot(t, Options{Digests: sched, DigestDefaults: o.defaults, Clock: clock, Logger: logger})
	return digestBot{bot: b, sched: sched, composer: o.composer, clock: clock, logs: logs}
}

// do runs a request as a transport does: the refusal, or the reply.
func (h digestBot) do(req Request) Reply {
	tk, refusal := h.bot.Admit(req)
	if refusal != nil {
		return *refusal
	}
	return h.bot.Execute(context.Background(), req, tk)
}

// digestRequest is /digest sub in a guild's channel.
func digestRequest(sub string, admin bool, opts map[string]string) Request {
	if opts == nil {
		opts = map[string]string{}
	}
	return Request{Command: "digest " + sub, Options: opts, User: User{ID: "u-admin", Name: "admin"},
		GuildID: "g1", ChannelID: "c-here", Admin: admin}
}

func TestDigestSubscribe(t *testing.T) {
	// The clock reads 2025-07-01 12:00 UTC: 16:00 in Baku, 13:00 in London.
	now := newFakeClock().Now()
	tests := []struct {
		name     string
		defaults DigestDefaults
		opts     map[string]string
		want     digest.Subscription
		wantText string
	}{
		{
			name: "options given",
			opts: map[string]string{"channel": "c-news", "time": "18:30", "timezone": "Asia/Baku"},
			want: digest.Subscription{ChannelID: "c-news", GuildID: "g1", Time: "18:30", Zone: "Asia/Baku", CreatedAt: now, CreatedBy: "u-admin"},
			wantText: "Subscribed <#c-news>: the digest of what's new posts there every day at 18:30 (Asia/Baku). " +
				"The next one: Tue 1 Jul 2025, 18:30 +04.",
		},
		{
			name: "the terminal's <#id> form",
			opts: map[string]string{"channel": "<#c-news>", "time": "06:00", "timezone": "Asia/Baku"},
			want: digest.Subscription{ChannelID: "c-news", GuildID: "g1", Time: "06:00", Zone: "Asia/Baku", CreatedAt: now, CreatedBy: "u-admin"},
			wantText: "Subscribed <#c-news>: the digest of what's new posts there every day at 06:00 (Asia/Baku). " +
				"The next one: Wed 2 Jul 2025, 06:00 +04.",
		},
		{
			name:     "the configured defaults and the current channel",
			defaults: DigestDefaults{Time: "07:15", Zone: "Europe/London"},
			want:     digest.Subscription{ChannelID: "c-here", GuildID: "g1", Time: "07:15", Zone: "Europe/London", CreatedAt: now, CreatedBy: "u-admin"},
			wantText: "Subscribed <#c-here>: the digest of what's new posts there every day at 07:15 (Europe/London). " +
				"The next one: Wed 2 Jul 2025, 07:15 BST.",
		},
		{
			name: "the built-in defaults",
			want: digest.Subscription{ChannelID: "c-here", GuildID: "g1", Time: "09:00", Zone: "UTC", CreatedAt: now, CreatedBy: "u-admin"},
			wantText: "Subscribed <#c-here>: the digest of what's new posts there every day at 09:00 (UTC). " +
				"The next one: Wed 2 Jul 2025, 09:00 UTC.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newDigestBot(t, digestBotOptions{defaults: tt.defaults})
			got := h.do(digestRequest("subscribe", true, tt.opts))
			if diff := cmp.Diff(note(tt.wantText), got); diff != "" {
				t.Errorf("reply (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]digest.Subscription{tt.want}, h.sched.Subscriptions()); diff != "" {
				t.Errorf("stored (-want +got):\n%s", diff)
			}
			// The reply's next run is the scheduler's.
			loc, _ := time.LoadLocation(tt.want.Zone)
			if next := digest.NextDue(tt.want, now).In(loc).Format("Mon 2 Jan 2006, 15:04 MST"); !strings.Contains(got.Text, next) {
				t.Errorf("reply %q does not name the next run %s", got.Text, next)
			}
		})
	}
}

func TestDigestResubscribeUpdates(t *testing.T) {
	h := newDigestBot(t, digestBotOptions{})
	h.do(digestRequest("subscribe", true, map[string]string{"time": "08:00"}))
	h.clock.Advance(time.Hour)
	req := digestRequest("subscribe", true, map[string]string{"time": "20:00", "timezone": "Asia/Baku"})
	req.User = User{ID: "u-other"}
	got := h.do(req)
	if !strings.HasPrefix(got.Text, "Updated <#c-here>:") || !strings.Contains(got.Text, "20:00 (Asia/Baku)") {
		t.Errorf("re-subscribing = %q, want Updated with the new time and zone", got.Text)
	}
	want := []digest.Subscription{{ChannelID: "c-here", GuildID: "g1", Time: "20:00", Zone: "Asia/Baku",
		CreatedAt: newFakeClock().Now().Add(time.Hour), CreatedBy: "u-other"}}
	if diff := cmp.Diff(want, h.sched.Subscriptions()); diff != "" {
		t.Errorf("stored (-want +got):\n%s", diff)
	}
}

func TestDigestSubscribeRefused(t *testing.T) {
	stored := digest.Subscription{ChannelID: "c-news", GuildID: "g1", Time: "09:00", Zone: "UTC", CreatedAt: newFakeClock().Now()}
	tests := []struct {
		name  string
		req   Request
		wants []string // in the refusal
	}{
		{
			name:  "member without Manage Server",
			req:   digestRequest("subscribe", false, map[string]string{"channel": "c-news", "time": "10:00"}),
			wants: []string{"/digest subscribe", "Manage Server"},
		},
		{
			name:  "no server (the terminal, a DM)",
			req:   Request{Command: "digest subscribe", Options: map[string]string{"channel": "c-news"}, User: User{ID: "u"}, Admin: true},
			wants: []string{"server channel", "/digest now"},
		},
		{
			name:  "hour 25",
			req:   digestRequest("subscribe", true, map[string]string{"channel": "c-news", "time": "25:00"}),
			wants: []string{`"25:00"`, "24-hour time"},
		},
		{
			name:  "not a time",
			req:   digestRequest("subscribe", true, map[string]string{"channel": "c-news", "time": "noon"}),
			wants: []string{`"noon"`},
		},
		{
			name:  "unknown zone",
			req:   digestRequest("subscribe", true, map[string]string{"channel": "c-news", "timezone": "Mars/Base"}),
			wants: []string{`"Mars/Base"`, "IANA"},
		},
		{
			name:  "a zone in the wrong case",
			req:   digestRequest("subscribe", true, map[string]string{"channel": "c-news", "timezone": "asia/baku"}),
			wants: []string{`"asia/baku"`, `did you mean "Asia/Baku"`},
		},
		{
			name: "a channel another server subscribed",
			req: Request{Command: "digest subscribe", Options: map[string]string{"channel": "c-news", "time": "10:00"},
				User: User{ID: "u-other"}, GuildID: "g2", ChannelID: "c-theirs", Admin: true},
			wants: []string{"<#c-news> is not a channel of this server"},
		},
		{
			name:  "the machine's zone",
			req:   digestRequest("subscribe", true, map[string]string{"channel": "c-news", "timezone": "Local"}),
			wants: []string{`"Local"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newDigestBot(t, digestBotOptions{})
			if err := h.sched.Subscribe(stored); err != nil {
				t.Fatal(err)
			}
			// Refused by Admit, before the transport acknowledges.
			tk, refusal := h.bot.Admit(tt.req)
			if refusal == nil {
				tk.Release()
				t.Fatalf("admitted, want a refusal")
			}
			if !refusal.Ephemeral {
				t.Errorf("refusal %q is public", refusal.Text)
			}
			for _, w := range tt.wants {
				if !strings.Contains(refusal.Text, w) {
					t.Errorf("refusal %q does not say %q", refusal.Text, w)
				}
			}
			if diff := cmp.Diff([]digest.Subscription{stored}, h.sched.Subscriptions()); diff != "" {
				t.Errorf("stored subscriptions changed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDigestUnsubscribe(t *testing.T) {
	config := digest.Subscription{ChannelID: "c-config", Time: "09:00", Zone: "UTC"}
	h := newDigestBot(t, digestBotOptions{config: []digest.Subscription{config}})
	if got := h.do(digestRequest("subscribe", true, map[string]string{"channel": "c-news"})); !strings.HasPrefix(got.Text, "Subscribed") {
		t.Fatalf("subscribe = %q", got.Text)
	}
	steps := []struct {
		name string
		req  Request
		want Reply
	}{
		{"member without Manage Server", digestRequest("unsubscribe", false, map[string]string{"channel": "c-news"}),
			note("/digest unsubscribe needs the Manage Server permission.")},
		{"no server", Request{Command: "digest unsubscribe", Options: map[string]string{"channel": "c-news"}, Admin: true},
			note("Digest subscriptions are set in a server channel (the terminal can use /digest now).")},
		{"from another server", Request{Command: "digest unsubscribe", Options: map[string]string{"channel": "c-news"}, GuildID: "g2", Admin: true},
			note("<#c-news> is not a channel of this server.")},
		{"subscribed", digestRequest("unsubscribe", true, map[string]string{"channel": "c-news"}),
			note("Unsubscribed <#c-news>: no more digests there.")},
		{"again", digestRequest("unsubscribe", true, map[string]string{"channel": "c-news"}),
			note("<#c-news> has no digest subscription.")},
		{"the current channel, never subscribed", digestRequest("unsubscribe", true, nil),
			note("<#c-here> has no digest subscription.")},
		{"declared in the config", digestRequest("unsubscribe", true, map[string]string{"channel": "c-config"}),
			note("the digest of <#c-config> is set in the config file (digest.subscriptions); remove it there")},
	}
	for _, s := range steps {
		if diff := cmp.Diff(s.want, h.do(s.req)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", s.name, diff)
		}
	}
	config.FromConfig = true
	if diff := cmp.Diff([]digest.Subscription{config}, h.sched.Subscriptions()); diff != "" {
		t.Errorf("subscriptions left (-want +got):\n%s", diff)
	}
}

func TestDigestSubscribeConfigChannel(t *testing.T) {
	config := digest.Subscription{ChannelID: "c-config", Time: "09:00", Zone: "UTC"}
	h := newDigestBot(t, digestBotOptions{config: []digest.Subscription{config}})
	got := h.do(digestRequest("subscribe", true, map[string]string{"channel": "c-config", "time": "10:00"}))
	if diff := cmp.Diff(note("the digest of <#c-config> is set in the config file (digest.subscriptions); change it there"), got); diff != "" {
		t.Errorf("reply (-want +got):\n%s", diff)
	}
	config.FromConfig = true
	if diff := cmp.Diff([]digest.Subscription{config}, h.sched.Subscriptions()); diff != "" {
		t.Errorf("subscriptions (-want +got):\n%s", diff)
	}
}

func TestDigestNowPreviews(t *testing.T) {
	h := newDigestBot(t, digestBotOptions{})
	if err := h.sched.Subscribe(digest.Subscription{ChannelID: "c-news", GuildID: "g1", Time: "09:00", Zone: "Asia/Baku"}); err != nil {
		t.Fatal(err)
	}
	now := h.clock.Now()
	baku, _ := time.LoadLocation("Asia/Baku")
	got := h.do(digestRequest("now", false, map[string]string{"channel": "c-news"}))

	// A channel without a digest yet previews the first one's window.
	want := [][2]time.Time{{now.Add(-digest.DefaultFirstWindow), now}}
	if diff := cmp.Diff(want, h.composer.Calls()); diff != "" {
		t.Fatalf("digest windows built (-want +got):\n%s", diff)
	}
	d, _ := (&digestComposer{articles: digestArticles()}).Build(context.Background(), want[0][0], want[0][1])
	wantReply := Reply{
		// 12:00 UTC is 16:00 in Baku: the title's day is the channel's.
		Title: "Preview: 📰 Digest — 1 July 2025",
		Text:  d.Markdown(baku),
		Plain: d.Text(baku),
		Sources: []Source{
			{Ref: 1, Title: "Russia and Azerbaijan trade accusations", Outlet: "OC Media", Date: "2025-07-01", URL: "https://example.org/raid"},
			{Ref: 2, Title: "@everyone Deaths in Detention Trigger Diplomatic Crisis", Date: "week of 2025-06-30", URL: "https://example.org/fallout"},
		},
		Footer:    "crisisbot digest · extractive",
		Ephemeral: true,
	}
	if diff := cmp.Diff(wantReply, got); diff != "" {
		t.Errorf("preview (-want +got):\n%s", diff)
	}
	if !strings.Contains(got.Text, "30 June 2025, 16:00 +04") {
		t.Errorf("preview text does not date its window in the channel's zone:\n%s", got.Text)
	}
	if strings.Contains(strings.ReplaceAll(got.Text, `\@`, ""), "@") {
		t.Errorf("preview text has an unescaped @:\n%s", got.Text)
	}
}

func TestDigestNowCountsAgainstTheLimitsAndReportsFailure(t *testing.T) {
	composer := &digestComposer{err: errors.New("read corpus: disk on fire")}
	h := newDigestBot(t, digestBotOptions{composer: composer})
	got := h.do(digestRequest("now", false, nil))
	if diff := cmp.Diff(note("Something went wrong on my side, and the operators can see what. Please try again later."), got); diff != "" {
		t.Errorf("reply (-want +got):\n%s", diff)
	}
	if logs := h.logs.String(); !strings.Contains(logs, `command="digest now" err="preview digest: read corpus: disk on fire"`) {
		t.Errorf("the failure was not logged with its cause:\n%s", logs)
	}
	cmd, _ := h.bot.Command("digest now")
	if !cmd.Limited || !cmd.Deferred || cmd.Admin {
		t.Errorf("/digest now: Limited %v, Deferred %v, Admin %v; want a limited, deferred command for everyone", cmd.Limited, cmd.Deferred, cmd.Admin)
	}
}

func TestDigestList(t *testing.T) {
	config := digest.Subscription{ChannelID: "c-0config", Time: "07:00", Zone: "Europe/London"}
	h := newDigestBot(t, digestBotOptions{config: []digest.Subscription{config}})
	for _, s := range []digest.Subscription{
		{ChannelID: "c-1mine", GuildID: "g1", Time: "09:00", Zone: "Asia/Baku"},
		{ChannelID: "c-2theirs", GuildID: "g2", Time: "10:00", Zone: "UTC"},
		{ChannelID: "c-3mine", GuildID: "g1", Time: "18:30", Zone: "UTC"},
	} {
		if err := h.sched.Subscribe(s); err != nil {
			t.Fatal(err)
		}
	}
	want := Reply{Title: "Digest subscriptions", Ephemeral: true, Text: "• <#c-0config> at 07:00 (Europe/London), set in the config file\n" +
		"• <#c-1mine> at 09:00 (Asia/Baku)\n" +
		"• <#c-3mine> at 18:30 (UTC)"}
	if diff := cmp.Diff(want, h.do(digestRequest("list", false, nil))); diff != "" {
		t.Errorf("/digest list in g1 (-want +got):\n%s", diff)
	}
	// The terminal's operator, in no server, sees them all; a user in a
	// direct message sees none of the servers'.
	all := h.do(Request{Command: "digest list", Admin: true})
	if n := strings.Count(all.Text, "• "); n != 4 || !strings.Contains(all.Text, "<#c-2theirs>") {
		t.Errorf("/digest list in the terminal:\n%s\nwant all 4", all.Text)
	}
	dm := h.do(Request{Command: "digest list", User: User{ID: "u-stranger"}, ChannelID: "dm-1"})
	if diff := cmp.Diff(note("Digest subscriptions belong to servers: use /digest list in a server channel."), dm); diff != "" {
		t.Errorf("/digest list in a DM (-want +got):\n%s", diff)
	}

	empty := newDigestBot(t, digestBotOptions{})
	if diff := cmp.Diff(note("No channel gets the digest yet. In a server, /digest subscribe sets one up; the config file can list them under digest.subscriptions."), empty.do(digestRequest("list", false, nil))); diff != "" {
		t.Errorf("/digest list with none (-want +got):\n%s", diff)
	}
}

func TestDigestTimezoneComplete(t *testing.T) {
	h := newDigestBot(t, digestBotOptions{})
	ctx := context.Background()
	got := h.bot.Complete(ctx, "digest subscribe", "timezone", "asia/ba")
	if !slices.Contains(got, "Asia/Baku") || len(got) > 25 {
		t.Errorf("timezone completions for asia/ba = %v, want Asia/Baku among at most 25", got)
	}
	for _, z := range got {
		if !strings.HasPrefix(strings.ToLower(z), "asia/ba") {
			t.Errorf("completion %q does not start with asia/ba", z)
		}
	}
	if all := h.bot.Complete(ctx, "digest subscribe", "timezone", ""); len(all) != 25 {
		t.Errorf("%d completions for nothing typed, want the first 25", len(all))
	}
	if got := h.bot.Complete(ctx, "digest subscribe", "timezone", "york"); !slices.Contains(got, "America/New_York") {
		t.Errorf("completions for york = %v, want America/New_York", got)
	}
	for _, c := range [][2]string{{"digest subscribe", "time"}, {"digest", "timezone"}, {"digest unsubscribe", "timezone"}} {
		if got := h.bot.Complete(ctx, c[0], c[1], "a"); got != nil {
			t.Errorf("Complete(%q, %q) = %v, want none", c[0], c[1], got)
		}
	}
}

func TestDigestCommandGroup(t *testing.T) {
	h := newDigestBot(t, digestBotOptions{})
	var top []string
	for _, c := range h.bot.Commands() {
		top = append(top, c.Name)
	}
	if diff := cmp.Diff([]string{"about", "ask", "digest", "sources"}, top); diff != "" {
		t.Errorf("top-level commands (-want +got):\n%s", diff)
	}
	g, ok := h.bot.Group("digest")
	if !ok {
		t.Fatal("digest is not a group")
	}
	var subs []string
	for _, s := range g.Subcommands {
		subs = append(subs, s.Name)
		if _, ok := h.bot.Command("digest " + s.Name); !ok {
			t.Errorf("subcommand %q is not runnable as %q", s.Name, "digest "+s.Name)
		}
	}
	if diff := cmp.Diff([]string{"subscribe", "unsubscribe", "now", "list"}, subs); diff != "" {
		t.Errorf("subcommands (-want +got):\n%s", diff)
	}
	if _, ok := h.bot.Command("digest"); ok {
		t.Error("the group itself is runnable")
	}
	if _, ok := h.bot.Group("ask"); ok {
		t.Error("/ask is reported as a group")
	}
	want := note("/digest needs one of: /digest subscribe, /digest unsubscribe, /digest now, /digest list.")
	if diff := cmp.Diff(want, h.do(Request{Command: "digest"})); diff != "" {
		t.Errorf("/digest alone (-want +got):\n%s", diff)
	}
	// Without Digests there is no /digest.
	plain := newCoreBot(t, Options{})
	if _, ok := plain.Group("digest"); ok {
		t.Error("/digest exists without Digests")
	}
}

func TestNewRefusesACommandNamedLikeAGroup(t *testing.T) {
	sched, err := digest.NewScheduler(digest.SchedulerOptions{Dir: t.TempDir(), Composer: &digestComposer{}})
	if err != nil {
		t.Fatal(err)
	}
	store, err := OpenStore(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	extra := Command{Name: "digest", Run: func(context.Context, Request) (Reply, error) { return Reply{}, nil }}
	_, err = New(Options{Asker: &fakeAsker{}, Corpus: fakeCorpus{}, Store: store, Digests: sched, Commands: []Command{extra}})
	if err == nil || !strings.Contains(err.Error(), `"digest"`) {
		t.Errorf("New with a second /digest = %v, want an error naming it", err)
	}
}

func TestTerminalDigest(t *testing.T) {
	h := newDigestBot(t, digestBotOptions{})
	term := NewTerminal(h.bot, User{Name: "you"})
	ctx := context.Background()
	line := func(l string) Reply {
		t.Helper()
		r, ok := term.Line(ctx, l)
		if !ok {
			t.Fatalf("%q printed nothing", l)
		}
		return r
	}
	group := note("/digest needs one of: /digest subscribe, /digest unsubscribe, /digest now, /digest list.")
	for _, l := range []string{"/digest", "/Digest", "/digest frobnicate"} {
		if diff := cmp.Diff(group, line(l)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", l, diff)
		}
	}
	if got := line("/digest subscribe time:10:00"); !strings.Contains(got.Text, "server channel") {
		t.Errorf("/digest subscribe in the terminal = %q, want a refusal saying to use a server channel", got.Text)
	}
	if got := line("/digest NOW"); got.Title != "Preview: 📰 Digest — 1 July 2025" || !got.Ephemeral || len(got.Sources) != 2 ||
		!strings.Contains(got.Text, "**New articles**") {
		t.Errorf("/digest now in the terminal = %+v, want the preview", got)
	}
	// The window is the first digest's, as no channel has had one.
	now := h.clock.Now()
	if diff := cmp.Diff([][2]time.Time{{now.Add(-digest.DefaultFirstWindow), now}}, h.composer.Calls()); diff != "" {
		t.Errorf("windows built (-want +got):\n%s", diff)
	}
	if got := line("/digest list"); got.Text != "No channel gets the digest yet. In a server, /digest subscribe sets one up; the config file can list them under digest.subscriptions." {
		t.Errorf("/digest list = %q", got.Text)
	}

	help := line("/help").Text
	for _, want := range []string{
		"/digest subscribe [channel:…] [time:…] [timezone:…]",
		"/digest unsubscribe [channel:…]",
		"/digest now [channel:…]",
		"/digest list ",
		"Preview the next digest",
	} {
		if !strings.Contains(help, want) {
			t.Errorf("/help lacks %q:\n%s", want, help)
		}
	}
	if strings.Contains(help, "The daily digest of new articles") {
		t.Errorf("/help lists the group as a command of its own:\n%s", help)
	}
}

func TestDigestReply(t *testing.T) {
	baku, _ := time.LoadLocation("Asia/Baku")
	until := time.Date(2025, 7, 1, 22, 0, 0, 0, time.UTC) // 2 July in Baku
	d, _ := (&digestComposer{articles: digestArticles()}).Build(context.Background(), until.Add(-24*time.Hour), until)
	withOverview := d
	withOverview.Overview = "Baku raided Sputnik's office [1] and cancelled a visit [2]."
	tests := []struct {
		name       string
		d          digest.Digest
		loc        *time.Location
		key, model string
		wantTitle  string
		wantFooter string
	}{
		{"extractive, keyed", d, baku, "2025-07-02", "", "📰 Digest — 2 July 2025", "crisisbot digest 2025-07-02 · extractive"},
		{"a model but no overview", d, time.UTC, "2025-07-01", "qwen2.5:7b", "📰 Digest — 1 July 2025", "crisisbot digest 2025-07-01 · extractive"},
		{"an overview by the model", withOverview, time.UTC, "2025-07-01", "qwen2.5:7b", "📰 Digest — 1 July 2025", "crisisbot digest 2025-07-01 · overview by qwen2.5:7b"},
		{"no key (a preview)", d, baku, "", "", "📰 Digest — 2 July 2025", "crisisbot digest · extractive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DigestReply(tt.d, tt.loc, tt.key, tt.model)
			if r.Title != tt.wantTitle || r.Footer != tt.wantFooter || r.Text != tt.d.Markdown(tt.loc) {
				t.Errorf("DigestReply = title %q, footer %q, text %q; want %q, %q and the digest's Markdown",
					r.Title, r.Footer, r.Text, tt.wantTitle, tt.wantFooter)
			}
			if tt.key != "" && !strings.HasPrefix(r.Footer, digestFooter(tt.key)) {
				t.Errorf("footer %q does not start with what FindDigest looks for, %q", r.Footer, digestFooter(tt.key))
			}
			if len(r.Sources) != len(tt.d.Citations) || r.Ephemeral {
				t.Errorf("%d sources for %d citations, ephemeral %v", len(r.Sources), len(tt.d.Citations), r.Ephemeral)
			}
		})
	}
	// Keys that are prefixes of each other are told apart.
	if r := DigestReply(d, time.UTC, "2025-07-011", ""); strings.HasPrefix(r.Footer, digestFooter("2025-07-01")) {
		t.Errorf("footer %q matches key 2025-07-01", r.Footer)
	}
}

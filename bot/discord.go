package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/errs"
)

// DefaultAPIURL is Discord's REST API, the version discordgo v0.28 speaks
// (discordgo.EndpointAPI).
const DefaultAPIURL = "https://discord.com/api/v9/"

// Defaults for DiscordConfig.
const (
	DefaultGrace = 20 * time.Second
	// typingEvery renews the typing indicator, which Discord shows for
	// about ten seconds.
	typingEvery = 8 * time.Second
	// deliverTimeout bounds the REST calls that deliver one reply.
	deliverTimeout = 30 * time.Second
	// noticeQuiet is how long a user who got a note (a refusal) gets no
	// other.
	noticeQuiet = time.Minute
	// maxNoticing bounds the notes being sent at once.
	maxNoticing = 4
	// followupRetries is how often a delivery that 404s right after a
	// defer is retried.
	followupRetries = 3
	// callbackRetries is how often an interaction callback that fails with
	// a 5xx is retried: its 250 and 500 ms waits fit in the 3 s Discord
	// gives an interaction.
	callbackRetries = 2
	// firstRetry is the wait before a REST call's first retry; it doubles.
	firstRetry = 250 * time.Millisecond
)

// DiscordConfig configures the Discord transport.
type DiscordConfig struct {
	// Token is the bot token, without the "Bot " prefix.
	Token string
	// APIURL is the REST API's base, e.g. a nirn-proxy's
	// "http://proxy:8080/api/v9/"; empty means DefaultAPIURL. The gateway
	// URL comes from this API's gateway endpoint.
	APIURL string
	// GuildID, when set, registers the commands in that guild only, where
	// changes appear at once; otherwise they are registered globally.
	GuildID string
	// AllowedGuilds, when not empty, are the only guilds the bot works in.
	AllowedGuilds []string
	// AnswerChannels are channels where every question is answered
	// without a mention; this needs the message content intent.
	AnswerChannels []string
	// AllowDMs lets users ask in direct messages.
	AllowDMs bool
	// MessageContent asks for the privileged Message Content intent (it
	// must be enabled in the Developer Portal), which follow-ups without a
	// mention need. Answer channels imply it.
	MessageContent bool
	// InlineReplies answers a mention with a reply in the channel instead
	// of starting a thread.
	InlineReplies bool
	// Grace is how long shutdown waits for answers in flight before
	// cancelling them; 0 means DefaultGrace.
	Grace time.Duration
	// Shards is how many gateway sessions (shards) the bot's guilds are
	// split into; 0 means the count Discord recommends.
	Shards int
	// ShardIDs are the shards this process runs, each below the shard
	// count, so that several processes can split them; empty runs all.
	ShardIDs []int
}

// Discord is the Discord transport: it turns gateway events into bot
// requests and replies into REST calls. It is the only code that imports
// discordgo.
type Discord struct {
	bot     *Bot
	cfg     DiscordConfig
	log     *slog.Logger
	clock   answer.Clock
	metrics *Metrics
	// s is the first shard's session, through which every REST call goes.
	s   *discordgo.Session
	api string // the REST API base in use

	// work is the context of handlers; cancelled when shutdown's grace
	// runs out.
	work       context.Context
	cancelWork context.CancelFunc

	// noticed is when each user may next get a note; noticing bounds the
	// notes being sent at once.
	noticed  *lru.Cache[string, time.Time]
	noticing chan struct{}

	mu        sync.Mutex
	accepting bool
	inflight  sync.WaitGroup
	appID     string
	// shards are the gateway sessions opened so far, of wantShards.
	shards     []*shard
	wantShards int
	readyShard atomic.Int64 // shards that have been READY
	// messages counts MESSAGE_CREATE events handled to the end, answered
	// or not, so tests can tell when the bot has finished with them.
	messages  atomic.Int64
	ready     chan struct{}
	readyOnce sync.Once
}

// NewDiscord returns the Discord transport for b. With no token it fails
// with an error that says how to set one.
func NewDiscord(b *Bot, cfg DiscordConfig) (*Discord, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errs.Errorf(errs.Invalid, "no Discord bot token: set DISCORD_TOKEN to the token from https://discord.com/developers/applications (Bot tab), or try the bot offline with 'crisisbot chat'")
	}
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultGrace
	}
	base := cfg.APIURL
	if base == "" {
		base = DefaultAPIURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errs.Errorf(errs.Invalid, "discord.api_url: %q is not an http(s) URL", cfg.APIURL)
	}
	work, cancel := context.WithCancel(context.Background())
	d := &Discord{
		bot: b, cfg: cfg, log: b.log, clock: b.clock, metrics: b.opts.Metrics, api: base,
		work: work, cancelWork: cancel, accepting: true, ready: make(chan struct{}),
		noticing: make(chan struct{}, maxNoticing),
	}
	if d.s, err = d.newSession(); err != nil {
		return nil, err
	}
	d.noticed, _ = lru.New[string, time.Time](maxConversations)
	return d, nil
}

// newSession returns a gateway session, not yet open, with the bot's
// token, API and intents.
func (d *Discord) newSession() (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + strings.TrimPrefix(strings.TrimSpace(d.cfg.Token), "Bot "))
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: rewriteAPI{base: d.api, next: http.DefaultTransport}}
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if d.cfg.MessageContent || len(d.cfg.AnswerChannels) > 0 {
		// Privileged: without it Discord sends messages that do not
		// mention the bot with empty content, so thread follow-ups and
		// answer channels need it.
		s.Identify.Intents |= discordgo.IntentsMessageContent
	}
	// discordgo would otherwise sleep and retry a 429 forever while a
	// handler waits; Discord's own limits are then the user's answer.
	s.MaxRestRetries = 2
	s.LogLevel = discordgo.LogWarning // reconnects are worth an operator's eye
	return s, nil
}

// RouteDiscordgoLogs sends discordgo's own log lines (gateway errors,
// reconnects) to logger, so they share its format. discordgo keeps its
// logger in a package variable, so this is process-wide: the variable is
// set once, to a function that reads the latest logger atomically. A
// second serve in one process (the tests run several) then swaps the
// logger without racing the gateway goroutines of one still reconnecting.
func RouteDiscordgoLogs(logger *slog.Logger) {
	discordgoLogger.Store(logger)
	routeDiscordgoOnce.Do(func() {
		discordgo.Logger = func(level, _ int, format string, a ...any) {
			logger := discordgoLogger.Load()
			msg := strings.TrimSpace(fmt.Sprintf(format, a...))
			switch level {
			case discordgo.LogError:
				logger.Error("discordgo: " + msg)
			case discordgo.LogWarning:
				logger.Warn("discordgo: " + msg)
			default:
				logger.Debug("discordgo: " + msg)
			}
		}
	})
}

// discordgoLogger and routeDiscordgoOnce are package state because
// discordgo's logger is: see RouteDiscordgoLogs.
var (
	discordgoLogger    atomic.Pointer[slog.Logger]
	routeDiscordgoOnce sync.Once
)

// rewriteAPI sends requests for Discord's API to another base URL: a REST
// proxy, or a fake Discord in tests. discordgo's endpoints are package
// variables fixed at init, so the transport is where they can change.
type rewriteAPI struct {
	base string
	next http.RoundTripper
}

func (r rewriteAPI) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL.String()
	if r.base == discordgo.EndpointAPI || !strings.HasPrefix(u, discordgo.EndpointAPI) {
		return r.next.RoundTrip(req)
	}
	nu, err := url.Parse(r.base + strings.TrimPrefix(u, discordgo.EndpointAPI))
	if err != nil {
		return nil, err
	}
	req = req.Clone(req.Context())
	req.URL = nu
	req.Host = nu.Host
	return r.next.RoundTrip(req)
}

// Run connects to Discord, registers the commands and serves until ctx
// ends. Then it stops taking questions, gives answers in flight the grace
// period to finish, cancels the rest, and closes the gateway.
func (d *Discord) Run(ctx context.Context) error {
	// discordgo's Open has no context and can wait forever on a gateway
	// that never says hello: a signal must still stop the bot.
	opened := make(chan error, 1)
	go func() { opened <- d.open(ctx) }()
	select {
	case err := <-opened:
		if err != nil {
			d.closeShards()
			if ctx.Err() != nil {
				return nil // stopped while connecting
			}
			return err
		}
	case <-ctx.Done():
		d.log.Warn("stopped while connecting to Discord")
		return nil
	}
	watching, stopWatching := context.WithCancel(ctx)
	var watchdogs sync.WaitGroup
	for _, sh := range d.openShards() {
		watchdogs.Go(func() { d.watch(watching, sh) })
	}
	defer func() {
		stopWatching()
		watchdogs.Wait()
		d.shutdown()
		d.closeShards()
	}()
	select {
	case <-d.ready:
	case <-ctx.Done():
		return nil
	}
	if err := d.register(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	d.log.Info("serving on Discord", "user", d.s.State.User.Username, "guild", d.cfg.GuildID)
	<-ctx.Done()
	return nil
}

// openError explains a failed connection in terms of the settings that
// cause it.
func (d *Discord) openError(err error) error {
	var ce *websocket.CloseError
	if restStatus(err) == http.StatusUnauthorized {
		return errs.Errorf(errs.Invalid, "Discord rejected the bot token (HTTP 401): check DISCORD_TOKEN (discord.token_env)")
	}
	if errors.As(err, &ce) {
		switch ce.Code {
		case 4004:
			return errs.Errorf(errs.Invalid, "Discord rejected the bot token (gateway close 4004): check DISCORD_TOKEN (discord.token_env)")
		case 4011:
			return errs.Errorf(errs.Invalid, "Discord requires the bot to shard, being in too many servers for one session (gateway close 4011): set discord.shards to auto, or to a larger count")
		case 4014:
			return errs.Errorf(errs.Invalid, "Discord refused the Message Content intent (gateway close 4014): enable it in the Developer Portal under Bot → Privileged Gateway Intents, or set discord.message_content: false (follow-ups then need a mention, and answer_channels cannot be used)")
		}
	}
	return errs.Wrap(errs.Unavailable, err, fmt.Sprintf("connect to Discord through %s (discord.api_url)", d.api))
}

// shutdown stops new work and waits for the work in flight.
func (d *Discord) shutdown() {
	d.mu.Lock()
	d.accepting = false
	d.mu.Unlock()
	done := make(chan struct{})
	go func() {
		d.inflight.Wait()
		close(done)
	}()
	d.log.Info("shutting down: finishing answers in flight", "grace", d.cfg.Grace)
	select {
	case <-done:
	case <-d.clock.After(d.cfg.Grace):
		d.log.Warn("grace period over: cancelling answers in flight")
		d.cancelWork()
		<-done
	}
	d.cancelWork()
}

// deliveryContext bounds the REST calls that deliver one reply. It
// outlives shutdown's cancellation, so a cancelled answer can still tell
// the user so.
func (d *Discord) deliveryContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(d.work), deliverTimeout)
}

// begin registers a handler's work; false means the bot is shutting down.
func (d *Discord) begin() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.accepting {
		d.inflight.Add(1)
	}
	return d.accepting
}

// recoverHandler keeps one request's bug from taking the bot down.
func (d *Discord) recoverHandler(what string) {
	if v := recover(); v != nil {
		d.log.Error("handler panicked", "handler", what, "panic", fmt.Sprint(v))
	}
}

// onReady notes the application's id, and closes ready once every shard
// has been READY.
func (d *Discord) onReady(sh *shard, r *discordgo.Ready) {
	d.mu.Lock()
	if r.Application != nil && r.Application.ID != "" {
		d.appID = r.Application.ID
	} else if r.User != nil {
		d.appID = r.User.ID
	}
	want := d.wantShards
	d.mu.Unlock()
	if sh.readies.Add(1) > 1 {
		d.metrics.reconnected()
		d.log.Info("gateway reconnected", "shard", sh.id)
		return
	}
	if d.readyShard.Add(1) == int64(want) {
		d.readyOnce.Do(func() { close(d.ready) })
	}
}

// Connected reports whether every shard has been ready at least once and
// still holds a connection.
func (d *Discord) Connected() bool {
	d.mu.Lock()
	want := d.wantShards
	d.mu.Unlock()
	shards := d.openShards()
	if want == 0 || len(shards) < want {
		return false
	}
	for _, sh := range shards {
		sh.s.RLock()
		up := sh.s.DataReady
		sh.s.RUnlock()
		if !up || sh.readies.Load() == 0 {
			return false
		}
	}
	return true
}

func (d *Discord) onResumed(sh *shard) {
	d.metrics.reconnected()
	d.log.Info("gateway resumed", "shard", sh.id)
}

// register overwrites the application's commands with the bot's, in the
// configured guild or globally.
func (d *Discord) register(ctx context.Context) error {
	var cmds []*discordgo.ApplicationCommand
	for _, c := range d.bot.Commands() {
		cmds = append(cmds, d.applicationCommand(c))
	}
	d.mu.Lock()
	app := d.appID
	d.mu.Unlock()
	if _, err := d.s.ApplicationCommandBulkOverwrite(app, d.cfg.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register slash commands: %w", err)
	}
	return nil
}

// applicationCommand declares c to Discord.
func (d *Discord) applicationCommand(c Command) *discordgo.ApplicationCommand {
	ac := &discordgo.ApplicationCommand{Name: c.Name, Description: truncate(c.Description, 100)}
	dm := d.cfg.AllowDMs && !c.Admin
	ac.DMPermission = &dm
	if c.Admin {
		perm := int64(discordgo.PermissionManageServer)
		ac.DefaultMemberPermissions = &perm
	}
	ac.Options = commandOptions(c.Options)
	for _, sub := range c.Subcommands {
		ac.Options = append(ac.Options, &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: sub.Name,
			Description: truncate(sub.Description, 100), Options: commandOptions(sub.Options),
		})
	}
	return ac
}

// commandOptions declares a command's options to Discord.
func commandOptions(opts []Option) []*discordgo.ApplicationCommandOption {
	var out []*discordgo.ApplicationCommandOption
	for _, o := range opts {
		opt := &discordgo.ApplicationCommandOption{
			Name: o.Name, Description: truncate(o.Description, 100), Required: o.Required,
			Autocomplete: o.Complete != nil,
		}
		switch o.Type {
		case Bool:
			opt.Type = discordgo.ApplicationCommandOptionBoolean
		case Integer:
			opt.Type = discordgo.ApplicationCommandOptionInteger
		case Channel:
			opt.Type = discordgo.ApplicationCommandOptionChannel
			// Only channels a digest or an answer can be posted in.
			opt.ChannelTypes = []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}
		default:
			opt.Type = discordgo.ApplicationCommandOptionString
			if o.MaxLength > 0 {
				opt.MaxLength = min(o.MaxLength, 6000)
			}
		}
		out = append(out, opt)
	}
	return out
}

// commandData returns the name a command interaction requests ("digest
// now" for a subcommand) and its options.
func commandData(ic *discordgo.Interaction) (string, []*discordgo.ApplicationCommandInteractionDataOption) {
	data := ic.ApplicationCommandData()
	name, opts := data.Name, data.Options
	if len(opts) == 1 && opts[0].Type == discordgo.ApplicationCommandOptionSubCommand {
		name, opts = name+" "+opts[0].Name, opts[0].Options
	}
	return name, opts
}

// guildAllowed reports whether the bot works in guildID.
func (d *Discord) guildAllowed(guildID string) bool {
	return len(d.cfg.AllowedGuilds) == 0 || slices.Contains(d.cfg.AllowedGuilds, guildID)
}

// place reports whether the bot works where an event came from, and the
// polite refusal when it does not.
func (d *Discord) place(guildID string) (ok bool, refusal string) {
	switch {
	case guildID == "" && !d.cfg.AllowDMs:
		return false, "I only answer in servers, not in direct messages. Ask me in a server channel by mentioning me or with /ask."
	case guildID != "" && !d.guildAllowed(guildID):
		return false, "I'm not enabled in this server."
	}
	return true, ""
}

func (d *Discord) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	defer d.recoverHandler("interaction")
	if !d.begin() {
		d.respond(ic.Interaction, note("I'm restarting; please try again in a minute."))
		return
	}
	defer d.inflight.Done()
	if ok, why := d.place(ic.GuildID); !ok {
		d.respond(ic.Interaction, note(why))
		return
	}
	switch ic.Type {
	case discordgo.InteractionApplicationCommand:
		d.command(ic.Interaction)
	case discordgo.InteractionMessageComponent:
		d.press(ic.Interaction)
	case discordgo.InteractionApplicationCommandAutocomplete:
		d.autocomplete(ic.Interaction)
	}
}

// interactionUser returns who caused an interaction and whether they may
// manage the server there.
func interactionUser(ic *discordgo.Interaction) (User, bool) {
	if ic.Member != nil && ic.Member.User != nil {
		admin := ic.Member.Permissions&(discordgo.PermissionManageServer|discordgo.PermissionAdministrator) != 0
		return User{ID: ic.Member.User.ID, Name: ic.Member.User.Username}, admin
	}
	if ic.User != nil {
		return User{ID: ic.User.ID, Name: ic.User.Username}, false
	}
	return User{}, false
}

// command runs a slash command: refusals at once, quick commands answered
// directly, slow ones deferred first and then delivered by editing the
// deferred response.
func (d *Discord) command(ic *discordgo.Interaction) {
	name, opts := commandData(ic)
	user, admin := interactionUser(ic)
	req := Request{Command: name, Options: map[string]string{}, User: user, GuildID: ic.GuildID,
		ChannelID: ic.ChannelID, Admin: admin, History: d.bot.History(threadKey(ic.ChannelID))}
	for _, o := range opts {
		req.Options[o.Name] = fmt.Sprint(o.Value)
	}
	t, refusal := d.bot.Admit(req)
	if refusal != nil {
		d.respond(ic, *refusal)
		return
	}
	cmd, _ := d.bot.Command(req.Command)
	if !cmd.Deferred {
		d.respond(ic, d.bot.Execute(d.work, req, t))
		return
	}
	private := req.Private() || cmd.Private
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if private {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	// The acknowledgement is quick and must not be lost to a shutdown:
	// once it is sent, a cancelled answer can still say so.
	ackCtx, cancel := d.deliveryContext()
	defer cancel()
	if err := d.callback(ackCtx, ic, resp); err != nil {
		switch restCode(err) {
		case discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged:
			// Acknowledged already (a retried event): the edit below
			// still lands.
			d.log.Warn("interaction already acknowledged", "command", req.Command)
		case discordgo.ErrCodeUnknownInteraction:
			d.log.Warn("interaction expired before it was acknowledged", "command", req.Command)
			t.Release()
			return
		default:
			d.log.Error("acknowledge interaction", "command", req.Command, "err", redact(err, ic.Token))
			t.Release()
			return
		}
	}
	r := d.bot.Execute(d.work, req, t)
	d.deliverDeferred(ic, r, private)
	if r.Turn != nil && !r.Ephemeral && len(req.History) > 0 {
		// /ask inside one of the bot's threads continues its conversation.
		d.bot.Remember(threadKey(ic.ChannelID), req.History, *r.Turn)
	}
}

// deliverDeferred replaces a deferred response with the reply, and sends
// any overflow as follow-ups. An ephemeral reply to a public defer
// (a refusal or an error) replaces the public placeholder with a private
// note.
func (d *Discord) deliverDeferred(ic *discordgo.Interaction, r Reply, deferredPrivate bool) {
	ctx, cancel := d.deliveryContext()
	defer cancel()
	msgs := renderDiscord(r)
	start := 0
	if r.Ephemeral && !deferredPrivate {
		if err := d.s.InteractionResponseDelete(ic, discordgo.WithContext(ctx)); err != nil {
			d.log.Warn("delete deferred response", "err", redact(err, ic.Token))
		}
	} else {
		edit := msgs[0].webhookEdit()
		err := d.retry404(ctx, func() error {
			_, err := d.s.InteractionResponseEdit(ic, edit, discordgo.WithContext(ctx))
			return err
		})
		if err != nil {
			d.log.Error("deliver answer", "err", redact(err, ic.Token))
			return
		}
		start = 1
	}
	d.followups(ctx, ic, msgs[start:], r.Ephemeral || deferredPrivate)
}

// followups sends messages as follow-ups of an interaction.
func (d *Discord) followups(ctx context.Context, ic *discordgo.Interaction, msgs []discordMessage, ephemeral bool) {
	for _, m := range msgs {
		p := m.webhookParams(ephemeral)
		err := d.retry404(ctx, func() error {
			_, err := d.s.FollowupMessageCreate(ic, true, p, discordgo.WithContext(ctx))
			return err
		})
		if err != nil {
			d.log.Error("send follow-up", "err", redact(err, ic.Token))
			return
		}
	}
}

// retry404 retries f while it fails with a 404: right after a defer,
// Discord can briefly not know the response being edited.
func (d *Discord) retry404(ctx context.Context, f func() error) error {
	return d.retry(ctx, "Discord does not know the response yet; retrying", followupRetries,
		func(err error) bool { return restStatus(err) == http.StatusNotFound }, f)
}

// callback sends an interaction's initial response. A 5xx may have lost
// it, and the user would see "The application did not respond": it is
// sent again, and "already acknowledged" then means the lost one arrived.
func (d *Discord) callback(ctx context.Context, ic *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	failed := false
	return d.retry(ctx, "Discord failed the interaction response; sending it again", callbackRetries,
		func(err error) bool { return restStatus(err) >= 500 },
		func() error {
			err := d.s.InteractionRespond(ic, resp, discordgo.WithContext(ctx))
			if failed && restCode(err) == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged {
				return nil
			}
			failed = err != nil
			return err
		})
}

// retry calls f, and again up to retries times while it fails with an
// error again reports true, waiting firstRetry, then twice as long each
// time, on the bot's clock.
func (d *Discord) retry(ctx context.Context, what string, retries int, again func(error) bool, f func() error) error {
	delay := firstRetry
	for i := 0; ; i++ {
		err := f()
		if err == nil || i == retries || !again(err) {
			return err
		}
		d.log.Warn(what, "attempt", i+1, "status", restStatus(err))
		select {
		case <-d.clock.After(delay):
		case <-ctx.Done():
			return ctx.Err()
		}
		delay *= 2
	}
}

// respond answers an interaction at once with a reply.
func (d *Discord) respond(ic *discordgo.Interaction, r Reply) {
	ctx, cancel := d.deliveryContext()
	defer cancel()
	msgs := renderDiscord(r)
	err := d.callback(ctx, ic, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource, Data: msgs[0].responseData(r.Ephemeral),
	})
	if err != nil {
		switch restCode(err) {
		case discordgo.ErrCodeUnknownInteraction:
			d.log.Warn("interaction expired before it was answered")
		case discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged:
			d.log.Warn("interaction already answered")
		default:
			d.log.Error("answer interaction", "err", redact(err, ic.Token))
		}
		return
	}
	d.followups(ctx, ic, msgs[1:], r.Ephemeral)
}

// press handles a button click.
func (d *Discord) press(ic *discordgo.Interaction) {
	data := ic.MessageComponentData()
	user, admin := interactionUser(ic)
	r := d.bot.Click(d.work, data.CustomID, Press{User: user, GuildID: ic.GuildID, ChannelID: ic.ChannelID, Admin: admin})
	if r.Update {
		d.update(ic, r)
		return
	}
	d.respond(ic, r)
}

// update replaces the message a pressed button is on with the reply.
func (d *Discord) update(ic *discordgo.Interaction, r Reply) {
	ctx, cancel := d.deliveryContext()
	defer cancel()
	err := d.callback(ctx, ic, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage, Data: renderDiscord(r)[0].responseData(false),
	})
	if err != nil {
		d.log.Warn("update message", "err", redact(err, ic.Token))
	}
}

// autocomplete suggests option values as the user types.
func (d *Discord) autocomplete(ic *discordgo.Interaction) {
	name, opts := commandData(ic)
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, o := range opts {
		if !o.Focused {
			continue
		}
		for _, v := range d.bot.Complete(d.work, name, o.Name, fmt.Sprint(o.Value)) {
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(v, 100), Value: truncate(v, 100)})
		}
	}
	err := d.callback(d.work, ic, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
	if err != nil {
		d.log.Warn("autocomplete", "err", redact(err, ic.Token))
	}
}

// redact renders err without secret: REST errors quote the request URL,
// which for interactions holds the interaction's token.
func redact(err error, secret string) string {
	if secret == "" {
		return err.Error()
	}
	return strings.ReplaceAll(err.Error(), secret, "[token]")
}

// restStatus returns the HTTP status of a REST error, or 0.
func restStatus(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

// restCode returns the Discord error code of a REST error, or 0.
func restCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}

func threadKey(channelID string) string { return "thread:" + channelID }
func replyKey(messageID string) string  { return "msg:" + messageID }

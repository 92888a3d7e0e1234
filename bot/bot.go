package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/safetext"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Asker answers a question in the light of the conversation so far.
// *answer.Engine implements it.
type Asker interface {
	AskWith(ctx context.Context, question string, history []answer.Turn) (answer.Answer, error)
}

// Corpus describes the stored articles. *retrieval.Library implements it.
type Corpus interface {
	Documents() []retrieval.DocInfo
	Stats() retrieval.Stats
}

// Answers keeps the bot's answers, for their buttons, and the votes on
// them. *Store implements it; chat beside serve uses serve's, the one
// writer of its files.
type Answers interface {
	SaveAnswer(r AnswerRecord) error
	Answer(id string) (AnswerRecord, bool)
	SaveFeedback(f Feedback) (bool, error)
}

// Options configures a Bot.
type Options struct {
	Asker  Asker
	Corpus Corpus
	Store  Answers
	// Model is the language model's name, empty when answers are
	// extractive; /about reports it.
	Model string
	// Version is the build's version for /about.
	Version string
	Limits  Limits
	// ContextTurns is how many earlier exchanges a follow-up sees; 0
	// means DefaultContextTurns and a negative number none.
	ContextTurns int
	// MaxQuestionChars is the longest question accepted; 0 means
	// answer.DefaultMaxQuestionLen.
	MaxQuestionChars int
	// Timeline, when set, adds /timeline.
	Timeline Timeline
	// Digests, when set, adds /digest.
	Digests        Digests
	DigestDefaults DigestDefaults
	// Curator, when set, adds /ingest and /remove.
	Curator Curator
	// Commands are added to the built-in ones (ask, sources, about).
	Commands []Command
	Clock    answer.Clock
	Metrics  *Metrics
	Logger   *slog.Logger
}

// Bot is the chat front end: commands, conversations, limits and feedback,
// independent of any transport. It is safe for concurrent use.
type Bot struct {
	opts  Options
	log   *slog.Logger
	clock answer.Clock
	// commands holds what can run, by request name: top-level commands
	// and subcommands ("digest now"); top is what transports register.
	commands map[string]Command
	top      []Command
	limiter  *limiter
	convs    *conversations
}

// New returns a Bot. Asker, Corpus and Store are required.
func New(opts Options) (*Bot, error) {
	if opts.Asker == nil || opts.Corpus == nil || opts.Store == nil {
		return nil, errors.New("bot: Asker, Corpus and Store are required")
	}
	if opts.Clock == nil {
		opts.Clock = answer.RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.DigestDefaults.Time == "" {
		opts.DigestDefaults.Time = "09:00"
	}
	if opts.DigestDefaults.Zone == "" {
		opts.DigestDefaults.Zone = "UTC"
	}
	if opts.MaxQuestionChars <= 0 {
		opts.MaxQuestionChars = answer.DefaultMaxQuestionLen
	}
	b := &Bot{
		opts:     opts,
		log:      opts.Logger,
		clock:    opts.Clock,
		commands: map[string]Command{},
		limiter:  newLimiter(opts.Limits, opts.Clock),
		convs:    newConversations(opts.ContextTurns),
	}
	topNames := map[string]bool{}
	for _, c := range append(b.builtin(), opts.Commands...) {
		// A group is not in commands, so a command named like it is
		// caught here; Discord would refuse both at registration.
		if topNames[c.Name] {
			return nil, fmt.Errorf("bot: command %q is defined twice", c.Name)
		}
		topNames[c.Name] = true
		for _, r := range c.runnable() {
			if _, dup := b.commands[r.Name]; dup {
				return nil, fmt.Errorf("bot: command %q is defined twice", r.Name)
			}
			b.commands[r.Name] = r
		}
		b.top = append(b.top, c)
	}
	sort.Slice(b.top, func(i, j int) bool { return b.top[i].Name < b.top[j].Name })
	return b, nil
}

// builtin is the command registry: one line per command, each defined in
// its own file.
func (b *Bot) builtin() []Command {
	cmds := []Command{
		b.askCommand(),
		b.sourcesCommand(),
		b.aboutCommand(),
	}
	if b.opts.Timeline != nil {
		cmds = append(cmds, b.timelineCommand())
	}
	if b.opts.Digests != nil {
		cmds = append(cmds, b.digestCommand())
	}
	if b.opts.Curator != nil {
		cmds = append(cmds, ingestCommand(b.opts.Curator, b.opts.Corpus), removeCommand(b.opts.Curator, b.opts.Corpus))
	}
	return cmds
}

// Commands returns the top-level commands, sorted by name, with their
// subcommands under their short names.
func (b *Bot) Commands() []Command { return slices.Clone(b.top) }

// Command returns the command a request names: a top-level command or a
// subcommand ("digest now").
func (b *Bot) Command(name string) (Command, bool) {
	c, ok := b.commands[name]
	return c, ok
}

// Group returns the top-level command name when it groups subcommands.
func (b *Bot) Group(name string) (Command, bool) {
	for _, c := range b.top {
		if c.Name == name && len(c.Subcommands) > 0 {
			return c, true
		}
	}
	return Command{}, false
}

// Admit checks a request before the transport acknowledges it: the
// command exists, the user may run it, its options are valid, and the
// limits allow it. It returns the ticket to Execute with, or the refusal
// to show the user at once (ephemeral).
func (b *Bot) Admit(req Request) (*Ticket, *Reply) {
	cmd, ok := b.commands[req.Command]
	if !ok {
		r := note(fmt.Sprintf("I don't know the command /%s.", req.Command))
		if g, ok := b.Group(req.Command); ok {
			r = note(fmt.Sprintf("/%s needs one of: %s.", g.Name, subcommandNames(g)))
		}
		return nil, &r
	}
	if cmd.Admin && !req.Admin {
		r := note(fmt.Sprintf("/%s needs the Manage Server permission.", cmd.Name))
		return nil, &r
	}
	if cmd.Check != nil {
		if err := cmd.Check(req); err != nil {
			r := b.errorReply(req.Command, err)
			return nil, &r
		}
	}
	if !cmd.Limited {
		return nil, nil
	}
	t, refusal := b.limiter.admit(req.User.ID)
	if refusal != nil {
		b.opts.Metrics.limited(refusal.Reason)
		b.log.Info("request refused by a limit", "reason", refusal.Reason, "user", req.User.ID, "retry_after", refusal.RetryAfter)
		r := refusalReply(*refusal)
		return nil, &r
	}
	return t, nil
}

// subcommandNames lists a group's subcommands as "/digest now, /digest list".
func subcommandNames(g Command) string {
	var names []string
	for _, s := range g.Subcommands {
		names = append(names, "/"+g.Name+" "+s.Name)
	}
	return strings.Join(names, ", ")
}

// refusalReply tells a user over a limit when to try again.
func refusalReply(r Refusal) Reply {
	secs := int((r.RetryAfter + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	if r.Reason == "user" {
		return note(fmt.Sprintf("You're asking faster than I can keep up with. Please try again in %d s.", secs))
	}
	return note(fmt.Sprintf("I'm answering a lot of questions right now. Please try again in about %d s.", secs))
}

// Execute runs an admitted request and releases its ticket. It never
// fails: an error is logged and becomes a short ephemeral reply.
func (b *Bot) Execute(ctx context.Context, req Request, t *Ticket) Reply {
	defer t.Release()
	if err := t.Wait(ctx); err != nil {
		return b.errorReply(req.Command, err)
	}
	cmd := b.commands[req.Command]
	r, err := cmd.Run(ctx, req)
	if err != nil {
		return b.errorReply(req.Command, err)
	}
	return r
}

// Click handles a button press by its custom id. It never fails.
func (b *Bot) Click(ctx context.Context, customID string, p Press) Reply {
	name, action, arg, ok := parseButtonID(customID)
	cmd, known := b.commands[name]
	if !ok || !known || cmd.Press == nil {
		return note("That button no longer does anything.")
	}
	if cmd.Admin && !p.Admin {
		return note(fmt.Sprintf("/%s needs the Manage Server permission.", cmd.Name))
	}
	p.Action, p.Arg = action, arg
	r, err := cmd.Press(ctx, p)
	if err != nil {
		return b.errorReply(name, err)
	}
	return r
}

// Complete suggests values for a command's option (at most 25).
func (b *Bot) Complete(ctx context.Context, command, option, prefix string) []string {
	cmd, ok := b.commands[command]
	if !ok {
		return nil
	}
	for _, o := range cmd.Options {
		if o.Name == option && o.Complete != nil {
			out := o.Complete(ctx, prefix)
			if len(out) > 25 {
				out = out[:25]
			}
			clean := make([]string, len(out))
			for i, c := range out {
				clean[i] = safetext.Strip(c) // names from articles
			}
			return clean
		}
	}
	return nil
}

// History returns the conversation under key, oldest first.
func (b *Bot) History(key string) []answer.Turn { return b.convs.get(key) }

// Remember records that the exchange t followed prior, under key, so a
// follow-up there continues the conversation.
func (b *Bot) Remember(key string, prior []answer.Turn, t answer.Turn) { b.convs.put(key, prior, t) }

// BoundHistory keeps the last ContextTurns of a history the transport
// read back itself.
func (b *Bot) BoundHistory(ts []answer.Turn) []answer.Turn { return b.convs.bound(ts) }

// errorReply logs err and turns it into the user's short note: bad input
// is explained, anything else is apologised for without detail.
func (b *Bot) errorReply(command string, err error) Reply {
	switch {
	case errs.Code(err) == errs.Usage, errs.Code(err) == errs.Invalid, errs.Code(err) == errs.NotFound:
		b.log.Info("request refused", "command", command, "reason", errs.Message(err))
		return note(errs.Message(err))
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		b.log.Warn("request cancelled", "command", command, "err", err)
		return note("I had to stop before answering (the bot is restarting or the answer took too long). Please ask again.")
	default:
		b.log.Error("command failed", "command", command, "err", err)
		return note("Something went wrong on my side, and the operators can see what. Please try again later.")
	}
}

package bot

import (
	"context"
	"strings"

	"github.com/crisisbot/crisisbot/answer"
)

// OptionType is the kind of value a command option takes.
type OptionType int

// Option types; each maps onto Discord's option type of the same name.
const (
	String OptionType = iota
	Bool
	Integer
	// Channel takes a channel of the server; its value is the channel id.
	Channel
)

// Option is one named argument of a command.
type Option struct {
	Name        string
	Description string
	Type        OptionType
	Required    bool
	// MaxLength bounds a String option (Discord enforces it client-side
	// too); 0 means none.
	MaxLength int
	// Complete, when set, suggests values for a partly typed String option
	// (Discord autocomplete; at most 25 are shown).
	Complete func(ctx context.Context, prefix string) []string
}

// Command is one slash command, the same on every transport. Adding a
// command is one file that returns a Command, plus its line in Commands.
type Command struct {
	Name        string
	Description string
	Options     []Option
	// Admin commands change the corpus or posting: they need the Manage
	// Server permission, declared to Discord and checked again on use.
	Admin bool
	// Deferred commands are slow (they compose answers): the transport
	// acknowledges first and delivers the reply when Run returns.
	Deferred bool
	// Limited commands count against the per-user rate limit and the
	// global limit on work in flight.
	Limited bool
	// Check validates a request before it is acknowledged, so a bad one
	// gets its explanation at once; nil accepts every request.
	Check func(req Request) error
	// Run executes the command. Errors are logged and shown to the user
	// as a short note; errs codes choose the wording.
	Run func(ctx context.Context, req Request) (Reply, error)
	// Press handles a click on one of the command's buttons, whose custom
	// ids start with the command's name and a colon.
	Press func(ctx context.Context, p Press) (Reply, error)
	// Private commands always reply only to the requester; a deferred one
	// is acknowledged privately too, so no public placeholder shows.
	Private bool
	// Subcommands, when set, are what the command groups ("/digest now"):
	// the command itself has no Options or Run, and each subcommand is
	// requested by the two names joined by a space ("digest now"), with
	// its own Admin, Check and Run.
	Subcommands []Command
}

// runnable returns what c makes runnable: c itself, or its subcommands
// named "group sub".
func (c Command) runnable() []Command {
	if len(c.Subcommands) == 0 {
		return []Command{c}
	}
	out := make([]Command, 0, len(c.Subcommands))
	for _, sub := range c.Subcommands {
		sub.Name = c.Name + " " + sub.Name
		out = append(out, sub)
	}
	return out
}

// Request is one invocation of a command, from any transport.
type Request struct {
	Command string
	// Options holds the given options by name; Bool options are "true"
	// or "false".
	Options map[string]string
	User    User
	// GuildID is empty in direct messages and in the terminal.
	GuildID   string
	ChannelID string
	// Admin reports that the user may manage the server where they asked.
	Admin bool
	// History is the earlier exchanges of the conversation the request
	// continues, oldest first; empty for a new conversation.
	History []answer.Turn
}

// Press is a click on a button of an earlier reply.
type Press struct {
	// Action and Arg are the custom id after the command's name:
	// "ask:up:k3x9" is Action "up", Arg "k3x9".
	Action, Arg string
	User        User
	GuildID     string
	ChannelID   string
	Admin       bool
}

// User is who asked.
type User struct {
	ID   string
	Name string
}

// Private reports that the user asked for a reply only they can see.
func (r Request) Private() bool { return r.Option("private") == "true" }

// Option returns the named option's value, trimmed.
func (r Request) Option(name string) string { return strings.TrimSpace(r.Options[name]) }

// buttonID builds a button's custom id from its command, action and arg.
func buttonID(command, action, arg string) string {
	return command + ":" + action + ":" + arg
}

// parseButtonID splits a custom id into command, action and arg.
func parseButtonID(id string) (command, action, arg string, ok bool) {
	command, rest, ok := strings.Cut(id, ":")
	if !ok {
		return "", "", "", false
	}
	action, arg, _ = strings.Cut(rest, ":")
	return command, action, arg, command != "" && action != ""
}

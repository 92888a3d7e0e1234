package fakediscord

import (
	"fmt"
	"regexp"
	"strconv"
)

// Defaults for an Actor's empty fields. They are below every generated
// snowflake, so they never collide with one.
const (
	DefaultUserID    = "1100000000000000001"
	DefaultUsername  = "tester"
	DefaultChannelID = "1200000000000000001"
)

// appPermissions is what the bot may do where it is invoked, sent as the
// interactions' app_permissions: the usual set for a bot (view, send,
// embed, attach, read history, threads...).
const appPermissions = "2248473465835073"

// Actor is who does something in a built payload, and where.
type Actor struct {
	UserID   string // default DefaultUserID
	Username string // default DefaultUsername
	// GuildID is the guild; empty means a direct message with the bot.
	GuildID   string
	ChannelID string // default DefaultChannelID
	// Permissions is the member's permission bitfield in the channel, for
	// example 1<<5 for Manage Server (guild only).
	Permissions int64
	Roles       []string
}

func (a Actor) withDefaults() Actor {
	if a.UserID == "" {
		a.UserID = DefaultUserID
	}
	if a.Username == "" {
		a.Username = DefaultUsername
	}
	if a.ChannelID == "" {
		a.ChannelID = DefaultChannelID
	}
	return a
}

func (a Actor) user() map[string]any {
	return map[string]any{
		"id": a.UserID, "username": a.Username, "discriminator": "0", "global_name": a.Username,
		"avatar": nil, "public_flags": 0,
	}
}

// member is the guild member object; in a MESSAGE_CREATE it has no user.
func (s *Server) member(a Actor, withUser bool) map[string]any {
	roles := []any{}
	for _, r := range a.Roles {
		roles = append(roles, r)
	}
	m := map[string]any{
		"roles": roles, "joined_at": s.timestamp(), "nick": nil, "avatar": nil, "premium_since": nil,
		"deaf": false, "mute": false, "flags": 0, "pending": false, "communication_disabled_until": nil,
	}
	if withUser {
		m["user"] = a.user()
		m["permissions"] = strconv.FormatInt(a.Permissions, 10)
	}
	return m
}

// CommandOption is one option of an invoked slash command.
type CommandOption struct {
	Name string
	// Type is Discord's option type: 1 sub-command, 2 group, 3 string,
	// 4 integer, 5 boolean, 10 number.
	Type    int
	Value   any
	Focused bool // the option being typed, in an autocomplete
	Options []CommandOption
}

// Option is a valued option, its type taken from value: string 3, integer
// types 4, bool 5, float64 10; anything else is sent as a string.
func Option(name string, value any) CommandOption {
	switch v := value.(type) {
	case string:
		return CommandOption{Name: name, Type: 3, Value: v}
	case int, int32, int64:
		return CommandOption{Name: name, Type: 4, Value: v}
	case bool:
		return CommandOption{Name: name, Type: 5, Value: v}
	case float64:
		return CommandOption{Name: name, Type: 10, Value: v}
	}
	return CommandOption{Name: name, Type: 3, Value: fmt.Sprint(value)}
}

// Focused is the string option being typed in an autocomplete.
func Focused(name, partial string) CommandOption {
	return CommandOption{Name: name, Type: 3, Value: partial, Focused: true}
}

// SubCommand is a sub-command option with its own options.
func SubCommand(name string, opts ...CommandOption) CommandOption {
	return CommandOption{Name: name, Type: 1, Options: opts}
}

func (o CommandOption) json() map[string]any {
	m := map[string]any{"name": o.Name, "type": o.Type}
	if o.Type == 1 || o.Type == 2 {
		subs := []any{}
		for _, sub := range o.Options {
			subs = append(subs, sub.json())
		}
		m["options"] = subs
	} else {
		m["value"] = o.Value
	}
	if o.Focused {
		m["focused"] = true
	}
	return m
}

// SlashCommand builds an INTERACTION_CREATE payload (type 2) for the chat
// input command name with opts, as a Dispatch argument. The command's id is
// the registered one if the bot registered it. The result is a fresh map the
// caller may change before dispatching.
func (s *Server) SlashCommand(a Actor, name string, opts ...CommandOption) map[string]any {
	return s.commandInteraction(2, a, name, opts)
}

// Autocomplete builds an INTERACTION_CREATE payload (type 4) for a command
// whose option marked Focused is being typed.
func (s *Server) Autocomplete(a Actor, name string, opts ...CommandOption) map[string]any {
	return s.commandInteraction(4, a, name, opts)
}

func (s *Server) commandInteraction(kind int, a Actor, name string, opts []CommandOption) map[string]any {
	a = a.withDefaults()
	s.mu.Lock()
	defer s.mu.Unlock()
	data := map[string]any{"name": name, "type": 1}
	for _, scope := range []string{a.GuildID, ""} {
		for _, c := range s.st.commands[scope] {
			if str(c, "name") == name && data["id"] == nil {
				data["id"] = c["id"]
				if scope != "" {
					data["guild_id"] = scope
				}
			}
		}
	}
	if data["id"] == nil {
		data["id"] = s.newIDLocked()
	}
	if len(opts) > 0 {
		list := []any{}
		for _, o := range opts {
			list = append(list, o.json())
		}
		data["options"] = list
	}
	return s.interactionLocked(kind, a, data)
}

// ButtonClick builds an INTERACTION_CREATE payload (type 3) for a click on
// the button customID of message (a message the bot posted, from
// StoredMessage or a call's answer). The channel is the message's.
func (s *Server) ButtonClick(a Actor, message map[string]any, customID string) map[string]any {
	a = a.withDefaults()
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := clone(message)
	if msg == nil {
		msg = s.newMessageLocked(a.ChannelID, map[string]any{}, nil)
	}
	if cid := str(msg, "channel_id"); cid != "" {
		a.ChannelID = cid
	}
	in := s.interactionLocked(3, a, map[string]any{"custom_id": customID, "component_type": 2})
	in["message"] = msg
	return in
}

// interactionLocked builds the common fields of an interaction.
func (s *Server) interactionLocked(kind int, a Actor, data map[string]any) map[string]any {
	id := s.newIDLocked()
	in := map[string]any{
		"id":                    id,
		"application_id":        s.opts.AppID,
		"type":                  kind,
		"data":                  data,
		"channel_id":            a.ChannelID,
		"token":                 "fakeinteractiontoken" + id,
		"version":               1,
		"locale":                "en-US",
		"app_permissions":       appPermissions,
		"entitlements":          []any{},
		"attachment_size_limit": 10485760,
	}
	ch := clone(s.st.channels[a.ChannelID])
	if a.GuildID != "" {
		in["guild_id"] = a.GuildID
		in["guild_locale"] = "en-US"
		in["guild"] = map[string]any{"id": a.GuildID, "locale": "en-US", "features": []any{}}
		in["member"] = s.member(a, true)
		in["authorizing_integration_owners"] = map[string]any{"0": a.GuildID}
		in["context"] = 0
		if ch == nil {
			ch = map[string]any{"id": a.ChannelID, "type": typeGuildText, "guild_id": a.GuildID}
		}
	} else {
		in["user"] = a.user()
		in["authorizing_integration_owners"] = map[string]any{"0": "0"}
		in["context"] = 1
		if ch == nil {
			ch = map[string]any{"id": a.ChannelID, "type": typeDM}
		}
	}
	in["channel"] = ch
	return in
}

// mentionPattern finds user mentions in message content.
var mentionPattern = regexp.MustCompile(`<@!?(\d+)>`)

// Message builds a MESSAGE_CREATE payload: a user's message with content.
// Mentions in the content ("<@BOTID>") fill "mentions", so a message that
// mentions the bot looks as Discord sends it.
func (s *Server) Message(a Actor, content string) map[string]any {
	a = a.withDefaults()
	s.mu.Lock()
	defer s.mu.Unlock()
	mentions := []any{}
	seen := map[string]bool{}
	for _, sm := range mentionPattern.FindAllStringSubmatch(content, -1) {
		id := sm[1]
		if seen[id] {
			continue
		}
		seen[id] = true
		if id == s.opts.BotID {
			mentions = append(mentions, s.botUser())
		} else {
			mentions = append(mentions, Actor{UserID: id, Username: "user" + id}.user())
		}
	}
	m := map[string]any{
		"id":               s.newIDLocked(),
		"channel_id":       a.ChannelID,
		"author":           a.user(),
		"content":          content,
		"timestamp":        s.timestamp(),
		"edited_timestamp": nil,
		"tts":              false,
		"mention_everyone": false,
		"mentions":         mentions,
		"mention_roles":    []any{},
		"attachments":      []any{},
		"embeds":           []any{},
		"components":       []any{},
		"pinned":           false,
		"type":             0,
		"flags":            0,
	}
	if a.GuildID != "" {
		m["guild_id"] = a.GuildID
		m["member"] = s.member(a, false)
	}
	return m
}

// Reply builds a MESSAGE_CREATE payload for a user's reply to message to.
func (s *Server) Reply(a Actor, content string, to map[string]any) map[string]any {
	m := s.Message(a, content)
	m["type"] = 19
	ref := map[string]any{"message_id": str(to, "id"), "channel_id": str(to, "channel_id"), "type": 0}
	if a.GuildID != "" {
		ref["guild_id"] = a.GuildID
	}
	m["message_reference"] = ref
	m["referenced_message"] = clone(to)
	return m
}

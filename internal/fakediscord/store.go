package fakediscord

import (
	"cmp"
	"slices"
	"strconv"
)

// store is what the fake Discord remembers, guarded by Server.mu. Values
// are JSON maps owned by the store: callers get clones.
type store struct {
	channels   map[string]map[string]any
	guilds     map[string]map[string]any
	guildOrder []string
	members    map[string]map[string]map[string]any // guild id, user id
	messages   map[string]map[string]any
	seq        map[string]int              // message id -> insertion order, to break id ties
	commands   map[string][]map[string]any // "" for global, else guild id
	// interactions by token: their callback and webhooks are accepted.
	interactions map[string]*interaction
	inserted     int
}

// interaction is a dispatched INTERACTION_CREATE.
type interaction struct {
	id, token, channelID, guildID string
	kind                          int64
	message                       map[string]any // the clicked message of a component
	responded                     bool
	original                      string // the original response's message id
}

func newStore() store {
	return store{
		channels:     map[string]map[string]any{},
		guilds:       map[string]map[string]any{},
		members:      map[string]map[string]map[string]any{},
		messages:     map[string]map[string]any{},
		seq:          map[string]int{},
		commands:     map[string][]map[string]any{},
		interactions: map[string]*interaction{},
	}
}

// AddChannel stores a channel object (a guild text channel, a DM, a
// thread) and returns its id, generated if ch has none. A missing "type"
// means 0 (guild text).
func (s *Server) AddChannel(ch map[string]any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putChannelLocked(cloneOrNew(ch))
}

func (s *Server) putChannelLocked(ch map[string]any) string {
	if str(ch, "id") == "" {
		ch["id"] = s.newIDLocked()
	}
	if _, ok := ch["type"]; !ok {
		ch["type"] = 0
	}
	s.st.channels[str(ch, "id")] = ch
	return str(ch, "id")
}

// AddGuild stores a guild object and returns its id, generated if g has
// none. Its "channels", "threads" and "members" are stored too.
func (s *Server) AddGuild(g map[string]any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addGuildLocked(cloneOrNew(g))
}

func (s *Server) addGuildLocked(g map[string]any) string {
	id := str(g, "id")
	if id == "" {
		id = s.newIDLocked()
		g["id"] = id
	}
	if _, ok := s.st.guilds[id]; !ok {
		s.st.guildOrder = append(s.st.guildOrder, id)
	}
	s.st.guilds[id] = g
	for _, key := range []string{"channels", "threads"} {
		for _, c := range array(g, key) {
			if cm, ok := c.(map[string]any); ok {
				cm = clone(cm)
				cm["guild_id"] = id
				s.putChannelLocked(cm)
			}
		}
	}
	for _, m := range array(g, "members") {
		if mm, ok := m.(map[string]any); ok {
			s.putMemberLocked(id, clone(mm))
		}
	}
	return id
}

// AddMember stores a guild member object; it needs "user": {"id": ...}.
func (s *Server) AddMember(guildID string, member map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putMemberLocked(guildID, cloneOrNew(member))
}

func (s *Server) putMemberLocked(guildID string, m map[string]any) {
	if s.st.members[guildID] == nil {
		s.st.members[guildID] = map[string]map[string]any{}
	}
	s.st.members[guildID][str(object(m, "user"), "id")] = m
}

// AddMessage stores a message object (it needs "channel_id") as if it had
// been posted earlier, and returns its id, generated if msg has none.
func (s *Server) AddMessage(msg map[string]any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putMessageLocked(cloneOrNew(msg))
}

func (s *Server) putMessageLocked(m map[string]any) string {
	if str(m, "id") == "" {
		m["id"] = s.newIDLocked()
	}
	id := str(m, "id")
	if _, ok := s.st.seq[id]; !ok {
		s.st.inserted++
		s.st.seq[id] = s.st.inserted
	}
	s.st.messages[id] = m
	return id
}

// StoredChannel returns a stored channel or thread.
func (s *Server) StoredChannel(id string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.st.channels[id]
	return clone(ch), ok
}

// StoredMessage returns a stored message: posted by the bot (to a channel,
// as an interaction response or follow-up), dispatched, or added.
func (s *Server) StoredMessage(id string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.st.messages[id]
	return clone(m), ok
}

// StoredMessages returns a channel's messages, oldest first, without
// ephemeral ones (which no channel history shows).
func (s *Server) StoredMessages(channelID string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, m := range s.channelMessagesLocked(channelID) {
		out = append(out, clone(m))
	}
	return out
}

// Commands returns the registered application commands: global ones for
// guildID "", else the guild's.
func (s *Server) Commands(guildID string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, c := range s.st.commands[guildID] {
		out = append(out, clone(c))
	}
	return out
}

const flagEphemeral = 1 << 6

// channelMessagesLocked is a channel's visible messages, oldest first: by
// snowflake, then by insertion for ids that are not numbers.
func (s *Server) channelMessagesLocked(channelID string) []map[string]any {
	var out []map[string]any
	for _, m := range s.st.messages {
		if str(m, "channel_id") == channelID && integer(m, "flags")&flagEphemeral == 0 {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b map[string]any) int {
		if c := cmp.Compare(snowflake(str(a, "id")), snowflake(str(b, "id"))); c != 0 {
			return c
		}
		return cmp.Compare(s.st.seq[str(a, "id")], s.st.seq[str(b, "id")])
	})
	return out
}

// snowflake parses an id; ids that are not numbers sort first.
func snowflake(id string) uint64 {
	n, _ := strconv.ParseUint(id, 10, 64)
	return n
}

// addInteractionLocked registers a dispatched interaction by its token.
func (s *Server) addInteractionLocked(m map[string]any) {
	tok := str(m, "token")
	if tok == "" {
		return
	}
	if _, ok := s.st.interactions[tok]; ok {
		return // dispatched again: keep its state
	}
	s.st.interactions[tok] = &interaction{
		id:        str(m, "id"),
		token:     tok,
		channelID: str(m, "channel_id"),
		guildID:   str(m, "guild_id"),
		kind:      integer(m, "type"),
		message:   clone(object(m, "message")),
	}
}

// seeChannelLocked stores the channel a dispatched message or interaction
// happened in, if it is new: the bot may answer there.
func (s *Server) seeChannelLocked(m map[string]any) {
	id := str(m, "channel_id")
	if id == "" || s.st.channels[id] != nil {
		return
	}
	ch := clone(object(m, "channel"))
	if ch == nil {
		ch = map[string]any{"id": id, "type": typeDM}
		if gid := str(m, "guild_id"); gid != "" {
			ch["type"] = typeGuildText
			ch["guild_id"] = gid
		}
	}
	ch["id"] = id
	s.putChannelLocked(ch)
}
